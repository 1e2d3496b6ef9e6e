/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The HTTP API of the central layer, against a real werkbrug-server on a loopback port,
 * through the client library the desktop application uses. */

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "wb-api-client.h"
#include "wb-import.h"
#include "wb-password.h"
#include "wb-store.h"
#include "wb-test-server.h"
#include "wb-test-util.h"

#define PASSWORD "correct horse battery"

static struct {
  char *dir;
  char *db;
  WbTestServer *server;
  gint64 org_a, org_b, org_wsp;
  gint64 heerlen, maastricht;
  gint64 client_a1, client_a2, client_b1;
  gint64 employer;
  gint64 competence;
  gint64 wsp_am;
} fx;

static gint64
insert (WbStore     *store,
        WbResource   resource,
        const char  *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (json, &error);
  gint64 id;

  g_assert_no_error (error);
  id = wb_store_insert (store, resource, json_node_get_object (node), &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
add_user (WbStore    *store,
          gint64      org,
          const char *username,
          const char *role,
          const char *hash)
{
  g_autoptr(GError) error = NULL;
  gint64 id = wb_store_add_user (store, org, username, username, role, hash, &error);

  g_assert_no_error (error);
  return id;
}

static void
create_fixture (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbStore) store = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *json = NULL;

  fx.dir = wb_test_make_dir ();
  fx.db = g_build_filename (fx.dir, "http.db", NULL);
  store = wb_store_open (fx.db, &error);
  g_assert_no_error (error);
  g_assert_true (wb_starter_taxonomy_load (store, &error));
  g_assert_no_error (error);

  fx.heerlen = insert (store, WB_RESOURCE_MUNICIPALITIES, "{\"code\":\"GM0917\",\"name\":\"Heerlen\",\"region\":\"Parkstad\"}");
  fx.maastricht = insert (store, WB_RESOURCE_MUNICIPALITIES, "{\"code\":\"GM0935\",\"name\":\"Maastricht\",\"region\":\"Maastricht-Heuvelland\"}");
  fx.org_a = insert (store, WB_RESOURCE_ORGANISATIONS, "{\"code\":\"isd-a\",\"name\":\"ISD A\",\"kind\":\"social_service\",\"region\":\"Parkstad\"}");
  fx.org_b = insert (store, WB_RESOURCE_ORGANISATIONS, "{\"code\":\"isd-b\",\"name\":\"ISD B\",\"kind\":\"social_service\",\"region\":\"Maastricht-Heuvelland\"}");
  fx.org_wsp = insert (store, WB_RESOURCE_ORGANISATIONS, "{\"code\":\"wsp\",\"name\":\"WSP\",\"kind\":\"wsp\",\"region\":\"Parkstad\"}");

  /* Argon2id is slow on purpose: one hash serves every test user. */
  hash = wb_password_hash (PASSWORD, &error);
  g_assert_no_error (error);
  add_user (store, fx.org_a, "a.consultant", "consultant", hash);
  add_user (store, fx.org_a, "a.coordinator", "coordinator", hash);
  add_user (store, fx.org_a, "a.analyst", "analyst", hash);
  add_user (store, fx.org_b, "b.consultant", "consultant", hash);
  add_user (store, fx.org_b, "b.lam", "account_manager_local", hash);
  fx.wsp_am = add_user (store, fx.org_wsp, "wsp.am", "account_manager_wsp", hash);
  add_user (store, fx.org_wsp, "admin", "admin", hash);

  json = g_strdup_printf ("{\"organisation_id\":%" G_GINT64_FORMAT ",\"municipality_id\":%" G_GINT64_FORMAT ","
                          "\"given_name\":\"Anna\",\"family_name\":\"Janssen\",\"bsn\":\"111222333\",\"pc4\":\"6411\","
                          "\"birth_year\":1980,\"client_group\":\"participatiewet\",\"phase\":\"intake\","
                          "\"work_capacity\":85,\"health_notes\":\"rugklachten\",\"street\":\"Akerstraat\"}",
                          fx.org_a, fx.heerlen);
  fx.client_a1 = insert (store, WB_RESOURCE_CLIENTS, json);
  g_free (json);
  json = g_strdup_printf ("{\"organisation_id\":%" G_GINT64_FORMAT ",\"municipality_id\":%" G_GINT64_FORMAT ","
                          "\"given_name\":\"Bram\",\"family_name\":\"Peters\",\"bsn\":\"123456782\",\"pc4\":\"6412\","
                          "\"birth_year\":1995,\"client_group\":\"ww\",\"phase\":\"work_ready\","
                          "\"wsp_account_manager_id\":%" G_GINT64_FORMAT "}",
                          fx.org_a, fx.heerlen, fx.wsp_am);
  fx.client_a2 = insert (store, WB_RESOURCE_CLIENTS, json);
  g_free (json);
  json = g_strdup_printf ("{\"organisation_id\":%" G_GINT64_FORMAT ",\"municipality_id\":%" G_GINT64_FORMAT ","
                          "\"given_name\":\"Chantal\",\"family_name\":\"Smeets\",\"bsn\":\"100000009\",\"pc4\":\"6211\","
                          "\"birth_year\":1970,\"client_group\":\"wajong\",\"phase\":\"development\"}",
                          fx.org_b, fx.maastricht);
  fx.client_b1 = insert (store, WB_RESOURCE_CLIENTS, json);
  g_free (json);
  json = g_strdup_printf ("{\"kvk\":\"12345678\",\"name\":\"Parkstad Logistiek B.V.\",\"sector\":\"logistics\","
                          "\"employee_count\":40,\"pc4\":\"6422\",\"municipality_id\":%" G_GINT64_FORMAT ","
                          "\"owner_id\":%" G_GINT64_FORMAT ",\"active\":true}", fx.heerlen, fx.wsp_am);
  fx.employer = insert (store, WB_RESOURCE_EMPLOYERS, json);
  g_clear_object (&store);

  fx.server = wb_test_server_start (fx.db);
}

/* Synchronous wrappers over the asynchronous client, for tests only. */

static WbApiClient *
login (const char *username)
{
  g_autoptr(WbApiClient) client = wb_api_client_new (fx.server->url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbRecord) user = NULL;

  wb_api_client_login_async (client, username, PASSWORD, NULL, wb_test_store_result, &result);
  wb_test_wait (&result);
  user = wb_api_client_login_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wb_record_get_string (user, "username"), ==, username);
  g_assert_nonnull (wb_api_client_get_token (client));
  return g_steal_pointer (&client);
}

