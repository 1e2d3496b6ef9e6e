/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "wb-store-private.h"
#include "wb-store-schema.sql.h"

struct _WbStore
{
  GObject parent_instance;

  char *path;
  sqlite3 *db;
  GHashTable *statements;  /* SQL text -> sqlite3_stmt */
  int lock_fd;             /* the directory, locked shared while the store is open */
  int wal_fd;              /* the write-ahead log, once the sync is deferred (wb_store_sync) */

  /* What was computed from the database: dropped as soon as a table it was read from is
   * written to, by this connection (its total changes) or another connection or process
   * (PRAGMA data_version), as the tables' counts of writes tell. See wb_store_cache_lookup. */
  GHashTable *cache;       /* key -> CacheEntry */
  gsize cache_bytes;
  gint64 cache_data_version;
  gint64 cache_changes;    /* -1: look again, a transaction was open at the last look */
  GHashTable *generations; /* table name -> its count of writes, as last seen; NULL: unknown */
};

typedef struct {
  gpointer data;
  GDestroyNotify destroy;
  gsize size;
  char **tables;           /* what it depends on; NULL: every table */
} CacheEntry;

/* Beyond this many bytes of cached results a connection starts afresh. */
#define CACHE_MAX_BYTES (32 * 1024 * 1024)

G_DEFINE_FINAL_TYPE (WbStore, wb_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (wb-store-error-quark, wb_store_error)

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static void
cache_entry_free (gpointer data)
{
  CacheEntry *entry = data;

  if (entry->destroy != NULL)
    entry->destroy (entry->data);
  g_strfreev (entry->tables);
  g_free (entry);
}

static void
wb_store_finalize (GObject *object)
{
  WbStore *self = (WbStore *) object;

  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_clear_pointer (&self->generations, g_hash_table_unref);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->db, sqlite3_close);
  g_clear_pointer (&self->path, g_free);
  if (self->lock_fd >= 0)
    close (self->lock_fd);
  if (self->wal_fd >= 0)
    close (self->wal_fd);

  G_OBJECT_CLASS (wb_store_parent_class)->finalize (object);
}

static void
wb_store_class_init (WbStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wb_store_finalize;
}

static void
wb_store_init (WbStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
  self->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, cache_entry_free);
  self->cache_data_version = -1;
  self->lock_fd = -1;
  self->wal_fd = -1;
}

void
wb_store_user_free (WbStoreUser *user)
{
  if (user == NULL)
    return;
  g_free (user->username);
  g_free (user->display_name);
  g_free (user->role);
  g_free (user->password_hash);
  g_free (user);
}

char *
_wb_store_ids_json (const GArray *ids)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", g_array_index (ids, gint64, i));
  g_string_append_c (json, ']');
  return g_string_free (json, FALSE);
}

void
_wb_store_set_error (WbStore     *self,
                     GError     **error,
                     const char  *what)
{
  int code = sqlite3_extended_errcode (self->db);
  int primary = code & 0xff;
  WbStoreError kind = WB_STORE_ERROR_FAILED;

  if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY)
    kind = WB_STORE_ERROR_CONFLICT;
  else if (primary == SQLITE_CONSTRAINT)
    kind = WB_STORE_ERROR_INVALID;
  else if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
    kind = WB_STORE_ERROR_BUSY;

  g_set_error (error, WB_STORE_ERROR, kind, "%s: %s", what, sqlite3_errmsg (self->db));
}

sqlite3 *
_wb_store_get_db (WbStore *self)
{
  g_return_val_if_fail (WB_IS_STORE (self), NULL);
  return self->db;
}

