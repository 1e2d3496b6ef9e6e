/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Writes by other processes and the change feed, against a real werkbrug-server on a
 * loopback port: a second connection writes to the same database file (as an import or a
 * second server would) and the running server's match engine follows it; the feed at
 * /api/v1/changes tells each user what changed among what they may read. Everything
 * person-like in the fixture is made up here. */

#define G_LOG_DOMAIN "test-changes-http"

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "wb-password.h"
#include "wb-server.h"
#include "wb-store.h"
#include "wb-store-changes.h"
#include "wb-store-private.h"
#include "wb-test-api.h"
#include "wb-test-server.h"
#include "wb-test-store.h"
#include "wb-test-util.h"

#define PASSWORD "correct horse battery"

static struct {
  char *dir;
  char *db;
  WbTestServer *server;
  char *today;
  gint64 org_a, org_b, org_wsp;
  gint64 heerlen;
  gint64 forklift;
  gint64 employer, vacancy;
  gint64 a1, b1;
} fx;

/* Fixture */

static char *
forklift_diagnosis (int level)
{
  return g_strdup_printf ("[{\"competence_id\":%" G_GINT64_FORMAT ",\"level\":%d}]", fx.forklift, level);
}

static gint64
add_client (WbStore    *store,
            gint64      org,
            const char *family,
            const char *bsn)
{
  g_autofree char *diagnosis = forklift_diagnosis (4);
  gint64 id = wb_test_insert_printf (store, WB_RESOURCE_CLIENTS,
                                     "{\"organisation_id\":%" G_GINT64_FORMAT ",\"municipality_id\":%" G_GINT64_FORMAT ","
                                     "\"given_name\":\"Test\",\"family_name\":\"%s\",\"bsn\":\"%s\",\"pc4\":\"6411\","
                                     "\"birth_year\":1985,\"client_group\":\"participatiewet\",\"phase\":\"work_ready\","
                                     "\"hours_available\":32,\"education_level\":\"mbo2\"}",
                                     org, fx.heerlen, family, bsn);

  wb_test_insert_printf (store, WB_RESOURCE_DIAGNOSES,
                         "{\"client_id\":%" G_GINT64_FORMAT ",\"date\":\"%s\",\"source\":\"competensys\",\"competences\":%s}",
                         id, fx.today, diagnosis);
  return id;
}

static void
create_fixture (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbStore) store = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *hash = NULL;
  gint64 wsp_am;

  fx.today = g_date_time_format (now, "%Y-%m-%d");
  fx.dir = wb_test_make_dir ();
  fx.db = g_build_filename (fx.dir, "changes.db", NULL);
  store = wb_store_open (fx.db, &error);
  g_assert_no_error (error);

  fx.heerlen = wb_test_insert (store, WB_RESOURCE_MUNICIPALITIES, "{\"code\":\"GM0917\",\"name\":\"Heerlen\",\"region\":\"Parkstad\"}");
  fx.org_a = wb_test_insert (store, WB_RESOURCE_ORGANISATIONS, "{\"code\":\"isd-a\",\"name\":\"ISD A\",\"kind\":\"social_service\",\"region\":\"Parkstad\"}");
  fx.org_b = wb_test_insert (store, WB_RESOURCE_ORGANISATIONS, "{\"code\":\"isd-b\",\"name\":\"ISD B\",\"kind\":\"social_service\",\"region\":\"Parkstad\"}");
  fx.org_wsp = wb_test_insert (store, WB_RESOURCE_ORGANISATIONS, "{\"code\":\"wsp\",\"name\":\"WSP Parkstad\",\"kind\":\"wsp\",\"region\":\"Parkstad\"}");

  hash = wb_password_hash (PASSWORD, &error);
  g_assert_no_error (error);
  wb_test_add_user (store, fx.org_a, "a.consultant", "a.consultant", "consultant", hash);
  wb_test_add_user (store, fx.org_a, "a.colleague", "a.colleague", "consultant", hash);
  wb_test_add_user (store, fx.org_b, "b.consultant", "b.consultant", "consultant", hash);
  wb_test_add_user (store, fx.org_a, "a.analyst", "a.analyst", "analyst", hash);
  wsp_am = wb_test_add_user (store, fx.org_wsp, "wsp.am", "wsp.am", "account_manager_wsp", hash);

  fx.forklift = wb_test_insert (store, WB_RESOURCE_COMPETENCES,
                                "{\"uri\":\"urn:werkbrug:test:forklift\",\"label_nl\":\"Heftruck rijden\",\"kind\":\"skill\"}");
  fx.employer = wb_test_insert_printf (store, WB_RESOURCE_EMPLOYERS,
                                       "{\"kvk\":\"12345678\",\"name\":\"Parkstad Logistiek B.V.\",\"sector\":\"logistics\","
                                       "\"employee_count\":40,\"pc4\":\"6411\",\"municipality_id\":%" G_GINT64_FORMAT ","
                                       "\"owner_id\":%" G_GINT64_FORMAT ",\"active\":true}", fx.heerlen, wsp_am);
  fx.vacancy = wb_test_insert_printf (store, WB_RESOURCE_VACANCIES,
                                      "{\"employer_id\":%" G_GINT64_FORMAT ",\"title\":\"Heftruckchauffeur\",\"sector\":\"logistics\","
                                      "\"hours\":32,\"pc4\":\"6411\",\"positions\":1,\"opened_at\":\"%s\",\"status\":\"open\","
                                      "\"organisation_id\":%" G_GINT64_FORMAT ","
                                      "\"competences\":[{\"competence_id\":%" G_GINT64_FORMAT ",\"level\":3,\"essential\":true}]}",
                                      fx.employer, fx.today, fx.org_wsp, fx.forklift);
  fx.a1 = add_client (store, fx.org_a, "Aalders", "111222333");
  fx.b1 = add_client (store, fx.org_b, "Beckers", "555666773");

  g_clear_object (&store);
  fx.server = wb_test_server_start (fx.db);
}

