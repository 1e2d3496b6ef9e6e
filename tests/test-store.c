/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "test-store"

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "wb-password.h"
#include "wb-store.h"
#include "wb-store-changes.h"
#include "wb-store-private.h"
#include "wb-test-store.h"
#include "wb-test-util.h"

/* The SQLite store: migrations and connection settings, generic CRUD driven by the schema
 * tables, nested collections, references, audit, users and sessions, and backups taken while
 * another connection writes. Every test works in a database of its own in a fresh folder. */

typedef struct {
  char *dir;
  char *path;
  WbStore *store;
  /* Base data every test may use. */
  gint64 org_a;
  gint64 org_b;
  gint64 heerlen;
  gint64 maastricht;
} Fixture;

/* Helpers */

static void
insert_fails (WbStore      *store,
              WbResource    resource,
              const char   *json,
              int           code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (json, &error);

  g_assert_no_error (error);
  g_assert_cmpint (wb_store_insert (store, resource, json_node_get_object (node), &error), ==, 0);
  g_assert_error (error, WB_STORE_ERROR, code);
}

static gboolean
update_json (WbStore     *store,
             WbResource   resource,
             gint64       id,
             gint64       version,
             const char  *json,
             GError     **error)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  g_assert_nonnull (node);
  return wb_store_update (store, resource, id, version, json_node_get_object (node), error);
}

static JsonObject *
get_ok (WbStore    *store,
        WbResource  resource,
        gint64      id)
{
  g_autoptr(GError) error = NULL;
  JsonObject *object = wb_store_get (store, resource, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (object);
  g_assert_cmpint (json_object_get_int_member (object, "id"), ==, id);
  return object;
}

static sqlite3 *
raw_open (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

static char *
db_text (sqlite3    *db,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static GPtrArray *
list_ok (WbStore           *store,
         WbResource         resource,
         const WbListQuery *query,
         gint64            *total)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows;

  *total = -1;
  rows = wb_store_list (store, resource, query, total, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows;
}

static void
list_fails (WbStore           *store,
            WbResource         resource,
            const WbListQuery *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gint64 total = 0;

  rows = wb_store_list (store, resource, query, &total, &error);
  g_assert_null (rows);
  g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID);
}

/* One member of every row, joined with "|": "Alfa|Beta". */
static char *
join_member (GPtrArray  *rows,
             const char *member)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < rows->len; i++)
    {
      JsonNode *node = json_object_get_member (rows->pdata[i], member);

      if (i > 0)
        g_string_append_c (s, '|');
      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        g_string_append (s, "null");
      else if (json_node_get_value_type (node) == G_TYPE_STRING)
        g_string_append (s, json_node_get_string (node));
      else
        g_string_append_printf (s, "%" G_GINT64_FORMAT, json_node_get_int (node));
    }
  return g_string_free (s, FALSE);
}

static gboolean
matches_pattern (const char *pattern,
                 const char *text)
{
  return text != NULL && g_regex_match_simple (pattern, text, 0, 0);
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;

  fx->dir = wb_test_make_dir ();
  fx->path = g_build_filename (fx->dir, "store.db", NULL);
  fx->store = wb_store_open (fx->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fx->store);

  if (data == NULL)
    return;

  fx->org_a = wb_test_insert (fx->store, WB_RESOURCE_ORGANISATIONS,
                              "{\"code\":\"isd-a\",\"name\":\"ISD A\",\"kind\":\"social_service\",\"region\":\"Parkstad\"}");
  fx->org_b = wb_test_insert (fx->store, WB_RESOURCE_ORGANISATIONS,
                              "{\"code\":\"wsp-b\",\"name\":\"WSP B\",\"kind\":\"wsp\",\"region\":\"Maastricht-Heuvelland\"}");
  json = g_strdup_printf ("{\"code\":\"GM0917\",\"name\":\"Heerlen\",\"region\":\"Parkstad\",\"organisation_id\":%"
                          G_GINT64_FORMAT "}", fx->org_a);
  fx->heerlen = wb_test_insert (fx->store, WB_RESOURCE_MUNICIPALITIES, json);
  fx->maastricht = wb_test_insert (fx->store, WB_RESOURCE_MUNICIPALITIES,
                                   "{\"code\":\"GM0935\",\"name\":\"Maastricht\",\"region\":\"Maastricht-Heuvelland\"}");
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

/* A client of organisation A in Heerlen; @extra is added to the JSON object. */
static char *
client_json (Fixture    *fx,
             const char *bsn,
             const char *extra)
{
  return g_strdup_printf ("{\"organisation_id\":%" G_GINT64_FORMAT ",\"municipality_id\":%" G_GINT64_FORMAT ","
                          "\"given_name\":\"Test\",\"family_name\":\"Persoon\",\"bsn\":\"%s\",\"pc4\":\"6411\","
                          "\"birth_year\":1985,\"client_group\":\"participatiewet\",\"phase\":\"intake\"%s%s}",
                          fx->org_a, fx->heerlen, bsn, extra != NULL ? "," : "", extra != NULL ? extra : "");
}

static gint64
add_client (Fixture    *fx,
            const char *bsn,
            const char *extra)
{
  g_autofree char *json = client_json (fx, bsn, extra);

  return wb_test_insert (fx->store, WB_RESOURCE_CLIENTS, json);
}

static gint64
add_user (Fixture    *fx,
          gint64      organisation,
          const char *username,
          const char *role)
{
  g_autoptr(GError) error = NULL;
  gint64 id = wb_store_add_user (fx->store, organisation, username, username, role, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* Migrations and the connection */

static void
test_open_from_empty (Fixture       *fx,
                      gconstpointer  data)
{
  static const char * const tables[] = {
    "organisations", "municipalities", "organisation_municipalities", "users", "sessions", "competences",
    "isco_groups", "occupations", "occupation_competences", "pc4_areas", "clients", "diagnoses",
    "diagnosis_competences", "work_experience", "sector_preferences", "employers", "employer_contacts",
    "contact_log", "vacancies", "vacancy_competences", "events", "matches", "targets", "action_points",
    "audit_log", "match_weights", "alerts", "notifications", "reviews", "monitor_settings", "cbs_social_assistance",
  };
  sqlite3 *own = _wb_store_get_db (fx->store);
  sqlite3 *raw = raw_open (fx->path);
  g_autofree char *own_mode = db_text (own, "PRAGMA journal_mode");
  g_autofree char *raw_mode = db_text (raw, "PRAGMA journal_mode");
  int latest = wb_store_get_latest_schema_version ();

  g_assert_cmpint (latest, >=, 2);
  g_assert_cmpint (wb_store_get_schema_version (fx->store), ==, latest);
  g_assert_cmpint (wb_test_sql_int (raw, "PRAGMA user_version"), ==, latest);
  g_assert_cmpstr (wb_store_get_path (fx->store), ==, fx->path);

  /* WAL is a property of the file: another connection sees it too. */
  g_assert_cmpstr (own_mode, ==, "wal");
  g_assert_cmpstr (raw_mode, ==, "wal");
  /* Foreign keys and synchronous are per connection: the store sets them on its own, a
   * bare connection has the defaults. */
  g_assert_cmpint (wb_test_sql_int (own, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (wb_test_sql_int (own, "PRAGMA synchronous"), ==, 2);  /* FULL */
  g_assert_cmpint (wb_test_sql_int (raw, "PRAGMA foreign_keys"), ==, 0);

  /* Every table of every migration is there and empty. */
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_test_message ("table %s", tables[i]);
      g_assert_cmpint (wb_store_count (fx->store, tables[i]), ==, 0);
    }
  g_assert_cmpint (wb_store_count (fx->store, "no_such_table"), ==, -1);
  /* Later migrations may add tables; none of these may go. */
  g_assert_cmpint (wb_test_sql_int (raw, "SELECT count(*) FROM sqlite_master WHERE type = 'table'"), >=, G_N_ELEMENTS (tables));

  /* Foreign keys hold on the store's connection: a reference to nothing is refused. */
  insert_fails (fx->store, WB_RESOURCE_USERS,
                "{\"organisation_id\":99,\"username\":\"x\",\"display_name\":\"X\",\"role\":\"admin\"}",
                WB_STORE_ERROR_INVALID);
  g_assert_cmpint (wb_store_count (fx->store, "users"), ==, 0);

  sqlite3_close (raw);
}

static void
test_reopen_is_idempotent (Fixture       *fx,
                           gconstpointer  data)
{
  g_autofree char *json = client_json (fx, "111222333", NULL);
  gint64 client = wb_test_insert (fx->store, WB_RESOURCE_CLIENTS, json);

  g_clear_object (&fx->store);

  for (guint round = 0; round < 3; round++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WbStore) again = wb_store_open (fx->path, &error);
      g_autoptr(JsonObject) object = NULL;

      g_assert_no_error (error);
      g_assert_nonnull (again);
      g_assert_cmpint (wb_store_get_schema_version (again), ==, wb_store_get_latest_schema_version ());
      g_assert_cmpint (wb_store_count (again, "organisations"), ==, 2);
      g_assert_cmpint (wb_store_count (again, "municipalities"), ==, 2);
      g_assert_cmpint (wb_store_count (again, "clients"), ==, 1);
      object = get_ok (again, WB_RESOURCE_CLIENTS, client);
      g_assert_cmpstr (json_object_get_string_member (object, "bsn"), ==, "111222333");
      g_assert_cmpint (json_object_get_int_member (object, "version"), ==, 1);
    }
}

/* A file whose tables lack some of the triggers that count their writes (one from before a
 * column was added, say) gets them back when it is opened, and one that has them all is
 * left as it is. */
static void
test_reopen_restores_generation_triggers (Fixture       *fx,
                                          gconstpointer  data)
{
  static const char count_sql[] =
    "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name LIKE '%\\_generation\\_%' ESCAPE '\\'";
  g_autofree char *all = NULL;
  g_autofree char *fewer = NULL;
  g_autofree char *again = NULL;
  g_autofree char *column = NULL;
  g_autofree char *table = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbStore) store = NULL;
  sqlite3 *raw;

  g_clear_object (&fx->store);
  raw = raw_open (fx->path);
  all = db_text (raw, count_sql);
  g_assert_cmpint (g_ascii_strtoll (all, NULL, 10), >, 100);
  g_assert_cmpint (sqlite3_exec (raw, "DROP TRIGGER clients_generation_of_family_name; "
                                      "DROP TRIGGER employers_generation_delete", NULL, NULL, NULL), ==, SQLITE_OK);
  fewer = db_text (raw, count_sql);
  g_assert_cmpint (g_ascii_strtoll (fewer, NULL, 10), ==, g_ascii_strtoll (all, NULL, 10) - 2);
  sqlite3_close (raw);

  store = wb_store_open (fx->path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  raw = raw_open (fx->path);
  again = db_text (raw, count_sql);
  g_assert_cmpstr (again, ==, all);
  column = db_text (raw, "SELECT name FROM sqlite_schema WHERE name = 'clients_generation_of_family_name'");
  table = db_text (raw, "SELECT name FROM sqlite_schema WHERE name = 'employers_generation_delete'");
  g_assert_cmpstr (column, ==, "clients_generation_of_family_name");
  g_assert_cmpstr (table, ==, "employers_generation_delete");
  sqlite3_close (raw);
}

static void
test_newer_schema_refused (Fixture       *fx,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbStore) store = NULL;
  g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", wb_store_get_latest_schema_version () + 1);
  g_autofree char *versions = g_strdup_printf ("(schema %d, this one knows %d)",
                                               wb_store_get_latest_schema_version () + 1,
                                               wb_store_get_latest_schema_version ());
  sqlite3 *raw;

  g_clear_object (&fx->store);
  raw = raw_open (fx->path);
  g_assert_cmpint (sqlite3_exec (raw, bump, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  store = wb_store_open (fx->path, &error);
  g_assert_null (store);
  g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, versions));
  g_assert_nonnull (strstr (error->message, fx->path));

  /* The newer database is left as it was. */
  raw = raw_open (fx->path);
  g_assert_cmpint (wb_test_sql_int (raw, "PRAGMA user_version"), ==, wb_store_get_latest_schema_version () + 1);
  g_assert_cmpint (wb_test_sql_int (raw, "SELECT count(*) FROM organisations"), ==, 2);
  sqlite3_close (raw);
}

static void
test_not_a_database (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbStore) store = NULL;
  g_autofree char *path = g_build_filename (fx->dir, "notes.txt", NULL);
  g_autofree char *missing = g_build_filename (fx->dir, "no", "such", "folder", "x.db", NULL);
  g_autofree char *text = g_strnfill (4096, 'x');

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  store = wb_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_FAILED);
  g_clear_error (&error);

  store = wb_store_open (missing, &error);
  g_assert_null (store);
  g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_FAILED);
}