sqlite3_stmt *
_wb_store_prepare (WbStore     *self,
                   const char  *sql,
                   GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (WB_IS_STORE (self), NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      _wb_store_set_error (self, error, "prepare");
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
_wb_store_exec (WbStore     *self,
                const char  *sql,
                GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (self->db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      _wb_store_set_error (self, error, "exec");
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

gboolean
_wb_store_step_done (WbStore       *self,
                     sqlite3_stmt  *stmt,
                     GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _wb_store_set_error (self, error, "step");
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/* Results kept per generation of the database */

static void
cache_clear (WbStore *self)
{
  g_hash_table_remove_all (self->cache);
  self->cache_bytes = 0;
}

/* Each table's count of writes, from table_generations; NULL when it cannot be read. */
static GHashTable *
read_generations (WbStore *self)
{
  g_autoptr(GHashTable) generations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _wb_store_prepare (self, "SELECT name, n FROM table_generations", NULL);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (generations, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         GSIZE_TO_POINTER ((gsize) sqlite3_column_int64 (stmt, 1)));
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE ? g_steal_pointer (&generations) : NULL;
}

/* Whether @table was written to between two readings of the counts (a table that has no
 * count always was). */
static gboolean
table_written (GHashTable *before,
               GHashTable *after,
               const char *table)
{
  gpointer a, b;

  return !g_hash_table_lookup_extended (before, table, NULL, &a) ||
         !g_hash_table_lookup_extended (after, table, NULL, &b) || a != b;
}

typedef struct {
  GHashTable *before;
  GHashTable *after;
  gsize dropped;       /* bytes */
} Written;

static gboolean
entry_is_stale (gpointer key,
                gpointer value,
                gpointer user_data)
{
  CacheEntry *entry = value;
  Written *written = user_data;

  gboolean stale = entry->tables == NULL;

  for (guint i = 0; !stale && entry->tables[i] != NULL; i++)
    stale = table_written (written->before, written->after, entry->tables[i]);
  if (stale)
    written->dropped += entry->size;
  return stale;
}

/* Drops what depends on a table written since the last look. */
static void
cache_sync (WbStore *self)
{
  sqlite3_stmt *stmt;
  gint64 data_version = -1;
  gint64 changes;
  Written written = { 0 };

  /* data_version moves when another connection commits; this connection's own writes,
   * committed or not, move its count of changes. */
  stmt = _wb_store_prepare (self, "PRAGMA data_version", NULL);
  if (stmt != NULL)
    {
      if (sqlite3_step (stmt) == SQLITE_ROW)
        data_version = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }
  changes = sqlite3_total_changes64 (self->db);
  if (data_version >= 0 && data_version == self->cache_data_version && changes == self->cache_changes)
    return;

  /* The counts are read after the version: a commit in between is seen in the counts, and
   * moves the version again for the next look. */
  written.before = self->generations;
  written.after = read_generations (self);
  if (written.before == NULL || written.after == NULL)
    cache_clear (self);
  else
    {
      g_hash_table_foreach_remove (self->cache, entry_is_stale, &written);
      self->cache_bytes -= written.dropped;
    }
  g_clear_pointer (&self->generations, g_hash_table_unref);
  self->generations = written.after;
  self->cache_data_version = data_version;
  /* Inside a transaction the counts may yet be rolled back: look again next time. */
  self->cache_changes = sqlite3_get_autocommit (self->db) ? changes : -1;
}

gpointer
wb_store_cache_lookup (WbStore    *self,
                       const char *key)
{
  CacheEntry *entry;

  g_return_val_if_fail (WB_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  cache_sync (self);
  entry = g_hash_table_lookup (self->cache, key);
  return entry != NULL ? entry->data : NULL;
}

void
wb_store_cache_insert_for (WbStore            *self,
                           const char         *key,
                           const char * const *tables,
                           gpointer            data,
                           gsize               size,
                           GDestroyNotify      destroy)
{
  CacheEntry *entry;

  g_return_if_fail (WB_IS_STORE (self));
  g_return_if_fail (key != NULL);

  entry = g_hash_table_lookup (self->cache, key);
  if (entry != NULL)
    self->cache_bytes -= entry->size;
  if (self->cache_bytes + size > CACHE_MAX_BYTES)
    cache_clear (self);
  entry = g_new (CacheEntry, 1);
  entry->data = data;
  entry->destroy = destroy;
  entry->size = size;
  entry->tables = tables != NULL ? g_strdupv ((char **) tables) : NULL;
  g_hash_table_replace (self->cache, g_strdup (key), entry);
  self->cache_bytes += size;
}

void
wb_store_cache_insert (WbStore        *self,
                       const char     *key,
                       gpointer        data,
                       gsize           size,
                       GDestroyNotify  destroy)
{
  wb_store_cache_insert_for (self, key, NULL, data, size, destroy);
}

char *
wb_store_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

char *
wb_store_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

int
wb_store_get_latest_schema_version (void)
{
  return G_N_ELEMENTS (wb_store_migrations);
}

int
wb_store_get_schema_version (WbStore *self)
{
  sqlite3_stmt *stmt;
  int version = -1;

  g_return_val_if_fail (WB_IS_STORE (self), -1);

  stmt = _wb_store_prepare (self, "PRAGMA user_version", NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return version;
}

static gboolean
migrate (WbStore  *self,
         GError  **error)
{
  int latest = wb_store_get_latest_schema_version ();
  int current = wb_store_get_schema_version (self);

  while (current >= 0 && current < latest)
    {
      g_autofree char *bump = NULL;

      /* Another connection may be migrating the same new file right now: read the version
       * again under the write lock, so that every migration runs exactly once. */
      if (!wb_store_begin (self, error))
        return FALSE;
      current = wb_store_get_schema_version (self);
      if (current < 0 || current >= latest)
        {
          wb_store_rollback (self);
          break;
        }

      /* Each migration and its version bump land together or not at all. */
      bump = g_strdup_printf ("PRAGMA user_version = %d", current + 1);
      if (!_wb_store_exec (self, wb_store_migrations[current], error) ||
          !_wb_store_exec (self, bump, error))
        {
          wb_store_rollback (self);
          return FALSE;
        }
      if (!wb_store_commit (self, error))
        return FALSE;
      current++;
    }

  if (current < 0)
    {
      _wb_store_set_error (self, error, "user_version");
      return FALSE;
    }
  if (current > latest)
    {
      g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_FAILED,
                   _("The database %s was written by a newer Werkbrug (schema %d, this one knows %d)"),
                   self->path, current, latest);
      return FALSE;
    }
  return TRUE;
}

/* Every table counts its writes in table_generations, through triggers, so that a reader
 * learns which tables another connection or process wrote to (wb_store_cache_lookup):
 *   "T"       any row of T inserted, changed or deleted;
 *   "T#rows"  a row of T inserted or deleted;
 *   "T.C"     column C of a row of T set by an UPDATE.
 * A list's order depends on its rows and the columns it filters and sorts on, a page on T.
 * Made here rather than in a migration so that a table or column a later migration adds
 * counts as well; the change table is left out (it is written only beside another table). */
static gboolean
ensure_table_generations (WbStore  *self,
                          GError  **error)
{
  /* Run on every start: the trigger names are looked up in the set that NOT IN makes of
   * them once, not by a scan of the whole schema (some 600 entries) for each of the 300
   * columns, which took 25 ms of the start. */
  static const char *missing_sql =
    "WITH tables AS (SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
    "                AND name NOT IN ('changes', 'table_generations')), "
    "     triggers AS (SELECT name FROM sqlite_schema WHERE type = 'trigger') "
    "SELECT t.name, NULL FROM tables t "
    "WHERE t.name || '_generation_delete' NOT IN triggers "
    "UNION ALL "
    "SELECT t.name, c.name FROM tables t JOIN pragma_table_info (t.name) c "
    "WHERE t.name || '_generation_of_' || c.name NOT IN triggers "
    "ORDER BY 1, 2";
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func (g_free);  /* NULL: the table itself */
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;
  int rc;

  for (guint attempt = 0; attempt < 2; attempt++)
    {
      g_ptr_array_set_size (tables, 0);
      g_ptr_array_set_size (columns, 0);
      stmt = _wb_store_prepare (self, missing_sql, error);
      if (stmt == NULL)
        return FALSE;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
          g_ptr_array_add (columns, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          _wb_store_set_error (self, error, "table_generations");
          return FALSE;
        }
      if (tables->len == 0)
        return TRUE;
      /* Asked again under the write lock: another connection may be at it too. */
      if (attempt == 0 && !wb_store_begin (self, error))
        return FALSE;
    }

  ok = _wb_store_exec (self, "CREATE TABLE IF NOT EXISTS table_generations ("
                             "name TEXT PRIMARY KEY, n INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID", error);
  for (guint i = 0; ok && i < tables->len; i++)
    {
      const char *table = tables->pdata[i];
      const char *column = columns->pdata[i];
      GPtrArray *sql = g_ptr_array_new_with_free_func (sqlite3_free);

      if (column == NULL)
        {
          g_ptr_array_add (sql, sqlite3_mprintf ("INSERT OR IGNORE INTO table_generations (name) VALUES (%Q), ('%q#rows')",
                                                 table, table));
          g_ptr_array_add (sql, sqlite3_mprintf ("CREATE TRIGGER IF NOT EXISTS \"%w_generation_insert\" AFTER INSERT ON \"%w\" "
                                                 "BEGIN UPDATE table_generations SET n = n + 1 WHERE name IN (%Q, '%q#rows'); END",
                                                 table, table, table, table));
          g_ptr_array_add (sql, sqlite3_mprintf ("CREATE TRIGGER IF NOT EXISTS \"%w_generation_update\" AFTER UPDATE ON \"%w\" "
                                                 "BEGIN UPDATE table_generations SET n = n + 1 WHERE name = %Q; END",
                                                 table, table, table));
          g_ptr_array_add (sql, sqlite3_mprintf ("CREATE TRIGGER IF NOT EXISTS \"%w_generation_delete\" AFTER DELETE ON \"%w\" "
                                                 "BEGIN UPDATE table_generations SET n = n + 1 WHERE name IN (%Q, '%q#rows'); END",
                                                 table, table, table, table));
        }
      else
        {
          g_ptr_array_add (sql, sqlite3_mprintf ("INSERT OR IGNORE INTO table_generations (name) VALUES ('%q.%q')",
                                                 table, column));
          g_ptr_array_add (sql, sqlite3_mprintf ("CREATE TRIGGER IF NOT EXISTS \"%w_generation_of_%w\" "
                                                 "AFTER UPDATE OF \"%w\" ON \"%w\" "
                                                 "BEGIN UPDATE table_generations SET n = n + 1 WHERE name = '%q.%q'; END",
                                                 table, column, column, table, table, column));
        }
      for (guint j = 0; ok && j < sql->len; j++)
        ok = _wb_store_exec (self, sql->pdata[j], error);
      g_ptr_array_unref (sql);
    }
  if (!ok)
    {
      wb_store_rollback (self);
      return FALSE;
    }
  return wb_store_commit (self, error);
}

/* Switching a new file to WAL needs a lock the busy handler does not wait for: when another
 * connection is setting up the same file at that moment, try again for a while. */
static gboolean
set_journal_mode_wal (WbStore  *self,
                      GError  **error)
{
  for (guint attempt = 0; ; attempt++)
    {
      g_autoptr(GError) local_error = NULL;

      if (_wb_store_exec (self, "PRAGMA journal_mode = WAL", &local_error))
        return TRUE;
      if (!g_error_matches (local_error, WB_STORE_ERROR, WB_STORE_ERROR_BUSY) || attempt >= 250)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_usleep (20000);
    }
}

WbStore *
wb_store_open (const char  *path,
               GError     **error)
{
  g_autoptr(WbStore) self = NULL;
  gboolean in_memory, created;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (WB_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  /* An in-memory database (the fuzzers', some tests') has no file to lock or protect. */
  in_memory = g_str_equal (path, ":memory:") || path[0] == '\0';

  /* A restore replaces the file only while no store has it open. */
  if (!in_memory)
    {
      self->lock_fd = _wb_store_lock_directory (path, FALSE, error);
      if (self->lock_fd < 0)
        return NULL;
    }

  created = !in_memory && !g_file_test (path, G_FILE_TEST_EXISTS);
  if (sqlite3_open_v2 (path, &self->db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_FAILED,
                   _("Could not open the database %s: %s"), path,
                   self->db ? sqlite3_errmsg (self->db) : "out of memory");
      return NULL;
    }

  sqlite3_busy_timeout (self->db, 5000);
  sqlite3_extended_result_codes (self->db, 1);

  /* The database holds citizen numbers: a new one is its owner's alone. SQLite gives the
   * WAL and shared-memory files, made below, the database file's mode. Changed by name,
   * not through a descriptor of our own, whose closing would drop SQLite's locks. */
  if (created && g_chmod (path, 0600) != 0)
    {
      int saved = errno;

      g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_FAILED,
                   _("Could not make the database %s private: %s"), path, g_strerror (saved));
      return NULL;
    }

  if (!set_journal_mode_wal (self, error) ||
      !_wb_store_exec (self, "PRAGMA foreign_keys = ON", error) ||
      !_wb_store_exec (self, "PRAGMA synchronous = FULL", error) ||
      !migrate (self, error) ||
      !ensure_table_generations (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

WbStore *
wb_store_open_readonly (const char  *path,
                        GError     **error)
{
  g_autoptr(WbStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_str_equal (path, ":memory:") || path[0] == '\0')
    {
      g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID,
                   _("An in-memory database has no second connection"));
      return NULL;
    }

  self = g_object_new (WB_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->lock_fd = _wb_store_lock_directory (path, FALSE, error);
  if (self->lock_fd < 0)
    return NULL;
  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_FAILED,
                   _("Could not open the database %s: %s"), path,
                   self->db ? sqlite3_errmsg (self->db) : "out of memory");
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 5000);
  sqlite3_extended_result_codes (self->db, 1);
  /* Pages mapped rather than copied: after a write elsewhere a reader starts its page cache
   * afresh, and reading the file again through the mapping costs far less. */
  if (!_wb_store_exec (self, "PRAGMA query_only = ON", error) ||
      !_wb_store_exec (self, "PRAGMA mmap_size = 1073741824", error))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
wb_store_get_path (WbStore *self)
{
  g_return_val_if_fail (WB_IS_STORE (self), NULL);
  return self->path;
}

gboolean
wb_store_defer_sync (WbStore  *self,
                     GError  **error)
{
  g_autofree char *wal = NULL;

  g_return_val_if_fail (WB_IS_STORE (self), FALSE);

  if (self->wal_fd >= 0)
    return TRUE;
  /* The log exists while a connection has the database open in WAL mode, and keeps its
   * file (SQLite only rewinds it): this descriptor stays good while the store lives. It is
   * closed after the connection, so that no lock of SQLite's can go with it. */
  wal = g_strconcat (self->path, "-wal", NULL);
  self->wal_fd = g_open (wal, O_RDONLY | O_CLOEXEC, 0);
  if (self->wal_fd < 0)
    {
      int saved = errno;

      g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_FAILED,
                   _("Could not open the log %s: %s"), wal, g_strerror (saved));
      return FALSE;
    }
  if (!_wb_store_exec (self, "PRAGMA synchronous = NORMAL", error))
    {
      close (self->wal_fd);
      self->wal_fd = -1;
      return FALSE;
    }
  return TRUE;
}

gboolean
wb_store_sync (WbStore  *self,
               GError  **error)
{
  g_return_val_if_fail (WB_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->wal_fd >= 0, FALSE);

  /* Only the log: in WAL mode a commit writes nothing else, and a checkpoint, which
   * writes the database file, flushes the log and the file itself. */
  if (fdatasync (self->wal_fd) != 0)
    {
      int saved = errno;

      g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_FAILED,
                   _("Could not put the log of %s on disk: %s"), self->path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

gint64
wb_store_get_total_changes (WbStore *self)
{
  g_return_val_if_fail (WB_IS_STORE (self), 0);
  return sqlite3_total_changes64 (self->db);
}

gboolean
wb_store_begin (WbStore  *self,
                GError  **error)
{
  return _wb_store_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
wb_store_commit (WbStore  *self,
                 GError  **error)
{
  if (!_wb_store_exec (self, "COMMIT", error))
    {
      wb_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

void
wb_store_rollback (WbStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    _wb_store_exec (self, "ROLLBACK", NULL);
}

/* Reading rows into JSON */

static void
set_column (JsonObject         *object,
            const WbFieldSpec  *field,
            const char         *name,
            sqlite3_stmt       *stmt,
            int                 column)
{
  int type = sqlite3_column_type (stmt, column);

  if (type == SQLITE_NULL)
    {
      json_object_set_null_member (object, name);
      return;
    }

  if (field == NULL)
    {
      /* id, version, created_at, updated_at */
      if (type == SQLITE_INTEGER)
        json_object_set_int_member (object, name, sqlite3_column_int64 (stmt, column));
      else
        json_object_set_string_member (object, name, (const char *) sqlite3_column_text (stmt, column));
      return;
    }

  switch (field->type)
    {
    case WB_FIELD_INT:
    case WB_FIELD_REF:
      json_object_set_int_member (object, name, sqlite3_column_int64 (stmt, column));
      break;
    case WB_FIELD_REAL:
      json_object_set_double_member (object, name, sqlite3_column_double (stmt, column));
      break;
    case WB_FIELD_BOOL:
      json_object_set_boolean_member (object, name, sqlite3_column_int (stmt, column) != 0);
      break;
    case WB_FIELD_STRV:
    case WB_FIELD_JSON:
      {
        g_autoptr(JsonParser) parser = json_parser_new ();
        const char *text = (const char *) sqlite3_column_text (stmt, column);

        if (json_parser_load_from_data (parser, text, -1, NULL) &&
            (field->type == WB_FIELD_JSON || JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser))))
          json_object_set_member (object, name, json_node_copy (json_parser_get_root (parser)));
        else if (field->type == WB_FIELD_STRV)
          json_object_set_array_member (object, name, json_array_new ());
        else
          json_object_set_null_member (object, name);
      }
      break;
    case WB_FIELD_STRING:
    case WB_FIELD_DATE:
    case WB_FIELD_ENUM:
    case WB_FIELD_BSN:
    case WB_FIELD_KVK:
    case WB_FIELD_PC4:
    case WB_FIELD_POSTCODE:
    case WB_FIELD_PHONE:
    case WB_FIELD_EMAIL:
    default:
      json_object_set_string_member (object, name, (const char *) sqlite3_column_text (stmt, column));
      break;
    }
}

static char *
select_columns (const WbResourceSpec *spec)
{
  GString *sql = g_string_new ("id, created_at");

  if (spec->versioned)
    g_string_append (sql, ", version, updated_at");
  for (guint i = 0; i < spec->n_fields; i++)
    g_string_append_printf (sql, ", %s", spec->fields[i].name);
  return g_string_free (sql, FALSE);
}

static JsonObject *
row_to_object (const WbResourceSpec *spec,
               sqlite3_stmt         *stmt)
{
  JsonObject *object = json_object_new ();
  int n = sqlite3_column_count (stmt);

  for (int i = 0; i < n; i++)
    {
      const char *name = sqlite3_column_name (stmt, i);

      set_column (object, wb_resource_spec_find_field (spec, name), name, stmt, i);
    }
  return object;
}

/* Nested collections that belong to a record and are read and written with it. */

static void
add_competences (WbStore    *self,
                 JsonObject *object,
                 const char *sql,
                 gint64      owner_id,
                 const char *flag_column)
{
  sqlite3_stmt *stmt = _wb_store_prepare (self, sql, NULL);
  JsonArray *array = json_array_new ();

  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, owner_id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          JsonObject *item = json_object_new ();
          const char *label_nl = (const char *) sqlite3_column_text (stmt, 1);
          const char *label_en = (const char *) sqlite3_column_text (stmt, 2);

          json_object_set_int_member (item, "competence_id", sqlite3_column_int64 (stmt, 0));
          json_object_set_string_member (item, "label", label_nl ? label_nl : label_en);
          /* An occupation asks a competence at no level. */
          if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
            json_object_set_int_member (item, "level", sqlite3_column_int (stmt, 3));
          if (g_strcmp0 (flag_column, "essential") == 0)
            json_object_set_boolean_member (item, "essential", sqlite3_column_int (stmt, 4) != 0);
          else
            json_object_set_string_member (item, flag_column, (const char *) sqlite3_column_text (stmt, 4));
          json_array_add_object_element (array, item);
        }
      sqlite3_reset (stmt);
    }
  json_object_set_array_member (object, "competences", array);
}

/* Where a vacancy is and whose it is, in words a list shows: the employer's name, and the
 * municipality of its postcode area (the employer's when the area is not known) with that
 * municipality's subregion. */
static void
add_vacancy_place (WbStore    *self,
                   JsonObject *object,
                   gint64      id)
{
  sqlite3_stmt *stmt = _wb_store_prepare (self,
                                          "SELECT e.name, m.id, m.region FROM vacancies v "
                                          "JOIN employers e ON e.id = v.employer_id "
                                          "LEFT JOIN pc4_areas p ON p.pc4 = v.pc4 "
                                          "LEFT JOIN municipalities mp ON mp.name = p.municipality "
                                          "JOIN municipalities m ON m.id = COALESCE (mp.id, e.municipality_id) "
                                          "WHERE v.id = ?1", NULL);

  if (stmt == NULL)
    return;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      json_object_set_string_member (object, "employer", (const char *) sqlite3_column_text (stmt, 0));
      json_object_set_int_member (object, "municipality_id", sqlite3_column_int64 (stmt, 1));
      json_object_set_string_member (object, "region", (const char *) sqlite3_column_text (stmt, 2));
    }
  sqlite3_reset (stmt);
}

static void
add_client_details (WbStore    *self,
                    JsonObject *object,
                    gint64      id)
{
  sqlite3_stmt *stmt;
  JsonArray *array;

  /* The competences of the client's latest diagnosis. */
  add_competences (self, object,
                   "SELECT dc.competence_id, c.label_nl, c.label_en, dc.level, dc.evidence "
                   "FROM diagnosis_competences dc JOIN competences c ON c.id = dc.competence_id "
                   "WHERE dc.diagnosis_id = (SELECT id FROM diagnoses WHERE client_id = ?1 "
                   "                         ORDER BY date DESC, id DESC LIMIT 1) "
                   "ORDER BY dc.level DESC, c.label_nl",
                   id, "evidence");

  array = json_array_new ();
  stmt = _wb_store_prepare (self,
                            "SELECT w.occupation_id, o.label_nl, w.years FROM work_experience w "
                            "JOIN occupations o ON o.id = w.occupation_id WHERE w.client_id = ?1 "
                            "ORDER BY w.years DESC", NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          JsonObject *item = json_object_new ();

          json_object_set_int_member (item, "occupation_id", sqlite3_column_int64 (stmt, 0));
          json_object_set_string_member (item, "label", (const char *) sqlite3_column_text (stmt, 1));
          json_object_set_double_member (item, "years", sqlite3_column_double (stmt, 2));
          json_array_add_object_element (array, item);
        }
      sqlite3_reset (stmt);
    }
  json_object_set_array_member (object, "work_experience", array);

  array = json_array_new ();
  stmt = _wb_store_prepare (self, "SELECT sector FROM sector_preferences WHERE client_id = ?1 ORDER BY sector", NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        json_array_add_string_element (array, (const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
    }
  json_object_set_array_member (object, "sector_preferences", array);
}

static void
add_organisation_municipalities (WbStore    *self,
                                 JsonObject *object,
                                 gint64      id)
{
  sqlite3_stmt *stmt = _wb_store_prepare (self,
                                          "SELECT municipality_id FROM organisation_municipalities "
                                          "WHERE organisation_id = ?1 ORDER BY municipality_id", NULL);
  JsonArray *array = json_array_new ();

  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        json_array_add_int_element (array, sqlite3_column_int64 (stmt, 0));
      sqlite3_reset (stmt);
    }
  json_object_set_array_member (object, "municipality_ids", array);
}

static void
add_details (WbStore    *self,
             WbResource  resource,
             JsonObject *object)
{
  gint64 id = json_object_get_int_member (object, "id");

  switch (resource)
    {
    case WB_RESOURCE_CLIENTS:
      add_client_details (self, object, id);
      break;
    case WB_RESOURCE_DIAGNOSES:
      add_competences (self, object,
                       "SELECT dc.competence_id, c.label_nl, c.label_en, dc.level, dc.evidence "
                       "FROM diagnosis_competences dc JOIN competences c ON c.id = dc.competence_id "
                       "WHERE dc.diagnosis_id = ?1 ORDER BY dc.level DESC, c.label_nl",
                       id, "evidence");
      break;
    case WB_RESOURCE_VACANCIES:
      add_competences (self, object,
                       "SELECT vc.competence_id, c.label_nl, c.label_en, vc.level, vc.essential "
                       "FROM vacancy_competences vc JOIN competences c ON c.id = vc.competence_id "
                       "WHERE vc.vacancy_id = ?1 ORDER BY vc.essential DESC, c.label_nl",
                       id, "essential");
      add_vacancy_place (self, object, id);
      break;
    case WB_RESOURCE_ORGANISATIONS:
      add_organisation_municipalities (self, object, id);
      break;
    case WB_RESOURCE_OCCUPATIONS:
      /* What ESCO (or the starter taxonomy) links to it: what a vacancy for it asks before
       * the account manager adjusts it. */
      add_competences (self, object,
                       "SELECT oc.competence_id, c.label_nl, c.label_en, NULL, oc.essential "
                       "FROM occupation_competences oc JOIN competences c ON c.id = oc.competence_id "
                       "WHERE oc.occupation_id = ?1 ORDER BY oc.essential DESC, COALESCE (c.label_nl, c.label_en)",
                       id, "essential");
      break;
    case WB_RESOURCE_MUNICIPALITIES:
    case WB_RESOURCE_USERS:
    case WB_RESOURCE_EVENTS:
    case WB_RESOURCE_EMPLOYERS:
    case WB_RESOURCE_CONTACTS:
    case WB_RESOURCE_CONTACT_LOG:
    case WB_RESOURCE_MATCHES:
    case WB_RESOURCE_COMPETENCES:
    case WB_RESOURCE_TARGETS:
    case WB_RESOURCE_ACTION_POINTS:
    case WB_RESOURCE_AUDIT:
    case WB_N_RESOURCES:
    default:
      break;
    }
}

const char * const *
wb_store_resource_tables (WbResource resource)
{
  /* The record's table first, then those add_details reads. */
  static const char * const organisations[] = { "organisations", "organisation_municipalities", NULL };
  static const char * const clients[] = { "clients", "diagnoses", "diagnosis_competences", "competences",
                                          "work_experience", "occupations", "sector_preferences", NULL };
  static const char * const diagnoses[] = { "diagnoses", "diagnosis_competences", "competences", NULL };
  static const char * const vacancies[] = { "vacancies", "vacancy_competences", "competences", "employers",
                                            "pc4_areas", "municipalities", NULL };
  static const char * const occupations[] = { "occupations", "occupation_competences", "competences", NULL };
  static const char *one[WB_N_RESOURCES][2];
  static gsize initialised = 0;

  g_return_val_if_fail (resource < WB_N_RESOURCES, NULL);

  switch (resource)
    {
    case WB_RESOURCE_ORGANISATIONS:
      return organisations;
    case WB_RESOURCE_CLIENTS:
      return clients;
    case WB_RESOURCE_DIAGNOSES:
      return diagnoses;
    case WB_RESOURCE_VACANCIES:
      return vacancies;
    case WB_RESOURCE_OCCUPATIONS:
      return occupations;
    case WB_RESOURCE_MUNICIPALITIES:
    case WB_RESOURCE_USERS:
    case WB_RESOURCE_EVENTS:
    case WB_RESOURCE_EMPLOYERS:
    case WB_RESOURCE_CONTACTS:
    case WB_RESOURCE_CONTACT_LOG:
    case WB_RESOURCE_MATCHES:
    case WB_RESOURCE_COMPETENCES:
    case WB_RESOURCE_TARGETS:
    case WB_RESOURCE_ACTION_POINTS:
    case WB_RESOURCE_AUDIT:
    case WB_N_RESOURCES:
    default:
      break;
    }

  /* The rest is its own table alone. */
  if (g_once_init_enter (&initialised))
    {
      for (guint r = 0; r < WB_N_RESOURCES; r++)
        one[r][0] = wb_resource_spec_get (r)->table;
      g_once_init_leave (&initialised, 1);
    }
  return one[resource];
}

JsonObject *
wb_store_get (WbStore     *self,
              WbResource   resource,
              gint64       id,
              GError     **error)
{
  const WbResourceSpec *spec = wb_resource_spec_get (resource);
  g_autofree char *columns = select_columns (spec);
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s WHERE id = ?1", columns, spec->table);
  sqlite3_stmt *stmt;
  JsonObject *object;
  int rc;

  g_return_val_if_fail (WB_IS_STORE (self), NULL);

  stmt = _wb_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_NOT_FOUND,
                     _("There is no record %lld in %s"), (long long) id, spec->name);
      else
        _wb_store_set_error (self, error, "get");
      sqlite3_reset (stmt);
      return NULL;
    }
  object = row_to_object (spec, stmt);
  sqlite3_reset (stmt);
  add_details (self, resource, object);
  return object;
}

static gboolean
bind_text_value (sqlite3_stmt       *stmt,
                 int                 index,
                 const WbFieldSpec  *field,
                 const char         *text)
{
  if (field->type == WB_FIELD_INT || field->type == WB_FIELD_REF)
    {
      gint64 v;

      if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &v, NULL))
        return FALSE;
      sqlite3_bind_int64 (stmt, index, v);
    }
  else if (field->type == WB_FIELD_BOOL)
    {
      if (g_strcmp0 (text, "true") == 0 || g_strcmp0 (text, "1") == 0)
        sqlite3_bind_int (stmt, index, 1);
      else if (g_strcmp0 (text, "false") == 0 || g_strcmp0 (text, "0") == 0)
        sqlite3_bind_int (stmt, index, 0);
      else
        return FALSE;
    }
  else if (field->type == WB_FIELD_REAL)
    {
      char *end = NULL;
      double v = g_ascii_strtod (text, &end);

      if (end == text || *end != '\0')
        return FALSE;
      sqlite3_bind_double (stmt, index, v);
    }
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  return TRUE;
}

static char *
escape_like (const char *text)
{
  GString *s = g_string_new ("%");

  for (const char *p = text; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (s, '\\');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '%');
  return g_string_free (s, FALSE);
}

/* A field the pseudonymous profile leaves out. */
/* The largest page (offset and rows) for which an order not known yet is read only as far
 * as the page goes (see wb_store_list). */
#define SMALL_PAGE_ROWS 100

static gboolean
is_private (const WbFieldSpec *field)
{
  return (field->flags & WB_FIELD_PUBLIC) == 0;
}

GPtrArray *
wb_store_list (WbStore            *self,
               WbResource          resource,
               const WbListQuery  *query,
               gint64             *total,
               GError            **error)
{
  const WbResourceSpec *spec = wb_resource_spec_get (resource);
  g_autofree char *columns = select_columns (spec);
  g_autoptr(GString) where = g_string_new (" WHERE 1");
  g_autoptr(GPtrArray) binds = g_ptr_array_new ();     /* const WbFieldSpec * */
  g_autoptr(GPtrArray) values = g_ptr_array_new ();    /* const char * */
  g_autoptr(GPtrArray) result = NULL;
  g_autofree char *like = NULL;
  g_autofree char *ids_sql = NULL;
  g_autofree char *row_sql = NULL;
  g_autoptr(GString) cache_key = NULL;
  g_autoptr(GArray) partial = NULL;       /* the order as far as a small first page goes */
  GArray *ids;
  gint64 page_total;
  guint limit;
  const WbFieldSpec *sort_field = NULL;
  gboolean descending = FALSE;
  sqlite3_stmt *stmt;
  int next_index = 1;
  int parent_index = 0;
  int like_index = 0;
  int visible_index = 0;
  int ids_index = 0;
  g_autofree char *ids_json = NULL;
  g_autofree char *visible = NULL;        /* NULL: every row shows its identity */
  g_autoptr(GArray) bind_indexes = g_array_new (FALSE, FALSE, sizeof (int));
  g_autofree char *order = NULL;
  const char *sort;
  /* What the order is read from: the table's rows and the columns it filters and sorts on,
   * as table_generations names them. */
  g_autoptr(GPtrArray) order_depends = g_ptr_array_new_with_free_func (g_free);

#define DEPENDS_ON(column) g_ptr_array_add (order_depends, g_strdup_printf ("%s.%s", spec->table, (column)))

  g_return_val_if_fail (WB_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (spec->parent_field != NULL && query->parent_id > 0)
    {
      g_string_append_printf (where, " AND %s = ?%d", spec->parent_field, next_index);
      parent_index = next_index++;
      DEPENDS_ON (spec->parent_field);
    }

  if (query->ids != NULL)
    {
      ids_json = _wb_store_ids_json (query->ids);
      g_string_append_printf (where, " AND id IN (SELECT value FROM json_each (?%d))", next_index);
      ids_index = next_index++;
    }

  /* The rows the caller may see in full, as a condition. */
  if (query->restrict_identity && wb_resource_spec_find_field (spec, "organisation_id") != NULL)
    {
      visible_index = next_index;
      next_index += 2;
      DEPENDS_ON ("organisation_id");
      if (wb_resource_spec_find_field (spec, "wsp_account_manager_id") != NULL)
        {
          visible = g_strdup_printf ("(organisation_id = ?%d OR wsp_account_manager_id = ?%d)",
                                     visible_index, visible_index + 1);
          DEPENDS_ON ("wsp_account_manager_id");
        }
      else
        visible = g_strdup_printf ("(organisation_id = ?%d)", visible_index);
    }

  if (query->filters != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, query->filters);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          const WbFieldSpec *field = wb_resource_spec_find_field (spec, key);

          if (field == NULL || !(field->flags & WB_FIELD_FILTER))
            {
              g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID,
                           _("%s cannot be filtered on"), (const char *) key);
              return NULL;
            }
          DEPENDS_ON (field->name);
          /* A filter on a name or a citizen number matches only where the caller sees them. */
          if (visible != NULL && is_private (field))
            g_string_append_printf (where, " AND %s", visible);
          if (g_strcmp0 (value, "null") == 0)
            {
              g_string_append_printf (where, " AND %s IS NULL", field->name);
              continue;
            }
          g_array_append_val (bind_indexes, next_index);
          g_string_append_printf (where, " AND %s = ?%d", field->name, next_index++);
          g_ptr_array_add (binds, (gpointer) field);
          g_ptr_array_add (values, value);
        }
    }

  if (query->exclude != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, query->exclude);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          const WbFieldSpec *field = wb_resource_spec_find_field (spec, key);

          if (field == NULL || !(field->flags & WB_FIELD_FILTER) || (visible != NULL && is_private (field)))
            {
              g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID,
                           _("%s cannot be filtered on"), (const char *) key);
              return NULL;
            }
          DEPENDS_ON (field->name);
          g_array_append_val (bind_indexes, next_index);
          g_string_append_printf (where, " AND %s IS NOT ?%d", field->name, next_index++);
          g_ptr_array_add (binds, (gpointer) field);
          g_ptr_array_add (values, value);
        }
    }

  if (query->q != NULL && *query->q != '\0')
    {
      gboolean first = TRUE;

      like = escape_like (query->q);
      like_index = next_index++;
      g_string_append (where, " AND (");
      for (guint i = 0; i < spec->n_fields; i++)
        {
          if (!(spec->fields[i].flags & WB_FIELD_SEARCH))
            continue;
          DEPENDS_ON (spec->fields[i].name);
          if (visible != NULL && is_private (&spec->fields[i]))
            g_string_append_printf (where, "%s(%s AND %s LIKE ?%d ESCAPE '\\')",
                                    first ? "" : " OR ", visible, spec->fields[i].name, like_index);
          else
            g_string_append_printf (where, "%s%s LIKE ?%d ESCAPE '\\'",
                                    first ? "" : " OR ", spec->fields[i].name, like_index);
          first = FALSE;
        }
      if (first)
        g_string_append (where, "0");
      g_string_append (where, ")");
    }

  sort = query->sort != NULL && *query->sort != '\0' ? query->sort : spec->default_sort;
  if (sort != NULL)
    {
      descending = sort[0] == '-';
      sort_field = wb_resource_spec_find_field (spec, descending ? sort + 1 : sort);
      if (sort_field == NULL || !(sort_field->flags & WB_FIELD_SORT))
        {
          g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID,
                       _("%s cannot be sorted on"), sort);
          return NULL;
        }
      DEPENDS_ON (sort_field->name);
    }
