/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "wb-geo.h"

G_BEGIN_DECLS

/* The matching engine: candidates for a vacancy and vacancies for a candidate, ranked on
 * competences first, with every part of the score explained.
 *
 * The score of a (client, vacancy) pair is
 *
 *   score = (w₀·c₀ + w₁·c₁ + … + w₆·c₆) / (w₀ + … + w₆)
 *
 * summed in the order of WbMatchPart, from 0 to 1 like the score of a recorded match and
 * the threshold of an alert, where each credit cᵢ is in [0, 1]:
 *
 * competences  Each competence the vacancy asks weighs 2 when essential, 1 otherwise; a
 *              required driving licence counts as one more essential competence. Per
 *              competence the client earns 1 when diagnosed at the required level or
 *              higher, level/required when diagnosed lower, and WB_MATCH_INFERRED_CREDIT
 *              when it is only inferred from work experience (the essential competences of
 *              an occupation the client worked in, after ESCO). A diagnosed level always
 *              wins over an inference. c₀ is the weighted share of the vacancy covered.
 *              A vacancy that lists no competences gives every client
 *              WB_MATCH_UNKNOWN_CREDIT.
 * education    The vacancy's minimum level against the client's: at or above 1, one step
 *              below 0.6, two 0.3, more 0.1. No requirement gives 1.
 * travel       The distance d between the PC4 centres against the client's reach r (their
 *              maximum travel distance, or else a default for their transport, or else
 *              15 km, and then the part is not known): d ≤ r gives 1 − 0.3·d/r; beyond it
 *              max (0.05, 0.7 − 0.5·(d − r)/r). Distance lowers a score but never
 *              excludes, unless max_km is asked for.
 * hours        Hours available a week against the vacancy's hours: 1 when enough, else
 *              the share.
 * capacity     Work capacity 80 % or more gives 1; 30–79 % gives 0.9 when the vacancy
 *              allows a wage-cost subsidy and 0.5 when not; below 30 % 0.4 and 0.2.
 * sector       1 when the client prefers the vacancy's sector, 0.5 for another sector
 *              (moving between sectors is wanted).
 * readiness    0.4·phase + 0.2·track + 0.2·motivation + 0.2·diagnosis, with phase
 *              work_ready (or in the pool) 1, development 0.7, after_care and placed 0.5,
 *              activation 0.4, intake and diagnosis 0.2, outflow 0; track plaatsing (ready
 *              for mediation) 1, activering 0.4; motivation high 1, medium 0.6, low 0.3;
 *              a current diagnosis 1, a stale one 0.4, none 0.
 *
 * Missing data is unknown, never agreement: every value the client lacks scores
 * WB_MATCH_UNKNOWN_CREDIT in its part (and a client without any competence earns nothing
 * in c₀), a part is known only when every value it is computed from is, and the result
 * says what is missing and who can supply it. The competences of a client of whom none are
 * known (no diagnosis with competences, no work experience) are unknown, not lacking: they
 * are no gap and make no near miss. */

#define WB_MATCH_ERROR (wb_match_error_quark ())

typedef enum {
  WB_MATCH_ERROR_NOT_FOUND,   /* no such client or vacancy in the engine */
  WB_MATCH_ERROR_INVALID,     /* weights or options that cannot be used */
} WbMatchError;

GQuark wb_match_error_quark (void);

#define WB_MATCH_UNKNOWN_CREDIT      0.25
#define WB_MATCH_INFERRED_CREDIT     0.5
#define WB_MATCH_DEFAULT_REACH_KM    15
#define WB_MATCH_DEFAULT_LIMIT       50
#define WB_MATCH_DEFAULT_STALE_MONTHS 12

typedef enum {
  WB_MATCH_PART_COMPETENCES,
  WB_MATCH_PART_EDUCATION,
  WB_MATCH_PART_TRAVEL,
  WB_MATCH_PART_HOURS,
  WB_MATCH_PART_CAPACITY,
  WB_MATCH_PART_SECTOR,
  WB_MATCH_PART_READINESS,
  WB_MATCH_N_PARTS
} WbMatchPart;

/* "competences", "education", ... as in the JSON of weights and results. */
const char *wb_match_part_to_string (WbMatchPart part);

/* Weights: the weight of each part, from 0 to 1; a coordinator sets them per region. */
typedef struct {
  double part[WB_MATCH_N_PARTS];
} WbMatchWeights;

