/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Lists cost what a page holds: every sort a list offers has an index, and a page, at any
 * depth and in any order, holds the rows a plain query over the whole table gives, also right
 * after a write by this connection or another one. */

#define G_LOG_DOMAIN "test-store-paging"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "wb-demo.h"
#include "wb-store-private.h"
#include "wb-store.h"
#include "wb-test-store.h"
#include "wb-test-util.h"

static void
test_indexes_serve_every_sort (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbStore) store = wb_store_open (":memory:", &error);
  sqlite3 *db;
  guint checked = 0;

  g_assert_no_error (error);
  db = _wb_store_get_db (store);

  for (WbResource r = 0; r < WB_N_RESOURCES; r++)
    {
      const WbResourceSpec *spec = wb_resource_spec_get (r);

      /* A nested list (a client's events) holds the rows of one parent: its sort costs
       * those rows, not the table. */
      if (spec->parent_field != NULL)
        continue;
      for (guint f = 0; f < spec->n_fields; f++)
        {
          if (!(spec->fields[f].flags & WB_FIELD_SORT))
            continue;
          for (guint descending = 0; descending < 2; descending++)
            {
              g_autofree char *sql = g_strdup_printf ("EXPLAIN QUERY PLAN SELECT id FROM %s ORDER BY %s%s, id%s",
                                                      spec->table, spec->fields[f].name,
                                                      descending ? " DESC" : "", descending ? " DESC" : "");
              g_autoptr(GString) plan = g_string_new (NULL);
              sqlite3_stmt *stmt = NULL;

              g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
              while (sqlite3_step (stmt) == SQLITE_ROW)
                g_string_append_printf (plan, "%s; ", (const char *) sqlite3_column_text (stmt, 3));
              sqlite3_finalize (stmt);
              if (strstr (plan->str, "TEMP B-TREE") != NULL)
                g_error ("%s sorted on %s needs a sort of its own, no index: %s",
                         spec->name, spec->fields[f].name, plan->str);
              checked++;
            }
        }
    }
  /* Every top-level list offers some sort. */
  g_assert_cmpuint (checked, >, 100);
}

typedef struct {
  char *dir;
  char *path;
  WbStore *store;
} Fixture;

static Fixture fixture;

static WbStore *
demo_store (void)
{
  g_autoptr(GError) error = NULL;
  WbDemoOptions options = { .n_clients = 300, .n_employers = 40, .n_vacancies = 20, .seed = 5 };

  if (fixture.store != NULL)
    return fixture.store;
  fixture.dir = wb_test_make_dir ();
  fixture.path = g_build_filename (fixture.dir, "werkbrug.db", NULL);
  fixture.store = wb_store_open (fixture.path, &error);
  g_assert_no_error (error);
  g_assert_true (wb_demo_generate (fixture.store, &options, &error));
  g_assert_no_error (error);
  return fixture.store;
}

/* The ids of the page, by a plain query over the whole table, written out here the way the
 * list is documented: sorted on the field (for a name where identities are restricted: only
 * among the rows seen in full, the others first by id), ties by id, in the sort's direction. */
static GArray *
plain_page (WbStore           *store,
            const WbListQuery *query,
            gint64            *total)
{
  const char *sort = query->sort != NULL ? query->sort : "family_name";
  gboolean descending = sort[0] == '-';
  const char *field = descending ? sort + 1 : sort;
  const WbFieldSpec *spec = wb_resource_spec_find_field (wb_resource_spec_get (WB_RESOURCE_CLIENTS), field);
  g_autofree char *order = NULL;
  g_autofree char *where = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *count_sql = NULL;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3 *db = _wb_store_get_db (store);
  sqlite3_stmt *stmt = NULL;

  if (query->restrict_identity && !(spec->flags & WB_FIELD_PUBLIC))
    order = g_strdup_printf ("CASE WHEN (organisation_id = %" G_GINT64_FORMAT " OR wsp_account_manager_id = %" G_GINT64_FORMAT ") "
                             "THEN %s END", query->full_organisation_id, query->full_user_id, field);
  else
    order = g_strdup (field);
  if (query->filters != NULL && g_hash_table_contains (query->filters, "municipality_id"))
    where = g_strdup_printf ("WHERE municipality_id = %s", (const char *) g_hash_table_lookup (query->filters, "municipality_id"));
  else
    where = g_strdup ("");

  sql = g_strdup_printf ("SELECT id FROM clients %s ORDER BY %s%s, id%s LIMIT %u OFFSET %u", where, order,
                         descending ? " DESC" : "", descending ? " DESC" : "", query->limit, query->offset);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);

  count_sql = g_strdup_printf ("SELECT count(*) FROM clients %s", where);
  *total = wb_test_sql_int (db, count_sql);
  return ids;
}

