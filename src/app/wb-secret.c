/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-secret"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "wb-secret.h"

static const SecretSchema *
token_schema (void)
{
  static const SecretSchema schema = {
    "nl.werkbrug.Werkbrug.Token", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "username", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "NULL", 0 },
    }
  };

  return &schema;
}

/* WERKBRUG_KEYRING=none makes Werkbrug behave as on a computer where no Secret Service
 * answers, for tests that must not depend on (or prompt from) the session's keyring. */
static gboolean
keyring_disabled (void)
{
  return g_strcmp0 (g_getenv ("WERKBRUG_KEYRING"), "none") == 0;
}

static void
set_no_keyring (GError **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _("No keyring (Secret Service) answers on this computer"));
}

/* Tokens on their way to the keyring: quitting waits for them (wb_secret_flush). */
static guint pending_stores;

static void
on_stored_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  pending_stores--;
  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
wb_secret_store_token_async (const char          *server_url,
                             const char          *username,
                             const char          *token,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autofree char *label = g_strdup_printf (_("Werkbrug session at %s"), server_url);

  g_task_set_source_tag (task, wb_secret_store_token_async);
  if (keyring_disabled ())
    {
      GError *error = NULL;

      set_no_keyring (&error);
      g_task_return_error (task, error);
      return;
    }
  pending_stores++;
  secret_password_store (token_schema (), SECRET_COLLECTION_DEFAULT, label, token,
                         cancellable, on_stored_cb, g_steal_pointer (&task),
                         "server", server_url, "username", username, NULL);
}

/* Runs the main context until every token on its way to the keyring is kept (or refused),
 * for at most @timeout_ms: a user who quits right after signing in is not asked for the
 * password again on the next start. */
void
wb_secret_flush (guint timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (pending_stores > 0 && g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
}

gboolean
wb_secret_store_token_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Whether a Secret Service answers: its bus name has an owner, or D-Bus can start one.
 * Asked before the keyring is used, so that a computer without one gets a word of
 * explanation instead of a prompt or a silent failure. Blocks: for a worker's thread. */

#define SECRETS_NAME "org.freedesktop.secrets"

static gboolean
keyring_answers (GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autofree const char **names = NULL;
  gboolean has_owner = FALSE;

  if (keyring_disabled ())
    {
      set_no_keyring (error);
      return FALSE;
    }
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, cancellable, &local_error);
  if (bus == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("There is no session bus to reach a keyring on: %s"), local_error->message);
      return FALSE;
    }
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                       "NameHasOwner", g_variant_new ("(s)", SECRETS_NAME), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, 5000, cancellable, error);
  if (reply == NULL)
    return FALSE;
  g_variant_get (reply, "(b)", &has_owner);
  if (has_owner)
    return TRUE;
  g_clear_pointer (&reply, g_variant_unref);
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                       "ListActivatableNames", NULL, G_VARIANT_TYPE ("(as)"),
                                       G_DBUS_CALL_FLAGS_NONE, 5000, cancellable, error);
  if (reply == NULL)
    return FALSE;
  g_variant_get (reply, "(^a&s)", &names);
  if (names != NULL && g_strv_contains (names, SECRETS_NAME))
    return TRUE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _("No keyring (Secret Service) is installed or running on this computer"));
  return FALSE;
}

/* Tokens on their way out of the keyring, per server: a token being cleared (signing out,
 * or refused by the server) is not kept any more, even where the keyring still answers with
 * it, so that the start after a sign-out does not sign the user in again. */
static GMutex clearing_lock;
static GHashTable *clearing;

static void
on_cleared_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autofree char *server_url = user_data;
  g_autoptr(GError) error = NULL;
  guint count;

  /* FALSE without an error: there was nothing to forget. */
  if (!secret_password_clear_finish (result, &error) && error != NULL)
    g_debug ("The keyring did not forget the sign-in at %s: %s", server_url, error->message);
  g_mutex_lock (&clearing_lock);
  count = GPOINTER_TO_UINT (g_hash_table_lookup (clearing, server_url));
  if (count > 1)
    g_hash_table_insert (clearing, g_strdup (server_url), GUINT_TO_POINTER (count - 1));
  else
    g_hash_table_remove (clearing, server_url);
  g_mutex_unlock (&clearing_lock);
}

static gboolean
being_cleared (const char *server_url)
{
  gboolean found;

  g_mutex_lock (&clearing_lock);
  found = clearing != NULL && g_hash_table_contains (clearing, server_url);
  g_mutex_unlock (&clearing_lock);
  return found;
}

char *
wb_secret_find_token (const char    *server_url,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(SecretService) service = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(SecretValue) value = NULL;

  if (!keyring_answers (cancellable, error) || being_cleared (server_url))
    return NULL;
  /* A service of this call's own, opened and closed on this thread: libsecret's shared one
   * is the main thread's, for its asynchronous calls. */
  service = secret_service_open_sync (SECRET_TYPE_SERVICE, NULL, SECRET_SERVICE_OPEN_SESSION, cancellable, error);
  if (service == NULL)
    return NULL;
  attributes = secret_attributes_build (token_schema (), "server", server_url, NULL);
  value = secret_service_lookup_sync (service, token_schema (), attributes, cancellable, error);
  /* Asked before the lookup and after it: a clear begun while it was out counts too. */
  if (value == NULL || being_cleared (server_url))
    return NULL;
  return g_strdup (secret_value_get_text (value));
}

void
wb_secret_clear_token (const char *server_url)
{
  if (keyring_disabled ())
    return;
  g_mutex_lock (&clearing_lock);
  if (clearing == NULL)
    clearing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_insert (clearing, g_strdup (server_url),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (clearing, server_url)) + 1));
  g_mutex_unlock (&clearing_lock);
  secret_password_clear (token_schema (), NULL, on_cleared_cb, g_strdup (server_url), "server", server_url, NULL);
}
