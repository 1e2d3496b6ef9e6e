/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "wb-record-editor.h"

G_BEGIN_DECLS

#define WB_TYPE_ORGANISATION_EDITOR (wb_organisation_editor_get_type ())

G_DECLARE_FINAL_TYPE (WbOrganisationEditor, wb_organisation_editor, WB, ORGANISATION_EDITOR, WbRecordEditor)

/* Edits an organisation of the region: its name, kind and subregion (its code is given
 * once); an @organisation without an id is a new one. */
WbOrganisationEditor *wb_organisation_editor_new       (WbSession  *session,
                                                        WbRecord   *organisation);
/* The words for an organisation's kind ("wsp", "work_company", ...). */
const char           *wb_organisation_kind_label       (const char *kind);

G_END_DECLS
