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
gint64  wb_test_add_user      (WbStore    *store,
                               gint64      organisation,
                               const char *username,
                               const char *display_name,
                               const char *role,
                               const char *password_hash);

G_END_DECLS
