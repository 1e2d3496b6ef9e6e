/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The score of one pair, from the two rows: the vocabulary of the schema with the credit
 * and the words of each value, the dates, each part's credit and their weighted sum. */

#define G_LOG_DOMAIN "wb-match-engine"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "wb-match-engine-private.h"

const char * const _wb_match_part_names[WB_MATCH_N_PARTS] = {
  "competences", "education", "travel", "hours", "capacity", "sector", "readiness"
};

/* The same defaults as the server's match-weights resource. */
static const double default_weights[WB_MATCH_N_PARTS] = { 0.45, 0.10, 0.10, 0.10, 0.10, 0.05, 0.10 };

const EducationLevel _wb_match_education_levels[] = {
  { "none", 0, N_("no completed education") },
  { "primary", 1, N_("primary school") },
  { "vmbo", 2, N_("VMBO") },
  { "mbo1", 3, N_("MBO level 1") },
  { "mbo2", 4, N_("MBO level 2") },
  { "mbo3", 5, N_("MBO level 3") },
  { "mbo4", 6, N_("MBO level 4") },
  { "havo_vwo", 6, N_("HAVO/VWO") },
  { "hbo", 7, N_("HBO") },
  { "wo", 8, N_("university") },
};

const Graded _wb_match_phases[] = {
  { "intake", 0.2, N_("intake") },
  { "diagnosis", 0.2, N_("diagnosis") },
  { "activation", 0.4, N_("activation") },
  { "development", 0.7, N_("development") },
  { "work_ready", 1.0, N_("work-ready") },
  { "placed", 0.5, N_("placed") },
  { "after_care", 0.5, N_("after-care") },
  { "outflow", 0.0, N_("left the service") },
};

const Graded _wb_match_tracks[] = {
  { "activering", 0.4, N_("activation track") },
  { "plaatsing", 1.0, N_("placement track, ready for mediation") },
};

const Graded _wb_match_motivations[] = {
  { "low", 0.3, N_("low") },
  { "medium", 0.6, N_("medium") },
  { "high", 1.0, N_("high") },
};

const Named _wb_match_transports[] = {
  { "none", N_("without transport of their own") },
  { "walking", N_("on foot") },
  { "bicycle", N_("by bicycle") },
  { "public_transport", N_("by public transport") },
  { "scooter", N_("by scooter") },
  { "car", N_("by car") },
};

int
_wb_match_find_index (const void *table,
                      gsize       stride,
                      guint       n,
                      const char *value)
{
  if (value == NULL || *value == '\0')
    return -1;
  for (guint i = 0; i < n; i++)
    {
      const char *name = *(const char * const *) ((const char *) table + i * stride);

      if (strcmp (name, value) == 0)
        return (int) i;
    }
  return -1;
}

/* Dates */

guint32
_wb_match_parse_day (const char *text)
{
  GDate date;
  int y, m, d;

  if (text == NULL || strlen (text) < 10 || text[4] != '-' || text[7] != '-')
    return 0;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return 0;
  y = atoi (text);
  m = atoi (text + 5);
  d = atoi (text + 8);
  if (!g_date_valid_dmy (d, m, y))
    return 0;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  return g_date_get_julian (&date);
}

char *
_wb_match_format_day (guint32 day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date));
}

int
_wb_match_months_between (guint32 from,
                          guint32 to)
{
  GDate a, b;
  int months;

  g_date_clear (&a, 1);
  g_date_clear (&b, 1);
  g_date_set_julian (&a, from);
  g_date_set_julian (&b, to);
  months = (g_date_get_year (&b) - g_date_get_year (&a)) * 12 +
           ((int) g_date_get_month (&b) - (int) g_date_get_month (&a));
  if (g_date_get_day (&b) < g_date_get_day (&a))
    months--;
  return MAX (months, 0);
}

void
_wb_match_ranking_init (WbMatchEngine        *self,
                        Ranking              *ranking,
                        const WbMatchWeights *weights)
{
  GDate date;

  ranking->wsum = 0;
  for (guint i = 0; i < WB_MATCH_N_PARTS; i++)
    {
      ranking->w[i] = weights->part[i];
      ranking->wsum += weights->part[i];
    }

  g_date_clear (&date, 1);
  if (self->today_override != 0)
    g_date_set_julian (&date, self->today_override);
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      g_date_set_dmy (&date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                      g_date_time_get_year (now));
    }
  ranking->today_day = g_date_get_julian (&date);
  g_date_subtract_months (&date, self->stale_months);
  ranking->cutoff_day = g_date_get_julian (&date);
}

