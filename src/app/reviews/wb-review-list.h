/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "wb-account-rules.h"
#include "wb-list-model.h"

G_BEGIN_DECLS

/* The columns of the review queue, in the order of its column table. */
typedef enum {
  WB_REVIEW_COLUMN_KIND,
  WB_REVIEW_COLUMN_EMPLOYER,
  WB_REVIEW_COLUMN_SINCE,
  WB_REVIEW_COLUMN_KVK,          /* the export's only, as the columns after it */
  WB_REVIEW_COLUMN_EMPLOYEES,
  WB_REVIEW_COLUMN_MUNICIPALITY,
  WB_REVIEW_COLUMN_OWNER,
  WB_REVIEW_COLUMN_REASON,
  WB_REVIEW_COLUMN_SUGGESTION,
  WB_N_REVIEW_COLUMNS
} WbReviewColumn;

typedef enum {
  WB_REVIEW_FILTER_TEXT,  /* every word in the employer, KvK number, owner, reason or kind */
  WB_REVIEW_FILTER_KIND,
  WB_N_REVIEW_FILTERS
} WbReviewFilter;

#define WB_TYPE_REVIEW_LIST_MODEL (wb_review_list_model_get_type ())

G_DECLARE_FINAL_TYPE (WbReviewListModel, wb_review_list_model, WB, REVIEW_LIST_MODEL, WbListModel)

/* The review queue described as data (docs/lists.md). Its rows are the reviews themselves
 * (WbRecord of GET /reviews), oldest first. */
const WbListSpec  *wb_review_list_spec            (void);
/* The open reviews only: a decided review is no row. @session (or NULL) tells who owns an
 * account where a review does not say what the rule suggests. */
WbReviewListModel *wb_review_list_model_new       (WbSession  *session);

/* A review as the queue reads it. */
const char        *wb_review_kind_label           (const char *kind);
/* The badge's style: "error", or "warning" for what can wait. */
const char        *wb_review_kind_style           (const char *kind);
/* The review's "employer" or "related_employer", or NULL. */
JsonObject        *wb_review_get_employer         (WbRecord   *review,
                                                   const char *member);
/* Whether a user (WbRecord of GET /users) is still there: active, not past left_at. */
gboolean           wb_review_user_is_active       (WbRecord   *user);
/* Whether @organisation serves the municipality: it names it, or the municipality it. */
gboolean           wb_review_organisation_serves  (WbSession  *session,
                                                   WbRecord   *organisation,
                                                   gint64      municipality_id);
/* The day the review entered the queue, YYYY-MM-DD. */
const char        *wb_review_get_day              (WbRecord   *review);
/* That day as the interface writes dates ("1 okt. 2026" in Dutch), "?" where not known. */
char              *wb_review_dup_day_text         (WbRecord   *review);
/* The decision the rule suggests: the server's "suggested_action", or the same rule
 * applied to what the review and @session (NULL: nothing more) say of the account. */
WbAccountAction    wb_review_suggested_action     (WbRecord   *review,
                                                   WbSession  *session);
/* What a screen reader says for the review's row. */
char              *wb_review_dup_row_label        (WbRecord   *review);

G_END_DECLS
