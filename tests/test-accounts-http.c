/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Employer accounts over HTTP, against a real werkbrug-server on a loopback port: the
 * rule of an account, the coordinator's review queue and its decisions, notifications,
 * the two-parties warning, the export for Dutch Excel and the import of employers. Every
 * name here is made up. */

#define G_LOG_DOMAIN "test-accounts-http"

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "wb-api-accounts.h"
#include "wb-format.h"
#include "wb-password.h"
#include "wb-store.h"
#include "wb-test-server.h"
#include "wb-test-store.h"
#include "wb-test-util.h"

#define PASSWORD "correct horse battery"

static struct {
  char *dir;
  char *db;
  char *today;
  WbTestServer *server;
  gint64 heerlen, maastricht;
  gint64 org_wsp, org_h, org_m, org_wsp_p;
  gint64 coord, wsp1, wsp2, left, lam, lam2, mlam, consultant, analyst, pcoord;
  gint64 e_ok, e_pending, e_wrong, e_left, e_noowner, e_dup_a, e_dup_b;
  gint64 e_excepted, e_size, e_two, e_dormant, e_formula;
  GHashTable *tokens;  /* username -> token */
  guint decisions;     /* decisions taken so far, each of which must leave an audit row */
} fx;

/* Fixture */

#define ID "%" G_GINT64_FORMAT

static gint64
add_employer (WbStore    *store,
              const char *kvk,
              const char *name,
              int         employees,
              const char *pc4,
              gint64      municipality,
              gint64      owner,
              const char *extra)
{
  g_autofree char *owner_json = owner > 0 ? g_strdup_printf (",\"owner_id\":" ID, owner) : g_strdup ("");
  g_autofree char *escaped = g_strescape (name, NULL);

  return wb_test_insert_printf (store, WB_RESOURCE_EMPLOYERS,
                                "{\"kvk\":\"%s\",\"name\":\"%s\",\"sector\":\"logistics\",\"employee_count\":%d,"
                                "\"pc4\":\"%s\",\"municipality_id\":" ID ",\"active\":true%s%s}",
                                kvk, escaped, employees, pc4, municipality, owner_json, extra != NULL ? extra : "");
}

static void
create_fixture (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbStore) store = NULL;
  g_autoptr(JsonObject) leaving = json_object_new ();
  g_autofree char *hash = NULL;
  g_autofree char *exception = NULL;

  fx.dir = wb_test_make_dir ();
  fx.db = g_build_filename (fx.dir, "accounts.db", NULL);
  fx.today = wb_store_today ();
  store = wb_store_open (fx.db, &error);
  g_assert_no_error (error);

  fx.heerlen = wb_test_insert (store, WB_RESOURCE_MUNICIPALITIES, "{\"code\":\"GM0917\",\"name\":\"Heerlen\",\"region\":\"Parkstad\"}");
  fx.maastricht = wb_test_insert (store, WB_RESOURCE_MUNICIPALITIES,
                                  "{\"code\":\"GM0935\",\"name\":\"Maastricht\",\"region\":\"Maastricht-Heuvelland\"}");
  fx.org_wsp = wb_test_insert_printf (store, WB_RESOURCE_ORGANISATIONS,
                                      "{\"code\":\"wsp\",\"name\":\"WSP Zuid\",\"kind\":\"wsp\",\"region\":\"Zuid-Limburg\","
                                      "\"municipality_ids\":[" ID "," ID "]}", fx.heerlen, fx.maastricht);
  fx.org_h = wb_test_insert_printf (store, WB_RESOURCE_ORGANISATIONS,
                                    "{\"code\":\"isd-h\",\"name\":\"ISD Heuvel\",\"kind\":\"social_service\",\"region\":\"Parkstad\","
                                    "\"municipality_ids\":[" ID "]}", fx.heerlen);
  fx.org_m = wb_test_insert_printf (store, WB_RESOURCE_ORGANISATIONS,
                                    "{\"code\":\"isd-m\",\"name\":\"ISD Maas\",\"kind\":\"social_service\","
                                    "\"region\":\"Maastricht-Heuvelland\",\"municipality_ids\":[" ID "]}", fx.maastricht);
  /* Parkstad has a WSP of its own; Maastricht only the region-wide one. */
  fx.org_wsp_p = wb_test_insert_printf (store, WB_RESOURCE_ORGANISATIONS,
                                        "{\"code\":\"wsp-p\",\"name\":\"WSP Parkstad\",\"kind\":\"wsp\",\"region\":\"Parkstad\","
                                        "\"municipality_ids\":[" ID "]}", fx.heerlen);

  /* Argon2id is slow on purpose: one hash serves every test user. */
  hash = wb_password_hash (PASSWORD, &error);
  g_assert_no_error (error);
  fx.coord = wb_test_add_user (store, fx.org_wsp, "coord", "Cora Coördinator", "coordinator", hash);
  fx.wsp1 = wb_test_add_user (store, fx.org_wsp, "wsp1", "Willem Wever", "account_manager_wsp", hash);
  fx.wsp2 = wb_test_add_user (store, fx.org_wsp, "wsp2", "Wendy Wolters", "account_manager_wsp", hash);
  fx.left = wb_test_add_user (store, fx.org_wsp, "left", "Lars Lenders", "account_manager_wsp", hash);
  fx.lam = wb_test_add_user (store, fx.org_h, "lam", "Lotte Lokaal", "account_manager_local", hash);
  fx.lam2 = wb_test_add_user (store, fx.org_h, "lam2", "Luuk Lemmens", "account_manager_local", hash);
  fx.mlam = wb_test_add_user (store, fx.org_m, "mlam", "Mila Maas", "account_manager_local", hash);
  fx.consultant = wb_test_add_user (store, fx.org_h, "consultant", "Chris Claessens", "consultant", hash);
  fx.analyst = wb_test_add_user (store, fx.org_wsp, "analyst", "Anouk Arts", "analyst", hash);
  fx.pcoord = wb_test_add_user (store, fx.org_wsp_p, "pcoord", "Piet Parkstad", "coordinator", hash);

  json_object_set_boolean_member (leaving, "active", FALSE);
  json_object_set_string_member (leaving, "left_at", "2025-12-31");
  g_assert_true (wb_store_update (store, WB_RESOURCE_USERS, fx.left, 0, leaving, &error));
  g_assert_no_error (error);

  exception = g_strdup_printf (",\"exception_reason\":\"goede ingang\",\"exception_approved_by\":" ID ","
                               "\"exception_approved_at\":\"2025-01-01\"", fx.coord);
  fx.e_ok = add_employer (store, "14000001", "Zorggroep Parkstad", 40, "6411", fx.heerlen, fx.wsp1, NULL);
  fx.e_pending = add_employer (store, "14000002", "Metaalwerk Kerkrade", 60, "6412", fx.heerlen, fx.lam,
                               ",\"exception_reason\":\"goede ingang\"");
  fx.e_wrong = add_employer (store, "14000003", "Logistiek Heerlen", 30, "6413", fx.heerlen, fx.lam, NULL);
  fx.e_left = add_employer (store, "14000004", "Kapsalon Mooi", 10, "6414", fx.heerlen, fx.left, NULL);
  fx.e_noowner = add_employer (store, "14000005", "Tuincentrum Maas", 12, "6211", fx.maastricht, 0, NULL);
  fx.e_dup_a = add_employer (store, "14000006", "Bakkerij Janssen B.V.", 8, "6415", fx.heerlen, fx.lam, NULL);
  fx.e_dup_b = add_employer (store, "14000007", "Bakkerij Janssen BV", 8, "6415", fx.heerlen, fx.lam2, NULL);
  fx.e_excepted = add_employer (store, "14000008", "Drukkerij Coenen", 50, "6416", fx.heerlen, fx.lam, exception);
  fx.e_size = add_employer (store, "14000009", "Schoonmaak Smeets", 20, "6417", fx.heerlen, fx.lam, NULL);
  fx.e_two = add_employer (store, "14000010", "Fietsenmaker Peters", 15, "6418", fx.heerlen, fx.lam, NULL);
  fx.e_dormant = add_employer (store, "14000011", "Slagerij Hermans", 5, "6419", fx.heerlen, fx.lam, NULL);
  fx.e_formula = add_employer (store, "14000012", "=Plus; \"Partners\"", 30, "6420", fx.heerlen, fx.wsp1, NULL);

  /* Both duplicates have a history of their own. */
  wb_test_insert_printf (store, WB_RESOURCE_CONTACT_LOG,
                         "{\"employer_id\":" ID ",\"user_id\":" ID ",\"organisation_id\":" ID ",\"date\":\"%s\","
                         "\"kind\":\"visit\",\"note\":\"Bezoek A\"}", fx.e_dup_a, fx.lam, fx.org_h, fx.today);
  wb_test_insert_printf (store, WB_RESOURCE_CONTACT_LOG,
                         "{\"employer_id\":" ID ",\"user_id\":" ID ",\"organisation_id\":" ID ",\"date\":\"%s\","
                         "\"kind\":\"call\",\"note\":\"Telefoon B\"}", fx.e_dup_b, fx.lam2, fx.org_h, fx.today);
  wb_test_insert_printf (store, WB_RESOURCE_CONTACTS, "{\"employer_id\":" ID ",\"name\":\"Mevrouw Janssen\"}", fx.e_dup_b);
  wb_test_insert_printf (store, WB_RESOURCE_VACANCIES,
                         "{\"employer_id\":" ID ",\"title\":\"Bakker\",\"sector\":\"retail\",\"hours\":32,\"pc4\":\"6415\","
                         "\"positions\":1,\"opened_at\":\"%s\",\"status\":\"open\"}", fx.e_dup_b, fx.today);
  /* The last contact with the butcher was long ago. */
  wb_test_insert_printf (store, WB_RESOURCE_CONTACT_LOG,
                         "{\"employer_id\":" ID ",\"user_id\":" ID ",\"organisation_id\":" ID ",\"date\":\"2025-01-02\","
                         "\"kind\":\"call\"}", fx.e_dormant, fx.lam, fx.org_h);

  fx.tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* HTTP */

typedef struct {
  guint status;
  char *body;
  gsize length;
  JsonNode *json;
  SoupMessageHeaders *headers;
} Answer;

static void
answer_free (Answer *answer)
{
  g_free (answer->body);
  g_clear_pointer (&answer->json, json_node_unref);
  g_clear_pointer (&answer->headers, soup_message_headers_unref);
  g_free (answer);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Answer, answer_free)

static Answer *
call_with_type (const char *token,
                const char *method,
                const char *path,
                const char *content_type,
                const char *body,
                const char *if_match)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (fx.server->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;
  const char *type;
  Answer *answer = g_new0 (Answer, 1);

  g_assert_nonnull (msg);
  if (token != NULL)
    {
      g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", authorization);
    }
  if (if_match != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "If-Match", if_match);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (msg, content_type, bytes);
    }
  reply = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);

  answer->status = soup_message_get_status (msg);
  answer->body = g_strndup (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply));
  answer->length = g_bytes_get_size (reply);
  answer->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  type = soup_message_headers_get_content_type (answer->headers, NULL);
  if (g_strcmp0 (type, "application/json") == 0 || g_strcmp0 (type, "application/problem+json") == 0)
    {
      answer->json = json_from_string (answer->body, &error);
      g_assert_no_error (error);
    }
  return answer;
}

static Answer *
call (const char *token,
      const char *method,
      const char *path,
      const char *body,
      const char *if_match)
{
  return call_with_type (token, method, path, "application/json", body, if_match);
}

static const char *
token_of (const char *username)
{
  const char *token = g_hash_table_lookup (fx.tokens, username);
  g_autoptr(Answer) answer = NULL;
  g_autofree char *body = NULL;

  if (token != NULL)
    return token;
  body = g_strdup_printf ("{\"username\":\"%s\",\"password\":\"%s\"}", username, PASSWORD);
  answer = call (NULL, "POST", "api/v1/session", body, NULL);
  g_assert_cmpuint (answer->status, ==, 201);
  token = json_object_get_string_member (json_node_get_object (answer->json), "token");
  g_hash_table_insert (fx.tokens, g_strdup (username), g_strdup (token));
  return g_hash_table_lookup (fx.tokens, username);
}

static Answer *
get (const char *username,
     const char *format,
     ...) G_GNUC_PRINTF (2, 3);

static Answer *
get (const char *username,
     const char *format,
     ...)
{
  g_autofree char *path = NULL;
  va_list args;

  va_start (args, format);
  path = g_strdup_vprintf (format, args);
  va_end (args);
  return call (token_of (username), "GET", path, NULL, NULL);
}

static JsonObject *
object_of (Answer *answer)
{
  g_assert_nonnull (answer->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (answer->json));
  return json_node_get_object (answer->json);
}

static JsonArray *
items_of (Answer *answer)
{
  return json_object_get_array_member (object_of (answer), "items");
}

