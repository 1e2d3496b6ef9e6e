/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "wb-slot-model.h"

G_BEGIN_DECLS

/* Cells of a GtkColumnView over a WbSlotModel. A keystroke of search rebinds the rows on
 * screen (and the others the view keeps, about 200, later), so the setters change a cell
 * only where its text or style changed: it then neither redraws nor restyles for nothing. */

/* The text of a cell for a row, for wb_cell_bind_text(). */
typedef const char *(*WbCellTextFunc) (gpointer row);

/* A setup callback: the cell is a label, aligned at the start, that ellipsizes at its end. */
void                 wb_cell_setup_label   (GtkSignalListItemFactory *factory,
                                            GtkListItem              *item,
                                            gpointer                  user_data);
/* A WbSlotBindFunc: the label shows what the WbCellTextFunc in @user_data says of @row. */
void                 wb_cell_bind_text     (GtkListItem              *item,
                                            gpointer                  row,
                                            gpointer                  user_data);
/* A cell of text for a column of its own width: a WbTextCell, which asks for no width,
 * ellipsizes at its end and, given a new text, only redraws (see wb-text-cell.h). */
GtkWidget           *wb_cell_new_text      (float                     xalign);
/* The text of a cell made by wb_cell_new_text() or of a label. */
const char          *wb_cell_get_text      (GtkWidget                *cell);
void                 wb_cell_set_text      (GtkWidget                *label,
                                            const char               *text);
/* Gives the label the CSS class @style (NULL for none) in place of the one set before. */
void                 wb_cell_set_style     (GtkWidget                *label,
                                            const char               *style);
/* Appends a resizable column, sorted by @sorter, whose cells wb_slot_factory_new() makes
 * with @setup and @bind; a @fixed_width of 0 leaves the width to the column. Returns the
 * column (transfer none: the view holds it). */
GtkColumnViewColumn *wb_cell_append_column (GtkColumnView            *view,
                                            const char               *title,
                                            GtkSorter                *sorter,
                                            GCallback                 setup,
                                            WbSlotBindFunc            bind,
                                            gpointer                  user_data,
                                            gboolean                  expand,
                                            int                       fixed_width);

G_END_DECLS
