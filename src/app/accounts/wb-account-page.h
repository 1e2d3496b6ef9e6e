/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "wb-record-page.h"
#include "wb-session.h"

G_BEGIN_DECLS

#define WB_TYPE_ACCOUNT_PAGE (wb_account_page_get_type ())

G_DECLARE_FINAL_TYPE (WbAccountPage, wb_account_page, WB, ACCOUNT_PAGE, WbRecordPage)

/* One employer account: the owner and the rule that applies in plain words, the exception
 * and its approval, the company data, contact persons, the contact log, vacancies, its
 * history (arrangements reported, handovers with their briefing), and the edits and
 * contacts the policy allows, on the record page machinery. Signals: "back",
 * "record-changed" (the account as GET /employers/{id}/rule answers it, after an edit or
 * a contact), "backend-error" (message, or NULL when it recovered), "toast", and for the
 * vacancies view "new-vacancy" (the employer's WbRecord: take one in) and "open-vacancy"
 * (gint64: a row of the vacancies card). */
WbAccountPage *wb_account_page_new                (void);
/* Shows what the loads would bring, without loading: @account as /rule answers it, the
 * full @employer record, and GListModels of WbRecord (each may be NULL). */
void           wb_account_page_set_data           (WbAccountPage *self,
                                                   WbRecord      *account,
                                                   WbRecord      *employer,
                                                   GListModel    *contacts,
                                                   GListModel    *contact_log,
                                                   GListModel    *vacancies);
/* Shows @history (WbRecord of GET /employers/{id}/history, newest first) without loading. */
void           wb_account_page_set_history        (WbAccountPage *self,
                                                   GListModel    *history);
gint64         wb_account_page_get_employer_id    (WbAccountPage *self);

/* The record page's calls (WbRecordPage), typed for the account page. */
#define wb_account_page_set_session(self, session) wb_record_page_set_session (WB_RECORD_PAGE (self), (session))
/* Shows @summary (an item of the account list) at once and loads the rest. */
#define wb_account_page_load(self, summary)        wb_record_page_load (WB_RECORD_PAGE (self), (summary))
#define wb_account_page_retry(self)                wb_record_page_reload (WB_RECORD_PAGE (self))
#define wb_account_page_has_unsaved_edits(self)    wb_record_page_has_unsaved_edits (WB_RECORD_PAGE (self))
#define wb_account_page_present_editor(self)       wb_record_page_present_editor (WB_RECORD_PAGE (self))
/* What the page shows, for tests: the title, the text of a field ("owner", "status",
 * "explanation", "exception_reason", "exception_approved_by", "exception_approved_at",
 * "kvk", "sector", "employee_count", "municipality", "last_contact", "arrangement",
 * "arrangement_note", "learn_work", "history_0", "briefing_0", ...) or NULL when the page
 * shows no such field, and whether an action
 * ("edit", "contact") is offered. */
#define wb_account_page_get_title(self)            wb_record_page_get_title (WB_RECORD_PAGE (self))
#define wb_account_page_get_field_text(self, field) \
  wb_record_page_get_field_text (WB_RECORD_PAGE (self), (field))
#define wb_account_page_get_action_visible(self, action) \
  wb_record_page_get_action_visible (WB_RECORD_PAGE (self), (action))

G_END_DECLS
