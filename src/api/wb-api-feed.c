/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-api-feed"

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "wb-api-feed.h"
#include "wb-api-private.h"

struct _WbApiFeed
{
  GObject parent_instance;

  WbApiClient *client;
  GCancellable *cancellable;  /* of the open connection, or the wait before the next */
  GDataInputStream *lines;
  GString *event;             /* the event field of the event being read */
  GString *data;
  char *id;
  gint64 last_seq;            /* -1 before the first: start at the newest */
  guint retry_id;
  guint backoff;              /* seconds before the next attempt */
  gboolean running;
  gboolean connected;
};

G_DEFINE_FINAL_TYPE (WbApiFeed, wb_api_feed, G_TYPE_OBJECT)

enum {
  CHANGE,
  RESET,
  SESSION_ENDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define MAX_BACKOFF 30

G_DEFINE_BOXED_TYPE (WbApiChange, wb_api_change, wb_api_change_copy, wb_api_change_free)

WbApiChange *
wb_api_change_copy (const WbApiChange *change)
{
  WbApiChange *copy = g_new0 (WbApiChange, 1);

  *copy = *change;
  copy->resource = g_strdup (change->resource);
  copy->kind = g_strdup (change->kind);
  copy->parent_resource = g_strdup (change->parent_resource);
  return copy;
}

void
wb_api_change_free (WbApiChange *change)
{
  if (change == NULL)
    return;
  g_free (change->resource);
  g_free (change->kind);
  g_free (change->parent_resource);
  g_free (change);
}

gboolean
wb_api_change_concerns (const WbApiChange *change,
                        const char        *resource,
                        gint64             id)
{
  g_return_val_if_fail (change != NULL, FALSE);

  return (g_strcmp0 (change->resource, resource) == 0 && change->id == id) ||
         (g_strcmp0 (change->parent_resource, resource) == 0 && change->parent_id == id);
}

static void connect_feed (WbApiFeed *self);

static void
close_connection (WbApiFeed *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->lines);
  self->connected = FALSE;
}

static gboolean
on_retry_cb (gpointer data)
{
  WbApiFeed *self = data;

  self->retry_id = 0;
  connect_feed (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_retry (WbApiFeed *self)
{
  close_connection (self);
  if (!self->running || self->retry_id != 0)
    return;
  g_debug ("The change feed is closed; trying again in %u s", self->backoff);
  self->retry_id = g_timeout_add_seconds (self->backoff, on_retry_cb, self);
  self->backoff = MIN (self->backoff * 2, MAX_BACKOFF);
}

static void
dispatch (WbApiFeed *self)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;

  if (self->id != NULL)
    {
      gint64 seq = g_ascii_strtoll (self->id, NULL, 10);

      if (seq > 0)
        self->last_seq = seq;
    }

  if (g_str_equal (self->event->str, "session-ended"))
    {
      self->running = FALSE;
      close_connection (self);
      g_signal_emit (self, signals[SESSION_ENDED], 0);
      return;
    }
  node = self->data->len > 0 ? json_from_string (self->data->str, NULL) : NULL;
  object = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  if (g_str_equal (self->event->str, "ready"))
    {
      if (object != NULL && self->last_seq < 0)
        self->last_seq = json_object_get_int_member_with_default (object, "seq", 0);
      self->backoff = 1;
    }
  else if (g_str_equal (self->event->str, "reset"))
    g_signal_emit (self, signals[RESET], 0);
  else if (g_str_equal (self->event->str, "change") && object != NULL)
    {
      WbApiChange change = {
        .seq = json_object_get_int_member_with_default (object, "seq", 0),
        .resource = (char *) json_object_get_string_member_with_default (object, "resource", ""),
        .id = json_object_get_int_member_with_default (object, "id", 0),
        .kind = (char *) json_object_get_string_member_with_default (object, "kind", "changed"),
        .version = json_object_get_int_member_with_default (object, "version", 0),
      };
      JsonNode *parent_node = json_object_get_member (object, "parent");
      JsonObject *parent = parent_node != NULL && JSON_NODE_HOLDS_OBJECT (parent_node)
                           ? json_node_get_object (parent_node) : NULL;

      if (parent != NULL)
        {
          change.parent_resource = (char *) json_object_get_string_member_with_default (parent, "resource", NULL);
          change.parent_id = json_object_get_int_member_with_default (parent, "id", 0);
        }
      g_signal_emit (self, signals[CHANGE], 0, &change);
    }
}

static void read_next_line (WbApiFeed *self);

static void
on_line_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(WbApiFeed) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = g_data_input_stream_read_line_finish (G_DATA_INPUT_STREAM (source), result, NULL, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || G_DATA_INPUT_STREAM (source) != self->lines)
    return;
  if (line == NULL)
    {
      schedule_retry (self);
      return;
    }

  if (line[0] == '\0')
    {
      if (self->event->len > 0 || self->data->len > 0)
        dispatch (self);
      g_string_truncate (self->event, 0);
      g_string_truncate (self->data, 0);
      g_clear_pointer (&self->id, g_free);
    }
  else if (g_str_has_prefix (line, "event:"))
    g_string_assign (self->event, g_strstrip (line + strlen ("event:")));
  else if (g_str_has_prefix (line, "data:"))
    {
      if (self->data->len > 0)
        g_string_append_c (self->data, '\n');
      g_string_append (self->data, line[5] == ' ' ? line + 6 : line + 5);
    }
  else if (g_str_has_prefix (line, "id:"))
    {
      g_free (self->id);
      self->id = g_strdup (g_strstrip (line + strlen ("id:")));
    }

  if (self->running && self->lines != NULL)
    read_next_line (self);
}

