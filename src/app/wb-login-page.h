/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define WB_TYPE_LOGIN_PAGE (wb_login_page_get_type ())

G_DECLARE_FINAL_TYPE (WbLoginPage, wb_login_page, WB, LOGIN_PAGE, GtkBox)

/* The sign-in screen: demo users to pick from on the embedded backend, or a user name and
 * password form for a shared server. Emits "login" (username, password) and "retry". */
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
/* A remark that is not an error (such as why the sign-in is not kept); NULL hides it. */
void         wb_login_page_set_note       (WbLoginPage *self,
                                           const char  *note);
const char  *wb_login_page_get_note       (WbLoginPage *self);
/* The shown error, or NULL. */
const char  *wb_login_page_get_error      (WbLoginPage *self);
/* The server cannot be reached: shows @message with a Retry button, and emits "retry" by
 * itself after a wait that grows with each failure in a row. What the user typed stays. */
void         wb_login_page_set_unreachable (WbLoginPage *self,
                                            const char  *message);
/* The server answered: no more tries, and the unreachable message goes. */
void         wb_login_page_set_reachable  (WbLoginPage *self);
gboolean     wb_login_page_is_retrying    (WbLoginPage *self);
/* The form's user name and password: filled in, read, and submitted as the Sign In
 * button does. */
void         wb_login_page_fill           (WbLoginPage *self,
                                           const char  *username,
                                           const char  *password);
void         wb_login_page_get_typed      (WbLoginPage  *self,
                                           const char  **username,
                                           const char  **password);
void         wb_login_page_submit         (WbLoginPage *self);

G_END_DECLS
