/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "test-app-matching"

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "wb-api-client.h"
#include "wb-a11y.h"
#include "wb-api-matching.h"
#include "wb-application.h"
#include "wb-demo.h"
#include "wb-format.h"
#include "wb-candidates-panel.h"
#include "wb-client-profile.h"
#include "wb-score-bar.h"
#include "wb-session.h"
#include "wb-store.h"
#include "wb-test-api.h"
#include "wb-test-gtk.h"
#include "wb-test-server.h"
#include "wb-test-util.h"
#include "wb-vacancy-page.h"

/* Matching in the desktop app against a real werkbrug-server on a small synthetic region:
 * the score bar shows exactly the parts the server sent for a known vacancy; the candidates
 * panel shows the server's ranking with its explanations, re-ranks with each control as the
 * API does, says when there is nothing or when it failed; on the vacancy page it follows the
 * vacancy shown. Set WB_TEST_SHOTS to keep screenshots of the panel (wide, narrow; light, dark). */

#define WSP_MANAGER "wsp-parkstad.am1"
#define ANALYST "isd-kompas.analyst"
#define LOCAL_MANAGER "szmh.lam1"

static struct {
  char *dir;
  char *db;
  WbTestServer *server;
  gint64 vacancy;            /* an open vacancy with candidates */
  gint64 far_vacancy;        /* one far from every client: nobody within 25 km */
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
flag_set (gpointer flag)
{
  return *(gboolean *) flag;
}

static void
on_flag_cb (gpointer  instance,
            gboolean *flag)
{
  *flag = TRUE;
}

/* The fixture */

static WbApiClient *
login (const char  *username,
       WbRecord   **me)
{
  return wb_test_api_login (fx.server->url, username, WB_DEMO_PASSWORD, me);
}

/* The ranking of @vacancy as the server answers it, as JSON. */
static JsonObject *
raw_ranking (WbApiClient *api,
             gint64       vacancy,
             const char  *params)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup_printf ("api/v1/vacancies/%" G_GINT64_FORMAT "/matches%s%s", vacancy,
                                           params != NULL ? "?" : "", params != NULL ? params : "");
  g_autoptr(JsonNode) node = wb_test_api_request (api, "GET", path, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
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

static void
fixture_setup (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbStore) store = NULL;
  g_autoptr(WbApiClient) api = NULL;
  g_autoptr(GHashTable) filters = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  WbApiQuery query = { .filters = filters, .per_page = 100 };
  g_autoptr(GListModel) vacancies = NULL;
  WbDemoOptions options = { .n_clients = 400, .n_employers = 60, .n_vacancies = 40, .seed = 11 };

  fx.dir = wb_test_make_dir ();
  fx.db = g_build_filename (fx.dir, "werkbrug.db", NULL);
  store = wb_store_open (fx.db, &error);
  g_assert_no_error (error);
  g_assert_true (wb_demo_generate (store, &options, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  fx.server = wb_test_server_start (fx.db);

  /* The first open vacancy whose best candidate has a known part and an unknown one, or
   * else the first open one: a known vacancy for the whole file. */
  api = login (WSP_MANAGER, NULL);
  g_hash_table_insert (filters, (gpointer) "status", g_strdup ("open"));
  vacancies = wb_test_api_list (api, WB_RESOURCE_VACANCIES, 0, &query, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (vacancies), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (vacancies) && fx.vacancy == 0; i++)
    {
      g_autoptr(WbRecord) vacancy = g_list_model_get_item (vacancies, i);
      g_autoptr(JsonObject) ranking = raw_ranking (api, wb_record_get_id (vacancy), "limit=1");
      JsonArray *items = json_object_get_array_member (ranking, "items");
      JsonObject *parts;

      if (json_array_get_length (items) == 0)
        continue;
      parts = json_object_get_object_member (json_array_get_object_element (items, 0), "parts");
      if (!json_object_get_boolean_member (json_object_get_object_member (parts, "travel"), "known") ||
          !json_object_get_boolean_member (json_object_get_object_member (parts, "readiness"), "known"))
        fx.vacancy = wb_record_get_id (vacancy);
    }
  if (fx.vacancy == 0)
    {
      g_autoptr(WbRecord) vacancy = g_list_model_get_item (vacancies, 0);
      fx.vacancy = wb_record_get_id (vacancy);
    }

  /* A vacancy in Amsterdam: every client of the region lives farther than 25 km from it. */
  {
    g_autoptr(WbRecord) some = g_list_model_get_item (vacancies, 0);
    g_autofree char *json = g_strdup_printf ("{\"employer_id\":%" G_GINT64_FORMAT ",\"title\":\"Magazijnmedewerker "
                                             "Amsterdam\",\"sector\":\"logistics\",\"hours\":32,\"pc4\":\"1011\","
                                             "\"positions\":1,\"opened_at\":\"2026-11-02\",\"contract\":\"temporary\"}",
                                             wb_record_get_int (some, "employer_id"));
    g_autoptr(WbRecord) far = wb_test_api_create_json (api, WB_RESOURCE_VACANCIES, 0, json, &error);

    g_assert_no_error (error);
    fx.far_vacancy = wb_record_get_id (far);
  }
}

static void
fixture_teardown (void)
{
  wb_test_server_stop (fx.server);
  wb_test_remove_dir (fx.dir);
  g_free (fx.db);
  g_free (fx.dir);
}

/* Checks that @bar shows the parts of @item, a ranked item as the server wrote it. */
static void
assert_bar_shows_item (WbScoreBar *bar,
                       JsonObject *item)
{
  JsonObject *parts = json_object_get_object_member (item, "parts");
  double score = json_object_get_double_member (item, "score");
  double sum = 0, end = 0;
  const double width = 400;

  g_assert_cmpfloat_with_epsilon (wb_score_bar_get_score (bar), score, 1e-9);
  for (guint i = 0; i < WB_MATCH_N_PARTS; i++)
    {
      JsonObject *part = json_object_get_object_member (parts, wb_match_part_to_string (i));
      double points = json_object_get_double_member (part, "points");
      double weight = json_object_get_double_member (part, "weight");
      g_autofree char *shown_points = wb_score_format_points (points);
      g_autofree char *shown_weight = wb_score_format_points (weight);
      const char *text = wb_score_bar_get_part_text (bar, i);
      double x, w;

      g_assert_nonnull (part);
      g_assert_cmpfloat_with_epsilon (wb_score_bar_get_part_points (bar, i), points, 1e-9);
      g_assert_cmpint (wb_score_bar_get_part_known (bar, i), ==, json_object_get_boolean_member (part, "known"));

      /* Each segment starts where the one before ends and is as wide as its points. */
      wb_score_bar_get_part_extent (bar, i, width, &x, &w);
      g_assert_cmpfloat_with_epsilon (x, end, 1e-6);
      g_assert_cmpfloat_with_epsilon (w, points * width, 1e-6);
      end = x + w;
      sum += points;

      /* The legend names the part with its points and its weight, as shown elsewhere. */
      g_assert_nonnull (text);
      g_assert_true (g_str_has_prefix (text, wb_match_part_label (i)));
      g_assert_nonnull (strstr (text, shown_points));
      g_assert_nonnull (strstr (text, shown_weight));
      g_assert_cmpint (strstr (text, "not known") != NULL, ==, !json_object_get_boolean_member (part, "known"));
    }
  /* The parts add up to the score: the bar ends where the score does. */
  g_assert_cmpfloat_with_epsilon (sum, score, 1e-6);
  g_assert_cmpfloat_with_epsilon (end, score * width, 1e-3);
}

/* Tests: the score bar */

static void
test_score_bar_equals_api_parts (void)
{
  g_autoptr(WbApiClient) api = login (WSP_MANAGER, NULL);
  g_autoptr(JsonObject) answer = raw_ranking (api, fx.vacancy, "limit=10");
  g_autoptr(GError) error = NULL;
  g_autoptr(WbApiRanking) ranking = wb_api_ranking_new_from_json (answer, &error);
  JsonArray *items = json_object_get_array_member (answer, "items");
  WbScoreBar *bar = g_object_ref_sink (wb_score_bar_new ());
  GtkWidget *window = gtk_window_new ();
  gboolean some_unknown = FALSE;

  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (items), >, 1);
  g_assert_cmpuint (ranking->items->len, ==, json_array_get_length (items));

  wb_score_bar_set_show_legend (bar, TRUE);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (bar));
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 100);
  gtk_window_present (GTK_WINDOW (window));