/* The open review of this kind about this employer, or NULL. */
static JsonObject *
find_open_review (const char *kind,
                  gint64      employer_id)
{
  g_autoptr(Answer) answer = get ("coord", "api/v1/reviews?kind=%s&per_page=1000", kind);
  JsonArray *items;

  g_assert_cmpuint (answer->status, ==, 200);
  items = items_of (answer);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *review = json_array_get_object_element (items, i);

      if (json_object_get_int_member (json_object_get_object_member (review, "employer"), "id") == employer_id)
        return json_object_ref (review);
    }
  return NULL;
}

static gint64
review_id (const char *kind,
           gint64      employer_id)
{
  g_autoptr(JsonObject) review = find_open_review (kind, employer_id);

  if (review == NULL)
    g_error ("no open %s review for employer %" G_GINT64_FORMAT, kind, employer_id);
  return json_object_get_int_member (review, "id");
}

static char *
etag_of_review (gint64 id)
{
  g_autoptr(Answer) answer = get ("coord", "api/v1/reviews/%" G_GINT64_FORMAT, id);

  g_assert_cmpuint (answer->status, ==, 200);
  return g_strdup (soup_message_headers_get_one (answer->headers, "ETag"));
}

static Answer *
decide (const char *username,
        gint64      id,
        const char *etag,
        const char *body)
{
  g_autofree char *path = g_strdup_printf ("api/v1/reviews/%" G_GINT64_FORMAT "/decision", id);

  return call (token_of (username), "POST", path, body, etag);
}

static JsonObject *
employer (gint64 id)
{
  g_autoptr(Answer) answer = get ("coord", "api/v1/employers/%" G_GINT64_FORMAT, id);

  g_assert_cmpuint (answer->status, ==, 200);
  return json_object_ref (object_of (answer));
}

static gint64
count_list (const char *username,
            const char *path)
{
  g_autoptr(Answer) answer = call (token_of (username), "GET", path, NULL, NULL);

  g_assert_cmpuint (answer->status, ==, 200);
  return json_object_get_int_member (object_of (answer), "total");
}

/* The unread notifications of a user with this kind about this employer. */
static guint
count_notifications (const char *username,
                     const char *kind,
                     gint64      employer_id)
{
  g_autoptr(Answer) answer = get (username, "api/v1/notifications?unread=true&per_page=1000");
  JsonArray *items;
  guint n = 0;

  g_assert_cmpuint (answer->status, ==, 200);
  items = items_of (answer);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *notification = json_array_get_object_element (items, i);

      if (g_str_equal (json_object_get_string_member (notification, "kind"), kind) &&
          json_object_get_int_member (notification, "resource_id") == employer_id)
        n++;
    }
  return n;
}

static const char *
field_error (Answer     *answer,
             const char *field)
{
  JsonArray *errors;

  g_assert_cmpuint (answer->status, ==, 400);
  errors = json_object_get_array_member (object_of (answer), "errors");
  for (guint i = 0; errors != NULL && i < json_array_get_length (errors); i++)
    {
      JsonObject *error = json_array_get_object_element (errors, i);

      if (g_str_equal (json_object_get_string_member (error, "field"), field))
        return json_object_get_string_member (error, "message");
    }
  return NULL;
}

/* Tests: the queue */

static void
test_initial_queue (void)
{
  g_autoptr(Answer) answer = get ("coord", "api/v1/reviews?per_page=1000");
  /* Found in one check at start, so of one age: the most pressing first. */
  static const char *expected_kinds[] = {
    "owner_left", "no_owner", "violation_wrong_owner_type", "exception_pending", "duplicate", "dormant",
  };
  gint64 expected_employers[G_N_ELEMENTS (expected_kinds)];
  g_autoptr(Answer) decided = NULL;
  g_autoptr(Answer) duplicates = NULL;
  g_autoptr(Answer) bad = NULL;
  JsonArray *items;
  const char *previous = "";

  expected_employers[0] = fx.e_left;
  expected_employers[1] = fx.e_noowner;
  expected_employers[2] = fx.e_wrong;
  expected_employers[3] = fx.e_pending;
  expected_employers[4] = fx.e_dup_a;
  expected_employers[5] = fx.e_dormant;

  g_assert_cmpuint (answer->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (object_of (answer), "total"), ==, G_N_ELEMENTS (expected_kinds));
  items = items_of (answer);
  g_assert_cmpuint (json_array_get_length (items), ==, G_N_ELEMENTS (expected_kinds));

  for (guint k = 0; k < G_N_ELEMENTS (expected_kinds); k++)
    {
      JsonObject *review = json_array_get_object_element (items, k);
      JsonObject *summary = json_object_get_object_member (review, "employer");

      g_assert_cmpstr (json_object_get_string_member (review, "kind"), ==, expected_kinds[k]);
      g_assert_cmpint (json_object_get_int_member (summary, "id"), ==, expected_employers[k]);
      g_assert_cmpstr (json_object_get_string_member (review, "status"), ==, "open");
      g_assert_cmpint (json_object_get_int_member (review, "version"), ==, 1);
      g_assert_true (*json_object_get_string_member (review, "reason") != '\0');
    }

  /* Oldest first. */
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      const char *created = json_object_get_string_member (json_array_get_object_element (items, i), "created_at");

      g_assert_cmpstr (previous, <=, created);
      previous = created;
    }

  /* The duplicate carries both employers and says why. */
  duplicates = get ("coord", "api/v1/reviews?kind=duplicate");
  g_assert_cmpint (json_object_get_int_member (object_of (duplicates), "total"), ==, 1);
  {
    JsonObject *review = json_array_get_object_element (items_of (duplicates), 0);
    JsonObject *related = json_object_get_object_member (review, "related_employer");

    g_assert_cmpint (json_object_get_int_member (related, "id"), ==, fx.e_dup_b);
    g_assert_cmpstr (json_object_get_string_member (related, "owner_name"), ==, "Luuk Lemmens");
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (review, "employer"), "owner_name"),
                     ==, "Lotte Lokaal");
    g_assert_cmpstr (json_object_get_string_member (review, "reason"), ==,
                     "Probably the same company as Bakkerij Janssen BV (KvK 14000007): the same name in postcode area 6415.");
  }

  decided = get ("coord", "api/v1/reviews?status=decided");
  g_assert_cmpuint (decided->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (object_of (decided), "total"), ==, 0);

  bad = get ("coord", "api/v1/reviews?status=closed");
  g_assert_cmpuint (bad->status, ==, 400);
  g_clear_pointer (&bad, answer_free);
  bad = get ("coord", "api/v1/reviews?kind=ok");
  g_assert_cmpuint (bad->status, ==, 400);
  g_clear_pointer (&bad, answer_free);
  bad = get ("coord", "api/v1/reviews?colour=red");
  g_assert_cmpuint (bad->status, ==, 400);
}

/* Each review says what the rule suggests for its account now: below 25 employees a new
 * local owner (not "transfer to the WSP", as the desktop once highlighted), from 25 on the
 * WSP; its employer's municipality and subregion come with it, for the successor picker. */
static void
test_suggested_actions (void)
{
  g_autoptr(Answer) answer = get ("coord", "api/v1/reviews?per_page=1000");
  g_autoptr(Answer) one = NULL;
  struct { const char *kind; gint64 employer; const char *action; } expected[] = {
    { "owner_left", fx.e_left, "assign_owner" },          /* 10 employees */
    { "no_owner", fx.e_noowner, "assign_owner" },          /* 12 */
    { "violation_wrong_owner_type", fx.e_wrong, "transfer_to_wsp" },  /* 30, a local owner */
    { "exception_pending", fx.e_pending, "approve_exception" },
    { "duplicate", fx.e_dup_a, "merge_duplicates" },
    { "dormant", fx.e_dormant, "dismiss" },                /* the owner fits */
  };
  JsonArray *items;

  g_assert_cmpuint (answer->status, ==, 200);
  items = items_of (answer);
  for (guint k = 0; k < G_N_ELEMENTS (expected); k++)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonObject *review = json_array_get_object_element (items, i);
          JsonObject *summary = json_object_get_object_member (review, "employer");

          if (!g_str_equal (json_object_get_string_member (review, "kind"), expected[k].kind) ||
              json_object_get_int_member (summary, "id") != expected[k].employer)
            continue;
          found = TRUE;
          g_test_message ("%s -> %s", expected[k].kind, json_object_get_string_member (review, "suggested_action"));
          g_assert_cmpstr (json_object_get_string_member (review, "suggested_action"), ==, expected[k].action);
          g_assert_true (json_object_has_member (summary, "municipality_id"));
          g_assert_cmpstr (json_object_get_string_member (summary, "region"), ==,
                           expected[k].employer == fx.e_noowner ? "Maastricht-Heuvelland" : "Parkstad");
        }
      g_assert_true (found);
    }

  /* One review says the same. */
  one = get ("coord", "api/v1/reviews/" ID, review_id ("owner_left", fx.e_left));
  g_assert_cmpuint (one->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (object_of (one), "suggested_action"), ==, "assign_owner");
}

static void
test_queue_permissions (void)
{
  static const char * const others[] = { "wsp1", "lam", "consultant", "analyst" };
  gint64 id = review_id ("no_owner", fx.e_noowner);
  g_autofree char *etag = etag_of_review (id);
  g_autofree char *review_path = g_strdup_printf ("api/v1/reviews/%" G_GINT64_FORMAT, id);

  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      g_autoptr(Answer) list = get (others[i], "api/v1/reviews");
      g_autoptr(Answer) one = call (token_of (others[i]), "GET", review_path, NULL, NULL);
      g_autoptr(Answer) decision = decide (others[i], id, etag,
                                           "{\"action\":\"dismiss\",\"reason\":\"ik wil dit niet\"}");

      g_assert_cmpuint (list->status, ==, 403);
      g_assert_cmpuint (one->status, ==, 403);
      g_assert_cmpuint (decision->status, ==, 403);
    }

  /* Nothing changed: the review is still open at the same version. */
  {
    g_autofree char *after = etag_of_review (id);

    g_autoptr(JsonObject) still = find_open_review ("no_owner", fx.e_noowner);

    g_assert_cmpstr (after, ==, etag);
    g_assert_nonnull (still);
  }

  /* Without a token there is no queue at all. */
  {
    g_autoptr(Answer) anonymous = call (NULL, "GET", "api/v1/reviews", NULL, NULL);

    g_assert_cmpuint (anonymous->status, ==, 401);
  }
}

static void
test_rule (void)
{
  g_autoptr(Answer) excepted = get ("consultant", "api/v1/employers/%" G_GINT64_FORMAT "/rule", fx.e_excepted);
  g_autoptr(Answer) left = get ("lam", "api/v1/employers/%" G_GINT64_FORMAT "/rule", fx.e_left);
  g_autoptr(Answer) dormant = get ("wsp1", "api/v1/employers/%" G_GINT64_FORMAT "/rule", fx.e_dormant);
  g_autoptr(Answer) analyst = get ("analyst", "api/v1/employers/%" G_GINT64_FORMAT "/rule", fx.e_ok);
  g_autoptr(Answer) missing = get ("coord", "api/v1/employers/999999/rule");
  JsonObject *object;

  g_assert_cmpuint (excepted->status, ==, 200);
  object = object_of (excepted);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "exception_approved");
  g_assert_cmpstr (json_object_get_string_member (object, "expected_owner_type"), ==, "wsp");
  g_assert_cmpstr (json_object_get_string_member (object, "owner_type"), ==, "local");
  g_assert_false (json_object_get_boolean_member (object, "dormant"));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (object, "reason")));
  g_assert_cmpstr (json_object_get_string_member (object, "explanation"), ==,
                   "This employer has 50 employees, so it belongs with a WSP account manager. "
                   "Lotte Lokaal, a local account manager, keeps it as an approved exception (goede ingang), "
                   "approved by Cora Coördinator on 1 Jan 2025.");

  g_assert_cmpuint (left->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (object_of (left), "status"), ==, "owner_left");
  g_assert_cmpstr (json_object_get_string_member (object_of (left), "reason"), ==, "The owner Lars Lenders has left.");

  g_assert_cmpuint (dormant->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (object_of (dormant), "status"), ==, "ok");
  g_assert_true (json_object_get_boolean_member (object_of (dormant), "dormant"));
  g_assert_cmpstr (json_object_get_string_member (object_of (dormant), "last_contact"), ==, "2025-01-02");

  g_assert_cmpuint (analyst->status, ==, 403);
  g_assert_cmpuint (missing->status, ==, 404);
}

/* The approval of an exception is written by the queue only: an account manager who may
 * change the employer may not approve their own exception by writing its fields. */
