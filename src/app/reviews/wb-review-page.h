/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "wb-record-page.h"
#include "wb-review-decision-dialog.h"

G_BEGIN_DECLS

#define WB_TYPE_REVIEW_PAGE (wb_review_page_get_type ())

G_DECLARE_FINAL_TYPE (WbReviewPage, wb_review_page, WB, REVIEW_PAGE, WbRecordPage)

/* One review of the queue on the record page machinery: why it is there, what the rule
 * suggests, the employer (and the other of a duplicate), and the decisions that fit it as
 * the page's actions, the suggested one marked, and for an owner who left the handover of
 * all their accounts. Signals: "decide" (a WbDecisionAction), "hand-over" (the id and name
 * of the owner who left), "open-account" (an employer's id). */
WbReviewPage *wb_review_page_new                (void);
/* The review shown, or NULL (transfer none). */
WbRecord     *wb_review_page_get_review         (WbReviewPage     *self);
/* No review: the page asks to choose one. */
void          wb_review_page_show_none          (WbReviewPage     *self);
/* The decision shown as the suggested one (WB_N_DECISIONS for none). */
WbDecisionAction wb_review_page_get_suggested   (WbReviewPage     *self);
/* The action button of a decision ("approve_exception", ...), for tests. */
GtkButton    *wb_review_page_get_decision_button (WbReviewPage    *self,
                                                  WbDecisionAction action);

G_END_DECLS
