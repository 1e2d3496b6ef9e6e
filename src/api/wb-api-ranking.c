/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-api-ranking"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wb-api-client.h"
#include "wb-api-ranking.h"

/* The parser reads with these helpers: each member the answer must have is checked for its
 * type, and the first that is wrong names itself in the error. */

typedef struct {
  GError **error;
  gboolean failed;
} Reader;

/* @where is the member the object is in ("parts", "matched", ...), "" at the top. */
static gboolean
fail (Reader     *reader,
      const char *where,
      const char *member)
{
  if (!reader->failed)
    {
      g_autofree char *path = *where != '\0' ? g_strconcat (where, ".", member, NULL) : g_strdup (member);

      g_set_error (reader->error, WB_API_ERROR, WB_API_ERROR_PARSE,
                   _("The server answered a ranking without a valid “%s”."), path);
    }
  reader->failed = TRUE;
  return FALSE;
}

static JsonNode *
member (Reader     *reader,
        JsonObject *object,
        const char *where,
        const char *name,
        GType       type,
        gboolean    nullable)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL)
    {
      fail (reader, where, name);
      return NULL;
    }
  if (JSON_NODE_HOLDS_NULL (node))
    {
      if (!nullable)
        fail (reader, where, name);
      return NULL;
    }
  if (type == JSON_TYPE_OBJECT ? !JSON_NODE_HOLDS_OBJECT (node)
      : type == JSON_TYPE_ARRAY ? !JSON_NODE_HOLDS_ARRAY (node)
      : !JSON_NODE_HOLDS_VALUE (node) ||
        (type == G_TYPE_DOUBLE ? json_node_get_value_type (node) != G_TYPE_DOUBLE &&
                                 json_node_get_value_type (node) != G_TYPE_INT64
                               : json_node_get_value_type (node) != type))
    {
      fail (reader, where, name);
      return NULL;
    }
  return node;
}

static gint64
get_int (Reader     *reader,
         JsonObject *object,
         const char *where,
         const char *name)
{
  JsonNode *node = member (reader, object, where, name, G_TYPE_INT64, FALSE);

  return node != NULL ? json_node_get_int (node) : 0;
}

static double
get_double (Reader     *reader,
            JsonObject *object,
            const char *where,
            const char *name)
{
  JsonNode *node = member (reader, object, where, name, G_TYPE_DOUBLE, FALSE);

  return node != NULL ? json_node_get_double (node) : 0;
}

static gboolean
get_boolean (Reader     *reader,
             JsonObject *object,
             const char *where,
             const char *name)
{
  JsonNode *node = member (reader, object, where, name, G_TYPE_BOOLEAN, FALSE);

  return node != NULL && json_node_get_boolean (node);
}

/* A string, or NULL when it is null or (with @optional) not there. */
static char *
dup_string (Reader     *reader,
            JsonObject *object,
            const char *where,
            const char *name,
            gboolean    optional)
{
  JsonNode *node;

  if (optional && !json_object_has_member (object, name))
    return NULL;
  node = member (reader, object, where, name, G_TYPE_STRING, TRUE);
  return node != NULL ? g_strdup (json_node_get_string (node)) : NULL;
}

static JsonObject *
get_object (Reader     *reader,
            JsonObject *object,
            const char *where,
            const char *name)
{
  JsonNode *node = member (reader, object, where, name, JSON_TYPE_OBJECT, FALSE);

  return node != NULL ? json_node_get_object (node) : NULL;
}

static JsonArray *
get_array (Reader     *reader,
           JsonObject *object,
           const char *where,
           const char *name)
{
  JsonNode *node = member (reader, object, where, name, JSON_TYPE_ARRAY, FALSE);

  return node != NULL ? json_node_get_array (node) : NULL;
}

/* A whole number that may be null (then @absent). */
static gint64
get_nullable_int (Reader     *reader,
                  JsonObject *object,
                  const char *where,
                  const char *name,
                  gint64      absent)
{
  JsonNode *node = member (reader, object, where, name, G_TYPE_INT64, TRUE);

  return node != NULL ? json_node_get_int (node) : absent;
}

static void
read_weights (Reader         *reader,
              JsonObject     *object,
              const char     *where,
              WbMatchWeights *weights)
{
  wb_match_weights_init_default (weights);
  if (object == NULL)
    return;
  for (guint i = 0; i < WB_MATCH_N_PARTS; i++)
    weights->part[i] = get_double (reader, object, where, wb_match_part_to_string (i));
}

/* Requirements */

static void
requirement_clear (WbApiMatchRequirement *requirement)
{
  g_clear_pointer (&requirement->label, g_free);
}