  for (guint i = 0; i < ranking->items->len; i++)
    {
      WbApiRankedMatch *match = g_ptr_array_index (ranking->items, i);
      JsonObject *item = json_array_get_object_element (items, i);
      g_autofree char *description = NULL;
      g_autofree char *score = wb_score_format_points (json_object_get_double_member (item, "score"));

      wb_score_bar_set_match (bar, match);
      assert_bar_shows_item (bar, item);
      for (guint p = 0; p < WB_MATCH_N_PARTS; p++)
        some_unknown |= !wb_score_bar_get_part_known (bar, p);

      /* A screen reader hears the score and each part by name. */
      description = wb_score_bar_dup_description (bar);
      g_assert_true (g_str_has_prefix (description, "Score "));
      g_assert_nonnull (strstr (description, score));
      for (guint p = 0; p < WB_MATCH_N_PARTS; p++)
        g_assert_nonnull (strstr (description, wb_match_part_label (p)));
    }
  g_assert_true (some_unknown);

  /* Drawn, with its legend, in a window. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (bar)));
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (bar)), >, 16);

  wb_score_bar_set_match (bar, NULL);
  g_assert_cmpfloat (wb_score_bar_get_score (bar), ==, 0);
  g_assert_null (wb_score_bar_get_part_text (bar, WB_MATCH_PART_COMPETENCES));

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (bar);
}


/* Tests: the candidates panel */

static gboolean
panel_ranked (gpointer panel)
{
  return !wb_candidates_panel_get_loading (panel) &&
         (wb_candidates_panel_get_ranking (panel) != NULL || wb_candidates_panel_get_error_text (panel) != NULL);
}

static JsonArray *
items_of (JsonObject *ranking)
{
  return json_object_get_array_member (ranking, "items");
}

/* Every label of the list @name of @item, as the server wrote it. */
static void
assert_row_lists (WbCandidatesPanel *panel,
                  guint              row,
                  JsonObject        *item,
                  const char        *name)
{
  JsonArray *list = json_object_get_array_member (item, name);
  const char *text = wb_candidates_panel_get_row_text (panel, row, name);

  if (json_array_get_length (list) == 0)
    {
      g_assert_null (text);
      return;
    }
  g_assert_nonnull (text);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *requirement = json_array_get_object_element (list, i);
      const char *label = json_object_get_string_member (requirement, "label");

      if (json_object_get_null_member (requirement, "competence_id"))
        label = "Driving licence";
      g_assert_nonnull (strstr (text, label));
    }
}

