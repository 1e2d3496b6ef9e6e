/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "wb-chart-model.h"

G_BEGIN_DECLS

/* One drawing function for a WbChartModel, at any size on any cairo context: the widget's
 * snapshot, PNG, SVG, PDF and print all call wb_chart_draw(), so what is exported is what
 * is seen. The function never asks a widget anything: colours and font come in a
 * WbChartStyle (from the style sheet for the screen, the paper palette for files).
 *
 * Colour is never the only cue: a target is a dashed line, a forecast dotted (a line) or
 * open (a bar), a provisional figure lighter with a "*", each series has its own marker
 * (lines) or fill pattern (bars) and a legend entry, and a hidden figure (a suppressed small
 * number) is a gap with a "×" marker. */

#define WB_CHART_N_COLOURS 8

typedef struct {
  GdkRGBA               foreground;      /* text and axes */
  GdkRGBA               background;      /* behind the chart; hatching and open markers */
  GdkRGBA               series[WB_CHART_N_COLOURS];
  PangoFontDescription *font;            /* with an absolute size, in the drawing's units */
  gboolean              paint_background;
  gboolean              show_title;      /* the title above the chart (files, print) */
  gboolean              show_info;       /* definition, period, source, date, footnote below */
  int                   focus_period;    /* highlighted period, or -1 */
  int                   focus_series;    /* highlighted series, or -1 */
} WbChartStyle;

/* Where a point was drawn, for hit tests, tooltips and tests. */
typedef struct {
  guint  series;
  guint  period;
  double x, y, width, height;   /* a bar, or a square around a marker or a target's mark */
} WbChartHit;

typedef enum {
  WB_CHART_FORMAT_PNG,
  WB_CHART_FORMAT_SVG,
  WB_CHART_FORMAT_PDF,
} WbChartFormat;

/* The palette for paper and files: light, as style.css has it. @font_size is in the
 * drawing's units (pixels for PNG and SVG, points for PDF). */
void      wb_chart_style_init_paper       (WbChartStyle       *style,
                                           double              font_size);
/* The palette and font the style sheet gives @widget (light or dark); call again on
 * css-changed. */
void      wb_chart_style_init_from_widget (WbChartStyle       *style,
                                           GtkWidget          *widget);
void      wb_chart_style_clear            (WbChartStyle       *style);

/* Draws @model into the rectangle (0, 0, @width, @height) of @cr. When @hits is given
 * (a GArray of WbChartHit), it receives where each point was drawn. */
void      wb_chart_draw                   (WbChartModel       *model,
                                           cairo_t            *cr,
                                           double              width,
                                           double              height,
                                           const WbChartStyle *style,
                                           GArray             *hits);

/* Writes the chart to @path at @width × @height (pixels for PNG and SVG, points for PDF),
 * with its title above and its definition, period, source, date and footnote below. A
 * NULL @style is the paper palette at a font size that suits the size. The SVG carries the
 * title and the chart's description in words (<title>, <desc>); the PDF its metadata. */
gboolean  wb_chart_export                 (WbChartModel       *model,
                                           WbChartFormat       format,
                                           const char         *path,
                                           double              width,
                                           double              height,
                                           const WbChartStyle *style,
                                           GError            **error);
/* The font size wb_chart_export() takes for a file of @width × @height. */
double    wb_chart_export_font_size       (double              width,
                                           double              height);

G_END_DECLS
