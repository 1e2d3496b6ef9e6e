/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-server-admin"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wb-password.h"
#include "wb-store-audit.h"
#include "wb-server-modules.h"

/* Module: what administering users needs beyond their records. An administrator resets a
 * password to a one-time one (the user signs in with it once and chooses their own), and
 * every user changes their own password. Creating users, their role, organisation and
 * leaving are PATCHes of the users' records (wb-server-records.c); the review queue takes
 * the accounts of someone who left (wb-server-accounts.c). */

#define MIN_PASSWORD_LENGTH 10

/* POST /api/v1/users/{id}/password-reset */
static void
handle_password_reset (WbRequest *request)
{
  gint64 id = _wb_server_route_id (request, "id");
  g_autoptr(JsonObject) user = wb_store_get (request->store, WB_RESOURCE_USERS, id, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autofree char *password = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *stored = NULL;

  if (user == NULL)
    {
      _wb_server_send_error (request->msg, SOUP_STATUS_NOT_FOUND, _("There is no such user"), NULL);
      return;
    }
  /* Who may change the user may give them a new password; nobody else. */
  if (wb_policy_decide (request->caller.role, WB_RESOURCE_USERS, WB_ACTION_UPDATE,
                        _wb_server_scope_of_record (request, WB_RESOURCE_USERS, user)) != WB_DECISION_ALLOW)
    {
      _wb_server_deny (request);
      return;
    }
  if (!json_object_get_boolean_member_with_default (user, "active", FALSE))
    {
      _wb_server_send_error (request->msg, SOUP_STATUS_CONFLICT, _("This user has left"),
                             _("Make the user active again before giving them a password."));
      return;
    }

  password = wb_password_one_time_new ();
  hash = wb_password_hash (password, &error);
  if (hash == NULL)
    {
      _wb_server_send_store_error (request->msg, error);
      return;
    }
  stored = g_strconcat (WB_PASSWORD_ONE_TIME, hash, NULL);
  /* The old password and every session of the user end here. */
  if (!wb_store_begin (request->store, &error) ||
      !wb_store_set_password_hash (request->store, id, stored, &error) ||
      !wb_store_delete_user_sessions (request->store, id, &error) ||
      !wb_store_audit (request->store, request->caller.id, request->caller.organisation_id,
                       "password_reset", "users", id, NULL, &error) ||
      !wb_store_commit (request->store, &error))
    {
      wb_store_rollback (request->store);
      _wb_server_send_store_error (request->msg, error);
      return;
    }

  answer = json_object_new ();
  json_object_set_int_member (answer, "user_id", id);
  json_object_set_string_member (answer, "username", json_object_get_string_member (user, "username"));
  json_object_set_string_member (answer, "one_time_password", password);
  soup_message_headers_replace (soup_server_message_get_response_headers (request->msg), "Cache-Control", "no-store");
  _wb_server_send_object (request->msg, SOUP_STATUS_OK, answer);
  memset (password, 0, strlen (password));
}

/* POST /api/v1/me/password: the current password (unless the user signed in with a
 * one-time one, which is gone then) and the new one. Argon2id takes a moment by design: the
 * check and the hash run in a worker thread. */

typedef struct {
  WbServer *server;
  WbStore *store;
  SoupServerMessage *msg;
  WbCaller caller;
  char *hash;          /* the stored hash, NULL after a one-time password */
  char *current;
  char *new_password;
  char *new_hash;
  gboolean current_ok;
} ChangeData;

static void
wipe (char *text)
{
  if (text != NULL)
    memset (text, 0, strlen (text));
  g_free (text);
}

static void
change_data_free (ChangeData *data)
{
  g_clear_object (&data->server);
  g_clear_object (&data->store);
  g_clear_object (&data->msg);
  g_free (data->hash);
  wipe (data->current);
  wipe (data->new_password);
  g_free (data->new_hash);
  g_free (data);
}

static void
change_password_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  ChangeData *data = task_data;

  data->current_ok = data->hash == NULL || wb_password_verify (data->hash, data->current);
  if (data->current_ok)
    data->new_hash = wb_password_hash (data->new_password, NULL);
  g_task_return_boolean (task, TRUE);
}

