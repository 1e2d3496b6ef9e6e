/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A demo user as the login page offers it. */
typedef struct {
  char *username;
  char *display_name;
  char *role;
  char *organisation;
  gint64 organisation_id;
} WbDemoUser;

void wb_demo_user_free (WbDemoUser *user);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbDemoUser, wb_demo_user_free)

#define WB_TYPE_EMBEDDED_BACKEND (wb_embedded_backend_get_type ())

G_DECLARE_FINAL_TYPE (WbEmbeddedBackend, wb_embedded_backend, WB, EMBEDDED_BACKEND, GObject)

/* The store and the HTTP server in a thread of their own, on a loopback port. With
 * @db_path NULL the database is $XDG_DATA_HOME/werkbrug/werkbrug.db. An empty database
 * is seeded with demo data first; "progress" (stage, fraction) reports on it. */
WbEmbeddedBackend *wb_embedded_backend_new             (const char          *db_path);
void               wb_embedded_backend_start_async     (WbEmbeddedBackend   *self,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean           wb_embedded_backend_start_finish    (WbEmbeddedBackend   *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
/* The base URL once started, e.g. "http://127.0.0.1:39123/". */
const char        *wb_embedded_backend_get_url         (WbEmbeddedBackend   *self);
/* The users of the database, ordered by organisation and role (WbDemoUser). */
GPtrArray         *wb_embedded_backend_get_demo_users  (WbEmbeddedBackend   *self);
void               wb_embedded_backend_stop            (WbEmbeddedBackend   *self);
/* In a "progress" handler: whether the report is of making the demo data (the first start
 * on an empty database), not of opening the database as every start does. */
gboolean           wb_embedded_backend_is_seeding      (WbEmbeddedBackend   *self);

G_END_DECLS