/* The server the helpers talk to: the fixture's process, or another one a test starts. */
static const char *url_override;

static const char *
server_url (void)
{
  return url_override != NULL ? url_override : fx.server->url;
}

static WbApiClient *
login (const char *username)
{
  return wb_test_api_login (server_url (), username, PASSWORD, NULL);
}

/* Whether the ranking of the vacancy's candidates holds @client. */
static gboolean
ranked (WbApiClient *api,
        gint64       client)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup_printf ("api/v1/vacancies/%" G_GINT64_FORMAT "/matches", fx.vacancy);
  g_autoptr(JsonNode) node = wb_test_api_request (api, "GET", path, NULL, NULL, &error);
  JsonArray *items;

  g_assert_no_error (error);
  items = json_object_get_array_member (json_node_get_object (node), "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    if (json_object_get_int_member (json_array_get_object_element (items, i), "client_id") == client)
      return TRUE;
  return FALSE;
}

/* Asks @check until it holds, at most @seconds; the seconds it took, or -1. */
static double
wait_for (gboolean (*check) (WbApiClient *, gint64),
          WbApiClient *api,
          gint64       client,
          double       seconds)
{
  gint64 start = g_get_monotonic_time ();

  while (g_get_monotonic_time () - start < seconds * G_USEC_PER_SEC)
    {
      if (check (api, client))
        return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
      g_usleep (100 * 1000);
    }
  return -1;
}

/* Tests: writes by another process */

static gboolean
not_ranked (WbApiClient *api,
            gint64       client)
{
  return !ranked (api, client);
}

static void
test_follows_another_process (void)
{
  g_autoptr(WbApiClient) wsp = login ("wsp.am");
  g_autoptr(GError) error = NULL;
  g_autoptr(WbStore) other = NULL;
  g_autoptr(JsonObject) record = NULL;
  g_autoptr(JsonNode) changes = NULL;
  gint64 newcomer;
  double took;

  g_assert_true (ranked (wsp, fx.a1));

  /* A second connection to the same file, as an import or a second server has: a new
   * client who fits the vacancy. */
  other = wb_store_open (fx.db, &error);
  g_assert_no_error (error);
  newcomer = add_client (other, fx.org_a, "Nieuwkomer", "123456782");
  /* That it comes is asserted; how soon is reported (a busy machine or the sanitizers take
   * longer, and 60 s is for them). */
  took = wait_for (ranked, wsp, newcomer, 60);
  g_test_message ("a client written by another process was ranked after %.2f s", took);
  g_assert_cmpfloat (took, >=, 0);

  /* A change of an existing client, by the other connection: gone to work, no longer a
   * candidate. */
  record = wb_store_get (other, WB_RESOURCE_CLIENTS, newcomer, &error);
  g_assert_no_error (error);
  changes = json_from_string ("{\"status\":\"outflow\"}", &error);
  g_assert_no_error (error);
  g_assert_true (wb_store_update (other, WB_RESOURCE_CLIENTS, newcomer, json_object_get_int_member (record, "version"),
                                  json_node_get_object (changes), &error));
  g_assert_no_error (error);
  took = wait_for (not_ranked, wsp, newcomer, 60);
  g_test_message ("a client changed by another process left the ranking after %.2f s", took);
  g_assert_cmpfloat (took, >=, 0);
}


/* A feed client: the change feed read as a browser's EventSource would. */

typedef struct {
  SoupSession *session;
  GDataInputStream *lines;
  GCancellable *cancellable;
} Feed;

typedef struct {
  char *id;
  char *event;      /* "change", "ready", "reset", "session-ended"; "comment" for a heartbeat */
  JsonObject *data;
} Event;

static void
event_free (Event *event)
{
  g_free (event->id);
  g_free (event->event);
  g_clear_pointer (&event->data, json_object_unref);
  g_free (event);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Event, event_free)

static void
feed_free (Feed *feed)
{
  g_cancellable_cancel (feed->cancellable);
  g_clear_object (&feed->lines);
  g_clear_object (&feed->cancellable);
  g_clear_object (&feed->session);
  g_free (feed);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Feed, feed_free)

static char *
token_for (const char *username)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (server_url (), "api/v1/session", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autofree char *body = g_strdup_printf ("{\"username\":\"%s\",\"password\":\"%s\"}", username, PASSWORD);
  g_autoptr(GBytes) request = g_bytes_new (body, strlen (body));
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  soup_message_set_request_body_from_bytes (msg, "application/json", request);
  answer = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 201);
  node = json_from_string (g_bytes_get_data (answer, NULL), &error);
  g_assert_no_error (error);
  return g_strdup (json_object_get_string_member (json_node_get_object (node), "token"));
}

/* Opens the feed with @token; @query ("since=3") and @last_event_id may be NULL. Returns
 * NULL when the answer is not 200, with the status in @status. */
