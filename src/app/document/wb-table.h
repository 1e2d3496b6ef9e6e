/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib-object.h>

#include "wb-export-info.h"

G_BEGIN_DECLS

/* A table of typed cells that the screen, the print and the exports read alike: a chart's
 * table, a list as printed. Numbers stay numbers and dates stay dates until they are shown
 * (wb_table_format_cell) or written (wb_table_write_csv, wb_table_write_xlsx). A hidden
 * cell (a suppressed small number) shows its mark, "." by default, and says why in its note. */

#define WB_TYPE_TABLE (wb_table_get_type ())

G_DECLARE_FINAL_TYPE (WbTable, wb_table, WB, TABLE, GObject)

typedef enum {
  WB_TABLE_COLUMN_TEXT,
  WB_TABLE_COLUMN_NUMBER,   /* with a number of decimals; a count has 0 */
  WB_TABLE_COLUMN_DATE,     /* a day: 03-12-2026 */
  WB_TABLE_COLUMN_MONTH,    /* a month, kept as its first day: jul 2025 */
} WbTableColumnType;

typedef enum {
  WB_TABLE_CELL_EMPTY,
  WB_TABLE_CELL_TEXT,
  WB_TABLE_CELL_NUMBER,
  WB_TABLE_CELL_DATE,
  WB_TABLE_CELL_HIDDEN,
} WbTableCellKind;

WbTable            *wb_table_new                (const char         *title);
const char         *wb_table_get_title          (WbTable            *self);
/* The definition, period, source and so on that exports carry (copied). */
void                wb_table_set_info           (WbTable            *self,
                                                 const WbExportInfo *info);
const WbExportInfo *wb_table_get_info           (WbTable            *self);

/* Adds a column and returns its index. @width is its share of a printed page's width,
 * relative to the other columns (0 for 1). */
guint               wb_table_add_column         (WbTable            *self,
                                                 const char         *title,
                                                 WbTableColumnType   type,
                                                 guint               decimals,
                                                 double              width);
guint               wb_table_get_n_columns      (WbTable            *self);
const char         *wb_table_get_column_title   (WbTable            *self,
                                                 guint               column);
WbTableColumnType   wb_table_get_column_type    (WbTable            *self,
                                                 guint               column);
guint               wb_table_get_column_decimals (WbTable           *self,
                                                 guint               column);
double              wb_table_get_column_width   (WbTable            *self,
                                                 guint               column);

/* Adds an empty row and returns its index. */
guint               wb_table_add_row            (WbTable            *self);
guint               wb_table_get_n_rows         (WbTable            *self);

void                wb_table_set_text           (WbTable            *self,
                                                 guint               row,
                                                 guint               column,
                                                 const char         *text);
void                wb_table_set_number         (WbTable            *self,
                                                 guint               row,
                                                 guint               column,
                                                 double              value);
void                wb_table_set_date           (WbTable            *self,
                                                 guint               row,
                                                 guint               column,
                                                 GDateYear           year,
                                                 GDateMonth          month,
                                                 GDateDay            day);
/* A suppressed figure: shown as @mark (NULL for "."), @note says why. */
void                wb_table_set_hidden         (WbTable            *self,
                                                 guint               row,
                                                 guint               column,
                                                 const char         *mark,
                                                 const char         *note);
/* A remark on any cell, for a tooltip or a spreadsheet comment. */
void                wb_table_set_note           (WbTable            *self,
                                                 guint               row,
                                                 guint               column,
                                                 const char         *note);

WbTableCellKind     wb_table_get_cell_kind      (WbTable            *self,
                                                 guint               row,
                                                 guint               column);
/* The text of a text cell, or the mark of a hidden one. */
const char         *wb_table_get_text           (WbTable            *self,
                                                 guint               row,
                                                 guint               column);
double              wb_table_get_number         (WbTable            *self,
                                                 guint               row,
                                                 guint               column);
/* FALSE when the cell holds no date. */
gboolean            wb_table_get_date           (WbTable            *self,
                                                 guint               row,
                                                 guint               column,
                                                 GDate              *date);
const char         *wb_table_get_note           (WbTable            *self,
                                                 guint               row,
                                                 guint               column);
/* The cell as people read it: "1.234", "03-12-2026", "jul 2025", "." */
char               *wb_table_format_cell        (WbTable            *self,
                                                 guint               row,
                                                 guint               column);
/* TRUE when the column's numbers line up at the right. */
gboolean            wb_table_column_is_numeric  (WbTable            *self,
                                                 guint               column);

G_END_DECLS
