/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-server-cli-database"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "wb-import.h"
#include "wb-password.h"
#include "wb-region.h"
#include "wb-server-cli-private.h"
#include "wb-store-files.h"

/* The commands of the people who run a region's server: init, backup and restore. */

#define DEFAULT_ADMIN_ORGANISATION "wsp-zuid-limburg"

static void
remove_database (const char *db)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (db, suffixes[i], NULL);

      g_unlink (file);
    }
}

static gboolean
has_organisation (const WbRegionOrganisation *organisations,
                  guint                       n,
                  const char                 *code)
{
  for (guint i = 0; i < n; i++)
    if (strcmp (organisations[i].code, code) == 0)
      return TRUE;
  return FALSE;
}

/* Everything of a new region in the new database: organisations, municipalities, the
 * starter taxonomy in one transaction, then the first admin. */
static gboolean
fill_region (WbStore                     *store,
             const WbRegionOrganisation  *organisations,
             guint                        n_organisations,
             const char                  *admin_org,
             const char                  *admin_username,
             const char                  *admin_name,
             const char                  *password,
             GError                     **error)
{
  g_autofree char *now = wb_store_now ();
  g_autofree char *hash = NULL;
  gint64 organisation_id;

  if (!wb_store_begin (store, error))
    return FALSE;
  if (!wb_region_insert (store, organisations, n_organisations, NULL, now, NULL, NULL, error) ||
      !wb_starter_taxonomy_load (store, error))
    {
      wb_store_rollback (store);
      return FALSE;
    }
  if (!wb_store_commit (store, error))
    return FALSE;

  organisation_id = wb_store_find_organisation (store, admin_org, error);
  hash = wb_password_hash (password, error);
  return organisation_id != 0 && hash != NULL &&
         wb_store_add_user (store, organisation_id, admin_username, admin_name, "admin", hash, error) != 0;
}

