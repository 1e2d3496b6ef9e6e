/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-match-sql"

#include "config.h"

#include <stdio.h>

#include "wb-match-sql.h"
#include "wb-store-private.h"

/* The score of wb-match-engine.h, written as one SQL query over the store for vacancy ?1:
 * the competences of each client's latest diagnosis, those inferred from work experience,
 * education, the distance between the PC4 centres against the client's reach, hours,
 * capacity, sector preference and readiness; ?2 is the day before which a diagnosis is
 * stale, ?3 to ?9 the weights, ?10 the number of clients to return. */
static const char rank_candidates_sql[] =
  "WITH "
  "v AS (SELECT v.id, v.hours, v.sector, v.licence_required, v.wage_cost_subsidy, a.lat, a.lon, "
  "        CASE v.education_level WHEN 'primary' THEN 1 WHEN 'vmbo' THEN 2 WHEN 'mbo1' THEN 3 WHEN 'mbo2' THEN 4 "
  "          WHEN 'mbo3' THEN 5 WHEN 'mbo4' THEN 6 WHEN 'havo_vwo' THEN 6 WHEN 'hbo' THEN 7 WHEN 'wo' THEN 8 END AS edu "
  "      FROM vacancies v LEFT JOIN pc4_areas a ON a.pc4 = v.pc4 WHERE v.id = ?1), "
  "req AS (SELECT competence_id, max (level, 1) AS level, CASE WHEN essential THEN 2 ELSE 1 END AS w "
  "        FROM vacancy_competences WHERE vacancy_id = ?1), "
  "asked AS (SELECT coalesce (sum (w), 0) + 2 * (SELECT licence_required FROM v) AS units FROM req), "
  "diag AS (SELECT d.client_id, dc.competence_id, dc.level FROM req "
  "         JOIN diagnosis_competences dc ON dc.competence_id = req.competence_id "
  "         JOIN diagnoses d ON d.id = dc.diagnosis_id "
  "         WHERE d.id = (SELECT d2.id FROM diagnoses d2 WHERE d2.client_id = d.client_id "
  "                       ORDER BY d2.date DESC, d2.id DESC LIMIT 1)), "
  "inferred AS (SELECT DISTINCT w.client_id, oc.competence_id FROM req "
  "             JOIN occupation_competences oc ON oc.competence_id = req.competence_id AND oc.essential = 1 "
  "             JOIN work_experience w ON w.occupation_id = oc.occupation_id), "
  "have AS (SELECT client_id, sum (units) AS units FROM ("
  "           SELECT diag.client_id, req.w * min (1.0, diag.level * 1.0 / req.level) AS units "
  "           FROM diag JOIN req USING (competence_id) "
  "           UNION ALL "
  "           SELECT i.client_id, req.w * 0.5 FROM inferred i JOIN req USING (competence_id) "
  "           WHERE NOT EXISTS (SELECT 1 FROM diag WHERE diag.client_id = i.client_id "
  "                             AND diag.competence_id = i.competence_id)) "
  "         GROUP BY client_id), "
  "base AS (SELECT c.id, c.education_level, c.hours_available, c.work_capacity, c.driving_licence, c.in_pool, "
  "           c.phase, c.track, c.motivation, c.diagnosis_date, v.edu, v.hours, v.licence_required, "
  "           v.wage_cost_subsidy, coalesce (h.units, 0) AS have_units, "
  "           CASE WHEN ca.lat IS NULL OR v.lat IS NULL THEN NULL "
  "             ELSE 2 * 6371.0088 * asin (sqrt (min (1.0, pow (sin (radians (ca.lat - v.lat) / 2), 2) + "
  "               cos (radians (v.lat)) * cos (radians (ca.lat)) * pow (sin (radians (ca.lon - v.lon) / 2), 2)))) "
  "           END AS dist, "
  "           CASE WHEN c.max_travel_km IS NOT NULL THEN max (c.max_travel_km, 1) "
  "             ELSE CASE c.transport WHEN 'none' THEN 5 WHEN 'walking' THEN 3 WHEN 'bicycle' THEN 10 "
  "               WHEN 'public_transport' THEN 25 WHEN 'scooter' THEN 20 WHEN 'car' THEN 40 ELSE 15 END "
  "           END AS reach, "
  "           CASE c.education_level WHEN 'none' THEN 0 WHEN 'primary' THEN 1 WHEN 'vmbo' THEN 2 WHEN 'mbo1' THEN 3 "
  "             WHEN 'mbo2' THEN 4 WHEN 'mbo3' THEN 5 WHEN 'mbo4' THEN 6 WHEN 'havo_vwo' THEN 6 WHEN 'hbo' THEN 7 "
  "             WHEN 'wo' THEN 8 END AS cedu, "
  "           EXISTS (SELECT 1 FROM sector_preferences sp WHERE sp.client_id = c.id) AS has_preference, "
  "           EXISTS (SELECT 1 FROM sector_preferences sp WHERE sp.client_id = c.id AND sp.sector = v.sector) AS likes "
  "         FROM clients c CROSS JOIN v LEFT JOIN have h ON h.client_id = c.id "
  "         LEFT JOIN pc4_areas ca ON ca.pc4 = c.pc4 "
  "         WHERE c.status = 'active'), "
  "parts AS (SELECT id, "
  "  CASE WHEN (SELECT units FROM asked) = 0 THEN 0.25 "
  "    ELSE (have_units + 2.0 * (licence_required AND driving_licence)) / (SELECT units FROM asked) END AS p0, "
  "  CASE WHEN edu IS NULL THEN 1.0 WHEN cedu IS NULL THEN 0.25 WHEN edu - cedu <= 0 THEN 1.0 "
  "    WHEN edu - cedu = 1 THEN 0.6 WHEN edu - cedu = 2 THEN 0.3 ELSE 0.1 END AS p1, "
  "  CASE WHEN dist IS NULL THEN 0.25 WHEN dist <= reach THEN 1.0 - 0.3 * dist / reach "
  "    ELSE max (0.05, 0.7 - 0.5 * (dist - reach) / reach) END AS p2, "
  "  CASE WHEN hours_available IS NULL THEN 0.25 WHEN hours_available >= max (hours, 1) THEN 1.0 "
  "    ELSE hours_available * 1.0 / max (hours, 1) END AS p3, "
  "  CASE WHEN work_capacity IS NULL THEN 0.25 WHEN work_capacity >= 80 THEN 1.0 "
  "    WHEN work_capacity >= 30 THEN CASE WHEN wage_cost_subsidy THEN 0.9 ELSE 0.5 END "
  "    ELSE CASE WHEN wage_cost_subsidy THEN 0.4 ELSE 0.2 END END AS p4, "
  "  CASE WHEN NOT has_preference THEN 0.25 WHEN likes THEN 1.0 ELSE 0.5 END AS p5, "
  "  0.4 * CASE WHEN in_pool THEN 1.0 ELSE CASE phase WHEN 'intake' THEN 0.2 WHEN 'diagnosis' THEN 0.2 "
  "    WHEN 'activation' THEN 0.4 WHEN 'development' THEN 0.7 WHEN 'work_ready' THEN 1.0 WHEN 'placed' THEN 0.5 "
  "    WHEN 'after_care' THEN 0.5 WHEN 'outflow' THEN 0.0 ELSE 0.25 END END "
  "  + 0.2 * CASE track WHEN 'activering' THEN 0.4 WHEN 'plaatsing' THEN 1.0 ELSE 0.25 END "
  "  + 0.2 * CASE motivation WHEN 'low' THEN 0.3 WHEN 'medium' THEN 0.6 WHEN 'high' THEN 1.0 ELSE 0.25 END "
  "  + 0.2 * CASE WHEN diagnosis_date IS NULL THEN 0.0 WHEN diagnosis_date < ?2 THEN 0.4 ELSE 1.0 END AS p6 "
  "  FROM base) "
  "SELECT id, (?3 * p0 + ?4 * p1 + ?5 * p2 + ?6 * p3 + ?7 * p4 + ?8 * p5 + ?9 * p6) / (?3 + ?4 + ?5 + ?6 + ?7 + ?8 + ?9) "
  "  AS score FROM parts ORDER BY score DESC, id LIMIT ?10";

