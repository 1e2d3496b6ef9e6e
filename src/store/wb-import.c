/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wb-csv.h"
#include "wb-import.h"
#include "wb-store-private.h"

#define MAX_REPORT_ROWS 5000

static void
import_row_free (WbImportRow *row)
{
  g_free (row->key);
  g_free (row->name);
  g_free (row->message);
  g_free (row);
}

WbImportReport *
wb_import_report_new (void)
{
  WbImportReport *report = g_new0 (WbImportReport, 1);

  report->messages = g_ptr_array_new_with_free_func (g_free);
  report->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) import_row_free);
  report->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  return report;
}

void
wb_import_report_free (WbImportReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->messages, g_ptr_array_unref);
  g_clear_pointer (&report->rows, g_ptr_array_unref);
  g_clear_pointer (&report->ids, g_array_unref);
  g_free (report);
}

static void
note_row (WbImportReport  *report,
          guint            line,
          WbImportOutcome  outcome,
          const char      *key,
          const char      *name,
          gint64           id,
          const char      *message)
{
  WbImportRow *row;

  if (report->rows->len >= MAX_REPORT_ROWS)
    return;
  row = g_new0 (WbImportRow, 1);
  row->line = line;
  row->outcome = outcome;
  row->key = key != NULL && *key != '\0' ? g_strdup (key) : NULL;
  row->name = name != NULL && *name != '\0' ? g_strdup (name) : NULL;
  row->id = id;
  row->message = g_strdup (message);
  g_ptr_array_add (report->rows, row);
}

/* A refused row: counted, described, and listed with its key and name when known. */
G_GNUC_PRINTF (5, 6)
static void
refuse_row (WbImportReport *report,
            guint           line,
            const char     *key,
            const char     *name,
            const char     *format,
            ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  /* Keep the report readable on huge files: the first thousand problems are listed. */
  if (report->messages->len < 1000)
    g_ptr_array_add (report->messages, g_strdup_printf (_("line %u: %s"), line, text));
  note_row (report, line, WB_IMPORT_ROW_REFUSED, key, name, 0, text);
  report->n_failed++;
}


static gboolean
require_columns (WbCsv              *csv,
                 const char         *path,
                 const char * const *names,
                 int                *columns,
                 GError            **error)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      columns[i] = wb_csv_column (csv, names[i]);
      if (columns[i] < 0)
        {
          g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID,
                       _("%s has no column “%s”; nothing was imported"), path, names[i]);
          return FALSE;
        }
    }
  return TRUE;
}

/* PC4 centres */

gboolean
wb_import_pc4 (WbStore         *store,
               const char      *path,
               WbImportReport  *report,
               GError         **error)
{
  static const char * const names[] = { "pc4", "lat", "lon", "municipality", NULL };
  g_autoptr(WbCsv) csv = NULL;
  g_autoptr(GError) read_error = NULL;
  int col[4];
  sqlite3_stmt *stmt;
  gint64 before, added;
  guint n_read = 0, n_failed = 0;

  g_return_val_if_fail (WB_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  csv = wb_csv_open (path, error);
  if (csv == NULL || !require_columns (csv, path, names, col, error))
    return FALSE;

  before = wb_store_count (store, "pc4_areas");
  if (!wb_store_begin (store, error))
    return FALSE;
  stmt = _wb_store_prepare (store,
                            "INSERT INTO pc4_areas (pc4, lat, lon, municipality) VALUES (?1, ?2, ?3, ?4) "
                            "ON CONFLICT (pc4) DO UPDATE SET lat = excluded.lat, lon = excluded.lon, "
                            "municipality = excluded.municipality", error);
  if (stmt == NULL)
    goto fail;

  while (wb_csv_next (csv, &read_error))
    {
      const char *pc4 = wb_csv_get (csv, col[0]);
      double lat, lon;

      n_read++;
      if (!wb_validate_pc4 (pc4))
        {
          refuse_row (report, wb_csv_get_line (csv), NULL, NULL, _("pc4: “%s” is not four digits"), pc4);
          n_failed++;
          continue;
        }
      if (!wb_csv_parse_number (wb_csv_get (csv, col[1]), &lat) || lat < -90 || lat > 90 ||
          !wb_csv_parse_number (wb_csv_get (csv, col[2]), &lon) || lon < -180 || lon > 180)
        {
          refuse_row (report, wb_csv_get_line (csv), NULL, NULL, _("lat/lon: not a position"));
          n_failed++;
          continue;
        }
      sqlite3_bind_text (stmt, 1, pc4, -1, SQLITE_TRANSIENT);
      sqlite3_bind_double (stmt, 2, lat);
      sqlite3_bind_double (stmt, 3, lon);
      sqlite3_bind_text (stmt, 4, wb_csv_get (csv, col[3]), -1, SQLITE_TRANSIENT);
      if (!_wb_store_step_done (store, stmt, error))
        goto fail;
    }
  /* Reference data is all or nothing: a broken file changes no area. */
  if (read_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&read_error));
      goto fail;
    }
  if (!wb_store_commit (store, error))
    return FALSE;

  added = wb_store_count (store, "pc4_areas") - before;
  report->n_read += n_read;
  report->n_imported += added;
  report->n_updated += n_read - n_failed - added;
  return TRUE;

fail:
  wb_store_rollback (store);
  return FALSE;
}

/* CBS social-assistance figures */

/* A count as CBS writes it: a whole number, or "." / "" where it publishes none (-1). */
static gboolean
parse_cbs_count (const char *text,
                 gint64     *value)
{
  double number;

  if (*text == '\0' || strcmp (text, ".") == 0)
    {
      *value = -1;
      return TRUE;
    }
  if (!wb_csv_parse_number (text, &number) || number < 0 || number > 1e9 || number != (gint64) number)
    return FALSE;
  *value = (gint64) number;
  return TRUE;
}

static void
bind_count (sqlite3_stmt *stmt,
            int           index,
            gint64        value)
{
  if (value >= 0)
    sqlite3_bind_int64 (stmt, index, value);
  else
    sqlite3_bind_null (stmt, index);
}