static WbRecord *
get (WbApiClient  *client,
     WbResource    resource,
     gint64        id,
     GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  wb_api_client_get_async (client, resource, id, NULL, NULL, wb_test_store_result, &result);
  wb_test_wait (&result);
  return wb_api_client_get_finish (client, result, error);
}

static WbRecord *
create (WbApiClient  *client,
        WbResource    resource,
        gint64        parent_id,
        const char   *json,
        GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  g_assert_nonnull (node);
  wb_api_client_create_async (client, resource, parent_id, json_node_get_object (node), NULL,
                              wb_test_store_result, &result);
  wb_test_wait (&result);
  return wb_api_client_create_finish (client, result, error);
}

static WbRecord *
update (WbApiClient  *client,
        WbResource    resource,
        gint64        id,
        const char   *etag,
        const char   *json,
        GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  g_assert_nonnull (node);
  wb_api_client_update_async (client, resource, id, etag, json_node_get_object (node), NULL,
                              wb_test_store_result, &result);
  wb_test_wait (&result);
  return wb_api_client_update_finish (client, result, error);
}

static GListModel *
list (WbApiClient       *client,
      WbResource         resource,
      gint64             parent_id,
      const WbApiQuery  *query,
      guint             *total,
      GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  wb_api_client_list_async (client, resource, parent_id, query, NULL, wb_test_store_result, &result);
  wb_test_wait (&result);
  return wb_api_client_list_finish (client, result, total, error);
}

static guint
count_audit_reads (gint64 client_id)
{
  g_autoptr(WbApiClient) coordinator = login ("a.coordinator");
  g_autoptr(GHashTable) filters = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, client_id);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) rows = NULL;
  WbApiQuery query = { .filters = filters, .per_page = 1000 };
  guint total = 0;

  g_hash_table_insert (filters, (gpointer) "resource", (gpointer) "clients");
  g_hash_table_insert (filters, (gpointer) "resource_id", id);
  g_hash_table_insert (filters, (gpointer) "action", (gpointer) "read");
  rows = list (coordinator, WB_RESOURCE_AUDIT, 0, &query, &total, &error);
  g_assert_no_error (error);
  return total;
}

