/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "test-app-vacancies"

#include "config.h"

#include <adwaita.h>
#include <stdlib.h>
#include <string.h>

#include "wb-api-client.h"
#include "wb-application.h"
#include "wb-demo.h"
#include "wb-labels.h"
#include "wb-session.h"
#include "wb-store.h"
#include "wb-test-api.h"
#include "wb-test-gtk.h"
#include "wb-test-server.h"
#include "wb-test-util.h"
#include "wb-vacancies-view.h"
#include "wb-vacancy-editor.h"
#include "wb-vacancy-page.h"

/* The vacancies view, the vacancy page and the vacancy editor against a real
 * werkbrug-server on a small synthetic region: the list's search, filters, count and
 * export agree with the API; the page shows what the API holds; picking an occupation
 * proposes its competences, levels and essentials are edited and saved; a stale write keeps
 * the user's edit; the server's validation shows at the field. */

#define WSP_MANAGER "wsp-parkstad.am1"
#define CONSULTANT "isd-kompas.consultant1"
#define ANALYST "isd-kompas.analyst"
#define TITLE "Testvacature orderpicker nachtdienst"

static struct {
  char *dir;
  char *db;
  WbTestServer *server;
  gint64 own_vacancy;        /* the WSP manager's organisation took it in */
  gint64 employer;
  gint64 competences[3];     /* of the starter taxonomy */
} fx;

