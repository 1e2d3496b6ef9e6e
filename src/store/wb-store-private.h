/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <sqlite3.h>

#include "wb-import.h"
#include "wb-store.h"

G_BEGIN_DECLS

/* For the code of the store library only (importers, demo data): the connection, and a
 * statement prepared once and kept, reset and cleared for the caller. */
sqlite3      *_wb_store_get_db            (WbStore     *self);
sqlite3_stmt *_wb_store_prepare           (WbStore     *self,
                                           const char  *sql,
                                           GError     **error);
gboolean      _wb_store_exec              (WbStore     *self,
                                           const char  *sql,
                                           GError     **error);
gboolean      _wb_store_step_done         (WbStore       *self,
                                           sqlite3_stmt  *stmt,
                                           GError       **error);
/* @ids (gint64) as a JSON array, for "id IN (SELECT value FROM json_each (?))". */
char         *_wb_store_ids_json          (const GArray *ids);
void          _wb_store_set_error         (WbStore     *self,
                                           GError     **error,
                                           const char  *what);
/* Locks the folder of the database @path, shared by every open store, exclusive for a
 * restore; returns the descriptor that holds the lock, or -1 with @error set. */
int           _wb_store_lock_directory    (const char  *path,
                                           gboolean     exclusive,
                                           GError     **error);

/* The rows of a CBS file into cbs_social_assistance, stamped @stamp, inside the caller's
 * transaction (wb_import_cbs runs it in one of its own; the demo in its). */
gboolean      _wb_import_cbs_rows         (WbStore         *self,
                                           const char      *path,
                                           const char      *stamp,
                                           WbImportReport  *report,
                                           GError         **error);

G_END_DECLS
