/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The demo generator: the same seed gives the same database, and the database looks like
 * South Limburg with work in every queue. */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "wb-demo.h"
#include "wb-import.h"
#include "wb-password.h"
#include "wb-store.h"
#include "wb-test-util.h"

#define N_CLIENTS   2000
#define N_EMPLOYERS 300
#define N_VACANCIES 100

/* The end day of the demo and the day twelve and six months before it. */
#define END_DAY     "2026-10-31"
#define STALE_DAY   "2025-10-31"
#define DORMANT_DAY "2026-04-30"

static char *
cbs_path (void)
{
  const char *dir = g_getenv ("WB_SHARED_DATA");
  g_autofree char *path = NULL;

  if (dir == NULL)
    return NULL;
  path = g_build_filename (dir, "cbs", "cbs_bijstand_zuid_limburg_2015_2017.csv", NULL);
  return g_file_test (path, G_FILE_TEST_IS_REGULAR) ? g_steal_pointer (&path) : NULL;
}

typedef struct {
  guint calls;
  char *last_stage;
  double last_fraction;
} Progress;

static void
on_progress (const char *stage,
             double      fraction,
             gpointer    user_data)
{
  Progress *p = user_data;

  g_assert_cmpfloat (fraction, >=, 0.0);
  g_assert_cmpfloat (fraction, <=, 1.0);
  p->calls++;
  g_free (p->last_stage);
  p->last_stage = g_strdup (stage);
  p->last_fraction = fraction;
}

