/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* A result: one pair put together from the score, the gap and the explanation, told in
 * bands for a reader who may see only the pseudonymous profile, and written as the JSON
 * the API hands out. */

#define G_LOG_DOMAIN "wb-match-engine"

#include "config.h"

#include <math.h>

#include "wb-match-engine-private.h"
#include "wb-validate.h"

/* Everything about one pair, computed directly from the two rows. */
WbMatchResult *
_wb_match_build_result (WbMatchEngine        *self,
                        const Ranking        *rk,
                        const VacancyRow     *v,
                        const ClientRow      *c,
                        const WbMatchOptions *options)
{
  WbMatchResult *r = g_new0 (WbMatchResult, 1);
  gboolean centres = wb_geo_get_n_areas (self->geo) > 0;
  Comparison comparison;
  guint32 acc;

  r->vacancy_id = v->id;
  r->client_id = c->id;
  r->client_organisation_id = c->organisation_id;
  r->vacancy_organisation_id = v->organisation_id;
  r->weights = options->weights;
  r->requirements = g_array_sized_new (FALSE, FALSE, sizeof (WbMatchGapItem), v->n_reqs + 1);
  r->gap = g_array_new (FALSE, FALSE, sizeof (WbMatchGapItem));
  r->inferred = g_array_new (FALSE, FALSE, sizeof (gint64));
  r->client_organisation = g_strdup (g_hash_table_lookup (self->organisation_names, &c->organisation_id));

  acc = _wb_match_compare_competences (self, v, c, r, &comparison);

  r->distance_km = pc4_distance (self->geo, v->pc4, c->pc4);
  r->score = _wb_match_pair_score (rk, v, c, acc, r->distance_km, r->credit);

  r->known[WB_MATCH_PART_COMPETENCES] = v->wc_units > 0 && c->n_comps > 0;
  r->known[WB_MATCH_PART_EDUCATION] = v->education < 0 || c->education >= 0;
  r->known[WB_MATCH_PART_TRAVEL] = r->distance_km >= 0 && (c->flags & ROW_REACH_KNOWN) != 0;
  r->known[WB_MATCH_PART_HOURS] = c->hours >= 0;
  r->known[WB_MATCH_PART_CAPACITY] = c->capacity >= 0;
  r->known[WB_MATCH_PART_SECTOR] = c->sectors != 0;
  r->known[WB_MATCH_PART_READINESS] = (c->phase >= 0 || (c->flags & ROW_IN_POOL) != 0) && c->track >= 0 &&
                                      c->motivation >= 0;

  r->diagnosis = diagnosis_state (c, rk);
  r->stale_diagnosis = r->diagnosis == WB_MATCH_DIAGNOSIS_STALE;
  r->diagnosis_age_months = c->diagnosis_day ? _wb_match_months_between (c->diagnosis_day, rk->today_day) : -1;
  r->diagnosis_date = c->diagnosis_day ? _wb_match_format_day (c->diagnosis_day) : NULL;
  r->near_miss = _wb_match_is_near_miss (v, c, comparison.n_essential_present);
  r->wage_cost_subsidy_route = c->capacity >= 0 && c->capacity < 80;
  r->wage_cost_subsidy_offered = (v->flags & ROW_WCS) != 0;
  r->work_capacity = c->capacity;

  if (c->diagnosis_day == 0)
    r->missing |= WB_MATCH_MISSING_DIAGNOSIS;
  if (c->n_comps == 0)
    r->missing |= WB_MATCH_MISSING_COMPETENCES;
  if (c->education < 0)
    r->missing |= WB_MATCH_MISSING_EDUCATION;
  /* Without any centre loaded the reference data is missing, not the client's. */
  if (c->pc4 == 0 || (centres && !wb_geo_lookup (self->geo, c->pc4, NULL, NULL)))
    r->missing |= WB_MATCH_MISSING_LOCATION;
  if (!(c->flags & ROW_REACH_KNOWN))
    r->missing |= WB_MATCH_MISSING_REACH;
  if (c->hours < 0)
    r->missing |= WB_MATCH_MISSING_HOURS;
  if (c->capacity < 0)
    r->missing |= WB_MATCH_MISSING_CAPACITY;
  if (c->sectors == 0)
    r->missing |= WB_MATCH_MISSING_SECTORS;
  if (c->motivation < 0)
    r->missing |= WB_MATCH_MISSING_MOTIVATION;
  if (c->phase < 0 && !(c->flags & ROW_IN_POOL))
    r->missing |= WB_MATCH_MISSING_PHASE;
  if (c->track < 0)
    r->missing |= WB_MATCH_MISSING_TRACK;
  if (v->pc4 == 0 || (centres && !wb_geo_lookup (self->geo, v->pc4, NULL, NULL)))
    r->missing |= WB_MATCH_MISSING_VACANCY_LOCATION;
  if (v->wc_units == 0)
    r->missing |= WB_MATCH_MISSING_VACANCY_COMPETENCES;

  if (options->explain)
    _wb_match_explain (self, v, c, r, &comparison);
  return r;
}

