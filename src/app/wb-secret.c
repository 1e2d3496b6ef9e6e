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
return_no_keyring (GTask *task)
{
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
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
      return_no_keyring (task);
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

static void
on_looked_up_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *token = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, token, g_free);
}

void
wb_secret_lookup_token_async (const char          *server_url,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, wb_secret_lookup_token_async);
  if (keyring_disabled ())
    {
      return_no_keyring (task);
      return;
    }
  secret_password_lookup (token_schema (), cancellable, on_looked_up_cb, g_steal_pointer (&task),
                          "server", server_url, NULL);
}

char *
wb_secret_lookup_token_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Whether a Secret Service answers: its bus name has an owner, or D-Bus can start one.
 * Asked before the keyring is used, so that a computer without one gets a word of
 * explanation instead of a prompt or a silent failure. */

#define SECRETS_NAME "org.freedesktop.secrets"

static void
on_activatable_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  g_autofree const char **names = NULL;

  if (reply == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_variant_get (reply, "(^a&s)", &names);
  if (names != NULL && g_strv_contains (names, SECRETS_NAME))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                             _("No keyring (Secret Service) is installed or running on this computer"));
}

static void
on_has_owner_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  gboolean has_owner = FALSE;

  if (reply == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_variant_get (reply, "(b)", &has_owner);
  if (has_owner)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  g_dbus_connection_call (G_DBUS_CONNECTION (source), "org.freedesktop.DBus", "/org/freedesktop/DBus",
                          "org.freedesktop.DBus", "ListActivatableNames", NULL, G_VARIANT_TYPE ("(as)"),
                          G_DBUS_CALL_FLAGS_NONE, 5000, g_task_get_cancellable (task), on_activatable_cb,
                          g_object_ref (task));
}

static void
on_bus_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = g_bus_get_finish (result, &error);

  if (bus == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("There is no session bus to reach a keyring on: %s"), error->message);
      return;
    }
  g_dbus_connection_call (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                          "NameHasOwner", g_variant_new ("(s)", SECRETS_NAME), G_VARIANT_TYPE ("(b)"),
                          G_DBUS_CALL_FLAGS_NONE, 5000, g_task_get_cancellable (task), on_has_owner_cb,
                          g_object_ref (task));
}

void
wb_secret_check_async (GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, wb_secret_check_async);
  if (keyring_disabled ())
    {
      return_no_keyring (task);
      return;
    }
  g_bus_get (G_BUS_TYPE_SESSION, cancellable, on_bus_cb, g_steal_pointer (&task));
}

gboolean
wb_secret_check_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
wb_secret_clear_token (const char *server_url)
{
  if (keyring_disabled ())
    return;
  secret_password_clear (token_schema (), NULL, NULL, NULL, "server", server_url, NULL);
}
