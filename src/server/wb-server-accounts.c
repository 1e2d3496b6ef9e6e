/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-server-accounts"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wb-account-rules.h"
#include "wb-import.h"
#include "wb-server-private.h"
#include "wb-store-accounts.h"
#include "wb-store-matching.h"

#define DEFAULT_PER_PAGE 50
#define MAX_PER_PAGE     1000

struct _WbServerAccounts
{
  WbServer *server;     /* unowned: the server owns this */
  GHashTable *counts;   /* employer id (gint64 *) -> employee count as last seen (gint64 *) */
};

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

static WbServerAccounts *
accounts_of (WbServer *server)
{
  return server->accounts;
}

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
refresh_reviews (WbServer   *server,
                 gint64      employer_id,
                 GHashTable *crossed)
{
  g_autoptr(GError) error = NULL;
  WbReviewRefresh result = { 0 };

  if (!wb_store_reviews_refresh (server->store, employer_id, crossed, &result, &error))
    g_message ("Could not bring the review queue up to date: %s", error->message);
  else if (result.opened > 0 || result.closed > 0)
    g_debug ("Review queue: %u opened, %u closed after checking %u accounts",
             result.opened, result.closed, result.checked);
}

/* Requests */

static const char *
param (GHashTable *params,
       const char *name)
{
  return params != NULL ? g_hash_table_lookup (params, name) : NULL;
}

static gboolean
parse_paging (WbRequest  *request,
              GHashTable *params,
              guint      *page,
              guint      *per_page)
{
  const char *page_text = param (params, "page");
  const char *per_page_text = param (params, "per_page");
  guint64 v;

  *page = 1;
  *per_page = DEFAULT_PER_PAGE;
  if (page_text != NULL)
    {
      if (!g_ascii_string_to_unsigned (page_text, 10, 1, G_MAXINT32, &v, NULL))
        goto bad;
      *page = (guint) v;
    }
  if (per_page_text != NULL)
    {
      if (!g_ascii_string_to_unsigned (per_page_text, 10, 1, MAX_PER_PAGE, &v, NULL))
        goto bad;
      *per_page = (guint) v;
    }
  return TRUE;

bad:
  _wb_server_send_error (request->msg, SOUP_STATUS_BAD_REQUEST, _("The paging is not valid"),
                         _("page must be 1 or more and per_page between 1 and 1000."));
  return FALSE;
}

/* Refuses parameters a list does not know, so that a typo is not silently ignored. */
static gboolean
check_params (WbRequest           *request,
              GHashTable          *params,
              const char * const  *known)
{
  GHashTableIter iter;
  gpointer key;

  if (params == NULL)
    return TRUE;
  g_hash_table_iter_init (&iter, params);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_strv_contains (known, key))
      {
        g_autofree char *detail = g_strdup_printf (_("%s is not a parameter of this list."), (const char *) key);

        _wb_server_send_error (request->msg, SOUP_STATUS_BAD_REQUEST, _("The request is not valid"), detail);
        return FALSE;
      }
  return TRUE;
}

static void
send_list (WbRequest *request,
           JsonArray *items,
           gint64     total,
           guint      page,
           guint      per_page)
{
  g_autoptr(JsonObject) result = json_object_new ();

  json_object_set_array_member (result, "items", items);
  json_object_set_int_member (result, "total", total);
  json_object_set_int_member (result, "page", page);
  json_object_set_int_member (result, "per_page", per_page);
  _wb_server_send_object (request->msg, SOUP_STATUS_OK, result);
}

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
handle_rule (WbRequest *request,
             gint64     employer_id)
{
  WbStore *store = request->server->store;
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
} AccountFilter;

