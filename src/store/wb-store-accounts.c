/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-store-accounts"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wb-store-accounts.h"
#include "wb-store-private.h"

void
wb_store_account_free (WbStoreAccount *account)
{
  if (account == NULL)
    return;
  g_free (account->name);
  g_free (account->kvk);
  g_free (account->sector);
  g_free (account->pc4);
  g_clear_pointer (&account->strings, g_ptr_array_unref);
  g_free (account);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/* A text column kept by the account, NULL for SQL NULL. */
static const char *
keep_text (WbStoreAccount *account,
           sqlite3_stmt   *stmt,
           int             column)
{
  char *text;

  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;
  text = column_dup (stmt, column);
  g_ptr_array_add (account->strings, text);
  return text;
}

static gint64
column_id (sqlite3_stmt *stmt,
           int           column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? 0 : sqlite3_column_int64 (stmt, column);
}

/* Whether an owner's organisation serves a municipality: it says so in
 * organisation_municipalities, or the municipality names it as its organisation. */
#define SERVES_SQL \
  "(EXISTS (SELECT 1 FROM organisation_municipalities om " \
  "         WHERE om.organisation_id = u.organisation_id AND om.municipality_id = e.municipality_id) " \
  " OR m.organisation_id = u.organisation_id)"

GPtrArray *
wb_store_accounts_load (WbStore     *store,
                        gint64       employer_id,
                        gboolean     neighbours,
                        GHashTable  *crossed,
                        const char  *today,
                        GError     **error)
{
  g_autoptr(GPtrArray) accounts = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (WB_IS_STORE (store), NULL);
  g_return_val_if_fail (today != NULL, NULL);

  stmt = _wb_store_prepare (store,
                            "SELECT e.id, e.name, e.kvk, e.sector, e.pc4, e.municipality_id, e.active, "
                            "  e.employee_count, e.owner_id, u.display_name, u.role, "
                            "  (u.active = 1 AND (u.left_at IS NULL OR u.left_at > ?2)), "
                            "  o.name, o.kind, " SERVES_SQL ", m.name, "
                            "  e.exception_reason, e.exception_approved_by, a.display_name, e.exception_approved_at, "
                            "  (SELECT min (v.opened_at) FROM vacancies v "
                            "   WHERE v.employer_id = e.id AND v.status = 'open' "
                            "   AND e.exception_approved_by IS NOT NULL "
                            "   AND (e.exception_approved_at IS NULL OR v.opened_at > e.exception_approved_at)), "
                            "  e.last_contact, "
                            "  (SELECT count(*) FROM vacancies v WHERE v.employer_id = e.id AND v.status = 'open'), "
                            "  EXISTS (SELECT 1 FROM reviews r "
                            "          WHERE r.employer_id = e.id AND r.kind = 'recheck_size' AND r.status = 'open'), "
                            "  substr (e.created_at, 1, 10) "
                            "FROM employers e "
                            "LEFT JOIN users u ON u.id = e.owner_id "
                            "LEFT JOIN organisations o ON o.id = u.organisation_id "
                            "LEFT JOIN municipalities m ON m.id = e.municipality_id "
                            "LEFT JOIN users a ON a.id = e.exception_approved_by "
                            "WHERE (?1 = 0 AND e.active = 1) OR e.id = ?1 "
                            "   OR (?3 AND e.active = 1 AND e.pc4 = (SELECT pc4 FROM employers WHERE id = ?1)) "
                            "ORDER BY e.id",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, employer_id);
  sqlite3_bind_text (stmt, 2, today, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, neighbours ? 1 : 0);

  accounts = g_ptr_array_new_with_free_func ((GDestroyNotify) wb_store_account_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      WbStoreAccount *account = g_new0 (WbStoreAccount, 1);
      WbAccountFacts *facts = &account->facts;

      account->strings = g_ptr_array_new_with_free_func (g_free);
      account->id = sqlite3_column_int64 (stmt, 0);
      account->name = column_dup (stmt, 1);
      account->kvk = column_dup (stmt, 2);
      account->sector = column_dup (stmt, 3);
      account->pc4 = column_dup (stmt, 4);
      account->municipality_id = sqlite3_column_int64 (stmt, 5);
      account->active = sqlite3_column_int (stmt, 6) != 0;

      facts->employee_count = sqlite3_column_int64 (stmt, 7);
      facts->owner_id = column_id (stmt, 8);
      facts->owner_name = keep_text (account, stmt, 9);
      facts->owner_role = keep_text (account, stmt, 10);
      facts->owner_active = sqlite3_column_int (stmt, 11) != 0;
      facts->owner_organisation_name = keep_text (account, stmt, 12);
      facts->owner_organisation_kind = keep_text (account, stmt, 13);
      facts->owner_serves_municipality = sqlite3_column_int (stmt, 14) != 0;
      facts->municipality_name = keep_text (account, stmt, 15);
      facts->exception_reason = keep_text (account, stmt, 16);
      facts->exception_approved_by = column_id (stmt, 17);
      facts->exception_approved_by_name = keep_text (account, stmt, 18);
      facts->exception_approved_at = keep_text (account, stmt, 19);
      facts->vacancy_since_exception = keep_text (account, stmt, 20);
      facts->last_contact = keep_text (account, stmt, 21);
      account->open_vacancies = sqlite3_column_int64 (stmt, 22);
      facts->size_crossed = sqlite3_column_int (stmt, 23) != 0 ||
                            (crossed != NULL && g_hash_table_contains (crossed, &account->id));
      facts->since = keep_text (account, stmt, 24);
      g_ptr_array_add (account->strings, g_strdup (today));
      facts->today = account->strings->pdata[account->strings->len - 1];

      g_ptr_array_add (accounts, account);
    }
  if (rc != SQLITE_DONE)
    {
      _wb_store_set_error (store, error, "load accounts");
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&accounts);
}

/* Reviews */

typedef struct {
  gint64 employer_id;
  gint64 related_id;
  const char *kind;
  char *reason;
  gboolean present;  /* an open review says this already, or it was dismissed */
} Problem;

static void
problem_free (Problem *problem)
{
  g_free (problem->reason);
  g_free (problem);
}

static char *
problem_key (gint64      employer_id,
             gint64      related_id,
             const char *kind,
             const char *reason)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t%s\t%s",
                          employer_id, related_id, kind, reason);
}

