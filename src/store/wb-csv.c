/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-csv"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wb-csv.h"
#include "wb-store.h"
#include "wb-validate.h"

struct _WbCsv
{
  GMappedFile *file;
  GBytes *bytes;
  char *path;
  const char *data;
  gsize length;
  gsize pos;
  guint line;          /* physical line at pos */
  guint record_line;   /* physical line where the current record starts */
  char delimiter;
  GPtrArray *header;   /* char * */
  GPtrArray *fields;   /* char *, the current record */
  GString *buffer;
};

void
wb_csv_free (WbCsv *csv)
{
  if (csv == NULL)
    return;
  g_clear_pointer (&csv->file, g_mapped_file_unref);
  g_clear_pointer (&csv->bytes, g_bytes_unref);
  g_clear_pointer (&csv->header, g_ptr_array_unref);
  g_clear_pointer (&csv->fields, g_ptr_array_unref);
  if (csv->buffer != NULL)
    g_string_free (csv->buffer, TRUE);
  g_free (csv->path);
  g_free (csv);
}

static gboolean
only_spaces (GString *buffer)
{
  for (gsize i = 0; i < buffer->len; i++)
    if (buffer->str[i] != ' ')
      return FALSE;
  return TRUE;
}

/* Reads one record into csv->fields. Returns FALSE at the end of the data. */
static gboolean
read_record (WbCsv    *csv,
             GError  **error)
{
  gboolean in_quotes = FALSE;
  gboolean any = FALSE;

  g_ptr_array_set_size (csv->fields, 0);
  g_string_truncate (csv->buffer, 0);
  csv->record_line = csv->line;

  if (csv->pos >= csv->length)
    return FALSE;

  while (csv->pos < csv->length)
    {
      char c = csv->data[csv->pos++];

      any = TRUE;
      if (in_quotes)
        {
          if (c == '"')
            {
              if (csv->pos < csv->length && csv->data[csv->pos] == '"')
                {
                  g_string_append_c (csv->buffer, '"');
                  csv->pos++;
                }
              else
                in_quotes = FALSE;
            }
          else
            {
              if (c == '\n')
                csv->line++;
              g_string_append_c (csv->buffer, c);
            }
          continue;
        }

      /* A quote opens a quoted field only at its start (spaces before it are dropped, as
       * Excel does); elsewhere it is an ordinary character. */
      if (c == '"' && only_spaces (csv->buffer))
        {
          g_string_truncate (csv->buffer, 0);
          in_quotes = TRUE;
        }
      else if (c == csv->delimiter)
        {
          g_ptr_array_add (csv->fields, g_strstrip (g_strdup (csv->buffer->str)));
          g_string_truncate (csv->buffer, 0);
        }
      else if (c == '\n' || c == '\r')
        {
          if (c == '\r' && csv->pos < csv->length && csv->data[csv->pos] == '\n')
            csv->pos++;
          csv->line++;
          break;
        }
      else
        g_string_append_c (csv->buffer, c);
    }

  if (in_quotes)
    {
      g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID,
                   _("%s, line %u: a quoted field is never closed"), csv->path, csv->record_line);
      return FALSE;
    }
  if (any)
    g_ptr_array_add (csv->fields, g_strstrip (g_strdup (csv->buffer->str)));
  return any;
}

static char
detect_delimiter (const char *data,
                  gsize       length)
{
  guint semicolons = 0, commas = 0, tabs = 0;
  gboolean in_quotes = FALSE;

  for (gsize i = 0; i < length && data[i] != '\n'; i++)
    {
      if (data[i] == '"')
        in_quotes = !in_quotes;
      else if (!in_quotes && data[i] == ';')
        semicolons++;
      else if (!in_quotes && data[i] == ',')
        commas++;
      else if (!in_quotes && data[i] == '\t')
        tabs++;
    }
  if (tabs > semicolons && tabs > commas)
    return '\t';
  return semicolons > commas ? ';' : ',';
}

/* Checks the text and reads the header of @csv, whose data is set. */
static WbCsv *
start_reading (WbCsv   *csv_in,
               GError **error)
{
  g_autoptr(WbCsv) csv = csv_in;
  const char *path = csv->path;
  const char *bad = NULL;

  csv->line = 1;
  csv->fields = g_ptr_array_new_with_free_func (g_free);
  csv->buffer = g_string_new (NULL);

  if (csv->data == NULL || csv->length == 0)
    {
      g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID, _("%s is empty"), path);
      return NULL;
    }
  if (csv->length >= 3 && memcmp (csv->data, "\xEF\xBB\xBF", 3) == 0)
    csv->pos = 3;
  /* One pass over the whole file; it is cheap next to the parsing, and a file that is
   * half Latin-1 must be refused before anything of it is written. */
  if (!g_utf8_validate_len (csv->data + csv->pos, csv->length - csv->pos, &bad))
    {
      guint line = 1;

      for (const char *p = csv->data + csv->pos; p < bad; p++)
        if (*p == '\n')
          line++;
      g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID,
                   _("%s, line %u: the text is not UTF-8; save the file from Excel as “CSV UTF-8”"),
                   path, line);
      return NULL;
    }

  csv->delimiter = detect_delimiter (csv->data + csv->pos, csv->length - csv->pos);
  if (!read_record (csv, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID, _("%s has no header line"), path);
      return NULL;
    }
  csv->header = g_steal_pointer (&csv->fields);
  csv->fields = g_ptr_array_new_with_free_func (g_free);
  return g_steal_pointer (&csv);
}

