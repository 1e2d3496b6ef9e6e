/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "wb-monitor.h"
#include "wb-store.h"

G_BEGIN_DECLS

/* The labour-market monitor's figures, counted from the timeline events and the clients.
 *
 * The store keeps a compact index of what the monitor counts (per client its area, group,
 * capacity, birth year and the events that matter, per vacancy its sector and dates),
 * built on the first query and brought up to date before each later one from what was
 * written since: by this connection or, through PRAGMA data_version, by any other. A query
 * then counts in memory and never scans SQL. docs/monitor.md defines every figure. */

/* The saved benefit per outflow to work when a subregion has no setting of its own (seed 002). */
#define WB_MONITOR_DEFAULT_SAVED_BENEFIT 8500

/* Answers @query: one series per area of the level (only @query->key's when given: the
 * area's code or name) and, with `by`, per value of that dimension; every point protected
 * against small numbers, with the targets of /targets that belong to the series. A key that
 * names no area of the level fails with WB_STORE_ERROR_NOT_FOUND (the message names the
 * key); a reference date that is no date, or a range without periods, with
 * WB_STORE_ERROR_INVALID. Build the query with wb_monitor_query_parse and write the answer
 * with wb_monitor_result_to_json (core). */
WbMonitorResult *wb_store_monitor_query          (WbStore              *store,
                                                  const WbMonitorQuery *query,
                                                  GError              **error);

/* What the index holds, for a benchmark or a status page. */
typedef struct {
  guint n_clients;
  guint n_events;        /* the events the monitor counts */
  guint n_vacancies;
  guint n_rebuilds;      /* full loads so far */
  guint n_reloaded;      /* clients read again after writes */
  char *latest_event;    /* YYYY-MM-DD, NULL without events */
} WbMonitorIndexStats;

void             wb_monitor_index_stats_clear   (WbMonitorIndexStats  *stats);

/* Builds the index or brings it up to date now, rather than on the next query (a server
 * calls it at start). @stats may be NULL. */
gboolean         wb_store_monitor_refresh        (WbStore              *store,
                                                  WbMonitorIndexStats  *stats,
                                                  GError              **error);

/* The saved benefit per outflow to work of a subregion, in whole euros:
 * WB_MONITOR_DEFAULT_SAVED_BENEFIT unless set. */
gint64           wb_store_monitor_get_saved_benefit (WbStore           *store,
                                                     const char        *subregion);
gboolean         wb_store_monitor_set_saved_benefit (WbStore           *store,
                                                     const char        *subregion,
                                                     gint64             euros,
                                                     GError           **error);

G_END_DECLS