/* Waiting */

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @done says so; fails after half a minute. */
static void
wait_until (gboolean (*done) (gpointer),
            gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + WB_TEST_WAIT_SECONDS * G_USEC_PER_SEC;
  guint wake = g_timeout_add (50, wake_cb, NULL);

  while (!done (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (wake);
}

static gboolean
list_loaded (gpointer view)
{
  return wb_list_view_get_loaded (view);
}

static gboolean
page_loaded (gpointer page)
{
  return !wb_vacancy_page_get_loading (page) && wb_vacancy_page_get_vacancy (page) != NULL;
}

static gboolean
search_done (gpointer search)
{
  return !wb_record_search_get_searching (search);
}

static gboolean
proposal_done (gpointer editor)
{
  return !wb_vacancy_editor_get_proposing (editor);
}

static gboolean
save_done (gpointer editor)
{
  return !wb_record_editor_is_saving (editor);
}

static gboolean
is_set (gpointer pointer)
{
  return *(gpointer *) pointer != NULL;
}

/* The fixture */

static WbApiClient *
login (const char  *username,
       WbRecord   **me)
{
  return wb_test_api_login (fx.server->url, username, WB_DEMO_PASSWORD, me);
}

static void
on_session_loaded_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (wb_session_load_finish (WB_SESSION (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static gboolean
flag_set (gpointer flag)
{
  return *(gboolean *) flag;
}

/* A signed-in session with its lookups, as the window has it. */
static WbSession *
session_for (const char *username)
{
  g_autoptr(WbRecord) me = NULL;
  g_autoptr(WbApiClient) api = login (username, &me);
  WbSession *session = wb_session_new (api, me);
  gboolean loaded = FALSE;

  wb_session_load_async (session, NULL, on_session_loaded_cb, &loaded);
  wait_until (flag_set, &loaded);
  return session;
}

static gint64
competence_id (WbApiClient *api,
               const char  *label)
{
  g_autoptr(GError) error = NULL;
  WbApiQuery query = { .q = label };
  g_autoptr(GListModel) rows = wb_test_api_list (api, WB_RESOURCE_COMPETENCES, 0, &query, NULL, &error);
  g_autoptr(WbRecord) row = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (rows), >=, 1);
  row = g_list_model_get_item (rows, 0);
  return wb_record_get_id (row);
}

static gint64
heerlen_id (WbApiClient *api)
{
  g_autoptr(GError) error = NULL;
  WbApiQuery query = { .q = "Heerlen" };
  g_autoptr(GListModel) rows = wb_test_api_list (api, WB_RESOURCE_MUNICIPALITIES, 0, &query, NULL, &error);
  g_autoptr(WbRecord) row = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
  row = g_list_model_get_item (rows, 0);
  return wb_record_get_id (row);
}

static void
fixture_setup (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbStore) store = NULL;
  g_autoptr(WbApiClient) api = NULL;
  g_autoptr(GListModel) employers = NULL;
  g_autoptr(GHashTable) filters = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  WbApiQuery query = { .filters = filters };
  g_autoptr(WbRecord) employer = NULL;
  g_autoptr(WbRecord) vacancy = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) soon = g_date_time_add_days (now, 7);
  g_autofree char *closes = g_date_time_format (soon, "%Y-%m-%d");
  g_autofree char *json = NULL;
  WbDemoOptions options = { .n_clients = 200, .n_employers = 60, .n_vacancies = 80, .seed = 7 };

  fx.dir = wb_test_make_dir ();
  fx.db = g_build_filename (fx.dir, "werkbrug.db", NULL);
  store = wb_store_open (fx.db, &error);
  g_assert_no_error (error);
  g_assert_true (wb_demo_generate (store, &options, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  fx.server = wb_test_server_start (fx.db);

  /* One vacancy of the WSP's own at an employer in Heerlen, with two competences, closing
   * in a week. */
  api = login (WSP_MANAGER, NULL);
  g_hash_table_insert (filters, (gpointer) "municipality_id", g_strdup_printf ("%" G_GINT64_FORMAT, heerlen_id (api)));
  employers = wb_test_api_list (api, WB_RESOURCE_EMPLOYERS, 0, &query, NULL, &error);
  g_assert_no_error (error);
  employer = g_list_model_get_item (employers, 0);
  fx.employer = wb_record_get_id (employer);
  fx.competences[0] = competence_id (api, "Orders verzamelen");
  fx.competences[1] = competence_id (api, "Nauwkeurig werken");
  fx.competences[2] = competence_id (api, "Geduld");
  json = g_strdup_printf ("{\"employer_id\":%" G_GINT64_FORMAT ",\"title\":\"Orderpicker vriesvak\",\"sector\":\"logistics\","
                          "\"hours\":32,\"pc4\":\"6411\",\"positions\":2,\"opened_at\":\"2026-11-02\","
                          "\"closes_at\":\"%s\",\"job_carving\":true,\"contract\":\"temporary\",\"competences\":["
                          "{\"competence_id\":%" G_GINT64_FORMAT ",\"level\":3,\"essential\":true},"
                          "{\"competence_id\":%" G_GINT64_FORMAT ",\"level\":2,\"essential\":false}]}",
                          fx.employer, closes, fx.competences[0], fx.competences[1]);
  vacancy = wb_test_api_create_json (api, WB_RESOURCE_VACANCIES, 0, json, &error);
  g_assert_no_error (error);
  fx.own_vacancy = wb_record_get_id (vacancy);
}

static void
fixture_teardown (void)
{
  wb_test_server_stop (fx.server);
  wb_test_remove_dir (fx.dir);
  g_free (fx.db);
  g_free (fx.dir);
}

/* Every vacancy as the API lists it. */
static GListModel *
all_vacancies (WbApiClient *api)
{
  g_autoptr(GError) error = NULL;
  WbApiQuery query = { .per_page = 1000 };
  guint total = 0;
  GListModel *rows = wb_test_api_list (api, WB_RESOURCE_VACANCIES, 0, &query, &total, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, total);
  return rows;
}

static WbVacanciesView *
loaded_view (WbSession *session)
{
  WbVacanciesView *view = g_object_ref_sink (wb_vacancies_view_new ());

  wb_vacancies_view_set_session (view, session);
  wait_until (list_loaded, view);
  return view;
}

/* Tests: the list */

static void
test_list_agrees_with_api (void)
{
  g_autoptr(WbSession) session = session_for (WSP_MANAGER);
  g_autoptr(GListModel) rows = all_vacancies (wb_session_get_api (session));
  WbVacanciesView *view = loaded_view (session);
  WbListModel *model = wb_list_view_get_model (WB_LIST_VIEW (view));
  guint n = g_list_model_get_n_items (rows);
  guint open = 0, carving = 0, subsidy = 0, opportunity = 0, ours = 0, in_heerlen = 0, no_closing = 0, small = 0;
  guint with_employer = 0;
  gint64 heerlen = heerlen_id (wb_session_get_api (session));
  g_autofree char *employer = NULL;
  g_autofree char *employer_part = NULL;
  g_autofree char *count = NULL;
  g_autofree char *expected = NULL;

  g_assert_cmpuint (n, >, 20);
  g_assert_cmpuint (wb_list_model_get_n_loaded (model), ==, n);
  g_assert_cmpuint (wb_list_model_get_n_shown (model), ==, n);

  {
    g_autoptr(WbRecord) first = g_list_model_get_item (rows, 0);
    g_autofree char *part = NULL;

    employer = g_strdup (wb_record_get_string (first, "employer"));
    /* A part of the name, in capitals, finds it as well. */
    part = g_utf8_substring (employer, 2, 8);
    employer_part = g_utf8_strup (part, -1);
  }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WbRecord) vacancy = g_list_model_get_item (rows, i);
      g_autofree char *folded = g_utf8_casefold (wb_record_get_string (vacancy, "employer"), -1);
      g_autofree char *part = g_utf8_casefold (employer_part, -1);

      open += g_strcmp0 (wb_record_get_string (vacancy, "status"), "open") == 0;
      carving += wb_record_get_boolean (vacancy, "job_carving");
      subsidy += wb_record_get_boolean (vacancy, "wage_cost_subsidy");
      opportunity += wb_is_opportunity_sector (wb_record_get_string (vacancy, "region"),
                                               wb_record_get_string (vacancy, "sector"));
      ours += wb_record_get_int (vacancy, "organisation_id") == wb_session_get_organisation_id (session);
      in_heerlen += wb_record_get_int (vacancy, "municipality_id") == heerlen;
      no_closing += wb_record_get_string (vacancy, "closes_at") == NULL;
      small += wb_record_get_int (vacancy, "hours") <= 16;
      with_employer += strstr (folded, part) != NULL;
    }
  g_assert_cmpuint (open, >, 0);
  g_assert_cmpuint (opportunity, >, 0);
  g_assert_cmpuint (ours, >, 0);

  /* Each filter leaves what the API's records say, and the count says how many. */
  wb_list_model_set_filter (model, WB_VACANCY_FILTER_STATUS, "open");
  g_assert_cmpuint (wb_list_model_get_n_shown (model), ==, open);
  count = wb_list_view_dup_count_text (WB_LIST_VIEW (view));
  expected = g_strdup_printf ("%u of %u vacancies", open, n);
  g_assert_cmpstr (count, ==, expected);
  wb_list_model_reset_filters (model);
  wb_list_model_set_filter (model, WB_VACANCY_FILTER_JOB_CARVING, "true");
  g_assert_cmpuint (wb_list_model_get_n_shown (model), ==, carving);
  wb_list_model_reset_filters (model);
  wb_list_model_set_filter (model, WB_VACANCY_FILTER_SUBSIDY, "false");
  g_assert_cmpuint (wb_list_model_get_n_shown (model), ==, n - subsidy);
  wb_list_model_reset_filters (model);
  wb_list_model_set_filter (model, WB_VACANCY_FILTER_SECTOR, WB_VACANCY_OPPORTUNITY);
  g_assert_cmpuint (wb_list_model_get_n_shown (model), ==, opportunity);
  wb_list_model_reset_filters (model);
  wb_list_model_set_filter_number (model, WB_VACANCY_FILTER_OURS, wb_session_get_organisation_id (session), FALSE);
  g_assert_cmpuint (wb_list_model_get_n_shown (model), ==, ours);
  wb_list_model_reset_filters (model);
  wb_list_model_set_filter_number (model, WB_VACANCY_FILTER_MUNICIPALITY, heerlen, FALSE);
  g_assert_cmpuint (wb_list_model_get_n_shown (model), ==, in_heerlen);
  g_assert_cmpuint (in_heerlen, >=, 1);
  wb_list_model_reset_filters (model);
  wb_list_model_set_filter (model, WB_VACANCY_FILTER_CLOSING, "4");
  g_assert_cmpuint (wb_list_model_get_n_shown (model), ==, no_closing);
  wb_list_model_reset_filters (model);
  wb_list_model_set_filter (model, WB_VACANCY_FILTER_HOURS, "1");
  g_assert_cmpuint (wb_list_model_get_n_shown (model), ==, small);
  wb_list_model_reset_filters (model);
  wb_list_model_set_filter (model, WB_VACANCY_FILTER_EMPLOYER, employer_part);
  g_assert_cmpuint (wb_list_model_get_n_shown (model), ==, with_employer);
  g_assert_cmpuint (with_employer, >=, 1);
  wb_list_model_reset_filters (model);

  /* Filters add up: the fixture's vacancy is open, ours, with job carving, in Heerlen's
   * postcode area and closes within two weeks. */
  wb_list_model_set_filter (model, WB_VACANCY_FILTER_STATUS, "open");
  wb_list_model_set_filter (model, WB_VACANCY_FILTER_JOB_CARVING, "true");
  wb_list_model_set_filter (model, WB_VACANCY_FILTER_CLOSING, "1");
  wb_list_model_set_filter_number (model, WB_VACANCY_FILTER_OURS, wb_session_get_organisation_id (session), FALSE);
  g_assert_nonnull (wb_list_model_find (model, fx.own_vacancy));
  g_assert_cmpuint (wb_list_model_get_n_shown (model), >=, 1);
  g_assert_cmpuint (wb_list_model_get_n_shown (model), <=, MIN (open, carving));
  wb_list_model_reset_filters (model);

  /* Search as you type: over the title and the employer, in any case. */
  wb_list_view_search (WB_LIST_VIEW (view), "ORDERPICKER VRIES");
  g_assert_cmpuint (wb_list_model_get_n_shown (model), ==, 1);
  {
    g_autoptr(WbVacancyRow) row = g_list_model_get_item (G_LIST_MODEL (model), 0);
    g_assert_cmpint (wb_vacancy_row_get_id (row), ==, fx.own_vacancy);
    g_assert_cmpstr (wb_vacancy_row_get_contract_label (row), ==, "Temporary");
    g_assert_true (wb_vacancy_row_get_days_to_close (row) == 7);
  }
  wb_list_view_search (WB_LIST_VIEW (view), employer);
  g_assert_cmpuint (wb_list_model_get_n_shown (model), >=, 1);
  wb_list_view_search (WB_LIST_VIEW (view), "geen vacature heet zo");
  g_assert_cmpuint (wb_list_model_get_n_shown (model), ==, 0);
  wb_list_view_search (WB_LIST_VIEW (view), NULL);
  g_assert_cmpuint (wb_list_model_get_n_shown (model), ==, n);

  g_assert_finalize_object (view);
}

static void
test_list_sort_and_export (void)
{
  g_autoptr(WbSession) session = session_for (WSP_MANAGER);
  WbVacanciesView *view = loaded_view (session);
  WbListModel *model = wb_list_view_get_model (WB_LIST_VIEW (view));
  const WbListSpec *spec = wb_vacancy_list_spec ();
  g_autoptr(GtkSorter) by_hours = wb_list_spec_create_sorter (spec, WB_VACANCY_COLUMN_HOURS);
  g_autoptr(GBytes) csv = NULL;
  g_auto(GStrv) lines = NULL;
  const char *data;
  int last = 0;

  /* Hours sort as numbers. */
  wb_list_model_set_sorter (model, by_hours);
  for (guint i = 0; i < wb_list_model_get_n_shown (model); i++)
    {
      g_autoptr(WbVacancyRow) row = g_list_model_get_item (G_LIST_MODEL (model), i);

      g_assert_cmpint (wb_vacancy_row_get_hours (row), >=, last);
      last = wb_vacancy_row_get_hours (row);
    }
  g_assert_cmpint (last, >, 16);

  /* Dutch Excel: a byte-order mark, semicolons, CRLF, one line per row shown, and a "no"
   * written out. */
  wb_list_view_search (WB_LIST_VIEW (view), "Orderpicker vriesvak");
  csv = wb_list_csv_new (spec, G_LIST_MODEL (model));
  data = g_bytes_get_data (csv, NULL);
  g_assert_true (g_str_has_prefix (data, "\xEF\xBB\xBF" "Vacancy;Employer;Status;Closes;Sector;Municipality;Subregion;"
                                   "Hours;Contract;Positions;Job carving;Wage-cost subsidy;Opened\r\n"));
  lines = g_strsplit (data, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_true (g_str_has_prefix (lines[1], "Orderpicker vriesvak;"));
  g_assert_nonnull (strstr (lines[1], ";32;Temporary;2;Yes;No;2026-11-02"));
  wb_list_model_set_sorter (model, NULL);
  g_assert_finalize_object (view);
}

/* Tests: the page */

static WbRecord *
get_vacancy (WbApiClient *api,
             gint64       id)
{
  g_autoptr(GError) error = NULL;
  WbRecord *record = wb_test_api_get (api, WB_RESOURCE_VACANCIES, id, NULL, &error);

  g_assert_no_error (error);
  return record;
}

static void
on_vacancy_loaded_cb (WbVacancyPage *page,
                      WbRecord      *vacancy,
                      gint64        *loaded)
{
  *loaded = wb_record_get_id (vacancy);
}

static void
on_open_employer_cb (WbVacancyPage *page,
                     gint64         employer_id,
                     gint64        *opened)
{
  *opened = employer_id;
}

static void
test_page_shows_vacancy (void)
{
  g_autoptr(WbSession) session = session_for (WSP_MANAGER);
  g_autoptr(WbRecord) vacancy = get_vacancy (wb_session_get_api (session), fx.own_vacancy);
  WbVacancyPage *page = g_object_ref_sink (wb_vacancy_page_new ());
  WbRecordPage *record_page = WB_RECORD_PAGE (page);
  GtkWidget *panel = gtk_label_new ("candidates");
  g_autofree char *level_field = g_strdup_printf ("competence:%" G_GINT64_FORMAT, fx.competences[0]);
  g_autofree char *optional_field = g_strdup_printf ("competence:%" G_GINT64_FORMAT, fx.competences[1]);
  gint64 loaded = 0, opened = 0;
  GtkButton *open_account;

  g_signal_connect (page, "vacancy-loaded", G_CALLBACK (on_vacancy_loaded_cb), &loaded);
  g_signal_connect (page, "open-employer", G_CALLBACK (on_open_employer_cb), &opened);
  wb_record_page_set_session (record_page, session);

  /* The slot for the candidates is hidden until a panel is put in it. */
  g_assert_null (wb_vacancy_page_get_candidates_widget (page));
  wb_record_page_load (record_page, vacancy);
  wait_until (page_loaded, page);
  g_assert_cmpint (loaded, ==, fx.own_vacancy);

  g_assert_cmpstr (wb_record_page_get_title (record_page), ==, "Orderpicker vriesvak");
  g_assert_cmpstr (wb_record_page_get_field_text (record_page, "employer"), ==,
                   wb_record_get_string (vacancy, "employer"));
  g_assert_cmpstr (wb_record_page_get_field_text (record_page, "hours"), ==, "32 hours a week");
  g_assert_cmpstr (wb_record_page_get_field_text (record_page, "contract"), ==, "Temporary");
  g_assert_cmpstr (wb_record_page_get_field_text (record_page, "positions"), ==, "2 positions: 0 filled, 2 open");
  g_assert_cmpstr (wb_record_page_get_field_text (record_page, "job_carving"), ==, "Yes");
  g_assert_cmpstr (wb_record_page_get_field_text (record_page, "wage_cost_subsidy"), ==, "No");
  g_assert_cmpstr (wb_record_page_get_field_text (record_page, "pc4"), ==, "6411");
  g_assert_cmpstr (wb_record_page_get_field_text (record_page, "region"), ==, "Parkstad");
  g_assert_cmpstr (wb_record_page_get_field_text (record_page, "municipality"), ==, "Heerlen");
  /* Logistics is no opportunity sector of Parkstad. */
  g_assert_cmpstr (wb_record_page_get_field_text (record_page, "sector"), ==, "Logistics");
  g_assert_true (g_str_has_suffix (wb_record_page_get_field_text (record_page, "closes_at"), "(in 7 days)"));
  /* Dates as a person reads them, never the API's ISO. */
  g_assert_cmpstr (wb_record_page_get_field_text (record_page, "opened_at"), ==, "2 Nov 2026");
  g_assert_null (strstr (wb_record_page_get_field_text (record_page, "closes_at"), "-"));
  g_assert_true (g_str_has_prefix (wb_record_page_get_field_text (record_page, "requirements"), "1 essential, 1 optional"));
  g_assert_cmpstr (wb_record_page_get_field_text (record_page, level_field), ==, "Level 3 of 5 · essential");
  g_assert_cmpstr (wb_record_page_get_field_text (record_page, optional_field), ==, "Level 2 of 5 · optional");
  g_assert_cmpstr (wb_record_page_get_field_text (record_page, "occupation"), ==, "—");
  /* Its own organisation's vacancy: the WSP account manager may change it. */
  g_assert_true (wb_record_page_get_action_visible (record_page, "edit"));

  /* The employer's name opens the account. */
  open_account = wb_test_find_button (GTK_WIDGET (page), "Open _Account");
  g_assert_nonnull (open_account);
  g_signal_emit_by_name (open_account, "clicked");
  g_assert_cmpint (opened, ==, fx.employer);

  /* A panel in the slot is shown, and stays through a reload. */
  wb_vacancy_page_set_candidates_widget (page, panel);
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (panel)));
  loaded = 0;
  wb_record_page_reload (record_page);
  wait_until (page_loaded, page);
  g_assert_cmpint (loaded, ==, fx.own_vacancy);
  g_assert_true (wb_vacancy_page_get_candidates_widget (page) == panel);
  g_assert_true (gtk_widget_get_ancestor (panel, WB_TYPE_VACANCY_PAGE) == GTK_WIDGET (page));
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (panel)));
  wb_vacancy_page_set_candidates_widget (page, NULL);

  g_assert_finalize_object (page);
}

