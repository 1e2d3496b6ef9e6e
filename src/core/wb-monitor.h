/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The labour-market monitor's vocabulary and arithmetic: periods, levels, metrics and
 * their definitions, the series model with its JSON form, and the protection of small
 * numbers. The store counts; this module decides what a count may show. docs/monitor.md
 * explains every definition in words. */

/* Small-number protection: a cell that counts 1 to WB_MONITOR_MIN_COUNT - 1 persons is
 * never shown. Zero is shown. The one threshold of the whole system. */
#define WB_MONITOR_MIN_COUNT 10

/* Periods: "2025" (a year), "2025-Q3" (a quarter), "2025-07" (a month). */

typedef enum {
  WB_PERIOD_MONTH,
  WB_PERIOD_QUARTER,
  WB_PERIOD_YEAR,
} WbPeriodKind;

typedef struct {
  WbPeriodKind kind;
  int year;
  int index;     /* month 1–12, quarter 1–4, 0 for a year */
} WbPeriod;

/* Room for a formatted period and its terminating zero. */
#define WB_PERIOD_TEXT_SIZE 12

gboolean     wb_period_kind_from_string  (const char      *text,
                                          WbPeriodKind    *kind);
const char  *wb_period_kind_to_string    (WbPeriodKind     kind);   /* "month", "quarter", "year" */

gboolean     wb_period_parse             (const char      *text,
                                          WbPeriod        *period);
void         wb_period_format            (const WbPeriod  *period,
                                          char             text[WB_PERIOD_TEXT_SIZE]);
char        *wb_period_to_string         (const WbPeriod  *period);
/* The period of @kind in which @date (YYYY-MM-DD, or a GDate) lies. */
gboolean     wb_period_of_date           (WbPeriodKind     kind,
                                          const char      *date,
                                          WbPeriod        *period);
WbPeriod     wb_period_of_gdate          (WbPeriodKind     kind,
                                          const GDate     *date);
void         wb_period_first_day         (const WbPeriod  *period,
                                          GDate           *date);
void         wb_period_last_day          (const WbPeriod  *period,
                                          GDate           *date);
/* Months counted from year 0 (year * 12 + month - 1) of the period's first and last month:
 * a cheap key for containment and for arrays indexed by month. */
int          wb_period_first_month       (const WbPeriod  *period);
int          wb_period_last_month        (const WbPeriod  *period);
WbPeriod     wb_period_next              (const WbPeriod  *period);
/* Orders by first day, then by length (a month before its quarter before its year). */
int          wb_period_compare           (const WbPeriod  *a,
                                          const WbPeriod  *b);
gboolean     wb_period_equal             (const WbPeriod  *a,
                                          const WbPeriod  *b);
/* Whether every day of @inner lies in @outer ("2025" contains "2025-Q3" and "2025-07"). */
gboolean     wb_period_contains          (const WbPeriod  *outer,
                                          const WbPeriod  *inner);
/* Whether the two share a day. */
gboolean     wb_period_overlaps          (const WbPeriod  *a,
                                          const WbPeriod  *b);
/* The periods of @kind from the one holding the first day of @from to the one holding the
 * last day of @to, in order (WbPeriod); empty when @to ends before @from begins. */
GArray      *wb_period_range             (WbPeriodKind     kind,
                                          const WbPeriod  *from,
                                          const WbPeriod  *to);

/* Levels: every municipality, organisation and subregion, and the region as a whole. The
 * key of a series is the municipality's CBS code, the organisation's code, or the name of
 * the subregion or region. */

typedef enum {
  WB_MONITOR_LEVEL_MUNICIPALITY,
  WB_MONITOR_LEVEL_ORGANISATION,
  WB_MONITOR_LEVEL_SUBREGION,
  WB_MONITOR_LEVEL_REGION,
  WB_MONITOR_N_LEVELS
} WbMonitorLevel;

#define WB_MONITOR_REGION "Zuid-Limburg"

/* Parkstad, Westelijke Mijnstreek, Maastricht-Heuvelland; NULL-terminated. */
extern const char * const wb_monitor_subregions[];

gboolean     wb_monitor_level_from_string (const char     *text,
                                           WbMonitorLevel *level);
const char  *wb_monitor_level_to_string   (WbMonitorLevel  level);
/* Whether @subregion is one of wb_monitor_subregions. */
gboolean     wb_monitor_is_subregion      (const char     *subregion);
/* A subregion's opportunity sectors: wb_region_opportunity_sectors() in wb-schema.h. */

/* Metrics. */

