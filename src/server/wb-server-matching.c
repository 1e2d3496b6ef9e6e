/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-server-matching"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "wb-match-engine.h"
#include "wb-match-loader.h"
#include "wb-server-private.h"
#include "wb-store-matching.h"

#define MAX_LIMIT    1000
#define MAX_KM       1000
/* The region whose weights apply where a region has none of its own. */
#define REGION_WIDE  "Zuid-Limburg"
/* The engine of a store, shared by every server on it: key of the store's object data. */
#define ENGINE_KEY   "wb-server-matching-engine"

struct _WbServerMatching
{
  WbServer *server;         /* unowned: the server owns this */
  WbMatchEngine *engine;    /* shared with other servers on the same store */
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

/* Weights */

static JsonObject *
default_weights (void)
{
  WbMatchWeights weights;

  wb_match_weights_init_default (&weights);
  return wb_match_weights_to_json (&weights);
}

/* The weights that apply in @region: its own, else the region-wide ones, else the defaults.
 * @description gets what the API shows of them, in the form of GET /match-weights/{region}
 * for the region whose weights they are: region, version, default and weights. */
static void
weights_for_region (WbStore         *store,
                    const char      *region,
                    WbMatchWeights  *weights,
                    JsonObject     **description)
{
  const char *regions[] = { region, REGION_WIDE };
  JsonObject *object = json_object_new ();

  wb_match_weights_init_default (weights);
  for (guint i = 0; i < G_N_ELEMENTS (regions); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *text = NULL;
      gint64 version = 0;

      if (regions[i] == NULL || (i > 0 && g_strcmp0 (regions[0], regions[i]) == 0))
        continue;
      text = wb_store_get_match_weights (store, regions[i], &version, &error);
      if (text == NULL)
        {
          if (error != NULL)
            g_warning ("Cannot read the matching weights of %s: %s", regions[i], error->message);
          continue;
        }
      node = json_from_string (text, &error);
      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node) ||
          !wb_match_weights_from_json (json_node_get_object (node), weights, &error))
        {
          g_warning ("The stored matching weights of %s are not usable: %s", regions[i],
                     error != NULL ? error->message : "not an object");
          wb_match_weights_init_default (weights);
          continue;
        }
      json_object_set_string_member (object, "region", regions[i]);
      json_object_set_int_member (object, "version", version);
      json_object_set_boolean_member (object, "default", FALSE);
      json_object_set_object_member (object, "weights", wb_match_weights_to_json (weights));
      *description = object;
      return;
    }
  /* As GET /match-weights/{region} shows a region that has none of its own. */
  if (region != NULL)
    json_object_set_string_member (object, "region", region);
  else
    json_object_set_null_member (object, "region");
  json_object_set_int_member (object, "version", 0);
  json_object_set_boolean_member (object, "default", TRUE);
  json_object_set_object_member (object, "weights", wb_match_weights_to_json (weights));
  *description = object;
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
  /* The parts not given keep their defaults; all of them at zero would rank nothing. */
  if (problem->errors->len == 0)
    {
      WbMatchWeights check;

      if (!wb_match_weights_from_json (weights, &check, NULL))
        wb_problem_add_error (problem, "weights", _("at least one part of the score must weigh more than 0"));
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

/* Rankings */

typedef struct {
  WbMatchOptions options;
  gboolean has_max_km;
} RankParams;

/* limit, max_km, org and near_misses; anything else, or a value that is not one, is a 400
 * with the field named. */
static gboolean
parse_rank_params (WbRequest  *request,
                   GHashTable *params,
                   RankParams *out)
{
  g_autoptr(WbProblem) problem = wb_problem_new (SOUP_STATUS_BAD_REQUEST, _("The ranking parameters are not valid"),
                                                 _("Correct the parameters listed in errors and ask again."));
  GHashTableIter iter;
  gpointer key, value;

  wb_match_options_init (&out->options);
  out->has_max_km = FALSE;
  if (params != NULL)
    {
      g_hash_table_iter_init (&iter, params);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          const char *name = key, *text = value;
          guint64 number;

          if (strcmp (name, "limit") == 0)
            {
              if (!g_ascii_string_to_unsigned (text, 10, 1, MAX_LIMIT, &number, NULL))
                wb_problem_add_error (problem, "limit", _("must be a whole number from 1 to 1000"));
              else
                out->options.limit = (guint) number;
            }
          else if (strcmp (name, "max_km") == 0)
            {
              char *end = NULL;
              double km = g_ascii_strtod (text, &end);

              if (*text == '\0' || end == NULL || *end != '\0' || !isfinite (km) || km <= 0 || km > MAX_KM)
                wb_problem_add_error (problem, "max_km", _("must be a distance in kilometres above 0 and at most 1000"));
              else
                {
                  out->options.max_km = km;
                  out->has_max_km = TRUE;
                }
            }
          else if (strcmp (name, "org") == 0)
            {
              if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &number, NULL))
                wb_problem_add_error (problem, "org", _("must be the id of an organisation"));
              else
                out->options.organisation_id = (gint64) number;
            }
          else if (strcmp (name, "near_misses") == 0)
            {
              if (strcmp (text, "true") == 0)
                out->options.near_misses_only = TRUE;
              else if (strcmp (text, "false") != 0)
                wb_problem_add_error (problem, "near_misses", _("must be true or false"));
            }
          else
            wb_problem_add_error (problem, name, _("is not a parameter of a ranking: use limit, max_km, org or near_misses"));
        }
    }
  if (problem->errors->len > 0)
    {
      _wb_server_send_problem (request->msg, problem);
      return FALSE;
    }
  return TRUE;
}

