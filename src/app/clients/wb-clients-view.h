/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "wb-client-list-model.h"
#include "wb-list-view.h"
#include "wb-session.h"

G_BEGIN_DECLS

#define WB_TYPE_CLIENTS_VIEW (wb_clients_view_get_type ())

G_DECLARE_FINAL_TYPE (WbClientsView, wb_clients_view, WB, CLIENTS_VIEW, WbListView)

/* The client profiles view: the list of every client the user may see (the client list's
 * spec on the list machinery) and the profile beside it. Emits "backend-error" (message)
 * when the backend fails and "backend-recovered" when a retry worked; the window shows the
 * banner. */
WbClientsView     *wb_clients_view_new               (void);

/* The list machinery's calls (WbListView), typed for the clients view. */
#define wb_clients_view_set_session(self, session) wb_list_view_set_session (WB_LIST_VIEW (self), (session))
#define wb_clients_view_get_list_model(self) \
  WB_CLIENT_LIST_MODEL (wb_list_view_get_model (WB_LIST_VIEW (self)))
#define wb_clients_view_get_column_view(self) wb_list_view_get_column_view (WB_LIST_VIEW (self))
#define wb_clients_view_get_rows(self) wb_list_view_get_rows (WB_LIST_VIEW (self))
/* Whether every page of the list has arrived. */
#define wb_clients_view_get_loaded(self)      wb_list_view_get_loaded (WB_LIST_VIEW (self))
/* What typing @text in the search entry does, without the entry's typing delay. */
#define wb_clients_view_search(self, text)    wb_list_view_search (WB_LIST_VIEW (self), (text))
#define wb_clients_view_retry(self)           wb_list_view_retry (WB_LIST_VIEW (self))
#define wb_clients_view_focus_search(self)    wb_list_view_focus_search (WB_LIST_VIEW (self))
#define wb_clients_view_has_unsaved_edits(self) wb_list_view_has_unsaved_edits (WB_LIST_VIEW (self))
#define wb_clients_view_present_editor(self)  wb_list_view_present_editor (WB_LIST_VIEW (self))

G_END_DECLS