/* Public */

void
wb_match_result_free (WbMatchResult *result)
{
  if (result == NULL)
    return;
  for (guint i = 0; i < WB_MATCH_N_PARTS; i++)
    g_free (result->explanation[i]);
  g_clear_pointer (&result->requirements, g_array_unref);
  g_clear_pointer (&result->gap, g_array_unref);
  g_clear_pointer (&result->inferred, g_array_unref);
  g_clear_pointer (&result->gap_labels, g_ptr_array_unref);
  g_clear_pointer (&result->inferred_labels, g_ptr_array_unref);
  g_clear_pointer (&result->requirement_labels, g_ptr_array_unref);
  g_free (result->label_storage);
  g_clear_pointer (&result->missing_notes, g_ptr_array_unref);
  g_free (result->training_suggestion);
  g_free (result->diagnosis_date);
  g_free (result->client_organisation);
  g_free (result);
}

void
wb_match_result_pseudonymise (WbMatchResult *result)
{
  g_return_if_fail (result != NULL);

  if (result->pseudonymous)
    return;
  result->pseudonymous = TRUE;
  if (result->explanation[WB_MATCH_PART_CAPACITY] != NULL)
    {
      g_free (result->explanation[WB_MATCH_PART_CAPACITY]);
      result->explanation[WB_MATCH_PART_CAPACITY] =
        _wb_match_explain_capacity (result->work_capacity, result->wage_cost_subsidy_offered, TRUE);
    }
}

/* JSON */

/* The nearest double to @value in @digits decimals, so that a reader that prints the
 * shortest form shows 0.833 rather than 0.8330000000000001. */
static double
round_to (double value,
          int    digits)
{
  double scale = pow (10, digits);

  return round (value * scale) / scale;
}

static const char *
label_at (GPtrArray *labels,
          guint      i)
{
  return labels != NULL && i < labels->len ? labels->pdata[i] : NULL;
}

/* Each part's points in ten-thousandths, rounded so that they add up to the score as it is
 * written (four decimals): the largest remainders get the units left over. */
static void
round_points (const WbMatchResult *r,
              double               wsum,
              gint64              *units)
{
  double remainder[WB_MATCH_N_PARTS];
  gint64 total = (gint64) llround (r->score * 1e4), sum = 0;

  for (guint i = 0; i < WB_MATCH_N_PARTS; i++)
    {
      double exact = wsum > 0 ? r->weights.part[i] * r->credit[i] / wsum * 1e4 : 0;

      units[i] = (gint64) floor (exact);
      remainder[i] = exact - units[i];
      sum += units[i];
    }
  while (sum != total)
    {
      int step = sum < total ? 1 : -1;
      guint best = 0;

      /* Up: the part with the largest remainder; down: the smallest, of a part with points. */
      for (guint i = 1; i < WB_MATCH_N_PARTS; i++)
        if (step > 0 ? remainder[i] > remainder[best]
                     : (units[i] > 0 && (units[best] == 0 || remainder[i] < remainder[best])))
          best = i;
      if (step < 0 && units[best] == 0)
        break;
      units[best] += step;
      remainder[best] = step > 0 ? -1 : 2;
      sum += step;
    }
}

/* One requirement as the API hands it out: the driving licence has no competence id but
 * "requirement": "driving_licence"; a level not known (or missing) is null. */