static void
add_problem (GHashTable *problems,
             gint64      employer_id,
             gint64      related_id,
             const char *kind,
             char       *reason)
{
  Problem *problem = g_new0 (Problem, 1);

  problem->employer_id = employer_id;
  problem->related_id = related_id;
  problem->kind = kind;
  problem->reason = reason;
  g_hash_table_replace (problems, problem_key (employer_id, related_id, kind, reason), problem);
}

/* The problems the closed-list checks find among @accounts. */
static GHashTable *
find_problems (GPtrArray *accounts)
{
  GHashTable *problems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) problem_free);
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) g_ptr_array_unref);
  GHashTableIter iter;
  gpointer value;

  for (guint i = 0; i < accounts->len; i++)
    {
      WbStoreAccount *account = accounts->pdata[i];
      g_autoptr(WbAccountVerdict) verdict = NULL;
      g_autofree char *normal = NULL;
      GPtrArray *group;
      char *key;

      if (!account->active)
        continue;

      verdict = wb_account_rules_evaluate (&account->facts);
      if (wb_account_status_needs_review (verdict->status) && verdict->reason != NULL)
        add_problem (problems, account->id, 0, wb_account_status_to_string (verdict->status),
                     g_steal_pointer (&verdict->reason));
      if (verdict->dormant)
        add_problem (problems, account->id, 0, "dormant", wb_account_dormant_reason (account->facts.last_contact));

      normal = wb_account_normalise_name (account->name);
      if (*normal == '\0')
        continue;
      key = g_strconcat (account->pc4, "\t", normal, NULL);
      group = g_hash_table_lookup (groups, key);
      if (group == NULL)
        {
          group = g_ptr_array_new ();
          g_hash_table_insert (groups, key, group);
        }
      else
        g_free (key);
      g_ptr_array_add (group, account);
    }

  /* Every pair in a group of the same name in the same area; the lower id goes first, as
   * accounts come ordered by id. */
  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GPtrArray *group = value;

      for (guint a = 0; a < group->len; a++)
        for (guint b = a + 1; b < group->len; b++)
          {
            WbStoreAccount *first = group->pdata[a];
            WbStoreAccount *second = group->pdata[b];

            add_problem (problems, first->id, second->id, "duplicate",
                         wb_account_duplicate_reason (second->name, second->kvk, second->pc4));
          }
    }
  return problems;
}