/* A raw request, for what the client library would never send. */
static guint
raw_request (const char  *method,
             const char  *path,
             const char  *token,
             const char  *content_type,
             GBytes      *body,
             char       **answer)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (fx.server->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;

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
  return soup_message_get_status (msg);
}

/* Tests */

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

  wb_api_client_me_async (client, NULL, wb_test_store_result, &me_result);
  wb_test_wait (&me_result);
  me = wb_api_client_me_finish (client, me_result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wb_record_get_string (me, "role"), ==, "consultant");
  g_assert_cmpint (wb_record_get_int (me, "organisation_id"), ==, fx.org_a);
  g_assert_false (wb_record_has_field (me, "password_hash"));

  /* A wrong password */
  wb_api_client_login_async (stranger, "a.consultant", "wrong password!", NULL, wb_test_store_result, &result);
  wb_test_wait (&result);
  nobody = wb_api_client_login_finish (stranger, result, &error);
  g_assert_null (nobody);
  g_assert_error (error, WB_API_ERROR, 401);
  g_assert_nonnull (wb_api_error_get_problem (error));
  g_assert_null (wb_api_client_get_token (stranger));
  g_clear_error (&error);

  /* No token at all, and a token that was never issued */
  nobody = get (stranger, WB_RESOURCE_CLIENTS, fx.client_a1, &error);
  g_assert_error (error, WB_API_ERROR, 401);
  g_clear_error (&error);
  wb_api_client_set_token (stranger, "0000000000000000000000000000000000000000000000000000000000000000");
  nobody = get (stranger, WB_RESOURCE_CLIENTS, fx.client_a1, &error);
  g_assert_error (error, WB_API_ERROR, 401);
}

static void
test_logout (void)
{
  g_autoptr(WbApiClient) client = login ("b.lam");
  g_autofree char *token = g_strdup (wb_api_client_get_token (client));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbRecord) record = NULL;

  wb_api_client_logout_async (client, NULL, wb_test_store_result, &result);
  wb_test_wait (&result);
  g_assert_true (wb_api_client_logout_finish (client, result, &error));
  g_assert_no_error (error);

  /* The old token is gone on the server too. */
  wb_api_client_set_token (client, token);
  record = get (client, WB_RESOURCE_CLIENTS, fx.client_b1, &error);
  g_assert_null (record);
  g_assert_error (error, WB_API_ERROR, 401);
}

static void
test_cross_organisation_write (void)
{
  g_autoptr(WbApiClient) b = login ("b.consultant");
  g_autoptr(WbApiClient) a = login ("a.consultant");
  g_autoptr(WbRecord) before = get (a, WB_RESOURCE_CLIENTS, fx.client_a1, NULL);
  g_autoptr(WbRecord) after = NULL;
  g_autoptr(WbRecord) denied = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = wb_record_dup_etag (before);
  g_autofree char *json = NULL;

  denied = update (b, WB_RESOURCE_CLIENTS, fx.client_a1, etag, "{\"phase\":\"outflow\"}", &error);
  g_assert_null (denied);
  g_assert_error (error, WB_API_ERROR, 403);
  g_clear_error (&error);

  /* Nor may B register a client for A. */
  json = g_strdup_printf ("{\"organisation_id\":%" G_GINT64_FORMAT ",\"municipality_id\":%" G_GINT64_FORMAT ","
                          "\"given_name\":\"X\",\"family_name\":\"Y\",\"bsn\":\"222333443\",\"pc4\":\"6411\","
                          "\"birth_year\":1990,\"client_group\":\"ww\",\"phase\":\"intake\"}", fx.org_a, fx.heerlen);
  g_assert_true (wb_validate_bsn ("222333443"));
  denied = create (b, WB_RESOURCE_CLIENTS, 0, json, &error);
  g_assert_null (denied);
  g_assert_error (error, WB_API_ERROR, 403);

  after = get (a, WB_RESOURCE_CLIENTS, fx.client_a1, NULL);
  g_assert_cmpstr (wb_record_get_string (after, "phase"), ==, wb_record_get_string (before, "phase"));
  g_assert_cmpint (wb_record_get_version (after), ==, wb_record_get_version (before));
}

