/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-store-files"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "wb-store-files.h"
#include "wb-store-private.h"

/* Files others may read or change: group or others have a read or write bit. */
#define OPEN_TO_OTHERS 0066

/* Which store has a database open is kept as a lock on its folder, not on the database
 * file: closing any descriptor of the database file would drop the locks SQLite holds on
 * it in this process. Stores lock shared; a restore locks exclusively. */
int
_wb_store_lock_directory (const char  *path,
                          gboolean     exclusive,
                          GError     **error)
{
  g_autofree char *directory = g_path_get_dirname (path);
  int fd;

  fd = open (directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_FAILED,
                   _("Could not open the database %s: the folder %s: %s"), path, directory, g_strerror (saved));
      return -1;
    }
  if (flock (fd, (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) != 0)
    {
      int saved = errno;

      close (fd);
      if (saved == EWOULDBLOCK && exclusive)
        g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_BUSY,
                     _("The database %s is in use: stop werkbrug-server and every other command that "
                       "has a database in %s open, then try again"), path, directory);
      else if (saved == EWOULDBLOCK)
        g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_BUSY,
                     _("The database %s is being restored; try again when the restore is done"), path);
      else
        g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_FAILED,
                     _("Could not lock the folder %s: %s"), directory, g_strerror (saved));
      return -1;
    }
  return fd;
}

gboolean
wb_store_check_private (const char  *path,
                        GError     **error)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };
  g_autofree char *directory = NULL;
  GStatBuf st;

  g_return_val_if_fail (path != NULL, FALSE);

  directory = g_path_get_dirname (path);
  if (g_stat (directory, &st) != 0)
    {
      int saved = errno;

      g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_FAILED,
                   _("The folder %s of the database: %s"), directory, g_strerror (saved));
      return FALSE;
    }
  if ((st.st_mode & OPEN_TO_OTHERS) != 0)
    {
      g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID,
                   _("Others can read or change the folder %s of the database (mode %04o); "
                     "make it its owner's alone with “chmod 700 %s”"),
                   directory, (guint) (st.st_mode & 07777), directory);
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      if (g_stat (file, &st) != 0)
        continue;
      if ((st.st_mode & OPEN_TO_OTHERS) != 0)
        {
          g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID,
                       _("Others can read or change the database file %s (mode %04o); "
                         "make it its owner's alone with “chmod 600 %s”"),
                       file, (guint) (st.st_mode & 07777), file);
          return FALSE;
        }
    }
  return TRUE;
}

/* Opens an existing database without a store: read-only for a copy to check or restore,
 * read-write (for its WAL) for the database itself. */
static sqlite3 *
open_existing (const char  *path,
               gboolean     read_only,
               GError     **error)
{
  sqlite3 *db = NULL;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_NOT_FOUND, _("%s does not exist"), path);
      return NULL;
    }
  if (sqlite3_open_v2 (path, &db, read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_FAILED,
                   _("Could not open the database %s: %s"), path, db ? sqlite3_errmsg (db) : "out of memory");
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_busy_timeout (db, 5000);
  return db;
}

/* The first column of the first row of @sql, as text; NULL with @error set on failure. */
static char *
query_text (sqlite3     *db,
            const char  *path,
            const char  *sql,
            GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID,
                   _("%s is not a Werkbrug database: %s"), path, sqlite3_errmsg (db));
      return NULL;
    }
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if (rc == SQLITE_DONE)
    text = g_strdup ("");
  else
    g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID,
                 _("%s could not be read: %s"), path, sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  return text;
}

int
wb_store_peek_schema_version (const char  *path,
                              GError     **error)
{
  g_autofree char *version = NULL;
  sqlite3 *db;

  g_return_val_if_fail (path != NULL, -1);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return 0;
  db = open_existing (path, FALSE, error);
  if (db == NULL)
    return -1;
  version = query_text (db, path, "PRAGMA user_version", error);
  sqlite3_close (db);
  return version != NULL ? atoi (version) : -1;
}

/* Copies the database behind @source page by page into @to, through a file beside it that
 * is private before the first page is written and renamed into place when whole. */
