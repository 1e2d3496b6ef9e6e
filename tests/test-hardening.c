/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The server under attack, over raw sockets against a real werkbrug-server on loopback:
 * input that once crashed it, was cut silently, wrapped around, or was read whole before it
 * was refused; sign-ins that could be guessed at full speed; and logging out. Every name
 * here is made up. */

#define G_LOG_DOMAIN "test-hardening"

#include "config.h"

#include <gio/gio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "wb-password.h"
#include "wb-store.h"
#include "wb-test-server.h"
#include "wb-test-store.h"
#include "wb-test-util.h"

#define PASSWORD "correct horse battery"
#define ID "%" G_GINT64_FORMAT

static struct {
  char *dir;
  char *db;
  WbTestServer *server;
  guint16 port;
  gint64 organisation, municipality, client, admin;
} fx;

static void
create_fixture (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbStore) store = NULL;
  g_autofree char *hash = NULL;
  static const char * const users[] = { "alice", "bob", "carol", "dave", "erin", "frank", "gina" };
  g_autoptr(GUri) uri = NULL;

  fx.dir = wb_test_make_dir ();
  fx.db = g_build_filename (fx.dir, "hardening.db", NULL);
  store = wb_store_open (fx.db, &error);
  g_assert_no_error (error);

  fx.municipality = wb_test_insert (store, WB_RESOURCE_MUNICIPALITIES,
                                    "{\"code\":\"GM0917\",\"name\":\"Heerlen\",\"region\":\"Parkstad\"}");
  fx.organisation = wb_test_insert_printf (store, WB_RESOURCE_ORGANISATIONS,
                                           "{\"code\":\"isd\",\"name\":\"ISD Heuvel\",\"kind\":\"social_service\","
                                           "\"region\":\"Parkstad\",\"municipality_ids\":[" ID "]}", fx.municipality);
  /* Argon2id is slow on purpose: one hash serves every test user. */
  hash = wb_password_hash (PASSWORD, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (users); i++)
    wb_test_add_user (store, fx.organisation, users[i], users[i], "consultant", hash);
  fx.admin = wb_test_add_user (store, fx.organisation, "admin", "Ada Admin", "admin", hash);
  fx.client = wb_test_insert_printf (store, WB_RESOURCE_CLIENTS,
                                     "{\"organisation_id\":" ID ",\"municipality_id\":" ID ",\"given_name\":\"Bea\","
                                     "\"family_name\":\"Bemelmans\",\"bsn\":\"111222333\",\"pc4\":\"6411\","
                                     "\"birth_year\":1980,\"client_group\":\"participatiewet\",\"phase\":\"intake\"}",
                                     fx.organisation, fx.municipality);
  g_clear_object (&store);

  /* The first wait after too many failed sign-ins is ten minutes, not the default second: the
   * throttle tests expect the next sign-in to wait, and on a busy machine more than a second
   * could pass before it is sent. */
  {
    g_autofree char *conf = g_build_filename (fx.dir, "server.conf", NULL);
    g_autofree char *contents = g_strdup_printf ("[server]\ndatabase = %s\nlisten = 127.0.0.1:0\n"
                                                 "\n[signin]\nfirst-delay = 10m\nmax-delay = 1h\n", fx.db);
    const char * const args[] = { "--config", conf, NULL };

    g_assert_true (g_file_set_contents (conf, contents, -1, &error));
    g_assert_no_error (error);
    fx.server = wb_test_server_start_argv (args, FALSE);
    g_assert_true (g_str_has_prefix (fx.server->url, "http://127.0.0.1:"));
  }
  uri = g_uri_parse (fx.server->url, G_URI_FLAGS_NONE, &error);
  g_assert_no_error (error);
  fx.port = g_uri_get_port (uri);
}

/* Raw HTTP: the request goes out byte for byte as written, from a loopback address of the
 * test's choosing (the throttle tells addresses apart). */

typedef struct {
  guint status;        /* 0 when no answer came */
  char *head;
  char *body;
  JsonNode *json;
  gboolean closed;     /* the server closed the connection after its answer */
  gsize sent;          /* bytes of the request that went out */
} Raw;

static void
raw_free (Raw *raw)
{
  g_free (raw->head);
  g_free (raw->body);
  g_clear_pointer (&raw->json, json_node_unref);
  g_free (raw);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Raw, raw_free)