static Feed *
feed_open_full (const char *token,
                const char *query,
                const char *last_event_id,
                guint      *status)
{
  g_autoptr(Feed) feed = g_new0 (Feed, 1);
  g_autofree char *url = g_strconcat (server_url (), "api/v1/changes", query != NULL ? "?" : "", query, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autofree char *authorization = g_strdup_printf ("Bearer %s", token);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GInputStream) body = NULL;
  g_autoptr(GError) error = NULL;

  feed->session = soup_session_new_with_options ("timeout", 0, "idle-timeout", 0, NULL);
  feed->cancellable = g_cancellable_new ();
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", authorization);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept", "text/event-stream");
  if (last_event_id != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Last-Event-ID", last_event_id);
  soup_session_send_async (feed->session, msg, G_PRIORITY_DEFAULT, feed->cancellable, wb_test_store_result, &result);
  wb_test_wait (&result);
  body = soup_session_send_finish (feed->session, result, &error);
  g_assert_no_error (error);
  if (status != NULL)
    *status = soup_message_get_status (msg);
  if (soup_message_get_status (msg) != 200)
    return NULL;
  g_assert_cmpstr (soup_message_headers_get_content_type (soup_message_get_response_headers (msg), NULL), ==,
                   "text/event-stream");
  feed->lines = g_data_input_stream_new (body);
  g_data_input_stream_set_newline_type (feed->lines, G_DATA_STREAM_NEWLINE_TYPE_LF);
  return g_steal_pointer (&feed);
}

static Feed *
feed_open (const char *token,
           const char *query)
{
  guint status = 0;
  Feed *feed = feed_open_full (token, query, NULL, &status);

  g_assert_cmpuint (status, ==, 200);
  return feed;
}

static gboolean
on_timeout_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

/* The next line, or NULL at the end of the feed or after @seconds (*timed_out set). */
static char *
feed_read_line (Feed     *feed,
                double    seconds,
                gboolean *timed_out)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GSource) timeout = g_timeout_source_new ((guint) (seconds * 1000));
  char *line;

  /* In the thread-default context, as the read: a test may run its own. */
  g_source_set_callback (timeout, on_timeout_cb, cancellable, NULL);
  g_source_attach (timeout, g_main_context_get_thread_default ());
  g_data_input_stream_read_line_async (feed->lines, G_PRIORITY_DEFAULT, cancellable, wb_test_store_result, &result);
  wb_test_wait (&result);
  line = g_data_input_stream_read_line_finish (feed->lines, result, NULL, &error);
  *timed_out = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_source_destroy (timeout);
  return line;
}

/* The next event, or NULL when the feed ended or nothing came within @seconds
 * (*ended tells which). */
static Event *
feed_next (Feed     *feed,
           double    seconds,
           gboolean *ended)
{
  g_autoptr(Event) event = g_new0 (Event, 1);
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  *ended = FALSE;
  while (TRUE)
    {
      gboolean timed_out = FALSE;
      double left = (deadline - g_get_monotonic_time ()) / (double) G_USEC_PER_SEC;
      g_autofree char *line = left > 0 ? feed_read_line (feed, left, &timed_out) : NULL;

      if (line == NULL)
        {
          *ended = !timed_out && left > 0;
          return NULL;
        }
      if (line[0] == '\0')
        {
          if (event->event != NULL)
            return g_steal_pointer (&event);
          continue;
        }
      if (line[0] == ':')
        {
          if (event->event == NULL)
            event->event = g_strdup ("comment");
        }
      else if (g_str_has_prefix (line, "id: "))
        event->id = g_strdup (line + 4);
      else if (g_str_has_prefix (line, "event: "))
        {
          g_free (event->event);
          event->event = g_strdup (line + 7);
        }
      else if (g_str_has_prefix (line, "data: "))
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(JsonNode) node = json_from_string (line + 6, &error);

          g_assert_no_error (error);
          event->data = json_object_ref (json_node_get_object (node));
        }
      else
        g_assert_true (g_str_has_prefix (line, "retry: "));
    }
}

/* The next change event about @resource @id (any id when 0), skipping others; NULL when
 * none comes within @seconds. Every change skipped is added to @seen when not NULL. */
static Event *
feed_wait_change (Feed       *feed,
                  const char *resource,
                  gint64      id,
                  double      seconds,
                  GPtrArray  *seen)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      gboolean ended;
      g_autoptr(Event) event = feed_next (feed, (deadline - g_get_monotonic_time ()) / (double) G_USEC_PER_SEC, &ended);

      if (event == NULL)
        return NULL;
      if (g_strcmp0 (event->event, "change") != 0)
        continue;
      if (g_str_equal (json_object_get_string_member (event->data, "resource"), resource) &&
          (id == 0 || json_object_get_int_member (event->data, "id") == id))
        return g_steal_pointer (&event);
      if (seen != NULL)
        g_ptr_array_add (seen, g_strdup_printf ("%s %" G_GINT64_FORMAT, json_object_get_string_member (event->data, "resource"),
                                                json_object_get_int_member (event->data, "id")));
    }
  return NULL;
}

/* The "ready" event that opens a feed: the seq it starts from. */
static gint64
feed_ready (Feed *feed)
{
  gboolean ended;

  while (TRUE)
    {
      /* Generous: the machine that runs the suite may be busy. */
      g_autoptr(Event) event = feed_next (feed, 20, &ended);

      g_assert_nonnull (event);
      if (g_str_equal (event->event, "ready"))
        return json_object_get_int_member (event->data, "seq");
      g_assert_cmpstr (event->event, ==, "reset");
    }
}

