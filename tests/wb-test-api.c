/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "wb-test-api.h"
#include "wb-test-server.h"

WbApiClient *
wb_test_api_login (const char  *url,
                   const char  *username,
                   const char  *password,
                   WbRecord   **me)
{
  g_autoptr(WbApiClient) client = wb_api_client_new (url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbRecord) user = NULL;

  wb_api_client_login_async (client, username, password, NULL, wb_test_store_result, &result);
  wb_test_wait (&result);
  user = wb_api_client_login_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (user);
  g_assert_cmpstr (wb_record_get_string (user, "username"), ==, username);
  g_assert_nonnull (wb_api_client_get_token (client));
  if (me != NULL)
    *me = g_steal_pointer (&user);
  return g_steal_pointer (&client);
}

WbRecord *
wb_test_api_get (WbApiClient  *client,
                 WbResource    resource,
                 gint64        id,
                 const char   *reason,
                 GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  wb_api_client_get_async (client, resource, id, reason, NULL, wb_test_store_result, &result);
  wb_test_wait (&result);
  return wb_api_client_get_finish (client, result, error);
}

WbRecord *
wb_test_api_create (WbApiClient  *client,
                    WbResource    resource,
                    gint64        parent_id,
                    JsonObject   *object,
                    GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  wb_api_client_create_async (client, resource, parent_id, object, NULL, wb_test_store_result, &result);
  wb_test_wait (&result);
  return wb_api_client_create_finish (client, result, error);
}

WbRecord *
wb_test_api_create_json (WbApiClient  *client,
                         WbResource    resource,
                         gint64        parent_id,
                         const char   *json,
                         GError      **error)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  g_assert_nonnull (node);
  return wb_test_api_create (client, resource, parent_id, json_node_get_object (node), error);
}

WbRecord *
wb_test_api_update (WbApiClient  *client,
                    WbResource    resource,
                    gint64        id,
                    const char   *etag,
                    JsonObject   *changes,
                    GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  wb_api_client_update_async (client, resource, id, etag, changes, NULL, wb_test_store_result, &result);
  wb_test_wait (&result);
  return wb_api_client_update_finish (client, result, error);
}

WbRecord *
wb_test_api_update_json (WbApiClient  *client,
                         WbResource    resource,
                         gint64        id,
                         const char   *etag,
                         const char   *json,
                         GError      **error)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  g_assert_nonnull (node);
  return wb_test_api_update (client, resource, id, etag, json_node_get_object (node), error);
}

GListModel *
wb_test_api_list (WbApiClient       *client,
                  WbResource         resource,
                  gint64             parent_id,
                  const WbApiQuery  *query,
                  guint             *total,
                  GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  wb_api_client_list_async (client, resource, parent_id, query, NULL, wb_test_store_result, &result);
  wb_test_wait (&result);
  return wb_api_client_list_finish (client, result, total, error);
}

JsonNode *
wb_test_api_request (WbApiClient  *client,
                     const char   *method,
                     const char   *path,
                     const char   *body,
                     char        **etag,
                     GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) node = body != NULL ? json_from_string (body, NULL) : NULL;

  wb_api_client_request_async (client, method, path, node, NULL, NULL, wb_test_store_result, &result);
  wb_test_wait (&result);
  return wb_api_client_request_finish (client, result, etag, error);
}
