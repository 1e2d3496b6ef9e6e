/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A fresh temporary directory for one test, removed with everything in it by
 * wb_test_remove_dir. */
char        *wb_test_make_dir        (void);
void         wb_test_remove_dir      (const char *path);

/* The folder with the public reference data (WB_SHARED_DATA), or NULL with the test
 * skipped when it is not there. */
const char  *wb_test_shared_data     (void);

G_END_DECLS