/* Generates into @dir/@name and returns the path of the database. */
static char *
generate (const char *dir,
          const char *name,
          guint64     seed,
          guint       n_clients,
          guint       n_employers,
          guint       n_vacancies,
          const char *cbs,
          Progress   *progress)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WbStore) store = wb_store_open (path, &error);
  WbDemoOptions options = {
    .n_clients = n_clients,
    .n_employers = n_employers,
    .n_vacancies = n_vacancies,
    .seed = seed,
    .cbs_path = cbs,
    .progress = progress != NULL ? on_progress : NULL,
    .progress_data = progress,
  };

  g_assert_no_error (error);
  g_assert_true (wb_demo_generate (store, &options, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static sqlite3 *
open_db (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  return db;
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static double
query_double (sqlite3    *db,
              const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  double value;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_double (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static GPtrArray *
table_names (sqlite3 *db)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'table' "
                                       "AND name NOT LIKE 'sqlite_%' ORDER BY name", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  return names;
}

/* Every column of @table in a fixed order; the password hash is left out: Argon2id salts
 * it at random, which is the point of it; so is the time of a change, which is the clock's. */
static char *
select_all (sqlite3    *db,
            const char *table)
{
  g_autoptr(GString) columns = g_string_new (NULL);
  g_autoptr(GString) order = g_string_new (NULL);
  g_autofree char *info = g_strdup_printf ("PRAGMA table_info (\"%s\")", table);
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (db, info, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 1);

      if ((g_str_equal (table, "users") && g_str_equal (name, "password_hash")) ||
          (g_str_equal (table, "changes") && g_str_equal (name, "at")))
        continue;
      g_string_append_printf (columns, "%s\"%s\"", n > 0 ? ", " : "", name);
      g_string_append_printf (order, "%s%u", n > 0 ? ", " : "", n + 1);
      n++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (n, >, 0);
  return g_strdup_printf ("SELECT %s FROM \"%s\" ORDER BY %s", columns->str, table, order->str);
}

static char *
describe_cell (const char   *table,
               guint         row,
               sqlite3_stmt *stmt,
               int           column)
{
  return g_strdup_printf ("%s row %u %s = [%d] %s", table, row, sqlite3_column_name (stmt, column),
                          sqlite3_column_type (stmt, column), (const char *) sqlite3_column_text (stmt, column));
}

/* Compares two databases table by table, row by row, cell by cell; returns the number of
 * rows compared. */
static guint64
assert_same_content (const char *path_a,
                     const char *path_b)
{
  sqlite3 *a = open_db (path_a);
  sqlite3 *b = open_db (path_b);
  g_autoptr(GPtrArray) tables_a = table_names (a);
  g_autoptr(GPtrArray) tables_b = table_names (b);
  guint64 rows = 0;

  g_assert_cmpuint (tables_a->len, ==, tables_b->len);
  for (guint t = 0; t < tables_a->len; t++)
    {
      const char *table = tables_a->pdata[t];
      g_autofree char *sql = select_all (a, table);
      sqlite3_stmt *sa = NULL, *sb = NULL;
      guint row = 0;

      g_assert_cmpstr (table, ==, tables_b->pdata[t]);
      g_assert_cmpint (sqlite3_prepare_v2 (a, sql, -1, &sa, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_prepare_v2 (b, sql, -1, &sb, NULL), ==, SQLITE_OK);
      while (TRUE)
        {
          int ra = sqlite3_step (sa), rb = sqlite3_step (sb);

          g_assert_cmpint (ra, ==, rb);
          if (ra != SQLITE_ROW)
            break;
          for (int c = 0; c < sqlite3_column_count (sa); c++)
            {
              const void *va = sqlite3_column_blob (sa, c);
              const void *vb = sqlite3_column_blob (sb, c);
              int na = sqlite3_column_bytes (sa, c), nb = sqlite3_column_bytes (sb, c);

              if (sqlite3_column_type (sa, c) != sqlite3_column_type (sb, c) || na != nb ||
                  (na > 0 && memcmp (va, vb, na) != 0))
                {
                  g_autofree char *da = describe_cell (table, row, sa, c);
                  g_autofree char *db = describe_cell (table, row, sb, c);

                  g_assert_cmpstr (da, ==, db);
                }
            }
          row++;
        }
      sqlite3_finalize (sa);
      sqlite3_finalize (sb);
      rows += row;
    }
  sqlite3_close (a);
  sqlite3_close (b);
  return rows;
}

static char *
table_digest (const char *path,
              const char *table)
{
  sqlite3 *db = open_db (path);
  g_autofree char *sql = select_all (db, table);
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    for (int c = 0; c < sqlite3_column_count (stmt); c++)
      {
        const guchar *text = sqlite3_column_text (stmt, c);

        g_checksum_update (checksum, text != NULL ? text : (const guchar *) "\x01NULL", -1);
        g_checksum_update (checksum, (const guchar *) "\x1f", 1);
      }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_strdup (g_checksum_get_string (checksum));
}

static void
test_deterministic (void)
{
  g_autofree char *dir = wb_test_make_dir ();
  g_autofree char *cbs = cbs_path ();
  g_autofree char *a = generate (dir, "a.db", 7, N_CLIENTS, N_EMPLOYERS, N_VACANCIES, cbs, NULL);
  g_autofree char *b = generate (dir, "b.db", 7, N_CLIENTS, N_EMPLOYERS, N_VACANCIES, cbs, NULL);
  g_autofree char *c = generate (dir, "c.db", 8, N_CLIENTS, N_EMPLOYERS, N_VACANCIES, cbs, NULL);
  static const char * const tables[] = { "clients", "employers", "vacancies", "events", "users" };
  guint64 rows = assert_same_content (a, b);
  sqlite3 *db = open_db (a);

  /* Everything was compared: the clients, their events and diagnoses, the accounts... */
  g_assert_cmpuint (rows, >, N_CLIENTS * 5);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM events"), >, N_CLIENTS * 3);
  if (query_int (db, "SELECT count (*) FROM competences") > 0)
    g_assert_cmpint (query_int (db, "SELECT count (*) FROM diagnoses"), >, N_CLIENTS / 2);
  sqlite3_close (db);

  /* ...and another seed gives another region. */
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *digest_a = table_digest (a, tables[i]);
      g_autofree char *digest_b = table_digest (b, tables[i]);
      g_autofree char *digest_c = table_digest (c, tables[i]);

      g_assert_cmpstr (digest_a, ==, digest_b);
      g_assert_cmpstr (digest_a, !=, digest_c);
    }
  /* The organisations and municipalities are the region itself, whatever the seed. */
  {
    g_autofree char *digest_a = table_digest (a, "municipalities");
    g_autofree char *digest_c = table_digest (c, "municipalities");

    g_assert_cmpstr (digest_a, ==, digest_c);
  }

  wb_test_remove_dir (dir);
}

/* The shape of one generated region. */
static struct {
  char *dir;
  char *path;
  sqlite3 *db;
  Progress progress;
  gboolean with_cbs;
} fx;

static void
shape_setup (void)
{
  g_autofree char *cbs = cbs_path ();

  if (fx.db != NULL)
    return;
  fx.dir = wb_test_make_dir ();
  fx.with_cbs = cbs != NULL;
  fx.path = generate (fx.dir, "shape.db", 11, N_CLIENTS, N_EMPLOYERS, N_VACANCIES, cbs, &fx.progress);
  fx.db = open_db (fx.path);
}

static gboolean
have_taxonomy (void)
{
  gboolean have = query_int (fx.db, "SELECT count (*) FROM competences") > 0;

  if (!have)
    g_test_message ("no starter taxonomy in the store: competence assertions left out");
  return have;
}

static void
test_region (void)
{
  static const char * const codes[] = {
    "annex", "gemeente-heerlen", "gemeente-kerkrade", "gr-wozl", "isd-bol", "isd-kompas", "mob-brunssum",
    "mob-landgraaf", "mtb", "podium24", "sd-westelijke-mijnstreek", "szmh", "werkvoorheerlen", "wsp-parkstad",
    "wsp-westelijke-mijnstreek", "wsp-zuid-limburg",
  };
  sqlite3_stmt *stmt = NULL;
  guint i = 0;
  g_autofree char *heerlen = NULL, *beekdaelen = NULL, *valkenburg = NULL;

  shape_setup ();
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM municipalities"), ==, 16);
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM organisations"), ==, 16);

  g_assert_cmpint (sqlite3_prepare_v2 (fx.db, "SELECT code, kind FROM organisations ORDER BY code", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_assert_cmpuint (i, <, G_N_ELEMENTS (codes));
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, codes[i]);
      g_assert_true (wb_enum_contains (wb_organisation_kinds, (const char *) sqlite3_column_text (stmt, 1)));
      i++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (i, ==, G_N_ELEMENTS (codes));

  /* CBS codes; Beekdaelen (2019) is not in the 2017 figures and keeps its own. */
  heerlen = query_text (fx.db, "SELECT code FROM municipalities WHERE name = 'Heerlen'");
  beekdaelen = query_text (fx.db, "SELECT code FROM municipalities WHERE name = 'Beekdaelen'");
  valkenburg = query_text (fx.db, "SELECT code FROM municipalities WHERE name = 'Valkenburg aan de Geul'");
  g_assert_cmpstr (heerlen, ==, "GM0917");
  g_assert_cmpstr (beekdaelen, ==, "GM1954");
  g_assert_cmpstr (valkenburg, ==, "GM0994");
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM municipalities WHERE region = 'Parkstad'"), ==, 7);
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM municipalities WHERE region = 'Maastricht-Heuvelland'"), ==, 6);
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM municipalities WHERE region = 'Westelijke Mijnstreek'"), ==, 3);

  /* Who serves whom: ISD BOL is Brunssum and Landgraaf; every municipality's clients
   * belong to the organisation that serves it. */
  g_assert_cmpint (query_int (fx.db,
                              "SELECT group_concat (m.name, ',') = 'Brunssum,Landgraaf' FROM "
                              "(SELECT m.name FROM organisation_municipalities om JOIN organisations o ON o.id = om.organisation_id "
                              "JOIN municipalities m ON m.id = om.municipality_id WHERE o.code = 'isd-bol' ORDER BY m.name) m"), ==, 1);
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM organisation_municipalities om JOIN organisations o "
                              "ON o.id = om.organisation_id WHERE o.code = 'wsp-zuid-limburg'"), ==, 16);
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM municipalities m JOIN organisations o ON o.id = m.organisation_id "
                              "WHERE m.name IN ('Brunssum', 'Landgraaf') AND o.code = 'isd-bol'"), ==, 2);
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM clients c JOIN municipalities m ON m.id = c.municipality_id "
                              "WHERE c.organisation_id IS NOT m.organisation_id"), ==, 0);

  /* Clients spread as the social-assistance recipients of 2017: Heerlen about a quarter,
   * Beekdaelen about 3 %. */
  {
    double heerlen_share = query_double (fx.db, "SELECT avg (m.name = 'Heerlen') FROM clients c "
                                         "JOIN municipalities m ON m.id = c.municipality_id");
    double beekdaelen_share = query_double (fx.db, "SELECT avg (m.name = 'Beekdaelen') FROM clients c "
                                            "JOIN municipalities m ON m.id = c.municipality_id");

    g_assert_cmpfloat (heerlen_share, >, 0.20);
    g_assert_cmpfloat (heerlen_share, <, 0.30);
    g_assert_cmpfloat (beekdaelen_share, >, 0.015);
    g_assert_cmpfloat (beekdaelen_share, <, 0.05);
  }

  /* The progress went to the end. */
  g_assert_cmpuint (fx.progress.calls, >, 4);
  g_assert_cmpfloat (fx.progress.last_fraction, ==, 1.0);
}

