/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The monitor's vocabulary and arithmetic in core: periods, the request, definitions, the
 * path rules, the JSON answer and the protection of small numbers. */

#define G_LOG_DOMAIN "test-monitor"

#include "config.h"

#include <string.h>

#include "wb-core.h"

static WbPeriod
period (const char *text)
{
  WbPeriod p;

  g_assert_true (wb_period_parse (text, &p));
  return p;
}

static void
test_periods (void)
{
  static const char * const good[] = { "2025", "2025-Q1", "2025-Q4", "2025-01", "2025-12", "1990" };
  static const char * const bad[] = { "", "25", "2025-", "2025-Q0", "2025-Q5", "2025-13", "2025-00", "2025-1",
                                      "2025-q3", "20255", "2025-07-01", "abcd", "1800", "2025 " };
  char text[WB_PERIOD_TEXT_SIZE];
  WbPeriod p, q;
  GDate day;
  g_autoptr(GArray) range = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_assert_true (wb_period_parse (good[i], &p));
      wb_period_format (&p, text);
      g_assert_cmpstr (text, ==, good[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_test_message ("%s", bad[i]);
      g_assert_false (wb_period_parse (bad[i], &p));
    }

  p = period ("2025-Q3");
  g_assert_cmpint (p.kind, ==, WB_PERIOD_QUARTER);
  g_assert_cmpint (p.year, ==, 2025);
  g_assert_cmpint (p.index, ==, 3);
  wb_period_first_day (&p, &day);
  g_assert_cmpint (g_date_get_month (&day), ==, 7);
  g_assert_cmpint (g_date_get_day (&day), ==, 1);
  wb_period_last_day (&p, &day);
  g_assert_cmpint (g_date_get_month (&day), ==, 9);
  g_assert_cmpint (g_date_get_day (&day), ==, 30);
  p = period ("2024-02");
  wb_period_last_day (&p, &day);
  g_assert_cmpint (g_date_get_day (&day), ==, 29);

  /* Containment and overlap. */
  p = period ("2025");
  q = period ("2025-Q3");
  g_assert_true (wb_period_contains (&p, &q));
  g_assert_false (wb_period_contains (&q, &p));
  q = period ("2025-07");
  g_assert_true (wb_period_contains (&p, &q));
  g_assert_true (wb_period_contains (&q, &q));
  q = period ("2026-01");
  g_assert_false (wb_period_contains (&p, &q));
  g_assert_false (wb_period_overlaps (&p, &q));
  q = period ("2025-Q4");
  g_assert_true (wb_period_overlaps (&q, &p));

  /* Order: by first day, the shorter first. */
  p = period ("2025-07");
  q = period ("2025-Q3");
  g_assert_cmpint (wb_period_compare (&p, &q), <, 0);
  q = period ("2025-06");
  g_assert_cmpint (wb_period_compare (&q, &p), <, 0);
  p = period ("2025-12");
  q = wb_period_next (&p);
  wb_period_format (&q, text);
  g_assert_cmpstr (text, ==, "2026-01");
  p = period ("2025-Q4");
  q = wb_period_next (&p);
  wb_period_format (&q, text);
  g_assert_cmpstr (text, ==, "2026-Q1");

  /* Of a date. */
  g_assert_true (wb_period_of_date (WB_PERIOD_QUARTER, "2026-10-31", &p));
  wb_period_format (&p, text);
  g_assert_cmpstr (text, ==, "2026-Q4");
  g_assert_false (wb_period_of_date (WB_PERIOD_MONTH, "2026-02-30", &p));

  /* Ranges: the periods of a kind from the first day of `from` to the last day of `to`. */
  p = period ("2024-11");
  q = period ("2025-Q1");
  range = wb_period_range (WB_PERIOD_MONTH, &p, &q);
  g_assert_cmpuint (range->len, ==, 5);
  wb_period_format (&g_array_index (range, WbPeriod, 4), text);
  g_assert_cmpstr (text, ==, "2025-03");
  g_clear_pointer (&range, g_array_unref);
  p = period ("2022");
  q = period ("2026");
  range = wb_period_range (WB_PERIOD_QUARTER, &p, &q);
  g_assert_cmpuint (range->len, ==, 20);
  g_clear_pointer (&range, g_array_unref);
  range = wb_period_range (WB_PERIOD_YEAR, &q, &p);
  g_assert_cmpuint (range->len, ==, 0);
}

static void
test_levels_and_sectors (void)
{
  WbMonitorLevel level;

  g_assert_true (wb_monitor_level_from_string ("subregion", &level));
  g_assert_cmpint (level, ==, WB_MONITOR_LEVEL_SUBREGION);
  g_assert_false (wb_monitor_level_from_string ("province", &level));
  g_assert_cmpstr (wb_monitor_level_to_string (WB_MONITOR_LEVEL_REGION), ==, "region");
  g_assert_cmpuint (g_strv_length ((char **) wb_monitor_subregions), ==, 3);
  for (guint i = 0; wb_monitor_subregions[i] != NULL; i++)
    {
      g_assert_true (wb_enum_contains (wb_regions, wb_monitor_subregions[i]));
      g_assert_nonnull (wb_region_opportunity_sectors (wb_monitor_subregions[i]));
      for (const char * const *s = wb_region_opportunity_sectors (wb_monitor_subregions[i]); *s != NULL; s++)
        g_assert_true (wb_enum_contains (wb_sectors, *s));
    }
  g_assert_true (wb_is_opportunity_sector ("Parkstad", "care"));
  g_assert_false (wb_is_opportunity_sector ("Parkstad", "automotive"));
  g_assert_true (wb_is_opportunity_sector ("Westelijke Mijnstreek", "automotive"));
  g_assert_null (wb_region_opportunity_sectors (WB_MONITOR_REGION));
}

/* One definition per metric, in docs/monitor.md word for word; every metric with targets
 * can have them in /targets. */
static void
test_metrics (void)
{
  const char *source = g_getenv ("WB_SOURCE_DIR");
  g_autofree char *docs = NULL;

  if (source != NULL)
    {
      g_autofree char *path = g_build_filename (source, "docs", "monitor.md", NULL);

      g_assert_true (g_file_get_contents (path, &docs, NULL, NULL));
    }
  for (guint m = 0; m < WB_MONITOR_N_METRICS; m++)
    {
      const WbMonitorMetricInfo *info = wb_monitor_metric_get_info (m);
      WbMonitorMetric back;

      g_assert_cmpint (info->metric, ==, m);
      g_assert_true (wb_monitor_metric_from_string (info->name, &back));
      g_assert_cmpint (back, ==, m);
      g_assert_nonnull (info->definition);
      g_assert_cmpuint (strlen (info->definition), >, 40);
      g_assert_cmpstr (wb_monitor_metric_get_definition (m), ==, info->definition);   /* untranslated here */
      if (docs != NULL)
        {
          g_test_message ("%s", info->name);
          g_assert_nonnull (strstr (docs, info->definition));
        }
      if (info->target_metric != NULL)
        {
          g_assert_true (wb_enum_contains (wb_target_metrics, info->target_metric));
          g_assert_true (wb_monitor_metric_for_target (info->target_metric, &back));
          g_assert_cmpint (back, ==, m);
        }
      /* Only counts of persons are protected, and they split by the person's dimensions. */
      if (info->protected_counts)
        g_assert_cmpint (info->unit, ==, WB_MONITOR_UNIT_PERSONS);
      g_assert_false (info->dimensions & WB_MONITOR_DIM_BIT (WB_MONITOR_DIM_NONE));
    }
  {
    WbMonitorMetric metric;

    g_assert_true (wb_monitor_metric_for_target ("durable_placements", &metric));
    g_assert_cmpint (metric, ==, WB_MONITOR_DURABLE_6M);
    g_assert_false (wb_monitor_metric_for_target ("diagnosis_coverage", &metric));
    g_assert_cmpstr (wb_monitor_metric_get_source (WB_MONITOR_CBS_TO_WORK), ==, "CBS StatLine");
  }
}

static const char *
error_for (GPtrArray  *errors,
           const char *field)
{
  for (guint i = 0; i < errors->len; i++)
    {
      WbFieldError *error = errors->pdata[i];

      if (g_strcmp0 (error->field, field) == 0)
        return error->message;
    }
  return NULL;
}

/* Parses "a=b&c=d" as a request's parameters; returns the errors. */
static GPtrArray *
parse (WbMonitorQuery *query,
       const char     *text)
{
  g_autoptr(GHashTable) params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) pairs = g_strsplit (text, "&", -1);
  GPtrArray *errors = g_ptr_array_new_with_free_func ((GDestroyNotify) wb_field_error_free);

  for (guint i = 0; pairs[i] != NULL && *pairs[i] != '\0'; i++)
    {
      g_auto(GStrv) pair = g_strsplit (pairs[i], "=", 2);

      g_hash_table_insert (params, g_strdup (pair[0]), g_strdup (pair[1] != NULL ? pair[1] : ""));
    }
  wb_monitor_query_parse (query, params, errors);
  return errors;
}

