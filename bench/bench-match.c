/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The matching engine against the SQL a developer would otherwise write, side by side, on
 * the demo region at 20,000 and 100,000 clients:
 *
 *   ninja -C _build bench/bench-match && ./_build/bench/bench-match --data ../shared/data
 *
 * For each size: the demo data in a temporary database (with the PC4 centres, so that
 * distances are known), the engine loaded from it, the time to rank all candidates for one
 * vacancy (every open vacancy in turn: p50 and p99), the same ranking by one SQL query over
 * the store computing the same score (wb-match-sql.h, a sample of vacancies), the ratio,
 * whether both give the same top 50, the cross-match of every open vacancy against every
 * client, and the engine's memory. */

#define G_LOG_DOMAIN "bench-match"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "wb-demo.h"
#include "wb-import.h"
#include "wb-match-loader.h"
#include "wb-match-sql.h"
#include "wb-store.h"

#define TOP 50

typedef struct {
  guint n_clients;
  guint n_vacancies;
  guint n_open;
  double generate_s;
  double load_s;
  double engine_p50_ms, engine_p99_ms, engine_max_ms;
  double engine_quiet_p50_ms, engine_quiet_p99_ms;
  double sql_p50_ms, sql_p99_ms;
  guint sql_samples;
  guint agree, agree_at_ties, disagree;
  double cross_s, cross_explained_s;
  guint cross_entries;
  gsize n_pairs, index_bytes, memory_bytes;
} Figures;