static void
set_rank_params (JsonObject       *result,
                 const RankParams *params)
{
  json_object_set_int_member (result, "limit", params->options.limit);
  if (params->has_max_km)
    json_object_set_double_member (result, "max_km", params->options.max_km);
  else
    json_object_set_null_member (result, "max_km");
  if (params->options.organisation_id > 0)
    json_object_set_int_member (result, "org", params->options.organisation_id);
  else
    json_object_set_null_member (result, "org");
  json_object_set_boolean_member (result, "near_misses", params->options.near_misses_only);
}

/* What the caller may see of a client in a ranking: the profile with the names for the own
 * organisation and the account manager the client was referred to, else the pseudonymous
 * profile. Returns the decision; the profile is changed in place. */
static WbDecision
present_client (WbRequest  *request,
                JsonObject *client)
{
  g_autofree char *pseudonym = g_strdup_printf ("K-%06" G_GINT64_FORMAT,
                                                json_object_get_int_member_with_default (client, "id", 0));
  g_autofree char *organisation = g_strdup (json_object_get_string_member_with_default (client, "organisation", NULL));
  WbDecision decision = wb_policy_decide (request->caller.role, WB_RESOURCE_CLIENTS, WB_ACTION_READ,
                                          _wb_server_scope_of_client (request, client));

  if (decision == WB_DECISION_PSEUDONYMOUS)
    wb_policy_pseudonymise_client (client, _wb_server_current_year ());
  else
    {
      json_object_set_string_member (client, "pseudonym", pseudonym);
      json_object_set_boolean_member (client, "pseudonymous", FALSE);
    }
  /* Who to contact about the client. */
  if (organisation != NULL)
    json_object_set_string_member (client, "organisation", organisation);
  if (json_object_has_member (client, "region"))
    json_object_remove_member (client, "region");
  if (json_object_has_member (client, "wsp_account_manager_id"))
    json_object_remove_member (client, "wsp_account_manager_id");
  return decision;
}

static JsonObject *
result_to_json (WbMatchResult *result,
                guint          rank,
                gboolean       pseudonymous)
{
  JsonObject *item;

  if (pseudonymous)
    wb_match_result_pseudonymise (result);
  item = wb_match_result_to_json (result);
  json_object_set_int_member (item, "rank", rank);
  return item;
}

