/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "wb-account-row.h"
#include "wb-list-model.h"

G_BEGIN_DECLS

/* The columns of the account list, in the order of its column table. */
typedef enum {
  WB_ACCOUNT_COLUMN_NAME,
  WB_ACCOUNT_COLUMN_KVK,
  WB_ACCOUNT_COLUMN_SECTOR,
  WB_ACCOUNT_COLUMN_SIZE,
  WB_ACCOUNT_COLUMN_MUNICIPALITY,
  WB_ACCOUNT_COLUMN_OWNER,
  WB_ACCOUNT_COLUMN_OWNER_TYPE,
  WB_ACCOUNT_COLUMN_STATUS,
  WB_ACCOUNT_COLUMN_LAST_CONTACT,
  WB_ACCOUNT_COLUMN_VACANCIES,
  WB_ACCOUNT_COLUMN_OWNER_ORGANISATION,  /* in the export only */
  WB_ACCOUNT_COLUMN_DORMANT,             /* in the export only */
  WB_N_ACCOUNT_COLUMNS
} WbAccountColumn;

/* Its filters, in the order of its filter table; the owner filter is how "mine" works. */
typedef enum {
  WB_ACCOUNT_FILTER_OWNER,
  WB_ACCOUNT_FILTER_OWNER_TYPE,
  WB_ACCOUNT_FILTER_MUNICIPALITY,
  WB_ACCOUNT_FILTER_SECTOR,
  WB_ACCOUNT_FILTER_SIZE,
  WB_ACCOUNT_FILTER_STATUS,
  WB_ACCOUNT_FILTER_DORMANT,
  WB_ACCOUNT_FILTER_SCOPE,     /* shown first: mine, my organisation's, all */
  WB_N_ACCOUNT_FILTERS
} WbAccountFilter;

#define WB_TYPE_ACCOUNT_LIST_MODEL (wb_account_list_model_get_type ())

G_DECLARE_FINAL_TYPE (WbAccountListModel, wb_account_list_model, WB, ACCOUNT_LIST_MODEL, WbListModel)

/* The account list described as data: its columns and filters (docs/lists.md). */
const WbListSpec   *wb_account_list_spec                    (void);

/* The rows of the account list (WbAccountRow, of the items of GET /accounts or of
 * GET /employers/{id}/rule), itself the GListModel the view shows. An inactive account
 * (merged away) is no row. */
WbAccountListModel *wb_account_list_model_new               (void);

/* The list machinery's calls, typed for the account list. Filters: 0, NULL or -1 is "any". */
#define wb_account_list_model_get_model(self)        G_LIST_MODEL (self)
#define wb_account_list_model_get_n_loaded(self)     wb_list_model_get_n_loaded (WB_LIST_MODEL (self))
#define wb_account_list_model_get_n_shown(self)      wb_list_model_get_n_shown (WB_LIST_MODEL (self))
#define wb_account_list_model_append_records(self, records) \
  wb_list_model_append_records (WB_LIST_MODEL (self), (records))
#define wb_account_list_model_clear(self)            wb_list_model_clear (WB_LIST_MODEL (self))
/* Puts a changed account in place of the row with its id, or adds it. */
#define wb_account_list_model_replace_record(self, record) \
  wb_list_model_replace_record (WB_LIST_MODEL (self), (record), TRUE)
#define wb_account_list_model_find(self, id)         ((WbAccountRow *) wb_list_model_find (WB_LIST_MODEL (self), (id)))
#define wb_account_list_model_set_search(self, text) wb_list_model_set_search (WB_LIST_MODEL (self), (text))
#define wb_account_list_model_get_search(self)       wb_list_model_get_search (WB_LIST_MODEL (self))
#define wb_account_list_model_reset_filters(self)    wb_list_model_reset_filters (WB_LIST_MODEL (self))
#define wb_account_list_model_get_filtered(self)     wb_list_model_get_filtered (WB_LIST_MODEL (self))
/* The search and filters as parameters of GET /accounts and its export, so that the
 * server's file holds what the list shows. */
#define wb_account_list_model_dup_query(self)        wb_list_model_dup_query (WB_LIST_MODEL (self))
#define wb_account_list_model_set_sorter(self, sorter) wb_list_model_set_sorter (WB_LIST_MODEL (self), (sorter))
#define wb_account_list_model_create_sorter(column)  wb_list_spec_create_sorter (wb_account_list_spec (), (column))

#define WB_ACCOUNT_LIST_SET_INT(self, filter, value, n) \
  wb_list_model_set_filter_number (WB_LIST_MODEL (self), (filter), (value), (value) < 0 || (value) >= (n))
#define wb_account_list_model_set_owner(self, owner_id) \
  wb_list_model_set_filter_number (WB_LIST_MODEL (self), WB_ACCOUNT_FILTER_OWNER, (owner_id), (owner_id) <= 0)
#define wb_account_list_model_set_municipality(self, id) \
  wb_list_model_set_filter_number (WB_LIST_MODEL (self), WB_ACCOUNT_FILTER_MUNICIPALITY, (id), (id) <= 0)
#define wb_account_list_model_set_sector(self, sector) \
  wb_list_model_set_filter (WB_LIST_MODEL (self), WB_ACCOUNT_FILTER_SECTOR, (sector))
#define wb_account_list_model_set_owner_type(self, type) \
  WB_ACCOUNT_LIST_SET_INT (self, WB_ACCOUNT_FILTER_OWNER_TYPE, type, WB_N_OWNER_TYPES)
#define wb_account_list_model_set_size_class(self, size) \
  WB_ACCOUNT_LIST_SET_INT (self, WB_ACCOUNT_FILTER_SIZE, size, WB_N_ACCOUNT_SIZES)
#define wb_account_list_model_set_status(self, status) \
  WB_ACCOUNT_LIST_SET_INT (self, WB_ACCOUNT_FILTER_STATUS, status, WB_N_ACCOUNT_STATUSES)
/* -1 any, 0 not dormant, 1 dormant. */
#define wb_account_list_model_set_dormant(self, dormant) \
  wb_list_model_set_filter_number (WB_LIST_MODEL (self), WB_ACCOUNT_FILTER_DORMANT, (dormant) != 0, (dormant) < 0)

G_END_DECLS