void        wb_match_weights_init_default (WbMatchWeights       *weights);
JsonObject *wb_match_weights_to_json      (const WbMatchWeights *weights);
/* Starts from the defaults and takes every member of @object; an unknown member, a value
 * outside 0–1 or weights that are all zero is an error (WB_MATCH_ERROR_INVALID). */
gboolean    wb_match_weights_from_json    (JsonObject           *object,
                                           WbMatchWeights       *weights,
                                           GError              **error);

/* What goes into the engine. Strings are copied; the enum-like strings take the values of
 * the schema (wb_education_levels, wb_transport_modes, wb_phases, wb_levels3); NULL or ""
 * means not known. Initialise with the _init functions: they set every "not known". */

typedef struct {
  gint64 competence_id;
  int level;                     /* 1–5 */
} WbMatchLevel;

typedef struct {
  gint64 id;
  gint64 organisation_id;
  const char *status;            /* only "active" clients (or NULL) are candidates */
  const char *pc4;
  const char *education_level;
  const char *transport;
  int max_travel_km;             /* -1: not known */
  int hours_available;           /* -1: not known */
  int work_capacity;             /* percent; -1: not known */
  gboolean driving_licence;
  const char *motivation;
  const char *phase;
  const char *track;             /* "plaatsing" (ready for mediation) or "activering" */
  gboolean in_pool;
  const char *diagnosis_date;    /* YYYY-MM-DD of the latest diagnosis; NULL: none */
  const WbMatchLevel *competences;  /* of the latest diagnosis */
  guint n_competences;
  const gint64 *occupations;     /* work experience */
  guint n_occupations;
  const char * const *sectors;   /* preferred sectors, NULL-terminated; NULL: none */
} WbMatchCandidate;

void wb_match_candidate_init (WbMatchCandidate *candidate);

typedef struct {
  gint64 competence_id;
  int level;                     /* required level 1–5; 0: any */
  gboolean essential;
} WbMatchRequirement;

typedef struct {
  gint64 id;
  gint64 organisation_id;
  const char *status;            /* "open" (or NULL) is ranked for clients */
  const char *pc4;
  const char *education_level;   /* minimum; NULL or "none": no requirement */
  int hours;                     /* a week */
  const char *sector;
  gboolean licence_required;
  gboolean wage_cost_subsidy;
  const WbMatchRequirement *competences;
  guint n_competences;
} WbMatchVacancy;

void wb_match_vacancy_init (WbMatchVacancy *vacancy);

/* How to rank. */
typedef struct {
  guint limit;                   /* top N; 0 means WB_MATCH_DEFAULT_LIMIT */
  double max_km;                 /* > 0: leave out pairs farther apart, or of unknown distance */
  gint64 organisation_id;        /* > 0: only clients (or vacancies) of this organisation */
  gboolean near_misses_only;     /* only pairs lacking one or two essential competences */
  gboolean pool_only;            /* only clients in the pool of work-ready jobseekers */
  gboolean explain;              /* write the sentences (TRUE by default) */
  WbMatchWeights weights;
} WbMatchOptions;

void wb_match_options_init (WbMatchOptions *options);

/* Results */

typedef enum {
  WB_MATCH_MISSING_DIAGNOSIS        = 1 << 0,
  WB_MATCH_MISSING_COMPETENCES      = 1 << 1,
  WB_MATCH_MISSING_EDUCATION        = 1 << 2,
  WB_MATCH_MISSING_LOCATION         = 1 << 3,  /* the client's PC4 centre */
  WB_MATCH_MISSING_REACH            = 1 << 4,  /* no maximum distance and no transport */
  WB_MATCH_MISSING_HOURS            = 1 << 5,
  WB_MATCH_MISSING_CAPACITY         = 1 << 6,
  WB_MATCH_MISSING_SECTORS          = 1 << 7,
  WB_MATCH_MISSING_MOTIVATION       = 1 << 8,
  WB_MATCH_MISSING_PHASE            = 1 << 9,
  WB_MATCH_MISSING_VACANCY_LOCATION = 1 << 10, /* the vacancy's PC4 centre */
  WB_MATCH_MISSING_VACANCY_COMPETENCES = 1 << 11,
  WB_MATCH_MISSING_TRACK            = 1 << 12,
} WbMatchMissing;

typedef enum {
  WB_MATCH_DIAGNOSIS_NONE,       /* "missing" in JSON */
  WB_MATCH_DIAGNOSIS_CURRENT,
  WB_MATCH_DIAGNOSIS_STALE,
} WbMatchDiagnosisState;

