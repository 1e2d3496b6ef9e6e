/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-server-http"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <math.h>
#include <string.h>

#include "wb-server-http.h"

#define DEFAULT_PER_PAGE     50
#define MAX_PER_PAGE         1000

/* Responses */

/* libsoup 3.2 calls a status it does not know "Unknown Error"; these we send or may. */
static void
set_status (SoupServerMessage *msg,
            guint              status)
{
  static const struct {
    guint status;
    const char *phrase;
  } newer[] = {
    { 428, "Precondition Required" },
    { 429, "Too Many Requests" },
    { 431, "Request Header Fields Too Large" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (newer); i++)
    if (newer[i].status == status)
      {
        soup_server_message_set_status (msg, status, newer[i].phrase);
        return;
      }
  soup_server_message_set_status (msg, status, NULL);
}

/* json-glib 1.6 writes every double with 17 significant digits, so that 0.45 goes out as
 * 0.45000000000000001 even where the engine rounded it. The server writes its answers
 * itself, each double in the fewest digits that read back as the same double. */
static void
append_double (GString *out,
               double   value)
{
  static const char * const formats[] = { "%.15g", "%.16g", "%.17g" };
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }
  /* %g drops trailing zeros, so the first precision that reads back is the shortest. */
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (buffer, sizeof buffer, formats[i], value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  g_string_append (out, buffer);
  /* Stays a double for a reader that tells 1 from 1.0, as json-glib does. */
  if (strpbrk (buffer, ".eE") == NULL)
    g_string_append (out, ".0");
}

static void
append_string (GString    *out,
               const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        default:
          if ((guchar) *p < 0x20)
            g_string_append_printf (out, "\\u%04x", (guchar) *p);
          else
            g_string_append_c (out, *p);
        }
    }
  g_string_append_c (out, '"');
}

static void
append_json_node (GString  *out,
                  JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;
        gboolean first = TRUE;

        g_string_append_c (out, '{');
        /* In the order the members were set, as json-glib writes them. */
        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            if (!first)
              g_string_append_c (out, ',');
            first = FALSE;
            append_string (out, name);
            g_string_append_c (out, ':');
            append_json_node (out, member);
          }
        g_string_append_c (out, '}');
      }
      break;
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        g_string_append_c (out, '[');
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            append_json_node (out, json_array_get_element (array, i));
          }
        g_string_append_c (out, ']');
      }
      break;
    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_DOUBLE:
          append_double (out, json_node_get_double (node));
          break;
        case G_TYPE_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;
        case G_TYPE_STRING:
          append_string (out, json_node_get_string (node));
          break;
        default:
          {
            g_autofree char *text = json_to_string (node, FALSE);

            g_string_append (out, text);
          }
        }
      break;
    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
      break;
    }
}

static void
send_json_node (SoupServerMessage *msg,
                guint              status,
                JsonNode          *node)
{
  GString *out = g_string_new (NULL);
  char *body;

  append_json_node (out, node);
  body = g_string_free (out, FALSE);

  set_status (msg, status);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, body, strlen (body));
}

void
_wb_server_send_object (SoupServerMessage *msg,
                        guint              status,
                        JsonObject        *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  send_json_node (msg, status, node);
}

void
_wb_server_send_problem (SoupServerMessage *msg,
                         WbProblem         *problem)
{
  char *body = wb_problem_to_json (problem);

  set_status (msg, problem->status);
  soup_server_message_set_response (msg, "application/problem+json", SOUP_MEMORY_TAKE, body, strlen (body));
}

void
_wb_server_send_error (SoupServerMessage *msg,
                       guint              status,
                       const char        *title,
                       const char        *detail)
{
  g_autoptr(WbProblem) problem = wb_problem_new (status, title, detail);

  _wb_server_send_problem (msg, problem);
}

void
_wb_server_send_field_errors (SoupServerMessage *msg,
                              GPtrArray         *errors)
{
  g_autoptr(WbProblem) problem =
    wb_problem_new (SOUP_STATUS_BAD_REQUEST, _("The record is not valid"),
                    _("Correct the fields listed in errors and send it again."));

  for (guint i = 0; i < errors->len; i++)
    {
      WbFieldError *error = g_ptr_array_index (errors, i);
      wb_problem_add_error (problem, error->field, error->message);
    }
  _wb_server_send_problem (msg, problem);
}