static void
assert_same_page (WbStore           *store,
                  const WbListQuery *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GArray) expected = NULL;
  gint64 total = -1, expected_total = -1;

  rows = wb_store_list (store, WB_RESOURCE_CLIENTS, query, &total, &error);
  g_assert_no_error (error);
  expected = plain_page (store, query, &expected_total);
  g_assert_cmpint (total, ==, expected_total);
  if (rows->len != expected->len)
    g_error ("sort %s, offset %u: %u rows, the plain query gives %u", query->sort, query->offset, rows->len, expected->len);
  for (guint i = 0; i < rows->len; i++)
    {
      gint64 id = json_object_get_int_member (rows->pdata[i], "id");

      if (id != g_array_index (expected, gint64, i))
        g_error ("sort %s%s, offset %u, row %u: client %" G_GINT64_FORMAT ", the plain query gives %" G_GINT64_FORMAT,
                 query->sort, query->restrict_identity ? " (restricted)" : "", query->offset, i, id,
                 g_array_index (expected, gint64, i));
    }
}

static int
count_steps_cb (void *data)
{
  (*(guint64 *) data)++;
  return 0;
}

/* The SQLite steps (in tens) a list call takes on a connection of its own that has not
 * listed anything yet. */
static guint64
steps_of_first_list (const WbListQuery *query,
                     guint             *n_rows,
                     gint64            *total)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbStore) store = wb_store_open_readonly (fixture.path, &error);
  g_autoptr(GPtrArray) rows = NULL;
  guint64 steps = 0;

  g_assert_no_error (error);
  /* The schema is read before counting. */
  g_assert_cmpint (wb_store_count (store, "users"), >, 0);
  sqlite3_progress_handler (_wb_store_get_db (store), 10, count_steps_cb, &steps);
  rows = wb_store_list (store, WB_RESOURCE_CLIENTS, query, total, &error);
  sqlite3_progress_handler (_wb_store_get_db (store), 0, NULL, NULL);
  g_assert_no_error (error);
  *n_rows = rows->len;
  return steps;
}

/* The first small page of a list that a connection has not listed yet (the screenful a
 * launch shows first) reads the order only as far as the page goes, and counts the total:
 * it does not wait for the order of every row, which the next, larger page takes. */
static void
test_small_first_page_reads_its_rows (void)
{
  WbListQuery small = { .limit = 20, .restrict_identity = TRUE, .full_organisation_id = 1, .full_user_id = 33 };
  WbListQuery large = small;
  guint64 small_steps, large_steps;
  guint n_small, n_large;
  gint64 total_small = -1, total_large = -1;

  large.limit = 101;
  demo_store ();
  small_steps = steps_of_first_list (&small, &n_small, &total_small);
  large_steps = steps_of_first_list (&large, &n_large, &total_large);
  g_test_message ("first page of 20: %" G_GUINT64_FORMAT "0 steps; of 101: %" G_GUINT64_FORMAT "0 steps",
                  small_steps, large_steps);
  g_assert_cmpuint (n_small, ==, 20);
  g_assert_cmpuint (n_large, ==, 101);
  g_assert_cmpint (total_small, ==, 300);
  g_assert_cmpint (total_large, ==, 300);
  /* Before, the page of 20 took two thirds of what the page of 101 takes (the whole order
   * and 20 rows); now less than half. */
  g_assert_cmpuint (small_steps * 2, <, large_steps);
}

