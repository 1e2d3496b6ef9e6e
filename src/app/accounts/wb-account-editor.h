/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "wb-session.h"

G_BEGIN_DECLS

#define WB_TYPE_ACCOUNT_EDITOR (wb_account_editor_get_type ())

G_DECLARE_FINAL_TYPE (WbAccountEditor, wb_account_editor, WB, ACCOUNT_EDITOR, AdwWindow)

/* Edits an employer: name, sector, size, place, the arrangement and learn-work flags and
 * the reason a local account manager keeps a large account. Who owns it and whether an
 * exception is approved is the coordinator's, in the review queue. Messages from the
 * server show next to their field; a stale write keeps the user's edit, says what the
 * other person changed and lets the user re-apply the edit on the fresh record. Emits
 * "saved" with the saved employer record. */
WbAccountEditor *wb_account_editor_new         (WbSession       *session,
                                                WbRecord        *employer);
gboolean         wb_account_editor_has_changes (WbAccountEditor *self);
/* The fields changed so far, as the update would send them. */
JsonObject      *wb_account_editor_dup_changes (WbAccountEditor *self);
/* Sets the text of a field's editor ("employee_count", "true" for a switch, a code for a
 * drop-down; for tests and scripts). */
void             wb_account_editor_set_field   (WbAccountEditor *self,
                                                const char      *field,
                                                const char      *text);
const char      *wb_account_editor_get_error   (WbAccountEditor *self,
                                                const char      *field);
void             wb_account_editor_save        (WbAccountEditor *self);

G_END_DECLS
