/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-server"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <math.h>
#include <string.h>

#include "wb-password.h"
#include "wb-server-private.h"

#define MAX_BODY_SIZE        (1024 * 1024)
#define SESSION_SECONDS      (12 * 60 * 60)
#define DEFAULT_PER_PAGE     50
#define MAX_PER_PAGE         1000

G_DEFINE_FINAL_TYPE (WbServer, wb_server, G_TYPE_OBJECT)

static void
wb_server_finalize (GObject *object)
{
  WbServer *self = (WbServer *) object;

  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  g_clear_object (&self->soup);
  g_clear_object (&self->store);
  g_clear_pointer (&self->dummy_hash, g_free);
  g_clear_pointer (&self->matching, _wb_server_matching_free);
  g_clear_pointer (&self->accounts, _wb_server_accounts_free);

  G_OBJECT_CLASS (wb_server_parent_class)->finalize (object);
}

static void
wb_server_class_init (WbServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wb_server_finalize;
}

static void
wb_server_init (WbServer *self)
{
}

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

JsonObject *
_wb_server_parse_body (WbRequest *request)
{
  g_autoptr(GBytes) bytes = soup_message_body_flatten (soup_server_message_get_request_body (request->msg));
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  JsonNode *root;

  if (length > MAX_BODY_SIZE)
    {
      _wb_server_send_error (request->msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, _("The request is too large"),
                  _("A request body may be at most 1 MiB."));
      return NULL;
    }
  if (length == 0 || !g_utf8_validate (data, length, NULL) ||
      !json_parser_load_from_data (parser, data, length, &error))
    {
      _wb_server_send_error (request->msg, SOUP_STATUS_BAD_REQUEST, _("The body is not valid JSON"),
                  error != NULL ? error->message : _("The request has no JSON body, or it is not UTF-8."));
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      _wb_server_send_error (request->msg, SOUP_STATUS_BAD_REQUEST, _("The body is not valid JSON"),
                  _("The body must be a JSON object."));
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
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
lookup_int (WbServer   *self,
            WbResource  resource,
            gint64      id,
            const char *field)
{
  g_autoptr(JsonObject) object = wb_store_get (self->store, resource, id, NULL);

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
  return _wb_server_scope_of_organisation (request, lookup_int (request->server, WB_RESOURCE_USERS, owner, "organisation_id"));
}

/* The scope of an existing record, or of the parent a nested record hangs under. */
WbScope
_wb_server_scope_of_record (WbRequest  *request,
                 WbResource  resource,
                 JsonObject *object)
{
  WbServer *self = request->server;
  g_autoptr(JsonObject) parent = NULL;

  switch (resource)
    {
    case WB_RESOURCE_CLIENTS:
      return _wb_server_scope_of_client (request, object);
    case WB_RESOURCE_EVENTS:
    case WB_RESOURCE_DIAGNOSES:
      parent = wb_store_get (self->store, WB_RESOURCE_CLIENTS,
                             json_object_get_int_member_with_default (object, "client_id", 0), NULL);
      return parent != NULL ? _wb_server_scope_of_client (request, parent) : WB_SCOPE_OTHER;
    case WB_RESOURCE_EMPLOYERS:
      return _wb_server_scope_of_employer (request, object);
    case WB_RESOURCE_CONTACTS:
    case WB_RESOURCE_CONTACT_LOG:
      parent = wb_store_get (self->store, WB_RESOURCE_EMPLOYERS,
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

/* What a list row of a client shows: enough to find and recognise the person, not the
 * citizen number, address or health details; those need a full (audited) read. */
static void
summarise_client (JsonObject *client)
{
  static const char * const hidden[] = {
    "bsn", "street", "house_number", "postcode", "city", "phone", "email", "health_notes", "barriers",
    "competences", "work_experience", "sector_preferences",
  };

  for (guint i = 0; i < G_N_ELEMENTS (hidden); i++)
    if (json_object_has_member (client, hidden[i]))
      json_object_remove_member (client, hidden[i]);
}

static const char *
read_reason (WbRequest *request)
{
  const char *reason = soup_message_headers_get_one (soup_server_message_get_request_headers (request->msg),
                                                     "X-Werkbrug-Reason");

  return reason != NULL && *reason != '\0' ? reason : "profile view";
}

/* Handlers */

static void
handle_get (WbRequest  *request,
            WbResource  resource,
            gint64      id)
{
  WbServer *self = request->server;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = wb_store_get (self->store, resource, id, &error);
  WbDecision decision;

  if (object == NULL)
    {
      _wb_server_send_store_error (request->msg, error);
      return;
    }

  decision = wb_policy_decide (request->caller.role, resource, WB_ACTION_READ,
                               _wb_server_scope_of_record (request, resource, object));
  if (decision == WB_DECISION_DENY)
    {
      _wb_server_deny (request);
      return;
    }

  if (resource == WB_RESOURCE_CLIENTS)
    {
      if (decision == WB_DECISION_PSEUDONYMOUS)
        wb_policy_pseudonymise_client (object, _wb_server_current_year ());
      else if (!wb_store_audit (self->store, request->caller.id, request->caller.organisation_id,
                                "read", "clients", id, read_reason (request), &error))
        {
          /* No audit row, no full record. */
          _wb_server_send_store_error (request->msg, error);
          return;
        }
    }

  _wb_server_set_etag (request->msg, object);
  _wb_server_send_object (request->msg, SOUP_STATUS_OK, object);
}

static gboolean
parse_unsigned_param (GHashTable  *params,
                      const char  *name,
                      guint        min,
                      guint        max,
                      guint        fallback,
                      guint       *out)
{
  const char *text = params != NULL ? g_hash_table_lookup (params, name) : NULL;
  guint64 v;

  if (text == NULL)
    {
      *out = fallback;
      return TRUE;
    }
  if (!g_ascii_string_to_unsigned (text, 10, min, max, &v, NULL))
    return FALSE;
  *out = (guint) v;
  return TRUE;
}

static void
handle_list (WbRequest  *request,
             WbResource  resource,
             GHashTable *params,
             gint64      parent_id,
             WbScope     parent_scope)
{
  WbServer *self = request->server;
  const WbResourceSpec *spec = wb_resource_spec_get (resource);
  g_autoptr(GHashTable) filters = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *own_org = NULL;
  g_autoptr(JsonObject) result = json_object_new ();
  JsonArray *items;
  WbListQuery query = { 0 };
  gint64 total = 0;
  guint page, per_page;
  WbDecision decisions[WB_N_SCOPES];
  gboolean any = FALSE;

  for (guint s = 0; s < WB_N_SCOPES; s++)
    {
      decisions[s] = wb_policy_decide (request->caller.role, resource, WB_ACTION_READ, s);
      any |= decisions[s] != WB_DECISION_DENY;
    }
  if (!any || (parent_id > 0 && decisions[parent_scope] == WB_DECISION_DENY))
    {
      _wb_server_deny (request);
      return;
    }

  if (!parse_unsigned_param (params, "page", 1, G_MAXINT32, 1, &page) ||
      !parse_unsigned_param (params, "per_page", 1, MAX_PER_PAGE, DEFAULT_PER_PAGE, &per_page))
    {
      _wb_server_send_error (request->msg, SOUP_STATUS_BAD_REQUEST, _("The paging is not valid"),
                  _("page must be 1 or more and per_page between 1 and 1000."));
      return;
    }

  if (params != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_autoptr(WbProblem) problem = wb_problem_new (SOUP_STATUS_BAD_REQUEST, _("The request is not valid"), NULL);
      const WbFieldSpec *field;

      g_hash_table_iter_init (&iter, params);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (strcmp (key, "q") != 0 && strcmp (key, "sort") != 0 &&
            strcmp (key, "page") != 0 && strcmp (key, "per_page") != 0)
          {
            field = wb_resource_spec_find_field (spec, key);
            if (field == NULL || !(field->flags & WB_FIELD_FILTER))
              {
                g_autofree char *message = g_strdup_printf (_("%s cannot be filtered on"), (const char *) key);
                wb_problem_add_error (problem, key, message);
              }
            g_hash_table_insert (filters, key, value);
          }
      query.q = g_hash_table_lookup (params, "q");
      query.sort = g_hash_table_lookup (params, "sort");
      if (query.sort != NULL && *query.sort != '\0')
        {
          field = wb_resource_spec_find_field (spec, query.sort[0] == '-' ? query.sort + 1 : query.sort);
          if (field == NULL || !(field->flags & WB_FIELD_SORT))
            {
              g_autofree char *message = g_strdup_printf (_("%s cannot be sorted on"), query.sort);
              wb_problem_add_error (problem, "sort", message);
            }
        }
      /* Checked here rather than left to the store, so that the answer names the parameter. */
      if (problem->errors->len > 0)
        {
          problem->detail = g_strdup (((WbFieldError *) problem->errors->pdata[0])->message);
          _wb_server_send_problem (request->msg, problem);
          return;
        }
    }

  /* Where only the own organisation's rows may be read, the list shows only those. */
  if (parent_id == 0 && decisions[WB_SCOPE_OTHER] == WB_DECISION_DENY &&
      wb_resource_spec_find_field (spec, "organisation_id") != NULL)
    {
      own_org = g_strdup_printf ("%" G_GINT64_FORMAT, request->caller.organisation_id);
      g_hash_table_insert (filters, (gpointer) "organisation_id", own_org);
    }

  /* Where some rows come pseudonymous, a search, filter or sort on what the pseudonym
   * hides (a name, a citizen number, a birth year) works on the rows the caller sees in full
   * only: otherwise searching a name would tell whose pseudonym it is. */
  if (decisions[WB_SCOPE_OWN] == WB_DECISION_PSEUDONYMOUS || decisions[WB_SCOPE_REFERRED] == WB_DECISION_PSEUDONYMOUS ||
      decisions[WB_SCOPE_OTHER] == WB_DECISION_PSEUDONYMOUS)
    {
      query.restrict_identity = TRUE;
      query.full_organisation_id = decisions[WB_SCOPE_OWN] == WB_DECISION_ALLOW ? request->caller.organisation_id : -1;
      query.full_user_id = decisions[WB_SCOPE_REFERRED] == WB_DECISION_ALLOW ? request->caller.id : -1;
    }

  query.filters = filters;
  query.parent_id = parent_id;
  query.offset = (page - 1) * per_page;
  query.limit = per_page;

  rows = wb_store_list (self->store, resource, &query, &total, &error);
  if (rows == NULL)
    {
      _wb_server_send_store_error (request->msg, error);
      return;
    }

  items = json_array_new ();
  for (guint i = 0; i < rows->len; i++)
    {
      JsonObject *row = rows->pdata[i];
      WbDecision decision = parent_id > 0 ? decisions[parent_scope]
                                          : decisions[_wb_server_scope_of_record (request, resource, row)];

      if (decision == WB_DECISION_DENY)
        {
          total--;
          continue;
        }
      if (resource == WB_RESOURCE_CLIENTS)
        {
          if (decision == WB_DECISION_PSEUDONYMOUS)
            wb_policy_pseudonymise_client (row, _wb_server_current_year ());
          else
            summarise_client (row);
        }
      json_array_add_object_element (items, json_object_ref (row));
    }

  json_object_set_array_member (result, "items", items);
  json_object_set_int_member (result, "total", total);
  json_object_set_int_member (result, "page", page);
  json_object_set_int_member (result, "per_page", per_page);
  _wb_server_send_object (request->msg, SOUP_STATUS_OK, result);
}

/* Fields the server sets on a new record, from who asks and where it hangs. */
static void
set_server_fields (WbRequest  *request,
                   WbResource  resource,
                   JsonObject *object,
                   gint64      parent_id)
{
  const WbResourceSpec *spec = wb_resource_spec_get (resource);
  g_autofree char *today = wb_store_today ();

  if (spec->parent_field != NULL)
    json_object_set_int_member (object, spec->parent_field, parent_id);

  switch (resource)
    {
    case WB_RESOURCE_EVENTS:
      json_object_set_int_member (object, "organisation_id", request->caller.organisation_id);
      json_object_set_int_member (object, "author_id", request->caller.id);
      break;
    case WB_RESOURCE_DIAGNOSES:
      json_object_set_int_member (object, "author_id", request->caller.id);
      break;
    case WB_RESOURCE_CONTACT_LOG:
      json_object_set_int_member (object, "organisation_id", request->caller.organisation_id);
      json_object_set_int_member (object, "user_id", request->caller.id);
      break;
    case WB_RESOURCE_VACANCIES:
      json_object_set_int_member (object, "organisation_id", request->caller.organisation_id);
      json_object_set_int_member (object, "created_by", request->caller.id);
      if (!json_object_has_member (object, "status"))
        json_object_set_string_member (object, "status", "open");
      break;
    case WB_RESOURCE_MATCHES:
      json_object_set_int_member (object, "organisation_id", request->caller.organisation_id);
      json_object_set_int_member (object, "proposed_by", request->caller.id);
      if (!json_object_has_member (object, "state"))
        json_object_set_string_member (object, "state", "suggested");
      break;
    case WB_RESOURCE_ACTION_POINTS:
      json_object_set_int_member (object, "organisation_id", request->caller.organisation_id);
      if (!json_object_has_member (object, "status"))
        json_object_set_string_member (object, "status", "open");
      break;
    case WB_RESOURCE_CLIENTS:
      if (!json_object_has_member (object, "status"))
        json_object_set_string_member (object, "status", "active");
      json_object_set_string_member (object, "last_activity", today);
      break;
    case WB_RESOURCE_USERS:
      if (!json_object_has_member (object, "active"))
        json_object_set_boolean_member (object, "active", TRUE);
      break;
    case WB_RESOURCE_ORGANISATIONS:
    case WB_RESOURCE_MUNICIPALITIES:
    case WB_RESOURCE_EMPLOYERS:
    case WB_RESOURCE_CONTACTS:
    case WB_RESOURCE_COMPETENCES:
    case WB_RESOURCE_OCCUPATIONS:
    case WB_RESOURCE_TARGETS:
    case WB_RESOURCE_AUDIT:
    case WB_N_RESOURCES:
    default:
      break;
    }
}

/* The scope a record that does not exist yet will have. */
static WbScope
scope_for_create (WbRequest  *request,
                  WbResource  resource,
                  JsonObject *object,
                  WbScope     parent_scope,
                  gboolean    nested)
{
  if (nested)
    return parent_scope;

  switch (resource)
    {
    case WB_RESOURCE_CLIENTS:
    case WB_RESOURCE_USERS:
      return _wb_server_scope_of_organisation (request, json_object_get_int_member_with_default (object, "organisation_id", 0));
    case WB_RESOURCE_MATCHES:
      {
        g_autoptr(JsonObject) client =
          wb_store_get (request->server->store, WB_RESOURCE_CLIENTS,
                        json_object_get_int_member_with_default (object, "client_id", 0), NULL);
        return client != NULL ? _wb_server_scope_of_client (request, client) : WB_SCOPE_OTHER;
      }
    case WB_RESOURCE_EMPLOYERS:
      return json_object_has_member (object, "owner_id") ? _wb_server_scope_of_employer (request, object) : WB_SCOPE_OWN;
    case WB_RESOURCE_ORGANISATIONS:
    case WB_RESOURCE_MUNICIPALITIES:
    case WB_RESOURCE_EVENTS:
    case WB_RESOURCE_DIAGNOSES:
    case WB_RESOURCE_CONTACTS:
    case WB_RESOURCE_CONTACT_LOG:
    case WB_RESOURCE_VACANCIES:
    case WB_RESOURCE_COMPETENCES:
    case WB_RESOURCE_OCCUPATIONS:
    case WB_RESOURCE_TARGETS:
    case WB_RESOURCE_ACTION_POINTS:
    case WB_RESOURCE_AUDIT:
    case WB_N_RESOURCES:
    default:
      return WB_SCOPE_OWN;
    }
}

gboolean
_wb_server_validate (WbRequest  *request,
          WbResource  resource,
          JsonObject *object,
          gboolean    creating)
{
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) wb_field_error_free);

  if (wb_resource_spec_validate (wb_resource_spec_get (resource), object, creating, errors))
    wb_store_check_references (request->server->store, resource, object, errors);
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
  g_autoptr(JsonObject) object = wb_store_get (request->server->store, resource, id, &error);

  if (object == NULL)
    {
      _wb_server_send_store_error (request->msg, error);
      return;
    }
  _wb_server_set_etag (request->msg, object);
  _wb_server_send_object (request->msg, status, object);
}

/* The reason of a diagnosis signal follows from the diagnosis date, which every reader of
 * the client sees, also pseudonymously. */
static const char *
diagnosis_signal_reason (JsonObject *client)
{
  JsonNode *date = json_object_get_member (client, "diagnosis_date");

  return date == NULL || JSON_NODE_HOLDS_NULL (date) ? "missing" : "stale";
}

/* Any organisation that reads a client, also pseudonymously, may tell the owner that its
 * diagnosis is missing or stale, though it may not write in the client's timeline otherwise.
 * The sender gives a date and perhaps a note; the server fills the rest from what the sender
 * reads already, so that the event tells it nothing new. Answers the request and returns
 * FALSE when the caller may not signal or the body holds more than a signal. */
static gboolean
prepare_diagnosis_signal (WbRequest  *request,
                          JsonObject *event,
                          gint64      client_id)
{
  g_autoptr(JsonObject) client = wb_store_get (request->server->store, WB_RESOURCE_CLIENTS, client_id, NULL);
  g_autoptr(WbProblem) problem = NULL;
  g_autoptr(GList) members = NULL;
  g_autofree char *today = wb_store_today ();
  const char *reason;
  gint64 owner;

  if (client == NULL ||
      !wb_policy_can_signal_diagnosis (request->caller.role, _wb_server_scope_of_client (request, client)))
    {
      _wb_server_deny (request);
      return FALSE;
    }

  owner = json_object_get_int_member (client, "organisation_id");
  reason = diagnosis_signal_reason (client);
  problem = wb_problem_new (SOUP_STATUS_BAD_REQUEST, _("The record is not valid"),
                            _("A diagnosis signal to another organisation holds only a date and a note."));
  members = json_object_get_members (event);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *node = json_object_get_member (event, name);

      if (strcmp (name, "kind") == 0 || strcmp (name, "date") == 0 || strcmp (name, "note") == 0 ||
          JSON_NODE_HOLDS_NULL (node))
        continue;
      /* What the server would set anyway may be sent along. */
      if (strcmp (name, "addressed_to") == 0 && json_object_get_int_member (event, name) == owner)
        continue;
      if (strcmp (name, "reason") == 0 && g_strcmp0 (json_object_get_string_member (event, name), reason) == 0)
        continue;
      wb_problem_add_error (problem, name, _("is filled in by the server for a diagnosis signal"));
    }
  if (g_strcmp0 (json_object_get_string_member (event, "date"), today) > 0)
    wb_problem_add_error (problem, "date", _("may not lie in the future"));
  if (problem->errors->len > 0)
    {
      _wb_server_send_problem (request->msg, problem);
      return FALSE;
    }

  set_server_fields (request, WB_RESOURCE_EVENTS, event, client_id);
  json_object_set_int_member (event, "addressed_to", owner);
  json_object_set_string_member (event, "reason", reason);
  return TRUE;
}

static void
handle_create (WbRequest  *request,
               WbResource  resource,
               gint64      parent_id,
               WbScope     parent_scope)
{
  WbServer *self = request->server;
  const WbResourceSpec *spec = wb_resource_spec_get (resource);
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *password_hash = NULL;
  g_autofree char *location = NULL;
  WbScope scope;
  gint64 id;

  if (resource == WB_RESOURCE_AUDIT)
    {
      _wb_server_send_error (request->msg, SOUP_STATUS_METHOD_NOT_ALLOWED, _("The audit log is written by the server only"), NULL);
      return;
    }

  object = _wb_server_parse_body (request);
  if (object == NULL)
    return;

  /* A new user may come with a first password; it is stored only as a hash. */
  if (resource == WB_RESOURCE_USERS && json_object_has_member (object, "password"))
    {
      const char *password = json_object_get_string_member_with_default (object, "password", "");

      if (strlen (password) < 10)
        {
          g_autoptr(WbProblem) problem = wb_problem_new (SOUP_STATUS_BAD_REQUEST, _("The record is not valid"), NULL);

          wb_problem_add_error (problem, "password", _("must be at least 10 characters long"));
          _wb_server_send_problem (request->msg, problem);
          return;
        }
      password_hash = wb_password_hash (password, NULL);
      json_object_remove_member (object, "password");
    }

  if (!_wb_server_validate (request, resource, object, TRUE))
    return;
  if (resource == WB_RESOURCE_MATCHES && json_object_has_member (object, "state") &&
      !wb_match_transition_allowed ("suggested", json_object_get_string_member (object, "state"), NULL))
    {
      _wb_server_send_error (request->msg, SOUP_STATUS_CONFLICT, _("This step is not possible"),
                  _("A new match starts as suggested, shortlisted or proposed; later steps follow the workflow."));
      return;
    }

  scope = scope_for_create (request, resource, object, parent_scope, spec->parent_field != NULL);
  if (wb_policy_decide (request->caller.role, resource, WB_ACTION_CREATE, scope) == WB_DECISION_ALLOW)
    set_server_fields (request, resource, object, parent_id);
  else if (resource == WB_RESOURCE_EVENTS &&
           g_strcmp0 (json_object_get_string_member_with_default (object, "kind", NULL), "diagnosis_signal") == 0)
    {
      if (!prepare_diagnosis_signal (request, object, parent_id))
        return;
    }
  else
    {
      _wb_server_deny (request);
      return;
    }

  if (resource == WB_RESOURCE_MATCHES && !_wb_server_matching_score_match (request, object))
    return;

  if (!wb_store_begin (self->store, &error))
    {
      _wb_server_send_store_error (request->msg, error);
      return;
    }
  id = wb_store_insert (self->store, resource, object, &error);
  if (id == 0 ||
      (password_hash != NULL && !wb_store_set_password_hash (self->store, id, password_hash, &error)) ||
      ((resource == WB_RESOURCE_CLIENTS || spec->parent_field != NULL) &&
       !wb_store_audit (self->store, request->caller.id, request->caller.organisation_id,
                        "create", spec->name, id, NULL, &error)) ||
      !wb_store_commit (self->store, &error))
    {
      wb_store_rollback (self->store);
      _wb_server_send_store_error (request->msg, error);
      return;
    }

  _wb_server_matching_changed (self, resource, id);
  _wb_server_accounts_changed (self, resource, id);

  location = g_strdup_printf ("/api/v1/%s/%" G_GINT64_FORMAT, spec->name, id);
  soup_message_headers_replace (soup_server_message_get_response_headers (request->msg), "Location", location);
  _wb_server_respond_with_record (request, resource, id, SOUP_STATUS_CREATED);
}

/* The workflow of a match: only forward, rejected needs a reason. */
static gboolean
check_match_transition (WbRequest  *request,
                        JsonObject *current,
                        JsonObject *changes)
{
  const char *from = json_object_get_string_member (current, "state");
  const char *to = json_object_get_string_member_with_default (changes, "state", from);
  g_autofree char *explanation = NULL;

  if (!wb_match_transition_allowed (from, to, &explanation))
    {
      _wb_server_send_error (request->msg, SOUP_STATUS_CONFLICT, _("This step is not possible"), explanation);
      return FALSE;
    }
  if (g_strcmp0 (to, "rejected") == 0 && g_strcmp0 (from, to) != 0 &&
      *json_object_get_string_member_with_default (changes, "reject_reason", "") == '\0')
    {
      g_autoptr(WbProblem) problem = wb_problem_new (SOUP_STATUS_BAD_REQUEST, _("The record is not valid"), NULL);

      wb_problem_add_error (problem, "reject_reason", _("is required when a match is rejected"));
      _wb_server_send_problem (request->msg, problem);
      return FALSE;
    }
  return TRUE;
}

/* Placing a candidate writes the placement into the client's timeline, in the same
 * transaction as the match. */
static gboolean
record_placement (WbRequest   *request,
                  JsonObject  *current,
                  JsonObject  *changes,
                  GError     **error)
{
  WbStore *store = request->server->store;
  g_autoptr(JsonObject) vacancy = NULL;
  g_autoptr(JsonObject) event = NULL;
  g_autofree char *today = wb_store_today ();

  if (g_strcmp0 (json_object_get_string_member_with_default (changes, "state", NULL), "placed") != 0 ||
      g_strcmp0 (json_object_get_string_member (current, "state"), "placed") == 0)
    return TRUE;

  vacancy = wb_store_get (store, WB_RESOURCE_VACANCIES, json_object_get_int_member (current, "vacancy_id"), error);
  if (vacancy == NULL)
    return FALSE;

  event = json_object_new ();
  json_object_set_int_member (event, "client_id", json_object_get_int_member (current, "client_id"));
  json_object_set_string_member (event, "kind", "placement");
  json_object_set_string_member (event, "date", today);
  json_object_set_int_member (event, "organisation_id", request->caller.organisation_id);
  json_object_set_int_member (event, "author_id", request->caller.id);
  json_object_set_int_member (event, "employer_id", json_object_get_int_member (vacancy, "employer_id"));
  json_object_set_int_member (event, "vacancy_id", json_object_get_int_member (vacancy, "id"));
  json_object_set_int_member (event, "hours", json_object_get_int_member (vacancy, "hours"));
  if (!JSON_NODE_HOLDS_NULL (json_object_get_member (vacancy, "contract")))
    json_object_set_string_member (event, "contract", json_object_get_string_member (vacancy, "contract"));
  json_object_set_string_member (event, "note", json_object_get_string_member (vacancy, "title"));
  return wb_store_insert (store, WB_RESOURCE_EVENTS, event, error) != 0;
}

static void
handle_update (WbRequest  *request,
               WbResource  resource,
               gint64      id)
{
  WbServer *self = request->server;
  const WbResourceSpec *spec = wb_resource_spec_get (resource);
  g_autoptr(JsonObject) current = NULL;
  g_autoptr(JsonObject) changes = NULL;
  g_autoptr(GError) error = NULL;
  gint64 version;

  if (!spec->versioned)
    {
      _wb_server_send_error (request->msg, SOUP_STATUS_METHOD_NOT_ALLOWED, _("This record cannot be changed"),
                  _("Records of this kind are kept as written; add a new one instead."));
      return;
    }

  current = wb_store_get (self->store, resource, id, &error);
  if (current == NULL)
    {
      _wb_server_send_store_error (request->msg, error);
      return;
    }

  if (wb_policy_decide (request->caller.role, resource, WB_ACTION_UPDATE,
                        _wb_server_scope_of_record (request, resource, current)) != WB_DECISION_ALLOW)
    {
      _wb_server_deny (request);
      return;
    }

  if (!_wb_server_check_if_match (request, current,
                                  _("Send the ETag of the version you read in If-Match, so that nobody's change is overwritten."),
                                  _("The record was changed by someone else"),
                                  _("Nothing was saved. Read the record again, then apply your change to the new version."),
                                  &version))
    return;

  changes = _wb_server_parse_body (request);
  if (changes == NULL)
    return;
  if (!_wb_server_validate (request, resource, changes, FALSE))
    return;
  if (resource == WB_RESOURCE_MATCHES && !check_match_transition (request, current, changes))
    return;

  if (!wb_store_begin (self->store, &error))
    {
      _wb_server_send_store_error (request->msg, error);
      return;
    }
  if (!wb_store_update (self->store, resource, id, version, changes, &error) ||
      (resource == WB_RESOURCE_MATCHES && !record_placement (request, current, changes, &error)) ||
      (resource == WB_RESOURCE_CLIENTS &&
       !wb_store_audit (self->store, request->caller.id, request->caller.organisation_id,
                        "update", spec->name, id, NULL, &error)) ||
      !wb_store_commit (self->store, &error))
    {
      wb_store_rollback (self->store);
      _wb_server_send_store_error (request->msg, error);
      return;
    }

  _wb_server_matching_changed (self, resource, id);
  _wb_server_accounts_changed (self, resource, id);
  _wb_server_respond_with_record (request, resource, id, SOUP_STATUS_OK);
}

static JsonObject *
user_to_json (WbServer *self,
              gint64    user_id)
{
  JsonObject *user = wb_store_get (self->store, WB_RESOURCE_USERS, user_id, NULL);
  JsonObject *organisation;

  if (user == NULL)
    return NULL;
  organisation = wb_store_get (self->store, WB_RESOURCE_ORGANISATIONS,
                               json_object_get_int_member (user, "organisation_id"), NULL);
  if (organisation != NULL)
    json_object_set_object_member (user, "organisation", organisation);
  return user;
}

static char *
create_session (WbServer  *self,
                gint64     user_id,
                gint64    *expires_at,
                GError   **error)
{
  g_autofree char *token = wb_token_new ();
  g_autofree char *hash = wb_token_hash (token);

  *expires_at = g_get_real_time () / G_USEC_PER_SEC + SESSION_SECONDS;
  if (!wb_store_add_session (self->store, hash, user_id, *expires_at, error))
    return NULL;
  return g_steal_pointer (&token);
}

typedef struct {
  WbServer *server;
  SoupServerMessage *msg;
  char *password;
  WbStoreUser *user;
  gboolean valid;
} LoginData;

static void
login_data_free (LoginData *data)
{
  g_clear_object (&data->server);
  g_clear_object (&data->msg);
  if (data->password != NULL)
    memset (data->password, 0, strlen (data->password));
  g_clear_pointer (&data->password, g_free);
  g_clear_pointer (&data->user, wb_store_user_free);
  g_free (data);
}

static void
verify_password_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  LoginData *data = task_data;
  const char *hash = data->user != NULL && data->user->password_hash != NULL
                     ? data->user->password_hash : data->server->dummy_hash;

  data->valid = wb_password_verify (hash, data->password) && data->user != NULL &&
                data->user->password_hash != NULL && data->user->active;
  g_task_return_boolean (task, TRUE);
}

static void
verify_password_done (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  LoginData *data = g_task_get_task_data (G_TASK (result));
  WbServer *self = data->server;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) response = NULL;
  g_autoptr(GDateTime) expires = NULL;
  g_autofree char *token = NULL;
  g_autofree char *expires_text = NULL;
  gint64 expires_at;

  if (!data->valid)
    {
      _wb_server_send_error (data->msg, SOUP_STATUS_UNAUTHORIZED, _("The username or password is wrong"),
                  _("Check both and try again. An account of someone who has left cannot log in."));
      soup_server_message_unpause (data->msg);
      return;
    }

  token = create_session (self, data->user->id, &expires_at, &error);
  if (token == NULL)
    {
      _wb_server_send_store_error (data->msg, error);
      soup_server_message_unpause (data->msg);
      return;
    }
  wb_store_audit (self->store, data->user->id, data->user->organisation_id, "login", "session", 0, NULL, NULL);

  expires = g_date_time_new_from_unix_utc (expires_at);
  expires_text = g_date_time_format_iso8601 (expires);
  response = json_object_new ();
  json_object_set_string_member (response, "token", token);
  json_object_set_string_member (response, "expires_at", expires_text);
  json_object_set_object_member (response, "user", user_to_json (self, data->user->id));
  _wb_server_send_object (data->msg, SOUP_STATUS_CREATED, response);
  soup_server_message_unpause (data->msg);
}

