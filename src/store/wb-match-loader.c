/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-match-loader"

#include "config.h"

#include <string.h>

#include "wb-match-loader.h"
#include "wb-store-private.h"

/* Clients are read in one pass: the client rows and the rows that hang under them
 * (competences of the latest diagnosis, work experience, sector preferences), each query
 * in client id order, merged as they come. The same code reads one client, with queries
 * that take its id. */

#define CLIENT_COLUMNS \
  "SELECT id, organisation_id, status, pc4, education_level, transport, max_travel_km, hours_available, " \
  "work_capacity, driving_licence, motivation, phase, track, in_pool, diagnosis_date FROM clients "

#define LATEST_DIAGNOSIS_COMPETENCES \
  "SELECT d.client_id, dc.competence_id, dc.level FROM diagnoses d " \
  "JOIN diagnosis_competences dc ON dc.diagnosis_id = d.id " \
  "WHERE d.id = (SELECT d2.id FROM diagnoses d2 WHERE d2.client_id = d.client_id " \
  "              ORDER BY d2.date DESC, d2.id DESC LIMIT 1) "

static const char * const all_client_queries[] = {
  CLIENT_COLUMNS "WHERE status = 'active' ORDER BY id",
  LATEST_DIAGNOSIS_COMPETENCES "ORDER BY d.client_id",
  "SELECT client_id, occupation_id FROM work_experience ORDER BY client_id",
  "SELECT client_id, sector FROM sector_preferences ORDER BY client_id",
};

static const char * const one_client_queries[] = {
  CLIENT_COLUMNS "WHERE id = ?1",
  LATEST_DIAGNOSIS_COMPETENCES "AND d.client_id = ?1",
  "SELECT client_id, occupation_id FROM work_experience WHERE client_id = ?1",
  "SELECT client_id, sector FROM sector_preferences WHERE client_id = ?1",
};

#define VACANCY_COLUMNS \
  "SELECT id, organisation_id, status, pc4, education_level, hours, sector, licence_required, " \
  "wage_cost_subsidy FROM vacancies "

static const char * const all_vacancy_queries[] = {
  VACANCY_COLUMNS "ORDER BY id",
  "SELECT vacancy_id, competence_id, level, essential FROM vacancy_competences ORDER BY vacancy_id",
};

static const char * const one_vacancy_queries[] = {
  VACANCY_COLUMNS "WHERE id = ?1",
  "SELECT vacancy_id, competence_id, level, essential FROM vacancy_competences WHERE vacancy_id = ?1",
};

enum { Q_ROWS, Q_COMPETENCES, Q_WORK, Q_SECTORS, N_CLIENT_QUERIES };

/* A query read row by row, its first column the id of the client or vacancy. */
typedef struct {
  sqlite3_stmt *stmt;
  gboolean row;
} Cursor;

static gboolean
cursor_open (WbStore     *store,
             Cursor      *cursor,
             const char  *sql,
             gint64       id,
             GError     **error)
{
  cursor->stmt = _wb_store_prepare (store, sql, error);
  cursor->row = FALSE;
  if (cursor->stmt == NULL)
    return FALSE;
  if (id > 0)
    sqlite3_bind_int64 (cursor->stmt, 1, id);
  return TRUE;
}

static gboolean
cursor_next (WbStore  *store,
             Cursor   *cursor,
             GError  **error)
{
  int rc = sqlite3_step (cursor->stmt);

  cursor->row = rc == SQLITE_ROW;
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _wb_store_set_error (store, error, "load matching data");
      return FALSE;
    }
  return TRUE;
}

static void
cursor_close (Cursor *cursor)
{
  if (cursor->stmt != NULL)
    sqlite3_reset (cursor->stmt);
  cursor->stmt = NULL;
  cursor->row = FALSE;
}

/* Skips the rows of ids below @id. */
static gboolean
cursor_seek (WbStore  *store,
             Cursor   *cursor,
             gint64    id,
             GError  **error)
{
  while (cursor->row && sqlite3_column_int64 (cursor->stmt, 0) < id)
    if (!cursor_next (store, cursor, error))
      return FALSE;
  return TRUE;
}

static gboolean
cursor_at (Cursor *cursor,
           gint64  id)
{
  return cursor->row && sqlite3_column_int64 (cursor->stmt, 0) == id;
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

static int
column_int_or (sqlite3_stmt *stmt,
               int           column,
               int           fallback)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? fallback : sqlite3_column_int (stmt, column);
}

