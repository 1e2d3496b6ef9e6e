/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "wb-test-server.h"

/* The server goes when the test goes, even when an assertion aborts the test. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

WbTestServer *
wb_test_server_start_argv (const char * const *args,
                           gboolean            pipe_stderr)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *line = NULL;
  const char *binary = g_getenv ("WB_SERVER");
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | (pipe_stderr ? G_SUBPROCESS_FLAGS_STDERR_PIPE : 0));
  WbTestServer *server;

  g_assert_nonnull (binary);
  g_ptr_array_add (argv, (gpointer) binary);
  g_ptr_array_add (argv, (gpointer) "serve");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  server = g_new0 (WbTestServer, 1);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  server->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  /* The server says where it listens once it accepts connections. */
  server->output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  line = g_data_input_stream_read_line_utf8 (server->output, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "Listening on http"));
  server->url = g_strdup (line + strlen ("Listening on "));
  return server;
}

WbTestServer *
wb_test_server_start (const char *db)
{
  const char * const args[] = { "--db", db, "--listen", "127.0.0.1:0", NULL };
  WbTestServer *server = wb_test_server_start_argv (args, FALSE);

  g_assert_true (g_str_has_prefix (server->url, "http://127.0.0.1:"));
  return server;
}

WbTestServer *
wb_test_server_start_tls (const char *db,
                          const char *certificate,
                          const char *key)
{
  const char * const args[] = { "--db", db, "--listen", "127.0.0.1:0", "--tls-cert", certificate,
                                "--tls-key", key, NULL };
  WbTestServer *server;

  g_return_val_if_fail (certificate != NULL && key != NULL, NULL);
  server = wb_test_server_start_argv (args, FALSE);
  g_assert_true (g_str_has_prefix (server->url, "https://127.0.0.1:"));
  return server;
}

int
wb_test_server_stop_status (WbTestServer *server)
{
  int status;

  g_subprocess_send_signal (server->process, SIGTERM);
  g_subprocess_wait (server->process, NULL, NULL);
  status = g_subprocess_get_status (server->process);
  g_clear_object (&server->process);
  g_clear_object (&server->output);
  g_free (server->url);
  g_free (server);
  return status;
}

void
wb_test_server_stop (WbTestServer *server)
{
  if (server == NULL)
    return;
  wb_test_server_stop_status (server);
}

void
wb_test_store_result (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

void
wb_test_wait (GAsyncResult **result)
{
  /* The thread-default context: where a test that pushed its own began the call. */
  while (*result == NULL)
    g_main_context_iteration (g_main_context_get_thread_default (), TRUE);
}