static void
test_users (void)
{
  static const struct { const char *username; const char *role; const char *org; } expected[] = {
    { "admin", "admin", "wsp-zuid-limburg" },
    { "isd-kompas.lam1", "account_manager_local", "isd-kompas" },
    { "isd-kompas.lam2", "account_manager_local", "isd-kompas" },
    { "isd-kompas.consultant3", "consultant", "isd-kompas" },
    { "isd-kompas.coordinator", "coordinator", "isd-kompas" },
    { "isd-kompas.analyst", "analyst", "isd-kompas" },
    { "isd-bol.lam1", "account_manager_local", "isd-bol" },
    { "gemeente-heerlen.consultant1", "consultant", "gemeente-heerlen" },
    { "gemeente-kerkrade.analyst", "analyst", "gemeente-kerkrade" },
    { "szmh.consultant1", "consultant", "szmh" },
    { "szmh.coordinator", "coordinator", "szmh" },
    { "szmh.analyst", "analyst", "szmh" },
    { "sd-westelijke-mijnstreek.lam2", "account_manager_local", "sd-westelijke-mijnstreek" },
    { "wsp-parkstad.am1", "account_manager_wsp", "wsp-parkstad" },
    { "wsp-parkstad.am3", "account_manager_wsp", "wsp-parkstad" },
    { "wsp-parkstad.coordinator", "coordinator", "wsp-parkstad" },
    { "podium24.am2", "account_manager_wsp", "podium24" },
    { "wsp-westelijke-mijnstreek.coordinator", "coordinator", "wsp-westelijke-mijnstreek" },
    { "wsp-zuid-limburg.am1", "account_manager_wsp", "wsp-zuid-limburg" },
    { "annex.consultant1", "consultant", "annex" },
    { "werkvoorheerlen.consultant1", "consultant", "werkvoorheerlen" },
  };
  g_autofree char *hash = NULL;

  shape_setup ();

  /* 6 client-owning organisations × 7, 4 WSPs × 4, 6 others × 1, the admin, two who left. */
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM users"), ==, 6 * 7 + 4 * 4 + 6 + 1 + 2);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM users u JOIN organisations o ON o.id = u.organisation_id "
                                              "WHERE u.username = '%s' AND u.role = '%s' AND o.code = '%s' AND u.active = 1",
                                              expected[i].username, expected[i].role, expected[i].org);

      g_test_message ("%s", expected[i].username);
      g_assert_cmpint (query_int (fx.db, sql), ==, 1);
    }
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM users WHERE username = 'isd-kompas.lam3'"), ==, 0);
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM users WHERE role = 'account_manager_local'"), ==, 6 * 2 + 1);
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM users WHERE role = 'account_manager_wsp'"), ==, 4 * 3 + 1);

  /* The two who left: inactive since a date, still owning accounts. */
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM users WHERE active = 0 AND left_at = '2026-06-30' "
                              "AND username IN ('isd-bol.lam3', 'podium24.am4')"), ==, 2);
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM users WHERE active = 0"), ==, 2);
  g_assert_cmpint (query_int (fx.db, "SELECT count (DISTINCT e.owner_id) FROM employers e JOIN users u ON u.id = e.owner_id "
                              "WHERE u.active = 0"), ==, 2);

  /* One password for all, hashed once. */
  g_assert_cmpint (query_int (fx.db, "SELECT count (DISTINCT password_hash) FROM users"), ==, 1);
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM users WHERE password_hash IS NULL"), ==, 0);
  hash = query_text (fx.db, "SELECT password_hash FROM users WHERE username = 'szmh.consultant1'");
  g_assert_true (wb_password_verify (hash, WB_DEMO_PASSWORD));
  g_assert_false (wb_password_verify (hash, "werkbrug-demo2"));
}

