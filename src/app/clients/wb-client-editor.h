/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "wb-session.h"

G_BEGIN_DECLS

#define WB_TYPE_CLIENT_EDITOR (wb_client_editor_get_type ())

G_DECLARE_FINAL_TYPE (WbClientEditor, wb_client_editor, WB, CLIENT_EDITOR, AdwWindow)

/* Edits a client's profile. Validation messages from the server show next to their
 * field; a stale write shows what changed and lets the user re-apply the edit on the
 * fresh record. Emits "saved" with the saved record. */
WbClientEditor *wb_client_editor_new          (WbSession      *session,
                                               WbRecord       *record);
gboolean        wb_client_editor_has_changes  (WbClientEditor *self);
/* The fields changed so far, as the update would send them. */
JsonObject     *wb_client_editor_dup_changes  (WbClientEditor *self);
/* Sets the text of a field's editor (for tests and scripts). */
void            wb_client_editor_set_field    (WbClientEditor *self,
                                               const char     *field,
                                               const char     *text);
const char     *wb_client_editor_get_error    (WbClientEditor *self,
                                               const char     *field);
void            wb_client_editor_save         (WbClientEditor *self);

G_END_DECLS
