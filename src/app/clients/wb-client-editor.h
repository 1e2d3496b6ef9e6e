/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "wb-record-editor.h"
#include "wb-session.h"

G_BEGIN_DECLS

#define WB_TYPE_CLIENT_EDITOR (wb_client_editor_get_type ())

G_DECLARE_FINAL_TYPE (WbClientEditor, wb_client_editor, WB, CLIENT_EDITOR, WbRecordEditor)

/* Edits a client's profile (see WbRecordEditor): contact details, work, education and
 * mobility. Emits "saved" with the saved record. */
WbClientEditor *wb_client_editor_new (WbSession *session,
                                      WbRecord  *record);

G_END_DECLS
