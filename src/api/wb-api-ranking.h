/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <json-glib/json-glib.h>

#include "wb-core.h"
#include "wb-match-engine.h"

G_BEGIN_DECLS

/* A ranking as the server answers GET /vacancies/{id}/matches and GET /clients/{id}/matches
 * (docs/api.md), parsed into structs: every member of the answer and of each ranked item,
 * so that a view shows exactly what the server said. */

/* What a ranking asks for; every member may be left 0 or FALSE for the server's default. */
typedef struct {
  guint limit;              /* top N, 1 to 1000; 0: 50 */
  double max_km;            /* > 0: leave out what lies farther; 0: distance only lowers scores */
  gint64 organisation_id;   /* > 0: only clients (or vacancies) of this organisation */
  gboolean near_misses;     /* only candidates who lack one or two essential competences */
  gboolean pool;            /* only candidates in the pool of work-ready jobseekers */
} WbApiRankQuery;

typedef enum {
  WB_API_DIAGNOSIS_MISSING,
  WB_API_DIAGNOSIS_CURRENT,
  WB_API_DIAGNOSIS_STALE,
} WbApiDiagnosisState;

/* One requirement of the vacancy, as it stands with the candidate. */
typedef struct {
  gint64 competence_id;     /* 0 for the driving licence */
  gboolean driving_licence;
  char *label;              /* NULL when the server sent none */
  int required_level;       /* 1–5; 0 for the driving licence */
  int level;                /* the candidate's diagnosed level; 0: missing or not known */
  gboolean essential;
  gboolean inferred;        /* unknown ones: inferred from work experience, at a level not
                             * known; FALSE: no competence of the candidate is known */
} WbApiMatchRequirement;

/* One part of the score: its own score (0–1), its weight, its points (its share of the
 * total; the points of the parts add up to the score) and whether it is known. */
typedef struct {
  double score;
  double weight;
  double points;
  gboolean known;
  char *explanation;        /* NULL when the server sent none */
} WbApiMatchPart;

/* Data that is missing, and who can supply it. */
typedef struct {
  char *field;              /* "pc4", "vacancy.pc4", "diagnosis_current", ... */
  char *supplied_by;        /* "client_organisation" or "vacancy_account_manager" */
  char *text;
} WbApiMatchMissing;

/* Which weights apply: those of a region, of Zuid-Limburg, or the defaults, in the form of
 * GET /match-weights/{region}. */
typedef struct {
  char *region;             /* NULL for the defaults without a region */
  gint64 version;           /* 0 for the defaults */
  gboolean is_default;
  WbMatchWeights weights;
} WbApiMatchWeights;

/* One ranked item, reference counted. */
typedef struct {
  guint rank;               /* from 1 */
  gint64 vacancy_id;
  gint64 client_id;
  gint64 organisation_id;   /* the client's organisation */
  char *organisation;       /* its name, to contact about the client; NULL when not known */
  gint64 vacancy_organisation_id;
  double score;             /* 0–1 */
  WbApiMatchPart parts[WB_MATCH_N_PARTS];   /* in the order of WbMatchPart */
  guint n_essential;        /* essential requirements, the driving licence included */
  guint n_essential_missing;
  guint n_optional;
  guint n_optional_present;
  GArray *matched;          /* WbApiMatchRequirement: at the level asked or higher */
  GArray *gap;              /* WbApiMatchRequirement: essential ones the candidate lacks */
  GArray *below_level;      /* WbApiMatchRequirement: there, below the level asked */
  GArray *optional_missing; /* WbApiMatchRequirement: optional ones the candidate lacks */
  GArray *unknown;          /* WbApiMatchRequirement: whether and how well is not known */
  GArray *missing;          /* WbApiMatchMissing */
  WbApiDiagnosisState diagnosis;
  char *diagnosis_date;     /* YYYY-MM-DD; NULL without a diagnosis */
  int diagnosis_age_months; /* -1 without a diagnosis */
  gboolean stale_diagnosis;
  gboolean near_miss;
  char *training_suggestion; /* for a near miss: the training that would close the gap */
  gboolean wage_cost_subsidy_route;
  gboolean wage_cost_subsidy_offered;
  char *capacity_band;      /* "<30", "30-80" or "80-100"; NULL when not known */
  gboolean pseudonymous;    /* the caller sees the candidate's pseudonymous profile only */
  double distance_km;       /* -1: not known */
  WbMatchWeights weights;   /* the weights that produced the score */
  WbRecord *client;         /* candidates of a vacancy: the profile as the caller may see it */
  WbRecord *vacancy;        /* vacancies of a client: the vacancy's summary */
  /*< private >*/
  gint ref_count;
} WbApiRankedMatch;

/* A whole ranking, reference counted. */
typedef struct {
  gint64 vacancy_id;        /* candidates of this vacancy; 0 for a client's ranking */
  gint64 client_id;         /* vacancies of this client; 0 for a vacancy's ranking */
  WbRecord *vacancy;        /* the vacancy ranked for, or NULL */
  WbRecord *client;         /* the client ranked for (as the caller may see them), or NULL */
  WbApiMatchWeights weights;
  WbApiRankQuery query;     /* the parameters the server ranked with */
  guint considered;         /* candidates (or open vacancies) the engine holds */
  GPtrArray *items;         /* WbApiRankedMatch, best first */
  /*< private >*/
  gint ref_count;
} WbApiRanking;

#define WB_TYPE_API_RANKING (wb_api_ranking_get_type ())
#define WB_TYPE_API_RANKED_MATCH (wb_api_ranked_match_get_type ())

GType              wb_api_ranking_get_type          (void) G_GNUC_CONST;
GType              wb_api_ranked_match_get_type     (void) G_GNUC_CONST;

/* The query string of a ranking, "" for the defaults; for callers that build their own
 * requests. */
char              *wb_api_rank_query_to_string      (const WbApiRankQuery *query);

/* Parses the answer of a ranking in either direction; a member missing or of the wrong
 * type is WB_API_ERROR_PARSE. */
WbApiRanking      *wb_api_ranking_new_from_json     (JsonObject           *answer,
                                                     GError              **error);
WbApiRanking      *wb_api_ranking_ref               (WbApiRanking         *ranking);
void               wb_api_ranking_unref             (WbApiRanking         *ranking);

WbApiRankedMatch  *wb_api_ranked_match_new_from_json (JsonObject          *item,
                                                      GError             **error);
WbApiRankedMatch  *wb_api_ranked_match_ref          (WbApiRankedMatch     *match);
void               wb_api_ranked_match_unref        (WbApiRankedMatch     *match);

/* The answer of GET or PATCH /match-weights/{region} (or a ranking's "weights"); clear it
 * with wb_api_match_weights_clear. */
gboolean           wb_api_match_weights_parse       (JsonObject           *object,
                                                     WbApiMatchWeights    *weights,
                                                     GError              **error);
void               wb_api_match_weights_clear       (WbApiMatchWeights    *weights);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbApiRanking, wb_api_ranking_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbApiRankedMatch, wb_api_ranked_match_unref)

G_END_DECLS
