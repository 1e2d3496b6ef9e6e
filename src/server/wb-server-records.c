/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-server-records"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "wb-password.h"
#include "wb-server-modules.h"

/* The records of the schema table (src/core/wb-schema.c), read, listed, created and changed
 * the same way for every resource, with what a resource needs besides. */

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

/* Reading the audit is itself in the audit, as audit_read: one row a request, saying what
 * was asked with ids, days and the names of fields, never a person's name: a filter value
 * that is no such word is left out, and a search says only that there was one. */
static gboolean
is_word (const char *text)
{
  if (text == NULL || *text == '\0' || strlen (text) > 40)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-' && *p != ',' && *p != '.')
      return FALSE;
  return TRUE;
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
audit_the_reading (WbRequest  *request,
                   gint64      id,
                   GError    **error)
{
  g_autoptr(GString) asked = g_string_new (id > 0 ? "entry" : "list");

  if (request->query != NULL)
    {
      g_autofree gpointer *keys = g_hash_table_get_keys_as_array (request->query, NULL);

      qsort (keys, g_hash_table_size (request->query), sizeof (gpointer), compare_keys);
      for (guint i = 0; keys[i] != NULL; i++)
        {
          const char *value = g_hash_table_lookup (request->query, keys[i]);

          if (g_str_equal (keys[i], "q"))
            g_string_append (asked, ", a search");
          else
            g_string_append_printf (asked, ", %s=%s", (const char *) keys[i], is_word (value) ? value : "…");
        }
    }
  return wb_store_audit (request->store, request->caller.id, request->caller.organisation_id, "audit_read",
                         "audit", id, asked->str, error);
}

/* Handlers */

static void
handle_get (WbRequest  *request,
            WbResource  resource,
            gint64      id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = wb_store_get (request->store, resource, id, &error);
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
      else if (!wb_store_audit (request->store, request->caller.id, request->caller.organisation_id,
                                "read", "clients", id, read_reason (request), &error))
        {
          /* No audit row, no full record. */
          _wb_server_send_store_error (request->msg, error);
          return;
        }
    }

  if (resource == WB_RESOURCE_AUDIT && !audit_the_reading (request, id, &error))
    {
      _wb_server_send_store_error (request->msg, error);
      return;
    }

  _wb_server_set_etag (request->msg, object);
  _wb_server_send_object (request->msg, SOUP_STATUS_OK, object);
}

/* What a page of @resource is read from: the rows, and what their scope is judged by (the
 * client of an event, the owner of an employer and the owner's organisation). */
static GStrv
list_tables (WbResource resource)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_strv_builder_addv (builder, (const char **) wb_store_resource_tables (resource));
  switch (resource)
    {
    case WB_RESOURCE_EVENTS:
    case WB_RESOURCE_DIAGNOSES:
      g_strv_builder_add (builder, "clients");
      break;
    case WB_RESOURCE_CONTACTS:
    case WB_RESOURCE_CONTACT_LOG:
      g_strv_builder_add (builder, "employers");
      G_GNUC_FALLTHROUGH;
    case WB_RESOURCE_EMPLOYERS:
      g_strv_builder_add (builder, "users");
      break;
    case WB_RESOURCE_ORGANISATIONS:
    case WB_RESOURCE_MUNICIPALITIES:
    case WB_RESOURCE_USERS:
    case WB_RESOURCE_CLIENTS:
    case WB_RESOURCE_VACANCIES:
    case WB_RESOURCE_MATCHES:
    case WB_RESOURCE_COMPETENCES:
    case WB_RESOURCE_OCCUPATIONS:
    case WB_RESOURCE_TARGETS:
    case WB_RESOURCE_ACTION_POINTS:
    case WB_RESOURCE_AUDIT:
    case WB_N_RESOURCES:
    default:
      break;
    }
  return g_strv_builder_end (builder);
}

