/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "test-deploy"

#include "config.h"

#include <fcntl.h>
#include <poll.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <pty.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "wb-password.h"
#include "wb-store-files.h"
#include "wb-test-cli.h"
#include "wb-test-server.h"
#include "wb-test-store.h"
#include "wb-test-util.h"

/* Running werkbrug-server for a region, as its IT department does: init, the configuration
 * file, a database others can read refused, the access log, a clean stop, backups with
 * rotation and restore, and an upgrade from the previous schema. Every test runs the real
 * program. */

#define PASSWORD "een-lang-wachtwoord"

static void
write_file (const char *path,
            const char *contents)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, contents, -1, &error));
  g_assert_no_error (error);
}

/* A new region's database at @db with the admin "admin" and PASSWORD. */
static void
init_region (const char *db)
{
  g_auto(WbTestRun) run = { 0 };

  wb_test_run (&run, PASSWORD "\n", "init", "--db", db, NULL);
  g_assert_cmpint (run.status, ==, 0);
}

/* A request to a running server; the answer's body, its status in @status. */
static char *
http (const char  *base,
      const char  *method,
      const char  *path,
      const char  *body,
      const char  *token,
      guint       *status)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (base, path[0] == '/' ? path + 1 : path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (msg);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  if (token != NULL)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
    }
  answer = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  *status = soup_message_get_status (msg);
  return g_strndup (g_bytes_get_data (answer, NULL), g_bytes_get_size (answer));
}

/* Signs in; the session's token, and its expiry in seconds from now in @lifetime. */
static char *
sign_in (const char *base,
         const char *username,
         gint64     *lifetime)
{
  g_autofree char *body = g_strdup_printf ("{\"username\":\"%s\",\"password\":\"%s\"}", username, PASSWORD);
  g_autofree char *answer = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GDateTime) expires = NULL;
  JsonObject *object;
  guint status;

  answer = http (base, "POST", "/api/v1/session", body, NULL, &status);
  g_assert_cmpuint (status, ==, 201);
  node = json_from_string (answer, NULL);
  object = json_node_get_object (node);
  if (lifetime != NULL)
    {
      expires = g_date_time_new_from_iso8601 (json_object_get_string_member (object, "expires_at"), NULL);
      *lifetime = g_date_time_to_unix (expires) - g_get_real_time () / G_USEC_PER_SEC;
    }
  return g_strdup (json_object_get_string_member (object, "token"));
}

/* init: a new database, private, with the built-in region, the starter taxonomy and the
 * first admin; never over an existing one; no database when the password is too short. */
static void
test_init (void)
{
  g_autofree char *dir = wb_test_make_dir ();
  g_autofree char *folder = g_build_filename (dir, "state", NULL);
  g_autofree char *db = g_build_filename (folder, "werkbrug.db", NULL);
  g_autofree char *other = g_build_filename (dir, "other.db", NULL);
  g_autoptr(WbStore) store = NULL;
  g_autoptr(WbStoreUser) admin = NULL;
  g_autoptr(GError) error = NULL;

  {
    g_auto(WbTestRun) run = { 0 };

    wb_test_run (&run, "kort\n", "init", "--db", other, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "at least 10 characters"));
    g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));
  }
  {
    g_auto(WbTestRun) run = { 0 };

    wb_test_run (&run, PASSWORD "\n", "init", "--db", db, "--admin-name", "Beheerder Regio", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "with 16 organisations and 16 municipalities"));
    g_assert_nonnull (strstr (run.out, "Added the admin admin of wsp-zuid-limburg"));
  }
  g_assert_cmphex (wb_test_file_mode (folder), ==, 0700);
  g_assert_cmphex (wb_test_file_mode (db), ==, 0600);

  store = wb_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wb_store_count (store, "organisations"), ==, 16);
  g_assert_cmpint (wb_store_count (store, "municipalities"), ==, 16);
  g_assert_cmpint (wb_store_count (store, "competences"), >, 50);
  g_assert_cmpint (wb_store_count (store, "users"), ==, 1);
  g_assert_cmpint (wb_store_count (store, "clients"), ==, 0);
  admin = wb_store_find_user (store, "admin", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (admin->role, ==, "admin");
  g_assert_cmpstr (admin->display_name, ==, "Beheerder Regio");
  g_assert_cmpint (admin->organisation_id, ==, wb_store_find_organisation (store, "wsp-zuid-limburg", NULL));
  g_assert_true (wb_password_verify (admin->password_hash, PASSWORD));
  g_clear_object (&store);

  /* A second init leaves the database alone. */
  {
    g_auto(WbTestRun) run = { 0 };

    wb_test_run (&run, "nog-een-wachtwoord\n", "init", "--db", db, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "exists already"));
  }
  store = wb_store_open (db, &error);
  g_assert_cmpint (wb_store_count (store, "users"), ==, 1);
  g_clear_object (&store);

  wb_test_remove_dir (dir);
}