static void
send_engine_error (WbRequest    *request,
                   const GError *error)
{
  if (g_error_matches (error, WB_MATCH_ERROR, WB_MATCH_ERROR_INVALID))
    _wb_server_send_error (request->msg, SOUP_STATUS_BAD_REQUEST, _("The ranking parameters are not valid"),
                           error->message);
  else if (g_error_matches (error, WB_MATCH_ERROR, WB_MATCH_ERROR_NOT_FOUND))
    _wb_server_send_error (request->msg, SOUP_STATUS_CONFLICT, _("Not a candidate"), error->message);
  else
    _wb_server_send_store_error (request->msg, error);
}

static gboolean
any_read (WbRole     role,
          WbResource resource)
{
  for (guint s = 0; s < WB_N_SCOPES; s++)
    if (wb_policy_decide (role, resource, WB_ACTION_READ, s) != WB_DECISION_DENY)
      return TRUE;
  return FALSE;
}

/* GET /vacancies/{id}/matches: every candidate in the central layer, best first. */
static void
handle_rank_candidates (WbServerMatching *self,
                        WbRequest        *request,
                        gint64            vacancy_id,
                        GHashTable       *params)
{
  WbStore *store = wb_server_get_store (request->server);
  g_autoptr(JsonObject) vacancy = NULL;
  g_autoptr(JsonObject) weights = NULL;
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(GPtrArray) ranked = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *items;
  WbMatchStats stats;
  RankParams rank;

  vacancy = wb_store_get_match_vacancy (store, vacancy_id, &error);
  if (vacancy == NULL)
    {
      _wb_server_send_store_error (request->msg, error);
      return;
    }
  if (wb_policy_decide (request->caller.role, WB_RESOURCE_VACANCIES, WB_ACTION_READ,
                        _wb_server_scope_of_organisation (request, json_object_get_int_member_with_default (vacancy, "organisation_id", 0)))
      == WB_DECISION_DENY ||
      !any_read (request->caller.role, WB_RESOURCE_CLIENTS) || !any_read (request->caller.role, WB_RESOURCE_MATCHES))
    {
      _wb_server_deny (request);
      return;
    }
  if (!parse_rank_params (request, params, &rank))
    return;

  weights_for_region (store, json_object_get_string_member_with_default (vacancy, "region", NULL),
                      &rank.options.weights, &weights);
  ranked = wb_match_engine_rank_candidates (self->engine, vacancy_id, &rank.options, &error);
  if (ranked == NULL)
    {
      send_engine_error (request, error);
      return;
    }

  items = json_array_new ();
  for (guint i = 0; i < ranked->len; i++)
    {
      WbMatchResult *r = ranked->pdata[i];
      g_autoptr(GError) local_error = NULL;
      g_autoptr(JsonObject) client = wb_store_get_match_client (store, r->client_id, &local_error);
      WbDecision decision;
      JsonObject *item;

      if (client == NULL)
        {
          _wb_server_send_store_error (request->msg, local_error);
          json_array_unref (items);
          return;
        }
      decision = present_client (request, client);
      if (decision == WB_DECISION_DENY)
        continue;
      item = result_to_json (r, json_array_get_length (items) + 1, decision == WB_DECISION_PSEUDONYMOUS);
      json_object_set_object_member (item, "client", g_steal_pointer (&client));
      json_array_add_object_element (items, item);
    }

  wb_match_engine_get_stats (self->engine, &stats);
  result = json_object_new ();
  json_object_set_int_member (result, "vacancy_id", vacancy_id);
  json_object_set_object_member (result, "vacancy", g_steal_pointer (&vacancy));
  json_object_set_object_member (result, "weights", g_steal_pointer (&weights));
  set_rank_params (result, &rank);
  json_object_set_int_member (result, "considered", stats.n_clients);
  json_object_set_array_member (result, "items", items);
  _wb_server_send_object (request->msg, SOUP_STATUS_OK, result);
}

