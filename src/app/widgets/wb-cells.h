/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Cells of a list's rows (WbListRow) over a WbSlotModel. A keystroke of search rebinds
 * the rows on screen (and the others the list keeps, about 200, later), so the setters
 * change a cell only where its text or style changed: it then neither redraws nor restyles
 * for nothing. */

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

G_END_DECLS