#undef DEPENDS_ON
  g_ptr_array_add (order_depends, g_strdup_printf ("%s#rows", spec->table));
  g_ptr_array_add (order_depends, NULL);

#define BIND_ALL(stmt) G_STMT_START {                                               \
    if (parent_index > 0)                                                             \
      sqlite3_bind_int64 (stmt, parent_index, query->parent_id);                      \
    if (like_index > 0)                                                               \
      sqlite3_bind_text (stmt, like_index, like, -1, SQLITE_STATIC);                  \
    if (ids_index > 0)                                                                \
      sqlite3_bind_text (stmt, ids_index, ids_json, -1, SQLITE_STATIC);               \
    if (visible_index > 0)                                                            \
      {                                                                               \
        sqlite3_bind_int64 (stmt, visible_index, query->full_organisation_id);        \
        sqlite3_bind_int64 (stmt, visible_index + 1, query->full_user_id);            \
      }                                                                               \
    for (guint b = 0; b < binds->len; b++)                                            \
      if (!bind_text_value (stmt, g_array_index (bind_indexes, int, b),               \
                            binds->pdata[b], values->pdata[b]))                       \
        {                                                                             \
          g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID,                 \
                       _("%s: the filter value %s has the wrong type"),               \
                       ((const WbFieldSpec *) binds->pdata[b])->name,                 \
                       (const char *) values->pdata[b]);                              \
          sqlite3_reset (stmt);                                                       \
          return NULL;                                                                \
        }                                                                             \
  } G_STMT_END

  /* Sorting by name orders only the rows whose names the caller sees; the others keep the
   * order of their pseudonyms, which follow the id. */
  if (sort_field == NULL)
    order = g_strdup ("id");
  else if (visible != NULL && is_private (sort_field))
    order = g_strdup_printf ("CASE WHEN %s THEN %s END", visible, sort_field->name);
  else
    order = g_strdup (sort_field->name);
  /* Ties follow the direction of the sort, so "newest first" holds within one second. */
  ids_sql = g_strdup_printf ("SELECT id FROM %s%s ORDER BY %s%s, id%s",
                             spec->table, where->str, order,
                             descending ? " DESC" : "", descending ? " DESC" : "");

  /* The whole order of the list, as ids, is kept until the database changes: a page, at
   * any depth, and the total are then read off it, and the page's rows are fetched by id.
   * The order itself comes from an index for every sort offered (see the schema). */
  cache_key = g_string_new (ids_sql);
  g_string_append_printf (cache_key, "\x1f%" G_GINT64_FORMAT "\x1f%s\x1f%s", query->parent_id, like != NULL ? like : "",
                          ids_json != NULL ? ids_json : "");
  if (visible_index > 0)
    g_string_append_printf (cache_key, "\x1f%" G_GINT64_FORMAT "\x1f%" G_GINT64_FORMAT,
                            query->full_organisation_id, query->full_user_id);
  for (guint b = 0; b < values->len; b++)
    g_string_append_printf (cache_key, "\x1f%s", (const char *) values->pdata[b]);

  limit = query->limit > 0 ? query->limit : 100;
  ids = wb_store_cache_lookup (self, cache_key->str);
  if (ids == NULL)
    {
      g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (gint64));
      /* A small first page with the order not known yet (the first screenful of a list at
       * a launch, on a connection that has not listed it yet) reads the order only as far
       * as the page goes, and counts the total: the whole order of 20,000 rows takes a scan
       * of the table, which the next, larger page takes (and keeps) instead. */
      guint64 cut = query->offset + (guint64) limit <= SMALL_PAGE_ROWS ? query->offset + limit : 0;
      gboolean complete = TRUE;
      g_autofree char *hidden_sql = NULL;
      g_autofree char *shown_sql = NULL;
      const char *parts[2] = { ids_sql, NULL };

      /* Sorted on a name that only some rows show: the order is the rows without a name to
       * show by id, then the others by name (the other way round descending). Two scans an
       * index serves, put one after the other, rather than a sort of the whole table on an
       * expression. */
      if (visible != NULL && sort_field != NULL && is_private (sort_field))
        {
          hidden_sql = g_strdup_printf ("SELECT id FROM %s%s AND NOT ifnull (%s AND %s IS NOT NULL, 0) ORDER BY id%s",
                                        spec->table, where->str, visible, sort_field->name, descending ? " DESC" : "");
          shown_sql = g_strdup_printf ("SELECT id FROM %s%s AND %s AND %s IS NOT NULL ORDER BY %s%s, id%s",
                                       spec->table, where->str, visible, sort_field->name, sort_field->name,
                                       descending ? " DESC" : "", descending ? " DESC" : "");
          parts[0] = descending ? shown_sql : hidden_sql;
          parts[1] = descending ? hidden_sql : shown_sql;
        }

      for (guint p = 0; p < G_N_ELEMENTS (parts) && parts[p] != NULL; p++)
        {
          int rc;

          stmt = _wb_store_prepare (self, parts[p], error);
          if (stmt == NULL)
            return NULL;
          BIND_ALL (stmt);
          while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
            {
              gint64 id = sqlite3_column_int64 (stmt, 0);

              g_array_append_val (found, id);
              if (cut > 0 && found->len >= cut)
                {
                  complete = FALSE;
                  break;
                }
            }
          sqlite3_reset (stmt);
          if (rc != SQLITE_DONE && rc != SQLITE_ROW)
            {
              _wb_store_set_error (self, error, "list");
              return NULL;
            }
          if (!complete)
            break;
        }
      if (!complete)
        {
          g_autofree char *count_sql = g_strdup_printf ("SELECT count(*) FROM %s%s", spec->table, where->str);

          stmt = _wb_store_prepare (self, count_sql, error);
          if (stmt == NULL)
            return NULL;
          BIND_ALL (stmt);
          if (sqlite3_step (stmt) != SQLITE_ROW)
            {
              sqlite3_reset (stmt);
              _wb_store_set_error (self, error, "list");
              return NULL;
            }
          page_total = sqlite3_column_int64 (stmt, 0);
          sqlite3_reset (stmt);
          ids = partial = g_steal_pointer (&found);
        }
      else
        {
          ids = found;
          page_total = ids->len;
          wb_store_cache_insert_for (self, cache_key->str, (const char * const *) order_depends->pdata,
                                     g_steal_pointer (&found), ids->len * sizeof (gint64) + cache_key->len + 64,
                                     (GDestroyNotify) g_array_unref);
        }
    }
  else
    page_total = ids->len;
