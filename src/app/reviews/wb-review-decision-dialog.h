/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "wb-session.h"

G_BEGIN_DECLS

/* What a coordinator can decide on a review (docs/accounts-api.md). */
typedef enum {
  WB_DECISION_APPROVE_EXCEPTION,
  WB_DECISION_TRANSFER_TO_WSP,
  WB_DECISION_ASSIGN_OWNER,
  WB_DECISION_MERGE_DUPLICATES,
  WB_DECISION_DISMISS,
  WB_N_DECISIONS
} WbDecisionAction;

const char *wb_decision_action_to_string (WbDecisionAction action);
/* Whether @action fits @review (a WbRecord of GET /reviews): an exception only for a local
 * owner of 25 or more, a merge only for a duplicate, a new owner for anything but that.
 * @session says who the owner is. */
gboolean    wb_review_can_decide         (WbRecord         *review,
                                          WbSession        *session,
                                          WbDecisionAction  action);

#define WB_TYPE_REVIEW_DECISION_DIALOG (wb_review_decision_dialog_get_type ())

G_DECLARE_FINAL_TYPE (WbReviewDecisionDialog, wb_review_decision_dialog, WB, REVIEW_DECISION_DIALOG, AdwWindow)

/* Asks for what one decision needs (always a reason; the account manager who takes the
 * account over; the employer that stays) and sends it with the review's version. The
 * dialog stays open with what was typed when the server refuses, and says why. Emits
 * "decided" with the decided review, then closes; "stale" when someone else decided
 * meanwhile, so that the queue reads itself again. */
WbReviewDecisionDialog *wb_review_decision_dialog_new        (WbSession              *session,
                                                              WbRecord               *review,
                                                              WbDecisionAction        action);
WbDecisionAction        wb_review_decision_dialog_get_action (WbReviewDecisionDialog *self);
/* For tests and scripts: what the fields hold, and sending it. */
void                    wb_review_decision_dialog_set_reason (WbReviewDecisionDialog *self,
                                                              const char             *reason);
/* Chooses the new owner, or the employer that stays, by its id; FALSE when it is not
 * among the choices. */
gboolean                wb_review_decision_dialog_choose     (WbReviewDecisionDialog *self,
                                                              gint64                  id);
/* The id chosen now (the new owner, or the employer that stays), or 0. */
gint64                  wb_review_decision_dialog_get_chosen (WbReviewDecisionDialog *self);
/* The ids the choice offers, in order (owners, or the two employers of a duplicate). */
GArray                 *wb_review_decision_dialog_dup_choices (WbReviewDecisionDialog *self);
void                    wb_review_decision_dialog_submit     (WbReviewDecisionDialog *self);
/* The message shown after a refusal, or NULL. */
const char             *wb_review_decision_dialog_get_message (WbReviewDecisionDialog *self);

/* Who may take the account of @review over by its rule (wb_account_successor_fit), as
 * WbRecord of users: for a transfer the WSP of the employer's subregion (then a region-wide
 * WSP), for an assignment the kind the size asks for (a local account manager of the
 * employer's municipality below 25); the best fit first, then by name; never the current
 * owner. @fit is FALSE when the rule names nobody the session knows: then it is every
 * account manager of the kind the decision asks for, as wb_review_owner_candidates. */
GListModel             *wb_review_successors                 (WbSession              *session,
                                                              WbRecord               *review,
                                                              WbDecisionAction        action,
                                                              gboolean               *fit);
/* The active account managers a review may go to: of a WSP for a transfer, of either kind
 * for an assignment, as WbRecord of users, by name. */
GListModel             *wb_review_owner_candidates           (WbSession              *session,
                                                              gboolean                wsp_only);

G_END_DECLS