/* The schema's own copy of a sector name, which outlives the row it was read from. */
static const char *
intern_sector (const char *sector)
{
  for (guint i = 0; sector != NULL && wb_sectors[i] != NULL; i++)
    if (strcmp (wb_sectors[i], sector) == 0)
      return wb_sectors[i];
  return NULL;
}

/* Reads the clients of @queries (already bound) into @engine. With @one, a client that is
 * not there is taken out of the engine. */
static gboolean
read_clients (WbStore       *store,
              WbMatchEngine *engine,
              Cursor        *cursors,
              gint64         one,
              guint         *n_clients,
              GError       **error)
{
  g_autoptr(GArray) levels = g_array_new (FALSE, FALSE, sizeof (WbMatchLevel));
  g_autoptr(GArray) occupations = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) sectors = g_ptr_array_new ();
  gboolean any = FALSE;

  for (guint q = 0; q < N_CLIENT_QUERIES; q++)
    if (!cursor_next (store, &cursors[q], error))
      return FALSE;

  while (cursors[Q_ROWS].row)
    {
      sqlite3_stmt *row = cursors[Q_ROWS].stmt;
      gint64 id = sqlite3_column_int64 (row, 0);
      WbMatchCandidate candidate;

      g_array_set_size (levels, 0);
      g_array_set_size (occupations, 0);
      g_ptr_array_set_size (sectors, 0);

      if (!cursor_seek (store, &cursors[Q_COMPETENCES], id, error))
        return FALSE;
      while (cursor_at (&cursors[Q_COMPETENCES], id))
        {
          WbMatchLevel level = { sqlite3_column_int64 (cursors[Q_COMPETENCES].stmt, 1),
                                 sqlite3_column_int (cursors[Q_COMPETENCES].stmt, 2) };

          g_array_append_val (levels, level);
          if (!cursor_next (store, &cursors[Q_COMPETENCES], error))
            return FALSE;
        }
      if (!cursor_seek (store, &cursors[Q_WORK], id, error))
        return FALSE;
      while (cursor_at (&cursors[Q_WORK], id))
        {
          gint64 occupation = sqlite3_column_int64 (cursors[Q_WORK].stmt, 1);

          g_array_append_val (occupations, occupation);
          if (!cursor_next (store, &cursors[Q_WORK], error))
            return FALSE;
        }
      if (!cursor_seek (store, &cursors[Q_SECTORS], id, error))
        return FALSE;
      while (cursor_at (&cursors[Q_SECTORS], id))
        {
          const char *sector = intern_sector (column_text (cursors[Q_SECTORS].stmt, 1));

          if (sector != NULL)
            g_ptr_array_add (sectors, (gpointer) sector);
          if (!cursor_next (store, &cursors[Q_SECTORS], error))
            return FALSE;
        }
      g_ptr_array_add (sectors, NULL);

      wb_match_candidate_init (&candidate);
      candidate.id = id;
      candidate.organisation_id = sqlite3_column_int64 (row, 1);
      candidate.status = column_text (row, 2);
      candidate.pc4 = column_text (row, 3);
      candidate.education_level = column_text (row, 4);
      candidate.transport = column_text (row, 5);
      candidate.max_travel_km = column_int_or (row, 6, -1);
      candidate.hours_available = column_int_or (row, 7, -1);
      candidate.work_capacity = column_int_or (row, 8, -1);
      candidate.driving_licence = sqlite3_column_int (row, 9) != 0;
      candidate.motivation = column_text (row, 10);
      candidate.phase = column_text (row, 11);
      candidate.track = column_text (row, 12);
      candidate.in_pool = sqlite3_column_int (row, 13) != 0;
      candidate.diagnosis_date = column_text (row, 14);
      candidate.competences = (const WbMatchLevel *) levels->data;
      candidate.n_competences = levels->len;
      candidate.occupations = (const gint64 *) occupations->data;
      candidate.n_occupations = occupations->len;
      candidate.sectors = sectors->len > 1 ? (const char * const *) sectors->pdata : NULL;
      wb_match_engine_set_client (engine, &candidate);
      if (wb_match_engine_has_client (engine, id) && n_clients != NULL)
        (*n_clients)++;
      any = TRUE;

      if (!cursor_next (store, &cursors[Q_ROWS], error))
        return FALSE;
    }

  if (one > 0 && !any)
    wb_match_engine_remove_client (engine, one);
  return TRUE;
}

