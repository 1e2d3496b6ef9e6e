/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* GTK's own theme, which libadwaita replaces.
 *
 * GTK 4.8 parses its built-in theme ("Default", or the one the desktop names, which is
 * "Adwaita": an alias of it) as it makes the display's settings. libadwaita's style manager
 * (adw_init) then sets the theme to "Adwaita-empty", an empty sheet it ships, and loads its
 * own style sheet: the parsed theme is thrown away unused. On this machine that is some 80
 * million instructions, a quarter of what a bare libadwaita window runs before its first
 * frame.
 *
 * After gtk_init and before adw_init: makes the display's settings with libadwaita's empty
 * theme, so that GTK's theme is never parsed. It does so through GTK_THEME, which GTK reads
 * as it makes the settings, and removes it again before libadwaita looks at it (libadwaita
 * loads no style sheet of its own under a GTK_THEME of the user's). Does nothing when the
 * user has set GTK_THEME, and changes nothing when the settings were made already. Returns
 * FALSE when it did nothing. */
gboolean wb_theme_skip_gtk_theme (void);

G_END_DECLS
