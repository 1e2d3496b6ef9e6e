/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-server-accounts"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wb-account-rules.h"
#include "wb-csv-writer.h"
#include "wb-format.h"
#include "wb-import.h"
#include "wb-server-modules.h"
#include "wb-store-accounts.h"
#include "wb-store-matching.h"

/* An employer's arrangement as last seen. */
typedef struct {
  gboolean marked;
  char *note;
} Arrangement;

/* Who writes an employer now: the hooks before a write know, on_changed after it not. */
typedef struct {
  gint64 employer_id;   /* 0: the employer the write creates */
  gint64 user_id;
  gint64 organisation_id;
} Writer;

/* The module's state: written on the write path only (its hooks, its write routes and
 * on_changed, after a committed write). */
typedef struct
{
  GHashTable *counts;   /* employer id (gint64 *) -> employee count as last seen (gint64 *) */
  GHashTable *import_crossed;  /* while an import is followed: the ids whose count crossed 25 */
  GHashTable *arrangements;    /* employer id (gint64 *) -> Arrangement * */
  Writer writer;               /* of the employer write under way, or all zero */
} WbServerAccounts;

typedef enum {
  ACTION_APPROVE_EXCEPTION,
  ACTION_TRANSFER_TO_WSP,
  ACTION_ASSIGN_OWNER,
  ACTION_MERGE_DUPLICATES,
  ACTION_DISMISS,
  N_ACTIONS
} DecisionAction;

static const char * const decision_actions[] = {
  "approve_exception", "transfer_to_wsp", "assign_owner", "merge_duplicates", "dismiss", NULL
};

/* Review kinds besides the rule statuses that need a review. */
static const char * const extra_review_kinds[] = { "dormant", "duplicate", NULL };

static gint64 *
int64_dup (gint64 value)
{
  return g_memdup2 (&value, sizeof value);
}

static void
remember_count (WbServerAccounts *self,
                gint64            employer_id,
                gint64            count)
{
  g_hash_table_replace (self->counts, int64_dup (employer_id), int64_dup (count));
}

static void
arrangement_free (Arrangement *arrangement)
{
  g_free (arrangement->note);
  g_free (arrangement);
}

static void
remember_arrangement (WbServerAccounts *self,
                      gint64            employer_id,
                      gboolean          marked,
                      const char       *note)
{
  Arrangement *arrangement = g_new0 (Arrangement, 1);

  arrangement->marked = marked;
  arrangement->note = g_strdup (note);
  g_hash_table_replace (self->arrangements, int64_dup (employer_id), arrangement);
}

static void
refresh_reviews (WbStore    *store,
                 gint64      employer_id,
                 GHashTable *crossed)
{
  g_autoptr(GError) error = NULL;
  WbReviewRefresh result = { 0 };

  if (!wb_store_reviews_refresh (store, employer_id, crossed, &result, &error))
    g_message ("Could not bring the review queue up to date: %s", error->message);
  else if (result.opened > 0 || result.closed > 0)
    g_debug ("Review queue: %u opened, %u closed after checking %u accounts",
             result.opened, result.closed, result.checked);
}

/* Requests */

static gboolean
require_coordinator (WbRequest *request)
{
  if (request->caller.role == WB_ROLE_COORDINATOR)
    return TRUE;
  _wb_server_send_error (request->msg, SOUP_STATUS_FORBIDDEN, _("Not allowed"),
                         _("Only a coordinator sees the review queue and decides on it."));
  return FALSE;
}

/* Whether the caller may read the account list: every organisation may, analysts not. */
static gboolean
require_account_reader (WbRequest *request)
{
  if (wb_policy_decide (request->caller.role, WB_RESOURCE_EMPLOYERS, WB_ACTION_READ, WB_SCOPE_OTHER) != WB_DECISION_DENY)
    return TRUE;
  _wb_server_deny (request);
  return FALSE;
}

/* Accounts */

static JsonObject *
account_to_json (WbStoreAccount   *account,
                 WbAccountVerdict *verdict)
{
  const WbAccountFacts *facts = &account->facts;
  JsonObject *object = json_object_new ();

#define SET_TEXT(name, value) G_STMT_START {                  \
    if ((value) != NULL)                                        \
      json_object_set_string_member (object, name, value);      \
    else                                                        \
      json_object_set_null_member (object, name);               \
  } G_STMT_END

  json_object_set_int_member (object, "id", account->id);
  json_object_set_string_member (object, "name", account->name);
  json_object_set_string_member (object, "kvk", account->kvk);
  json_object_set_string_member (object, "sector", account->sector);
  json_object_set_int_member (object, "employee_count", facts->employee_count);
  json_object_set_string_member (object, "pc4", account->pc4);
  json_object_set_int_member (object, "municipality_id", account->municipality_id);
  SET_TEXT ("municipality", facts->municipality_name);
  if (facts->owner_id > 0)
    json_object_set_int_member (object, "owner_id", facts->owner_id);
  else
    json_object_set_null_member (object, "owner_id");
  SET_TEXT ("owner_name", facts->owner_name);
  SET_TEXT ("owner_organisation", facts->owner_organisation_name);
  json_object_set_string_member (object, "owner_type", wb_owner_type_to_string (verdict->owner_type));
  json_object_set_string_member (object, "expected_owner_type", wb_owner_type_to_string (verdict->expected_owner_type));
  json_object_set_string_member (object, "status", wb_account_status_to_string (verdict->status));
  json_object_set_string_member (object, "status_label", wb_account_status_to_label (verdict->status));
  json_object_set_boolean_member (object, "dormant", verdict->dormant);
  SET_TEXT ("last_contact", facts->last_contact);
  json_object_set_int_member (object, "open_vacancies", account->open_vacancies);
  SET_TEXT ("exception_reason", facts->exception_reason);
  if (facts->exception_approved_by > 0)
    json_object_set_int_member (object, "exception_approved_by", facts->exception_approved_by);
  else
    json_object_set_null_member (object, "exception_approved_by");
  SET_TEXT ("exception_approved_by_name", facts->exception_approved_by_name);
  SET_TEXT ("exception_approved_at", facts->exception_approved_at);
  json_object_set_boolean_member (object, "active", account->active);

#undef SET_TEXT
  return object;
}

static void
handle_rule (WbRequest *request)
{
  WbStore *store = request->store;
  gint64 employer_id = _wb_server_route_id (request, "id");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) employer = wb_store_get (store, WB_RESOURCE_EMPLOYERS, employer_id, &error);
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(WbAccountVerdict) verdict = NULL;
  g_autoptr(JsonObject) result = NULL;
  g_autofree char *today = wb_store_today ();
  WbStoreAccount *account;

  if (employer == NULL)
    {
      _wb_server_send_store_error (request->msg, error);
      return;
    }
  if (wb_policy_decide (request->caller.role, WB_RESOURCE_EMPLOYERS, WB_ACTION_READ,
                        _wb_server_scope_of_record (request, WB_RESOURCE_EMPLOYERS, employer)) == WB_DECISION_DENY)
    {
      _wb_server_deny (request);
      return;
    }

  accounts = wb_store_accounts_load (store, employer_id, FALSE, NULL, today, &error);
  if (accounts == NULL)
    {
      _wb_server_send_store_error (request->msg, error);
      return;
    }
  g_assert (accounts->len == 1);
  account = accounts->pdata[0];
  verdict = wb_account_rules_evaluate (&account->facts);

  result = account_to_json (account, verdict);
  json_object_set_int_member (result, "employer_id", employer_id);
  if (verdict->reason != NULL)
    json_object_set_string_member (result, "reason", verdict->reason);
  else
    json_object_set_null_member (result, "reason");
  json_object_set_string_member (result, "explanation", verdict->explanation);
  _wb_server_send_object (request->msg, SOUP_STATUS_OK, result);
}

typedef struct {
  const char *status;
  const char *owner_type;
  const char *dormant;
  gint64 owner_id;
  gint64 municipality_id;
  const char *sector;
  int size;          /* a WbAccountSizeClass, or -1 */
  char *q;           /* folded, as wb_account_search_fold gives it */
  GArray *ids;       /* gint64: only these accounts; NULL: all */
} AccountFilter;

static void
account_filter_clear (AccountFilter *filter)
{
  g_clear_pointer (&filter->q, g_free);
  g_clear_pointer (&filter->ids, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AccountFilter, account_filter_clear)

static const char * const account_params[] = {
  "status", "owner_type", "dormant", "owner_id", "municipality_id", "sector", "size", "q", "ids", "page", "per_page", NULL
};

static gboolean
parse_account_filter (WbRequest     *request,
                      AccountFilter *filter)
{
  g_autoptr(WbProblem) problem = wb_problem_new (SOUP_STATUS_BAD_REQUEST, _("The request is not valid"),
                                                 _("Correct the parameters listed in errors."));
  WbAccountStatus status;
  WbAccountSizeClass size;
  const char *text;
  guint64 v;

  memset (filter, 0, sizeof *filter);
  filter->size = -1;
  if (!_wb_server_check_query (request, account_params) || !_wb_server_parse_ids (request, &filter->ids))
    return FALSE;

  filter->status = _wb_server_query_param (request, "status");
  if (filter->status != NULL && !wb_account_status_from_string (filter->status, &status))
    wb_problem_add_error (problem, "status", _("is not a rule status"));
  filter->owner_type = _wb_server_query_param (request, "owner_type");
  if (filter->owner_type != NULL && !g_str_equal (filter->owner_type, "wsp") &&
      !g_str_equal (filter->owner_type, "local") && !g_str_equal (filter->owner_type, "none"))
    wb_problem_add_error (problem, "owner_type", _("must be wsp, local or none"));
  filter->dormant = _wb_server_query_param (request, "dormant");
  if (filter->dormant != NULL && !g_str_equal (filter->dormant, "true") && !g_str_equal (filter->dormant, "false"))
    wb_problem_add_error (problem, "dormant", _("must be true or false"));
  if ((text = _wb_server_query_param (request, "owner_id")) != NULL)
    {
      if (g_str_equal (text, "me"))
        filter->owner_id = request->caller.id;
      else if (g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &v, NULL))
        filter->owner_id = (gint64) v;
      else
        wb_problem_add_error (problem, "owner_id", _("must be the id of a user, or me"));
    }
  if ((text = _wb_server_query_param (request, "municipality_id")) != NULL)
    {
      if (g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &v, NULL))
        filter->municipality_id = (gint64) v;
      else
        wb_problem_add_error (problem, "municipality_id", _("must be the id of a municipality"));
    }
  filter->sector = _wb_server_query_param (request, "sector");
  if (filter->sector != NULL && !wb_enum_contains (wb_sectors, filter->sector))
    wb_problem_add_error (problem, "sector", _("is not a known sector"));
  if ((text = _wb_server_query_param (request, "size")) != NULL)
    {
      if (wb_account_size_class_from_string (text, &size))
        filter->size = size;
      else
        wb_problem_add_error (problem, "size", _("must be micro, small, medium or large"));
    }
  filter->q = wb_account_search_fold (_wb_server_query_param (request, "q"));

  if (problem->errors->len > 0)
    {
      _wb_server_send_problem (request->msg, problem);
      return FALSE;
    }
  return TRUE;
}

