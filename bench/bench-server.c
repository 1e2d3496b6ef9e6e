/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* werkbrug-server's busiest reads under load, against a bare SoupServer sending the same
 * bytes, side by side in one run:
 *
 *   ninja -C _build bench/bench-server && ./_build/bench/bench-server --clients 20000
 *   ./_build/bench/bench-server --clients 100000 --duration 10 --connections 32
 *
 * For each size: the demo region (`werkbrug-server demo`) in a database kept under
 * --cache (default $XDG_CACHE_HOME/werkbrug-bench) so that a second run need not generate it
 * again; a real `werkbrug-server serve` on it in a process of its own; for each list (a page of
 * 100 clients as a consultant sees them, page 1 and a deep page; the review queue; vacancies;
 * employers; the account list; the audit log) the body it answers is recorded and a bare
 * SoupServer (this program with --anchor, in another process) is started that sends exactly
 * those bytes. Then the load: --connections keep-alive connections (default 32), each on a
 * thread of this process, send the same GET for --duration seconds to the server and then to
 * the anchor. Printed per list: requests per second, p50 and p99 latency, and the ratio of the
 * server's requests per second to the anchor's (the goal for the client page is ≥ 0.3).
 * The server keeps what it computed until the database changes; a second table gives each
 * list right after a write, when nothing kept is left: what the first reader after a write
 * pays (one request at a time, no load).
 *
 * With --mixed 60 -c 64 it runs the other test instead: on a copy of the database, 64
 * connections send list pages, rankings and writes (new timeline events) for 60 seconds; then
 * the server is stopped and the copy checked: PRAGMA integrity_check, and every write that
 * was acknowledged (201) is in it (read through the SQLite library: no sqlite3 shell needed).
 * Printed: requests per second, p50 and p99 per kind of request, and the same connections on
 * the anchor, a bare SoupServer sending the consultant's page of 100 clients, with the ratio.
 *
 * Load comes from this program's own threads (a plain HTTP/1.1 client on sockets, the same for
 * both servers), so that no load generator needs installing; `wrk -t2 -c32` gives the same
 * kind of figures when it is at hand. */

#define G_LOG_DOMAIN "bench-server"

#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <signal.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <locale.h>
#include <math.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <json-glib/json-glib.h>

