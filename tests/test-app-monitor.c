/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The monitor page against a real server on a small synthetic demo region (with the CBS
 * file imported): its key figures are the server's, the chart over time carries its
 * target, a hidden small number is hidden in the chart and shown as "." in the table, the
 * page's Tables toggle switches every chart, the dashboard's PDF and a chart's PDF carry the
 * definition and the footnote, the conversion from the API's model keeps every point, and
 * nothing on the page leads to a person. */

#define G_LOG_DOMAIN "test-app-monitor"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "wb-api-monitor.h"
#include "wb-application.h"
#include "wb-demo.h"
#include "wb-filter-dropdown.h"
#include "wb-import.h"
#include "wb-monitor-charts.h"
#include "wb-monitor-view.h"
#include "wb-session.h"
#include "wb-store.h"
#include "wb-test-api.h"
#include "wb-test-gtk.h"
#include "wb-test-server.h"
#include "wb-test-util.h"

#define ANALYST "gemeente-heerlen.analyst"
#define MANAGER "szmh.lam1"

static struct {
  char *dir;
  char *db;
  WbTestServer *server;
} fx;

/* Helpers */

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static void
wait_until (gboolean (*done) (gpointer),
            gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  guint wake = g_timeout_add (50, wake_cb, NULL);

  while (!done (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (wake);
}

static gboolean
flag_set (gpointer flag)
{
  return *(gboolean *) flag;
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

static WbSession *
session_for (const char *username)
{
  g_autoptr(WbRecord) me = NULL;
  g_autoptr(WbApiClient) api = wb_test_api_login (fx.server->url, username, WB_DEMO_PASSWORD, &me);
  WbSession *session = wb_session_new (api, me);
  gboolean loaded = FALSE;

  wb_session_load_async (session, NULL, on_session_loaded_cb, &loaded);
  wait_until (flag_set, &loaded);
  return session;
}

static gboolean
view_loaded (gpointer view)
{
  return !wb_monitor_view_get_loading (view) &&
         wb_chart_view_get_model (wb_monitor_view_get_chart_view (view, WB_MONITOR_CHART_OVER_TIME)) != NULL;
}

/* A changed filter is asked for on the next idle; then the page loads until done. */
static gboolean
view_loading (gpointer view)
{
  return wb_monitor_view_get_loading (view);
}

static void
wait_reloaded (WbMonitorView *view)
{
  wait_until (view_loading, view);
  wait_until (view_loaded, view);
}

/* The page in a window, shown (it asks nothing while nobody sees it), and loaded. */
static GtkWidget *
shown_view (WbSession  *session,
            GtkWidget **window)
{
  GtkWidget *view = wb_monitor_view_new ();

  *window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (*window), 1200, 900);
  gtk_window_set_child (GTK_WINDOW (*window), view);
  wb_monitor_view_set_session (WB_MONITOR_VIEW (view), session);
  g_assert_true (wb_monitor_view_get_loading (WB_MONITOR_VIEW (view)) == FALSE);
  gtk_window_present (GTK_WINDOW (*window));
  wait_reloaded (WB_MONITOR_VIEW (view));
  return view;
}

/* Closes the window and checks that the page goes with it: no request or dialog keeps it. */
static void
close_window (GtkWidget *window,
              GtkWidget *view)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &view);
  gtk_window_destroy (GTK_WINDOW (window));
  while (view != NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (view);
}

static WbMonitorResult *
ask (WbApiClient *api,
     const char  *metric,
     const char  *level,
     const char  *key,
     const char  *period,
     const char  *from,
     const char  *to)
{
  g_autoptr(GHashTable) params = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) wb_field_error_free);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  WbMonitorResult *answer;
  WbMonitorQuery query;

  g_hash_table_insert (params, (gpointer) "metric", (gpointer) metric);
  g_hash_table_insert (params, (gpointer) "level", (gpointer) level);
  g_hash_table_insert (params, (gpointer) "key", (gpointer) key);
  g_hash_table_insert (params, (gpointer) "period", (gpointer) period);
  g_hash_table_insert (params, (gpointer) "from", (gpointer) from);
  g_hash_table_insert (params, (gpointer) "to", (gpointer) to);
  wb_monitor_query_init (&query);
  g_assert_true (wb_monitor_query_parse (&query, params, errors));
  wb_api_client_monitor_async (api, &query, NULL, wb_test_store_result, &result);
  wb_test_wait (&result);
  answer = wb_api_client_monitor_finish (api, result, &error);
  g_assert_no_error (error);
  wb_monitor_query_clear (&query);
  return answer;
}