typedef gboolean (*RawBodyFunc) (GSocket *socket, gsize *sent, gpointer user_data);

/* Seconds to wait, after an answer, for the server to close the connection: long enough for a
 * busy machine, where a server that does close it may take more than a few seconds. */
static guint close_wait = 60;

static GSocket *
raw_connect (const char *from)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketAddress) local = NULL;
  g_autoptr(GSocketAddress) remote = g_inet_socket_address_new_from_string ("127.0.0.1", fx.port);
  GSocket *socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);

  g_assert_no_error (error);
  if (from != NULL)
    {
      local = g_inet_socket_address_new_from_string (from, 0);
      g_assert_true (g_socket_bind (socket, local, FALSE, &error));
      g_assert_no_error (error);
    }
  g_socket_set_timeout (socket, 30);
  g_assert_true (g_socket_connect (socket, remote, NULL, &error));
  g_assert_no_error (error);
  return socket;
}

/* Sends @request (and then whatever @more sends), reads the answer and whether the server
 * closes the connection after it. */
static Raw *
raw_exchange (const char  *from,
              const char  *request,
              gsize        length,
              RawBodyFunc  more,
              gpointer     user_data)
{
  g_autoptr(GSocket) socket = raw_connect (from);
  g_autoptr(GByteArray) answer = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  Raw *raw = g_new0 (Raw, 1);
  gboolean sending = TRUE;
  const char *end = NULL;
  gsize expected = G_MAXSIZE;

  while (raw->sent < length)
    {
      gssize n = g_socket_send (socket, request + raw->sent, length - raw->sent, NULL, &error);

      if (n < 0)
        {
          g_clear_error (&error);
          sending = FALSE;
          break;
        }
      raw->sent += n;
    }
  if (sending && more != NULL)
    more (socket, &raw->sent, user_data);

  for (;;)
    {
      char buffer[16384];
      gssize n = g_socket_receive (socket, buffer, sizeof buffer, NULL, &error);

      if (n <= 0)
        {
          /* A close, or a reset after the answer: both end the connection. */
          raw->closed = n == 0 || !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
          g_clear_error (&error);
          break;
        }
      g_byte_array_append (answer, (guint8 *) buffer, n);
      if (end == NULL && (end = g_strstr_len ((char *) answer->data, answer->len, "\r\n\r\n")) != NULL)
        {
          g_autofree char *head = g_strndup ((char *) answer->data, end - (char *) answer->data);
          g_autofree char *lower = g_ascii_strdown (head, -1);
          const char *length_header = strstr (lower, "\r\ncontent-length:");

          if (length_header != NULL)
            expected = (end - (char *) answer->data) + 4 + g_ascii_strtoull (length_header + 17, NULL, 10);
          g_socket_set_timeout (socket, close_wait);
        }
      if (end != NULL && answer->len >= expected)
        {
          /* The whole answer is in: is the connection closed after it? */
          n = g_socket_receive (socket, buffer, sizeof buffer, NULL, &error);
          raw->closed = n == 0 || (n < 0 && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT));
          g_clear_error (&error);
          break;
        }
    }

  if (answer->len > 12 && g_str_has_prefix ((char *) answer->data, "HTTP/1."))
    {
      g_autofree char *text = g_strndup ((char *) answer->data, answer->len);
      char *separator = strstr (text, "\r\n\r\n");

      raw->status = g_ascii_strtoull (text + 9, NULL, 10);
      if (separator != NULL)
        {
          *separator = '\0';
          raw->head = g_strdup (text);
          raw->body = g_strdup (separator + 4);
          raw->json = json_from_string (raw->body, NULL);
        }
    }
  return raw;
}

/* A request with a body of Content-Type @type (none when NULL), sent with Connection: close
 * unless @keep_alive. */
static Raw *
http (const char *from,
      const char *method,
      const char *path,
      const char *token,
      const char *type,
      const char *body,
      const char *extra_headers)
{
  g_autoptr(GString) request = g_string_new (NULL);

  g_string_append_printf (request, "%s /api/v1/%s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n", method, path);
  if (token != NULL)
    g_string_append_printf (request, "Authorization: Bearer %s\r\n", token);
  if (type != NULL)
    g_string_append_printf (request, "Content-Type: %s\r\n", type);
  if (extra_headers != NULL)
    g_string_append (request, extra_headers);
  if (body != NULL)
    g_string_append_printf (request, "Content-Length: %" G_GSIZE_FORMAT "\r\n", strlen (body));
  g_string_append (request, "\r\n");
  if (body != NULL)
    g_string_append (request, body);
  return raw_exchange (from, request->str, request->len, NULL, NULL);
}

