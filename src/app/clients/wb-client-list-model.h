/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "wb-client-row.h"

G_BEGIN_DECLS

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

/* Buckets of days since the last activity, for the activity filter. */
typedef enum {
  WB_ACTIVITY_ANY,
  WB_ACTIVITY_MONTH,    /* 0-30 days */
  WB_ACTIVITY_QUARTER,  /* 31-90 */
  WB_ACTIVITY_YEAR,     /* 91-365 */
  WB_ACTIVITY_OLDER,    /* more than a year, or never */
} WbActivityBucket;

#define WB_TYPE_CLIENT_LIST_MODEL (wb_client_list_model_get_type ())

G_DECLARE_FINAL_TYPE (WbClientListModel, wb_client_list_model, WB, CLIENT_LIST_MODEL, GObject)

/* The rows of the client list, itself the GListModel the view shows: every loaded
 * WbClientRow, filtered by the search text and one filter per column, in the order of
 * the sorter. */
WbClientListModel *wb_client_list_model_new              (WbSession          *session);
/* The model the view shows: filtered and sorted WbClientRow (the model itself). */
GListModel        *wb_client_list_model_get_model        (WbClientListModel  *self);
guint              wb_client_list_model_get_n_loaded     (WbClientListModel  *self);
guint              wb_client_list_model_get_n_shown      (WbClientListModel  *self);
void               wb_client_list_model_set_today        (WbClientListModel  *self,
                                                          guint32             julian);
/* Adds a page of WbRecord of clients. */
void               wb_client_list_model_append_records   (WbClientListModel  *self,
                                                          GListModel         *records);
void               wb_client_list_model_clear            (WbClientListModel  *self);
/* Puts a changed record in place of the row with its id. */
void               wb_client_list_model_replace_record   (WbClientListModel  *self,
                                                          WbRecord           *record);
WbClientRow       *wb_client_list_model_find             (WbClientListModel  *self,
                                                          gint64              id);

void               wb_client_list_model_set_search       (WbClientListModel  *self,
                                                          const char         *text);
const char        *wb_client_list_model_get_search       (WbClientListModel  *self);
/* Filters: 0 or NULL or -1 is "any". */
void               wb_client_list_model_set_organisation (WbClientListModel  *self,
                                                          gint64              id);
void               wb_client_list_model_set_municipality (WbClientListModel  *self,
                                                          gint64              id);
void               wb_client_list_model_set_age_band     (WbClientListModel  *self,
                                                          const char         *band);
void               wb_client_list_model_set_client_group (WbClientListModel  *self,
                                                          const char         *group);
void               wb_client_list_model_set_phase        (WbClientListModel  *self,
                                                          const char         *phase);
void               wb_client_list_model_set_capacity_band (WbClientListModel *self,
                                                          const char         *band);
void               wb_client_list_model_set_diagnosis    (WbClientListModel  *self,
                                                          int                 status);
void               wb_client_list_model_set_activity     (WbClientListModel  *self,
                                                          WbActivityBucket    bucket);
void               wb_client_list_model_reset_filters    (WbClientListModel  *self);
gboolean           wb_client_list_model_get_filtered     (WbClientListModel  *self);

/* The sorter of the list: the column view's sorter, or one made with create_sorter. The
 * list follows its changes. */
void               wb_client_list_model_set_sorter       (WbClientListModel  *self,
                                                          GtkSorter          *sorter);
GtkSorter         *wb_client_list_model_create_sorter    (WbClientColumn      column);

G_END_DECLS
