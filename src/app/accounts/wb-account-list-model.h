/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "wb-account-row.h"

G_BEGIN_DECLS

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
  WB_N_ACCOUNT_COLUMNS
} WbAccountColumn;

#define WB_TYPE_ACCOUNT_LIST_MODEL (wb_account_list_model_get_type ())

G_DECLARE_FINAL_TYPE (WbAccountListModel, wb_account_list_model, WB, ACCOUNT_LIST_MODEL, GObject)

/* The rows of the account list: a GListStore of WbAccountRow, sorted (GtkSortListModel)
 * and then filtered by the search and one filter per column (GtkFilterListModel).
 * Properties: "n-shown", "n-loaded", "filtered". */
WbAccountListModel *wb_account_list_model_new              (void);
/* What the view shows: filtered and sorted WbAccountRow. */
GListModel         *wb_account_list_model_get_model        (WbAccountListModel *self);
guint               wb_account_list_model_get_n_loaded     (WbAccountListModel *self);
guint               wb_account_list_model_get_n_shown      (WbAccountListModel *self);
/* Adds a page of WbRecord of accounts. */
void                wb_account_list_model_append_records   (WbAccountListModel *self,
                                                            GListModel         *records);
void                wb_account_list_model_clear            (WbAccountListModel *self);
/* Puts a changed account (an item of the list or a /rule answer) in place of the row with
 * its id, or adds it. An inactive account (merged away) leaves the list. */
void                wb_account_list_model_replace_record   (WbAccountListModel *self,
                                                            WbRecord           *record);
WbAccountRow       *wb_account_list_model_find             (WbAccountListModel *self,
                                                            gint64              id);

void                wb_account_list_model_set_search       (WbAccountListModel *self,
                                                            const char         *text);
const char         *wb_account_list_model_get_search       (WbAccountListModel *self);
/* Filters; 0, NULL or -1 is "any". The owner filter is how "mine" works. */
void                wb_account_list_model_set_owner        (WbAccountListModel *self,
                                                            gint64              owner_id);
void                wb_account_list_model_set_owner_type   (WbAccountListModel *self,
                                                            int                 owner_type);
void                wb_account_list_model_set_municipality (WbAccountListModel *self,
                                                            gint64              municipality_id);
void                wb_account_list_model_set_sector       (WbAccountListModel *self,
                                                            const char         *sector);
void                wb_account_list_model_set_size_class   (WbAccountListModel *self,
                                                            int                 size_class);
void                wb_account_list_model_set_status       (WbAccountListModel *self,
                                                            int                 status);
/* -1 any, 0 not dormant, 1 dormant. */
void                wb_account_list_model_set_dormant      (WbAccountListModel *self,
                                                            int                 dormant);
void                wb_account_list_model_reset_filters    (WbAccountListModel *self);
gboolean            wb_account_list_model_get_filtered     (WbAccountListModel *self);
/* The search and filters as parameters of GET /accounts and its export, so that the
 * server's file holds what the list shows. */
GHashTable         *wb_account_list_model_dup_query        (WbAccountListModel *self);

void                wb_account_list_model_set_sorter       (WbAccountListModel *self,
                                                            GtkSorter          *sorter);
GtkSorter          *wb_account_list_model_create_sorter    (WbAccountColumn     column);

G_END_DECLS