static void
test_pseudonymous_read (void)
{
  g_autoptr(WbApiClient) b = login ("b.consultant");
  g_autoptr(GError) error = NULL;
  g_autoptr(WbRecord) client = get (b, WB_RESOURCE_CLIENTS, fx.client_a1, &error);
  g_autofree char *pseudonym = g_strdup_printf ("K-%06" G_GINT64_FORMAT, fx.client_a1);
  g_autofree char *json = NULL;
  guint audit_before = count_audit_reads (fx.client_a1);

  g_assert_no_error (error);
  json = wb_record_to_json (client);
  g_assert_false (wb_record_has_field (client, "given_name"));
  g_assert_false (wb_record_has_field (client, "family_name"));
  g_assert_false (wb_record_has_field (client, "bsn"));
  g_assert_false (wb_record_has_field (client, "street"));
  g_assert_false (wb_record_has_field (client, "health_notes"));
  g_assert_false (wb_record_has_field (client, "work_capacity"));
  g_assert_null (strstr (json, "Janssen"));
  g_assert_null (strstr (json, "111222333"));
  g_assert_null (strstr (json, "rugklachten"));
  g_assert_cmpstr (wb_record_get_string (client, "pseudonym"), ==, pseudonym);
  g_assert_cmpstr (wb_record_get_string (client, "capacity_band"), ==, "80-100");
  g_assert_cmpstr (wb_record_get_string (client, "pc4"), ==, "6411");
  g_assert_true (wb_record_get_boolean (client, "pseudonymous"));

  /* Nor does the list give the name away. */
  {
    g_autoptr(GListModel) rows = NULL;
    WbApiQuery query = { .q = "Janssen" };
    guint total = 99;

    rows = list (b, WB_RESOURCE_CLIENTS, 0, &query, &total, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
      {
        g_autoptr(WbRecord) row = g_list_model_get_item (rows, i);
        g_assert_false (wb_record_has_field (row, "family_name"));
      }
  }

  /* A pseudonymous read is no read of a full record: no audit row. */
  g_assert_cmpuint (count_audit_reads (fx.client_a1), ==, audit_before);
}

static void
test_audit_after_full_read (void)
{
  g_autoptr(WbApiClient) a = login ("a.consultant");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbRecord) client = NULL;
  guint before = count_audit_reads (fx.client_a1);

  wb_api_client_get_async (a, WB_RESOURCE_CLIENTS, fx.client_a1, "preparing a placement", NULL,
                           wb_test_store_result, &result);
  wb_test_wait (&result);
  client = wb_api_client_get_finish (a, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wb_record_get_string (client, "family_name"), ==, "Janssen");
  g_assert_cmpstr (wb_record_get_string (client, "bsn"), ==, "111222333");
  g_assert_cmpuint (count_audit_reads (fx.client_a1), ==, before + 1);

  /* The row says who and why. */
  {
    g_autoptr(WbApiClient) coordinator = login ("a.coordinator");
    g_autoptr(GHashTable) filters = g_hash_table_new (g_str_hash, g_str_equal);
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, fx.client_a1);
    g_autoptr(GListModel) rows = NULL;
    g_autoptr(WbRecord) newest = NULL;
    WbApiQuery query = { .filters = filters, .sort = "-at" };

    g_hash_table_insert (filters, (gpointer) "resource_id", id);
    g_hash_table_insert (filters, (gpointer) "action", (gpointer) "read");
    rows = list (coordinator, WB_RESOURCE_AUDIT, 0, &query, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (rows), >=, 1);
    newest = g_list_model_get_item (rows, 0);
    g_assert_cmpstr (wb_record_get_string (newest, "reason"), ==, "preparing a placement");
    g_assert_cmpint (wb_record_get_int (newest, "organisation_id"), ==, fx.org_a);
  }
}

static void
test_referred_account_manager_reads_full (void)
{
  g_autoptr(WbApiClient) wsp = login ("wsp.am");
  g_autoptr(GError) error = NULL;
  g_autoptr(WbRecord) referred = get (wsp, WB_RESOURCE_CLIENTS, fx.client_a2, &error);
  g_autoptr(WbRecord) other = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (wb_record_get_string (referred, "family_name"), ==, "Peters");
  other = get (wsp, WB_RESOURCE_CLIENTS, fx.client_a1, &error);
  g_assert_no_error (error);
  g_assert_false (wb_record_has_field (other, "family_name"));
}

