/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The engine object: its life cycle, the options of a ranking and the reference data it
 * keeps beside the index (organisation names, PC4 centres, the date). The rest is in the
 * files listed in wb-match-engine-private.h. */

#define G_LOG_DOMAIN "wb-match-engine"

#include "config.h"

#include <string.h>

#include "wb-match-engine-private.h"

G_DEFINE_FINAL_TYPE (WbMatchEngine, wb_match_engine, G_TYPE_OBJECT)

G_DEFINE_QUARK (wb-match-error-quark, wb_match_error)

/* GObject */

static void
wb_match_engine_finalize (GObject *object)
{
  WbMatchEngine *self = (WbMatchEngine *) object;

  _wb_match_index_clear (self);
  g_hash_table_unref (self->organisation_names);
  wb_geo_free (self->geo);
  _wb_match_scratch_free (self->scratch);

  G_OBJECT_CLASS (wb_match_engine_parent_class)->finalize (object);
}

static void
wb_match_engine_class_init (WbMatchEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wb_match_engine_finalize;
}

static void
wb_match_engine_init (WbMatchEngine *self)
{
  _wb_match_index_init (self);
  self->organisation_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->geo = wb_geo_new ();
  self->stale_months = WB_MATCH_DEFAULT_STALE_MONTHS;
  self->scratch = _wb_match_scratch_new ();
}

/* Public: small types */

void
wb_match_candidate_init (WbMatchCandidate *candidate)
{
  g_return_if_fail (candidate != NULL);
  memset (candidate, 0, sizeof *candidate);
  candidate->max_travel_km = -1;
  candidate->hours_available = -1;
  candidate->work_capacity = -1;
}

void
wb_match_vacancy_init (WbMatchVacancy *vacancy)
{
  g_return_if_fail (vacancy != NULL);
  memset (vacancy, 0, sizeof *vacancy);
}

void
wb_match_options_init (WbMatchOptions *options)
{
  g_return_if_fail (options != NULL);
  memset (options, 0, sizeof *options);
  options->limit = WB_MATCH_DEFAULT_LIMIT;
  options->explain = TRUE;
  wb_match_weights_init_default (&options->weights);
}

void
wb_match_cross_entry_free (WbMatchCrossEntry *entry)
{
  if (entry == NULL)
    return;
  g_clear_pointer (&entry->results, g_ptr_array_unref);
  g_free (entry);
}

/* Public: the engine and its reference data */

WbMatchEngine *
wb_match_engine_new (void)
{
  return g_object_new (WB_TYPE_MATCH_ENGINE, NULL);
}

void
wb_match_engine_set_organisation_name (WbMatchEngine *self,
                                       gint64         organisation_id,
                                       const char    *name)
{
  g_return_if_fail (WB_IS_MATCH_ENGINE (self));

  if (name == NULL)
    g_hash_table_remove (self->organisation_names, &organisation_id);
  else
    g_hash_table_insert (self->organisation_names, g_memdup2 (&organisation_id, sizeof organisation_id),
                         g_strdup (name));
}

gboolean
wb_match_engine_set_pc4 (WbMatchEngine *self,
                         const char    *pc4,
                         double         lat,
                         double         lon)
{
  g_return_val_if_fail (WB_IS_MATCH_ENGINE (self), FALSE);
  return wb_geo_set (self->geo, wb_geo_parse_pc4 (pc4), lat, lon);
}

const WbGeo *
wb_match_engine_get_geo (WbMatchEngine *self)
{
  g_return_val_if_fail (WB_IS_MATCH_ENGINE (self), NULL);
  return self->geo;
}

void
wb_match_engine_set_today (WbMatchEngine *self,
                           const char    *date)
{
  g_return_if_fail (WB_IS_MATCH_ENGINE (self));
  self->today_override = _wb_match_parse_day (date);
}

void
wb_match_engine_set_stale_months (WbMatchEngine *self,
                                  guint          months)
{
  g_return_if_fail (WB_IS_MATCH_ENGINE (self));
  self->stale_months = months;
}
