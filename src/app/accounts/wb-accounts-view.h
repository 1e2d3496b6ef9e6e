/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "wb-account-list-model.h"
#include "wb-account-page.h"
#include "wb-account-print.h"
#include "wb-list-view.h"
#include "wb-session.h"

G_BEGIN_DECLS

#define WB_TYPE_ACCOUNTS_VIEW (wb_accounts_view_get_type ())

G_DECLARE_FINAL_TYPE (WbAccountsView, wb_accounts_view, WB, ACCOUNTS_VIEW, WbListView)

/* The employer accounts: the list of every active employer with its owner and rule status
 * (the account list's spec on the list machinery), exported for Excel by the server,
 * printed and imported, and the account page. Emits "backend-error" (message) and
 * "backend-recovered" for the window's banner, and "toast". */
WbAccountsView     *wb_accounts_view_new               (void);
/* Shows the account page of one employer. */
void                wb_accounts_view_open_account      (WbAccountsView *self,
                                                        gint64          employer_id);
/* Reads one account again (after a decision in the review queue, for example). */
void                wb_accounts_view_refresh_account   (WbAccountsView *self,
                                                        gint64          employer_id);
/* A print of the list as shown, with the filters in its title block. */
WbAccountPrint     *wb_accounts_view_create_print      (WbAccountsView *self);

/* The list machinery's calls (WbListView), typed for the accounts view. */
#define wb_accounts_view_set_session(self, session) wb_list_view_set_session (WB_LIST_VIEW (self), (session))
#define wb_accounts_view_get_list_model(self) \
  WB_ACCOUNT_LIST_MODEL (wb_list_view_get_model (WB_LIST_VIEW (self)))
#define wb_accounts_view_reload(self)           wb_list_view_reload (WB_LIST_VIEW (self))
#define wb_accounts_view_retry(self)            wb_list_view_retry (WB_LIST_VIEW (self))
#define wb_accounts_view_focus_search(self)     wb_list_view_focus_search (WB_LIST_VIEW (self))
/* What typing @text in the search entry does, without the entry's typing delay. */
#define wb_accounts_view_search(self, text)     wb_list_view_search (WB_LIST_VIEW (self), (text))
/* Writes the server's CSV export of the list as shown to @file. */
#define wb_accounts_view_export(self, file)     wb_list_view_export (WB_LIST_VIEW (self), (file))
#define wb_accounts_view_has_unsaved_edits(self) wb_list_view_has_unsaved_edits (WB_LIST_VIEW (self))
#define wb_accounts_view_present_editor(self)   wb_list_view_present_editor (WB_LIST_VIEW (self))

G_END_DECLS