/* The panel shows @answer: the same items in the same order, each with its bar, its name or
 * pseudonym, its lists and flags. */
static void
assert_panel_shows (WbCandidatesPanel *panel,
                    JsonObject        *answer)
{
  JsonArray *items = items_of (answer);
  guint n = json_array_get_length (items);

  /* A few rows at once; "Show More" builds the rest. */
  g_assert_cmpuint (wb_candidates_panel_get_n_rows (panel), <=, n);
  g_assert_cmpuint (wb_candidates_panel_get_n_rows (panel), >=, MIN (n, 5));
  while (wb_candidates_panel_show_more (panel))
    ;
  g_assert_cmpuint (wb_candidates_panel_get_n_rows (panel), ==, n);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      JsonObject *client = json_object_has_member (item, "client") ? json_object_get_object_member (item, "client") :
                           NULL;
      JsonObject *vacancy = json_object_has_member (item, "vacancy") ?
                            json_object_get_object_member (item, "vacancy") : NULL;
      const char *title = wb_candidates_panel_get_row_text (panel, i, "title");
      const char *summary = wb_candidates_panel_get_row_text (panel, i, "summary");
      const char *distance = wb_candidates_panel_get_row_text (panel, i, "distance");
      const char *diagnosis = json_object_get_string_member (json_object_get_object_member (item, "diagnosis"), "state");
      g_autofree char *rank = g_strdup_printf ("%u. ", i + 1);

      assert_bar_shows_item (wb_candidates_panel_get_row_bar (panel, i), item);
      g_assert_true (g_str_has_prefix (title, rank));
      if (vacancy != NULL)
        g_assert_nonnull (strstr (title, json_object_get_string_member (vacancy, "title")));
      else if (json_object_get_boolean_member (item, "pseudonymous"))
        {
          /* Another organisation's candidate: the pseudonym, said to be one, and no name. */
          g_assert_false (json_object_has_member (client, "family_name"));
          g_assert_nonnull (strstr (title, json_object_get_string_member (client, "pseudonym")));
          g_assert_true (g_str_has_suffix (title, " (pseudonym)"));
          g_assert_nonnull (strstr (summary, "(a pseudonym)"));
        }
      else
        {
          g_assert_nonnull (strstr (title, json_object_get_string_member (client, "family_name")));
          g_assert_null (strstr (title, "pseudonym"));
        }
      /* What is lacking is said in the text to read out, by name. */
      if (json_array_get_length (json_object_get_array_member (item, "gap")) > 0)
        {
          JsonObject *first = json_array_get_object_element (json_object_get_array_member (item, "gap"), 0);

          g_assert_nonnull (strstr (summary, "Lacks: "));
          if (!json_object_get_null_member (first, "competence_id"))
            g_assert_nonnull (strstr (summary, json_object_get_string_member (first, "label")));
        }
      assert_row_lists (panel, i, item, "matched");
      assert_row_lists (panel, i, item, "gap");
      assert_row_lists (panel, i, item, "below_level");
      assert_row_lists (panel, i, item, "unknown");
      assert_row_lists (panel, i, item, "optional_missing");

      if (json_object_get_null_member (item, "distance_km"))
        g_assert_cmpstr (distance, ==, "Distance: unknown");
      else
        {
          g_autofree char *km = wb_format_number (json_object_get_double_member (item, "distance_km"), 1);
          g_autofree char *expected = g_strdup_printf ("Distance: %s km", km);

          g_assert_cmpstr (distance, ==, expected);
        }
      if (g_str_equal (diagnosis, "stale"))
        g_assert_true (g_str_has_prefix (wb_candidates_panel_get_row_text (panel, i, "diagnosis"),
                                         "Diagnosis out of date"));
      else if (g_str_equal (diagnosis, "missing"))
        g_assert_cmpstr (wb_candidates_panel_get_row_text (panel, i, "diagnosis"), ==, "No diagnosis");
      if (json_object_get_boolean_member (item, "near_miss"))
        g_assert_cmpstr (wb_candidates_panel_get_row_text (panel, i, "training"), ==,
                         json_object_get_string_member (item, "training_suggestion"));
      else
        g_assert_null (wb_candidates_panel_get_row_text (panel, i, "training"));

      /* The server's explanation of each part, in its words. */
      for (guint p = 0; p < WB_MATCH_N_PARTS; p++)
        {
          g_autofree char *section = g_strdup_printf ("part:%s", wb_match_part_to_string (p));
          JsonObject *part = json_object_get_object_member (json_object_get_object_member (item, "parts"),
                                                            wb_match_part_to_string (p));

          g_assert_nonnull (strstr (wb_candidates_panel_get_row_text (panel, i, section),
                                    json_object_get_string_member (part, "explanation")));
        }
    }
}

