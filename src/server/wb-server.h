/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

#include "wb-store.h"

G_BEGIN_DECLS

#define WB_TYPE_SERVER (wb_server_get_type ())

G_DECLARE_FINAL_TYPE (WbServer, wb_server, WB, SERVER, GObject)

/* The central layer over HTTP: routes, authentication, the policy and the audit log. */
WbServer    *wb_server_new           (WbStore          *store);
/* Listens on an address such as "127.0.0.1:8080", "[::1]:0" (0 picks a free port). */
gboolean     wb_server_listen        (WbServer         *self,
                                      const char       *address,
                                      GTlsCertificate  *certificate,
                                      GError          **error);
guint16      wb_server_get_port      (WbServer         *self);
/* The base URL, e.g. "http://127.0.0.1:8080/". */
char        *wb_server_dup_url       (WbServer         *self);
/* Creates a session for a user without a password, for the embedded backend: the
 * desktop application gets a one-time token this way. Returns the token. */
char        *wb_server_issue_token   (WbServer         *self,
                                      gint64            user_id,
                                      GError          **error);
WbStore     *wb_server_get_store     (WbServer         *self);

G_END_DECLS
