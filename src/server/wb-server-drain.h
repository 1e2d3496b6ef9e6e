/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* A clean stop: the requests a server has begun are answered, those that arrive after the
 * stop began get 503 Service Unavailable with "Connection: close", and the caller hears
 * when none is left. */
#define WB_TYPE_SERVER_DRAIN (wb_server_drain_get_type ())

G_DECLARE_FINAL_TYPE (WbServerDrain, wb_server_drain, WB, SERVER_DRAIN, GObject)

WbServerDrain *wb_server_drain_new             (void);

/* Counts the requests @soup begins from now on, as long as the drain lives. */
void           wb_server_drain_watch           (WbServerDrain  *self,
                                                SoupServer     *soup);
/* Requests whose headers are in and whose answer has not gone out yet. */
guint          wb_server_drain_get_in_flight   (WbServerDrain  *self);
/* Stops taking new requests; calls @done from the main loop once none is in flight (on
 * the next iteration when none is). */
void           wb_server_drain_start           (WbServerDrain  *self,
                                                GSourceFunc     done,
                                                gpointer        user_data);

/* A request that stays open until its client goes (the change feed) is not waited for:
 * a stop closes it with the server. Safe to call for a message the drain did not count. */
void           wb_server_drain_release         (SoupServerMessage *msg);

G_END_DECLS
