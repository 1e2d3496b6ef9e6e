/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <string.h>

#include "wb-core.h"

static void
test_bsn (void)
{
  g_assert_true (wb_validate_bsn ("111222333"));
  g_assert_true (wb_validate_bsn ("123456782"));
  g_assert_false (wb_validate_bsn ("123456789"));   /* wrong check digit */
  g_assert_false (wb_validate_bsn ("12345678"));    /* eight digits */
  g_assert_false (wb_validate_bsn ("1234567820"));  /* ten digits */
  g_assert_false (wb_validate_bsn ("12345678a"));
  g_assert_false (wb_validate_bsn ("000000000"));
  g_assert_false (wb_validate_bsn (""));
  g_assert_false (wb_validate_bsn (NULL));
}

static void
test_kvk_postcode_date (void)
{
  g_assert_true (wb_validate_kvk ("12345678"));
  g_assert_false (wb_validate_kvk ("1234567"));
  g_assert_false (wb_validate_kvk ("00000000"));
  g_assert_false (wb_validate_kvk ("1234567X"));

  g_assert_true (wb_validate_pc4 ("6411"));
  g_assert_false (wb_validate_pc4 ("0123"));
  g_assert_false (wb_validate_pc4 ("641"));
  g_assert_false (wb_validate_pc4 ("64111"));

  g_assert_true (wb_validate_postcode ("6411 AB"));
  g_assert_true (wb_validate_postcode ("6411AB"));
  g_assert_false (wb_validate_postcode ("641 AB"));
  g_assert_false (wb_validate_postcode ("6411 A"));
  g_assert_false (wb_validate_postcode ("0411 AB"));

  g_assert_true (wb_validate_date ("2024-02-29"));
  g_assert_false (wb_validate_date ("2023-02-29"));
  g_assert_false (wb_validate_date ("2024-13-01"));
  g_assert_false (wb_validate_date ("24-01-01"));
  g_assert_false (wb_validate_date ("2024/01/01"));
}

static void
test_bands (void)
{
  g_autofree char *a = wb_age_band (2010, 2026);
  g_autofree char *b = wb_age_band (2004, 2026);
  g_autofree char *c = wb_age_band (2001, 2026);
  g_autofree char *d = wb_age_band (1992, 2026);
  g_autofree char *e = wb_age_band (1961, 2026);

  g_assert_cmpstr (a, ==, "<18");
  g_assert_cmpstr (b, ==, "18-24");
  g_assert_cmpstr (c, ==, "25-34");
  g_assert_cmpstr (d, ==, "25-34");
  g_assert_cmpstr (e, ==, "65+");
  g_assert_cmpstr (wb_capacity_band (29), ==, "<30");
  g_assert_cmpstr (wb_capacity_band (30), ==, "30-80");
  g_assert_cmpstr (wb_capacity_band (79), ==, "30-80");
  g_assert_cmpstr (wb_capacity_band (80), ==, "80-100");
}

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  g_assert_nonnull (node);
  return json_object_ref (json_node_get_object (node));
}

static const char *
error_for (GPtrArray  *errors,
           const char *field)
{
  for (guint i = 0; i < errors->len; i++)
    {
      WbFieldError *error = errors->pdata[i];

      if (strcmp (error->field, field) == 0)
        return error->message;
    }
  return NULL;
}

