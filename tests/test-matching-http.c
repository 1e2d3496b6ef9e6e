/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Matching over HTTP, against a real werkbrug-server on a loopback port, through the
 * client library: rankings both ways, what other organisations see of a candidate,
 * proposals and their workflow, the index following writes, and saved alerts. Everything
 * person-like in the fixture is made up here. */

#define G_LOG_DOMAIN "test-matching-http"

#include "config.h"

#include <libsoup/soup.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "wb-api-matching.h"
#include "wb-import.h"
#include "wb-password.h"
#include "wb-store.h"
#include "wb-test-api.h"
#include "wb-test-server.h"
#include "wb-test-store.h"
#include "wb-test-util.h"

#define PASSWORD "correct horse battery"

static struct {
  char *dir;
  char *db;
  WbTestServer *server;
  char *today;
  gint64 org_a, org_b, org_wsp;
  gint64 heerlen, maastricht;
  gint64 wsp_am;
  gint64 forklift, orderpick, safety, teamwork, cash, customer;
  gint64 cashier;                 /* an occupation: cash and customer friendliness */
  gint64 employer;
  gint64 v_warehouse, v_shop, v_closed;
  gint64 a1, a2, b1, b2, far, gone;
} fx;

/* Fixture */

static gint64
competence (WbStore    *store,
            const char *slug,
            const char *label)
{
  return wb_test_insert_printf (store, WB_RESOURCE_COMPETENCES,
                                "{\"uri\":\"urn:werkbrug:test:%s\",\"label_nl\":\"%s\",\"kind\":\"skill\"}", slug, label);
}

/* A client with the profile fields that matter for matching; @diagnosis is the JSON list
 * of competences of a diagnosis today, or NULL for none. */
static gint64
client (WbStore    *store,
        gint64      org,
        gint64      municipality,
        const char *given,
        const char *family,
        const char *bsn,
        const char *pc4,
        const char *extra,
        const char *diagnosis)
{
  gint64 id = wb_test_insert_printf (store, WB_RESOURCE_CLIENTS,
                                     "{\"organisation_id\":%" G_GINT64_FORMAT ",\"municipality_id\":%" G_GINT64_FORMAT ","
                                     "\"given_name\":\"%s\",\"family_name\":\"%s\",\"bsn\":\"%s\",\"pc4\":\"%s\","
                                     "\"birth_year\":1985,\"client_group\":\"participatiewet\"%s%s}",
                                     org, municipality, given, family, bsn, pc4, extra != NULL ? "," : "", extra != NULL ? extra : "");

  if (diagnosis != NULL)
    wb_test_insert_printf (store, WB_RESOURCE_DIAGNOSES,
                           "{\"client_id\":%" G_GINT64_FORMAT ",\"date\":\"%s\",\"source\":\"competensys\",\"competences\":%s}",
                           id, fx.today, diagnosis);
  return id;
}

static void
exec_sql (const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (fx.db, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static void
create_fixture (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbStore) store = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *hash = NULL;
  g_autofree char *full = NULL;
  g_autofree char *links = NULL;

  fx.today = g_date_time_format (now, "%Y-%m-%d");
  fx.dir = wb_test_make_dir ();
  fx.db = g_build_filename (fx.dir, "matching.db", NULL);
  store = wb_store_open (fx.db, &error);
  g_assert_no_error (error);

  fx.heerlen = wb_test_insert (store, WB_RESOURCE_MUNICIPALITIES, "{\"code\":\"GM0917\",\"name\":\"Heerlen\",\"region\":\"Parkstad\"}");
  fx.maastricht = wb_test_insert (store, WB_RESOURCE_MUNICIPALITIES, "{\"code\":\"GM0935\",\"name\":\"Maastricht\",\"region\":\"Maastricht-Heuvelland\"}");
  fx.org_a = wb_test_insert (store, WB_RESOURCE_ORGANISATIONS, "{\"code\":\"isd-a\",\"name\":\"ISD A\",\"kind\":\"social_service\",\"region\":\"Parkstad\"}");
  fx.org_b = wb_test_insert (store, WB_RESOURCE_ORGANISATIONS, "{\"code\":\"isd-b\",\"name\":\"ISD B\",\"kind\":\"social_service\",\"region\":\"Maastricht-Heuvelland\"}");
  fx.org_wsp = wb_test_insert (store, WB_RESOURCE_ORGANISATIONS, "{\"code\":\"wsp\",\"name\":\"WSP Parkstad\",\"kind\":\"wsp\",\"region\":\"Parkstad\"}");

  hash = wb_password_hash (PASSWORD, &error);
  g_assert_no_error (error);
  wb_test_add_user (store, fx.org_a, "a.lam", "a.lam", "account_manager_local", hash);
  wb_test_add_user (store, fx.org_a, "a.coordinator", "a.coordinator", "coordinator", hash);
  wb_test_add_user (store, fx.org_a, "a.analyst", "a.analyst", "analyst", hash);
  wb_test_add_user (store, fx.org_b, "b.consultant", "b.consultant", "consultant", hash);
  fx.wsp_am = wb_test_add_user (store, fx.org_wsp, "wsp.am", "wsp.am", "account_manager_wsp", hash);

  fx.forklift = competence (store, "forklift", "Heftruck rijden");
  fx.orderpick = competence (store, "orderpick", "Orderpicken");
  fx.safety = competence (store, "safety", "Veilig werken");
  fx.teamwork = competence (store, "teamwork", "Samenwerken");
  fx.cash = competence (store, "cash", "Afrekenen");
  fx.customer = competence (store, "customer", "Klantvriendelijkheid");
  fx.cashier = wb_test_insert (store, WB_RESOURCE_OCCUPATIONS,
                               "{\"uri\":\"urn:werkbrug:test:kassamedewerker\",\"code\":\"5230\",\"isco_group\":\"5230\","
                               "\"label_nl\":\"Kassamedewerker\"}");

  fx.employer = wb_test_insert_printf (store, WB_RESOURCE_EMPLOYERS,
                                       "{\"kvk\":\"12345678\",\"name\":\"Parkstad Logistiek B.V.\",\"sector\":\"logistics\","
                                       "\"employee_count\":40,\"pc4\":\"6411\",\"municipality_id\":%" G_GINT64_FORMAT ","
                                       "\"owner_id\":%" G_GINT64_FORMAT ",\"active\":true}", fx.heerlen, fx.wsp_am);
  fx.v_warehouse = wb_test_insert_printf (store, WB_RESOURCE_VACANCIES,
                                          "{\"employer_id\":%" G_GINT64_FORMAT ",\"title\":\"Magazijnmedewerker\",\"sector\":\"logistics\","
                                          "\"education_level\":\"mbo2\",\"hours\":32,\"pc4\":\"6411\",\"positions\":1,"
                                          "\"opened_at\":\"%s\",\"status\":\"open\",\"organisation_id\":%" G_GINT64_FORMAT ","
                                          "\"competences\":[{\"competence_id\":%" G_GINT64_FORMAT ",\"level\":3,\"essential\":true},"
                                          "{\"competence_id\":%" G_GINT64_FORMAT ",\"level\":2,\"essential\":true},"
                                          "{\"competence_id\":%" G_GINT64_FORMAT ",\"level\":2,\"essential\":true},"
                                          "{\"competence_id\":%" G_GINT64_FORMAT ",\"level\":1,\"essential\":false}]}",
                                          fx.employer, fx.today, fx.org_wsp, fx.forklift, fx.orderpick, fx.safety, fx.teamwork);
  fx.v_shop = wb_test_insert_printf (store, WB_RESOURCE_VACANCIES,
                                     "{\"employer_id\":%" G_GINT64_FORMAT ",\"title\":\"Kassamedewerker\",\"sector\":\"retail\","
                                     "\"hours\":24,\"pc4\":\"6419\",\"positions\":1,\"opened_at\":\"%s\",\"status\":\"open\","
                                     "\"organisation_id\":%" G_GINT64_FORMAT ","
                                     "\"competences\":[{\"competence_id\":%" G_GINT64_FORMAT ",\"level\":2,\"essential\":true},"
                                     "{\"competence_id\":%" G_GINT64_FORMAT ",\"level\":2,\"essential\":true}]}",
                                     fx.employer, fx.today, fx.org_wsp, fx.cash, fx.customer);
  fx.v_closed = wb_test_insert_printf (store, WB_RESOURCE_VACANCIES,
                                       "{\"employer_id\":%" G_GINT64_FORMAT ",\"title\":\"Vervulde vacature\",\"sector\":\"logistics\","
                                       "\"hours\":32,\"pc4\":\"6411\",\"positions\":1,\"opened_at\":\"2026-01-05\",\"status\":\"filled\","
                                       "\"organisation_id\":%" G_GINT64_FORMAT ","
                                       "\"competences\":[{\"competence_id\":%" G_GINT64_FORMAT ",\"level\":1,\"essential\":true}]}",
                                       fx.employer, fx.org_wsp, fx.forklift);

  full = g_strdup_printf ("[{\"competence_id\":%" G_GINT64_FORMAT ",\"level\":4},{\"competence_id\":%" G_GINT64_FORMAT ",\"level\":3},"
                          "{\"competence_id\":%" G_GINT64_FORMAT ",\"level\":3},{\"competence_id\":%" G_GINT64_FORMAT ",\"level\":3}]",
                          fx.forklift, fx.orderpick, fx.safety, fx.teamwork);
  /* A1: everything the warehouse asks, lives next door, referred to the WSP account manager. */
  {
    g_autofree char *extra = g_strdup_printf ("\"education_level\":\"mbo3\",\"transport\":\"bicycle\",\"max_travel_km\":10,"
                                              "\"hours_available\":36,\"work_capacity\":90,\"motivation\":\"high\","
                                              "\"phase\":\"work_ready\",\"track\":\"plaatsing\",\"wsp_account_manager_id\":%"
                                              G_GINT64_FORMAT ",\"sector_preferences\":[\"logistics\"]", fx.wsp_am);

    fx.a1 = client (store, fx.org_a, fx.heerlen, "Anna", "Janssen", "111222333", "6411", extra, full);
  }
  /* A2: a shop assistant, in the pool of work-ready jobseekers. */
  {
    g_autofree char *shop = g_strdup_printf ("[{\"competence_id\":%" G_GINT64_FORMAT ",\"level\":3},"
                                             "{\"competence_id\":%" G_GINT64_FORMAT ",\"level\":3}]", fx.cash, fx.customer);

    fx.a2 = client (store, fx.org_a, fx.heerlen, "Bram", "Peters", "123456782", "6419",
                    "\"education_level\":\"vmbo\",\"transport\":\"public_transport\",\"hours_available\":24,"
                    "\"work_capacity\":85,\"motivation\":\"medium\",\"phase\":\"work_ready\",\"track\":\"plaatsing\","
                    "\"in_pool\":true,\"sector_preferences\":[\"retail\"]", shop);
  }
  /* B1: fits the warehouse, another organisation's client, with details nobody else may see. */
  {
    g_autofree char *levels = g_strdup_printf ("[{\"competence_id\":%" G_GINT64_FORMAT ",\"level\":3},"
                                               "{\"competence_id\":%" G_GINT64_FORMAT ",\"level\":2},"
                                               "{\"competence_id\":%" G_GINT64_FORMAT ",\"level\":2}]",
                                               fx.forklift, fx.orderpick, fx.safety);

    fx.b1 = client (store, fx.org_b, fx.maastricht, "Carla", "Bakkerdijk", "555666773", "6211",
                    "\"education_level\":\"mbo2\",\"transport\":\"car\",\"hours_available\":32,\"work_capacity\":55,"
                    "\"motivation\":\"high\",\"phase\":\"development\",\"track\":\"plaatsing\",\"street\":\"Kerkstraatweg\","
                    "\"house_number\":\"12\",\"postcode\":\"6211 AB\",\"phone\":\"06-12345678\","
                    "\"health_notes\":\"rugklachten na ongeval\",\"sector_preferences\":[\"logistics\"]", levels);
  }
  /* B2: known to be there, nothing more yet. */
  fx.b2 = client (store, fx.org_b, fx.maastricht, "Daan", "Hermans", "666777883", "6211", "\"phase\":\"intake\"", NULL);
  /* Far: as good as A1 on paper, but in Groningen. */
  fx.far = client (store, fx.org_b, fx.maastricht, "Frits", "Verweg", "777888993", "9711",
                   "\"education_level\":\"mbo3\",\"transport\":\"bicycle\",\"max_travel_km\":10,\"hours_available\":36,"
                   "\"work_capacity\":90,\"motivation\":\"high\",\"phase\":\"work_ready\",\"track\":\"plaatsing\","
                   "\"sector_preferences\":[\"logistics\"]", full);
  /* Gone: left the service; never a candidate. */
  fx.gone = client (store, fx.org_a, fx.heerlen, "Gerda", "Coenen", "999000111", "6411",
                    "\"phase\":\"outflow\",\"status\":\"outflow\"", full);
  g_clear_object (&store);

  /* Reference data the API does not write: PC4 centres and what a cashier does. */
  links = g_strdup_printf ("INSERT INTO pc4_areas (pc4, lat, lon, municipality) VALUES "
                           "('6411', 50.8882, 5.9795, 'Heerlen'), ('6419', 50.9200, 5.9950, 'Heerlen'), "
                           "('6211', 50.8514, 5.6910, 'Maastricht'), ('9711', 53.2194, 6.5665, 'Groningen');"
                           "INSERT INTO occupation_competences (occupation_id, competence_id, essential) VALUES "
                           "(%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 1), (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 1);",
                           fx.cashier, fx.cash, fx.cashier, fx.customer);
  exec_sql (links);

  fx.server = wb_test_server_start (fx.db);
}

/* Synchronous wrappers over the asynchronous client, for tests only. */

static WbApiClient *
login (const char *username)
{
  return wb_test_api_login (fx.server->url, username, PASSWORD, NULL);
}

static JsonObject *
rank_candidates (WbApiClient          *api,
                 gint64                vacancy,
                 const WbApiRankQuery *query,
                 GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  wb_api_client_rank_candidates_async (api, vacancy, query, NULL, wb_test_store_result, &result);
  wb_test_wait (&result);
  return wb_api_client_rank_candidates_finish (api, result, error);
}

static JsonObject *
rank_vacancies (WbApiClient          *api,
                gint64                client_id,
                const WbApiRankQuery *query,
                GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  wb_api_client_rank_vacancies_async (api, client_id, query, NULL, wb_test_store_result, &result);
  wb_test_wait (&result);
  return wb_api_client_rank_vacancies_finish (api, result, error);
}

static WbRecord *
propose (WbApiClient  *api,
         gint64        vacancy,
         gint64        client_id,
         GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  wb_api_client_propose_match_async (api, vacancy, client_id, NULL, NULL, wb_test_store_result, &result);
  wb_test_wait (&result);
  return wb_api_client_propose_match_finish (api, result, error);
}

static JsonObject *
get_weights (WbApiClient  *api,
             const char   *region,
             char        **etag,
             GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  wb_api_client_get_match_weights_async (api, region, NULL, wb_test_store_result, &result);
  wb_test_wait (&result);
  return wb_api_client_get_match_weights_finish (api, result, etag, error);
}

static JsonObject *
set_weights (WbApiClient  *api,
             const char   *region,
             const char   *etag,
             JsonObject   *weights,
             char        **new_etag,
             GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  wb_api_client_set_match_weights_async (api, region, etag, weights, NULL, wb_test_store_result, &result);
  wb_test_wait (&result);
  return wb_api_client_set_match_weights_finish (api, result, new_etag, error);
}

static WbRecord *
advance (WbApiClient  *api,
         WbRecord     *match,
         const char   *state,
         const char   *reason,
         GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  wb_api_client_advance_match_async (api, match, state, reason, NULL, wb_test_store_result, &result);
  wb_test_wait (&result);
  return wb_api_client_advance_match_finish (api, result, error);
}

/* Changes the version of @record the test read. */
static WbRecord *
update (WbApiClient  *api,
        WbRecord     *record,
        const char   *json,
        GError      **error)
{
  g_autofree char *etag = wb_record_dup_etag (record);

  return wb_test_api_update_json (api, wb_record_get_resource (record), wb_record_get_id (record), etag, json, error);
}

static JsonArray *
items_of (JsonObject *ranking)
{
  g_assert_true (json_object_has_member (ranking, "items"));
  return json_object_get_array_member (ranking, "items");
}

/* The item of @id (client or vacancy) in a ranking, or NULL; @rank gets its place from 1. */
static JsonObject *
find_item (JsonObject *ranking,
           const char *member,
           gint64      id,
           guint      *rank)
{
  JsonArray *items = items_of (ranking);

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      if (json_object_get_int_member (item, member) == id)
        {
          if (rank != NULL)
            *rank = i + 1;
          return item;
        }
    }
  return NULL;
}

