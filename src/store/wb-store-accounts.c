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

/* Steps through @stmt (bound already), gives each row to @add, and resets it; FALSE with
 * @error set when SQLite fails. */
static gboolean
step_rows (WbStore       *store,
           sqlite3_stmt  *stmt,
           void         (*add) (sqlite3_stmt *stmt, gpointer data),
           gpointer       data,
           const char    *what,
           GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add (stmt, data);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _wb_store_set_error (store, error, what);
      return FALSE;
    }
  return TRUE;
}

/* Whether an owner's organisation serves a municipality: it says so in
 * organisation_municipalities, or the municipality names it as its organisation. */
#define SERVES_SQL \
  "(EXISTS (SELECT 1 FROM organisation_municipalities om " \
  "         WHERE om.organisation_id = u.organisation_id AND om.municipality_id = e.municipality_id) " \
  " OR m.organisation_id = u.organisation_id)"

#define ACCOUNT_SELECT \
  "SELECT e.id, e.name, e.kvk, e.sector, e.pc4, e.municipality_id, e.active, " \
  "  e.employee_count, e.owner_id, u.display_name, u.role, " \
  "  (u.active = 1 AND (u.left_at IS NULL OR u.left_at > ?2)), " \
  "  o.name, o.kind, " SERVES_SQL ", m.name, " \
  "  e.exception_reason, e.exception_approved_by, a.display_name, e.exception_approved_at, " \
  "  (SELECT min (v.opened_at) FROM vacancies v " \
  "   WHERE v.employer_id = e.id AND v.status = 'open' " \
  "   AND e.exception_approved_by IS NOT NULL " \
  "   AND (e.exception_approved_at IS NULL OR v.opened_at > e.exception_approved_at)), " \
  "  e.last_contact, " \
  "  (SELECT count(*) FROM vacancies v WHERE v.employer_id = e.id AND v.status = 'open'), " \
  "  EXISTS (SELECT 1 FROM reviews r " \
  "          WHERE r.employer_id = e.id AND r.kind = 'recheck_size' AND r.status = 'open'), " \
  "  substr (e.created_at, 1, 10), e.arrangement, e.arrangement_note, m.region " \
  "FROM employers e " \
  "LEFT JOIN users u ON u.id = e.owner_id " \
  "LEFT JOIN organisations o ON o.id = u.organisation_id " \
  "LEFT JOIN municipalities m ON m.id = e.municipality_id " \
  "LEFT JOIN users a ON a.id = e.exception_approved_by "

static WbStoreAccount *
account_from_row (sqlite3_stmt *stmt,
                  GHashTable   *crossed,
                  const char   *today)
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
  account->arrangement = sqlite3_column_int (stmt, 25) != 0;
  account->arrangement_note = keep_text (account, stmt, 26);
  account->region = keep_text (account, stmt, 27);
  g_ptr_array_add (account->strings, g_strdup (today));
  facts->today = account->strings->pdata[account->strings->len - 1];
  return account;
}

typedef struct {
  GPtrArray *accounts;
  GHashTable *crossed;
  const char *today;
} AccountRows;

static void
add_account (sqlite3_stmt *stmt,
             gpointer      data)
{
  AccountRows *rows = data;

  g_ptr_array_add (rows->accounts, account_from_row (stmt, rows->crossed, rows->today));
}

static GPtrArray *
read_accounts (WbStore       *store,
               sqlite3_stmt  *stmt,
               GHashTable    *crossed,
               const char    *today,
               GError       **error)
{
  g_autoptr(GPtrArray) accounts = g_ptr_array_new_with_free_func ((GDestroyNotify) wb_store_account_free);
  AccountRows rows = { accounts, crossed, today };

  if (!step_rows (store, stmt, add_account, &rows, "load accounts", error))
    return NULL;
  return g_steal_pointer (&accounts);
}

const char * const wb_store_accounts_tables[] = {
  /* Every table ACCOUNT_SELECT reads: keep the two together. */
  "employers", "users", "organisations", "municipalities", "organisation_municipalities",
  "vacancies", "reviews", NULL,
};