static Raw *
json_call (const char *method,
           const char *path,
           const char *token,
           const char *body)
{
  return http (NULL, method, path, token, body != NULL ? "application/json" : NULL, body, NULL);
}

static Raw *
sign_in_from (const char *from,
              const char *username,
              const char *password)
{
  g_autofree char *body = g_strdup_printf ("{\"username\":\"%s\",\"password\":\"%s\"}", username, password);

  return http (from, "POST", "session", NULL, "application/json", body, NULL);
}

static char *
login (const char *username)
{
  g_autoptr(Raw) raw = sign_in_from (NULL, username, PASSWORD);

  g_assert_cmpuint (raw->status, ==, 201);
  return g_strdup (json_object_get_string_member (json_node_get_object (raw->json), "token"));
}

/* The field the problem names first, or "" without one. */
static const char *
problem_field (Raw *raw)
{
  JsonObject *problem;
  JsonArray *errors;

  g_assert_nonnull (raw->json);
  g_assert_nonnull (strstr (raw->head, "application/problem+json"));
  problem = json_node_get_object (raw->json);
  if (!json_object_has_member (problem, "errors"))
    return "";
  errors = json_object_get_array_member (problem, "errors");
  g_assert_cmpuint (json_array_get_length (errors), >, 0);
  return json_object_get_string_member (json_array_get_object_element (errors, 0), "field");
}

static const char *
header (Raw        *raw,
        const char *name)
{
  g_autofree char *needle = g_strdup_printf ("\r\n%s: ", name);
  static char value[256];
  const char *start = strstr (raw->head, needle);
  gsize length;

  if (start == NULL)
    return NULL;
  start += strlen (needle);
  length = strcspn (start, "\r");
  g_strlcpy (value, start, MIN (length + 1, sizeof value));
  return value;
}

/* The server is still there and answers. */
static void
assert_server_alive (void)
{
  g_autoptr(Raw) raw = json_call ("GET", "me", NULL, NULL);

  g_assert_cmpuint (raw->status, ==, 401);
}

/* The If-Match header for the client as it is now. */
static char *
client_if_match (const char *token)
{
  g_autofree char *path = g_strdup_printf ("clients/" ID, fx.client);
  g_autoptr(Raw) raw = http (NULL, "GET", path, token, NULL, NULL, "X-Werkbrug-Reason: test\r\n");
  const char *etag;

  g_assert_cmpuint (raw->status, ==, 200);
  etag = header (raw, "ETag");
  g_assert_nonnull (etag);
  return g_strdup_printf ("If-Match: %s\r\n", etag);
}

static gsize
server_rss_kib (void)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/status", g_subprocess_get_identifier (fx.server->process));
  g_autofree char *status = NULL;
  const char *line;

  g_assert_true (g_file_get_contents (path, &status, NULL, NULL));
  line = strstr (status, "VmRSS:");
  g_assert_nonnull (line);
  return g_ascii_strtoull (line + strlen ("VmRSS:"), NULL, 10);
}

/* Deeply nested JSON: json-glib's parser recurses, and 100,000 levels took the server down
 * with a stack overflow before anyone had signed in. */
static void
test_deep_nesting (void)
{
  g_autoptr(GString) brackets = g_string_new (NULL);
  g_autoptr(GString) objects = g_string_new ("{\"username\":");
  g_autoptr(Raw) attack = NULL;
  g_autoptr(Raw) nested = NULL;
  g_autoptr(Raw) in_text = NULL;
  g_autofree char *token = login ("alice");
  g_autofree char *path = g_strdup_printf ("clients/" ID, fx.client);
  g_autofree char *if_match = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (brackets, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (brackets, ']');
  attack = json_call ("POST", "session", NULL, brackets->str);
  g_assert_cmpuint (attack->status, ==, 400);
  g_assert_nonnull (strstr (attack->body, "nested at most 32 deep"));
  assert_server_alive ();

  for (guint i = 0; i < 40; i++)
    g_string_append (objects, "{\"a\":");
  g_string_append (objects, "1");
  for (guint i = 0; i < 41; i++)
    g_string_append_c (objects, '}');
  nested = json_call ("POST", "session", NULL, objects->str);
  g_assert_cmpuint (nested->status, ==, 400);

  /* Brackets inside a text are text, however many. */
  g_string_truncate (brackets, 0);
  g_string_append (brackets, "{\"city\":\"");
  for (guint i = 0; i < 2000; i++)
    g_string_append (brackets, "[{");
  g_string_append (brackets, "\\\"\"}");
  if_match = client_if_match (token);
  in_text = http (NULL, "PATCH", path, token, "application/json", brackets->str, if_match);
  g_assert_cmpuint (in_text->status, ==, 200);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (json_node_get_object (in_text->json), "city"), "[{[{"));
}

