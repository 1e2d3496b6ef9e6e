/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "wb-server-http.h"

G_BEGIN_DECLS

/* Sessions and bearer tokens: below the modules, used by the dispatch to authenticate and
 * by the session module to log in and out. */

/* Opens a session for @user_id that lasts @lifetime seconds and returns its token; only the
 * token's hash is stored. */
char        *_wb_server_auth_open_session  (WbStore           *store,
                                            gint64             user_id,
                                            gint64             lifetime,
                                            gint64            *expires_at,
                                            GError           **error);
/* The hash of the request's bearer token as the store keeps it, or NULL without one. */
char        *_wb_server_auth_token_hash    (WbRequest         *request);
/* Fills in request->caller from the bearer token, or answers 401 and returns FALSE. */
gboolean     _wb_server_authenticate       (WbRequest         *request);

G_END_DECLS
