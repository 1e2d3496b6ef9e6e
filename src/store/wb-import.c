/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-import"

#include "config.h"

#include "wb-import.h"

WbImportReport *
wb_import_report_new (void)
{
  WbImportReport *report = g_new0 (WbImportReport, 1);

  report->messages = g_ptr_array_new_with_free_func (g_free);
  return report;
}

void
wb_import_report_free (WbImportReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->messages, g_ptr_array_unref);
  g_free (report);
}

gboolean
wb_import_esco (WbStore *store, const char *directory, WbImportReport *report, GError **error)
{
  g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_FAILED, "not yet written");
  return FALSE;
}

gboolean
wb_import_pc4 (WbStore *store, const char *path, WbImportReport *report, GError **error)
{
  g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_FAILED, "not yet written");
  return FALSE;
}

gboolean
wb_import_clients_csv (WbStore *store, const char *path, gint64 organisation_id, WbImportReport *report, GError **error)
{
  g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_FAILED, "not yet written");
  return FALSE;
}

gboolean
wb_import_employers_csv (WbStore *store, const char *path, WbImportReport *report, GError **error)
{
  g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_FAILED, "not yet written");
  return FALSE;
}
