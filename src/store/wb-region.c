/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-region"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wb-csv.h"
#include "wb-region.h"
#include "wb-store-private.h"

const char * const wb_region_names[WB_REGION_N_REGIONS] = {
  "Parkstad", "Maastricht-Heuvelland", "Westelijke Mijnstreek",
};

/* The sixteen municipalities since 2019. Recipients and outflow to work are CBS 2017
 * (Beekdaelen: Nuth, Onderbanken and Schinnen together); the demo's CBS file overrides
 * them. The postcode areas are real ones of the municipality. */
const WbRegionMunicipality wb_region_municipalities[WB_REGION_N_MUNICIPALITIES] = {
  { "Beekdaelen", "GM1954", WB_REGION_PARKSTAD, 620, 80,
    "6361 6363 6365 6436 6438 6439 6447 6451 6454 6456" },
  { "Brunssum", "GM0899", WB_REGION_PARKSTAD, 1030, 130, "6441 6442 6443 6444 6445 6446" },
  { "Heerlen", "GM0917", WB_REGION_PARKSTAD, 5100, 640,
    "6411 6412 6413 6414 6415 6416 6417 6418 6419 6421 6422 6431 6432 6433" },
  { "Kerkrade", "GM0928", WB_REGION_PARKSTAD, 2070, 210,
    "6461 6462 6463 6464 6465 6466 6467 6468 6469 6471" },
  { "Landgraaf", "GM0882", WB_REGION_PARKSTAD, 1220, 190, "6371 6372 6373 6374" },
  { "Simpelveld", "GM0965", WB_REGION_PARKSTAD, 160, 40, "6351 6353 6369" },
  { "Voerendaal", "GM0986", WB_REGION_PARKSTAD, 150, 20, "6311 6312 6343 6367" },
  { "Maastricht", "GM0935", WB_REGION_MAASTRICHT_HEUVELLAND, 4440, 460,
    "6211 6212 6213 6214 6215 6216 6217 6218 6219 6221 6222 6223 6224 6225 6226 6227 6228 6229" },
  { "Eijsden-Margraten", "GM1903", WB_REGION_MAASTRICHT_HEUVELLAND, 280, 30,
    "6245 6247 6251 6252 6255 6261 6262 6265 6267 6268 6269" },
  { "Gulpen-Wittem", "GM1729", WB_REGION_MAASTRICHT_HEUVELLAND, 190, 30,
    "6271 6273 6274 6276 6277 6278 6281 6285 6286 6287 6289" },
  { "Meerssen", "GM0938", WB_REGION_MAASTRICHT_HEUVELLAND, 290, 30, "6231 6235 6237 6241 6243" },
  { "Vaals", "GM0981", WB_REGION_MAASTRICHT_HEUVELLAND, 390, 40, "6291 6294 6295" },
  { "Valkenburg aan de Geul", "GM0994", WB_REGION_MAASTRICHT_HEUVELLAND, 340, 40, "6301 6305 6325 6341 6342" },
  { "Sittard-Geleen", "GM1883", WB_REGION_WESTELIJKE_MIJNSTREEK, 3250, 310,
    "6121 6122 6123 6124 6125 6127 6131 6132 6133 6134 6135 6136 6137 6141 6142 6143 6151 6153 "
    "6161 6162 6163 6164 6165 6166 6167" },
  { "Beek", "GM0888", WB_REGION_WESTELIJKE_MIJNSTREEK, 340, 30, "6176 6191 6199" },
  { "Stein", "GM0971", WB_REGION_WESTELIJKE_MIJNSTREEK, 350, 70, "6129 6171 6181" },
};

/* DOMAIN.md, "Organisations". The Westelijke Mijnstreek's clients belong to one social
 * service for Sittard-Geleen, Beek and Stein. */
const WbRegionOrganisation wb_region_organisations[WB_REGION_N_ORGANISATIONS] = {
  { "isd-kompas", "ISD Kompas", "social_service", "Parkstad", "Beekdaelen|Simpelveld|Voerendaal", TRUE },
  { "isd-bol", "ISD BOL", "social_service", "Parkstad", "Brunssum|Landgraaf", TRUE },
  { "gemeente-heerlen", "Gemeente Heerlen", "municipality", "Parkstad", "Heerlen", TRUE },
  { "werkvoorheerlen", "Stichting WerkvoorHeerlen", "work_company", "Parkstad", "Heerlen", FALSE },
  { "gemeente-kerkrade", "Gemeente Kerkrade", "municipality", "Parkstad", "Kerkrade", TRUE },
  { "mob-brunssum", "Mensontwikkelbedrijf Betere Buren Brunssum", "work_company", "Parkstad", "Brunssum", FALSE },
  { "mob-landgraaf", "Mensontwikkelbedrijf Landgraaf", "work_company", "Parkstad", "Landgraaf", FALSE },
  { "wsp-parkstad", "WSP Parkstad", "wsp", "Parkstad", NULL, FALSE },
  { "gr-wozl", "GR WOZL", "sheltered_work", "Parkstad", NULL, FALSE },
  { "szmh", "Sociale Zaken Maastricht-Heuvelland", "social_service", "Maastricht-Heuvelland",
    "Maastricht|Eijsden-Margraten|Gulpen-Wittem|Meerssen|Vaals|Valkenburg aan de Geul", TRUE },
  { "podium24", "Podium24", "wsp", "Maastricht-Heuvelland", NULL, FALSE },
  { "annex", "Annex", "development", "Maastricht-Heuvelland", NULL, FALSE },
  { "mtb", "MTB", "learn_work", "Maastricht-Heuvelland", NULL, FALSE },
  { "sd-westelijke-mijnstreek", "Sociaal Domein Westelijke Mijnstreek", "social_service", "Westelijke Mijnstreek",
    "Sittard-Geleen|Beek|Stein", TRUE },
  { "wsp-westelijke-mijnstreek", "WSP Westelijke Mijnstreek", "wsp", "Westelijke Mijnstreek", NULL, FALSE },
  { "wsp-zuid-limburg", "WSP Zuid-Limburg", "wsp", "Zuid-Limburg", NULL, FALSE },
};

