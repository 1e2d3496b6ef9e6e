/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "wb-password.h"
#include "wb-store.h"
#include "wb-test-util.h"

typedef struct {
  char *dir;
  char *path;
  WbStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fx->dir = wb_test_make_dir ();
  fx->path = g_build_filename (fx->dir, "store.db", NULL);
  fx->store = wb_store_open (fx->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_clear_object (&fx->store);
  wb_test_remove_dir (fx->dir);
  g_free (fx->dir);
  g_free (fx->path);
}

static gint64
insert_json (WbStore     *store,
             WbResource   resource,
             const char  *json,
             GError     **error)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  g_assert_nonnull (node);
  return wb_store_insert (store, resource, json_node_get_object (node), error);
}

static gint64
pragma_int (const char *path,
            const char *pragma)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, pragma, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static char *
pragma_text (const char *path,
             const char *pragma)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, pragma, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
test_migrations (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbStore) again = NULL;
  g_autofree char *mode = NULL;
  gint64 id;

  g_assert_cmpint (wb_store_get_schema_version (fx->store), ==, wb_store_get_latest_schema_version ());
  g_assert_cmpint (wb_store_get_latest_schema_version (), >=, 2);
  mode = pragma_text (fx->path, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");
  g_assert_cmpint (wb_store_count (fx->store, "clients"), ==, 0);
  g_assert_cmpint (wb_store_count (fx->store, "reviews"), ==, 0);

  id = insert_json (fx->store, WB_RESOURCE_ORGANISATIONS,
                    "{\"code\":\"a\",\"name\":\"A\",\"kind\":\"wsp\",\"region\":\"Parkstad\"}", &error);
  g_assert_no_error (error);
  g_clear_object (&fx->store);

  /* Opening again migrates nothing and keeps the data. */
  again = wb_store_open (fx->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wb_store_get_schema_version (again), ==, wb_store_get_latest_schema_version ());
  g_assert_cmpint (wb_store_count (again, "organisations"), ==, 1);
  g_assert_nonnull (wb_store_get (again, WB_RESOURCE_ORGANISATIONS, id, NULL));
}

static void
test_connection_settings (Fixture       *fx,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* Foreign keys hold on the store's own connection: a reference to nothing fails. */
  insert_json (fx->store, WB_RESOURCE_USERS,
               "{\"organisation_id\":99,\"username\":\"x\",\"display_name\":\"X\",\"role\":\"admin\"}", &error);
  g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID);
  g_assert_cmpint (wb_store_count (fx->store, "users"), ==, 0);
}

static void
test_newer_schema_refused (Fixture       *fx,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbStore) store = NULL;
  g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", wb_store_get_latest_schema_version () + 1);

  g_clear_object (&fx->store);
  g_assert_cmpint (pragma_int (fx->path, bump), ==, -1);
  store = wb_store_open (fx->path, &error);
  g_assert_null (store);
  g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "newer"));
}

static void
test_crud (Fixture       *fx,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) read = NULL;
  g_autoptr(JsonObject) after = NULL;
  g_autoptr(JsonNode) change = json_from_string ("{\"name\":\"B\"}", NULL);
  gint64 id;

  id = insert_json (fx->store, WB_RESOURCE_ORGANISATIONS,
                    "{\"code\":\"a\",\"name\":\"A\",\"kind\":\"wsp\",\"region\":\"Parkstad\"}", &error);
  g_assert_no_error (error);
  read = wb_store_get (fx->store, WB_RESOURCE_ORGANISATIONS, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (read, "version"), ==, 1);

  g_assert_true (wb_store_update (fx->store, WB_RESOURCE_ORGANISATIONS, id, 1, json_node_get_object (change), &error));
  g_assert_no_error (error);
  after = wb_store_get (fx->store, WB_RESOURCE_ORGANISATIONS, id, NULL);
  g_assert_cmpint (json_object_get_int_member (after, "version"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (after, "name"), ==, "B");

  /* A writer with the old version is refused, and nothing changes. */
  g_assert_false (wb_store_update (fx->store, WB_RESOURCE_ORGANISATIONS, id, 1, json_node_get_object (change), &error));
  g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_STALE);
  g_clear_error (&error);
  g_clear_pointer (&after, json_object_unref);
  after = wb_store_get (fx->store, WB_RESOURCE_ORGANISATIONS, id, NULL);
  g_assert_cmpint (json_object_get_int_member (after, "version"), ==, 2);

  g_assert_false (wb_store_update (fx->store, WB_RESOURCE_ORGANISATIONS, 999, 1, json_node_get_object (change), &error));
  g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (wb_store_get (fx->store, WB_RESOURCE_ORGANISATIONS, 999, &error));
  g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  insert_json (fx->store, WB_RESOURCE_ORGANISATIONS,
               "{\"code\":\"a\",\"name\":\"Again\",\"kind\":\"wsp\",\"region\":\"Parkstad\"}", &error);
  g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_CONFLICT);
}

