/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The monitor over HTTP, against a real werkbrug-server on a loopback port: the answer is
 * the store's own computation, small numbers are hidden in the JSON, a target comes with
 * its series, a request the monitor does not know is a 400 naming the parameter, and every
 * role that sees the monitor sees the same aggregates and no person. The client library's
 * call reads the same answer back. Everything person-like in the fixture is made up here. */

#define G_LOG_DOMAIN "test-monitor-http"

#include "config.h"

#include <string.h>

#include "wb-api-monitor.h"
#include "wb-password.h"
#include "wb-store-monitor.h"
#include "wb-store.h"
#include "wb-test-api.h"
#include "wb-test-server.h"
#include "wb-test-store.h"
#include "wb-test-util.h"

#define PASSWORD "correct horse battery"
/* A reference date after every event of the fixture, so that every figure is final. */
#define AS_OF "2025-12-31"
/* A family name no answer of the monitor may carry. */
#define FAMILY_NAME "Zwartveld"

static struct {
  char *dir;
  char *db;
  WbTestServer *server;
  guint bsn_counter;
  gint64 org_a, org_b, org_c;
  gint64 heerlen, maastricht, sittard;
  gint64 first_client;
} fx;

/* Fixture */

/* A citizen service number that passes the eleven-test, different each time. */
static char *
next_bsn (void)
{
  while (TRUE)
    {
      char digits[10];
      int sum = 0;

      g_snprintf (digits, sizeof digits, "%08u", 20000000u + fx.bsn_counter++ * 7919u);
      for (int i = 0; i < 8; i++)
        sum += (9 - i) * (digits[i] - '0');
      if (sum % 11 != 10)
        return g_strdup_printf ("%s%d", digits, sum % 11);
    }
}

/* @n clients of @municipality (served by @org) with an intake on @intake and, when
 * @outflow is given, a full outflow to work on that day. */
static void
add_clients (WbStore    *store,
             guint       n,
             gint64      org,
             gint64      municipality,
             const char *intake,
             const char *outflow)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *bsn = next_bsn ();
      gint64 client = wb_test_insert_printf (store, WB_RESOURCE_CLIENTS,
                                             "{\"organisation_id\":%" G_GINT64_FORMAT ",\"municipality_id\":%" G_GINT64_FORMAT ","
                                             "\"given_name\":\"Testa\",\"family_name\":\"" FAMILY_NAME "\",\"bsn\":\"%s\",\"pc4\":\"6411\","
                                             "\"birth_year\":1980,\"client_group\":\"participatiewet\",\"work_capacity\":60,\"phase\":\"intake\"}",
                                             org, municipality, bsn);

      if (fx.first_client == 0)
        fx.first_client = client;
      wb_test_insert_printf (store, WB_RESOURCE_EVENTS,
                             "{\"client_id\":%" G_GINT64_FORMAT ",\"kind\":\"intake\",\"date\":\"%s\"}", client, intake);
      if (outflow != NULL)
        wb_test_insert_printf (store, WB_RESOURCE_EVENTS,
                               "{\"client_id\":%" G_GINT64_FORMAT ",\"kind\":\"outflow\",\"date\":\"%s\","
                               "\"outflow_type\":\"full\",\"outflow_reason\":\"werk\"}", client, outflow);
    }
}

/* Parkstad: Heerlen (organisation A), 25 intakes in the first quarter of 2024, 12 of them
 * flowing out to work in the third. Maastricht-Heuvelland: Maastricht (B), 3 intakes, a
 * small number. Westelijke Mijnstreek: Sittard-Geleen (C), 15 intakes. A target of 30
 * intakes for Parkstad in 2024. One user of every role. */
