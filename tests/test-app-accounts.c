/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "test-app-accounts"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "wb-account-editor.h"
#include "wb-account-list-model.h"
#include "wb-account-page.h"
#include "wb-account-print.h"
#include "wb-accounts-view.h"
#include "wb-application.h"
#include "wb-arrangement-list.h"
#include "wb-arrangements-view.h"
#include "wb-filter-dropdown.h"
#include "wb-handover-dialog.h"
#include "wb-contact-dialog.h"
#include "wb-format.h"
#include "wb-labels.h"
#include "wb-review-decision-dialog.h"
#include "wb-review-list.h"
#include "wb-review-queue.h"
#include "wb-session.h"
#include "wb-test-util.h"
#include "wb-window.h"
#include "wb-test-gtk.h"

/* Widget tests of the employer accounts and the coordinator's review queue on synthetic
 * records: the account list model's filters, sorting, counts and search, the account page,
 * the print of the list, the queue's order and who sees it. Every name is made up. */

#define N_ACCOUNTS 240

/* Users: 10 and 11 are local account managers of organisation 1, 12 a WSP account manager
 * of organisation 2 (a WSP), 13 a local account manager of organisation 3, 14 a coordinator
 * at the WSP, 15 a consultant of organisation 1. */
static const struct {
  gint64 id;
  gint64 organisation;
  const char *name;
  const char *role;
} users[] = {
  { 10, 1, "Lotte Lokaal", "account_manager_local" },
  { 11, 1, "Luuk Lemmens", "account_manager_local" },
  { 12, 2, "Willem Wever", "account_manager_wsp" },
  { 13, 3, "Mila Maas", "account_manager_local" },
  { 14, 2, "Cora Coördinator", "coordinator" },
  { 15, 1, "Chris Claessens", "consultant" },
};

static const char * const municipality_names[] = { "Heerlen", "Kerkrade", "Brunssum", "Maastricht" };
static const char * const organisation_names[] = { "ISD Heuvel", "WSP Zuid", "ISD Maas" };

/* Account i: every property follows from i, so that the test can count. */
static gint64
account_owner (guint i)
{
  return i % 5 == 0 ? 0 : 10 + i % 4;
}

static gint64
account_size (guint i)
{
  return (i * 7) % 130;
}

static gboolean
account_dormant (guint i)
{
  return i % 3 == 0;
}

static WbAccountStatus
account_status (guint i)
{
  return i % WB_N_ACCOUNT_STATUSES;
}

static const char *
user_name (gint64 id)
{
  for (guint u = 0; u < G_N_ELEMENTS (users); u++)
    if (users[u].id == id)
      return users[u].name;
  return NULL;
}

static gint64
user_organisation (gint64 id)
{
  for (guint u = 0; u < G_N_ELEMENTS (users); u++)
    if (users[u].id == id)
      return users[u].organisation;
  return 0;
}

static WbOwnerType
account_owner_type (guint i)
{
  gint64 owner = account_owner (i);

  if (owner == 0)
    return WB_OWNER_TYPE_NONE;
  return owner == 12 ? WB_OWNER_TYPE_WSP : WB_OWNER_TYPE_LOCAL;
}

static JsonObject *
make_account (guint i)
{
  JsonObject *o = json_object_new ();
  g_autofree char *name = g_strdup_printf ("%s %03u%s", i % 2 == 0 ? "Bakkerij" : "Zorggroep", i,
                                           i % 7 == 0 ? " B.V." : "");
  g_autofree char *kvk = g_strdup_printf ("%08u", 14000000 + i);
  g_autofree char *contact = g_strdup_printf ("2026-%02u-%02u", 1 + i % 12, 1 + i % 28);
  gint64 owner = account_owner (i);

  json_object_set_int_member (o, "id", i + 1);
  json_object_set_string_member (o, "name", name);
  json_object_set_string_member (o, "kvk", kvk);
  json_object_set_string_member (o, "sector", wb_sectors[i % 18]);
  json_object_set_int_member (o, "employee_count", account_size (i));
  json_object_set_string_member (o, "pc4", "6411");
  json_object_set_int_member (o, "municipality_id", 1 + i % 4);
  json_object_set_string_member (o, "municipality", municipality_names[i % 4]);
  if (owner > 0)
    {
      json_object_set_int_member (o, "owner_id", owner);
      json_object_set_string_member (o, "owner_name", user_name (owner));
      json_object_set_string_member (o, "owner_organisation", organisation_names[user_organisation (owner) - 1]);
    }
  else
    {
      json_object_set_null_member (o, "owner_id");
      json_object_set_null_member (o, "owner_name");
      json_object_set_null_member (o, "owner_organisation");
    }
  json_object_set_string_member (o, "owner_type", wb_owner_type_to_string (account_owner_type (i)));
  json_object_set_string_member (o, "expected_owner_type",
                                 wb_owner_type_to_string (wb_account_expected_owner_type (account_size (i))));
  json_object_set_string_member (o, "status", wb_account_status_to_string (account_status (i)));
  json_object_set_boolean_member (o, "dormant", account_dormant (i));
  if (i % 6 == 0)
    json_object_set_null_member (o, "last_contact");
  else
    json_object_set_string_member (o, "last_contact", contact);
  json_object_set_int_member (o, "open_vacancies", i % 4);
  json_object_set_boolean_member (o, "active", TRUE);
  return o;
}

static WbSession *
make_session (gint64 me_id)
{
  JsonObject *me = json_object_new ();
  g_autoptr(WbRecord) me_record = NULL;
  g_autoptr(GListStore) orgs = g_list_store_new (WB_TYPE_RECORD);
  g_autoptr(GListStore) municipalities = g_list_store_new (WB_TYPE_RECORD);
  g_autoptr(GListStore) people = g_list_store_new (WB_TYPE_RECORD);
  static const char * const kinds[] = { "social_service", "wsp", "social_service" };
  WbSession *session;

  for (guint u = 0; u < G_N_ELEMENTS (users); u++)
    {
      JsonObject *user = json_object_new ();
      g_autoptr(WbRecord) record = NULL;

      json_object_set_int_member (user, "id", users[u].id);
      json_object_set_int_member (user, "organisation_id", users[u].organisation);
      json_object_set_string_member (user, "display_name", users[u].name);
      json_object_set_string_member (user, "role", users[u].role);
      json_object_set_boolean_member (user, "active", TRUE);
      record = wb_test_record_take (WB_RESOURCE_USERS, user);
      g_list_store_append (people, record);
      if (users[u].id == me_id)
        me = json_object_ref (wb_record_get_object (record));
    }
  me_record = wb_test_record_take (WB_RESOURCE_USERS, me);
  session = wb_session_new (NULL, me_record);

  for (guint i = 0; i < G_N_ELEMENTS (organisation_names); i++)
    {
      JsonObject *o = json_object_new ();
      g_autoptr(WbRecord) r = NULL;

      json_object_set_int_member (o, "id", i + 1);
      json_object_set_string_member (o, "name", organisation_names[i]);
      json_object_set_string_member (o, "kind", kinds[i]);
      r = wb_test_record_take (WB_RESOURCE_ORGANISATIONS, o);
      g_list_store_append (orgs, r);
    }
  for (guint i = 0; i < G_N_ELEMENTS (municipality_names); i++)
    {
      JsonObject *o = json_object_new ();
      g_autoptr(WbRecord) r = NULL;

      json_object_set_int_member (o, "id", i + 1);
      json_object_set_string_member (o, "name", municipality_names[i]);
      r = wb_test_record_take (WB_RESOURCE_MUNICIPALITIES, o);
      g_list_store_append (municipalities, r);
    }
  wb_session_set_lookup (session, WB_RESOURCE_ORGANISATIONS, G_LIST_MODEL (orgs));
  wb_session_set_lookup (session, WB_RESOURCE_MUNICIPALITIES, G_LIST_MODEL (municipalities));
  wb_session_set_lookup (session, WB_RESOURCE_USERS, G_LIST_MODEL (people));
  return session;
}

static GListModel *
make_records (void)
{
  GListStore *records = g_list_store_new (WB_TYPE_RECORD);

  for (guint i = 0; i < N_ACCOUNTS; i++)
    {
      g_autoptr(WbRecord) record = wb_test_record_take (WB_RESOURCE_EMPLOYERS, make_account (i));
      g_list_store_append (records, record);
    }
  return G_LIST_MODEL (records);
}

static WbAccountListModel *
make_model (void)
{
  WbAccountListModel *model = wb_account_list_model_new ();
  g_autoptr(GListModel) records = make_records ();

  wb_account_list_model_append_records (model, records);
  return model;
}

static guint
n_shown (WbAccountListModel *model)
{
  guint n = g_list_model_get_n_items (wb_account_list_model_get_model (model));

  g_assert_cmpuint (n, ==, wb_account_list_model_get_n_shown (model));
  return n;
}

static guint
count_where (gboolean (*predicate) (guint i, gconstpointer data),
             gconstpointer data)
{
  guint n = 0;

  for (guint i = 0; i < N_ACCOUNTS; i++)
    n += predicate (i, data) ? 1 : 0;
  return n;
}

static gboolean
owned_by (guint         i,
          gconstpointer data)
{
  return account_owner (i) == *(const gint64 *) data;
}

static gboolean
of_size (guint         i,
         gconstpointer data)
{
  return (int) wb_account_size_class (account_size (i)) == GPOINTER_TO_INT (data);
}

static gboolean
of_status (guint         i,
           gconstpointer data)
{
  return (int) account_status (i) == GPOINTER_TO_INT (data);
}

static gboolean
of_owner_type (guint         i,
               gconstpointer data)
{
  return (int) account_owner_type (i) == GPOINTER_TO_INT (data);
}

static gboolean
dormant_and_wsp_in_heerlen (guint         i,
                            gconstpointer data)
{
  return account_dormant (i) && account_owner_type (i) == WB_OWNER_TYPE_WSP && i % 4 == 0;
}

/* Tests: the account list */

static void
test_counts (void)
{
  WbAccountListModel *model = make_model ();
  WbAccountRow *row;

  g_assert_cmpuint (wb_account_list_model_get_n_loaded (model), ==, N_ACCOUNTS);
  g_assert_cmpuint (n_shown (model), ==, N_ACCOUNTS);
  g_assert_false (wb_account_list_model_get_filtered (model));

  row = wb_account_list_model_find (model, 8);
  g_assert_nonnull (row);
  g_assert_cmpstr (wb_account_row_get_name (row), ==, "Zorggroep 007 B.V.");
  g_assert_cmpstr (wb_account_row_get_kvk (row), ==, "14000007");
  g_assert_cmpstr (wb_account_row_get_owner_name (row), ==, "Mila Maas");
  g_assert_cmpint (wb_account_row_get_employee_count (row), ==, 49);
  g_assert_cmpint (wb_account_row_get_size_class (row), ==, WB_ACCOUNT_SIZE_MEDIUM);
  g_assert_cmpint (wb_account_row_get_status (row), ==, account_status (7));
  g_assert_cmpstr (wb_account_row_get_sector_label (row), ==, wb_label_for_enum ("sector", wb_sectors[7]));
  /* Nobody owns account 1 (i = 0): its owner shows as empty, sorts first. */
  g_assert_cmpstr (wb_account_row_get_owner_name (wb_account_list_model_find (model, 1)), ==, "");
  g_assert_cmpint (wb_account_row_get_owner_type (wb_account_list_model_find (model, 1)), ==, WB_OWNER_TYPE_NONE);

  g_assert_finalize_object (model);
}

