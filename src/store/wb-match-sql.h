/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "wb-match-engine.h"
#include "wb-store.h"

G_BEGIN_DECLS

/* The ranking of wb_match_engine_rank_candidates written as the straightforward SQL a
 * developer would otherwise write: the score of wb-match-engine.h computed by one query
 * over the store, with no index of its own. It is the baseline the benchmark measures the
 * engine against and the reference tests hold the engine to; the server does not use it. */

typedef struct {
  gint64 client_id;
  double score;
} WbMatchSqlResult;

/* The top @limit (0: WB_MATCH_DEFAULT_LIMIT) active clients for vacancy @vacancy_id, best
 * first, equal scores by client id, as WbMatchSqlResult items; an unknown vacancy gives
 * none. @weights may be NULL for the defaults. @today ("YYYY-MM-DD"; NULL: the real date)
 * is as wb_match_engine_set_today has it, with a diagnosis stale after
 * WB_MATCH_DEFAULT_STALE_MONTHS. */
GArray *wb_match_sql_rank_candidates (WbStore               *store,
                                      gint64                 vacancy_id,
                                      const WbMatchWeights  *weights,
                                      const char            *today,
                                      guint                  limit,
                                      GError               **error);

G_END_DECLS
