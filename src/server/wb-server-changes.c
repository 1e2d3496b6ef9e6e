/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-server-changes"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wb-server-auth.h"
#include "wb-server-drain.h"
#include "wb-server-modules.h"
#include "wb-server-source.h"
#include "wb-store-changes.h"

/* Module: GET /api/v1/changes, the change feed as server-sent events. Each open feed is a
 * stream with its own position in the change table; what is new is read once for all of
 * them and sent to each caller as far as the policy lets them read the record. Everything
 * runs on the main context and nothing waits. A feed is written no faster than its client
 * reads: past a little queued, it waits at its position in the table (which holds the
 * changes anyway) until the socket has taken what was queued; one that stays stuck for
 * four heartbeats is closed, and a client that went away is dropped when libsoup says so.
 * See docs/api.md, "The change feed". */

#define POLL_MS 250
#define BATCH 1000
#define DEFAULT_HEARTBEAT_SECONDS 15
/* Queued for one client beyond what the socket took: past this, no more is queued until
 * the socket has taken it down to the low mark. */
#define HIGH_WATER (64 * 1024)
#define LOW_WATER (16 * 1024)
/* Heartbeats that a feed may stay full before it is closed; its client resumes from its
 * Last-Event-ID. */
#define STUCK_HEARTBEATS 4

typedef struct _Changes Changes;

typedef struct {
  Changes *owner;
  SoupServerMessage *msg;
  WbCaller caller;
  char *token_hash;
  gint64 cursor;       /* the last seq looked at for this client */
  gsize queued;        /* appended, not yet written to the socket */
  guint full_beats;    /* heartbeats in a row at which the feed was full */
  gboolean done;       /* completed by us or finished by libsoup */
} Stream;

struct _Changes
{
  WbStore *store;      /* the write connection, used on the main context only */
  GPtrArray *streams;  /* of Stream */
  GSource *poll;       /* in the server's context (wb-server-source.h), as all of these */
  GSource *heartbeat;
  GSource *flush;
  guint heartbeat_seconds;
};

/* A stream is reference counted: libsoup may finish its message while a loop over the
 * feeds is under way, and the loop keeps it alive. */
static void
stream_clear (Stream *stream)
{
  g_signal_handlers_disconnect_by_data (stream->msg, stream);
  g_object_unref (stream->msg);
  g_free (stream->token_hash);
}

static void
stream_release (Stream *stream)
{
  g_rc_box_release_full (stream, (GDestroyNotify) stream_clear);
}

static gpointer
stream_acquire (gconstpointer stream,
                gpointer      data)
{
  return g_rc_box_acquire ((gpointer) stream);
}

/* The open feeds as they are now, each held for the caller's loop. */
static GPtrArray *
copy_streams (GPtrArray *streams)
{
  GPtrArray *copy = g_ptr_array_copy (streams, stream_acquire, NULL);

  g_ptr_array_set_free_func (copy, (GDestroyNotify) stream_release);
  return copy;
}

static void
send_text (Stream     *stream,
           const char *text)
{
  gsize length = strlen (text);

  if (stream->done)
    return;
  stream->queued += length;
  soup_message_body_append (soup_server_message_get_response_body (stream->msg), SOUP_MEMORY_COPY, text, length);
  soup_server_message_unpause (stream->msg);
}

/* Ends the feed: what is queued is still written, then the response ends. */
static void
stream_complete (Stream *stream)
{
  if (stream->done)
    return;
  soup_message_body_complete (soup_server_message_get_response_body (stream->msg));
  soup_server_message_unpause (stream->msg);
  stream->done = TRUE;
}

/* Drops a client that does not keep up, at once, without writing what is queued. */
static void
stream_abort (Stream *stream)
{
  GSocket *socket = soup_server_message_get_socket (stream->msg);

  if (stream->done)
    return;
  g_debug ("Closing a change feed whose client does not read (%" G_GSIZE_FORMAT " bytes queued)", stream->queued);
  stream->done = TRUE;
  if (socket != NULL)
    g_socket_shutdown (socket, TRUE, TRUE, NULL);
}

static void
on_finished_cb (SoupServerMessage *msg,
                gpointer           user_data)
{
  Stream *stream = user_data;

  stream->done = TRUE;
  g_ptr_array_remove_fast (stream->owner->streams, stream);
}

static gboolean
is_full (Stream *stream)
{
  return stream->queued >= HIGH_WATER;
}

static void schedule_flush (Changes *self);