static void
test_filters (void)
{
  WbAccountListModel *model = make_model ();
  g_autoptr(GHashTable) query = NULL;
  gint64 lotte = 10;

  /* "Mine" is the owner filter with the user's own id. */
  wb_account_list_model_set_owner (model, lotte);
  g_assert_cmpuint (n_shown (model), ==, count_where (owned_by, &lotte));
  g_assert_true (wb_account_list_model_get_filtered (model));
  wb_account_list_model_set_owner (model, 0);

  for (int t = 0; t < WB_N_OWNER_TYPES; t++)
    {
      wb_account_list_model_set_owner_type (model, t);
      g_assert_cmpuint (n_shown (model), ==, count_where (of_owner_type, GINT_TO_POINTER (t)));
    }
  wb_account_list_model_set_owner_type (model, -1);

  wb_account_list_model_set_municipality (model, 2);
  g_assert_cmpuint (n_shown (model), ==, N_ACCOUNTS / 4);
  wb_account_list_model_set_municipality (model, 0);

  wb_account_list_model_set_sector (model, "logistics");
  g_assert_cmpuint (n_shown (model), ==, 14);  /* i % 18 == 3: 3, 21, ..., 237 */
  wb_account_list_model_set_sector (model, NULL);

  for (int s = 0; s < WB_N_ACCOUNT_SIZES; s++)
    {
      wb_account_list_model_set_size_class (model, s);
      g_assert_cmpuint (n_shown (model), ==, count_where (of_size, GINT_TO_POINTER (s)));
      g_assert_cmpuint (n_shown (model), >, 0);
    }
  wb_account_list_model_set_size_class (model, -1);

  for (int s = 0; s < WB_N_ACCOUNT_STATUSES; s++)
    {
      wb_account_list_model_set_status (model, s);
      g_assert_cmpuint (n_shown (model), ==, count_where (of_status, GINT_TO_POINTER (s)));
    }
  wb_account_list_model_set_status (model, -1);

  wb_account_list_model_set_dormant (model, 1);
  g_assert_cmpuint (n_shown (model), ==, N_ACCOUNTS / 3);
  wb_account_list_model_set_dormant (model, 0);
  g_assert_cmpuint (n_shown (model), ==, N_ACCOUNTS - N_ACCOUNTS / 3);

  /* Filters together, and the same filters as the export's parameters. */
  wb_account_list_model_set_dormant (model, 1);
  wb_account_list_model_set_owner_type (model, WB_OWNER_TYPE_WSP);
  wb_account_list_model_set_municipality (model, 1);
  g_assert_cmpuint (n_shown (model), ==, count_where (dormant_and_wsp_in_heerlen, NULL));
  wb_account_list_model_set_size_class (model, WB_ACCOUNT_SIZE_LARGE);
  wb_account_list_model_set_search (model, " Bakkerij ");
  query = wb_account_list_model_dup_query (model);
  g_assert_cmpuint (g_hash_table_size (query), ==, 5);
  g_assert_cmpstr (g_hash_table_lookup (query, "dormant"), ==, "true");
  g_assert_cmpstr (g_hash_table_lookup (query, "owner_type"), ==, "wsp");
  g_assert_cmpstr (g_hash_table_lookup (query, "municipality_id"), ==, "1");
  g_assert_cmpstr (g_hash_table_lookup (query, "size"), ==, "large");
  g_assert_cmpstr (g_hash_table_lookup (query, "q"), ==, "Bakkerij");

  wb_account_list_model_reset_filters (model);
  g_assert_cmpuint (n_shown (model), ==, N_ACCOUNTS);
  g_assert_false (wb_account_list_model_get_filtered (model));
  g_clear_pointer (&query, g_hash_table_unref);
  query = wb_account_list_model_dup_query (model);
  g_assert_cmpuint (g_hash_table_size (query), ==, 0);

  g_assert_finalize_object (model);
}

static void
test_search (void)
{
  WbAccountListModel *model = make_model ();

  /* Name, KvK number, owner and municipality, without regard to case or accents. */
  wb_account_list_model_set_search (model, "bakkerij");
  g_assert_cmpuint (n_shown (model), ==, N_ACCOUNTS / 2);
  wb_account_list_model_set_search (model, "bakkerij 01");
  g_assert_cmpuint (n_shown (model), ==, 5);  /* 010, 012, 014, 016, 018 */
  wb_account_list_model_set_search (model, "bakkerij 0");
  g_assert_cmpuint (n_shown (model), ==, 50);
  wb_account_list_model_set_search (model, "14000007");
  g_assert_cmpuint (n_shown (model), ==, 1);
  wb_account_list_model_set_search (model, "MILA");
  g_assert_cmpuint (n_shown (model), ==, count_where (owned_by, &(gint64) { 13 }));
  wb_account_list_model_set_search (model, "coordinator");
  g_assert_cmpuint (n_shown (model), ==, 0);
  wb_account_list_model_set_search (model, "maastricht");
  g_assert_cmpuint (n_shown (model), ==, N_ACCOUNTS / 4);
  wb_account_list_model_set_municipality (model, 4);
  g_assert_cmpuint (n_shown (model), ==, N_ACCOUNTS / 4);
  wb_account_list_model_set_municipality (model, 1);
  g_assert_cmpuint (n_shown (model), ==, 0);
  wb_account_list_model_set_municipality (model, 0);
  wb_account_list_model_set_search (model, "   ");
  g_assert_null (wb_account_list_model_get_search (model));
  g_assert_cmpuint (n_shown (model), ==, N_ACCOUNTS);

  g_assert_finalize_object (model);
}

static void
test_sort (void)
{
  WbAccountListModel *model = make_model ();
  GListModel *shown = wb_account_list_model_get_model (model);
  g_autoptr(GtkSorter) by_size = wb_account_list_model_create_sorter (WB_ACCOUNT_COLUMN_SIZE);
  g_autoptr(GtkSorter) by_owner = wb_account_list_model_create_sorter (WB_ACCOUNT_COLUMN_OWNER);
  g_autoptr(GtkSorter) by_contact = wb_account_list_model_create_sorter (WB_ACCOUNT_COLUMN_LAST_CONTACT);
  g_autoptr(GtkSorter) by_name = wb_account_list_model_create_sorter (WB_ACCOUNT_COLUMN_NAME);
  g_autoptr(GtkSorter) by_vacancies = wb_account_list_model_create_sorter (WB_ACCOUNT_COLUMN_VACANCIES);
  g_autoptr(WbAccountRow) first = NULL;
  g_autoptr(WbAccountRow) last = NULL;
  gint64 previous = -1;

  wb_account_list_model_set_sorter (model, by_size);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(WbAccountRow) row = g_list_model_get_item (shown, i);

      g_assert_cmpint (wb_account_row_get_employee_count (row), >=, previous);
      previous = wb_account_row_get_employee_count (row);
    }

  /* Accounts without an owner first: they need one. */
  wb_account_list_model_set_sorter (model, by_owner);
  first = g_list_model_get_item (shown, 0);
  last = g_list_model_get_item (shown, N_ACCOUNTS - 1);
  g_assert_cmpstr (wb_account_row_get_owner_name (first), ==, "");
  g_assert_cmpstr (wb_account_row_get_owner_name (last), ==, "Willem Wever");
  g_clear_object (&first);
  g_clear_object (&last);

  /* Never contacted sorts before the oldest contact. */
  wb_account_list_model_set_sorter (model, by_contact);
  {
    const char *before = "";

    for (guint i = 0; i < N_ACCOUNTS; i++)
      {
        g_autoptr(WbAccountRow) row = g_list_model_get_item (shown, i);
        const char *date = wb_account_row_get_last_contact (row);

        /* i % 6 == 0 never had a contact. */
        if (i < N_ACCOUNTS / 6)
          g_assert_null (date);
        else
          {
            g_assert_nonnull (date);
            g_assert_cmpstr (before, <=, date);
            before = date;
          }
      }
  }

  /* Names the way people read them; ties broken by name. */
  wb_account_list_model_set_sorter (model, by_name);
  first = g_list_model_get_item (shown, 0);
  last = g_list_model_get_item (shown, N_ACCOUNTS - 1);
  g_assert_cmpstr (wb_account_row_get_name (first), ==, "Bakkerij 000 B.V.");
  g_assert_cmpstr (wb_account_row_get_name (last), ==, "Zorggroep 239");
  g_clear_object (&first);
  g_clear_object (&last);

  wb_account_list_model_set_sorter (model, by_vacancies);
  wb_account_list_model_set_dormant (model, 0);
  first = g_list_model_get_item (shown, 0);
  g_assert_cmpint (wb_account_row_get_open_vacancies (first), ==, 0);
  g_assert_cmpuint (n_shown (model), ==, N_ACCOUNTS - N_ACCOUNTS / 3);
  g_clear_object (&first);

  wb_account_list_model_set_sorter (model, NULL);
  g_assert_finalize_object (model);
}

static void
test_replace (void)
{
  WbAccountListModel *model = make_model ();
  JsonObject *changed = make_account (7);
  g_autoptr(WbRecord) record = NULL;
  g_autoptr(WbRecord) merged = NULL;

  wb_account_list_model_set_status (model, WB_ACCOUNT_STATUS_EXCEPTION_APPROVED);
  g_assert_cmpuint (n_shown (model), ==, count_where (of_status, GINT_TO_POINTER (WB_ACCOUNT_STATUS_EXCEPTION_APPROVED)));

  /* After a decision the account comes back with its new status and shows under the filter. */
  json_object_set_string_member (changed, "status", "exception_approved");
  record = wb_test_record_take (WB_RESOURCE_EMPLOYERS, changed);
  wb_account_list_model_replace_record (model, record);
  g_assert_cmpuint (n_shown (model), ==,
                    count_where (of_status, GINT_TO_POINTER (WB_ACCOUNT_STATUS_EXCEPTION_APPROVED)) + 1);
  g_assert_true (wb_account_row_get_record (wb_account_list_model_find (model, 8)) == record);

  /* A merged-away employer leaves the list. */
  changed = make_account (9);
  json_object_set_boolean_member (changed, "active", FALSE);
  merged = wb_test_record_take (WB_RESOURCE_EMPLOYERS, changed);
  wb_account_list_model_replace_record (model, merged);
  g_assert_cmpuint (wb_account_list_model_get_n_loaded (model), ==, N_ACCOUNTS - 1);
  g_assert_null (wb_account_list_model_find (model, 10));

  g_clear_object (&record);
  g_clear_object (&merged);
  g_assert_finalize_object (model);
}

/* Tests: the accounts view and its print */

static WbAccountsView *
make_view (WbSession *session)
{
  WbAccountsView *view = wb_accounts_view_new ();
  g_autoptr(GListModel) records = make_records ();

  g_object_ref_sink (view);
  wb_accounts_view_set_session (view, session);
  /* An account manager opens on their own accounts; these tests look at every one. */
  wb_list_view_set_scope (WB_LIST_VIEW (view), WB_LIST_SCOPE_ALL);
  wb_account_list_model_append_records (wb_accounts_view_get_list_model (view), records);
  return view;
}

