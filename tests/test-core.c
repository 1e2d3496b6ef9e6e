/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "test-core"

#include "config.h"

#include <string.h>

#include "wb-core.h"

/* Helpers */

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (json, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

static GPtrArray *
new_errors (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) wb_field_error_free);
}

static const char *
error_for (GPtrArray  *errors,
           const char *field)
{
  for (guint i = 0; i < errors->len; i++)
    {
      WbFieldError *error = errors->pdata[i];

      if (g_strcmp0 (error->field, field) == 0)
        return error->message;
    }
  return NULL;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The fields that erred, sorted and joined with commas: "bsn,pc4". */
static char *
error_fields (GPtrArray *errors)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; i < errors->len; i++)
    g_ptr_array_add (names, ((WbFieldError *) errors->pdata[i])->field);
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (",", (char **) names->pdata);
}

/* Validates @json against the client table and returns the fields that erred, as above. */
static char *
client_errors (const char *json,
               gboolean    creating)
{
  const WbResourceSpec *clients = wb_resource_spec_get (WB_RESOURCE_CLIENTS);
  g_autoptr(GPtrArray) errors = new_errors ();
  g_autoptr(JsonObject) object = parse_object (json);
  gboolean ok = wb_resource_spec_validate (clients, object, creating, errors);

  /* The return value and the error list always agree. */
  g_assert_cmpint (ok, ==, errors->len == 0);
  for (guint i = 0; i < errors->len; i++)
    {
      WbFieldError *error = errors->pdata[i];

      g_assert_nonnull (error->field);
      g_assert_nonnull (error->message);
      g_assert_cmpstr (error->message, !=, "");
    }
  return error_fields (errors);
}

/* The message of the one error that validating @json as an update gives. */
static char *
update_message (const char *json)
{
  const WbResourceSpec *clients = wb_resource_spec_get (WB_RESOURCE_CLIENTS);
  g_autoptr(GPtrArray) errors = new_errors ();
  g_autoptr(JsonObject) object = parse_object (json);

  g_assert_false (wb_resource_spec_validate (clients, object, FALSE, errors));
  g_assert_cmpuint (errors->len, ==, 1);
  return g_strdup (((WbFieldError *) errors->pdata[0])->message);
}

#define GOOD_CLIENT \
  "\"organisation_id\":1,\"municipality_id\":2,\"given_name\":\"Anna\",\"family_name\":\"Janssen\"," \
  "\"bsn\":\"111222333\",\"pc4\":\"6411\",\"birth_year\":1980,\"client_group\":\"ww\",\"phase\":\"intake\""

/* Validation of Dutch numbers, codes and dates */

static void
test_bsn (void)
{
  /* Known numbers that pass the eleven-test. */
  g_assert_true (wb_validate_bsn ("111222333"));
  g_assert_true (wb_validate_bsn ("123456782"));
  g_assert_true (wb_validate_bsn ("999999990"));

  /* Of the ten possible check digits exactly one passes. */
  for (char d = '0'; d <= '9'; d++)
    {
      char bsn[] = "11122233?";

      bsn[8] = d;
      g_assert_cmpint (wb_validate_bsn (bsn), ==, d == '3');
    }

  g_assert_false (wb_validate_bsn ("123456789"));   /* wrong check digit */
  g_assert_false (wb_validate_bsn ("111222334"));
  g_assert_false (wb_validate_bsn ("12345678"));    /* eight digits */
  g_assert_false (wb_validate_bsn ("1234567820"));  /* ten digits */
  g_assert_false (wb_validate_bsn ("12345678a"));   /* letters */
  g_assert_false (wb_validate_bsn ("abcdefghi"));
  g_assert_false (wb_validate_bsn ("111 222 333"));
  g_assert_false (wb_validate_bsn (" 11222333"));
  g_assert_false (wb_validate_bsn ("-11222333"));
  g_assert_false (wb_validate_bsn ("000000000"));   /* all zeros pass the sum but are no number */
  g_assert_false (wb_validate_bsn (""));
  g_assert_false (wb_validate_bsn (NULL));
}

static void
test_kvk (void)
{
  g_assert_true (wb_validate_kvk ("12345678"));
  g_assert_true (wb_validate_kvk ("01234567"));
  g_assert_false (wb_validate_kvk ("1234567"));
  g_assert_false (wb_validate_kvk ("123456789"));
  g_assert_false (wb_validate_kvk ("1234567X"));
  g_assert_false (wb_validate_kvk ("1234 567"));
  g_assert_false (wb_validate_kvk ("00000000"));
  g_assert_false (wb_validate_kvk (""));
  g_assert_false (wb_validate_kvk (NULL));
}

static void
test_pc4 (void)
{
  g_assert_true (wb_validate_pc4 ("6411"));
  g_assert_true (wb_validate_pc4 ("1000"));
  g_assert_true (wb_validate_pc4 ("9999"));
  g_assert_false (wb_validate_pc4 ("0123"));  /* Dutch postcodes start at 1000 */
  g_assert_false (wb_validate_pc4 ("0999"));
  g_assert_false (wb_validate_pc4 ("641"));
  g_assert_false (wb_validate_pc4 ("64111"));
  g_assert_false (wb_validate_pc4 ("64a1"));
  g_assert_false (wb_validate_pc4 ("6411AB"));
  g_assert_false (wb_validate_pc4 (""));
  g_assert_false (wb_validate_pc4 (NULL));
}

static void
test_phone (void)
{
  g_assert_true (wb_validate_phone ("06-12345678"));
  g_assert_true (wb_validate_phone ("0612345678"));
  g_assert_true (wb_validate_phone ("045 - 123 45 67"));
  g_assert_true (wb_validate_phone ("(045) 1234567"));
  g_assert_true (wb_validate_phone ("+31 6 12345678"));
  g_assert_true (wb_validate_phone ("+32 4 123 45 67"));
  g_assert_true (wb_validate_phone ("+49 241 1234567"));
  g_assert_false (wb_validate_phone ("06-1234567"));
  g_assert_false (wb_validate_phone ("06-123456789"));
  g_assert_false (wb_validate_phone ("6412345678"));
  g_assert_false (wb_validate_phone ("+31 6"));
  g_assert_false (wb_validate_phone ("+1234567890123456"));
  g_assert_false (wb_validate_phone ("06-1234567a"));
  g_assert_false (wb_validate_phone ("bel 06-12345678"));
  g_assert_false (wb_validate_phone ("06/12345678"));
  g_assert_false (wb_validate_phone (""));
  g_assert_false (wb_validate_phone (NULL));
}

static void
test_email (void)
{
  g_assert_true (wb_validate_email ("aisha.habets@isd-kompas.nl"));
  g_assert_true (wb_validate_email ("a@b.nl"));
  g_assert_true (wb_validate_email ("demo+test@demo.werkbrug.invalid"));
  g_assert_false (wb_validate_email ("aisha.habets"));
  g_assert_false (wb_validate_email ("@isd-kompas.nl"));
  g_assert_false (wb_validate_email ("aisha@"));
  g_assert_false (wb_validate_email ("aisha@nl"));
  g_assert_false (wb_validate_email ("aisha@.nl"));
  g_assert_false (wb_validate_email ("aisha@kompas."));
  g_assert_false (wb_validate_email ("aisha@@kompas.nl"));
  g_assert_false (wb_validate_email ("a@b@c.nl"));
  g_assert_false (wb_validate_email ("aisha habets@kompas.nl"));
  g_assert_false (wb_validate_email ("aisha@kompas.nl; piet@kompas.nl"));
  g_assert_false (wb_validate_email (""));
  g_assert_false (wb_validate_email (NULL));
}

