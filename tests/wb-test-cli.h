/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One run of werkbrug-server (WB_SERVER) to its end, as an administrator types it: English
 * messages, its standard input from a file (or /dev/null), its output collected. */
typedef struct {
  int status;
  char *out;
  char *err;
} WbTestRun;

void  wb_test_run_clear             (WbTestRun          *run);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WbTestRun, wb_test_run_clear)

/* Runs werkbrug-server with @args and @input on its standard input (none when NULL), with
 * @shared_data as WB_SHARED_DATA unless it is NULL. */
void  wb_test_run_argv              (WbTestRun          *run,
                                     const char         *input,
                                     const char         *shared_data,
                                     const char * const *args);
/* The same with the arguments as a NULL-terminated list. */
void  wb_test_run                   (WbTestRun          *run,
                                     const char         *input,
                                     const char         *first,
                                     ...) G_GNUC_NULL_TERMINATED;
void  wb_test_run_with_shared_data  (WbTestRun          *run,
                                     const char         *shared_data,
                                     const char         *first,
                                     ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
