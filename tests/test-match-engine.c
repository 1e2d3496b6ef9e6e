/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The matching engine: each part of the score on hand-made cases, the index against a
 * brute-force reference written from the definition in wb-match-engine.h, the index after
 * changes against a fresh one, and the quality of the ranking on the real ESCO links. */

#define G_LOG_DOMAIN "test-match-engine"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "wb-match-engine.h"
#include "wb-test-util.h"

#define TODAY "2026-11-01"
#define EPSILON 1e-9

/* Hand-made cases */

enum {
  C_PUNCTUAL = 1,
  C_TEAMWORK,
  C_FORKLIFT,
  C_ORDERPICK,
  C_SAFETY,
  C_CUSTOMER,
  C_CASH,
  C_COOKING,
};

enum {
  OCC_WAREHOUSE = 501,
  OCC_CASHIER,
};

/* Heerlen centre, a village 4 km away, Maastricht about 20 km away, Groningen far away,
 * and an area the engine has no centre for. */
#define PC4_HEERLEN    6411
#define PC4_NEAR       6419
#define PC4_MAASTRICHT 6211
#define PC4_FAR        9711
#define PC4_UNKNOWN    6999

static WbMatchEngine *
hand_engine (void)
{
  WbMatchEngine *engine = wb_match_engine_new ();
  static const struct {
    gint64 id;
    const char *label;
  } labels[] = {
    { C_PUNCTUAL, "Op tijd komen" }, { C_TEAMWORK, "Samenwerken" }, { C_FORKLIFT, "Heftruck rijden" },
    { C_ORDERPICK, "Orderpicken" }, { C_SAFETY, "Veilig werken" }, { C_CUSTOMER, "Klantvriendelijkheid" },
    { C_CASH, "Afrekenen" }, { C_COOKING, "Koken" },
  };
  const gint64 warehouse[] = { C_FORKLIFT, C_ORDERPICK, C_SAFETY, C_COOKING };
  const gboolean warehouse_essential[] = { TRUE, TRUE, TRUE, FALSE };

  wb_match_engine_set_today (engine, TODAY);
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    wb_match_engine_set_competence_label (engine, labels[i].id, labels[i].label);
  g_assert_true (wb_match_engine_set_pc4 (engine, "6411", 50.8882, 5.9795));
  g_assert_true (wb_match_engine_set_pc4 (engine, "6419", 50.9200, 5.9950));
  g_assert_true (wb_match_engine_set_pc4 (engine, "6211", 50.8514, 5.6910));
  g_assert_true (wb_match_engine_set_pc4 (engine, "9711", 53.2194, 6.5665));
  wb_match_engine_set_organisation_name (engine, 1, "ISD A");
  wb_match_engine_set_organisation_name (engine, 2, "ISD B");
  /* Only the essential competences of an occupation are inferred from work done there. */
  wb_match_engine_set_occupation_competences (engine, OCC_WAREHOUSE, warehouse, warehouse_essential,
                                              G_N_ELEMENTS (warehouse));
  return engine;
}

static const WbMatchRequirement warehouse_reqs[] = {
  { C_FORKLIFT, 3, TRUE },
  { C_ORDERPICK, 2, TRUE },
  { C_SAFETY, 2, TRUE },
  { C_PUNCTUAL, 0, FALSE },
  { C_TEAMWORK, 0, FALSE },
};

/* An open warehouse job in Heerlen, 32 hours, MBO 2, logistics. */
static void
warehouse_vacancy (WbMatchVacancy *v,
                   gint64          id)
{
  wb_match_vacancy_init (v);
  v->id = id;
  v->organisation_id = 3;
  v->status = "open";
  v->pc4 = "6411";
  v->education_level = "mbo2";
  v->hours = 32;
  v->sector = "logistics";
  v->competences = warehouse_reqs;
  v->n_competences = G_N_ELEMENTS (warehouse_reqs);
}

static const WbMatchLevel full_levels[] = {
  { C_FORKLIFT, 4 }, { C_ORDERPICK, 3 }, { C_SAFETY, 2 }, { C_PUNCTUAL, 3 }, { C_TEAMWORK, 2 },
};
static const char * const logistics[] = { "logistics", NULL };

/* A client who fits the warehouse job in every respect. */
static void
good_candidate (WbMatchCandidate *c,
                gint64            id)
{
  wb_match_candidate_init (c);
  c->id = id;
  c->organisation_id = 1;
  c->status = "active";
  c->pc4 = "6411";
  c->education_level = "mbo3";
  c->transport = "bicycle";
  c->max_travel_km = 10;
  c->hours_available = 36;
  c->work_capacity = 90;
  c->motivation = "high";
  c->phase = "work_ready";
  c->track = "plaatsing";
  c->diagnosis_date = "2026-06-01";
  c->competences = full_levels;
  c->n_competences = G_N_ELEMENTS (full_levels);
  c->sectors = logistics;
}

static WbMatchResult *
score (WbMatchEngine *engine,
       gint64         vacancy,
       gint64         client)
{
  g_autoptr(GError) error = NULL;
  WbMatchResult *result = wb_match_engine_score_pair (engine, vacancy, client, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  for (guint i = 0; i < WB_MATCH_N_PARTS; i++)
    {
      g_assert_cmpfloat (result->credit[i], >=, 0);
      g_assert_cmpfloat (result->credit[i], <=, 1);
      g_assert_nonnull (result->explanation[i]);
    }
  g_assert_cmpfloat (result->score, >=, 0);
  g_assert_cmpfloat (result->score, <=, 1);
  return result;
}

/* Scores the good candidate and a variant made by @change, and returns both results. */
typedef void (*ChangeFunc) (WbMatchCandidate *candidate);

static void
compare_variant (ChangeFunc      change,
                 WbMatchResult **good,
                 WbMatchResult **variant)
{
  g_autoptr(WbMatchEngine) engine = hand_engine ();
  WbMatchVacancy v;
  WbMatchCandidate c;

  warehouse_vacancy (&v, 100);
  wb_match_engine_set_vacancy (engine, &v);
  good_candidate (&c, 1);
  wb_match_engine_set_client (engine, &c);
  good_candidate (&c, 2);
  change (&c);
  wb_match_engine_set_client (engine, &c);
  *good = score (engine, 100, 1);
  *variant = score (engine, 100, 2);
}

static void
test_good_candidate_scores_high (void)
{
  g_autoptr(WbMatchEngine) engine = hand_engine ();
  g_autoptr(WbMatchResult) r = NULL;
  WbMatchVacancy v;
  WbMatchCandidate c;

  warehouse_vacancy (&v, 100);
  wb_match_engine_set_vacancy (engine, &v);
  good_candidate (&c, 1);
  wb_match_engine_set_client (engine, &c);
  r = score (engine, 100, 1);

  g_assert_cmpfloat_with_epsilon (r->credit[WB_MATCH_PART_COMPETENCES], 1.0, EPSILON);
  g_assert_cmpfloat_with_epsilon (r->credit[WB_MATCH_PART_EDUCATION], 1.0, EPSILON);
  g_assert_cmpfloat_with_epsilon (r->credit[WB_MATCH_PART_TRAVEL], 1.0, EPSILON);
  g_assert_cmpfloat_with_epsilon (r->credit[WB_MATCH_PART_HOURS], 1.0, EPSILON);
  g_assert_cmpfloat_with_epsilon (r->credit[WB_MATCH_PART_CAPACITY], 1.0, EPSILON);
  g_assert_cmpfloat_with_epsilon (r->credit[WB_MATCH_PART_SECTOR], 1.0, EPSILON);
  g_assert_cmpfloat_with_epsilon (r->credit[WB_MATCH_PART_READINESS], 1.0, EPSILON);
  g_assert_cmpfloat_with_epsilon (r->score, 1.0, EPSILON);
  for (guint i = 0; i < WB_MATCH_N_PARTS; i++)
    g_assert_true (r->known[i]);
  g_assert_cmpuint (r->n_essential, ==, 3);
  g_assert_cmpuint (r->n_essential_missing, ==, 0);
  g_assert_cmpuint (r->n_optional, ==, 2);
  g_assert_cmpuint (r->n_optional_present, ==, 2);
  g_assert_cmpuint (r->gap->len, ==, 0);
  g_assert_cmpuint (r->inferred->len, ==, 0);
  g_assert_false (r->near_miss);
  g_assert_cmpint (r->missing, ==, 0);
  g_assert_cmpuint (r->missing_notes->len, ==, 0);
  g_assert_cmpint (r->diagnosis, ==, WB_MATCH_DIAGNOSIS_CURRENT);
  g_assert_false (r->stale_diagnosis);
  g_assert_cmpfloat_with_epsilon (r->distance_km, 0.0, EPSILON);
  g_assert_cmpstr (r->client_organisation, ==, "ISD A");
  g_assert_nonnull (strstr (r->explanation[WB_MATCH_PART_COMPETENCES], "3 of the 3 essential"));
}

static void
lack_an_essential (WbMatchCandidate *c)
{
  static const WbMatchLevel levels[] = { { C_FORKLIFT, 4 }, { C_ORDERPICK, 3 }, { C_PUNCTUAL, 3 }, { C_TEAMWORK, 2 } };

  c->competences = levels;
  c->n_competences = G_N_ELEMENTS (levels);
}

static void
lack_an_optional (WbMatchCandidate *c)
{
  static const WbMatchLevel levels[] = { { C_FORKLIFT, 4 }, { C_ORDERPICK, 3 }, { C_SAFETY, 2 }, { C_PUNCTUAL, 3 } };

  c->competences = levels;
  c->n_competences = G_N_ELEMENTS (levels);
}

static void
below_level (WbMatchCandidate *c)
{
  /* Forklift at 2 where 3 is asked: two thirds of the credit. */
  static const WbMatchLevel levels[] = {
    { C_FORKLIFT, 2 }, { C_ORDERPICK, 3 }, { C_SAFETY, 2 }, { C_PUNCTUAL, 3 }, { C_TEAMWORK, 2 },
  };

  c->competences = levels;
  c->n_competences = G_N_ELEMENTS (levels);
}

static void
test_competences_essential_weigh_more (void)
{
  g_autoptr(WbMatchResult) good = NULL;
  g_autoptr(WbMatchResult) no_essential = NULL;
  g_autoptr(WbMatchResult) good2 = NULL;
  g_autoptr(WbMatchResult) no_optional = NULL;
  g_autoptr(WbMatchResult) good3 = NULL;
  g_autoptr(WbMatchResult) below = NULL;
  const WbMatchGapItem *item;

  compare_variant (lack_an_essential, &good, &no_essential);
  compare_variant (lack_an_optional, &good2, &no_optional);
  compare_variant (below_level, &good3, &below);

  /* Units: essential 2, optional 1; 8 in all. */
  g_assert_cmpfloat_with_epsilon (no_essential->credit[WB_MATCH_PART_COMPETENCES], 6.0 / 8, EPSILON);
  g_assert_cmpfloat_with_epsilon (no_optional->credit[WB_MATCH_PART_COMPETENCES], 7.0 / 8, EPSILON);
  g_assert_cmpfloat_with_epsilon (below->credit[WB_MATCH_PART_COMPETENCES], (6.0 + 2.0 * 2 / 3) / 8, EPSILON);
  g_assert_cmpfloat (no_essential->score, <, no_optional->score);
  g_assert_cmpfloat (no_optional->score, <, good->score);
  g_assert_cmpfloat (below->score, <, good->score);
  g_assert_cmpfloat (below->score, >, no_essential->score);

  /* The gap names the essential competence that is missing; a near miss lacks one or two. */
  g_assert_cmpuint (no_essential->n_essential_missing, ==, 1);
  g_assert_cmpuint (no_essential->gap->len, ==, 1);
  item = &g_array_index (no_essential->gap, WbMatchGapItem, 0);
  g_assert_cmpint (item->competence_id, ==, C_SAFETY);
  g_assert_cmpuint (item->level, ==, 0);
  g_assert_true (item->essential);
  g_assert_cmpstr (no_essential->gap_labels->pdata[0], ==, "Veilig werken");
  g_assert_true (no_essential->near_miss);
  g_assert_nonnull (strstr (no_essential->explanation[WB_MATCH_PART_COMPETENCES], "Lacks: Veilig werken."));
  /* An optional competence missing is no gap. */
  g_assert_cmpuint (no_optional->gap->len, ==, 0);
  g_assert_false (no_optional->near_miss);
  /* Below the level asked: in the gap with the level the client has. */
  g_assert_cmpuint (below->gap->len, ==, 1);
  item = &g_array_index (below->gap, WbMatchGapItem, 0);
  g_assert_cmpint (item->competence_id, ==, C_FORKLIFT);
  g_assert_cmpuint (item->level, ==, 2);
  g_assert_cmpuint (item->required_level, ==, 3);
  g_assert_cmpuint (below->n_essential_missing, ==, 0);
  g_assert_nonnull (strstr (below->explanation[WB_MATCH_PART_COMPETENCES], "Below the level asked: Heftruck rijden."));
}

static void
worked_in_warehouse (WbMatchCandidate *c)
{
  static const gint64 occupations[] = { OCC_WAREHOUSE };
  static const WbMatchLevel levels[] = { { C_PUNCTUAL, 3 }, { C_TEAMWORK, 2 } };

  c->competences = levels;
  c->n_competences = G_N_ELEMENTS (levels);
  c->occupations = occupations;
  c->n_occupations = G_N_ELEMENTS (occupations);
}

static void
no_competences (WbMatchCandidate *c)
{
  static const WbMatchLevel levels[] = { { C_PUNCTUAL, 3 }, { C_TEAMWORK, 2 } };

  c->competences = levels;
  c->n_competences = G_N_ELEMENTS (levels);
}

static void
test_inferred_count_less_and_are_labelled (void)
{
  g_autoptr(WbMatchResult) good = NULL;
  g_autoptr(WbMatchResult) inferred = NULL;
  g_autoptr(WbMatchResult) good2 = NULL;
  g_autoptr(WbMatchResult) none = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(JsonObject) json = NULL;
  JsonArray *array;

  compare_variant (worked_in_warehouse, &good, &inferred);
  compare_variant (no_competences, &good2, &none);

  /* Three essential competences inferred at half credit: (3 · 2 · 0.5 + 2) / 8. */
  g_assert_cmpfloat_with_epsilon (inferred->credit[WB_MATCH_PART_COMPETENCES], 5.0 / 8, EPSILON);
  g_assert_cmpfloat (inferred->score, <, good->score);
  g_assert_cmpfloat (inferred->score, >, none->score);
  g_assert_cmpuint (inferred->gap->len, ==, 0);
  g_assert_cmpuint (inferred->inferred->len, ==, 3);
  for (guint i = 0; i < inferred->inferred->len; i++)
    g_hash_table_add (seen, &g_array_index (inferred->inferred, gint64, i));
  g_assert_true (g_hash_table_contains (seen, &(gint64) { C_FORKLIFT }));
  g_assert_true (g_hash_table_contains (seen, &(gint64) { C_ORDERPICK }));
  g_assert_true (g_hash_table_contains (seen, &(gint64) { C_SAFETY }));
  g_assert_cmpuint (inferred->inferred_labels->len, ==, 3);
  g_assert_nonnull (strstr (inferred->explanation[WB_MATCH_PART_COMPETENCES], "Inferred from work experience"));
  g_assert_nonnull (strstr (inferred->explanation[WB_MATCH_PART_COMPETENCES], "Heftruck rijden"));

  json = wb_match_result_to_json (inferred);
  array = json_object_get_array_member (json, "inferred");
  g_assert_cmpuint (json_array_get_length (array), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "source"), ==,
                   "work_experience");
  g_assert_true (json_object_has_member (json_array_get_object_element (array, 0), "label"));

  /* Without the inference the three are the gap. */
  g_assert_cmpuint (none->n_essential_missing, ==, 3);
  g_assert_false (none->near_miss);
}

