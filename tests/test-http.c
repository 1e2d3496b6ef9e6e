/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The HTTP API of the central layer, against a real werkbrug-server on a loopback port,
 * through the client library the desktop application uses. Everything person-like in the
 * fixture is made up here. */

#define G_LOG_DOMAIN "test-http"

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "wb-api-client.h"
#include "wb-import.h"
#include "wb-password.h"
#include "wb-store.h"
#include "wb-test-api.h"
#include "wb-test-server.h"
#include "wb-test-store.h"
#include "wb-test-util.h"

#define PASSWORD "correct horse battery"

/* Clients of organisation B that exist only to be paged through with list_all. */
#define N_BULK_CLIENTS 1050

static struct {
  char *dir;
  char *db;
  WbTestServer *server;
  gint64 org_a, org_b, org_wsp;
  gint64 heerlen, maastricht;
  gint64 client_a1, client_a2, client_b1;
  gint64 employer, contact, vacancy, match;
  gint64 competence, occupation;
  gint64 target, action_point;
  gint64 wsp_am;
} fx;

/* The own organisation's wajong clients in Maastricht, by family name, for exact paging. */
static const struct {
  const char *given_name;
  const char *family_name;
  const char *bsn;
  int birth_year;
  const char *phase;
} b_clients[] = {
  { "Chantal", "Smeets", "555666773", 1970, "development" },
  { "Daan", "Hermans", "666777883", 1988, "intake" },
  { "Eva", "Lemmens", "777888993", 1992, "work_ready" },
  { "Frans", "Wouters", "888999008", 1965, "development" },
  { "Gerda", "Coenen", "999000111", 1999, "work_ready" },
};

/* The n-th synthetic BSN that passes the eleven-test, none of them a real number in use
 * by the fixture. */
static char *
bulk_bsn (guint *seed)
{
  for (;;)
    {
      g_autofree char *prefix = g_strdup_printf ("2000%04u", (*seed)++);
      int sum = 0;

      for (int i = 0; i < 8; i++)
        sum += (9 - i) * (prefix[i] - '0');
      if (sum % 11 != 10)
        {
          char *bsn = g_strdup_printf ("%s%d", prefix, sum % 11);

          g_assert_true (wb_validate_bsn (bsn));
          return bsn;
        }
    }
}

static void
create_fixture (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbStore) store = NULL;
  g_autofree char *hash = NULL;
  gint64 a_consultant;
  guint seed = 0;

  fx.dir = wb_test_make_dir ();
  fx.db = g_build_filename (fx.dir, "http.db", NULL);
  store = wb_store_open (fx.db, &error);
  g_assert_no_error (error);
  g_assert_true (wb_starter_taxonomy_load (store, &error));
  g_assert_no_error (error);

  fx.heerlen = wb_test_insert (store, WB_RESOURCE_MUNICIPALITIES, "{\"code\":\"GM0917\",\"name\":\"Heerlen\",\"region\":\"Parkstad\"}");
  fx.maastricht = wb_test_insert (store, WB_RESOURCE_MUNICIPALITIES, "{\"code\":\"GM0935\",\"name\":\"Maastricht\",\"region\":\"Maastricht-Heuvelland\"}");
  fx.org_a = wb_test_insert (store, WB_RESOURCE_ORGANISATIONS, "{\"code\":\"isd-a\",\"name\":\"ISD A\",\"kind\":\"social_service\",\"region\":\"Parkstad\"}");
  fx.org_b = wb_test_insert (store, WB_RESOURCE_ORGANISATIONS, "{\"code\":\"isd-b\",\"name\":\"ISD B\",\"kind\":\"social_service\",\"region\":\"Maastricht-Heuvelland\"}");
  fx.org_wsp = wb_test_insert (store, WB_RESOURCE_ORGANISATIONS, "{\"code\":\"wsp\",\"name\":\"WSP\",\"kind\":\"wsp\",\"region\":\"Parkstad\"}");

  /* Argon2id is slow on purpose: one hash serves every test user. */
  hash = wb_password_hash (PASSWORD, &error);
  g_assert_no_error (error);
  a_consultant = wb_test_add_user (store, fx.org_a, "a.consultant", "a.consultant", "consultant", hash);
  wb_test_add_user (store, fx.org_a, "a.coordinator", "a.coordinator", "coordinator", hash);
  wb_test_add_user (store, fx.org_a, "a.analyst", "a.analyst", "analyst", hash);
  wb_test_add_user (store, fx.org_b, "b.consultant", "b.consultant", "consultant", hash);
  wb_test_add_user (store, fx.org_b, "b.lam", "b.lam", "account_manager_local", hash);
  fx.wsp_am = wb_test_add_user (store, fx.org_wsp, "wsp.am", "wsp.am", "account_manager_wsp", hash);
  wb_test_add_user (store, fx.org_wsp, "admin", "admin", "admin", hash);

  fx.competence = wb_test_insert (store, WB_RESOURCE_COMPETENCES,
                                  "{\"uri\":\"urn:werkbrug:test:forklift\",\"label_nl\":\"Heftruck rijden\","
                                  "\"label_en\":\"Driving a forklift truck\",\"kind\":\"skill\"}");
  fx.occupation = wb_test_insert (store, WB_RESOURCE_OCCUPATIONS,
                                  "{\"uri\":\"urn:werkbrug:test:heftruckchauffeur\",\"code\":\"8344\",\"isco_group\":\"8344\","
                                  "\"label_nl\":\"Heftruckchauffeur\"}");

  fx.client_a1 = wb_test_insert_printf (store, WB_RESOURCE_CLIENTS,
                                        "{\"organisation_id\":%" G_GINT64_FORMAT ",\"municipality_id\":%" G_GINT64_FORMAT ","
                                        "\"given_name\":\"Anna\",\"family_name\":\"Janssen\",\"bsn\":\"111222333\",\"pc4\":\"6411\","
                                        "\"birth_year\":1980,\"client_group\":\"participatiewet\",\"phase\":\"intake\","
                                        "\"work_capacity\":85,\"health_notes\":\"rugklachten\",\"street\":\"Akerstraat\"}",
                                        fx.org_a, fx.heerlen);
  fx.client_a2 = wb_test_insert_printf (store, WB_RESOURCE_CLIENTS,
                                        "{\"organisation_id\":%" G_GINT64_FORMAT ",\"municipality_id\":%" G_GINT64_FORMAT ","
                                        "\"given_name\":\"Bram\",\"family_name\":\"Peters\",\"bsn\":\"123456782\",\"pc4\":\"6412\","
                                        "\"birth_year\":1995,\"client_group\":\"ww\",\"phase\":\"work_ready\","
                                        "\"wsp_account_manager_id\":%" G_GINT64_FORMAT "}",
                                        fx.org_a, fx.heerlen, fx.wsp_am);
  for (guint i = 0; i < G_N_ELEMENTS (b_clients); i++)
    {
      gint64 id;

      g_assert_true (wb_validate_bsn (b_clients[i].bsn));
      id = wb_test_insert_printf (store, WB_RESOURCE_CLIENTS,
                                  "{\"organisation_id\":%" G_GINT64_FORMAT ",\"municipality_id\":%" G_GINT64_FORMAT ","
                                  "\"given_name\":\"%s\",\"family_name\":\"%s\",\"bsn\":\"%s\",\"pc4\":\"6211\","
                                  "\"birth_year\":%d,\"client_group\":\"wajong\",\"phase\":\"%s\"}",
                                  fx.org_b, fx.maastricht, b_clients[i].given_name, b_clients[i].family_name,
                                  b_clients[i].bsn, b_clients[i].birth_year, b_clients[i].phase);
      if (i == 0)
        fx.client_b1 = id;
    }

  /* Enough clients for more than one page of 1000, in one transaction to be quick. */
  g_assert_true (wb_store_begin (store, &error));
  for (guint i = 0; i < N_BULK_CLIENTS; i++)
    {
      g_autofree char *bsn = bulk_bsn (&seed);

      wb_test_insert_printf (store, WB_RESOURCE_CLIENTS,
                             "{\"organisation_id\":%" G_GINT64_FORMAT ",\"municipality_id\":%" G_GINT64_FORMAT ","
                             "\"given_name\":\"Test\",\"family_name\":\"Bulk %04u\",\"bsn\":\"%s\",\"pc4\":\"6221\","
                             "\"birth_year\":%u,\"client_group\":\"nugger\",\"phase\":\"intake\"}",
                             fx.org_b, fx.maastricht, i, bsn, 1960 + i % 40);
    }
  g_assert_true (wb_store_commit (store, &error));
  g_assert_no_error (error);

  /* One intake in client A1's timeline, one diagnosis. */
  wb_test_insert_printf (store, WB_RESOURCE_EVENTS,
                         "{\"client_id\":%" G_GINT64_FORMAT ",\"kind\":\"intake\",\"date\":\"2026-01-15\","
                         "\"organisation_id\":%" G_GINT64_FORMAT ",\"author_id\":%" G_GINT64_FORMAT "}",
                         fx.client_a1, fx.org_a, a_consultant);
  wb_test_insert_printf (store, WB_RESOURCE_DIAGNOSES,
                         "{\"client_id\":%" G_GINT64_FORMAT ",\"date\":\"2026-02-01\",\"source\":\"competensys\","
                         "\"author_id\":%" G_GINT64_FORMAT "}", fx.client_a1, a_consultant);

  fx.employer = wb_test_insert_printf (store, WB_RESOURCE_EMPLOYERS,
                                       "{\"kvk\":\"12345678\",\"name\":\"Parkstad Logistiek B.V.\",\"sector\":\"logistics\","
                                       "\"employee_count\":40,\"pc4\":\"6422\",\"municipality_id\":%" G_GINT64_FORMAT ","
                                       "\"owner_id\":%" G_GINT64_FORMAT ",\"active\":true}", fx.heerlen, fx.wsp_am);
  fx.contact = wb_test_insert_printf (store, WB_RESOURCE_CONTACTS,
                                      "{\"employer_id\":%" G_GINT64_FORMAT ",\"name\":\"M. de Vries\",\"function\":\"HR\"}",
                                      fx.employer);
  wb_test_insert_printf (store, WB_RESOURCE_CONTACT_LOG,
                         "{\"employer_id\":%" G_GINT64_FORMAT ",\"user_id\":%" G_GINT64_FORMAT ",\"organisation_id\":%" G_GINT64_FORMAT ","
                         "\"date\":\"2026-10-01\",\"kind\":\"visit\"}", fx.employer, fx.wsp_am, fx.org_wsp);
  fx.vacancy = wb_test_insert_printf (store, WB_RESOURCE_VACANCIES,
                                      "{\"employer_id\":%" G_GINT64_FORMAT ",\"title\":\"Heftruckchauffeur\",\"sector\":\"logistics\","
                                      "\"hours\":36,\"pc4\":\"6422\",\"positions\":2,\"opened_at\":\"2026-10-01\",\"status\":\"open\","
                                      "\"organisation_id\":%" G_GINT64_FORMAT ",\"created_by\":%" G_GINT64_FORMAT "}",
                                      fx.employer, fx.org_wsp, fx.wsp_am);
  fx.match = wb_test_insert_printf (store, WB_RESOURCE_MATCHES,
                                    "{\"vacancy_id\":%" G_GINT64_FORMAT ",\"client_id\":%" G_GINT64_FORMAT ",\"state\":\"suggested\","
                                    "\"organisation_id\":%" G_GINT64_FORMAT "}", fx.vacancy, fx.client_b1, fx.org_wsp);
  fx.target = wb_test_insert (store, WB_RESOURCE_TARGETS,
                              "{\"metric\":\"outflow\",\"level\":\"region\",\"level_key\":\"Parkstad\",\"period\":\"2026\",\"value\":120}");
  fx.action_point = wb_test_insert_printf (store, WB_RESOURCE_ACTION_POINTS,
                                           "{\"text\":\"Afspraken over de Wsw-detachering evalueren\",\"owner_id\":%" G_GINT64_FORMAT ","
                                           "\"quarter\":\"2026-Q4\",\"status\":\"open\",\"organisation_id\":%" G_GINT64_FORMAT "}",
                                           fx.wsp_am, fx.org_wsp);
  g_clear_object (&store);

  fx.server = wb_test_server_start (fx.db);
}

static WbApiClient *
login (const char *username)
{
  return wb_test_api_login (fx.server->url, username, PASSWORD, NULL);
}

/* Family names of a list, joined with commas, to compare orders in one assertion. */
static char *
family_names (GListModel *rows)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(WbRecord) row = g_list_model_get_item (rows, i);

      g_string_append_printf (names, "%s%s", i > 0 ? "," : "", wb_record_get_string (row, "family_name"));
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static guint
count_audit_rows (gint64      client_id,
                  const char *reason)
{
  g_autoptr(WbApiClient) coordinator = login ("a.coordinator");
  g_autoptr(GHashTable) filters = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, client_id);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) rows = NULL;
  WbApiQuery query = { .filters = filters, .per_page = 1000 };
  guint total = 0, with_reason = 0;

  g_hash_table_insert (filters, (gpointer) "resource", (gpointer) "clients");
  g_hash_table_insert (filters, (gpointer) "resource_id", id);
  g_hash_table_insert (filters, (gpointer) "action", (gpointer) "read");
  rows = wb_test_api_list (coordinator, WB_RESOURCE_AUDIT, 0, &query, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, total);
  for (guint i = 0; i < total; i++)
    {
      g_autoptr(WbRecord) row = g_list_model_get_item (rows, i);

      g_assert_cmpint (wb_record_get_int (row, "resource_id"), ==, client_id);
      if (reason == NULL || g_strcmp0 (wb_record_get_string (row, "reason"), reason) == 0)
        with_reason++;
    }
  return with_reason;
}

