/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* Reads on the server's pool of workers, against a real werkbrug-server on a loopback port:
 * many readers at once while a writer writes, every answer whole and consistent in itself,
 * every acknowledged write visible to the very next read and afterwards. Everything
 * person-like in the fixture is made up here. */

#define G_LOG_DOMAIN "test-server-pool"

#include "config.h"

#include <libsoup/soup.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "wb-password.h"
#include "wb-store-private.h"
#include "wb-store.h"
#include "wb-test-server.h"
#include "wb-test-store.h"
#include "wb-test-util.h"

#define PASSWORD "correct horse battery"
#define N_EVENTS 400
#define N_WRITES 60
#define N_READERS 8

static struct {
  char *dir;
  char *db;
  WbTestServer *server;
  char *token;
  gint64 client;
} fx;

static void
create_fixture (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbStore) store = NULL;
  g_autofree char *hash = NULL;
  gint64 heerlen, org, consultant;

  fx.dir = wb_test_make_dir ();
  fx.db = g_build_filename (fx.dir, "pool.db", NULL);
  store = wb_store_open (fx.db, &error);
  g_assert_no_error (error);

  heerlen = wb_test_insert (store, WB_RESOURCE_MUNICIPALITIES, "{\"code\":\"GM0917\",\"name\":\"Heerlen\",\"region\":\"Parkstad\"}");
  org = wb_test_insert (store, WB_RESOURCE_ORGANISATIONS, "{\"code\":\"isd-a\",\"name\":\"ISD A\",\"kind\":\"social_service\",\"region\":\"Parkstad\"}");
  hash = wb_password_hash (PASSWORD, &error);
  g_assert_no_error (error);
  consultant = wb_test_add_user (store, org, "a.consultant", "a.consultant", "consultant", hash);
  fx.client = wb_test_insert_printf (store, WB_RESOURCE_CLIENTS,
                                     "{\"organisation_id\":%" G_GINT64_FORMAT ",\"municipality_id\":%" G_GINT64_FORMAT ","
                                     "\"given_name\":\"Test\",\"family_name\":\"Aalders\",\"bsn\":\"111222333\",\"pc4\":\"6411\","
                                     "\"birth_year\":1985,\"client_group\":\"participatiewet\",\"phase\":\"intake\"}",
                                     org, heerlen);

  /* A timeline long enough for pages to read while it grows. */
  g_assert_true (wb_store_begin (store, &error));
  for (guint i = 0; i < N_EVENTS; i++)
    wb_test_insert_printf (store, WB_RESOURCE_EVENTS,
                           "{\"client_id\":%" G_GINT64_FORMAT ",\"kind\":\"note\",\"date\":\"2026-01-%02u\","
                           "\"note\":\"Gesprek %u\",\"organisation_id\":%" G_GINT64_FORMAT ",\"author_id\":%" G_GINT64_FORMAT "}",
                           fx.client, 1 + i % 28, i, org, consultant);
  g_assert_true (wb_store_commit (store, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  fx.server = wb_test_server_start (fx.db);
}

/* One call on @session; the answer's status and its body as JSON (NULL when the body is
 * not whole, well-formed JSON). */
static JsonNode *
call (SoupSession *session,
      const char  *method,
      const char  *path,
      const char  *body,
      guint       *status)
{
  g_autofree char *url = g_strconcat (fx.server->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize length;
  const char *data;

  if (fx.token != NULL)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", fx.token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  answer = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  *status = soup_message_get_status (msg);
  data = g_bytes_get_data (answer, &length);
  /* libsoup read exactly the length the server told; the JSON must end where it ends. */
  if (!json_parser_load_from_data (parser, data, length, NULL))
    return NULL;
  return json_node_ref (json_parser_get_root (parser));
}

static void
sign_in (void)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(JsonNode) node = NULL;
  guint status = 0;

  node = call (session, "POST", "api/v1/session",
               "{\"username\":\"a.consultant\",\"password\":\"" PASSWORD "\"}", &status);
  g_assert_cmpuint (status, ==, SOUP_STATUS_CREATED);
  fx.token = g_strdup (json_object_get_string_member (json_node_get_object (node), "token"));
}

typedef struct {
  gint stop;
  gint acknowledged;      /* writes answered 201 so far */
} Shared;

typedef struct {
  Shared *shared;
  guint index;
  gint n_reads;           /* atomic: the test reads it while the reader runs */
} Reader;

/* Waits until every reader has had more than @n answers, however long the machine takes
 * (a deadline of a minute for one that gives none). */
static void
wait_for_reads (Reader *readers,
                guint   n_readers,
                gint    n)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  for (guint i = 0; i < n_readers; i++)
    while (g_atomic_int_get (&readers[i].n_reads) <= n)
      {
        g_assert_cmpint (g_get_monotonic_time (), <, deadline);
        g_usleep (G_USEC_PER_SEC / 100);
      }
}