static void
test_list (Fixture       *fx,
           gconstpointer  data)
{
  static const char * const names[] = { "Zorg 100% B.V.", "Alfa_Bouw", "Beta; DROP TABLE employers;--", "Gamma" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) filters = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) rows = NULL;
  WbListQuery query = { 0 };
  gint64 org, municipality, total = 0;

  org = insert_json (fx->store, WB_RESOURCE_ORGANISATIONS, "{\"code\":\"a\",\"name\":\"A\",\"kind\":\"wsp\",\"region\":\"Parkstad\"}", NULL);
  municipality = insert_json (fx->store, WB_RESOURCE_MUNICIPALITIES, "{\"code\":\"GM0917\",\"name\":\"Heerlen\",\"region\":\"Parkstad\"}", NULL);
  g_assert_cmpint (org, >, 0);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(JsonObject) object = json_object_new ();

      json_object_set_string_member (object, "kvk", (const char *[]) { "11111111", "22222222", "33333333", "44444444" }[i]);
      json_object_set_string_member (object, "name", names[i]);
      json_object_set_string_member (object, "sector", i % 2 ? "construction" : "care");
      json_object_set_int_member (object, "employee_count", 10 * (i + 1));
      json_object_set_string_member (object, "pc4", "6411");
      json_object_set_int_member (object, "municipality_id", municipality);
      g_assert_cmpint (wb_store_insert (fx->store, WB_RESOURCE_EMPLOYERS, object, &error), >, 0);
      g_assert_no_error (error);
    }

  query.limit = 2;
  rows = wb_store_list (fx->store, WB_RESOURCE_EMPLOYERS, &query, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpint (total, ==, 4);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (json_object_get_string_member (rows->pdata[0], "name"), ==, "Alfa_Bouw");  /* default sort: name */
  g_clear_pointer (&rows, g_ptr_array_unref);

  query = (WbListQuery) { .sort = "-name", .offset = 1, .limit = 10 };
  rows = wb_store_list (fx->store, WB_RESOURCE_EMPLOYERS, &query, &total, &error);
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpstr (json_object_get_string_member (rows->pdata[0], "name"), ==, "Gamma");
  g_clear_pointer (&rows, g_ptr_array_unref);

  g_hash_table_insert (filters, (gpointer) "sector", (gpointer) "construction");
  query = (WbListQuery) { .filters = filters };
  rows = wb_store_list (fx->store, WB_RESOURCE_EMPLOYERS, &query, &total, &error);
  g_assert_cmpint (total, ==, 2);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Search text is text: %, _ and SQL are matched literally. */
  query = (WbListQuery) { .q = "100%" };
  rows = wb_store_list (fx->store, WB_RESOURCE_EMPLOYERS, &query, &total, &error);
  g_assert_cmpint (total, ==, 1);
  g_clear_pointer (&rows, g_ptr_array_unref);
  query = (WbListQuery) { .q = "_" };
  rows = wb_store_list (fx->store, WB_RESOURCE_EMPLOYERS, &query, &total, &error);
  g_assert_cmpint (total, ==, 1);
  g_clear_pointer (&rows, g_ptr_array_unref);
  query = (WbListQuery) { .q = "DROP TABLE" };
  rows = wb_store_list (fx->store, WB_RESOURCE_EMPLOYERS, &query, &total, &error);
  g_assert_cmpint (total, ==, 1);
  g_assert_cmpint (wb_store_count (fx->store, "employers"), ==, 4);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* Only the fields a list offers. */
  query = (WbListQuery) { .sort = "kvk" };
  rows = wb_store_list (fx->store, WB_RESOURCE_EMPLOYERS, &query, &total, &error);
  g_assert_null (rows);
  g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_hash_table_remove_all (filters);
  g_hash_table_insert (filters, (gpointer) "employee_count", (gpointer) "many");
  query = (WbListQuery) { .filters = filters };
  rows = wb_store_list (fx->store, WB_RESOURCE_EMPLOYERS, &query, &total, &error);
  g_assert_null (rows);
  g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID);
}

