/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "fuzz-store.h"
#include "wb-store-private.h"

static WbStore *
store_new (gint64 *organisation_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) municipality = json_from_string ("{\"code\":\"GM0917\",\"name\":\"Heerlen\",\"region\":\"Parkstad\"}", NULL);
  g_autoptr(JsonNode) organisation = NULL;
  g_autofree char *json = NULL;
  WbStore *store = wb_store_open (":memory:", &error);
  gint64 id;

  g_assert_no_error (error);
  id = wb_store_insert (store, WB_RESOURCE_MUNICIPALITIES, json_node_get_object (municipality), &error);
  g_assert_no_error (error);
  json = g_strdup_printf ("{\"code\":\"isd\",\"name\":\"ISD\",\"kind\":\"social_service\",\"region\":\"Parkstad\","
                          "\"municipality_ids\":[%" G_GINT64_FORMAT "]}", id);
  organisation = json_from_string (json, NULL);
  *organisation_id = wb_store_insert (store, WB_RESOURCE_ORGANISATIONS, json_node_get_object (organisation), &error);
  g_assert_no_error (error);
  return store;
}

/* A fresh store per input would spend most of the time in the migrations (38 inputs a
 * second for the CSV harness); the one store is emptied of what an import writes instead. */
WbStore *
fuzz_store_get (gint64 *organisation_id)
{
  static const char * const tables[] = {
    "occupation_competences", "diagnosis_competences", "vacancy_competences", "work_experience",
    "sector_preferences", "diagnoses", "events", "matches", "vacancies", "employer_contacts", "contact_log",
    "reviews", "notifications", "alerts", "clients", "employers", "occupations", "competences", "isco_groups",
    "audit_log",
  };
  static WbStore *store;
  static gint64 organisation;
  g_autoptr(GError) error = NULL;

  if (store == NULL)
    store = store_new (&organisation);
  g_assert_true (_wb_store_exec (store, "PRAGMA foreign_keys = OFF", &error));
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("DELETE FROM %s", tables[i]);

      g_assert_true (_wb_store_exec (store, sql, &error));
    }
  g_assert_true (_wb_store_exec (store, "PRAGMA foreign_keys = ON", &error));
  g_assert_no_error (error);
  *organisation_id = organisation;
  return g_object_ref (store);
}