static double
now_s (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

/* The q-quantile (0–1) of sorted @times, nearest rank. */
static double
quantile (GArray *times,
          double  q)
{
  guint index;

  if (times->len == 0)
    return NAN;
  index = (guint) ceil (q * times->len);
  index = CLAMP (index, 1, times->len) - 1;
  return g_array_index (times, double, index);
}

/* A plain HTTP/1.1 client on one keep-alive connection */

typedef struct {
  int fd;
  guint16 port;
  GByteArray *buffer;  /* what was read past the last response */
} Connection;

static gboolean
connection_open (Connection *c,
                 guint16     port)
{
  struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = htons (port) };
  int one = 1;

  address.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  c->port = port;
  c->fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (c->fd < 0)
    return FALSE;
  setsockopt (c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  if (connect (c->fd, (struct sockaddr *) &address, sizeof address) != 0)
    {
      close (c->fd);
      c->fd = -1;
      return FALSE;
    }
  if (c->buffer == NULL)
    c->buffer = g_byte_array_new ();
  g_byte_array_set_size (c->buffer, 0);
  return TRUE;
}

static void
connection_close (Connection *c)
{
  if (c->fd >= 0)
    close (c->fd);
  c->fd = -1;
  g_clear_pointer (&c->buffer, g_byte_array_unref);
}

static gboolean
write_all (int         fd,
           const char *data,
           gsize       length)
{
  while (length > 0)
    {
      ssize_t n = write (fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      length -= n;
    }
  return TRUE;
}

static gboolean
fill (Connection *c)
{
  guint8 chunk[65536];
  ssize_t n;

  do
    n = read (c->fd, chunk, sizeof chunk);
  while (n < 0 && errno == EINTR);
  if (n <= 0)
    return FALSE;
  g_byte_array_append (c->buffer, chunk, n);
  return TRUE;
}

/* Sends @request (the whole text) and reads one response; its status, and its body when
 * @body is not NULL. The server must tell the length (Content-Length), as both do. */
static gboolean
connection_exchange (Connection  *c,
                     const char  *request,
                     gsize        request_length,
                     guint       *status,
                     GBytes     **body)
{
  const char *end = NULL, *length_header;
  gsize header_length, content_length;
  g_autofree char *headers = NULL;

  if (!write_all (c->fd, request, request_length))
    return FALSE;
  while (c->buffer->len == 0 ||
         (end = g_strstr_len ((const char *) c->buffer->data, c->buffer->len, "\r\n\r\n")) == NULL)
    if (!fill (c))
      return FALSE;

  header_length = end + 4 - (const char *) c->buffer->data;
  headers = g_ascii_strdown ((const char *) c->buffer->data, header_length);
  if (sscanf (headers, "http/1.1 %u", status) != 1)
    return FALSE;
  length_header = strstr (headers, "\r\ncontent-length:");
  if (length_header == NULL)
    return FALSE;
  content_length = g_ascii_strtoull (length_header + strlen ("\r\ncontent-length:"), NULL, 10);

  while (c->buffer->len < header_length + content_length)
    if (!fill (c))
      return FALSE;
  if (body != NULL)
    *body = g_bytes_new (c->buffer->data + header_length, content_length);
  g_byte_array_remove_range (c->buffer, 0, header_length + content_length);
  return TRUE;
}

static char *
format_get (const char *path,
            const char *token)
{
  if (token == NULL)
    return g_strdup_printf ("GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", path);
  return g_strdup_printf ("GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\n\r\n",
                          path, token);
}

static GBytes *
fetch (guint16      port,
       const char  *path,
       const char  *token,
       guint       *status)
{
  Connection c = { .fd = -1 };
  g_autofree char *request = format_get (path, token);
  GBytes *body = NULL;

  if (!connection_open (&c, port) ||
      !connection_exchange (&c, request, strlen (request), status, &body))
    g_error ("GET %s on port %u failed", path, port);
  connection_close (&c);
  return body;
}

static char *
sign_in (guint16     port,
         const char *username)
{
  Connection c = { .fd = -1 };
  g_autofree char *body = g_strdup_printf ("{\"username\": \"%s\", \"password\": \"werkbrug-demo\"}", username);
  g_autofree char *request = g_strdup_printf ("POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                              "Content-Type: application/json\r\nContent-Length: %zu\r\n\r\n%s",
                                              strlen (body), body);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  guint status = 0;
  gsize length;
  const char *data;
  char *token;

  if (!connection_open (&c, port) ||
      !connection_exchange (&c, request, strlen (request), &status, &answer) || status / 100 != 2)
    g_error ("Signing in as %s failed (status %u)", username, status);
  connection_close (&c);
  data = g_bytes_get_data (answer, &length);
  if (!json_parser_load_from_data (parser, data, length, NULL))
    g_error ("Signing in as %s gave no JSON", username);
  token = g_strdup (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "token"));
  if (token == NULL)
    g_error ("Signing in as %s gave no token", username);
  return token;
}

static JsonObject *
fetch_object (guint16     port,
              const char *path,
              const char *token,
              JsonParser *parser)
{
  g_autoptr(GBytes) body = NULL;
  guint status = 0;
  gsize length;
  const char *data;

  body = fetch (port, path, token, &status);
  data = g_bytes_get_data (body, &length);
  if (status != 200 || !json_parser_load_from_data (parser, data, length, NULL))
    g_error ("GET %s answered %u", path, status);
  return json_node_get_object (json_parser_get_root (parser));
}

/* A demo database has no audit log yet: full reads of clients write one, 1,000 rows or
 * more, so that the audit list has something to page through. */
static void
seed_audit (guint16     port,
            const char *admin_token,
            const char *consultant_token)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  Connection c = { .fd = -1 };
  JsonArray *items;
  gint64 total;

  total = json_object_get_int_member (fetch_object (port, "/api/v1/audit?per_page=1&audit_reads=false", admin_token, parser), "total");
  if (total >= 1000)
    return;
  items = json_object_get_array_member (fetch_object (port, "/api/v1/clients?organisation_id=1&per_page=1000&sort=birth_year",
                                                      consultant_token, parser), "items");
  g_printerr ("Writing an audit log: %u full reads of clients…\n", json_array_get_length (items));
  if (!connection_open (&c, port))
    g_error ("Cannot connect");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      gint64 id = json_object_get_int_member (json_array_get_object_element (items, i), "id");
      g_autofree char *path = g_strdup_printf ("/api/v1/clients/%" G_GINT64_FORMAT, id);
      g_autofree char *request = format_get (path, consultant_token);
      guint status = 0;

      if (!connection_exchange (&c, request, strlen (request), &status, NULL) || status != 200)
        g_error ("GET %s failed (%u)", path, status);
    }
  connection_close (&c);
}

/* The id of a client of the consultant's own organisation, to write to. */
static gint64
own_client (guint16     port,
            const char *token)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *items = json_object_get_array_member (fetch_object (port, "/api/v1/clients?organisation_id=1&per_page=1",
                                                                 token, parser), "items");

  return json_object_get_int_member (json_array_get_object_element (items, 0), "id");
}

