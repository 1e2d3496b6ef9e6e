/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib-object.h>

#include "wb-session.h"

G_BEGIN_DECLS

typedef enum {
  WB_DIAGNOSIS_NONE,
  WB_DIAGNOSIS_STALE,
  WB_DIAGNOSIS_CURRENT,
} WbDiagnosisStatus;

/* A diagnosis older than this many days is stale (DOMAIN.md: twelve months). */
#define WB_DIAGNOSIS_STALE_DAYS 365

#define WB_TYPE_CLIENT_ROW (wb_client_row_get_type ())

G_DECLARE_FINAL_TYPE (WbClientRow, wb_client_row, WB, CLIENT_ROW, GObject)

/* One row of the client list: the record and what the columns show, computed once so
 * that filtering and sorting 20,000 rows compares plain values. @today is a Julian day
 * (g_date_get_julian); 0 means today. */
WbClientRow       *wb_client_row_new                 (WbRecord    *record,
                                                      WbSession   *session,
                                                      guint32      today);
/* A record of what the row knows, for a first glance while the full record loads. */
WbRecord          *wb_client_row_dup_summary         (WbClientRow *self);
gint64             wb_client_row_get_id              (WbClientRow *self);
const char        *wb_client_row_get_title           (WbClientRow *self);
gboolean           wb_client_row_get_pseudonymous    (WbClientRow *self);
gint64             wb_client_row_get_organisation_id (WbClientRow *self);
gint64             wb_client_row_get_case_manager_id (WbClientRow *self);
/* The day of the last activity, "2026-11-30" (interned), or NULL for none. */
const char        *wb_client_row_get_last_activity (WbClientRow *self);
gint64             wb_client_row_get_wsp_account_manager_id (WbClientRow *self);
const char        *wb_client_row_get_organisation    (WbClientRow *self);
gint64             wb_client_row_get_municipality_id (WbClientRow *self);
const char        *wb_client_row_get_municipality    (WbClientRow *self);
/* The age in years, or for a pseudonymous row the lower bound of its age band. */
int                wb_client_row_get_age             (WbClientRow *self);
const char        *wb_client_row_get_age_text        (WbClientRow *self);
const char        *wb_client_row_get_age_band        (WbClientRow *self);
const char        *wb_client_row_get_client_group    (WbClientRow *self);
const char        *wb_client_row_get_phase           (WbClientRow *self);
int                wb_client_row_get_phase_index     (WbClientRow *self);
const char        *wb_client_row_get_capacity_band   (WbClientRow *self);
WbDiagnosisStatus  wb_client_row_get_diagnosis_status (WbClientRow *self);
/* Days since the last activity, or -1 when there was none. */
int                wb_client_row_get_days_idle       (WbClientRow *self);
/* "12 days", or "never". */
const char        *wb_client_row_get_activity_text   (WbClientRow *self);
const char        *wb_client_row_get_search_key      (WbClientRow *self);

const char        *wb_diagnosis_status_to_label      (WbDiagnosisStatus status);
WbDiagnosisStatus  wb_diagnosis_status_for_date      (const char  *date,
                                                      guint32      today);
/* Days between a YYYY-MM-DD date and @today, or -1. */
int                wb_days_since                     (const char  *date,
                                                      guint32      today);
guint32            wb_today_julian                   (void);
/* The Julian day of a YYYY-MM-DD date, or 0. */
guint32            wb_julian_of_date                 (const char  *date);

G_END_DECLS
