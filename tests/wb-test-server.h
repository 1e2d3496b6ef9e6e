/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A real werkbrug-server (WB_SERVER) on a free loopback port, serving @db. */
typedef struct {
  GSubprocess *process;
  char *url;
  GDataInputStream *output;   /* what it prints after "Listening on" */
} WbTestServer;

WbTestServer *wb_test_server_start (const char   *db);
/* `werkbrug-server serve` with @args (NULL-terminated); its standard error goes
 * to a pipe (g_subprocess_get_stderr_pipe) when @pipe_stderr. */
WbTestServer *wb_test_server_start_argv (const char * const *args,
                                         gboolean            pipe_stderr);
/* The same over HTTPS with the PEM certificate and key given. */
WbTestServer *wb_test_server_start_tls (const char *db,
                                        const char *certificate,
                                        const char *key);
/* Stops the server with SIGTERM and returns how it ended (a wait status). */
int           wb_test_server_stop_status (WbTestServer *server);
void          wb_test_server_stop  (WbTestServer *server);

/* Runs the main loop until *@result is set by an async callback (see wb_test_store_result). */
void          wb_test_wait         (GAsyncResult **result);
void          wb_test_store_result (GObject       *source,
                                    GAsyncResult  *result,
                                    gpointer       user_data);

G_END_DECLS
