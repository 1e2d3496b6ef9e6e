/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

#include "wb-server-cli.h"
#include "wb-server-config.h"
#include "wb-store.h"

G_BEGIN_DECLS

/* What werkbrug-server's commands share. Exit codes: 0 success, 1 failure, 2 a wrong
 * argument (or a wrong configuration file). */
#define WB_CLI_EXIT_FAILURE 1
#define WB_CLI_EXIT_USAGE   2

/* The --config option every command that works on the database has. */
#define WB_CLI_CONFIG_OPTION(variable) \
  { "config", 0, 0, G_OPTION_ARG_FILENAME, &(variable), \
    N_("The configuration file (default: the system's server.conf, when there is one)"), N_("FILE") }

GOptionContext *_wb_cli_new_context          (const char      *command,
                                              const char      *parameter_string);
int             _wb_cli_usage_error          (GOptionContext  *context,
                                              const char      *message);
gboolean        _wb_cli_parse_options        (GOptionContext  *context,
                                              int             *argc,
                                              char          ***argv,
                                              int             *status);

/* Reads @path, or the default file when @path is NULL and that file exists, over the
 * defaults. On a wrong file prints what is wrong and returns NULL. */
WbServerConfig *_wb_cli_load_config          (const char      *path);

/* _wb_cli_load_config for @path into @config, and the configured database into @db when
 * --db left it NULL. FALSE when the file is wrong (what is wrong is printed). */
gboolean        _wb_cli_load_config_and_db   (const char      *path,
                                              WbServerConfig **config,
                                              char           **db);

/* The backup folder for the database at @db: the configured one or "backups" beside it. */
char           *_wb_cli_backup_directory     (WbServerConfig  *config,
                                              const char      *db);

/* Opens the database at @db as a store. A database of an older schema is first copied to
 * the backup folder, labelled "before-schema-N", then migrated. Prints what goes wrong. */
WbStore        *_wb_cli_open_store           (const char      *db,
                                              WbServerConfig  *config);

/* A new password for @username: asked twice without echo when standard input is a
 * terminal, else the first line of standard input. NULL with a message printed when there
 * is none or it is shorter than 10 characters. */
char           *_wb_cli_read_new_password    (const char      *username);

int             _wb_cli_serve                (int              argc,
                                              char           **argv);
int             _wb_cli_init                 (int              argc,
                                              char           **argv);
int             _wb_cli_backup               (int              argc,
                                              char           **argv);
int             _wb_cli_describe             (int              argc,
                                              char           **argv);
int             _wb_cli_restore              (int              argc,
                                              char           **argv);

G_END_DECLS