typedef struct {
  const char *path;
  gint *start;
  GError *error;
  gboolean opened;
} Opener;

static gpointer
opener_thread (gpointer data)
{
  Opener *opener = data;
  g_autoptr(WbStore) store = NULL;

  while (!g_atomic_int_get (opener->start))
    g_thread_yield ();
  store = wb_store_open (opener->path, &opener->error);
  opener->opened = store != NULL && wb_store_get_schema_version (store) == wb_store_get_latest_schema_version ();
  return NULL;
}

/* A server and a command line tool may open a new database at the same moment: each
 * migration must run once, and both must come up. */
static void
test_concurrent_first_open (Fixture       *fx,
                            gconstpointer  data)
{
  for (guint round = 0; round < 8; round++)
    {
      g_autofree char *name = g_strdup_printf ("race-%u.db", round);
      g_autofree char *path = g_build_filename (fx->dir, name, NULL);
      Opener openers[3];
      GThread *threads[G_N_ELEMENTS (openers)];
      gint start = 0;
      sqlite3 *raw;

      for (guint i = 0; i < G_N_ELEMENTS (openers); i++)
        {
          openers[i] = (Opener) { path, &start, NULL, FALSE };
          threads[i] = g_thread_new ("opener", opener_thread, &openers[i]);
        }
      g_atomic_int_set (&start, 1);
      for (guint i = 0; i < G_N_ELEMENTS (openers); i++)
        {
          g_thread_join (threads[i]);
          g_assert_no_error (openers[i].error);
          g_assert_true (openers[i].opened);
        }

      raw = raw_open (path);
      g_assert_cmpint (wb_test_sql_int (raw, "PRAGMA user_version"), ==, wb_store_get_latest_schema_version ());
      sqlite3_close (raw);
    }
}

/* Generic CRUD */

static void
test_crud_versions (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(JsonObject) second = NULL;
  g_autoptr(JsonObject) after_stale = NULL;
  gint64 id;

  id = wb_test_insert (fx->store, WB_RESOURCE_ORGANISATIONS,
                       "{\"code\":\"mtb\",\"name\":\"MTB\",\"kind\":\"learn_work\",\"region\":\"Maastricht-Heuvelland\"}");
  first = get_ok (fx->store, WB_RESOURCE_ORGANISATIONS, id);
  g_assert_cmpint (json_object_get_int_member (first, "version"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (first, "code"), ==, "mtb");
  g_assert_cmpstr (json_object_get_string_member (first, "name"), ==, "MTB");
  g_assert_cmpstr (json_object_get_string_member (first, "kind"), ==, "learn_work");
  g_assert_cmpstr (json_object_get_string_member (first, "region"), ==, "Maastricht-Heuvelland");
  g_assert_true (matches_pattern ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$",
                                  json_object_get_string_member (first, "created_at")));
  g_assert_cmpstr (json_object_get_string_member (first, "created_at"), ==,
                   json_object_get_string_member (first, "updated_at"));

  /* The right version: the change lands and the version goes up by one. */
  g_assert_true (update_json (fx->store, WB_RESOURCE_ORGANISATIONS, id, 1, "{\"name\":\"MTB Maastricht\"}", &error));
  g_assert_no_error (error);
  second = get_ok (fx->store, WB_RESOURCE_ORGANISATIONS, id);
  g_assert_cmpint (json_object_get_int_member (second, "version"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (second, "name"), ==, "MTB Maastricht");
  g_assert_cmpstr (json_object_get_string_member (second, "kind"), ==, "learn_work");
  g_assert_cmpstr (json_object_get_string_member (second, "created_at"), ==,
                   json_object_get_string_member (first, "created_at"));
  g_assert_cmpstr (json_object_get_string_member (second, "updated_at"), >=,
                   json_object_get_string_member (first, "updated_at"));

  /* A stale version: refused, and nothing changes, not even the version. */
  g_assert_false (update_json (fx->store, WB_RESOURCE_ORGANISATIONS, id, 1,
                               "{\"name\":\"Overwritten\",\"kind\":\"wsp\"}", &error));
  g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_STALE);
  g_clear_error (&error);
  g_assert_false (update_json (fx->store, WB_RESOURCE_ORGANISATIONS, id, 3, "{\"name\":\"From the future\"}", &error));
  g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_STALE);
  g_clear_error (&error);
  after_stale = get_ok (fx->store, WB_RESOURCE_ORGANISATIONS, id);
  g_assert_cmpint (json_object_get_int_member (after_stale, "version"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (after_stale, "name"), ==, "MTB Maastricht");
  g_assert_cmpstr (json_object_get_string_member (after_stale, "kind"), ==, "learn_work");

  /* The current version again works, twice in a row. */
  g_assert_true (update_json (fx->store, WB_RESOURCE_ORGANISATIONS, id, 2, "{\"kind\":\"development\"}", &error));
  g_assert_true (update_json (fx->store, WB_RESOURCE_ORGANISATIONS, id, 3, "{\"region\":\"Zuid-Limburg\"}", &error));
  g_assert_no_error (error);
  g_clear_pointer (&second, json_object_unref);
  second = get_ok (fx->store, WB_RESOURCE_ORGANISATIONS, id);
  g_assert_cmpint (json_object_get_int_member (second, "version"), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (second, "kind"), ==, "development");
  g_assert_cmpstr (json_object_get_string_member (second, "region"), ==, "Zuid-Limburg");
}

static void
test_crud_not_found (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (wb_store_get (fx->store, WB_RESOURCE_ORGANISATIONS, 999, &error));
  g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (wb_store_get (fx->store, WB_RESOURCE_CLIENTS, 1, &error));
  g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* An update of nothing is "not found", not "stale". */
  g_assert_false (update_json (fx->store, WB_RESOURCE_ORGANISATIONS, 999, 1, "{\"name\":\"X\"}", &error));
  g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (update_json (fx->store, WB_RESOURCE_COMPETENCES, 999, 0, "{\"label_nl\":\"X\"}", &error));
  g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (wb_store_count (fx->store, "organisations"), ==, 2);
}

static void
test_crud_conflicts (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) maastricht = NULL;
  g_autofree char *employer = g_strdup_printf ("{\"kvk\":\"12345678\",\"name\":\"Eerste\",\"sector\":\"care\","
                                               "\"employee_count\":30,\"pc4\":\"6411\",\"municipality_id\":%"
                                               G_GINT64_FORMAT "}", fx->heerlen);
  g_autofree char *same_kvk = g_strdup_printf ("{\"kvk\":\"12345678\",\"name\":\"Tweede\",\"sector\":\"retail\","
                                               "\"employee_count\":5,\"pc4\":\"6211\",\"municipality_id\":%"
                                               G_GINT64_FORMAT "}", fx->maastricht);
  const char *target = "{\"metric\":\"outflow\",\"level\":\"region\",\"level_key\":\"Maastricht-Heuvelland\","
                       "\"period\":\"2019\",\"value\":120}";

  /* Unique keys: organisation code, KvK number, a target's metric, level, key and period. */
  insert_fails (fx->store, WB_RESOURCE_ORGANISATIONS,
                "{\"code\":\"isd-a\",\"name\":\"Again\",\"kind\":\"wsp\",\"region\":\"Parkstad\"}",
                WB_STORE_ERROR_CONFLICT);
  g_assert_cmpint (wb_store_count (fx->store, "organisations"), ==, 2);

  wb_test_insert (fx->store, WB_RESOURCE_EMPLOYERS, employer);
  insert_fails (fx->store, WB_RESOURCE_EMPLOYERS, same_kvk, WB_STORE_ERROR_CONFLICT);
  g_assert_cmpint (wb_store_count (fx->store, "employers"), ==, 1);

  wb_test_insert (fx->store, WB_RESOURCE_TARGETS, target);
  insert_fails (fx->store, WB_RESOURCE_TARGETS, target, WB_STORE_ERROR_CONFLICT);
  wb_test_insert (fx->store, WB_RESOURCE_TARGETS,
                  "{\"metric\":\"outflow\",\"level\":\"region\",\"level_key\":\"Maastricht-Heuvelland\","
                  "\"period\":\"2020\",\"value\":165}");
  g_assert_cmpint (wb_store_count (fx->store, "targets"), ==, 2);

  /* An update that takes a taken name is a conflict too, and changes nothing. */
  g_assert_false (update_json (fx->store, WB_RESOURCE_MUNICIPALITIES, fx->maastricht, 1, "{\"name\":\"Heerlen\"}", &error));
  g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  maastricht = get_ok (fx->store, WB_RESOURCE_MUNICIPALITIES, fx->maastricht);
  g_assert_cmpstr (json_object_get_string_member (maastricht, "name"), ==, "Maastricht");
  g_assert_cmpint (json_object_get_int_member (maastricht, "version"), ==, 1);

  /* A reference to nothing is invalid, not a conflict. */
  g_assert_false (update_json (fx->store, WB_RESOURCE_MUNICIPALITIES, fx->maastricht, 1, "{\"organisation_id\":4242}", &error));
  g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID);
}

