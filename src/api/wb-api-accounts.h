/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "wb-api-client.h"

G_BEGIN_DECLS

/* Typed calls for the employer accounts, the coordinator's review queue and the
 * notifications (docs/accounts-api.md). Records of the account list, the queue and the
 * notifications are WbRecord tagged WB_RESOURCE_EMPLOYERS (what they are about). */

/* @filters: parameter -> value as text for GET /accounts and its export (status,
 * owner_type, dormant, owner_id, municipality_id, sector, size, q); NULL for all. */

/* Every account, page after page; @progress after each page. */
void         wb_api_accounts_list_async          (WbApiClient          *api,
                                                  GHashTable           *filters,
                                                  WbApiProgress         progress,
                                                  gpointer              progress_data,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GListModel  *wb_api_accounts_list_finish         (WbApiClient          *api,
                                                  GAsyncResult         *result,
                                                  GError              **error);

/* One page of the list (@page from 1, @per_page at most 1000); @total gets how many
 * accounts match over all pages. */
void         wb_api_accounts_list_page_async     (WbApiClient          *api,
                                                  GHashTable           *filters,
                                                  guint                 page,
                                                  guint                 per_page,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GListModel  *wb_api_accounts_list_page_finish    (WbApiClient          *api,
                                                  GAsyncResult         *result,
                                                  guint                *total,
                                                  GError              **error);

/* One page of another list of this page's endpoints, @path as "api/v1/reviews" or
 * "api/v1/arrangements", with @filters (parameter -> value, or NULL) as its parameters. */
void         wb_api_accounts_page_async          (WbApiClient          *api,
                                                  const char           *path,
                                                  GHashTable           *filters,
                                                  guint                 page,
                                                  guint                 per_page,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GListModel  *wb_api_accounts_page_finish         (WbApiClient          *api,
                                                  GAsyncResult         *result,
                                                  guint                *total,
                                                  GError              **error);

/* The list as a CSV file for Dutch Excel; @filename gets the name the server proposes. */
void         wb_api_accounts_export_async        (WbApiClient          *api,
                                                  GHashTable           *filters,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GBytes      *wb_api_accounts_export_finish       (WbApiClient          *api,
                                                  GAsyncResult         *result,
                                                  char                **filename,
                                                  GError              **error);

/* One account with the rule that applies, in plain words (GET /employers/{id}/rule). */
void         wb_api_accounts_get_rule_async      (WbApiClient          *api,
                                                  gint64                employer_id,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
WbRecord    *wb_api_accounts_get_rule_finish     (WbApiClient          *api,
                                                  GAsyncResult         *result,
                                                  GError              **error);

/* Logs a visit, call or mail. @warning gets the server's "two parties, one employer"
 * warning when another organisation owns the employer, or NULL. */
void         wb_api_accounts_log_contact_async   (WbApiClient          *api,
                                                  gint64                employer_id,
                                                  JsonObject           *entry,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
WbRecord    *wb_api_accounts_log_contact_finish  (WbApiClient          *api,
                                                  GAsyncResult         *result,
                                                  char                **warning,
                                                  GError              **error);

/* Uploads employers as CSV (POST /employers/import); the answer is the import report.
 * A broken file is a 400 whose problem lists the rows. */
void         wb_api_accounts_import_async        (WbApiClient          *api,
                                                  GBytes               *csv,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
JsonObject  *wb_api_accounts_import_finish       (WbApiClient          *api,
                                                  GAsyncResult         *result,
                                                  GError              **error);

/* The open review queue, oldest first, every page. Coordinators only (403 otherwise). */
void         wb_api_reviews_list_async           (WbApiClient          *api,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GListModel  *wb_api_reviews_list_finish          (WbApiClient          *api,
                                                  GAsyncResult         *result,
                                                  GError              **error);

/* Decides an open review of the version named by @etag. @decision holds action, reason
 * and, as the action needs, owner_id or keep_employer_id. The answer is the decided review. */
void         wb_api_reviews_decide_async         (WbApiClient          *api,
                                                  gint64                review_id,
                                                  const char           *etag,
                                                  JsonObject           *decision,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
WbRecord    *wb_api_reviews_decide_finish        (WbApiClient          *api,
                                                  GAsyncResult         *result,
                                                  GError              **error);

/* The caller's notifications, newest first (at most one page of 100); @total gets how
 * many there are. */
void         wb_api_notifications_list_async     (WbApiClient          *api,
                                                  gboolean              unread_only,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GListModel  *wb_api_notifications_list_finish    (WbApiClient          *api,
                                                  GAsyncResult         *result,
                                                  guint                *total,
                                                  GError              **error);

void         wb_api_notifications_mark_read_async  (WbApiClient        *api,
                                                    gint64              notification_id,
                                                    GCancellable       *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer            user_data);
WbRecord    *wb_api_notifications_mark_read_finish (WbApiClient        *api,
                                                    GAsyncResult       *result,
                                                    GError            **error);

G_END_DECLS