static GArray *
read_requirements (Reader     *reader,
                   JsonObject *item,
                   const char *name)
{
  GArray *result = g_array_new (FALSE, TRUE, sizeof (WbApiMatchRequirement));
  JsonArray *array = get_array (reader, item, "", name);

  g_array_set_clear_func (result, (GDestroyNotify) requirement_clear);
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      WbApiMatchRequirement requirement = { 0 };
      g_autofree char *kind = NULL;
      g_autofree char *reason = NULL;
      JsonObject *entry;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          fail (reader, "", name);
          break;
        }
      entry = json_node_get_object (node);
      requirement.competence_id = get_nullable_int (reader, entry, name, "competence_id", 0);
      kind = dup_string (reader, entry, name, "requirement", TRUE);
      requirement.driving_licence = g_strcmp0 (kind, "driving_licence") == 0;
      if (requirement.competence_id == 0 && !requirement.driving_licence)
        fail (reader, name, "competence_id");
      requirement.label = dup_string (reader, entry, name, "label", TRUE);
      requirement.required_level = (int) get_int (reader, entry, name, "required_level");
      requirement.level = (int) get_nullable_int (reader, entry, name, "level", 0);
      requirement.essential = get_boolean (reader, entry, name, "essential");
      reason = dup_string (reader, entry, name, "reason", TRUE);
      requirement.inferred = g_strcmp0 (reason, "work_experience") == 0;
      g_array_append_val (result, requirement);
    }
  return result;
}

/* Ranked items */

static void
missing_clear (WbApiMatchMissing *missing)
{
  g_clear_pointer (&missing->field, g_free);
  g_clear_pointer (&missing->supplied_by, g_free);
  g_clear_pointer (&missing->text, g_free);
}

static void
ranked_match_free (WbApiRankedMatch *match)
{
  g_free (match->organisation);
  for (guint i = 0; i < WB_MATCH_N_PARTS; i++)
    g_free (match->parts[i].explanation);
  g_clear_pointer (&match->matched, g_array_unref);
  g_clear_pointer (&match->gap, g_array_unref);
  g_clear_pointer (&match->below_level, g_array_unref);
  g_clear_pointer (&match->optional_missing, g_array_unref);
  g_clear_pointer (&match->unknown, g_array_unref);
  g_clear_pointer (&match->missing, g_array_unref);
  g_free (match->diagnosis_date);
  g_free (match->training_suggestion);
  g_free (match->capacity_band);
  g_clear_object (&match->client);
  g_clear_object (&match->vacancy);
  g_free (match);
}

WbApiRankedMatch *
wb_api_ranked_match_ref (WbApiRankedMatch *match)
{
  g_return_val_if_fail (match != NULL, NULL);
  g_atomic_int_inc (&match->ref_count);
  return match;
}

void
wb_api_ranked_match_unref (WbApiRankedMatch *match)
{
  g_return_if_fail (match != NULL);
  if (g_atomic_int_dec_and_test (&match->ref_count))
    ranked_match_free (match);
}

G_DEFINE_BOXED_TYPE (WbApiRankedMatch, wb_api_ranked_match, wb_api_ranked_match_ref, wb_api_ranked_match_unref)

