/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-server-matching"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wb-server-private.h"
#include "wb-store-matching.h"

struct _WbServerMatching
{
  WbServer *server;  /* unowned: the server owns this */
};

/* The parts of a match score a coordinator may weigh, per region. */
static const char * const weight_parts[] = {
  "competences", "education", "travel", "hours", "capacity", "sector", "readiness", NULL
};

static gboolean
is_region (const char *text)
{
  return wb_enum_contains (wb_regions, text);
}

static JsonObject *
default_weights (void)
{
  static const double defaults[] = { 0.45, 0.10, 0.10, 0.10, 0.10, 0.05, 0.10 };
  JsonObject *weights = json_object_new ();

  for (guint i = 0; weight_parts[i] != NULL; i++)
    json_object_set_double_member (weights, weight_parts[i], defaults[i]);
  return weights;
}

static void
handle_get_weights (WbRequest  *request,
                    const char *region)
{
  WbStore *store = wb_server_get_store (request->server);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) result = json_object_new ();
  g_autofree char *text = NULL;
  gint64 version = 0;

  text = wb_store_get_match_weights (store, region, &version, &error);
  if (error != NULL)
    {
      _wb_server_send_store_error (request->msg, error);
      return;
    }

  json_object_set_string_member (result, "region", region);
  json_object_set_int_member (result, "version", version);
  json_object_set_boolean_member (result, "default", text == NULL);
  if (text != NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (json_parser_load_from_data (parser, text, -1, NULL))
        json_object_set_member (result, "weights", json_node_copy (json_parser_get_root (parser)));
    }
  if (!json_object_has_member (result, "weights"))
    json_object_set_object_member (result, "weights", default_weights ());

  if (version > 0)
    _wb_server_set_etag (request->msg, result);
  else
    soup_message_headers_replace (soup_server_message_get_response_headers (request->msg), "ETag", "\"v0\"");
  _wb_server_send_object (request->msg, SOUP_STATUS_OK, result);
}

static void
handle_set_weights (WbRequest  *request,
                    const char *region)
{
  WbStore *store = wb_server_get_store (request->server);
  g_autoptr(WbProblem) problem = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GList) members = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  g_autofree char *stored = NULL;
  const char *if_match;
  JsonObject *weights;
  gint64 version = 0, current = 0;

  if (request->caller.role != WB_ROLE_COORDINATOR)
    {
      _wb_server_deny (request);
      return;
    }

  if_match = soup_message_headers_get_one (soup_server_message_get_request_headers (request->msg), "If-Match");
  if (if_match == NULL)
    {
      _wb_server_send_error (request->msg, 428, _("If-Match is required"),
                             _("Send the ETag of the weights you read in If-Match."));
      return;
    }
  stored = wb_store_get_match_weights (store, region, &current, NULL);
  if (!(g_strcmp0 (if_match, "\"v0\"") == 0 && current == 0) &&
      (!wb_etag_parse (if_match, &version) || version != current))
    {
      _wb_server_send_error (request->msg, SOUP_STATUS_PRECONDITION_FAILED,
                             _("The weights were changed by someone else"),
                             _("Nothing was saved. Read the weights again and apply your change."));
      return;
    }

  body = _wb_server_parse_body (request);
  if (body == NULL)
    return;

  problem = wb_problem_new (SOUP_STATUS_BAD_REQUEST, _("The weights are not valid"),
                            _("Give a number from 0 to 1 for each part you weigh."));
  if (!json_object_has_member (body, "weights") || !JSON_NODE_HOLDS_OBJECT (json_object_get_member (body, "weights")))
    {
      wb_problem_add_error (problem, "weights", _("must be an object of numbers"));
      _wb_server_send_problem (request->msg, problem);
      return;
    }
  weights = json_object_get_object_member (body, "weights");
  members = json_object_get_members (weights);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (weights, l->data);
      g_autofree char *field = g_strdup_printf ("weights.%s", (const char *) l->data);

      if (!wb_enum_contains (weight_parts, l->data))
        wb_problem_add_error (problem, field, _("is not a part of the score"));
      else if (!JSON_NODE_HOLDS_VALUE (value) ||
               (json_node_get_value_type (value) != G_TYPE_DOUBLE && json_node_get_value_type (value) != G_TYPE_INT64) ||
               json_node_get_double (value) < 0 || json_node_get_double (value) > 1)
        wb_problem_add_error (problem, field, _("must be a number from 0 to 1"));
    }
  if (problem->errors->len > 0)
    {
      _wb_server_send_problem (request->msg, problem);
      return;
    }

  node = json_node_init_object (json_node_alloc (), weights);
  text = json_to_string (node, FALSE);
  if (!wb_store_set_match_weights (store, region, text, request->caller.id, current, &error) ||
      !wb_store_audit (store, request->caller.id, request->caller.organisation_id, "update",
                       "match-weights", 0, region, &error))
    {
      _wb_server_send_store_error (request->msg, error);
      return;
    }
  handle_get_weights (request, region);
}