static double
now_s (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

/* The q-quantile (0–1) of @times, nearest rank. */
static double
quantile (GArray *times,
          double  q)
{
  guint index;

  g_assert (times->len > 0);
  g_array_sort (times, compare_double);
  index = (guint) ceil (q * times->len);
  index = CLAMP (index, 1, times->len) - 1;
  return g_array_index (times, double, index);
}

/* Engine and SQL lists agree when the ids and scores are the same; equal scores (within
 * the rounding of a sum) may swap places, and at the cut one of them may be left out. */
static int
compare_lists (GPtrArray *engine,
               GArray    *sql)
{
  gboolean same = engine->len == sql->len;
  double last;

  for (guint i = 0; same && i < engine->len; i++)
    same = ((WbMatchResult *) engine->pdata[i])->client_id == g_array_index (sql, WbMatchSqlResult, i).client_id &&
           fabs (((WbMatchResult *) engine->pdata[i])->score - g_array_index (sql, WbMatchSqlResult, i).score) < 1e-9;
  if (same)
    return 0;
  if (engine->len != sql->len || engine->len == 0)
    return 2;
  for (guint i = 0; i < engine->len; i++)
    if (fabs (((WbMatchResult *) engine->pdata[i])->score - g_array_index (sql, WbMatchSqlResult, i).score) > 1e-9)
      return 2;
  /* Same scores place by place: ids may differ only among ties. */
  last = g_array_index (sql, WbMatchSqlResult, sql->len - 1).score;
  for (guint i = 0; i < engine->len; i++)
    {
      gint64 id = ((WbMatchResult *) engine->pdata[i])->client_id;
      gboolean found = FALSE;

      for (guint k = 0; k < sql->len && !found; k++)
        found = g_array_index (sql, WbMatchSqlResult, k).client_id == id;
      if (!found && fabs (((WbMatchResult *) engine->pdata[i])->score - last) > 1e-9)
        return 2;
    }
  return 1;
}

static void
run_size (const char *data_dir,
          guint       n_clients,
          guint       n_vacancies,
          guint       sql_samples,
          guint64     seed,
          Figures    *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-match-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *pc4 = NULL;
  g_autoptr(WbStore) store = NULL;
  g_autoptr(WbMatchEngine) engine = NULL;
  g_autoptr(WbImportReport) report = wb_import_report_new ();
  g_autoptr(GArray) open = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) quiet = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) sql_times = g_array_new (FALSE, FALSE, sizeof (double));
  WbDemoOptions demo = { .n_clients = n_clients, .n_vacancies = n_vacancies, .seed = seed };
  WbMatchOptions options, quiet_options;
  WbMatchLoadStats loaded;
  WbMatchStats stats;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  double t;

  g_assert_no_error (error);
  memset (f, 0, sizeof *f);
  path = g_build_filename (dir, "bench.db", NULL);
  store = wb_store_open (path, &error);
  g_assert_no_error (error);

  g_printerr ("%u clients: generating the demo region…\n", n_clients);
  t = now_s ();
  pc4 = g_build_filename (data_dir, "pc4", "pc4_nl.csv", NULL);
  if (!wb_import_pc4 (store, pc4, report, &error))
    g_error ("Cannot import %s: %s", pc4, error->message);
  if (!wb_demo_generate (store, &demo, &error))
    g_error ("Cannot generate the demo data: %s", error->message);
  f->generate_s = now_s () - t;

  g_printerr ("%u clients: loading the engine…\n", n_clients);
  engine = wb_match_engine_new ();
  t = now_s ();
  if (!wb_match_loader_load (store, engine, &loaded, &error))
    g_error ("Cannot load the engine: %s", error->message);
  f->load_s = now_s () - t;
  f->n_clients = loaded.n_clients;
  f->n_vacancies = loaded.n_vacancies;
  wb_match_engine_get_stats (engine, &stats);
  f->n_open = stats.n_open_vacancies;
  f->n_pairs = stats.n_pairs;
  f->index_bytes = stats.index_bytes;
  f->memory_bytes = stats.memory_bytes;

  /* The open vacancies, read on a connection of its own. */
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id FROM vacancies WHERE status = 'open' ORDER BY id", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (open, id);
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (open->len, ==, f->n_open);

  /* The engine: every open vacancy, with the explanations the API sends, and without. */
  g_printerr ("%u clients: ranking %u vacancies with the engine…\n", n_clients, open->len);
  wb_match_options_init (&options);
  options.limit = TOP;
  quiet_options = options;
  quiet_options.explain = FALSE;
  for (guint i = 0; i < MIN (open->len, 20u); i++)
    g_ptr_array_unref (wb_match_engine_rank_candidates (engine, g_array_index (open, gint64, i), &options, NULL));
  for (guint i = 0; i < open->len; i++)
    {
      gint64 id = g_array_index (open, gint64, i);
      GPtrArray *results;
      double ms;

      t = now_s ();
      results = wb_match_engine_rank_candidates (engine, id, &options, &error);
      ms = (now_s () - t) * 1000;
      g_assert_no_error (error);
      g_array_append_val (times, ms);
      g_ptr_array_unref (results);

      t = now_s ();
      results = wb_match_engine_rank_candidates (engine, id, &quiet_options, &error);
      ms = (now_s () - t) * 1000;
      g_array_append_val (quiet, ms);
      g_ptr_array_unref (results);
    }
  f->engine_p50_ms = quantile (times, 0.5);
  f->engine_p99_ms = quantile (times, 0.99);
  f->engine_max_ms = quantile (times, 1.0);
  f->engine_quiet_p50_ms = quantile (quiet, 0.5);
  f->engine_quiet_p99_ms = quantile (quiet, 0.99);

  /* The baseline on vacancies spread over the open ones, each also compared with the engine. */
  g_printerr ("%u clients: ranking %u vacancies with SQL…\n", n_clients, sql_samples);
  for (guint s = 0; s <= sql_samples && open->len > 0; s++)
    {
      gint64 id = g_array_index (open, gint64, (guint) ((guint64) s * (open->len - 1) / MAX (sql_samples, 1)));
      g_autoptr(GArray) sql = NULL;
      g_autoptr(GPtrArray) results = NULL;
      double ms;

      t = now_s ();
      sql = wb_match_sql_rank_candidates (store, id, &options.weights, NULL, TOP, &error);
      ms = (now_s () - t) * 1000;
      if (sql == NULL)
        g_error ("The baseline query failed: %s", error->message);
      /* The first run warms the page cache and is not counted. */
      if (s == 0)
        continue;
      g_array_append_val (sql_times, ms);

      results = wb_match_engine_rank_candidates (engine, id, &quiet_options, &error);
      g_assert_no_error (error);
      switch (compare_lists (results, sql))
        {
        case 0:
          f->agree++;
          break;
        case 1:
          f->agree_at_ties++;
          break;
        default:
          f->disagree++;
          g_printerr ("  vacancy %" G_GINT64_FORMAT ": engine and SQL disagree\n", id);
          break;
        }
    }
  sqlite3_close (db);
  f->sql_samples = sql_times->len;
  f->sql_p50_ms = quantile (sql_times, 0.5);
  f->sql_p99_ms = quantile (sql_times, 0.99);

  /* Every open vacancy against every client, on all processors. */
  g_printerr ("%u clients: cross-matching…\n", n_clients);
  {
    g_autoptr(GPtrArray) cross = NULL;

    t = now_s ();
    cross = wb_match_engine_cross_match (engine, &quiet_options, &error);
    f->cross_s = now_s () - t;
    g_assert_no_error (error);
    f->cross_entries = cross->len;
    g_clear_pointer (&cross, g_ptr_array_unref);

    t = now_s ();
    cross = wb_match_engine_cross_match (engine, &options, &error);
    f->cross_explained_s = now_s () - t;
    g_assert_no_error (error);
  }

  g_clear_object (&store);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *file = g_strconcat (path, (const char *[]) { "", "-wal", "-shm" }[i], NULL);

      g_unlink (file);
    }
  g_rmdir (dir);
}

