/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bench-candidates"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "wb-api-matching.h"
#include "wb-application.h"
#include "wb-candidates-panel.h"
#include "wb-demo.h"
#include "wb-embedded-backend.h"
#include "wb-renderer.h"
#include "wb-session.h"
#include "wb-vacancy-page.h"

#include "bench-util.h"

/* The candidates of a vacancy on screen, over the demo data with 100,000 clients (set
 * WERKBRUG_DEMO_CLIENTS to change it), on the embedded backend in this process:
 *   - click on a vacancy to its ranked, explained candidates on screen: the vacancy page
 *     loads the vacancy (and its occupation and placements), the panel asks for the
 *     ranking, parses it and builds its rows; timed until the next frame is painted.
 *     Goal: 150 ms.
 *   - a control changed (maximum distance, the pool, near misses, my organisation) to the
 *     re-ranked candidates on screen. Goal: 50 ms.
 *   - the anchor, measured in the same run on the same vacancies: the bare HTTP request for
 *     the same ranking, parsed (GET /vacancies/{id}/matches?limit=50): what the screen adds
 *     is the ratio of the two. Beside it the same for the first 15 (limit=15), the rows the
 *     list shows at once, which the panel asks first; and one repaint of the same window with nothing
 *     changed: what drawing a frame costs on this machine (software rendering under Xvfb).
 *   - the CPU time of the process (the window, the embedded server, the renderer's threads)
 *     for the anchor, the click and the control change: their cost, which a busy machine
 *     does not lengthen as it does the time until the frame.
 * The window draws with the renderer Werkbrug picks (wb-renderer.c: Cairo where OpenGL is a
 * software rasteriser, as under Xvfb), printed first; GSK_RENDERER=gl measures with OpenGL.
 * Run under a display: xvfb-run -a ./_build/bench/bench-candidates [BENCH_REPEAT=N]; BENCH_TRACE=1 prints
 * every sample with the frames and rankings on its way (ms from its start); BENCH_DB=path
 * keeps the seeded database for the next run, which then skips seeding (a minute and a half). */

#define MANAGER "wsp-parkstad.am1"

static double
median (GArray *samples)
{
  g_array_sort (samples, bench_compare_doubles);
  return g_array_index (samples, double, samples->len / 2);
}

static void
print_distribution (const char *what,
                    GArray     *samples,
                    double      anchor,
                    double      goal)
{
  double *v = (double *) samples->data;
  double sum = 0, p50, p95;

  g_array_sort (samples, bench_compare_doubles);
  for (guint i = 0; i < samples->len; i++)
    sum += v[i];
  p50 = v[samples->len / 2];
  p95 = v[MIN (samples->len - 1, samples->len * 95 / 100)];
  printf ("%-44s p50 %7.2f  p95 %7.2f  max %7.2f  mean %7.2f ms (n=%u)\n", what, p50, p95, v[samples->len - 1],
          sum / samples->len, samples->len);
  if (goal > 0)
    printf ("%-44s p50 / anchor = %.1f x; p95 %s the goal of %.0f ms (p95 / goal = %.2f)\n", "", p50 / anchor,
            p95 <= goal ? "meets" : "MISSES", goal, p95 / goal);
}

/* The first launch: seeding the demo data, in a process of its own. */
static int
seed_only (const char *db)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(WbEmbeddedBackend) backend = wb_embedded_backend_new (db);
  g_autoptr(GError) error = NULL;
  Wait wait = { loop };

  wb_embedded_backend_start_async (backend, NULL, bench_on_done_cb, &wait);
  if (!wb_embedded_backend_start_finish (backend, bench_run (&wait), &error))
    {
      g_printerr ("The demo data could not be seeded: %s\n", error->message);
      return 1;
    }
  wb_embedded_backend_stop (backend);
  g_clear_object (&wait.result);
  return 0;
}

/* Watching the panel and the frames */

