/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "wb-account-list-model.h"
#include "wb-account-page.h"
#include "wb-account-print.h"
#include "wb-session.h"

G_BEGIN_DECLS

#define WB_TYPE_ACCOUNTS_VIEW (wb_accounts_view_get_type ())

G_DECLARE_FINAL_TYPE (WbAccountsView, wb_accounts_view, WB, ACCOUNTS_VIEW, GtkBox)

/* The employer accounts: the list of every active employer with its owner and rule status,
 * filtered, searched, sorted, exported for Excel and printed, and the account page. Emits
 * "backend-error" (message) and "backend-recovered" for the window's banner, and "toast". */
WbAccountsView     *wb_accounts_view_new               (void);
void                wb_accounts_view_set_session       (WbAccountsView *self,
                                                        WbSession      *session);
WbAccountListModel *wb_accounts_view_get_list_model    (WbAccountsView *self);
/* Loads the list again from the server. */
void                wb_accounts_view_reload            (WbAccountsView *self);
void                wb_accounts_view_retry             (WbAccountsView *self);
void                wb_accounts_view_focus_search      (WbAccountsView *self);
/* What typing @text in the search entry does, without the entry's typing delay. */
void                wb_accounts_view_search            (WbAccountsView *self,
                                                        const char     *text);
/* Shows the account page of one employer. */
void                wb_accounts_view_open_account      (WbAccountsView *self,
                                                        gint64          employer_id);
/* Reads one account again (after a decision in the review queue, for example). */
void                wb_accounts_view_refresh_account   (WbAccountsView *self,
                                                        gint64          employer_id);
/* Writes the server's CSV export of the list as shown to @file. */
void                wb_accounts_view_export            (WbAccountsView *self,
                                                        GFile          *file);
/* A print of the list as shown, with the filters in its title block. */
WbAccountPrint     *wb_accounts_view_create_print      (WbAccountsView *self);
gboolean            wb_accounts_view_has_unsaved_edits (WbAccountsView *self);
void                wb_accounts_view_present_editor    (WbAccountsView *self);

G_END_DECLS