/* A raw request, for what the client library would never send or does not show. */
static guint
raw_request_full (const char          *method,
                  const char          *path,
                  const char          *token,
                  const char          *content_type,
                  GBytes              *body,
                  char               **answer,
                  char               **answer_type,
                  SoupMessageHeaders **answer_headers)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (fx.server->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (msg);
  if (token != NULL)
    {
      g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", authorization);
    }
  if (body != NULL)
    soup_message_set_request_body_from_bytes (msg, content_type, body);
  reply = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  if (answer != NULL)
    *answer = g_strndup (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply));
  if (answer_type != NULL)
    *answer_type = g_strdup (soup_message_headers_get_content_type (soup_message_get_response_headers (msg), NULL));
  if (answer_headers != NULL)
    *answer_headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  return soup_message_get_status (msg);
}

static guint
raw_request (const char  *method,
             const char  *path,
             const char  *token,
             const char  *content_type,
             GBytes      *body,
             char       **answer,
             char       **answer_type)
{
  return raw_request_full (method, path, token, content_type, body, answer, answer_type, NULL);
}

/* Tests: sessions */

static void
test_login (void)
{
  g_autoptr(WbApiClient) client = login ("a.consultant");
  g_autoptr(WbApiClient) stranger = wb_api_client_new (fx.server->url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) me_result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbRecord) me = NULL;
  g_autoptr(WbRecord) nobody = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *answer_type = NULL;
  JsonObject *organisation;

  wb_api_client_me_async (client, NULL, wb_test_store_result, &me_result);
  wb_test_wait (&me_result);
  me = wb_api_client_me_finish (client, me_result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wb_record_get_string (me, "username"), ==, "a.consultant");
  g_assert_cmpstr (wb_record_get_string (me, "role"), ==, "consultant");
  g_assert_cmpint (wb_record_get_int (me, "organisation_id"), ==, fx.org_a);
  g_assert_false (wb_record_has_field (me, "password_hash"));
  organisation = json_object_get_object_member (wb_record_get_object (me), "organisation");
  g_assert_nonnull (organisation);
  g_assert_cmpstr (json_object_get_string_member (organisation, "code"), ==, "isd-a");

  /* A wrong password, and a user that does not exist, get the same 401. */
  wb_api_client_login_async (stranger, "a.consultant", "wrong password!", NULL, wb_test_store_result, &result);
  wb_test_wait (&result);
  nobody = wb_api_client_login_finish (stranger, result, &error);
  g_assert_null (nobody);
  g_assert_error (error, WB_API_ERROR, 401);
  g_assert_cmpuint (wb_api_error_get_problem (error)->status, ==, 401);
  g_assert_null (wb_api_client_get_token (stranger));
  g_clear_error (&error);
  g_clear_object (&result);
  wb_api_client_login_async (stranger, "nobody.at.all", PASSWORD, NULL, wb_test_store_result, &result);
  wb_test_wait (&result);
  nobody = wb_api_client_login_finish (stranger, result, &error);
  g_assert_error (error, WB_API_ERROR, 401);
  g_clear_error (&error);

  /* No token at all, and a token that was never issued */
  nobody = wb_test_api_get (stranger, WB_RESOURCE_CLIENTS, fx.client_a1, NULL, &error);
  g_assert_null (nobody);
  g_assert_error (error, WB_API_ERROR, 401);
  g_clear_error (&error);
  wb_api_client_set_token (stranger, "0000000000000000000000000000000000000000000000000000000000000000");
  nobody = wb_test_api_get (stranger, WB_RESOURCE_CLIENTS, fx.client_a1, NULL, &error);
  g_assert_error (error, WB_API_ERROR, 401);

  /* The 401 is problem details too. */
  g_assert_cmpuint (raw_request ("GET", "api/v1/me", NULL, NULL, NULL, &answer, &answer_type), ==, 401);
  g_assert_cmpstr (answer_type, ==, "application/problem+json");
  g_assert_nonnull (strstr (answer, "\"status\":401"));
}

static void
test_logout (void)
{
  g_autoptr(WbApiClient) client = login ("b.lam");
  g_autoptr(WbApiClient) other = login ("b.lam");
  g_autofree char *token = g_strdup (wb_api_client_get_token (client));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbRecord) record = NULL;

  wb_api_client_logout_async (client, NULL, wb_test_store_result, &result);
  wb_test_wait (&result);
  g_assert_true (wb_api_client_logout_finish (client, result, &error));
  g_assert_no_error (error);
  g_assert_null (wb_api_client_get_token (client));

  /* The old token is gone on the server too... */
  wb_api_client_set_token (client, token);
  record = wb_test_api_get (client, WB_RESOURCE_CLIENTS, fx.client_b1, NULL, &error);
  g_assert_null (record);
  g_assert_error (error, WB_API_ERROR, 401);
  g_clear_error (&error);

  /* ...and only that one: the same user's other session still works. */
  record = wb_test_api_get (other, WB_RESOURCE_CLIENTS, fx.client_b1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wb_record_get_string (record, "family_name"), ==, "Smeets");
}

/* Tests: the policy */

