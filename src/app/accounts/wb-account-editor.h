/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "wb-record-editor.h"
#include "wb-session.h"

G_BEGIN_DECLS

#define WB_TYPE_ACCOUNT_EDITOR (wb_account_editor_get_type ())

G_DECLARE_FINAL_TYPE (WbAccountEditor, wb_account_editor, WB, ACCOUNT_EDITOR, WbRecordEditor)

/* Edits an employer (see WbRecordEditor): name, sector, size, place, the arrangement and
 * learn-work flags and the reason a local account manager keeps a large account. Who owns
 * it and whether an exception is approved is the coordinator's, in the review queue. The
 * fields take the employer's field names ("employee_count"; "true" for a switch, a code
 * for a drop-down). Emits "saved" with the saved employer record. */
WbAccountEditor *wb_account_editor_new (WbSession *session,
                                        WbRecord  *employer);

G_END_DECLS
