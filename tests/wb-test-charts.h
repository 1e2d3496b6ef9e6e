/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "wb-chart-model.h"

G_BEGIN_DECLS

/* Synthetic charts of each kind the monitor draws, with fixed, made-up figures: targets,
 * provisional and forecast figures, hidden small numbers and figures not yet known. */
typedef enum {
  WB_TEST_CHART_LINE,        /* outflow to work per quarter, two subregions, a target */
  WB_TEST_CHART_BAR,         /* placements per year against a target */
  WB_TEST_CHART_STACKED,     /* caseload per quarter by municipality, two cells hidden */
  WB_TEST_CHART_COHORT,      /* durable outflow after 6 and 12 months, the recent not yet known */
  WB_TEST_CHART_SECTORS,     /* open and filled vacancies by sector */
  WB_TEST_CHART_TENSION,     /* vacancies per work-ready candidate by sector */
  WB_TEST_N_CHARTS,
} WbTestChart;

WbChartModel *wb_test_chart_new  (WbTestChart chart);
const char   *wb_test_chart_name (WbTestChart chart);

G_END_DECLS