/* The score */

static inline double
credit_competences (const VacancyRow *v,
                    const ClientRow  *c,
                    guint32           acc)
{
  if (v->wc_units == 0)
    return WB_MATCH_UNKNOWN_CREDIT;
  if ((v->flags & ROW_LICENCE) && (c->flags & ROW_LICENCE))
    acc += LICENCE_UNITS;
  return (double) acc / v->wc_units;
}

static inline double
credit_education (const VacancyRow *v,
                  const ClientRow  *c)
{
  int diff;

  if (v->education < 0)
    return 1.0;
  if (c->education < 0)
    return WB_MATCH_UNKNOWN_CREDIT;
  diff = v->education - _wb_match_education_levels[c->education].rank;
  return credit_education_steps (diff);
}

static inline double
credit_hours (const VacancyRow *v,
              const ClientRow  *c)
{
  int hours = MAX (v->hours, 1);

  if (c->hours < 0)
    return WB_MATCH_UNKNOWN_CREDIT;
  if (c->hours >= hours)
    return 1.0;
  return (double) c->hours / hours;
}

static inline double
credit_capacity (const VacancyRow *v,
                 const ClientRow  *c)
{
  gboolean wcs = (v->flags & ROW_WCS) != 0;

  if (c->capacity < 0)
    return WB_MATCH_UNKNOWN_CREDIT;
  if (c->capacity >= 80)
    return 1.0;
  if (c->capacity >= 30)
    return wcs ? 0.9 : 0.5;
  return wcs ? 0.4 : 0.2;
}

static inline double
credit_sector (const VacancyRow *v,
               const ClientRow  *c)
{
  if (c->sectors == 0)
    return WB_MATCH_UNKNOWN_CREDIT;
  return (c->sectors & v->sector_bit) ? 1.0 : 0.5;
}

static inline double
readiness_with (const ClientRow *c,
                double           diagnosis)
{
  double phase = (c->flags & ROW_IN_POOL) ? 1.0 : c->phase < 0 ? WB_MATCH_UNKNOWN_CREDIT : _wb_match_phases[c->phase].credit;
  double track = c->track < 0 ? WB_MATCH_UNKNOWN_CREDIT : _wb_match_tracks[c->track].credit;
  double motivation = c->motivation < 0 ? WB_MATCH_UNKNOWN_CREDIT : _wb_match_motivations[c->motivation].credit;

  return 0.4 * phase + 0.2 * track + 0.2 * motivation + 0.2 * diagnosis;
}

static inline double
credit_readiness (const ClientRow *c,
                  const Ranking   *r)
{
  WbMatchDiagnosisState state = diagnosis_state (c, r);

  return readiness_with (c, state == WB_MATCH_DIAGNOSIS_CURRENT ? 1.0 : state == WB_MATCH_DIAGNOSIS_STALE ? 0.4 : 0.0);
}

/* The one place the total is computed: the fast path and the explanation both call it,
 * so a result always carries the score it was ranked by. */
double
_wb_match_pair_score (const Ranking    *r,
                      const VacancyRow *v,
                      const ClientRow  *c,
                      guint32           acc,
                      double            distance,
                      double           *credit)
{
  double sum;

  credit[WB_MATCH_PART_COMPETENCES] = credit_competences (v, c, acc);
  credit[WB_MATCH_PART_EDUCATION] = credit_education (v, c);
  credit[WB_MATCH_PART_TRAVEL] = credit_travel (distance, c->reach_km);
  credit[WB_MATCH_PART_HOURS] = credit_hours (v, c);
  credit[WB_MATCH_PART_CAPACITY] = credit_capacity (v, c);
  credit[WB_MATCH_PART_SECTOR] = credit_sector (v, c);
  credit[WB_MATCH_PART_READINESS] = credit_readiness (c, r);

  sum = r->w[0] * credit[0];
  for (guint i = 1; i < WB_MATCH_N_PARTS; i++)
    sum += r->w[i] * credit[i];
  return sum / r->wsum;
}

