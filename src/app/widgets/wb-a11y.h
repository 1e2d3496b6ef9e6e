/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* GTK 4.8 gives a button made with a mnemonic ("_Cancel") that text, underscore and all, as
 * its accessible name, and a screen reader reads the underscore out. */

/* @label without its mnemonic marks ("_Cancel" -> "Cancel", "__" -> "_"). */
char      *wb_a11y_strip_mnemonic          (const char *label);
/* A button with a mnemonic whose accessible name is its label as shown. */
GtkWidget *wb_a11y_button_new_with_mnemonic (const char *label);
/* Sets @widget's accessible label. A GtkDropDown gets it on its button too, which is what
 * keyboard focus and a screen reader reach (GTK 4.8 leaves that button without a name). */
void       wb_a11y_set_label               (GtkWidget  *widget,
                                            const char *label);
/* Names the icon-only buttons below @root whose icon is @icon_name (libadwaita's entry rows
 * bring such buttons without a name); returns how many it named. */
guint      wb_a11y_name_icon_buttons       (GtkWidget  *root,
                                            const char *icon_name,
                                            const char *label);
/* The same for the response buttons of every AdwMessageDialog, which libadwaita makes
 * itself: each gets its name when it is shown. Installed once, by the application. */
void       wb_a11y_name_dialog_buttons     (void);

G_END_DECLS
