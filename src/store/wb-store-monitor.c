/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-store-monitor"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>
#include <string.h>

#include "wb-store-monitor-private.h"

/* The cube: every count an answer is a slice of.
 *
 * Cells are counted per time slot, area and category. Areas are every municipality, every
 * organisation, the subregions and the region. Time slots are, for a count over periods,
 * the months, quarters and year of every year the answer touches (so that a year is the
 * sum of its quarters and months, whatever kind of period was asked), and for a count at
 * the end of periods the periods asked. The category is a "family" index (the layers one
 * count is split into, such as the reasons of an outflow and the durable part of the
 * outflow to work) and up to three dimensions (the `by` dimension and the filters), each
 * with its values and a total. Protection runs over the whole cube, so that every slice
 * of it, whichever level, key, range or series was asked, hides the same cells. */

#define MAX_AXES 3
#define SLOTS_PER_YEAR 17   /* 12 months, 4 quarters, the year */

typedef struct {
  guint n_areas;
  guint n_municipalities;
  guint n_organisations;
  guint n_times;
  gboolean flows;          /* time slots are months, quarters and years */
  int first_year;
  guint n_family;
  guint n_axes;
  WbMonitorDimension axes[MAX_AXES];
  guint axis_size[MAX_AXES];   /* values + 1 for the total */
  guint n_cat;
  gsize n_cells;
  gint64 *counts;
  double *amounts;
} Cube;

static void
cube_clear (Cube *cube)
{
  g_clear_pointer (&cube->counts, g_free);
  g_clear_pointer (&cube->amounts, g_free);
}

static guint
area_subregion_cell (const Cube *cube,
                     int         subregion)
{
  return cube->n_municipalities + cube->n_organisations + subregion;
}

static guint
area_region_cell (const Cube *cube)
{
  return cube->n_municipalities + cube->n_organisations + N_SUBREGIONS;
}

static gsize
cell_index (const Cube *cube,
            guint       time,
            guint       area,
            guint       cat)
{
  return ((gsize) time * cube->n_areas + area) * cube->n_cat + cat;
}

static guint
axis_total (const Cube *cube,
            guint       axis)
{
  return cube->axis_size[axis] - 1;
}

/* The category index of a family layer and a coordinate on each axis. */
static guint
category (const Cube  *cube,
          guint        family,
          const guint *coords)
{
  guint cat = family;

  for (guint k = 0; k < cube->n_axes; k++)
    cat = cat * cube->axis_size[k] + coords[k];
  return cat;
}

static void
cube_init (Cube                     *cube,
           const MonIndex           *index,
           guint                     n_times,
           gboolean                  flows,
           int                       first_year,
           guint                     n_family,
           const WbMonitorDimension *axes,
           guint                     n_axes,
           gboolean                  amounts)
{
  memset (cube, 0, sizeof *cube);
  cube->n_municipalities = index->municipalities->len;
  cube->n_organisations = index->organisations->len;
  cube->n_areas = cube->n_municipalities + cube->n_organisations + N_SUBREGIONS + 1;
  cube->n_times = n_times;
  cube->flows = flows;
  cube->first_year = first_year;
  cube->n_family = n_family;
  cube->n_axes = n_axes;
  cube->n_cat = n_family;
  for (guint k = 0; k < n_axes; k++)
    {
      cube->axes[k] = axes[k];
      cube->axis_size[k] = g_strv_length ((char **) wb_monitor_dimension_values (axes[k])) + 1;
      cube->n_cat *= cube->axis_size[k];
    }
  cube->n_cells = (gsize) n_times * cube->n_areas * cube->n_cat;
  cube->counts = g_new0 (gint64, MAX (cube->n_cells, 1));
  if (amounts)
    cube->amounts = g_new0 (double, MAX (cube->n_cells, 1));
}

/* Adds @weight (and @amount) for one person-event or person-state: at the municipality and
 * the organisation, in every family layer given, and on each axis at its value and at
 * the total. Subregions and the region are summed afterwards. */
static void
cube_add (Cube         *cube,
          guint         time,
          const MonClient *client,
          gint32        municipality,
          gint32        organisation,
          const guint  *layers,
          guint         n_layers,
          const guint  *values,
          gint64        weight,
          double        amount)
{
  guint n_subsets = 1u << cube->n_axes;

  for (guint l = 0; l < n_layers; l++)
    for (guint subset = 0; subset < n_subsets; subset++)
      {
        guint coords[MAX_AXES];
        guint cat;

        for (guint k = 0; k < cube->n_axes; k++)
          coords[k] = subset & (1u << k) ? axis_total (cube, k) : values[k];
        cat = category (cube, layers[l], coords);
        if (municipality >= 0)
          {
            gsize c = cell_index (cube, time, municipality, cat);

            cube->counts[c] += weight;
            if (cube->amounts != NULL)
              cube->amounts[c] += amount;
          }
        if (organisation >= 0)
          {
            gsize c = cell_index (cube, time, cube->n_municipalities + organisation, cat);

            cube->counts[c] += weight;
            if (cube->amounts != NULL)
              cube->amounts[c] += amount;
          }
      }
}

/* Adds @weight at one category only, with no totals along the axes: for a dimension whose
 * values overlap (a candidate prefers several sectors), where a total would be no sum. */
static void
cube_add_one (Cube        *cube,
              guint        time,
              gint32       municipality,
              gint32       organisation,
              guint        layer,
              const guint *values,
              gint64       weight)
{
  guint cat = category (cube, layer, values);

  if (municipality >= 0)
    cube->counts[cell_index (cube, time, municipality, cat)] += weight;
  if (organisation >= 0)
    cube->counts[cell_index (cube, time, cube->n_municipalities + organisation, cat)] += weight;
}

/* Subregions as the sum of their municipalities, the region as the sum of the subregions. */
static void
cube_sum_areas (Cube           *cube,
                const MonIndex *index)
{
  for (guint t = 0; t < cube->n_times; t++)
    for (guint m = 0; m < cube->n_municipalities; m++)
      {
        int s = g_array_index (index->municipalities, MonArea, m).subregion;

        if (s < 0)
          continue;
        for (guint cat = 0; cat < cube->n_cat; cat++)
          {
            gsize from = cell_index (cube, t, m, cat);
            gsize sub = cell_index (cube, t, area_subregion_cell (cube, s), cat);
            gsize region = cell_index (cube, t, area_region_cell (cube), cat);

            cube->counts[sub] += cube->counts[from];
            cube->counts[region] += cube->counts[from];
            if (cube->amounts != NULL)
              {
                cube->amounts[sub] += cube->amounts[from];
                cube->amounts[region] += cube->amounts[from];
              }
          }
      }
}

/* The slot of a period among a count's time slots (counts over periods). */
static guint
flow_slot (const Cube     *cube,
           const WbPeriod *period)
{
  guint base = (period->year - cube->first_year) * SLOTS_PER_YEAR;

  switch (period->kind)
    {
    case WB_PERIOD_MONTH:
      return base + period->index - 1;
    case WB_PERIOD_QUARTER:
      return base + 12 + period->index - 1;
    case WB_PERIOD_YEAR:
    default:
      return base + 16;
    }
}

/* What an answer needs from the request, worked out once. */
typedef struct {
  const WbMonitorQuery *query;
  const WbMonitorMetricInfo *info;
  MonIndex *index;
  gint32 as_of;
  WbPeriod from, to;
  GArray *periods;                /* WbPeriod asked */
  int first_year, last_year;      /* of the periods asked */
  gint32 *ends;                   /* per period asked: the day a count at its end is taken */
  int *end_years;                 /* and its year */
  /* The axes of the cube: `by` unless it is a family's own split, then the filters. */
  WbMonitorDimension axes[MAX_AXES];
  guint n_axes;
  int by_axis;                    /* -1 when `by` is none or a family split */
  gboolean short_family;          /* `by` is an axis: the families shrink */
  int filter_value[MAX_AXES];     /* per axis: the filtered value, or -1 */
} Plan;

static void
plan_clear (Plan *plan)
{
  g_clear_pointer (&plan->periods, g_array_unref);
  g_clear_pointer (&plan->ends, g_free);
  g_clear_pointer (&plan->end_years, g_free);
}

