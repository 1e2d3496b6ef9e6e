/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "wb-csv.h"
#include "wb-import.h"
#include "wb-store-private.h"
#include "wb-test-store.h"
#include "wb-test-util.h"

typedef struct {
  char *dir;
  WbStore *store;
  gint64 organisation_id;
  gint64 other_organisation_id;
  gint64 heerlen_id;
  gint64 kerkrade_id;
} Fixture;

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fx->dir = wb_test_make_dir ();
  path = g_build_filename (fx->dir, "store.db", NULL);
  fx->store = wb_store_open (path, &error);
  g_assert_no_error (error);

  fx->organisation_id = wb_test_insert (fx->store, WB_RESOURCE_ORGANISATIONS,
                                        "{\"code\": \"werkvoorheerlen\", \"name\": \"WerkvoorHeerlen\", "
                                        "\"kind\": \"work_company\", \"region\": \"Parkstad\"}");
  fx->other_organisation_id = wb_test_insert (fx->store, WB_RESOURCE_ORGANISATIONS,
                                              "{\"code\": \"isd-bol\", \"name\": \"ISD BOL\", "
                                              "\"kind\": \"social_service\", \"region\": \"Parkstad\"}");
  fx->heerlen_id = wb_test_insert (fx->store, WB_RESOURCE_MUNICIPALITIES,
                                   "{\"code\": \"GM0917\", \"name\": \"Heerlen\", \"region\": \"Parkstad\"}");
  fx->kerkrade_id = wb_test_insert (fx->store, WB_RESOURCE_MUNICIPALITIES,
                                    "{\"code\": \"GM0928\", \"name\": \"Kerkrade\", \"region\": \"Parkstad\"}");
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_clear_object (&fx->store);
  wb_test_remove_dir (fx->dir);
  g_free (fx->dir);
}

/* One number from the store; the statement is the test's own, so the store's cache of
 * prepared statements is left alone. */
static gint64
query_int (WbStore    *store,
           const char *sql,
           const char *text)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = G_MININT64;

  g_assert_cmpint (sqlite3_prepare_v2 (_wb_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
query_text (WbStore    *store,
            const char *sql,
            const char *text)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_wb_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static char *
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* A synthetic citizen service number: eight digits from @n and the check digit that
 * makes the eleven-test hold. */
static char *
make_bsn_from (guint n)
{
  for (;; n++)
    {
      char digits[10];
      int sum = 0;

      g_snprintf (digits, sizeof digits, "%08u", n);
      for (int i = 0; i < 8; i++)
        sum += (9 - i) * (digits[i] - '0');
      if (sum % 11 == 10)
        continue;
      digits[8] = '0' + sum % 11;
      digits[9] = '\0';
      return g_strdup (digits);
    }
}

static char *
make_bsn (guint n)
{
  return make_bsn_from (10000000 + n);
}

static void
assert_message (WbImportReport *report,
                guint           index,
                const char     *prefix)
{
  g_assert_cmpuint (index, <, report->messages->len);
  if (!g_str_has_prefix (report->messages->pdata[index], prefix))
    g_error ("message %u is “%s”, expected it to start with “%s”", index,
             (const char *) report->messages->pdata[index], prefix);
}

/* The CSV reader */

static void
test_csv_quoting (void)
{
  g_autofree char *dir = wb_test_make_dir ();
  g_autofree char *path = NULL;
  g_autoptr(WbCsv) csv = NULL;
  g_autoptr(GError) error = NULL;

  /* BOM, CRLF, ';' between fields, a quoted ';', doubled quotes, a line break inside a
   * quoted field, an empty line and a line of only delimiters. */
  path = write_file (dir, "quoting.csv",
                     "\xEF\xBB\xBF Naam ;Opmerking;Plaats\r\n"
                     "Jansen;\"een; twee\";Heerlen\r\n"
                     "\r\n"
                     "\"De \"\"Vries\"\"\";\"regel 1\r\nregel 2\";Kerkrade\r\n"
                     ";;\r\n"
                     "Bakker;;\"Brunssum\"\r\n");
  csv = wb_csv_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wb_csv_get_delimiter (csv), ==, ';');
  g_assert_cmpuint (wb_csv_get_n_columns (csv), ==, 3);
  g_assert_cmpint (wb_csv_column (csv, "naam"), ==, 0);
  g_assert_cmpint (wb_csv_column (csv, "OPMERKING"), ==, 1);
  g_assert_cmpint (wb_csv_column (csv, "postcode"), ==, -1);

  g_assert_true (wb_csv_next (csv, &error));
  g_assert_cmpuint (wb_csv_get_line (csv), ==, 2);
  g_assert_cmpstr (wb_csv_get (csv, 0), ==, "Jansen");
  g_assert_cmpstr (wb_csv_get (csv, 1), ==, "een; twee");
  g_assert_cmpstr (wb_csv_get (csv, 2), ==, "Heerlen");

  g_assert_true (wb_csv_next (csv, &error));
  g_assert_cmpuint (wb_csv_get_line (csv), ==, 4);
  g_assert_cmpuint (wb_csv_get_n_fields (csv), ==, 3);
  g_assert_cmpstr (wb_csv_get (csv, 0), ==, "De \"Vries\"");
  g_assert_cmpstr (wb_csv_get (csv, 1), ==, "regel 1\r\nregel 2");
  g_assert_cmpstr (wb_csv_get (csv, 2), ==, "Kerkrade");
  g_assert_cmpstr (wb_csv_get (csv, 7), ==, "");

  /* The quoted line break counts: the next record starts on physical line 7. */
  g_assert_true (wb_csv_next (csv, &error));
  g_assert_cmpuint (wb_csv_get_line (csv), ==, 7);
  g_assert_cmpstr (wb_csv_get (csv, 0), ==, "Bakker");
  g_assert_cmpstr (wb_csv_get (csv, 1), ==, "");
  g_assert_cmpstr (wb_csv_get (csv, 2), ==, "Brunssum");

  g_assert_false (wb_csv_next (csv, &error));
  g_assert_no_error (error);
  wb_test_remove_dir (dir);
}

static void
test_csv_delimiters (void)
{
  g_autofree char *dir = wb_test_make_dir ();
  g_autofree char *comma = write_file (dir, "comma.csv", "a,b;c,d\n\"1;2\",3\n");
  g_autofree char *tab = write_file (dir, "tab.csv", "a\tb\tc\n1,5\t2;3\tx\n");
  g_autoptr(WbCsv) csv = NULL;
  g_autoptr(GError) error = NULL;

  csv = wb_csv_open (comma, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wb_csv_get_delimiter (csv), ==, ',');
  g_assert_cmpuint (wb_csv_get_n_columns (csv), ==, 3);
  g_assert_cmpint (wb_csv_column (csv, "b;c"), ==, 1);
  g_assert_true (wb_csv_next (csv, &error));
  g_assert_cmpstr (wb_csv_get (csv, 0), ==, "1;2");
  g_assert_cmpstr (wb_csv_get (csv, 1), ==, "3");
  g_clear_pointer (&csv, wb_csv_free);

  csv = wb_csv_open (tab, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wb_csv_get_delimiter (csv), ==, '\t');
  g_assert_true (wb_csv_next (csv, &error));
  g_assert_cmpuint (wb_csv_get_n_fields (csv), ==, 3);
  g_assert_cmpstr (wb_csv_get (csv, 0), ==, "1,5");
  g_assert_cmpstr (wb_csv_get (csv, 1), ==, "2;3");
  wb_test_remove_dir (dir);
}

static void
test_csv_broken (void)
{
  g_autofree char *dir = wb_test_make_dir ();
  g_autofree char *open_quote = write_file (dir, "quote.csv", "a;b\n1;2\n3;\"never closed\n4;5\n");
  g_autofree char *latin1 = write_file (dir, "latin1.csv", "naam;plaats\nJansen;Heerlen\nJos\xE9;Kerkrade\n");
  g_autofree char *empty = write_file (dir, "empty.csv", "");
  g_autoptr(WbCsv) csv = NULL;
  g_autoptr(GError) error = NULL;

  csv = wb_csv_open (open_quote, &error);
  g_assert_no_error (error);
  g_assert_true (wb_csv_next (csv, &error));
  g_assert_cmpstr (wb_csv_get (csv, 1), ==, "2");
  g_assert_false (wb_csv_next (csv, &error));
  g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "line 3"));
  g_clear_error (&error);
  g_clear_pointer (&csv, wb_csv_free);

  csv = wb_csv_open (latin1, &error);
  g_assert_null (csv);
  g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "line 3"));
  g_clear_error (&error);

  csv = wb_csv_open (empty, &error);
  g_assert_null (csv);
  g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_null (wb_csv_open ("/nonexistent/werkbrug.csv", &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  wb_test_remove_dir (dir);
}

static void
test_csv_numbers_dates (void)
{
  static const struct { const char *text; gboolean ok; double value; } numbers[] = {
    { "1.234,5", TRUE, 1234.5 }, { "12,5", TRUE, 12.5 }, { "12.5", TRUE, 12.5 },
    { "1.234.567", TRUE, 1234567 }, { "1,234.5", TRUE, 1234.5 }, { "-3,25", TRUE, -3.25 },
    { "62,5%", TRUE, 62.5 }, { "40", TRUE, 40 }, { "", FALSE, 0 }, { "twaalf", FALSE, 0 },
    { "12,5 uur", FALSE, 0 },
  };
  static const struct { const char *text; const char *iso; } dates[] = {
    { "31-12-2024", "2024-12-31" }, { "31/12/2024", "2024-12-31" }, { "2024-12-31", "2024-12-31" },
    { "1-2-2024", "2024-02-01" }, { "01.02.2024", "2024-02-01" }, { " 2024-02-29 ", "2024-02-29" },
    { "2023-02-29", NULL }, { "31-12-24", NULL }, { "31-12/2024", NULL }, { "32-01-2024", NULL },
    { "2024-12-31x", NULL }, { "", NULL }, { "gisteren", NULL },
  };
  static const struct { const char *text; gboolean ok; gboolean value; } bools[] = {
    { "ja", TRUE, TRUE }, { "JA", TRUE, TRUE }, { "x", TRUE, TRUE }, { "1", TRUE, TRUE },
    { "nee", TRUE, FALSE }, { "", TRUE, FALSE }, { "0", TRUE, FALSE }, { "misschien", FALSE, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      double value = -999;

      g_assert_cmpint (wb_csv_parse_number (numbers[i].text, &value), ==, numbers[i].ok);
      if (numbers[i].ok)
        g_assert_cmpfloat_with_epsilon (value, numbers[i].value, 1e-9);
    }
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autofree char *iso = wb_csv_parse_date (dates[i].text);

      g_assert_cmpstr (iso, ==, dates[i].iso);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bools); i++)
    {
      gboolean value = -1;

      g_assert_cmpint (wb_csv_parse_bool (bools[i].text, &value), ==, bools[i].ok);
      if (bools[i].ok)
        g_assert_cmpint (value, ==, bools[i].value);
    }
}

