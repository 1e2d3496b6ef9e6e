/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-server-guard"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wb-server-guard.h"
#include "wb-server-http.h"
#include "wb-server-source.h"

/* libsoup 3.2 reads a request's whole body before a handler runs, also after an early
 * handler has answered, and takes the last of two Content-Length headers. So the server
 * looks at each request as soon as its headers are in ("got-headers", after libsoup's own
 * handler), and for a refusal that must not read on it takes the connection from libsoup,
 * writes the answer itself and closes it: nothing more of it is kept or parsed. */

#define BODY_SIZE_KEY "wb-body-size"

/* After a refusal the client may still be sending the body it started: libsoup's own
 * client writes the whole body before it reads the answer, and a connection closed under
 * it would end in a reset rather than the 413. So the rest is read and thrown away, up to
 * DRAIN_LIMIT bytes and DRAIN_SECONDS, and the connection closed then. */
#define DRAIN_LIMIT (8 * 1024 * 1024)
#define DRAIN_SECONDS 5

typedef struct {
  GIOStream *stream;
  GBytes *response;
  gboolean drain;
  GCancellable *cancellable;
  GSource *timeout;   /* in the server's context (wb-server-source.h) */
  gsize drained;
  char buffer[65536];
} Refusal;

static void
refusal_free (Refusal *refusal)
{
  _wb_server_source_clear (&refusal->timeout);
  g_clear_object (&refusal->cancellable);
  g_clear_object (&refusal->stream);
  g_clear_pointer (&refusal->response, g_bytes_unref);
  g_free (refusal);
}

static void
on_refusal_closed_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_io_stream_close_finish (G_IO_STREAM (source), result, NULL);
  refusal_free (user_data);
}

static void
close_refusal (Refusal *refusal)
{
  _wb_server_source_clear (&refusal->timeout);
  g_io_stream_close_async (refusal->stream, G_PRIORITY_DEFAULT, NULL, on_refusal_closed_cb, refusal);
}

static gboolean
on_drain_timeout_cb (gpointer user_data)
{
  Refusal *refusal = user_data;

  g_clear_pointer (&refusal->timeout, g_source_unref);
  g_cancellable_cancel (refusal->cancellable);
  return G_SOURCE_REMOVE;
}

static void
on_drained_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Refusal *refusal = user_data;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, NULL);

  if (n <= 0 || (refusal->drained += n) > DRAIN_LIMIT)
    {
      close_refusal (refusal);
      return;
    }
  g_input_stream_read_async (G_INPUT_STREAM (source), refusal->buffer, sizeof refusal->buffer,
                             G_PRIORITY_DEFAULT, refusal->cancellable, on_drained_cb, refusal);
}

static void
on_refusal_written_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  Refusal *refusal = user_data;

  /* The client may have gone already. */
  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, NULL) || !refusal->drain)
    {
      close_refusal (refusal);
      return;
    }
  refusal->timeout = _wb_server_timeout_add_seconds (DRAIN_SECONDS, on_drain_timeout_cb, refusal);
  g_input_stream_read_async (g_io_stream_get_input_stream (refusal->stream), refusal->buffer, sizeof refusal->buffer,
                             G_PRIORITY_DEFAULT, refusal->cancellable, on_drained_cb, refusal);
}

/* Answers @problem and closes the connection: no more of it is read as a request. With
 * @drain, what the client still sends of its body is read and dropped first. */
static void
refuse_and_close (SoupServerMessage *msg,
                  WbProblem         *problem,
                  gboolean           drain)
{
  g_autofree char *body = wb_problem_to_json (problem);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *date = soup_date_time_to_string (now, SOUP_DATE_HTTP);
  const char *server = soup_message_headers_get_one (soup_server_message_get_response_headers (msg), "Server");
  GString *response = g_string_new (NULL);
  Refusal *refusal;
  GIOStream *stream;

  g_string_append_printf (response, "HTTP/1.1 %u %s\r\n", problem->status, soup_status_get_phrase (problem->status));
  g_string_append_printf (response, "Date: %s\r\n", date);
  if (server != NULL)
    g_string_append_printf (response, "Server: %s\r\n", server);
  g_string_append_printf (response,
                          "Content-Type: application/problem+json\r\n"
                          "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                          "Cache-Control: no-store\r\n"
                          "Connection: close\r\n"
                          "\r\n%s", strlen (body), body);

  /* @msg is most likely gone after this. */
  stream = soup_server_message_steal_connection (msg);
  if (stream == NULL)
    {
      g_string_free (response, TRUE);
      return;
    }
  refusal = g_new0 (Refusal, 1);
  refusal->stream = stream;
  refusal->response = g_string_free_to_bytes (response);
  refusal->drain = drain;
  refusal->cancellable = g_cancellable_new ();
  g_output_stream_write_all_async (g_io_stream_get_output_stream (stream),
                                   g_bytes_get_data (refusal->response, NULL),
                                   g_bytes_get_size (refusal->response),
                                   G_PRIORITY_DEFAULT, refusal->cancellable, on_refusal_written_cb, refusal);
}

