/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "wb-record-editor.h"

G_BEGIN_DECLS

#define WB_TYPE_USER_EDITOR (wb_user_editor_get_type ())

G_DECLARE_FINAL_TYPE (WbUserEditor, wb_user_editor, WB, USER_EDITOR, WbRecordEditor)

/* Edits a user's name, role, organisation and e-mail address; a @user without an id is a
 * new one. */
WbUserEditor *wb_user_editor_new (WbSession *session,
                                  WbRecord  *user);

G_END_DECLS