static gboolean
load_clients (WbStore            *store,
              WbMatchEngine      *engine,
              const char * const *queries,
              gint64              one,
              guint              *n_clients,
              GError            **error)
{
  Cursor cursors[N_CLIENT_QUERIES] = { { 0 } };
  gboolean ok = TRUE;

  for (guint q = 0; ok && q < N_CLIENT_QUERIES; q++)
    ok = cursor_open (store, &cursors[q], queries[q], one, error);
  ok = ok && read_clients (store, engine, cursors, one, n_clients, error);
  for (guint q = 0; q < N_CLIENT_QUERIES; q++)
    cursor_close (&cursors[q]);
  return ok;
}

static gboolean
load_vacancies (WbStore            *store,
                WbMatchEngine      *engine,
                const char * const *queries,
                gint64              one,
                guint              *n_vacancies,
                GError            **error)
{
  g_autoptr(GArray) reqs = g_array_new (FALSE, FALSE, sizeof (WbMatchRequirement));
  Cursor rows = { 0 }, competences = { 0 };
  gboolean ok, any = FALSE;

  ok = cursor_open (store, &rows, queries[0], one, error) &&
       cursor_open (store, &competences, queries[1], one, error) &&
       cursor_next (store, &rows, error) &&
       cursor_next (store, &competences, error);

  while (ok && rows.row)
    {
      gint64 id = sqlite3_column_int64 (rows.stmt, 0);
      WbMatchVacancy vacancy;

      g_array_set_size (reqs, 0);
      ok = cursor_seek (store, &competences, id, error);
      while (ok && cursor_at (&competences, id))
        {
          WbMatchRequirement req = { sqlite3_column_int64 (competences.stmt, 1),
                                     sqlite3_column_int (competences.stmt, 2),
                                     sqlite3_column_int (competences.stmt, 3) != 0 };

          g_array_append_val (reqs, req);
          ok = cursor_next (store, &competences, error);
        }
      if (!ok)
        break;

      wb_match_vacancy_init (&vacancy);
      vacancy.id = id;
      vacancy.organisation_id = sqlite3_column_int64 (rows.stmt, 1);
      vacancy.status = column_text (rows.stmt, 2);
      vacancy.pc4 = column_text (rows.stmt, 3);
      vacancy.education_level = column_text (rows.stmt, 4);
      vacancy.hours = sqlite3_column_int (rows.stmt, 5);
      vacancy.sector = column_text (rows.stmt, 6);
      vacancy.licence_required = sqlite3_column_int (rows.stmt, 7) != 0;
      vacancy.wage_cost_subsidy = sqlite3_column_int (rows.stmt, 8) != 0;
      vacancy.competences = (const WbMatchRequirement *) reqs->data;
      vacancy.n_competences = reqs->len;
      wb_match_engine_set_vacancy (engine, &vacancy);
      if (n_vacancies != NULL)
        (*n_vacancies)++;
      any = TRUE;
      ok = cursor_next (store, &rows, error);
    }
  cursor_close (&rows);
  cursor_close (&competences);

  if (ok && one > 0 && !any)
    wb_match_engine_remove_vacancy (engine, one);
  return ok;
}

/* Reference data */

typedef void (*SetName) (WbMatchEngine *engine,
                         gint64         id,
                         const char    *name);

/* Rows of (id, name): all of them, or with @one > 0 that one, handed to @set_name. */
static gboolean
load_names (WbStore        *store,
            WbMatchEngine  *engine,
            const char     *sql_one,
            const char     *sql_all,
            SetName         set_name,
            gint64          one,
            guint          *n,
            GError        **error)
{
  Cursor cursor = { 0 };
  gboolean ok;

  ok = cursor_open (store, &cursor, one > 0 ? sql_one : sql_all, one, error) &&
       cursor_next (store, &cursor, error);
  while (ok && cursor.row)
    {
      set_name (engine, sqlite3_column_int64 (cursor.stmt, 0), column_text (cursor.stmt, 1));
      if (n != NULL)
        (*n)++;
      ok = cursor_next (store, &cursor, error);
    }
  cursor_close (&cursor);
  return ok;
}

static gboolean
load_labels (WbStore        *store,
             WbMatchEngine  *engine,
             gint64          one,
             guint          *n,
             GError        **error)
{
  return load_names (store, engine,
                     "SELECT id, coalesce (label_nl, label_en) FROM competences WHERE id = ?1",
                     "SELECT id, coalesce (label_nl, label_en) FROM competences",
                     wb_match_engine_set_competence_label, one, n, error);
}

static gboolean
load_organisations (WbStore        *store,
                    WbMatchEngine  *engine,
                    gint64          one,
                    guint          *n,
                    GError        **error)
{
  return load_names (store, engine,
                     "SELECT id, name FROM organisations WHERE id = ?1",
                     "SELECT id, name FROM organisations",
                     wb_match_engine_set_organisation_name, one, n, error);
}

