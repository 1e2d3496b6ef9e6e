/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The monitor's figures from the store: every metric against a hand-made region whose
 * answers are known, small-number protection (primary and secondary), targets, the CBS
 * import, the index following writes, the migration, and the demo's figures against a
 * second computation in plain SQL. */

#define G_LOG_DOMAIN "test-store-monitor"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "wb-demo.h"
#include "wb-import.h"
#include "wb-store-monitor.h"
#include "wb-store-schema.sql.h"
#include "wb-store.h"
#include "wb-test-store.h"
#include "wb-test-util.h"

/* A small region: Parkstad with Heerlen (served by the municipality's own organisation)
 * and Brunssum and Landgraaf (ISD BOL); Maastricht-Heuvelland with Maastricht (SZMH); the
 * Westelijke Mijnstreek without municipalities; WSP Parkstad, which holds vacancies. */
typedef struct {
  char *dir;
  char *path;
  WbStore *store;
  gint64 heerlen_org, bol, szmh, wsp;
  gint64 heerlen, brunssum, landgraaf, maastricht;
  guint bsn_counter;
  gint64 employer;
} Fx;

static void
fx_setup (Fx            *fx,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fx->dir = wb_test_make_dir ();
  fx->path = g_build_filename (fx->dir, "monitor.db", NULL);
  fx->store = wb_store_open (fx->path, &error);
  g_assert_no_error (error);

  fx->heerlen_org = wb_test_insert (fx->store, WB_RESOURCE_ORGANISATIONS,
                                    "{\"code\":\"gemeente-heerlen\",\"name\":\"Gemeente Heerlen\",\"kind\":\"municipality\",\"region\":\"Parkstad\"}");
  fx->bol = wb_test_insert (fx->store, WB_RESOURCE_ORGANISATIONS,
                            "{\"code\":\"isd-bol\",\"name\":\"ISD BOL\",\"kind\":\"social_service\",\"region\":\"Parkstad\"}");
  fx->szmh = wb_test_insert (fx->store, WB_RESOURCE_ORGANISATIONS,
                             "{\"code\":\"szmh\",\"name\":\"SZMH\",\"kind\":\"social_service\",\"region\":\"Maastricht-Heuvelland\"}");
  fx->wsp = wb_test_insert (fx->store, WB_RESOURCE_ORGANISATIONS,
                            "{\"code\":\"wsp-parkstad\",\"name\":\"WSP Parkstad\",\"kind\":\"wsp\",\"region\":\"Parkstad\"}");
  fx->heerlen = wb_test_insert_printf (fx->store, WB_RESOURCE_MUNICIPALITIES,
                                       "{\"code\":\"GM0917\",\"name\":\"Heerlen\",\"region\":\"Parkstad\",\"organisation_id\":%" G_GINT64_FORMAT "}",
                                       fx->heerlen_org);
  fx->brunssum = wb_test_insert_printf (fx->store, WB_RESOURCE_MUNICIPALITIES,
                                        "{\"code\":\"GM0899\",\"name\":\"Brunssum\",\"region\":\"Parkstad\",\"organisation_id\":%" G_GINT64_FORMAT "}",
                                        fx->bol);
  fx->landgraaf = wb_test_insert_printf (fx->store, WB_RESOURCE_MUNICIPALITIES,
                                         "{\"code\":\"GM0882\",\"name\":\"Landgraaf\",\"region\":\"Parkstad\",\"organisation_id\":%" G_GINT64_FORMAT "}",
                                         fx->bol);
  fx->maastricht = wb_test_insert_printf (fx->store, WB_RESOURCE_MUNICIPALITIES,
                                          "{\"code\":\"GM0935\",\"name\":\"Maastricht\",\"region\":\"Maastricht-Heuvelland\",\"organisation_id\":%" G_GINT64_FORMAT "}",
                                          fx->szmh);
  fx->employer = wb_test_insert_printf (fx->store, WB_RESOURCE_EMPLOYERS,
                                        "{\"kvk\":\"12345678\",\"name\":\"Zorggroep Test\",\"sector\":\"care\",\"employee_count\":80,"
                                        "\"pc4\":\"6411\",\"municipality_id\":%" G_GINT64_FORMAT "}", fx->heerlen);
}

static void
fx_teardown (Fx            *fx,
             gconstpointer  data)
{
  g_clear_object (&fx->store);
  wb_test_remove_dir (fx->dir);
  g_free (fx->dir);
  g_free (fx->path);
}

/* A citizen service number that passes the eleven-test, different each time. */
static char *
next_bsn (Fx *fx)
{
  while (TRUE)
    {
      char digits[10];
      int sum = 0;

      g_snprintf (digits, sizeof digits, "%08u", 10000000u + fx->bsn_counter++ * 7919u);
      for (int i = 0; i < 8; i++)
        sum += (9 - i) * (digits[i] - '0');
      if (sum % 11 != 10)
        return g_strdup_printf ("%s%d", digits, sum % 11);
    }
}

static gint64
municipality_org (Fx     *fx,
                  gint64  municipality)
{
  return municipality == fx->heerlen ? fx->heerlen_org : municipality == fx->maastricht ? fx->szmh : fx->bol;
}

static gint64
add_client (Fx         *fx,
            gint64      municipality,
            const char *group,
            int         capacity,
            int         birth_year)
{
  g_autofree char *bsn = next_bsn (fx);

  return wb_test_insert_printf (fx->store, WB_RESOURCE_CLIENTS,
                                "{\"organisation_id\":%" G_GINT64_FORMAT ",\"municipality_id\":%" G_GINT64_FORMAT ","
                                "\"given_name\":\"Test\",\"family_name\":\"Client\",\"bsn\":\"%s\",\"pc4\":\"6411\","
                                "\"birth_year\":%d,\"client_group\":\"%s\",\"work_capacity\":%d,\"phase\":\"intake\"}",
                                municipality_org (fx, municipality), municipality, bsn, birth_year, group, capacity);
}

/* An event; @extra is more JSON members ("\"outflow_type\":\"full\",..."), or NULL. */
static void
add_event (Fx         *fx,
           gint64      client,
           const char *kind,
           const char *date,
           const char *extra)
{
  wb_test_insert_printf (fx->store, WB_RESOURCE_EVENTS, "{\"client_id\":%" G_GINT64_FORMAT ",\"kind\":\"%s\",\"date\":\"%s\"%s%s}",
                         client, kind, date, extra != NULL ? "," : "", extra != NULL ? extra : "");
}

/* @n clients of a municipality with an intake on @intake; their ids in @ids when given. */
static void
add_clients (Fx         *fx,
             guint       n,
             gint64      municipality,
             const char *group,
             int         capacity,
             const char *intake,
             GArray     *ids)
{
  for (guint i = 0; i < n; i++)
    {
      gint64 client = add_client (fx, municipality, group, capacity, 1980);

      add_event (fx, client, "intake", intake, NULL);
      if (ids != NULL)
        g_array_append_val (ids, client);
    }
}

static WbMonitorResult *
query (Fx         *fx,
       const char *params)
{
  g_autoptr(GHashTable) table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) wb_field_error_free);
  g_auto(GStrv) pairs = g_strsplit (params, "&", -1);
  g_autoptr(GError) error = NULL;
  WbMonitorResult *result;
  WbMonitorQuery q;

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (pairs[i], "=", 2);

      g_hash_table_insert (table, g_strdup (pair[0]), g_strdup (pair[1]));
    }
  wb_monitor_query_init (&q);
  if (!wb_monitor_query_parse (&q, table, errors))
    g_error ("%s: %s", params, ((WbFieldError *) errors->pdata[0])->field);
  result = wb_store_monitor_query (fx->store, &q, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  wb_monitor_query_clear (&q);
  return result;
}

static const WbMonitorSeries *
find_series (const WbMonitorResult *result,
             const char            *key,
             const char            *by)
{
  for (guint s = 0; s < result->series->len; s++)
    {
      const WbMonitorSeries *series = result->series->pdata[s];

      if (g_strcmp0 (series->key, key) == 0 && g_strcmp0 (series->by, by) == 0)
        return series;
    }
  g_error ("no series %s/%s", key, by != NULL ? by : "-");
}

static const WbMonitorPoint *
find_point (const WbMonitorResult *result,
            const char            *key,
            const char            *by,
            const char            *period)
{
  const WbMonitorSeries *series = find_series (result, key, by);

  for (guint p = 0; p < series->points->len; p++)
    {
      const WbMonitorPoint *point = &g_array_index (series->points, WbMonitorPoint, p);
      char text[WB_PERIOD_TEXT_SIZE];

      wb_period_format (&point->period, text);
      if (g_str_equal (text, period))
        return point;
    }
  g_error ("no point %s in %s", period, key);
}