static void
test_cross_organisation_write (void)
{
  g_autoptr(WbApiClient) b = login ("b.consultant");
  g_autoptr(WbApiClient) a = login ("a.consultant");
  g_autoptr(WbRecord) before = wb_test_api_get (a, WB_RESOURCE_CLIENTS, fx.client_a1, NULL, NULL);
  g_autoptr(WbRecord) after = NULL;
  g_autoptr(WbRecord) denied = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = wb_record_dup_etag (before);
  g_autofree char *json = NULL;
  guint total_before = 0, total_after = 0;

  {
    g_autoptr(GListModel) rows = wb_test_api_list (a, WB_RESOURCE_CLIENTS, 0, NULL, &total_before, &error);
    g_assert_no_error (error);
  }

  denied = wb_test_api_update_json (b, WB_RESOURCE_CLIENTS, fx.client_a1, etag, "{\"phase\":\"outflow\"}", &error);
  g_assert_null (denied);
  g_assert_error (error, WB_API_ERROR, 403);
  g_assert_cmpuint (wb_api_error_get_problem (error)->status, ==, 403);
  g_clear_error (&error);

  /* Nor may B register a client for A. */
  json = g_strdup_printf ("{\"organisation_id\":%" G_GINT64_FORMAT ",\"municipality_id\":%" G_GINT64_FORMAT ","
                          "\"given_name\":\"Xander\",\"family_name\":\"Ypma\",\"bsn\":\"222333443\",\"pc4\":\"6411\","
                          "\"birth_year\":1990,\"client_group\":\"ww\",\"phase\":\"intake\"}", fx.org_a, fx.heerlen);
  g_assert_true (wb_validate_bsn ("222333443"));
  denied = wb_test_api_create_json (b, WB_RESOURCE_CLIENTS, 0, json, &error);
  g_assert_null (denied);
  g_assert_error (error, WB_API_ERROR, 403);
  g_clear_error (&error);

  after = wb_test_api_get (a, WB_RESOURCE_CLIENTS, fx.client_a1, NULL, NULL);
  g_assert_cmpstr (wb_record_get_string (after, "phase"), ==, "intake");
  g_assert_cmpint (wb_record_get_version (after), ==, wb_record_get_version (before));
  {
    g_autoptr(GListModel) rows = wb_test_api_list (a, WB_RESOURCE_CLIENTS, 0, NULL, &total_after, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpuint (total_after, ==, total_before);
}

static void
test_pseudonymous_read (void)
{
  g_autoptr(WbApiClient) b = login ("b.consultant");
  g_autoptr(GError) error = NULL;
  g_autoptr(WbRecord) client = NULL;
  /* The server counts ages by the local year (the test's time zone is the server's); the
   * year is taken before and after the request, for a run over New Year. In UTC the test
   * expected the wrong band on 1 January 2035 from 00:00 to 01:00 in Amsterdam. */
  g_autoptr(GDateTime) before = g_date_time_new_now_local ();
  g_autoptr(GDateTime) after = NULL;
  g_autofree char *pseudonym = g_strdup_printf ("K-%06" G_GINT64_FORMAT, fx.client_a1);
  g_autofree char *age_band = wb_age_band (1980, g_date_time_get_year (before));
  g_autofree char *age_band_after = NULL;
  g_autofree char *json = NULL;
  static const char * const hidden[] = {
    "given_name", "family_name", "bsn", "street", "house_number", "postcode", "city", "phone",
    "email", "health_notes", "barriers", "work_capacity", "birth_year",
  };
  guint audit_before = count_audit_rows (fx.client_a1, NULL);

  client = wb_test_api_get (b, WB_RESOURCE_CLIENTS, fx.client_a1, NULL, &error);
  g_assert_no_error (error);
  after = g_date_time_new_now_local ();
  age_band_after = wb_age_band (1980, g_date_time_get_year (after));
  json = wb_record_to_json (client);
  for (guint i = 0; i < G_N_ELEMENTS (hidden); i++)
    if (wb_record_has_field (client, hidden[i]))
      g_error ("another organisation reads %s of a client", hidden[i]);
  g_assert_null (strstr (json, "Anna"));
  g_assert_null (strstr (json, "Janssen"));
  g_assert_null (strstr (json, "111222333"));
  g_assert_null (strstr (json, "Akerstraat"));
  g_assert_null (strstr (json, "rugklachten"));
  g_assert_cmpstr (wb_record_get_string (client, "pseudonym"), ==, pseudonym);
  if (g_strcmp0 (wb_record_get_string (client, "age_band"), age_band_after) != 0)
    g_assert_cmpstr (wb_record_get_string (client, "age_band"), ==, age_band);
  g_assert_cmpstr (wb_record_get_string (client, "capacity_band"), ==, "80-100");
  g_assert_cmpstr (wb_record_get_string (client, "pc4"), ==, "6411");
  g_assert_cmpstr (wb_record_get_string (client, "client_group"), ==, "participatiewet");
  g_assert_true (wb_record_get_boolean (client, "pseudonymous"));

  /* Nor does a list of all clients give a name away. */
  {
    g_autoptr(GHashTable) filters = g_hash_table_new (g_str_hash, g_str_equal);
    g_autofree char *org = g_strdup_printf ("%" G_GINT64_FORMAT, fx.org_a);
    g_autoptr(GListModel) rows = NULL;
    WbApiQuery query = { .filters = filters, .per_page = 1000 };
    guint total = 0;

    g_hash_table_insert (filters, (gpointer) "organisation_id", org);
    rows = wb_test_api_list (b, WB_RESOURCE_CLIENTS, 0, &query, &total, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (total, >=, 2);
    g_assert_cmpuint (g_list_model_get_n_items (rows), ==, total);
    for (guint i = 0; i < total; i++)
      {
        g_autoptr(WbRecord) row = g_list_model_get_item (rows, i);

        g_assert_true (wb_record_get_boolean (row, "pseudonymous"));
        for (guint h = 0; h < G_N_ELEMENTS (hidden); h++)
          g_assert_false (wb_record_has_field (row, hidden[h]));
      }
  }

  /* Nor does a search: a name, a citizen number or a sort by name finds other
   * organisations' clients no more than the pseudonyms show. Their owner finds them. */
  {
    g_autoptr(WbApiClient) a = login ("a.consultant");
    g_autoptr(GHashTable) by_bsn = g_hash_table_new (g_str_hash, g_str_equal);
    g_autoptr(GListModel) rows = NULL;
    WbApiQuery by_name = { .q = "Janssen", .per_page = 100 };
    WbApiQuery bsn_query = { .filters = by_bsn, .per_page = 100 };
    g_autoptr(GHashTable) of_a = g_hash_table_new (g_str_hash, g_str_equal);
    g_autofree char *org_a = g_strdup_printf ("%" G_GINT64_FORMAT, fx.org_a);
    WbApiQuery sorted = { .filters = of_a, .per_page = 1000 };
    guint total = 0;
    gint64 previous = 0;

    rows = wb_test_api_list (b, WB_RESOURCE_CLIENTS, 0, &by_name, &total, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (total, ==, 0);
    g_clear_object (&rows);
    rows = wb_test_api_list (a, WB_RESOURCE_CLIENTS, 0, &by_name, &total, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (total, ==, 1);
    g_clear_object (&rows);

    g_hash_table_insert (by_bsn, (gpointer) "bsn", (gpointer) "111222333");
    rows = wb_test_api_list (b, WB_RESOURCE_CLIENTS, 0, &bsn_query, &total, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (total, ==, 0);
    g_clear_object (&rows);
    rows = wb_test_api_list (a, WB_RESOURCE_CLIENTS, 0, &bsn_query, &total, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (total, ==, 1);
    g_clear_object (&rows);

    /* Sorted by what the pseudonym hides (the family name, the work capacity: A1's 85
     * would put A2, who has none, first), the pseudonymous rows keep the order of their
     * pseudonyms. */
    g_hash_table_insert (of_a, (gpointer) "organisation_id", org_a);
    for (guint s = 0; s < 2; s++)
      {
        sorted.sort = s == 0 ? "family_name" : "work_capacity";
        previous = 0;
        rows = wb_test_api_list (b, WB_RESOURCE_CLIENTS, 0, &sorted, &total, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 2);
        for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
          {
            g_autoptr(WbRecord) row = g_list_model_get_item (rows, i);

            g_assert_true (wb_record_get_boolean (row, "pseudonymous"));
            g_assert_cmpint (wb_record_get_id (row), >, previous);
            previous = wb_record_get_id (row);
          }
        g_clear_object (&rows);
      }
  }

  /* A pseudonymous read is no read of a full record: no audit row. */
  g_assert_cmpuint (count_audit_rows (fx.client_a1, NULL), ==, audit_before);
}

static void
test_audit_after_full_read (void)
{
  g_autoptr(WbApiClient) a = login ("a.consultant");
  g_autoptr(GError) error = NULL;
  g_autoptr(WbRecord) client = NULL;
  g_autoptr(WbRecord) again = NULL;
  guint before = count_audit_rows (fx.client_a1, NULL);
  guint before_reason = count_audit_rows (fx.client_a1, "preparing a placement");
  guint before_default = count_audit_rows (fx.client_a1, "profile view");

  client = wb_test_api_get (a, WB_RESOURCE_CLIENTS, fx.client_a1, "preparing a placement", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wb_record_get_string (client, "family_name"), ==, "Janssen");
  g_assert_cmpstr (wb_record_get_string (client, "bsn"), ==, "111222333");
  g_assert_cmpint (wb_record_get_int (client, "work_capacity"), ==, 85);
  g_assert_false (wb_record_has_field (client, "pseudonym"));
  g_assert_cmpuint (count_audit_rows (fx.client_a1, NULL), ==, before + 1);
  g_assert_cmpuint (count_audit_rows (fx.client_a1, "preparing a placement"), ==, before_reason + 1);

  /* Without a reason the row says "profile view". */
  again = wb_test_api_get (a, WB_RESOURCE_CLIENTS, fx.client_a1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_audit_rows (fx.client_a1, NULL), ==, before + 2);
  g_assert_cmpuint (count_audit_rows (fx.client_a1, "profile view"), ==, before_default + 1);

  /* The newest row says who. */
  {
    g_autoptr(WbApiClient) coordinator = login ("a.coordinator");
    g_autoptr(GHashTable) filters = g_hash_table_new (g_str_hash, g_str_equal);
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, fx.client_a1);
    g_autoptr(GListModel) rows = NULL;
    g_autoptr(WbRecord) newest = NULL;
    g_autoptr(WbRecord) me = NULL;
    g_autoptr(GAsyncResult) result = NULL;
    WbApiQuery query = { .filters = filters, .sort = "-at", .per_page = 1 };

    wb_api_client_me_async (a, NULL, wb_test_store_result, &result);
    wb_test_wait (&result);
    me = wb_api_client_me_finish (a, result, &error);
    g_assert_no_error (error);

    g_hash_table_insert (filters, (gpointer) "resource_id", id);
    g_hash_table_insert (filters, (gpointer) "action", (gpointer) "read");
    rows = wb_test_api_list (coordinator, WB_RESOURCE_AUDIT, 0, &query, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
    newest = g_list_model_get_item (rows, 0);
    g_assert_cmpstr (wb_record_get_string (newest, "reason"), ==, "profile view");
    g_assert_cmpint (wb_record_get_int (newest, "user_id"), ==, wb_record_get_id (me));
    g_assert_cmpint (wb_record_get_int (newest, "organisation_id"), ==, fx.org_a);
  }
}

static void
test_referred_account_manager_reads_full (void)
{
  g_autoptr(WbApiClient) wsp = login ("wsp.am");
  g_autoptr(GError) error = NULL;
  g_autoptr(WbRecord) referred = wb_test_api_get (wsp, WB_RESOURCE_CLIENTS, fx.client_a2, NULL, &error);
  g_autoptr(WbRecord) other = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (wb_record_get_string (referred, "family_name"), ==, "Peters");
  other = wb_test_api_get (wsp, WB_RESOURCE_CLIENTS, fx.client_a1, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (wb_record_has_field (other, "family_name"));
  g_assert_true (wb_record_get_boolean (other, "pseudonymous"));
}

static void
test_analyst_sees_no_records (void)
{
  g_autoptr(WbApiClient) analyst = login ("a.analyst");
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) rows = wb_test_api_list (analyst, WB_RESOURCE_CLIENTS, 0, NULL, NULL, &error);
  g_autoptr(WbRecord) client = NULL;
  g_autoptr(GListModel) targets = NULL;
  g_autoptr(GHashTable) filters = g_hash_table_new (g_str_hash, g_str_equal);
  WbApiQuery query = { .filters = filters };
  guint total = 0;

  g_assert_null (rows);
  g_assert_error (error, WB_API_ERROR, 403);
  g_clear_error (&error);
  client = wb_test_api_get (analyst, WB_RESOURCE_CLIENTS, fx.client_a1, NULL, &error);
  g_assert_null (client);
  g_assert_error (error, WB_API_ERROR, 403);
  g_clear_error (&error);

  /* The monitor's own material stays readable: the fixture's one target for 2026. */
  g_hash_table_insert (filters, (gpointer) "period", (gpointer) "2026");
  targets = wb_test_api_list (analyst, WB_RESOURCE_TARGETS, 0, &query, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 1);
}

/* Tests: writes */

static void
test_stale_write (void)
{
  g_autoptr(WbApiClient) a = login ("a.consultant");
  g_autoptr(GError) error = NULL;
  g_autoptr(WbRecord) read = wb_test_api_get (a, WB_RESOURCE_CLIENTS, fx.client_a2, NULL, &error);
  g_autofree char *etag = wb_record_dup_etag (read);
  g_autofree char *new_etag = NULL;
  g_autoptr(WbRecord) first = NULL;
  g_autoptr(WbRecord) second = NULL;
  g_autoptr(WbRecord) now = NULL;

  g_assert_no_error (error);
  first = wb_test_api_update_json (a, WB_RESOURCE_CLIENTS, fx.client_a2, etag, "{\"hours_available\":24}", &error);
  g_assert_no_error (error);
  g_assert_cmpint (wb_record_get_version (first), ==, wb_record_get_version (read) + 1);
  g_assert_cmpint (wb_record_get_int (first, "hours_available"), ==, 24);

  /* A second writer who read the same version is refused and changes nothing. */
  second = wb_test_api_update_json (a, WB_RESOURCE_CLIENTS, fx.client_a2, etag, "{\"hours_available\":8}", &error);
  g_assert_null (second);
  g_assert_error (error, WB_API_ERROR, 412);
  g_assert_cmpuint (wb_api_error_get_problem (error)->status, ==, 412);
  g_assert_true (g_str_has_prefix (error->message, wb_api_error_get_problem (error)->title));
  g_clear_error (&error);
  now = wb_test_api_get (a, WB_RESOURCE_CLIENTS, fx.client_a2, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wb_record_get_int (now, "hours_available"), ==, 24);
  g_assert_cmpint (wb_record_get_version (now), ==, wb_record_get_version (first));

  /* The ETag on the wire is the version the record carries. */
  {
    g_autofree char *path = g_strdup_printf ("api/v1/clients/%" G_GINT64_FORMAT, fx.client_a2);
    g_autoptr(JsonNode) node = wb_test_api_request (a, "GET", path, NULL, &new_etag, &error);
    g_autofree char *expected = g_strdup_printf ("\"v%" G_GINT64_FORMAT "\"", wb_record_get_version (now));
    g_autofree char *from_record = wb_record_dup_etag (now);

    g_assert_no_error (error);
    g_assert_nonnull (node);
    g_assert_cmpstr (new_etag, ==, expected);
    g_assert_cmpstr (from_record, ==, expected);
  }
}

static void
test_if_match_required (void)
{
  g_autoptr(WbApiClient) a = login ("a.consultant");
  g_autoptr(GError) error = NULL;
  g_autoptr(WbRecord) before = wb_test_api_get (a, WB_RESOURCE_CLIENTS, fx.client_a2, NULL, NULL);
  g_autoptr(WbRecord) record = wb_test_api_update_json (a, WB_RESOURCE_CLIENTS, fx.client_a2, NULL, "{\"hours_available\":12}", &error);
  g_autoptr(WbRecord) after = NULL;

  g_assert_null (record);
  g_assert_error (error, WB_API_ERROR, 428);
  after = wb_test_api_get (a, WB_RESOURCE_CLIENTS, fx.client_a2, NULL, NULL);
  g_assert_cmpint (wb_record_get_version (after), ==, wb_record_get_version (before));
  g_assert_cmpint (wb_record_get_int (after, "hours_available"), ==, wb_record_get_int (before, "hours_available"));
  g_assert_cmpint (wb_record_get_int (after, "hours_available"), !=, 12);

  /* The status line names it, though libsoup 3.2 has no phrase for 428 of its own. */
  {
    g_autoptr(SoupSession) session = soup_session_new ();
    g_autofree char *url = g_strdup_printf ("%sapi/v1/clients/%" G_GINT64_FORMAT, fx.server->url, fx.client_a2);
    g_autoptr(SoupMessage) msg = soup_message_new ("PATCH", url);
    g_autofree char *authorization = g_strconcat ("Bearer ", wb_api_client_get_token (a), NULL);
    g_autoptr(GBytes) body = g_bytes_new_static ("{\"hours_available\":12}", 22);
    g_autoptr(GBytes) reply = NULL;

    g_clear_error (&error);
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", authorization);
    soup_message_set_request_body_from_bytes (msg, "application/json", body);
    reply = soup_session_send_and_read (session, msg, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (soup_message_get_status (msg), ==, 428);
    g_assert_cmpstr (soup_message_get_reason_phrase (msg), ==, "Precondition Required");
  }
}

static void
test_field_errors (void)
{
  g_autoptr(WbApiClient) a = login ("a.consultant");
  g_autoptr(WbApiClient) wsp = login ("wsp.am");
  g_autoptr(GError) error = NULL;
  g_autoptr(WbRecord) record = NULL;
  g_autofree char *json = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *answer_type = NULL;
  g_autoptr(GBytes) broken = g_bytes_new_static ("{\"given_name\": ", 15);
  WbProblem *problem;
  guint clients_before = 0, clients_after = 0;

  {
    g_autoptr(GListModel) rows = wb_test_api_list (a, WB_RESOURCE_CLIENTS, 0, NULL, &clients_before, &error);
    g_assert_no_error (error);
  }

  /* Bad BSN (fails the eleven-test), short PC4, a string for a number, an unknown enum
   * value and an unknown field, all at once. */
  g_assert_false (wb_validate_bsn ("123456789"));
  json = g_strdup_printf ("{\"organisation_id\":%" G_GINT64_FORMAT ",\"municipality_id\":%" G_GINT64_FORMAT ","
                          "\"given_name\":\"Dirk\",\"family_name\":\"Dassen\",\"bsn\":\"123456789\",\"pc4\":\"641\","
                          "\"birth_year\":\"1980\",\"client_group\":\"pensioen\",\"phase\":\"intake\",\"shoe_size\":44}",
                          fx.org_a, fx.heerlen);
  record = wb_test_api_create_json (a, WB_RESOURCE_CLIENTS, 0, json, &error);
  g_assert_null (record);
  g_assert_error (error, WB_API_ERROR, 400);
  problem = wb_api_error_get_problem (error);
  g_assert_nonnull (problem);
  g_assert_cmpuint (problem->status, ==, 400);
  g_assert_nonnull (problem->title);
  g_assert_nonnull (wb_problem_get_error (problem, "bsn"));
  g_assert_nonnull (wb_problem_get_error (problem, "pc4"));
  g_assert_nonnull (wb_problem_get_error (problem, "birth_year"));
  g_assert_nonnull (wb_problem_get_error (problem, "client_group"));
  g_assert_nonnull (wb_problem_get_error (problem, "shoe_size"));
  g_assert_null (wb_problem_get_error (problem, "given_name"));
  g_assert_null (wb_problem_get_error (problem, "municipality_id"));
  g_assert_cmpuint (problem->errors->len, ==, 5);
  g_clear_error (&error);

  /* A reference to nothing is a field error too. */
  g_free (json);
  json = g_strdup_printf ("{\"organisation_id\":%" G_GINT64_FORMAT ",\"municipality_id\":999999,"
                          "\"given_name\":\"Dirk\",\"family_name\":\"Dassen\",\"bsn\":\"333444553\",\"pc4\":\"6411\","
                          "\"birth_year\":1980,\"client_group\":\"ww\",\"phase\":\"intake\"}", fx.org_a);
  g_assert_true (wb_validate_bsn ("333444553"));
  record = wb_test_api_create_json (a, WB_RESOURCE_CLIENTS, 0, json, &error);
  g_assert_error (error, WB_API_ERROR, 400);
  g_assert_nonnull (wb_problem_get_error (wb_api_error_get_problem (error), "municipality_id"));
  g_assert_cmpuint (wb_api_error_get_problem (error)->errors->len, ==, 1);
  g_clear_error (&error);

  /* A KvK number of the wrong length */
  g_free (json);
  json = g_strdup_printf ("{\"kvk\":\"1234\",\"name\":\"Kleine Bakkerij\",\"sector\":\"retail\",\"employee_count\":4,"
                          "\"pc4\":\"6411\",\"municipality_id\":%" G_GINT64_FORMAT "}", fx.heerlen);
  record = wb_test_api_create_json (wsp, WB_RESOURCE_EMPLOYERS, 0, json, &error);
  g_assert_error (error, WB_API_ERROR, 400);
  g_assert_nonnull (wb_problem_get_error (wb_api_error_get_problem (error), "kvk"));
  g_clear_error (&error);

  /* An update is checked the same way. */
  {
    g_autoptr(WbRecord) read = wb_test_api_get (a, WB_RESOURCE_CLIENTS, fx.client_a1, NULL, NULL);
    g_autofree char *etag = wb_record_dup_etag (read);
    g_autoptr(WbRecord) after = NULL;

    record = wb_test_api_update_json (a, WB_RESOURCE_CLIENTS, fx.client_a1, etag, "{\"phase\":\"retired\",\"hours_available\":99}", &error);
    g_assert_null (record);
    g_assert_error (error, WB_API_ERROR, 400);
    g_assert_nonnull (wb_problem_get_error (wb_api_error_get_problem (error), "phase"));
    g_assert_nonnull (wb_problem_get_error (wb_api_error_get_problem (error), "hours_available"));
    g_clear_error (&error);
    after = wb_test_api_get (a, WB_RESOURCE_CLIENTS, fx.client_a1, NULL, NULL);
    g_assert_cmpint (wb_record_get_version (after), ==, wb_record_get_version (read));
    g_assert_cmpstr (wb_record_get_string (after, "phase"), ==, "intake");
  }

  /* Malformed JSON, which the client library cannot even send */
  g_assert_cmpuint (raw_request ("POST", "api/v1/clients", wb_api_client_get_token (a), "application/json",
                                 broken, &answer, &answer_type), ==, 400);
  g_assert_cmpstr (answer_type, ==, "application/problem+json");
  g_assert_nonnull (strstr (answer, "\"status\":400"));

  /* Nothing was written. */
  {
    g_autoptr(GListModel) rows = wb_test_api_list (a, WB_RESOURCE_CLIENTS, 0, NULL, &clients_after, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (clients_after, ==, clients_before);
  }
}

static void
test_duplicate (void)
{
  g_autoptr(WbApiClient) a = login ("a.consultant");
  g_autoptr(WbApiClient) b = login ("b.consultant");
  g_autoptr(WbApiClient) wsp = login ("wsp.am");
  g_autoptr(GError) error = NULL;
  g_autoptr(WbRecord) record = NULL;
  g_autofree char *json = g_strdup_printf ("{\"organisation_id\":%" G_GINT64_FORMAT ",\"municipality_id\":%" G_GINT64_FORMAT ","
                                           "\"given_name\":\"Anna\",\"family_name\":\"Dubbel\",\"bsn\":\"111222333\","
                                           "\"pc4\":\"6411\",\"birth_year\":1980,\"client_group\":\"ww\",\"phase\":\"intake\"}",
                                           fx.org_a, fx.heerlen);
  g_autofree char *employer = g_strdup_printf ("{\"kvk\":\"12345678\",\"name\":\"Tweede Logistiek\",\"sector\":\"logistics\","
                                               "\"employee_count\":30,\"pc4\":\"6422\",\"municipality_id\":%" G_GINT64_FORMAT "}",
                                               fx.heerlen);

  record = wb_test_api_create_json (a, WB_RESOURCE_CLIENTS, 0, json, &error);
  g_assert_null (record);
  g_assert_error (error, WB_API_ERROR, 409);
  g_assert_cmpuint (wb_api_error_get_problem (error)->status, ==, 409);
  /* The problem names the field that is taken, so that a form can show it there. */
  g_assert_nonnull (wb_problem_get_error (wb_api_error_get_problem (error), "bsn"));
  g_assert_cmpuint (wb_api_error_get_problem (error)->errors->len, ==, 1);
  g_clear_error (&error);

  /* The same person registered by another organisation is a duplicate as well. */
  g_free (json);
  json = g_strdup_printf ("{\"organisation_id\":%" G_GINT64_FORMAT ",\"municipality_id\":%" G_GINT64_FORMAT ","
                          "\"given_name\":\"Anna\",\"family_name\":\"Janssen\",\"bsn\":\"111222333\","
                          "\"pc4\":\"6211\",\"birth_year\":1980,\"client_group\":\"ww\",\"phase\":\"intake\"}",
                          fx.org_b, fx.maastricht);
  record = wb_test_api_create_json (b, WB_RESOURCE_CLIENTS, 0, json, &error);
  g_assert_null (record);
  g_assert_error (error, WB_API_ERROR, 409);
  g_clear_error (&error);

  record = wb_test_api_create_json (wsp, WB_RESOURCE_EMPLOYERS, 0, employer, &error);
  g_assert_null (record);
  g_assert_error (error, WB_API_ERROR, 409);
  g_assert_nonnull (wb_problem_get_error (wb_api_error_get_problem (error), "kvk"));
  g_assert_cmpuint (wb_api_error_get_problem (error)->errors->len, ==, 1);
}

/* A create answers 201 with the new version's ETag and a Location that reads it back. */
static void
test_created_location (void)
{
  g_autoptr(WbApiClient) coordinator = login ("a.coordinator");
  static const char json[] = "{\"metric\":\"placements\",\"level\":\"organisation\","
                             "\"level_key\":\"isd-a\",\"period\":\"2027\",\"value\":40}";
  g_autoptr(GBytes) body = g_bytes_new_static (json, strlen (json));
  g_autoptr(SoupMessageHeaders) headers = NULL;
  g_autoptr(JsonNode) created = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *expected = NULL;
  const char *location;
  gint64 id;

  g_assert_cmpuint (raw_request_full ("POST", "api/v1/targets", wb_api_client_get_token (coordinator),
                                      "application/json", body, &answer, NULL, &headers), ==, 201);
  created = json_from_string (answer, &error);
  g_assert_no_error (error);
  id = json_object_get_int_member (json_node_get_object (created), "id");
  g_assert_cmpint (id, >, 0);
  g_assert_cmpstr (soup_message_headers_get_one (headers, "ETag"), ==, "\"v1\"");
  expected = g_strdup_printf ("/api/v1/targets/%" G_GINT64_FORMAT, id);
  location = soup_message_headers_get_one (headers, "Location");
  g_assert_cmpstr (location, ==, expected);

  again = wb_test_api_request (coordinator, "GET", location + 1, NULL, &etag, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (again), "id"), ==, id);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (again), "value"), ==, 40);
  g_assert_cmpstr (etag, ==, "\"v1\"");
}

static void
test_too_large (void)
{
  g_autoptr(WbApiClient) a = login ("a.consultant");
  gsize size = 2 * 1024 * 1024;
  char *data = g_malloc (size);
  g_autoptr(GBytes) body = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *answer_type = NULL;
  g_autofree char *padding = NULL;
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(WbRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  memset (data, ' ', size);
  data[0] = '{';
  data[size - 1] = '}';
  body = g_bytes_new_take (data, size);
  g_assert_cmpuint (raw_request ("POST", "api/v1/clients", wb_api_client_get_token (a), "application/json",
                                 body, &answer, &answer_type), ==, 413);
  g_assert_cmpstr (answer_type, ==, "application/problem+json");
  g_assert_nonnull (strstr (answer, "\"status\":413"));

  /* Through the client library: a note just over 1 MiB. */
  padding = g_strnfill (1024 * 1024 + 1, 'x');
  json_object_set_string_member (object, "kind", "note");
  json_object_set_string_member (object, "date", "2026-11-02");
  json_object_set_string_member (object, "note", padding);
  record = wb_test_api_create (a, WB_RESOURCE_EVENTS, fx.client_a1, object, &error);
  g_assert_null (record);
  g_assert_error (error, WB_API_ERROR, 413);
  g_assert_cmpuint (wb_api_error_get_problem (error)->status, ==, 413);
}

static void
test_sql_injection_is_text (void)
{
  static const char *evil = "Robert'); DROP TABLE clients;--";
  g_autoptr(WbApiClient) a = login ("a.consultant");
  g_autoptr(GError) error = NULL;
  g_autoptr(WbRecord) created = NULL;
  g_autoptr(WbRecord) read = NULL;
  g_autoptr(WbRecord) found_row = NULL;
  g_autoptr(GListModel) found = NULL;
  g_autoptr(JsonObject) object = json_object_new ();
  WbApiQuery query = { .q = evil };
  guint total = 0, before = 0, after = 0;

  {
    g_autoptr(GListModel) rows = wb_test_api_list (a, WB_RESOURCE_CLIENTS, 0, NULL, &before, &error);
    g_assert_no_error (error);
  }

  json_object_set_int_member (object, "organisation_id", fx.org_a);
  json_object_set_int_member (object, "municipality_id", fx.heerlen);
  json_object_set_string_member (object, "given_name", "Bobby");
  json_object_set_string_member (object, "family_name", evil);
  json_object_set_string_member (object, "bsn", "444555663");
  json_object_set_string_member (object, "pc4", "6411");
  json_object_set_int_member (object, "birth_year", 2001);
  json_object_set_string_member (object, "client_group", "school_leaver");
  json_object_set_string_member (object, "phase", "intake");
  g_assert_true (wb_validate_bsn ("444555663"));
  created = wb_test_api_create (a, WB_RESOURCE_CLIENTS, 0, object, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wb_record_get_string (created, "family_name"), ==, evil);
  g_assert_cmpint (wb_record_get_version (created), ==, 1);

  read = wb_test_api_get (a, WB_RESOURCE_CLIENTS, wb_record_get_id (created), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wb_record_get_string (read, "family_name"), ==, evil);

  found = wb_test_api_list (a, WB_RESOURCE_CLIENTS, 0, &query, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 1);
  found_row = g_list_model_get_item (found, 0);
  g_assert_cmpint (wb_record_get_id (found_row), ==, wb_record_get_id (created));

  /* LIKE wildcards and quotes are text too. */
  query.q = "%";
  g_clear_object (&found);
  found = wb_test_api_list (a, WB_RESOURCE_CLIENTS, 0, &query, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 0);
  query.q = "' OR '1'='1";
  g_clear_object (&found);
  found = wb_test_api_list (a, WB_RESOURCE_CLIENTS, 0, &query, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 0);

  /* The table is still there, with one client more. */
  g_clear_object (&found);
  found = wb_test_api_list (a, WB_RESOURCE_CLIENTS, 0, NULL, &after, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after, ==, before + 1);
}

/* Tests: lists */

static void
test_list_paging_filter_sort (void)
{
  g_autoptr(WbApiClient) b = login ("b.consultant");
  g_autoptr(GHashTable) filters = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *org_b = g_strdup_printf ("%" G_GINT64_FORMAT, fx.org_b);
  g_autoptr(GError) error = NULL;
  static const char * const pages[] = { "Coenen,Hermans", "Lemmens,Smeets", "Wouters", "" };
  WbApiQuery query = { 0 };
  guint total = 0;

  g_hash_table_insert (filters, (gpointer) "organisation_id", org_b);
  g_hash_table_insert (filters, (gpointer) "client_group", (gpointer) "wajong");

  /* Five wajong clients, two a page, by family name */
  for (guint p = 0; p < G_N_ELEMENTS (pages); p++)
    {
      g_autoptr(GListModel) rows = NULL;
      g_autofree char *names = NULL;

      query = (WbApiQuery) { .filters = filters, .sort = "family_name", .page = p + 1, .per_page = 2 };
      total = 0;
      rows = wb_test_api_list (b, WB_RESOURCE_CLIENTS, 0, &query, &total, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (total, ==, G_N_ELEMENTS (b_clients));
      names = family_names (rows);
      g_assert_cmpstr (names, ==, pages[p]);
    }

  /* Youngest first */
  {
    g_autoptr(GListModel) rows = NULL;
    g_autofree char *names = NULL;

    query = (WbApiQuery) { .filters = filters, .sort = "-birth_year" };
    rows = wb_test_api_list (b, WB_RESOURCE_CLIENTS, 0, &query, &total, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (total, ==, 5);
    names = family_names (rows);
    g_assert_cmpstr (names, ==, "Coenen,Lemmens,Hermans,Smeets,Wouters");
  }

  /* Two filters at once */
  {
    g_autoptr(GListModel) rows = NULL;
    g_autofree char *names = NULL;

    g_hash_table_insert (filters, (gpointer) "phase", (gpointer) "work_ready");
    query = (WbApiQuery) { .filters = filters, .sort = "family_name" };
    rows = wb_test_api_list (b, WB_RESOURCE_CLIENTS, 0, &query, &total, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (total, ==, 2);
    names = family_names (rows);
    g_assert_cmpstr (names, ==, "Coenen,Lemmens");
    g_hash_table_remove (filters, "phase");
  }

  /* FIELD=null asks for empty fields: none of the five has a track. */
  {
    g_autoptr(GListModel) rows = NULL;

    g_hash_table_insert (filters, (gpointer) "track", (gpointer) "null");
    query = (WbApiQuery) { .filters = filters };
    rows = wb_test_api_list (b, WB_RESOURCE_CLIENTS, 0, &query, &total, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (total, ==, 5);
    g_hash_table_insert (filters, (gpointer) "track", (gpointer) "plaatsing");
    g_clear_object (&rows);
    rows = wb_test_api_list (b, WB_RESOURCE_CLIENTS, 0, &query, &total, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (total, ==, 0);
    g_hash_table_remove (filters, "track");
  }

  /* A search, in the own organisation's names */
  {
    g_autoptr(GListModel) rows = NULL;
    g_autofree char *names = NULL;

    query = (WbApiQuery) { .filters = filters, .q = "lemmens" };
    rows = wb_test_api_list (b, WB_RESOURCE_CLIENTS, 0, &query, &total, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (total, ==, 1);
    names = family_names (rows);
    g_assert_cmpstr (names, ==, "Lemmens");
  }

  /* Counts of reference data are exact too. */
  {
    g_autoptr(GListModel) rows = NULL;

    rows = wb_test_api_list (b, WB_RESOURCE_COMPETENCES, 0, NULL, &total, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (total, ==, wb_starter_taxonomy_n_competences () + 1);
    g_assert_cmpuint (g_list_model_get_n_items (rows), ==, MIN (50, total));
    g_clear_object (&rows);
    rows = wb_test_api_list (b, WB_RESOURCE_MUNICIPALITIES, 0, NULL, &total, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (total, ==, 2);
    g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 2);
  }

  /* Sorting or filtering on what a list does not offer, or a page too large, is a 400. */
  {
    g_autoptr(GHashTable) unknown = g_hash_table_new (g_str_hash, g_str_equal);
    g_autoptr(GHashTable) not_filterable = g_hash_table_new (g_str_hash, g_str_equal);
    g_autoptr(GListModel) rows = NULL;

    query = (WbApiQuery) { .sort = "bsn" };
    rows = wb_test_api_list (b, WB_RESOURCE_CLIENTS, 0, &query, &total, &error);
    g_assert_null (rows);
    g_assert_error (error, WB_API_ERROR, 400);
    g_clear_error (&error);

    query = (WbApiQuery) { .sort = "-shoe_size" };
    rows = wb_test_api_list (b, WB_RESOURCE_CLIENTS, 0, &query, &total, &error);
    g_assert_error (error, WB_API_ERROR, 400);
    g_assert_nonnull (wb_problem_get_error (wb_api_error_get_problem (error), "sort"));
    g_assert_nonnull (strstr (wb_api_error_get_problem (error)->detail, "-shoe_size cannot be sorted on"));
    g_clear_error (&error);

    g_hash_table_insert (unknown, (gpointer) "shoe_size", (gpointer) "44");
    query = (WbApiQuery) { .filters = unknown };
    rows = wb_test_api_list (b, WB_RESOURCE_CLIENTS, 0, &query, &total, &error);
    g_assert_error (error, WB_API_ERROR, 400);
    g_assert_nonnull (wb_problem_get_error (wb_api_error_get_problem (error), "shoe_size"));
    g_clear_error (&error);

    g_hash_table_insert (not_filterable, (gpointer) "given_name", (gpointer) "Eva");
    query = (WbApiQuery) { .filters = not_filterable };
    rows = wb_test_api_list (b, WB_RESOURCE_CLIENTS, 0, &query, &total, &error);
    g_assert_error (error, WB_API_ERROR, 400);
    g_assert_nonnull (wb_problem_get_error (wb_api_error_get_problem (error), "given_name"));
    g_assert_cmpuint (wb_api_error_get_problem (error)->errors->len, ==, 1);
    g_clear_error (&error);

    query = (WbApiQuery) { .per_page = 1001 };
    rows = wb_test_api_list (b, WB_RESOURCE_CLIENTS, 0, &query, &total, &error);
    g_assert_error (error, WB_API_ERROR, 400);
  }
}

typedef struct {
  guint calls;
  guint loaded[4];
  guint total[4];
} Progress;

static void
on_progress_cb (guint    loaded,
                guint    total,
                gpointer user_data)
{
  Progress *progress = user_data;

  g_assert_cmpuint (progress->calls, <, G_N_ELEMENTS (progress->loaded));
  progress->loaded[progress->calls] = loaded;
  progress->total[progress->calls] = total;
  progress->calls++;
}

/* The blocking questions, asked from a worker's thread as a restored sign-in asks them. */
typedef struct {
  WbApiClient *client;
  WbRecord *me;
  GListModel *clients;
  GError *error;
} InThread;

static void
ask_in_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  InThread *in = data;
  g_autoptr(GMainContext) context = g_main_context_new ();

  g_main_context_push_thread_default (context);
  in->me = wb_api_client_me (in->client, NULL, &in->error);
  if (in->me != NULL)
    in->clients = wb_api_client_list_all (in->client, WB_RESOURCE_CLIENTS, NULL, &in->error);
  g_main_context_pop_thread_default (context);
  g_task_return_boolean (task, TRUE);
}

static void
ask_from_a_thread (InThread *in)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GTask) task = g_task_new (NULL, NULL, wb_test_store_result, &result);

  g_task_set_task_data (task, in, NULL);
  g_task_run_in_thread (task, ask_in_thread);
  wb_test_wait (&result);
}

static GThread *test_thread;

static void
on_ended_cb (WbApiClient *client,
             guint       *ended)
{
  g_assert_true (g_thread_self () == test_thread);
  (*ended)++;
}

/* From a worker's thread, "who am I" and a whole list in pages of 1000 answer as the
 * asynchronous calls do; a token no longer good is 401 there, and ends the session once, on
 * the caller's thread, when a list page read on a worker's thread is refused. */
static void
test_list_from_a_thread (void)
{
  g_autoptr(WbApiClient) b = login ("b.consultant");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GListModel) page = NULL;
  g_autoptr(GError) error = NULL;
  InThread in = { b };
  guint ended = 0;

  test_thread = g_thread_self ();
  wb_api_client_list_all_async (b, WB_RESOURCE_CLIENTS, 0, NULL, NULL, NULL, NULL, wb_test_store_result, &result);
  wb_test_wait (&result);
  all = wb_api_client_list_all_finish (b, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (all), >, 1000);

  ask_from_a_thread (&in);
  g_assert_no_error (in.error);
  g_assert_cmpstr (wb_record_get_string (in.me, "username"), ==, "b.consultant");
  g_assert_cmpuint (g_list_model_get_n_items (in.clients), ==, g_list_model_get_n_items (all));
  for (guint i = 0; i < g_list_model_get_n_items (all); i += 97)
    {
      g_autoptr(WbRecord) expected = g_list_model_get_item (all, i);
      g_autoptr(WbRecord) got = g_list_model_get_item (in.clients, i);

      g_assert_cmpint (wb_record_get_id (got), ==, wb_record_get_id (expected));
      g_assert_cmpint (wb_record_get_resource (got), ==, WB_RESOURCE_CLIENTS);
    }
  g_clear_object (&in.me);
  g_clear_object (&in.clients);

  g_signal_connect (b, "session-ended", G_CALLBACK (on_ended_cb), &ended);
  wb_api_client_set_token (b, "not-a-token");
  ask_from_a_thread (&in);
  g_assert_null (in.me);
  g_assert_error (in.error, WB_API_ERROR, 401);
  g_clear_error (&in.error);
  /* Asked from a worker's thread, the caller decides: nothing ended yet. */
  g_assert_cmpuint (ended, ==, 0);

  page = wb_test_api_list (b, WB_RESOURCE_CLIENTS, 0, NULL, NULL, &error);
  g_assert_null (page);
  g_assert_error (error, WB_API_ERROR, 401);
  g_assert_cmpuint (ended, ==, 1);
}

static void
test_list_all (void)
{
  g_autoptr(WbApiClient) b = login ("b.consultant");
  g_autoptr(GHashTable) filters = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GListModel) last_page = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *ids = NULL;
  WbApiQuery query = { .filters = filters, .sort = "family_name" };
  Progress progress = { 0 };
  guint total = 0;

  g_hash_table_insert (filters, (gpointer) "client_group", (gpointer) "nugger");
  wb_api_client_list_all_async (b, WB_RESOURCE_CLIENTS, 0, &query, on_progress_cb, &progress, NULL,
                                wb_test_store_result, &result);
  wb_test_wait (&result);
  all = wb_api_client_list_all_finish (b, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, N_BULK_CLIENTS);

  /* Two pages: 1000, then the rest. */
  g_assert_cmpuint (progress.calls, ==, 2);
  g_assert_cmpuint (progress.loaded[0], ==, 1000);
  g_assert_cmpuint (progress.loaded[1], ==, N_BULK_CLIENTS);
  g_assert_cmpuint (progress.total[0], ==, N_BULK_CLIENTS);
  g_assert_cmpuint (progress.total[1], ==, N_BULK_CLIENTS);

  /* Every client once, in order across the page boundary. */
  ids = g_new0 (gint64, N_BULK_CLIENTS);
  for (guint i = 0; i < N_BULK_CLIENTS; i++)
    {
      g_autoptr(WbRecord) row = g_list_model_get_item (all, i);
      g_autofree char *expected = g_strdup_printf ("Bulk %04u", i);

      g_assert_cmpint (wb_record_get_resource (row), ==, WB_RESOURCE_CLIENTS);
      g_assert_cmpstr (wb_record_get_string (row, "family_name"), ==, expected);
      ids[i] = wb_record_get_id (row);
      g_assert_true (g_hash_table_add (seen, &ids[i]));
    }

  /* The same as asking for the second page by hand */
  query.page = 2;
  query.per_page = 1000;
  last_page = wb_test_api_list (b, WB_RESOURCE_CLIENTS, 0, &query, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, N_BULK_CLIENTS);
  g_assert_cmpuint (g_list_model_get_n_items (last_page), ==, N_BULK_CLIENTS - 1000);
}

/* Tests: nested resources and workflow */

static void
test_events (void)
{
  g_autoptr(WbApiClient) a = login ("a.consultant");
  g_autoptr(WbApiClient) b = login ("b.consultant");
  g_autoptr(GError) error = NULL;
  g_autoptr(WbRecord) event = NULL;
  g_autoptr(WbRecord) client = NULL;
  g_autoptr(WbRecord) newest = NULL;
  g_autoptr(GListModel) events = NULL;
  g_autoptr(GListModel) diagnoses = NULL;
  guint total = 0;

  event = wb_test_api_create_json (a, WB_RESOURCE_EVENTS, fx.client_a1,
                                   "{\"kind\":\"track_start\",\"date\":\"2026-11-02\",\"instrument\":\"language_training\"}", &error);
  g_assert_no_error (error);
  g_assert_cmpint (wb_record_get_int (event, "client_id"), ==, fx.client_a1);
  g_assert_cmpint (wb_record_get_int (event, "organisation_id"), ==, fx.org_a);
  g_assert_cmpstr (wb_record_get_string (event, "instrument"), ==, "language_training");

  /* The fixture's intake and the new track start, newest first */
  events = wb_test_api_list (a, WB_RESOURCE_EVENTS, fx.client_a1, NULL, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, 2);
  newest = g_list_model_get_item (events, 0);
  g_assert_cmpint (wb_record_get_id (newest), ==, wb_record_get_id (event));
  client = wb_test_api_get (a, WB_RESOURCE_CLIENTS, fx.client_a1, NULL, NULL);
  g_assert_cmpstr (wb_record_get_string (client, "last_activity"), ==, "2026-11-02");

  diagnoses = wb_test_api_list (a, WB_RESOURCE_DIAGNOSES, fx.client_a1, NULL, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 1);

  /* A bad kind is a field error. */
  g_clear_object (&event);
  event = wb_test_api_create_json (a, WB_RESOURCE_EVENTS, fx.client_a1, "{\"kind\":\"party\",\"date\":\"2026-11-02\"}", &error);
  g_assert_error (error, WB_API_ERROR, 400);
  g_assert_nonnull (wb_problem_get_error (wb_api_error_get_problem (error), "kind"));
  g_clear_error (&error);

  /* Another organisation neither reads nor writes this client's timeline. */
  g_clear_object (&events);
  events = wb_test_api_list (b, WB_RESOURCE_EVENTS, fx.client_a1, NULL, &total, &error);
  g_assert_null (events);
  g_assert_error (error, WB_API_ERROR, 403);
  g_clear_error (&error);
  event = wb_test_api_create_json (b, WB_RESOURCE_EVENTS, fx.client_a1,
                                   "{\"kind\":\"note\",\"date\":\"2026-11-02\",\"note\":\"Niet van ons\"}", &error);
  g_assert_null (event);
  g_assert_error (error, WB_API_ERROR, 403);
  g_clear_error (&error);

  /* Still two. */
  events = wb_test_api_list (a, WB_RESOURCE_EVENTS, fx.client_a1, NULL, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 2);

  /* The timeline of a client that does not exist */
  g_clear_object (&events);
  events = wb_test_api_list (a, WB_RESOURCE_EVENTS, 999999, NULL, &total, &error);
  g_assert_null (events);
  g_assert_error (error, WB_API_ERROR, 404);
}

/* An empty note is refused; an event written by mistake is corrected or withdrawn by a new
 * event that names it, with who, when and why, and nothing is deleted. */
static void
test_event_corrections (void)
{
  g_autoptr(WbApiClient) a = login ("a.consultant");
  g_autoptr(WbApiClient) b = login ("b.consultant");
  g_autoptr(GError) error = NULL;
  g_autoptr(WbRecord) first = NULL;
  g_autoptr(WbRecord) correction = NULL;
  g_autoptr(WbRecord) withdrawal = NULL;
  g_autoptr(WbRecord) refused = NULL;
  g_autoptr(WbRecord) other = NULL;
  g_autoptr(GListModel) before = NULL;
  g_autoptr(GListModel) after = NULL;
  g_autofree char *body = NULL;
  guint n_before = 0, n_after = 0;

  before = wb_test_api_list (a, WB_RESOURCE_EVENTS, fx.client_a1, NULL, &n_before, &error);
  g_assert_no_error (error);

  /* An empty note says what is wrong, at the note. */
  refused = wb_test_api_create_json (a, WB_RESOURCE_EVENTS, fx.client_a1,
                                     "{\"kind\":\"note\",\"date\":\"2026-11-03\",\"note\":\"   \"}", &error);
  g_assert_null (refused);
  g_assert_error (error, WB_API_ERROR, 400);
  g_assert_cmpstr (wb_problem_get_error (wb_api_error_get_problem (error), "note"), ==,
                   "is required: write what happened; an empty note is not added");
  g_clear_error (&error);

  first = wb_test_api_create_json (a, WB_RESOURCE_EVENTS, fx.client_a1,
                                   "{\"kind\":\"track_start\",\"date\":\"2026-11-03\",\"instrument\":\"language_training\"}",
                                   &error);
  g_assert_no_error (error);

  /* A correction without why is refused. */
  body = g_strdup_printf ("{\"kind\":\"track_start\",\"date\":\"2026-11-03\",\"instrument\":\"jobcoaching\","
                          "\"corrects_id\":%" G_GINT64_FORMAT "}", wb_record_get_id (first));
  refused = wb_test_api_create_json (a, WB_RESOURCE_EVENTS, fx.client_a1, body, &error);
  g_assert_error (error, WB_API_ERROR, 400);
  g_assert_nonnull (wb_problem_get_error (wb_api_error_get_problem (error), "correction_reason"));
  g_clear_error (&error);
  g_clear_pointer (&body, g_free);

  /* A correction keeps the kind: another kind is a withdrawal and a new event. */
  body = g_strdup_printf ("{\"kind\":\"intake\",\"date\":\"2026-11-03\",\"corrects_id\":%" G_GINT64_FORMAT ","
                          "\"correction_reason\":\"Verkeerd soort\"}", wb_record_get_id (first));
  refused = wb_test_api_create_json (a, WB_RESOURCE_EVENTS, fx.client_a1, body, &error);
  g_assert_error (error, WB_API_ERROR, 400);
  g_assert_nonnull (wb_problem_get_error (wb_api_error_get_problem (error), "kind"));
  g_clear_error (&error);
  g_clear_pointer (&body, g_free);

  /* Another organisation may not write here at all. */
  body = g_strdup_printf ("{\"kind\":\"withdrawal\",\"date\":\"2026-11-03\",\"corrects_id\":%" G_GINT64_FORMAT ","
                          "\"correction_reason\":\"Weg ermee\"}", wb_record_get_id (first));
  refused = wb_test_api_create_json (b, WB_RESOURCE_EVENTS, fx.client_a1, body, &error);
  g_assert_error (error, WB_API_ERROR, 403);
  g_clear_error (&error);
  g_clear_pointer (&body, g_free);

  /* The correction: a new event with the right instrument, who, when and why. */
  body = g_strdup_printf ("{\"kind\":\"track_start\",\"date\":\"2026-11-03\",\"instrument\":\"jobcoaching\","
                          "\"corrects_id\":%" G_GINT64_FORMAT ",\"correction_reason\":\"Verkeerd instrument gekozen\"}",
                          wb_record_get_id (first));
  correction = wb_test_api_create_json (a, WB_RESOURCE_EVENTS, fx.client_a1, body, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wb_record_get_int (correction, "corrects_id"), ==, wb_record_get_id (first));
  g_assert_cmpstr (wb_record_get_string (correction, "correction_reason"), ==, "Verkeerd instrument gekozen");
  g_assert_cmpint (wb_record_get_int (correction, "organisation_id"), ==, fx.org_a);
  g_assert_cmpint (wb_record_get_int (correction, "author_id"), >, 0);
  g_assert_nonnull (wb_record_get_string (correction, "created_at"));

  /* An event is corrected once: the next correction is of the correction. */
  refused = wb_test_api_create_json (a, WB_RESOURCE_EVENTS, fx.client_a1, body, &error);
  g_assert_null (refused);
  g_assert_error (error, WB_API_ERROR, 409);
  g_assert_nonnull (wb_problem_get_error (wb_api_error_get_problem (error), "corrects_id"));
  g_clear_error (&error);
  g_clear_pointer (&body, g_free);

  /* Withdrawn after all. */
  body = g_strdup_printf ("{\"kind\":\"withdrawal\",\"date\":\"2026-11-03\",\"corrects_id\":%" G_GINT64_FORMAT ","
                          "\"correction_reason\":\"Traject gaat niet door\"}", wb_record_get_id (correction));
  withdrawal = wb_test_api_create_json (a, WB_RESOURCE_EVENTS, fx.client_a1, body, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wb_record_get_string (withdrawal, "kind"), ==, "withdrawal");
  g_clear_pointer (&body, g_free);

  /* A withdrawal is not corrected, and an event of another client is not this timeline's. */
  body = g_strdup_printf ("{\"kind\":\"withdrawal\",\"date\":\"2026-11-03\",\"corrects_id\":%" G_GINT64_FORMAT ","
                          "\"correction_reason\":\"Toch wel\"}", wb_record_get_id (withdrawal));
  refused = wb_test_api_create_json (a, WB_RESOURCE_EVENTS, fx.client_a1, body, &error);
  g_assert_error (error, WB_API_ERROR, 400);
  g_assert_nonnull (wb_problem_get_error (wb_api_error_get_problem (error), "corrects_id"));
  g_clear_error (&error);
  g_clear_pointer (&body, g_free);
  body = g_strdup_printf ("{\"kind\":\"withdrawal\",\"date\":\"2026-11-03\",\"corrects_id\":%" G_GINT64_FORMAT ","
                          "\"correction_reason\":\"Andere klant\"}", wb_record_get_id (first));
  other = wb_test_api_create_json (a, WB_RESOURCE_EVENTS, fx.client_a2, body, &error);
  g_assert_null (other);
  g_assert_error (error, WB_API_ERROR, 400);
  g_assert_nonnull (wb_problem_get_error (wb_api_error_get_problem (error), "corrects_id"));
  g_clear_error (&error);

  /* Nothing was deleted: the timeline holds the mistake, its correction and the withdrawal. */
  after = wb_test_api_list (a, WB_RESOURCE_EVENTS, fx.client_a1, NULL, &n_after, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_after, ==, n_before + 3);
}

/* Every organisation that reads a client may signal a missing or stale diagnosis to the
 * owner, though it may not write anything else in the client's timeline. */
static void
test_diagnosis_signal (void)
{
  g_autoptr(WbApiClient) a = login ("a.consultant");
  g_autoptr(WbApiClient) b = login ("b.consultant");
  g_autoptr(WbApiClient) analyst = login ("a.analyst");
  g_autoptr(WbApiClient) admin = login ("admin");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *signal = g_strdup_printf ("{\"kind\":\"diagnosis_signal\",\"date\":\"%s\",\"note\":\"Geen recente diagnose\"}", today);
  g_autofree char *intake = g_strdup_printf ("{\"kind\":\"intake\",\"date\":\"%s\"}", today);
  g_autofree char *too_much = g_strdup_printf ("{\"kind\":\"diagnosis_signal\",\"date\":\"%s\",\"employer_id\":%" G_GINT64_FORMAT "}",
                                               today, fx.employer);
  g_autoptr(GError) error = NULL;
  g_autoptr(WbRecord) pseudonym = wb_test_api_get (b, WB_RESOURCE_CLIENTS, fx.client_a1, NULL, NULL);
  g_autoptr(WbRecord) event = NULL;
  g_autoptr(WbRecord) denied = NULL;
  g_autoptr(GListModel) events = NULL;
  guint before = 0, after = 0;

  g_assert_true (wb_record_get_boolean (pseudonym, "pseudonymous"));
  events = wb_test_api_list (a, WB_RESOURCE_EVENTS, fx.client_a1, NULL, &before, &error);
  g_assert_no_error (error);
  g_clear_object (&events);

  /* Another organisation's consultant signals; the server fills in who and to whom. */
  event = wb_test_api_create_json (b, WB_RESOURCE_EVENTS, fx.client_a1, signal, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wb_record_get_string (event, "kind"), ==, "diagnosis_signal");
  g_assert_cmpint (wb_record_get_int (event, "client_id"), ==, fx.client_a1);
  g_assert_cmpint (wb_record_get_int (event, "organisation_id"), ==, fx.org_b);
  g_assert_cmpint (wb_record_get_int (event, "addressed_to"), ==, fx.org_a);
  g_assert_cmpstr (wb_record_get_string (event, "reason"), ==,
                   wb_record_get_string (pseudonym, "diagnosis_date") != NULL ? "stale" : "missing");
  g_assert_cmpstr (wb_record_get_string (event, "note"), ==, "Geen recente diagnose");

  /* Nothing else: no other kind, and no field the server sets. */
  denied = wb_test_api_create_json (b, WB_RESOURCE_EVENTS, fx.client_a1, intake, &error);
  g_assert_null (denied);
  g_assert_error (error, WB_API_ERROR, 403);
  g_clear_error (&error);
  denied = wb_test_api_create_json (b, WB_RESOURCE_EVENTS, fx.client_a1, too_much, &error);
  g_assert_null (denied);
  g_assert_error (error, WB_API_ERROR, 400);
  g_assert_nonnull (wb_problem_get_error (wb_api_error_get_problem (error), "employer_id"));
  g_clear_error (&error);

  /* Analysts and admins see no client in full and do not signal. */
  denied = wb_test_api_create_json (analyst, WB_RESOURCE_EVENTS, fx.client_a1, signal, &error);
  g_assert_null (denied);
  g_assert_error (error, WB_API_ERROR, 403);
  g_clear_error (&error);
  denied = wb_test_api_create_json (admin, WB_RESOURCE_EVENTS, fx.client_a1, signal, &error);
  g_assert_null (denied);
  g_assert_error (error, WB_API_ERROR, 403);
  g_clear_error (&error);

  /* The owner finds exactly the one signal in the timeline; the sender still reads none of it. */
  events = wb_test_api_list (a, WB_RESOURCE_EVENTS, fx.client_a1, NULL, &after, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after, ==, before + 1);
  g_clear_object (&events);
  events = wb_test_api_list (b, WB_RESOURCE_EVENTS, fx.client_a1, NULL, &after, &error);
  g_assert_null (events);
  g_assert_error (error, WB_API_ERROR, 403);
}

/* Search as you type for an occupation: over the Dutch label and the alternative labels, in
 * any case; one occupation read alone brings the competences it asks, essential first. */
static void
test_occupation_search (void)
{
  g_autoptr(WbApiClient) admin = login ("admin");
  g_autoptr(WbApiClient) am = login ("wsp.am");
  g_autoptr(WbRecord) courier = NULL;
  g_autoptr(WbRecord) forklift = NULL;
  g_autoptr(GListModel) rows = NULL;
  g_autoptr(GError) error = NULL;
  WbApiQuery query = { .q = "HEFTRUCK", .per_page = 50 };
  JsonArray *competences;
  gboolean seen_optional = FALSE;
  gint64 starter_id = 0;
  guint total = 0;

  courier = wb_test_api_create_json (admin, WB_RESOURCE_OCCUPATIONS, 0,
                                     "{\"label_nl\":\"Fietskoerier\",\"isco_group\":\"9331\","
                                     "\"alt_labels\":\"bezorger op de fiets | fietsbezorger\"}", &error);
  g_assert_no_error (error);

  /* Upper case finds both forklift drivers: the starter taxonomy's and the fixture's. */
  rows = wb_test_api_list (am, WB_RESOURCE_OCCUPATIONS, 0, &query, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 2);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(WbRecord) row = g_list_model_get_item (rows, i);

      g_autofree char *label = g_utf8_casefold (wb_record_get_string (row, "label_nl"), -1);

      g_assert_nonnull (strstr (label, "heftruck"));
      /* A list stays light: the competences come with the one record. */
      g_assert_false (wb_record_has_field (row, "competences"));
      if (g_strcmp0 (wb_record_get_string (row, "source"), "starter") == 0)
        starter_id = wb_record_get_id (row);
    }
  g_assert_cmpint (starter_id, >, 0);
  g_clear_object (&rows);

  /* An alternative label finds the occupation by its other name. */
  query.q = "fietsbezorger";
  rows = wb_test_api_list (am, WB_RESOURCE_OCCUPATIONS, 0, &query, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 1);
  {
    g_autoptr(WbRecord) row = g_list_model_get_item (rows, 0);
    g_assert_cmpint (wb_record_get_id (row), ==, wb_record_get_id (courier));
  }
  g_clear_object (&rows);
  query.q = "zzz-geen-beroep";
  rows = wb_test_api_list (am, WB_RESOURCE_OCCUPATIONS, 0, &query, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 0);

  /* The starter taxonomy's forklift driver asks four competences, then three as a plus. */
  forklift = wb_test_api_get (am, WB_RESOURCE_OCCUPATIONS, starter_id, NULL, &error);
  g_assert_no_error (error);
  competences = wb_record_get_array (forklift, "competences");
  g_assert_nonnull (competences);
  g_assert_cmpuint (json_array_get_length (competences), ==, 7);
  for (guint i = 0; i < json_array_get_length (competences); i++)
    {
      JsonObject *item = json_array_get_object_element (competences, i);
      gboolean essential = json_object_get_boolean_member (item, "essential");

      g_assert_cmpint (json_object_get_int_member (item, "competence_id"), >, 0);
      g_assert_nonnull (json_object_get_string_member (item, "label"));
      g_assert_false (json_object_has_member (item, "level"));
      /* Essential first. */
      g_assert_true (essential || i >= 4);
      g_assert_false (essential && seen_optional);
      seen_optional |= !essential;
    }
  g_assert_true (seen_optional);
  g_clear_object (&forklift);
  /* One without links says so with an empty list. */
  forklift = wb_test_api_get (am, WB_RESOURCE_OCCUPATIONS, fx.occupation, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (wb_record_get_array (forklift, "competences")), ==, 0);
}

/* A vacancy says whose it is and where, in the words a list shows: the employer's name, the
 * municipality of its postcode area and that municipality's subregion. */
static void
test_vacancy_place (void)
{
  g_autoptr(WbApiClient) am = login ("b.lam");
  g_autoptr(GHashTable) filters = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GListModel) rows = NULL;
  g_autoptr(WbRecord) vacancy = NULL;
  g_autoptr(GError) error = NULL;
  WbApiQuery query = { .filters = filters };

  g_hash_table_insert (filters, (gpointer) "employer_id", g_strdup_printf ("%" G_GINT64_FORMAT, fx.employer));
  rows = wb_test_api_list (am, WB_RESOURCE_VACANCIES, 0, &query, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (rows), >=, 1);
  vacancy = g_list_model_get_item (rows, 0);
  g_assert_cmpstr (wb_record_get_string (vacancy, "employer"), ==, "Parkstad Logistiek B.V.");
  /* The fixture has no postcode table: the place is the employer's municipality. */
  g_assert_cmpint (wb_record_get_int (vacancy, "municipality_id"), ==, fx.heerlen);
  g_assert_cmpstr (wb_record_get_string (vacancy, "region"), ==, "Parkstad");
  g_clear_object (&vacancy);

  vacancy = wb_test_api_get (am, WB_RESOURCE_VACANCIES, fx.vacancy, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wb_record_get_string (vacancy, "employer"), ==, "Parkstad Logistiek B.V.");
  g_assert_cmpstr (wb_record_get_string (vacancy, "region"), ==, "Parkstad");
}

static void
test_match_workflow (void)
{
  g_autoptr(WbApiClient) wsp = login ("wsp.am");
  g_autoptr(GError) error = NULL;
  g_autoptr(WbRecord) vacancy = NULL;
  g_autoptr(WbRecord) match = NULL;
  g_autoptr(WbRecord) step = NULL;
  g_autoptr(GListModel) events = NULL;
  g_autofree char *json = NULL;
  g_autofree char *etag = NULL;
  guint total = 0;

  json = g_strdup_printf ("{\"employer_id\":%" G_GINT64_FORMAT ",\"title\":\"Orderpicker\",\"sector\":\"logistics\","
                          "\"hours\":32,\"pc4\":\"6422\",\"positions\":1,\"opened_at\":\"2026-11-01\"}", fx.employer);
  vacancy = wb_test_api_create_json (wsp, WB_RESOURCE_VACANCIES, 0, json, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wb_record_get_string (vacancy, "status"), ==, "open");

  g_free (json);
  json = g_strdup_printf ("{\"vacancy_id\":%" G_GINT64_FORMAT ",\"client_id\":%" G_GINT64_FORMAT "}",
                          wb_record_get_id (vacancy), fx.client_a2);
  match = wb_test_api_create_json (wsp, WB_RESOURCE_MATCHES, 0, json, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wb_record_get_string (match, "state"), ==, "suggested");

  /* Straight from suggested to placed skips the employer: refused with a reason. */
  etag = wb_record_dup_etag (match);
  step = wb_test_api_update_json (wsp, WB_RESOURCE_MATCHES, wb_record_get_id (match), etag, "{\"state\":\"placed\"}", &error);
  g_assert_null (step);
  g_assert_error (error, WB_API_ERROR, 409);
  g_assert_nonnull (wb_api_error_get_problem (error)->detail);
  g_clear_error (&error);

  step = wb_test_api_update_json (wsp, WB_RESOURCE_MATCHES, wb_record_get_id (match), etag, "{\"state\":\"proposed\"}", &error);
  g_assert_no_error (error);
  g_free (etag);
  etag = wb_record_dup_etag (step);
  g_clear_object (&step);
  step = wb_test_api_update_json (wsp, WB_RESOURCE_MATCHES, wb_record_get_id (match), etag, "{\"state\":\"placed\"}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wb_record_get_string (step, "state"), ==, "placed");

  /* The placement is in the client's timeline, read by the owning organisation. */
  {
    g_autoptr(WbApiClient) a = login ("a.consultant");
    g_autoptr(GHashTable) filters = g_hash_table_new (g_str_hash, g_str_equal);
    WbApiQuery query = { .filters = filters };
    g_autoptr(WbRecord) placement = NULL;

    g_hash_table_insert (filters, (gpointer) "kind", (gpointer) "placement");
    events = wb_test_api_list (a, WB_RESOURCE_EVENTS, fx.client_a2, &query, &total, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (total, ==, 1);
    placement = g_list_model_get_item (events, 0);
    g_assert_cmpint (wb_record_get_int (placement, "employer_id"), ==, fx.employer);
    g_assert_cmpint (wb_record_get_int (placement, "hours"), ==, 32);
  }

  /* Placed is final. */
  g_free (etag);
  etag = wb_record_dup_etag (step);
  g_clear_object (&step);
  step = wb_test_api_update_json (wsp, WB_RESOURCE_MATCHES, wb_record_get_id (match), etag, "{\"state\":\"interview\"}", &error);
  g_assert_error (error, WB_API_ERROR, 409);
}

/* Tests: the client library's own failures */

static void
on_fake_request_cb (SoupServer        *server,
                    SoupServerMessage *msg,
                    const char        *path,
                    GHashTable        *query,
                    gpointer           user_data)
{
  const char *body = "";
  guint status = SOUP_STATUS_OK;
  const char *type = "application/json";

  if (g_str_equal (path, "/api/v1/me"))
    {
      body = "<html>not JSON</html>";
      type = "text/html";
    }
  else if (g_str_equal (path, "/api/v1/users/1"))
    body = "   ";
  else if (g_str_equal (path, "/api/v1/clients"))
    body = "{\"items\":5,\"total\":1}";
  else if (g_str_equal (path, "/api/v1/clients/1"))
    status = SOUP_STATUS_SERVICE_UNAVAILABLE;
  else if (g_str_equal (path, "/api/v1/clients/2"))
    {
      status = SOUP_STATUS_BAD_GATEWAY;
      body = "<html><body>Bad gateway</body></html>";
      type = "text/html";
    }
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, type, SOUP_MEMORY_STATIC, body, strlen (body));
}

static void
test_client_failures (void)
{
  g_autoptr(SoupServer) fake = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WbApiClient) client = NULL;
  g_autoptr(WbApiClient) unreachable = wb_api_client_new ("http://127.0.0.1:1");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(WbRecord) record = NULL;
  g_autoptr(GListModel) rows = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GSList *uris;
  g_autofree char *url = NULL;

  soup_server_add_handler (fake, NULL, on_fake_request_cb, NULL, NULL);
  g_assert_true (soup_server_listen_local (fake, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (fake);
  url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  client = wb_api_client_new (url);
  g_assert_true (g_str_has_suffix (wb_api_client_get_base_url (client), "/"));

  /* Nobody listens: a network error, without problem details. */
  record = wb_test_api_get (unreachable, WB_RESOURCE_CLIENTS, 1, NULL, &error);
  g_assert_null (record);
  g_assert_error (error, WB_API_ERROR, WB_API_ERROR_NETWORK);
  g_assert_null (wb_api_error_get_problem (error));
  g_clear_error (&error);

  /* An answer that is not JSON, or not what it should be */
  wb_api_client_me_async (client, NULL, wb_test_store_result, &result);
  wb_test_wait (&result);
  record = wb_api_client_me_finish (client, result, &error);
  g_assert_null (record);
  g_assert_error (error, WB_API_ERROR, WB_API_ERROR_PARSE);
  g_clear_error (&error);
  record = wb_test_api_get (client, WB_RESOURCE_USERS, 1, NULL, &error);
  g_assert_null (record);
  g_assert_error (error, WB_API_ERROR, WB_API_ERROR_PARSE);
  g_clear_error (&error);
  rows = wb_test_api_list (client, WB_RESOURCE_CLIENTS, 0, NULL, NULL, &error);
  g_assert_null (rows);
  g_assert_error (error, WB_API_ERROR, WB_API_ERROR_PARSE);
  g_clear_error (&error);

  /* Failures without problem details still carry a status and a title. */
  record = wb_test_api_get (client, WB_RESOURCE_CLIENTS, 1, NULL, &error);
  g_assert_null (record);
  g_assert_error (error, WB_API_ERROR, 503);
  g_assert_nonnull (wb_api_error_get_problem (error));
  g_assert_cmpuint (wb_api_error_get_problem (error)->status, ==, 503);
  g_assert_cmpstr (wb_api_error_get_problem (error)->title, ==, "Service Unavailable");
  g_assert_cmpstr (error->message, ==, "Service Unavailable");
  g_clear_error (&error);
  record = wb_test_api_get (client, WB_RESOURCE_CLIENTS, 2, NULL, &error);
  g_assert_error (error, WB_API_ERROR, 502);
  g_assert_cmpuint (wb_api_error_get_problem (error)->errors->len, ==, 0);
  g_clear_error (&error);

  /* A copied error keeps its problem. */
  record = wb_test_api_get (client, WB_RESOURCE_CLIENTS, 1, NULL, &error);
  {
    g_autoptr(GError) copy = g_error_copy (error);

    g_assert_nonnull (wb_api_error_get_problem (copy));
    g_assert_true (wb_api_error_get_problem (copy) != wb_api_error_get_problem (error));
    g_assert_cmpuint (wb_api_error_get_problem (copy)->status, ==, 503);
  }
  g_clear_error (&error);

  /* A cancelled call says so. */
  g_cancellable_cancel (cancellable);
  g_clear_object (&result);
  wb_api_client_get_async (client, WB_RESOURCE_USERS, 1, NULL, cancellable, wb_test_store_result, &result);
  wb_test_wait (&result);
  record = wb_api_client_get_finish (client, result, &error);
  g_assert_null (record);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  soup_server_disconnect (fake);
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_client_token_property (void)
{
  g_autoptr(WbApiClient) client = wb_api_client_new ("http://127.0.0.1:8080");
  g_autofree char *token = NULL;
  guint notified = 0;

  g_assert_cmpstr (wb_api_client_get_base_url (client), ==, "http://127.0.0.1:8080/");
  g_signal_connect (client, "notify::token", G_CALLBACK (on_notify_cb), &notified);
  wb_api_client_set_token (client, "abc");
  wb_api_client_set_token (client, "abc");
  g_assert_cmpuint (notified, ==, 1);
  g_object_get (client, "token", &token, NULL);
  g_assert_cmpstr (token, ==, "abc");
  g_object_set (client, "token", NULL, NULL);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_null (wb_api_client_get_token (client));
}

/* Tests: the documentation */

static char *
id_for_route (const char *route)
{
  static const struct {
    const char *prefix;
    gint64 *id;
  } ids[] = {
    { "/api/v1/clients/", &fx.client_a1 },
    { "/api/v1/employers/", &fx.employer },
    { "/api/v1/vacancies/", &fx.vacancy },
    { "/api/v1/matches/", &fx.match },
    { "/api/v1/organisations/", &fx.org_a },
    { "/api/v1/municipalities/", &fx.heerlen },
    { "/api/v1/users/", &fx.wsp_am },
    { "/api/v1/competences/", &fx.competence },
    { "/api/v1/occupations/", &fx.occupation },
    { "/api/v1/targets/", &fx.target },
    { "/api/v1/action-points/", &fx.action_point },
  };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    if (g_str_has_prefix (route, ids[i].prefix))
      return g_strdup_printf ("%" G_GINT64_FORMAT, *ids[i].id);
  return NULL;
}

/* Every endpoint docs/api.md names answers, with the ids of the fixture's records, so the
 * documentation cannot drift away from the server. A coordinator of organisation A asks:
 * that role may read every resource the API has. */
static void
test_documented_endpoints_exist (void)
{
  g_autoptr(WbApiClient) coordinator = login ("a.coordinator");
  g_autoptr(WbApiClient) leaving = login ("a.coordinator");
  g_autoptr(WbApiClient) everywhere = login ("b.lam");
  g_autofree char *path = g_build_filename (g_getenv ("WB_SOURCE_DIR"), "docs", "api.md", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) placeholder = g_regex_new ("\\{([a-z_]+)\\}", 0, 0, NULL);
  g_autoptr(GRegex) heading = g_regex_new ("^### (GET|POST|PATCH|PUT|DELETE) (/api/v1/[^ ]*)$", 0, 0, NULL);
  g_autoptr(GHashTable) routes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *audit_id = NULL;
  g_autofree char *alert_id = NULL;
  guint checked = 0;

  /* Records the fixture cannot make through the store: an audit row and an alert. */
  {
    g_autoptr(WbRecord) read = wb_test_api_get (coordinator, WB_RESOURCE_CLIENTS, fx.client_a1, "documentation test", &error);
    g_autoptr(GListModel) rows = NULL;
    g_autoptr(WbRecord) row = NULL;
    g_autoptr(JsonNode) alert = NULL;
    g_autofree char *body = NULL;
    WbApiQuery query = { .sort = "-at", .per_page = 1 };

    g_assert_no_error (error);
    rows = wb_test_api_list (coordinator, WB_RESOURCE_AUDIT, 0, &query, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
    row = g_list_model_get_item (rows, 0);
    audit_id = g_strdup_printf ("%" G_GINT64_FORMAT, wb_record_get_id (row));

    body = g_strdup_printf ("{\"kind\":\"vacancy_for_client\",\"client_id\":%" G_GINT64_FORMAT ",\"threshold\":0.7}",
                            fx.client_a1);
    alert = wb_test_api_request (coordinator, "POST", "api/v1/alerts", body, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (alert);
    alert_id = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (json_node_get_object (alert), "id"));
  }

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GMatchInfo) match = NULL;
      g_autoptr(GMatchInfo) holes = NULL;
      g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);
      g_autoptr(GString) route = NULL;
      g_autofree char *method = NULL;
      g_autofree char *templ = NULL;
      g_autofree char *answer = NULL;
      g_autofree char *key = NULL;
      WbApiClient *caller = coordinator;
      const char *rest;
      guint status;

      if (!g_str_has_prefix (lines[i], "### "))
        continue;
      if (!g_regex_match (heading, lines[i], 0, &match))
        {
          /* Headings under "###" that name a path must be endpoint headings. */
          if (strstr (lines[i], "/api/v1/") != NULL)
            g_error ("docs/api.md:%u: malformed endpoint heading: %s", i + 1, lines[i]);
          continue;
        }
      method = g_match_info_fetch (match, 1);
      templ = g_match_info_fetch (match, 2);
      key = g_strconcat (method, " ", templ, NULL);
      if (!g_hash_table_add (routes, g_strdup (key)))
        g_error ("docs/api.md:%u: %s is documented twice", i + 1, key);

      /* Fill each placeholder with a record that exists. */
      route = g_string_new (NULL);
      rest = templ;
      g_regex_match (placeholder, templ, 0, &holes);
      while (g_match_info_matches (holes))
        {
          g_autofree char *name = g_match_info_fetch (holes, 1);
          g_autofree char *value = NULL;
          int start, end;

          g_match_info_fetch_pos (holes, 0, &start, &end);
          g_string_append_len (route, rest, templ + start - rest);
          if (g_str_equal (name, "region"))
            value = g_strdup ("Parkstad");
          else if (g_str_equal (name, "id") && g_str_has_prefix (templ, "/api/v1/audit/"))
            value = g_strdup (audit_id);
          else if (g_str_equal (name, "id") && g_str_has_prefix (templ, "/api/v1/alerts/"))
            value = g_strdup (alert_id);
          else if (g_str_equal (name, "id"))
            value = id_for_route (templ);
          if (value == NULL)
            g_error ("docs/api.md:%u: no fixture record for {%s} in %s", i + 1, name, templ);
          g_string_append (route, value);
          rest = templ + end;
          g_match_info_next (holes, NULL);
        }
      g_string_append (route, rest);
      /* The monitor answers nothing without a metric. */
      if (g_str_equal (key, "GET /api/v1/monitor"))
        g_string_append (route, "?metric=inflow");

      /* Logging out ends the token it is sent with: use one of its own; logging out
       * everywhere, a user of its own. */
      if (g_str_equal (key, "DELETE /api/v1/session"))
        caller = leaving;
      if (g_str_equal (key, "DELETE /api/v1/sessions"))
        caller = everywhere;

      status = raw_request (method, route->str + 1,
                            g_str_equal (key, "POST /api/v1/session") ? NULL : wb_api_client_get_token (caller),
                            "application/json", g_str_equal (method, "GET") || g_str_equal (method, "DELETE") ? NULL : body,
                            &answer, NULL);
      g_test_message ("%s %s -> %u", method, route->str, status);
      if (status == 404 || status == 405 || status >= 500)
        g_error ("docs/api.md:%u: %s %s answers %u: %s", i + 1, method, route->str, status, answer);
      /* Reads must work; writes with an empty body are refused by validation, by the
       * policy, or for want of If-Match, but never by routing. */
      if (g_str_equal (method, "GET"))
        g_assert_cmpuint (status, ==, 200);
      else if (g_str_equal (method, "DELETE"))
        g_assert_cmpuint (status, ==, 204);
      else
        g_assert_true (status == 400 || status == 401 || status == 403 || status == 409 || status == 428);
      checked++;
    }

  /* The contract's endpoints are all there. */
  {
    static const char * const required[] = {
      "POST /api/v1/session", "DELETE /api/v1/session", "GET /api/v1/me",
      "GET /api/v1/clients", "GET /api/v1/clients/{id}", "POST /api/v1/clients", "PATCH /api/v1/clients/{id}",
      "GET /api/v1/clients/{id}/events", "POST /api/v1/clients/{id}/events",
      "GET /api/v1/clients/{id}/diagnoses", "POST /api/v1/clients/{id}/diagnoses",
      "GET /api/v1/employers/{id}/contacts", "POST /api/v1/employers/{id}/contacts",
      "GET /api/v1/employers/{id}/contact-log", "POST /api/v1/employers/{id}/contact-log",
      "GET /api/v1/organisations", "GET /api/v1/municipalities", "GET /api/v1/users", "GET /api/v1/employers",
      "GET /api/v1/vacancies", "GET /api/v1/matches", "GET /api/v1/competences", "GET /api/v1/occupations",
      "GET /api/v1/targets", "GET /api/v1/action-points", "GET /api/v1/audit",
      "GET /api/v1/vacancies/{id}/matches", "GET /api/v1/clients/{id}/matches",
      "POST /api/v1/matches", "PATCH /api/v1/matches/{id}",
    };

    for (guint i = 0; i < G_N_ELEMENTS (required); i++)
      if (!g_hash_table_contains (routes, required[i]))
        g_error ("docs/api.md does not document %s", required[i]);
  }
  g_assert_cmpuint (checked, ==, g_hash_table_size (routes));
  g_assert_cmpuint (checked, >=, 60);
}

static GHashTable *
endpoint_headings (const char *text)
{
  g_autoptr(GRegex) heading = g_regex_new ("^### ((GET|POST|PATCH|PUT|DELETE) /api/v1/[^ \\n]*)$", G_REGEX_MULTILINE, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  GHashTable *headings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (g_regex_match (heading, text, 0, &match); g_match_info_matches (match); g_match_info_next (match, NULL))
    g_hash_table_add (headings, g_match_info_fetch (match, 1));
  return headings;
}

static char *
read_doc (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("WB_SOURCE_DIR"), "docs", name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  return text;
}

/* Every write in api.md shows a request that succeeds, not only one that fails; and an
 * endpoint it names but documents elsewhere links to where, so that a reader finds it. */
static void
test_documented_writes_and_references (void)
{
  g_autofree char *api = read_doc ("api.md");
  g_autofree char *accounts = read_doc ("accounts-api.md");
  g_autoptr(GHashTable) api_headings = endpoint_headings (api);
  g_autoptr(GHashTable) accounts_headings = endpoint_headings (accounts);
  g_autoptr(GRegex) named = g_regex_new ("`((GET|POST|PATCH|PUT|DELETE) /api/v1/[^`?\\s]*)[^`]*`", 0, 0, NULL);
  g_auto(GStrv) lines = g_strsplit (api, "\n", -1);
  const char *write = NULL;
  gboolean succeeds = FALSE;
  guint writes = 0;

  for (guint i = 0; ; i++)
    {
      if (lines[i] == NULL || g_str_has_prefix (lines[i], "#"))
        {
          if (write != NULL)
            {
              g_test_message ("%s", write);
              g_assert_true (succeeds);
              writes++;
            }
          write = NULL;
          if (lines[i] == NULL)
            break;
          if (g_str_has_prefix (lines[i], "### POST /api/v1/") || g_str_has_prefix (lines[i], "### PATCH /api/v1/"))
            write = lines[i];
          succeeds = FALSE;
        }
      else if (g_str_has_prefix (lines[i], "HTTP/1.1 200") || g_str_has_prefix (lines[i], "HTTP/1.1 201") ||
               g_str_has_prefix (lines[i], "HTTP/1.1 204"))
        succeeds = TRUE;
    }
  g_assert_cmpuint (writes, >, 20);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GMatchInfo) match = NULL;

      if (g_str_has_prefix (lines[i], "### "))
        continue;
      for (g_regex_match (named, lines[i], 0, &match); g_match_info_matches (match); g_match_info_next (match, NULL))
        {
          g_autofree char *endpoint = g_match_info_fetch (match, 1);

          /* The generic forms of the conventions name no one endpoint. */
          if (strstr (endpoint, "{resource}") != NULL || g_hash_table_contains (api_headings, endpoint))
            continue;
          g_test_message ("line %u: %s", i + 1, endpoint);
          g_assert_true (g_hash_table_contains (accounts_headings, endpoint));
          g_assert_nonnull (strstr (lines[i], "accounts-api.md"));
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  create_fixture ();

  g_test_add_func ("/http/session/login", test_login);
  g_test_add_func ("/http/session/logout", test_logout);
  g_test_add_func ("/http/policy/cross-organisation-write-is-403", test_cross_organisation_write);
  g_test_add_func ("/http/policy/other-organisation-reads-pseudonym", test_pseudonymous_read);
  g_test_add_func ("/http/policy/full-read-writes-audit-row", test_audit_after_full_read);
  g_test_add_func ("/http/policy/referred-account-manager-reads-full", test_referred_account_manager_reads_full);
  g_test_add_func ("/http/policy/analyst-gets-403-on-clients", test_analyst_sees_no_records);
  g_test_add_func ("/http/write/stale-is-412", test_stale_write);
  g_test_add_func ("/http/write/no-if-match-is-428", test_if_match_required);
  g_test_add_func ("/http/write/field-errors-are-400", test_field_errors);
  g_test_add_func ("/http/write/duplicate-is-409", test_duplicate);
  g_test_add_func ("/http/write/created-has-location-and-etag", test_created_location);
  g_test_add_func ("/http/write/too-large-is-413", test_too_large);
  g_test_add_func ("/http/write/sql-injection-is-text", test_sql_injection_is_text);
  g_test_add_func ("/http/list/paging-filter-sort", test_list_paging_filter_sort);
  g_test_add_func ("/http/list/all-pages", test_list_all);
  g_test_add_func ("/http/list/from-a-worker-thread", test_list_from_a_thread);
  g_test_add_func ("/http/nested/events", test_events);
  g_test_add_func ("/http/nested/event-corrections", test_event_corrections);
  g_test_add_func ("/http/nested/diagnosis-signal", test_diagnosis_signal);
  g_test_add_func ("/http/occupations/search-and-competences", test_occupation_search);
  g_test_add_func ("/http/vacancies/employer-and-place", test_vacancy_place);
  g_test_add_func ("/http/matches/workflow", test_match_workflow);
  g_test_add_func ("/http/client/failures", test_client_failures);
  g_test_add_func ("/http/client/token-property", test_client_token_property);
  g_test_add_func ("/http/docs/every-endpoint-answers", test_documented_endpoints_exist);
  g_test_add_func ("/http/docs/writes-succeed-and-references-link", test_documented_writes_and_references);

  status = g_test_run ();

  wb_test_server_stop (fx.server);
  wb_test_remove_dir (fx.dir);
  g_free (fx.dir);
  g_free (fx.db);
  return status;
}