WbCsv *
wb_csv_open (const char  *path,
             GError     **error)
{
  WbCsv *csv;

  g_return_val_if_fail (path != NULL, NULL);

  csv = g_new0 (WbCsv, 1);
  csv->path = g_strdup (path);
  csv->file = g_mapped_file_new (path, FALSE, error);
  if (csv->file == NULL)
    {
      wb_csv_free (csv);
      return NULL;
    }
  csv->data = g_mapped_file_get_contents (csv->file);
  csv->length = g_mapped_file_get_length (csv->file);
  return start_reading (csv, error);
}

WbCsv *
wb_csv_new_from_bytes (const char  *name,
                       GBytes      *bytes,
                       GError     **error)
{
  WbCsv *csv;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (bytes != NULL, NULL);

  csv = g_new0 (WbCsv, 1);
  csv->path = g_strdup (name);
  csv->bytes = g_bytes_ref (bytes);
  csv->data = g_bytes_get_data (bytes, &csv->length);
  return start_reading (csv, error);
}

int
wb_csv_column (WbCsv      *csv,
               const char *name)
{
  for (guint i = 0; i < csv->header->len; i++)
    if (g_ascii_strcasecmp (csv->header->pdata[i], name) == 0)
      return (int) i;
  return -1;
}

int
wb_csv_column_any (WbCsv              *csv,
                   const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      int column = wb_csv_column (csv, names[i]);

      if (column >= 0)
        return column;
    }
  return -1;
}

guint
wb_csv_get_n_columns (WbCsv *csv)
{
  return csv->header->len;
}

char
wb_csv_get_delimiter (WbCsv *csv)
{
  return csv->delimiter;
}

gboolean
wb_csv_next (WbCsv   *csv,
             GError **error)
{
  while (read_record (csv, error))
    {
      /* Skip empty lines, including lines of only delimiters as Excel leaves them. */
      for (guint i = 0; i < csv->fields->len; i++)
        if (*(const char *) csv->fields->pdata[i] != '\0')
          return TRUE;
    }
  return FALSE;
}

guint
wb_csv_get_n_fields (WbCsv *csv)
{
  return csv->fields->len;
}

const char *
wb_csv_get (WbCsv *csv,
            int    index)
{
  if (index < 0 || (guint) index >= csv->fields->len)
    return "";
  return csv->fields->pdata[index];
}

guint
wb_csv_get_line (WbCsv *csv)
{
  return csv->record_line;
}

gboolean
wb_csv_parse_number (const char *text,
                     double     *value)
{
  g_autoptr(GString) clean = NULL;
  const char *comma, *dot, *decimal;
  char *end = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;

  /* With both separators, the last one is the decimal one ("1.234,5", "1,234.5"); a lone
   * comma is the Dutch decimal comma; several dots group thousands ("1.234.567"). */
  comma = strrchr (text, ',');
  dot = strrchr (text, '.');
  if (comma != NULL && dot != NULL)
    decimal = comma > dot ? comma : dot;
  else if (comma != NULL)
    decimal = strchr (text, ',') == comma ? comma : NULL;
  else if (dot != NULL)
    decimal = strchr (text, '.') == dot ? dot : NULL;
  else
    decimal = NULL;

  clean = g_string_new (NULL);
  for (const char *p = text; *p; p++)
    {
      if (p == decimal)
        g_string_append_c (clean, '.');
      else if (*p != ',' && *p != '.' && *p != ' ' && *p != '%')
        g_string_append_c (clean, *p);
    }
  *value = g_ascii_strtod (clean->str, &end);
  return end != clean->str && *end == '\0';
}

char *
wb_csv_parse_date (const char *text)
{
  int a, b, c, first = 0, last = 0, end = 0;
  char s1, s2;
  g_autofree char *iso = NULL;

  if (text == NULL)
    return NULL;
  text += strspn (text, " ");
  if (!g_ascii_isdigit (*text) ||
      sscanf (text, "%4d%n%c%2d%c%n%4d%n", &a, &first, &s1, &b, &s2, &last, &c, &end) != 5 ||
      s1 != s2 || (s1 != '-' && s1 != '/' && s1 != '.') || text[end + strspn (text + end, " ")] != '\0')
    return NULL;

  /* The year has four digits and stands first (ISO) or last (Dutch); "1-2-24" is too
   * ambiguous to guess. */
  if (first == 4)
    iso = g_strdup_printf ("%04d-%02d-%02d", a, b, c);
  else if (first <= 2 && end - last == 4)
    iso = g_strdup_printf ("%04d-%02d-%02d", c, b, a);
  else
    return NULL;
  return wb_validate_date (iso) ? g_steal_pointer (&iso) : NULL;
}

gboolean
wb_csv_parse_bool (const char *text,
                   gboolean   *value)
{
  static const char * const yes[] = { "ja", "j", "yes", "y", "true", "1", "x", NULL };
  static const char * const no[] = { "nee", "n", "no", "false", "0", "", NULL };

  for (guint i = 0; yes[i]; i++)
    if (g_ascii_strcasecmp (text, yes[i]) == 0)
      return *value = TRUE, TRUE;
  for (guint i = 0; no[i]; i++)
    if (g_ascii_strcasecmp (text, no[i]) == 0)
      return *value = FALSE, TRUE;
  return FALSE;
}

const char *
wb_csv_get_header (WbCsv *csv,
                   int    index)
{
  g_return_val_if_fail (csv != NULL, NULL);

  if (index < 0 || csv->header == NULL || (guint) index >= csv->header->len)
    return NULL;
  return csv->header->pdata[index];
}