static guint
count_pages (const char *pdf)
{
  g_autofree char *data = NULL;
  gsize length = 0;
  guint pages = 0;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (pdf, &data, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (data, "%PDF-"));
  /* cairo writes one uncompressed page object per page; the streams between hold NULs. */
  for (gsize i = 0; i + 12 <= length; i++)
    if (memcmp (data + i, "/Type /Page", 11) == 0 && data[i + 11] != 's')
      pages++;
  return pages;
}

/* The export is the rows shown, as the screen says them: a sector in words, never its code;
 * in a workbook numbers as numbers and the last contact as a date. */
static void
test_export_in_words_and_typed (void)
{
  g_autoptr(WbSession) session = make_session (10);
  WbAccountsView *view = make_view (session);
  GListModel *shown = G_LIST_MODEL (wb_accounts_view_get_list_model (view));
  const WbListSpec *spec = wb_account_list_spec ();
  g_autoptr(GBytes) csv = wb_list_csv_new (spec, shown);
  g_autofree char *text = g_strndup (g_bytes_get_data (csv, NULL), g_bytes_get_size (csv));
  g_auto(GStrv) lines = g_strsplit (text, "\r\n", -1);
  g_autoptr(WbTable) table = wb_list_table_new (spec, shown, "Accounts");
  guint n = g_list_model_get_n_items (shown);
  guint sector_column = G_MAXUINT, employees_column = G_MAXUINT, contact_column = G_MAXUINT;
  guint checked_dates = 0;

  g_assert_cmpuint (n, ==, N_ACCOUNTS);
  g_assert_cmpuint (wb_table_get_n_rows (table), ==, n);
  for (guint c = 0; c < wb_table_get_n_columns (table); c++)
    {
      const char *title = wb_table_get_column_title (table, c);

      if (g_str_equal (title, "Sector"))
        sector_column = c;
      else if (g_str_equal (title, "Employees"))
        employees_column = c;
      else if (g_str_equal (title, "Last contact"))
        contact_column = c;
    }
  g_assert_cmpuint (sector_column, !=, G_MAXUINT);
  g_assert_cmpint (wb_table_get_column_type (table, employees_column), ==, WB_TABLE_COLUMN_NUMBER);
  g_assert_cmpint (wb_table_get_column_type (table, contact_column), ==, WB_TABLE_COLUMN_DATE);
  /* Also the columns only the export has. */
  g_assert_nonnull (strstr (lines[0], "Owner's organisation"));
  g_assert_nonnull (strstr (lines[0], "Dormant"));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WbAccountRow) row = g_list_model_get_item (shown, i);
      g_auto(GStrv) cells = g_strsplit (lines[i + 1], ";", -1);
      GDate day;

      /* Words, as in the list: "Healthcare", not "care". */
      g_assert_cmpstr (cells[sector_column], ==, wb_account_row_get_sector_label (row));
      g_assert_cmpstr (cells[sector_column], !=, wb_account_row_get_sector (row));
      g_assert_cmpstr (wb_table_get_text (table, i, sector_column), ==, wb_account_row_get_sector_label (row));
      g_assert_cmpint (wb_table_get_cell_kind (table, i, employees_column), ==, WB_TABLE_CELL_NUMBER);
      g_assert_cmpfloat (wb_table_get_number (table, i, employees_column), ==,
                         wb_account_row_get_employee_count (row));
      if (wb_account_row_get_last_contact (row) != NULL)
        {
          char iso[16];

          g_assert_true (wb_table_get_date (table, i, contact_column, &day));
          g_date_strftime (iso, sizeof iso, "%Y-%m-%d", &day);
          g_assert_cmpstr (iso, ==, wb_account_row_get_last_contact (row));
          checked_dates++;
        }
      else
        g_assert_cmpint (wb_table_get_cell_kind (table, i, contact_column), ==, WB_TABLE_CELL_EMPTY);
    }
  g_assert_cmpuint (checked_dates, >, 0);

  wb_accounts_view_set_session (view, NULL);
  g_assert_finalize_object (view);
}

