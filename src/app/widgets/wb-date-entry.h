/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define WB_TYPE_DATE_ENTRY (wb_date_entry_get_type ())

G_DECLARE_FINAL_TYPE (WbDateEntry, wb_date_entry, WB, DATE_ENTRY, GtkBox)

/* Every date field of the application: an entry that takes a date typed the Dutch way
 * ("3-12-2026", "03-12-2026", "3 dec. 2026", "3 december 2026"; also "2026-12-03") and shows
 * it as the interface writes dates in tables ("03-12-2026" in Dutch), beside a button that
 * opens a calendar in a popover. Property "value": the date as the API takes it,
 * YYYY-MM-DD; "" when empty; the text as typed while it is no date (so that a form can say
 * so next to the field). */
WbDateEntry *wb_date_entry_new            (void);
/* @value: YYYY-MM-DD, or NULL or "" for none. */
void         wb_date_entry_set_value      (WbDateEntry *self,
                                           const char  *value);
/* A new string: see "value". */
char        *wb_date_entry_dup_value      (WbDateEntry *self);
/* Whether the field is empty or holds a date. */
gboolean     wb_date_entry_is_valid       (WbDateEntry *self);
/* The spoken name of the entry (its field's label) and of the calendar button. */
void         wb_date_entry_set_label      (WbDateEntry *self,
                                           const char  *label);
GtkEditable *wb_date_entry_get_editable   (WbDateEntry *self);

/* Reads a typed date into @date: day, month and year in the order the tables show them
 * (day first in Dutch), ISO, or with the month in words; FALSE when @text is none. */
gboolean     wb_date_parse                (const char  *text,
                                           GDate       *date);

G_END_DECLS