static gint64
add_note (WbApiClient *api,
          gint64       client)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = g_strdup_printf ("{\"kind\":\"note\",\"date\":\"%s\",\"note\":\"Telefonisch gesproken\"}", fx.today);
  g_autoptr(WbRecord) note = wb_test_api_create_json (api, WB_RESOURCE_EVENTS, client, json, &error);

  g_assert_no_error (error);
  return wb_record_get_id (note);
}

/* Tests: the change feed */

static void
test_feed_follows_policy (void)
{
  g_autofree char *token_a = token_for ("a.consultant");
  g_autofree char *token_b = token_for ("b.consultant");
  g_autofree char *token_analyst = token_for ("a.analyst");
  g_autoptr(Feed) a = feed_open (token_a, NULL);
  g_autoptr(Feed) b = feed_open (token_b, NULL);
  g_autoptr(Feed) analyst = feed_open (token_analyst, NULL);
  g_autoptr(WbApiClient) colleague = login ("a.colleague");
  g_autoptr(Event) note_for_a = NULL;
  g_autoptr(Event) client_for_a = NULL;
  g_autoptr(Event) client_for_b = NULL;
  g_autoptr(Event) client_for_analyst = NULL;
  g_autoptr(GPtrArray) seen_by_b = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *note_name = NULL;
  gint64 note, start;
  JsonObject *parent;

  start = feed_ready (a);
  g_assert_cmpint (start, >, 0);
  feed_ready (b);
  feed_ready (analyst);

  /* A colleague in A's organisation writes a note on A's client. */
  note = add_note (colleague, fx.a1);

  /* A consultant of A reads the client in full: the note's event comes, naming its client,
   * and the client's, whose last activity moved; no contents. */
  note_for_a = feed_wait_change (a, "events", note, 20, NULL);
  g_assert_nonnull (note_for_a);
  g_assert_cmpstr (json_object_get_string_member (note_for_a->data, "kind"), ==, "created");
  parent = json_object_get_object_member (note_for_a->data, "parent");
  g_assert_cmpstr (json_object_get_string_member (parent, "resource"), ==, "clients");
  g_assert_cmpint (json_object_get_int_member (parent, "id"), ==, fx.a1);
  g_assert_false (json_object_has_member (note_for_a->data, "note"));
  g_assert_cmpint (g_ascii_strtoll (note_for_a->id, NULL, 10), >, start);
  client_for_a = feed_wait_change (a, "clients", fx.a1, 20, NULL);
  g_assert_nonnull (client_for_a);

  /* B's consultant sees A's client pseudonymously: the client's change comes, the note's,
   * which B may not read, never. */
  client_for_b = feed_wait_change (b, "clients", fx.a1, 20, seen_by_b);
  g_assert_nonnull (client_for_b);
  note_name = g_strdup_printf ("events %" G_GINT64_FORMAT, note);
  g_assert_false (g_ptr_array_find_with_equal_func (seen_by_b, note_name, g_str_equal, NULL));
  g_assert_cmpstr (client_for_b->id, ==, client_for_a->id);

  /* An analyst reads no clients at all. */
  client_for_analyst = feed_wait_change (analyst, "clients", 0, 1.5, NULL);
  g_assert_null (client_for_analyst);
}

static void
test_feed_resumes (void)
{
  g_autofree char *token = token_for ("a.consultant");
  g_autoptr(Feed) first = feed_open (token, NULL);
  g_autoptr(Feed) again = NULL;
  g_autoptr(Feed) by_header = NULL;
  g_autoptr(Feed) bad = NULL;
  g_autoptr(WbApiClient) colleague = login ("a.colleague");
  g_autoptr(Event) seen = NULL;
  g_autoptr(Event) replayed = NULL;
  g_autoptr(Event) replayed_by_header = NULL;
  g_autofree char *since = NULL;
  g_autofree char *before = NULL;
  guint status = 0;
  gint64 start, note;

  start = feed_ready (first);
  note = add_note (colleague, fx.a1);
  seen = feed_wait_change (first, "events", note, 20, NULL);
  g_assert_nonnull (seen);
  g_clear_pointer (&first, feed_free);

  /* Away and back: from the last seq seen before the note, the note comes again, with
   * the same id; given as ?since= or as an EventSource's Last-Event-ID. */
  since = g_strdup_printf ("since=%" G_GINT64_FORMAT, start);
  again = feed_open (token, since);
  g_assert_cmpint (feed_ready (again), >=, g_ascii_strtoll (seen->id, NULL, 10));
  replayed = feed_wait_change (again, "events", note, 20, NULL);
  g_assert_nonnull (replayed);
  g_assert_cmpstr (replayed->id, ==, seen->id);

  before = g_strdup_printf ("%" G_GINT64_FORMAT, start);
  by_header = feed_open_full (token, NULL, before, &status);
  g_assert_nonnull (by_header);
  replayed_by_header = feed_wait_change (by_header, "events", note, 20, NULL);
  g_assert_nonnull (replayed_by_header);
  g_assert_cmpstr (replayed_by_header->id, ==, seen->id);

  /* Without Accept: text/event-stream, the same as one JSON answer, for a system that
   * polls: the changes since, and where to go on from. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *path = g_strdup_printf ("api/v1/changes?%s", since);
    g_autoptr(JsonNode) node = wb_test_api_request (colleague, "GET", path, NULL, NULL, &error);
    JsonObject *page;
    JsonArray *items;
    gboolean found = FALSE;

    g_assert_no_error (error);
    page = json_node_get_object (node);
    g_assert_false (json_object_get_boolean_member (page, "reset"));
    g_assert_cmpint (json_object_get_int_member (page, "seq"), >=, g_ascii_strtoll (seen->id, NULL, 10));
    items = json_object_get_array_member (page, "items");
    for (guint i = 0; i < json_array_get_length (items); i++)
      {
        JsonObject *item = json_array_get_object_element (items, i);

        found = found || (g_str_equal (json_object_get_string_member (item, "resource"), "events") &&
                          json_object_get_int_member (item, "id") == note);
      }
    g_assert_true (found);
  }

  /* A position that is not a seq is a 400; the feed needs a session. */
  bad = feed_open_full (token, "since=yesterday", NULL, &status);
  g_assert_null (bad);
  g_assert_cmpuint (status, ==, 400);
  bad = feed_open_full (token, "after=3", NULL, &status);
  g_assert_null (bad);
  g_assert_cmpuint (status, ==, 400);
  bad = feed_open_full ("not-a-token", NULL, NULL, &status);
  g_assert_null (bad);
  g_assert_cmpuint (status, ==, 401);
}

