/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <string.h>

#include "wb-match-engine.h"

G_BEGIN_DECLS

/* The matching engine's insides, shared by its files:
 *
 *   wb-match-engine.c   the object, its options and the reference data it keeps
 *   wb-match-index.c    rows, id maps, posting lists and competences inferred from work
 *   wb-match-score.c    the vocabulary, the dates and the score of one pair
 *   wb-match-rank.c     rankings both ways: scratch memory, the bounded heap, the bounds
 *   wb-match-gap.c      a vacancy's requirements against a client's competences
 *   wb-match-explain.c  the sentences and what is missing, with who can supply it
 *   wb-match-result.c   a result put together, pseudonymised and written as JSON
 *
 * How the index is laid out
 *
 * Competences, clients and vacancies get dense indexes (slots). A client keeps its
 * competences as one sorted array of packed words, competence index << 8 | info, where
 * info is the diagnosed level (1–5) or INFO_INFERRED. Each competence has a posting list:
 * one flat array of client slot << 8 | info, 4 bytes per candidate-competence pair, so
 * that up to 2^24 clients fit.
 *
 * Ranking the candidates of a vacancy walks the posting lists of the vacancy's
 * competences and adds integer credit units into a per-slot accumulator (so the order of
 * the walk cannot change a score), counts the touched clients per coverage level, then
 * visits them from the best coverage down, a band of levels at a time, and stops as soon as
 * no client left can beat the worst of the top N even with full marks on every other part.
 * Before a client's row is read, a compact bound of 8 bytes per client (SlotBound: what
 * the client's own data allows on each part) tells whether they could make it at all, so
 * that most rows are never touched. Clients no posting list touched are visited only when
 * even a client without any of the competences could still make it. */

#define UNITS_FULL        120   /* divisible by 1..5, so level/required is exact */
#define UNITS_INFERRED    60
#define INFO_LEVEL_MASK   0x07
#define INFO_INFERRED     0x08
#define REQ_LEVEL_MASK    0x07
#define REQ_ESSENTIAL     0x80
#define LICENCE_UNITS     (2 * UNITS_FULL)
#define PC4_SLOTS         (WB_GEO_PC4_MAX + 1)
#define MAX_COMPETENCES   (1u << 24)
#define MAX_CLIENT_SLOTS  (1u << 24)
#define EMPTY_KEY         G_MININT64

enum {
  ROW_USED        = 1 << 0,
  ROW_LICENCE     = 1 << 1,  /* client: has one; vacancy: requires one */
  ROW_IN_POOL     = 1 << 2,
  ROW_REACH_KNOWN = 1 << 3,
  ROW_OPEN        = 1 << 4,
  ROW_WCS         = 1 << 5,  /* vacancy offers a wage-cost subsidy */
};

/* The vocabulary: the values of the schema with their credit and their words (in
 * wb-match-score.c). The sizes are spelled out so that FIND works in every file. */

typedef struct {
  const char *name;
  int rank;
  const char *label;
} EducationLevel;

typedef struct {
  const char *name;
  double credit;
  const char *label;
} Graded;

typedef struct {
  const char *name;
  const char *label;
} Named;

#define N_EDUCATION_LEVELS 10
#define N_PHASES           8
#define N_TRACKS           2
#define N_MOTIVATIONS      3
#define N_TRANSPORTS       6

extern const char * const _wb_match_part_names[WB_MATCH_N_PARTS];
extern const EducationLevel _wb_match_education_levels[N_EDUCATION_LEVELS];
extern const Graded _wb_match_phases[N_PHASES];
extern const Graded _wb_match_tracks[N_TRACKS];
extern const Graded _wb_match_motivations[N_MOTIVATIONS];
extern const Named _wb_match_transports[N_TRANSPORTS];

/* The index of @value in a table whose rows start with their name, or -1. */
int _wb_match_find_index (const void *table,
                          gsize       stride,
                          guint       n,
                          const char *value);

#define FIND(table, value) _wb_match_find_index ((table), sizeof ((table)[0]), G_N_ELEMENTS (table), (value))

/* A map from 64-bit ids to slots: open addressing with linear probing and backward-shift
 * deletion, 12 bytes a bucket (wb-match-index.c). */
typedef struct {
  gint64 *keys;
  guint32 *values;
  guint32 mask;
  guint32 n;
} IdMap;

static inline guint32
id_hash (gint64  key,
         guint32 mask)
{
  return (guint32) (((guint64) key * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15)) >> 32) & mask;
}

static inline gboolean
id_map_lookup (const IdMap *map,
               gint64       key,
               guint32     *value)
{
  if (map->keys == NULL)
    return FALSE;
  for (guint32 i = id_hash (key, map->mask);; i = (i + 1) & map->mask)
    {
      if (map->keys[i] == key)
        {
          *value = map->values[i];
          return TRUE;
        }
      if (map->keys[i] == EMPTY_KEY)
        return FALSE;
    }
}