/* The row titled @title under @widget, or NULL. */
static GtkWidget *
find_row_titled (GtkWidget  *widget,
                 const char *title)
{
  if (ADW_IS_ACTION_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row_titled (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Rows with a level bar (a requirement) that are shown, and all there are. */
static void
count_requirement_rows (GtkWidget *widget,
                        guint     *shown,
                        guint     *all)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LEVEL_BAR (child))
        {
          GtkWidget *row = gtk_widget_get_ancestor (child, ADW_TYPE_ACTION_ROW);

          (*all)++;
          *shown += row != NULL && gtk_widget_get_visible (row);
        }
      count_requirement_rows (child, shown, all);
    }
}

static void
assert_requirements_shown (WbRecordPage *page,
                           WbRecord     *vacancy)
{
  JsonArray *competences = wb_record_get_array (vacancy, "competences");
  guint n = competences != NULL ? json_array_get_length (competences) : 0;
  guint shown = 0, all = 0;

  for (guint i = 0; i < n; i++)
    {
      JsonObject *item = json_array_get_object_element (competences, i);
      g_autofree char *field = g_strdup_printf ("competence:%" G_GINT64_FORMAT,
                                                json_object_get_int_member (item, "competence_id"));
      g_autofree char *text = g_strdup_printf (json_object_get_boolean_member (item, "essential") ?
                                               "Level %d of 5 · essential" : "Level %d of 5 · optional",
                                               (int) json_object_get_int_member (item, "level"));

      g_assert_cmpstr (wb_record_page_get_field_text (page, field), ==, text);
    }
  /* Past the first five, the rest waits for "Show All". */
  count_requirement_rows (GTK_WIDGET (page), &shown, &all);
  g_assert_cmpuint (shown, ==, MIN (n, 5));
  g_assert_cmpuint (all, >=, n);
}