static void
test_query (void)
{
  static const struct {
    const char *params;
    const char *field;   /* the parameter named in the error, NULL for none */
  } cases[] = {
    { "metric=to_work&level=subregion&period=quarter&from=2025-Q1&to=2025-Q4", NULL },
    { "metric=caseload&by=phase&client_group=ww", NULL },
    { "metric=caseload&by=client_group&client_group=ww&capacity_band=80-100", NULL },
    { "metric=tension&by=sector", NULL },
    { "metric=cbs_recipients&period=year&from=2015&to=2017", NULL },
    { "level=region", "metric" },
    { "metric=uitstroom", "metric" },
    { "metric=inflow&level=province", "level" },
    { "metric=inflow&period=week", "period" },
    { "metric=cbs_to_work&period=quarter", "period" },
    { "metric=inflow&from=2025-13", "from" },
    { "metric=inflow&to=gisteren", "to" },
    { "metric=inflow&from=2026&to=2025", "to" },
    { "metric=inflow&from=2010&to=2025", "to" },
    { "metric=inflow&by=phase", "by" },
    { "metric=inflow&by=colour", "by" },
    { "metric=cbs_recipients&by=sector", "by" },
    { "metric=inflow&client_group=students", "client_group" },
    { "metric=vacancies_open&client_group=ww", "client_group" },
    { "metric=inflow&capacity_band=50-60", "capacity_band" },
    { "metric=caseload&by=age_band&client_group=ww&capacity_band=80-100", "capacity_band" },
    { "metric=inflow&as_of=2025-02-30", "as_of" },
    { "metric=inflow&key=", "key" },
    { "metric=inflow&colour=blue", "colour" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      WbMonitorQuery query;
      g_autoptr(GPtrArray) errors = NULL;

      g_test_message ("%s", cases[i].params);
      wb_monitor_query_init (&query);
      errors = parse (&query, cases[i].params);
      if (cases[i].field == NULL)
        g_assert_cmpuint (errors->len, ==, 0);
      else
        {
          g_assert_cmpuint (errors->len, >=, 1);
          g_assert_nonnull (error_for (errors, cases[i].field));
        }
      wb_monitor_query_clear (&query);
    }

  /* What a good one gives. */
  {
    WbMonitorQuery query;
    g_autoptr(GPtrArray) errors = NULL;

    wb_monitor_query_init (&query);
    errors = parse (&query, "metric=durable_6m&level=municipality&period=month&from=2024-11&to=2025&key=GM0917"
                            "&by=outflow_type&client_group=ww&as_of=2026-10-31");
    g_assert_cmpuint (errors->len, ==, 0);
    g_assert_cmpint (query.metric, ==, WB_MONITOR_DURABLE_6M);
    g_assert_cmpint (query.level, ==, WB_MONITOR_LEVEL_MUNICIPALITY);
    g_assert_cmpint (query.period, ==, WB_PERIOD_MONTH);
    g_assert_true (query.has_from && query.has_to);
    g_assert_cmpint (query.from.kind, ==, WB_PERIOD_MONTH);
    g_assert_cmpint (query.to.kind, ==, WB_PERIOD_YEAR);
    g_assert_cmpstr (query.key, ==, "GM0917");
    g_assert_cmpint (query.by, ==, WB_MONITOR_DIM_OUTFLOW_TYPE);
    g_assert_cmpstr (query.client_group, ==, "ww");
    g_assert_cmpstr (query.as_of, ==, "2026-10-31");
    wb_monitor_query_clear (&query);
    g_assert_null (query.key);
  }
}

static void
test_classifications (void)
{
  static const struct { const char *reason; const char *class; } reasons[] = {
    { "werk", "work" }, { "Werk gevonden", "work" }, { "work", "work" }, { "verhuizing", "moved" },
    { "opleiding", "education" }, { "inkomen partner", "partner_income" }, { "AOW", "pension" },
    { "overig", "other" }, { NULL, "other" },
  };
  WbMonitorPhase phase;

  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    g_assert_cmpstr (wb_monitor_reason_class (reasons[i].reason), ==, reasons[i].class);
  g_assert_cmpstr (wb_monitor_capacity_band (-1), ==, "unknown");
  g_assert_cmpstr (wb_monitor_capacity_band (29), ==, "<30");
  g_assert_cmpstr (wb_monitor_capacity_band (80), ==, "80-100");
  g_assert_cmpstr (wb_monitor_age_band (2000, 2025), ==, "25-34");
  g_assert_cmpstr (wb_monitor_age_band (2001, 2025), ==, "18-24");
  g_assert_cmpstr (wb_monitor_age_band (1960, 2025), ==, "65+");
  g_assert_cmpstr (wb_monitor_age_band (0, 2025), ==, "unknown");
  for (WbMonitorDimension d = 1; d < WB_MONITOR_N_DIMS; d++)
    {
      const char * const *values = wb_monitor_dimension_values (d);
      WbMonitorDimension back;

      g_assert_nonnull (values);
      g_assert_true (wb_monitor_dimension_from_string (wb_monitor_dimension_to_string (d), &back));
      g_assert_cmpint (back, ==, d);
      for (guint v = 0; values[v] != NULL; v++)
        g_assert_cmpint (wb_monitor_dimension_index (d, values[v]), ==, v);
    }
  g_assert_cmpint (wb_monitor_dimension_index (WB_MONITOR_DIM_REASON, "work"), ==, 0);

  /* Every reason can say why; the threshold in the words is the constant. */
  for (WbMonitorReason r = WB_MONITOR_REASON_SMALL; r <= WB_MONITOR_REASON_NO_DATA; r++)
    {
      g_autofree char *text = wb_monitor_reason_describe (r);
      WbMonitorReason back;

      g_assert_nonnull (text);
      g_assert_true (wb_monitor_reason_from_string (wb_monitor_reason_to_string (r), &back));
      g_assert_cmpint (back, ==, r);
    }
  {
    g_autofree char *small = wb_monitor_reason_describe (WB_MONITOR_REASON_SMALL);
    g_autofree char *threshold = g_strdup_printf ("%d", WB_MONITOR_MIN_COUNT);

    g_assert_nonnull (strstr (small, threshold));
    g_assert_null (wb_monitor_reason_describe (WB_MONITOR_REASON_NONE));
  }

  /* The path: what each event does. */
  g_assert_cmpint (wb_monitor_event_step ("intake", NULL, NULL, &phase), ==, WB_MONITOR_STEP_ENTER);
  g_assert_cmpint (phase, ==, WB_MONITOR_PHASE_INTAKE);
  g_assert_cmpint (wb_monitor_event_step ("return_to_benefit", NULL, NULL, &phase), ==, WB_MONITOR_STEP_ENTER);
  g_assert_cmpint (phase, ==, WB_MONITOR_PHASE_DEVELOPMENT);
  g_assert_cmpint (wb_monitor_event_step ("track_start", "language_training", NULL, &phase), ==, WB_MONITOR_STEP_ADVANCE);
  g_assert_cmpint (phase, ==, WB_MONITOR_PHASE_ACTIVATION);
  g_assert_cmpint (wb_monitor_event_step ("track_start", "learn_work_track", NULL, &phase), ==, WB_MONITOR_STEP_ADVANCE);
  g_assert_cmpint (phase, ==, WB_MONITOR_PHASE_DEVELOPMENT);
  g_assert_cmpint (wb_monitor_event_step ("referral_wsp", NULL, NULL, &phase), ==, WB_MONITOR_STEP_ADVANCE);
  g_assert_cmpint (phase, ==, WB_MONITOR_PHASE_WORK_READY);
  g_assert_cmpint (wb_monitor_event_step ("outflow", NULL, "partial", &phase), ==, WB_MONITOR_STEP_ADVANCE);
  g_assert_cmpint (phase, ==, WB_MONITOR_PHASE_AFTER_CARE);
  g_assert_cmpint (wb_monitor_event_step ("outflow", NULL, "full", &phase), ==, WB_MONITOR_STEP_LEAVE);
  g_assert_cmpint (wb_monitor_event_step ("note", NULL, NULL, &phase), ==, WB_MONITOR_STEP_NONE);
  g_assert_cmpint (wb_monitor_event_step ("track_end", "empowerment", NULL, &phase), ==, WB_MONITOR_STEP_NONE);
  g_assert_cmpstr (wb_monitor_phase_track (WB_MONITOR_PHASE_DEVELOPMENT), ==, "activering");
  g_assert_cmpstr (wb_monitor_phase_track (WB_MONITOR_PHASE_AFTER_CARE), ==, "plaatsing");
  g_assert_null (wb_monitor_phase_track (WB_MONITOR_PHASE_DIAGNOSIS));
  for (WbMonitorPhase p = 0; p < WB_MONITOR_N_PHASES; p++)
    g_assert_true (wb_enum_contains (wb_phases, wb_monitor_phase_to_string (p)));
}

/* Protection */

static WbMonitorProtection *
protect (const gint64 *counts,
         guint         n)
{
  WbMonitorProtection *p = wb_monitor_protection_new (n);

  for (guint i = 0; i < n; i++)
    wb_monitor_protection_set_count (p, i, counts[i]);
  return p;
}

static void
test_protection_primary (void)
{
  /* The threshold: 1 to 9 hidden, 0 and 10 shown. */
  static const gint64 counts[] = { 0, 1, 9, 10, 250 };
  g_autoptr(WbMonitorProtection) p = protect (counts, G_N_ELEMENTS (counts));

  g_assert_cmpint (WB_MONITOR_MIN_COUNT, ==, 10);
  wb_monitor_protection_run (p);
  g_assert_cmpint (wb_monitor_protection_get_reason (p, 0), ==, WB_MONITOR_REASON_NONE);
  g_assert_cmpint (wb_monitor_protection_get_reason (p, 1), ==, WB_MONITOR_REASON_SMALL);
  g_assert_cmpint (wb_monitor_protection_get_reason (p, 2), ==, WB_MONITOR_REASON_SMALL);
  g_assert_cmpint (wb_monitor_protection_get_reason (p, 3), ==, WB_MONITOR_REASON_NONE);
  g_assert_cmpint (wb_monitor_protection_get_reason (p, 4), ==, WB_MONITOR_REASON_NONE);
}

static void
test_protection_secondary (void)
{
  /* total 100 = 40 + 3 + 25 + 32: the 3 would follow from the rest; the 25 goes too. */
  {
    static const gint64 counts[] = { 100, 40, 3, 25, 32 };
    static const guint parts[] = { 1, 2, 3, 4 };
    g_autoptr(WbMonitorProtection) p = protect (counts, 5);

    wb_monitor_protection_add_relation (p, 0, parts, 4);
    wb_monitor_protection_run (p);
    g_assert_cmpint (wb_monitor_protection_get_reason (p, 2), ==, WB_MONITOR_REASON_SMALL);
    g_assert_cmpint (wb_monitor_protection_get_reason (p, 3), ==, WB_MONITOR_REASON_COMPLEMENT);
    g_assert_cmpint (wb_monitor_protection_get_reason (p, 0), ==, WB_MONITOR_REASON_NONE);
    g_assert_cmpint (wb_monitor_protection_get_reason (p, 1), ==, WB_MONITOR_REASON_NONE);
    g_assert_cmpint (wb_monitor_protection_get_reason (p, 4), ==, WB_MONITOR_REASON_NONE);
  }
  /* Two small ones already protect each other; zero parts are never hidden. */
  {
    static const gint64 counts[] = { 100, 88, 5, 7, 0 };
    static const guint parts[] = { 1, 2, 3, 4 };
    g_autoptr(WbMonitorProtection) p = protect (counts, 5);

    wb_monitor_protection_add_relation (p, 0, parts, 4);
    wb_monitor_protection_run (p);
    g_assert_cmpint (wb_monitor_protection_get_reason (p, 1), ==, WB_MONITOR_REASON_NONE);
    g_assert_cmpint (wb_monitor_protection_get_reason (p, 4), ==, WB_MONITOR_REASON_NONE);
  }
  /* The only other part is zero: the total goes (it would equal the small part). A total of
   * 12 = 0 + 12 shows; 5 = 5 + 0 hides both by the first rule. */
  {
    static const gint64 counts[] = { 30, 0, 30, 4, 26, 0 };
    static const guint parts_a[] = { 1, 2 };
    static const guint parts_b[] = { 4, 5 };
    g_autoptr(WbMonitorProtection) p = protect (counts, 6);

    wb_monitor_protection_hide (p, 2, WB_MONITOR_REASON_NOT_YET_KNOWN);
    wb_monitor_protection_add_relation (p, 0, parts_a, 2);
    wb_monitor_protection_add_relation (p, 3, parts_b, 2);
    wb_monitor_protection_run (p);
    /* 30 = 0 + (not yet known 30): the total would tell; it goes. */
    g_assert_cmpint (wb_monitor_protection_get_reason (p, 0), ==, WB_MONITOR_REASON_COMPLEMENT);
    g_assert_cmpint (wb_monitor_protection_get_reason (p, 1), ==, WB_MONITOR_REASON_NONE);
    g_assert_cmpint (wb_monitor_protection_get_reason (p, 2), ==, WB_MONITOR_REASON_NOT_YET_KNOWN);
    /* 4 = 26 + 0: the 4 is small, the 26 would give it away: it goes too. */
    g_assert_cmpint (wb_monitor_protection_get_reason (p, 3), ==, WB_MONITOR_REASON_SMALL);
    g_assert_cmpint (wb_monitor_protection_get_reason (p, 4), ==, WB_MONITOR_REASON_COMPLEMENT);
    g_assert_cmpint (wb_monitor_protection_get_reason (p, 5), ==, WB_MONITOR_REASON_NONE);
  }
}

/* A table of two dimensions (2 areas x 3 groups with totals): a complement hidden in one
 * line makes another line need one too, until no line has a single hidden cell. */
static void
test_protection_chain (void)
{
  /*            g0  g1  g2 | all
   *   area A   50   4  30 |  84
   *   area B   60  40  20 | 120
   *   ------------------- -----
   *   both    110  44  50 | 204 */
  static const gint64 counts[] = {
    50, 4, 30, 84,
    60, 40, 20, 120,
    110, 44, 50, 204,
  };
  g_autoptr(WbMonitorProtection) p = protect (counts, 12);
  guint hidden_per_line[7] = { 0 };

  for (guint row = 0; row < 3; row++)
    {
      guint parts[3] = { row * 4, row * 4 + 1, row * 4 + 2 };

      wb_monitor_protection_add_relation (p, row * 4 + 3, parts, 3);
    }
  for (guint col = 0; col < 4; col++)
    {
      guint parts[2] = { col, 4 + col };

      wb_monitor_protection_add_relation (p, 8 + col, parts, 2);
    }
  wb_monitor_protection_run (p);

  g_assert_cmpint (wb_monitor_protection_get_reason (p, 1), ==, WB_MONITOR_REASON_SMALL);
  /* Row A hides its smallest other part (30), column g1 its other part (40); then row B
   * and column g2 need one more each. */
  g_assert_cmpint (wb_monitor_protection_get_reason (p, 2), ==, WB_MONITOR_REASON_COMPLEMENT);
  g_assert_cmpint (wb_monitor_protection_get_reason (p, 5), ==, WB_MONITOR_REASON_COMPLEMENT);
  for (guint row = 0; row < 3; row++)
    for (guint col = 0; col < 4; col++)
      if (wb_monitor_protection_get_reason (p, row * 4 + col) != WB_MONITOR_REASON_NONE)
        {
          hidden_per_line[row]++;
          hidden_per_line[3 + col]++;
        }
  /* No line with exactly one hidden cell. */
  for (guint l = 0; l < 7; l++)
    g_assert_cmpuint (hidden_per_line[l], !=, 1);
  /* The grand total stays. */
  g_assert_cmpint (wb_monitor_protection_get_reason (p, 11), ==, WB_MONITOR_REASON_NONE);
}

static void
test_json (void)
{
  g_autoptr(WbMonitorResult) result = wb_monitor_result_new ();
  g_autoptr(WbMonitorResult) back = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_again = NULL;
  WbMonitorSeries *series;
  WbMonitorPoint point = { 0 };
  WbMonitorTarget target = { 0 };
  JsonObject *root, *first;
  JsonArray *points;

  result->metric = WB_MONITOR_TO_WORK;
  result->level = WB_MONITOR_LEVEL_SUBREGION;
  result->period = WB_PERIOD_QUARTER;
  result->from = period ("2025-Q3");
  result->to = period ("2025-Q4");
  result->by = WB_MONITOR_DIM_NONE;
  result->as_of = g_strdup ("2026-10-31");
  result->generated_at = g_strdup ("2026-11-01T08:00:00Z");
  series = wb_monitor_series_new ("Parkstad", "Parkstad", NULL);
  point.period = period ("2025-Q3");
  point.has_value = TRUE;
  point.value = 95;
  g_array_append_val (series->points, point);
  point.period = period ("2025-Q4");
  point.has_value = FALSE;
  point.value = 0;
  point.reason = WB_MONITOR_REASON_SMALL;
  point.status = WB_MONITOR_STATUS_PROVISIONAL;
  g_array_append_val (series->points, point);
  target.period = period ("2025");
  target.value = 410;
  target.id = 7;
  g_array_append_val (series->targets, target);
  g_ptr_array_add (result->series, series);

  node = wb_monitor_result_to_json (result);
  root = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (root, "metric"), ==, "to_work");
  g_assert_cmpstr (json_object_get_string_member (root, "level"), ==, "subregion");
  g_assert_cmpstr (json_object_get_string_member (root, "period"), ==, "quarter");
  g_assert_cmpstr (json_object_get_string_member (root, "definition"), ==,
                   wb_monitor_metric_get_definition (WB_MONITOR_TO_WORK));
  g_assert_true (json_object_has_member (root, "generated_at"));
  g_assert_true (json_object_get_null_member (root, "by"));
  first = json_array_get_object_element (json_object_get_array_member (root, "series"), 0);
  g_assert_cmpstr (json_object_get_string_member (first, "key"), ==, "Parkstad");
  g_assert_false (json_object_has_member (first, "by"));
  points = json_object_get_array_member (first, "points");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (points, 0), "value"), ==, 95);
  g_assert_false (json_object_get_boolean_member (json_array_get_object_element (points, 0), "suppressed"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (points, 0), "status"), ==, "final");
  /* Hidden: null, suppressed, with the reason. */
  g_assert_true (json_object_get_null_member (json_array_get_object_element (points, 1), "value"));
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (points, 1), "suppressed"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (points, 1), "reason"), ==, "small");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (points, 1), "status"), ==, "provisional");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (json_object_get_array_member (first, "targets"), 0),
                                               "value"), ==, 410);

  /* Read back, and written again, the same. */
  back = wb_monitor_result_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->series->len, ==, 1);
  series = back->series->pdata[0];
  g_assert_cmpuint (series->points->len, ==, 2);
  g_assert_cmpint (g_array_index (series->points, WbMonitorPoint, 1).reason, ==, WB_MONITOR_REASON_SMALL);
  g_assert_false (g_array_index (series->points, WbMonitorPoint, 1).has_value);
  again = wb_monitor_result_to_json (back);
  text = json_to_string (node, FALSE);
  text_again = json_to_string (again, FALSE);
  g_assert_cmpstr (text, ==, text_again);

  /* Something else is no answer. */
  {
    g_autoptr(JsonNode) other = json_from_string ("{\"metric\": \"to_work\"}", NULL);
    g_autoptr(WbMonitorResult) none = wb_monitor_result_from_json (other, &error);

    g_assert_null (none);
    g_assert_nonnull (error);
  }
}