/* PC4 */

static void
test_pc4 (Fixture       *fx,
          gconstpointer  data)
{
  const char *shared = wb_test_shared_data ();
  g_autofree char *path = NULL;
  g_autoptr(WbImportReport) first = wb_import_report_new ();
  g_autoptr(WbImportReport) second = wb_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *municipality = NULL;

  if (shared == NULL)
    return;
  path = g_build_filename (shared, "pc4", "pc4_nl.csv", NULL);

  g_assert_true (wb_import_pc4 (fx->store, path, first, &error));
  g_assert_no_error (error);
  g_assert_cmpint (wb_store_count (fx->store, "pc4_areas"), ==, 4069);
  g_assert_cmpuint (first->n_read, ==, 4069);
  g_assert_cmpuint (first->n_imported, ==, 4069);
  g_assert_cmpuint (first->n_updated, ==, 0);
  g_assert_cmpuint (first->n_failed, ==, 0);

  municipality = query_text (fx->store, "SELECT municipality FROM pc4_areas WHERE pc4 = ?1", "6411");
  g_assert_cmpstr (municipality, ==, "Heerlen");
  g_assert_cmpint (query_int (fx->store, "SELECT round (lat * 10000) FROM pc4_areas WHERE pc4 = ?1", "6411"), ==, 508875);
  g_assert_cmpint (query_int (fx->store, "SELECT round (lon * 10000) FROM pc4_areas WHERE pc4 = ?1", "6411"), ==, 59756);

  /* A second run replaces, it does not add. */
  g_assert_true (wb_import_pc4 (fx->store, path, second, &error));
  g_assert_no_error (error);
  g_assert_cmpint (wb_store_count (fx->store, "pc4_areas"), ==, 4069);
  g_assert_cmpuint (second->n_imported, ==, 0);
  g_assert_cmpuint (second->n_updated, ==, 4069);
}

static void
test_pc4_broken (Fixture       *fx,
                 gconstpointer  data)
{
  g_autofree char *path = write_file (fx->dir, "pc4.csv",
                                      "pc4,lat,lon,municipality\n"
                                      "6411,50.8875,5.9756,Heerlen\n"
                                      "641,50.8,5.9,Heerlen\n"
                                      "6461,noord,6.03,Kerkrade\n"
                                      "6461,50.865,6.0628,Kerkrade\n");
  g_autofree char *no_lon = write_file (fx->dir, "pc4-no-lon.csv", "pc4,lat,municipality\n6411,50.8,Heerlen\n");
  g_autoptr(WbImportReport) report = wb_import_report_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (wb_import_pc4 (fx->store, path, report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (wb_store_count (fx->store, "pc4_areas"), ==, 2);
  g_assert_cmpuint (report->n_read, ==, 4);
  g_assert_cmpuint (report->n_imported, ==, 2);
  g_assert_cmpuint (report->n_failed, ==, 2);
  g_assert_cmpuint (report->messages->len, ==, 2);
  assert_message (report, 0, "line 3: pc4:");
  assert_message (report, 1, "line 4: lat/lon:");

  g_assert_false (wb_import_pc4 (fx->store, no_lon, report, &error));
  g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "lon"));
  g_assert_cmpint (wb_store_count (fx->store, "pc4_areas"), ==, 2);
}

