/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "wb-table.h"

G_BEGIN_DECLS

/* A WbTable in a GtkColumnView: a column per table column, numbers at the right, each cell
 * read out with its column's title ("Value: 95"), a hidden cell as its mark with the reason
 * in its tooltip and spoken name, and the table's footnote below. For the figures of a
 * chart (WbChartView) and any other small table; long lists have their own machinery. */

#define WB_TYPE_TABLE_VIEW (wb_table_view_get_type ())

G_DECLARE_FINAL_TYPE (WbTableView, wb_table_view, WB, TABLE_VIEW, GtkWidget)

GtkWidget     *wb_table_view_new             (void);
WbTable       *wb_table_view_get_table       (WbTableView *self);
void           wb_table_view_set_table       (WbTableView *self,
                                              WbTable     *table);
GtkColumnView *wb_table_view_get_column_view (WbTableView *self);
/* Whether the table's footnote shows below it (it does, unless its page says it already). */
void           wb_table_view_set_show_footnote (WbTableView *self,
                                              gboolean     show);

G_END_DECLS