static const char *
part_explanation (JsonObject *item,
                  const char *part)
{
  return json_object_get_string_member (json_object_get_object_member (json_object_get_object_member (item, "parts"), part),
                                        "explanation");
}

static double
part_score (JsonObject *item,
            const char *part)
{
  return json_object_get_double_member (json_object_get_object_member (json_object_get_object_member (item, "parts"), part),
                                        "score");
}

static char *
to_text (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return json_to_string (node, FALSE);
}

static guint
count_notifications (WbApiClient *api,
                     const char  *kind,
                     JsonObject **last)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = wb_test_api_request (api, "GET", "api/v1/notifications?per_page=100", NULL, NULL, &error);
  JsonArray *items;
  guint n = 0;

  g_assert_no_error (error);
  items = json_object_get_array_member (json_node_get_object (answer), "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      if (g_strcmp0 (json_object_get_string_member (item, "kind"), kind) != 0)
        continue;
      if (n++ == 0 && last != NULL)
        *last = json_object_ref (item);
    }
  return n;
}

/* Tests: rankings */

static void
test_rank_candidates (void)
{
  g_autoptr(WbApiClient) wsp = login ("wsp.am");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) ranking = rank_candidates (wsp, fx.v_warehouse, NULL, &error);
  static const char * const parts[] = { "competences", "education", "travel", "hours", "capacity", "sector", "readiness" };
  JsonArray *items;
  JsonObject *first, *weights, *b2, *a1;
  double previous = 2;

  g_assert_no_error (error);
  items = items_of (ranking);
  /* Every active client is a candidate; the one who left is not. */
  g_assert_cmpint (json_object_get_int_member (ranking, "considered"), ==, 5);
  g_assert_cmpuint (json_array_get_length (items), ==, 5);
  g_assert_null (find_item (ranking, "client_id", fx.gone, NULL));
  g_assert_cmpint (json_object_get_int_member (ranking, "limit"), ==, 50);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (ranking, "max_km")));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (ranking, "vacancy"), "title"), ==,
                   "Magazijnmedewerker");

  /* Which weights produced it: the defaults, as nobody set Parkstad's. */
  weights = json_object_get_object_member (ranking, "weights");
  g_assert_true (json_object_get_boolean_member (weights, "default"));
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (weights, "weights"), "competences"), ==, 0.45);

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      double score = json_object_get_double_member (item, "score");
      double points = 0;

      g_assert_cmpfloat (score, <=, previous);
      previous = score;
      g_assert_cmpint (json_object_get_int_member (item, "rank"), ==, i + 1);
      for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
        {
          JsonObject *part = json_object_get_object_member (json_object_get_object_member (item, "parts"), parts[p]);

          g_assert_nonnull (part);
          g_assert_cmpstr (json_object_get_string_member (part, "explanation"), !=, "");
          points += json_object_get_double_member (part, "points");
        }
      /* The parts add up to the score. */
      g_assert_cmpfloat_with_epsilon (points, score, 0.002);
    }

  /* A1 fits in every respect and lives next door. */
  first = json_array_get_object_element (items, 0);
  g_assert_cmpint (json_object_get_int_member (first, "client_id"), ==, fx.a1);
  g_assert_cmpfloat (json_object_get_double_member (first, "score"), >, 0.95);
  g_assert_cmpstr (json_object_get_string_member (first, "organisation"), ==, "ISD A");
  /* Referred to this account manager: the names are there. */
  a1 = json_object_get_object_member (first, "client");
  g_assert_cmpstr (json_object_get_string_member (a1, "family_name"), ==, "Janssen");
  g_assert_false (json_object_get_boolean_member (a1, "pseudonymous"));

  /* Missing data is unknown, never agreement: B2 comes last, with what is missing said. */
  b2 = json_array_get_object_element (items, json_array_get_length (items) - 1);
  g_assert_cmpint (json_object_get_int_member (b2, "client_id"), ==, fx.b2);
  g_assert_cmpfloat (json_object_get_double_member (b2, "score"), <, 0.3);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (b2, "diagnosis"), "state"), ==, "missing");
  /* None of B2's competences is known: the warehouse's are unknown, not lacking. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (b2, "gap")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (b2, "unknown")), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (b2, "unknown"), 0),
                                                  "reason"), ==, "no_competences");
  g_assert_false (json_object_get_boolean_member (b2, "near_miss"));
  /* How far B2 can travel is not known: the distance is, the travel part is not. */
  g_assert_cmpfloat (json_object_get_double_member (b2, "distance_km"), >, 0);
  g_assert_false (json_object_get_boolean_member (json_object_get_object_member (json_object_get_object_member (b2, "parts"), "travel"),
                                                  "known"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (b2, "missing")), >=, 5);
  g_assert_nonnull (strstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (b2, "missing"), 0), "text"),
                            "ISD B"));
}

/* Another organisation's candidates are pseudonymous: no name, BSN, address, contact or
 * health details, no exact work capacity; the owning organisation to contact. */