#define assert_value(result, key, by, period, expected)                                      \
  G_STMT_START {                                                                              \
    const WbMonitorPoint *p_ = find_point ((result), (key), (by), (period));                 \
    g_test_message ("%s %s %s", (key), (by) != NULL ? (by) : "", (period));                   \
    g_assert_cmpint (p_->reason, ==, WB_MONITOR_REASON_NONE);                                 \
    g_assert_true (p_->has_value);                                                            \
    g_assert_cmpfloat_with_epsilon (p_->value, (expected), 1e-6);                             \
  } G_STMT_END

#define assert_hidden(result, key, by, period, why)                                          \
  G_STMT_START {                                                                              \
    const WbMonitorPoint *p_ = find_point ((result), (key), (by), (period));                 \
    g_test_message ("%s %s %s hidden", (key), (by) != NULL ? (by) : "", (period));            \
    g_assert_false (p_->has_value);                                                           \
    g_assert_cmpint (p_->reason, ==, (why));                                                  \
  } G_STMT_END

/* The flows: intakes, outflows by type and reason, outflow to work (by reason or after a
 * placement), placements by sector, track starts, referrals and returns. Every count here is
 * 0 or at least 10, so nothing is hidden. */
static void
test_flows (Fx            *fx,
            gconstpointer  data)
{
  g_autoptr(GArray) heerlen = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) maastricht = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(WbMonitorResult) inflow = NULL;
  g_autoptr(WbMonitorResult) outflow = NULL;
  g_autoptr(WbMonitorResult) reasons = NULL;
  g_autoptr(WbMonitorResult) to_work = NULL;
  g_autoptr(WbMonitorResult) placements = NULL;
  g_autoptr(WbMonitorResult) others = NULL;
  g_autofree char *placement = g_strdup_printf ("\"employer_id\":%" G_GINT64_FORMAT ",\"hours\":36,\"contract\":\"temporary\","
                                                "\"outflow_type\":\"full\"", fx->employer);

  /* 30 intakes in Heerlen in February 2024, 20 in Maastricht in May 2024. */
  add_clients (fx, 30, fx->heerlen, "participatiewet", 60, "2024-02-10", heerlen);
  add_clients (fx, 20, fx->maastricht, "ww", 90, "2024-05-03", maastricht);
  for (guint i = 0; i < 30; i++)
    {
      gint64 c = g_array_index (heerlen, gint64, i);

      add_event (fx, c, "track_start", "2024-03-01", "\"instrument\":\"empowerment\"");
      if (i < 20)
        add_event (fx, c, "referral_wsp", "2024-04-01", NULL);
      if (i < 10)
        {
          /* Placed, and out a week later: outflow to work by the placement (the reason says
           * only "contract"). */
          add_event (fx, c, "placement", "2024-08-01", placement);
          add_event (fx, c, "outflow", "2024-08-08", "\"outflow_type\":\"full\",\"reason\":\"contract getekend\"");
        }
      else if (i < 20)
        /* Out for work, found alone, partly. */
        add_event (fx, c, "outflow", "2024-11-20", "\"outflow_type\":\"partial\",\"reason\":\"Werk gevonden\"");
      else
        /* Moved away in the next year. */
        add_event (fx, c, "outflow", "2025-01-15", "\"outflow_type\":\"full\",\"reason\":\"verhuizing\"");
    }
  for (guint i = 0; i < 20; i++)
    {
      gint64 c = g_array_index (maastricht, gint64, i);

      /* An outflow 40 days after a placement is not its outflow to work. */
      add_event (fx, c, "placement", "2024-06-01", placement);
      add_event (fx, c, "outflow", "2024-07-11", "\"outflow_type\":\"full\",\"reason\":\"overig\"");
      if (i < 10)
        add_event (fx, c, "return_to_benefit", "2024-09-01", "\"reason\":\"ontslag\"");
    }

  inflow = query (fx, "metric=inflow&level=municipality&period=quarter&from=2024&to=2024&as_of=2025-12-31");
  g_assert_cmpuint (inflow->series->len, ==, 4);
  assert_value (inflow, "GM0917", NULL, "2024-Q1", 30);
  assert_value (inflow, "GM0917", NULL, "2024-Q2", 0);
  assert_value (inflow, "GM0935", NULL, "2024-Q2", 20);
  assert_value (inflow, "GM0899", NULL, "2024-Q1", 0);
  g_clear_pointer (&inflow, wb_monitor_result_free);
  inflow = query (fx, "metric=inflow&level=subregion&period=year&from=2023&to=2025&as_of=2025-12-31");
  assert_value (inflow, "Parkstad", NULL, "2024", 30);
  assert_value (inflow, "Maastricht-Heuvelland", NULL, "2024", 20);
  assert_value (inflow, "Westelijke Mijnstreek", NULL, "2024", 0);
  assert_value (inflow, "Parkstad", NULL, "2023", 0);
  g_clear_pointer (&inflow, wb_monitor_result_free);
  inflow = query (fx, "metric=inflow&level=region&period=month&from=2024-02&to=2024-05&as_of=2025-12-31");
  assert_value (inflow, "Zuid-Limburg", NULL, "2024-02", 30);
  assert_value (inflow, "Zuid-Limburg", NULL, "2024-05", 20);
  assert_value (inflow, "Zuid-Limburg", NULL, "2024-03", 0);
  g_clear_pointer (&inflow, wb_monitor_result_free);
  /* By organisation; by the client's group. */
  inflow = query (fx, "metric=inflow&level=organisation&period=year&from=2024&to=2024&by=client_group&as_of=2025-12-31");
  assert_value (inflow, "gemeente-heerlen", "participatiewet", "2024", 30);
  assert_value (inflow, "szmh", "ww", "2024", 20);
  assert_value (inflow, "szmh", "participatiewet", "2024", 0);

  outflow = query (fx, "metric=outflow&level=region&period=year&from=2024&to=2025&by=outflow_type&as_of=2025-12-31");
  assert_value (outflow, "Zuid-Limburg", "full", "2024", 30);
  assert_value (outflow, "Zuid-Limburg", "partial", "2024", 10);
  assert_value (outflow, "Zuid-Limburg", "full", "2025", 10);
  reasons = query (fx, "metric=outflow&level=municipality&period=year&from=2024&to=2025&by=reason&as_of=2025-12-31");
  assert_value (reasons, "GM0917", "work", "2024", 20);
  assert_value (reasons, "GM0917", "moved", "2025", 10);
  assert_value (reasons, "GM0935", "other", "2024", 20);
  assert_value (reasons, "GM0935", "work", "2024", 0);

  to_work = query (fx, "metric=to_work&level=municipality&period=quarter&from=2024&to=2024&as_of=2025-12-31");
  assert_value (to_work, "GM0917", NULL, "2024-Q3", 10);
  assert_value (to_work, "GM0917", NULL, "2024-Q4", 10);
  assert_value (to_work, "GM0935", NULL, "2024-Q3", 0);

  placements = query (fx, "metric=placements&level=subregion&period=year&from=2024&to=2024&by=sector&as_of=2025-12-31");
  assert_value (placements, "Parkstad", "care", "2024", 10);
  assert_value (placements, "Maastricht-Heuvelland", "care", "2024", 20);
  assert_value (placements, "Parkstad", "logistics", "2024", 0);
  /* Care is an opportunity sector of Parkstad, not of Maastricht-Heuvelland. */
  g_assert_true (find_series (placements, "Parkstad", "care")->opportunity);
  g_assert_false (find_series (placements, "Maastricht-Heuvelland", "care")->opportunity);
  g_assert_true (find_series (placements, "Maastricht-Heuvelland", "hospitality")->opportunity);

  others = query (fx, "metric=activated&level=municipality&period=year&from=2024&to=2024&as_of=2025-12-31");
  assert_value (others, "GM0917", NULL, "2024", 30);
  g_clear_pointer (&others, wb_monitor_result_free);
  others = query (fx, "metric=referrals&level=municipality&period=year&from=2024&to=2024&as_of=2025-12-31");
  assert_value (others, "GM0917", NULL, "2024", 20);
  g_clear_pointer (&others, wb_monitor_result_free);
  others = query (fx, "metric=returns&level=municipality&period=year&from=2024&to=2024&as_of=2025-12-31");
  assert_value (others, "GM0935", NULL, "2024", 10);
  assert_value (others, "GM0917", NULL, "2024", 0);
  g_clear_pointer (&others, wb_monitor_result_free);

  /* The saved benefit: ten full outflows to work and ten partial ones without a placement
   * (one half each): 15 x 8,500; then Parkstad's own amount. */
  others = query (fx, "metric=benefit_saved&level=subregion&period=year&from=2024&to=2024&as_of=2025-12-31");
  assert_value (others, "Parkstad", NULL, "2024", 15 * 8500);
  g_clear_pointer (&others, wb_monitor_result_free);
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (wb_store_monitor_set_saved_benefit (fx->store, "Parkstad", 9000, &error));
    g_assert_no_error (error);
    g_assert_cmpint (wb_store_monitor_get_saved_benefit (fx->store, "Parkstad"), ==, 9000);
    g_assert_cmpint (wb_store_monitor_get_saved_benefit (fx->store, "Maastricht-Heuvelland"), ==, 8500);
    g_assert_false (wb_store_monitor_set_saved_benefit (fx->store, "Nergensland", 1, &error));
    g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID);
  }
  others = query (fx, "metric=benefit_saved&level=subregion&period=year&from=2024&to=2024&by=outflow_type&as_of=2025-12-31");
  assert_value (others, "Parkstad", "full", "2024", 10 * 9000);
  assert_value (others, "Parkstad", "partial", "2024", 5 * 9000);
}

