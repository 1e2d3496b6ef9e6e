/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define WB_TYPE_APPLICATION (wb_application_get_type ())

G_DECLARE_FINAL_TYPE (WbApplication, wb_application, WB, APPLICATION, AdwApplication)

WbApplication *wb_application_new          (void);
/* The application's settings; falls back to the schema in the build tree when the
 * application runs uninstalled. */
GSettings     *wb_application_get_settings (WbApplication *self);
/* A new GSettings of the application's schema, found as wb_application_get_settings does. */
GSettings     *wb_application_create_settings (void);
/* Makes sure the compiled-in resources are registered (for tests that build widgets). */
void           wb_application_ensure_resources (void);

G_END_DECLS
