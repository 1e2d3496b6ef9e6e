/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <string.h>

#include "wb-password.h"
#include "wb-store.h"
#include "wb-test-util.h"

/* werkbrug-server's command line as an administrator meets it: every command has --help,
 * a wrong argument gets a message and exit code 2, and the commands do what they say. */

typedef struct {
  int status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs werkbrug-server with @args and @input on its standard input; with @shared_data as
 * WB_SHARED_DATA unless it is NULL. */
static void
run_server_v (Run         *run,
              const char  *input,
              const char  *shared_data,
              const char  *first,
              va_list      args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *input_dir = NULL;
  g_autofree char *input_path = NULL;
  const char *server = g_getenv ("WB_SERVER");

  g_assert_nonnull (server);
  g_ptr_array_add (argv, (gpointer) server);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* The input comes from a file, not a pipe: a command that refuses its arguments exits
   * without reading it, and writing into a pipe nobody reads would kill the test with
   * SIGPIPE. */
  if (input != NULL)
    {
      input_dir = wb_test_make_dir ();
      input_path = g_build_filename (input_dir, "stdin", NULL);
      g_assert_true (g_file_set_contents (input_path, input, -1, &error));
      g_assert_no_error (error);
      g_subprocess_launcher_set_stdin_file_path (launcher, input_path);
    }
  else
    g_subprocess_launcher_set_stdin_file_path (launcher, "/dev/null");
  /* The messages are checked in English. */
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "C", TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  if (shared_data != NULL)
    g_subprocess_launcher_setenv (launcher, "WB_SHARED_DATA", shared_data, TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
  g_test_message ("exit %d\nstdout: %s\nstderr: %s", run->status, run->out, run->err);
  if (input_dir != NULL)
    wb_test_remove_dir (input_dir);
}

/* Runs werkbrug-server with @args (NULL-terminated) and @input on its standard input. */
static void
run_server (Run         *run,
            const char  *input,
            const char  *first,
            ...)
{
  va_list args;

  va_start (args, first);
  run_server_v (run, input, NULL, first, args);
  va_end (args);
}

static void
run_server_with_shared_data (Run         *run,
                             const char  *shared_data,
                             const char  *first,
                             ...)
{
  va_list args;

  va_start (args, first);
  run_server_v (run, NULL, shared_data, first, args);
  va_end (args);
}

static void
test_help (void)
{
  static const char * const commands[][3] = {
    { "serve", "--listen", "serve" }, { "org", "--region", "org add" }, { "user", "--role", "user add" },
    { "import", "--org", "import" }, { "demo", "--clients", "demo" }, { "backup", "--to", "backup" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(Run) run = { 0 };
      g_autofree char *usage = g_strdup_printf ("Usage:\n  werkbrug-server %s [OPTION", commands[i][2]);

      run_server (&run, NULL, commands[i][0], "--help", NULL);
      g_assert_cmpint (run.status, ==, 0);
      /* The usage line starts with the command as it is typed. */
      g_assert_true (g_str_has_prefix (run.out, usage));
      g_assert_nonnull (strstr (run.out, "--db"));
      g_assert_nonnull (strstr (run.out, commands[i][1]));
    }

  {
    g_auto(Run) run = { 0 };

    run_server (&run, NULL, "--help", NULL);
    g_assert_cmpint (run.status, ==, 0);
    for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
      g_assert_nonnull (strstr (run.out, commands[i][0]));
  }
}

static void
test_wrong_arguments (void)
{
  static const struct {
    const char *args[6];
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
    { { "backup", "--db", "x.db", NULL }, "--to" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };
      const char * const *a = cases[i].args;

      run_server (&run, NULL, a[0], a[0] ? a[1] : NULL, a[0] && a[1] ? a[2] : NULL,
                  a[0] && a[1] && a[2] ? a[3] : NULL, a[0] && a[1] && a[2] && a[3] ? a[4] : NULL,
                  a[0] && a[1] && a[2] && a[3] && a[4] ? a[5] : NULL, NULL);
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
    g_auto(Run) run = { 0 };

    run_server (&run, NULL, "org", "add", "--db", db, "--code", "wsp-test", "--name", "WSP Test",
                "--kind", "wsp", "--region", "Parkstad", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "wsp-test"));
  }
  {
    g_auto(Run) run = { 0 };

    /* An unknown kind is a wrong argument, named. */
    run_server (&run, NULL, "org", "add", "--db", db, "--code", "x", "--name", "X",
                "--kind", "bank", "--region", "Parkstad", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "--kind"));
  }
  {
    g_auto(Run) run = { 0 };

    run_server (&run, "correct horse battery\n", "user", "add", "--db", db, "--org", "wsp-test",
                "--role", "account_manager_wsp", "--username", "anna", "--name", "Anna Test", NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_auto(Run) run = { 0 };

    run_server (&run, "short\n", "user", "add", "--db", db, "--org", "wsp-test",
                "--role", "coordinator", "--username", "ben", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "at least 10 characters"));
  }
  {
    g_auto(Run) run = { 0 };

    run_server (&run, "long enough password\n", "user", "add", "--db", db, "--org", "no-such-org",
                "--role", "coordinator", "--username", "ben", NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
  {
    g_auto(Run) run = { 0 };

    run_server (&run, "long enough password\n", "user", "add", "--db", db, "--org", "wsp-test",
                "--role", "boss", "--username", "ben", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "unknown role"));
  }
  {
    g_auto(Run) run = { 0 };

    /* The same username twice is refused and says so. */
    run_server (&run, "another long password\n", "user", "add", "--db", db, "--org", "wsp-test",
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
    g_auto(Run) run = { 0 };

    run_server (&run, NULL, "demo", "--db", db, "--clients", "300", "--seed", "7", NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_auto(Run) run = { 0 };

    /* A second demo into the same database would mix two regions: refused. */
    run_server (&run, NULL, "demo", "--db", db, "--clients", "300", NULL);
    g_assert_cmpint (run.status, ==, 1);
  }
  if (shared != NULL)
    {
      g_auto(Run) run = { 0 };
      g_autofree char *pc4 = g_build_filename (shared, "pc4", "pc4_nl.csv", NULL);

      run_server (&run, NULL, "import", "pc4", "--db", db, pc4, NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_nonnull (strstr (run.out, "Read 4069"));
    }
  {
    g_auto(Run) run = { 0 };

    run_server (&run, NULL, "backup", "--db", db, "--to", copy, NULL);
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
    g_auto(Run) run = { 0 };

    run_server_with_shared_data (&run, NULL, "demo", "--help", NULL);
    g_assert_nonnull (strstr (run.out, "WB_SHARED_DATA/pc4/pc4_nl.csv"));
  }
  {
    g_auto(Run) run = { 0 };

    run_server_with_shared_data (&run, shared, "demo", "--db", with, "--clients", "50", "-q", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, pc4));
  }
  store = wb_store_open (with, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wb_store_count (store, "pc4_areas"), ==, 4069);
  g_clear_object (&store);

  {
    g_auto(Run) run = { 0 };

    run_server_with_shared_data (&run, nowhere, "demo", "--db", without, "--clients", "50", "-q", NULL);
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
  g_test_add_func ("/cli/demo-takes-shared-pc4", test_demo_pc4_default);

  return g_test_run ();
}