static void
test_pages_as_plain_query (void)
{
  WbStore *store = demo_store ();
  const char *sorts[] = { NULL, "family_name", "-family_name", "birth_year", "-birth_year", "-last_activity", "pc4", "hours_available" };
  const guint offsets[] = { 0, 40, 120, 280, 299, 300, 5000 };
  g_autoptr(GHashTable) filters = g_hash_table_new (g_str_hash, g_str_equal);
  guint checked = 0;

  g_hash_table_insert (filters, (gpointer) "municipality_id", (gpointer) "3");

  for (guint s = 0; s < G_N_ELEMENTS (sorts); s++)
    for (guint o = 0; o < G_N_ELEMENTS (offsets); o++)
      for (guint restricted = 0; restricted < 2; restricted++)
        for (guint filtered = 0; filtered < 2; filtered++)
          {
            WbListQuery query = {
              .sort = sorts[s], .offset = offsets[o], .limit = 40,
              .restrict_identity = restricted, .full_organisation_id = 1, .full_user_id = 33,
              .filters = filtered ? filters : NULL,
            };

            /* Twice: the second page comes from what the first kept. */
            assert_same_page (store, &query);
            assert_same_page (store, &query);
            checked++;
          }
  g_assert_cmpuint (checked, ==, G_N_ELEMENTS (sorts) * G_N_ELEMENTS (offsets) * 4);
}

static gint64
first_id (WbStore           *store,
          const WbListQuery *query,
          gint64            *total)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = wb_store_list (store, WB_RESOURCE_CLIENTS, query, total, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, >, 0);
  return json_object_get_int_member (rows->pdata[0], "id");
}

/* What a list keeps is dropped by a write of this connection and of another one (another
 * server's, an import's), committed or not yet. */
static void
test_pages_follow_writes (void)
{
  WbStore *store = demo_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WbStore) other = wb_store_open (fixture.path, &error);
  WbListQuery query = { .sort = "family_name", .limit = 10 };
  gint64 total = 0, total_after = 0, last, first, id;
  g_autofree char *sql = NULL;

  g_assert_no_error (error);
  first = first_id (store, &query, &total);
  query.sort = "-family_name";
  last = first_id (store, &query, &total);
  g_assert_cmpint (first, !=, last);

  /* Another connection renames the first client: it goes last. */
  sql = g_strdup_printf ("UPDATE clients SET family_name = (SELECT max (family_name) FROM clients) || 'z', "
                         "version = version + 1 WHERE id = %" G_GINT64_FORMAT, first);
  g_assert_true (_wb_store_exec (other, sql, &error));
  g_assert_no_error (error);
  g_assert_cmpint (first_id (store, &query, &total_after), ==, first);
  g_assert_cmpint (total_after, ==, total);

  /* This connection, in a transaction of its own, renames it back first. */
  g_assert_true (wb_store_begin (store, &error));
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("UPDATE clients SET family_name = '0' WHERE id = %" G_GINT64_FORMAT, first);
  g_assert_true (_wb_store_exec (store, sql, &error));
  query.sort = "family_name";
  g_assert_cmpint (first_id (store, &query, NULL), ==, first);
  wb_store_rollback (store);
  query.sort = "-family_name";
  g_assert_cmpint (first_id (store, &query, NULL), ==, first);

  /* A client added elsewhere counts at once. */
  g_assert_true (_wb_store_exec (other, "INSERT INTO clients (organisation_id, municipality_id, bsn, given_name, family_name, pc4, "
                                        "birth_year, client_group, phase, status, created_at, updated_at) "
                                        "SELECT organisation_id, municipality_id, '999990019', given_name, "
                                        "(SELECT max (family_name) FROM clients) || 'z', pc4, birth_year, "
                                        "client_group, phase, status, created_at, updated_at FROM clients LIMIT 1", &error));
  g_assert_no_error (error);
  id = wb_test_sql_int (_wb_store_get_db (other), "SELECT max(id) FROM clients");
  g_assert_cmpint (first_id (store, &query, &total_after), ==, id);
  g_assert_cmpint (total_after, ==, total + 1);
}

static void
keep (WbStore             *store,
      const char          *key,
      const char * const  *tables)
{
  /* As a caller does: look up first (which catches up with the writes), then keep. */
  wb_store_cache_lookup (store, key);
  wb_store_cache_insert_for (store, key, tables, g_strdup (key), 16, g_free);
  g_assert_cmpstr (wb_store_cache_lookup (store, key), ==, key);
}

static void
assert_kept (WbStore    *store,
             const char *key,
             gboolean    kept)
{
  const char *found = wb_store_cache_lookup (store, key);

  g_test_message ("%s: %s", key, found != NULL ? "kept" : "dropped");
  if (kept)
    g_assert_cmpstr (found, ==, key);
  else
    g_assert_null (found);
}