static void
handle_login (WbServer          *self,
              SoupServerMessage *msg)
{
  WbRequest request = { .server = self, .msg = msg };
  g_autoptr(JsonObject) body = _wb_server_parse_body (&request);
  g_autoptr(GTask) task = NULL;
  const char *username, *password;
  LoginData *data;

  if (body == NULL)
    return;
  username = json_object_get_string_member_with_default (body, "username", NULL);
  password = json_object_get_string_member_with_default (body, "password", NULL);
  if (username == NULL || password == NULL)
    {
      g_autoptr(WbProblem) problem = wb_problem_new (SOUP_STATUS_BAD_REQUEST, _("Username and password are required"), NULL);

      if (username == NULL)
        wb_problem_add_error (problem, "username", _("is required"));
      if (password == NULL)
        wb_problem_add_error (problem, "password", _("is required"));
      _wb_server_send_problem (msg, problem);
      return;
    }

  /* Argon2id takes a noticeable moment by design: verify in a worker thread so that the
   * server keeps answering others meanwhile. */
  data = g_new0 (LoginData, 1);
  data->server = g_object_ref (self);
  data->msg = g_object_ref (msg);
  data->password = g_strdup (password);
  data->user = wb_store_find_user (self->store, username, 0, NULL);

  soup_server_message_pause (msg);
  task = g_task_new (NULL, NULL, verify_password_done, NULL);
  g_task_set_task_data (task, data, (GDestroyNotify) login_data_free);
  g_task_run_in_thread (task, verify_password_thread);
}