/* A unique key the store refused, as SQLite names it ("UNIQUE constraint failed:
 * matches.vacancy_id, matches.client_id"), answered with the fields that make up the key so
 * that a form can show where the duplicate is. */
static void
send_conflict (SoupServerMessage *msg,
               const GError      *error)
{
  static const struct {
    const char *column;
    const char *message;
  } known[] = {
    { "clients.bsn", N_("another client has this BSN") },
    { "employers.kvk", N_("another employer has this KvK number") },
    { "users.username", N_("is taken") },
    { "organisations.code", N_("another organisation has this code") },
    { "municipalities.code", N_("another municipality has this code") },
    { "municipalities.name", N_("another municipality has this name") },
    { "events.corrects_id", N_("was corrected or withdrawn already: correct its latest version") },
  };
  const char *marker = "UNIQUE constraint failed: ";
  const char *columns = strstr (error->message, marker);
  g_auto(GStrv) parts = NULL;
  g_autoptr(WbProblem) problem = NULL;

  if (columns != NULL)
    parts = g_strsplit (columns + strlen (marker), ", ", -1);

  if (parts != NULL && g_strv_contains ((const char * const *) parts, "matches.vacancy_id") &&
      g_strv_contains ((const char * const *) parts, "matches.client_id"))
    {
      problem = wb_problem_new (SOUP_STATUS_CONFLICT, _("This client is already in this vacancy's workflow"),
                                _("There is a match of this client and this vacancy already; open that match "
                                  "and move it on instead of proposing the pair again."));
      wb_problem_add_error (problem, "vacancy_id", _("this client is already in this vacancy's workflow"));
      wb_problem_add_error (problem, "client_id", _("this client is already in this vacancy's workflow"));
      _wb_server_send_problem (msg, problem);
      return;
    }

  problem = wb_problem_new (SOUP_STATUS_CONFLICT, _("The record already exists"),
                            _("Another record already has this key; the fields are listed in errors."));
  for (guint i = 0; parts != NULL && parts[i] != NULL; i++)
    {
      const char *dot = strchr (parts[i], '.');
      const char *message = _("another record has this value");

      g_strstrip (parts[i]);
      for (guint k = 0; k < G_N_ELEMENTS (known); k++)
        if (strcmp (parts[i], known[k].column) == 0)
          message = _(known[k].message);
      wb_problem_add_error (problem, dot != NULL ? dot + 1 : parts[i], message);
    }
  _wb_server_send_problem (msg, problem);
}

void
_wb_server_send_store_error (SoupServerMessage *msg,
                             const GError      *error)
{
  if (g_error_matches (error, WB_STORE_ERROR, WB_STORE_ERROR_NOT_FOUND))
    _wb_server_send_error (msg, SOUP_STATUS_NOT_FOUND, _("Not found"), error->message);
  else if (g_error_matches (error, WB_STORE_ERROR, WB_STORE_ERROR_CONFLICT))
    send_conflict (msg, error);
  else if (g_error_matches (error, WB_STORE_ERROR, WB_STORE_ERROR_STALE))
    _wb_server_send_error (msg, SOUP_STATUS_PRECONDITION_FAILED, _("The record was changed by someone else"),
                           _("Nothing was saved. Read the record again, then apply your change to the new version."));
  else if (g_error_matches (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID))
    _wb_server_send_error (msg, SOUP_STATUS_BAD_REQUEST, _("The request is not valid"), error->message);
  else if (g_error_matches (error, WB_STORE_ERROR, WB_STORE_ERROR_BUSY))
    _wb_server_send_error (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, _("The database is busy"),
                           _("Try again in a moment."));
  else
    {
      g_warning ("Store failure: %s", error->message);
      _wb_server_send_error (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, _("The server failed"),
                             _("Nothing was saved. The administrator can find the cause in the server log."));
    }
}