static void
exec_ok (WbStore    *store,
         const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (_wb_store_exec (store, sql, &error));
  g_assert_no_error (error);
}

/* A write drops only what was read from what it wrote: a table's rows, one of its columns,
 * or anything of it; what names no table goes with any write. Also when the write is
 * another connection's, and when this connection's own transaction is rolled back. */
static void
test_kept_past_other_tables (void)
{
  WbStore *store = demo_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WbStore) other = wb_store_open (fixture.path, &error);
  g_autoptr(WbStore) reader = wb_store_open_readonly (fixture.path, &error);
  const char * const order[] = { "clients#rows", "clients.family_name", NULL };
  const char * const clients[] = { "clients", NULL };
  const char * const employers[] = { "employers", NULL };
  WbStore *both[] = { store, reader };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (both); i++)
    {
      keep (both[i], "order", order);
      keep (both[i], "clients", clients);
      keep (both[i], "employers", employers);
      keep (both[i], "anything", NULL);
    }

  /* A client's last activity changes: its rows do, not their order by name. */
  exec_ok (other, "UPDATE clients SET last_activity = '2026-11-30' WHERE id = (SELECT min(id) FROM clients)");
  for (guint i = 0; i < G_N_ELEMENTS (both); i++)
    {
      assert_kept (both[i], "order", TRUE);
      assert_kept (both[i], "clients", FALSE);
      assert_kept (both[i], "employers", TRUE);
      assert_kept (both[i], "anything", FALSE);
      keep (both[i], "clients", clients);
    }

  /* The audit log is no list's business here. */
  exec_ok (other, "INSERT INTO audit_log (at, action, resource, created_at) "
                  "VALUES ('2026-12-01T09:00:00Z', 'read', 'clients', '2026-12-01T09:00:00Z')");
  exec_ok (other, "UPDATE employers SET name = name || ' BV' WHERE id = (SELECT min(id) FROM employers)");
  for (guint i = 0; i < G_N_ELEMENTS (both); i++)
    {
      assert_kept (both[i], "order", TRUE);
      assert_kept (both[i], "clients", TRUE);
      assert_kept (both[i], "employers", FALSE);
    }

  /* A new client, and a renamed one, change the order. */
  exec_ok (other, "UPDATE clients SET family_name = 'Aa' WHERE id = (SELECT max(id) FROM clients)");
  assert_kept (reader, "order", FALSE);
  assert_kept (store, "order", FALSE);
  keep (reader, "order", order);
  exec_ok (other, "DELETE FROM clients WHERE id = (SELECT max(id) FROM clients) "
                  "AND NOT EXISTS (SELECT 1 FROM events e WHERE e.client_id = clients.id)");
  exec_ok (other, "INSERT INTO clients (organisation_id, municipality_id, bsn, given_name, family_name, pc4, "
                  "birth_year, client_group, phase, status, created_at, updated_at) "
                  "SELECT organisation_id, municipality_id, '999990027', given_name, 'Zz', pc4, birth_year, "
                  "client_group, phase, status, created_at, updated_at FROM clients LIMIT 1");
  assert_kept (reader, "order", FALSE);

  /* Kept in this connection's own transaction, which is then rolled back: what was read
   * from the rows that are gone goes with them. */
  keep (store, "employers", employers);
  g_assert_true (wb_store_begin (store, &error));
  exec_ok (store, "UPDATE employers SET name = name || ' NV' WHERE id = (SELECT min(id) FROM employers)");
  keep (store, "employers", employers);
  keep (store, "clients", clients);
  wb_store_rollback (store);
  assert_kept (store, "employers", FALSE);
  assert_kept (store, "clients", TRUE);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/paging/indexes-serve-every-sort", test_indexes_serve_every_sort);
  g_test_add_func ("/store/paging/pages-as-plain-query", test_pages_as_plain_query);
  g_test_add_func ("/store/paging/small-first-page-reads-its-rows", test_small_first_page_reads_its_rows);
  g_test_add_func ("/store/paging/pages-follow-writes", test_pages_follow_writes);
  g_test_add_func ("/store/paging/kept-past-other-tables", test_kept_past_other_tables);

  status = g_test_run ();
  if (fixture.store != NULL)
    {
      g_clear_object (&fixture.store);
      wb_test_remove_dir (fixture.dir);
    }
  g_free (fixture.path);
  g_free (fixture.dir);
  return status;
}