static gboolean
account_matches (const AccountFilter    *filter,
                 const WbStoreAccount   *account,
                 const WbAccountVerdict *verdict)
{
  if (filter->ids != NULL)
    {
      guint i;

      for (i = 0; i < filter->ids->len && g_array_index (filter->ids, gint64, i) != account->id; i++)
        ;
      if (i == filter->ids->len)
        return FALSE;
    }
  if (filter->status != NULL && !g_str_equal (filter->status, wb_account_status_to_string (verdict->status)))
    return FALSE;
  if (filter->owner_type != NULL && !g_str_equal (filter->owner_type, wb_owner_type_to_string (verdict->owner_type)))
    return FALSE;
  if (filter->dormant != NULL && g_str_equal (filter->dormant, "true") != verdict->dormant)
    return FALSE;
  if (filter->owner_id > 0 && account->facts.owner_id != filter->owner_id)
    return FALSE;
  if (filter->municipality_id > 0 && account->municipality_id != filter->municipality_id)
    return FALSE;
  if (filter->sector != NULL && !g_str_equal (filter->sector, account->sector))
    return FALSE;
  if (filter->size >= 0 && (int) wb_account_size_class (account->facts.employee_count) != filter->size)
    return FALSE;
  if (filter->q != NULL)
    {
      /* What the desktop's search looks at too: name, KvK number, owner and municipality. */
      const char *parts[] = {
        account->name, account->kvk, account->facts.owner_name, account->facts.municipality_name,
      };

      for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
        {
          g_autofree char *folded = wb_account_search_fold (parts[i]);

          if (folded != NULL && strstr (folded, filter->q) != NULL)
            return TRUE;
        }
      return FALSE;
    }
  return TRUE;
}

typedef struct {
  WbStoreAccount *account;
  WbAccountVerdict *verdict;
  char *sort_key;        /* the name's collation key */
} AccountRow;

/* Every active account with its verdict, by name: what the list and the export filter. It
 * is kept in the store's cache until the database changes (or the day does), so that a
 * page costs the page and the filter, not loading and judging every account again. */
typedef struct {
  GPtrArray *accounts;
  GArray *rows;          /* AccountRow */
} AccountsSnapshot;

static void
account_row_clear (gpointer data)
{
  AccountRow *row = data;

  g_clear_pointer (&row->verdict, wb_account_verdict_free);
  g_clear_pointer (&row->sort_key, g_free);
}

static void
accounts_snapshot_clear (gpointer data)
{
  AccountsSnapshot *snapshot = data;

  g_clear_pointer (&snapshot->rows, g_array_unref);
  g_clear_pointer (&snapshot->accounts, g_ptr_array_unref);
}