static const char *
bearer_token (SoupServerMessage *msg,
              char             **hash)
{
  const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Authorization");

  if (header == NULL || g_ascii_strncasecmp (header, "Bearer ", 7) != 0 || header[7] == '\0')
    return NULL;
  *hash = wb_token_hash (header + 7);
  return header + 7;
}

static gboolean
authenticate (WbRequest *request)
{
  WbServer *self = request->server;
  g_autofree char *hash = NULL;
  g_autoptr(WbStoreUser) user = NULL;
  gint64 user_id;

  if (bearer_token (request->msg, &hash) == NULL ||
      (user_id = wb_store_lookup_session (self->store, hash, g_get_real_time () / G_USEC_PER_SEC)) == 0 ||
      (user = wb_store_find_user (self->store, NULL, user_id, NULL)) == NULL ||
      !wb_role_from_string (user->role, &request->caller.role))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (request->msg),
                                    "WWW-Authenticate", "Bearer realm=\"werkbrug\"");
      _wb_server_send_error (request->msg, SOUP_STATUS_UNAUTHORIZED, _("Log in first"),
                  _("This request needs a valid bearer token; it is missing or has expired."));
      return FALSE;
    }

  request->caller.id = user->id;
  request->caller.organisation_id = user->organisation_id;
  return TRUE;
}