static void
create_fixture (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbStore) store = NULL;
  g_autofree char *hash = NULL;

  fx.dir = wb_test_make_dir ();
  fx.db = g_build_filename (fx.dir, "monitor.db", NULL);
  store = wb_store_open (fx.db, &error);
  g_assert_no_error (error);

  fx.org_a = wb_test_insert (store, WB_RESOURCE_ORGANISATIONS,
                             "{\"code\":\"gemeente-heerlen\",\"name\":\"Gemeente Heerlen\",\"kind\":\"municipality\",\"region\":\"Parkstad\"}");
  fx.org_b = wb_test_insert (store, WB_RESOURCE_ORGANISATIONS,
                             "{\"code\":\"szmh\",\"name\":\"SZMH\",\"kind\":\"social_service\",\"region\":\"Maastricht-Heuvelland\"}");
  fx.org_c = wb_test_insert (store, WB_RESOURCE_ORGANISATIONS,
                             "{\"code\":\"sittard\",\"name\":\"Gemeente Sittard-Geleen\",\"kind\":\"municipality\",\"region\":\"Westelijke Mijnstreek\"}");
  fx.heerlen = wb_test_insert_printf (store, WB_RESOURCE_MUNICIPALITIES,
                                      "{\"code\":\"GM0917\",\"name\":\"Heerlen\",\"region\":\"Parkstad\",\"organisation_id\":%" G_GINT64_FORMAT "}",
                                      fx.org_a);
  fx.maastricht = wb_test_insert_printf (store, WB_RESOURCE_MUNICIPALITIES,
                                         "{\"code\":\"GM0935\",\"name\":\"Maastricht\",\"region\":\"Maastricht-Heuvelland\",\"organisation_id\":%" G_GINT64_FORMAT "}",
                                         fx.org_b);
  fx.sittard = wb_test_insert_printf (store, WB_RESOURCE_MUNICIPALITIES,
                                      "{\"code\":\"GM1883\",\"name\":\"Sittard-Geleen\",\"region\":\"Westelijke Mijnstreek\",\"organisation_id\":%" G_GINT64_FORMAT "}",
                                      fx.org_c);

  hash = wb_password_hash (PASSWORD, &error);
  g_assert_no_error (error);
  wb_test_add_user (store, fx.org_a, "a.analyst", "a.analyst", "analyst", hash);
  wb_test_add_user (store, fx.org_a, "a.coordinator", "a.coordinator", "coordinator", hash);
  wb_test_add_user (store, fx.org_a, "a.lam", "a.lam", "account_manager_local", hash);
  wb_test_add_user (store, fx.org_b, "b.consultant", "b.consultant", "consultant", hash);

  add_clients (store, 12, fx.org_a, fx.heerlen, "2024-02-10", "2024-08-01");
  add_clients (store, 13, fx.org_a, fx.heerlen, "2024-03-10", NULL);
  add_clients (store, 3, fx.org_b, fx.maastricht, "2024-03-05", NULL);
  add_clients (store, 15, fx.org_c, fx.sittard, "2024-01-20", NULL);
  wb_test_insert (store, WB_RESOURCE_TARGETS,
                  "{\"metric\":\"inflow\",\"level\":\"region\",\"level_key\":\"Parkstad\",\"period\":\"2024\",\"value\":30}");
  g_clear_object (&store);

  fx.server = wb_test_server_start (fx.db);
}

/* Helpers */

static WbApiClient *
login (const char *username)
{
  return wb_test_api_login (fx.server->url, username, PASSWORD, NULL);
}

