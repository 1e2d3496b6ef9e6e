/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "wb-chart-model.h"

G_BEGIN_DECLS

/* A chart on screen: draws its WbChartModel with wb_chart_draw() in the colours and font of
 * the style sheet (light or dark, followed on css-changed). For people who do not see it:
 * an image role whose label is the title and whose description is the chart in words; it
 * takes keyboard focus, and the arrow keys move through the figures (Left/Right through
 * the periods, Up/Down through the series; the other way round for a chart by category;
 * Home and End), each announced in the description and shown in a popover. The same
 * figures as a table are in WbChartView. */

#define WB_TYPE_CHART (wb_chart_get_type ())

G_DECLARE_FINAL_TYPE (WbChart, wb_chart, WB, CHART, GtkWidget)

GtkWidget    *wb_chart_new              (void);
WbChartModel *wb_chart_get_model        (WbChart      *self);
void          wb_chart_set_model        (WbChart      *self,
                                         WbChartModel *model);
/* The figure the keyboard is on: a period and a data series, or -1 for none. */
int           wb_chart_get_focus_period (WbChart      *self);
int           wb_chart_get_focus_series (WbChart      *self);
void          wb_chart_set_focus        (WbChart      *self,
                                         int           series,
                                         int           period);
/* What a screen reader hears as the chart's description now. */
const char   *wb_chart_get_description  (WbChart      *self);

G_END_DECLS