/* The durable outflow: a return on the day six months later is a return, the day after it
 * is not; not yet known until six (twelve) months after the period. */
static void
test_durable (Fx            *fx,
              gconstpointer  data)
{
  static const struct {
    const char *returned;   /* NULL for none */
    gboolean durable_6m, durable_12m;
  } groups[] = {
    { NULL, TRUE, TRUE },
    { "2024-01-15", FALSE, FALSE },    /* the same day */
    { "2024-07-15", FALSE, FALSE },    /* six months later to the day */
    { "2024-07-16", TRUE, FALSE },     /* a day after that */
    { "2025-01-15", TRUE, FALSE },     /* twelve months later to the day */
    { "2025-01-16", TRUE, TRUE },
  };
  g_autoptr(WbMonitorResult) early = NULL;
  g_autoptr(WbMonitorResult) known = NULL;
  g_autoptr(WbMonitorResult) year = NULL;
  g_autoptr(WbMonitorResult) to_work = NULL;
  guint n6 = 0, n12 = 0;

  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    for (guint i = 0; i < 10; i++)
      {
        gint64 c = add_client (fx, fx->heerlen, "participatiewet", 80, 1990);

        add_event (fx, c, "intake", "2023-06-01", NULL);
        add_event (fx, c, "outflow", "2024-01-15", "\"outflow_type\":\"full\",\"reason\":\"werk\"");
        if (groups[g].returned != NULL)
          add_event (fx, c, "return_to_benefit", groups[g].returned, "\"reason\":\"ontslag\"");
      }
  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      n6 += groups[g].durable_6m * 10;
      n12 += groups[g].durable_12m * 10;
    }
  g_assert_cmpuint (n6, ==, 40);
  g_assert_cmpuint (n12, ==, 20);

  /* January ended on the 31st: known six months later, on 31 July. */
  early = query (fx, "metric=durable_6m&level=municipality&period=month&from=2024-01&to=2024-01&as_of=2024-07-30");
  assert_hidden (early, "GM0917", NULL, "2024-01", WB_MONITOR_REASON_NOT_YET_KNOWN);
  known = query (fx, "metric=durable_6m&level=municipality&period=month&from=2024-01&to=2024-01&as_of=2024-07-31");
  assert_value (known, "GM0917", NULL, "2024-01", n6);
  g_clear_pointer (&known, wb_monitor_result_free);
  /* The quarter: known on 30 September; provisional for a month after. */
  known = query (fx, "metric=durable_6m&level=subregion&period=quarter&from=2024-Q1&to=2024-Q2&as_of=2024-09-30");
  assert_value (known, "Parkstad", NULL, "2024-Q1", n6);
  g_assert_cmpint (find_point (known, "Parkstad", NULL, "2024-Q1")->status, ==, WB_MONITOR_STATUS_PROVISIONAL);
  assert_hidden (known, "Parkstad", NULL, "2024-Q2", WB_MONITOR_REASON_NOT_YET_KNOWN);
  g_clear_pointer (&known, wb_monitor_result_free);
  known = query (fx, "metric=durable_6m&level=subregion&period=quarter&from=2024-Q1&to=2024-Q1&as_of=2024-10-31");
  g_assert_cmpint (find_point (known, "Parkstad", NULL, "2024-Q1")->status, ==, WB_MONITOR_STATUS_FINAL);
  g_clear_pointer (&known, wb_monitor_result_free);
  known = query (fx, "metric=durable_12m&level=region&period=quarter&from=2024-Q1&to=2024-Q1&as_of=2025-03-31");
  assert_value (known, "Zuid-Limburg", NULL, "2024-Q1", n12);
  g_clear_pointer (&known, wb_monitor_result_free);
  known = query (fx, "metric=durable_12m&level=region&period=quarter&from=2024-Q1&to=2024-Q1&as_of=2025-03-30");
  assert_hidden (known, "Zuid-Limburg", NULL, "2024-Q1", WB_MONITOR_REASON_NOT_YET_KNOWN);

  /* The year is known when its December is; the outflow to work itself was known at once. */
  year = query (fx, "metric=durable_6m&level=region&period=year&from=2024&to=2024&as_of=2024-12-31");
  assert_hidden (year, "Zuid-Limburg", NULL, "2024", WB_MONITOR_REASON_NOT_YET_KNOWN);
  to_work = query (fx, "metric=to_work&level=region&period=year&from=2024&to=2024&as_of=2024-12-31");
  assert_value (to_work, "Zuid-Limburg", NULL, "2024", 60);
}

/* The caseload and the pool at the end of periods, by phase and track, and who left and
 * came back. */
static void
test_stocks (Fx            *fx,
             gconstpointer  data)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(WbMonitorResult) caseload = NULL;
  g_autoptr(WbMonitorResult) phases = NULL;
  g_autoptr(WbMonitorResult) tracks = NULL;
  g_autoptr(WbMonitorResult) pool = NULL;
  g_autoptr(WbMonitorResult) ages = NULL;

  /* 50 in Heerlen from 10 January 2024: 10 stay at intake, 10 diagnosed, 10 in a learn-work
   * track (development), 10 referred (work ready), 10 left fully in June and 10 of those
   * came back in October. */
  add_clients (fx, 50, fx->heerlen, "participatiewet", 70, "2024-01-10", ids);
  for (guint i = 10; i < 50; i++)
    {
      gint64 c = g_array_index (ids, gint64, i);

      if (i < 20)
        add_event (fx, c, "diagnosis", "2024-02-01", NULL);
      else if (i < 30)
        {
          add_event (fx, c, "diagnosis", "2024-02-01", NULL);
          add_event (fx, c, "track_start", "2024-03-01", "\"instrument\":\"learn_work_track\"");
          /* A later diagnosis does not send a client back. */
          add_event (fx, c, "diagnosis", "2024-05-01", NULL);
        }
      else if (i < 40)
        add_event (fx, c, "referral_wsp", "2024-04-01", NULL);
      else
        {
          add_event (fx, c, "outflow", "2024-06-30", "\"outflow_type\":\"full\",\"reason\":\"verhuizing\"");
          add_event (fx, c, "return_to_benefit", "2024-10-01", "\"reason\":\"terug\"");
        }
    }

  caseload = query (fx, "metric=caseload&level=municipality&period=month&from=2024-01&to=2024-12&as_of=2025-06-30");
  assert_value (caseload, "GM0917", NULL, "2024-01", 50);
  /* Out on 30 June: not there at the end of June. */
  assert_value (caseload, "GM0917", NULL, "2024-05", 50);
  assert_value (caseload, "GM0917", NULL, "2024-06", 40);
  assert_value (caseload, "GM0917", NULL, "2024-09", 40);
  assert_value (caseload, "GM0917", NULL, "2024-10", 50);
  /* Before the first intake, nobody. */
  g_clear_pointer (&caseload, wb_monitor_result_free);
  caseload = query (fx, "metric=caseload&level=region&period=quarter&from=2023-Q4&to=2024-Q1&as_of=2025-06-30");
  assert_value (caseload, "Zuid-Limburg", NULL, "2023-Q4", 0);
  assert_value (caseload, "Zuid-Limburg", NULL, "2024-Q1", 50);

  phases = query (fx, "metric=caseload&level=subregion&period=quarter&from=2024-Q2&to=2024-Q4&by=phase&as_of=2025-06-30");
  assert_value (phases, "Parkstad", "intake", "2024-Q2", 10);
  assert_value (phases, "Parkstad", "diagnosis", "2024-Q2", 10);
  assert_value (phases, "Parkstad", "development", "2024-Q2", 10);
  assert_value (phases, "Parkstad", "work_ready", "2024-Q2", 10);
  assert_value (phases, "Parkstad", "placed", "2024-Q2", 0);
  /* The ten who came back are in development again. */
  assert_value (phases, "Parkstad", "development", "2024-Q4", 20);
  tracks = query (fx, "metric=caseload&level=subregion&period=year&from=2024&to=2024&by=track&as_of=2025-06-30");
  assert_value (tracks, "Parkstad", "none", "2024", 20);
  assert_value (tracks, "Parkstad", "activering", "2024", 20);
  assert_value (tracks, "Parkstad", "plaatsing", "2024", 10);
  pool = query (fx, "metric=pool&level=municipality&period=year&from=2024&to=2024&as_of=2025-06-30");
  assert_value (pool, "GM0917", NULL, "2024", 10);
  /* Age at the end of 2024 of people born in 1980: 44. */
  ages = query (fx, "metric=caseload&level=region&period=year&from=2024&to=2024&by=age_band&as_of=2025-06-30");
  assert_value (ages, "Zuid-Limburg", "35-44", "2024", 50);
  assert_value (ages, "Zuid-Limburg", "45-54", "2024", 0);
  g_clear_pointer (&ages, wb_monitor_result_free);
  ages = query (fx, "metric=caseload&level=region&period=year&from=2025&to=2025&by=age_band&as_of=2025-06-30");
  assert_value (ages, "Zuid-Limburg", "45-54", "2025", 50);
  /* A period after the reference date has no figure yet; the one holding it is counted on
   * that day and provisional. */
  g_assert_cmpint (find_point (ages, "Zuid-Limburg", "45-54", "2025")->status, ==, WB_MONITOR_STATUS_PROVISIONAL);
  g_clear_pointer (&caseload, wb_monitor_result_free);
  caseload = query (fx, "metric=caseload&level=region&period=year&from=2025&to=2026&as_of=2025-06-30");
  assert_value (caseload, "Zuid-Limburg", NULL, "2025", 50);
  assert_hidden (caseload, "Zuid-Limburg", NULL, "2026", WB_MONITOR_REASON_NOT_YET_KNOWN);
}

