/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "wb-list-model.h"
#include "wb-vacancy-row.h"

G_BEGIN_DECLS

/* The columns of the vacancy list, in the order of its column table. */
typedef enum {
  WB_VACANCY_COLUMN_TITLE,
  WB_VACANCY_COLUMN_EMPLOYER,
  WB_VACANCY_COLUMN_STATUS,
  WB_VACANCY_COLUMN_CLOSES,
  WB_VACANCY_COLUMN_SECTOR,
  WB_VACANCY_COLUMN_MUNICIPALITY,
  WB_VACANCY_COLUMN_REGION,
  WB_VACANCY_COLUMN_HOURS,
  WB_VACANCY_COLUMN_CONTRACT,
  WB_VACANCY_COLUMN_POSITIONS,
  WB_VACANCY_COLUMN_JOB_CARVING,
  WB_VACANCY_COLUMN_SUBSIDY,
  WB_VACANCY_COLUMN_OPENED,
  WB_N_VACANCY_COLUMNS
} WbVacancyColumn;

/* Its filters, in the order of its filter table: one per column, and "ours". */
typedef enum {
  WB_VACANCY_FILTER_OURS,
  WB_VACANCY_FILTER_STATUS,
  WB_VACANCY_FILTER_SECTOR,
  WB_VACANCY_FILTER_REGION,
  WB_VACANCY_FILTER_MUNICIPALITY,
  WB_VACANCY_FILTER_EMPLOYER,
  WB_VACANCY_FILTER_HOURS,
  WB_VACANCY_FILTER_CONTRACT,
  WB_VACANCY_FILTER_JOB_CARVING,
  WB_VACANCY_FILTER_SUBSIDY,
  WB_VACANCY_FILTER_CLOSING,
  WB_N_VACANCY_FILTERS
} WbVacancyFilter;

/* The sector filter's value for "an opportunity sector of the vacancy's own region". */
#define WB_VACANCY_OPPORTUNITY "opportunity"

#define WB_TYPE_VACANCY_LIST_MODEL (wb_vacancy_list_model_get_type ())

G_DECLARE_FINAL_TYPE (WbVacancyListModel, wb_vacancy_list_model, WB, VACANCY_LIST_MODEL, WbListModel)

/* The vacancy list described as data (docs/lists.md). */
const WbListSpec   *wb_vacancy_list_spec              (void);

/* The rows of the vacancy list (WbVacancyRow); municipalities are named from @session. */
WbVacancyListModel *wb_vacancy_list_model_new         (WbSession          *session);
void                wb_vacancy_list_model_set_today   (WbVacancyListModel *self,
                                                       guint32             julian);

G_END_DECLS