static gint64
make_client (Fixture *fx,
             GError **error)
{
  gint64 org = insert_json (fx->store, WB_RESOURCE_ORGANISATIONS, "{\"code\":\"a\",\"name\":\"A\",\"kind\":\"social_service\",\"region\":\"Parkstad\"}", NULL);
  gint64 municipality = insert_json (fx->store, WB_RESOURCE_MUNICIPALITIES, "{\"code\":\"GM0917\",\"name\":\"Heerlen\",\"region\":\"Parkstad\"}", NULL);
  g_autofree char *json = g_strdup_printf ("{\"organisation_id\":%" G_GINT64_FORMAT ",\"municipality_id\":%" G_GINT64_FORMAT ","
                                           "\"given_name\":\"A\",\"family_name\":\"B\",\"bsn\":\"111222333\",\"pc4\":\"6411\","
                                           "\"birth_year\":1980,\"client_group\":\"ww\",\"phase\":\"intake\","
                                           "\"sector_preferences\":[\"care\",\"retail\"]}", org, municipality);

  return insert_json (fx->store, WB_RESOURCE_CLIENTS, json, error);
}

static void
test_nested (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) client = NULL;
  g_autofree char *json = NULL;
  gint64 id, competence, diagnosis;

  competence = insert_json (fx->store, WB_RESOURCE_COMPETENCES, "{\"uri\":\"urn:x:1\",\"label_nl\":\"Heftruck rijden\",\"kind\":\"skill\"}", &error);
  g_assert_no_error (error);
  id = make_client (fx, &error);
  g_assert_no_error (error);

  json = g_strdup_printf ("{\"client_id\":%" G_GINT64_FORMAT ",\"date\":\"2026-05-01\",\"source\":\"competensys\","
                          "\"competences\":[{\"competence_id\":%" G_GINT64_FORMAT ",\"level\":4,\"evidence\":\"work\"}]}",
                          id, competence);
  diagnosis = insert_json (fx->store, WB_RESOURCE_DIAGNOSES, json, &error);
  g_assert_no_error (error);
  g_assert_cmpint (diagnosis, >, 0);

  client = wb_store_get (fx->store, WB_RESOURCE_CLIENTS, id, &error);
  g_assert_cmpstr (json_object_get_string_member (client, "diagnosis_date"), ==, "2026-05-01");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (client, "competences")), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (client, "sector_preferences")), ==, 2);

  /* A bad nested item rolls the whole record back. */
  g_free (json);
  json = g_strdup_printf ("{\"client_id\":%" G_GINT64_FORMAT ",\"date\":\"2026-06-01\",\"source\":\"intake\","
                          "\"competences\":[{\"competence_id\":%" G_GINT64_FORMAT ",\"level\":9}]}", id, competence);
  g_assert_cmpint (insert_json (fx->store, WB_RESOURCE_DIAGNOSES, json, &error), ==, 0);
  g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID);
  g_assert_cmpint (wb_store_count (fx->store, "diagnoses"), ==, 1);
  g_clear_pointer (&client, json_object_unref);
  client = wb_store_get (fx->store, WB_RESOURCE_CLIENTS, id, NULL);
  g_assert_cmpstr (json_object_get_string_member (client, "diagnosis_date"), ==, "2026-05-01");
}

static void
test_references (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) wb_field_error_free);
  g_autoptr(JsonNode) node = json_from_string ("{\"municipality_id\":5,\"case_manager_id\":7,\"work_experience\":[{\"occupation_id\":3}]}", NULL);

  wb_store_check_references (fx->store, WB_RESOURCE_CLIENTS, json_node_get_object (node), errors);
  g_assert_cmpuint (errors->len, ==, 3);
}