static void
route (WbRequest  *request,
       GHashTable *params)
{
  WbServer *self = request->server;
  const WbResourceSpec *spec;
  const WbResourceSpec *child_spec = NULL;
  const char *method = request->method;
  gint64 id = 0;

  if (_wb_server_matching_route (request, params) || _wb_server_accounts_route (request, params))
    return;

  if (request->n_segments == 1 && strcmp (request->segments[0], "me") == 0)
    {
      g_autoptr(JsonObject) me = NULL;

      if (strcmp (method, "GET") != 0)
        {
          _wb_server_send_error (request->msg, SOUP_STATUS_METHOD_NOT_ALLOWED, _("Method not allowed"), NULL);
          return;
        }
      me = user_to_json (self, request->caller.id);
      _wb_server_send_object (request->msg, SOUP_STATUS_OK, me);
      return;
    }

  spec = wb_resource_spec_lookup (request->segments[0]);
  if (spec == NULL || spec->parent_field != NULL ||
      (request->n_segments >= 2 && !_wb_server_parse_id (request->segments[1], &id)) ||
      request->n_segments > 3)
    {
      _wb_server_send_error (request->msg, SOUP_STATUS_NOT_FOUND, _("Not found"), _("There is no such resource in API v1."));
      return;
    }

  if (request->n_segments == 3)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) parent = NULL;
      WbScope parent_scope;

      child_spec = wb_resource_spec_lookup (request->segments[2]);
      if (child_spec == NULL || child_spec->parent_field == NULL ||
          g_strcmp0 (wb_resource_spec_find_field (child_spec, child_spec->parent_field)->ref_table, spec->table) != 0)
        {
          _wb_server_send_error (request->msg, SOUP_STATUS_NOT_FOUND, _("Not found"), _("There is no such resource in API v1."));
          return;
        }
      parent = wb_store_get (self->store, spec->resource, id, &error);
      if (parent == NULL)
        {
          _wb_server_send_store_error (request->msg, error);
          return;
        }
      parent_scope = _wb_server_scope_of_record (request, spec->resource, parent);

      if (strcmp (method, "GET") == 0)
        handle_list (request, child_spec->resource, params, id, parent_scope);
      else if (strcmp (method, "POST") == 0)
        handle_create (request, child_spec->resource, id, parent_scope);
      else
        _wb_server_send_error (request->msg, SOUP_STATUS_METHOD_NOT_ALLOWED, _("Method not allowed"), NULL);
      return;
    }

  if (request->n_segments == 1 && strcmp (method, "GET") == 0)
    handle_list (request, spec->resource, params, 0, WB_SCOPE_OWN);
  else if (request->n_segments == 1 && strcmp (method, "POST") == 0)
    handle_create (request, spec->resource, 0, WB_SCOPE_OWN);
  else if (request->n_segments == 2 && strcmp (method, "GET") == 0)
    handle_get (request, spec->resource, id);
  else if (request->n_segments == 2 && strcmp (method, "PATCH") == 0)
    handle_update (request, spec->resource, id);
  else
    _wb_server_send_error (request->msg, SOUP_STATUS_METHOD_NOT_ALLOWED, _("Method not allowed"), NULL);
}