static guint
axis_value (const Plan        *plan,
            guint              axis,
            const MonClient   *client,
            const MonEvent    *event,
            int                year)
{
  switch (plan->axes[axis])
    {
    case WB_MONITOR_DIM_OUTFLOW_TYPE:
      return event != NULL ? event->outflow_type : 0;
    case WB_MONITOR_DIM_CLIENT_GROUP:
      return client->group;
    case WB_MONITOR_DIM_CAPACITY_BAND:
      return client->band;
    case WB_MONITOR_DIM_AGE_BAND:
      return wb_monitor_age_band_index (client->birth_year, year);
    case WB_MONITOR_DIM_SECTOR:
      return event != NULL ? event->sector : 0;
    case WB_MONITOR_DIM_NONE:
    case WB_MONITOR_DIM_REASON:
    case WB_MONITOR_DIM_PHASE:
    case WB_MONITOR_DIM_TRACK:
    case WB_MONITOR_N_DIMS:
    default:
      g_assert_not_reached ();
    }
}

/* Families: the layers of one count. */

/* One relation among the layers of a family: a total and its parts. */
typedef struct {
  guint total;
  guint parts[8];
  guint n_parts;
} FamilyRelation;


enum {
  /* Outflow: the six reason classes (work first), the durable and not durable parts of
   * the outflow to work after 6 and 12 months, and all. */
  OUT_WORK = 0,
  OUT_D6 = 6,
  OUT_ND6,
  OUT_D12,
  OUT_ND12,
  OUT_TOTAL,
  N_OUT_LAYERS,
  /* Caseload: the seven phases, the three tracks, and all. */
  CASE_ACTIVERING = 7,
  CASE_PLAATSING,
  CASE_NO_TRACK,
  CASE_TOTAL,
  N_CASE_LAYERS,
};

/* Where `by` splits along an axis, the reasons and phases are not shown one by one in
 * that table: the families shrink to what it shows (and what follows from it). */
enum {
  SHORT_WORK = 0,
  SHORT_NOT_WORK,
  SHORT_D6,
  SHORT_ND6,
  SHORT_D12,
  SHORT_ND12,
  SHORT_OUT_TOTAL,
  N_SHORT_OUT_LAYERS,
  SHORT_WORK_READY = 0,
  SHORT_NOT_READY,
  SHORT_CASE_TOTAL,
  N_SHORT_CASE_LAYERS,
};

static const FamilyRelation short_out_relations[] = {
  { SHORT_WORK, { SHORT_D6, SHORT_ND6 }, 2 },
  { SHORT_WORK, { SHORT_D12, SHORT_ND12 }, 2 },
  { SHORT_OUT_TOTAL, { SHORT_WORK, SHORT_NOT_WORK }, 2 },
};

static const FamilyRelation short_case_relations[] = {
  { SHORT_CASE_TOTAL, { SHORT_WORK_READY, SHORT_NOT_READY }, 2 },
};

/* The narrow relations first: a second cell chosen there often settles a wider one too,
 * where the other way round the wider one would pick a cell that unsettles a narrow one. */
static const FamilyRelation out_relations[] = {
  { OUT_WORK, { OUT_D6, OUT_ND6 }, 2 },
  { OUT_WORK, { OUT_D12, OUT_ND12 }, 2 },
  { OUT_TOTAL, { 0, 1, 2, 3, 4, 5 }, 6 },
};

static const FamilyRelation case_relations[] = {
  { CASE_ACTIVERING, { WB_MONITOR_PHASE_ACTIVATION, WB_MONITOR_PHASE_DEVELOPMENT }, 2 },
  { CASE_NO_TRACK, { WB_MONITOR_PHASE_INTAKE, WB_MONITOR_PHASE_DIAGNOSIS }, 2 },
  { CASE_PLAATSING, { WB_MONITOR_PHASE_WORK_READY, WB_MONITOR_PHASE_PLACED, WB_MONITOR_PHASE_AFTER_CARE }, 3 },
  { CASE_TOTAL, { CASE_ACTIVERING, CASE_PLAATSING, CASE_NO_TRACK }, 3 },
  { CASE_TOTAL, { 0, 1, 2, 3, 4, 5, 6 }, 7 },
};

static guint
track_layer (WbMonitorPhase phase)
{
  const char *track = wb_monitor_phase_track (phase);

  if (g_strcmp0 (track, "activering") == 0)
    return CASE_ACTIVERING;
  if (g_strcmp0 (track, "plaatsing") == 0)
    return CASE_PLAATSING;
  return CASE_NO_TRACK;
}

/* The client's (or event's) value on each axis of the cube. */
static void
client_values (const Plan      *plan,
               const MonClient *client,
               const MonEvent  *event,
               int              year,
               guint           *values)
{
  for (guint k = 0; k < plan->n_axes; k++)
    values[k] = axis_value (plan, k, client, event, year);
}

/* Counts over periods: events of the family in the years asked. */
static void
fill_flows (Cube        *cube,
            const Plan  *plan,
            EventKind    kind,
            gboolean     outflow_family,
            gboolean     benefit)
{
  int first_month = plan->first_year * 12, last_month = plan->last_year * 12 + 11;

  for (guint i = 0; i < plan->index->clients->len; i++)
    {
      const MonClient *client = &g_array_index (plan->index->clients, MonClient, i);

      if (!client->live)
        continue;
      for (guint e = 0; e < client->n_events; e++)
        {
          const MonEvent *event = &client->events[e];
          guint values[MAX_AXES], layers[4], n_layers = 0;
          int year, month;
          guint slots[3];
          double amount = 0;

          if (event->kind != kind || event->month < first_month || event->month > last_month)
            continue;
          year = event->month / 12;
          month = event->month % 12;
          slots[0] = (year - cube->first_year) * SLOTS_PER_YEAR + month;
          slots[1] = (year - cube->first_year) * SLOTS_PER_YEAR + 12 + month / 3;
          slots[2] = (year - cube->first_year) * SLOTS_PER_YEAR + 16;
          client_values (plan, client, event, year, values);

          if (outflow_family && plan->short_family)
            {
              layers[n_layers++] = SHORT_OUT_TOTAL;
              layers[n_layers++] = event->flags & FLAG_TO_WORK ? SHORT_WORK : SHORT_NOT_WORK;
              if (event->flags & FLAG_TO_WORK)
                {
                  layers[n_layers++] = event->flags & FLAG_DURABLE_6M ? SHORT_D6 : SHORT_ND6;
                  layers[n_layers++] = event->flags & FLAG_DURABLE_12M ? SHORT_D12 : SHORT_ND12;
                }
            }
          else if (outflow_family)
            {
              layers[n_layers++] = OUT_TOTAL;
              layers[n_layers++] = event->reason;
              if (event->flags & FLAG_TO_WORK)
                {
                  layers[n_layers++] = event->flags & FLAG_DURABLE_6M ? OUT_D6 : OUT_ND6;
                  layers[n_layers++] = event->flags & FLAG_DURABLE_12M ? OUT_D12 : OUT_ND12;
                }
            }
          else
            layers[n_layers++] = 0;

          for (guint s = 0; s < 3; s++)
            {
              /* The amount goes with the outflow to work only (layer OUT_WORK). */
              if (benefit && (event->flags & FLAG_TO_WORK))
                {
                  int sub = client->municipality >= 0
                            ? g_array_index (plan->index->municipalities, MonArea, client->municipality).subregion : -1;
                  gint64 per_outflow = sub >= 0 ? plan->index->saved_benefit[sub] : WB_MONITOR_DEFAULT_SAVED_BENEFIT;
                  guint work = plan->short_family ? SHORT_WORK : OUT_WORK;

                  amount = per_outflow * event->share / 100.0;
                  cube_add (cube, slots[s], client, client->municipality, client->organisation, &work, 1, values, 0, amount);
                }
              cube_add (cube, slots[s], client, client->municipality, client->organisation, layers, n_layers, values, 1, 0);
            }
        }
    }
}