/* init with the region's own list of organisations; a wrong file creates nothing. */
static void
test_init_organisations_file (void)
{
  g_autofree char *dir = wb_test_make_dir ();
  g_autofree char *db = g_build_filename (dir, "werkbrug.db", NULL);
  g_autofree char *csv = g_build_filename (dir, "organisaties.csv", NULL);
  g_autoptr(WbStore) store = NULL;
  g_autoptr(WbStoreUser) admin = NULL;
  g_autoptr(GError) error = NULL;

  write_file (csv, "code;name;kind;region;serves;owns_clients\n"
                   "isd-noord;ISD Noord;social_service;Parkstad;Heerlen|Brunssum;ja\n"
                   "wsp-zuid;WSP Zuid;wsp;Zuid-Limburg;;nee\n"
                   "bank;De Bank;bank;Parkstad;;nee\n");
  {
    g_auto(WbTestRun) run = { 0 };

    wb_test_run (&run, PASSWORD "\n", "init", "--db", db, "--organisations", csv, "--admin-org", "wsp-zuid", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "line 4: kind"));
    g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
  }

  write_file (csv, "code;name;kind;region;serves;owns_clients\n"
                   "isd-noord;ISD Noord;social_service;Parkstad;Heerlen|Brunssum;ja\n"
                   "wsp-zuid;WSP Zuid;wsp;Zuid-Limburg;;nee\n");
  {
    g_auto(WbTestRun) run = { 0 };

    /* The admin's organisation must be named, and be in the file. */
    wb_test_run (&run, PASSWORD "\n", "init", "--db", db, "--organisations", csv, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "--admin-org"));
  }
  {
    g_auto(WbTestRun) run = { 0 };

    wb_test_run (&run, PASSWORD "\n", "init", "--db", db, "--organisations", csv,
                 "--admin-org", "wsp-zuid", "--admin-username", "beheer", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "with 2 organisations"));
  }

  store = wb_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wb_store_count (store, "organisations"), ==, 2);
  /* ISD Noord serves two municipalities; WSP Zuid, of all South Limburg, sixteen. */
  g_assert_cmpint (wb_store_count (store, "organisation_municipalities"), ==, 18);
  admin = wb_store_find_user (store, "beheer", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (admin->organisation_id, ==, wb_store_find_organisation (store, "wsp-zuid", NULL));
  g_clear_object (&store);

  wb_test_remove_dir (dir);
}

/* Reads from the terminal's side until @expected appears; all that came. */
static char *
read_until (int         master,
            const char *expected)
{
  GString *seen = g_string_new (NULL);
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (strstr (seen->str, expected) == NULL)
    {
      struct pollfd ready = { .fd = master, .events = POLLIN };
      char buffer[256];
      ssize_t n;

      if (g_get_monotonic_time () >= deadline)
        g_error ("“%s” did not come; the terminal showed: %s", expected, seen->str);
      if (poll (&ready, 1, 100) <= 0)
        continue;
      n = read (master, buffer, sizeof buffer);
      if (n <= 0)
        break;
      g_string_append_len (seen, buffer, n);
    }
  return g_string_free (seen, FALSE);
}

