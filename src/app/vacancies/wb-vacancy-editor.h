/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "wb-record-editor.h"
#include "wb-record-search.h"
#include "wb-requirements-editor.h"

G_BEGIN_DECLS

#define WB_TYPE_VACANCY_EDITOR (wb_vacancy_editor_get_type ())

G_DECLARE_FINAL_TYPE (WbVacancyEditor, wb_vacancy_editor, WB, VACANCY_EDITOR, WbRecordEditor)

/* Takes a vacancy in, or edits one, on the record editor: the employer (a new vacancy
 * only: it stays with its employer), the ESCO occupation, the competences it asks, and the
 * vacancy's facts. Picking an occupation proposes its competences (essential at level 3,
 * optional at level 2) beside those the list has, and its name as the title while there is
 * none; the user then sets levels, removes and adds. A stale write keeps the user's edit
 * as every record editor does. Emits "proposed" (the number of competences added) when a
 * proposal has arrived. */
WbVacancyEditor      *wb_vacancy_editor_new             (WbSession       *session,
                                                         WbRecord        *vacancy);
/* A new vacancy, for @employer (a record of GET /employers/{id}) or one the user picks
 * when NULL: opened today, one position, the employer's postcode area and sector. */
WbVacancyEditor      *wb_vacancy_editor_new_for_employer (WbSession      *session,
                                                         WbRecord        *employer);
WbRecordSearch       *wb_vacancy_editor_get_employer_search   (WbVacancyEditor *self);
WbRecordSearch       *wb_vacancy_editor_get_occupation_search (WbVacancyEditor *self);
WbRequirementsEditor *wb_vacancy_editor_get_requirements      (WbVacancyEditor *self);
/* Whether a chosen occupation's competences are still being read. */
gboolean              wb_vacancy_editor_get_proposing         (WbVacancyEditor *self);

G_END_DECLS