WbApiRankedMatch *
wb_api_ranked_match_new_from_json (JsonObject  *item,
                                   GError     **error)
{
  g_autoptr(WbApiRankedMatch) match = g_new0 (WbApiRankedMatch, 1);
  Reader reader = { error, FALSE };
  const char *where = "";
  JsonObject *parts, *counts, *diagnosis;
  JsonArray *missing;
  g_autofree char *state = NULL;

  g_return_val_if_fail (item != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  match->ref_count = 1;
  match->rank = (guint) get_int (&reader, item, where, "rank");
  match->vacancy_id = get_int (&reader, item, where, "vacancy_id");
  match->client_id = get_int (&reader, item, where, "client_id");
  match->organisation_id = get_int (&reader, item, where, "organisation_id");
  match->organisation = dup_string (&reader, item, where, "organisation", TRUE);
  match->vacancy_organisation_id = get_int (&reader, item, where, "vacancy_organisation_id");
  match->score = get_double (&reader, item, where, "score");

  parts = get_object (&reader, item, where, "parts");
  for (guint i = 0; parts != NULL && i < WB_MATCH_N_PARTS; i++)
    {
      const char *name = wb_match_part_to_string (i);
      JsonObject *part = get_object (&reader, parts, "parts", name);

      if (part == NULL)
        break;
      match->parts[i].score = get_double (&reader, part, name, "score");
      match->parts[i].weight = get_double (&reader, part, name, "weight");
      match->parts[i].points = get_double (&reader, part, name, "points");
      match->parts[i].known = get_boolean (&reader, part, name, "known");
      match->parts[i].explanation = dup_string (&reader, part, name, "explanation", TRUE);
    }

  counts = get_object (&reader, item, where, "competences");
  if (counts != NULL)
    {
      match->n_essential = (guint) get_int (&reader, counts, "competences", "essential");
      match->n_essential_missing = (guint) get_int (&reader, counts, "competences", "essential_missing");
      match->n_optional = (guint) get_int (&reader, counts, "competences", "optional");
      match->n_optional_present = (guint) get_int (&reader, counts, "competences", "optional_present");
    }
  match->matched = read_requirements (&reader, item, "matched");
  match->gap = read_requirements (&reader, item, "gap");
  match->below_level = read_requirements (&reader, item, "below_level");
  match->optional_missing = read_requirements (&reader, item, "optional_missing");
  match->unknown = read_requirements (&reader, item, "unknown");

  match->missing = g_array_new (FALSE, TRUE, sizeof (WbApiMatchMissing));
  g_array_set_clear_func (match->missing, (GDestroyNotify) missing_clear);
  missing = get_array (&reader, item, where, "missing");
  for (guint i = 0; missing != NULL && i < json_array_get_length (missing); i++)
    {
      JsonNode *node = json_array_get_element (missing, i);
      WbApiMatchMissing entry = { 0 };

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          fail (&reader, where, "missing");
          break;
        }
      entry.field = dup_string (&reader, json_node_get_object (node), "missing", "field", FALSE);
      entry.supplied_by = dup_string (&reader, json_node_get_object (node), "missing", "supplied_by", FALSE);
      entry.text = dup_string (&reader, json_node_get_object (node), "missing", "text", TRUE);
      g_array_append_val (match->missing, entry);
    }

  diagnosis = get_object (&reader, item, where, "diagnosis");
  if (diagnosis != NULL)
    {
      state = dup_string (&reader, diagnosis, "diagnosis", "state", FALSE);
      if (g_strcmp0 (state, "current") == 0)
        match->diagnosis = WB_API_DIAGNOSIS_CURRENT;
      else if (g_strcmp0 (state, "stale") == 0)
        match->diagnosis = WB_API_DIAGNOSIS_STALE;
      else if (g_strcmp0 (state, "missing") == 0)
        match->diagnosis = WB_API_DIAGNOSIS_MISSING;
      else
        fail (&reader, "diagnosis", "state");
      match->diagnosis_date = dup_string (&reader, diagnosis, "diagnosis", "date", FALSE);
      match->diagnosis_age_months = (int) get_nullable_int (&reader, diagnosis, "diagnosis", "age_months", -1);
    }
  match->stale_diagnosis = get_boolean (&reader, item, where, "stale_diagnosis");
  match->near_miss = get_boolean (&reader, item, where, "near_miss");
  match->training_suggestion = dup_string (&reader, item, where, "training_suggestion", FALSE);
  match->wage_cost_subsidy_route = get_boolean (&reader, item, where, "wage_cost_subsidy_route");
  match->wage_cost_subsidy_offered = get_boolean (&reader, item, where, "wage_cost_subsidy_offered");
  match->capacity_band = dup_string (&reader, item, where, "capacity_band", FALSE);
  match->pseudonymous = get_boolean (&reader, item, where, "pseudonymous");
  {
    JsonNode *distance = member (&reader, item, where, "distance_km", G_TYPE_DOUBLE, TRUE);

    match->distance_km = distance != NULL ? json_node_get_double (distance) : -1;
  }
  read_weights (&reader, get_object (&reader, item, where, "weights"), "weights", &match->weights);

  /* The other side of the pair: a client for a vacancy's ranking, a vacancy for a client's. */
  if (json_object_has_member (item, "client"))
    {
      JsonObject *client = get_object (&reader, item, where, "client");

      if (client != NULL)
        match->client = wb_record_new (WB_RESOURCE_CLIENTS, client);
    }
  else if (json_object_has_member (item, "vacancy"))
    {
      JsonObject *vacancy = get_object (&reader, item, where, "vacancy");

      if (vacancy != NULL)
        match->vacancy = wb_record_new (WB_RESOURCE_VACANCIES, vacancy);
    }

  if (reader.failed)
    return NULL;
  return g_steal_pointer (&match);
}

/* Weights */

gboolean
wb_api_match_weights_parse (JsonObject         *object,
                            WbApiMatchWeights  *weights,
                            GError            **error)
{
  Reader reader = { error, FALSE };
  const char *where = "";

  g_return_val_if_fail (object != NULL, FALSE);
  g_return_val_if_fail (weights != NULL, FALSE);

  memset (weights, 0, sizeof *weights);
  weights->region = dup_string (&reader, object, where, "region", FALSE);
  weights->version = get_int (&reader, object, where, "version");
  weights->is_default = get_boolean (&reader, object, where, "default");
  read_weights (&reader, get_object (&reader, object, where, "weights"), "weights", &weights->weights);
  if (reader.failed)
    {
      wb_api_match_weights_clear (weights);
      return FALSE;
    }
  return TRUE;
}