static void
test_policy (void)
{
  for (WbRole role = 0; role < WB_N_ROLES; role++)
    {
      g_assert_cmpint (wb_policy_monitor_access (role), ==, WB_MONITOR_ACCESS_ALL_ORGANISATIONS);
      /* No role reaches persons through the monitor. */
      g_assert_false (wb_policy_monitor_lists_persons (role));
    }
  /* Analysts see the monitor and no client. */
  g_assert_cmpint (wb_policy_decide (WB_ROLE_ANALYST, WB_RESOURCE_CLIENTS, WB_ACTION_READ, WB_SCOPE_OTHER), ==,
                   WB_DECISION_DENY);
  g_assert_true (wb_policy_can_aggregate (WB_ROLE_ANALYST));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/monitor/periods", test_periods);
  g_test_add_func ("/core/monitor/levels-and-sectors", test_levels_and_sectors);
  g_test_add_func ("/core/monitor/metrics", test_metrics);
  g_test_add_func ("/core/monitor/query", test_query);
  g_test_add_func ("/core/monitor/classifications", test_classifications);
  g_test_add_func ("/core/monitor/protection/primary", test_protection_primary);
  g_test_add_func ("/core/monitor/protection/secondary", test_protection_secondary);
  g_test_add_func ("/core/monitor/protection/chain", test_protection_chain);
  g_test_add_func ("/core/monitor/json", test_json);
  g_test_add_func ("/core/monitor/policy", test_policy);

  return g_test_run ();
}
