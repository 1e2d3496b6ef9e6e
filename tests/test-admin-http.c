/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "test-admin-http"

#include "config.h"

#include <string.h>

#include "wb-api-client.h"
#include "wb-demo.h"
#include "wb-store.h"
#include "wb-store-private.h"
#include "wb-test-api.h"
#include "wb-test-server.h"
#include "wb-test-util.h"

/* Administering users over HTTP against a real werkbrug-server: a password reset to a
 * one-time password, choosing one's own password, and someone leaving. */

static struct {
  char *dir;
  char *db;
  WbTestServer *server;
} fx;

static WbApiClient *
login (const char *username,
       const char *password,
       WbRecord  **me)
{
  return wb_test_api_login (fx.server->url, username, password, me);
}

/* A sign-in that may fail: its error, or NULL with @me set. */
static GError *
try_login (const char *username,
           const char *password,
           WbRecord  **me)
{
  g_autoptr(WbApiClient) client = wb_api_client_new (fx.server->url);
  g_autoptr(GAsyncResult) result = NULL;
  GError *error = NULL;
  WbRecord *user;

  wb_api_client_login_async (client, username, password, NULL, wb_test_store_result, &result);
  wb_test_wait (&result);
  user = wb_api_client_login_finish (client, result, &error);
  if (me != NULL)
    *me = user;
  else
    g_clear_object (&user);
  return error;
}

static gint64
user_id (WbApiClient *admin,
         const char  *username)
{
  g_autoptr(GHashTable) filters = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  WbApiQuery query = { .filters = filters, .per_page = 1000 };
  g_autoptr(GListModel) users = NULL;
  g_autoptr(GError) error = NULL;

  users = wb_test_api_list (admin, WB_RESOURCE_USERS, 0, &query, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (users); i++)
    {
      g_autoptr(WbRecord) user = g_list_model_get_item (users, i);

      if (g_strcmp0 (wb_record_get_string (user, "username"), username) == 0)
        return wb_record_get_id (user);
    }
  g_assert_not_reached ();
}

static void
test_password_reset (void)
{
  g_autoptr(WbApiClient) admin = login ("admin", WB_DEMO_PASSWORD, NULL);
  g_autoptr(WbApiClient) before = login ("szmh.consultant1", WB_DEMO_PASSWORD, NULL);
  g_autoptr(WbApiClient) user = NULL;
  g_autoptr(WbRecord) me = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(JsonNode) changed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) refused = NULL;
  g_autofree char *path = NULL;
  g_autofree char *one_time = NULL;
  g_autoptr(GRegex) shape = g_regex_new ("^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$", 0, 0, NULL);
  gint64 id = user_id (admin, "szmh.consultant1");

  path = g_strdup_printf ("api/v1/users/%" G_GINT64_FORMAT "/password-reset", id);

  /* Only who may change the user resets their password. */
  answer = wb_test_api_request (before, "POST", path, NULL, NULL, &refused);
  g_assert_error (refused, WB_API_ERROR, 403);
  g_clear_error (&refused);

  answer = wb_test_api_request (admin, "POST", path, NULL, NULL, &error);
  g_assert_no_error (error);
  one_time = g_strdup (json_object_get_string_member (json_node_get_object (answer), "one_time_password"));
  g_assert_true (g_regex_match (shape, one_time, 0, NULL));

  /* The old password and the user's sessions end. */
  refused = try_login ("szmh.consultant1", WB_DEMO_PASSWORD, NULL);
  g_assert_error (refused, WB_API_ERROR, 401);
  g_clear_error (&refused);
  g_clear_pointer (&changed, json_node_unref);
  changed = wb_test_api_request (before, "GET", "api/v1/me", NULL, NULL, &refused);
  g_assert_error (refused, WB_API_ERROR, 401);
  g_clear_error (&refused);

  /* The one-time password works once, and says the user chooses their own now. */
  user = login ("szmh.consultant1", one_time, &me);
  g_assert_true (json_object_get_boolean_member_with_default (wb_record_get_object (me), "password_must_change", FALSE));
  refused = try_login ("szmh.consultant1", one_time, NULL);
  g_assert_error (refused, WB_API_ERROR, 401);
  g_clear_error (&refused);

  /* Too short is refused at its field; a good one needs no current password now. */
  changed = wb_test_api_request (user, "POST", "api/v1/me/password", "{\"new_password\":\"short\"}", NULL, &refused);
  g_assert_error (refused, WB_API_ERROR, 400);
  g_assert_cmpstr (((WbFieldError *) wb_api_error_get_problem (refused)->errors->pdata[0])->field, ==, "new_password");
  g_clear_error (&refused);
  changed = wb_test_api_request (user, "POST", "api/v1/me/password", "{\"new_password\":\"a new long password\"}",
                                 NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&me);
  g_assert_null (try_login ("szmh.consultant1", "a new long password", &me));
  g_assert_false (json_object_has_member (wb_record_get_object (me), "password_must_change"));

  /* From now on the current password is asked, and checked. */
  changed = wb_test_api_request (user, "POST", "api/v1/me/password",
                                 "{\"current_password\":\"not it at all\",\"new_password\":\"" WB_DEMO_PASSWORD "-2\"}",
                                 NULL, &refused);
  g_assert_error (refused, WB_API_ERROR, 400);
  g_assert_cmpstr (((WbFieldError *) wb_api_error_get_problem (refused)->errors->pdata[0])->field, ==, "current_password");
  g_clear_error (&refused);
  changed = wb_test_api_request (user, "POST", "api/v1/me/password",
                                 "{\"current_password\":\"a new long password\",\"new_password\":\"" WB_DEMO_PASSWORD "\"}",
                                 NULL, &error);
  g_assert_no_error (error);
  g_assert_null (try_login ("szmh.consultant1", WB_DEMO_PASSWORD, NULL));
}