typedef struct {
  GMainLoop *loop;
  gint64 painted;             /* when the last frame was painted */
  gint64 ranked;              /* when the panel last showed a ranking */
  double cpu_ms;              /* the CPU time of the process until that frame (until_on_screen) */
  double main_cpu_ms;         /* the same for the main thread alone */
  GString *trace;             /* BENCH_TRACE: the frames and the ranked signals of a sample, or NULL */
  gint64 t0;                  /* the start of the sample traced */
  gint64 frame_start;
  gint64 layout_end;
} Watch;

/* The CPU time of the whole process, in ms: the window, the embedded server's threads and
 * the software renderer's. What an interaction costs in it does not depend on how many other
 * processes share the machine, as the time until the frame does. */
static double
process_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* The same for the main thread: what the window itself does on the way to the frame. */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double
since (Watch  *watch,
       gint64  t)
{
  return (t - watch->t0) / 1000.0;
}

static void
on_before_paint_cb (GdkFrameClock *clock,
                    Watch         *watch)
{
  watch->frame_start = g_get_monotonic_time ();
}

static void
on_layout_done_cb (GdkFrameClock *clock,
                   Watch         *watch)
{
  watch->layout_end = g_get_monotonic_time ();
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   Watch         *watch)
{
  watch->painted = g_get_monotonic_time ();
  /* A frame: when it started, how long its layout and its paint took. */
  if (watch->trace != NULL)
    g_string_append_printf (watch->trace, " [frame %.1f: layout %.1f, paint %.1f]", since (watch, watch->frame_start),
                            (watch->layout_end - watch->frame_start) / 1000.0,
                            (watch->painted - watch->layout_end) / 1000.0);
}

static void
on_ranked_cb (WbCandidatesPanel *panel,
              Watch             *watch)
{
  watch->ranked = g_get_monotonic_time ();
  if (watch->trace != NULL)
    g_string_append_printf (watch->trace, " [ranked %.1f%s]", since (watch, watch->ranked),
                            wb_candidates_panel_get_loading (panel) ? ", first rows" : "");
}

/* Runs the main loop until @panel showed a ranking of @subject (the rows the list shows at
 * once: the rest of the ranking may still be read) and a frame was painted after it; returns
 * the milliseconds from @t0 to that frame, and sets watch->cpu_ms to the process's CPU time
 * since @cpu0. */
static double
until_on_screen (Watch             *watch,
                 WbCandidatesPanel *panel,
                 gint64             subject,
                 gint64             t0,
                 double             cpu0,
                 double             main_cpu0)
{
  watch->ranked = 0;
  while (watch->ranked == 0 || !wb_candidates_panel_get_shown (panel) ||
         wb_candidates_panel_get_subject (panel) != subject)
    {
      if (watch->ranked != 0 && (!wb_candidates_panel_get_shown (panel) ||
                                 wb_candidates_panel_get_subject (panel) != subject))
        watch->ranked = 0;
      g_main_context_iteration (NULL, TRUE);
    }
  if (wb_candidates_panel_get_error_text (panel) != NULL)
    g_error ("The ranking failed: %s", wb_candidates_panel_get_error_text (panel));
  watch->painted = 0;
  while (watch->painted == 0)
    g_main_context_iteration (NULL, TRUE);
  watch->cpu_ms = process_cpu_ms () - cpu0;
  watch->main_cpu_ms = thread_cpu_ms () - main_cpu0;
  return (watch->painted - t0) / 1000.0;
}

/* BENCH_TRACE=1: one line a sample, with the frames painted and the rankings shown on the
 * way, to see what the slow ones (the p95) spend their time on. */
static void
trace_start (Watch  *watch,
             gint64  t0)
{
  watch->t0 = t0;
  if (g_getenv ("BENCH_TRACE") != NULL)
    watch->trace = g_string_new (NULL);
}

static void
trace_end (Watch      *watch,
           const char *what,
           gint64      id,
           double      ms)
{
  if (watch->trace == NULL)
    return;
  printf ("  %-7s %5" G_GINT64_FORMAT " %7.1f ms, CPU %6.1f (main thread %6.1f):%s\n", what, id, ms, watch->cpu_ms,
          watch->main_cpu_ms, watch->trace->str);
  g_string_free (watch->trace, TRUE);
  watch->trace = NULL;
}

