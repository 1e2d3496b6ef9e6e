/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "wb-account-rules.h"
#include "wb-store.h"

G_BEGIN_DECLS

/* The employer accounts as the rules see them, the coordinator's review queue and the
 * notifications of a user. All SQL for accounts and reviews lives here. */

/* One employer account with the facts the rules need. The strings in @facts belong to
 * the account. */
typedef struct {
  gint64 id;
  char *name;
  char *kvk;
  char *sector;
  char *pc4;
  gint64 municipality_id;
  gboolean active;
  gint64 open_vacancies;
  WbAccountFacts facts;
  /*< private >*/
  GPtrArray *strings;
} WbStoreAccount;

void          wb_store_account_free               (WbStoreAccount *account);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbStoreAccount, wb_store_account_free)

/* Accounts, ordered by id, with their facts as of @today (YYYY-MM-DD).
 * @employer_id 0: every active employer. Otherwise that employer (active or not) and, with
 * @neighbours, the active employers in its PC4 area, which are the only ones it can be a
 * near-duplicate of. @crossed holds employer ids (gint64 *) whose employee count has just
 * crossed 25; an open recheck_size review counts as a crossing too. */
GPtrArray    *wb_store_accounts_load              (WbStore      *store,
                                                   gint64        employer_id,
                                                   gboolean      neighbours,
                                                   GHashTable   *crossed,
                                                   const char   *today,
                                                   GError      **error);

typedef struct {
  guint opened;   /* reviews added for a problem that had none open */
  guint closed;   /* open reviews whose problem is gone */
  guint checked;  /* accounts looked at */
} WbReviewRefresh;

/* Brings the open review queue in line with the closed-list checks: every account whose
 * rule status needs a review, every dormant account and every pair of near-duplicates
 * (same normalised name, same PC4) gets one open review (kind + reason) unless one is
 * open already or the same one was dismissed; open reviews whose problem is gone are
 * closed with the decision "resolved". @employer_id 0 checks every account, otherwise
 * only that employer and its PC4 neighbours. Joins the caller's transaction, or runs in
 * one of its own. */
gboolean      wb_store_reviews_refresh            (WbStore          *store,
                                                   gint64            employer_id,
                                                   GHashTable       *crossed,
                                                   WbReviewRefresh  *result,
                                                   GError          **error);

/* A review as the API shows it, with a summary of its employer (and the related employer
 * of a duplicate). */
JsonObject   *wb_store_review_get                 (WbStore      *store,
                                                   gint64        id,
                                                   GError      **error);
/* Reviews with @status ("open", oldest first, or "decided", latest decision first),
 * optionally of one @kind. */
GPtrArray    *wb_store_reviews_list               (WbStore      *store,
                                                   const char   *status,
                                                   const char   *kind,
                                                   guint         offset,
                                                   guint         limit,
                                                   gint64       *total,
                                                   GError      **error);
/* Records the decision on an open review of version @expected_version; a review that
 * changed or was decided meanwhile fails with WB_STORE_ERROR_STALE. */
gboolean      wb_store_review_decide              (WbStore      *store,
                                                   gint64        id,
                                                   gint64        expected_version,
                                                   const char   *decision,
                                                   const char   *reason,
                                                   gint64        decided_by,
                                                   GError      **error);

/* The queue's decisions on the account itself. Each bumps the employer's version. */
gboolean      wb_store_accounts_approve_exception (WbStore      *store,
                                                   gint64        employer_id,
                                                   const char   *reason,
                                                   gint64        approved_by,
                                                   const char   *approved_at,
                                                   GError      **error);
/* A new owner; an exception belonged to the old owner and goes with them. */
gboolean      wb_store_accounts_set_owner         (WbStore      *store,
                                                   gint64        employer_id,
                                                   gint64        owner_id,
                                                   GError      **error);
/* Moves the contact log, contact persons, vacancies and timeline events of @other_id to
 * @keep_id and deactivates @other_id: both histories stay. */
gboolean      wb_store_accounts_merge             (WbStore      *store,
                                                   gint64        keep_id,
                                                   gint64        other_id,
                                                   GError      **error);

/* Notifications of one user, newest first. */
GPtrArray    *wb_store_notifications_list         (WbStore      *store,
                                                   gint64        user_id,
                                                   gboolean      unread_only,
                                                   guint         offset,
                                                   guint         limit,
                                                   gint64       *total,
                                                   GError      **error);
/* Marks a notification of @user_id read (once; later calls keep the first time) and
 * returns it; another user's notification is WB_STORE_ERROR_NOT_FOUND. */
JsonObject   *wb_store_notification_mark_read     (WbStore      *store,
                                                   gint64        id,
                                                   gint64        user_id,
                                                   GError      **error);

G_END_DECLS