int
_wb_cli_init (int    argc,
              char **argv)
{
  g_autofree char *config_path = NULL;
  g_autofree char *db = NULL;
  g_autofree char *organisations_path = NULL;
  g_autofree char *admin_username = NULL;
  g_autofree char *admin_name = NULL;
  g_autofree char *admin_org = NULL;
  gboolean allow_readable = FALSE;
  g_autoptr(GOptionContext) context =
    _wb_cli_new_context ("init", _("— create a region's database, its organisations and its first admin"));
  const GOptionEntry entries[] = {
    WB_CLI_CONFIG_OPTION (config_path),
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("The new SQLite database (default: database in the configuration file)"), N_("PATH") },
    { "organisations", 0, 0, G_OPTION_ARG_FILENAME, &organisations_path, N_("The region's organisations (CSV: code, name, kind, region, serves, owns_clients); default: the built-in South Limburg"), N_("FILE") },
    { "admin-username", 0, 0, G_OPTION_ARG_STRING, &admin_username, N_("The first admin's login name (default: admin)"), N_("NAME") },
    { "admin-name", 0, 0, G_OPTION_ARG_STRING, &admin_name, N_("The name shown to others (default: the login name)"), N_("TEXT") },
    { "admin-org", 0, 0, G_OPTION_ARG_STRING, &admin_org, N_("Code of the admin's organisation (default with the built-in list: wsp-zuid-limburg)"), N_("CODE") },
    { "allow-readable-database", 0, 0, G_OPTION_ARG_NONE, &allow_readable, N_("Create the database in a folder that others can read (not recommended)"), NULL },
    { NULL }
  };
  g_autoptr(WbServerConfig) config = NULL;
  g_autoptr(GArray) from_file = NULL;
  g_autoptr(WbStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *password = NULL;
  g_autofree char *folder = NULL;
  const WbRegionOrganisation *organisations = wb_region_organisations;
  guint n_organisations = WB_REGION_N_ORGANISATIONS;
  gboolean ok;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Makes a new database (readable by its owner alone) with the region's "
                                           "organisations and municipalities, the built-in starter taxonomy and one "
                                           "admin, whose password is asked for without echo, or read from standard "
                                           "input when that is no terminal. An existing database is never touched."));
  if (!_wb_cli_parse_options (context, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return _wb_cli_usage_error (context, _("unexpected arguments"));
  if (!_wb_cli_load_config_and_db (config_path, &config, &db))
    return WB_CLI_EXIT_USAGE;
  if (db == NULL)
    return _wb_cli_usage_error (context, _("--db is required, or database in the configuration file"));
  if (admin_username == NULL)
    admin_username = g_strdup ("admin");

  if (g_file_test (db, G_FILE_TEST_EXISTS))
    {
      g_printerr (_("werkbrug-server: %s exists already; init makes a new database and never overwrites one\n"), db);
      return WB_CLI_EXIT_FAILURE;
    }

  if (organisations_path != NULL)
    {
      from_file = wb_region_read_organisations (organisations_path, &error);
      if (from_file == NULL)
        {
          g_printerr ("werkbrug-server: %s\n", error->message);
          return WB_CLI_EXIT_USAGE;
        }
      organisations = (const WbRegionOrganisation *) from_file->data;
      n_organisations = from_file->len;
      if (admin_org == NULL)
        return _wb_cli_usage_error (context, _("with --organisations, give --admin-org, the code of the admin's organisation"));
    }
  if (admin_org == NULL)
    admin_org = g_strdup (DEFAULT_ADMIN_ORGANISATION);
  if (!has_organisation (organisations, n_organisations, admin_org))
    {
      g_autofree char *message = g_strdup_printf (_("--admin-org %s is not one of the region's organisations"), admin_org);

      return _wb_cli_usage_error (NULL, message);
    }

  folder = g_path_get_dirname (db);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved = errno;

      g_printerr (_("werkbrug-server: could not make the folder %s: %s\n"), folder, g_strerror (saved));
      return WB_CLI_EXIT_FAILURE;
    }
  if (!allow_readable && !config->allow_readable_database && !wb_store_check_private (db, &error))
    {
      g_printerr (_("werkbrug-server: %s. To create it there all the same, give --allow-readable-database.\n"),
                  error->message);
      return WB_CLI_EXIT_FAILURE;
    }

  password = _wb_cli_read_new_password (admin_username);
  if (password == NULL)
    return WB_CLI_EXIT_USAGE;

  store = wb_store_open (db, &error);
  ok = store != NULL &&
       fill_region (store, organisations, n_organisations, admin_org, admin_username,
                    admin_name != NULL ? admin_name : admin_username, password, &error);
  memset (password, 0, strlen (password));
  g_clear_object (&store);
  if (!ok)
    {
      remove_database (db);
      g_printerr ("werkbrug-server: %s\n", error->message);
      return WB_CLI_EXIT_FAILURE;
    }

  g_print (g_dngettext (GETTEXT_PACKAGE, "Created %s with %u organisation and %u municipalities\n",
                        "Created %s with %u organisations and %u municipalities\n", n_organisations),
           db, n_organisations, (guint) WB_REGION_N_MUNICIPALITIES);
  g_print (_("Added the admin %s of %s\n"), admin_username, admin_org);
  return 0;
}

