/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* werkbrug-server's commands: serve, user add, import, demo, backup. Exit code 2 for a
 * wrong argument, 1 for a failure, 0 for success. */
int wb_server_cli_run (int    argc,
                       char **argv);

G_END_DECLS
