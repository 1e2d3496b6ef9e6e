/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

#include "wb-api-client.h"

G_BEGIN_DECLS

#define WB_TYPE_SESSION (wb_session_get_type ())

G_DECLARE_FINAL_TYPE (WbSession, wb_session, WB, SESSION, GObject)

/* Who is logged in, through which client, and the small reference lists every view
 * needs to show names instead of ids (organisations, municipalities, users). */
WbSession    *wb_session_new                  (WbApiClient         *api,
                                               WbRecord            *me);
WbApiClient  *wb_session_get_api              (WbSession           *self);
WbRecord     *wb_session_get_me               (WbSession           *self);
WbRole        wb_session_get_role             (WbSession           *self);
gint64        wb_session_get_user_id          (WbSession           *self);
gint64        wb_session_get_organisation_id  (WbSession           *self);

/* Fills the lookups from the API. */
void          wb_session_load_async           (WbSession           *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean      wb_session_load_finish          (WbSession           *self,
                                               GAsyncResult        *result,
                                               GError             **error);

/* Sets the records of one lookup directly (organisations, municipalities or users). */
void          wb_session_set_lookup           (WbSession           *self,
                                               WbResource           resource,
                                               GListModel          *records);
/* The name of a record of a lookup, or NULL. */
const char   *wb_session_lookup_name          (WbSession           *self,
                                               WbResource           resource,
                                               gint64               id);
WbRecord     *wb_session_lookup_record        (WbSession           *self,
                                               WbResource           resource,
                                               gint64               id);
/* The records of a lookup, as a GListModel of WbRecord. */
GListModel   *wb_session_get_lookup           (WbSession           *self,
                                               WbResource           resource);

/* How a client relates to the user: own organisation, referred to them, or other. */
WbScope       wb_session_scope_of_client      (WbSession           *self,
                                               WbRecord            *client);
gboolean      wb_session_can                  (WbSession           *self,
                                               WbResource           resource,
                                               WbAction             action,
                                               WbScope              scope);

G_END_DECLS