gboolean
_wb_import_cbs_rows (WbStore         *store,
                     const char      *path,
                     const char      *stamp,
                     WbImportReport  *report,
                     GError         **error)
{
  static const char * const names[] = { "year", "gemeentecode", "gemeente", "bijstandsontvangers", "uitstroom_naar_werk", NULL };
  static const char * const optional[] = {
    "regio", "inwoners_15plus", "bijstandsdichtheid_per_1000", "personen_met_reintegratievoorziening", "wsw_werknemers", NULL
  };
  g_autoptr(WbCsv) csv = NULL;
  g_autoptr(GError) read_error = NULL;
  int col[5], opt[5];
  sqlite3_stmt *stmt;
  gint64 before, added;
  guint n_read = 0, n_failed = 0;

  csv = wb_csv_open (path, error);
  if (csv == NULL || !require_columns (csv, path, names, col, error))
    return FALSE;
  for (guint i = 0; optional[i] != NULL; i++)
    opt[i] = wb_csv_column (csv, optional[i]);

  before = wb_store_count (store, "cbs_social_assistance");
  stmt = _wb_store_prepare (store,
                            "INSERT INTO cbs_social_assistance (year, municipality_code, municipality, region, "
                            "inhabitants_15plus, recipients, density_per_1000, outflow_to_work, reintegration, "
                            "wsw_employees, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
                            "ON CONFLICT (year, municipality_code) DO UPDATE SET municipality = excluded.municipality, "
                            "region = excluded.region, inhabitants_15plus = excluded.inhabitants_15plus, "
                            "recipients = excluded.recipients, density_per_1000 = excluded.density_per_1000, "
                            "outflow_to_work = excluded.outflow_to_work, reintegration = excluded.reintegration, "
                            "wsw_employees = excluded.wsw_employees", error);
  if (stmt == NULL)
    return FALSE;

  while (wb_csv_next (csv, &read_error))
    {
      const char *year_text = wb_csv_get (csv, col[0]);
      const char *code = wb_csv_get (csv, col[1]);
      const char *name = wb_csv_get (csv, col[2]);
      gint64 year, counts[5] = { -1, -1, -1, -1, -1 };
      double density = -1;
      const char *density_text = opt[2] >= 0 ? wb_csv_get (csv, opt[2]) : "";

      n_read++;
      if (strlen (year_text) != 4 || !g_ascii_string_to_signed (year_text, 10, 1990, 2100, &year, NULL))
        {
          refuse_row (report, wb_csv_get_line (csv), code, name, _("year: “%s” is not a year"), year_text);
          n_failed++;
          continue;
        }
      if (strlen (code) != 6 || !g_str_has_prefix (code, "GM") || !g_ascii_isdigit (code[2]) ||
          !g_ascii_isdigit (code[3]) || !g_ascii_isdigit (code[4]) || !g_ascii_isdigit (code[5]) || *name == '\0')
        {
          refuse_row (report, wb_csv_get_line (csv), code, name,
                      _("gemeentecode: “%s” is not a CBS municipality code such as GM0917"), code);
          n_failed++;
          continue;
        }
      if (!parse_cbs_count (wb_csv_get (csv, col[3]), &counts[0]) ||
          !parse_cbs_count (wb_csv_get (csv, col[4]), &counts[1]) ||
          (opt[1] >= 0 && !parse_cbs_count (wb_csv_get (csv, opt[1]), &counts[2])) ||
          (opt[3] >= 0 && !parse_cbs_count (wb_csv_get (csv, opt[3]), &counts[3])) ||
          (opt[4] >= 0 && !parse_cbs_count (wb_csv_get (csv, opt[4]), &counts[4])) ||
          (*density_text != '\0' && strcmp (density_text, ".") != 0 &&
           (!wb_csv_parse_number (density_text, &density) || density < 0)))
        {
          refuse_row (report, wb_csv_get_line (csv), code, name, _("a figure is not a number of 0 or more"));
          n_failed++;
          continue;
        }

      sqlite3_bind_int64 (stmt, 1, year);
      sqlite3_bind_text (stmt, 2, code, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, name, -1, SQLITE_TRANSIENT);
      if (opt[0] >= 0 && *wb_csv_get (csv, opt[0]) != '\0')
        sqlite3_bind_text (stmt, 4, wb_csv_get (csv, opt[0]), -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_null (stmt, 4);
      bind_count (stmt, 5, counts[2]);
      bind_count (stmt, 6, counts[0]);
      if (density >= 0)
        sqlite3_bind_double (stmt, 7, density);
      else
        sqlite3_bind_null (stmt, 7);
      bind_count (stmt, 8, counts[1]);
      bind_count (stmt, 9, counts[3]);
      bind_count (stmt, 10, counts[4]);
      sqlite3_bind_text (stmt, 11, stamp, -1, SQLITE_TRANSIENT);
      if (!_wb_store_step_done (store, stmt, error))
        return FALSE;
    }
  /* Reference data is all or nothing: a broken file changes no figure. */
  if (read_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&read_error));
      return FALSE;
    }

  added = wb_store_count (store, "cbs_social_assistance") - before;
  report->n_read += n_read;
  report->n_imported += added;
  report->n_updated += n_read - n_failed - added;
  return TRUE;
}