/* On a terminal init asks for the password twice and does not show it. */
static void
test_init_terminal (void)
{
  g_autofree char *dir = wb_test_make_dir ();
  g_autofree char *db = g_build_filename (dir, "werkbrug.db", NULL);
  const char *binary = g_getenv ("WB_SERVER");
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbStore) store = NULL;
  g_autoptr(WbStoreUser) admin = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *rest = NULL;
  int master, slave;

  g_assert_cmpint (openpty (&master, &slave, NULL, NULL, NULL), ==, 0);
  g_subprocess_launcher_take_stdin_fd (launcher, slave);
  g_subprocess_launcher_take_stdout_fd (launcher, dup (slave));
  g_subprocess_launcher_take_stderr_fd (launcher, dup (slave));
  process = g_subprocess_launcher_spawn (launcher, &error, binary, "init", "--db", db, NULL);
  g_assert_no_error (error);

  first = read_until (master, "New password for admin: ");
  g_assert_cmpint (write (master, PASSWORD "\n", strlen (PASSWORD) + 1), ==, (gssize) strlen (PASSWORD) + 1);
  second = read_until (master, "The same password again: ");
  g_assert_cmpint (write (master, PASSWORD "\n", strlen (PASSWORD) + 1), ==, (gssize) strlen (PASSWORD) + 1);
  rest = read_until (master, "Added the admin");
  g_assert_true (g_subprocess_wait_check (process, NULL, &error));
  g_assert_no_error (error);
  close (master);

  /* Nothing typed came back on the screen. */
  g_assert_null (strstr (second, PASSWORD));
  g_assert_null (strstr (rest, PASSWORD));

  store = wb_store_open (db, &error);
  g_assert_no_error (error);
  admin = wb_store_find_user (store, "admin", 0, &error);
  g_assert_true (wb_password_verify (admin->password_hash, PASSWORD));
  g_clear_object (&store);
  wb_test_remove_dir (dir);
}

/* A wrong configuration file is refused, naming the file, the group and the key. */
static void
test_config_errors (void)
{
  static const struct {
    const char *contents;
    const char *message;
  } cases[] = {
    { "[server]\nlisen=127.0.0.1:8080\n", "unknown key lisen in [server]" },
    { "[logging]\nlevel=debug\n", "unknown group [logging]" },
    { "[server]\nsession-lifetime=12x\n", "[server] session-lifetime: 12x is not a duration" },
    { "[server]\nsession-lifetime=0\n", "[server] session-lifetime: 0 is not a duration" },
    { "[server]\ndatabase=werkbrug.db\n", "[server] database: werkbrug.db is not an absolute path" },
    { "[server]\nlisten=127.0.0.1:8080;nonsense\n", "[server] listen: nonsense is not an address and port" },
    { "[server]\naccess-log=syslog\n", "[server] access-log: syslog is not none, stderr or an absolute path" },
    { "[server]\nallow-readable-database=perhaps\n", "[server] allow-readable-database: perhaps is not true or false" },
    { "[backup]\nkeep=0\n", "[backup] keep: 0 is not a number from 1" },
    { "[backup]\nkeep=many\n", "[backup] keep: many is not a number" },
    { "[signin]\nuser-failures=0\n", "[signin] user-failures: 0 is not a number from 1" },
    { "[signin]\nfirst-delay=2x\n", "[signin] first-delay: 2x is not a duration from 1s to 1d" },
    { "[signin]\nmax-delay=2d\n", "[signin] max-delay: 2d is not a duration from 1s to 1d" },
    { "[signin]\nfirst-delay=10m\nmax-delay=5m\n", "[signin] max-delay: 300 seconds is shorter than first-delay" },
    { "[signin]\nlockout=1h\n", "unknown key lockout in [signin]" },
    { "listen 127.0.0.1:8080\n", "" },
  };
  g_autofree char *dir = wb_test_make_dir ();
  g_autofree char *conf = g_build_filename (dir, "server.conf", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(WbTestRun) run = { 0 };

      write_file (conf, cases[i].contents);
      wb_test_run (&run, NULL, "serve", "--config", conf, NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_true (g_str_has_prefix (run.err, "werkbrug-server: "));
      g_assert_nonnull (strstr (run.err, conf));
      g_assert_nonnull (strstr (run.err, cases[i].message));
    }

  /* The other commands read the same file. */
  {
    g_auto(WbTestRun) run = { 0 };

    write_file (conf, "[backup]\nkeep=0\n");
    wb_test_run (&run, NULL, "backup", "--config", conf, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "[backup] keep"));
  }

  wb_test_remove_dir (dir);
}

/* The example configuration that is installed is one the commands take. */
static void
test_config_example (void)
{
  g_autofree char *example = g_build_filename (g_getenv ("WB_SOURCE_DIR"), "data", "server.conf.example", NULL);
  g_autofree char *dir = wb_test_make_dir ();
  g_autofree char *db = g_build_filename (dir, "werkbrug.db", NULL);
  g_autofree char *backups = g_build_filename (dir, "backups", NULL);
  g_auto(WbTestRun) run = { 0 };

  init_region (db);
  wb_test_run (&run, NULL, "backup", "--config", example, "--db", db, "--dir", backups, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, backups));

  wb_test_remove_dir (dir);
}

