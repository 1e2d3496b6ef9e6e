/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "wb-session.h"

G_BEGIN_DECLS

#define WB_TYPE_ACCOUNT_PAGE (wb_account_page_get_type ())

G_DECLARE_FINAL_TYPE (WbAccountPage, wb_account_page, WB, ACCOUNT_PAGE, GtkBox)

/* One employer account: the owner and the rule that applies in plain words, the exception
 * and its approval, the company data, contact persons, the contact log, vacancies, and the
 * edits and contacts the policy allows. Signals: "back", "account-changed" (the account
 * as GET /employers/{id}/rule answers it, after an edit or a contact), "backend-error"
 * (message, or NULL when it recovered), "toast". */
WbAccountPage *wb_account_page_new                (void);
void           wb_account_page_set_session        (WbAccountPage *self,
                                                   WbSession     *session);
/* Shows @summary (an item of the account list) at once and loads the rest. */
void           wb_account_page_load               (WbAccountPage *self,
                                                   WbRecord      *summary);
/* Shows what the loads would bring, without loading: @account as /rule answers it, the
 * full @employer record, and GListModels of WbRecord (each may be NULL). */
void           wb_account_page_set_data           (WbAccountPage *self,
                                                   WbRecord      *account,
                                                   WbRecord      *employer,
                                                   GListModel    *contacts,
                                                   GListModel    *contact_log,
                                                   GListModel    *vacancies);
gint64         wb_account_page_get_employer_id    (WbAccountPage *self);
void           wb_account_page_retry              (WbAccountPage *self);
gboolean       wb_account_page_has_unsaved_edits  (WbAccountPage *self);
void           wb_account_page_present_editor     (WbAccountPage *self);

/* What the page shows, for tests: the title, the text of a field ("owner", "status",
 * "explanation", "exception_reason", "exception_approved_by", "exception_approved_at",
 * "kvk", "sector", "employee_count", "municipality", "last_contact", "arrangement",
 * "learn_work") or NULL when the page shows no such field, and whether an action
 * ("edit", "contact") is offered. */
const char    *wb_account_page_get_title          (WbAccountPage *self);
const char    *wb_account_page_get_field_text     (WbAccountPage *self,
                                                   const char    *field);
gboolean       wb_account_page_get_action_visible (WbAccountPage *self,
                                                   const char    *action);

G_END_DECLS
