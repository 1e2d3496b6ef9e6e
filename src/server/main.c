/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "wb-server-cli.h"

int
main (int   argc,
      char *argv[])
{
  return wb_server_cli_run (argc, argv);
}