/* The file sets the database, the addresses, the session lifetime and the access log; an
 * option overrides it. */
static void
test_config_serves (void)
{
  g_autofree char *dir = wb_test_make_dir ();
  g_autofree char *db = g_build_filename (dir, "werkbrug.db", NULL);
  g_autofree char *conf = g_build_filename (dir, "server.conf", NULL);
  g_autofree char *log = g_build_filename (dir, "access.log", NULL);
  g_autofree char *contents = NULL;
  gint64 lifetime;

  init_region (db);
  contents = g_strdup_printf ("# Werkbrug for the test\n"
                              "[server]\n"
                              "database = %s\n"
                              "listen = 127.0.0.1:0\n"
                              "session-lifetime = 90m\n"
                              "access-log = %s\n"
                              "\n[backup]\nkeep = 3\n", db, log);
  write_file (conf, contents);

  {
    const char * const args[] = { "--config", conf, NULL };
    WbTestServer *server = wb_test_server_start_argv (args, FALSE);
    g_autofree char *token = sign_in (server->url, "admin", &lifetime);

    g_assert_cmpint (lifetime, >, 90 * 60 - 60);
    g_assert_cmpint (lifetime, <=, 90 * 60);
    wb_test_server_stop (server);
  }
  g_assert_true (g_file_test (log, G_FILE_TEST_EXISTS));
  g_assert_cmphex (wb_test_file_mode (log), ==, 0600);

  {
    const char * const args[] = { "--config", conf, "--session-lifetime", "2h", NULL };
    WbTestServer *server = wb_test_server_start_argv (args, FALSE);
    g_autofree char *token = sign_in (server->url, "admin", &lifetime);

    g_assert_cmpint (lifetime, >, 2 * 60 * 60 - 60);
    g_assert_cmpint (lifetime, <=, 2 * 60 * 60);
    wb_test_server_stop (server);
  }

  wb_test_remove_dir (dir);
}

/* The back-off of failed sign-ins is the region's: [signin] sets after how many failures
 * it starts and how long the first wait is. */
static void
test_config_signin (void)
{
  g_autofree char *dir = wb_test_make_dir ();
  g_autofree char *db = g_build_filename (dir, "werkbrug.db", NULL);
  g_autofree char *conf = g_build_filename (dir, "server.conf", NULL);
  g_autofree char *contents = NULL;
  const char *wrong = "{\"username\":\"admin\",\"password\":\"not the password\"}";

  init_region (db);
  contents = g_strdup_printf ("[server]\ndatabase = %s\nlisten = 127.0.0.1:0\n"
                              "\n[signin]\nuser-failures = 2\naddress-failures = 50\n"
                              "first-delay = 40s\nmax-delay = 2m\nforget-after = 1h\nremembered = 100\n", db);
  write_file (conf, contents);

  {
    const char * const args[] = { "--config", conf, NULL };
    WbTestServer *server = wb_test_server_start_argv (args, FALSE);
    g_autofree char *answer = NULL;
    guint status = 0;

    /* Two failures are free, the third starts the wait: the next sign-in waits the first
     * delay, also with the right password. The defaults would let it in. */
    for (guint i = 0; i < 3; i++)
      {
        g_autofree char *text = http (server->url, "POST", "/api/v1/session", wrong, NULL, &status);

        g_assert_cmpuint (status, ==, 401);
      }
    answer = http (server->url, "POST", "/api/v1/session",
                   "{\"username\":\"admin\",\"password\":\"" PASSWORD "\"}", NULL, &status);
    g_assert_cmpuint (status, ==, 429);
    g_assert_nonnull (strstr (answer, "Try again in 40 seconds"));
    wb_test_server_stop (server);
  }

  wb_test_remove_dir (dir);
}

