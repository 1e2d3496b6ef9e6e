/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-server-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "wb-demo.h"
#include "wb-import.h"
#include "wb-locale.h"
#include "wb-password.h"
#include "wb-server-cli-private.h"
#include "wb-store-files.h"

#define EXIT_USAGE WB_CLI_EXIT_USAGE

typedef int (*CommandFunc) (int argc, char **argv);

/* GOptionContext writes its usage line as "PRGNAME [OPTION…] PARAMETERS": the program name
 * carries the command, so that the line reads "werkbrug-server user add [OPTION…] — …". */
GOptionContext *
_wb_cli_new_context (const char *command,
                     const char *parameter_string)
{
  g_autofree char *prgname = g_strconcat ("werkbrug-server ", command, NULL);

  g_set_prgname (prgname);
  return g_option_context_new (parameter_string);
}

int
_wb_cli_usage_error (GOptionContext *context,
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

gboolean
_wb_cli_parse_options (GOptionContext  *context,
                       int             *argc,
                       char          ***argv,
                       int             *status)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = _wb_cli_usage_error (context, error->message);
      return FALSE;
    }
  return TRUE;
}

WbServerConfig *
_wb_cli_load_config (const char *path)
{
  g_autoptr(WbServerConfig) config = wb_server_config_new ();
  g_autoptr(GError) error = NULL;
  const char *default_path = wb_server_config_get_default_path ();

  if (path == NULL && g_file_test (default_path, G_FILE_TEST_EXISTS))
    path = default_path;
  if (path != NULL && !wb_server_config_load (config, path, &error))
    {
      g_printerr ("werkbrug-server: %s\n", error->message);
      return NULL;
    }
  return g_steal_pointer (&config);
}

gboolean
_wb_cli_load_config_and_db (const char      *path,
                            WbServerConfig **config,
                            char           **db)
{
  *config = _wb_cli_load_config (path);
  if (*config == NULL)
    return FALSE;
  if (*db == NULL)
    *db = g_strdup ((*config)->database);
  return TRUE;
}

char *
_wb_cli_backup_directory (WbServerConfig *config,
                          const char     *db)
{
  g_autofree char *folder = NULL;

  if (config != NULL && config->backup_directory != NULL)
    return g_strdup (config->backup_directory);
  folder = g_path_get_dirname (db);
  return g_build_filename (folder, "backups", NULL);
}

WbStore *
_wb_cli_open_store (const char     *db,
                    WbServerConfig *config)
{
  g_autoptr(GError) error = NULL;
  int latest = wb_store_get_latest_schema_version ();
  int version = wb_store_peek_schema_version (db, &error);
  WbStore *store;

  if (version < 0)
    {
      g_printerr ("werkbrug-server: %s\n", error->message);
      return NULL;
    }
  /* An upgrade cannot be undone: the database as it was goes aside first. */
  if (version > 0 && version < latest)
    {
      g_autofree char *directory = _wb_cli_backup_directory (config, db);
      g_autofree char *label = g_strdup_printf ("before-schema-%d", latest);
      g_autofree char *copy = wb_store_backup_into (db, directory, label, &error);

      if (copy == NULL)
        {
          g_printerr (_("werkbrug-server: %s was not upgraded, because the backup before the upgrade failed: %s\n"),
                      db, error->message);
          return NULL;
        }
      g_printerr (_("Backed up %s to %s before upgrading it from schema %d to %d\n"), db, copy, version, latest);
    }

  store = wb_store_open (db, &error);
  if (store == NULL)
    g_printerr ("werkbrug-server: %s\n", error->message);
  return store;
}

/* A line from the terminal with its echo off, or from standard input as it comes. */
static char *
read_line (gboolean     terminal,
           const char  *prompt)
{
  struct termios saved, quiet;
  char buffer[1024];
  gboolean got;
  size_t length;

  /* Echo goes off before the prompt shows, so that nothing typed after it appears. */
  if (terminal)
    {
      if (tcgetattr (STDIN_FILENO, &saved) != 0)
        return NULL;
      quiet = saved;
      quiet.c_lflag &= ~ECHO;
      quiet.c_lflag |= ECHONL;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
      g_printerr ("%s", prompt);
    }
  got = fgets (buffer, sizeof buffer, stdin) != NULL;
  if (terminal)
    tcsetattr (STDIN_FILENO, TCSADRAIN, &saved);
  if (!got)
    return NULL;
  length = strlen (buffer);
  while (length > 0 && (buffer[length - 1] == '\n' || buffer[length - 1] == '\r'))
    buffer[--length] = '\0';
  return g_strdup (buffer);
}

