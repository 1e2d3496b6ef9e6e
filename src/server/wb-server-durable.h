/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <libsoup/soup.h>

#include "wb-store.h"

G_BEGIN_DECLS

/* Group commit: the answers of writes wait, paused, until what they committed is on disk,
 * and one flush of the write-ahead log, on a thread of its own, serves every write that
 * committed before it began. The write connection commits without waiting for the disk
 * (wb_store_defer_sync), so that the main context goes on taking requests while the log is
 * flushed, and a write that comes in meanwhile waits for the next flush with the others. */
typedef struct _WbDurable WbDurable;

/* Puts every commit made so far on disk; called on the flusher thread. */
typedef gboolean (*WbDurableSyncFunc) (gpointer   user_data,
                                       GError   **error);

/* NULL for a store that has no file (":memory:"): answers then go out at once. */
WbDurable   *_wb_server_durable_new        (WbStore           *store,
                                            GMainContext      *context);
/* The same with another flush than wb_store_sync (@sync_func gets @user_data): for tests
 * that decide when a flush ends. */
WbDurable   *_wb_server_durable_new_full   (WbStore           *store,
                                            GMainContext      *context,
                                            WbDurableSyncFunc  sync_func,
                                            gpointer           user_data);
/* Holds @msg, answered, until every commit so far is on disk; unpaused on @context. When
 * the disk refuses the flush, the answer becomes a 500 problem. */
void         _wb_server_durable_hold       (WbDurable         *self,
                                            SoupServerMessage *msg);
/* How many flushes have ended so far. */
guint64      _wb_server_durable_get_n_flushes (WbDurable      *self);
/* Flushes what is left and sends every answer still held. */
void         _wb_server_durable_free       (WbDurable         *self);

G_END_DECLS
