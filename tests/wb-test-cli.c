/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <gio/gio.h>

#include "wb-test-cli.h"
#include "wb-test-util.h"

void
wb_test_run_clear (WbTestRun *run)
{
  g_free (run->out);
  g_free (run->err);
}

void
wb_test_run_argv (WbTestRun          *run,
                  const char         *input,
                  const char         *shared_data,
                  const char * const *args)
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
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
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

static void
run_valist (WbTestRun   *run,
            const char  *input,
            const char  *shared_data,
            const char  *first,
            va_list      args)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new ();

  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (list, (gpointer) arg);
  g_ptr_array_add (list, NULL);
  wb_test_run_argv (run, input, shared_data, (const char * const *) list->pdata);
}

void
wb_test_run (WbTestRun  *run,
             const char *input,
             const char *first,
             ...)
{
  va_list args;

  va_start (args, first);
  run_valist (run, input, NULL, first, args);
  va_end (args);
}

void
wb_test_run_with_shared_data (WbTestRun  *run,
                              const char *shared_data,
                              const char *first,
                              ...)
{
  va_list args;

  va_start (args, first);
  run_valist (run, NULL, shared_data, first, args);
  va_end (args);
}
