/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The gap: a vacancy's requirements held against a client's competences, one merge of two
 * sorted lists. Each requirement is matched, below the level asked, missing, inferred from
 * work experience, or unknown when nothing of the client's competences is known. What the
 * client has counts towards the competences part; what they lack, or have below the level
 * asked, is the gap that training can close. */

#define G_LOG_DOMAIN "wb-match-engine"

#include "config.h"

#include "wb-match-engine-private.h"

/* Fills the requirements (in the order of v->reqs, the licence last), the counts, the gap
 * (missing essentials first, then lower levels) and the inferred competences of @r, and
 * @comparison. Returns the credit units earned, licence not included. */
guint32
_wb_match_compare_competences (WbMatchEngine    *self,
                               const VacancyRow *v,
                               const ClientRow  *c,
                               WbMatchResult    *r,
                               Comparison       *comparison)
{
  gboolean none_known = c->n_comps == 0;
  guint32 acc = 0, j = 0;
  guint n_below = 0;
  WbMatchGapItem *items;

  memset (comparison, 0, sizeof *comparison);
  /* Sized once: every requirement has an item, written in place. */
  g_array_set_size (r->requirements, v->n_reqs + ((v->flags & ROW_LICENCE) ? 1 : 0));
  items = (WbMatchGapItem *) (void *) r->requirements->data;
  for (guint32 i = 0; i < v->n_reqs; i++)
    {
      guint32 req = v->reqs[i];
      guint32 comp = req >> 8;
      guint32 required = MAX (req & REQ_LEVEL_MASK, 1);
      gboolean essential = (req & REQ_ESSENTIAL) != 0;
      WbMatchGapItem item = { self->competence_ids[comp], (guint8) required, 0, essential, WB_MATCH_REQUIREMENT_MISSING };
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
          item.state = none_known ? WB_MATCH_REQUIREMENT_UNKNOWN : WB_MATCH_REQUIREMENT_MISSING;
          items[i] = item;
          if (essential && !none_known)
            {
              /* The missing ones go before those below the level. */
              g_array_insert_val (r->gap, r->gap->len - n_below, item);
              r->n_essential_missing++;
            }
          continue;
        }

      acc += req_weight (req) * units_for (info, req & REQ_LEVEL_MASK);
      if (essential)
        comparison->n_essential_present++;
      else
        r->n_optional_present++;
      if (info & INFO_INFERRED)
        {
          item.state = WB_MATCH_REQUIREMENT_INFERRED;
          items[i] = item;
          g_array_append_val (r->inferred, self->competence_ids[comp]);
          continue;
        }
      item.level = (guint8) (info & INFO_LEVEL_MASK);
      item.state = item.level < required ? WB_MATCH_REQUIREMENT_BELOW : WB_MATCH_REQUIREMENT_MATCHED;
      items[i] = item;
      if (item.state == WB_MATCH_REQUIREMENT_BELOW)
        {
          g_array_append_val (r->gap, item);
          n_below++;
        }
    }
  if (v->flags & ROW_LICENCE)
    {
      WbMatchGapItem item = { 0, 0, 0, TRUE, WB_MATCH_REQUIREMENT_MATCHED };

      r->n_essential++;
      if (!(c->flags & ROW_LICENCE))
        item.state = WB_MATCH_REQUIREMENT_MISSING;
      items[v->n_reqs] = item;
      if (item.state == WB_MATCH_REQUIREMENT_MISSING)
        {
          g_array_insert_val (r->gap, r->gap->len - n_below, item);
          r->n_essential_missing++;
        }
    }
  comparison->n_missing_gap = r->gap->len - n_below;
  comparison->n_below = n_below;
  return acc;
}

/* Lacks one or two of the essential competences (the licence included), and none is
 * unknown: a client of whom no competence is known is no near miss, whatever is asked. */
gboolean
_wb_match_is_near_miss (const VacancyRow *v,
                        const ClientRow  *c,
                        guint32           essential_present)
{
  guint32 asked = v->n_essential + ((v->flags & ROW_LICENCE) ? 1 : 0);
  guint32 present = essential_present + ((v->flags & ROW_LICENCE) && (c->flags & ROW_LICENCE) ? 1 : 0);

  if (c->n_comps == 0 && v->n_essential > 0)
    return FALSE;
  return asked - present >= 1 && asked - present <= 2;
}

/* How many of the essential competences of @v the client has, at any level or inferred. */
guint32
_wb_match_essential_present (const VacancyRow *v,
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