#undef BIND_ALL

  if (total != NULL)
    *total = page_total;

  row_sql = g_strdup_printf ("SELECT %s FROM %s WHERE id = ?1", columns, spec->table);
  stmt = _wb_store_prepare (self, row_sql, error);
  if (stmt == NULL)
    return NULL;
  result = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  for (guint64 i = query->offset; i < ids->len && i < (guint64) query->offset + limit; i++)
    {
      int rc;

      sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, i));
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        g_ptr_array_add (result, row_to_object (spec, stmt));
      sqlite3_reset (stmt);
      /* A row deleted since the order was taken is left out. */
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          _wb_store_set_error (self, error, "list");
          return NULL;
        }
    }

  /* Vacancies carry their competences in lists too; the matching view needs them. */
  if (resource == WB_RESOURCE_VACANCIES || resource == WB_RESOURCE_ORGANISATIONS)
    for (guint i = 0; i < result->len; i++)
      add_details (self, resource, result->pdata[i]);

  return g_steal_pointer (&result);
}

static void
bind_json_value (sqlite3_stmt       *stmt,
                 int                 index,
                 const WbFieldSpec  *field,
                 JsonNode           *node)
{
  if (JSON_NODE_HOLDS_NULL (node))
    {
      sqlite3_bind_null (stmt, index);
      return;
    }

  switch (field->type)
    {
    case WB_FIELD_INT:
    case WB_FIELD_REF:
      sqlite3_bind_int64 (stmt, index, json_node_get_int (node));
      break;
    case WB_FIELD_REAL:
      sqlite3_bind_double (stmt, index, json_node_get_double (node));
      break;
    case WB_FIELD_BOOL:
      sqlite3_bind_int (stmt, index, json_node_get_boolean (node) ? 1 : 0);
      break;
    case WB_FIELD_STRV:
    case WB_FIELD_JSON:
      {
        char *text = json_to_string (node, FALSE);
        sqlite3_bind_text (stmt, index, text, -1, g_free);
      }
      break;
    case WB_FIELD_STRING:
    case WB_FIELD_DATE:
    case WB_FIELD_ENUM:
    case WB_FIELD_BSN:
    case WB_FIELD_KVK:
    case WB_FIELD_PC4:
    case WB_FIELD_POSTCODE:
    case WB_FIELD_PHONE:
    case WB_FIELD_EMAIL:
    default:
      sqlite3_bind_text (stmt, index, json_node_get_string (node), -1, SQLITE_TRANSIENT);
      break;
    }
}