/* Screenshots of @widget in a window, light and dark, @wide px wide and 360 px narrow. */
static void
take_shots (GtkWidget  *widget,
            const char *name,
            int         wide)
{
  g_autoptr(GtkCssProvider) light = wb_test_load_css ("/nl/werkbrug/Werkbrug/style.css", GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  g_autofree char *wide_name = g_strdup_printf ("%s-wide", name);
  g_autofree char *narrow = g_strdup_printf ("%s-360", name);

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), widget);
  gtk_widget_add_css_class (scrolled, "view");
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  gtk_window_set_default_size (GTK_WINDOW (window), wide, 900);
  gtk_window_present (GTK_WINDOW (window));
  wb_test_save_light_and_dark (GTK_WINDOW (window), wide_name);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 900);
  wb_test_save_light_and_dark (GTK_WINDOW (window), narrow);
  gtk_style_context_remove_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (light));
  gtk_window_set_child (GTK_WINDOW (window), NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_panel_ranks_with_explanations (void)
{
  g_autoptr(WbSession) session = session_for (WSP_MANAGER);
  g_autoptr(JsonObject) answer = raw_ranking (wb_session_get_api (session), fx.vacancy, "limit=50");
  WbCandidatesPanel *panel = g_object_ref_sink (wb_candidates_panel_new (WB_MATCH_DIRECTION_CANDIDATES));
  JsonObject *weights = json_object_get_object_member (answer, "weights");
  guint pseudonymous = 0, named = 0;
  WbApiRankQuery query;

  wb_candidates_panel_set_session (panel, session);
  wb_candidates_panel_set_subject (panel, fx.vacancy);
  wait_until (panel_ranked, panel);
  g_assert_null (wb_candidates_panel_get_error_text (panel));

  /* Distance is soft by default: no control is on. */
  wb_candidates_panel_get_query (panel, &query);
  g_assert_cmpfloat (query.max_km, ==, 0);
  g_assert_false (query.pool || query.near_misses || query.organisation_id != 0);

  assert_panel_shows (panel, answer);
  for (guint i = 0; i < json_array_get_length (items_of (answer)); i++)
    {
      if (json_object_get_boolean_member (json_array_get_object_element (items_of (answer), i), "pseudonymous"))
        pseudonymous++;
      else
        named++;
    }
  /* The WSP manager sees other organisations' candidates by pseudonym only. */
  g_assert_cmpuint (pseudonymous, >, 0);

  /* Which weights produced the scores. */
  g_assert_nonnull (strstr (wb_candidates_panel_get_row_text (panel, 0, "weights"),
                            json_object_get_string_member (weights, "region")));

  if (wb_test_shots_wanted ())
    {
      wb_candidates_panel_set_row_expanded (panel, 0, TRUE);
      take_shots (GTK_WIDGET (panel), "candidates-panel", 1000);
    }
  g_assert_finalize_object (panel);
}

/* Re-ranks @panel after @change and checks it shows what the API answers with @params. */
static void
assert_control (WbCandidatesPanel *panel,
                WbApiClient       *api,
                const char        *params)
{
  g_autoptr(JsonObject) answer = raw_ranking (api, fx.vacancy, params);

  wait_until (panel_ranked, panel);
  g_assert_null (wb_candidates_panel_get_error_text (panel));
  assert_panel_shows (panel, answer);
}

static void
test_panel_controls_rerank (void)
{
  g_autoptr(WbSession) session = session_for (WSP_MANAGER);
  WbApiClient *api = wb_session_get_api (session);
  WbCandidatesPanel *panel = g_object_ref_sink (wb_candidates_panel_new (WB_MATCH_DIRECTION_CANDIDATES));
  g_autofree char *own = g_strdup_printf ("limit=50&org=%" G_GINT64_FORMAT, wb_session_get_organisation_id (session));
  g_autofree char *all = NULL;
  WbApiRanking *ranking;
  gboolean ranked = FALSE;

  g_signal_connect (panel, "ranked", G_CALLBACK (on_flag_cb), &ranked);
  wb_candidates_panel_set_session (panel, session);
  wb_candidates_panel_set_subject (panel, fx.vacancy);
  assert_control (panel, api, "limit=50");
  g_assert_true (ranked);

  wb_candidates_panel_set_max_km (panel, 25);
  assert_control (panel, api, "limit=50&max_km=25");
  ranking = wb_candidates_panel_get_ranking (panel);
  g_assert_cmpfloat (ranking->query.max_km, ==, 25);
  for (guint i = 0; i < ranking->items->len; i++)
    {
      WbApiRankedMatch *match = g_ptr_array_index (ranking->items, i);
      g_assert_cmpfloat (match->distance_km, >=, 0);
      g_assert_cmpfloat (match->distance_km, <=, 25);
    }

  wb_candidates_panel_set_pool (panel, TRUE);
  assert_control (panel, api, "limit=50&max_km=25&pool=true");
  ranking = wb_candidates_panel_get_ranking (panel);
  g_assert_true (ranking->query.pool);
  for (guint i = 0; i < ranking->items->len; i++)
    g_assert_true (wb_record_get_boolean (((WbApiRankedMatch *) g_ptr_array_index (ranking->items, i))->client,
                                          "in_pool"));

  wb_candidates_panel_set_max_km (panel, 0);
  wb_candidates_panel_set_pool (panel, FALSE);
  wb_candidates_panel_set_own_organisation (panel, TRUE);
  assert_control (panel, api, own);
  ranking = wb_candidates_panel_get_ranking (panel);
  for (guint i = 0; i < ranking->items->len; i++)
    g_assert_cmpint (((WbApiRankedMatch *) g_ptr_array_index (ranking->items, i))->organisation_id, ==,
                     wb_session_get_organisation_id (session));

  /* Near misses, each with its gap named as a training suggestion. */
  wb_candidates_panel_set_own_organisation (panel, FALSE);
  wb_candidates_panel_set_near_misses (panel, TRUE);
  assert_control (panel, api, "limit=50&near_misses=true");
  for (guint i = 0; i < wb_candidates_panel_get_n_rows (panel); i++)
    {
      g_assert_true (g_str_has_prefix (wb_candidates_panel_get_row_text (panel, i, "training"), "Training suggestion: "));
      g_assert_nonnull (wb_candidates_panel_get_row_text (panel, i, "gap"));
    }
  wb_candidates_panel_set_near_misses (panel, FALSE);
  all = g_strdup ("limit=50");
  assert_control (panel, api, all);

  g_assert_finalize_object (panel);
}

/* What the panel shows each time it says "ranked": how many items, and the first row's
 * explanation bar (which only the same item keeps). */
typedef struct {
  GArray *lengths;
  WbScoreBar *first_bar;
} Shown;

static void
on_shown_cb (WbCandidatesPanel *panel,
             Shown             *shown)
{
  guint n = wb_candidates_panel_get_ranking (panel)->items->len;

  g_array_append_val (shown->lengths, n);
  if (shown->lengths->len == 1)
    {
      g_assert_true (wb_candidates_panel_get_shown (panel));
      g_assert_cmpuint (wb_candidates_panel_get_n_rows (panel), ==, n);
      wb_candidates_panel_set_row_expanded (panel, 0, TRUE);
      shown->first_bar = wb_candidates_panel_get_row_bar (panel, 0);
      g_assert_nonnull (shown->first_bar);
    }
}

static gboolean
panel_done (gpointer panel)
{
  return wb_candidates_panel_get_shown (panel) && !wb_candidates_panel_get_loading (panel);
}

/* The rows the list shows at once are asked first and shown; the rest of the ranking follows,
 * and the rows already there stay as they are (the same items: what the user opened stays
 * open, nothing is built twice). */
static void
test_panel_first_rows_then_rest (void)
{
  g_autoptr(WbSession) session = session_for (WSP_MANAGER);
  g_autoptr(JsonObject) answer = raw_ranking (wb_session_get_api (session), fx.vacancy, "limit=50");
  WbCandidatesPanel *panel = g_object_ref_sink (wb_candidates_panel_new (WB_MATCH_DIRECTION_CANDIDATES));
  g_autoptr(GArray) lengths = g_array_new (FALSE, FALSE, sizeof (guint));
  Shown shown = { lengths, NULL };
  guint n = json_array_get_length (items_of (answer));

  /* The fixture's vacancy has more candidates than the list shows at once. */
  g_assert_cmpuint (n, >, 15);
  g_signal_connect (panel, "ranked", G_CALLBACK (on_shown_cb), &shown);
  wb_candidates_panel_set_session (panel, session);
  wb_candidates_panel_set_subject (panel, fx.vacancy);
  wait_until (panel_done, panel);
  g_assert_null (wb_candidates_panel_get_error_text (panel));

  g_assert_cmpuint (lengths->len, ==, 2);
  g_assert_cmpuint (g_array_index (lengths, guint, 0), ==, 15);
  g_assert_cmpuint (g_array_index (lengths, guint, 1), ==, n);
  g_assert_true (wb_candidates_panel_get_row_bar (panel, 0) == shown.first_bar);
  assert_panel_shows (panel, answer);

  /* A control asks the first rows again, then the rest. */
  g_array_set_size (lengths, 0);
  wb_candidates_panel_set_near_misses (panel, TRUE);
  wait_until (panel_done, panel);
  g_assert_cmpuint (lengths->len, >=, 1);
  g_assert_cmpuint (g_array_index (lengths, guint, 0), <=, 15);
  {
    g_autoptr(JsonObject) near = raw_ranking (wb_session_get_api (session), fx.vacancy, "limit=50&near_misses=true");

    assert_panel_shows (panel, near);
  }
  g_assert_finalize_object (panel);
}

/* The first descendant of @widget of @type, or NULL. */
static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = find_descendant (child, type)) != NULL)
        return found;
    }
  return NULL;
}