static void
test_crud_types (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) client = NULL;
  g_autoptr(JsonObject) cleared = NULL;
  g_autoptr(JsonObject) match = NULL;
  g_autoptr(JsonObject) competence = NULL;
  g_autofree char *json = NULL;
  JsonArray *barriers;
  JsonObject *parts;
  gint64 id, employer, vacancy, match_id, competence_id;

  id = add_client (fx, "123456782", "\"barriers\":[\"schulden\",\"taal\"],\"driving_licence\":true,"
                                    "\"work_capacity\":65,\"health_notes\":\"rug\",\"postcode\":\"6411 AB\"");
  client = get_ok (fx->store, WB_RESOURCE_CLIENTS, id);
  barriers = json_object_get_array_member (client, "barriers");
  g_assert_cmpuint (json_array_get_length (barriers), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (barriers, 1), ==, "taal");
  g_assert_true (json_object_get_boolean_member (client, "driving_licence"));
  g_assert_false (json_object_get_boolean_member (client, "in_pool"));  /* the column default */
  g_assert_cmpstr (json_object_get_string_member (client, "status"), ==, "active");
  g_assert_cmpint (json_object_get_int_member (client, "work_capacity"), ==, 65);
  g_assert_cmpint (json_object_get_int_member (client, "birth_year"), ==, 1985);
  g_assert_true (json_object_get_null_member (client, "track"));
  g_assert_true (json_object_get_null_member (client, "diagnosis_date"));

  /* Null clears a value; an empty list is a list. */
  g_assert_true (update_json (fx->store, WB_RESOURCE_CLIENTS, id, 1,
                              "{\"health_notes\":null,\"work_capacity\":null,\"barriers\":[],\"driving_licence\":false}", &error));
  g_assert_no_error (error);
  cleared = get_ok (fx->store, WB_RESOURCE_CLIENTS, id);
  g_assert_true (json_object_get_null_member (cleared, "health_notes"));
  g_assert_true (json_object_get_null_member (cleared, "work_capacity"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (cleared, "barriers")), ==, 0);
  g_assert_false (json_object_get_boolean_member (cleared, "driving_licence"));
  g_assert_cmpstr (json_object_get_string_member (cleared, "postcode"), ==, "6411 AB");
  g_assert_cmpint (json_object_get_int_member (cleared, "version"), ==, 2);

  /* JSON fields and reals keep their shape. */
  json = g_strdup_printf ("{\"kvk\":\"87654321\",\"name\":\"Zorggroep\",\"sector\":\"care\",\"employee_count\":300,"
                          "\"pc4\":\"6411\",\"municipality_id\":%" G_GINT64_FORMAT "}", fx->heerlen);
  employer = wb_test_insert (fx->store, WB_RESOURCE_EMPLOYERS, json);
  g_free (json);
  competence_id = wb_test_insert (fx->store, WB_RESOURCE_COMPETENCES, "{\"uri\":\"urn:test:zorg\",\"label_nl\":\"Zorg verlenen\",\"kind\":\"skill\"}");
  json = g_strdup_printf ("{\"employer_id\":%" G_GINT64_FORMAT ",\"title\":\"Zorghulp\",\"sector\":\"care\",\"hours\":24,"
                          "\"pc4\":\"6411\",\"positions\":2,\"opened_at\":\"2026-02-01\","
                          "\"competences\":[{\"competence_id\":%" G_GINT64_FORMAT ",\"level\":3,\"essential\":false}]}",
                          employer, competence_id);
  vacancy = wb_test_insert (fx->store, WB_RESOURCE_VACANCIES, json);
  g_free (json);
  json = g_strdup_printf ("{\"vacancy_id\":%" G_GINT64_FORMAT ",\"client_id\":%" G_GINT64_FORMAT ",\"score\":0.8125,"
                          "\"score_parts\":{\"competences\":0.9,\"distance\":0.5},\"weights\":[1,2]}", vacancy, id);
  match_id = wb_test_insert (fx->store, WB_RESOURCE_MATCHES, json);
  match = get_ok (fx->store, WB_RESOURCE_MATCHES, match_id);
  g_assert_cmpfloat (json_object_get_double_member (match, "score"), ==, 0.8125);
  g_assert_cmpstr (json_object_get_string_member (match, "state"), ==, "suggested");
  parts = json_object_get_object_member (match, "score_parts");
  g_assert_nonnull (parts);
  g_assert_cmpfloat (json_object_get_double_member (parts, "distance"), ==, 0.5);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (match, "weights")), ==, 2);

  /* A resource without versions updates without one and shows none. */
  g_assert_true (update_json (fx->store, WB_RESOURCE_COMPETENCES, competence_id, 0, "{\"label_en\":\"Providing care\"}", &error));
  g_assert_no_error (error);
  competence = get_ok (fx->store, WB_RESOURCE_COMPETENCES, competence_id);
  g_assert_false (json_object_has_member (competence, "version"));
  g_assert_cmpstr (json_object_get_string_member (competence, "label_en"), ==, "Providing care");
  g_assert_cmpstr (json_object_get_string_member (competence, "source"), ==, "starter");  /* the column default */
}

static void
test_transactions (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* Inside a caller's transaction the store does not commit on its own. */
  g_assert_true (wb_store_begin (fx->store, &error));
  wb_test_insert (fx->store, WB_RESOURCE_COMPETENCES, "{\"uri\":\"urn:t:1\",\"label_nl\":\"Een\"}");
  wb_test_insert (fx->store, WB_RESOURCE_COMPETENCES, "{\"uri\":\"urn:t:2\",\"label_nl\":\"Twee\"}");
  g_assert_cmpint (wb_store_count (fx->store, "competences"), ==, 2);
  wb_store_rollback (fx->store);
  g_assert_cmpint (wb_store_count (fx->store, "competences"), ==, 0);

  /* A failing statement inside leaves the transaction to the caller. */
  g_assert_true (wb_store_begin (fx->store, &error));
  wb_test_insert (fx->store, WB_RESOURCE_COMPETENCES, "{\"uri\":\"urn:t:1\",\"label_nl\":\"Een\"}");
  insert_fails (fx->store, WB_RESOURCE_COMPETENCES, "{\"uri\":\"urn:t:1\",\"label_nl\":\"Nog een\"}", WB_STORE_ERROR_CONFLICT);
  g_assert_true (wb_store_commit (fx->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (wb_store_count (fx->store, "competences"), ==, 1);

  /* Transactions do not nest. */
  g_assert_true (wb_store_begin (fx->store, &error));
  g_assert_false (wb_store_begin (fx->store, &error));
  g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_FAILED);
  wb_store_rollback (fx->store);
  wb_store_rollback (fx->store);  /* harmless without a transaction */
}

static void
test_now_and_today (Fixture       *fx,
                    gconstpointer  data)
{
  g_autofree char *now = wb_store_now ();
  g_autofree char *today = wb_store_today ();

  g_assert_true (matches_pattern ("^20\\d\\d-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$", now));
  g_assert_true (matches_pattern ("^20\\d\\d-\\d\\d-\\d\\d$", today));
  g_assert_true (wb_validate_date (today));
}

/* Lists */

static const struct {
  const char *kvk;
  const char *name;
  const char *sector;
  int employees;
} list_employers[] = {
  { "10000001", "Alfa_Bouw", "construction", 10 },
  { "10000002", "Alfa Bouw", "construction", 20 },
  { "10000003", "Zorg 100% B.V.", "care", 30 },
  { "10000004", "Zorg 1000 B.V.", "care", 40 },
  { "10000005", "Beta'); DROP TABLE employers;--", "retail", 50 },
  { "10000006", "gamma logistiek", "logistics", 60 },
  { "10000007", "Back\\slash Techniek", "technology", 70 },
};

static void
add_list_employers (Fixture *fx)
{
  for (guint i = 0; i < G_N_ELEMENTS (list_employers); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) object = json_object_new ();

      json_object_set_string_member (object, "kvk", list_employers[i].kvk);
      json_object_set_string_member (object, "name", list_employers[i].name);
      json_object_set_string_member (object, "sector", list_employers[i].sector);
      json_object_set_int_member (object, "employee_count", list_employers[i].employees);
      json_object_set_string_member (object, "pc4", "6411");
      json_object_set_int_member (object, "municipality_id", fx->heerlen);
      g_assert_cmpint (wb_store_insert (fx->store, WB_RESOURCE_EMPLOYERS, object, &error), ==, i + 1);
      g_assert_no_error (error);
    }
}

/* Lists employers and returns "name|name|…" of the page; @total gets the count of all. */
static char *
list_names (Fixture           *fx,
            const WbListQuery *query,
            gint64            *total)
{
  g_autoptr(GPtrArray) rows = list_ok (fx->store, WB_RESOURCE_EMPLOYERS, query, total);

  return join_member (rows, "name");
}

static void
test_list_sort_and_paging (Fixture       *fx,
                           gconstpointer  data)
{
  gint64 total = 0;

  add_list_employers (fx);

  /* The default sort of employers is the name, in byte order. */
  {
    WbListQuery query = { 0 };
    g_autofree char *names = list_names (fx, &query, &total);

    g_assert_cmpint (total, ==, 7);
    g_assert_cmpstr (names, ==, "Alfa Bouw|Alfa_Bouw|Back\\slash Techniek|Beta'); DROP TABLE employers;--|"
                                "Zorg 100% B.V.|Zorg 1000 B.V.|gamma logistiek");
  }
  {
    WbListQuery query = { .sort = "-employee_count" };
    g_autoptr(GPtrArray) rows = list_ok (fx->store, WB_RESOURCE_EMPLOYERS, &query, &total);
    g_autofree char *counts = join_member (rows, "employee_count");

    g_assert_cmpstr (counts, ==, "70|60|50|40|30|20|10");
  }

  /* Pages of three: the total is always all rows. */
  for (guint page = 0; page < 4; page++)
    {
      static const char * const expected[] = { "10|20|30", "40|50|60", "70", "" };
      WbListQuery query = { .sort = "employee_count", .offset = page * 3, .limit = 3 };
      g_autoptr(GPtrArray) rows = list_ok (fx->store, WB_RESOURCE_EMPLOYERS, &query, &total);
      g_autofree char *counts = join_member (rows, "employee_count");

      g_assert_cmpstr (counts, ==, expected[page]);
      g_assert_cmpint (total, ==, 7);
    }

  /* Ties keep a stable order by id, in the direction of the sort. */
  {
    WbListQuery query = { .sort = "-sector" };
    g_autoptr(GPtrArray) rows = list_ok (fx->store, WB_RESOURCE_EMPLOYERS, &query, &total);
    g_autofree char *ids = join_member (rows, "id");

    g_assert_cmpstr (ids, ==, "7|5|6|2|1|4|3");
  }

  /* Only sortable fields sort. */
  {
    WbListQuery query = { .sort = "kvk" };
    list_fails (fx->store, WB_RESOURCE_EMPLOYERS, &query);
    query.sort = "-nope";
    list_fails (fx->store, WB_RESOURCE_EMPLOYERS, &query);
    query.sort = "name; DROP TABLE employers";
    list_fails (fx->store, WB_RESOURCE_EMPLOYERS, &query);
  }
  g_assert_cmpint (wb_store_count (fx->store, "employers"), ==, 7);
}

static void
test_list_limit_default (Fixture       *fx,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  WbListQuery query = { 0 };
  gint64 total = 0;

  g_assert_true (wb_store_begin (fx->store, &error));
  for (guint i = 0; i < 105; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"uri\":\"urn:test:%03u\",\"label_nl\":\"Competentie %03u\"}", i, i);

      wb_test_insert (fx->store, WB_RESOURCE_COMPETENCES, json);
    }
  g_assert_true (wb_store_commit (fx->store, &error));

  rows = list_ok (fx->store, WB_RESOURCE_COMPETENCES, &query, &total);
  g_assert_cmpint (total, ==, 105);
  g_assert_cmpuint (rows->len, ==, 100);
  g_assert_cmpstr (json_object_get_string_member (rows->pdata[99], "label_nl"), ==, "Competentie 099");
  g_clear_pointer (&rows, g_ptr_array_unref);

  query.offset = 100;
  rows = list_ok (fx->store, WB_RESOURCE_COMPETENCES, &query, &total);
  g_assert_cmpuint (rows->len, ==, 5);

  /* Without a total asked for, none is written. */
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = wb_store_list (fx->store, WB_RESOURCE_COMPETENCES, &query, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 5);
}

