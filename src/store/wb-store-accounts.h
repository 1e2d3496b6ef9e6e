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
  const char *region;            /* the municipality's subregion */
  gboolean active;
  gint64 open_vacancies;
  gboolean arrangement;          /* a potential employer arrangement is marked */
  const char *arrangement_note;  /* what it is, or NULL */
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

/* The tables an account is read from, for wb_store_cache_insert_for. */
extern const char * const wb_store_accounts_tables[];

/* The accounts of the employers in @ids (gint64), active or not, ordered by id. */
GPtrArray    *wb_store_accounts_load_ids          (WbStore      *store,
                                                   GArray       *ids,
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

/* The whole queue brought up to date as wb_store_reviews_refresh (@store, 0, NULL, ...)
 * does; returns the active accounts it read for that (of WbStoreAccount), or NULL. */
GPtrArray    *wb_store_reviews_refresh_all        (WbStore          *store,
                                                   WbReviewRefresh  *result,
                                                   GError          **error);

/* A review as the API shows it, with a summary of its employer (and the related employer
 * of a duplicate). */
JsonObject   *wb_store_review_get                 (WbStore      *store,
                                                   gint64        id,
                                                   GError      **error);
/* Reviews with @status ("open", oldest first, or "decided", latest decision first),
 * optionally of one @kind, and only those with @ids (gint64) when not NULL. */
GPtrArray    *wb_store_reviews_list               (WbStore      *store,
                                                   const char   *status,
                                                   const char   *kind,
                                                   const GArray *ids,
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

/* The history of an account: potential arrangements reported to the WSP, handovers. */
typedef struct {
  gint64 employer_id;
  const char *kind;            /* "arrangement" or "handover" */
  gint64 user_id;              /* who marked the arrangement; the coordinator of a handover */
  gint64 organisation_id;
  const char *change;          /* an arrangement: "new", "changed", "withdrawn" */
  const char *text;            /* the arrangement as described; the handover's reason */
  gint64 from_user_id;         /* a handover: who left, and who takes over */
  gint64 to_user_id;
  JsonObject *briefing;        /* a handover: what the successor should know */
  guint notified;              /* how many people were told */
} WbHistoryEntry;

/* Adds an entry, dated now (and in the quarter of now); its id. */
gint64        wb_store_history_add                (WbStore               *store,
                                                   const WbHistoryEntry  *entry,
                                                   GError               **error);
/* The history of one employer, newest first, as the API shows it: the names of the
 * people and organisation besides their ids, the briefing as an object. */
GPtrArray    *wb_store_history_list               (WbStore      *store,
                                                   gint64        employer_id,
                                                   GError      **error);
/* The arrangements reported in @quarter ("2026-Q4"; NULL: every quarter), of employers in
 * @region (NULL: all), newest first, each with a summary of its employer. */
GPtrArray    *wb_store_arrangements_list          (WbStore      *store,
                                                   const char   *quarter,
                                                   const char   *region,
                                                   guint         offset,
                                                   guint         limit,
                                                   gint64       *total,
                                                   GError      **error);
/* Handovers */

/* The active accounts @owner_id owns, by name. */
GPtrArray    *wb_store_accounts_of_owner          (WbStore      *store,
                                                   gint64        owner_id,
                                                   const char   *today,
                                                   GError      **error);

/* What the successor of an account should know, as of now: "contacts" (how many were
 * logged), "last_contacts" (the last three: date, kind, user_name, organisation, note),
 * "open_vacancies" (id, title, positions, opened_at), "matches_in_progress" (per vacancy and
 * state that is not final: vacancy_id, vacancy_title, state, count; no client is named) and
 * "exception" (reason, approved_by, approved_by_name, approved_at; null for none). */
JsonObject   *wb_store_account_briefing           (WbStore      *store,
                                                   gint64        employer_id,
                                                   GError      **error);

/* An account manager who might take accounts over. */
typedef struct {
  gint64 id;
  char *name;
  char *role;
  gint64 organisation_id;
  char *organisation;
  char *organisation_kind;
  char *organisation_region;
  gboolean active;
  guint accounts;          /* the active accounts they own now */
  GArray *municipalities;  /* gint64: the municipalities their organisation serves */
} WbStoreSuccessor;

void          wb_store_successor_free             (WbStoreSuccessor *successor);
/* Every account manager (either kind, active or not), by name. */
GPtrArray    *wb_store_successors                 (WbStore      *store,
                                                   const char   *today,
                                                   GError      **error);

/* The active coordinators of the WSP of @municipality_id's subregion; where that
 * subregion has none, those of a WSP that serves the municipality. Ids (gint64). */
GArray       *wb_store_wsp_coordinators           (WbStore      *store,
                                                   gint64        municipality_id,
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