static gboolean
close_review (WbStore     *store,
              gint64       id,
              const char  *now,
              GError     **error)
{
  sqlite3_stmt *stmt = _wb_store_prepare (store,
                                          "UPDATE reviews SET status = 'decided', decision = 'resolved', "
                                          "decided_at = ?2, version = version + 1, updated_at = ?2 "
                                          "WHERE id = ?1 AND status = 'open'", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
  return _wb_store_step_done (store, stmt, error);
}

static gboolean
open_review (WbStore     *store,
             Problem     *problem,
             const char  *now,
             GError     **error)
{
  sqlite3_stmt *stmt = _wb_store_prepare (store,
                                          "INSERT INTO reviews (employer_id, related_employer_id, kind, reason, "
                                          "status, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, 'open', ?5, ?5)",
                                          error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, problem->employer_id);
  if (problem->related_id > 0)
    sqlite3_bind_int64 (stmt, 2, problem->related_id);
  sqlite3_bind_text (stmt, 3, problem->kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, problem->reason, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_STATIC);
  return _wb_store_step_done (store, stmt, error);
}

/* Reviews found at the same moment are queued the most pressing first. */
static guint
kind_rank (const char *kind)
{
  static const char * const ranks[] = {
    "owner_left", "no_owner", "violation_wrong_owner_type", "violation_wrong_municipality", "recheck_size",
    "natural_moment_return", "exception_pending", "duplicate", "dormant", NULL
  };

  for (guint i = 0; ranks[i] != NULL; i++)
    if (strcmp (kind, ranks[i]) == 0)
      return i;
  return G_N_ELEMENTS (ranks);
}

static gint
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const Problem *pa = *(const Problem * const *) a;
  const Problem *pb = *(const Problem * const *) b;
  guint ra = kind_rank (pa->kind), rb = kind_rank (pb->kind);

  if (ra != rb)
    return ra < rb ? -1 : 1;
  if (pa->employer_id != pb->employer_id)
    return pa->employer_id < pb->employer_id ? -1 : 1;
  if (pa->related_id != pb->related_id)
    return pa->related_id < pb->related_id ? -1 : 1;
  return strcmp (pa->reason, pb->reason);
}

static gboolean
reconcile (WbStore          *store,
           gint64            employer_id,
           GPtrArray        *accounts,
           GHashTable       *problems,
           WbReviewRefresh  *result,
           GError          **error)
{
  g_autoptr(GHashTable) in_scope = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) to_close = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) to_open = g_ptr_array_new ();
  g_autofree char *now = wb_store_now ();
  GHashTableIter iter;
  gpointer value;
  sqlite3_stmt *stmt;
  int rc;

  for (guint i = 0; i < accounts->len; i++)
    g_hash_table_add (in_scope, &((WbStoreAccount *) accounts->pdata[i])->id);

  stmt = _wb_store_prepare (store,
                            "SELECT id, employer_id, coalesce (related_employer_id, 0), kind, reason, status "
                            "FROM reviews WHERE status = 'open' OR decision = 'dismiss' "
                            "ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint64 employer = sqlite3_column_int64 (stmt, 1);
      gint64 related = sqlite3_column_int64 (stmt, 2);
      const char *kind = (const char *) sqlite3_column_text (stmt, 3);
      const char *reason = (const char *) sqlite3_column_text (stmt, 4);
      gboolean open = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 5), "open") == 0;
      g_autofree char *key = NULL;
      Problem *problem;

      /* A partial check only answers for the accounts it looked at. */
      if (employer_id != 0 && !g_hash_table_contains (in_scope, &employer) &&
          !(related > 0 && g_hash_table_contains (in_scope, &related)))
        continue;

      key = problem_key (employer, related, kind, reason);
      problem = g_hash_table_lookup (problems, key);
      if (open && (problem == NULL || problem->present))
        g_array_append_val (to_close, id);
      else if (problem != NULL)
        problem->present = TRUE;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _wb_store_set_error (store, error, "read reviews");
      return FALSE;
    }

  for (guint i = 0; i < to_close->len; i++)
    if (!close_review (store, g_array_index (to_close, gint64, i), now, error))
      return FALSE;

  /* New reviews in a fixed order, so that the queue reads the same every time. */
  g_hash_table_iter_init (&iter, problems);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (!((Problem *) value)->present)
      g_ptr_array_add (to_open, value);
  g_ptr_array_sort (to_open, compare_problems);
  for (guint i = 0; i < to_open->len; i++)
    if (!open_review (store, to_open->pdata[i], now, error))
      return FALSE;

  if (result != NULL)
    {
      result->opened = to_open->len;
      result->closed = to_close->len;
      result->checked = accounts->len;
    }
  return TRUE;
}

