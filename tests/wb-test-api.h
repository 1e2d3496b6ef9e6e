/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "wb-api-client.h"

G_BEGIN_DECLS

/* Synchronous wrappers over the asynchronous client, for tests only: each runs the main
 * loop until its call has finished. */

/* A new client of @url, logged in as @username; the login must succeed. @me gets the
 * user who logged in, when not NULL. */
WbApiClient *wb_test_api_login       (const char        *url,
                                      const char        *username,
                                      const char        *password,
                                      WbRecord         **me);
WbRecord    *wb_test_api_get         (WbApiClient       *client,
                                      WbResource         resource,
                                      gint64             id,
                                      const char        *reason,
                                      GError           **error);
WbRecord    *wb_test_api_create      (WbApiClient       *client,
                                      WbResource         resource,
                                      gint64             parent_id,
                                      JsonObject        *object,
                                      GError           **error);
/* wb_test_api_create with the object as JSON text. */
WbRecord    *wb_test_api_create_json (WbApiClient       *client,
                                      WbResource         resource,
                                      gint64             parent_id,
                                      const char        *json,
                                      GError           **error);
WbRecord    *wb_test_api_update      (WbApiClient       *client,
                                      WbResource         resource,
                                      gint64             id,
                                      const char        *etag,
                                      JsonObject        *changes,
                                      GError           **error);
/* wb_test_api_update with the changes as JSON text. */
WbRecord    *wb_test_api_update_json (WbApiClient       *client,
                                      WbResource         resource,
                                      gint64             id,
                                      const char        *etag,
                                      const char        *json,
                                      GError           **error);
GListModel  *wb_test_api_list        (WbApiClient       *client,
                                      WbResource         resource,
                                      gint64             parent_id,
                                      const WbApiQuery  *query,
                                      guint             *total,
                                      GError           **error);
/* Any endpoint, with @body (JSON text) when not NULL; @etag gets the answer's ETag. */
JsonNode    *wb_test_api_request     (WbApiClient       *client,
                                      const char        *method,
                                      const char        *path,
                                      const char        *body,
                                      char             **etag,
                                      GError           **error);

G_END_DECLS
