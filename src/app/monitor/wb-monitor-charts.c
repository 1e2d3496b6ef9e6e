/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-monitor-charts"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-format.h"
#include "wb-labels.h"
#include "wb-monitor-charts.h"

void
wb_monitor_chart_unit (WbMonitorMetric  metric,
                       WbChartUnit     *unit,
                       guint           *decimals)
{
  const WbMonitorMetricInfo *info = wb_monitor_metric_get_info (metric);

  switch (info->unit)
    {
    case WB_MONITOR_UNIT_RATIO:
      *unit = WB_CHART_UNIT_DECIMAL;
      *decimals = 2;
      break;
    case WB_MONITOR_UNIT_EUROS:
      *unit = WB_CHART_UNIT_EURO;
      *decimals = 0;
      break;
    case WB_MONITOR_UNIT_PERSONS:
    case WB_MONITOR_UNIT_VACANCIES:
    default:
      *unit = WB_CHART_UNIT_COUNT;
      *decimals = 0;
      break;
    }
}

const char *
wb_monitor_period_kind_words (WbPeriodKind kind)
{
  switch (kind)
    {
    case WB_PERIOD_MONTH:
      return _("per month");
    case WB_PERIOD_QUARTER:
      return _("per quarter");
    case WB_PERIOD_YEAR:
    default:
      return _("per year");
    }
}

char *
wb_monitor_range_words (const WbMonitorResult *result)
{
  char from_text[WB_PERIOD_TEXT_SIZE], to_text[WB_PERIOD_TEXT_SIZE];
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  g_return_val_if_fail (result != NULL, NULL);

  wb_period_format (&result->from, from_text);
  wb_period_format (&result->to, to_text);
  from = wb_format_period (from_text, TRUE);
  to = wb_format_period (to_text, TRUE);
  if (g_str_equal (from, to))
    /* TRANSLATORS: a period, then how it is counted: "2025, per quarter" */
    return g_strdup_printf (_("%s, %s"), from, wb_monitor_period_kind_words (result->period));
  /* TRANSLATORS: a range of periods, then how it is counted: "2022 – 2026, per quarter" */
  return g_strdup_printf (_("%s – %s, %s"), from, to, wb_monitor_period_kind_words (result->period));
}

gboolean
wb_monitor_result_has_suppressed (const WbMonitorResult *result)
{
  g_return_val_if_fail (result != NULL, FALSE);

  for (guint s = 0; s < result->series->len; s++)
    {
      const WbMonitorSeries *series = result->series->pdata[s];

      for (guint p = 0; p < series->points->len; p++)
        if (wb_monitor_reason_is_suppression (g_array_index (series->points, WbMonitorPoint, p).reason))
          return TRUE;
    }
  return FALSE;
}

WbExportInfo *
wb_monitor_export_info (const WbMonitorResult *result,
                        const char            *title,
                        gboolean               footnote)
{
  WbExportInfo *info = wb_export_info_new ();
  const char *source;

  g_return_val_if_fail (result != NULL, info);

  info->title = g_strdup (title);
  info->definition = g_strdup (wb_monitor_metric_get_definition (result->metric));
  info->period = wb_monitor_range_words (result);
  source = wb_monitor_metric_get_source (result->metric);
  if (result->as_of != NULL && g_strcmp0 (source, "Werkbrug") == 0)
    /* TRANSLATORS: where figures come from, and the date they are counted up to */
    info->source = g_strdup_printf (_("%s, events up to %s"), source, result->as_of);
  else
    info->source = g_strdup (source);
  if (result->generated_at != NULL)
    info->generated = g_date_time_new_from_iso8601 (result->generated_at, NULL);
  if (info->generated == NULL)
    info->generated = g_date_time_new_now_local ();
  if (footnote)
    info->footnote = wb_export_info_default_footnote (WB_MONITOR_MIN_COUNT);
  return info;
}

const WbMonitorSeries *
wb_monitor_result_find (const WbMonitorResult *result,
                        const char            *key,
                        const char            *by)
{
  g_return_val_if_fail (result != NULL, NULL);

  for (guint s = 0; s < result->series->len; s++)
    {
      const WbMonitorSeries *series = result->series->pdata[s];

      if ((key == NULL || g_strcmp0 (series->key, key) == 0) && (by == NULL || g_strcmp0 (series->by, by) == 0))
        return series;
    }
  return NULL;
}