static void
test_diagnosis_wins_over_inference (void)
{
  g_autoptr(WbMatchEngine) engine = hand_engine ();
  g_autoptr(WbMatchResult) r = NULL;
  static const gint64 occupations[] = { OCC_WAREHOUSE };
  /* Diagnosed below the level asked, and also inferred: the diagnosis counts. */
  static const WbMatchLevel levels[] = { { C_FORKLIFT, 1 } };
  static const WbMatchRequirement reqs[] = { { C_FORKLIFT, 3, TRUE } };
  WbMatchVacancy v;
  WbMatchCandidate c;

  wb_match_vacancy_init (&v);
  v.id = 7;
  v.hours = 20;
  v.competences = reqs;
  v.n_competences = 1;
  wb_match_engine_set_vacancy (engine, &v);
  wb_match_candidate_init (&c);
  c.id = 1;
  c.competences = levels;
  c.n_competences = 1;
  c.occupations = occupations;
  c.n_occupations = 1;
  wb_match_engine_set_client (engine, &c);
  r = score (engine, 7, 1);
  g_assert_cmpfloat_with_epsilon (r->credit[WB_MATCH_PART_COMPETENCES], 1.0 / 3, EPSILON);
  g_assert_cmpuint (r->inferred->len, ==, 0);
}

static void
lower_education (WbMatchCandidate *c)
{
  c->education_level = "mbo1";
}

static void
unknown_education (WbMatchCandidate *c)
{
  c->education_level = NULL;
}

static void
test_education (void)
{
  g_autoptr(WbMatchResult) good = NULL;
  g_autoptr(WbMatchResult) lower = NULL;
  g_autoptr(WbMatchResult) good2 = NULL;
  g_autoptr(WbMatchResult) unknown = NULL;

  compare_variant (lower_education, &good, &lower);
  compare_variant (unknown_education, &good2, &unknown);
  g_assert_cmpfloat_with_epsilon (lower->credit[WB_MATCH_PART_EDUCATION], 0.6, EPSILON);
  g_assert_cmpfloat (lower->score, <, good->score);
  g_assert_nonnull (strstr (lower->explanation[WB_MATCH_PART_EDUCATION], "one step below"));
  g_assert_cmpfloat_with_epsilon (unknown->credit[WB_MATCH_PART_EDUCATION], WB_MATCH_UNKNOWN_CREDIT, EPSILON);
  g_assert_false (unknown->known[WB_MATCH_PART_EDUCATION]);
  g_assert_true (unknown->missing & WB_MATCH_MISSING_EDUCATION);
  /* Not knowing is worse than one step below: unknown is never agreement. */
  g_assert_cmpfloat (unknown->score, <, lower->score);
}

static void
farther (WbMatchCandidate *c)
{
  c->pc4 = "6211";
}

static void
far_away (WbMatchCandidate *c)
{
  c->pc4 = "9711";
}

static void
unknown_location (WbMatchCandidate *c)
{
  c->pc4 = "6999";
}

static void
by_car (WbMatchCandidate *c)
{
  c->pc4 = "6211";
  c->max_travel_km = -1;
  c->transport = "car";
}

static void
test_travel_is_soft (void)
{
  g_autoptr(WbMatchResult) good = NULL;
  g_autoptr(WbMatchResult) far = NULL;
  g_autoptr(WbMatchResult) good2 = NULL;
  g_autoptr(WbMatchResult) very_far = NULL;
  g_autoptr(WbMatchResult) good3 = NULL;
  g_autoptr(WbMatchResult) unknown = NULL;
  g_autoptr(WbMatchResult) good4 = NULL;
  g_autoptr(WbMatchResult) car = NULL;

  compare_variant (farther, &good, &far);
  compare_variant (far_away, &good2, &very_far);
  compare_variant (unknown_location, &good3, &unknown);
  compare_variant (by_car, &good4, &car);

  g_assert_cmpfloat (far->distance_km, >, 15);
  g_assert_cmpfloat (far->distance_km, <, 25);
  g_assert_cmpfloat (far->credit[WB_MATCH_PART_TRAVEL], <, good->credit[WB_MATCH_PART_TRAVEL]);
  g_assert_cmpfloat (very_far->credit[WB_MATCH_PART_TRAVEL], <, far->credit[WB_MATCH_PART_TRAVEL]);
  g_assert_cmpfloat (very_far->credit[WB_MATCH_PART_TRAVEL], >, 0);
  g_assert_cmpfloat (far->score, <, good->score);
  g_assert_nonnull (strstr (far->explanation[WB_MATCH_PART_TRAVEL], "does not rule the client out"));
  /* By car 40 km is reasonable: the same distance costs less. */
  g_assert_cmpfloat (car->credit[WB_MATCH_PART_TRAVEL], >, far->credit[WB_MATCH_PART_TRAVEL]);
  g_assert_cmpfloat (unknown->distance_km, <, 0);
  g_assert_cmpfloat_with_epsilon (unknown->credit[WB_MATCH_PART_TRAVEL], WB_MATCH_UNKNOWN_CREDIT, EPSILON);
  g_assert_true (unknown->missing & WB_MATCH_MISSING_LOCATION);
}

static gboolean
results_contain (GPtrArray *results,
                 gint64     client_id)
{
  for (guint i = 0; i < results->len; i++)
    if (((WbMatchResult *) results->pdata[i])->client_id == client_id)
      return TRUE;
  return FALSE;
}

/* Home and work in the same postcode area are no distance apart, even where no centres are
 * loaded; a neighbouring area stays unknown then. */
static void
test_same_area_without_centres (void)
{
  g_autoptr(WbMatchEngine) engine = wb_match_engine_new ();
  g_autoptr(WbMatchResult) same = NULL;
  g_autoptr(WbMatchResult) other = NULL;
  g_autoptr(GPtrArray) near = NULL;
  g_autoptr(GError) error = NULL;
  WbMatchOptions options;
  WbMatchVacancy v;
  WbMatchCandidate c;

  wb_match_engine_set_today (engine, TODAY);
  warehouse_vacancy (&v, 100);
  v.pc4 = "6454";
  wb_match_engine_set_vacancy (engine, &v);
  good_candidate (&c, 1);
  c.pc4 = "6454";
  wb_match_engine_set_client (engine, &c);
  good_candidate (&c, 2);
  c.pc4 = "6455";
  wb_match_engine_set_client (engine, &c);

  same = score (engine, 100, 1);
  g_assert_cmpfloat (same->distance_km, ==, 0);
  g_assert_true (same->known[WB_MATCH_PART_TRAVEL]);
  g_assert_cmpfloat_with_epsilon (same->credit[WB_MATCH_PART_TRAVEL], 1.0, EPSILON);
  g_assert_null (strstr (same->explanation[WB_MATCH_PART_TRAVEL], "not known"));

  other = score (engine, 100, 2);
  g_assert_cmpfloat (other->distance_km, <, 0);
  g_assert_false (other->known[WB_MATCH_PART_TRAVEL]);
  g_assert_cmpfloat (other->score, <, same->score);

  /* A distance filter keeps the same area and drops what it cannot measure. */
  wb_match_options_init (&options);
  options.max_km = 5;
  near = wb_match_engine_rank_candidates (engine, 100, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (near->len, ==, 1);
  g_assert_cmpint (((WbMatchResult *) near->pdata[0])->client_id, ==, 1);
}

static void
test_distance_filters_only_when_asked (void)
{
  g_autoptr(WbMatchEngine) engine = hand_engine ();
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) near = NULL;
  g_autoptr(GPtrArray) vacancies = NULL;
  g_autoptr(GError) error = NULL;
  const char *pc4s[] = { "6411", "6419", "6211", "9711", "6999", NULL };
  WbMatchOptions options;
  WbMatchVacancy v;
  WbMatchCandidate c;

  warehouse_vacancy (&v, 100);
  wb_match_engine_set_vacancy (engine, &v);
  for (guint i = 0; i < G_N_ELEMENTS (pc4s); i++)
    {
      good_candidate (&c, i + 1);
      c.pc4 = pc4s[i];
      wb_match_engine_set_client (engine, &c);
    }

  all = wb_match_engine_rank_candidates (engine, 100, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, G_N_ELEMENTS (pc4s));
  /* The far one and the one without a known centre rank lower but are there. */
  g_assert_cmpint (((WbMatchResult *) all->pdata[0])->client_id, ==, 1);
  g_assert_true (results_contain (all, 4));
  g_assert_true (results_contain (all, 5));
  g_assert_true (results_contain (all, 6));

  wb_match_options_init (&options);
  options.max_km = 10;
  near = wb_match_engine_rank_candidates (engine, 100, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (near->len, ==, 2);
  g_assert_true (results_contain (near, 1));
  g_assert_true (results_contain (near, 2));

  /* The same for the vacancies of a client. */
  wb_match_vacancy_init (&v);
  warehouse_vacancy (&v, 101);
  v.pc4 = "9711";
  wb_match_engine_set_vacancy (engine, &v);
  vacancies = wb_match_engine_rank_vacancies (engine, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (vacancies->len, ==, 2);
  g_clear_pointer (&vacancies, g_ptr_array_unref);
  vacancies = wb_match_engine_rank_vacancies (engine, 1, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (vacancies->len, ==, 1);
  g_assert_cmpint (((WbMatchResult *) vacancies->pdata[0])->vacancy_id, ==, 100);

  /* A negative distance is a mistake, not "no filter". */
  options.max_km = -3;
  g_assert_null (wb_match_engine_rank_candidates (engine, 100, &options, &error));
  g_assert_error (error, WB_MATCH_ERROR, WB_MATCH_ERROR_INVALID);
}

static void
fewer_hours (WbMatchCandidate *c)
{
  c->hours_available = 16;
}

static void
unknown_hours (WbMatchCandidate *c)
{
  c->hours_available = -1;
}

static void
test_hours (void)
{
  g_autoptr(WbMatchResult) good = NULL;
  g_autoptr(WbMatchResult) fewer = NULL;
  g_autoptr(WbMatchResult) good2 = NULL;
  g_autoptr(WbMatchResult) unknown = NULL;

  compare_variant (fewer_hours, &good, &fewer);
  compare_variant (unknown_hours, &good2, &unknown);
  g_assert_cmpfloat_with_epsilon (fewer->credit[WB_MATCH_PART_HOURS], 0.5, EPSILON);
  g_assert_cmpfloat (fewer->score, <, good->score);
  g_assert_cmpfloat_with_epsilon (unknown->credit[WB_MATCH_PART_HOURS], WB_MATCH_UNKNOWN_CREDIT, EPSILON);
  g_assert_true (unknown->missing & WB_MATCH_MISSING_HOURS);
  g_assert_cmpfloat (unknown->score, <, fewer->score);
}

static void
partial_capacity (WbMatchCandidate *c)
{
  c->work_capacity = 55;
}

static void
test_capacity_and_wage_cost_subsidy (void)
{
  g_autoptr(WbMatchEngine) engine = hand_engine ();
  g_autoptr(WbMatchResult) without = NULL;
  g_autoptr(WbMatchResult) with = NULL;
  g_autoptr(WbMatchResult) good = NULL;
  g_autoptr(WbMatchResult) partial = NULL;
  g_autoptr(JsonObject) json = NULL;
  WbMatchVacancy v;
  WbMatchCandidate c;

  compare_variant (partial_capacity, &good, &partial);
  g_assert_cmpfloat_with_epsilon (partial->credit[WB_MATCH_PART_CAPACITY], 0.5, EPSILON);
  g_assert_cmpfloat (partial->score, <, good->score);
  g_assert_true (partial->wage_cost_subsidy_route);
  g_assert_false (good->wage_cost_subsidy_route);

  warehouse_vacancy (&v, 100);
  wb_match_engine_set_vacancy (engine, &v);
  warehouse_vacancy (&v, 101);
  v.wage_cost_subsidy = TRUE;
  wb_match_engine_set_vacancy (engine, &v);
  good_candidate (&c, 1);
  c.work_capacity = 55;
  wb_match_engine_set_client (engine, &c);
  without = score (engine, 100, 1);
  with = score (engine, 101, 1);
  g_assert_cmpfloat_with_epsilon (with->credit[WB_MATCH_PART_CAPACITY], 0.9, EPSILON);
  g_assert_cmpfloat (with->score, >, without->score);
  g_assert_true (with->wage_cost_subsidy_route);
  g_assert_true (with->wage_cost_subsidy_offered);
  g_assert_nonnull (strstr (with->explanation[WB_MATCH_PART_CAPACITY], "wage-cost subsidy route"));
  g_assert_nonnull (strstr (with->explanation[WB_MATCH_PART_CAPACITY], "55 %"));

  /* For another organisation's reader only the band. */
  wb_match_result_pseudonymise (with);
  g_assert_null (strstr (with->explanation[WB_MATCH_PART_CAPACITY], "55"));
  g_assert_nonnull (strstr (with->explanation[WB_MATCH_PART_CAPACITY], "between 30 and 80 %"));
  json = wb_match_result_to_json (with);
  g_assert_cmpstr (json_object_get_string_member (json, "capacity_band"), ==, "30-80");
  g_assert_true (json_object_get_boolean_member (json, "pseudonymous"));
}

static void
other_sector (WbMatchCandidate *c)
{
  static const char * const care[] = { "care", NULL };

  c->sectors = care;
}

static void
no_sector (WbMatchCandidate *c)
{
  c->sectors = NULL;
}

static void
test_sector (void)
{
  g_autoptr(WbMatchResult) good = NULL;
  g_autoptr(WbMatchResult) other = NULL;
  g_autoptr(WbMatchResult) good2 = NULL;
  g_autoptr(WbMatchResult) none = NULL;

  compare_variant (other_sector, &good, &other);
  compare_variant (no_sector, &good2, &none);
  g_assert_cmpfloat_with_epsilon (other->credit[WB_MATCH_PART_SECTOR], 0.5, EPSILON);
  g_assert_cmpfloat (other->score, <, good->score);
  g_assert_nonnull (strstr (other->explanation[WB_MATCH_PART_SECTOR], "moving to another sector is possible"));
  g_assert_true (none->missing & WB_MATCH_MISSING_SECTORS);
  g_assert_cmpfloat (none->score, <, other->score);
}

static void
stale_diagnosis (WbMatchCandidate *c)
{
  c->diagnosis_date = "2025-05-01";
}

static void
early_phase (WbMatchCandidate *c)
{
  c->phase = "activation";
  c->track = "activering";
  c->motivation = "low";
}

static void
test_readiness_and_stale_diagnosis (void)
{
  g_autoptr(WbMatchResult) good = NULL;
  g_autoptr(WbMatchResult) stale = NULL;
  g_autoptr(WbMatchResult) good2 = NULL;
  g_autoptr(WbMatchResult) early = NULL;
  g_autoptr(JsonObject) json = NULL;
  gboolean noted = FALSE;

  compare_variant (stale_diagnosis, &good, &stale);
  compare_variant (early_phase, &good2, &early);

  g_assert_cmpint (stale->diagnosis, ==, WB_MATCH_DIAGNOSIS_STALE);
  g_assert_true (stale->stale_diagnosis);
  g_assert_cmpint (stale->diagnosis_age_months, ==, 18);
  g_assert_cmpfloat_with_epsilon (stale->credit[WB_MATCH_PART_READINESS], 0.4 + 0.2 + 0.2 + 0.2 * 0.4, EPSILON);
  g_assert_cmpfloat (stale->score, <, good->score);
  for (guint i = 0; i < stale->missing_notes->len; i++)
    noted |= strstr (stale->missing_notes->pdata[i], "18 months old") != NULL;
  g_assert_true (noted);
  json = wb_match_result_to_json (stale);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json, "diagnosis"), "state"), ==, "stale");
  g_assert_true (json_object_get_boolean_member (json, "stale_diagnosis"));

  g_assert_cmpfloat_with_epsilon (early->credit[WB_MATCH_PART_READINESS], 0.4 * 0.4 + 0.2 * 0.4 + 0.2 * 0.3 + 0.2, EPSILON);
  g_assert_cmpfloat (early->score, <, good->score);
}

