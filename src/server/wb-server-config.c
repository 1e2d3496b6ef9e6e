/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-server-config"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "wb-server-config.h"

#define MAX_SESSION_LIFETIME (90 * 24 * 60 * 60)
#define MAX_BACKUP_KEEP      10000

typedef enum {
  KEY_PATH,          /* char *, an absolute path */
  KEY_LISTEN,        /* char **, addresses and ports */
  KEY_DURATION,      /* gint64 seconds, from 1 s to 90 days */
  KEY_ACCESS_LOG,    /* char *, none, stderr or an absolute path */
  KEY_BOOLEAN,       /* gboolean */
  KEY_COUNT,         /* guint, from 1 */
  KEY_SECONDS,       /* guint seconds, from 1 s to 1 day */
} KeyType;

#define MAX_SIGNIN_SECONDS (24 * 60 * 60)

/* Every key the file may hold: a new setting is one row here, a field in WbServerConfig
 * and a paragraph in data/server.conf.example. */
static const struct {
  const char *group;
  const char *key;
  KeyType type;
  gsize offset;
} keys[] = {
  { "server", "database", KEY_PATH, offsetof (WbServerConfig, database) },
  { "server", "listen", KEY_LISTEN, offsetof (WbServerConfig, listen) },
  { "server", "tls-certificate", KEY_PATH, offsetof (WbServerConfig, tls_certificate) },
  { "server", "tls-key", KEY_PATH, offsetof (WbServerConfig, tls_key) },
  { "server", "session-lifetime", KEY_DURATION, offsetof (WbServerConfig, session_lifetime) },
  { "server", "access-log", KEY_ACCESS_LOG, offsetof (WbServerConfig, access_log) },
  { "server", "allow-readable-database", KEY_BOOLEAN, offsetof (WbServerConfig, allow_readable_database) },
  { "backup", "directory", KEY_PATH, offsetof (WbServerConfig, backup_directory) },
  { "backup", "keep", KEY_COUNT, offsetof (WbServerConfig, backup_keep) },
  { "signin", "user-failures", KEY_COUNT, offsetof (WbServerConfig, signin.user_failures) },
  { "signin", "address-failures", KEY_COUNT, offsetof (WbServerConfig, signin.address_failures) },
  { "signin", "first-delay", KEY_SECONDS, offsetof (WbServerConfig, signin.first_delay) },
  { "signin", "max-delay", KEY_SECONDS, offsetof (WbServerConfig, signin.max_delay) },
  { "signin", "forget-after", KEY_SECONDS, offsetof (WbServerConfig, signin.forget_after) },
  { "signin", "remembered", KEY_COUNT, offsetof (WbServerConfig, signin.max_entries) },
};

WbServerConfig *
wb_server_config_new (void)
{
  WbServerConfig *self = g_new0 (WbServerConfig, 1);

  self->session_lifetime = WB_SERVER_DEFAULT_SESSION_LIFETIME;
  self->access_log = g_strdup ("none");
  self->backup_keep = WB_SERVER_DEFAULT_BACKUP_KEEP;
  self->signin = (WbThrottleConfig) WB_THROTTLE_CONFIG_DEFAULT;
  return self;
}

void
wb_server_config_free (WbServerConfig *self)
{
  if (self == NULL)
    return;
  g_free (self->path);
  g_free (self->database);
  g_strfreev (self->listen);
  g_free (self->tls_certificate);
  g_free (self->tls_key);
  g_free (self->access_log);
  g_free (self->backup_directory);
  g_free (self);
}

const char *
wb_server_config_get_default_path (void)
{
  return WB_SERVER_CONFIG_PATH;
}