/* The name a screen reader says for @widget, or NULL. */
static char *
spoken_label (GtkWidget *widget)
{
  /* gtk_test_accessible_check_property () returns NULL for the value asked for, and
   * otherwise the value as it is: asking for an impossible one gives it. */
  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return NULL;
  return gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, "\x01");
}

/* How many of the nested list items of a ranked row (the list view's line, the expander row
 * and its header row) say @name: a screen reader says each as the focus moves in. */
static guint
times_named (AdwExpanderRow *row,
             const char     *name)
{
  GtkWidget *widgets[] = { gtk_widget_get_parent (GTK_WIDGET (row)), GTK_WIDGET (row),
                           find_descendant (GTK_WIDGET (row), ADW_TYPE_ACTION_ROW) };
  guint n = 0;

  g_assert_nonnull (widgets[2]);
  for (guint i = 0; i < G_N_ELEMENTS (widgets); i++)
    {
      g_autofree char *label = spoken_label (widgets[i]);

      if (label != NULL && strstr (label, name) != NULL)
        n++;
      /* Labelled by a label of its own that shows the name. */
      else if (label == NULL && gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widgets[i]),
                                                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY))
        {
          for (GtkWidget *l = find_descendant (widgets[i], GTK_TYPE_LABEL); l != NULL;
               l = gtk_widget_get_next_sibling (l))
            if (GTK_IS_LABEL (l) && strstr (gtk_label_get_text (GTK_LABEL (l)), name) != NULL)
              {
                g_autofree char *other = gtk_test_accessible_check_relation (GTK_ACCESSIBLE (widgets[i]),
                                                                             GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                                                             l, NULL);
                if (other == NULL)
                  n++;
              }
        }
    }
  return n;
}

/* A screen reader says a ranked row's name once (with the names the application gives
 * unnamed rows), also after the rows were given other candidates by a control. */