static void
accounts_snapshot_unref (AccountsSnapshot *snapshot)
{
  g_rc_box_release_full (snapshot, accounts_snapshot_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AccountsSnapshot, accounts_snapshot_unref)

static gint
compare_account_rows (gconstpointer a,
                      gconstpointer b)
{
  const AccountRow *ra = a;
  const AccountRow *rb = b;
  int c = strcmp (ra->sort_key, rb->sort_key);

  if (c != 0)
    return c;
  return ra->account->id < rb->account->id ? -1 : ra->account->id > rb->account->id;
}

static AccountsSnapshot *
accounts_snapshot (WbRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *today = wb_store_today ();
  g_autofree char *key = g_strconcat ("wb-server-accounts:", today, NULL);
  AccountsSnapshot *snapshot = wb_store_cache_lookup (request->store, key);
  GPtrArray *accounts;

  if (snapshot != NULL)
    return g_rc_box_acquire (snapshot);

  accounts = wb_store_accounts_load (request->store, 0, FALSE, NULL, today, &error);
  if (accounts == NULL)
    {
      _wb_server_send_store_error (request->msg, error);
      return NULL;
    }
  snapshot = g_rc_box_new0 (AccountsSnapshot);
  snapshot->accounts = accounts;
  snapshot->rows = g_array_sized_new (FALSE, FALSE, sizeof (AccountRow), accounts->len);
  g_array_set_clear_func (snapshot->rows, account_row_clear);
  for (guint i = 0; i < accounts->len; i++)
    {
      WbStoreAccount *account = accounts->pdata[i];
      AccountRow row = { account, wb_account_rules_evaluate (&account->facts), g_utf8_collate_key (account->name, -1) };

      g_array_append_val (snapshot->rows, row);
    }
  g_array_sort (snapshot->rows, compare_account_rows);
  wb_store_cache_insert_for (request->store, key, wb_store_accounts_tables, g_rc_box_acquire (snapshot),
                             accounts->len * 1024, (GDestroyNotify) accounts_snapshot_unref);
  return snapshot;
}

/* The active accounts the filter lets through, by name, each with its verdict: pointers
 * into @snapshot. */
static GPtrArray *
filtered_accounts (AccountsSnapshot    *snapshot,
                   const AccountFilter *filter)
{
  GPtrArray *rows = g_ptr_array_sized_new (snapshot->rows->len);

  for (guint i = 0; i < snapshot->rows->len; i++)
    {
      AccountRow *row = &g_array_index (snapshot->rows, AccountRow, i);

      if (account_matches (filter, row->account, row->verdict))
        g_ptr_array_add (rows, row);
    }
  return rows;
}

static void
handle_accounts_list (WbRequest *request)
{
  g_autoptr(AccountsSnapshot) snapshot = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_auto(AccountFilter) filter = { 0 };
  JsonArray *items;
  guint page, per_page;

  if (!require_account_reader (request) ||
      !parse_account_filter (request, &filter) ||
      !_wb_server_parse_paging (request, &page, &per_page) ||
      _wb_server_send_cached_page_of (request, wb_store_accounts_tables))
    return;
  snapshot = accounts_snapshot (request);
  if (snapshot == NULL)
    return;
  rows = filtered_accounts (snapshot, &filter);

  items = json_array_new ();
  for (guint64 i = (guint64) (page - 1) * per_page; i < rows->len && i < (guint64) page * per_page; i++)
    {
      AccountRow *row = rows->pdata[i];

      json_array_add_object_element (items, account_to_json (row->account, row->verdict));
    }
  _wb_server_send_list (request, items, rows->len, page, per_page);
}

static gboolean
months_between (const char *from,
                const char *to,
                double     *months)
{
  GDate a, b;

  if (from == NULL || to == NULL)
    return FALSE;
  g_date_clear (&a, 1);
  g_date_clear (&b, 1);
  g_date_set_parse (&a, from);
  g_date_set_parse (&b, to);
  if (!g_date_valid (&a) || !g_date_valid (&b))
    return FALSE;
  *months = g_date_days_between (&a, &b) / (365.25 / 12.0);
  return TRUE;
}

static void
handle_export (WbRequest *request)
{
  g_autoptr(AccountsSnapshot) snapshot = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(WbCsvWriter) csv = NULL;
  g_autofree char *today = wb_store_today ();
  g_autofree char *disposition = NULL;
  g_auto(AccountFilter) filter = { 0 };
  char *text;
  const char *header[] = {
    _("Name"), _("KvK number"), _("Sector"), _("Employees"), _("Municipality"), _("Owner"),
    _("Owner's organisation"), _("Owner type"), _("Expected owner type"), _("Rule status"),
    _("Dormant"), _("Last contact"), _("Months without contact"), _("Open vacancies"),
  };
  gsize length;

  if (!require_account_reader (request) || !parse_account_filter (request, &filter))
    return;
  snapshot = accounts_snapshot (request);
  if (snapshot == NULL)
    return;
  rows = filtered_accounts (snapshot, &filter);

  csv = wb_csv_writer_new ();
  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    wb_csv_writer_add_text (csv, header[i]);
  wb_csv_writer_end_record (csv);

  for (guint i = 0; i < rows->len; i++)
    {
      AccountRow *row = rows->pdata[i];
      const WbAccountFacts *facts = &row->account->facts;
      double months;

      wb_csv_writer_add_text (csv, row->account->name);
      wb_csv_writer_add_text (csv, row->account->kvk);
      wb_csv_writer_add_text (csv, row->account->sector);
      wb_csv_writer_add_integer (csv, facts->employee_count);
      wb_csv_writer_add_text (csv, facts->municipality_name);
      wb_csv_writer_add_text (csv, facts->owner_name);
      wb_csv_writer_add_text (csv, facts->owner_organisation_name);
      wb_csv_writer_add_text (csv, facts->owner_id > 0 ? wb_owner_type_to_label (row->verdict->owner_type) : NULL);
      wb_csv_writer_add_text (csv, wb_owner_type_to_label (row->verdict->expected_owner_type));
      wb_csv_writer_add_text (csv, wb_account_status_to_label (row->verdict->status));
      wb_csv_writer_add_text (csv, row->verdict->dormant ? _("yes") : _("no"));
      wb_csv_writer_add_text (csv, facts->last_contact);
      if (months_between (facts->last_contact, today, &months))
        wb_csv_writer_add_number (csv, months, 1);
      else
        wb_csv_writer_add_text (csv, NULL);
      wb_csv_writer_add_integer (csv, row->account->open_vacancies);
      wb_csv_writer_end_record (csv);
    }

  disposition = g_strdup_printf ("attachment; filename=\"werkbrug-accounts-%s.csv\"", today);
  soup_message_headers_replace (soup_server_message_get_response_headers (request->msg),
                                "Content-Disposition", disposition);
  text = wb_csv_writer_free_to_text (g_steal_pointer (&csv), &length);
  soup_server_message_set_status (request->msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (request->msg, "text/csv; charset=utf-8", SOUP_MEMORY_TAKE, text, length);
}

/* The review queue */

static gboolean
is_review_kind (const char *kind)
{
  WbAccountStatus status;

  if (g_strv_contains (extra_review_kinds, kind))
    return TRUE;
  return wb_account_status_from_string (kind, &status) && wb_account_status_needs_review (status);
}

static void
send_review (WbRequest *request,
             gint64     id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) review = wb_store_review_get (request->store, id, &error);

  if (review == NULL)
    {
      _wb_server_send_store_error (request->msg, error);
      return;
    }
  _wb_server_set_etag (request->msg, review);
  _wb_server_send_object (request->msg, SOUP_STATUS_OK, review);
}

static void
handle_review (WbRequest *request)
{
  if (require_coordinator (request))
    send_review (request, _wb_server_route_id (request, "id"));
}

static void
handle_reviews_list (WbRequest *request)
{
  static const char * const known[] = { "status", "kind", "ids", "page", "per_page", NULL };
  g_autoptr(GPtrArray) reviews = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  const char *status = _wb_server_query_param (request, "status");
  const char *kind = _wb_server_query_param (request, "kind");
  JsonArray *items;
  gint64 total = 0;
  guint page, per_page;

  if (!require_coordinator (request) || !_wb_server_check_query (request, known))
    return;
  if (status == NULL)
    status = "open";
  if (!g_str_equal (status, "open") && !g_str_equal (status, "decided"))
    {
      _wb_server_send_error (request->msg, SOUP_STATUS_BAD_REQUEST, _("The request is not valid"),
                             _("status is open (the queue) or decided (the history)."));
      return;
    }
  if (kind != NULL && !is_review_kind (kind))
    {
      g_autofree char *detail = g_strdup_printf (_("%s is not a kind of review."), kind);

      _wb_server_send_error (request->msg, SOUP_STATUS_BAD_REQUEST, _("The request is not valid"), detail);
      return;
    }
  if (!_wb_server_parse_paging (request, &page, &per_page) || !_wb_server_parse_ids (request, &ids) ||
      _wb_server_send_cached_page (request))
    return;

  reviews = wb_store_reviews_list (request->store, status, kind, ids, (page - 1) * per_page, per_page,
                                   &total, &error);
  if (reviews == NULL)
    {
      _wb_server_send_store_error (request->msg, error);
      return;
    }
  items = json_array_new ();
  for (guint i = 0; i < reviews->len; i++)
    json_array_add_object_element (items, json_object_ref (reviews->pdata[i]));
  _wb_server_send_list (request, items, total, page, per_page);
}

/* What the queue needs to know of a user it is asked to make an owner. */
typedef struct {
  WbOwnerType type;
  gboolean active;
  char *name;
} Candidate;

static gboolean
find_candidate (WbStore    *store,
                gint64      user_id,
                Candidate  *candidate)
{
  g_autoptr(JsonObject) user = wb_store_get (store, WB_RESOURCE_USERS, user_id, NULL);
  g_autoptr(JsonObject) organisation = NULL;
  g_autofree char *today = wb_store_today ();
  const char *left_at;

  memset (candidate, 0, sizeof *candidate);
  if (user == NULL)
    return FALSE;
  organisation = wb_store_get (store, WB_RESOURCE_ORGANISATIONS,
                               json_object_get_int_member (user, "organisation_id"), NULL);
  left_at = json_object_get_string_member_with_default (user, "left_at", NULL);
  candidate->type = wb_account_owner_type (json_object_get_string_member (user, "role"),
                                           organisation != NULL ? json_object_get_string_member (organisation, "kind") : NULL);
  candidate->active = json_object_get_boolean_member_with_default (user, "active", FALSE) &&
                      (left_at == NULL || strcmp (left_at, today) > 0);
  candidate->name = g_strdup (json_object_get_string_member (user, "display_name"));
  return TRUE;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

static void
add_owner (GArray *owners,
           gint64  owner_id)
{
  g_array_append_val (owners, owner_id);
}

static gint64
json_id (JsonObject *object,
         const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return 0;
  return json_node_get_int (node);
}

/* Tells each account manager a decision touches, once, if they are still there. */
static gboolean
notify_owners (WbStore     *store,
               GArray      *owners,
               const char  *title,
               const char  *body,
               gint64       employer_id,
               GError     **error)
{
  g_autoptr(GHashTable) told = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < owners->len; i++)
    {
      gint64 *owner = &g_array_index (owners, gint64, i);
      Candidate candidate;
      gboolean found;

      if (*owner <= 0 || g_hash_table_contains (told, owner))
        continue;
      g_hash_table_add (told, owner);
      found = find_candidate (store, *owner, &candidate);
      g_free (candidate.name);
      if (!found || !candidate.active)
        continue;
      if (wb_store_add_notification (store, *owner, "review_decision", title, body, "employers",
                                     employer_id, 0, -1, error) == 0)
        return FALSE;
    }
  return TRUE;
}

static void
handle_decision (WbRequest *request)
{
  WbStore *store = request->store;
  gint64 review_id = _wb_server_route_id (request, "id");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) review = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(WbProblem) problem = NULL;
  g_autoptr(GList) members = NULL;
  g_autoptr(GArray) owners = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(JsonObject) coordinator = NULL;
  g_autofree char *title = NULL;
  g_autofree char *notice = NULL;
  g_autofree char *today = wb_store_today ();
  g_autofree char *new_owner_name = NULL;
  JsonObject *employer, *related;
  const char *action_text, *reason;
  DecisionAction action = N_ACTIONS;
  gint64 version, employer_id, related_id, owner_id = 0, keep_id = 0, other_id = 0;

  if (!require_coordinator (request))
    return;

  review = wb_store_review_get (store, review_id, &error);
  if (review == NULL)
    {
      _wb_server_send_store_error (request->msg, error);
      return;
    }

  if (!_wb_server_check_if_match (request, review,
                                  _("Send the ETag of the review you read in If-Match, so that no one else's decision is overwritten."),
                                  _("The review was changed by someone else"),
                                  _("Nothing was saved. Read the review again before you decide."),
                                  &version))
    return;

  body = _wb_server_parse_body (request);
  if (body == NULL)
    return;

  /* Check the whole decision first, and say everything that is wrong at once. */
  problem = wb_problem_new (SOUP_STATUS_BAD_REQUEST, _("The decision is not valid"),
                            _("Correct the fields listed in errors and send it again."));
  members = json_object_get_members (body);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_str_equal (l->data, "action") && !g_str_equal (l->data, "reason") &&
        !g_str_equal (l->data, "owner_id") && !g_str_equal (l->data, "keep_employer_id"))
      wb_problem_add_error (problem, l->data, _("is not a field of a decision"));

  action_text = json_object_get_string_member_with_default (body, "action", NULL);
  for (guint i = 0; action_text != NULL && i < N_ACTIONS; i++)
    if (g_str_equal (action_text, decision_actions[i]))
      action = i;
  if (action == N_ACTIONS)
    {
      g_autofree char *allowed = g_strjoinv (", ", (char **) decision_actions);
      g_autofree char *message = g_strdup_printf (_("must be one of: %s"), allowed);

      wb_problem_add_error (problem, "action", message);
    }

  reason = json_object_get_string_member_with_default (body, "reason", NULL);
  if (is_blank (reason))
    wb_problem_add_error (problem, "reason", _("is required: say why you decide so"));

  employer = json_object_get_object_member (review, "employer");
  related = JSON_NODE_HOLDS_NULL (json_object_get_member (review, "related_employer"))
            ? NULL : json_object_get_object_member (review, "related_employer");
  employer_id = json_object_get_int_member (employer, "id");
  related_id = related != NULL ? json_object_get_int_member (related, "id") : 0;

  if (action == ACTION_TRANSFER_TO_WSP || action == ACTION_ASSIGN_OWNER)
    {
      Candidate candidate;

      owner_id = json_id (body, "owner_id");
      if (owner_id <= 0)
        wb_problem_add_error (problem, "owner_id", _("is required: the account manager who takes the account over"));
      else if (!find_candidate (store, owner_id, &candidate))
        wb_problem_add_error (problem, "owner_id", _("there is no such user"));
      else
        {
          if (!candidate.active)
            wb_problem_add_error (problem, "owner_id", _("has left: choose someone who is still there"));
          else if (action == ACTION_TRANSFER_TO_WSP && candidate.type != WB_OWNER_TYPE_WSP)
            wb_problem_add_error (problem, "owner_id", _("must be an account manager of a WSP"));
          else if (action == ACTION_ASSIGN_OWNER && candidate.type == WB_OWNER_TYPE_NONE)
            wb_problem_add_error (problem, "owner_id", _("must be an account manager"));
          new_owner_name = g_steal_pointer (&candidate.name);
        }
    }

  if (action == ACTION_MERGE_DUPLICATES && related != NULL)
    {
      keep_id = json_id (body, "keep_employer_id");
      if (keep_id != employer_id && keep_id != related_id)
        wb_problem_add_error (problem, "keep_employer_id", _("must be the id of one of the two employers of this review"));
      other_id = keep_id == employer_id ? related_id : employer_id;
    }

  if (problem->errors->len > 0)
    {
      _wb_server_send_problem (request->msg, problem);
      return;
    }

  /* Then whether the decision fits the review and the account as they are now. */
  if (!g_str_equal (json_object_get_string_member (review, "status"), "open"))
    {
      _wb_server_send_error (request->msg, SOUP_STATUS_CONFLICT, _("This review was decided already"),
                             _("Its problem was solved or decided on; the queue has the ones that are open."));
      return;
    }
  if (action == ACTION_MERGE_DUPLICATES && related == NULL)
    {
      _wb_server_send_error (request->msg, SOUP_STATUS_CONFLICT, _("This step is not possible"),
                             _("Only a review of two duplicate employers can be merged."));
      return;
    }
  if (action == ACTION_APPROVE_EXCEPTION)
    {
      g_autoptr(GPtrArray) accounts = wb_store_accounts_load (store, employer_id, FALSE, NULL, today, &error);
      g_autoptr(WbAccountVerdict) verdict = NULL;

      if (accounts == NULL)
        {
          _wb_server_send_store_error (request->msg, error);
          return;
        }
      verdict = wb_account_rules_evaluate (&((WbStoreAccount *) accounts->pdata[0])->facts);
      if (verdict->expected_owner_type != WB_OWNER_TYPE_WSP || verdict->owner_type != WB_OWNER_TYPE_LOCAL ||
          verdict->status == WB_ACCOUNT_STATUS_OWNER_LEFT)
        {
          _wb_server_send_error (request->msg, SOUP_STATUS_CONFLICT, _("There is no exception to approve"),
                                 _("Only an account of 25 or more employees that an active local account manager owns can be kept as an exception."));
          return;
        }
    }

  coordinator = wb_store_get (store, WB_RESOURCE_USERS, request->caller.id, NULL);
  notice = g_strdup_printf (_("%s decided: %s"),
                            coordinator != NULL ? json_object_get_string_member (coordinator, "display_name") : "?",
                            reason);

  /* The decision, its effect on the account, the audit row, the notifications and the
   * queue after it: all of it or nothing. */
  if (!wb_store_begin (store, &error))
    {
      _wb_server_send_store_error (request->msg, error);
      return;
    }
  if (!wb_store_review_decide (store, review_id, version, decision_actions[action], reason, request->caller.id, &error))
    goto fail;

  switch (action)
    {
    case ACTION_APPROVE_EXCEPTION:
      add_owner (owners, json_id (employer, "owner_id"));
      title = g_strdup_printf (_("Exception approved: %s stays with its local account manager"),
                               json_object_get_string_member (employer, "name"));
      if (!wb_store_accounts_approve_exception (store, employer_id, reason, request->caller.id, today, &error))
        goto fail;
      break;

    case ACTION_TRANSFER_TO_WSP:
    case ACTION_ASSIGN_OWNER:
      add_owner (owners, json_id (employer, "owner_id"));
      add_owner (owners, owner_id);
      if (action == ACTION_TRANSFER_TO_WSP)
        title = g_strdup_printf (_("%s moves to the WSP: %s is its account manager now"),
                                 json_object_get_string_member (employer, "name"), new_owner_name);
      else
        title = g_strdup_printf (_("%s has a new account manager: %s"),
                                 json_object_get_string_member (employer, "name"), new_owner_name);
      if (!wb_store_accounts_set_owner (store, employer_id, owner_id, &error))
        goto fail;
      break;

    case ACTION_MERGE_DUPLICATES:
      add_owner (owners, json_id (employer, "owner_id"));
      add_owner (owners, json_id (related, "owner_id"));
      title = g_strdup_printf (_("%s was merged into %s; both contact histories are kept"),
                               json_object_get_string_member (keep_id == employer_id ? related : employer, "name"),
                               json_object_get_string_member (keep_id == employer_id ? employer : related, "name"));
      if (!wb_store_accounts_merge (store, keep_id, other_id, &error))
        goto fail;
      break;

    case ACTION_DISMISS:
      add_owner (owners, json_id (employer, "owner_id"));
      title = g_strdup_printf (_("A review of %s was dismissed"), json_object_get_string_member (employer, "name"));
      break;

    case N_ACTIONS:
    default:
      g_assert_not_reached ();
    }

  if (!wb_store_audit (store, request->caller.id, request->caller.organisation_id, decision_actions[action],
                       "reviews", review_id, reason, &error) ||
      !notify_owners (store, owners, title, notice, keep_id > 0 ? keep_id : employer_id, &error) ||
      !wb_store_reviews_refresh (store, employer_id, NULL, NULL, &error) ||
      (related_id > 0 && !wb_store_reviews_refresh (store, related_id, NULL, NULL, &error)) ||
      !wb_store_commit (store, &error))
    goto fail;

  send_review (request, review_id);
  return;