static void
test_print_pdf (void)
{
  g_autoptr(WbSession) session = make_session (10);
  WbAccountsView *view = make_view (session);
  g_autofree char *dir = wb_test_make_dir ();
  g_autofree char *pdf = g_build_filename (dir, "accounts.pdf", NULL);
  g_autofree char *filtered_pdf = g_build_filename (dir, "filtered.pdf", NULL);
  g_autoptr(GError) error = NULL;
  WbAccountPrint *print;
  GtkPrintOperation *operation;
  guint pages;

  /* The whole list: every row drawn once, over as many pages as the table needs. */
  print = wb_accounts_view_create_print (view);
  g_assert_cmpuint (wb_account_print_get_n_rows (print), ==, N_ACCOUNTS);
  operation = wb_account_print_get_operation (print);
  gtk_print_operation_set_export_filename (operation, pdf);
  g_assert_cmpint (wb_account_print_run (print, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error), ==,
                   GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  g_assert_cmpuint (wb_account_print_get_n_rows_drawn (print), ==, N_ACCOUNTS);
  pages = wb_account_print_get_n_pages (print);
  g_assert_cmpuint (pages, >=, 4);
  g_assert_cmpuint (count_pages (pdf), ==, pages);
  g_assert_finalize_object (print);

  /* The list as shown: a search leaves fewer rows, and the print has exactly those. */
  wb_accounts_view_search (view, "zorggroep 01");
  print = wb_accounts_view_create_print (view);
  g_assert_cmpuint (wb_account_print_get_n_rows (print), ==, 5);
  operation = wb_account_print_get_operation (print);
  gtk_print_operation_set_export_filename (operation, filtered_pdf);
  g_assert_cmpint (wb_account_print_run (print, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error), ==,
                   GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_cmpuint (wb_account_print_get_n_rows_drawn (print), ==, 5);
  g_assert_cmpuint (wb_account_print_get_n_pages (print), ==, 1);
  g_assert_cmpuint (count_pages (filtered_pdf), ==, 1);
  g_assert_finalize_object (print);

  wb_accounts_view_set_session (view, NULL);
  g_assert_finalize_object (view);
  g_unlink (pdf);
  g_unlink (filtered_pdf);
  wb_test_remove_dir (dir);
}

/* The footer of every printed page says in full when and by whom it was printed and which
 * page of how many it is ("Printed o…" was all that fitted). */
static void
test_print_footer (void)
{
  g_autoptr(WbSession) session = make_session (10);
  WbAccountsView *view = make_view (session);
  g_autofree char *dir = wb_test_make_dir ();
  g_autofree char *pdf = g_build_filename (dir, "accounts.pdf", NULL);
  g_autoptr(GDateTime) when = g_date_time_new_local (2026, 12, 3, 14, 5, 0);
  g_autofree char *date = wb_format_date_time (when);
  g_autofree char *printed = g_strdup_printf ("Printed on %s by Lotte Lokaal", date);
  g_autoptr(GError) error = NULL;
  WbAccountPrint *print;
  GtkPrintOperation *operation;
  guint pages;

  print = wb_accounts_view_create_print (view);
  wb_document_set_printed_on (wb_account_print_get_document (print), when);
  operation = wb_account_print_get_operation (print);
  gtk_print_operation_set_export_filename (operation, pdf);
  g_assert_cmpint (wb_account_print_run (print, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error), ==,
                   GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  pages = wb_account_print_get_n_pages (print);
  g_assert_cmpuint (pages, >=, 2);

  for (guint page = 1; page <= pages; page++)
    {
      g_autofree char *text = wb_test_pdf_text (pdf, page);
      g_autofree char *number = g_strdup_printf ("Page %u of %u", page, pages);

      g_assert_nonnull (strstr (text, printed));
      g_assert_nonnull (strstr (text, number));
      g_assert_null (strstr (text, "…"));
      /* The header row is repeated on every page. */
      g_assert_nonnull (strstr (text, "Rule status"));
    }
  g_assert_finalize_object (print);

  wb_accounts_view_set_session (view, NULL);
  g_assert_finalize_object (view);
  wb_test_remove_dir (dir);
}

/* Tests: the account page */

static void
collect_texts (GtkWidget *widget,
               GString   *out)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (GTK_IS_LABEL (widget))
    {
      g_string_append (out, gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append_c (out, '\n');
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_texts (child, out);
}

static WbRecord *
make_excepted_account (void)
{
  JsonObject *o = make_account (7);   /* 49 employees, owned by Mila Maas of ISD Maas, a local owner */

  json_object_set_string_member (o, "status", "exception_approved");
  json_object_set_string_member (o, "expected_owner_type", "wsp");
  json_object_set_string_member (o, "exception_reason", "Goede ingang: jarenlange relatie met de eigenaar");
  json_object_set_int_member (o, "exception_approved_by", 14);
  json_object_set_string_member (o, "exception_approved_by_name", "Cora Coördinator");
  json_object_set_string_member (o, "exception_approved_at", "2026-06-04");
  json_object_set_boolean_member (o, "dormant", FALSE);
  json_object_set_string_member (o, "last_contact", "2026-10-01");
  json_object_set_null_member (o, "reason");
  json_object_set_string_member (o, "explanation",
                                 "This employer has 49 employees, so it belongs with a WSP account manager. Mila Maas, a "
                                 "local account manager, keeps it as an approved exception (Goede ingang: jarenlange "
                                 "relatie met de eigenaar), approved by Cora Coördinator on 4 Jun 2026.");
  return wb_test_record_take (WB_RESOURCE_EMPLOYERS, o);
}

static WbAccountPage *
make_page (WbSession *session)
{
  WbAccountPage *page = wb_account_page_new ();

  g_object_ref_sink (page);
  wb_account_page_set_session (page, session);
  return page;
}

static void
test_page_binds_account (void)
{
  g_autoptr(WbSession) session = make_session (13);
  WbAccountPage *page = make_page (session);
  g_autoptr(WbRecord) account = make_excepted_account ();
  g_autoptr(WbRecord) employer = NULL;
  g_autoptr(GListStore) contacts = g_list_store_new (WB_TYPE_RECORD);
  g_autoptr(GListStore) log = g_list_store_new (WB_TYPE_RECORD);
  g_autoptr(GListStore) vacancies = g_list_store_new (WB_TYPE_RECORD);
  g_autoptr(GString) texts = g_string_new (NULL);

  {
    JsonObject *e = json_object_ref (wb_record_get_object (account));
    JsonObject *contact = json_object_new ();
    JsonObject *entry = json_object_new ();
    JsonObject *vacancy = json_object_new ();
    g_autoptr(WbRecord) r1 = NULL;
    g_autoptr(WbRecord) r2 = NULL;
    g_autoptr(WbRecord) r3 = NULL;

    json_object_set_int_member (e, "version", 3);
    json_object_set_boolean_member (e, "arrangement", TRUE);
    json_object_set_boolean_member (e, "learn_work", FALSE);
    employer = wb_test_record_take (WB_RESOURCE_EMPLOYERS, e);
    json_object_set_int_member (contact, "id", 1);
    json_object_set_string_member (contact, "name", "Mevrouw Janssen");
    json_object_set_string_member (contact, "function", "HR-adviseur");
    json_object_set_string_member (contact, "phone", "045-1234567");
    r1 = wb_test_record_take (WB_RESOURCE_CONTACTS, contact);
    g_list_store_append (contacts, r1);
    json_object_set_int_member (entry, "id", 1);
    json_object_set_string_member (entry, "date", "2026-10-01");
    json_object_set_string_member (entry, "kind", "visit");
    json_object_set_int_member (entry, "user_id", 12);
    json_object_set_int_member (entry, "organisation_id", 2);
    json_object_set_string_member (entry, "note", "Gesproken over een leerwerkplek");
    r2 = wb_test_record_take (WB_RESOURCE_CONTACT_LOG, entry);
    g_list_store_append (log, r2);
    json_object_set_int_member (vacancy, "id", 1);
    json_object_set_string_member (vacancy, "title", "Orderpicker");
    json_object_set_string_member (vacancy, "status", "open");
    json_object_set_int_member (vacancy, "positions", 2);
    json_object_set_string_member (vacancy, "opened_at", "2026-09-15");
    r3 = wb_test_record_take (WB_RESOURCE_VACANCIES, vacancy);
    g_list_store_append (vacancies, r3);
  }

  wb_account_page_set_data (page, account, employer, G_LIST_MODEL (contacts), G_LIST_MODEL (log),
                            G_LIST_MODEL (vacancies));
  g_assert_cmpint (wb_account_page_get_employer_id (page), ==, 8);
  g_assert_cmpstr (wb_account_page_get_title (page), ==, "Zorggroep 007 B.V.");
  /* The rule in plain words, as the server wrote it. */
  g_assert_cmpstr (wb_account_page_get_field_text (page, "explanation"), ==,
                   wb_record_get_string (account, "explanation"));
  g_assert_cmpstr (wb_account_page_get_field_text (page, "owner"), ==, "Mila Maas · ISD Maas");
  g_assert_cmpstr (wb_account_page_get_field_text (page, "status"), ==,
                   wb_account_status_to_label (WB_ACCOUNT_STATUS_EXCEPTION_APPROVED));
  g_assert_nonnull (strstr (wb_account_page_get_field_text (page, "owner_type"), "WSP"));
  /* The exception and its approval: who, when, why. */
  g_assert_cmpstr (wb_account_page_get_field_text (page, "exception_reason"), ==,
                   "Goede ingang: jarenlange relatie met de eigenaar");
  g_assert_cmpstr (wb_account_page_get_field_text (page, "exception_approved_by"), ==, "Cora Coördinator");
  g_assert_cmpstr (wb_account_page_get_field_text (page, "exception_approved_at"), ==, "2026-06-04");
  g_assert_cmpstr (wb_account_page_get_field_text (page, "kvk"), ==, "14000007");
  g_assert_cmpstr (wb_account_page_get_field_text (page, "employee_count"), ==, "49");
  g_assert_cmpstr (wb_account_page_get_field_text (page, "municipality"), ==, "Maastricht");
  g_assert_cmpstr (wb_account_page_get_field_text (page, "last_contact"), ==, "2026-10-01");
  g_assert_cmpstr (wb_account_page_get_field_text (page, "arrangement"), ==, "Yes");
  g_assert_cmpstr (wb_account_page_get_field_text (page, "learn_work"), ==, "No");

  collect_texts (GTK_WIDGET (page), texts);
  g_assert_nonnull (strstr (texts->str, "Mevrouw Janssen"));
  g_assert_nonnull (strstr (texts->str, "HR-adviseur · 045-1234567"));
  g_assert_nonnull (strstr (texts->str, "Willem Wever (WSP Zuid) · Gesproken over een leerwerkplek"));
  g_assert_nonnull (strstr (texts->str, "Orderpicker"));

  /* The owner's own organisation may edit and log contacts. */
  g_assert_true (wb_account_page_get_action_visible (page, "edit"));
  g_assert_true (wb_account_page_get_action_visible (page, "contact"));

  /* An account without an exception shows no exception card; a dormant one says so. */
  {
    JsonObject *plain = make_account (3);
    g_autoptr(WbRecord) record = NULL;

    json_object_set_string_member (plain, "explanation", "Some words.");
    record = wb_test_record_take (WB_RESOURCE_EMPLOYERS, plain);
    wb_account_page_set_data (page, record, NULL, NULL, NULL, NULL);
    g_assert_null (wb_account_page_get_field_text (page, "exception_reason"));
    g_assert_null (wb_account_page_get_field_text (page, "exception_approved_by"));
    g_assert_nonnull (strstr (wb_account_page_get_field_text (page, "last_contact"), "dormant"));
    /* Without the full record there is nothing to edit yet. */
    g_assert_false (wb_account_page_get_action_visible (page, "edit"));
  }

  g_clear_object (&employer);
  g_assert_finalize_object (page);
}

static void
test_page_policy (void)
{
  g_autoptr(WbSession) consultant = make_session (15);
  g_autoptr(WbSession) other = make_session (12);
  WbAccountPage *page = make_page (consultant);
  g_autoptr(WbRecord) account = make_excepted_account ();
  g_autoptr(WbRecord) employer = NULL;

  {
    JsonObject *e = json_object_ref (wb_record_get_object (account));

    json_object_set_int_member (e, "version", 3);
    employer = wb_test_record_take (WB_RESOURCE_EMPLOYERS, e);
  }

  /* A consultant reads the account and changes nothing. */
  wb_account_page_set_data (page, account, employer, NULL, NULL, NULL);
  g_assert_false (wb_account_page_get_action_visible (page, "edit"));
  g_assert_false (wb_account_page_get_action_visible (page, "contact"));

  /* A WSP account manager may log a contact at another organisation's account (and is
   * warned then), as the policy allows. */
  wb_account_page_set_session (page, other);
  wb_account_page_set_data (page, account, employer, NULL, NULL, NULL);
  g_assert_true (wb_account_page_get_action_visible (page, "contact"));

  g_clear_object (&employer);
  g_assert_finalize_object (page);
}

/* Tests: the employer editor */

static void
test_editor_changes (void)
{
  g_autoptr(WbSession) session = make_session (13);
  g_autoptr(WbRecord) employer = NULL;
  g_autoptr(JsonObject) changes = NULL;
  WbRecordEditor *editor;

  {
    JsonObject *e = make_account (7);

    json_object_set_int_member (e, "version", 2);
    json_object_set_boolean_member (e, "arrangement", FALSE);
    employer = wb_test_record_take (WB_RESOURCE_EMPLOYERS, e);
  }
  editor = WB_RECORD_EDITOR (wb_account_editor_new (session, employer));
  g_object_ref_sink (editor);

  /* Nothing changed, nothing to send: the approval fields are not even offered. */
  g_assert_false (wb_record_editor_has_changes (editor));
  changes = wb_record_editor_dup_changes (editor);
  g_assert_cmpuint (json_object_get_size (changes), ==, 0);
  g_clear_pointer (&changes, json_object_unref);

  /* Only what was changed goes into the update, in the model's types. */
  wb_record_editor_set_field (editor, "employee_count", "52");
  wb_record_editor_set_field (editor, "arrangement", "true");
  wb_record_editor_set_field (editor, "municipality_id", "2");
  wb_record_editor_set_field (editor, "exception_reason", "  Goede ingang ");
  changes = wb_record_editor_dup_changes (editor);
  g_assert_cmpuint (json_object_get_size (changes), ==, 4);
  g_assert_cmpint (json_object_get_int_member (changes, "employee_count"), ==, 52);
  g_assert_true (json_object_get_boolean_member (changes, "arrangement"));
  g_assert_cmpint (json_object_get_int_member (changes, "municipality_id"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (changes, "exception_reason"), ==, "Goede ingang");
  g_assert_false (json_object_has_member (changes, "exception_approved_by"));
  g_clear_pointer (&changes, json_object_unref);

  /* A size that is no number is said next to its field, and nothing is sent. */
  wb_record_editor_set_field (editor, "employee_count", "veel");
  g_assert_true (wb_record_editor_has_changes (editor));
  wb_record_editor_save (editor);
  g_assert_cmpstr (wb_record_editor_get_error (editor, "employee_count"), ==, "must be a whole number");
  g_assert_null (wb_record_editor_get_error (editor, "name"));

  gtk_window_destroy (GTK_WINDOW (editor));
  g_assert_finalize_object (editor);
}

/* Tests: the review queue */

static WbRecord *
make_review (gint64      id,
             const char *kind,
             const char *created_at,
             guint       account)
{
  JsonObject *o = json_object_new ();
  JsonObject *employer = json_object_new ();
  g_autoptr(WbRecord) source = wb_test_record_take (WB_RESOURCE_EMPLOYERS, make_account (account));
  g_autofree char *reason = g_strdup_printf ("Reason %" G_GINT64_FORMAT, id);

  json_object_set_int_member (o, "id", id);
  json_object_set_string_member (o, "kind", kind);
  json_object_set_string_member (o, "reason", reason);
  json_object_set_string_member (o, "status", "open");
  json_object_set_int_member (o, "version", 1);
  json_object_set_string_member (o, "created_at", created_at);
  json_object_set_int_member (employer, "id", account + 1);
  json_object_set_string_member (employer, "name", wb_record_get_string (source, "name"));
  json_object_set_string_member (employer, "kvk", wb_record_get_string (source, "kvk"));
  json_object_set_int_member (employer, "employee_count", account_size (account));
  json_object_set_string_member (employer, "municipality", wb_record_get_string (source, "municipality"));
  if (account_owner (account) > 0)
    {
      json_object_set_int_member (employer, "owner_id", account_owner (account));
      json_object_set_string_member (employer, "owner_name", user_name (account_owner (account)));
    }
  json_object_set_object_member (o, "employer", employer);
  json_object_set_null_member (o, "related_employer");
  return wb_test_record_take (WB_RESOURCE_EMPLOYERS, o);
}

static void
test_queue_oldest_first (void)
{
  g_autoptr(WbSession) session = make_session (14);
  WbReviewQueue *queue = wb_review_queue_new ();
  g_autoptr(GListStore) reviews = g_list_store_new (WB_TYPE_RECORD);
  GListModel *shown;
  struct { gint64 id; const char *kind; const char *created; guint account; } items[] = {
    { 7, "dormant", "2026-11-02T09:00:00Z", 3 },
    { 2, "owner_left", "2026-10-01T08:00:00Z", 1 },
    { 5, "violation_wrong_owner_type", "2026-10-01T08:00:00Z", 7 },   /* 49 employees, a local owner */
    { 9, "duplicate", "2026-12-01T10:00:00Z", 2 },
    { 3, "no_owner", "2026-10-01T08:00:00Z", 0 },
  };
  static const gint64 expected[] = { 2, 3, 5, 7, 9 };

  g_object_ref_sink (queue);
  wb_review_queue_set_session (queue, session);
  /* In any order from outside, oldest first in the queue; one check's finds in its order. */
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_autoptr(WbRecord) review = make_review (items[i].id, items[i].kind, items[i].created, items[i].account);
      g_list_store_append (reviews, review);
    }
  wb_review_queue_set_reviews (queue, G_LIST_MODEL (reviews));
  shown = wb_review_queue_get_model (queue);
  g_assert_cmpuint (wb_review_queue_get_n_open (queue), ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(WbRecord) review = g_list_model_get_item (shown, i);

      g_assert_cmpint (wb_record_get_id (review), ==, expected[i]);
    }

  /* The first is selected; each review offers the decisions that fit it. */
  g_assert_cmpint (wb_record_get_id (wb_review_queue_get_selected (queue)), ==, 2);
  g_assert_false (wb_review_queue_can_decide (queue, WB_DECISION_APPROVE_EXCEPTION));
  g_assert_true (wb_review_queue_can_decide (queue, WB_DECISION_TRANSFER_TO_WSP));
  g_assert_false (wb_review_queue_can_decide (queue, WB_DECISION_MERGE_DUPLICATES));
  g_assert_true (wb_review_queue_select (queue, 5));
  g_assert_true (wb_review_queue_can_decide (queue, WB_DECISION_APPROVE_EXCEPTION));
  g_assert_true (wb_review_queue_select (queue, 9));
  g_assert_false (wb_review_queue_can_decide (queue, WB_DECISION_TRANSFER_TO_WSP));
  g_assert_true (wb_review_queue_can_decide (queue, WB_DECISION_DISMISS));

  /* Every word of the filter counts, the kind's name too. */
  wb_review_queue_set_filter (queue, "zorggroep");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 3);  /* accounts 1, 3 and 7 */
  wb_review_queue_set_filter (queue, "zorggroep wrong kind");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  g_assert_false (wb_review_queue_select (queue, 7));
  wb_review_queue_set_filter (queue, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 5);

  wb_review_queue_set_session (queue, NULL);
  g_assert_finalize_object (queue);
}

static void
on_toast_cb (GtkWidget  *widget,
             const char *message,
             char      **out)
{
  g_free (*out);
  *out = g_strdup (message);
}

/* A decision takes the review out of the queue at once, and a toast says what was decided. */
static void
test_queue_decided_leaves (void)
{
  g_autoptr(WbSession) session = make_session (14);
  GtkWidget *window = gtk_window_new ();
  WbReviewQueue *queue = wb_review_queue_new ();
  g_autoptr(GListStore) reviews = g_list_store_new (WB_TYPE_RECORD);
  g_autoptr(WbRecord) pending = make_review (5, "exception_pending", "2026-10-01T08:00:00Z", 7);
  g_autoptr(WbRecord) other = make_review (6, "dormant", "2026-10-02T08:00:00Z", 3);
  g_autoptr(WbRecord) decided = NULL;
  g_autofree char *toast = NULL;
  g_autofree char *expected = NULL;
  WbReviewDecisionDialog *dialog;

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (queue));
  wb_review_queue_set_session (queue, session);
  g_list_store_append (reviews, pending);
  g_list_store_append (reviews, other);
  wb_review_queue_set_reviews (queue, G_LIST_MODEL (reviews));
  g_signal_connect (queue, "toast", G_CALLBACK (on_toast_cb), &toast);

  g_assert_true (wb_review_queue_select (queue, 5));
  dialog = wb_review_queue_decide (queue, WB_DECISION_APPROVE_EXCEPTION);
  g_assert_nonnull (dialog);
  g_assert_cmpint (wb_review_decision_dialog_get_action (dialog), ==, WB_DECISION_APPROVE_EXCEPTION);
  /* A dormant account is no exception to approve. */
  g_assert_true (wb_review_queue_select (queue, 6));
  g_assert_null (wb_review_queue_decide (queue, WB_DECISION_APPROVE_EXCEPTION));

  /* What the server answers to a decision: the review, decided. */
  {
    JsonObject *o = json_object_ref (wb_record_get_object (pending));

    json_object_set_string_member (o, "status", "decided");
    json_object_set_string_member (o, "decision", "approve_exception");
    decided = wb_test_record_take (WB_RESOURCE_EMPLOYERS, o);
  }
  g_signal_emit_by_name (dialog, "decided", decided);
  g_assert_cmpuint (wb_review_queue_get_n_open (queue), ==, 1);
  g_assert_cmpint (wb_record_get_id (wb_review_queue_get_selected (queue)), ==, 6);
  expected = g_strdup_printf ("Exception approved: %s stays with its local account manager",
                              json_object_get_string_member (json_object_get_object_member (wb_record_get_object (pending),
                                                                                            "employer"), "name"));
  g_assert_cmpstr (toast, ==, expected);

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_decision_needs_reason (void)
{
  g_autoptr(WbSession) session = make_session (14);
  g_autoptr(WbRecord) review = make_review (5, "violation_wrong_owner_type", "2026-10-01T08:00:00Z", 7);
  WbReviewDecisionDialog *dialog = wb_review_decision_dialog_new (session, review, WB_DECISION_TRANSFER_TO_WSP);
  g_autoptr(GArray) choices = NULL;
  g_autoptr(GListModel) everyone = wb_review_owner_candidates (session, FALSE);

  g_object_ref_sink (dialog);
  /* A transfer goes to a WSP account manager only; an assignment to either kind. */
  choices = wb_review_decision_dialog_dup_choices (dialog);
  g_assert_cmpuint (choices->len, ==, 1);
  g_assert_cmpint (g_array_index (choices, gint64, 0), ==, 12);
  g_assert_cmpuint (g_list_model_get_n_items (everyone), ==, 4);
  g_assert_true (wb_review_decision_dialog_choose (dialog, 12));
  g_assert_false (wb_review_decision_dialog_choose (dialog, 15));

  /* No reason, no request: the dialog says so and keeps what there is. */
  g_assert_null (wb_review_decision_dialog_get_message (dialog));
  wb_review_decision_dialog_set_reason (dialog, "   ");
  wb_review_decision_dialog_submit (dialog);
  g_assert_nonnull (wb_review_decision_dialog_get_message (dialog));
  g_assert_nonnull (strstr (wb_review_decision_dialog_get_message (dialog), "reason"));

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);
}

static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The queue is a page of the window for coordinators, and not there at all for others. */
static void
test_queue_for_coordinators_only (void)
{
  g_autoptr(WbSession) coordinator = make_session (14);
  g_autoptr(WbSession) local = make_session (10);
  WbWindow *window = g_object_new (WB_TYPE_WINDOW, NULL);
  AdwViewStack *stack = ADW_VIEW_STACK (find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));

  g_assert_nonnull (stack);
  g_assert_nonnull (adw_view_stack_get_child_by_name (stack, "accounts"));

  wb_window_show_session (window, coordinator);
  g_assert_nonnull (adw_view_stack_get_child_by_name (stack, "reviews"));
  g_assert_true (WB_IS_REVIEW_QUEUE (adw_view_stack_get_child_by_name (stack, "reviews")));

  wb_window_show_session (window, local);
  g_assert_null (adw_view_stack_get_child_by_name (stack, "reviews"));
  g_assert_null (find_widget (GTK_WIDGET (window), WB_TYPE_REVIEW_QUEUE));

  wb_window_show_session (window, coordinator);
  g_assert_nonnull (adw_view_stack_get_child_by_name (stack, "reviews"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0 &&
      gtk_widget_get_mapped (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static const char *
review_employer_name (WbRecord *review)
{
  return json_object_get_string_member (json_object_get_object_member (wb_record_get_object (review), "employer"),
                                        "name");
}

/* As the dialog says a review was decided. */
static void
emit_decided (WbReviewDecisionDialog *dialog,
              WbRecord               *review,
              const char             *decision)
{
  JsonObject *o = json_object_ref (wb_record_get_object (review));
  g_autoptr(WbRecord) decided = NULL;

  json_object_set_string_member (o, "status", "decided");
  json_object_set_string_member (o, "decision", decision);
  decided = wb_test_record_take (WB_RESOURCE_EMPLOYERS, o);
  g_signal_emit_by_name (dialog, "decided", decided);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The queue of @reviews (NULL-terminated) for @session, in a window @width wide, shown. */
static WbReviewQueue *
show_queue (WbSession  *session,
            GtkWidget  *window,
            int         width,
            WbRecord  **reviews)
{
  WbReviewQueue *queue = wb_review_queue_new ();
  g_autoptr(GListStore) store = g_list_store_new (WB_TYPE_RECORD);

  gtk_window_set_default_size (GTK_WINDOW (window), width, 700);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (queue));
  wb_review_queue_set_session (queue, session);
  for (guint i = 0; reviews[i] != NULL; i++)
    g_list_store_append (store, reviews[i]);
  wb_review_queue_set_reviews (queue, G_LIST_MODEL (store));
  gtk_window_present (GTK_WINDOW (window));
  /* Frames and the row on screen, not 300 ms: a busy machine paints fewer frames meanwhile. */
  wb_test_wait_frames (window, 3);
  return queue;
}

/* A screen reader hears what a review's row holds (not "GtkListItemWidget"), and after a
 * decision the keyboard focus is on the next review, not on the window's first tab. */
static void
test_queue_rows_speak_and_focus_stays (void)
{
  g_autoptr(WbSession) session = make_session (14);
  GtkWidget *window = gtk_window_new ();
  g_autoptr(WbRecord) pending = make_review (5, "exception_pending", "2026-10-01T08:00:00Z", 7);
  g_autoptr(WbRecord) dormant = make_review (6, "dormant", "2026-10-02T08:00:00Z", 3);
  g_autoptr(WbRecord) left = make_review (8, "owner_left", "2026-10-03T08:00:00Z", 1);
  WbReviewQueue *queue = show_queue (session, window, 1200, (WbRecord *[]) { pending, dormant, left, NULL });
  g_autofree char *spoken = NULL;
  GtkWidget *list, *label, *line, *focus;
  WbReviewDecisionDialog *dialog;


  list = GTK_WIDGET (wb_list_view_get_rows (WB_LIST_VIEW (queue)));
  wb_test_wait_for ((label = find_label (list, review_employer_name (pending))) != NULL);
  line = wb_test_list_line_of (label);
  g_assert_nonnull (line);
  spoken = g_strdup_printf ("Exception awaiting approval: %s — %s In the queue since 1 Oct 2026.",
                            review_employer_name (pending), wb_record_get_string (pending, "reason"));
  g_assert_null (gtk_test_accessible_check_property (GTK_ACCESSIBLE (line), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken));

  /* The page beside the list shows the selected review. */
  g_assert_true (wb_review_queue_select (queue, 5));
  g_assert_cmpint (wb_record_get_id (wb_review_page_get_review (wb_review_queue_get_page (queue))), ==, 5);

  /* As after a click in the dialog: GTK shows no ring until the next key. */
  gtk_window_set_focus_visible (GTK_WINDOW (window), FALSE);
  dialog = wb_review_queue_decide (queue, WB_DECISION_APPROVE_EXCEPTION);
  g_assert_nonnull (dialog);
  emit_decided (dialog, pending, "approve_exception");
  wb_test_wait_frames (window, 3);

  g_assert_cmpint (wb_record_get_id (wb_review_queue_get_selected (queue)), ==, 6);
  g_assert_cmpint (wb_record_get_id (wb_review_page_get_review (wb_review_queue_get_page (queue))), ==, 6);
  label = find_label (list, review_employer_name (dormant));
  g_assert_nonnull (label);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (focus == wb_test_list_line_of (label) || gtk_widget_is_ancestor (focus, wb_test_list_line_of (label)));
  g_assert_true (gtk_window_get_focus_visible (GTK_WINDOW (window)));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A window too narrow for the review beside the queue: the page takes the queue's place, and
 * shows the next review after a decision; after the last one the queue comes back. It stayed
 * on a page that only said to pick a review in the queue, behind a "back". */
static void
test_queue_folded_returns_after_last (void)
{
  g_autoptr(WbSession) session = make_session (14);
  GtkWidget *window = gtk_window_new ();
  g_autoptr(WbRecord) pending = make_review (5, "exception_pending", "2026-10-01T08:00:00Z", 7);
  g_autoptr(WbRecord) dormant = make_review (6, "dormant", "2026-10-02T08:00:00Z", 3);
  WbReviewQueue *queue = show_queue (session, window, 420, (WbRecord *[]) { pending, dormant, NULL });
  WbReviewDecisionDialog *dialog;

  g_assert_true (wb_list_view_showing_list (WB_LIST_VIEW (queue)));

  g_assert_true (wb_review_queue_select (queue, 5));
  wb_list_view_open_row (WB_LIST_VIEW (queue), wb_list_view_get_selected_row (WB_LIST_VIEW (queue)));
  wb_test_wait_frames (window, 3);
  g_assert_false (wb_list_view_showing_list (WB_LIST_VIEW (queue)));

  /* The next review takes the decided one's place on the page. */
  dialog = wb_review_queue_decide (queue, WB_DECISION_DISMISS);
  g_assert_nonnull (dialog);
  emit_decided (dialog, pending, "dismiss");
  wb_test_wait_frames (window, 3);
  g_assert_false (wb_list_view_showing_list (WB_LIST_VIEW (queue)));
  g_assert_cmpint (wb_record_get_id (wb_review_page_get_review (wb_review_queue_get_page (queue))), ==, 6);

  /* The last one: back to the queue, which says that none is left. */
  dialog = wb_review_queue_decide (queue, WB_DECISION_DISMISS);
  g_assert_nonnull (dialog);
  emit_decided (dialog, dormant, "dismiss");
  wb_test_wait_frames (window, 3);
  g_assert_true (wb_list_view_showing_list (WB_LIST_VIEW (queue)));
  g_assert_null (wb_review_queue_get_selected (queue));
  g_assert_null (wb_review_page_get_review (wb_review_queue_get_page (queue)));
  /* The keyboard in the queue, on a control that is seen: its search where the window shows
   * it, else the first of the queue's bar (the filters' button). It stayed on a row of the
   * list that was no longer shown. */
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
    GtkWidget *filter = wb_list_view_get_filter_widget (WB_LIST_VIEW (queue), WB_REVIEW_FILTER_TEXT);

    g_assert_nonnull (focus);
    g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (queue)));
    g_assert_true (gtk_widget_get_mapped (focus));
    if (gtk_widget_get_mapped (filter))
      g_assert_true (focus == filter || gtk_widget_is_ancestor (focus, filter));
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* At the default window width (1200 px) the review stands beside the queue, with every
 * action whole: its page asked for all of its actions in one row, and the queue folded
 * there, so that a coordinator opened each review in the queue's place. */
static void
test_queue_beside_at_default_width (void)
{
  g_autoptr(WbSession) session = make_session (14);
  GtkWidget *window = gtk_window_new ();
  g_autoptr(WbRecord) pending = make_review (5, "exception_pending", "2026-10-01T08:00:00Z", 7);
  g_autoptr(WbRecord) dormant = make_review (6, "dormant", "2026-10-02T08:00:00Z", 3);
  WbReviewQueue *queue = show_queue (session, window, 1200, (WbRecord *[]) { pending, dormant, NULL });
  GtkWidget *page = GTK_WIDGET (wb_review_queue_get_page (queue));
  guint n_actions = 0;

  g_assert_true (wb_review_queue_select (queue, 5));
  wb_test_wait_frames (window, 3);
  g_assert_true (wb_list_view_showing_list (WB_LIST_VIEW (queue)));
  g_assert_true (gtk_widget_get_mapped (page));
  g_assert_cmpint (gtk_widget_get_width (page), >=, 360);
  g_assert_cmpint (wb_record_get_id (wb_review_page_get_review (WB_REVIEW_PAGE (page))), ==, 5);
  /* Its date as the interface writes dates, not "2026-10-01". */
  g_assert_nonnull (find_label (page, "In the queue since 1 Oct 2026"));
  for (WbDecisionAction action = 0; action < WB_N_DECISIONS; action++)
    {
      GtkWidget *button = GTK_WIDGET (wb_review_page_get_decision_button (WB_REVIEW_PAGE (page), action));
      GtkWidget *label;
      graphene_rect_t bounds;
      int least;

      if (button == NULL || !gtk_widget_get_mapped (button))
        continue;
      /* Whole: its text as wide as it asks (a button's own width leaves out its padding),
       * and inside the page. */
      label = gtk_button_get_child (GTK_BUTTON (button));
      g_assert_true (GTK_IS_LABEL (label));
      gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, &least, NULL, NULL, NULL);
      g_assert_cmpint (gtk_widget_get_width (label), >=, least);
      g_assert_true (gtk_widget_compute_bounds (button, page, &bounds));
      g_assert_cmpfloat (bounds.origin.x, >=, 0);
      g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (page));
      n_actions++;
    }
  g_assert_cmpuint (n_actions, >=, 3);
  wb_test_save_light_and_dark (GTK_WINDOW (window), "review-beside-queue");

  /* Narrower, the review takes the queue's place; wider again, it stands beside it again
   * short of the default width. What the folded form adds (the page's "back" and title,
   * the queue's "open", then in words) held it folded up to 1200 px. */
  gtk_window_set_default_size (GTK_WINDOW (window), 700, 700);
  wb_test_wait_frames (window, 4);
  g_assert_false (gtk_widget_get_mapped (page));
  gtk_window_set_default_size (GTK_WINDOW (window), 1150, 700);
  wb_test_wait_frames (window, 4);
  g_assert_true (gtk_widget_get_mapped (page));
  gtk_window_destroy (GTK_WINDOW (window));
}

static WbRecord *
record_from_json (WbResource  resource,
                  const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  g_assert_nonnull (node);
  return wb_record_new (resource, json_node_get_object (node));
}

/* Two subregions: Heerlen (Parkstad) with its local service and WSP Parkstad, Maastricht
 * with its own. The WSP account manager who sorts first works in the other subregion. */
static WbSession *
make_region_session (void)
{
  static const char * const records[][2] = {
    { "o", "{\"id\":1,\"name\":\"ISD Heuvel\",\"kind\":\"social_service\",\"region\":\"Parkstad\",\"municipality_ids\":[1]}" },
    { "o", "{\"id\":2,\"name\":\"WSP Maas\",\"kind\":\"wsp\",\"region\":\"Maastricht-Heuvelland\",\"municipality_ids\":[2]}" },
    { "o", "{\"id\":3,\"name\":\"WSP Parkstad\",\"kind\":\"wsp\",\"region\":\"Parkstad\",\"municipality_ids\":[1]}" },
    { "o", "{\"id\":4,\"name\":\"ISD Maas\",\"kind\":\"social_service\",\"region\":\"Maastricht-Heuvelland\",\"municipality_ids\":[2]}" },
    { "m", "{\"id\":1,\"name\":\"Heerlen\",\"region\":\"Parkstad\",\"organisation_id\":1}" },
    { "m", "{\"id\":2,\"name\":\"Maastricht\",\"region\":\"Maastricht-Heuvelland\",\"organisation_id\":4}" },
    { "u", "{\"id\":20,\"display_name\":\"Anna Alpha\",\"organisation_id\":2,\"role\":\"account_manager_wsp\",\"active\":true}" },
    { "u", "{\"id\":21,\"display_name\":\"Wim Wever\",\"organisation_id\":3,\"role\":\"account_manager_wsp\",\"active\":true}" },
    { "u", "{\"id\":22,\"display_name\":\"Bram Beek\",\"organisation_id\":4,\"role\":\"account_manager_local\",\"active\":true}" },
    { "u", "{\"id\":23,\"display_name\":\"Lotte Lokaal\",\"organisation_id\":1,\"role\":\"account_manager_local\",\"active\":true}" },
    { "u", "{\"id\":24,\"display_name\":\"Frank Vertrokken\",\"organisation_id\":1,\"role\":\"account_manager_local\",\"active\":false,\"left_at\":\"2026-01-01\"}" },
    { "u", "{\"id\":25,\"display_name\":\"Cora Coördinator\",\"organisation_id\":3,\"role\":\"coordinator\",\"active\":true}" },
  };
  g_autoptr(GListStore) orgs = g_list_store_new (WB_TYPE_RECORD);
  g_autoptr(GListStore) municipalities = g_list_store_new (WB_TYPE_RECORD);
  g_autoptr(GListStore) people = g_list_store_new (WB_TYPE_RECORD);
  g_autoptr(WbRecord) me = record_from_json (WB_RESOURCE_USERS, records[11][1]);
  WbSession *session = wb_session_new (NULL, me);

  for (guint i = 0; i < G_N_ELEMENTS (records); i++)
    {
      WbResource resource = records[i][0][0] == 'o' ? WB_RESOURCE_ORGANISATIONS :
                            records[i][0][0] == 'm' ? WB_RESOURCE_MUNICIPALITIES : WB_RESOURCE_USERS;
      g_autoptr(WbRecord) record = record_from_json (resource, records[i][1]);

      g_list_store_append (resource == WB_RESOURCE_ORGANISATIONS ? orgs :
                           resource == WB_RESOURCE_MUNICIPALITIES ? municipalities : people, record);
    }
  wb_session_set_lookup (session, WB_RESOURCE_ORGANISATIONS, G_LIST_MODEL (orgs));
  wb_session_set_lookup (session, WB_RESOURCE_MUNICIPALITIES, G_LIST_MODEL (municipalities));
  wb_session_set_lookup (session, WB_RESOURCE_USERS, G_LIST_MODEL (people));
  return session;
}

/* A review of an account in Heerlen whose owner (Frank, a local account manager) left. */
static WbRecord *
make_left_review (gint64      id,
                  gint64      employees,
                  const char *suggested)
{
  g_autofree char *json = g_strdup_printf (
    "{\"id\":%" G_GINT64_FORMAT ",\"kind\":\"owner_left\",\"reason\":\"The owner Frank Vertrokken has left.\","
    "\"status\":\"open\",\"version\":1,\"created_at\":\"2026-10-01T08:00:00Z\",%s%s%s"
    "\"employer\":{\"id\":%" G_GINT64_FORMAT ",\"name\":\"Glashandel Heuts\",\"kvk\":\"14000099\","
    "\"employee_count\":%" G_GINT64_FORMAT ",\"municipality\":\"Heerlen\",\"municipality_id\":1,"
    "\"region\":\"Parkstad\",\"owner_id\":24,\"owner_name\":\"Frank Vertrokken\",\"owner_organisation\":\"ISD Heuvel\"},"
    "\"related_employer\":null}",
    id, suggested != NULL ? "\"suggested_action\":\"" : "", suggested != NULL ? suggested : "",
    suggested != NULL ? "\"," : "", 100 + id, employees);

  return record_from_json (WB_RESOURCE_EMPLOYERS, json);
}

/* The issue: an employer of 22 employees whose owner left. The queue suggested "Transfer to
 * WSP" and the picker chose the alphabetically first account manager, of another subregion.
 * The suggestion follows the rule of the account, and the picker offers and chooses who
 * may own it: a local account manager of Heerlen below 25, WSP Parkstad from 25 on. */
static void
test_queue_suggests_by_the_rule (void)
{
  g_autoptr(WbSession) session = make_region_session ();
  GtkWidget *window = gtk_window_new ();
  WbReviewQueue *queue = wb_review_queue_new ();
  g_autoptr(GListStore) reviews = g_list_store_new (WB_TYPE_RECORD);
  g_autoptr(WbRecord) small = make_left_review (1, 22, NULL);
  g_autoptr(WbRecord) large = make_left_review (2, 40, NULL);
  g_autoptr(WbRecord) told = make_left_review (3, 22, "transfer_to_wsp");
  WbReviewPage *page = wb_review_queue_get_page (queue);
  WbReviewDecisionDialog *dialog;
  g_autoptr(GArray) choices = NULL;

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (queue));
  wb_review_queue_set_session (queue, session);
  g_list_store_append (reviews, small);
  g_list_store_append (reviews, large);
  g_list_store_append (reviews, told);
  wb_review_queue_set_reviews (queue, G_LIST_MODEL (reviews));

  /* 22 employees: a local account manager of Heerlen; the transfer is there, not marked. */
  g_assert_true (wb_review_queue_select (queue, 1));
  g_assert_cmpint (wb_review_page_get_suggested (page), ==, WB_DECISION_ASSIGN_OWNER);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (wb_review_page_get_decision_button (page, WB_DECISION_ASSIGN_OWNER)),
                                           "suggested-action"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (wb_review_page_get_decision_button (page, WB_DECISION_TRANSFER_TO_WSP)),
                                            "suggested-action"));
  g_assert_cmpstr (wb_record_page_get_field_text (WB_RECORD_PAGE (page), "suggestion"), ==, "Assign an owner");
  dialog = wb_review_queue_decide (queue, WB_DECISION_ASSIGN_OWNER);
  choices = wb_review_decision_dialog_dup_choices (dialog);
  g_assert_cmpuint (choices->len, ==, 1);
  g_assert_cmpint (g_array_index (choices, gint64, 0), ==, 23);
  g_assert_cmpint (wb_review_decision_dialog_get_chosen (dialog), ==, 23);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_clear_pointer (&choices, g_array_unref);

  /* 40 employees: the WSP of Parkstad, not Anna Alpha of the WSP in Maastricht. */
  g_assert_true (wb_review_queue_select (queue, 2));
  g_assert_cmpint (wb_review_page_get_suggested (page), ==, WB_DECISION_TRANSFER_TO_WSP);
  g_assert_cmpstr (wb_record_page_get_field_text (WB_RECORD_PAGE (page), "suggestion"), ==, "Transfer to the WSP");
  dialog = wb_review_queue_decide (queue, WB_DECISION_TRANSFER_TO_WSP);
  choices = wb_review_decision_dialog_dup_choices (dialog);
  g_assert_cmpuint (choices->len, ==, 1);
  g_assert_cmpint (wb_review_decision_dialog_get_chosen (dialog), ==, 21);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_clear_pointer (&choices, g_array_unref);
  /* Assigning it goes by its size too. */
  dialog = wb_review_queue_decide (queue, WB_DECISION_ASSIGN_OWNER);
  g_assert_cmpint (wb_review_decision_dialog_get_chosen (dialog), ==, 21);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* What the server says the rule suggests is what the page marks. */
  g_assert_true (wb_review_queue_select (queue, 3));
  g_assert_cmpint (wb_review_page_get_suggested (page), ==, WB_DECISION_TRANSFER_TO_WSP);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Tests: arrangements and the history of an account */

#define ARRANGEMENT_JSON \
  "{\"id\":%d,\"employer_id\":%d,\"kind\":\"arrangement\",\"at\":\"%s\",\"quarter\":\"%s\",\"user_id\":10," \
  "\"user_name\":\"Lotte Lokaal\",\"organisation_id\":1,\"organisation\":\"ISD Heuvel\",\"change\":\"%s\"," \
  "\"text\":\"%s\",\"from_user_id\":null,\"from_user_name\":null,\"to_user_id\":null,\"to_user_name\":null," \
  "\"briefing\":null,\"notified\":%d," \
  "\"employer\":{\"id\":%d,\"name\":\"%s\",\"kvk\":\"1400%04d\",\"employee_count\":12,\"municipality\":\"%s\"," \
  "\"municipality_id\":1,\"region\":\"%s\"}}"

static WbRecord *
make_report (int         id,
             const char *at,
             const char *quarter,
             const char *change,
             const char *text,
             const char *employer,
             const char *municipality,
             const char *region)
{
  g_autofree char *json = g_strdup_printf (ARRANGEMENT_JSON, id, 100 + id, at, quarter, change, text, 1, 100 + id,
                                           employer, id, municipality, region);

  return record_from_json (WB_RESOURCE_EMPLOYERS, json);
}

/* The account's history says what was reported to the WSP and, of a handover, what the
 * successor was told. */
static void
test_page_history (void)
{
  g_autoptr(WbSession) session = make_session (13);
  WbAccountPage *page = make_page (session);
  g_autoptr(WbRecord) account = make_excepted_account ();
  g_autoptr(GListStore) history = g_list_store_new (WB_TYPE_RECORD);
  g_autoptr(WbRecord) employer = NULL;
  g_autoptr(WbRecord) report = make_report (1, "2026-11-20T09:00:00Z", "2026-Q4", "new",
                                            "Twee leerwerkplekken logistiek", "Zorggroep 007 B.V.", "Maastricht",
                                            "Maastricht-Heuvelland");
  g_autoptr(WbRecord) handover = record_from_json (WB_RESOURCE_EMPLOYERS,
    "{\"id\":2,\"employer_id\":8,\"kind\":\"handover\",\"at\":\"2026-12-01T10:00:00Z\",\"quarter\":\"2026-Q4\","
    "\"user_id\":14,\"user_name\":\"Cora Coördinator\",\"organisation_id\":2,\"organisation\":\"WSP Zuid\","
    "\"change\":null,\"text\":\"Vertrokken per 1 december\",\"from_user_id\":11,\"from_user_name\":\"Luuk Lemmens\","
    "\"to_user_id\":13,\"to_user_name\":\"Mila Maas\",\"notified\":1,\"briefing\":{\"contacts\":4,"
    "\"last_contacts\":[{\"date\":\"2026-11-02\",\"kind\":\"visit\",\"user_name\":\"Luuk Lemmens\","
    "\"organisation\":\"ISD Heuvel\",\"note\":\"Rondleiding magazijn\"}],"
    "\"open_vacancies\":[{\"id\":5,\"title\":\"Orderpicker\",\"positions\":2,\"opened_at\":\"2026-10-15\"}],"
    "\"matches_in_progress\":[{\"vacancy_id\":5,\"vacancy_title\":\"Orderpicker\",\"state\":\"proposed\",\"count\":2},"
    "{\"vacancy_id\":5,\"vacancy_title\":\"Orderpicker\",\"state\":\"interview\",\"count\":1}],"
    "\"exception\":{\"reason\":\"Goede ingang\",\"approved_by\":14,\"approved_by_name\":\"Cora Coördinator\","
    "\"approved_at\":\"2026-06-04\"}}}");
  g_autoptr(GString) texts = g_string_new (NULL);

  {
    JsonObject *e = json_object_ref (wb_record_get_object (account));

    json_object_set_boolean_member (e, "arrangement", TRUE);
    json_object_set_string_member (e, "arrangement_note", "Twee leerwerkplekken logistiek");
    employer = wb_test_record_take (WB_RESOURCE_EMPLOYERS, e);
  }
  g_list_store_append (history, handover);
  g_list_store_append (history, report);
  wb_account_page_set_data (page, account, employer, NULL, NULL, NULL);
  wb_account_page_set_history (page, G_LIST_MODEL (history));

  g_assert_cmpstr (wb_account_page_get_field_text (page, "arrangement"), ==, "Yes");
  g_assert_cmpstr (wb_account_page_get_field_text (page, "arrangement_note"), ==, "Twee leerwerkplekken logistiek");
  g_assert_cmpstr (wb_account_page_get_field_text (page, "history_0"), ==,
                   "From Luuk Lemmens, by Cora Coördinator: Vertrokken per 1 december");
  g_assert_cmpstr (wb_account_page_get_field_text (page, "briefing_0"), ==,
                   "4 contacts, the last on 2 Nov 2026; 1 open vacancy; 3 matches in progress; an approved exception");
  g_assert_cmpstr (wb_account_page_get_field_text (page, "history_1"), ==,
                   "Lotte Lokaal (ISD Heuvel) · Twee leerwerkplekken logistiek · reported to 1 WSP coordinator");
  collect_texts (GTK_WIDGET (page), texts);
  g_assert_nonnull (strstr (texts->str, "1 Dec 2026 · Handed over to Mila Maas"));
  g_assert_nonnull (strstr (texts->str, "20 Nov 2026 · Potential arrangement reported"));
  g_assert_nonnull (strstr (texts->str, "2 Nov 2026 · Visit · Luuk Lemmens (ISD Heuvel): Rondleiding magazijn"));
  g_assert_nonnull (strstr (texts->str, "Orderpicker: 2 candidates proposed to the employer"));
  g_assert_nonnull (strstr (texts->str, "Goede ingang (approved by Cora Coördinator on 4 Jun 2026; it ended with the handover)"));

  /* No history yet: the card says so. */
  g_clear_object (&history);
  history = g_list_store_new (WB_TYPE_RECORD);
  wb_account_page_set_history (page, G_LIST_MODEL (history));
  g_assert_null (wb_account_page_get_field_text (page, "history_0"));

  g_clear_object (&employer);
  g_assert_finalize_object (page);
}

/* The coordinators' list of reported arrangements: per quarter and subregion, and the CSV
 * for Excel holds what it shows with the export's own columns. */
static void
test_arrangements_list (void)
{
  g_autoptr(WbSession) session = make_session (14);
  WbArrangementsView *view = g_object_ref_sink (wb_arrangements_view_new ());
  g_autoptr(GListStore) reports = g_list_store_new (WB_TYPE_RECORD);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *this_quarter = g_strdup_printf ("%04d-Q%d", g_date_time_get_year (now),
                                                   (g_date_time_get_month (now) - 1) / 3 + 1);
  g_autofree char *at = g_date_time_format (now, "%Y-%m-%dT09:00:00Z");
  g_autoptr(WbRecord) a = make_report (1, at, this_quarter, "new", "Vier leerwerkplekken", "Bakkerij Janssen",
                                       "Heerlen", "Parkstad");
  g_autoptr(WbRecord) b = make_report (2, at, this_quarter, "withdrawn", "Jobcarving schoonmaak", "Hotel Maas",
                                       "Maastricht", "Maastricht-Heuvelland");
  g_autoptr(WbRecord) c = make_report (3, "2020-02-01T09:00:00Z", "2020-Q1", "changed", "Oud arrangement",
                                       "Garage Smeets", "Heerlen", "Parkstad");
  WbListModel *model;
  WbFilterDropdown *quarter, *region;
  g_autoptr(GBytes) csv = NULL;
  g_autofree char *text = NULL;

  g_list_store_append (reports, a);
  g_list_store_append (reports, b);
  g_list_store_append (reports, c);
  wb_list_view_set_session (WB_LIST_VIEW (view), session);
  wb_list_view_set_records (WB_LIST_VIEW (view), G_LIST_MODEL (reports));
  model = wb_list_view_get_model (WB_LIST_VIEW (view));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);

  quarter = WB_FILTER_DROPDOWN (wb_list_view_get_filter_widget (WB_LIST_VIEW (view), WB_ARRANGEMENT_FILTER_QUARTER));
  region = WB_FILTER_DROPDOWN (wb_list_view_get_filter_widget (WB_LIST_VIEW (view), WB_ARRANGEMENT_FILTER_REGION));
  g_assert_true (wb_filter_dropdown_select_value (quarter, this_quarter));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
  g_assert_true (wb_filter_dropdown_select_value (region, "Parkstad"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  g_assert_false (wb_filter_dropdown_select_value (quarter, "1999-Q1"));

  csv = wb_list_csv_new (wb_arrangement_list_spec (), G_LIST_MODEL (model));
  text = g_strndup (g_bytes_get_data (csv, NULL), g_bytes_get_size (csv));
  g_assert_true (g_str_has_prefix (text, "\xEF\xBB\xBFReported on;Employer;Report;Arrangement;Marked by;Municipality;"
                                         "KvK number;Employees;Subregion;Quarter;WSP coordinators told\r\n"));
  g_assert_nonnull (strstr (text, ";Bakkerij Janssen;New;Vier leerwerkplekken;Lotte Lokaal (ISD Heuvel);Heerlen;"
                                  "14000001;12;Parkstad;"));
  g_assert_null (strstr (text, "Hotel Maas"));

  wb_list_view_set_session (WB_LIST_VIEW (view), NULL);
  g_assert_finalize_object (view);
}

/* Tests: the handover of every account of an account manager who left */

static const char *handover_proposal =
  "{\"user\":{\"id\":24,\"display_name\":\"Frank Vertrokken\",\"active\":false},\"accounts\":["
  "{\"employer\":{\"id\":101,\"name\":\"Glashandel Heuts\",\"employee_count\":22,\"municipality\":\"Heerlen\"},"
  " \"successors\":[{\"id\":23,\"display_name\":\"Lotte Lokaal\",\"organisation\":\"ISD Heuvel\",\"fit\":\"fit\",\"accounts\":3},"
  "                 {\"id\":26,\"display_name\":\"Luuk Lemmens\",\"organisation\":\"ISD Heuvel\",\"fit\":\"fit\",\"accounts\":9}],"
  " \"successor_id\":23,\"briefing\":{\"contacts\":2,\"last_contacts\":[{\"date\":\"2026-11-02\",\"kind\":\"call\"}],"
  " \"open_vacancies\":[],\"matches_in_progress\":[],\"exception\":null},"
  " \"briefing_summary\":\"2 contacts, the last on 2 Nov 2026; no open vacancies; no matches in progress; no exception\"},"
  "{\"employer\":{\"id\":102,\"name\":\"Kinderopvang Heuts\",\"employee_count\":40,\"municipality\":\"Heerlen\"},"
  " \"successors\":[{\"id\":21,\"display_name\":\"Wim Wever\",\"organisation\":\"WSP Parkstad\",\"fit\":\"fit\",\"accounts\":30}],"
  " \"successor_id\":21,\"briefing\":null,\"briefing_summary\":null}]}";

/* The dialog shows each account with the successors the rule allows, the proposed one
 * chosen, asks why, and sends every account at once; a review of an owner who left offers
 * it. */
static void
test_handover_dialog (void)
{
  g_autoptr(WbSession) session = make_region_session ();
  g_autoptr(JsonNode) proposal = json_from_string (handover_proposal, NULL);
  WbHandoverDialog *dialog = wb_handover_dialog_new (session, 24, "Frank Vertrokken");
  g_autoptr(JsonObject) body = NULL;
  JsonArray *assignments;
  WbReviewQueue *queue = wb_review_queue_new ();
  g_autoptr(GListStore) reviews = g_list_store_new (WB_TYPE_RECORD);
  g_autoptr(WbRecord) left = make_left_review (1, 22, NULL);
  g_autoptr(WbRecord) dormant = NULL;

  g_object_ref_sink (dialog);
  wb_handover_dialog_set_proposal (dialog, json_node_get_object (proposal));
  g_assert_cmpuint (wb_handover_dialog_get_n_accounts (dialog), ==, 2);

  /* No reason, nothing sent: the dialog says why and keeps the choices. */
  g_assert_null (wb_handover_dialog_dup_body (dialog));
  g_assert_nonnull (strstr (wb_handover_dialog_get_message (dialog), "reason"));

  wb_handover_dialog_set_reason (dialog, "Vertrokken per 1 december");
  body = wb_handover_dialog_dup_body (dialog);
  g_assert_nonnull (body);
  g_assert_null (wb_handover_dialog_get_message (dialog));
  g_assert_cmpstr (json_object_get_string_member (body, "reason"), ==, "Vertrokken per 1 december");
  assignments = json_object_get_array_member (body, "assignments");
  g_assert_cmpuint (json_array_get_length (assignments), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (assignments, 0), "employer_id"), ==, 101);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (assignments, 0), "owner_id"), ==, 23);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (assignments, 1), "owner_id"), ==, 21);
  g_clear_pointer (&body, json_object_unref);

  /* Several successors: another one for the first account; nobody else is offered. */
  g_assert_true (wb_handover_dialog_choose (dialog, 101, 26));
  g_assert_false (wb_handover_dialog_choose (dialog, 102, 23));
  body = wb_handover_dialog_dup_body (dialog);
  assignments = json_object_get_array_member (body, "assignments");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (assignments, 0), "owner_id"), ==, 26);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (assignments, 1), "owner_id"), ==, 21);

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);

  /* The review of an owner who left offers the handover; a dormant account's does not. */
  g_object_ref_sink (queue);
  wb_review_queue_set_session (queue, session);
  g_list_store_append (reviews, left);
  {
    g_autoptr(WbRecord) source = make_left_review (2, 12, NULL);
    JsonObject *o = json_object_ref (wb_record_get_object (source));

    json_object_set_string_member (o, "kind", "dormant");
    dormant = wb_test_record_take (WB_RESOURCE_EMPLOYERS, o);
  }
  g_list_store_append (reviews, dormant);
  wb_review_queue_set_reviews (queue, G_LIST_MODEL (reviews));
  g_assert_true (wb_review_queue_select (queue, 1));
  g_assert_true (wb_record_page_get_action_visible (WB_RECORD_PAGE (wb_review_queue_get_page (queue)), "hand_over"));
  g_assert_true (wb_review_queue_select (queue, 2));
  g_assert_false (wb_record_page_get_action_visible (WB_RECORD_PAGE (wb_review_queue_get_page (queue)), "hand_over"));
  wb_review_queue_set_session (queue, NULL);
  g_assert_finalize_object (queue);
}