static void
read_next_line (WbApiFeed *self)
{
  g_data_input_stream_read_line_async (self->lines, G_PRIORITY_DEFAULT, self->cancellable, on_line_cb,
                                       g_object_ref (self));
}

static void
on_sent_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(WbApiFeed) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) body = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  guint status = msg != NULL ? soup_message_get_status (msg) : 0;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (body == NULL || status != SOUP_STATUS_OK)
    {
      if (status == SOUP_STATUS_UNAUTHORIZED)
        {
          self->running = FALSE;
          close_connection (self);
          g_signal_emit (self, signals[SESSION_ENDED], 0);
          return;
        }
      schedule_retry (self);
      return;
    }
  self->connected = TRUE;
  self->lines = g_data_input_stream_new (body);
  g_data_input_stream_set_newline_type (self->lines, G_DATA_STREAM_NEWLINE_TYPE_ANY);
  read_next_line (self);
}

static void
connect_feed (WbApiFeed *self)
{
  g_autofree char *url = g_strconcat (wb_api_client_get_base_url (self->client), "api/v1/changes", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  SoupMessageHeaders *headers;
  const char *token = wb_api_client_get_token (self->client);

  close_connection (self);
  if (msg == NULL || token == NULL)
    return;
  headers = soup_message_get_request_headers (msg);
  soup_message_headers_replace (headers, "Accept", "text/event-stream");
  {
    g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);

    soup_message_headers_replace (headers, "Authorization", authorization);
  }
  if (self->last_seq >= 0)
    {
      g_autofree char *since = g_strdup_printf ("%" G_GINT64_FORMAT, self->last_seq);

      soup_message_headers_replace (headers, "Last-Event-ID", since);
    }
  self->cancellable = g_cancellable_new ();
  soup_session_send_async (_wb_api_client_get_session (self->client), msg, G_PRIORITY_DEFAULT, self->cancellable,
                           on_sent_cb, g_object_ref (self));
}

static void
wb_api_feed_dispose (GObject *object)
{
  WbApiFeed *self = (WbApiFeed *) object;

  self->running = FALSE;
  close_connection (self);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (wb_api_feed_parent_class)->dispose (object);
}

static void
wb_api_feed_finalize (GObject *object)
{
  WbApiFeed *self = (WbApiFeed *) object;

  g_string_free (self->event, TRUE);
  g_string_free (self->data, TRUE);
  g_free (self->id);

  G_OBJECT_CLASS (wb_api_feed_parent_class)->finalize (object);
}

static void
wb_api_feed_class_init (WbApiFeedClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wb_api_feed_dispose;
  object_class->finalize = wb_api_feed_finalize;

  signals[CHANGE] = g_signal_new ("change", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, WB_TYPE_API_CHANGE | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[RESET] = g_signal_new ("reset", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 0);
  signals[SESSION_ENDED] = g_signal_new ("session-ended", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                         NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
wb_api_feed_init (WbApiFeed *self)
{
  self->event = g_string_new (NULL);
  self->data = g_string_new (NULL);
  self->last_seq = -1;
  self->backoff = 1;
}

WbApiFeed *
wb_api_feed_new (WbApiClient *client)
{
  WbApiFeed *self;

  g_return_val_if_fail (WB_IS_API_CLIENT (client), NULL);

  self = g_object_new (WB_TYPE_API_FEED, NULL);
  self->client = g_object_ref (client);
  return self;
}

void
wb_api_feed_start (WbApiFeed *self)
{
  g_return_if_fail (WB_IS_API_FEED (self));

  if (self->running)
    return;
  self->running = TRUE;
  self->backoff = 1;
  connect_feed (self);
}

void
wb_api_feed_stop (WbApiFeed *self)
{
  g_return_if_fail (WB_IS_API_FEED (self));

  self->running = FALSE;
  close_connection (self);
  g_clear_handle_id (&self->retry_id, g_source_remove);
}

gboolean
wb_api_feed_is_connected (WbApiFeed *self)
{
  g_return_val_if_fail (WB_IS_API_FEED (self), FALSE);
  return self->connected;
}

gint64
wb_api_feed_get_last_seq (WbApiFeed *self)
{
  g_return_val_if_fail (WB_IS_API_FEED (self), -1);
  return self->last_seq;
}