int
_wb_cli_backup (int    argc,
                char **argv)
{
  g_autofree char *config_path = NULL;
  g_autofree char *db = NULL;
  g_autofree char *to = NULL;
  g_autofree char *directory = NULL;
  int keep = 0;
  g_autoptr(GOptionContext) context =
    _wb_cli_new_context ("backup", _("— copy the database consistently, also while it is being served"));
  const GOptionEntry entries[] = {
    WB_CLI_CONFIG_OPTION (config_path),
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("The SQLite database (default: database in the configuration file)"), N_("PATH") },
    { "to", 0, 0, G_OPTION_ARG_FILENAME, &to, N_("One copy, to this file"), N_("FILE") },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &directory, N_("A dated copy into this folder (default: directory in the configuration file, or “backups” beside the database)"), N_("DIR") },
    { "keep", 0, 0, G_OPTION_ARG_INT, &keep, N_("How many dated copies stay in the folder (default: keep in the configuration file, or 14)"), N_("N") },
    { NULL }
  };
  g_autoptr(WbServerConfig) config = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = NULL;
  int removed, status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Without --to, the copy goes into the backup folder as "
                                           "NAME-YYYYMMDD-HHMMSS.db (UTC) and the oldest dated copies beyond --keep "
                                           "are removed; copies made before an upgrade or a restore stay."));
  if (!_wb_cli_parse_options (context, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return _wb_cli_usage_error (context, _("unexpected arguments"));
  if (!_wb_cli_load_config_and_db (config_path, &config, &db))
    return WB_CLI_EXIT_USAGE;
  if (db == NULL)
    return _wb_cli_usage_error (context, _("--db is required, or database in the configuration file"));
  if (to != NULL && (directory != NULL || keep != 0))
    return _wb_cli_usage_error (context, _("--to makes one copy; --dir and --keep are for dated copies in a folder"));
  if (keep < 0)
    return _wb_cli_usage_error (context, _("--keep must be at least 1"));
  if (!g_file_test (db, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *message = g_strdup_printf (_("%s does not exist"), db);
      return _wb_cli_usage_error (NULL, message);
    }

  if (to != NULL)
    {
      if (!wb_store_backup_file (db, to, &error))
        {
          g_printerr ("werkbrug-server: %s\n", error->message);
          return WB_CLI_EXIT_FAILURE;
        }
      g_print (_("Backed up %s to %s\n"), db, to);
      return 0;
    }

  if (directory == NULL)
    directory = _wb_cli_backup_directory (config, db);
  if (keep == 0)
    keep = config->backup_keep;
  copy = wb_store_backup_into (db, directory, NULL, &error);
  if (copy == NULL)
    {
      g_printerr ("werkbrug-server: %s\n", error->message);
      return WB_CLI_EXIT_FAILURE;
    }
  g_print (_("Backed up %s to %s\n"), db, copy);
  removed = wb_store_prune_backups (db, directory, keep, &error);
  if (removed < 0)
    {
      g_printerr ("werkbrug-server: %s\n", error->message);
      return WB_CLI_EXIT_FAILURE;
    }
  if (removed > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "Removed %d older copy; %d stay\n",
                          "Removed %d older copies; %d stay\n", removed),
             removed, keep);
  return 0;
}

int
_wb_cli_restore (int    argc,
                 char **argv)
{
  g_autofree char *config_path = NULL;
  g_autofree char *db = NULL;
  g_autofree char *from = NULL;
  g_autoptr(GOptionContext) context =
    _wb_cli_new_context ("restore", _("— put a copy of the database back"));
  const GOptionEntry entries[] = {
    WB_CLI_CONFIG_OPTION (config_path),
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("The SQLite database to replace (default: database in the configuration file)"), N_("PATH") },
    { "from", 0, 0, G_OPTION_ARG_FILENAME, &from, N_("The copy to put back, e.g. one that backup made"), N_("FILE") },
    { NULL }
  };
  g_autoptr(WbServerConfig) config = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *directory = NULL;
  g_autofree char *kept = NULL;
  int version = 0;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Checks the copy (SQLite's integrity check, a Werkbrug schema this "
                                           "version knows), keeps the current database in the backup folder, then "
                                           "replaces it. Stop werkbrug-server first: a database in use is not "
                                           "replaced. A copy of an older schema is upgraded when the server starts."));
  if (!_wb_cli_parse_options (context, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return _wb_cli_usage_error (context, _("unexpected arguments"));
  if (!_wb_cli_load_config_and_db (config_path, &config, &db))
    return WB_CLI_EXIT_USAGE;
  if (db == NULL || from == NULL)
    return _wb_cli_usage_error (context, _("--db (or database in the configuration file) and --from are required"));
  if (!g_file_test (from, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *message = g_strdup_printf (_("%s does not exist"), from);
      return _wb_cli_usage_error (NULL, message);
    }

  if (!wb_store_verify_file (from, &version, &error))
    {
      g_printerr ("werkbrug-server: %s\n", error->message);
      return WB_CLI_EXIT_FAILURE;
    }
  g_print (_("Checked %s: whole, schema %d\n"), from, version);

  directory = _wb_cli_backup_directory (config, db);
  if (!wb_store_restore (db, from, directory, &kept, &error))
    {
      g_printerr ("werkbrug-server: %s\n", error->message);
      return WB_CLI_EXIT_FAILURE;
    }
  if (kept != NULL)
    g_print (_("Restored %s from %s; the database it replaced is kept as %s\n"), db, from, kept);
  else
    g_print (_("Restored %s from %s\n"), db, from);
  return 0;
}