static JsonObject *
get_monitor (WbApiClient *client,
             const char  *params)
{
  g_autofree char *path = g_strconcat ("api/v1/monitor?", params, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = wb_test_api_request (client, "GET", path, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

/* The problem a refused request answers, checked to be a 400 naming @field. */
static void
assert_bad_parameter (WbApiClient *client,
                      const char  *params,
                      const char  *field)
{
  g_autofree char *path = g_strconcat ("api/v1/monitor?", params, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = wb_test_api_request (client, "GET", path, NULL, NULL, &error);
  WbProblem *problem;

  g_test_message ("%s", params);
  g_assert_null (node);
  g_assert_error (error, WB_API_ERROR, 400);
  problem = wb_api_error_get_problem (error);
  g_assert_nonnull (problem);
  g_assert_cmpuint (problem->status, ==, 400);
  g_assert_nonnull (wb_problem_get_error (problem, field));
  g_assert_cmpstr (wb_problem_get_error (problem, field), !=, "");
}

/* The store's own answer to @params, computed here on a connection of the test's own. */
static JsonNode *
store_answer (const char *params)
{
  g_autoptr(GHashTable) table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) wb_field_error_free);
  g_auto(GStrv) pairs = g_strsplit (params, "&", -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(WbStore) store = wb_store_open (fx.db, &error);
  g_autoptr(WbMonitorResult) result = NULL;
  WbMonitorQuery query;

  g_assert_no_error (error);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (pairs[i], "=", 2);

      g_hash_table_insert (table, g_strdup (pair[0]), g_strdup (pair[1]));
    }
  wb_monitor_query_init (&query);
  g_assert_true (wb_monitor_query_parse (&query, table, errors));
  result = wb_store_monitor_query (store, &query, &error);
  wb_monitor_query_clear (&query);
  g_assert_no_error (error);
  return wb_monitor_result_to_json (result);
}

static char *
member_to_string (JsonObject *object,
                  const char *member)
{
  g_assert_true (json_object_has_member (object, member));
  return json_to_string (json_object_get_member (object, member), FALSE);
}

static JsonObject *
find_series (JsonObject *answer,
             const char *key)
{
  JsonArray *series = json_object_get_array_member (answer, "series");

  for (guint i = 0; i < json_array_get_length (series); i++)
    {
      JsonObject *one = json_array_get_object_element (series, i);

      if (g_strcmp0 (json_object_get_string_member (one, "key"), key) == 0)
        return one;
    }
  g_error ("no series %s", key);
}

static JsonObject *
find_point (JsonObject *answer,
            const char *key,
            const char *period)
{
  JsonArray *points = json_object_get_array_member (find_series (answer, key), "points");

  for (guint i = 0; i < json_array_get_length (points); i++)
    {
      JsonObject *point = json_array_get_object_element (points, i);

      if (g_strcmp0 (json_object_get_string_member (point, "period"), period) == 0)
        return point;
    }
  g_error ("no point %s of %s", period, key);
}

/* Tests */

#define MUNICIPALITIES "metric=inflow&level=municipality&period=quarter&from=2024&to=2024&as_of=" AS_OF

/* The answer has the shape, and its series are the store's computation. */
static void
test_answer_is_the_store_computation (void)
{
  g_autoptr(WbApiClient) analyst = login ("a.analyst");
  g_autoptr(JsonObject) answer = get_monitor (analyst, MUNICIPALITIES);
  g_autoptr(JsonNode) expected = store_answer (MUNICIPALITIES);
  g_autofree char *series = member_to_string (answer, "series");
  g_autofree char *expected_series = member_to_string (json_node_get_object (expected), "series");
  g_autoptr(GDateTime) generated = NULL;
  JsonObject *point;

  g_assert_cmpstr (json_object_get_string_member (answer, "metric"), ==, "inflow");
  g_assert_cmpstr (json_object_get_string_member (answer, "level"), ==, "municipality");
  g_assert_cmpstr (json_object_get_string_member (answer, "period"), ==, "quarter");
  g_assert_cmpstr (json_object_get_string_member (answer, "definition"), ==,
                   json_object_get_string_member (json_node_get_object (expected), "definition"));
  g_assert_nonnull (strstr (json_object_get_string_member (answer, "definition"), "intake"));
  generated = g_date_time_new_from_iso8601 (json_object_get_string_member (answer, "generated_at"), NULL);
  g_assert_nonnull (generated);
  g_assert_cmpstr (series, ==, expected_series);

  /* Three municipalities, four quarters each. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (answer, "series")), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (find_series (answer, "GM0917"), "name"), ==, "Heerlen");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (find_series (answer, "GM0917"), "points")), ==, 4);

  point = find_point (answer, "GM0917", "2024-Q1");
  g_assert_cmpint (json_object_get_int_member (point, "value"), ==, 25);
  g_assert_false (json_object_get_boolean_member (point, "suppressed"));
  g_assert_cmpstr (json_object_get_string_member (point, "status"), ==, "final");
  /* Zero stays zero. */
  point = find_point (answer, "GM0917", "2024-Q2");
  g_assert_cmpint (json_object_get_int_member (point, "value"), ==, 0);
  g_assert_false (json_object_get_boolean_member (point, "suppressed"));
}

/* Three intakes in Maastricht are a small number: null and suppressed in the JSON, with the
 * reason; and a second cell hides it from the region's total. */
static void
test_small_numbers_are_suppressed (void)
{
  g_autoptr(WbApiClient) analyst = login ("a.analyst");
  g_autoptr(JsonObject) answer = get_monitor (analyst, MUNICIPALITIES);
  g_autoptr(JsonObject) subregions = get_monitor (analyst, "metric=inflow&level=subregion&period=year&from=2024&to=2024&as_of=" AS_OF);
  g_autoptr(JsonObject) region = get_monitor (analyst, "metric=inflow&level=region&period=year&from=2024&to=2024&as_of=" AS_OF);
  g_autofree char *text = NULL;
  JsonObject *point;
  guint hidden = 0;

  point = find_point (answer, "GM0935", "2024-Q1");
  g_assert_true (json_object_get_null_member (point, "value"));
  g_assert_true (json_object_get_boolean_member (point, "suppressed"));
  g_assert_cmpstr (json_object_get_string_member (point, "reason"), ==, "small");

  /* The region's total is shown, so one of the other subregions is hidden too: else the
   * total minus the others would give Maastricht-Heuvelland's 3 away. */
  point = find_point (region, "Zuid-Limburg", "2024");
  g_assert_cmpint (json_object_get_int_member (point, "value"), ==, 43);
  g_assert_true (json_object_get_null_member (find_point (subregions, "Maastricht-Heuvelland", "2024"), "value"));
  for (guint i = 0; wb_monitor_subregions[i] != NULL; i++)
    {
      point = find_point (subregions, wb_monitor_subregions[i], "2024");
      if (json_object_get_boolean_member (point, "suppressed"))
        {
          g_assert_true (json_object_get_null_member (point, "value"));
          hidden++;
        }
    }
  g_assert_cmpuint (hidden, >=, 2);
  g_assert_cmpstr (json_object_get_string_member (find_point (subregions, "Westelijke Mijnstreek", "2024"), "reason"), ==,
                   "complement");

  /* The 3 appears nowhere as a value. */
  text = json_to_string (json_object_get_member (answer, "series"), FALSE);
  g_assert_null (strstr (text, "\"value\":3,"));
}

/* Parkstad's target of 30 intakes in 2024 comes with Parkstad's series, and no other. */
static void
test_targets_come_with_their_series (void)
{
  g_autoptr(WbApiClient) coordinator = login ("a.coordinator");
  g_autoptr(JsonObject) answer = get_monitor (coordinator, "metric=inflow&level=subregion&period=year&from=2024&to=2025&as_of=" AS_OF);
  JsonArray *targets = json_object_get_array_member (find_series (answer, "Parkstad"), "targets");
  JsonObject *target;

  g_assert_cmpuint (json_array_get_length (targets), ==, 1);
  target = json_array_get_object_element (targets, 0);
  g_assert_cmpstr (json_object_get_string_member (target, "period"), ==, "2024");
  g_assert_cmpint (json_object_get_int_member (target, "value"), ==, 30);
  g_assert_cmpint (json_object_get_int_member (target, "id"), >, 0);
  g_assert_cmpint (json_object_get_int_member (find_point (answer, "Parkstad", "2024"), "value"), ==, 25);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (find_series (answer, "Westelijke Mijnstreek"), "targets")), ==, 0);
}