static void
test_clients (void)
{
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  shape_setup ();
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM clients"), ==, N_CLIENTS);
  g_assert_cmpint (query_int (fx.db, "SELECT count (DISTINCT bsn) FROM clients"), ==, N_CLIENTS);

  g_assert_cmpint (sqlite3_prepare_v2 (fx.db, "SELECT bsn, postcode, pc4 FROM clients", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *bsn = (const char *) sqlite3_column_text (stmt, 0);
      const char *postcode = (const char *) sqlite3_column_text (stmt, 1);
      const char *pc4 = (const char *) sqlite3_column_text (stmt, 2);

      g_assert_true (wb_validate_bsn (bsn));
      g_assert_true (wb_validate_postcode (postcode));
      g_assert_true (wb_validate_pc4 (pc4));
      g_assert_true (g_str_has_prefix (postcode, pc4));
      n++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (n, ==, N_CLIENTS);

  /* Ages 18 to 66 on the end day. */
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM clients WHERE 2026 - birth_year NOT BETWEEN 18 AND 66"), ==, 0);

  /* The case manager is a consultant of the owning organisation; a WSP account manager,
   * where there is one, is one of the WSP of the client's region. */
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM clients c LEFT JOIN users u ON u.id = c.case_manager_id "
                              "WHERE u.role IS NOT 'consultant' OR u.organisation_id IS NOT c.organisation_id"), ==, 0);
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM clients c JOIN users u ON u.id = c.wsp_account_manager_id "
                              "JOIN organisations o ON o.id = u.organisation_id JOIN municipalities m ON m.id = c.municipality_id "
                              "WHERE u.role IS NOT 'account_manager_wsp' OR o.region IS NOT m.region"), ==, 0);
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM clients WHERE wsp_account_manager_id IS NOT NULL"), >, N_CLIENTS / 20);

  /* Every enumeration holds a value the model knows. A client who has not started a track
   * (still at intake or diagnosis) has none; that was never the case before the demo
   * followed the timeline, when every client had one. */
  g_assert_cmpint (sqlite3_prepare_v2 (fx.db, "SELECT client_group, education_level, language_level, transport, phase, "
                                       "track, status, learning_ability FROM clients", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char * const *enums[] = { wb_client_groups, wb_education_levels, wb_language_levels, wb_transport_modes,
                                      wb_phases, wb_tracks, wb_client_statuses, wb_levels3 };

      for (guint c = 0; c < G_N_ELEMENTS (enums); c++)
        if (c != 5 || sqlite3_column_type (stmt, c) != SQLITE_NULL)
          g_assert_true (wb_enum_contains (enums[c], (const char *) sqlite3_column_text (stmt, c)));
    }
  sqlite3_finalize (stmt);
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM clients WHERE track IS NULL AND phase NOT IN "
                              "('intake', 'diagnosis', 'outflow')"), ==, 0);
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM clients WHERE status = 'active' AND "
                              "((phase IN ('activation', 'development') AND track IS NOT 'activering') OR "
                              "(phase IN ('work_ready', 'placed', 'after_care') AND track IS NOT 'plaatsing'))"), ==, 0);

  /* Participatiewet is the largest group; most have at most mbo 2. */
  {
    g_autofree char *largest = query_text (fx.db, "SELECT client_group FROM clients GROUP BY client_group "
                                           "ORDER BY count (*) DESC LIMIT 1");
    double low = query_double (fx.db, "SELECT avg (education_level IN ('none', 'primary', 'vmbo', 'mbo1', 'mbo2')) FROM clients");
    double higher = query_double (fx.db, "SELECT avg (education_level IN ('hbo', 'wo')) FROM clients");

    g_assert_cmpstr (largest, ==, "participatiewet");
    g_assert_cmpfloat (low, >, 0.6);
    g_assert_cmpfloat (higher, <, 0.1);
  }

  /* Work capacity: about 30 % in the WSP band; the pool is about 4 % of all clients, all
   * of them work-ready and still in the files. */
  {
    double wsp_band = query_double (fx.db, "SELECT avg (work_capacity >= 80) FROM clients");
    double low_band = query_double (fx.db, "SELECT avg (work_capacity < 30) FROM clients");
    double pool = query_double (fx.db, "SELECT avg (in_pool) FROM clients");

    g_assert_cmpfloat (wsp_band, >, 0.25);
    g_assert_cmpfloat (wsp_band, <, 0.35);
    g_assert_cmpfloat (low_band, >, 0.06);
    g_assert_cmpfloat (low_band, <, 0.18);
    g_assert_cmpfloat (pool, >, 0.03);
    g_assert_cmpfloat (pool, <, 0.08);
  }
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM clients WHERE in_pool = 1 AND "
                              "(work_capacity < 80 OR status != 'active' OR phase != 'work_ready')"), ==, 0);

  /* The client group decides (docs/monitor.md, "The demo region"): unemployment-insurance
   * clients can mostly work fully, sheltered work (Wsw, nieuw beschut) and Wajong much less;
   * nobody in the job-guarantee register earns the minimum wage (capacity below 80);
   * newcomers mostly speak Dutch below B1; school leavers are young, Wsw employees older.
   * Before, every group averaged 58-60 %. */
  {
    double ww = query_double (fx.db, "SELECT avg (work_capacity) FROM clients WHERE client_group = 'ww'");
    double ww_ready = query_double (fx.db, "SELECT avg (work_capacity >= 80) FROM clients WHERE client_group = 'ww'");
    double social = query_double (fx.db, "SELECT avg (work_capacity) FROM clients WHERE client_group = 'participatiewet'");
    double sheltered = query_double (fx.db, "SELECT avg (work_capacity) FROM clients WHERE client_group IN ('wsw', 'nieuw_beschut')");
    double wajong = query_double (fx.db, "SELECT avg (work_capacity) FROM clients WHERE client_group = 'wajong'");
    double newcomers = query_double (fx.db, "SELECT avg (language_level IN ('below_a1', 'a1', 'a2')) FROM clients "
                                     "WHERE client_group = 'statushouder'");
    double others = query_double (fx.db, "SELECT avg (language_level IN ('below_a1', 'a1', 'a2')) FROM clients "
                                  "WHERE client_group != 'statushouder'");
    double ww_education = query_double (fx.db, "SELECT avg (education_level IN ('mbo3', 'mbo4', 'havo_vwo', 'hbo', 'wo')) "
                                        "FROM clients WHERE client_group = 'ww'");
    double sheltered_education = query_double (fx.db, "SELECT avg (education_level IN ('mbo3', 'mbo4', 'havo_vwo', 'hbo', 'wo')) "
                                               "FROM clients WHERE client_group IN ('wsw', 'nieuw_beschut')");
    double young = query_double (fx.db, "SELECT avg (2026 - birth_year) FROM clients WHERE client_group = 'school_leaver'");
    double wsw_age = query_double (fx.db, "SELECT avg (2026 - birth_year) FROM clients WHERE client_group = 'wsw'");

    g_test_message ("capacity: ww %.0f (%.2f ready), participatiewet %.0f, wajong %.0f, sheltered %.0f", ww, ww_ready,
                    social, wajong, sheltered);
    g_assert_cmpfloat (ww, >, 75);
    g_assert_cmpfloat (ww_ready, >, 0.65);
    g_assert_cmpfloat (social, >, 50);
    g_assert_cmpfloat (social, <, 65);
    g_assert_cmpfloat (sheltered, <, 50);
    g_assert_cmpfloat (wajong, <, 50);
    g_assert_cmpfloat (ww - sheltered, >, 30);
    g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM clients WHERE client_group IN ('doelgroepregister', "
                                "'nieuw_beschut') AND work_capacity >= 80"), ==, 0);
    g_assert_cmpfloat (newcomers, >, 0.5);
    g_assert_cmpfloat (others, <, 0.2);
    g_assert_cmpfloat (ww_education, >, sheltered_education + 0.3);
    g_assert_cmpfloat (young, <, 35);
    g_assert_cmpfloat (wsw_age, >, young + 15);
    /* School leavers come in at 18 to 23. */
    g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM clients c JOIN events i ON i.client_id = c.id AND i.kind = 'intake' "
                                "WHERE c.client_group = 'school_leaver' AND (substr (i.date, 1, 4) - c.birth_year) NOT BETWEEN 17 AND 24"), ==, 0);
  }

  /* Barriers come from the list, as a JSON array. */
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM clients, json_each (clients.barriers) b WHERE b.value NOT IN "
                              "('schulden', 'gezondheid', 'kinderopvang', 'taal', 'vervoer', 'huisvesting')"), ==, 0);
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM clients WHERE json_array_length (barriers) > 0"), >, N_CLIENTS / 10);

  /* Work experience of one to three occupations and at least one sector preference. */
  if (have_taxonomy ())
    {
      g_assert_cmpint (query_int (fx.db, "SELECT max (n) FROM (SELECT count (*) AS n FROM work_experience GROUP BY client_id)"), ==, 3);
      g_assert_cmpint (query_int (fx.db, "SELECT count (DISTINCT client_id) FROM work_experience"), >, N_CLIENTS * 7 / 10);
    }
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM clients WHERE id NOT IN (SELECT client_id FROM sector_preferences)"), ==, 0);
}