void
_wb_match_slot_bound_update (WbMatchEngine *self,
                             guint32        slot)
{
  const ClientRow *c = &self->clients[slot];
  SlotBound *b = &self->bounds[slot];
  double readiness = readiness_with (c, c->diagnosis_day != 0 ? 1.0 : 0.0);

  b->pc4 = c->pc4;
  b->reach_km = c->reach_km;
  b->hours = c->hours;
  b->education_rank = c->education < 0 ? -1 : (gint8) _wb_match_education_levels[c->education].rank;
  b->flags = c->capacity < 0 ? 0 : c->capacity < 30 ? 1 : c->capacity < 80 ? 2 : 3;
  if (c->sectors == 0)
    b->flags |= BOUND_SECTORS_UNKNOWN;
  if (c->flags & ROW_LICENCE)
    b->flags |= BOUND_LICENCE;
  if (c->flags & ROW_IN_POOL)
    b->flags |= BOUND_IN_POOL;
  b->readiness = (guint8) MIN (255.0, ceil (readiness * 255));
}

/* Weights */

const char *
wb_match_part_to_string (WbMatchPart part)
{
  g_return_val_if_fail (part < WB_MATCH_N_PARTS, NULL);
  return _wb_match_part_names[part];
}

void
wb_match_weights_init_default (WbMatchWeights *weights)
{
  g_return_if_fail (weights != NULL);
  memcpy (weights->part, default_weights, sizeof default_weights);
}

JsonObject *
wb_match_weights_to_json (const WbMatchWeights *weights)
{
  JsonObject *object;

  g_return_val_if_fail (weights != NULL, NULL);

  object = json_object_new ();
  for (guint i = 0; i < WB_MATCH_N_PARTS; i++)
    json_object_set_double_member (object, _wb_match_part_names[i], weights->part[i]);
  return object;
}

gboolean
_wb_match_weights_check (const WbMatchWeights  *weights,
                         GError               **error)
{
  double sum = 0;

  for (guint i = 0; i < WB_MATCH_N_PARTS; i++)
    {
      if (!isfinite (weights->part[i]) || weights->part[i] < 0 || weights->part[i] > 1)
        {
          g_set_error (error, WB_MATCH_ERROR, WB_MATCH_ERROR_INVALID,
                       _("The weight of %s must be a number from 0 to 1."), _wb_match_part_names[i]);
          return FALSE;
        }
      sum += weights->part[i];
    }
  if (sum <= 0)
    {
      g_set_error_literal (error, WB_MATCH_ERROR, WB_MATCH_ERROR_INVALID,
                           _("At least one part of the score must have a weight above 0."));
      return FALSE;
    }
  return TRUE;
}

gboolean
wb_match_weights_from_json (JsonObject      *object,
                            WbMatchWeights  *weights,
                            GError         **error)
{
  g_autoptr(GList) members = NULL;
  WbMatchWeights result;

  g_return_val_if_fail (object != NULL, FALSE);
  g_return_val_if_fail (weights != NULL, FALSE);

  wb_match_weights_init_default (&result);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (object, l->data);
      int part = -1;

      for (guint i = 0; i < WB_MATCH_N_PARTS; i++)
        if (strcmp (_wb_match_part_names[i], l->data) == 0)
          part = (int) i;
      if (part < 0)
        {
          g_set_error (error, WB_MATCH_ERROR, WB_MATCH_ERROR_INVALID,
                       _("“%s” is not a part of the score."), (const char *) l->data);
          return FALSE;
        }
      if (!JSON_NODE_HOLDS_VALUE (node) ||
          (json_node_get_value_type (node) != G_TYPE_DOUBLE && json_node_get_value_type (node) != G_TYPE_INT64))
        {
          g_set_error (error, WB_MATCH_ERROR, WB_MATCH_ERROR_INVALID,
                       _("The weight of %s must be a number from 0 to 1."), _wb_match_part_names[part]);
          return FALSE;
        }
      result.part[part] = json_node_get_double (node);
    }
  if (!_wb_match_weights_check (&result, error))
    return FALSE;
  *weights = result;
  return TRUE;
}