gboolean
wb_store_reviews_refresh (WbStore          *store,
                          gint64            employer_id,
                          GHashTable       *crossed,
                          WbReviewRefresh  *result,
                          GError          **error)
{
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GHashTable) problems = NULL;
  g_autofree char *today = wb_store_today ();
  gboolean own_transaction;

  g_return_val_if_fail (WB_IS_STORE (store), FALSE);

  own_transaction = sqlite3_get_autocommit (_wb_store_get_db (store));
  if (own_transaction && !wb_store_begin (store, error))
    return FALSE;

  accounts = wb_store_accounts_load (store, employer_id, TRUE, crossed, today, error);
  if (accounts == NULL)
    goto fail;
  problems = find_problems (accounts);
  if (!reconcile (store, employer_id, accounts, problems, result, error))
    goto fail;

  if (own_transaction && !wb_store_commit (store, error))
    return FALSE;
  return TRUE;

fail:
  if (own_transaction)
    wb_store_rollback (store);
  return FALSE;
}

#define EMPLOYER_SUMMARY_COLUMNS(e, m, u, o) \
  e ".id, " e ".name, " e ".kvk, " e ".employee_count, " e ".pc4, " m ".name, " e ".owner_id, " \
  u ".display_name, " o ".name, " e ".active, " e ".last_contact"
#define N_SUMMARY_COLUMNS 11

static void
set_text_or_null (JsonObject   *object,
                  const char   *name,
                  sqlite3_stmt *stmt,
                  int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    json_object_set_null_member (object, name);
  else
    json_object_set_string_member (object, name, (const char *) sqlite3_column_text (stmt, column));
}

static void
set_id_or_null (JsonObject   *object,
                const char   *name,
                sqlite3_stmt *stmt,
                int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    json_object_set_null_member (object, name);
  else
    json_object_set_int_member (object, name, sqlite3_column_int64 (stmt, column));
}

static JsonObject *
employer_summary (sqlite3_stmt *stmt,
                  int           first)
{
  JsonObject *employer = json_object_new ();

  json_object_set_int_member (employer, "id", sqlite3_column_int64 (stmt, first));
  json_object_set_string_member (employer, "name", (const char *) sqlite3_column_text (stmt, first + 1));
  json_object_set_string_member (employer, "kvk", (const char *) sqlite3_column_text (stmt, first + 2));
  json_object_set_int_member (employer, "employee_count", sqlite3_column_int64 (stmt, first + 3));
  json_object_set_string_member (employer, "pc4", (const char *) sqlite3_column_text (stmt, first + 4));
  set_text_or_null (employer, "municipality", stmt, first + 5);
  set_id_or_null (employer, "owner_id", stmt, first + 6);
  set_text_or_null (employer, "owner_name", stmt, first + 7);
  set_text_or_null (employer, "owner_organisation", stmt, first + 8);
  json_object_set_boolean_member (employer, "active", sqlite3_column_int (stmt, first + 9) != 0);
  set_text_or_null (employer, "last_contact", stmt, first + 10);
  return employer;
}

#define REVIEW_SELECT \
  "SELECT r.id, r.kind, r.reason, r.status, r.decision, r.decision_reason, r.decided_by, d.display_name, " \
  "  r.decided_at, r.version, r.created_at, r.updated_at, " \
  EMPLOYER_SUMMARY_COLUMNS ("e", "m", "u", "o") ", " \
  EMPLOYER_SUMMARY_COLUMNS ("e2", "m2", "u2", "o2") " " \
  "FROM reviews r " \
  "JOIN employers e ON e.id = r.employer_id " \
  "LEFT JOIN municipalities m ON m.id = e.municipality_id " \
  "LEFT JOIN users u ON u.id = e.owner_id " \
  "LEFT JOIN organisations o ON o.id = u.organisation_id " \
  "LEFT JOIN employers e2 ON e2.id = r.related_employer_id " \
  "LEFT JOIN municipalities m2 ON m2.id = e2.municipality_id " \
  "LEFT JOIN users u2 ON u2.id = e2.owner_id " \
  "LEFT JOIN organisations o2 ON o2.id = u2.organisation_id " \
  "LEFT JOIN users d ON d.id = r.decided_by "