/* Another vacancy is shown in the same cards: their rows are given its values, not built
 * again, and what the first showed that the second has not is gone from the page. */
static void
test_page_keeps_its_cards (void)
{
  g_autoptr(WbSession) session = session_for (WSP_MANAGER);
  WbApiClient *api = wb_session_get_api (session);
  g_autoptr(WbRecord) own = get_vacancy (api, fx.own_vacancy);
  g_autoptr(GListModel) rows = all_vacancies (api);
  g_autoptr(WbRecord) other = NULL;
  WbVacancyPage *page = g_object_ref_sink (wb_vacancy_page_new ());
  WbRecordPage *record_page = WB_RECORD_PAGE (page);
  g_autofree char *own_field = g_strdup_printf ("competence:%" G_GINT64_FORMAT, fx.competences[0]);
  g_autofree char *hours = NULL;
  GtkWidget *hours_row;
  guint most = 0;

  /* The vacancy with the most requirements, none of them the own vacancy's first. */
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(WbRecord) summary = g_list_model_get_item (rows, i);
      g_autoptr(WbRecord) vacancy = get_vacancy (api, wb_record_get_id (summary));
      JsonArray *competences = wb_record_get_array (vacancy, "competences");
      guint n = competences != NULL ? json_array_get_length (competences) : 0;
      gboolean shares = FALSE;

      for (guint c = 0; c < n; c++)
        shares = shares || json_object_get_int_member (json_array_get_object_element (competences, c),
                                                       "competence_id") == fx.competences[0];
      if (wb_record_get_id (vacancy) != fx.own_vacancy && !shares && n > most)
        {
          g_set_object (&other, vacancy);
          most = n;
        }
    }
  g_assert_nonnull (other);
  g_assert_cmpuint (most, >, 2);

  wb_record_page_set_session (record_page, session);
  wb_record_page_load (record_page, own);
  wait_until (page_loaded, page);
  assert_requirements_shown (record_page, own);
  hours_row = find_row_titled (GTK_WIDGET (page), "Hours");
  g_assert_nonnull (hours_row);

  wb_record_page_load (record_page, other);
  wait_until (page_loaded, page);
  g_assert_cmpstr (wb_record_page_get_title (record_page), ==, wb_record_get_string (other, "title"));
  g_assert_true (find_row_titled (GTK_WIDGET (page), "Hours") == hours_row);
  hours = g_strdup_printf ("%d hours a week", (int) wb_record_get_int (other, "hours"));
  g_assert_cmpstr (wb_record_page_get_field_text (record_page, "hours"), ==, hours);
  g_assert_null (wb_record_page_get_field_text (record_page, own_field));
  assert_requirements_shown (record_page, other);

  /* And back: the rows the other needed more are hidden and known by no field. */
  wb_record_page_load (record_page, own);
  wait_until (page_loaded, page);
  g_assert_true (find_row_titled (GTK_WIDGET (page), "Hours") == hours_row);
  g_assert_cmpstr (wb_record_page_get_field_text (record_page, "hours"), ==, "32 hours a week");
  g_assert_cmpstr (wb_record_page_get_field_text (record_page, own_field), ==, "Level 3 of 5 · essential");
  assert_requirements_shown (record_page, own);
  {
    JsonArray *competences = wb_record_get_array (other, "competences");

    for (guint c = 0; c < json_array_get_length (competences); c++)
      {
        g_autofree char *field = g_strdup_printf ("competence:%" G_GINT64_FORMAT,
                                                  json_object_get_int_member (json_array_get_object_element (competences, c),
                                                                              "competence_id"));
        gboolean own_has = FALSE;
        JsonArray *own_competences = wb_record_get_array (own, "competences");

        for (guint o = 0; o < json_array_get_length (own_competences); o++)
          own_has = own_has || json_object_get_int_member (json_array_get_object_element (own_competences, o),
                                                           "competence_id") ==
                               json_object_get_int_member (json_array_get_object_element (competences, c),
                                                           "competence_id");
        if (!own_has)
          g_assert_null (wb_record_page_get_field_text (record_page, field));
      }
  }
  g_assert_finalize_object (page);
}