static void
test_stale_write (void)
{
  g_autoptr(WbApiClient) a = login ("a.consultant");
  g_autoptr(GError) error = NULL;
  g_autoptr(WbRecord) read = get (a, WB_RESOURCE_CLIENTS, fx.client_a2, &error);
  g_autofree char *etag = wb_record_dup_etag (read);
  g_autoptr(WbRecord) first = NULL;
  g_autoptr(WbRecord) second = NULL;
  g_autoptr(WbRecord) now = NULL;

  g_assert_no_error (error);
  first = update (a, WB_RESOURCE_CLIENTS, fx.client_a2, etag, "{\"hours_available\":24}", &error);
  g_assert_no_error (error);
  g_assert_cmpint (wb_record_get_version (first), ==, wb_record_get_version (read) + 1);

  /* A second writer who read the same version is refused and changes nothing. */
  second = update (a, WB_RESOURCE_CLIENTS, fx.client_a2, etag, "{\"hours_available\":8}", &error);
  g_assert_null (second);
  g_assert_error (error, WB_API_ERROR, 412);
  now = get (a, WB_RESOURCE_CLIENTS, fx.client_a2, NULL);
  g_assert_cmpint (wb_record_get_int (now, "hours_available"), ==, 24);
  g_assert_cmpint (wb_record_get_version (now), ==, wb_record_get_version (first));
}

static void
test_if_match_required (void)
{
  g_autoptr(WbApiClient) a = login ("a.consultant");
  g_autoptr(GError) error = NULL;
  g_autoptr(WbRecord) record = update (a, WB_RESOURCE_CLIENTS, fx.client_a2, NULL, "{\"hours_available\":12}", &error);

  g_assert_null (record);
  g_assert_error (error, WB_API_ERROR, 428);
}

static void
test_field_errors (void)
{
  g_autoptr(WbApiClient) a = login ("a.consultant");
  g_autoptr(GError) error = NULL;
  g_autoptr(WbRecord) record = NULL;
  g_autofree char *json = NULL;
  g_autofree char *answer = NULL;
  g_autoptr(GBytes) broken = g_bytes_new_static ("{\"given_name\": ", 15);
  WbProblem *problem;
  gint64 clients_before = 0;

  {
    guint total = 0;
    g_autoptr(GListModel) rows = list (a, WB_RESOURCE_CLIENTS, 0, NULL, &total, NULL);

    clients_before = total;
  }

  json = g_strdup_printf ("{\"organisation_id\":%" G_GINT64_FORMAT ",\"municipality_id\":999,"
                          "\"given_name\":\"Dirk\",\"family_name\":\"Dassen\",\"bsn\":\"123456789\",\"pc4\":\"641\","
                          "\"birth_year\":\"1980\",\"client_group\":\"pensioen\",\"phase\":\"intake\",\"shoe_size\":44}",
                          fx.org_a);
  record = create (a, WB_RESOURCE_CLIENTS, 0, json, &error);
  g_assert_null (record);
  g_assert_error (error, WB_API_ERROR, 400);
  problem = wb_api_error_get_problem (error);
  g_assert_nonnull (problem);
  g_assert_cmpuint (problem->status, ==, 400);
  g_assert_nonnull (wb_problem_get_error (problem, "bsn"));
  g_assert_nonnull (wb_problem_get_error (problem, "pc4"));
  g_assert_nonnull (wb_problem_get_error (problem, "birth_year"));
  g_assert_nonnull (wb_problem_get_error (problem, "client_group"));
  g_assert_nonnull (wb_problem_get_error (problem, "shoe_size"));
  g_assert_null (wb_problem_get_error (problem, "given_name"));
  g_clear_error (&error);

  /* A reference to nothing is a field error too. */
  g_free (json);
  json = g_strdup_printf ("{\"organisation_id\":%" G_GINT64_FORMAT ",\"municipality_id\":999,"
                          "\"given_name\":\"Dirk\",\"family_name\":\"Dassen\",\"bsn\":\"333444553\",\"pc4\":\"6411\","
                          "\"birth_year\":1980,\"client_group\":\"ww\",\"phase\":\"intake\"}", fx.org_a);
  g_assert_true (wb_validate_bsn ("333444553"));
  record = create (a, WB_RESOURCE_CLIENTS, 0, json, &error);
  g_assert_error (error, WB_API_ERROR, 400);
  g_assert_nonnull (wb_problem_get_error (wb_api_error_get_problem (error), "municipality_id"));
  g_clear_error (&error);

  /* Malformed JSON */
  g_assert_cmpuint (raw_request ("POST", "api/v1/clients", wb_api_client_get_token (a), "application/json", broken, &answer), ==, 400);
  g_assert_nonnull (strstr (answer, "\"status\":400"));

  /* Nothing was written. */
  {
    guint total = 0;
    g_autoptr(GListModel) rows = list (a, WB_RESOURCE_CLIENTS, 0, NULL, &total, NULL);
    g_assert_cmpint (total, ==, clients_before);
  }
}