static void
test_postcode (void)
{
  g_assert_true (wb_validate_postcode ("6411 AB"));
  g_assert_true (wb_validate_postcode ("6411AB"));
  g_assert_true (wb_validate_postcode ("6411 ab"));
  g_assert_true (wb_validate_postcode ("1000 AA"));
  g_assert_false (wb_validate_postcode ("641 AB"));
  g_assert_false (wb_validate_postcode ("641AB"));
  g_assert_false (wb_validate_postcode ("0411 AB"));
  g_assert_false (wb_validate_postcode ("6411 A"));
  g_assert_false (wb_validate_postcode ("6411 ABC"));
  g_assert_false (wb_validate_postcode ("6411  AB"));
  g_assert_false (wb_validate_postcode ("6411-AB"));
  g_assert_false (wb_validate_postcode ("6411 A1"));
  g_assert_false (wb_validate_postcode ("64111AB"));
  g_assert_false (wb_validate_postcode ("ABCD EF"));
  g_assert_false (wb_validate_postcode (""));
  g_assert_false (wb_validate_postcode (NULL));
}

static void
test_dates (void)
{
  g_assert_true (wb_validate_date ("2024-02-29"));   /* leap year */
  g_assert_false (wb_validate_date ("2023-02-29"));
  g_assert_true (wb_validate_date ("2000-02-29"));   /* divisible by 400 */
  g_assert_false (wb_validate_date ("2100-02-29"));  /* divisible by 100 */
  g_assert_true (wb_validate_date ("2026-12-31"));
  g_assert_true (wb_validate_date ("1900-01-01"));
  g_assert_false (wb_validate_date ("2024-04-31"));
  g_assert_false (wb_validate_date ("2024-13-01"));
  g_assert_false (wb_validate_date ("2024-00-10"));
  g_assert_false (wb_validate_date ("2024-01-00"));
  g_assert_false (wb_validate_date ("2024-1-01"));
  g_assert_false (wb_validate_date ("24-01-01"));
  g_assert_false (wb_validate_date ("2024/01/01"));
  g_assert_false (wb_validate_date ("01-01-2024"));
  g_assert_false (wb_validate_date ("2024-01-01T10:00"));
  g_assert_false (wb_validate_date ("2024-01-0a"));
  g_assert_false (wb_validate_date ("1899-12-31"));  /* outside the years we accept */
  g_assert_false (wb_validate_date (""));
  g_assert_false (wb_validate_date (NULL));
}