/* A page right after a write, when nothing kept is left: what one request costs the server
 * alone (no load), p50 and p99 of @n, in milliseconds. */
static void
measure_cold (guint16     port,
              const char *path,
              const char *token,
              const char *writer_token,
              gint64      client,
              guint       n,
              double     *p50,
              double     *p99)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *get = format_get (path, token);
  g_autofree char *body = g_strdup ("{\"kind\":\"note\",\"date\":\"2026-10-01\",\"note\":\"bench\"}");
  g_autofree char *post = g_strdup_printf ("POST /api/v1/clients/%" G_GINT64_FORMAT "/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                           "Authorization: Bearer %s\r\nContent-Type: application/json\r\n"
                                           "Content-Length: %zu\r\n\r\n%s",
                                           client, writer_token, strlen (body), body);
  Connection c = { .fd = -1 };

  if (!connection_open (&c, port))
    g_error ("Cannot connect");
  for (guint i = 0; i < n; i++)
    {
      guint status = 0;
      double start;

      if (!connection_exchange (&c, post, strlen (post), &status, NULL) || status != 201)
        g_error ("Writing an event failed (%u)", status);
      start = now_s ();
      if (!connection_exchange (&c, get, strlen (get), &status, NULL) || status != 200)
        g_error ("GET %s failed (%u)", path, status);
      g_array_append_val (times, (double) { now_s () - start });
    }
  connection_close (&c);
  g_array_sort (times, compare_double);
  *p50 = quantile (times, 0.50) * 1000;
  *p99 = quantile (times, 0.99) * 1000;
}

/* The load */

typedef struct {
  guint16 port;
  const char *request;
  gsize request_length;
  gsize expected_length;
  double deadline;
  GArray *times;        /* seconds per request, this connection's */
  guint failures;
} Worker;

static gpointer
load_thread (gpointer data)
{
  Worker *w = data;
  Connection c = { .fd = -1 };

  if (!connection_open (&c, w->port))
    {
      w->failures++;
      return NULL;
    }
  while (TRUE)
    {
      double start = now_s (), end;
      g_autoptr(GBytes) body = NULL;
      guint status = 0;

      if (start >= w->deadline)
        break;
      if (!connection_exchange (&c, w->request, w->request_length, &status, &body) ||
          status != 200 || g_bytes_get_size (body) != w->expected_length)
        {
          w->failures++;
          connection_close (&c);
          if (!connection_open (&c, w->port))
            break;
          continue;
        }
      end = now_s ();
      g_array_append_val (w->times, (double) { end - start });
    }
  connection_close (&c);
  return NULL;
}

typedef struct {
  double rps;
  double p50_ms, p99_ms;
  guint n, failures;
} Result;

static Result
run_load (guint16      port,
          const char  *path,
          const char  *token,
          gsize        expected_length,
          guint        connections,
          double       seconds)
{
  g_autofree char *request = format_get (path, token);
  g_autofree Worker *workers = g_new0 (Worker, connections);
  g_autofree GThread **threads = g_new0 (GThread *, connections);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  Result result = { 0 };
  double start = now_s ();

  for (guint i = 0; i < connections; i++)
    {
      workers[i] = (Worker) {
        .port = port, .request = request, .request_length = strlen (request),
        .expected_length = expected_length, .deadline = start + seconds,
        .times = g_array_new (FALSE, FALSE, sizeof (double)),
      };
      threads[i] = g_thread_new ("load", load_thread, &workers[i]);
    }
  for (guint i = 0; i < connections; i++)
    {
      g_thread_join (threads[i]);
      g_array_append_vals (times, workers[i].times->data, workers[i].times->len);
      result.failures += workers[i].failures;
      g_array_unref (workers[i].times);
    }
  g_array_sort (times, compare_double);
  result.n = times->len;
  result.rps = times->len / (now_s () - start);
  result.p50_ms = quantile (times, 0.50) * 1000;
  result.p99_ms = quantile (times, 0.99) * 1000;
  return result;
}

/* The anchor: a bare SoupServer that sends stored bodies, /0, /1, … */

static void
on_anchor_request_cb (SoupServer        *server,
                      SoupServerMessage *msg,
                      const char        *path,
                      GHashTable        *query,
                      gpointer           user_data)
{
  GPtrArray *bodies = user_data;
  guint64 index;

  if (path[0] == '/' && g_ascii_string_to_unsigned (path + 1, 10, 0, bodies->len - 1, &index, NULL))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        g_bytes_get_data (bodies->pdata[index], NULL),
                                        g_bytes_get_size (bodies->pdata[index]));
    }
  else
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