static void
change_password_done (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  ChangeData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!data->current_ok)
    {
      g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) wb_field_error_free);

      wb_field_errors_add (errors, "current_password", g_strdup (_("is not your current password")));
      _wb_server_send_field_errors (data->msg, errors);
    }
  else if (data->new_hash == NULL)
    _wb_server_send_error (data->msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, _("The password could not be stored"), NULL);
  else if (!wb_store_set_password_hash (data->store, data->caller.id, data->new_hash, &error) ||
           !wb_store_audit (data->store, data->caller.id, data->caller.organisation_id,
                            "password_change", "users", data->caller.id, NULL, &error))
    _wb_server_send_store_error (data->msg, error);
  else
    soup_server_message_set_status (data->msg, SOUP_STATUS_NO_CONTENT, NULL);
  soup_server_message_unpause (data->msg);
}

static void
handle_change_password (WbRequest *request)
{
  g_autoptr(JsonObject) body = _wb_server_parse_body (request);
  g_autoptr(WbStoreUser) user = NULL;
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GTask) task = NULL;
  const char *current, *new_password;
  ChangeData *data;

  if (body == NULL)
    return;
  user = wb_store_find_user (request->store, NULL, request->caller.id, NULL);
  if (user == NULL)
    {
      _wb_server_send_error (request->msg, SOUP_STATUS_NOT_FOUND, _("There is no such user"), NULL);
      return;
    }
  current = json_object_get_string_member_with_default (body, "current_password", NULL);
  new_password = json_object_get_string_member_with_default (body, "new_password", NULL);
  errors = g_ptr_array_new_with_free_func ((GDestroyNotify) wb_field_error_free);
  if (user->password_hash != NULL && current == NULL)
    wb_field_errors_add (errors, "current_password", g_strdup (_("is required")));
  if (new_password == NULL)
    wb_field_errors_add (errors, "new_password", g_strdup (_("is required")));
  else if (g_utf8_strlen (new_password, -1) < MIN_PASSWORD_LENGTH || !wb_validate_text (new_password, FALSE, NULL))
    wb_field_errors_add (errors, "new_password", g_strdup (_("must be at least 10 characters, without control characters")));
  if (errors->len > 0)
    {
      _wb_server_send_field_errors (request->msg, errors);
      return;
    }

  data = g_new0 (ChangeData, 1);
  data->server = g_object_ref (request->server);
  data->store = g_object_ref (request->store);
  data->msg = g_object_ref (request->msg);
  data->caller = request->caller;
  data->hash = g_strdup (user->password_hash);
  data->current = g_strdup (current != NULL ? current : "");
  data->new_password = g_strdup (new_password);

  soup_server_message_pause (request->msg);
  task = g_task_new (NULL, NULL, change_password_done, NULL);
  g_task_set_task_data (task, data, (GDestroyNotify) change_data_free);
  g_task_run_in_thread (task, change_password_thread);
}

/* GET /api/v1/audit/trail: who read or changed which client's record, when and why, for a
 * privacy officer (the roles the policy lets read the audit: admins, and coordinators for
 * their own organisation). Filters: client_id, user_id, organisation_id, from and to (days),
 * audit_reads=false. Reading the audit is itself audited: one row per request, saying what
 * was asked, as audit_read, which audit_reads=false leaves out. */

static gboolean
read_id_param (WbRequest *request,
               const char *name,
               gint64     *id,
               WbProblem  *problem)
{
  const char *text = _wb_server_query_param (request, name);

  *id = 0;
  if (text == NULL)
    return TRUE;
  if (!_wb_server_parse_id (text, id))
    {
      wb_problem_add_error (problem, name, _("must be a positive whole number"));
      return FALSE;
    }
  return TRUE;
}

