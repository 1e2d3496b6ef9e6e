/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-store-audit"

#include "config.h"

#include <json-glib/json-glib.h>

#include "wb-store-private.h"
#include "wb-store-audit.h"

/* The same conditions for the count and the page: ?1 client, ?2 user, ?3 organisation,
 * ?4 and ?5 the first and last day, ?8 without the reads of the audit. A day ends before the
 * next one starts. */
#define AUDIT_WHERE \
  "WHERE (?1 = 0 OR (a.resource IN ('clients', 'client') AND a.resource_id = ?1)) " \
  "AND (?2 = 0 OR a.user_id = ?2) " \
  "AND (?3 = 0 OR a.organisation_id = ?3) " \
  "AND (?4 IS NULL OR a.at >= ?4) " \
  "AND (?5 IS NULL OR a.at < date (?5, '+1 day')) " \
  "AND (?8 = 0 OR a.action != 'audit_read') "

static void
bind_query (sqlite3_stmt       *stmt,
            const WbAuditQuery *query)
{
  sqlite3_bind_int64 (stmt, 1, query->client_id);
  sqlite3_bind_int64 (stmt, 2, query->user_id);
  sqlite3_bind_int64 (stmt, 3, query->organisation_id);
  sqlite3_bind_int (stmt, 8, query->without_audit_reads ? 1 : 0);
  if (query->from != NULL)
    sqlite3_bind_text (stmt, 4, query->from, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 4);
  if (query->to != NULL)
    sqlite3_bind_text (stmt, 5, query->to, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 5);
}

static void
set_text (JsonObject   *object,
          const char   *name,
          sqlite3_stmt *stmt,
          int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    json_object_set_null_member (object, name);
  else
    json_object_set_string_member (object, name, (const char *) sqlite3_column_text (stmt, column));
}

static void
set_id (JsonObject   *object,
        const char   *name,
        sqlite3_stmt *stmt,
        int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL || sqlite3_column_int64 (stmt, column) <= 0)
    json_object_set_null_member (object, name);
  else
    json_object_set_int_member (object, name, sqlite3_column_int64 (stmt, column));
}

GPtrArray *
wb_store_audit_trail (WbStore            *self,
                      const WbAuditQuery *query,
                      guint               offset,
                      guint               limit,
                      gint64             *total,
                      GError            **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (WB_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  stmt = _wb_store_prepare (self, "SELECT count(*) FROM audit_log a " AUDIT_WHERE, error);
  if (stmt == NULL)
    return NULL;
  bind_query (stmt, query);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      _wb_store_set_error (self, error, "count the audit log");
      return NULL;
    }
  if (total != NULL)
    *total = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  stmt = _wb_store_prepare (self,
                            "SELECT a.id, a.at, a.user_id, u.display_name, u.username, a.organisation_id, o.name, "
                            "a.action, a.resource, a.resource_id, a.reason "
                            "FROM audit_log a LEFT JOIN users u ON u.id = a.user_id "
                            "LEFT JOIN organisations o ON o.id = a.organisation_id "
                            AUDIT_WHERE "ORDER BY a.at DESC, a.id DESC LIMIT ?6 OFFSET ?7", error);
  if (stmt == NULL)
    return NULL;
  bind_query (stmt, query);
  sqlite3_bind_int64 (stmt, 6, limit);
  sqlite3_bind_int64 (stmt, 7, offset);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *row = json_object_new ();

      json_object_set_int_member (row, "id", sqlite3_column_int64 (stmt, 0));
      set_text (row, "at", stmt, 1);
      set_id (row, "user_id", stmt, 2);
      set_text (row, "user_name", stmt, 3);
      set_text (row, "username", stmt, 4);
      set_id (row, "organisation_id", stmt, 5);
      set_text (row, "organisation", stmt, 6);
      set_text (row, "action", stmt, 7);
      set_text (row, "resource", stmt, 8);
      set_id (row, "resource_id", stmt, 9);
      set_text (row, "reason", stmt, 10);
      g_ptr_array_add (rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _wb_store_set_error (self, error, "read the audit log");
      return NULL;
    }
  return g_steal_pointer (&rows);
}
