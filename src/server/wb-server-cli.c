/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-server-cli"

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n-lib.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "wb-demo.h"
#include "wb-import.h"
#include "wb-locale.h"
#include "wb-password.h"
#include "wb-server-cli.h"
#include "wb-server.h"

#define EXIT_USAGE 2

typedef int (*CommandFunc) (int argc, char **argv);

/* GOptionContext writes its usage line as "PRGNAME [OPTION…] PARAMETERS": the program name
 * carries the command, so that the line reads "werkbrug-server user add [OPTION…] — …". */
static GOptionContext *
new_context (const char *command,
             const char *parameter_string)
{
  g_autofree char *prgname = g_strconcat ("werkbrug-server ", command, NULL);

  g_set_prgname (prgname);
  return g_option_context_new (parameter_string);
}

static int
usage_error (GOptionContext *context,
             const char     *message)
{
  g_printerr ("werkbrug-server: %s\n", message);
  if (context != NULL)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);
      g_printerr ("\n%s", help);
    }
  return EXIT_USAGE;
}

static gboolean
parse_options (GOptionContext  *context,
               int             *argc,
               char          ***argv,
               int             *status)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = usage_error (context, error->message);
      return FALSE;
    }
  return TRUE;
}

static WbStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  WbStore *store = wb_store_open (path, &error);

  if (store == NULL)
    g_printerr ("werkbrug-server: %s\n", error->message);
  return store;
}

/* A --listen value is a wrong argument, not a failure to listen, when it is no address and
 * port at all: NULL when it is one, else what is wrong with it. */
static char *
check_listen_address (const char *address)
{
  g_autoptr(GSocketConnectable) parsed = g_network_address_parse (address, 0, NULL);
  g_autoptr(GSocketConnectable) other_default = g_network_address_parse (address, 1, NULL);
  const char *host;

  /* Parsed with two default ports, a value without a port of its own differs. */
  if (parsed == NULL || other_default == NULL ||
      g_network_address_get_port (G_NETWORK_ADDRESS (parsed)) !=
      g_network_address_get_port (G_NETWORK_ADDRESS (other_default)))
    return g_strdup_printf (_("--listen %s is not an address and port, e.g. 127.0.0.1:8080 or [::1]:8080"), address);

  host = g_network_address_get_hostname (G_NETWORK_ADDRESS (parsed));
  if (!g_hostname_is_ip_address (host) && g_ascii_strcasecmp (host, "localhost") != 0)
    return g_strdup_printf (_("--listen %s: %s is not an IP address (or localhost), e.g. 127.0.0.1:8080 or [::1]:8080"),
                            address, host);
  return NULL;
}

static gboolean
on_quit_signal_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static int
command_serve (int    argc,
               char **argv)
{
  g_autofree char *db = NULL;
  g_auto(GStrv) listen = NULL;
  g_autofree char *tls_cert = NULL;
  g_autofree char *tls_key = NULL;
  g_autoptr(GOptionContext) context = new_context ("serve", _("— serve the central layer over HTTP"));
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("The SQLite database (created when missing)"), N_("PATH") },
    { "listen", 0, 0, G_OPTION_ARG_STRING_ARRAY, &listen, N_("Address and port, e.g. 127.0.0.1:8080 or [::1]:8080; may be repeated"), N_("ADDR:PORT") },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &tls_cert, N_("PEM certificate for HTTPS"), N_("FILE") },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &tls_key, N_("PEM private key for HTTPS"), N_("FILE") },
    { NULL }
  };
  g_autoptr(WbStore) store = NULL;
  g_autoptr(WbServer) server = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Starts werkbrug-server on one or more addresses. Stop it with Ctrl+C or SIGTERM."));
  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (db == NULL)
    return usage_error (context, _("--db is required"));
  if (listen == NULL)
    return usage_error (context, _("--listen is required, e.g. --listen 127.0.0.1:8080"));
  if ((tls_cert == NULL) != (tls_key == NULL))
    return usage_error (context, _("--tls-cert and --tls-key go together"));
  if (argc > 1)
    return usage_error (context, _("unexpected arguments"));
  for (guint i = 0; listen[i] != NULL; i++)
    {
      g_autofree char *message = check_listen_address (listen[i]);

      if (message != NULL)
        return usage_error (context, message);
    }

  if (tls_cert != NULL)
    {
      certificate = g_tls_certificate_new_from_files (tls_cert, tls_key, &error);
      if (certificate == NULL)
        {
          g_printerr ("werkbrug-server: %s\n", error->message);
          return 1;
        }
    }

  store = open_store (db);
  if (store == NULL)
    return 1;

  loop = g_main_loop_new (NULL, FALSE);

  {
    g_autoptr(GPtrArray) servers = g_ptr_array_new_with_free_func (g_object_unref);

    for (guint i = 0; listen[i] != NULL; i++)
      {
        g_autoptr(WbServer) one = wb_server_new (store);
        g_autofree char *url = NULL;

        if (!wb_server_listen (one, listen[i], certificate, &error))
          {
            g_printerr (_("werkbrug-server: cannot listen on %s: %s\n"), listen[i], error->message);
            return 1;
          }
        url = wb_server_dup_url (one);
        g_print (_("Listening on %s\n"), url);
        g_ptr_array_add (servers, g_steal_pointer (&one));
      }
    fflush (stdout);

    g_unix_signal_add (SIGTERM, on_quit_signal_cb, loop);
    g_unix_signal_add (SIGINT, on_quit_signal_cb, loop);
    g_main_loop_run (loop);
  }
  return 0;
}

