/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <sqlite3.h>

#include "wb-store-schema.sql.h"
#include "wb-test-store.h"

gint64
wb_test_insert (WbStore    *store,
                WbResource  resource,
                const char *json)
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

gint64
wb_test_insert_printf (WbStore    *store,
                       WbResource  resource,
                       const char *format,
                       ...)
{
  g_autofree char *json = NULL;
  va_list args;

  va_start (args, format);
  json = g_strdup_vprintf (format, args);
  va_end (args);
  return wb_test_insert (store, resource, json);
}

gint64
wb_test_add_user (WbStore    *store,
                  gint64      organisation,
                  const char *username,
                  const char *display_name,
                  const char *role,
                  const char *password_hash)
{
  g_autoptr(GError) error = NULL;
  gint64 id = wb_store_add_user (store, organisation, username, display_name, role, password_hash, &error);

  g_assert_no_error (error);
  return id;
}

void
wb_test_make_previous_schema (const char *path,
                              const char *password_hash)
{
  int previous = wb_store_get_latest_schema_version () - 1;
  g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", previous);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (previous, >=, 1);
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = WAL; BEGIN", NULL, NULL, NULL), ==, SQLITE_OK);
  for (int i = 0; i < previous; i++)
    g_assert_cmpint (sqlite3_exec (db, wb_store_migrations[i], NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, bump, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO organisations (code, name, kind, region, created_at, updated_at) "
                                 "VALUES ('wsp-oud', 'WSP Oud', 'wsp', 'Parkstad', '2025-01-01T00:00:00Z', "
                                 "'2025-01-01T00:00:00Z')", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "INSERT INTO users (organisation_id, username, display_name, role, "
                                       "password_hash, created_at, updated_at) VALUES (1, 'beheer', 'Beheer Oud', "
                                       "'admin', ?1, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, password_hash, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

gint64
wb_test_count_rows (const char *path,
                    const char *table)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbStore) store = wb_store_open (path, &error);

  g_assert_no_error (error);
  return wb_store_count (store, table);
}

gint64
wb_test_sql_int (sqlite3    *db,
                 const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = G_MININT64;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}