/* The index of the first of the sorted @ends on or after @day. */
static guint
first_end_from (const gint32 *ends,
                guint         n,
                gint32        day)
{
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (ends[mid] < day)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

typedef void (*SpellFunc) (const MonClient *client,
                           gint32           from,
                           gint32           until,
                           WbMonitorPhase   phase,
                           gpointer         user_data);

/* The client's place in the chain over time: calls @func for every stretch [from, until)
 * of days in the caseload with the furthest phase reached since the latest (re-)entry.
 * Without an intake the client counts from the start of the benefit; a client marked as
 * out of the files without an outflow leaves on the day of the last activity. */
static void
client_spells (const MonClient *client,
               SpellFunc        func,
               gpointer         user_data)
{
  gboolean has_entry = FALSE, in = FALSE;
  WbMonitorPhase phase = WB_MONITOR_PHASE_INTAKE;
  gint32 since = 0;
  guint e = 0;

  for (guint i = 0; i < client->n_events && !has_entry; i++)
    has_entry = client->events[i].step == WB_MONITOR_STEP_ENTER;
  if (!has_entry && client->entry_day != G_MAXINT32)
    {
      in = TRUE;
      since = client->n_events > 0 ? MIN (client->entry_day, client->events[0].day) : client->entry_day;
    }

  /* A day's events all count: the state changes at the end of the day. */
  while (e < client->n_events)
    {
      gint32 day = client->events[e].day;
      gboolean now_in = in;
      WbMonitorPhase now = phase;

      for (; e < client->n_events && client->events[e].day == day; e++)
        {
          const MonEvent *event = &client->events[e];

          switch (event->step)
            {
            case WB_MONITOR_STEP_ENTER:
              now_in = TRUE;
              now = event->phase;
              break;
            case WB_MONITOR_STEP_ADVANCE:
              if (now_in && event->phase > now)
                now = event->phase;
              break;
            case WB_MONITOR_STEP_LEAVE:
              now_in = FALSE;
              break;
            case WB_MONITOR_STEP_NONE:
            default:
              break;
            }
        }
      if (in && (!now_in || now != phase))
        {
          if (since < day)
            func (client, since, day, phase, user_data);
        }
      if (now_in && (!in || now != phase))
        since = day;
      in = now_in;
      phase = now;
    }
  if (in)
    {
      gint32 until = client->left_day != G_MAXINT32 ? MAX (client->left_day, since) : G_MAXINT32;

      if (since < until)
        func (client, since, until, phase, user_data);
    }
}

typedef struct {
  Cube *cube;
  const Plan *plan;
  gboolean pool_by_sector;   /* the candidates per preferred sector (tension) */
} StockFill;

/* Adds +1 where a stretch begins to be counted at an end and -1 where it stops; a prefix
 * sum over the ends afterwards gives the count at each end. A stretch is split where the
 * client's age band changes, when the age band is among the axes. */
static void
add_stretch (const MonClient *client,
             gint32           from,
             gint32           until,
             WbMonitorPhase   phase,
             gpointer         user_data)
{
  StockFill *fill = user_data;
  Cube *cube = fill->cube;
  const Plan *plan = fill->plan;
  guint n = plan->periods->len;
  guint first = first_end_from (plan->ends, n, from);
  guint last = first_end_from (plan->ends, n, until);   /* one past */
  gboolean by_age = FALSE;

  for (guint k = 0; k < plan->n_axes; k++)
    by_age = by_age || plan->axes[k] == WB_MONITOR_DIM_AGE_BAND;

  while (first < last)
    {
      guint stop = last;
      int y = plan->end_years[first];
      guint values[MAX_AXES];

      /* Split where the age band changes, at the turn of a year. */
      if (by_age)
        {
          guint band = wb_monitor_age_band_index (client->birth_year, y);

          for (stop = first + 1;
               stop < last && wb_monitor_age_band_index (client->birth_year, plan->end_years[stop]) == band;
               stop++)
            ;
        }
      client_values (plan, client, NULL, y, values);

      if (fill->pool_by_sector)
        {
          /* Candidates per sector they prefer: a candidate counts in each of them. */
          if (phase == WB_MONITOR_PHASE_WORK_READY)
            for (guint sector = 0; sector < 32; sector++)
              if (client->sectors & (1u << sector))
                {
                  guint layer = 0;

                  for (guint k = 0; k < plan->n_axes; k++)
                    if (plan->axes[k] == WB_MONITOR_DIM_SECTOR)
                      values[k] = sector;
                  cube_add_one (cube, first, client->municipality, client->organisation, layer, values, 1);
                  if (stop < n)
                    cube_add_one (cube, stop, client->municipality, client->organisation, layer, values, -1);
                }
        }
      else
        {
          guint layers[3] = { CASE_TOTAL, phase, track_layer (phase) }, n_layers = 3;

          if (plan->short_family)
            {
              layers[0] = SHORT_CASE_TOTAL;
              layers[1] = phase == WB_MONITOR_PHASE_WORK_READY ? SHORT_WORK_READY : SHORT_NOT_READY;
              n_layers = 2;
            }
          cube_add (cube, first, client, client->municipality, client->organisation, layers, n_layers, values, 1, 0);
          if (stop < n)
            cube_add (cube, stop, client, client->municipality, client->organisation, layers, n_layers, values, -1, 0);
        }
      first = stop;
    }
}

static void
prefix_sum_times (Cube *cube)
{
  gsize per_time = (gsize) cube->n_areas * cube->n_cat;

  for (guint t = 1; t < cube->n_times; t++)
    for (gsize i = 0; i < per_time; i++)
      cube->counts[t * per_time + i] += cube->counts[(t - 1) * per_time + i];
}

static void
fill_caseload (Cube       *cube,
               const Plan *plan,
               gboolean    pool_by_sector)
{
  StockFill fill = { cube, plan, pool_by_sector };

  for (guint i = 0; i < plan->index->clients->len; i++)
    {
      const MonClient *client = &g_array_index (plan->index->clients, MonClient, i);

      if (client->live)
        client_spells (client, add_stretch, &fill);
    }
  prefix_sum_times (cube);
}

static void
fill_vacancies (Cube       *cube,
                const Plan *plan,
                gboolean    open)
{
  int first_month = plan->first_year * 12, last_month = plan->last_year * 12 + 11;

  for (guint i = 0; i < plan->index->vacancies->len; i++)
    {
      const MonVacancy *vacancy = &g_array_index (plan->index->vacancies, MonVacancy, i);
      guint layer = 0, values[MAX_AXES] = { 0 };

      for (guint k = 0; k < plan->n_axes; k++)
        values[k] = vacancy->sector;
      if (open)
        {
          guint n = plan->periods->len;
          guint first = first_end_from (plan->ends, n, vacancy->opened);
          guint stop = first_end_from (plan->ends, n, vacancy->ended);

          if (first < stop)
            {
              cube_add (cube, first, NULL, vacancy->municipality, vacancy->organisation, &layer, 1, values, 1, 0);
              if (stop < n)
                cube_add (cube, stop, NULL, vacancy->municipality, vacancy->organisation, &layer, 1, values, -1, 0);
            }
        }
      else if (vacancy->filled && vacancy->ended != G_MAXINT32)
        {
          int y, m, d, month;

          _wb_monitor_civil_from_days (vacancy->ended, &y, &m, &d);
          month = y * 12 + m - 1;
          if (month < first_month || month > last_month)
            continue;
          {
            guint base = (y - cube->first_year) * SLOTS_PER_YEAR;
            guint slots[3] = { base + m - 1, base + 12 + (m - 1) / 3, base + 16 };

            for (guint s = 0; s < 3; s++)
              cube_add (cube, slots[s], NULL, vacancy->municipality, vacancy->organisation, &layer, 1, values, 1, 0);
          }
        }
    }
  if (open)
    prefix_sum_times (cube);
}

/* Protection */

/* One relation among areas: a total and its parts, as area indices of the cube. */
typedef struct {
  guint total;
  guint n_parts;
  guint parts[64];
} AreaRelation;

/* A subregion is the sum of its municipalities and of its organisations, an organisation
 * the sum of the municipalities it serves, the region the sum of the subregions. */
static GArray *
area_relations (const Cube     *cube,
                const MonIndex *index)
{
  GArray *relations = g_array_new (FALSE, TRUE, sizeof (AreaRelation));

  for (int s = 0; s < N_SUBREGIONS; s++)
    {
      AreaRelation by_municipality = { .total = area_subregion_cell (cube, s) };
      AreaRelation by_organisation = { .total = area_subregion_cell (cube, s) };

      for (guint m = 0; m < cube->n_municipalities && by_municipality.n_parts < 64; m++)
        if (g_array_index (index->municipalities, MonArea, m).subregion == s)
          by_municipality.parts[by_municipality.n_parts++] = m;
      for (guint o = 0; o < cube->n_organisations && by_organisation.n_parts < 64; o++)
        if (g_array_index (index->organisations, MonArea, o).subregion == s)
          by_organisation.parts[by_organisation.n_parts++] = cube->n_municipalities + o;
      g_array_append_val (relations, by_municipality);
      g_array_append_val (relations, by_organisation);
    }
  for (guint o = 0; o < cube->n_organisations; o++)
    {
      AreaRelation served = { .total = cube->n_municipalities + o };

      for (guint m = 0; m < cube->n_municipalities && served.n_parts < 64; m++)
        if (g_array_index (index->municipalities, MonArea, m).owner == (gint32) o)
          served.parts[served.n_parts++] = m;
      if (served.n_parts > 0)
        g_array_append_val (relations, served);
    }
  {
    AreaRelation region = { .total = area_region_cell (cube), .n_parts = N_SUBREGIONS };

    for (guint s = 0; s < N_SUBREGIONS; s++)
      region.parts[s] = area_subregion_cell (cube, s);
    g_array_append_val (relations, region);
  }
  return relations;
}

/* The protection of every cell of the cube, block by block: no relation crosses a year of
 * a count over periods, or an end of a count at the end of periods, so each block is a
 * table of its own. Returns a WbMonitorReason per cell. */
static guint8 *
protect_cube (const Cube           *cube,
              const MonIndex       *index,
              const FamilyRelation *family,
              guint                 n_family,
              const guint          *headline,      /* layers that are figures of their own, or NULL */
              guint                 n_headline,
              gboolean              additive_axes,
              const guint8         *prehidden)
{
  g_autoptr(GArray) areas = area_relations (cube, index);
  guint8 *reasons = g_new0 (guint8, MAX (cube->n_cells, 1));
  guint block = cube->flows ? SLOTS_PER_YEAR : 1;
  guint n_cat = cube->n_cat;
  guint per_time = cube->n_areas * n_cat;
  guint family_stride = n_cat / cube->n_family;
  guint axis_stride[MAX_AXES];

  /* Cells are numbered time, area, family layer, then the axes, the last one fastest. */
  for (guint k = cube->n_axes, stride = 1; k-- > 0;)
    {
      axis_stride[k] = stride;
      stride *= cube->axis_size[k];
    }

  for (guint t0 = 0; t0 < cube->n_times; t0 += block)
    {
      gsize base = (gsize) t0 * per_time, n = (gsize) block * per_time;
      g_autoptr(WbMonitorProtection) protection = NULL;

      g_return_val_if_fail (n < G_MAXUINT, reasons);
      protection = wb_monitor_protection_new (n);
      wb_monitor_protection_set_counts (protection, cube->counts + base);
      if (prehidden != NULL)
        for (gsize c = 0; c < n; c++)
          if (prehidden[base + c] != WB_MONITOR_REASON_NONE)
            wb_monitor_protection_hide (protection, c, prehidden[base + c]);
      if (n_headline > 0)
        {
          g_autofree guint8 *priorities = g_new0 (guint8, n);

          for (gsize at = 0; at < n; at += n_cat)
            for (guint h = 0; h < n_headline; h++)
              memset (priorities + at + headline[h] * family_stride, 1, family_stride);
          wb_monitor_protection_set_priorities (protection, priorities);
        }

      /* Every relation is a sum: one whose total is zero, and not hidden beforehand, has
       * parts of zero and can hold no hidden cell. Most cells of a finely split table are
       * zero: they are passed over before their parts are gathered. */
#define EMPTY(local) (cube->counts[base + (local)] == 0 && (prehidden == NULL || prehidden[base + (local)] == 0))

      for (guint t = 0; t < block; t++)
        for (guint cat = 0; cat < n_cat; cat++)
          for (guint r = 0; r < areas->len; r++)
            {
              const AreaRelation *relation = &g_array_index (areas, AreaRelation, r);
              guint at = t * per_time + cat, parts[64];

              if (EMPTY (at + relation->total * n_cat))
                continue;
              for (guint i = 0; i < relation->n_parts; i++)
                parts[i] = at + relation->parts[i] * n_cat;
              wb_monitor_protection_add_relation (protection, at + relation->total * n_cat, parts, relation->n_parts);
            }

      /* A year is the sum of its quarters, a quarter of its months. */
      if (cube->flows)
        for (guint at = 0; at < per_time; at++)
          {
            guint quarters[4];

            if (EMPTY (16 * per_time + at))
              continue;
            for (guint q = 0; q < 4; q++)
              {
                guint months[3];

                for (guint k = 0; k < 3; k++)
                  months[k] = (q * 3 + k) * per_time + at;
                quarters[q] = (12 + q) * per_time + at;
                if (!EMPTY (quarters[q]))
                  wb_monitor_protection_add_relation (protection, quarters[q], months, 3);
              }
            wb_monitor_protection_add_relation (protection, 16 * per_time + at, quarters, 4);
          }

      for (guint t = 0; t < block; t++)
        for (guint a = 0; a < cube->n_areas; a++)
          {
            guint at = t * per_time + a * n_cat;

            /* The family's layers, for every combination of the axes. */
            for (guint rest = 0; rest < family_stride; rest++)
              for (guint r = 0; r < n_family; r++)
                {
                  guint parts[8];

                  if (EMPTY (at + family[r].total * family_stride + rest))
                    continue;
                  for (guint i = 0; i < family[r].n_parts; i++)
                    parts[i] = at + family[r].parts[i] * family_stride + rest;
                  wb_monitor_protection_add_relation (protection, at + family[r].total * family_stride + rest,
                                                      parts, family[r].n_parts);
                }

            /* Each axis: its total is the sum of its values, along every line of it. */
            for (guint k = 0; additive_axes && k < cube->n_axes; k++)
              {
                guint size = cube->axis_size[k], stride = axis_stride[k];

                for (guint high = 0; high < n_cat; high += size * stride)
                  for (guint low = 0; low < stride; low++)
                    {
                      guint start = at + high + low, parts[64];

                      if (EMPTY (start + (size - 1) * stride))
                        continue;
                      for (guint v = 0; v + 1 < size; v++)
                        parts[v] = start + v * stride;
                      wb_monitor_protection_add_relation (protection, start + (size - 1) * stride, parts, size - 1);
                    }
              }
          }
#undef EMPTY

      wb_monitor_protection_run (protection);
      wb_monitor_protection_get_reasons (protection, reasons + base);
    }
  return reasons;
}

/* Reading the answer out of the cube */

static gboolean
area_listed (const Plan     *plan,
             WbMonitorLevel  level,
             guint           i,
             const char     *key)
{
  const MonArea *area;

  switch (level)
    {
    case WB_MONITOR_LEVEL_MUNICIPALITY:
      area = &g_array_index (plan->index->municipalities, MonArea, i);
      return key == NULL || g_strcmp0 (area->code, key) == 0 || g_ascii_strcasecmp (area->name, key) == 0;
    case WB_MONITOR_LEVEL_ORGANISATION:
      area = &g_array_index (plan->index->organisations, MonArea, i);
      return key == NULL || g_strcmp0 (area->code, key) == 0 || g_ascii_strcasecmp (area->name, key) == 0;
    case WB_MONITOR_LEVEL_SUBREGION:
      return key == NULL || g_ascii_strcasecmp (wb_monitor_subregions[i], key) == 0;
    case WB_MONITOR_LEVEL_REGION:
    case WB_MONITOR_N_LEVELS:
    default:
      return key == NULL || g_ascii_strcasecmp (WB_MONITOR_REGION, key) == 0;
    }
}

/* Which organisations the organisation level lists: those whose clients or vacancies it
 * counts. */
static gboolean
organisation_counts (const Plan *plan,
                     guint       o,
                     gboolean    vacancies)
{
  if (vacancies)
    {
      for (guint i = 0; i < plan->index->vacancies->len; i++)
        if (g_array_index (plan->index->vacancies, MonVacancy, i).organisation == (gint32) o)
          return TRUE;
      return FALSE;
    }
  for (guint m = 0; m < plan->index->municipalities->len; m++)
    if (g_array_index (plan->index->municipalities, MonArea, m).owner == (gint32) o)
      return TRUE;
  for (guint i = 0; i < plan->index->clients->len; i++)
    {
      const MonClient *client = &g_array_index (plan->index->clients, MonClient, i);

      if (client->live && client->organisation == (gint32) o)
        return TRUE;
    }
  return FALSE;
}

typedef struct {
  guint cell_area;
  const char *key;
  const char *name;
  int subregion;
} AreaRef;

static GArray *
listed_areas (const Plan *plan,
              const Cube *cube,
              gboolean    vacancies)
{
  GArray *areas = g_array_new (FALSE, FALSE, sizeof (AreaRef));
  const char *key = plan->query->key;

  switch (plan->query->level)
    {
    case WB_MONITOR_LEVEL_MUNICIPALITY:
      for (guint m = 0; m < plan->index->municipalities->len; m++)
        {
          const MonArea *area = &g_array_index (plan->index->municipalities, MonArea, m);
          AreaRef ref = { m, area->code, area->name, area->subregion };

          if (area_listed (plan, WB_MONITOR_LEVEL_MUNICIPALITY, m, key))
            g_array_append_val (areas, ref);
        }
      break;
    case WB_MONITOR_LEVEL_ORGANISATION:
      for (guint o = 0; o < plan->index->organisations->len; o++)
        {
          const MonArea *area = &g_array_index (plan->index->organisations, MonArea, o);
          AreaRef ref = { cube->n_municipalities + o, area->code, area->name, area->subregion };

          if (area_listed (plan, WB_MONITOR_LEVEL_ORGANISATION, o, key) &&
              (key != NULL || organisation_counts (plan, o, vacancies)))
            g_array_append_val (areas, ref);
        }
      break;
    case WB_MONITOR_LEVEL_SUBREGION:
      for (guint s = 0; s < N_SUBREGIONS; s++)
        {
          AreaRef ref = { area_subregion_cell (cube, s), wb_monitor_subregions[s], wb_monitor_subregions[s], s };

          if (area_listed (plan, WB_MONITOR_LEVEL_SUBREGION, s, key))
            g_array_append_val (areas, ref);
        }
      break;
    case WB_MONITOR_LEVEL_REGION:
    case WB_MONITOR_N_LEVELS:
    default:
      {
        AreaRef ref = { area_region_cell (cube), WB_MONITOR_REGION, WB_MONITOR_REGION, -1 };

        if (area_listed (plan, WB_MONITOR_LEVEL_REGION, 0, key))
          g_array_append_val (areas, ref);
      }
      break;
    }
  return areas;
}

static WbMonitorStatus
point_status (const Plan     *plan,
              const WbPeriod *period)
{
  guint months = 1 + plan->info->durable_months;

  return _wb_monitor_add_months (_wb_monitor_period_last_day (period), months) > plan->as_of
         ? WB_MONITOR_STATUS_PROVISIONAL : WB_MONITOR_STATUS_FINAL;
}

/* The time slot of a period asked. */
static guint
time_slot (const Plan *plan,
           const Cube *cube,
           guint       p)
{
  return cube->flows ? flow_slot (cube, &g_array_index (plan->periods, WbPeriod, p)) : p;
}

/* Not shown whatever the counts: periods that begin after the reference date, and the
 * durable outflow of periods that did not end long enough before it. */
static guint8 *
prehide (const Plan *plan,
         const Cube *cube,
         const guint *family_layers_6m,
         const guint *family_layers_12m)
{
  guint8 *hidden = g_new0 (guint8, MAX (cube->n_cells, 1));

  for (guint t = 0; t < cube->n_times; t++)
    {
      WbPeriod period;
      gboolean future, early6 = FALSE, early12 = FALSE;

      if (cube->flows)
        {
          int year = cube->first_year + t / SLOTS_PER_YEAR;
          guint sub = t % SLOTS_PER_YEAR;

          period = sub < 12 ? (WbPeriod) { WB_PERIOD_MONTH, year, sub + 1 }
                 : sub < 16 ? (WbPeriod) { WB_PERIOD_QUARTER, year, sub - 11 }
                 : (WbPeriod) { WB_PERIOD_YEAR, year, 0 };
        }
      else
        period = g_array_index (plan->periods, WbPeriod, t);
      future = _wb_monitor_period_first_day (&period) > plan->as_of;
      early6 = _wb_monitor_add_months (_wb_monitor_period_last_day (&period), 6) > plan->as_of;
      early12 = _wb_monitor_add_months (_wb_monitor_period_last_day (&period), 12) > plan->as_of;

      if (!future && !early6 && !early12)
        continue;
      for (guint a = 0; a < cube->n_areas; a++)
        for (guint cat = 0; cat < cube->n_cat; cat++)
          {
            guint family = cat / (cube->n_cat / cube->n_family);
            gsize c = cell_index (cube, t, a, cat);

            if (future ||
                (early6 && family_layers_6m != NULL && (family == family_layers_6m[0] || family == family_layers_6m[1])) ||
                (early12 && family_layers_12m != NULL && (family == family_layers_12m[0] || family == family_layers_12m[1])))
              hidden[c] = WB_MONITOR_REASON_NOT_YET_KNOWN;
          }
    }
  return hidden;
}

/* One series: the cells of an area along the periods asked, at a family layer and a
 * coordinate on each axis. */
static WbMonitorSeries *
read_series (const Plan          *plan,
             const Cube          *cube,
             const guint8        *reasons,
             const AreaRef       *area,
             guint                layer,
             const guint         *coords,
             const char          *by,
             gboolean             amounts)
{
  WbMonitorSeries *series = wb_monitor_series_new (area->key, area->name, by);

  for (guint p = 0; p < plan->periods->len; p++)
    {
      const WbPeriod *period = &g_array_index (plan->periods, WbPeriod, p);
      gsize c = cell_index (cube, time_slot (plan, cube, p), area->cell_area, category (cube, layer, coords));
      WbMonitorPoint point = { .period = *period, .status = point_status (plan, period) };

      point.reason = reasons != NULL ? reasons[c] : WB_MONITOR_REASON_NONE;
      if (reasons == NULL && _wb_monitor_period_first_day (period) > plan->as_of)
        point.reason = WB_MONITOR_REASON_NOT_YET_KNOWN;
      point.has_value = point.reason == WB_MONITOR_REASON_NONE;
      if (point.has_value)
        point.value = amounts ? cube->amounts[c] : (double) cube->counts[c];
      g_array_append_val (series->points, point);
    }
  return series;
}

/* The coordinates of the slice: every axis at its total, a filtered one at its value. */
static void
slice_coords (const Plan *plan,
              const Cube *cube,
              guint      *coords)
{
  for (guint k = 0; k < cube->n_axes; k++)
    coords[k] = plan->filter_value[k] >= 0 ? (guint) plan->filter_value[k] : axis_total (cube, k);
}

/* Series for every area listed and, with `by`, every value: along a family's own split
 * (@by_layers) or along the `by` axis. */
static void
read_answer (const Plan          *plan,
             const Cube          *cube,
             const guint8        *reasons,
             guint                layer,
             const guint         *by_layers,
             gboolean             amounts,
             gboolean             vacancies,
             WbMonitorResult     *result)
{
  g_autoptr(GArray) areas = listed_areas (plan, cube, vacancies);
  WbMonitorDimension by = plan->query->by;
  const char * const *values = by != WB_MONITOR_DIM_NONE ? wb_monitor_dimension_values (by) : NULL;
  guint coords[MAX_AXES];

  slice_coords (plan, cube, coords);
  for (guint a = 0; a < areas->len; a++)
    {
      const AreaRef *area = &g_array_index (areas, AreaRef, a);

      if (values == NULL)
        {
          g_ptr_array_add (result->series, read_series (plan, cube, reasons, area, layer, coords, NULL, amounts));
          continue;
        }
      for (guint v = 0; values[v] != NULL; v++)
        {
          guint here[MAX_AXES];

          if (plan->by_axis >= 0 && plan->filter_value[plan->by_axis] >= 0 &&
              v != (guint) plan->filter_value[plan->by_axis])
            continue;
          {
          guint l = layer;
          WbMonitorSeries *series;
          gboolean empty = TRUE;

          memcpy (here, coords, sizeof here);
          if (by_layers != NULL)
            l = by_layers[v];
          else
            here[plan->by_axis] = v;
          series = read_series (plan, cube, reasons, area, l, here, values[v], amounts);
          if (by == WB_MONITOR_DIM_SECTOR)
            series->opportunity = area->subregion >= 0
                                  ? wb_is_opportunity_sector (wb_monitor_subregions[area->subregion], values[v])
                                  : (wb_is_opportunity_sector ("Parkstad", values[v]) ||
                                     wb_is_opportunity_sector ("Westelijke Mijnstreek", values[v]) ||
                                     wb_is_opportunity_sector ("Maastricht-Heuvelland", values[v]));
          /* "unknown" is there to keep the sums whole; it is left out where it is empty. */
          for (guint p = 0; p < plan->periods->len && empty; p++)
            empty = cube->counts[cell_index (cube, time_slot (plan, cube, p), area->cell_area,
                                             category (cube, l, here))] == 0;
          if (g_str_equal (values[v], "unknown") && empty)
            wb_monitor_series_free (series);
          else
            g_ptr_array_add (result->series, series);
          }
        }
    }
}

/* Counts that follow from the request: the periods, the reference date, the axes. */
static gboolean
make_plan (Plan                  *plan,
           MonIndex              *index,
           const WbMonitorQuery  *query,
           GError               **error)
{
  gint32 as_of;

  memset (plan, 0, sizeof *plan);
  plan->query = query;
  plan->info = wb_monitor_metric_get_info (query->metric);
  plan->index = index;

  if (query->as_of != NULL)
    {
      if (!_wb_monitor_parse_day (query->as_of, &as_of, NULL))
        {
          g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID, _("as_of is not a date: %s"), query->as_of);
          return FALSE;
        }
    }
  else if (index->latest_day != G_MININT32)
    as_of = index->latest_day;
  else
    {
      g_autofree char *today = wb_store_today ();

      _wb_monitor_parse_day (today, &as_of, NULL);
    }
  plan->as_of = as_of;

  if (query->has_to)
    plan->to = query->to;
  else
    {
      char text[11];

      _wb_monitor_format_day (as_of, text);
      wb_period_of_date (query->period, text, &plan->to);
    }
  if (query->has_from)
    plan->from = query->from;
  else
    plan->from = (WbPeriod) { WB_PERIOD_YEAR, plan->to.year - 4, 0 };
  plan->periods = wb_period_range (query->period, &plan->from, &plan->to);
  if (plan->periods->len == 0)
    {
      g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID, _("The range from %d to %d holds no period"),
                   plan->from.year, plan->to.year);
      return FALSE;
    }
  plan->first_year = g_array_index (plan->periods, WbPeriod, 0).year;
  plan->last_year = g_array_index (plan->periods, WbPeriod, plan->periods->len - 1).year;
  plan->ends = g_new (gint32, plan->periods->len);
  plan->end_years = g_new (int, plan->periods->len);
  for (guint p = 0; p < plan->periods->len; p++)
    {
      int y, m, d;

      plan->ends[p] = MIN (_wb_monitor_period_last_day (&g_array_index (plan->periods, WbPeriod, p)), as_of);
      _wb_monitor_civil_from_days (plan->ends[p], &y, &m, &d);
      plan->end_years[p] = y;
    }

  /* Axes: `by` where it is not a family's own split, and the filters (a filter is a value
   * of the same table split by its dimension, protected as a whole). The table depends on
   * the set of dimensions only, in one order, whichever of them came as `by`: by=client_group
   * and client_group=ww show the same cells and hide the same. Tables of two dimensions
   * never meet a family's split (at most two dimensions in all), so their families shrink. */
  {
    gboolean use[WB_MONITOR_N_DIMS] = { FALSE };
    int filter[WB_MONITOR_N_DIMS];

    for (guint d = 0; d < WB_MONITOR_N_DIMS; d++)
      filter[d] = -1;
    if (query->by != WB_MONITOR_DIM_NONE && query->by != WB_MONITOR_DIM_REASON &&
        query->by != WB_MONITOR_DIM_PHASE && query->by != WB_MONITOR_DIM_TRACK)
      use[query->by] = TRUE;
    if (query->client_group != NULL)
      {
        use[WB_MONITOR_DIM_CLIENT_GROUP] = TRUE;
        filter[WB_MONITOR_DIM_CLIENT_GROUP] = wb_monitor_dimension_index (WB_MONITOR_DIM_CLIENT_GROUP, query->client_group);
      }
    if (query->capacity_band != NULL)
      {
        use[WB_MONITOR_DIM_CAPACITY_BAND] = TRUE;
        filter[WB_MONITOR_DIM_CAPACITY_BAND] = wb_monitor_dimension_index (WB_MONITOR_DIM_CAPACITY_BAND, query->capacity_band);
      }
    plan->by_axis = -1;
    for (guint d = 0; d < WB_MONITOR_N_DIMS; d++)
      if (use[d])
        {
          if (plan->n_axes == MAX_AXES)
            {
              g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID,
                           _("by, client_group and capacity_band combine two at a time"));
              return FALSE;
            }
          if ((WbMonitorDimension) d == query->by)
            plan->by_axis = plan->n_axes;
          plan->filter_value[plan->n_axes] = filter[d];
          plan->axes[plan->n_axes++] = d;
        }
    plan->short_family = plan->n_axes == 2;
  }
  return TRUE;
}