static void
test_diagnoses (void)
{
  double missing, stale;

  shape_setup ();

  if (!have_taxonomy ())
    {
      /* Without competences there is nothing to diagnose. */
      g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM diagnoses"), ==, 0);
      return;
    }

  /* About 10 % of the clients in the files have no diagnosis, and of those with one about
   * 15 % is older than twelve months. */
  missing = query_double (fx.db, "SELECT avg (diagnosis_date IS NULL) FROM clients WHERE status = 'active'");
  stale = query_double (fx.db, "SELECT avg (diagnosis_date < '" STALE_DAY "') FROM clients "
                        "WHERE status = 'active' AND diagnosis_date IS NOT NULL");
  g_test_message ("no diagnosis %.3f, stale %.3f", missing, stale);
  g_assert_cmpfloat (missing, >, 0.06);
  g_assert_cmpfloat (missing, <, 0.14);
  g_assert_cmpfloat (stale, >, 0.09);
  g_assert_cmpfloat (stale, <, 0.21);

  /* The client's diagnosis date is its latest diagnosis. */
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM clients c WHERE c.diagnosis_date IS NOT "
                              "(SELECT max (date) FROM diagnoses d WHERE d.client_id = c.id)"), ==, 0);
  /* Some were diagnosed again. */
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM (SELECT client_id FROM diagnoses GROUP BY client_id "
                              "HAVING count (*) > 1)"), >, N_CLIENTS / 10);

  /* 5 to 12 competences each, with evidence. */
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM diagnoses d WHERE (SELECT count (*) FROM diagnosis_competences dc "
                              "WHERE dc.diagnosis_id = d.id) NOT BETWEEN 5 AND 12"), ==, 0);
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM diagnosis_competences WHERE evidence NOT IN "
                              "('education', 'work', 'practical')"), ==, 0);
  g_assert_cmpint (query_int (fx.db, "SELECT count (DISTINCT evidence) FROM diagnosis_competences"), ==, 3);
  g_assert_cmpint (query_int (fx.db, "SELECT count (DISTINCT level) FROM diagnosis_competences"), ==, 5);

  /* The diagnosis is part of the timeline. */
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM diagnoses d WHERE NOT EXISTS (SELECT 1 FROM events e "
                              "WHERE e.client_id = d.client_id AND e.kind = 'diagnosis' AND e.date = d.date)"), ==, 0);
}

static void
test_timeline (void)
{
  double rate;

  shape_setup ();

  /* One intake each, and nothing before it or after the end day. */
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM events WHERE kind = 'intake'"), ==, N_CLIENTS);
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM clients c WHERE (SELECT count (*) FROM events e "
                              "WHERE e.client_id = c.id AND e.kind = 'intake') != 1"), ==, 0);
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM events e JOIN events i ON i.client_id = e.client_id "
                              "AND i.kind = 'intake' WHERE e.date < i.date"), ==, 0);
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM events WHERE date > '" END_DAY "'"), ==, 0);
  /* The five years begin with a caseload: who was in the files on their first day came in
   * before, and only they have earlier events (the demo once began with empty files, so no
   * event lay before 2021-11-01; its caseload grew from nothing to four fifths of the
   * clients in five years). */
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM clients c WHERE EXISTS (SELECT 1 FROM events e "
                              "WHERE e.client_id = c.id AND e.date < '2021-11-01') AND (SELECT e.kind FROM events e "
                              "WHERE e.client_id = c.id AND e.date <= '2021-11-01' AND (e.kind IN ('intake', 'return_to_benefit') "
                              "OR (e.kind = 'outflow' AND e.outflow_type = 'full')) ORDER BY e.date DESC, e.id DESC LIMIT 1) "
                              "NOT IN ('intake', 'return_to_benefit')"), ==, 0);
  {
    double opening = query_double (fx.db, "SELECT avg (EXISTS (SELECT 1 FROM events e WHERE e.client_id = c.id "
                                   "AND e.kind = 'intake' AND e.date < '2021-11-01')) FROM clients c");

    g_test_message ("opening caseload: %.2f of the clients", opening);
    g_assert_cmpfloat (opening, >, 0.3);
    g_assert_cmpfloat (opening, <, 0.7);
  }

  /* In order: placement at least two months after intake and after the referral; after-care,
   * outflow and a return to benefit after the placement. */
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM events p JOIN events i ON i.client_id = p.client_id "
                              "AND i.kind = 'intake' WHERE p.kind = 'placement' AND p.date < date (i.date, '+60 days')"), ==, 0);
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM events p JOIN events r ON r.client_id = p.client_id "
                              "AND r.kind = 'referral_wsp' WHERE p.kind = 'placement' AND p.date <= r.date"), ==, 0);
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM events a JOIN events p ON p.client_id = a.client_id "
                              "AND p.kind = 'placement' WHERE a.kind IN ('after_care', 'return_to_benefit') AND a.date < p.date"), ==, 0);
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM events r JOIN events p ON p.client_id = r.client_id "
                              "AND p.kind = 'placement' WHERE r.kind = 'return_to_benefit' AND r.date = p.date"), ==, 0);
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM events WHERE kind = 'track_end' AND client_id NOT IN "
                              "(SELECT client_id FROM events WHERE kind = 'track_start')"), ==, 0);
  /* Stored in date order: a later row never has an earlier date. */
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM events a JOIN events b ON b.client_id = a.client_id "
                              "AND b.id > a.id WHERE b.date < a.date"), ==, 0);

  /* Each kind of event is there (a diagnosis only with a taxonomy), with what it needs. */
  for (guint i = 0; wb_event_kinds[i] != NULL; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM events WHERE kind = '%s'", wb_event_kinds[i]);

      if (g_str_equal (wb_event_kinds[i], "note") || g_str_equal (wb_event_kinds[i], "withdrawal") ||
          (g_str_equal (wb_event_kinds[i], "diagnosis") && !have_taxonomy ()))
        continue;
      g_assert_cmpint (query_int (fx.db, sql), >, 0);
    }
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM events WHERE kind = 'placement' AND (employer_id IS NULL "
                              "OR hours IS NULL OR contract IS NULL OR outflow_type NOT IN ('full', 'partial'))"), ==, 0);
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM events WHERE kind = 'outflow' AND reason IS NULL"), ==, 0);
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM events WHERE kind IN ('track_start', 'after_care') "
                              "AND instrument IS NULL"), ==, 0);
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM events WHERE kind IN ('referral_wsp', 'diagnosis_signal') "
                              "AND addressed_to IS NULL"), ==, 0);

  /* The client's last activity is its last event; who left has an outflow. */
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM clients c WHERE c.last_activity IS NOT "
                              "(SELECT max (date) FROM events e WHERE e.client_id = c.id)"), ==, 0);
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM clients c WHERE c.status = 'outflow' AND NOT EXISTS "
                              "(SELECT 1 FROM events e WHERE e.client_id = c.id AND e.kind = 'outflow')"), ==, 0);
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM clients WHERE status = 'outflow' AND phase != 'outflow'"), ==, 0);

  /* Outflow to work in the last year against the clients in the files: the CBS outflow to
   * work of 2017 is about 12 % a year (test-store-monitor compares it municipality by
   * municipality). Placements alone were counted here once; a third of the clients now
   * find work without one. */
  rate = query_double (fx.db, "SELECT 1.0 * (SELECT count (*) FROM events WHERE kind = 'outflow' AND reason = 'werk' "
                       "AND date > '" STALE_DAY "') / (SELECT count (*) FROM clients WHERE status = 'active')");
  g_test_message ("outflow to work in the last year per client in the files: %.3f", rate);
  g_assert_cmpfloat (rate, >, 0.08);
  g_assert_cmpfloat (rate, <, 0.18);
  /* The record says where the timeline left the client. */
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM clients WHERE in_pool = 1 AND phase != 'work_ready'"), ==, 0);
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM clients WHERE phase = 'work_ready' AND in_pool = 0"), ==, 0);
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM clients c WHERE c.phase = 'work_ready' AND NOT EXISTS "
                              "(SELECT 1 FROM events e WHERE e.client_id = c.id AND e.kind = 'referral_wsp')"), ==, 0);
}