static void
test_duplicate (void)
{
  g_autoptr(WbApiClient) a = login ("a.consultant");
  g_autoptr(GError) error = NULL;
  g_autoptr(WbRecord) record = NULL;
  g_autofree char *json = g_strdup_printf ("{\"organisation_id\":%" G_GINT64_FORMAT ",\"municipality_id\":%" G_GINT64_FORMAT ","
                                           "\"given_name\":\"Anna\",\"family_name\":\"Dubbel\",\"bsn\":\"111222333\","
                                           "\"pc4\":\"6411\",\"birth_year\":1980,\"client_group\":\"ww\",\"phase\":\"intake\"}",
                                           fx.org_a, fx.heerlen);

  record = create (a, WB_RESOURCE_CLIENTS, 0, json, &error);
  g_assert_null (record);
  g_assert_error (error, WB_API_ERROR, 409);
}

static void
test_too_large (void)
{
  g_autoptr(WbApiClient) a = login ("a.consultant");
  gsize size = 2 * 1024 * 1024;
  char *data = g_malloc (size);
  g_autoptr(GBytes) body = NULL;
  g_autofree char *answer = NULL;

  memset (data, ' ', size);
  data[0] = '{';
  data[size - 1] = '}';
  body = g_bytes_new_take (data, size);
  g_assert_cmpuint (raw_request ("POST", "api/v1/clients", wb_api_client_get_token (a), "application/json", body, &answer), ==, 413);
  g_assert_nonnull (strstr (answer, "\"status\":413"));
}

static void
test_sql_injection_is_text (void)
{
  static const char *evil = "Robert'); DROP TABLE clients;--";
  g_autoptr(WbApiClient) a = login ("a.consultant");
  g_autoptr(GError) error = NULL;
  g_autoptr(WbRecord) created = NULL;
  g_autoptr(WbRecord) read = NULL;
  g_autoptr(GListModel) found = NULL;
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(GAsyncResult) result = NULL;
  WbApiQuery query = { .q = evil };
  guint total = 0;

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
  wb_api_client_create_async (a, WB_RESOURCE_CLIENTS, 0, object, NULL, wb_test_store_result, &result);
  wb_test_wait (&result);
  created = wb_api_client_create_finish (a, result, &error);
  g_assert_no_error (error);

  read = get (a, WB_RESOURCE_CLIENTS, wb_record_get_id (created), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wb_record_get_string (read, "family_name"), ==, evil);

  found = list (a, WB_RESOURCE_CLIENTS, 0, &query, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 1);

  /* LIKE wildcards are text too. */
  query.q = "%";
  g_clear_object (&found);
  found = list (a, WB_RESOURCE_CLIENTS, 0, &query, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 0);
}

static void
test_list_paging_filter_sort (void)
{
  g_autoptr(WbApiClient) b = login ("b.consultant");
  g_autoptr(GHashTable) filters = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *heerlen = g_strdup_printf ("%" G_GINT64_FORMAT, fx.heerlen);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GListModel) page = NULL;
  g_autoptr(GListModel) filtered = NULL;
  g_autoptr(GListModel) sorted = NULL;
  WbApiQuery query = { 0 };
  guint total = 0, total_all = 0;

  all = list (b, WB_RESOURCE_CLIENTS, 0, NULL, &total_all, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total_all, ==, g_list_model_get_n_items (all));
  g_assert_cmpuint (total_all, >=, 4);

  query.per_page = 2;
  query.page = 2;
  page = list (b, WB_RESOURCE_CLIENTS, 0, &query, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, total_all);
  g_assert_cmpuint (g_list_model_get_n_items (page), ==, MIN (2, total_all - 2));

  g_hash_table_insert (filters, (gpointer) "municipality_id", heerlen);
  query = (WbApiQuery) { .filters = filters };
  filtered = list (b, WB_RESOURCE_CLIENTS, 0, &query, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, total_all - 1);

  /* Birth years are shown to the own organisation only: sort as organisation A. */
  {
    g_autoptr(WbApiClient) a = login ("a.consultant");
    g_autoptr(GHashTable) own = g_hash_table_new (g_str_hash, g_str_equal);
    g_autofree char *org = g_strdup_printf ("%" G_GINT64_FORMAT, fx.org_a);

    g_hash_table_insert (own, (gpointer) "organisation_id", org);
    query = (WbApiQuery) { .sort = "-birth_year", .filters = own };
    sorted = list (a, WB_RESOURCE_CLIENTS, 0, &query, &total, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (sorted), >=, 2);
    for (guint i = 1; i < g_list_model_get_n_items (sorted); i++)
      {
        g_autoptr(WbRecord) prev = g_list_model_get_item (sorted, i - 1);
        g_autoptr(WbRecord) next = g_list_model_get_item (sorted, i);

        g_assert_cmpint (wb_record_get_int (prev, "birth_year"), >=, wb_record_get_int (next, "birth_year"));
      }
  }

  /* Sorting or filtering on what a list does not offer is a 400. */
  query = (WbApiQuery) { .sort = "bsn" };
  g_clear_object (&sorted);
  sorted = list (b, WB_RESOURCE_CLIENTS, 0, &query, &total, &error);
  g_assert_null (sorted);
  g_assert_error (error, WB_API_ERROR, 400);
}