static gboolean
copy_database (sqlite3     *source,
               const char  *to,
               GError     **error)
{
  g_autofree char *tmp = g_strconcat (to, ".partial", NULL);
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int rc;

  g_unlink (tmp);
  if (sqlite3_open_v2 (tmp, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_FAILED,
                   _("Could not create %s: %s"), tmp, dest ? sqlite3_errmsg (dest) : "out of memory");
      sqlite3_close (dest);
      return FALSE;
    }
  /* SQLite creates the file when it opens it; its rollback journal takes the same mode. */
  if (g_chmod (tmp, 0600) != 0)
    {
      int saved = errno;

      g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_FAILED,
                   _("Could not make %s private: %s"), tmp, g_strerror (saved));
      sqlite3_close (dest);
      g_unlink (tmp);
      return FALSE;
    }

  /* One step copies every page from one read transaction: a consistent snapshot, while
   * writers on other connections go on in WAL mode. */
  backup = sqlite3_backup_init (dest, "main", source, "main");
  if (backup == NULL)
    {
      g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_FAILED,
                   _("Could not start the backup: %s"), sqlite3_errmsg (dest));
      sqlite3_close (dest);
      g_unlink (tmp);
      return FALSE;
    }
  do
    {
      rc = sqlite3_backup_step (backup, -1);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        g_usleep (20000);
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish (backup);

  if (rc != SQLITE_DONE)
    {
      g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_FAILED,
                   _("The backup failed: %s"), sqlite3_errstr (rc));
      sqlite3_close (dest);
      g_unlink (tmp);
      return FALSE;
    }
  /* A copy is one self-contained file. */
  sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  sqlite3_close (dest);

  if (g_rename (tmp, to) != 0)
    {
      int saved = errno;

      g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_FAILED,
                   _("Could not move the backup to %s: %s"), to, g_strerror (saved));
      g_unlink (tmp);
      return FALSE;
    }
  return TRUE;
}

gboolean
wb_store_backup (WbStore     *self,
                 const char  *to,
                 GError     **error)
{
  g_return_val_if_fail (WB_IS_STORE (self), FALSE);
  g_return_val_if_fail (to != NULL, FALSE);

  return copy_database (_wb_store_get_db (self), to, error);
}

gboolean
wb_store_backup_file (const char  *path,
                      const char  *to,
                      GError     **error)
{
  sqlite3 *source;
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (to != NULL, FALSE);

  source = open_existing (path, FALSE, error);
  if (source == NULL)
    return FALSE;
  ok = copy_database (source, to, error);
  sqlite3_close (source);
  return ok;
}

/* "werkbrug" for ".../werkbrug.db": what a database's copies are named after. */
static char *
database_stem (const char *path)
{
  char *name = g_path_get_basename (path);

  if (g_str_has_suffix (name, ".db") && strlen (name) > 3)
    name[strlen (name) - 3] = '\0';
  return name;
}

static gboolean
make_private_directory (const char  *directory,
                        GError     **error)
{
  if (g_mkdir_with_parents (directory, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_FAILED,
                   _("Could not make the folder %s: %s"), directory, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

char *
wb_store_backup_into (const char  *path,
                      const char  *directory,
                      const char  *label,
                      GError     **error)
{
  g_autofree char *stem = NULL;
  g_autofree char *to = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (directory != NULL, NULL);

  if (!make_private_directory (directory, error))
    return NULL;

  stem = database_stem (path);
  /* Names sort as the copies were made; a second copy within the same second waits for
   * the next one rather than replace the first. */
  for (guint attempt = 0; ; attempt++)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
      g_autofree char *name = label != NULL ? g_strdup_printf ("%s-%s-%s.db", stem, label, stamp)
                                            : g_strdup_printf ("%s-%s.db", stem, stamp);

      g_free (to);
      to = g_build_filename (directory, name, NULL);
      if (!g_file_test (to, G_FILE_TEST_EXISTS))
        break;
      if (attempt >= 3)
        {
          g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_CONFLICT, _("%s exists already"), to);
          return NULL;
        }
      g_usleep (G_USEC_PER_SEC - g_date_time_get_microsecond (now));
    }

  if (!wb_store_backup_file (path, to, error))
    return NULL;
  return g_steal_pointer (&to);
}

static int
compare_names_newest_first (gconstpointer a,
                            gconstpointer b)
{
  return -strcmp (*(const char * const *) a, *(const char * const *) b);
}

int
wb_store_prune_backups (const char  *path,
                        const char  *directory,
                        guint        keep,
                        GError     **error)
{
  g_autofree char *stem = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *pattern = NULL;
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  int removed = 0;

  g_return_val_if_fail (path != NULL, -1);
  g_return_val_if_fail (directory != NULL, -1);
  g_return_val_if_fail (keep > 0, -1);

  dir = g_dir_open (directory, 0, error);
  if (dir == NULL)
    return -1;

  stem = database_stem (path);
  escaped = g_regex_escape_string (stem, -1);
  pattern = g_strdup_printf ("^%s-[0-9]{8}-[0-9]{6}\\.db$", escaped);
  regex = g_regex_new (pattern, 0, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_regex_match (regex, name, 0, NULL))
      g_ptr_array_add (names, g_strdup (name));

  g_ptr_array_sort (names, compare_names_newest_first);
  for (guint i = keep; i < names->len; i++)
    {
      g_autofree char *old = g_build_filename (directory, g_ptr_array_index (names, i), NULL);

      if (g_unlink (old) != 0)
        {
          int saved = errno;

          g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_FAILED,
                       _("Could not remove the old backup %s: %s"), old, g_strerror (saved));
          return -1;
        }
      removed++;
    }
  return removed;
}

