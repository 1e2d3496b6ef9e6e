/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bench-app"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#if __has_include (<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#else
#define CALLGRIND_DUMP_STATS_AT(reason)
#endif

#include "wb-application.h"
#include "wb-clients-view.h"
#include "wb-demo.h"
#include "wb-embedded-backend.h"
#include "wb-renderer.h"
#include "wb-secret.h"
#include "wb-session.h"
#include "wb-theme.h"

#include "bench-util.h"
#include "wb-test-gtk.h"

/* The client profiles view over the demo data (20,000 clients by default; set
 * WERKBRUG_DEMO_CLIENTS to change it), on the embedded backend in this process, as a user
 * meets it on every launch after the first:
 *   - the demo data is seeded once, in a child process, as the first launch does;
 *   - launch to the first frame that shows rows, as a user meets it every day: on a
 *     region's server that is running (this process serves the database), with the token
 *     kept from an earlier sign-in, restored as the window restores the one in the keyring;
 *     beside it the same on the embedded server started by the launch, and that launch
 *     signing in with the password (one Argon2 check), as the first one after an install does;
 *   - sign-in to the first frame that shows rows, and to the whole list;
 *   - search as you type over every client, typed into the list's search entry as a user
 *     types: the time the keystroke takes in the main loop, the time until the frame that
 *     shows its result is on screen and the main thread's CPU time until then (what the
 *     keystroke costs on a busy machine), first with every row the list keeps rebound
 *     at once (the anchor), then as the list does. The list searches in the update of the
 *     frame after the key, so "the search call" is the key into the entry and the search
 *     itself counts in "the frame's layout" (the frame's update and layout);
 *   - resident memory with the list loaded (application and embedded server together).
 * The windows draw with the renderer Werkbrug picks (wb-renderer.c: Cairo where OpenGL is a
 * software rasteriser, as under Xvfb); GSK_RENDERER=gl measures them with OpenGL. The
 * launch's anchor is the bare window drawn as Werkbrug draws; the bare window as GTK draws
 * it by default (OpenGL in software under Xvfb) is printed beside it.
 * Run under a display: xvfb-run -a ./_build/bench/bench-app [BENCH_REPEAT=N]; BENCH_DB=path
 * keeps the seeded database there for the next run, BENCH_TRACE=1 prints every keystroke
 * (where its main-thread time went: the search call, before the frame, the frame's layout
 * and paint) and every launch's phases and frames, BENCH_WINDOWS=1 each keystroke's times on
 * CLOCK_MONOTONIC (for perf record -k CLOCK_MONOTONIC), BENCH_LAUNCHES=N the launches to
 * take the median of, BENCH_LAUNCH_ONLY=1 stops after them. BENCH_CALLGRIND=1 adds the
 * instructions the main thread runs until the first frame, the anchor's and the own
 * window's, counted by valgrind's callgrind (apt-get install valgrind): a figure that does
 * not wander with the machine's load, for comparing two builds of one change;
 * BENCH_CALLGRIND=keep keeps callgrind's files and says where. */

/* A field of /proc/self/status in MiB. */
static double
status_mib (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, field);
  return line != NULL ? atol (line + strlen (field) + 1) / 1024.0 : -1;
}

typedef struct {
  GMainLoop *loop;
  WbClientsView *view;
  gint64 start;
  gint64 painted;       /* when the last frame was painted (that shows @typed) */
  const char *typed;    /* the search typed last, or NULL */
  double first_frame_ms;
  /* The main thread's CPU time as the frame after a keystroke starts, has laid out and has
   * painted: where a keystroke's time goes. */
  double cpu_frame_start;
  double cpu_layout_end;
  double cpu_paint_end;
  gint64 frame_start;   /* and the monotonic time as it started (BENCH_WINDOWS) */
  gint64 layout_end;
} FrameWatch;

static double thread_cpu_ms (void);

static void
on_after_paint_cb (GdkFrameClock *clock,
                   FrameWatch    *watch)
{
  WbClientListModel *model = wb_clients_view_get_list_model (watch->view);

  /* Only a frame that shows the search typed last counts. */
  if (watch->typed != NULL)
    {
      const char *search = wb_list_model_get_search (WB_LIST_MODEL (model));

      if (*watch->typed != '\0' ? g_strcmp0 (search, watch->typed) != 0 : search != NULL)
        return;
    }
  watch->painted = g_get_monotonic_time ();
  watch->cpu_paint_end = thread_cpu_ms ();
  if (watch->first_frame_ms == 0 && wb_client_list_model_get_n_shown (model) > 0)
    {
      watch->first_frame_ms = (watch->painted - watch->start) / 1000.0;
      g_main_loop_quit (watch->loop);
    }
}

static void
on_before_paint_cb (GdkFrameClock *clock,
                    FrameWatch    *watch)
{
  watch->cpu_frame_start = thread_cpu_ms ();
  watch->frame_start = g_get_monotonic_time ();
}

static void
on_layout_cb (GdkFrameClock *clock,
              FrameWatch    *watch)
{
  watch->cpu_layout_end = thread_cpu_ms ();
  watch->layout_end = g_get_monotonic_time ();
}