static char *
read_password_from_stdin (void)
{
  char buffer[1024];
  size_t len;

  if (fgets (buffer, sizeof buffer, stdin) == NULL)
    return NULL;
  len = strlen (buffer);
  while (len > 0 && (buffer[len - 1] == '\n' || buffer[len - 1] == '\r'))
    buffer[--len] = '\0';
  return g_strdup (buffer);
}

static int
command_org (int    argc,
             char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *code = NULL;
  g_autofree char *name = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *region = NULL;
  g_autoptr(GOptionContext) context = new_context ("org add", _("— add an organisation"));
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("The SQLite database"), N_("PATH") },
    { "code", 0, 0, G_OPTION_ARG_STRING, &code, N_("A short code, e.g. wsp-parkstad"), N_("CODE") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The full name"), N_("TEXT") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("wsp, municipality, social_service, work_company, development, learn_work or sheltered_work"), N_("KIND") },
    { "region", 0, 0, G_OPTION_ARG_STRING, &region, N_("Parkstad, Maastricht-Heuvelland, Westelijke Mijnstreek or Zuid-Limburg"), N_("REGION") },
    { NULL }
  };
  g_autoptr(WbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) wb_field_error_free);
  gint64 id;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (argc < 2 || strcmp (argv[1], "add") != 0)
    return usage_error (context, _("the only organisation command is “org add”"));
  if (db == NULL || code == NULL || name == NULL || kind == NULL || region == NULL)
    return usage_error (context, _("--db, --code, --name, --kind and --region are required"));

  json_object_set_string_member (object, "code", code);
  json_object_set_string_member (object, "name", name);
  json_object_set_string_member (object, "kind", kind);
  json_object_set_string_member (object, "region", region);
  if (!wb_resource_spec_validate (wb_resource_spec_get (WB_RESOURCE_ORGANISATIONS), object, TRUE, errors))
    {
      WbFieldError *first = g_ptr_array_index (errors, 0);
      g_autofree char *message = g_strdup_printf ("--%s %s", first->field, first->message);

      return usage_error (NULL, message);
    }

  store = open_store (db);
  if (store == NULL)
    return 1;
  id = wb_store_insert (store, WB_RESOURCE_ORGANISATIONS, object, &error);
  if (id == 0)
    {
      g_printerr ("werkbrug-server: %s\n", error->message);
      return 1;
    }
  g_print (_("Added organisation %s (id %lld)\n"), code, (long long) id);
  return 0;
}

static int
command_user (int    argc,
              char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *org = NULL;
  g_autofree char *role = NULL;
  g_autofree char *username = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GOptionContext) context = new_context ("user add", _("— add a user; the password is read from standard input"));
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("The SQLite database"), N_("PATH") },
    { "org", 0, 0, G_OPTION_ARG_STRING, &org, N_("Code of the user's organisation"), N_("CODE") },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role, N_("account_manager_wsp, account_manager_local, consultant, coordinator, analyst or admin"), N_("ROLE") },
    { "username", 0, 0, G_OPTION_ARG_STRING, &username, N_("The login name"), N_("NAME") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The name shown to others (default: the username)"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(WbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *password = NULL;
  g_autofree char *hash = NULL;
  WbRole parsed_role;
  gint64 organisation_id, id;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (argc < 2 || strcmp (argv[1], "add") != 0)
    return usage_error (context, _("the only user command is “user add”"));
  if (db == NULL || org == NULL || role == NULL || username == NULL)
    return usage_error (context, _("--db, --org, --role and --username are required"));
  if (!wb_role_from_string (role, &parsed_role))
    return usage_error (context, _("unknown role; see --help for the roles"));

  password = read_password_from_stdin ();
  if (password == NULL || strlen (password) < 10)
    return usage_error (NULL, _("give a password of at least 10 characters on standard input"));

  store = open_store (db);
  if (store == NULL)
    return 1;
  organisation_id = wb_store_find_organisation (store, org, &error);
  if (organisation_id == 0)
    {
      g_printerr ("werkbrug-server: %s\n", error->message);
      return EXIT_USAGE;
    }
  hash = wb_password_hash (password, &error);
  if (hash == NULL ||
      (id = wb_store_add_user (store, organisation_id, username, name ? name : username, role, hash, &error)) == 0)
    {
      if (g_error_matches (error, WB_STORE_ERROR, WB_STORE_ERROR_CONFLICT))
        g_printerr (_("werkbrug-server: the username %s is taken\n"), username);
      else
        g_printerr ("werkbrug-server: %s\n", error->message);
      return 1;
    }
  g_print (_("Added user %s (id %lld)\n"), username, (long long) id);
  return 0;
}