/* In a window, the cards below the first two follow the frame that shows the vacancy: hidden
 * until then (never showing the last vacancy's values), filled and shown after it. */
static void
test_page_lower_cards_follow (void)
{
  g_autoptr(WbSession) session = session_for (WSP_MANAGER);
  WbApiClient *api = wb_session_get_api (session);
  g_autoptr(WbRecord) own = get_vacancy (api, fx.own_vacancy);
  g_autoptr(GListModel) rows = all_vacancies (api);
  g_autoptr(WbRecord) other = NULL;
  GtkWidget *window = gtk_window_new ();
  WbVacancyPage *page = wb_vacancy_page_new ();
  WbRecordPage *record_page = WB_RECORD_PAGE (page);
  GtkWidget *hours_row, *work_card;
  g_autofree char *hours = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (rows) && other == NULL; i++)
    {
      g_autoptr(WbRecord) summary = g_list_model_get_item (rows, i);

      if (wb_record_get_id (summary) != fx.own_vacancy &&
          wb_record_get_int (summary, "hours") != wb_record_get_int (own, "hours"))
        other = get_vacancy (api, wb_record_get_id (summary));
    }
  g_assert_nonnull (other);

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));
  wb_record_page_set_session (record_page, session);
  wb_record_page_load (record_page, own);
  wait_until (page_loaded, page);
  hours_row = find_row_titled (GTK_WIDGET (page), "Hours");
  work_card = gtk_widget_get_ancestor (hours_row, ADW_TYPE_PREFERENCES_GROUP);
  g_assert_true (gtk_widget_get_visible (work_card));
  g_assert_cmpstr (wb_record_page_get_field_text (record_page, "hours"), ==, "32 hours a week");

  wb_record_page_load (record_page, other);
  /* The title and the first cards at once; the work card not yet, and not the last one's. */
  g_assert_cmpstr (wb_record_page_get_title (record_page), ==, wb_record_get_string (other, "title"));
  g_assert_false (gtk_widget_get_visible (work_card));
  g_assert_true (wb_vacancy_page_get_loading (page));
  wait_until (page_loaded, page);
  g_assert_true (find_row_titled (GTK_WIDGET (page), "Hours") == hours_row);
  g_assert_true (gtk_widget_get_visible (work_card));
  hours = g_strdup_printf ("%d hours a week", (int) wb_record_get_int (other, "hours"));
  g_assert_cmpstr (wb_record_page_get_field_text (record_page, "hours"), ==, hours);

  /* The same vacancy read again fills them at once. */
  wb_record_page_reload (record_page);
  wait_until (page_loaded, page);
  g_assert_true (gtk_widget_get_visible (work_card));
  g_assert_cmpstr (wb_record_page_get_field_text (record_page, "hours"), ==, hours);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Another organisation's vacancy, or a role that only reads: no edit. */
static void
test_page_policy (void)
{
  g_autoptr(WbSession) manager = session_for (WSP_MANAGER);
  g_autoptr(WbSession) consultant = session_for (CONSULTANT);
  g_autoptr(GListModel) rows = all_vacancies (wb_session_get_api (manager));
  g_autoptr(WbRecord) own = get_vacancy (wb_session_get_api (manager), fx.own_vacancy);
  g_autoptr(WbRecord) other = NULL;
  WbVacancyPage *page = g_object_ref_sink (wb_vacancy_page_new ());
  WbRecordPage *record_page = WB_RECORD_PAGE (page);
  WbVacanciesView *view;

  for (guint i = 0; i < g_list_model_get_n_items (rows) && other == NULL; i++)
    {
      g_autoptr(WbRecord) vacancy = g_list_model_get_item (rows, i);

      if (wb_record_get_int (vacancy, "organisation_id") != wb_session_get_organisation_id (manager))
        other = g_object_ref (vacancy);
    }
  g_assert_nonnull (other);

  wb_record_page_set_session (record_page, manager);
  wb_record_page_load (record_page, other);
  wait_until (page_loaded, page);
  g_assert_false (wb_record_page_get_action_visible (record_page, "edit"));

  wb_record_page_set_session (record_page, consultant);
  wb_record_page_load (record_page, own);
  wait_until (page_loaded, page);
  g_assert_false (wb_record_page_get_action_visible (record_page, "edit"));
  g_assert_finalize_object (page);

  /* A consultant reads the list but takes no vacancy in; an analyst gets no list. */
  view = loaded_view (consultant);
  g_assert_cmpuint (wb_list_model_get_n_loaded (wb_list_view_get_model (WB_LIST_VIEW (view))), ==,
                    g_list_model_get_n_items (rows));
  g_assert_null (wb_vacancies_view_new_vacancy (view, NULL));
  g_assert_finalize_object (view);
  {
    g_autoptr(WbSession) analyst = session_for (ANALYST);

    view = g_object_ref_sink (wb_vacancies_view_new ());
    wb_vacancies_view_set_session (view, analyst);
    g_assert_false (wb_list_view_get_loaded (WB_LIST_VIEW (view)));
    g_assert_cmpuint (wb_list_model_get_n_loaded (wb_list_view_get_model (WB_LIST_VIEW (view))), ==, 0);
    g_assert_null (wb_vacancies_view_new_vacancy (view, NULL));
    g_assert_finalize_object (view);
  }
}

/* Tests: the editor */

static void
on_saved_cb (WbRecordEditor  *editor,
             WbRecord        *record,
             WbRecord       **out)
{
  g_set_object (out, record);
}

static void
on_proposed_cb (WbVacancyEditor *editor,
                guint            added,
                guint           *out)
{
  *out = added;
}

/* The result of a search with a label that starts with @prefix and, when not NULL, comes
 * from @source. */
