/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-server-matching"

#include "config.h"

#include "wb-server-private.h"

struct _WbServerMatching
{
  WbServer *server;  /* unowned: the server owns this */
};

WbServerMatching *
_wb_server_matching_new (WbServer *server,
                         GError  **error)
{
  WbServerMatching *self = g_new0 (WbServerMatching, 1);

  self->server = server;
  return self;
}

void
_wb_server_matching_free (WbServerMatching *self)
{
  g_free (self);
}

gboolean
_wb_server_matching_route (WbRequest  *request,
                        GHashTable *params)
{
  return FALSE;
}

void
_wb_server_matching_changed (WbServer   *server,
                          WbResource  resource,
                          gint64      id)
{
}
