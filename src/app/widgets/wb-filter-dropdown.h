/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A drop-down that filters a list by one column: the first item means "any", every other
 * one stands for a value, kept as text beside its label. */
GtkDropDown *wb_filter_dropdown_new           (const char  *any_label,
                                               const char  *accessible_label);
void         wb_filter_dropdown_add_choice    (GtkDropDown *dropdown,
                                               const char  *label,
                                               const char  *value);
/* Between these two, wb_filter_dropdown_add_choice gathers the choices that replace the
 * drop-down's; the end puts them in at once (one change of its list, not one a choice),
 * selecting "any", or leaves the drop-down as it is when they are the ones it has. */
void         wb_filter_dropdown_begin_choices (GtkDropDown *dropdown);
void         wb_filter_dropdown_end_choices   (GtkDropDown *dropdown);
/* Selects the item of @value; FALSE when there is none. */
gboolean     wb_filter_dropdown_select_value  (GtkDropDown *dropdown,
                                               const char  *value);
/* The value of the selected item, or NULL for "any". */
const char  *wb_filter_dropdown_get_value     (GtkDropDown *dropdown);

G_END_DECLS