gboolean
wb_import_cbs (WbStore         *store,
               const char      *path,
               WbImportReport  *report,
               GError         **error)
{
  g_autofree char *now = wb_store_now ();

  g_return_val_if_fail (WB_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  if (!wb_store_begin (store, error))
    return FALSE;
  if (!_wb_import_cbs_rows (store, path, now, report, error))
    {
      wb_store_rollback (store);
      return FALSE;
    }
  return wb_store_commit (store, error);
}

/* ESCO */

typedef struct {
  WbStore *store;
  WbImportReport *report;
  GHashTable *competences;  /* uri -> id */
  GHashTable *occupations;  /* uri -> id */
  guint n_written;          /* rows inserted or updated, to tell updates from new rows */
} EscoImport;

typedef gboolean (*EscoFileFunc) (EscoImport  *import,
                                  const char  *path,
                                  gboolean     official,
                                  GError     **error);

static char *
join_alt_labels (const char *text)
{
  g_auto(GStrv) parts = g_regex_split_simple ("\\s*(?:\\||\\n)\\s*", text, 0, 0);
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    if (*g_strstrip (parts[i]) != '\0')
      g_ptr_array_add (kept, parts[i]);
  g_ptr_array_add (kept, NULL);
  return g_strjoinv (" | ", (char **) kept->pdata);
}

static gint64
upsert_competence (EscoImport  *import,
                   const char  *uri,
                   const char  *label_nl,
                   const char  *label_en,
                   const char  *kind,
                   GError     **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *now = NULL;
  gpointer known;
  gint64 id = 0;

  if (g_hash_table_lookup_extended (import->competences, uri, NULL, &known) && label_nl == NULL && label_en == NULL)
    return GPOINTER_TO_SIZE (known);

  now = wb_store_now ();
  stmt = _wb_store_prepare (import->store,
                            "INSERT INTO competences (uri, label_nl, label_en, kind, source, created_at) "
                            "VALUES (?1, ?2, ?3, ?4, 'esco', ?5) ON CONFLICT (uri) DO UPDATE SET "
                            "label_nl = coalesce (excluded.label_nl, label_nl), "
                            "label_en = coalesce (excluded.label_en, label_en), kind = excluded.kind "
                            "RETURNING id", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, uri, -1, SQLITE_TRANSIENT);
  if (label_nl != NULL && *label_nl != '\0')
    sqlite3_bind_text (stmt, 2, label_nl, -1, SQLITE_TRANSIENT);
  if (label_en != NULL && *label_en != '\0')
    sqlite3_bind_text (stmt, 3, label_en, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else
    _wb_store_set_error (import->store, error, "competence");
  sqlite3_reset (stmt);
  if (id > 0)
    {
      g_hash_table_insert (import->competences, g_strdup (uri), GSIZE_TO_POINTER (id));
      import->n_written++;
    }
  return id;
}

static const char *
skill_kind (const char *skill_type)
{
  if (g_str_has_prefix (skill_type, "knowledge"))
    return "knowledge";
  return "skill";
}

static gboolean
import_isco_groups (EscoImport  *import,
                    const char  *path,
                    gboolean     official G_GNUC_UNUSED,
                    GError     **error)
{
  static const char * const names[] = { "code", "preferredLabel", "conceptUri", NULL };
  g_autoptr(WbCsv) csv = wb_csv_open (path, error);
  sqlite3_stmt *stmt;
  int col[3];

  if (csv == NULL || !require_columns (csv, path, names, col, error))
    return FALSE;
  stmt = _wb_store_prepare (import->store,
                            "INSERT INTO isco_groups (code, label_nl, uri) VALUES (?1, ?2, ?3) "
                            "ON CONFLICT (code) DO UPDATE SET label_nl = excluded.label_nl, uri = excluded.uri",
                            error);
  if (stmt == NULL)
    return FALSE;
  while (wb_csv_next (csv, error))
    {
      sqlite3_bind_text (stmt, 1, wb_csv_get (csv, col[0]), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, wb_csv_get (csv, col[1]), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, wb_csv_get (csv, col[2]), -1, SQLITE_TRANSIENT);
      if (!_wb_store_step_done (import->store, stmt, error))
        return FALSE;
    }
  return error == NULL || *error == NULL;
}

static gboolean
import_occupations (EscoImport  *import,
                    const char  *path,
                    gboolean     official G_GNUC_UNUSED,
                    GError     **error)
{
  static const char * const names[] = { "conceptUri", "iscoGroup", "preferredLabel", NULL };
  g_autoptr(WbCsv) csv = wb_csv_open (path, error);
  g_autofree char *now = wb_store_now ();
  sqlite3_stmt *stmt;
  int col[3], code_col, alt_col;

  if (csv == NULL || !require_columns (csv, path, names, col, error))
    return FALSE;
  code_col = wb_csv_column (csv, "code");
  alt_col = wb_csv_column (csv, "altLabels");

  stmt = _wb_store_prepare (import->store,
                            "INSERT INTO occupations (uri, code, isco_group, label_nl, alt_labels, source, created_at) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, 'esco', ?6) ON CONFLICT (uri) DO UPDATE SET "
                            "code = excluded.code, isco_group = excluded.isco_group, label_nl = excluded.label_nl, "
                            "alt_labels = excluded.alt_labels RETURNING id", error);
  if (stmt == NULL)
    return FALSE;

  while (wb_csv_next (csv, error))
    {
      const char *uri = wb_csv_get (csv, col[0]);
      const char *label = wb_csv_get (csv, col[2]);
      g_autofree char *alt = alt_col >= 0 ? join_alt_labels (wb_csv_get (csv, alt_col)) : NULL;

      import->report->n_read++;
      if (*uri == '\0' || *label == '\0')
        {
          refuse_row (import->report, wb_csv_get_line (csv), NULL, NULL, _("an occupation needs a conceptUri and a preferredLabel"));
          continue;
        }
      /* The statement is reused row after row: every parameter is bound, NULL included. */
      sqlite3_clear_bindings (stmt);
      sqlite3_bind_text (stmt, 1, uri, -1, SQLITE_TRANSIENT);
      if (code_col >= 0)
        sqlite3_bind_text (stmt, 2, wb_csv_get (csv, code_col), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, wb_csv_get (csv, col[1]), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, label, -1, SQLITE_TRANSIENT);
      if (alt != NULL && *alt != '\0')
        sqlite3_bind_text (stmt, 5, alt, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 6, now, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          _wb_store_set_error (import->store, error, "occupation");
          sqlite3_reset (stmt);
          return FALSE;
        }
      g_hash_table_insert (import->occupations, g_strdup (uri), GSIZE_TO_POINTER (sqlite3_column_int64 (stmt, 0)));
      sqlite3_reset (stmt);
      import->n_written++;
    }
  return error == NULL || *error == NULL;
}

static gboolean
import_skills (EscoImport  *import,
               const char  *path,
               gboolean     official,
               GError     **error)
{
  g_autoptr(WbCsv) csv = wb_csv_open (path, error);
  int uri_col, nl_col, en_col, type_col;

  if (csv == NULL)
    return FALSE;
  uri_col = wb_csv_column (csv, "conceptUri");
  nl_col = wb_csv_column (csv, official ? "preferredLabel" : "preferredLabelNl");
  en_col = official ? -1 : wb_csv_column (csv, "preferredLabelEn");
  type_col = wb_csv_column (csv, "skillType");
  if (uri_col < 0 || nl_col < 0)
    {
      g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID,
                   _("%s has no conceptUri or preferred label column; nothing was imported"), path);
      return FALSE;
    }

  while (wb_csv_next (csv, error))
    {
      const char *uri = wb_csv_get (csv, uri_col);

      import->report->n_read++;
      if (*uri == '\0')
        {
          refuse_row (import->report, wb_csv_get_line (csv), NULL, NULL, _("a skill needs a conceptUri"));
          continue;
        }
      if (upsert_competence (import, uri, wb_csv_get (csv, nl_col), en_col >= 0 ? wb_csv_get (csv, en_col) : NULL,
                             skill_kind (wb_csv_get (csv, type_col)), error) == 0)
        return FALSE;
    }
  return error == NULL || *error == NULL;
}

static gboolean
import_links (EscoImport  *import,
              const char  *path,
              gboolean     official G_GNUC_UNUSED,
              GError     **error)
{
  g_autoptr(WbCsv) csv = wb_csv_open (path, error);
  sqlite3_stmt *stmt;
  int occupation_col, relation_col, uri_col, en_col, nl_col;

  if (csv == NULL)
    return FALSE;
  occupation_col = wb_csv_column (csv, "occupationUri");
  relation_col = wb_csv_column (csv, "relationType");
  uri_col = wb_csv_column (csv, "skillUri");
  en_col = wb_csv_column (csv, "skillLabelEn");
  nl_col = wb_csv_column (csv, "skillLabelNl");
  if (occupation_col < 0 || relation_col < 0 || uri_col < 0)
    {
      g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID,
                   _("%s has no occupationUri, relationType or skillUri column; nothing was imported"), path);
      return FALSE;
    }

  stmt = NULL;
  while (wb_csv_next (csv, error))
    {
      const char *occupation = wb_csv_get (csv, occupation_col);
      const char *skill_uri = wb_csv_get (csv, uri_col);
      const char *label_en = wb_csv_get (csv, en_col);
      g_autofree char *synthetic = NULL;
      gpointer occupation_id;
      gint64 competence_id;

      import->report->n_read++;
      if (!g_hash_table_lookup_extended (import->occupations, occupation, NULL, &occupation_id))
        {
          refuse_row (import->report, wb_csv_get_line (csv), NULL, NULL, _("occupation %s is not known"), occupation);
          continue;
        }

      /* A skill outside the imported collections has only an English label: it gets a
       * stable address of its own so that a second import finds it again. */
      if (*skill_uri == '\0')
        {
          if (*label_en == '\0')
            {
              refuse_row (import->report, wb_csv_get_line (csv), NULL, NULL, _("a link needs a skillUri or an English label"));
              continue;
            }
          skill_uri = synthetic = g_strconcat ("urn:werkbrug:esco-skill-en:", label_en, NULL);
          competence_id = upsert_competence (import, skill_uri, NULL, g_hash_table_contains (import->competences, skill_uri) ? NULL : label_en,
                                             "skill", error);
        }
      else if (g_hash_table_contains (import->competences, skill_uri))
        competence_id = GPOINTER_TO_SIZE (g_hash_table_lookup (import->competences, skill_uri));
      else if (*label_en == '\0' && *wb_csv_get (csv, nl_col) == '\0')
        {
          /* The ESCO download names its skills only in skills_nl.csv: a skill that is not
           * there would be a competence without a name. */
          refuse_row (import->report, wb_csv_get_line (csv), NULL, NULL, _("skill %s is not known"), skill_uri);
          continue;
        }
      else
        competence_id = upsert_competence (import, skill_uri, wb_csv_get (csv, nl_col), label_en, "skill", error);
      if (competence_id == 0)
        return FALSE;

      stmt = _wb_store_prepare (import->store,
                                "INSERT INTO occupation_competences (occupation_id, competence_id, essential) "
                                "VALUES (?1, ?2, ?3) ON CONFLICT (occupation_id, competence_id) DO UPDATE SET "
                                "essential = max (essential, excluded.essential)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, GPOINTER_TO_SIZE (occupation_id));
      sqlite3_bind_int64 (stmt, 2, competence_id);
      sqlite3_bind_int (stmt, 3, g_ascii_strcasecmp (wb_csv_get (csv, relation_col), "essential") == 0);
      if (!_wb_store_step_done (import->store, stmt, error))
        return FALSE;
      import->n_written++;
    }
  return error == NULL || *error == NULL;
}

static void
load_existing (WbStore    *store,
               const char *sql,
               GHashTable *into)
{
  sqlite3_stmt *stmt = _wb_store_prepare (store, sql, NULL);

  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
      g_hash_table_insert (into, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                           GSIZE_TO_POINTER (sqlite3_column_int64 (stmt, 1)));
  if (stmt != NULL)
    sqlite3_reset (stmt);
}

/* One transaction per file: a broken file leaves the tables as the files before it made
 * them, and a second run starts where it stopped, since every write is an upsert. */
static gboolean
import_esco_file (EscoImport    *import,
                  EscoFileFunc   func,
                  const char    *path,
                  gboolean       official,
                  GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!wb_store_begin (import->store, error))
    return FALSE;
  if (!func (import, path, official, &local_error))
    {
      wb_store_rollback (import->store);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return wb_store_commit (import->store, error);
}

static char *
find_file (const char         *directory,
           const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (directory, names[i], NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&path);
    }
  return NULL;
}

