/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "wb-server-router.h"

G_BEGIN_DECLS

/* Follows the change table of the write connection on the main context: what another
 * process commits to the same file (an import, a second server) reaches the modules'
 * followed functions within a second, and old changes are pruned. */
typedef struct _WbFollower WbFollower;

#define WB_FOLLOW_INTERVAL_MS 500
/* How long a change stays in the table: a client of the feed that was away longer
 * reloads what it shows. */
#define WB_CHANGES_KEEP_SECONDS (7 * 24 * 60 * 60)

WbFollower *_wb_server_follower_new  (WbRouter   *router,
                                      WbStore    *store);
void        _wb_server_follower_free (WbFollower *follower);
/* Looks at the table now (tests, and after a write the server did not make itself). */
void        _wb_server_follower_poll (WbFollower *follower);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbFollower, _wb_server_follower_free)

G_END_DECLS