gboolean
wb_server_parse_duration (const char *text,
                          gint64     *seconds)
{
  static const struct {
    char unit;
    gint64 seconds;
  } units[] = { { 's', 1 }, { 'm', 60 }, { 'h', 60 * 60 }, { 'd', 24 * 60 * 60 } };
  g_autofree char *copy = NULL;
  char *end = NULL;
  gint64 number, factor = 1;
  gsize length;

  if (text == NULL)
    return FALSE;
  copy = g_strstrip (g_strdup (text));
  length = strlen (copy);
  if (length == 0 || !g_ascii_isdigit (copy[0]))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (copy[length - 1] == units[i].unit)
      {
        factor = units[i].seconds;
        copy[length - 1] = '\0';
      }
  number = g_ascii_strtoll (copy, &end, 10);
  if (end == NULL || *end != '\0' || number > G_MAXINT64 / factor)
    return FALSE;
  *seconds = number * factor;
  return TRUE;
}

char *
wb_server_check_listen_address (const char *address)
{
  g_autoptr(GSocketConnectable) parsed = g_network_address_parse (address, 0, NULL);
  g_autoptr(GSocketConnectable) other_default = g_network_address_parse (address, 1, NULL);
  const char *host;

  /* Parsed with two default ports, a value without a port of its own differs. */
  if (parsed == NULL || other_default == NULL ||
      g_network_address_get_port (G_NETWORK_ADDRESS (parsed)) !=
      g_network_address_get_port (G_NETWORK_ADDRESS (other_default)))
    return g_strdup_printf (_("%s is not an address and port, e.g. 127.0.0.1:8080 or [::1]:8080"), address);

  host = g_network_address_get_hostname (G_NETWORK_ADDRESS (parsed));
  if (!g_hostname_is_ip_address (host) && g_ascii_strcasecmp (host, "localhost") != 0)
    return g_strdup_printf (_("%s: %s is not an IP address (or localhost), e.g. 127.0.0.1:8080 or [::1]:8080"),
                            address, host);
  return NULL;
}

char *
wb_server_check_access_log (const char *value)
{
  if (g_strcmp0 (value, "none") == 0 || g_strcmp0 (value, "stderr") == 0 ||
      (value != NULL && g_path_is_absolute (value)))
    return NULL;
  return g_strdup_printf (_("%s is not none, stderr or an absolute path"), value);
}

/* Reads one key into its field; FALSE with what is wrong in @problem. */
static gboolean
read_key (WbServerConfig  *self,
          GKeyFile        *file,
          guint            k,
          char           **problem)
{
  gpointer field = (char *) self + keys[k].offset;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  switch (keys[k].type)
    {
    case KEY_PATH:
    case KEY_ACCESS_LOG:
      text = g_key_file_get_string (file, keys[k].group, keys[k].key, &error);
      if (text == NULL)
        break;
      g_strstrip (text);
      if (keys[k].type == KEY_ACCESS_LOG)
        *problem = wb_server_check_access_log (text);
      else if (!g_path_is_absolute (text))
        *problem = g_strdup_printf (_("%s is not an absolute path"), text);
      if (*problem != NULL)
        return FALSE;
      g_free (*(char **) field);
      *(char **) field = g_steal_pointer (&text);
      return TRUE;

    case KEY_LISTEN:
      {
        g_auto(GStrv) list = g_key_file_get_string_list (file, keys[k].group, keys[k].key, NULL, &error);

        if (list == NULL)
          break;
        for (guint i = 0; list[i] != NULL; i++)
          {
            g_strstrip (list[i]);
            if ((*problem = wb_server_check_listen_address (list[i])) != NULL)
              return FALSE;
          }
        if (list[0] == NULL)
          {
            *problem = g_strdup (_("give at least one address and port, e.g. 0.0.0.0:8443"));
            return FALSE;
          }
        g_strfreev (*(char ***) field);
        *(char ***) field = g_steal_pointer (&list);
        return TRUE;
      }

    case KEY_DURATION:
      {
        gint64 seconds;

        text = g_key_file_get_string (file, keys[k].group, keys[k].key, &error);
        if (text == NULL)
          break;
        if (!wb_server_parse_duration (text, &seconds) || seconds < 1 || seconds > MAX_SESSION_LIFETIME)
          {
            *problem = g_strdup_printf (_("%s is not a duration from 1s to 90d, such as 12h or 30m"), g_strstrip (text));
            return FALSE;
          }
        *(gint64 *) field = seconds;
        return TRUE;
      }

    case KEY_BOOLEAN:
      {
        gboolean value = g_key_file_get_boolean (file, keys[k].group, keys[k].key, &error);

        if (error != NULL)
          {
            text = g_key_file_get_value (file, keys[k].group, keys[k].key, NULL);
            *problem = g_strdup_printf (_("%s is not true or false"), text != NULL ? g_strstrip (text) : "");
            return FALSE;
          }
        *(gboolean *) field = value;
        return TRUE;
      }

    case KEY_COUNT:
      {
        gint64 value;
        char *end = NULL;

        text = g_key_file_get_string (file, keys[k].group, keys[k].key, &error);
        if (text == NULL)
          break;
        g_strstrip (text);
        value = g_ascii_strtoll (text, &end, 10);
        if (*text == '\0' || end == NULL || *end != '\0' || value < 1 || value > MAX_BACKUP_KEEP)
          {
            *problem = g_strdup_printf (_("%s is not a number from 1 to %d"), text, MAX_BACKUP_KEEP);
            return FALSE;
          }
        *(guint *) field = (guint) value;
        return TRUE;
      }

    case KEY_SECONDS:
      {
        gint64 seconds;

        text = g_key_file_get_string (file, keys[k].group, keys[k].key, &error);
        if (text == NULL)
          break;
        if (!wb_server_parse_duration (text, &seconds) || seconds < 1 || seconds > MAX_SIGNIN_SECONDS)
          {
            *problem = g_strdup_printf (_("%s is not a duration from 1s to 1d, such as 30s or 5m"), g_strstrip (text));
            return FALSE;
          }
        *(guint *) field = (guint) seconds;
        return TRUE;
      }

    default:
      g_assert_not_reached ();
    }

  *problem = g_strdup (error != NULL ? error->message : "");
  return FALSE;
}