static void
test_list_filters (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GHashTable) filters = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autofree char *change = NULL;
  WbListQuery query = { .filters = filters };
  gint64 total = 0;
  gint64 owner;

  add_list_employers (fx);
  owner = add_user (fx, fx->org_b, "wsp.am", "account_manager_wsp");
  change = g_strdup_printf ("{\"owner_id\":%" G_GINT64_FORMAT ",\"arrangement\":true}", owner);
  g_assert_true (update_json (fx->store, WB_RESOURCE_EMPLOYERS, 4, 1, change, &error));
  g_assert_no_error (error);

  g_hash_table_insert (filters, (gpointer) "sector", (gpointer) "construction");
  {
    g_autofree char *names = list_names (fx, &query, &total);
    g_assert_cmpint (total, ==, 2);
    g_assert_cmpstr (names, ==, "Alfa Bouw|Alfa_Bouw");
  }

  /* Two filters: both hold. */
  g_hash_table_insert (filters, (gpointer) "sector", (gpointer) "care");
  g_hash_table_insert (filters, (gpointer) "employee_count", (gpointer) "40");
  {
    g_autofree char *names = list_names (fx, &query, &total);
    g_assert_cmpint (total, ==, 1);
    g_assert_cmpstr (names, ==, "Zorg 1000 B.V.");
  }

  /* References, booleans and "null". */
  g_hash_table_remove_all (filters);
  g_hash_table_insert (filters, (gpointer) "owner_id", (gpointer) "null");
  {
    g_autofree char *names = list_names (fx, &query, &total);
    g_assert_cmpint (total, ==, 6);
  }
  {
    g_autofree char *owner_text = g_strdup_printf ("%" G_GINT64_FORMAT, owner);
    g_autofree char *names = NULL;

    g_hash_table_insert (filters, (gpointer) "owner_id", owner_text);
    names = list_names (fx, &query, &total);
    g_assert_cmpint (total, ==, 1);
    g_assert_cmpstr (names, ==, "Zorg 1000 B.V.");
    g_hash_table_remove (filters, "owner_id");
  }
  g_hash_table_insert (filters, (gpointer) "arrangement", (gpointer) "true");
  {
    g_autofree char *names = list_names (fx, &query, &total);
    g_assert_cmpint (total, ==, 1);
    g_assert_cmpstr (names, ==, "Zorg 1000 B.V.");
  }
  g_hash_table_insert (filters, (gpointer) "arrangement", (gpointer) "false");
  g_hash_table_insert (filters, (gpointer) "active", (gpointer) "1");
  {
    g_autofree char *names = list_names (fx, &query, &total);
    g_assert_cmpint (total, ==, 6);
  }

  /* A filter value is a value, never SQL. */
  g_hash_table_remove_all (filters);
  g_hash_table_insert (filters, (gpointer) "sector", (gpointer) "care' OR '1'='1");
  {
    g_autofree char *names = list_names (fx, &query, &total);
    g_assert_cmpint (total, ==, 0);
    g_assert_cmpstr (names, ==, "");
  }

  /* Only filterable fields, with values of the right type. */
  g_hash_table_remove_all (filters);
  g_hash_table_insert (filters, (gpointer) "name", (gpointer) "Alfa_Bouw");
  list_fails (fx->store, WB_RESOURCE_EMPLOYERS, &query);
  g_hash_table_remove_all (filters);
  g_hash_table_insert (filters, (gpointer) "colour", (gpointer) "red");
  list_fails (fx->store, WB_RESOURCE_EMPLOYERS, &query);
  g_hash_table_remove_all (filters);
  g_hash_table_insert (filters, (gpointer) "employee_count", (gpointer) "many");
  list_fails (fx->store, WB_RESOURCE_EMPLOYERS, &query);
  g_hash_table_remove_all (filters);
  g_hash_table_insert (filters, (gpointer) "active", (gpointer) "yes");
  list_fails (fx->store, WB_RESOURCE_EMPLOYERS, &query);
  g_assert_cmpint (wb_store_count (fx->store, "employers"), ==, 7);
}

static void
test_list_search (Fixture       *fx,
                  gconstpointer  data)
{
  static const struct { const char *q; gint64 total; const char *names; } cases[] = {
    /* LIKE wildcards in the search text are literal. */
    { "100%", 1, "Zorg 100% B.V." },
    { "%", 1, "Zorg 100% B.V." },
    { "_", 1, "Alfa_Bouw" },
    { "a_B", 1, "Alfa_Bouw" },
    { "\\", 1, "Back\\slash Techniek" },
    /* Case does not matter, parts of words match. */
    { "GAMMA", 1, "gamma logistiek" },
    { "alfa", 2, "Alfa Bouw|Alfa_Bouw" },
    { "zorg", 2, "Zorg 100% B.V.|Zorg 1000 B.V." },
    /* SQL in the search text is text. */
    { "DROP TABLE", 1, "Beta'); DROP TABLE employers;--" },
    { "'); DROP TABLE employers;--", 1, "Beta'); DROP TABLE employers;--" },
    { "' OR 1=1 --", 0, "" },
    { "zzz", 0, "" },
  };
  g_autoptr(GHashTable) filters = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(JsonObject) injected = NULL;
  gint64 total = 0;

  add_list_employers (fx);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      WbListQuery query = { .q = cases[i].q };
      g_autofree char *names = list_names (fx, &query, &total);

      g_test_message ("q=%s", cases[i].q);
      g_assert_cmpint (total, ==, cases[i].total);
      g_assert_cmpstr (names, ==, cases[i].names);
    }

  /* The text with SQL in it was stored as it came, and the table is whole. */
  injected = get_ok (fx->store, WB_RESOURCE_EMPLOYERS, 5);
  g_assert_cmpstr (json_object_get_string_member (injected, "name"), ==, "Beta'); DROP TABLE employers;--");
  g_assert_cmpint (wb_store_count (fx->store, "employers"), ==, 7);

  /* Search, filters and paging together: the total counts the matches, not the page. */
  g_hash_table_insert (filters, (gpointer) "sector", (gpointer) "care");
  {
    WbListQuery query = { .q = "b.v.", .filters = filters, .sort = "-name", .limit = 1 };
    g_autofree char *names = list_names (fx, &query, &total);

    g_assert_cmpint (total, ==, 2);
    g_assert_cmpstr (names, ==, "Zorg 1000 B.V.");
  }
  g_hash_table_insert (filters, (gpointer) "sector", (gpointer) "construction");
  {
    WbListQuery query = { .q = "zorg", .filters = filters };
    g_autofree char *names = list_names (fx, &query, &total);

    g_assert_cmpint (total, ==, 0);
  }

  /* A resource without search fields finds nothing. */
  wb_test_insert (fx->store, WB_RESOURCE_TARGETS,
                  "{\"metric\":\"outflow\",\"level\":\"region\",\"level_key\":\"Parkstad\",\"period\":\"2019\",\"value\":1}");
  {
    WbListQuery query = { .q = "Parkstad" };
    g_autoptr(GPtrArray) rows = list_ok (fx->store, WB_RESOURCE_TARGETS, &query, &total);

    g_assert_cmpint (total, ==, 0);
    g_assert_cmpuint (rows->len, ==, 0);
  }
}

static void
test_list_nested (Fixture       *fx,
                  gconstpointer  data)
{
  gint64 total = 0;

  add_list_employers (fx);
  wb_test_insert (fx->store, WB_RESOURCE_CONTACTS, "{\"employer_id\":1,\"name\":\"Bea\",\"function\":\"HR\"}");
  wb_test_insert (fx->store, WB_RESOURCE_CONTACTS, "{\"employer_id\":1,\"name\":\"Anton\"}");
  wb_test_insert (fx->store, WB_RESOURCE_CONTACTS, "{\"employer_id\":2,\"name\":\"Carla\"}");

  for (guint i = 0; i < 3; i++)
    {
      static const gint64 parents[] = { 1, 2, 0 };
      static const gint64 totals[] = { 2, 1, 3 };
      static const char * const names[] = { "Anton|Bea", "Carla", "Anton|Bea|Carla" };
      WbListQuery query = { .parent_id = parents[i] };
      g_autoptr(GPtrArray) rows = list_ok (fx->store, WB_RESOURCE_CONTACTS, &query, &total);
      g_autofree char *joined = join_member (rows, "name");

      g_assert_cmpint (total, ==, totals[i]);
      g_assert_cmpstr (joined, ==, names[i]);
    }
}

/* Nested collections of a client */

typedef struct {
  gint64 care, forklift, customers;   /* competences */
  gint64 warehouse, cook;             /* occupations */
} Taxonomy;

static void
add_taxonomy (Fixture  *fx,
              Taxonomy *t)
{
  t->care = wb_test_insert (fx->store, WB_RESOURCE_COMPETENCES, "{\"uri\":\"urn:test:care\",\"label_nl\":\"Zorg verlenen\"}");
  t->forklift = wb_test_insert (fx->store, WB_RESOURCE_COMPETENCES, "{\"uri\":\"urn:test:forklift\",\"label_nl\":\"Heftruck rijden\"}");
  t->customers = wb_test_insert (fx->store, WB_RESOURCE_COMPETENCES, "{\"uri\":\"urn:test:customers\",\"label_en\":\"Serve customers\"}");
  t->warehouse = wb_test_insert (fx->store, WB_RESOURCE_OCCUPATIONS, "{\"uri\":\"urn:test:warehouse\",\"label_nl\":\"Magazijnmedewerker\"}");
  t->cook = wb_test_insert (fx->store, WB_RESOURCE_OCCUPATIONS, "{\"uri\":\"urn:test:cook\",\"label_nl\":\"Kok\"}");
}

static char *
competences_of (JsonObject *object)
{
  JsonArray *array = json_object_get_array_member (object, "competences");
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *item = json_array_get_object_element (array, i);

      g_string_append_printf (s, "%s%s:%" G_GINT64_FORMAT ":%s", i > 0 ? "|" : "",
                              json_object_get_string_member (item, "label"),
                              json_object_get_int_member (item, "level"),
                              json_object_has_member (item, "evidence")
                              ? json_object_get_string_member (item, "evidence")
                              : json_object_get_boolean_member (item, "essential") ? "essential" : "optional");
    }
  return g_string_free (s, FALSE);
}

static char *
work_experience_of (JsonObject *object)
{
  JsonArray *array = json_object_get_array_member (object, "work_experience");
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *item = json_array_get_object_element (array, i);

      g_string_append_printf (s, "%s%s:%.1f", i > 0 ? "|" : "",
                              json_object_get_string_member (item, "label"),
                              json_object_get_double_member (item, "years"));
    }
  return g_string_free (s, FALSE);
}

static char *
sectors_of (JsonObject *object)
{
  JsonArray *array = json_object_get_array_member (object, "sector_preferences");
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    g_string_append_printf (s, "%s%s", i > 0 ? "|" : "", json_array_get_string_element (array, i));
  return g_string_free (s, FALSE);
}

static gint64
add_diagnosis (Fixture    *fx,
               gint64      client,
               const char *date,
               const char *competences)
{
  g_autofree char *json = g_strdup_printf ("{\"client_id\":%" G_GINT64_FORMAT ",\"date\":\"%s\",\"source\":\"competensys\","
                                           "\"competences\":[%s]}", client, date, competences);

  return wb_test_insert (fx->store, WB_RESOURCE_DIAGNOSES, json);
}

static void
test_nested_diagnosis (Fixture       *fx,
                       gconstpointer  data)
{
  Taxonomy t;
  gint64 client, first;
  g_autofree char *c1 = NULL;
  g_autofree char *c2 = NULL;

  add_taxonomy (fx, &t);
  client = add_client (fx, "111222333", NULL);

  {
    g_autoptr(JsonObject) object = get_ok (fx->store, WB_RESOURCE_CLIENTS, client);
    g_autofree char *competences = competences_of (object);

    g_assert_cmpstr (competences, ==, "");
    g_assert_true (json_object_get_null_member (object, "diagnosis_date"));
  }

  /* A diagnosis brings its competences and dates the client's diagnosis. */
  c1 = g_strdup_printf ("{\"competence_id\":%" G_GINT64_FORMAT ",\"level\":3,\"evidence\":\"work\"},"
                        "{\"competence_id\":%" G_GINT64_FORMAT ",\"level\":5,\"evidence\":\"education\"},"
                        "{\"competence_id\":%" G_GINT64_FORMAT ",\"level\":2}", t.forklift, t.care, t.customers);
  first = add_diagnosis (fx, client, "2025-03-01", c1);
  {
    g_autoptr(JsonObject) object = get_ok (fx->store, WB_RESOURCE_CLIENTS, client);
    g_autoptr(JsonObject) diagnosis = get_ok (fx->store, WB_RESOURCE_DIAGNOSES, first);
    g_autofree char *competences = competences_of (object);
    g_autofree char *diagnosed = competences_of (diagnosis);

    g_assert_cmpstr (json_object_get_string_member (object, "diagnosis_date"), ==, "2025-03-01");
    /* Highest level first; the English label when there is no Dutch one; practical by default. */
    g_assert_cmpstr (competences, ==, "Zorg verlenen:5:education|Heftruck rijden:3:work|Serve customers:2:practical");
    g_assert_cmpstr (diagnosed, ==, competences);
    g_assert_cmpint (json_object_get_int_member (diagnosis, "client_id"), ==, client);
    /* Dating the diagnosis is the server's bookkeeping, not a change of the client. */
    g_assert_cmpint (json_object_get_int_member (object, "version"), ==, 1);
  }
  g_assert_cmpint (wb_store_count (fx->store, "diagnosis_competences"), ==, 3);

  /* A newer diagnosis replaces what the client shows. */
  c2 = g_strdup_printf ("{\"competence_id\":%" G_GINT64_FORMAT ",\"level\":4,\"evidence\":\"practical\"}", t.forklift);
  add_diagnosis (fx, client, "2026-01-15", c2);
  {
    g_autoptr(JsonObject) object = get_ok (fx->store, WB_RESOURCE_CLIENTS, client);
    g_autofree char *competences = competences_of (object);

    g_assert_cmpstr (json_object_get_string_member (object, "diagnosis_date"), ==, "2026-01-15");
    g_assert_cmpstr (competences, ==, "Heftruck rijden:4:practical");
  }

  /* An older one entered late changes neither. */
  add_diagnosis (fx, client, "2024-06-30", c1);
  {
    g_autoptr(JsonObject) object = get_ok (fx->store, WB_RESOURCE_CLIENTS, client);
    g_autofree char *competences = competences_of (object);

    g_assert_cmpstr (json_object_get_string_member (object, "diagnosis_date"), ==, "2026-01-15");
    g_assert_cmpstr (competences, ==, "Heftruck rijden:4:practical");
  }
  g_assert_cmpint (wb_store_count (fx->store, "diagnoses"), ==, 3);
  g_assert_cmpint (wb_store_count (fx->store, "diagnosis_competences"), ==, 7);
}