/* Missing data is unknown, never agreement. */
static void
test_empty_profile_scores_low (void)
{
  g_autoptr(WbMatchEngine) engine = hand_engine ();
  g_autoptr(WbMatchResult) empty = NULL;
  g_autoptr(WbMatchResult) good = NULL;
  g_autoptr(GPtrArray) ranked = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) json = NULL;
  WbMatchVacancy v;
  WbMatchCandidate c;
  JsonArray *missing;
  gboolean says_who = FALSE;

  warehouse_vacancy (&v, 100);
  wb_match_engine_set_vacancy (engine, &v);
  wb_match_candidate_init (&c);
  c.id = 1;
  c.organisation_id = 2;
  wb_match_engine_set_client (engine, &c);
  good_candidate (&c, 2);
  wb_match_engine_set_client (engine, &c);
  /* A weak but known candidate: other sector, lower education, half the hours, farther. */
  good_candidate (&c, 3);
  c.education_level = "vmbo";
  c.hours_available = 16;
  c.pc4 = "6211";
  c.sectors = NULL;
  c.competences = full_levels;
  c.n_competences = 2;
  wb_match_engine_set_client (engine, &c);

  empty = score (engine, 100, 1);
  good = score (engine, 100, 2);
  g_assert_cmpfloat (empty->score, <, 0.2);
  g_assert_cmpfloat (empty->score, <, good->score);
  g_assert_cmpfloat_with_epsilon (empty->credit[WB_MATCH_PART_COMPETENCES], 0.0, EPSILON);
  for (guint i = 0; i < WB_MATCH_N_PARTS; i++)
    g_assert_cmpfloat (empty->credit[i], <=, WB_MATCH_UNKNOWN_CREDIT);
  g_assert_false (empty->known[WB_MATCH_PART_COMPETENCES]);
  g_assert_false (empty->known[WB_MATCH_PART_TRAVEL]);
  g_assert_false (empty->known[WB_MATCH_PART_HOURS]);
  g_assert_false (empty->known[WB_MATCH_PART_CAPACITY]);
  g_assert_true (empty->missing & WB_MATCH_MISSING_DIAGNOSIS);
  g_assert_true (empty->missing & WB_MATCH_MISSING_COMPETENCES);
  g_assert_true (empty->missing & WB_MATCH_MISSING_REACH);
  g_assert_cmpint (empty->diagnosis, ==, WB_MATCH_DIAGNOSIS_NONE);
  g_assert_cmpuint (empty->missing_notes->len, >=, 8);
  for (guint i = 0; i < empty->missing_notes->len; i++)
    says_who |= strstr (empty->missing_notes->pdata[i], "the consultant at ISD B") != NULL;
  g_assert_true (says_who);

  json = wb_match_result_to_json (empty);
  missing = json_object_get_array_member (json, "missing");
  g_assert_cmpuint (json_array_get_length (missing), ==, empty->missing_notes->len);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (missing, 0), "supplied_by"), ==,
                   "client_organisation");
  g_assert_true (json_object_has_member (json_array_get_object_element (missing, 0), "text"));

  /* In a ranking the empty profile comes last, below the weak candidate. */
  ranked = wb_match_engine_rank_candidates (engine, 100, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ranked->len, ==, 3);
  g_assert_cmpint (((WbMatchResult *) ranked->pdata[0])->client_id, ==, 2);
  g_assert_cmpint (((WbMatchResult *) ranked->pdata[2])->client_id, ==, 1);
}

static void
test_vacancy_without_competences (void)
{
  g_autoptr(WbMatchEngine) engine = hand_engine ();
  g_autoptr(WbMatchResult) r = NULL;
  WbMatchVacancy v;
  WbMatchCandidate c;

  warehouse_vacancy (&v, 100);
  v.competences = NULL;
  v.n_competences = 0;
  wb_match_engine_set_vacancy (engine, &v);
  good_candidate (&c, 1);
  wb_match_engine_set_client (engine, &c);
  r = score (engine, 100, 1);
  g_assert_cmpfloat_with_epsilon (r->credit[WB_MATCH_PART_COMPETENCES], WB_MATCH_UNKNOWN_CREDIT, EPSILON);
  g_assert_false (r->known[WB_MATCH_PART_COMPETENCES]);
  g_assert_true (r->missing & WB_MATCH_MISSING_VACANCY_COMPETENCES);
}

static void
test_driving_licence (void)
{
  g_autoptr(WbMatchEngine) engine = hand_engine ();
  g_autoptr(WbMatchResult) with = NULL;
  g_autoptr(WbMatchResult) without = NULL;
  g_autoptr(JsonObject) json = NULL;
  WbMatchVacancy v;
  WbMatchCandidate c;
  JsonArray *gap;

  warehouse_vacancy (&v, 100);
  v.licence_required = TRUE;
  wb_match_engine_set_vacancy (engine, &v);
  good_candidate (&c, 1);
  c.driving_licence = TRUE;
  wb_match_engine_set_client (engine, &c);
  good_candidate (&c, 2);
  wb_match_engine_set_client (engine, &c);
  with = score (engine, 100, 1);
  without = score (engine, 100, 2);
  g_assert_cmpfloat_with_epsilon (with->credit[WB_MATCH_PART_COMPETENCES], 1.0, EPSILON);
  g_assert_cmpfloat_with_epsilon (without->credit[WB_MATCH_PART_COMPETENCES], 8.0 / 10, EPSILON);
  g_assert_cmpuint (without->n_essential, ==, 4);
  g_assert_cmpuint (without->n_essential_missing, ==, 1);
  g_assert_true (without->near_miss);
  /* A licence is not bij- of omscholing: driving lessons close that gap. */
  g_assert_nonnull (strstr (without->training_suggestion, "driving lessons"));
  g_assert_null (strstr (without->training_suggestion, "omscholing"));
  json = wb_match_result_to_json (without);
  gap = json_object_get_array_member (json, "gap");
  g_assert_cmpuint (json_array_get_length (gap), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (gap, 0), "requirement"), ==,
                   "driving_licence");
}

/* Near misses: the candidates who lack one or two essential competences. */
static void
test_near_misses (void)
{
  g_autoptr(WbMatchEngine) engine = hand_engine ();
  g_autoptr(GPtrArray) near = NULL;
  g_autoptr(GError) error = NULL;
  static const WbMatchLevel lack1[] = { { C_FORKLIFT, 4 }, { C_ORDERPICK, 3 } };
  static const WbMatchLevel lack2[] = { { C_FORKLIFT, 4 } };
  static const WbMatchLevel lack3[] = { { C_PUNCTUAL, 4 } };
  WbMatchOptions options;
  WbMatchVacancy v;
  WbMatchCandidate c;

  warehouse_vacancy (&v, 100);
  wb_match_engine_set_vacancy (engine, &v);
  good_candidate (&c, 1);
  wb_match_engine_set_client (engine, &c);
  good_candidate (&c, 2);
  c.competences = lack1;
  c.n_competences = G_N_ELEMENTS (lack1);
  wb_match_engine_set_client (engine, &c);
  good_candidate (&c, 3);
  c.competences = lack2;
  c.n_competences = 1;
  wb_match_engine_set_client (engine, &c);
  good_candidate (&c, 4);
  c.competences = lack3;
  c.n_competences = 1;
  wb_match_engine_set_client (engine, &c);

  wb_match_options_init (&options);
  options.near_misses_only = TRUE;
  near = wb_match_engine_rank_candidates (engine, 100, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (near->len, ==, 2);
  g_assert_cmpint (((WbMatchResult *) near->pdata[0])->client_id, ==, 2);
  g_assert_cmpint (((WbMatchResult *) near->pdata[1])->client_id, ==, 3);
  for (guint i = 0; i < near->len; i++)
    {
      WbMatchResult *r = near->pdata[i];

      g_assert_true (r->near_miss);
      g_assert_cmpuint (r->gap->len, ==, r->n_essential_missing);
    }
}

/* Weights change the ranking, and the result says which weights produced it. */
static void
test_weights_change_ranking (void)
{
  g_autoptr(WbMatchEngine) engine = hand_engine ();
  g_autoptr(GPtrArray) by_default = NULL;
  g_autoptr(GPtrArray) by_travel = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) json = NULL;
  static const WbMatchLevel partial[] = { { C_FORKLIFT, 4 }, { C_ORDERPICK, 3 }, { C_SAFETY, 2 } };
  WbMatchOptions options;
  WbMatchVacancy v;
  WbMatchCandidate c;
  WbMatchWeights weights;

  warehouse_vacancy (&v, 100);
  wb_match_engine_set_vacancy (engine, &v);
  /* 1: every competence, 20 km away. 2: lacks the optional ones, lives next door. */
  good_candidate (&c, 1);
  c.pc4 = "6211";
  wb_match_engine_set_client (engine, &c);
  good_candidate (&c, 2);
  c.competences = partial;
  c.n_competences = G_N_ELEMENTS (partial);
  wb_match_engine_set_client (engine, &c);

  by_default = wb_match_engine_rank_candidates (engine, 100, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (((WbMatchResult *) by_default->pdata[0])->client_id, ==, 1);
  wb_match_weights_init_default (&weights);
  g_assert_cmpmem (&((WbMatchResult *) by_default->pdata[0])->weights, sizeof weights, &weights, sizeof weights);

  wb_match_options_init (&options);
  options.weights.part[WB_MATCH_PART_COMPETENCES] = 0.2;
  options.weights.part[WB_MATCH_PART_TRAVEL] = 0.6;
  by_travel = wb_match_engine_rank_candidates (engine, 100, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpint (((WbMatchResult *) by_travel->pdata[0])->client_id, ==, 2);
  g_assert_cmpfloat (((WbMatchResult *) by_travel->pdata[0])->weights.part[WB_MATCH_PART_TRAVEL], ==, 0.6);
  json = wb_match_result_to_json (by_travel->pdata[0]);
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (json, "weights"), "travel"), ==, 0.6);

  /* All zero is not a set of weights. */
  memset (&options.weights, 0, sizeof options.weights);
  g_assert_null (wb_match_engine_rank_candidates (engine, 100, &options, &error));
  g_assert_error (error, WB_MATCH_ERROR, WB_MATCH_ERROR_INVALID);
}