/* Someone leaves: deactivated, their session ends and their accounts go to the review queue. */
static void
test_deactivate (void)
{
  g_autoptr(WbApiClient) admin = login ("admin", WB_DEMO_PASSWORD, NULL);
  g_autoptr(GHashTable) filters = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  WbApiQuery query = { .filters = filters, .per_page = 1000 };
  g_autoptr(GListModel) employers = NULL;
  g_autoptr(WbRecord) owner = NULL;
  g_autoptr(WbApiClient) session = NULL;
  g_autoptr(WbApiClient) coordinator = NULL;
  g_autoptr(WbRecord) left = NULL;
  g_autoptr(JsonNode) reviews = NULL;
  g_autoptr(JsonNode) me = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *path = NULL;
  gint64 owner_id = 0, employer_id = 0;
  gboolean queued = FALSE;
  JsonArray *items;

  employers = wb_test_api_list (admin, WB_RESOURCE_EMPLOYERS, 0, &query, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (employers) && owner_id == 0; i++)
    {
      g_autoptr(WbRecord) employer = g_list_model_get_item (employers, i);
      g_autoptr(WbRecord) user = NULL;

      if (wb_record_get_int (employer, "owner_id") <= 0)
        continue;
      user = wb_test_api_get (admin, WB_RESOURCE_USERS, wb_record_get_int (employer, "owner_id"), NULL, &error);
      g_assert_no_error (error);
      if (wb_record_get_boolean (user, "active"))
        {
          owner_id = wb_record_get_id (user);
          employer_id = wb_record_get_id (employer);
          owner = g_steal_pointer (&user);
        }
    }
  g_assert_cmpint (owner_id, >, 0);
  session = login (wb_record_get_string (owner, "username"), WB_DEMO_PASSWORD, NULL);

  etag = wb_record_dup_etag (owner);
  left = wb_test_api_update_json (admin, WB_RESOURCE_USERS, owner_id, etag, "{\"active\":false}", &error);
  g_assert_no_error (error);
  g_assert_false (wb_record_get_boolean (left, "active"));

  me = wb_test_api_request (session, "GET", "api/v1/me", NULL, NULL, &error);
  g_assert_error (error, WB_API_ERROR, 401);
  g_clear_error (&error);

  path = g_strdup ("api/v1/reviews?kind=owner_left&per_page=1000");
  coordinator = login ("wsp-zuid-limburg.coordinator", WB_DEMO_PASSWORD, NULL);
  reviews = wb_test_api_request (coordinator, "GET", path, NULL, NULL, &error);
  g_assert_no_error (error);
  items = json_object_get_array_member (json_node_get_object (reviews), "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *review = json_array_get_object_element (items, i);

      if (json_object_get_int_member (json_object_get_object_member (review, "employer"), "id") == employer_id)
        queued = TRUE;
    }
  g_assert_true (queued);
}

/* The audit trail of one client, for their request to see who looked at their data; and
 * reading it is in the audit too. */
