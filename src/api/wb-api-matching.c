/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-api-matching"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-api-matching.h"
#include "wb-api-private.h"

/* Each call is a task of its own around the generic request, so that its _finish checks
 * the source tag and turns the answer into what the call promises. */

typedef enum {
  ANSWER_OBJECT,   /* a JSON object */
  ANSWER_MATCH,    /* a WbRecord of a match */
  ANSWER_ITEMS,    /* the "items" array of a JSON object */
  ANSWER_NOTHING,  /* 204 */
} Answer;

typedef struct {
  Answer answer;
  char *etag;
} CallData;

static void
call_data_free (CallData *data)
{
  g_free (data->etag);
  g_free (data);
}

static void
on_request_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CallData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = wb_api_client_request_finish (WB_API_CLIENT (source), result, &data->etag, &error);

  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (data->answer == ANSWER_NOTHING)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_task_return_new_error (task, WB_API_ERROR, WB_API_ERROR_PARSE, _("The server answered something that is not JSON"));
      return;
    }

  switch (data->answer)
    {
    case ANSWER_MATCH:
      if (!json_object_has_member (json_node_get_object (node), "id"))
        g_task_return_new_error (task, WB_API_ERROR, WB_API_ERROR_PARSE, _("The server answered without the record"));
      else
        g_task_return_pointer (task, wb_record_new (WB_RESOURCE_MATCHES, json_node_get_object (node)), g_object_unref);
      break;
    case ANSWER_ITEMS:
      {
        JsonNode *items = json_object_get_member (json_node_get_object (node), "items");

        if (items == NULL || !JSON_NODE_HOLDS_ARRAY (items))
          g_task_return_new_error (task, WB_API_ERROR, WB_API_ERROR_PARSE, _("The server answered without the list"));
        else
          g_task_return_pointer (task, json_array_ref (json_node_get_array (items)), (GDestroyNotify) json_array_unref);
      }
      break;
    case ANSWER_OBJECT:
    case ANSWER_NOTHING:
    default:
      g_task_return_pointer (task, json_object_ref (json_node_get_object (node)), (GDestroyNotify) json_object_unref);
      break;
    }
}

static void
call (WbApiClient         *self,
      const char          *method,
      const char          *path,
      JsonObject          *body,
      const char          *if_match,
      Answer               answer,
      gpointer             source_tag,
      GCancellable        *cancellable,
      GAsyncReadyCallback  callback,
      gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(JsonNode) node = body != NULL ? json_node_init_object (json_node_alloc (), body) : NULL;
  CallData *data = g_new0 (CallData, 1);

  data->answer = answer;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, (GDestroyNotify) call_data_free);
  wb_api_client_request_async (self, method, path, node, if_match, cancellable, on_request_done_cb, task);
}

static gpointer
finish (WbApiClient   *self,
        GAsyncResult  *result,
        gpointer       source_tag,
        char         **etag,
        GError       **error)
{
  gpointer value;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  value = g_task_propagate_pointer (G_TASK (result), error);
  if (etag != NULL)
    *etag = value != NULL ? g_strdup (((CallData *) g_task_get_task_data (G_TASK (result)))->etag) : NULL;
  return value;
}

/* GET /{collection}/{id}/matches with the query's parameters. */
static void
request_ranking (WbApiClient          *self,
                 const char           *collection,
                 gint64                id,
                 const WbApiRankQuery *query,
                 gpointer              source_tag,
                 GCancellable         *cancellable,
                 GAsyncReadyCallback   callback,
                 gpointer              user_data)
{
  g_autofree char *params = wb_api_rank_query_to_string (query);
  g_autofree char *path = g_strdup_printf ("api/v1/%s/%" G_GINT64_FORMAT "/matches%s", collection, id, params);

  call (self, "GET", path, NULL, NULL, ANSWER_OBJECT, source_tag, cancellable, callback, user_data);
}

void
wb_api_client_rank_candidates_async (WbApiClient          *self,
                                     gint64                vacancy_id,
                                     const WbApiRankQuery *query,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data)
{
  g_return_if_fail (WB_IS_API_CLIENT (self));
  g_return_if_fail (vacancy_id > 0);

  request_ranking (self, "vacancies", vacancy_id, query, wb_api_client_rank_candidates_async,
                   cancellable, callback, user_data);
}

JsonObject *
wb_api_client_rank_candidates_finish (WbApiClient   *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return finish (self, result, wb_api_client_rank_candidates_async, NULL, error);
}

void
wb_api_client_rank_vacancies_async (WbApiClient          *self,
                                    gint64                client_id,
                                    const WbApiRankQuery *query,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data)
{
  g_return_if_fail (WB_IS_API_CLIENT (self));
  g_return_if_fail (client_id > 0);

  request_ranking (self, "clients", client_id, query, wb_api_client_rank_vacancies_async,
                   cancellable, callback, user_data);
}