/* GET /clients/{id}/matches: every open vacancy, best first. */
static void
handle_rank_vacancies (WbServerMatching *self,
                       WbRequest        *request,
                       gint64            client_id,
                       GHashTable       *params)
{
  WbStore *store = wb_server_get_store (request->server);
  g_autoptr(JsonObject) client = NULL;
  g_autoptr(JsonObject) weights = NULL;
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(GPtrArray) ranked = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *region = NULL;
  JsonArray *items;
  WbMatchStats stats;
  WbDecision decision;
  RankParams rank;

  client = wb_store_get_match_client (store, client_id, &error);
  if (client == NULL)
    {
      _wb_server_send_store_error (request->msg, error);
      return;
    }
  region = g_strdup (json_object_get_string_member_with_default (client, "region", NULL));
  decision = present_client (request, client);
  if (decision == WB_DECISION_DENY || !any_read (request->caller.role, WB_RESOURCE_VACANCIES) ||
      !any_read (request->caller.role, WB_RESOURCE_MATCHES))
    {
      _wb_server_deny (request);
      return;
    }
  if (!parse_rank_params (request, params, &rank))
    return;

  weights_for_region (store, region, &rank.options.weights, &weights);
  ranked = wb_match_engine_rank_vacancies (self->engine, client_id, &rank.options, &error);
  if (ranked == NULL)
    {
      send_engine_error (request, error);
      return;
    }

  items = json_array_new ();
  for (guint i = 0; i < ranked->len; i++)
    {
      WbMatchResult *r = ranked->pdata[i];
      g_autoptr(GError) local_error = NULL;
      g_autoptr(JsonObject) vacancy = wb_store_get_match_vacancy (store, r->vacancy_id, &local_error);
      JsonObject *item;

      if (vacancy == NULL)
        {
          _wb_server_send_store_error (request->msg, local_error);
          json_array_unref (items);
          return;
        }
      if (wb_policy_decide (request->caller.role, WB_RESOURCE_VACANCIES, WB_ACTION_READ,
                            _wb_server_scope_of_organisation (request, json_object_get_int_member_with_default (vacancy, "organisation_id", 0)))
          == WB_DECISION_DENY)
        continue;
      item = result_to_json (r, json_array_get_length (items) + 1, decision == WB_DECISION_PSEUDONYMOUS);
      json_object_set_object_member (item, "vacancy", g_steal_pointer (&vacancy));
      json_array_add_object_element (items, item);
    }

  wb_match_engine_get_stats (self->engine, &stats);
  result = json_object_new ();
  json_object_set_int_member (result, "client_id", client_id);
  json_object_set_object_member (result, "client", g_steal_pointer (&client));
  json_object_set_object_member (result, "weights", g_steal_pointer (&weights));
  set_rank_params (result, &rank);
  json_object_set_int_member (result, "considered", stats.n_open_vacancies);
  json_object_set_array_member (result, "items", items);
  _wb_server_send_object (request->msg, SOUP_STATUS_OK, result);
}

/* A proposal */

