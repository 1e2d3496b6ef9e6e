/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

#include "wb-table.h"

G_BEGIN_DECLS

/* A WbTable as a file for a spreadsheet. Both carry the table's title, definition, period,
 * source, date of generation and footnote (WbExportInfo): the CSV below the rows after an
 * empty line, the XLSX on a second sheet and in the workbook's properties. */

/* CSV as Dutch Excel reads it (see wb-csv-writer.h): numbers with a decimal comma and no
 * grouping, dates as 2025-07-01, a hidden cell as its mark. */
char     *wb_table_to_csv     (WbTable     *table,
                               gsize       *length);
gboolean  wb_table_write_csv  (WbTable     *table,
                               GFile       *file,
                               GError     **error);
/* XLSX with typed cells (numbers as numbers, dates as dates in Excel's own short date),
 * a bold header row with a filter, the header frozen, a hidden cell as its mark with its
 * note as a comment. */
gboolean  wb_table_write_xlsx (WbTable     *table,
                               const char  *path,
                               GError     **error);

G_END_DECLS
