/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

#include "wb-monitor.h"

G_BEGIN_DECLS

/* Numbers, dates and periods for people: on screen, in prints and in PDFs. Numbers follow
 * the locale (LC_NUMERIC: 1.234,5 in Dutch), month names the locale's LC_TIME ("jul"),
 * the order of the parts the translation (po/nl.po). What Werkbrug writes for
 * spreadsheets (CSV, XLSX) does not come from here: files carry typed values. */

/* 1234.5 with one decimal: "1.234,5" (Dutch), "1,234.5" (English). */
char        *wb_format_number     (double      value,
                                   guint       decimals);
/* "3 dec. 2026" */
char        *wb_format_date       (GDateTime  *when);
/* "3 dec. 2026, 14:05" */
char        *wb_format_date_time  (GDateTime  *when);
/* A date in a table: "03-12-2026" in Dutch; otherwise the locale's short date with the
 * year in full ("12/03/2026" in American English). */
char        *wb_format_table_date (const GDate *date);

typedef enum {
  WB_DATE_ORDER_DMY,
  WB_DATE_ORDER_MDY,
  WB_DATE_ORDER_YMD,
} WbDateOrder;

/* In which order a table date has the day, the month and the year: how a typed date of
 * numbers alone is read. */
WbDateOrder  wb_format_table_date_order (void);
/* The same of a date as the API writes it (YYYY-MM-DD, or a timestamp that starts with
 * one): "3 dec. 2026" and "03-12-2026" in Dutch. A text that is no date comes back as it is. */
char        *wb_format_iso_date       (const char *iso);
/* The day of such a date, or of a moment at the user's clock; FALSE when it is none. */
gboolean     wb_format_parse_day      (const char *iso,
                                       GDate      *date);
char        *wb_format_iso_table_date (const char *iso);
/* A moment as the API writes it (ISO 8601 in UTC, "2026-12-03T20:35:24Z", or with an
 * offset) at the user's clock: "3 dec. 2026, 21:35" and, in a table, "03-12-2026 21:35" in
 * Dutch (Amsterdam's winter time). A text that is no moment comes back as it is. */
char        *wb_format_iso_date_time       (const char *iso);
char        *wb_format_iso_table_date_time (const char *iso);


/* For an axis: "2025", "K3 2025", "jul 2025". For words (a table, a screen reader):
 * "2025", "3e kwartaal 2025", "juli 2025". A text that is no period comes back as it is. */
char        *wb_format_period     (const char *period,
                                   gboolean    long_form);

G_END_DECLS