static int
run_anchor (const char *directory)
{
  g_autoptr(GPtrArray) bodies = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(SoupServer) server = soup_server_new ("server-header", "anchor", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  GSList *uris;

  for (guint i = 0; ; i++)
    {
      g_autofree char *name = g_strdup_printf ("%u.json", i);
      g_autofree char *path = g_build_filename (directory, name, NULL);
      char *contents;
      gsize length;

      if (!g_file_get_contents (path, &contents, &length, NULL))
        break;
      g_ptr_array_add (bodies, g_bytes_new_take (contents, length));
    }
  if (bodies->len == 0)
    g_error ("No bodies in %s", directory);

  soup_server_add_handler (server, NULL, on_anchor_request_cb, bodies, NULL);
  if (!soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("The anchor cannot listen: %s", error->message);
  uris = soup_server_get_uris (server);
  g_print ("Listening on http://127.0.0.1:%d/\n", g_uri_get_port (uris->data));
  fflush (stdout);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  g_main_loop_run (loop);
  return 0;
}

/* The servers as processes of their own */

static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static GSubprocess *
spawn_listening (const char * const  *argv,
                 guint16             *port)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) output = NULL;
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  GSubprocess *process;

  /* A server outlives no bench that ends early. */
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);

  if (process == NULL)
    g_error ("Cannot start %s: %s", argv[0], error->message);
  output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  while (TRUE)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (output, NULL, NULL, &error);
      const char *colon;

      if (line == NULL)
        g_error ("%s ended before it listened", argv[0]);
      if (g_str_has_prefix (line, "Listening on ") && (colon = strrchr (line, ':')) != NULL)
        {
          *port = (guint16) g_ascii_strtoull (colon + 1, NULL, 10);
          return process;
        }
    }
}

static void
stop (GSubprocess *process)
{
  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, NULL);
}

static char *
server_path (void)
{
  const char *env = g_getenv ("WB_SERVER");

  return g_strdup (env != NULL ? env : WB_SERVER_PATH);
}

static char *
ensure_database (const char *cache,
                 guint       n_clients)
{
  g_autofree char *name = g_strdup_printf ("demo-%u.db", n_clients);
  char *db = g_build_filename (cache, name, NULL);
  g_autofree char *server = server_path ();
  g_autofree char *clients = g_strdup_printf ("%u", n_clients);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  double start = now_s ();

  if (g_file_test (db, G_FILE_TEST_EXISTS))
    return db;
  g_mkdir_with_parents (cache, 0700);
  g_printerr ("Generating the demo region with %u clients in %s…\n", n_clients, db);
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error,
                              server, "demo", "--quiet", "--db", db, "--clients", clients, NULL);
  if (process == NULL || !g_subprocess_wait_check (process, NULL, &error))
    g_error ("Cannot generate %s: %s", db, error->message);
  g_printerr ("  done in %.0f s\n", now_s () - start);
  return db;
}

typedef struct {
  const char *what;
  const char *user;
  char *path;
} Target;