static void
test_pseudonymous_candidates (void)
{
  g_autoptr(WbApiClient) a = login ("a.lam");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) ranking = rank_candidates (a, fx.v_warehouse, NULL, &error);
  static const char * const hidden[] = {
    "given_name", "family_name", "bsn", "street", "house_number", "postcode", "city", "phone", "email",
    "health_notes", "barriers", "birth_year", "work_capacity",
  };
  static const char * const never[] = {
    "Carla", "Bakkerdijk", "555666773", "Kerkstraatweg", "6211 AB", "06-12345678", "rugklachten", "55 %",
  };
  g_autofree char *pseudonym = g_strdup_printf ("K-%06" G_GINT64_FORMAT, fx.b1);
  g_autofree char *text = NULL;
  JsonObject *own, *other, *profile;

  g_assert_no_error (error);
  own = find_item (ranking, "client_id", fx.a2, NULL);
  g_assert_nonnull (own);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (own, "client"), "family_name"), ==, "Peters");
  g_assert_false (json_object_get_boolean_member (own, "pseudonymous"));

  other = find_item (ranking, "client_id", fx.b1, NULL);
  g_assert_nonnull (other);
  g_assert_true (json_object_get_boolean_member (other, "pseudonymous"));
  g_assert_cmpstr (json_object_get_string_member (other, "organisation"), ==, "ISD B");
  profile = json_object_get_object_member (other, "client");
  g_assert_cmpstr (json_object_get_string_member (profile, "pseudonym"), ==, pseudonym);
  g_assert_true (json_object_get_boolean_member (profile, "pseudonymous"));
  g_assert_cmpstr (json_object_get_string_member (profile, "organisation"), ==, "ISD B");
  g_assert_cmpstr (json_object_get_string_member (profile, "capacity_band"), ==, "30-80");
  g_assert_cmpstr (json_object_get_string_member (profile, "age_band"), !=, NULL);
  g_assert_cmpstr (json_object_get_string_member (profile, "pc4"), ==, "6211");
  for (guint i = 0; i < G_N_ELEMENTS (hidden); i++)
    g_assert_false (json_object_has_member (profile, hidden[i]));
  g_assert_nonnull (strstr (part_explanation (other, "capacity"), "between 30 and 80 %"));
  g_assert_true (json_object_get_boolean_member (other, "wage_cost_subsidy_route"));

  /* What was matched names the requirement and the levels, nothing of the person. */
  {
    static const char * const lists[] = { "matched", "gap", "below_level", "optional_missing", "unknown" };
    static const char * const allowed[] = { "competence_id", "requirement", "label", "required_level", "level", "essential",
                                            "reason", NULL };

    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (other, "matched")), >, 0);
    for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
      {
        JsonArray *array = json_object_get_array_member (other, lists[l]);

        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            g_autoptr(GList) members = json_object_get_members (json_array_get_object_element (array, i));

            for (GList *m = members; m != NULL; m = m->next)
              if (!g_strv_contains (allowed, m->data))
                g_error ("%s of a pseudonymous candidate has “%s”", lists[l], (const char *) m->data);
          }
      }
  }

  /* Not anywhere in what is sent about the candidate, explanations included. */
  text = to_text (other);
  for (guint i = 0; i < G_N_ELEMENTS (never); i++)
    if (strstr (text, never[i]) != NULL)
      g_error ("the pseudonymous result shows “%s”: %s", never[i], text);
}

static void
test_rank_vacancies (void)
{
  g_autoptr(WbApiClient) a = login ("a.lam");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) mine = rank_vacancies (a, fx.a1, NULL, &error);
  g_autoptr(JsonObject) theirs = NULL;
  JsonObject *first, *vacancy;
  guint shop_rank = 0;

  g_assert_no_error (error);
  /* Open vacancies only, best first. */
  g_assert_cmpint (json_object_get_int_member (mine, "considered"), >=, 2);
  g_assert_null (find_item (mine, "vacancy_id", fx.v_closed, NULL));
  first = json_array_get_object_element (items_of (mine), 0);
  g_assert_cmpint (json_object_get_int_member (first, "vacancy_id"), ==, fx.v_warehouse);
  g_assert_nonnull (find_item (mine, "vacancy_id", fx.v_shop, &shop_rank));
  g_assert_cmpuint (shop_rank, >, 1);
  vacancy = json_object_get_object_member (first, "vacancy");
  g_assert_cmpstr (json_object_get_string_member (vacancy, "title"), ==, "Magazijnmedewerker");
  g_assert_cmpstr (json_object_get_string_member (vacancy, "employer"), ==, "Parkstad Logistiek B.V.");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (mine, "client"), "family_name"), ==, "Janssen");
  g_assert_nonnull (strstr (part_explanation (first, "capacity"), "90 %"));

  /* Vacancies for another organisation's client: the client stays pseudonymous. */
  theirs = rank_vacancies (a, fx.b1, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (theirs, "client"), "pseudonymous"));
  g_assert_false (json_object_has_member (json_object_get_object_member (theirs, "client"), "family_name"));
  first = json_array_get_object_element (items_of (theirs), 0);
  g_assert_cmpint (json_object_get_int_member (first, "vacancy_id"), ==, fx.v_warehouse);
  g_assert_null (strstr (part_explanation (first, "capacity"), "55"));

  /* A client who left is no candidate for anything. */
  g_clear_pointer (&theirs, json_object_unref);
  theirs = rank_vacancies (a, fx.gone, NULL, &error);
  g_assert_null (theirs);
  g_assert_error (error, WB_API_ERROR, 409);
}

/* Where someone lives lowers the score but decides nothing, unless max_km is asked. */
static void
test_distance_filters_only_when_asked (void)
{
  g_autoptr(WbApiClient) wsp = login ("wsp.am");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) all = rank_candidates (wsp, fx.v_warehouse, NULL, &error);
  g_autoptr(JsonObject) near = NULL;
  WbApiRankQuery query = { .max_km = 10 };
  JsonObject *far;

  g_assert_no_error (error);
  far = find_item (all, "client_id", fx.far, NULL);
  g_assert_nonnull (far);
  g_assert_cmpfloat (json_object_get_double_member (far, "distance_km"), >, 250);
  g_assert_cmpfloat (part_score (far, "travel"), <, 0.1);
  g_assert_nonnull (strstr (part_explanation (far, "travel"), "does not rule the client out"));
  g_assert_nonnull (find_item (all, "client_id", fx.b1, NULL));

  near = rank_candidates (wsp, fx.v_warehouse, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (json_object_get_double_member (near, "max_km"), ==, 10);
  g_assert_null (find_item (near, "client_id", fx.far, NULL));
  g_assert_null (find_item (near, "client_id", fx.b1, NULL));   /* Maastricht, about 20 km */
  g_assert_nonnull (find_item (near, "client_id", fx.a1, NULL));
  g_assert_nonnull (find_item (near, "client_id", fx.a2, NULL));
}

static void
test_filters (void)
{
  g_autoptr(WbApiClient) wsp = login ("wsp.am");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) of_b = NULL;
  g_autoptr(JsonObject) near_misses = NULL;
  g_autoptr(JsonObject) top = NULL;
  WbApiRankQuery by_org = { .organisation_id = fx.org_b };
  WbApiRankQuery misses = { .near_misses = TRUE };
  WbApiRankQuery one = { .limit = 1 };
  JsonArray *items;

  of_b = rank_candidates (wsp, fx.v_warehouse, &by_org, &error);
  g_assert_no_error (error);
  items = items_of (of_b);
  g_assert_cmpuint (json_array_get_length (items), ==, 3);
  for (guint i = 0; i < json_array_get_length (items); i++)
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (items, i), "organisation_id"), ==, fx.org_b);

  /* The shop asks two competences: A2 has both, A1, B1 and Far lack both, which makes
   * them near misses, the input for a training arrangement. B2's competences are not known
   * at all: no near miss. */
  near_misses = rank_candidates (wsp, fx.v_shop, &misses, &error);
  g_assert_no_error (error);
  items = items_of (near_misses);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      guint gap = json_array_get_length (json_object_get_array_member (item, "gap"));

      g_assert_true (json_object_get_boolean_member (item, "near_miss"));
      g_assert_cmpuint (gap, >=, 1);
      g_assert_cmpuint (gap, <=, 2);
    }
  g_assert_null (find_item (near_misses, "client_id", fx.a2, NULL));
  g_assert_null (find_item (near_misses, "client_id", fx.b2, NULL));
  g_assert_cmpuint (json_array_get_length (items), ==, 3);

  top = rank_candidates (wsp, fx.v_warehouse, &one, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (items_of (top)), ==, 1);
}

static void
assert_field_errors (WbApiClient  *api,
                     const char   *path,
                     const char   *field1,
                     const char   *field2)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = wb_test_api_request (api, "GET", path, NULL, NULL, &error);
  WbProblem *problem;

  g_assert_null (answer);
  g_assert_error (error, WB_API_ERROR, 400);
  problem = wb_api_error_get_problem (error);
  g_assert_nonnull (problem);
  g_assert_nonnull (wb_problem_get_error (problem, field1));
  if (field2 != NULL)
    g_assert_nonnull (wb_problem_get_error (problem, field2));
  g_assert_cmpuint (problem->errors->len, ==, field2 != NULL ? 2 : 1);
}

static void
test_bad_parameters (void)
{
  g_autoptr(WbApiClient) wsp = login ("wsp.am");
  g_autofree char *v = g_strdup_printf ("api/v1/vacancies/%" G_GINT64_FORMAT "/matches", fx.v_warehouse);
  g_autofree char *c = g_strdup_printf ("api/v1/clients/%" G_GINT64_FORMAT "/matches", fx.a1);
  g_autofree char *p1 = g_strconcat (v, "?limit=abc", NULL);
  g_autofree char *p2 = g_strconcat (v, "?max_km=-3", NULL);
  g_autofree char *p3 = g_strconcat (c, "?limit=abc&max_km=-3", NULL);
  g_autofree char *p4 = g_strconcat (c, "?limit=0", NULL);
  g_autofree char *p5 = g_strconcat (v, "?org=ISD", NULL);
  g_autofree char *p6 = g_strconcat (v, "?sort=score", NULL);
  g_autofree char *p7 = g_strconcat (v, "?near_misses=yes&max_km=ten", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = NULL;

  assert_field_errors (wsp, p1, "limit", NULL);
  assert_field_errors (wsp, p2, "max_km", NULL);
  assert_field_errors (wsp, p3, "limit", "max_km");
  assert_field_errors (wsp, p4, "limit", NULL);
  assert_field_errors (wsp, p5, "org", NULL);
  assert_field_errors (wsp, p6, "sort", NULL);
  assert_field_errors (wsp, p7, "near_misses", "max_km");

  answer = wb_test_api_request (wsp, "GET", "api/v1/vacancies/999999/matches", NULL, NULL, &error);
  g_assert_error (error, WB_API_ERROR, 404);
  g_clear_error (&error);
  g_clear_pointer (&answer, json_node_unref);
  answer = wb_test_api_request (wsp, "POST", v, NULL, NULL, &error);
  g_assert_error (error, WB_API_ERROR, 405);
}

static void
test_analyst_gets_403 (void)
{
  g_autoptr(WbApiClient) analyst = login ("a.analyst");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) ranking = rank_candidates (analyst, fx.v_warehouse, NULL, &error);

  g_assert_null (ranking);
  g_assert_error (error, WB_API_ERROR, 403);
  g_clear_error (&error);
  ranking = rank_vacancies (analyst, fx.a1, NULL, &error);
  g_assert_null (ranking);
  g_assert_error (error, WB_API_ERROR, 403);
}

