/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-locale"

#include "config.h"
#include "wb-build-paths.h"

#include "wb-locale.h"

const char *
wb_locale_dir (void)
{
  g_autofree char *installed = g_build_filename (LOCALEDIR, "nl", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  g_autofree char *built = g_build_filename (WB_BUILD_LOCALE_DIR, "nl", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);

  if (!g_file_test (installed, G_FILE_TEST_EXISTS) && g_file_test (built, G_FILE_TEST_EXISTS))
    return WB_BUILD_LOCALE_DIR;
  return LOCALEDIR;
}