static int
find_key (const char *group,
          const char *key)
{
  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    if (strcmp (keys[k].group, group) == 0 && strcmp (keys[k].key, key) == 0)
      return (int) k;
  return -1;
}

static gboolean
is_group (const char *group)
{
  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    if (strcmp (keys[k].group, group) == 0)
      return TRUE;
  return FALSE;
}

gboolean
wb_server_config_load (WbServerConfig  *self,
                       const char      *path,
                       GError         **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) groups = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, &local_error))
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_PARSE, "%s: %s", path, local_error->message);
      return FALSE;
    }

  groups = g_key_file_get_groups (file, NULL);
  for (guint g = 0; groups[g] != NULL; g++)
    {
      g_auto(GStrv) names = NULL;

      if (!is_group (groups[g]))
        {
          g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_GROUP_NOT_FOUND,
                       _("%s: unknown group [%s]; the groups are [server] and [backup]"), path, groups[g]);
          return FALSE;
        }
      names = g_key_file_get_keys (file, groups[g], NULL, NULL);
      for (guint i = 0; names != NULL && names[i] != NULL; i++)
        {
          int k = find_key (groups[g], names[i]);
          g_autofree char *problem = NULL;

          if (k < 0)
            {
              g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_KEY_NOT_FOUND,
                           _("%s: unknown key %s in [%s]"), path, names[i], groups[g]);
              return FALSE;
            }
          if (!read_key (self, file, k, &problem))
            {
              g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                           "%s: [%s] %s: %s", path, groups[g], names[i], problem);
              return FALSE;
            }
        }
    }

  /* The waits double from the first up to the longest. */
  if (self->signin.first_delay > self->signin.max_delay)
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   _("%s: [signin] max-delay: %u seconds is shorter than first-delay, %u seconds"),
                   path, self->signin.max_delay, self->signin.first_delay);
      return FALSE;
    }

  g_free (self->path);
  self->path = g_strdup (path);
  return TRUE;
}

char *
wb_server_config_dup_backup_directory (WbServerConfig *self)
{
  g_autofree char *folder = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->backup_directory != NULL)
    return g_strdup (self->backup_directory);
  if (self->database == NULL)
    return NULL;
  folder = g_path_get_dirname (self->database);
  return g_build_filename (folder, "backups", NULL);
}
