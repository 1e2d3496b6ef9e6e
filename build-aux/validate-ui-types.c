/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Preloaded into gtk4-builder-tool by the validate-ui tests. The tool finds a widget type
 * such as AdwStatusPage by looking up adw_status_page_get_type() in the process, which
 * preloading libadwaita makes possible, but the parent of a template must already be
 * registered, so the parents our templates use are registered here, before main(). */

#include <adwaita.h>

__attribute__((constructor)) static void
register_template_parents (void)
{
  g_type_ensure (ADW_TYPE_APPLICATION_WINDOW);
  g_type_ensure (ADW_TYPE_PREFERENCES_WINDOW);
  g_type_ensure (ADW_TYPE_BIN);
  g_type_ensure (ADW_TYPE_WINDOW);
  g_type_ensure (ADW_TYPE_MESSAGE_DIALOG);
  g_type_ensure (ADW_TYPE_ACTION_ROW);
  g_type_ensure (ADW_TYPE_PREFERENCES_PAGE);
}
