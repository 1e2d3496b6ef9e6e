/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "wb-session.h"

G_BEGIN_DECLS

#define WB_TYPE_CLIENT_PROFILE (wb_client_profile_get_type ())

G_DECLARE_FINAL_TYPE (WbClientProfile, wb_client_profile, WB, CLIENT_PROFILE, GtkBox)

/* One client's profile: cards for identity (where the policy allows), diagnosis, work
 * capacity, education, competences, experience, preferences, barriers, the case and the
 * timeline, and the actions the policy allows. Signals: "back", "record-changed" (the
 * saved WbRecord), "backend-error" (message, or NULL when it recovered), "toast". */
WbClientProfile *wb_client_profile_new                (void);
void             wb_client_profile_set_session        (WbClientProfile *self,
                                                       WbSession       *session);
/* Shows @summary at once and loads the full record and its timeline. */
void             wb_client_profile_load               (WbClientProfile *self,
                                                       WbRecord        *summary);
/* Shows a record (and events, a GListModel of WbRecord, or NULL) without loading. */
void             wb_client_profile_set_record         (WbClientProfile *self,
                                                       WbRecord        *record,
                                                       GListModel      *events);
WbRecord        *wb_client_profile_get_record         (WbClientProfile *self);
void             wb_client_profile_retry              (WbClientProfile *self);
gboolean         wb_client_profile_has_unsaved_edits  (WbClientProfile *self);
void             wb_client_profile_present_editor     (WbClientProfile *self);

/* What the page shows, for tests: the title, and the value shown for a field ("phone",
 * "diagnosis_date", ...) or NULL when the page shows no such field. */
const char      *wb_client_profile_get_title          (WbClientProfile *self);
const char      *wb_client_profile_get_field_text     (WbClientProfile *self,
                                                       const char      *field);
/* Whether an action button is shown: "edit", "event", "refer" or "signal". */
gboolean         wb_client_profile_get_action_visible (WbClientProfile *self,
                                                       const char      *action);

G_END_DECLS