static void
test_weights_json (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string ("{\"competences\":0.6,\"travel\":0}", NULL);
  g_autoptr(JsonNode) bad = json_from_string ("{\"luck\":0.6}", NULL);
  g_autoptr(JsonNode) zero = json_from_string ("{\"competences\":0,\"education\":0,\"travel\":0,\"hours\":0,"
                                               "\"capacity\":0,\"sector\":0,\"readiness\":0}", NULL);
  g_autoptr(JsonObject) back = NULL;
  WbMatchWeights weights;

  g_assert_true (wb_match_weights_from_json (json_node_get_object (node), &weights, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (weights.part[WB_MATCH_PART_COMPETENCES], ==, 0.6);
  g_assert_cmpfloat (weights.part[WB_MATCH_PART_TRAVEL], ==, 0);
  g_assert_cmpfloat (weights.part[WB_MATCH_PART_EDUCATION], ==, 0.1);
  back = wb_match_weights_to_json (&weights);
  g_assert_cmpfloat (json_object_get_double_member (back, "competences"), ==, 0.6);
  g_assert_false (wb_match_weights_from_json (json_node_get_object (bad), &weights, &error));
  g_assert_error (error, WB_MATCH_ERROR, WB_MATCH_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (wb_match_weights_from_json (json_node_get_object (zero), &weights, &error));
  g_assert_error (error, WB_MATCH_ERROR, WB_MATCH_ERROR_INVALID);
}

static void
test_inactive_and_unknown (void)
{
  g_autoptr(WbMatchEngine) engine = hand_engine ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ranked = NULL;
  WbMatchVacancy v;
  WbMatchCandidate c;

  warehouse_vacancy (&v, 100);
  wb_match_engine_set_vacancy (engine, &v);
  good_candidate (&c, 1);
  wb_match_engine_set_client (engine, &c);
  g_assert_true (wb_match_engine_has_client (engine, 1));
  c.status = "outflow";
  wb_match_engine_set_client (engine, &c);
  g_assert_false (wb_match_engine_has_client (engine, 1));
  ranked = wb_match_engine_rank_candidates (engine, 100, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ranked->len, ==, 0);

  g_assert_null (wb_match_engine_rank_candidates (engine, 999, NULL, &error));
  g_assert_error (error, WB_MATCH_ERROR, WB_MATCH_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (wb_match_engine_rank_vacancies (engine, 1, NULL, &error));
  g_assert_error (error, WB_MATCH_ERROR, WB_MATCH_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A vacancy that is no longer open is not offered to clients, but can be ranked. */
  good_candidate (&c, 2);
  wb_match_engine_set_client (engine, &c);
  v.status = "filled";
  wb_match_engine_set_vacancy (engine, &v);
  g_clear_pointer (&ranked, g_ptr_array_unref);
  ranked = wb_match_engine_rank_vacancies (engine, 2, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ranked->len, ==, 0);
  g_clear_pointer (&ranked, g_ptr_array_unref);
  ranked = wb_match_engine_rank_candidates (engine, 100, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ranked->len, ==, 1);
}

/* Generated data against a brute-force reference */

#define N_COMPETENCES 60
#define N_OCCUPATIONS 15
#define N_AREAS 25
#define N_ORGS 5

static const char * const education_names[] = {
  "none", "primary", "vmbo", "mbo1", "mbo2", "mbo3", "mbo4", "havo_vwo", "hbo", "wo"
};
static const int education_ranks[] = { 0, 1, 2, 3, 4, 5, 6, 6, 7, 8 };
static const char * const transport_names[] = { "none", "walking", "bicycle", "public_transport", "scooter", "car" };
static const char * const phase_names[] = {
  "intake", "diagnosis", "activation", "development", "work_ready", "placed", "after_care", "outflow"
};
static const double phase_credit[] = { 0.2, 0.2, 0.4, 0.7, 1.0, 0.5, 0.5, 0.0 };
static const char * const track_names[] = { "activering", "plaatsing" };
static const double track_credit[] = { 0.4, 1.0 };
static const char * const motivation_names[] = { "low", "medium", "high" };
static const double motivation_credit[] = { 0.3, 0.6, 1.0 };
static const char * const sector_names[] = { "care", "logistics", "retail", "technology", "cleaning", "hospitality" };

typedef struct {
  gint64 id;
  gint64 org;
  gboolean active;
  int area;          /* index in the areas; -1 no pc4; N_AREAS: a pc4 without a centre */
  int education, transport, max_km, hours, capacity;
  gboolean licence, in_pool;
  int phase, track, motivation;
  char diagnosis[11];  /* "" none */
  GArray *levels;      /* WbMatchLevel, one per competence */
  GArray *occupations; /* gint64 */
  guint sectors;       /* bits over sector_names */
} TCand;

typedef struct {
  gint64 id;
  gint64 org;
  gboolean open;
  int area;
  int education;   /* -1: none asked */
  int hours, sector;
  gboolean licence, wcs;
  GArray *reqs;    /* WbMatchRequirement, one per competence */
} TVac;

typedef struct {
  GRand *rand;
  double lat[N_AREAS], lon[N_AREAS];
  GArray *occ_ess[N_OCCUPATIONS];  /* gint64, essential */
  GArray *occ_opt[N_OCCUPATIONS];
  GPtrArray *cands;  /* TCand */
  GPtrArray *vacs;   /* TVac */
  gint64 next_cand, next_vac;
  guint32 today, cutoff;
} World;

static int
area_pc4 (int area)
{
  return area < 0 ? 0 : area == N_AREAS ? 6999 : 6100 + area * 11;
}

static void
tcand_free (TCand *c)
{
  g_array_unref (c->levels);
  g_array_unref (c->occupations);
  g_free (c);
}

static void
tvac_free (TVac *v)
{
  g_array_unref (v->reqs);
  g_free (v);
}

static gboolean
chance (World  *w,
        double  p)
{
  return g_rand_double (w->rand) < p;
}

static int
pick (World *w,
      int    n)
{
  return g_rand_int_range (w->rand, 0, n);
}

/* -1 (not known) with chance @missing, else an index below @n. */
static int
maybe (World  *w,
       double  missing,
       int     n)
{
  return chance (w, missing) ? -1 : pick (w, n);
}

static gint64
competence_id (int index)
{
  return 1001 + index;
}

static void
random_candidate (World *w,
                  TCand *c)
{
  guint n;

  c->org = 1 + pick (w, N_ORGS);
  c->active = !chance (w, 0.08);
  c->area = chance (w, 0.05) ? -1 : chance (w, 0.03) ? N_AREAS : pick (w, N_AREAS);
  c->education = maybe (w, 0.15, G_N_ELEMENTS (education_names));
  c->transport = maybe (w, 0.2, G_N_ELEMENTS (transport_names));
  c->max_km = chance (w, 0.4) ? -1 : pick (w, 40);
  c->hours = chance (w, 0.15) ? -1 : pick (w, 41);
  c->capacity = chance (w, 0.15) ? -1 : pick (w, 101);
  c->licence = chance (w, 0.4);
  c->in_pool = chance (w, 0.05);
  c->phase = maybe (w, 0.1, G_N_ELEMENTS (phase_names));
  c->track = maybe (w, 0.2, G_N_ELEMENTS (track_names));
  c->motivation = maybe (w, 0.2, G_N_ELEMENTS (motivation_names));
  if (chance (w, 0.15))
    c->diagnosis[0] = '\0';
  else
    g_snprintf (c->diagnosis, sizeof c->diagnosis, "20%02d-%02d-%02d", 23 + pick (w, 4), 1 + pick (w, 12), 1 + pick (w, 28));

  g_array_set_size (c->levels, 0);
  n = chance (w, 0.1) ? 0 : (guint) pick (w, 10);
  for (guint i = 0; i < n; i++)
    {
      WbMatchLevel level = { competence_id (pick (w, N_COMPETENCES)), 1 + pick (w, 5) };
      gboolean taken = FALSE;

      for (guint k = 0; k < c->levels->len; k++)
        taken |= g_array_index (c->levels, WbMatchLevel, k).competence_id == level.competence_id;
      if (!taken)
        g_array_append_val (c->levels, level);
    }
  g_array_set_size (c->occupations, 0);
  n = (guint) pick (w, 3);
  for (guint i = 0; i < n; i++)
    {
      /* One in ten names an occupation the engine does not know. */
      gint64 occupation = chance (w, 0.1) ? 999 : 501 + pick (w, N_OCCUPATIONS);

      g_array_append_val (c->occupations, occupation);
    }
  c->sectors = 0;
  for (guint i = 0; i < G_N_ELEMENTS (sector_names); i++)
    if (chance (w, 0.2))
      c->sectors |= 1u << i;
}

static void
random_vacancy (World *w,
                TVac  *v)
{
  guint n;

  v->org = 1 + pick (w, N_ORGS);
  v->open = chance (w, 0.85);
  v->area = chance (w, 0.05) ? -1 : pick (w, N_AREAS);
  v->education = chance (w, 0.3) ? -1 : pick (w, G_N_ELEMENTS (education_names));
  v->hours = 4 + pick (w, 37);
  v->sector = pick (w, G_N_ELEMENTS (sector_names));
  v->licence = chance (w, 0.1);
  v->wcs = chance (w, 0.25);
  g_array_set_size (v->reqs, 0);
  n = chance (w, 0.04) ? 0 : 1 + (guint) pick (w, 8);
  for (guint i = 0; i < n; i++)
    {
      WbMatchRequirement req = { competence_id (pick (w, N_COMPETENCES)), pick (w, 6), chance (w, 0.6) };
      gboolean taken = FALSE;

      for (guint k = 0; k < v->reqs->len; k++)
        taken |= g_array_index (v->reqs, WbMatchRequirement, k).competence_id == req.competence_id;
      if (!taken)
        g_array_append_val (v->reqs, req);
    }
}

static void
random_occupation (World *w,
                   guint  o)
{
  guint n_ess = 2 + (guint) pick (w, 6), n_opt = (guint) pick (w, 4);

  g_array_set_size (w->occ_ess[o], 0);
  g_array_set_size (w->occ_opt[o], 0);
  for (guint i = 0; i < n_ess + n_opt; i++)
    {
      gint64 id = competence_id (pick (w, N_COMPETENCES));

      g_array_append_val (i < n_ess ? w->occ_ess[o] : w->occ_opt[o], id);
    }
}

static guint32
julian (const char *date)
{
  GDate d;

  g_date_clear (&d, 1);
  g_date_set_parse (&d, date);
  g_assert_true (g_date_valid (&d));
  return g_date_get_julian (&d);
}

static World *
world_new (guint32 seed,
           guint   n_cands,
           guint   n_vacs)
{
  World *w = g_new0 (World, 1);
  GDate d;

  w->rand = g_rand_new_with_seed (seed);
  for (guint a = 0; a < N_AREAS; a++)
    {
      /* Spread over South Limburg and a little beyond: up to about 60 km apart. */
      w->lat[a] = 50.75 + g_rand_double (w->rand) * 0.4;
      w->lon[a] = 5.65 + g_rand_double (w->rand) * 0.5;
    }
  for (guint o = 0; o < N_OCCUPATIONS; o++)
    {
      w->occ_ess[o] = g_array_new (FALSE, FALSE, sizeof (gint64));
      w->occ_opt[o] = g_array_new (FALSE, FALSE, sizeof (gint64));
      random_occupation (w, o);
    }
  w->cands = g_ptr_array_new_with_free_func ((GDestroyNotify) tcand_free);
  w->vacs = g_ptr_array_new_with_free_func ((GDestroyNotify) tvac_free);
  for (guint i = 0; i < n_cands; i++)
    {
      TCand *c = g_new0 (TCand, 1);

      c->id = ++w->next_cand * 3;  /* ids with holes */
      c->levels = g_array_new (FALSE, FALSE, sizeof (WbMatchLevel));
      c->occupations = g_array_new (FALSE, FALSE, sizeof (gint64));
      random_candidate (w, c);
      g_ptr_array_add (w->cands, c);
    }
  for (guint i = 0; i < n_vacs; i++)
    {
      TVac *v = g_new0 (TVac, 1);

      v->id = 10000 + ++w->next_vac;
      v->reqs = g_array_new (FALSE, FALSE, sizeof (WbMatchRequirement));
      random_vacancy (w, v);
      g_ptr_array_add (w->vacs, v);
    }
  w->today = julian (TODAY);
  g_date_clear (&d, 1);
  g_date_set_julian (&d, w->today);
  g_date_subtract_months (&d, WB_MATCH_DEFAULT_STALE_MONTHS);
  w->cutoff = g_date_get_julian (&d);
  return w;
}

static void
world_free (World *w)
{
  for (guint o = 0; o < N_OCCUPATIONS; o++)
    {
      g_array_unref (w->occ_ess[o]);
      g_array_unref (w->occ_opt[o]);
    }
  g_ptr_array_unref (w->cands);
  g_ptr_array_unref (w->vacs);
  g_rand_free (w->rand);
  g_free (w);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (World, world_free)

static void
world_set_occupation (World         *w,
                      WbMatchEngine *engine,
                      guint          o)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) essential = g_array_new (FALSE, FALSE, sizeof (gboolean));

  for (guint i = 0; i < w->occ_ess[o]->len + w->occ_opt[o]->len; i++)
    {
      gboolean ess = i < w->occ_ess[o]->len;
      gint64 id = ess ? g_array_index (w->occ_ess[o], gint64, i) : g_array_index (w->occ_opt[o], gint64, i - w->occ_ess[o]->len);

      g_array_append_val (ids, id);
      g_array_append_val (essential, ess);
    }
  wb_match_engine_set_occupation_competences (engine, 501 + o, (gint64 *) ids->data, (gboolean *) essential->data, ids->len);
}

static void
world_set_candidate (WbMatchEngine *engine,
                     const TCand   *t)
{
  g_autofree char *pc4 = t->area >= 0 ? g_strdup_printf ("%d", area_pc4 (t->area)) : NULL;
  const char *sectors[G_N_ELEMENTS (sector_names) + 1];
  WbMatchCandidate c;
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (sector_names); i++)
    if (t->sectors & (1u << i))
      sectors[n++] = sector_names[i];
  sectors[n] = NULL;

  wb_match_candidate_init (&c);
  c.id = t->id;
  c.organisation_id = t->org;
  c.status = t->active ? "active" : "outflow";
  c.pc4 = pc4;
  c.education_level = t->education >= 0 ? education_names[t->education] : NULL;
  c.transport = t->transport >= 0 ? transport_names[t->transport] : NULL;
  c.max_travel_km = t->max_km;
  c.hours_available = t->hours;
  c.work_capacity = t->capacity;
  c.driving_licence = t->licence;
  c.in_pool = t->in_pool;
  c.phase = t->phase >= 0 ? phase_names[t->phase] : NULL;
  c.track = t->track >= 0 ? track_names[t->track] : NULL;
  c.motivation = t->motivation >= 0 ? motivation_names[t->motivation] : NULL;
  c.diagnosis_date = t->diagnosis[0] ? t->diagnosis : NULL;
  c.competences = (const WbMatchLevel *) t->levels->data;
  c.n_competences = t->levels->len;
  c.occupations = (const gint64 *) t->occupations->data;
  c.n_occupations = t->occupations->len;
  c.sectors = n > 0 ? sectors : NULL;
  wb_match_engine_set_client (engine, &c);
}

static void
world_set_vacancy (WbMatchEngine *engine,
                   const TVac    *t)
{
  g_autofree char *pc4 = t->area >= 0 ? g_strdup_printf ("%d", area_pc4 (t->area)) : NULL;
  WbMatchVacancy v;

  wb_match_vacancy_init (&v);
  v.id = t->id;
  v.organisation_id = t->org;
  v.status = t->open ? "open" : "filled";
  v.pc4 = pc4;
  v.education_level = t->education >= 0 ? education_names[t->education] : NULL;
  v.hours = t->hours;
  v.sector = sector_names[t->sector];
  v.licence_required = t->licence;
  v.wage_cost_subsidy = t->wcs;
  v.competences = (const WbMatchRequirement *) t->reqs->data;
  v.n_competences = t->reqs->len;
  wb_match_engine_set_vacancy (engine, &v);
}

static WbMatchEngine *
world_engine (World *w)
{
  WbMatchEngine *engine = wb_match_engine_new ();

  wb_match_engine_set_today (engine, TODAY);
  for (guint a = 0; a < N_AREAS; a++)
    {
      g_autofree char *pc4 = g_strdup_printf ("%d", area_pc4 ((int) a));

      g_assert_true (wb_match_engine_set_pc4 (engine, pc4, w->lat[a], w->lon[a]));
    }
  for (guint o = 0; o < N_OCCUPATIONS; o++)
    world_set_occupation (w, engine, o);
  for (guint i = 0; i < w->cands->len; i++)
    world_set_candidate (engine, w->cands->pdata[i]);
  for (guint i = 0; i < w->vacs->len; i++)
    world_set_vacancy (engine, w->vacs->pdata[i]);
  wb_match_engine_build (engine);
  return engine;
}

/* The reference: the score from its definition, one pair at a time, no index. */

typedef struct {
  gint64 id;
  double score;
} Scored;

static double
ref_distance (World       *w,
              const TCand *c,
              const TVac  *v)
{
  if (c->area < 0 || c->area == N_AREAS || v->area < 0 || v->area == N_AREAS)
    return -1;
  return wb_geo_distance_km (w->lat[v->area], w->lon[v->area], w->lat[c->area], w->lon[c->area]);
}

/* The client's level of a competence: the diagnosed level, 0 for inferred only (flagged by
 * *inferred), -1 for neither. */
static int
ref_level (const TCand *c,
           World       *w,
           gint64       competence,
           gboolean    *inferred)
{
  *inferred = FALSE;
  for (guint i = 0; i < c->levels->len; i++)
    if (g_array_index (c->levels, WbMatchLevel, i).competence_id == competence)
      return g_array_index (c->levels, WbMatchLevel, i).level;
  for (guint i = 0; i < c->occupations->len; i++)
    {
      gint64 occupation = g_array_index (c->occupations, gint64, i);

      if (occupation < 501 || occupation >= 501 + N_OCCUPATIONS)
        continue;
      for (guint k = 0; k < w->occ_ess[occupation - 501]->len; k++)
        if (g_array_index (w->occ_ess[occupation - 501], gint64, k) == competence)
          *inferred = TRUE;
    }
  return *inferred ? 0 : -1;
}

static double
ref_score (World                *w,
           const TCand          *c,
           const TVac           *v,
           const WbMatchWeights *weights,
           guint                *n_essential_missing,
           double               *distance_out)
{
  double credit[WB_MATCH_N_PARTS];
  double have = 0, asked = 0, wsum = 0, sum = 0, distance, reach;
  guint missing = 0;

  /* Competences */
  for (guint i = 0; i < v->reqs->len; i++)
    {
      const WbMatchRequirement *req = &g_array_index (v->reqs, WbMatchRequirement, i);
      double weight = req->essential ? 2 : 1;
      int required = MAX (req->level, 1);
      gboolean inferred;
      int level = ref_level (c, w, req->competence_id, &inferred);

      asked += weight;
      if (inferred)
        have += weight * WB_MATCH_INFERRED_CREDIT;
      else if (level >= required)
        have += weight;
      else if (level > 0)
        have += weight * level / required;
      else if (req->essential)
        missing++;
    }
  if (v->licence)
    {
      asked += 2;
      if (c->licence)
        have += 2;
      else
        missing++;
    }
  credit[WB_MATCH_PART_COMPETENCES] = asked == 0 ? WB_MATCH_UNKNOWN_CREDIT : have / asked;

  /* Education */
  if (v->education < 0 || education_ranks[v->education] == 0)
    credit[WB_MATCH_PART_EDUCATION] = 1;
  else if (c->education < 0)
    credit[WB_MATCH_PART_EDUCATION] = WB_MATCH_UNKNOWN_CREDIT;
  else
    {
      int diff = education_ranks[v->education] - education_ranks[c->education];

      credit[WB_MATCH_PART_EDUCATION] = diff <= 0 ? 1 : diff == 1 ? 0.6 : diff == 2 ? 0.3 : 0.1;
    }

  /* Travel */
  distance = ref_distance (w, c, v);
  reach = c->max_km >= 0 ? MAX (c->max_km, 1)
        : c->transport >= 0 ? wb_geo_default_reach_km (transport_names[c->transport]) : WB_MATCH_DEFAULT_REACH_KM;
  if (distance < 0)
    credit[WB_MATCH_PART_TRAVEL] = WB_MATCH_UNKNOWN_CREDIT;
  else if (distance <= reach)
    credit[WB_MATCH_PART_TRAVEL] = 1 - 0.3 * distance / reach;
  else
    credit[WB_MATCH_PART_TRAVEL] = MAX (0.05, 0.7 - 0.5 * (distance - reach) / reach);

  /* Hours */
  if (c->hours < 0)
    credit[WB_MATCH_PART_HOURS] = WB_MATCH_UNKNOWN_CREDIT;
  else
    credit[WB_MATCH_PART_HOURS] = c->hours >= v->hours ? 1 : (double) c->hours / v->hours;

  /* Capacity */
  if (c->capacity < 0)
    credit[WB_MATCH_PART_CAPACITY] = WB_MATCH_UNKNOWN_CREDIT;
  else if (c->capacity >= 80)
    credit[WB_MATCH_PART_CAPACITY] = 1;
  else if (c->capacity >= 30)
    credit[WB_MATCH_PART_CAPACITY] = v->wcs ? 0.9 : 0.5;
  else
    credit[WB_MATCH_PART_CAPACITY] = v->wcs ? 0.4 : 0.2;

  /* Sector */
  if (c->sectors == 0)
    credit[WB_MATCH_PART_SECTOR] = WB_MATCH_UNKNOWN_CREDIT;
  else
    credit[WB_MATCH_PART_SECTOR] = (c->sectors & (1u << v->sector)) ? 1 : 0.5;

  /* Readiness */
  {
    double phase = c->in_pool ? 1 : c->phase < 0 ? WB_MATCH_UNKNOWN_CREDIT : phase_credit[c->phase];
    double track = c->track < 0 ? WB_MATCH_UNKNOWN_CREDIT : track_credit[c->track];
    double motivation = c->motivation < 0 ? WB_MATCH_UNKNOWN_CREDIT : motivation_credit[c->motivation];
    double diagnosis = c->diagnosis[0] == '\0' ? 0 : julian (c->diagnosis) < w->cutoff ? 0.4 : 1;

    credit[WB_MATCH_PART_READINESS] = 0.4 * phase + 0.2 * track + 0.2 * motivation + 0.2 * diagnosis;
  }

  for (guint i = 0; i < WB_MATCH_N_PARTS; i++)
    {
      sum += weights->part[i] * credit[i];
      wsum += weights->part[i];
    }
  if (n_essential_missing != NULL)
    *n_essential_missing = missing;
  if (distance_out != NULL)
    *distance_out = distance;
  return sum / wsum;
}

/* Whether any competence of the client is known: diagnosed, or inferred from work in an
 * occupation with essential competences. */
static gboolean
ref_knows_competences (World       *w,
                       const TCand *c)
{
  if (c->levels->len > 0)
    return TRUE;
  for (guint i = 0; i < c->occupations->len; i++)
    {
      gint64 occupation = g_array_index (c->occupations, gint64, i);

      if (occupation >= 501 && occupation < 501 + N_OCCUPATIONS && w->occ_ess[occupation - 501]->len > 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
ref_asks_competences (const TVac *v)
{
  for (guint i = 0; i < v->reqs->len; i++)
    if (g_array_index (v->reqs, WbMatchRequirement, i).essential)
      return TRUE;
  return FALSE;
}

static int
compare_scored (gconstpointer a,
                gconstpointer b)
{
  const Scored *x = a, *y = b;

  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id ? 1 : 0;
}

static gboolean
ref_keep (World                *w,
          const TCand          *c,
          const TVac           *v,
          const WbMatchOptions *options,
          gboolean              for_client)
{
  guint missing;
  double distance;

  if (!c->active)
    return FALSE;
  if (for_client && !v->open)
    return FALSE;
  if (options->organisation_id > 0 && (for_client ? v->org : c->org) != options->organisation_id)
    return FALSE;
  if (options->pool_only && !c->in_pool)
    return FALSE;
  ref_score (w, c, v, &options->weights, &missing, &distance);
  /* Of a client whose competences are all unknown, nothing is known to be missing. */
  if (options->near_misses_only && (missing < 1 || missing > 2 || (!ref_knows_competences (w, c) && ref_asks_competences (v))))
    return FALSE;
  if (options->max_km > 0 && (distance < 0 || distance > options->max_km))
    return FALSE;
  return TRUE;
}

/* The engine's list must be the reference's best, in order; equal scores (within rounding
 * of the sum) may come in either order at the cut. */
static void
assert_same_top (GArray    *reference,
                 GPtrArray *results,
                 guint      limit,
                 gboolean   by_vacancy)
{
  g_autoptr(GHashTable) engine_ids = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) ref_scores = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint n = MIN (limit, reference->len);

  g_array_sort (reference, compare_scored);
  g_assert_cmpuint (results->len, ==, n);
  for (guint i = 0; i < reference->len; i++)
    g_hash_table_insert (ref_scores, &g_array_index (reference, Scored, i).id, &g_array_index (reference, Scored, i).score);
  for (guint i = 0; i < n; i++)
    {
      WbMatchResult *r = results->pdata[i];
      gint64 *id = by_vacancy ? &r->vacancy_id : &r->client_id;
      double *expected = g_hash_table_lookup (ref_scores, id);

      g_assert_nonnull (expected);
      g_assert_cmpfloat_with_epsilon (r->score, *expected, EPSILON);
      g_assert_cmpfloat_with_epsilon (r->score, g_array_index (reference, Scored, i).score, EPSILON);
      if (i > 0)
        g_assert_cmpfloat (r->score, <=, ((WbMatchResult *) results->pdata[i - 1])->score);
      g_hash_table_add (engine_ids, id);
    }
  for (guint i = 0; i < n; i++)
    {
      const Scored *s = &g_array_index (reference, Scored, i);

      if (s->score > g_array_index (reference, Scored, n - 1).score + EPSILON)
        g_assert_true (g_hash_table_contains (engine_ids, &s->id));
    }
}

static void
check_candidates_against_reference (World                *w,
                                    WbMatchEngine        *engine,
                                    const WbMatchOptions *options)
{
  for (guint j = 0; j < w->vacs->len; j++)
    {
      const TVac *v = w->vacs->pdata[j];
      g_autoptr(GArray) reference = g_array_new (FALSE, FALSE, sizeof (Scored));
      g_autoptr(GPtrArray) results = NULL;
      g_autoptr(GError) error = NULL;

      for (guint i = 0; i < w->cands->len; i++)
        {
          const TCand *c = w->cands->pdata[i];

          if (ref_keep (w, c, v, options, FALSE))
            {
              Scored s = { c->id, ref_score (w, c, v, &options->weights, NULL, NULL) };

              g_array_append_val (reference, s);
            }
        }
      results = wb_match_engine_rank_candidates (engine, v->id, options, &error);
      g_assert_no_error (error);
      assert_same_top (reference, results, options->limit, FALSE);
    }
}

static void
check_vacancies_against_reference (World                *w,
                                   WbMatchEngine        *engine,
                                   const WbMatchOptions *options,
                                   guint                 step)
{
  for (guint i = 0; i < w->cands->len; i += step)
    {
      const TCand *c = w->cands->pdata[i];
      g_autoptr(GArray) reference = g_array_new (FALSE, FALSE, sizeof (Scored));
      g_autoptr(GPtrArray) results = NULL;
      g_autoptr(GError) error = NULL;

      if (!c->active)
        continue;
      for (guint j = 0; j < w->vacs->len; j++)
        {
          const TVac *v = w->vacs->pdata[j];

          if (ref_keep (w, c, v, options, TRUE))
            {
              Scored s = { v->id, ref_score (w, c, v, &options->weights, NULL, NULL) };

              g_array_append_val (reference, s);
            }
        }
      results = wb_match_engine_rank_vacancies (engine, c->id, options, &error);
      g_assert_no_error (error);
      assert_same_top (reference, results, options->limit, TRUE);
    }
}

static void
option_sets (guint           i,
             WbMatchOptions *options)
{
  wb_match_options_init (options);
  switch (i)
    {
    case 0:
      break;
    case 1:
      /* Competences only: many equal scores, the hard case for the early stop. */
      memset (&options->weights, 0, sizeof options->weights);
      options->weights.part[WB_MATCH_PART_COMPETENCES] = 1;
      break;
    case 2:
      options->weights.part[WB_MATCH_PART_COMPETENCES] = 0.05;
      options->weights.part[WB_MATCH_PART_TRAVEL] = 0.9;
      options->max_km = 25;
      break;
    case 3:
      options->organisation_id = 2;
      options->limit = 10;
      break;
    case 4:
      options->near_misses_only = TRUE;
      options->limit = 200;
      break;
    case 5:
      /* Nothing on competences: every candidate is in the running. */
      options->weights.part[WB_MATCH_PART_COMPETENCES] = 0;
      options->explain = FALSE;
      options->limit = 7;
      break;
    case 6:
      options->pool_only = TRUE;
      options->limit = 30;
      break;
    default:
      g_assert_not_reached ();
    }
}

#define N_OPTION_SETS 7

static void
test_engine_equals_reference (void)
{
  g_autoptr(World) w = world_new (20261101, 4000, 120);
  g_autoptr(WbMatchEngine) engine = world_engine (w);
  WbMatchStats stats;

  wb_match_engine_get_stats (engine, &stats);
  g_assert_cmpuint (stats.n_vacancies, ==, w->vacs->len);
  g_assert_cmpuint (stats.n_occupations, ==, N_OCCUPATIONS);
  g_assert_cmpuint (stats.n_pairs, >, 0);
  g_assert_cmpuint (stats.n_inferred_pairs, >, 0);
  g_assert_cmpuint (stats.n_inferred_pairs, <, stats.n_pairs);
  /* Built exactly: 4 bytes of client and 4 of posting list for each pair. */
  g_assert_cmpuint (stats.index_bytes, ==, stats.n_pairs * 8);
  g_assert_cmpuint (stats.memory_bytes, >, stats.index_bytes);

  for (guint i = 0; i < N_OPTION_SETS; i++)
    {
      WbMatchOptions options;

      option_sets (i, &options);
      check_candidates_against_reference (w, engine, &options);
      check_vacancies_against_reference (w, engine, &options, 17);
    }
}

static void
assert_same_results (GPtrArray *a,
                     GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      WbMatchResult *x = a->pdata[i], *y = b->pdata[i];

      g_assert_cmpint (x->client_id, ==, y->client_id);
      g_assert_cmpint (x->vacancy_id, ==, y->vacancy_id);
      g_assert_cmpfloat (x->score, ==, y->score);
      g_assert_cmpuint (x->n_essential_missing, ==, y->n_essential_missing);
      g_assert_cmpuint (x->gap->len, ==, y->gap->len);
      g_assert_cmpuint (x->inferred->len, ==, y->inferred->len);
    }
}

static void
assert_engines_agree (World         *w,
                      WbMatchEngine *a,
                      WbMatchEngine *b)
{
  WbMatchOptions options;
  WbMatchStats sa, sb;

  wb_match_engine_get_stats (a, &sa);
  wb_match_engine_get_stats (b, &sb);
  g_assert_cmpuint (sa.n_clients, ==, sb.n_clients);
  g_assert_cmpuint (sa.n_vacancies, ==, sb.n_vacancies);
  g_assert_cmpuint (sa.n_open_vacancies, ==, sb.n_open_vacancies);
  g_assert_cmpuint (sa.n_pairs, ==, sb.n_pairs);
  g_assert_cmpuint (sa.n_inferred_pairs, ==, sb.n_inferred_pairs);

  wb_match_options_init (&options);
  for (guint j = 0; j < w->vacs->len; j++)
    {
      const TVac *v = w->vacs->pdata[j];
      g_autoptr(GPtrArray) ra = wb_match_engine_rank_candidates (a, v->id, &options, NULL);
      g_autoptr(GPtrArray) rb = wb_match_engine_rank_candidates (b, v->id, &options, NULL);

      g_assert_nonnull (ra);
      g_assert_nonnull (rb);
      assert_same_results (ra, rb);
    }
  for (guint i = 0; i < w->cands->len; i += 7)
    {
      const TCand *c = w->cands->pdata[i];
      g_autoptr(GPtrArray) ra = NULL;
      g_autoptr(GPtrArray) rb = NULL;

      g_assert_cmpint (wb_match_engine_has_client (a, c->id), ==, c->active);
      g_assert_cmpint (wb_match_engine_has_client (b, c->id), ==, c->active);
      if (!c->active)
        continue;
      ra = wb_match_engine_rank_vacancies (a, c->id, &options, NULL);
      rb = wb_match_engine_rank_vacancies (b, c->id, &options, NULL);
      assert_same_results (ra, rb);
    }
}

/* Changes one at a time, with rankings in between so that the posting lists are changed in
 * place as well as rebuilt, give the same answers as an engine built from the end state. */
static void
test_index_follows_changes (void)
{
  g_autoptr(World) w = world_new (4242, 2500, 80);
  g_autoptr(WbMatchEngine) live = world_engine (w);
  g_autoptr(WbMatchEngine) fresh = NULL;
  guint n_removed = 0;

  for (guint step = 0; step < 3000; step++)
    {
      int what = pick (w, 100);

      if (what < 40)
        {
          /* A client changes: new diagnosis, other data, maybe leaves. */
          TCand *c = w->cands->pdata[pick (w, w->cands->len)];

          random_candidate (w, c);
          world_set_candidate (live, c);
        }
      else if (what < 50 && w->cands->len > 100)
        {
          guint i = pick (w, w->cands->len);
          TCand *c = w->cands->pdata[i];

          g_assert_cmpint (wb_match_engine_remove_client (live, c->id), ==, c->active);
          g_ptr_array_remove_index_fast (w->cands, i);
          n_removed++;
        }
      else if (what < 65)
        {
          TCand *c = g_new0 (TCand, 1);

          c->id = ++w->next_cand * 3;
          c->levels = g_array_new (FALSE, FALSE, sizeof (WbMatchLevel));
          c->occupations = g_array_new (FALSE, FALSE, sizeof (gint64));
          random_candidate (w, c);
          g_ptr_array_add (w->cands, c);
          world_set_candidate (live, c);
        }
      else if (what < 80)
        {
          TVac *v = w->vacs->pdata[pick (w, w->vacs->len)];

          random_vacancy (w, v);
          world_set_vacancy (live, v);
        }
      else if (what < 85 && w->vacs->len > 10)
        {
          guint i = pick (w, w->vacs->len);

          g_assert_true (wb_match_engine_remove_vacancy (live, ((TVac *) w->vacs->pdata[i])->id));
          g_ptr_array_remove_index_fast (w->vacs, i);
        }
      else if (what < 92)
        {
          TVac *v = g_new0 (TVac, 1);

          v->id = 10000 + ++w->next_vac;
          v->reqs = g_array_new (FALSE, FALSE, sizeof (WbMatchRequirement));
          random_vacancy (w, v);
          g_ptr_array_add (w->vacs, v);
          world_set_vacancy (live, v);
        }
      else if (what < 94)
        {
          /* The taxonomy changes: what work experience implies changes with it. */
          guint o = pick (w, N_OCCUPATIONS);

          random_occupation (w, o);
          world_set_occupation (w, live, o);
        }
      else
        {
          /* A ranking in between keeps the index built. */
          TVac *v = w->vacs->pdata[pick (w, w->vacs->len)];
          g_autoptr(GPtrArray) results = wb_match_engine_rank_candidates (live, v->id, NULL, NULL);

          g_assert_nonnull (results);
        }
    }
  g_assert_cmpuint (n_removed, >, 0);

  fresh = world_engine (w);
  assert_engines_agree (w, live, fresh);

  /* And both still agree with the definition. */
  {
    WbMatchOptions options;

    wb_match_options_init (&options);
    check_candidates_against_reference (w, live, &options);
  }
}

/* Every open vacancy against every client at once gives each vacancy's own ranking. */
static void
test_cross_match (void)
{
  g_autoptr(World) w = world_new (99, 1500, 60);
  g_autoptr(WbMatchEngine) engine = world_engine (w);
  g_autoptr(GPtrArray) cross = NULL;
  g_autoptr(GError) error = NULL;
  WbMatchOptions options;
  WbMatchStats stats;
  gint64 last = 0;

  wb_match_options_init (&options);
  options.limit = 20;
  cross = wb_match_engine_cross_match (engine, &options, &error);
  g_assert_no_error (error);
  wb_match_engine_get_stats (engine, &stats);
  g_assert_cmpuint (cross->len, ==, stats.n_open_vacancies);
  for (guint i = 0; i < cross->len; i++)
    {
      WbMatchCrossEntry *entry = cross->pdata[i];
      g_autoptr(GPtrArray) one = wb_match_engine_rank_candidates (engine, entry->vacancy_id, &options, &error);

      g_assert_no_error (error);
      g_assert_cmpint (entry->vacancy_id, >, last);
      last = entry->vacancy_id;
      assert_same_results (entry->results, one);
    }
}

/* Quality on the real ESCO links */

/* One line of a CSV file with double-quoted fields. */
static GPtrArray *
split_csv_line (const char *line)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = line;; p++)
    {
      if (quoted)
        {
          if (*p == '\0')
            break;
          if (*p == '"' && p[1] == '"')
            {
              g_string_append_c (field, '"');
              p++;
            }
          else if (*p == '"')
            quoted = FALSE;
          else
            g_string_append_c (field, *p);
          continue;
        }
      if (*p == '"')
        quoted = TRUE;
      else if (*p == ',' || *p == '\0' || *p == '\r')
        {
          g_ptr_array_add (fields, g_strdup (field->str));
          g_string_truncate (field, 0);
          if (*p != ',')
            break;
        }
      else
        g_string_append_c (field, *p);
    }
  g_string_free (field, TRUE);
  return fields;
}

typedef struct {
  GArray *essential;  /* gint64 competence ids */
  GArray *optional;
} EscoOccupation;

static void
esco_occupation_free (EscoOccupation *o)
{
  g_array_unref (o->essential);
  g_array_unref (o->optional);
  g_free (o);
}

static void
sample (GRand  *rand,
        GArray *from,
        guint   n,
        GArray *into)
{
  g_autoptr(GArray) copy = g_array_copy (from);

  for (guint i = 0; i < n && copy->len > 0; i++)
    {
      guint k = g_rand_int_range (rand, 0, copy->len);

      g_array_append_val (into, g_array_index (copy, gint64, k));
      g_array_remove_index_fast (copy, k);
    }
}

#define VACANCIES_PER_OCCUPATION 3
#define N_QUALITY_CANDIDATES 600
#define FLOOR_RECALL 0.75
#define FLOOR_RECALL_INFERRED 0.80

static void
test_quality_on_esco (void)
{
  const char *data = wb_test_shared_data ();
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  const char *line, *end;
  g_autoptr(GHashTable) skills = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) occupation_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) occupations = g_ptr_array_new_with_free_func ((GDestroyNotify) esco_occupation_free);
  g_autoptr(GArray) usable = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) all_skills = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(WbMatchEngine) engine = wb_match_engine_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  static const char * const sector[] = { "technology", NULL };
  double found = 0, found_inferred = 0;
  guint n_candidates = 0;

  if (data == NULL)
    return;
  path = g_build_filename (data, "esco", "occupation_skills.csv", NULL);
  if (!g_file_get_contents (path, &text, &length, &error))
    {
      g_test_skip (error->message);
      return;
    }

  /* occupationUri,occupationLabelNl,iscoGroup,relationType,skillLabelEn,skillUri,skillLabelNl:
   * every link has the English label of its skill, so that names the skill. Lines are
   * found with memchr: g_strsplit and strstr would measure the rest of the 20 MB text for
   * every line under AddressSanitizer. */
  g_assert_true (g_str_has_prefix (text, "occupationUri,"));
  end = text + length;
  line = memchr (text, '\n', length);
  for (line = line != NULL ? line + 1 : end; line < end;)
    {
      const char *next = memchr (line, '\n', (gsize) (end - line));
      g_autofree char *copy = g_strndup (line, (gsize) ((next != NULL ? next : end) - line));
      g_autoptr(GPtrArray) f = NULL;
      EscoOccupation *o;
      gpointer index, skill;
      gint64 id;

      line = next != NULL ? next + 1 : end;
      if (copy[0] == '\0')
        continue;
      f = split_csv_line (copy);
      g_assert_cmpuint (f->len, ==, 7);
      if (!g_hash_table_lookup_extended (occupation_index, f->pdata[0], NULL, &index))
        {
          o = g_new0 (EscoOccupation, 1);
          o->essential = g_array_new (FALSE, FALSE, sizeof (gint64));
          o->optional = g_array_new (FALSE, FALSE, sizeof (gint64));
          index = GUINT_TO_POINTER (occupations->len);
          g_ptr_array_add (occupations, o);
          g_hash_table_insert (occupation_index, g_strdup (f->pdata[0]), index);
        }
      o = occupations->pdata[GPOINTER_TO_UINT (index)];
      if (!g_hash_table_lookup_extended (skills, f->pdata[4], NULL, &skill))
        {
          skill = GSIZE_TO_POINTER (g_hash_table_size (skills) + 1);
          g_hash_table_insert (skills, g_strdup (f->pdata[4]), skill);
          id = (gint64) GPOINTER_TO_SIZE (skill);
          g_array_append_val (all_skills, id);
          wb_match_engine_set_competence_label (engine, id, f->pdata[4]);
        }
      id = (gint64) GPOINTER_TO_SIZE (skill);
      g_array_append_val (g_str_equal (f->pdata[3], "essential") ? o->essential : o->optional, id);
    }
  g_assert_cmpuint (occupations->len, >, 2500);
  g_assert_cmpuint (g_hash_table_size (skills), >, 10000);

  /* Occupations with enough essential skills to say something: three vacancies each, asking
   * up to eight of the essential skills (at level 2) and up to three optional ones. */
  for (guint o = 0; o < occupations->len; o++)
    {
      EscoOccupation *occ = occupations->pdata[o];

      wb_match_engine_set_occupation_competences (engine, 100000 + o, (gint64 *) occ->essential->data, NULL,
                                                  occ->essential->len);
      if (occ->essential->len < 6)
        continue;
      g_array_append_val (usable, o);
      for (guint k = 0; k < VACANCIES_PER_OCCUPATION; k++)
        {
          g_autoptr(GArray) ess = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_autoptr(GArray) opt = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_autoptr(GArray) reqs = g_array_new (FALSE, FALSE, sizeof (WbMatchRequirement));
          WbMatchVacancy v;

          sample (rand, occ->essential, 8, ess);
          sample (rand, occ->optional, 3, opt);
          for (guint r = 0; r < ess->len + opt->len; r++)
            {
              gboolean is_ess = r < ess->len;
              WbMatchRequirement req = { is_ess ? g_array_index (ess, gint64, r) : g_array_index (opt, gint64, r - ess->len),
                                         2, is_ess };

              g_array_append_val (reqs, req);
            }
          wb_match_vacancy_init (&v);
          v.id = (gint64) o * VACANCIES_PER_OCCUPATION + k + 1;
          v.hours = 32;
          v.sector = "technology";
          v.competences = (WbMatchRequirement *) reqs->data;
          v.n_competences = reqs->len;
          wb_match_engine_set_vacancy (engine, &v);
        }
    }
  g_test_message ("%u occupations, %u with six or more essential skills, %u vacancies",
                  occupations->len, usable->len, usable->len * VACANCIES_PER_OCCUPATION);

  /* Candidates of a random usable occupation: its essential skills with 30 % taken away and
   * 20 % noise from all skills added, levels 2 to 5; everything else the same for all. A
   * second candidate of the same occupation has only worked in it: all inferred. */
  for (guint n = 0; n < N_QUALITY_CANDIDATES; n++)
    {
      guint o = g_array_index (usable, guint, g_rand_int_range (rand, 0, usable->len));
      EscoOccupation *occ = occupations->pdata[o];
      g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GArray) noise = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GArray) levels = g_array_new (FALSE, FALSE, sizeof (WbMatchLevel));
      g_autoptr(GPtrArray) top = NULL;
      g_autoptr(GPtrArray) top_inferred = NULL;
      gint64 occupation = 100000 + o;
      guint n_keep = occ->essential->len - occ->essential->len * 3 / 10;
      guint hits = 0;
      WbMatchOptions options;
      WbMatchCandidate c;

      sample (rand, occ->essential, n_keep, kept);
      sample (rand, all_skills, MAX (1, occ->essential->len / 5), noise);
      for (guint i = 0; i < kept->len + noise->len; i++)
        {
          WbMatchLevel level = { i < kept->len ? g_array_index (kept, gint64, i) : g_array_index (noise, gint64, i - kept->len),
                                 g_rand_int_range (rand, 2, 6) };

          g_array_append_val (levels, level);
        }
      wb_match_candidate_init (&c);
      c.id = 2 * n + 1;
      c.hours_available = 32;
      c.work_capacity = 100;
      c.phase = "work_ready";
      c.sectors = sector;
      c.competences = (WbMatchLevel *) levels->data;
      c.n_competences = levels->len;
      wb_match_engine_set_client (engine, &c);
      wb_match_candidate_init (&c);
      c.id = 2 * n + 2;
      c.hours_available = 32;
      c.work_capacity = 100;
      c.phase = "work_ready";
      c.sectors = sector;
      c.occupations = &occupation;
      c.n_occupations = 1;
      wb_match_engine_set_client (engine, &c);

      wb_match_options_init (&options);
      options.limit = 10;
      options.explain = FALSE;
      top = wb_match_engine_rank_vacancies (engine, 2 * n + 1, &options, &error);
      g_assert_no_error (error);
      top_inferred = wb_match_engine_rank_vacancies (engine, 2 * n + 2, &options, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < top->len; i++)
        hits += (((WbMatchResult *) top->pdata[i])->vacancy_id - 1) / VACANCIES_PER_OCCUPATION == o;
      found += (double) hits / VACANCIES_PER_OCCUPATION;
      hits = 0;
      for (guint i = 0; i < top_inferred->len; i++)
        hits += (((WbMatchResult *) top_inferred->pdata[i])->vacancy_id - 1) / VACANCIES_PER_OCCUPATION == o;
      found_inferred += (double) hits / VACANCIES_PER_OCCUPATION;
      n_candidates++;
    }

  {
    double recall = found / n_candidates, recall_inferred = found_inferred / n_candidates;

    /* TAP comments, in every run. */
    g_test_message ("recall@10 = %.2f", recall);
    g_test_message ("recall@10 (inferred from work experience only) = %.2f", recall_inferred);

    /* A random ranking finds 10 of about 9,000 vacancies: recall@10 ≈ 0.001. The floors leave
     * room for ESCO's near twins (a specialisation and its general occupation share most
     * essential skills, so the twin's vacancies take places in the top ten), but a candidate
     * who kept 70 % of the skills, with noise, must find most of their occupation's openings,
     * and one who only worked in the occupation (all its essential skills inferred) more so.
     * The run is deterministic (seeded): on this data it measures 0.85 and 0.92. */
    g_assert_cmpfloat (recall, >=, FLOOR_RECALL);
    g_assert_cmpfloat (recall_inferred, >=, FLOOR_RECALL_INFERRED);
  }
}