fail:
  wb_store_rollback (store);
  _wb_server_send_store_error (request->msg, error);
}

/* The history of an account, and the arrangements reported per quarter */

static void
send_items (WbRequest *request,
            GPtrArray *items,
            gint64     total,
            guint      first,
            guint      page,
            guint      per_page)
{
  JsonArray *array = json_array_new ();

  for (guint i = first; i < items->len && i < first + per_page; i++)
    json_array_add_object_element (array, json_object_ref (items->pdata[i]));
  _wb_server_send_list (request, array, total, page, per_page);
}

static void
handle_history (WbRequest *request)
{
  static const char * const known[] = { "page", "per_page", NULL };
  gint64 employer_id = _wb_server_route_id (request, "id");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) employer = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  guint page, per_page;

  if (!_wb_server_check_query (request, known) || !_wb_server_parse_paging (request, &page, &per_page))
    return;
  employer = wb_store_get (request->store, WB_RESOURCE_EMPLOYERS, employer_id, &error);
  if (employer == NULL)
    {
      _wb_server_send_store_error (request->msg, error);
      return;
    }
  /* Whoever reads the account reads its history. */
  if (wb_policy_decide (request->caller.role, WB_RESOURCE_EMPLOYERS, WB_ACTION_READ,
                        _wb_server_scope_of_record (request, WB_RESOURCE_EMPLOYERS, employer)) == WB_DECISION_DENY)
    {
      _wb_server_deny (request);
      return;
    }
  entries = wb_store_history_list (request->store, employer_id, &error);
  if (entries == NULL)
    {
      _wb_server_send_store_error (request->msg, error);
      return;
    }
  send_items (request, entries, entries->len, (page - 1) * per_page, page, per_page);
}

static void
handle_arrangements (WbRequest *request)
{
  static const char * const known[] = { "quarter", "region", "page", "per_page", NULL };
  g_autoptr(WbProblem) problem = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  const char *quarter = _wb_server_query_param (request, "quarter");
  const char *region = _wb_server_query_param (request, "region");
  gint64 total = 0;
  guint page, per_page;

  if (request->caller.role != WB_ROLE_COORDINATOR)
    {
      _wb_server_send_error (request->msg, SOUP_STATUS_FORBIDDEN, _("Not allowed"),
                             _("The potential arrangements are reported to the coordinators of the WSP."));
      return;
    }
  if (!_wb_server_check_query (request, known))
    return;
  problem = wb_problem_new (SOUP_STATUS_BAD_REQUEST, _("The request is not valid"),
                            _("Correct the parameters listed in errors."));
  if (quarter != NULL && !wb_account_quarter_bounds (quarter, NULL, NULL))
    wb_problem_add_error (problem, "quarter", _("must be a quarter such as 2026-Q4"));
  if (region != NULL && !wb_enum_contains (wb_regions, region))
    wb_problem_add_error (problem, "region", _("is not a region"));
  if (problem->errors->len > 0)
    {
      _wb_server_send_problem (request->msg, problem);
      return;
    }
  if (!_wb_server_parse_paging (request, &page, &per_page))
    return;

  entries = wb_store_arrangements_list (request->store, quarter, region, (page - 1) * per_page, per_page, &total, &error);
  if (entries == NULL)
    {
      _wb_server_send_store_error (request->msg, error);
      return;
    }
  send_items (request, entries, total, 0, page, per_page);
}

/* Handing the accounts of an account manager over */

/* The account managers and how each fits one account. */
typedef struct {
  WbStoreSuccessor *successor;
  WbSuccessorFit fit;
  guint load;           /* accounts they own, and those this handover gives them */
} Choice;

static gboolean
serves (WbStoreSuccessor *successor,
        gint64            municipality_id)
{
  for (guint i = 0; i < successor->municipalities->len; i++)
    if (g_array_index (successor->municipalities, gint64, i) == municipality_id)
      return TRUE;
  return FALSE;
}

static WbSuccessorFit
fit_of (WbStoreSuccessor *successor,
        WbStoreAccount   *account)
{
  WbSuccessorFacts facts = {
    .role = successor->role,
    .organisation_kind = successor->organisation_kind,
    .organisation_region = successor->organisation_region,
    .serves_municipality = serves (successor, account->municipality_id),
    .active = successor->active,
  };

  return wb_account_successor_fit (account->facts.employee_count, account->region, &facts);
}

static int
compare_choices (gconstpointer a,
                 gconstpointer b)
{
  const Choice *ca = a;
  const Choice *cb = b;

  if (ca->fit != cb->fit)
    return ca->fit > cb->fit ? -1 : 1;
  if (ca->load != cb->load)
    return ca->load < cb->load ? -1 : 1;
  return g_utf8_collate (ca->successor->name, cb->successor->name);
}

/* Who may take @account over by the rule, the best first: the better fit, then the one
 * with the fewest accounts (counting what this handover gives them), then by name. */
