/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "wb-client-row.h"
#include "wb-list-model.h"

G_BEGIN_DECLS

/* The columns of the client list, in the order of its column table. */
typedef enum {
  WB_CLIENT_COLUMN_NAME,
  WB_CLIENT_COLUMN_ORGANISATION,
  WB_CLIENT_COLUMN_MUNICIPALITY,
  WB_CLIENT_COLUMN_AGE,
  WB_CLIENT_COLUMN_GROUP,
  WB_CLIENT_COLUMN_PHASE,
  WB_CLIENT_COLUMN_CAPACITY,
  WB_CLIENT_COLUMN_DIAGNOSIS,
  WB_CLIENT_COLUMN_ACTIVITY,
  WB_N_CLIENT_COLUMNS
} WbClientColumn;

/* Its filters, in the order of its filter table. */
typedef enum {
  WB_CLIENT_FILTER_ORGANISATION,
  WB_CLIENT_FILTER_MUNICIPALITY,
  WB_CLIENT_FILTER_AGE,
  WB_CLIENT_FILTER_GROUP,
  WB_CLIENT_FILTER_PHASE,
  WB_CLIENT_FILTER_CAPACITY,
  WB_CLIENT_FILTER_DIAGNOSIS,
  WB_CLIENT_FILTER_ACTIVITY,
  WB_CLIENT_FILTER_SCOPE,      /* shown first: mine, my organisation's, all */
  WB_N_CLIENT_FILTERS
} WbClientFilter;

/* Buckets of days since the last activity, for the activity filter. */
typedef enum {
  WB_ACTIVITY_ANY,
  WB_ACTIVITY_MONTH,    /* 0-30 days */
  WB_ACTIVITY_QUARTER,  /* 31-90 */
  WB_ACTIVITY_YEAR,     /* 91-365 */
  WB_ACTIVITY_OLDER,    /* more than a year, or never */
} WbActivityBucket;

#define WB_TYPE_CLIENT_LIST_MODEL (wb_client_list_model_get_type ())

G_DECLARE_FINAL_TYPE (WbClientListModel, wb_client_list_model, WB, CLIENT_LIST_MODEL, WbListModel)

/* The client list described as data: its columns and filters (docs/lists.md). */
const WbListSpec  *wb_client_list_spec                   (void);

/* The rows of the client list (WbClientRow), itself the GListModel the view shows. Rows
 * carry names looked up in @session. */
WbClientListModel *wb_client_list_model_new              (WbSession          *session);
void               wb_client_list_model_set_today        (WbClientListModel  *self,
                                                          guint32             julian);

/* The list machinery's calls, typed for the client list. Filters: 0, NULL or -1 is "any". */
#define wb_client_list_model_get_model(self)        G_LIST_MODEL (self)
#define wb_client_list_model_get_n_loaded(self)     wb_list_model_get_n_loaded (WB_LIST_MODEL (self))
#define wb_client_list_model_get_n_shown(self)      wb_list_model_get_n_shown (WB_LIST_MODEL (self))
#define wb_client_list_model_append_records(self, records) \
  wb_list_model_append_records (WB_LIST_MODEL (self), (records))
#define wb_client_list_model_clear(self)            wb_list_model_clear (WB_LIST_MODEL (self))
#define wb_client_list_model_replace_record(self, record) \
  wb_list_model_replace_record (WB_LIST_MODEL (self), (record), FALSE)
#define wb_client_list_model_find(self, id)         ((WbClientRow *) wb_list_model_find (WB_LIST_MODEL (self), (id)))
#define wb_client_list_model_set_search(self, text) wb_list_model_set_search (WB_LIST_MODEL (self), (text))
#define wb_client_list_model_get_search(self)       wb_list_model_get_search (WB_LIST_MODEL (self))
#define wb_client_list_model_reset_filters(self)    wb_list_model_reset_filters (WB_LIST_MODEL (self))
#define wb_client_list_model_get_filtered(self)     wb_list_model_get_filtered (WB_LIST_MODEL (self))
#define wb_client_list_model_set_sorter(self, sorter) wb_list_model_set_sorter (WB_LIST_MODEL (self), (sorter))
#define wb_client_list_model_create_sorter(column)  wb_list_spec_create_sorter (wb_client_list_spec (), (column))

#define wb_client_list_model_set_organisation(self, id) \
  wb_list_model_set_filter_number (WB_LIST_MODEL (self), WB_CLIENT_FILTER_ORGANISATION, (id), (id) == 0)
#define wb_client_list_model_set_municipality(self, id) \
  wb_list_model_set_filter_number (WB_LIST_MODEL (self), WB_CLIENT_FILTER_MUNICIPALITY, (id), (id) == 0)
#define wb_client_list_model_set_age_band(self, band) \
  wb_list_model_set_filter (WB_LIST_MODEL (self), WB_CLIENT_FILTER_AGE, (band))
#define wb_client_list_model_set_client_group(self, group) \
  wb_list_model_set_filter (WB_LIST_MODEL (self), WB_CLIENT_FILTER_GROUP, (group))
#define wb_client_list_model_set_phase(self, phase) \
  wb_list_model_set_filter (WB_LIST_MODEL (self), WB_CLIENT_FILTER_PHASE, (phase))
#define wb_client_list_model_set_capacity_band(self, band) \
  wb_list_model_set_filter (WB_LIST_MODEL (self), WB_CLIENT_FILTER_CAPACITY, (band))
#define wb_client_list_model_set_diagnosis(self, status) \
  wb_list_model_set_filter_number (WB_LIST_MODEL (self), WB_CLIENT_FILTER_DIAGNOSIS, (status), (status) < 0)
#define wb_client_list_model_set_activity(self, bucket) \
  wb_list_model_set_filter_number (WB_LIST_MODEL (self), WB_CLIENT_FILTER_ACTIVITY, (bucket), \
                                   (bucket) == WB_ACTIVITY_ANY)

G_END_DECLS
