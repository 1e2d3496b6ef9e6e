/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <libsoup/soup.h>

#include "wb-api-client.h"

G_BEGIN_DECLS

/* For the code of the api library only: what its calls have in common. */

void          _wb_api_append_param    (GString       *path,
                                       const char    *name,
                                       const char    *value);
void          _wb_api_append_filters  (GString       *path,
                                       GHashTable    *filters);
gpointer      _wb_api_finish_pointer  (WbApiClient   *self,
                                       GAsyncResult  *result,
                                       gpointer       source_tag,
                                       GError       **error);

/* The client's HTTP session, for a request of its own (the change feed). */
SoupSession  *_wb_api_client_get_session (WbApiClient  *self);

/* A request sent from a worker's thread (libsoup 3.2 sends from any thread; the message's
 * I/O and signals stay on the thread that sends it), so that neither its answer nor the
 * parsing of it waits for the caller's main loop. On the caller's thread: a GET of @path
 * with the token of the moment (NULL for a path that is no address). */
SoupMessage  *_wb_api_client_new_get     (WbApiClient   *self,
                                          const char    *path);
/* On the worker's (on a context of that thread's own, kept with its connection): sends @msg
 * and waits for the answer; its body, or NULL with @error as every call of the library
 * gives it. */
GBytes       *_wb_api_client_send_sync   (WbApiClient   *self,
                                          SoupMessage   *msg,
                                          GCancellable  *cancellable,
                                          GError       **error);
/* The JSON of an answer's body: NULL for an empty one, or NULL with a parse error. */
JsonNode     *_wb_api_parse_answer       (GBytes        *body,
                                          GError       **error);
/* Back on the caller's thread: a refused token ends the session, as for every call. */
void          _wb_api_client_check_answer (WbApiClient  *self,
                                           SoupMessage  *msg);

G_END_DECLS
