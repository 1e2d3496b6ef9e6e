/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "test-store-files"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "wb-region.h"
#include "wb-store-files.h"
#include "wb-test-store.h"
#include "wb-test-util.h"

/* The files of a database as the people who run a server meet them: private modes, the
 * check that refuses a database others can read, copies and their rotation, restore, an
 * upgrade from the previous schema, and the region a new database starts with. */

static gint64
add_organisation (WbStore    *store,
                  const char *code)
{
  return wb_test_insert_printf (store, WB_RESOURCE_ORGANISATIONS,
                                "{\"code\":\"%s\",\"name\":\"Organisatie %s\",\"kind\":\"wsp\",\"region\":\"Parkstad\"}",
                                code, code);
}

/* A new database, its WAL and shared-memory files and every copy are their owner's alone,
 * and a folder made for copies is too. */
static void
test_private_modes (void)
{
  g_autofree char *dir = wb_test_make_dir ();
  g_autofree char *db = g_build_filename (dir, "werkbrug.db", NULL);
  g_autofree char *wal = g_build_filename (dir, "werkbrug.db-wal", NULL);
  g_autofree char *shm = g_build_filename (dir, "werkbrug.db-shm", NULL);
  g_autofree char *copy = g_build_filename (dir, "copy.db", NULL);
  g_autofree char *backups = g_build_filename (dir, "backups", "nightly", NULL);
  g_autofree char *rotated = NULL;
  g_autoptr(WbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  mode_t old_umask = umask (0022);

  store = wb_store_open (db, &error);
  g_assert_no_error (error);
  add_organisation (store, "wsp-a");

  g_assert_cmphex (wb_test_file_mode (db), ==, 0600);
  g_assert_cmphex (wb_test_file_mode (wal), ==, 0600);
  g_assert_cmphex (wb_test_file_mode (shm), ==, 0600);
  g_assert_true (wb_store_check_private (db, &error));
  g_assert_no_error (error);

  g_assert_true (wb_store_backup (store, copy, &error));
  g_assert_no_error (error);
  g_assert_cmphex (wb_test_file_mode (copy), ==, 0600);

  rotated = wb_store_backup_into (db, backups, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (rotated, backups));
  g_assert_true (g_regex_match_simple ("/werkbrug-[0-9]{8}-[0-9]{6}\\.db$", rotated, 0, 0));
  g_assert_cmphex (wb_test_file_mode (rotated), ==, 0600);
  g_assert_cmphex (wb_test_file_mode (backups), ==, 0700);
  g_assert_cmpint (wb_test_count_rows (rotated, "organisations"), ==, 1);

  umask (old_umask);
  g_clear_object (&store);
  wb_test_remove_dir (dir);
}

/* A database or folder that others can read or change is refused, with what to do. */
static void
test_check_private (void)
{
  g_autofree char *dir = wb_test_make_dir ();
  g_autofree char *db = g_build_filename (dir, "werkbrug.db", NULL);
  g_autofree char *wal = g_build_filename (dir, "werkbrug.db-wal", NULL);
  g_autofree char *missing = g_build_filename (dir, "not-yet.db", NULL);
  g_autofree char *expected = NULL;
  g_autoptr(WbStore) store = NULL;
  g_autoptr(GError) error = NULL;

  /* A database that does not exist yet: its folder decides. */
  g_assert_true (wb_store_check_private (missing, &error));
  g_assert_no_error (error);

  store = wb_store_open (db, &error);
  g_assert_no_error (error);
  add_organisation (store, "wsp-a");

  g_assert_cmpint (g_chmod (db, 0644), ==, 0);
  g_assert_false (wb_store_check_private (db, &error));
  g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID);
  expected = g_strdup_printf ("chmod 600 %s", db);
  g_assert_nonnull (strstr (error->message, expected));
  g_clear_error (&error);
  g_clear_pointer (&expected, g_free);
  g_assert_cmpint (g_chmod (db, 0600), ==, 0);

  /* Group-writable is as wrong as readable; the WAL counts as much as the file. */
  g_assert_cmpint (g_chmod (wal, 0620), ==, 0);
  g_assert_false (wb_store_check_private (db, &error));
  g_assert_nonnull (strstr (error->message, wal));
  g_clear_error (&error);
  g_assert_cmpint (g_chmod (wal, 0600), ==, 0);

  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  g_assert_false (wb_store_check_private (db, &error));
  g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID);
  expected = g_strdup_printf ("chmod 700 %s", dir);
  g_assert_nonnull (strstr (error->message, expected));
  g_clear_error (&error);

  /* Others may pass through the folder to a private file: that reads nothing. */
  g_assert_cmpint (g_chmod (dir, 0711), ==, 0);
  g_assert_true (wb_store_check_private (db, &error));
  g_assert_no_error (error);

  g_clear_object (&store);
  wb_test_remove_dir (dir);
}

