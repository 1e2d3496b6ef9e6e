/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "wb-client-list-model.h"
#include "wb-session.h"

G_BEGIN_DECLS

#define WB_TYPE_CLIENTS_VIEW (wb_clients_view_get_type ())

G_DECLARE_FINAL_TYPE (WbClientsView, wb_clients_view, WB, CLIENTS_VIEW, GtkBox)

/* The client profiles view: the list of every client the user may see, and the profile.
 * Emits "backend-error" (message) when the backend fails and "backend-recovered" when a
 * retry worked; the window shows the banner. */
WbClientsView     *wb_clients_view_new               (void);
void               wb_clients_view_set_session       (WbClientsView *self,
                                                      WbSession     *session);
WbClientListModel *wb_clients_view_get_list_model    (WbClientsView *self);
GtkColumnView     *wb_clients_view_get_column_view   (WbClientsView *self);
/* Whether every page of the list has arrived. */
gboolean           wb_clients_view_get_loaded        (WbClientsView *self);
void               wb_clients_view_retry             (WbClientsView *self);
void               wb_clients_view_focus_search      (WbClientsView *self);
/* What typing @text in the search entry does, without the entry's typing delay. */
void               wb_clients_view_search            (WbClientsView *self,
                                                      const char    *text);
gboolean           wb_clients_view_has_unsaved_edits (WbClientsView *self);
void               wb_clients_view_present_editor    (WbClientsView *self);

G_END_DECLS
