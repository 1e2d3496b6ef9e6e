/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "wb-record-search.h"
#include "wb-session.h"

G_BEGIN_DECLS

#define WB_TYPE_REQUIREMENTS_EDITOR (wb_requirements_editor_get_type ())

G_DECLARE_FINAL_TYPE (WbRequirementsEditor, wb_requirements_editor, WB, REQUIREMENTS_EDITOR, GtkBox)

/* A vacancy's requirements: the competences it asks, each with a level from 1 to 5 and
 * essential or optional, one row each with a spin button, a check box and a remove button,
 * and below them a search that adds a competence (essential, level 3). "value" holds the
 * list as text (wb_requirements_to_text), so that the vacancy editor compares, saves and
 * reconciles it as any other field. */
WbRequirementsEditor *wb_requirements_editor_new          (void);
void                  wb_requirements_editor_set_session  (WbRequirementsEditor *self,
                                                           WbSession            *session);
/* Adds a competence at the end; FALSE when the list has it already. */
gboolean              wb_requirements_editor_add          (WbRequirementsEditor *self,
                                                           gint64                competence_id,
                                                           const char           *label,
                                                           int                   level,
                                                           gboolean              essential);
gboolean              wb_requirements_editor_remove       (WbRequirementsEditor *self,
                                                           gint64                competence_id);
/* What the spin button and the check box do; FALSE when the list has no such competence. */
gboolean              wb_requirements_editor_set_level    (WbRequirementsEditor *self,
                                                           gint64                competence_id,
                                                           int                   level);
gboolean              wb_requirements_editor_set_essential (WbRequirementsEditor *self,
                                                           gint64                competence_id,
                                                           gboolean              essential);
guint                 wb_requirements_editor_get_n_items  (WbRequirementsEditor *self);
/* The level of a competence in the list, or 0 when it is not there. */
int                   wb_requirements_editor_get_level    (WbRequirementsEditor *self,
                                                           gint64                competence_id);
gboolean              wb_requirements_editor_get_essential (WbRequirementsEditor *self,
                                                           gint64                competence_id);
/* The competence id of the row at @index, in the order shown, or 0. */
gint64                wb_requirements_editor_get_id       (WbRequirementsEditor *self,
                                                           guint                 index);
WbRecordSearch       *wb_requirements_editor_get_search   (WbRequirementsEditor *self);
const char           *wb_requirements_editor_get_value    (WbRequirementsEditor *self);

/* A vacancy's "competences" as text: [{competence_id, label, level, essential}] ordered by
 * id, so that two lists with the same requirements give the same text. */
char                 *wb_requirements_to_text             (JsonArray            *competences);
/* The text back as the array the API takes: competence_id, level, essential; NULL when
 * @text is no such list. */
JsonArray            *wb_requirements_parse               (const char           *text);
/* The list in words, "Heftruck rijden (level 3, essential), …", or "none". */
char                 *wb_requirements_describe            (const char           *text);

G_END_DECLS