typedef enum {
  WB_MONITOR_INFLOW,
  WB_MONITOR_OUTFLOW,
  WB_MONITOR_TO_WORK,
  WB_MONITOR_PLACEMENTS,
  WB_MONITOR_ACTIVATED,
  WB_MONITOR_REFERRALS,
  WB_MONITOR_RETURNS,
  WB_MONITOR_DURABLE_6M,
  WB_MONITOR_DURABLE_12M,
  WB_MONITOR_CASELOAD,
  WB_MONITOR_POOL,
  WB_MONITOR_VACANCIES_OPEN,
  WB_MONITOR_VACANCIES_FILLED,
  WB_MONITOR_TENSION,
  WB_MONITOR_BENEFIT_SAVED,
  WB_MONITOR_CBS_RECIPIENTS,
  WB_MONITOR_CBS_TO_WORK,
  WB_MONITOR_N_METRICS
} WbMonitorMetric;

typedef enum {
  WB_MONITOR_UNIT_PERSONS,
  WB_MONITOR_UNIT_VACANCIES,
  WB_MONITOR_UNIT_RATIO,
  WB_MONITOR_UNIT_EUROS,
} WbMonitorUnit;

/* What a series can be split by (`by=`) and filtered on. */
typedef enum {
  WB_MONITOR_DIM_NONE,
  WB_MONITOR_DIM_OUTFLOW_TYPE,
  WB_MONITOR_DIM_REASON,
  WB_MONITOR_DIM_PHASE,
  WB_MONITOR_DIM_TRACK,
  WB_MONITOR_DIM_CLIENT_GROUP,
  WB_MONITOR_DIM_CAPACITY_BAND,
  WB_MONITOR_DIM_AGE_BAND,
  WB_MONITOR_DIM_SECTOR,
  WB_MONITOR_N_DIMS
} WbMonitorDimension;

#define WB_MONITOR_DIM_BIT(dim) (1u << (dim))

typedef struct {
  WbMonitorMetric metric;
  const char *name;           /* "to_work", as in the API */
  const char *definition;     /* untranslated; see wb_monitor_metric_get_definition */
  WbMonitorUnit unit;
  gboolean stock;             /* counted at the end of the period, not over it */
  gboolean protected_counts;  /* counts persons: small numbers are protected */
  guint dimensions;           /* WB_MONITOR_DIM_BIT of each dimension `by=` accepts */
  gboolean filters;           /* accepts client_group= and capacity_band= */
  guint durable_months;       /* 6 or 12 for the durable outflow, else 0 */
  gboolean years_only;        /* CBS figures exist per year only */
  const char *target_metric;  /* the name targets use for it, or NULL */
} WbMonitorMetricInfo;

const WbMonitorMetricInfo *wb_monitor_metric_get_info      (WbMonitorMetric  metric);
gboolean                   wb_monitor_metric_from_string   (const char      *text,
                                                            WbMonitorMetric *metric);
const char                *wb_monitor_metric_to_string     (WbMonitorMetric  metric);
/* The definition in the user's language: one text per metric, the same in the API, the
 * exports and docs/monitor.md. */
const char                *wb_monitor_metric_get_definition (WbMonitorMetric metric);
/* Where the figures come from ("Werkbrug" or "CBS StatLine"). */
const char                *wb_monitor_metric_get_source    (WbMonitorMetric  metric);
/* The monitor metric a target of that name is compared with (targets say "outflow",
 * "durable_placements", ...); FALSE when targets of that name have no series. */
gboolean                   wb_monitor_metric_for_target    (const char      *target_metric,
                                                            WbMonitorMetric *metric);
const char                *wb_monitor_unit_to_string       (WbMonitorUnit    unit);

gboolean            wb_monitor_dimension_from_string (const char         *text,
                                                      WbMonitorDimension *dimension);
const char         *wb_monitor_dimension_to_string   (WbMonitorDimension  dimension);
/* The values a dimension takes, in display order, NULL-terminated. */
const char * const *wb_monitor_dimension_values      (WbMonitorDimension  dimension);
/* Index of @value in wb_monitor_dimension_values, or -1. */
int                 wb_monitor_dimension_index       (WbMonitorDimension  dimension,
                                                      const char         *value);

/* Classifications the counts use, written once. */

/* The class of an outflow's free-text reason: "work", "education", "moved",
 * "partner_income", "pension" or "other". */
const char  *wb_monitor_reason_class      (const char *reason);
/* "<30", "30-80", "80-100", or "unknown" for a capacity below 0 (not known). */
const char  *wb_monitor_capacity_band     (int         work_capacity);
/* The age band (as wb_age_band) of someone born in @birth_year during @year;
 * "unknown" for a birth year of 0. */
const char  *wb_monitor_age_band          (int         birth_year,
                                           int         year);
/* The same as an index into wb_monitor_dimension_values (WB_MONITOR_DIM_AGE_BAND). */
guint        wb_monitor_age_band_index    (int         birth_year,
                                           int         year);