static WbChartStatus
chart_status (WbMonitorStatus status)
{
  return status == WB_MONITOR_STATUS_PROVISIONAL ? WB_CHART_STATUS_PROVISIONAL : WB_CHART_STATUS_FINAL;
}

static void
add_point (WbChartBuilder       *builder,
           guint                 series,
           const char           *key,
           const WbMonitorPoint *point)
{
  g_autofree char *reason = NULL;

  if (point->has_value)
    {
      wb_chart_builder_add_value (builder, series, key, point->value, chart_status (point->status));
      return;
    }
  reason = wb_monitor_reason_describe (point->reason);
  if (wb_monitor_reason_is_suppression (point->reason))
    wb_chart_builder_add_suppressed (builder, series, key, reason);
  else
    wb_chart_builder_add_missing (builder, series, key, reason);
}

guint
wb_monitor_chart_add_series (WbChartBuilder        *builder,
                             const WbMonitorSeries *series,
                             const char            *name,
                             gboolean               targets)
{
  guint index;

  g_return_val_if_fail (builder != NULL, 0);
  g_return_val_if_fail (series != NULL, 0);

  index = wb_chart_builder_add_series (builder, series->key, name != NULL ? name : series->name);
  for (guint p = 0; p < series->points->len; p++)
    {
      const WbMonitorPoint *point = &g_array_index (series->points, WbMonitorPoint, p);
      char key[WB_PERIOD_TEXT_SIZE];

      wb_period_format (&point->period, key);
      add_point (builder, index, key, point);
    }
  if (targets && series->targets->len > 0)
    {
      /* TRANSLATORS: the target line of a series in a chart's legend: "Target Parkstad" */
      g_autofree char *target_name = g_strdup_printf (_("Target %s"), name != NULL ? name : series->name);
      guint target = wb_chart_builder_add_target (builder, index, target_name);

      for (guint t = 0; t < series->targets->len; t++)
        {
          const WbMonitorTarget *one = &g_array_index (series->targets, WbMonitorTarget, t);
          char key[WB_PERIOD_TEXT_SIZE];

          wb_period_format (&one->period, key);
          wb_chart_builder_add_value (builder, target, key, one->value, WB_CHART_STATUS_FINAL);
        }
    }
  return index;
}

guint
wb_monitor_chart_add_categories (WbChartBuilder        *builder,
                                 const WbMonitorResult *result,
                                 const char            *name,
                                 int                    period)
{
  guint index;

  g_return_val_if_fail (builder != NULL, 0);
  g_return_val_if_fail (result != NULL, 0);

  index = wb_chart_builder_add_series (builder, wb_monitor_metric_to_string (result->metric), name);
  for (guint s = 0; s < result->series->len; s++)
    {
      const WbMonitorSeries *series = result->series->pdata[s];
      const char *category;
      guint at;

      if (series->points->len == 0)
        continue;
      at = period < 0 || (guint) period >= series->points->len ? series->points->len - 1 : (guint) period;
      category = series->by != NULL ? wb_monitor_dimension_label (result->by, series->by) : series->name;
      add_point (builder, index, category, &g_array_index (series->points, WbMonitorPoint, at));
    }
  return index;
}