static gboolean
write_nested (WbStore     *self,
              WbResource   resource,
              gint64       id,
              JsonObject  *object,
              GError     **error);

gint64
wb_store_insert (WbStore     *self,
                 WbResource   resource,
                 JsonObject  *object,
                 GError     **error)
{
  const WbResourceSpec *spec = wb_resource_spec_get (resource);
  g_autoptr(GString) names = g_string_new ("created_at");
  g_autoptr(GString) marks = g_string_new ("?1");
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  g_autofree char *now = wb_store_now ();
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  gboolean own_transaction;
  gint64 id;

  g_return_val_if_fail (WB_IS_STORE (self), 0);
  g_return_val_if_fail (object != NULL, 0);

  if (spec->versioned)
    {
      g_string_append (names, ", updated_at");
      g_string_append (marks, ", ?1");
    }
  for (guint i = 0; i < spec->n_fields; i++)
    {
      const WbFieldSpec *field = &spec->fields[i];

      if (!json_object_has_member (object, field->name))
        continue;
      g_ptr_array_add (fields, (gpointer) field);
      g_string_append_printf (names, ", %s", field->name);
      g_string_append_printf (marks, ", ?%u", fields->len + 1);
    }

  sql = g_strdup_printf ("INSERT INTO %s (%s) VALUES (%s)", spec->table, names->str, marks->str);

  own_transaction = sqlite3_get_autocommit (self->db);
  if (own_transaction && !wb_store_begin (self, error))
    return 0;

  stmt = _wb_store_prepare (self, sql, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_STATIC);
  for (guint i = 0; i < fields->len; i++)
    {
      const WbFieldSpec *field = fields->pdata[i];
      bind_json_value (stmt, (int) i + 2, field, json_object_get_member (object, field->name));
    }
  if (!_wb_store_step_done (self, stmt, error))
    goto fail;
  id = sqlite3_last_insert_rowid (self->db);

  if (!write_nested (self, resource, id, object, error))
    goto fail;
  if (own_transaction && !wb_store_commit (self, error))
    return 0;
  return id;

fail:
  if (own_transaction)
    wb_store_rollback (self);
  return 0;
}