static void
test_approval_only_through_queue (void)
{
  g_autoptr(JsonObject) before = employer (fx.e_pending);
  g_autofree char *etag = g_strdup_printf ("\"v%" G_GINT64_FORMAT "\"", json_object_get_int_member (before, "version"));
  g_autofree char *path = g_strdup_printf ("api/v1/employers/" ID, fx.e_pending);
  g_autofree char *approve = g_strdup_printf ("{\"exception_approved_by\":" ID ",\"exception_approved_at\":\"%s\"}",
                                              fx.lam, fx.today);
  g_autofree char *create = g_strdup_printf ("{\"kvk\":\"14000050\",\"name\":\"Zelf Goedgekeurd\",\"sector\":\"retail\","
                                             "\"employee_count\":40,\"pc4\":\"6411\",\"municipality_id\":" ID ","
                                             "\"owner_id\":" ID ",\"exception_reason\":\"goede ingang\","
                                             "\"exception_approved_by\":" ID ",\"active\":true}", fx.heerlen, fx.lam, fx.lam);
  g_autoptr(Answer) patched = call (token_of ("lam"), "PATCH", path, approve, etag);
  g_autoptr(Answer) created = call (token_of ("lam"), "POST", "api/v1/employers", create, NULL);
  g_autoptr(Answer) allowed = NULL;
  g_autoptr(JsonObject) after = employer (fx.e_pending);

  g_assert_cmpuint (patched->status, ==, 403);
  g_assert_cmpuint (created->status, ==, 403);
  g_assert_cmpint (json_object_get_int_member (after, "version"), ==, json_object_get_int_member (before, "version"));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (after, "exception_approved_by")) ||
                 !json_object_has_member (after, "exception_approved_by"));
  /* The rest of the employer is still theirs to change. */
  allowed = call (token_of ("lam"), "PATCH", path, "{\"learn_work\":true}", etag);
  g_assert_cmpuint (allowed->status, ==, 200);
}

/* Company data is the owner's organisation's to change, and a coordinator's: another
 * organisation's account manager reads the account and logs contacts, but edits nothing. */
static void
test_only_owner_edits (void)
{
  g_autoptr(JsonObject) before = employer (fx.e_ok);
  g_autofree char *etag = g_strdup_printf ("\"v%" G_GINT64_FORMAT "\"", json_object_get_int_member (before, "version"));
  g_autofree char *path = g_strdup_printf ("api/v1/employers/" ID, fx.e_ok);
  g_autoptr(Answer) refused = call (token_of ("lam"), "PATCH", path, "{\"name\":\"Gekaapt B.V.\"}", etag);
  g_autoptr(JsonObject) after = employer (fx.e_ok);

  g_assert_cmpuint (refused->status, ==, 403);
  g_assert_cmpstr (json_object_get_string_member (after, "name"), ==, json_object_get_string_member (before, "name"));
  g_assert_cmpint (json_object_get_int_member (after, "version"), ==, json_object_get_int_member (before, "version"));
}

/* Nor does an account manager move an account: one they register is theirs, and another
 * owner is a coordinator's decision in the queue. Runs last: it adds an employer. */
static void
test_owner_only_through_queue (void)
{
  g_autofree char *for_other = g_strdup_printf ("{\"kvk\":\"14000060\",\"name\":\"Glashandel Wolters\",\"sector\":\"retail\","
                                                "\"employee_count\":30,\"pc4\":\"6411\",\"municipality_id\":" ID ","
                                                "\"owner_id\":" ID ",\"active\":true}", fx.heerlen, fx.wsp1);
  g_autofree char *for_self = g_strdup_printf ("{\"kvk\":\"14000060\",\"name\":\"Glashandel Wolters\",\"sector\":\"retail\","
                                               "\"employee_count\":30,\"pc4\":\"6411\",\"municipality_id\":" ID ","
                                               "\"owner_id\":" ID ",\"active\":true}", fx.heerlen, fx.wsp2);
  g_autofree char *take = g_strdup_printf ("{\"owner_id\":" ID "}", fx.wsp1);
  g_autofree char *keep = g_strdup_printf ("{\"owner_id\":" ID ",\"learn_work\":true}", fx.wsp2);
  g_autoptr(Answer) refused = call (token_of ("wsp2"), "POST", "api/v1/employers", for_other, NULL);
  g_autoptr(Answer) created = call (token_of ("wsp2"), "POST", "api/v1/employers", for_self, NULL);
  JsonObject *object = NULL;
  g_autoptr(JsonObject) after = NULL;
  g_autofree char *path = NULL;
  g_autofree char *etag = NULL;
  gint64 id;

  g_assert_cmpuint (refused->status, ==, 403);
  g_assert_cmpuint (created->status, ==, 201);
  object = object_of (created);
  id = json_object_get_int_member (object, "id");
  g_assert_cmpint (json_object_get_int_member (object, "owner_id"), ==, fx.wsp2);
  path = g_strdup_printf ("api/v1/employers/" ID, id);
  etag = g_strdup_printf ("\"v%" G_GINT64_FORMAT "\"", json_object_get_int_member (object, "version"));

  /* Another account manager, and the owner too, cannot hand it over by a PATCH. */
  {
    g_autoptr(Answer) taken = call (token_of ("wsp1"), "PATCH", path, take, etag);
    g_autoptr(Answer) given = call (token_of ("wsp2"), "PATCH", path, take, etag);

    g_assert_cmpuint (taken->status, ==, 403);
    g_assert_cmpuint (given->status, ==, 403);
    g_assert_nonnull (strstr (given->body, "review queue"));
  }
  after = employer (id);
  g_assert_cmpint (json_object_get_int_member (after, "owner_id"), ==, fx.wsp2);
  g_assert_cmpint (json_object_get_int_member (after, "version"), ==, json_object_get_int_member (object, "version"));

  /* Saying the owner it already has is no move; a coordinator may move it. */
  {
    g_autoptr(Answer) kept = call (token_of ("wsp2"), "PATCH", path, keep, etag);
    g_autofree char *next = NULL;
    g_autoptr(Answer) moved = NULL;

    g_assert_cmpuint (kept->status, ==, 200);
    next = g_strdup_printf ("\"v%" G_GINT64_FORMAT "\"", json_object_get_int_member (object, "version") + 1);
    moved = call (token_of ("coord"), "PATCH", path, take, next);
    g_assert_cmpuint (moved->status, ==, 200);
  }
  g_clear_pointer (&after, json_object_unref);
  after = employer (id);
  g_assert_cmpint (json_object_get_int_member (after, "owner_id"), ==, fx.wsp1);
}

static void
test_decision_preconditions (void)
{
  gint64 id = review_id ("exception_pending", fx.e_pending);
  g_autofree char *etag = etag_of_review (id);
  g_autoptr(Answer) no_match = decide ("coord", id, NULL, "{\"action\":\"approve_exception\",\"reason\":\"goed\"}");
  g_autoptr(Answer) stale = decide ("coord", id, "\"v7\"", "{\"action\":\"approve_exception\",\"reason\":\"goed\"}");
  g_autoptr(Answer) no_reason = decide ("coord", id, etag, "{\"action\":\"approve_exception\"}");
  g_autoptr(Answer) bad_action = decide ("coord", id, etag, "{\"action\":\"ignore\",\"reason\":\"x\",\"colour\":1}");
  g_autoptr(Answer) not_json = decide ("coord", id, etag, "action=dismiss");
  g_autoptr(Answer) missing = decide ("coord", 999999, etag, "{\"action\":\"dismiss\",\"reason\":\"x\"}");
  g_autoptr(Answer) merge_single = decide ("coord", id, etag,
                                           "{\"action\":\"merge_duplicates\",\"reason\":\"x\",\"keep_employer_id\":1}");
  g_autoptr(Answer) approve_wrong = NULL;
  g_autofree char *path = NULL;

  g_assert_cmpuint (no_match->status, ==, 428);
  g_assert_cmpuint (stale->status, ==, 412);
  g_assert_nonnull (field_error (no_reason, "reason"));
  g_assert_nonnull (field_error (bad_action, "action"));
  g_assert_nonnull (field_error (bad_action, "colour"));
  g_assert_null (field_error (bad_action, "reason"));
  g_assert_cmpuint (not_json->status, ==, 400);
  g_assert_cmpuint (missing->status, ==, 404);
  g_assert_cmpuint (merge_single->status, ==, 409);

  /* An exception only for a large account a local account manager owns. */
  {
    gint64 dormant = review_id ("dormant", fx.e_dormant);
    g_autofree char *dormant_etag = etag_of_review (dormant);

    approve_wrong = decide ("coord", dormant, dormant_etag, "{\"action\":\"approve_exception\",\"reason\":\"mag\"}");
    g_assert_cmpuint (approve_wrong->status, ==, 409);
  }

  /* A GET of the decision is not a thing. */
  path = g_strdup_printf ("api/v1/reviews/%" G_GINT64_FORMAT "/decision", id);
  {
    g_autoptr(Answer) wrong_method = call (token_of ("coord"), "GET", path, NULL, NULL);

    g_assert_cmpuint (wrong_method->status, ==, 405);
  }

  /* None of it changed anything. */
  {
    g_autofree char *after = etag_of_review (id);

    g_assert_cmpstr (after, ==, etag);
  }
}

static void
test_approve_exception (void)
{
  gint64 id = review_id ("exception_pending", fx.e_pending);
  g_autofree char *etag = etag_of_review (id);
  g_autoptr(Answer) answer = NULL;
  g_autoptr(Answer) again = NULL;
  g_autoptr(Answer) rule = NULL;
  g_autoptr(JsonObject) account = NULL;
  g_autofree char *new_etag = NULL;
  JsonObject *review;

  g_assert_cmpuint (count_notifications ("lam", "review_decision", fx.e_pending), ==, 0);

  answer = decide ("coord", id, etag,
                   "{\"action\":\"approve_exception\",\"reason\":\"Jarenlange relatie, eigenaar wil één aanspreekpunt\"}");
  g_assert_cmpuint (answer->status, ==, 200);
  fx.decisions++;
  review = object_of (answer);
  g_assert_cmpstr (json_object_get_string_member (review, "status"), ==, "decided");
  g_assert_cmpstr (json_object_get_string_member (review, "decision"), ==, "approve_exception");
  g_assert_cmpstr (json_object_get_string_member (review, "decision_reason"), ==,
                   "Jarenlange relatie, eigenaar wil één aanspreekpunt");
  g_assert_cmpint (json_object_get_int_member (review, "decided_by"), ==, fx.coord);
  g_assert_cmpint (json_object_get_int_member (review, "version"), ==, 2);

  /* The flag is gone from the open queue, and in the history. */
  g_assert_null (find_open_review ("exception_pending", fx.e_pending));
  g_assert_cmpint (count_list ("coord", "api/v1/reviews?status=decided&kind=exception_pending"), ==, 1);

  /* The account carries the approval; the local account manager's reason stays. */
  account = employer (fx.e_pending);
  g_assert_cmpint (json_object_get_int_member (account, "exception_approved_by"), ==, fx.coord);
  g_assert_cmpstr (json_object_get_string_member (account, "exception_approved_at"), ==, fx.today);
  g_assert_cmpstr (json_object_get_string_member (account, "exception_reason"), ==, "goede ingang");
  g_assert_cmpint (json_object_get_int_member (account, "owner_id"), ==, fx.lam);
  rule = get ("lam", "api/v1/employers/%" G_GINT64_FORMAT "/rule", fx.e_pending);
  g_assert_cmpstr (json_object_get_string_member (object_of (rule), "status"), ==, "exception_approved");

  g_assert_cmpuint (count_notifications ("lam", "review_decision", fx.e_pending), ==, 1);
  g_assert_cmpuint (count_notifications ("wsp1", "review_decision", fx.e_pending), ==, 0);

  /* Decided once: a second decision on it is refused, with the right version too. */
  new_etag = etag_of_review (id);
  g_assert_cmpstr (new_etag, ==, "\"v2\"");
  again = decide ("coord", id, new_etag, "{\"action\":\"dismiss\",\"reason\":\"toch niet\"}");
  g_assert_cmpuint (again->status, ==, 409);
}

