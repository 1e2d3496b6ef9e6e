/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Rankings both ways: the candidates of a vacancy from the posting lists, best coverage
 * first and stopping at the bound, the open vacancies of a client, one pair, and the
 * cross-match on every processor. The working memory of a ranking is kept between
 * rankings; the bounded heap keeps the best N. */

#define G_LOG_DOMAIN "wb-match-engine"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "wb-match-engine-private.h"

#define BOUND_SLACK       1e-9
#define PREFETCH_AHEAD    16

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
struct _Scratch {
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
};

/* Scratch memory */

Scratch *
_wb_match_scratch_new (void)
{
  Scratch *s = g_new0 (Scratch, 1);

  s->gen = 1;
  s->cgen = 1;
  s->dgen = 1;
  return s;
}

void
_wb_match_scratch_free (Scratch *s)
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

gsize
_wb_match_scratch_bytes (const Scratch *s)
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

/* Bounds */

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

/* Ranking */

static gboolean
check_options (const WbMatchOptions  *options,
               GError               **error)
{
  if (!_wb_match_weights_check (&options->weights, error))
    return FALSE;
  if (!isfinite (options->max_km) || options->max_km < 0)
    {
      g_set_error_literal (error, WB_MATCH_ERROR, WB_MATCH_ERROR_INVALID,
                           _("The maximum distance must be a positive number of kilometres."));
      return FALSE;
    }
  return TRUE;
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
  if (options->near_misses_only && !_wb_match_is_near_miss (v, c, _wb_match_essential_present (v, c)))
    return;
  distance = scratch_distance (s, self->geo, v->pc4, c->pc4, c->pc4);
  if (options->max_km > 0 && (distance < 0 || distance > options->max_km))
    return;
  score = _wb_match_pair_score (rk, v, c, acc, distance, credit);
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

  if (options->pool_only && !(b->flags & BOUND_IN_POOL))
    return;
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
  /* Only the pool: then the client is in it, or nothing is. */
  if (options->pool_only && !(c->flags & ROW_IN_POOL))
    return;
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
      if (options->near_misses_only && !_wb_match_is_near_miss (v, c, hits))
        continue;
      distance = scratch_distance (s, self->geo, v->pc4, c->pc4, v->pc4);
      if (options->max_km > 0 && (distance < 0 || distance > options->max_km))
        continue;
      score = _wb_match_pair_score (rk, v, c, acc, distance, credit);
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
      WbMatchResult *r = _wb_match_build_result (self, rk, v, c, options);

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

  _wb_match_ensure_built (self);
  limit = options->limit > 0 ? options->limit : WB_MATCH_DEFAULT_LIMIT;
  _wb_match_ranking_init (self, &rk, &options->weights);
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
  _wb_match_ensure_built (self);
  _wb_match_ranking_init (self, &rk, &options->weights);
  return _wb_match_build_result (self, &rk, &self->vacancies[vslot], &self->clients[cslot], options);
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
  Scratch *s = _wb_match_scratch_new ();
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
  _wb_match_scratch_free (s);
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
  _wb_match_ensure_built (self);
  _wb_match_ranking_init (self, &rk, &options->weights);

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