/* A database that others can read is not served unless the administrator says so. */
static void
test_readable_database_refused (void)
{
  g_autofree char *dir = wb_test_make_dir ();
  g_autofree char *db = g_build_filename (dir, "werkbrug.db", NULL);
  g_autofree char *expected = NULL;

  init_region (db);
  g_assert_cmpint (g_chmod (db, 0644), ==, 0);
  {
    g_auto(WbTestRun) run = { 0 };

    wb_test_run (&run, NULL, "serve", "--db", db, "--listen", "127.0.0.1:0", NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.out, ==, "");
    expected = g_strdup_printf ("chmod 600 %s", db);
    g_assert_nonnull (strstr (run.err, expected));
    g_assert_nonnull (strstr (run.err, "allow-readable-database"));
  }
  {
    const char * const args[] = { "--db", db, "--listen", "127.0.0.1:0", "--allow-readable-database", NULL };
    WbTestServer *server = wb_test_server_start_argv (args, FALSE);

    wb_test_server_stop (server);
  }

  g_assert_cmpint (g_chmod (db, 0600), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  {
    g_auto(WbTestRun) run = { 0 };

    wb_test_run (&run, NULL, "serve", "--db", db, "--listen", "127.0.0.1:0", NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "chmod 700"));
  }

  wb_test_remove_dir (dir);
}

/* The access log has a line per request with the user, method, path, status, size and
 * duration, and nothing of a search, a name in a path or a password. */
static void
test_access_log (void)
{
  g_autofree char *dir = wb_test_make_dir ();
  g_autofree char *db = g_build_filename (dir, "werkbrug.db", NULL);
  g_autofree char *log = g_build_filename (dir, "access.log", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *token = NULL;
  g_autofree char *me = NULL;
  g_autofree char *user_field = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(WbStore) store = NULL;
  g_autoptr(WbStoreUser) admin = NULL;
  const char * const args[] = { "--db", db, "--listen", "127.0.0.1:0", "--access-log", log, NULL };
  WbTestServer *server;
  guint status;

  init_region (db);
  store = wb_store_open (db, NULL);
  admin = wb_store_find_user (store, "admin", 0, NULL);
  g_clear_object (&store);

  server = wb_test_server_start_argv (args, FALSE);
  token = sign_in (server->url, "admin", NULL);
  g_free (http (server->url, "GET", "/api/v1/clients?q=Jansen%20de%20Vries&sort=family_name", NULL, token, &status));
  g_assert_cmpuint (status, ==, 200);
  g_free (http (server->url, "GET", "/api/v1/clients/Pietersen", NULL, token, &status));
  g_assert_cmpuint (status, ==, 404);
  me = http (server->url, "GET", "/api/v1/me", NULL, token, &status);
  g_assert_cmpuint (status, ==, 200);
  g_free (http (server->url, "GET", "/api/v1/me?email=anna.jansen@example.nl", NULL, "not-a-token", &status));
  g_assert_cmpuint (status, ==, 401);
  wb_test_server_stop (server);

  g_assert_true (g_file_get_contents (log, &contents, NULL, NULL));
  g_test_message ("%s", contents);
  lines = g_strsplit (g_strchomp (contents), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);

  /* Nothing personal: no query string at all, no name, no password, no token. */
  g_assert_null (strchr (contents, '?'));
  g_assert_null (strstr (contents, "q="));
  g_assert_null (strstr (contents, "Jansen"));
  g_assert_null (strstr (contents, "Vries"));
  g_assert_null (strstr (contents, "Pietersen"));
  g_assert_null (strstr (contents, "anna"));
  g_assert_null (strstr (contents, PASSWORD));
  g_assert_null (strstr (contents, token));

  user_field = g_strdup_printf (" user=%" G_GINT64_FORMAT " ", admin->id);
  g_assert_true (g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z user=- "
                                       "method=POST path=/api/v1/session status=201 bytes=[1-9][0-9]* "
                                       "duration_ms=[0-9]+\\.[0-9]$", lines[0], 0, 0));
  g_assert_nonnull (strstr (lines[1], user_field));
  g_assert_nonnull (strstr (lines[1], " method=GET path=/api/v1/clients status=200 "));
  g_assert_nonnull (strstr (lines[2], " method=GET path=/api/v1/clients/* status=404 "));
  g_assert_nonnull (strstr (lines[3], " method=GET path=/api/v1/me status=200 "));
  g_assert_nonnull (strstr (lines[3], user_field));
  g_assert_nonnull (strstr (lines[4], " user=- method=GET path=/api/v1/me status=401 "));
  g_assert_cmphex (wb_test_file_mode (log), ==, 0600);

  wb_test_remove_dir (dir);
}