static void
on_loaded_cb (GObject    *object,
              GParamSpec *pspec,
              GMainLoop  *loop)
{
  if (wb_clients_view_get_loaded (WB_CLIENTS_VIEW (object)))
    g_main_loop_quit (loop);
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

/* The CPU time of the calling thread in ms: under a loaded machine, the work a keystroke
 * costs the main loop, apart from the time it waits for the processor. */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void
print_distribution (const char *what,
                    GArray     *samples)
{
  double *v = (double *) samples->data;
  double sum = 0;

  g_array_sort (samples, bench_compare_doubles);
  for (guint i = 0; i < samples->len; i++)
    sum += v[i];
  printf ("%-40s p50 %6.2f  p95 %6.2f  max %6.2f  mean %6.2f ms (%u keystrokes)\n", what,
          v[samples->len / 2], v[MIN (samples->len - 1, samples->len * 95 / 100)], v[samples->len - 1],
          sum / samples->len, samples->len);
}

/* The first launch: seeding the demo data, in a process of its own so that its heap does
 * not count in the figures of the launches after it. */
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

/* The list's search entry, in its search bar. */
static GtkWidget *
find_search_entry (GtkWidget *widget,
                   gboolean   in_bar)
{
  in_bar = in_bar || GTK_IS_SEARCH_BAR (widget);
  if (in_bar && GTK_IS_SEARCH_ENTRY (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *entry = find_search_entry (child, in_bar);

      if (entry != NULL)
        return entry;
    }
  return NULL;
}

static guint
n_keystrokes (const char * const *words,
              guint               n_words,
              guint               repeat)
{
  guint n = 0;

  for (guint w = 0; w < n_words; w++)
    n += 2 * strlen (words[w]);
  return n * repeat;
}

/* Each prefix of each word, then deleting back, as a person types; prints the time each
 * keystroke takes in the main loop, until the frame that shows its result, and the main
 * thread's CPU time until then, with @label. */
static void
search_pass (FrameWatch         *watch,
             GMainLoop          *loop,
             const char * const *words,
             guint               n_words,
             guint               repeat,
             const char         *label)
{
  WbClientListModel *model = wb_clients_view_get_list_model (watch->view);
  g_autoptr(GArray) sync_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) frame_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) sync_cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) between_cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) layout_cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) paint_cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  double p95_frame;
  GtkWidget *entry = find_search_entry (GTK_WIDGET (watch->view), FALSE);

  g_assert_nonnull (entry);
  wb_list_view_focus_search (WB_LIST_VIEW (watch->view));
  for (guint w = 0; w < n_words * repeat; w++)
    {
      const char *word = words[w % n_words];
      guint len = strlen (word);

      for (guint step = 1; step <= 2 * len; step++)
        {
          guint n = step <= len ? step : 2 * len - step;
          g_autofree char *text = g_strndup (word, n);
          gint64 t0 = g_get_monotonic_time ();
          double cpu0 = thread_cpu_ms ();
          double cpu_sync, sync, between, layout, paint;
          double ms;

          gint64 t_sync;

          /* Typed, as a user types: the entry's text changes. */
          watch->typed = text;
          gtk_editable_set_text (GTK_EDITABLE (entry), text);
          t_sync = g_get_monotonic_time ();
          ms = (t_sync - t0) / 1000.0;
          g_array_append_val (sync_ms, ms);
          cpu_sync = thread_cpu_ms ();

          /* Until the result is on screen: the frame that shows it. */
          watch->painted = 0;
          while (watch->painted == 0)
            g_main_context_iteration (NULL, TRUE);
          ms = (watch->painted - t0) / 1000.0;
          g_array_append_val (frame_ms, ms);
          ms = thread_cpu_ms () - cpu0;
          g_array_append_val (cpu_ms, ms);
          sync = cpu_sync - cpu0;
          between = MAX (0, watch->cpu_frame_start - cpu_sync);
          layout = watch->cpu_layout_end - watch->cpu_frame_start;
          paint = watch->cpu_paint_end - watch->cpu_layout_end;
          g_array_append_val (sync_cpu_ms, sync);
          g_array_append_val (between_cpu_ms, between);
          g_array_append_val (layout_cpu_ms, layout);
          g_array_append_val (paint_cpu_ms, paint);
          if (g_getenv ("BENCH_WINDOWS") != NULL)
            printf ("  window %.6f %.6f %.6f %.6f %.6f\n", t0 / 1e6, t_sync / 1e6, watch->frame_start / 1e6,
                    watch->layout_end / 1e6, watch->painted / 1e6);
          if (g_getenv ("BENCH_TRACE") != NULL)
            printf ("  %-12s %6u shown  %7.2f ms to the frame, %7.2f ms CPU: %6.2f search, %6.2f before the "
                    "frame, %6.2f layout, %6.2f paint\n", text, wb_client_list_model_get_n_shown (model),
                    (watch->painted - t0) / 1000.0, ms, sync, between, layout, paint);

          watch->typed = NULL;
          /* A person types a key every 100 ms or so; let the view settle as it would. */
          g_timeout_add (20, quit_cb, loop);
          g_main_loop_run (loop);
        }
    }
  /* The next pass starts from the whole list, settled. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  wb_clients_view_search (watch->view, "");
  g_timeout_add (300, quit_cb, loop);
  g_main_loop_run (loop);

  printf (" %s:\n", label);
  print_distribution ("  keystroke in the main loop", sync_ms);
  print_distribution ("  keystroke to the frame on screen", frame_ms);
  p95_frame = g_array_index (frame_ms, double, MIN (frame_ms->len - 1, frame_ms->len * 95 / 100));
  print_distribution ("  main thread's CPU time until then", cpu_ms);
  print_distribution ("    of which the search call", sync_cpu_ms);
  print_distribution ("    of which before the frame starts", between_cpu_ms);
  print_distribution ("    of which the frame's layout", layout_cpu_ms);
  print_distribution ("    of which the frame's paint", paint_cpu_ms);
  printf ("  p95 to the frame against the goal of 33 ms (two frames): %.2f\n", p95_frame / 33.0);
}

/* Launches in processes of their own, from exec to the first frame: --bare is a bare
 * libadwaita window; --launch the clients view on a region's server that is running (this
 * process serves the database), to the first frame that shows rows, restoring the sign-in of
 * an earlier run from its token as the window does on every start after the first
 * (wb-window.c: check_server, wb_session_restore_async); --launch-embedded the same on the
 * embedded server started in the launch's own process; --launch-password that, signing in
 * with the password. The child prints "total MS" since T0, the parent's monotonic clock as it
 * spawned the child (one clock for every process), and its phases. */