static void
test_schema_validation (void)
{
  const WbResourceSpec *clients = wb_resource_spec_get (WB_RESOURCE_CLIENTS);
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) wb_field_error_free);
  g_autoptr(JsonObject) good = parse_object ("{\"organisation_id\":1,\"municipality_id\":2,\"given_name\":\"A\","
                                             "\"family_name\":\"B\",\"bsn\":\"111222333\",\"pc4\":\"6411\",\"birth_year\":1980,"
                                             "\"client_group\":\"ww\",\"phase\":\"intake\",\"health_notes\":null}");
  g_autoptr(JsonObject) bad = parse_object ("{\"organisation_id\":\"1\",\"given_name\":\"\",\"bsn\":\"123\","
                                            "\"pc4\":\"6411\",\"birth_year\":1800,\"client_group\":\"rich\",\"phase\":\"intake\","
                                            "\"driving_licence\":\"ja\",\"barriers\":[1],\"last_activity\":\"2026-01-01\","
                                            "\"colour\":\"blue\",\"transport\":null}");
  g_autoptr(JsonObject) change = parse_object ("{\"organisation_id\":2,\"phase\":\"work_ready\"}");

  g_assert_true (wb_resource_spec_validate (clients, good, TRUE, errors));
  g_assert_cmpuint (errors->len, ==, 0);

  g_assert_false (wb_resource_spec_validate (clients, bad, TRUE, errors));
  g_assert_nonnull (error_for (errors, "organisation_id"));   /* a string where a number goes */
  g_assert_nonnull (error_for (errors, "given_name"));        /* required and empty */
  g_assert_nonnull (error_for (errors, "bsn"));
  g_assert_nonnull (error_for (errors, "birth_year"));        /* out of range */
  g_assert_nonnull (error_for (errors, "client_group"));      /* unknown enum value */
  g_assert_nonnull (error_for (errors, "driving_licence"));
  g_assert_nonnull (error_for (errors, "barriers"));
  g_assert_nonnull (error_for (errors, "last_activity"));     /* set by the server */
  g_assert_nonnull (error_for (errors, "colour"));            /* no such field */
  g_assert_nonnull (error_for (errors, "family_name"));       /* required, missing */
  g_assert_nonnull (error_for (errors, "municipality_id"));
  g_assert_null (error_for (errors, "transport"));            /* nullable */
  g_assert_null (error_for (errors, "pc4"));
  g_assert_null (error_for (errors, "phase"));
  g_assert_nonnull (strstr (error_for (errors, "client_group"), "participatiewet"));

  g_ptr_array_set_size (errors, 0);
  g_assert_false (wb_resource_spec_validate (clients, change, FALSE, errors));
  g_assert_cmpuint (errors->len, ==, 1);
  g_assert_nonnull (error_for (errors, "organisation_id"));   /* immutable after creation */
}

static void
test_resource_lookup (void)
{
  g_assert_true (wb_resource_spec_lookup ("action-points") == wb_resource_spec_get (WB_RESOURCE_ACTION_POINTS));
  g_assert_null (wb_resource_spec_lookup ("action_points"));
  for (WbResource r = 0; r < WB_N_RESOURCES; r++)
    {
      const WbResourceSpec *spec = wb_resource_spec_get (r);

      g_assert_cmpint (spec->resource, ==, r);
      g_assert_cmpuint (spec->n_fields, >, 0);
      if (spec->parent_field != NULL)
        g_assert_nonnull (wb_resource_spec_find_field (spec, spec->parent_field));
      /* Identity is never part of the pseudonymous profile. */
      for (guint i = 0; i < spec->n_fields; i++)
        g_assert_false ((spec->fields[i].flags & WB_FIELD_IDENTITY) && (spec->fields[i].flags & WB_FIELD_PUBLIC));
    }
}

static void
test_record_and_etag (void)
{
  g_autoptr(JsonObject) object = parse_object ("{\"id\":7,\"version\":3,\"name\":\"X\",\"active\":true,\"score\":0.5,\"list\":[1]}");
  g_autoptr(WbRecord) record = wb_record_new (WB_RESOURCE_EMPLOYERS, object);
  g_autofree char *etag = wb_record_dup_etag (record);
  gint64 version = 0;

  g_assert_cmpint (wb_record_get_id (record), ==, 7);
  g_assert_cmpint (wb_record_get_version (record), ==, 3);
  g_assert_cmpstr (wb_record_get_string (record, "name"), ==, "X");
  g_assert_null (wb_record_get_string (record, "missing"));
  g_assert_true (wb_record_get_boolean (record, "active"));
  g_assert_cmpfloat (wb_record_get_double (record, "score"), ==, 0.5);
  g_assert_nonnull (wb_record_get_array (record, "list"));
  g_assert_cmpint (wb_record_get_resource (record), ==, WB_RESOURCE_EMPLOYERS);

  g_assert_cmpstr (etag, ==, "\"v3\"");
  g_assert_true (wb_etag_parse (etag, &version));
  g_assert_cmpint (version, ==, 3);
  g_assert_true (wb_etag_parse ("W/\"v12\"", &version));
  g_assert_cmpint (version, ==, 12);
  g_assert_false (wb_etag_parse ("v3", &version));
  g_assert_false (wb_etag_parse ("\"v\"", &version));
  g_assert_false (wb_etag_parse ("\"v3x\"", &version));
  g_assert_false (wb_etag_parse ("\"v0\"", &version));
  g_assert_false (wb_etag_parse (NULL, &version));
}

