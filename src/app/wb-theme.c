/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-theme"

#include "config.h"

#include "wb-theme.h"

/* The theme libadwaita sets (AdwStyleManager); its sheets are resources of libadwaita. */
#define EMPTY_THEME "Adwaita-empty"

gboolean
wb_theme_skip_gtk_theme (void)
{
  GdkDisplay *display = gdk_display_get_default ();

  if (display == NULL || g_getenv ("GTK_THEME") != NULL)
    return FALSE;
  /* The settings of a display are made once, by the first to ask for them: made already,
   * they stay as they are. */
  g_setenv ("GTK_THEME", EMPTY_THEME, TRUE);
  gtk_settings_get_for_display (display);
  g_unsetenv ("GTK_THEME");
  return TRUE;
}
