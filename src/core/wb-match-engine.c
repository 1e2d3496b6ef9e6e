/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-match-engine"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "wb-match-engine.h"
#include "wb-validate.h"

/* How the index is laid out
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
#define N_BUCKETS         64
#define PC4_SLOTS         (WB_GEO_PC4_MAX + 1)
#define MAX_COMPETENCES   (1u << 24)
#define MAX_CLIENT_SLOTS  (1u << 24)
#define EMPTY_KEY         G_MININT64
#define BOUND_SLACK       1e-9
#define PREFETCH_AHEAD    16

enum {
  ROW_USED        = 1 << 0,
  ROW_LICENCE     = 1 << 1,  /* client: has one; vacancy: requires one */
  ROW_IN_POOL     = 1 << 2,
  ROW_REACH_KNOWN = 1 << 3,
  ROW_OPEN        = 1 << 4,
  ROW_WCS         = 1 << 5,  /* vacancy offers a wage-cost subsidy */
};

static const char * const part_names[WB_MATCH_N_PARTS] = {
  "competences", "education", "travel", "hours", "capacity", "sector", "readiness"
};

/* The same defaults as the server's match-weights resource. */
static const double default_weights[WB_MATCH_N_PARTS] = { 0.45, 0.10, 0.10, 0.10, 0.10, 0.05, 0.10 };

typedef struct {
  const char *name;
  int rank;
  const char *label;
} EducationLevel;

