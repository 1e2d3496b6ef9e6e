/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "wb-api-ranking.h"
#include "wb-candidates-panel.h"
#include "wb-score-bar.h"

G_BEGIN_DECLS

#define WB_TYPE_CANDIDATE_ITEM (wb_candidate_item_get_type ())

G_DECLARE_FINAL_TYPE (WbCandidateItem, wb_candidate_item, WB, CANDIDATE_ITEM, GObject)

/* One ranked item of a candidates panel's list model: its texts, made once when the ranking
 * arrives (what a row shows and what a screen reader is given), and the widgets of its
 * explanation, made only when it is first opened. The item, not the row that shows it,
 * knows whether it is open, so that a recycled row, or a ranking again with other controls,
 * keeps what the user opened. Property: "expanded". */
WbCandidateItem  *wb_candidate_item_new          (WbApiRankedMatch *match,
                                                  WbMatchDirection  direction);
WbApiRankedMatch *wb_candidate_item_get_match    (WbCandidateItem  *self);
/* The client's id for a candidate, the vacancy's for a vacancy. */
gint64            wb_candidate_item_get_id       (WbCandidateItem  *self);
/* The name or pseudonym ("K-000123"), or the vacancy and its employer. */
const char       *wb_candidate_item_get_name     (WbCandidateItem  *self);
/* What the row shows for @section ("title", "subtitle", "summary", "matched", …), or NULL. */
const char       *wb_candidate_item_get_text     (WbCandidateItem  *self,
                                                  const char       *section);
gboolean          wb_candidate_item_get_expanded (WbCandidateItem  *self);
void              wb_candidate_item_set_expanded (WbCandidateItem  *self,
                                                  gboolean          expanded);
/* The explanation, made on the first call: a row for an expander row to hold. */
GtkWidget        *wb_candidate_item_ensure_detail (WbCandidateItem *self);
/* The score bar of the explanation (with its legend), made with it. */
WbScoreBar       *wb_candidate_item_get_detail_bar (WbCandidateItem *self);

G_END_DECLS
