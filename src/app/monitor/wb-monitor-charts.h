/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "wb-chart-model.h"
#include "wb-core.h"
#include "wb-export-info.h"

G_BEGIN_DECLS

/* From the monitor's answers (WbMonitorResult, as the client library reads them) to the
 * chart widgets' models: the monitor page's only way to the charts, so that every chart,
 * table, export and print shows what the server sent, its hidden cells hidden with their
 * reason, and carries the definition, period, source, date and footnote. */

/* The chart unit and decimals of a metric's unit. */
void          wb_monitor_chart_unit          (WbMonitorMetric        metric,
                                              WbChartUnit           *unit,
                                              guint                 *decimals);
/* How periods are counted, in words: "per quarter". */
const char   *wb_monitor_period_kind_words   (WbPeriodKind           kind);
/* The range in words: "K1 2024 – K4 2025, per kwartaal". */
char         *wb_monitor_range_words         (const WbMonitorResult *result);
/* The definition, period, source and date of @result under @title, with the footnote on
 * hidden cells when @footnote. */
WbExportInfo *wb_monitor_export_info         (const WbMonitorResult *result,
                                              const char            *title,
                                              gboolean               footnote);
/* Whether any point of @result is hidden to protect small numbers. */
gboolean      wb_monitor_result_has_suppressed (const WbMonitorResult *result);
/* The series of @result with @key and @by (each NULL for any), or NULL. */
const WbMonitorSeries *wb_monitor_result_find (const WbMonitorResult *result,
                                              const char            *key,
                                              const char            *by);

/* Adds @series to @builder as one data series named @name (the series' own name when
 * NULL), every point as it came: a value, a hidden cell with its reason, or a figure not
 * known; with @targets, its targets as a dashed target series. Returns the data series. */
guint         wb_monitor_chart_add_series    (WbChartBuilder        *builder,
                                              const WbMonitorSeries *series,
                                              const char            *name,
                                              gboolean               targets);
/* Adds one data series named @name whose categories are the series of @result (a split
 * by sector, or the areas of a level), each at the period @period of the answer (-1: the
 * last). */
guint         wb_monitor_chart_add_categories (WbChartBuilder       *builder,
                                              const WbMonitorResult *result,
                                              const char            *name,
                                              int                    period);
/* Adds a series of @numerator per @denominator × 100 for each period both have: hidden
 * where either is hidden, not known where either is not known or the denominator is 0. */
guint         wb_monitor_chart_add_rate      (WbChartBuilder        *builder,
                                              const char            *key,
                                              const char            *name,
                                              const WbMonitorSeries *numerator,
                                              const WbMonitorSeries *denominator);

/* A label for people of a value of a dimension ("Zorg", "30–80%"). */
const char   *wb_monitor_dimension_label     (WbMonitorDimension     dimension,
                                              const char            *value);
/* A metric's name for people ("Outflow to work"). */
const char   *wb_monitor_metric_label        (WbMonitorMetric        metric);

G_END_DECLS
