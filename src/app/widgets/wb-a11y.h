/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* GTK 4.8 gives a button made with a mnemonic ("_Cancel") that text, underscore and all, as
 * its accessible name, and a screen reader reads the underscore out. */

/* @label without its mnemonic marks ("_Cancel" -> "Cancel", "__" -> "_"). */
char      *wb_a11y_strip_mnemonic          (const char *label);
/* A button with a mnemonic whose accessible name is its label as shown. */
GtkWidget *wb_a11y_button_new_with_mnemonic (const char *label);
/* Sets @widget's accessible label, its one name: a mnemonic label no longer adds its text
 * to it. A GtkDropDown or GtkMenuButton gets it on its button too, which is what keyboard
 * focus and a screen reader reach (GTK 4.8 leaves that button without a name). */
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

/* Everything above, and for every widget of the application: what is not mapped is hidden
 * from the accessibility tree, a widget has one name (not its label and its mnemonic label's
 * too), every option of a drop-down speaks its text. Installed once, by the application
 * (and by widget tests). */
void       wb_a11y_install                 (void);
/* Hides @widget from the accessibility tree when it is not mapped: for a page added to a
 * stack on screen that does not show it (nothing maps it, so the hooks above miss it). */
void       wb_a11y_hide_unmapped           (GtkWidget  *widget);

/* libadwaita 1.2's toasts have no role, and a screen reader does not hear them. @status, a
 * label mapped in the window but not seen, with the role "status", says what the toasts of
 * @overlay say. */
void       wb_a11y_set_toast_status        (AdwToastOverlay *overlay,
                                            GtkLabel        *status);
/* Shows @toast (taking it over, as adw_toast_overlay_add_toast() does) in the toast overlay
 * around @widget, and its words in the overlay's status label; FALSE, and nothing shown,
 * when @widget is in none. */
gboolean   wb_a11y_add_toast               (GtkWidget       *widget,
                                            AdwToast        *toast);

G_END_DECLS