static void
test_transfer_to_wsp (void)
{
  gint64 id = review_id ("violation_wrong_owner_type", fx.e_wrong);
  g_autofree char *etag = etag_of_review (id);
  g_autofree char *to_local = g_strdup_printf ("{\"action\":\"transfer_to_wsp\",\"reason\":\"groot\",\"owner_id\":" ID "}", fx.lam2);
  g_autofree char *to_left = g_strdup_printf ("{\"action\":\"transfer_to_wsp\",\"reason\":\"groot\",\"owner_id\":" ID "}", fx.left);
  g_autofree char *to_wsp = g_strdup_printf ("{\"action\":\"transfer_to_wsp\",\"reason\":\"30 medewerkers: WSP\",\"owner_id\":" ID "}", fx.wsp2);
  g_autoptr(Answer) local = decide ("coord", id, etag, to_local);
  g_autoptr(Answer) gone = decide ("coord", id, etag, to_left);
  g_autoptr(Answer) nobody = decide ("coord", id, etag, "{\"action\":\"transfer_to_wsp\",\"reason\":\"groot\"}");
  g_autoptr(Answer) unknown = decide ("coord", id, etag, "{\"action\":\"transfer_to_wsp\",\"reason\":\"groot\",\"owner_id\":999999}");
  g_autoptr(Answer) answer = NULL;
  g_autoptr(Answer) rule = NULL;
  g_autoptr(JsonObject) account = NULL;

  g_assert_cmpstr (field_error (local, "owner_id"), ==, "must be an account manager of a WSP");
  g_assert_cmpstr (field_error (gone, "owner_id"), ==, "has left: choose someone who is still there");
  g_assert_nonnull (field_error (nobody, "owner_id"));
  g_assert_nonnull (field_error (unknown, "owner_id"));

  answer = decide ("coord", id, etag, to_wsp);
  g_assert_cmpuint (answer->status, ==, 200);
  fx.decisions++;
  g_assert_cmpstr (json_object_get_string_member (object_of (answer), "decision"), ==, "transfer_to_wsp");

  account = employer (fx.e_wrong);
  g_assert_cmpint (json_object_get_int_member (account, "owner_id"), ==, fx.wsp2);
  g_assert_cmpint (json_object_get_int_member (account, "version"), ==, 2);
  rule = get ("wsp2", "api/v1/employers/%" G_GINT64_FORMAT "/rule", fx.e_wrong);
  g_assert_cmpstr (json_object_get_string_member (object_of (rule), "status"), ==, "ok");
  g_assert_null (find_open_review ("violation_wrong_owner_type", fx.e_wrong));

  /* The old owner and the new one both hear of it. */
  g_assert_cmpuint (count_notifications ("lam", "review_decision", fx.e_wrong), ==, 1);
  g_assert_cmpuint (count_notifications ("wsp2", "review_decision", fx.e_wrong), ==, 1);
  g_assert_cmpuint (count_notifications ("wsp1", "review_decision", fx.e_wrong), ==, 0);
}

static void
test_assign_owner (void)
{
  gint64 id = review_id ("owner_left", fx.e_left);
  g_autofree char *etag = etag_of_review (id);
  g_autofree char *to_consultant = g_strdup_printf ("{\"action\":\"assign_owner\",\"reason\":\"x\",\"owner_id\":" ID "}", fx.consultant);
  g_autofree char *to_lam = g_strdup_printf ("{\"action\":\"assign_owner\",\"reason\":\"Lars is weg; Lotte kent de zaak\",\"owner_id\":" ID "}", fx.lam);
  g_autoptr(Answer) consultant = decide ("coord", id, etag, to_consultant);
  g_autoptr(Answer) answer = NULL;
  g_autoptr(JsonObject) account = NULL;

  g_assert_cmpstr (field_error (consultant, "owner_id"), ==, "must be an account manager");

  answer = decide ("coord", id, etag, to_lam);
  g_assert_cmpuint (answer->status, ==, 200);
  fx.decisions++;
  account = employer (fx.e_left);
  g_assert_cmpint (json_object_get_int_member (account, "owner_id"), ==, fx.lam);
  g_assert_null (find_open_review ("owner_left", fx.e_left));
  g_assert_cmpint (count_list ("coord", "api/v1/reviews?kind=owner_left"), ==, 0);
  g_assert_cmpuint (count_notifications ("lam", "review_decision", fx.e_left), ==, 1);
}

static void
test_merge_duplicates (void)
{
  gint64 id = review_id ("duplicate", fx.e_dup_a);
  g_autofree char *etag = etag_of_review (id);
  g_autofree char *keep_other = g_strdup_printf ("{\"action\":\"merge_duplicates\",\"reason\":\"x\",\"keep_employer_id\":" ID "}", fx.e_ok);
  g_autofree char *keep_a = g_strdup_printf ("{\"action\":\"merge_duplicates\",\"reason\":\"Eén bakkerij, twee KvK-inschrijvingen\","
                                             "\"keep_employer_id\":" ID "}", fx.e_dup_a);
  g_autoptr(Answer) wrong = decide ("coord", id, etag, keep_other);
  g_autoptr(Answer) answer = NULL;
  g_autoptr(Answer) log = NULL;
  g_autoptr(Answer) contacts = NULL;
  g_autoptr(Answer) vacancies = NULL;
  g_autoptr(Answer) old_log = NULL;
  g_autoptr(JsonObject) kept = NULL;
  g_autoptr(JsonObject) other = NULL;
  JsonArray *entries;
  gboolean saw_a = FALSE, saw_b = FALSE;

  g_assert_nonnull (field_error (wrong, "keep_employer_id"));

  answer = decide ("coord", id, etag, keep_a);
  g_assert_cmpuint (answer->status, ==, 200);
  fx.decisions++;

  /* Both histories are under the kept employer now. */
  log = get ("coord", "api/v1/employers/%" G_GINT64_FORMAT "/contact-log", fx.e_dup_a);
  g_assert_cmpuint (log->status, ==, 200);
  entries = items_of (log);
  g_assert_cmpuint (json_array_get_length (entries), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      const char *note = json_object_get_string_member (json_array_get_object_element (entries, i), "note");

      saw_a |= g_strcmp0 (note, "Bezoek A") == 0;
      saw_b |= g_strcmp0 (note, "Telefoon B") == 0;
    }
  g_assert_true (saw_a && saw_b);
  old_log = get ("coord", "api/v1/employers/%" G_GINT64_FORMAT "/contact-log", fx.e_dup_b);
  g_assert_cmpint (json_object_get_int_member (object_of (old_log), "total"), ==, 0);

  contacts = get ("coord", "api/v1/employers/%" G_GINT64_FORMAT "/contacts", fx.e_dup_a);
  g_assert_cmpint (json_object_get_int_member (object_of (contacts), "total"), ==, 1);
  vacancies = get ("coord", "api/v1/vacancies?employer_id=%" G_GINT64_FORMAT, fx.e_dup_a);
  g_assert_cmpint (json_object_get_int_member (object_of (vacancies), "total"), ==, 1);

  kept = employer (fx.e_dup_a);
  other = employer (fx.e_dup_b);
  g_assert_true (json_object_get_boolean_member (kept, "active"));
  g_assert_false (json_object_get_boolean_member (other, "active"));
  g_assert_cmpstr (json_object_get_string_member (kept, "last_contact"), ==, fx.today);

  g_assert_cmpint (count_list ("coord", "api/v1/reviews?kind=duplicate"), ==, 0);
  /* Both owners hear of it. */
  g_assert_cmpuint (count_notifications ("lam", "review_decision", fx.e_dup_a), ==, 1);
  g_assert_cmpuint (count_notifications ("lam2", "review_decision", fx.e_dup_a), ==, 1);
}

static void
test_dismiss_needs_reason (void)
{
  gint64 id = review_id ("no_owner", fx.e_noowner);
  g_autofree char *etag = etag_of_review (id);
  g_autoptr(Answer) none = decide ("coord", id, etag, "{\"action\":\"dismiss\"}");
  g_autoptr(Answer) blank = decide ("coord", id, etag, "{\"action\":\"dismiss\",\"reason\":\"   \"}");
  g_autoptr(Answer) wrong_type = decide ("coord", id, etag, "{\"action\":\"dismiss\",\"reason\":42}");
  g_autoptr(Answer) answer = NULL;
  g_autoptr(Answer) history = NULL;
  g_autoptr(Answer) touch = NULL;
  g_autoptr(JsonObject) account = employer (fx.e_noowner);
  g_autofree char *employer_etag = NULL;
  g_autofree char *employer_path = NULL;

  g_assert_cmpstr (field_error (none, "reason"), ==, "is required: say why you decide so");
  g_assert_nonnull (field_error (blank, "reason"));
  g_assert_nonnull (field_error (wrong_type, "reason"));

  answer = decide ("coord", id, etag, "{\"action\":\"dismiss\",\"reason\":\"Bedrijf sluit volgende maand\"}");
  g_assert_cmpuint (answer->status, ==, 200);
  fx.decisions++;
  g_assert_cmpstr (json_object_get_string_member (object_of (answer), "decision"), ==, "dismiss");
  g_assert_cmpint (count_list ("coord", "api/v1/reviews?kind=no_owner"), ==, 0);

  /* A later write on the account does not bring the dismissed flag back. */
  employer_etag = g_strdup_printf ("\"v%" G_GINT64_FORMAT "\"", json_object_get_int_member (account, "version"));
  employer_path = g_strdup_printf ("api/v1/employers/%" G_GINT64_FORMAT, fx.e_noowner);
  touch = call (token_of ("coord"), "PATCH", employer_path, "{\"learn_work\":true}", employer_etag);
  g_assert_cmpuint (touch->status, ==, 200);
  g_assert_cmpint (count_list ("coord", "api/v1/reviews?kind=no_owner"), ==, 0);

  history = get ("coord", "api/v1/reviews?status=decided&kind=no_owner");
  g_assert_cmpint (json_object_get_int_member (object_of (history), "total"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items_of (history), 0), "decision_reason"),
                   ==, "Bedrijf sluit volgende maand");
}

/* One audit row per decision, naming the review, the action and the reason. */
static void
test_audit_rows (void)
{
  g_autoptr(Answer) answer = get ("coord", "api/v1/audit?resource=reviews&per_page=1000");
  JsonArray *items;
  static const char * const actions[] = {
    "approve_exception", "transfer_to_wsp", "assign_owner", "merge_duplicates", "dismiss",
  };

  g_assert_cmpuint (answer->status, ==, 200);
  g_assert_cmpuint (fx.decisions, ==, G_N_ELEMENTS (actions));
  g_assert_cmpint (json_object_get_int_member (object_of (answer), "total"), ==, fx.decisions);
  items = items_of (answer);
  for (guint a = 0; a < G_N_ELEMENTS (actions); a++)
    {
      guint n = 0;

      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonObject *row = json_array_get_object_element (items, i);

          if (g_str_equal (json_object_get_string_member (row, "action"), actions[a]))
            {
              n++;
              g_assert_cmpint (json_object_get_int_member (row, "user_id"), ==, fx.coord);
              g_assert_true (*json_object_get_string_member (row, "reason") != '\0');
            }
        }
      g_assert_cmpuint (n, ==, 1);
    }
}

/* Tests: flags raised by writes */

static void
test_vacancy_at_excepted_account (void)
{
  g_autofree char *body = g_strdup_printf ("{\"employer_id\":" ID ",\"title\":\"Drukker\",\"sector\":\"manufacturing\","
                                           "\"hours\":38,\"pc4\":\"6416\",\"positions\":1,\"opened_at\":\"%s\"}",
                                           fx.e_excepted, fx.today);
  g_autoptr(Answer) created = NULL;
  g_autoptr(Answer) rule = NULL;
  g_autoptr(JsonObject) review = NULL;

  g_assert_null (find_open_review ("natural_moment_return", fx.e_excepted));
  created = call (token_of ("wsp1"), "POST", "api/v1/vacancies", body, NULL);
  g_assert_cmpuint (created->status, ==, 201);

  review = find_open_review ("natural_moment_return", fx.e_excepted);
  g_assert_nonnull (review);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (review, "reason"), "A vacancy opened on "));
  rule = get ("lam", "api/v1/employers/%" G_GINT64_FORMAT "/rule", fx.e_excepted);
  g_assert_cmpstr (json_object_get_string_member (object_of (rule), "status"), ==, "natural_moment_return");
}

static void
test_size_crossing (void)
{
  g_autoptr(JsonObject) account = employer (fx.e_size);
  g_autofree char *etag = g_strdup_printf ("\"v%" G_GINT64_FORMAT "\"", json_object_get_int_member (account, "version"));
  g_autofree char *path = g_strdup_printf ("api/v1/employers/%" G_GINT64_FORMAT, fx.e_size);
  g_autoptr(Answer) patch = NULL;
  g_autoptr(Answer) rule = NULL;
  g_autoptr(Answer) again = NULL;
  g_autoptr(JsonObject) review = NULL;

  g_assert_null (find_open_review ("recheck_size", fx.e_size));
  patch = call (token_of ("lam"), "PATCH", path, "{\"employee_count\":30}", etag);
  g_assert_cmpuint (patch->status, ==, 200);

  review = find_open_review ("recheck_size", fx.e_size);
  g_assert_nonnull (review);
  g_assert_cmpstr (json_object_get_string_member (review, "reason"), ==,
                   "The employee count rose to 25 or more; the owner Lotte Lokaal is a local account manager.");
  rule = get ("lam", "api/v1/employers/%" G_GINT64_FORMAT "/rule", fx.e_size);
  g_assert_cmpstr (json_object_get_string_member (object_of (rule), "status"), ==, "recheck_size");

  /* Growing further is no new crossing: still the one review. */
  g_clear_pointer (&etag, g_free);
  etag = g_strdup_printf ("\"v%" G_GINT64_FORMAT "\"", json_object_get_int_member (object_of (patch), "version"));
  again = call (token_of ("lam"), "PATCH", path, "{\"employee_count\":31}", etag);
  g_assert_cmpuint (again->status, ==, 200);
  g_assert_cmpint (count_list ("coord", "api/v1/reviews?kind=recheck_size"), ==, 1);
  g_assert_cmpint (count_list ("coord", "api/v1/reviews?kind=violation_wrong_owner_type"), ==, 0);
}