/* Primary: 1 to 9 hidden, zero shown. Secondary along the periods and the areas: a month of
 * 3 makes its quarter's other month go, and every level above a municipality that is the
 * only one of its organisation, subregion and region. */
static void
test_suppression_periods_and_areas (Fx            *fx,
                                    gconstpointer  data)
{
  g_autoptr(WbMonitorResult) months = NULL;
  g_autoptr(WbMonitorResult) quarters = NULL;
  g_autoptr(WbMonitorResult) levels = NULL;
  g_autoptr(JsonNode) json = NULL;
  JsonObject *point;

  /* Maastricht only: 12 intakes in January 2024, 3 in February. */
  add_clients (fx, 12, fx->maastricht, "participatiewet", 60, "2024-01-20", NULL);
  add_clients (fx, 3, fx->maastricht, "participatiewet", 60, "2024-02-20", NULL);

  months = query (fx, "metric=inflow&level=municipality&period=month&from=2024-01&to=2024-04&as_of=2025-12-31");
  assert_hidden (months, "GM0935", NULL, "2024-02", WB_MONITOR_REASON_SMALL);
  /* January + February + March is the quarter: January would reveal February. */
  assert_hidden (months, "GM0935", NULL, "2024-01", WB_MONITOR_REASON_COMPLEMENT);
  assert_value (months, "GM0935", NULL, "2024-03", 0);
  assert_value (months, "GM0917", NULL, "2024-02", 0);
  quarters = query (fx, "metric=inflow&level=municipality&period=quarter&from=2024&to=2024&as_of=2025-12-31");
  assert_value (quarters, "GM0935", NULL, "2024-Q1", 15);
  /* The same at every level: Maastricht is all of SZMH, of its subregion and of the region's
   * intakes. */
  for (guint l = 0; l < 3; l++)
    {
      static const char * const params[] = {
        "metric=inflow&level=organisation&period=month&from=2024-01&to=2024-03&key=szmh&as_of=2025-12-31",
        "metric=inflow&level=subregion&period=month&from=2024-01&to=2024-03&key=Maastricht-Heuvelland&as_of=2025-12-31",
        "metric=inflow&level=region&period=month&from=2024-01&to=2024-03&as_of=2025-12-31",
      };
      static const char * const keys[] = { "szmh", "Maastricht-Heuvelland", "Zuid-Limburg" };

      levels = query (fx, params[l]);
      g_assert_cmpuint (levels->series->len, ==, 1);
      assert_hidden (levels, keys[l], NULL, "2024-01", WB_MONITOR_REASON_COMPLEMENT);
      assert_hidden (levels, keys[l], NULL, "2024-02", WB_MONITOR_REASON_SMALL);
      g_clear_pointer (&levels, wb_monitor_result_free);
    }

  /* In JSON: null, suppressed, and why. */
  json = wb_monitor_result_to_json (months);
  point = json_array_get_object_element (json_object_get_array_member (
            json_array_get_object_element (json_object_get_array_member (json_node_get_object (json), "series"), 3),
            "points"), 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (json_node_get_object (json), "series"), 3), "key"), ==, "GM0935");
  g_assert_true (json_object_get_null_member (point, "value"));
  g_assert_true (json_object_get_boolean_member (point, "suppressed"));
  g_assert_cmpstr (json_object_get_string_member (point, "reason"), ==, "small");
}

/* Secondary within a subregion and its organisations: Brunssum's 4 would follow from
 * Parkstad's total and Heerlen's, so Heerlen goes, and with it the organisation that is
 * Heerlen alone; ISD BOL is Brunssum and an empty Landgraaf: small too. */
static void
test_suppression_within_subregion (Fx            *fx,
                                   gconstpointer  data)
{
  g_autoptr(WbMonitorResult) municipalities = NULL;
  g_autoptr(WbMonitorResult) organisations = NULL;
  g_autoptr(WbMonitorResult) subregions = NULL;

  add_clients (fx, 30, fx->heerlen, "participatiewet", 60, "2024-03-01", NULL);
  add_clients (fx, 4, fx->brunssum, "participatiewet", 60, "2024-03-01", NULL);
  add_clients (fx, 25, fx->maastricht, "participatiewet", 60, "2024-03-01", NULL);

  municipalities = query (fx, "metric=caseload&level=municipality&period=year&from=2024&to=2024&as_of=2025-12-31");
  assert_hidden (municipalities, "GM0899", NULL, "2024", WB_MONITOR_REASON_SMALL);
  assert_hidden (municipalities, "GM0917", NULL, "2024", WB_MONITOR_REASON_COMPLEMENT);
  assert_value (municipalities, "GM0882", NULL, "2024", 0);
  assert_value (municipalities, "GM0935", NULL, "2024", 25);
  organisations = query (fx, "metric=caseload&level=organisation&period=year&from=2024&to=2024&as_of=2025-12-31");
  assert_hidden (organisations, "isd-bol", NULL, "2024", WB_MONITOR_REASON_SMALL);
  assert_hidden (organisations, "gemeente-heerlen", NULL, "2024", WB_MONITOR_REASON_COMPLEMENT);
  assert_value (organisations, "szmh", NULL, "2024", 25);
  /* WSP Parkstad has no clients: not listed for a count of clients. */
  g_assert_cmpuint (organisations->series->len, ==, 3);
  subregions = query (fx, "metric=caseload&level=subregion&period=year&from=2024&to=2024&as_of=2025-12-31");
  assert_value (subregions, "Parkstad", NULL, "2024", 34);
  assert_value (subregions, "Maastricht-Heuvelland", NULL, "2024", 25);
}

