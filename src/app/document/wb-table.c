/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-table"

#include "config.h"

#include "wb-format.h"
#include "wb-table.h"

typedef struct {
  char *title;
  WbTableColumnType type;
  guint decimals;
  double width;
} Column;

typedef struct {
  WbTableCellKind kind;
  double number;
  GDate date;
  char *text;
  char *note;
} Cell;

struct _WbTable
{
  GObject parent_instance;

  char *title;
  WbExportInfo *info;
  GArray *columns;   /* Column */
  GPtrArray *rows;   /* Cell[n_columns] */
};

G_DEFINE_FINAL_TYPE (WbTable, wb_table, G_TYPE_OBJECT)

static void
clear_column (gpointer data)
{
  Column *column = data;

  g_free (column->title);
}

static void
clear_cell (Cell *cell)
{
  g_clear_pointer (&cell->text, g_free);
  g_clear_pointer (&cell->note, g_free);
}

static Cell *
get_cell (WbTable *self,
          guint    row,
          guint    column)
{
  g_return_val_if_fail (row < self->rows->len, NULL);
  g_return_val_if_fail (column < self->columns->len, NULL);

  return &((Cell *) self->rows->pdata[row])[column];
}

static void
wb_table_finalize (GObject *object)
{
  WbTable *self = (WbTable *) object;

  for (guint r = 0; r < self->rows->len; r++)
    {
      Cell *cells = self->rows->pdata[r];

      for (guint c = 0; c < self->columns->len; c++)
        clear_cell (&cells[c]);
      g_free (cells);
    }
  g_ptr_array_unref (self->rows);
  g_array_unref (self->columns);
  g_clear_pointer (&self->info, wb_export_info_free);
  g_free (self->title);

  G_OBJECT_CLASS (wb_table_parent_class)->finalize (object);
}

static void
wb_table_class_init (WbTableClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wb_table_finalize;
}

static void
wb_table_init (WbTable *self)
{
  self->columns = g_array_new (FALSE, TRUE, sizeof (Column));
  g_array_set_clear_func (self->columns, clear_column);
  self->rows = g_ptr_array_new ();
  self->info = wb_export_info_new ();
}

WbTable *
wb_table_new (const char *title)
{
  WbTable *self = g_object_new (WB_TYPE_TABLE, NULL);

  self->title = g_strdup (title != NULL ? title : "");
  return self;
}

const char *
wb_table_get_title (WbTable *self)
{
  g_return_val_if_fail (WB_IS_TABLE (self), NULL);
  return self->title;
}

void
wb_table_set_info (WbTable            *self,
                   const WbExportInfo *info)
{
  g_return_if_fail (WB_IS_TABLE (self));
  g_return_if_fail (info != NULL);

  g_clear_pointer (&self->info, wb_export_info_free);
  self->info = wb_export_info_copy (info);
}

const WbExportInfo *
wb_table_get_info (WbTable *self)
{
  g_return_val_if_fail (WB_IS_TABLE (self), NULL);
  return self->info;
}

guint
wb_table_add_column (WbTable           *self,
                     const char        *title,
                     WbTableColumnType  type,
                     guint              decimals,
                     double             width)
{
  Column column = { g_strdup (title != NULL ? title : ""), type, decimals, width > 0 ? width : 1 };

  g_return_val_if_fail (WB_IS_TABLE (self), 0);
  /* Cells are allocated per row at the width of the table. */
  g_return_val_if_fail (self->rows->len == 0, 0);

  g_array_append_val (self->columns, column);
  return self->columns->len - 1;
}

guint
wb_table_get_n_columns (WbTable *self)
{
  g_return_val_if_fail (WB_IS_TABLE (self), 0);
  return self->columns->len;
}

#define COLUMN(self, i) (&g_array_index ((self)->columns, Column, (i)))

const char *
wb_table_get_column_title (WbTable *self,
                           guint    column)
{
  g_return_val_if_fail (WB_IS_TABLE (self), NULL);
  g_return_val_if_fail (column < self->columns->len, NULL);
  return COLUMN (self, column)->title;
}

WbTableColumnType
wb_table_get_column_type (WbTable *self,
                          guint    column)
{
  g_return_val_if_fail (WB_IS_TABLE (self), WB_TABLE_COLUMN_TEXT);
  g_return_val_if_fail (column < self->columns->len, WB_TABLE_COLUMN_TEXT);
  return COLUMN (self, column)->type;
}

guint
wb_table_get_column_decimals (WbTable *self,
                              guint    column)
{
  g_return_val_if_fail (WB_IS_TABLE (self), 0);
  g_return_val_if_fail (column < self->columns->len, 0);
  return COLUMN (self, column)->decimals;
}

double
wb_table_get_column_width (WbTable *self,
                           guint    column)
{
  g_return_val_if_fail (WB_IS_TABLE (self), 1);
  g_return_val_if_fail (column < self->columns->len, 1);
  return COLUMN (self, column)->width;
}

gboolean
wb_table_column_is_numeric (WbTable *self,
                            guint    column)
{
  return wb_table_get_column_type (self, column) == WB_TABLE_COLUMN_NUMBER;
}

guint
wb_table_add_row (WbTable *self)
{
  g_return_val_if_fail (WB_IS_TABLE (self), 0);

  g_ptr_array_add (self->rows, g_new0 (Cell, MAX (self->columns->len, 1)));
  return self->rows->len - 1;
}

