/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bench-app"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wb-application.h"
#include "wb-clients-view.h"
#include "wb-demo.h"
#include "wb-embedded-backend.h"
#include "wb-session.h"

/* The client profiles view over the demo data (20,000 clients by default; set
 * WERKBRUG_DEMO_CLIENTS to change it), on the embedded backend in this process, as a user
 * meets it on every launch after the first:
 *   - the demo data is seeded once, in a child process, as the first launch does;
 *   - launch (backend start on the existing database) and sign-in to the first frame that
 *     shows rows, and to the whole list;
 *   - search as you type over every client: the time the keystroke takes in the main loop
 *     (filter, rebinding the rows) and the time until the next frame is on screen;
 *   - resident memory with the list loaded (application and embedded server together).
 * Run under a display: xvfb-run -a ./_build/bench/bench-app [BENCH_REPEAT=N] */

typedef struct {
  GMainLoop *loop;
  gboolean done;
  gpointer result;
} Wait;

static void
on_done_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  wait->done = TRUE;
  g_main_loop_quit (wait->loop);
}

static GAsyncResult *
run (Wait *wait)
{
  wait->done = FALSE;
  g_clear_object ((GObject **) &wait->result);
  while (!wait->done)
    g_main_loop_run (wait->loop);
  return wait->result;
}

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
  gint64 painted;       /* when the last frame was painted */
  double first_frame_ms;
} FrameWatch;

static void
on_after_paint_cb (GdkFrameClock *clock,
                   FrameWatch    *watch)
{
  WbClientListModel *model = wb_clients_view_get_list_model (watch->view);

  watch->painted = g_get_monotonic_time ();
  if (watch->first_frame_ms == 0 && wb_client_list_model_get_n_shown (model) > 0)
    {
      watch->first_frame_ms = (watch->painted - watch->start) / 1000.0;
      g_main_loop_quit (watch->loop);
    }
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

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
print_distribution (const char *what,
                    GArray     *samples)
{
  double *v = (double *) samples->data;
  double sum = 0;

  g_array_sort (samples, compare_doubles);
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

  wb_embedded_backend_start_async (backend, NULL, on_done_cb, &wait);
  if (!wb_embedded_backend_start_finish (backend, run (&wait), &error))
    {
      g_printerr ("The demo data could not be seeded: %s\n", error->message);
      return 1;
    }
  wb_embedded_backend_stop (backend);
  g_clear_object (&wait.result);
  return 0;
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
  g_autoptr(GArray) sync_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) frame_ms = g_array_new (FALSE, FALSE, sizeof (double));
  static const char * const words[] = { "jansen", "maastricht", "k-0001", "heerlen", "bouzid" };
  const char *repeat_text = g_getenv ("BENCH_REPEAT");
  guint repeat = repeat_text != NULL ? MAX (1, atoi (repeat_text)) : 3;
  Wait wait = { 0 };
  FrameWatch watch = { 0 };
  GtkWidget *window;
  WbClientsView *view;
  WbClientListModel *model;
  gint64 launch;
  double seed_s, backend_ms, rss_idle, anon_idle;
  int status;

  if (argc == 3 && g_str_equal (argv[1], "--seed-only"))
    return seed_only (argv[2]);

  if (!gtk_init_check ())
    {
      g_printerr ("bench-app needs a display; run it under xvfb-run -a\n");
      return 77;
    }
  adw_init ();
  wb_application_ensure_resources ();

  if (g_getenv ("WERKBRUG_DEMO_CLIENTS") == NULL)
    g_setenv ("WERKBRUG_DEMO_CLIENTS", "20000", TRUE);

  dir = g_dir_make_tmp ("bench-app-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (dir, "werkbrug.db", NULL);
  loop = g_main_loop_new (NULL, FALSE);
  wait.loop = loop;

  {
    const char *child[] = { "/proc/self/exe", "--seed-only", db, NULL };
    gint64 t0 = g_get_monotonic_time ();

    if (!g_spawn_sync (NULL, (char **) child, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error) ||
        !g_spawn_check_wait_status (status, &error))
      g_error ("Seeding failed: %s", error->message);
    seed_s = (g_get_monotonic_time () - t0) / 1e6;
  }

  /* From here on: a launch on the existing database, signing in at once. */
  launch = g_get_monotonic_time ();
  backend = wb_embedded_backend_new (db);
  wb_embedded_backend_start_async (backend, NULL, on_done_cb, &wait);
  if (!wb_embedded_backend_start_finish (backend, run (&wait), &error))
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
  wb_api_client_login_async (api, "wsp-zuid-limburg.am1", WB_DEMO_PASSWORD, NULL, on_done_cb, &wait);
  me = wb_api_client_login_finish (api, run (&wait), &error);
  g_assert_no_error (error);
  session = wb_session_new (api, me);
  wb_session_load_async (session, NULL, on_done_cb, &wait);
  wb_session_load_finish (session, run (&wait), &error);
  g_assert_no_error (error);

  watch.loop = loop;
  watch.view = view;
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_after_paint_cb), &watch);
  wb_clients_view_set_session (view, session);
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

  /* Search as you type: each prefix of a word, then deleting back, as a person types. */
  for (guint w = 0; w < G_N_ELEMENTS (words) * repeat; w++)
    {
      const char *word = words[w % G_N_ELEMENTS (words)];
      guint len = strlen (word);

      for (guint step = 1; step <= 2 * len; step++)
        {
          guint n = step <= len ? step : 2 * len - step;
          g_autofree char *text = g_strndup (word, n);
          gint64 t0 = g_get_monotonic_time ();
          double ms;

          wb_clients_view_search (view, text);
          (void) g_list_model_get_n_items (wb_client_list_model_get_model (model));
          ms = (g_get_monotonic_time () - t0) / 1000.0;
          g_array_append_val (sync_ms, ms);

          /* Until the result is on screen: the next frame after the keystroke. */
          watch.painted = 0;
          while (watch.painted == 0)
            g_main_context_iteration (NULL, TRUE);
          ms = (watch.painted - t0) / 1000.0;
          g_array_append_val (frame_ms, ms);

          /* A person types a key every 100 ms or so; let the view settle as it would. */
          g_timeout_add (20, quit_cb, loop);
          g_main_loop_run (loop);
        }
    }
  printf ("search as you type over %u clients:\n", wb_client_list_model_get_n_loaded (model));
  print_distribution ("  keystroke in the main loop", sync_ms);
  print_distribution ("  keystroke to the frame on screen", frame_ms);

  printf ("resident memory with the list loaded:    %.0f MB (of which %.0f MB private, the rest shared\n"
          "                                         libraries); %.0f MB (%.0f MB private) before sign-in\n",
          status_mib ("VmRSS:"), status_mib ("RssAnon:"), rss_idle, anon_idle);

  gtk_window_destroy (GTK_WINDOW (window));
  wb_embedded_backend_stop (backend);
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