static void
test_nested_diagnosis_rollback (Fixture       *fx,
                                gconstpointer  data)
{
  Taxonomy t;
  gint64 client;
  g_autofree char *good = NULL;

  add_taxonomy (fx, &t);
  client = add_client (fx, "111222333", NULL);
  good = g_strdup_printf ("{\"competence_id\":%" G_GINT64_FORMAT ",\"level\":3}", t.care);
  add_diagnosis (fx, client, "2025-03-01", good);

  for (guint i = 0; i < 5; i++)
    {
      /* One good item first, then a bad one: nothing of the diagnosis may remain. */
      g_autofree char *bad = NULL;
      g_autofree char *json = NULL;
      g_autoptr(JsonObject) object = NULL;
      g_autofree char *competences = NULL;

      switch (i)
        {
        case 0:  /* a level above five */
          bad = g_strdup_printf ("{\"competence_id\":%" G_GINT64_FORMAT ",\"level\":9}", t.forklift);
          break;
        case 1:  /* no level */
          bad = g_strdup_printf ("{\"competence_id\":%" G_GINT64_FORMAT "}", t.forklift);
          break;
        case 2:  /* evidence of an unknown kind */
          bad = g_strdup_printf ("{\"competence_id\":%" G_GINT64_FORMAT ",\"level\":2,\"evidence\":\"rumour\"}", t.forklift);
          break;
        case 3:  /* no such competence */
          bad = g_strdup ("{\"competence_id\":4242,\"level\":2}");
          break;
        case 4:  /* not an object */
        default:
          bad = g_strdup ("\"not an object\"");
          break;
        }
      json = g_strdup_printf ("{\"client_id\":%" G_GINT64_FORMAT ",\"date\":\"2026-02-01\",\"source\":\"intake\","
                              "\"competences\":[{\"competence_id\":%" G_GINT64_FORMAT ",\"level\":4},%s]}",
                              client, t.customers, bad);
      g_test_message ("%s", json);
      insert_fails (fx->store, WB_RESOURCE_DIAGNOSES, json, WB_STORE_ERROR_INVALID);

      g_assert_cmpint (wb_store_count (fx->store, "diagnoses"), ==, 1);
      g_assert_cmpint (wb_store_count (fx->store, "diagnosis_competences"), ==, 1);
      object = get_ok (fx->store, WB_RESOURCE_CLIENTS, client);
      competences = competences_of (object);
      g_assert_cmpstr (json_object_get_string_member (object, "diagnosis_date"), ==, "2025-03-01");
      g_assert_cmpstr (competences, ==, "Zorg verlenen:3:practical");
    }
}

static void
test_nested_replace (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *extra = NULL;
  g_autofree char *change = NULL;
  Taxonomy t;
  gint64 client;

  add_taxonomy (fx, &t);
  extra = g_strdup_printf ("\"work_experience\":[{\"occupation_id\":%" G_GINT64_FORMAT ",\"years\":1},"
                           "{\"occupation_id\":%" G_GINT64_FORMAT ",\"years\":3.5}],"
                           "\"sector_preferences\":[\"retail\",\"care\",\"care\"]", t.cook, t.warehouse);
  client = add_client (fx, "111222333", extra);

  {
    g_autoptr(JsonObject) object = get_ok (fx->store, WB_RESOURCE_CLIENTS, client);
    g_autofree char *work = work_experience_of (object);
    g_autofree char *sectors = sectors_of (object);

    g_assert_cmpstr (work, ==, "Magazijnmedewerker:3.5|Kok:1.0");
    g_assert_cmpstr (sectors, ==, "care|retail");   /* a set, sorted */
  }

  /* A list given replaces the old one; a list not given stays. */
  g_assert_true (update_json (fx->store, WB_RESOURCE_CLIENTS, client, 1, "{\"sector_preferences\":[\"logistics\"]}", &error));
  g_assert_no_error (error);
  {
    g_autoptr(JsonObject) object = get_ok (fx->store, WB_RESOURCE_CLIENTS, client);
    g_autofree char *work = work_experience_of (object);
    g_autofree char *sectors = sectors_of (object);

    g_assert_cmpstr (sectors, ==, "logistics");
    g_assert_cmpstr (work, ==, "Magazijnmedewerker:3.5|Kok:1.0");
    g_assert_cmpint (json_object_get_int_member (object, "version"), ==, 2);
  }

  change = g_strdup_printf ("{\"phase\":\"work_ready\",\"work_experience\":[{\"occupation_id\":%" G_GINT64_FORMAT
                            ",\"years\":6}]}", t.cook);
  g_assert_true (update_json (fx->store, WB_RESOURCE_CLIENTS, client, 2, change, &error));
  g_assert_true (update_json (fx->store, WB_RESOURCE_CLIENTS, client, 3, "{\"family_name\":\"Anders\"}", &error));
  g_assert_no_error (error);
  {
    g_autoptr(JsonObject) object = get_ok (fx->store, WB_RESOURCE_CLIENTS, client);
    g_autofree char *work = work_experience_of (object);
    g_autofree char *sectors = sectors_of (object);

    g_assert_cmpstr (work, ==, "Kok:6.0");
    g_assert_cmpstr (sectors, ==, "logistics");
    g_assert_cmpstr (json_object_get_string_member (object, "phase"), ==, "work_ready");
  }

  /* An empty list empties. */
  g_assert_true (update_json (fx->store, WB_RESOURCE_CLIENTS, client, 4, "{\"work_experience\":[],\"sector_preferences\":[]}", &error));
  {
    g_autoptr(JsonObject) object = get_ok (fx->store, WB_RESOURCE_CLIENTS, client);
    g_autofree char *work = work_experience_of (object);
    g_autofree char *sectors = sectors_of (object);

    g_assert_cmpstr (work, ==, "");
    g_assert_cmpstr (sectors, ==, "");
  }
  g_assert_cmpint (wb_store_count (fx->store, "work_experience"), ==, 0);
  g_assert_cmpint (wb_store_count (fx->store, "sector_preferences"), ==, 0);

  /* A bad item in an update changes nothing: not the lists, not the fields, not the version. */
  g_assert_true (update_json (fx->store, WB_RESOURCE_CLIENTS, client, 5, "{\"sector_preferences\":[\"care\"]}", &error));
  g_assert_false (update_json (fx->store, WB_RESOURCE_CLIENTS, client, 6,
                               "{\"phase\":\"placed\",\"sector_preferences\":[\"logistics\",\"space_travel\"]}", &error));
  g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID);
  {
    g_autoptr(JsonObject) object = get_ok (fx->store, WB_RESOURCE_CLIENTS, client);
    g_autofree char *sectors = sectors_of (object);

    g_assert_cmpstr (sectors, ==, "care");
    g_assert_cmpstr (json_object_get_string_member (object, "phase"), ==, "work_ready");
    g_assert_cmpint (json_object_get_int_member (object, "version"), ==, 6);
  }
}

static void
test_nested_client_rollback (Fixture       *fx,
                             gconstpointer  data)
{
  Taxonomy t;
  g_autoptr(GHashTable) filters = g_hash_table_new (g_str_hash, g_str_equal);
  WbListQuery query = { .filters = filters };

  add_taxonomy (fx, &t);
  add_client (fx, "123456782", NULL);

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *extra = NULL;
      g_autofree char *json = NULL;
      g_autoptr(GPtrArray) rows = NULL;
      gint64 total = -1;

      switch (i)
        {
        case 0:  /* an item without its occupation */
          extra = g_strdup_printf ("\"sector_preferences\":[\"care\"],\"work_experience\":[{\"occupation_id\":%"
                                   G_GINT64_FORMAT ",\"years\":2},{\"years\":2}]", t.cook);
          break;
        case 1:  /* an occupation that does not exist */
          extra = g_strdup_printf ("\"sector_preferences\":[\"care\"],\"work_experience\":[{\"occupation_id\":%"
                                   G_GINT64_FORMAT ",\"years\":2},{\"occupation_id\":4242}]", t.cook);
          break;
        case 2:  /* an unknown sector */
          extra = g_strdup_printf ("\"work_experience\":[{\"occupation_id\":%" G_GINT64_FORMAT "}],"
                                   "\"sector_preferences\":[\"care\",\"space_travel\"]", t.cook);
          break;
        case 3:  /* a sector that is not a text */
          extra = g_strdup ("\"sector_preferences\":[\"care\",7]");
          break;
        case 4:  /* an item that is not an object */
        default:
          extra = g_strdup ("\"sector_preferences\":[\"care\"],\"work_experience\":[3]");
          break;
        }
      json = client_json (fx, "111222333", extra);
      g_test_message ("%s", json);
      insert_fails (fx->store, WB_RESOURCE_CLIENTS, json, WB_STORE_ERROR_INVALID);

      /* No client row left, and nothing hanging from one. */
      g_assert_cmpint (wb_store_count (fx->store, "clients"), ==, 1);
      g_assert_cmpint (wb_store_count (fx->store, "work_experience"), ==, 0);
      g_assert_cmpint (wb_store_count (fx->store, "sector_preferences"), ==, 0);
      g_hash_table_insert (filters, (gpointer) "bsn", (gpointer) "111222333");
      rows = list_ok (fx->store, WB_RESOURCE_CLIENTS, &query, &total);
      g_assert_cmpint (total, ==, 0);
    }

  /* The same client with good lists goes in. */
  {
    g_autofree char *extra = g_strdup_printf ("\"work_experience\":[{\"occupation_id\":%" G_GINT64_FORMAT "}],"
                                              "\"sector_preferences\":[\"care\"]", t.cook);

    add_client (fx, "111222333", extra);
    g_assert_cmpint (wb_store_count (fx->store, "clients"), ==, 2);
    g_assert_cmpint (wb_store_count (fx->store, "work_experience"), ==, 1);
  }
}