static void
handle_list (WbRequest  *request,
             WbResource  resource,
             gint64      parent_id,
             WbScope     parent_scope)
{
  GHashTable *params = request->query;
  const WbResourceSpec *spec = wb_resource_spec_get (resource);
  g_autoptr(GHashTable) filters = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *own_org = NULL;
  g_auto(GStrv) tables = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GHashTable) exclude = NULL;
  gboolean without_audit_reads = FALSE;
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

  if (!_wb_server_parse_paging (request, &page, &per_page) || !_wb_server_parse_ids (request, &ids) ||
      (resource == WB_RESOURCE_AUDIT && !_wb_server_parse_audit_reads (request, &without_audit_reads)))
    return;

  if (params != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_autoptr(WbProblem) problem = wb_problem_new (SOUP_STATUS_BAD_REQUEST, _("The request is not valid"), NULL);
      const WbFieldSpec *field;

      g_hash_table_iter_init (&iter, params);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (strcmp (key, "q") != 0 && strcmp (key, "sort") != 0 && strcmp (key, "ids") != 0 &&
            strcmp (key, "page") != 0 && strcmp (key, "per_page") != 0 &&
            (resource != WB_RESOURCE_AUDIT || strcmp (key, "audit_reads") != 0))
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

  /* A read of the audit writes its row every time: no page from the cache. */
  tables = list_tables (resource);
  if (resource != WB_RESOURCE_AUDIT && _wb_server_send_cached_page_of (request, (const char * const *) tables))
    return;

  if (without_audit_reads)
    {
      exclude = g_hash_table_new (g_str_hash, g_str_equal);
      g_hash_table_insert (exclude, (gpointer) "action", (gpointer) "audit_read");
      query.exclude = exclude;
    }
  query.filters = filters;
  query.ids = ids;
  query.parent_id = parent_id;
  query.offset = (page - 1) * per_page;
  query.limit = per_page;

  rows = wb_store_list (request->store, resource, &query, &total, &error);
  /* The answer does not hold its own reading: that row comes after the page is read. */
  if (rows == NULL || (resource == WB_RESOURCE_AUDIT && !audit_the_reading (request, 0, &error)))
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

  _wb_server_send_list (request, items, total, page, per_page);
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
          wb_store_get (request->store, WB_RESOURCE_CLIENTS,
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
  g_autoptr(JsonObject) client = wb_store_get (request->store, WB_RESOURCE_CLIENTS, client_id, NULL);
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

/* An event written by mistake is never deleted: a new event names it in corrects_id, as its
 * correction (the same kind, the fields as they should have been) or its withdrawal, with
 * why. It names an event of the same timeline, not a withdrawal, written by the caller's own
 * organisation; that it is corrected once only is the store's unique index. Answers the
 * request and returns FALSE when the correction is refused. */
static gboolean
check_correction (WbRequest  *request,
                  JsonObject *event,
                  gint64      client_id)
{
  JsonNode *node = json_object_get_member (event, "corrects_id");
  const char *kind = json_object_get_string_member_with_default (event, "kind", NULL);
  g_autoptr(JsonObject) target = NULL;
  g_autoptr(WbProblem) problem = NULL;
  const char *target_kind;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  target = wb_store_get (request->store, WB_RESOURCE_EVENTS, json_node_get_int (node), NULL);
  problem = wb_problem_new (SOUP_STATUS_BAD_REQUEST, _("The record is not valid"),
                            _("A correction names an event of this timeline and keeps its kind."));
  target_kind = target != NULL ? json_object_get_string_member_with_default (target, "kind", NULL) : NULL;
  if (target == NULL || json_object_get_int_member_with_default (target, "client_id", 0) != client_id)
    wb_problem_add_error (problem, "corrects_id", _("is not an event of this client's timeline"));
  else if (g_strcmp0 (target_kind, "withdrawal") == 0)
    wb_problem_add_error (problem, "corrects_id", _("is a withdrawal, which is not corrected: add the event again"));
  else if (g_strcmp0 (kind, "withdrawal") != 0 && g_strcmp0 (kind, target_kind) != 0)
    wb_problem_add_error (problem, "kind", _("must be the kind of the event it corrects: withdraw that event and "
                                             "add one of the right kind"));
  if (problem->errors->len > 0)
    {
      _wb_server_send_problem (request->msg, problem);
      return FALSE;
    }
  if (json_object_get_int_member_with_default (target, "organisation_id", 0) != request->caller.organisation_id)
    {
      _wb_server_send_error (request->msg, SOUP_STATUS_FORBIDDEN, _("Not allowed"),
                             _("Only the organisation that wrote an event corrects or withdraws it."));
      return FALSE;
    }
  return TRUE;
}

static void
handle_create (WbRequest  *request,
               WbResource  resource,
               gint64      parent_id,
               WbScope     parent_scope)
{
  const WbResourceSpec *spec = wb_resource_spec_get (resource);
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *password_hash = NULL;
  g_autofree char *location = NULL;
  WbScope scope;
  gint64 id;

  if (!_wb_server_before_create (request, resource, parent_id))
    return;

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
    {
      if (resource == WB_RESOURCE_EVENTS && !check_correction (request, object, parent_id))
        return;
      set_server_fields (request, resource, object, parent_id);
    }
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

  if (!_wb_server_complete_create (request, resource, object))
    return;

  if (!wb_store_begin (request->store, &error))
    {
      _wb_server_send_store_error (request->msg, error);
      return;
    }
  id = wb_store_insert (request->store, resource, object, &error);
  if (id == 0 ||
      (password_hash != NULL && !wb_store_set_password_hash (request->store, id, password_hash, &error)) ||
      ((resource == WB_RESOURCE_CLIENTS || spec->parent_field != NULL) &&
       !wb_store_audit (request->store, request->caller.id, request->caller.organisation_id,
                        "create", spec->name, id, NULL, &error)) ||
      !wb_store_commit (request->store, &error))
    {
      wb_store_rollback (request->store);
      _wb_server_send_store_error (request->msg, error);
      return;
    }

  _wb_server_changed (request, resource, id);

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
  WbStore *store = request->store;
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
  const WbResourceSpec *spec = wb_resource_spec_get (resource);
  g_autoptr(JsonObject) current = NULL;
  g_autoptr(JsonObject) changes = NULL;
  g_autoptr(GError) error = NULL;
  gint64 version;

  if (!_wb_server_before_update (request, resource, id))
    return;

  current = wb_store_get (request->store, resource, id, &error);
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

  if (!wb_store_begin (request->store, &error))
    {
      _wb_server_send_store_error (request->msg, error);
      return;
    }
  if (!wb_store_update (request->store, resource, id, version, changes, &error) ||
      (resource == WB_RESOURCE_MATCHES && !record_placement (request, current, changes, &error)) ||
      (resource == WB_RESOURCE_CLIENTS &&
       !wb_store_audit (request->store, request->caller.id, request->caller.organisation_id,
                        "update", spec->name, id, NULL, &error)) ||
      !wb_store_commit (request->store, &error))
    {
      wb_store_rollback (request->store);
      _wb_server_send_store_error (request->msg, error);
      return;
    }

  _wb_server_changed (request, resource, id);
  _wb_server_respond_with_record (request, resource, id, SOUP_STATUS_OK);
}

/* The routes */

static const WbResourceSpec *
spec_of (WbRequest *request,
         guint      segment)
{
  return wb_resource_spec_lookup (request->segments[segment]);
}

static void
on_list (WbRequest *request)
{
  handle_list (request, spec_of (request, 0)->resource, 0, WB_SCOPE_OWN);
}

static void
on_create (WbRequest *request)
{
  handle_create (request, spec_of (request, 0)->resource, 0, WB_SCOPE_OWN);
}

static void
on_get (WbRequest *request)
{
  handle_get (request, spec_of (request, 0)->resource, _wb_server_route_id (request, "id"));
}

static void
on_update (WbRequest *request)
{
  handle_update (request, spec_of (request, 0)->resource, _wb_server_route_id (request, "id"));
}

/* A nested list or create reads the parent first: it must exist, and its scope is the scope
 * of what hangs under it. */
static gboolean
read_parent (WbRequest *request,
             WbScope   *scope)
{
  const WbResourceSpec *spec = spec_of (request, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) parent = wb_store_get (request->store, spec->resource,
                                               _wb_server_route_id (request, "id"), &error);

  if (parent == NULL)
    {
      _wb_server_send_store_error (request->msg, error);
      return FALSE;
    }
  *scope = _wb_server_scope_of_record (request, spec->resource, parent);
  return TRUE;
}

static void
on_list_nested (WbRequest *request)
{
  WbScope parent_scope;

  if (read_parent (request, &parent_scope))
    handle_list (request, spec_of (request, 2)->resource, _wb_server_route_id (request, "id"), parent_scope);
}

static void
on_create_nested (WbRequest *request)
{
  WbScope parent_scope;

  if (read_parent (request, &parent_scope))
    handle_create (request, spec_of (request, 2)->resource, _wb_server_route_id (request, "id"), parent_scope);
}

/* The resource a write route writes: the last name in its path. */
static WbResource
resource_of_route (WbRequest *request)
{
  const WbResourceSpec *spec = spec_of (request, request->n_segments == 3 ? 2 : 0);

  return spec != NULL ? spec->resource : WB_N_RESOURCES;
}

/* The routes of every resource of the schema table: {records} stands for each resource at
 * the top, {nested} for each resource that hangs under it. Records that are kept as written
 * have no PATCH, and the audit log, which the server writes, no POST. */
static const WbRoute record_routes[] = {
  { "GET",   "/api/v1/{records}",               on_list,          WB_ROUTE_READS },
  { "POST",  "/api/v1/{records}",               on_create,        WB_ROUTE_WRITES },
  { "GET",   "/api/v1/{records}/{id}",          on_get,           WB_ROUTE_READS },
  { "PATCH", "/api/v1/{records}/{id}",          on_update,        WB_ROUTE_WRITES },
  { "GET",   "/api/v1/{records}/{id}/{nested}", on_list_nested,   WB_ROUTE_READS },
  { "POST",  "/api/v1/{records}/{id}/{nested}", on_create_nested, WB_ROUTE_WRITES },
};

static const WbResourceSpec *
parent_of (const WbResourceSpec *spec)
{
  const char *table;

  if (spec->parent_field == NULL)
    return NULL;
  table = wb_resource_spec_find_field (spec, spec->parent_field)->ref_table;
  for (WbResource r = 0; r < WB_N_RESOURCES; r++)
    if (g_strcmp0 (wb_resource_spec_get (r)->table, table) == 0)
      return wb_resource_spec_get (r);
  g_assert_not_reached ();
}

static char *
replace (const char *text,
         const char *placeholder,
         const char *name)
{
  GString *out = g_string_new (text);

  g_string_replace (out, placeholder, name, 0);
  return g_string_free (out, FALSE);
}

static void
add_routes (GArray               *routes,
            GPtrArray            *paths,
            const WbResourceSpec *spec,
            const WbResourceSpec *nested)
{
  for (guint i = 0; i < G_N_ELEMENTS (record_routes); i++)
    {
      const WbRoute *template = &record_routes[i];
      WbRoute route = *template;
      g_autofree char *top = NULL;
      char *path;

      if ((strstr (template->path, "{nested}") != NULL) != (nested != NULL) ||
          (g_str_equal (template->method, "POST") && spec->resource == WB_RESOURCE_AUDIT) ||
          (g_str_equal (template->method, "PATCH") && !spec->versioned))
        continue;
      top = replace (template->path, "{records}", spec->name);
      path = nested != NULL ? replace (top, "{nested}", nested->name) : g_steal_pointer (&top);
      g_ptr_array_add (paths, path);
      route.path = path;
      /* A full read of a client writes its audit row, and so does a read of the audit. */
      if ((template->handler == on_get && spec->resource == WB_RESOURCE_CLIENTS) ||
          ((template->handler == on_get || template->handler == on_list) && spec->resource == WB_RESOURCE_AUDIT))
        route.flags |= WB_ROUTE_WRITES;
      g_array_append_val (routes, route);
    }
}

typedef struct {
  GArray *routes;
  GPtrArray *paths;
} Records;

static void
records_free (Records *self)
{
  g_array_unref (self->routes);
  g_ptr_array_unref (self->paths);
  g_free (self);
}

void
_wb_server_records_init (WbServerModule *module,
                         WbStore        *store)
{
  Records *self = g_new0 (Records, 1);

  self->routes = g_array_new (FALSE, FALSE, sizeof (WbRoute));
  self->paths = g_ptr_array_new_with_free_func (g_free);
  for (WbResource r = 0; r < WB_N_RESOURCES; r++)
    {
      const WbResourceSpec *spec = wb_resource_spec_get (r);

      if (spec->parent_field != NULL)
        add_routes (self->routes, self->paths, parent_of (spec), spec);
      else
        add_routes (self->routes, self->paths, spec, NULL);
    }

  module->routes = (const WbRoute *) self->routes->data;
  module->n_routes = self->routes->len;
  module->constant_state = TRUE;
  module->resource_of = resource_of_route;
  module->state = self;
  module->free_state = (GDestroyNotify) records_free;
}