static char *
year_text (int offset)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_strdup_printf ("%d", g_date_time_get_year (now) + offset);
}

/* The first hidden point of a chart, as (series, period); FALSE when there is none. */
static gboolean
find_hidden (WbChartModel *model,
             guint        *series,
             guint        *period)
{
  for (guint s = 0; s < wb_chart_model_get_n_series (model); s++)
    for (guint p = 0; p < wb_chart_model_get_n_periods (model); p++)
      {
        const WbChartPoint *point = wb_chart_model_get_point (model, s, p);

        if (point != NULL && point->suppressed)
          {
            *series = s;
            *period = p;
            return TRUE;
          }
      }
  return FALSE;
}

static void
collect_buttons (GtkWidget *widget,
                 GPtrArray *buttons)
{
  if (GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_DROP_DOWN (widget) ||
      WB_IS_FILTER_DROPDOWN (widget))
    g_ptr_array_add (buttons, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_buttons (child, buttons);
}

/* Tests */

/* The key figures are the server's: the caseload at the end of the range, the pool. */
static void
test_key_figures_are_the_servers (void)
{
  g_autoptr(WbSession) session = session_for (ANALYST);
  GtkWidget *window = NULL;
  GtkWidget *view = shown_view (session, &window);
  g_autofree char *from = year_text (-4);
  g_autofree char *to = year_text (0);
  g_autoptr(WbMonitorResult) caseload = ask (wb_session_get_api (session), "caseload", "region", NULL, "quarter", from, to);
  g_auto(GStrv) tiles = wb_monitor_view_dup_tile_texts (WB_MONITOR_VIEW (view));
  const WbMonitorSeries *series = caseload->series->pdata[0];
  const WbMonitorPoint *last = NULL;
  g_autofree char *number = NULL;
  g_autofree char *expected = NULL;

  for (guint p = 0; p < series->points->len; p++)
    if (g_array_index (series->points, WbMonitorPoint, p).has_value)
      last = &g_array_index (series->points, WbMonitorPoint, p);
  g_assert_nonnull (last);
  g_assert_cmpfloat (last->value, >=, WB_MONITOR_MIN_COUNT);
  number = g_strdup_printf ("%.0f", last->value);
  expected = g_strdup_printf ("Caseload: %s", number);

  /* The page fits a phone-wide window. */
  {
    int minimum = 0;

    gtk_widget_measure (view, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
    g_test_message ("the page is at least %d pixels wide", minimum);
    g_assert_cmpint (minimum, <=, 360);
  }
  g_assert_cmpuint (g_strv_length (tiles), ==, 6);
  g_assert_true (g_str_has_prefix (tiles[0], "Inflow: "));
  g_assert_true (g_str_has_prefix (tiles[4], expected));
  g_assert_true (g_str_has_prefix (tiles[5], "Work-ready pool: "));

  close_window (window, view);
}

/* Placements in Parkstad per year, against the subregion's targets: a dashed target series
 * with the targets' values. */
static void
test_over_time_has_the_target (void)
{
  g_autoptr(WbSession) session = session_for (ANALYST);
  GtkWidget *window = NULL;
  GtkWidget *view = shown_view (session, &window);
  g_autofree char *from = year_text (-2);
  g_autofree char *to = year_text (0);
  g_autoptr(WbMonitorResult) placements = NULL;
  WbChartModel *model;
  int target = -1;

  wb_monitor_view_set_area (WB_MONITOR_VIEW (view), WB_MONITOR_LEVEL_SUBREGION, "Parkstad");
  wb_monitor_view_set_range (WB_MONITOR_VIEW (view), WB_PERIOD_YEAR, atoi (from), atoi (to));
  wb_monitor_view_set_figure (WB_MONITOR_VIEW (view), WB_MONITOR_PLACEMENTS);
  wait_reloaded (WB_MONITOR_VIEW (view));

  placements = ask (wb_session_get_api (session), "placements", "subregion", "Parkstad", "year", from, to);
  model = wb_chart_view_get_model (wb_monitor_view_get_chart_view (WB_MONITOR_VIEW (view), WB_MONITOR_CHART_OVER_TIME));
  g_assert_nonnull (model);
  g_assert_cmpuint (wb_chart_model_get_n_periods (model), ==, 3);
  g_assert_true (wb_chart_model_has_targets (model));
  target = wb_chart_model_get_series_partner (model, 0);
  g_assert_cmpint (target, >, 0);
  g_assert_true (wb_chart_model_series_is_target (model, target));
  {
    const WbMonitorSeries *series = placements->series->pdata[0];
    const WbMonitorTarget *first = &g_array_index (series->targets, WbMonitorTarget, 0);
    char key[WB_PERIOD_TEXT_SIZE];
    gboolean found = FALSE;

    wb_period_format (&first->period, key);
    for (guint p = 0; p < wb_chart_model_get_n_periods (model); p++)
      if (g_str_equal (wb_chart_model_get_period (model, p), key))
        {
          g_assert_cmpfloat (wb_chart_model_get_point (model, target, p)->value, ==, first->value);
          found = TRUE;
        }
    g_assert_true (found);
  }
  g_assert_nonnull (strstr (wb_chart_model_get_title (model), "Parkstad"));
  g_assert_nonnull (strstr (wb_chart_model_get_info (model)->definition, "Placements"));

  close_window (window, view);
}

/* A small number is hidden: a gap in the chart, "." in its table with the reason. The
 * page's Tables toggle shows every chart's table. */
static void
test_hidden_cells_and_tables (void)
{
  g_autoptr(WbSession) session = session_for (ANALYST);
  GtkWidget *window = NULL;
  GtkWidget *view = shown_view (session, &window);
  GtkWidget *button;
  WbChartView *stacked;
  WbChartModel *model;
  g_autoptr(WbTable) table = NULL;
  guint series = 0, period = 0;
  gboolean dot = FALSE;

  wb_monitor_view_set_area (WB_MONITOR_VIEW (view), WB_MONITOR_LEVEL_SUBREGION, "Maastricht-Heuvelland");
  wait_reloaded (WB_MONITOR_VIEW (view));
  stacked = wb_monitor_view_get_chart_view (WB_MONITOR_VIEW (view), WB_MONITOR_CHART_STACKED);
  model = wb_chart_view_get_model (stacked);
  g_assert_nonnull (model);
  g_assert_true (find_hidden (model, &series, &period));
  g_assert_false (wb_chart_model_get_point (model, series, period)->has_value);
  {
    g_autofree char *text = wb_chart_model_format_point (model, wb_chart_model_get_point (model, series, period));

    g_assert_cmpstr (text, ==, ".");
  }
  g_assert_nonnull (wb_chart_model_get_info (model)->footnote);

  table = wb_chart_model_to_table (model);
  for (guint r = 0; r < wb_table_get_n_rows (table); r++)
    for (guint c = 0; c < wb_table_get_n_columns (table); c++)
      if (wb_table_get_cell_kind (table, r, c) == WB_TABLE_CELL_HIDDEN)
        {
          g_autofree char *cell = wb_table_format_cell (table, r, c);

          g_assert_cmpstr (cell, ==, ".");
          dot = TRUE;
        }
  g_assert_true (dot);

  /* The page's toggle: every chart shows its table, and back. */
  {
    g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

    /* The page's own toggle: the one toggle button outside the charts and the menus. */
    button = NULL;
    collect_buttons (view, buttons);
    for (guint i = 0; i < buttons->len; i++)
      if (GTK_IS_TOGGLE_BUTTON (buttons->pdata[i]) &&
          gtk_widget_get_ancestor (buttons->pdata[i], WB_TYPE_CHART_VIEW) == NULL &&
          gtk_widget_get_ancestor (gtk_widget_get_parent (buttons->pdata[i]), GTK_TYPE_MENU_BUTTON) == NULL &&
          gtk_widget_get_ancestor (gtk_widget_get_parent (buttons->pdata[i]), GTK_TYPE_DROP_DOWN) == NULL)
        {
          g_assert_null (button);
          button = buttons->pdata[i];
        }
    g_assert_nonnull (button);
  }
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
  for (guint c = 0; c < WB_MONITOR_N_CHARTS; c++)
    g_assert_true (wb_chart_view_get_show_table (wb_monitor_view_get_chart_view (WB_MONITOR_VIEW (view), c)));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), FALSE);
  g_assert_false (wb_chart_view_get_show_table (stacked));

  close_window (window, view);
}

