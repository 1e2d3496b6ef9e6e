/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

#include "wb-server-throttle.h"

G_BEGIN_DECLS

/* werkbrug-server's configuration file (GKeyFile), by default
 * $sysconfdir/werkbrug/server.conf; data/server.conf.example documents every key.
 * Command-line options override what the file says. */
typedef struct {
  char *path;                      /* the file read, or NULL */

  /* [server] */
  char *database;                  /* database: an absolute path */
  char **listen;                   /* listen: addresses and ports, ';'-separated */
  char *tls_certificate;           /* tls-certificate, tls-key: PEM files */
  char *tls_key;
  gint64 session_lifetime;         /* session-lifetime: seconds; in the file "12h", "30m", ... */
  char *access_log;                /* access-log: "none", "stderr" or an absolute path */
  gboolean allow_readable_database; /* allow-readable-database */

  /* [backup] */
  char *backup_directory;          /* directory: default the folder "backups" beside the database */
  guint backup_keep;               /* keep: how many scheduled copies stay */

  /* [signin]: the back-off of failed sign-ins, WB_THROTTLE_CONFIG_DEFAULT unless set:
   * user-failures, address-failures, first-delay, max-delay, forget-after, remembered */
  WbThrottleConfig signin;
} WbServerConfig;

#define WB_SERVER_DEFAULT_SESSION_LIFETIME (12 * 60 * 60)
#define WB_SERVER_DEFAULT_BACKUP_KEEP      14

WbServerConfig *wb_server_config_new              (void);
void            wb_server_config_free             (WbServerConfig  *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbServerConfig, wb_server_config_free)

/* The file read when no --config is given, if it exists. */
const char     *wb_server_config_get_default_path (void);

/* Reads @path over the defaults. An unknown group or key, or a value that does not fit its
 * key, fails with a message naming the file, the group and the key. */
gboolean        wb_server_config_load             (WbServerConfig  *self,
                                                   const char      *path,
                                                   GError         **error);

/* The backup folder: the configured one, or "backups" beside the database. */
char           *wb_server_config_dup_backup_directory (WbServerConfig *self);

/* "90s", "30m", "12h", "7d" or a number of seconds -> seconds; FALSE when it is none. */
gboolean        wb_server_parse_duration          (const char      *text,
                                                   gint64          *seconds);

/* NULL when @address is an IP address (or localhost) and a port, e.g. 127.0.0.1:8080 or
 * [::1]:8080; else what is wrong with it, starting with @address. */
char           *wb_server_check_listen_address    (const char      *address);

/* NULL when @value is "none", "stderr" or an absolute path; else what is wrong. */
char           *wb_server_check_access_log        (const char      *value);

G_END_DECLS
