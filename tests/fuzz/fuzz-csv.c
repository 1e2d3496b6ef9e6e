/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* A CSV file as a user uploads or imports it: read by the CSV reader field by field, with
 * the conversions of the importers, then imported as employers (the upload of
 * POST /employers/import) and as clients (werkbrug-server import clients) into a store of
 * its own. */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "fuzz-store.h"
#include "wb-csv.h"
#include "wb-import.h"

static void
check_report (WbImportReport *report)
{
  /* Only rows read are written; an upload of the wrong shape is refused whole before. */
  g_assert_cmpuint (report->n_imported + report->n_updated, <=, report->n_read);
  for (guint i = 0; i < report->messages->len; i++)
    g_assert_nonnull (g_ptr_array_index (report->messages, i));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(WbCsv) csv = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbStore) store = NULL;
  g_autoptr(WbImportReport) employers = wb_import_report_new ();
  g_autoptr(WbImportReport) clients = wb_import_report_new ();
  g_autofree char *path = NULL;
  gint64 organisation;

  fuzz_init ();
  csv = wb_csv_new_from_bytes ("fuzz.csv", bytes, &error);
  if (csv != NULL)
    {
      while (wb_csv_next (csv, &error))
        for (guint i = 0; i <= wb_csv_get_n_fields (csv); i++)
          {
            const char *field = wb_csv_get (csv, i);
            g_autofree char *date = wb_csv_parse_date (field);
            double number;
            gboolean yes;

            g_assert_nonnull (field);
            g_assert_true (date == NULL || strlen (date) == 10);
            wb_csv_parse_number (field, &number);
            wb_csv_parse_bool (field, &yes);
          }
      g_clear_error (&error);
    }
  g_clear_error (&error);

  store = fuzz_store_get (&organisation);
  wb_import_employers_csv_bytes (store, "fuzz.csv", bytes, employers, &error);
  g_clear_error (&error);
  check_report (employers);

  path = g_build_filename (fuzz_dir (), "clients.csv", NULL);
  g_assert_true (g_file_set_contents (path, (const char *) data, size, NULL));
  wb_import_clients_csv (store, path, organisation, clients, &error);
  g_clear_error (&error);
  check_report (clients);
  g_unlink (path);
  return 0;
}