static void
test_feed_ends_with_session (void)
{
  g_autofree char *token = token_for ("a.consultant");
  g_autoptr(Feed) feed = feed_open (token, NULL);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (fx.server->url, "api/v1/session", NULL);
  g_autoptr(SoupMessage) logout = soup_message_new ("DELETE", url);
  g_autofree char *authorization = g_strdup_printf ("Bearer %s", token);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ended = FALSE, told = FALSE, heartbeat = FALSE;
  guint heartbeats = 0;

  feed_ready (feed);

  /* Heartbeats keep a quiet feed open (WB_CHANGES_HEARTBEAT_SECONDS is 1 here). */
  while (!heartbeat)
    {
      g_autoptr(Event) event = feed_next (feed, 5, &ended);

      g_assert_nonnull (event);
      heartbeat = g_str_equal (event->event, "comment");
    }

  soup_message_headers_replace (soup_message_get_request_headers (logout), "Authorization", authorization);
  answer = soup_session_send_and_read (session, logout, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (logout), <, 300);

  /* Logged out: the feed says so and ends, at its next heartbeat. Counted in heartbeats, not
   * seconds: how long a heartbeat takes to come is the machine's business. (One may have
   * been on its way as the sign-out was answered.) */
  while (!ended)
    {
      g_autoptr(Event) event = feed_next (feed, 60, &ended);

      if (event == NULL)
        break;
      told = told || g_str_equal (event->event, "session-ended");
      heartbeats += !told && g_str_equal (event->event, "comment");
    }
  g_assert_true (told);
  g_assert_true (ended);
  g_assert_cmpuint (heartbeats, <=, 2);
}

static gint64
server_rss_kib (void)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/status", g_subprocess_get_identifier (fx.server->process));
  g_autofree char *status = NULL;
  const char *line;

  g_assert_true (g_file_get_contents (path, &status, NULL, NULL));
  line = strstr (status, "VmRSS:");
  g_assert_nonnull (line);
  return g_ascii_strtoll (line + strlen ("VmRSS:"), NULL, 10);
}

/* The state in /proc/net/tcp of the server's end of @connection, or -1 when the kernel lists
 * it no more. (The server's end: a server that closes a connection whose client does not
 * read cannot send its FIN past the data still queued, so this side stays "established".) */
static int
server_tcp_state (GSocketConnection *connection)
{
  g_autoptr(GSocketAddress) local = g_socket_connection_get_local_address (connection, NULL);
  g_autoptr(GSocketAddress) remote = g_socket_connection_get_remote_address (connection, NULL);
  g_autofree char *table = NULL;
  g_autofree char *server_end = NULL;
  g_autofree char *client_end = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_nonnull (local);
  g_assert_nonnull (remote);
  server_end = g_strdup_printf (":%04X", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (remote)));
  client_end = g_strdup_printf (":%04X", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local)));
  g_assert_true (g_file_get_contents ("/proc/net/tcp", &table, NULL, NULL));
  lines = g_strsplit (table, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
      g_autoptr(GPtrArray) words = g_ptr_array_new ();

      for (guint f = 0; fields[f] != NULL; f++)
        if (*fields[f] != '\0')
          g_ptr_array_add (words, fields[f]);
      /* sl, local address, remote address, state */
      if (words->len > 3 && g_str_has_suffix (words->pdata[1], server_end) && g_str_has_suffix (words->pdata[2], client_end))
        return (int) g_ascii_strtoll (words->pdata[3], NULL, 16);
    }
  return -1;
}

/* Waits until the server has closed @connection (its end is no longer established: FIN_WAIT1
 * behind the unread data, or gone), without reading from it; a generous deadline. */
static void
wait_until_closed_by_server (GSocketConnection *connection)
{
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  const int established = 1;

  while (server_tcp_state (connection) == established)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (50 * 1000);
    }
}