static guint
find_result (WbRecordSearch *search,
             const char     *prefix,
             const char     *source)
{
  for (guint i = 0; i < wb_record_search_get_n_results (search); i++)
    {
      WbRecord *record = wb_record_search_get_result (search, i);
      const char *label = wb_record_get_string (record, "label_nl");

      if (label != NULL && g_str_has_prefix (label, prefix) &&
          (source == NULL || g_strcmp0 (wb_record_get_string (record, "source"), source) == 0))
        return i;
    }
  g_assert_not_reached ();
}

static JsonObject *
competence_of (WbRecord *vacancy,
               gint64    id)
{
  JsonArray *competences = wb_record_get_array (vacancy, "competences");

  for (guint i = 0; competences != NULL && i < json_array_get_length (competences); i++)
    {
      JsonObject *item = json_array_get_object_element (competences, i);

      if (json_object_get_int_member (item, "competence_id") == id)
        return item;
    }
  return NULL;
}

static void
test_editor_occupation_proposal (void)
{
  g_autoptr(WbSession) session = session_for (WSP_MANAGER);
  WbApiClient *api = wb_session_get_api (session);
  g_autoptr(WbRecord) employer = NULL;
  g_autoptr(WbRecord) saved = NULL;
  g_autoptr(WbRecord) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *pc4 = NULL;
  WbVacanciesView *view = loaded_view (session);
  WbListModel *model = wb_list_view_get_model (WB_LIST_VIEW (view));
  guint before = wb_list_model_get_n_loaded (model);
  WbVacancyEditor *editor;
  WbRequirementsEditor *requirements;
  WbRecordSearch *occupations, *competences;
  guint proposed = G_MAXUINT, essential = 0;
  gint64 first, second;

  employer = wb_test_api_get (api, WB_RESOURCE_EMPLOYERS, fx.employer, NULL, &error);
  g_assert_no_error (error);
  /* Taken in from the vacancies view, as the account page has it done. */
  editor = WB_VACANCY_EDITOR (wb_vacancies_view_new_vacancy (view, employer));
  g_assert_nonnull (editor);
  g_signal_connect (editor, "saved", G_CALLBACK (on_saved_cb), &saved);
  g_signal_connect (editor, "proposed", G_CALLBACK (on_proposed_cb), &proposed);
  requirements = wb_vacancy_editor_get_requirements (editor);
  occupations = wb_vacancy_editor_get_occupation_search (editor);

  /* A new vacancy starts where its employer is, and nothing is typed yet. */
  pc4 = wb_record_editor_dup_field (WB_RECORD_EDITOR (editor), "pc4");
  g_assert_cmpstr (pc4, ==, wb_record_get_string (employer, "pc4"));
  g_assert_false (wb_record_editor_has_changes (WB_RECORD_EDITOR (editor)));
  g_assert_cmpuint (wb_requirements_editor_get_n_items (requirements), ==, 0);

  /* Search as you type for the occupation: the starter list's orderpicker. */
  wb_record_search_search (occupations, "orderpick");
  wait_until (search_done, occupations);
  g_assert_cmpuint (wb_record_search_get_n_results (occupations), >=, 1);
  wb_record_search_choose (occupations, find_result (occupations, "orderpicker", "starter"));
  wait_until (proposal_done, editor);

  /* Its five essential and three optional competences are proposed, and its name. */
  g_assert_cmpuint (proposed, ==, 8);
  g_assert_cmpuint (wb_requirements_editor_get_n_items (requirements), ==, 8);
  for (guint i = 0; i < 8; i++)
    {
      gint64 id = wb_requirements_editor_get_id (requirements, i);

      if (wb_requirements_editor_get_essential (requirements, id))
        {
          essential++;
          g_assert_cmpint (wb_requirements_editor_get_level (requirements, id), ==, 3);
        }
      else
        g_assert_cmpint (wb_requirements_editor_get_level (requirements, id), ==, 2);
    }
  g_assert_cmpuint (essential, ==, 5);
  title = wb_record_editor_dup_field (WB_RECORD_EDITOR (editor), "title");
  g_assert_cmpstr (title, ==, "Orderpicker");
  g_assert_cmpint (wb_requirements_editor_get_level (requirements, fx.competences[0]), ==, 3);

  /* The user edits: a higher level, an essential made optional, one removed, one added by
   * a search; choosing the occupation again adds nothing the list has. */
  first = wb_requirements_editor_get_id (requirements, 0);
  second = wb_requirements_editor_get_id (requirements, 1);
  g_assert_true (wb_requirements_editor_set_level (requirements, fx.competences[0], 5));
  g_assert_true (wb_requirements_editor_set_essential (requirements, second, FALSE));
  g_assert_true (wb_requirements_editor_remove (requirements, first == fx.competences[0] ? second : first));
  competences = wb_requirements_editor_get_search (requirements);
  wb_record_search_search (competences, "geduld");
  wait_until (search_done, competences);
  wb_record_search_choose (competences, find_result (competences, "Geduld", NULL));
  g_assert_cmpuint (wb_requirements_editor_get_n_items (requirements), ==, 8);
  g_assert_cmpint (wb_requirements_editor_get_level (requirements, fx.competences[2]), ==, 3);
  g_assert_true (wb_requirements_editor_get_essential (requirements, fx.competences[2]));
  g_assert_cmpstr (wb_record_search_get_text (competences), ==, "");

  /* What is typed is the view's unsaved edit: closing the window keeps it. */
  g_assert_true (wb_list_view_has_unsaved_edits (WB_LIST_VIEW (view)));
  g_assert_null (wb_vacancies_view_new_vacancy (view, NULL));
  wb_record_editor_set_field (WB_RECORD_EDITOR (editor), "title", TITLE);
  wb_record_editor_set_field (WB_RECORD_EDITOR (editor), "hours", "24");
  wb_record_editor_set_field (WB_RECORD_EDITOR (editor), "wage_cost_subsidy", "true");
  wb_record_editor_save (WB_RECORD_EDITOR (editor));
  wait_until (is_set, &saved);

  /* The server holds what the form held. */
  stored = get_vacancy (api, wb_record_get_id (saved));
  g_assert_cmpstr (wb_record_get_string (stored, "title"), ==, TITLE);
  g_assert_cmpint (wb_record_get_int (stored, "employer_id"), ==, fx.employer);
  g_assert_cmpint (wb_record_get_int (stored, "hours"), ==, 24);
  g_assert_true (wb_record_get_boolean (stored, "wage_cost_subsidy"));
  g_assert_cmpstr (wb_record_get_string (stored, "status"), ==, "open");
  g_assert_cmpint (wb_record_get_int (stored, "occupation_id"), >, 0);
  g_assert_cmpuint (json_array_get_length (wb_record_get_array (stored, "competences")), ==, 8);
  g_assert_cmpint (json_object_get_int_member (competence_of (stored, fx.competences[0]), "level"), ==, 5);
  g_assert_false (json_object_get_boolean_member (competence_of (stored, second), "essential"));
  g_assert_true (json_object_get_boolean_member (competence_of (stored, fx.competences[2]), "essential"));

  /* The list of the session follows, without a reload, and the new vacancy's page shows. */
  g_assert_cmpuint (wb_list_model_get_n_loaded (model), ==, before + 1);
  g_assert_nonnull (wb_list_model_find (model, wb_record_get_id (saved)));
  g_assert_false (wb_list_view_showing_list (WB_LIST_VIEW (view)));
  g_assert_cmpint (wb_vacancy_page_get_vacancy_id (wb_vacancies_view_get_page (view)), ==, wb_record_get_id (saved));
  g_assert_false (wb_list_view_has_unsaved_edits (WB_LIST_VIEW (view)));
  wait_until (page_loaded, wb_vacancies_view_get_page (view));
  g_assert_finalize_object (view);
}