void
_wb_server_set_etag (SoupServerMessage *msg,
                     JsonObject        *object)
{
  g_autofree char *etag = NULL;

  if (!json_object_has_member (object, "version"))
    return;
  etag = wb_etag_for_version (json_object_get_int_member (object, "version"));
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "ETag", etag);
}

void
_wb_server_deny (WbRequest *request)
{
  _wb_server_send_error (request->msg, SOUP_STATUS_FORBIDDEN, _("Not allowed"),
                         _("Your role or organisation may not do this. Ask the owning organisation or a coordinator."));
}

/* Reading the request */

/* The If-Match of an update must name the version of @current; else answers 428 or 412
 * with the texts given and returns FALSE. */
gboolean
_wb_server_check_if_match (WbRequest  *request,
                           JsonObject *current,
                           const char *missing_detail,
                           const char *stale_title,
                           const char *stale_detail,
                           gint64     *version)
{
  const char *if_match;

  if_match = soup_message_headers_get_one (soup_server_message_get_request_headers (request->msg), "If-Match");
  if (if_match == NULL)
    {
      _wb_server_send_error (request->msg, 428, _("If-Match is required"), missing_detail);
      return FALSE;
    }
  if (!wb_etag_parse (if_match, version) || *version != json_object_get_int_member (current, "version"))
    {
      _wb_server_send_error (request->msg, SOUP_STATUS_PRECONDITION_FAILED, stale_title, stale_detail);
      return FALSE;
    }
  return TRUE;
}

/* Whether @type (a Content-Type without its parameters) is JSON: application/json, or a
 * kind of it such as application/merge-patch+json. */
static gboolean
is_json_type (const char *type)
{
  const char *prefix = "application/";
  const char *suffix = "+json";
  gsize length;

  if (type == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (type, "application/json") == 0)
    return TRUE;
  length = strlen (type);
  return length > strlen (prefix) + strlen (suffix) &&
         g_ascii_strncasecmp (type, prefix, strlen (prefix)) == 0 &&
         g_ascii_strcasecmp (type + length - strlen (suffix), suffix) == 0;
}

JsonObject *
_wb_server_parse_body (WbRequest *request)
{
  SoupMessageBody *body = soup_server_message_get_request_body (request->msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(WbProblem) problem = NULL;
  g_autoptr(GHashTable) params = NULL;
  const char *type;
  JsonObject *object;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  if (length > WB_SERVER_MAX_BODY_SIZE)
    {
      _wb_server_send_error (request->msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, _("The request is too large"),
                             _("A request body may be at most 1 MiB."));
      return NULL;
    }
  /* A body must say that it is JSON, so that a form post or a file sent to the wrong place
   * is not read as if it were. */
  type = soup_message_headers_get_content_type (soup_server_message_get_request_headers (request->msg), &params);
  if (length > 0 && !is_json_type (type))
    {
      _wb_server_send_error (request->msg, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, _("Send the body as JSON"),
                             _("The body of this request is JSON, sent with Content-Type: application/json."));
      return NULL;
    }
  if (params != NULL && g_hash_table_contains (params, "charset") &&
      g_ascii_strcasecmp (g_hash_table_lookup (params, "charset"), "utf-8") != 0)
    {
      _wb_server_send_error (request->msg, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, _("Send the body as JSON"),
                             _("JSON is sent in UTF-8; leave out the charset or say utf-8."));
      return NULL;
    }

  object = wb_body_parse_object (data, length, &problem);
  if (object == NULL)
    _wb_server_send_problem (request->msg, problem);
  return object;
}

gboolean
_wb_server_parse_id (const char *text,
                     gint64     *id)
{
  guint64 v;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &v, NULL))
    return FALSE;
  *id = (gint64) v;
  return TRUE;
}

/* Scope: how a record relates to the caller */

static gint64
lookup_int (WbStore    *store,
            WbResource  resource,
            gint64      id,
            const char *field)
{
  g_autoptr(JsonObject) object = wb_store_get (store, resource, id, NULL);

  if (object == NULL || !json_object_has_member (object, field) ||
      JSON_NODE_HOLDS_NULL (json_object_get_member (object, field)))
    return 0;
  return json_object_get_int_member (object, field);
}

