/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-server-session"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wb-password.h"
#include "wb-server-auth.h"
#include "wb-server-modules.h"
#include "wb-server-throttle.h"

/* Logging in and out, and who is logged in: /session and /me. */

typedef struct
{
  WbThrottle *throttle;
} Session;

static JsonObject *
user_to_json (WbStore *store,
              gint64   user_id)
{
  JsonObject *user = wb_store_get (store, WB_RESOURCE_USERS, user_id, NULL);
  JsonObject *organisation;

  if (user == NULL)
    return NULL;
  organisation = wb_store_get (store, WB_RESOURCE_ORGANISATIONS,
                               json_object_get_int_member (user, "organisation_id"), NULL);
  if (organisation != NULL)
    json_object_set_object_member (user, "organisation", organisation);
  return user;
}

typedef struct {
  WbServer *server;  /* kept alive until the answer is sent, and with it the module's state */
  WbStore *store;
  SoupServerMessage *msg;
  WbThrottle *throttle;
  char *username;
  char *address;     /* the key of the caller's address for the throttle */
  char *password;
  char *hash;        /* the user's password hash, or the dummy one */
  WbStoreUser *user;
  gboolean valid;
  gint64 lifetime;
} LoginData;

static void
login_data_free (LoginData *data)
{
  g_clear_object (&data->server);
  g_clear_object (&data->store);
  g_clear_object (&data->msg);
  g_clear_pointer (&data->username, g_free);
  g_clear_pointer (&data->address, g_free);
  if (data->password != NULL)
    memset (data->password, 0, strlen (data->password));
  g_clear_pointer (&data->password, g_free);
  g_clear_pointer (&data->hash, g_free);
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

  /* An unknown username costs the same time as a known one. */
  if (data->hash == NULL)
    data->hash = g_strdup (wb_password_dummy_hash ());
  data->valid = wb_password_verify (data->hash, data->password) && data->user != NULL &&
                data->user->password_hash != NULL && data->user->active;
  g_task_return_boolean (task, TRUE);
}

/* A failed sign-in that makes the next one of the username or the address wait goes into
 * the audit log, with the username as it was typed when no user has it. */
static void
record_failure (LoginData *data)
{
  g_autofree char *reason = NULL;
  WbThrottleReason why;
  guint failures;
  guint wait = _wb_throttle_failed (data->throttle, data->username, data->address,
                                    g_get_monotonic_time (), &why, &failures);

  if (wait == 0)
    return;
  reason = g_strdup_printf (why == WB_THROTTLE_USER
                            ? "%u failed sign-ins of %s (last from %s): the next one waits %u s"
                            : "%u failed sign-ins from %s (last as %s): the next one waits %u s",
                            failures,
                            why == WB_THROTTLE_USER ? data->username : data->address,
                            why == WB_THROTTLE_USER ? data->address : data->username,
                            wait);
  wb_store_audit (data->store, data->user != NULL ? data->user->id : 0,
                  data->user != NULL ? data->user->organisation_id : 0,
                  "login_throttled", "session", 0, reason, NULL);
}

static void
verify_password_done (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  LoginData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) response = NULL;
  g_autoptr(GDateTime) expires = NULL;
  g_autofree char *token = NULL;
  g_autofree char *expires_text = NULL;
  JsonObject *user;
  gboolean one_time;
  gint64 expires_at;

  if (!data->valid)
    {
      record_failure (data);
      _wb_server_send_error (data->msg, SOUP_STATUS_UNAUTHORIZED, _("The username or password is wrong"),
                             _("Check both and try again. An account of someone who has left cannot log in."));
      soup_server_message_unpause (data->msg);
      return;
    }
  _wb_throttle_succeeded (data->throttle, data->username, data->address);

  token = _wb_server_auth_open_session (data->store, data->user->id, data->lifetime, &expires_at, &error);
  if (token == NULL)
    {
      _wb_server_send_store_error (data->msg, error);
      soup_server_message_unpause (data->msg);
      return;
    }
  wb_store_audit (data->store, data->user->id, data->user->organisation_id, "login", "session", 0, NULL, NULL);

  /* A one-time password (an administrator's reset) works once: the user chooses their own
   * next (POST /me/password), in this session. */
  one_time = g_str_has_prefix (data->user->password_hash, WB_PASSWORD_ONE_TIME);
  if (one_time && !wb_store_set_password_hash (data->store, data->user->id, NULL, &error))
    {
      _wb_server_send_store_error (data->msg, error);
      soup_server_message_unpause (data->msg);
      return;
    }

  expires = g_date_time_new_from_unix_utc (expires_at);
  expires_text = g_date_time_format_iso8601 (expires);
  response = json_object_new ();
  json_object_set_string_member (response, "token", token);
  json_object_set_string_member (response, "expires_at", expires_text);
  user = user_to_json (data->store, data->user->id);
  if (one_time)
    json_object_set_boolean_member (user, "password_must_change", TRUE);
  json_object_set_object_member (response, "user", user);
  _wb_server_send_object (data->msg, SOUP_STATUS_CREATED, response);
  soup_server_message_unpause (data->msg);
}

