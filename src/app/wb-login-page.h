/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define WB_TYPE_LOGIN_PAGE (wb_login_page_get_type ())

G_DECLARE_FINAL_TYPE (WbLoginPage, wb_login_page, WB, LOGIN_PAGE, GtkBox)

/* The sign-in screen: demo users to pick from on the embedded backend, or a user name and
 * password form for a shared server. Emits "login" (username, password). */
WbLoginPage *wb_login_page_new            (void);
/* Shows the demo users (a GPtrArray of WbDemoUser) to pick from. */
void         wb_login_page_set_demo_users (WbLoginPage *self,
                                           GPtrArray   *users,
                                           const char  *password);
void         wb_login_page_set_server     (WbLoginPage *self,
                                           const char  *url,
                                           const char  *username);
void         wb_login_page_set_busy       (WbLoginPage *self,
                                           gboolean     busy);
void         wb_login_page_set_error      (WbLoginPage *self,
                                           const char  *message);

G_END_DECLS