gboolean
wb_import_esco (WbStore         *store,
                const char      *directory,
                WbImportReport  *report,
                GError         **error)
{
  static const char * const occupation_names[] = { "occupations_nl.csv", NULL };
  static const char * const group_names[] = { "isco08_groups_nl.csv", "ISCOGroups_nl.csv", NULL };
  static const char * const official_skill_names[] = { "skills_nl.csv", NULL };
  static const char * const reduced_skill_names[] = { "skills_nl_collections.csv", NULL };
  static const char * const official_link_names[] = { "occupationSkillRelations_nl.csv", NULL };
  static const char * const reduced_link_names[] = { "occupation_skills.csv", NULL };
  g_autofree char *occupations = NULL, *groups = NULL, *skills = NULL, *links = NULL;
  EscoImport import = { store, report, NULL, NULL, 0 };
  gint64 before;
  gboolean official, ok;

  g_return_val_if_fail (WB_IS_STORE (store), FALSE);
  g_return_val_if_fail (directory != NULL, FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  /* The ESCO download has skills_nl.csv; the reduced set of ../shared/data has not. */
  occupations = find_file (directory, occupation_names);
  groups = find_file (directory, group_names);
  skills = find_file (directory, official_skill_names);
  official = skills != NULL;
  if (official)
    links = find_file (directory, official_link_names);
  else
    {
      skills = find_file (directory, reduced_skill_names);
      links = find_file (directory, reduced_link_names);
    }
  if (occupations == NULL || skills == NULL || links == NULL)
    {
      g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID,
                   _("%s does not hold the ESCO files: occupations_nl.csv with either skills_nl.csv and "
                     "occupationSkillRelations_nl.csv (the ESCO download) or skills_nl_collections.csv and "
                     "occupation_skills.csv"), directory);
      return FALSE;
    }

  import.competences = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import.occupations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  before = wb_store_count (store, "occupations") + wb_store_count (store, "competences") +
           wb_store_count (store, "occupation_competences");

  load_existing (store, "SELECT uri, id FROM competences", import.competences);
  ok = (groups == NULL || import_esco_file (&import, import_isco_groups, groups, official, error)) &&
       import_esco_file (&import, import_occupations, occupations, official, error) &&
       import_esco_file (&import, import_skills, skills, official, error) &&
       import_esco_file (&import, import_links, links, official, error);

  if (ok)
    {
      gint64 added = wb_store_count (store, "occupations") + wb_store_count (store, "competences") +
                     wb_store_count (store, "occupation_competences") - before;

      report->n_imported += added;
      report->n_updated += import.n_written > added ? import.n_written - added : 0;
    }
  g_hash_table_unref (import.competences);
  g_hash_table_unref (import.occupations);
  return ok;
}

/* Clients and employers */