static void
handle_audit_trail (WbRequest *request)
{
  static const char * const known[] = {
    "client_id", "user_id", "organisation_id", "from", "to", "audit_reads", "page", "per_page", NULL
  };
  g_autoptr(WbProblem) problem = wb_problem_new (SOUP_STATUS_BAD_REQUEST, _("The request is not valid"),
                                                 _("Correct the parameters listed in errors and send it again."));
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) asked = g_string_new (NULL);
  WbAuditQuery query = { 0 };
  JsonArray *items;
  guint page, per_page;
  gint64 total = 0;
  WbDecision own, all;

  if (!_wb_server_check_query (request, known) || !_wb_server_parse_paging (request, &page, &per_page) ||
      !_wb_server_parse_audit_reads (request, &query.without_audit_reads))
    return;
  own = wb_policy_decide (request->caller.role, WB_RESOURCE_AUDIT, WB_ACTION_READ, WB_SCOPE_OWN);
  all = wb_policy_decide (request->caller.role, WB_RESOURCE_AUDIT, WB_ACTION_READ, WB_SCOPE_OTHER);
  if (own != WB_DECISION_ALLOW)
    {
      _wb_server_deny (request);
      return;
    }

  read_id_param (request, "client_id", &query.client_id, problem);
  read_id_param (request, "user_id", &query.user_id, problem);
  read_id_param (request, "organisation_id", &query.organisation_id, problem);
  query.from = _wb_server_query_param (request, "from");
  query.to = _wb_server_query_param (request, "to");
  if (query.from != NULL && !wb_validate_date (query.from))
    wb_problem_add_error (problem, "from", _("must be a date as 2026-03-31"));
  if (query.to != NULL && !wb_validate_date (query.to))
    wb_problem_add_error (problem, "to", _("must be a date as 2026-03-31"));
  if (problem->errors != NULL && problem->errors->len > 0)
    {
      _wb_server_send_problem (request->msg, problem);
      return;
    }
  /* Who may read their own organisation's audit only, reads that. */
  if (all != WB_DECISION_ALLOW)
    {
      if (query.organisation_id != 0 && query.organisation_id != request->caller.organisation_id)
        {
          _wb_server_deny (request);
          return;
        }
      query.organisation_id = request->caller.organisation_id;
    }

  rows = wb_store_audit_trail (request->store, &query, (page - 1) * per_page, per_page, &total, &error);
  if (rows == NULL)
    {
      _wb_server_send_store_error (request->msg, error);
      return;
    }

  /* The reading of the audit, in the audit: what was asked, never a name. */
  g_string_append_printf (asked, "client %" G_GINT64_FORMAT ", user %" G_GINT64_FORMAT ", organisation %" G_GINT64_FORMAT
                          ", %s to %s, page %u%s", query.client_id, query.user_id, query.organisation_id,
                          query.from != NULL ? query.from : "start", query.to != NULL ? query.to : "now", page,
                          query.without_audit_reads ? ", without reads of the audit" : "");
  if (!wb_store_audit (request->store, request->caller.id, request->caller.organisation_id, "audit_read",
                       query.client_id > 0 ? "clients" : "audit", query.client_id, asked->str, &error))
    {
      _wb_server_send_store_error (request->msg, error);
      return;
    }

  items = json_array_new ();
  for (guint i = 0; i < rows->len; i++)
    json_array_add_object_element (items, json_object_ref (rows->pdata[i]));
  _wb_server_send_list (request, items, total, page, per_page);
}

static const WbRoute routes[] = {
  { "POST", "/api/v1/users/{id}/password-reset", handle_password_reset,  WB_ROUTE_WRITES },
  { "POST", "/api/v1/me/password",               handle_change_password, WB_ROUTE_WRITES },
  /* A read that writes its own audit row. */
  { "GET",  "/api/v1/audit/trail",               handle_audit_trail,     WB_ROUTE_WRITES },
};

void
_wb_server_admin_init (WbServerModule *module,
                       WbStore        *store)
{
  module->routes = routes;
  module->n_routes = G_N_ELEMENTS (routes);
}