/* A company name without case, punctuation, spaces and legal form. */
static char *
normalise_company (const char *name)
{
  static const char * const forms[] = { "holdingbv", "bv", "vof" };
  GString *key = g_string_new (NULL);

  for (const char *p = name; *p != '\0'; p++)
    if (g_ascii_isalnum (*p) || (*p & 0x80))
      g_string_append_c (key, g_ascii_tolower (*p));
  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    if (g_str_has_suffix (key->str, forms[i]))
      {
        g_string_truncate (key, key->len - strlen (forms[i]));
        break;
      }
  return g_string_free (key, FALSE);
}

static void
test_employers (void)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = NULL;
  guint duplicates = 0;
  double small, wsp_owned;

  shape_setup ();
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM employers"), ==, N_EMPLOYERS);
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM employers WHERE active = 1"), ==, N_EMPLOYERS);

  /* Every active account has an owner. With 300 accounts the deliberate faults are: two
   * owned by someone who left (the 7th and 207th), three against the rule without an
   * exception (50th, 150th, 250th) and one company twice (the 210th copies the 209th). */
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM employers e LEFT JOIN users u ON u.id = e.owner_id "
                              "WHERE e.active = 1 AND u.id IS NULL"), ==, 0);
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM employers e JOIN users u ON u.id = e.owner_id "
                              "WHERE u.active = 0"), ==, 2);
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM employers e JOIN users u ON u.id = e.owner_id WHERE u.active = 1 "
                              "AND ((e.employee_count >= 25 AND u.role != 'account_manager_wsp' AND e.exception_reason IS NULL) "
                              "OR (e.employee_count < 25 AND u.role = 'account_manager_wsp'))"), ==, 3);
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM employers e JOIN users u ON u.id = e.owner_id WHERE u.active = 1 "
                              "AND u.role NOT IN ('account_manager_wsp', 'account_manager_local')"), ==, 0);

  /* A small account is the local account manager's of the organisation that serves the
   * municipality; a large one the WSP's of the region (apart from the faults above). */
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM employers e JOIN users u ON u.id = e.owner_id "
                              "JOIN municipalities m ON m.id = e.municipality_id WHERE u.active = 1 "
                              "AND u.role = 'account_manager_local' AND u.organisation_id != m.organisation_id"), ==, 0);
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM employers e JOIN users u ON u.id = e.owner_id "
                              "JOIN organisations o ON o.id = u.organisation_id JOIN municipalities m ON m.id = e.municipality_id "
                              "WHERE u.role = 'account_manager_wsp' AND o.region != m.region"), ==, 0);

  /* Exceptions are approved by a coordinator, with a reason and a date. */
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM employers e LEFT JOIN users a ON a.id = e.exception_approved_by "
                              "WHERE e.exception_reason IS NOT NULL AND (a.role IS NOT 'coordinator' OR "
                              "e.exception_approved_at IS NULL OR e.employee_count < 25)"), ==, 0);
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM employers WHERE exception_reason IS NULL "
                              "AND (exception_approved_by IS NOT NULL OR exception_approved_at IS NOT NULL)"), ==, 0);

  /* Mostly small; the large ones mostly the WSP's. */
  small = query_double (fx.db, "SELECT avg (employee_count < 25) FROM employers");
  wsp_owned = query_double (fx.db, "SELECT avg (u.role = 'account_manager_wsp') FROM employers e "
                            "JOIN users u ON u.id = e.owner_id WHERE e.employee_count >= 25");
  g_assert_cmpfloat (small, >, 0.72);
  g_assert_cmpfloat (small, <, 0.88);
  g_assert_cmpfloat (wsp_owned, >, 0.85);

  /* KvK numbers: eight digits, each once; names: each company once, but for one. */
  g_assert_cmpint (query_int (fx.db, "SELECT count (DISTINCT kvk) FROM employers"), ==, N_EMPLOYERS);
  g_assert_cmpint (sqlite3_prepare_v2 (fx.db, "SELECT kvk, name FROM employers", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      char *key = normalise_company ((const char *) sqlite3_column_text (stmt, 1));

      g_assert_true (wb_validate_kvk ((const char *) sqlite3_column_text (stmt, 0)));
      if (!g_hash_table_add (names, key))
        duplicates++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (duplicates, ==, 1);

  /* The regions' opportunity sectors are over-represented: more than a third of their
   * employers, where an even spread would give a sixth. */
  {
    static const char * const opportunity[] = {
      "Parkstad", "'care', 'smart_services', 'medical_logistics'",
      "Maastricht-Heuvelland", "'customer_service', 'manufacturing', 'hospitality', 'leisure'",
      "Westelijke Mijnstreek", "'automotive', 'logistics', 'technology'",
    };

    for (guint i = 0; i < G_N_ELEMENTS (opportunity); i += 2)
      {
        g_autofree char *sql = g_strdup_printf ("SELECT avg (e.sector IN (%s)) FROM employers e JOIN municipalities m "
                                                "ON m.id = e.municipality_id WHERE m.region = '%s'",
                                                opportunity[i + 1], opportunity[i]);
        double share = query_double (fx.db, sql);

        g_test_message ("%s: opportunity sectors %.2f", opportunity[i], share);
        g_assert_cmpfloat (share, >, 0.35);
      }
    g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM employers e WHERE sector NOT IN ('care', 'hospitality', "
                                "'retail', 'logistics', 'manufacturing', 'construction', 'cleaning', 'green', "
                                "'customer_service', 'automotive', 'technology', 'smart_services', 'medical_logistics', "
                                "'leisure', 'education', 'government', 'business_services', 'agriculture')"), ==, 0);
  }

  /* Contacts, a contact log, and accounts that have gone quiet for six months. */
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM employers WHERE id NOT IN (SELECT employer_id FROM employer_contacts)"), ==, 0);
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM employers e WHERE e.last_contact IS NOT "
                              "(SELECT max (date) FROM contact_log l WHERE l.employer_id = e.id)"), ==, 0);
  {
    double dormant = query_double (fx.db, "SELECT avg (last_contact IS NULL OR last_contact < '" DORMANT_DAY "') FROM employers");

    /* About one in seven, and the rest recent enough to stay active for months. */
    g_assert_cmpfloat (dormant, >, 0.08);
    g_assert_cmpfloat (dormant, <, 0.25);
  }
  /* Nobody called after they left. */
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM contact_log l JOIN users u ON u.id = l.user_id "
                              "WHERE u.left_at IS NOT NULL AND l.date > u.left_at"), ==, 0);
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM employers WHERE arrangement = 1"), >, 0);
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM employers WHERE learn_work = 1"), >, 0);
}