typedef enum {
  LAUNCH_BARE,
  LAUNCH_BARE_CHOSEN,   /* the bare window, drawn with the renderer Werkbrug picks */
  LAUNCH_BARE_CAIRO,    /* the bare window with Cairo after GTK loaded OpenGL: the anchor as
                         * it was until the children started from the bench's environment */
  LAUNCH_TOKEN,          /* a region's server, running */
  LAUNCH_TOKEN_EMBEDDED, /* the embedded server, started by the launch */
  LAUNCH_PASSWORD,
} LaunchMode;

typedef struct {
  GMainLoop *loop;
  GtkWidget *window;
  WbClientsView *view;   /* NULL: the bare window */
  gint64 t0;
  double frame_ms;
  double rows_ms;        /* when the first rows were in the list */
  guint n_frames;        /* frames painted before the one that shows rows */
  double cpu_ms;         /* the process's CPU time until that frame, all threads */
  double main_cpu_ms;    /* and the main thread's */
} LaunchWatch;

static void
on_launch_rows_cb (GObject     *model,
                   GParamSpec  *pspec,
                   LaunchWatch *watch)
{
  if (watch->rows_ms == 0)
    watch->rows_ms = (g_get_monotonic_time () - watch->t0) / 1000.0;
}

static void
on_launch_paint_cb (GdkFrameClock *clock,
                    LaunchWatch   *watch)
{
  if (watch->frame_ms > 0)
    return;
  if (watch->view != NULL && wb_client_list_model_get_n_shown (wb_clients_view_get_list_model (watch->view)) == 0)
    {
      watch->n_frames++;
      return;
    }
  watch->frame_ms = (g_get_monotonic_time () - watch->t0) / 1000.0;
  /* Under callgrind (BENCH_CALLGRIND): the count until here; elsewhere nothing. */
  CALLGRIND_DUMP_STATS_AT ("first frame");
  watch->main_cpu_ms = thread_cpu_ms ();
  {
    struct timespec ts;

    clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
    watch->cpu_ms = ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
  }
  if (watch->loop != NULL)
    g_main_loop_quit (watch->loop);
  else
    g_application_quit (g_application_get_default ());
}

/* BENCH_TRACE=1: every phase of every frame of a launch, in ms on CLOCK_MONOTONIC, with the
 * main thread's CPU time. */
static void
trace_phase_cb (GdkFrameClock *clock,
                gpointer       name)
{
  g_printerr ("  %s %.1f (main cpu %.1f)\n", (const char *) name, g_get_monotonic_time () / 1000.0, thread_cpu_ms ());
}

static void
on_launch_realize_cb (GtkWidget   *window,
                      LaunchWatch *watch)
{
  if (g_getenv ("BENCH_TRACE") != NULL)
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

      g_signal_connect (clock, "before-paint", G_CALLBACK (trace_phase_cb), (gpointer) "before-paint");
      g_signal_connect (clock, "layout", G_CALLBACK (trace_phase_cb), (gpointer) "layout");
      g_signal_connect (clock, "paint", G_CALLBACK (trace_phase_cb), (gpointer) "paint");
      g_signal_connect_after (clock, "after-paint", G_CALLBACK (trace_phase_cb), (gpointer) "after-paint");
    }
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_launch_paint_cb), watch);
}

/* The restore of a launch, from the server's answer to the session in the view, each step
 * begun from the answer of the one before, as the window does it (wb-window.c: start,
 * check_server, on_restored_cb; with a password on_login_cb, begin_session,
 * on_session_loaded_cb). */
typedef struct {
  LaunchWatch *watch;
  LaunchMode mode;
  const char *token;
  WbEmbeddedBackend *backend;
  WbApiClient *api;
  WbSession *session;
  gboolean shown;
  double backend_ms, login_ms, session_ms;
} Restore;

static double
since_t0 (LaunchWatch *watch)
{
  return (g_get_monotonic_time () - watch->t0) / 1000.0;
}

/* The session into the view, once both are there. */
static void
show_restored (Restore *restore)
{
  if (restore->shown || restore->session == NULL || restore->watch->view == NULL)
    return;
  restore->shown = TRUE;
  wb_clients_view_set_session (restore->watch->view, restore->session);
  g_signal_connect (wb_clients_view_get_list_model (restore->watch->view), "notify::n-loaded",
                    G_CALLBACK (on_launch_rows_cb), restore->watch);
  /* The whole list, as before the scope: the account manager has no caseload of clients. */
  wb_list_view_set_scope (WB_LIST_VIEW (restore->watch->view), WB_LIST_SCOPE_ALL);
}

static void
on_restore_session_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  Restore *restore = user_data;
  g_autoptr(GError) error = NULL;

  if (!wb_session_load_finish (restore->session, result, &error))
    g_error ("The session did not load: %s", error->message);
  restore->session_ms = since_t0 (restore->watch);
  show_restored (restore);
}

static void
on_restore_signed_in_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  Restore *restore = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbRecord) me = wb_api_client_login_finish (restore->api, result, &error);

  if (me == NULL)
    g_error ("The launch did not sign in: %s", error->message);
  restore->login_ms = since_t0 (restore->watch);
  /* As the window begins a session (begin_session): it follows what others change. */
  restore->session = wb_session_new (restore->api, me);
  wb_session_start_feed (restore->session);
  wb_session_load_async (restore->session, NULL, on_restore_session_cb, restore);
}

static void
on_restore_restored_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  Restore *restore = user_data;
  g_autoptr(GError) error = NULL;

  restore->session = wb_session_restore_finish (restore->api, result, &error);
  if (restore->session == NULL)
    g_error ("The launch did not restore its sign-in: %s", error->message);
  restore->login_ms = restore->session_ms = since_t0 (restore->watch);
  wb_session_start_feed (restore->session);
  show_restored (restore);
}

