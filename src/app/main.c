/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "werkbrug"

#include "config.h"

#include <glib/gi18n.h>

#include "wb-application.h"
#include "wb-locale.h"
#include "wb-theme.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(WbApplication) app = NULL;

  /* While this is the only thread (wb-theme.h). */
  wb_theme_prepare ();
  bindtextdomain (GETTEXT_PACKAGE, wb_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = wb_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