/* ESCO */

/* Splits one line of the reduced ESCO files: quotes around fields with commas, doubled
 * quotes inside them, no line breaks (those files have none). Independent of WbCsv on
 * purpose, so the counts below are not the importer checking itself. */
static GPtrArray *
split_line (const char *line)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = line; *p; p++)
    {
      if (quoted && *p == '"' && p[1] == '"')
        g_string_append_c (field, *p++);
      else if (*p == '"')
        quoted = !quoted;
      else if (*p == ',' && !quoted)
        {
          g_ptr_array_add (fields, g_string_free (field, FALSE));
          field = g_string_new (NULL);
        }
      else
        g_string_append_c (field, *p);
    }
  g_ptr_array_add (fields, g_string_free (field, FALSE));
  return fields;
}

typedef struct {
  guint n_collection_skills;
  guint n_extra_skills;      /* skill URIs in the links that the collections lack */
  guint n_english_only;      /* distinct English labels of links without a skill URI */
  guint n_pairs;             /* distinct (occupation, skill) pairs */
  guint n_essential_pairs;   /* pairs with at least one essential link */
  guint n_links;
} EscoFigures;

static void
count_esco_files (const char  *dir,
                  EscoFigures *figures)
{
  g_autoptr(GHashTable) collection = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) extra = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) english = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) pairs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *names[] = { "skills_nl_collections.csv", "occupation_skills.csv" };

  memset (figures, 0, sizeof *figures);
  for (guint f = 0; f < G_N_ELEMENTS (names); f++)
    {
      g_autofree char *path = g_build_filename (dir, names[f], NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(GFileInputStream) input = g_file_read (file, NULL, &error);
      g_autoptr(GDataInputStream) data = NULL;
      gboolean header = TRUE;
      char *line;

      g_assert_no_error (error);
      data = g_data_input_stream_new (G_INPUT_STREAM (input));
      while ((line = g_data_input_stream_read_line_utf8 (data, NULL, NULL, &error)) != NULL)
        {
          g_autoptr(GPtrArray) fields = NULL;

          if (header)
            {
              header = FALSE;
              g_free (line);
              continue;
            }
          fields = split_line (line);
          g_free (line);
          if (f == 0)
            {
              g_assert_cmpuint (fields->len, ==, 6);
              g_hash_table_add (collection, g_strdup (fields->pdata[0]));
              continue;
            }

          /* occupationUri,occupationLabelNl,iscoGroup,relationType,skillLabelEn,skillUri,skillLabelNl */
          {
            const char *skill_uri = fields->pdata[5];
            g_autofree char *key = NULL;
            gpointer essential;

            g_assert_cmpuint (fields->len, ==, 7);
            figures->n_links++;
            if (*skill_uri == '\0')
              g_hash_table_add (english, g_strdup (fields->pdata[4]));
            else if (!g_hash_table_contains (collection, skill_uri))
              g_hash_table_add (extra, g_strdup (skill_uri));
            key = g_strdup_printf ("%s\t%s\t%s", (char *) fields->pdata[0], skill_uri, (char *) fields->pdata[4]);
            if (*skill_uri != '\0')
              key[strlen (fields->pdata[0]) + 1 + strlen (skill_uri)] = '\0';
            essential = g_hash_table_lookup (pairs, key);
            if (strcmp (fields->pdata[3], "essential") == 0)
              essential = GINT_TO_POINTER (2);
            else if (essential == NULL)
              essential = GINT_TO_POINTER (1);
            g_hash_table_insert (pairs, g_steal_pointer (&key), essential);
          }
        }
      g_assert_no_error (error);
    }

  figures->n_collection_skills = g_hash_table_size (collection);
  figures->n_extra_skills = g_hash_table_size (extra);
  figures->n_english_only = g_hash_table_size (english);
  figures->n_pairs = g_hash_table_size (pairs);
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, pairs);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      if (GPOINTER_TO_INT (value) == 2)
        figures->n_essential_pairs++;
  }
}

