/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "wb-list-model.h"

G_BEGIN_DECLS

typedef enum {
  WB_ARRANGEMENT_COLUMN_DATE,
  WB_ARRANGEMENT_COLUMN_EMPLOYER,
  WB_ARRANGEMENT_COLUMN_CHANGE,
  WB_ARRANGEMENT_COLUMN_TEXT,
  WB_ARRANGEMENT_COLUMN_MARKED_BY,
  WB_ARRANGEMENT_COLUMN_MUNICIPALITY,
  WB_ARRANGEMENT_COLUMN_KVK,            /* the export's only, as the columns after it */
  WB_ARRANGEMENT_COLUMN_EMPLOYEES,
  WB_ARRANGEMENT_COLUMN_REGION,
  WB_ARRANGEMENT_COLUMN_QUARTER,
  WB_ARRANGEMENT_COLUMN_NOTIFIED,
  WB_N_ARRANGEMENT_COLUMNS
} WbArrangementColumn;

typedef enum {
  WB_ARRANGEMENT_FILTER_QUARTER,
  WB_ARRANGEMENT_FILTER_REGION,
  WB_N_ARRANGEMENT_FILTERS
} WbArrangementFilter;

#define WB_TYPE_ARRANGEMENT_LIST_MODEL (wb_arrangement_list_model_get_type ())

G_DECLARE_FINAL_TYPE (WbArrangementListModel, wb_arrangement_list_model, WB, ARRANGEMENT_LIST_MODEL, WbListModel)

/* The potential arrangements reported to the WSP (GET /arrangements) as a list: the rows are
 * the reports themselves (WbRecord, each with its employer), newest first, filtered by
 * quarter and subregion. */
const WbListSpec       *wb_arrangement_list_spec       (void);
WbArrangementListModel *wb_arrangement_list_model_new  (void);

G_END_DECLS
