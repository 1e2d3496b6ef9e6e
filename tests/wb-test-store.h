/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "wb-store.h"

G_BEGIN_DECLS

/* Fixture helpers: each asserts that the store took what it was given. */

/* Inserts the JSON object @json; the new row's id, always > 0. */
gint64  wb_test_insert        (WbStore    *store,
                               WbResource  resource,
                               const char *json);
gint64  wb_test_insert_printf (WbStore    *store,
                               WbResource  resource,
                               const char *format,
                               ...) G_GNUC_PRINTF (3, 4);
/* The integer in the first column of the first row of @sql on a raw connection;
 * G_MININT64 when there is no row. */
struct sqlite3;
gint64  wb_test_sql_int       (struct sqlite3 *db,
                               const char     *sql);
gint64  wb_test_add_user      (WbStore    *store,
                               gint64      organisation,
                               const char *username,
                               const char *display_name,
                               const char *role,
                               const char *password_hash);

/* The rows of @table in the database at @path, opened as a store for the count. */
gint64  wb_test_count_rows    (const char *path,
                               const char *table);

/* A database at @path as the previous schema version left it, with one organisation,
 * "wsp-oud", and in it an admin "beheer" ("Beheer Oud") with @password_hash. */
void    wb_test_make_previous_schema (const char *path,
                                      const char *password_hash);

G_END_DECLS