/* Reading out loud: what the candidate has, lacks, has below the level asked and what is
 * not known. */

/* The ids of the requirements in @list of @json, appended to @ids; returns how many. */
static guint
collect_ids (JsonObject *json,
             const char *list,
             GArray     *ids)
{
  JsonArray *array = json_object_get_array_member (json, list);

  g_assert_nonnull (array);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *entry = json_array_get_object_element (array, i);
      gint64 id = json_object_get_int_member_with_default (entry, "competence_id", 0);

      /* Every entry says what it is in words, how much was asked and whether it is essential. */
      g_assert_nonnull (json_object_get_string_member (entry, "label"));
      g_assert_true (json_object_has_member (entry, "required_level"));
      g_assert_true (json_object_has_member (entry, "level"));
      g_assert_true (json_object_has_member (entry, "essential"));
      g_array_append_val (ids, id);
    }
  return json_array_get_length (array);
}

static JsonObject *
entry_of (JsonObject *json,
          const char *list,
          gint64      competence_id)
{
  JsonArray *array = json_object_get_array_member (json, list);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *entry = json_array_get_object_element (array, i);

      if (json_object_get_int_member_with_default (entry, "competence_id", 0) == competence_id)
        return entry;
    }
  return NULL;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

/* The matched competences are the vacancy's requirements minus the gap, the ones below the
 * level, the optional ones missing and the unknown ones: every requirement once. */