static void
account_filter_clear (AccountFilter *filter)
{
  g_clear_pointer (&filter->q, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AccountFilter, account_filter_clear)

static const char * const account_params[] = {
  "status", "owner_type", "dormant", "owner_id", "municipality_id", "sector", "size", "q", "page", "per_page", NULL
};

static gboolean
parse_account_filter (WbRequest     *request,
                      GHashTable    *params,
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
  if (!check_params (request, params, account_params))
    return FALSE;

  filter->status = param (params, "status");
  if (filter->status != NULL && !wb_account_status_from_string (filter->status, &status))
    wb_problem_add_error (problem, "status", _("is not a rule status"));
  filter->owner_type = param (params, "owner_type");
  if (filter->owner_type != NULL && !g_str_equal (filter->owner_type, "wsp") &&
      !g_str_equal (filter->owner_type, "local") && !g_str_equal (filter->owner_type, "none"))
    wb_problem_add_error (problem, "owner_type", _("must be wsp, local or none"));
  filter->dormant = param (params, "dormant");
  if (filter->dormant != NULL && !g_str_equal (filter->dormant, "true") && !g_str_equal (filter->dormant, "false"))
    wb_problem_add_error (problem, "dormant", _("must be true or false"));
  if ((text = param (params, "owner_id")) != NULL)
    {
      if (g_str_equal (text, "me"))
        filter->owner_id = request->caller.id;
      else if (g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &v, NULL))
        filter->owner_id = (gint64) v;
      else
        wb_problem_add_error (problem, "owner_id", _("must be the id of a user, or me"));
    }
  if ((text = param (params, "municipality_id")) != NULL)
    {
      if (g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &v, NULL))
        filter->municipality_id = (gint64) v;
      else
        wb_problem_add_error (problem, "municipality_id", _("must be the id of a municipality"));
    }
  filter->sector = param (params, "sector");
  if (filter->sector != NULL && !wb_enum_contains (wb_sectors, filter->sector))
    wb_problem_add_error (problem, "sector", _("is not a known sector"));
  if ((text = param (params, "size")) != NULL)
    {
      if (wb_account_size_class_from_string (text, &size))
        filter->size = size;
      else
        wb_problem_add_error (problem, "size", _("must be micro, small, medium or large"));
    }
  filter->q = wb_account_search_fold (param (params, "q"));

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
} AccountRow;

static void
account_row_clear (gpointer data)
{
  AccountRow *row = data;

  g_clear_pointer (&row->verdict, wb_account_verdict_free);
}

static gint
compare_account_rows (gconstpointer a,
                      gconstpointer b)
{
  const AccountRow *ra = a;
  const AccountRow *rb = b;
  int c = g_utf8_collate (ra->account->name, rb->account->name);

  if (c != 0)
    return c;
  return ra->account->id < rb->account->id ? -1 : ra->account->id > rb->account->id;
}

/* The active accounts the filter lets through, by name, each with its verdict. */
static GArray *
filtered_accounts (WbRequest            *request,
                   const AccountFilter  *filter,
                   GPtrArray           **accounts_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *today = wb_store_today ();
  g_autoptr(GPtrArray) accounts = wb_store_accounts_load (request->server->store, 0, FALSE, NULL, today, &error);
  GArray *rows;

  if (accounts == NULL)
    {
      _wb_server_send_store_error (request->msg, error);
      return NULL;
    }

  rows = g_array_new (FALSE, FALSE, sizeof (AccountRow));
  g_array_set_clear_func (rows, account_row_clear);
  for (guint i = 0; i < accounts->len; i++)
    {
      AccountRow row = { accounts->pdata[i], wb_account_rules_evaluate (&((WbStoreAccount *) accounts->pdata[i])->facts) };

      if (account_matches (filter, row.account, row.verdict))
        g_array_append_val (rows, row);
      else
        wb_account_verdict_free (row.verdict);
    }
  g_array_sort (rows, compare_account_rows);
  *accounts_out = g_steal_pointer (&accounts);
  return rows;
}