static GArray *
rank_successors (GPtrArray      *successors,
                 GHashTable     *loads,
                 WbStoreAccount *account,
                 gint64          leaver)
{
  GArray *choices = g_array_new (FALSE, FALSE, sizeof (Choice));

  for (guint i = 0; i < successors->len; i++)
    {
      WbStoreSuccessor *successor = successors->pdata[i];
      Choice choice = { successor, fit_of (successor, account), successor->accounts };

      if (choice.fit == WB_SUCCESSOR_UNFIT || successor->id == leaver)
        continue;
      choice.load += GPOINTER_TO_UINT (g_hash_table_lookup (loads, &successor->id));
      g_array_append_val (choices, choice);
    }
  g_array_sort (choices, compare_choices);
  return choices;
}

static JsonObject *
successor_to_json (const Choice *choice)
{
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "id", choice->successor->id);
  json_object_set_string_member (object, "display_name", choice->successor->name);
  json_object_set_string_member (object, "organisation", choice->successor->organisation);
  json_object_set_string_member (object, "fit", choice->fit == WB_SUCCESSOR_FIT ? "fit" : "region_wide");
  json_object_set_int_member (object, "accounts", choice->successor->accounts);
  return object;
}

typedef struct {
  JsonObject *user;                 /* the account manager whose accounts go */
  GPtrArray *accounts;              /* WbStoreAccount, by name */
  GPtrArray *successors;            /* WbStoreSuccessor */
} Handover;

static void
handover_clear (Handover *handover)
{
  g_clear_pointer (&handover->user, json_object_unref);
  g_clear_pointer (&handover->accounts, g_ptr_array_unref);
  g_clear_pointer (&handover->successors, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Handover, handover_clear)

/* What a handover of user {id}'s accounts starts from, for a coordinator; else answers. */
static gboolean
read_handover (WbRequest *request,
               Handover  *handover)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *today = wb_store_today ();
  gint64 user_id = _wb_server_route_id (request, "id");

  if (request->caller.role != WB_ROLE_COORDINATOR)
    {
      _wb_server_send_error (request->msg, SOUP_STATUS_FORBIDDEN, _("Not allowed"),
                             _("Only a coordinator hands the accounts of an account manager over."));
      return FALSE;
    }
  handover->user = wb_store_get (request->store, WB_RESOURCE_USERS, user_id, &error);
  if (handover->user == NULL)
    {
      _wb_server_send_store_error (request->msg, error);
      return FALSE;
    }
  handover->accounts = wb_store_accounts_of_owner (request->store, user_id, today, &error);
  if (handover->accounts != NULL)
    handover->successors = wb_store_successors (request->store, today, &error);
  if (handover->successors == NULL)
    {
      _wb_server_send_store_error (request->msg, error);
      return FALSE;
    }
  return TRUE;
}

static JsonObject *
user_summary (WbStore    *store,
              JsonObject *user)
{
  g_autoptr(JsonObject) organisation = wb_store_get (store, WB_RESOURCE_ORGANISATIONS,
                                                     json_id (user, "organisation_id"), NULL);
  JsonObject *summary = json_object_new ();

  json_object_set_int_member (summary, "id", json_id (user, "id"));
  json_object_set_string_member (summary, "display_name", json_object_get_string_member (user, "display_name"));
  json_object_set_string_member (summary, "role", json_object_get_string_member (user, "role"));
  if (organisation != NULL)
    json_object_set_string_member (summary, "organisation", json_object_get_string_member (organisation, "name"));
  else
    json_object_set_null_member (summary, "organisation");
  json_object_set_boolean_member (summary, "active", json_object_get_boolean_member_with_default (user, "active", FALSE));
  if (json_object_get_string_member_with_default (user, "left_at", NULL) != NULL)
    json_object_set_string_member (summary, "left_at", json_object_get_string_member (user, "left_at"));
  else
    json_object_set_null_member (summary, "left_at");
  return summary;
}

static void
handle_handover_proposal (WbRequest *request)
{
  g_auto(Handover) handover = { 0 };
  g_autoptr(GHashTable) loads = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(JsonObject) result = json_object_new ();
  JsonArray *accounts = json_array_new ();
  gint64 leaver;

  if (!read_handover (request, &handover))
    {
      json_array_unref (accounts);
      return;
    }
  leaver = json_id (handover.user, "id");
  json_object_set_object_member (result, "user", user_summary (request->store, handover.user));
  for (guint i = 0; i < handover.accounts->len; i++)
    {
      WbStoreAccount *account = handover.accounts->pdata[i];
      g_autoptr(WbAccountVerdict) verdict = wb_account_rules_evaluate (&account->facts);
      g_autoptr(GArray) choices = rank_successors (handover.successors, loads, account, leaver);
      JsonObject *employer = account_to_json (account, verdict);
      g_autoptr(JsonObject) briefing = wb_store_account_briefing (request->store, account->id, NULL);
      JsonObject *item = json_object_new ();
      JsonArray *successors = json_array_new ();
      g_autofree char *summary = briefing != NULL ? wb_account_briefing_summary (briefing) : NULL;

      if (account->region != NULL)
        json_object_set_string_member (employer, "region", account->region);
      else
        json_object_set_null_member (employer, "region");
      json_object_set_object_member (item, "employer", employer);
      for (guint c = 0; c < choices->len; c++)
        json_array_add_object_element (successors, successor_to_json (&g_array_index (choices, Choice, c)));
      json_object_set_array_member (item, "successors", successors);
      if (choices->len > 0)
        {
          /* The proposal: the best fit; the next account of the same kind goes to the next. */
          Choice *best = &g_array_index (choices, Choice, 0);
          guint given = GPOINTER_TO_UINT (g_hash_table_lookup (loads, &best->successor->id));

          json_object_set_int_member (item, "successor_id", best->successor->id);
          g_hash_table_replace (loads, int64_dup (best->successor->id), GUINT_TO_POINTER (given + 1));
        }
      else
        json_object_set_null_member (item, "successor_id");
      if (briefing != NULL)
        json_object_set_object_member (item, "briefing", json_object_ref (briefing));
      else
        json_object_set_null_member (item, "briefing");
      if (summary != NULL)
        json_object_set_string_member (item, "briefing_summary", summary);
      else
        json_object_set_null_member (item, "briefing_summary");
      json_array_add_object_element (accounts, item);
    }
  json_object_set_array_member (result, "accounts", accounts);
  _wb_server_send_object (request->msg, SOUP_STATUS_OK, result);
}

