/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The index: clients and vacancies in rows of their own, ids mapped to slots, a posting list
 * per competence, and the competences a client's work experience adds. It follows every
 * change of a client or vacancy and builds the posting lists again only when asked to or
 * when inferences change. */

#define G_LOG_DOMAIN "wb-match-engine"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "wb-match-engine-private.h"

/* Id maps (the lookup is in the private header) */

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

void
_wb_match_ensure_built (WbMatchEngine *self)
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

/* Life cycle */

void
_wb_match_index_init (WbMatchEngine *self)
{
  self->free_clients = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->free_vacancies = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->occupations = g_array_new (FALSE, FALSE, sizeof (Occupation));
  self->sector_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->sector_names = g_ptr_array_new_with_free_func (g_free);
}

void
_wb_match_index_clear (WbMatchEngine *self)
{
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

  g_hash_table_unref (self->sector_index);
  g_ptr_array_unref (self->sector_names);
}

/* Public: the reference data the index keeps */

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
  c->education = (gint8) FIND (_wb_match_education_levels, candidate->education_level);
  c->transport = (gint8) FIND (_wb_match_transports, candidate->transport);
  c->phase = (gint8) FIND (_wb_match_phases, candidate->phase);
  c->motivation = (gint8) FIND (_wb_match_motivations, candidate->motivation);
  c->track = (gint8) FIND (_wb_match_tracks, candidate->track);
  c->hours = candidate->hours_available < 0 ? -1 : (gint8) MIN (candidate->hours_available, 100);
  c->capacity = candidate->work_capacity < 0 ? -1 : (gint8) MIN (candidate->work_capacity, 100);
  c->max_travel_km = candidate->max_travel_km < 0 ? -1 : clamp16 (candidate->max_travel_km, 0, 10000);
  reach = c->max_travel_km >= 0 ? MAX (c->max_travel_km, 1)
        : c->transport >= 0 ? wb_geo_default_reach_km (_wb_match_transports[c->transport].name) : -1;
  if (reach > 0)
    c->flags |= ROW_REACH_KNOWN;
  c->reach_km = reach > 0 ? (gint16) reach : WB_MATCH_DEFAULT_REACH_KM;
  c->diagnosis_day = _wb_match_parse_day (candidate->diagnosis_date);

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
  _wb_match_slot_bound_update (self, slot);

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
  education = FIND (_wb_match_education_levels, vacancy->education_level);
  v->education_index = (gint8) education;
  v->education = education < 0 || _wb_match_education_levels[education].rank == 0 ? -1 : (gint8) _wb_match_education_levels[education].rank;
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
  _wb_match_ensure_built (self);
}

guint
wb_match_engine_count_clients (WbMatchEngine *self)
{
  g_return_val_if_fail (WB_IS_MATCH_ENGINE (self), 0);

  _wb_match_ensure_built (self);
  return self->n_clients;
}

guint
wb_match_engine_count_open_vacancies (WbMatchEngine *self)
{
  guint n = 0;

  g_return_val_if_fail (WB_IS_MATCH_ENGINE (self), 0);

  _wb_match_ensure_built (self);
  for (guint32 slot = 0; slot < self->n_vacancy_slots; slot++)
    if ((self->vacancies[slot].flags & (ROW_USED | ROW_OPEN)) == (ROW_USED | ROW_OPEN))
      n++;
  return n;
}

void
wb_match_engine_get_stats (WbMatchEngine *self,
                           WbMatchStats  *stats)
{
  gsize bytes = sizeof (WbMatchEngine);

  g_return_if_fail (WB_IS_MATCH_ENGINE (self));
  g_return_if_fail (stats != NULL);

  _wb_match_ensure_built (self);
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
  bytes += _wb_match_scratch_bytes (self->scratch);
  stats->memory_bytes = bytes;
}