/* Tests: what a ranked item says, and the controls that re-rank */

static const char * const part_names[] = { "competences", "education", "travel", "hours", "capacity", "sector", "readiness" };

/* The points of the parts add up to the score, at the four decimals written. */
static void
assert_points_add_up (JsonObject *item)
{
  JsonObject *parts = json_object_get_object_member (item, "parts");
  gint64 units = 0;

  for (guint p = 0; p < G_N_ELEMENTS (part_names); p++)
    units += llround (json_object_get_double_member (json_object_get_object_member (parts, part_names[p]), "points") * 1e4);
  g_assert_cmpint (units, ==, llround (json_object_get_double_member (item, "score") * 1e4));
}

static JsonObject *
requirement_of (JsonObject *item,
                const char *list,
                gint64      competence_id)
{
  JsonArray *array = json_object_get_array_member (item, list);

  g_assert_nonnull (array);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *entry = json_array_get_object_element (array, i);

      if (json_object_get_int_member_with_default (entry, "competence_id", 0) == competence_id)
        return entry;
    }
  return NULL;
}

/* Both directions name the matched competences, with the level asked and the candidate's,
 * beside the gap, and the parts add up to the score. */
static void
test_matched_both_directions (void)
{
  g_autoptr(WbApiClient) wsp = login ("wsp.am");
  g_autoptr(WbApiClient) a = login ("a.lam");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) candidates = rank_candidates (wsp, fx.v_warehouse, NULL, &error);
  g_autoptr(JsonObject) vacancies = NULL;
  JsonObject *directions[2], *entry, *b1;
  JsonArray *items;

  g_assert_no_error (error);
  vacancies = rank_vacancies (a, fx.a1, NULL, &error);
  g_assert_no_error (error);
  directions[0] = find_item (candidates, "client_id", fx.a1, NULL);
  directions[1] = find_item (vacancies, "vacancy_id", fx.v_warehouse, NULL);
  for (guint d = 0; d < G_N_ELEMENTS (directions); d++)
    {
      JsonObject *item = directions[d];

      g_assert_nonnull (item);
      /* A1 has all four the warehouse asks, at the level asked or higher. */
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (item, "matched")), ==, 4);
      entry = requirement_of (item, "matched", fx.forklift);
      g_assert_cmpstr (json_object_get_string_member (entry, "label"), ==, "Heftruck rijden");
      g_assert_cmpint (json_object_get_int_member (entry, "required_level"), ==, 3);
      g_assert_cmpint (json_object_get_int_member (entry, "level"), ==, 4);
      g_assert_true (json_object_get_boolean_member (entry, "essential"));
      g_assert_false (json_object_get_boolean_member (requirement_of (item, "matched", fx.teamwork), "essential"));
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (item, "gap")), ==, 0);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (item, "unknown")), ==, 0);
      g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (item, "training_suggestion")));
      g_assert_nonnull (strstr (part_explanation (item, "competences"), "Has at the level asked: Heftruck rijden"));
    }

  /* B1 has three of the four: the optional one missing, the rest matched; the levels of
   * B1, another organisation's client, are those of the pseudonymous profile. */
  b1 = find_item (candidates, "client_id", fx.b1, NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (b1, "matched")), ==, 3);
  g_assert_nonnull (requirement_of (b1, "optional_missing", fx.teamwork));

  items = items_of (candidates);
  for (guint i = 0; i < json_array_get_length (items); i++)
    assert_points_add_up (json_array_get_object_element (items, i));
  items = items_of (vacancies);
  for (guint i = 0; i < json_array_get_length (items); i++)
    assert_points_add_up (json_array_get_object_element (items, i));
}

/* The controls a view re-ranks with: only the pool, only one organisation, near misses with
 * what training would close their gap, and the distance only when asked. */
static void
test_controls (void)
{
  g_autoptr(WbApiClient) wsp = login ("wsp.am");
  g_autoptr(WbApiClient) a = login ("a.lam");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) pool = NULL;
  g_autoptr(JsonObject) mine = NULL;
  g_autoptr(JsonObject) misses = NULL;
  g_autoptr(JsonObject) a2_pool = NULL;
  g_autoptr(JsonObject) a1_pool = NULL;
  g_autoptr(JsonObject) all = NULL;
  WbApiRankQuery only_pool = { .pool = TRUE };
  WbApiRankQuery only_mine = { .organisation_id = fx.org_a };
  WbApiRankQuery near_misses = { .near_misses = TRUE };
  g_autofree char *bad = g_strdup_printf ("api/v1/vacancies/%" G_GINT64_FORMAT "/matches?pool=yes", fx.v_warehouse);
  JsonArray *items;

  /* Off by default: every active client, no distance limit, no pool. */
  all = rank_candidates (wsp, fx.v_warehouse, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (json_object_get_boolean_member (all, "pool"));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (all, "max_km")));
  g_assert_cmpuint (json_array_get_length (items_of (all)), ==, 5);

  pool = rank_candidates (wsp, fx.v_warehouse, &only_pool, &error);
  g_assert_no_error (error);
  g_assert_true (json_object_get_boolean_member (pool, "pool"));
  items = items_of (pool);
  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (items, 0), "client_id"), ==, fx.a2);
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (json_array_get_object_element (items, 0), "client"),
                                                 "in_pool"));

  /* My organisation's clients only: the local account manager's. */
  mine = rank_candidates (a, fx.v_warehouse, &only_mine, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (mine, "org"), ==, fx.org_a);
  items = items_of (mine);
  g_assert_cmpuint (json_array_get_length (items), ==, 2);
  for (guint i = 0; i < json_array_get_length (items); i++)
    g_assert_false (json_object_get_boolean_member (json_array_get_object_element (items, i), "pseudonymous"));

  /* Near misses, each with its gap named as a training suggestion. */
  misses = rank_candidates (wsp, fx.v_shop, &near_misses, &error);
  g_assert_no_error (error);
  items = items_of (misses);
  g_assert_cmpuint (json_array_get_length (items), >, 0);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      const char *suggestion = json_object_get_string_member (item, "training_suggestion");

      g_assert_nonnull (suggestion);
      g_assert_nonnull (strstr (suggestion, "Afrekenen"));
      g_assert_nonnull (strstr (suggestion, "Klantvriendelijkheid"));
    }

  /* For a client's vacancies the pool is the client's: all or nothing. */
  a2_pool = rank_vacancies (a, fx.a2, &only_pool, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (items_of (a2_pool)), >, 0);
  a1_pool = rank_vacancies (a, fx.a1, &only_pool, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (items_of (a1_pool)), ==, 0);

  assert_field_errors (wsp, bad, "pool", NULL);
}

/* Which weights apply is for everyone to read; coordinators change them, and the audit
 * keeps what changed. */
static void
test_weights_read_by_all_changed_by_coordinators (void)
{
  g_autoptr(WbApiClient) coordinator = login ("a.coordinator");
  g_autoptr(WbApiClient) analyst = login ("a.analyst");
  g_autoptr(WbApiClient) consultant = login ("b.consultant");
  g_autoptr(WbApiClient) wsp = login ("wsp.am");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) read = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(JsonObject) refused = NULL;
  g_autoptr(JsonObject) back = NULL;
  g_autoptr(JsonObject) defaults = json_object_new ();
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autoptr(JsonObject) ranking = NULL;
  g_autoptr(JsonNode) audit = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *new_etag = NULL;
  WbApiClient *readers[] = { analyst, consultant, wsp };
  JsonObject *weights, *row;
  JsonArray *rows;
  gint64 version;

  for (guint i = 0; i < G_N_ELEMENTS (readers); i++)
    {
      g_autoptr(JsonObject) seen = get_weights (readers[i], "Maastricht-Heuvelland", NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (json_object_get_size (json_object_get_object_member (seen, "weights")), ==, G_N_ELEMENTS (part_names));
    }

  read = get_weights (coordinator, "Maastricht-Heuvelland", &etag, &error);
  g_assert_no_error (error);
  version = json_object_get_int_member (read, "version");
  json_object_set_double_member (changes, "sector", 0.2);

  /* Not a coordinator: 403, and nothing changes. */
  refused = set_weights (wsp, "Maastricht-Heuvelland", etag, changes, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, WB_API_ERROR, 403);
  g_clear_error (&error);

  answer = set_weights (coordinator, "Maastricht-Heuvelland", etag, changes, &new_etag, &error);
  g_assert_no_error (error);
  /* Every part, the one changed and the others at their defaults. */
  g_assert_cmpint (json_object_get_int_member (answer, "version"), ==, version + 1);
  weights = json_object_get_object_member (answer, "weights");
  g_assert_cmpuint (json_object_get_size (weights), ==, G_N_ELEMENTS (part_names));
  g_assert_cmpfloat (json_object_get_double_member (weights, "sector"), ==, 0.2);
  g_assert_cmpfloat (json_object_get_double_member (weights, "competences"), ==, 0.45);
  /* The same in the client library's struct. */
  {
    WbApiMatchWeights parsed;

    g_assert_true (wb_api_match_weights_parse (answer, &parsed, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (parsed.region, ==, "Maastricht-Heuvelland");
    g_assert_cmpint (parsed.version, ==, version + 1);
    g_assert_false (parsed.is_default);
    g_assert_cmpfloat (parsed.weights.part[WB_MATCH_PART_SECTOR], ==, 0.2);
    g_assert_cmpfloat (parsed.weights.part[WB_MATCH_PART_COMPETENCES], ==, 0.45);
    wb_api_match_weights_clear (&parsed);
  }

  /* The audit says who changed which part, from what to what. */
  audit = wb_test_api_request (coordinator, "GET", "api/v1/audit?resource=match-weights&sort=-at", NULL, NULL, &error);
  g_assert_no_error (error);
  rows = json_object_get_array_member (json_node_get_object (audit), "items");
  g_assert_cmpuint (json_array_get_length (rows), >=, 1);
  row = json_array_get_object_element (rows, 0);
  g_assert_cmpstr (json_object_get_string_member (row, "action"), ==, "update");
  g_assert_nonnull (strstr (json_object_get_string_member (row, "reason"), "Maastricht-Heuvelland"));
  g_assert_nonnull (strstr (json_object_get_string_member (row, "reason"), "sector 0.05 -> 0.2"));
  g_assert_null (strstr (json_object_get_string_member (row, "reason"), "competences"));

  /* A ranking in the region says which weights it used: the new ones. */
  ranking = rank_vacancies (consultant, fx.b1, NULL, &error);
  g_assert_no_error (error);
  weights = json_object_get_object_member (ranking, "weights");
  g_assert_cmpstr (json_object_get_string_member (weights, "region"), ==, "Maastricht-Heuvelland");
  g_assert_cmpint (json_object_get_int_member (weights, "version"), ==, version + 1);
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (weights, "weights"), "sector"), ==, 0.2);
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (json_array_get_object_element (items_of (ranking), 0),
                                                                                   "weights"), "sector"), ==, 0.2);

  /* Back to the defaults, for the tests that follow. */
  back = set_weights (coordinator, "Maastricht-Heuvelland", new_etag, defaults, NULL, &error);
  g_assert_no_error (error);
}