/* Reads pages of the timeline while it grows: each page must be whole and agree with the
 * total it gives, and no total may be smaller than the writes acknowledged before it was
 * asked for. */
static gpointer
reader_thread (gpointer data)
{
  Reader *reader = data;
  g_autoptr(SoupSession) session = soup_session_new ();
  guint page = 1 + reader->index;

  while (!g_atomic_int_get (&reader->shared->stop))
    {
      g_autofree char *path = g_strdup_printf ("api/v1/clients/%" G_GINT64_FORMAT "/events?per_page=37&page=%u",
                                               fx.client, page);
      gint acknowledged = g_atomic_int_get (&reader->shared->acknowledged);
      g_autoptr(JsonNode) node = NULL;
      JsonObject *object;
      JsonArray *items;
      gint64 total, expected;
      guint status = 0;

      node = call (session, "GET", path, NULL, &status);
      g_assert_cmpuint (status, ==, SOUP_STATUS_OK);
      g_assert_nonnull (node);
      object = json_node_get_object (node);
      total = json_object_get_int_member (object, "total");
      g_assert_cmpint (total, >=, N_EVENTS + acknowledged);
      g_assert_cmpint (total, <=, N_EVENTS + N_WRITES);
      g_assert_cmpint (json_object_get_int_member (object, "page"), ==, page);
      items = json_object_get_array_member (object, "items");
      expected = CLAMP (total - (gint64) (page - 1) * 37, 0, 37);
      g_assert_cmpint (json_array_get_length (items), ==, expected);
      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonObject *item = json_array_get_object_element (items, i);

          g_assert_cmpint (json_object_get_int_member (item, "client_id"), ==, fx.client);
          g_assert_nonnull (json_object_get_string_member (item, "kind"));
        }
      g_atomic_int_inc (&reader->n_reads);
      page = page % 13 + 1;
    }
  return NULL;
}

static GArray *
write_events (Shared *shared)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *events = g_strdup_printf ("api/v1/clients/%" G_GINT64_FORMAT "/events", fx.client);
  g_autofree char *newest = g_strdup_printf ("%s?per_page=1", events);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < N_WRITES; i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"kind\":\"note\",\"date\":\"2026-02-01\",\"note\":\"Nieuw %u\"}", i);
      g_autoptr(JsonNode) created = NULL;
      g_autoptr(JsonNode) list = NULL;
      JsonArray *items;
      gint64 id;
      guint status = 0;

      created = call (session, "POST", events, body, &status);
      g_assert_cmpuint (status, ==, SOUP_STATUS_CREATED);
      id = json_object_get_int_member (json_node_get_object (created), "id");
      g_array_append_val (ids, id);
      g_atomic_int_inc (&shared->acknowledged);

      /* The next read, on whichever worker, sees it: the newest event comes first. */
      list = call (session, "GET", newest, NULL, &status);
      g_assert_cmpuint (status, ==, SOUP_STATUS_OK);
      items = json_object_get_array_member (json_node_get_object (list), "items");
      g_assert_cmpuint (json_array_get_length (items), ==, 1);
      g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (items, 0), "id"), ==, id);
    }
  return ids;
}

