/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "wb-session.h"

G_BEGIN_DECLS

#define WB_TYPE_RECORD_SEARCH (wb_record_search_get_type ())

G_DECLARE_FINAL_TYPE (WbRecordSearch, wb_record_search, WB, RECORD_SEARCH, GtkBox)

/* The text under a result ("ESCO · ISCO 8344"), newly allocated, or NULL. */
typedef char *(*WbRecordSearchDescribe) (WbRecord  *record,
                                         WbSession *session);

/* Search as you type for one record among thousands (an occupation, an employer, a
 * competence): the server's list of @resource with q= as the user types, a short pause
 * after the last key, the first results as buttons under the entry. Down goes from the
 * entry to the results, Enter takes the first. Choosing one emits "chosen" (WbRecord).
 *
 * As a picker (the default) the entry then shows the choice and "value" holds its id as
 * text ("" for none: the entry emptied); setting "value" reads the record to show its
 * name. With keep-choice FALSE (adding one of many) the entry empties for the next one and
 * "value" stays "". Properties: "value", "n-results", "searching". */
WbRecordSearch *wb_record_search_new           (WbResource              resource,
                                                const char             *label_field,
                                                const char             *placeholder,
                                                const char             *accessible);
void            wb_record_search_set_session   (WbRecordSearch         *self,
                                                WbSession              *session);
void            wb_record_search_set_describe  (WbRecordSearch         *self,
                                                WbRecordSearchDescribe  describe);
void            wb_record_search_set_keep_choice (WbRecordSearch       *self,
                                                gboolean                keep_choice);
/* Shows @record as the choice, without a search or "chosen". */
void            wb_record_search_set_record    (WbRecordSearch         *self,
                                                WbRecord               *record);
const char     *wb_record_search_get_value     (WbRecordSearch         *self);
void            wb_record_search_set_value     (WbRecordSearch         *self,
                                                const char             *value);
/* What the user typed or the choice's name. */
const char     *wb_record_search_get_text      (WbRecordSearch         *self);

/* What typing @text does, at once (for tests and scripts). */
void            wb_record_search_search        (WbRecordSearch         *self,
                                                const char             *text);
gboolean        wb_record_search_get_searching (WbRecordSearch         *self);
guint           wb_record_search_get_n_results (WbRecordSearch         *self);
/* The result at @index (transfer none), or NULL. */
WbRecord       *wb_record_search_get_result    (WbRecordSearch         *self,
                                                guint                   index);
/* What clicking the result at @index does. */
void            wb_record_search_choose        (WbRecordSearch         *self,
                                                guint                   index);

G_END_DECLS