static void
on_request_cb (SoupServer        *soup,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  WbServer *self = user_data;
  g_auto(GStrv) segments = NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  WbRequest request = { .server = self, .msg = msg };
  const char *method = soup_server_message_get_method (msg);

  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Cache-Control", "no-store");

  if (!g_str_has_prefix (path, "/api/v1/"))
    {
      _wb_server_send_error (msg, SOUP_STATUS_NOT_FOUND, _("Not found"), _("The API lives under /api/v1/."));
      return;
    }

  segments = g_strsplit (path + strlen ("/api/v1/"), "/", -1);
  for (guint i = 0; segments[i] != NULL; i++)
    if (*segments[i] != '\0')
      g_ptr_array_add (parts, g_strdup (segments[i]));
  g_ptr_array_add (parts, NULL);

  request.method = method;
  request.segments = (char **) parts->pdata;
  request.n_segments = parts->len - 1;

  if (request.n_segments == 0)
    {
      _wb_server_send_error (msg, SOUP_STATUS_NOT_FOUND, _("Not found"), NULL);
      return;
    }

  if (request.n_segments == 1 && strcmp (request.segments[0], "session") == 0)
    {
      if (strcmp (method, "POST") == 0)
        handle_login (self, msg);
      else if (strcmp (method, "DELETE") == 0)
        {
          g_autofree char *hash = NULL;

          if (!authenticate (&request))
            return;
          bearer_token (msg, &hash);
          wb_store_delete_session (self->store, hash, NULL);
          soup_server_message_set_status (msg, SOUP_STATUS_NO_CONTENT, NULL);
        }
      else
        _wb_server_send_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, _("Method not allowed"), NULL);
      return;
    }

  if (!authenticate (&request))
    return;

  route (&request, query);
}