/* Tests: two parties, one employer */

static void
test_two_parties (void)
{
  g_autofree char *path = g_strdup_printf ("api/v1/employers/%" G_GINT64_FORMAT "/contact-log", fx.e_two);
  g_autofree char *body = g_strdup_printf ("{\"date\":\"%s\",\"kind\":\"call\",\"note\":\"Gebeld over orderpickers\"}", fx.today);
  /* The date as a person reads it ("3 Dec 2026"), never the API's ISO. */
  g_autofree char *today = wb_format_iso_date (fx.today);
  g_autofree char *title = g_strdup_printf ("Willem Wever of WSP Zuid contacted Fietsenmaker Peters on %s", today);
  g_autoptr(Answer) other = NULL;
  g_autoptr(Answer) own = NULL;
  g_autoptr(Answer) notifications = NULL;
  g_autofree char *warning = NULL;
  const char *header;
  JsonObject *first;

  g_assert_cmpuint (count_notifications ("lam", "contact_by_other_party", fx.e_two), ==, 0);

  other = call (token_of ("wsp1"), "POST", path, body, NULL);
  g_assert_cmpuint (other->status, ==, 201);
  header = soup_message_headers_get_one (other->headers, "X-Werkbrug-Warning");
  g_assert_nonnull (header);
  warning = g_uri_unescape_string (header, NULL);
  g_assert_cmpstr (warning, ==,
                   "Fietsenmaker Peters is an account of Lotte Lokaal of ISD Heuvel, who will be told of your contact. "
                   "Employers complain of being approached by many public parties: agree with the owner who keeps in touch.");

  g_assert_cmpuint (count_notifications ("lam", "contact_by_other_party", fx.e_two), ==, 1);
  notifications = get ("lam", "api/v1/notifications?unread=true");
  first = json_array_get_object_element (items_of (notifications), 0);
  g_assert_cmpstr (json_object_get_string_member (first, "title"), ==, title);
  g_assert_cmpstr (json_object_get_string_member (first, "body"), ==, "Gebeld over orderpickers");
  g_assert_cmpstr (json_object_get_string_member (first, "resource"), ==, "employers");

  /* A colleague of the owner's organisation is no other party. */
  own = call (token_of ("lam2"), "POST", path, body, NULL);
  g_assert_cmpuint (own->status, ==, 201);
  g_assert_null (soup_message_headers_get_one (own->headers, "X-Werkbrug-Warning"));
  g_assert_cmpuint (count_notifications ("lam", "contact_by_other_party", fx.e_two), ==, 1);
  g_assert_cmpuint (count_notifications ("lam2", "contact_by_other_party", fx.e_two), ==, 0);
}

static void
test_notifications_read (void)
{
  g_autoptr(Answer) unread = get ("lam", "api/v1/notifications?unread=true");
  g_autoptr(Answer) all_before = get ("lam", "api/v1/notifications");
  g_autoptr(Answer) read = NULL;
  g_autoptr(Answer) read_again = NULL;
  g_autoptr(Answer) stranger = NULL;
  g_autoptr(Answer) bad = NULL;
  g_autofree char *path = NULL;
  JsonArray *items = items_of (unread);
  gint64 n_unread = json_object_get_int_member (object_of (unread), "total");
  gint64 id;
  const char *read_at;
  const char *previous = NULL;

  /* Approve, transfer, assign, merge and the contact of another party. */
  g_assert_cmpint (n_unread, ==, 5);
  g_assert_cmpint (json_object_get_int_member (object_of (all_before), "total"), ==, 5);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      const char *created = json_object_get_string_member (json_array_get_object_element (items, i), "created_at");

      if (previous != NULL)
        g_assert_cmpstr (created, <=, previous);  /* newest first */
      previous = created;
    }

  id = json_object_get_int_member (json_array_get_object_element (items, 0), "id");
  path = g_strdup_printf ("api/v1/notifications/%" G_GINT64_FORMAT "/read", id);

  stranger = call (token_of ("wsp1"), "POST", path, NULL, NULL);
  g_assert_cmpuint (stranger->status, ==, 404);

  read = call (token_of ("lam"), "POST", path, NULL, NULL);
  g_assert_cmpuint (read->status, ==, 200);
  read_at = json_object_get_string_member (object_of (read), "read_at");
  g_assert_nonnull (read_at);
  read_again = call (token_of ("lam"), "POST", path, NULL, NULL);
  g_assert_cmpstr (json_object_get_string_member (object_of (read_again), "read_at"), ==, read_at);

  g_assert_cmpint (count_list ("lam", "api/v1/notifications?unread=true"), ==, n_unread - 1);
  g_assert_cmpint (count_list ("lam", "api/v1/notifications"), ==, n_unread);

  bad = get ("lam", "api/v1/notifications?unread=maybe");
  g_assert_cmpuint (bad->status, ==, 400);
}

/* Tests: the account list and its export */

static void
test_account_list (void)
{
  g_autoptr(Answer) all = get ("consultant", "api/v1/accounts?per_page=1000");
  g_autoptr(Answer) mine = get ("wsp1", "api/v1/accounts?owner_id=me");
  g_autoptr(Answer) analyst = get ("analyst", "api/v1/accounts");
  g_autoptr(Answer) bad = get ("coord", "api/v1/accounts?status=fine");
  JsonArray *items;
  const char *previous = "";

  /* Twelve employers, one merged away. */
  g_assert_cmpuint (all->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (object_of (all), "total"), ==, 11);
  items = items_of (all);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      const char *name = json_object_get_string_member (json_array_get_object_element (items, i), "name");

      g_assert_cmpint (g_utf8_collate (previous, name), <=, 0);
      previous = name;
    }

  g_assert_cmpint (json_object_get_int_member (object_of (mine), "total"), ==, 2);
  g_assert_cmpint (count_list ("coord", "api/v1/accounts?dormant=true"), ==, 1);
  g_assert_cmpint (count_list ("coord", "api/v1/accounts?status=exception_approved"), ==, 1);
  g_assert_cmpint (count_list ("coord", "api/v1/accounts?status=natural_moment_return"), ==, 1);
  g_assert_cmpint (count_list ("coord", "api/v1/accounts?owner_type=wsp"), ==, 3);
  {
    g_autofree char *in_maastricht = g_strdup_printf ("api/v1/accounts?municipality_id=%" G_GINT64_FORMAT "&per_page=5",
                                                      fx.maastricht);

    g_assert_cmpint (count_list ("coord", in_maastricht), ==, 1);
  }
  g_assert_cmpint (count_list ("coord", "api/v1/accounts?q=bakkerij"), ==, 1);
  /* The search looks at the owner and the municipality too, as the desktop's does. */
  g_assert_cmpint (count_list ("coord", "api/v1/accounts?q=MAASTRICHT"), ==, 1);
  {
    g_autofree char *owned = g_strdup_printf ("api/v1/accounts?owner_id=" ID, fx.wsp1);

    g_assert_cmpint (count_list ("coord", "api/v1/accounts?q=willem%20wever"), ==, count_list ("coord", owned));
    g_assert_cmpint (count_list ("coord", owned), >, 0);
  }
  /* Size classes split where the rule splits. */
  {
    gint64 expected[4] = { 0 };
    static const char * const sizes[] = { "micro", "small", "medium", "large" };

    for (guint i = 0; i < json_array_get_length (items); i++)
      {
        gint64 n = json_object_get_int_member (json_array_get_object_element (items, i), "employee_count");

        expected[n < 10 ? 0 : n < 25 ? 1 : n < 100 ? 2 : 3]++;
      }
    for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
      {
        g_autofree char *path = g_strdup_printf ("api/v1/accounts?size=%s", sizes[s]);

        g_assert_cmpint (count_list ("coord", path), ==, expected[s]);
      }
  }
  {
    g_autoptr(Answer) huge = get ("coord", "api/v1/accounts?size=huge");

    g_assert_cmpuint (huge->status, ==, 400);
  }
  g_assert_cmpuint (analyst->status, ==, 403);
  g_assert_cmpuint (bad->status, ==, 400);
}

static void
test_export (void)
{
  g_autoptr(Answer) answer = get ("lam", "api/v1/accounts/export.csv");
  g_autoptr(Answer) analyst = get ("analyst", "api/v1/accounts/export.csv");
  g_autofree char *disposition = g_strdup_printf ("attachment; filename=\"werkbrug-accounts-%s.csv\"", fx.today);
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) header = NULL;
  g_autoptr(GRegex) decimal = g_regex_new ("^[0-9]+,[0-9]$", 0, 0, NULL);
  const char *type;
  guint n_lines;
  gboolean saw_butcher = FALSE, saw_formula = FALSE;

  g_assert_cmpuint (answer->status, ==, 200);
  type = soup_message_headers_get_content_type (answer->headers, NULL);
  g_assert_cmpstr (type, ==, "text/csv");
  g_assert_cmpstr (soup_message_headers_get_one (answer->headers, "Content-Disposition"), ==, disposition);
  g_assert_cmpuint (analyst->status, ==, 403);

  /* UTF-8 with a byte-order mark, CRLF line ends, every line ended. */
  g_assert_true (g_str_has_prefix (answer->body, "\xEF\xBB\xBF"));
  g_assert_true (g_str_has_suffix (answer->body, "\r\n"));
  g_assert_true (g_utf8_validate (answer->body, answer->length, NULL));
  lines = g_strsplit (answer->body + 3, "\r\n", -1);
  n_lines = g_strv_length (lines);
  g_assert_cmpuint (n_lines, ==, 1 + 11 + 1);  /* header, eleven accounts, "" after the last CRLF */
  g_assert_cmpstr (lines[n_lines - 1], ==, "");
  for (guint i = 0; i < n_lines; i++)
    g_assert_null (strchr (lines[i], '\n'));

  header = g_strsplit (lines[0], ";", -1);
  g_assert_cmpuint (g_strv_length (header), ==, 14);
  g_assert_cmpstr (header[0], ==, "Name");
  g_assert_cmpstr (header[1], ==, "KvK number");
  g_assert_cmpstr (header[12], ==, "Months without contact");

  for (guint i = 1; i + 1 < n_lines; i++)
    {
      if (g_str_has_prefix (lines[i], "Slagerij Hermans;"))
        {
          g_auto(GStrv) cells = g_strsplit (lines[i], ";", -1);

          saw_butcher = TRUE;
          g_assert_cmpuint (g_strv_length (cells), ==, 14);
          g_assert_cmpstr (cells[1], ==, "14000011");
          g_assert_cmpstr (cells[3], ==, "5");
          g_assert_cmpstr (cells[4], ==, "Heerlen");
          g_assert_cmpstr (cells[5], ==, "Lotte Lokaal");
          g_assert_cmpstr (cells[7], ==, "Local");
          g_assert_cmpstr (cells[9], ==, "In order");
          g_assert_cmpstr (cells[10], ==, "yes");
          g_assert_cmpstr (cells[11], ==, "2025-01-02");
          /* A decimal comma, and no decimal point anywhere in the number. */
          g_assert_true (g_regex_match (decimal, cells[12], 0, NULL));
          g_assert_cmpstr (cells[13], ==, "0");
        }
      /* A name that holds the separator and quotes is quoted, and is never a formula. */
      if (g_str_has_prefix (lines[i], "\"'=Plus; \"\"Partners\"\"\";14000012;"))
        saw_formula = TRUE;
    }
  g_assert_true (saw_butcher);
  g_assert_true (saw_formula);
}

/* Tests: importing employers */

static Answer *
import_csv (const char *username,
            const char *csv)
{
  return call_with_type (token_of (username), "POST", "api/v1/employers/import", "text/csv; charset=utf-8", csv, NULL);
}

static JsonObject *
report_row (Answer *answer,
            gint64  line)
{
  JsonArray *rows = json_object_get_array_member (object_of (answer), "rows");

  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);

      if (json_object_get_int_member (row, "line") == line)
        return row;
    }
  return NULL;
}

static gint64
count_accounts (const char *query)
{
  g_autofree char *path = g_strdup_printf ("api/v1/accounts?per_page=1%s%s", query != NULL ? "&q=" : "",
                                           query != NULL ? query : "");

  return count_list ("coord", path);
}

/* A known KvK is merged, a new one added, a KvK twice in the file and a row with wrong
 * values are refused, each with its line; the rest of the file is imported. */