/* Secondary along a split, and a filter hides what the split hides. */
static void
test_suppression_split_and_filter (Fx            *fx,
                                   gconstpointer  data)
{
  g_autoptr(WbMonitorResult) split = NULL;
  g_autoptr(WbMonitorResult) filtered = NULL;
  g_autoptr(WbMonitorResult) small = NULL;
  g_autoptr(WbMonitorResult) total = NULL;

  add_clients (fx, 20, fx->maastricht, "participatiewet", 60, "2024-03-01", NULL);
  add_clients (fx, 4, fx->maastricht, "ww", 90, "2024-03-01", NULL);
  add_clients (fx, 15, fx->maastricht, "wajong", 40, "2024-03-01", NULL);

  split = query (fx, "metric=caseload&level=municipality&period=year&from=2024&to=2024&key=GM0935&by=client_group&as_of=2025-12-31");
  assert_value (split, "GM0935", "participatiewet", "2024", 20);
  assert_hidden (split, "GM0935", "ww", "2024", WB_MONITOR_REASON_SMALL);
  assert_hidden (split, "GM0935", "wajong", "2024", WB_MONITOR_REASON_COMPLEMENT);
  assert_value (split, "GM0935", "wia", "2024", 0);
  total = query (fx, "metric=caseload&level=municipality&period=year&from=2024&to=2024&key=GM0935&as_of=2025-12-31");
  assert_value (total, "GM0935", NULL, "2024", 39);

  /* client_group=wajong is the wajong column of the same table: hidden as well. */
  filtered = query (fx, "metric=caseload&level=municipality&period=year&from=2024&to=2024&key=GM0935&client_group=wajong&as_of=2025-12-31");
  g_assert_cmpuint (filtered->series->len, ==, 1);
  assert_hidden (filtered, "GM0935", NULL, "2024", WB_MONITOR_REASON_COMPLEMENT);
  g_assert_cmpstr (filtered->client_group, ==, "wajong");
  small = query (fx, "metric=caseload&level=municipality&period=year&from=2024&to=2024&key=GM0935&client_group=participatiewet&as_of=2025-12-31");
  assert_value (small, "GM0935", NULL, "2024", 20);
  /* Split by the filtered dimension: its one series. */
  g_clear_pointer (&small, wb_monitor_result_free);
  small = query (fx, "metric=caseload&level=municipality&period=year&from=2024&to=2024&key=GM0935&by=client_group&client_group=ww&as_of=2025-12-31");
  g_assert_cmpuint (small->series->len, ==, 1);
  assert_hidden (small, "GM0935", "ww", "2024", WB_MONITOR_REASON_SMALL);
}

static void
test_targets_and_keys (Fx            *fx,
                       gconstpointer  data)
{
  g_autoptr(WbMonitorResult) subregions = NULL;
  g_autoptr(WbMonitorResult) split = NULL;
  g_autoptr(WbMonitorResult) municipality = NULL;
  g_autoptr(WbMonitorResult) region = NULL;
  g_autoptr(GError) error = NULL;
  const WbMonitorSeries *series;

  add_clients (fx, 12, fx->maastricht, "participatiewet", 60, "2024-03-01", NULL);
  wb_test_insert (fx->store, WB_RESOURCE_TARGETS,
                  "{\"metric\":\"inflow\",\"level\":\"region\",\"level_key\":\"Maastricht-Heuvelland\",\"period\":\"2024\",\"value\":20}");
  wb_test_insert (fx->store, WB_RESOURCE_TARGETS,
                  "{\"metric\":\"inflow\",\"level\":\"region\",\"level_key\":\"Maastricht-Heuvelland\",\"period\":\"2030\",\"value\":99}");
  wb_test_insert (fx->store, WB_RESOURCE_TARGETS,
                  "{\"metric\":\"inflow\",\"level\":\"municipality\",\"level_key\":\"Maastricht\",\"period\":\"2024-Q1\",\"value\":10}");
  wb_test_insert (fx->store, WB_RESOURCE_TARGETS,
                  "{\"metric\":\"inflow\",\"level\":\"zuid_limburg\",\"level_key\":\"Zuid-Limburg\",\"period\":\"2024\",\"value\":500}");
  wb_test_insert (fx->store, WB_RESOURCE_TARGETS,
                  "{\"metric\":\"outflow\",\"level\":\"region\",\"level_key\":\"Maastricht-Heuvelland\",\"period\":\"2024\",\"value\":7}");

  subregions = query (fx, "metric=inflow&level=subregion&period=quarter&from=2024&to=2025&as_of=2025-12-31");
  series = find_series (subregions, "Maastricht-Heuvelland", NULL);
  g_assert_cmpuint (series->targets->len, ==, 1);
  g_assert_cmpfloat (g_array_index (series->targets, WbMonitorTarget, 0).value, ==, 20);
  g_assert_cmpint (g_array_index (series->targets, WbMonitorTarget, 0).period.year, ==, 2024);
  g_assert_cmpint (g_array_index (series->targets, WbMonitorTarget, 0).id, >, 0);
  g_assert_cmpuint (find_series (subregions, "Parkstad", NULL)->targets->len, ==, 0);
  municipality = query (fx, "metric=inflow&level=municipality&period=quarter&from=2024&to=2024&key=Maastricht&as_of=2025-12-31");
  g_assert_cmpuint (municipality->series->len, ==, 1);
  g_assert_cmpstr (find_series (municipality, "GM0935", NULL)->name, ==, "Maastricht");
  g_assert_cmpuint (find_series (municipality, "GM0935", NULL)->targets->len, ==, 1);
  region = query (fx, "metric=inflow&level=region&period=year&from=2024&to=2024&as_of=2025-12-31");
  g_assert_cmpfloat (g_array_index (find_series (region, "Zuid-Limburg", NULL)->targets, WbMonitorTarget, 0).value, ==, 500);
  /* A split series has none. */
  split = query (fx, "metric=inflow&level=subregion&period=year&from=2024&to=2024&by=client_group&as_of=2025-12-31");
  g_assert_cmpuint (find_series (split, "Maastricht-Heuvelland", "participatiewet")->targets->len, ==, 0);

  /* A key that names nothing. */
  {
    WbMonitorQuery q;
    g_autoptr(WbMonitorResult) none = NULL;

    wb_monitor_query_init (&q);
    q.metric = WB_MONITOR_INFLOW;
    q.level = WB_MONITOR_LEVEL_MUNICIPALITY;
    q.key = g_strdup ("GM9999");
    none = wb_store_monitor_query (fx->store, &q, &error);
    g_assert_null (none);
    g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, "GM9999"));
    wb_monitor_query_clear (&q);
  }
}