static void
test_reads_while_writing (void)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(JsonNode) all = NULL;
  g_autofree char *path = NULL;
  Shared shared = { 0 };
  Reader readers[N_READERS];
  GThread *threads[N_READERS];
  JsonArray *items;
  guint status = 0, n_reads = 0;

  for (guint i = 0; i < N_READERS; i++)
    {
      readers[i] = (Reader) { .shared = &shared, .index = i };
      threads[i] = g_thread_new ("reader", reader_thread, &readers[i]);
    }
  /* Every reader reads before the writes begin and again after they end, so that reads and
   * writes overlap on a quick machine too (where the writes could be over before a reader
   * thread had started), and on a slow one every reader had its turn. */
  wait_for_reads (readers, N_READERS, 0);
  ids = write_events (&shared);
  {
    gint before[N_READERS];

    for (guint i = 0; i < N_READERS; i++)
      before[i] = g_atomic_int_get (&readers[i].n_reads);
    for (guint i = 0; i < N_READERS; i++)
      wait_for_reads (&readers[i], 1, before[i]);
  }
  g_atomic_int_set (&shared.stop, TRUE);
  for (guint i = 0; i < N_READERS; i++)
    {
      g_thread_join (threads[i]);
      n_reads += readers[i].n_reads;
    }
  g_test_message ("%u pages read while %u events were written", n_reads, N_WRITES);
  g_assert_cmpuint (n_reads, >=, 2 * N_READERS);

  /* Every acknowledged write is there afterwards, once. */
  path = g_strdup_printf ("api/v1/clients/%" G_GINT64_FORMAT "/events?per_page=1000", fx.client);
  all = call (session, "GET", path, NULL, &status);
  g_assert_cmpuint (status, ==, SOUP_STATUS_OK);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (all), "total"), ==, N_EVENTS + N_WRITES);
  items = json_object_get_array_member (json_node_get_object (all), "items");
  g_assert_cmpuint (json_array_get_length (items), ==, N_EVENTS + N_WRITES);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      gint64 *id = g_new (gint64, 1);

      *id = json_object_get_int_member (json_array_get_object_element (items, i), "id");
      g_assert_false (g_hash_table_contains (seen, id));
      g_hash_table_add (seen, id);
    }
  for (guint i = 0; i < ids->len; i++)
    g_assert_true (g_hash_table_contains (seen, &g_array_index (ids, gint64, i)));
  g_hash_table_foreach (seen, (GHFunc) g_free, NULL);
}

/* The server's threads named as its read workers are. */
static guint
count_workers (void)
{
  const char *pid = g_subprocess_get_identifier (fx.server->process);
  g_autofree char *tasks = g_build_filename ("/proc", pid, "task", NULL);
  g_autoptr(GDir) dir = g_dir_open (tasks, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *comm_path = g_build_filename (tasks, name, "comm", NULL);
      g_autofree char *comm = NULL;

      if (g_file_get_contents (comm_path, &comm, NULL, NULL) && g_str_has_prefix (comm, "wb-reader"))
        n++;
    }
  return n;
}

/* Reads run on a pool of workers, not on the thread that accepts them: many at once all
 * come back, and the server answers a call of its own thread in between. */
static void
test_many_reads_at_once (void)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(JsonNode) node = NULL;
  Shared shared = { 0 };
  Reader readers[N_READERS];
  GThread *threads[N_READERS];
  guint status = 0;

  g_assert_cmpuint (count_workers (), >=, 2);

  /* The previous test left N_WRITES more. */
  shared.acknowledged = N_WRITES;
  for (guint i = 0; i < N_READERS; i++)
    {
      readers[i] = (Reader) { .shared = &shared, .index = i };
      threads[i] = g_thread_new ("reader", reader_thread, &readers[i]);
    }
  /* Every reader has had an answer (it asks again at once), not "half a second has passed":
   * on a busy machine or under the sanitizers a reader may not have had one by then. */
  wait_for_reads (readers, N_READERS, 0);
  /* They are still reading: the server answers a call on its own thread meanwhile. */
  node = call (session, "GET", "api/v1/me", NULL, &status);
  g_assert_cmpuint (status, ==, SOUP_STATUS_OK);
  g_atomic_int_set (&shared.stop, TRUE);
  for (guint i = 0; i < N_READERS; i++)
    {
      g_thread_join (threads[i]);
      g_assert_cmpint (readers[i].n_reads, >=, 1);
    }
}

#define N_KILL_WRITERS 6
#define N_BEFORE_KILL 80

typedef struct {
  const char *server;     /* its URL */
  guint limit;            /* writes to send; 0: until the server is gone */
  gint *acknowledged;     /* writes answered 201, by every writer */
  GArray *ids;            /* gint64, this writer's acknowledged events */
  guint index;
} Writer;