static void
test_age_bands (void)
{
  static const struct { int age; const char *band; } cases[] = {
    { 0, "<18" }, { 17, "<18" }, { 18, "18-24" }, { 24, "18-24" }, { 25, "25-34" }, { 34, "25-34" },
    { 35, "35-44" }, { 44, "35-44" }, { 45, "45-54" }, { 54, "45-54" }, { 55, "55-64" },
    { 64, "55-64" }, { 65, "65+" }, { 90, "65+" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *band = wb_age_band (2026 - cases[i].age, 2026);

      g_assert_cmpstr (band, ==, cases[i].band);
    }
}

static void
test_capacity_bands (void)
{
  /* 30-80 % belongs with the social services, 80-100 % with the WSP. */
  static const struct { int capacity; const char *band; } cases[] = {
    { 0, "<30" }, { 29, "<30" }, { 30, "30-80" }, { 50, "30-80" }, { 79, "30-80" },
    { 80, "80-100" }, { 100, "80-100" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpstr (wb_capacity_band (cases[i].capacity), ==, cases[i].band);
}

/* The JSON body of a request */

/* Parses @json as a body: NULL and the problem's field (or "" without one) when refused. */
static JsonObject *
body (const char  *json,
      gssize       length,
      char       **field)
{
  g_autoptr(WbProblem) problem = NULL;
  JsonObject *object = wb_body_parse_object (json, length < 0 ? strlen (json) : (gsize) length, &problem);

  g_assert_true ((object == NULL) == (problem != NULL));
  if (problem != NULL)
    {
      g_assert_cmpuint (problem->status, ==, 400);
      g_assert_nonnull (problem->title);
      if (field != NULL)
        *field = g_strdup (problem->errors->len > 0 ? ((WbFieldError *) problem->errors->pdata[0])->field : "");
    }
  return object;
}

static char *
nested (guint       depth,
        const char *open,
        const char *inner,
        const char *close)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append (text, open);
  g_string_append (text, inner);
  for (guint i = 0; i < depth; i++)
    g_string_append (text, close);
  return g_string_free (text, FALSE);
}

static void
test_body_depth (void)
{
  g_autofree char *deepest = g_strdup_printf ("{\"a\":%s}", nested (WB_BODY_MAX_DEPTH - 1, "[", "1", "]"));
  g_autofree char *deeper = g_strdup_printf ("{\"a\":%s}", nested (WB_BODY_MAX_DEPTH, "[", "1", "]"));
  g_autofree char *objects = nested (WB_BODY_MAX_DEPTH + 1, "{\"a\":", "1", "}");
  g_autofree char *attack = nested (100000, "[", "", "]");
  g_autofree char *in_text = g_strdup_printf ("{\"a\":\"%s\",\"b\":\"\\\"[{\"}", nested (1000, "[{", "", "}]"));
  g_autoptr(JsonObject) ok = NULL;
  g_autoptr(JsonObject) text = NULL;
  g_autofree char *field = NULL;

  g_clear_pointer (&field, g_free);
  ok = body (deepest, -1, NULL);
  g_assert_nonnull (ok);
  g_assert_null (body (deeper, -1, &field));
  g_assert_cmpstr (field, ==, "");
  g_clear_pointer (&field, g_free);
  g_assert_null (body (objects, -1, &field));
  g_clear_pointer (&field, g_free);
  /* A stack overflow in json-glib before the fix: refused before it parses. */
  g_assert_null (body (attack, -1, &field));
  /* Brackets in a text, also after an escaped quote, are text. */
  text = body (in_text, -1, NULL);
  g_assert_nonnull (text);
  g_assert_cmpstr (json_object_get_string_member (text, "b"), ==, "\"[{");
}

/* A member name is named in a problem cut to 100 bytes, at a character boundary; a name
 * that never ends is not read past the end of the body (found by fuzz-body). */
static void
test_body_long_member_names (void)
{
  g_autofree char *cut = g_strnfill (99, 'a');
  g_autofree char *long_name = g_strdup_printf ("{\"%s\u00e9\":\"\\u0000\"}", cut);
  g_autofree char *field = NULL;
  g_autofree char *open_name = NULL;
  const char *unterminated = "{\"resource[[[[]]]]}";
  /* A name with an escape that is not one (found by fuzz-body too). */
  const char *bad_escape = "{\"city\":\"x\",\"notea\\errgnw1el 2\\ttab\":1}";
  /* Exactly as long as the text, without a NUL or any byte after it. */
  g_autofree char *exact = g_memdup2 (unterminated, strlen (unterminated));

  g_assert_null (body (long_name, -1, &field));
  g_assert_cmpstr (field, ==, cut);
  g_assert_null (body (exact, strlen (unterminated), &open_name));
  g_assert_cmpstr (open_name, ==, "");
  g_assert_null (body (bad_escape, -1, NULL));
}

static void
test_body_nul_and_controls (void)
{
  static const struct {
    const char *json;
    const char *field;   /* NULL when the body is good */
  } cases[] = {
    { "{\"password\":\"werkbrug-demo\\u0000x\"}", "password" },
    { "{\"family_name\":\"Nul\\u0000Byte\"}", "family_name" },
    { "{\"a\":1,\"weights\":{\"skills\":\"\\u0000\"}}", "weights" },
    { "{\"list\":[\"ok\",[\"\\u0000\"]]}", "list" },
    { "{\"na\\u0000me\":1}", "na\\u0000me" },
    { "{\"a\":\"\\uD800\"}", "a" },
    { "{\"a\":\"\\uDC00\\uD800\"}", "a" },
    { "{\"a\":\"\\ud83d\\ude00\"}", NULL },
    { "{\"a\":\"tab\there\"}", "a" },
    { "{\"a\":\"line\nbreak\"}", "a" },
    { "{\"a\":\"\\u0001\\t\\n\"}", NULL },
    { "[\"\\u0000\"]", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *field = NULL;
      g_autoptr(JsonObject) object = body (cases[i].json, -1, &field);

      g_test_message ("%s", cases[i].json);
      if (cases[i].field == NULL)
        g_assert_nonnull (object);
      else
        g_assert_cmpstr (field, ==, cases[i].field);
    }
}

/* Only strict JSON: json-glib takes more, and what it takes besides JSON the scan before it
 * would not follow. */
static void
test_body_strict (void)
{
  static const char * const refused[] = {
    "", "   ", "{'a':1}", "{\"a\":'x\"[[[['}", "{\"a\":1 /* [[[ */}", "{\"a\":0x10}", "{}{}", "{\"a\":1}x",
    "{\"a\":[1,]}", "{\"a\":1,}", "{a:1}", "{\"a\" 1}", "{\"a\":01}", "{\"a\":1.}", "{\"a\":-}", "{\"a\":tru}",
    "{\"a\":\"\\x41\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"open}", "{\"a\":[}", "{\"a\":]}", "[1}", "{\"a\":1]",
    "[]", "\"text\"", "1", "null",
  };
  static const char * const accepted[] = {
    "{}", " { \"a\" : [ 1 , -2.5e+3 , true , false , null , \"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\" , { } , [ ] ] }\r\n",
    "{\"a\":0,\"b\":-0.0,\"c\":1E9,\"d\":\"Coënen\"}",
  };
  g_autofree char *bad_utf8 = g_strdup ("{\"a\":\"\xff\"}");

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_test_message ("refused: %s", refused[i]);
      g_assert_null (body (refused[i], -1, NULL));
    }
  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr(JsonObject) object = body (accepted[i], -1, NULL);

      g_test_message ("accepted: %s", accepted[i]);
      g_assert_nonnull (object);
    }
  g_assert_null (body (bad_utf8, -1, NULL));
  /* A NUL byte in the body itself. */
  g_assert_null (body ("{\"a\":\"x\0y\"}", 11, NULL));
}

/* The schema tables and validation against them */

static void
test_schema_valid_client (void)
{
  g_autofree char *plain = client_errors ("{" GOOD_CLIENT "}", TRUE);
  g_autofree char *full = client_errors ("{" GOOD_CLIENT ",\"street\":\"Akerstraat\",\"house_number\":\"12a\","
                                         "\"postcode\":\"6411 AB\",\"city\":\"Heerlen\",\"driving_licence\":true,"
                                         "\"transport\":\"bicycle\",\"max_travel_km\":25,\"hours_available\":32,"
                                         "\"work_capacity\":80,\"barriers\":[\"schulden\",\"taal\"],"
                                         "\"benefit_start\":\"2024-02-29\",\"in_pool\":false,\"track\":\"plaatsing\","
                                         "\"case_manager_id\":3,\"work_experience\":[],"
                                         "\"sector_preferences\":[\"care\"]}", TRUE);
  g_autofree char *nothing = client_errors ("{}", FALSE);

  g_assert_cmpstr (plain, ==, "");
  /* The nested lists are checked by the store (and a client's competences are refused: they
   * belong to its diagnoses). */
  g_assert_cmpstr (full, ==, "");
  /* An update may change nothing at all. */
  g_assert_cmpstr (nothing, ==, "");
}

/* id, version and the timestamps are the server's: sending them is an error, on a create
 * and on an update alike, rather than being dropped without a word. */
static void
test_schema_server_fields (void)
{
  static const char * const fields[] = { "id", "version", "created_at", "updated_at" };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"%s\":%s}", fields[i], i < 2 ? "5" : "\"2026-01-01T00:00:00Z\"");
      g_autofree char *with = g_strdup_printf ("{" GOOD_CLIENT ",\"%s\":%s}", fields[i], i < 2 ? "5" : "\"x\"");
      g_autofree char *update = client_errors (json, FALSE);
      g_autofree char *create = client_errors (with, TRUE);
      g_autofree char *message = update_message (json);

      g_assert_cmpstr (update, ==, fields[i]);
      g_assert_cmpstr (create, ==, fields[i]);
      g_assert_cmpstr (message, ==, "is set by the server and cannot be written");
    }
}

/* A text field takes no control characters: a single line none at all, a text of several
 * lines its tabs and line breaks; the same for each text in a list. */