static void
handle_accounts_list (WbRequest  *request,
                      GHashTable *params)
{
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GArray) rows = NULL;
  g_auto(AccountFilter) filter = { 0 };
  JsonArray *items;
  guint page, per_page;

  if (!require_account_reader (request) ||
      !parse_account_filter (request, params, &filter) ||
      !parse_paging (request, params, &page, &per_page))
    return;
  rows = filtered_accounts (request, &filter, &accounts);
  if (rows == NULL)
    return;

  items = json_array_new ();
  for (guint i = (page - 1) * per_page; i < rows->len && i < (guint64) page * per_page; i++)
    {
      AccountRow *row = &g_array_index (rows, AccountRow, i);

      json_array_add_object_element (items, account_to_json (row->account, row->verdict));
    }
  send_list (request, items, rows->len, page, per_page);
}

/* A cell of a CSV file for a spreadsheet: quoted when it holds the separator, a quote or
 * a line break, and never read as a formula. */
static void
append_cell (GString    *out,
             const char *text)
{
  gboolean formula, quote;

  if (text == NULL || *text == '\0')
    return;
  formula = strchr ("=+-@\t\r", text[0]) != NULL;
  quote = formula || strpbrk (text, ";\"\r\n") != NULL;
  if (!quote)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  if (formula)
    g_string_append_c (out, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* A number with one decimal, written the Dutch way: 7,5. */
static void
append_decimal (GString *out,
                double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buffer, sizeof buffer, "%.1f", value);
  for (char *p = buffer; *p != '\0'; p++)
    if (*p == '.')
      *p = ',';
  g_string_append (out, buffer);
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
handle_export (WbRequest  *request,
               GHashTable *params)
{
  g_autoptr(GPtrArray) accounts = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GString) out = NULL;
  g_autofree char *today = wb_store_today ();
  g_autofree char *disposition = NULL;
  g_auto(AccountFilter) filter = { 0 };
  const char *header[] = {
    _("Name"), _("KvK number"), _("Sector"), _("Employees"), _("Municipality"), _("Owner"),
    _("Owner's organisation"), _("Owner type"), _("Expected owner type"), _("Rule status"),
    _("Dormant"), _("Last contact"), _("Months without contact"), _("Open vacancies"),
  };
  gsize length;

  if (!require_account_reader (request) || !parse_account_filter (request, params, &filter))
    return;
  rows = filtered_accounts (request, &filter, &accounts);
  if (rows == NULL)
    return;

  /* What a Dutch Excel opens without asking: UTF-8 with a byte-order mark, semicolons,
   * CRLF and a decimal comma. */
  out = g_string_new ("\xEF\xBB\xBF");
  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    {
      if (i > 0)
        g_string_append_c (out, ';');
      append_cell (out, header[i]);
    }
  g_string_append (out, "\r\n");

  for (guint i = 0; i < rows->len; i++)
    {
      AccountRow *row = &g_array_index (rows, AccountRow, i);
      const WbAccountFacts *facts = &row->account->facts;
      double months;

      append_cell (out, row->account->name);
      g_string_append_c (out, ';');
      append_cell (out, row->account->kvk);
      g_string_append_c (out, ';');
      append_cell (out, row->account->sector);
      g_string_append_printf (out, ";%lld;", (long long) facts->employee_count);
      append_cell (out, facts->municipality_name);
      g_string_append_c (out, ';');
      append_cell (out, facts->owner_name);
      g_string_append_c (out, ';');
      append_cell (out, facts->owner_organisation_name);
      g_string_append_c (out, ';');
      append_cell (out, facts->owner_id > 0 ? wb_owner_type_to_label (row->verdict->owner_type) : NULL);
      g_string_append_c (out, ';');
      append_cell (out, wb_owner_type_to_label (row->verdict->expected_owner_type));
      g_string_append_c (out, ';');
      append_cell (out, wb_account_status_to_label (row->verdict->status));
      g_string_append_c (out, ';');
      append_cell (out, row->verdict->dormant ? _("yes") : _("no"));
      g_string_append_c (out, ';');
      append_cell (out, facts->last_contact);
      g_string_append_c (out, ';');
      if (months_between (facts->last_contact, today, &months))
        append_decimal (out, months);
      g_string_append_printf (out, ";%lld\r\n", (long long) row->account->open_vacancies);
    }

  disposition = g_strdup_printf ("attachment; filename=\"werkbrug-accounts-%s.csv\"", today);
  soup_message_headers_replace (soup_server_message_get_response_headers (request->msg),
                                "Content-Disposition", disposition);
  length = out->len;
  soup_server_message_set_status (request->msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (request->msg, "text/csv; charset=utf-8", SOUP_MEMORY_TAKE,
                                    g_string_free (g_steal_pointer (&out), FALSE), length);
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
  g_autoptr(JsonObject) review = wb_store_review_get (request->server->store, id, &error);

  if (review == NULL)
    {
      _wb_server_send_store_error (request->msg, error);
      return;
    }
  _wb_server_set_etag (request->msg, review);
  _wb_server_send_object (request->msg, SOUP_STATUS_OK, review);
}

static void
handle_reviews_list (WbRequest  *request,
                     GHashTable *params)
{
  static const char * const known[] = { "status", "kind", "page", "per_page", NULL };
  g_autoptr(GPtrArray) reviews = NULL;
  g_autoptr(GError) error = NULL;
  const char *status = param (params, "status");
  const char *kind = param (params, "kind");
  JsonArray *items;
  gint64 total = 0;
  guint page, per_page;

  if (!require_coordinator (request) || !check_params (request, params, known))
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
  if (!parse_paging (request, params, &page, &per_page))
    return;

  reviews = wb_store_reviews_list (request->server->store, status, kind, (page - 1) * per_page, per_page,
                                   &total, &error);
  if (reviews == NULL)
    {
      _wb_server_send_store_error (request->msg, error);
      return;
    }
  items = json_array_new ();
  for (guint i = 0; i < reviews->len; i++)
    json_array_add_object_element (items, json_object_ref (reviews->pdata[i]));
  send_list (request, items, total, page, per_page);
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
handle_decision (WbRequest *request,
                 gint64     review_id)
{
  WbServer *server = request->server;
  WbStore *store = server->store;
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

/* Notifications */

static void
handle_notifications_list (WbRequest  *request,
                           GHashTable *params)
{
  static const char * const known[] = { "unread", "page", "per_page", NULL };
  g_autoptr(GPtrArray) notifications = NULL;
  g_autoptr(GError) error = NULL;
  const char *unread = param (params, "unread");
  JsonArray *items;
  gint64 total = 0;
  guint page, per_page;

  if (!check_params (request, params, known))
    return;
  if (unread != NULL && !g_str_equal (unread, "true") && !g_str_equal (unread, "false"))
    {
      _wb_server_send_error (request->msg, SOUP_STATUS_BAD_REQUEST, _("The request is not valid"),
                             _("unread is true or false."));
      return;
    }
  if (!parse_paging (request, params, &page, &per_page))
    return;

  notifications = wb_store_notifications_list (request->server->store, request->caller.id,
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
  send_list (request, items, total, page, per_page);
}

static void
handle_notification_read (WbRequest *request,
                          gint64     id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) notification = wb_store_notification_mark_read (request->server->store, id,
                                                                        request->caller.id, &error);

  if (notification == NULL)
    {
      _wb_server_send_store_error (request->msg, error);
      return;
    }
  _wb_server_send_object (request->msg, SOUP_STATUS_OK, notification);
}

/* Two parties, one employer: whoever logs a contact with an account another organisation
 * owns hears so in the answer; the owner hears of it from _wb_server_accounts_changed. */
static void
warn_other_owner (WbRequest *request,
                  gint64     employer_id)
{
  WbStore *store = request->server->store;
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
notify_owner_of_contact (WbServer *server,
                         gint64    contact_log_id)
{
  WbStore *store = server->store;
  g_autoptr(JsonObject) entry = wb_store_get (store, WB_RESOURCE_CONTACT_LOG, contact_log_id, NULL);
  g_autoptr(JsonObject) employer = NULL;
  g_autoptr(JsonObject) author = NULL;
  g_autoptr(JsonObject) organisation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
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
  title = g_strdup_printf (_("%s of %s contacted %s on %s"),
                           author != NULL ? json_object_get_string_member (author, "display_name") : "?",
                           organisation != NULL ? json_object_get_string_member (organisation, "name") : "?",
                           json_object_get_string_member (employer, "name"),
                           json_object_get_string_member (entry, "date"));
  if (wb_store_add_notification (store, owner_id, "contact_by_other_party", title,
                                 json_object_get_string_member_with_default (entry, "note", NULL),
                                 "employers", json_id (employer, "id"), 0, -1, &error) == 0)
    g_message ("Could not tell the owner of a contact: %s", error->message);
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

/* The account list follows an import as it follows one write: the counts that crossed 25
 * are rechecks, and the whole queue is brought up to date once. */
static void
follow_import (WbServer       *server,
               WbImportReport *report)
{
  WbServerAccounts *self = accounts_of (server);
  g_autoptr(GHashTable) crossed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; i < report->ids->len; i++)
    {
      gint64 id = g_array_index (report->ids, gint64, i);
      g_autoptr(JsonObject) employer = wb_store_get (server->store, WB_RESOURCE_EMPLOYERS, id, NULL);
      gint64 *before;
      gint64 after;

      _wb_server_matching_changed (server, WB_RESOURCE_EMPLOYERS, id);
      if (employer == NULL || self == NULL)
        continue;
      after = json_object_get_int_member (employer, "employee_count");
      before = g_hash_table_lookup (self->counts, &id);
      if (before != NULL && wb_account_size_crossed (*before, after))
        g_hash_table_add (crossed, int64_dup (id));
      remember_count (self, id, after);
    }
  if (self != NULL && report->ids->len > 0)
    refresh_reviews (server, 0, crossed);
}

static void
handle_import (WbRequest *request)
{
  WbServer *server = request->server;
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

  if (!wb_import_employers_csv_bytes (server->store, _("The file"), body, report, &error))
    {
      g_autoptr(WbProblem) problem = NULL;

      if (!g_error_matches (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID))
        {
          _wb_server_send_store_error (request->msg, error);
          return;
        }
      /* A file that cannot be read as a whole: nothing was written; the lines say where. */
      problem = wb_problem_new (SOUP_STATUS_BAD_REQUEST, _("The file cannot be imported"), error->message);
      for (guint i = 0; i < report->rows->len; i++)
        {
          WbImportRow *row = report->rows->pdata[i];
          g_autofree char *where = g_strdup_printf (_("line %u"), row->line);

          wb_problem_add_error (problem, where, row->message);
        }
      if (report->rows->len == 0)
        wb_problem_add_error (problem, _("file"), error->message);
      _wb_server_send_problem (request->msg, problem);
      return;
    }

  summary = g_strdup_printf (_("%u read, %u new, %u merged, %u refused"), report->n_read, report->n_imported,
                             report->n_updated, report->n_failed);
  if (!wb_store_audit (server->store, request->caller.id, request->caller.organisation_id, "import", "employers", 0,
                       summary, &error))
    g_message ("The import was not audited: %s", error->message);
  follow_import (server, report);

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

/* The extension's entry points */

WbServerAccounts *
_wb_server_accounts_new (WbServer *server)
{
  WbServerAccounts *self = g_new0 (WbServerAccounts, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  g_autofree char *today = wb_store_today ();
  gint64 start = g_get_monotonic_time ();

  self->server = server;
  self->counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  /* The employee counts as they are now, so that a crossing of 25 shows on a later write. */
  accounts = wb_store_accounts_load (server->store, 0, FALSE, NULL, today, &error);
  if (accounts == NULL)
    g_message ("Could not read the employer accounts: %s", error->message);
  for (guint i = 0; accounts != NULL && i < accounts->len; i++)
    {
      WbStoreAccount *account = accounts->pdata[i];

      remember_count (self, account->id, account->facts.employee_count);
    }

  refresh_reviews (server, 0, NULL);
  g_debug ("Checked the account list in %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
  return self;
}

void
_wb_server_accounts_free (WbServerAccounts *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->counts, g_hash_table_unref);
  g_free (self);
}

gboolean
_wb_server_accounts_route (WbRequest  *request,
                           GHashTable *params)
{
  const char *method = request->method;
  const char *first = request->segments[0];
  guint n = request->n_segments;
  gboolean get = g_str_equal (method, "GET");
  gboolean post = g_str_equal (method, "POST");
  gint64 id = 0;

  /* An approval is the coordinator's, through the queue: nobody else writes it on the
   * employer directly, also not an account manager who may change the employer otherwise. */
  if (g_str_equal (first, "employers") && request->caller.role != WB_ROLE_COORDINATOR &&
      ((n == 1 && post) || (n == 2 && g_str_equal (method, "PATCH") && _wb_server_parse_id (request->segments[1], &id))))
    {
      g_autoptr(JsonObject) body = _wb_server_parse_body (request);

      if (body == NULL)
        return TRUE;
      if (json_object_has_member (body, "exception_approved_by") || json_object_has_member (body, "exception_approved_at"))
        {
          _wb_server_send_error (request->msg, SOUP_STATUS_FORBIDDEN, _("Not allowed"),
                                 _("Only a coordinator approves an exception, in the review queue."));
          return TRUE;
        }
      /* Nor does anyone else move an account: whoever registers an employer may own it, and
       * from then on a transfer is a decision in the queue. */
      if (json_object_has_member (body, "owner_id"))
        {
          gint64 wanted = json_id (body, "owner_id");  /* 0 for none, and for a wrong type the schema names */
          gint64 current = 0;

          if (id > 0)
            {
              g_autoptr(JsonObject) employer = wb_store_get (request->server->store, WB_RESOURCE_EMPLOYERS, id, NULL);

              if (employer == NULL)
                return FALSE;  /* the generic route answers 404 */
              current = json_id (employer, "owner_id");
            }
          if (id > 0 ? wanted != current : wanted != 0 && wanted != request->caller.id)
            {
              _wb_server_send_error (request->msg, SOUP_STATUS_FORBIDDEN, _("Not allowed"),
                                     id > 0 ? _("Only a coordinator moves an account to another owner, in the review queue.")
                                            : _("An employer you register is yours; a coordinator gives it to someone else."));
              return TRUE;
            }
        }
      return FALSE;
    }

  if (g_str_equal (first, "employers") && n == 2 && g_str_equal (request->segments[1], "import"))
    {
      if (post)
        handle_import (request);
      else
        _wb_server_send_error (request->msg, SOUP_STATUS_METHOD_NOT_ALLOWED, _("Method not allowed"), NULL);
      return TRUE;
    }

  if (g_str_equal (first, "employers") && n == 3 && _wb_server_parse_id (request->segments[1], &id))
    {
      if (g_str_equal (request->segments[2], "rule"))
        {
          if (get)
            handle_rule (request, id);
          else
            _wb_server_send_error (request->msg, SOUP_STATUS_METHOD_NOT_ALLOWED, _("Method not allowed"), NULL);
          return TRUE;
        }
      /* The contact itself is written by the generic nested route. */
      if (g_str_equal (request->segments[2], "contact-log") && post)
        warn_other_owner (request, id);
      return FALSE;
    }

  if (g_str_equal (first, "accounts"))
    {
      if (n == 1 && get)
        handle_accounts_list (request, params);
      else if (n == 2 && g_str_equal (request->segments[1], "export.csv") && get)
        handle_export (request, params);
      else if (n <= 2)
        _wb_server_send_error (request->msg, SOUP_STATUS_METHOD_NOT_ALLOWED, _("Method not allowed"), NULL);
      else
        _wb_server_send_error (request->msg, SOUP_STATUS_NOT_FOUND, _("Not found"), _("There is no such resource in API v1."));
      return TRUE;
    }

  if (g_str_equal (first, "reviews"))
    {
      if (n >= 2 && !_wb_server_parse_id (request->segments[1], &id))
        _wb_server_send_error (request->msg, SOUP_STATUS_NOT_FOUND, _("Not found"), _("There is no such resource in API v1."));
      else if (n == 1 && get)
        handle_reviews_list (request, params);
      else if (n == 2 && get)
        {
          if (require_coordinator (request))
            send_review (request, id);
        }
      else if (n == 3 && g_str_equal (request->segments[2], "decision") && post)
        handle_decision (request, id);
      else if (n == 1 || n == 2 || (n == 3 && g_str_equal (request->segments[2], "decision")))
        _wb_server_send_error (request->msg, SOUP_STATUS_METHOD_NOT_ALLOWED, _("Method not allowed"), NULL);
      else
        _wb_server_send_error (request->msg, SOUP_STATUS_NOT_FOUND, _("Not found"), _("There is no such resource in API v1."));
      return TRUE;
    }

  if (g_str_equal (first, "notifications"))
    {
      if (n >= 2 && !_wb_server_parse_id (request->segments[1], &id))
        _wb_server_send_error (request->msg, SOUP_STATUS_NOT_FOUND, _("Not found"), _("There is no such resource in API v1."));
      else if (n == 1 && get)
        handle_notifications_list (request, params);
      else if (n == 3 && g_str_equal (request->segments[2], "read") && post)
        handle_notification_read (request, id);
      else if (n == 1 || (n == 3 && g_str_equal (request->segments[2], "read")))
        _wb_server_send_error (request->msg, SOUP_STATUS_METHOD_NOT_ALLOWED, _("Method not allowed"), NULL);
      else
        _wb_server_send_error (request->msg, SOUP_STATUS_NOT_FOUND, _("Not found"), _("There is no such resource in API v1."));
      return TRUE;
    }

  return FALSE;
}

void
_wb_server_accounts_changed (WbServer   *server,
                             WbResource  resource,
                             gint64      id)
{
  WbServerAccounts *self = accounts_of (server);
  g_autoptr(JsonObject) record = NULL;

  if (self == NULL)
    return;

  switch (resource)
    {
    case WB_RESOURCE_EMPLOYERS:
      {
        g_autoptr(GHashTable) crossed = g_hash_table_new (g_int64_hash, g_int64_equal);
        gint64 *before;
        gint64 after;

        record = wb_store_get (server->store, WB_RESOURCE_EMPLOYERS, id, NULL);
        if (record == NULL)
          return;
        after = json_object_get_int_member (record, "employee_count");
        before = g_hash_table_lookup (self->counts, &id);
        if (before != NULL && wb_account_size_crossed (*before, after))
          g_hash_table_add (crossed, &id);
        remember_count (self, id, after);
        refresh_reviews (server, id, crossed);
      }
      break;

    case WB_RESOURCE_VACANCIES:
      /* A vacancy at an excepted account is a natural moment to hand it back. */
      record = wb_store_get (server->store, WB_RESOURCE_VACANCIES, id, NULL);
      if (record != NULL)
        refresh_reviews (server, json_id (record, "employer_id"), NULL);
      break;

    case WB_RESOURCE_CONTACT_LOG:
      notify_owner_of_contact (server, id);
      record = wb_store_get (server->store, WB_RESOURCE_CONTACT_LOG, id, NULL);
      if (record != NULL)
        refresh_reviews (server, json_id (record, "employer_id"), NULL);
      break;

    case WB_RESOURCE_USERS:
    case WB_RESOURCE_ORGANISATIONS:
    case WB_RESOURCE_MUNICIPALITIES:
      /* Someone left, changed role or organisation, or an organisation serves other
       * municipalities now: any account may be touched. */
      refresh_reviews (server, 0, NULL);
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
