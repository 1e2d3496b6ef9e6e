/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "wb-api-client.h"

G_BEGIN_DECLS

/* The server's change feed (GET /api/v1/changes as server-sent events), followed for as
 * long as the feed is started: when the connection drops it connects again, after 1, 2,
 * 4 … at most 30 seconds, from the last change it saw. Signals:
 *   "change" (WbApiChange *): a record the user may read was created, changed or deleted;
 *   "reset": changes may have been missed (away too long): reload what is shown;
 *   "session-ended": the server ended the session; the feed stops. */

typedef struct {
  gint64 seq;
  char *resource;          /* "clients", "events", "contact-log", "reviews", … */
  gint64 id;
  char *kind;              /* "created", "changed", "deleted" */
  gint64 version;          /* 0 where the record has none */
  char *parent_resource;   /* or NULL */
  gint64 parent_id;
} WbApiChange;

#define WB_TYPE_API_CHANGE (wb_api_change_get_type ())
GType         wb_api_change_get_type    (void) G_GNUC_CONST;
WbApiChange  *wb_api_change_copy        (const WbApiChange *change);
void          wb_api_change_free        (WbApiChange       *change);
/* Whether the change is of @resource @id itself, or of a record under it. */
gboolean      wb_api_change_concerns    (const WbApiChange *change,
                                         const char        *resource,
                                         gint64             id);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbApiChange, wb_api_change_free)

#define WB_TYPE_API_FEED (wb_api_feed_get_type ())
G_DECLARE_FINAL_TYPE (WbApiFeed, wb_api_feed, WB, API_FEED, GObject)

WbApiFeed    *wb_api_feed_new           (WbApiClient  *client);
void          wb_api_feed_start         (WbApiFeed    *self);
void          wb_api_feed_stop          (WbApiFeed    *self);
/* Whether a feed is open now (not between attempts). */
gboolean      wb_api_feed_is_connected  (WbApiFeed    *self);
gint64        wb_api_feed_get_last_seq  (WbApiFeed    *self);

G_END_DECLS
