/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "wb-server-throttle.h"
#include "wb-store.h"

G_BEGIN_DECLS

#define WB_TYPE_SERVER (wb_server_get_type ())

G_DECLARE_FINAL_TYPE (WbServer, wb_server, WB, SERVER, GObject)

/* The central layer over HTTP: routes, authentication, the policy and the audit log. */
WbServer    *wb_server_new           (WbStore          *store);
/* Listens on an address such as "127.0.0.1:8080", "[::1]:0" (0 picks a free port); may be
 * called again for more addresses, with the same certificate. */
gboolean     wb_server_listen        (WbServer         *self,
                                      const char       *address,
                                      GTlsCertificate  *certificate,
                                      GError          **error);
guint16      wb_server_get_port      (WbServer         *self);
/* The base URL, e.g. "http://127.0.0.1:8080/", of the first address; all of them in the
 * order they were added. */
char        *wb_server_dup_url       (WbServer         *self);
GStrv        wb_server_dup_urls      (WbServer         *self);
/* How long a session lasts after sign-in; 12 hours unless set. */
void         wb_server_set_session_lifetime (WbServer  *self,
                                      gint64            seconds);
gint64       wb_server_get_session_lifetime (WbServer  *self);
/* How failed sign-ins are slowed down: WB_THROTTLE_CONFIG_DEFAULT unless set (from the
 * [signin] group of the configuration file). */
void         wb_server_set_signin_throttle (WbServer   *self,
                                      const WbThrottleConfig *config);
const WbThrottleConfig *wb_server_get_signin_throttle (WbServer *self);
/* The SoupServer once it listens, for the access log and a clean stop. */
SoupServer  *wb_server_get_soup_server (WbServer       *self);
/* Creates a session for a user without a password, for the embedded backend: the
 * desktop application gets a one-time token this way. Returns the token. */
char        *wb_server_issue_token   (WbServer         *self,
                                      gint64            user_id,
                                      GError          **error);
WbStore     *wb_server_get_store     (WbServer         *self);
/* Every route the server answers, as "METHOD /api/v1/path" with its placeholders, plus
 * " public" for one that answers without a token: the API's contract is checked against it. */
GStrv        wb_server_dup_routes    (WbServer         *self);

G_END_DECLS