static void
row (const char    *label,
     const Figures *figures,
     guint          n,
     char        *(*cell) (const Figures *f))
{
  printf ("%-44s", label);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = cell (&figures[i]);

      printf (" %22s", text);
    }
  printf ("\n");
}

static char *cell_clients (const Figures *f) { return g_strdup_printf ("%u", f->n_clients); }
static char *cell_vacancies (const Figures *f) { return g_strdup_printf ("%u (%u open)", f->n_vacancies, f->n_open); }
static char *cell_pairs (const Figures *f) { return g_strdup_printf ("%zu", f->n_pairs); }
static char *cell_generate (const Figures *f) { return g_strdup_printf ("%.1f s", f->generate_s); }
static char *cell_load (const Figures *f) { return g_strdup_printf ("%.2f s", f->load_s); }
static char *cell_engine (const Figures *f) { return g_strdup_printf ("%.3f / %.3f ms", f->engine_p50_ms, f->engine_p99_ms); }
static char *cell_engine_max (const Figures *f) { return g_strdup_printf ("%.3f ms", f->engine_max_ms); }
static char *cell_quiet (const Figures *f) { return g_strdup_printf ("%.3f / %.3f ms", f->engine_quiet_p50_ms, f->engine_quiet_p99_ms); }
static char *cell_sql (const Figures *f) { return g_strdup_printf ("%.1f / %.1f ms", f->sql_p50_ms, f->sql_p99_ms); }
static char *cell_samples (const Figures *f) { return g_strdup_printf ("%u", f->sql_samples); }
static char *cell_ratio (const Figures *f) { return g_strdup_printf ("%.0fx / %.0fx", f->sql_p50_ms / f->engine_p50_ms, f->sql_p99_ms / f->engine_p99_ms); }
static char *cell_agree (const Figures *f) { return g_strdup_printf ("%u + %u at ties / %u", f->agree, f->agree_at_ties, f->agree + f->agree_at_ties + f->disagree); }
static char *cell_cross (const Figures *f) { return g_strdup_printf ("%.2f s", f->cross_s); }
static char *cell_cross_explained (const Figures *f) { return g_strdup_printf ("%.2f s", f->cross_explained_s); }
static char *cell_index (const Figures *f) { return g_strdup_printf ("%.1f B", (double) f->index_bytes / MAX (f->n_pairs, 1)); }
static char *cell_total_pair (const Figures *f) { return g_strdup_printf ("%.1f B", (double) f->memory_bytes / MAX (f->n_pairs, 1)); }
static char *cell_total (const Figures *f) { return g_strdup_printf ("%.1f MiB", f->memory_bytes / 1048576.0); }