static void
run_size (const char *cache,
          guint       n_clients,
          guint       connections,
          double      seconds)
{
  g_autofree char *db = ensure_database (cache, n_clients);
  g_autofree char *server = server_path ();
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *bodies = g_dir_make_tmp ("bench-server-XXXXXX", NULL);
  g_autoptr(GSubprocess) werkbrug = NULL;
  g_autoptr(GSubprocess) anchor = NULL;
  g_autoptr(GHashTable) tokens = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  guint deep_page = MAX (1, n_clients / 100 * 3 / 4);
  Target targets[] = {
    { "clients, page 1", "isd-kompas.consultant1", g_strdup ("/api/v1/clients?per_page=100") },
    { "clients, deep page", "isd-kompas.consultant1", g_strdup_printf ("/api/v1/clients?per_page=100&page=%u", deep_page) },
    { "clients by birth year", "isd-kompas.consultant1", g_strdup ("/api/v1/clients?per_page=100&sort=-birth_year&page=20") },
    { "review queue", "wsp-parkstad.coordinator", g_strdup ("/api/v1/reviews?per_page=100") },
    { "vacancies", "isd-kompas.consultant1", g_strdup ("/api/v1/vacancies?per_page=100") },
    { "employers", "isd-kompas.consultant1", g_strdup ("/api/v1/employers?per_page=100") },
    { "accounts", "wsp-parkstad.am1", g_strdup ("/api/v1/accounts?per_page=100") },
    /* Reading the audit writes a row of its own (audit_read): left out of the page, so that
     * the page stays the same; each read is a write of the server all the same. */
    { "audit (a write)", "admin", g_strdup ("/api/v1/audit?per_page=100&audit_reads=false") },
  };
  const char *serve_argv[] = {
    server, "serve", "--db", db, "--listen", "127.0.0.1:0", NULL,
  };
  const char *anchor_argv[] = { self, "--anchor", bodies, NULL };
  gsize lengths[G_N_ELEMENTS (targets)];
  guint16 port, anchor_port;

  werkbrug = spawn_listening (serve_argv, &port);
  g_hash_table_insert (tokens, (gpointer) "admin", sign_in (port, "admin"));
  g_hash_table_insert (tokens, (gpointer) "isd-kompas.consultant1", sign_in (port, "isd-kompas.consultant1"));
  seed_audit (port, g_hash_table_lookup (tokens, "admin"), g_hash_table_lookup (tokens, "isd-kompas.consultant1"));

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_autofree char *name = g_strdup_printf ("%u.json", i);
      g_autofree char *file = g_build_filename (bodies, name, NULL);
      g_autoptr(GBytes) body = NULL;
      const char *token;
      guint status = 0;

      if ((token = g_hash_table_lookup (tokens, targets[i].user)) == NULL)
        {
          token = sign_in (port, targets[i].user);
          g_hash_table_insert (tokens, (gpointer) targets[i].user, (gpointer) token);
        }
      body = fetch (port, targets[i].path, token, &status);
      if (status != 200)
        g_error ("GET %s answered %u: %.*s", targets[i].path, status,
                 (int) g_bytes_get_size (body), (const char *) g_bytes_get_data (body, NULL));
      lengths[i] = g_bytes_get_size (body);
      if (!g_file_set_contents (file, g_bytes_get_data (body, NULL), lengths[i], NULL))
        g_error ("Cannot write %s", file);
    }
  anchor = spawn_listening (anchor_argv, &anchor_port);

  g_print ("\n%u clients, %u connections, %.0f s each (p50/p99 in ms)\n", n_clients, connections, seconds);
  g_print ("%-24s %8s %10s %8s %8s %10s %8s %8s %7s\n", "list", "bytes",
           "server r/s", "p50", "p99", "anchor r/s", "p50", "p99", "ratio");
  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_autofree char *anchor_path = g_strdup_printf ("/%u", i);
      const char *token = g_hash_table_lookup (tokens, targets[i].user);
      Result s = run_load (port, targets[i].path, token, lengths[i], connections, seconds);
      Result a = run_load (anchor_port, anchor_path, NULL, lengths[i], connections, seconds);

      g_print ("%-24s %8zu %10.0f %8.2f %8.2f %10.0f %8.2f %8.2f %7.3f%s\n", targets[i].what, lengths[i],
               s.rps, s.p50_ms, s.p99_ms, a.rps, a.p50_ms, a.p99_ms, s.rps / a.rps,
               s.failures + a.failures > 0 ? "  (failures!)" : "");
      if (s.failures + a.failures > 0)
        g_print ("  %u failed requests on the server, %u on the anchor\n", s.failures, a.failures);
    }

  /* Every write drops what the server keeps; the first read after it pays in full. The
   * anchor has nothing to compare with here. */
  g_print ("\nThe same lists right after a write (nothing kept), one at a time, 30 each (ms)\n");
  g_print ("%-24s %8s %8s\n", "list", "p50", "p99");
  {
    const char *consultant = g_hash_table_lookup (tokens, "isd-kompas.consultant1");
    gint64 client = own_client (port, consultant);

    for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
      {
        double p50, p99;

        measure_cold (port, targets[i].path, g_hash_table_lookup (tokens, targets[i].user), consultant, client, 30, &p50, &p99);
        g_print ("%-24s %8.2f %8.2f\n", targets[i].what, p50, p99);
      }
  }

  stop (anchor);
  stop (werkbrug);
  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_autofree char *name = g_strdup_printf ("%u.json", i);
      g_autofree char *file = g_build_filename (bodies, name, NULL);

      g_unlink (file);
      g_free (targets[i].path);
    }
  g_rmdir (bodies);
}

/* The mixed load: reads, rankings and writes from many connections at once, then a check of
 * what was acknowledged */

enum {
  KIND_LIST,
  KIND_RANKING,
  KIND_WRITE,
  N_KINDS
};

static const char * const kind_names[N_KINDS] = { "list pages", "rankings", "writes" };

typedef struct {
  guint16 port;
  guint index;
  double deadline;
  const char *reader_token;
  const char *ranker_token;
  GArray *clients;         /* gint64, the consultant's own */
  GArray *vacancies;       /* gint64 */
  guint n_clients_pages;
  guint reads, rankings, writes, busy, failures;
  GArray *written;         /* gint64, the events acknowledged with 201 */
  GArray *times[N_KINDS];  /* seconds per request, by kind */
} MixedWorker;