/* How a requirement of the vacancy stands with the client. */
typedef enum {
  WB_MATCH_REQUIREMENT_MATCHED,  /* diagnosed at the level asked or higher (or the licence held) */
  WB_MATCH_REQUIREMENT_BELOW,    /* diagnosed below the level asked */
  WB_MATCH_REQUIREMENT_MISSING,  /* not among the client's competences (or no licence) */
  WB_MATCH_REQUIREMENT_INFERRED, /* inferred from work experience: there, at a level not known */
  WB_MATCH_REQUIREMENT_UNKNOWN,  /* no competence of the client is known at all */
} WbMatchRequirementState;

/* One requirement of the vacancy held against the client. The gap holds those the client
 * lacks (level 0) or has below the required level. */
typedef struct {
  gint64 competence_id;          /* 0 for the driving licence */
  guint8 required_level;         /* 1–5; 0 for the licence */
  guint8 level;                  /* the client's diagnosed level; 0: missing or not known */
  gboolean essential;
  WbMatchRequirementState state;
} WbMatchGapItem;

typedef struct {
  gint64 vacancy_id;
  gint64 client_id;
  gint64 client_organisation_id;
  gint64 vacancy_organisation_id;
  double score;                  /* 0–1 */
  double credit[WB_MATCH_N_PARTS];
  gboolean known[WB_MATCH_N_PARTS];
  char *explanation[WB_MATCH_N_PARTS];  /* NULL unless explained */
  WbMatchWeights weights;        /* the weights that produced the score */
  double distance_km;            /* -1: not known */
  guint n_essential;             /* essential competences asked (with the licence) */
  guint n_essential_missing;
  guint n_optional;
  guint n_optional_present;
  GArray *requirements;          /* WbMatchGapItem: every requirement, the licence last, each with
                                  * its state: matched ones are the requirements minus the gap */
  GArray *gap;                   /* WbMatchGapItem: missing essentials first, then lower levels */
  GArray *inferred;              /* gint64: competences counted from work experience only */
  WbMatchMissing missing;
  WbMatchDiagnosisState diagnosis;
  char *diagnosis_date;
  int diagnosis_age_months;      /* -1 without a diagnosis */
  gboolean stale_diagnosis;
  gboolean near_miss;            /* lacks one or two essential competences, and none is unknown */
  gboolean wage_cost_subsidy_route;  /* capacity below 80 %: the wage-cost subsidy route applies */
  gboolean wage_cost_subsidy_offered;
  int work_capacity;             /* percent; -1: not known */
  gboolean pseudonymous;         /* told in bands only: see wb_match_result_pseudonymise */
  char *client_organisation;     /* the name to contact, when the engine knows it */
  GPtrArray *requirement_labels; /* char *, parallel to @requirements; NULL unless explained */
  GPtrArray *gap_labels;         /* char *, parallel to @gap; NULL unless explained */
  GPtrArray *inferred_labels;    /* char *, parallel to @inferred; NULL unless explained */
  GPtrArray *missing_notes;      /* char *: what is missing and who can supply it */
  char *training_suggestion;     /* for a near miss, the training that would close the gap;
                                  * NULL otherwise or unless explained */
  /*< private >*/
  char *label_storage;           /* the strings of the three label arrays, in one block */
} WbMatchResult;

void        wb_match_result_free     (WbMatchResult       *result);
/* For a reader who may see only the pseudonymous profile of the client: the explanation of
 * the work capacity names the band (below 30 %, 30–80 %, 80–100 %), not the percentage. */
void        wb_match_result_pseudonymise (WbMatchResult   *result);
/* The result as the API hands it out: score, parts (score, weight, points, known,
 * explanation; the points add up to the score exactly at the four decimals written),
 * the requirements matched, missing (the gap), below level, optional and missing, and
 * unknown, inferred competences (labelled), missing data with who can supply it,
 * diagnosis state with the stale flag, near miss with its training suggestion, wage-cost
 * subsidy route, distance and weights. */
JsonObject *wb_match_result_to_json  (const WbMatchResult *result);

/* The top list of one open vacancy in a cross-match. */
typedef struct {
  gint64 vacancy_id;
  GPtrArray *results;            /* WbMatchResult */
} WbMatchCrossEntry;

void        wb_match_cross_entry_free (WbMatchCrossEntry *entry);

typedef struct {
  guint n_clients;               /* candidates in the index */
  guint n_vacancies;
  guint n_open_vacancies;
  guint n_competences;
  guint n_occupations;
  gsize n_pairs;                 /* candidate-competence pairs in the posting lists */
  gsize n_inferred_pairs;        /* of which inferred from work experience */
  gsize index_bytes;             /* of which the posting lists and the competences of clients */
  gsize memory_bytes;            /* everything the engine holds, in bytes */
} WbMatchStats;