static void
test_nested_vacancy_and_organisation (Fixture       *fx,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *employer = g_strdup_printf ("{\"kvk\":\"87654321\",\"name\":\"Logistiek\",\"sector\":\"logistics\","
                                               "\"employee_count\":80,\"pc4\":\"6422\",\"municipality_id\":%"
                                               G_GINT64_FORMAT "}", fx->heerlen);
  g_autofree char *vacancy = NULL;
  g_autofree char *munis = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  WbListQuery query = { 0 };
  Taxonomy t;
  gint64 employer_id, vacancy_id, total;

  add_taxonomy (fx, &t);
  employer_id = wb_test_insert (fx->store, WB_RESOURCE_EMPLOYERS, employer);
  vacancy = g_strdup_printf ("{\"employer_id\":%" G_GINT64_FORMAT ",\"title\":\"Heftruckchauffeur\",\"sector\":\"logistics\","
                             "\"hours\":32,\"pc4\":\"6422\",\"positions\":1,\"opened_at\":\"2026-03-01\",\"competences\":["
                             "{\"competence_id\":%" G_GINT64_FORMAT ",\"level\":3},"
                             "{\"competence_id\":%" G_GINT64_FORMAT ",\"level\":2,\"essential\":false}]}",
                             employer_id, t.forklift, t.customers);
  vacancy_id = wb_test_insert (fx->store, WB_RESOURCE_VACANCIES, vacancy);
  {
    g_autoptr(JsonObject) object = get_ok (fx->store, WB_RESOURCE_VACANCIES, vacancy_id);
    g_autofree char *competences = competences_of (object);

    g_assert_cmpstr (competences, ==, "Heftruck rijden:3:essential|Serve customers:2:optional");
    g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "open");
  }
  /* Lists of vacancies carry their competences too. */
  rows = list_ok (fx->store, WB_RESOURCE_VACANCIES, &query, &total);
  g_assert_cmpint (total, ==, 1);
  {
    g_autofree char *competences = competences_of (rows->pdata[0]);
    g_assert_cmpstr (competences, ==, "Heftruck rijden:3:essential|Serve customers:2:optional");
  }

  /* Municipalities of an organisation: a set, replaced as a whole. */
  munis = g_strdup_printf ("{\"municipality_ids\":[%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT "]}",
                           fx->maastricht, fx->heerlen, fx->heerlen);
  g_assert_true (update_json (fx->store, WB_RESOURCE_ORGANISATIONS, fx->org_a, 1, munis, &error));
  g_assert_no_error (error);
  {
    g_autoptr(JsonObject) object = get_ok (fx->store, WB_RESOURCE_ORGANISATIONS, fx->org_a);
    JsonArray *ids = json_object_get_array_member (object, "municipality_ids");

    g_assert_cmpuint (json_array_get_length (ids), ==, 2);
    g_assert_cmpint (json_array_get_int_element (ids, 0), ==, MIN (fx->heerlen, fx->maastricht));
    g_assert_cmpint (json_array_get_int_element (ids, 1), ==, MAX (fx->heerlen, fx->maastricht));
  }
  g_free (munis);
  munis = g_strdup_printf ("{\"municipality_ids\":[%" G_GINT64_FORMAT "]}", fx->maastricht);
  g_assert_true (update_json (fx->store, WB_RESOURCE_ORGANISATIONS, fx->org_a, 2, munis, &error));
  g_assert_cmpint (wb_store_count (fx->store, "organisation_municipalities"), ==, 1);
}

/* References */

static void
test_check_references (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) wb_field_error_free);
  g_autofree char *client = NULL;
  g_autofree char *good = NULL;
  g_autofree char *diagnosis = NULL;
  g_autofree char *organisation = NULL;
  Taxonomy t;
  gint64 user;

  add_taxonomy (fx, &t);
  user = add_user (fx, fx->org_a, "consulent", "consultant");

  /* Three references to nothing: the municipality, the case manager and the second job. */
  client = g_strdup_printf ("{\"organisation_id\":%" G_GINT64_FORMAT ",\"municipality_id\":4242,\"case_manager_id\":4343,"
                            "\"wsp_account_manager_id\":%" G_GINT64_FORMAT ",\"work_experience\":[{\"occupation_id\":%"
                            G_GINT64_FORMAT "},{\"occupation_id\":4444}]}", fx->org_a, user, t.cook);
  {
    g_autoptr(JsonNode) node = json_from_string (client, NULL);

    wb_store_check_references (fx->store, WB_RESOURCE_CLIENTS, json_node_get_object (node), errors);
  }
  g_assert_cmpuint (errors->len, ==, 3);
  g_assert_cmpstr (((WbFieldError *) errors->pdata[0])->field, ==, "municipality_id");
  g_assert_cmpstr (((WbFieldError *) errors->pdata[1])->field, ==, "case_manager_id");
  g_assert_cmpstr (((WbFieldError *) errors->pdata[2])->field, ==, "work_experience[1]");
  g_assert_nonnull (strstr (((WbFieldError *) errors->pdata[0])->message, "4242"));
  g_assert_nonnull (strstr (((WbFieldError *) errors->pdata[2])->message, "4444"));

  /* Everything there: no errors. Null and wrongly typed references are validation's job. */
  g_ptr_array_set_size (errors, 0);
  good = g_strdup_printf ("{\"organisation_id\":%" G_GINT64_FORMAT ",\"municipality_id\":%" G_GINT64_FORMAT ","
                          "\"case_manager_id\":null,\"wsp_account_manager_id\":\"7\"}", fx->org_a, fx->heerlen);
  {
    g_autoptr(JsonNode) node = json_from_string (good, NULL);

    wb_store_check_references (fx->store, WB_RESOURCE_CLIENTS, json_node_get_object (node), errors);
  }
  g_assert_cmpuint (errors->len, ==, 0);

  /* Competences of a diagnosis, and municipalities of an organisation. */
  diagnosis = g_strdup_printf ("{\"competences\":[{\"competence_id\":4545,\"level\":1},{\"competence_id\":%" G_GINT64_FORMAT
                               ",\"level\":2}]}", t.care);
  {
    g_autoptr(JsonNode) node = json_from_string (diagnosis, NULL);

    wb_store_check_references (fx->store, WB_RESOURCE_DIAGNOSES, json_node_get_object (node), errors);
  }
  g_assert_cmpuint (errors->len, ==, 1);
  g_assert_cmpstr (((WbFieldError *) errors->pdata[0])->field, ==, "competences[0]");

  g_ptr_array_set_size (errors, 0);
  organisation = g_strdup_printf ("{\"municipality_ids\":[%" G_GINT64_FORMAT ",4646]}", fx->heerlen);
  {
    g_autoptr(JsonNode) node = json_from_string (organisation, NULL);

    wb_store_check_references (fx->store, WB_RESOURCE_ORGANISATIONS, json_node_get_object (node), errors);
  }
  g_assert_cmpuint (errors->len, ==, 1);
  g_assert_cmpstr (((WbFieldError *) errors->pdata[0])->field, ==, "municipality_ids[1]");
}

/* Audit */

static void
test_audit (Fixture       *fx,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) filters = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *user_text = NULL;
  gint64 user, total = 0;

  user = add_user (fx, fx->org_a, "coordinator", "coordinator");
  user_text = g_strdup_printf ("%" G_GINT64_FORMAT, user);

  g_assert_true (wb_store_audit (fx->store, user, fx->org_a, "read", "clients", 12, "intake interview", &error));
  g_assert_true (wb_store_audit (fx->store, user, fx->org_a, "update", "clients", 12, NULL, &error));
  g_assert_true (wb_store_audit (fx->store, 0, 0, "read", "employers", 3, "import", &error));
  g_assert_no_error (error);

  /* Newest first; who, when, which record and why. */
  {
    WbListQuery query = { 0 };
    g_autoptr(GPtrArray) rows = list_ok (fx->store, WB_RESOURCE_AUDIT, &query, &total);
    g_autofree char *actions = join_member (rows, "action");
    g_autofree char *reasons = join_member (rows, "reason");
    g_autofree char *users = join_member (rows, "user_id");
    g_autofree char *expected_users = g_strdup_printf ("null|%s|%s", user_text, user_text);
    JsonObject *last = rows->pdata[2];

    g_assert_cmpint (total, ==, 3);
    g_assert_cmpstr (actions, ==, "read|update|read");
    g_assert_cmpstr (reasons, ==, "import|null|intake interview");
    g_assert_cmpstr (users, ==, expected_users);
    g_assert_cmpstr (json_object_get_string_member (last, "resource"), ==, "clients");
    g_assert_cmpint (json_object_get_int_member (last, "resource_id"), ==, 12);
    g_assert_cmpint (json_object_get_int_member (last, "organisation_id"), ==, fx->org_a);
    g_assert_true (matches_pattern ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$",
                                    json_object_get_string_member (last, "at")));
  }

  g_hash_table_insert (filters, (gpointer) "user_id", user_text);
  g_hash_table_insert (filters, (gpointer) "action", (gpointer) "read");
  {
    WbListQuery query = { .filters = filters };
    g_autoptr(GPtrArray) rows = list_ok (fx->store, WB_RESOURCE_AUDIT, &query, &total);

    g_assert_cmpint (total, ==, 1);
    g_assert_cmpstr (json_object_get_string_member (rows->pdata[0], "reason"), ==, "intake interview");
  }

  /* The audit names real users only. */
  g_assert_false (wb_store_audit (fx->store, 4242, fx->org_a, "read", "clients", 12, NULL, &error));
  g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID);
  g_assert_cmpint (wb_store_count (fx->store, "audit_log"), ==, 3);
}

/* Users, passwords and sessions */

