/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-server-cli-serve"

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n-lib.h>
#include <stdio.h>

#include "wb-server-access-log.h"
#include "wb-server-cli-private.h"
#include "wb-server-drain.h"
#include "wb-server.h"
#include "wb-store-files.h"

/* How long a stop waits for the requests in flight; systemd's TimeoutStopSec is longer. */
#define DRAIN_SECONDS 20

static void
replace_string (char       **field,
                const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

typedef struct {
  GMainLoop *loop;
  WbServerDrain *drain;
  gboolean stopping;
  guint deadline;
} Stop;

static gboolean
on_drained_cb (gpointer user_data)
{
  Stop *stop = user_data;

  g_main_loop_quit (stop->loop);
  return G_SOURCE_REMOVE;
}

static gboolean
on_deadline_cb (gpointer user_data)
{
  Stop *stop = user_data;
  guint left = wb_server_drain_get_in_flight (stop->drain);

  g_printerr (g_dngettext (GETTEXT_PACKAGE,
                           "werkbrug-server: stopping without waiting longer for %u request\n",
                           "werkbrug-server: stopping without waiting longer for %u requests\n", left),
              left);
  stop->deadline = 0;
  g_main_loop_quit (stop->loop);
  return G_SOURCE_REMOVE;
}

/* SIGTERM or SIGINT: new requests get 503, those begun are answered, then the loop ends. A
 * second signal ends it at once. */
static gboolean
on_stop_signal_cb (gpointer user_data)
{
  Stop *stop = user_data;
  guint in_flight = wb_server_drain_get_in_flight (stop->drain);

  if (stop->stopping)
    {
      g_main_loop_quit (stop->loop);
      return G_SOURCE_CONTINUE;
    }
  stop->stopping = TRUE;
  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "Stopping: finishing %u request in progress\n",
                        "Stopping: finishing %u requests in progress\n", in_flight),
           in_flight);
  fflush (stdout);
  stop->deadline = g_timeout_add_seconds (DRAIN_SECONDS, on_deadline_cb, stop);
  wb_server_drain_start (stop->drain, on_drained_cb, stop);
  return G_SOURCE_CONTINUE;
}