static gboolean
load_areas (WbStore        *store,
            WbMatchEngine  *engine,
            guint          *n,
            GError        **error)
{
  Cursor cursor = { 0 };
  gboolean ok;

  ok = cursor_open (store, &cursor, "SELECT pc4, lat, lon FROM pc4_areas", 0, error) &&
       cursor_next (store, &cursor, error);
  while (ok && cursor.row)
    {
      if (wb_match_engine_set_pc4 (engine, column_text (cursor.stmt, 0), sqlite3_column_double (cursor.stmt, 1),
                                   sqlite3_column_double (cursor.stmt, 2)) && n != NULL)
        (*n)++;
      ok = cursor_next (store, &cursor, error);
    }
  cursor_close (&cursor);
  return ok;
}

/* The competences of each occupation, both kinds: the engine infers the essential ones. */
static gboolean
load_occupations (WbStore        *store,
                  WbMatchEngine  *engine,
                  gint64          one,
                  guint          *n,
                  GError        **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) essential = g_array_new (FALSE, FALSE, sizeof (gboolean));
  Cursor cursor = { 0 };
  gint64 current = 0;
  gboolean ok;

  ok = cursor_open (store, &cursor,
                    one > 0 ? "SELECT occupation_id, competence_id, essential FROM occupation_competences "
                              "WHERE occupation_id = ?1"
                            : "SELECT occupation_id, competence_id, essential FROM occupation_competences "
                              "ORDER BY occupation_id",
                    one, error) &&
       cursor_next (store, &cursor, error);
  for (;;)
    {
      gint64 occupation = ok && cursor.row ? sqlite3_column_int64 (cursor.stmt, 0) : 0;

      if (occupation != current && current != 0)
        {
          wb_match_engine_set_occupation_competences (engine, current, (const gint64 *) ids->data,
                                                      (const gboolean *) essential->data, ids->len);
          if (n != NULL)
            (*n)++;
          g_array_set_size (ids, 0);
          g_array_set_size (essential, 0);
        }
      if (!ok || !cursor.row)
        break;
      current = occupation;
      {
        gint64 competence = sqlite3_column_int64 (cursor.stmt, 1);
        gboolean is_essential = sqlite3_column_int (cursor.stmt, 2) != 0;

        g_array_append_val (ids, competence);
        g_array_append_val (essential, is_essential);
      }
      ok = cursor_next (store, &cursor, error);
    }
  cursor_close (&cursor);

  /* An occupation whose last competence went: nothing to infer from it any more. */
  if (ok && one > 0 && current == 0)
    wb_match_engine_set_occupation_competences (engine, one, NULL, NULL, 0);
  return ok;
}

gboolean
wb_match_loader_load (WbStore           *store,
                      WbMatchEngine     *engine,
                      WbMatchLoadStats  *stats,
                      GError           **error)
{
  WbMatchLoadStats local = { 0 };
  gboolean own_transaction, ok;

  g_return_val_if_fail (WB_IS_STORE (store), FALSE);
  g_return_val_if_fail (WB_IS_MATCH_ENGINE (engine), FALSE);

  /* One read transaction, so that the engine sees one state of the store. Occupations come
   * before clients so that work experience is inferred as each client goes in. */
  own_transaction = sqlite3_get_autocommit (_wb_store_get_db (store));
  if (own_transaction && !_wb_store_exec (store, "BEGIN", error))
    return FALSE;
  ok = load_labels (store, engine, 0, &local.n_competences, error) &&
       load_organisations (store, engine, 0, &local.n_organisations, error) &&
       load_areas (store, engine, &local.n_areas, error) &&
       load_occupations (store, engine, 0, &local.n_occupations, error) &&
       load_clients (store, engine, all_client_queries, 0, &local.n_clients, error) &&
       load_vacancies (store, engine, all_vacancy_queries, 0, &local.n_vacancies, error);
  if (own_transaction)
    _wb_store_exec (store, ok ? "COMMIT" : "ROLLBACK", NULL);
  if (!ok)
    return FALSE;

  wb_match_engine_build (engine);
  if (stats != NULL)
    *stats = local;
  return TRUE;
}

gboolean
wb_match_loader_load_client (WbStore        *store,
                             WbMatchEngine  *engine,
                             gint64          client_id,
                             GError        **error)
{
  g_return_val_if_fail (WB_IS_STORE (store), FALSE);
  g_return_val_if_fail (WB_IS_MATCH_ENGINE (engine), FALSE);
  g_return_val_if_fail (client_id > 0, FALSE);

  return load_clients (store, engine, one_client_queries, client_id, NULL, error);
}