static void
test_passwords_and_tokens (Fixture       *fx,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = wb_password_hash ("correct horse battery", &error);
  g_autofree char *again = NULL;
  g_autofree char *token = wb_token_new ();
  g_autofree char *other = wb_token_new ();
  g_autofree char *token_hash = wb_token_hash (token);
  g_autofree char *abc = wb_token_hash ("abc");

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (hash, "$argon2id$"));
  g_assert_null (strstr (hash, "correct horse"));
  g_assert_true (wb_password_verify (hash, "correct horse battery"));
  g_assert_false (wb_password_verify (hash, "correct horse batterY"));
  g_assert_false (wb_password_verify (hash, ""));
  g_assert_false (wb_password_verify (hash, NULL));
  g_assert_false (wb_password_verify (NULL, "correct horse battery"));
  g_assert_false (wb_password_verify ("$argon2id$garbage", "correct horse battery"));

  /* The dummy hash of an unknown username costs what a user's hash costs, or its time
   * would tell which usernames exist; and it lets no password in. */
  g_assert_true (wb_password_has_current_cost (hash));
  g_assert_true (wb_password_has_current_cost (wb_password_dummy_hash ()));
  g_assert_false (wb_password_has_current_cost ("$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA"));
  g_assert_false (wb_password_has_current_cost ("$argon2i$garbage"));
  g_assert_false (wb_password_verify (wb_password_dummy_hash (), "correct horse battery"));
  g_assert_false (wb_password_verify (wb_password_dummy_hash (), ""));

  /* Salted: the same password hashes differently each time, and both verify. */
  again = wb_password_hash ("correct horse battery", &error);
  g_assert_cmpstr (again, !=, hash);
  g_assert_true (wb_password_verify (again, "correct horse battery"));

  g_assert_true (matches_pattern ("^[0-9a-f]{64}$", token));
  g_assert_cmpstr (token, !=, other);
  g_assert_true (matches_pattern ("^[0-9a-f]{64}$", token_hash));
  g_assert_cmpstr (token_hash, !=, token);
  /* SHA-256 of "abc" (FIPS 180-2). */
  g_assert_cmpstr (abc, ==, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void
test_users (Fixture       *fx,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbStoreUser) by_name = NULL;
  g_autoptr(WbStoreUser) by_id = NULL;
  g_autoptr(WbStoreUser) changed = NULL;
  g_autoptr(WbStoreUser) nobody = NULL;
  g_autoptr(JsonObject) object = NULL;
  gint64 id;

  id = wb_store_add_user (fx->store, fx->org_b, "p.wsp", "Pim WSP", "account_manager_wsp", "$argon2id$fake", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  by_name = wb_store_find_user (fx->store, "p.wsp", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (by_name->id, ==, id);
  g_assert_cmpint (by_name->organisation_id, ==, fx->org_b);
  g_assert_cmpstr (by_name->username, ==, "p.wsp");
  g_assert_cmpstr (by_name->display_name, ==, "Pim WSP");
  g_assert_cmpstr (by_name->role, ==, "account_manager_wsp");
  g_assert_cmpstr (by_name->password_hash, ==, "$argon2id$fake");
  g_assert_true (by_name->active);

  by_id = wb_store_find_user (fx->store, NULL, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (by_id->username, ==, "p.wsp");

  /* The hash never leaves through the generic record. */
  object = get_ok (fx->store, WB_RESOURCE_USERS, id);
  g_assert_false (json_object_has_member (object, "password_hash"));
  g_assert_true (json_object_get_boolean_member (object, "active"));

  g_assert_true (wb_store_set_password_hash (fx->store, id, "$argon2id$other", &error));
  changed = wb_store_find_user (fx->store, "p.wsp", 0, &error);
  g_assert_cmpstr (changed->password_hash, ==, "$argon2id$other");

  nobody = wb_store_find_user (fx->store, "nobody", 0, &error);
  g_assert_null (nobody);
  g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (wb_store_find_user (fx->store, NULL, 4242, &error));
  g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A username is taken once; the failed attempt leaves nothing. */
  g_assert_cmpint (wb_store_add_user (fx->store, fx->org_a, "p.wsp", "Another", "consultant", NULL, &error), ==, 0);
  g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_cmpint (wb_store_add_user (fx->store, 4242, "ghost", "Ghost", "consultant", NULL, &error), ==, 0);
  g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (wb_store_count (fx->store, "users"), ==, 1);

  g_assert_cmpint (wb_store_find_organisation (fx->store, "wsp-b", &error), ==, fx->org_b);
  g_assert_no_error (error);
  g_assert_cmpint (wb_store_find_organisation (fx->store, "wsp-x", &error), ==, 0);
  g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_NOT_FOUND);
}

static void
test_sessions (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token = wb_token_new ();
  g_autofree char *token_hash = wb_token_hash (token);
  g_autofree char *leaver_token = wb_token_hash ("leaver");
  g_autofree char *inactive_token = wb_token_hash ("inactive");
  g_autofree char *future_token = wb_token_hash ("future");
  /* 2026-03-02 12:00 UTC: far enough from midnight for any time zone. */
  const gint64 now = 1772452800;
  gint64 user, leaver, inactive, future;

  user = add_user (fx, fx->org_a, "ann", "consultant");
  leaver = add_user (fx, fx->org_a, "bob", "consultant");
  inactive = add_user (fx, fx->org_a, "cas", "consultant");
  future = add_user (fx, fx->org_a, "dee", "consultant");

  g_assert_true (wb_store_add_session (fx->store, token_hash, user, now + 3600, &error));
  g_assert_no_error (error);
  g_assert_cmpint (wb_store_lookup_session (fx->store, token_hash, now), ==, user);
  g_assert_cmpint (wb_store_lookup_session (fx->store, token_hash, now + 3599), ==, user);
  /* Expired: at the moment itself and after. */
  g_assert_cmpint (wb_store_lookup_session (fx->store, token_hash, now + 3600), ==, 0);
  g_assert_cmpint (wb_store_lookup_session (fx->store, token_hash, now + 86400), ==, 0);
  /* Only the hash is kept: the token itself, or something else, finds nothing. */
  g_assert_cmpint (wb_store_lookup_session (fx->store, token, now), ==, 0);
  g_assert_cmpint (wb_store_lookup_session (fx->store, "", now), ==, 0);
  /* A token is stored once. */
  g_assert_false (wb_store_add_session (fx->store, token_hash, leaver, now + 3600, &error));
  g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_CONFLICT);
  g_clear_error (&error);

  /* People who have left have no session any more: whether the leaving date has passed
   * or the account was switched off. Someone leaving later is still in. */
  g_assert_true (wb_store_add_session (fx->store, leaver_token, leaver, now + 3600, &error));
  g_assert_true (wb_store_add_session (fx->store, inactive_token, inactive, now + 3600, &error));
  g_assert_true (wb_store_add_session (fx->store, future_token, future, now + 3600, &error));
  g_assert_cmpint (wb_store_lookup_session (fx->store, leaver_token, now), ==, leaver);
  g_assert_cmpint (wb_store_lookup_session (fx->store, inactive_token, now), ==, inactive);

  g_assert_true (update_json (fx->store, WB_RESOURCE_USERS, leaver, 1, "{\"left_at\":\"2026-02-28\"}", &error));
  g_assert_true (update_json (fx->store, WB_RESOURCE_USERS, inactive, 1, "{\"active\":false}", &error));
  g_assert_true (update_json (fx->store, WB_RESOURCE_USERS, future, 1, "{\"left_at\":\"2026-06-30\"}", &error));
  g_assert_no_error (error);
  g_assert_cmpint (wb_store_lookup_session (fx->store, leaver_token, now), ==, 0);
  g_assert_cmpint (wb_store_lookup_session (fx->store, inactive_token, now), ==, 0);
  g_assert_cmpint (wb_store_lookup_session (fx->store, future_token, now), ==, future);
  g_assert_cmpint (wb_store_lookup_session (fx->store, token_hash, now), ==, user);

  /* Logging out ends the session. */
  g_assert_true (wb_store_delete_session (fx->store, token_hash, &error));
  g_assert_no_error (error);
  g_assert_cmpint (wb_store_lookup_session (fx->store, token_hash, now), ==, 0);
  g_assert_cmpint (wb_store_count (fx->store, "sessions"), ==, 3);
}

/* Backups */

static void
assert_same_counts (WbStore    *store,
                    const char *copy_path)
{
  sqlite3 *db = _wb_store_get_db (store);
  sqlite3 *copy = raw_open (copy_path);
  sqlite3_stmt *stmt = NULL;
  guint tables = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *table = (const char *) sqlite3_column_text (stmt, 0);
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM \"%s\"", table);

      g_test_message ("table %s", table);
      g_assert_cmpint (wb_test_sql_int (copy, sql), ==, wb_store_count (store, table));
      tables++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (tables, >=, 29);
  g_assert_cmpint (wb_test_sql_int (copy, "PRAGMA user_version"), ==, wb_store_get_latest_schema_version ());
  sqlite3_close (copy);
}

static void
test_backup (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = g_build_filename (fx->dir, "backup.db", NULL);
  g_autofree char *partial = g_strconcat (copy, ".partial", NULL);
  g_autofree char *nowhere = g_build_filename (fx->dir, "missing", "backup.db", NULL);
  g_autofree char *extra = NULL;
  Taxonomy t;
  gint64 client;

  add_taxonomy (fx, &t);
  extra = g_strdup_printf ("\"work_experience\":[{\"occupation_id\":%" G_GINT64_FORMAT ",\"years\":2}],"
                           "\"sector_preferences\":[\"care\",\"retail\"]", t.cook);
  client = add_client (fx, "111222333", extra);
  add_client (fx, "123456782", NULL);
  {
    g_autofree char *c = g_strdup_printf ("{\"competence_id\":%" G_GINT64_FORMAT ",\"level\":3}", t.care);
    add_diagnosis (fx, client, "2026-01-01", c);
  }
  g_assert_true (wb_store_audit (fx->store, 0, 0, "read", "clients", client, "test", &error));

  g_assert_true (wb_store_backup (fx->store, copy, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (copy, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));

  {
    sqlite3 *raw = raw_open (copy);
    g_autofree char *integrity = db_text (raw, "PRAGMA integrity_check");
    g_autofree char *mode = db_text (raw, "PRAGMA journal_mode");

    g_assert_cmpstr (integrity, ==, "ok");
    /* A backup is one self-contained file. */
    g_assert_cmpstr (mode, ==, "delete");
    sqlite3_close (raw);
  }
  assert_same_counts (fx->store, copy);

  /* The copy opens as a store and holds the same records. */
  {
    g_autoptr(WbStore) restored = wb_store_open (copy, &error);
    g_autoptr(JsonObject) original = get_ok (fx->store, WB_RESOURCE_CLIENTS, client);
    g_autoptr(JsonObject) restored_client = NULL;
    g_autoptr(JsonNode) a = NULL;
    g_autoptr(JsonNode) b = NULL;
    g_autofree char *a_text = NULL;
    g_autofree char *b_text = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (wb_store_get_schema_version (restored), ==, wb_store_get_latest_schema_version ());
    restored_client = get_ok (restored, WB_RESOURCE_CLIENTS, client);
    a = json_node_init_object (json_node_alloc (), original);
    b = json_node_init_object (json_node_alloc (), restored_client);
    a_text = json_to_string (a, FALSE);
    b_text = json_to_string (b, FALSE);
    g_assert_cmpstr (a_text, ==, b_text);
    g_assert_nonnull (strstr (a_text, "\"sector_preferences\":[\"care\",\"retail\"]"));
  }

  /* A second backup replaces the first. */
  add_client (fx, "999999990", NULL);
  g_assert_true (wb_store_backup (fx->store, copy, &error));
  g_assert_no_error (error);
  assert_same_counts (fx->store, copy);

  /* A backup that cannot be written says so. */
  g_assert_false (wb_store_backup (fx->store, nowhere, &error));
  g_assert_error (error, WB_STORE_ERROR, WB_STORE_ERROR_FAILED);
}

#define ROWS_PER_TRANSACTION 25

typedef struct {
  const char *path;
  gint stop;
  gint transactions;
} Writer;

static gpointer
writer_thread (gpointer data)
{
  Writer *writer = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbStore) store = wb_store_open (writer->path, &error);
  guint n = 0;

  g_assert_no_error (error);
  while (!g_atomic_int_get (&writer->stop))
    {
      g_assert_true (wb_store_begin (store, &error));
      for (guint i = 0; i < ROWS_PER_TRANSACTION; i++, n++)
        {
          g_autoptr(JsonObject) object = json_object_new ();
          g_autofree char *uri = g_strdup_printf ("urn:writer:%u", n);

          json_object_set_string_member (object, "uri", uri);
          json_object_set_string_member (object, "label_nl", "Geschreven tijdens een back-up");
          g_assert_cmpint (wb_store_insert (store, WB_RESOURCE_COMPETENCES, object, &error), >, 0);
          g_assert_no_error (error);
        }
      g_assert_true (wb_store_commit (store, &error));
      g_assert_no_error (error);
      g_atomic_int_inc (&writer->transactions);
    }
  return NULL;
}

static void
test_backup_while_writing (Fixture       *fx,
                           gconstpointer  data)
{
  Writer writer = { fx->path, 0, 0 };
  GThread *thread;
  gint64 previous = -1;

  thread = g_thread_new ("writer", writer_thread, &writer);
  while (g_atomic_int_get (&writer.transactions) < 5)
    g_usleep (1000);

  for (guint round = 0; round < 6; round++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("during-%u.db", round);
      g_autofree char *copy = g_build_filename (fx->dir, name, NULL);
      g_autofree char *integrity = NULL;
      g_autoptr(WbStore) restored = NULL;
      gint before, after;
      gint64 rows;
      sqlite3 *raw;

      before = g_atomic_int_get (&writer.transactions);
      g_assert_true (wb_store_backup (fx->store, copy, &error));
      g_assert_no_error (error);
      after = g_atomic_int_get (&writer.transactions);

      raw = raw_open (copy);
      integrity = db_text (raw, "PRAGMA integrity_check");
      g_assert_cmpstr (integrity, ==, "ok");
      rows = wb_test_sql_int (raw, "SELECT count(*) FROM competences");
      sqlite3_close (raw);

      /* A committed state: whole writer transactions only, at least those committed before
       * the backup began, at most those committed by the time it ended (plus the one whose
       * commit may not have been counted yet). */
      g_test_message ("backup %u: %" G_GINT64_FORMAT " rows, writer at %d..%d transactions", round, rows, before, after);
      g_assert_cmpint (rows % ROWS_PER_TRANSACTION, ==, 0);
      g_assert_cmpint (rows, >=, (gint64) before * ROWS_PER_TRANSACTION);
      g_assert_cmpint (rows, <=, (gint64) (after + 1) * ROWS_PER_TRANSACTION);
      g_assert_cmpint (rows, >=, previous);
      previous = rows;

      restored = wb_store_open (copy, &error);
      g_assert_no_error (error);
      g_assert_cmpint (wb_store_count (restored, "competences"), ==, rows);

      g_usleep (10000);
    }

  /* The writer goes on after the last backup: waited for, not assumed to have happened in
   * the 10 ms above (a busy machine may not have run the writer's thread meanwhile). */
  {
    gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

    while ((gint64) g_atomic_int_get (&writer.transactions) * ROWS_PER_TRANSACTION <= previous)
      {
        g_assert_cmpint (g_get_monotonic_time (), <, deadline);
        g_usleep (1000);
      }
  }
  g_atomic_int_set (&writer.stop, 1);
  g_thread_join (thread);

  /* The writer went on while the backups ran, and the source has every row it wrote. */
  g_assert_cmpint (wb_store_count (fx->store, "competences"), ==,
                   (gint64) g_atomic_int_get (&writer.transactions) * ROWS_PER_TRANSACTION);
  g_assert_cmpint (wb_store_count (fx->store, "competences"), >, previous);
}