static void
test_audit_trail (void)
{
  g_autoptr(WbApiClient) admin = login ("admin", WB_DEMO_PASSWORD, NULL);
  g_autoptr(WbRecord) me = NULL;
  g_autoptr(WbApiClient) consultant = login ("szmh.consultant3", WB_DEMO_PASSWORD, &me);
  g_autoptr(WbApiClient) coordinator = login ("wsp-zuid-limburg.coordinator", WB_DEMO_PASSWORD, NULL);
  g_autoptr(GHashTable) filters = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  WbApiQuery query = { .filters = filters };
  g_autoptr(GListModel) clients = NULL;
  g_autoptr(WbRecord) first = NULL;
  g_autoptr(WbRecord) full = NULL;
  g_autoptr(JsonNode) trail = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(JsonNode) refused = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *other = NULL;
  JsonObject *row;
  gint64 client_id, total;

  g_hash_table_insert (filters, (gpointer) "organisation_id",
                       g_strdup_printf ("%" G_GINT64_FORMAT, wb_record_get_int (me, "organisation_id")));
  clients = wb_test_api_list (consultant, WB_RESOURCE_CLIENTS, 0, &query, NULL, &error);
  g_assert_no_error (error);
  first = g_list_model_get_item (clients, 0);
  client_id = wb_record_get_id (first);
  full = wb_test_api_get (consultant, WB_RESOURCE_CLIENTS, client_id, "checking an address", &error);
  g_assert_no_error (error);

  path = g_strdup_printf ("api/v1/audit/trail?client_id=%" G_GINT64_FORMAT, client_id);
  trail = wb_test_api_request (admin, "GET", path, NULL, NULL, &error);
  g_assert_no_error (error);
  total = json_object_get_int_member (json_node_get_object (trail), "total");
  g_assert_cmpint (total, >=, 1);
  row = json_array_get_object_element (json_object_get_array_member (json_node_get_object (trail), "items"), 0);
  g_assert_cmpstr (json_object_get_string_member (row, "action"), ==, "read");
  g_assert_cmpstr (json_object_get_string_member (row, "reason"), ==, "checking an address");
  g_assert_cmpstr (json_object_get_string_member (row, "username"), ==, "szmh.consultant3");
  g_assert_nonnull (json_object_get_string_member (row, "user_name"));
  g_assert_nonnull (json_object_get_string_member (row, "organisation"));

  /* The reading of the trail is the newest row of the client's trail now. */
  again = wb_test_api_request (admin, "GET", path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (again), "total"), ==, total + 1);
  row = json_array_get_object_element (json_object_get_array_member (json_node_get_object (again), "items"), 0);
  g_assert_cmpstr (json_object_get_string_member (row, "action"), ==, "audit_read");
  g_assert_cmpstr (json_object_get_string_member (row, "username"), ==, "admin");

  /* A consultant may not read it; a coordinator reads their own organisation's only. */
  refused = wb_test_api_request (consultant, "GET", path, NULL, NULL, &error);
  g_assert_error (error, WB_API_ERROR, 403);
  g_clear_error (&error);
  other = g_strdup_printf ("api/v1/audit/trail?organisation_id=%" G_GINT64_FORMAT, wb_record_get_int (me, "organisation_id"));
  refused = wb_test_api_request (coordinator, "GET", other, NULL, NULL, &error);
  g_assert_error (error, WB_API_ERROR, 403);
  g_clear_error (&error);
  refused = wb_test_api_request (coordinator, "GET", "api/v1/audit/trail?from=yesterday", NULL, NULL, &error);
  g_assert_error (error, WB_API_ERROR, 400);
}

/* The newest row of the audit log, read from the database itself (a read through the API
 * would be audited in its turn): "action|resource|resource_id|reason", by @username. */
static char *
newest_audit_row (const char *username)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbStore) store = wb_store_open_readonly (fx.db, &error);
  sqlite3_stmt *stmt;
  char *row = NULL;

  g_assert_no_error (error);
  stmt = _wb_store_prepare (store, "SELECT a.action, a.resource, a.resource_id, ifnull (a.reason, '') FROM audit_log a "
                                   "JOIN users u ON u.id = a.user_id WHERE u.username = ?1 ORDER BY a.id DESC LIMIT 1",
                            &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, username, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    row = g_strdup_printf ("%s|%s|%" G_GINT64_FORMAT "|%s", sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 1),
                           (gint64) sqlite3_column_int64 (stmt, 2), sqlite3_column_text (stmt, 3));
  sqlite3_reset (stmt);
  return row;
}

static JsonObject *
audit_page (WbApiClient *client,
            const char  *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = wb_test_api_request (client, "GET", path, NULL, NULL, &error);

  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (node));
}

static guint
count_action (JsonObject *page,
              const char *action)
{
  JsonArray *items = json_object_get_array_member (page, "items");
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (items); i++)
    n += g_strcmp0 (json_object_get_string_member (json_array_get_object_element (items, i), "action"), action) == 0;
  return n;
}

/* Reading the audit list is itself in the audit: one row per request, as audit_read, saying
 * which filters were asked with ids and words only (a value that could be a name is left out,
 * a search only said to be one); the answer does not hold its own reading. audit_reads=false
 * leaves those reads out, of the list and of the trail, so that a viewer's own reads are no
 * noise in what it shows. */