static void
test_vacancies (void)
{
  double open;

  shape_setup ();
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM vacancies"), ==, N_VACANCIES);
  open = query_double (fx.db, "SELECT avg (status = 'open') FROM vacancies");
  g_assert_cmpfloat (open, >, 0.55);
  g_assert_cmpfloat (open, <, 0.85);
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM vacancies WHERE status NOT IN ('open', 'filled', 'closed')"), ==, 0);
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM vacancies v JOIN employers e ON e.id = v.employer_id "
                              "WHERE v.pc4 != e.pc4 OR v.sector != e.sector"), ==, 0);
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM vacancies WHERE closes_at <= opened_at OR opened_at > '" END_DAY "'"), ==, 0);
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM vacancies WHERE job_carving = 1"), >, 0);
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM vacancies WHERE wage_cost_subsidy = 1"), >, 0);

  if (have_taxonomy ())
    {
      /* An occupation from the taxonomy, and 3 to 8 competences, mostly its own. */
      g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM vacancies WHERE occupation_id IS NULL"), ==, 0);
      g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM vacancies v WHERE (SELECT count (*) FROM vacancy_competences vc "
                                  "WHERE vc.vacancy_id = v.id) NOT BETWEEN 3 AND 8"), ==, 0);
      g_assert_cmpfloat (query_double (fx.db, "SELECT avg (EXISTS (SELECT 1 FROM occupation_competences oc "
                                       "WHERE oc.occupation_id = v.occupation_id AND oc.competence_id = vc.competence_id)) "
                                       "FROM vacancy_competences vc JOIN vacancies v ON v.id = vc.vacancy_id"), >, 0.7);
      g_assert_cmpint (query_int (fx.db, "SELECT count (DISTINCT essential) FROM vacancy_competences"), ==, 2);
    }
}

static void
test_matches_targets_actions (void)
{
  shape_setup ();

  /* Matches in several states; a placed one is a placement on the client's timeline. */
  g_assert_cmpint (query_int (fx.db, "SELECT count (DISTINCT state) FROM matches"), >=, 5);
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM matches WHERE state = 'placed'"), >, 0);
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM matches m WHERE m.state = 'placed' AND NOT EXISTS "
                              "(SELECT 1 FROM events e WHERE e.client_id = m.client_id AND e.vacancy_id = m.vacancy_id "
                              "AND e.kind = 'placement')"), ==, 0);
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM matches m JOIN vacancies v ON v.id = m.vacancy_id "
                              "WHERE m.state = 'placed' AND v.status != 'filled'"), ==, 0);
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM matches m JOIN vacancies v ON v.id = m.vacancy_id "
                              "WHERE m.state != 'placed' AND v.status != 'open'"), ==, 0);
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM matches WHERE state = 'rejected' AND reject_reason IS NULL"), ==, 0);

  /* Maastricht-Heuvelland's work plan 2018–2021, on the demo's years from 2022. */
  g_assert_cmpint (query_int (fx.db, "SELECT group_concat (value, '/') = '125/185/375' FROM (SELECT value FROM targets "
                              "WHERE metric = 'activated' AND level_key = 'Maastricht-Heuvelland' ORDER BY period)"), ==, 1);
  g_assert_cmpint (query_int (fx.db, "SELECT group_concat (value, '/') = '30/120/165/60' FROM (SELECT value FROM targets "
                              "WHERE metric = 'outflow' AND level_key = 'Maastricht-Heuvelland' ORDER BY period)"), ==, 1);
  g_assert_cmpint (query_int (fx.db, "SELECT group_concat (period, '/') = '2022/2023/2024' FROM (SELECT period FROM targets "
                              "WHERE metric = 'activated' AND level_key = 'Maastricht-Heuvelland' ORDER BY period)"), ==, 1);
  g_assert_cmpint (query_int (fx.db, "SELECT group_concat (period, '/') = '2022/2023/2024/2025' FROM (SELECT period FROM targets "
                              "WHERE metric = 'outflow' AND level_key = 'Maastricht-Heuvelland' ORDER BY period)"), ==, 1);
  /* The monitor's settings: the saved benefit of seed 002 in each subregion; the CBS
   * figures the demo was made from. */
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM monitor_settings WHERE saved_benefit = 8500"), ==, 3);
  if (fx.with_cbs)
    g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM cbs_social_assistance"), ==, 54);
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM targets WHERE period = '2026'"), >=, 3);

  /* Action points for the current quarter, due after the end day, owned by coordinators. */
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM action_points WHERE quarter = '2026-Q4'"), ==, 8);
  g_assert_cmpint (query_int (fx.db, "SELECT count (*) FROM action_points a JOIN users u ON u.id = a.owner_id "
                              "WHERE a.due_date <= '" END_DAY "' OR u.role != 'coordinator' "
                              "OR a.organisation_id != u.organisation_id"), ==, 0);
}

