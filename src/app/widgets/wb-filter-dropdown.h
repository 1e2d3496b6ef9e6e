/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define WB_TYPE_FILTER_DROPDOWN (wb_filter_dropdown_get_type ())

G_DECLARE_FINAL_TYPE (WbFilterDropdown, wb_filter_dropdown, WB, FILTER_DROPDOWN, GtkWidget)

/* A drop-down that filters a list by one column: the first item means "any", every other
 * one stands for a value, kept as text beside its label. To the user and to a screen reader
 * it is a drop-down (a combo box whose button shows the item selected and opens the list of
 * items, the selected one checked). Its list is made when it first opens: a GtkDropDown
 * makes its popover, search entry, scrolled list and a widget for every item as it is made,
 * and the clients list's eight filters cost 33 million instructions at every start that
 * way. Property "selected" (the position of the item selected). */
WbFilterDropdown *wb_filter_dropdown_new           (const char       *any_label,
                                                    const char       *accessible_label);
void              wb_filter_dropdown_add_choice    (WbFilterDropdown *self,
                                                    const char       *label,
                                                    const char       *value);
/* Between these two, wb_filter_dropdown_add_choice gathers the choices that replace the
 * drop-down's; the end puts them in at once (one change of its list, not one a choice),
 * selecting "any", or leaves the drop-down as it is when they are the ones it has. */
void              wb_filter_dropdown_begin_choices (WbFilterDropdown *self);
void              wb_filter_dropdown_end_choices   (WbFilterDropdown *self);
/* Selects the item of @value; FALSE when there is none. */
gboolean          wb_filter_dropdown_select_value  (WbFilterDropdown *self,
                                                    const char       *value);
/* The value of the selected item, or NULL for "any". */
const char       *wb_filter_dropdown_get_value     (WbFilterDropdown *self);
/* The items' labels (GtkStringObjects), "any" first. */
GListModel       *wb_filter_dropdown_get_model     (WbFilterDropdown *self);
guint             wb_filter_dropdown_get_selected  (WbFilterDropdown *self);
void              wb_filter_dropdown_set_selected  (WbFilterDropdown *self,
                                                    guint             position);
/* The label of the selected item. */
const char       *wb_filter_dropdown_get_label     (WbFilterDropdown *self);

G_END_DECLS