gboolean
_wb_server_matching_score_match (WbRequest  *request,
                                 JsonObject *match)
{
  WbServerMatching *self = request->server->matching;
  WbStore *store = wb_server_get_store (request->server);
  gint64 vacancy_id = json_object_get_int_member_with_default (match, "vacancy_id", 0);
  gint64 client_id = json_object_get_int_member_with_default (match, "client_id", 0);
  g_autoptr(JsonObject) vacancy = NULL;
  g_autoptr(JsonObject) weights = NULL;
  g_autoptr(JsonObject) json = NULL;
  g_autoptr(WbMatchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pseudonym = g_strdup_printf ("K-%06" G_GINT64_FORMAT, client_id);
  WbMatchOptions options;

  vacancy = wb_store_get_match_vacancy (store, vacancy_id, &error);
  if (vacancy == NULL)
    {
      _wb_server_send_store_error (request->msg, error);
      return FALSE;
    }
  if (g_strcmp0 (json_object_get_string_member_with_default (vacancy, "status", NULL), "open") != 0)
    {
      g_autofree char *detail = g_strdup_printf (_("The vacancy “%s” is no longer open; propose candidates for an open vacancy."),
                                                 json_object_get_string_member_with_default (vacancy, "title", ""));

      _wb_server_send_error (request->msg, SOUP_STATUS_CONFLICT, _("This step is not possible"), detail);
      return FALSE;
    }
  if (!wb_match_engine_has_client (self->engine, client_id))
    {
      g_autofree char *detail = g_strdup_printf (_("Client %s is not an active jobseeker any more and cannot be proposed."),
                                                 pseudonym);

      _wb_server_send_error (request->msg, SOUP_STATUS_CONFLICT, _("This step is not possible"), detail);
      return FALSE;
    }

  /* The score, its parts and the weights at this moment. What is stored is read by every
   * organisation, so the parts say the capacity as its band only. */
  wb_match_options_init (&options);
  weights_for_region (store, json_object_get_string_member_with_default (vacancy, "region", NULL), &options.weights, &weights);
  result = wb_match_engine_score_pair (self->engine, vacancy_id, client_id, &options, &error);
  if (result == NULL)
    {
      send_engine_error (request, error);
      return FALSE;
    }
  wb_match_result_pseudonymise (result);
  json = wb_match_result_to_json (result);
  json_object_set_double_member (match, "score", json_object_get_double_member (json, "score"));
  json_object_set_member (match, "score_parts", json_object_dup_member (json, "parts"));
  json_object_set_object_member (match, "weights", g_steal_pointer (&weights));
  return TRUE;
}

/* Alerts */

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

/* Tells the owner of @alert that the pair (@vacancy_id, @client_id) now scores at or above
 * the threshold, once per alert and record. */
static void
check_alert (WbServerMatching   *self,
             const WbStoreAlert *alert,
             gint64              vacancy_id,
             gint64              client_id)
{
  WbStore *store = wb_server_get_store (self->server);
  gboolean for_client = g_str_equal (alert->kind, "vacancy_for_client");
  const char *resource = for_client ? "vacancies" : "clients";
  gint64 resource_id = for_client ? vacancy_id : client_id;
  g_autoptr(JsonObject) vacancy = NULL;
  g_autoptr(JsonObject) client = NULL;
  g_autoptr(JsonObject) weights = NULL;
  g_autoptr(WbMatchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pseudonym = g_strdup_printf ("K-%06" G_GINT64_FORMAT, client_id);
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  WbMatchOptions options;
  double percent, threshold;

  if (!wb_match_engine_has_client (self->engine, client_id) || !wb_match_engine_has_vacancy (self->engine, vacancy_id) ||
      wb_store_alert_has_notified (store, alert->id, resource, resource_id))
    return;
  vacancy = wb_store_get_match_vacancy (store, vacancy_id, NULL);
  client = wb_store_get_match_client (store, client_id, NULL);
  if (vacancy == NULL || client == NULL ||
      g_strcmp0 (json_object_get_string_member_with_default (vacancy, "status", NULL), "open") != 0)
    return;

  wb_match_options_init (&options);
  options.explain = FALSE;
  weights_for_region (store, json_object_get_string_member_with_default (vacancy, "region", NULL), &options.weights, &weights);
  result = wb_match_engine_score_pair (self->engine, vacancy_id, client_id, &options, &error);
  if (result == NULL || result->score < alert->threshold)
    return;

  /* A notification is kept for days and may be read over someone's shoulder: the client
   * goes by pseudonym. */
  percent = round (result->score * 100);
  threshold = round (alert->threshold * 100);
  if (for_client)
    {
      title = g_strdup_printf (_("A new vacancy for %s"), pseudonym);
      body = g_strdup_printf (_("“%s” at %s matches %s for %.0f %% (your alert: from %.0f %%)."),
                              json_object_get_string_member_with_default (vacancy, "title", ""),
                              json_object_get_string_member_with_default (vacancy, "employer", ""),
                              pseudonym, percent, threshold);
    }
  else
    {
      title = g_strdup_printf (_("A new candidate for “%s”"), json_object_get_string_member_with_default (vacancy, "title", ""));
      body = g_strdup_printf (_("Candidate %s of %s matches for %.0f %% (your alert: from %.0f %%)."),
                              pseudonym, json_object_get_string_member_with_default (client, "organisation", ""),
                              percent, threshold);
    }
  if (wb_store_add_notification (store, alert->user_id, "match_alert", title, body, resource, resource_id,
                                 alert->id, result->score, &error) == 0)
    g_warning ("Cannot keep the notification of alert %" G_GINT64_FORMAT ": %s", alert->id, error->message);
}

static void
check_alerts (WbServerMatching *self,
              gint64            vacancy_id,
              gint64            client_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) alerts = wb_store_list_alerts (wb_server_get_store (self->server),
                                                      vacancy_id > 0 ? "vacancy_for_client" : "client_for_vacancy",
                                                      0, &error);

  if (alerts == NULL)
    {
      g_warning ("Cannot read the alerts: %s", error->message);
      return;
    }
  for (guint i = 0; i < alerts->len; i++)
    {
      const WbStoreAlert *alert = alerts->pdata[i];

      if (vacancy_id > 0)
        check_alert (self, alert, vacancy_id, alert->client_id);
      else
        check_alert (self, alert, alert->vacancy_id, client_id);
    }
}

/* The extension */

WbServerMatching *
_wb_server_matching_new (WbServer  *server,
                         GError   **error)
{
  WbServerMatching *self = g_new0 (WbServerMatching, 1);
  WbStore *store = wb_server_get_store (server);
  WbMatchEngine *engine;

  self->server = server;

  /* Every server on the same store shares one engine: a write through one is seen by all. */
  engine = g_object_get_data (G_OBJECT (store), ENGINE_KEY);
  if (engine == NULL)
    {
      g_autoptr(GError) local_error = NULL;
      WbMatchLoadStats stats;
      gint64 start = g_get_monotonic_time ();

      engine = wb_match_engine_new ();
      if (!wb_match_loader_load (store, engine, &stats, &local_error))
        {
          g_warning ("The matching engine could not load the store: %s", local_error->message);
          if (error != NULL)
            *error = g_steal_pointer (&local_error);
        }
      else
        g_debug ("Matching engine: %u clients, %u vacancies in %.2f s", stats.n_clients, stats.n_vacancies,
                 (g_get_monotonic_time () - start) / 1e6);
      g_object_set_data_full (G_OBJECT (store), ENGINE_KEY, engine, g_object_unref);
    }
  self->engine = g_object_ref (engine);
  return self;
}

void
_wb_server_matching_free (WbServerMatching *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->engine);
  g_free (self);
}