static const EducationLevel education_levels[] = {
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

typedef struct {
  const char *name;
  double credit;
  const char *label;
} Graded;

static const Graded phases[] = {
  { "intake", 0.2, N_("intake") },
  { "diagnosis", 0.2, N_("diagnosis") },
  { "activation", 0.4, N_("activation") },
  { "development", 0.7, N_("development") },
  { "work_ready", 1.0, N_("work-ready") },
  { "placed", 0.5, N_("placed") },
  { "after_care", 0.5, N_("after-care") },
  { "outflow", 0.0, N_("left the service") },
};

static const Graded tracks[] = {
  { "activering", 0.4, N_("activation track") },
  { "plaatsing", 1.0, N_("placement track, ready for mediation") },
};

static const Graded motivations[] = {
  { "low", 0.3, N_("low") },
  { "medium", 0.6, N_("medium") },
  { "high", 1.0, N_("high") },
};

typedef struct {
  const char *name;
  const char *label;
} Named;

static const Named transports[] = {
  { "none", N_("without transport of their own") },
  { "walking", N_("on foot") },
  { "bicycle", N_("by bicycle") },
  { "public_transport", N_("by public transport") },
  { "scooter", N_("by scooter") },
  { "car", N_("by car") },
};

static const Named sector_labels[] = {
  { "care", N_("care") },
  { "hospitality", N_("hospitality") },
  { "retail", N_("retail") },
  { "logistics", N_("logistics") },
  { "manufacturing", N_("manufacturing") },
  { "construction", N_("construction") },
  { "cleaning", N_("cleaning") },
  { "green", N_("green spaces") },
  { "customer_service", N_("customer service") },
  { "automotive", N_("automotive") },
  { "technology", N_("technology") },
  { "smart_services", N_("smart services") },
  { "medical_logistics", N_("medical logistics") },
  { "leisure", N_("leisure") },
  { "education", N_("education") },
  { "government", N_("government") },
  { "business_services", N_("business services") },
  { "agriculture", N_("agriculture") },
};

static int
find_index (const void *table,
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

#define FIND(table, value) find_index ((table), sizeof ((table)[0]), G_N_ELEMENTS (table), (value))

/* A map from 64-bit ids to slots: open addressing with linear probing and backward-shift
 * deletion, 12 bytes a bucket. */
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

static gboolean
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

static void id_map_insert (IdMap   *map,
                           gint64   key,
                           guint32  value);

static void
id_map_grow (IdMap *map)
{
  guint32 old_size = map->keys ? map->mask + 1 : 0;
  guint32 size = old_size ? old_size * 2 : 64;
  gint64 *old_keys = map->keys;
  guint32 *old_values = map->values;

  map->keys = g_new (gint64, size);
  map->values = g_new (guint32, size);
  map->mask = size - 1;
  map->n = 0;
  for (guint32 i = 0; i < size; i++)
    map->keys[i] = EMPTY_KEY;
  for (guint32 i = 0; i < old_size; i++)
    if (old_keys[i] != EMPTY_KEY)
      id_map_insert (map, old_keys[i], old_values[i]);
  g_free (old_keys);
  g_free (old_values);
}

static void
id_map_insert (IdMap   *map,
               gint64   key,
               guint32  value)
{
  if (map->keys == NULL || (map->n + 1) * 4 > (map->mask + 1) * 3)
    id_map_grow (map);
  for (guint32 i = id_hash (key, map->mask);; i = (i + 1) & map->mask)
    {
      if (map->keys[i] == key)
        {
          map->values[i] = value;
          return;
        }
      if (map->keys[i] == EMPTY_KEY)
        {
          map->keys[i] = key;
          map->values[i] = value;
          map->n++;
          return;
        }
    }
}

static gboolean
id_map_remove (IdMap  *map,
               gint64  key)
{
  guint32 i;

  if (map->keys == NULL)
    return FALSE;
  for (i = id_hash (key, map->mask);; i = (i + 1) & map->mask)
    {
      if (map->keys[i] == key)
        break;
      if (map->keys[i] == EMPTY_KEY)
        return FALSE;
    }

  /* Move later members of the probe chain back into the hole. */
  for (guint32 j = (i + 1) & map->mask; map->keys[j] != EMPTY_KEY; j = (j + 1) & map->mask)
    {
      guint32 home = id_hash (map->keys[j], map->mask);
      gboolean stays = i <= j ? (i < home && home <= j) : (i < home || home <= j);

      if (stays)
        continue;
      map->keys[i] = map->keys[j];
      map->values[i] = map->values[j];
      i = j;
    }
  map->keys[i] = EMPTY_KEY;
  map->n--;
  return TRUE;
}

static void
id_map_clear (IdMap *map)
{
  g_clear_pointer (&map->keys, g_free);
  g_clear_pointer (&map->values, g_free);
  map->mask = 0;
  map->n = 0;
}

static gsize
id_map_bytes (const IdMap *map)
{
  return map->keys ? (gsize) (map->mask + 1) * (sizeof (gint64) + sizeof (guint32)) : 0;
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

typedef struct {
  guint32 stamp;
  guint32 acc;
} SlotAcc;

typedef struct {
  double score;
  gint64 id;
  guint32 slot;
} HeapItem;

/* Working memory of one ranking at a time; stamps save clearing it between rankings. */
typedef struct {
  guint32 gen;
  guint32 n_slots;
  SlotAcc *acc;
  guint32 *touched;
  guint32 *touched_acc;    /* the units of each touched client, gathered once */
  guint32 *order;          /* indexes into touched, best coverage first */
  guint32 *levels;         /* per coverage level: how many clients, then where they go */
  guint32 n_levels;
  guint32 cgen;
  guint32 n_comps;
  guint32 *cstamp;
  guint8 *cinfo;
  guint32 dgen;
  guint32 dstamp[PC4_SLOTS];
  double dist[PC4_SLOTS];
  HeapItem *heap;
  guint heap_len;
  guint heap_cap;
} Scratch;

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

G_DEFINE_FINAL_TYPE (WbMatchEngine, wb_match_engine, G_TYPE_OBJECT)

G_DEFINE_QUARK (wb-match-error-quark, wb_match_error)

/* Dates */

static guint32
parse_day (const char *text)
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

static char *
format_day (guint32 day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date));
}

static int
months_between (guint32 from,
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

static void
ranking_init (WbMatchEngine        *self,
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
credit_education_steps (int diff)
{
  return diff <= 0 ? 1.0 : diff == 1 ? 0.6 : diff == 2 ? 0.3 : 0.1;
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
  diff = v->education - education_levels[c->education].rank;
  return credit_education_steps (diff);
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
  double phase = (c->flags & ROW_IN_POOL) ? 1.0 : c->phase < 0 ? WB_MATCH_UNKNOWN_CREDIT : phases[c->phase].credit;
  double track = c->track < 0 ? WB_MATCH_UNKNOWN_CREDIT : tracks[c->track].credit;
  double motivation = c->motivation < 0 ? WB_MATCH_UNKNOWN_CREDIT : motivations[c->motivation].credit;

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
G_NO_INLINE static double
pair_score (const Ranking    *r,
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

/* The best score a client with @acc_max units (licence included) could reach. Rounding is
 * monotonic, so this is never below the pair_score of such a client. */
static inline double
score_bound (const Ranking    *r,
             const VacancyRow *v,
             guint32           acc_max)
{
  double c0 = v->wc_units == 0 ? WB_MATCH_UNKNOWN_CREDIT : (double) acc_max / v->wc_units;
  double sum = r->w[0] * c0;

  for (guint i = 1; i < WB_MATCH_N_PARTS; i++)
    sum += r->w[i];
  return sum / r->wsum;
}

static void
slot_bound_update (WbMatchEngine *self,
                   guint32        slot)
{
  const ClientRow *c = &self->clients[slot];
  SlotBound *b = &self->bounds[slot];
  double readiness = readiness_with (c, c->diagnosis_day != 0 ? 1.0 : 0.0);

  b->pc4 = c->pc4;
  b->reach_km = c->reach_km;
  b->hours = c->hours;
  b->education_rank = c->education < 0 ? -1 : (gint8) education_levels[c->education].rank;
  b->flags = c->capacity < 0 ? 0 : c->capacity < 30 ? 1 : c->capacity < 80 ? 2 : 3;
  if (c->sectors == 0)
    b->flags |= BOUND_SECTORS_UNKNOWN;
  if (c->flags & ROW_LICENCE)
    b->flags |= BOUND_LICENCE;
  b->readiness = (guint8) MIN (255.0, ceil (readiness * 255));
}

/* Never below the pair_score of the client of @b with @acc units (licence not included):
 * each part is the same or more, summed in the same order. */
static inline double
slot_bound (const Ranking    *r,
            const VacancyRow *v,
            const SlotBound  *b,
            guint32           acc,
            double            distance)
{
  guint32 capacity = b->flags & BOUND_CAPACITY_MASK;
  gboolean wcs = (v->flags & ROW_WCS) != 0;
  int hours = MAX (v->hours, 1);
  double sum;

  if ((v->flags & ROW_LICENCE) && (b->flags & BOUND_LICENCE))
    acc += LICENCE_UNITS;
  sum = r->w[0] * (v->wc_units == 0 ? WB_MATCH_UNKNOWN_CREDIT : (double) acc / v->wc_units);
  sum += r->w[1] * (v->education < 0 ? 1.0 : b->education_rank < 0 ? WB_MATCH_UNKNOWN_CREDIT
                                          : credit_education_steps (v->education - b->education_rank));
  sum += r->w[2] * credit_travel (distance, b->reach_km);
  sum += r->w[3] * (b->hours < 0 ? WB_MATCH_UNKNOWN_CREDIT : b->hours >= hours ? 1.0 : (double) b->hours / hours);
  sum += r->w[4] * (capacity == 0 ? WB_MATCH_UNKNOWN_CREDIT : capacity == 3 ? 1.0
                    : capacity == 2 ? (wcs ? 0.9 : 0.5) : (wcs ? 0.4 : 0.2));
  sum += r->w[5] * ((b->flags & BOUND_SECTORS_UNKNOWN) ? WB_MATCH_UNKNOWN_CREDIT : 1.0);
  sum += r->w[6] * (b->readiness / 255.0);
  return sum / r->wsum;
}

/* Scratch memory */

static Scratch *
scratch_new (void)
{
  Scratch *s = g_new0 (Scratch, 1);

  s->gen = 1;
  s->cgen = 1;
  s->dgen = 1;
  return s;
}

static void
scratch_free (Scratch *s)
{
  if (s == NULL)
    return;
  g_free (s->acc);
  g_free (s->touched);
  g_free (s->touched_acc);
  g_free (s->order);
  g_free (s->levels);
  g_free (s->cstamp);
  g_free (s->cinfo);
  g_free (s->heap);
  g_free (s);
}

static gsize
scratch_bytes (const Scratch *s)
{
  if (s == NULL)
    return 0;
  return sizeof (Scratch) + (gsize) s->n_slots * (sizeof (SlotAcc) + 3 * sizeof (guint32)) +
         (gsize) s->n_comps * (sizeof (guint32) + 1) + (gsize) s->heap_cap * sizeof (HeapItem) +
         (gsize) s->n_levels * sizeof (guint32);
}

static void
scratch_fit (Scratch *s,
             guint32  n_slots,
             guint32  n_comps)
{
  if (s->n_slots < n_slots)
    {
      s->acc = g_renew (SlotAcc, s->acc, n_slots);
      memset (s->acc + s->n_slots, 0, (gsize) (n_slots - s->n_slots) * sizeof (SlotAcc));
      s->touched = g_renew (guint32, s->touched, n_slots);
      s->touched_acc = g_renew (guint32, s->touched_acc, n_slots);
      s->order = g_renew (guint32, s->order, n_slots);
      s->n_slots = n_slots;
    }
  if (s->n_comps < n_comps)
    {
      s->cstamp = g_renew (guint32, s->cstamp, n_comps);
      memset (s->cstamp + s->n_comps, 0, (gsize) (n_comps - s->n_comps) * sizeof (guint32));
      s->cinfo = g_renew (guint8, s->cinfo, n_comps);
      s->n_comps = n_comps;
    }
}

static void
scratch_fit_levels (Scratch *s,
                    guint32  n_levels)
{
  if (s->n_levels < n_levels)
    {
      s->levels = g_renew (guint32, s->levels, n_levels);
      s->n_levels = n_levels;
    }
}

static guint32
scratch_next_gen (Scratch *s)
{
  if (++s->gen == 0)
    {
      for (guint32 i = 0; i < s->n_slots; i++)
        s->acc[i].stamp = 0;
      s->gen = 1;
    }
  return s->gen;
}

static guint32
scratch_next_cgen (Scratch *s)
{
  if (++s->cgen == 0)
    {
      memset (s->cstamp, 0, (gsize) s->n_comps * sizeof (guint32));
      s->cgen = 1;
    }
  return s->cgen;
}

static void
scratch_next_dgen (Scratch *s)
{
  if (++s->dgen == 0)
    {
      memset (s->dstamp, 0, sizeof s->dstamp);
      s->dgen = 1;
    }
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

/* The distance between a vacancy and a client, remembered per @key (the PC4 that varies
 * within one ranking); always computed from the vacancy's side. */
static inline double
scratch_distance (Scratch     *s,
                  const WbGeo *geo,
                  int          vacancy_pc4,
                  int          client_pc4,
                  int          key)
{
  if (vacancy_pc4 == 0 || client_pc4 == 0)
    return -1;
  if (s->dstamp[key] != s->dgen)
    {
      s->dstamp[key] = s->dgen;
      s->dist[key] = pc4_distance (geo, vacancy_pc4, client_pc4);
    }
  return s->dist[key];
}

/* A bounded heap of the best N: the root is the worst kept. Worse means a lower score, or
 * the same score and a higher id, so that the order is total and repeatable. */
static inline gboolean
heap_worse (const HeapItem *a,
            const HeapItem *b)
{
  return a->score < b->score || (a->score == b->score && a->id > b->id);
}

static void
heap_reset (Scratch *s,
            guint    limit)
{
  if (s->heap_cap < limit)
    {
      s->heap = g_renew (HeapItem, s->heap, limit);
      s->heap_cap = limit;
    }
  s->heap_len = 0;
}

static inline gboolean
heap_full (const Scratch *s,
           guint          limit)
{
  return s->heap_len >= limit;
}

static void
heap_sift_down (HeapItem *heap,
                guint     len,
                guint     i)
{
  for (;;)
    {
      guint l = 2 * i + 1, r = l + 1, worst = i;
      HeapItem tmp;

      if (l < len && heap_worse (&heap[l], &heap[worst]))
        worst = l;
      if (r < len && heap_worse (&heap[r], &heap[worst]))
        worst = r;
      if (worst == i)
        return;
      tmp = heap[i];
      heap[i] = heap[worst];
      heap[worst] = tmp;
      i = worst;
    }
}

static inline void
heap_offer (Scratch *s,
            guint    limit,
            double   score,
            gint64   id,
            guint32  slot)
{
  HeapItem item = { score, id, slot };

  if (s->heap_len < limit)
    {
      guint i = s->heap_len++;

      while (i > 0)
        {
          guint parent = (i - 1) / 2;

          if (!heap_worse (&item, &s->heap[parent]))
            break;
          s->heap[i] = s->heap[parent];
          i = parent;
        }
      s->heap[i] = item;
    }
  else if (heap_worse (&s->heap[0], &item))
    {
      s->heap[0] = item;
      heap_sift_down (s->heap, s->heap_len, 0);
    }
}

static int
heap_item_compare_best_first (gconstpointer a,
                              gconstpointer b)
{
  const HeapItem *x = a, *y = b;

  if (heap_worse (y, x))
    return -1;
  if (heap_worse (x, y))
    return 1;
  return 0;
}

/* Competences, occupations, sectors */

static guint32
intern_competence (WbMatchEngine *self,
                   gint64         competence_id)
{
  guint32 index;

  if (id_map_lookup (&self->competence_map, competence_id, &index))
    return index;

  g_return_val_if_fail (self->n_competences < MAX_COMPETENCES - 1, 0);
  if (self->n_competences == self->competence_cap)
    {
      guint32 cap = MAX (64, self->competence_cap * 2);

      self->competence_ids = g_renew (gint64, self->competence_ids, cap);
      self->competence_labels = g_renew (char *, self->competence_labels, cap);
      self->postings = g_renew (Posting, self->postings, cap);
      self->competence_cap = cap;
    }
  index = self->n_competences++;
  self->competence_ids[index] = competence_id;
  self->competence_labels[index] = NULL;
  memset (&self->postings[index], 0, sizeof (Posting));
  id_map_insert (&self->competence_map, competence_id, index);
  return index;
}

static const Occupation *
lookup_occupation (WbMatchEngine *self,
                   gint64         occupation_id)
{
  guint32 index;

  if (!id_map_lookup (&self->occupation_map, occupation_id, &index))
    return NULL;
  return &g_array_index (self->occupations, Occupation, index);
}

static int
intern_sector (WbMatchEngine *self,
               const char    *sector)
{
  gpointer value;

  if (sector == NULL || *sector == '\0')
    return -1;
  value = g_hash_table_lookup (self->sector_index, sector);
  if (value != NULL)
    return GPOINTER_TO_INT (value) - 1;
  g_ptr_array_add (self->sector_names, g_strdup (sector));
  g_hash_table_insert (self->sector_index, g_strdup (sector), GINT_TO_POINTER (self->sector_names->len));
  return (int) self->sector_names->len - 1;
}

static inline guint64
sector_bit (int index)
{
  /* More than 64 distinct sectors cannot be told apart; they then simply never match. */
  return index >= 0 && index < 64 ? G_GUINT64_CONSTANT (1) << index : 0;
}

static const char *
sector_label (WbMatchEngine *self,
              int            index)
{
  const char *name;
  int known;

  if (index < 0 || (guint) index >= self->sector_names->len)
    return _("this sector");
  name = self->sector_names->pdata[index];
  known = FIND (sector_labels, name);
  return known >= 0 ? _(sector_labels[known].label) : name;
}

/* Posting lists */

static void
posting_append (Posting *p,
                guint32  slot,
                guint8   info)
{
  if (p->len == p->cap)
    {
      guint32 cap = MAX (8, p->cap + p->cap / 2);

      p->entries = g_renew (guint32, p->entries, cap);
      p->cap = cap;
    }
  p->entries[p->len] = slot << 8 | info;
  p->len++;
}

static void
posting_remove (Posting *p,
                guint32  slot)
{
  for (guint32 j = 0; j < p->len; j++)
    if (p->entries[j] >> 8 == slot)
      {
        p->len--;
        p->entries[j] = p->entries[p->len];
        return;
      }
  g_assert_not_reached ();
}

static void
client_add_postings (WbMatchEngine *self,
                     guint32        slot)
{
  const ClientRow *c = &self->clients[slot];

  for (guint32 i = 0; i < c->n_comps; i++)
    posting_append (&self->postings[c->comps[i] >> 8], slot, c->comps[i] & 0xff);
}

static void
client_remove_postings (WbMatchEngine *self,
                        guint32        slot)
{
  const ClientRow *c = &self->clients[slot];

  for (guint32 i = 0; i < c->n_comps; i++)
    posting_remove (&self->postings[c->comps[i] >> 8], slot);
}

/* All posting lists again, exactly sized and in slot order (which keeps the walk over
 * the accumulator moving forward in memory). */
static void
rebuild_postings (WbMatchEngine *self)
{
  for (guint32 k = 0; k < self->n_competences; k++)
    {
      Posting *p = &self->postings[k];

      g_clear_pointer (&p->entries, g_free);
      p->len = 0;
      p->cap = 0;
    }
  for (guint32 slot = 0; slot < self->n_client_slots; slot++)
    {
      const ClientRow *c = &self->clients[slot];

      if (c->flags & ROW_USED)
        for (guint32 i = 0; i < c->n_comps; i++)
          self->postings[c->comps[i] >> 8].cap++;
    }
  for (guint32 k = 0; k < self->n_competences; k++)
    {
      Posting *p = &self->postings[k];

      if (p->cap > 0)
        {
          p->entries = g_new (guint32, p->cap);
        }
    }
  for (guint32 slot = 0; slot < self->n_client_slots; slot++)
    {
      const ClientRow *c = &self->clients[slot];

      if (c->flags & ROW_USED)
        for (guint32 i = 0; i < c->n_comps; i++)
          {
            Posting *p = &self->postings[c->comps[i] >> 8];

            p->entries[p->len++] = slot << 8 | (c->comps[i] & 0xff);
          }
    }
  self->postings_dirty = FALSE;
}

static int
compare_guint32 (gconstpointer a,
                 gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

/* The client's competences: the diagnosed ones (@diagnosed, sorted and unique), then what
 * its work experience adds that was not diagnosed. */
static void
client_set_competences (WbMatchEngine *self,
                        ClientRow     *c,
                        const guint32 *diagnosed,
                        guint32        n_diagnosed)
{
  g_autoptr(GArray) inferred = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint32 *merged;
  guint32 n = 0, i = 0, j = 0;

  for (guint32 o = 0; o < c->n_occupations; o++)
    {
      const Occupation *occupation = lookup_occupation (self, c->occupations[o]);

      if (occupation == NULL)
        continue;
      for (guint32 k = 0; k < occupation->n; k++)
        {
          guint32 word = occupation->competences[k] << 8 | INFO_INFERRED;

          g_array_append_val (inferred, word);
        }
    }
  g_array_sort (inferred, compare_guint32);

  merged = g_new (guint32, n_diagnosed + inferred->len);
  while (i < n_diagnosed || j < inferred->len)
    {
      guint32 a = i < n_diagnosed ? diagnosed[i] >> 8 : G_MAXUINT32;
      guint32 b = j < inferred->len ? g_array_index (inferred, guint32, j) >> 8 : G_MAXUINT32;

      if (a <= b)
        {
          merged[n++] = diagnosed[i++];
          /* A diagnosis says more than an inference: skip the inferred copies. */
          while (j < inferred->len && g_array_index (inferred, guint32, j) >> 8 == a)
            j++;
        }
      else
        {
          merged[n++] = g_array_index (inferred, guint32, j++);
          while (j < inferred->len && g_array_index (inferred, guint32, j) >> 8 == b)
            j++;
        }
    }
  g_free (c->comps);
  if (n > 0)
    c->comps = g_renew (guint32, merged, n);
  else
    {
      g_free (merged);
      c->comps = NULL;
    }
  c->n_comps = n;
}

static void
client_reinfer (WbMatchEngine *self,
                ClientRow     *c)
{
  g_autofree guint32 *diagnosed = g_new (guint32, MAX (c->n_comps, 1));
  guint32 n = 0;

  for (guint32 i = 0; i < c->n_comps; i++)
    if (!(c->comps[i] & INFO_INFERRED))
      diagnosed[n++] = c->comps[i];
  client_set_competences (self, c, diagnosed, n);
}

static void
ensure_built (WbMatchEngine *self)
{
  if (self->inference_dirty)
    {
      for (guint32 slot = 0; slot < self->n_client_slots; slot++)
        if ((self->clients[slot].flags & ROW_USED) && self->clients[slot].n_occupations > 0)
          client_reinfer (self, &self->clients[slot]);
      self->inference_dirty = FALSE;
      self->postings_dirty = TRUE;
    }
  if (self->postings_dirty)
    rebuild_postings (self);
}

static void
client_row_clear (WbMatchEngine *self,
                  ClientRow     *c)
{
  if (c->n_occupations > 0)
    self->n_with_occupations--;
  g_free (c->comps);
  g_free (c->occupations);
  memset (c, 0, sizeof *c);
}

static void
vacancy_row_clear (VacancyRow *v)
{
  g_free (v->reqs);
  memset (v, 0, sizeof *v);
}

/* GObject */

static void
wb_match_engine_finalize (GObject *object)
{
  WbMatchEngine *self = (WbMatchEngine *) object;

  for (guint32 slot = 0; slot < self->n_client_slots; slot++)
    client_row_clear (self, &self->clients[slot]);
  g_free (self->clients);
  g_free (self->bounds);
  g_array_unref (self->free_clients);
  id_map_clear (&self->client_map);

  for (guint32 slot = 0; slot < self->n_vacancy_slots; slot++)
    vacancy_row_clear (&self->vacancies[slot]);
  g_free (self->vacancies);
  g_array_unref (self->free_vacancies);
  id_map_clear (&self->vacancy_map);

  for (guint32 k = 0; k < self->n_competences; k++)
    {
      g_free (self->postings[k].entries);
      g_free (self->competence_labels[k]);
    }
  g_free (self->postings);
  g_free (self->competence_ids);
  g_free (self->competence_labels);
  id_map_clear (&self->competence_map);

  for (guint i = 0; i < self->occupations->len; i++)
    g_free (g_array_index (self->occupations, Occupation, i).competences);
  g_array_unref (self->occupations);
  id_map_clear (&self->occupation_map);

  g_hash_table_unref (self->organisation_names);
  g_hash_table_unref (self->sector_index);
  g_ptr_array_unref (self->sector_names);
  wb_geo_free (self->geo);
  scratch_free (self->scratch);

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
  self->free_clients = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->free_vacancies = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->occupations = g_array_new (FALSE, FALSE, sizeof (Occupation));
  self->organisation_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->sector_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->sector_names = g_ptr_array_new_with_free_func (g_free);
  self->geo = wb_geo_new ();
  self->stale_months = WB_MATCH_DEFAULT_STALE_MONTHS;
  self->scratch = scratch_new ();
}

/* Public: small types */

const char *
wb_match_part_to_string (WbMatchPart part)
{
  g_return_val_if_fail (part < WB_MATCH_N_PARTS, NULL);
  return part_names[part];
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
    json_object_set_double_member (object, part_names[i], weights->part[i]);
  return object;
}

static gboolean
weights_check (const WbMatchWeights  *weights,
               GError               **error)
{
  double sum = 0;

  for (guint i = 0; i < WB_MATCH_N_PARTS; i++)
    {
      if (!isfinite (weights->part[i]) || weights->part[i] < 0 || weights->part[i] > 1)
        {
          g_set_error (error, WB_MATCH_ERROR, WB_MATCH_ERROR_INVALID,
                       _("The weight of %s must be a number from 0 to 1."), part_names[i]);
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
        if (strcmp (part_names[i], l->data) == 0)
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
                       _("The weight of %s must be a number from 0 to 1."), part_names[part]);
          return FALSE;
        }
      result.part[part] = json_node_get_double (node);
    }
  if (!weights_check (&result, error))
    return FALSE;
  *weights = result;
  return TRUE;
}

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
wb_match_result_free (WbMatchResult *result)
{
  if (result == NULL)
    return;
  for (guint i = 0; i < WB_MATCH_N_PARTS; i++)
    g_free (result->explanation[i]);
  g_clear_pointer (&result->gap, g_array_unref);
  g_clear_pointer (&result->inferred, g_array_unref);
  g_clear_pointer (&result->gap_labels, g_ptr_array_unref);
  g_clear_pointer (&result->inferred_labels, g_ptr_array_unref);
  g_clear_pointer (&result->missing_notes, g_ptr_array_unref);
  g_free (result->diagnosis_date);
  g_free (result->client_organisation);
  g_free (result);
}

static char *explain_capacity (int      capacity,
                               gboolean wage_cost_subsidy,
                               gboolean banded);

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
        explain_capacity (result->work_capacity, result->wage_cost_subsidy_offered, TRUE);
    }
}

void
wb_match_cross_entry_free (WbMatchCrossEntry *entry)
{
  if (entry == NULL)
    return;
  g_clear_pointer (&entry->results, g_ptr_array_unref);
  g_free (entry);
}

/* Public: reference data */

WbMatchEngine *
wb_match_engine_new (void)
{
  return g_object_new (WB_TYPE_MATCH_ENGINE, NULL);
}

void
wb_match_engine_set_competence_label (WbMatchEngine *self,
                                      gint64         competence_id,
                                      const char    *label)
{
  guint32 index;

  g_return_if_fail (WB_IS_MATCH_ENGINE (self));
  g_return_if_fail (competence_id != EMPTY_KEY);

  index = intern_competence (self, competence_id);
  g_free (self->competence_labels[index]);
  self->competence_labels[index] = label && *label ? g_strdup (label) : NULL;
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
wb_match_engine_set_occupation_competences (WbMatchEngine  *self,
                                            gint64          occupation_id,
                                            const gint64   *competence_ids,
                                            const gboolean *essential,
                                            guint           n)
{
  g_autoptr(GArray) comps = g_array_new (FALSE, FALSE, sizeof (guint32));
  Occupation *occupation;
  guint32 index;

  g_return_if_fail (WB_IS_MATCH_ENGINE (self));
  g_return_if_fail (occupation_id != EMPTY_KEY);
  g_return_if_fail (n == 0 || competence_ids != NULL);

  for (guint i = 0; i < n; i++)
    if (essential == NULL || essential[i])
      {
        guint32 comp = intern_competence (self, competence_ids[i]);

        g_array_append_val (comps, comp);
      }
  g_array_sort (comps, compare_guint32);

  if (!id_map_lookup (&self->occupation_map, occupation_id, &index))
    {
      Occupation empty = { NULL, 0 };

      index = self->occupations->len;
      g_array_append_val (self->occupations, empty);
      id_map_insert (&self->occupation_map, occupation_id, index);
    }
  occupation = &g_array_index (self->occupations, Occupation, index);
  g_free (occupation->competences);
  occupation->n = 0;
  for (guint i = 0; i < comps->len; i++)
    if (i == 0 || g_array_index (comps, guint32, i) != g_array_index (comps, guint32, i - 1))
      g_array_index (comps, guint32, occupation->n++) = g_array_index (comps, guint32, i);
  occupation->competences = occupation->n > 0 ? g_memdup2 (comps->data, occupation->n * sizeof (guint32)) : NULL;

  if (self->n_with_occupations > 0)
    self->inference_dirty = TRUE;
}

void
wb_match_engine_set_today (WbMatchEngine *self,
                           const char    *date)
{
  g_return_if_fail (WB_IS_MATCH_ENGINE (self));
  self->today_override = parse_day (date);
}

void
wb_match_engine_set_stale_months (WbMatchEngine *self,
                                  guint          months)
{
  g_return_if_fail (WB_IS_MATCH_ENGINE (self));
  self->stale_months = months;
}

/* Public: clients and vacancies */

gboolean
wb_match_engine_remove_client (WbMatchEngine *self,
                               gint64         client_id)
{
  guint32 slot;

  g_return_val_if_fail (WB_IS_MATCH_ENGINE (self), FALSE);

  if (!id_map_lookup (&self->client_map, client_id, &slot))
    return FALSE;
  if (!self->postings_dirty && !self->inference_dirty)
    client_remove_postings (self, slot);
  client_row_clear (self, &self->clients[slot]);
  id_map_remove (&self->client_map, client_id);
  g_array_append_val (self->free_clients, slot);
  self->n_clients--;
  return TRUE;
}

gboolean
wb_match_engine_has_client (WbMatchEngine *self,
                            gint64         client_id)
{
  guint32 slot;

  g_return_val_if_fail (WB_IS_MATCH_ENGINE (self), FALSE);
  return id_map_lookup (&self->client_map, client_id, &slot);
}

static gint16
clamp16 (int value,
         int lo,
         int hi)
{
  return (gint16) CLAMP (value, lo, hi);
}

void
wb_match_engine_set_client (WbMatchEngine          *self,
                            const WbMatchCandidate *candidate)
{
  g_autofree guint32 *diagnosed = NULL;
  guint32 n_diagnosed = 0;
  ClientRow *c;
  guint32 slot;
  int reach;

  g_return_if_fail (WB_IS_MATCH_ENGINE (self));
  g_return_if_fail (candidate != NULL);
  g_return_if_fail (candidate->id != EMPTY_KEY);
  g_return_if_fail (candidate->n_competences == 0 || candidate->competences != NULL);
  g_return_if_fail (candidate->n_occupations == 0 || candidate->occupations != NULL);

  /* Only active clients are candidates. */
  if (candidate->status != NULL && *candidate->status != '\0' && strcmp (candidate->status, "active") != 0)
    {
      wb_match_engine_remove_client (self, candidate->id);
      return;
    }

  if (id_map_lookup (&self->client_map, candidate->id, &slot))
    {
      if (!self->postings_dirty && !self->inference_dirty)
        client_remove_postings (self, slot);
      client_row_clear (self, &self->clients[slot]);
    }
  else
    {
      if (self->free_clients->len > 0)
        {
          slot = g_array_index (self->free_clients, guint32, self->free_clients->len - 1);
          g_array_set_size (self->free_clients, self->free_clients->len - 1);
        }
      else
        {
          g_return_if_fail (self->n_client_slots < MAX_CLIENT_SLOTS);
          if (self->n_client_slots == self->client_cap)
            {
              self->client_cap = MAX (256, self->client_cap + self->client_cap / 2);
              self->clients = g_renew (ClientRow, self->clients, self->client_cap);
              self->bounds = g_renew (SlotBound, self->bounds, self->client_cap);
            }
          slot = self->n_client_slots++;
          memset (&self->clients[slot], 0, sizeof (ClientRow));
        }
      id_map_insert (&self->client_map, candidate->id, slot);
      self->n_clients++;
    }

  c = &self->clients[slot];
  c->id = candidate->id;
  c->organisation_id = candidate->organisation_id;
  c->flags = ROW_USED;
  if (candidate->driving_licence)
    c->flags |= ROW_LICENCE;
  if (candidate->in_pool)
    c->flags |= ROW_IN_POOL;
  c->pc4 = (guint16) wb_geo_parse_pc4 (candidate->pc4);
  c->education = (gint8) FIND (education_levels, candidate->education_level);
  c->transport = (gint8) FIND (transports, candidate->transport);
  c->phase = (gint8) FIND (phases, candidate->phase);
  c->motivation = (gint8) FIND (motivations, candidate->motivation);
  c->track = (gint8) FIND (tracks, candidate->track);
  c->hours = candidate->hours_available < 0 ? -1 : (gint8) MIN (candidate->hours_available, 100);
  c->capacity = candidate->work_capacity < 0 ? -1 : (gint8) MIN (candidate->work_capacity, 100);
  c->max_travel_km = candidate->max_travel_km < 0 ? -1 : clamp16 (candidate->max_travel_km, 0, 10000);
  reach = c->max_travel_km >= 0 ? MAX (c->max_travel_km, 1)
        : c->transport >= 0 ? wb_geo_default_reach_km (transports[c->transport].name) : -1;
  if (reach > 0)
    c->flags |= ROW_REACH_KNOWN;
  c->reach_km = reach > 0 ? (gint16) reach : WB_MATCH_DEFAULT_REACH_KM;
  c->diagnosis_day = parse_day (candidate->diagnosis_date);

  for (guint i = 0; candidate->sectors != NULL && candidate->sectors[i] != NULL; i++)
    c->sectors |= sector_bit (intern_sector (self, candidate->sectors[i]));

  if (candidate->n_occupations > 0)
    {
      c->occupations = g_memdup2 (candidate->occupations, candidate->n_occupations * sizeof (gint64));
      c->n_occupations = candidate->n_occupations;
      self->n_with_occupations++;
    }

  /* Diagnosed competences: sorted, one per competence, the highest level when repeated. */
  diagnosed = g_new (guint32, MAX (candidate->n_competences, 1));
  for (guint i = 0; i < candidate->n_competences; i++)
    {
      guint32 level = (guint32) CLAMP (candidate->competences[i].level, 1, 5);

      diagnosed[n_diagnosed++] = intern_competence (self, candidate->competences[i].competence_id) << 8 | level;
    }
  qsort (diagnosed, n_diagnosed, sizeof (guint32), compare_guint32);
  {
    guint32 n = 0;

    for (guint32 i = 0; i < n_diagnosed; i++)
      {
        if (n > 0 && diagnosed[n - 1] >> 8 == diagnosed[i] >> 8)
          diagnosed[n - 1] = diagnosed[i];   /* sorted, so this one has the higher level */
        else
          diagnosed[n++] = diagnosed[i];
      }
    n_diagnosed = n;
  }
  client_set_competences (self, c, diagnosed, n_diagnosed);
  slot_bound_update (self, slot);

  if (!self->postings_dirty && !self->inference_dirty)
    client_add_postings (self, slot);
}

gboolean
wb_match_engine_remove_vacancy (WbMatchEngine *self,
                                gint64         vacancy_id)
{
  guint32 slot;

  g_return_val_if_fail (WB_IS_MATCH_ENGINE (self), FALSE);

  if (!id_map_lookup (&self->vacancy_map, vacancy_id, &slot))
    return FALSE;
  vacancy_row_clear (&self->vacancies[slot]);
  id_map_remove (&self->vacancy_map, vacancy_id);
  g_array_append_val (self->free_vacancies, slot);
  self->n_vacancies--;
  return TRUE;
}

gboolean
wb_match_engine_has_vacancy (WbMatchEngine *self,
                             gint64         vacancy_id)
{
  guint32 slot;

  g_return_val_if_fail (WB_IS_MATCH_ENGINE (self), FALSE);
  return id_map_lookup (&self->vacancy_map, vacancy_id, &slot);
}

void
wb_match_engine_set_vacancy (WbMatchEngine        *self,
                             const WbMatchVacancy *vacancy)
{
  g_autofree guint32 *reqs = NULL;
  guint32 n = 0;
  VacancyRow *v;
  guint32 slot;
  int education;

  g_return_if_fail (WB_IS_MATCH_ENGINE (self));
  g_return_if_fail (vacancy != NULL);
  g_return_if_fail (vacancy->id != EMPTY_KEY);
  g_return_if_fail (vacancy->n_competences == 0 || vacancy->competences != NULL);

  reqs = g_new (guint32, MAX (vacancy->n_competences, 1));
  for (guint i = 0; i < vacancy->n_competences; i++)
    {
      const WbMatchRequirement *req = &vacancy->competences[i];

      reqs[n++] = intern_competence (self, req->competence_id) << 8 |
                  (req->essential ? REQ_ESSENTIAL : 0) | (guint32) CLAMP (req->level, 0, 5);
    }
  qsort (reqs, n, sizeof (guint32), compare_guint32);
  {
    /* One requirement per competence: the sorted order puts the essential, highest one last. */
    guint32 m = 0;

    for (guint32 i = 0; i < n; i++)
      {
        if (m > 0 && reqs[m - 1] >> 8 == reqs[i] >> 8)
          reqs[m - 1] = reqs[i];
        else
          reqs[m++] = reqs[i];
      }
    n = m;
  }

  if (!id_map_lookup (&self->vacancy_map, vacancy->id, &slot))
    {
      if (self->free_vacancies->len > 0)
        {
          slot = g_array_index (self->free_vacancies, guint32, self->free_vacancies->len - 1);
          g_array_set_size (self->free_vacancies, self->free_vacancies->len - 1);
        }
      else
        {
          if (self->n_vacancy_slots == self->vacancy_cap)
            {
              self->vacancy_cap = MAX (64, self->vacancy_cap * 2);
              self->vacancies = g_renew (VacancyRow, self->vacancies, self->vacancy_cap);
            }
          slot = self->n_vacancy_slots++;
          memset (&self->vacancies[slot], 0, sizeof (VacancyRow));
        }
      id_map_insert (&self->vacancy_map, vacancy->id, slot);
      self->n_vacancies++;
    }
  else
    vacancy_row_clear (&self->vacancies[slot]);

  v = &self->vacancies[slot];
  v->id = vacancy->id;
  v->organisation_id = vacancy->organisation_id;
  v->flags = ROW_USED;
  if (vacancy->status == NULL || *vacancy->status == '\0' || strcmp (vacancy->status, "open") == 0)
    v->flags |= ROW_OPEN;
  if (vacancy->licence_required)
    v->flags |= ROW_LICENCE;
  if (vacancy->wage_cost_subsidy)
    v->flags |= ROW_WCS;
  v->pc4 = (guint16) wb_geo_parse_pc4 (vacancy->pc4);
  education = FIND (education_levels, vacancy->education_level);
  v->education_index = (gint8) education;
  v->education = education < 0 || education_levels[education].rank == 0 ? -1 : (gint8) education_levels[education].rank;
  v->hours = (gint8) CLAMP (vacancy->hours, 0, 100);
  v->sector = (gint16) intern_sector (self, vacancy->sector);
  v->sector_bit = sector_bit (v->sector);
  v->n_reqs = n;
  v->reqs = n > 0 ? g_memdup2 (reqs, n * sizeof (guint32)) : NULL;
  v->wc_units = (vacancy->licence_required ? LICENCE_UNITS : 0);
  for (guint32 i = 0; i < n; i++)
    {
      v->wc_units += UNITS_FULL * req_weight (reqs[i]);
      if (reqs[i] & REQ_ESSENTIAL)
        v->n_essential++;
    }
}

void
wb_match_engine_build (WbMatchEngine *self)
{
  g_return_if_fail (WB_IS_MATCH_ENGINE (self));

  if (!self->inference_dirty)
    self->postings_dirty = TRUE;   /* to size the lists exactly */
  ensure_built (self);
}

/* Explanations */

static const char *
organisation_name (WbMatchEngine *self,
                   gint64         organisation_id)
{
  return g_hash_table_lookup (self->organisation_names, &organisation_id);
}

static char *
competence_label (WbMatchEngine *self,
                  guint32        index)
{
  g_autofree char *id = NULL;

  if (self->competence_labels[index] != NULL)
    return g_strdup (self->competence_labels[index]);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, self->competence_ids[index]);
  return g_strdup_printf (_("competence %s"), id);
}

static char *
join_labels (GPtrArray *labels,
             guint      from,
             guint      n,
             guint      max)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n && i < max; i++)
    {
      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, labels->pdata[from + i]);
    }
  if (n > max)
    {
      g_autofree char *list = g_string_free (text, FALSE);

      return g_strdup_printf (_("%s and %u more"), list, n - max);
    }
  return g_string_free (text, FALSE);
}

static char *
explain_competences (WbMatchEngine       *self,
                     const VacancyRow    *v,
                     const ClientRow     *c,
                     const WbMatchResult *r,
                     guint                n_missing_gap,
                     guint                n_below)
{
  GString *text = g_string_new (NULL);

  if (v->wc_units == 0)
    {
      g_string_append (text, _("The vacancy lists no competences, so they could not be compared."));
      return g_string_free (text, FALSE);
    }
  if (c->n_comps == 0)
    g_string_append (text, _("No competences of the client are known: there is no diagnosis with "
                             "competences and no work experience to infer them from."));
  else if (r->n_essential > 0)
    g_string_append_printf (text, _("Has %u of the %u essential competences."),
                            r->n_essential - r->n_essential_missing, r->n_essential);
  if (c->n_comps > 0 && r->n_optional > 0)
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append_printf (text, _("Has %u of the %u other competences asked."),
                              r->n_optional_present, r->n_optional);
    }
  if (n_missing_gap > 0)
    {
      g_autofree char *list = join_labels (r->gap_labels, 0, n_missing_gap, 6);

      g_string_append_c (text, ' ');
      g_string_append_printf (text, _("Lacks: %s."), list);
    }
  if (n_below > 0)
    {
      g_autofree char *list = join_labels (r->gap_labels, n_missing_gap, n_below, 6);

      g_string_append_c (text, ' ');
      g_string_append_printf (text, _("Below the level asked: %s."), list);
    }
  if (r->inferred->len > 0)
    {
      g_autofree char *list = join_labels (r->inferred_labels, 0, r->inferred->len, 6);

      g_string_append_c (text, ' ');
      g_string_append_printf (text, _("Inferred from work experience, so less certain: %s."), list);
    }
  return g_string_free (text, FALSE);
}