static void
test_panel_row_named_once (void)
{
  g_autoptr(WbSession) session = session_for (WSP_MANAGER);
  WbCandidatesPanel *panel = wb_candidates_panel_new (WB_MATCH_DIRECTION_CANDIDATES);
  GtkWidget *window = gtk_window_new ();

  wb_a11y_install ();

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 800);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (panel));
  gtk_window_present (GTK_WINDOW (window));
  wb_candidates_panel_set_session (panel, session);
  wb_candidates_panel_set_subject (panel, fx.vacancy);
  wait_until (panel_done, panel);
  for (guint pass = 0; pass < 2; pass++)
    {
      g_assert_cmpuint (wb_candidates_panel_get_n_rows (panel), >, 0);
      for (guint i = 0; i < MIN (3, wb_candidates_panel_get_n_rows (panel)); i++)
        {
          AdwExpanderRow *row = wb_candidates_panel_get_row (panel, i);

          g_assert_nonnull (row);
          const char *title = wb_candidates_panel_get_row_text (panel, i, "title");
          g_autofree char *line = spoken_label (gtk_widget_get_parent (GTK_WIDGET (row)));

          g_autofree char *header = spoken_label (find_descendant (GTK_WIDGET (row), ADW_TYPE_ACTION_ROW));

          g_assert_cmpstr (line, ==, title);
          g_assert_cmpuint (times_named (row, title), ==, 1);
          /* Each list item a user reaches has a name; the expander between them is a group. */
          g_assert_cmpstr (header, ==, wb_candidates_panel_get_row_text (panel, i, "subtitle"));
          g_assert_true (gtk_test_accessible_has_role (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_ROLE_GROUP));
        }
      wb_candidates_panel_set_near_misses (panel, TRUE);
      wait_until (panel_done, panel);
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkLabel *
row_label (AdwExpanderRow *row,
           const char     *css_class)
{
  GtkWidget *header = find_descendant (GTK_WIDGET (row), ADW_TYPE_ACTION_ROW);

  for (GtkWidget *label = find_descendant (header, GTK_TYPE_LABEL); label != NULL;
       label = gtk_widget_get_next_sibling (label))
    if (GTK_IS_LABEL (label) && gtk_widget_has_css_class (label, css_class))
      return GTK_LABEL (label);
  g_assert_not_reached ();
}

static gboolean
rows_wrap (gpointer panel)
{
  GtkLabel *title = row_label (wb_candidates_panel_get_row (panel, 0), "title");

  return gtk_label_get_wrap (title) && gtk_label_get_ellipsize (title) == PANGO_ELLIPSIZE_NONE;
}

static gboolean
rows_unwrapped (gpointer panel)
{
  GtkLabel *title = row_label (wb_candidates_panel_get_row (panel, 0), "title");

  return !gtk_label_get_wrap (title) && gtk_label_get_ellipsize (title) == PANGO_ELLIPSIZE_END;
}

/* In a narrow window (360 px) a row's name and flags wrap instead of being cut off; wide,
 * they keep to a line each. */
static void
test_panel_narrow_rows_wrap (void)
{
  g_autoptr(WbSession) session = session_for (WSP_MANAGER);
  WbCandidatesPanel *panel = wb_candidates_panel_new (WB_MATCH_DIRECTION_CANDIDATES);
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 800);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (panel));
  gtk_window_present (GTK_WINDOW (window));
  wb_candidates_panel_set_session (panel, session);
  wb_candidates_panel_set_subject (panel, fx.vacancy);
  wait_until (panel_done, panel);
  wait_until (rows_wrap, panel);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (panel)), <, 560);
  g_assert_true (gtk_label_get_wrap (row_label (wb_candidates_panel_get_row (panel, 0), "subtitle")));

  gtk_window_destroy (GTK_WINDOW (window));

  /* Wide, the same rows keep to a line each. */
  panel = wb_candidates_panel_new (WB_MATCH_DIRECTION_CANDIDATES);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 800);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (panel));
  gtk_window_present (GTK_WINDOW (window));
  wb_candidates_panel_set_session (panel, session);
  wb_candidates_panel_set_subject (panel, fx.vacancy);
  wait_until (panel_done, panel);
  wait_until (rows_unwrapped, panel);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (panel)), >=, 560);
  g_assert_false (gtk_label_get_wrap (row_label (wb_candidates_panel_get_row (panel, 0), "subtitle")));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_panel_empty_and_errors (void)
{
  g_autoptr(WbSession) session = session_for (WSP_MANAGER);
  g_autoptr(WbSession) analyst = session_for (ANALYST);
  WbCandidatesPanel *panel = g_object_ref_sink (wb_candidates_panel_new (WB_MATCH_DIRECTION_CANDIDATES));

  /* Nobody within 25 km of Amsterdam: the empty state says which controls to switch off. */
  wb_candidates_panel_set_session (panel, session);
  wb_candidates_panel_set_subject (panel, fx.far_vacancy);
  wait_until (panel_ranked, panel);
  g_assert_cmpuint (wb_candidates_panel_get_n_rows (panel), >, 0);
  wb_candidates_panel_set_max_km (panel, 25);
  wait_until (panel_ranked, panel);
  g_assert_null (wb_candidates_panel_get_error_text (panel));
  g_assert_cmpuint (wb_candidates_panel_get_n_rows (panel), ==, 0);
  g_assert_cmpuint (wb_candidates_panel_get_ranking (panel)->items->len, ==, 0);

  /* A vacancy that is not there: an error that says what to do. */
  wb_candidates_panel_set_max_km (panel, 0);
  wb_candidates_panel_set_subject (panel, 987654321);
  wait_until (panel_ranked, panel);
  g_assert_nonnull (wb_candidates_panel_get_error_text (panel));
  g_assert_nonnull (strstr (wb_candidates_panel_get_error_text (panel), "Try again"));
  g_assert_cmpuint (wb_candidates_panel_get_n_rows (panel), ==, 0);

  /* An analyst may not see matches: the server says 403 and the panel says why. */
  wb_candidates_panel_set_session (panel, analyst);
  wb_candidates_panel_set_subject (panel, fx.vacancy);
  wait_until (panel_ranked, panel);
  g_assert_nonnull (strstr (wb_candidates_panel_get_error_text (panel), "Your role may not see"));
  g_assert_finalize_object (panel);
}