/* The machine's load (1, 5 and 15 minutes): figures measured on a busy machine are longer
 * than on a quiet one. */
static char *
load_average (void)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) fields = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &contents, NULL, NULL))
    return g_strdup ("?");
  fields = g_strsplit (contents, " ", 4);
  if (g_strv_length (fields) < 3)
    return g_strdup ("?");
  return g_strdup_printf ("%s %s %s", fields[0], fields[1], fields[2]);
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
settle (GMainLoop *loop)
{
  g_timeout_add (30, quit_cb, loop);
  g_main_loop_run (loop);
}

/* Until the rest of the panel's ranking is in as well (the rows after the first): what is
 * measured next does not wait for it, as a user's next click seconds later would not. */
static void
settle_panel (GMainLoop         *loop,
              WbCandidatesPanel *panel)
{
  while (panel != NULL && wb_candidates_panel_get_loading (panel))
    g_main_context_iteration (NULL, TRUE);
  settle (loop);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(WbEmbeddedBackend) backend = NULL;
  g_autoptr(WbApiClient) api = NULL;
  g_autoptr(WbRecord) me = NULL;
  g_autoptr(WbSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) vacancies = NULL;
  g_autoptr(GArray) anchor_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) first_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) repaint_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) click_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) control_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) click_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) control_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) anchor_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (double));
  const char *repeat_text = g_getenv ("BENCH_REPEAT");
  guint repeat = repeat_text != NULL ? MAX (1, atoi (repeat_text)) : 2;
  guint n_vacancies;
  Wait wait = { 0 };
  Watch watch = { 0 };
  GtkWidget *window, *scrolled;
  WbVacancyPage *page;
  WbCandidatesPanel *panel = NULL;
  guint considered = 0;
  double seed_s, anchor;

  if (argc == 3 && g_str_equal (argv[1], "--seed-only"))
    return seed_only (argv[2]);

  if (!gtk_init_check ())
    {
      g_printerr ("bench-candidates needs a display; run it under xvfb-run -a\n");
      return 77;
    }
  adw_init ();
  wb_application_ensure_resources ();
  /* The window draws as Werkbrug's do. */
  printf ("renderer:                                    %s\n",
          wb_renderer_choose (gdk_display_get_default ()) != NULL ? g_getenv ("GSK_RENDERER")
          : g_getenv ("GSK_RENDERER") != NULL ? g_getenv ("GSK_RENDERER") : "GTK's choice (OpenGL)");
  if (g_getenv ("WERKBRUG_DEMO_CLIENTS") == NULL)
    g_setenv ("WERKBRUG_DEMO_CLIENTS", "100000", TRUE);

  if (g_getenv ("BENCH_DB") != NULL)
    db = g_strdup (g_getenv ("BENCH_DB"));
  else
    {
      dir = g_dir_make_tmp ("bench-candidates-XXXXXX", &error);
      g_assert_no_error (error);
      db = g_build_filename (dir, "werkbrug.db", NULL);
    }
  loop = g_main_loop_new (NULL, FALSE);
  wait.loop = loop;

  seed_s = bench_seed_once (db);
  if (seed_s > 0)
    g_printerr ("seeded in %.1f s\n", seed_s);

  backend = wb_embedded_backend_new (db);
  wb_embedded_backend_start_async (backend, NULL, bench_on_done_cb, &wait);
  if (!wb_embedded_backend_start_finish (backend, bench_run (&wait), &error))
    g_error ("The embedded backend did not start: %s", error->message);

  api = wb_api_client_new (wb_embedded_backend_get_url (backend));
  wb_api_client_login_async (api, MANAGER, WB_DEMO_PASSWORD, NULL, bench_on_done_cb, &wait);
  me = wb_api_client_login_finish (api, bench_run (&wait), &error);
  g_assert_no_error (error);
  session = wb_session_new (api, me);
  wb_session_load_async (session, NULL, bench_on_done_cb, &wait);
  wb_session_load_finish (session, bench_run (&wait), &error);
  g_assert_no_error (error);

  /* The open vacancies, as the list has them: the summaries the page shows first. */
  {
    g_autoptr(GHashTable) filters = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
    WbApiQuery query = { .filters = filters, .per_page = 20 };

    g_hash_table_insert (filters, (gpointer) "status", g_strdup ("open"));
    wb_api_client_list_async (api, WB_RESOURCE_VACANCIES, 0, &query, NULL, bench_on_done_cb, &wait);
    vacancies = wb_api_client_list_finish (api, bench_run (&wait), NULL, &error);
    g_assert_no_error (error);
    n_vacancies = g_list_model_get_n_items (vacancies);
    g_assert_cmpuint (n_vacancies, >, 0);
  }

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 900);
  scrolled = gtk_scrolled_window_new ();
  page = wb_vacancy_page_new ();
  wb_candidates_panel_attach_to_vacancy_page (page);
  wb_record_page_set_session (WB_RECORD_PAGE (page), session);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (page));
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (gtk_widget_get_frame_clock (window), "before-paint", G_CALLBACK (on_before_paint_cb), &watch);
  g_signal_connect_after (gtk_widget_get_frame_clock (window), "layout", G_CALLBACK (on_layout_done_cb), &watch);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_after_paint_cb), &watch);
  watch.loop = loop;
  settle (loop);
  g_printerr ("measuring %u vacancies\n", n_vacancies);

  for (guint r = 0; r < repeat; r++)
    for (guint i = 0; i < n_vacancies; i++)
      {
        g_autoptr(WbRecord) vacancy = g_list_model_get_item (vacancies, i);
        gint64 id = wb_record_get_id (vacancy);
        WbApiRankQuery query = { .limit = 50 };
        gint64 t0;
        double ms, cpu0, main_cpu0;

        /* The anchor: the same ranking over HTTP, parsed, without a screen. */
        {
          g_autoptr(JsonObject) answer = NULL;
          g_autoptr(WbApiRanking) ranking = NULL;

          t0 = g_get_monotonic_time ();
          cpu0 = process_cpu_ms ();
          wb_api_client_rank_candidates_async (api, id, &query, NULL, bench_on_done_cb, &wait);
          answer = wb_api_client_rank_candidates_finish (api, bench_run (&wait), &error);
          g_assert_no_error (error);
          ranking = wb_api_ranking_new_from_json (answer, &error);
          g_assert_no_error (error);
          ms = (g_get_monotonic_time () - t0) / 1000.0;
          g_array_append_val (anchor_ms, ms);
          ms = process_cpu_ms () - cpu0;
          g_array_append_val (anchor_cpu, ms);
          considered = ranking->considered;
        }
        /* The same for the rows the list shows at once (limit=15). */
        {
          WbApiRankQuery first = { .limit = 15 };
          g_autoptr(JsonObject) answer = NULL;
          g_autoptr(WbApiRanking) ranking = NULL;

          t0 = g_get_monotonic_time ();
          wb_api_client_rank_candidates_async (api, id, &first, NULL, bench_on_done_cb, &wait);
          answer = wb_api_client_rank_candidates_finish (api, bench_run (&wait), &error);
          g_assert_no_error (error);
          ranking = wb_api_ranking_new_from_json (answer, &error);
          g_assert_no_error (error);
          ms = (g_get_monotonic_time () - t0) / 1000.0;
          g_array_append_val (first_ms, ms);
        }

        /* The click: the page shows the vacancy and its candidates. */
        t0 = g_get_monotonic_time ();
        cpu0 = process_cpu_ms ();
        main_cpu0 = thread_cpu_ms ();
        trace_start (&watch, t0);
        wb_record_page_load (WB_RECORD_PAGE (page), vacancy);
        if (watch.trace != NULL)
          g_string_append_printf (watch.trace, " [loaded %.1f]", since (&watch, g_get_monotonic_time ()));
        if (panel == NULL)
          {
            while (!WB_IS_CANDIDATES_PANEL (wb_vacancy_page_get_candidates_widget (page)))
              g_main_context_iteration (NULL, TRUE);
            panel = WB_CANDIDATES_PANEL (wb_vacancy_page_get_candidates_widget (page));
            g_signal_connect (panel, "ranked", G_CALLBACK (on_ranked_cb), &watch);
          }
        ms = until_on_screen (&watch, panel, id, t0, cpu0, main_cpu0);
        trace_end (&watch, "click", id, ms);
        g_array_append_val (click_ms, ms);
        g_array_append_val (click_cpu, watch.cpu_ms);
        {
          double n = wb_candidates_panel_get_n_rows (panel);
          g_array_append_val (rows, n);
        }
        settle_panel (loop, panel);

        /* The second anchor: one repaint of the same window, nothing changed. */
        t0 = g_get_monotonic_time ();
        gtk_widget_queue_draw (window);
        watch.painted = 0;
        while (watch.painted == 0)
          g_main_context_iteration (NULL, TRUE);
        ms = (watch.painted - t0) / 1000.0;
        g_array_append_val (repaint_ms, ms);
        settle (loop);

        /* Each control, on and off again. */
        for (guint c = 0; c < 8; c++)
          {
            t0 = g_get_monotonic_time ();
            cpu0 = process_cpu_ms ();
            main_cpu0 = thread_cpu_ms ();
            trace_start (&watch, t0);
            switch (c)
              {
              case 0: wb_candidates_panel_set_max_km (panel, 25); break;
              case 1: wb_candidates_panel_set_pool (panel, TRUE); break;
              case 2: wb_candidates_panel_set_max_km (panel, 0); break;
              case 3: wb_candidates_panel_set_pool (panel, FALSE); break;
              case 4: wb_candidates_panel_set_near_misses (panel, TRUE); break;
              case 5: wb_candidates_panel_set_near_misses (panel, FALSE); break;
              case 6: wb_candidates_panel_set_own_organisation (panel, TRUE); break;
              default: wb_candidates_panel_set_own_organisation (panel, FALSE); break;
              }
            ms = until_on_screen (&watch, panel, id, t0, cpu0, main_cpu0);
            trace_end (&watch, "control", id, ms);
            g_array_append_val (control_ms, ms);
            g_array_append_val (control_cpu, watch.cpu_ms);
            settle_panel (loop, panel);
          }
      }

  anchor = median (anchor_ms);
  {
    g_autofree char *load = load_average ();

    printf ("candidates the engine holds:                 %u (load average while measuring: %s)\n", considered,
            load);
  }
  printf ("vacancies clicked:                           %u, %u times each; %.0f rows a ranking (median)\n",
          n_vacancies, repeat, median (rows));
  if (seed_s > 0)
    printf ("first launch, seeding the demo data:         %.1f s (once per installation)\n", seed_s);
  print_distribution ("anchor: the ranking over HTTP, parsed", anchor_ms, anchor, 0);
  print_distribution ("anchor: its first 15 over HTTP, parsed", first_ms, anchor, 0);
  print_distribution ("anchor: one repaint of the window", repaint_ms, anchor, 0);
  print_distribution ("click on a vacancy to candidates on screen", click_ms, anchor, 150);
  print_distribution ("control changed to re-ranked on screen", control_ms, anchor, 50);
  /* The same three in CPU time of the process (all its threads): what they cost, however busy
   * the machine is. */
  print_distribution ("CPU: the ranking over HTTP, parsed", anchor_cpu, 0, 0);
  print_distribution ("CPU: click to candidates on screen", click_cpu, 0, 0);
  print_distribution ("CPU: control changed to on screen", control_cpu, 0, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  wb_embedded_backend_stop (backend);
  if (dir != NULL)
    {
      g_autofree char *wal = g_strconcat (db, "-wal", NULL);
      g_autofree char *shm = g_strconcat (db, "-shm", NULL);

      g_unlink (db);
      g_unlink (wal);
      g_unlink (shm);
      g_rmdir (dir);
    }
  g_clear_object (&wait.result);
  return 0;
}