gboolean
wb_store_update (WbStore     *self,
                 WbResource   resource,
                 gint64       id,
                 gint64       expected_version,
                 JsonObject  *changes,
                 GError     **error)
{
  const WbResourceSpec *spec = wb_resource_spec_get (resource);
  g_autoptr(GString) sets = g_string_new (NULL);
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  g_autofree char *now = wb_store_now ();
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  gboolean own_transaction;
  int n_fixed;

  g_return_val_if_fail (WB_IS_STORE (self), FALSE);
  g_return_val_if_fail (changes != NULL, FALSE);

  if (spec->versioned)
    g_string_append (sets, "version = version + 1, updated_at = ?3");
  else
    g_string_append (sets, "id = id");
  n_fixed = 3;
  for (guint i = 0; i < spec->n_fields; i++)
    {
      const WbFieldSpec *field = &spec->fields[i];

      if (!json_object_has_member (changes, field->name))
        continue;
      g_ptr_array_add (fields, (gpointer) field);
      g_string_append_printf (sets, ", %s = ?%u", field->name, fields->len + n_fixed);
    }

  if (spec->versioned && expected_version > 0)
    sql = g_strdup_printf ("UPDATE %s SET %s WHERE id = ?1 AND version = ?2", spec->table, sets->str);
  else
    sql = g_strdup_printf ("UPDATE %s SET %s WHERE id = ?1 AND ?2 = ?2", spec->table, sets->str);

  own_transaction = sqlite3_get_autocommit (self->db);
  if (own_transaction && !wb_store_begin (self, error))
    return FALSE;

  stmt = _wb_store_prepare (self, sql, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, expected_version);
  if (spec->versioned)
    sqlite3_bind_text (stmt, 3, now, -1, SQLITE_STATIC);
  for (guint i = 0; i < fields->len; i++)
    {
      const WbFieldSpec *field = fields->pdata[i];
      bind_json_value (stmt, (int) i + n_fixed + 1, field, json_object_get_member (changes, field->name));
    }
  if (!_wb_store_step_done (self, stmt, error))
    goto fail;

  if (sqlite3_changes (self->db) == 0)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(JsonObject) current = wb_store_get (self, resource, id, &local_error);

      if (current == NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_STALE,
                     _("The record was changed by someone else (now version %lld, you had version %lld)"),
                     (long long) json_object_get_int_member (current, "version"), (long long) expected_version);
      goto fail;
    }

  if (!write_nested (self, resource, id, changes, error))
    goto fail;
  if (own_transaction && !wb_store_commit (self, error))
    return FALSE;
  return TRUE;