static JsonObject *
review_from_row (sqlite3_stmt *stmt)
{
  JsonObject *review = json_object_new ();

  json_object_set_int_member (review, "id", sqlite3_column_int64 (stmt, 0));
  json_object_set_string_member (review, "kind", (const char *) sqlite3_column_text (stmt, 1));
  json_object_set_string_member (review, "reason", (const char *) sqlite3_column_text (stmt, 2));
  json_object_set_string_member (review, "status", (const char *) sqlite3_column_text (stmt, 3));
  set_text_or_null (review, "decision", stmt, 4);
  set_text_or_null (review, "decision_reason", stmt, 5);
  set_id_or_null (review, "decided_by", stmt, 6);
  set_text_or_null (review, "decided_by_name", stmt, 7);
  set_text_or_null (review, "decided_at", stmt, 8);
  json_object_set_int_member (review, "version", sqlite3_column_int64 (stmt, 9));
  json_object_set_string_member (review, "created_at", (const char *) sqlite3_column_text (stmt, 10));
  json_object_set_string_member (review, "updated_at", (const char *) sqlite3_column_text (stmt, 11));
  json_object_set_object_member (review, "employer", employer_summary (stmt, 12));
  if (sqlite3_column_type (stmt, 12 + N_SUMMARY_COLUMNS) == SQLITE_NULL)
    json_object_set_null_member (review, "related_employer");
  else
    json_object_set_object_member (review, "related_employer", employer_summary (stmt, 12 + N_SUMMARY_COLUMNS));
  return review;
}

JsonObject *
wb_store_review_get (WbStore     *store,
                     gint64       id,
                     GError     **error)
{
  sqlite3_stmt *stmt;
  JsonObject *review;
  int rc;

  g_return_val_if_fail (WB_IS_STORE (store), NULL);

  stmt = _wb_store_prepare (store, REVIEW_SELECT "WHERE r.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_NOT_FOUND,
                     _("There is no review %lld"), (long long) id);
      else
        _wb_store_set_error (store, error, "get review");
      sqlite3_reset (stmt);
      return NULL;
    }
  review = review_from_row (stmt);
  sqlite3_reset (stmt);
  return review;
}

GPtrArray *
wb_store_reviews_list (WbStore     *store,
                       const char  *status,
                       const char  *kind,
                       guint        offset,
                       guint        limit,
                       gint64      *total,
                       GError     **error)
{
  g_autoptr(GPtrArray) reviews = NULL;
  gboolean decided;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (WB_IS_STORE (store), NULL);
  g_return_val_if_fail (status != NULL, NULL);

  decided = strcmp (status, "decided") == 0;

  if (total != NULL)
    {
      stmt = _wb_store_prepare (store,
                                "SELECT count(*) FROM reviews WHERE status = ?1 AND (?2 IS NULL OR kind = ?2)", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, status, -1, SQLITE_TRANSIENT);
      if (kind != NULL)
        sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_TRANSIENT);
      *total = sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
      sqlite3_reset (stmt);
    }

  /* The open queue oldest first; the history with the latest decision first. */
  stmt = _wb_store_prepare (store,
                            decided
                            ? REVIEW_SELECT "WHERE r.status = ?1 AND (?2 IS NULL OR r.kind = ?2) "
                                            "ORDER BY r.decided_at DESC, r.id DESC LIMIT ?3 OFFSET ?4"
                            : REVIEW_SELECT "WHERE r.status = ?1 AND (?2 IS NULL OR r.kind = ?2) "
                                            "ORDER BY r.created_at, r.id LIMIT ?3 OFFSET ?4",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, status, -1, SQLITE_TRANSIENT);
  if (kind != NULL)
    sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, limit > 0 ? limit : 50);
  sqlite3_bind_int64 (stmt, 4, offset);

  reviews = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (reviews, review_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _wb_store_set_error (store, error, "list reviews");
      return NULL;
    }
  return g_steal_pointer (&reviews);
}

