/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "wb-list-view.h"
#include "wb-review-decision-dialog.h"
#include "wb-review-page.h"
#include "wb-session.h"

G_BEGIN_DECLS

#define WB_TYPE_REVIEW_QUEUE (wb_review_queue_get_type ())

G_DECLARE_FINAL_TYPE (WbReviewQueue, wb_review_queue, WB, REVIEW_QUEUE, WbListView)

/* The coordinator's review queue: every rule violation and flag of the account list with
 * its reason, oldest first, and the decisions on it, on the list machinery with the page of
 * the selected review beside the list. Only coordinators see it; the server refuses
 * everyone else, and the queue says so when it does. Properties: "n-open" (the open
 * reviews). Signals: "decided" (the decided review; after a handover, for each account a
 * record whose "employer" names it), "open-account" (an employer's id),
 * and the list's "backend-error", "backend-recovered", "toast". */
WbReviewQueue          *wb_review_queue_new            (void);
void                    wb_review_queue_set_session    (WbReviewQueue *self,
                                                        WbSession     *session);
void                    wb_review_queue_reload         (WbReviewQueue *self);
guint                   wb_review_queue_get_n_open     (WbReviewQueue *self);
/* The reviews the filter shows, oldest first (WbRecord). */
GListModel             *wb_review_queue_get_model      (WbReviewQueue *self);
/* Sets the queue's reviews without loading (a GListModel of WbRecord, for tests). */
void                    wb_review_queue_set_reviews    (WbReviewQueue *self,
                                                        GListModel    *reviews);
void                    wb_review_queue_set_filter     (WbReviewQueue *self,
                                                        const char    *text);
/* Selects a review by its id; FALSE when the filter does not show it. */
gboolean                wb_review_queue_select         (WbReviewQueue *self,
                                                        gint64         review_id);
WbRecord               *wb_review_queue_get_selected   (WbReviewQueue *self);
/* The page beside the list, which shows the selected review. */
WbReviewPage           *wb_review_queue_get_page       (WbReviewQueue *self);
void                    wb_review_queue_focus_filter   (WbReviewQueue *self);
/* Whether the selected review offers a decision. */
gboolean                wb_review_queue_can_decide     (WbReviewQueue *self,
                                                        WbDecisionAction action);
/* Opens the dialog of a decision on the selected review. */
WbReviewDecisionDialog *wb_review_queue_decide         (WbReviewQueue *self,
                                                        WbDecisionAction action);

G_END_DECLS