static gboolean
check_key (const Plan  *plan,
           GError     **error)
{
  const char *key = plan->query->key;
  guint n = 0;

  if (key == NULL)
    return TRUE;
  switch (plan->query->level)
    {
    case WB_MONITOR_LEVEL_MUNICIPALITY:
      for (guint m = 0; m < plan->index->municipalities->len; m++)
        n += area_listed (plan, WB_MONITOR_LEVEL_MUNICIPALITY, m, key);
      break;
    case WB_MONITOR_LEVEL_ORGANISATION:
      for (guint o = 0; o < plan->index->organisations->len; o++)
        n += area_listed (plan, WB_MONITOR_LEVEL_ORGANISATION, o, key);
      break;
    case WB_MONITOR_LEVEL_SUBREGION:
      for (guint s = 0; s < N_SUBREGIONS; s++)
        n += area_listed (plan, WB_MONITOR_LEVEL_SUBREGION, s, key);
      break;
    case WB_MONITOR_LEVEL_REGION:
    case WB_MONITOR_N_LEVELS:
    default:
      n = area_listed (plan, WB_MONITOR_LEVEL_REGION, 0, key);
      break;
    }
  if (n == 0)
    {
      g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_NOT_FOUND, _("There is no %s with the key %s"),
                   wb_monitor_level_to_string (plan->query->level), key);
      return FALSE;
    }
  return TRUE;
}