static char *
explain_education (const VacancyRow *v,
                   const ClientRow  *c)
{
  const char *have, *asked;
  int diff;

  if (v->education < 0)
    return g_strdup (_("The vacancy asks no particular education."));
  asked = _(education_levels[v->education_index].label);
  if (c->education < 0)
    return g_strdup_printf (_("The vacancy asks %s; the client's education is not known."), asked);
  have = _(education_levels[c->education].label);
  diff = v->education - education_levels[c->education].rank;
  if (diff <= 0)
    return g_strdup_printf (_("Education %s meets the %s asked."), have, asked);
  if (diff == 1)
    return g_strdup_printf (_("Education %s is one step below the %s asked."), have, asked);
  return g_strdup_printf (_("Education %s is %d steps below the %s asked."), have, diff, asked);
}

static char *
explain_travel (const VacancyRow *v,
                const ClientRow  *c,
                double            distance)
{
  if (v->pc4 == 0)
    return g_strdup (_("The distance is not known: the vacancy has no postcode area."));
  if (distance < 0 && c->pc4 == 0)
    return g_strdup (_("The distance is not known: the client's postcode area is not known."));
  if (distance < 0)
    return g_strdup_printf (_("The distance is not known: there is no centre for postcode area %d or %d."),
                            (int) v->pc4, (int) c->pc4);
  if (!(c->flags & ROW_REACH_KNOWN))
    return g_strdup_printf (_("%.1f km between home and work; how far the client can travel is not known, "
                              "so %d km is assumed."), distance, c->reach_km);
  if (c->max_travel_km < 0)
    {
      const char *by = _(transports[c->transport].label);

      if (distance <= c->reach_km)
        return g_strdup_printf (_("%.1f km between home and work; %s about %d km is reasonable."),
                                distance, by, c->reach_km);
      return g_strdup_printf (_("%.1f km between home and work, more than the about %d km that is "
                                "reasonable %s. This lowers the score but does not rule the client out."),
                              distance, c->reach_km, by);
    }
  if (distance <= c->reach_km)
    return g_strdup_printf (_("%.1f km between home and work, within the %d km the client can travel."),
                            distance, c->reach_km);
  return g_strdup_printf (_("%.1f km between home and work, more than the %d km the client can travel. "
                            "This lowers the score but does not rule the client out."),
                          distance, c->reach_km);
}