/* The index follows what is written: through the store, and by another connection. */
static void
test_follows_writes (Fx            *fx,
                     gconstpointer  data)
{
  g_autoptr(WbMonitorResult) before = NULL;
  g_autoptr(WbMonitorResult) after = NULL;
  g_autoptr(WbMonitorResult) moved = NULL;
  g_autoptr(WbMonitorResult) outside = NULL;
  g_autoptr(GError) error = NULL;
  WbMonitorIndexStats stats = { 0 };
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3 *other = NULL;
  guint rebuilds;

  add_clients (fx, 20, fx->heerlen, "participatiewet", 60, "2024-03-01", ids);
  add_clients (fx, 15, fx->maastricht, "participatiewet", 60, "2024-03-01", NULL);
  before = query (fx, "metric=inflow&level=municipality&period=year&from=2024&to=2024&as_of=2025-12-31");
  assert_value (before, "GM0917", NULL, "2024", 20);
  g_assert_true (wb_store_monitor_refresh (fx->store, &stats, &error));
  rebuilds = stats.n_rebuilds;
  g_assert_cmpuint (stats.n_clients, ==, 35);
  g_assert_cmpstr (stats.latest_event, ==, "2024-03-01");

  /* Ten more intakes and one client moved to Maastricht: read again, not rebuilt. */
  add_clients (fx, 10, fx->heerlen, "participatiewet", 60, "2024-05-01", NULL);
  {
    g_autoptr(JsonObject) changes = json_object_new ();

    json_object_set_int_member (changes, "municipality_id", fx->maastricht);
    g_assert_true (wb_store_update (fx->store, WB_RESOURCE_CLIENTS, g_array_index (ids, gint64, 0), 1, changes, &error));
    g_assert_no_error (error);
  }
  after = query (fx, "metric=inflow&level=municipality&period=year&from=2024&to=2024&as_of=2025-12-31");
  assert_value (after, "GM0917", NULL, "2024", 29);
  assert_value (after, "GM0935", NULL, "2024", 16);
  wb_monitor_index_stats_clear (&stats);
  g_assert_true (wb_store_monitor_refresh (fx->store, &stats, &error));
  g_assert_cmpuint (stats.n_rebuilds, ==, rebuilds);
  g_assert_cmpuint (stats.n_reloaded, >=, 11);
  g_assert_cmpuint (stats.n_clients, ==, 45);

  /* Another connection writes (an import on the same file): seen through data_version. */
  g_assert_cmpint (sqlite3_open (fx->path, &other), ==, SQLITE_OK);
  {
    g_autofree char *sql = g_strdup_printf ("INSERT INTO events (client_id, kind, date, created_at) VALUES (%" G_GINT64_FORMAT
                                            ", 'outflow', '2024-06-01', '2024-06-01T00:00:00Z')", g_array_index (ids, gint64, 1));

    g_assert_cmpint (sqlite3_exec (other, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  }
  outside = query (fx, "metric=outflow&level=municipality&period=year&from=2024&to=2024&as_of=2025-12-31");
  assert_hidden (outside, "GM0917", NULL, "2024", WB_MONITOR_REASON_SMALL);
  /* A deletion builds the index anew. */
  g_assert_cmpint (sqlite3_exec (other, "DELETE FROM events WHERE kind = 'outflow'", NULL, NULL, NULL), ==, SQLITE_OK);
  moved = query (fx, "metric=outflow&level=municipality&period=year&from=2024&to=2024&as_of=2025-12-31");
  assert_value (moved, "GM0917", NULL, "2024", 0);
  wb_monitor_index_stats_clear (&stats);
  g_assert_true (wb_store_monitor_refresh (fx->store, &stats, &error));
  g_assert_cmpuint (stats.n_rebuilds, ==, rebuilds + 1);
  wb_monitor_index_stats_clear (&stats);
  sqlite3_close (other);
}

/* The intake event of @client. */
static gint64
intake_of (Fx     *fx,
           gint64  client)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 id = 0;

  g_assert_cmpint (sqlite3_open (fx->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id FROM events WHERE client_id = ?1 AND kind = 'intake'", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, client);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* A withdrawn event counts no more, and a corrected one counts as its correction says:
 * at once, as the index follows the new events. */
static void
test_corrections (Fx            *fx,
                  gconstpointer  data)
{
  g_autoptr(WbMonitorResult) before = NULL;
  g_autoptr(WbMonitorResult) after = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  add_clients (fx, 14, fx->heerlen, "participatiewet", 60, "2024-03-01", ids);
  before = query (fx, "metric=inflow&level=municipality&period=year&from=2024&to=2024&as_of=2025-12-31");
  assert_value (before, "GM0917", NULL, "2024", 14);

  for (guint i = 0; i < 2; i++)
    {
      gint64 client = g_array_index (ids, gint64, i);

      wb_test_insert_printf (fx->store, WB_RESOURCE_EVENTS,
                             "{\"client_id\":%" G_GINT64_FORMAT ",\"kind\":\"withdrawal\",\"date\":\"2024-04-01\","
                             "\"corrects_id\":%" G_GINT64_FORMAT ",\"correction_reason\":\"Verkeerde klant\"}",
                             client, intake_of (fx, client));
    }
  {
    gint64 client = g_array_index (ids, gint64, 2);

    wb_test_insert_printf (fx->store, WB_RESOURCE_EVENTS,
                           "{\"client_id\":%" G_GINT64_FORMAT ",\"kind\":\"intake\",\"date\":\"2023-11-01\","
                           "\"corrects_id\":%" G_GINT64_FORMAT ",\"correction_reason\":\"Datum verkeerd\"}",
                           client, intake_of (fx, client));
  }
  after = query (fx, "metric=inflow&level=municipality&period=year&from=2024&to=2024&as_of=2025-12-31");
  assert_value (after, "GM0917", NULL, "2024", 11);
}

/* Vacancies by sector, open at the end and filled in the period; the tension against the
 * pool's candidates by their sector preferences. */
static void
test_vacancies_and_tension (Fx            *fx,
                            gconstpointer  data)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(WbMonitorResult) open = NULL;
  g_autoptr(WbMonitorResult) filled = NULL;
  g_autoptr(WbMonitorResult) tension = NULL;
  g_autoptr(WbMonitorResult) overall = NULL;
  g_autofree char *placement = g_strdup_printf ("\"employer_id\":%" G_GINT64_FORMAT ",\"hours\":36,\"contract\":\"temporary\","
                                                "\"outflow_type\":\"full\"", fx->employer);

  /* 30 open care vacancies from January 2024; 10 more, filled on 15 March by a placement
   * (one each); 5 closed unfilled at the end of April. */
  for (guint i = 0; i < 45; i++)
    {
      const char *status = i < 30 ? "open" : i < 40 ? "filled" : "closed";
      gint64 vacancy = wb_test_insert_printf (fx->store, WB_RESOURCE_VACANCIES,
                                              "{\"employer_id\":%" G_GINT64_FORMAT ",\"title\":\"Helpende\",\"sector\":\"care\","
                                              "\"hours\":24,\"pc4\":\"6411\",\"positions\":1,\"opened_at\":\"2024-01-05\","
                                              "\"closes_at\":\"2024-04-30\",\"status\":\"%s\"}", fx->employer, status);

      if (i >= 30 && i < 40)
        {
          gint64 c = add_client (fx, fx->maastricht, "ww", 90, 1985);
          g_autofree char *extra = g_strdup_printf ("%s,\"vacancy_id\":%" G_GINT64_FORMAT, placement, vacancy);

          add_event (fx, c, "intake", "2023-10-01", NULL);
          add_event (fx, c, "placement", "2024-03-15", extra);
        }
    }
  /* 15 candidates in Heerlen's pool, who all prefer care. */
  add_clients (fx, 15, fx->heerlen, "participatiewet", 90, "2023-11-01", ids);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(JsonObject) changes = json_object_new ();
      g_autoptr(GError) error = NULL;
      JsonArray *sectors = json_array_new ();

      add_event (fx, g_array_index (ids, gint64, i), "referral_wsp", "2023-12-01", NULL);
      json_array_add_string_element (sectors, "care");
      json_object_set_array_member (changes, "sector_preferences", sectors);
      g_assert_true (wb_store_update (fx->store, WB_RESOURCE_CLIENTS, g_array_index (ids, gint64, i), 1, changes, &error));
      g_assert_no_error (error);
    }

  open = query (fx, "metric=vacancies_open&level=municipality&period=month&from=2024-01&to=2024-05&by=sector&key=GM0917&as_of=2025-12-31");
  assert_value (open, "GM0917", "care", "2024-01", 45);
  assert_value (open, "GM0917", "care", "2024-02", 45);
  assert_value (open, "GM0917", "care", "2024-03", 35);
  assert_value (open, "GM0917", "care", "2024-04", 30);
  assert_value (open, "GM0917", "logistics", "2024-04", 0);
  g_assert_true (find_series (open, "GM0917", "care")->opportunity);
  filled = query (fx, "metric=vacancies_filled&level=organisation&period=quarter&from=2024&to=2024&as_of=2025-12-31");
  /* The vacancies were taken in by no organisation: only those with an organisation are
   * listed; the subregion has them all. */
  g_clear_pointer (&filled, wb_monitor_result_free);
  filled = query (fx, "metric=vacancies_filled&level=subregion&period=quarter&from=2024&to=2024&as_of=2025-12-31");
  assert_value (filled, "Parkstad", NULL, "2024-Q1", 10);
  assert_value (filled, "Parkstad", NULL, "2024-Q2", 0);

  /* 30 open over 15 candidates for care. */
  tension = query (fx, "metric=tension&level=municipality&period=quarter&from=2024-Q2&to=2024-Q2&by=sector&key=GM0917&as_of=2025-12-31");
  assert_value (tension, "GM0917", "care", "2024-Q2", 2.0);
  assert_hidden (tension, "GM0917", "logistics", "2024-Q2", WB_MONITOR_REASON_UNDEFINED);
  overall = query (fx, "metric=tension&level=subregion&period=quarter&from=2024-Q2&to=2024-Q2&as_of=2025-12-31");
  assert_value (overall, "Parkstad", NULL, "2024-Q2", 2.0);
}

/* The CBS figures: imported from a file of that layout, summed over the levels; merged
 * municipalities count in their successor. */
static void
test_cbs (Fx            *fx,
          gconstpointer  data)
{
  g_autofree char *csv = g_build_filename (fx->dir, "cbs.csv", NULL);
  g_autoptr(WbImportReport) report = wb_import_report_new ();
  g_autoptr(WbImportReport) again = wb_import_report_new ();
  g_autoptr(WbMonitorResult) recipients = NULL;
  g_autoptr(WbMonitorResult) to_work = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (csv,
                                      "year,gemeentecode,gemeente,regio,inwoners_15plus,bijstandsontvangers,"
                                      "bijstandsdichtheid_per_1000,uitstroom_naar_werk,personen_met_reintegratievoorziening,wsw_werknemers\n"
                                      "2017,GM0917,Heerlen,Parkstad,75650,5100,67.5,640,2780,1220\n"
                                      "2017,GM0899,Brunssum,Parkstad,24570,1030,42.0,130,190,460\n"
                                      "2017,GM0999,Landgraaf oud (nu Landgraaf),Parkstad,100,20,1,.,.,.\n"
                                      "2017,GM0935,Maastricht,Maastricht-Heuvelland,109780,4440,40.5,460,2050,920\n"
                                      "2017,XX1,Nergens,Parkstad,1,1,1,1,1,1\n"
                                      "2016,GM0917,Heerlen,Parkstad,75990,5240,69.0,660,2140,1290\n", -1, NULL));
  g_assert_true (wb_import_cbs (fx->store, csv, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_read, ==, 6);
  g_assert_cmpuint (report->n_imported, ==, 5);
  g_assert_cmpuint (report->n_failed, ==, 1);
  /* Again: updated, not doubled. */
  g_assert_true (wb_import_cbs (fx->store, csv, again, &error));
  g_assert_cmpuint (again->n_updated, ==, 5);
  g_assert_cmpint (wb_store_count (fx->store, "cbs_social_assistance"), ==, 5);

  recipients = query (fx, "metric=cbs_recipients&level=municipality&period=year&from=2016&to=2018");
  assert_value (recipients, "GM0917", NULL, "2017", 5100);
  assert_value (recipients, "GM0917", NULL, "2016", 5240);
  assert_value (recipients, "GM0882", NULL, "2017", 20);
  assert_hidden (recipients, "GM0917", NULL, "2018", WB_MONITOR_REASON_NO_DATA);
  g_clear_pointer (&recipients, wb_monitor_result_free);
  recipients = query (fx, "metric=cbs_recipients&level=organisation&period=year&from=2017&to=2017");
  assert_value (recipients, "isd-bol", NULL, "2017", 1050);
  g_clear_pointer (&recipients, wb_monitor_result_free);
  recipients = query (fx, "metric=cbs_recipients&level=region&period=year&from=2017&to=2017");
  assert_value (recipients, "Zuid-Limburg", NULL, "2017", 5100 + 1030 + 20 + 4440);
  to_work = query (fx, "metric=cbs_to_work&level=subregion&period=year&from=2017&to=2017");
  /* Landgraaf oud has no outflow figure ("."): it counts for nothing. */
  assert_value (to_work, "Parkstad", NULL, "2017", 640 + 130);
  g_assert_cmpint (find_point (to_work, "Parkstad", NULL, "2017")->status, ==, WB_MONITOR_STATUS_FINAL);

  /* A file of another shape: nothing. */
  {
    g_autofree char *bad = g_build_filename (fx->dir, "bad.csv", NULL);
    g_autoptr(WbImportReport) none = wb_import_report_new ();
    g_autoptr(GError) bad_error = NULL;

    g_assert_true (g_file_set_contents (bad, "jaar;plaats\n2017;Heerlen\n", -1, NULL));
    g_assert_false (wb_import_cbs (fx->store, bad, none, &bad_error));
    g_assert_error (bad_error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID);
  }
}

/* The real file of ../shared/data, when it is there. */
static void
test_cbs_shared (Fx            *fx,
                 gconstpointer  data)
{
  const char *shared = wb_test_shared_data ();
  g_autofree char *path = NULL;
  g_autoptr(WbImportReport) report = wb_import_report_new ();
  g_autoptr(WbMonitorResult) region = NULL;
  g_autoptr(WbMonitorResult) beekdaelen = NULL;
  g_autoptr(GError) error = NULL;

  if (shared == NULL)
    return;
  path = g_build_filename (shared, "cbs", "cbs_bijstand_zuid_limburg_2015_2017.csv", NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("no CBS file in the shared data");
      return;
    }
  wb_test_insert (fx->store, WB_RESOURCE_MUNICIPALITIES,
                  "{\"code\":\"GM1954\",\"name\":\"Beekdaelen\",\"region\":\"Parkstad\"}");
  g_assert_true (wb_import_cbs (fx->store, path, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_imported, ==, 54);
  g_assert_cmpuint (report->n_failed, ==, 0);
  /* Nuth, Onderbanken and Schinnen are Beekdaelen now: 220 + 190 + 210 in 2017. */
  beekdaelen = query (fx, "metric=cbs_recipients&level=municipality&period=year&from=2015&to=2017&key=GM1954");
  assert_value (beekdaelen, "GM1954", NULL, "2017", 620);
  assert_value (beekdaelen, "GM1954", NULL, "2015", 640);
  /* The fixture's region holds Heerlen, Brunssum, Landgraaf, Maastricht and Beekdaelen. */
  region = query (fx, "metric=cbs_to_work&level=region&period=year&from=2017&to=2017");
  assert_value (region, "Zuid-Limburg", NULL, "2017", 640 + 130 + 190 + 460 + 40 + 20 + 20);
}

/* A database of the schema before the monitor (3) comes up to date with its data. */
static void
test_migration (void)
{
  g_autofree char *dir = wb_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autoptr(WbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (wb_store_get_latest_schema_version (), >=, 4);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  for (guint m = 0; m < 3; m++)
    g_assert_cmpint (sqlite3_exec (db, wb_store_migrations[m], NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 3;"
                                 "INSERT INTO targets (metric, level, level_key, period, value, created_at, updated_at) "
                                 "VALUES ('outflow', 'region', 'Parkstad', '2024', 12, 'x', 'x')", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = wb_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wb_store_get_schema_version (store), ==, wb_store_get_latest_schema_version ());
  g_assert_cmpint (wb_store_count (store, "targets"), ==, 1);
  g_assert_cmpint (wb_store_count (store, "monitor_settings"), ==, 0);
  g_assert_cmpint (wb_store_count (store, "cbs_social_assistance"), ==, 0);
  g_assert_cmpint (wb_store_monitor_get_saved_benefit (store, "Parkstad"), ==, WB_MONITOR_DEFAULT_SAVED_BENEFIT);
  g_assert_true (wb_store_monitor_set_saved_benefit (store, "Parkstad", 8000, &error));
  g_assert_cmpint (wb_store_monitor_get_saved_benefit (store, "Parkstad"), ==, 8000);

  g_clear_object (&store);
  wb_test_remove_dir (dir);
}

/* The demo's figures against a second computation: plain SQL over the events, by the
 * definitions in docs/monitor.md. */

/* In the caseload at the end of @day: the latest intake, return or full outflow on or
 * before it (by date, then the order written) is an intake or a return. */
#define IN_CASELOAD(day) \
  "(SELECT e.kind FROM events e WHERE e.client_id = c.id AND e.date <= '" day "' AND (e.kind IN ('intake', " \
  "'return_to_benefit') OR (e.kind = 'outflow' AND e.outflow_type = 'full')) ORDER BY e.date DESC, e.id DESC " \
  "LIMIT 1) IN ('intake', 'return_to_benefit')"
/* The entry that began it. */
#define ENTRY(day) \
  "(SELECT e.id FROM events e WHERE e.client_id = c.id AND e.date <= '" day "' AND e.kind IN ('intake', " \
  "'return_to_benefit') ORDER BY e.date DESC, e.id DESC LIMIT 1)"
/* An outflow to work: its reason is work, or a placement was up to 31 days before it. */
#define TO_WORK \
  "(o.reason LIKE '%%werk%%' OR EXISTS (SELECT 1 FROM events p WHERE p.client_id = o.client_id AND p.kind = 'placement' " \
  "AND p.date BETWEEN date (o.date, '-31 days') AND o.date))"
/* Six months after an outflow: the same day, or the end of a shorter month. */
#define SIX_MONTHS "min (date (o.date, '+6 months'), date (o.date, 'start of month', '+7 months', '-1 day'))"

static void
compare (const WbMonitorResult *result,
         const char            *key,
         const char            *period,
         gint64                 expected)
{
  const WbMonitorPoint *point = find_point (result, key, NULL, period);

  g_test_message ("%s %s %s: %" G_GINT64_FORMAT " in SQL", wb_monitor_metric_to_string (result->metric), key, period, expected);
  if (point->has_value)
    g_assert_cmpfloat (point->value, ==, (double) expected);
  else if (point->reason == WB_MONITOR_REASON_SMALL)
    {
      g_assert_cmpint (expected, >=, 1);
      g_assert_cmpint (expected, <, WB_MONITOR_MIN_COUNT);
    }
  else
    {
      /* A complement is never zero. */
      g_assert_cmpint (point->reason, ==, WB_MONITOR_REASON_COMPLEMENT);
      g_assert_cmpint (expected, >, 0);
    }
}

static void
test_demo_against_sql (void)
{
  g_autofree char *dir = wb_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  const char *shared = g_getenv ("WB_SHARED_DATA");
  g_autofree char *cbs = shared != NULL ? g_build_filename (shared, "cbs", "cbs_bijstand_zuid_limburg_2015_2017.csv", NULL) : NULL;
  g_autoptr(WbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  WbDemoOptions options = { .n_clients = 3000, .n_employers = 300, .n_vacancies = 150, .seed = 5 };
  static const char * const years[] = { "2022", "2023", "2024", "2025" };
  static const char * const ends[] = { "2022-12-31", "2023-12-31", "2024-12-31", "2025-12-31" };
  g_autoptr(WbMonitorResult) caseload = NULL;
  g_autoptr(WbMonitorResult) pool = NULL;
  g_autoptr(WbMonitorResult) inflow = NULL;
  g_autoptr(WbMonitorResult) to_work = NULL;
  g_autoptr(WbMonitorResult) durable = NULL;
  g_autoptr(WbMonitorResult) municipalities = NULL;
  Fx fx = { 0 };
  sqlite3 *db = NULL;

  if (cbs != NULL && g_file_test (cbs, G_FILE_TEST_IS_REGULAR))
    options.cbs_path = cbs;
  store = wb_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (wb_demo_generate (store, &options, &error));
  g_assert_no_error (error);
  fx.store = store;
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);

  caseload = query (&fx, "metric=caseload&level=region&period=year&from=2022&to=2025");
  pool = query (&fx, "metric=pool&level=region&period=year&from=2022&to=2025");
  inflow = query (&fx, "metric=inflow&level=region&period=year&from=2022&to=2025");
  to_work = query (&fx, "metric=to_work&level=region&period=year&from=2022&to=2025");
  durable = query (&fx, "metric=durable_6m&level=region&period=year&from=2022&to=2025");
  g_assert_cmpstr (caseload->as_of, ==, "2026-10-31");
  for (guint y = 0; y < G_N_ELEMENTS (years); y++)
    {
      g_autofree char *case_sql = NULL, *pool_sql = NULL, *inflow_sql = NULL, *work_sql = NULL, *durable_sql = NULL;

#define END_OF(y) ends[y]
      case_sql = g_strdup_printf ("SELECT count (*) FROM clients c WHERE " IN_CASELOAD ("%1$s"), END_OF (y));
      /* The pool: referred since the entry, and no placement, after-care or partial
       * outflow since. */
      pool_sql = g_strdup_printf ("SELECT count (*) FROM clients c WHERE " IN_CASELOAD ("%1$s") " AND EXISTS (SELECT 1 "
                                  "FROM events r, events n WHERE n.id = " ENTRY ("%1$s") " AND r.client_id = c.id "
                                  "AND r.kind = 'referral_wsp' AND r.date <= '%1$s' AND (r.date > n.date OR (r.date = n.date "
                                  "AND r.id > n.id))) AND NOT EXISTS (SELECT 1 FROM events r, events n WHERE n.id = "
                                  ENTRY ("%1$s") " AND r.client_id = c.id AND (r.kind IN ('placement', 'after_care') OR "
                                  "(r.kind = 'outflow' AND r.outflow_type = 'partial')) AND r.date <= '%1$s' AND "
                                  "(r.date > n.date OR (r.date = n.date AND r.id > n.id)))", END_OF (y));
      inflow_sql = g_strdup_printf ("SELECT count (*) FROM events WHERE kind = 'intake' AND substr (date, 1, 4) = '%s'", years[y]);
      work_sql = g_strdup_printf ("SELECT count (*) FROM events o WHERE o.kind = 'outflow' AND substr (o.date, 1, 4) = '%s' "
                                  "AND " TO_WORK, years[y]);
      durable_sql = g_strdup_printf ("SELECT count (*) FROM events o WHERE o.kind = 'outflow' AND substr (o.date, 1, 4) = '%s' "
                                     "AND " TO_WORK " AND NOT EXISTS (SELECT 1 FROM events r WHERE r.client_id = o.client_id "
                                     "AND r.kind = 'return_to_benefit' AND r.date >= o.date AND r.date <= " SIX_MONTHS ")",
                                     years[y]);
#undef END_OF
      compare (caseload, "Zuid-Limburg", years[y], wb_test_sql_int (db, case_sql));
      compare (pool, "Zuid-Limburg", years[y], wb_test_sql_int (db, pool_sql));
      compare (inflow, "Zuid-Limburg", years[y], wb_test_sql_int (db, inflow_sql));
      compare (to_work, "Zuid-Limburg", years[y], wb_test_sql_int (db, work_sql));
      compare (durable, "Zuid-Limburg", years[y], wb_test_sql_int (db, durable_sql));
    }

  /* Every municipality's caseload at the end of 2024, hidden or not as the counts say. */
  municipalities = query (&fx, "metric=caseload&level=municipality&period=year&from=2024&to=2024");
  for (guint s = 0; s < municipalities->series->len; s++)
    {
      const WbMonitorSeries *series = municipalities->series->pdata[s];
      g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM clients c JOIN municipalities m ON m.id = c.municipality_id "
                                              "WHERE m.code = '%s' AND " IN_CASELOAD ("2024-12-31"), series->key);

      compare (municipalities, series->key, "2024", wb_test_sql_int (db, sql));
    }

  /* The record agrees with the timeline on the end day: who is active, and the pool. */
  {
    g_autoptr(WbMonitorResult) now = query (&fx, "metric=caseload&level=region&period=month&from=2026-10&to=2026-10");
    g_autoptr(WbMonitorResult) pool_now = query (&fx, "metric=pool&level=region&period=month&from=2026-10&to=2026-10");

    compare (now, "Zuid-Limburg", "2026-10", wb_test_sql_int (db, "SELECT count (*) FROM clients WHERE status = 'active'"));
    compare (pool_now, "Zuid-Limburg", "2026-10", wb_test_sql_int (db, "SELECT count (*) FROM clients WHERE in_pool = 1"));
  }

  /* The outflow to work per client on social assistance in the files, as CBS's outflow to
   * work per recipient: within a fifth of it for the region over four years. */
  if (options.cbs_path != NULL)
    {
      g_autoptr(WbMonitorResult) work = query (&fx, "metric=to_work&level=region&period=year&from=2022&to=2025&client_group=participatiewet");
      g_autoptr(WbMonitorResult) files = query (&fx, "metric=caseload&level=region&period=year&from=2022&to=2025&client_group=participatiewet");
      g_autoptr(WbMonitorResult) cbs_work = query (&fx, "metric=cbs_to_work&level=region&period=year&from=2017&to=2017");
      g_autoptr(WbMonitorResult) cbs_recipients = query (&fx, "metric=cbs_recipients&level=region&period=year&from=2017&to=2017");
      double outflow = 0, stock = 0, cbs_rate;

      for (guint y = 0; y < G_N_ELEMENTS (years); y++)
        {
          outflow += find_point (work, "Zuid-Limburg", NULL, years[y])->value;
          stock += find_point (files, "Zuid-Limburg", NULL, years[y])->value;
        }
      cbs_rate = find_point (cbs_work, "Zuid-Limburg", NULL, "2017")->value /
                 find_point (cbs_recipients, "Zuid-Limburg", NULL, "2017")->value;
      g_test_message ("outflow to work per client on social assistance: demo %.3f, CBS %.3f", outflow / stock, cbs_rate);
      g_assert_cmpfloat (cbs_rate, >, 0.11);
      g_assert_cmpfloat (cbs_rate, <, 0.12);
      g_assert_cmpfloat (outflow / stock, >, cbs_rate * 0.8);
      g_assert_cmpfloat (outflow / stock, <, cbs_rate * 1.2);
    }

  sqlite3_close (db);
  g_clear_object (&store);
  wb_test_remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ((path), Fx, NULL, fx_setup, (func), fx_teardown)
  ADD ("/store/monitor/flows", test_flows);
  ADD ("/store/monitor/durable", test_durable);
  ADD ("/store/monitor/stocks", test_stocks);
  ADD ("/store/monitor/suppression/periods-and-areas", test_suppression_periods_and_areas);
  ADD ("/store/monitor/suppression/within-subregion", test_suppression_within_subregion);
  ADD ("/store/monitor/suppression/split-and-filter", test_suppression_split_and_filter);
  ADD ("/store/monitor/targets-and-keys", test_targets_and_keys);
  ADD ("/store/monitor/follows-writes", test_follows_writes);
  ADD ("/store/monitor/corrections", test_corrections);
  ADD ("/store/monitor/vacancies-and-tension", test_vacancies_and_tension);
  ADD ("/store/monitor/cbs", test_cbs);
  ADD ("/store/monitor/cbs-shared", test_cbs_shared);
#undef ADD
  g_test_add_func ("/store/monitor/migration", test_migration);
  g_test_add_func ("/store/monitor/demo-against-sql", test_demo_against_sql);

  return g_test_run ();
}
