/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "wb-store.h"

G_BEGIN_DECLS

/* The files of a database, for the people who run a server: who may read them, copies
 * and putting a copy back. A database, its WAL and shared-memory files and every copy
 * are made readable by their owner alone (0600), in folders made 0700. */

/* Fails unless only the owner can read or change the database at @path: the file (and its
 * -wal and -shm files when they are there) and its folder give group and others neither
 * read nor write access. The file need not exist yet; its folder must. */
gboolean  wb_store_check_private       (const char  *path,
                                        GError     **error);

/* The schema version of the database at @path, without migrating it: 0 when there is no
 * database yet, -1 with @error set when it cannot be read. */
int       wb_store_peek_schema_version (const char  *path,
                                        GError     **error);

/* A consistent copy of the database at @path to @to, as wb_store_backup makes it, but
 * without opening a store: an older database is copied as it is, not migrated. */
gboolean  wb_store_backup_file         (const char  *path,
                                        const char  *to,
                                        GError     **error);

/* A copy of the database at @path into @directory (made 0700 when missing), named after
 * the database and the UTC time: "werkbrug-20261031-023000.db" for werkbrug.db, or with
 * @label, e.g. "werkbrug-before-schema-3-20261031-023000.db". Returns the copy's path. */
char     *wb_store_backup_into         (const char  *path,
                                        const char  *directory,
                                        const char  *label,
                                        GError     **error);

/* Removes the oldest unlabelled copies of the database at @path in @directory, so that
 * @keep remain. Labelled copies (before an upgrade or a restore) are left alone. Returns
 * how many were removed, or -1 with @error set. */
int       wb_store_prune_backups       (const char  *path,
                                        const char  *directory,
                                        guint        keep,
                                        GError     **error);

/* Checks that @path holds a whole Werkbrug database that this version can open: SQLite's
 * integrity check passes and its schema is not newer than this version's. Sets
 * @schema_version when it is not NULL. */
gboolean  wb_store_verify_file         (const char  *path,
                                        int         *schema_version,
                                        GError     **error);

/* Replaces the database at @path by the copy @from, after checking @from with
 * wb_store_verify_file. Refuses (WB_STORE_ERROR_BUSY) while any store has a database in
 * that folder open. When @path exists and @keep_directory is not NULL, the current
 * database is first copied there, labelled "before-restore"; @kept then holds its path. */
gboolean  wb_store_restore             (const char  *path,
                                        const char  *from,
                                        const char  *keep_directory,
                                        char       **kept,
                                        GError     **error);

/* Writes the WAL back into the database file and empties it, so that the file alone is
 * the whole database; for a clean stop. */
gboolean  wb_store_checkpoint          (WbStore     *self,
                                        GError     **error);

G_END_DECLS
