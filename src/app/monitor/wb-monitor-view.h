/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "wb-chart-view.h"
#include "wb-session.h"

G_BEGIN_DECLS

/* The labour-market monitor: filters (figure, level and area, period kind and range,
 * client group, capacity band), key figures for the last period of the range against
 * their targets, and charts (the figure over time with its target dashed, stacked by
 * municipality or subregion, the durable outflow cohort, vacancies and tension by sector,
 * the area against its subregion and the region, the system against CBS). Every chart is
 * a WbChartView with its own Table toggle and exports; the page's Table toggle switches
 * them all, and its Print puts the whole dashboard on paper. Aggregates only: nothing on
 * the page leads to a person. */

#define WB_TYPE_MONITOR_VIEW (wb_monitor_view_get_type ())

G_DECLARE_FINAL_TYPE (WbMonitorView, wb_monitor_view, WB, MONITOR_VIEW, GtkWidget)

/* The charts of the page, in the order they are shown. */
typedef enum {
  WB_MONITOR_CHART_OVER_TIME,
  WB_MONITOR_CHART_STACKED,
  WB_MONITOR_CHART_DURABLE,
  WB_MONITOR_CHART_VACANCIES,
  WB_MONITOR_CHART_TENSION,
  WB_MONITOR_CHART_COMPARE,
  WB_MONITOR_CHART_CBS,
  WB_MONITOR_N_CHARTS
} WbMonitorChart;

GtkWidget    *wb_monitor_view_new             (void);
/* Loads the figures for the session's user; NULL forgets them. */
void          wb_monitor_view_set_session     (WbMonitorView  *self,
                                               WbSession      *session);
/* TRUE while figures are being fetched. */
gboolean      wb_monitor_view_get_loading     (WbMonitorView  *self);
WbChartView  *wb_monitor_view_get_chart_view  (WbMonitorView  *self,
                                               WbMonitorChart  chart);
/* The key figures as they are shown, one line each ("Inflow: 1.234 (target 1.200, +34)"). */
char        **wb_monitor_view_dup_tile_texts  (WbMonitorView  *self);
/* The filters, as a user sets them: a level with an area's key (NULL: every area of the
 * level; the region's name for the region), the period kind and the range of years. */
void          wb_monitor_view_set_area        (WbMonitorView  *self,
                                               WbMonitorLevel  level,
                                               const char     *key);
void          wb_monitor_view_set_range       (WbMonitorView  *self,
                                               WbPeriodKind    kind,
                                               int             from_year,
                                               int             to_year);
/* The figure the first charts follow over time (outflow to work at first). */
void          wb_monitor_view_set_figure      (WbMonitorView  *self,
                                               WbMonitorMetric metric);
/* A client group or capacity band filter (NULL for all). */
void          wb_monitor_view_set_client_filter (WbMonitorView *self,
                                               const char     *client_group,
                                               const char     *capacity_band);
/* The whole dashboard for paper: filters in words, key figures, every chart with its
 * figures' info. */
WbDocument   *wb_monitor_view_create_document (WbMonitorView  *self);

G_END_DECLS
