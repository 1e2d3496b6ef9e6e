/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-api-monitor"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-api-monitor.h"
#include "wb-api-private.h"

char *
wb_api_monitor_path (const WbMonitorQuery *query)
{
  GString *path = g_string_new ("api/v1/monitor");
  char text[WB_PERIOD_TEXT_SIZE];

  g_return_val_if_fail (query != NULL, NULL);

  _wb_api_append_param (path, "metric", wb_monitor_metric_to_string (query->metric));
  _wb_api_append_param (path, "level", wb_monitor_level_to_string (query->level));
  _wb_api_append_param (path, "period", wb_period_kind_to_string (query->period));
  if (query->has_from)
    {
      wb_period_format (&query->from, text);
      _wb_api_append_param (path, "from", text);
    }
  if (query->has_to)
    {
      wb_period_format (&query->to, text);
      _wb_api_append_param (path, "to", text);
    }
  if (query->key != NULL)
    _wb_api_append_param (path, "key", query->key);
  if (query->by != WB_MONITOR_DIM_NONE)
    _wb_api_append_param (path, "by", wb_monitor_dimension_to_string (query->by));
  if (query->client_group != NULL)
    _wb_api_append_param (path, "client_group", query->client_group);
  if (query->capacity_band != NULL)
    _wb_api_append_param (path, "capacity_band", query->capacity_band);
  if (query->as_of != NULL)
    _wb_api_append_param (path, "as_of", query->as_of);
  return g_string_free (path, FALSE);
}

static void
on_monitor_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = wb_api_client_request_finish (WB_API_CLIENT (source), result, NULL, &error);
  WbMonitorResult *answer;

  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (node == NULL)
    {
      g_task_return_new_error (task, WB_API_ERROR, WB_API_ERROR_PARSE, _("The server answered without the figures"));
      return;
    }
  answer = wb_monitor_result_from_json (node, &error);
  if (answer == NULL)
    {
      g_task_return_new_error (task, WB_API_ERROR, WB_API_ERROR_PARSE, "%s", error->message);
      return;
    }
  g_task_return_pointer (task, answer, (GDestroyNotify) wb_monitor_result_free);
}

void
wb_api_client_monitor_async (WbApiClient          *self,
                             const WbMonitorQuery *query,
                             GCancellable         *cancellable,
                             GAsyncReadyCallback   callback,
                             gpointer              user_data)
{
  GTask *task;
  g_autofree char *path = NULL;

  g_return_if_fail (WB_IS_API_CLIENT (self));
  g_return_if_fail (query != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, wb_api_client_monitor_async);
  path = wb_api_monitor_path (query);
  wb_api_client_request_async (self, "GET", path, NULL, NULL, cancellable, on_monitor_done_cb, task);
}

WbMonitorResult *
wb_api_client_monitor_finish (WbApiClient   *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return _wb_api_finish_pointer (self, result, wb_api_client_monitor_async, error);
}
