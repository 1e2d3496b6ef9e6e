/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "wb-list-view.h"

G_BEGIN_DECLS

typedef enum {
  WB_AUDIT_COLUMN_AT,
  WB_AUDIT_COLUMN_USER,
  WB_AUDIT_COLUMN_ORGANISATION,
  WB_AUDIT_COLUMN_ACTION,
  WB_AUDIT_COLUMN_RECORD,
  WB_AUDIT_COLUMN_REASON,
  WB_N_AUDIT_COLUMNS
} WbAuditColumn;

typedef enum {
  WB_AUDIT_FILTER_CLIENT,
  WB_AUDIT_FILTER_USER,
  WB_AUDIT_FILTER_ORGANISATION,
  WB_AUDIT_FILTER_PERIOD,
  WB_AUDIT_FILTER_ACTION,
  WB_N_AUDIT_FILTERS
} WbAuditFilter;

#define WB_TYPE_AUDIT_LIST_MODEL (wb_audit_list_model_get_type ())

G_DECLARE_FINAL_TYPE (WbAuditListModel, wb_audit_list_model, WB, AUDIT_LIST_MODEL, WbListModel)

/* The audit trail as data (docs/lists.md): rows of GET /audit/trail, newest first. */
const WbListSpec *wb_audit_list_spec      (void);
WbAuditListModel *wb_audit_list_model_new (void);
/* What an audit row's action means, in words. */
const char       *wb_audit_action_label   (const char *action);

#define WB_TYPE_AUDIT_VIEW (wb_audit_view_get_type ())

G_DECLARE_FINAL_TYPE (WbAuditView, wb_audit_view, WB, AUDIT_VIEW, WbListView)

/* The privacy officer's audit viewer: who read or changed which client's record, when and
 * why, filtered by client, user, organisation and period, and exported for a client's
 * request (Ctrl+E). The server audits every reading of it. */
WbAuditView *wb_audit_view_new         (void);
void         wb_audit_view_set_session (WbAuditView *self,
                                        WbSession   *session);

G_END_DECLS
