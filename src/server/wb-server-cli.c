/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-server-cli"

#include "config.h"

#include "wb-server-cli.h"

int
wb_server_cli_run (int    argc,
                   char **argv)
{
  return 2;
}
