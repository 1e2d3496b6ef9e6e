/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-store-changes"

#include "config.h"

#include <sqlite3.h>

#include "wb-store-changes.h"
#include "wb-store-private.h"

/* The rows of the change table come from triggers (migration 5 in wb-store-schema.sql.h):
 * this file only reads and prunes them, and tells this connection's own from the rest. */

#define OWN_KEY "wb-store-changes-own"

typedef struct {
  GArray *pending;   /* seqs written in the open transaction */
  GHashTable *own;   /* committed seqs of ours, not yet forgotten: gint64 * -> itself */
} OwnTracker;

static void
own_tracker_free (OwnTracker *tracker)
{
  g_array_unref (tracker->pending);
  g_hash_table_unref (tracker->own);
  g_free (tracker);
}

void
wb_store_change_free (WbStoreChange *change)
{
  if (change == NULL)
    return;
  g_free (change->resource);
  g_free (change->parent_resource);
  g_free (change);
}

const char *
wb_change_kind_to_string (WbChangeKind kind)
{
  switch (kind)
    {
    case WB_CHANGE_CREATED:
      return "created";
    case WB_CHANGE_DELETED:
      return "deleted";
    case WB_CHANGE_CHANGED:
    default:
      return "changed";
    }
}

static WbChangeKind
kind_from_string (const char *text)
{
  if (g_strcmp0 (text, "created") == 0)
    return WB_CHANGE_CREATED;
  if (g_strcmp0 (text, "deleted") == 0)
    return WB_CHANGE_DELETED;
  return WB_CHANGE_CHANGED;
}

static gint64
single_int (WbStore     *self,
            const char  *sql,
            gint64       fallback,
            GError     **error)
{
  sqlite3_stmt *stmt = _wb_store_prepare (self, sql, error);
  gint64 value = fallback;
  int rc;

  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _wb_store_set_error (self, error, "changes");
      value = -1;
    }
  sqlite3_reset (stmt);
  return value;
}

gint64
wb_store_changes_last_seq (WbStore  *self,
                           GError  **error)
{
  g_return_val_if_fail (WB_IS_STORE (self), -1);

  /* AUTOINCREMENT keeps the highest seq ever given here, also when its row is pruned. */
  return single_int (self, "SELECT seq FROM sqlite_sequence WHERE name = 'changes'", 0, error);
}

gint64
wb_store_changes_history_start (WbStore  *self,
                                GError  **error)
{
  gint64 first;

  g_return_val_if_fail (WB_IS_STORE (self), -1);

  first = single_int (self, "SELECT min(seq) FROM changes", 0, error);
  if (first < 0)
    return -1;
  if (first == 0)
    return wb_store_changes_last_seq (self, error);
  return first - 1;
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

GPtrArray *
wb_store_changes_since (WbStore  *self,
                        gint64    since,
                        guint     limit,
                        GError  **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) wb_store_change_free);
  OwnTracker *tracker;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (WB_IS_STORE (self), NULL);

  stmt = _wb_store_prepare (self,
                            "SELECT seq, at, resource, kind, record_id, version, organisation_id, user_id,"
                            " parent_resource, parent_id FROM changes WHERE seq > ?1 ORDER BY seq LIMIT ?2",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, since);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64) limit : -1);

  tracker = g_object_get_data (G_OBJECT (self), OWN_KEY);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      WbStoreChange *change = g_new0 (WbStoreChange, 1);

      change->seq = sqlite3_column_int64 (stmt, 0);
      change->at = sqlite3_column_int64 (stmt, 1);
      change->resource = column_dup (stmt, 2);
      change->kind = kind_from_string ((const char *) sqlite3_column_text (stmt, 3));
      change->id = sqlite3_column_int64 (stmt, 4);
      change->version = sqlite3_column_int64 (stmt, 5);
      change->organisation_id = sqlite3_column_int64 (stmt, 6);
      change->user_id = sqlite3_column_int64 (stmt, 7);
      change->parent_resource = column_dup (stmt, 8);
      change->parent_id = sqlite3_column_int64 (stmt, 9);
      change->own = tracker != NULL && g_hash_table_contains (tracker->own, &change->seq);
      g_ptr_array_add (changes, change);
    }
  if (rc != SQLITE_DONE)
    {
      _wb_store_set_error (self, error, "changes");
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&changes);
}

gint64
wb_store_changes_prune (WbStore  *self,
                        gint64    before,
                        GError  **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (WB_IS_STORE (self), -1);

  stmt = _wb_store_prepare (self, "DELETE FROM changes WHERE at < ?1", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, before);
  if (!_wb_store_step_done (self, stmt, error))
    return -1;
  return sqlite3_changes64 (_wb_store_get_db (self));
}

gint64
wb_store_get_data_version (WbStore  *self,
                           GError  **error)
{
  g_return_val_if_fail (WB_IS_STORE (self), -1);
  return single_int (self, "PRAGMA data_version", 0, error);
}

/* Own changes: SQLite tells of every row its connection inserts, those of triggers too,
 * and of every commit and rollback. */

static void
on_update (void          *data,
           int            op,
           const char    *database,
           const char    *table,
           sqlite3_int64  rowid)
{
  OwnTracker *tracker = data;
  gint64 seq = rowid;

  if (op == SQLITE_INSERT && g_str_equal (table, "changes") && g_str_equal (database, "main"))
    g_array_append_val (tracker->pending, seq);
}

static int
on_commit (void *data)
{
  OwnTracker *tracker = data;

  for (guint i = 0; i < tracker->pending->len; i++)
    {
      gint64 *seq = g_new (gint64, 1);

      *seq = g_array_index (tracker->pending, gint64, i);
      g_hash_table_add (tracker->own, seq);
    }
  g_array_set_size (tracker->pending, 0);
  return 0;
}

static void
on_rollback (void *data)
{
  OwnTracker *tracker = data;

  g_array_set_size (tracker->pending, 0);
}

void
wb_store_changes_track_own (WbStore *self)
{
  sqlite3 *db;
  OwnTracker *tracker;

  g_return_if_fail (WB_IS_STORE (self));

  if (g_object_get_data (G_OBJECT (self), OWN_KEY) != NULL)
    return;

  tracker = g_new0 (OwnTracker, 1);
  tracker->pending = g_array_new (FALSE, FALSE, sizeof (gint64));
  tracker->own = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  db = _wb_store_get_db (self);
  sqlite3_update_hook (db, on_update, tracker);
  sqlite3_commit_hook (db, on_commit, tracker);
  sqlite3_rollback_hook (db, on_rollback, tracker);
  g_object_set_data_full (G_OBJECT (self), OWN_KEY, tracker, (GDestroyNotify) own_tracker_free);
}

static gboolean
is_up_to (gpointer key,
          gpointer value,
          gpointer data)
{
  return *(gint64 *) key <= *(gint64 *) data;
}

void
wb_store_changes_forget_own (WbStore *self,
                             gint64   seq)
{
  OwnTracker *tracker;

  g_return_if_fail (WB_IS_STORE (self));

  tracker = g_object_get_data (G_OBJECT (self), OWN_KEY);
  if (tracker != NULL)
    g_hash_table_foreach_remove (tracker->own, is_up_to, &seq);
}
