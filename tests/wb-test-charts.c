/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-test-charts"

#include "config.h"

#include "wb-test-charts.h"

static WbExportInfo *
make_info (const char *definition,
           const char *period)
{
  WbExportInfo *info = wb_export_info_new ();

  info->definition = g_strdup (definition);
  info->period = g_strdup (period);
  info->source = g_strdup ("Werkbrug, synthetic test figures");
  info->generated = g_date_time_new_utc (2026, 12, 3, 14, 5, 0);
  info->footnote = wb_export_info_default_footnote (10);
  return info;
}

static char *
quarter (int year,
         int q)
{
  return g_strdup_printf ("%d-Q%d", year, q);
}

static WbChartModel *
make_line (void)
{
  g_autoptr(WbExportInfo) info = make_info ("Outflow events with a work reason or a placement, per quarter",
                                            "2023-Q1 to 2026-Q4");
  WbChartBuilder *b = wb_chart_builder_new (WB_CHART_KIND_LINE, "Outflow to work");
  guint mh = wb_chart_builder_add_series (b, "Maastricht-Heuvelland", "Maastricht-Heuvelland");
  guint ps = wb_chart_builder_add_series (b, "Parkstad", "Parkstad");
  guint goal = wb_chart_builder_add_target (b, (int) mh, "Target");
  static const double mh_values[] = { 62, 70, 75, 81, 79, 88, 94, 90, 97, 101, 99, 108, 104, 110, 95, 112 };
  static const double ps_values[] = { 80, 84, 79, 91, 95, 99, 104, 108, 101, 111, 118, 115, 121, 119, 126, 130 };

  wb_chart_builder_set_value_title (b, "Outflow to work");
  wb_chart_builder_set_series_title (b, "Subregion");
  wb_chart_builder_set_info (b, info);
  for (int i = 0; i < 16; i++)
    {
      g_autofree char *period = quarter (2023 + i / 4, 1 + i % 4);
      WbChartStatus status = i >= 14 ? WB_CHART_STATUS_PROVISIONAL : WB_CHART_STATUS_FINAL;

      if (i == 5)
        wb_chart_builder_add_suppressed (b, mh, period, "Fewer than 10 persons in one municipality");
      else
        wb_chart_builder_add_value (b, mh, period, mh_values[i], status);
      wb_chart_builder_add_value (b, ps, period, ps_values[i], status);
      wb_chart_builder_add_value (b, goal, period, 85 + 2 * i, WB_CHART_STATUS_FINAL);
    }
  for (int i = 16; i < 18; i++)
    {
      g_autofree char *period = quarter (2023 + i / 4, 1 + i % 4);

      wb_chart_builder_add_value (b, mh, period, 112 + 3 * (i - 15), WB_CHART_STATUS_FORECAST);
      wb_chart_builder_add_value (b, ps, period, 130 + 2 * (i - 15), WB_CHART_STATUS_FORECAST);
      wb_chart_builder_add_value (b, goal, period, 85 + 2 * i, WB_CHART_STATUS_FINAL);
    }
  return wb_chart_builder_end (b);
}

static WbChartModel *
make_bar (void)
{
  g_autoptr(WbExportInfo) info = make_info ("Placements on a vacancy, per year", "2022 to 2026");
  WbChartBuilder *b = wb_chart_builder_new (WB_CHART_KIND_BAR, "Placements");
  guint s = wb_chart_builder_add_series (b, "placements", "Placements");
  guint goal = wb_chart_builder_add_target (b, -1, "Target");
  static const double values[] = { 1210, 1385, 1462, 1530, 1288 };
  static const double targets[] = { 1250, 1300, 1400, 1500, 1600 };

  wb_chart_builder_set_info (b, info);
  for (int i = 0; i < 5; i++)
    {
      g_autofree char *period = g_strdup_printf ("%d", 2022 + i);

      wb_chart_builder_add_value (b, s, period, values[i], i == 4 ? WB_CHART_STATUS_PROVISIONAL : WB_CHART_STATUS_FINAL);
      wb_chart_builder_add_value (b, goal, period, targets[i], WB_CHART_STATUS_FINAL);
    }
  return wb_chart_builder_end (b);
}

static WbChartModel *
make_stacked (void)
{
  g_autoptr(WbExportInfo) info = make_info ("Clients in the chain at the end of the quarter", "2025-Q1 to 2026-Q4");
  WbChartBuilder *b = wb_chart_builder_new (WB_CHART_KIND_STACKED_BAR, "Caseload by municipality");
  static const char * const names[] = { "Heerlen", "Kerkrade", "Landgraaf", "Brunssum", "Beekdaelen", "Simpelveld", "Voerendaal" };
  static const double base[] = { 2950, 1480, 1120, 990, 610, 240, 260 };
  guint series[G_N_ELEMENTS (names)];

  wb_chart_builder_set_value_title (b, "Clients");
  wb_chart_builder_set_series_title (b, "Municipality");
  wb_chart_builder_set_info (b, info);
  for (guint m = 0; m < G_N_ELEMENTS (names); m++)
    series[m] = wb_chart_builder_add_series (b, names[m], names[m]);
  for (int i = 0; i < 8; i++)
    {
      g_autofree char *period = quarter (2025 + i / 4, 1 + i % 4);

      for (guint m = 0; m < G_N_ELEMENTS (names); m++)
        {
          if (i == 6 && m == 5)
            wb_chart_builder_add_suppressed (b, series[m], period, "Fewer than 10 persons in a group");
          else if (i == 6 && m == 6)
            wb_chart_builder_add_suppressed (b, series[m], period, "Would reveal a hidden cell through the total");
          else
            wb_chart_builder_add_value (b, series[m], period, base[m] * (1 + 0.02 * i) - 13 * m,
                                        i == 7 ? WB_CHART_STATUS_PROVISIONAL : WB_CHART_STATUS_FINAL);
        }
    }
  return wb_chart_builder_end (b);
}