/* The token kept from an earlier run, restored as the window restores the one in the
 * keyring (start): with the first page of the list, once the view is there to say which. */
static void
restore_token (Restore    *restore,
               const char *url)
{
  restore->api = wb_api_client_new (url);
  wb_api_client_set_token (restore->api, restore->token);
  if (restore->watch->view != NULL)
    wb_list_view_expect_first_page (WB_LIST_VIEW (restore->watch->view), restore->api);
  wb_session_restore_async (restore->api, NULL, on_restore_restored_cb, restore);
}

static void
on_restore_backend_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  Restore *restore = user_data;
  g_autoptr(GError) error = NULL;

  if (!wb_embedded_backend_start_finish (restore->backend, result, &error))
    g_error ("The embedded backend did not start: %s", error->message);
  restore->backend_ms = since_t0 (restore->watch);
  if (restore->mode == LAUNCH_TOKEN_EMBEDDED)
    {
      restore_token (restore, wb_embedded_backend_get_url (restore->backend));
      return;
    }
  restore->api = wb_api_client_new (wb_embedded_backend_get_url (restore->backend));
  wb_api_client_login_async (restore->api, "wsp-zuid-limburg.am1", WB_DEMO_PASSWORD, NULL,
                             on_restore_signed_in_cb, restore);
}

static void
on_window_added_cb (GtkApplication *application,
                    GtkWindow      *window,
                    LaunchWatch    *watch)
{
  if (watch->window != NULL)
    return;
  watch->window = GTK_WIDGET (window);
  watch->view = WB_CLIENTS_VIEW (wb_test_find_descendant (watch->window, WB_TYPE_CLIENTS_VIEW));
  g_assert_nonnull (watch->view);
  g_signal_connect (window, "realize", G_CALLBACK (on_launch_realize_cb), watch);
}

/* Werkbrug as a user starts it every day: its application and its window, on the region's
 * server at @url, with the token that the bench kept in the keyring. Its settings are in
 * memory: the server, the window's size and the list on every client (an account manager's
 * own caseload of clients is empty in the demo region). */
static int
launch_window (gint64      t0,
               const char *url)
{
  LaunchWatch watch = { NULL, NULL, NULL, t0, 0, 0, 0, 0, 0 };
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(WbApplication) application = NULL;
  g_autoptr(GVariantBuilder) scopes = g_variant_builder_new (G_VARIANT_TYPE ("a{ss}"));
  char *args[] = { (char *) "werkbrug", NULL };
  int status;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  /* As Werkbrug's main does. */
  wb_theme_prepare ();
  settings = wb_application_create_settings ();
  g_settings_set_string (settings, "server-url", url);
  g_settings_set_int (settings, "window-width", 1200);
  g_settings_set_int (settings, "window-height", 800);
  g_variant_builder_add (scopes, "{ss}", "clients", "all");
  g_settings_set_value (settings, "list-scopes", g_variant_builder_end (scopes));

  application = wb_application_new ();
  g_signal_connect (application, "window-added", G_CALLBACK (on_window_added_cb), &watch);
  status = g_application_run (G_APPLICATION (application), 1, args);
  if (watch.frame_ms == 0)
    g_error ("Werkbrug ended before it showed the list (%d)", status);
  printf ("total %.1f\n", watch.frame_ms);
  printf ("cpu %.1f %.1f\n", watch.cpu_ms, watch.main_cpu_ms);
  printf ("%u frames before (t0 %.6f s)\n", watch.n_frames, t0 / 1e6);
  return 0;
}

/* @where: the database for the embedded server, the address of the running one for
 * LAUNCH_TOKEN. */