static void
test_matched_are_requirements_minus_gap (void)
{
  g_autoptr(WbMatchEngine) engine = hand_engine ();
  g_autoptr(WbMatchResult) r = NULL;
  g_autoptr(WbMatchResult) inferred = NULL;
  g_autoptr(JsonObject) json = NULL;
  g_autoptr(JsonObject) inferred_json = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  static const WbMatchLevel levels[] = { { C_FORKLIFT, 4 }, { C_ORDERPICK, 1 }, { C_PUNCTUAL, 3 } };
  static const gint64 occupations[] = { OCC_WAREHOUSE };
  static const gint64 asked[] = { C_PUNCTUAL, C_TEAMWORK, C_FORKLIFT, C_ORDERPICK, C_SAFETY };
  JsonObject *entry;
  WbMatchVacancy v;
  WbMatchCandidate c;
  guint n_matched, n_gap, n_below, n_optional, n_unknown;

  warehouse_vacancy (&v, 100);
  wb_match_engine_set_vacancy (engine, &v);
  good_candidate (&c, 1);
  c.competences = levels;
  c.n_competences = G_N_ELEMENTS (levels);
  wb_match_engine_set_client (engine, &c);
  r = score (engine, 100, 1);
  json = wb_match_result_to_json (r);

  n_matched = collect_ids (json, "matched", ids);
  n_gap = collect_ids (json, "gap", ids);
  n_below = collect_ids (json, "below_level", ids);
  n_optional = collect_ids (json, "optional_missing", ids);
  n_unknown = collect_ids (json, "unknown", ids);
  g_assert_cmpuint (n_matched, ==, 2);
  g_assert_cmpuint (n_gap, ==, 1);
  g_assert_cmpuint (n_below, ==, 1);
  g_assert_cmpuint (n_optional, ==, 1);
  g_assert_cmpuint (n_unknown, ==, 0);
  g_array_sort (ids, compare_gint64);
  g_assert_cmpmem (ids->data, ids->len * sizeof (gint64), asked, sizeof asked);
  g_assert_cmpuint (r->requirements->len, ==, G_N_ELEMENTS (asked));

  /* Matched: the level asked and the candidate's, essential first. */
  entry = json_array_get_object_element (json_object_get_array_member (json, "matched"), 0);
  g_assert_cmpint (json_object_get_int_member (entry, "competence_id"), ==, C_FORKLIFT);
  g_assert_cmpstr (json_object_get_string_member (entry, "label"), ==, "Heftruck rijden");
  g_assert_cmpint (json_object_get_int_member (entry, "required_level"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (entry, "level"), ==, 4);
  g_assert_true (json_object_get_boolean_member (entry, "essential"));
  entry = entry_of (json, "matched", C_PUNCTUAL);
  g_assert_nonnull (entry);
  g_assert_false (json_object_get_boolean_member (entry, "essential"));
  g_assert_cmpint (json_object_get_int_member (entry, "required_level"), ==, 1);
  entry = entry_of (json, "below_level", C_ORDERPICK);
  g_assert_cmpint (json_object_get_int_member (entry, "level"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (entry, "required_level"), ==, 2);
  entry = entry_of (json, "gap", C_SAFETY);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (entry, "level")));
  g_assert_nonnull (entry_of (json, "optional_missing", C_TEAMWORK));
  g_assert_nonnull (strstr (r->explanation[WB_MATCH_PART_COMPETENCES], "Has at the level asked: Heftruck rijden, Op tijd komen."));

  /* Inferred from work experience: there, at a level nobody assessed. */
  good_candidate (&c, 2);
  c.competences = NULL;
  c.n_competences = 0;
  c.occupations = occupations;
  c.n_occupations = 1;
  wb_match_engine_set_client (engine, &c);
  inferred = score (engine, 100, 2);
  inferred_json = wb_match_result_to_json (inferred);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (inferred_json, "matched")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (inferred_json, "unknown")), ==, 3);
  entry = entry_of (inferred_json, "unknown", C_SAFETY);
  g_assert_cmpstr (json_object_get_string_member (entry, "reason"), ==, "work_experience");
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (entry, "level")));
  /* The optional ones are missing: the work experience says nothing of them. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (inferred_json, "optional_missing")), ==, 2);
}

/* Of a client of whom no competence is known, the requirements are unknown: no gap, no near
 * miss and no training suggestion, whatever the vacancy asks. */
