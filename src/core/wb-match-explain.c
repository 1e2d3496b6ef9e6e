/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The explanation of one pair in words an account manager can repeat to an employer: a
 * sentence per part of the score, and what is missing with who can supply it. */

#define G_LOG_DOMAIN "wb-match-engine"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wb-match-engine-private.h"

/* The label of the competence with index @index; @buffer holds it when it is made up. */
static const char *
competence_label (WbMatchEngine *self,
                  guint32        index,
                  char         **buffer)
{
  g_autofree char *id = NULL;

  if (self->competence_labels[index] != NULL)
    return self->competence_labels[index];
  id = g_strdup_printf ("%" G_GINT64_FORMAT, self->competence_ids[index]);
  *buffer = g_strdup_printf (_("competence %s"), id);
  return *buffer;
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

/* Appends @format (with one %s) to @text with the labels of the requirements in state
 * @state in the place of %s, essential ones first, as join_labels lists them. Nothing when
 * there are none. Written into @text directly: every explained result has this list. */
static void
append_state_list (GString                 *text,
                   const char              *format,
                   const WbMatchResult     *r,
                   WbMatchRequirementState  state,
                   guint                    max)
{
  const char *hole = strstr (format, "%s");
  gsize start = 0;
  guint n = 0;

  g_assert (hole != NULL);
  for (int essential = 1; essential >= 0; essential--)
    for (guint i = 0; i < r->requirements->len; i++)
      {
        const WbMatchGapItem *item = &g_array_index (r->requirements, WbMatchGapItem, i);

        if (item->state != state || item->essential != essential)
          continue;
        if (n == 0)
          {
            if (text->len > 0)
              g_string_append_c (text, ' ');
            g_string_append_len (text, format, hole - format);
            start = text->len;
          }
        if (n < max)
          {
            if (n > 0)
              g_string_append (text, ", ");
            g_string_append (text, r->requirement_labels->pdata[i]);
          }
        n++;
      }
  if (n == 0)
    return;
  if (n > max)
    {
      g_autofree char *list = g_strdup (text->str + start);

      g_string_truncate (text, start);
      g_string_append_printf (text, _("%s and %u more"), list, n - max);
    }
  g_string_append (text, hole + 2);
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
  append_state_list (text, _("Has at the level asked: %s."), r, WB_MATCH_REQUIREMENT_MATCHED, 6);
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
  asked = _(_wb_match_education_levels[v->education_index].label);
  if (c->education < 0)
    return g_strdup_printf (_("The vacancy asks %s; the client's education is not known."), asked);
  have = _(_wb_match_education_levels[c->education].label);
  diff = v->education - _wb_match_education_levels[c->education].rank;
  if (diff <= 0)
    return g_strdup_printf (_("Education %s meets the %s asked."), have, asked);
  if (diff == 1)
    return g_strdup_printf (_("Education %s is one step below the %s asked."), have, asked);
  return g_strdup_printf (_("Education %s is %d steps below the %s asked."), have, diff, asked);
}

/* Why the distance is not known, naming only what is really missing: a place of work or
 * a home area that is not recorded, the centre of an area, or every centre when none are
 * loaded into the central layer. */
static char *
explain_unknown_distance (const WbGeo      *geo,
                          const VacancyRow *v,
                          const ClientRow  *c)
{
  gboolean vacancy_centre, client_centre;

  if (v->pc4 == 0 && c->pc4 == 0)
    return g_strdup (_("The distance is not known: neither the vacancy nor the client has a postcode area."));
  if (v->pc4 == 0)
    return g_strdup (_("The distance is not known: the vacancy has no postcode area."));
  if (c->pc4 == 0)
    return g_strdup (_("The distance is not known: the client's postcode area is not known."));
  if (wb_geo_get_n_areas (geo) == 0)
    return g_strdup (_("The distance is not known: no postcode area centres are loaded in the central layer; "
                       "an administrator can import them."));
  vacancy_centre = wb_geo_lookup (geo, v->pc4, NULL, NULL);
  client_centre = wb_geo_lookup (geo, c->pc4, NULL, NULL);
  if (!vacancy_centre && !client_centre)
    return g_strdup_printf (_("The distance is not known: no centre is known for postcode area %04d of the vacancy "
                              "nor for postcode area %04d of the client."), (int) v->pc4, (int) c->pc4);
  if (!vacancy_centre)
    return g_strdup_printf (_("The distance is not known: no centre is known for postcode area %04d of the vacancy."),
                            (int) v->pc4);
  return g_strdup_printf (_("The distance is not known: no centre is known for postcode area %04d of the client."),
                          (int) c->pc4);
}

static char *
explain_travel (const WbGeo      *geo,
                const VacancyRow *v,
                const ClientRow  *c,
                double            distance)
{
  if (distance < 0)
    return explain_unknown_distance (geo, v, c);
  if (!(c->flags & ROW_REACH_KNOWN))
    return g_strdup_printf (_("%.1f km between home and work; how far the client can travel is not known, "
                              "so %d km is assumed."), distance, c->reach_km);
  if (c->max_travel_km < 0)
    {
      const char *by = _(_wb_match_transports[c->transport].label);

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
char *
_wb_match_explain_capacity (int      capacity,
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
    phase = g_strdup (_(_wb_match_phases[c->phase].label));
  else
    phase = g_strdup (_("not known"));
  track = g_strdup (c->track >= 0 ? _(_wb_match_tracks[c->track].label) : _("not known"));
  motivation = g_strdup (c->motivation >= 0 ? _(_wb_match_motivations[c->motivation].label) : _("not known"));
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
      diagnosis = g_strdup (_("missing"));
      break;
    }
  return g_strdup_printf (_("Phase: %s. Track: %s. Motivation: %s. Diagnosis: %s."), phase, track, motivation, diagnosis);
}

const MissingNote _wb_match_missing_notes[] = {
  { WB_MATCH_MISSING_DIAGNOSIS, "diagnosis", FALSE,
    N_("There is no diagnosis; the consultant at %s can carry one out.") },
  { WB_MATCH_MISSING_COMPETENCES, "competences", FALSE,
    N_("No competences are recorded; the consultant at %s can add them from a diagnosis or the work history.") },
  { WB_MATCH_MISSING_EDUCATION, "education_level", FALSE,
    N_("The education level is missing; the consultant at %s can add it.") },
  { WB_MATCH_MISSING_LOCATION, "pc4", FALSE,
    N_("No centre is known for the client's postcode area; the consultant at %s can check the address."),
    N_("The client's postcode area is not recorded; the consultant at %s can add it.") },
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
    N_("No centre is known for the vacancy's postcode area; %s can correct it."),
    N_("The vacancy has no postcode area of its place of work; %s can add it.") },
  { WB_MATCH_MISSING_VACANCY_COMPETENCES, "vacancy.competences", TRUE,
    N_("The vacancy lists no competences; %s can add them with the employer.") },
};

/* The texts come from the table above, each with one %s. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static void
add_missing_notes (WbMatchEngine    *self,
                   const VacancyRow *v,
                   const ClientRow  *c,
                   WbMatchResult    *r)
{
  const char *org = r->client_organisation ? r->client_organisation : _("the client's organisation");

  r->missing_notes = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < G_N_ELEMENTS (_wb_match_missing_notes); i++)
    {
      const MissingNote *note = &_wb_match_missing_notes[i];
      /* A postcode area not recorded at all is told as such, not as an area without a centre. */
      gboolean unrecorded = (note->flag == WB_MATCH_MISSING_LOCATION && c->pc4 == 0) ||
                            (note->flag == WB_MATCH_MISSING_VACANCY_LOCATION && v->pc4 == 0);

      if (r->missing & note->flag)
        g_ptr_array_add (r->missing_notes,
                         g_strdup_printf (_(unrecorded ? note->text_unrecorded : note->text),
                                          note->vacancy ? _("the account manager of the vacancy") : org));
    }
  if (r->stale_diagnosis)
    g_ptr_array_add (r->missing_notes,
                     g_strdup_printf (_("The diagnosis is %d months old; the consultant at %s should bring it up to date."),
                                      r->diagnosis_age_months, org));
}
#pragma GCC diagnostic pop