static char *
explain_hours (const VacancyRow *v,
               const ClientRow  *c)
{
  if (c->hours < 0)
    return g_strdup_printf (_("The job has %d hours a week; how many hours the client is available is not known."),
                            v->hours);
  if (c->hours >= v->hours)
    return g_strdup_printf (_("Available %d hours a week; the job has %d."), c->hours, v->hours);
  return g_strdup_printf (_("Available %d hours a week, fewer than the %d of the job."), c->hours, v->hours);
}

/* With @banded, the capacity is told as its band only, as in the pseudonymous profile. */
static char *
explain_capacity (int      capacity,
                  gboolean wage_cost_subsidy,
                  gboolean banded)
{
  g_autofree char *what = NULL;

  if (capacity < 0)
    return g_strdup (_("The client's work capacity is not known."));
  if (!banded)
    what = g_strdup_printf (_("Work capacity %d %%"), capacity);
  else if (capacity >= 80)
    what = g_strdup (_("Work capacity between 80 and 100 %"));
  else if (capacity >= 30)
    what = g_strdup (_("Work capacity between 30 and 80 %"));
  else
    what = g_strdup (_("Work capacity below 30 %"));

  if (capacity >= 80)
    return g_strdup_printf (_("%s: can do the job at full productivity."), what);
  if (wage_cost_subsidy)
    return g_strdup_printf (_("%s: the employer offers a wage-cost subsidy, so this can work through the "
                              "wage-cost subsidy route after a wage-value measurement."), what);
  return g_strdup_printf (_("%s: possible with a wage-cost subsidy after a wage-value measurement; ask the "
                            "employer whether that is an option."), what);
}