/* Tests: the client library's structs */

static void
assert_requirements_equal (GArray     *parsed,
                           JsonObject *item,
                           const char *list)
{
  JsonArray *array = json_object_get_array_member (item, list);

  g_assert_cmpuint (parsed->len, ==, json_array_get_length (array));
  for (guint i = 0; i < parsed->len; i++)
    {
      const WbApiMatchRequirement *r = &g_array_index (parsed, WbApiMatchRequirement, i);
      JsonObject *entry = json_array_get_object_element (array, i);
      JsonNode *level = json_object_get_member (entry, "level");

      g_assert_cmpint (r->competence_id, ==, json_object_get_int_member_with_default (entry, "competence_id", 0));
      g_assert_true (r->driving_licence == json_object_has_member (entry, "requirement"));
      g_assert_cmpstr (r->label, ==, json_object_get_string_member (entry, "label"));
      g_assert_cmpint (r->required_level, ==, json_object_get_int_member (entry, "required_level"));
      g_assert_cmpint (r->level, ==, JSON_NODE_HOLDS_NULL (level) ? 0 : json_node_get_int (level));
      g_assert_true (r->essential == json_object_get_boolean_member (entry, "essential"));
      g_assert_true (r->inferred == (g_strcmp0 (json_object_get_string_member_with_default (entry, "reason", NULL),
                                                "work_experience") == 0));
    }
}

/* Every member of @item is in @match as the server said it. */
static void
assert_item_parsed (WbApiRankedMatch *match,
                    JsonObject       *item)
{
  static const char * const lists[] = { "matched", "gap", "below_level", "optional_missing", "unknown" };
  GArray *parsed[] = { match->matched, match->gap, match->below_level, match->optional_missing, match->unknown };
  JsonObject *parts = json_object_get_object_member (item, "parts");
  JsonObject *counts = json_object_get_object_member (item, "competences");
  JsonObject *diagnosis = json_object_get_object_member (item, "diagnosis");
  JsonArray *missing = json_object_get_array_member (item, "missing");
  JsonNode *distance = json_object_get_member (item, "distance_km");
  gint64 units = 0;

  g_assert_cmpuint (match->rank, ==, json_object_get_int_member (item, "rank"));
  g_assert_cmpint (match->vacancy_id, ==, json_object_get_int_member (item, "vacancy_id"));
  g_assert_cmpint (match->client_id, ==, json_object_get_int_member (item, "client_id"));
  g_assert_cmpint (match->organisation_id, ==, json_object_get_int_member (item, "organisation_id"));
  g_assert_cmpstr (match->organisation, ==, json_object_get_string_member_with_default (item, "organisation", NULL));
  g_assert_cmpint (match->vacancy_organisation_id, ==, json_object_get_int_member (item, "vacancy_organisation_id"));
  g_assert_cmpfloat (match->score, ==, json_object_get_double_member (item, "score"));
  for (guint p = 0; p < WB_MATCH_N_PARTS; p++)
    {
      JsonObject *part = json_object_get_object_member (parts, wb_match_part_to_string (p));

      g_assert_cmpfloat (match->parts[p].score, ==, json_object_get_double_member (part, "score"));
      g_assert_cmpfloat (match->parts[p].weight, ==, json_object_get_double_member (part, "weight"));
      g_assert_cmpfloat (match->parts[p].points, ==, json_object_get_double_member (part, "points"));
      g_assert_true (match->parts[p].known == json_object_get_boolean_member (part, "known"));
      g_assert_cmpstr (match->parts[p].explanation, ==, json_object_get_string_member (part, "explanation"));
      units += llround (match->parts[p].points * 1e4);
    }
  /* What a bar split into the parts shows adds up to the score. */
  g_assert_cmpint (units, ==, llround (match->score * 1e4));
  g_assert_cmpuint (match->n_essential, ==, json_object_get_int_member (counts, "essential"));
  g_assert_cmpuint (match->n_essential_missing, ==, json_object_get_int_member (counts, "essential_missing"));
  g_assert_cmpuint (match->n_optional, ==, json_object_get_int_member (counts, "optional"));
  g_assert_cmpuint (match->n_optional_present, ==, json_object_get_int_member (counts, "optional_present"));
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    assert_requirements_equal (parsed[l], item, lists[l]);
  g_assert_cmpuint (match->missing->len, ==, json_array_get_length (missing));
  for (guint i = 0; i < match->missing->len; i++)
    {
      const WbApiMatchMissing *m = &g_array_index (match->missing, WbApiMatchMissing, i);
      JsonObject *entry = json_array_get_object_element (missing, i);

      g_assert_cmpstr (m->field, ==, json_object_get_string_member (entry, "field"));
      g_assert_cmpstr (m->supplied_by, ==, json_object_get_string_member (entry, "supplied_by"));
      g_assert_cmpstr (m->text, ==, json_object_get_string_member (entry, "text"));
    }
  g_assert_cmpstr (match->diagnosis == WB_API_DIAGNOSIS_CURRENT ? "current"
                   : match->diagnosis == WB_API_DIAGNOSIS_STALE ? "stale" : "missing",
                   ==, json_object_get_string_member (diagnosis, "state"));
  g_assert_cmpstr (match->diagnosis_date, ==, json_object_get_string_member (diagnosis, "date"));
  g_assert_cmpint (match->diagnosis_age_months, ==,
                   JSON_NODE_HOLDS_NULL (json_object_get_member (diagnosis, "age_months")) ? -1
                   : json_object_get_int_member (diagnosis, "age_months"));
  g_assert_true (match->stale_diagnosis == json_object_get_boolean_member (item, "stale_diagnosis"));
  g_assert_true (match->near_miss == json_object_get_boolean_member (item, "near_miss"));
  g_assert_cmpstr (match->training_suggestion, ==, json_object_get_string_member (item, "training_suggestion"));
  g_assert_true (match->wage_cost_subsidy_route == json_object_get_boolean_member (item, "wage_cost_subsidy_route"));
  g_assert_true (match->wage_cost_subsidy_offered == json_object_get_boolean_member (item, "wage_cost_subsidy_offered"));
  g_assert_cmpstr (match->capacity_band, ==, json_object_get_string_member (item, "capacity_band"));
  g_assert_true (match->pseudonymous == json_object_get_boolean_member (item, "pseudonymous"));
  g_assert_cmpfloat (match->distance_km, ==, JSON_NODE_HOLDS_NULL (distance) ? -1 : json_node_get_double (distance));
  for (guint p = 0; p < WB_MATCH_N_PARTS; p++)
    g_assert_cmpfloat (match->weights.part[p], ==,
                       json_object_get_double_member (json_object_get_object_member (item, "weights"), wb_match_part_to_string (p)));
  if (json_object_has_member (item, "client"))
    {
      g_assert_nonnull (match->client);
      g_assert_null (match->vacancy);
      g_assert_cmpint (wb_record_get_id (match->client), ==, match->client_id);
    }
  else
    {
      g_assert_nonnull (match->vacancy);
      g_assert_null (match->client);
      g_assert_cmpint (wb_record_get_id (match->vacancy), ==, match->vacancy_id);
    }
}

static void
assert_ranking_parsed (JsonObject *answer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbApiRanking) ranking = wb_api_ranking_new_from_json (answer, &error);
  JsonObject *weights = json_object_get_object_member (answer, "weights");
  JsonNode *max_km = json_object_get_member (answer, "max_km");
  JsonNode *org = json_object_get_member (answer, "org");
  JsonArray *items = items_of (answer);

  g_assert_no_error (error);
  g_assert_nonnull (ranking);
  g_assert_cmpint (ranking->vacancy_id, ==, json_object_get_int_member_with_default (answer, "vacancy_id", 0));
  g_assert_cmpint (ranking->client_id, ==, json_object_get_int_member_with_default (answer, "client_id", 0));
  g_assert_true ((ranking->vacancy != NULL) == (ranking->vacancy_id > 0));
  g_assert_true ((ranking->client != NULL) == (ranking->client_id > 0));
  g_assert_cmpstr (ranking->weights.region, ==, json_object_get_string_member (weights, "region"));
  g_assert_cmpint (ranking->weights.version, ==, json_object_get_int_member (weights, "version"));
  g_assert_true (ranking->weights.is_default == json_object_get_boolean_member (weights, "default"));
  g_assert_cmpfloat (ranking->weights.weights.part[WB_MATCH_PART_COMPETENCES], ==,
                     json_object_get_double_member (json_object_get_object_member (weights, "weights"), "competences"));
  g_assert_cmpuint (ranking->query.limit, ==, json_object_get_int_member (answer, "limit"));
  g_assert_cmpfloat (ranking->query.max_km, ==, JSON_NODE_HOLDS_NULL (max_km) ? 0 : json_node_get_double (max_km));
  g_assert_cmpint (ranking->query.organisation_id, ==, JSON_NODE_HOLDS_NULL (org) ? 0 : json_node_get_int (org));
  g_assert_true (ranking->query.near_misses == json_object_get_boolean_member (answer, "near_misses"));
  g_assert_true (ranking->query.pool == json_object_get_boolean_member (answer, "pool"));
  g_assert_cmpuint (ranking->considered, ==, json_object_get_int_member (answer, "considered"));
  g_assert_cmpuint (ranking->items->len, ==, json_array_get_length (items));
  for (guint i = 0; i < ranking->items->len; i++)
    assert_item_parsed (ranking->items->pdata[i], json_array_get_object_element (items, i));
}