/* Tests: the contact dialog's draft */

static void
not_sent (WbContactDraft *draft,
          gpointer        user_data)
{
  g_assert_not_reached ();
}

static void
test_contact_draft (void)
{
  WbContactDraft *draft = wb_contact_draft_new (not_sent, NULL);
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(WbProblem) problem = wb_problem_new (400, "Not valid", NULL);

  wb_contact_draft_set (draft, "call", "2026-11-20", "  Gebeld over twee orderpickers ");
  object = wb_contact_draft_to_json (draft);
  g_assert_cmpstr (json_object_get_string_member (object, "kind"), ==, "call");
  g_assert_cmpstr (json_object_get_string_member (object, "date"), ==, "2026-11-20");
  g_assert_cmpstr (json_object_get_string_member (object, "note"), ==, "Gebeld over twee orderpickers");
  g_clear_pointer (&object, json_object_unref);

  /* An unknown kind is no kind; an empty note is no note. */
  wb_contact_draft_set (draft, "fax", NULL, "");
  object = wb_contact_draft_to_json (draft);
  g_assert_cmpstr (json_object_get_string_member (object, "kind"), ==, "call");
  g_assert_false (json_object_has_member (object, "note"));
  wb_problem_add_error (problem, "date", "is not a date");
  wb_contact_draft_set_error (draft, "Not logged", problem);
  wb_contact_draft_free (draft);
}