static void
test_schema_control_characters (void)
{
  static const struct {
    const char *json;
    const char *field;   /* the field refused, or "" */
  } cases[] = {
    { "{\"family_name\":\"Nul\\u0001Byte\"}", "family_name" },
    { "{\"family_name\":\"Tab\\tBijl\"}", "family_name" },
    { "{\"city\":\"Heerlen\\n\"}", "city" },
    { "{\"city\":\"Heerlen\\u007f\"}", "city" },
    { "{\"city\":\"Heer\\u0085len\"}", "city" },
    { "{\"barriers\":[\"schulden\",\"ta\\u001bal\"]}", "barriers" },
    { "{\"health_notes\":\"Rug.\\nKnie.\\r\\n\\tRust.\"}", "" },
    { "{\"health_notes\":\"Rug\\u0007\"}", "health_notes" },
    { "{\"bsn\":\"12345678\\u0002\"}", "bsn" },
    { "{\"family_name\":\"Coënen-Ğül 😀\"}", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *fields = client_errors (cases[i].json, FALSE);

      g_assert_cmpstr (fields, ==, cases[i].field);
      if (*cases[i].field != '\0' && !g_str_equal (cases[i].field, "bsn"))
        {
          g_autofree char *message = update_message (cases[i].json);

          g_assert_true (g_str_has_prefix (message, "may not contain the control character U+"));
        }
    }
}

static void
test_schema_required (void)
{
  g_autofree char *empty = client_errors ("{}", TRUE);
  g_autofree char *two_missing = client_errors ("{\"organisation_id\":1,\"municipality_id\":2,\"given_name\":\"A\","
                                                "\"family_name\":\"B\",\"bsn\":\"111222333\",\"pc4\":\"6411\","
                                                "\"client_group\":\"ww\"}", TRUE);
  const WbResourceSpec *clients = wb_resource_spec_get (WB_RESOURCE_CLIENTS);
  g_autoptr(GPtrArray) errors = new_errors ();
  g_autoptr(JsonObject) object = parse_object ("{\"given_name\":\"A\"}");

  g_assert_cmpstr (empty, ==, "birth_year,bsn,client_group,family_name,given_name,municipality_id,"
                              "organisation_id,pc4,phase");
  g_assert_cmpstr (two_missing, ==, "birth_year,phase");

  g_assert_false (wb_resource_spec_validate (clients, object, TRUE, errors));
  g_assert_cmpstr (error_for (errors, "bsn"), ==, "is required");
  g_assert_null (error_for (errors, "given_name"));
}

static void
test_schema_unknown_and_readonly (void)
{
  g_autofree char *unknown = client_errors ("{" GOOD_CLIENT ",\"colour\":\"blue\"}", TRUE);
  g_autofree char *readonly = client_errors ("{" GOOD_CLIENT ",\"last_activity\":\"2026-01-01\","
                                             "\"diagnosis_date\":\"2026-01-01\"}", TRUE);
  g_autofree char *readonly_update = client_errors ("{\"diagnosis_date\":\"2026-01-01\"}", FALSE);
  g_autofree char *unknown_message = update_message ("{\"password_hash\":\"x\"}");
  g_autofree char *readonly_message = update_message ("{\"last_activity\":\"2026-01-01\"}");

  g_assert_cmpstr (unknown, ==, "colour");
  g_assert_cmpstr (readonly, ==, "diagnosis_date,last_activity");
  g_assert_cmpstr (readonly_update, ==, "diagnosis_date");
  g_assert_cmpstr (unknown_message, ==, "is not a field of this record");
  g_assert_cmpstr (readonly_message, ==, "is set by the server and cannot be written");
}

static void
test_schema_immutable (void)
{
  g_autofree char *on_create = client_errors ("{" GOOD_CLIENT "}", TRUE);
  g_autofree char *on_update = client_errors ("{\"organisation_id\":1,\"phase\":\"work_ready\"}", FALSE);
  g_autofree char *mutable = client_errors ("{\"municipality_id\":3,\"phase\":\"work_ready\"}", FALSE);
  g_autofree char *message = update_message ("{\"organisation_id\":2}");
  const WbResourceSpec *employers = wb_resource_spec_get (WB_RESOURCE_EMPLOYERS);
  g_autoptr(GPtrArray) errors = new_errors ();
  g_autoptr(JsonObject) kvk = parse_object ("{\"kvk\":\"12345678\",\"name\":\"Nieuw\"}");

  /* The owning organisation is given once, at creation. */
  g_assert_cmpstr (on_create, ==, "");
  g_assert_cmpstr (on_update, ==, "organisation_id");
  g_assert_cmpstr (mutable, ==, "");
  g_assert_cmpstr (message, ==, "cannot be changed after the record was created");

  g_assert_false (wb_resource_spec_validate (employers, kvk, FALSE, errors));
  g_assert_cmpuint (errors->len, ==, 1);
  g_assert_cmpstr (((WbFieldError *) errors->pdata[0])->field, ==, "kvk");
}

static void
test_schema_types (void)
{
  static const struct { const char *json; const char *field; const char *message; } cases[] = {
    { "{\"municipality_id\":\"2\"}", "municipality_id", "must be a whole number" },
    { "{\"municipality_id\":2.0}", "municipality_id", "must be a whole number" },
    { "{\"municipality_id\":0}", "municipality_id", "must be the id of an existing record" },
    { "{\"case_manager_id\":-4}", "case_manager_id", "must be the id of an existing record" },
    { "{\"birth_year\":\"1980\"}", "birth_year", "must be a whole number" },
    { "{\"birth_year\":1980.5}", "birth_year", "must be a whole number" },
    { "{\"birth_year\":true}", "birth_year", "must be a whole number" },
    { "{\"given_name\":5}", "given_name", "must be a text" },
    { "{\"given_name\":{\"first\":\"A\"}}", "given_name", "must be a text" },
    { "{\"given_name\":[\"A\"]}", "given_name", "must be a text" },
    { "{\"given_name\":\"\"}", "given_name", "may not be empty" },
    { "{\"phase\":[\"intake\"]}", "phase", "must be a text" },
    { "{\"driving_licence\":\"ja\"}", "driving_licence", "must be true or false" },
    { "{\"driving_licence\":1}", "driving_licence", "must be true or false" },
    { "{\"barriers\":\"schulden\"}", "barriers", "must be a list of texts" },
    { "{\"barriers\":[\"schulden\",1]}", "barriers", "must be a list of texts" },
    { "{\"bsn\":111222333}", "bsn", "must be a text" },
    { "{\"bsn\":\"123456789\"}", "bsn", "is not a valid citizen service number (BSN): nine digits that pass the eleven-test" },
    { "{\"pc4\":\"0123\"}", "pc4", "is not a postcode area: four digits from 1000 to 9999" },
    { "{\"pc4\":6411}", "pc4", "must be a text" },
    { "{\"postcode\":\"641 AB\"}", "postcode", "is not a Dutch postcode such as 6411 AB" },
    { "{\"benefit_start\":\"2023-02-29\"}", "benefit_start", "must be a date written as YYYY-MM-DD" },
    { "{\"benefit_start\":\"29-02-2024\"}", "benefit_start", "must be a date written as YYYY-MM-DD" },
    { "{\"phone\":\"not a phone number\"}", "phone", "is not a telephone number such as 06-12345678 or +32 4 123 45 67" },
    { "{\"phone\":6412345678}", "phone", "must be a text" },
    { "{\"email\":\"aisha.habets\"}", "email", "is not an e-mail address such as name@example.org" },
    { "{\"competences\":[{\"competence_id\":3,\"level\":4}]}", "competences",
      "come from the latest diagnosis: record them with a new diagnosis" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const WbResourceSpec *clients = wb_resource_spec_get (WB_RESOURCE_CLIENTS);
      g_autoptr(GPtrArray) errors = new_errors ();
      g_autoptr(JsonObject) object = parse_object (cases[i].json);

      g_test_message ("%s", cases[i].json);
      g_assert_false (wb_resource_spec_validate (clients, object, FALSE, errors));
      g_assert_cmpuint (errors->len, ==, 1);
      g_assert_cmpstr (((WbFieldError *) errors->pdata[0])->field, ==, cases[i].field);
      g_assert_cmpstr (((WbFieldError *) errors->pdata[0])->message, ==, cases[i].message);
    }
}

/* Each kind of event says what the monitor needs of it; a note needs its text, and a
 * correction or withdrawal the event it replaces and why. */
static void
test_schema_event_kinds (void)
{
  static const struct { const char *json; const char *missing; } cases[] = {
    { "{\"kind\":\"note\",\"date\":\"2026-11-02\"}", "note" },
    { "{\"kind\":\"note\",\"date\":\"2026-11-02\",\"note\":\" \\n \"}", "note" },
    { "{\"kind\":\"note\",\"date\":\"2026-11-02\",\"note\":\"Gebeld\"}", "" },
    { "{\"kind\":\"withdrawal\",\"date\":\"2026-11-02\"}", "corrects_id" },
    { "{\"kind\":\"withdrawal\",\"date\":\"2026-11-02\",\"corrects_id\":7}", "correction_reason" },
    { "{\"kind\":\"withdrawal\",\"date\":\"2026-11-02\",\"corrects_id\":7,\"correction_reason\":\"Verkeerde klant\"}", "" },
    { "{\"kind\":\"note\",\"date\":\"2026-11-02\",\"note\":\"Gebeld\",\"corrects_id\":7,\"correction_reason\":\"\"}",
      "correction_reason" },
    { "{\"kind\":\"track_start\",\"date\":\"2026-11-02\"}", "instrument" },
    { "{\"kind\":\"track_start\",\"date\":\"2026-11-02\",\"instrument\":\"jobcoaching\"}", "" },
    { "{\"kind\":\"track_end\",\"date\":\"2026-11-02\",\"instrument\":null}", "instrument" },
    { "{\"kind\":\"placement\",\"date\":\"2026-11-02\"}", "employer_id hours contract outflow_type" },
    { "{\"kind\":\"placement\",\"date\":\"2026-11-02\",\"employer_id\":4,\"hours\":24,"
      "\"contract\":\"temporary\"}", "outflow_type" },
    { "{\"kind\":\"placement\",\"date\":\"2026-11-02\",\"employer_id\":4,\"hours\":24,"
      "\"contract\":\"temporary\",\"outflow_type\":\"partial\"}", "" },
    { "{\"kind\":\"outflow\",\"date\":\"2026-11-02\",\"outflow_type\":\"full\",\"reason\":\"\"}", "reason" },
    { "{\"kind\":\"outflow\",\"date\":\"2026-11-02\",\"outflow_type\":\"full\",\"reason\":\"werk\"}", "" },
    { "{\"kind\":\"return_to_benefit\",\"date\":\"2026-11-02\"}", "reason" },
  };
  const WbResourceSpec *events = wb_resource_spec_get (WB_RESOURCE_EVENTS);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) errors = new_errors ();
      g_autoptr(JsonObject) object = parse_object (cases[i].json);
      g_autoptr(GString) fields = g_string_new (NULL);

      g_test_message ("%s", cases[i].json);
      g_assert_cmpint (wb_resource_spec_validate (events, object, TRUE, errors), ==, *cases[i].missing == '\0');
      for (guint e = 0; e < errors->len; e++)
        {
          const WbFieldError *error = errors->pdata[e];

          g_string_append_printf (fields, "%s%s", e > 0 ? " " : "", error->field);
          g_assert_true (g_str_has_prefix (error->message, "is required: "));
        }
      g_assert_cmpstr (fields->str, ==, cases[i].missing);

      /* An update does not have to say it all again (and does not change what an event
       * corrects: that is a field of its creation). */
      g_ptr_array_set_size (errors, 0);
      json_object_remove_member (object, "kind");
      json_object_remove_member (object, "corrects_id");
      json_object_remove_member (object, "correction_reason");
      g_assert_true (wb_resource_spec_validate (events, object, FALSE, errors));
    }
}