gboolean
wb_region_serves (const WbRegionOrganisation *organisation,
                  guint                       m)
{
  g_auto(GStrv) names = NULL;

  g_return_val_if_fail (m < WB_REGION_N_MUNICIPALITIES, FALSE);

  if (organisation->serves == NULL || *organisation->serves == '\0')
    return strcmp (organisation->region, "Zuid-Limburg") == 0 ||
           strcmp (organisation->region, wb_region_names[wb_region_municipalities[m].region]) == 0;
  names = g_strsplit (organisation->serves, "|", -1);
  return g_strv_contains ((const char * const *) names, wb_region_municipalities[m].name);
}

int
wb_region_owner_of (const WbRegionOrganisation *organisations,
                    guint                       n_organisations,
                    guint                       m)
{
  for (guint o = 0; o < n_organisations; o++)
    if (organisations[o].owns_clients && wb_region_serves (&organisations[o], m))
      return (int) o;
  return -1;
}

static gint64
insert_row (WbStore       *store,
            sqlite3_stmt  *stmt,
            GError       **error)
{
  if (!_wb_store_step_done (store, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (_wb_store_get_db (store));
}

gboolean
wb_region_insert (WbStore                     *store,
                  const WbRegionOrganisation  *organisations,
                  guint                        n_organisations,
                  const char * const          *municipality_codes,
                  const char                  *stamp,
                  gint64                      *organisation_ids,
                  gint64                      *municipality_ids,
                  GError                     **error)
{
  g_autofree gint64 *org_ids = g_new0 (gint64, MAX (n_organisations, 1));
  gint64 muni_ids[WB_REGION_N_MUNICIPALITIES];
  sqlite3_stmt *stmt;

  g_return_val_if_fail (WB_IS_STORE (store), FALSE);
  g_return_val_if_fail (organisations != NULL || n_organisations == 0, FALSE);
  g_return_val_if_fail (stamp != NULL, FALSE);

  for (guint o = 0; o < n_organisations; o++)
    {
      stmt = _wb_store_prepare (store,
                                "INSERT INTO organisations (code, name, kind, region, created_at, updated_at) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?5)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, organisations[o].code, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, organisations[o].name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, organisations[o].kind, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, organisations[o].region, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, stamp, -1, SQLITE_STATIC);
      if ((org_ids[o] = insert_row (store, stmt, error)) == 0)
        return FALSE;
    }

  for (guint m = 0; m < WB_REGION_N_MUNICIPALITIES; m++)
    {
      int owner = wb_region_owner_of (organisations, n_organisations, m);

      stmt = _wb_store_prepare (store,
                                "INSERT INTO municipalities (code, name, region, organisation_id, created_at, updated_at) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?5)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, municipality_codes != NULL ? municipality_codes[m] : wb_region_municipalities[m].code,
                         -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, wb_region_municipalities[m].name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, wb_region_names[wb_region_municipalities[m].region], -1, SQLITE_STATIC);
      if (owner >= 0)
        sqlite3_bind_int64 (stmt, 4, org_ids[owner]);
      else
        sqlite3_bind_null (stmt, 4);
      sqlite3_bind_text (stmt, 5, stamp, -1, SQLITE_STATIC);
      if ((muni_ids[m] = insert_row (store, stmt, error)) == 0)
        return FALSE;
    }

  for (guint o = 0; o < n_organisations; o++)
    for (guint m = 0; m < WB_REGION_N_MUNICIPALITIES; m++)
      {
        if (!wb_region_serves (&organisations[o], m))
          continue;
        stmt = _wb_store_prepare (store,
                                  "INSERT INTO organisation_municipalities (organisation_id, municipality_id) "
                                  "VALUES (?1, ?2)", error);
        if (stmt == NULL)
          return FALSE;
        sqlite3_bind_int64 (stmt, 1, org_ids[o]);
        sqlite3_bind_int64 (stmt, 2, muni_ids[m]);
        if (!_wb_store_step_done (store, stmt, error))
          return FALSE;
      }

  if (organisation_ids != NULL)
    memcpy (organisation_ids, org_ids, n_organisations * sizeof (gint64));
  if (municipality_ids != NULL)
    memcpy (municipality_ids, muni_ids, sizeof muni_ids);
  return TRUE;
}

static void
clear_organisation (gpointer data)
{
  WbRegionOrganisation *organisation = data;

  g_free ((char *) organisation->code);
  g_free ((char *) organisation->name);
  g_free ((char *) organisation->kind);
  g_free ((char *) organisation->region);
  g_free ((char *) organisation->serves);
}

static gboolean
is_municipality (const char *name)
{
  for (guint m = 0; m < WB_REGION_N_MUNICIPALITIES; m++)
    if (strcmp (wb_region_municipalities[m].name, name) == 0)
      return TRUE;
  return FALSE;
}

/* What is wrong with the row the reader is on, or NULL when it is right. */
static char *
check_row (WbCsv      *csv,
           const int   columns[4],
           int         serves,
           int         owns,
           GHashTable *codes)
{
  static const char * const names[] = { "code", "name", "kind", "region" };
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) wb_field_error_free);
  gboolean owns_clients;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    json_object_set_string_member (object, names[i], wb_csv_get (csv, columns[i]));
  if (!wb_resource_spec_validate (wb_resource_spec_get (WB_RESOURCE_ORGANISATIONS), object, TRUE, errors))
    {
      WbFieldError *first = g_ptr_array_index (errors, 0);

      return g_strdup_printf ("%s: %s", first->field, first->message);
    }
  if (g_hash_table_contains (codes, wb_csv_get (csv, columns[0])))
    return g_strdup_printf (_("code: %s is in the file twice"), wb_csv_get (csv, columns[0]));
  if (serves >= 0 && *wb_csv_get (csv, serves) != '\0')
    {
      g_auto(GStrv) served = g_strsplit (wb_csv_get (csv, serves), "|", -1);

      for (guint i = 0; served[i] != NULL; i++)
        if (!is_municipality (g_strstrip (served[i])))
          return g_strdup_printf (_("serves: %s is not a municipality of South Limburg"), served[i]);
    }
  if (owns >= 0 && !wb_csv_parse_bool (wb_csv_get (csv, owns), &owns_clients))
    return g_strdup_printf (_("owns_clients: %s is not ja or nee"), wb_csv_get (csv, owns));
  return NULL;
}

GArray *
wb_region_read_organisations (const char  *path,
                              GError     **error)
{
  static const char * const required[] = { "code", "name", "kind", "region" };
  g_autoptr(WbCsv) csv = NULL;
  g_autoptr(GArray) organisations = NULL;
  g_autoptr(GHashTable) codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) local_error = NULL;
  int columns[G_N_ELEMENTS (required)];
  int serves, owns;

  g_return_val_if_fail (path != NULL, NULL);

  csv = wb_csv_open (path, error);
  if (csv == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    if ((columns[i] = wb_csv_column (csv, required[i])) < 0)
      {
        g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID,
                     _("%s has no column %s; the columns are code, name, kind, region and, if you like, "
                       "serves and owns_clients"), path, required[i]);
        return NULL;
      }
  serves = wb_csv_column (csv, "serves");
  owns = wb_csv_column (csv, "owns_clients");

  organisations = g_array_new (FALSE, TRUE, sizeof (WbRegionOrganisation));
  g_array_set_clear_func (organisations, clear_organisation);
  while (wb_csv_next (csv, &local_error))
    {
      g_autofree char *problem = check_row (csv, columns, serves, owns, codes);
      WbRegionOrganisation organisation = { 0 };
      g_auto(GStrv) served = NULL;
      gboolean owns_clients = FALSE;

      if (problem != NULL)
        {
          g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID,
                       _("%s, line %u: %s"), path, wb_csv_get_line (csv), problem);
          return NULL;
        }
      g_hash_table_add (codes, g_strdup (wb_csv_get (csv, columns[0])));
      if (serves >= 0 && *wb_csv_get (csv, serves) != '\0')
        {
          served = g_strsplit (wb_csv_get (csv, serves), "|", -1);
          for (guint i = 0; served[i] != NULL; i++)
            g_strstrip (served[i]);
        }
      if (owns >= 0)
        wb_csv_parse_bool (wb_csv_get (csv, owns), &owns_clients);

      organisation.code = g_strdup (wb_csv_get (csv, columns[0]));
      organisation.name = g_strdup (wb_csv_get (csv, columns[1]));
      organisation.kind = g_strdup (wb_csv_get (csv, columns[2]));
      organisation.region = g_strdup (wb_csv_get (csv, columns[3]));
      organisation.serves = served != NULL ? g_strjoinv ("|", served) : NULL;
      organisation.owns_clients = owns_clients;
      g_array_append_val (organisations, organisation);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (organisations->len == 0)
    {
      g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID, _("%s holds no organisations"), path);
      return NULL;
    }
  return g_steal_pointer (&organisations);
}