static gboolean
page_panel_ranked (gpointer page)
{
  GtkWidget *panel = wb_vacancy_page_get_candidates_widget (page);

  return !wb_vacancy_page_get_loading (page) && WB_IS_CANDIDATES_PANEL (panel) &&
         wb_candidates_panel_get_subject (WB_CANDIDATES_PANEL (panel)) == wb_vacancy_page_get_vacancy_id (page) &&
         panel_ranked (panel);
}

static void
test_panel_on_vacancy_page (void)
{
  g_autoptr(WbSession) session = session_for (WSP_MANAGER);
  g_autoptr(GError) error = NULL;
  g_autoptr(WbRecord) vacancy = wb_test_api_get (wb_session_get_api (session), WB_RESOURCE_VACANCIES, fx.vacancy, NULL,
                                                 &error);
  g_autoptr(WbRecord) far = wb_test_api_get (wb_session_get_api (session), WB_RESOURCE_VACANCIES, fx.far_vacancy, NULL,
                                             &error);
  WbVacancyPage *page = g_object_ref_sink (wb_vacancy_page_new ());
  g_autoptr(JsonObject) answer = raw_ranking (wb_session_get_api (session), fx.vacancy, "limit=50");
  g_autoptr(JsonObject) far_answer = raw_ranking (wb_session_get_api (session), fx.far_vacancy, "limit=50");

  g_assert_no_error (error);
  wb_candidates_panel_attach_to_vacancy_page (page);
  wb_record_page_set_session (WB_RECORD_PAGE (page), session);
  wb_record_page_load (WB_RECORD_PAGE (page), vacancy);
  wait_until (page_panel_ranked, page);
  assert_panel_shows (WB_CANDIDATES_PANEL (wb_vacancy_page_get_candidates_widget (page)), answer);

  /* Another vacancy on the same page: its own candidates. */
  wb_record_page_load (WB_RECORD_PAGE (page), far);
  wait_until (page_panel_ranked, page);
  assert_panel_shows (WB_CANDIDATES_PANEL (wb_vacancy_page_get_candidates_widget (page)), far_answer);

  if (wb_test_shots_wanted ())
    {
      /* The candidates beside the vacancy (wide), first after its header (360 px). */
      wb_record_page_load (WB_RECORD_PAGE (page), vacancy);
      wait_until (page_panel_ranked, page);
      wb_candidates_panel_set_row_expanded (WB_CANDIDATES_PANEL (wb_vacancy_page_get_candidates_widget (page)), 0,
                                            TRUE);
      take_shots (GTK_WIDGET (page), "vacancy-page", 1280);
    }
  g_assert_finalize_object (page);
}


/* Tests: vacancies for a client */

/* An active client of @session's organisation, the first whose best vacancies include one
 * the client lacks an essential competence for, else the first. */
static gint64
own_client (WbSession *session)
{
  WbApiClient *api = wb_session_get_api (session);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) filters = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  WbApiQuery query = { .filters = filters, .per_page = 40 };
  g_autoptr(GListModel) clients = NULL;
  gint64 first = 0;

  g_hash_table_insert (filters, (gpointer) "organisation_id",
                       g_strdup_printf ("%" G_GINT64_FORMAT, wb_session_get_organisation_id (session)));
  g_hash_table_insert (filters, (gpointer) "status", g_strdup ("active"));
  clients = wb_test_api_list (api, WB_RESOURCE_CLIENTS, 0, &query, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (clients), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (clients); i++)
    {
      g_autoptr(WbRecord) client = g_list_model_get_item (clients, i);
      g_autofree char *path = g_strdup_printf ("api/v1/clients/%" G_GINT64_FORMAT "/matches?limit=5",
                                               wb_record_get_id (client));
      g_autoptr(JsonNode) node = wb_test_api_request (api, "GET", path, NULL, NULL, &error);
      JsonArray *items;

      g_assert_no_error (error);
      if (first == 0)
        first = wb_record_get_id (client);
      items = json_object_get_array_member (json_node_get_object (node), "items");
      for (guint j = 0; j < json_array_get_length (items); j++)
        if (json_array_get_length (json_object_get_array_member (json_array_get_object_element (items, j), "gap")) > 0)
          return wb_record_get_id (client);
    }
  return first;
}

static JsonObject *
raw_client_ranking (WbApiClient *api,
                    gint64       client,
                    const char  *params)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup_printf ("api/v1/clients/%" G_GINT64_FORMAT "/matches?%s", client, params);
  g_autoptr(JsonNode) node = wb_test_api_request (api, "GET", path, NULL, NULL, &error);

  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (node));
}

