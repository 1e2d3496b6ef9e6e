/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "wb-core.h"

G_BEGIN_DECLS

/* Errors of the client library: the code is the HTTP status of the answer, or one of
 * these when there was no answer to speak of. The problem details the server sent come
 * with the error (wb_api_error_get_problem). */
#define WB_API_ERROR (wb_api_error_quark ())

typedef enum {
  WB_API_ERROR_NETWORK = 0,   /* no answer: the server is unreachable */
  WB_API_ERROR_PARSE = 1,     /* an answer that is not the JSON it should be */
  WB_API_ERROR_TLS = 2,       /* the server's certificate is not accepted; the message says why */
} WbApiErrorCode;

GQuark        wb_api_error_quark        (void);
/* The problem details attached to a WB_API_ERROR, or NULL. */
WbProblem    *wb_api_error_get_problem  (const GError *error);

#define WB_TYPE_API_CLIENT (wb_api_client_get_type ())

G_DECLARE_FINAL_TYPE (WbApiClient, wb_api_client, WB, API_CLIENT, GObject)

/* What a list asks for. Every member may be left 0 or NULL. */
typedef struct {
  const char *q;
  const char *sort;
  guint page;          /* from 1 */
  guint per_page;      /* at most 1000 */
  GHashTable *filters; /* field -> value as text */
} WbApiQuery;

/* Called after each page of wb_api_client_list_all_async. */
typedef void (*WbApiProgress) (guint    loaded,
                               guint    total,
                               gpointer user_data);

/* Emits "session-ended" when the server refuses the client's token (expired, revoked,
 * user deactivated), once per token, before the call that met it fails with 401. */
WbApiClient  *wb_api_client_new             (const char          *base_url);
const char   *wb_api_client_get_base_url    (WbApiClient         *self);
const char   *wb_api_client_get_token       (WbApiClient         *self);
void          wb_api_client_set_token       (WbApiClient         *self,
                                             const char          *token);
/* Also accepts server certificates signed by the authority (PEM) in @path: for an
 * organisation with its own CA. NULL or "" goes back to the system's store alone. */
gboolean      wb_api_client_set_tls_ca_file (WbApiClient         *self,
                                             const char          *path,
                                             GError             **error);

void          wb_api_client_login_async     (WbApiClient         *self,
                                             const char          *username,
                                             const char          *password,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
/* The user who logged in; the client keeps the token for later calls. */
WbRecord     *wb_api_client_login_finish    (WbApiClient         *self,
                                             GAsyncResult        *result,
                                             GError             **error);

void          wb_api_client_logout_async    (WbApiClient         *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean      wb_api_client_logout_finish   (WbApiClient         *self,
                                             GAsyncResult        *result,
                                             GError             **error);

void          wb_api_client_me_async        (WbApiClient         *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
WbRecord     *wb_api_client_me_finish       (WbApiClient         *self,
                                             GAsyncResult        *result,
                                             GError             **error);

/* The same questions, blocking: for a worker's thread (libsoup 3.2 sends from any thread).
 * The answer is parsed on that thread; a 401 does not emit "session-ended". */
WbRecord     *wb_api_client_me              (WbApiClient         *self,
                                             GCancellable        *cancellable,
                                             GError             **error);
GListModel   *wb_api_client_list_all        (WbApiClient         *self,
                                             WbResource           resource,
                                             GCancellable        *cancellable,
                                             GError             **error);

/* The first page a list will ask for after a sign-in, read ahead with the sign-in's own
 * questions: wb_api_client_expect_list says which (on the caller's thread, before the
 * questions go out), wb_api_client_read_expected reads it (blocking, on the worker's thread
 * that asks them, after the token is known), and wb_api_client_list_async for the same
 * page with the same token answers with it at once, once. A page that cannot be read ahead
 * is simply asked for again. */
void          wb_api_client_expect_list     (WbApiClient         *self,
                                             WbResource           resource,
                                             const WbApiQuery    *query);
void          wb_api_client_read_expected   (WbApiClient         *self,
                                             GCancellable        *cancellable);

/* One page of a resource; with @parent_id > 0, of a nested resource under that parent
 * (events of a client, contacts of an employer). */
void          wb_api_client_list_async      (WbApiClient         *self,
                                             WbResource           resource,
                                             gint64               parent_id,
                                             const WbApiQuery    *query,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
/* A GListModel of WbRecord; @total gets how many rows match over all pages. */
GListModel   *wb_api_client_list_finish     (WbApiClient         *self,
                                             GAsyncResult        *result,
                                             guint               *total,
                                             GError             **error);

/* Every page of a list, one after another, in pages of 1000. */
void          wb_api_client_list_all_async  (WbApiClient         *self,
                                             WbResource           resource,
                                             gint64               parent_id,
                                             const WbApiQuery    *query,
                                             WbApiProgress        progress,
                                             gpointer             progress_data,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
GListModel   *wb_api_client_list_all_finish (WbApiClient         *self,
                                             GAsyncResult        *result,
                                             GError             **error);

/* One record. @reason says why a full client record is read; it goes into the audit log
 * (NULL: "profile view"). */
void          wb_api_client_get_async       (WbApiClient         *self,
                                             WbResource           resource,
                                             gint64               id,
                                             const char          *reason,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
WbRecord     *wb_api_client_get_finish      (WbApiClient         *self,
                                             GAsyncResult        *result,
                                             GError             **error);

void          wb_api_client_create_async    (WbApiClient         *self,
                                             WbResource           resource,
                                             gint64               parent_id,
                                             JsonObject          *object,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
WbRecord     *wb_api_client_create_finish   (WbApiClient         *self,
                                             GAsyncResult        *result,
                                             GError             **error);

/* Changes the fields in @changes of the version named by @etag (wb_record_dup_etag). */
void          wb_api_client_update_async    (WbApiClient         *self,
                                             WbResource           resource,
                                             gint64               id,
                                             const char          *etag,
                                             JsonObject          *changes,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
WbRecord     *wb_api_client_update_finish   (WbApiClient         *self,
                                             GAsyncResult        *result,
                                             GError             **error);

/* Any other endpoint: @path below the base URL ("api/v1/reviews"), an optional JSON
 * body and If-Match. The answer's JSON (NULL for 204) and its ETag. */
void          wb_api_client_request_async   (WbApiClient         *self,
                                             const char          *method,
                                             const char          *path,
                                             JsonNode            *body,
                                             const char          *if_match,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
JsonNode     *wb_api_client_request_finish  (WbApiClient         *self,
                                             GAsyncResult        *result,
                                             char               **etag,
                                             GError             **error);

/* An endpoint whose body or answer is not JSON (a CSV file up or down), or whose answer's
 * headers matter: @body of @content_type (both may be NULL). Errors as for every call. */
void          wb_api_client_exchange_async  (WbApiClient         *self,
                                             const char          *method,
                                             const char          *path,
                                             const char          *content_type,
                                             GBytes              *body,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
/* The answer's body, and in @headers (may be NULL) a reference to its headers. */
GBytes       *wb_api_client_exchange_finish (WbApiClient         *self,
                                             GAsyncResult        *result,
                                             SoupMessageHeaders **headers,
                                             GError             **error);

G_END_DECLS