static char *
explain_sector (WbMatchEngine    *self,
                const VacancyRow *v,
                const ClientRow  *c)
{
  const char *sector = sector_label (self, v->sector);

  if (c->sectors == 0)
    return g_strdup (_("No sector preference of the client is recorded."));
  if (c->sectors & v->sector_bit)
    return g_strdup_printf (_("Prefers work in %s."), sector);
  return g_strdup_printf (_("Prefers other sectors than %s; moving to another sector is possible."), sector);
}

static char *
explain_readiness (const ClientRow     *c,
                   const WbMatchResult *r)
{
  g_autofree char *phase = NULL;
  g_autofree char *track = NULL;
  g_autofree char *motivation = NULL;
  g_autofree char *diagnosis = NULL;

  if (c->flags & ROW_IN_POOL)
    phase = g_strdup (_("in the pool of work-ready jobseekers"));
  else if (c->phase >= 0)
    phase = g_strdup (_(phases[c->phase].label));
  else
    phase = g_strdup (_("not known"));
  track = g_strdup (c->track >= 0 ? _(tracks[c->track].label) : _("not known"));
  motivation = g_strdup (c->motivation >= 0 ? _(motivations[c->motivation].label) : _("not known"));
  switch (r->diagnosis)
    {
    case WB_MATCH_DIAGNOSIS_CURRENT:
      diagnosis = g_strdup_printf (_("current (%s)"), r->diagnosis_date);
      break;
    case WB_MATCH_DIAGNOSIS_STALE:
      diagnosis = g_strdup_printf (_("out of date (%s, %d months old)"), r->diagnosis_date, r->diagnosis_age_months);
      break;
    case WB_MATCH_DIAGNOSIS_NONE:
    default:
      diagnosis = g_strdup (_("none"));
      break;
    }
  return g_strdup_printf (_("Phase: %s. Track: %s. Motivation: %s. Diagnosis: %s."), phase, track, motivation, diagnosis);
}

typedef struct {
  WbMatchMissing flag;
  const char *field;
  gboolean vacancy;
  const char *text;   /* %s: who can supply it */
} MissingNote;

static const MissingNote missing_notes[] = {
  { WB_MATCH_MISSING_DIAGNOSIS, "diagnosis", FALSE,
    N_("There is no diagnosis; the consultant at %s can carry one out.") },
  { WB_MATCH_MISSING_COMPETENCES, "competences", FALSE,
    N_("No competences are recorded; the consultant at %s can add them from a diagnosis or the work history.") },
  { WB_MATCH_MISSING_EDUCATION, "education_level", FALSE,
    N_("The education level is missing; the consultant at %s can add it.") },
  { WB_MATCH_MISSING_LOCATION, "pc4", FALSE,
    N_("No centre is known for the client's postcode area; the consultant at %s can check the address.") },
  { WB_MATCH_MISSING_REACH, "max_travel_km", FALSE,
    N_("Neither a maximum travel distance nor a means of transport is recorded; the consultant at %s can add them.") },
  { WB_MATCH_MISSING_HOURS, "hours_available", FALSE,
    N_("The hours the client is available are missing; the consultant at %s can add them.") },
  { WB_MATCH_MISSING_CAPACITY, "work_capacity", FALSE,
    N_("The work capacity is missing; the consultant at %s can add it.") },
  { WB_MATCH_MISSING_SECTORS, "sector_preferences", FALSE,
    N_("No sector preference is recorded; the consultant at %s can ask the client.") },
  { WB_MATCH_MISSING_MOTIVATION, "motivation", FALSE,
    N_("The motivation is not recorded; the consultant at %s can add it.") },
  { WB_MATCH_MISSING_PHASE, "phase", FALSE,
    N_("The phase of the client's path is not known; the consultant at %s can add it.") },
  { WB_MATCH_MISSING_TRACK, "track", FALSE,
    N_("Whether the client is in the activation or the placement track is not recorded; the consultant at %s can add it.") },
  { WB_MATCH_MISSING_VACANCY_LOCATION, "vacancy.pc4", TRUE,
    N_("No centre is known for the vacancy's postcode area; %s can correct it.") },
  { WB_MATCH_MISSING_VACANCY_COMPETENCES, "vacancy.competences", TRUE,
    N_("The vacancy lists no competences; %s can add them with the employer.") },
};

