/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define WB_TYPE_PREFERENCES_WINDOW (wb_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (WbPreferencesWindow, wb_preferences_window, WB, PREFERENCES_WINDOW, AdwPreferencesWindow)

WbPreferencesWindow *wb_preferences_window_new (GSettings *settings);

G_END_DECLS