static void
print_report (WbImportReport *report)
{
  g_print (_("Read %u, imported %u, updated %u, refused %u\n"),
           report->n_read, report->n_imported, report->n_updated, report->n_failed);
  for (guint i = 0; i < report->messages->len; i++)
    g_print ("  %s\n", (const char *) report->messages->pdata[i]);
}

static int
command_import (int    argc,
                char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *org = NULL;
  g_autoptr(GOptionContext) context =
    new_context ("import", _("KIND PATH — import esco (a folder), pc4, clients or employers (CSV files)"));
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("The SQLite database"), N_("PATH") },
    { "org", 0, 0, G_OPTION_ARG_STRING, &org, N_("Code of the organisation that owns imported clients"), N_("CODE") },
    { NULL }
  };
  g_autoptr(WbStore) store = NULL;
  g_autoptr(WbImportReport) report = wb_import_report_new ();
  g_autoptr(GError) error = NULL;
  const char *kind, *path;
  gboolean ok;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (db == NULL)
    return usage_error (context, _("--db is required"));
  if (argc != 3)
    return usage_error (context, _("give the kind of data and a path"));
  kind = argv[1];
  path = argv[2];
  if (strcmp (kind, "clients") == 0 && org == NULL)
    return usage_error (context, _("importing clients needs --org, the organisation that owns them"));
  if (strcmp (kind, "esco") != 0 && strcmp (kind, "pc4") != 0 &&
      strcmp (kind, "clients") != 0 && strcmp (kind, "employers") != 0)
    return usage_error (context, _("the kind is one of esco, pc4, clients, employers"));
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *message = g_strdup_printf (_("%s does not exist"), path);
      return usage_error (NULL, message);
    }

  store = open_store (db);
  if (store == NULL)
    return 1;

  if (strcmp (kind, "esco") == 0)
    ok = wb_import_esco (store, path, report, &error);
  else if (strcmp (kind, "pc4") == 0)
    ok = wb_import_pc4 (store, path, report, &error);
  else if (strcmp (kind, "employers") == 0)
    ok = wb_import_employers_csv (store, path, report, &error);
  else
    {
      gint64 organisation_id = wb_store_find_organisation (store, org, &error);

      ok = organisation_id != 0 && wb_import_clients_csv (store, path, organisation_id, report, &error);
    }

  print_report (report);
  if (!ok)
    {
      g_printerr ("werkbrug-server: %s\n", error->message);
      return 1;
    }
  return 0;
}

static void
on_demo_progress (const char *stage,
                  double      fraction,
                  gpointer    user_data)
{
  g_printerr ("\r%-40s %3.0f%%", stage, fraction * 100);
  if (fraction >= 1.0)
    g_printerr ("\n");
}

