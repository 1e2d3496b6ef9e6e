/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "wb-chart-model.h"
#include "wb-chart.h"
#include "wb-document.h"
#include "wb-table-view.h"

G_BEGIN_DECLS

/* Charts, documents and exports: a guide for the pages that use them (the monitor, the
 * placement pipeline, the quarter pack).
 *
 * 1. Figures: build a WbChartModel (wb-chart-model.h) from what the server answers, one
 *    series per key, one point per period; hidden small numbers with
 *    wb_chart_builder_add_suppressed() and their reason, figures not known yet with
 *    _add_missing(), targets with _add_target(); the definition, period, source, date and
 *    footnote in a WbExportInfo (wb_export_info_default_footnote() for the hidden cells).
 *    The model is immutable: a new answer is a new model.
 * 2. Screen: a WbChartView (below) shows it with its title, caption, Table toggle and
 *    export menu; a bare WbChart (wb-chart.h) is the drawing with its keyboard and words.
 * 3. Files: wb_chart_export() (wb-chart-draw.h) writes PNG, SVG or PDF at any size;
 *    wb_chart_model_to_table() gives the figures as a WbTable, and wb_table_write_csv()
 *    and wb_table_write_xlsx() (wb-table-export.h) write any WbTable, a list's too.
 * 4. Paper: a WbDocument (wb-document.h) holds headings, text, charts and tables and
 *    prints them (GtkPrintOperation) or writes a PDF; the footer says who printed it when.
 * 5. Words and numbers for people come from wb-format.h: Dutch in the Dutch UI.
 *
 * The view: its title, a "Table" toggle that shows the same figures in a column view
 * (hidden ones as "." with the reason), an export menu (PNG, SVG, PDF of the chart; CSV
 * and XLSX of its figures; print) and, below, the definition, period, source, date and
 * footnote. Set a WbChartModel and it does the rest:
 *
 *   GtkWidget *view = wb_chart_view_new ();
 *   wb_chart_view_set_model (WB_CHART_VIEW (view), model);
 *   wb_chart_view_set_printed_by (WB_CHART_VIEW (view), user_name);
 *
 * To look at every kind: ninja -C _build bench/bench-charts && ./_build/bench/bench-charts
 * (--dark, --width=360, --tables, --focus=0). */

#define WB_TYPE_CHART_VIEW (wb_chart_view_get_type ())

G_DECLARE_FINAL_TYPE (WbChartView, wb_chart_view, WB, CHART_VIEW, GtkWidget)

typedef enum {
  WB_CHART_EXPORT_PNG,
  WB_CHART_EXPORT_SVG,
  WB_CHART_EXPORT_PDF,
  WB_CHART_EXPORT_CSV,
  WB_CHART_EXPORT_XLSX,
} WbChartExportFormat;

GtkWidget    *wb_chart_view_new             (void);
WbChartModel *wb_chart_view_get_model       (WbChartView         *self);
void          wb_chart_view_set_model       (WbChartView         *self,
                                             WbChartModel        *model);
gboolean      wb_chart_view_get_show_table  (WbChartView         *self);
void          wb_chart_view_set_show_table  (WbChartView         *self,
                                             gboolean             show_table);
/* Who prints, for the footer of a print. */
void          wb_chart_view_set_printed_by  (WbChartView         *self,
                                             const char          *name);
WbChart      *wb_chart_view_get_chart       (WbChartView         *self);
WbTableView  *wb_chart_view_get_table_view  (WbChartView         *self);
/* Writes what the export menu offers to @file: the chart at @width × @height (pixels; a
 * PDF is an A4 page across and ignores them) or its figures. */
gboolean      wb_chart_view_export          (WbChartView         *self,
                                             WbChartExportFormat  format,
                                             GFile               *file,
                                             int                  width,
                                             int                  height,
                                             GError             **error);
/* The print: the chart, then its figures as a table, on A4 across. */
WbDocument   *wb_chart_view_create_document (WbChartView         *self);

G_END_DECLS