GPtrArray *
wb_store_accounts_load (WbStore     *store,
                        gint64       employer_id,
                        gboolean     neighbours,
                        GHashTable  *crossed,
                        const char  *today,
                        GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (WB_IS_STORE (store), NULL);
  g_return_val_if_fail (today != NULL, NULL);

  stmt = _wb_store_prepare (store,
                            ACCOUNT_SELECT
                            "WHERE (?1 = 0 AND e.active = 1) OR e.id = ?1 "
                            "   OR (?3 AND e.active = 1 AND e.pc4 = (SELECT pc4 FROM employers WHERE id = ?1)) "
                            "ORDER BY e.id",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, employer_id);
  sqlite3_bind_text (stmt, 2, today, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, neighbours ? 1 : 0);
  return read_accounts (store, stmt, crossed, today, error);
}

GPtrArray *
wb_store_accounts_load_ids (WbStore     *store,
                            GArray      *ids,
                            const char  *today,
                            GError     **error)
{
  g_autoptr(GString) list = g_string_new ("[");
  sqlite3_stmt *stmt;

  g_return_val_if_fail (WB_IS_STORE (store), NULL);
  g_return_val_if_fail (ids != NULL && today != NULL, NULL);

  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (list, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", g_array_index (ids, gint64, i));
  g_string_append_c (list, ']');
  stmt = _wb_store_prepare (store,
                            ACCOUNT_SELECT
                            "WHERE e.id IN (SELECT value FROM json_each (?1)) ORDER BY e.id",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, list->str, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, today, -1, SQLITE_TRANSIENT);
  return read_accounts (store, stmt, NULL, today, error);
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

/* The refresh, handing back the accounts it read. */
static GPtrArray *
refresh_reviews (WbStore          *store,
                 gint64            employer_id,
                 GHashTable       *crossed,
                 WbReviewRefresh  *result,
                 GError          **error)
{
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GHashTable) problems = NULL;
  g_autofree char *today = wb_store_today ();
  gboolean own_transaction;

  own_transaction = sqlite3_get_autocommit (_wb_store_get_db (store));
  if (own_transaction && !wb_store_begin (store, error))
    return NULL;

  accounts = wb_store_accounts_load (store, employer_id, TRUE, crossed, today, error);
  if (accounts == NULL)
    goto fail;
  problems = find_problems (accounts);
  if (!reconcile (store, employer_id, accounts, problems, result, error))
    goto fail;

  if (own_transaction && !wb_store_commit (store, error))
    return NULL;
  return g_steal_pointer (&accounts);

fail:
  if (own_transaction)
    wb_store_rollback (store);
  return NULL;
}

gboolean
wb_store_reviews_refresh (WbStore          *store,
                          gint64            employer_id,
                          GHashTable       *crossed,
                          WbReviewRefresh  *result,
                          GError          **error)
{
  g_autoptr(GPtrArray) accounts = NULL;

  g_return_val_if_fail (WB_IS_STORE (store), FALSE);

  accounts = refresh_reviews (store, employer_id, crossed, result, error);
  return accounts != NULL;
}

GPtrArray *
wb_store_reviews_refresh_all (WbStore          *store,
                              WbReviewRefresh  *result,
                              GError          **error)
{
  g_return_val_if_fail (WB_IS_STORE (store), NULL);

  return refresh_reviews (store, 0, NULL, result, error);
}

#define EMPLOYER_SUMMARY_COLUMNS(e, m, u, o) \
  e ".id, " e ".name, " e ".kvk, " e ".employee_count, " e ".pc4, " m ".name, " e ".owner_id, " \
  u ".display_name, " o ".name, " e ".active, " e ".last_contact, " e ".municipality_id, " m ".region, " \
  e ".exception_reason, " e ".exception_approved_by"
#define N_SUMMARY_COLUMNS 15

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
  json_object_set_int_member (employer, "municipality_id", sqlite3_column_int64 (stmt, first + 11));
  set_text_or_null (employer, "region", stmt, first + 12);
  set_text_or_null (employer, "exception_reason", stmt, first + 13);
  set_id_or_null (employer, "exception_approved_by", stmt, first + 14);
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

/* What the rule suggests for each review, from its account as it is now. */
static gboolean
add_suggestions (WbStore    *store,
                 GPtrArray  *reviews,
                 GError    **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) accounts = NULL;
  g_autofree char *today = wb_store_today ();

  for (guint i = 0; i < reviews->len; i++)
    {
      gint64 id = json_object_get_int_member (json_object_get_object_member (reviews->pdata[i], "employer"), "id");

      g_array_append_val (ids, id);
    }
  accounts = wb_store_accounts_load_ids (store, ids, today, error);
  if (accounts == NULL)
    return FALSE;
  for (guint i = 0; i < accounts->len; i++)
    g_hash_table_insert (by_id, &((WbStoreAccount *) accounts->pdata[i])->id, accounts->pdata[i]);
  for (guint i = 0; i < reviews->len; i++)
    {
      JsonObject *review = reviews->pdata[i];
      gint64 id = json_object_get_int_member (json_object_get_object_member (review, "employer"), "id");
      WbStoreAccount *account = g_hash_table_lookup (by_id, &id);

      if (account != NULL)
        json_object_set_string_member (review, "suggested_action",
                                       wb_account_action_to_string (
                                         wb_account_suggest_action (json_object_get_string_member (review, "kind"),
                                                                    &account->facts)));
      else
        json_object_set_null_member (review, "suggested_action");
    }
  return TRUE;
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
  {
    g_autoptr(GPtrArray) one = g_ptr_array_new ();

    g_ptr_array_add (one, review);
    if (!add_suggestions (store, one, error))
      {
        json_object_unref (review);
        return NULL;
      }
  }
  return review;
}