/* The texts come from the table above, each with one %s. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static void
add_missing_notes (WbMatchEngine *self,
                   WbMatchResult *r)
{
  const char *org = r->client_organisation ? r->client_organisation : _("the client's organisation");

  r->missing_notes = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < G_N_ELEMENTS (missing_notes); i++)
    if (r->missing & missing_notes[i].flag)
      g_ptr_array_add (r->missing_notes,
                       g_strdup_printf (_(missing_notes[i].text),
                                        missing_notes[i].vacancy ? _("the account manager of the vacancy") : org));
  if (r->stale_diagnosis)
    g_ptr_array_add (r->missing_notes,
                     g_strdup_printf (_("The diagnosis is %d months old; the consultant at %s should bring it up to date."),
                                      r->diagnosis_age_months, org));
}
#pragma GCC diagnostic pop

/* Everything about one pair, computed directly from the two rows. */
static WbMatchResult *
build_result (WbMatchEngine        *self,
              const Ranking        *rk,
              const VacancyRow     *v,
              const ClientRow      *c,
              const WbMatchOptions *options)
{
  WbMatchResult *r = g_new0 (WbMatchResult, 1);
  g_autoptr(GArray) below = g_array_new (FALSE, FALSE, sizeof (WbMatchGapItem));
  g_autoptr(GArray) below_index = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) gap_index = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint32 acc = 0, j = 0;
  guint n_missing_gap, n_below;
  const char *org;

  r->vacancy_id = v->id;
  r->client_id = c->id;
  r->client_organisation_id = c->organisation_id;
  r->vacancy_organisation_id = v->organisation_id;
  r->weights = options->weights;
  r->gap = g_array_new (FALSE, FALSE, sizeof (WbMatchGapItem));
  r->inferred = g_array_new (FALSE, FALSE, sizeof (gint64));
  org = organisation_name (self, c->organisation_id);
  r->client_organisation = g_strdup (org);

  for (guint32 i = 0; i < v->n_reqs; i++)
    {
      guint32 req = v->reqs[i];
      guint32 comp = req >> 8;
      guint32 required = req & REQ_LEVEL_MASK;
      gboolean essential = (req & REQ_ESSENTIAL) != 0;
      guint32 info = 0;

      while (j < c->n_comps && c->comps[j] >> 8 < comp)
        j++;
      if (j < c->n_comps && c->comps[j] >> 8 == comp)
        info = c->comps[j] & 0xff;

      if (essential)
        r->n_essential++;
      else
        r->n_optional++;

      if (info == 0)
        {
          if (essential)
            {
              WbMatchGapItem item = { self->competence_ids[comp], (guint8) MAX (required, 1), 0, TRUE };

              g_array_append_val (r->gap, item);
              g_array_append_val (gap_index, comp);
              r->n_essential_missing++;
            }
          continue;
        }

      acc += req_weight (req) * units_for (info, required);
      if (!essential)
        r->n_optional_present++;
      if (info & INFO_INFERRED)
        g_array_append_val (r->inferred, self->competence_ids[comp]);
      else if ((info & INFO_LEVEL_MASK) < MAX (required, 1))
        {
          WbMatchGapItem item = { self->competence_ids[comp], (guint8) required, (guint8) (info & INFO_LEVEL_MASK), essential };

          g_array_append_val (below, item);
          g_array_append_val (below_index, comp);
        }
    }
  if (v->flags & ROW_LICENCE)
    {
      r->n_essential++;
      if (!(c->flags & ROW_LICENCE))
        {
          WbMatchGapItem item = { 0, 0, 0, TRUE };

          guint32 licence = G_MAXUINT32;

          g_array_append_val (r->gap, item);
          g_array_append_val (gap_index, licence);
          r->n_essential_missing++;
        }
    }
  n_missing_gap = r->gap->len;
  n_below = below->len;
  g_array_append_vals (r->gap, below->data, below->len);
  g_array_append_vals (gap_index, below_index->data, below_index->len);

  r->distance_km = pc4_distance (self->geo, v->pc4, c->pc4);
  r->score = pair_score (rk, v, c, acc, r->distance_km, r->credit);

  r->known[WB_MATCH_PART_COMPETENCES] = v->wc_units > 0 && c->n_comps > 0;
  r->known[WB_MATCH_PART_EDUCATION] = v->education < 0 || c->education >= 0;
  r->known[WB_MATCH_PART_TRAVEL] = r->distance_km >= 0;
  r->known[WB_MATCH_PART_HOURS] = c->hours >= 0;
  r->known[WB_MATCH_PART_CAPACITY] = c->capacity >= 0;
  r->known[WB_MATCH_PART_SECTOR] = c->sectors != 0;
  r->known[WB_MATCH_PART_READINESS] = c->phase >= 0 || (c->flags & ROW_IN_POOL) != 0;

  r->diagnosis = diagnosis_state (c, rk);
  r->stale_diagnosis = r->diagnosis == WB_MATCH_DIAGNOSIS_STALE;
  r->diagnosis_age_months = c->diagnosis_day ? months_between (c->diagnosis_day, rk->today_day) : -1;
  r->diagnosis_date = c->diagnosis_day ? format_day (c->diagnosis_day) : NULL;
  r->near_miss = r->n_essential_missing >= 1 && r->n_essential_missing <= 2;
  r->wage_cost_subsidy_route = c->capacity >= 0 && c->capacity < 80;
  r->wage_cost_subsidy_offered = (v->flags & ROW_WCS) != 0;
  r->work_capacity = c->capacity;

  if (c->diagnosis_day == 0)
    r->missing |= WB_MATCH_MISSING_DIAGNOSIS;
  if (c->n_comps == 0)
    r->missing |= WB_MATCH_MISSING_COMPETENCES;
  if (c->education < 0)
    r->missing |= WB_MATCH_MISSING_EDUCATION;
  if (c->pc4 == 0 || !wb_geo_lookup (self->geo, c->pc4, NULL, NULL))
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
  if (v->pc4 == 0 || !wb_geo_lookup (self->geo, v->pc4, NULL, NULL))
    r->missing |= WB_MATCH_MISSING_VACANCY_LOCATION;
  if (v->wc_units == 0)
    r->missing |= WB_MATCH_MISSING_VACANCY_COMPETENCES;

  if (options->explain)
    {
      r->gap_labels = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < gap_index->len; i++)
        {
          guint32 comp = g_array_index (gap_index, guint32, i);

          g_ptr_array_add (r->gap_labels, comp == G_MAXUINT32 ? g_strdup (_("driving licence"))
                                                              : competence_label (self, comp));
        }
      r->inferred_labels = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < r->inferred->len; i++)
        {
          guint32 comp = 0;

          if (!id_map_lookup (&self->competence_map, g_array_index (r->inferred, gint64, i), &comp))
            g_assert_not_reached ();
          g_ptr_array_add (r->inferred_labels, competence_label (self, comp));
        }
      r->explanation[WB_MATCH_PART_COMPETENCES] = explain_competences (self, v, c, r, n_missing_gap, n_below);
      r->explanation[WB_MATCH_PART_EDUCATION] = explain_education (v, c);
      r->explanation[WB_MATCH_PART_TRAVEL] = explain_travel (v, c, r->distance_km);
      r->explanation[WB_MATCH_PART_HOURS] = explain_hours (v, c);
      r->explanation[WB_MATCH_PART_CAPACITY] = explain_capacity (c->capacity, (v->flags & ROW_WCS) != 0, FALSE);
      r->explanation[WB_MATCH_PART_SECTOR] = explain_sector (self, v, c);
      r->explanation[WB_MATCH_PART_READINESS] = explain_readiness (c, r);
      add_missing_notes (self, r);
    }
  return r;
}

/* Ranking */

static gboolean
check_options (const WbMatchOptions  *options,
               GError               **error)
{
  if (!weights_check (&options->weights, error))
    return FALSE;
  if (!isfinite (options->max_km) || options->max_km < 0)
    {
      g_set_error_literal (error, WB_MATCH_ERROR, WB_MATCH_ERROR_INVALID,
                           _("The maximum distance must be a positive number of kilometres."));
      return FALSE;
    }
  return TRUE;
}

/* How many of the essential competences of @v the client has, at any level or inferred. */
static guint32
essential_present (const VacancyRow *v,
                   const ClientRow  *c)
{
  guint32 n = 0, j = 0;

  for (guint32 i = 0; i < v->n_reqs; i++)
    {
      guint32 comp = v->reqs[i] >> 8;

      while (j < c->n_comps && c->comps[j] >> 8 < comp)
        j++;
      if (j < c->n_comps && c->comps[j] >> 8 == comp && (v->reqs[i] & REQ_ESSENTIAL))
        n++;
    }
  return n;
}

static inline void
consider_client (WbMatchEngine        *self,
                 Scratch              *s,
                 const Ranking        *rk,
                 const VacancyRow     *v,
                 const WbMatchOptions *options,
                 guint                 limit,
                 guint32               slot,
                 guint32               acc)
{
  const ClientRow *c = &self->clients[slot];
  double credit[WB_MATCH_N_PARTS];
  double distance, score;

  if (options->organisation_id > 0 && c->organisation_id != options->organisation_id)
    return;
  if (options->near_misses_only)
    {
      guint32 asked = v->n_essential + ((v->flags & ROW_LICENCE) ? 1 : 0);
      guint32 present = essential_present (v, c) + ((v->flags & ROW_LICENCE) && (c->flags & ROW_LICENCE) ? 1 : 0);

      if (asked - present < 1 || asked - present > 2)
        return;
    }
  distance = scratch_distance (s, self->geo, v->pc4, c->pc4, c->pc4);
  if (options->max_km > 0 && (distance < 0 || distance > options->max_km))
    return;
  score = pair_score (rk, v, c, acc, distance, credit);
  heap_offer (s, limit, score, c->id, slot);
}

/* How many clients of the best coverage levels to put in order first: enough to fill the
 * top N, so that the worst of it says how far down the rest must go. */
