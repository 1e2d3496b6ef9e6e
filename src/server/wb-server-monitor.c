/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-server-monitor"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-server-modules.h"
#include "wb-store-monitor.h"

/* The labour-market monitor: GET /api/v1/monitor answers one metric as series of
 * aggregates (docs/monitor.md defines them, docs/api.md the request). The counting and the
 * protection of small numbers are the store's and core's; this module checks who asks and
 * what, and writes the answer. No answer of the monitor names a person. */

static void
send_parameter_problem (WbRequest *request,
                        GPtrArray *errors)
{
  g_autoptr(WbProblem) problem =
    wb_problem_new (SOUP_STATUS_BAD_REQUEST, _("The request is not valid"),
                    _("Correct the parameters listed in errors and ask again."));

  for (guint i = 0; i < errors->len; i++)
    {
      WbFieldError *error = g_ptr_array_index (errors, i);

      wb_problem_add_error (problem, error->field, error->message);
    }
  _wb_server_send_problem (request->msg, problem);
}

static void
handle_monitor (WbRequest *request)
{
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) wb_field_error_free);
  g_autoptr(WbMonitorResult) result = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  WbMonitorQuery query;

  /* Aggregates only, whoever asks: the policy says which roles see them at all. */
  if (wb_policy_monitor_access (request->caller.role) == WB_MONITOR_ACCESS_NONE)
    {
      _wb_server_deny (request);
      return;
    }

  wb_monitor_query_init (&query);
  if (!wb_monitor_query_parse (&query, request->query, errors))
    {
      send_parameter_problem (request, errors);
      wb_monitor_query_clear (&query);
      return;
    }

  result = wb_store_monitor_query (request->store, &query, &error);
  wb_monitor_query_clear (&query);
  if (result == NULL)
    {
      /* A key the level does not have, or a range or date the store cannot count, is a
       * fault of the request: name the parameter, as for the others. */
      if (g_error_matches (error, WB_STORE_ERROR, WB_STORE_ERROR_NOT_FOUND))
        wb_field_errors_add (errors, "key", g_strdup (error->message));
      else if (g_error_matches (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID))
        wb_field_errors_add (errors, _wb_server_query_param (request, "as_of") != NULL ? "as_of" : "to",
                             g_strdup (error->message));
      if (errors->len > 0)
        send_parameter_problem (request, errors);
      else
        _wb_server_send_store_error (request->msg, error);
      return;
    }

  node = wb_monitor_result_to_json (result);
  _wb_server_send_object (request->msg, SOUP_STATUS_OK, json_node_get_object (node));
}

static const WbRoute routes[] = {
  { "GET", "/api/v1/monitor", handle_monitor, WB_ROUTE_READS },
};

void
_wb_server_monitor_init (WbServerModule *module,
                         WbStore        *store)
{
  module->routes = routes;
  module->n_routes = G_N_ELEMENTS (routes);
}