static void
test_no_competences_are_unknown_not_missing (void)
{
  g_autoptr(WbMatchEngine) engine = hand_engine ();
  g_autoptr(WbMatchResult) r = NULL;
  g_autoptr(JsonObject) json = NULL;
  g_autoptr(GPtrArray) near = NULL;
  g_autoptr(GError) error = NULL;
  static const WbMatchLevel lack1[] = { { C_FORKLIFT, 4 }, { C_ORDERPICK, 3 } };
  WbMatchOptions options;
  WbMatchVacancy v;
  WbMatchCandidate c;

  warehouse_vacancy (&v, 100);
  wb_match_engine_set_vacancy (engine, &v);
  good_candidate (&c, 1);
  c.competences = NULL;
  c.n_competences = 0;
  c.diagnosis_date = NULL;
  wb_match_engine_set_client (engine, &c);
  good_candidate (&c, 2);
  c.competences = lack1;
  c.n_competences = G_N_ELEMENTS (lack1);
  wb_match_engine_set_client (engine, &c);

  r = score (engine, 100, 1);
  g_assert_cmpuint (r->gap->len, ==, 0);
  g_assert_cmpuint (r->n_essential_missing, ==, 0);
  g_assert_false (r->near_miss);
  g_assert_null (r->training_suggestion);
  json = wb_match_result_to_json (r);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json, "unknown")), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (entry_of (json, "unknown", C_FORKLIFT), "reason"), ==, "no_competences");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json, "gap")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json, "optional_missing")), ==, 0);
  /* The score does not change: no competence known earns nothing for competences. */
  g_assert_cmpfloat_with_epsilon (r->credit[WB_MATCH_PART_COMPETENCES], 0.0, EPSILON);
  g_assert_false (r->known[WB_MATCH_PART_COMPETENCES]);

  wb_match_options_init (&options);
  options.near_misses_only = TRUE;
  near = wb_match_engine_rank_candidates (engine, 100, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (near->len, ==, 1);
  g_assert_cmpint (((WbMatchResult *) near->pdata[0])->client_id, ==, 2);
}

/* A near miss comes with the training that would close its gap, in words. */
static void
test_near_miss_training_suggestion (void)
{
  g_autoptr(WbMatchResult) good = NULL;
  g_autoptr(WbMatchResult) near = NULL;
  g_autoptr(JsonObject) json = NULL;
  g_autoptr(JsonObject) good_json = NULL;

  compare_variant (lack_an_essential, &good, &near);
  g_assert_true (near->near_miss);
  g_assert_nonnull (near->training_suggestion);
  g_assert_nonnull (strstr (near->training_suggestion, "Veilig werken (bij- of omscholing)"));
  json = wb_match_result_to_json (near);
  g_assert_cmpstr (json_object_get_string_member (json, "training_suggestion"), ==, near->training_suggestion);

  g_assert_false (good->near_miss);
  g_assert_null (good->training_suggestion);
  good_json = wb_match_result_to_json (good);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (good_json, "training_suggestion")));
}

static void
no_reach (WbMatchCandidate *c)
{
  c->pc4 = "6419";
  c->max_travel_km = -1;
  c->transport = NULL;
}

static void
no_track (WbMatchCandidate *c)
{
  c->track = NULL;
}