/* What the monitor does not know is a 400 that names the parameter. */
static void
test_bad_parameters_are_400 (void)
{
  g_autoptr(WbApiClient) analyst = login ("a.analyst");

  assert_bad_parameter (analyst, "level=region", "metric");
  assert_bad_parameter (analyst, "metric=happiness", "metric");
  assert_bad_parameter (analyst, "metric=inflow&level=province", "level");
  assert_bad_parameter (analyst, "metric=inflow&period=week", "period");
  assert_bad_parameter (analyst, "metric=inflow&from=2024-13", "from");
  assert_bad_parameter (analyst, "metric=inflow&from=2025&to=2024", "to");
  assert_bad_parameter (analyst, "metric=inflow&from=2000&to=2024", "to");
  assert_bad_parameter (analyst, "metric=inflow&by=shoe_size", "by");
  assert_bad_parameter (analyst, "metric=inflow&level=municipality&key=GM9999", "key");
  assert_bad_parameter (analyst, "metric=inflow&colour=red", "colour");
  assert_bad_parameter (analyst, "metric=cbs_to_work&period=quarter", "period");
}

/* Analysts, coordinators, account managers and consultants all see the monitor, every
 * organisation's aggregates alike, and nothing about a person; without a session nobody. */
static void
test_roles_see_the_same_aggregates (void)
{
  static const char * const users[] = { "a.analyst", "a.coordinator", "a.lam", "b.consultant" };
  g_autofree char *first = NULL;
  g_autofree char *client_id = g_strdup_printf ("\"id\":%" G_GINT64_FORMAT ",", fx.first_client);

  for (guint i = 0; i < G_N_ELEMENTS (users); i++)
    {
      g_autoptr(WbApiClient) user = login (users[i]);
      g_autoptr(JsonObject) answer = get_monitor (user, MUNICIPALITIES);
      g_autofree char *series = member_to_string (answer, "series");
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), answer);
      g_autofree char *text = json_to_string (node, FALSE);

      g_test_message ("%s", users[i]);
      /* Organisation A's municipality is there for everyone, and what is hidden is
       * hidden for everyone. */
      g_assert_cmpint (json_object_get_int_member (find_point (answer, "GM0917", "2024-Q1"), "value"), ==, 25);
      g_assert_true (json_object_get_boolean_member (find_point (answer, "GM1883", "2024-Q1"), "suppressed"));
      if (first == NULL)
        first = g_strdup (series);
      else
        g_assert_cmpstr (series, ==, first);
      g_assert_null (strstr (text, FAMILY_NAME));
      g_assert_null (strstr (text, "Testa"));
      g_assert_null (strstr (text, "bsn"));
      g_assert_null (strstr (text, "client_id"));
      g_assert_null (strstr (text, client_id));
    }

  {
    g_autoptr(WbApiClient) nobody = wb_api_client_new (fx.server->url);
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) node = wb_test_api_request (nobody, "GET", "api/v1/monitor?metric=inflow", NULL, NULL, &error);

    g_assert_null (node);
    g_assert_error (error, WB_API_ERROR, 401);
  }
}