/* ?5: the ids asked for, as a JSON array, or NULL for all. */
#define REVIEW_IDS "AND (?5 IS NULL OR r.id IN (SELECT value FROM json_each (?5))) "

GPtrArray *
wb_store_reviews_list (WbStore     *store,
                       const char  *status,
                       const char  *kind,
                       const GArray *ids,
                       guint        offset,
                       guint        limit,
                       gint64      *total,
                       GError     **error)
{
  g_autoptr(GPtrArray) reviews = NULL;
  g_autofree char *ids_json = ids != NULL ? _wb_store_ids_json (ids) : NULL;
  gboolean decided;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (WB_IS_STORE (store), NULL);
  g_return_val_if_fail (status != NULL, NULL);

  decided = strcmp (status, "decided") == 0;

  if (total != NULL)
    {
      stmt = _wb_store_prepare (store,
                                "SELECT count(*) FROM reviews WHERE status = ?1 AND (?2 IS NULL OR kind = ?2) "
                                "AND (?5 IS NULL OR id IN (SELECT value FROM json_each (?5)))", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, status, -1, SQLITE_TRANSIENT);
      if (kind != NULL)
        sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_TRANSIENT);
      if (ids_json != NULL)
        sqlite3_bind_text (stmt, 5, ids_json, -1, SQLITE_TRANSIENT);
      *total = sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
      sqlite3_reset (stmt);
    }

  /* The open queue oldest first; the history with the latest decision first. */
  stmt = _wb_store_prepare (store,
                            decided
                            ? REVIEW_SELECT "WHERE r.status = ?1 AND (?2 IS NULL OR r.kind = ?2) " REVIEW_IDS
                                            "ORDER BY r.decided_at DESC, r.id DESC LIMIT ?3 OFFSET ?4"
                            : REVIEW_SELECT "WHERE r.status = ?1 AND (?2 IS NULL OR r.kind = ?2) " REVIEW_IDS
                                            "ORDER BY r.created_at, r.id LIMIT ?3 OFFSET ?4",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, status, -1, SQLITE_TRANSIENT);
  if (kind != NULL)
    sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, limit > 0 ? limit : 50);
  sqlite3_bind_int64 (stmt, 4, offset);
  if (ids_json != NULL)
    sqlite3_bind_text (stmt, 5, ids_json, -1, SQLITE_TRANSIENT);

  reviews = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (reviews, review_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _wb_store_set_error (store, error, "list reviews");
      return NULL;
    }
  if (!add_suggestions (store, reviews, error))
    return NULL;
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
         exec_two_ids (store, "UPDATE account_history SET employer_id = ?1 WHERE employer_id = ?2",
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

/* The history of an account */

gint64
wb_store_history_add (WbStore               *store,
                      const WbHistoryEntry  *entry,
                      GError               **error)
{
  g_autofree char *now = wb_store_now ();
  g_autofree char *quarter = wb_account_quarter_of (now);
  g_autofree char *briefing = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (WB_IS_STORE (store), 0);
  g_return_val_if_fail (entry != NULL && entry->employer_id > 0 && entry->kind != NULL, 0);

  if (entry->briefing != NULL)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), entry->briefing);

      briefing = json_to_string (node, FALSE);
    }
  stmt = _wb_store_prepare (store,
                            "INSERT INTO account_history (employer_id, kind, at, quarter, user_id, organisation_id, "
                            "change, text, from_user_id, to_user_id, briefing, notified) "
                            "VALUES (?1, ?2, ?3, ?4, nullif (?5, 0), nullif (?6, 0), ?7, ?8, nullif (?9, 0), "
                            "nullif (?10, 0), ?11, ?12)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, entry->employer_id);
  sqlite3_bind_text (stmt, 2, entry->kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, quarter, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, entry->user_id);
  sqlite3_bind_int64 (stmt, 6, entry->organisation_id);
  sqlite3_bind_text (stmt, 7, entry->change, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, entry->text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 9, entry->from_user_id);
  sqlite3_bind_int64 (stmt, 10, entry->to_user_id);
  sqlite3_bind_text (stmt, 11, briefing, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 12, (int) entry->notified);
  if (!_wb_store_step_done (store, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (_wb_store_get_db (store));
}

#define HISTORY_SELECT \
  "SELECT h.id, h.employer_id, h.kind, h.at, h.quarter, h.user_id, u.display_name, h.organisation_id, o.name, " \
  "  h.change, h.text, h.from_user_id, f.display_name, h.to_user_id, t.display_name, h.briefing, h.notified " \
  "FROM account_history h " \
  "LEFT JOIN users u ON u.id = h.user_id " \
  "LEFT JOIN organisations o ON o.id = h.organisation_id " \
  "LEFT JOIN users f ON f.id = h.from_user_id " \
  "LEFT JOIN users t ON t.id = h.to_user_id "
#define N_HISTORY_COLUMNS 17

static JsonObject *
history_from_row (sqlite3_stmt *stmt)
{
  JsonObject *entry = json_object_new ();

  json_object_set_int_member (entry, "id", sqlite3_column_int64 (stmt, 0));
  json_object_set_int_member (entry, "employer_id", sqlite3_column_int64 (stmt, 1));
  json_object_set_string_member (entry, "kind", (const char *) sqlite3_column_text (stmt, 2));
  json_object_set_string_member (entry, "at", (const char *) sqlite3_column_text (stmt, 3));
  json_object_set_string_member (entry, "quarter", (const char *) sqlite3_column_text (stmt, 4));
  set_id_or_null (entry, "user_id", stmt, 5);
  set_text_or_null (entry, "user_name", stmt, 6);
  set_id_or_null (entry, "organisation_id", stmt, 7);
  set_text_or_null (entry, "organisation", stmt, 8);
  set_text_or_null (entry, "change", stmt, 9);
  set_text_or_null (entry, "text", stmt, 10);
  set_id_or_null (entry, "from_user_id", stmt, 11);
  set_text_or_null (entry, "from_user_name", stmt, 12);
  set_id_or_null (entry, "to_user_id", stmt, 13);
  set_text_or_null (entry, "to_user_name", stmt, 14);
  if (sqlite3_column_type (stmt, 15) == SQLITE_NULL)
    json_object_set_null_member (entry, "briefing");
  else
    {
      g_autoptr(JsonNode) briefing = json_from_string ((const char *) sqlite3_column_text (stmt, 15), NULL);

      if (briefing != NULL && JSON_NODE_HOLDS_OBJECT (briefing))
        json_object_set_object_member (entry, "briefing", json_object_ref (json_node_get_object (briefing)));
      else
        json_object_set_null_member (entry, "briefing");
    }
  json_object_set_int_member (entry, "notified", sqlite3_column_int64 (stmt, 16));
  return entry;
}

static void
add_history (sqlite3_stmt *stmt,
             gpointer      data)
{
  g_ptr_array_add (data, history_from_row (stmt));
}

static void
add_arrangement (sqlite3_stmt *stmt,
                 gpointer      data)
{
  JsonObject *entry = history_from_row (stmt);

  json_object_set_object_member (entry, "employer", employer_summary (stmt, N_HISTORY_COLUMNS));
  g_ptr_array_add (data, entry);
}

GPtrArray *
wb_store_history_list (WbStore     *store,
                       gint64       employer_id,
                       GError     **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (WB_IS_STORE (store), NULL);

  stmt = _wb_store_prepare (store, HISTORY_SELECT "WHERE h.employer_id = ?1 ORDER BY h.at DESC, h.id DESC", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, employer_id);
  if (!step_rows (store, stmt, add_history, entries, "read the history of an account", error))
    return NULL;
  return g_steal_pointer (&entries);
}

GPtrArray *
wb_store_arrangements_list (WbStore     *store,
                            const char  *quarter,
                            const char  *region,
                            guint        offset,
                            guint        limit,
                            gint64      *total,
                            GError     **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (WB_IS_STORE (store), NULL);

#define ARRANGEMENTS_WHERE \
  "WHERE h.kind = 'arrangement' AND (?1 IS NULL OR h.quarter = ?1) " \
  "  AND (?2 IS NULL OR (SELECT m.region FROM employers e JOIN municipalities m ON m.id = e.municipality_id " \
  "                      WHERE e.id = h.employer_id) = ?2) "
  if (total != NULL)
    {
      stmt = _wb_store_prepare (store, "SELECT count(*) FROM account_history h " ARRANGEMENTS_WHERE, error);
      if (stmt == NULL)
        return NULL;
      if (quarter != NULL)
        sqlite3_bind_text (stmt, 1, quarter, -1, SQLITE_TRANSIENT);
      if (region != NULL)
        sqlite3_bind_text (stmt, 2, region, -1, SQLITE_TRANSIENT);
      *total = sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
      sqlite3_reset (stmt);
    }

  stmt = _wb_store_prepare (store,
                            "SELECT * FROM (" HISTORY_SELECT ARRANGEMENTS_WHERE ") a, "
                            "  (SELECT " EMPLOYER_SUMMARY_COLUMNS ("e", "m", "u", "o") " "
                            "   FROM employers e "
                            "   LEFT JOIN municipalities m ON m.id = e.municipality_id "
                            "   LEFT JOIN users u ON u.id = e.owner_id "
                            "   LEFT JOIN organisations o ON o.id = u.organisation_id) s "
                            "WHERE s.id = a.employer_id ORDER BY a.at DESC, a.id DESC LIMIT ?3 OFFSET ?4", error);
#undef ARRANGEMENTS_WHERE
  if (stmt == NULL)
    return NULL;
  if (quarter != NULL)
    sqlite3_bind_text (stmt, 1, quarter, -1, SQLITE_TRANSIENT);
  if (region != NULL)
    sqlite3_bind_text (stmt, 2, region, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, limit > 0 ? limit : 50);
  sqlite3_bind_int64 (stmt, 4, offset);
  if (!step_rows (store, stmt, add_arrangement, entries, "list arrangements", error))
    return NULL;
  return g_steal_pointer (&entries);
}

GPtrArray *
wb_store_accounts_of_owner (WbStore     *store,
                            gint64       owner_id,
                            const char  *today,
                            GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (WB_IS_STORE (store), NULL);
  g_return_val_if_fail (today != NULL, NULL);

  stmt = _wb_store_prepare (store, ACCOUNT_SELECT "WHERE e.owner_id = ?1 AND e.active = 1 ORDER BY e.name, e.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, owner_id);
  sqlite3_bind_text (stmt, 2, today, -1, SQLITE_TRANSIENT);
  return read_accounts (store, stmt, NULL, today, error);
}

/* Runs @sql for @employer_id and gives each row to @add; FALSE on an error. */
static gboolean
collect (WbStore       *store,
         const char    *sql,
         gint64         employer_id,
         void         (*add) (sqlite3_stmt *stmt, gpointer data),
         gpointer       data,
         const char    *what,
         GError       **error)
{
  sqlite3_stmt *stmt = _wb_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, employer_id);
  return step_rows (store, stmt, add, data, what, error);
}

static void
add_contact (sqlite3_stmt *stmt,
             gpointer      data)
{
  JsonObject *contact = json_object_new ();

  set_text_or_null (contact, "date", stmt, 0);
  set_text_or_null (contact, "kind", stmt, 1);
  set_text_or_null (contact, "user_name", stmt, 2);
  set_text_or_null (contact, "organisation", stmt, 3);
  set_text_or_null (contact, "note", stmt, 4);
  json_array_add_object_element (data, contact);
}

static void
add_vacancy (sqlite3_stmt *stmt,
             gpointer      data)
{
  JsonObject *vacancy = json_object_new ();

  json_object_set_int_member (vacancy, "id", sqlite3_column_int64 (stmt, 0));
  set_text_or_null (vacancy, "title", stmt, 1);
  json_object_set_int_member (vacancy, "positions", sqlite3_column_int64 (stmt, 2));
  set_text_or_null (vacancy, "opened_at", stmt, 3);
  json_array_add_object_element (data, vacancy);
}

static void
add_matches (sqlite3_stmt *stmt,
             gpointer      data)
{
  JsonObject *matches = json_object_new ();

  json_object_set_int_member (matches, "vacancy_id", sqlite3_column_int64 (stmt, 0));
  set_text_or_null (matches, "vacancy_title", stmt, 1);
  set_text_or_null (matches, "state", stmt, 2);
  json_object_set_int_member (matches, "count", sqlite3_column_int64 (stmt, 3));
  json_array_add_object_element (data, matches);
}

static void
add_exception (sqlite3_stmt *stmt,
               gpointer      data)
{
  JsonObject *exception = json_object_new ();

  set_text_or_null (exception, "reason", stmt, 0);
  set_id_or_null (exception, "approved_by", stmt, 1);
  set_text_or_null (exception, "approved_by_name", stmt, 2);
  set_text_or_null (exception, "approved_at", stmt, 3);
  json_object_set_object_member (data, "exception", exception);
}

JsonObject *
wb_store_account_briefing (WbStore     *store,
                           gint64       employer_id,
                           GError     **error)
{
  g_autoptr(JsonObject) briefing = json_object_new ();
  JsonArray *contacts = json_array_new ();
  JsonArray *vacancies = json_array_new ();
  JsonArray *matches = json_array_new ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (WB_IS_STORE (store), NULL);

  json_object_set_array_member (briefing, "last_contacts", contacts);
  json_object_set_array_member (briefing, "open_vacancies", vacancies);
  json_object_set_array_member (briefing, "matches_in_progress", matches);
  json_object_set_null_member (briefing, "exception");

  stmt = _wb_store_prepare (store, "SELECT count(*) FROM contact_log WHERE employer_id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, employer_id);
  json_object_set_int_member (briefing, "contacts", sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0);
  sqlite3_reset (stmt);

  /* Matches still under way: how many per vacancy and state, never who. */
  if (!collect (store,
                "SELECT c.date, c.kind, u.display_name, o.name, c.note FROM contact_log c "
                "LEFT JOIN users u ON u.id = c.user_id LEFT JOIN organisations o ON o.id = c.organisation_id "
                "WHERE c.employer_id = ?1 ORDER BY c.date DESC, c.id DESC LIMIT 3",
                employer_id, add_contact, contacts, "read the last contacts", error) ||
      !collect (store,
                "SELECT id, title, positions, opened_at FROM vacancies "
                "WHERE employer_id = ?1 AND status = 'open' ORDER BY opened_at, id",
                employer_id, add_vacancy, vacancies, "read the open vacancies", error) ||
      !collect (store,
                "SELECT v.id, v.title, m.state, count(*) FROM matches m JOIN vacancies v ON v.id = m.vacancy_id "
                "WHERE v.employer_id = ?1 AND m.state NOT IN ('placed', 'rejected', 'withdrawn') "
                "GROUP BY v.id, m.state "
                "ORDER BY v.title, v.id, CASE m.state WHEN 'interview' THEN 0 WHEN 'proposed' THEN 1 "
                "  WHEN 'shortlisted' THEN 2 ELSE 3 END",
                employer_id, add_matches, matches, "read the matches in progress", error) ||
      !collect (store,
                "SELECT e.exception_reason, e.exception_approved_by, a.display_name, e.exception_approved_at "
                "FROM employers e LEFT JOIN users a ON a.id = e.exception_approved_by "
                "WHERE e.id = ?1 AND (coalesce (e.exception_reason, '') != '' OR e.exception_approved_by IS NOT NULL)",
                employer_id, add_exception, briefing, "read the exception", error))
    return NULL;
  return g_steal_pointer (&briefing);
}

void
wb_store_successor_free (WbStoreSuccessor *successor)
{
  if (successor == NULL)
    return;
  g_free (successor->name);
  g_free (successor->role);
  g_free (successor->organisation);
  g_free (successor->organisation_kind);
  g_free (successor->organisation_region);
  g_clear_pointer (&successor->municipalities, g_array_unref);
  g_free (successor);
}

static void
add_successor (sqlite3_stmt *stmt,
               gpointer      data)
{
  WbStoreSuccessor *successor = g_new0 (WbStoreSuccessor, 1);
  g_autoptr(JsonNode) served = json_from_string ((const char *) sqlite3_column_text (stmt, 9), NULL);
  JsonArray *ids = served != NULL && JSON_NODE_HOLDS_ARRAY (served) ? json_node_get_array (served) : NULL;

  successor->id = sqlite3_column_int64 (stmt, 0);
  successor->name = column_dup (stmt, 1);
  successor->role = column_dup (stmt, 2);
  successor->organisation_id = sqlite3_column_int64 (stmt, 3);
  successor->organisation = column_dup (stmt, 4);
  successor->organisation_kind = column_dup (stmt, 5);
  successor->organisation_region = column_dup (stmt, 6);
  successor->active = sqlite3_column_int (stmt, 7) != 0;
  successor->accounts = (guint) sqlite3_column_int64 (stmt, 8);
  successor->municipalities = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; ids != NULL && i < json_array_get_length (ids); i++)
    {
      gint64 id = json_array_get_int_element (ids, i);

      g_array_append_val (successor->municipalities, id);
    }
  g_ptr_array_add (data, successor);
}

GPtrArray *
wb_store_successors (WbStore     *store,
                     const char  *today,
                     GError     **error)
{
  g_autoptr(GPtrArray) successors = g_ptr_array_new_with_free_func ((GDestroyNotify) wb_store_successor_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (WB_IS_STORE (store), NULL);
  g_return_val_if_fail (today != NULL, NULL);

  stmt = _wb_store_prepare (store,
                            "SELECT u.id, u.display_name, u.role, o.id, o.name, o.kind, o.region, "
                            "  (u.active = 1 AND (u.left_at IS NULL OR u.left_at > ?1)), "
                            "  (SELECT count(*) FROM employers e WHERE e.owner_id = u.id AND e.active = 1), "
                            "  (SELECT json_group_array (m) FROM "
                            "     (SELECT om.municipality_id AS m FROM organisation_municipalities om "
                            "      WHERE om.organisation_id = o.id "
                            "      UNION SELECT m.id FROM municipalities m WHERE m.organisation_id = o.id)) "
                            "FROM users u JOIN organisations o ON o.id = u.organisation_id "
                            "WHERE u.role IN ('account_manager_wsp', 'account_manager_local') "
                            "ORDER BY u.display_name, u.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, today, -1, SQLITE_TRANSIENT);
  if (!step_rows (store, stmt, add_successor, successors, "read the account managers", error))
    return NULL;
  return g_steal_pointer (&successors);
}

static void
add_id (sqlite3_stmt *stmt,
        gpointer      data)
{
  gint64 id = sqlite3_column_int64 (stmt, 0);

  g_array_append_val ((GArray *) data, id);
}

GArray *
wb_store_wsp_coordinators (WbStore     *store,
                           gint64       municipality_id,
                           GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *today = wb_store_today ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (WB_IS_STORE (store), NULL);

  /* The subregion's WSP first (rank 0); a WSP that serves the municipality from elsewhere
   * (rank 1) only where the subregion has no coordinator. */
  stmt = _wb_store_prepare (store,
                            "WITH c AS ("
                            "  SELECT u.id, CASE WHEN o.region = m.region THEN 0 ELSE 1 END AS rank "
                            "  FROM users u JOIN organisations o ON o.id = u.organisation_id, municipalities m "
                            "  WHERE m.id = ?1 AND u.role = 'coordinator' AND o.kind = 'wsp' "
                            "    AND u.active = 1 AND (u.left_at IS NULL OR u.left_at > ?2) "
                            "    AND (o.region = m.region OR EXISTS (SELECT 1 FROM organisation_municipalities om "
                            "         WHERE om.organisation_id = o.id AND om.municipality_id = m.id))) "
                            "SELECT id FROM c WHERE rank = (SELECT min (rank) FROM c) ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, municipality_id);
  sqlite3_bind_text (stmt, 2, today, -1, SQLITE_TRANSIENT);
  if (!step_rows (store, stmt, add_id, ids, "find the coordinators of a WSP", error))
    return NULL;
  return g_steal_pointer (&ids);
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
