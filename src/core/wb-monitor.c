/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-monitor"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "wb-monitor.h"
#include "wb-schema.h"
#include "wb-validate.h"

/* Periods */

static const char * const period_kinds[] = { "month", "quarter", "year", NULL };

gboolean
wb_period_kind_from_string (const char   *text,
                            WbPeriodKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  for (guint i = 0; text != NULL && period_kinds[i] != NULL; i++)
    if (strcmp (period_kinds[i], text) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

const char *
wb_period_kind_to_string (WbPeriodKind kind)
{
  g_return_val_if_fail (kind <= WB_PERIOD_YEAR, NULL);
  return period_kinds[kind];
}

static gboolean
digits (const char *text,
        guint       n)
{
  for (guint i = 0; i < n; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

gboolean
wb_period_parse (const char *text,
                 WbPeriod   *period)
{
  gsize length;
  int year;

  g_return_val_if_fail (period != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  length = strlen (text);
  if (length < 4 || !digits (text, 4))
    return FALSE;
  year = atoi (text);
  if (year < 1900 || year > 2200)
    return FALSE;

  if (length == 4)
    {
      *period = (WbPeriod) { WB_PERIOD_YEAR, year, 0 };
      return TRUE;
    }
  if (length == 7 && text[4] == '-' && text[5] == 'Q' && text[6] >= '1' && text[6] <= '4')
    {
      *period = (WbPeriod) { WB_PERIOD_QUARTER, year, text[6] - '0' };
      return TRUE;
    }
  if (length == 7 && text[4] == '-' && digits (text + 5, 2))
    {
      int month = atoi (text + 5);

      if (month < 1 || month > 12)
        return FALSE;
      *period = (WbPeriod) { WB_PERIOD_MONTH, year, month };
      return TRUE;
    }
  return FALSE;
}

void
wb_period_format (const WbPeriod *period,
                  char            text[WB_PERIOD_TEXT_SIZE])
{
  g_return_if_fail (period != NULL);

  switch (period->kind)
    {
    case WB_PERIOD_MONTH:
      g_snprintf (text, WB_PERIOD_TEXT_SIZE, "%04d-%02d", period->year, period->index);
      break;
    case WB_PERIOD_QUARTER:
      g_snprintf (text, WB_PERIOD_TEXT_SIZE, "%04d-Q%d", period->year, period->index);
      break;
    case WB_PERIOD_YEAR:
    default:
      g_snprintf (text, WB_PERIOD_TEXT_SIZE, "%04d", period->year);
      break;
    }
}

char *
wb_period_to_string (const WbPeriod *period)
{
  char text[WB_PERIOD_TEXT_SIZE];

  wb_period_format (period, text);
  return g_strdup (text);
}

static WbPeriod
period_of_month (WbPeriodKind kind,
                 int          month_key)
{
  int year = month_key / 12;
  int month = month_key % 12 + 1;

  switch (kind)
    {
    case WB_PERIOD_MONTH:
      return (WbPeriod) { kind, year, month };
    case WB_PERIOD_QUARTER:
      return (WbPeriod) { kind, year, (month - 1) / 3 + 1 };
    case WB_PERIOD_YEAR:
    default:
      return (WbPeriod) { WB_PERIOD_YEAR, year, 0 };
    }
}

gboolean
wb_period_of_date (WbPeriodKind  kind,
                   const char   *date,
                   WbPeriod     *period)
{
  g_return_val_if_fail (period != NULL, FALSE);

  if (!wb_validate_date (date))
    return FALSE;
  *period = period_of_month (kind, atoi (date) * 12 + atoi (date + 5) - 1);
  return TRUE;
}

WbPeriod
wb_period_of_gdate (WbPeriodKind  kind,
                    const GDate  *date)
{
  return period_of_month (kind, g_date_get_year (date) * 12 + g_date_get_month (date) - 1);
}

int
wb_period_first_month (const WbPeriod *period)
{
  switch (period->kind)
    {
    case WB_PERIOD_MONTH:
      return period->year * 12 + period->index - 1;
    case WB_PERIOD_QUARTER:
      return period->year * 12 + (period->index - 1) * 3;
    case WB_PERIOD_YEAR:
    default:
      return period->year * 12;
    }
}

int
wb_period_last_month (const WbPeriod *period)
{
  switch (period->kind)
    {
    case WB_PERIOD_MONTH:
      return wb_period_first_month (period);
    case WB_PERIOD_QUARTER:
      return wb_period_first_month (period) + 2;
    case WB_PERIOD_YEAR:
    default:
      return period->year * 12 + 11;
    }
}

void
wb_period_first_day (const WbPeriod *period,
                     GDate          *date)
{
  int month = wb_period_first_month (period);

  g_date_clear (date, 1);
  g_date_set_dmy (date, 1, month % 12 + 1, month / 12);
}

void
wb_period_last_day (const WbPeriod *period,
                    GDate          *date)
{
  int month = wb_period_last_month (period);
  GDateYear year = month / 12;
  GDateMonth m = month % 12 + 1;

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_get_days_in_month (m, year), m, year);
}

WbPeriod
wb_period_next (const WbPeriod *period)
{
  return period_of_month (period->kind, wb_period_last_month (period) + 1);
}

int
wb_period_compare (const WbPeriod *a,
                   const WbPeriod *b)
{
  int first_a = wb_period_first_month (a), first_b = wb_period_first_month (b);

  if (first_a != first_b)
    return first_a < first_b ? -1 : 1;
  if (a->kind != b->kind)
    return a->kind < b->kind ? -1 : 1;
  return 0;
}

gboolean
wb_period_equal (const WbPeriod *a,
                 const WbPeriod *b)
{
  return a->kind == b->kind && a->year == b->year && a->index == b->index;
}

gboolean
wb_period_contains (const WbPeriod *outer,
                    const WbPeriod *inner)
{
  return wb_period_first_month (outer) <= wb_period_first_month (inner) &&
         wb_period_last_month (inner) <= wb_period_last_month (outer);
}

gboolean
wb_period_overlaps (const WbPeriod *a,
                    const WbPeriod *b)
{
  return wb_period_first_month (a) <= wb_period_last_month (b) &&
         wb_period_first_month (b) <= wb_period_last_month (a);
}

GArray *
wb_period_range (WbPeriodKind    kind,
                 const WbPeriod *from,
                 const WbPeriod *to)
{
  GArray *periods = g_array_new (FALSE, FALSE, sizeof (WbPeriod));
  int last = wb_period_last_month (to);

  for (WbPeriod p = period_of_month (kind, wb_period_first_month (from));
       wb_period_first_month (&p) <= last;
       p = wb_period_next (&p))
    g_array_append_val (periods, p);
  return periods;
}

/* Levels and areas */

static const char * const level_names[] = { "municipality", "organisation", "subregion", "region", NULL };

const char * const wb_monitor_subregions[] = {
  "Parkstad", "Westelijke Mijnstreek", "Maastricht-Heuvelland", NULL
};

/* Seed 001: where each subregion expects its jobs. */
gboolean
wb_monitor_level_from_string (const char     *text,
                              WbMonitorLevel *level)
{
  g_return_val_if_fail (level != NULL, FALSE);

  for (guint i = 0; text != NULL && level_names[i] != NULL; i++)
    if (strcmp (level_names[i], text) == 0)
      {
        *level = i;
        return TRUE;
      }
  return FALSE;
}

const char *
wb_monitor_level_to_string (WbMonitorLevel level)
{
  g_return_val_if_fail (level < WB_MONITOR_N_LEVELS, NULL);
  return level_names[level];
}

gboolean
wb_monitor_is_subregion (const char *subregion)
{
  return subregion != NULL && g_strv_contains (wb_monitor_subregions, subregion);
}

/* Metrics and their definitions. Each definition is the one text of the metric: the API
 * sends it, every export prints it and docs/monitor.md repeats it word for word (a test
 * checks that). */

#define D(dim) WB_MONITOR_DIM_BIT (WB_MONITOR_DIM_##dim)
#define PERSON_DIMS (D (CLIENT_GROUP) | D (CAPACITY_BAND) | D (AGE_BAND))

static const WbMonitorMetricInfo metrics[WB_MONITOR_N_METRICS] = {
  { WB_MONITOR_INFLOW, "inflow",
    N_("Inflow: the intakes (timeline events of kind intake) dated in the period; a client with two intakes in the period counts twice."),
    WB_MONITOR_UNIT_PERSONS, FALSE, TRUE, PERSON_DIMS, TRUE, 0, FALSE, "inflow" },
  { WB_MONITOR_OUTFLOW, "outflow",
    N_("Outflow: the outflow events dated in the period, full (the benefit ends) or partial (it is reduced), by the class of their reason; an outflow to work has the reason class work."),
    WB_MONITOR_UNIT_PERSONS, FALSE, TRUE, D (OUTFLOW_TYPE) | D (REASON) | PERSON_DIMS, TRUE, 0, FALSE, "outflow" },
  { WB_MONITOR_TO_WORK, "to_work",
    N_("Outflow to work: the outflow events dated in the period whose reason is work, or that follow a placement of the same client on the same day or in the 31 days before it."),
    WB_MONITOR_UNIT_PERSONS, FALSE, TRUE, D (OUTFLOW_TYPE) | PERSON_DIMS, TRUE, 0, FALSE, "to_work" },
  { WB_MONITOR_PLACEMENTS, "placements",
    N_("Placements: the placement events dated in the period, by the sector of the employer and whether the benefit ends fully or partly."),
    WB_MONITOR_UNIT_PERSONS, FALSE, TRUE, D (OUTFLOW_TYPE) | D (SECTOR) | PERSON_DIMS, TRUE, 0, FALSE, "placements" },
  { WB_MONITOR_ACTIVATED, "activated",
    N_("Activated: the track starts (timeline events of kind track_start) dated in the period."),
    WB_MONITOR_UNIT_PERSONS, FALSE, TRUE, PERSON_DIMS, TRUE, 0, FALSE, "activated" },
  { WB_MONITOR_REFERRALS, "referrals",
    N_("Referrals: the referrals of clients to the employer service point (WSP) dated in the period."),
    WB_MONITOR_UNIT_PERSONS, FALSE, TRUE, PERSON_DIMS, TRUE, 0, FALSE, "referrals" },
  { WB_MONITOR_RETURNS, "returns",
    N_("Returns to benefit: the return-to-benefit events dated in the period."),
    WB_MONITOR_UNIT_PERSONS, FALSE, TRUE, PERSON_DIMS, TRUE, 0, FALSE, "returns" },
  { WB_MONITOR_DURABLE_6M, "durable_6m",
    N_("Durable outflow after 6 months: of the outflow to work in the period, the outflows after which the client did not return to benefit within 6 months (a return on the day 6 months later still counts as a return); not yet known until 6 months after the period has ended."),
    WB_MONITOR_UNIT_PERSONS, FALSE, TRUE, D (OUTFLOW_TYPE) | PERSON_DIMS, TRUE, 6, FALSE, "durable_6m" },
  { WB_MONITOR_DURABLE_12M, "durable_12m",
    N_("Durable outflow after 12 months: of the outflow to work in the period, the outflows after which the client did not return to benefit within 12 months (a return on the day 12 months later still counts as a return); not yet known until 12 months after the period has ended."),
    WB_MONITOR_UNIT_PERSONS, FALSE, TRUE, D (OUTFLOW_TYPE) | PERSON_DIMS, TRUE, 12, FALSE, "durable_12m" },
  { WB_MONITOR_CASELOAD, "caseload",
    N_("Caseload: the clients in the chain at the end of the period, that is with an intake on or before that day and no full outflow since their latest intake or return to benefit; by the furthest phase their timeline reached since then, its track, client group, capacity band and age band."),
    WB_MONITOR_UNIT_PERSONS, TRUE, TRUE, D (PHASE) | D (TRACK) | PERSON_DIMS, TRUE, 0, FALSE, "caseload" },
  { WB_MONITOR_POOL, "pool",
    N_("Work-ready pool: the clients in the caseload at the end of the period whose furthest phase is work ready: referred to the WSP and not placed since their latest intake or return to benefit."),
    WB_MONITOR_UNIT_PERSONS, TRUE, TRUE, PERSON_DIMS, TRUE, 0, FALSE, "pool" },
  { WB_MONITOR_VACANCIES_OPEN, "vacancies_open",
    N_("Open vacancies: the vacancies open at the end of the period, that is opened on or before that day and not filled or closed by then, by sector."),
    WB_MONITOR_UNIT_VACANCIES, TRUE, FALSE, D (SECTOR), FALSE, 0, FALSE, "vacancies_open" },
  { WB_MONITOR_VACANCIES_FILLED, "vacancies_filled",
    N_("Filled vacancies: the vacancies filled in the period, on the day of the first placement on them or else on their closing date, by sector."),
    WB_MONITOR_UNIT_VACANCIES, FALSE, FALSE, D (SECTOR), FALSE, 0, FALSE, "vacancies_filled" },
  { WB_MONITOR_TENSION, "tension",
    N_("Tension: the open vacancies at the end of the period per candidate in the work-ready pool; per sector, the candidates who name that sector among their preferences. Above 1, there are more vacancies than candidates."),
    WB_MONITOR_UNIT_RATIO, TRUE, FALSE, D (SECTOR), FALSE, 0, FALSE, NULL },
  { WB_MONITOR_BENEFIT_SAVED, "benefit_saved",
    N_("Saved benefit: the outflow to work in the period, a full outflow counting as one and a partial one in proportion to the weekly hours of its placement out of 36 (one half when they are not known), times the saved benefit per outflow of the client's subregion (EUR 8,500 unless set otherwise)."),
    WB_MONITOR_UNIT_EUROS, FALSE, FALSE, D (OUTFLOW_TYPE), TRUE, 0, FALSE, "benefit_saved" },
  { WB_MONITOR_CBS_RECIPIENTS, "cbs_recipients",
    N_("Social-assistance recipients (CBS): the persons with a social-assistance benefit in the municipality in the year, as CBS StatLine publishes them, rounded to tens; a municipality merged since counts in its successor."),
    WB_MONITOR_UNIT_PERSONS, TRUE, FALSE, 0, FALSE, 0, TRUE, NULL },
  { WB_MONITOR_CBS_TO_WORK, "cbs_to_work",
    N_("Outflow to work (CBS): the persons whose social-assistance benefit ended in the year and who had a salaried job and no new benefit a month later, as CBS StatLine publishes them, rounded to tens."),
    WB_MONITOR_UNIT_PERSONS, FALSE, FALSE, 0, FALSE, 0, TRUE, NULL },
};

#undef D
#undef PERSON_DIMS

const WbMonitorMetricInfo *
wb_monitor_metric_get_info (WbMonitorMetric metric)
{
  g_return_val_if_fail (metric < WB_MONITOR_N_METRICS, NULL);
  return &metrics[metric];
}

gboolean
wb_monitor_metric_from_string (const char      *text,
                               WbMonitorMetric *metric)
{
  g_return_val_if_fail (metric != NULL, FALSE);

  for (guint i = 0; text != NULL && i < WB_MONITOR_N_METRICS; i++)
    if (strcmp (metrics[i].name, text) == 0)
      {
        *metric = i;
        return TRUE;
      }
  return FALSE;
}

const char *
wb_monitor_metric_to_string (WbMonitorMetric metric)
{
  g_return_val_if_fail (metric < WB_MONITOR_N_METRICS, NULL);
  return metrics[metric].name;
}

const char *
wb_monitor_metric_get_definition (WbMonitorMetric metric)
{
  g_return_val_if_fail (metric < WB_MONITOR_N_METRICS, NULL);
  return _(metrics[metric].definition);
}

const char *
wb_monitor_metric_get_source (WbMonitorMetric metric)
{
  g_return_val_if_fail (metric < WB_MONITOR_N_METRICS, NULL);
  return metrics[metric].years_only ? "CBS StatLine" : "Werkbrug";
}

gboolean
wb_monitor_metric_for_target (const char      *target_metric,
                              WbMonitorMetric *metric)
{
  g_return_val_if_fail (metric != NULL, FALSE);

  if (target_metric == NULL)
    return FALSE;
  /* The older name of the durable outflow: a placement without a return within six months. */
  if (strcmp (target_metric, "durable_placements") == 0)
    {
      *metric = WB_MONITOR_DURABLE_6M;
      return TRUE;
    }
  for (guint i = 0; i < WB_MONITOR_N_METRICS; i++)
    if (metrics[i].target_metric != NULL && strcmp (metrics[i].target_metric, target_metric) == 0)
      {
        *metric = i;
        return TRUE;
      }
  return FALSE;
}

const char *
wb_monitor_unit_to_string (WbMonitorUnit unit)
{
  static const char * const names[] = { "persons", "vacancies", "ratio", "euros" };

  g_return_val_if_fail (unit <= WB_MONITOR_UNIT_EUROS, NULL);
  return names[unit];
}

/* Dimensions */

static const char * const dimension_names[WB_MONITOR_N_DIMS + 1] = {
  "none", "outflow_type", "reason", "phase", "track", "client_group", "capacity_band", "age_band", "sector", NULL
};

static const char * const outflow_types[] = { "full", "partial", NULL };
static const char * const reason_classes[] = { "work", "education", "moved", "partner_income", "pension", "other", NULL };
static const char * const monitor_phases[] = {
  "intake", "diagnosis", "activation", "development", "work_ready", "placed", "after_care", NULL
};
static const char * const tracks[] = { "activering", "plaatsing", "none", NULL };
static const char * const capacity_bands[] = { "<30", "30-80", "80-100", "unknown", NULL };
static const char * const age_bands[] = { "<18", "18-24", "25-34", "35-44", "45-54", "55-64", "65+", "unknown", NULL };

G_STATIC_ASSERT (G_N_ELEMENTS (monitor_phases) == WB_MONITOR_N_PHASES + 1);

/* The sectors of the model and one for a placement whose employer is not known. */
static const char * const *
sectors (void)
{
  static const char **values = NULL;

  if (g_once_init_enter (&values))
    {
      guint n = g_strv_length ((char **) wb_sectors);
      const char **all = g_new0 (const char *, n + 2);

      for (guint i = 0; i < n; i++)
        all[i] = wb_sectors[i];
      all[n] = "unknown";
      g_once_init_leave (&values, all);
    }
  return values;
}

gboolean
wb_monitor_dimension_from_string (const char         *text,
                                  WbMonitorDimension *dimension)
{
  g_return_val_if_fail (dimension != NULL, FALSE);

  for (guint i = 0; text != NULL && i < WB_MONITOR_N_DIMS; i++)
    if (strcmp (dimension_names[i], text) == 0)
      {
        *dimension = i;
        return TRUE;
      }
  return FALSE;
}

const char *
wb_monitor_dimension_to_string (WbMonitorDimension dimension)
{
  g_return_val_if_fail (dimension < WB_MONITOR_N_DIMS, NULL);
  return dimension_names[dimension];
}

const char * const *
wb_monitor_dimension_values (WbMonitorDimension dimension)
{
  switch (dimension)
    {
    case WB_MONITOR_DIM_OUTFLOW_TYPE:
      return outflow_types;
    case WB_MONITOR_DIM_REASON:
      return reason_classes;
    case WB_MONITOR_DIM_PHASE:
      return monitor_phases;
    case WB_MONITOR_DIM_TRACK:
      return tracks;
    case WB_MONITOR_DIM_CLIENT_GROUP:
      return wb_client_groups;
    case WB_MONITOR_DIM_CAPACITY_BAND:
      return capacity_bands;
    case WB_MONITOR_DIM_AGE_BAND:
      return age_bands;
    case WB_MONITOR_DIM_SECTOR:
      return sectors ();
    case WB_MONITOR_DIM_NONE:
    case WB_MONITOR_N_DIMS:
    default:
      return NULL;
    }
}

int
wb_monitor_dimension_index (WbMonitorDimension  dimension,
                            const char         *value)
{
  const char * const *values = wb_monitor_dimension_values (dimension);

  for (int i = 0; values != NULL && value != NULL && values[i] != NULL; i++)
    if (strcmp (values[i], value) == 0)
      return i;
  return -1;
}

/* Classifications */

static gboolean
has_word (const char *folded,
          const char *word)
{
  return strstr (folded, word) != NULL;
}

const char *
wb_monitor_reason_class (const char *reason)
{
  g_autofree char *folded = NULL;

  if (reason == NULL)
    return "other";
  folded = g_utf8_casefold (reason, -1);
  if (has_word (folded, "werk") || has_word (folded, "work") || has_word (folded, "baan") || has_word (folded, "job"))
    return "work";
  if (has_word (folded, "opleiding") || has_word (folded, "studie") || has_word (folded, "school") ||
      has_word (folded, "education"))
    return "education";
  if (has_word (folded, "verhuiz") || has_word (folded, "verhuisd") || has_word (folded, "moved"))
    return "moved";
  if (has_word (folded, "partner"))
    return "partner_income";
  if (has_word (folded, "pensioen") || has_word (folded, "aow") || has_word (folded, "pension"))
    return "pension";
  return "other";
}

const char *
wb_monitor_capacity_band (int work_capacity)
{
  if (work_capacity < 0)
    return "unknown";
  return wb_capacity_band (work_capacity);
}

guint
wb_monitor_age_band_index (int birth_year,
                           int year)
{
  int age = year - birth_year;

  if (birth_year <= 0)
    return 7;   /* unknown */
  if (age < 18)
    return 0;
  if (age < 25)
    return 1;
  if (age >= 65)
    return 6;
  return 2 + (age - 25) / 10;
}

const char *
wb_monitor_age_band (int birth_year,
                     int year)
{
  return age_bands[wb_monitor_age_band_index (birth_year, year)];
}

/* Instruments that activate (empower, motivate, teach the language and the habits of work);
 * the others develop towards a job. */
static const char * const activation_instruments[] = {
  "language_training", "empowerment", "job_application_training", "participation_place", "personal_budget", NULL
};

WbMonitorStep
wb_monitor_event_step (const char     *kind,
                       const char     *instrument,
                       const char     *outflow_type,
                       WbMonitorPhase *phase)
{
  WbMonitorPhase p = WB_MONITOR_PHASE_NONE;
  WbMonitorStep step = WB_MONITOR_STEP_ADVANCE;

  if (kind == NULL)
    step = WB_MONITOR_STEP_NONE;
  else if (strcmp (kind, "intake") == 0)
    {
      step = WB_MONITOR_STEP_ENTER;
      p = WB_MONITOR_PHASE_INTAKE;
    }
  else if (strcmp (kind, "return_to_benefit") == 0)
    {
      step = WB_MONITOR_STEP_ENTER;
      p = WB_MONITOR_PHASE_DEVELOPMENT;
    }
  else if (strcmp (kind, "diagnosis") == 0)
    p = WB_MONITOR_PHASE_DIAGNOSIS;
  else if (strcmp (kind, "track_start") == 0)
    p = instrument == NULL || g_strv_contains (activation_instruments, instrument)
        ? WB_MONITOR_PHASE_ACTIVATION : WB_MONITOR_PHASE_DEVELOPMENT;
  else if (strcmp (kind, "referral_wsp") == 0)
    p = WB_MONITOR_PHASE_WORK_READY;
  else if (strcmp (kind, "placement") == 0)
    p = WB_MONITOR_PHASE_PLACED;
  else if (strcmp (kind, "after_care") == 0)
    p = WB_MONITOR_PHASE_AFTER_CARE;
  else if (strcmp (kind, "outflow") == 0)
    {
      if (g_strcmp0 (outflow_type, "partial") == 0)
        p = WB_MONITOR_PHASE_AFTER_CARE;
      else
        step = WB_MONITOR_STEP_LEAVE;
    }
  else
    step = WB_MONITOR_STEP_NONE;

  if (phase != NULL)
    *phase = p;
  return step;
}

const char *
wb_monitor_phase_to_string (WbMonitorPhase phase)
{
  g_return_val_if_fail (phase >= 0 && phase < WB_MONITOR_N_PHASES, NULL);
  return monitor_phases[phase];
}

const char *
wb_monitor_phase_track (WbMonitorPhase phase)
{
  if (phase == WB_MONITOR_PHASE_ACTIVATION || phase == WB_MONITOR_PHASE_DEVELOPMENT)
    return "activering";
  if (phase >= WB_MONITOR_PHASE_WORK_READY)
    return "plaatsing";
  return NULL;
}

/* Reasons and statuses */

static const char * const reason_names[] = { NULL, "small", "complement", "not_yet_known", "undefined", "no_data" };

const char *
wb_monitor_reason_to_string (WbMonitorReason reason)
{
  g_return_val_if_fail (reason <= WB_MONITOR_REASON_NO_DATA, NULL);
  return reason_names[reason];
}

gboolean
wb_monitor_reason_from_string (const char      *text,
                               WbMonitorReason *reason)
{
  g_return_val_if_fail (reason != NULL, FALSE);

  if (text == NULL)
    {
      *reason = WB_MONITOR_REASON_NONE;
      return TRUE;
    }
  for (guint i = 1; i < G_N_ELEMENTS (reason_names); i++)
    if (strcmp (reason_names[i], text) == 0)
      {
        *reason = i;
        return TRUE;
      }
  return FALSE;
}

gboolean
wb_monitor_reason_is_suppression (WbMonitorReason reason)
{
  return reason == WB_MONITOR_REASON_SMALL || reason == WB_MONITOR_REASON_COMPLEMENT;
}

char *
wb_monitor_reason_describe (WbMonitorReason reason)
{
  switch (reason)
    {
    case WB_MONITOR_REASON_SMALL:
      return g_strdup_printf (_("Hidden: fewer than %d persons. Small numbers are never shown, so that no one can be recognised."),
                              WB_MONITOR_MIN_COUNT);
    case WB_MONITOR_REASON_COMPLEMENT:
      return g_strdup (_("Hidden: together with a total and the other figures it would reveal a hidden small number."));
    case WB_MONITOR_REASON_NOT_YET_KNOWN:
      return g_strdup (_("Not yet known: the period is too recent to tell."));
    case WB_MONITOR_REASON_UNDEFINED:
      return g_strdup (_("No figure: there is nothing to divide by."));
    case WB_MONITOR_REASON_NO_DATA:
      return g_strdup (_("No figure: the source has none for this period."));
    case WB_MONITOR_REASON_NONE:
    default:
      return NULL;
    }
}

static const char * const status_names[] = { "final", "provisional" };

/* The model */

WbMonitorSeries *
wb_monitor_series_new (const char *key,
                       const char *name,
                       const char *by)
{
  WbMonitorSeries *series = g_new0 (WbMonitorSeries, 1);

  series->key = g_strdup (key);
  series->name = g_strdup (name);
  series->by = g_strdup (by);
  series->points = g_array_new (FALSE, TRUE, sizeof (WbMonitorPoint));
  series->targets = g_array_new (FALSE, TRUE, sizeof (WbMonitorTarget));
  return series;
}

void
wb_monitor_series_free (WbMonitorSeries *series)
{
  if (series == NULL)
    return;
  g_free (series->key);
  g_free (series->name);
  g_free (series->by);
  g_array_unref (series->points);
  g_array_unref (series->targets);
  g_free (series);
}

WbMonitorResult *
wb_monitor_result_new (void)
{
  WbMonitorResult *result = g_new0 (WbMonitorResult, 1);

  result->series = g_ptr_array_new_with_free_func ((GDestroyNotify) wb_monitor_series_free);
  return result;
}

void
wb_monitor_result_free (WbMonitorResult *result)
{
  if (result == NULL)
    return;
  g_free (result->client_group);
  g_free (result->capacity_band);
  g_free (result->as_of);
  g_free (result->generated_at);
  g_ptr_array_unref (result->series);
  g_free (result);
}

static void
set_string_or_null (JsonObject *object,
                    const char *name,
                    const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, name, value);
  else
    json_object_set_null_member (object, name);
}

static void
set_period (JsonObject     *object,
            const char     *name,
            const WbPeriod *period)
{
  char text[WB_PERIOD_TEXT_SIZE];

  wb_period_format (period, text);
  json_object_set_string_member (object, name, text);
}

/* Counts and euros are whole numbers; a ratio keeps two decimals. */
static void
set_value (JsonObject    *object,
           WbMonitorUnit  unit,
           double         value)
{
  if (unit == WB_MONITOR_UNIT_RATIO)
    json_object_set_double_member (object, "value", round (value * 100.0) / 100.0);
  else
    json_object_set_int_member (object, "value", (gint64) llround (value));
}

JsonNode *
wb_monitor_result_to_json (const WbMonitorResult *result)
{
  const WbMonitorMetricInfo *info;
  JsonObject *root;
  JsonArray *series;

  g_return_val_if_fail (result != NULL, NULL);

  info = wb_monitor_metric_get_info (result->metric);
  root = json_object_new ();
  json_object_set_string_member (root, "metric", info->name);
  json_object_set_string_member (root, "level", wb_monitor_level_to_string (result->level));
  json_object_set_string_member (root, "period", wb_period_kind_to_string (result->period));
  set_period (root, "from", &result->from);
  set_period (root, "to", &result->to);
  set_string_or_null (root, "by", result->by != WB_MONITOR_DIM_NONE ? wb_monitor_dimension_to_string (result->by) : NULL);
  set_string_or_null (root, "client_group", result->client_group);
  set_string_or_null (root, "capacity_band", result->capacity_band);
  json_object_set_string_member (root, "unit", wb_monitor_unit_to_string (info->unit));

  series = json_array_new ();
  for (guint s = 0; s < result->series->len; s++)
    {
      const WbMonitorSeries *one = result->series->pdata[s];
      JsonObject *object = json_object_new ();
      JsonArray *points = json_array_new ();
      JsonArray *targets = json_array_new ();

      json_object_set_string_member (object, "key", one->key);
      json_object_set_string_member (object, "name", one->name);
      if (result->by != WB_MONITOR_DIM_NONE)
        {
          set_string_or_null (object, "by", one->by);
          if (result->by == WB_MONITOR_DIM_SECTOR)
            json_object_set_boolean_member (object, "opportunity", one->opportunity);
        }
      for (guint p = 0; p < one->points->len; p++)
        {
          const WbMonitorPoint *point = &g_array_index (one->points, WbMonitorPoint, p);
          JsonObject *item = json_object_new ();

          set_period (item, "period", &point->period);
          if (point->has_value)
            set_value (item, info->unit, point->value);
          else
            json_object_set_null_member (item, "value");
          json_object_set_boolean_member (item, "suppressed", wb_monitor_reason_is_suppression (point->reason));
          set_string_or_null (item, "reason", wb_monitor_reason_to_string (point->reason));
          json_object_set_string_member (item, "status", status_names[point->status]);
          json_array_add_object_element (points, item);
        }
      json_object_set_array_member (object, "points", points);
      for (guint t = 0; t < one->targets->len; t++)
        {
          const WbMonitorTarget *target = &g_array_index (one->targets, WbMonitorTarget, t);
          JsonObject *item = json_object_new ();

          set_period (item, "period", &target->period);
          set_value (item, info->unit, target->value);
          json_object_set_int_member (item, "id", target->id);
          json_array_add_object_element (targets, item);
        }
      json_object_set_array_member (object, "targets", targets);
      json_array_add_object_element (series, object);
    }
  json_object_set_array_member (root, "series", series);
  json_object_set_string_member (root, "definition", wb_monitor_metric_get_definition (result->metric));
  json_object_set_string_member (root, "source", wb_monitor_metric_get_source (result->metric));
  set_string_or_null (root, "as_of", result->as_of);
  set_string_or_null (root, "generated_at", result->generated_at);

  return json_node_init_object (json_node_alloc (), root);
}

/* Reading the JSON back */

static gboolean
invalid (GError     **error,
         const char  *what)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("Not a monitor answer: %s"), what);
  return FALSE;
}

static const char *
get_string (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonArray *
get_array (JsonObject *object,
           const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static gboolean
get_period (JsonObject *object,
            const char *name,
            WbPeriod   *period)
{
  return wb_period_parse (get_string (object, name), period);
}

static gboolean
get_number (JsonObject *object,
            const char *name,
            double     *value)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    *value = json_node_get_int (node);
  else if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    *value = json_node_get_double (node);
  else
    return FALSE;
  return TRUE;
}

static gboolean
read_series (JsonObject       *object,
             WbMonitorSeries **out,
             GError          **error)
{
  g_autoptr(WbMonitorSeries) series = NULL;
  JsonArray *points, *targets;

  if (get_string (object, "key") == NULL || get_string (object, "name") == NULL)
    return invalid (error, "series without key or name");
  series = wb_monitor_series_new (get_string (object, "key"), get_string (object, "name"), get_string (object, "by"));
  series->opportunity = json_object_get_boolean_member_with_default (object, "opportunity", FALSE);

  points = get_array (object, "points");
  if (points == NULL)
    return invalid (error, "series without points");
  for (guint i = 0; i < json_array_get_length (points); i++)
    {
      JsonObject *item = json_array_get_object_element (points, i);
      WbMonitorPoint point = { 0 };
      const char *status;

      if (item == NULL || !get_period (item, "period", &point.period))
        return invalid (error, "a point without a period");
      point.has_value = get_number (item, "value", &point.value);
      if (!wb_monitor_reason_from_string (get_string (item, "reason"), &point.reason))
        return invalid (error, "an unknown reason");
      status = get_string (item, "status");
      point.status = g_strcmp0 (status, "provisional") == 0 ? WB_MONITOR_STATUS_PROVISIONAL : WB_MONITOR_STATUS_FINAL;
      g_array_append_val (series->points, point);
    }

  targets = get_array (object, "targets");
  for (guint i = 0; targets != NULL && i < json_array_get_length (targets); i++)
    {
      JsonObject *item = json_array_get_object_element (targets, i);
      WbMonitorTarget target = { 0 };

      if (item == NULL || !get_period (item, "period", &target.period) || !get_number (item, "value", &target.value))
        return invalid (error, "a target without a period or value");
      target.id = json_object_get_int_member_with_default (item, "id", 0);
      g_array_append_val (series->targets, target);
    }
  *out = g_steal_pointer (&series);
  return TRUE;
}

WbMonitorResult *
wb_monitor_result_from_json (JsonNode  *node,
                             GError   **error)
{
  g_autoptr(WbMonitorResult) result = wb_monitor_result_new ();
  JsonObject *root;
  JsonArray *series;
  WbPeriodKind kind;
  const char *by;

  g_return_val_if_fail (node != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      invalid (error, "not an object");
      return NULL;
    }
  root = json_node_get_object (node);
  if (!wb_monitor_metric_from_string (get_string (root, "metric"), &result->metric) ||
      !wb_monitor_level_from_string (get_string (root, "level"), &result->level) ||
      !wb_period_kind_from_string (get_string (root, "period"), &kind))
    {
      invalid (error, "metric, level or period");
      return NULL;
    }
  result->period = kind;
  if (!get_period (root, "from", &result->from) || !get_period (root, "to", &result->to))
    {
      invalid (error, "from or to");
      return NULL;
    }
  by = get_string (root, "by");
  result->by = WB_MONITOR_DIM_NONE;
  if (by != NULL && !wb_monitor_dimension_from_string (by, &result->by))
    {
      invalid (error, "by");
      return NULL;
    }
  result->client_group = g_strdup (get_string (root, "client_group"));
  result->capacity_band = g_strdup (get_string (root, "capacity_band"));
  result->as_of = g_strdup (get_string (root, "as_of"));
  result->generated_at = g_strdup (get_string (root, "generated_at"));

  series = get_array (root, "series");
  if (series == NULL)
    {
      invalid (error, "no series");
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (series); i++)
    {
      JsonObject *item = json_array_get_object_element (series, i);
      WbMonitorSeries *one = NULL;

      if (item == NULL)
        {
          invalid (error, "a series that is not an object");
          return NULL;
        }
      if (!read_series (item, &one, error))
        return NULL;
      g_ptr_array_add (result->series, one);
    }
  return g_steal_pointer (&result);
}

/* The request */

void
wb_monitor_query_init (WbMonitorQuery *query)
{
  g_return_if_fail (query != NULL);

  *query = (WbMonitorQuery) {
    .metric = WB_MONITOR_INFLOW,
    .level = WB_MONITOR_LEVEL_REGION,
    .period = WB_PERIOD_YEAR,
    .by = WB_MONITOR_DIM_NONE,
  };
}

void
wb_monitor_query_clear (WbMonitorQuery *query)
{
  g_return_if_fail (query != NULL);

  g_clear_pointer (&query->key, g_free);
  g_clear_pointer (&query->client_group, g_free);
  g_clear_pointer (&query->capacity_band, g_free);
  g_clear_pointer (&query->as_of, g_free);
}

static char *
one_of (const char * const *values)
{
  g_autofree char *list = g_strjoinv (", ", (char **) values);

  return g_strdup_printf (_("must be one of: %s"), list);
}

/* The longest range a request may cover: ten years. */
#define MAX_RANGE_MONTHS 120

gboolean
wb_monitor_query_parse (WbMonitorQuery *query,
                        GHashTable     *params,
                        GPtrArray      *errors)
{
  static const char * const known[] = {
    "metric", "level", "period", "from", "to", "key", "by", "client_group", "capacity_band", "as_of", NULL
  };
  guint n_errors;
  const char *value;
  const WbMonitorMetricInfo *info = NULL;
  gboolean have_metric = FALSE;
  GHashTableIter iter;
  gpointer name;

  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (errors != NULL, FALSE);

  n_errors = errors->len;
  wb_monitor_query_clear (query);
  wb_monitor_query_init (query);

  if (params != NULL)
    {
      g_hash_table_iter_init (&iter, params);
      while (g_hash_table_iter_next (&iter, &name, NULL))
        if (!g_strv_contains (known, name))
          wb_field_errors_add (errors, name, g_strdup (_("is not a parameter of the monitor")));
    }

#define PARAM(n) (params != NULL ? (const char *) g_hash_table_lookup (params, (n)) : NULL)

  value = PARAM ("metric");
  if (value == NULL)
    wb_field_errors_add (errors, "metric", g_strdup (_("is required")));
  else if (!wb_monitor_metric_from_string (value, &query->metric))
    {
      const char *names[WB_MONITOR_N_METRICS + 1] = { NULL };

      for (guint i = 0; i < WB_MONITOR_N_METRICS; i++)
        names[i] = metrics[i].name;
      wb_field_errors_add (errors, "metric", one_of (names));
    }
  else
    {
      have_metric = TRUE;
      info = wb_monitor_metric_get_info (query->metric);
    }

  value = PARAM ("level");
  if (value != NULL && !wb_monitor_level_from_string (value, &query->level))
    wb_field_errors_add (errors, "level", one_of (level_names));

  value = PARAM ("period");
  if (value != NULL && !wb_period_kind_from_string (value, &query->period))
    wb_field_errors_add (errors, "period", one_of (period_kinds));
  else if (have_metric && info->years_only && query->period != WB_PERIOD_YEAR)
    wb_field_errors_add (errors, "period", g_strdup (_("must be year: this source has figures per year only")));

  value = PARAM ("from");
  if (value != NULL && !(query->has_from = wb_period_parse (value, &query->from)))
    wb_field_errors_add (errors, "from", g_strdup (_("must be a period written as 2025, 2025-Q3 or 2025-07")));
  value = PARAM ("to");
  if (value != NULL && !(query->has_to = wb_period_parse (value, &query->to)))
    wb_field_errors_add (errors, "to", g_strdup (_("must be a period written as 2025, 2025-Q3 or 2025-07")));
  if (query->has_from && query->has_to)
    {
      if (wb_period_last_month (&query->to) < wb_period_first_month (&query->from))
        wb_field_errors_add (errors, "to", g_strdup (_("must not end before from begins")));
      else if (wb_period_last_month (&query->to) - wb_period_first_month (&query->from) >= MAX_RANGE_MONTHS)
        wb_field_errors_add (errors, "to", g_strdup (_("a range covers at most ten years")));
    }

  value = PARAM ("key");
  if (value != NULL)
    {
      if (*value == '\0')
        wb_field_errors_add (errors, "key", g_strdup (_("may not be empty")));
      else
        query->key = g_strdup (value);
    }

  value = PARAM ("by");
  if (value != NULL)
    {
      if (!wb_monitor_dimension_from_string (value, &query->by))
        wb_field_errors_add (errors, "by", one_of (dimension_names + 1 /* not "none" */));
      else if (have_metric && query->by != WB_MONITOR_DIM_NONE &&
               !(info->dimensions & WB_MONITOR_DIM_BIT (query->by)))
        {
          g_autoptr(GPtrArray) allowed = g_ptr_array_new ();

          for (guint d = 1; d < WB_MONITOR_N_DIMS; d++)
            if (info->dimensions & WB_MONITOR_DIM_BIT (d))
              g_ptr_array_add (allowed, (gpointer) dimension_names[d]);
          g_ptr_array_add (allowed, NULL);
          if (allowed->len == 1)
            wb_field_errors_add (errors, "by", g_strdup_printf (_("%s cannot be split"), info->name));
          else
            wb_field_errors_add (errors, "by", one_of ((const char * const *) allowed->pdata));
        }
    }

  value = PARAM ("client_group");
  if (value != NULL)
    {
      if (!wb_enum_contains (wb_client_groups, value))
        wb_field_errors_add (errors, "client_group", one_of (wb_client_groups));
      else if (have_metric && !info->filters)
        wb_field_errors_add (errors, "client_group", g_strdup_printf (_("%s cannot be filtered"), info->name));
      else
        query->client_group = g_strdup (value);
    }
  value = PARAM ("capacity_band");
  if (value != NULL)
    {
      static const char * const bands[] = { "<30", "30-80", "80-100", NULL };

      if (!g_strv_contains (bands, value))
        wb_field_errors_add (errors, "capacity_band", one_of (bands));
      else if (have_metric && !info->filters)
        wb_field_errors_add (errors, "capacity_band", g_strdup_printf (_("%s cannot be filtered"), info->name));
      else
        query->capacity_band = g_strdup (value);
    }

  /* A split and the filters make a table of as many dimensions; two at most, for every
   * answer is protected as part of its whole table. */
  {
    guint n_dims = (query->by != WB_MONITOR_DIM_NONE) +
                   (query->client_group != NULL && query->by != WB_MONITOR_DIM_CLIENT_GROUP) +
                   (query->capacity_band != NULL && query->by != WB_MONITOR_DIM_CAPACITY_BAND);

    if (n_dims > 2)
      wb_field_errors_add (errors, "capacity_band", g_strdup (_("by, client_group and capacity_band combine two at a time")));
  }

  value = PARAM ("as_of");
  if (value != NULL)
    {
      if (!wb_validate_date (value))
        wb_field_errors_add (errors, "as_of", g_strdup (_("must be a date written as YYYY-MM-DD")));
      else
        query->as_of = g_strdup (value);
    }

#undef PARAM

  return errors->len == n_errors;
}

/* Small-number protection */

struct _WbMonitorProtection
{
  guint n_cells;
  gint64 *counts;
  guint8 *reasons;          /* WbMonitorReason */
  guint8 *priorities;
  guint *members;           /* per relation its total, then its parts */
  gsize n_members, members_size;
  guint *starts;            /* where each relation begins in members, and one past the last */
  gsize n_starts, starts_size;
};

WbMonitorProtection *
wb_monitor_protection_new (guint n_cells)
{
  WbMonitorProtection *self = g_new0 (WbMonitorProtection, 1);

  self->n_cells = n_cells;
  self->counts = g_new0 (gint64, MAX (n_cells, 1));
  self->reasons = g_new0 (guint8, MAX (n_cells, 1));
  self->priorities = g_new0 (guint8, MAX (n_cells, 1));
  self->members_size = 1024;
  self->members = g_new (guint, self->members_size);
  self->starts_size = 256;
  self->starts = g_new (guint, self->starts_size);
  self->starts[self->n_starts++] = 0;
  return self;
}

void
wb_monitor_protection_free (WbMonitorProtection *self)
{
  if (self == NULL)
    return;
  g_free (self->counts);
  g_free (self->reasons);
  g_free (self->priorities);
  g_free (self->members);
  g_free (self->starts);
  g_free (self);
}

void
wb_monitor_protection_set_count (WbMonitorProtection *self,
                                 guint                cell,
                                 gint64               count)
{
  g_return_if_fail (self != NULL && cell < self->n_cells);
  self->counts[cell] = count;
}

void
wb_monitor_protection_hide (WbMonitorProtection *self,
                            guint                cell,
                            WbMonitorReason      reason)
{
  g_return_if_fail (self != NULL && cell < self->n_cells);
  self->reasons[cell] = reason;
}

void
wb_monitor_protection_set_priority (WbMonitorProtection *self,
                                    guint                cell,
                                    guint8               priority)
{
  g_return_if_fail (self != NULL && cell < self->n_cells);
  self->priorities[cell] = priority;
}

void
wb_monitor_protection_set_priorities (WbMonitorProtection *self,
                                      const guint8        *priorities)
{
  g_return_if_fail (self != NULL);
  memcpy (self->priorities, priorities, self->n_cells);
}

void
wb_monitor_protection_add_relation (WbMonitorProtection *self,
                                    guint                total,
                                    const guint         *parts,
                                    guint                n_parts)
{
  guint end;

  g_return_if_fail (self != NULL && total < self->n_cells);

  if (n_parts == 0)
    return;
  /* A relation of zeros never holds a hidden cell (zero is shown, and no cell of it was
   * hidden beforehand): leave it out, which makes sparse tables quick. */
  {
    gboolean all_zero = self->counts[total] == 0 && self->reasons[total] == WB_MONITOR_REASON_NONE;

    for (guint i = 0; i < n_parts && all_zero; i++)
      {
        g_return_if_fail (parts[i] < self->n_cells);
        all_zero = self->counts[parts[i]] == 0 && self->reasons[parts[i]] == WB_MONITOR_REASON_NONE;
      }
    if (all_zero)
      return;
  }
  /* Tables run to millions of cells: the relations go into plain arrays that grow by half. */
  if (self->n_members + n_parts + 1 > self->members_size)
    {
      self->members_size = MAX (self->members_size * 3 / 2, self->n_members + n_parts + 1);
      self->members = g_renew (guint, self->members, self->members_size);
    }
  if (self->n_starts + 1 > self->starts_size)
    {
      self->starts_size = self->starts_size * 3 / 2;
      self->starts = g_renew (guint, self->starts, self->starts_size);
    }
  self->members[self->n_members++] = total;
  for (guint i = 0; i < n_parts; i++)
    {
      g_return_if_fail (parts[i] < self->n_cells);
      self->members[self->n_members++] = parts[i];
    }
  end = self->n_members;
  self->starts[self->n_starts++] = end;
}

void
wb_monitor_protection_set_counts (WbMonitorProtection *self,
                                  const gint64        *counts)
{
  g_return_if_fail (self != NULL);
  memcpy (self->counts, counts, self->n_cells * sizeof (gint64));
}

/* The relation's one hidden cell gets company: the visible part that is not zero of the
 * lowest priority, the smallest of those, the lowest cell on a tie; or else the total.
 * FALSE when nothing could be hidden. */
static gboolean
hide_another (WbMonitorProtection *self,
              const guint         *members,
              guint                n)
{
  guint best = G_MAXUINT;

  for (guint i = 1; i < n; i++)
    {
      guint cell = members[i];

      if (self->reasons[cell] != WB_MONITOR_REASON_NONE || self->counts[cell] <= 0)
        continue;
      if (best == G_MAXUINT || self->priorities[cell] < self->priorities[best] ||
          (self->priorities[cell] == self->priorities[best] &&
           (self->counts[cell] < self->counts[best] || (self->counts[cell] == self->counts[best] && cell < best))))
        best = cell;
    }
  if (best == G_MAXUINT && self->reasons[members[0]] == WB_MONITOR_REASON_NONE && self->counts[members[0]] > 0)
    best = members[0];
  if (best == G_MAXUINT)
    return FALSE;
  self->reasons[best] = WB_MONITOR_REASON_COMPLEMENT;
  return TRUE;
}

void
wb_monitor_protection_run (WbMonitorProtection *self)
{
  const guint *members, *starts;
  g_autofree guint8 *done = NULL;
  guint n_relations;
  gboolean changed;

  g_return_if_fail (self != NULL);

  for (guint cell = 0; cell < self->n_cells; cell++)
    if (self->reasons[cell] == WB_MONITOR_REASON_NONE &&
        self->counts[cell] > 0 && self->counts[cell] < WB_MONITOR_MIN_COUNT)
      self->reasons[cell] = WB_MONITOR_REASON_SMALL;

  members = self->members;
  starts = self->starts;
  n_relations = self->n_starts - 1;
  /* A relation with two hidden cells keeps them: it needs no second look. */
  done = g_new0 (guint8, MAX (n_relations, 1));
  do
    {
      changed = FALSE;
      for (guint r = 0; r < n_relations; r++)
        {
          const guint *relation = members + starts[r];
          guint n = starts[r + 1] - starts[r];
          guint hidden = 0;

          if (done[r])
            continue;
          for (guint i = 0; i < n && hidden < 2; i++)
            if (self->reasons[relation[i]] != WB_MONITOR_REASON_NONE)
              hidden++;
          if (hidden == 1 && hide_another (self, relation, n))
            {
              changed = TRUE;
              hidden = 2;
            }
          if (hidden >= 2)
            done[r] = 1;
        }
    }
  while (changed);
}

WbMonitorReason
wb_monitor_protection_get_reason (WbMonitorProtection *self,
                                  guint                cell)
{
  g_return_val_if_fail (self != NULL && cell < self->n_cells, WB_MONITOR_REASON_NONE);
  return self->reasons[cell];
}

void
wb_monitor_protection_get_reasons (WbMonitorProtection *self,
                                   guint8              *reasons)
{
  g_return_if_fail (self != NULL);
  memcpy (reasons, self->reasons, self->n_cells);
}