/* Every row carries the generator's clock, not the wall clock. */
static void
test_fixed_clock (void)
{
  g_autoptr(GPtrArray) tables = NULL;
  guint checked = 0;

  shape_setup ();
  tables = table_names (fx.db);
  for (guint t = 0; t < tables->len; t++)
    {
      const char *table = tables->pdata[t];
      static const char * const stamps[] = { "created_at", "updated_at" };

      for (guint s = 0; s < G_N_ELEMENTS (stamps); s++)
        {
          g_autofree char *has = g_strdup_printf ("SELECT count (*) FROM pragma_table_info ('%s') WHERE name = '%s'",
                                                  table, stamps[s]);
          g_autofree char *sql = NULL;

          if (query_int (fx.db, has) == 0)
            continue;
          sql = g_strdup_printf ("SELECT count (*) FROM \"%s\" WHERE %s != '2026-10-31T12:00:00Z'", table, stamps[s]);
          g_test_message ("%s.%s", table, stamps[s]);
          g_assert_cmpint (query_int (fx.db, sql), ==, 0);
          checked++;
        }
    }
  g_assert_cmpuint (checked, >, 20);
}

static void
test_not_twice (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbStore) store = NULL;
  WbDemoOptions options = { .n_clients = 10, .seed = 1 };

  shape_setup ();
  store = wb_store_open (fx.path, &error);
  g_assert_no_error (error);
  g_assert_false (wb_demo_generate (store, &options, &error));
  g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_CONFLICT);
  g_assert_cmpint (wb_store_count (store, "clients"), ==, N_CLIENTS);
}

/* A CBS file that is not one: an error, and nothing written. */
static void
test_bad_cbs (void)
{
  g_autofree char *dir = wb_test_make_dir ();
  g_autofree char *db = g_build_filename (dir, "bad.db", NULL);
  g_autofree char *csv = g_build_filename (dir, "bad.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WbStore) store = NULL;
  WbDemoOptions options = { .n_clients = 10, .seed = 1, .cbs_path = csv };

  g_assert_true (g_file_set_contents (csv, "jaar;plaats;aantal\n2017;Heerlen;5\n", -1, NULL));
  store = wb_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_false (wb_demo_generate (store, &options, &error));
  g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID);
  g_assert_cmpint (wb_store_count (store, "organisations"), ==, 0);
  g_assert_cmpint (wb_store_count (store, "clients"), ==, 0);

  g_clear_object (&store);
  wb_test_remove_dir (dir);
}

/* With the PC4 table imported, clients and employers live in its postcode areas; without
 * the CBS file the built-in figures spread them. */
static void
test_pc4_table (void)
{
  const char *shared = wb_test_shared_data ();
  g_autofree char *dir = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *pc4 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbImportReport) report = wb_import_report_new ();
  g_autoptr(WbStore) store = NULL;
  WbDemoOptions options = { .n_clients = 400, .n_employers = 60, .n_vacancies = 20, .seed = 3 };
  sqlite3 *db;

  if (shared == NULL)
    return;
  dir = wb_test_make_dir ();
  db_path = g_build_filename (dir, "pc4.db", NULL);
  pc4 = g_build_filename (shared, "pc4", "pc4_nl.csv", NULL);
  store = wb_store_open (db_path, &error);
  g_assert_no_error (error);
  g_assert_true (wb_import_pc4 (store, pc4, report, &error));
  g_assert_no_error (error);
  g_assert_true (wb_demo_generate (store, &options, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  db = open_db (db_path);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM clients"), ==, 400);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM employers"), ==, 60);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM clients c JOIN municipalities m ON m.id = c.municipality_id "
                              "LEFT JOIN pc4_areas p ON p.pc4 = c.pc4 WHERE p.municipality IS NULL "
                              "OR lower (p.municipality) != lower (m.name)"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM employers e JOIN municipalities m ON m.id = e.municipality_id "
                              "LEFT JOIN pc4_areas p ON p.pc4 = e.pc4 WHERE p.municipality IS NULL "
                              "OR lower (p.municipality) != lower (m.name)"), ==, 0);
  /* Valkenburg is spelled "Valkenburg Aan De Geul" in the PC4 file: still found. */
  g_assert_cmpint (query_int (db, "SELECT count (DISTINCT c.pc4) FROM clients c JOIN pc4_areas p ON p.pc4 = c.pc4 "
                              "WHERE p.municipality = 'Valkenburg Aan De Geul'"), >, 0);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM municipalities WHERE code = 'GM1954' AND name = 'Beekdaelen'"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count (*) FROM clients c JOIN municipalities m ON m.id = c.municipality_id "
                              "WHERE m.name = 'Heerlen'"), >, 400 / 8);
  sqlite3_close (db);

  wb_test_remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/demo/deterministic", test_deterministic);
  g_test_add_func ("/store/demo/region", test_region);
  g_test_add_func ("/store/demo/users", test_users);
  g_test_add_func ("/store/demo/clients", test_clients);
  g_test_add_func ("/store/demo/diagnoses", test_diagnoses);
  g_test_add_func ("/store/demo/timeline", test_timeline);
  g_test_add_func ("/store/demo/employers", test_employers);
  g_test_add_func ("/store/demo/vacancies", test_vacancies);
  g_test_add_func ("/store/demo/matches-targets-actions", test_matches_targets_actions);
  g_test_add_func ("/store/demo/fixed-clock", test_fixed_clock);
  g_test_add_func ("/store/demo/not-twice", test_not_twice);
  g_test_add_func ("/store/demo/bad-cbs", test_bad_cbs);
  g_test_add_func ("/store/demo/pc4-table", test_pc4_table);

  status = g_test_run ();

  if (fx.db != NULL)
    sqlite3_close (fx.db);
  wb_test_remove_dir (fx.dir);
  g_free (fx.dir);
  g_free (fx.path);
  g_free (fx.progress.last_stage);
  return status;
}