/* The engine */

#define WB_TYPE_MATCH_ENGINE (wb_match_engine_get_type ())

G_DECLARE_FINAL_TYPE (WbMatchEngine, wb_match_engine, WB, MATCH_ENGINE, GObject)

/* The engine is not thread-safe: one thread changes it and ranks with it (the cross-match
 * uses threads of its own, internally). */
WbMatchEngine *wb_match_engine_new                    (void);

/* Reference data: labels for explanations, names to contact, PC4 centres and the
 * competences of occupations (their essential ones are inferred from work experience). */
void           wb_match_engine_set_competence_label   (WbMatchEngine            *self,
                                                       gint64                    competence_id,
                                                       const char               *label);
void           wb_match_engine_set_organisation_name  (WbMatchEngine            *self,
                                                       gint64                    organisation_id,
                                                       const char               *name);
gboolean       wb_match_engine_set_pc4                (WbMatchEngine            *self,
                                                       const char               *pc4,
                                                       double                    lat,
                                                       double                    lon);
const WbGeo   *wb_match_engine_get_geo                (WbMatchEngine            *self);
void           wb_match_engine_set_occupation_competences (WbMatchEngine        *self,
                                                       gint64                    occupation_id,
                                                       const gint64             *competence_ids,
                                                       const gboolean           *essential,
                                                       guint                     n);

/* The date rankings take as today ("YYYY-MM-DD"; NULL: the real date, the default) and
 * after how many months a diagnosis is stale. */
void           wb_match_engine_set_today              (WbMatchEngine            *self,
                                                       const char               *date);
void           wb_match_engine_set_stale_months       (WbMatchEngine            *self,
                                                       guint                     months);

/* Adds or replaces; a client that is not active is taken out of the index. */
void           wb_match_engine_set_client             (WbMatchEngine            *self,
                                                       const WbMatchCandidate   *candidate);
gboolean       wb_match_engine_remove_client          (WbMatchEngine            *self,
                                                       gint64                    client_id);
gboolean       wb_match_engine_has_client             (WbMatchEngine            *self,
                                                       gint64                    client_id);
void           wb_match_engine_set_vacancy            (WbMatchEngine            *self,
                                                       const WbMatchVacancy     *vacancy);
gboolean       wb_match_engine_remove_vacancy         (WbMatchEngine            *self,
                                                       gint64                    vacancy_id);
gboolean       wb_match_engine_has_vacancy            (WbMatchEngine            *self,
                                                       gint64                    vacancy_id);

/* Builds the posting lists now, exactly sized, instead of at the next ranking. Loading
 * many clients before the first ranking is fastest followed by this. */
void           wb_match_engine_build                  (WbMatchEngine            *self);

/* The top candidates for a vacancy (any status) and the top open vacancies for a client,
 * best first: WbMatchResult items. @options may be NULL for the defaults. */
GPtrArray     *wb_match_engine_rank_candidates        (WbMatchEngine            *self,
                                                       gint64                    vacancy_id,
                                                       const WbMatchOptions     *options,
                                                       GError                  **error);
GPtrArray     *wb_match_engine_rank_vacancies         (WbMatchEngine            *self,
                                                       gint64                    client_id,
                                                       const WbMatchOptions     *options,
                                                       GError                  **error);
/* One pair, whatever the filters: for recording a proposal and for alerts. */
WbMatchResult *wb_match_engine_score_pair             (WbMatchEngine            *self,
                                                       gint64                    vacancy_id,
                                                       gint64                    client_id,
                                                       const WbMatchOptions     *options,
                                                       GError                  **error);
/* Every open vacancy against every client, on all processors: WbMatchCrossEntry items in
 * the order of the vacancy ids. */
GPtrArray     *wb_match_engine_cross_match            (WbMatchEngine            *self,
                                                       const WbMatchOptions     *options,
                                                       GError                  **error);

/* The stats walk every row of the index (to count its bytes); a ranking that only says how
 * many it considered asks for the count alone. */
void           wb_match_engine_get_stats              (WbMatchEngine            *self,
                                                       WbMatchStats             *stats);
guint          wb_match_engine_count_clients          (WbMatchEngine            *self);
guint          wb_match_engine_count_open_vacancies   (WbMatchEngine            *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbMatchResult, wb_match_result_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbMatchCrossEntry, wb_match_cross_entry_free)

G_END_DECLS