static void
test_feed_slow_or_gone_client (void)
{
  g_autofree char *token = token_for ("a.consultant");
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) slow = NULL;
  g_autoptr(GSocketConnection) gone = NULL;
  g_autoptr(GUri) uri = g_uri_parse (fx.server->url, G_URI_FLAGS_NONE, NULL);
  g_autofree char *request = g_strdup_printf ("GET /api/v1/changes HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                              "Authorization: Bearer %s\r\nAccept: text/event-stream\r\n\r\n", token);
  g_autoptr(WbApiClient) api = login ("a.consultant");
  g_autoptr(WbStore) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(Feed) healthy = feed_open (token, NULL);
  g_autofree char *buffer = g_malloc (64 * 1024);
  g_autoptr(GString) received = g_string_new (NULL);
  g_autofree char *last_id = NULL;
  g_autofree char *path = g_strdup_printf ("api/v1/clients/%" G_GINT64_FORMAT "/events", fx.a1);
  gint64 rss_before, rss_after, flood, last_target;
  double slowest = 0;
  guint n_requests = 0, resumed = 0;
  gint64 highest_target = 0;
  g_autofree char *last_seen = NULL;
  gssize n;

  feed_ready (healthy);

  /* One client opens the feed and never reads; another opens it and goes away. */
  slow = g_socket_client_connect_to_host (client, g_uri_get_host (uri), g_uri_get_port (uri), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (slow)), request,
                                            strlen (request), NULL, NULL, &error));
  gone = g_socket_client_connect_to_host (client, g_uri_get_host (uri), g_uri_get_port (uri), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (gone)), request,
                                            strlen (request), NULL, NULL, &error));
  g_usleep (300 * 1000);
  g_assert_true (g_io_stream_close (G_IO_STREAM (gone), NULL, &error));
  rss_before = server_rss_kib ();

  /* 100,000 changes everyone may read, from another process at once: some 10 MB of
   * events for each feed, more than the sockets hold. */
  other = wb_store_open (fx.db, &error);
  g_assert_no_error (error);
  g_assert_true (wb_store_begin (other, &error));
  {
    g_autofree char *sql = g_strdup_printf ("WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000) "
                                            "INSERT INTO targets (metric, level, level_key, period, value, created_at, updated_at) "
                                            "SELECT 'placements', 'organisation', 'load', 'P' || i, i, '%s', '%s' FROM n",
                                            fx.today, fx.today);
    g_assert_true (_wb_store_exec (other, sql, &error));
    g_assert_no_error (error);
  }
  g_assert_true (wb_store_commit (other, &error));
  flood = g_get_monotonic_time ();
  last_target = wb_store_count (other, "targets");  /* the ids are 1 to 100,000 */

  /* The server keeps answering others while it feeds them, and the reading client gets
   * every change, as fast as it reads. Requests go one after the other while this test reads
   * the healthy feed between their steps: a feed left unread for four heartbeats is closed as
   * stuck, and how long the requests take (seconds under the sanitizers) must not decide
   * that. (The test read it only after ten requests and two seconds of pauses; under ASan
   * the healthy feed was closed meanwhile.) */
  while (last_id == NULL)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(JsonNode) node = NULL;
      gint64 start = g_get_monotonic_time ();

      wb_api_client_request_async (api, "GET", path, NULL, NULL, NULL, wb_test_store_result, &result);
      while (result == NULL && last_id == NULL)
        {
          gboolean ended = FALSE;
          g_autoptr(Event) event = feed_next (healthy, 60, &ended);
          gint64 target;

          if (event == NULL)
            {
              /* A client that reads slower than the server writes can be closed as stuck
               * (four heartbeats of a second here, with megabytes in the sockets: the
               * sanitizer build on a busy machine does that). It comes back where it was, as
               * an EventSource does, and must miss nothing. */
              g_assert_true (ended);
              g_assert_nonnull (last_seen);
              g_test_message ("the healthy feed was closed %.1f s after the changes were written, at %s; "
                              "it resumes", (g_get_monotonic_time () - flood) / (double) G_USEC_PER_SEC, last_seen);
              g_clear_pointer (&healthy, feed_free);
              healthy = feed_open_full (token, NULL, last_seen, NULL);
              g_assert_nonnull (healthy);
              feed_ready (healthy);
              resumed++;
              continue;
            }
          if (g_strcmp0 (event->event, "change") != 0 ||
              !g_str_equal (json_object_get_string_member (event->data, "resource"), "targets"))
            continue;
          g_free (last_seen);
          last_seen = g_strdup (event->id);
          target = json_object_get_int_member (event->data, "id");
          /* Every one, in order: none skipped, also across a resumption. */
          g_assert_cmpint (target, <=, highest_target + 1);
          highest_target = MAX (highest_target, target);
          if (target >= last_target)
            last_id = g_strdup_printf ("id: %s\n", event->id);
        }
      wb_test_wait (&result);
      node = wb_api_client_request_finish (api, result, NULL, &error);
      g_assert_no_error (error);
      slowest = MAX (slowest, (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
      n_requests++;
    }
  /* How fast is a figure to report, not to assert (and here it includes this test's own
   * reading of the feed). */
  g_test_message ("%u plain requests answered while the feed sent 100,000 changes, the slowest in %.3f s; "
                  "the reading client resumed %u times", n_requests, slowest, resumed);

  /* The one that did not read was not written to without end: it waited at its place in
   * the table and, stuck for four heartbeats, was closed. Reading it now gets what the
   * sockets held, then the end, never the last change. */
  wait_until_closed_by_server (slow);
  g_test_message ("the server closed the client that did not read %.1f s after the changes were written",
                  (g_get_monotonic_time () - flood) / (double) G_USEC_PER_SEC);
  while ((n = g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (slow)), buffer, 64 * 1024, NULL, NULL)) > 0)
    g_string_append_len (received, buffer, n);
  g_test_message ("the client that did not read got %" G_GSIZE_FORMAT " bytes before it was closed", received->len);
  g_assert_cmpuint (received->len, >, 0);
  g_assert_null (strstr (received->str, last_id));

  rss_after = server_rss_kib ();
  g_test_message ("server memory: %" G_GINT64_FORMAT " KiB before, %" G_GINT64_FORMAT " KiB after", rss_before, rss_after);