static char *
read_line (GDataInputStream *input)
{
  g_autoptr(GError) error = NULL;
  char *line = g_data_input_stream_read_line_utf8 (input, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_strchomp (line);
  return line;
}

/* The status line of an HTTP answer, with its headers and body read. */
static char *
read_answer (GDataInputStream *input,
             char            **body)
{
  char *status = read_line (input);
  gsize length = 0;

  for (;;)
    {
      g_autofree char *header = read_line (input);

      if (*header == '\0')
        break;
      if (g_ascii_strncasecmp (header, "Content-Length:", 15) == 0)
        length = g_ascii_strtoull (header + 15, NULL, 10);
    }
  if (body != NULL)
    {
      g_autoptr(GError) error = NULL;
      gsize got = 0;

      *body = g_malloc0 (length + 1);
      g_assert_true (g_input_stream_read_all (G_INPUT_STREAM (input), *body, length, &got, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (got, ==, length);
    }
  return status;
}

static void
send_text (GSocketConnection *connection,
           const char        *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                                            text, strlen (text), NULL, NULL, &error));
  g_assert_no_error (error);
}

/* SIGTERM (from systemd) or SIGINT (Ctrl+C): the request in progress is answered and its
 * write kept, a request that comes after gets 503, and the database is closed cleanly: its
 * WAL is back in the file. */
static void
test_stop_finishes_requests (gconstpointer data)
{
  int signal_number = GPOINTER_TO_INT (data);
  g_autofree char *dir = wb_test_make_dir ();
  g_autofree char *db = g_build_filename (dir, "werkbrug.db", NULL);
  g_autofree char *wal = g_build_filename (dir, "werkbrug.db-wal", NULL);
  g_autofree char *shm = g_build_filename (dir, "werkbrug.db-shm", NULL);
  g_autofree char *body = g_strdup_printf ("{\"username\":\"admin\",\"password\":\"%s\"}", PASSWORD);
  g_autofree char *headers = NULL;
  g_autofree char *line = NULL;
  g_autofree char *status_a = NULL;
  g_autofree char *status_b = NULL;
  g_autofree char *answer_a = NULL;
  g_autofree char *answer_b = NULL;
  g_autofree char *stopped = NULL;
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) a = NULL;
  g_autoptr(GSocketConnection) b = NULL;
  g_autoptr(GDataInputStream) in_a = NULL;
  g_autoptr(GDataInputStream) in_b = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbStore) store = NULL;
  const char * const args[] = { "--db", db, "--listen", "127.0.0.1:0", NULL };
  WbTestServer *server;
  int port;

  init_region (db);
  server = wb_test_server_start_argv (args, FALSE);
  uri = g_uri_parse (server->url, G_URI_FLAGS_NONE, &error);
  g_assert_no_error (error);
  port = g_uri_get_port (uri);

  /* A sign-in whose headers the server has taken (it asked for the body), body not sent. */
  a = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, &error);
  g_assert_no_error (error);
  in_a = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (a)));
  headers = g_strdup_printf ("POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n"
                             "Content-Type: application/json\r\nContent-Length: %zu\r\n"
                             "Expect: 100-continue\r\n\r\n", port, strlen (body));
  send_text (a, headers);
  line = read_answer (in_a, NULL);
  g_assert_cmpstr (line, ==, "HTTP/1.1 100 Continue");
  g_clear_pointer (&line, g_free);

  /* A second connection, open before the stop, whose request comes after it. */
  b = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, &error);
  g_assert_no_error (error);
  in_b = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (b)));

  g_subprocess_send_signal (server->process, signal_number);
  line = read_line (server->output);
  g_assert_cmpstr (line, ==, "Stopping: finishing 1 request in progress");

  send_text (b, "GET /api/v1/me HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
  status_b = read_answer (in_b, &answer_b);
  g_assert_cmpstr (status_b, ==, "HTTP/1.1 503 Service Unavailable");
  g_assert_nonnull (strstr (answer_b, "The server is stopping"));

  send_text (a, body);
  status_a = read_answer (in_a, &answer_a);
  g_assert_cmpstr (status_a, ==, "HTTP/1.1 201 Created");
  g_assert_nonnull (strstr (answer_a, "\"token\""));

  g_assert_true (g_subprocess_wait_check (server->process, NULL, &error));
  g_assert_no_error (error);
  stopped = read_line (server->output);
  g_assert_cmpstr (stopped, ==, "Stopped");
  wb_test_server_stop (server);

  /* Closed cleanly: the WAL is back in the database file, and the session the answered
   * sign-in made is in it. */
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  g_assert_true (wb_store_verify_file (db, NULL, &error));
  g_assert_no_error (error);
  store = wb_store_open (db, &error);
  g_assert_cmpint (wb_store_count (store, "sessions"), ==, 1);
  g_clear_object (&store);

  wb_test_remove_dir (dir);
}