/* The metrics, family by family */

/* The layers that are figures of their own: hidden as a second cell last. */
static const guint out_headline[] = { OUT_TOTAL, OUT_WORK, OUT_D6, OUT_D12 };
static const guint short_out_headline[] = { SHORT_OUT_TOTAL, SHORT_WORK, SHORT_D6, SHORT_D12 };
static const guint case_headline[] = { CASE_TOTAL, WB_MONITOR_PHASE_WORK_READY };
static const guint short_case_headline[] = { SHORT_CASE_TOTAL, SHORT_WORK_READY };

static const guint reason_layers[] = { 0, 1, 2, 3, 4, 5 };
static const guint phase_layers[] = { 0, 1, 2, 3, 4, 5, 6 };
static const guint track_layers[] = { CASE_ACTIVERING, CASE_PLAATSING, CASE_NO_TRACK };

static void
answer_outflow (const Plan      *plan,
                WbMonitorResult *result)
{
  static const guint layers_6m[] = { OUT_D6, OUT_ND6 }, short_6m[] = { SHORT_D6, SHORT_ND6 };
  static const guint layers_12m[] = { OUT_D12, OUT_ND12 }, short_12m[] = { SHORT_D12, SHORT_ND12 };
  gboolean short_family = plan->short_family;
  WbMonitorMetric metric = plan->query->metric;
  guint n_years = plan->last_year - plan->first_year + 1;
  g_autofree guint8 *hidden = NULL;
  g_autofree guint8 *reasons = NULL;
  gboolean benefit = metric == WB_MONITOR_BENEFIT_SAVED;
  guint layer;
  Cube cube;

  cube_init (&cube, plan->index, n_years * SLOTS_PER_YEAR, TRUE, plan->first_year,
             short_family ? N_SHORT_OUT_LAYERS : N_OUT_LAYERS, plan->axes, plan->n_axes, benefit);
  fill_flows (&cube, plan, EVENT_OUTFLOW, TRUE, benefit);
  cube_sum_areas (&cube, plan->index);
  hidden = prehide (plan, &cube, short_family ? short_6m : layers_6m, short_family ? short_12m : layers_12m);
  if (short_family)
    reasons = protect_cube (&cube, plan->index, short_out_relations, G_N_ELEMENTS (short_out_relations),
                            short_out_headline, G_N_ELEMENTS (short_out_headline), TRUE, hidden);
  else
    reasons = protect_cube (&cube, plan->index, out_relations, G_N_ELEMENTS (out_relations),
                            out_headline, G_N_ELEMENTS (out_headline), TRUE, hidden);

  if (short_family)
    layer = metric == WB_MONITOR_OUTFLOW ? SHORT_OUT_TOTAL
          : metric == WB_MONITOR_DURABLE_6M ? SHORT_D6
          : metric == WB_MONITOR_DURABLE_12M ? SHORT_D12
          : SHORT_WORK;
  else
    layer = metric == WB_MONITOR_OUTFLOW ? OUT_TOTAL
          : metric == WB_MONITOR_DURABLE_6M ? OUT_D6
          : metric == WB_MONITOR_DURABLE_12M ? OUT_D12
          : OUT_WORK;
  read_answer (plan, &cube, reasons, layer,
               plan->query->by == WB_MONITOR_DIM_REASON ? reason_layers : NULL, benefit, FALSE, result);
  cube_clear (&cube);
}