static gint64
created_id (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize length;
  const char *data = g_bytes_get_data (body, &length);

  if (!json_parser_load_from_data (parser, data, length, NULL) || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return 0;
  return json_object_get_int_member_with_default (json_node_get_object (json_parser_get_root (parser)), "id", 0);
}

static gpointer
mixed_thread (gpointer data)
{
  MixedWorker *w = data;
  GRand *rand = g_rand_new_with_seed (w->index + 1);
  Connection c = { .fd = -1 };
  guint n = 0;

  if (!connection_open (&c, w->port))
    {
      w->failures++;
      g_rand_free (rand);
      return NULL;
    }
  while (now_s () < w->deadline)
    {
      guint kind = g_rand_int_range (rand, 0, 100);
      g_autofree char *request = NULL;
      g_autofree char *path = NULL;
      g_autoptr(GBytes) body = NULL;
      gboolean write = FALSE, ranking = FALSE;
      guint status = 0;
      double start;

      if (kind < 25)
        {
          gint64 client = g_array_index (w->clients, gint64, g_rand_int_range (rand, 0, w->clients->len));
          g_autofree char *event = g_strdup_printf ("{\"kind\":\"note\",\"date\":\"2026-10-01\",\"note\":\"mixed %u-%u\"}",
                                                    w->index, n++);

          request = g_strdup_printf ("POST /api/v1/clients/%" G_GINT64_FORMAT "/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                     "Authorization: Bearer %s\r\nContent-Type: application/json\r\n"
                                     "Content-Length: %zu\r\n\r\n%s",
                                     client, w->reader_token, strlen (event), event);
          write = TRUE;
        }
      else if (kind < 40)
        {
          gint64 vacancy = g_array_index (w->vacancies, gint64, g_rand_int_range (rand, 0, w->vacancies->len));

          path = g_strdup_printf ("/api/v1/vacancies/%" G_GINT64_FORMAT "/matches?limit=20", vacancy);
          request = format_get (path, w->ranker_token);
          ranking = TRUE;
        }
      else
        {
          static const char * const lists[] = { "clients", "vacancies", "employers" };
          guint list = g_rand_int_range (rand, 0, G_N_ELEMENTS (lists));
          guint page = list == 0 ? (guint) g_rand_int_range (rand, 1, w->n_clients_pages + 1) : (guint) g_rand_int_range (rand, 1, 10);

          path = g_strdup_printf ("/api/v1/%s?per_page=100&page=%u", lists[list], page);
          request = format_get (path, w->reader_token);
        }

      start = now_s ();
      if (!connection_exchange (&c, request, strlen (request), &status, &body))
        {
          w->failures++;
          connection_close (&c);
          if (!connection_open (&c, w->port))
            break;
          continue;
        }
      g_array_append_val (w->times[write ? KIND_WRITE : ranking ? KIND_RANKING : KIND_LIST],
                          (double) { now_s () - start });
      if (status == 503)
        w->busy++;
      else if (write && status == 201)
        {
          gint64 id = created_id (body);

          w->writes++;
          if (id > 0)
            g_array_append_val (w->written, id);
          else
            w->failures++;
        }
      else if (!write && status == 200)
        {
          if (ranking)
            w->rankings++;
          else
            w->reads++;
        }
      else
        w->failures++;
    }
  connection_close (&c);
  g_rand_free (rand);
  return NULL;
}

static GArray *
ids_of (guint16     port,
        const char *path,
        const char *token,
        const char *member)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *items = json_object_get_array_member (fetch_object (port, path, token, parser), "items");
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      gint64 id = json_object_get_int_member (json_array_get_object_element (items, i), member);

      g_array_append_val (ids, id);
    }
  if (ids->len == 0)
    g_error ("GET %s gave no rows", path);
  return ids;
}

/* PRAGMA integrity_check's first line on @db, and in @missing how many of @written (event
 * ids) are not in it. */
