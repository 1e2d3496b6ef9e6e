/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "wb-list-spec.h"

G_BEGIN_DECLS

#define WB_TYPE_LIST_MODEL (wb_list_model_get_type ())

G_DECLARE_DERIVABLE_TYPE (WbListModel, wb_list_model, WB, LIST_MODEL, GObject)

struct _WbListModelClass
{
  GObjectClass parent_class;

  /* The row for a record (transfer full), or NULL to leave the record out. */
  gpointer (*make_row) (WbListModel *self,
                        WbRecord    *record);

  gpointer padding[8];
};

/* The rows of a list, itself the GListModel a view shows: every loaded row, filtered by
 * the search and the spec's filters, in the order of the sorter. A subclass gives the
 * spec (wb_list_model_set_spec, once, in its init) and make_row.
 *
 * It filters and sorts plain arrays instead of stacking a GtkFilterListModel on a
 * GtkSortListModel on a GListStore: a keystroke of search as you type then costs one pass
 * of strstr over a C array, not a get_item, a ref and two virtual calls per row; typing on
 * looks only at the rows shown. Properties: "n-shown", "n-loaded", "filtered". */
void               wb_list_model_set_spec        (WbListModel       *self,
                                                  const WbListSpec  *spec);
const WbListSpec  *wb_list_model_get_spec        (WbListModel       *self);

guint              wb_list_model_get_n_loaded    (WbListModel       *self);
guint              wb_list_model_get_n_shown     (WbListModel       *self);
/* Adds a page of WbRecord; a record whose id is there already is skipped. */
void               wb_list_model_append_records  (WbListModel       *self,
                                                  GListModel        *records);
void               wb_list_model_clear           (WbListModel       *self);
/* Puts a changed record in place of the row with its id; with @add, adds it when there is
 * none. A record for which make_row gives NULL takes its row out of the list. */
void               wb_list_model_replace_record  (WbListModel       *self,
                                                  WbRecord          *record,
                                                  gboolean           add);
/* Takes the row with @id out of the list, if there is one. */
void               wb_list_model_remove          (WbListModel       *self,
                                                  gint64             id);
/* The row with @id, or NULL (transfer none). */
gpointer           wb_list_model_find            (WbListModel       *self,
                                                  gint64             id);

void               wb_list_model_set_search      (WbListModel       *self,
                                                  const char        *text);
/* The search as typed (stripped), or NULL. */
const char        *wb_list_model_get_search      (WbListModel       *self);
/* Sets the filter at @index (of the spec's table) to @value; NULL or "" is "any". */
void               wb_list_model_set_filter      (WbListModel       *self,
                                                  guint              index,
                                                  const char        *value);
/* The same with a number; @any gives "any". */
void               wb_list_model_set_filter_number (WbListModel     *self,
                                                  guint              index,
                                                  gint64             number,
                                                  gboolean           any);
const WbListFilterValue *wb_list_model_get_filter (WbListModel      *self,
                                                  guint              index);
void               wb_list_model_reset_filters   (WbListModel       *self);
gboolean           wb_list_model_get_filtered    (WbListModel       *self);
/* The search and filters as parameters of the server's list: parameter -> value. */
GHashTable        *wb_list_model_dup_query       (WbListModel       *self);

/* The signed-in user, whose rows a SCOPE filter's "mine" and "ours" are. */
void               wb_list_model_set_session     (WbListModel       *self,
                                                  WbSession         *session);
/* Sets the SCOPE filter at @index; WB_LIST_SCOPE_ALL is no filter. */
void               wb_list_model_set_scope       (WbListModel       *self,
                                                  guint              index,
                                                  WbListScope        scope);
WbListScope        wb_list_model_get_scope       (WbListModel       *self,
                                                  guint              index);
/* How many loaded rows the SCOPE filter at @index shows with @scope, the other filters and
 * the search aside. */
guint              wb_list_model_count_scope     (WbListModel       *self,
                                                  guint              index,
                                                  WbListScope        scope);
/* Fills @counts with how many loaded rows the search and the other filters leave in each
 * scope of the SCOPE filter at @index, in one pass: what a wider scope would show. */
void               wb_list_model_count_in_scopes (WbListModel       *self,
                                                  guint              index,
                                                  guint              counts[WB_N_LIST_SCOPES]);
/* Whether a search or a filter other than a scope narrows the list: what "Clear Filters"
 * takes away. */
gboolean           wb_list_model_get_narrowed    (WbListModel       *self);

/* The sorter of the list: the column view's sorter, or one made with create_sorter. The
 * list follows its changes. */
void               wb_list_model_set_sorter      (WbListModel       *self,
                                                  GtkSorter         *sorter);
/* A sorter by the column at @index of @spec, the natural order breaking ties. */
GtkSorter         *wb_list_spec_create_sorter    (const WbListSpec  *spec,
                                                  guint              index);

G_END_DECLS