static JsonObject *
alert_to_json (WbStoreAlert *alert)
{
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "id", alert->id);
  json_object_set_int_member (object, "user_id", alert->user_id);
  json_object_set_string_member (object, "kind", alert->kind);
  if (alert->client_id > 0)
    json_object_set_int_member (object, "client_id", alert->client_id);
  if (alert->vacancy_id > 0)
    json_object_set_int_member (object, "vacancy_id", alert->vacancy_id);
  json_object_set_double_member (object, "threshold", alert->threshold);
  return object;
}

static void
handle_list_alerts (WbRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) alerts = wb_store_list_alerts (wb_server_get_store (request->server), NULL,
                                                      request->caller.id, &error);
  g_autoptr(JsonObject) result = json_object_new ();
  JsonArray *items;

  if (alerts == NULL)
    {
      _wb_server_send_store_error (request->msg, error);
      return;
    }
  items = json_array_new ();
  for (guint i = 0; i < alerts->len; i++)
    json_array_add_object_element (items, alert_to_json (alerts->pdata[i]));
  json_object_set_array_member (result, "items", items);
  json_object_set_int_member (result, "total", alerts->len);
  _wb_server_send_object (request->msg, SOUP_STATUS_OK, result);
}

static void
handle_create_alert (WbRequest *request)
{
  WbStore *store = wb_server_get_store (request->server);
  g_autoptr(JsonObject) body = _wb_server_parse_body (request);
  g_autoptr(WbProblem) problem = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) subject = NULL;
  g_autoptr(JsonObject) result = NULL;
  const char *kind;
  WbResource subject_resource;
  const char *subject_field;
  gint64 subject_id;
  double threshold;
  WbStoreAlert alert = { 0 };

  if (body == NULL)
    return;

  problem = wb_problem_new (SOUP_STATUS_BAD_REQUEST, _("The alert is not valid"), NULL);
  kind = json_object_get_string_member_with_default (body, "kind", "");
  if (strcmp (kind, "vacancy_for_client") == 0)
    {
      subject_resource = WB_RESOURCE_CLIENTS;
      subject_field = "client_id";
    }
  else if (strcmp (kind, "client_for_vacancy") == 0)
    {
      subject_resource = WB_RESOURCE_VACANCIES;
      subject_field = "vacancy_id";
    }
  else
    {
      wb_problem_add_error (problem, "kind", _("must be vacancy_for_client or client_for_vacancy"));
      _wb_server_send_problem (request->msg, problem);
      return;
    }

  subject_id = json_object_get_int_member_with_default (body, subject_field, 0);
  threshold = json_object_get_double_member_with_default (body, "threshold", -1);
  if (subject_id <= 0 ||
      (subject = wb_store_get (store, subject_resource, subject_id, NULL)) == NULL)
    wb_problem_add_error (problem, subject_field, _("must be the id of an existing record"));
  if (threshold < 0 || threshold > 1)
    wb_problem_add_error (problem, "threshold", _("must be a score from 0 to 1"));
  if (problem->errors->len > 0)
    {
      _wb_server_send_problem (request->msg, problem);
      return;
    }

  /* An alert on a client is for those who may read the client in full; on a vacancy, for
   * anyone who may read vacancies. */
  if (wb_policy_decide (request->caller.role, subject_resource, WB_ACTION_READ,
                        _wb_server_scope_of_record (request, subject_resource, subject)) != WB_DECISION_ALLOW)
    {
      _wb_server_deny (request);
      return;
    }

  alert.user_id = request->caller.id;
  alert.kind = (char *) kind;
  alert.client_id = subject_resource == WB_RESOURCE_CLIENTS ? subject_id : 0;
  alert.vacancy_id = subject_resource == WB_RESOURCE_VACANCIES ? subject_id : 0;
  alert.threshold = threshold;
  alert.id = wb_store_add_alert (store, alert.user_id, kind, alert.client_id, alert.vacancy_id, threshold, &error);
  if (alert.id == 0)
    {
      _wb_server_send_store_error (request->msg, error);
      return;
    }
  result = alert_to_json (&alert);
  _wb_server_send_object (request->msg, SOUP_STATUS_CREATED, result);
}