WbScope
_wb_server_scope_of_organisation (WbRequest *request,
                                  gint64     organisation_id)
{
  return organisation_id == request->caller.organisation_id ? WB_SCOPE_OWN : WB_SCOPE_OTHER;
}

WbScope
_wb_server_scope_of_client (WbRequest  *request,
                            JsonObject *client)
{
  if (json_object_get_int_member_with_default (client, "organisation_id", 0) == request->caller.organisation_id)
    return WB_SCOPE_OWN;
  if (json_object_get_int_member_with_default (client, "wsp_account_manager_id", 0) == request->caller.id)
    return WB_SCOPE_REFERRED;
  return WB_SCOPE_OTHER;
}

WbScope
_wb_server_scope_of_employer (WbRequest  *request,
                              JsonObject *employer)
{
  gint64 owner = json_object_get_int_member_with_default (employer, "owner_id", 0);

  if (owner == 0)
    return WB_SCOPE_OTHER;
  return _wb_server_scope_of_organisation (request, lookup_int (request->store, WB_RESOURCE_USERS, owner, "organisation_id"));
}

/* The scope of an existing record, or of the parent a nested record hangs under. */
WbScope
_wb_server_scope_of_record (WbRequest  *request,
                            WbResource  resource,
                            JsonObject *object)
{
  g_autoptr(JsonObject) parent = NULL;

  switch (resource)
    {
    case WB_RESOURCE_CLIENTS:
      return _wb_server_scope_of_client (request, object);
    case WB_RESOURCE_EVENTS:
    case WB_RESOURCE_DIAGNOSES:
      parent = wb_store_get (request->store, WB_RESOURCE_CLIENTS,
                             json_object_get_int_member_with_default (object, "client_id", 0), NULL);
      return parent != NULL ? _wb_server_scope_of_client (request, parent) : WB_SCOPE_OTHER;
    case WB_RESOURCE_EMPLOYERS:
      return _wb_server_scope_of_employer (request, object);
    case WB_RESOURCE_CONTACTS:
    case WB_RESOURCE_CONTACT_LOG:
      parent = wb_store_get (request->store, WB_RESOURCE_EMPLOYERS,
                             json_object_get_int_member_with_default (object, "employer_id", 0), NULL);
      return parent != NULL ? _wb_server_scope_of_employer (request, parent) : WB_SCOPE_OTHER;
    case WB_RESOURCE_USERS:
    case WB_RESOURCE_VACANCIES:
    case WB_RESOURCE_MATCHES:
    case WB_RESOURCE_ACTION_POINTS:
    case WB_RESOURCE_AUDIT:
      return _wb_server_scope_of_organisation (request, json_object_get_int_member_with_default (object, "organisation_id", 0));
    case WB_RESOURCE_ORGANISATIONS:
      return _wb_server_scope_of_organisation (request, json_object_get_int_member_with_default (object, "id", 0));
    case WB_RESOURCE_MUNICIPALITIES:
    case WB_RESOURCE_COMPETENCES:
    case WB_RESOURCE_OCCUPATIONS:
    case WB_RESOURCE_TARGETS:
    case WB_N_RESOURCES:
    default:
      return WB_SCOPE_OWN;
    }
}

int
_wb_server_current_year (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_get_year (now);
}


gboolean
_wb_server_validate (WbRequest  *request,
                     WbResource  resource,
                     JsonObject *object,
                     gboolean    creating)
{
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) wb_field_error_free);

  if (wb_resource_spec_validate (wb_resource_spec_get (resource), object, creating, errors))
    wb_store_check_references (request->store, resource, object, errors);
  if (errors->len > 0)
    {
      _wb_server_send_field_errors (request->msg, errors);
      return FALSE;
    }
  return TRUE;
}

void
_wb_server_respond_with_record (WbRequest  *request,
                                WbResource  resource,
                                gint64      id,
                                guint       status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = wb_store_get (request->store, resource, id, &error);

  if (object == NULL)
    {
      _wb_server_send_store_error (request->msg, error);
      return;
    }
  _wb_server_set_etag (request->msg, object);
  _wb_server_send_object (request->msg, status, object);
}