static void
test_problem_round_trip (void)
{
  g_autoptr(WbProblem) problem = wb_problem_new (400, "The record is not valid", "Fix it");
  g_autoptr(WbProblem) back = NULL;
  g_autofree char *json = NULL;

  wb_problem_add_error (problem, "bsn", "is not valid");
  wb_problem_add_error (problem, "pc4", "is not four digits");
  json = wb_problem_to_json (problem);
  back = wb_problem_from_json (400, json, strlen (json));
  g_assert_cmpuint (back->status, ==, 400);
  g_assert_cmpstr (back->title, ==, "The record is not valid");
  g_assert_cmpstr (back->detail, ==, "Fix it");
  g_assert_cmpstr (back->type, ==, problem->type);
  g_assert_cmpuint (back->errors->len, ==, 2);
  g_assert_cmpstr (wb_problem_get_error (back, "pc4"), ==, "is not four digits");
  g_assert_null (wb_problem_get_error (back, "name"));

  /* Garbage gives an empty problem with the status, never a crash. */
  g_clear_pointer (&back, wb_problem_free);
  back = wb_problem_from_json (502, "<html>", 6);
  g_assert_cmpuint (back->status, ==, 502);
  g_assert_null (back->title);
}

static void
test_match_workflow (void)
{
  g_autofree char *why = NULL;

  g_assert_true (wb_match_transition_allowed ("suggested", "shortlisted", NULL));
  g_assert_true (wb_match_transition_allowed ("suggested", "proposed", NULL));
  g_assert_true (wb_match_transition_allowed ("proposed", "placed", NULL));
  g_assert_true (wb_match_transition_allowed ("interview", "placed", NULL));
  g_assert_true (wb_match_transition_allowed ("interview", "rejected", NULL));
  g_assert_true (wb_match_transition_allowed ("suggested", "withdrawn", NULL));
  g_assert_false (wb_match_transition_allowed ("suggested", "placed", &why));
  g_assert_nonnull (why);
  g_clear_pointer (&why, g_free);
  g_assert_false (wb_match_transition_allowed ("interview", "shortlisted", &why));
  g_assert_nonnull (strstr (why, "back"));
  g_clear_pointer (&why, g_free);
  g_assert_false (wb_match_transition_allowed ("placed", "withdrawn", &why));
  g_assert_false (wb_match_transition_allowed ("rejected", "proposed", NULL));
  g_assert_false (wb_match_transition_allowed ("proposed", "hired", NULL));
  g_assert_true (wb_match_state_is_final ("withdrawn"));
  g_assert_false (wb_match_state_is_final ("interview"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/validate/bsn-eleven-test", test_bsn);
  g_test_add_func ("/core/validate/kvk-postcode-date", test_kvk_postcode_date);
  g_test_add_func ("/core/validate/bands", test_bands);
  g_test_add_func ("/core/schema/validation-names-each-field", test_schema_validation);
  g_test_add_func ("/core/schema/resource-tables", test_resource_lookup);
  g_test_add_func ("/core/record/getters-and-etag", test_record_and_etag);
  g_test_add_func ("/core/problem/round-trip", test_problem_round_trip);
  g_test_add_func ("/core/match-workflow/transitions", test_match_workflow);

  return g_test_run ();
}
