/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-body"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wb-body.h"

/* A field name in a problem is cut to this many bytes. */
#define MAX_FIELD_NAME 100

typedef enum {
  SCAN_OK,
  SCAN_TOO_DEEP,
  SCAN_NUL,
  SCAN_SURROGATE,
  SCAN_CONTROL,
  SCAN_SYNTAX,
} ScanResult;

typedef struct {
  const char *data;
  gsize length;
  guint depth;
  guint64 objects;          /* bit d - 1 is set when the container at depth d is an object */
  gboolean expect_name;     /* the next text in the current object is a member name */
  const char *member;       /* the raw name of the member of the outer object being read */
  gsize member_length;
  gunichar bad;             /* the character of a SCAN_CONTROL or SCAN_SURROGATE */
  gsize end;                /* where a SCAN_SYNTAX was found */
} Scan;

static int
hex4 (const char *p)
{
  int value = 0;

  for (int i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

static gboolean
in_object (Scan *scan)
{
  return scan->depth > 0 && (scan->objects & (G_GUINT64_CONSTANT (1) << (scan->depth - 1))) != 0;
}

/* Reads the text that starts after the quote at @start and sets @end to its closing
 * quote, or to where it stopped at something wrong. */
static ScanResult
scan_string (Scan  *scan,
             gsize  start,
             gsize *end)
{
  const char *data = scan->data;
  gsize p = start;

  while (p < scan->length && data[p] != '"')
    {
      guchar c = data[p];

      if (c == '\\')
        {
          int code;

          if (p + 1 < scan->length && strchr ("\"\\/bfnrt", data[p + 1]) != NULL && data[p + 1] != '\0')
            {
              p += 2;
              continue;
            }
          if (p + 1 >= scan->length || data[p + 1] != 'u' || scan->length - p < 6 || (code = hex4 (data + p + 2)) < 0)
            {
              *end = p;
              scan->end = p;
              return SCAN_SYNTAX;
            }
          if (code == 0)
            {
              *end = p;
              return SCAN_NUL;
            }
          if (code >= 0xDC00 && code <= 0xDFFF)
            {
              scan->bad = code;
              *end = p;
              return SCAN_SURROGATE;
            }
          if (code >= 0xD800 && code <= 0xDBFF)
            {
              int low = scan->length - p >= 12 && data[p + 6] == '\\' && data[p + 7] == 'u'
                        ? hex4 (data + p + 8) : -1;

              if (low < 0xDC00 || low > 0xDFFF)
                {
                  scan->bad = code;
                  *end = p;
                  return SCAN_SURROGATE;
                }
              p += 12;
              continue;
            }
          p += 6;
          continue;
        }
      if (c < 0x20)
        {
          scan->bad = c;
          *end = p;
          return SCAN_CONTROL;
        }
      p++;
    }
  *end = p;
  if (p >= scan->length)
    {
      scan->end = p;
      return SCAN_SYNTAX;
    }
  return SCAN_OK;
}

static gsize
skip_space (Scan  *scan,
            gsize  p)
{
  while (p < scan->length && (scan->data[p] == ' ' || scan->data[p] == '\t' ||
                              scan->data[p] == '\n' || scan->data[p] == '\r'))
    p++;
  return p;
}

static gboolean
skip_digits (Scan  *scan,
             gsize *p)
{
  gsize start = *p;

  while (*p < scan->length && g_ascii_isdigit (scan->data[*p]))
    (*p)++;
  return *p > start;
}

/* -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static gboolean
skip_number (Scan  *scan,
             gsize *p)
{
  if (*p < scan->length && scan->data[*p] == '-')
    (*p)++;
  if (*p < scan->length && scan->data[*p] == '0')
    (*p)++;
  else if (!skip_digits (scan, p))
    return FALSE;
  if (*p < scan->length && scan->data[*p] == '.')
    {
      (*p)++;
      if (!skip_digits (scan, p))
        return FALSE;
    }
  if (*p < scan->length && (scan->data[*p] == 'e' || scan->data[*p] == 'E'))
    {
      (*p)++;
      if (*p < scan->length && (scan->data[*p] == '+' || scan->data[*p] == '-'))
        (*p)++;
      if (!skip_digits (scan, p))
        return FALSE;
    }
  return TRUE;
}

static gboolean
skip_word (Scan       *scan,
           gsize      *p,
           const char *word)
{
  gsize n = strlen (word);

  if (scan->length - *p < n || memcmp (scan->data + *p, word, n) != 0)
    return FALSE;
  *p += n;
  return TRUE;
}

typedef enum {
  EXPECT_VALUE,
  EXPECT_VALUE_OR_END,   /* after [ */
  EXPECT_NAME,           /* after , in an object */
  EXPECT_NAME_OR_END,    /* after { */
  EXPECT_COLON,
  EXPECT_NEXT,           /* after a value: , or the end of its container */
} Expect;

/* One pass over the bytes that holds them to strict JSON (RFC 8259), without recursion:
 * json-glib takes more (single quotes, comments, hexadecimal numbers, a second value after
 * the first), and what it takes besides JSON is not scanned here. Inside texts it looks at
 * each escape. json-glib still does the parsing. */
static ScanResult
scan_body (Scan *scan)
{
  Expect expect = EXPECT_VALUE;
  gsize p = skip_space (scan, 0);

  while (p < scan->length)
    {
      char c = scan->data[p];

      switch (expect)
        {
        case EXPECT_NAME:
        case EXPECT_NAME_OR_END:
          if (c == '}' && expect == EXPECT_NAME_OR_END)
            break;
          if (c != '"')
            {
              scan->end = p;
              return SCAN_SYNTAX;
            }
          {
            ScanResult result;
            gsize end;

            if (scan->depth == 1)
              {
                /* The member being read, also while its own name is scanned. */
                scan->member = scan->data + p + 1;
                scan->member_length = 0;
              }
            result = scan_string (scan, p + 1, &end);
            if (scan->depth == 1)
              {
                /* A name that is wrong itself is named whole. */
                while (end < scan->length && scan->data[end] != '"')
                  end += scan->data[end] == '\\' ? 2 : 1;
                scan->member_length = MIN (end, scan->length) - (p + 1);
              }
            if (result != SCAN_OK)
              return result;
            p = end + 1;
            expect = EXPECT_COLON;
          }
          p = skip_space (scan, p);
          continue;

        case EXPECT_COLON:
          if (c != ':')
            {
              scan->end = p;
              return SCAN_SYNTAX;
            }
          p = skip_space (scan, p + 1);
          expect = EXPECT_VALUE;
          continue;

        case EXPECT_NEXT:
          if (c == ',' && scan->depth > 0)
            {
              expect = in_object (scan) ? EXPECT_NAME : EXPECT_VALUE;
              p = skip_space (scan, p + 1);
              continue;
            }
          if ((c == '}' && in_object (scan)) || (c == ']' && scan->depth > 0 && !in_object (scan)))
            break;
          scan->end = p;
          return SCAN_SYNTAX;

        case EXPECT_VALUE_OR_END:
          if (c == ']')
            break;
          G_GNUC_FALLTHROUGH;
        case EXPECT_VALUE:
        default:
          if (c == '{' || c == '[')
            {
              if (scan->depth == WB_BODY_MAX_DEPTH)
                return SCAN_TOO_DEEP;
              scan->depth++;
              if (c == '{')
                scan->objects |= G_GUINT64_CONSTANT (1) << (scan->depth - 1);
              else
                scan->objects &= ~(G_GUINT64_CONSTANT (1) << (scan->depth - 1));
              expect = c == '{' ? EXPECT_NAME_OR_END : EXPECT_VALUE_OR_END;
              p = skip_space (scan, p + 1);
              continue;
            }
          if (c == '"')
            {
              ScanResult result;
              gsize end;

              if ((result = scan_string (scan, p + 1, &end)) != SCAN_OK)
                return result;
              p = end + 1;
            }
          else if (!(c == '-' || g_ascii_isdigit (c) ? skip_number (scan, &p)
                     : skip_word (scan, &p, "true") || skip_word (scan, &p, "false") || skip_word (scan, &p, "null")))
            {
              scan->end = p;
              return SCAN_SYNTAX;
            }
          expect = EXPECT_NEXT;
          p = skip_space (scan, p);
          continue;
        }

      /* The end of an object or array. */
      scan->depth--;
      expect = EXPECT_NEXT;
      p = skip_space (scan, p + 1);
    }

  /* Only one value, and a whole one. */
  if (expect != EXPECT_NEXT || scan->depth != 0)
    {
      scan->end = p;
      return SCAN_SYNTAX;
    }
  return SCAN_OK;
}

/* The name of the member where the scan stopped, as it is written in the body, cut at a
 * character boundary; NULL outside a member. */
static char *
member_name (Scan *scan)
{
  const char *end;

  if (scan->member == NULL)
    return NULL;
  if (scan->member_length <= MAX_FIELD_NAME)
    return g_strndup (scan->member, scan->member_length);
  /* The data is valid UTF-8: cut before the character that starts at or spans the limit. */
  end = scan->member + MAX_FIELD_NAME;
  while (end > scan->member && (*end & 0xC0) == 0x80)
    end--;
  return g_strndup (scan->member, end - scan->member);
}

static WbProblem *
scan_problem (Scan       *scan,
              ScanResult  result)
{
  g_autofree char *field = member_name (scan);
  g_autofree char *message = NULL;
  WbProblem *problem;

  switch (result)
    {
    case SCAN_TOO_DEEP:
      {
        g_autofree char *detail = g_strdup_printf (_("Arrays and objects may be nested at most %d deep."),
                                                   WB_BODY_MAX_DEPTH);

        return wb_problem_new (400, _("The body is not valid JSON"), detail);
      }
    case SCAN_NUL:
      problem = wb_problem_new (400, _("The request is not valid"),
                                _("Correct the fields listed in errors and send it again."));
      message = g_strdup (_("may not contain the character U+0000"));
      break;
    case SCAN_SURROGATE:
      problem = wb_problem_new (400, _("The body is not valid JSON"),
                                _("A text holds half of a surrogate pair, which is not a character."));
      message = g_strdup_printf (_("holds half of a surrogate pair (\\u%04X)"), scan->bad);
      break;
    case SCAN_CONTROL:
      problem = wb_problem_new (400, _("The body is not valid JSON"),
                                _("A text holds a control character as it is; JSON writes it escaped."));
      message = g_strdup_printf (_("holds the control character U+%04X unescaped"), scan->bad);
      break;
    case SCAN_SYNTAX:
      {
        guint line = 1, column = 1;
        g_autofree char *detail = NULL;

        for (gsize i = 0; i < scan->end && i < scan->length; i++)
          {
            if (scan->data[i] == '\n')
              {
                line++;
                column = 1;
              }
            else if ((scan->data[i] & 0xC0) != 0x80)
              column++;
          }
        detail = g_strdup_printf (_("It is not strict JSON (RFC 8259) at line %u, column %u."), line, column);
        return wb_problem_new (400, _("The body is not valid JSON"), detail);
      }
    case SCAN_OK:
    default:
      g_assert_not_reached ();
    }
  if (field != NULL)
    wb_problem_add_error (problem, field, message);
  else if (problem->detail != NULL)
    {
      g_autofree char *detail = g_strdup_printf ("%s (%s)", problem->detail, message);

      g_free (problem->detail);
      problem->detail = g_steal_pointer (&detail);
    }
  return problem;
}

JsonObject *
wb_body_parse_object (const char  *data,
                      gsize        length,
                      WbProblem  **problem)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  Scan scan = { .data = data, .length = length };
  ScanResult result;
  JsonNode *root;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (problem != NULL && *problem == NULL, NULL);

  if (length == 0 || !g_utf8_validate (data, length, NULL))
    {
      *problem = wb_problem_new (400, _("The body is not valid JSON"),
                                 _("The request has no JSON body, or it is not UTF-8."));
      return NULL;
    }
  if ((result = scan_body (&scan)) != SCAN_OK)
    {
      *problem = scan_problem (&scan, result);
      return NULL;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, length, &error))
    {
      *problem = wb_problem_new (400, _("The body is not valid JSON"), error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      *problem = wb_problem_new (400, _("The body is not valid JSON"), _("The body must be a JSON object."));
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}