/* The structs hold every member of a ranking, both ways and with every control. */
static void
test_api_ranking_structs (void)
{
  g_autoptr(WbApiClient) wsp = login ("wsp.am");
  g_autoptr(WbApiClient) a = login ("a.lam");
  WbApiRankQuery queries[] = {
    { 0 },
    { .near_misses = TRUE },
    { .pool = TRUE, .max_km = 12.5 },
    { .organisation_id = fx.org_b, .limit = 2 },
  };
  gint64 vacancies[] = { fx.v_warehouse, fx.v_shop };
  gint64 clients[] = { fx.a1, fx.a2, fx.b1, fx.b2 };
  guint with_training = 0, with_matched = 0, with_unknown = 0;

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      for (guint v = 0; v < G_N_ELEMENTS (vacancies); v++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(JsonObject) answer = rank_candidates (wsp, vacancies[v], &queries[q], &error);
          g_autoptr(WbApiRanking) ranking = NULL;

          g_assert_no_error (error);
          assert_ranking_parsed (answer);
          ranking = wb_api_ranking_new_from_json (answer, NULL);
          for (guint i = 0; i < ranking->items->len; i++)
            {
              WbApiRankedMatch *match = ranking->items->pdata[i];

              with_training += match->training_suggestion != NULL;
              with_matched += match->matched->len > 0;
              with_unknown += match->unknown->len > 0;
            }
        }
      for (guint c = 0; c < G_N_ELEMENTS (clients); c++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(JsonObject) answer = rank_vacancies (a, clients[c], &queries[q], &error);

          g_assert_no_error (error);
          assert_ranking_parsed (answer);
        }
    }
  /* The cases the fixture holds were all there. */
  g_assert_cmpuint (with_training, >, 0);
  g_assert_cmpuint (with_matched, >, 0);
  g_assert_cmpuint (with_unknown, >, 0);
}

static WbApiRanking *
fetch_ranking (WbApiClient          *api,
               gboolean              for_vacancy,
               gint64                id,
               const WbApiRankQuery *query,
               GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  wb_api_client_fetch_ranking_async (api, for_vacancy, id, query, NULL, wb_test_store_result, &result);
  wb_test_wait (&result);
  return wb_api_client_fetch_ranking_finish (api, result, error);
}

static void
assert_same_requirements (GArray *a,
                          GArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      WbApiMatchRequirement *x = &g_array_index (a, WbApiMatchRequirement, i);
      WbApiMatchRequirement *y = &g_array_index (b, WbApiMatchRequirement, i);

      g_assert_cmpint (x->competence_id, ==, y->competence_id);
      g_assert_cmpstr (x->label, ==, y->label);
    }
}

static void
assert_same_ranking (WbApiRanking *a,
                     WbApiRanking *b)
{
  g_assert_cmpuint (a->considered, ==, b->considered);
  g_assert_cmpuint (a->items->len, ==, b->items->len);
  g_assert_cmpstr (a->weights.region, ==, b->weights.region);
  for (guint i = 0; i < a->items->len; i++)
    {
      WbApiRankedMatch *x = a->items->pdata[i];
      WbApiRankedMatch *y = b->items->pdata[i];

      g_assert_cmpuint (x->rank, ==, y->rank);
      g_assert_cmpint (x->client_id, ==, y->client_id);
      g_assert_cmpint (x->vacancy_id, ==, y->vacancy_id);
      g_assert_cmpfloat (x->score, ==, y->score);
      for (guint p = 0; p < WB_MATCH_N_PARTS; p++)
        g_assert_cmpfloat (x->parts[p].points, ==, y->parts[p].points);
      assert_same_requirements (x->matched, y->matched);
      assert_same_requirements (x->gap, y->gap);
      assert_same_requirements (x->unknown, y->unknown);
      g_assert_cmpstr (x->training_suggestion, ==, y->training_suggestion);
      g_assert_cmpint (x->pseudonymous, ==, y->pseudonymous);
      g_assert_cmpfloat (x->distance_km, ==, y->distance_km);
      g_assert_true ((x->client == NULL) == (y->client == NULL));
      if (x->client != NULL)
        g_assert_cmpstr (wb_record_get_string (x->client, "name"), ==, wb_record_get_string (y->client, "name"));
    }
}

/* The ranking fetched on the worker thread is the one @answer (the plain request's) says. */
static void
assert_fetched_as_answered (WbApiClient          *api,
                            gboolean              for_vacancy,
                            gint64                id,
                            const WbApiRankQuery *query,
                            JsonObject           *answer)
{
  g_autoptr(WbApiRanking) expected = wb_api_ranking_new_from_json (answer, NULL);
  g_autoptr(WbApiRanking) ranking = NULL;
  g_autoptr(GError) error = NULL;

  ranking = fetch_ranking (api, for_vacancy, id, query, &error);
  g_assert_no_error (error);
  assert_same_ranking (ranking, expected);
}

static void
on_session_ended_cb (WbApiClient *api,
                     guint       *count)
{
  (*count)++;
}

/* A ranking asked, read and parsed on a thread of its own is the ranking the server gives,
 * both ways and with every control; its failures are those of every call, and a refused
 * token ends the session on the caller's thread. */
static void
test_fetch_ranking_on_a_thread (void)
{
  g_autoptr(WbApiClient) wsp = login ("wsp.am");
  g_autoptr(WbApiClient) a = login ("a.lam");
  g_autoptr(WbApiClient) analyst = login ("a.analyst");
  WbApiRankQuery queries[] = {
    { 0 },
    { .near_misses = TRUE },
    { .pool = TRUE, .max_km = 12.5 },
    { .organisation_id = fx.org_b, .limit = 2 },
  };
  gint64 vacancies[] = { fx.v_warehouse, fx.v_shop };
  gint64 clients[] = { fx.a1, fx.b1 };
  g_autoptr(GError) error = NULL;
  g_autoptr(WbApiRanking) fetched = NULL;
  guint ended = 0;

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      for (guint v = 0; v < G_N_ELEMENTS (vacancies); v++)
        {
          g_autoptr(JsonObject) answer = rank_candidates (wsp, vacancies[v], &queries[q], &error);

          g_assert_no_error (error);
          assert_fetched_as_answered (wsp, TRUE, vacancies[v], &queries[q], answer);
        }
      for (guint c = 0; c < G_N_ELEMENTS (clients); c++)
        {
          g_autoptr(JsonObject) answer = rank_vacancies (a, clients[c], &queries[q], &error);

          g_assert_no_error (error);
          assert_fetched_as_answered (a, FALSE, clients[c], &queries[q], answer);
        }
    }

  fetched = fetch_ranking (analyst, TRUE, fx.v_warehouse, NULL, &error);
  g_assert_null (fetched);
  g_assert_error (error, WB_API_ERROR, 403);
  g_assert_nonnull (wb_api_error_get_problem (error));
  g_clear_error (&error);
  fetched = fetch_ranking (wsp, TRUE, 999999, NULL, &error);
  g_assert_null (fetched);
  g_assert_error (error, WB_API_ERROR, 404);
  g_clear_error (&error);

  /* A cancelled request says so, as every call does. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(GAsyncResult) result = NULL;

    g_cancellable_cancel (cancellable);
    wb_api_client_fetch_ranking_async (wsp, TRUE, fx.v_warehouse, &queries[0], cancellable, wb_test_store_result,
                                       &result);
    wb_test_wait (&result);
    fetched = wb_api_client_fetch_ranking_finish (wsp, result, &error);
    g_assert_null (fetched);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
  }

  g_signal_connect (wsp, "session-ended", G_CALLBACK (on_session_ended_cb), &ended);
  wb_api_client_set_token (wsp, "not-a-token");
  fetched = fetch_ranking (wsp, TRUE, fx.v_warehouse, NULL, &error);
  g_assert_null (fetched);
  g_assert_error (error, WB_API_ERROR, 401);
  g_assert_cmpuint (ended, ==, 1);
}

/* An answer that is not a ranking is a parse error naming what is wrong. */
static void
test_api_ranking_parse_errors (void)
{
  g_autoptr(WbApiClient) wsp = login ("wsp.am");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = rank_candidates (wsp, fx.v_warehouse, NULL, &error);
  g_autoptr(WbApiRanking) ranking = NULL;
  g_autoptr(WbApiRankedMatch) match = NULL;
  WbApiMatchWeights weights;
  JsonObject *item;

  g_assert_no_error (error);
  item = json_array_get_object_element (items_of (answer), 0);
  json_object_set_string_member (item, "score", "high");
  ranking = wb_api_ranking_new_from_json (answer, &error);
  g_assert_null (ranking);
  g_assert_error (error, WB_API_ERROR, WB_API_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "score"));
  g_clear_error (&error);

  json_object_set_double_member (item, "score", 0.5);
  json_object_remove_member (item, "matched");
  match = wb_api_ranked_match_new_from_json (item, &error);
  g_assert_null (match);
  g_assert_error (error, WB_API_ERROR, WB_API_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "matched"));
  g_clear_error (&error);

  g_assert_false (wb_api_match_weights_parse (item, &weights, &error));
  g_assert_error (error, WB_API_ERROR, WB_API_ERROR_PARSE);
}

/* Tests: proposals */

