/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* CSV that a Dutch Excel opens without asking: UTF-8 with a byte-order mark, ';' between
 * fields, CRLF after each record, a decimal comma and no thousands separator. A text that
 * holds ';', a quote or a line break is quoted; one that starts like a formula ("=", "+",
 * "-", "@") is quoted and led by an apostrophe, so a spreadsheet never runs it. Every list
 * and table export writes through this, the server's and the desktop's alike. */
typedef struct _WbCsvWriter WbCsvWriter;

WbCsvWriter *wb_csv_writer_new          (void);
void         wb_csv_writer_free         (WbCsvWriter *writer);
/* The fields of a record, left to right; an empty or NULL text is an empty field. */
void         wb_csv_writer_add_text     (WbCsvWriter *writer,
                                         const char  *text);
void         wb_csv_writer_add_integer  (WbCsvWriter *writer,
                                         gint64       value);
/* 7.5 with one decimal is written 7,5. */
void         wb_csv_writer_add_number   (WbCsvWriter *writer,
                                         double       value,
                                         guint        decimals);
void         wb_csv_writer_end_record   (WbCsvWriter *writer);
/* What was written so far; the writer keeps it. */
const char  *wb_csv_writer_get_text     (WbCsvWriter *writer,
                                         gsize       *length);
/* Ends the writer and hands its text over. */
char        *wb_csv_writer_free_to_text (WbCsvWriter *writer,
                                         gsize       *length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbCsvWriter, wb_csv_writer_free)

G_END_DECLS
