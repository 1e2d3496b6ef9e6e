/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-server-auth"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-password.h"
#include "wb-server-access-log.h"
#include "wb-server-auth.h"

char *
_wb_server_auth_open_session (WbStore  *store,
                              gint64    user_id,
                              gint64    lifetime,
                              gint64   *expires_at,
                              GError  **error)
{
  g_autofree char *token = wb_token_new ();
  g_autofree char *hash = wb_token_hash (token);

  *expires_at = g_get_real_time () / G_USEC_PER_SEC + lifetime;
  if (!wb_store_add_session (store, hash, user_id, *expires_at, error))
    return NULL;
  return g_steal_pointer (&token);
}

char *
_wb_server_auth_token_hash (WbRequest *request)
{
  const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (request->msg),
                                                     "Authorization");

  if (header == NULL || g_ascii_strncasecmp (header, "Bearer ", 7) != 0 || header[7] == '\0')
    return NULL;
  return wb_token_hash (header + 7);
}

gboolean
_wb_server_authenticate (WbRequest *request)
{
  g_autofree char *hash = _wb_server_auth_token_hash (request);
  g_autoptr(WbStoreUser) user = NULL;
  gint64 user_id;

  if (hash == NULL ||
      (user_id = wb_store_lookup_session (request->store, hash, g_get_real_time () / G_USEC_PER_SEC)) == 0 ||
      (user = wb_store_find_user (request->store, NULL, user_id, NULL)) == NULL ||
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
  wb_access_log_note_user (request->msg, user->id);
  return TRUE;
}
