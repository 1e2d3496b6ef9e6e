/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "wb-list-view.h"
#include "wb-user-page.h"

G_BEGIN_DECLS

typedef enum {
  WB_USER_COLUMN_NAME,
  WB_USER_COLUMN_USERNAME,
  WB_USER_COLUMN_ROLE,
  WB_USER_COLUMN_ORGANISATION,
  WB_USER_COLUMN_STATUS,
  WB_N_USER_COLUMNS
} WbUserColumn;

typedef enum {
  WB_USER_FILTER_ORGANISATION,
  WB_USER_FILTER_ROLE,
  WB_USER_FILTER_STATUS,
  WB_N_USER_FILTERS
} WbUserFilter;

#define WB_TYPE_USER_LIST_MODEL (wb_user_list_model_get_type ())

G_DECLARE_FINAL_TYPE (WbUserListModel, wb_user_list_model, WB, USER_LIST_MODEL, WbListModel)

/* The users as data (docs/lists.md); the rows are the users' records (GET /users). */
const WbListSpec *wb_user_list_spec       (void);
WbUserListModel  *wb_user_list_model_new  (WbSession *session);

#define WB_TYPE_USERS_VIEW (wb_users_view_get_type ())

G_DECLARE_FINAL_TYPE (WbUsersView, wb_users_view, WB, USERS_VIEW, WbListView)

/* The administrator's users: the list, a user's page, and New User (Ctrl+N). */
WbUsersView *wb_users_view_new       (void);
void         wb_users_view_set_session (WbUsersView *self,
                                        WbSession   *session);
/* Opens the editor of a new user; NULL when the role may not create one. */
GtkWindow   *wb_users_view_new_user  (WbUsersView *self);

G_END_DECLS