static void
test_audit_list_reading (void)
{
  g_autoptr(WbRecord) me = NULL;
  g_autoptr(WbApiClient) admin = login ("admin", WB_DEMO_PASSWORD, &me);
  g_autoptr(JsonObject) page = NULL;
  g_autoptr(JsonObject) entry = NULL;
  g_autoptr(JsonNode) refused = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *row = NULL;
  g_autofree char *path = NULL;
  g_autofree char *mine = g_strdup_printf ("api/v1/audit?user_id=%" G_GINT64_FORMAT "&per_page=1000",
                                           wb_record_get_id (me));
  gint64 id;

  page = audit_page (admin, "api/v1/audit?resource=clients&action=read&per_page=2");
  g_assert_cmpuint (count_action (page, "audit_read"), ==, 0);
  row = newest_audit_row ("admin");
  g_assert_cmpstr (row, ==, "audit_read|audit|0|list, action=read, per_page=2, resource=clients");

  /* A filter value that is no word, and a search, are not written down. */
  g_clear_pointer (&page, json_object_unref);
  page = audit_page (admin, "api/v1/audit?action=Jan%20Jansen&q=Jansen");
  g_free (row);
  row = newest_audit_row ("admin");
  g_assert_cmpstr (row, ==, "audit_read|audit|0|list, action=…, a search");
  g_assert_null (strstr (row, "Jansen"));

  /* The admin's own reads of the audit, and then without them. */
  g_clear_pointer (&page, json_object_unref);
  page = audit_page (admin, mine);
  g_assert_cmpuint (count_action (page, "audit_read"), >=, 2);
  path = g_strdup_printf ("%s&audit_reads=false", mine);
  g_clear_pointer (&page, json_object_unref);
  page = audit_page (admin, path);
  g_assert_cmpuint (count_action (page, "audit_read"), ==, 0);
  g_assert_cmpuint (count_action (page, "login"), >=, 1);
  g_free (row);
  row = newest_audit_row ("admin");
  g_free (path);
  path = g_strdup_printf ("audit_read|audit|0|list, audit_reads=false, per_page=1000, user_id=%" G_GINT64_FORMAT,
                          wb_record_get_id (me));
  g_assert_cmpstr (row, ==, path);

  /* One entry, read by itself, is a read of the audit too. */
  id = json_object_get_int_member (json_array_get_object_element (json_object_get_array_member (page, "items"), 0), "id");
  g_free (path);
  path = g_strdup_printf ("api/v1/audit/%" G_GINT64_FORMAT, id);
  entry = audit_page (admin, path);
  g_assert_cmpint (json_object_get_int_member (entry, "id"), ==, id);
  g_free (row);
  row = newest_audit_row ("admin");
  g_assert_true (g_str_has_prefix (row, "audit_read|audit|"));
  g_assert_cmpint (g_ascii_strtoll (row + strlen ("audit_read|audit|"), NULL, 10), ==, id);

  /* The trail leaves the reads of the audit out when asked. */
  g_clear_pointer (&page, json_object_unref);
  page = audit_page (admin, "api/v1/audit/trail?per_page=1000");
  g_assert_cmpuint (count_action (page, "audit_read"), >=, 3);
  g_clear_pointer (&page, json_object_unref);
  page = audit_page (admin, "api/v1/audit/trail?per_page=1000&audit_reads=false");
  g_assert_cmpuint (count_action (page, "audit_read"), ==, 0);
  g_free (row);
  row = newest_audit_row ("admin");
  g_assert_true (g_str_has_suffix (row, ", without reads of the audit"));

  refused = wb_test_api_request (admin, "GET", "api/v1/audit?audit_reads=maybe", NULL, NULL, &error);
  g_assert_error (error, WB_API_ERROR, 400);
  g_clear_error (&error);
  refused = wb_test_api_request (admin, "GET", "api/v1/audit/trail?audit_reads=no", NULL, NULL, &error);
  g_assert_error (error, WB_API_ERROR, 400);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbStore) store = NULL;
  WbDemoOptions options = { .n_clients = 30, .n_employers = 30, .n_vacancies = 5, .seed = 5 };
  int status;

  g_test_init (&argc, &argv, NULL);

  fx.dir = wb_test_make_dir ();
  fx.db = g_build_filename (fx.dir, "werkbrug.db", NULL);
  store = wb_store_open (fx.db, &error);
  g_assert_no_error (error);
  g_assert_true (wb_demo_generate (store, &options, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  fx.server = wb_test_server_start (fx.db);

  g_test_add_func ("/admin-http/users/password-reset-is-one-time", test_password_reset);
  g_test_add_func ("/admin-http/users/deactivate-ends-sessions-and-queues-accounts", test_deactivate);
  g_test_add_func ("/admin-http/audit/trail-of-a-client-and-its-reading", test_audit_trail);
  g_test_add_func ("/admin-http/audit/list-reading-is-audited-and-filtered-out", test_audit_list_reading);

  status = g_test_run ();
  wb_test_server_stop (fx.server);
  wb_test_remove_dir (fx.dir);
  g_free (fx.db);
  g_free (fx.dir);
  return status;
}