/* The labels of the requirements, and of the gap and the inferred competences (which
 * point into them): requirement i is v->reqs[i], the licence last. The strings share one
 * block, as a ranking writes many of them. */
static void
add_labels (WbMatchEngine    *self,
            const VacancyRow *v,
            WbMatchResult    *r)
{
  guint n = r->requirements->len;
  const char *small_labels[32];
  char *small_made[32] = { NULL };
  g_autofree const char **big_labels = n > 32 ? g_new (const char *, n) : NULL;
  g_autofree char **big_made = n > 32 ? g_new0 (char *, n) : NULL;
  const char **labels = n > 32 ? big_labels : small_labels;
  char **made = n > 32 ? big_made : small_made;
  gsize size = 0;
  char *p;

  for (guint i = 0; i < n; i++)
    {
      labels[i] = i < v->n_reqs ? competence_label (self, v->reqs[i] >> 8, &made[i]) : _("driving licence");
      size += strlen (labels[i]) + 1;
    }
  r->label_storage = p = g_malloc (MAX (size, 1));
  r->requirement_labels = g_ptr_array_sized_new (n);
  for (guint i = 0; i < n; i++)
    {
      gsize len = strlen (labels[i]) + 1;

      memcpy (p, labels[i], len);
      g_ptr_array_add (r->requirement_labels, p);
      p += len;
      g_free (made[i]);
    }

  /* In the order of the gap: missing essentials (the licence last), then lower levels. */
  r->gap_labels = g_ptr_array_sized_new (r->gap->len);
  for (int below = 0; below <= 1; below++)
    for (guint i = 0; i < n; i++)
      {
        const WbMatchGapItem *item = &g_array_index (r->requirements, WbMatchGapItem, i);

        if (below ? item->state == WB_MATCH_REQUIREMENT_BELOW
                  : item->state == WB_MATCH_REQUIREMENT_MISSING && item->essential)
          g_ptr_array_add (r->gap_labels, r->requirement_labels->pdata[i]);
      }
  r->inferred_labels = g_ptr_array_sized_new (r->inferred->len);
  for (guint i = 0; i < n; i++)
    if (g_array_index (r->requirements, WbMatchGapItem, i).state == WB_MATCH_REQUIREMENT_INFERRED)
      g_ptr_array_add (r->inferred_labels, r->requirement_labels->pdata[i]);
  g_assert (r->gap_labels->len == r->gap->len && r->inferred_labels->len == r->inferred->len);
}