JsonObject *
wb_api_client_rank_vacancies_finish (WbApiClient   *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return finish (self, result, wb_api_client_rank_vacancies_async, NULL, error);
}

/* Rankings read on a thread of their own */

typedef struct {
  WbApiClient *client;
  SoupMessage *msg;
} FetchData;

static void
fetch_data_free (FetchData *data)
{
  g_clear_object (&data->msg);
  g_clear_object (&data->client);
  g_free (data);
}

/* One thread, for good: its requests one after another, on the connection it keeps. */
static void
fetch_in_thread (gpointer task_data,
                 gpointer pool_data)
{
  g_autoptr(GTask) task = task_data;
  FetchData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonNode) root = NULL;
  WbApiRanking *ranking;

  if (g_task_return_error_if_cancelled (task))
    return;
  body = _wb_api_client_send_sync (data->client, data->msg, g_task_get_cancellable (task), &error);
  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  root = _wb_api_parse_answer (body, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_task_return_new_error (task, WB_API_ERROR, WB_API_ERROR_PARSE, _("The server answered something that is not JSON"));
      return;
    }
  ranking = wb_api_ranking_new_from_json (json_node_get_object (root), &error);
  /* The tree's references go before the ranking is handed over: json-glib counts them
   * without atomics, and from then on only the caller's thread touches what the ranking
   * holds of it. */
  g_clear_pointer (&root, json_node_unref);
  if (ranking == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, ranking, (GDestroyNotify) wb_api_ranking_unref);
}

static gpointer
create_fetch_pool (gpointer unused)
{
  g_autoptr(GError) error = NULL;
  GThreadPool *pool = g_thread_pool_new (fetch_in_thread, NULL, 1, TRUE, &error);

  if (pool == NULL)
    g_warning ("No thread to read rankings on: %s", error->message);
  return pool;
}

void
wb_api_client_fetch_ranking_async (WbApiClient          *self,
                                   gboolean              for_vacancy,
                                   gint64                id,
                                   const WbApiRankQuery *query,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data)
{
  static GOnce pool_once = G_ONCE_INIT;
  g_autoptr(GTask) task = NULL;
  g_autofree char *params = NULL;
  g_autofree char *path = NULL;
  GThreadPool *pool;
  FetchData *data;

  g_return_if_fail (WB_IS_API_CLIENT (self));
  g_return_if_fail (id > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, wb_api_client_fetch_ranking_async);
  params = wb_api_rank_query_to_string (query);
  path = g_strdup_printf ("api/v1/%s/%" G_GINT64_FORMAT "/matches%s", for_vacancy ? "vacancies" : "clients", id,
                          params);
  data = g_new0 (FetchData, 1);
  data->client = g_object_ref (self);
  data->msg = _wb_api_client_new_get (self, path);
  g_task_set_task_data (task, data, (GDestroyNotify) fetch_data_free);
  if (data->msg == NULL)
    {
      g_task_return_new_error (task, WB_API_ERROR, WB_API_ERROR_NETWORK, _("%s is not a valid address"), path);
      return;
    }
  pool = g_once (&pool_once, create_fetch_pool, NULL);
  if (pool == NULL || !g_thread_pool_push (pool, g_object_ref (task), NULL))
    {
      g_task_return_new_error (task, WB_API_ERROR, WB_API_ERROR_NETWORK, _("The ranking could not be asked"));
      g_object_unref (task);
    }
}

WbApiRanking *
wb_api_client_fetch_ranking_finish (WbApiClient   *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  FetchData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == wb_api_client_fetch_ranking_async, NULL);

  data = g_task_get_task_data (G_TASK (result));
  if (data->msg != NULL)
    _wb_api_client_check_answer (self, data->msg);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
wb_api_client_propose_match_async (WbApiClient         *self,
                                   gint64               vacancy_id,
                                   gint64               client_id,
                                   const char          *state,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(JsonObject) body = json_object_new ();

  g_return_if_fail (WB_IS_API_CLIENT (self));

  json_object_set_int_member (body, "vacancy_id", vacancy_id);
  json_object_set_int_member (body, "client_id", client_id);
  if (state != NULL)
    json_object_set_string_member (body, "state", state);
  call (self, "POST", "api/v1/matches", body, NULL, ANSWER_MATCH, wb_api_client_propose_match_async,
        cancellable, callback, user_data);
}

WbRecord *
wb_api_client_propose_match_finish (WbApiClient   *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return finish (self, result, wb_api_client_propose_match_async, NULL, error);
}

