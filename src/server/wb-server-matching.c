/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-server-matching"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "wb-match-engine.h"
#include "wb-match-loader.h"
#include "wb-server-modules.h"
#include "wb-store-matching.h"

#define MAX_LIMIT    1000
#define MAX_KM       1000
/* The region whose weights apply where a region has none of its own. */
#define REGION_WIDE  "Zuid-Limburg"
/* The engine of a store, shared by every server on it: key of the store's object data. */
#define ENGINE_KEY   "wb-server-matching-engine"

/* The module's state. Handlers read the engine and on_changed writes it, each only through
 * wb_match_engine_* and wb_match_loader_follow, so that a lock belongs in the engine. */
typedef struct
{
  WbMatchEngine *engine;    /* shared with other servers on the same store */
} WbServerMatching;

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

/* The weights stored as @text, the parts not in it at their defaults; the defaults when
 * there is no text or it is not usable. */
static void
weights_from_text (const char     *text,
                   WbMatchWeights *weights)
{
  g_autoptr(JsonNode) node = text != NULL ? json_from_string (text, NULL) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node) ||
      !wb_match_weights_from_json (json_node_get_object (node), weights, NULL))
    wb_match_weights_init_default (weights);
}

/* What the audit keeps of a change of weights: the region, the new version and each part
 * that changed, from and to ("Parkstad v2: competences 0.45 -> 0.9, travel 0.1 -> 0.01"). */
static char *
describe_weights_change (const char           *region,
                         gint64                version,
                         const WbMatchWeights *from,
                         const WbMatchWeights *to)
{
  GString *text = g_string_new (NULL);
  guint n = 0;

  g_string_append_printf (text, "%s v%" G_GINT64_FORMAT ":", region, version);
  for (guint i = 0; i < WB_MATCH_N_PARTS; i++)
    {
      char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE];

      if (from->part[i] == to->part[i])
        continue;
      g_string_append_printf (text, "%s %s %s -> %s", n++ > 0 ? "," : "", wb_match_part_to_string (i),
                              g_ascii_formatd (a, sizeof a, "%g", from->part[i]),
                              g_ascii_formatd (b, sizeof b, "%g", to->part[i]));
    }
  if (n == 0)
    g_string_append (text, " no part changed");
  return g_string_free (text, FALSE);
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
  WbStore *store = request->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) result = json_object_new ();
  g_autofree char *text = NULL;
  WbMatchWeights weights;
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
  /* Every part, also those a coordinator left at the default. */
  weights_from_text (text, &weights);
  json_object_set_object_member (result, "weights", wb_match_weights_to_json (&weights));

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
  WbStore *store = request->store;
  g_autoptr(WbProblem) problem = NULL;
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GList) members = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *change = NULL;
  g_autoptr(JsonObject) complete = NULL;
  const char *if_match;
  JsonObject *weights;
  WbMatchWeights before, after;
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
  if (problem->errors->len == 0 && !wb_match_weights_from_json (weights, &after, NULL))
    wb_problem_add_error (problem, "weights", _("at least one part of the score must weigh more than 0"));
  if (problem->errors->len > 0)
    {
      _wb_server_send_problem (request->msg, problem);
      return;
    }

  /* Kept whole, so that what is read back is every part that applies. */
  complete = wb_match_weights_to_json (&after);
  node = json_node_init_object (json_node_alloc (), complete);
  text = json_to_string (node, FALSE);
  weights_from_text (stored, &before);
  change = describe_weights_change (region, current + 1, &before, &after);
  if (!wb_store_set_match_weights (store, region, text, request->caller.id, current, &error) ||
      !wb_store_audit (store, request->caller.id, request->caller.organisation_id, "update",
                       "match-weights", 0, change, &error))
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