/* A U+0000 was cut silently: "werkbrug-demo\u0000x" signed in as "werkbrug-demo" and
 * "Nul\u0000Byte" was stored as "Nul". Now each is a 400 that names the field; so is a
 * control character where a field takes none, in a body, a parameter, the path or a
 * header. */
static void
test_nul_and_control_characters (void)
{
  g_autofree char *token = login ("bob");
  g_autofree char *path = g_strdup_printf ("clients/" ID, fx.client);
  g_autofree char *if_match = client_if_match (token);
  g_autoptr(Raw) password = NULL;
  g_autoptr(Raw) username = NULL;
  g_autoptr(Raw) name = NULL;
  g_autoptr(Raw) city = NULL;
  g_autoptr(Raw) after = NULL;
  g_autoptr(Raw) query = NULL;
  g_autoptr(Raw) query_control = NULL;
  g_autoptr(Raw) segment = NULL;
  g_autoptr(Raw) authorization = NULL;

  password = sign_in_from (NULL, "bob", PASSWORD "\\u0000x");
  g_assert_cmpuint (password->status, ==, 400);
  g_assert_cmpstr (problem_field (password), ==, "password");
  username = sign_in_from (NULL, "bob\\u0007", PASSWORD);
  g_assert_cmpuint (username->status, ==, 400);
  g_assert_cmpstr (problem_field (username), ==, "username");

  name = http (NULL, "PATCH", path, token, "application/json", "{\"family_name\":\"Nul\\u0000Byte\"}", if_match);
  g_assert_cmpuint (name->status, ==, 400);
  g_assert_cmpstr (problem_field (name), ==, "family_name");
  city = http (NULL, "PATCH", path, token, "application/json", "{\"given_name\":\"Bea\\u001b[31m\"}", if_match);
  g_assert_cmpuint (city->status, ==, 400);
  g_assert_cmpstr (problem_field (city), ==, "given_name");
  after = http (NULL, "GET", path, token, NULL, NULL, "X-Werkbrug-Reason: test\r\n");
  g_assert_cmpuint (after->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (after->json), "family_name"), ==, "Bemelmans");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (after->json), "given_name"), ==, "Bea");

  query = http (NULL, "GET", "clients?q=Bem%00x", token, NULL, NULL, NULL);
  g_assert_cmpuint (query->status, ==, 400);
  g_assert_cmpstr (problem_field (query), ==, "q");
  query_control = http (NULL, "GET", "clients?q=Bem%0Ax", token, NULL, NULL, NULL);
  g_assert_cmpuint (query_control->status, ==, 400);
  g_assert_cmpstr (problem_field (query_control), ==, "q");
  segment = http (NULL, "GET", "match-weights/Park%00stad", token, NULL, NULL, NULL);
  g_assert_cmpuint (segment->status, ==, 400);
  g_assert_cmpstr (problem_field (segment), ==, "path");

  authorization = http (NULL, "GET", "me", NULL, NULL, NULL, "Authorization: Bearer abc\001def\r\n");
  g_assert_cmpuint (authorization->status, ==, 400);
  g_assert_cmpstr (problem_field (authorization), ==, "Authorization");
}

/* A query string is decoded without guessing: a bad escape, text that is not UTF-8 or a
 * parameter twice is a 400 that names it. */