static JsonObject *
requirement_to_json (const WbMatchGapItem *item,
                     const char           *label)
{
  JsonObject *entry = json_object_new ();

  if (item->competence_id != 0)
    json_object_set_int_member (entry, "competence_id", item->competence_id);
  else
    {
      json_object_set_null_member (entry, "competence_id");
      json_object_set_string_member (entry, "requirement", "driving_licence");
    }
  if (label != NULL)
    json_object_set_string_member (entry, "label", label);
  json_object_set_int_member (entry, "required_level", item->required_level);
  if (item->level > 0)
    json_object_set_int_member (entry, "level", item->level);
  else
    json_object_set_null_member (entry, "level");
  json_object_set_boolean_member (entry, "essential", item->essential);
  if (item->state == WB_MATCH_REQUIREMENT_INFERRED)
    json_object_set_string_member (entry, "reason", "work_experience");
  else if (item->state == WB_MATCH_REQUIREMENT_UNKNOWN)
    json_object_set_string_member (entry, "reason", "no_competences");
  return entry;
}

/* The requirements in the states @a and @b (the same state twice for one), essential ones
 * first and optional ones only when @optional. */
static JsonArray *
requirements_to_json (const WbMatchResult     *r,
                      WbMatchRequirementState  a,
                      WbMatchRequirementState  b,
                      gboolean                 essential,
                      gboolean                 optional)
{
  JsonArray *array = json_array_new ();

  for (int pass = 1; pass >= 0; pass--)
    {
      if ((pass == 1 && !essential) || (pass == 0 && !optional))
        continue;
      for (guint i = 0; i < r->requirements->len; i++)
        {
          const WbMatchGapItem *item = &g_array_index (r->requirements, WbMatchGapItem, i);

          if ((item->state == a || item->state == b) && item->essential == pass)
            json_array_add_object_element (array, requirement_to_json (item, label_at (r->requirement_labels, i)));
        }
    }
  return array;
}