static void
handle_handover (WbRequest *request)
{
  WbStore *store = request->store;
  g_auto(Handover) handover = { 0 };
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(WbProblem) problem = NULL;
  g_autoptr(GHashTable) chosen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) owned = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(GString) missing = g_string_new (NULL);
  JsonArray *assignments = NULL, *done;
  const char *reason, *leaver_name;
  gint64 leaver;
  guint n_missing = 0;

  if (!read_handover (request, &handover))
    return;
  body = _wb_server_parse_body (request);
  if (body == NULL)
    return;
  leaver = json_id (handover.user, "id");
  leaver_name = json_object_get_string_member (handover.user, "display_name");
  for (guint i = 0; i < handover.successors->len; i++)
    g_hash_table_insert (by_id, &((WbStoreSuccessor *) handover.successors->pdata[i])->id, handover.successors->pdata[i]);
  for (guint i = 0; i < handover.accounts->len; i++)
    g_hash_table_insert (owned, &((WbStoreAccount *) handover.accounts->pdata[i])->id, handover.accounts->pdata[i]);

  /* Check the whole handover first, and say everything that is wrong at once. */
  problem = wb_problem_new (SOUP_STATUS_BAD_REQUEST, _("The handover is not valid"),
                            _("Correct the fields listed in errors and send it again."));
  {
    g_autoptr(GList) members = json_object_get_members (body);

    for (GList *l = members; l != NULL; l = l->next)
      if (!g_str_equal (l->data, "reason") && !g_str_equal (l->data, "assignments"))
        wb_problem_add_error (problem, l->data, _("is not a field of a handover"));
  }
  reason = json_object_get_string_member_with_default (body, "reason", NULL);
  if (is_blank (reason))
    wb_problem_add_error (problem, "reason", _("is required: say why the accounts change hands"));
  if (json_object_has_member (body, "assignments") && JSON_NODE_HOLDS_ARRAY (json_object_get_member (body, "assignments")))
    assignments = json_object_get_array_member (body, "assignments");
  if (handover.accounts->len == 0)
    {
      g_autofree char *message = g_strdup_printf (_("%s owns no account to hand over"), leaver_name);

      wb_problem_add_error (problem, "assignments", message);
    }
  else if (assignments == NULL)
    wb_problem_add_error (problem, "assignments", _("is required: for every account, who takes it over"));
  for (guint i = 0; assignments != NULL && i < json_array_get_length (assignments); i++)
    {
      JsonNode *node = json_array_get_element (assignments, i);
      JsonObject *assignment = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      gint64 employer_id = json_id (assignment, "employer_id");
      gint64 owner_id = json_id (assignment, "owner_id");
      g_autofree char *field = g_strdup_printf ("assignments[%u].owner_id", i);
      WbStoreAccount *account = g_hash_table_lookup (owned, &employer_id);
      WbStoreSuccessor *successor = g_hash_table_lookup (by_id, &owner_id);

      if (account == NULL)
        {
          g_autofree char *where = g_strdup_printf ("assignments[%u].employer_id", i);
          g_autofree char *message = g_strdup_printf (_("is not an active account of %s"), leaver_name);

          wb_problem_add_error (problem, where, message);
          continue;
        }
      if (g_hash_table_contains (chosen, &employer_id))
        {
          g_autofree char *where = g_strdup_printf ("assignments[%u].employer_id", i);

          wb_problem_add_error (problem, where, _("is named twice"));
          continue;
        }
      g_hash_table_insert (chosen, int64_dup (employer_id), successor);
      /* Who takes it over must be someone the rule lets own it: the handover proposes them. */
      if (successor == NULL || successor->id == leaver ||
          fit_of (successor, account) == WB_SUCCESSOR_UNFIT)
        {
          g_autofree char *message = g_strdup_printf (_("may not own %s by the rule: choose one of the proposed successors"),
                                                      account->name);

          wb_problem_add_error (problem, field, message);
        }
    }
  for (guint i = 0; assignments != NULL && i < handover.accounts->len; i++)
    {
      WbStoreAccount *account = handover.accounts->pdata[i];

      if (g_hash_table_contains (chosen, &account->id))
        continue;
      g_string_append_printf (missing, "%s%s", n_missing > 0 ? ", " : "", account->name);
      n_missing++;
    }
  if (n_missing > 0)
    {
      /* TRANSLATORS: a handover names every account of the person who left; %s lists the missing */
      g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "misses %u account: %s",
                                                               "misses %u accounts: %s", n_missing),
                                                  n_missing, missing->str);

      wb_problem_add_error (problem, "assignments", message);
    }
  if (problem->errors->len > 0)
    {
      _wb_server_send_problem (request->msg, problem);
      return;
    }
  /* The policy decides for each account, as for any change of an employer. */
  for (guint i = 0; i < handover.accounts->len; i++)
    {
      g_autoptr(JsonObject) employer = wb_store_get (store, WB_RESOURCE_EMPLOYERS,
                                                     ((WbStoreAccount *) handover.accounts->pdata[i])->id, NULL);

      if (employer == NULL ||
          wb_policy_decide (request->caller.role, WB_RESOURCE_EMPLOYERS, WB_ACTION_UPDATE,
                            _wb_server_scope_of_record (request, WB_RESOURCE_EMPLOYERS, employer)) != WB_DECISION_ALLOW)
        {
          _wb_server_deny (request);
          return;
        }
    }

  /* Every account, its history and audit, the successors' notifications and the queue
   * after it: all of it or nothing. */
  result = json_object_new ();
  done = json_array_new ();
  json_object_set_array_member (result, "accounts", done);
  if (!wb_store_begin (store, &error))
    goto fail_answer;
  for (guint i = 0; i < handover.accounts->len; i++)
    {
      WbStoreAccount *account = handover.accounts->pdata[i];
      WbStoreSuccessor *successor = g_hash_table_lookup (chosen, &account->id);
      g_autoptr(JsonObject) briefing = NULL;
      g_autofree char *title = NULL;
      g_autofree char *summary = NULL;
      WbHistoryEntry entry = { 0 };
      JsonObject *item;
      gint64 history_id;

      /* The exception goes with the old owner: the briefing keeps what it was. */
      briefing = wb_store_account_briefing (store, account->id, &error);
      if (briefing == NULL || !wb_store_accounts_set_owner (store, account->id, successor->id, &error))
        goto fail;
      entry.employer_id = account->id;
      entry.kind = "handover";
      entry.user_id = request->caller.id;
      entry.organisation_id = request->caller.organisation_id;
      entry.text = reason;
      entry.from_user_id = leaver;
      entry.to_user_id = successor->id;
      entry.briefing = briefing;
      entry.notified = 1;
      summary = wb_account_briefing_summary (briefing);
      /* TRANSLATORS: a notification to the successor of an account manager: the employer and who left */
      title = g_strdup_printf (_("You take %s over from %s: read its briefing on the account"), account->name, leaver_name);
      if ((history_id = wb_store_history_add (store, &entry, &error)) == 0 ||
          !wb_store_audit (store, request->caller.id, request->caller.organisation_id, "handover", "employers",
                           account->id, reason, &error) ||
          wb_store_add_notification (store, successor->id, "handover", title, summary, "employers", account->id,
                                     0, -1, &error) == 0 ||
          !wb_store_reviews_refresh (store, account->id, NULL, NULL, &error))
        goto fail;
      item = json_object_new ();
      json_object_set_int_member (item, "employer_id", account->id);
      json_object_set_string_member (item, "name", account->name);
      json_object_set_int_member (item, "owner_id", successor->id);
      json_object_set_string_member (item, "owner_name", successor->name);
      json_object_set_int_member (item, "history_id", history_id);
      json_array_add_object_element (done, item);
    }
  if (!wb_store_commit (store, &error))
    goto fail;

  for (guint i = 0; i < handover.accounts->len; i++)
    _wb_server_changed (request, WB_RESOURCE_EMPLOYERS, ((WbStoreAccount *) handover.accounts->pdata[i])->id);
  json_object_set_int_member (result, "user_id", leaver);
  json_object_set_int_member (result, "handed_over", handover.accounts->len);
  _wb_server_send_object (request->msg, SOUP_STATUS_OK, result);
  return;

fail:
  wb_store_rollback (store);
fail_answer:
  _wb_server_send_store_error (request->msg, error);
}

/* Notifications */

static void
handle_notifications_list (WbRequest *request)
{
  static const char * const known[] = { "unread", "page", "per_page", NULL };
  g_autoptr(GPtrArray) notifications = NULL;
  g_autoptr(GError) error = NULL;
  const char *unread = _wb_server_query_param (request, "unread");
  JsonArray *items;
  gint64 total = 0;
  guint page, per_page;

  if (!_wb_server_check_query (request, known))
    return;
  if (unread != NULL && !g_str_equal (unread, "true") && !g_str_equal (unread, "false"))
    {
      _wb_server_send_error (request->msg, SOUP_STATUS_BAD_REQUEST, _("The request is not valid"),
                             _("unread is true or false."));
      return;
    }
  if (!_wb_server_parse_paging (request, &page, &per_page))
    return;

  notifications = wb_store_notifications_list (request->store, request->caller.id,
                                               g_strcmp0 (unread, "true") == 0,
                                               (page - 1) * per_page, per_page, &total, &error);
  if (notifications == NULL)
    {
      _wb_server_send_store_error (request->msg, error);
      return;
    }
  items = json_array_new ();
  for (guint i = 0; i < notifications->len; i++)
    json_array_add_object_element (items, json_object_ref (notifications->pdata[i]));
  _wb_server_send_list (request, items, total, page, per_page);
}

static void
handle_notification_read (WbRequest *request)
{
  gint64 id = _wb_server_route_id (request, "id");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) notification = wb_store_notification_mark_read (request->store, id,
                                                                        request->caller.id, &error);

  if (notification == NULL)
    {
      _wb_server_send_store_error (request->msg, error);
      return;
    }
  _wb_server_send_object (request->msg, SOUP_STATUS_OK, notification);
}

/* Two parties, one employer: whoever logs a contact with an account another organisation
 * owns hears so in the answer; the owner hears of it from on_changed. */
static void
warn_other_owner (WbRequest *request,
                  gint64     employer_id)
{
  WbStore *store = request->store;
  g_autoptr(JsonObject) employer = wb_store_get (store, WB_RESOURCE_EMPLOYERS, employer_id, NULL);
  g_autoptr(JsonObject) owner = NULL;
  g_autoptr(JsonObject) organisation = NULL;
  g_autofree char *message = NULL;
  g_autofree char *header = NULL;
  gint64 owner_id;

  if (employer == NULL || (owner_id = json_id (employer, "owner_id")) == 0 ||
      _wb_server_scope_of_employer (request, employer) != WB_SCOPE_OTHER ||
      wb_policy_decide (request->caller.role, WB_RESOURCE_CONTACT_LOG, WB_ACTION_CREATE, WB_SCOPE_OTHER) != WB_DECISION_ALLOW)
    return;

  owner = wb_store_get (store, WB_RESOURCE_USERS, owner_id, NULL);
  if (owner == NULL)
    return;
  organisation = wb_store_get (store, WB_RESOURCE_ORGANISATIONS, json_object_get_int_member (owner, "organisation_id"), NULL);
  message = g_strdup_printf (_("%s is an account of %s of %s, who will be told of your contact. Employers complain of being approached by many public parties: agree with the owner who keeps in touch."),
                             json_object_get_string_member (employer, "name"),
                             json_object_get_string_member (owner, "display_name"),
                             organisation != NULL ? json_object_get_string_member (organisation, "name") : "?");
  /* Header values are bytes: keep them ASCII, and let clients unescape the rest. */
  header = g_uri_escape_string (message, " !\"#$&'()*+,/:;<=>?@[]^`{|}~", FALSE);
  soup_message_headers_replace (soup_server_message_get_response_headers (request->msg),
                                "X-Werkbrug-Warning", header);
}

static void
notify_owner_of_contact (WbStore *store,
                         gint64   contact_log_id)
{
  g_autoptr(JsonObject) entry = wb_store_get (store, WB_RESOURCE_CONTACT_LOG, contact_log_id, NULL);
  g_autoptr(JsonObject) employer = NULL;
  g_autoptr(JsonObject) author = NULL;
  g_autoptr(JsonObject) organisation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *date = NULL;
  gint64 owner_id, owner_organisation;
  Candidate owner;
  gboolean found;

  if (entry == NULL ||
      (employer = wb_store_get (store, WB_RESOURCE_EMPLOYERS, json_id (entry, "employer_id"), NULL)) == NULL ||
      (owner_id = json_id (employer, "owner_id")) == 0)
    return;

  {
    g_autoptr(JsonObject) owner_record = wb_store_get (store, WB_RESOURCE_USERS, owner_id, NULL);

    owner_organisation = json_id (owner_record, "organisation_id");
  }
  if (owner_organisation == 0 || owner_organisation == json_id (entry, "organisation_id"))
    return;
  found = find_candidate (store, owner_id, &owner);
  g_free (owner.name);
  if (!found || !owner.active)
    return;

  author = wb_store_get (store, WB_RESOURCE_USERS, json_id (entry, "user_id"), NULL);
  organisation = wb_store_get (store, WB_RESOURCE_ORGANISATIONS, json_id (entry, "organisation_id"), NULL);
  date = wb_format_iso_date (json_object_get_string_member (entry, "date"));
  title = g_strdup_printf (_("%s of %s contacted %s on %s"),
                           author != NULL ? json_object_get_string_member (author, "display_name") : "?",
                           organisation != NULL ? json_object_get_string_member (organisation, "name") : "?",
                           json_object_get_string_member (employer, "name"), date);
  if (wb_store_add_notification (store, owner_id, "contact_by_other_party", title,
                                 json_object_get_string_member_with_default (entry, "note", NULL),
                                 "employers", json_id (employer, "id"), 0, -1, &error) == 0)
    g_message ("Could not tell the owner of a contact: %s", error->message);
}