gboolean
_wb_server_matching_route (WbRequest  *request,
                           GHashTable *params)
{
  WbServerMatching *self = request->server->matching;
  const char *method = request->method;
  const char *first = request->segments[0];
  gint64 id = 0;

  if (request->n_segments == 3 && strcmp (request->segments[2], "matches") == 0 &&
      (strcmp (first, "vacancies") == 0 || strcmp (first, "clients") == 0))
    {
      if (!_wb_server_parse_id (request->segments[1], &id))
        _wb_server_send_error (request->msg, SOUP_STATUS_NOT_FOUND, _("Not found"), _("There is no such resource in API v1."));
      else if (strcmp (method, "GET") != 0)
        _wb_server_send_error (request->msg, SOUP_STATUS_METHOD_NOT_ALLOWED, _("Method not allowed"),
                               _("A ranking is read with GET; record a proposal with POST /api/v1/matches."));
      else if (strcmp (first, "vacancies") == 0)
        handle_rank_candidates (self, request, id, params);
      else
        handle_rank_vacancies (self, request, id, params);
      return TRUE;
    }

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
  WbServerMatching *self = server->matching;
  g_autoptr(GError) error = NULL;
  gint64 client_id = 0, vacancy_id = 0;

  if (self == NULL)
    return;
  if (!wb_match_loader_follow (wb_server_get_store (server), self->engine, resource, id, &client_id, &vacancy_id, &error))
    {
      g_warning ("The matching engine could not follow a change of %s %" G_GINT64_FORMAT ": %s",
                 wb_resource_spec_get (resource)->name, id, error->message);
      return;
    }
  if (vacancy_id > 0)
    check_alerts (self, vacancy_id, 0);
  if (client_id > 0)
    check_alerts (self, 0, client_id);
}
