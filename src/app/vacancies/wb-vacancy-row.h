/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib-object.h>

#include "wb-session.h"

G_BEGIN_DECLS

#define WB_TYPE_VACANCY_ROW (wb_vacancy_row_get_type ())

G_DECLARE_FINAL_TYPE (WbVacancyRow, wb_vacancy_row, WB, VACANCY_ROW, GObject)

/* Buckets of the days until a vacancy closes, for the closing date filter. */
typedef enum {
  WB_CLOSING_ANY,
  WB_CLOSING_SOON,     /* today or within 14 days */
  WB_CLOSING_LATER,    /* after 14 days */
  WB_CLOSING_PAST,     /* the date has passed */
  WB_CLOSING_NONE,     /* open until filled */
} WbClosingBucket;

/* Buckets of the hours a week, for the hours filter. */
typedef enum {
  WB_HOURS_ANY,
  WB_HOURS_SMALL,      /* up to 16 */
  WB_HOURS_PART,       /* 17 to 28 */
  WB_HOURS_LARGE,      /* 29 to 40 */
} WbHoursBucket;

/* A vacancy closes "soon" within this many days. */
#define WB_CLOSING_SOON_DAYS 14

/* One row of the vacancy list: the record (a vacancy is small and the list has a few
 * thousand) and what the columns show, sort and filter on, computed once. Names come from
 * the record (the employer) and the session (the municipality). @today is a Julian day;
 * 0 means today. */
WbVacancyRow    *wb_vacancy_row_new                 (WbRecord     *record,
                                                     WbSession    *session,
                                                     guint32       today);
WbRecord        *wb_vacancy_row_get_record          (WbVacancyRow *self);
gint64           wb_vacancy_row_get_id              (WbVacancyRow *self);
const char      *wb_vacancy_row_get_title           (WbVacancyRow *self);
gint64           wb_vacancy_row_get_employer_id     (WbVacancyRow *self);
const char      *wb_vacancy_row_get_employer        (WbVacancyRow *self);
gint64           wb_vacancy_row_get_organisation_id (WbVacancyRow *self);
const char      *wb_vacancy_row_get_status          (WbVacancyRow *self);
const char      *wb_vacancy_row_get_status_label    (WbVacancyRow *self);
/* Open first, then filled, then closed. */
int              wb_vacancy_row_get_status_index    (WbVacancyRow *self);
const char      *wb_vacancy_row_get_sector          (WbVacancyRow *self);
/* The sector in words, saying so when it is an opportunity sector of the vacancy's region. */
const char      *wb_vacancy_row_get_sector_label    (WbVacancyRow *self);
gboolean         wb_vacancy_row_get_opportunity     (WbVacancyRow *self);
gint64           wb_vacancy_row_get_municipality_id (WbVacancyRow *self);
const char      *wb_vacancy_row_get_municipality    (WbVacancyRow *self);
const char      *wb_vacancy_row_get_region          (WbVacancyRow *self);
int              wb_vacancy_row_get_hours           (WbVacancyRow *self);
const char      *wb_vacancy_row_get_contract        (WbVacancyRow *self);
const char      *wb_vacancy_row_get_contract_label  (WbVacancyRow *self);
int              wb_vacancy_row_get_positions       (WbVacancyRow *self);
gboolean         wb_vacancy_row_get_job_carving     (WbVacancyRow *self);
gboolean         wb_vacancy_row_get_wage_cost_subsidy (WbVacancyRow *self);
/* YYYY-MM-DD, or NULL. */
const char      *wb_vacancy_row_get_opened_at       (WbVacancyRow *self);
const char      *wb_vacancy_row_get_closes_at       (WbVacancyRow *self);
/* Days from today to the closing date (negative when it has passed); G_MAXINT for none. */
int              wb_vacancy_row_get_days_to_close   (WbVacancyRow *self);
const char      *wb_vacancy_row_get_search_key      (WbVacancyRow *self);

G_END_DECLS