static void
add_organisation (const char *db,
                  const char *code)
{
  g_auto(WbTestRun) run = { 0 };

  wb_test_run (&run, NULL, "org", "add", "--db", db, "--code", code, "--name", code,
               "--kind", "wsp", "--region", "Parkstad", NULL);
  g_assert_cmpint (run.status, ==, 0);
}

/* Dated copies with rotation as the timer makes them, then a restore: refused while the
 * server runs, the copy's rows back afterwards, the replaced database kept. */
static void
test_backup_and_restore (void)
{
  g_autofree char *dir = wb_test_make_dir ();
  g_autofree char *db = g_build_filename (dir, "werkbrug.db", NULL);
  g_autofree char *backups = g_build_filename (dir, "backups", NULL);
  g_autofree char *conf = g_build_filename (dir, "server.conf", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(GDir) listing = NULL;
  const char *name;
  guint dated = 0;

  init_region (db);
  add_organisation (db, "voor-de-kopie");

  /* Older copies, as earlier nights left them. */
  g_assert_cmpint (g_mkdir (backups, 0700), ==, 0);
  for (guint i = 1; i <= 3; i++)
    {
      g_autofree char *old_name = g_strdup_printf ("werkbrug-2025010%u-023000.db", i);
      g_autofree char *old = g_build_filename (backups, old_name, NULL);

      write_file (old, "");
    }

  contents = g_strdup_printf ("[server]\ndatabase=%s\n[backup]\ndirectory=%s\nkeep=2\n", db, backups);
  write_file (conf, contents);
  {
    g_auto(WbTestRun) run = { 0 };
    g_autoptr(GMatchInfo) match = NULL;

    wb_test_run (&run, NULL, "backup", "--config", conf, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "Removed 2 older copies; 2 stay"));
    g_assert_true (g_regex_match_simple ("Backed up .* to .*/backups/werkbrug-[0-9]{8}-[0-9]{6}\\.db\n", run.out, 0, 0));
    copy = g_strdup (strstr (run.out, " to ") + 4);
    *strchr (copy, '\n') = '\0';
  }
  listing = g_dir_open (backups, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    dated++;
  g_assert_cmpuint (dated, ==, 2);
  g_assert_cmphex (wb_test_file_mode (copy), ==, 0600);

  add_organisation (db, "na-de-kopie");
  g_assert_cmpint (wb_test_count_rows (db, "organisations"), ==, 18);

  /* Not while the server has the database open. */
  {
    const char * const args[] = { "--db", db, "--listen", "127.0.0.1:0", NULL };
    WbTestServer *server = wb_test_server_start_argv (args, FALSE);
    g_auto(WbTestRun) run = { 0 };

    wb_test_run (&run, NULL, "restore", "--db", db, "--from", copy, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "in use"));
    wb_test_server_stop (server);
  }
  g_assert_cmpint (wb_test_count_rows (db, "organisations"), ==, 18);

  /* A file that is no database is refused before anything changes. */
  {
    g_auto(WbTestRun) run = { 0 };

    wb_test_run (&run, NULL, "restore", "--db", db, "--from", conf, NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "is not a Werkbrug database"));
  }
  {
    g_auto(WbTestRun) run = { 0 };

    wb_test_run (&run, NULL, "restore", "--config", conf, "--from", copy, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "whole, schema"));
    g_assert_nonnull (strstr (run.out, "the database it replaced is kept as "));
    kept = g_strdup (strstr (run.out, "kept as ") + 8);
    *strchr (kept, '\n') = '\0';
  }
  g_assert_cmpint (wb_test_count_rows (db, "organisations"), ==, 17);
  g_assert_cmphex (wb_test_file_mode (db), ==, 0600);
  g_assert_true (g_str_has_prefix (kept, backups));
  g_assert_cmpint (wb_test_count_rows (kept, "organisations"), ==, 18);

  /* The restored database serves. */
  {
    const char * const args[] = { "--db", db, "--listen", "127.0.0.1:0", NULL };
    WbTestServer *server = wb_test_server_start_argv (args, FALSE);
    g_autofree char *token = sign_in (server->url, "admin", NULL);

    wb_test_server_stop (server);
  }

  wb_test_remove_dir (dir);
}

