/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "wb-application.h"
#include "wb-session.h"

G_BEGIN_DECLS

#define WB_TYPE_WINDOW (wb_window_get_type ())

G_DECLARE_FINAL_TYPE (WbWindow, wb_window, WB, WINDOW, AdwApplicationWindow)

WbWindow *wb_window_new         (WbApplication *application);
/* Shows the views for a signed-in user; signing in ends here. */
void      wb_window_show_session (WbWindow      *self,
                                  WbSession     *session);
/* A short message at the bottom of the window. */
void      wb_window_add_toast   (WbWindow      *self,
                                 const char    *message);
/* Shows or hides the review queue's group in the keyboard shortcuts window (the queue is a
 * coordinator's page); FALSE if @overlay has no such group. */
gboolean  wb_window_show_queue_shortcuts (GtkShortcutsWindow *overlay,
                                          gboolean            visible);

G_END_DECLS
