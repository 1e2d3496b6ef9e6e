/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "wb-record-page.h"
#include "wb-session.h"

G_BEGIN_DECLS

#define WB_TYPE_CLIENT_PROFILE (wb_client_profile_get_type ())

G_DECLARE_FINAL_TYPE (WbClientProfile, wb_client_profile, WB, CLIENT_PROFILE, WbRecordPage)

/* One client's profile: cards for identity (where the policy allows), diagnosis, work
 * capacity, education, competences, experience, preferences, barriers, the case and the
 * timeline, and the actions the policy allows. Signals: "back", "record-changed" (the
 * saved WbRecord), "backend-error" (message, or NULL when it recovered), "toast". */
WbClientProfile *wb_client_profile_new                (void);
/* Shows a record (and events, a GListModel of WbRecord, or NULL) without loading. */
void             wb_client_profile_set_record         (WbClientProfile *self,
                                                       WbRecord        *record,
                                                       GListModel      *events);
WbRecord        *wb_client_profile_get_record         (WbClientProfile *self);
/* The panel of the "Suitable Vacancies" card (a WbCandidatesPanel), or NULL while there is none. */
GtkWidget       *wb_client_profile_get_suitable_panel (WbClientProfile *self);

/* The record page's calls (WbRecordPage), typed for the profile. */
#define wb_client_profile_set_session(self, session) wb_record_page_set_session (WB_RECORD_PAGE (self), (session))
/* Shows @summary at once and loads the full record and its timeline. */
#define wb_client_profile_load(self, summary)        wb_record_page_load (WB_RECORD_PAGE (self), (summary))
#define wb_client_profile_retry(self)                wb_record_page_reload (WB_RECORD_PAGE (self))
#define wb_client_profile_has_unsaved_edits(self)    wb_record_page_has_unsaved_edits (WB_RECORD_PAGE (self))
#define wb_client_profile_present_editor(self)       wb_record_page_present_editor (WB_RECORD_PAGE (self))
/* What the page shows, for tests: the title, and the value shown for a field ("phone",
 * "diagnosis_date", ...) or NULL when the page shows no such field. */
#define wb_client_profile_get_title(self)            wb_record_page_get_title (WB_RECORD_PAGE (self))
#define wb_client_profile_get_field_text(self, field) \
  wb_record_page_get_field_text (WB_RECORD_PAGE (self), (field))
/* Whether an action button is shown: "edit", "event", "refer" or "signal". */
#define wb_client_profile_get_action_visible(self, action) \
  wb_record_page_get_action_visible (WB_RECORD_PAGE (self), (action))

G_END_DECLS
