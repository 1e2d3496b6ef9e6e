/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "wb-session.h"

G_BEGIN_DECLS

#define WB_TYPE_IMPORT_DIALOG (wb_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (WbImportDialog, wb_import_dialog, WB, IMPORT_DIALOG, AdwWindow)

/* Imports employers from a CSV file: the user picks the file, it is uploaded to
 * POST /employers/import, and the dialog shows row by row what was merged (same KvK number)
 * or refused, or, for a broken file, which lines to correct (nothing was imported then).
 * Emits "imported" after an import wrote something. */
WbImportDialog *wb_import_dialog_new          (WbSession      *session);
/* Uploads @csv as if it were the chosen file (for tests and scripts). */
void            wb_import_dialog_upload       (WbImportDialog *self,
                                               GBytes         *csv);

G_END_DECLS