static void
answer_simple_flow (const Plan      *plan,
                    EventKind        kind,
                    WbMonitorResult *result)
{
  guint n_years = plan->last_year - plan->first_year + 1;
  g_autofree guint8 *hidden = NULL;
  g_autofree guint8 *reasons = NULL;
  Cube cube;

  cube_init (&cube, plan->index, n_years * SLOTS_PER_YEAR, TRUE, plan->first_year, 1, plan->axes, plan->n_axes, FALSE);
  fill_flows (&cube, plan, kind, FALSE, FALSE);
  cube_sum_areas (&cube, plan->index);
  hidden = prehide (plan, &cube, NULL, NULL);
  reasons = protect_cube (&cube, plan->index, NULL, 0, NULL, 0, TRUE, hidden);
  read_answer (plan, &cube, reasons, 0, NULL, FALSE, FALSE, result);
  cube_clear (&cube);
}

static guint8 *
caseload_cube (const Plan *plan,
               Cube       *cube)
{
  g_autofree guint8 *hidden = NULL;

  cube_init (cube, plan->index, plan->periods->len, FALSE, 0, plan->short_family ? N_SHORT_CASE_LAYERS : N_CASE_LAYERS,
             plan->axes, plan->n_axes, FALSE);
  fill_caseload (cube, plan, FALSE);
  cube_sum_areas (cube, plan->index);
  hidden = prehide (plan, cube, NULL, NULL);
  if (plan->short_family)
    return protect_cube (cube, plan->index, short_case_relations, G_N_ELEMENTS (short_case_relations),
                         short_case_headline, G_N_ELEMENTS (short_case_headline), TRUE, hidden);
  return protect_cube (cube, plan->index, case_relations, G_N_ELEMENTS (case_relations),
                       case_headline, G_N_ELEMENTS (case_headline), TRUE, hidden);
}