static void
handle_delete_alert (WbRequest *request,
                     gint64     id)
{
  g_autoptr(GError) error = NULL;

  if (!wb_store_remove_alert (wb_server_get_store (request->server), id, request->caller.id, &error))
    {
      _wb_server_send_store_error (request->msg, error);
      return;
    }
  soup_server_message_set_status (request->msg, SOUP_STATUS_NO_CONTENT, NULL);
}

WbServerMatching *
_wb_server_matching_new (WbServer  *server,
                         GError   **error)
{
  WbServerMatching *self = g_new0 (WbServerMatching, 1);

  self->server = server;
  return self;
}

void
_wb_server_matching_free (WbServerMatching *self)
{
  g_free (self);
}

gboolean
_wb_server_matching_route (WbRequest  *request,
                           GHashTable *params)
{
  const char *method = request->method;
  const char *first = request->segments[0];
  gint64 id = 0;

  if (strcmp (first, "match-weights") == 0 && request->n_segments == 2)
    {
      const char *region = request->segments[1];

      if (!is_region (region))
        _wb_server_send_error (request->msg, SOUP_STATUS_NOT_FOUND, _("Not found"),
                               _("Weights are kept per region: Parkstad, Maastricht-Heuvelland, "
                                 "Westelijke Mijnstreek or Zuid-Limburg."));
      else if (strcmp (method, "GET") == 0)
        handle_get_weights (request, region);
      else if (strcmp (method, "PATCH") == 0)
        handle_set_weights (request, region);
      else
        _wb_server_send_error (request->msg, SOUP_STATUS_METHOD_NOT_ALLOWED, _("Method not allowed"), NULL);
      return TRUE;
    }

  if (strcmp (first, "alerts") == 0)
    {
      if (request->n_segments == 1 && strcmp (method, "GET") == 0)
        handle_list_alerts (request);
      else if (request->n_segments == 1 && strcmp (method, "POST") == 0)
        handle_create_alert (request);
      else if (request->n_segments == 2 && strcmp (method, "DELETE") == 0 &&
               _wb_server_parse_id (request->segments[1], &id))
        handle_delete_alert (request, id);
      else
        _wb_server_send_error (request->msg, SOUP_STATUS_METHOD_NOT_ALLOWED, _("Method not allowed"), NULL);
      return TRUE;
    }

  return FALSE;
}

void
_wb_server_matching_changed (WbServer   *server,
                             WbResource  resource,
                             gint64      id)
{
}