static void
test_proposal_records_score_and_weights (void)
{
  g_autoptr(WbApiClient) wsp = login ("wsp.am");
  g_autoptr(WbApiClient) coordinator = login ("a.coordinator");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) ranking = rank_candidates (wsp, fx.v_shop, NULL, &error);
  g_autoptr(JsonObject) reweighted = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(JsonObject) changes = NULL;
  g_autoptr(WbRecord) match = NULL;
  g_autoptr(WbRecord) second = NULL;
  g_autoptr(WbRecord) refused = NULL;
  g_autofree char *etag = NULL;
  JsonObject *item, *parts, *weights;
  static const char * const names[] = { "competences", "education", "travel", "hours", "capacity", "sector", "readiness" };

  g_assert_no_error (error);
  item = find_item (ranking, "client_id", fx.a2, NULL);
  g_assert_nonnull (item);

  match = propose (wsp, fx.v_shop, fx.a2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wb_record_get_string (match, "state"), ==, "suggested");
  /* The score of that moment, the same as the ranking's, with its parts and weights. */
  g_assert_cmpfloat_with_epsilon (wb_record_get_double (match, "score"), json_object_get_double_member (item, "score"), 1e-9);
  parts = json_object_get_object_member (wb_record_get_object (match), "score_parts");
  g_assert_nonnull (parts);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      JsonObject *part = json_object_get_object_member (parts, names[i]);

      g_assert_nonnull (part);
      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (part, "score"), part_score (item, names[i]), 1e-9);
      g_assert_true (json_object_has_member (part, "explanation"));
    }
  weights = json_object_get_object_member (wb_record_get_object (match), "weights");
  g_assert_true (json_object_get_boolean_member (weights, "default"));
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (weights, "weights"), "competences"), ==, 0.45);

  /* Twice the same pair is a duplicate; a client who left or a filled vacancy cannot be
   * proposed. */
  refused = propose (wsp, fx.v_shop, fx.a2, &error);
  g_assert_error (error, WB_API_ERROR, 409);
  g_assert_nonnull (strstr (wb_api_error_get_problem (error)->title, "already in this vacancy's workflow"));
  g_assert_null (strstr (wb_api_error_get_problem (error)->detail, "BSN"));
  g_assert_nonnull (wb_problem_get_error (wb_api_error_get_problem (error), "vacancy_id"));
  g_assert_nonnull (wb_problem_get_error (wb_api_error_get_problem (error), "client_id"));
  g_clear_error (&error);
  refused = propose (wsp, fx.v_shop, fx.gone, &error);
  g_assert_error (error, WB_API_ERROR, 409);
  g_assert_nonnull (strstr (wb_api_error_get_problem (error)->detail, "not an active jobseeker"));
  g_clear_error (&error);
  refused = propose (wsp, fx.v_closed, fx.a1, &error);
  g_assert_error (error, WB_API_ERROR, 409);
  g_clear_error (&error);

  /* A coordinator weighs competences more in Parkstad: rankings there say so, and so does
   * the next proposal. */
  answer = get_weights (coordinator, "Parkstad", &etag, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (etag, ==, "\"v0\"");
  changes = json_object_new ();
  json_object_set_double_member (changes, "competences", 0.9);
  json_object_set_double_member (changes, "travel", 0.01);
  {
    g_autofree char *new_etag = NULL;

    g_clear_pointer (&answer, json_object_unref);
    answer = set_weights (coordinator, "Parkstad", etag, changes, &new_etag, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (new_etag, ==, "\"v1\"");
  }
  reweighted = rank_candidates (wsp, fx.v_warehouse, NULL, &error);
  g_assert_no_error (error);
  weights = json_object_get_object_member (reweighted, "weights");
  g_assert_cmpstr (json_object_get_string_member (weights, "region"), ==, "Parkstad");
  g_assert_cmpint (json_object_get_int_member (weights, "version"), ==, 1);
  g_assert_false (json_object_get_boolean_member (weights, "default"));
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (weights, "weights"), "competences"), ==, 0.9);
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (weights, "weights"), "education"), ==, 0.1);
  /* With distance weighing next to nothing the far candidate, as good on paper, comes
   * second. */
  {
    guint rank = 0;

    g_assert_nonnull (find_item (reweighted, "client_id", fx.far, &rank));
    g_assert_cmpuint (rank, ==, 2);
  }

  second = propose (wsp, fx.v_warehouse, fx.b1, &error);
  g_assert_no_error (error);
  weights = json_object_get_object_member (wb_record_get_object (second), "weights");
  g_assert_cmpint (json_object_get_int_member (weights, "version"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (weights, "region"), ==, "Parkstad");
  /* What is stored is read by every organisation: the capacity as its band only. */
  g_assert_null (strstr (json_object_get_string_member (json_object_get_object_member (json_object_get_object_member (
                   wb_record_get_object (second), "score_parts"), "capacity"), "explanation"), "55"));

  /* Back to the defaults, for the tests that follow. */
  {
    g_autoptr(JsonObject) defaults = json_object_new ();

    json_object_set_double_member (defaults, "competences", 0.45);
    json_object_set_double_member (defaults, "travel", 0.1);
    g_clear_pointer (&answer, json_object_unref);
    answer = set_weights (coordinator, "Parkstad", "\"v1\"", defaults, NULL, &error);
    g_assert_no_error (error);
  }
}

static void
test_workflow (void)
{
  g_autoptr(WbApiClient) wsp = login ("wsp.am");
  g_autoptr(WbApiClient) a = login ("a.lam");
  g_autoptr(GError) error = NULL;
  g_autoptr(WbRecord) suggested = NULL;
  g_autoptr(WbRecord) shortlisted = NULL;
  g_autoptr(WbRecord) proposed = NULL;
  g_autoptr(WbRecord) interview = NULL;
  g_autoptr(WbRecord) placed = NULL;
  g_autoptr(WbRecord) refused = NULL;
  g_autoptr(WbRecord) other = NULL;
  g_autoptr(WbRecord) rejected = NULL;
  g_autoptr(GListModel) events = NULL;
  g_autoptr(GHashTable) filters = g_hash_table_new (g_str_hash, g_str_equal);
  WbApiQuery query = { .filters = filters };
  guint total = 0;

  suggested = propose (wsp, fx.v_warehouse, fx.a1, &error);
  g_assert_no_error (error);

  /* Straight to placed skips the employer: 409 with what to do instead. */
  refused = advance (wsp, suggested, "placed", NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, WB_API_ERROR, 409);
  g_assert_nonnull (strstr (wb_api_error_get_problem (error)->detail, "propose them to the employer first"));
  g_clear_error (&error);

  shortlisted = advance (wsp, suggested, "shortlisted", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wb_record_get_string (shortlisted, "state"), ==, "shortlisted");

  /* The version read before that step is stale: 412, nothing written. */
  refused = advance (wsp, suggested, "proposed", NULL, &error);
  g_assert_error (error, WB_API_ERROR, 412);
  g_clear_error (&error);

  /* Back is not a step either. */
  refused = advance (wsp, shortlisted, "suggested", NULL, &error);
  g_assert_error (error, WB_API_ERROR, 409);
  g_clear_error (&error);

  proposed = advance (wsp, shortlisted, "proposed", NULL, &error);
  g_assert_no_error (error);
  interview = advance (wsp, proposed, "interview", NULL, &error);
  g_assert_no_error (error);
  placed = advance (wsp, interview, "placed", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wb_record_get_string (placed, "state"), ==, "placed");

  /* The placement is in the client's timeline, as the owning organisation reads it. */
  g_hash_table_insert (filters, (gpointer) "kind", (gpointer) "placement");
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(WbRecord) event = NULL;

    wb_api_client_list_async (a, WB_RESOURCE_EVENTS, fx.a1, &query, NULL, wb_test_store_result, &result);
    wb_test_wait (&result);
    events = wb_api_client_list_finish (a, result, &total, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (total, ==, 1);
    event = g_list_model_get_item (events, 0);
    g_assert_cmpint (wb_record_get_int (event, "vacancy_id"), ==, fx.v_warehouse);
    g_assert_cmpint (wb_record_get_int (event, "employer_id"), ==, fx.employer);
    g_assert_cmpint (wb_record_get_int (event, "hours"), ==, 32);
  }

  /* Placed is final. */
  refused = advance (wsp, placed, "interview", NULL, &error);
  g_assert_error (error, WB_API_ERROR, 409);
  g_clear_error (&error);

  /* Rejecting needs a reason. */
  other = propose (wsp, fx.v_warehouse, fx.far, &error);
  g_assert_no_error (error);
  refused = advance (wsp, other, "rejected", NULL, &error);
  g_assert_error (error, WB_API_ERROR, 400);
  g_assert_nonnull (wb_problem_get_error (wb_api_error_get_problem (error), "reject_reason"));
  g_clear_error (&error);
  rejected = advance (wsp, other, "rejected", "Woont te ver weg voor ploegendienst", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wb_record_get_string (rejected, "reject_reason"), ==, "Woont te ver weg voor ploegendienst");
}

/* Tests: the index follows writes */

static void
test_index_follows_writes (void)
{
  g_autoptr(WbApiClient) wsp = login ("wsp.am");
  g_autoptr(WbApiClient) b = login ("b.consultant");
  g_autoptr(WbApiClient) a = login ("a.lam");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) before = NULL;
  g_autoptr(JsonObject) after = NULL;
  g_autoptr(WbRecord) diagnosis = NULL;
  g_autoptr(WbRecord) b2 = NULL;
  g_autoptr(WbRecord) changed = NULL;
  g_autoptr(WbRecord) vacancy = NULL;
  g_autoptr(WbRecord) closed = NULL;
  g_autofree char *json = NULL;
  JsonObject *item;
  guint rank_before = 0, rank_after = 0;

  /* A diagnosis with every competence the warehouse asks lifts B2 from the bottom. */
  before = rank_candidates (wsp, fx.v_warehouse, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (find_item (before, "client_id", fx.b2, &rank_before));
  json = g_strdup_printf ("{\"date\":\"%s\",\"source\":\"practical_diagnosis\",\"competences\":["
                          "{\"competence_id\":%" G_GINT64_FORMAT ",\"level\":5},{\"competence_id\":%" G_GINT64_FORMAT ",\"level\":5},"
                          "{\"competence_id\":%" G_GINT64_FORMAT ",\"level\":5},{\"competence_id\":%" G_GINT64_FORMAT ",\"level\":5}]}",
                          fx.today, fx.forklift, fx.orderpick, fx.safety, fx.teamwork);
  diagnosis = wb_test_api_create_json (b, WB_RESOURCE_DIAGNOSES, fx.b2, json, &error);
  g_assert_no_error (error);
  after = rank_candidates (wsp, fx.v_warehouse, NULL, &error);
  g_assert_no_error (error);
  item = find_item (after, "client_id", fx.b2, &rank_after);
  g_assert_nonnull (item);
  g_assert_cmpuint (rank_after, <, rank_before);
  g_assert_cmpfloat (part_score (item, "competences"), ==, 1.0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (item, "gap")), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (item, "diagnosis"), "state"), ==, "current");

  /* A PATCH of B2's work experience: as a former cashier the shop's competences are
   * inferred, labelled so. */
  g_clear_pointer (&before, json_object_unref);
  before = rank_candidates (wsp, fx.v_shop, NULL, &error);
  g_assert_no_error (error);
  item = find_item (before, "client_id", fx.b2, NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (item, "gap")), ==, 2);
  b2 = wb_test_api_get (b, WB_RESOURCE_CLIENTS, fx.b2, "matching test", &error);
  g_assert_no_error (error);
  g_free (json);
  json = g_strdup_printf ("{\"hours_available\":24,\"work_experience\":[{\"occupation_id\":%" G_GINT64_FORMAT ",\"years\":3}]}",
                          fx.cashier);
  changed = update (b, b2, json, &error);
  g_assert_no_error (error);
  g_clear_pointer (&after, json_object_unref);
  after = rank_candidates (wsp, fx.v_shop, NULL, &error);
  g_assert_no_error (error);
  item = find_item (after, "client_id", fx.b2, NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (item, "gap")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (item, "inferred")), ==, 2);
  g_assert_cmpfloat_with_epsilon (part_score (item, "competences"), 0.5, 1e-9);
  g_assert_cmpfloat (part_score (item, "hours"), ==, 1.0);
  g_assert_nonnull (strstr (part_explanation (item, "competences"), "Inferred from work experience"));

  /* A new vacancy is ranked at once, and offered to the client it suits. */
  g_free (json);
  json = g_strdup_printf ("{\"employer_id\":%" G_GINT64_FORMAT ",\"title\":\"Heftruckchauffeur\",\"sector\":\"logistics\","
                          "\"hours\":32,\"pc4\":\"6411\",\"positions\":1,\"opened_at\":\"%s\","
                          "\"competences\":[{\"competence_id\":%" G_GINT64_FORMAT ",\"level\":4,\"essential\":true}]}",
                          fx.employer, fx.today, fx.forklift);
  vacancy = wb_test_api_create_json (wsp, WB_RESOURCE_VACANCIES, 0, json, &error);
  g_assert_no_error (error);
  g_clear_pointer (&after, json_object_unref);
  after = rank_candidates (wsp, wb_record_get_id (vacancy), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (items_of (after)), ==, 5);
  g_clear_pointer (&after, json_object_unref);
  after = rank_vacancies (a, fx.a1, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (find_item (after, "vacancy_id", wb_record_get_id (vacancy), NULL));

  /* Closed: no longer offered. */
  closed = update (wsp, vacancy, "{\"status\":\"closed\"}", &error);
  g_assert_no_error (error);
  g_clear_pointer (&after, json_object_unref);
  after = rank_vacancies (a, fx.a1, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (find_item (after, "vacancy_id", wb_record_get_id (vacancy), NULL));
}

/* Tests: alerts */

static JsonObject *
create_alert (WbApiClient *api,
              const char  *kind,
              gint64       subject,
              double       threshold)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *alert;

  wb_api_client_create_alert_async (api, kind, subject, threshold, NULL, wb_test_store_result, &result);
  wb_test_wait (&result);
  alert = wb_api_client_create_alert_finish (api, result, &error);
  g_assert_no_error (error);
  return alert;
}

