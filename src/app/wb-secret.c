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

void
wb_secret_store_token_async (const char          *server_url,
                             const char          *username,
                             const char          *token,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autofree char *label = g_strdup_printf (_("Werkbrug session at %s"), server_url);

  secret_password_store (token_schema (), SECRET_COLLECTION_DEFAULT, label, token,
                         cancellable, callback, user_data,
                         "server", server_url, "username", username, NULL);
}

gboolean
wb_secret_store_token_finish (GAsyncResult  *result,
                              GError       **error)
{
  return secret_password_store_finish (result, error);
}

void
wb_secret_lookup_token_async (const char          *server_url,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  secret_password_lookup (token_schema (), cancellable, callback, user_data,
                          "server", server_url, NULL);
}

char *
wb_secret_lookup_token_finish (GAsyncResult  *result,
                               GError       **error)
{
  return secret_password_lookup_finish (result, error);
}

void
wb_secret_clear_token (const char *server_url)
{
  secret_password_clear (token_schema (), NULL, NULL, NULL, "server", server_url, NULL);
}