static gboolean
profile_panel_ranked (gpointer profile)
{
  GtkWidget *panel = wb_client_profile_get_suitable_panel (profile);

  return panel != NULL && panel_ranked (panel);
}

static void
test_client_suitable_vacancies (void)
{
  g_autoptr(WbSession) session = session_for (LOCAL_MANAGER);
  WbApiClient *api = wb_session_get_api (session);
  gint64 client_id = own_client (session);
  g_autoptr(WbRecord) client = wb_test_api_get (api, WB_RESOURCE_CLIENTS, client_id, NULL, NULL);
  g_autoptr(JsonObject) top = raw_client_ranking (api, client_id, "limit=5");
  g_autoptr(JsonObject) all = raw_client_ranking (api, client_id, "limit=50");
  g_autoptr(JsonObject) near = raw_client_ranking (api, client_id, "limit=50&near_misses=true");
  WbClientProfile *profile = g_object_ref_sink (wb_client_profile_new ());
  WbCandidatesPanel *card;
  WbCandidatesPanel *full;
  GtkWindow *window;
  gboolean shown = FALSE;
  guint gaps = 0;

  /* The card: the top five, with the reasons, no controls. */
  wb_client_profile_set_session (profile, session);
  wb_client_profile_load (profile, client);
  wait_until (profile_panel_ranked, profile);
  card = WB_CANDIDATES_PANEL (wb_client_profile_get_suitable_panel (profile));
  g_assert_cmpint (wb_candidates_panel_get_direction (card), ==, WB_MATCH_DIRECTION_VACANCIES);
  g_assert_cmpint (wb_candidates_panel_get_subject (card), ==, client_id);
  g_assert_cmpuint (json_array_get_length (items_of (top)), ==, 5);
  assert_panel_shows (card, top);
  for (guint i = 0; i < wb_candidates_panel_get_n_rows (card); i++)
    gaps += wb_candidates_panel_get_row_text (card, i, "gap") != NULL;
  /* The explanation names a missing competence. */
  g_assert_cmpuint (gaps, >, 0);

  /* "All" opens the whole list, with the same explanations and the controls. */
  g_signal_connect (card, "show-all", G_CALLBACK (on_flag_cb), &shown);
  g_signal_emit_by_name (card, "show-all");
  g_assert_true (shown);
  window = NULL;
  {
    g_autoptr(GList) windows = gtk_window_list_toplevels ();

    for (GList *l = windows; l != NULL; l = l->next)
      if (g_str_has_prefix (gtk_window_get_title (l->data) ?: "", "Suitable Vacancies: "))
        window = l->data;
  }
  g_assert_nonnull (window);
  full = NULL;
  for (GtkWidget *w = GTK_WIDGET (window); w != NULL && full == NULL;)
    {
      /* Depth first to the panel. */
      GtkWidget *next = gtk_widget_get_first_child (w);

      if (WB_IS_CANDIDATES_PANEL (w))
        full = WB_CANDIDATES_PANEL (w);
      while (next == NULL && w != NULL)
        {
          next = gtk_widget_get_next_sibling (w);
          if (next == NULL)
            w = gtk_widget_get_parent (w);
        }
      w = next;
    }
  g_assert_nonnull (full);
  wait_until (panel_ranked, full);
  assert_panel_shows (full, all);
  wb_candidates_panel_set_near_misses (full, TRUE);
  wait_until (panel_ranked, full);
  assert_panel_shows (full, near);
  for (guint i = 0; i < wb_candidates_panel_get_n_rows (full); i++)
    g_assert_true (g_str_has_prefix (wb_candidates_panel_get_row_text (full, i, "training"), "Training suggestion: "));

  if (wb_test_shots_wanted ())
    {
      WbCandidatesPanel *shot = wb_candidates_panel_new (WB_MATCH_DIRECTION_VACANCIES);

      wb_candidates_panel_set_session (shot, session);
      wb_candidates_panel_set_near_misses (shot, TRUE);
      wb_candidates_panel_set_subject (shot, client_id);
      wait_until (panel_ranked, shot);
      wb_candidates_panel_set_row_expanded (shot, 0, TRUE);
      take_shots (GTK_WIDGET (shot), "suitable-vacancies", 1000);
    }
  gtk_window_destroy (window);
  g_assert_finalize_object (profile);
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
  int status;

  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_test_add_func ("/app-matching/no-display", skip_without_display);
      return g_test_run ();
    }
  adw_init ();
  wb_application_ensure_resources ();

  fixture_setup ();
  g_test_add_func ("/app-matching/score-bar/equals-api-parts", test_score_bar_equals_api_parts);
  g_test_add_func ("/app-matching/panel/ranks-with-explanations", test_panel_ranks_with_explanations);
  g_test_add_func ("/app-matching/panel/controls-rerank", test_panel_controls_rerank);
  g_test_add_func ("/app-matching/panel/first-rows-then-rest", test_panel_first_rows_then_rest);
  g_test_add_func ("/app-matching/panel/row-named-once", test_panel_row_named_once);
  g_test_add_func ("/app-matching/panel/narrow-rows-wrap", test_panel_narrow_rows_wrap);
  g_test_add_func ("/app-matching/panel/empty-and-errors", test_panel_empty_and_errors);
  g_test_add_func ("/app-matching/panel/on-the-vacancy-page", test_panel_on_vacancy_page);
  g_test_add_func ("/app-matching/client/suitable-vacancies", test_client_suitable_vacancies);
  status = g_test_run ();
  fixture_teardown ();
  return status;
}