static void
test_query_strings (void)
{
  g_autofree char *token = login ("bob");
  static const struct {
    const char *query;
    guint status;
    const char *field;
  } cases[] = {
    /* libsoup refuses this one itself, before the server sees it. */
    { "clients?q=Bem%zz", 400, NULL },
    { "clients?q=%ff", 400, "q" },
    { "clients?page=1&page=2", 400, "page" },
    { "clients?q=Bemel+mans&sort=family_name", 200, NULL },
    { "clients?q=Bemelmans&&per_page=5&", 200, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Raw) raw = http (NULL, "GET", cases[i].query, token, NULL, NULL, NULL);

      g_test_message ("%s -> %u", cases[i].query, raw->status);
      g_assert_cmpuint (raw->status, ==, cases[i].status);
      if (cases[i].field != NULL)
        g_assert_cmpstr (problem_field (raw), ==, cases[i].field);
    }
}

/* page × per_page was computed in 32 bits: page 4294969 of 1000 wrapped around to the rows
 * of page 1. */
static void
test_paging_overflow (void)
{
  g_autofree char *token = login ("carol");
  g_autoptr(Raw) wrapped = http (NULL, "GET", "clients?page=4294969&per_page=1000", token, NULL, NULL, NULL);
  g_autoptr(Raw) last = http (NULL, "GET", "clients?page=10001&per_page=1000", token, NULL, NULL, NULL);
  g_autoptr(Raw) beyond = http (NULL, "GET", "clients?page=10002&per_page=1000", token, NULL, NULL, NULL);
  g_autoptr(Raw) huge = http (NULL, "GET", "clients?page=99999999999&per_page=1", token, NULL, NULL, NULL);

  g_assert_cmpuint (wrapped->status, ==, 400);
  g_assert_cmpstr (problem_field (wrapped), ==, "page");
  /* Past the rows there are, but not past any sensible end: an empty page. */
  g_assert_cmpuint (last->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (last->json), "items")), ==, 0);
  g_assert_cmpuint (beyond->status, ==, 400);
  g_assert_cmpuint (huge->status, ==, 400);
}

/* Two Content-Length headers that disagree were taken, the last one winning: behind a
 * proxy that takes the first, the rest of the body would be read as the next request. */