/* The dashboard on paper and a chart's PDF carry the definition, period, source and the
 * footnote on hidden cells. */
static void
test_pdfs_carry_the_definition (void)
{
  g_autoptr(WbSession) session = session_for (ANALYST);
  GtkWidget *window = NULL;
  GtkWidget *view = shown_view (session, &window);
  g_autoptr(WbDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = wb_test_make_dir ();
  g_autofree char *dashboard = g_build_filename (dir, "dashboard.pdf", NULL);
  g_autofree char *chart = g_build_filename (dir, "chart.pdf", NULL);
  g_autoptr(GFile) chart_file = g_file_new_for_path (chart);
  g_autoptr(GString) all = g_string_new (NULL);
  g_autofree char *first = NULL;
  g_autofree char *one = NULL;

  wb_monitor_view_set_area (WB_MONITOR_VIEW (view), WB_MONITOR_LEVEL_SUBREGION, "Maastricht-Heuvelland");
  wait_reloaded (WB_MONITOR_VIEW (view));
  document = wb_monitor_view_create_document (WB_MONITOR_VIEW (view));
  g_assert_true (wb_document_write_pdf (document, dashboard, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (wb_document_get_n_pages (document), >=, 3);
  first = wb_test_pdf_text (dashboard, 1);
  g_assert_nonnull (strstr (first, "Labour-market monitor Maastricht-Heuvelland"));
  g_assert_nonnull (strstr (first, "Key figures for Maastricht-Heuvelland"));
  for (guint page = 1; page <= wb_document_get_n_pages (document); page++)
    {
      g_autofree char *text = wb_test_pdf_text (dashboard, page);

      g_string_append (all, text);
    }
  g_assert_nonnull (strstr (all->str, "Outflow to work: the outflow events"));
  g_assert_nonnull (strstr (all->str, "Durable outflow after 6 months"));
  g_assert_nonnull (strstr (all->str, "hidden"));

  g_assert_true (wb_chart_view_export (wb_monitor_view_get_chart_view (WB_MONITOR_VIEW (view), WB_MONITOR_CHART_STACKED),
                                       WB_CHART_EXPORT_PDF, chart_file, 1280, 720, &error));
  g_assert_no_error (error);
  one = wb_test_pdf_text (chart, 1);
  g_assert_nonnull (strstr (one, "Outflow to work by municipality"));
  g_assert_nonnull (strstr (one, "Outflow to work: the outflow events"));
  g_assert_nonnull (strstr (one, "Werkbrug"));

  close_window (window, view);
  wb_test_remove_dir (dir);
}

/* From the API's model to a chart's: every point as it came, a hidden one hidden with its
 * reason, one not known yet missing, and a rate over a hidden count hidden too. */
static void
test_conversion_keeps_every_point (void)
{
  g_autoptr(WbMonitorSeries) counts = wb_monitor_series_new ("GM0917", "Heerlen", NULL);
  g_autoptr(WbMonitorSeries) base = wb_monitor_series_new ("GM0917", "Heerlen", NULL);
  WbMonitorPoint points[] = {
    { { WB_PERIOD_YEAR, 2024, 0 }, 40, TRUE, WB_MONITOR_REASON_NONE, WB_MONITOR_STATUS_FINAL },
    { { WB_PERIOD_YEAR, 2025, 0 }, 0, FALSE, WB_MONITOR_REASON_SMALL, WB_MONITOR_STATUS_FINAL },
    { { WB_PERIOD_YEAR, 2026, 0 }, 0, FALSE, WB_MONITOR_REASON_NOT_YET_KNOWN, WB_MONITOR_STATUS_PROVISIONAL },
  };
  WbMonitorPoint totals[] = {
    { { WB_PERIOD_YEAR, 2024, 0 }, 400, TRUE, WB_MONITOR_REASON_NONE, WB_MONITOR_STATUS_FINAL },
    { { WB_PERIOD_YEAR, 2025, 0 }, 420, TRUE, WB_MONITOR_REASON_NONE, WB_MONITOR_STATUS_FINAL },
    { { WB_PERIOD_YEAR, 2026, 0 }, 0, TRUE, WB_MONITOR_REASON_NONE, WB_MONITOR_STATUS_PROVISIONAL },
  };
  WbMonitorTarget goal = { { WB_PERIOD_YEAR, 2024, 0 }, 50, 3 };
  WbChartBuilder *builder;
  g_autoptr(WbChartModel) model = NULL;
  g_autoptr(WbChartModel) rates = NULL;

  g_array_append_vals (counts->points, points, G_N_ELEMENTS (points));
  g_array_append_vals (base->points, totals, G_N_ELEMENTS (totals));
  g_array_append_val (counts->targets, goal);

  builder = wb_chart_builder_new (WB_CHART_KIND_LINE, "Test");
  g_assert_cmpuint (wb_monitor_chart_add_series (builder, counts, NULL, TRUE), ==, 0);
  model = wb_chart_builder_end (builder);
  g_assert_cmpuint (wb_chart_model_get_n_periods (model), ==, 3);
  g_assert_cmpuint (wb_chart_model_get_n_series (model), ==, 2);
  g_assert_cmpfloat (wb_chart_model_get_point (model, 0, 0)->value, ==, 40);
  g_assert_true (wb_chart_model_get_point (model, 0, 1)->suppressed);
  g_assert_nonnull (strstr (wb_chart_model_get_point (model, 0, 1)->reason, "fewer than 10"));
  g_assert_false (wb_chart_model_get_point (model, 0, 2)->suppressed);
  g_assert_false (wb_chart_model_get_point (model, 0, 2)->has_value);
  g_assert_cmpint (wb_chart_model_get_point (model, 0, 0)->status, ==, WB_CHART_STATUS_FINAL);
  g_assert_true (wb_chart_model_series_is_target (model, 1));
  g_assert_cmpfloat (wb_chart_model_get_point (model, 1, 0)->value, ==, 50);

  builder = wb_chart_builder_new (WB_CHART_KIND_LINE, "Rates");
  wb_monitor_chart_add_rate (builder, "GM0917", "Heerlen", counts, base);
  rates = wb_chart_builder_end (builder);
  g_assert_cmpfloat (wb_chart_model_get_point (rates, 0, 0)->value, ==, 10);
  g_assert_true (wb_chart_model_get_point (rates, 0, 1)->suppressed);
  g_assert_false (wb_chart_model_get_point (rates, 0, 2)->has_value);
  g_assert_false (wb_chart_model_get_point (rates, 0, 2)->suppressed);
}

/* An account manager of another organisation sees the same monitor; nothing on the page
 * leads anywhere but to figures: every button and drop-down is a filter, a table toggle, an
 * export or the print. */
static void
test_no_way_to_persons (void)
{
  g_autoptr(WbSession) session = session_for (MANAGER);
  GtkWidget *window = NULL;
  GtkWidget *view = shown_view (session, &window);
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  guint toggles = 0, menus = 0, dropdowns = 0;

  wb_monitor_view_set_area (WB_MONITOR_VIEW (view), WB_MONITOR_LEVEL_MUNICIPALITY, "GM0917");
  wait_reloaded (WB_MONITOR_VIEW (view));
  g_assert_nonnull (wb_chart_view_get_model (wb_monitor_view_get_chart_view (WB_MONITOR_VIEW (view),
                                                                             WB_MONITOR_CHART_OVER_TIME)));

  collect_buttons (view, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = buttons->pdata[i];
      const char *action = GTK_IS_ACTIONABLE (button) ? gtk_actionable_get_action_name (GTK_ACTIONABLE (button)) : NULL;

      /* The button inside a drop-down or a menu button is part of it (a filter's drop-down
       * is a menu button inside). */
      if (gtk_widget_get_ancestor (gtk_widget_get_parent (button), WB_TYPE_FILTER_DROPDOWN) != NULL ||
          (!GTK_IS_DROP_DOWN (button) && !GTK_IS_MENU_BUTTON (button) &&
           (gtk_widget_get_ancestor (gtk_widget_get_parent (button), GTK_TYPE_DROP_DOWN) != NULL ||
            gtk_widget_get_ancestor (gtk_widget_get_parent (button), GTK_TYPE_MENU_BUTTON) != NULL)))
        continue;
      if (GTK_IS_DROP_DOWN (button) || WB_IS_FILTER_DROPDOWN (button))
        dropdowns++;
      else if (GTK_IS_MENU_BUTTON (button))
        menus++;
      else if (GTK_IS_TOGGLE_BUTTON (button))
        toggles++;
      else
        {
          /* The retry button of the error page is the only other one. */
          g_assert_null (action);
          g_assert_nonnull (gtk_widget_get_ancestor (button, ADW_TYPE_STATUS_PAGE));
        }
      g_assert_true (action == NULL || g_str_has_prefix (action, "chart-view.") || g_str_has_prefix (action, "monitor."));
    }
  g_assert_cmpuint (dropdowns, >=, 8);
  g_assert_cmpuint (menus, ==, 1 + WB_MONITOR_N_CHARTS);
  g_assert_cmpuint (toggles, ==, 1 + WB_MONITOR_N_CHARTS);

  close_window (window, view);
}

static void
skip_without_display (void)
{
  g_test_skip ("no display");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_add_func ("/app-monitor/no-display", skip_without_display);
      return g_test_run ();
    }
  adw_init ();
  wb_application_ensure_resources ();
  wb_test_use_app_style ();

  /* A small region, so that small numbers are there to hide; and the CBS file. */
  {
    g_autoptr(WbStore) store = NULL;
    g_autofree char *cbs = g_build_filename (wb_test_shared_data (), "cbs", "cbs_bijstand_zuid_limburg_2015_2017.csv", NULL);
    WbDemoOptions options = { .n_clients = 800, .n_employers = 80, .n_vacancies = 120, .seed = 3 };
    g_autoptr(WbImportReport) report = wb_import_report_new ();

    fx.dir = wb_test_make_dir ();
    fx.db = g_build_filename (fx.dir, "werkbrug.db", NULL);
    store = wb_store_open (fx.db, &error);
    g_assert_no_error (error);
    g_assert_true (wb_demo_generate (store, &options, &error));
    g_assert_no_error (error);
    if (g_file_test (cbs, G_FILE_TEST_EXISTS))
      {
        g_assert_true (wb_import_cbs (store, cbs, report, &error));
        g_assert_no_error (error);
      }
    g_clear_object (&store);
    fx.server = wb_test_server_start (fx.db);
  }

  g_test_add_func ("/app-monitor/tiles/key-figures-are-the-servers", test_key_figures_are_the_servers);
  g_test_add_func ("/app-monitor/charts/over-time-has-the-target", test_over_time_has_the_target);
  g_test_add_func ("/app-monitor/charts/hidden-cells-and-tables", test_hidden_cells_and_tables);
  g_test_add_func ("/app-monitor/export/pdfs-carry-the-definition", test_pdfs_carry_the_definition);
  g_test_add_func ("/app-monitor/model/conversion-keeps-every-point", test_conversion_keeps_every_point);
  g_test_add_func ("/app-monitor/policy/no-way-to-persons", test_no_way_to_persons);

  status = g_test_run ();

  wb_test_server_stop (fx.server);
  wb_test_remove_dir (fx.dir);
  g_free (fx.db);
  g_free (fx.dir);
  return status;
}
