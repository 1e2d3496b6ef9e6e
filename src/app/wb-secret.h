/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The session token for a server, kept in the keyring (libsecret), never in a file. */
void   wb_secret_store_token_async   (const char          *server_url,
                                      const char          *username,
                                      const char          *token,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
gboolean wb_secret_store_token_finish (GAsyncResult       *result,
                                      GError             **error);
void   wb_secret_flush               (guint               timeout_ms);
/* Whether a keyring answers, and the token kept there for @server_url: NULL without an
 * error when there is none, G_IO_ERROR_NOT_SUPPORTED when no keyring answers. Blocks: for a
 * worker's thread. */
char  *wb_secret_find_token          (const char          *server_url,
                                      GCancellable        *cancellable,
                                      GError             **error);
void   wb_secret_clear_token         (const char          *server_url);

G_END_DECLS
