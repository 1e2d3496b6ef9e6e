/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-store-matching"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-store-matching.h"
#include "wb-store-private.h"

char *
wb_store_get_match_weights (WbStore     *store,
                            const char  *region,
                            gint64      *version,
                            GError     **error)
{
  sqlite3_stmt *stmt = _wb_store_prepare (store, "SELECT weights, version FROM match_weights WHERE region = ?1", error);
  char *weights = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, region, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      weights = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      if (version != NULL)
        *version = sqlite3_column_int64 (stmt, 1);
    }
  else if (version != NULL)
    *version = 0;
  sqlite3_reset (stmt);
  return weights;
}

gboolean
wb_store_set_match_weights (WbStore     *store,
                            const char  *region,
                            const char  *weights_json,
                            gint64       user_id,
                            gint64       expected_version,
                            GError     **error)
{
  g_autofree char *now = wb_store_now ();
  sqlite3_stmt *stmt;

  /* Insert when there was nothing, otherwise update only the version that was read. */
  if (expected_version == 0)
    stmt = _wb_store_prepare (store,
                              "INSERT INTO match_weights (region, weights, updated_by, created_at, updated_at) "
                              "VALUES (?1, ?2, ?3, ?4, ?4) ON CONFLICT (region) DO NOTHING", error);
  else
    stmt = _wb_store_prepare (store,
                              "UPDATE match_weights SET weights = ?2, updated_by = ?3, updated_at = ?4, "
                              "version = version + 1 WHERE region = ?1 AND version = ?5", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, region, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, weights_json, -1, SQLITE_TRANSIENT);
  if (user_id > 0)
    sqlite3_bind_int64 (stmt, 3, user_id);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_STATIC);
  if (expected_version > 0)
    sqlite3_bind_int64 (stmt, 5, expected_version);
  if (!_wb_store_step_done (store, stmt, error))
    return FALSE;
  if (sqlite3_changes (_wb_store_get_db (store)) == 0)
    {
      g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_STALE,
                   _("The weights of %s were changed by someone else"), region);
      return FALSE;
    }
  return TRUE;
}

void
wb_store_alert_free (WbStoreAlert *alert)
{
  if (alert == NULL)
    return;
  g_free (alert->kind);
  g_free (alert);
}

gint64
wb_store_add_alert (WbStore     *store,
                    gint64       user_id,
                    const char  *kind,
                    gint64       client_id,
                    gint64       vacancy_id,
                    double       threshold,
                    GError     **error)
{
  g_autofree char *now = wb_store_now ();
  sqlite3_stmt *stmt = _wb_store_prepare (store,
                                          "INSERT INTO alerts (user_id, kind, client_id, vacancy_id, threshold, created_at) "
                                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_TRANSIENT);
  if (client_id > 0)
    sqlite3_bind_int64 (stmt, 3, client_id);
  if (vacancy_id > 0)
    sqlite3_bind_int64 (stmt, 4, vacancy_id);
  sqlite3_bind_double (stmt, 5, threshold);
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_STATIC);
  if (!_wb_store_step_done (store, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (_wb_store_get_db (store));
}

GPtrArray *
wb_store_list_alerts (WbStore     *store,
                      const char  *kind,
                      gint64       user_id,
                      GError     **error)
{
  sqlite3_stmt *stmt = _wb_store_prepare (store,
                                          "SELECT id, user_id, kind, client_id, vacancy_id, threshold FROM alerts "
                                          "WHERE active = 1 AND (?1 IS NULL OR kind = ?1) AND (?2 = 0 OR user_id = ?2) "
                                          "ORDER BY id", error);
  GPtrArray *alerts;

  if (stmt == NULL)
    return NULL;
  if (kind != NULL)
    sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, user_id);

  alerts = g_ptr_array_new_with_free_func ((GDestroyNotify) wb_store_alert_free);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      WbStoreAlert *alert = g_new0 (WbStoreAlert, 1);

      alert->id = sqlite3_column_int64 (stmt, 0);
      alert->user_id = sqlite3_column_int64 (stmt, 1);
      alert->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      alert->client_id = sqlite3_column_int64 (stmt, 3);
      alert->vacancy_id = sqlite3_column_int64 (stmt, 4);
      alert->threshold = sqlite3_column_double (stmt, 5);
      g_ptr_array_add (alerts, alert);
    }
  sqlite3_reset (stmt);
  return alerts;
}

gboolean
wb_store_remove_alert (WbStore     *store,
                       gint64       alert_id,
                       gint64       user_id,
                       GError     **error)
{
  sqlite3_stmt *stmt = _wb_store_prepare (store, "UPDATE alerts SET active = 0 WHERE id = ?1 AND user_id = ?2", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, alert_id);
  sqlite3_bind_int64 (stmt, 2, user_id);
  if (!_wb_store_step_done (store, stmt, error))
    return FALSE;
  if (sqlite3_changes (_wb_store_get_db (store)) == 0)
    {
      g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_NOT_FOUND, _("You have no alert %lld"), (long long) alert_id);
      return FALSE;
    }
  return TRUE;
}

gint64
wb_store_add_notification (WbStore     *store,
                           gint64       user_id,
                           const char  *kind,
                           const char  *title,
                           const char  *body,
                           const char  *resource,
                           gint64       resource_id,
                           gint64       alert_id,
                           double       score,
                           GError     **error)
{
  g_autofree char *now = wb_store_now ();
  sqlite3_stmt *stmt = _wb_store_prepare (store,
                                          "INSERT INTO notifications (user_id, kind, title, body, resource, resource_id, "
                                          "alert_id, score, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                                          error);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, user_id);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, title, -1, SQLITE_TRANSIENT);
  if (body != NULL)
    sqlite3_bind_text (stmt, 4, body, -1, SQLITE_TRANSIENT);
  if (resource != NULL)
    sqlite3_bind_text (stmt, 5, resource, -1, SQLITE_TRANSIENT);
  if (resource_id > 0)
    sqlite3_bind_int64 (stmt, 6, resource_id);
  if (alert_id > 0)
    sqlite3_bind_int64 (stmt, 7, alert_id);
  if (score >= 0)
    sqlite3_bind_double (stmt, 8, score);
  sqlite3_bind_text (stmt, 9, now, -1, SQLITE_STATIC);
  if (!_wb_store_step_done (store, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (_wb_store_get_db (store));
}

gboolean
wb_store_alert_has_notified (WbStore    *store,
                             gint64      alert_id,
                             const char *resource,
                             gint64      resource_id)
{
  sqlite3_stmt *stmt = _wb_store_prepare (store,
                                          "SELECT 1 FROM notifications WHERE alert_id = ?1 AND resource = ?2 "
                                          "AND resource_id = ?3", NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, alert_id);
  sqlite3_bind_text (stmt, 2, resource, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, resource_id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}