static void
on_wrote_body_data_cb (SoupServerMessage *msg,
                       guint              size,
                       gpointer           user_data)
{
  Stream *stream = user_data;
  gboolean was_full = is_full (stream);

  stream->queued -= MIN (stream->queued, size);
  /* Room again: on from where it stopped. */
  if (was_full || (stream->queued < LOW_WATER && stream->full_beats > 0))
    {
      stream->full_beats = 0;
      schedule_flush (stream->owner);
    }
}

/* What the caller may know: that a record they may read (in full or pseudonymously)
 * changed. The policy's table for the records of the schema; for the rest, who sees it. */
static gboolean
may_see (const WbCaller      *caller,
         const WbStoreChange *change)
{
  const WbResourceSpec *spec = wb_resource_spec_lookup (change->resource);
  WbResource resource;
  WbScope scope;

  if (spec == NULL)
    {
      if (g_str_equal (change->resource, "notifications") || g_str_equal (change->resource, "alerts"))
        return change->user_id != 0 && change->user_id == caller->id;
      if (g_str_equal (change->resource, "reviews"))
        return caller->role == WB_ROLE_COORDINATOR;
      if (!g_str_equal (change->resource, "account-history"))
        return FALSE;
      resource = WB_RESOURCE_EMPLOYERS;
    }
  else
    resource = spec->resource;

  switch (resource)
    {
    case WB_RESOURCE_MUNICIPALITIES:
    case WB_RESOURCE_COMPETENCES:
    case WB_RESOURCE_OCCUPATIONS:
    case WB_RESOURCE_TARGETS:
      scope = WB_SCOPE_OWN;
      break;
    default:
      if (change->organisation_id != 0 && change->organisation_id == caller->organisation_id)
        scope = WB_SCOPE_OWN;
      else if (change->user_id != 0 && change->user_id == caller->id)
        scope = WB_SCOPE_REFERRED;
      else
        scope = WB_SCOPE_OTHER;
      break;
    }
  return wb_policy_decide (caller->role, resource, WB_ACTION_READ, scope) != WB_DECISION_DENY;
}

/* What a change says: which record, how, its version, its parent; nothing of its contents. */
static JsonNode *
change_to_node (const WbStoreChange *change)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "seq");
  json_builder_add_int_value (builder, change->seq);
  json_builder_set_member_name (builder, "resource");
  json_builder_add_string_value (builder, change->resource);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, change->id);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, wb_change_kind_to_string (change->kind));
  if (change->version > 0)
    {
      json_builder_set_member_name (builder, "version");
      json_builder_add_int_value (builder, change->version);
    }
  if (change->parent_resource != NULL)
    {
      json_builder_set_member_name (builder, "parent");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "resource");
      json_builder_add_string_value (builder, change->parent_resource);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, change->parent_id);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* One server-sent event: the id is the seq, so that a client resumes with Last-Event-ID. */
static char *
format_event (const WbStoreChange *change)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = change_to_node (change);
  g_autofree char *data = NULL;

  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, NULL);
  return g_strdup_printf ("id: %" G_GINT64_FORMAT "\nevent: change\ndata: %s\n\n", change->seq, data);
}

static gboolean on_flush_cb (gpointer data);

static void
schedule_flush (Changes *self)
{
  if (self->flush == NULL && self->streams->len > 0)
    self->flush = _wb_server_idle_add (G_PRIORITY_DEFAULT_IDLE, on_flush_cb, self);
}

/* Reads what is new once, from the feed furthest behind among those with room, and gives
 * each feed its part; a feed that fills up stops at the change it reached. */
static void
flush (Changes *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) streams = NULL;
  gint64 last, from = G_MAXINT64, to;

  if (self->streams->len == 0)
    return;
  last = wb_store_changes_last_seq (self->store, &error);
  if (last < 0)
    {
      g_message ("Could not read the change table: %s", error->message);
      return;
    }
  for (guint i = 0; i < self->streams->len; i++)
    {
      Stream *stream = self->streams->pdata[i];

      if (!stream->done && !is_full (stream))
        from = MIN (from, stream->cursor);
    }
  if (from >= last)
    return;

  changes = wb_store_changes_since (self->store, from, BATCH, &error);
  if (changes == NULL)
    {
      g_message ("Could not read the change table: %s", error->message);
      return;
    }
  to = changes->len == BATCH ? ((WbStoreChange *) changes->pdata[changes->len - 1])->seq : last;

  /* A feed may end while it is written to (its client gone): walk a copy. */
  streams = copy_streams (self->streams);
  for (guint s = 0; s < streams->len; s++)
    {
      Stream *stream = streams->pdata[s];

      if (stream->done || is_full (stream) || stream->cursor < from)
        continue;
      for (guint i = 0; i < changes->len && !is_full (stream); i++)
        {
          const WbStoreChange *change = changes->pdata[i];

          if (change->seq <= stream->cursor)
            continue;
          if (may_see (&stream->caller, change))
            {
              g_autofree char *event = format_event (change);

              send_text (stream, event);
            }
          stream->cursor = change->seq;
        }
      if (!is_full (stream))
        stream->cursor = MAX (stream->cursor, to);
    }
  if (to < last)
    schedule_flush (self);
}