static void
on_early_request_cb (SoupServer        *soup,
                     SoupServerMessage *msg,
                     const char        *path,
                     GHashTable        *query,
                     gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  /* Refuse a large body before reading it. */
  if (soup_message_headers_get_content_length (headers) > MAX_BODY_SIZE)
    _wb_server_send_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, _("The request is too large"),
                _("A request body may be at most 1 MiB."));
}

WbServer *
wb_server_new (WbStore *store)
{
  WbServer *self;

  g_return_val_if_fail (WB_IS_STORE (store), NULL);

  self = g_object_new (WB_TYPE_SERVER, NULL);
  self->store = g_object_ref (store);
  self->dummy_hash = wb_password_hash ("no user has this password", NULL);
  self->matching = _wb_server_matching_new (self, NULL);
  self->accounts = _wb_server_accounts_new (self);
  return self;
}

gboolean
wb_server_listen (WbServer         *self,
                  const char       *address,
                  GTlsCertificate  *certificate,
                  GError          **error)
{
  g_autoptr(GSocketConnectable) connectable = NULL;
  g_autoptr(GSocketAddressEnumerator) enumerator = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;
  SoupServerListenOptions options = 0;

  g_return_val_if_fail (WB_IS_SERVER (self), FALSE);
  g_return_val_if_fail (address != NULL, FALSE);
  g_return_val_if_fail (self->soup == NULL, FALSE);

  connectable = g_network_address_parse (address, 0, error);
  if (connectable == NULL)
    return FALSE;
  enumerator = g_socket_connectable_enumerate (connectable);
  socket_address = g_socket_address_enumerator_next (enumerator, NULL, error);
  if (socket_address == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("%s is not an address to listen on"), address);
      return FALSE;
    }

  self->soup = soup_server_new ("server-header", "werkbrug-server/" PACKAGE_VERSION,
                                "tls-certificate", certificate,
                                NULL);
  soup_server_add_early_handler (self->soup, NULL, on_early_request_cb, self, NULL);
  soup_server_add_handler (self->soup, NULL, on_request_cb, self, NULL);

  if (certificate != NULL)
    options |= SOUP_SERVER_LISTEN_HTTPS;
  if (!soup_server_listen (self->soup, socket_address, options, error))
    {
      g_clear_object (&self->soup);
      return FALSE;
    }
  return TRUE;
}

