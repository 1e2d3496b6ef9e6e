/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "bench-util.h"

void
bench_on_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  wait->done = TRUE;
  g_main_loop_quit (wait->loop);
}

GAsyncResult *
bench_run (Wait *wait)
{
  wait->done = FALSE;
  g_clear_object ((GObject **) &wait->result);
  while (!wait->done)
    g_main_loop_run (wait->loop);
  return wait->result;
}

int
bench_compare_doubles (gconstpointer a,
                       gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

double
bench_seed_once (const char *db)
{
  const char *child[] = { "/proc/self/exe", "--seed-only", db, NULL };
  g_autoptr(GError) error = NULL;
  gint64 t0;
  int status;

  if (g_file_test (db, G_FILE_TEST_EXISTS))
    return 0;
  t0 = g_get_monotonic_time ();
  if (!g_spawn_sync (NULL, (char **) child, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("Seeding failed: %s", error->message);
  return (g_get_monotonic_time () - t0) / 1e6;
}