void
wb_api_match_weights_clear (WbApiMatchWeights *weights)
{
  g_return_if_fail (weights != NULL);
  g_clear_pointer (&weights->region, g_free);
}

/* Rankings */

char *
wb_api_rank_query_to_string (const WbApiRankQuery *query)
{
  GString *text = g_string_new (NULL);

  if (query == NULL)
    return g_string_free (text, FALSE);
  if (query->limit > 0)
    g_string_append_printf (text, "&limit=%u", query->limit);
  if (query->max_km > 0)
    {
      char km[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (text, "&max_km=%s", g_ascii_dtostr (km, sizeof km, query->max_km));
    }
  if (query->organisation_id > 0)
    g_string_append_printf (text, "&org=%" G_GINT64_FORMAT, query->organisation_id);
  if (query->near_misses)
    g_string_append (text, "&near_misses=true");
  if (query->pool)
    g_string_append (text, "&pool=true");
  if (text->len > 0)
    text->str[0] = '?';
  return g_string_free (text, FALSE);
}

static void
ranking_free (WbApiRanking *ranking)
{
  g_clear_object (&ranking->vacancy);
  g_clear_object (&ranking->client);
  wb_api_match_weights_clear (&ranking->weights);
  g_clear_pointer (&ranking->items, g_ptr_array_unref);
  g_free (ranking);
}

WbApiRanking *
wb_api_ranking_ref (WbApiRanking *ranking)
{
  g_return_val_if_fail (ranking != NULL, NULL);
  g_atomic_int_inc (&ranking->ref_count);
  return ranking;
}

void
wb_api_ranking_unref (WbApiRanking *ranking)
{
  g_return_if_fail (ranking != NULL);
  if (g_atomic_int_dec_and_test (&ranking->ref_count))
    ranking_free (ranking);
}

G_DEFINE_BOXED_TYPE (WbApiRanking, wb_api_ranking, wb_api_ranking_ref, wb_api_ranking_unref)

WbApiRanking *
wb_api_ranking_new_from_json (JsonObject  *answer,
                              GError     **error)
{
  g_autoptr(WbApiRanking) ranking = g_new0 (WbApiRanking, 1);
  Reader reader = { error, FALSE };
  const char *where = "";
  JsonObject *weights;
  JsonArray *items;
  JsonNode *max_km;

  g_return_val_if_fail (answer != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ranking->ref_count = 1;
  ranking->items = g_ptr_array_new_with_free_func ((GDestroyNotify) wb_api_ranked_match_unref);
  if (json_object_has_member (answer, "vacancy_id"))
    {
      JsonObject *vacancy;

      ranking->vacancy_id = get_int (&reader, answer, where, "vacancy_id");
      vacancy = get_object (&reader, answer, where, "vacancy");
      if (vacancy != NULL)
        ranking->vacancy = wb_record_new (WB_RESOURCE_VACANCIES, vacancy);
    }
  else
    {
      JsonObject *client;

      ranking->client_id = get_int (&reader, answer, where, "client_id");
      client = get_object (&reader, answer, where, "client");
      if (client != NULL)
        ranking->client = wb_record_new (WB_RESOURCE_CLIENTS, client);
    }

  weights = get_object (&reader, answer, where, "weights");
  if (weights != NULL && !reader.failed && !wb_api_match_weights_parse (weights, &ranking->weights, error))
    reader.failed = TRUE;

  ranking->query.limit = (guint) get_int (&reader, answer, where, "limit");
  max_km = member (&reader, answer, where, "max_km", G_TYPE_DOUBLE, TRUE);
  ranking->query.max_km = max_km != NULL ? json_node_get_double (max_km) : 0;
  ranking->query.organisation_id = get_nullable_int (&reader, answer, where, "org", 0);
  ranking->query.near_misses = get_boolean (&reader, answer, where, "near_misses");
  ranking->query.pool = get_boolean (&reader, answer, where, "pool");
  ranking->considered = (guint) get_int (&reader, answer, where, "considered");

  items = get_array (&reader, answer, where, "items");
  for (guint i = 0; !reader.failed && items != NULL && i < json_array_get_length (items); i++)
    {
      JsonNode *node = json_array_get_element (items, i);
      WbApiRankedMatch *match;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          fail (&reader, where, "items");
          break;
        }
      match = wb_api_ranked_match_new_from_json (json_node_get_object (node), error);
      if (match == NULL)
        {
          reader.failed = TRUE;
          break;
        }
      g_ptr_array_add (ranking->items, match);
    }

  if (reader.failed)
    return NULL;
  return g_steal_pointer (&ranking);
}