static char *
check_written (const char *db,
               GArray     *written,
               guint      *missing)
{
  sqlite3 *handle = NULL;
  sqlite3_stmt *stmt = NULL;
  char *integrity;

  if (sqlite3_open_v2 (db, &handle, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    g_error ("Cannot open %s: %s", db, handle != NULL ? sqlite3_errmsg (handle) : "out of memory");
  if (sqlite3_prepare_v2 (handle, "PRAGMA integrity_check", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    g_error ("Cannot check %s: %s", db, sqlite3_errmsg (handle));
  integrity = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  *missing = 0;
  if (sqlite3_prepare_v2 (handle, "SELECT 1 FROM events WHERE id = ?1", -1, &stmt, NULL) != SQLITE_OK)
    g_error ("Cannot read %s: %s", db, sqlite3_errmsg (handle));
  for (guint i = 0; i < written->len; i++)
    {
      int rc;

      sqlite3_bind_int64 (stmt, 1, g_array_index (written, gint64, i));
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        (*missing)++;
      else if (rc != SQLITE_ROW)
        g_error ("Cannot read %s: %s", db, sqlite3_errmsg (handle));
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (handle);
  return integrity;
}

static void
run_mixed (const char *cache,
           guint       n_clients,
           guint       connections,
           double      seconds)
{
  g_autofree char *source = ensure_database (cache, n_clients);
  g_autofree char *dir = g_dir_make_tmp ("bench-server-mixed-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "werkbrug.db", NULL);
  g_autofree char *server = server_path ();
  g_autoptr(GFile) from = g_file_new_for_path (source);
  g_autoptr(GFile) to = g_file_new_for_path (db);
  g_autoptr(GSubprocess) werkbrug = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reader = NULL;
  g_autofree char *ranker = NULL;
  g_autofree MixedWorker *workers = g_new0 (MixedWorker, connections);
  g_autofree GThread **threads = g_new0 (GThread *, connections);
  g_autoptr(GArray) clients = NULL;
  g_autoptr(GArray) vacancies = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) written = g_array_new (FALSE, FALSE, sizeof (gint64));
  GArray *kind_times[N_KINDS];
  guint reads = 0, rankings = 0, writes = 0, busy = 0, failures = 0, missing = 0;
  const char *serve_argv[] = { server, "serve", "--db", db, "--listen", "127.0.0.1:0", NULL };
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *anchor_file = g_build_filename (dir, "0.json", NULL);
  const char *anchor_argv[] = { self, "--anchor", dir, NULL };
  const char *page_path = "/api/v1/clients?per_page=100";
  g_autoptr(GSubprocess) anchor = NULL;
  g_autoptr(GBytes) page = NULL;
  g_autofree char *integrity = NULL;
  guint16 port, anchor_port;
  guint status = 0;
  Result a;
  double start, elapsed;

  /* A copy: the mixed load writes. */
  if (!g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error))
    g_error ("Cannot copy %s: %s", source, error->message);
  werkbrug = spawn_listening (serve_argv, &port);
  reader = sign_in (port, "isd-kompas.consultant1");
  ranker = sign_in (port, "wsp-parkstad.am1");
  clients = ids_of (port, "/api/v1/clients?organisation_id=1&per_page=200", reader, "id");
  vacancies = ids_of (port, "/api/v1/vacancies?status=open&per_page=100", reader, "id");

  /* The anchor: a bare SoupServer sending the page of 100 clients the consultant reads. */
  page = fetch (port, page_path, reader, &status);
  if (status != 200 ||
      !g_file_set_contents (anchor_file, g_bytes_get_data (page, NULL), g_bytes_get_size (page), NULL))
    g_error ("GET %s answered %u", page_path, status);
  anchor = spawn_listening (anchor_argv, &anchor_port);

  g_print ("\nMixed load, %u clients, %u connections, %.0f s: 60%% list pages, 15%% rankings, 25%% writes\n",
           n_clients, connections, seconds);
  start = now_s ();
  for (guint i = 0; i < connections; i++)
    {
      workers[i] = (MixedWorker) {
        .port = port, .index = i, .deadline = start + seconds, .reader_token = reader, .ranker_token = ranker,
        .clients = clients, .vacancies = vacancies, .n_clients_pages = MAX (1, n_clients / 100),
        .written = g_array_new (FALSE, FALSE, sizeof (gint64)),
      };
      for (guint k = 0; k < N_KINDS; k++)
        workers[i].times[k] = g_array_new (FALSE, FALSE, sizeof (double));
      threads[i] = g_thread_new ("mixed", mixed_thread, &workers[i]);
    }
  for (guint k = 0; k < N_KINDS; k++)
    kind_times[k] = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < connections; i++)
    {
      g_thread_join (threads[i]);
      reads += workers[i].reads;
      rankings += workers[i].rankings;
      writes += workers[i].writes;
      busy += workers[i].busy;
      failures += workers[i].failures;
      g_array_append_vals (written, workers[i].written->data, workers[i].written->len);
      for (guint k = 0; k < N_KINDS; k++)
        {
          g_array_append_vals (times, workers[i].times[k]->data, workers[i].times[k]->len);
          g_array_append_vals (kind_times[k], workers[i].times[k]->data, workers[i].times[k]->len);
          g_array_unref (workers[i].times[k]);
        }
      g_array_unref (workers[i].written);
    }
  elapsed = now_s () - start;
  g_array_sort (times, compare_double);
  stop (werkbrug);

  /* The same connections on the anchor, for as long (10 s at most: it does not vary). */
  a = run_load (anchor_port, "/0", NULL, g_bytes_get_size (page), connections, MIN (seconds, 10));
  stop (anchor);
  g_unlink (anchor_file);

  /* What was acknowledged is there, and the file is whole: checked through the SQLite
   * library, so that no sqlite3 shell need be installed. */
  integrity = check_written (db, written, &missing);

  g_print ("%-12s %8s %10s %8s %8s\n", "", "answered", "r/s", "p50 ms", "p99 ms");
  for (guint k = 0; k < N_KINDS; k++)
    {
      g_array_sort (kind_times[k], compare_double);
      g_print ("%-12s %8u %10.1f %8.2f %8.2f\n", kind_names[k], k == KIND_LIST ? reads : k == KIND_RANKING ? rankings : writes,
               kind_times[k]->len / elapsed, quantile (kind_times[k], 0.50) * 1000, quantile (kind_times[k], 0.99) * 1000);
      g_array_unref (kind_times[k]);
    }
  g_print ("%-12s %8u %10.1f %8.2f %8.2f\n", "all", times->len, times->len / elapsed,
           quantile (times, 0.50) * 1000, quantile (times, 0.99) * 1000);
  g_print ("%-12s %8u %10.1f %8.2f %8.2f   (a bare SoupServer sending the page of 100 clients)\n", "anchor",
           a.n, a.rps, a.p50_ms, a.p99_ms);
  g_print ("ratio of all requests per second to the anchor's: %.4f\n", times->len / elapsed / a.rps);
  g_print ("%u answered 503 (busy), %u failed; integrity_check: %s; acknowledged writes missing: %u of %u\n",
           busy, failures, integrity, missing, written->len);

  g_unlink (db);
  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);
    g_autofree char *backups = g_build_filename (dir, "backups", NULL);

    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (backups);
  }
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *anchor = NULL;
  g_autofree char *cache = NULL;
  g_autofree int *sizes = NULL;
  g_auto(GStrv) client_counts = NULL;
  int connections = 32;
  double seconds = 5;
  double mixed = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new ("— werkbrug-server against a bare SoupServer");
  const GOptionEntry entries[] = {
    { "clients", 0, 0, G_OPTION_ARG_STRING_ARRAY, &client_counts, "Clients in the demo database (default 20000; may be repeated)", "N" },
    { "connections", 'c', 0, G_OPTION_ARG_INT, &connections, "Concurrent keep-alive connections (default 32)", "C" },
    { "duration", 'd', 0, G_OPTION_ARG_DOUBLE, &seconds, "Seconds of load per list and server (default 5)", "S" },
    { "cache", 0, 0, G_OPTION_ARG_FILENAME, &cache, "Where the demo databases are kept between runs", "DIR" },
    { "mixed", 0, 0, G_OPTION_ARG_DOUBLE, &mixed, "Instead: reads, rankings and writes for S seconds (e.g. 60, with -c 64) on a copy, then check it", "S" },
    { "anchor", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &anchor, "Serve the bodies in DIR as the anchor", "DIR" },
    { NULL }
  };

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (anchor != NULL)
    return run_anchor (anchor);
  if (connections < 1 || connections > 1024 || seconds <= 0)
    {
      g_printerr ("--connections must be 1 to 1024 and --duration positive\n");
      return 2;
    }
  if (cache == NULL)
    cache = g_build_filename (g_get_user_cache_dir (), "werkbrug-bench", NULL);

  if (mixed > 0)
    {
      guint64 n = 20000;

      if (client_counts != NULL && !g_ascii_string_to_unsigned (client_counts[0], 10, 100, 1000000, &n, NULL))
        {
          g_printerr ("--clients %s is not a number from 100 to 1000000\n", client_counts[0]);
          return 2;
        }
      run_mixed (cache, (guint) n, connections, mixed);
    }
  else if (client_counts == NULL)
    run_size (cache, 20000, connections, seconds);
  else
    for (guint i = 0; client_counts[i] != NULL; i++)
      {
        guint64 n;

        if (!g_ascii_string_to_unsigned (client_counts[i], 10, 100, 1000000, &n, NULL))
          {
            g_printerr ("--clients %s is not a number from 100 to 1000000\n", client_counts[i]);
            return 2;
          }
        run_size (cache, (guint) n, connections, seconds);
      }
  return 0;
}