static void
touch (const char *dir,
       const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, "", 0, NULL));
}

static gboolean
exists_in (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* Rotation keeps the newest N scheduled copies of this database and touches nothing else:
 * not the copies before an upgrade or a restore, not another database's, not other files. */
static void
test_prune (void)
{
  g_autofree char *dir = wb_test_make_dir ();
  g_autofree char *db = g_build_filename (dir, "werkbrug.db", NULL);
  g_autofree char *backups = g_build_filename (dir, "backups", NULL);
  g_autofree char *newest = NULL;
  g_autofree char *newest_name = NULL;
  g_autoptr(WbStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = wb_store_open (db, &error);
  g_assert_no_error (error);
  add_organisation (store, "wsp-a");

  g_assert_cmpint (g_mkdir (backups, 0700), ==, 0);
  touch (backups, "werkbrug-20240101-023000.db");
  touch (backups, "werkbrug-20250101-023000.db");
  touch (backups, "werkbrug-20250102-023000.db");
  touch (backups, "werkbrug-before-schema-2-20200101-000000.db");
  touch (backups, "werkbrug-before-restore-20200101-000000.db");
  touch (backups, "other-20200101-000000.db");
  touch (backups, "notes.txt");

  newest = wb_store_backup_into (db, backups, NULL, &error);
  g_assert_no_error (error);
  newest_name = g_path_get_basename (newest);

  g_assert_cmpint (wb_store_prune_backups (db, backups, 2, &error), ==, 2);
  g_assert_no_error (error);
  g_assert_true (exists_in (backups, newest_name));
  g_assert_true (exists_in (backups, "werkbrug-20250102-023000.db"));
  g_assert_false (exists_in (backups, "werkbrug-20250101-023000.db"));
  g_assert_false (exists_in (backups, "werkbrug-20240101-023000.db"));
  g_assert_true (exists_in (backups, "werkbrug-before-schema-2-20200101-000000.db"));
  g_assert_true (exists_in (backups, "werkbrug-before-restore-20200101-000000.db"));
  g_assert_true (exists_in (backups, "other-20200101-000000.db"));
  g_assert_true (exists_in (backups, "notes.txt"));

  /* Nothing more to remove the second time. */
  g_assert_cmpint (wb_store_prune_backups (db, backups, 2, &error), ==, 0);

  g_clear_object (&store);
  wb_test_remove_dir (dir);
}

/* A copy goes back: checked first, refused while the database is open, the replaced
 * database kept, the old WAL not played into the restored file. */
static void
test_restore (void)
{
  g_autofree char *dir = wb_test_make_dir ();
  g_autofree char *db = g_build_filename (dir, "werkbrug.db", NULL);
  g_autofree char *wal = g_build_filename (dir, "werkbrug.db-wal", NULL);
  g_autofree char *copy = g_build_filename (dir, "copy.db", NULL);
  g_autofree char *damaged = g_build_filename (dir, "damaged.db", NULL);
  g_autofree char *text = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *kept_dir = g_build_filename (dir, "kept", NULL);
  g_autofree char *kept = NULL;
  g_autoptr(WbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  store = wb_store_open (db, &error);
  g_assert_no_error (error);
  add_organisation (store, "wsp-a");
  g_assert_true (wb_store_backup (store, copy, &error));
  g_assert_no_error (error);
  add_organisation (store, "wsp-b");

  /* Not while a store has it open. */
  g_assert_false (wb_store_restore (db, copy, kept_dir, &kept, &error));
  g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "stop werkbrug-server"));
  g_clear_error (&error);
  g_assert_null (kept);

  /* A copy that is no database, or a damaged one, is refused before anything changes. */
  g_assert_true (g_file_set_contents (text, "Dit is geen database, maar een briefje.", -1, NULL));
  g_assert_false (wb_store_restore (db, text, kept_dir, &kept, &error));
  g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (copy, &contents, &length, NULL));
  /* Zeroes over the first table pages after the header: a file SQLite opens but whose
   * integrity check fails. */
  memset (contents + 4096, 0, MIN (length - 4096, 3 * 4096));
  g_assert_true (g_file_set_contents (damaged, contents, length, NULL));
  g_assert_false (wb_store_verify_file (damaged, NULL, &error));
  g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (wb_store_restore (db, damaged, kept_dir, &kept, &error));
  g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_clear_object (&store);
  g_assert_cmpint (wb_test_count_rows (db, "organisations"), ==, 2);

  /* A WAL left behind by a server that stopped badly belongs to the old file. */
  g_assert_true (g_file_set_contents (wal, "left by a crash", -1, NULL));
  g_assert_true (wb_store_restore (db, copy, kept_dir, &kept, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmphex (wb_test_file_mode (db), ==, 0600);
  g_assert_cmpint (wb_test_count_rows (db, "organisations"), ==, 1);

  /* The replaced database is kept, labelled, outside the rotation. */
  g_assert_nonnull (kept);
  g_assert_true (g_regex_match_simple ("/kept/werkbrug-before-restore-[0-9]{8}-[0-9]{6}\\.db$", kept, 0, 0));
  g_assert_cmpint (wb_test_count_rows (kept, "organisations"), ==, 2);
  g_assert_cmphex (wb_test_file_mode (kept), ==, 0600);

  g_clear_pointer (&kept, g_free);
  wb_test_remove_dir (dir);
}

/* A copy of an older database is taken as it is; opening the database migrates it and its
 * rows come along. */
static void
test_previous_schema (void)
{
  g_autofree char *dir = wb_test_make_dir ();
  g_autofree char *db = g_build_filename (dir, "werkbrug.db", NULL);
  g_autofree char *copy = g_build_filename (dir, "copy.db", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.db", NULL);
  int latest = wb_store_get_latest_schema_version ();
  g_autoptr(WbStore) store = NULL;
  g_autoptr(WbStoreUser) user = NULL;
  g_autoptr(GError) error = NULL;
  int version = 0;

  wb_test_make_previous_schema (db, "x");
  g_assert_cmpint (wb_store_peek_schema_version (db, &error), ==, latest - 1);
  g_assert_cmpint (wb_store_peek_schema_version (missing, &error), ==, 0);
  g_assert_no_error (error);

  g_assert_true (wb_store_backup_file (db, copy, &error));
  g_assert_no_error (error);
  g_assert_true (wb_store_verify_file (copy, &version, &error));
  g_assert_cmpint (version, ==, latest - 1);
  g_assert_cmpint (wb_store_peek_schema_version (db, &error), ==, latest - 1);

  store = wb_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wb_store_get_schema_version (store), ==, latest);
  g_assert_cmpint (wb_store_count (store, "organisations"), ==, 1);
  user = wb_store_find_user (store, "beheer", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (user->display_name, ==, "Beheer Oud");
  g_assert_cmpstr (user->role, ==, "admin");

  g_clear_object (&store);
  wb_test_remove_dir (dir);
}

/* The built-in region: every municipality has exactly one organisation that owns its
 * clients, and a new database gets the organisations, municipalities and who serves what. */
static void
test_region (void)
{
  g_autofree char *dir = wb_test_make_dir ();
  g_autofree char *db = g_build_filename (dir, "werkbrug.db", NULL);
  g_autoptr(WbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 organisations[WB_REGION_N_ORGANISATIONS];
  gint64 municipalities[WB_REGION_N_MUNICIPALITIES];

  for (guint m = 0; m < WB_REGION_N_MUNICIPALITIES; m++)
    {
      guint owners = 0;

      for (guint o = 0; o < WB_REGION_N_ORGANISATIONS; o++)
        owners += wb_region_organisations[o].owns_clients && wb_region_serves (&wb_region_organisations[o], m);
      g_assert_cmpuint (owners, ==, 1);
    }

  store = wb_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_true (wb_store_begin (store, &error));
  g_assert_true (wb_region_insert (store, wb_region_organisations, WB_REGION_N_ORGANISATIONS, NULL,
                                   "2026-01-01T00:00:00Z", organisations, municipalities, &error));
  g_assert_no_error (error);
  g_assert_true (wb_store_commit (store, &error));

  g_assert_cmpint (wb_store_count (store, "organisations"), ==, WB_REGION_N_ORGANISATIONS);
  g_assert_cmpint (wb_store_count (store, "municipalities"), ==, WB_REGION_N_MUNICIPALITIES);
  g_assert_cmpint (wb_store_find_organisation (store, "wsp-zuid-limburg", NULL), ==, organisations[15]);
  {
    g_autoptr(JsonObject) heerlen = wb_store_get (store, WB_RESOURCE_MUNICIPALITIES, municipalities[2], &error);

    g_assert_cmpstr (json_object_get_string_member (heerlen, "name"), ==, "Heerlen");
    g_assert_cmpstr (json_object_get_string_member (heerlen, "code"), ==, "GM0917");
    g_assert_cmpint (json_object_get_int_member (heerlen, "organisation_id"), ==,
                     wb_store_find_organisation (store, "gemeente-heerlen", NULL));
  }
  /* WSP Zuid-Limburg serves all sixteen; WerkvoorHeerlen serves Heerlen alone. */
  g_assert_cmpint (wb_store_count (store, "organisation_municipalities"), ==,
                   3 + 2 + 1 + 1 + 1 + 1 + 1 + 7 + 7 + 6 + 6 + 6 + 6 + 3 + 3 + 16);

  g_clear_object (&store);
  wb_test_remove_dir (dir);
}

/* Organisations from a file: right rows are taken, a wrong row names its line and field. */
static void
test_region_file (void)
{
  static const struct {
    const char *row;
    const char *message;
  } wrong[] = {
    { "wsp-x;WSP X;bank;Parkstad;;nee", "line 2: kind" },
    { "wsp-x;WSP X;wsp;Twente;;nee", "line 2: region" },
    { "isd-x;ISD X;social_service;Parkstad;Heerlen|Amsterdam;ja", "Amsterdam is not a municipality" },
    { "isd-x;ISD X;social_service;Parkstad;Heerlen;misschien", "owns_clients" },
  };
  g_autofree char *dir = wb_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "organisations.csv", NULL);
  g_autoptr(GArray) organisations = NULL;
  g_autoptr(GError) error = NULL;
  const WbRegionOrganisation *first, *second;

  g_assert_true (g_file_set_contents (path,
                                      "code;name;kind;region;serves;owns_clients\n"
                                      "isd-noord;ISD Noord;social_service;Parkstad;Heerlen | Brunssum;ja\n"
                                      "wsp-zuid;WSP Zuid;wsp;Zuid-Limburg;;nee\n", -1, NULL));
  organisations = wb_region_read_organisations (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (organisations->len, ==, 2);
  first = &g_array_index (organisations, WbRegionOrganisation, 0);
  second = &g_array_index (organisations, WbRegionOrganisation, 1);
  g_assert_cmpstr (first->code, ==, "isd-noord");
  g_assert_cmpstr (first->serves, ==, "Heerlen|Brunssum");
  g_assert_true (first->owns_clients);
  g_assert_null (second->serves);
  g_assert_false (second->owns_clients);
  g_assert_cmpint (wb_region_owner_of (first, 2, 2), ==, 0);   /* Heerlen */
  g_assert_cmpint (wb_region_owner_of (first, 2, 7), ==, -1);  /* Maastricht: nobody's */

  for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
    {
      g_autofree char *text = g_strdup_printf ("code;name;kind;region;serves;owns_clients\n%s\n", wrong[i].row);
      g_autoptr(GArray) none = NULL;

      g_assert_true (g_file_set_contents (path, text, -1, NULL));
      none = wb_region_read_organisations (path, &error);
      g_assert_null (none);
      g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, wrong[i].message));
      g_clear_error (&error);
    }

  /* The same code twice, and a file without the columns. */
  g_assert_true (g_file_set_contents (path, "code,name,kind,region\nwsp-a,A,wsp,Parkstad\nwsp-a,B,wsp,Parkstad\n", -1, NULL));
  g_assert_null (wb_region_read_organisations (path, &error));
  g_assert_nonnull (strstr (error->message, "line 3: code: wsp-a is in the file twice"));
  g_clear_error (&error);
  g_assert_true (g_file_set_contents (path, "naam,soort\nA,wsp\n", -1, NULL));
  g_assert_null (wb_region_read_organisations (path, &error));
  g_assert_nonnull (strstr (error->message, "no column code"));
  g_clear_error (&error);

  wb_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store-files/new-files-are-private", test_private_modes);
  g_test_add_func ("/store-files/readable-database-refused", test_check_private);
  g_test_add_func ("/store-files/prune-keeps-newest", test_prune);
  g_test_add_func ("/store-files/restore", test_restore);
  g_test_add_func ("/store-files/previous-schema", test_previous_schema);
  g_test_add_func ("/store-files/region", test_region);
  g_test_add_func ("/store-files/region-from-file", test_region_file);

  return g_test_run ();
}