void
wb_api_client_advance_match_async (WbApiClient         *self,
                                   WbRecord            *match,
                                   const char          *state,
                                   const char          *reason,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autofree char *path = NULL;
  g_autofree char *etag = NULL;

  g_return_if_fail (WB_IS_API_CLIENT (self));
  g_return_if_fail (WB_IS_RECORD (match));
  g_return_if_fail (wb_record_get_resource (match) == WB_RESOURCE_MATCHES);
  g_return_if_fail (state != NULL);

  json_object_set_string_member (body, "state", state);
  if (reason != NULL && g_str_equal (state, "rejected"))
    json_object_set_string_member (body, "reject_reason", reason);
  path = g_strdup_printf ("api/v1/matches/%" G_GINT64_FORMAT, wb_record_get_id (match));
  etag = wb_record_dup_etag (match);
  call (self, "PATCH", path, body, etag, ANSWER_MATCH, wb_api_client_advance_match_async,
        cancellable, callback, user_data);
}

WbRecord *
wb_api_client_advance_match_finish (WbApiClient   *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return finish (self, result, wb_api_client_advance_match_async, NULL, error);
}

void
wb_api_client_get_match_weights_async (WbApiClient         *self,
                                       const char          *region,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (WB_IS_API_CLIENT (self));
  g_return_if_fail (region != NULL);

  escaped = g_uri_escape_string (region, NULL, FALSE);
  path = g_strdup_printf ("api/v1/match-weights/%s", escaped);
  call (self, "GET", path, NULL, NULL, ANSWER_OBJECT, wb_api_client_get_match_weights_async,
        cancellable, callback, user_data);
}

JsonObject *
wb_api_client_get_match_weights_finish (WbApiClient   *self,
                                        GAsyncResult  *result,
                                        char         **etag,
                                        GError       **error)
{
  return finish (self, result, wb_api_client_get_match_weights_async, etag, error);
}

void
wb_api_client_set_match_weights_async (WbApiClient         *self,
                                       const char          *region,
                                       const char          *etag,
                                       JsonObject          *weights,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (WB_IS_API_CLIENT (self));
  g_return_if_fail (region != NULL);
  g_return_if_fail (weights != NULL);

  json_object_set_object_member (body, "weights", json_object_ref (weights));
  escaped = g_uri_escape_string (region, NULL, FALSE);
  path = g_strdup_printf ("api/v1/match-weights/%s", escaped);
  call (self, "PATCH", path, body, etag, ANSWER_OBJECT, wb_api_client_set_match_weights_async,
        cancellable, callback, user_data);
}

JsonObject *
wb_api_client_set_match_weights_finish (WbApiClient   *self,
                                        GAsyncResult  *result,
                                        char         **etag,
                                        GError       **error)
{
  return finish (self, result, wb_api_client_set_match_weights_async, etag, error);
}

void
wb_api_client_create_alert_async (WbApiClient         *self,
                                  const char          *kind,
                                  gint64               subject_id,
                                  double               threshold,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(JsonObject) body = json_object_new ();

  g_return_if_fail (WB_IS_API_CLIENT (self));
  g_return_if_fail (kind != NULL);

  json_object_set_string_member (body, "kind", kind);
  json_object_set_int_member (body, g_str_equal (kind, "client_for_vacancy") ? "vacancy_id" : "client_id", subject_id);
  json_object_set_double_member (body, "threshold", threshold);
  call (self, "POST", "api/v1/alerts", body, NULL, ANSWER_OBJECT, wb_api_client_create_alert_async,
        cancellable, callback, user_data);
}

JsonObject *
wb_api_client_create_alert_finish (WbApiClient   *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return finish (self, result, wb_api_client_create_alert_async, NULL, error);
}

void
wb_api_client_list_alerts_async (WbApiClient         *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (WB_IS_API_CLIENT (self));

  call (self, "GET", "api/v1/alerts", NULL, NULL, ANSWER_ITEMS, wb_api_client_list_alerts_async,
        cancellable, callback, user_data);
}

JsonArray *
wb_api_client_list_alerts_finish (WbApiClient   *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return finish (self, result, wb_api_client_list_alerts_async, NULL, error);
}

void
wb_api_client_delete_alert_async (WbApiClient         *self,
                                  gint64               alert_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (WB_IS_API_CLIENT (self));

  path = g_strdup_printf ("api/v1/alerts/%" G_GINT64_FORMAT, alert_id);
  call (self, "DELETE", path, NULL, NULL, ANSWER_NOTHING, wb_api_client_delete_alert_async,
        cancellable, callback, user_data);
}

gboolean
wb_api_client_delete_alert_finish (WbApiClient   *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == wb_api_client_delete_alert_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