static void
answer_caseload (const Plan      *plan,
                 WbMonitorResult *result)
{
  g_autofree guint8 *reasons = NULL;
  const guint *by_layers = NULL;
  guint layer;
  Cube cube;

  reasons = caseload_cube (plan, &cube);
  if (plan->short_family)
    layer = plan->query->metric == WB_MONITOR_POOL ? SHORT_WORK_READY : SHORT_CASE_TOTAL;
  else
    layer = plan->query->metric == WB_MONITOR_POOL ? WB_MONITOR_PHASE_WORK_READY : CASE_TOTAL;
  if (plan->query->by == WB_MONITOR_DIM_PHASE)
    by_layers = phase_layers;
  else if (plan->query->by == WB_MONITOR_DIM_TRACK)
    by_layers = track_layers;
  read_answer (plan, &cube, reasons, layer, by_layers, FALSE, FALSE, result);
  cube_clear (&cube);
}

static void
answer_vacancies (const Plan      *plan,
                  gboolean         open,
                  WbMonitorResult *result)
{
  guint n_years = plan->last_year - plan->first_year + 1;
  Cube cube;

  if (open)
    cube_init (&cube, plan->index, plan->periods->len, FALSE, 0, 1, plan->axes, plan->n_axes, FALSE);
  else
    cube_init (&cube, plan->index, n_years * SLOTS_PER_YEAR, TRUE, plan->first_year, 1, plan->axes, plan->n_axes, FALSE);
  fill_vacancies (&cube, plan, open);
  cube_sum_areas (&cube, plan->index);
  /* Vacancies are not persons: no small-number protection. */
  read_answer (plan, &cube, NULL, 0, NULL, FALSE, TRUE, result);
  cube_clear (&cube);
}

/* Tension: open vacancies over candidates. The candidates are persons: where their count
 * is hidden, so is the ratio (it would give the count away with the vacancies). */
static void
answer_tension (const Plan      *plan,
                WbMonitorResult *result)
{
  g_autoptr(WbMonitorResult) open = wb_monitor_result_new ();
  g_autoptr(WbMonitorResult) candidates = wb_monitor_result_new ();
  g_autofree guint8 *reasons = NULL;
  Cube cube;

  answer_vacancies (plan, TRUE, open);
  if (plan->query->by == WB_MONITOR_DIM_SECTOR)
    {
      g_autofree guint8 *hidden = NULL;

      cube_init (&cube, plan->index, plan->periods->len, FALSE, 0, 1, plan->axes, plan->n_axes, FALSE);
      fill_caseload (&cube, plan, TRUE);
      cube_sum_areas (&cube, plan->index);
      hidden = prehide (plan, &cube, NULL, NULL);
      /* Sectors overlap: a candidate names several, so they add up to no total. */
      reasons = protect_cube (&cube, plan->index, NULL, 0, NULL, 0, FALSE, hidden);
      read_answer (plan, &cube, reasons, 0, NULL, FALSE, FALSE, candidates);
    }
  else
    {
      reasons = caseload_cube (plan, &cube);
      read_answer (plan, &cube, reasons, WB_MONITOR_PHASE_WORK_READY, NULL, FALSE, FALSE, candidates);
    }
  cube_clear (&cube);

  /* Pair the series by area and sector: the vacancies list organisations with vacancies,
   * the candidates those with clients. */
  for (guint i = 0; i < open->series->len; i++)
    {
      WbMonitorSeries *vacancies = open->series->pdata[i];
      WbMonitorSeries *pool = NULL;

      for (guint j = 0; j < candidates->series->len && pool == NULL; j++)
        {
          WbMonitorSeries *other = candidates->series->pdata[j];

          if (g_strcmp0 (other->key, vacancies->key) == 0 && g_strcmp0 (other->by, vacancies->by) == 0)
            pool = other;
        }
      for (guint p = 0; p < vacancies->points->len; p++)
        {
          WbMonitorPoint *point = &g_array_index (vacancies->points, WbMonitorPoint, p);
          const WbMonitorPoint *denominator = pool != NULL ? &g_array_index (pool->points, WbMonitorPoint, p) : NULL;

          if (!point->has_value)
            continue;
          if (denominator == NULL || (denominator->has_value && denominator->value == 0))
            {
              point->has_value = FALSE;
              point->reason = WB_MONITOR_REASON_UNDEFINED;
            }
          else if (!denominator->has_value)
            {
              point->has_value = FALSE;
              point->reason = denominator->reason;
            }
          else
            point->value = point->value / denominator->value;
        }
    }
  g_ptr_array_extend_and_steal (result->series, g_steal_pointer (&open->series));
  open->series = g_ptr_array_new ();
}

/* CBS: the published figures per municipality and year, summed over the municipalities of
 * an organisation, a subregion and the region. */
static gboolean
answer_cbs (WbStore         *store,
            const Plan      *plan,
            WbMonitorResult *result,
            GError         **error)
{
  gboolean recipients = plan->query->metric == WB_MONITOR_CBS_RECIPIENTS;
  guint n_years = plan->last_year - plan->first_year + 1;
  Cube cube;
  g_autofree gboolean *seen = NULL;
  g_autoptr(GArray) areas = NULL;
  sqlite3_stmt *stmt;

  cube_init (&cube, plan->index, n_years, FALSE, plan->first_year, 1, NULL, 0, FALSE);
  seen = g_new0 (gboolean, n_years);
  stmt = _wb_store_prepare (store, recipients
                            ? "SELECT year, municipality_code, municipality, recipients FROM cbs_social_assistance "
                              "WHERE year BETWEEN ?1 AND ?2 AND recipients IS NOT NULL"
                            : "SELECT year, municipality_code, municipality, outflow_to_work FROM cbs_social_assistance "
                              "WHERE year BETWEEN ?1 AND ?2 AND outflow_to_work IS NOT NULL", error);
  if (stmt == NULL)
    {
      cube_clear (&cube);
      return FALSE;
    }
  sqlite3_bind_int (stmt, 1, plan->first_year);
  sqlite3_bind_int (stmt, 2, plan->last_year);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      guint t = sqlite3_column_int (stmt, 0) - plan->first_year;
      const char *code = (const char *) sqlite3_column_text (stmt, 1);
      const char *name = (const char *) sqlite3_column_text (stmt, 2);
      const char *now = strstr (name, "(nu ");
      g_autofree char *successor = NULL;
      gint32 m = -1;

      /* "Nuth (nu Beekdaelen)" counts in Beekdaelen. */
      if (now != NULL)
        {
          const char *close = strchr (now, ')');

          successor = g_strndup (now + 4, close != NULL ? (gsize) (close - now - 4) : strlen (now + 4));
          g_strstrip (successor);
        }
      for (guint i = 0; i < plan->index->municipalities->len && m < 0; i++)
        {
          const MonArea *area = &g_array_index (plan->index->municipalities, MonArea, i);

          if (successor != NULL ? g_ascii_strcasecmp (area->name, successor) == 0
                                : (g_strcmp0 (area->code, code) == 0 || g_ascii_strcasecmp (area->name, name) == 0))
            m = i;
        }
      if (m < 0)
        continue;
      seen[t] = TRUE;
      {
        guint layer = 0;
        gint32 owner = g_array_index (plan->index->municipalities, MonArea, m).owner;

        cube_add (&cube, t, NULL, m, owner, &layer, 1, NULL, sqlite3_column_int64 (stmt, 3), 0);
      }
    }
  sqlite3_reset (stmt);
  cube_sum_areas (&cube, plan->index);

  areas = listed_areas (plan, &cube, FALSE);
  for (guint a = 0; a < areas->len; a++)
    {
      const AreaRef *area = &g_array_index (areas, AreaRef, a);
      WbMonitorSeries *series = wb_monitor_series_new (area->key, area->name, NULL);

      for (guint p = 0; p < plan->periods->len; p++)
        {
          const WbPeriod *period = &g_array_index (plan->periods, WbPeriod, p);
          guint t = period->year - plan->first_year;
          WbMonitorPoint point = { .period = *period, .status = WB_MONITOR_STATUS_FINAL };

          point.has_value = seen[t];
          point.reason = seen[t] ? WB_MONITOR_REASON_NONE : WB_MONITOR_REASON_NO_DATA;
          if (seen[t])
            point.value = cube.counts[cell_index (&cube, t, area->cell_area, 0)];
          g_array_append_val (series->points, point);
        }
      g_ptr_array_add (result->series, series);
    }
  cube_clear (&cube);
  return TRUE;
}