/* Entries are client slot << 8 | info, one word per candidate-competence pair. */
typedef struct {
  guint32 *entries;
  guint32 len;
  guint32 cap;
} Posting;

typedef struct {
  guint32 *competences;  /* dense competence indexes of the essential ones */
  guint32 n;
} Occupation;

typedef struct {
  gint64 id;
  gint64 organisation_id;
  guint32 *comps;          /* sorted: competence index << 8 | info */
  gint64 *occupations;
  guint64 sectors;         /* bit per interned sector */
  guint32 n_comps;
  guint32 n_occupations;
  guint32 diagnosis_day;   /* Julian day; 0: no diagnosis */
  guint16 pc4;             /* 0: not known */
  gint16 reach_km;         /* the reach used: own, by transport, or the default */
  gint16 max_travel_km;    /* -1: not known */
  gint8 education;         /* index in education_levels; -1: not known */
  gint8 hours;             /* -1: not known */
  gint8 capacity;          /* -1: not known */
  gint8 phase;             /* index in phases; -1: not known */
  gint8 motivation;        /* index in motivations; -1: not known */
  gint8 track;             /* index in tracks; -1: not known */
  gint8 transport;         /* index in transports; -1: not known */
  guint8 flags;
} ClientRow;

/* What a client's own data allows at most on the parts other than competences, for the
 * bound that comes before reading the row: travel, hours and capacity exactly, education
 * exactly, sector as known or not, readiness rounded up (a diagnosis counted as current). */
enum {
  BOUND_CAPACITY_MASK    = 0x03,  /* 0 not known, 1 below 30, 2 from 30, 3 from 80 */
  BOUND_SECTORS_UNKNOWN  = 1 << 2,
  BOUND_LICENCE          = 1 << 3,
  BOUND_IN_POOL          = 1 << 4,
};

typedef struct {
  guint16 pc4;
  gint16 reach_km;
  gint8 hours;
  gint8 education_rank;    /* -1: not known */
  guint8 flags;
  guint8 readiness;        /* upper bound of the readiness credit, in 255ths */
} SlotBound;

typedef struct {
  gint64 id;
  gint64 organisation_id;
  guint32 *reqs;           /* sorted: competence index << 8 | REQ_ESSENTIAL | level */
  guint32 n_reqs;
  guint32 n_essential;     /* without the licence */
  guint32 wc_units;        /* the units of full coverage, licence included */
  guint64 sector_bit;
  gint16 sector;           /* interned sector; -1: none */
  guint16 pc4;
  gint8 education;         /* the rank asked; -1: no requirement */
  gint8 education_index;
  gint8 hours;
  guint8 flags;
} VacancyRow;

/* Working memory of one ranking at a time (wb-match-rank.c). */
typedef struct _Scratch Scratch;

/* What a ranking needs beyond the rows: the weights and the dates. */
typedef struct {
  double w[WB_MATCH_N_PARTS];
  double wsum;
  guint32 today_day;
  guint32 cutoff_day;      /* a diagnosis before this day is stale */
} Ranking;

struct _WbMatchEngine
{
  GObject parent_instance;

  IdMap client_map;
  ClientRow *clients;
  SlotBound *bounds;       /* parallel to clients */
  guint32 n_client_slots;
  guint32 client_cap;
  GArray *free_clients;
  guint n_clients;
  guint n_with_occupations;

  IdMap vacancy_map;
  VacancyRow *vacancies;
  guint32 n_vacancy_slots;
  guint32 vacancy_cap;
  GArray *free_vacancies;
  guint n_vacancies;

  IdMap competence_map;
  gint64 *competence_ids;
  char **competence_labels;
  Posting *postings;
  guint32 n_competences;
  guint32 competence_cap;

  IdMap occupation_map;
  GArray *occupations;     /* Occupation */

  GHashTable *organisation_names;  /* gint64 * -> char * */
  GHashTable *sector_index;        /* char * -> index + 1 */
  GPtrArray *sector_names;

  WbGeo *geo;

  gboolean postings_dirty;
  gboolean inference_dirty;
  guint32 today_override;
  guint stale_months;

  Scratch *scratch;
};

/* The score: small pieces both the ranking and the explanation need. */

static inline guint32
units_for (guint32 info,
           guint32 required)
{
  guint32 level = info & INFO_LEVEL_MASK;

  if (info & INFO_INFERRED)
    return UNITS_INFERRED;
  if (required == 0)
    required = 1;
  if (level >= required)
    return UNITS_FULL;
  return UNITS_FULL * level / required;
}