static int
launch_child (LaunchMode  mode,
              gint64      t0,
              const char *where,
              const char *token)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  gboolean bare = mode == LAUNCH_BARE || mode == LAUNCH_BARE_CHOSEN || mode == LAUNCH_BARE_CAIRO;
  LaunchWatch watch = { loop, NULL, NULL, t0, 0, 0, 0, 0, 0 };
  Restore restore = { &watch, mode, token };
  double init_ms, view_ms = 0;

  /* As Werkbrug's main asks for libadwaita's empty theme, while this is the only thread. */
  if (!bare)
    wb_theme_prepare ();
  /* The embedded backend opens its database in its own thread while GTK starts; the
   * restore asks its questions on a thread of its own from when the window is made, as the
   * window asks them (start). */
  if (!bare && mode != LAUNCH_TOKEN)
    {
      restore.backend = wb_embedded_backend_new (where);
      wb_embedded_backend_start_async (restore.backend, NULL, on_restore_backend_cb, &restore);
    }
  /* As WbApplication starts: Cairo where OpenGL is drawn by the processor, and where the
   * X server has no direct rendering, no OpenGL loaded at all. */
  if (mode == LAUNCH_BARE_CAIRO)
    g_setenv ("GSK_RENDERER", "cairo", TRUE);
  else if (mode != LAUNCH_BARE)
    wb_renderer_choose_early ();
  if (!gtk_init_check ())
    return 77;
  /* As WbApplication starts: without GTK's theme, which libadwaita replaces. The anchor is
   * a bare libadwaita window as any application makes it, so it parses that theme: it did
   * not ask for the empty one (wb_theme_prepare), and the skip does nothing. */
  wb_theme_skip_gtk_theme ();
  adw_init ();
  if (mode != LAUNCH_BARE)
    wb_renderer_choose (gdk_display_get_default ());
  if (!bare)
    {
      /* The application's style sheet, as the AdwApplication loads it. */
      g_autoptr(GtkCssProvider) style = gtk_css_provider_new ();

      wb_application_ensure_resources ();
      gtk_css_provider_load_from_resource (style, "/nl/werkbrug/Werkbrug/style.css");
      gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (style),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    }
  init_ms = since_t0 (&watch);

  watch.window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (watch.window), 1200, 800);
  {
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

    gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
    if (bare)
      {
        GtkWidget *status = adw_status_page_new ();

        adw_status_page_set_title (ADW_STATUS_PAGE (status), "Werkbrug");
        gtk_widget_set_vexpand (status, TRUE);
        gtk_box_append (GTK_BOX (box), status);
      }
    else
      {
        watch.view = wb_clients_view_new ();
        view_ms = since_t0 (&watch);
        show_restored (&restore);
        gtk_widget_set_vexpand (GTK_WIDGET (watch.view), TRUE);
        gtk_box_append (GTK_BOX (box), GTK_WIDGET (watch.view));
      }
    adw_window_set_content (ADW_WINDOW (watch.window), box);
  }
  if (mode == LAUNCH_TOKEN)
    restore_token (&restore, where);
  g_signal_connect (watch.window, "realize", G_CALLBACK (on_launch_realize_cb), &watch);
  /* The window begins its restore as it is made, before it is presented (start () in its
   * constructor): with the backend ready by then, the first question goes out now. */
  if (!bare)
    while (g_main_context_iteration (NULL, FALSE))
      ;
  if (g_getenv ("BENCH_TRACE") != NULL)
    g_printerr ("%s: t0 %.1f, present %.1f (main cpu %.1f)\n", bare ? "bare" : "launch", t0 / 1000.0,
                g_get_monotonic_time () / 1000.0, thread_cpu_ms ());
  gtk_window_present (GTK_WINDOW (watch.window));
  if (g_getenv ("BENCH_TRACE") != NULL)
    trace_phase_cb (NULL, (gpointer) "presented");

  if (watch.frame_ms == 0)
    g_main_loop_run (loop);

  printf ("total %.1f\n", watch.frame_ms);
  printf ("cpu %.1f %.1f\n", watch.cpu_ms, watch.main_cpu_ms);
  printf ("gtk %.1f view %.1f backend %.1f %s %.1f session %.1f rows %.1f, %u frames before (t0 %.6f s)\n",
          init_ms, view_ms, restore.backend_ms, mode == LAUNCH_PASSWORD ? "login" : "restored", restore.login_ms,
          restore.session_ms, watch.rows_ms, watch.n_frames, t0 / 1e6);
  gtk_window_destroy (GTK_WINDOW (watch.window));
  if (restore.session != NULL)
    wb_session_stop_feed (restore.session);
  g_clear_object (&restore.session);
  g_clear_object (&restore.api);
  if (restore.backend != NULL)
    wb_embedded_backend_stop (restore.backend);
  g_clear_object (&restore.backend);
  return 0;
}

/* Serves @db as a region's server does (in a thread of this process), and signs in once
 * with the password, as the first launch after an install does: @token gets the token
 * that the launches after it find in the keyring. */
static WbEmbeddedBackend *
serve_and_sign_in (const char  *db,
                   char       **token)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  WbEmbeddedBackend *backend = wb_embedded_backend_new (db);
  g_autoptr(WbApiClient) api = NULL;
  g_autoptr(WbRecord) me = NULL;
  g_autoptr(GError) error = NULL;
  Wait wait = { loop };

  wb_embedded_backend_start_async (backend, NULL, bench_on_done_cb, &wait);
  if (!wb_embedded_backend_start_finish (backend, bench_run (&wait), &error))
    g_error ("The embedded backend did not start: %s", error->message);
  api = wb_api_client_new (wb_embedded_backend_get_url (backend));
  wb_api_client_login_async (api, "wsp-zuid-limburg.am1", WB_DEMO_PASSWORD, NULL, bench_on_done_cb, &wait);
  me = wb_api_client_login_finish (api, bench_run (&wait), &error);
  g_assert_no_error (error);
  *token = g_strdup (wb_api_client_get_token (api));
  g_clear_object (&wait.result);
  return backend;
}

/* Keeps @token where Werkbrug looks for it at every start, in the keyring; NULL, or why it
 * could not. */
static char *
keep_token_in_keyring (const char *url,
                       const char *token)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  Wait wait = { loop };

  /* Without a keyring (or a session bus to reach one on) the store says why. */
  wb_secret_store_token_async (url, "wsp-zuid-limburg.am1", token, NULL, bench_on_done_cb, &wait);
  wb_secret_store_token_finish (bench_run (&wait), &error);
  g_clear_object (&wait.result);
  return error != NULL ? g_strdup (error->message) : NULL;
}

/* The environment the bench was started with: the launch children start from it, not from
 * the renderer this process chose for its own windows (GSK_RENDERER, GDK_DEBUG), so that the
 * bare window is drawn as GTK draws it and the others choose as Werkbrug does. */
static char **launch_environment;

/* Runs a launch child, under @wrapper (a program and its arguments, NULL-terminated) if not
 * NULL; returns its total in ms and its phases in @phases. */