static void
test_esco_reduced (Fixture       *fx,
                   gconstpointer  data)
{
  const char *shared = wb_test_shared_data ();
  g_autofree char *dir = NULL;
  g_autoptr(WbImportReport) first = wb_import_report_new ();
  g_autoptr(WbImportReport) second = wb_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  gint64 n_competences, n_links, started;
  EscoFigures figures;

  if (shared == NULL)
    return;
  dir = g_build_filename (shared, "esco", NULL);

  count_esco_files (dir, &figures);
  /* The figures the data README states, and what this data set holds besides. */
  g_assert_cmpuint (figures.n_collection_skills, ==, 2218);
  g_assert_cmpuint (figures.n_links, ==, 129004);
  g_assert_cmpuint (figures.n_extra_skills, ==, 121);
  g_assert_cmpuint (figures.n_english_only, ==, 11616);
  g_assert_cmpuint (figures.n_pairs, ==, 128987);

  started = g_get_monotonic_time ();
  g_assert_true (wb_import_esco (fx->store, dir, first, &error));
  g_assert_no_error (error);
  g_test_message ("ESCO import (reduced files): %.2f s", (g_get_monotonic_time () - started) / 1e6);

  g_assert_cmpint (wb_store_count (fx->store, "occupations"), ==, 3039);
  g_assert_cmpint (wb_store_count (fx->store, "isco_groups"), ==, 619);
  n_competences = figures.n_collection_skills + figures.n_extra_skills + figures.n_english_only;
  g_assert_cmpint (wb_store_count (fx->store, "competences"), ==, n_competences);
  n_links = figures.n_pairs;
  g_assert_cmpint (wb_store_count (fx->store, "occupation_competences"), ==, n_links);
  g_assert_cmpint (query_int (fx->store, "SELECT count(*) FROM occupation_competences WHERE essential = 1", NULL),
                   ==, figures.n_essential_pairs);
  g_assert_cmpuint (first->n_failed, ==, 0);
  g_assert_cmpuint (first->n_imported, ==, 3039 + n_competences + n_links);
  g_assert_cmpuint (first->n_read, ==, 3039 + 2218 + 129004);

  /* Every row is ESCO's and named: Dutch from the collections, English for the rest. */
  g_assert_cmpint (query_int (fx->store, "SELECT count(*) FROM occupations WHERE source != 'esco' OR isco_group IS NULL OR code IS NULL", NULL), ==, 0);
  g_assert_cmpint (query_int (fx->store, "SELECT count(*) FROM competences WHERE source != 'esco'", NULL), ==, 0);
  g_assert_cmpint (query_int (fx->store, "SELECT count(*) FROM competences WHERE label_nl IS NULL AND label_en IS NULL", NULL), ==, 0);
  g_assert_cmpint (query_int (fx->store, "SELECT count(*) FROM competences WHERE uri LIKE 'urn:werkbrug:esco-skill-en:%' "
                                         "AND label_nl IS NULL AND label_en IS NOT NULL", NULL), ==, figures.n_english_only);
  g_assert_cmpint (query_int (fx->store, "SELECT count(*) FROM competences WHERE kind = 'knowledge'", NULL), ==, 721);

  label = query_text (fx->store, "SELECT label_nl FROM occupations WHERE uri = ?1",
                      "http://data.europa.eu/esco/occupation/00030d09-2b3a-4efd-87cc-c4ea39d27c34");
  g_assert_cmpstr (label, ==, "inspiciënt");
  g_clear_pointer (&label, g_free);
  label = query_text (fx->store, "SELECT alt_labels FROM occupations WHERE uri = ?1",
                      "http://data.europa.eu/esco/occupation/00030d09-2b3a-4efd-87cc-c4ea39d27c34");
  g_assert_cmpstr (label, ==, "toneelmeester | inspiciënte | technisch directeur | chef-inspiciënt");
  g_clear_pointer (&label, g_free);
  label = query_text (fx->store, "SELECT label_nl FROM competences WHERE uri = ?1",
                      "http://data.europa.eu/esco/skill/21d2f96d-35f7-4e3f-9745-c533d2dd6e97");
  g_assert_cmpstr (label, ==, "computerprogrammering");
  /* The first link of the file: the AI engineer needs business process modelling, a
   * skill with only an English label. */
  g_assert_cmpint (query_int (fx->store,
                              "SELECT oc.essential FROM occupation_competences oc "
                              "JOIN occupations o ON o.id = oc.occupation_id JOIN competences c ON c.id = oc.competence_id "
                              "WHERE o.uri = 'http://data.europa.eu/esco/occupation/35553663-deab-4d9a-bf22-15c1625d28e8' "
                              "AND c.uri = ?1", "urn:werkbrug:esco-skill-en:business process modelling"), ==, 1);

  /* Idempotent: a second run finds everything and adds nothing. */
  started = g_get_monotonic_time ();
  g_assert_true (wb_import_esco (fx->store, dir, second, &error));
  g_assert_no_error (error);
  g_test_message ("ESCO import, second run: %.2f s", (g_get_monotonic_time () - started) / 1e6);
  g_assert_cmpint (wb_store_count (fx->store, "occupations"), ==, 3039);
  g_assert_cmpint (wb_store_count (fx->store, "isco_groups"), ==, 619);
  g_assert_cmpint (wb_store_count (fx->store, "competences"), ==, n_competences);
  g_assert_cmpint (wb_store_count (fx->store, "occupation_competences"), ==, n_links);
  g_assert_cmpuint (second->n_imported, ==, 0);
  g_assert_cmpuint (second->n_failed, ==, 0);
  g_assert_cmpuint (second->n_updated, >=, 3039 + 2218);

  /* The starter taxonomy lives beside ESCO without touching it. */
  g_assert_true (wb_starter_taxonomy_load (fx->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (wb_store_count (fx->store, "competences"), ==, n_competences + wb_starter_taxonomy_n_competences ());
  g_assert_cmpint (wb_store_count (fx->store, "occupations"), ==, 3039 + wb_starter_taxonomy_n_occupations ());
}

static const char official_occupations[] =
  "conceptType,conceptUri,iscoGroup,preferredLabel,altLabels,hiddenLabels,status,modifiedDate,"
  "regulatedProfessionNote,scopeNote,definition,inScheme,description,code\n"
  "Occupation,http://example.org/esco/occupation/o1,9333,orderverzamelaar,\"orderpicker\n"
  "verzamelaar van orders\n\",,released,2023-01-01,,,\"Verzamelt orders, pakt ze in.\",x,\"Verzamelt orders, \"\"snel\"\".\",9333.1\n"
  "Occupation,http://example.org/esco/occupation/o2,9112,schoonmaker kantoren,,,released,2023-01-01,,,,x,,9112.2\n"
  "Occupation,http://example.org/esco/occupation/o3,5131,kelner,\"ober\nserveerster\",,released,2023-01-01,,,,x,,5131.1\n";

static const char official_skills[] =
  "conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels,hiddenLabels,status,modifiedDate,"
  "scopeNote,definition,inScheme,description\n"
  "KnowledgeSkillCompetence,http://example.org/esco/skill/s1,skill/competence,sector-specific,orders verzamelen,"
  "\"orderpicken\npicken\",,released,2023-01-01,,,x,\n"
  "KnowledgeSkillCompetence,http://example.org/esco/skill/s2,skill/competence,cross-sector,schoonmaakmiddelen gebruiken,,,released,2023-01-01,,,x,\n"
  "KnowledgeSkillCompetence,http://example.org/esco/skill/s3,knowledge,cross-sector,hygiëneregels,,,released,2023-01-01,,,x,\n"
  "KnowledgeSkillCompetence,http://example.org/esco/skill/s4,skill/competence,transversal,\"klanten bedienen, vriendelijk\",,,released,2023-01-01,,,x,\n";

/* Line 7 names an occupation that the file above lacks; line 8 a skill that is not in
 * skills_nl.csv; line 6 repeats line 2's pair as optional: it stays essential. */
static const char official_relations[] =
  "occupationUri,relationType,skillType,skillUri\n"
  "http://example.org/esco/occupation/o1,essential,skill/competence,http://example.org/esco/skill/s1\n"
  "http://example.org/esco/occupation/o1,optional,knowledge,http://example.org/esco/skill/s3\n"
  "http://example.org/esco/occupation/o2,essential,skill/competence,http://example.org/esco/skill/s2\n"
  "http://example.org/esco/occupation/o2,essential,knowledge,http://example.org/esco/skill/s3\n"
  "http://example.org/esco/occupation/o1,optional,skill/competence,http://example.org/esco/skill/s1\n"
  "http://example.org/esco/occupation/o9,essential,skill/competence,http://example.org/esco/skill/s1\n"
  "http://example.org/esco/occupation/o3,essential,skill/competence,http://example.org/esco/skill/s9\n"
  "http://example.org/esco/occupation/o3,essential,skill/competence,http://example.org/esco/skill/s4\n";

static const char official_groups[] =
  "conceptType,conceptUri,code,preferredLabel,altLabels,inScheme,description\n"
  "ISCOGroup,http://example.org/esco/isco/C9333,9333,Laders en lossers,,x,\n"
  "ISCOGroup,http://example.org/esco/isco/C9112,9112,Schoonmakers,,x,\n";

static void
test_esco_official (Fixture       *fx,
                    gconstpointer  data)
{
  g_autofree char *esco = g_build_filename (fx->dir, "esco-download", NULL);
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL;
  g_autofree char *alt = NULL, *kind = NULL, *label = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (esco, 0700), ==, 0);
  a = write_file (esco, "occupations_nl.csv", official_occupations);
  b = write_file (esco, "skills_nl.csv", official_skills);
  c = write_file (esco, "occupationSkillRelations_nl.csv", official_relations);
  d = write_file (esco, "ISCOGroups_nl.csv", official_groups);

  for (guint run = 0; run < 2; run++)
    {
      g_autoptr(WbImportReport) report = wb_import_report_new ();

      g_assert_true (wb_import_esco (fx->store, esco, report, &error));
      g_assert_no_error (error);
      g_assert_cmpint (wb_store_count (fx->store, "occupations"), ==, 3);
      g_assert_cmpint (wb_store_count (fx->store, "competences"), ==, 4);
      g_assert_cmpint (wb_store_count (fx->store, "isco_groups"), ==, 2);
      g_assert_cmpint (wb_store_count (fx->store, "occupation_competences"), ==, 5);
      g_assert_cmpuint (report->n_read, ==, 3 + 4 + 8);
      g_assert_cmpuint (report->n_imported, ==, run == 0 ? 3 + 4 + 5 : 0);
      g_assert_cmpuint (report->n_failed, ==, 2);
      g_assert_cmpuint (report->messages->len, ==, 2);
      assert_message (report, 0, "line 7: occupation http://example.org/esco/occupation/o9");
      assert_message (report, 1, "line 8: skill http://example.org/esco/skill/s9");
    }

  /* Alternative labels come one a line in the download; we keep them joined by " | ". */
  alt = query_text (fx->store, "SELECT alt_labels FROM occupations WHERE uri = ?1", "http://example.org/esco/occupation/o1");
  g_assert_cmpstr (alt, ==, "orderpicker | verzamelaar van orders");
  g_clear_pointer (&alt, g_free);
  alt = query_text (fx->store, "SELECT alt_labels FROM occupations WHERE uri = ?1", "http://example.org/esco/occupation/o2");
  g_assert_null (alt);
  label = query_text (fx->store, "SELECT code || ' ' || isco_group FROM occupations WHERE uri = ?1",
                      "http://example.org/esco/occupation/o3");
  g_assert_cmpstr (label, ==, "5131.1 5131");
  g_clear_pointer (&label, g_free);
  label = query_text (fx->store, "SELECT label_nl FROM competences WHERE uri = ?1", "http://example.org/esco/skill/s4");
  g_assert_cmpstr (label, ==, "klanten bedienen, vriendelijk");
  kind = query_text (fx->store, "SELECT kind FROM competences WHERE uri = ?1", "http://example.org/esco/skill/s3");
  g_assert_cmpstr (kind, ==, "knowledge");
  g_assert_cmpint (query_int (fx->store, "SELECT count(*) FROM competences WHERE label_en IS NOT NULL", NULL), ==, 0);
  g_assert_cmpint (query_int (fx->store, "SELECT count(*) FROM occupation_competences WHERE essential = 1", NULL), ==, 4);
  g_assert_cmpint (query_int (fx->store,
                              "SELECT essential FROM occupation_competences oc JOIN occupations o ON o.id = oc.occupation_id "
                              "JOIN competences c ON c.id = oc.competence_id WHERE o.uri = ?1 AND c.uri = 'http://example.org/esco/skill/s1'",
                              "http://example.org/esco/occupation/o1"), ==, 1);

  /* A folder without the files is refused with a message that names them. */
  {
    g_autoptr(WbImportReport) report = wb_import_report_new ();

    g_assert_false (wb_import_esco (fx->store, fx->dir, report, &error));
    g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "occupations_nl.csv"));
    g_assert_cmpint (wb_store_count (fx->store, "occupations"), ==, 3);
  }
}