/* As the engine has it: WB_MATCH_DEFAULT_STALE_MONTHS before @today, or before the real
 * date. NULL when @today is no date. */
static char *
stale_cutoff (const char *today)
{
  GDate date;

  g_date_clear (&date, 1);
  if (today != NULL)
    {
      int year, month, day;
      char end;

      if (sscanf (today, "%4d-%2d-%2d%c", &year, &month, &day, &end) != 3 ||
          !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
        return NULL;
      g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
    }
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      g_date_set_dmy (&date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                      g_date_time_get_year (now));
    }
  g_date_subtract_months (&date, WB_MATCH_DEFAULT_STALE_MONTHS);
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date));
}

GArray *
wb_match_sql_rank_candidates (WbStore               *store,
                              gint64                 vacancy_id,
                              const WbMatchWeights  *weights,
                              const char            *today,
                              guint                  limit,
                              GError               **error)
{
  g_autoptr(GArray) results = NULL;
  g_autofree char *cutoff = NULL;
  WbMatchWeights defaults;
  sqlite3_stmt *stmt;
  double sum = 0;
  int rc;

  g_return_val_if_fail (WB_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (weights == NULL)
    {
      wb_match_weights_init_default (&defaults);
      weights = &defaults;
    }
  for (guint p = 0; p < WB_MATCH_N_PARTS; p++)
    {
      g_return_val_if_fail (weights->part[p] >= 0, NULL);
      sum += weights->part[p];
    }
  g_return_val_if_fail (sum > 0, NULL);
  cutoff = stale_cutoff (today);
  g_return_val_if_fail (cutoff != NULL, NULL);

  stmt = _wb_store_prepare (store, rank_candidates_sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, vacancy_id);
  sqlite3_bind_text (stmt, 2, cutoff, -1, SQLITE_STATIC);
  for (guint p = 0; p < WB_MATCH_N_PARTS; p++)
    sqlite3_bind_double (stmt, 3 + (int) p, weights->part[p]);
  sqlite3_bind_int64 (stmt, 10, limit > 0 ? limit : WB_MATCH_DEFAULT_LIMIT);

  results = g_array_new (FALSE, FALSE, sizeof (WbMatchSqlResult));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      WbMatchSqlResult result = {
        .client_id = sqlite3_column_int64 (stmt, 0),
        .score = sqlite3_column_double (stmt, 1),
      };

      g_array_append_val (results, result);
    }
  if (rc != SQLITE_DONE)
    {
      _wb_store_set_error (store, error, "rank candidates in SQL");
      sqlite3_reset (stmt);
      return NULL;
    }
  /* Done with the read, and done with @cutoff, which the statement refers to. */
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return g_steal_pointer (&results);
}