guint
wb_table_get_n_rows (WbTable *self)
{
  g_return_val_if_fail (WB_IS_TABLE (self), 0);
  return self->rows->len;
}

static Cell *
reset_cell (WbTable         *self,
            guint            row,
            guint            column,
            WbTableCellKind  kind)
{
  Cell *cell = get_cell (self, row, column);

  if (cell == NULL)
    return NULL;
  g_clear_pointer (&cell->text, g_free);
  cell->kind = kind;
  cell->number = 0;
  g_date_clear (&cell->date, 1);
  return cell;
}

void
wb_table_set_text (WbTable    *self,
                   guint       row,
                   guint       column,
                   const char *text)
{
  Cell *cell;

  g_return_if_fail (WB_IS_TABLE (self));

  cell = reset_cell (self, row, column, text != NULL ? WB_TABLE_CELL_TEXT : WB_TABLE_CELL_EMPTY);
  if (cell != NULL)
    cell->text = g_strdup (text);
}

void
wb_table_set_number (WbTable *self,
                     guint    row,
                     guint    column,
                     double   value)
{
  Cell *cell;

  g_return_if_fail (WB_IS_TABLE (self));

  cell = reset_cell (self, row, column, WB_TABLE_CELL_NUMBER);
  if (cell != NULL)
    cell->number = value;
}

void
wb_table_set_date (WbTable    *self,
                   guint       row,
                   guint       column,
                   GDateYear   year,
                   GDateMonth  month,
                   GDateDay    day)
{
  Cell *cell;

  g_return_if_fail (WB_IS_TABLE (self));
  g_return_if_fail (g_date_valid_dmy (day, month, year));

  cell = reset_cell (self, row, column, WB_TABLE_CELL_DATE);
  if (cell != NULL)
    g_date_set_dmy (&cell->date, day, month, year);
}

void
wb_table_set_hidden (WbTable    *self,
                     guint       row,
                     guint       column,
                     const char *mark,
                     const char *note)
{
  Cell *cell;

  g_return_if_fail (WB_IS_TABLE (self));

  cell = reset_cell (self, row, column, WB_TABLE_CELL_HIDDEN);
  if (cell == NULL)
    return;
  cell->text = g_strdup (mark != NULL ? mark : ".");
  g_free (cell->note);
  cell->note = g_strdup (note);
}

void
wb_table_set_note (WbTable    *self,
                   guint       row,
                   guint       column,
                   const char *note)
{
  Cell *cell;

  g_return_if_fail (WB_IS_TABLE (self));

  cell = get_cell (self, row, column);
  if (cell == NULL)
    return;
  g_free (cell->note);
  cell->note = g_strdup (note);
}

WbTableCellKind
wb_table_get_cell_kind (WbTable *self,
                        guint    row,
                        guint    column)
{
  Cell *cell;

  g_return_val_if_fail (WB_IS_TABLE (self), WB_TABLE_CELL_EMPTY);

  cell = get_cell (self, row, column);
  return cell != NULL ? cell->kind : WB_TABLE_CELL_EMPTY;
}

const char *
wb_table_get_text (WbTable *self,
                   guint    row,
                   guint    column)
{
  Cell *cell;

  g_return_val_if_fail (WB_IS_TABLE (self), NULL);

  cell = get_cell (self, row, column);
  return cell != NULL ? cell->text : NULL;
}

double
wb_table_get_number (WbTable *self,
                     guint    row,
                     guint    column)
{
  Cell *cell;

  g_return_val_if_fail (WB_IS_TABLE (self), 0);

  cell = get_cell (self, row, column);
  return cell != NULL ? cell->number : 0;
}

gboolean
wb_table_get_date (WbTable *self,
                   guint    row,
                   guint    column,
                   GDate   *date)
{
  Cell *cell;

  g_return_val_if_fail (WB_IS_TABLE (self), FALSE);
  g_return_val_if_fail (date != NULL, FALSE);

  cell = get_cell (self, row, column);
  if (cell == NULL || cell->kind != WB_TABLE_CELL_DATE)
    return FALSE;
  *date = cell->date;
  return TRUE;
}

const char *
wb_table_get_note (WbTable *self,
                   guint    row,
                   guint    column)
{
  Cell *cell;

  g_return_val_if_fail (WB_IS_TABLE (self), NULL);

  cell = get_cell (self, row, column);
  return cell != NULL ? cell->note : NULL;
}

char *
wb_table_format_cell (WbTable *self,
                      guint    row,
                      guint    column)
{
  Cell *cell;

  g_return_val_if_fail (WB_IS_TABLE (self), NULL);

  cell = get_cell (self, row, column);
  if (cell == NULL)
    return g_strdup ("");
  switch (cell->kind)
    {
    case WB_TABLE_CELL_TEXT:
    case WB_TABLE_CELL_HIDDEN:
      return g_strdup (cell->text);

    case WB_TABLE_CELL_NUMBER:
      return wb_format_number (cell->number, COLUMN (self, column)->decimals);

    case WB_TABLE_CELL_DATE:
      if (COLUMN (self, column)->type == WB_TABLE_COLUMN_MONTH)
        {
          g_autofree char *period = g_strdup_printf ("%04u-%02u", g_date_get_year (&cell->date),
                                                     g_date_get_month (&cell->date));

          return wb_format_period (period, FALSE);
        }
      return wb_format_table_date (&cell->date);

    case WB_TABLE_CELL_EMPTY:
    default:
      return g_strdup ("");
    }
}