/* What training would close the gap of a near miss: the essential competences missing
 * (bij- of omscholing), driving lessons for a licence, and raising those below the level. */
static char *
suggest_training (const WbMatchResult *r,
                  guint                n_missing_gap,
                  guint                n_below)
{
  g_autoptr(GPtrArray) learn = g_ptr_array_new ();
  g_autoptr(GPtrArray) raise = g_ptr_array_new ();
  g_autofree char *list = NULL;
  gboolean licence = FALSE;
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n_missing_gap; i++)
    {
      if (g_array_index (r->gap, WbMatchGapItem, i).competence_id == 0)
        licence = TRUE;
      else
        g_ptr_array_add (learn, r->gap_labels->pdata[i]);
    }
  for (guint i = n_missing_gap; i < n_missing_gap + n_below; i++)
    if (g_array_index (r->gap, WbMatchGapItem, i).essential)
      g_ptr_array_add (raise, r->gap_labels->pdata[i]);

  list = learn->len > 0 ? join_labels (learn, 0, learn->len, 6) : NULL;
  if (list != NULL && licence)
    g_string_append_printf (text, _("Training suggestion: %s (bij- of omscholing), and driving lessons for the "
                                    "driving licence the vacancy asks; with that the candidate meets every "
                                    "essential requirement."), list);
  else if (list != NULL)
    g_string_append_printf (text, _("Training suggestion: %s (bij- of omscholing); with that the candidate has "
                                    "every essential competence asked."), list);
  else
    g_string_append (text, _("Training suggestion: driving lessons for the driving licence the vacancy asks; "
                             "with that the candidate meets every essential requirement."));
  if (raise->len > 0)
    {
      g_autofree char *below = join_labels (raise, 0, raise->len, 6);

      g_string_append_c (text, ' ');
      g_string_append_printf (text, _("Training could also bring %s up to the level asked."), below);
    }
  return g_string_free (text, FALSE);
}

/* The labels of the requirements (those of the gap and the inferred competences point into
 * them), the sentence of each part, the training a near miss needs and the notes on what is
 * missing. */
void
_wb_match_explain (WbMatchEngine    *self,
                   const VacancyRow *v,
                   const ClientRow  *c,
                   WbMatchResult    *r,
                   const Comparison *comparison)
{
  add_labels (self, v, r);
  r->explanation[WB_MATCH_PART_COMPETENCES] = explain_competences (self, v, c, r, comparison->n_missing_gap,
                                                                   comparison->n_below);
  r->explanation[WB_MATCH_PART_EDUCATION] = explain_education (v, c);
  r->explanation[WB_MATCH_PART_TRAVEL] = explain_travel (self->geo, v, c, r->distance_km);
  r->explanation[WB_MATCH_PART_HOURS] = explain_hours (v, c);
  r->explanation[WB_MATCH_PART_CAPACITY] = _wb_match_explain_capacity (c->capacity, (v->flags & ROW_WCS) != 0, FALSE);
  r->explanation[WB_MATCH_PART_SECTOR] = explain_sector (self, v, c);
  r->explanation[WB_MATCH_PART_READINESS] = explain_readiness (c, r);
  if (r->near_miss)
    r->training_suggestion = suggest_training (r, comparison->n_missing_gap, comparison->n_below);
  add_missing_notes (self, v, c, r);
}
