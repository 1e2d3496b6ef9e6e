/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* One line per request, written when its answer has gone out:
 *
 *   2026-10-31T12:00:00.123Z user=12 method=GET path=/api/v1/clients/42 status=200 bytes=5120 duration_ms=3.1
 *
 * It never holds personal data: no query string (a search can be a name), no header, no
 * body, and of the path only resource names and numeric ids; any other segment is "*".
 * user is the id of the signed-in user, or "-". */
#define WB_TYPE_ACCESS_LOG (wb_access_log_get_type ())

G_DECLARE_FINAL_TYPE (WbAccessLog, wb_access_log, WB, ACCESS_LOG, GObject)

/* @target is "stderr" (the journal under systemd) or a file, appended to and created 0600. */
WbAccessLog *wb_access_log_new          (const char         *target,
                                         GError            **error);

/* Logs every request @soup answers from now on, as long as the log lives. */
void         wb_access_log_attach       (WbAccessLog        *self,
                                         SoupServer         *soup);

/* Who asks: called by the server once it knows the user behind a request. Does nothing
 * for a request no access log follows. */
void         wb_access_log_note_user    (SoupServerMessage  *msg,
                                         gint64              user_id);

/* The path as the log writes it: "/api/v1/clients/42/events" stays as it is, while the
 * name in "/api/v1/clients/Jansen" becomes an asterisk. */
char        *wb_access_log_mask_path    (const char         *path);

G_END_DECLS