static void
test_import_report (void)
{
  static const char csv[] =
    "\xEF\xBB\xBFKvK-nummer;Naam;Branche;Medewerkers;Postcode;Gemeente;Leerwerk\r\n"
    "14000010;Fietsenmaker Peters;Detailhandel;16;6418;Heerlen;ja\r\n"
    "14000099;Kapsalon Nieuwkomer;detailhandel;3;6211 AB;Maastricht;nee\r\n"
    "14000099;Kapsalon Tweemaal;detailhandel;4;6211;Maastricht;nee\r\n"
    "14000098;Bakkerij Fout;bakkerij;veel;6411;Nergenshuizen;nee\r\n";
  gint64 before = count_accounts (NULL);
  g_autoptr(Answer) answer = import_csv ("lam", csv);
  g_autoptr(JsonObject) merged = NULL;
  JsonObject *report, *row;

  g_assert_cmpuint (answer->status, ==, 200);
  report = object_of (answer);
  g_assert_cmpint (json_object_get_int_member (report, "read"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (report, "imported"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (report, "merged"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (report, "refused"), ==, 2);
  /* The rows that need a word: merged and refused, not the one that simply came in. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (report, "rows")), ==, 3);

  row = report_row (answer, 2);
  g_assert_nonnull (row);
  g_assert_cmpstr (json_object_get_string_member (row, "outcome"), ==, "merged");
  g_assert_cmpstr (json_object_get_string_member (row, "kvk"), ==, "14000010");
  g_assert_cmpint (json_object_get_int_member (row, "employer_id"), ==, fx.e_two);
  row = report_row (answer, 4);
  g_assert_cmpstr (json_object_get_string_member (row, "outcome"), ==, "refused");
  g_assert_cmpstr (json_object_get_string_member (row, "name"), ==, "Kapsalon Tweemaal");
  g_assert_nonnull (strstr (json_object_get_string_member (row, "message"), "earlier in this file"));
  row = report_row (answer, 5);
  g_assert_cmpstr (json_object_get_string_member (row, "outcome"), ==, "refused");
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (row, "employer_id")));
  g_assert_nonnull (strstr (json_object_get_string_member (row, "message"), "Nergenshuizen"));
  g_assert_null (report_row (answer, 3));

  /* The merge brought the size and the flag up to date and kept the owner. */
  merged = employer (fx.e_two);
  g_assert_cmpint (json_object_get_int_member (merged, "employee_count"), ==, 16);
  g_assert_cmpint (json_object_get_int_member (merged, "owner_id"), ==, fx.lam);
  g_assert_cmpint (count_accounts (NULL), ==, before + 1);
  g_assert_cmpint (count_accounts ("nieuwkomer"), ==, 1);
  g_assert_cmpint (count_accounts ("tweemaal"), ==, 0);
  /* Nobody owns the newcomer yet: the coordinator's queue has it. */
  {
    g_autoptr(Answer) reviews = get ("coord", "api/v1/reviews?kind=no_owner&per_page=1000");
    gboolean found = FALSE;

    for (guint i = 0; i < json_array_get_length (items_of (reviews)); i++)
      {
        JsonObject *review = json_array_get_object_element (items_of (reviews), i);

        found |= g_str_equal (json_object_get_string_member (json_object_get_object_member (review, "employer"), "kvk"),
                              "14000099");
      }
    g_assert_true (found);
  }
}

/* Only who may register employers imports them; the server does not rely on the app. */
static void
test_import_permissions (void)
{
  static const char csv[] = "kvk;naam;sector;medewerkers;postcode;gemeente\r\n14000097;Nooit Bedrijf;zorg;5;6411;Heerlen\r\n";
  g_autoptr(Answer) consultant = import_csv ("consultant", csv);
  g_autoptr(Answer) analyst = import_csv ("analyst", csv);
  g_autoptr(Answer) json = call (token_of ("coord"), "POST", "api/v1/employers/import", "{}", NULL);
  g_autoptr(Answer) get_answer = get ("coord", "api/v1/employers/import");

  g_assert_cmpuint (consultant->status, ==, 403);
  g_assert_cmpuint (analyst->status, ==, 403);
  g_assert_cmpuint (json->status, ==, 415);
  g_assert_cmpuint (get_answer->status, ==, 405);
  g_assert_cmpint (count_accounts ("nooit"), ==, 0);

  /* A coordinator imports too; the import is audited with its numbers. */
  {
    static const char same[] = "kvk;naam;sector;medewerkers;postcode;gemeente\r\n14000010;Fietsenmaker Peters;retail;16;6418;Heerlen\r\n";
    g_autoptr(Answer) coordinator = import_csv ("coord", same);
    g_autoptr(Answer) audit = get ("coord", "api/v1/audit?action=import&per_page=10");
    JsonObject *row;

    g_assert_cmpuint (coordinator->status, ==, 200);
    g_assert_cmpint (json_object_get_int_member (object_of (coordinator), "merged"), ==, 1);
    g_assert_cmpuint (audit->status, ==, 200);
    g_assert_cmpint (json_object_get_int_member (object_of (audit), "total"), ==, 1);
    row = json_array_get_object_element (items_of (audit), 0);
    g_assert_cmpstr (json_object_get_string_member (row, "resource"), ==, "employers");
    g_assert_cmpint (json_object_get_int_member (row, "user_id"), ==, fx.coord);
    g_assert_cmpstr (json_object_get_string_member (row, "reason"), ==, "1 read, 0 new, 1 merged, 0 refused");
  }
}

/* A file of the wrong shape writes nothing at all and says which lines are wrong. */
static void
test_import_broken (void)
{
  static const char shifted[] =
    "kvk;naam;sector;medewerkers;postcode;gemeente\r\n"
    "14000096;Goed Bedrijf;zorg;5;6411;Heerlen\r\n"
    "14000095;Verschoven;zorg;5;6411;Heerlen;extra;nog meer\r\n"
    "\"14000094;Open aanhalingsteken;zorg;5;6411;Heerlen\r\n";
  static const char no_column[] = "kvk;naam;sector;postcode;gemeente\r\n14000093;Zonder Grootte;zorg;6411;Heerlen\r\n";
  g_autoptr(Answer) answer = NULL;
  g_autoptr(Answer) missing = NULL;
  gint64 before = count_accounts (NULL);
  JsonArray *errors;

  answer = import_csv ("coord", shifted);
  g_assert_cmpuint (answer->status, ==, 400);
  g_assert_cmpstr (soup_message_headers_get_content_type (answer->headers, NULL), ==, "application/problem+json");
  errors = json_object_get_array_member (object_of (answer), "errors");
  g_assert_cmpuint (json_array_get_length (errors), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (errors, 0), "field"), ==, "row 3");
  g_assert_nonnull (strstr (json_object_get_string_member (json_array_get_object_element (errors, 0), "message"),
                            "fields where the header has 6"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (errors, 1), "field"), ==, "row 4");
  /* Not even the good line before the broken ones was written. */
  g_assert_cmpint (count_accounts (NULL), ==, before);
  g_assert_cmpint (count_accounts ("goed bedrijf"), ==, 0);

  missing = import_csv ("coord", no_column);
  g_assert_cmpuint (missing->status, ==, 400);
  g_assert_nonnull (strstr (field_error (missing, "file"), "medewerkers"));
  g_assert_cmpint (count_accounts (NULL), ==, before);
}

/* Tests: the client library's typed calls, as the desktop makes them */

static WbApiClient *
client_of (const char *username)
{
  WbApiClient *api = wb_api_client_new (fx.server->url);

  wb_api_client_set_token (api, token_of (username));
  return api;
}

static void
test_client_calls (void)
{
  g_autoptr(WbApiClient) lam = client_of ("lam");
  g_autoptr(WbApiClient) mila = client_of ("mlam");
  g_autoptr(WbApiClient) coord = client_of ("coord");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) accounts = NULL;
  g_autoptr(GListModel) reviews = NULL;
  g_autoptr(GHashTable) filters = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(WbRecord) rule = NULL;
  g_autoptr(WbRecord) entry = NULL;
  g_autoptr(JsonObject) contact = json_object_new ();
  g_autoptr(JsonObject) report = NULL;
  g_autoptr(GBytes) broken = NULL;
  g_autofree char *filename = NULL;
  g_autofree char *warning = NULL;
  g_autofree char *expected_name = g_strdup_printf ("werkbrug-accounts-%s.csv", fx.today);
  WbProblem *problem;

  /* Every account, page after page. */
  wb_api_accounts_list_async (lam, NULL, NULL, NULL, NULL, wb_test_store_result, &result);
  wb_test_wait (&result);
  accounts = wb_api_accounts_list_finish (lam, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_list_model_get_n_items (accounts), ==, count_accounts (NULL));
  g_clear_object (&result);

  /* The export with the list's filters, and the name the server proposes. */
  g_hash_table_insert (filters, "q", "bakkerij");
  wb_api_accounts_export_async (lam, filters, NULL, wb_test_store_result, &result);
  wb_test_wait (&result);
  csv = wb_api_accounts_export_finish (lam, result, &filename, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (filename, ==, expected_name);
  g_assert_true (g_str_has_prefix (g_bytes_get_data (csv, NULL), "\xEF\xBB\xBF"));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (csv, NULL), g_bytes_get_size (csv), "Bakkerij Janssen"));
  g_clear_object (&result);

  /* The rule in plain words. */
  wb_api_accounts_get_rule_async (lam, fx.e_dormant, NULL, wb_test_store_result, &result);
  wb_test_wait (&result);
  rule = wb_api_accounts_get_rule_finish (lam, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wb_record_get_id (rule), ==, fx.e_dormant);
  g_assert_nonnull (wb_record_get_string (rule, "explanation"));
  g_clear_object (&result);

  /* Another organisation's contact comes back with the two-parties warning, decoded. */
  json_object_set_string_member (contact, "date", fx.today);
  json_object_set_string_member (contact, "kind", "visit");
  json_object_set_string_member (contact, "note", "Langs geweest voor een leerwerkplek");
  wb_api_accounts_log_contact_async (mila, fx.e_dormant, contact, NULL, wb_test_store_result, &result);
  wb_test_wait (&result);
  entry = wb_api_accounts_log_contact_finish (mila, result, &warning, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wb_record_get_int (entry, "employer_id"), ==, fx.e_dormant);
  g_assert_nonnull (warning);
  g_assert_true (g_str_has_prefix (warning, "Slagerij Hermans is an account of Lotte Lokaal of ISD Heuvel"));
  g_clear_object (&result);

  /* A broken upload: the problem lists the lines. */
  {
    static const char text[] = "kvk;naam;sector;medewerkers;postcode;gemeente\r\n1;2;3\r\n";

    broken = g_bytes_new_static (text, strlen (text));
  }
  wb_api_accounts_import_async (lam, broken, NULL, wb_test_store_result, &result);
  wb_test_wait (&result);
  report = wb_api_accounts_import_finish (lam, result, &error);
  g_assert_null (report);
  g_assert_error (error, WB_API_ERROR, 400);
  problem = wb_api_error_get_problem (error);
  g_assert_nonnull (problem);
  g_assert_cmpuint (problem->errors->len, ==, 1);
  g_assert_cmpstr (((WbFieldError *) problem->errors->pdata[0])->field, ==, "row 2");
  g_clear_error (&error);
  g_clear_object (&result);

  /* The queue is for coordinators: the library says 403 to others. */
  wb_api_reviews_list_async (lam, NULL, wb_test_store_result, &result);
  wb_test_wait (&result);
  g_assert_null (wb_api_reviews_list_finish (lam, result, &error));
  g_assert_error (error, WB_API_ERROR, 403);
  g_clear_error (&error);
  g_clear_object (&result);
  wb_api_reviews_list_async (coord, NULL, wb_test_store_result, &result);
  wb_test_wait (&result);
  reviews = wb_api_reviews_list_finish (coord, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_list_model_get_n_items (reviews), ==, count_list ("coord", "api/v1/reviews"));
  g_clear_object (&result);
}

/* Every endpoint docs/accounts-api.md names is one this server answers, and every one
 * of them is documented. */
