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
 * The way there is GTK_THEME, which GTK reads as it makes the settings, and which must be
 * gone again before libadwaita looks at it (libadwaita loads no style sheet of its own under
 * a GTK_THEME of the user's). Setting it happens in two steps, because g_setenv is not safe
 * once other threads read the environment (GDBus's from the application's registration on,
 * GTK's accessibility connection from gtk_init on): a g_setenv that adds a variable may
 * move the environment and free the old one under a reader. */

/* First thing in main, while the process has one thread: asks GTK for libadwaita's empty
 * theme through GTK_THEME. Does nothing when the user has set GTK_THEME. */
void     wb_theme_prepare        (void);
/* After gtk_init and before adw_init: makes the display's settings with that theme, so that
 * GTK's own is never parsed, and removes GTK_THEME. Does nothing, and returns FALSE, when
 * wb_theme_prepare did not ask; changes nothing when the settings were made already. */
gboolean wb_theme_skip_gtk_theme (void);

G_END_DECLS