/* The target of a request */

static WbProblem *
target_problem (const char *field,
                const char *message)
{
  WbProblem *problem = wb_problem_new (SOUP_STATUS_BAD_REQUEST, _("The request is not valid"),
                                       _("The path or a parameter holds what the API never takes."));

  wb_problem_add_error (problem, field, message);
  return problem;
}

/* Decodes %XX (and with @plus, + as a space) in @raw; NULL with @message for an escape
 * that is not one, or text that is not UTF-8 or holds a control character, or a slash
 * unless @allow_slash. */
static char *
decode_part (const char  *raw,
             gsize        length,
             gboolean     plus,
             gboolean     allow_slash,
             const char **message)
{
  g_autofree char *text = g_strndup (raw, length);
  g_autofree char *decoded = NULL;

  if (plus)
    g_strdelimit (text, "+", ' ');
  /* NULL also for an escape that makes a NUL. */
  decoded = g_uri_unescape_string (text, NULL);
  if (decoded == NULL)
    {
      *message = _("holds an escape that is not one, or an encoded NUL");
      return NULL;
    }
  if (!allow_slash && strchr (decoded, '/') != NULL)
    {
      *message = _("may not hold an encoded slash");
      return NULL;
    }
  if (!g_utf8_validate (decoded, -1, NULL))
    {
      *message = _("is not valid UTF-8");
      return NULL;
    }
  if (!wb_validate_text (decoded, FALSE, NULL))
    {
      *message = _("may not contain a control character");
      return NULL;
    }
  return g_steal_pointer (&decoded);
}

char **
_wb_server_split_path (const char  *raw_path,
                       WbProblem  **problem)
{
  g_autoptr(GPtrArray) segments = g_ptr_array_new_with_free_func (g_free);
  const char *p = raw_path;

  g_return_val_if_fail (raw_path != NULL, NULL);
  g_return_val_if_fail (problem != NULL && *problem == NULL, NULL);

  while (*p != '\0')
    {
      gsize length = strcspn (p, "/");
      const char *message = NULL;
      char *segment;

      if (length > 0)
        {
          segment = decode_part (p, length, FALSE, FALSE, &message);
          /* GLib resolves "." and ".." (also written %2e) before the server sees the path; one
           * that is left is refused all the same. */
          if (segment != NULL && (strcmp (segment, ".") == 0 || strcmp (segment, "..") == 0))
            {
              g_free (segment);
              segment = NULL;
              message = _("may not be . or ..");
            }
          if (segment == NULL)
            {
              *problem = target_problem ("path", message);
              return NULL;
            }
          g_ptr_array_add (segments, segment);
        }
      p += length;
      if (*p == '/')
        p++;
    }
  g_ptr_array_add (segments, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&segments), FALSE);
}

GHashTable *
_wb_server_parse_query (const char  *raw_query,
                        WbProblem  **problem)
{
  g_autoptr(GHashTable) query = NULL;
  const char *p = raw_query;

  g_return_val_if_fail (problem != NULL && *problem == NULL, NULL);

  if (raw_query == NULL || *raw_query == '\0')
    return NULL;

  query = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  while (*p != '\0')
    {
      gsize length = strcspn (p, "&");
      gsize name_length = strcspn (p, "=&");
      const char *message = NULL;
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;

      if (length > 0)
        {
          name = decode_part (p, name_length, TRUE, TRUE, &message);
          if (name == NULL)
            {
              *problem = target_problem ("query", message);
              return NULL;
            }
          /* A name without a value has the empty one. */
          value = name_length < length ? decode_part (p + name_length + 1, length - name_length - 1, TRUE, TRUE, &message)
                                       : g_strdup ("");
          if (value == NULL)
            {
              *problem = target_problem (name, message);
              return NULL;
            }
          if (*name == '\0')
            {
              *problem = target_problem ("query", _("holds a parameter without a name"));
              return NULL;
            }
          if (g_hash_table_contains (query, name))
            {
              *problem = target_problem (name, _("is given more than once"));
              return NULL;
            }
          g_hash_table_insert (query, g_steal_pointer (&name), g_steal_pointer (&value));
        }
      p += length;
      if (*p == '&')
        p++;
    }
  if (g_hash_table_size (query) == 0)
    return NULL;
  return g_steal_pointer (&query);
}