static void
test_documented_endpoints (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("WB_SOURCE_DIR"), "docs", "accounts-api.md", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) heading = g_regex_new ("^### (GET|POST|PATCH|PUT|DELETE) (/api/v1/[^ ]*)$", 0, 0, NULL);
  g_autoptr(GHashTable) documented = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) lines = NULL;
  gint64 any_review = 0;
  gint64 notification = 0;
  struct {
    const char *key;
    const char *user;
    char *path;
    const char *body;
    guint status;
  } endpoints[] = {
    { "GET /api/v1/employers/{id}/rule", "consultant", NULL, NULL, 200 },
    { "GET /api/v1/employers/{id}/history", "consultant", NULL, NULL, 200 },
    { "GET /api/v1/arrangements", "coord", g_strdup ("api/v1/arrangements"), NULL, 200 },
    { "GET /api/v1/users/{id}/handover", "coord", NULL, NULL, 200 },
    { "POST /api/v1/users/{id}/handover", "coord", NULL, "{}", 400 },
    { "POST /api/v1/employers/{id}/contact-log", "consultant", NULL, "{}", 400 },
    { "GET /api/v1/accounts", "consultant", g_strdup ("api/v1/accounts"), NULL, 200 },
    { "GET /api/v1/accounts/export.csv", "consultant", g_strdup ("api/v1/accounts/export.csv"), NULL, 200 },
    { "GET /api/v1/reviews", "coord", g_strdup ("api/v1/reviews"), NULL, 200 },
    { "GET /api/v1/reviews/{id}", "coord", NULL, NULL, 200 },
    { "POST /api/v1/reviews/{id}/decision", "coord", NULL, "{}", 428 },
    { "GET /api/v1/notifications", "lam", g_strdup ("api/v1/notifications"), NULL, 200 },
    { "POST /api/v1/notifications/{id}/read", "lam", NULL, NULL, 200 },
    { "POST /api/v1/employers/import", "lam", g_strdup ("api/v1/employers/import"), "{}", 415 },
  };

  {
    g_autoptr(Answer) reviews = get ("coord", "api/v1/reviews?status=decided&per_page=1");
    g_autoptr(Answer) notifications = get ("lam", "api/v1/notifications?per_page=1");

    any_review = json_object_get_int_member (json_array_get_object_element (items_of (reviews), 0), "id");
    notification = json_object_get_int_member (json_array_get_object_element (items_of (notifications), 0), "id");
  }
  endpoints[0].path = g_strdup_printf ("api/v1/employers/%" G_GINT64_FORMAT "/rule", fx.e_ok);
  endpoints[1].path = g_strdup_printf ("api/v1/employers/%" G_GINT64_FORMAT "/history", fx.e_ok);
  endpoints[3].path = g_strdup_printf ("api/v1/users/%" G_GINT64_FORMAT "/handover", fx.left);
  endpoints[4].path = g_strdup_printf ("api/v1/users/%" G_GINT64_FORMAT "/handover", fx.left);
  endpoints[5].path = g_strdup_printf ("api/v1/employers/%" G_GINT64_FORMAT "/contact-log", fx.e_ok);
  endpoints[9].path = g_strdup_printf ("api/v1/reviews/%" G_GINT64_FORMAT, any_review);
  endpoints[10].path = g_strdup_printf ("api/v1/reviews/%" G_GINT64_FORMAT "/decision", any_review);
  endpoints[12].path = g_strdup_printf ("api/v1/notifications/%" G_GINT64_FORMAT "/read", notification);

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GMatchInfo) match = NULL;

      if (!g_str_has_prefix (lines[i], "### "))
        continue;
      if (!g_regex_match (heading, lines[i], 0, &match))
        {
          if (strstr (lines[i], "/api/v1/") != NULL)
            g_error ("docs/accounts-api.md:%u: malformed endpoint heading: %s", i + 1, lines[i]);
          continue;
        }
      if (!g_hash_table_add (documented, g_strdup (lines[i] + 4)))
        g_error ("docs/accounts-api.md:%u: %s is documented twice", i + 1, lines[i] + 4);
    }

  g_assert_cmpuint (g_hash_table_size (documented), ==, G_N_ELEMENTS (endpoints));
  for (guint i = 0; i < G_N_ELEMENTS (endpoints); i++)
    {
      g_autoptr(Answer) answer = NULL;
      const char *method = g_str_has_prefix (endpoints[i].key, "GET") ? "GET" : "POST";

      if (!g_hash_table_contains (documented, endpoints[i].key))
        g_error ("docs/accounts-api.md does not document %s", endpoints[i].key);
      answer = call (token_of (endpoints[i].user), method, endpoints[i].path, endpoints[i].body, NULL);
      g_test_message ("%s -> %u", endpoints[i].key, answer->status);
      g_assert_cmpuint (answer->status, ==, endpoints[i].status);
      g_free (endpoints[i].path);
    }
}

/* Tests: potential arrangements are reported to the WSP (seed 000, §2.3) */

static Answer *
patch_employer (const char *username,
                gint64      id,
                const char *body)
{
  g_autoptr(JsonObject) before = employer (id);
  g_autofree char *path = g_strdup_printf ("api/v1/employers/" ID, id);
  g_autofree char *etag = g_strdup_printf ("\"v%" G_GINT64_FORMAT "\"", json_object_get_int_member (before, "version"));

  return call (token_of (username), "PATCH", path, body, etag);
}

/* The unread notifications of a user with this kind about this employer, newest first. */
static JsonArray *
notifications_about (const char *username,
                     const char *kind,
                     gint64      employer_id)
{
  g_autoptr(Answer) answer = get (username, "api/v1/notifications?unread=true&per_page=1000");
  JsonArray *found = json_array_new ();
  JsonArray *items = items_of (answer);

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *notification = json_array_get_object_element (items, i);

      if (g_str_equal (json_object_get_string_member (notification, "kind"), kind) &&
          json_object_get_int_member (notification, "resource_id") == employer_id)
        json_array_add_object_element (found, json_object_ref (notification));
    }
  return found;
}

static void
test_arrangement_reported (void)
{
  const char *note = "Twee leerwerkplekken fietstechniek, start in maart";
  g_autofree char *marked = g_strdup_printf ("{\"arrangement\":true,\"arrangement_note\":\"%s\"}", note);
  g_autoptr(Answer) answer = NULL;
  g_autoptr(Answer) history = NULL;
  g_autoptr(Answer) list = NULL;
  g_autoptr(JsonArray) told = NULL;
  g_autoptr(JsonArray) elsewhere = NULL;
  g_autofree char *quarter = NULL;
  JsonObject *entry, *notification;
  JsonArray *items;

  /* Lotte, a local account manager, marks a potential arrangement at her employer. */
  answer = patch_employer ("lam", fx.e_two, marked);
  g_assert_cmpuint (answer->status, ==, 200);
  g_clear_pointer (&answer, answer_free);

  /* The coordinator of WSP Parkstad, the WSP of Heerlen's subregion, hears of it: the
   * employer, the arrangement and who marked it; the region-wide WSP does not. */
  told = notifications_about ("pcoord", "arrangement_reported", fx.e_two);
  g_assert_cmpuint (json_array_get_length (told), ==, 1);
  notification = json_array_get_object_element (told, 0);
  g_assert_cmpstr (json_object_get_string_member (notification, "title"), ==,
                   "Potential arrangement at Fietsenmaker Peters, marked by Lotte Lokaal (ISD Heuvel)");
  g_assert_cmpstr (json_object_get_string_member (notification, "body"), ==, note);
  g_assert_cmpstr (json_object_get_string_member (notification, "resource"), ==, "employers");
  elsewhere = notifications_about ("coord", "arrangement_reported", fx.e_two);
  g_assert_cmpuint (json_array_get_length (elsewhere), ==, 0);

  /* The report stays on the account's history, which whoever reads the account reads. */
  history = get ("consultant", "api/v1/employers/" ID "/history", fx.e_two);
  g_assert_cmpuint (history->status, ==, 200);
  items = items_of (history);
  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  entry = json_array_get_object_element (items, 0);
  g_assert_cmpstr (json_object_get_string_member (entry, "kind"), ==, "arrangement");
  g_assert_cmpstr (json_object_get_string_member (entry, "change"), ==, "new");
  g_assert_cmpstr (json_object_get_string_member (entry, "text"), ==, note);
  g_assert_cmpint (json_object_get_int_member (entry, "user_id"), ==, fx.lam);
  g_assert_cmpstr (json_object_get_string_member (entry, "user_name"), ==, "Lotte Lokaal");
  g_assert_cmpstr (json_object_get_string_member (entry, "organisation"), ==, "ISD Heuvel");
  g_assert_cmpint (json_object_get_int_member (entry, "notified"), ==, 1);
  quarter = g_strdup (json_object_get_string_member (entry, "quarter"));
  g_clear_pointer (&history, answer_free);

  /* The same again reports nothing; another description is a change; unmarking withdraws
   * the arrangement as it was. */
  answer = patch_employer ("lam", fx.e_two, marked);
  g_assert_cmpuint (answer->status, ==, 200);
  g_clear_pointer (&answer, answer_free);
  answer = patch_employer ("lam", fx.e_two, "{\"arrangement_note\":\"Drie leerwerkplekken fietstechniek\"}");
  g_assert_cmpuint (answer->status, ==, 200);
  g_clear_pointer (&answer, answer_free);
  answer = patch_employer ("lam", fx.e_two, "{\"arrangement\":false}");
  g_assert_cmpuint (answer->status, ==, 200);
  g_clear_pointer (&answer, answer_free);
  history = get ("lam", "api/v1/employers/" ID "/history", fx.e_two);
  items = items_of (history);
  g_assert_cmpuint (json_array_get_length (items), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 0), "change"), ==, "withdrawn");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 0), "text"), ==,
                   "Drie leerwerkplekken fietstechniek");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 1), "change"), ==, "changed");
  g_clear_pointer (&told, json_array_unref);
  told = notifications_about ("pcoord", "arrangement_reported", fx.e_two);
  g_assert_cmpuint (json_array_get_length (told), ==, 3);

  /* Maastricht has no WSP of its own: the WSP that serves it hears of a new employer's. */
  {
    g_autofree char *body = g_strdup_printf ("{\"kvk\":\"14000090\",\"name\":\"Rijwielhandel Maas\",\"sector\":\"retail\","
                                             "\"employee_count\":6,\"pc4\":\"6211\",\"municipality_id\":" ID ","
                                             "\"owner_id\":" ID ",\"arrangement\":true}", fx.maastricht, fx.mlam);
    gint64 id;

    answer = call (token_of ("mlam"), "POST", "api/v1/employers", body, NULL);
    g_assert_cmpuint (answer->status, ==, 201);
    id = json_object_get_int_member (object_of (answer), "id");
    g_clear_pointer (&elsewhere, json_array_unref);
    elsewhere = notifications_about ("coord", "arrangement_reported", id);
    g_assert_cmpuint (json_array_get_length (elsewhere), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (elsewhere, 0), "body"), ==,
                     "No description was given.");
    g_clear_pointer (&answer, answer_free);
  }

  /* The coordinators list them per quarter, with their employers; a region narrows it. */
  list = get ("pcoord", "api/v1/arrangements?quarter=%s", quarter);
  g_assert_cmpuint (list->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (object_of (list), "total"), ==, 4);
  entry = json_array_get_object_element (items_of (list), 0);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (entry, "employer"), "name"), ==,
                   "Rijwielhandel Maas");
  g_clear_pointer (&list, answer_free);
  list = get ("pcoord", "api/v1/arrangements?region=Parkstad");
  g_assert_cmpuint (list->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (object_of (list), "total"), ==, 3);
  g_clear_pointer (&list, answer_free);
  list = get ("pcoord", "api/v1/arrangements");
  g_assert_cmpint (json_object_get_int_member (object_of (list), "total"), ==, 4);
  g_clear_pointer (&list, answer_free);
  list = get ("coord", "api/v1/arrangements?quarter=2020-Q1");
  g_assert_cmpint (json_object_get_int_member (object_of (list), "total"), ==, 0);
  g_clear_pointer (&list, answer_free);
  list = get ("coord", "api/v1/arrangements?quarter=2026-Q5");
  g_assert_nonnull (field_error (list, "quarter"));
  g_clear_pointer (&list, answer_free);
  list = get ("coord", "api/v1/arrangements?region=Atlantis");
  g_assert_nonnull (field_error (list, "region"));
  g_clear_pointer (&list, answer_free);
  list = get ("lam", "api/v1/arrangements");
  g_assert_cmpuint (list->status, ==, 403);
  g_clear_pointer (&list, answer_free);
  list = get ("analyst", "api/v1/employers/" ID "/history", fx.e_two);
  g_assert_cmpuint (list->status, ==, 403);
}

/* Tests: handing over the accounts of an account manager who left */

static gint64
register_for (const char *kvk,
              const char *name,
              int         employees,
              gint64      municipality,
              gint64      owner)
{
  g_autofree char *body = g_strdup_printf ("{\"kvk\":\"%s\",\"name\":\"%s\",\"sector\":\"retail\",\"employee_count\":%d,"
                                           "\"pc4\":\"6411\",\"municipality_id\":" ID ",\"owner_id\":" ID "}",
                                           kvk, name, employees, municipality, owner);
  g_autoptr(Answer) answer = call (token_of ("coord"), "POST", "api/v1/employers", body, NULL);

  g_assert_cmpuint (answer->status, ==, 201);
  return json_object_get_int_member (object_of (answer), "id");
}

static JsonObject *
proposal_for (JsonArray *accounts,
              gint64     employer_id)
{
  for (guint i = 0; i < json_array_get_length (accounts); i++)
    {
      JsonObject *item = json_array_get_object_element (accounts, i);

      if (json_object_get_int_member (json_object_get_object_member (item, "employer"), "id") == employer_id)
        return item;
    }
  g_assert_not_reached ();
}

static gboolean
offers (JsonObject *item,
        gint64      user_id)
{
  JsonArray *successors = json_object_get_array_member (item, "successors");

  for (guint i = 0; i < json_array_get_length (successors); i++)
    if (json_object_get_int_member (json_array_get_object_element (successors, i), "id") == user_id)
      return TRUE;
  return FALSE;
}