static void
test_schema_long_text (void)
{
  g_autofree char *long_name = g_strnfill (10001, 'a');
  g_autofree char *max_name = g_strnfill (10000, 'a');
  g_autofree char *too_long = g_strdup_printf ("{\"family_name\":\"%s\"}", long_name);
  g_autofree char *just_right = g_strdup_printf ("{\"family_name\":\"%s\"}", max_name);
  g_autofree char *too_long_fields = client_errors (too_long, FALSE);
  g_autofree char *just_right_fields = client_errors (just_right, FALSE);

  g_assert_cmpstr (too_long_fields, ==, "family_name");
  g_assert_cmpstr (just_right_fields, ==, "");
}

static void
test_schema_enums (void)
{
  g_autofree char *bad_group = client_errors ("{\"client_group\":\"rich\"}", FALSE);
  g_autofree char *case_matters = client_errors ("{\"client_group\":\"WW\"}", FALSE);
  g_autofree char *bad_transport = client_errors ("{\"transport\":\"rocket\",\"track\":\"activering\"}", FALSE);
  g_autofree char *message = update_message ("{\"track\":\"fast\"}");
  g_autofree char *all_groups = NULL;

  g_assert_cmpstr (bad_group, ==, "client_group");
  g_assert_cmpstr (case_matters, ==, "client_group");
  g_assert_cmpstr (bad_transport, ==, "transport");
  g_assert_cmpstr (message, ==, "must be one of: activering, plaatsing");

  /* Every value of every enumeration the client table uses is accepted. */
  for (guint i = 0; i < wb_resource_spec_get (WB_RESOURCE_CLIENTS)->n_fields; i++)
    {
      const WbFieldSpec *field = &wb_resource_spec_get (WB_RESOURCE_CLIENTS)->fields[i];

      if (field->type != WB_FIELD_ENUM)
        continue;
      for (guint v = 0; field->values[v] != NULL; v++)
        {
          g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), field->values[v]);
          g_autofree char *why = NULL;

          g_assert_true (wb_field_spec_check_value (field, node, &why));
          g_assert_null (why);
        }
    }

  g_assert_true (wb_enum_contains (wb_client_groups, "nugger"));
  g_assert_false (wb_enum_contains (wb_client_groups, "nuggers"));
  g_assert_false (wb_enum_contains (wb_client_groups, NULL));
  g_assert_false (wb_enum_contains (NULL, "ww"));
  g_assert_cmpuint (g_strv_length ((char **) wb_roles), ==, 6);
  all_groups = g_strjoinv (",", (char **) wb_client_groups);
  g_assert_cmpstr (all_groups, ==, "participatiewet,ww,wajong,wia,wsw,nieuw_beschut,statushouder,"
                                   "school_leaver,doelgroepregister,nugger");
}

