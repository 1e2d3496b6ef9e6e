/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-table-export"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "wb-csv-writer.h"
#include "wb-table-export.h"

/* Column widths in characters: what a spreadsheet shows without cutting or sprawling. */
#define MIN_WIDTH 8
#define MAX_WIDTH 60
#define ROWS_MEASURED 2000

static const char *
title_of (WbTable *table)
{
  const WbExportInfo *info = wb_table_get_info (table);

  return info->title != NULL && *info->title != '\0' ? info->title : wb_table_get_title (table);
}

char *
wb_table_to_csv (WbTable *table,
                 gsize   *length)
{
  g_autoptr(WbCsvWriter) csv = NULL;
  g_auto(GStrv) pairs = NULL;
  guint n_columns, n_rows;

  g_return_val_if_fail (WB_IS_TABLE (table), NULL);

  csv = wb_csv_writer_new ();
  n_columns = wb_table_get_n_columns (table);
  n_rows = wb_table_get_n_rows (table);
  for (guint c = 0; c < n_columns; c++)
    wb_csv_writer_add_text (csv, wb_table_get_column_title (table, c));
  wb_csv_writer_end_record (csv);

  for (guint r = 0; r < n_rows; r++)
    {
      for (guint c = 0; c < n_columns; c++)
        {
          GDate date;

          switch (wb_table_get_cell_kind (table, r, c))
            {
            case WB_TABLE_CELL_NUMBER:
              wb_csv_writer_add_number (csv, wb_table_get_number (table, r, c),
                                        wb_table_get_column_decimals (table, c));
              break;

            case WB_TABLE_CELL_DATE:
              {
                char iso[16];

                wb_table_get_date (table, r, c, &date);
                g_date_strftime (iso, sizeof iso, "%Y-%m-%d", &date);
                wb_csv_writer_add_text (csv, iso);
              }
              break;

            case WB_TABLE_CELL_TEXT:
            case WB_TABLE_CELL_HIDDEN:
              wb_csv_writer_add_text (csv, wb_table_get_text (table, r, c));
              break;

            case WB_TABLE_CELL_EMPTY:
            default:
              wb_csv_writer_add_text (csv, NULL);
              break;
            }
        }
      wb_csv_writer_end_record (csv);
    }

  /* What the figures are, below them, so that the header stays the first line. */
  wb_csv_writer_end_record (csv);
  wb_csv_writer_add_text (csv, _("Title"));
  wb_csv_writer_add_text (csv, title_of (table));
  wb_csv_writer_end_record (csv);
  pairs = wb_export_info_to_pairs (wb_table_get_info (table));
  for (guint i = 0; pairs[i] != NULL && pairs[i + 1] != NULL; i += 2)
    {
      wb_csv_writer_add_text (csv, pairs[i]);
      wb_csv_writer_add_text (csv, pairs[i + 1]);
      wb_csv_writer_end_record (csv);
    }
  return wb_csv_writer_free_to_text (g_steal_pointer (&csv), length);
}