/* Writes events (until the server is gone, or @limit); keeps the id of every one answered 201. */
static gpointer
writer_thread (gpointer data)
{
  Writer *writer = data;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strdup_printf ("%sapi/v1/clients/%" G_GINT64_FORMAT "/events", writer->server, fx.client);
  g_autofree char *bearer = g_strconcat ("Bearer ", fx.token, NULL);

  for (guint i = 0; writer->limit == 0 || i < writer->limit; i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"kind\":\"note\",\"date\":\"2026-03-01\",\"note\":\"Kill %u-%u\"}",
                                               writer->index, i);
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
      g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
      g_autoptr(GBytes) answer = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      gsize length;
      const char *text;
      gint64 id;

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
      answer = soup_session_send_and_read (session, msg, NULL, NULL);
      /* No answer: the server is gone. What was not answered may or may not be there. */
      if (answer == NULL || soup_message_get_status (msg) != SOUP_STATUS_CREATED)
        break;
      text = g_bytes_get_data (answer, &length);
      g_assert_true (json_parser_load_from_data (parser, text, length, NULL));
      id = json_object_get_int_member (json_node_get_object (json_parser_get_root (parser)), "id");
      g_assert_cmpint (id, >, 0);
      g_array_append_val (writer->ids, id);
      g_atomic_int_inc (writer->acknowledged);
    }
  return NULL;
}

#define N_GROUP_WRITES 40

/* Writes from several connections at once are answered once they are on disk, never more
 * flushes of the log than writes: the server says how many of each when it stops (a debug message,
 * asked for through the environment the server inherits, before any thread of this test). */
static void
test_writes_flushed_in_groups (void)
{
  const char * const args[] = { "--db", fx.db, "--listen", "127.0.0.1:0", NULL };
  Writer writers[N_KILL_WRITERS];
  GThread *threads[N_KILL_WRITERS];
  gint acknowledged = 0;
  WbTestServer *server;
  g_autofree char *log = NULL;
  g_autoptr(GError) error = NULL;
  const char *line;
  guint64 held = 0, flushes = 0;
  int stopped;

  g_setenv ("G_MESSAGES_DEBUG", "wb-server-durable", TRUE);
  server = wb_test_server_start_argv (args, FALSE);
  g_unsetenv ("G_MESSAGES_DEBUG");

  for (guint i = 0; i < N_KILL_WRITERS; i++)
    {
      writers[i] = (Writer) {
        .server = server->url, .limit = N_GROUP_WRITES, .acknowledged = &acknowledged,
        .ids = g_array_new (FALSE, FALSE, sizeof (gint64)), .index = 100 + i,
      };
      threads[i] = g_thread_new ("writer", writer_thread, &writers[i]);
    }
  for (guint i = 0; i < N_KILL_WRITERS; i++)
    {
      g_thread_join (threads[i]);
      g_assert_cmpuint (writers[i].ids->len, ==, N_GROUP_WRITES);
      g_array_unref (writers[i].ids);
    }
  g_assert_cmpint (acknowledged, ==, N_KILL_WRITERS * N_GROUP_WRITES);

  {
    /* GLib writes debug messages to standard output, after "Listening on". */
    g_autoptr(GInputStream) stdout_pipe = g_object_ref (G_INPUT_STREAM (server->output));
    g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();

    stopped = wb_test_server_stop_status (server);
    g_assert_true (WIFEXITED (stopped));
    g_assert_cmpint (WEXITSTATUS (stopped), ==, 0);
    g_assert_cmpint (g_output_stream_splice (memory, stdout_pipe, G_OUTPUT_STREAM_SPLICE_NONE, NULL, &error), >=, 0);
    g_assert_no_error (error);
    /* A string: the bytes and a NUL. */
    g_assert_true (g_output_stream_write_all (memory, "", 1, NULL, NULL, &error));
    g_assert_true (g_output_stream_close (memory, NULL, &error));
    g_assert_no_error (error);
    log = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (memory));
  }
  line = strstr (log, "answers of writes held for");
  g_assert_nonnull (line);
  /* Back over the space and the number before it. */
  line--;
  while (line > log && g_ascii_isdigit (line[-1]))
    line--;
  g_assert_cmpint (sscanf (line, "%" G_GUINT64_FORMAT " answers of writes held for %" G_GUINT64_FORMAT, &held, &flushes), ==, 2);
  g_test_message ("%" G_GUINT64_FORMAT " answers held for %" G_GUINT64_FORMAT " flushes", held, flushes);
  /* Every write waited for a flush (the sign-in at the start is not held: it answers later).
   * How many share a flush depends on how long the disk takes to flush: where it is quick,
   * each write may have a flush of its own. test-server-durable proves the groups with a
   * flush it holds back. */
  g_assert_cmpuint (held, >=, N_KILL_WRITERS * N_GROUP_WRITES);
  g_assert_cmpuint (flushes, >, 0);
  g_assert_cmpuint (flushes, <=, held);
}