static void
test_schema_ranges (void)
{
  static const struct { const char *json; gboolean ok; } cases[] = {
    { "{\"birth_year\":1929}", FALSE },
    { "{\"birth_year\":1930}", TRUE },
    { "{\"birth_year\":2015}", TRUE },
    { "{\"birth_year\":2016}", FALSE },
    { "{\"hours_available\":0}", TRUE },
    { "{\"hours_available\":40}", TRUE },
    { "{\"hours_available\":41}", FALSE },
    { "{\"work_capacity\":100}", TRUE },
    { "{\"work_capacity\":101}", FALSE },
    { "{\"work_capacity\":-1}", FALSE },
    { "{\"max_travel_km\":200}", TRUE },
    { "{\"max_travel_km\":201}", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *fields = client_errors (cases[i].json, FALSE);

      g_test_message ("%s", cases[i].json);
      if (cases[i].ok)
        g_assert_cmpstr (fields, ==, "");
      else
        g_assert_cmpstr (fields, !=, "");
    }

  {
    g_autofree char *message = update_message ("{\"birth_year\":1800}");
    g_assert_cmpstr (message, ==, "must be between 1930 and 2015");
  }
}

static void
test_schema_nullable (void)
{
  g_autofree char *nullable = client_errors ("{\"transport\":null,\"health_notes\":null,\"street\":null,"
                                             "\"work_capacity\":null,\"case_manager_id\":null,"
                                             "\"benefit_start\":null,\"postcode\":null}", FALSE);
  g_autofree char *not_nullable = client_errors ("{\"given_name\":null,\"birth_year\":null,\"driving_licence\":null,"
                                                 "\"barriers\":null,\"phase\":null,\"in_pool\":null}", FALSE);
  g_autofree char *required_null = client_errors ("{\"organisation_id\":1,\"municipality_id\":2,\"given_name\":\"A\","
                                                  "\"family_name\":\"B\",\"bsn\":\"111222333\",\"pc4\":\"6411\","
                                                  "\"birth_year\":1980,\"client_group\":\"ww\",\"phase\":null}", TRUE);
  g_autofree char *message = update_message ("{\"phase\":null}");

  g_assert_cmpstr (nullable, ==, "");
  g_assert_cmpstr (not_nullable, ==, "barriers,birth_year,driving_licence,given_name,in_pool,phase");
  /* A required field sent as null is one error, not two. */
  g_assert_cmpstr (required_null, ==, "phase");
  g_assert_cmpstr (message, ==, "may not be empty");
}

static void
test_schema_appends_errors (void)
{
  const WbResourceSpec *clients = wb_resource_spec_get (WB_RESOURCE_CLIENTS);
  g_autoptr(GPtrArray) errors = new_errors ();
  g_autoptr(JsonObject) good = parse_object ("{" GOOD_CLIENT "}");
  g_autoptr(JsonObject) bad = parse_object ("{\"pc4\":\"12\"}");
  WbFieldError *earlier = g_new0 (WbFieldError, 1);

  /* Errors found before stay, and do not make a later valid object invalid. */
  earlier->field = g_strdup ("earlier");
  earlier->message = g_strdup ("was wrong");
  g_ptr_array_add (errors, earlier);
  g_assert_true (wb_resource_spec_validate (clients, good, TRUE, errors));
  g_assert_cmpuint (errors->len, ==, 1);
  g_assert_false (wb_resource_spec_validate (clients, bad, FALSE, errors));
  g_assert_cmpuint (errors->len, ==, 2);
  g_assert_cmpstr (((WbFieldError *) errors->pdata[0])->field, ==, "earlier");
  g_assert_cmpstr (((WbFieldError *) errors->pdata[1])->field, ==, "pc4");
}

static void
test_schema_tables (void)
{
  g_assert_true (wb_resource_spec_lookup ("action-points") == wb_resource_spec_get (WB_RESOURCE_ACTION_POINTS));
  g_assert_true (wb_resource_spec_lookup ("clients") == wb_resource_spec_get (WB_RESOURCE_CLIENTS));
  g_assert_null (wb_resource_spec_lookup ("action_points"));
  g_assert_null (wb_resource_spec_lookup ("client"));
  g_assert_cmpstr (wb_resource_spec_get (WB_RESOURCE_CONTACTS)->table, ==, "employer_contacts");
  g_assert_cmpstr (wb_resource_spec_get (WB_RESOURCE_AUDIT)->table, ==, "audit_log");
  g_assert_null (wb_resource_spec_find_field (wb_resource_spec_get (WB_RESOURCE_CLIENTS), "password_hash"));
  g_assert_cmpint (wb_resource_spec_find_field (wb_resource_spec_get (WB_RESOURCE_CLIENTS), "bsn")->type, ==, WB_FIELD_BSN);

  for (WbResource r = 0; r < WB_N_RESOURCES; r++)
    {
      const WbResourceSpec *spec = wb_resource_spec_get (r);
      const WbFieldSpec *sort;

      g_assert_cmpint (spec->resource, ==, r);
      g_assert_true (wb_resource_spec_lookup (spec->name) == spec);
      g_assert_cmpuint (spec->n_fields, >, 0);
      if (spec->parent_field != NULL)
        g_assert_nonnull (wb_resource_spec_find_field (spec, spec->parent_field));

      /* The default sort is a sortable field. */
      sort = wb_resource_spec_find_field (spec, spec->default_sort[0] == '-' ? spec->default_sort + 1 : spec->default_sort);
      g_assert_nonnull (sort);
      g_assert_true (sort->flags & WB_FIELD_SORT);

      for (guint i = 0; i < spec->n_fields; i++)
        {
          const WbFieldSpec *field = &spec->fields[i];

          /* Identity and health are never part of the pseudonymous profile. */
          g_assert_false ((field->flags & (WB_FIELD_IDENTITY | WB_FIELD_HEALTH)) && (field->flags & WB_FIELD_PUBLIC));
          /* A field that must be given cannot be one only the server writes. */
          g_assert_false ((field->flags & WB_FIELD_REQUIRED) && (field->flags & WB_FIELD_READONLY));
          g_assert_true (field->type != WB_FIELD_ENUM || field->values != NULL);
          g_assert_true (field->type != WB_FIELD_REF || field->ref_table != NULL);
          g_assert_true (wb_resource_spec_find_field (spec, field->name) == field);
        }
    }
}

/* Records and ETags */

static void
test_record_getters (void)
{
  g_autoptr(JsonObject) object = parse_object ("{\"id\":7,\"version\":3,\"name\":\"Parkstad Logistiek\",\"active\":true,"
                                               "\"learn_work\":false,\"score\":0.75,\"employee_count\":40,"
                                               "\"owner_id\":null,\"list\":[1,2,3],\"nested\":{\"a\":1}}");
  g_autoptr(WbRecord) record = wb_record_new (WB_RESOURCE_EMPLOYERS, object);
  g_autoptr(JsonObject) back = NULL;
  g_autofree char *json = NULL;
  gint64 id = 0, version = 0;

  g_assert_cmpint (wb_record_get_resource (record), ==, WB_RESOURCE_EMPLOYERS);
  g_assert_cmpint (wb_record_get_id (record), ==, 7);
  g_assert_cmpint (wb_record_get_version (record), ==, 3);
  g_assert_true (wb_record_get_object (record) == object);
  g_assert_cmpstr (wb_record_get_string (record, "name"), ==, "Parkstad Logistiek");
  g_assert_cmpint (wb_record_get_int (record, "employee_count"), ==, 40);
  g_assert_true (wb_record_get_boolean (record, "active"));
  g_assert_false (wb_record_get_boolean (record, "learn_work"));
  g_assert_cmpfloat (wb_record_get_double (record, "score"), ==, 0.75);
  g_assert_cmpfloat (wb_record_get_double (record, "employee_count"), ==, 40.0);
  g_assert_cmpuint (json_array_get_length (wb_record_get_array (record, "list")), ==, 3);

  /* Missing, null and wrongly typed members read as empty, without warnings. */
  g_assert_null (wb_record_get_string (record, "missing"));
  g_assert_null (wb_record_get_string (record, "employee_count"));
  g_assert_null (wb_record_get_string (record, "owner_id"));
  g_assert_cmpint (wb_record_get_int (record, "missing"), ==, 0);
  g_assert_cmpint (wb_record_get_int (record, "owner_id"), ==, 0);
  g_assert_cmpint (wb_record_get_int (record, "nested"), ==, 0);
  g_assert_false (wb_record_get_boolean (record, "missing"));
  g_assert_cmpfloat (wb_record_get_double (record, "missing"), ==, 0.0);
  g_assert_null (wb_record_get_array (record, "name"));
  g_assert_null (wb_record_get_array (record, "missing"));
  g_assert_true (wb_record_has_field (record, "owner_id"));
  g_assert_false (wb_record_has_field (record, "missing"));

  g_object_get (record, "id", &id, "version", &version, NULL);
  g_assert_cmpint (id, ==, 7);
  g_assert_cmpint (version, ==, 3);

  json = wb_record_to_json (record);
  back = parse_object (json);
  g_assert_cmpuint (json_object_get_size (back), ==, json_object_get_size (object));
  g_assert_cmpstr (json_object_get_string_member (back, "name"), ==, "Parkstad Logistiek");
  g_assert_cmpint (json_object_get_int_member (back, "version"), ==, 3);
  g_assert_true (json_object_get_null_member (back, "owner_id"));
}

static void
test_etag (void)
{
  static const gint64 versions[] = { 1, 3, 10, 4096, G_MAXINT64 };
  static const char * const garbage[] = {
    "v3", "\"3\"", "\"v\"", "\"v3x\"", "\"v3\" ", " \"v3\"", "\"v3", "v3\"", "\"V3\"", "\"v0\"", "\"v-1\"",
    "\"v 3\"", "\"v+3\"", "\"v99999999999999999999\"", "w/\"v3\"", "W/", "W/v3", "*", "", "\"\"",
  };
  g_autofree char *three = wb_etag_for_version (3);
  gint64 version = 0;

  g_assert_cmpstr (three, ==, "\"v3\"");

  for (guint i = 0; i < G_N_ELEMENTS (versions); i++)
    {
      g_autofree char *etag = wb_etag_for_version (versions[i]);
      g_autofree char *weak = g_strconcat ("W/", etag, NULL);

      version = 0;
      g_assert_true (wb_etag_parse (etag, &version));
      g_assert_cmpint (version, ==, versions[i]);
      version = 0;
      g_assert_true (wb_etag_parse (weak, &version));
      g_assert_cmpint (version, ==, versions[i]);
    }

  /* Garbage is refused and leaves the version alone. */
  for (guint i = 0; i < G_N_ELEMENTS (garbage); i++)
    {
      version = 77;
      g_test_message ("etag %s", garbage[i]);
      g_assert_false (wb_etag_parse (garbage[i], &version));
      g_assert_cmpint (version, ==, 77);
    }
  g_assert_false (wb_etag_parse (NULL, &version));
  g_assert_cmpint (version, ==, 77);

  {
    g_autoptr(JsonObject) object = parse_object ("{\"id\":1,\"version\":12}");
    g_autoptr(WbRecord) record = wb_record_new (WB_RESOURCE_CLIENTS, object);
    g_autofree char *etag = wb_record_dup_etag (record);

    g_assert_cmpstr (etag, ==, "\"v12\"");
    g_assert_true (wb_etag_parse (etag, &version));
    g_assert_cmpint (version, ==, wb_record_get_version (record));
  }
}

/* Problem details */

static void
test_problem_json (void)
{
  g_autoptr(WbProblem) problem = wb_problem_new (400, "The record is not valid", "Fix the fields below");
  g_autoptr(JsonObject) object = NULL;
  g_autofree char *json = NULL;
  JsonArray *errors;
  JsonObject *first;

  wb_problem_add_error (problem, "bsn", "is not valid");
  wb_problem_add_error (problem, "pc4", "is not four digits");
  g_assert_cmpstr (problem->type, ==, "urn:werkbrug:problem:400");
  g_assert_cmpstr (wb_problem_get_error (problem, "bsn"), ==, "is not valid");

  json = wb_problem_to_json (problem);
  object = parse_object (json);
  g_assert_cmpuint (json_object_get_size (object), ==, 5);
  g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, "urn:werkbrug:problem:400");
  g_assert_cmpstr (json_object_get_string_member (object, "title"), ==, "The record is not valid");
  g_assert_cmpint (json_object_get_int_member (object, "status"), ==, 400);
  g_assert_cmpstr (json_object_get_string_member (object, "detail"), ==, "Fix the fields below");
  errors = json_object_get_array_member (object, "errors");
  g_assert_cmpuint (json_array_get_length (errors), ==, 2);
  first = json_array_get_object_element (errors, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "field"), ==, "bsn");
  g_assert_cmpstr (json_object_get_string_member (first, "message"), ==, "is not valid");
}

