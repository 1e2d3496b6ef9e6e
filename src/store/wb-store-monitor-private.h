/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <sqlite3.h>

#include "wb-store-monitor.h"
#include "wb-store-private.h"

G_BEGIN_DECLS

/* For the two halves of the store's monitor only: the index (wb-store-monitor-index.c),
 * which keeps what the monitor counts and follows the writes, and the counting
 * (wb-store-monitor.c), which answers from it. */

/* Days are counted from 1970-01-01, months from year 0 (year * 12 + month - 1). */
gint32      _wb_monitor_days_from_civil  (int             y,
                                          int             m,
                                          int             d);
void        _wb_monitor_civil_from_days  (gint32          z,
                                          int            *year,
                                          int            *month,
                                          int            *day);
/* "YYYY-MM-DD" (or the date part of an ISO timestamp) into a day and a month (may be NULL). */
gboolean    _wb_monitor_parse_day        (const char     *text,
                                          gint32         *day,
                                          gint32         *month);
void        _wb_monitor_format_day       (gint32          day,
                                          char            text[11]);
/* The same day @months later, or the month's last day where it has fewer. */
gint32      _wb_monitor_add_months       (gint32          day,
                                          int             months);
gint32      _wb_monitor_period_first_day (const WbPeriod *period);
gint32      _wb_monitor_period_last_day  (const WbPeriod *period);

typedef enum {
  EVENT_INTAKE,
  EVENT_DIAGNOSIS,
  EVENT_TRACK_START,
  EVENT_REFERRAL,
  EVENT_PLACEMENT,
  EVENT_AFTER_CARE,
  EVENT_OUTFLOW,
  EVENT_RETURN,
  N_EVENT_KINDS
} EventKind;

#define EVENT_KINDS_SQL \
  "('intake', 'diagnosis', 'track_start', 'referral_wsp', 'placement', 'after_care', 'outflow', 'return_to_benefit')"

/* An event that was corrected or withdrawn counts no more: its correction counts in its place
 * (a withdrawal is no kind the monitor counts). */
#define EVENT_CURRENT_SQL \
  " AND id NOT IN (SELECT corrects_id FROM events WHERE corrects_id IS NOT NULL)"

enum {
  FLAG_TO_WORK = 1 << 0,
  FLAG_DURABLE_6M = 1 << 1,
  FLAG_DURABLE_12M = 1 << 2,
};

/* How a partial outflow weighs in the saved benefit: the hours of its placement of a
 * full-time week, or one half when they are not known. */
#define FULL_TIME_HOURS 36
#define UNKNOWN_SHARE 50
/* An outflow up to this many days after a placement is the placement's outflow to work. */
#define PLACEMENT_WINDOW_DAYS 31

typedef struct {
  gint32 day;
  gint32 month;
  guint8 kind;          /* EventKind */
  guint8 step;          /* WbMonitorStep */
  gint8 phase;          /* WbMonitorPhase */
  guint8 outflow_type;  /* 0 full, 1 partial */
  guint8 reason;        /* index of the outflow's reason class */
  guint8 sector;        /* index of the placement employer's sector */
  guint8 flags;
  guint8 share;         /* percent of an outflow to work that counts in the saved benefit */
  guint8 hours;
} MonEvent;

typedef struct {
  gint64 id;
  gint64 version;
  gint32 municipality;  /* index into the municipalities, or -1 */
  gint32 organisation;  /* index into the organisations, or -1 */
  guint8 group;
  guint8 band;
  gint16 birth_year;
  guint32 sectors;      /* bits of the sectors the client prefers */
  gint32 entry_day;     /* when the timeline has no intake: the day the client counts from */
  gint32 left_day;      /* marked as out of the files without an outflow: from when; G_MAXINT32 */
  gboolean live;
  guint n_events;
  MonEvent *events;
} MonClient;

typedef struct {
  gint64 id;
  gint64 version;
  gint32 municipality;
  gint32 organisation;
  guint8 sector;
  gboolean filled;
  gint32 opened;
  gint32 ended;         /* filled or closed on; G_MAXINT32 while open */
} MonVacancy;

typedef struct {
  gint64 id;
  char *code;
  char *name;
  int subregion;        /* index into wb_monitor_subregions, or -1 */
  gint32 owner;         /* municipalities: the organisation that serves it, or -1 */
} MonArea;

#define N_SUBREGIONS 3

typedef struct {
  GArray *municipalities;       /* MonArea */
  GArray *organisations;        /* MonArea */
  GHashTable *municipality_ids; /* id -> index + 1 */
  GHashTable *organisation_ids;
  char *area_digest;

  GArray *clients;              /* MonClient */
  GHashTable *client_ids;       /* id -> slot + 1 */
  guint n_events;
  GArray *vacancies;            /* MonVacancy */
  GHashTable *employer_sectors; /* id -> sector index + 1 */
  gint64 saved_benefit[N_SUBREGIONS];

  gint32 latest_day;            /* of the events counted; G_MININT32 without */
  gint64 max_event_id;
  gint64 n_event_rows;          /* all rows of events, to notice deletions */
  gint64 vacancy_digest[3];     /* count, largest id, sum of versions */
  gint64 data_version;
  sqlite3_int64 total_changes;
  gboolean built;

  guint n_rebuilds;
  guint n_reloaded;
} MonIndex;

/* The store's index, built or brought up to date. */
MonIndex   *_wb_monitor_index_get        (WbStore        *store,
                                          GError        **error);

G_END_DECLS