gboolean
wb_store_verify_file (const char  *path,
                      int         *schema_version,
                      GError     **error)
{
  g_autofree char *integrity = NULL;
  g_autofree char *tables = NULL;
  g_autofree char *version = NULL;
  sqlite3 *db;
  int parsed;

  g_return_val_if_fail (path != NULL, FALSE);

  db = open_existing (path, TRUE, error);
  if (db == NULL)
    return FALSE;

  integrity = query_text (db, path, "PRAGMA integrity_check", error);
  if (integrity != NULL && strcmp (integrity, "ok") != 0)
    g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID, _("%s is damaged: %s"), path, integrity);
  if (integrity != NULL && strcmp (integrity, "ok") == 0)
    tables = query_text (db, path,
                         "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND "
                         "name IN ('organisations', 'users', 'clients', 'audit_log')", error);
  if (tables != NULL)
    version = query_text (db, path, "PRAGMA user_version", error);
  sqlite3_close (db);
  if (version == NULL)
    return FALSE;

  parsed = atoi (version);
  if (strcmp (tables, "4") != 0 || parsed < 1)
    {
      g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID, _("%s is not a Werkbrug database"), path);
      return FALSE;
    }
  if (parsed > wb_store_get_latest_schema_version ())
    {
      g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID,
                   _("The database %s was written by a newer Werkbrug (schema %d, this one knows %d)"),
                   path, parsed, wb_store_get_latest_schema_version ());
      return FALSE;
    }
  if (schema_version != NULL)
    *schema_version = parsed;
  return TRUE;
}

gboolean
wb_store_restore (const char  *path,
                  const char  *from,
                  const char  *keep_directory,
                  char       **kept,
                  GError     **error)
{
  static const char * const leftovers[] = { "-wal", "-shm", "-journal" };
  g_autofree char *restoring = NULL;
  g_autofree char *copy = NULL;
  sqlite3 *source;
  int lock_fd;
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (from != NULL, FALSE);

  if (!wb_store_verify_file (from, NULL, error))
    return FALSE;

  lock_fd = _wb_store_lock_directory (path, TRUE, error);
  if (lock_fd < 0)
    return FALSE;

  /* The database being replaced may be the only copy of something: keep it, WAL and all. */
  if (keep_directory != NULL && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      copy = wb_store_backup_into (path, keep_directory, "before-restore", error);
      if (copy == NULL)
        {
          g_prefix_error (error, _("The current database could not be kept, so it was not replaced; "
                                   "move it away yourself if it is damaged: "));
          close (lock_fd);
          return FALSE;
        }
    }

  restoring = g_strconcat (path, ".restoring", NULL);
  source = open_existing (from, TRUE, error);
  ok = source != NULL && copy_database (source, restoring, error);
  sqlite3_close (source);

  /* The old database's WAL belongs to it, not to the copy: SQLite would play it back into
   * the restored file. */
  for (guint i = 0; ok && i < G_N_ELEMENTS (leftovers); i++)
    {
      g_autofree char *leftover = g_strconcat (path, leftovers[i], NULL);

      if (g_unlink (leftover) != 0 && errno != ENOENT)
        {
          int saved = errno;

          g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_FAILED,
                       _("Could not remove %s: %s"), leftover, g_strerror (saved));
          ok = FALSE;
        }
    }
  if (ok && g_rename (restoring, path) != 0)
    {
      int saved = errno;

      g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_FAILED,
                   _("Could not move %s to %s: %s"), restoring, path, g_strerror (saved));
      ok = FALSE;
    }
  if (ok)
    fsync (lock_fd);
  else
    g_unlink (restoring);
  close (lock_fd);

  if (ok && kept != NULL)
    *kept = g_steal_pointer (&copy);
  return ok;
}

gboolean
wb_store_checkpoint (WbStore  *self,
                     GError  **error)
{
  g_return_val_if_fail (WB_IS_STORE (self), FALSE);

  return _wb_store_exec (self, "PRAGMA wal_checkpoint(TRUNCATE)", error);
}