static void
test_conflicting_lengths (void)
{
  static const struct {
    const char *request;
    const char *field;
  } cases[] = {
    { "POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
      "Content-Length: 2\r\nContent-Length: 204\r\n\r\n{}", "Content-Length" },
    { "POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
      "Content-Length: 2, 2\r\n\r\n{}", NULL },
    { "POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
      "Content-Length: +2\r\n\r\n{}", "Content-Length" },
    { "POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
      "Content-Length: 7\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n", "Transfer-Encoding" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      /* Without Connection: close: the server closes it itself. */
      g_autoptr(Raw) raw = raw_exchange (NULL, cases[i].request, strlen (cases[i].request), NULL, NULL);

      g_test_message ("%s", cases[i].request);
      g_assert_cmpuint (raw->status, ==, 400);
      /* A length that is not a number at all libsoup refuses itself, without a problem. */
      if (cases[i].field != NULL)
        g_assert_cmpstr (problem_field (raw), ==, cases[i].field);
      g_assert_true (raw->closed);
    }

  /* One plain length keeps the connection open for the next request: not closed within
   * three seconds (a wait of its own, as short as it may be, since it is always waited out). */
  {
    const char *good = "POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                       "Content-Length: 2\r\n\r\n{}";
    g_autoptr(Raw) raw = NULL;

    close_wait = 3;
    raw = raw_exchange (NULL, good, strlen (good), NULL, NULL);
    close_wait = 60;

    g_assert_cmpuint (raw->status, ==, 400);
    g_assert_false (raw->closed);
  }
}

typedef struct {
  gsize total;
  gboolean chunked;
} Flood;

/* Sends @flood->total bytes of body until the server stops taking them. */
static gboolean
send_flood (GSocket  *socket,
            gsize    *sent,
            gpointer  user_data)
{
  Flood *flood = user_data;
  g_autofree char *block = g_malloc0 (65536);
  g_autofree char *chunk_head = g_strdup_printf ("%x\r\n", 65536);
  gsize body = 0;

  while (body < flood->total)
    {
      g_autoptr(GError) error = NULL;
      GOutputVector vectors[3] = {
        { chunk_head, strlen (chunk_head) },
        { block, 65536 },
        { "\r\n", 2 },
      };
      gssize n;

      if (flood->chunked)
        n = g_socket_send_message (socket, NULL, vectors, 3, NULL, 0, 0, NULL, &error);
      else
        n = g_socket_send (socket, block, 65536, NULL, &error);
      if (n < 0)
        return FALSE;
      *sent += n;
      body += 65536;
    }
  if (flood->chunked)
    g_socket_send (socket, "0\r\n\r\n", 5, NULL, NULL);
  return TRUE;
}

/* A 64 MiB body before anyone signed in: it was read whole (45 → 169 MiB of memory) and
 * only then refused. Now reading stops at 1 MiB with a 413, and the connection closes. */
static void
test_large_bodies_are_not_read (void)
{
  static const struct {
    gboolean chunked;
    const char *head;
  } cases[] = {
    { TRUE, "POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            "Transfer-Encoding: chunked\r\n\r\n" },
    { FALSE, "POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
             "Content-Length: 67108864\r\n\r\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Flood flood = { 64 * 1024 * 1024, cases[i].chunked };
      gsize before = server_rss_kib ();
      g_autoptr(Raw) raw = raw_exchange (NULL, cases[i].head, strlen (cases[i].head), send_flood, &flood);
      gsize after = server_rss_kib ();

      g_test_message ("%s: %" G_GSIZE_FORMAT " bytes sent, server memory %" G_GSIZE_FORMAT " -> %" G_GSIZE_FORMAT " KiB",
                      cases[i].chunked ? "chunked" : "Content-Length", raw->sent, before, after);
      g_assert_cmpuint (raw->status, ==, 413);
      g_assert_true (raw->closed);
      /* What the kernel's buffers took before the server closed, not the whole body. */
      g_assert_cmpuint (raw->sent, <, 24 * 1024 * 1024);
      g_assert_cmpuint (after, <, before + 24 * 1024);
    }
  assert_server_alive ();
}

/* 50 wrong passwords in 4 seconds were all answered, and then the right one worked. */
static void
test_throttle_per_user (void)
{
  g_autoptr(Raw) waits = NULL;
  g_autoptr(Raw) other_desk = NULL;
  g_autoptr(Raw) again = NULL;
  g_autoptr(Raw) audit = NULL;
  g_autofree char *admin = NULL;
  JsonArray *rows;
  gboolean found = FALSE;

  /* Five are free, the sixth makes the next one wait. */
  for (guint i = 0; i < 6; i++)
    {
      g_autoptr(Raw) wrong = sign_in_from ("127.0.0.2", "dave", "wrong password");

      g_assert_cmpuint (wrong->status, ==, 401);
    }
  waits = sign_in_from ("127.0.0.2", "dave", PASSWORD);
  g_assert_cmpuint (waits->status, ==, 429);
  g_assert_nonnull (header (waits, "Retry-After"));
  g_assert_cmpuint (g_ascii_strtoull (header (waits, "Retry-After"), NULL, 10), >=, 1);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (json_node_get_object (waits->json), "type"),
                                   "urn:werkbrug:problem:429"));

  /* Dave at his own desk, an address without failures, is not locked out. */
  other_desk = sign_in_from ("127.0.0.3", "dave", PASSWORD);
  g_assert_cmpuint (other_desk->status, ==, 201);
  /* And his right password started him afresh. */
  again = sign_in_from ("127.0.0.2", "dave", PASSWORD);
  g_assert_cmpuint (again->status, ==, 201);

  /* The audit log says who was slowed down. */
  admin = login ("admin");
  audit = http (NULL, "GET", "audit?action=login_throttled", admin, NULL, NULL, NULL);
  g_assert_cmpuint (audit->status, ==, 200);
  rows = json_object_get_array_member (json_node_get_object (audit->json), "items");
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      const char *reason = json_object_get_string_member_with_default (row, "reason", "");

      if (strstr (reason, "dave") != NULL && strstr (reason, "127.0.0.2") != NULL)
        found = TRUE;
    }
  g_assert_true (found);
}

static void
test_throttle_per_address (void)
{
  g_autoptr(Raw) waits = NULL;
  g_autoptr(Raw) elsewhere = NULL;

  /* Guessing at many usernames from one address: ten are free. */
  for (guint i = 0; i < 11; i++)
    {
      g_autofree char *name = g_strdup_printf ("nobody%u", i);
      g_autoptr(Raw) wrong = sign_in_from ("127.0.0.4", name, "wrong password");

      g_assert_cmpuint (wrong->status, ==, 401);
    }
  waits = sign_in_from ("127.0.0.4", "erin", PASSWORD);
  g_assert_cmpuint (waits->status, ==, 429);
  g_assert_nonnull (header (waits, "Retry-After"));
  g_assert_nonnull (strstr (waits->body, "your address"));
  elsewhere = sign_in_from ("127.0.0.5", "erin", PASSWORD);
  g_assert_cmpuint (elsewhere->status, ==, 201);
}