/* Someone else changes the vacancy while its levels are edited: the save meets a newer
 * version, and the user's requirements stay in the form. */
static void
test_editor_conflict_keeps_edit (void)
{
  g_autoptr(WbSession) session = session_for (WSP_MANAGER);
  g_autoptr(WbApiClient) other = login ("wsp-parkstad.am2", NULL);
  g_autoptr(WbRecord) opened = get_vacancy (wb_session_get_api (session), fx.own_vacancy);
  g_autoptr(WbRecord) theirs = NULL;
  g_autoptr(WbRecord) saved = NULL;
  g_autoptr(WbRecord) latest = NULL;
  g_autoptr(JsonObject) changes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = wb_record_dup_etag (opened);
  g_autofree char *hours = NULL;
  WbVacancyEditor *editor;
  WbRequirementsEditor *requirements;
  AdwMessageDialog *dialog;
  int their_hours = (int) wb_record_get_int (opened, "hours") == 36 ? 38 : 36;
  g_autofree char *their_change = g_strdup_printf ("{\"hours\":%d}", their_hours);

  editor = wb_vacancy_editor_new (session, opened);
  g_signal_connect (editor, "saved", G_CALLBACK (on_saved_cb), &saved);
  gtk_window_present (GTK_WINDOW (editor));
  requirements = wb_vacancy_editor_get_requirements (editor);
  g_assert_cmpuint (wb_requirements_editor_get_n_items (requirements), ==, 2);
  g_assert_false (wb_record_editor_has_changes (WB_RECORD_EDITOR (editor)));
  /* A vacancy stays with its employer: no employer to choose, not even its group. */
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_ancestor (
    wb_record_editor_get_field_editor (WB_RECORD_EDITOR (editor), "employer_id"), ADW_TYPE_PREFERENCES_GROUP)));

  /* A colleague of the same organisation changes the hours meanwhile. */
  theirs = wb_test_api_update_json (other, WB_RESOURCE_VACANCIES, fx.own_vacancy, etag, their_change, &error);
  g_assert_no_error (error);

  g_assert_true (wb_requirements_editor_set_level (requirements, fx.competences[0], 4));
  g_assert_true (wb_requirements_editor_set_essential (requirements, fx.competences[1], TRUE));
  wb_record_editor_save (WB_RECORD_EDITOR (editor));
  dialog = wb_test_wait_for_message_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Hours per week"));
  adw_message_dialog_response (dialog, "keep");

  /* Their hours in the form, the user's requirements kept: saving sends these alone. */
  hours = wb_record_editor_dup_field (WB_RECORD_EDITOR (editor), "hours");
  g_assert_cmpint (atoi (hours), ==, their_hours);
  g_assert_cmpint (wb_requirements_editor_get_level (requirements, fx.competences[0]), ==, 4);
  g_assert_true (wb_requirements_editor_get_essential (requirements, fx.competences[1]));
  changes = wb_record_editor_dup_changes (WB_RECORD_EDITOR (editor));
  g_assert_cmpuint (json_object_get_size (changes), ==, 1);
  g_assert_true (json_object_has_member (changes, "competences"));

  wb_record_editor_save (WB_RECORD_EDITOR (editor));
  wait_until (is_set, &saved);
  latest = get_vacancy (wb_session_get_api (session), fx.own_vacancy);
  g_assert_cmpint (wb_record_get_int (latest, "hours"), ==, their_hours);
  g_assert_cmpint (json_object_get_int_member (competence_of (latest, fx.competences[0]), "level"), ==, 4);
  g_assert_true (json_object_get_boolean_member (competence_of (latest, fx.competences[1]), "essential"));
}

/* The server's validation shows next to its field, and the form keeps what was typed. */
static void
test_editor_validation_at_field (void)
{
  g_autoptr(WbSession) session = session_for (WSP_MANAGER);
  g_autoptr(WbRecord) employer = NULL;
  g_autoptr(WbRecord) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pc4 = NULL;
  WbVacancyEditor *editor;

  employer = wb_test_api_get (wb_session_get_api (session), WB_RESOURCE_EMPLOYERS, fx.employer, NULL, &error);
  g_assert_no_error (error);
  editor = wb_vacancy_editor_new_for_employer (session, employer);
  g_signal_connect (editor, "saved", G_CALLBACK (on_saved_cb), &saved);
  gtk_window_present (GTK_WINDOW (editor));

  /* No title, a postcode area of three digits, 60 hours a week. */
  wb_record_editor_set_field (WB_RECORD_EDITOR (editor), "pc4", "641");
  wb_record_editor_set_field (WB_RECORD_EDITOR (editor), "hours", "60");
  g_assert_true (wb_requirements_editor_add (wb_vacancy_editor_get_requirements (editor), fx.competences[2],
                                             "Geduld", 4, TRUE));
  wb_record_editor_save (WB_RECORD_EDITOR (editor));
  wait_until (save_done, editor);

  g_assert_null (saved);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_cmpstr (wb_record_editor_get_message (WB_RECORD_EDITOR (editor)), ==,
                   "Some fields need attention: see the messages next to them.");
  g_assert_nonnull (wb_record_editor_get_error (WB_RECORD_EDITOR (editor), "pc4"));
  g_assert_nonnull (strstr (wb_record_editor_get_error (WB_RECORD_EDITOR (editor), "pc4"), "postcode"));
  g_assert_nonnull (wb_record_editor_get_error (WB_RECORD_EDITOR (editor), "hours"));
  g_assert_nonnull (wb_record_editor_get_error (WB_RECORD_EDITOR (editor), "title"));
  g_assert_null (wb_record_editor_get_error (WB_RECORD_EDITOR (editor), "sector"));
  /* What was typed is still there. */
  pc4 = wb_record_editor_dup_field (WB_RECORD_EDITOR (editor), "pc4");
  g_assert_cmpstr (pc4, ==, "641");
  g_assert_cmpint (wb_requirements_editor_get_level (wb_vacancy_editor_get_requirements (editor), fx.competences[2]), ==, 4);

  /* Put right, it saves. */
  wb_record_editor_set_field (WB_RECORD_EDITOR (editor), "pc4", "6411");
  wb_record_editor_set_field (WB_RECORD_EDITOR (editor), "hours", "20");
  wb_record_editor_set_field (WB_RECORD_EDITOR (editor), "title", "Gastvrouw met geduld");
  wb_record_editor_save (WB_RECORD_EDITOR (editor));
  wait_until (is_set, &saved);
  g_assert_cmpuint (json_array_get_length (wb_record_get_array (saved, "competences")), ==, 1);
}