/* Potential arrangements are reported to the WSP (seed 000, §2.3) */

static const char *
name_of (WbStore    *store,
         WbResource  resource,
         gint64      id,
         const char *field,
         char      **keep)
{
  g_autoptr(JsonObject) record = id > 0 ? wb_store_get (store, resource, id, NULL) : NULL;

  *keep = record != NULL ? g_strdup (json_object_get_string_member_with_default (record, field, NULL)) : NULL;
  return *keep;
}

/* The report of a new, changed or withdrawn arrangement: to the coordinators of the WSP of
 * the employer's subregion, on the account's history and in the audit, all or nothing. */
static void
report_arrangement (WbStore             *store,
                    JsonObject          *employer,
                    WbArrangementChange  change,
                    const char          *note,
                    const Writer        *writer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) coordinators = NULL;
  g_autofree char *who = NULL;
  g_autofree char *where = NULL;
  g_autofree char *title = NULL;
  const char *name = json_object_get_string_member (employer, "name");
  const char *author, *organisation;
  gint64 employer_id = json_id (employer, "id");
  WbHistoryEntry entry = { 0 };

  coordinators = wb_store_wsp_coordinators (store, json_id (employer, "municipality_id"), &error);
  if (coordinators == NULL)
    goto out;
  author = name_of (store, WB_RESOURCE_USERS, writer->user_id, "display_name", &who);
  organisation = name_of (store, WB_RESOURCE_ORGANISATIONS, writer->organisation_id, "name", &where);
  if (author == NULL)
    author = _("someone without a Werkbrug session");
  if (organisation == NULL)
    organisation = "?";
  switch (change)
    {
    case WB_ARRANGEMENT_NEW:
      /* TRANSLATORS: a notification to the WSP's coordinators: the employer, who marked the
       * arrangement and their organisation */
      title = g_strdup_printf (_("Potential arrangement at %s, marked by %s (%s)"), name, author, organisation);
      break;
    case WB_ARRANGEMENT_CHANGED:
      title = g_strdup_printf (_("The potential arrangement at %s was changed by %s (%s)"), name, author, organisation);
      break;
    case WB_ARRANGEMENT_WITHDRAWN:
      title = g_strdup_printf (_("The potential arrangement at %s was withdrawn by %s (%s)"), name, author, organisation);
      break;
    case WB_ARRANGEMENT_UNCHANGED:
    case WB_N_ARRANGEMENT_CHANGES:
    default:
      g_return_if_reached ();
    }

  entry.employer_id = employer_id;
  entry.kind = "arrangement";
  entry.user_id = writer->user_id;
  entry.organisation_id = writer->organisation_id;
  entry.change = wb_arrangement_change_to_string (change);
  entry.text = note;
  entry.notified = coordinators->len;
  if (!wb_store_begin (store, &error))
    goto out;
  if (wb_store_history_add (store, &entry, &error) == 0 ||
      !wb_store_audit (store, writer->user_id, writer->organisation_id, "report_arrangement", "employers", employer_id,
                       entry.change, &error))
    goto fail;
  for (guint i = 0; i < coordinators->len; i++)
    if (wb_store_add_notification (store, g_array_index (coordinators, gint64, i), "arrangement_reported", title,
                                   note != NULL && *note != '\0' ? note : _("No description was given."),
                                   "employers", employer_id, 0, -1, &error) == 0)
      goto fail;
  if (!wb_store_commit (store, &error))
    goto fail;
  return;

fail:
  wb_store_rollback (store);
out:
  g_message ("The arrangement at %s was not reported to the WSP: %s", name, error->message);
}

/* Whoever marks, describes otherwise or withdraws an arrangement reports it. */
static void
follow_arrangement (WbServerAccounts *self,
                    WbStore          *store,
                    JsonObject       *employer)
{
  gint64 id = json_id (employer, "id");
  Arrangement *before = g_hash_table_lookup (self->arrangements, &id);
  gboolean marked = json_object_get_boolean_member_with_default (employer, "arrangement", FALSE);
  const char *note = json_object_get_string_member_with_default (employer, "arrangement_note", NULL);
  g_autofree char *old_note = before != NULL ? g_strdup (before->note) : NULL;
  WbArrangementChange change;
  Writer writer = { 0 };

  change = wb_account_arrangement_change (before != NULL && before->marked, old_note, marked, note);
  remember_arrangement (self, id, marked, note);
  if (change == WB_ARRANGEMENT_UNCHANGED)
    return;
  /* The write under way is this one: a change of this employer, or the employer it made. */
  if (self->writer.employer_id == id || (self->writer.employer_id == 0 && before == NULL))
    writer = self->writer;
  report_arrangement (store, employer, change, change == WB_ARRANGEMENT_WITHDRAWN ? old_note : note, &writer);
}

/* Importing employers */

#define MAX_IMPORT_SIZE (1024 * 1024)

static JsonObject *
import_row_to_json (const WbImportRow *row)
{
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "line", row->line);
  json_object_set_string_member (object, "outcome", row->outcome == WB_IMPORT_ROW_MERGED ? "merged" : "refused");
  if (row->key != NULL)
    json_object_set_string_member (object, "kvk", row->key);
  else
    json_object_set_null_member (object, "kvk");
  if (row->name != NULL)
    json_object_set_string_member (object, "name", row->name);
  else
    json_object_set_null_member (object, "name");
  if (row->id > 0)
    json_object_set_int_member (object, "employer_id", row->id);
  else
    json_object_set_null_member (object, "employer_id");
  json_object_set_string_member (object, "message", row->message);
  return object;
}

/* The account list follows an import as it follows one write, but for the queue: the counts
 * that crossed 25 are gathered by on_changed and rechecked, and the whole queue is brought
 * up to date once. */
static void
follow_import (WbRequest      *request,
               WbImportReport *report)
{
  WbServerAccounts *self = request->module;
  g_autoptr(GHashTable) crossed = NULL;

  self->import_crossed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < report->ids->len; i++)
    {
      /* The importer marked what the file marks. */
      self->writer.employer_id = g_array_index (report->ids, gint64, i);
      self->writer.user_id = request->caller.id;
      self->writer.organisation_id = request->caller.organisation_id;
      _wb_server_changed (request, WB_RESOURCE_EMPLOYERS, self->writer.employer_id);
    }
  memset (&self->writer, 0, sizeof self->writer);
  crossed = g_steal_pointer (&self->import_crossed);
  if (report->ids->len > 0)
    refresh_reviews (request->store, 0, crossed);
}

static void
handle_import (WbRequest *request)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(WbImportReport) report = wb_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) result = NULL;
  g_autofree char *summary = NULL;
  const char *type;
  JsonArray *rows;

  /* Whoever may register employers may import them: account managers and coordinators. */
  if (wb_policy_decide (request->caller.role, WB_RESOURCE_EMPLOYERS, WB_ACTION_CREATE, WB_SCOPE_OWN) != WB_DECISION_ALLOW)
    {
      _wb_server_send_error (request->msg, SOUP_STATUS_FORBIDDEN, _("Not allowed"),
                             _("Account managers and coordinators import employers; your role may not."));
      return;
    }
  type = soup_message_headers_get_content_type (soup_server_message_get_request_headers (request->msg), NULL);
  if (g_strcmp0 (type, "text/csv") != 0)
    {
      _wb_server_send_error (request->msg, SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, _("Send the file as text/csv"),
                             _("The body is the CSV file itself, as Excel saves it, with Content-Type text/csv."));
      return;
    }
  body = soup_message_body_flatten (soup_server_message_get_request_body (request->msg));
  if (g_bytes_get_size (body) > MAX_IMPORT_SIZE)
    {
      _wb_server_send_error (request->msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, _("The request is too large"),
                             _("A request body may be at most 1 MiB."));
      return;
    }

  if (!wb_import_employers_csv_bytes (request->store, _("The file"), body, report, &error))
    {
      g_autoptr(WbProblem) problem = NULL;

      if (!g_error_matches (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID))
        {
          _wb_server_send_store_error (request->msg, error);
          return;
        }
      /* A file that cannot be read as a whole: nothing was written; the rows say where, as
       * a spreadsheet numbers them (1 is the header). */
      problem = wb_problem_new (SOUP_STATUS_BAD_REQUEST, _("The file cannot be imported"), error->message);
      for (guint i = 0; i < report->rows->len; i++)
        {
          WbImportRow *row = report->rows->pdata[i];
          g_autofree char *where = g_strdup_printf (_("row %u"), row->line);

          wb_problem_add_error (problem, where, row->message);
        }
      if (report->rows->len == 0)
        wb_problem_add_error (problem, _("file"), error->message);
      _wb_server_send_problem (request->msg, problem);
      return;
    }

  summary = g_strdup_printf (_("%u read, %u new, %u merged, %u refused"), report->n_read, report->n_imported,
                             report->n_updated, report->n_failed);
  if (!wb_store_audit (request->store, request->caller.id, request->caller.organisation_id, "import", "employers", 0,
                       summary, &error))
    g_message ("The import was not audited: %s", error->message);
  follow_import (request, report);

  result = json_object_new ();
  json_object_set_int_member (result, "read", report->n_read);
  json_object_set_int_member (result, "imported", report->n_imported);
  json_object_set_int_member (result, "merged", report->n_updated);
  json_object_set_int_member (result, "refused", report->n_failed);
  rows = json_array_new ();
  for (guint i = 0; i < report->rows->len; i++)
    json_array_add_object_element (rows, import_row_to_json (report->rows->pdata[i]));
  json_object_set_array_member (result, "rows", rows);
  _wb_server_send_object (request->msg, SOUP_STATUS_OK, result);
}

