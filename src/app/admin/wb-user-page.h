/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "wb-record-page.h"

G_BEGIN_DECLS

#define WB_TYPE_USER_PAGE (wb_user_page_get_type ())

G_DECLARE_FINAL_TYPE (WbUserPage, wb_user_page, WB, USER_PAGE, WbRecordPage)

/* A user for an administrator: who they are, their role and organisation, and what can be
 * done: edit, give a one-time password, deactivate when they leave (their accounts go to
 * the review queue) or make active again. */
WbUserPage *wb_user_page_new           (void);
WbRecord   *wb_user_page_get_user      (WbUserPage *self);
/* The last one-time password this page gave, for tests; NULL before. */
const char *wb_user_page_get_one_time_password (WbUserPage *self);
/* What the actions do after their confirmation (for tests and scripts). */
void        wb_user_page_reset_password (WbUserPage *self);
void        wb_user_page_set_active     (WbUserPage *self,
                                         gboolean    active);

G_END_DECLS