/* The change table */

static WbStoreChange *
find_change (GPtrArray  *changes,
             const char *resource,
             gint64      id,
             WbChangeKind kind)
{
  for (guint i = 0; i < changes->len; i++)
    {
      WbStoreChange *change = changes->pdata[i];

      if (g_str_equal (change->resource, resource) && change->id == id && change->kind == kind)
        return change;
    }
  return NULL;
}

static void
test_changes (Fixture       *fx,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) others = NULL;
  g_autoptr(WbStore) second = NULL;
  g_autofree char *event_text = NULL;
  g_autofree char *columns = NULL;
  g_autofree char *referral = NULL;
  g_autofree char *delete = NULL;
  g_autofree char *other_text = NULL;
  WbStoreChange *change;
  sqlite3 *raw = raw_open (fx->path);
  gint64 manager, client, event, start, last, version_before, other_client;

  wb_store_changes_track_own (fx->store);
  start = wb_store_changes_last_seq (fx->store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (start, >, 0);  /* the base organisations and municipalities */

  manager = add_user (fx, fx->org_b, "wsp-am", "account_manager_wsp");
  client = add_client (fx, "123456782", NULL);
  g_assert_true (update_json (fx->store, WB_RESOURCE_CLIENTS, client, 1,
                              "{\"phone\":\"0612345678\"}", &error));
  g_assert_no_error (error);
  event_text = g_strdup_printf ("{\"client_id\":%" G_GINT64_FORMAT ",\"kind\":\"note\",\"date\":\"2026-01-05\","
                                "\"note\":\"Gebeld\"}", client);
  event = wb_test_insert (fx->store, WB_RESOURCE_EVENTS, event_text);

  changes = wb_store_changes_since (fx->store, start, 0, &error);
  g_assert_no_error (error);
  /* The user, the client created and changed, the event, and the client again: a note
   * moves its last activity. */
  g_assert_cmpuint (changes->len, ==, 5);
  g_assert_cmpstr (((WbStoreChange *) changes->pdata[4])->resource, ==, "clients");
  for (guint i = 1; i < changes->len; i++)
    g_assert_cmpint (((WbStoreChange *) changes->pdata[i])->seq, >, ((WbStoreChange *) changes->pdata[i - 1])->seq);

  change = find_change (changes, "users", manager, WB_CHANGE_CREATED);
  g_assert_nonnull (change);
  g_assert_cmpint (change->organisation_id, ==, fx->org_b);
  g_assert_true (change->own);

  change = find_change (changes, "clients", client, WB_CHANGE_CREATED);
  g_assert_nonnull (change);
  g_assert_cmpint (change->version, ==, 1);
  g_assert_cmpint (change->organisation_id, ==, fx->org_a);
  g_assert_null (change->parent_resource);
  change = find_change (changes, "clients", client, WB_CHANGE_CHANGED);
  g_assert_nonnull (change);
  g_assert_cmpint (change->version, ==, 2);

  /* An event concerns its client: the client's organisation, the client as parent. */
  change = find_change (changes, "events", event, WB_CHANGE_CREATED);
  g_assert_nonnull (change);
  g_assert_cmpint (change->version, ==, 0);
  g_assert_cmpint (change->organisation_id, ==, fx->org_a);
  g_assert_cmpstr (change->parent_resource, ==, "clients");
  g_assert_cmpint (change->parent_id, ==, client);
  g_assert_cmpint (change->at, >=, g_get_real_time () / G_USEC_PER_SEC - 60);

  /* Referred to a WSP account manager: the change names that user. */
  referral = g_strdup_printf ("{\"wsp_account_manager_id\":%" G_GINT64_FORMAT "}", manager);
  g_assert_true (update_json (fx->store, WB_RESOURCE_CLIENTS, client, 2, referral, &error));
  g_assert_no_error (error);
  last = wb_store_changes_last_seq (fx->store, &error);
  others = wb_store_changes_since (fx->store, last - 1, 0, &error);
  g_assert_cmpuint (others->len, ==, 1);
  g_assert_cmpint (((WbStoreChange *) others->pdata[0])->user_id, ==, manager);
  g_clear_pointer (&others, g_ptr_array_unref);

  /* No personal data in the table: nothing but ids, versions, names of resources. */
  g_assert_cmpint (wb_test_sql_int (raw, "SELECT count(*) FROM changes WHERE resource LIKE '%Persoon%'"
                                         " OR parent_resource LIKE '%Persoon%'"), ==, 0);
  columns = db_text (raw, "SELECT group_concat(name, ',') FROM pragma_table_info('changes')");
  g_assert_cmpstr (columns, ==, "seq,at,resource,kind,record_id,version,organisation_id,user_id,parent_resource,parent_id");

  /* A delete is recorded, with the parent it had; a rolled-back write is not. */
  delete = g_strdup_printf ("DELETE FROM events WHERE id = %" G_GINT64_FORMAT, event);
  g_assert_true (_wb_store_exec (fx->store, delete, &error));
  last = wb_store_changes_last_seq (fx->store, NULL);
  others = wb_store_changes_since (fx->store, last - 1, 0, &error);
  g_assert_cmpuint (others->len, ==, 1);
  change = others->pdata[0];
  g_assert_cmpint (change->kind, ==, WB_CHANGE_DELETED);
  g_assert_cmpstr (change->resource, ==, "events");
  g_assert_cmpint (change->parent_id, ==, client);
  g_clear_pointer (&others, g_ptr_array_unref);
  g_assert_true (wb_store_begin (fx->store, &error));
  add_client (fx, "111222333", NULL);
  wb_store_rollback (fx->store);
  g_assert_cmpint (wb_store_changes_last_seq (fx->store, NULL), ==, last);

  /* Another connection (an import, a second server) writes: seen here through data_version,
   * in the table, and not as our own. */
  version_before = wb_store_get_data_version (fx->store, &error);
  g_assert_no_error (error);
  second = wb_store_open (fx->path, &error);
  g_assert_no_error (error);
  other_text = client_json (fx, "111222333", NULL);
  other_client = wb_test_insert (second, WB_RESOURCE_CLIENTS, other_text);
  g_assert_cmpint (wb_store_get_data_version (fx->store, NULL), !=, version_before);
  others = wb_store_changes_since (fx->store, last, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (others->len, ==, 1);
  change = others->pdata[0];
  g_assert_cmpint (change->id, ==, other_client);
  g_assert_false (change->own);
  g_clear_pointer (&others, g_ptr_array_unref);

  /* Our own, once read, can be forgotten. */
  wb_store_changes_forget_own (fx->store, G_MAXINT64);
  g_clear_pointer (&changes, g_ptr_array_unref);
  changes = wb_store_changes_since (fx->store, start, 2, &error);
  g_assert_cmpuint (changes->len, ==, 2);  /* the limit */
  g_assert_false (((WbStoreChange *) changes->pdata[0])->own);

  /* Pruning removes old rows; the seq goes on from where it was, and the history says
   * from where a reader can still follow. */
  g_assert_cmpint (wb_store_changes_history_start (fx->store, NULL), ==, 0);
  last = wb_store_changes_last_seq (fx->store, NULL);
  g_assert_true (_wb_store_exec (fx->store, "UPDATE changes SET at = at - 8 * 86400", &error));
  g_assert_cmpint (wb_store_changes_prune (fx->store, g_get_real_time () / G_USEC_PER_SEC - 86400, &error), ==,
                   last);
  g_assert_no_error (error);
  g_assert_cmpint (wb_store_count (fx->store, "changes"), ==, 0);
  g_assert_cmpint (wb_store_changes_last_seq (fx->store, NULL), ==, last);
  g_assert_cmpint (wb_store_changes_history_start (fx->store, NULL), ==, last);
  add_client (fx, "222333444", NULL);
  g_assert_cmpint (wb_store_changes_last_seq (fx->store, NULL), ==, last + 1);
  g_assert_cmpint (wb_store_changes_history_start (fx->store, NULL), ==, last);

  sqlite3_close (raw);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
#define ADD_BASE(path, func) g_test_add (path, Fixture, "base", fixture_set_up, func, fixture_tear_down)
  ADD ("/store/open/migrates-from-empty", test_open_from_empty);
  ADD_BASE ("/store/open/reopen-is-idempotent", test_reopen_is_idempotent);
  ADD_BASE ("/store/open/restores-generation-triggers", test_reopen_restores_generation_triggers);
  ADD_BASE ("/store/open/newer-schema-refused", test_newer_schema_refused);
  ADD ("/store/open/not-a-database", test_not_a_database);
  ADD ("/store/open/concurrent-first-open", test_concurrent_first_open);
  ADD_BASE ("/store/crud/update-bumps-version-stale-refused", test_crud_versions);
  ADD_BASE ("/store/crud/not-found", test_crud_not_found);
  ADD_BASE ("/store/crud/unique-conflicts", test_crud_conflicts);
  ADD_BASE ("/store/crud/value-types", test_crud_types);
  ADD ("/store/crud/transactions", test_transactions);
  ADD ("/store/crud/now-and-today", test_now_and_today);
  ADD_BASE ("/store/list/sort-and-paging", test_list_sort_and_paging);
  ADD ("/store/list/default-limit", test_list_limit_default);
  ADD_BASE ("/store/list/filters", test_list_filters);
  ADD_BASE ("/store/list/search-is-literal", test_list_search);
  ADD_BASE ("/store/list/nested-by-parent", test_list_nested);
  ADD_BASE ("/store/nested/diagnosis-dates-client", test_nested_diagnosis);
  ADD_BASE ("/store/nested/bad-diagnosis-rolls-back", test_nested_diagnosis_rollback);
  ADD_BASE ("/store/nested/lists-replace", test_nested_replace);
  ADD_BASE ("/store/nested/bad-item-rolls-back-client", test_nested_client_rollback);
  ADD_BASE ("/store/nested/vacancy-and-organisation", test_nested_vacancy_and_organisation);
  ADD_BASE ("/store/references", test_check_references);
  ADD_BASE ("/store/audit", test_audit);
  ADD ("/store/users/passwords-and-tokens", test_passwords_and_tokens);
  ADD_BASE ("/store/users/find-add-conflict", test_users);
  ADD_BASE ("/store/users/sessions", test_sessions);
  ADD_BASE ("/store/backup/same-rows-opens-fine", test_backup);
  ADD ("/store/backup/while-another-connection-writes", test_backup_while_writing);
  ADD_BASE ("/store/changes/every-write-leaves-a-change", test_changes);
#undef ADD_BASE
#undef ADD

  return g_test_run ();
}
