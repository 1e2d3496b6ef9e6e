/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-theme"

#include "config.h"

#include "wb-theme.h"

/* The theme libadwaita sets (AdwStyleManager); its sheets are resources of libadwaita. */
#define EMPTY_THEME "Adwaita-empty"

/* GTK_THEME was set by wb_theme_prepare, not by the user. */
static gboolean asked;

void
wb_theme_prepare (void)
{
  if (asked || g_getenv ("GTK_THEME") != NULL)
    return;
  g_setenv ("GTK_THEME", EMPTY_THEME, TRUE);
  asked = TRUE;
}

gboolean
wb_theme_skip_gtk_theme (void)
{
  GdkDisplay *display = gdk_display_get_default ();

  if (!asked || display == NULL)
    return FALSE;
  asked = FALSE;
  /* The settings of a display are made once, by the first to ask for them: made already,
   * they stay as they are. */
  gtk_settings_get_for_display (display);
  /* Removing a variable moves the pointers after it in place and frees nothing: a thread
   * that reads the environment meanwhile finds or misses it, but reads no freed memory, as
   * it could while g_setenv grows the environment. */
  g_unsetenv ("GTK_THEME");
  return TRUE;
}
