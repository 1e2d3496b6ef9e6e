/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-server-access-log"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "wb-core.h"
#include "wb-server-access-log.h"

#define REQUEST_KEY "wb-access-log-request"

struct _WbAccessLog
{
  GObject parent_instance;

  int fd;
  gboolean owns_fd;
};

G_DEFINE_FINAL_TYPE (WbAccessLog, wb_access_log, G_TYPE_OBJECT)

/* What the log knows of one request until its answer has gone out. */
typedef struct {
  gint64 started;        /* real time, µs */
  gint64 started_mono;
  gint64 user_id;        /* 0 until the server names the user */
  guint64 bytes;         /* of the body written */
} Request;

/* Path segments that name a resource or an action, never a person; with the resource names
 * of the schema, all that the log keeps besides numeric ids. */
static const char * const route_words[] = {
  "api", "v1", "me", "session", "reviews", "alerts", "notifications", "match-weights",
  "import", "rule", "decision", "read", "export.csv",
};

static gboolean
is_id (const char *segment)
{
  gsize length = strlen (segment);

  if (length == 0 || length > 19)
    return FALSE;
  for (const char *p = segment; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

static gboolean
is_route_word (const char *segment)
{
  for (guint i = 0; i < G_N_ELEMENTS (route_words); i++)
    if (strcmp (route_words[i], segment) == 0)
      return TRUE;
  return wb_resource_spec_lookup (segment) != NULL;
}

char *
wb_access_log_mask_path (const char *path)
{
  g_auto(GStrv) segments = NULL;
  GString *out = g_string_new (NULL);

  if (path == NULL || *path != '/')
    {
      g_string_append (out, "*");
      return g_string_free (out, FALSE);
    }
  segments = g_strsplit (path + 1, "/", -1);
  for (guint i = 0; segments[i] != NULL; i++)
    {
      g_string_append_c (out, '/');
      if (*segments[i] == '\0' || is_id (segments[i]) || is_route_word (segments[i]))
        g_string_append (out, segments[i]);
      else
        g_string_append_c (out, '*');
    }
  return g_string_free (out, FALSE);
}

/* The methods of HTTP by name; anything else a client sends is not written as it came. */
static const char *
known_method (const char *method)
{
  static const char * const methods[] = { "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS" };

  for (guint i = 0; method != NULL && i < G_N_ELEMENTS (methods); i++)
    if (strcmp (methods[i], method) == 0)
      return methods[i];
  return "OTHER";
}

static void
write_line (WbAccessLog       *self,
            SoupServerMessage *msg,
            Request           *request,
            gboolean           aborted)
{
  g_autoptr(GDateTime) started = g_date_time_new_from_unix_utc (request->started / G_USEC_PER_SEC);
  g_autofree char *stamp = g_date_time_format (started, "%Y-%m-%dT%H:%M:%S");
  g_autofree char *path = wb_access_log_mask_path (g_uri_get_path (soup_server_message_get_uri (msg)));
  g_autoptr(GString) line = g_string_new (NULL);
  char duration[G_ASCII_DTOSTR_BUF_SIZE];
  gsize written = 0;

  g_ascii_formatd (duration, sizeof duration, "%.1f",
                   (g_get_monotonic_time () - request->started_mono) / 1000.0);
  g_string_append_printf (line, "%s.%03dZ ", stamp, (int) (request->started % G_USEC_PER_SEC / 1000));
  if (request->user_id > 0)
    g_string_append_printf (line, "user=%" G_GINT64_FORMAT, request->user_id);
  else
    g_string_append (line, "user=-");
  g_string_append_printf (line, " method=%s path=%s", known_method (soup_server_message_get_method (msg)), path);
  if (aborted)
    g_string_append (line, " status=aborted");
  else
    g_string_append_printf (line, " status=%u", soup_server_message_get_status (msg));
  g_string_append_printf (line, " bytes=%" G_GUINT64_FORMAT " duration_ms=%s\n", request->bytes, duration);

  /* One write per line: lines of several processes appending to one file stay whole. */
  while (written < line->len)
    {
      gssize n = write (self->fd, line->str + written, line->len - written);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          g_warning ("Could not write the access log: %s", g_strerror (errno));
          return;
        }
      written += n;
    }
}

static void
on_wrote_body_data_cb (SoupServerMessage *msg,
                       guint              chunk_size,
                       gpointer           user_data)
{
  Request *request = g_object_get_data (G_OBJECT (msg), REQUEST_KEY);

  if (request != NULL)
    request->bytes += chunk_size;
}

/* The clock starts when the request's headers are in, not when the connection began to
 * wait for it. */
static void
on_got_headers_cb (SoupServerMessage *msg,
                   gpointer           user_data)
{
  Request *request = g_object_get_data (G_OBJECT (msg), REQUEST_KEY);

  if (request != NULL)
    {
      request->started = g_get_real_time ();
      request->started_mono = g_get_monotonic_time ();
    }
}

static void
on_request_started_cb (SoupServer        *soup,
                       SoupServerMessage *msg,
                       gpointer           user_data)
{
  Request *request = g_new0 (Request, 1);

  request->started = g_get_real_time ();
  request->started_mono = g_get_monotonic_time ();
  g_object_set_data_full (G_OBJECT (msg), REQUEST_KEY, request, g_free);
  g_signal_connect (msg, "got-headers", G_CALLBACK (on_got_headers_cb), NULL);
  g_signal_connect (msg, "wrote-body-data", G_CALLBACK (on_wrote_body_data_cb), NULL);
}

static void
on_request_done (WbAccessLog       *self,
                 SoupServerMessage *msg,
                 gboolean           aborted)
{
  Request *request = g_object_get_data (G_OBJECT (msg), REQUEST_KEY);

  if (request == NULL)
    return;
  /* libsoup reports a 500 it answered as aborted too. */
  write_line (self, msg, request,
              aborted && soup_server_message_get_status (msg) != SOUP_STATUS_INTERNAL_SERVER_ERROR);
  g_object_set_data (G_OBJECT (msg), REQUEST_KEY, NULL);
}

static void
on_request_finished_cb (SoupServer        *soup,
                        SoupServerMessage *msg,
                        gpointer           user_data)
{
  on_request_done (user_data, msg, FALSE);
}

static void
on_request_aborted_cb (SoupServer        *soup,
                       SoupServerMessage *msg,
                       gpointer           user_data)
{
  on_request_done (user_data, msg, TRUE);
}

static void
wb_access_log_finalize (GObject *object)
{
  WbAccessLog *self = (WbAccessLog *) object;

  if (self->owns_fd)
    close (self->fd);

  G_OBJECT_CLASS (wb_access_log_parent_class)->finalize (object);
}

static void
wb_access_log_class_init (WbAccessLogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wb_access_log_finalize;
}

static void
wb_access_log_init (WbAccessLog *self)
{
  self->fd = -1;
}

WbAccessLog *
wb_access_log_new (const char  *target,
                   GError     **error)
{
  WbAccessLog *self;
  int fd;

  g_return_val_if_fail (target != NULL, NULL);

  if (strcmp (target, "stderr") == 0)
    fd = STDERR_FILENO;
  else
    {
      fd = g_open (target, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
      if (fd < 0)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("Could not open the access log %s: %s"), target, g_strerror (saved));
          return NULL;
        }
    }

  self = g_object_new (WB_TYPE_ACCESS_LOG, NULL);
  self->fd = fd;
  self->owns_fd = fd != STDERR_FILENO;
  return self;
}

void
wb_access_log_attach (WbAccessLog *self,
                      SoupServer  *soup)
{
  g_return_if_fail (WB_IS_ACCESS_LOG (self));
  g_return_if_fail (SOUP_IS_SERVER (soup));

  g_signal_connect_object (soup, "request-started", G_CALLBACK (on_request_started_cb), self, 0);
  g_signal_connect_object (soup, "request-finished", G_CALLBACK (on_request_finished_cb), self, 0);
  g_signal_connect_object (soup, "request-aborted", G_CALLBACK (on_request_aborted_cb), self, 0);
}

void
wb_access_log_note_user (SoupServerMessage *msg,
                         gint64             user_id)
{
  Request *request;

  g_return_if_fail (SOUP_IS_SERVER_MESSAGE (msg));

  request = g_object_get_data (G_OBJECT (msg), REQUEST_KEY);
  if (request != NULL)
    request->user_id = user_id;
}