static void
skip_without_display (void)
{
  g_test_skip ("No display: run under Xvfb (build-aux/setup.sh test does)");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_add_func ("/app-accounts/no-display", skip_without_display);
      return g_test_run ();
    }
  adw_init ();
  wb_application_ensure_resources ();
  wb_test_use_app_style ();

  g_test_add_func ("/app-accounts/list/counts", test_counts);
  g_test_add_func ("/app-accounts/list/filters", test_filters);
  g_test_add_func ("/app-accounts/list/search", test_search);
  g_test_add_func ("/app-accounts/list/sort", test_sort);
  g_test_add_func ("/app-accounts/list/replace-record", test_replace);
  g_test_add_func ("/app-accounts/print/pdf-has-every-row", test_print_pdf);
  g_test_add_func ("/app-accounts/export/in-words-and-typed", test_export_in_words_and_typed);
  g_test_add_func ("/app-accounts/print/footer-in-full", test_print_footer);
  g_test_add_func ("/app-accounts/page/owner-rule-and-exception", test_page_binds_account);
  g_test_add_func ("/app-accounts/page/actions-as-the-policy-allows", test_page_policy);
  g_test_add_func ("/app-accounts/page/history-and-briefing", test_page_history);
  g_test_add_func ("/app-accounts/arrangements/per-quarter-and-exported", test_arrangements_list);
  g_test_add_func ("/app-accounts/editor/only-what-changed", test_editor_changes);
  g_test_add_func ("/app-accounts/queue/oldest-first", test_queue_oldest_first);
  g_test_add_func ("/app-accounts/queue/decided-review-leaves", test_queue_decided_leaves);
  g_test_add_func ("/app-accounts/queue/decision-needs-a-reason", test_decision_needs_reason);
  g_test_add_func ("/app-accounts/queue/coordinators-only", test_queue_for_coordinators_only);
  g_test_add_func ("/app-accounts/queue/rows-speak-and-focus-stays", test_queue_rows_speak_and_focus_stays);
  g_test_add_func ("/app-accounts/queue/beside-at-default-width", test_queue_beside_at_default_width);
  g_test_add_func ("/app-accounts/queue/folded-returns-after-the-last", test_queue_folded_returns_after_last);
  g_test_add_func ("/app-accounts/queue/suggests-by-the-rule", test_queue_suggests_by_the_rule);
  g_test_add_func ("/app-accounts/queue/handover-of-every-account", test_handover_dialog);
  g_test_add_func ("/app-accounts/contact/draft", test_contact_draft);

  return g_test_run ();
}