#define FIRST_BAND(limit) MAX (4 * (limit), 256u)

static inline gboolean
cannot_make_it (const Scratch *s,
                guint          limit,
                double         bound)
{
  return heap_full (s, limit) && bound + BOUND_SLACK < s->heap[0].score;
}

/* Considers one client after the compact bound says they might make it. */
static inline void
consider_bounded (WbMatchEngine        *self,
                  Scratch              *s,
                  const Ranking        *rk,
                  const VacancyRow     *v,
                  const WbMatchOptions *options,
                  guint                 limit,
                  guint32               slot,
                  guint32               acc)
{
  const SlotBound *b = &self->bounds[slot];

  if (heap_full (s, limit) &&
      cannot_make_it (s, limit, slot_bound (rk, v, b, acc, scratch_distance (s, self->geo, v->pc4, b->pc4, b->pc4))))
    return;
  consider_client (self, s, rk, v, options, limit, slot, acc);
}

/* Leaves the top @limit candidates of @v in the scratch heap, in no particular order. */
static void
collect_candidates (WbMatchEngine        *self,
                    Scratch              *s,
                    const Ranking        *rk,
                    const VacancyRow     *v,
                    const WbMatchOptions *options,
                    guint                 limit)
{
  guint32 gen = scratch_next_gen (s);
  guint32 licence_max = (v->flags & ROW_LICENCE) ? LICENCE_UNITS : 0;
  guint32 acc_max = v->wc_units - licence_max;
  guint32 *levels;
  SlotAcc *acc = s->acc;
  guint n_touched = 0, band = FIRST_BAND (limit);
  gboolean done = FALSE;
  int hi;

  scratch_next_dgen (s);
  heap_reset (s, limit);
  scratch_fit_levels (s, acc_max + 1);
  levels = s->levels;
  memset (levels, 0, (gsize) (acc_max + 1) * sizeof (guint32));

  for (guint32 k = 0; k < v->n_reqs; k++)
    {
      guint32 req = v->reqs[k];
      const Posting *p = &self->postings[req >> 8];
      guint32 units[16];

      for (guint32 code = 0; code < 16; code++)
        units[code] = (code & INFO_LEVEL_MASK) == 0 && !(code & INFO_INFERRED)
                    ? 0 : req_weight (req) * units_for (code, req & REQ_LEVEL_MASK);

      for (guint32 j = 0; j < p->len; j++)
        {
          guint32 entry = p->entries[j];
          guint32 slot = entry >> 8;
          SlotAcc *a = &acc[slot];

          /* The accumulator is read at random: ask for it a little ahead. */
          if (j + PREFETCH_AHEAD < p->len)
            __builtin_prefetch (&acc[p->entries[j + PREFETCH_AHEAD] >> 8], 1);
          if (a->stamp != gen)
            {
              a->stamp = gen;
              a->acc = 0;
              s->touched[n_touched++] = slot;
            }
          a->acc += units[entry & 0x0f];
        }
    }

  /* How many clients at each coverage level (in units, so exact). */
  for (guint i = 0; i < n_touched; i++)
    {
      guint32 units = acc[s->touched[i]].acc;

      s->touched_acc[i] = units;
      levels[units]++;
    }

  /* Best coverage first: put the clients of a band of levels in order, consider them,
   * and go down until not even full marks on every other part would do. Each band is a
   * pass over the touched clients: after the first, one band takes every level that can
   * still make it (or, while the top N is not full yet, twice as many as the last). */
  for (hi = (int) acc_max; hi >= 0 && !done;)
    {
      guint n = levels[hi], pos = 0;
      int lo = hi;

      if (cannot_make_it (s, limit, score_bound (rk, v, (guint32) hi + licence_max)))
        break;
      if (n == 0)
        {
          hi--;
          continue;
        }
      while (lo > 0 && (n < band || heap_full (s, limit)) &&
             !cannot_make_it (s, limit, score_bound (rk, v, (guint32) lo - 1 + licence_max)))
        n += levels[--lo];
      band *= 2;
      for (int l = hi; l >= lo; l--)
        {
          guint count = levels[l];

          levels[l] = pos;
          pos += count;
        }
      for (guint i = 0; i < n_touched; i++)
        {
          guint32 a = s->touched_acc[i];

          if (a >= (guint32) lo && a <= (guint32) hi)
            s->order[levels[a]++] = i;
        }
      for (guint i = 0; i < n; i++)
        {
          guint t = s->order[i];
          guint32 a = s->touched_acc[t];

          /* In order of coverage: once one cannot make it, none after it can. */
          if (cannot_make_it (s, limit, score_bound (rk, v, a + licence_max)))
            {
              done = TRUE;
              break;
            }
          consider_bounded (self, s, rk, v, options, limit, s->touched[t], a);
        }
      hi = lo - 1;
    }

  /* The clients no posting list reached: only when one of them could still make it. */
  if (!cannot_make_it (s, limit, score_bound (rk, v, licence_max)))
    for (guint32 slot = 0; slot < self->n_client_slots; slot++)
      if ((self->clients[slot].flags & ROW_USED) && acc[slot].stamp != gen)
        consider_bounded (self, s, rk, v, options, limit, slot, 0);
}

static void
collect_vacancies (WbMatchEngine        *self,
                   Scratch              *s,
                   const Ranking        *rk,
                   const ClientRow      *c,
                   const WbMatchOptions *options,
                   guint                 limit)
{
  guint32 cgen = scratch_next_cgen (s);

  scratch_next_dgen (s);
  heap_reset (s, limit);
  for (guint32 i = 0; i < c->n_comps; i++)
    {
      s->cstamp[c->comps[i] >> 8] = cgen;
      s->cinfo[c->comps[i] >> 8] = c->comps[i] & 0xff;
    }

  for (guint32 slot = 0; slot < self->n_vacancy_slots; slot++)
    {
      const VacancyRow *v = &self->vacancies[slot];
      double credit[WB_MATCH_N_PARTS];
      guint32 acc = 0, hits = 0;
      double distance, score;

      if ((v->flags & (ROW_USED | ROW_OPEN)) != (ROW_USED | ROW_OPEN))
        continue;
      if (options->organisation_id > 0 && v->organisation_id != options->organisation_id)
        continue;
      for (guint32 k = 0; k < v->n_reqs; k++)
        {
          guint32 req = v->reqs[k];
          guint32 comp = req >> 8;

          if (s->cstamp[comp] != cgen)
            continue;
          acc += req_weight (req) * units_for (s->cinfo[comp], req & REQ_LEVEL_MASK);
          hits += (req & REQ_ESSENTIAL) ? 1 : 0;
        }
      if (options->near_misses_only)
        {
          guint32 asked = v->n_essential + ((v->flags & ROW_LICENCE) ? 1 : 0);
          guint32 present = hits + ((v->flags & ROW_LICENCE) && (c->flags & ROW_LICENCE) ? 1 : 0);

          if (asked - present < 1 || asked - present > 2)
            continue;
        }
      distance = scratch_distance (s, self->geo, v->pc4, c->pc4, v->pc4);
      if (options->max_km > 0 && (distance < 0 || distance > options->max_km))
        continue;
      score = pair_score (rk, v, c, acc, distance, credit);
      heap_offer (s, limit, score, v->id, slot);
    }
}

static GPtrArray *
heap_to_results (WbMatchEngine        *self,
                 Scratch              *s,
                 const Ranking        *rk,
                 const VacancyRow     *vacancy,
                 const ClientRow      *client,
                 const WbMatchOptions *options)
{
  GPtrArray *results = g_ptr_array_new_full (s->heap_len, (GDestroyNotify) wb_match_result_free);

  qsort (s->heap, s->heap_len, sizeof (HeapItem), heap_item_compare_best_first);
  for (guint i = 0; i < s->heap_len; i++)
    {
      const VacancyRow *v = vacancy ? vacancy : &self->vacancies[s->heap[i].slot];
      const ClientRow *c = client ? client : &self->clients[s->heap[i].slot];
      WbMatchResult *r = build_result (self, rk, v, c, options);

      /* The explanation recomputes the score from the rows; it must be the ranked one. */
      g_assert (fabs (r->score - s->heap[i].score) < 1e-9);
      r->score = s->heap[i].score;
      g_ptr_array_add (results, r);
    }
  return results;
}

static const WbMatchOptions *
options_or_default (const WbMatchOptions *options,
                    WbMatchOptions       *defaults)
{
  if (options != NULL)
    return options;
  wb_match_options_init (defaults);
  return defaults;
}

static gboolean
find_vacancy_slot (WbMatchEngine  *self,
                   gint64          vacancy_id,
                   guint32        *slot,
                   GError        **error)
{
  g_autofree char *id = NULL;

  if (id_map_lookup (&self->vacancy_map, vacancy_id, slot))
    return TRUE;
  id = g_strdup_printf ("%" G_GINT64_FORMAT, vacancy_id);
  g_set_error (error, WB_MATCH_ERROR, WB_MATCH_ERROR_NOT_FOUND,
               _("Vacancy %s is not known to the matching engine."), id);
  return FALSE;
}

static gboolean
find_client_slot (WbMatchEngine  *self,
                  gint64          client_id,
                  guint32        *slot,
                  GError        **error)
{
  g_autofree char *id = NULL;

  if (id_map_lookup (&self->client_map, client_id, slot))
    return TRUE;
  id = g_strdup_printf ("%" G_GINT64_FORMAT, client_id);
  g_set_error (error, WB_MATCH_ERROR, WB_MATCH_ERROR_NOT_FOUND,
               _("Client %s is not an active candidate in the matching engine."), id);
  return FALSE;
}

/* The best matches around one row: the candidates of the vacancy in @slot when
 * @of_vacancy, else the vacancies of the client in @slot. */
static GPtrArray *
rank_around (WbMatchEngine        *self,
             const WbMatchOptions *options,
             gboolean              of_vacancy,
             guint32               slot)
{
  const VacancyRow *vacancy;
  const ClientRow *client;
  Ranking rk;
  guint limit;

  ensure_built (self);
  limit = options->limit > 0 ? options->limit : WB_MATCH_DEFAULT_LIMIT;
  ranking_init (self, &rk, &options->weights);
  scratch_fit (self->scratch, self->n_client_slots, self->n_competences);
  if (of_vacancy)
    {
      vacancy = &self->vacancies[slot];
      collect_candidates (self, self->scratch, &rk, vacancy, options, limit);
      return heap_to_results (self, self->scratch, &rk, vacancy, NULL, options);
    }
  client = &self->clients[slot];
  collect_vacancies (self, self->scratch, &rk, client, options, limit);
  return heap_to_results (self, self->scratch, &rk, NULL, client, options);
}