int
main (int   argc,
      char *argv[])
{
  g_autofree char *sizes = NULL;
  g_autofree char *data = NULL;
  int sql_samples = 40;
  gint64 seed = 1;
  const GOptionEntry entries[] = {
    { "sizes", 0, 0, G_OPTION_ARG_STRING, &sizes, "Client counts, comma-separated (default 20000,100000)", "N,N" },
    { "sql-samples", 0, 0, G_OPTION_ARG_INT, &sql_samples, "Vacancies ranked by the SQL baseline per size (default 40)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Seed of the demo data (default 1)", "S" },
    { "data", 0, 0, G_OPTION_ARG_FILENAME, &data, "The shared reference data (default: the build's shared_data_dir)", "DIR" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— the matching engine against SQL");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) counts = NULL;
  g_autofree Figures *figures = NULL;
  guint n;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  /* Where the tests find it, else ../shared/data as in development. */
  if (data == NULL)
    data = g_strdup (g_getenv ("WB_SHARED_DATA") != NULL ? g_getenv ("WB_SHARED_DATA") : "../shared/data");
  {
    g_autofree char *pc4 = g_build_filename (data, "pc4", "pc4_nl.csv", NULL);

    if (!g_file_test (pc4, G_FILE_TEST_IS_REGULAR))
      {
        g_printerr ("bench-match: %s is not there; give the shared reference data with --data DIR\n", pc4);
        return 2;
      }
  }
  counts = g_strsplit (sizes != NULL ? sizes : "20000,100000", ",", -1);
  n = g_strv_length (counts);
  figures = g_new0 (Figures, n);

  for (guint i = 0; i < n; i++)
    {
      guint clients = (guint) g_ascii_strtoull (counts[i], NULL, 10);
      /* 1,500 vacancies for 20,000 clients, 5,000 for 100,000, in proportion between. */
      guint vacancies = clients >= 100000 ? 5000 : clients <= 20000 ? 1500
                      : 1500 + (guint) ((guint64) (clients - 20000) * 3500 / 80000);

      run_size (data, clients, vacancies, (guint) MAX (sql_samples, 1), (guint64) seed, &figures[i]);
    }

  printf ("\nbench-match: %u processors, seed %" G_GINT64_FORMAT ", top %d, default weights\n\n",
          g_get_num_processors (), seed, TOP);
  row ("active clients (candidates)", figures, n, cell_clients);
  row ("vacancies", figures, n, cell_vacancies);
  row ("candidate-competence pairs", figures, n, cell_pairs);
  row ("demo data generated in", figures, n, cell_generate);
  row ("engine loaded from the store in", figures, n, cell_load);
  row ("rank one vacancy, engine p50 / p99", figures, n, cell_engine);
  row ("  slowest of all open vacancies", figures, n, cell_engine_max);
  row ("  without explanations p50 / p99", figures, n, cell_quiet);
  row ("rank one vacancy, SQL p50 / p99", figures, n, cell_sql);
  row ("  vacancies ranked by SQL", figures, n, cell_samples);
  row ("SQL / engine, p50 / p99", figures, n, cell_ratio);
  row ("same top 50 as SQL (vacancies)", figures, n, cell_agree);
  row ("cross-match, every open vacancy", figures, n, cell_cross);
  row ("  with explanations", figures, n, cell_cross_explained);
  row ("index bytes per pair", figures, n, cell_index);
  row ("engine bytes per pair, everything", figures, n, cell_total_pair);
  row ("engine memory in all", figures, n, cell_total);
  return 0;
}