/* How far a client can travel not known: the part is not known, the 15 km it assumes is
 * said, and the consultant is asked for it. */
static void
test_unknown_reach_is_not_known (void)
{
  g_autoptr(WbMatchResult) good = NULL;
  g_autoptr(WbMatchResult) unknown = NULL;
  g_autoptr(WbMatchResult) good2 = NULL;
  g_autoptr(WbMatchResult) trackless = NULL;
  g_autoptr(JsonObject) json = NULL;

  compare_variant (no_reach, &good, &unknown);
  g_assert_true (good->known[WB_MATCH_PART_TRAVEL]);
  g_assert_cmpfloat (unknown->distance_km, >, 0);
  g_assert_false (unknown->known[WB_MATCH_PART_TRAVEL]);
  g_assert_cmpfloat_with_epsilon (unknown->credit[WB_MATCH_PART_TRAVEL],
                                  1 - 0.3 * unknown->distance_km / WB_MATCH_DEFAULT_REACH_KM, EPSILON);
  g_assert_nonnull (strstr (unknown->explanation[WB_MATCH_PART_TRAVEL], "15 km is assumed"));
  g_assert_true (unknown->missing & WB_MATCH_MISSING_REACH);
  json = wb_match_result_to_json (unknown);
  g_assert_false (json_object_get_boolean_member (json_object_get_object_member (json_object_get_object_member (json, "parts"),
                                                                                 "travel"), "known"));

  /* Readiness is known only when phase, track and motivation are. */
  compare_variant (no_track, &good2, &trackless);
  g_assert_true (good2->known[WB_MATCH_PART_READINESS]);
  g_assert_false (trackless->known[WB_MATCH_PART_READINESS]);
  g_assert_true (trackless->missing & WB_MATCH_MISSING_TRACK);
}

/* A missing diagnosis is "missing", in the JSON and in words. */
static void
test_missing_diagnosis (void)
{
  g_autoptr(WbMatchEngine) engine = hand_engine ();
  g_autoptr(WbMatchResult) r = NULL;
  g_autoptr(JsonObject) json = NULL;
  JsonObject *diagnosis;
  WbMatchVacancy v;
  WbMatchCandidate c;

  warehouse_vacancy (&v, 100);
  wb_match_engine_set_vacancy (engine, &v);
  good_candidate (&c, 1);
  c.diagnosis_date = NULL;
  wb_match_engine_set_client (engine, &c);
  r = score (engine, 100, 1);
  json = wb_match_result_to_json (r);
  diagnosis = json_object_get_object_member (json, "diagnosis");
  g_assert_cmpstr (json_object_get_string_member (diagnosis, "state"), ==, "missing");
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (diagnosis, "date")));
  g_assert_nonnull (strstr (r->explanation[WB_MATCH_PART_READINESS], "Diagnosis: missing."));
}

/* Why a distance is not known, by its real cause: never an area without a centre that has
 * one. */
static void
test_unknown_distance_by_its_cause (void)
{
  static const struct {
    gboolean centres;        /* the engine has the PC4 centres */
    const char *vacancy_pc4;
    const char *client_pc4;
    const char *says;
    const char *never;
    WbMatchMissing missing;
  } cases[] = {
    { TRUE, NULL, "6411", "the vacancy has no postcode area", "centre", WB_MATCH_MISSING_VACANCY_LOCATION },
    { TRUE, "6411", NULL, "the client's postcode area is not known", "centre", WB_MATCH_MISSING_LOCATION },
    { TRUE, "6411", "6999", "no centre is known for postcode area 6999 of the client", "6411", WB_MATCH_MISSING_LOCATION },
    { TRUE, "6999", "6411", "no centre is known for postcode area 6999 of the vacancy", "6411", WB_MATCH_MISSING_VACANCY_LOCATION },
    { TRUE, "6998", "6999", "postcode area 6998 of the vacancy nor for postcode area 6999 of the client", NULL,
      WB_MATCH_MISSING_LOCATION | WB_MATCH_MISSING_VACANCY_LOCATION },
    /* No centres loaded at all: 6341 has one, the central layer just does not hold it. */
    { FALSE, "6341", "6411", "no postcode area centres are loaded", "6341", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(WbMatchEngine) engine = NULL;
      g_autoptr(WbMatchResult) r = NULL;
      WbMatchVacancy v;
      WbMatchCandidate c;
      const char *travel;
      gboolean notes_say_unrecorded = FALSE;

      if (cases[i].centres)
        engine = hand_engine ();
      else
        {
          engine = wb_match_engine_new ();
          wb_match_engine_set_today (engine, TODAY);
        }
      warehouse_vacancy (&v, 100);
      v.pc4 = cases[i].vacancy_pc4;
      wb_match_engine_set_vacancy (engine, &v);
      good_candidate (&c, 1);
      c.pc4 = cases[i].client_pc4;
      wb_match_engine_set_client (engine, &c);
      r = score (engine, 100, 1);

      travel = r->explanation[WB_MATCH_PART_TRAVEL];
      g_test_message ("%s -> %s: %s", cases[i].vacancy_pc4 ? cases[i].vacancy_pc4 : "none",
                      cases[i].client_pc4 ? cases[i].client_pc4 : "none", travel);
      g_assert_cmpfloat (r->distance_km, <, 0);
      g_assert_false (r->known[WB_MATCH_PART_TRAVEL]);
      g_assert_nonnull (strstr (travel, cases[i].says));
      if (cases[i].never != NULL)
        g_assert_null (strstr (travel, cases[i].never));
      g_assert_cmpint (r->missing & (WB_MATCH_MISSING_LOCATION | WB_MATCH_MISSING_VACANCY_LOCATION), ==, cases[i].missing);
      /* A postcode area not recorded is not told as an area without a centre. */
      for (guint n = 0; n < r->missing_notes->len; n++)
        {
          const char *note = r->missing_notes->pdata[n];

          notes_say_unrecorded |= strstr (note, "not recorded") != NULL || strstr (note, "has no postcode area") != NULL;
          if (cases[i].vacancy_pc4 == NULL || cases[i].client_pc4 == NULL)
            g_assert_null (strstr (note, "centre"));
        }
      g_assert_true (notes_say_unrecorded == (cases[i].vacancy_pc4 == NULL || cases[i].client_pc4 == NULL));
    }
}

/* A long list is cut after six, with how many more. */
static void
test_long_matched_list (void)
{
  g_autoptr(WbMatchEngine) engine = hand_engine ();
  g_autoptr(WbMatchResult) r = NULL;
  WbMatchRequirement reqs[8];
  WbMatchLevel levels[8];
  WbMatchVacancy v;
  WbMatchCandidate c;

  for (guint i = 0; i < G_N_ELEMENTS (reqs); i++)
    {
      reqs[i] = (WbMatchRequirement) { C_PUNCTUAL + i, 1, TRUE };
      levels[i] = (WbMatchLevel) { C_PUNCTUAL + i, 3 };
    }
  warehouse_vacancy (&v, 100);
  v.competences = reqs;
  v.n_competences = G_N_ELEMENTS (reqs);
  wb_match_engine_set_vacancy (engine, &v);
  good_candidate (&c, 1);
  c.competences = levels;
  c.n_competences = G_N_ELEMENTS (levels);
  wb_match_engine_set_client (engine, &c);
  r = score (engine, 100, 1);
  g_assert_nonnull (strstr (r->explanation[WB_MATCH_PART_COMPETENCES],
                            "Has at the level asked: Op tijd komen, Samenwerken, Heftruck rijden, Orderpicken, "
                            "Veilig werken, Klantvriendelijkheid and 2 more."));
}

/* Only the pool of work-ready jobseekers, when asked: both ways. */
static void
test_pool_only (void)
{
  g_autoptr(WbMatchEngine) engine = hand_engine ();
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) pool = NULL;
  g_autoptr(GPtrArray) in_pool = NULL;
  g_autoptr(GPtrArray) outside = NULL;
  g_autoptr(GError) error = NULL;
  WbMatchOptions options;
  WbMatchVacancy v;
  WbMatchCandidate c;

  warehouse_vacancy (&v, 100);
  wb_match_engine_set_vacancy (engine, &v);
  for (gint64 id = 1; id <= 6; id++)
    {
      good_candidate (&c, id);
      c.in_pool = id % 2 == 0;
      wb_match_engine_set_client (engine, &c);
    }

  all = wb_match_engine_rank_candidates (engine, 100, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 6);
  wb_match_options_init (&options);
  options.pool_only = TRUE;
  pool = wb_match_engine_rank_candidates (engine, 100, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pool->len, ==, 3);
  for (guint i = 0; i < pool->len; i++)
    g_assert_cmpint (((WbMatchResult *) pool->pdata[i])->client_id % 2, ==, 0);

  in_pool = wb_match_engine_rank_vacancies (engine, 2, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (in_pool->len, ==, 1);
  outside = wb_match_engine_rank_vacancies (engine, 1, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outside->len, ==, 0);
}

/* The points of the parts add up to the score as written, four decimals, for any weights. */
static void
test_points_add_up_to_the_score (void)
{
  g_autoptr(World) w = world_new (20261203, 800, 40);
  g_autoptr(WbMatchEngine) engine = world_engine (w);
  guint checked = 0;

  for (guint set = 0; set < 3; set++)
    {
      WbMatchOptions options;

      wb_match_options_init (&options);
      options.limit = 40;
      if (set == 1)
        {
          /* Weights that do not add up to 1. */
          options.weights.part[WB_MATCH_PART_COMPETENCES] = 0.9;
          options.weights.part[WB_MATCH_PART_TRAVEL] = 0.33;
        }
      else if (set == 2)
        for (guint i = 0; i < WB_MATCH_N_PARTS; i++)
          options.weights.part[i] = 1.0 / 3;
      for (guint j = 0; j < w->vacs->len; j++)
        {
          const TVac *v = w->vacs->pdata[j];
          g_autoptr(GError) error = NULL;
          g_autoptr(GPtrArray) ranked = wb_match_engine_rank_candidates (engine, v->id, &options, &error);

          g_assert_no_error (error);
          for (guint i = 0; i < ranked->len; i++)
            {
              g_autoptr(JsonObject) json = wb_match_result_to_json (ranked->pdata[i]);
              JsonObject *parts = json_object_get_object_member (json, "parts");
              double score = json_object_get_double_member (json, "score");
              gint64 units = 0;

              for (guint p = 0; p < WB_MATCH_N_PARTS; p++)
                {
                  double points = json_object_get_double_member (json_object_get_object_member (parts, wb_match_part_to_string (p)),
                                                                 "points");

                  g_assert_cmpfloat (points, >=, 0);
                  units += llround (points * 1e4);
                }
              g_assert_cmpint (units, ==, llround (score * 1e4));
              checked++;
            }
        }
    }
  g_assert_cmpuint (checked, >, 1000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/match-engine/part/all-good", test_good_candidate_scores_high);
  g_test_add_func ("/core/match-engine/part/competences-essential-weigh-more", test_competences_essential_weigh_more);
  g_test_add_func ("/core/match-engine/part/inferred-count-less-and-are-labelled", test_inferred_count_less_and_are_labelled);
  g_test_add_func ("/core/match-engine/part/diagnosis-wins-over-inference", test_diagnosis_wins_over_inference);
  g_test_add_func ("/core/match-engine/part/education", test_education);
  g_test_add_func ("/core/match-engine/part/travel-is-soft", test_travel_is_soft);
  g_test_add_func ("/core/match-engine/part/same-area-without-centres", test_same_area_without_centres);
  g_test_add_func ("/core/match-engine/part/hours", test_hours);
  g_test_add_func ("/core/match-engine/part/capacity-and-wage-cost-subsidy", test_capacity_and_wage_cost_subsidy);
  g_test_add_func ("/core/match-engine/part/sector", test_sector);
  g_test_add_func ("/core/match-engine/part/readiness-and-stale-diagnosis", test_readiness_and_stale_diagnosis);
  g_test_add_func ("/core/match-engine/part/driving-licence", test_driving_licence);
  g_test_add_func ("/core/match-engine/unknown/empty-profile-scores-low", test_empty_profile_scores_low);
  g_test_add_func ("/core/match-engine/unknown/vacancy-without-competences", test_vacancy_without_competences);
  g_test_add_func ("/core/match-engine/rank/distance-filters-only-when-asked", test_distance_filters_only_when_asked);
  g_test_add_func ("/core/match-engine/rank/near-misses", test_near_misses);
  g_test_add_func ("/core/match-engine/rank/weights-change-ranking", test_weights_change_ranking);
  g_test_add_func ("/core/match-engine/rank/inactive-and-unknown", test_inactive_and_unknown);
  g_test_add_func ("/core/match-engine/weights/json", test_weights_json);
  g_test_add_func ("/core/match-engine/index/equals-reference", test_engine_equals_reference);
  g_test_add_func ("/core/match-engine/index/follows-changes", test_index_follows_changes);
  g_test_add_func ("/core/match-engine/index/cross-match", test_cross_match);
  g_test_add_func ("/core/match-engine/quality/esco-recall", test_quality_on_esco);
  g_test_add_func ("/core/match-engine/explain/matched-are-requirements-minus-gap", test_matched_are_requirements_minus_gap);
  g_test_add_func ("/core/match-engine/explain/no-competences-are-unknown-not-missing", test_no_competences_are_unknown_not_missing);
  g_test_add_func ("/core/match-engine/explain/near-miss-training-suggestion", test_near_miss_training_suggestion);
  g_test_add_func ("/core/match-engine/explain/unknown-reach-is-not-known", test_unknown_reach_is_not_known);
  g_test_add_func ("/core/match-engine/explain/missing-diagnosis", test_missing_diagnosis);
  g_test_add_func ("/core/match-engine/explain/unknown-distance-by-its-cause", test_unknown_distance_by_its_cause);
  g_test_add_func ("/core/match-engine/explain/long-matched-list", test_long_matched_list);
  g_test_add_func ("/core/match-engine/rank/pool-only", test_pool_only);
  g_test_add_func ("/core/match-engine/json/points-add-up-to-the-score", test_points_add_up_to_the_score);

  return g_test_run ();
}