gboolean
wb_table_write_csv (WbTable  *table,
                    GFile    *file,
                    GError  **error)
{
  g_autofree char *text = NULL;
  gsize length;

  g_return_val_if_fail (WB_IS_TABLE (table), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  text = wb_table_to_csv (table, &length);
  return g_file_replace_contents (file, text, length, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                  NULL, NULL, error);
}

/* XLSX */

/* A sheet name Excel accepts: at most 31 characters, none of []:*?/\ */
static char *
sheet_name (const char *title,
            const char *fallback)
{
  GString *name = g_string_new (NULL);
  guint n = 0;

  for (const char *p = title != NULL ? title : ""; *p != '\0' && n < 31; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (name, strchr ("[]:*?/\\'", (int) c) != NULL && c < 128 ? ' ' : c);
    }
  g_strstrip (name->str);
  if (*name->str == '\0')
    g_string_assign (name, fallback);
  return g_string_free (name, FALSE);
}

static lxw_format *
number_format (lxw_workbook *workbook,
               GHashTable   *formats,
               guint         decimals)
{
  lxw_format *format = g_hash_table_lookup (formats, GUINT_TO_POINTER (decimals + 1));

  if (format == NULL)
    {
      g_autofree char *code = decimals == 0 ? g_strdup ("#,##0")
                                            : g_strdup_printf ("#,##0.%.*s", (int) MIN (decimals, 10u), "0000000000");

      format = workbook_add_format (workbook);
      format_set_num_format (format, code);
      g_hash_table_insert (formats, GUINT_TO_POINTER (decimals + 1), format);
    }
  return format;
}

static gboolean
check (lxw_error   result,
       const char *path,
       GError    **error)
{
  if (result == LXW_NO_ERROR)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write %s: %s"), path, lxw_strerror (result));
  return FALSE;
}

static gboolean
write_about (lxw_workbook *workbook,
             WbTable      *table,
             lxw_format   *bold,
             lxw_format   *wrap,
             const char   *path,
             GError      **error)
{
  g_autofree char *name = sheet_name (_("About"), "About");
  lxw_worksheet *sheet = workbook_add_worksheet (workbook, name);
  g_auto(GStrv) pairs = wb_export_info_to_pairs (wb_table_get_info (table));
  lxw_row_t row = 0;

  if (sheet == NULL)
    return check (LXW_ERROR_MEMORY_MALLOC_FAILED, path, error);
  worksheet_set_column (sheet, 0, 0, 18, bold);
  worksheet_set_column (sheet, 1, 1, 100, wrap);
  if (!check (worksheet_write_string (sheet, row, 0, _("Title"), bold), path, error) ||
      !check (worksheet_write_string (sheet, row++, 1, title_of (table), bold), path, error))
    return FALSE;
  for (guint i = 0; pairs[i] != NULL && pairs[i + 1] != NULL; i += 2, row++)
    if (!check (worksheet_write_string (sheet, row, 0, pairs[i], bold), path, error) ||
        !check (worksheet_write_string (sheet, row, 1, pairs[i + 1], wrap), path, error))
      return FALSE;
  return TRUE;
}

gboolean
wb_table_write_xlsx (WbTable     *table,
                     const char  *path,
                     GError     **error)
{
  const WbExportInfo *info;
  g_autoptr(GHashTable) formats = g_hash_table_new (NULL, NULL);
  g_autofree char *name = NULL;
  g_autofree guint *widths = NULL;
  lxw_doc_properties properties = { 0 };
  lxw_workbook *workbook;
  lxw_worksheet *sheet;
  lxw_format *header, *date, *month, *hidden, *bold, *wrap;
  guint n_columns, n_rows;
  lxw_error closed;
  gboolean ok = TRUE;

  g_return_val_if_fail (WB_IS_TABLE (table), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  workbook = workbook_new (path);
  if (workbook == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write %s"), path);
      return FALSE;
    }
  info = wb_table_get_info (table);
  n_columns = wb_table_get_n_columns (table);
  n_rows = wb_table_get_n_rows (table);

  /* The workbook says what it holds, also to a search or a file manager. */
  properties.title = (char *) title_of (table);
  properties.subject = info->definition;
  properties.comments = info->source;
  properties.created = info->generated != NULL ? (time_t) g_date_time_to_unix (info->generated) : 0;
  workbook_set_properties (workbook, &properties);

  header = workbook_add_format (workbook);
  format_set_bold (header);
  format_set_bottom (header, LXW_BORDER_THIN);
  format_set_text_wrap (header);
  format_set_align (header, LXW_ALIGN_VERTICAL_TOP);
  date = workbook_add_format (workbook);
  format_set_num_format_index (date, 14);  /* Excel's short date, shown as the reader's region writes it */
  month = workbook_add_format (workbook);
  format_set_num_format (month, "mmm yyyy");
  hidden = workbook_add_format (workbook);
  format_set_align (hidden, LXW_ALIGN_RIGHT);
  bold = workbook_add_format (workbook);
  format_set_bold (bold);
  format_set_align (bold, LXW_ALIGN_VERTICAL_TOP);
  wrap = workbook_add_format (workbook);
  format_set_text_wrap (wrap);
  format_set_align (wrap, LXW_ALIGN_VERTICAL_TOP);

  name = sheet_name (wb_table_get_title (table), "Data");
  sheet = workbook_add_worksheet (workbook, name);
  if (sheet == NULL)
    ok = check (LXW_ERROR_MEMORY_MALLOC_FAILED, path, error);

  widths = g_new0 (guint, MAX (n_columns, 1));
  for (guint c = 0; ok && c < n_columns; c++)
    {
      const char *title = wb_table_get_column_title (table, c);

      widths[c] = (guint) g_utf8_strlen (title, -1);
      ok = check (worksheet_write_string (sheet, 0, (lxw_col_t) c, title, header), path, error);
    }

  for (guint r = 0; ok && r < n_rows; r++)
    for (guint c = 0; ok && c < n_columns; c++)
      {
        lxw_row_t row = (lxw_row_t) r + 1;
        lxw_col_t col = (lxw_col_t) c;
        const char *note = wb_table_get_note (table, r, c);
        GDate day;

        switch (wb_table_get_cell_kind (table, r, c))
          {
          case WB_TABLE_CELL_NUMBER:
            ok = check (worksheet_write_number (sheet, row, col, wb_table_get_number (table, r, c),
                                                number_format (workbook, formats,
                                                               wb_table_get_column_decimals (table, c))),
                        path, error);
            break;

          case WB_TABLE_CELL_DATE:
            {
              lxw_datetime when = { 0 };

              wb_table_get_date (table, r, c, &day);
              when.year = g_date_get_year (&day);
              when.month = g_date_get_month (&day);
              when.day = g_date_get_day (&day);
              ok = check (worksheet_write_datetime (sheet, row, col, &when,
                                                    wb_table_get_column_type (table, c) == WB_TABLE_COLUMN_MONTH
                                                      ? month : date),
                          path, error);
            }
            break;

          case WB_TABLE_CELL_TEXT:
            ok = check (worksheet_write_string (sheet, row, col, wb_table_get_text (table, r, c), NULL), path, error);
            break;

          case WB_TABLE_CELL_HIDDEN:
            ok = check (worksheet_write_string (sheet, row, col, wb_table_get_text (table, r, c), hidden), path, error);
            break;

          case WB_TABLE_CELL_EMPTY:
          default:
            break;
          }
        if (ok && note != NULL && *note != '\0')
          ok = check (worksheet_write_comment (sheet, row, col, note), path, error);
        if (ok && r < ROWS_MEASURED)
          {
            g_autofree char *shown = wb_table_format_cell (table, r, c);

            widths[c] = MAX (widths[c], (guint) g_utf8_strlen (shown, -1) + 2);
          }
      }

  if (ok)
    {
      for (guint c = 0; c < n_columns; c++)
        worksheet_set_column (sheet, (lxw_col_t) c, (lxw_col_t) c, CLAMP (widths[c], MIN_WIDTH, MAX_WIDTH), NULL);
      worksheet_freeze_panes (sheet, 1, 0);
      if (n_columns > 0)
        ok = check (worksheet_autofilter (sheet, 0, 0, (lxw_row_t) n_rows, (lxw_col_t) n_columns - 1), path, error);
    }
  if (ok)
    ok = write_about (workbook, table, bold, wrap, path, error);

  /* The workbook is written and freed here, also after a failure above. */
  closed = workbook_close (workbook);
  if (ok)
    ok = check (closed, path, error);
  return ok;
}
