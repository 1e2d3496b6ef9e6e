/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib-object.h>

#include "wb-export-info.h"
#include "wb-table.h"

G_BEGIN_DECLS

/* The figures of one chart, normalised and immutable: series (a key, a name, one point per
 * period), optional target series, and what the figures are (WbExportInfo). The screen
 * (WbChart), the table (wb_chart_model_to_table), the exports and the print all read the
 * same model, so that they show the same numbers and hide the same small ones.
 *
 * Build one with a WbChartBuilder:
 *
 *   WbChartBuilder *b = wb_chart_builder_new (WB_CHART_KIND_LINE, _("Outflow to work"));
 *   guint heerlen = wb_chart_builder_add_series (b, "0917", "Heerlen");
 *   guint target = wb_chart_builder_add_target (b, heerlen, _("Target"));
 *   wb_chart_builder_add_value (b, heerlen, "2026-Q3", 95, WB_CHART_STATUS_PROVISIONAL);
 *   wb_chart_builder_add_suppressed (b, heerlen, "2026-Q2", _("Fewer than 10 persons"));
 *   wb_chart_builder_add_value (b, target, "2026-Q3", 110, WB_CHART_STATUS_FINAL);
 *   WbChartModel *model = wb_chart_builder_end (b);
 *
 * Periods are written as the API writes them ("2025", "2025-Q3", "2025-07") and sorted;
 * when a key is no period (a sector, a municipality) the axis holds categories in the order
 * they were first given. */

typedef enum {
  WB_CHART_KIND_LINE,            /* lines over time */
  WB_CHART_KIND_BAR,             /* bars over time; several series stand side by side */
  WB_CHART_KIND_STACKED_BAR,     /* bars over time, the series stacked (e.g. by municipality) */
  WB_CHART_KIND_HORIZONTAL_BAR,  /* bars by category (e.g. by sector), the names down the side */
} WbChartKind;

typedef enum {
  WB_CHART_STATUS_FINAL,
  WB_CHART_STATUS_PROVISIONAL,   /* may still change: drawn lighter, marked "*" */
  WB_CHART_STATUS_FORECAST,      /* expected: drawn dotted or open */
} WbChartStatus;

typedef enum {
  WB_CHART_UNIT_COUNT,           /* 1.234 */
  WB_CHART_UNIT_DECIMAL,         /* 0,8 */
  WB_CHART_UNIT_PERCENT,         /* 12,5% */
  WB_CHART_UNIT_EURO,            /* € 8.500 */
} WbChartUnit;

typedef struct {
  const char    *period;         /* the key: "2025-Q3", or a category */
  double         value;          /* meaningful when has_value */
  gboolean       has_value;
  gboolean       suppressed;     /* hidden to protect small numbers */
  const char    *reason;         /* why hidden or missing; may be NULL */
  WbChartStatus  status;
} WbChartPoint;

#define WB_TYPE_CHART_MODEL (wb_chart_model_get_type ())

G_DECLARE_FINAL_TYPE (WbChartModel, wb_chart_model, WB, CHART_MODEL, GObject)

typedef struct _WbChartBuilder WbChartBuilder;

WbChartBuilder     *wb_chart_builder_new              (WbChartKind         kind,
                                                       const char         *title);
void                wb_chart_builder_free             (WbChartBuilder     *builder);
/* What a value is ("Persons", "Outflow to work"): the value column's title. */
void                wb_chart_builder_set_value_title  (WbChartBuilder     *builder,
                                                       const char         *title);
/* What tells the series apart ("Municipality"): the series column's title. */
void                wb_chart_builder_set_series_title (WbChartBuilder     *builder,
                                                       const char         *title);
/* What the categories are ("Sector") when the axis holds no periods. */
void                wb_chart_builder_set_category_title (WbChartBuilder   *builder,
                                                       const char         *title);
void                wb_chart_builder_set_unit         (WbChartBuilder     *builder,
                                                       WbChartUnit         unit,
                                                       guint               decimals);
/* Definition, period, source, generation date and footnote (copied); the title defaults
 * to the chart's. */
void                wb_chart_builder_set_info         (WbChartBuilder     *builder,
                                                       const WbExportInfo *info);
guint               wb_chart_builder_add_series       (WbChartBuilder     *builder,
                                                       const char         *key,
                                                       const char         *name);
/* A target series for data series @for_series, or for the chart as a whole (-1). */
guint               wb_chart_builder_add_target       (WbChartBuilder     *builder,
                                                       int                 for_series,
                                                       const char         *name);
void                wb_chart_builder_add_value        (WbChartBuilder     *builder,
                                                       guint               series,
                                                       const char         *period,
                                                       double              value,
                                                       WbChartStatus       status);