/* A database of the previous schema version: serve copies it aside, migrates it and
 * serves its rows. */
static void
test_upgrade (void)
{
  g_autofree char *dir = wb_test_make_dir ();
  g_autofree char *db = g_build_filename (dir, "werkbrug.db", NULL);
  g_autofree char *backups = g_build_filename (dir, "backups", NULL);
  g_autofree char *hash = wb_password_hash (PASSWORD, NULL);
  g_autofree char *err = NULL;
  g_autofree char *before = NULL;
  g_autofree char *organisations = NULL;
  g_autofree char *token = NULL;
  g_autoptr(GDir) listing = NULL;
  g_autoptr(GError) error = NULL;
  const char * const args[] = { "--db", db, "--listen", "127.0.0.1:0", NULL };
  int latest = wb_store_get_latest_schema_version ();
  int version = 0;
  WbTestServer *server;
  const char *name;
  guint status;

  wb_test_make_previous_schema (db, hash);
  g_assert_cmpint (g_chmod (db, 0600), ==, 0);

  server = wb_test_server_start_argv (args, TRUE);
  token = sign_in (server->url, "beheer", NULL);
  organisations = http (server->url, "GET", "/api/v1/organisations", NULL, token, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (strstr (organisations, "\"wsp-oud\""));
  g_subprocess_send_signal (server->process, SIGTERM);
  g_assert_true (g_subprocess_wait_check (server->process, NULL, &error));
  {
    g_autoptr(GDataInputStream) input = g_data_input_stream_new (g_subprocess_get_stderr_pipe (server->process));
    g_autofree char *expected = g_strdup_printf ("before upgrading it from schema %d to %d", latest - 1, latest);

    err = g_data_input_stream_read_upto (input, "", 0, NULL, NULL, &error);
    g_assert_no_error (error);
    g_test_message ("stderr: %s", err);
    g_assert_nonnull (strstr (err, expected));
  }
  wb_test_server_stop (server);

  g_assert_cmpint (wb_store_peek_schema_version (db, &error), ==, latest);

  /* The database as it was, aside, private, outside the rotation. */
  listing = g_dir_open (backups, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_assert_null (before);
      before = g_build_filename (backups, name, NULL);
    }
  g_assert_nonnull (before);
  g_assert_true (g_regex_match_simple ("/werkbrug-before-schema-[0-9]+-[0-9]{8}-[0-9]{6}\\.db$", before, 0, 0));
  g_assert_true (wb_store_verify_file (before, &version, &error));
  g_assert_cmpint (version, ==, latest - 1);
  g_assert_cmphex (wb_test_file_mode (before), ==, 0600);

  wb_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  /* The servers these tests start speak English. */
  g_setenv ("LANGUAGE", "C", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/deploy/init/built-in-region", test_init);
  g_test_add_func ("/deploy/init/organisations-file", test_init_organisations_file);
  g_test_add_func ("/deploy/init/terminal-without-echo", test_init_terminal);
  g_test_add_func ("/deploy/config/errors-name-the-key", test_config_errors);
  g_test_add_func ("/deploy/config/file-and-overrides", test_config_serves);
  g_test_add_func ("/deploy/config/example-is-valid", test_config_example);
  g_test_add_func ("/deploy/config/signin-throttle", test_config_signin);
  g_test_add_func ("/deploy/serve/readable-database-refused", test_readable_database_refused);
  g_test_add_func ("/deploy/serve/access-log-holds-no-personal-data", test_access_log);
  g_test_add_data_func ("/deploy/serve/sigterm-finishes-requests", GINT_TO_POINTER (SIGTERM),
                        test_stop_finishes_requests);
  g_test_add_data_func ("/deploy/serve/sigint-finishes-requests", GINT_TO_POINTER (SIGINT),
                        test_stop_finishes_requests);
  g_test_add_func ("/deploy/backup-rotation-and-restore", test_backup_and_restore);
  g_test_add_func ("/deploy/upgrade-from-previous-schema", test_upgrade);

  return g_test_run ();
}