gboolean
wb_match_loader_load_vacancy (WbStore        *store,
                              WbMatchEngine  *engine,
                              gint64          vacancy_id,
                              GError        **error)
{
  g_return_val_if_fail (WB_IS_STORE (store), FALSE);
  g_return_val_if_fail (WB_IS_MATCH_ENGINE (engine), FALSE);
  g_return_val_if_fail (vacancy_id > 0, FALSE);

  return load_vacancies (store, engine, one_vacancy_queries, vacancy_id, NULL, error);
}

/* The client of a diagnosis, 0 when there is no such diagnosis. */
static gboolean
client_of_diagnosis (WbStore  *store,
                     gint64    diagnosis_id,
                     gint64   *client,
                     GError  **error)
{
  Cursor cursor = { 0 };
  gboolean ok;

  *client = 0;
  ok = cursor_open (store, &cursor, "SELECT client_id FROM diagnoses WHERE id = ?1", diagnosis_id, error) &&
       cursor_next (store, &cursor, error);
  if (ok && cursor.row)
    *client = sqlite3_column_int64 (cursor.stmt, 0);
  cursor_close (&cursor);
  return ok;
}

gboolean
wb_match_loader_follows (WbResource resource)
{
  switch (resource)
    {
    case WB_RESOURCE_CLIENTS:
    case WB_RESOURCE_DIAGNOSES:
    case WB_RESOURCE_VACANCIES:
    case WB_RESOURCE_COMPETENCES:
    case WB_RESOURCE_ORGANISATIONS:
    case WB_RESOURCE_OCCUPATIONS:
      return TRUE;
    case WB_RESOURCE_MUNICIPALITIES:
    case WB_RESOURCE_USERS:
    case WB_RESOURCE_EVENTS:
    case WB_RESOURCE_EMPLOYERS:
    case WB_RESOURCE_CONTACTS:
    case WB_RESOURCE_CONTACT_LOG:
    case WB_RESOURCE_MATCHES:
    case WB_RESOURCE_TARGETS:
    case WB_RESOURCE_ACTION_POINTS:
    case WB_RESOURCE_AUDIT:
    case WB_N_RESOURCES:
    default:
      return FALSE;
    }
}

gboolean
wb_match_loader_follow (WbStore        *store,
                        WbMatchEngine  *engine,
                        WbResource      resource,
                        gint64          id,
                        gint64         *client_id,
                        gint64         *vacancy_id,
                        GError        **error)
{
  gint64 client = 0, vacancy = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (WB_IS_STORE (store), FALSE);
  g_return_val_if_fail (WB_IS_MATCH_ENGINE (engine), FALSE);

  /* Keep wb_match_loader_follows in step with this. */
  switch (resource)
    {
    case WB_RESOURCE_CLIENTS:
      client = id;
      break;
    case WB_RESOURCE_DIAGNOSES:
      ok = client_of_diagnosis (store, id, &client, error);
      break;
    case WB_RESOURCE_VACANCIES:
      vacancy = id;
      break;
    case WB_RESOURCE_COMPETENCES:
      ok = load_labels (store, engine, id, NULL, error);
      break;
    case WB_RESOURCE_ORGANISATIONS:
      ok = load_organisations (store, engine, id, NULL, error);
      break;
    case WB_RESOURCE_OCCUPATIONS:
      ok = load_occupations (store, engine, id, NULL, error);
      break;
    case WB_RESOURCE_MUNICIPALITIES:
    case WB_RESOURCE_USERS:
    case WB_RESOURCE_EVENTS:
    case WB_RESOURCE_EMPLOYERS:
    case WB_RESOURCE_CONTACTS:
    case WB_RESOURCE_CONTACT_LOG:
    case WB_RESOURCE_MATCHES:
    case WB_RESOURCE_TARGETS:
    case WB_RESOURCE_ACTION_POINTS:
    case WB_RESOURCE_AUDIT:
    case WB_N_RESOURCES:
    default:
      break;
    }

  if (ok && client > 0)
    ok = wb_match_loader_load_client (store, engine, client, error);
  if (ok && vacancy > 0)
    ok = wb_match_loader_load_vacancy (store, engine, vacancy, error);
  if (client_id != NULL)
    *client_id = ok ? client : 0;
  if (vacancy_id != NULL)
    *vacancy_id = ok ? vacancy : 0;
  return ok;
}