/* Query parameters */

const char *
_wb_server_query_param (WbRequest  *request,
                        const char *name)
{
  return request->query != NULL ? g_hash_table_lookup (request->query, name) : NULL;
}

gboolean
_wb_server_check_query (WbRequest          *request,
                        const char * const *known)
{
  GHashTableIter iter;
  gpointer key;

  if (request->query == NULL)
    return TRUE;
  g_hash_table_iter_init (&iter, request->query);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_strv_contains (known, key))
      {
        g_autofree char *detail = g_strdup_printf (_("%s is not a parameter of this list."), (const char *) key);

        _wb_server_send_error (request->msg, SOUP_STATUS_BAD_REQUEST, _("The request is not valid"), detail);
        return FALSE;
      }
  return TRUE;
}

gboolean
_wb_server_parse_ids (WbRequest  *request,
                      GArray    **ids)
{
  const char *text = _wb_server_query_param (request, "ids");
  g_auto(GStrv) parts = NULL;
  g_autoptr(GArray) found = NULL;
  guint n;

  *ids = NULL;
  if (text == NULL)
    return TRUE;
  parts = g_strsplit (text, ",", 0);
  n = g_strv_length (parts);
  found = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);
  for (guint i = 0; i < n && n <= WB_SERVER_MAX_IDS; i++)
    {
      gint64 id;

      if (!_wb_server_parse_id (parts[i], &id))
        break;
      g_array_append_val (found, id);
    }
  if (n == 0 || found->len != n)
    {
      g_autoptr(WbProblem) problem = wb_problem_new (SOUP_STATUS_BAD_REQUEST, _("The request is not valid"),
                                                     _("ids is a list of at most 100 ids separated by commas."));

      wb_problem_add_error (problem, "ids", _("must be ids separated by commas, at most 100"));
      _wb_server_send_problem (request->msg, problem);
      return FALSE;
    }
  *ids = g_steal_pointer (&found);
  return TRUE;
}