fail:
  if (own_transaction)
    wb_store_rollback (self);
  return FALSE;
}

static gboolean
exec_with_id (WbStore     *self,
              const char  *sql,
              gint64       id,
              GError     **error)
{
  sqlite3_stmt *stmt = _wb_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return _wb_store_step_done (self, stmt, error);
}

static gboolean
invalid_nested (GError     **error,
                const char  *member,
                guint        index,
                const char  *what)
{
  g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID,
               "%s[%u]: %s", member, index, what);
  return FALSE;
}

static gboolean
write_competences (WbStore     *self,
                   JsonArray   *array,
                   const char  *delete_sql,
                   const char  *insert_sql,
                   gint64       owner_id,
                   gboolean     essential_flag,
                   GError     **error)
{
  sqlite3_stmt *stmt;

  if (!exec_with_id (self, delete_sql, owner_id, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *item;
      gint64 competence_id, level;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return invalid_nested (error, "competences", i, _("must be an object"));
      item = json_node_get_object (node);
      competence_id = json_object_get_int_member_with_default (item, "competence_id", 0);
      level = json_object_get_int_member_with_default (item, "level", 0);
      if (competence_id <= 0)
        return invalid_nested (error, "competences", i, _("competence_id is required"));
      if (level < 1 || level > 5)
        return invalid_nested (error, "competences", i, _("level must be between 1 and 5"));

      stmt = _wb_store_prepare (self, insert_sql, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, owner_id);
      sqlite3_bind_int64 (stmt, 2, competence_id);
      sqlite3_bind_int64 (stmt, 3, level);
      if (essential_flag)
        sqlite3_bind_int (stmt, 4, json_object_get_boolean_member_with_default (item, "essential", TRUE));
      else
        {
          const char *evidence = json_object_get_string_member_with_default (item, "evidence", "practical");

          if (!wb_enum_contains (wb_evidence_kinds, evidence))
            return invalid_nested (error, "competences", i, _("evidence must be education, work or practical"));
          sqlite3_bind_text (stmt, 4, evidence, -1, SQLITE_TRANSIENT);
        }
      if (!_wb_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static JsonArray *
get_array_member (JsonObject *object,
                  const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  return json_node_get_array (node);
}

static gboolean
write_client_nested (WbStore     *self,
                     gint64       id,
                     JsonObject  *object,
                     GError     **error)
{
  JsonArray *array;
  sqlite3_stmt *stmt;

  if ((array = get_array_member (object, "work_experience")) != NULL)
    {
      if (!exec_with_id (self, "DELETE FROM work_experience WHERE client_id = ?1", id, error))
        return FALSE;
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);
          JsonObject *item;
          gint64 occupation_id;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            return invalid_nested (error, "work_experience", i, _("must be an object"));
          item = json_node_get_object (node);
          occupation_id = json_object_get_int_member_with_default (item, "occupation_id", 0);
          if (occupation_id <= 0)
            return invalid_nested (error, "work_experience", i, _("occupation_id is required"));
          stmt = _wb_store_prepare (self,
                                    "INSERT INTO work_experience (client_id, occupation_id, years) "
                                    "VALUES (?1, ?2, ?3)", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, id);
          sqlite3_bind_int64 (stmt, 2, occupation_id);
          sqlite3_bind_double (stmt, 3, json_object_get_double_member_with_default (item, "years", 0));
          if (!_wb_store_step_done (self, stmt, error))
            return FALSE;
        }
    }

  if ((array = get_array_member (object, "sector_preferences")) != NULL)
    {
      if (!exec_with_id (self, "DELETE FROM sector_preferences WHERE client_id = ?1", id, error))
        return FALSE;
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);
          const char *sector;

          if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
              !wb_enum_contains (wb_sectors, (sector = json_node_get_string (node))))
            return invalid_nested (error, "sector_preferences", i, _("is not a known sector"));
          stmt = _wb_store_prepare (self,
                                    "INSERT OR IGNORE INTO sector_preferences (client_id, sector) "
                                    "VALUES (?1, ?2)", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, id);
          sqlite3_bind_text (stmt, 2, sector, -1, SQLITE_TRANSIENT);
          if (!_wb_store_step_done (self, stmt, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
write_nested (WbStore     *self,
              WbResource   resource,
              gint64       id,
              JsonObject  *object,
              GError     **error)
{
  JsonArray *array;

  switch (resource)
    {
    case WB_RESOURCE_CLIENTS:
      return write_client_nested (self, id, object, error);

    case WB_RESOURCE_DIAGNOSES:
      {
        sqlite3_stmt *stmt;

        if ((array = get_array_member (object, "competences")) != NULL &&
            !write_competences (self, array,
                                "DELETE FROM diagnosis_competences WHERE diagnosis_id = ?1",
                                "INSERT INTO diagnosis_competences (diagnosis_id, competence_id, level, evidence) "
                                "VALUES (?1, ?2, ?3, ?4)",
                                id, FALSE, error))
          return FALSE;
        /* The client's diagnosis date is the date of its latest diagnosis. */
        stmt = _wb_store_prepare (self,
                                  "UPDATE clients SET diagnosis_date = "
                                  "  (SELECT max(date) FROM diagnoses WHERE client_id = clients.id) "
                                  "WHERE id = (SELECT client_id FROM diagnoses WHERE id = ?1)", error);
        if (stmt == NULL)
          return FALSE;
        sqlite3_bind_int64 (stmt, 1, id);
        return _wb_store_step_done (self, stmt, error);
      }

    case WB_RESOURCE_VACANCIES:
      if ((array = get_array_member (object, "competences")) != NULL)
        return write_competences (self, array,
                                  "DELETE FROM vacancy_competences WHERE vacancy_id = ?1",
                                  "INSERT INTO vacancy_competences (vacancy_id, competence_id, level, essential) "
                                  "VALUES (?1, ?2, ?3, ?4)",
                                  id, TRUE, error);
      return TRUE;

    case WB_RESOURCE_EVENTS:
      return exec_with_id (self,
                           "UPDATE clients SET last_activity = "
                           "  (SELECT max(date) FROM events WHERE client_id = clients.id) "
                           "WHERE id = (SELECT client_id FROM events WHERE id = ?1)", id, error);

    case WB_RESOURCE_CONTACT_LOG:
      return exec_with_id (self,
                           "UPDATE employers SET last_contact = "
                           "  (SELECT max(date) FROM contact_log WHERE employer_id = employers.id) "
                           "WHERE id = (SELECT employer_id FROM contact_log WHERE id = ?1)", id, error);

    case WB_RESOURCE_ORGANISATIONS:
      if ((array = get_array_member (object, "municipality_ids")) != NULL)
        {
          if (!exec_with_id (self, "DELETE FROM organisation_municipalities WHERE organisation_id = ?1", id, error))
            return FALSE;
          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              sqlite3_stmt *stmt = _wb_store_prepare (self,
                                                      "INSERT OR IGNORE INTO organisation_municipalities "
                                                      "(organisation_id, municipality_id) VALUES (?1, ?2)", error);
              if (stmt == NULL)
                return FALSE;
              sqlite3_bind_int64 (stmt, 1, id);
              sqlite3_bind_int64 (stmt, 2, json_array_get_int_element (array, i));
              if (!_wb_store_step_done (self, stmt, error))
                return FALSE;
            }
        }
      return TRUE;

    case WB_RESOURCE_MUNICIPALITIES:
    case WB_RESOURCE_USERS:
    case WB_RESOURCE_EMPLOYERS:
    case WB_RESOURCE_CONTACTS:
    case WB_RESOURCE_MATCHES:
    case WB_RESOURCE_COMPETENCES:
    case WB_RESOURCE_OCCUPATIONS:
    case WB_RESOURCE_TARGETS:
    case WB_RESOURCE_ACTION_POINTS:
    case WB_RESOURCE_AUDIT:
    case WB_N_RESOURCES:
    default:
      return TRUE;
    }
}

static gboolean
row_exists (WbStore    *self,
            const char *table,
            gint64      id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM %s WHERE id = ?1", table);
  sqlite3_stmt *stmt = _wb_store_prepare (self, sql, NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

static void
check_nested_ids (WbStore    *self,
                  JsonObject *object,
                  const char *member,
                  const char *id_name,
                  const char *table,
                  GPtrArray  *errors)
{
  JsonArray *array = get_array_member (object, member);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      gint64 id;

      if (JSON_NODE_HOLDS_OBJECT (node))
        id = json_object_get_int_member_with_default (json_node_get_object (node), id_name, 0);
      else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
        id = json_node_get_int (node);
      else
        id = 0;

      if (!row_exists (self, table, id))
        {
          WbFieldError *error = g_new0 (WbFieldError, 1);

          error->field = g_strdup_printf ("%s[%u]", member, i);
          error->message = g_strdup_printf (_("%s %lld does not exist"), id_name, (long long) id);
          g_ptr_array_add (errors, error);
        }
    }
}

void
wb_store_check_references (WbStore    *self,
                           WbResource  resource,
                           JsonObject *object,
                           GPtrArray  *errors)
{
  const WbResourceSpec *spec = wb_resource_spec_get (resource);

  g_return_if_fail (WB_IS_STORE (self));

  for (guint i = 0; i < spec->n_fields; i++)
    {
      const WbFieldSpec *field = &spec->fields[i];
      JsonNode *node;

      if (field->type != WB_FIELD_REF)
        continue;
      node = json_object_get_member (object, field->name);
      if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
        continue;
      if (!row_exists (self, field->ref_table, json_node_get_int (node)))
        {
          WbFieldError *error = g_new0 (WbFieldError, 1);

          error->field = g_strdup (field->name);
          error->message = g_strdup_printf (_("there is no record %lld in %s"),
                                            (long long) json_node_get_int (node), field->ref_table);
          g_ptr_array_add (errors, error);
        }
    }

  check_nested_ids (self, object, "competences", "competence_id", "competences", errors);
  check_nested_ids (self, object, "work_experience", "occupation_id", "occupations", errors);
  check_nested_ids (self, object, "municipality_ids", "municipality_id", "municipalities", errors);
}

gboolean
wb_store_audit (WbStore     *self,
                gint64       user_id,
                gint64       organisation_id,
                const char  *action,
                const char  *resource,
                gint64       resource_id,
                const char  *reason,
                GError     **error)
{
  g_autofree char *now = wb_store_now ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (WB_IS_STORE (self), FALSE);

  stmt = _wb_store_prepare (self,
                            "INSERT INTO audit_log (at, user_id, organisation_id, action, resource, "
                            "resource_id, reason, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?1)",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_STATIC);
  if (user_id > 0)
    sqlite3_bind_int64 (stmt, 2, user_id);
  if (organisation_id > 0)
    sqlite3_bind_int64 (stmt, 3, organisation_id);
  sqlite3_bind_text (stmt, 4, action, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, resource, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, resource_id);
  if (reason != NULL)
    sqlite3_bind_text (stmt, 7, reason, -1, SQLITE_STATIC);
  return _wb_store_step_done (self, stmt, error);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

WbStoreUser *
wb_store_find_user (WbStore     *self,
                    const char  *username,
                    gint64       id,
                    GError     **error)
{
  sqlite3_stmt *stmt;
  WbStoreUser *user;

  g_return_val_if_fail (WB_IS_STORE (self), NULL);

  stmt = _wb_store_prepare (self,
                            "SELECT id, organisation_id, username, display_name, role, active, password_hash "
                            "FROM users WHERE username = ?1 OR id = ?2", error);
  if (stmt == NULL)
    return NULL;
  if (username != NULL)
    sqlite3_bind_text (stmt, 1, username, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, username != NULL ? -1 : id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_NOT_FOUND, _("There is no such user"));
      return NULL;
    }
  user = g_new0 (WbStoreUser, 1);
  user->id = sqlite3_column_int64 (stmt, 0);
  user->organisation_id = sqlite3_column_int64 (stmt, 1);
  user->username = column_dup (stmt, 2);
  user->display_name = column_dup (stmt, 3);
  user->role = column_dup (stmt, 4);
  user->active = sqlite3_column_int (stmt, 5) != 0;
  user->password_hash = column_dup (stmt, 6);
  sqlite3_reset (stmt);
  return user;
}

gint64
wb_store_add_user (WbStore     *self,
                   gint64       organisation_id,
                   const char  *username,
                   const char  *display_name,
                   const char  *role,
                   const char  *password_hash,
                   GError     **error)
{
  g_autoptr(JsonObject) object = json_object_new ();
  gint64 id;

  json_object_set_int_member (object, "organisation_id", organisation_id);
  json_object_set_string_member (object, "username", username);
  json_object_set_string_member (object, "display_name", display_name);
  json_object_set_string_member (object, "role", role);
  json_object_set_boolean_member (object, "active", TRUE);

  if (!wb_store_begin (self, error))
    return 0;
  id = wb_store_insert (self, WB_RESOURCE_USERS, object, error);
  if (id == 0 || (password_hash != NULL && !wb_store_set_password_hash (self, id, password_hash, error)))
    {
      wb_store_rollback (self);
      return 0;
    }
  if (!wb_store_commit (self, error))
    return 0;
  return id;
}

gboolean
wb_store_set_password_hash (WbStore     *self,
                            gint64       user_id,
                            const char  *password_hash,
                            GError     **error)
{
  sqlite3_stmt *stmt = _wb_store_prepare (self, "UPDATE users SET password_hash = ?2 WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_text (stmt, 2, password_hash, -1, SQLITE_STATIC);
  return _wb_store_step_done (self, stmt, error);
}

gint64
wb_store_find_organisation (WbStore     *self,
                            const char  *code,
                            GError     **error)
{
  sqlite3_stmt *stmt = _wb_store_prepare (self, "SELECT id FROM organisations WHERE code = ?1", error);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (id == 0)
    g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_NOT_FOUND,
                 _("There is no organisation with the code %s"), code);
  return id;
}

gboolean
wb_store_add_session (WbStore     *self,
                      const char  *token_hash,
                      gint64       user_id,
                      gint64       expires_at,
                      GError     **error)
{
  g_autofree char *now = wb_store_now ();
  sqlite3_stmt *stmt = _wb_store_prepare (self,
                                          "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) "
                                          "VALUES (?1, ?2, ?3, ?4)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, token_hash, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, user_id);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, expires_at);
  return _wb_store_step_done (self, stmt, error);
}

gint64
wb_store_lookup_session (WbStore    *self,
                         const char *token_hash,
                         gint64      now)
{
  /* Someone who has left loses access on the leaving date, also when the account itself
   * was not switched off. */
  sqlite3_stmt *stmt = _wb_store_prepare (self,
                                          "SELECT s.user_id FROM sessions s JOIN users u ON u.id = s.user_id "
                                          "WHERE s.token_hash = ?1 AND s.expires_at > ?2 AND u.active = 1 "
                                          "AND (u.left_at IS NULL OR u.left_at > date (?2, 'unixepoch', 'localtime'))",
                                          NULL);
  gint64 user_id = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, token_hash, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, now);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    user_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return user_id;
}

gboolean
wb_store_delete_session (WbStore     *self,
                         const char  *token_hash,
                         GError     **error)
{
  sqlite3_stmt *stmt = _wb_store_prepare (self, "DELETE FROM sessions WHERE token_hash = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, token_hash, -1, SQLITE_STATIC);
  return _wb_store_step_done (self, stmt, error);
}

gboolean
wb_store_delete_user_sessions (WbStore     *self,
                               gint64       user_id,
                               GError     **error)
{
  sqlite3_stmt *stmt = _wb_store_prepare (self, "DELETE FROM sessions WHERE user_id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, user_id);
  return _wb_store_step_done (self, stmt, error);
}

gint64
wb_store_count (WbStore    *self,
                const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM \"%s\"", table);
  sqlite3_stmt *stmt;
  gint64 n = -1;

  g_return_val_if_fail (WB_IS_STORE (self), -1);

  stmt = _wb_store_prepare (self, sql, NULL);
  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}