/* The starter taxonomy */

static void
test_starter_taxonomy (Fixture       *fx,
                       gconstpointer  data)
{
  guint n_competences = wb_starter_taxonomy_n_competences ();
  guint n_occupations = wb_starter_taxonomy_n_occupations ();
  g_autoptr(GError) error = NULL;
  gint64 n_links;

  g_assert_cmpuint (n_competences, >=, 250);
  g_assert_cmpuint (n_competences, <=, 300);
  g_assert_cmpuint (n_occupations, >=, 55);
  g_assert_cmpuint (n_occupations, <=, 70);

  g_assert_true (wb_starter_taxonomy_load (fx->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (wb_store_count (fx->store, "competences"), ==, n_competences);
  g_assert_cmpint (wb_store_count (fx->store, "occupations"), ==, n_occupations);
  n_links = wb_store_count (fx->store, "occupation_competences");

  /* Every competence is named in both languages, of a known kind, at its own address. */
  g_assert_cmpint (query_int (fx->store,
                              "SELECT count(*) FROM competences WHERE source = 'starter' AND label_nl != '' "
                              "AND label_en != '' AND kind IN ('skill', 'knowledge', 'transversal') "
                              "AND uri LIKE 'urn:werkbrug:starter:c:%'", NULL), ==, n_competences);
  g_assert_cmpint (query_int (fx->store, "SELECT count(DISTINCT lower (label_nl)) FROM competences", NULL), ==, n_competences);
  for (guint k = 0; k < 3; k++)
    {
      static const char * const kinds[] = { "skill", "knowledge", "transversal" };

      g_assert_cmpint (query_int (fx->store, "SELECT count(*) FROM competences WHERE kind = ?1", kinds[k]), >=, 10);
    }

  /* Every occupation: a four-digit ISCO group, 3 to 6 essential and 2 to 4 optional
   * competences. */
  g_assert_cmpint (query_int (fx->store,
                              "SELECT count(*) FROM occupations WHERE source = 'starter' AND length (isco_group) = 4 "
                              "AND isco_group NOT GLOB '*[^0-9]*' AND uri LIKE 'urn:werkbrug:starter:o:%'", NULL),
                   ==, n_occupations);
  g_assert_cmpint (query_int (fx->store,
                              "SELECT count(*) FROM occupations o WHERE "
                              "(SELECT count(*) FROM occupation_competences WHERE occupation_id = o.id AND essential = 1) BETWEEN 3 AND 6 "
                              "AND (SELECT count(*) FROM occupation_competences WHERE occupation_id = o.id AND essential = 0) BETWEEN 2 AND 4",
                              NULL), ==, n_occupations);
  g_assert_cmpint (n_links, >=, n_occupations * 5);
  g_assert_cmpint (n_links, <=, n_occupations * 10);
  g_assert_cmpint (query_int (fx->store,
                              "SELECT count(*) FROM occupation_competences oc JOIN occupations o ON o.id = oc.occupation_id "
                              "JOIN competences c ON c.id = oc.competence_id WHERE o.uri = 'urn:werkbrug:starter:o:orderpicker' "
                              "AND c.uri = ?1 AND oc.essential = 1", "urn:werkbrug:starter:c:order-picking"), ==, 1);
  g_assert_cmpint (query_int (fx->store, "SELECT count(*) FROM occupations WHERE label_nl = ?1", "heftruckchauffeur"), ==, 1);

  /* Idempotent, also inside a transaction the caller holds. */
  g_assert_true (wb_starter_taxonomy_load (fx->store, &error));
  g_assert_no_error (error);
  g_assert_true (wb_store_begin (fx->store, &error));
  g_assert_true (wb_starter_taxonomy_load (fx->store, &error));
  g_assert_no_error (error);
  g_assert_true (wb_store_commit (fx->store, &error));
  g_assert_cmpint (wb_store_count (fx->store, "competences"), ==, n_competences);
  g_assert_cmpint (wb_store_count (fx->store, "occupations"), ==, n_occupations);
  g_assert_cmpint (wb_store_count (fx->store, "occupation_competences"), ==, n_links);
}

/* Clients */

static char *
clients_file (Fixture    *fx,
              const char *name,
              const char *header,
              const char *rows)
{
  g_autofree char *contents = g_strconcat ("\xEF\xBB\xBF", header, "\r\n", rows, NULL);

  return write_file (fx->dir, name, contents);
}

static void
test_clients_good (Fixture       *fx,
                   gconstpointer  data)
{
  g_autofree char *bsn1 = make_bsn (1), *bsn2 = make_bsn (2), *bsn3 = make_bsn (3);
  g_autofree char *rows = g_strdup_printf (
    "Anna;Jansen;%s;1985;6411 ab;Heerlen;Participatiewet;MBO 2;24;62,5;ja;;31-12-2023\r\n"
    "Bram;de Vries;%s;1979;6461;kerkrade;WW;mbo-1;32;80%%;nee;Werkfit;2024-02-01\r\n"
    "\"Chantal\";\"Bakker; van\";%s;2001;6412 CD;Heerlen;statushouders;geen;;0,45;x;diagnose;\r\n",
    bsn1, bsn2, bsn3);
  g_autofree char *path = clients_file (fx, "clienten.csv",
                                        " Voornaam ;ACHTERNAAM;BSN;Geboortejaar;Postcode;Gemeente;Doelgroep;"
                                        "Opleiding;Uren;Loonwaarde;Rijbewijs;Fase;Uitkering_start",
                                        rows);
  g_autoptr(WbImportReport) report = wb_import_report_new ();
  g_autoptr(WbImportReport) again = wb_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL, *expected = NULL;
  gint64 anna;

  g_assert_true (wb_import_clients_csv (fx->store, path, fx->organisation_id, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_read, ==, 3);
  g_assert_cmpuint (report->n_imported, ==, 3);
  g_assert_cmpuint (report->n_failed, ==, 0);
  g_assert_cmpuint (report->messages->len, ==, 0);
  g_assert_cmpint (wb_store_count (fx->store, "clients"), ==, 3);

  anna = query_int (fx->store, "SELECT id FROM clients WHERE bsn = ?1", bsn1);
  {
    g_autoptr(JsonObject) client = wb_store_get (fx->store, WB_RESOURCE_CLIENTS, anna, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (json_object_get_string_member (client, "given_name"), ==, "Anna");
    g_assert_cmpstr (json_object_get_string_member (client, "postcode"), ==, "6411 AB");
    g_assert_cmpstr (json_object_get_string_member (client, "pc4"), ==, "6411");
    g_assert_cmpint (json_object_get_int_member (client, "municipality_id"), ==, fx->heerlen_id);
    g_assert_cmpint (json_object_get_int_member (client, "organisation_id"), ==, fx->organisation_id);
    g_assert_cmpstr (json_object_get_string_member (client, "client_group"), ==, "participatiewet");
    g_assert_cmpstr (json_object_get_string_member (client, "education_level"), ==, "mbo2");
    g_assert_cmpint (json_object_get_int_member (client, "hours_available"), ==, 24);
    g_assert_cmpint (json_object_get_int_member (client, "work_capacity"), ==, 63);
    g_assert_true (json_object_get_boolean_member (client, "driving_licence"));
    g_assert_cmpstr (json_object_get_string_member (client, "phase"), ==, "intake");
    g_assert_cmpstr (json_object_get_string_member (client, "status"), ==, "active");
    g_assert_cmpstr (json_object_get_string_member (client, "benefit_start"), ==, "2023-12-31");
    g_assert_cmpint (json_object_get_int_member (client, "birth_year"), ==, 1985);
  }
  text = query_text (fx->store, "SELECT family_name || '|' || pc4 || '|' || municipality_id || '|' || client_group || '|' || "
                                "education_level || '|' || work_capacity || '|' || driving_licence || '|' || phase || '|' || "
                                "benefit_start FROM clients WHERE bsn = ?1", bsn2);
  expected = g_strdup_printf ("de Vries|6461|%lld|ww|mbo1|80|0|work_ready|2024-02-01", (long long) fx->kerkrade_id);
  g_assert_cmpstr (text, ==, expected);
  g_clear_pointer (&text, g_free);
  text = query_text (fx->store, "SELECT family_name || '|' || client_group || '|' || education_level || '|' || "
                                "work_capacity || '|' || driving_licence || '|' || phase || '|' || "
                                "coalesce (hours_available, 'none') || '|' || coalesce (benefit_start, 'none') "
                                "FROM clients WHERE bsn = ?1", bsn3);
  g_assert_cmpstr (text, ==, "Bakker; van|statushouder|none|45|1|diagnosis|none|none");

  /* The same file again: the same organisation's clients are brought up to date. */
  g_assert_true (wb_import_clients_csv (fx->store, path, fx->organisation_id, again, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (again->n_imported, ==, 0);
  g_assert_cmpuint (again->n_updated, ==, 3);
  g_assert_cmpuint (again->n_failed, ==, 0);
  g_assert_cmpint (wb_store_count (fx->store, "clients"), ==, 3);
  g_assert_cmpint (query_int (fx->store, "SELECT version FROM clients WHERE bsn = ?1", bsn1), ==, 2);
}

static void
test_clients_english (Fixture       *fx,
                      gconstpointer  data)
{
  /* A BSN that starts with a zero, as Excel writes it after reading it as a number. */
  g_autofree char *bsn = make_bsn_from (1234567);
  g_autofree char *rows = NULL, *path = NULL, *line = NULL;
  g_autoptr(WbImportReport) report = wb_import_report_new ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (bsn[0], ==, '0');
  g_assert_cmpint (bsn[1], !=, '0');
  rows = g_strdup_printf ("Dirk,Smeets,%s,1990,6411,GM0917,wajong,havo,\"16,5\",55,yes,development,01/03/2022\n", bsn + 1);
  {
    g_autofree char *contents = g_strconcat ("given_name,family_name,bsn,birth_year,postcode,municipality,client_group,"
                                             "education_level,hours_available,work_capacity,driving_licence,phase,benefit_start\n",
                                             rows, NULL);

    path = write_file (fx->dir, "clients.csv", contents);
  }

  g_assert_true (wb_import_clients_csv (fx->store, path, fx->organisation_id, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_imported, ==, 1);
  g_assert_cmpuint (report->n_failed, ==, 0);
  line = query_text (fx->store, "SELECT given_name || '|' || pc4 || '|' || coalesce (postcode, 'none') || '|' || "
                                "client_group || '|' || education_level || '|' || hours_available || '|' || work_capacity || '|' || "
                                "driving_licence || '|' || phase || '|' || benefit_start FROM clients WHERE bsn = ?1", bsn);
  g_assert_cmpstr (line, ==, "Dirk|6411|none|wajong|havo_vwo|17|55|1|development|2022-03-01");
}

static void
test_clients_broken (Fixture       *fx,
                     gconstpointer  data)
{
  g_autofree char *a = make_bsn (10), *b = make_bsn (20), *c = make_bsn (30), *d = make_bsn (40);
  g_autofree char *e = make_bsn (50), *f = make_bsn (60), *g = make_bsn (70), *h = make_bsn (80);
  g_autofree char *i = make_bsn (90), *j = make_bsn (100);
  g_autofree char *other = g_strdup_printf ("{\"organisation_id\": %lld, \"municipality_id\": %lld, \"given_name\": \"Els\", "
                                            "\"family_name\": \"Huntjens\", \"bsn\": \"%s\", \"pc4\": \"6461\", "
                                            "\"birth_year\": 1970, \"client_group\": \"participatiewet\", \"phase\": \"intake\"}",
                                            (long long) fx->other_organisation_id, (long long) fx->kerkrade_id, c);
  g_autofree char *rows = g_strdup_printf (
    "Anna;Jansen;%s;1985;6411;Heerlen;bijstand\n"               /* 2: good */
    "Bert;Fout;123456789;1980;6411;Heerlen;bijstand\n"          /* 3: fails the eleven-test */
    "Cor;Nergens;%s;1980;6411;Atlantis;bijstand\n"              /* 4: no such municipality */
    "Dina;Kort;%s;1980;6411;Heerlen\n"                          /* 5: a column short */
    "Anna;Jansen;%s;1985;6411;Heerlen;bijstand\n"               /* 6: the BSN of line 2 again */
    "Ed;Raar;%s;1980;6411;Heerlen;astronaut\n"                  /* 7: no such client group */
    "Fien;Oud;%s;1920;6411;Heerlen;wajong\n"                    /* 8: born too early */
    ";Leeg;%s;1980;6411;Heerlen;wajong\n"                       /* 9: no given name */
    "Gert;\"Smit; van der\";%s;1990;6412;Heerlen;ww\n"          /* 10: good */
    "Els;Huntjens;%s;1970;6461;Kerkrade;ww\n"                   /* 11: a client of ISD BOL */
    "Hans;\"Open;%s;1990;6411;Heerlen;ww\n"                      /* 12: a quote never closed */
    "Ingrid;Laat;%s;1990;6411;Heerlen;ww\n",
    a, d, e, a, f, g, h, b, c, i, j);
  g_autofree char *contents = g_strconcat ("voornaam;achternaam;bsn;geboortejaar;postcode;gemeente;doelgroep\n", rows, NULL);
  g_autofree char *organisation = g_strdup_printf ("%lld", (long long) fx->organisation_id);
  g_autofree char *path = NULL;
  g_autoptr(WbImportReport) report = wb_import_report_new ();
  g_autoptr(GError) error = NULL;

  wb_test_insert (fx->store, WB_RESOURCE_CLIENTS, other);
  path = write_file (fx->dir, "broken.csv", contents);

  g_assert_true (wb_import_clients_csv (fx->store, path, fx->organisation_id, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_read, ==, 11);
  g_assert_cmpuint (report->n_imported, ==, 2);
  g_assert_cmpuint (report->n_updated, ==, 0);
  g_assert_cmpuint (report->n_failed, ==, 9);
  g_assert_cmpuint (report->messages->len, ==, 9);
  /* Each names the row and the column as the user's file has them, never a field of
   * Werkbrug's own. */
  assert_message (report, 0, "row 3, column bsn: ");
  assert_message (report, 1, "row 4, column gemeente: ");
  assert_message (report, 2, "row 5: it has 6 fields where the header has 7");
  assert_message (report, 3, "row 6, column bsn: the same BSN");
  assert_message (report, 4, "row 7, column doelgroep: ");
  assert_message (report, 5, "row 8, column geboortejaar: ");
  assert_message (report, 6, "row 9, column voornaam: ");
  assert_message (report, 7, "row 11, column bsn: this person is already a client of another organisation");
  assert_message (report, 8, "row 12: a quoted field is never closed");
  for (guint m = 0; m < report->messages->len; m++)
    {
      static const char * const internal[] = { "municipality:", "client_group", "birth_year", "given_name", "line " };

      for (guint k = 0; k < G_N_ELEMENTS (internal); k++)
        g_assert_null (strstr (report->messages->pdata[m], internal[k]));
    }

  /* Only the good rows are there, whole; the other organisation's client is untouched. */
  g_assert_cmpint (wb_store_count (fx->store, "clients"), ==, 3);
  g_assert_cmpint (query_int (fx->store, "SELECT count(*) FROM clients WHERE organisation_id = ?1", organisation), ==, 2);
  g_assert_cmpint (query_int (fx->store, "SELECT count(*) FROM clients WHERE bsn = ?1", a), ==, 1);
  g_assert_cmpint (query_int (fx->store, "SELECT count(*) FROM clients WHERE bsn = ?1", b), ==, 1);
  g_assert_cmpint (query_int (fx->store, "SELECT organisation_id FROM clients WHERE bsn = ?1", c), ==, fx->other_organisation_id);
  g_assert_cmpint (query_int (fx->store, "SELECT version FROM clients WHERE bsn = ?1", c), ==, 1);
  g_assert_cmpint (query_int (fx->store, "SELECT count(*) FROM clients WHERE given_name IN ('Hans', 'Ingrid')", NULL), ==, 0);
  g_assert_cmpint (sqlite3_get_autocommit (_wb_store_get_db (fx->store)), !=, 0);
}

static void
test_clients_missing_column (Fixture       *fx,
                             gconstpointer  data)
{
  g_autofree char *path = write_file (fx->dir, "no-bsn.csv",
                                      "voornaam;achternaam;geboortejaar;postcode;gemeente;doelgroep\n"
                                      "Anna;Jansen;1985;6411;Heerlen;bijstand\n");
  g_autoptr(WbImportReport) report = wb_import_report_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (wb_import_clients_csv (fx->store, path, fx->organisation_id, report, &error));
  g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“bsn”"));
  g_assert_nonnull (strstr (error->message, "nothing was imported"));
  g_assert_cmpuint (report->n_read, ==, 0);
  g_assert_cmpuint (report->n_imported, ==, 0);
  g_assert_cmpint (wb_store_count (fx->store, "clients"), ==, 0);
  g_assert_cmpint (sqlite3_get_autocommit (_wb_store_get_db (fx->store)), !=, 0);
}

/* Employers */

static void
test_employers (Fixture       *fx,
                gconstpointer  data)
{
  g_autofree char *existing = g_strdup_printf ("{\"kvk\": \"12345678\", \"name\": \"Oud BV\", \"sector\": \"retail\", "
                                               "\"employee_count\": 10, \"pc4\": \"6411\", \"municipality_id\": %lld}",
                                               (long long) fx->heerlen_id);
  g_autofree char *path = write_file (fx->dir, "werkgevers.csv",
    "\xEF\xBB\xBFKvK;Naam;Sector;Medewerkers;Postcode;Gemeente\r\n"
    "23456789;Zorg Thuis BV;zorg;1.250;6411 AB;Heerlen\r\n"          /* 2: new */
    "12345678;Nieuw BV;Horeca;30;6461;Kerkrade\r\n"                   /* 3: merged into Oud BV */
    "23456789;Dubbel BV;logistiek;5;6411;Heerlen\r\n"                 /* 4: KvK of line 2 again */
    "34567890;Raar BV;ruimtevaart;5;6411;Heerlen\r\n"                 /* 5: no such sector */
    "1234AB78;Fout BV;bouw;5;6411;Heerlen\r\n"                        /* 6: not a KvK number */
    "45678901;Ver BV;techniek;5;6411;Atlantis\r\n"                    /* 7: no such municipality */
    "56789012;Kort BV;groen;5\r\n"                                    /* 8: columns missing */
    "6789012;\"Nul; BV\";schoonmaak;8;6412;heerlen\r\n"               /* 9: new, KvK 06789012 */
    "78901234;Code BV;customer_service;12;6411;GM0917;;\r\n");         /* 10: new, code and trailing ';' */
  g_autoptr(WbImportReport) report = wb_import_report_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 old_id;

  old_id = wb_test_insert (fx->store, WB_RESOURCE_EMPLOYERS, existing);

  g_assert_true (wb_import_employers_csv (fx->store, path, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_read, ==, 9);
  g_assert_cmpuint (report->n_imported, ==, 3);
  g_assert_cmpuint (report->n_updated, ==, 1);
  g_assert_cmpuint (report->n_failed, ==, 5);
  g_assert_cmpuint (report->messages->len, ==, 6);
  assert_message (report, 0, "row 3: KvK number 12345678: merged");
  assert_message (report, 1, "row 4, column KvK: 23456789 stands earlier in this file");
  assert_message (report, 2, "row 5, column Sector:");
  assert_message (report, 3, "row 6, column KvK:");
  assert_message (report, 4, "row 7, column Gemeente:");
  assert_message (report, 5, "row 8: it has 4 fields where the header has 6");

  g_assert_cmpint (wb_store_count (fx->store, "employers"), ==, 4);
  text = query_text (fx->store, "SELECT name || '|' || sector || '|' || employee_count || '|' || pc4 || '|' || active "
                                "FROM employers WHERE kvk = ?1", "23456789");
  g_assert_cmpstr (text, ==, "Zorg Thuis BV|care|1250|6411|1");
  g_clear_pointer (&text, g_free);

  /* The merged account has the file's name, sector and size, and keeps its own place. */
  text = query_text (fx->store, "SELECT id || '|' || name || '|' || sector || '|' || employee_count || '|' || pc4 || '|' || "
                                "municipality_id || '|' || version FROM employers WHERE kvk = ?1", "12345678");
  {
    g_autofree char *expected = g_strdup_printf ("%lld|Nieuw BV|hospitality|30|6411|%lld|2", (long long) old_id,
                                                 (long long) fx->heerlen_id);

    g_assert_cmpstr (text, ==, expected);
  }
  g_clear_pointer (&text, g_free);
  text = query_text (fx->store, "SELECT name || '|' || sector || '|' || pc4 FROM employers WHERE kvk = ?1", "06789012");
  g_assert_cmpstr (text, ==, "Nul; BV|cleaning|6412");
  g_clear_pointer (&text, g_free);
  text = query_text (fx->store, "SELECT sector || '|' || municipality_id FROM employers WHERE kvk = ?1", "78901234");
  {
    g_autofree char *expected = g_strdup_printf ("customer_service|%lld", (long long) fx->heerlen_id);

    g_assert_cmpstr (text, ==, expected);
  }
  g_assert_cmpint (query_int (fx->store, "SELECT count(*) FROM employers WHERE kvk IN ('34567890', '45678901', '56789012')", NULL), ==, 0);
}

static void
test_employers_missing_column (Fixture       *fx,
                               gconstpointer  data)
{
  g_autofree char *path = write_file (fx->dir, "werkgevers.csv",
                                      "naam;sector;medewerkers;postcode;gemeente\n"
                                      "Zorg Thuis BV;zorg;12;6411;Heerlen\n");
  g_autoptr(WbImportReport) report = wb_import_report_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (wb_import_employers_csv (fx->store, path, report, &error));
  g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“kvk”"));
  g_assert_cmpint (wb_store_count (fx->store, "employers"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/csv/quoting", test_csv_quoting);
  g_test_add_func ("/import/csv/delimiters", test_csv_delimiters);
  g_test_add_func ("/import/csv/broken", test_csv_broken);
  g_test_add_func ("/import/csv/numbers-and-dates", test_csv_numbers_dates);
  g_test_add ("/import/pc4/all-areas-idempotent", Fixture, NULL, fixture_set_up, test_pc4, fixture_tear_down);
  g_test_add ("/import/pc4/bad-rows", Fixture, NULL, fixture_set_up, test_pc4_broken, fixture_tear_down);
  g_test_add ("/import/esco/reduced-files-exact-counts-idempotent", Fixture, NULL, fixture_set_up,
              test_esco_reduced, fixture_tear_down);
  g_test_add ("/import/esco/official-layout", Fixture, NULL, fixture_set_up, test_esco_official, fixture_tear_down);
  g_test_add ("/import/starter-taxonomy/counts-links-idempotent", Fixture, NULL, fixture_set_up,
              test_starter_taxonomy, fixture_tear_down);
  g_test_add ("/import/clients/dutch-excel-and-update", Fixture, NULL, fixture_set_up, test_clients_good, fixture_tear_down);
  g_test_add ("/import/clients/english-headers", Fixture, NULL, fixture_set_up, test_clients_english, fixture_tear_down);
  g_test_add ("/import/clients/bad-rows-reported-good-rows-kept", Fixture, NULL, fixture_set_up,
              test_clients_broken, fixture_tear_down);
  g_test_add ("/import/clients/missing-column-refuses-file", Fixture, NULL, fixture_set_up,
              test_clients_missing_column, fixture_tear_down);
  g_test_add ("/import/employers/merge-duplicates-bad-rows", Fixture, NULL, fixture_set_up, test_employers, fixture_tear_down);
  g_test_add ("/import/employers/missing-column-refuses-file", Fixture, NULL, fixture_set_up,
              test_employers_missing_column, fixture_tear_down);

  return g_test_run ();
}