/* limit, max_km, org, near_misses and pool; anything else, or a value that is not one, is a
 * 400 with the field named. */
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
          else if (strcmp (name, "near_misses") == 0 || strcmp (name, "pool") == 0)
            {
              gboolean *flag = name[0] == 'n' ? &out->options.near_misses_only : &out->options.pool_only;

              if (strcmp (text, "true") == 0)
                *flag = TRUE;
              else if (strcmp (text, "false") != 0)
                wb_problem_add_error (problem, name, _("must be true or false"));
            }
          else
            wb_problem_add_error (problem, name,
                                  _("is not a parameter of a ranking: use limit, max_km, org, near_misses or pool"));
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
  json_object_set_boolean_member (result, "pool", params->options.pool_only);
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
  WbStore *store = request->store;
  g_autoptr(JsonObject) vacancy = NULL;
  g_autoptr(JsonObject) weights = NULL;
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(GPtrArray) ranked = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *items;
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

  result = json_object_new ();
  json_object_set_int_member (result, "vacancy_id", vacancy_id);
  json_object_set_object_member (result, "vacancy", g_steal_pointer (&vacancy));
  json_object_set_object_member (result, "weights", g_steal_pointer (&weights));
  set_rank_params (result, &rank);
  json_object_set_int_member (result, "considered", wb_match_engine_count_clients (self->engine));
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
  WbStore *store = request->store;
  g_autoptr(JsonObject) client = NULL;
  g_autoptr(JsonObject) weights = NULL;
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(GPtrArray) ranked = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *region = NULL;
  JsonArray *items;
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

  result = json_object_new ();
  json_object_set_int_member (result, "client_id", client_id);
  json_object_set_object_member (result, "client", g_steal_pointer (&client));
  json_object_set_object_member (result, "weights", g_steal_pointer (&weights));
  set_rank_params (result, &rank);
  json_object_set_int_member (result, "considered", wb_match_engine_count_open_vacancies (self->engine));
  json_object_set_array_member (result, "items", items);
  _wb_server_send_object (request->msg, SOUP_STATUS_OK, result);
}

/* A proposal */

#define ENGINE_LOADED_KEY "wb-server-matching-loaded"

static GMutex engine_lock;

/* The engine reads the store when it is first needed (a ranking, a scored match, a write
 * it follows), not when the server starts: the list of clients a desktop app shows after
 * its launch does not wait for the index of every competence. A write before then is read
 * with the rest. */
static void
ensure_engine (WbServerMatching *self,
               WbStore          *store)
{
  g_mutex_lock (&engine_lock);
  if (g_object_get_data (G_OBJECT (self->engine), ENGINE_LOADED_KEY) == NULL)
    {
      g_autoptr(GError) local_error = NULL;
      WbMatchLoadStats stats;
      gint64 start = g_get_monotonic_time ();

      if (!wb_match_loader_load (store, self->engine, &stats, &local_error))
        g_warning ("The matching engine could not load the store: %s", local_error->message);
      else
        g_debug ("Matching engine: %u clients, %u vacancies in %.2f s", stats.n_clients, stats.n_vacancies,
                 (g_get_monotonic_time () - start) / 1e6);
      g_object_set_data (G_OBJECT (self->engine), ENGINE_LOADED_KEY, GINT_TO_POINTER (TRUE));
    }
  g_mutex_unlock (&engine_lock);
}

/* Before a new match is stored: sets its score, score parts and weights as the engine has
 * them at this moment, or answers the request (409 for a pair that cannot be proposed) and
 * returns FALSE. */
static gboolean
score_match (WbRequest  *request,
             JsonObject *match)
{
  WbServerMatching *self = request->module;
  WbStore *store = request->store;
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
  ensure_engine (self, store);
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
  g_autoptr(GPtrArray) alerts = wb_store_list_alerts (request->store, NULL,
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
  WbStore *store = request->store;
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

  if (!wb_store_remove_alert (request->store, id, request->caller.id, &error))
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
             WbStore            *store,
             const WbStoreAlert *alert,
             gint64              vacancy_id,
             gint64              client_id)
{
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
              WbStore          *store,
              gint64            vacancy_id,
              gint64            client_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) alerts = wb_store_list_alerts (store,
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
        check_alert (self, store, alert, vacancy_id, alert->client_id);
      else
        check_alert (self, store, alert, alert->vacancy_id, client_id);
    }
}

/* The module */

static void
on_rank_candidates (WbRequest *request)
{
  ensure_engine (request->module, request->store);
  handle_rank_candidates (request->module, request, _wb_server_route_id (request, "id"), request->query);
}

static void
on_rank_vacancies (WbRequest *request)
{
  ensure_engine (request->module, request->store);
  handle_rank_vacancies (request->module, request, _wb_server_route_id (request, "id"), request->query);
}

/* The region of /match-weights/{region}, or NULL after a 404. */
static const char *
weights_region (WbRequest *request)
{
  const char *region = _wb_server_route_text (request, "region");

  if (is_region (region))
    return region;
  _wb_server_send_error (request->msg, SOUP_STATUS_NOT_FOUND, _("Not found"),
                         _("Weights are kept per region: Parkstad, Maastricht-Heuvelland, "
                           "Westelijke Mijnstreek or Zuid-Limburg."));
  return NULL;
}

