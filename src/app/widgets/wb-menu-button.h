/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Gives @button the menu of @model when it is first opened. GTK 4.8 makes a menu button's
 * popover menu, a widget an item, as soon as the button has a model; a window's menus are
 * made at every launch and opened now and then. */
void wb_menu_button_set_menu_when_opened (GtkMenuButton *button,
                                          GMenuModel    *model);

G_END_DECLS