static void
free_password (char *password)
{
  if (password != NULL)
    memset (password, 0, strlen (password));
  g_free (password);
}

char *
_wb_cli_read_new_password (const char *username)
{
  gboolean terminal = isatty (STDIN_FILENO);
  g_autofree char *prompt = g_strdup_printf (_("New password for %s: "), username);
  char *password = read_line (terminal, prompt);
  char *again;

  if (password == NULL || g_utf8_strlen (password, -1) < 10)
    {
      free_password (password);
      g_printerr ("werkbrug-server: %s\n",
                  terminal ? _("give a password of at least 10 characters")
                           : _("give a password of at least 10 characters on standard input"));
      return NULL;
    }
  if (!terminal)
    return password;

  again = read_line (terminal, _("The same password again: "));
  if (g_strcmp0 (password, again) != 0)
    {
      free_password (password);
      free_password (again);
      g_printerr ("werkbrug-server: %s\n", _("the two passwords differ"));
      return NULL;
    }
  free_password (again);
  return password;
}

static int
command_org (int    argc,
             char **argv)
{
  g_autofree char *db = NULL;
  g_autofree char *config_path = NULL;
  g_autoptr(WbServerConfig) config = NULL;
  g_autofree char *code = NULL;
  g_autofree char *name = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *region = NULL;
  g_autoptr(GOptionContext) context = _wb_cli_new_context ("org add", _("— add an organisation"));
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("The SQLite database (default: database in the configuration file)"), N_("PATH") },
    WB_CLI_CONFIG_OPTION (config_path),
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
  if (!_wb_cli_parse_options (context, &argc, &argv, &status))
    return status;
  if (argc < 2 || strcmp (argv[1], "add") != 0)
    return _wb_cli_usage_error (context, _("the only organisation command is “org add”"));
  if (!_wb_cli_load_config_and_db (config_path, &config, &db))
    return EXIT_USAGE;
  if (db == NULL || code == NULL || name == NULL || kind == NULL || region == NULL)
    return _wb_cli_usage_error (context, _("--db, --code, --name, --kind and --region are required"));

  json_object_set_string_member (object, "code", code);
  json_object_set_string_member (object, "name", name);
  json_object_set_string_member (object, "kind", kind);
  json_object_set_string_member (object, "region", region);
  if (!wb_resource_spec_validate (wb_resource_spec_get (WB_RESOURCE_ORGANISATIONS), object, TRUE, errors))
    {
      WbFieldError *first = g_ptr_array_index (errors, 0);
      g_autofree char *message = g_strdup_printf ("--%s %s", first->field, first->message);

      return _wb_cli_usage_error (NULL, message);
    }

  store = _wb_cli_open_store (db, config);
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
  g_autofree char *config_path = NULL;
  g_autoptr(WbServerConfig) config = NULL;
  g_autofree char *org = NULL;
  g_autofree char *role = NULL;
  g_autofree char *username = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GOptionContext) context = _wb_cli_new_context ("user add", _("— add a user; the password is asked for, or read from standard input"));
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("The SQLite database (default: database in the configuration file)"), N_("PATH") },
    WB_CLI_CONFIG_OPTION (config_path),
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
  if (!_wb_cli_parse_options (context, &argc, &argv, &status))
    return status;
  if (argc < 2 || strcmp (argv[1], "add") != 0)
    return _wb_cli_usage_error (context, _("the only user command is “user add”"));
  if (!_wb_cli_load_config_and_db (config_path, &config, &db))
    return EXIT_USAGE;
  if (db == NULL || org == NULL || role == NULL || username == NULL)
    return _wb_cli_usage_error (context, _("--db, --org, --role and --username are required"));
  if (!wb_role_from_string (role, &parsed_role))
    return _wb_cli_usage_error (context, _("unknown role; see --help for the roles"));

  password = _wb_cli_read_new_password (username);
  if (password == NULL)
    return EXIT_USAGE;

  store = _wb_cli_open_store (db, config);
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
  g_autofree char *config_path = NULL;
  g_autoptr(WbServerConfig) config = NULL;
  g_autofree char *org = NULL;
  g_autoptr(GOptionContext) context =
    _wb_cli_new_context ("import", _("KIND PATH — import esco (a folder), pc4, clients, employers or cbs (CSV files)"));
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("The SQLite database (default: database in the configuration file)"), N_("PATH") },
    WB_CLI_CONFIG_OPTION (config_path),
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
  if (!_wb_cli_parse_options (context, &argc, &argv, &status))
    return status;
  if (!_wb_cli_load_config_and_db (config_path, &config, &db))
    return EXIT_USAGE;
  if (db == NULL)
    return _wb_cli_usage_error (context, _("--db is required"));
  if (argc != 3)
    return _wb_cli_usage_error (context, _("give the kind of data and a path"));
  kind = argv[1];
  path = argv[2];
  if (strcmp (kind, "clients") == 0 && org == NULL)
    return _wb_cli_usage_error (context, _("importing clients needs --org, the organisation that owns them"));
  if (strcmp (kind, "esco") != 0 && strcmp (kind, "pc4") != 0 && strcmp (kind, "clients") != 0 &&
      strcmp (kind, "employers") != 0 && strcmp (kind, "cbs") != 0)
    return _wb_cli_usage_error (context, _("the kind is one of esco, pc4, clients, employers, cbs"));
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *message = g_strdup_printf (_("%s does not exist"), path);
      return _wb_cli_usage_error (NULL, message);
    }

  store = _wb_cli_open_store (db, config);
  if (store == NULL)
    return 1;

  if (strcmp (kind, "esco") == 0)
    ok = wb_import_esco (store, path, report, &error);
  else if (strcmp (kind, "pc4") == 0)
    ok = wb_import_pc4 (store, path, report, &error);
  else if (strcmp (kind, "employers") == 0)
    ok = wb_import_employers_csv (store, path, report, &error);
  else if (strcmp (kind, "cbs") == 0)
    /* CBS social-assistance figures, for the monitor to compare with. */
    ok = wb_import_cbs (store, path, report, &error);
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
  g_autoptr(GOptionContext) context = _wb_cli_new_context ("demo", _("— fill an empty database with a synthetic South Limburg"));
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
  if (!_wb_cli_parse_options (context, &argc, &argv, &status))
    return status;
  if (db == NULL)
    return _wb_cli_usage_error (context, _("--db is required"));
  if (clients < 1 || clients > 1000000)
    return _wb_cli_usage_error (context, _("--clients must be between 1 and 1000000"));
  if (argc > 1)
    return _wb_cli_usage_error (context, _("unexpected arguments"));

  store = _wb_cli_open_store (db, NULL);
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

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n\n%s\n"
           "  serve    %s\n  init     %s\n  org      %s\n  user     %s\n  import   %s\n"
           "  demo     %s\n  backup   %s\n  restore  %s\n  describe %s\n\n%s\n",
           _("Usage: werkbrug-server COMMAND [OPTIONS]"),
           _("Commands:"),
           _("Serve the central layer over HTTP"),
           _("Create a region's database with its organisations and first admin"),
           _("Add an organisation (org add)"),
           _("Add a user (user add)"),
           _("Import ESCO, PC4 centres, clients or employers"),
           _("Generate the synthetic South Limburg demo data"),
           _("Copy the database consistently, keeping the newest copies"),
           _("Put a copy of the database back, after checking it"),
           _("Print the routes and record fields, for the API's contract"),
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
    { "serve", _wb_cli_serve },
    { "init", _wb_cli_init },
    { "org", command_org },
    { "user", command_user },
    { "import", command_import },
    { "demo", command_demo },
    { "backup", _wb_cli_backup },
    { "restore", _wb_cli_restore },
    { "describe", _wb_cli_describe },
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