static double
spawn_launch_wrapped (const char * const *wrapper,
                      const char  *mode,
                      const char  *where,
                      const char  *token,
                      double      *cpu_ms,
                      double      *main_cpu_ms,
                      char       **phases)
{
  g_autofree char *t0_text = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_monotonic_time ());
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  const char *child[] = { self, mode, t0_text, where, token };
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *total;
  int status;

  for (guint i = 0; wrapper != NULL && wrapper[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) wrapper[i]);
  for (guint i = 0; i < G_N_ELEMENTS (child); i++)
    g_ptr_array_add (argv, (char *) child[i]);
  g_ptr_array_add (argv, NULL);
  if (!g_spawn_sync (NULL, (char **) argv->pdata, launch_environment, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL,
                     &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("The launch %s failed: %s", mode, error->message);
  const char *cpu;
  char *end;

  total = strstr (out, "total ");
  cpu = strstr (out, "cpu ");
  g_assert_nonnull (total);
  g_assert_nonnull (cpu);
  *cpu_ms = g_ascii_strtod (cpu + 4, &end);
  *main_cpu_ms = g_ascii_strtod (end, NULL);
  *phases = g_strdup (strchr (cpu, '\n') + 1);
  g_strstrip (*phases);
  return g_ascii_strtod (total + 6, NULL);
}

static double
spawn_launch (const char  *mode,
              const char  *where,
              const char  *token,
              double      *cpu_ms,
              double      *main_cpu_ms,
              char       **phases)
{
  return spawn_launch_wrapped (NULL, mode, where, token, cpu_ms, main_cpu_ms, phases);
}

/* BENCH_CALLGRIND: the instructions of @mode's main thread until its first frame, in
 * millions, or -1 when callgrind did not count them. */
static double
count_launch (const char *mode,
              const char *where,
              const char *token)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-callgrind-XXXXXX", &error);
  g_autofree char *out_file = NULL;
  g_autofree char *phases = NULL;
  g_autofree char *text = NULL;
  const char *name, *summary;
  double cpu_ms, main_cpu_ms, count = -1;
  gboolean keep = g_strcmp0 (g_getenv ("BENCH_CALLGRIND"), "keep") == 0;
  GDir *files;

  g_assert_no_error (error);
  /* One file a thread and a dump; the main thread's first dump is the one at the frame. */
  out_file = g_strdup_printf ("--callgrind-out-file=%s/cg", dir);
  spawn_launch_wrapped ((const char *[]) { "valgrind", "--tool=callgrind", "--separate-threads=yes", out_file, NULL },
                        mode, where, token, &cpu_ms, &main_cpu_ms, &phases);
  files = g_dir_open (dir, 0, NULL);
  while (files != NULL && (name = g_dir_read_name (files)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_str_equal (name, "cg.1-01") && g_file_get_contents (path, &text, NULL, NULL) &&
          (summary = strstr (text, "\nsummary: ")) != NULL)
        count = g_ascii_strtod (summary + 10, NULL) / 1e6;
      if (!keep)
        g_remove (path);
    }
  g_clear_pointer (&files, g_dir_close);
  if (keep)
    printf ("  (callgrind's files of %s, for callgrind_annotate: %s)\n", mode, dir);
  else
    g_rmdir (dir);
  return count;
}

static double
median (GArray *samples)
{
  g_array_sort (samples, bench_compare_doubles);
  return g_array_index (samples, double, samples->len / 2);
}