int
_wb_cli_serve (int    argc,
               char **argv)
{
  g_autofree char *config_path = NULL;
  g_autofree char *db = NULL;
  g_auto(GStrv) listen = NULL;
  g_autofree char *tls_cert = NULL;
  g_autofree char *tls_key = NULL;
  g_autofree char *session_lifetime = NULL;
  g_autofree char *access_log_target = NULL;
  gboolean allow_readable = FALSE;
  g_autoptr(GOptionContext) context = _wb_cli_new_context ("serve", _("— serve the central layer over HTTP"));
  const GOptionEntry entries[] = {
    WB_CLI_CONFIG_OPTION (config_path),
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("The SQLite database, created when missing (default: database in the configuration file)"), N_("PATH") },
    { "listen", 0, 0, G_OPTION_ARG_STRING_ARRAY, &listen, N_("Address and port, e.g. 127.0.0.1:8080 or [::1]:8080; may be repeated"), N_("ADDR:PORT") },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &tls_cert, N_("PEM certificate for HTTPS"), N_("FILE") },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &tls_key, N_("PEM private key for HTTPS"), N_("FILE") },
    { "session-lifetime", 0, 0, G_OPTION_ARG_STRING, &session_lifetime, N_("How long a sign-in lasts, e.g. 12h (the default) or 30m"), N_("DURATION") },
    { "access-log", 0, 0, G_OPTION_ARG_STRING, &access_log_target, N_("Where the access log goes: none (the default), stderr or an absolute path"), N_("TARGET") },
    { "allow-readable-database", 0, 0, G_OPTION_ARG_NONE, &allow_readable, N_("Serve a database that others can read (not recommended)"), NULL },
    { NULL }
  };
  g_autoptr(WbServerConfig) config = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(WbStore) store = NULL;
  g_autoptr(WbServer) server = NULL;
  g_autoptr(WbAccessLog) access_log = NULL;
  g_autoptr(WbServerDrain) drain = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) urls = NULL;
  g_autofree char *summary = NULL;
  Stop stop = { 0 };
  guint sigterm, sigint;
  int status;

  summary = g_strdup_printf (_("Starts werkbrug-server on one or more addresses. Without --config it reads %s "
                               "when that file exists; the options override it. Stop it with Ctrl+C or SIGTERM: "
                               "requests in progress are answered first."),
                             wb_server_config_get_default_path ());
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  if (!_wb_cli_parse_options (context, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return _wb_cli_usage_error (context, _("unexpected arguments"));

  /* The options override the file. */
  config = _wb_cli_load_config (config_path);
  if (config == NULL)
    return WB_CLI_EXIT_USAGE;
  if (db != NULL)
    replace_string (&config->database, db);
  if (listen != NULL)
    {
      for (guint i = 0; listen[i] != NULL; i++)
        {
          g_autofree char *problem = wb_server_check_listen_address (listen[i]);

          if (problem != NULL)
            {
              g_autofree char *message = g_strdup_printf ("--listen %s", problem);

              return _wb_cli_usage_error (context, message);
            }
        }
      g_strfreev (config->listen);
      config->listen = g_steal_pointer (&listen);
    }
  if (tls_cert != NULL || tls_key != NULL)
    {
      if ((tls_cert == NULL) != (tls_key == NULL))
        return _wb_cli_usage_error (context, _("--tls-cert and --tls-key go together"));
      replace_string (&config->tls_certificate, tls_cert);
      replace_string (&config->tls_key, tls_key);
    }
  if (session_lifetime != NULL &&
      (!wb_server_parse_duration (session_lifetime, &config->session_lifetime) || config->session_lifetime < 1))
    {
      g_autofree char *message = g_strdup_printf (_("--session-lifetime %s is not a duration such as 12h or 30m"),
                                                  session_lifetime);

      return _wb_cli_usage_error (context, message);
    }
  if (access_log_target != NULL)
    {
      g_autofree char *problem = wb_server_check_access_log (access_log_target);

      if (problem != NULL)
        {
          g_autofree char *message = g_strdup_printf ("--access-log %s", problem);

          return _wb_cli_usage_error (context, message);
        }
      replace_string (&config->access_log, access_log_target);
    }
  if (allow_readable)
    config->allow_readable_database = TRUE;

  if (config->database == NULL)
    return _wb_cli_usage_error (context, _("--db is required, or database in the configuration file"));
  if (config->listen == NULL)
    return _wb_cli_usage_error (context, _("--listen is required, e.g. --listen 127.0.0.1:8080, or listen in the configuration file"));
  if ((config->tls_certificate == NULL) != (config->tls_key == NULL))
    return _wb_cli_usage_error (NULL, _("tls-certificate and tls-key go together in the configuration file"));

  if (config->tls_certificate != NULL)
    {
      certificate = g_tls_certificate_new_from_files (config->tls_certificate, config->tls_key, &error);
      if (certificate == NULL)
        {
          g_printerr ("werkbrug-server: %s\n", error->message);
          return WB_CLI_EXIT_FAILURE;
        }
    }

  /* The database holds citizen numbers. */
  if (!config->allow_readable_database && !wb_store_check_private (config->database, &error))
    {
      g_printerr (_("werkbrug-server: %s. To serve it all the same, set allow-readable-database=true in "
                    "the configuration file or give --allow-readable-database.\n"), error->message);
      return WB_CLI_EXIT_FAILURE;
    }

  if (g_strcmp0 (config->access_log, "none") != 0)
    {
      access_log = wb_access_log_new (config->access_log, &error);
      if (access_log == NULL)
        {
          g_printerr ("werkbrug-server: %s\n", error->message);
          return WB_CLI_EXIT_FAILURE;
        }
    }

  store = _wb_cli_open_store (config->database, config);
  if (store == NULL)
    return WB_CLI_EXIT_FAILURE;

  server = wb_server_new (store);
  wb_server_set_session_lifetime (server, config->session_lifetime);
  wb_server_set_signin_throttle (server, &config->signin);
  for (guint i = 0; config->listen[i] != NULL; i++)
    if (!wb_server_listen (server, config->listen[i], certificate, &error))
      {
        g_printerr (_("werkbrug-server: cannot listen on %s: %s\n"), config->listen[i], error->message);
        return WB_CLI_EXIT_FAILURE;
      }

  drain = wb_server_drain_new ();
  wb_server_drain_watch (drain, wb_server_get_soup_server (server));
  if (access_log != NULL)
    wb_access_log_attach (access_log, wb_server_get_soup_server (server));

  /* The stop signals are ours before anyone is told where we listen: a SIGTERM sent at once
   * (a test, a quick systemctl restart) still finishes cleanly instead of killing. */
  loop = g_main_loop_new (NULL, FALSE);
  stop.loop = loop;
  stop.drain = drain;
  sigterm = g_unix_signal_add (SIGTERM, on_stop_signal_cb, &stop);
  sigint = g_unix_signal_add (SIGINT, on_stop_signal_cb, &stop);

  urls = wb_server_dup_urls (server);
  for (guint i = 0; urls[i] != NULL; i++)
    g_print (_("Listening on %s\n"), urls[i]);
  fflush (stdout);

  g_main_loop_run (loop);
  g_source_remove (sigterm);
  g_source_remove (sigint);
  g_clear_handle_id (&stop.deadline, g_source_remove);

  /* Connections close with the server; then the WAL goes back into the database file, and
   * closing the last connection removes it. */
  g_clear_object (&server);
  g_clear_object (&access_log);
  if (!wb_store_checkpoint (store, &error))
    {
      g_printerr ("werkbrug-server: %s\n", error->message);
      return WB_CLI_EXIT_FAILURE;
    }
  g_clear_object (&store);
  g_print (_("Stopped\n"));
  return 0;
}