static void
test_problem_without_extras (void)
{
  g_autoptr(WbProblem) problem = wb_problem_new (404, "Not found", NULL);
  g_autoptr(JsonObject) object = NULL;
  g_autofree char *json = wb_problem_to_json (problem);

  /* No detail and no field errors: neither member is written. */
  object = parse_object (json);
  g_assert_cmpuint (json_object_get_size (object), ==, 3);
  g_assert_false (json_object_has_member (object, "detail"));
  g_assert_false (json_object_has_member (object, "errors"));
  g_assert_null (wb_problem_get_error (problem, "bsn"));
}

static void
test_problem_round_trip (void)
{
  g_autoptr(WbProblem) problem = wb_problem_new (412, "The record changed", "Reload it");
  g_autoptr(WbProblem) back = NULL;
  g_autoptr(WbProblem) again = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_again = NULL;

  wb_problem_add_error (problem, "bsn", "is not valid");
  wb_problem_add_error (problem, "competences[2]", "competence_id 9 does not exist");
  wb_problem_add_error (problem, "note", "bevat \"aanhalingstekens\" en é");
  json = wb_problem_to_json (problem);
  back = wb_problem_from_json (412, json, strlen (json));

  g_assert_cmpuint (back->status, ==, 412);
  g_assert_cmpstr (back->type, ==, "urn:werkbrug:problem:412");
  g_assert_cmpstr (back->title, ==, "The record changed");
  g_assert_cmpstr (back->detail, ==, "Reload it");
  g_assert_cmpuint (back->errors->len, ==, 3);
  for (guint i = 0; i < problem->errors->len; i++)
    {
      WbFieldError *want = problem->errors->pdata[i];
      WbFieldError *got = back->errors->pdata[i];

      g_assert_cmpstr (got->field, ==, want->field);
      g_assert_cmpstr (got->message, ==, want->message);
    }
  g_assert_cmpstr (wb_problem_get_error (back, "competences[2]"), ==, "competence_id 9 does not exist");
  g_assert_null (wb_problem_get_error (back, "name"));

  /* Writing what was read gives the same text. */
  json_again = wb_problem_to_json (back);
  g_assert_cmpstr (json_again, ==, json);
  again = wb_problem_from_json (412, json_again, -1);
  g_assert_cmpuint (again->errors->len, ==, 3);
}