static gboolean
on_flush_cb (gpointer data)
{
  Changes *self = data;

  g_clear_pointer (&self->flush, g_source_unref);
  flush (self);
  return G_SOURCE_REMOVE;
}

static gboolean
on_poll_cb (gpointer data)
{
  flush (data);
  return G_SOURCE_CONTINUE;
}

/* Whether the session the feed was opened with still holds, for the same user and role. */
static gboolean
session_holds (Changes *self,
               Stream  *stream)
{
  g_autoptr(WbStoreUser) user = NULL;
  gint64 user_id = wb_store_lookup_session (self->store, stream->token_hash, g_get_real_time () / G_USEC_PER_SEC);
  WbRole role;

  if (user_id == 0 || user_id != stream->caller.id)
    return FALSE;
  user = wb_store_find_user (self->store, NULL, user_id, NULL);
  return user != NULL && user->active && wb_role_from_string (user->role, &role) &&
         role == stream->caller.role && user->organisation_id == stream->caller.organisation_id;
}

static gboolean
on_heartbeat_cb (gpointer data)
{
  Changes *self = data;
  g_autoptr(GPtrArray) streams = copy_streams (self->streams);

  for (guint i = 0; i < streams->len; i++)
    {
      Stream *stream = streams->pdata[i];

      if (stream->done)
        continue;
      if (!session_holds (self, stream))
        {
          send_text (stream, "event: session-ended\ndata: {}\n\n");
          stream_complete (stream);
          continue;
        }
      if (!is_full (stream))
        {
          stream->full_beats = 0;
          send_text (stream, ": heartbeat\n\n");
        }
      else if (++stream->full_beats >= STUCK_HEARTBEATS)
        stream_abort (stream);
    }
  return G_SOURCE_CONTINUE;
}

static void
update_timers (Changes *self)
{
  if (self->streams->len > 0 && self->poll == NULL)
    {
      self->poll = _wb_server_timeout_add (POLL_MS, on_poll_cb, self);
      self->heartbeat = _wb_server_timeout_add_seconds (self->heartbeat_seconds, on_heartbeat_cb, self);
    }
}

/* Since where the client asks: ?since= or the Last-Event-ID of a reconnecting
 * EventSource; -1 when it does not ask, 0 and up when it does, or -2 after a 400. */
static gint64
requested_position (WbRequest *request)
{
  const char *since = _wb_server_query_param (request, "since");
  guint64 value;

  if (since == NULL)
    since = soup_message_headers_get_one (soup_server_message_get_request_headers (request->msg), "Last-Event-ID");
  if (since == NULL)
    return -1;
  if (!g_ascii_string_to_unsigned (since, 10, 0, G_MAXINT64, &value, NULL))
    {
      _wb_server_send_error (request->msg, SOUP_STATUS_BAD_REQUEST, _("Invalid position"),
                             _("since and Last-Event-ID are the seq of a change: a whole number from 0."));
      return -2;
    }
  return (gint64) value;
}

/* Without Accept: text/event-stream, one answer in JSON: the changes after @since the
 * caller may see, at most a batch; "seq" is where the next call starts. */
static void
send_page (WbRequest *request,
           gint64     since,
           gint64     start,
           gint64     last)
{
  Changes *self = request->module;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(JsonObject) page = json_object_new ();
  JsonArray *items = json_array_new ();
  gboolean reset = since >= 0 && (since < start || since > last);
  gint64 seq = last;

  json_object_set_array_member (page, "items", items);
  if (since >= 0 && !reset)
    {
      changes = wb_store_changes_since (self->store, since, BATCH, &error);
      if (changes == NULL)
        {
          _wb_server_send_store_error (request->msg, error);
          return;
        }
      if (changes->len == BATCH)
        seq = ((WbStoreChange *) changes->pdata[changes->len - 1])->seq;
      for (guint i = 0; i < changes->len; i++)
        if (may_see (&request->caller, changes->pdata[i]))
          json_array_add_element (items, change_to_node (changes->pdata[i]));
    }
  json_object_set_int_member (page, "seq", seq);
  json_object_set_boolean_member (page, "reset", reset);
  json_object_set_boolean_member (page, "more", seq < last);
  _wb_server_send_object (request->msg, SOUP_STATUS_OK, page);
}

