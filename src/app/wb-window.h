/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "wb-application.h"
#include "wb-login-page.h"
#include "wb-session.h"
#include "wb-users-view.h"
#include "wb-organisations-view.h"
#include "wb-audit-view.h"

G_BEGIN_DECLS

#define WB_TYPE_WINDOW (wb_window_get_type ())

G_DECLARE_FINAL_TYPE (WbWindow, wb_window, WB, WINDOW, AdwApplicationWindow)

WbWindow *wb_window_new         (WbApplication *application);
/* A window that reads its server and its size from @settings (the application's own in
 * wb_window_new); @application may be NULL in tests. */
WbWindow *wb_window_new_with_settings (GtkApplication *application,
                                       GSettings      *settings);
WbLoginPage *wb_window_get_login_page (WbWindow *self);
/* What the window shows: "starting", "login", "main" or "failed". */
const char  *wb_window_get_state      (WbWindow *self);
/* The users' view, when the signed-in user may manage users; else NULL. */
WbUsersView *wb_window_get_users_view (WbWindow *self);
WbOrganisationsView *wb_window_get_organisations_view (WbWindow *self);
/* The audit viewer, when the signed-in user may read the audit; else NULL. */
WbAuditView *wb_window_get_audit_view (WbWindow *self);
/* The signed-in user's session, or NULL. */
WbSession   *wb_window_get_session    (WbWindow *self);
/* Shows the views for a signed-in user; signing in ends here. */
void      wb_window_show_session (WbWindow      *self,
                                  WbSession     *session);
/* A short message at the bottom of the window. */
void      wb_window_add_toast   (WbWindow      *self,
                                 const char    *message);
/* The keyboard shortcuts window's file, among the application's resources: not at
 * gtk/help-overlay.ui, where GtkApplication would make it with every window. The window makes
 * it when first asked (win.show-help-overlay). */
#define WB_SHORTCUTS_RESOURCE "/nl/werkbrug/Werkbrug/shortcuts/wb-shortcuts-window.ui"

/* Shows or hides the review queue's group in the keyboard shortcuts window (the queue is a
 * coordinator's page); FALSE if @overlay has no such group. */
gboolean  wb_window_show_queue_shortcuts (GtkShortcutsWindow *overlay,
                                          gboolean            visible);

G_END_DECLS