/* The client library's call asks what the query says and reads the answer into the core's
 * model, with the same figures. */
static void
test_api_call_reads_the_model (void)
{
  g_autoptr(WbApiClient) analyst = login ("a.analyst");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(WbMonitorResult) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  const WbMonitorSeries *heerlen = NULL;
  const WbMonitorPoint *point;
  WbMonitorQuery query;

  wb_monitor_query_init (&query);
  query.metric = WB_MONITOR_INFLOW;
  query.level = WB_MONITOR_LEVEL_MUNICIPALITY;
  query.period = WB_PERIOD_QUARTER;
  query.has_from = query.has_to = TRUE;
  g_assert_true (wb_period_parse ("2024", &query.from));
  g_assert_true (wb_period_parse ("2024", &query.to));
  query.as_of = g_strdup (AS_OF);

  path = wb_api_monitor_path (&query);
  g_assert_cmpstr (path, ==, "api/v1/monitor?" MUNICIPALITIES);

  wb_api_client_monitor_async (analyst, &query, NULL, wb_test_store_result, &result);
  wb_test_wait (&result);
  answer = wb_api_client_monitor_finish (analyst, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (answer);
  g_assert_cmpint (answer->metric, ==, WB_MONITOR_INFLOW);
  g_assert_cmpint (answer->level, ==, WB_MONITOR_LEVEL_MUNICIPALITY);
  g_assert_cmpuint (answer->series->len, ==, 3);
  for (guint i = 0; i < answer->series->len; i++)
    if (g_str_equal (((WbMonitorSeries *) answer->series->pdata[i])->key, "GM0917"))
      heerlen = answer->series->pdata[i];
  g_assert_nonnull (heerlen);
  point = &g_array_index (heerlen->points, WbMonitorPoint, 0);
  g_assert_true (point->has_value);
  g_assert_cmpfloat (point->value, ==, 25);

  /* A refusal comes back as the error with the server's problem. */
  g_clear_object (&result);
  g_clear_pointer (&query.key, g_free);
  query.key = g_strdup ("GM9999");
  wb_api_client_monitor_async (analyst, &query, NULL, wb_test_store_result, &result);
  wb_test_wait (&result);
  g_assert_null (wb_api_client_monitor_finish (analyst, result, &error));
  g_assert_error (error, WB_API_ERROR, 400);
  g_assert_nonnull (wb_problem_get_error (wb_api_error_get_problem (error), "key"));
  wb_monitor_query_clear (&query);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  create_fixture ();

  g_test_add_func ("/monitor-http/answer/is-the-store-computation", test_answer_is_the_store_computation);
  g_test_add_func ("/monitor-http/answer/small-numbers-are-suppressed", test_small_numbers_are_suppressed);
  g_test_add_func ("/monitor-http/answer/targets-come-with-their-series", test_targets_come_with_their_series);
  g_test_add_func ("/monitor-http/request/bad-parameters-are-400", test_bad_parameters_are_400);
  g_test_add_func ("/monitor-http/policy/roles-see-the-same-aggregates", test_roles_see_the_same_aggregates);
  g_test_add_func ("/monitor-http/api/call-reads-the-model", test_api_call_reads_the_model);

  status = g_test_run ();

  wb_test_server_stop (fx.server);
  wb_test_remove_dir (fx.dir);
  g_free (fx.db);
  g_free (fx.dir);
  return status;
}