static gboolean
wants_events (WbRequest *request)
{
  const char *accept = soup_message_headers_get_list (soup_server_message_get_request_headers (request->msg), "Accept");

  return accept != NULL && strstr (accept, "text/event-stream") != NULL;
}

static void
handle_changes (WbRequest *request)
{
  static const char * const known[] = { "since", NULL };
  Changes *self = request->module;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  Stream *stream;
  gint64 since, last, start;

  if (!_wb_server_check_query (request, known) || (since = requested_position (request)) == -2)
    return;

  last = wb_store_changes_last_seq (self->store, &error);
  start = last >= 0 ? wb_store_changes_history_start (self->store, &error) : -1;
  if (last < 0 || start < 0)
    {
      _wb_server_send_store_error (request->msg, error);
      return;
    }

  if (!wants_events (request))
    {
      send_page (request, since, start, last);
      return;
    }

  headers = soup_server_message_get_response_headers (request->msg);
  soup_message_headers_set_content_type (headers, "text/event-stream", NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_headers_replace (headers, "X-Accel-Buffering", "no");
  soup_server_message_set_status (request->msg, SOUP_STATUS_OK, NULL);
  soup_message_body_set_accumulate (soup_server_message_get_response_body (request->msg), FALSE);

  stream = g_rc_box_new0 (Stream);
  stream->owner = self;
  stream->msg = g_object_ref (request->msg);
  stream->caller = request->caller;
  stream->token_hash = _wb_server_auth_token_hash (request);
  g_signal_connect (request->msg, "finished", G_CALLBACK (on_finished_cb), stream);
  g_signal_connect (request->msg, "wrote-body-data", G_CALLBACK (on_wrote_body_data_cb), stream);
  g_ptr_array_add (self->streams, stream);
  wb_server_drain_release (request->msg);

  /* How long to wait before reconnecting, for an EventSource; then where it stands. */
  send_text (stream, "retry: 2000\n\n");
  if (since < 0)
    stream->cursor = last;
  else if (since < start || since > last)
    {
      /* Pruned since, or a position this database never had (restored from a backup):
       * the client reloads what it shows and follows from here. */
      g_autofree char *reset = g_strdup_printf ("id: %" G_GINT64_FORMAT "\nevent: reset\ndata: {\"seq\":%"
                                                G_GINT64_FORMAT "}\n\n", last, last);

      send_text (stream, reset);
      stream->cursor = last;
    }
  else
    stream->cursor = since;
  {
    g_autofree char *ready = g_strdup_printf ("event: ready\ndata: {\"seq\":%" G_GINT64_FORMAT "}\n\n", last);

    send_text (stream, ready);
  }

  update_timers (self);
  schedule_flush (self);
}

/* A write of this server: sent at once rather than at the next poll. */
static void
on_changed (gpointer    module,
            WbStore    *store,
            WbResource  resource,
            gint64      id)
{
  schedule_flush (module);
}

static void
changes_free (Changes *self)
{
  _wb_server_source_clear (&self->poll);
  _wb_server_source_clear (&self->heartbeat);
  _wb_server_source_clear (&self->flush);
  g_ptr_array_unref (self->streams);
  g_clear_object (&self->store);
  g_free (self);
}

static const WbRoute routes[] = {
  { "GET", "/api/v1/changes", handle_changes, WB_ROUTE_STREAMS },
};

void
_wb_server_changes_init (WbServerModule *module,
                         WbStore        *store)
{
  Changes *self = g_new0 (Changes, 1);
  const char *heartbeat = g_getenv ("WB_CHANGES_HEARTBEAT_SECONDS");  /* for tests */
  guint64 seconds;

  self->store = g_object_ref (store);
  self->streams = g_ptr_array_new_with_free_func ((GDestroyNotify) stream_release);
  self->heartbeat_seconds = DEFAULT_HEARTBEAT_SECONDS;
  if (heartbeat != NULL && g_ascii_string_to_unsigned (heartbeat, 10, 1, 3600, &seconds, NULL))
    self->heartbeat_seconds = seconds;

  module->routes = routes;
  module->n_routes = G_N_ELEMENTS (routes);
  module->changed = on_changed;
  module->followed = on_changed;
  module->state = self;
  module->free_state = (GDestroyNotify) changes_free;
}