static void
handle_login (WbRequest *request)
{
  Session *self = request->module;
  g_autoptr(JsonObject) body = _wb_server_parse_body (request);
  g_autoptr(GTask) task = NULL;
  g_autofree char *address = NULL;
  const char *username, *password;
  WbThrottleReason why;
  LoginData *data;
  guint wait;

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
      _wb_server_send_problem (request->msg, problem);
      return;
    }

  if (!wb_validate_text (username, FALSE, NULL))
    {
      g_autoptr(WbProblem) problem = wb_problem_new (SOUP_STATUS_BAD_REQUEST, _("The request is not valid"),
                                                     _("Correct the fields listed in errors and send it again."));

      wb_problem_add_error (problem, "username", _("may not contain a control character"));
      _wb_server_send_problem (request->msg, problem);
      return;
    }

  address = _wb_throttle_address_key (soup_server_message_get_remote_host (request->msg));
  _wb_throttle_configure (self->throttle, wb_server_get_signin_throttle (request->server));
  wait = _wb_throttle_begin (self->throttle, username, address, g_get_monotonic_time (), &why);
  if (wait > 0)
    {
      g_autofree char *seconds = g_strdup_printf ("%u", wait);
      g_autofree char *detail = g_strdup_printf (why == WB_THROTTLE_USER
                                                 ? g_dngettext (GETTEXT_PACKAGE,
                                                                "This username failed to sign in too often. Try again in %u second.",
                                                                "This username failed to sign in too often. Try again in %u seconds.",
                                                                wait)
                                                 : g_dngettext (GETTEXT_PACKAGE,
                                                                "Sign-ins from your address failed too often. Try again in %u second.",
                                                                "Sign-ins from your address failed too often. Try again in %u seconds.",
                                                                wait),
                                                 wait);

      soup_message_headers_replace (soup_server_message_get_response_headers (request->msg), "Retry-After", seconds);
      _wb_server_send_error (request->msg, 429, _("Too many failed sign-ins"), detail);
      return;
    }

  /* Argon2id takes a noticeable moment by design: verify in a worker thread so that the
   * server keeps answering others meanwhile. */
  data = g_new0 (LoginData, 1);
  data->server = g_object_ref (request->server);
  data->lifetime = wb_server_get_session_lifetime (request->server);
  data->store = g_object_ref (request->store);
  data->msg = g_object_ref (request->msg);
  data->throttle = self->throttle;
  data->username = g_strdup (username);
  data->address = g_steal_pointer (&address);
  data->password = g_strdup (password);
  data->user = wb_store_find_user (request->store, username, 0, NULL);
  /* NULL: the dummy hash, in the worker thread. */
  data->hash = g_strdup (data->user != NULL && data->user->password_hash != NULL
                         ? data->user->password_hash : NULL);

  soup_server_message_pause (request->msg);
  task = g_task_new (NULL, NULL, verify_password_done, NULL);
  g_task_set_task_data (task, data, (GDestroyNotify) login_data_free);
  g_task_run_in_thread (task, verify_password_thread);
}

static void
handle_logout (WbRequest *request)
{
  g_autofree char *hash = _wb_server_auth_token_hash (request);

  wb_store_delete_session (request->store, hash, NULL);
  soup_server_message_set_status (request->msg, SOUP_STATUS_NO_CONTENT, NULL);
}

/* Logging out everywhere: every token of the caller stops working, this one too. */
static void
handle_logout_everywhere (WbRequest *request)
{
  g_autoptr(GError) error = NULL;

  if (!wb_store_delete_user_sessions (request->store, request->caller.id, &error) ||
      !wb_store_audit (request->store, request->caller.id, request->caller.organisation_id,
                       "logout_everywhere", "session", 0, NULL, &error))
    {
      _wb_server_send_store_error (request->msg, error);
      return;
    }
  soup_server_message_set_status (request->msg, SOUP_STATUS_NO_CONTENT, NULL);
}

static void
handle_me (WbRequest *request)
{
  g_autoptr(JsonObject) me = user_to_json (request->store, request->caller.id);

  _wb_server_send_object (request->msg, SOUP_STATUS_OK, me);
}

static const WbRoute routes[] = {
  { "POST",   "/api/v1/session", handle_login,  WB_ROUTE_WRITES | WB_ROUTE_PUBLIC },
  { "DELETE", "/api/v1/session", handle_logout, WB_ROUTE_WRITES },
  { "DELETE", "/api/v1/sessions", handle_logout_everywhere, WB_ROUTE_WRITES },
  { "GET",    "/api/v1/me",      handle_me,     WB_ROUTE_READS },
};

static void
session_free (Session *self)
{
  _wb_throttle_free (self->throttle);
  g_free (self);
}

void
_wb_server_session_init (WbServerModule *module,
                         WbStore        *store)
{
  static const WbThrottleConfig throttle = WB_THROTTLE_CONFIG_DEFAULT;
  Session *self = g_new0 (Session, 1);

  self->throttle = _wb_throttle_new (&throttle);
  module->routes = routes;
  module->n_routes = G_N_ELEMENTS (routes);
  module->state = self;
  module->free_state = (GDestroyNotify) session_free;
}