/* Targets belong to a series when they name its metric, its area (by key or name) at the
 * same level, and a period that overlaps the range; a split or filtered series has none.
 * Targets say "region" for a subregion and "zuid_limburg" for the region. */
static gboolean
attach_targets (WbStore         *store,
                const Plan      *plan,
                WbMonitorResult *result,
                GError         **error)
{
  sqlite3_stmt *stmt;

  if (plan->query->client_group != NULL || plan->query->capacity_band != NULL || plan->info->target_metric == NULL)
    return TRUE;
  stmt = _wb_store_prepare (store, "SELECT id, metric, level, level_key, period, value FROM targets "
                                   "ORDER BY period, id", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      WbMonitorMetric metric;
      WbMonitorLevel level;
      const char *target_level = (const char *) sqlite3_column_text (stmt, 2);
      const char *key = (const char *) sqlite3_column_text (stmt, 3);
      WbMonitorTarget target = { .id = sqlite3_column_int64 (stmt, 0), .value = sqlite3_column_double (stmt, 5) };

      if (!wb_monitor_metric_for_target ((const char *) sqlite3_column_text (stmt, 1), &metric) || metric != plan->query->metric ||
          !wb_period_parse ((const char *) sqlite3_column_text (stmt, 4), &target.period) ||
          wb_period_last_month (&target.period) < wb_period_first_month (&plan->from) ||
          wb_period_first_month (&target.period) > wb_period_last_month (&plan->to))
        continue;
      if (g_strcmp0 (target_level, "municipality") == 0)
        level = WB_MONITOR_LEVEL_MUNICIPALITY;
      else if (g_strcmp0 (target_level, "organisation") == 0)
        level = WB_MONITOR_LEVEL_ORGANISATION;
      else if (g_strcmp0 (target_level, "zuid_limburg") == 0 || g_strcmp0 (key, WB_MONITOR_REGION) == 0)
        level = WB_MONITOR_LEVEL_REGION;
      else
        level = WB_MONITOR_LEVEL_SUBREGION;
      if (level != plan->query->level)
        continue;
      for (guint s = 0; s < result->series->len; s++)
        {
          WbMonitorSeries *series = result->series->pdata[s];

          if (series->by == NULL &&
              (g_strcmp0 (series->key, key) == 0 || g_ascii_strcasecmp (series->name, key) == 0))
            g_array_append_val (series->targets, target);
        }
    }
  sqlite3_reset (stmt);
  return TRUE;
}

WbMonitorResult *
wb_store_monitor_query (WbStore              *store,
                        const WbMonitorQuery *query,
                        GError              **error)
{
  g_autoptr(WbMonitorResult) result = NULL;
  MonIndex *index;
  Plan plan;
  char text[11];

  g_return_val_if_fail (WB_IS_STORE (store), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (query->metric < WB_MONITOR_N_METRICS, NULL);

  index = _wb_monitor_index_get (store, error);
  if (index == NULL || !make_plan (&plan, index, query, error))
    return NULL;
  if (!check_key (&plan, error))
    {
      plan_clear (&plan);
      return NULL;
    }

  result = wb_monitor_result_new ();
  result->metric = query->metric;
  result->level = query->level;
  result->period = query->period;
  result->from = g_array_index (plan.periods, WbPeriod, 0);
  result->to = g_array_index (plan.periods, WbPeriod, plan.periods->len - 1);
  result->by = query->by;
  result->client_group = g_strdup (query->client_group);
  result->capacity_band = g_strdup (query->capacity_band);
  _wb_monitor_format_day (plan.as_of, text);
  result->as_of = g_strdup (text);
  result->generated_at = wb_store_now ();

  switch (query->metric)
    {
    case WB_MONITOR_OUTFLOW:
    case WB_MONITOR_TO_WORK:
    case WB_MONITOR_DURABLE_6M:
    case WB_MONITOR_DURABLE_12M:
    case WB_MONITOR_BENEFIT_SAVED:
      answer_outflow (&plan, result);
      break;
    case WB_MONITOR_INFLOW:
      answer_simple_flow (&plan, EVENT_INTAKE, result);
      break;
    case WB_MONITOR_PLACEMENTS:
      answer_simple_flow (&plan, EVENT_PLACEMENT, result);
      break;
    case WB_MONITOR_ACTIVATED:
      answer_simple_flow (&plan, EVENT_TRACK_START, result);
      break;
    case WB_MONITOR_REFERRALS:
      answer_simple_flow (&plan, EVENT_REFERRAL, result);
      break;
    case WB_MONITOR_RETURNS:
      answer_simple_flow (&plan, EVENT_RETURN, result);
      break;
    case WB_MONITOR_CASELOAD:
    case WB_MONITOR_POOL:
      answer_caseload (&plan, result);
      break;
    case WB_MONITOR_VACANCIES_OPEN:
      answer_vacancies (&plan, TRUE, result);
      break;
    case WB_MONITOR_VACANCIES_FILLED:
      answer_vacancies (&plan, FALSE, result);
      break;
    case WB_MONITOR_TENSION:
      answer_tension (&plan, result);
      break;
    case WB_MONITOR_CBS_RECIPIENTS:
    case WB_MONITOR_CBS_TO_WORK:
      if (!answer_cbs (store, &plan, result, error))
        {
          plan_clear (&plan);
          return NULL;
        }
      break;
    case WB_MONITOR_N_METRICS:
    default:
      g_assert_not_reached ();
    }

  if (!attach_targets (store, &plan, result, error))
    {
      plan_clear (&plan);
      return NULL;
    }
  plan_clear (&plan);
  return g_steal_pointer (&result);
}

/* Settings */

gint64
wb_store_monitor_get_saved_benefit (WbStore    *store,
                                    const char *subregion)
{
  sqlite3_stmt *stmt;
  gint64 euros = WB_MONITOR_DEFAULT_SAVED_BENEFIT;

  g_return_val_if_fail (WB_IS_STORE (store), euros);

  stmt = _wb_store_prepare (store, "SELECT saved_benefit FROM monitor_settings WHERE region = ?1", NULL);
  if (stmt == NULL)
    return euros;
  sqlite3_bind_text (stmt, 1, subregion, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    euros = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return euros;
}

gboolean
wb_store_monitor_set_saved_benefit (WbStore     *store,
                                    const char  *subregion,
                                    gint64       euros,
                                    GError     **error)
{
  g_autofree char *now = wb_store_now ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (WB_IS_STORE (store), FALSE);

  if (!wb_monitor_is_subregion (subregion) || euros < 0)
    {
      g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID,
                   _("A saved benefit is set for Parkstad, Westelijke Mijnstreek or Maastricht-Heuvelland, in euros of 0 or more"));
      return FALSE;
    }
  stmt = _wb_store_prepare (store, "INSERT INTO monitor_settings (region, saved_benefit, created_at, updated_at) "
                                   "VALUES (?1, ?2, ?3, ?3) ON CONFLICT (region) DO UPDATE SET "
                                   "saved_benefit = excluded.saved_benefit, updated_at = excluded.updated_at", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, subregion, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, euros);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  return _wb_store_step_done (store, stmt, error);
}