static int
command_demo (int    argc,
              char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *cbs = NULL;
  g_autofree char *pc4 = NULL;
  int clients = 20000;
  gint64 seed = 1;
  gboolean quiet = FALSE;
  g_autoptr(GOptionContext) context = new_context ("demo", _("— fill an empty database with a synthetic South Limburg"));
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("The SQLite database (created when missing; must hold no clients)"), N_("PATH") },
    { "clients", 0, 0, G_OPTION_ARG_INT, &clients, N_("How many clients (default 20000)"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, N_("Seed of the generator; the same seed gives the same data (default 1)"), N_("S") },
    { "cbs", 0, 0, G_OPTION_ARG_FILENAME, &cbs, N_("CBS social-assistance figures per municipality (CSV) for the proportions"), N_("FILE") },
    { "pc4", 0, 0, G_OPTION_ARG_FILENAME, &pc4, N_("PC4 centres (CSV) to import first, for distances (default: $WB_SHARED_DATA/pc4/pc4_nl.csv when that file exists)"), N_("FILE") },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Print no progress"), NULL },
    { NULL }
  };
  g_autoptr(WbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  WbDemoOptions options = { 0 };
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (db == NULL)
    return usage_error (context, _("--db is required"));
  if (clients < 1 || clients > 1000000)
    return usage_error (context, _("--clients must be between 1 and 1000000"));
  if (argc > 1)
    return usage_error (context, _("unexpected arguments"));

  store = open_store (db);
  if (store == NULL)
    return 1;

  /* Without centres every travel distance in the demo is unknown: take the shared reference
   * data when it is there. */
  if (pc4 == NULL && g_getenv ("WB_SHARED_DATA") != NULL)
    {
      g_autofree char *shared_pc4 = g_build_filename (g_getenv ("WB_SHARED_DATA"), "pc4", "pc4_nl.csv", NULL);

      if (g_file_test (shared_pc4, G_FILE_TEST_IS_REGULAR))
        pc4 = g_steal_pointer (&shared_pc4);
    }
  if (pc4 != NULL)
    {
      g_autoptr(WbImportReport) report = wb_import_report_new ();

      if (!wb_import_pc4 (store, pc4, report, &error))
        {
          g_printerr ("werkbrug-server: %s\n", error->message);
          return 1;
        }
      g_print (_("Imported %u postcode area centres from %s\n"), report->n_imported + report->n_updated, pc4);
    }
  else
    g_print (_("No postcode area centres (give --pc4 FILE or set WB_SHARED_DATA): travel distances stay unknown\n"));

  options.n_clients = clients;
  options.seed = (guint64) seed;
  options.cbs_path = cbs;
  if (!quiet && isatty (fileno (stderr)))
    options.progress = on_demo_progress;
  if (!wb_demo_generate (store, &options, &error))
    {
      g_printerr ("werkbrug-server: %s\n", error->message);
      return 1;
    }
  g_print (_("Generated %d clients in %.1f s into %s\n"), clients, g_timer_elapsed (timer, NULL), db);
  return 0;
}

static int
command_backup (int    argc,
                char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *to = NULL;
  g_autoptr(GOptionContext) context = new_context ("backup", _("— copy the database consistently, also while it is being served"));
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("The SQLite database"), N_("PATH") },
    { "to", 0, 0, G_OPTION_ARG_FILENAME, &to, N_("Where the copy goes"), N_("FILE") },
    { NULL }
  };
  g_autoptr(WbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_options (context, &argc, &argv, &status))
    return status;
  if (db == NULL || to == NULL)
    return usage_error (context, _("--db and --to are required"));
  if (argc > 1)
    return usage_error (context, _("unexpected arguments"));
  if (!g_file_test (db, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *message = g_strdup_printf (_("%s does not exist"), db);
      return usage_error (NULL, message);
    }

  store = open_store (db);
  if (store == NULL)
    return 1;
  if (!wb_store_backup (store, to, &error))
    {
      g_printerr ("werkbrug-server: %s\n", error->message);
      return 1;
    }
  g_print (_("Backed up %s to %s\n"), db, to);
  return 0;
}

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n\n%s\n  serve    %s\n  org      %s\n  user     %s\n  import   %s\n  demo     %s\n  backup   %s\n\n%s\n",
           _("Usage: werkbrug-server COMMAND [OPTIONS]"),
           _("Commands:"),
           _("Serve the central layer over HTTP"),
           _("Add an organisation (org add)"),
           _("Add a user (user add)"),
           _("Import ESCO, PC4 centres, clients or employers"),
           _("Generate the synthetic South Limburg demo data"),
           _("Copy the database consistently"),
           _("Run “werkbrug-server COMMAND --help” for the options of a command."));
}

int
wb_server_cli_run (int    argc,
                   char **argv)
{
  static const struct {
    const char *name;
    CommandFunc func;
  } commands[] = {
    { "serve", command_serve },
    { "org", command_org },
    { "user", command_user },
    { "import", command_import },
    { "demo", command_demo },
    { "backup", command_backup },
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, wb_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      print_usage (stderr);
      return EXIT_USAGE;
    }
  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 || strcmp (argv[1], "help") == 0)
    {
      print_usage (stdout);
      return 0;
    }
  if (strcmp (argv[1], "--version") == 0)
    {
      g_print ("werkbrug-server %s\n", PACKAGE_VERSION);
      return 0;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      {
        g_set_prgname ("werkbrug-server");
        return commands[i].func (argc - 1, argv + 1);
      }

  g_printerr (_("werkbrug-server: unknown command “%s”\n\n"), argv[1]);
  print_usage (stderr);
  return EXIT_USAGE;
}