static inline guint32
req_weight (guint32 req)
{
  return (req & REQ_ESSENTIAL) ? 2 : 1;
}

static inline WbMatchDiagnosisState
diagnosis_state (const ClientRow *c,
                 const Ranking   *r)
{
  if (c->diagnosis_day == 0)
    return WB_MATCH_DIAGNOSIS_NONE;
  return c->diagnosis_day < r->cutoff_day ? WB_MATCH_DIAGNOSIS_STALE : WB_MATCH_DIAGNOSIS_CURRENT;
}

static inline double
credit_education_steps (int diff)
{
  return diff <= 0 ? 1.0 : diff == 1 ? 0.6 : diff == 2 ? 0.3 : 0.1;
}

static inline double
credit_travel (double distance,
               int    reach)
{
  double r = reach;

  if (distance < 0)
    return WB_MATCH_UNKNOWN_CREDIT;
  if (distance <= r)
    return 1.0 - 0.3 * distance / r;
  return MAX (0.05, 0.7 - 0.5 * (distance - r) / r);
}

/* Home and work in the same postcode area are no distance apart, whether or not the area's
 * centre is loaded; otherwise the distance between the centres, or -1. */
static inline double
pc4_distance (const WbGeo *geo,
              int          vacancy_pc4,
              int          client_pc4)
{
  if (vacancy_pc4 == 0 || client_pc4 == 0)
    return -1;
  if (vacancy_pc4 == client_pc4)
    return 0;
  return wb_geo_pc4_distance_km (geo, vacancy_pc4, client_pc4);
}

/* wb-match-score.c */
guint32        _wb_match_parse_day            (const char           *text);
char          *_wb_match_format_day           (guint32               day);
int            _wb_match_months_between       (guint32               from,
                                               guint32               to);
void           _wb_match_ranking_init         (WbMatchEngine        *self,
                                               Ranking              *ranking,
                                               const WbMatchWeights *weights);
double         _wb_match_pair_score           (const Ranking        *r,
                                               const VacancyRow     *v,
                                               const ClientRow      *c,
                                               guint32               acc,
                                               double                distance,
                                               double               *credit);
void           _wb_match_slot_bound_update    (WbMatchEngine        *self,
                                               guint32               slot);
gboolean       _wb_match_weights_check        (const WbMatchWeights *weights,
                                               GError              **error);

/* wb-match-index.c */
void           _wb_match_index_init           (WbMatchEngine        *self);
void           _wb_match_index_clear          (WbMatchEngine        *self);
void           _wb_match_ensure_built         (WbMatchEngine        *self);

/* wb-match-rank.c */
Scratch       *_wb_match_scratch_new          (void);
void           _wb_match_scratch_free         (Scratch              *s);
gsize          _wb_match_scratch_bytes        (const Scratch        *s);

/* wb-match-gap.c */

/* What a comparison tells beyond the result. Requirement i of a result is v->reqs[i] of
 * its vacancy; the licence, when asked, comes last. */
typedef struct {
  guint n_missing_gap;     /* the gap's first items, missing; the rest are below the level */
  guint n_below;
  guint n_essential_present; /* essential competences there at any level or inferred, licence aside */
} Comparison;

guint32        _wb_match_compare_competences  (WbMatchEngine        *self,
                                               const VacancyRow     *v,
                                               const ClientRow      *c,
                                               WbMatchResult        *r,
                                               Comparison           *comparison);
gboolean       _wb_match_is_near_miss         (const VacancyRow     *v,
                                               const ClientRow      *c,
                                               guint32               essential_present);
guint32        _wb_match_essential_present    (const VacancyRow     *v,
                                               const ClientRow      *c);

/* wb-match-explain.c */
typedef struct {
  WbMatchMissing flag;
  const char *field;
  gboolean vacancy;
  const char *text;              /* %s: who can supply it */
  const char *text_unrecorded;   /* when the value is not recorded at all; NULL: as @text */
} MissingNote;

#define N_MISSING_NOTES 13

extern const MissingNote _wb_match_missing_notes[N_MISSING_NOTES];

void           _wb_match_explain              (WbMatchEngine        *self,
                                               const VacancyRow     *v,
                                               const ClientRow      *c,
                                               WbMatchResult        *r,
                                               const Comparison     *comparison);
char          *_wb_match_explain_capacity     (int                   capacity,
                                               gboolean              wage_cost_subsidy,
                                               gboolean              banded);

/* wb-match-result.c */
WbMatchResult *_wb_match_build_result         (WbMatchEngine        *self,
                                               const Ranking        *rk,
                                               const VacancyRow     *v,
                                               const ClientRow      *c,
                                               const WbMatchOptions *options);

G_END_DECLS