/* A write the server has answered 201 is in the file, also when the server is killed
 * (SIGKILL: no clean stop, nothing flushed by the server) while writes from several
 * connections are under way; the file passes integrity_check; a new server serves it. */
static void
test_kill_keeps_acknowledged_writes (void)
{
  Writer writers[N_KILL_WRITERS];
  GThread *threads[N_KILL_WRITERS];
  gint acknowledged = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbStore) store = NULL;
  sqlite3_stmt *stmt = NULL;
  guint checked = 0;
  int wait_status;

  for (guint i = 0; i < N_KILL_WRITERS; i++)
    {
      writers[i] = (Writer) {
        .server = fx.server->url, .acknowledged = &acknowledged,
        .ids = g_array_new (FALSE, FALSE, sizeof (gint64)), .index = i,
      };
      threads[i] = g_thread_new ("writer", writer_thread, &writers[i]);
    }
  while (g_atomic_int_get (&acknowledged) < N_BEFORE_KILL)
    g_usleep (G_USEC_PER_SEC / 100);
  g_subprocess_send_signal (fx.server->process, SIGKILL);
  g_assert_true (g_subprocess_wait (fx.server->process, NULL, &error));
  g_assert_no_error (error);
  wait_status = g_subprocess_get_status (fx.server->process);
  g_assert_true (WIFSIGNALED (wait_status));
  g_assert_cmpint (WTERMSIG (wait_status), ==, SIGKILL);
  for (guint i = 0; i < N_KILL_WRITERS; i++)
    g_thread_join (threads[i]);
  g_test_message ("%d writes acknowledged before the kill", g_atomic_int_get (&acknowledged));
  g_clear_pointer (&fx.server, wb_test_server_stop);

  /* Opened afresh, as the next server would. */
  store = wb_store_open (fx.db, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (_wb_store_get_db (store), "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (_wb_store_get_db (store), "SELECT count(*) FROM events WHERE id = ?1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < N_KILL_WRITERS; i++)
    {
      for (guint j = 0; j < writers[i].ids->len; j++)
        {
          sqlite3_bind_int64 (stmt, 1, g_array_index (writers[i].ids, gint64, j));
          g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
          g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, 1);
          sqlite3_reset (stmt);
          checked++;
        }
      g_array_unref (writers[i].ids);
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (checked, ==, (guint) g_atomic_int_get (&acknowledged));
  g_assert_cmpuint (checked, >=, N_BEFORE_KILL);
  g_clear_object (&store);

  /* The next server starts on it. */
  fx.server = wb_test_server_start (fx.db);
}

/* The workers end with the server, cleanly: in the sanitizer build a leak or an error at
 * the stop shows in the exit status. */
static void
test_stops_cleanly (void)
{
  int stopped = wb_test_server_stop_status (g_steal_pointer (&fx.server));

  if (WIFSIGNALED (stopped))
    g_test_message ("the server ended by signal %d", WTERMSIG (stopped));
  g_assert_true (WIFEXITED (stopped));
  g_assert_cmpint (WEXITSTATUS (stopped), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  create_fixture ();
  sign_in ();

  g_test_add_func ("/server/pool/reads-while-writing", test_reads_while_writing);
  g_test_add_func ("/server/pool/many-reads-at-once", test_many_reads_at_once);
  g_test_add_func ("/server/pool/writes-flushed-in-groups", test_writes_flushed_in_groups);
  g_test_add_func ("/server/pool/kill-9-keeps-acknowledged-writes", test_kill_keeps_acknowledged_writes);
  g_test_add_func ("/server/pool/stops-cleanly", test_stops_cleanly);

  status = g_test_run ();
  wb_test_server_stop (fx.server);
  wb_test_remove_dir (fx.dir);
  g_free (fx.dir);
  g_free (fx.db);
  g_free (fx.token);
  return status;
}