/* The steps of the client's path the monitor counts in, in order. */
typedef enum {
  WB_MONITOR_PHASE_NONE = -1,
  WB_MONITOR_PHASE_INTAKE,
  WB_MONITOR_PHASE_DIAGNOSIS,
  WB_MONITOR_PHASE_ACTIVATION,
  WB_MONITOR_PHASE_DEVELOPMENT,
  WB_MONITOR_PHASE_WORK_READY,
  WB_MONITOR_PHASE_PLACED,
  WB_MONITOR_PHASE_AFTER_CARE,
  WB_MONITOR_N_PHASES
} WbMonitorPhase;

/* What a timeline event does to the client's place in the chain. */
typedef enum {
  WB_MONITOR_STEP_NONE,     /* nothing (a note, a signal, the end of a track) */
  WB_MONITOR_STEP_ENTER,    /* the client (re-)enters the caseload: intake, return to benefit */
  WB_MONITOR_STEP_ADVANCE,  /* the client reaches a phase (if further than the current one) */
  WB_MONITOR_STEP_LEAVE,    /* the client leaves the caseload: a full outflow */
} WbMonitorStep;

/* The step an event of @kind takes and the phase it marks (for ENTER and ADVANCE):
 * intake -> intake, diagnosis -> diagnosis, track_start -> activation or development by
 * instrument, referral_wsp -> work ready, placement -> placed, after_care and a partial
 * outflow -> after-care, return_to_benefit -> (re-)entry in development. */
WbMonitorStep wb_monitor_event_step       (const char     *kind,
                                           const char     *instrument,
                                           const char     *outflow_type,
                                           WbMonitorPhase *phase);
const char   *wb_monitor_phase_to_string  (WbMonitorPhase  phase);
/* The track a phase belongs to: "activering" (activation, development), "plaatsing"
 * (work ready onwards) or NULL (intake, diagnosis). */
const char   *wb_monitor_phase_track      (WbMonitorPhase  phase);

/* The series model. */

typedef enum {
  WB_MONITOR_REASON_NONE,           /* shown */
  WB_MONITOR_REASON_SMALL,          /* 1 to 9 persons */
  WB_MONITOR_REASON_COMPLEMENT,     /* would reveal a small number through a total and its other parts */
  WB_MONITOR_REASON_NOT_YET_KNOWN,  /* too recent to tell (durable outflow, future periods) */
  WB_MONITOR_REASON_UNDEFINED,      /* a ratio over zero */
  WB_MONITOR_REASON_NO_DATA,        /* the source has no figure for the period */
} WbMonitorReason;

typedef enum {
  WB_MONITOR_STATUS_FINAL,
  WB_MONITOR_STATUS_PROVISIONAL,    /* the period ended less than a month before the reference date */
} WbMonitorStatus;

const char  *wb_monitor_reason_to_string  (WbMonitorReason  reason);  /* NULL for NONE */
gboolean     wb_monitor_reason_from_string (const char     *text,
                                            WbMonitorReason *reason);
/* Whether the reason hides a cell to protect small numbers (SMALL, COMPLEMENT). */
gboolean     wb_monitor_reason_is_suppression (WbMonitorReason reason);
/* One sentence for a footnote or tooltip, in the user's language; NULL for NONE. */
char        *wb_monitor_reason_describe   (WbMonitorReason  reason);

typedef struct {
  WbPeriod period;
  double value;              /* meaningful only when has_value */
  gboolean has_value;
  WbMonitorReason reason;    /* why there is no value; NONE when there is one */
  WbMonitorStatus status;
} WbMonitorPoint;

typedef struct {
  WbPeriod period;
  double value;
  gint64 id;                 /* the row in /targets */
} WbMonitorTarget;

typedef struct {
  char *key;                 /* municipality code, organisation code, subregion or region name */
  char *name;
  char *by;                  /* the value of the `by` dimension, NULL without one */
  gboolean opportunity;      /* by=sector: an opportunity sector of the area's subregion */
  GArray *points;            /* WbMonitorPoint, in period order */
  GArray *targets;           /* WbMonitorTarget, in period order */
} WbMonitorSeries;

typedef struct {
  WbMonitorMetric metric;
  WbMonitorLevel level;
  WbPeriodKind period;
  WbPeriod from;
  WbPeriod to;
  WbMonitorDimension by;
  char *client_group;        /* the filters applied, or NULL */
  char *capacity_band;
  char *as_of;               /* the reference date, YYYY-MM-DD */
  char *generated_at;        /* ISO 8601 UTC */
  GPtrArray *series;         /* WbMonitorSeries */
} WbMonitorResult;

WbMonitorSeries *wb_monitor_series_new    (const char       *key,
                                           const char       *name,
                                           const char       *by);