JsonObject *
wb_match_result_to_json (const WbMatchResult *r)
{
  JsonObject *object, *parts, *counts, *diagnosis;
  JsonArray *gap, *below, *inferred, *missing;
  gint64 points[WB_MATCH_N_PARTS];
  double wsum = 0;
  guint note = 0;

  g_return_val_if_fail (r != NULL, NULL);

  for (guint i = 0; i < WB_MATCH_N_PARTS; i++)
    wsum += r->weights.part[i];

  object = json_object_new ();
  json_object_set_int_member (object, "vacancy_id", r->vacancy_id);
  json_object_set_int_member (object, "client_id", r->client_id);
  json_object_set_int_member (object, "organisation_id", r->client_organisation_id);
  if (r->client_organisation != NULL)
    json_object_set_string_member (object, "organisation", r->client_organisation);
  json_object_set_int_member (object, "vacancy_organisation_id", r->vacancy_organisation_id);
  json_object_set_double_member (object, "score", round_to (r->score, 4));

  parts = json_object_new ();
  round_points (r, wsum, points);
  for (guint i = 0; i < WB_MATCH_N_PARTS; i++)
    {
      JsonObject *part = json_object_new ();

      json_object_set_double_member (part, "score", round_to (r->credit[i], 3));
      json_object_set_double_member (part, "weight", r->weights.part[i]);
      json_object_set_double_member (part, "points", points[i] / 1e4);
      json_object_set_boolean_member (part, "known", r->known[i]);
      if (r->explanation[i] != NULL)
        json_object_set_string_member (part, "explanation", r->explanation[i]);
      json_object_set_object_member (parts, _wb_match_part_names[i], part);
    }
  json_object_set_object_member (object, "parts", parts);

  counts = json_object_new ();
  json_object_set_int_member (counts, "essential", r->n_essential);
  json_object_set_int_member (counts, "essential_missing", r->n_essential_missing);
  json_object_set_int_member (counts, "optional", r->n_optional);
  json_object_set_int_member (counts, "optional_present", r->n_optional_present);
  json_object_set_object_member (object, "competences", counts);

  json_object_set_array_member (object, "matched",
                                requirements_to_json (r, WB_MATCH_REQUIREMENT_MATCHED, WB_MATCH_REQUIREMENT_MATCHED, TRUE, TRUE));
  gap = json_array_new ();
  below = json_array_new ();
  for (guint i = 0; i < r->gap->len; i++)
    {
      const WbMatchGapItem *item = &g_array_index (r->gap, WbMatchGapItem, i);

      json_array_add_object_element (item->level == 0 ? gap : below, requirement_to_json (item, label_at (r->gap_labels, i)));
    }
  json_object_set_array_member (object, "gap", gap);
  json_object_set_array_member (object, "below_level", below);
  json_object_set_array_member (object, "optional_missing",
                                requirements_to_json (r, WB_MATCH_REQUIREMENT_MISSING, WB_MATCH_REQUIREMENT_MISSING, FALSE, TRUE));
  json_object_set_array_member (object, "unknown",
                                requirements_to_json (r, WB_MATCH_REQUIREMENT_INFERRED, WB_MATCH_REQUIREMENT_UNKNOWN, TRUE, TRUE));

  inferred = json_array_new ();
  for (guint i = 0; i < r->inferred->len; i++)
    {
      JsonObject *entry = json_object_new ();
      const char *label = label_at (r->inferred_labels, i);

      json_object_set_int_member (entry, "competence_id", g_array_index (r->inferred, gint64, i));
      if (label != NULL)
        json_object_set_string_member (entry, "label", label);
      json_object_set_string_member (entry, "source", "work_experience");
      json_array_add_object_element (inferred, entry);
    }
  json_object_set_array_member (object, "inferred", inferred);

  missing = json_array_new ();
  for (guint i = 0; i < G_N_ELEMENTS (_wb_match_missing_notes); i++)
    if (r->missing & _wb_match_missing_notes[i].flag)
      {
        JsonObject *entry = json_object_new ();
        const char *text = label_at (r->missing_notes, note++);

        json_object_set_string_member (entry, "field", _wb_match_missing_notes[i].field);
        json_object_set_string_member (entry, "supplied_by",
                                       _wb_match_missing_notes[i].vacancy ? "vacancy_account_manager" : "client_organisation");
        if (text != NULL)
          json_object_set_string_member (entry, "text", text);
        json_array_add_object_element (missing, entry);
      }
  if (r->stale_diagnosis)
    {
      JsonObject *entry = json_object_new ();
      const char *text = label_at (r->missing_notes, note++);

      json_object_set_string_member (entry, "field", "diagnosis_current");
      json_object_set_string_member (entry, "supplied_by", "client_organisation");
      if (text != NULL)
        json_object_set_string_member (entry, "text", text);
      json_array_add_object_element (missing, entry);
    }
  json_object_set_array_member (object, "missing", missing);

  diagnosis = json_object_new ();
  json_object_set_string_member (diagnosis, "state",
                                 r->diagnosis == WB_MATCH_DIAGNOSIS_CURRENT ? "current"
                                 : r->diagnosis == WB_MATCH_DIAGNOSIS_STALE ? "stale" : "missing");
  if (r->diagnosis_date != NULL)
    {
      json_object_set_string_member (diagnosis, "date", r->diagnosis_date);
      json_object_set_int_member (diagnosis, "age_months", r->diagnosis_age_months);
    }
  else
    {
      json_object_set_null_member (diagnosis, "date");
      json_object_set_null_member (diagnosis, "age_months");
    }
  json_object_set_object_member (object, "diagnosis", diagnosis);
  json_object_set_boolean_member (object, "stale_diagnosis", r->stale_diagnosis);
  json_object_set_boolean_member (object, "near_miss", r->near_miss);
  if (r->training_suggestion != NULL)
    json_object_set_string_member (object, "training_suggestion", r->training_suggestion);
  else
    json_object_set_null_member (object, "training_suggestion");
  json_object_set_boolean_member (object, "wage_cost_subsidy_route", r->wage_cost_subsidy_route);
  json_object_set_boolean_member (object, "wage_cost_subsidy_offered", r->wage_cost_subsidy_offered);
  if (r->work_capacity >= 0)
    json_object_set_string_member (object, "capacity_band", wb_capacity_band (r->work_capacity));
  else
    json_object_set_null_member (object, "capacity_band");
  json_object_set_boolean_member (object, "pseudonymous", r->pseudonymous);
  if (r->distance_km >= 0)
    json_object_set_double_member (object, "distance_km", round_to (r->distance_km, 1));
  else
    json_object_set_null_member (object, "distance_km");
  json_object_set_object_member (object, "weights", wb_match_weights_to_json (&r->weights));
  return object;
}