GPtrArray *
wb_match_engine_rank_candidates (WbMatchEngine         *self,
                                 gint64                 vacancy_id,
                                 const WbMatchOptions  *options,
                                 GError               **error)
{
  WbMatchOptions defaults;
  guint32 slot;

  g_return_val_if_fail (WB_IS_MATCH_ENGINE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  options = options_or_default (options, &defaults);
  if (!check_options (options, error) || !find_vacancy_slot (self, vacancy_id, &slot, error))
    return NULL;
  return rank_around (self, options, TRUE, slot);
}

GPtrArray *
wb_match_engine_rank_vacancies (WbMatchEngine         *self,
                                gint64                 client_id,
                                const WbMatchOptions  *options,
                                GError               **error)
{
  WbMatchOptions defaults;
  guint32 slot;

  g_return_val_if_fail (WB_IS_MATCH_ENGINE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  options = options_or_default (options, &defaults);
  if (!check_options (options, error) || !find_client_slot (self, client_id, &slot, error))
    return NULL;
  return rank_around (self, options, FALSE, slot);
}

WbMatchResult *
wb_match_engine_score_pair (WbMatchEngine         *self,
                            gint64                 vacancy_id,
                            gint64                 client_id,
                            const WbMatchOptions  *options,
                            GError               **error)
{
  WbMatchOptions defaults;
  guint32 vslot, cslot;
  Ranking rk;

  g_return_val_if_fail (WB_IS_MATCH_ENGINE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  options = options_or_default (options, &defaults);
  if (!check_options (options, error) || !find_vacancy_slot (self, vacancy_id, &vslot, error) ||
      !find_client_slot (self, client_id, &cslot, error))
    return NULL;
  ensure_built (self);
  ranking_init (self, &rk, &options->weights);
  return build_result (self, &rk, &self->vacancies[vslot], &self->clients[cslot], options);
}

typedef struct {
  WbMatchEngine *engine;
  const WbMatchOptions *options;
  const Ranking *ranking;
  const guint32 *vacancy_slots;
  guint n_vacancies;
  guint limit;
  WbMatchCrossEntry **entries;
  gint next;
} CrossJob;

static gpointer
cross_worker (gpointer data)
{
  CrossJob *job = data;
  WbMatchEngine *self = job->engine;
  Scratch *s = scratch_new ();
  guint i;

  scratch_fit (s, self->n_client_slots, self->n_competences);
  while ((i = (guint) g_atomic_int_add (&job->next, 1)) < job->n_vacancies)
    {
      const VacancyRow *v = &self->vacancies[job->vacancy_slots[i]];
      WbMatchCrossEntry *entry = g_new0 (WbMatchCrossEntry, 1);

      collect_candidates (self, s, job->ranking, v, job->options, job->limit);
      entry->vacancy_id = v->id;
      entry->results = heap_to_results (self, s, job->ranking, v, NULL, job->options);
      job->entries[i] = entry;
    }
  scratch_free (s);
  return NULL;
}

static int
compare_vacancy_slots (gconstpointer a,
                       gconstpointer b,
                       gpointer      user_data)
{
  const VacancyRow *rows = user_data;
  gint64 x = rows[*(const guint32 *) a].id, y = rows[*(const guint32 *) b].id;

  return x < y ? -1 : x > y ? 1 : 0;
}

GPtrArray *
wb_match_engine_cross_match (WbMatchEngine         *self,
                             const WbMatchOptions  *options,
                             GError               **error)
{
  WbMatchOptions defaults;
  g_autofree guint32 *slots = NULL;
  g_autofree GThread **threads = NULL;
  GPtrArray *result;
  CrossJob job = { 0 };
  Ranking rk;
  guint n = 0, n_threads;

  g_return_val_if_fail (WB_IS_MATCH_ENGINE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  options = options_or_default (options, &defaults);
  if (!check_options (options, error))
    return NULL;
  ensure_built (self);
  ranking_init (self, &rk, &options->weights);

  slots = g_new (guint32, MAX (self->n_vacancy_slots, 1));
  for (guint32 slot = 0; slot < self->n_vacancy_slots; slot++)
    if ((self->vacancies[slot].flags & (ROW_USED | ROW_OPEN)) == (ROW_USED | ROW_OPEN))
      slots[n++] = slot;
  g_qsort_with_data (slots, n, sizeof (guint32), compare_vacancy_slots, self->vacancies);

  job.engine = self;
  job.options = options;
  job.ranking = &rk;
  job.vacancy_slots = slots;
  job.n_vacancies = n;
  job.limit = options->limit > 0 ? options->limit : WB_MATCH_DEFAULT_LIMIT;
  job.entries = g_new0 (WbMatchCrossEntry *, MAX (n, 1));

  n_threads = CLAMP (g_get_num_processors (), 1, 16);
  n_threads = MIN (n_threads, MAX (n, 1));
  threads = g_new0 (GThread *, n_threads);
  for (guint t = 1; t < n_threads; t++)
    threads[t] = g_thread_new ("wb-cross-match", cross_worker, &job);
  cross_worker (&job);
  for (guint t = 1; t < n_threads; t++)
    g_thread_join (threads[t]);

  result = g_ptr_array_new_full (n, (GDestroyNotify) wb_match_cross_entry_free);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (result, job.entries[i]);
  g_free (job.entries);
  return result;
}

void
wb_match_engine_get_stats (WbMatchEngine *self,
                           WbMatchStats  *stats)
{
  gsize bytes = sizeof (WbMatchEngine);

  g_return_if_fail (WB_IS_MATCH_ENGINE (self));
  g_return_if_fail (stats != NULL);

  ensure_built (self);
  memset (stats, 0, sizeof *stats);
  stats->n_clients = self->n_clients;
  stats->n_vacancies = self->n_vacancies;
  stats->n_competences = self->n_competences;
  stats->n_occupations = self->occupations->len;

  bytes += (gsize) self->client_cap * (sizeof (ClientRow) + sizeof (SlotBound)) + id_map_bytes (&self->client_map);
  bytes += self->free_clients->len * sizeof (guint32);
  for (guint32 slot = 0; slot < self->n_client_slots; slot++)
    {
      const ClientRow *c = &self->clients[slot];

      stats->index_bytes += (gsize) c->n_comps * sizeof (guint32);
      bytes += (gsize) c->n_comps * sizeof (guint32) + (gsize) c->n_occupations * sizeof (gint64);
      for (guint32 i = 0; i < c->n_comps; i++)
        if (c->comps[i] & INFO_INFERRED)
          stats->n_inferred_pairs++;
    }

  bytes += (gsize) self->vacancy_cap * sizeof (VacancyRow) + id_map_bytes (&self->vacancy_map);
  for (guint32 slot = 0; slot < self->n_vacancy_slots; slot++)
    {
      const VacancyRow *v = &self->vacancies[slot];

      bytes += (gsize) v->n_reqs * sizeof (guint32);
      if ((v->flags & (ROW_USED | ROW_OPEN)) == (ROW_USED | ROW_OPEN))
        stats->n_open_vacancies++;
    }

  bytes += (gsize) self->competence_cap * (sizeof (gint64) + sizeof (char *) + sizeof (Posting));
  bytes += id_map_bytes (&self->competence_map);
  for (guint32 k = 0; k < self->n_competences; k++)
    {
      stats->index_bytes += (gsize) self->postings[k].cap * sizeof (guint32);
      bytes += (gsize) self->postings[k].cap * sizeof (guint32);
      stats->n_pairs += self->postings[k].len;
      if (self->competence_labels[k] != NULL)
        bytes += strlen (self->competence_labels[k]) + 1;
    }

  bytes += id_map_bytes (&self->occupation_map) + self->occupations->len * sizeof (Occupation);
  for (guint i = 0; i < self->occupations->len; i++)
    bytes += g_array_index (self->occupations, Occupation, i).n * sizeof (guint32);

  bytes += sizeof (WbGeo *) + (gsize) 2 * PC4_SLOTS * sizeof (double) + PC4_SLOTS;
  bytes += scratch_bytes (self->scratch);
  stats->memory_bytes = bytes;
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

JsonObject *
wb_match_result_to_json (const WbMatchResult *r)
{
  JsonObject *object, *parts, *counts, *diagnosis;
  JsonArray *gap, *below, *inferred, *missing;
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
  for (guint i = 0; i < WB_MATCH_N_PARTS; i++)
    {
      JsonObject *part = json_object_new ();

      json_object_set_double_member (part, "score", round_to (r->credit[i], 3));
      json_object_set_double_member (part, "weight", r->weights.part[i]);
      json_object_set_double_member (part, "points",
                                     round_to (wsum > 0 ? r->weights.part[i] * r->credit[i] / wsum : 0, 4));
      json_object_set_boolean_member (part, "known", r->known[i]);
      if (r->explanation[i] != NULL)
        json_object_set_string_member (part, "explanation", r->explanation[i]);
      json_object_set_object_member (parts, part_names[i], part);
    }
  json_object_set_object_member (object, "parts", parts);

  counts = json_object_new ();
  json_object_set_int_member (counts, "essential", r->n_essential);
  json_object_set_int_member (counts, "essential_missing", r->n_essential_missing);
  json_object_set_int_member (counts, "optional", r->n_optional);
  json_object_set_int_member (counts, "optional_present", r->n_optional_present);
  json_object_set_object_member (object, "competences", counts);

  gap = json_array_new ();
  below = json_array_new ();
  for (guint i = 0; i < r->gap->len; i++)
    {
      const WbMatchGapItem *item = &g_array_index (r->gap, WbMatchGapItem, i);
      JsonObject *entry = json_object_new ();
      const char *label = label_at (r->gap_labels, i);

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
      json_object_set_boolean_member (entry, "essential", item->essential);
      if (item->level == 0)
        json_array_add_object_element (gap, entry);
      else
        {
          json_object_set_int_member (entry, "level", item->level);
          json_array_add_object_element (below, entry);
        }
    }
  json_object_set_array_member (object, "gap", gap);
  json_object_set_array_member (object, "below_level", below);

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
  for (guint i = 0; i < G_N_ELEMENTS (missing_notes); i++)
    if (r->missing & missing_notes[i].flag)
      {
        JsonObject *entry = json_object_new ();
        const char *text = label_at (r->missing_notes, note++);

        json_object_set_string_member (entry, "field", missing_notes[i].field);
        json_object_set_string_member (entry, "supplied_by",
                                       missing_notes[i].vacancy ? "vacancy_account_manager" : "client_organisation");
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
                                 : r->diagnosis == WB_MATCH_DIAGNOSIS_STALE ? "stale" : "none");
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