static GUri *
first_uri (WbServer *self)
{
  GSList *uris;
  GUri *uri;

  if (self->soup == NULL)
    return NULL;
  uris = soup_server_get_uris (self->soup);
  if (uris == NULL)
    return NULL;
  uri = g_uri_ref (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return uri;
}

guint16
wb_server_get_port (WbServer *self)
{
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (WB_IS_SERVER (self), 0);

  uri = first_uri (self);
  return uri != NULL ? (guint16) g_uri_get_port (uri) : 0;
}

char *
wb_server_dup_url (WbServer *self)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *host = NULL;

  g_return_val_if_fail (WB_IS_SERVER (self), NULL);

  uri = first_uri (self);
  if (uri == NULL)
    return NULL;
  host = strchr (g_uri_get_host (uri), ':') != NULL
         ? g_strdup_printf ("[%s]", g_uri_get_host (uri)) : g_strdup (g_uri_get_host (uri));
  return g_strdup_printf ("%s://%s:%d/", g_uri_get_scheme (uri), host, g_uri_get_port (uri));
}

char *
wb_server_issue_token (WbServer  *self,
                       gint64     user_id,
                       GError   **error)
{
  gint64 expires_at;

  g_return_val_if_fail (WB_IS_SERVER (self), NULL);
  return create_session (self, user_id, &expires_at, error);
}

WbStore *
wb_server_get_store (WbServer *self)
{
  g_return_val_if_fail (WB_IS_SERVER (self), NULL);
  return self->store;
}
