/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define WB_TYPE_TEXT_CELL (wb_text_cell_get_type ())

G_DECLARE_FINAL_TYPE (WbTextCell, wb_text_cell, WB, TEXT_CELL, GtkWidget)

/* A list's cell of text in a column of its own width: one line, ellipsized at its end, as
 * tall as a line of its font and asking for no width. It does what a GtkInscription does
 * in a list, for less: GtkInscription makes its text's layout as it is made (styling itself
 * before it has a parent, so twice) and measures its font's metrics each time it is
 * measured, about 100,000 instructions a cell, with 200 cells on the first screen of a list.
 * This cell lays its text out only when drawn and measures a font once for every cell that
 * uses it. A new text only redraws it: neither the row nor the list measures again. It is
 * a label to CSS and to a screen reader, which hears its text as its name; the CSS class
 * "numeric" gives it figures of one width, as it does a label. */
GtkWidget  *wb_text_cell_new        (void);

const char *wb_text_cell_get_text   (WbTextCell *self);
void        wb_text_cell_set_text   (WbTextCell *self,
                                     const char *text);
/* 0 aligns the text at the start, 1 at the end (numbers). */
void        wb_text_cell_set_xalign (WbTextCell *self,
                                     float       xalign);
float       wb_text_cell_get_xalign (WbTextCell *self);

G_END_DECLS
