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

/* One row as a JSON object named by its columns; the columns in @booleans are 0 or 1. */
static JsonObject *
get_row (WbStore            *store,
         const char         *sql,
         gint64              id,
         const char * const *booleans,
         const char         *what,
         GError            **error)
{
  sqlite3_stmt *stmt = _wb_store_prepare (store, sql, error);
  JsonObject *object;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_NOT_FOUND,
                     _("There is no record %lld in %s"), (long long) id, what);
      else
        _wb_store_set_error (store, error, what);
      sqlite3_reset (stmt);
      return NULL;
    }

  object = json_object_new ();
  for (int i = 0; i < sqlite3_column_count (stmt); i++)
    {
      const char *name = sqlite3_column_name (stmt, i);

      switch (sqlite3_column_type (stmt, i))
        {
        case SQLITE_NULL:
          json_object_set_null_member (object, name);
          break;
        case SQLITE_INTEGER:
          if (g_strv_contains (booleans, name))
            json_object_set_boolean_member (object, name, sqlite3_column_int (stmt, i) != 0);
          else
            json_object_set_int_member (object, name, sqlite3_column_int64 (stmt, i));
          break;
        case SQLITE_FLOAT:
          json_object_set_double_member (object, name, sqlite3_column_double (stmt, i));
          break;
        default:
          json_object_set_string_member (object, name, (const char *) sqlite3_column_text (stmt, i));
          break;
        }
    }
  sqlite3_reset (stmt);
  return object;
}

JsonObject *
wb_store_get_match_client (WbStore  *store,
                           gint64    client_id,
                           GError  **error)
{
  static const char * const booleans[] = { "driving_licence", "in_pool", NULL };

  g_return_val_if_fail (WB_IS_STORE (store), NULL);

  return get_row (store,
                  "SELECT c.id AS id, c.organisation_id AS organisation_id, o.name AS organisation, "
                  "c.municipality_id AS municipality_id, m.region AS region, c.given_name AS given_name, "
                  "c.family_name AS family_name, c.pc4 AS pc4, c.birth_year AS birth_year, "
                  "c.client_group AS client_group, c.education_level AS education_level, "
                  "c.language_level AS language_level, c.driving_licence AS driving_licence, "
                  "c.transport AS transport, c.max_travel_km AS max_travel_km, "
                  "c.hours_available AS hours_available, c.work_capacity AS work_capacity, c.phase AS phase, "
                  "c.track AS track, c.in_pool AS in_pool, c.status AS status, "
                  "c.diagnosis_date AS diagnosis_date, c.wsp_account_manager_id AS wsp_account_manager_id "
                  "FROM clients c JOIN organisations o ON o.id = c.organisation_id "
                  "JOIN municipalities m ON m.id = c.municipality_id WHERE c.id = ?1",
                  client_id, booleans, "clients", error);
}

JsonObject *
wb_store_get_match_vacancy (WbStore  *store,
                            gint64    vacancy_id,
                            GError  **error)
{
  static const char * const booleans[] = { "licence_required", "wage_cost_subsidy", "job_carving", NULL };

  g_return_val_if_fail (WB_IS_STORE (store), NULL);

  return get_row (store,
                  "SELECT v.id AS id, v.title AS title, v.employer_id AS employer_id, e.name AS employer, "
                  "v.organisation_id AS organisation_id, v.sector AS sector, v.pc4 AS pc4, m.region AS region, "
                  "v.hours AS hours, v.contract AS contract, v.education_level AS education_level, "
                  "v.licence_required AS licence_required, v.wage_cost_subsidy AS wage_cost_subsidy, "
                  "v.job_carving AS job_carving, v.positions AS positions, v.status AS status, "
                  "v.opened_at AS opened_at, v.closes_at AS closes_at "
                  "FROM vacancies v JOIN employers e ON e.id = v.employer_id "
                  "JOIN municipalities m ON m.id = e.municipality_id WHERE v.id = ?1",
                  vacancy_id, booleans, "vacancies", error);
}
