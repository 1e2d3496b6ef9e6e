/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <sqlite3.h>

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
void          _wb_store_set_error         (WbStore     *self,
                                           GError     **error,
                                           const char  *what);

G_END_DECLS