/* The module */

/* An approval is the coordinator's, through the queue: nobody else writes it on the employer
 * directly, also not an account manager who may change the employer otherwise. The first
 * step of a POST of an employer (@id 0) and of a PATCH of employer @id. */
static gboolean
guard_employer (WbRequest *request,
                gint64     id)
{
  WbServerAccounts *self = request->module;
  g_autoptr(JsonObject) body = NULL;

  /* Who writes, for the report of an arrangement after the write (follow_arrangement). */
  self->writer.employer_id = id;
  self->writer.user_id = request->caller.id;
  self->writer.organisation_id = request->caller.organisation_id;
  if (request->caller.role == WB_ROLE_COORDINATOR)
    return TRUE;
  body = _wb_server_parse_body (request);
  if (body == NULL)
    return FALSE;
  if (json_object_has_member (body, "exception_approved_by") || json_object_has_member (body, "exception_approved_at"))
    {
      _wb_server_send_error (request->msg, SOUP_STATUS_FORBIDDEN, _("Not allowed"),
                             _("Only a coordinator approves an exception, in the review queue."));
      return FALSE;
    }
  /* Nor does anyone else move an account: whoever registers an employer may own it, and
   * from then on a transfer is a decision in the queue. */
  if (json_object_has_member (body, "owner_id"))
    {
      gint64 wanted = json_id (body, "owner_id");  /* 0 for none, and for a wrong type the schema names */
      gint64 current = 0;

      if (id > 0)
        {
          g_autoptr(JsonObject) employer = wb_store_get (request->store, WB_RESOURCE_EMPLOYERS, id, NULL);

          if (employer == NULL)
            return TRUE;  /* the record route answers 404 */
          current = json_id (employer, "owner_id");
        }
      if (id > 0 ? wanted != current : wanted != 0 && wanted != request->caller.id)
        {
          _wb_server_send_error (request->msg, SOUP_STATUS_FORBIDDEN, _("Not allowed"),
                                 id > 0 ? _("Only a coordinator moves an account to another owner, in the review queue.")
                                        : _("An employer you register is yours; a coordinator gives it to someone else."));
          return FALSE;
        }
    }
  return TRUE;
}

/* Logging a contact with an employer: the record route writes it. */
static gboolean
before_contact (WbRequest *request,
                gint64     employer_id)
{
  warn_other_owner (request, employer_id);
  return TRUE;
}

static const WbRoute routes[] = {
  { "POST", "/api/v1/employers/import",        handle_import,             WB_ROUTE_WRITES },
  { "GET",  "/api/v1/employers/{id}/rule",     handle_rule,               WB_ROUTE_READS },
  { "GET",  "/api/v1/employers/{id}/history",  handle_history,            WB_ROUTE_READS },
  { "GET",  "/api/v1/arrangements",            handle_arrangements,       WB_ROUTE_READS },
  { "GET",  "/api/v1/users/{id}/handover",     handle_handover_proposal,  WB_ROUTE_READS },
  { "POST", "/api/v1/users/{id}/handover",     handle_handover,           WB_ROUTE_WRITES },
  { "GET",  "/api/v1/accounts",                handle_accounts_list,      WB_ROUTE_READS },
  { "GET",  "/api/v1/accounts/export.csv",     handle_export,             WB_ROUTE_READS },
  { "GET",  "/api/v1/reviews",                 handle_reviews_list,       WB_ROUTE_READS },
  { "GET",  "/api/v1/reviews/{id}",            handle_review,             WB_ROUTE_READS },
  { "POST", "/api/v1/reviews/{id}/decision",   handle_decision,           WB_ROUTE_WRITES },
  { "GET",  "/api/v1/notifications",           handle_notifications_list, WB_ROUTE_READS },
  { "POST", "/api/v1/notifications/{id}/read", handle_notification_read,  WB_ROUTE_WRITES },
};

static const WbRecordHooks record_hooks[] = {
  { WB_RESOURCE_EMPLOYERS, .before_create = guard_employer, .before_update = guard_employer },
  { WB_RESOURCE_CONTACT_LOG, .before_create = before_contact },
};

/* After a write has been committed, so that the counts, the review queue and the owners
 * follow. */
static void
on_changed (gpointer    module,
            WbStore    *store,
            WbResource  resource,
            gint64      id)
{
  WbServerAccounts *self = module;
  g_autoptr(JsonObject) record = NULL;

  switch (resource)
    {
    case WB_RESOURCE_EMPLOYERS:
      {
        g_autoptr(GHashTable) crossed = g_hash_table_new (g_int64_hash, g_int64_equal);
        gint64 *before;
        gint64 after;

        record = wb_store_get (store, WB_RESOURCE_EMPLOYERS, id, NULL);
        if (record == NULL)
          return;
        after = json_object_get_int_member (record, "employee_count");
        before = g_hash_table_lookup (self->counts, &id);
        /* An import gathers the crossings and refreshes the queue once, in follow_import. */
        if (before != NULL && wb_account_size_crossed (*before, after))
          g_hash_table_add (self->import_crossed != NULL ? self->import_crossed : crossed,
                            self->import_crossed != NULL ? int64_dup (id) : &id);
        remember_count (self, id, after);
        if (self->import_crossed == NULL)
          refresh_reviews (store, id, crossed);
        follow_arrangement (self, store, record);
      }
      break;

    case WB_RESOURCE_VACANCIES:
      /* A vacancy at an excepted account is a natural moment to hand it back. */
      record = wb_store_get (store, WB_RESOURCE_VACANCIES, id, NULL);
      if (record != NULL)
        refresh_reviews (store, json_id (record, "employer_id"), NULL);
      break;

    case WB_RESOURCE_CONTACT_LOG:
      notify_owner_of_contact (store, id);
      record = wb_store_get (store, WB_RESOURCE_CONTACT_LOG, id, NULL);
      if (record != NULL)
        refresh_reviews (store, json_id (record, "employer_id"), NULL);
      break;

    case WB_RESOURCE_USERS:
    case WB_RESOURCE_ORGANISATIONS:
    case WB_RESOURCE_MUNICIPALITIES:
      /* Someone left, changed role or organisation, or an organisation serves other
       * municipalities now: any account may be touched. */
      refresh_reviews (store, 0, NULL);
      break;

    case WB_RESOURCE_CLIENTS:
    case WB_RESOURCE_EVENTS:
    case WB_RESOURCE_DIAGNOSES:
    case WB_RESOURCE_CONTACTS:
    case WB_RESOURCE_MATCHES:
    case WB_RESOURCE_COMPETENCES:
    case WB_RESOURCE_OCCUPATIONS:
    case WB_RESOURCE_TARGETS:
    case WB_RESOURCE_ACTION_POINTS:
    case WB_RESOURCE_AUDIT:
    case WB_N_RESOURCES:
    default:
      break;
    }
}

/* A write by another process (an import, a second server): the counts and arrangements
 * kept here follow it, and the review queue is brought up to date; what the writer reports
 * or notifies is its own server's to do. */
static void
on_followed (gpointer    module,
             WbStore    *store,
             WbResource  resource,
             gint64      id)
{
  WbServerAccounts *self = module;
  g_autoptr(JsonObject) record = NULL;

  if (resource != WB_RESOURCE_EMPLOYERS)
    return;
  record = wb_store_get (store, WB_RESOURCE_EMPLOYERS, id, NULL);
  if (record == NULL)
    return;
  remember_count (self, id, json_object_get_int_member (record, "employee_count"));
  remember_arrangement (self, id, json_object_get_boolean_member_with_default (record, "arrangement", FALSE),
                        json_object_get_string_member_with_default (record, "arrangement_note", NULL));
  refresh_reviews (store, id, NULL);
}

static void
accounts_free (WbServerAccounts *self)
{
  g_clear_pointer (&self->counts, g_hash_table_unref);
  g_clear_pointer (&self->arrangements, g_hash_table_unref);
  g_free (self);
}

void
_wb_server_accounts_init (WbServerModule *module,
                          WbStore        *store)
{
  WbServerAccounts *self = g_new0 (WbServerAccounts, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autofree char *today = wb_store_today ();
  gint64 start = g_get_monotonic_time ();

  self->counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->arrangements = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) arrangement_free);

  /* The employee counts as they are now, so that a crossing of 25 shows on a later write. */
  accounts = wb_store_accounts_load (store, 0, FALSE, NULL, today, &error);
  if (accounts == NULL)
    g_message ("Could not read the employer accounts: %s", error->message);
  for (guint i = 0; accounts != NULL && i < accounts->len; i++)
    {
      WbStoreAccount *account = accounts->pdata[i];

      remember_count (self, account->id, account->facts.employee_count);
      remember_arrangement (self, account->id, account->arrangement, account->arrangement_note);
    }

  refresh_reviews (store, 0, NULL);
  g_debug ("Checked the account list in %.0f ms", (g_get_monotonic_time () - start) / 1000.0);

  module->routes = routes;
  module->n_routes = G_N_ELEMENTS (routes);
  module->record_hooks = record_hooks;
  module->n_record_hooks = G_N_ELEMENTS (record_hooks);
  module->changed = on_changed;
  module->followed = on_followed;
  /* What on_changed and on_followed act on: keep in step with their switches. */
  module->changed_resources = (G_GUINT64_CONSTANT (1) << WB_RESOURCE_EMPLOYERS) |
                              (G_GUINT64_CONSTANT (1) << WB_RESOURCE_VACANCIES) |
                              (G_GUINT64_CONSTANT (1) << WB_RESOURCE_CONTACT_LOG) |
                              (G_GUINT64_CONSTANT (1) << WB_RESOURCE_USERS) |
                              (G_GUINT64_CONSTANT (1) << WB_RESOURCE_ORGANISATIONS) |
                              (G_GUINT64_CONSTANT (1) << WB_RESOURCE_MUNICIPALITIES);
  module->state = self;
  module->free_state = (GDestroyNotify) accounts_free;
}