static void
test_analyst_sees_no_records (void)
{
  g_autoptr(WbApiClient) analyst = login ("a.analyst");
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) rows = list (analyst, WB_RESOURCE_CLIENTS, 0, NULL, NULL, &error);
  g_autoptr(WbRecord) client = NULL;
  g_autoptr(GListModel) targets = NULL;

  g_assert_null (rows);
  g_assert_error (error, WB_API_ERROR, 403);
  g_clear_error (&error);
  client = get (analyst, WB_RESOURCE_CLIENTS, fx.client_a1, &error);
  g_assert_error (error, WB_API_ERROR, 403);
  g_clear_error (&error);
  targets = list (analyst, WB_RESOURCE_TARGETS, 0, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
test_events (void)
{
  g_autoptr(WbApiClient) a = login ("a.consultant");
  g_autoptr(WbApiClient) b = login ("b.consultant");
  g_autoptr(GError) error = NULL;
  g_autoptr(WbRecord) event = NULL;
  g_autoptr(WbRecord) client = NULL;
  g_autoptr(GListModel) events = NULL;
  guint total = 0;

  event = create (a, WB_RESOURCE_EVENTS, fx.client_a1,
                  "{\"kind\":\"track_start\",\"date\":\"2026-11-02\",\"instrument\":\"language_training\"}", &error);
  g_assert_no_error (error);
  g_assert_cmpint (wb_record_get_int (event, "client_id"), ==, fx.client_a1);
  g_assert_cmpint (wb_record_get_int (event, "organisation_id"), ==, fx.org_a);

  events = list (a, WB_RESOURCE_EVENTS, fx.client_a1, NULL, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 1);
  client = get (a, WB_RESOURCE_CLIENTS, fx.client_a1, NULL);
  g_assert_cmpstr (wb_record_get_string (client, "last_activity"), ==, "2026-11-02");

  /* Another organisation neither reads nor writes this client's timeline. */
  g_clear_object (&events);
  events = list (b, WB_RESOURCE_EVENTS, fx.client_a1, NULL, &total, &error);
  g_assert_error (error, WB_API_ERROR, 403);
  g_clear_error (&error);
  g_clear_object (&event);
  event = create (b, WB_RESOURCE_EVENTS, fx.client_a1, "{\"kind\":\"note\",\"date\":\"2026-11-02\"}", &error);
  g_assert_error (error, WB_API_ERROR, 403);
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
  vacancy = create (wsp, WB_RESOURCE_VACANCIES, 0, json, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wb_record_get_string (vacancy, "status"), ==, "open");

  g_free (json);
  json = g_strdup_printf ("{\"vacancy_id\":%" G_GINT64_FORMAT ",\"client_id\":%" G_GINT64_FORMAT "}",
                          wb_record_get_id (vacancy), fx.client_a2);
  match = create (wsp, WB_RESOURCE_MATCHES, 0, json, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wb_record_get_string (match, "state"), ==, "suggested");

  /* Straight from suggested to placed skips the employer: refused with a reason. */
  etag = wb_record_dup_etag (match);
  step = update (wsp, WB_RESOURCE_MATCHES, wb_record_get_id (match), etag, "{\"state\":\"placed\"}", &error);
  g_assert_null (step);
  g_assert_error (error, WB_API_ERROR, 409);
  g_assert_nonnull (wb_api_error_get_problem (error)->detail);
  g_clear_error (&error);

  step = update (wsp, WB_RESOURCE_MATCHES, wb_record_get_id (match), etag, "{\"state\":\"proposed\"}", &error);
  g_assert_no_error (error);
  g_free (etag);
  etag = wb_record_dup_etag (step);
  g_clear_object (&step);
  step = update (wsp, WB_RESOURCE_MATCHES, wb_record_get_id (match), etag, "{\"state\":\"placed\"}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wb_record_get_string (step, "state"), ==, "placed");

  /* The placement is in the client's timeline, read by the owning organisation. */
  {
    g_autoptr(WbApiClient) a = login ("a.consultant");
    g_autoptr(GHashTable) filters = g_hash_table_new (g_str_hash, g_str_equal);
    WbApiQuery query = { .filters = filters };
    g_autoptr(WbRecord) placement = NULL;

    g_hash_table_insert (filters, (gpointer) "kind", (gpointer) "placement");
    events = list (a, WB_RESOURCE_EVENTS, fx.client_a2, &query, &total, &error);
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
  step = update (wsp, WB_RESOURCE_MATCHES, wb_record_get_id (match), etag, "{\"state\":\"interview\"}", &error);
  g_assert_error (error, WB_API_ERROR, 409);
}

/* Every endpoint docs/api.md names answers, so the documentation cannot drift away. */
static void
test_documented_endpoints_exist (void)
{
  g_autoptr(WbApiClient) admin = login ("admin");
  g_autofree char *path = g_build_filename (g_getenv ("WB_SOURCE_DIR"), "docs", "api.md", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  guint checked = 0;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = NULL;
      g_autofree char *route = NULL;
      g_autofree char *answer = NULL;
      g_autoptr(GRegex) id = g_regex_new ("\\{[a-z_]*id\\}", 0, 0, NULL);
      guint status;

      if (!g_str_has_prefix (lines[i], "### "))
        continue;
      words = g_strsplit (lines[i] + 4, " ", 2);
      if (g_strv_length (words) != 2 || !g_str_has_prefix (words[1], "/api/v1/"))
        continue;
      route = g_regex_replace_literal (id, words[1] + 1, -1, 0, "1", 0, NULL);
      {
        g_auto(GStrv) parts = g_strsplit (route, "{region}", -1);
        g_free (route);
        route = g_strjoinv ("Parkstad", parts);
      }
      {
        g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);
        status = raw_request (words[0], route, wb_api_client_get_token (admin), "application/json", body, &answer);
      }
      if (status == 404 && strstr (answer, "no such resource") != NULL)
        g_error ("%s %s is documented but not served", words[0], words[1]);
      g_assert_cmpuint (status, !=, 405);
      checked++;
    }
  g_assert_cmpuint (checked, >=, 20);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  create_fixture ();

  g_test_add_func ("/http/login", test_login);
  g_test_add_func ("/http/logout", test_logout);
  g_test_add_func ("/http/policy/cross-organisation-write-is-403", test_cross_organisation_write);
  g_test_add_func ("/http/policy/other-organisation-reads-pseudonym", test_pseudonymous_read);
  g_test_add_func ("/http/policy/full-read-writes-audit-row", test_audit_after_full_read);
  g_test_add_func ("/http/policy/referred-account-manager-reads-full", test_referred_account_manager_reads_full);
  g_test_add_func ("/http/policy/analyst-sees-no-records", test_analyst_sees_no_records);
  g_test_add_func ("/http/write/stale-is-412", test_stale_write);
  g_test_add_func ("/http/write/no-if-match-is-428", test_if_match_required);
  g_test_add_func ("/http/write/field-errors-are-400", test_field_errors);
  g_test_add_func ("/http/write/duplicate-is-409", test_duplicate);
  g_test_add_func ("/http/write/too-large-is-413", test_too_large);
  g_test_add_func ("/http/write/sql-injection-is-text", test_sql_injection_is_text);
  g_test_add_func ("/http/list/paging-filter-sort", test_list_paging_filter_sort);
  g_test_add_func ("/http/events/nested", test_events);
  g_test_add_func ("/http/matches/workflow", test_match_workflow);
  g_test_add_func ("/http/docs/every-endpoint-answers", test_documented_endpoints_exist);

  status = g_test_run ();

  wb_test_server_stop (fx.server);
  wb_test_remove_dir (fx.dir);
  g_free (fx.dir);
  g_free (fx.db);
  return status;
}