/* DELETE /session ends the token it is sent with; DELETE /sessions every one of the user. */
static void
test_logout (void)
{
  g_autofree char *first = login ("frank");
  g_autofree char *second = login ("frank");
  g_autofree char *third = NULL;
  g_autofree char *other = login ("gina");
  g_autoptr(Raw) one = json_call ("DELETE", "session", first, NULL);
  g_autoptr(Raw) first_after = json_call ("GET", "me", first, NULL);
  g_autoptr(Raw) second_after = json_call ("GET", "me", second, NULL);
  g_autoptr(Raw) all = NULL;
  g_autoptr(Raw) second_gone = NULL;
  g_autoptr(Raw) third_gone = NULL;
  g_autoptr(Raw) other_stays = NULL;

  g_assert_cmpuint (one->status, ==, 204);
  g_assert_cmpuint (first_after->status, ==, 401);
  g_assert_cmpuint (second_after->status, ==, 200);

  third = login ("frank");
  all = json_call ("DELETE", "sessions", second, NULL);
  g_assert_cmpuint (all->status, ==, 204);
  second_gone = json_call ("GET", "me", second, NULL);
  third_gone = json_call ("GET", "me", third, NULL);
  other_stays = json_call ("GET", "me", other, NULL);
  g_assert_cmpuint (second_gone->status, ==, 401);
  g_assert_cmpuint (third_gone->status, ==, 401);
  g_assert_cmpuint (other_stays->status, ==, 200);
}

/* An encoded slash made one segment two: /users%2F1 answered user 1. */
static void
test_path_segments (void)
{
  g_autofree char *token = login ("carol");
  g_autoptr(Raw) slash = http (NULL, "GET", "users%2F1", token, NULL, NULL, NULL);
  g_autoptr(Raw) space = http (NULL, "GET", "match-weights/Zuid-Limburg", token, NULL, NULL, NULL);

  g_assert_cmpuint (slash->status, ==, 400);
  g_assert_cmpstr (problem_field (slash), ==, "path");
  g_assert_cmpuint (space->status, ==, 200);
}

/* A body that is not JSON by its Content-Type was read as JSON all the same. */
static void
test_content_type (void)
{
  g_autofree char *token = login ("carol");
  g_autofree char *path = g_strdup_printf ("clients/" ID, fx.client);
  g_autofree char *if_match = client_if_match (token);
  g_autoptr(Raw) text = http (NULL, "PATCH", path, token, "text/plain", "{\"city\":\"Heerlen\"}", if_match);
  g_autoptr(Raw) none = http (NULL, "PATCH", path, token, NULL, "{\"city\":\"Heerlen\"}", if_match);
  g_autoptr(Raw) latin = http (NULL, "PATCH", path, token, "application/json; charset=iso-8859-1",
                               "{\"city\":\"Heerlen\"}", if_match);
  g_autoptr(Raw) merge = http (NULL, "PATCH", path, token, "application/merge-patch+json; charset=utf-8",
                               "{\"city\":\"Heerlen\"}", if_match);
  g_autoptr(Raw) json = sign_in_from (NULL, "carol", PASSWORD);

  g_assert_cmpuint (text->status, ==, 415);
  g_assert_cmpuint (none->status, ==, 415);
  g_assert_cmpuint (latin->status, ==, 415);
  g_assert_cmpuint (merge->status, ==, 200);
  g_assert_cmpuint (json->status, ==, 201);
}

/* id and version in a PATCH were dropped without a word. */
static void
test_server_fields (void)
{
  g_autofree char *token = login ("carol");
  g_autofree char *path = g_strdup_printf ("clients/" ID, fx.client);
  g_autoptr(Raw) current = http (NULL, "GET", path, token, NULL, NULL, "X-Werkbrug-Reason: test\r\n");
  g_autofree char *etag = g_strdup_printf ("If-Match: %s\r\n", header (current, "ETag"));
  static const char * const bodies[] = { "{\"version\":99}", "{\"id\":5,\"city\":\"Kerkrade\"}", "{\"created_at\":\"2020-01-01\"}" };
  static const char * const fields[] = { "version", "id", "created_at" };
  g_autoptr(Raw) after = NULL;

  g_assert_cmpuint (current->status, ==, 200);
  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(Raw) raw = http (NULL, "PATCH", path, token, "application/json", bodies[i], etag);

      g_assert_cmpuint (raw->status, ==, 400);
      g_assert_cmpstr (problem_field (raw), ==, fields[i]);
    }
  after = http (NULL, "GET", path, token, NULL, NULL, "X-Werkbrug-Reason: test\r\n");
  g_assert_cmpstr (header (after, "ETag"), ==, header (current, "ETag"));
}

