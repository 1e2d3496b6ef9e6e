/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The store feeds the matching engine: the demo region loaded in one pass, checked against
 * the database with SQL of its own, the engine following writes made through the store, and
 * the engine ranking as the SQL baseline of wb-match-sql.h does. */

#define G_LOG_DOMAIN "test-match-loader"

#include "config.h"

#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "wb-demo.h"
#include "wb-import.h"
#include "wb-match-loader.h"
#include "wb-match-sql.h"
#include "wb-store.h"
#include "wb-test-util.h"

#define TODAY "2026-10-31"

static struct {
  char *dir;
  char *path;
  WbStore *store;
  sqlite3 *db;     /* a connection of the test's own, to check what was loaded */
  gboolean have_pc4;
  char *pc4;       /* the PC4 centres, when they are there */
} fx;

static gint64
count (const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (fx.db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static gint64
count_id (const char *sql,
          gint64      id)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (fx.db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* The competences of active clients as the definition has them: those of the latest
 * diagnosis, and the essential ones of occupations worked in. */
#define LATEST \
  "SELECT d.client_id AS client_id, dc.competence_id AS competence_id FROM diagnoses d " \
  "JOIN diagnosis_competences dc ON dc.diagnosis_id = d.id JOIN clients c ON c.id = d.client_id " \
  "WHERE c.status = 'active' AND d.id = (SELECT id FROM diagnoses WHERE client_id = d.client_id " \
  "ORDER BY date DESC, id DESC LIMIT 1)"
#define WORKED \
  "SELECT w.client_id AS client_id, oc.competence_id AS competence_id FROM work_experience w " \
  "JOIN occupation_competences oc ON oc.occupation_id = w.occupation_id AND oc.essential = 1 " \
  "JOIN clients c ON c.id = w.client_id WHERE c.status = 'active'"

static WbMatchEngine *
load_from (WbStore          *store,
           WbMatchLoadStats *stats)
{
  g_autoptr(GError) error = NULL;
  WbMatchEngine *engine = wb_match_engine_new ();

  wb_match_engine_set_today (engine, TODAY);
  g_assert_true (wb_match_loader_load (store, engine, stats, &error));
  g_assert_no_error (error);
  return engine;
}

static WbMatchEngine *
load (WbMatchLoadStats *stats)
{
  return load_from (fx.store, stats);
}

static void
test_load_counts (void)
{
  g_autoptr(WbMatchEngine) engine = NULL;
  WbMatchLoadStats loaded;
  WbMatchStats stats;

  engine = load (&loaded);
  wb_match_engine_get_stats (engine, &stats);

  g_assert_cmpint (loaded.n_clients, ==, count ("SELECT count(*) FROM clients WHERE status = 'active'"));
  g_assert_cmpint (loaded.n_clients, <, count ("SELECT count(*) FROM clients"));
  g_assert_cmpint (loaded.n_vacancies, ==, count ("SELECT count(*) FROM vacancies"));
  g_assert_cmpint (loaded.n_competences, ==, count ("SELECT count(*) FROM competences"));
  g_assert_cmpint (loaded.n_occupations, ==, count ("SELECT count(DISTINCT occupation_id) FROM occupation_competences"));
  g_assert_cmpint (loaded.n_organisations, ==, count ("SELECT count(*) FROM organisations"));
  g_assert_cmpint (loaded.n_areas, ==, count ("SELECT count(*) FROM pc4_areas"));
  if (fx.have_pc4)
    g_assert_cmpint (loaded.n_areas, >, 4000);

  g_assert_cmpuint (stats.n_clients, ==, loaded.n_clients);
  g_assert_cmpuint (stats.n_vacancies, ==, loaded.n_vacancies);
  g_assert_cmpint (stats.n_open_vacancies, ==, count ("SELECT count(*) FROM vacancies WHERE status = 'open'"));
  g_assert_cmpint (stats.n_pairs, ==, count ("SELECT count(*) FROM (" LATEST " UNION " WORKED ")"));
  g_assert_cmpint (stats.n_inferred_pairs, ==, count ("SELECT count(*) FROM (" WORKED " EXCEPT " LATEST ")"));
  g_assert_cmpuint (stats.n_inferred_pairs, >, 0);
}

/* A client with a diagnosis and work experience, and an open vacancy: everything the
 * engine says of the pair follows from the rows. */
static void
test_known_record (void)
{
  g_autoptr(WbMatchEngine) engine = load (NULL);
  g_autoptr(WbMatchResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) gap = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  sqlite3_stmt *stmt = NULL;
  gint64 client, vacancy, organisation;
  const char *sql;

  client = count ("SELECT c.id FROM clients c WHERE c.status = 'active' AND c.diagnosis_date IS NOT NULL "
                  "AND EXISTS (SELECT 1 FROM work_experience w WHERE w.client_id = c.id) ORDER BY c.id LIMIT 1");
  vacancy = count ("SELECT v.id FROM vacancies v WHERE v.status = 'open' AND "
                   "(SELECT count(*) FROM vacancy_competences WHERE vacancy_id = v.id AND essential = 1) >= 3 "
                   "ORDER BY v.id LIMIT 1");
  g_assert_true (wb_match_engine_has_client (engine, client));
  g_assert_true (wb_match_engine_has_vacancy (engine, vacancy));

  result = wb_match_engine_score_pair (engine, vacancy, client, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->n_essential, ==,
                   count_id ("SELECT count(*) + (SELECT licence_required FROM vacancies WHERE id = ?1) "
                             "FROM vacancy_competences WHERE vacancy_id = ?1 AND essential = 1", vacancy));
  g_assert_cmpint (result->n_optional, ==,
                   count_id ("SELECT count(*) FROM vacancy_competences WHERE vacancy_id = ?1 AND essential = 0", vacancy));

  /* The gap: the essential competences of the vacancy the client has neither diagnosed nor
   * worked with. */
  sql = "SELECT vc.competence_id FROM vacancy_competences vc WHERE vc.vacancy_id = ?1 AND vc.essential = 1 "
        "AND vc.competence_id NOT IN (SELECT competence_id FROM (" LATEST " UNION " WORKED ") WHERE client_id = ?2)";
  g_assert_cmpint (sqlite3_prepare_v2 (fx.db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, vacancy);
  sqlite3_bind_int64 (stmt, 2, client);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 *id = g_new (gint64, 1);

      *id = sqlite3_column_int64 (stmt, 0);
      g_hash_table_add (gap, id);
    }
  sqlite3_finalize (stmt);
  for (guint i = 0; i < result->gap->len; i++)
    {
      const WbMatchGapItem *item = &g_array_index (result->gap, WbMatchGapItem, i);

      if (item->level == 0 && item->competence_id != 0)
        g_assert_true (g_hash_table_contains (gap, &item->competence_id));
    }
  g_assert_cmpuint (result->n_essential_missing, ==,
                    g_hash_table_size (gap) + (guint) count_id ("SELECT licence_required FROM vacancies WHERE id = ?1", vacancy) *
                    (guint) (1 - count_id ("SELECT driving_licence FROM clients WHERE id = ?1", client)));

  /* The organisation to contact, the diagnosis date, the distance between the centres. */
  organisation = count_id ("SELECT organisation_id FROM clients WHERE id = ?1", client);
  g_assert_cmpint (result->client_organisation_id, ==, organisation);
  g_assert_nonnull (result->client_organisation);
  sql = "SELECT name FROM organisations WHERE id = ?1";
  g_assert_cmpint (sqlite3_prepare_v2 (fx.db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, organisation);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr (result->client_organisation, ==, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  sql = "SELECT c.diagnosis_date, a.lat, a.lon, b.lat, b.lon FROM clients c, vacancies v "
        "LEFT JOIN pc4_areas a ON a.pc4 = c.pc4 LEFT JOIN pc4_areas b ON b.pc4 = v.pc4 WHERE c.id = ?1 AND v.id = ?2";
  g_assert_cmpint (sqlite3_prepare_v2 (fx.db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, client);
  sqlite3_bind_int64 (stmt, 2, vacancy);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr (result->diagnosis_date, ==, (const char *) sqlite3_column_text (stmt, 0));
  if (sqlite3_column_type (stmt, 1) != SQLITE_NULL && sqlite3_column_type (stmt, 3) != SQLITE_NULL)
    g_assert_cmpfloat_with_epsilon (result->distance_km,
                                    wb_geo_distance_km (sqlite3_column_double (stmt, 3), sqlite3_column_double (stmt, 4),
                                                        sqlite3_column_double (stmt, 1), sqlite3_column_double (stmt, 2)),
                                    1e-9);
  else
    g_assert_cmpfloat (result->distance_km, <, 0);
  sqlite3_finalize (stmt);
}

static gint64
insert (const char *json,
        WbResource  resource)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (json, &error);
  gint64 id;

  g_assert_no_error (error);
  id = wb_store_insert (fx.store, resource, json_node_get_object (node), &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
update (WbResource  resource,
        gint64      id,
        const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (json, &error);

  g_assert_no_error (error);
  g_assert_true (wb_store_update (fx.store, resource, id, 0, json_node_get_object (node), &error));
  g_assert_no_error (error);
}

static void
follow (WbMatchEngine *engine,
        WbResource     resource,
        gint64         id,
        gint64         expected_client,
        gint64         expected_vacancy)
{
  g_autoptr(GError) error = NULL;
  gint64 client = -1, vacancy = -1;

  g_assert_true (wb_match_loader_follow (fx.store, engine, resource, id, &client, &vacancy, &error));
  g_assert_no_error (error);
  g_assert_cmpint (client, ==, expected_client);
  g_assert_cmpint (vacancy, ==, expected_vacancy);
}

static void
assert_engines_agree (WbMatchEngine *a,
                      WbMatchEngine *b)
{
  WbMatchStats sa, sb;
  sqlite3_stmt *stmt = NULL;

  wb_match_engine_get_stats (a, &sa);
  wb_match_engine_get_stats (b, &sb);
  g_assert_cmpuint (sa.n_clients, ==, sb.n_clients);
  g_assert_cmpuint (sa.n_vacancies, ==, sb.n_vacancies);
  g_assert_cmpuint (sa.n_open_vacancies, ==, sb.n_open_vacancies);
  g_assert_cmpuint (sa.n_pairs, ==, sb.n_pairs);
  g_assert_cmpuint (sa.n_inferred_pairs, ==, sb.n_inferred_pairs);

  g_assert_cmpint (sqlite3_prepare_v2 (fx.db, "SELECT id FROM vacancies ORDER BY id", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_autoptr(GPtrArray) ra = wb_match_engine_rank_candidates (a, id, NULL, NULL);
      g_autoptr(GPtrArray) rb = wb_match_engine_rank_candidates (b, id, NULL, NULL);

      g_assert_nonnull (ra);
      g_assert_nonnull (rb);
      g_assert_cmpuint (ra->len, ==, rb->len);
      for (guint i = 0; i < ra->len; i++)
        {
          WbMatchResult *x = ra->pdata[i], *y = rb->pdata[i];

          g_assert_cmpint (x->client_id, ==, y->client_id);
          g_assert_cmpfloat (x->score, ==, y->score);
          g_assert_cmpstr (x->explanation[WB_MATCH_PART_COMPETENCES], ==, y->explanation[WB_MATCH_PART_COMPETENCES]);
          g_assert_cmpstr (x->client_organisation, ==, y->client_organisation);
        }
    }
  sqlite3_finalize (stmt);
}

static gboolean
ranked (GPtrArray *results,
        gint64     id,
        gboolean   by_vacancy)
{
  for (guint i = 0; i < results->len; i++)
    {
      WbMatchResult *r = results->pdata[i];

      if ((by_vacancy ? r->vacancy_id : r->client_id) == id)
        return TRUE;
    }
  return FALSE;
}

/* Writes through the store, each followed by the loader, leave the engine as a fresh load
 * would make it. */
static void
test_index_follows_writes (void)
{
  g_autoptr(WbMatchEngine) engine = load (NULL);
  g_autoptr(WbMatchEngine) fresh = NULL;
  g_autoptr(WbMatchResult) before = NULL;
  g_autoptr(WbMatchResult) after = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  gint64 client, vacancy, other, diagnosis, competence, organisation, municipality, employer, occupation, fresh_client;
  WbMatchOptions options;
  WbMatchStats stats;
  gsize pairs;

  vacancy = count ("SELECT v.id FROM vacancies v WHERE v.status = 'open' AND "
                   "(SELECT count(*) FROM vacancy_competences WHERE vacancy_id = v.id AND essential = 1) >= 2 "
                   "ORDER BY v.id LIMIT 1");
  client = count ("SELECT id FROM clients WHERE status = 'active' ORDER BY id LIMIT 1");
  before = wb_match_engine_score_pair (engine, vacancy, client, NULL, &error);
  g_assert_no_error (error);

  /* A new diagnosis with every competence the vacancy asks, at level 5: no gap left but
   * the licence. */
  {
    g_autoptr(GString) competences = g_string_new (NULL);
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (fx.db, "SELECT competence_id FROM vacancy_competences WHERE vacancy_id = ?1",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    sqlite3_bind_int64 (stmt, 1, vacancy);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_string_append_printf (competences, "%s{\"competence_id\":%lld,\"level\":5,\"evidence\":\"practical\"}",
                              competences->len > 0 ? "," : "", (long long) sqlite3_column_int64 (stmt, 0));
    sqlite3_finalize (stmt);
    json = g_strdup_printf ("{\"client_id\":%" G_GINT64_FORMAT ",\"date\":\"2026-10-30\",\"source\":\"competensys\","
                            "\"competences\":[%s]}", client, competences->str);
  }
  diagnosis = insert (json, WB_RESOURCE_DIAGNOSES);
  follow (engine, WB_RESOURCE_DIAGNOSES, diagnosis, client, 0);
  after = wb_match_engine_score_pair (engine, vacancy, client, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->n_essential_missing, <=, 1);
  g_assert_cmpfloat (after->credit[WB_MATCH_PART_COMPETENCES], >, before->credit[WB_MATCH_PART_COMPETENCES]);
  g_assert_cmpstr (after->diagnosis_date, ==, "2026-10-30");
  g_assert_cmpint (after->diagnosis, ==, WB_MATCH_DIAGNOSIS_CURRENT);

  /* The client leaves: no longer a candidate. */
  other = count ("SELECT id FROM clients WHERE status = 'active' ORDER BY id DESC LIMIT 1");
  g_assert_true (wb_match_engine_has_client (engine, other));
  update (WB_RESOURCE_CLIENTS, other, "{\"status\":\"outflow\",\"phase\":\"outflow\"}");
  follow (engine, WB_RESOURCE_CLIENTS, other, other, 0);
  g_assert_false (wb_match_engine_has_client (engine, other));

  /* A new client who has only worked in an occupation: its essential competences inferred. */
  organisation = count ("SELECT organisation_id FROM clients ORDER BY id LIMIT 1");
  municipality = count ("SELECT municipality_id FROM clients ORDER BY id LIMIT 1");
  occupation = count ("SELECT occupation_id FROM occupation_competences WHERE essential = 1 "
                      "GROUP BY occupation_id ORDER BY count(*) DESC, occupation_id LIMIT 1");
  g_clear_pointer (&json, g_free);
  json = g_strdup_printf ("{\"organisation_id\":%" G_GINT64_FORMAT ",\"municipality_id\":%" G_GINT64_FORMAT ","
                          "\"given_name\":\"Nieuw\",\"family_name\":\"Testpersoon\",\"bsn\":\"111222333\","
                          "\"pc4\":\"6411\",\"birth_year\":1990,\"client_group\":\"ww\",\"phase\":\"work_ready\","
                          "\"status\":\"active\",\"hours_available\":32,"
                          "\"work_experience\":[{\"occupation_id\":%" G_GINT64_FORMAT ",\"years\":4}],"
                          "\"sector_preferences\":[\"logistics\"]}", organisation, municipality, occupation);
  fresh_client = insert (json, WB_RESOURCE_CLIENTS);
  wb_match_engine_get_stats (engine, &stats);
  pairs = stats.n_inferred_pairs;
  follow (engine, WB_RESOURCE_CLIENTS, fresh_client, fresh_client, 0);
  g_assert_true (wb_match_engine_has_client (engine, fresh_client));
  wb_match_engine_get_stats (engine, &stats);
  g_assert_cmpint (stats.n_inferred_pairs, ==,
                   pairs + count_id ("SELECT count(*) FROM occupation_competences WHERE occupation_id = ?1 AND essential = 1",
                                     occupation));

  /* A new vacancy that asks exactly what the new client's occupation implies: the client
   * is among its candidates, with every competence labelled inferred. */
  employer = count ("SELECT id FROM employers ORDER BY id LIMIT 1");
  {
    g_autoptr(GString) competences = g_string_new (NULL);
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (fx.db, "SELECT competence_id FROM occupation_competences "
                                         "WHERE occupation_id = ?1 AND essential = 1", -1, &stmt, NULL), ==, SQLITE_OK);
    sqlite3_bind_int64 (stmt, 1, occupation);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_string_append_printf (competences, "%s{\"competence_id\":%lld,\"level\":2,\"essential\":true}",
                              competences->len > 0 ? "," : "", (long long) sqlite3_column_int64 (stmt, 0));
    sqlite3_finalize (stmt);
    g_clear_pointer (&json, g_free);
    json = g_strdup_printf ("{\"employer_id\":%" G_GINT64_FORMAT ",\"title\":\"Testvacature\",\"sector\":\"logistics\","
                            "\"hours\":32,\"pc4\":\"6411\",\"positions\":1,\"opened_at\":\"2026-10-30\",\"status\":\"open\","
                            "\"competences\":[%s]}", employer, competences->str);
  }
  vacancy = insert (json, WB_RESOURCE_VACANCIES);
  g_assert_false (wb_match_engine_has_vacancy (engine, vacancy));
  follow (engine, WB_RESOURCE_VACANCIES, vacancy, 0, vacancy);
  wb_match_options_init (&options);
  options.limit = 1000;
  results = wb_match_engine_rank_candidates (engine, vacancy, &options, &error);
  g_assert_no_error (error);
  g_assert_true (ranked (results, fresh_client, FALSE));
  {
    g_autoptr(WbMatchResult) pair = wb_match_engine_score_pair (engine, vacancy, fresh_client, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (pair->inferred->len, ==, pair->n_essential);
    g_assert_cmpuint (pair->n_essential_missing, ==, 0);
  }
  g_clear_pointer (&results, g_ptr_array_unref);
  results = wb_match_engine_rank_vacancies (engine, fresh_client, &options, &error);
  g_assert_no_error (error);
  g_assert_true (ranked (results, vacancy, TRUE));

  /* Filled: no longer offered to clients. */
  update (WB_RESOURCE_VACANCIES, vacancy, "{\"status\":\"filled\"}");
  follow (engine, WB_RESOURCE_VACANCIES, vacancy, 0, vacancy);
  g_clear_pointer (&results, g_ptr_array_unref);
  results = wb_match_engine_rank_vacancies (engine, fresh_client, &options, &error);
  g_assert_no_error (error);
  g_assert_false (ranked (results, vacancy, TRUE));

  /* A renamed organisation and a new competence label reach the explanations. */
  update (WB_RESOURCE_ORGANISATIONS, organisation, "{\"name\":\"Hernoemde organisatie\"}");
  follow (engine, WB_RESOURCE_ORGANISATIONS, organisation, 0, 0);
  {
    g_autoptr(WbMatchResult) pair = wb_match_engine_score_pair (engine, vacancy, fresh_client, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (pair->client_organisation, ==, "Hernoemde organisatie");
  }
  competence = insert ("{\"uri\":\"urn:werkbrug:test:lassen\",\"label_nl\":\"Lassen\",\"kind\":\"skill\"}",
                       WB_RESOURCE_COMPETENCES);
  follow (engine, WB_RESOURCE_COMPETENCES, competence, 0, 0);
  g_clear_pointer (&json, g_free);
  json = g_strdup_printf ("{\"competences\":[{\"competence_id\":%" G_GINT64_FORMAT ",\"level\":3,\"essential\":true}]}",
                          competence);
  update (WB_RESOURCE_VACANCIES, vacancy, json);
  follow (engine, WB_RESOURCE_VACANCIES, vacancy, 0, vacancy);
  {
    g_autoptr(WbMatchResult) pair = wb_match_engine_score_pair (engine, vacancy, fresh_client, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (pair->gap->len, ==, 1);
    g_assert_cmpstr (pair->gap_labels->pdata[0], ==, "Lassen");
  }

  /* Writes matching does not depend on change nothing; a diagnosis that is not there
   * neither. */
  follow (engine, WB_RESOURCE_EMPLOYERS, employer, 0, 0);
  follow (engine, WB_RESOURCE_DIAGNOSES, 999999, 0, 0);

  /* What the store does not have, the engine does not keep. */
  {
    WbMatchCandidate ghost;
    WbMatchVacancy gone;

    wb_match_candidate_init (&ghost);
    ghost.id = 999999;
    wb_match_engine_set_client (engine, &ghost);
    wb_match_vacancy_init (&gone);
    gone.id = 999999;
    wb_match_engine_set_vacancy (engine, &gone);
    follow (engine, WB_RESOURCE_CLIENTS, 999999, 999999, 0);
    follow (engine, WB_RESOURCE_VACANCIES, 999999, 0, 999999);
    g_assert_false (wb_match_engine_has_client (engine, 999999));
    g_assert_false (wb_match_engine_has_vacancy (engine, 999999));
  }

  /* After all that the engine is what a fresh load makes of the store. */
  fresh = load (NULL);
  assert_engines_agree (engine, fresh);
}

/* Where @list ranks @id, or -1. */
static int
sql_position (GArray *list,
              gint64  id)
{
  for (guint i = 0; i < list->len; i++)
    if (g_array_index (list, WbMatchSqlResult, i).client_id == id)
      return (int) i;
  return -1;
}

/* The engine and the SQL baseline give the same top list: place by place the same score,
 * and the same client unless the two are tied (equal scores may come out in either order
 * after the rounding of a sum, and at the cut either of them may be left out). */
static void
assert_same_top (gint64     vacancy,
                 GPtrArray *engine,
                 GArray    *sql)
{
  const double tie = 1e-9;
  double last;

  g_assert_cmpuint (engine->len, ==, sql->len);
  if (sql->len == 0)
    return;
  last = g_array_index (sql, WbMatchSqlResult, sql->len - 1).score;
  for (guint i = 0; i < engine->len; i++)
    {
      WbMatchResult *e = engine->pdata[i];
      const WbMatchSqlResult *q = &g_array_index (sql, WbMatchSqlResult, i);
      int at;

      if (fabs (e->score - q->score) > 1e-9)
        g_error ("vacancy %" G_GINT64_FORMAT ", place %u: the engine scores client %" G_GINT64_FORMAT " %.12f, "
                 "SQL client %" G_GINT64_FORMAT " %.12f", vacancy, i + 1, e->client_id, e->score, q->client_id, q->score);
      if (e->client_id == q->client_id)
        continue;

      /* Each side's client is tied in the other list, or tied with its last place. */
      at = sql_position (sql, e->client_id);
      if (at >= 0 ? fabs (g_array_index (sql, WbMatchSqlResult, at).score - e->score) > tie : fabs (last - e->score) > tie)
        g_error ("vacancy %" G_GINT64_FORMAT ", place %u: the engine has client %" G_GINT64_FORMAT " (%.12f), SQL "
                 "has it at place %d", vacancy, i + 1, e->client_id, e->score, at + 1);
      at = -1;
      for (guint k = 0; k < engine->len && at < 0; k++)
        if (((WbMatchResult *) engine->pdata[k])->client_id == q->client_id)
          at = (int) k;
      if (at >= 0 ? fabs (((WbMatchResult *) engine->pdata[at])->score - q->score) > tie
                  : fabs (((WbMatchResult *) engine->pdata[engine->len - 1])->score - q->score) > tie)
        g_error ("vacancy %" G_GINT64_FORMAT ", place %u: SQL has client %" G_GINT64_FORMAT " (%.12f), the engine "
                 "has it at place %d", vacancy, i + 1, q->client_id, q->score, at + 1);
    }
}

/* On a generated region of its own: the engine loaded from the store and the
 * straightforward SQL over the same store rank the same top 50 for a sample of the open
 * vacancies. */
static void
test_engine_equals_sql (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fx.dir, "sql.db", NULL);
  g_autoptr(WbStore) store = NULL;
  g_autoptr(WbMatchEngine) engine = NULL;
  g_autoptr(GArray) open = g_array_new (FALSE, FALSE, sizeof (gint64));
  WbDemoOptions demo = { .n_clients = 3000, .n_employers = 400, .n_vacancies = 300, .seed = 23 };
  WbMatchOptions options;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n_samples = 20, n_ties = 0, n_distances = 0;

  store = wb_store_open (path, &error);
  g_assert_no_error (error);
  if (fx.pc4 != NULL)
    {
      g_autoptr(WbImportReport) report = wb_import_report_new ();

      g_assert_true (wb_import_pc4 (store, fx.pc4, report, &error));
      g_assert_no_error (error);
    }
  g_assert_true (wb_demo_generate (store, &demo, &error));
  g_assert_no_error (error);
  engine = load_from (store, NULL);

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id FROM vacancies WHERE status = 'open' ORDER BY id", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (open, id);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpuint (open->len, >=, n_samples);

  wb_match_options_init (&options);
  options.limit = 50;
  options.explain = FALSE;
  for (guint s = 0; s < n_samples; s++)
    {
      gint64 vacancy = g_array_index (open, gint64, (guint) ((guint64) s * (open->len - 1) / (n_samples - 1)));
      g_autoptr(GPtrArray) ranked = NULL;
      g_autoptr(GArray) sql = NULL;

      ranked = wb_match_engine_rank_candidates (engine, vacancy, &options, &error);
      g_assert_no_error (error);
      sql = wb_match_sql_rank_candidates (store, vacancy, &options.weights, TODAY, 50, &error);
      g_assert_no_error (error);
      g_assert_nonnull (sql);
      g_assert_cmpuint (sql->len, ==, 50);
      assert_same_top (vacancy, ranked, sql);

      /* A list of one score throughout would prove little. */
      g_assert_cmpfloat (g_array_index (sql, WbMatchSqlResult, 0).score, >,
                         g_array_index (sql, WbMatchSqlResult, sql->len - 1).score);
      for (guint i = 0; i < ranked->len; i++)
        {
          n_ties += ((WbMatchResult *) ranked->pdata[i])->client_id != g_array_index (sql, WbMatchSqlResult, i).client_id;
          n_distances += ((WbMatchResult *) ranked->pdata[i])->distance_km >= 0;
        }
    }
  if (fx.pc4 != NULL)
    g_assert_cmpuint (n_distances, >, 0);
  g_test_message ("%u vacancies, %u places where tied clients swapped, %u pairs with a distance",
                  n_samples, n_ties, n_distances);

  g_clear_object (&store);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  WbDemoOptions options = { .n_clients = 800, .n_employers = 120, .n_vacancies = 60, .seed = 11 };
  const char *data;
  int status;

  g_test_init (&argc, &argv, NULL);

  fx.dir = wb_test_make_dir ();
  fx.path = g_build_filename (fx.dir, "loader.db", NULL);
  fx.store = wb_store_open (fx.path, &error);
  g_assert_no_error (error);
  /* With the PC4 centres when they are there, so that distances are known. */
  data = g_getenv ("WB_SHARED_DATA");
  if (data != NULL)
    {
      g_autofree char *pc4 = g_build_filename (data, "pc4", "pc4_nl.csv", NULL);
      g_autoptr(WbImportReport) report = wb_import_report_new ();

      if (g_file_test (pc4, G_FILE_TEST_IS_REGULAR))
        {
          g_assert_true (wb_import_pc4 (fx.store, pc4, report, &error));
          g_assert_no_error (error);
          fx.have_pc4 = TRUE;
          fx.pc4 = g_steal_pointer (&pc4);
        }
    }
  g_assert_true (wb_demo_generate (fx.store, &options, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open_v2 (fx.path, &fx.db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);

  g_test_add_func ("/store/match-loader/load-counts", test_load_counts);
  g_test_add_func ("/store/match-loader/known-record", test_known_record);
  g_test_add_func ("/store/match-loader/index-follows-writes", test_index_follows_writes);
  g_test_add_func ("/store/match-loader/engine-equals-sql-top-50", test_engine_equals_sql);

  status = g_test_run ();

  sqlite3_close (fx.db);
  g_clear_object (&fx.store);
  wb_test_remove_dir (fx.dir);
  g_free (fx.pc4);
  g_free (fx.path);
  g_free (fx.dir);
  return status;
}
