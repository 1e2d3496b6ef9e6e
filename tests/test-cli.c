/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <string.h>

#include "wb-password.h"
#include "wb-store.h"
#include "wb-test-cli.h"
#include "wb-test-util.h"

/* werkbrug-server's command line as an administrator meets it: every command has --help,
 * a wrong argument gets a message and exit code 2, and the commands do what they say. */

static void
test_help (void)
{
  static const char * const commands[][3] = {
    { "serve", "--listen", "serve" }, { "org", "--region", "org add" }, { "user", "--role", "user add" },
    { "import", "--org", "import" }, { "demo", "--clients", "demo" }, { "backup", "--keep", "backup" },
    { "init", "--organisations", "init" }, { "restore", "--from", "restore" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(WbTestRun) run = { 0 };
      g_autofree char *usage = g_strdup_printf ("Usage:\n  werkbrug-server %s [OPTION", commands[i][2]);

      wb_test_run (&run, NULL, commands[i][0], "--help", NULL);
      g_assert_cmpint (run.status, ==, 0);
      /* The usage line starts with the command as it is typed. */
      g_assert_true (g_str_has_prefix (run.out, usage));
      g_assert_nonnull (strstr (run.out, "--db"));
      g_assert_nonnull (strstr (run.out, commands[i][1]));
    }

  {
    g_auto(WbTestRun) run = { 0 };

    wb_test_run (&run, NULL, "--help", NULL);
    g_assert_cmpint (run.status, ==, 0);
    for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
      g_assert_nonnull (strstr (run.out, commands[i][0]));
  }
}

static void
test_wrong_arguments (void)
{
  static const struct {
    const char *args[9];
    const char *message;
  } cases[] = {
    { { NULL }, "" },
    { { "launch", NULL }, "launch" },
    { { "serve", "--listen", "127.0.0.1:8080", NULL }, "--db is required" },
    { { "serve", "--db", "x.db", NULL }, "--listen is required" },
    { { "serve", "--db", "x.db", "--listen", "127.0.0.1:8080", "--tls-cert" }, "" },
    { { "serve", "--no-such-option", NULL }, "no-such-option" },
    { { "serve", "--db", "x.db", "--listen", "nonsense", NULL }, "--listen nonsense is not an address and port" },
    { { "serve", "--db", "x.db", "--listen", "127.0.0.1", NULL }, "is not an address and port" },
    { { "serve", "--db", "x.db", "--listen", "127.0.0.1:99999", NULL }, "is not an address and port" },
    { { "serve", "--db", "x.db", "--listen", "nonsense:8080", NULL }, "nonsense is not an IP address" },
    { { "org", "remove", "--db", "x.db", NULL }, "org add" },
    { { "user", "add", "--db", "x.db", NULL }, "are required" },
    { { "import", "--db", "x.db", "spreadsheets", "a.csv", NULL }, "esco, pc4, clients, employers" },
    { { "import", "--db", "x.db", "clients", "a.csv", NULL }, "--org" },
    { { "demo", "--db", "x.db", "--clients", "0", NULL }, "between 1 and 1000000" },
    { { "demo", "--db", "x.db", "--clients", "many", NULL }, "" },
    { { "backup", "--to", "copy.db", NULL }, "--db is required" },
    { { "backup", "--db", "x.db", "--to", "copy.db", "--keep", "3", NULL }, "--dir and --keep are for dated copies" },
    { { "backup", "--db", "x.db", "--keep", "-1", NULL }, "--keep must be at least 1" },
    { { "backup", "--db", "no-such.db", NULL }, "no-such.db does not exist" },
    { { "init", NULL }, "--db is required" },
    { { "init", "--db", "x.db", "--admin-org", "bank", NULL }, "--admin-org bank is not one of the region's organisations" },
    { { "init", "--db", "x.db", "--organisations", "no-such.csv", NULL }, "no-such.csv" },
    { { "restore", "--db", "x.db", NULL }, "--from are required" },
    { { "restore", "--db", "x.db", "--from", "no-such.db", NULL }, "no-such.db does not exist" },
    { { "serve", "--db", "x.db", "--listen", "127.0.0.1:0", "--session-lifetime", "soon", NULL },
      "--session-lifetime soon is not a duration" },
    { { "serve", "--db", "x.db", "--listen", "127.0.0.1:0", "--access-log", "access.log", NULL },
      "--access-log access.log is not none, stderr or an absolute path" },
    { { "serve", "--config", "no-such.conf", NULL }, "no-such.conf" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(WbTestRun) run = { 0 };
      const char * const *a = cases[i].args;

      wb_test_run_argv (&run, NULL, NULL, a);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_true (g_str_has_prefix (run.err, "werkbrug-server") || strstr (run.err, "Usage") != NULL);
      g_assert_nonnull (strstr (run.err, cases[i].message));
    }
}

static void
test_org_and_user (void)
{
  g_autofree char *dir = wb_test_make_dir ();
  g_autofree char *db = g_build_filename (dir, "werkbrug.db", NULL);
  g_autoptr(WbStore) store = NULL;
  g_autoptr(WbStoreUser) user = NULL;
  g_autoptr(GError) error = NULL;

  {
    g_auto(WbTestRun) run = { 0 };

    wb_test_run (&run, NULL, "org", "add", "--db", db, "--code", "wsp-test", "--name", "WSP Test",
                "--kind", "wsp", "--region", "Parkstad", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "wsp-test"));
  }
  {
    g_auto(WbTestRun) run = { 0 };

    /* An unknown kind is a wrong argument, named. */
    wb_test_run (&run, NULL, "org", "add", "--db", db, "--code", "x", "--name", "X",
                "--kind", "bank", "--region", "Parkstad", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "--kind"));
  }
  {
    g_auto(WbTestRun) run = { 0 };

    wb_test_run (&run, "correct horse battery\n", "user", "add", "--db", db, "--org", "wsp-test",
                "--role", "account_manager_wsp", "--username", "anna", "--name", "Anna Test", NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_auto(WbTestRun) run = { 0 };

    wb_test_run (&run, "short\n", "user", "add", "--db", db, "--org", "wsp-test",
                "--role", "coordinator", "--username", "ben", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "at least 10 characters"));
  }
  {
    g_auto(WbTestRun) run = { 0 };

    wb_test_run (&run, "long enough password\n", "user", "add", "--db", db, "--org", "no-such-org",
                "--role", "coordinator", "--username", "ben", NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
  {
    g_auto(WbTestRun) run = { 0 };

    wb_test_run (&run, "long enough password\n", "user", "add", "--db", db, "--org", "wsp-test",
                "--role", "boss", "--username", "ben", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "unknown role"));
  }
  {
    g_auto(WbTestRun) run = { 0 };

    /* The same username twice is refused and says so. */
    wb_test_run (&run, "another long password\n", "user", "add", "--db", db, "--org", "wsp-test",
                "--role", "coordinator", "--username", "anna", NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "taken"));
  }

  store = wb_store_open (db, &error);
  g_assert_no_error (error);
  user = wb_store_find_user (store, "anna", 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (user);
  g_assert_cmpstr (user->display_name, ==, "Anna Test");
  g_assert_cmpstr (user->role, ==, "account_manager_wsp");
  g_assert_true (user->active);
  /* Stored as an Argon2id hash of what came on standard input, without the newline. */
  g_assert_true (g_str_has_prefix (user->password_hash, "$argon2id$"));
  g_assert_true (wb_password_verify (user->password_hash, "correct horse battery"));
  g_assert_false (wb_password_verify (user->password_hash, "correct horse battery\n"));
  g_assert_cmpint (wb_store_count (store, "users"), ==, 1);

  g_clear_object (&store);
  wb_test_remove_dir (dir);
}

static void
test_demo_import_backup (void)
{
  g_autofree char *dir = wb_test_make_dir ();
  g_autofree char *db = g_build_filename (dir, "werkbrug.db", NULL);
  g_autofree char *copy = g_build_filename (dir, "copy.db", NULL);
  g_autoptr(WbStore) store = NULL;
  g_autoptr(WbStore) backup = NULL;
  g_autoptr(GError) error = NULL;
  const char *shared = wb_test_shared_data ();

  {
    g_auto(WbTestRun) run = { 0 };

    wb_test_run (&run, NULL, "demo", "--db", db, "--clients", "300", "--seed", "7", NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_auto(WbTestRun) run = { 0 };

    /* A second demo into the same database would mix two regions: refused. */
    wb_test_run (&run, NULL, "demo", "--db", db, "--clients", "300", NULL);
    g_assert_cmpint (run.status, ==, 1);
  }
  if (shared != NULL)
    {
      g_auto(WbTestRun) run = { 0 };
      g_autofree char *pc4 = g_build_filename (shared, "pc4", "pc4_nl.csv", NULL);

      wb_test_run (&run, NULL, "import", "pc4", "--db", db, pc4, NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_nonnull (strstr (run.out, "Read 4069"));
    }
  {
    g_auto(WbTestRun) run = { 0 };

    wb_test_run (&run, NULL, "backup", "--db", db, "--to", copy, NULL);
    g_assert_cmpint (run.status, ==, 0);
  }

  store = wb_store_open (db, &error);
  g_assert_no_error (error);
  backup = wb_store_open (copy, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wb_store_count (store, "clients"), ==, 300);
  g_assert_cmpint (wb_store_count (backup, "clients"), ==, 300);
  g_assert_cmpint (wb_store_count (backup, "employers"), ==, wb_store_count (store, "employers"));
  g_assert_cmpint (wb_store_count (backup, "events"), ==, wb_store_count (store, "events"));
  g_assert_cmpint (wb_store_count (backup, "users"), ==, wb_store_count (store, "users"));
  if (shared != NULL)
    g_assert_cmpint (wb_store_count (backup, "pc4_areas"), ==, 4069);

  g_clear_object (&store);
  g_clear_object (&backup);
  wb_test_remove_dir (dir);
}

/* The CBS social-assistance figures of ../shared/data into their own table; again, they
 * are updated; a file of another shape is refused with nothing written. */
static void
test_import_cbs (void)
{
  const char *shared = wb_test_shared_data ();
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *cbs = NULL;
  g_autofree char *bad = NULL;
  g_autoptr(WbStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (shared == NULL)
    return;
  cbs = g_build_filename (shared, "cbs", "cbs_bijstand_zuid_limburg_2015_2017.csv", NULL);
  if (!g_file_test (cbs, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("no CBS file in the shared data");
      return;
    }
  dir = wb_test_make_dir ();
  db = g_build_filename (dir, "werkbrug.db", NULL);
  bad = g_build_filename (dir, "bad.csv", NULL);
  {
    g_auto(WbTestRun) run = { 0 };

    wb_test_run (&run, NULL, "import", "cbs", "--db", db, cbs, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "Read 54, imported 54, updated 0, refused 0"));
  }
  {
    g_auto(WbTestRun) run = { 0 };

    wb_test_run (&run, NULL, "import", "cbs", "--db", db, cbs, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "imported 0, updated 54"));
  }
  g_assert_true (g_file_set_contents (bad, "jaar;plaats\n2017;Heerlen\n", -1, NULL));
  {
    g_auto(WbTestRun) run = { 0 };

    wb_test_run (&run, NULL, "import", "cbs", "--db", db, bad, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "year"));
  }

  store = wb_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wb_store_count (store, "cbs_social_assistance"), ==, 54);
  g_clear_object (&store);
  wb_test_remove_dir (dir);
}

/* A demo without --pc4 takes the shared PC4 centres when they are there, and says which;
 * without them it still works, and says that distances stay unknown. */
static void
test_demo_pc4_default (void)
{
  const char *shared = wb_test_shared_data ();
  g_autofree char *dir = NULL;
  g_autofree char *with = NULL;
  g_autofree char *without = NULL;
  g_autofree char *nowhere = NULL;
  g_autofree char *pc4 = NULL;
  g_autoptr(WbStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (shared == NULL)
    return;
  dir = wb_test_make_dir ();
  with = g_build_filename (dir, "with.db", NULL);
  without = g_build_filename (dir, "without.db", NULL);
  nowhere = g_build_filename (dir, "no-shared-data", NULL);
  pc4 = g_build_filename (shared, "pc4", "pc4_nl.csv", NULL);

  {
    g_auto(WbTestRun) run = { 0 };

    wb_test_run_with_shared_data (&run, NULL, "demo", "--help", NULL);
    g_assert_nonnull (strstr (run.out, "WB_SHARED_DATA/pc4/pc4_nl.csv"));
  }
  {
    g_auto(WbTestRun) run = { 0 };

    wb_test_run_with_shared_data (&run, shared, "demo", "--db", with, "--clients", "50", "-q", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, pc4));
  }
  store = wb_store_open (with, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wb_store_count (store, "pc4_areas"), ==, 4069);
  g_clear_object (&store);

  {
    g_auto(WbTestRun) run = { 0 };

    wb_test_run_with_shared_data (&run, nowhere, "demo", "--db", without, "--clients", "50", "-q", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "travel distances stay unknown"));
  }
  store = wb_store_open (without, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wb_store_count (store, "pc4_areas"), ==, 0);
  g_assert_cmpint (wb_store_count (store, "clients"), ==, 50);
  g_clear_object (&store);

  wb_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/help-for-every-command", test_help);
  g_test_add_func ("/cli/wrong-arguments-exit-2", test_wrong_arguments);
  g_test_add_func ("/cli/org-and-user-add", test_org_and_user);
  g_test_add_func ("/cli/demo-import-backup", test_demo_import_backup);
  g_test_add_func ("/cli/import-cbs", test_import_cbs);
  g_test_add_func ("/cli/demo-takes-shared-pc4", test_demo_pc4_default);

  return g_test_run ();
}