/* The requirements' text is the same for the same list, in any order. */
static void
test_requirements_text (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *words = NULL;
  g_autoptr(JsonArray) parsed = NULL;

  g_assert_true (json_parser_load_from_data (parser, "[{\"competence_id\":9,\"label\":\"B\",\"level\":2,\"essential\":false},"
                                                     "{\"competence_id\":3,\"label\":\"A\",\"level\":4,\"essential\":true}]",
                                             -1, NULL));
  a = wb_requirements_to_text (json_node_get_array (json_parser_get_root (parser)));
  g_assert_true (json_parser_load_from_data (parser, "[{\"competence_id\":3,\"label\":\"A\",\"level\":4,\"essential\":true},"
                                                     "{\"competence_id\":9,\"label\":\"B\",\"level\":2,\"essential\":false}]",
                                             -1, NULL));
  b = wb_requirements_to_text (json_node_get_array (json_parser_get_root (parser)));
  g_assert_cmpstr (a, ==, b);
  g_autofree char *empty = wb_requirements_to_text (NULL);
  g_assert_cmpstr (empty, ==, "");

  parsed = wb_requirements_parse (a);
  g_assert_cmpuint (json_array_get_length (parsed), ==, 2);
  g_assert_false (json_object_has_member (json_array_get_object_element (parsed, 0), "label"));
  g_assert_null (wb_requirements_parse ("{\"no\":\"list\"}"));
  words = wb_requirements_describe (a);
  g_assert_cmpstr (words, ==, "A (level 4, essential), B (level 2, optional)");
}

static void
skip_without_display (void)
{
  g_test_skip ("No display: run under Xvfb (build-aux/setup.sh test does)");
}

typedef struct {
  WbListModel *model;
  gint64 id;
  const char *title;
} TitleWait;

static gboolean
row_has_title (gpointer data)
{
  TitleWait *wait = data;
  WbVacancyRow *row = wb_list_model_find (wait->model, wait->id);

  return row != NULL && g_strcmp0 (wb_record_get_string (wb_vacancy_row_get_record (row), "title"), wait->title) == 0;
}

static gboolean
feed_connected (gpointer session)
{
  return wb_api_feed_is_connected (wb_session_get_feed (session));
}

/* The open list follows what a colleague changes, through the server's change feed: the
 * row takes the new title in its place, and the selection stays on it. */
static void
test_list_follows_others (void)
{
  g_autoptr(WbSession) session = session_for (WSP_MANAGER);
  g_autoptr(WbApiClient) other = login ("wsp-parkstad.am2", NULL);
  g_autoptr(WbRecord) opened = get_vacancy (wb_session_get_api (session), fx.own_vacancy);
  g_autoptr(WbRecord) theirs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = wb_record_dup_etag (opened);
  g_autofree char *title = g_strdup_printf ("%s (live)", wb_record_get_string (opened, "title"));
  g_autofree char *change = g_strdup_printf ("{\"title\":\"%s\"}", title);
  WbVacanciesView *view;
  WbListModel *model;
  gpointer selected;
  TitleWait wait;
  gint64 start;

  wb_session_start_feed (session);
  view = loaded_view (session);
  model = wb_list_view_get_model (WB_LIST_VIEW (view));
  wait_until (feed_connected, session);
  g_assert_true (wb_list_view_select_row (WB_LIST_VIEW (view), wb_list_model_find (model, fx.own_vacancy)));

  theirs = wb_test_api_update_json (other, WB_RESOURCE_VACANCIES, fx.own_vacancy, etag, change, &error);
  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  wait = (TitleWait) { model, fx.own_vacancy, title };
  wait_until (row_has_title, &wait);
  g_test_message ("the list showed the new title after %.2f s", (g_get_monotonic_time () - start) / 1e6);
  selected = wb_list_view_get_selected_row (WB_LIST_VIEW (view));
  g_assert_nonnull (selected);
  g_assert_cmpint (wb_vacancy_row_get_id (selected), ==, fx.own_vacancy);

  wb_session_stop_feed (session);
  g_object_unref (view);

  /* The title as it was, for the tests that follow. */
  {
    g_autofree char *their_etag = wb_record_dup_etag (theirs);
    g_autofree char *back = g_strdup_printf ("{\"title\":\"%s\"}", wb_record_get_string (opened, "title"));
    g_autoptr(WbRecord) restored = wb_test_api_update_json (other, WB_RESOURCE_VACANCIES, fx.own_vacancy, their_etag,
                                                             back, &error);

    g_assert_no_error (error);
  }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_test_add_func ("/app-vacancies/no-display", skip_without_display);
      return g_test_run ();
    }
  adw_init ();
  wb_application_ensure_resources ();
  wb_test_use_app_style ();

  fixture_setup ();
  g_test_add_func ("/app-vacancies/list/filters-search-count", test_list_agrees_with_api);
  g_test_add_func ("/app-vacancies/list/sort-and-export", test_list_sort_and_export);
  g_test_add_func ("/app-vacancies/list/follows-what-others-change", test_list_follows_others);
  g_test_add_func ("/app-vacancies/page/shows-the-vacancy", test_page_shows_vacancy);
  g_test_add_func ("/app-vacancies/page/edit-as-the-policy-allows", test_page_policy);
  g_test_add_func ("/app-vacancies/page/keeps-its-cards", test_page_keeps_its_cards);
  g_test_add_func ("/app-vacancies/page/lower-cards-follow-the-frame", test_page_lower_cards_follow);
  g_test_add_func ("/app-vacancies/editor/occupation-proposes-competences", test_editor_occupation_proposal);
  g_test_add_func ("/app-vacancies/editor/conflict-keeps-the-edit", test_editor_conflict_keeps_edit);
  g_test_add_func ("/app-vacancies/editor/validation-at-the-field", test_editor_validation_at_field);
  g_test_add_func ("/app-vacancies/editor/requirements-text", test_requirements_text);
  status = g_test_run ();
  fixture_teardown ();
  return status;
}