void             wb_monitor_series_free   (WbMonitorSeries  *series);
WbMonitorResult *wb_monitor_result_new    (void);
void             wb_monitor_result_free   (WbMonitorResult  *result);

/* The answer of GET /api/v1/monitor:
 * {"metric", "level", "period", "from", "to", "by", "client_group", "capacity_band",
 *  "unit", "series": [{"key", "name", ["by", "opportunity",] "points": [{"period",
 *  "value" (number or null), "suppressed", "reason" (null or a reason), "status"}],
 *  "targets": [{"period", "value", "id"}]}], "definition", "source", "as_of",
 *  "generated_at"}. The definition is in the user's language. */
JsonNode        *wb_monitor_result_to_json   (const WbMonitorResult *result);
/* The same read back, for the client side; NULL with @error for another shape. */
WbMonitorResult *wb_monitor_result_from_json (JsonNode              *node,
                                              GError               **error);

/* The request: GET /api/v1/monitor?metric=M&level=L&period=P&from=F&to=T[&key=K]
 * [&by=D][&client_group=G][&capacity_band=B][&as_of=YYYY-MM-DD]. */
typedef struct {
  WbMonitorMetric metric;
  WbMonitorLevel level;         /* default: region */
  WbPeriodKind period;          /* default: year */
  gboolean has_from;            /* without from and to: the five years up to the reference date */
  WbPeriod from;
  gboolean has_to;
  WbPeriod to;
  char *key;                    /* one area of the level, or NULL for all */
  WbMonitorDimension by;
  char *client_group;
  char *capacity_band;
  char *as_of;                  /* reference date, or NULL for the latest event */
} WbMonitorQuery;

void         wb_monitor_query_init        (WbMonitorQuery *query);
void         wb_monitor_query_clear       (WbMonitorQuery *query);
/* Fills @query from the parameters of a request (name -> value). Every parameter that is
 * unknown or has a value the monitor does not know adds a WbFieldError naming it to
 * @errors; returns TRUE when there was none. */
gboolean     wb_monitor_query_parse       (WbMonitorQuery *query,
                                           GHashTable     *params,
                                           GPtrArray      *errors);

/* Small-number protection of a table of counts with totals.
 *
 * Cells are numbered 0..n-1. A relation says that one cell (the total) is the sum of
 * others (its parts): a municipality's within its subregion, a quarter's within its year,
 * one client group's within all. Primary: every count of 1 to WB_MONITOR_MIN_COUNT - 1 is
 * hidden. Secondary: no relation may have exactly one hidden cell, for the others would
 * give it away; where one has, the smallest visible non-zero part of the lowest priority
 * is hidden too (the total when no part is left), until no relation has. Zero is never hidden. Cells hidden
 * beforehand for another reason (not yet known) count as hidden. The outcome depends only
 * on the counts and relations, not on the order of any request. */
typedef struct _WbMonitorProtection WbMonitorProtection;

WbMonitorProtection *wb_monitor_protection_new          (guint                n_cells);
void                 wb_monitor_protection_free         (WbMonitorProtection *self);
void                 wb_monitor_protection_set_count    (WbMonitorProtection *self,
                                                         guint                cell,
                                                         gint64               count);
/* Every cell's count at once, @counts holding n_cells of them. */
void                 wb_monitor_protection_set_counts   (WbMonitorProtection *self,
                                                         const gint64        *counts);
/* Marks a cell as not shown for @reason before the protection runs. Counts and hidden
 * cells are set before the relations are added. */
void                 wb_monitor_protection_hide         (WbMonitorProtection *self,
                                                         guint                cell,
                                                         WbMonitorReason      reason);
/* Cells of a higher priority (a figure of its own, such as the pool within the caseload by
 * phase) are hidden as a second cell only where no cell of a lower priority can be. */
void                 wb_monitor_protection_set_priority (WbMonitorProtection *self,
                                                         guint                cell,
                                                         guint8               priority);
/* Every cell's priority at once, @priorities holding n_cells of them. */
void                 wb_monitor_protection_set_priorities (WbMonitorProtection *self,
                                                           const guint8        *priorities);
void                 wb_monitor_protection_add_relation (WbMonitorProtection *self,
                                                         guint                total,
                                                         const guint         *parts,
                                                         guint                n_parts);
void                 wb_monitor_protection_run          (WbMonitorProtection *self);
WbMonitorReason      wb_monitor_protection_get_reason   (WbMonitorProtection *self,
                                                         guint                cell);
/* Every cell's WbMonitorReason at once, into n_cells bytes at @reasons. */
void                 wb_monitor_protection_get_reasons  (WbMonitorProtection *self,
                                                         guint8              *reasons);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbMonitorSeries, wb_monitor_series_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbMonitorResult, wb_monitor_result_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbMonitorProtection, wb_monitor_protection_free)

G_END_DECLS