static void
compare_launches (const char *db,
                  guint       n)
{
  static const char * const modes[] = { "--bare", "--bare-chosen", "--launch", "--launch-password", "--bare-cairo",
                                        "--launch-embedded", "--launch-window" };
  GArray *samples[G_N_ELEMENTS (modes)];
  GArray *cpu[G_N_ELEMENTS (modes)];
  GArray *main_cpu[G_N_ELEMENTS (modes)];
  g_autofree char *token = NULL;
  g_autoptr(WbEmbeddedBackend) server = serve_and_sign_in (db, &token);
  const char *url = wb_embedded_backend_get_url (server);
  g_autofree char *no_keyring = keep_token_in_keyring (url, token);
  guint n_modes = no_keyring == NULL ? G_N_ELEMENTS (modes) : G_N_ELEMENTS (modes) - 1;
  double bare, chosen, daily, password, cairo, embedded;

  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    {
      samples[m] = g_array_new (FALSE, FALSE, sizeof (double));
      cpu[m] = g_array_new (FALSE, FALSE, sizeof (double));
      main_cpu[m] = g_array_new (FALSE, FALSE, sizeof (double));
    }
  for (guint i = 0; i < n; i++)
    {
      char *phases[G_N_ELEMENTS (modes)] = { NULL };

      /* In turn, so that a disturbance of the machine falls on all of them alike. */
      for (guint m = 0; m < n_modes; m++)
        {
          double cpu_ms, main_cpu_ms;
          gboolean on_server = g_str_equal (modes[m], "--launch") || g_str_equal (modes[m], "--launch-window");
          double ms = spawn_launch (modes[m], on_server ? url : db, token,
                                    &cpu_ms, &main_cpu_ms, &phases[m]);

          g_array_append_val (samples[m], ms);
          g_array_append_val (cpu[m], cpu_ms);
          g_array_append_val (main_cpu[m], main_cpu_ms);
        }
      if (g_getenv ("BENCH_TRACE") != NULL)
        printf ("  bare %.0f ms, with the renderer Werkbrug picks %.0f ms\n"
                "    daily launch %.0f ms (ends of: %s)\n"
                "    on the embedded server %.0f ms (ends of: %s)\n"
                "    password launch %.0f ms (ends of: %s)\n",
                g_array_index (samples[0], double, i), g_array_index (samples[1], double, i),
                g_array_index (samples[2], double, i), phases[2], g_array_index (samples[5], double, i), phases[5],
                g_array_index (samples[3], double, i), phases[3]);
      if (g_getenv ("BENCH_TRACE") != NULL && n_modes == G_N_ELEMENTS (modes))
        printf ("    Werkbrug's own window %.0f ms (ends of: %s)\n", g_array_index (samples[6], double, i), phases[6]);
      for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
        g_free (phases[m]);
    }
  bare = median (samples[0]);
  chosen = median (samples[1]);
  daily = median (samples[2]);
  password = median (samples[3]);
  cairo = median (samples[4]);
  embedded = median (samples[5]);
  printf ("launch to first frame, from exec, median of %u:\n", n);
  /* The goal's anchor is the bare window drawn as Werkbrug draws (Cairo, and no OpenGL
   * loaded where OpenGL is a software rasteriser): what the list costs beyond the window,
   * renderer for renderer. GTK's own default under Xvfb loads and runs OpenGL in software,
   * which Werkbrug does not; against that window Werkbrug would look faster than an empty
   * window, which says nothing about the list. */
  printf ("  a bare window, renderer as Werkbrug (anchor): %6.0f ms\n", chosen);
  printf ("  the populated client list, daily:             %6.0f ms  (%.2f x the anchor; goal 1.5)\n"
          "    (a region's server, running; signed in with the token kept from an earlier run,\n"
          "    as every launch after the first)\n",
          daily, daily / chosen);
  if (no_keyring == NULL)
    {
      double window = median (samples[6]);

      printf ("  the same in Werkbrug's own window:            %6.0f ms  (%.2f x the anchor)\n"
              "    (its application, its window with every view, the token from the keyring)\n",
              window, window / chosen);
    }
  else
    printf ("  the same in Werkbrug's own window:            not measured: %s\n"
            "    (run the bench in bench/with-keyring, which gives it a keyring of its own)\n", no_keyring);
  printf ("  the same on the embedded server it starts:    %6.0f ms  (%.2f x the anchor)\n"
          "    (the server's start in the same process, on the same two cores)\n",
          embedded, embedded / chosen);
  printf ("  that, signing in with a password:             %6.0f ms  (%.2f x the anchor)\n"
          "    (as the first launch after an install; one Argon2 check)\n",
          password, password / chosen);
  printf ("  a bare libadwaita window, GTK's default:      %6.0f ms  (the daily list is %.2f x this; not the goal's\n"
          "    anchor: OpenGL in software under Xvfb)\n",
          bare, daily / bare);
  /* Until the children started from the bench's own environment, they inherited the
   * GSK_RENDERER this process chose: the "bare" anchor was this one. */
  printf ("  a bare window, Cairo, OpenGL loaded:          %6.0f ms  (the daily list is %.2f x this, the password one %.2f x;\n"
          "    the anchor as bench-app measured it before its children started from its environment)\n",
          cairo, daily / cairo, password / cairo);
  /* What the time is made of, apart from waiting for the processor on a busy machine. */
  printf ("CPU time until that frame, median (all threads of the process / its main thread):\n");
  for (guint m = 0; m < n_modes; m++)
    printf ("  %-18s %6.0f / %6.0f ms\n", modes[m] + 2, median (cpu[m]), median (main_cpu[m]));
  if (g_getenv ("BENCH_CALLGRIND") != NULL)
    {
      g_autofree char *valgrind = g_find_program_in_path ("valgrind");
      double anchor = valgrind != NULL ? count_launch ("--bare-chosen", db, token) : -1;
      double own = -1, counts[3] = { -1, -1, -1 };

      /* GTK loads the icon theme on a worker's thread, from adw_init on; where that thread has
       * not finished when the window looks up its first icon, the main thread loads the theme
       * itself, some 65 M more. Under valgrind, which runs one thread at a time, that happens
       * in about one launch of three: the lowest of three is the launch as it mostly runs. */
      for (guint i = 0; valgrind != NULL && no_keyring == NULL && i < G_N_ELEMENTS (counts); i++)
        {
          counts[i] = count_launch ("--launch-window", url, token);
          if (counts[i] >= 0 && (own < 0 || counts[i] < own))
            own = counts[i];
        }
      printf ("instructions of the main thread until that frame (callgrind):\n");
      if (anchor < 0 || own < 0)
        printf ("  not counted: %s\n", valgrind == NULL ? "valgrind is not installed" : "callgrind counted nothing");
      else
        printf ("  the anchor %.0f M, Werkbrug's own window %.0f M (%.2f x; the lowest of %.0f, %.0f and %.0f M,\n"
                "  higher where its main thread loaded GTK's icon theme itself)\n",
                anchor, own, own / anchor, counts[0], counts[1], counts[2]);
    }
  wb_embedded_backend_stop (server);
  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    {
      g_array_unref (samples[m]);
      g_array_unref (cpu[m]);
      g_array_unref (main_cpu[m]);
    }
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
  static const char * const words[] = { "jansen", "maastricht", "k-0001", "heerlen", "bouzid" };
  const char *repeat_text = g_getenv ("BENCH_REPEAT");
  guint repeat = repeat_text != NULL ? MAX (1, atoi (repeat_text)) : 3;
  Wait wait = { 0 };
  FrameWatch watch = { 0 };
  GtkWidget *window;
  WbClientsView *view;
  WbClientListModel *model;
  gint64 launch, search_start;
  double seed_s, backend_ms, rss_idle, anon_idle;

  if (argc == 3 && g_str_equal (argv[1], "--seed-only"))
    return seed_only (argv[2]);
  if (argc == 5 && g_str_equal (argv[1], "--launch-window"))
    return launch_window (g_ascii_strtoll (argv[2], NULL, 10), argv[3]);
  if (argc == 5 && (g_str_has_prefix (argv[1], "--bare") || g_str_has_prefix (argv[1], "--launch")))
    {
      LaunchMode mode = g_str_equal (argv[1], "--bare") ? LAUNCH_BARE
                        : g_str_equal (argv[1], "--bare-chosen") ? LAUNCH_BARE_CHOSEN
                        : g_str_equal (argv[1], "--bare-cairo") ? LAUNCH_BARE_CAIRO
                        : g_str_equal (argv[1], "--launch") ? LAUNCH_TOKEN
                        : g_str_equal (argv[1], "--launch-embedded") ? LAUNCH_TOKEN_EMBEDDED : LAUNCH_PASSWORD;

      return launch_child (mode, g_ascii_strtoll (argv[2], NULL, 10), argv[3], argv[4]);
    }

  launch_environment = g_get_environ ();
  if (!gtk_init_check ())
    {
      g_printerr ("bench-app needs a display; run it under xvfb-run -a\n");
      return 77;
    }
  adw_init ();
  wb_application_ensure_resources ();
  /* The windows below draw as Werkbrug's do. */
  printf ("renderer:                                %s\n",
          wb_renderer_choose (gdk_display_get_default ()) != NULL ? g_getenv ("GSK_RENDERER")
          : g_getenv ("GSK_RENDERER") != NULL ? g_getenv ("GSK_RENDERER") : "GTK's choice (OpenGL)");

  if (g_getenv ("WERKBRUG_DEMO_CLIENTS") == NULL)
    g_setenv ("WERKBRUG_DEMO_CLIENTS", "20000", TRUE);

  /* BENCH_DB keeps the seeded database for the next run, which then skips seeding. */
  if (g_getenv ("BENCH_DB") != NULL)
    db = g_strdup (g_getenv ("BENCH_DB"));
  else
    {
      dir = g_dir_make_tmp ("bench-app-XXXXXX", &error);
      g_assert_no_error (error);
      db = g_build_filename (dir, "werkbrug.db", NULL);
    }
  loop = g_main_loop_new (NULL, FALSE);
  wait.loop = loop;

  seed_s = bench_seed_once (db);

  {
    const char *n_text = g_getenv ("BENCH_LAUNCHES");

    compare_launches (db, n_text != NULL ? MAX (1, atoi (n_text)) : 5);
    /* BENCH_LAUNCH_ONLY=1: the launches alone, while working on them. */
    if (g_getenv ("BENCH_LAUNCH_ONLY") != NULL)
      return 0;
  }

  /* From here on: a launch on the existing database, signing in at once. */
  launch = g_get_monotonic_time ();
  backend = wb_embedded_backend_new (db);
  wb_embedded_backend_start_async (backend, NULL, bench_on_done_cb, &wait);
  if (!wb_embedded_backend_start_finish (backend, bench_run (&wait), &error))
    g_error ("The embedded backend did not start: %s", error->message);
  backend_ms = (g_get_monotonic_time () - launch) / 1000.0;
  rss_idle = status_mib ("VmRSS:");
  anon_idle = status_mib ("RssAnon:");

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  view = wb_clients_view_new ();
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));

  watch.start = g_get_monotonic_time ();
  api = wb_api_client_new (wb_embedded_backend_get_url (backend));
  wb_api_client_login_async (api, "wsp-zuid-limburg.am1", WB_DEMO_PASSWORD, NULL, bench_on_done_cb, &wait);
  me = wb_api_client_login_finish (api, bench_run (&wait), &error);
  g_assert_no_error (error);
  session = wb_session_new (api, me);
  wb_session_load_async (session, NULL, bench_on_done_cb, &wait);
  wb_session_load_finish (session, bench_run (&wait), &error);
  g_assert_no_error (error);

  watch.loop = loop;
  watch.view = view;
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_after_paint_cb), &watch);
  g_signal_connect (gtk_widget_get_frame_clock (window), "before-paint", G_CALLBACK (on_before_paint_cb), &watch);
  g_signal_connect_after (gtk_widget_get_frame_clock (window), "layout", G_CALLBACK (on_layout_cb), &watch);
  wb_clients_view_set_session (view, session);
  wb_list_view_set_scope (WB_LIST_VIEW (view), WB_LIST_SCOPE_ALL);
  g_main_loop_run (loop);

  g_signal_connect (view, "notify::loaded", G_CALLBACK (on_loaded_cb), loop);
  if (!wb_clients_view_get_loaded (view))
    g_main_loop_run (loop);
  model = wb_clients_view_get_list_model (view);

  printf ("clients loaded:                          %u\n", wb_client_list_model_get_n_loaded (model));
  printf ("first launch, seeding the demo data:     %.1f s (once per installation)\n", seed_s);
  printf ("launch: embedded backend ready in:       %.0f ms\n", backend_ms);
  printf ("sign-in to first frame of the list:      %.0f ms\n", watch.first_frame_ms);
  printf ("launch to first frame of the list:       %.0f ms\n", backend_ms + watch.first_frame_ms);
  printf ("sign-in to the whole list loaded:        %.0f ms\n", (g_get_monotonic_time () - watch.start) / 1000.0);

  /* Search as you type, first as the list did before it rebound the rows on screen first
   * (every row the list keeps, at once), then as it does now. */
  search_start = g_get_monotonic_time ();
  printf ("search as you type over %u clients, %u keystrokes a pass:\n",
          wb_client_list_model_get_n_loaded (model), n_keystrokes (words, G_N_ELEMENTS (words), repeat));
  g_setenv ("WB_LIST_EAGER_ROWS", "1", TRUE);
  search_pass (&watch, loop, words, G_N_ELEMENTS (words), repeat, "every kept row rebound at once (anchor)");
  g_unsetenv ("WB_LIST_EAGER_ROWS");
  search_pass (&watch, loop, words, G_N_ELEMENTS (words), repeat, "the rows on screen first (now)");
  if (g_getenv ("BENCH_VERBOSE") != NULL)
    printf ("search from %.3f to %.3f s (CLOCK_MONOTONIC)\n", search_start / 1e6, g_get_monotonic_time () / 1e6);

  printf ("resident memory with the list loaded:    %.0f MB (of which %.0f MB private, the rest shared\n"
          "                                         libraries); %.0f MB (%.0f MB private) before sign-in\n",
          status_mib ("VmRSS:"), status_mib ("RssAnon:"), rss_idle, anon_idle);

  gtk_window_destroy (GTK_WINDOW (window));
  wb_embedded_backend_stop (backend);
  if (dir == NULL)
    {
      g_clear_object (&wait.result);
      return 0;
    }
  g_unlink (db);
  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
  g_clear_object (&wait.result);
  return 0;
}
