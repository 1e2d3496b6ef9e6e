/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A reader for CSV as real files have it: RFC 4180 quoting (delimiters, quotes and line
 * breaks inside quoted fields), ';', ',' or tab detected from the header line, UTF-8 with
 * or without a byte-order mark, CRLF or LF. The file is mapped, not copied. */
typedef struct _WbCsv WbCsv;

WbCsv       *wb_csv_open          (const char  *path,
                                   GError     **error);
/* The same for text that is not in a file (an upload); @name stands for the file in messages. */
WbCsv       *wb_csv_new_from_bytes (const char *name,
                                    GBytes     *bytes,
                                    GError    **error);
void         wb_csv_free          (WbCsv       *csv);
/* Index of a header column, matched without regard to case or surrounding spaces; -1 when
 * the file has no such column. */
int          wb_csv_column        (WbCsv       *csv,
                                   const char  *name);
/* The first of several names a column may have; -1 when none is there. */
int          wb_csv_column_any    (WbCsv       *csv,
                                   const char * const *names);
guint        wb_csv_get_n_columns (WbCsv       *csv);
/* The header of column @index as the file writes it ("Postcode"), or NULL. */
const char  *wb_csv_get_header    (WbCsv       *csv,
                                   int          index);
char         wb_csv_get_delimiter (WbCsv       *csv);
/* Reads the next record. FALSE at the end (no error) or on a broken file (error set,
 * e.g. a quote that is never closed). Empty lines are skipped. */
gboolean     wb_csv_next          (WbCsv       *csv,
                                   GError     **error);
guint        wb_csv_get_n_fields  (WbCsv       *csv);
/* Field @index of the current record, trimmed; "" when the record is shorter. */
const char  *wb_csv_get           (WbCsv       *csv,
                                   int          index);
/* The physical line on which the current record starts (1 is the header). */
guint        wb_csv_get_line      (WbCsv       *csv);

/* "1.234,5", "12,5" and "12.5" -> 1234.5, 12.5, 12.5 */
gboolean     wb_csv_parse_number  (const char  *text,
                                   double      *value);
/* "31-12-2024", "31/12/2024" and "2024-12-31" -> "2024-12-31"; NULL when not a date. */
char        *wb_csv_parse_date    (const char  *text);
/* "ja", "j", "yes", "true", "1", "x" -> TRUE; "nee", "n", "no", "false", "0", "" -> FALSE. */
gboolean     wb_csv_parse_bool    (const char  *text,
                                   gboolean    *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbCsv, wb_csv_free)

G_END_DECLS