static void
test_problem_garbage (void)
{
  static const char * const bodies[] = {
    "<html>Bad gateway</html>",
    "",
    "[1,2,3]",
    "\"just a string\"",
    "{\"title\":{\"nested\":true},\"detail\":[1],\"type\":5,\"errors\":{\"bsn\":\"x\"}}",
    "{\"title\":\"Half\",\"errors\":[1,\"two\",{\"field\":{\"x\":1},\"message\":[2]},{\"field\":\"pc4\",\"message\":\"wrong\"}]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(WbProblem) problem = wb_problem_from_json (502, bodies[i], strlen (bodies[i]));
      g_autofree char *json = NULL;

      g_test_message ("%s", bodies[i]);
      g_assert_nonnull (problem);
      g_assert_cmpuint (problem->status, ==, 502);
      g_assert_nonnull (problem->type);
      /* Whatever came in can be written out again. */
      json = wb_problem_to_json (problem);
      g_assert_nonnull (json);
    }

  {
    g_autoptr(WbProblem) problem = wb_problem_from_json (502, bodies[0], strlen (bodies[0]));

    g_assert_null (problem->title);
    g_assert_null (problem->detail);
    g_assert_cmpstr (problem->type, ==, "urn:werkbrug:problem:502");
    g_assert_cmpuint (problem->errors->len, ==, 0);
  }
  {
    g_autoptr(WbProblem) problem = wb_problem_from_json (400, bodies[5], strlen (bodies[5]));

    g_assert_cmpstr (problem->title, ==, "Half");
    g_assert_cmpstr (wb_problem_get_error (problem, "pc4"), ==, "wrong");
  }
  {
    g_autoptr(WbProblem) problem = wb_problem_from_json (500, NULL, 0);

    g_assert_cmpuint (problem->status, ==, 500);
    g_assert_null (problem->title);
  }
}

/* The match workflow */

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
  g_assert_true (wb_match_state_is_final ("placed"));
  g_assert_true (wb_match_state_is_final ("rejected"));
  g_assert_true (wb_match_state_is_final ("withdrawn"));
  g_assert_false (wb_match_state_is_final ("interview"));
  g_assert_false (wb_match_state_is_final ("suggested"));
}

/* The CSV writer: what Dutch Excel opens, quoting only where needed, and no formula runs. */
static void
test_csv_writer (void)
{
  g_autoptr(WbCsvWriter) csv = wb_csv_writer_new ();
  g_autofree char *text = NULL;
  gsize length;

  wb_csv_writer_add_text (csv, "Naam");
  wb_csv_writer_add_text (csv, "Waarde");
  wb_csv_writer_add_text (csv, NULL);
  wb_csv_writer_end_record (csv);
  wb_csv_writer_add_text (csv, "Bakkerij \"De Korst\"; Heerlen");
  wb_csv_writer_add_number (csv, 1234.56, 1);
  wb_csv_writer_add_integer (csv, -42);
  wb_csv_writer_end_record (csv);
  wb_csv_writer_add_text (csv, "=SUM(A1:A9)");
  wb_csv_writer_add_text (csv, "-5");
  wb_csv_writer_add_text (csv, "twee\nregels");
  wb_csv_writer_end_record (csv);
  wb_csv_writer_add_number (csv, 0.125, 2);
  wb_csv_writer_add_number (csv, 7, 0);
  wb_csv_writer_end_record (csv);

  text = wb_csv_writer_free_to_text (g_steal_pointer (&csv), &length);
  g_assert_cmpuint (length, ==, strlen (text));
  g_assert_cmpstr (text, ==,
                   "\xEF\xBB\xBF" "Naam;Waarde;\r\n"
                   "\"Bakkerij \"\"De Korst\"\"; Heerlen\";1234,6;-42\r\n"
                   "\"'=SUM(A1:A9)\";\"'-5\";\"twee\nregels\"\r\n"
                   "0,12;7\r\n");
}

/* Every subregion has its opportunity sectors (seed 001), each a sector the schema knows. */
static void
test_opportunity_sectors (void)
{
  g_assert_true (wb_is_opportunity_sector ("Parkstad", "care"));
  g_assert_true (wb_is_opportunity_sector ("Maastricht-Heuvelland", "hospitality"));
  g_assert_true (wb_is_opportunity_sector ("Westelijke Mijnstreek", "automotive"));
  g_assert_false (wb_is_opportunity_sector ("Parkstad", "automotive"));
  g_assert_false (wb_is_opportunity_sector ("Zuid-Limburg", "care"));
  g_assert_false (wb_is_opportunity_sector (NULL, "care"));
  g_assert_false (wb_is_opportunity_sector ("Parkstad", NULL));
  g_assert_null (wb_region_opportunity_sectors ("Zuid-Limburg"));

  for (guint r = 0; r < 3; r++)
    {
      const char * const *sectors = wb_region_opportunity_sectors (wb_regions[r]);

      g_assert_nonnull (sectors);
      g_assert_cmpuint (g_strv_length ((char **) sectors), >=, 3);
      for (guint i = 0; sectors[i] != NULL; i++)
        g_assert_true (wb_enum_contains (wb_sectors, sectors[i]));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/validate/bsn-eleven-test", test_bsn);
  g_test_add_func ("/core/validate/kvk-eight-digits", test_kvk);
  g_test_add_func ("/core/validate/pc4-from-1000", test_pc4);
  g_test_add_func ("/core/validate/postcode-with-and-without-space", test_postcode);
  g_test_add_func ("/core/validate/phone-dutch-and-international", test_phone);
  g_test_add_func ("/core/validate/email", test_email);
  g_test_add_func ("/core/validate/dates-and-leap-years", test_dates);
  g_test_add_func ("/core/validate/age-bands", test_age_bands);
  g_test_add_func ("/core/validate/capacity-bands", test_capacity_bands);
  g_test_add_func ("/core/body/depth-is-limited-before-parsing", test_body_depth);
  g_test_add_func ("/core/body/nul-surrogates-and-raw-controls", test_body_nul_and_controls);
  g_test_add_func ("/core/body/strict-json-only", test_body_strict);
  g_test_add_func ("/core/body/long-member-names", test_body_long_member_names);
  g_test_add_func ("/core/schema/valid-client-passes", test_schema_valid_client);
  g_test_add_func ("/core/schema/server-fields-are-refused", test_schema_server_fields);
  g_test_add_func ("/core/schema/control-characters", test_schema_control_characters);
  g_test_add_func ("/core/schema/required-on-create", test_schema_required);
  g_test_add_func ("/core/schema/unknown-and-read-only-fields", test_schema_unknown_and_readonly);
  g_test_add_func ("/core/schema/immutable-on-update", test_schema_immutable);
  g_test_add_func ("/core/schema/wrong-json-types-name-the-field", test_schema_types);
  g_test_add_func ("/core/schema/event-kinds-say-what-they-need", test_schema_event_kinds);
  g_test_add_func ("/core/schema/text-length-limit", test_schema_long_text);
  g_test_add_func ("/core/schema/enum-values", test_schema_enums);
  g_test_add_func ("/core/schema/int-ranges", test_schema_ranges);
  g_test_add_func ("/core/schema/nullable-fields", test_schema_nullable);
  g_test_add_func ("/core/schema/appends-to-errors", test_schema_appends_errors);
  g_test_add_func ("/core/schema/resource-tables", test_schema_tables);
  g_test_add_func ("/core/record/getters", test_record_getters);
  g_test_add_func ("/core/record/etag-format-and-parse", test_etag);
  g_test_add_func ("/core/problem/to-json", test_problem_json);
  g_test_add_func ("/core/problem/without-detail-or-errors", test_problem_without_extras);
  g_test_add_func ("/core/problem/round-trip", test_problem_round_trip);
  g_test_add_func ("/core/problem/garbage-in", test_problem_garbage);
  g_test_add_func ("/core/match-workflow/transitions", test_match_workflow);
  g_test_add_func ("/core/csv-writer/dutch-excel-and-no-formulas", test_csv_writer);
  g_test_add_func ("/core/schema/opportunity-sectors", test_opportunity_sectors);

  return g_test_run ();
}