gboolean
_wb_server_parse_audit_reads (WbRequest *request,
                              gboolean  *without)
{
  const char *text = _wb_server_query_param (request, "audit_reads");

  *without = g_strcmp0 (text, "false") == 0;
  if (text != NULL && !*without && !g_str_equal (text, "true"))
    {
      g_autoptr(WbProblem) problem = wb_problem_new (SOUP_STATUS_BAD_REQUEST, _("The request is not valid"),
                                                     _("Correct the parameters listed in errors and send it again."));

      wb_problem_add_error (problem, "audit_reads", _("must be true or false"));
      _wb_server_send_problem (request->msg, problem);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_unsigned_param (GHashTable *query,
                      const char *name,
                      guint       max,
                      guint       fallback,
                      guint      *out)
{
  const char *text = query != NULL ? g_hash_table_lookup (query, name) : NULL;
  guint64 v;

  if (text == NULL)
    {
      *out = fallback;
      return TRUE;
    }
  if (!g_ascii_string_to_unsigned (text, 10, 1, max, &v, NULL))
    return FALSE;
  *out = (guint) v;
  return TRUE;
}

gboolean
_wb_server_read_paging (GHashTable  *query,
                        guint       *page,
                        guint       *per_page,
                        WbProblem  **problem)
{
  if (!parse_unsigned_param (query, "page", G_MAXINT32, 1, page) ||
      !parse_unsigned_param (query, "per_page", MAX_PER_PAGE, DEFAULT_PER_PAGE, per_page))
    {
      *problem = wb_problem_new (SOUP_STATUS_BAD_REQUEST, _("The paging is not valid"),
                                 _("page must be 1 or more and per_page between 1 and 1000."));
      return FALSE;
    }
  /* In 64 bits: the offset of page 4294969 of 1000 does not fit in 32. No list comes near
   * the limit, so a page past it is a mistake or a probe rather than a page to show empty. */
  if ((guint64) (*page - 1) * *per_page > WB_SERVER_MAX_OFFSET)
    {
      *problem = wb_problem_new (SOUP_STATUS_BAD_REQUEST, _("The paging is not valid"),
                                 _("A list is paged no further than its first 10,000,000 rows."));
      wb_problem_add_error (*problem, "page", _("is past the end of any list"));
      return FALSE;
    }
  return TRUE;
}

gboolean
_wb_server_parse_paging (WbRequest *request,
                         guint     *page,
                         guint     *per_page)
{
  g_autoptr(WbProblem) problem = NULL;

  if (!_wb_server_read_paging (request->query, page, per_page, &problem))
    {
      _wb_server_send_problem (request->msg, problem);
      return FALSE;
    }
  return TRUE;
}

static void
send_json_bytes (SoupServerMessage *msg,
                 GBytes            *body)
{
  set_status (msg, SOUP_STATUS_OK);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Content-Type", "application/json");
  soup_message_body_append_bytes (soup_server_message_get_response_body (msg), body);
}

gboolean
_wb_server_send_cached_page (WbRequest *request)
{
  return _wb_server_send_cached_page_of (request, NULL);
}

void
_wb_server_request_clear_page (WbRequest *request)
{
  g_clear_pointer (&request->page_key, g_free);
  g_clear_pointer (&request->page_tables, g_strfreev);
}

gboolean
_wb_server_send_cached_page_of (WbRequest          *request,
                                const char * const *tables)
{
  g_autofree char *today = wb_store_today ();
  const char *query = g_uri_get_query (soup_server_message_get_uri (request->msg));
  GString *key = g_string_new ("wb-server-page:");
  GBytes *page;

  /* What a page holds follows from the database, the path and query, who asks (the policy
   * decides by role, organisation and user) and the day (ages, dormancy). */
  for (guint i = 0; i < request->n_segments; i++)
    g_string_append_printf (key, "/%s", request->segments[i]);
  g_string_append_printf (key, "?%s\x1f%" G_GINT64_FORMAT "\x1f%d\x1f%" G_GINT64_FORMAT "\x1f%s",
                          query != NULL ? query : "", request->caller.id, (int) request->caller.role,
                          request->caller.organisation_id, today);
  page = wb_store_cache_lookup (request->store, key->str);
  if (page != NULL)
    {
      g_string_free (key, TRUE);
      send_json_bytes (request->msg, page);
      return TRUE;
    }
  _wb_server_request_clear_page (request);
  request->page_key = g_string_free (key, FALSE);
  request->page_tables = tables != NULL ? g_strdupv ((char **) tables) : NULL;
  return FALSE;
}

void
_wb_server_send_list (WbRequest *request,
                      JsonArray *items,
                      gint64     total,
                      guint      page,
                      guint      per_page)
{
  g_autoptr(JsonObject) result = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GBytes) body = NULL;
  GString *out = g_string_new (NULL);
  gsize length;

  json_object_set_array_member (result, "items", items);
  json_object_set_int_member (result, "total", total);
  json_object_set_int_member (result, "page", page);
  json_object_set_int_member (result, "per_page", per_page);
  node = json_node_init_object (json_node_alloc (), result);
  append_json_node (out, node);
  length = out->len;
  body = g_bytes_new_take (g_string_free (out, FALSE), length);
  if (request->page_key != NULL)
    wb_store_cache_insert_for (request->store, request->page_key, (const char * const *) request->page_tables,
                               g_bytes_ref (body), length + 128, (GDestroyNotify) g_bytes_unref);
  send_json_bytes (request->msg, body);
}

/* Route parameters */

static guint
route_param (WbRequest  *request,
             const char *name)
{
  for (guint i = 0; i < request->n_params; i++)
    if (strcmp (request->param_names[i], name) == 0)
      return i;
  g_error ("A handler asks for {%s}, which its route does not have", name);
}

gint64
_wb_server_route_id (WbRequest  *request,
                     const char *name)
{
  return request->param_ids[route_param (request, name)];
}

const char *
_wb_server_route_text (WbRequest  *request,
                       const char *name)
{
  return request->param_texts[route_param (request, name)];
}