#ifndef __SANITIZE_ADDRESS__
  /* AddressSanitizer keeps freed memory in quarantine: the figure says nothing there. */
  g_assert_cmpint (rss_after - rss_before, <, 64 * 1024);
#endif
}

/* Changes older than the table keeps (pruned): a client that comes back from before them is
 * told to reload what it shows, then follows from the newest. Last: it empties the table. */
static void
test_feed_resets_after_pruning (void)
{
  g_autofree char *token = token_for ("a.consultant");
  g_autoptr(WbStore) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(Feed) feed = NULL;
  g_autoptr(Event) first = NULL;
  gboolean ended = FALSE;

  other = wb_store_open (fx.db, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wb_store_changes_prune (other, g_get_real_time () / G_USEC_PER_SEC + 60, &error), >, 0);
  g_assert_no_error (error);

  feed = feed_open (token, "since=1");
  do
    {
      g_clear_pointer (&first, event_free);
      first = feed_next (feed, 5, &ended);
      g_assert_nonnull (first);
    }
  while (g_str_equal (first->event, "comment"));
  g_assert_cmpstr (first->event, ==, "reset");
  g_assert_cmpint (json_object_get_int_member (first->data, "seq"), ==, wb_store_changes_last_seq (other, NULL));
  g_assert_cmpint (feed_ready (feed), ==, wb_store_changes_last_seq (other, NULL));
}