guint
wb_monitor_chart_add_rate (WbChartBuilder        *builder,
                           const char            *key,
                           const char            *name,
                           const WbMonitorSeries *numerator,
                           const WbMonitorSeries *denominator)
{
  guint index;

  g_return_val_if_fail (builder != NULL, 0);
  g_return_val_if_fail (numerator != NULL && denominator != NULL, 0);

  index = wb_chart_builder_add_series (builder, key, name);
  for (guint p = 0; p < numerator->points->len; p++)
    {
      const WbMonitorPoint *top = &g_array_index (numerator->points, WbMonitorPoint, p);
      const WbMonitorPoint *bottom = NULL;
      char period[WB_PERIOD_TEXT_SIZE];

      for (guint q = 0; q < denominator->points->len && bottom == NULL; q++)
        if (wb_period_equal (&g_array_index (denominator->points, WbMonitorPoint, q).period, &top->period))
          bottom = &g_array_index (denominator->points, WbMonitorPoint, q);
      wb_period_format (&top->period, period);
      if (bottom == NULL)
        {
          g_autofree char *reason = wb_monitor_reason_describe (WB_MONITOR_REASON_NO_DATA);

          wb_chart_builder_add_missing (builder, index, period, reason);
        }
      else if (wb_monitor_reason_is_suppression (top->reason) || wb_monitor_reason_is_suppression (bottom->reason))
        {
          /* A rate over a hidden count would give the count away: it is hidden as well. */
          g_autofree char *reason = wb_monitor_reason_describe (wb_monitor_reason_is_suppression (top->reason) ?
                                                                top->reason : bottom->reason);

          wb_chart_builder_add_suppressed (builder, index, period, reason);
        }
      else if (!top->has_value || !bottom->has_value || bottom->value == 0)
        {
          WbMonitorReason why = !top->has_value ? top->reason : !bottom->has_value ? bottom->reason :
                                WB_MONITOR_REASON_UNDEFINED;
          g_autofree char *reason = wb_monitor_reason_describe (why);

          wb_chart_builder_add_missing (builder, index, period, reason);
        }
      else
        {
          WbChartStatus status = top->status == WB_MONITOR_STATUS_PROVISIONAL ||
                                 bottom->status == WB_MONITOR_STATUS_PROVISIONAL ?
                                 WB_CHART_STATUS_PROVISIONAL : WB_CHART_STATUS_FINAL;

          wb_chart_builder_add_value (builder, index, period, top->value / bottom->value * 100, status);
        }
    }
  return index;
}

const char *
wb_monitor_dimension_label (WbMonitorDimension  dimension,
                            const char         *value)
{
  g_return_val_if_fail (value != NULL, NULL);

  switch (dimension)
    {
    case WB_MONITOR_DIM_SECTOR:
      return wb_label_for_enum ("sector", value);
    case WB_MONITOR_DIM_CLIENT_GROUP:
      return wb_label_for_enum ("client_group", value);
    case WB_MONITOR_DIM_CAPACITY_BAND:
      if (g_str_equal (value, "<30"))
        return _("Work capacity below 30%");
      if (g_str_equal (value, "30-80"))
        return _("Work capacity 30–80%");
      if (g_str_equal (value, "80-100"))
        return _("Work capacity 80–100%");
      return value;
    case WB_MONITOR_DIM_NONE:
    case WB_MONITOR_DIM_OUTFLOW_TYPE:
    case WB_MONITOR_DIM_REASON:
    case WB_MONITOR_DIM_PHASE:
    case WB_MONITOR_DIM_TRACK:
    case WB_MONITOR_DIM_AGE_BAND:
    case WB_MONITOR_N_DIMS:
    default:
      return value;
    }
}

const char *
wb_monitor_metric_label (WbMonitorMetric metric)
{
  switch (metric)
    {
    case WB_MONITOR_INFLOW:
      return _("Inflow");
    case WB_MONITOR_OUTFLOW:
      return _("Outflow");
    case WB_MONITOR_TO_WORK:
      return _("Outflow to work");
    case WB_MONITOR_PLACEMENTS:
      return _("Placements");
    case WB_MONITOR_ACTIVATED:
      return _("Activated");
    case WB_MONITOR_REFERRALS:
      return _("Referrals to the WSP");
    case WB_MONITOR_RETURNS:
      return _("Returns to benefit");
    case WB_MONITOR_DURABLE_6M:
      return _("Durable outflow after 6 months");
    case WB_MONITOR_DURABLE_12M:
      return _("Durable outflow after 12 months");
    case WB_MONITOR_CASELOAD:
      return _("Caseload");
    case WB_MONITOR_POOL:
      return _("Work-ready pool");
    case WB_MONITOR_VACANCIES_OPEN:
      return _("Open vacancies");
    case WB_MONITOR_VACANCIES_FILLED:
      return _("Filled vacancies");
    case WB_MONITOR_TENSION:
      return _("Tension");
    case WB_MONITOR_BENEFIT_SAVED:
      return _("Saved benefit");
    case WB_MONITOR_CBS_RECIPIENTS:
      return _("Social-assistance recipients (CBS)");
    case WB_MONITOR_CBS_TO_WORK:
      return _("Outflow to work (CBS)");
    case WB_MONITOR_N_METRICS:
    default:
      return wb_monitor_metric_to_string (metric);
    }
}
