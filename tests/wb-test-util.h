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

/* The text of page @page of a PDF (all pages for 0) as pdftotext reads it, on one line
 * with single spaces. */
char        *wb_test_pdf_text        (const char *pdf,
                                      guint       page);

/* The permission bits of @path (0600, 0755, ...), which must exist. */
guint        wb_test_file_mode       (const char *path);

G_END_DECLS
