/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-server-accounts"

#include "config.h"

#include "wb-server-private.h"

struct _WbServerAccounts
{
  WbServer *server;  /* unowned: the server owns this */
};

WbServerAccounts *
_wb_server_accounts_new (WbServer *server)
{
  WbServerAccounts *self = g_new0 (WbServerAccounts, 1);

  self->server = server;
  return self;
}

void
_wb_server_accounts_free (WbServerAccounts *self)
{
  g_free (self);
}

gboolean
_wb_server_accounts_route (WbRequest  *request,
                        GHashTable *params)
{
  return FALSE;
}

void
_wb_server_accounts_changed (WbServer   *server,
                          WbResource  resource,
                          gint64      id)
{
}