static void
test_handover (void)
{
  g_autofree char *path = g_strdup_printf ("api/v1/users/" ID "/handover", fx.left);
  gint64 large = register_for ("14000101", "Glasfabriek Heuts", 40, fx.heerlen, fx.left);
  gint64 maas = register_for ("14000102", "Bloemist Maas", 8, fx.maastricht, fx.left);
  gint64 small = register_for ("14000103", "Kapper Heuvel", 12, fx.heerlen, fx.left);
  g_autoptr(Answer) proposal = NULL;
  g_autoptr(Answer) answer = NULL;
  g_autoptr(JsonObject) after = NULL;
  g_autofree char *good = NULL;
  g_autofree char *unfit = NULL;
  g_autofree char *partial = NULL;
  g_autofree char *foreign = NULL;
  JsonArray *accounts;
  JsonObject *item, *briefing, *entry;
  gint64 to_large, to_maas, to_small;

  /* What the successor of the large account should know. */
  {
    g_autofree char *contact = g_strdup_printf ("{\"date\":\"%s\",\"kind\":\"visit\",\"note\":\"Rondleiding glasoven\"}", fx.today);
    g_autofree char *contact_path = g_strdup_printf ("api/v1/employers/" ID "/contact-log", large);
    g_autofree char *vacancy = g_strdup_printf ("{\"employer_id\":" ID ",\"title\":\"Glasblazer\",\"sector\":\"manufacturing\","
                                                "\"hours\":32,\"pc4\":\"6411\",\"positions\":2,\"opened_at\":\"%s\","
                                                "\"status\":\"open\"}", large, fx.today);
    g_autoptr(Answer) logged = call (token_of ("coord"), "POST", contact_path, contact, NULL);
    g_autoptr(Answer) opened = call (token_of ("coord"), "POST", "api/v1/vacancies", vacancy, NULL);
    g_autoptr(Answer) excepted = patch_employer ("coord", small, "{\"exception_reason\":\"Kent de eigenaar al jaren\"}");

    g_assert_cmpuint (logged->status, ==, 201);
    g_assert_cmpuint (opened->status, ==, 201);
    g_assert_cmpuint (excepted->status, ==, 200);
  }
  g_assert_nonnull (find_open_review ("owner_left", large));

  /* The proposal: who may own each account by the rule, the one with the fewest first. */
  proposal = get ("coord", "%s", path);
  g_assert_cmpuint (proposal->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object_of (proposal), "user"),
                                                  "display_name"), ==, "Lars Lenders");
  accounts = json_object_get_array_member (object_of (proposal), "accounts");
  g_assert_cmpuint (json_array_get_length (accounts), ==, 3);
  /* 40 employees in Heerlen: Parkstad's WSP has no account manager, the region-wide WSP does. */
  item = proposal_for (accounts, large);
  g_assert_true (offers (item, fx.wsp1) && offers (item, fx.wsp2));
  g_assert_false (offers (item, fx.lam) || offers (item, fx.mlam) || offers (item, fx.left));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (item, "successors"), 0),
                                                  "fit"), ==, "region_wide");
  to_large = json_object_get_int_member (item, "successor_id");
  g_assert_true (to_large == fx.wsp1 || to_large == fx.wsp2);
  briefing = json_object_get_object_member (item, "briefing");
  g_assert_cmpint (json_object_get_int_member (briefing, "contacts"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (briefing, "last_contacts"), 0),
                                                  "note"), ==, "Rondleiding glasoven");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (briefing, "open_vacancies")), ==, 1);
  {
    g_autofree char *today = wb_format_iso_date (fx.today);
    g_autofree char *summary = g_strdup_printf ("1 contact, the last on %s; 1 open vacancy; no matches in progress; "
                                                "no exception", today);

    g_assert_cmpstr (json_object_get_string_member (item, "briefing_summary"), ==, summary);
  }
  /* 8 employees in Maastricht: its local account manager only. */
  item = proposal_for (accounts, maas);
  to_maas = json_object_get_int_member (item, "successor_id");
  g_assert_cmpint (to_maas, ==, fx.mlam);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (item, "successors")), ==, 1);
  /* 12 in Heerlen: a local account manager of Heerlen; the exception goes into the briefing. */
  item = proposal_for (accounts, small);
  to_small = json_object_get_int_member (item, "successor_id");
  g_assert_true (offers (item, fx.lam) && offers (item, fx.lam2) && !offers (item, fx.wsp1));
  g_assert_true (to_small == fx.lam || to_small == fx.lam2);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_object_get_object_member (item, "briefing"),
                                                                                 "exception"), "reason"), ==,
                   "Kent de eigenaar al jaren");

  good = g_strdup_printf ("{\"reason\":\"Lars is vertrokken\",\"assignments\":[{\"employer_id\":" ID ",\"owner_id\":" ID "},"
                          "{\"employer_id\":" ID ",\"owner_id\":" ID "},{\"employer_id\":" ID ",\"owner_id\":" ID "}]}",
                          large, to_large, maas, to_maas, small, to_small);
  unfit = g_strdup_printf ("{\"reason\":\"Lars is vertrokken\",\"assignments\":[{\"employer_id\":" ID ",\"owner_id\":" ID "},"
                           "{\"employer_id\":" ID ",\"owner_id\":" ID "},{\"employer_id\":" ID ",\"owner_id\":" ID "}]}",
                           large, to_large, maas, fx.wsp1, small, to_small);
  partial = g_strdup_printf ("{\"reason\":\"Lars is vertrokken\",\"assignments\":[{\"employer_id\":" ID ",\"owner_id\":" ID "},"
                             "{\"employer_id\":" ID ",\"owner_id\":" ID "}]}", large, to_large, maas, to_maas);
  foreign = g_strdup_printf ("{\"reason\":\"Lars is vertrokken\",\"assignments\":[{\"employer_id\":" ID ",\"owner_id\":" ID "},"
                             "{\"employer_id\":" ID ",\"owner_id\":" ID "},{\"employer_id\":" ID ",\"owner_id\":" ID "},"
                             "{\"employer_id\":" ID ",\"owner_id\":" ID "}]}",
                             large, to_large, maas, to_maas, small, to_small, fx.e_ok, fx.wsp2);

  /* Only a coordinator; and a handover that is wrong anywhere changes nothing anywhere. */
  answer = call (token_of ("lam"), "POST", path, good, NULL);
  g_assert_cmpuint (answer->status, ==, 403);
  g_clear_pointer (&answer, answer_free);
  answer = call (token_of ("coord"), "POST", path, "{}", NULL);
  g_assert_nonnull (field_error (answer, "reason"));
  g_assert_nonnull (field_error (answer, "assignments"));
  g_clear_pointer (&answer, answer_free);
  answer = call (token_of ("coord"), "POST", path, unfit, NULL);
  g_assert_nonnull (strstr (field_error (answer, "assignments[1].owner_id"), "Bloemist Maas"));
  g_clear_pointer (&answer, answer_free);
  answer = call (token_of ("coord"), "POST", path, partial, NULL);
  g_assert_cmpstr (field_error (answer, "assignments"), ==, "misses 1 account: Kapper Heuvel");
  g_clear_pointer (&answer, answer_free);
  answer = call (token_of ("coord"), "POST", path, foreign, NULL);
  g_assert_nonnull (field_error (answer, "assignments[3].employer_id"));
  g_clear_pointer (&answer, answer_free);
  after = employer (large);
  g_assert_cmpint (json_object_get_int_member (after, "owner_id"), ==, fx.left);
  g_clear_pointer (&after, json_object_unref);
  {
    g_autoptr(Answer) history = get ("coord", "api/v1/employers/" ID "/history", large);

    g_assert_cmpuint (json_array_get_length (items_of (history)), ==, 0);
  }

  /* In one step: every account to its successor, each with its history and its briefing. */
  answer = call (token_of ("coord"), "POST", path, good, NULL);
  g_assert_cmpuint (answer->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (object_of (answer), "handed_over"), ==, 3);
  g_clear_pointer (&answer, answer_free);
  after = employer (large);
  g_assert_cmpint (json_object_get_int_member (after, "owner_id"), ==, to_large);
  g_clear_pointer (&after, json_object_unref);
  after = employer (small);
  g_assert_cmpint (json_object_get_int_member (after, "owner_id"), ==, to_small);
  g_assert_true (json_object_get_null_member (after, "exception_reason"));
  g_clear_pointer (&after, json_object_unref);
  {
    g_autoptr(Answer) history = get ("consultant", "api/v1/employers/" ID "/history", large);
    g_autoptr(JsonArray) told = notifications_about (to_large == fx.wsp1 ? "wsp1" : "wsp2", "handover", large);
    g_autoptr(Answer) audit = get ("coord", "api/v1/audit?action=handover&per_page=10");

    g_assert_cmpuint (json_array_get_length (items_of (history)), ==, 1);
    entry = json_array_get_object_element (items_of (history), 0);
    g_assert_cmpstr (json_object_get_string_member (entry, "kind"), ==, "handover");
    g_assert_cmpint (json_object_get_int_member (entry, "from_user_id"), ==, fx.left);
    g_assert_cmpint (json_object_get_int_member (entry, "to_user_id"), ==, to_large);
    g_assert_cmpint (json_object_get_int_member (entry, "user_id"), ==, fx.coord);
    g_assert_cmpstr (json_object_get_string_member (entry, "text"), ==, "Lars is vertrokken");
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (entry, "briefing"), "contacts"), ==, 1);
    g_assert_cmpuint (json_array_get_length (told), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (told, 0), "title"), ==,
                     "You take Glasfabriek Heuts over from Lars Lenders: read its briefing on the account");
    g_assert_cmpint (json_object_get_int_member (object_of (audit), "total"), ==, 3);
  }
  g_assert_null (find_open_review ("owner_left", large));
  g_assert_null (find_open_review ("owner_left", maas));

  /* Nothing is left to hand over. */
  g_clear_pointer (&proposal, answer_free);
  proposal = get ("coord", "%s", path);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object_of (proposal), "accounts")), ==, 0);
  answer = call (token_of ("coord"), "POST", path, good, NULL);
  g_assert_nonnull (strstr (field_error (answer, "assignments"), "owns no account"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  create_fixture ();
  fx.server = wb_test_server_start (fx.db);

  g_test_add_func ("/accounts-http/queue/initial-oldest-first", test_initial_queue);
  g_test_add_func ("/accounts-http/queue/suggests-what-the-rule-asks", test_suggested_actions);
  g_test_add_func ("/accounts-http/queue/only-coordinators", test_queue_permissions);
  g_test_add_func ("/accounts-http/rule/plain-words", test_rule);
  g_test_add_func ("/accounts-http/decision/approval-only-through-the-queue", test_approval_only_through_queue);
  g_test_add_func ("/accounts-http/employer/only-the-owner-edits", test_only_owner_edits);
  g_test_add_func ("/accounts-http/decision/preconditions", test_decision_preconditions);
  g_test_add_func ("/accounts-http/decision/approve-exception", test_approve_exception);
  g_test_add_func ("/accounts-http/decision/transfer-to-wsp", test_transfer_to_wsp);
  g_test_add_func ("/accounts-http/decision/assign-owner", test_assign_owner);
  g_test_add_func ("/accounts-http/decision/merge-keeps-both-histories", test_merge_duplicates);
  g_test_add_func ("/accounts-http/decision/dismiss-needs-reason", test_dismiss_needs_reason);
  g_test_add_func ("/accounts-http/decision/one-audit-row-each", test_audit_rows);
  g_test_add_func ("/accounts-http/flags/vacancy-at-excepted-account", test_vacancy_at_excepted_account);
  g_test_add_func ("/accounts-http/flags/size-crossing", test_size_crossing);
  g_test_add_func ("/accounts-http/two-parties/warning-and-notification", test_two_parties);
  g_test_add_func ("/accounts-http/notifications/read", test_notifications_read);
  g_test_add_func ("/accounts-http/accounts/list-filters", test_account_list);
  g_test_add_func ("/accounts-http/accounts/export-for-dutch-excel", test_export);
  g_test_add_func ("/accounts-http/import/merged-and-refused-rows", test_import_report);
  g_test_add_func ("/accounts-http/import/only-who-may-register", test_import_permissions);
  g_test_add_func ("/accounts-http/import/broken-file-writes-nothing", test_import_broken);
  g_test_add_func ("/accounts-http/client/typed-calls", test_client_calls);
  g_test_add_func ("/accounts-http/docs/every-endpoint-answers", test_documented_endpoints);
  g_test_add_func ("/accounts-http/owner/only-through-the-queue", test_owner_only_through_queue);
  g_test_add_func ("/accounts-http/arrangements/reported-to-the-wsp", test_arrangement_reported);
  g_test_add_func ("/accounts-http/handover/all-accounts-in-one-step", test_handover);

  status = g_test_run ();

  wb_test_server_stop (fx.server);
  wb_test_remove_dir (fx.dir);
  g_hash_table_unref (fx.tokens);
  g_free (fx.today);
  g_free (fx.dir);
  g_free (fx.db);
  return status;
}