static void
test_alerts (void)
{
  g_autoptr(WbApiClient) a = login ("a.lam");
  g_autoptr(WbApiClient) wsp = login ("wsp.am");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) for_a1 = create_alert (a, "vacancy_for_client", fx.a1, 0.8);
  g_autoptr(JsonObject) for_a2 = create_alert (a, "vacancy_for_client", fx.a2, 0.8);
  g_autoptr(JsonObject) for_shop = create_alert (wsp, "client_for_vacancy", fx.v_shop, 0.7);
  g_autoptr(JsonObject) notification = NULL;
  g_autoptr(JsonArray) alerts = NULL;
  g_autoptr(WbRecord) vacancy = NULL;
  g_autoptr(WbRecord) newcomer = NULL;
  g_autoptr(WbRecord) diagnosis = NULL;
  g_autoptr(WbRecord) again = NULL;
  g_autofree char *json = NULL;
  g_autofree char *pseudonym = NULL;
  g_autofree char *text = NULL;

  g_assert_cmpuint (count_notifications (a, "match_alert", NULL), ==, 0);
  g_assert_cmpuint (count_notifications (wsp, "match_alert", NULL), ==, 0);
  {
    g_autoptr(GAsyncResult) result = NULL;

    wb_api_client_list_alerts_async (a, NULL, wb_test_store_result, &result);
    wb_test_wait (&result);
    alerts = wb_api_client_list_alerts_finish (a, result, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (json_array_get_length (alerts), ==, 2);
  }

  /* A new vacancy that suits A1 (above 0.8) but not A2 (a shop assistant). */
  json = g_strdup_printf ("{\"employer_id\":%" G_GINT64_FORMAT ",\"title\":\"Orderpicker\",\"sector\":\"logistics\","
                          "\"hours\":32,\"pc4\":\"6411\",\"positions\":1,\"opened_at\":\"%s\","
                          "\"competences\":[{\"competence_id\":%" G_GINT64_FORMAT ",\"level\":2,\"essential\":true},"
                          "{\"competence_id\":%" G_GINT64_FORMAT ",\"level\":2,\"essential\":true}]}",
                          fx.employer, fx.today, fx.orderpick, fx.safety);
  vacancy = wb_test_api_create_json (wsp, WB_RESOURCE_VACANCIES, 0, json, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_notifications (a, "match_alert", &notification), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (notification, "resource"), ==, "vacancies");
  g_assert_cmpint (json_object_get_int_member (notification, "resource_id"), ==, wb_record_get_id (vacancy));
  pseudonym = g_strdup_printf ("K-%06" G_GINT64_FORMAT, fx.a1);
  g_assert_nonnull (strstr (json_object_get_string_member (notification, "title"), pseudonym));
  g_assert_nonnull (strstr (json_object_get_string_member (notification, "body"), "Orderpicker"));
  g_assert_cmpuint (count_notifications (wsp, "match_alert", NULL), ==, 0);

  /* A new client: without competences below the shop's threshold, so nothing; with a
   * diagnosis of its competences above it, once. */
  g_free (json);
  json = g_strdup_printf ("{\"organisation_id\":%" G_GINT64_FORMAT ",\"municipality_id\":%" G_GINT64_FORMAT ","
                          "\"given_name\":\"Hanna\",\"family_name\":\"Winkelmans\",\"bsn\":\"888999008\",\"pc4\":\"6419\","
                          "\"birth_year\":1993,\"client_group\":\"ww\",\"phase\":\"work_ready\",\"track\":\"plaatsing\","
                          "\"education_level\":\"mbo2\",\"transport\":\"bicycle\",\"hours_available\":24,\"work_capacity\":100,"
                          "\"motivation\":\"high\",\"sector_preferences\":[\"retail\"]}",
                          fx.org_a, fx.heerlen);
  newcomer = wb_test_api_create_json (a, WB_RESOURCE_CLIENTS, 0, json, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_notifications (wsp, "match_alert", NULL), ==, 0);

  g_free (json);
  json = g_strdup_printf ("{\"date\":\"%s\",\"source\":\"intake\",\"competences\":["
                          "{\"competence_id\":%" G_GINT64_FORMAT ",\"level\":4},{\"competence_id\":%" G_GINT64_FORMAT ",\"level\":4}]}",
                          fx.today, fx.cash, fx.customer);
  diagnosis = wb_test_api_create_json (a, WB_RESOURCE_DIAGNOSES, wb_record_get_id (newcomer), json, &error);
  g_assert_no_error (error);
  g_clear_pointer (&notification, json_object_unref);
  g_assert_cmpuint (count_notifications (wsp, "match_alert", &notification), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (notification, "resource"), ==, "clients");
  g_assert_cmpint (json_object_get_int_member (notification, "resource_id"), ==, wb_record_get_id (newcomer));
  text = to_text (notification);
  g_assert_null (strstr (text, "Winkelmans"));
  g_assert_null (strstr (text, "Hanna"));
  g_assert_nonnull (strstr (text, "ISD A"));

  again = wb_test_api_create_json (a, WB_RESOURCE_DIAGNOSES, wb_record_get_id (newcomer), json, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_notifications (wsp, "match_alert", NULL), ==, 1);
  g_assert_cmpuint (count_notifications (a, "match_alert", NULL), ==, 1);

  /* An alert deleted tells nothing more. */
  {
    g_autoptr(GAsyncResult) result = NULL;

    wb_api_client_delete_alert_async (wsp, json_object_get_int_member (for_shop, "id"), NULL, wb_test_store_result, &result);
    wb_test_wait (&result);
    g_assert_true (wb_api_client_delete_alert_finish (wsp, result, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (json_object_get_int_member (for_a1, "id"), !=, json_object_get_int_member (for_a2, "id"));
}

/* The body of a GET as the server wrote it. */
static char *
raw_get (WbApiClient *api,
         const char  *path)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (fx.server->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autofree char *authorization = g_strconcat ("Bearer ", wb_api_client_get_token (api), NULL);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", authorization);
  reply = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  return g_strndup (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply));
}

/* Whether @text holds a number with more than @max decimals, as 0.45000000000000001. */
static gboolean
has_long_decimals (const char *text,
                   guint       max)
{
  for (const char *p = text; *p != '\0'; p++)
    if (*p == '.' && p > text && g_ascii_isdigit (p[-1]))
      {
        guint n = 0;

        while (g_ascii_isdigit (p[n + 1]))
          n++;
        if (n > max)
          {
            g_test_message ("long decimals: %.40s", p - 1);
            return TRUE;
          }
      }
  return FALSE;
}

/* Stored matches and alerts print their numbers as short as the rankings round them. */
static void
test_numbers_print_rounded (void)
{
  g_autoptr(WbApiClient) wsp = login ("wsp.am");
  g_autofree char *ranking_path = g_strdup_printf ("api/v1/vacancies/%" G_GINT64_FORMAT "/matches", fx.v_shop);
  g_autofree char *ranking = raw_get (wsp, ranking_path);
  g_autofree char *matches = raw_get (wsp, "api/v1/matches?per_page=100");
  g_autoptr(WbApiClient) a = login ("a.lam");
  g_autofree char *alerts = raw_get (a, "api/v1/alerts");

  g_assert_nonnull (strstr (matches, "\"score_parts\":{"));
  g_assert_nonnull (strstr (matches, "\"weight\":0.45,"));
  g_assert_false (has_long_decimals (matches, 4));
  g_assert_nonnull (strstr (alerts, "\"threshold\":0.8"));
  g_assert_false (has_long_decimals (alerts, 4));
  g_assert_false (has_long_decimals (ranking, 4));
  /* A whole number of a double stays a double. */
  g_assert_null (strstr (matches, "\"score\":1,"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  create_fixture ();

  g_test_add_func ("/matching-http/rank/candidates", test_rank_candidates);
  g_test_add_func ("/matching-http/rank/other-organisation-is-pseudonymous", test_pseudonymous_candidates);
  g_test_add_func ("/matching-http/rank/vacancies-for-a-client", test_rank_vacancies);
  g_test_add_func ("/matching-http/rank/distance-filters-only-when-asked", test_distance_filters_only_when_asked);
  g_test_add_func ("/matching-http/rank/filters", test_filters);
  g_test_add_func ("/matching-http/rank/bad-parameters-are-400", test_bad_parameters);
  g_test_add_func ("/matching-http/rank/analyst-gets-403", test_analyst_gets_403);
  g_test_add_func ("/matching-http/rank/matched-both-directions", test_matched_both_directions);
  g_test_add_func ("/matching-http/rank/controls", test_controls);
  g_test_add_func ("/matching-http/weights/read-by-all-changed-by-coordinators", test_weights_read_by_all_changed_by_coordinators);
  g_test_add_func ("/matching-http/api/ranking-structs", test_api_ranking_structs);
  g_test_add_func ("/matching-http/api/ranking-parse-errors", test_api_ranking_parse_errors);
  g_test_add_func ("/matching-http/api/fetch-ranking-on-a-thread", test_fetch_ranking_on_a_thread);
  g_test_add_func ("/matching-http/proposal/records-score-and-weights", test_proposal_records_score_and_weights);
  g_test_add_func ("/matching-http/proposal/workflow", test_workflow);
  g_test_add_func ("/matching-http/index/follows-writes", test_index_follows_writes);
  g_test_add_func ("/matching-http/alerts/notifications", test_alerts);
  g_test_add_func ("/matching-http/json/numbers-print-rounded", test_numbers_print_rounded);

  status = g_test_run ();

  wb_test_server_stop (fx.server);
  wb_test_remove_dir (fx.dir);
  g_free (fx.db);
  g_free (fx.dir);
  g_free (fx.today);
  return status;
}