static WbChartModel *
make_cohort (void)
{
  g_autoptr(WbExportInfo) info = make_info ("Of the outflow to work in the quarter, how many had no return to benefit "
                                            "within 6 and 12 months", "2024-Q1 to 2026-Q3");
  WbChartBuilder *b = wb_chart_builder_new (WB_CHART_KIND_BAR, "Durable outflow");
  guint six = wb_chart_builder_add_series (b, "durable_6m", "After 6 months");
  guint twelve = wb_chart_builder_add_series (b, "durable_12m", "After 12 months");
  static const double six_values[] = { 71, 76, 80, 77, 85, 88, 90, 93, 95, 97, 99 };
  static const double twelve_values[] = { 60, 64, 69, 66, 73, 75, 78, 80, 82, 84, 86 };

  wb_chart_builder_set_value_title (b, "Persons");
  wb_chart_builder_set_series_title (b, "Cohort");
  wb_chart_builder_set_info (b, info);
  for (int i = 0; i < 11; i++)
    {
      g_autofree char *period = quarter (2024 + i / 4, 1 + i % 4);

      if (i >= 10)
        wb_chart_builder_add_missing (b, six, period, "Not yet known: fewer than 6 months ago");
      else
        wb_chart_builder_add_value (b, six, period, six_values[i], WB_CHART_STATUS_FINAL);
      if (i >= 8)
        wb_chart_builder_add_missing (b, twelve, period, "Not yet known: fewer than 12 months ago");
      else
        wb_chart_builder_add_value (b, twelve, period, twelve_values[i], WB_CHART_STATUS_FINAL);
    }
  return wb_chart_builder_end (b);
}

static const char * const sectors[] = {
  "Care and welfare", "Logistics", "Manufacturing", "Leisure and hospitality", "Customer service",
  "Technology", "Retail", "Construction",
};

static WbChartModel *
make_sectors (void)
{
  g_autoptr(WbExportInfo) info = make_info ("Vacancies open at the end of the quarter, and filled in it", "2026-Q3");
  WbChartBuilder *b = wb_chart_builder_new (WB_CHART_KIND_HORIZONTAL_BAR, "Vacancies by sector");
  guint open = wb_chart_builder_add_series (b, "vacancies_open", "Open");
  guint filled = wb_chart_builder_add_series (b, "vacancies_filled", "Filled");
  static const double open_values[] = { 212, 148, 131, 96, 88, 74, 51, 43 };
  static const double filled_values[] = { 120, 97, 70, 61, 45, 38, 7, 22 };

  wb_chart_builder_set_value_title (b, "Vacancies");
  wb_chart_builder_set_category_title (b, "Sector");
  wb_chart_builder_set_info (b, info);
  for (guint i = 0; i < G_N_ELEMENTS (sectors); i++)
    {
      wb_chart_builder_add_value (b, open, sectors[i], open_values[i], WB_CHART_STATUS_FINAL);
      if (filled_values[i] < 10)
        wb_chart_builder_add_suppressed (b, filled, sectors[i], "Fewer than 10 persons");
      else
        wb_chart_builder_add_value (b, filled, sectors[i], filled_values[i], WB_CHART_STATUS_FINAL);
    }
  return wb_chart_builder_end (b);
}

static WbChartModel *
make_tension (void)
{
  g_autoptr(WbExportInfo) info = make_info ("Open vacancies per work-ready candidate", "2026-Q3");
  WbChartBuilder *b = wb_chart_builder_new (WB_CHART_KIND_HORIZONTAL_BAR, "Tension by sector");
  guint s = wb_chart_builder_add_series (b, "tension", "Vacancies per candidate");
  static const double values[] = { 2.4, 1.8, 1.3, 0.9, 0.7, 1.6, 0.4, 1.1 };

  wb_chart_builder_set_unit (b, WB_CHART_UNIT_DECIMAL, 1);
  wb_chart_builder_set_value_title (b, "Vacancies per candidate");
  wb_chart_builder_set_category_title (b, "Sector");
  wb_chart_builder_set_info (b, info);
  for (guint i = 0; i < G_N_ELEMENTS (sectors); i++)
    wb_chart_builder_add_value (b, s, sectors[i], values[i], WB_CHART_STATUS_FINAL);
  return wb_chart_builder_end (b);
}

WbChartModel *
wb_test_chart_new (WbTestChart chart)
{
  switch (chart)
    {
    case WB_TEST_CHART_LINE:
      return make_line ();
    case WB_TEST_CHART_BAR:
      return make_bar ();
    case WB_TEST_CHART_STACKED:
      return make_stacked ();
    case WB_TEST_CHART_COHORT:
      return make_cohort ();
    case WB_TEST_CHART_SECTORS:
      return make_sectors ();
    case WB_TEST_CHART_TENSION:
      return make_tension ();
    case WB_TEST_N_CHARTS:
    default:
      g_assert_not_reached ();
    }
}

const char *
wb_test_chart_name (WbTestChart chart)
{
  static const char * const names[] = { "line", "bar", "stacked", "cohort", "sectors", "tension" };

  g_assert (chart < WB_TEST_N_CHARTS);
  return names[chart];
}