void                wb_chart_builder_add_suppressed   (WbChartBuilder     *builder,
                                                       guint               series,
                                                       const char         *period,
                                                       const char         *reason);
/* A value that is not known (yet), e.g. durable outflow for a recent period. */
void                wb_chart_builder_add_missing      (WbChartBuilder     *builder,
                                                       guint               series,
                                                       const char         *period,
                                                       const char         *reason);
/* Makes the model and frees the builder. */
WbChartModel       *wb_chart_builder_end              (WbChartBuilder     *builder);

WbChartKind         wb_chart_model_get_kind           (WbChartModel       *self);
const char         *wb_chart_model_get_title          (WbChartModel       *self);
const char         *wb_chart_model_get_value_title    (WbChartModel       *self);
const char         *wb_chart_model_get_series_title   (WbChartModel       *self);
WbChartUnit         wb_chart_model_get_unit           (WbChartModel       *self);
guint               wb_chart_model_get_decimals       (WbChartModel       *self);
const WbExportInfo *wb_chart_model_get_info           (WbChartModel       *self);

/* TRUE when the axis holds periods, FALSE for categories. */
gboolean            wb_chart_model_has_periods        (WbChartModel       *self);
guint               wb_chart_model_get_n_periods      (WbChartModel       *self);
const char         *wb_chart_model_get_period         (WbChartModel       *self,
                                                       guint               period);
/* "K3 2025" for an axis, "3e kwartaal 2025" in words. */
const char         *wb_chart_model_get_period_label   (WbChartModel       *self,
                                                       guint               period,
                                                       gboolean            long_form);

/* Every series, data and target alike, in the order they were added. */
guint               wb_chart_model_get_n_series       (WbChartModel       *self);
const char         *wb_chart_model_get_series_key     (WbChartModel       *self,
                                                       guint               series);
const char         *wb_chart_model_get_series_name    (WbChartModel       *self,
                                                       guint               series);
gboolean            wb_chart_model_series_is_target   (WbChartModel       *self,
                                                       guint               series);
/* For a data series: its target series, or -1. For a target: its data series, or -1 when
 * it is the whole chart's. */
int                 wb_chart_model_get_series_partner (WbChartModel       *self,
                                                       guint               series);
/* The data series' position among the data series (0, 1, …): its colour, dash and marker. */
guint               wb_chart_model_get_series_style_index (WbChartModel   *self,
                                                       guint               series);
guint               wb_chart_model_get_n_data_series  (WbChartModel       *self);
const WbChartPoint *wb_chart_model_get_point          (WbChartModel       *self,
                                                       guint               series,
                                                       guint               period);
gboolean            wb_chart_model_has_status         (WbChartModel       *self,
                                                       WbChartStatus       status);
guint               wb_chart_model_get_n_suppressed   (WbChartModel       *self);
gboolean            wb_chart_model_has_targets        (WbChartModel       *self);
/* The smallest and largest value drawn: of the stacks for a stacked chart, with targets. */
void                wb_chart_model_get_range          (WbChartModel       *self,
                                                       double             *min,
                                                       double             *max);

/* A value in the chart's unit, for people: "1.234", "12,5%", "€ 8.500". */
char               *wb_chart_model_format_value       (WbChartModel       *self,
                                                       double              value);
/* The same with @decimals in place of the chart's own (an axis' ticks). */
char               *wb_chart_model_format_number      (WbChartModel       *self,
                                                       double              value,
                                                       guint               decimals);
/* A point as a table shows it: the value, "." when hidden, "n/a" when not known. */
char               *wb_chart_model_format_point       (WbChartModel       *self,
                                                       const WbChartPoint *point);
/* The status of a point in words: "final", "provisional", "forecast", "hidden", "not known". */
const char         *wb_chart_model_point_status_label (const WbChartPoint *point);
/* The chart in words, for its accessible description. */
char               *wb_chart_model_describe           (WbChartModel       *self);
/* One period in words: "3e kwartaal 2026: uitstroom naar werk 95, doel 110". */
char               *wb_chart_model_describe_period    (WbChartModel       *self,
                                                       guint               period);
/* One point in words, for a tooltip: "Heerlen, 3e kwartaal 2026: 95 (provisional), target 110". */
char               *wb_chart_model_describe_point     (WbChartModel       *self,
                                                       guint               series,
                                                       guint               period);
/* The same figures as a table, one row per period and data series: period, series, value,
 * target, status, note. Hidden values stay hidden. */
WbTable            *wb_chart_model_to_table           (WbChartModel       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbChartBuilder, wb_chart_builder_free)

G_END_DECLS
