/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define WB_TYPE_LIST_ROW (wb_list_row_get_type ())

G_DECLARE_FINAL_TYPE (WbListRow, wb_list_row, WB, LIST_ROW, GtkWidget)

/* One line of a WbListView: the cells of a row side by side, each under the header of its
 * column, as wide as that header and hidden with it.
 *
 * GTK 4.8's column view makes a cell widget for every column of every row, each with a
 * GtkListItem, three event controllers and a node to style: a row of nine columns was 19
 * widgets, and building the rows of a list's first screen was about a quarter of a
 * launch's work. Here the column view above the rows holds no rows, only its headers
 * (their titles, sorting, resizing and names), and a list view holds the lines: one widget
 * each, with its cells in it, about half the work a row was. */
GtkWidget *wb_list_row_new        (GtkColumnView *header);

/* @cell stands under the next column of the header. */
void       wb_list_row_append     (WbListRow     *self,
                                   GtkWidget     *cell);
/* Each cell shown where its column is. */
void       wb_list_row_sync_columns (WbListRow   *self);

G_END_DECLS
