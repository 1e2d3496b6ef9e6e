/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define WB_TYPE_VIEW_SWITCHER_GRID (wb_view_switcher_grid_get_type ())

G_DECLARE_FINAL_TYPE (WbViewSwitcherGrid, wb_view_switcher_grid, WB, VIEW_SWITCHER_GRID, GtkWidget)

/* The view switcher of a narrow window, at its bottom: a button per visible page of an
 * AdwViewStack (icon, title, badge), in as many rows as their titles need. libadwaita 1.2's
 * AdwViewSwitcherBar gives every page an equal share of one row, and at 360 px six or seven
 * pages cut their titles ("Vacanci…", "Review…"); here no title is cut, in any language.
 * Property "stack". */
WbViewSwitcherGrid *wb_view_switcher_grid_new       (void);
/* The view switcher of a header: the buttons in one row, the views' tabs to a screen reader.
 * Where every button has its natural width the titles stand beside their icons; where less,
 * under them, in every button alike. Its smallest width is that of every button with its
 * title under its icon: put it in an AdwSqueezer, before the window's title, to give a
 * narrow window the title (and the switcher at its bottom). One set of buttons for both
 * forms: libadwaita 1.2's AdwViewSwitcherTitle makes two switchers, each button with both
 * forms, 50 million instructions at every start of Werkbrug. */
WbViewSwitcherGrid *wb_view_switcher_grid_new_row   (void);
void                wb_view_switcher_grid_set_stack (WbViewSwitcherGrid *self,
                                                     AdwViewStack       *stack);
AdwViewStack       *wb_view_switcher_grid_get_stack (WbViewSwitcherGrid *self);
/* The button of the page named @name, or NULL (tests). */
GtkWidget          *wb_view_switcher_grid_get_button (WbViewSwitcherGrid *self,
                                                      const char         *name);

G_END_DECLS