gboolean
wb_store_review_decide (WbStore     *store,
                        gint64       id,
                        gint64       expected_version,
                        const char  *decision,
                        const char  *reason,
                        gint64       decided_by,
                        GError     **error)
{
  g_autofree char *now = wb_store_now ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (WB_IS_STORE (store), FALSE);

  stmt = _wb_store_prepare (store,
                            "UPDATE reviews SET status = 'decided', decision = ?3, decision_reason = ?4, "
                            "decided_by = ?5, decided_at = ?6, version = version + 1, updated_at = ?6 "
                            "WHERE id = ?1 AND version = ?2 AND status = 'open'", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, expected_version);
  sqlite3_bind_text (stmt, 3, decision, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, reason, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, decided_by);
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_STATIC);
  if (!_wb_store_step_done (store, stmt, error))
    return FALSE;
  if (sqlite3_changes (_wb_store_get_db (store)) == 0)
    {
      g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_STALE,
                   _("The review was changed or decided by someone else"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_changed (WbStore     *store,
               gint64       employer_id,
               GError     **error)
{
  if (sqlite3_changes (_wb_store_get_db (store)) == 0)
    {
      g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_NOT_FOUND,
                   _("There is no record %lld in employers"), (long long) employer_id);
      return FALSE;
    }
  return TRUE;
}

gboolean
wb_store_accounts_approve_exception (WbStore     *store,
                                     gint64       employer_id,
                                     const char  *reason,
                                     gint64       approved_by,
                                     const char  *approved_at,
                                     GError     **error)
{
  g_autofree char *now = wb_store_now ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (WB_IS_STORE (store), FALSE);

  /* The reason the local account manager gave stays; without one, the coordinator's is it. */
  stmt = _wb_store_prepare (store,
                            "UPDATE employers SET "
                            "  exception_reason = CASE WHEN coalesce (exception_reason, '') = '' THEN ?2 "
                            "                          ELSE exception_reason END, "
                            "  exception_approved_by = ?3, exception_approved_at = ?4, "
                            "  version = version + 1, updated_at = ?5 "
                            "WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, employer_id);
  sqlite3_bind_text (stmt, 2, reason, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, approved_by);
  sqlite3_bind_text (stmt, 4, approved_at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_STATIC);
  if (!_wb_store_step_done (store, stmt, error))
    return FALSE;
  return check_changed (store, employer_id, error);
}

gboolean
wb_store_accounts_set_owner (WbStore     *store,
                             gint64       employer_id,
                             gint64       owner_id,
                             GError     **error)
{
  g_autofree char *now = wb_store_now ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (WB_IS_STORE (store), FALSE);

  stmt = _wb_store_prepare (store,
                            "UPDATE employers SET owner_id = ?2, exception_reason = NULL, "
                            "  exception_approved_by = NULL, exception_approved_at = NULL, "
                            "  version = version + 1, updated_at = ?3 "
                            "WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, employer_id);
  sqlite3_bind_int64 (stmt, 2, owner_id);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_STATIC);
  if (!_wb_store_step_done (store, stmt, error))
    return FALSE;
  return check_changed (store, employer_id, error);
}

static gboolean
exec_two_ids (WbStore     *store,
              const char  *sql,
              gint64       first,
              gint64       second,
              const char  *text,
              GError     **error)
{
  sqlite3_stmt *stmt = _wb_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, first);
  sqlite3_bind_int64 (stmt, 2, second);
  if (text != NULL)
    sqlite3_bind_text (stmt, 3, text, -1, SQLITE_TRANSIENT);
  return _wb_store_step_done (store, stmt, error);
}

gboolean
wb_store_accounts_merge (WbStore     *store,
                         gint64       keep_id,
                         gint64       other_id,
                         GError     **error)
{
  g_autofree char *now = wb_store_now ();

  g_return_val_if_fail (WB_IS_STORE (store), FALSE);
  g_return_val_if_fail (keep_id != other_id, FALSE);

  return exec_two_ids (store, "UPDATE contact_log SET employer_id = ?1 WHERE employer_id = ?2",
                       keep_id, other_id, NULL, error) &&
         exec_two_ids (store, "UPDATE employer_contacts SET employer_id = ?1, version = version + 1, updated_at = ?3 "
                              "WHERE employer_id = ?2", keep_id, other_id, now, error) &&
         exec_two_ids (store, "UPDATE vacancies SET employer_id = ?1, version = version + 1, updated_at = ?3 "
                              "WHERE employer_id = ?2", keep_id, other_id, now, error) &&
         exec_two_ids (store, "UPDATE events SET employer_id = ?1 WHERE employer_id = ?2",
                       keep_id, other_id, NULL, error) &&
         exec_two_ids (store, "UPDATE employers SET active = 0, version = version + 1, updated_at = ?3 "
                              "WHERE id = ?2 AND ?1 = ?1", keep_id, other_id, now, error) &&
         check_changed (store, other_id, error) &&
         exec_two_ids (store, "UPDATE employers SET "
                              "  last_contact = (SELECT max (date) FROM contact_log WHERE employer_id = ?1), "
                              "  version = version + 1, updated_at = ?3 "
                              "WHERE id = ?1 AND ?2 = ?2", keep_id, other_id, now, error) &&
         check_changed (store, keep_id, error);
}

/* Notifications */

static JsonObject *
notification_from_row (sqlite3_stmt *stmt)
{
  JsonObject *notification = json_object_new ();

  json_object_set_int_member (notification, "id", sqlite3_column_int64 (stmt, 0));
  json_object_set_string_member (notification, "kind", (const char *) sqlite3_column_text (stmt, 1));
  json_object_set_string_member (notification, "title", (const char *) sqlite3_column_text (stmt, 2));
  set_text_or_null (notification, "body", stmt, 3);
  set_text_or_null (notification, "resource", stmt, 4);
  set_id_or_null (notification, "resource_id", stmt, 5);
  set_text_or_null (notification, "read_at", stmt, 6);
  json_object_set_string_member (notification, "created_at", (const char *) sqlite3_column_text (stmt, 7));
  return notification;
}

#define NOTIFICATION_COLUMNS "id, kind, title, body, resource, resource_id, read_at, created_at"

GPtrArray *
wb_store_notifications_list (WbStore     *store,
                             gint64       user_id,
                             gboolean     unread_only,
                             guint        offset,
                             guint        limit,
                             gint64      *total,
                             GError     **error)
{
  g_autoptr(GPtrArray) notifications = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (WB_IS_STORE (store), NULL);

  if (total != NULL)
    {
      stmt = _wb_store_prepare (store,
                                "SELECT count(*) FROM notifications WHERE user_id = ?1 AND (?2 = 0 OR read_at IS NULL)",
                                error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, user_id);
      sqlite3_bind_int (stmt, 2, unread_only ? 1 : 0);
      *total = sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
      sqlite3_reset (stmt);
    }

  stmt = _wb_store_prepare (store,
                            "SELECT " NOTIFICATION_COLUMNS " FROM notifications "
                            "WHERE user_id = ?1 AND (?2 = 0 OR read_at IS NULL) "
                            "ORDER BY created_at DESC, id DESC LIMIT ?3 OFFSET ?4", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_int (stmt, 2, unread_only ? 1 : 0);
  sqlite3_bind_int64 (stmt, 3, limit > 0 ? limit : 50);
  sqlite3_bind_int64 (stmt, 4, offset);

  notifications = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (notifications, notification_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _wb_store_set_error (store, error, "list notifications");
      return NULL;
    }
  return g_steal_pointer (&notifications);
}

JsonObject *
wb_store_notification_mark_read (WbStore     *store,
                                 gint64       id,
                                 gint64       user_id,
                                 GError     **error)
{
  g_autofree char *now = wb_store_now ();
  sqlite3_stmt *stmt;
  JsonObject *notification;

  g_return_val_if_fail (WB_IS_STORE (store), NULL);

  stmt = _wb_store_prepare (store,
                            "UPDATE notifications SET read_at = coalesce (read_at, ?3) "
                            "WHERE id = ?1 AND user_id = ?2", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, user_id);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_STATIC);
  if (!_wb_store_step_done (store, stmt, error))
    return NULL;

  stmt = _wb_store_prepare (store,
                            "SELECT " NOTIFICATION_COLUMNS " FROM notifications WHERE id = ?1 AND user_id = ?2",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, user_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_NOT_FOUND,
                   _("You have no notification %lld"), (long long) id);
      return NULL;
    }
  notification = notification_from_row (stmt);
  sqlite3_reset (stmt);
  return notification;
}