/* HTTPS: a request over TLS, and a shutdown that ends cleanly (also under the sanitizers). */
static gboolean
on_accept_certificate_cb (SoupMessage          *msg,
                          GTlsCertificate      *certificate,
                          GTlsCertificateFlags  errors,
                          gpointer              user_data)
{
  /* The test's own self-signed certificate. */
  *(gboolean *) user_data = TRUE;
  return TRUE;
}

static void
test_tls_serve_and_stop (void)
{
  g_autofree char *certificate = g_build_filename (g_getenv ("WB_SOURCE_DIR"), "tests", "data", "tls-test.crt", NULL);
  g_autofree char *key = g_build_filename (g_getenv ("WB_SOURCE_DIR"), "tests", "data", "tls-test.key", NULL);
  WbTestServer *server = wb_test_server_start_tls (fx.db, certificate, key);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (server->url, "api/v1/session", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GBytes) body = g_bytes_new_static ("{\"username\":\"carol\",\"password\":\"" PASSWORD "\"}",
                                              strlen ("{\"username\":\"carol\",\"password\":\"" PASSWORD "\"}"));
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;
  gboolean asked = FALSE;
  int status;

  g_assert_true (g_str_has_prefix (server->url, "https://127.0.0.1:"));
  g_signal_connect (msg, "accept-certificate", G_CALLBACK (on_accept_certificate_cb), &asked);
  soup_message_set_request_body_from_bytes (msg, "application/json", body);
  reply = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (asked);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 201);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply), "\"token\""));

  /* A body over the limit is refused over TLS as well, and the client reads the 413. */
  {
    gsize size = 2 * 1024 * 1024;
    g_autoptr(SoupMessage) large = soup_message_new ("POST", url);
    g_autoptr(GBytes) padding = g_bytes_new_take (g_malloc0 (size), size);
    g_autoptr(GBytes) refused = NULL;

    g_signal_connect (large, "accept-certificate", G_CALLBACK (on_accept_certificate_cb), &asked);
    soup_message_set_request_body_from_bytes (large, "application/json", padding);
    refused = soup_session_send_and_read (session, large, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (soup_message_get_status (large), ==, 413);
  }

  /* The connection is still open when the server is told to stop. */
  status = wb_test_server_stop_status (server);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);
}

int
main (int    argc,
      char **argv)
{
  int result;

  g_test_init (&argc, &argv, NULL);
  create_fixture ();

  g_test_add_func ("/hardening/body/deep-nesting-is-400", test_deep_nesting);
  g_test_add_func ("/hardening/body/nul-and-controls-are-400-naming-the-field", test_nul_and_control_characters);
  g_test_add_func ("/hardening/query/decoded-without-guessing", test_query_strings);
  g_test_add_func ("/hardening/paging/overflow-is-400", test_paging_overflow);
  g_test_add_func ("/hardening/framing/conflicting-lengths-400-and-close", test_conflicting_lengths);
  g_test_add_func ("/hardening/body/large-bodies-are-not-read", test_large_bodies_are_not_read);
  g_test_add_func ("/hardening/session/throttle-per-user", test_throttle_per_user);
  g_test_add_func ("/hardening/session/throttle-per-address", test_throttle_per_address);
  g_test_add_func ("/hardening/session/logout-one-or-everywhere", test_logout);
  g_test_add_func ("/hardening/path/encoded-slash-is-400", test_path_segments);
  g_test_add_func ("/hardening/body/content-type-is-415", test_content_type);
  g_test_add_func ("/hardening/write/server-fields-are-400", test_server_fields);
  g_test_add_func ("/hardening/tls/serve-and-stop", test_tls_serve_and_stop);

  result = g_test_run ();

  wb_test_server_stop (fx.server);
  wb_test_remove_dir (fx.dir);
  g_free (fx.db);
  g_free (fx.dir);
  return result;
}