static gint64
lookup_id (WbStore    *store,
           const char *sql,
           const char *text)
{
  sqlite3_stmt *stmt = _wb_store_prepare (store, sql, NULL);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

/* Maps what people write in a spreadsheet to the model's codes: "MBO 2" -> "mbo2",
 * "Participatiewet" -> "participatiewet", or a Dutch label through @aliases. */
static char *
to_code (const char         *text,
         const char * const *values,
         const char * const *aliases)
{
  g_autofree char *lower = g_utf8_strdown (text, -1);
  GString *code = g_string_new (NULL);

  for (guint i = 0; aliases != NULL && aliases[i] != NULL; i += 2)
    if (strcmp (lower, aliases[i]) == 0)
      {
        g_string_free (code, TRUE);
        return g_strdup (aliases[i + 1]);
      }
  for (const char *p = lower; *p; p++)
    if (*p == ' ' || *p == '-' || *p == '/')
      {
        if (code->len > 0 && code->str[code->len - 1] != '_' && !g_ascii_isdigit (p[1]))
          g_string_append_c (code, '_');
      }
    else
      g_string_append_c (code, *p);
  if (!wb_enum_contains (values, code->str))
    {
      g_string_free (code, TRUE);
      return NULL;
    }
  return g_string_free (code, FALSE);
}

static const char * const client_group_aliases[] = {
  "bijstand", "participatiewet", "pw", "participatiewet", "uwv ww", "ww",
  "nieuw beschut", "nieuw_beschut", "beschut werk", "nieuw_beschut",
  "statushouders", "statushouder", "schoolverlater", "school_leaver", "vso", "school_leaver",
  "pro", "school_leaver", "vsv", "school_leaver", "niet-uitkeringsgerechtigde", "nugger",
  "nuggers", "nugger", "doelgroepregister", "doelgroepregister", NULL
};

static const char * const education_aliases[] = {
  "geen", "none", "basisonderwijs", "primary", "havo", "havo_vwo", "vwo", "havo_vwo",
  "mbo-1", "mbo1", "mbo-2", "mbo2", "mbo-3", "mbo3", "mbo-4", "mbo4", NULL
};

static const char * const sector_aliases[] = {
  "zorg", "care", "zorg en welzijn", "care", "horeca", "hospitality", "detailhandel", "retail",
  "logistiek", "logistics", "productie", "manufacturing", "industrie", "manufacturing",
  "bouw", "construction", "schoonmaak", "cleaning", "groen", "green", "klantcontact", "customer_service",
  "automotive", "automotive", "techniek", "technology", "smart services", "smart_services",
  "medische logistiek", "medical_logistics", "leisure", "leisure", "recreatie", "leisure",
  "onderwijs", "education", "overheid", "government", "zakelijke dienstverlening", "business_services",
  "landbouw", "agriculture", NULL
};

static const char * const phase_aliases[] = {
  "intake", "intake", "diagnose", "diagnosis", "activering", "activation", "ontwikkeling", "development",
  "werkfit", "work_ready", "geplaatst", "placed", "nazorg", "after_care", "uitstroom", "outflow", NULL
};

typedef struct {
  WbCsv *csv;
  JsonObject *object;
  GPtrArray *errors;   /* WbFieldError */
  GHashTable *columns; /* field -> its column + 1: where the user's file has it */
} RowBuilder;

/* The record's @field comes from @column of the file: a message about it names that
 * column as the file's header does. */
static void
note_column (RowBuilder *row,
             const char *field,
             int         column)
{
  if (column < 0)
    return;
  if (row->columns == NULL)
    row->columns = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (row->columns, (gpointer) field, GINT_TO_POINTER (column + 1));
}

static void
row_builder_clear (RowBuilder *row)
{
  g_clear_pointer (&row->columns, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RowBuilder, row_builder_clear)

/* "column Postcode: …": a message about a field in the words of the user's file. A field
 * no column gave (one Werkbrug fills in) keeps its name. */
static char *
column_message (WbCsv      *csv,
                GHashTable *columns,
                const char *field,
                const char *message)
{
  int column = columns != NULL ? GPOINTER_TO_INT (g_hash_table_lookup (columns, field)) - 1 : -1;
  const char *header = wb_csv_get_header (csv, column);

  if (header != NULL && *header != '\0')
    /* TRANSLATORS: a problem in a column of an imported file: its header, and the problem */
    return g_strdup_printf (_("column %s: %s"), header, message);
  return g_strdup_printf ("%s: %s", field, message);
}

/* A refused row of a file a user imports (clients, employers): "row 14, column Postcode: …"
 * in the report's messages, and "column Postcode: …" on the report's row. */
static void
refuse_user_row (WbImportReport *report,
                 guint           line,
                 const char     *key,
                 const char     *name,
                 gboolean        about_a_column,
                 const char     *text)
{
  if (report->messages->len < 1000)
    g_ptr_array_add (report->messages, about_a_column ?
                     /* TRANSLATORS: a refused row of an imported file: its row and "column X: what is wrong" */
                     g_strdup_printf (_("row %u, %s"), line, text) :
                     /* TRANSLATORS: a refused row of an imported file: its row and what is wrong with it */
                     g_strdup_printf (_("row %u: %s"), line, text));
  note_row (report, line, WB_IMPORT_ROW_REFUSED, key, name, 0, text);
  report->n_failed++;
}

static void
row_error (RowBuilder *row,
           const char *field,
           char       *message)
{
  WbFieldError *error = g_new0 (WbFieldError, 1);

  error->field = g_strdup (field);
  error->message = message;
  g_ptr_array_add (row->errors, error);
}

static void
set_text (RowBuilder         *row,
          int                 column,
          const char         *field)
{
  const char *text = wb_csv_get (row->csv, column);

  note_column (row, field, column);
  if (column >= 0 && *text != '\0')
    json_object_set_string_member (row->object, field, text);
}

static void
set_int (RowBuilder *row,
         int         column,
         const char *field)
{
  const char *text = wb_csv_get (row->csv, column);
  double value;

  note_column (row, field, column);
  if (column < 0 || *text == '\0')
    return;
  /* In a whole number a dot before three digits groups thousands, as Dutch writes
   * "1.250 medewerkers". */
  if (g_regex_match_simple ("^[0-9]{1,3}(\\.[0-9]{3})+$", text, 0, 0))
    {
      g_autoptr(GString) clean = g_string_new (NULL);

      for (const char *p = text; *p; p++)
        if (*p != '.')
          g_string_append_c (clean, *p);
      value = g_ascii_strtod (clean->str, NULL);
    }
  else if (!wb_csv_parse_number (text, &value))
    {
      row_error (row, field, g_strdup_printf (_("“%s” is not a number"), text));
      return;
    }
  json_object_set_int_member (row->object, field, (gint64) (value + (value >= 0 ? 0.5 : -0.5)));
}

/* "62,5", "62,5%" and "0,625" (a percentage cell written as a fraction) -> 63. */
static void
set_percent (RowBuilder *row,
             int         column,
             const char *field)
{
  const char *text = wb_csv_get (row->csv, column);
  double value;

  note_column (row, field, column);
  if (column < 0 || *text == '\0')
    return;
  if (!wb_csv_parse_number (text, &value))
    {
      row_error (row, field, g_strdup_printf (_("“%s” is not a percentage"), text));
      return;
    }
  if (value > 0 && value < 1 && strchr (text, '%') == NULL)
    value *= 100;
  json_object_set_int_member (row->object, field, (gint64) (value + (value >= 0 ? 0.5 : -0.5)));
}

/* Excel reads a BSN or KvK number as a number and drops its leading zeros. */
static char *
restore_leading_zeros (const char *text,
                       guint       length)
{
  gsize n = strlen (text);

  if (n + 2 < length || n >= length || strspn (text, "0123456789") != n)
    return g_strdup (text);
  return g_strdup_printf ("%0*d%s", (int) (length - n), 0, text);
}

static void
set_code (RowBuilder         *row,
          int                 column,
          const char         *field,
          const char * const *values,
          const char * const *aliases)
{
  const char *text = wb_csv_get (row->csv, column);
  g_autofree char *code = NULL;

  note_column (row, field, column);
  if (column < 0 || *text == '\0')
    return;
  code = to_code (text, values, aliases);
  if (code == NULL)
    row_error (row, field, g_strdup_printf (_("“%s” is not a known value"), text));
  else
    json_object_set_string_member (row->object, field, code);
}

static void
set_date (RowBuilder *row,
          int         column,
          const char *field)
{
  const char *text = wb_csv_get (row->csv, column);
  g_autofree char *iso = NULL;

  note_column (row, field, column);
  if (column < 0 || *text == '\0')
    return;
  iso = wb_csv_parse_date (text);
  if (iso == NULL)
    row_error (row, field, g_strdup_printf (_("“%s” is not a date"), text));
  else
    json_object_set_string_member (row->object, field, iso);
}

static void
set_bool (RowBuilder *row,
          int         column,
          const char *field)
{
  const char *text = wb_csv_get (row->csv, column);
  gboolean value;

  note_column (row, field, column);
  if (column < 0)
    return;
  if (!wb_csv_parse_bool (text, &value))
    row_error (row, field, g_strdup_printf (_("“%s” is not ja or nee"), text));
  else
    json_object_set_boolean_member (row->object, field, value);
}

/* Postcode "6411 AB" fills the postcode and its area; a bare "6411" only the area. */
static void
set_postcode (RowBuilder *row,
              int         column,
              gboolean    keep_full)
{
  g_autofree char *text = NULL;

  note_column (row, "postcode", column);
  note_column (row, "pc4", column);
  if (column < 0)
    return;
  text = g_ascii_strup (wb_csv_get (row->csv, column), -1);
  if (*text == '\0')
    return;
  if (strlen (text) >= 4)
    {
      g_autofree char *pc4 = g_strndup (text, 4);

      json_object_set_string_member (row->object, "pc4", pc4);
    }
  if (keep_full && strlen (text) > 4)
    {
      if (!wb_validate_postcode (text))
        row_error (row, "postcode", g_strdup_printf (_("“%s” is not a Dutch postcode"), text));
      else
        {
          g_autofree char *normal = g_strdup_printf ("%.4s %s", text, text + strlen (text) - 2);

          json_object_set_string_member (row->object, "postcode", normal);
        }
    }
}

static void
set_municipality (RowBuilder *row,
                  WbStore    *store,
                  int         column)
{
  const char *text = wb_csv_get (row->csv, column);
  gint64 id;

  note_column (row, "municipality", column);
  note_column (row, "municipality_id", column);
  if (column < 0 || *text == '\0')
    return;
  id = lookup_id (store, "SELECT id FROM municipalities WHERE name = ?1 COLLATE NOCASE OR code = ?1", text);
  if (id == 0)
    row_error (row, "municipality", g_strdup_printf (_("“%s” is not a municipality in Werkbrug"), text));
  else
    json_object_set_int_member (row->object, "municipality_id", id);
}

static void
report_errors (WbImportReport *report,
               RowBuilder     *row,
               guint           line,
               const char     *key,
               const char     *name)
{
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean first_has_column = FALSE;

  for (guint i = 0; i < row->errors->len; i++)
    {
      WbFieldError *error = row->errors->pdata[i];
      g_autofree char *message = column_message (row->csv, row->columns, error->field, error->message);

      if (i == 0)
        first_has_column = row->columns != NULL && g_hash_table_contains (row->columns, error->field);
      g_string_append_printf (text, "%s%s", i > 0 ? "; " : "", message);
    }
  refuse_user_row (report, line, key, name, first_has_column, text->str);
}

/* Writes one row inside a savepoint, so that a failing row leaves nothing behind while
 * the rows before it stay. */
static gboolean
write_row (WbStore     *store,
           WbResource   resource,
           gint64       existing_id,
           JsonObject  *object,
           gint64      *id,
           GError     **error)
{
  gboolean ok;

  if (!_wb_store_exec (store, "SAVEPOINT import_row", error))
    return FALSE;
  /* The import holds the write lock, so no one changes the row between the lookup and
   * this update: no version to compare. */
  if (existing_id > 0)
    {
      ok = wb_store_update (store, resource, existing_id, 0, object, error);
      if (id != NULL)
        *id = existing_id;
    }
  else
    {
      gint64 new_id = wb_store_insert (store, resource, object, error);

      ok = new_id != 0;
      if (id != NULL)
        *id = new_id;
    }

  if (!ok)
    {
      _wb_store_exec (store, "ROLLBACK TO import_row", NULL);
      _wb_store_exec (store, "RELEASE import_row", NULL);
      return FALSE;
    }
  return _wb_store_exec (store, "RELEASE import_row", error);
}

/* A row may have more fields than the header when the extra ones are empty: Excel leaves
 * trailing delimiters behind after a column was cleared. */
static gboolean
row_fits_header (WbCsv *csv)
{
  guint n_fields = wb_csv_get_n_fields (csv);
  guint n_columns = wb_csv_get_n_columns (csv);

  if (n_fields < n_columns)
    return FALSE;
  for (guint i = n_columns; i < n_fields; i++)
    if (*wb_csv_get (csv, (int) i) != '\0')
      return FALSE;
  return TRUE;
}

typedef gboolean (*RowFunc) (WbStore        *store,
                             WbCsv          *csv,
                             const int      *columns,
                             gpointer        user_data,
                             GHashTable     *seen,
                             WbImportReport *report,
                             GError        **error);

/* Where each of the columns stands in @csv; an error when a required one is missing. */
static int *
find_columns (WbCsv               *csv,
              const char          *path,
              const char * const  *columns[],
              guint                n_columns,
              guint                n_required,
              GError             **error)
{
  g_autofree int *found = g_new0 (int, n_columns);

  for (guint i = 0; i < n_columns; i++)
    {
      found[i] = wb_csv_column_any (csv, columns[i]);
      if (i < n_required && found[i] < 0)
        {
          g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID,
                       _("%s has no column “%s”; nothing was imported"), path, columns[i][0]);
          return NULL;
        }
    }
  return g_steal_pointer (&found);
}

static gboolean
import_csv (WbStore            *store,
            WbCsv              *csv,
            const char         *path,
            const char * const *columns[],
            guint               n_columns,
            guint               n_required,
            RowFunc             func,
            gpointer            user_data,
            WbImportReport     *report,
            GError            **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree int *found = find_columns (csv, path, columns, n_columns, n_required, error);
  g_autoptr(GError) row_error = NULL;

  if (found == NULL)
    return FALSE;

  if (!wb_store_begin (store, error))
    return FALSE;
  while (wb_csv_next (csv, &row_error))
    {
      report->n_read++;
      if (!row_fits_header (csv))
        {
          g_autofree char *text = g_strdup_printf (_("it has %u fields where the header has %u"),
                                                   wb_csv_get_n_fields (csv), wb_csv_get_n_columns (csv));

          refuse_user_row (report, wb_csv_get_line (csv), NULL, NULL, FALSE, text);
          continue;
        }
      if (!func (store, csv, found, user_data, seen, report, error))
        {
          wb_store_rollback (store);
          return FALSE;
        }
    }
  /* A broken quote ends the file: what came before it is kept, the rest is reported. */
  if (row_error != NULL)
    {
      report->n_read++;
      refuse_user_row (report, wb_csv_get_line (csv), NULL, NULL, FALSE,
                       _("a quoted field is never closed; the rest of the file was not read"));
    }
  return wb_store_commit (store, error);
}

static gboolean
import_rows (WbStore            *store,
             const char         *path,
             const char * const *columns[],
             guint               n_columns,
             guint               n_required,
             RowFunc             func,
             gpointer            user_data,
             WbImportReport     *report,
             GError            **error)
{
  g_autoptr(WbCsv) csv = wb_csv_open (path, error);

  if (csv == NULL)
    return FALSE;
  return import_csv (store, csv, path, columns, n_columns, n_required, func, user_data, report, error);
}

/* Whether every line of @csv fits its header and every quote is closed; the lines that do
 * not are refused in @report. Nothing is written. */
static gboolean
check_shape (WbCsv          *csv,
             WbImportReport *report)
{
  g_autoptr(GError) row_error = NULL;
  gboolean fits = TRUE;

  while (wb_csv_next (csv, &row_error))
    if (!row_fits_header (csv))
      {
        g_autofree char *text = g_strdup_printf (_("it has %u fields where the header has %u"),
                                                 wb_csv_get_n_fields (csv), wb_csv_get_n_columns (csv));

        refuse_user_row (report, wb_csv_get_line (csv), NULL, NULL, FALSE, text);
        fits = FALSE;
      }
  if (row_error != NULL)
    {
      refuse_user_row (report, wb_csv_get_line (csv), NULL, NULL, FALSE, _("a quoted field opens here and is never closed"));
      fits = FALSE;
    }
  return fits;
}

static gboolean
client_row (WbStore        *store,
            WbCsv          *csv,
            const int      *col,
            gpointer        user_data,
            GHashTable     *seen,
            WbImportReport *report,
            GError        **error)
{
  gint64 organisation_id = *(gint64 *) user_data;
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) wb_field_error_free);
  g_autoptr(GError) local_error = NULL;
  g_auto(RowBuilder) row = { csv, object, errors, NULL };
  g_autofree char *bsn = restore_leading_zeros (wb_csv_get (csv, col[2]), 9);
  gint64 existing = 0, owner = 0;

  json_object_set_int_member (object, "organisation_id", organisation_id);
  note_column (&row, "bsn", col[2]);
  set_text (&row, col[0], "given_name");
  set_text (&row, col[1], "family_name");
  if (*bsn != '\0')
    json_object_set_string_member (object, "bsn", bsn);
  set_int (&row, col[3], "birth_year");
  set_postcode (&row, col[4], TRUE);
  set_municipality (&row, store, col[5]);
  set_code (&row, col[6], "client_group", wb_client_groups, client_group_aliases);
  set_code (&row, col[7], "education_level", wb_education_levels, education_aliases);
  set_int (&row, col[8], "hours_available");
  set_percent (&row, col[9], "work_capacity");
  set_bool (&row, col[10], "driving_licence");
  set_code (&row, col[11], "phase", wb_phases, phase_aliases);
  set_date (&row, col[12], "benefit_start");
  set_text (&row, col[13], "street");
  set_text (&row, col[14], "house_number");
  set_text (&row, col[15], "city");
  if (!json_object_has_member (object, "phase"))
    json_object_set_string_member (object, "phase", "intake");

  if (*bsn != '\0')
    {
      existing = lookup_id (store, "SELECT id FROM clients WHERE bsn = ?1", bsn);
      owner = existing > 0 ? lookup_id (store, "SELECT organisation_id FROM clients WHERE bsn = ?1", bsn) : 0;
      if (g_hash_table_contains (seen, bsn))
        {
          g_autofree char *text = column_message (csv, row.columns, "bsn", _("the same BSN stands earlier in this file"));

          refuse_user_row (report, wb_csv_get_line (csv), NULL, NULL, TRUE, text);
          return TRUE;
        }
      g_hash_table_add (seen, g_strdup (bsn));
    }
  if (existing > 0 && owner != organisation_id)
    {
      g_autofree char *text = column_message (csv, row.columns, "bsn",
                                              _("this person is already a client of another organisation"));

      refuse_user_row (report, wb_csv_get_line (csv), NULL, NULL, TRUE, text);
      return TRUE;
    }

  /* Every row is checked as a whole record, also when it updates one. */
  if (errors->len == 0)
    wb_resource_spec_validate (wb_resource_spec_get (WB_RESOURCE_CLIENTS), object, TRUE, errors);
  if (errors->len == 0)
    wb_store_check_references (store, WB_RESOURCE_CLIENTS, object, errors);
  if (errors->len > 0)
    {
      report_errors (report, &row, wb_csv_get_line (csv), NULL, NULL);
      return TRUE;
    }
  /* The owner is fixed; a new client starts active. The phase of a known client is only
   * changed when the file says so. */
  if (existing > 0)
    {
      json_object_remove_member (object, "organisation_id");
      if (col[11] < 0 || *wb_csv_get (csv, col[11]) == '\0')
        json_object_remove_member (object, "phase");
    }
  else
    json_object_set_string_member (object, "status", "active");

  if (!write_row (store, WB_RESOURCE_CLIENTS, existing, object, NULL, &local_error))
    {
      if (local_error->domain == WB_STORE_ERROR && local_error->code != WB_STORE_ERROR_FAILED &&
          local_error->code != WB_STORE_ERROR_BUSY)
        {
          refuse_row (report, wb_csv_get_line (csv), NULL, NULL, "%s", local_error->message);
          return TRUE;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (existing > 0)
    report->n_updated++;
  else
    report->n_imported++;
  return TRUE;
}

gboolean
wb_import_clients_csv (WbStore         *store,
                       const char      *path,
                       gint64           organisation_id,
                       WbImportReport  *report,
                       GError         **error)
{
  static const char * const given[] = { "voornaam", "given_name", NULL };
  static const char * const family[] = { "achternaam", "family_name", NULL };
  static const char * const bsn[] = { "bsn", "burgerservicenummer", NULL };
  static const char * const birth[] = { "geboortejaar", "birth_year", NULL };
  static const char * const postcode[] = { "postcode", "pc4", NULL };
  static const char * const municipality[] = { "gemeente", "municipality", NULL };
  static const char * const group[] = { "doelgroep", "client_group", NULL };
  static const char * const education[] = { "opleiding", "opleidingsniveau", "education_level", NULL };
  static const char * const hours[] = { "uren", "hours_available", NULL };
  static const char * const capacity[] = { "loonwaarde", "arbeidsvermogen", "work_capacity", NULL };
  static const char * const licence[] = { "rijbewijs", "driving_licence", NULL };
  static const char * const phase[] = { "fase", "phase", NULL };
  static const char * const benefit[] = { "uitkering_start", "startdatum uitkering", "benefit_start", NULL };
  static const char * const street[] = { "straat", "street", NULL };
  static const char * const number[] = { "huisnummer", "house_number", NULL };
  static const char * const city[] = { "woonplaats", "plaats", "city", NULL };
  const char * const *columns[] = {
    given, family, bsn, birth, postcode, municipality, group, education, hours, capacity, licence, phase,
    benefit, street, number, city
  };

  g_return_val_if_fail (WB_IS_STORE (store), FALSE);
  g_return_val_if_fail (organisation_id > 0, FALSE);

  return import_rows (store, path, columns, G_N_ELEMENTS (columns), 7, client_row, &organisation_id, report, error);
}

/* The columns of an employers file, by the names Dutch sheets give them; the first six
 * are required. */
static const char * const employer_kvk[] = { "kvk", "kvk-nummer", "kvknummer", NULL };
static const char * const employer_name[] = { "naam", "bedrijfsnaam", "name", NULL };
static const char * const employer_sector[] = { "sector", "branche", NULL };
static const char * const employer_count[] = { "medewerkers", "aantal medewerkers", "employee_count", NULL };
static const char * const employer_postcode[] = { "postcode", "pc4", NULL };
static const char * const employer_municipality[] = { "gemeente", "municipality", NULL };
static const char * const employer_arrangement[] = { "arrangement", "werkgeversarrangement", NULL };
static const char * const employer_learn_work[] = { "leerwerk", "learn_work", NULL };
static const char * const *employer_columns[] = {
  employer_kvk, employer_name, employer_sector, employer_count, employer_postcode, employer_municipality,
  employer_arrangement, employer_learn_work
};

static gboolean
employer_row (WbStore        *store,
              WbCsv          *csv,
              const int      *col,
              gpointer        user_data,
              GHashTable     *seen,
              WbImportReport *report,
              GError        **error)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) wb_field_error_free);
  g_autoptr(GError) local_error = NULL;
  g_auto(RowBuilder) row = { csv, object, errors, NULL };
  g_autofree char *kvk = restore_leading_zeros (wb_csv_get (csv, col[0]), 8);
  const char *name = wb_csv_get (csv, col[1]);
  guint line = wb_csv_get_line (csv);
  gint64 existing, id = 0;

  note_column (&row, "kvk", col[0]);
  if (*kvk != '\0')
    {
      if (g_hash_table_contains (seen, kvk))
        {
          g_autofree char *problem = g_strdup_printf (_("%s stands earlier in this file; this row was refused"), kvk);
          g_autofree char *text = column_message (csv, row.columns, "kvk", problem);

          refuse_user_row (report, line, kvk, name, TRUE, text);
          return TRUE;
        }
      g_hash_table_add (seen, g_strdup (kvk));
    }
  existing = *kvk != '\0' ? lookup_id (store, "SELECT id FROM employers WHERE kvk = ?1", kvk) : 0;

  json_object_set_string_member (object, "kvk", kvk);
  set_text (&row, col[1], "name");
  set_code (&row, col[2], "sector", wb_sectors, sector_aliases);
  set_int (&row, col[3], "employee_count");
  set_postcode (&row, col[4], FALSE);
  set_municipality (&row, store, col[5]);
  set_bool (&row, col[6], "arrangement");
  set_bool (&row, col[7], "learn_work");
  json_object_set_boolean_member (object, "active", TRUE);

  if (errors->len == 0)
    wb_resource_spec_validate (wb_resource_spec_get (WB_RESOURCE_EMPLOYERS), object, TRUE, errors);
  if (errors->len == 0)
    wb_store_check_references (store, WB_RESOURCE_EMPLOYERS, object, errors);
  if (errors->len > 0)
    {
      report_errors (report, &row, line, kvk, name);
      return TRUE;
    }

  /* A known KvK is merged: the account keeps its place, owner and state; the file brings
   * its name, sector and size up to date. */
  if (existing > 0)
    {
      static const char * const merged[] = { "name", "sector", "employee_count" };
      g_autoptr(JsonObject) changes = json_object_new ();

      for (guint i = 0; i < G_N_ELEMENTS (merged); i++)
        json_object_set_member (changes, merged[i], json_object_dup_member (object, merged[i]));
      json_object_unref (object);
      object = g_steal_pointer (&changes);
    }

  if (!write_row (store, WB_RESOURCE_EMPLOYERS, existing, object, &id, &local_error))
    {
      if (local_error->domain == WB_STORE_ERROR && local_error->code != WB_STORE_ERROR_FAILED &&
          local_error->code != WB_STORE_ERROR_BUSY)
        {
          refuse_row (report, line, kvk, name, "%s", local_error->message);
          return TRUE;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_array_append_val (report->ids, id);
  if (existing > 0)
    {
      report->n_updated++;
      g_ptr_array_add (report->messages,
                       g_strdup_printf (_("row %u: KvK number %s: merged into the existing account"), line, kvk));
      note_row (report, line, WB_IMPORT_ROW_MERGED, kvk, name, id,
                _("merged into the account with this KvK number: its name, sector and size are brought up to date"));
    }
  else
    report->n_imported++;
  return TRUE;
}

gboolean
wb_import_employers_csv (WbStore         *store,
                         const char      *path,
                         WbImportReport  *report,
                         GError         **error)
{
  g_return_val_if_fail (WB_IS_STORE (store), FALSE);

  return import_rows (store, path, employer_columns, G_N_ELEMENTS (employer_columns), 6, employer_row, NULL,
                      report, error);
}

gboolean
wb_import_employers_csv_bytes (WbStore         *store,
                               const char      *name,
                               GBytes          *data,
                               WbImportReport  *report,
                               GError         **error)
{
  g_autoptr(WbCsv) shape = NULL;
  g_autoptr(WbCsv) csv = NULL;
  g_autofree int *found = NULL;

  g_return_val_if_fail (WB_IS_STORE (store), FALSE);
  g_return_val_if_fail (name != NULL && data != NULL, FALSE);

  /* First the shape of the whole file, writing nothing: a line that does not fit its
   * header means the file was read wrongly, and then no row of it may be trusted. */
  shape = wb_csv_new_from_bytes (name, data, error);
  if (shape == NULL)
    return FALSE;
  found = find_columns (shape, name, employer_columns, G_N_ELEMENTS (employer_columns), 6, error);
  if (found == NULL)
    return FALSE;
  if (!check_shape (shape, report))
    {
      g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE, "%s is broken in %u place; nothing was imported",
                                "%s is broken in %u places; nothing was imported", report->n_failed),
                   name, report->n_failed);
      return FALSE;
    }

  csv = wb_csv_new_from_bytes (name, data, error);
  if (csv == NULL)
    return FALSE;
  return import_csv (store, csv, name, employer_columns, G_N_ELEMENTS (employer_columns), 6, employer_row, NULL,
                     report, error);
}
