/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

#include "wb-api-client.h"
#include "wb-api-feed.h"

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

/* Restores the sign-in of @api's token: asks who it belongs to and fills the lookups, on a
 * worker's thread, and returns the loaded session; the error of "who am I" as it came
 * (401 for a token no longer good, WB_API_ERROR_NETWORK for no server). */
void          wb_session_restore_async        (WbApiClient         *api,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
/* The same, with the token kept in the keyring for @server_url, looked up on the same
 * worker's thread first and given to @api: G_IO_ERROR_NOT_FOUND when none is kept,
 * G_IO_ERROR_NOT_SUPPORTED when no keyring answers. Finished with wb_session_restore_finish. */
void          wb_session_restore_kept_async   (WbApiClient         *api,
                                               const char          *server_url,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
WbSession    *wb_session_restore_finish       (WbApiClient         *api,
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

/* Tells every view of the session that @record was created or changed: "record-saved"
 * (WbRecord), which the lists of its resource follow. Editors call it after a save. */
void          wb_session_record_saved         (WbSession           *self,
                                               WbRecord            *record);

/* Follows the server's change feed while the session lasts: "remote-change" (WbApiChange)
 * for every record the user may read that someone changed (their own saves come too),
 * "remote-reset" when changes may have been missed. Open lists and pages follow them. */
void          wb_session_start_feed           (WbSession           *self);
void          wb_session_stop_feed            (WbSession           *self);
WbApiFeed    *wb_session_get_feed             (WbSession           *self);
/* Emits "remote-change" as the feed does (tests). */
void          wb_session_remote_change        (WbSession           *self,
                                               const WbApiChange   *change);

G_END_DECLS