static void
on_get_weights (WbRequest *request)
{
  const char *region = weights_region (request);

  if (region != NULL)
    handle_get_weights (request, region);
}

static void
on_set_weights (WbRequest *request)
{
  const char *region = weights_region (request);

  if (region != NULL)
    handle_set_weights (request, region);
}

static void
on_delete_alert (WbRequest *request)
{
  handle_delete_alert (request, _wb_server_route_id (request, "id"));
}

static const WbRoute routes[] = {
  { "GET",    "/api/v1/vacancies/{id}/matches", on_rank_candidates,  WB_ROUTE_READS },
  { "GET",    "/api/v1/clients/{id}/matches",   on_rank_vacancies,   WB_ROUTE_READS },
  { "GET",    "/api/v1/match-weights/{region}", on_get_weights,      WB_ROUTE_READS },
  { "PATCH",  "/api/v1/match-weights/{region}", on_set_weights,      WB_ROUTE_WRITES },
  { "GET",    "/api/v1/alerts",                 handle_list_alerts,  WB_ROUTE_READS },
  { "POST",   "/api/v1/alerts",                 handle_create_alert, WB_ROUTE_WRITES },
  { "DELETE", "/api/v1/alerts/{id}",            on_delete_alert,     WB_ROUTE_WRITES },
};

static const WbRecordHooks record_hooks[] = {
  { WB_RESOURCE_MATCHES, .complete_create = score_match },
};

/* After a write has been committed, so that the engine and the alerts follow. */
static void
on_changed (gpointer    module,
            WbStore    *store,
            WbResource  resource,
            gint64      id)
{
  WbServerMatching *self = module;
  g_autoptr(GError) error = NULL;
  gint64 client_id = 0, vacancy_id = 0;

  ensure_engine (self, store);
  if (!wb_match_loader_follow (store, self->engine, resource, id, &client_id, &vacancy_id, &error))
    {
      g_warning ("The matching engine could not follow a change of %s %" G_GINT64_FORMAT ": %s",
                 wb_resource_spec_get (resource)->name, id, error->message);
      return;
    }
  if (vacancy_id > 0)
    check_alerts (self, store, vacancy_id, 0);
  if (client_id > 0)
    check_alerts (self, store, 0, client_id);
}

/* A write by another process: the engine follows it; alerts are the writer's to send. */
static void
on_followed (gpointer    module,
             WbStore    *store,
             WbResource  resource,
             gint64      id)
{
  WbServerMatching *self = module;
  g_autoptr(GError) error = NULL;

  if (!wb_match_loader_follow (store, self->engine, resource, id, NULL, NULL, &error))
    g_message ("The matching engine could not follow a change of %s %" G_GINT64_FORMAT " by another process: %s",
               wb_resource_spec_get (resource)->name, id, error->message);
}

static void
matching_free (WbServerMatching *self)
{
  g_clear_object (&self->engine);
  g_free (self);
}

void
_wb_server_matching_init (WbServerModule *module,
                          WbStore        *store)
{
  WbServerMatching *self = g_new0 (WbServerMatching, 1);
  WbMatchEngine *engine;

  /* Every server on the same store shares one engine: a write through one is seen by all. */
  engine = g_object_get_data (G_OBJECT (store), ENGINE_KEY);
  if (engine == NULL)
    {
      /* Loaded when first needed (ensure_engine). */
      engine = wb_match_engine_new ();
      g_object_set_data_full (G_OBJECT (store), ENGINE_KEY, engine, g_object_unref);
    }
  self->engine = g_object_ref (engine);

  module->routes = routes;
  module->n_routes = G_N_ELEMENTS (routes);
  module->record_hooks = record_hooks;
  module->n_record_hooks = G_N_ELEMENTS (record_hooks);
  module->changed = on_changed;
  module->followed = on_followed;
  /* The engine follows only what the loader does: a timeline note waits for no ranking. */
  for (WbResource r = 0; r < WB_N_RESOURCES; r++)
    if (wb_match_loader_follows (r))
      module->changed_resources |= G_GUINT64_CONSTANT (1) << r;
  module->serial_reads = TRUE;
  module->state = self;
  module->free_state = (GDestroyNotify) matching_free;
}