/* How many full reads of clients the audit log holds for @username. */
static gint64
count_client_reads (const char *username)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbStore) store = wb_store_open_readonly (fx.db, &error);
  sqlite3_stmt *stmt;
  gint64 n;

  g_assert_no_error (error);
  stmt = _wb_store_prepare (store, "SELECT count(*) FROM audit_log a JOIN users u ON u.id = a.user_id "
                                   "WHERE u.username = ?1 AND a.action = 'read' AND a.resource = 'clients'", &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, username, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

static JsonObject *
list_page (WbApiClient *api,
           const char  *path,
           GError     **error)
{
  g_autoptr(JsonNode) node = wb_test_api_request (api, "GET", path, NULL, NULL, error);

  return node != NULL ? json_object_ref (json_node_get_object (node)) : NULL;
}

/* What the desktop reads again when the feed says rows changed: those rows alone, as list
 * rows (a client's row has no citizen number and its read is not audited), under the same
 * rules as the list; ids that are not whole numbers, or too many, are a 400 naming ids. */
static void
test_rows_by_id (void)
{
  g_autoptr(WbApiClient) api = login ("a.consultant");
  g_autoptr(WbApiClient) wsp = login ("wsp.am");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) page = NULL;
  g_autoptr(GString) many = g_string_new ("api/v1/clients?ids=1");
  g_autofree char *path = g_strdup_printf ("api/v1/clients?ids=%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",999999",
                                          fx.a1, fx.b1);
  gint64 reads = count_client_reads ("a.consultant");
  JsonArray *items;
  JsonObject *own, *other;
  const char * const bad[] = { "api/v1/clients?ids=", "api/v1/clients?ids=1,x", "api/v1/clients?ids=0",
                               "api/v1/clients?ids=1,,2", "api/v1/accounts?ids=-4", "api/v1/vacancies?ids=1;2" };

  page = list_page (api, path, &error);
  g_assert_no_error (error);
  items = json_object_get_array_member (page, "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 2);
  g_assert_cmpint (json_object_get_int_member (page, "total"), ==, 2);
  own = json_array_get_object_element (items, 0);
  other = json_array_get_object_element (items, 1);
  if (json_object_get_int_member (own, "id") != fx.a1)
    {
      JsonObject *swap = own;

      own = other;
      other = swap;
    }
  g_assert_cmpint (json_object_get_int_member (own, "id"), ==, fx.a1);
  g_assert_cmpstr (json_object_get_string_member (own, "family_name"), ==, "Aalders");
  g_assert_false (json_object_has_member (own, "bsn"));
  g_assert_cmpint (json_object_get_int_member (other, "id"), ==, fx.b1);
  g_assert_false (json_object_has_member (other, "family_name"));
  g_assert_cmpint (count_client_reads ("a.consultant"), ==, reads);

  /* With the list's other parameters: an id that does not match is not in the answer. */
  g_clear_pointer (&page, json_object_unref);
  g_free (path);
  path = g_strdup_printf ("api/v1/clients?organisation_id=%" G_GINT64_FORMAT "&ids=%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT,
                          fx.org_b, fx.a1, fx.b1);
  page = list_page (api, path, &error);
  g_assert_no_error (error);
  items = json_object_get_array_member (page, "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (items, 0), "id"), ==, fx.b1);

  /* The account list and its own rows. */
  g_clear_pointer (&page, json_object_unref);
  g_free (path);
  path = g_strdup_printf ("api/v1/accounts?ids=%" G_GINT64_FORMAT ",999999", fx.employer);
  page = list_page (wsp, path, &error);
  g_assert_no_error (error);
  items = json_object_get_array_member (page, "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (items, 0), "id"), ==, fx.employer);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 0), "name"), ==,
                   "Parkstad Logistiek B.V.");

  for (guint i = 2; i <= 101; i++)
    g_string_append_printf (many, ",%u", i);
  for (guint i = 0; i <= G_N_ELEMENTS (bad); i++)
    {
      const char *request = i < G_N_ELEMENTS (bad) ? bad[i] : many->str;
      g_autoptr(JsonObject) refused = list_page (i % 2 == 0 ? api : wsp, request, &error);
      WbProblem *problem;

      g_test_message ("%s", request);
      g_assert_null (refused);
      g_assert_error (error, WB_API_ERROR, 400);
      problem = wb_api_error_get_problem (error);
      g_assert_nonnull (problem);
      g_assert_nonnull (wb_problem_get_error (problem, "ids"));
      g_clear_error (&error);
    }
}

/* A server in a thread of its own, with its own main context, as the desktop application's
 * embedded backend runs it. */
typedef struct {
  GMutex lock;
  GCond cond;
  GMainContext *context;
  GMainLoop *loop;
  char *url;
} ThreadedServer;

static gpointer
threaded_server_run (gpointer data)
{
  ThreadedServer *ts = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbStore) store = NULL;
  g_autoptr(WbServer) server = NULL;

  g_main_context_push_thread_default (ts->context);
  store = wb_store_open (fx.db, &error);
  g_assert_no_error (error);
  server = wb_server_new (store);
  g_assert_true (wb_server_listen (server, "127.0.0.1:0", NULL, &error));
  g_assert_no_error (error);
  g_mutex_lock (&ts->lock);
  ts->url = wb_server_dup_url (server);
  g_cond_signal (&ts->cond);
  g_mutex_unlock (&ts->lock);
  g_main_loop_run (ts->loop);
  g_clear_object (&server);
  g_clear_object (&store);
  g_main_context_pop_thread_default (ts->context);
  return NULL;
}

static gboolean
on_quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

/* The feed of a server in a thread of its own: the changes reach it although nobody runs
 * the process's global default context. (Its timers and idles were put there, and ran on
 * the application's main thread beside the server's own, which also left an idle's id
 * behind that the server removed again when it stopped: "Source ID … was not found".)
 * This thread runs a context of its own too, and leaves the global one alone. */
static void
test_feed_of_a_server_in_a_thread (void)
{
  ThreadedServer ts = { 0 };
  GMainContext *context = g_main_context_new ();
  GThread *thread;
  g_autofree char *token = NULL;
  g_autoptr(Event) change = NULL;
  gint64 note;

  g_main_context_push_thread_default (context);
  g_mutex_init (&ts.lock);
  g_cond_init (&ts.cond);
  ts.context = g_main_context_new ();
  ts.loop = g_main_loop_new (ts.context, FALSE);
  thread = g_thread_new ("threaded-server", threaded_server_run, &ts);
  g_mutex_lock (&ts.lock);
  while (ts.url == NULL)
    g_cond_wait (&ts.cond, &ts.lock);
  g_mutex_unlock (&ts.lock);
  url_override = ts.url;

  token = token_for ("a.consultant");
  {
    g_autoptr(Feed) feed = feed_open (token, NULL);
    g_autoptr(WbApiClient) colleague = login ("a.colleague");

    feed_ready (feed);
    note = add_note (colleague, fx.a1);
    change = feed_wait_change (feed, "events", note, 10, NULL);
    g_assert_nonnull (change);
  }

  url_override = NULL;
  g_main_context_invoke (ts.context, on_quit_cb, ts.loop);
  g_thread_join (thread);
  g_main_loop_unref (ts.loop);
  g_main_context_unref (ts.context);
  g_free (ts.url);
  g_mutex_clear (&ts.lock);
  g_cond_clear (&ts.cond);
  g_main_context_pop_thread_default (context);
  g_main_context_unref (context);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  /* Heartbeats every second, so that a test of them and of a session that ends is quick. */
  g_setenv ("WB_CHANGES_HEARTBEAT_SECONDS", "1", TRUE);
  create_fixture ();

  g_test_add_func ("/changes-http/follow/another-process", test_follows_another_process);
  g_test_add_func ("/changes-http/feed/what-the-policy-allows", test_feed_follows_policy);
  g_test_add_func ("/changes-http/feed/resumes", test_feed_resumes);
  g_test_add_func ("/changes-http/feed/ends-with-the-session", test_feed_ends_with_session);
  g_test_add_func ("/changes-http/feed/slow-or-gone-client", test_feed_slow_or_gone_client);
  g_test_add_func ("/changes-http/feed/reset-after-pruning", test_feed_resets_after_pruning);
  g_test_add_func ("/changes-http/rows/by-id-as-list-rows", test_rows_by_id);
  g_test_add_func ("/changes-http/feed/of-a-server-in-a-thread", test_feed_of_a_server_in_a_thread);

  status = g_test_run ();

  wb_test_server_stop (fx.server);
  wb_test_remove_dir (fx.dir);
  g_free (fx.db);
  g_free (fx.dir);
  g_free (fx.today);
  return status;
}
