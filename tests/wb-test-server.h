/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A real werkbrug-server (WB_SERVER) on a free loopback port, serving @db. */
typedef struct {
  GSubprocess *process;
  char *url;
} WbTestServer;

WbTestServer *wb_test_server_start (const char   *db);
void          wb_test_server_stop  (WbTestServer *server);

/* Runs the main loop until *@result is set by an async callback (see wb_test_store_result). */
void          wb_test_wait         (GAsyncResult **result);
void          wb_test_store_result (GObject       *source,
                                    GAsyncResult  *result,
                                    gpointer       user_data);

G_END_DECLS