static void
test_sessions_and_passwords (Fixture       *fx,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = wb_password_hash ("a long password", &error);
  g_autofree char *token = wb_token_new ();
  g_autofree char *token_hash = wb_token_hash (token);
  g_autoptr(WbStoreUser) user = NULL;
  g_autoptr(JsonNode) left = json_from_string ("{\"active\":false}", NULL);
  gint64 org, id, now = 1000000;

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (hash, "$argon2id$"));
  g_assert_true (wb_password_verify (hash, "a long password"));
  g_assert_false (wb_password_verify (hash, "a long passworD"));
  g_assert_cmpuint (strlen (token), ==, 64);
  g_assert_cmpstr (token_hash, !=, token);

  org = insert_json (fx->store, WB_RESOURCE_ORGANISATIONS, "{\"code\":\"a\",\"name\":\"A\",\"kind\":\"wsp\",\"region\":\"Parkstad\"}", NULL);
  id = wb_store_add_user (fx->store, org, "ann", "Ann", "coordinator", hash, &error);
  g_assert_no_error (error);
  user = wb_store_find_user (fx->store, "ann", 0, &error);
  g_assert_cmpstr (user->password_hash, ==, hash);
  g_assert_true (user->active);

  g_assert_true (wb_store_add_session (fx->store, token_hash, id, now + 60, &error));
  g_assert_cmpint (wb_store_lookup_session (fx->store, token_hash, now), ==, id);
  g_assert_cmpint (wb_store_lookup_session (fx->store, token_hash, now + 61), ==, 0);   /* expired */
  g_assert_cmpint (wb_store_lookup_session (fx->store, token, now), ==, 0);             /* only the hash is stored */

  /* Someone who has left has no session any more. */
  g_assert_true (wb_store_update (fx->store, WB_RESOURCE_USERS, id, 1, json_node_get_object (left), &error));
  g_assert_cmpint (wb_store_lookup_session (fx->store, token_hash, now), ==, 0);
}

static void
test_audit (Fixture       *fx,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  WbListQuery query = { 0 };
  gint64 total;

  g_assert_true (wb_store_audit (fx->store, 0, 0, "read", "clients", 12, "profile view", &error));
  rows = wb_store_list (fx->store, WB_RESOURCE_AUDIT, &query, &total, &error);
  g_assert_cmpint (total, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (rows->pdata[0], "reason"), ==, "profile view");
  g_assert_cmpint (json_object_get_int_member (rows->pdata[0], "resource_id"), ==, 12);
}

/* Backup */

#define ROWS_PER_TRANSACTION 25

typedef struct {
  const char *path;
  gint stop;
  guint transactions;
} Writer;

static gpointer
writer_thread (gpointer data)
{
  Writer *writer = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbStore) store = wb_store_open (writer->path, &error);

  g_assert_no_error (error);
  while (!g_atomic_int_get (&writer->stop))
    {
      g_assert_true (wb_store_begin (store, &error));
      for (guint i = 0; i < ROWS_PER_TRANSACTION; i++)
        g_assert_true (wb_store_audit (store, 0, 0, "write", "test", writer->transactions, NULL, &error));
      g_assert_true (wb_store_commit (store, &error));
      writer->transactions++;
    }
  return NULL;
}

static void
test_backup_while_writing (Fixture       *fx,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = g_build_filename (fx->dir, "copy.db", NULL);
  g_autofree char *integrity = NULL;
  g_autoptr(WbStore) restored = NULL;
  Writer writer = { fx->path, 0, 0 };
  GThread *thread;
  gint64 rows;

  thread = g_thread_new ("writer", writer_thread, &writer);
  while (g_atomic_int_get (&writer.transactions) < 20)
    g_usleep (1000);

  g_assert_true (wb_store_backup (fx->store, copy, &error));
  g_assert_no_error (error);
  g_atomic_int_set (&writer.stop, 1);
  g_thread_join (thread);

  integrity = pragma_text (copy, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
  restored = wb_store_open (copy, &error);
  g_assert_no_error (error);
  rows = wb_store_count (restored, "audit_log");

  /* A committed state: whole transactions only, and not the last ones. */
  g_assert_cmpint (rows, >=, 20 * ROWS_PER_TRANSACTION);
  g_assert_cmpint (rows % ROWS_PER_TRANSACTION, ==, 0);
  g_assert_cmpint (rows, <=, (gint64) writer.transactions * ROWS_PER_TRANSACTION);
  g_assert_cmpint (wb_store_count (fx->store, "audit_log"), ==, (gint64) writer.transactions * ROWS_PER_TRANSACTION);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/migrations/from-empty-and-idempotent", test_migrations);
  ADD ("/store/migrations/newer-schema-refused", test_newer_schema_refused);
  ADD ("/store/foreign-keys-hold", test_connection_settings);
  ADD ("/store/crud/versions-stale-conflict", test_crud);
  ADD ("/store/list/filters-search-sort-paging", test_list);
  ADD ("/store/nested/diagnosis-and-rollback", test_nested);
  ADD ("/store/references", test_references);
  ADD ("/store/sessions-and-passwords", test_sessions_and_passwords);
  ADD ("/store/audit", test_audit);
  ADD ("/store/backup/while-writing-is-consistent", test_backup_while_writing);
#undef ADD

  return g_test_run ();
}