static void
refuse_too_large (SoupServerMessage *msg)
{
  g_autoptr(WbProblem) problem = wb_problem_new (SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, _("The request is too large"),
                                                 _("A request body may be at most 1 MiB."));

  refuse_and_close (msg, problem, TRUE);
}

static gboolean
all_digits (const char *text)
{
  if (*text == '\0')
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/* Where the body ends must be told once and plainly: one Content-Length of digits only, or
 * chunks, never both (RFC 9112, section 6.3). libsoup joins repeated headers with commas
 * and would take the last; a proxy in front may take the first. */
static gboolean
check_framing (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *length = soup_message_headers_get_list (headers, "Content-Length");
  const char *transfer = soup_message_headers_get_list (headers, "Transfer-Encoding");
  g_autoptr(WbProblem) problem = NULL;

  if (length == NULL || (all_digits (length) && transfer == NULL))
    return TRUE;

  problem = wb_problem_new (SOUP_STATUS_BAD_REQUEST, _("The length of the request is not clear"),
                            transfer != NULL
                            ? _("A request says either Content-Length or Transfer-Encoding, not both.")
                            : _("A request says its Content-Length once, as a number."));
  wb_problem_add_error (problem, transfer != NULL ? "Transfer-Encoding" : "Content-Length",
                        _("conflicts with how else the request says where it ends"));
  /* Where the body ends is not known: nothing more is read. */
  refuse_and_close (msg, problem, FALSE);
  return FALSE;
}

/* Header values may not hold control characters (RFC 9110, section 5.5); libsoup itself
 * refuses a NUL only. */
static void
check_header_values (SoupServerMessage *msg)
{
  SoupMessageHeadersIter iter;
  const char *name, *value;

  soup_message_headers_iter_init (&iter, soup_server_message_get_request_headers (msg));
  while (soup_message_headers_iter_next (&iter, &name, &value))
    for (const char *p = value; *p != '\0'; p++)
      if (((guchar) *p < 0x20 && *p != '\t') || *p == 0x7f)
        {
          g_autoptr(WbProblem) problem = wb_problem_new (SOUP_STATUS_BAD_REQUEST, _("The request is not valid"),
                                                         _("A header holds a control character."));
          g_autofree char *message = g_strdup_printf (_("may not contain the control character U+%04X"), (guchar) *p);

          wb_problem_add_error (problem, name, message);
          soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Cache-Control", "no-store");
          _wb_server_send_problem (msg, problem);
          return;
        }
}

static void
on_got_chunk_cb (SoupServerMessage *msg,
                 GBytes            *chunk,
                 gpointer           user_data)
{
  guint64 size = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (msg), BODY_SIZE_KEY)) + g_bytes_get_size (chunk);

  /* Stop at the limit, before the next chunk is read, let alone kept. */
  if (size > WB_SERVER_MAX_BODY_SIZE)
    {
      refuse_too_large (msg);
      return;
    }
  g_object_set_data (G_OBJECT (msg), BODY_SIZE_KEY, GSIZE_TO_POINTER ((gsize) size));
}

static void
on_got_headers_cb (SoupServerMessage *msg,
                   gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  if (!check_framing (msg))
    return;

  switch (soup_message_headers_get_encoding (headers))
    {
    case SOUP_ENCODING_CONTENT_LENGTH:
      if (soup_message_headers_get_content_length (headers) > WB_SERVER_MAX_BODY_SIZE)
        {
          refuse_too_large (msg);
          return;
        }
      break;
    case SOUP_ENCODING_CHUNKED:
    case SOUP_ENCODING_EOF:
    case SOUP_ENCODING_BYTERANGES:
      g_signal_connect (msg, "got-chunk", G_CALLBACK (on_got_chunk_cb), NULL);
      break;
    case SOUP_ENCODING_UNRECOGNIZED:
    case SOUP_ENCODING_NONE:
    default:
      break;
    }

  if (soup_server_message_get_status (msg) == 0)
    check_header_values (msg);
}

static void
on_request_started_cb (SoupServer        *soup,
                       SoupServerMessage *msg,
                       gpointer           user_data)
{
  /* After libsoup's own handler of the signal, which it connected before this one. */
  g_signal_connect (msg, "got-headers", G_CALLBACK (on_got_headers_cb), NULL);
}

void
_wb_server_guard_attach (SoupServer *soup)
{
  g_return_if_fail (SOUP_IS_SERVER (soup));

  g_signal_connect (soup, "request-started", G_CALLBACK (on_request_started_cb), NULL);
}
