/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-server-durable"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-server-durable.h"
#include "wb-server-http.h"

/* Every held answer gets a ticket, in the order of the commits; a flush that begins after
 * ticket N was given puts every commit up to N on disk. The flusher thread takes the
 * highest ticket given, flushes, and reports; the main context sends the answers up to it.
 * Only the main context touches the messages. */

typedef struct {
  SoupServerMessage *msg;
  guint64 ticket;
} Held;

typedef struct {
  guint64 upto;
  gboolean ok;
} Flushed;

struct _WbDurable
{
  WbStore *store;
  GMainContext *context;
  WbDurableSyncFunc sync_func;
  gpointer sync_data;
  GThread *thread;

  GMutex mutex;
  GCond cond;
  guint64 given;       /* the last ticket given */
  guint64 flushing;    /* the last ticket a flush has begun for */
  GArray *flushed;     /* of Flushed, not yet sent: what the main context has to do */
  GSource *send;       /* pending on the context, or NULL */
  gboolean stopping;
  guint64 n_flushes;

  GQueue held;         /* of Held, by ticket; main context only */
};

static void
send_held (WbDurable *self,
           guint64    upto,
           gboolean   ok)
{
  Held *held;

  while ((held = g_queue_peek_head (&self->held)) != NULL && held->ticket <= upto)
    {
      g_queue_pop_head (&self->held);
      if (!ok)
        {
          SoupMessageHeaders *headers = soup_server_message_get_response_headers (held->msg);

          /* Committed, maybe even read by others, but not confirmed on disk: the caller
           * must not take it as kept. */
          soup_message_headers_remove (headers, "Location");
          soup_message_headers_remove (headers, "ETag");
          _wb_server_send_error (held->msg, SOUP_STATUS_INTERNAL_SERVER_ERROR,
                                 _("The write could not be put on disk"),
                                 _("The server's disk refused it. It may be lost; check before you send it again."));
        }
      soup_server_message_unpause (held->msg);
      g_object_unref (held->msg);
      g_free (held);
    }
}

/* On the main context: what the flusher has done. */
static gboolean
send_flushed_cb (gpointer data)
{
  WbDurable *self = data;
  g_autoptr(GArray) flushed = g_array_new (FALSE, FALSE, sizeof (Flushed));

  g_mutex_lock (&self->mutex);
  g_array_append_vals (flushed, self->flushed->data, self->flushed->len);
  g_array_set_size (self->flushed, 0);
  g_clear_pointer (&self->send, g_source_unref);
  g_mutex_unlock (&self->mutex);

  for (guint i = 0; i < flushed->len; i++)
    send_held (self, g_array_index (flushed, Flushed, i).upto, g_array_index (flushed, Flushed, i).ok);
  return G_SOURCE_REMOVE;
}

static gpointer
flusher_thread (gpointer data)
{
  WbDurable *self = data;

  g_mutex_lock (&self->mutex);
  while (TRUE)
    {
      g_autoptr(GError) error = NULL;
      Flushed flushed;

      while (!self->stopping && self->flushing == self->given)
        g_cond_wait (&self->cond, &self->mutex);
      if (self->flushing == self->given)
        break;
      flushed.upto = self->flushing = self->given;
      g_mutex_unlock (&self->mutex);

      flushed.ok = self->sync_func (self->sync_data, &error);
      if (!flushed.ok)
        g_critical ("Writes were committed but could not be put on disk: %s", error->message);

      g_mutex_lock (&self->mutex);
      self->n_flushes++;
      g_array_append_val (self->flushed, flushed);
      if (self->send == NULL && !self->stopping)
        {
          self->send = g_idle_source_new ();
          g_source_set_priority (self->send, G_PRIORITY_DEFAULT);
          g_source_set_callback (self->send, send_flushed_cb, self, NULL);
          g_source_attach (self->send, self->context);
        }
    }
  g_mutex_unlock (&self->mutex);
  return NULL;
}

static gboolean
store_sync (gpointer   user_data,
            GError   **error)
{
  return wb_store_sync (user_data, error);
}

WbDurable *
_wb_server_durable_new (WbStore      *store,
                        GMainContext *context)
{
  return _wb_server_durable_new_full (store, context, store_sync, store);
}

WbDurable *
_wb_server_durable_new_full (WbStore           *store,
                             GMainContext      *context,
                             WbDurableSyncFunc  sync_func,
                             gpointer           user_data)
{
  g_autoptr(GError) error = NULL;
  const char *path = wb_store_get_path (store);
  WbDurable *self;

  if (g_str_equal (path, ":memory:") || path[0] == '\0')
    return NULL;
  if (!wb_store_defer_sync (store, &error))
    {
      /* The store keeps committing with synchronous=FULL: every answer is durable as it is. */
      g_warning ("Writes are flushed one by one: %s", error->message);
      return NULL;
    }

  self = g_new0 (WbDurable, 1);
  self->store = g_object_ref (store);
  self->context = g_main_context_ref (context);
  self->sync_func = sync_func;
  self->sync_data = user_data;
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  self->flushed = g_array_new (FALSE, FALSE, sizeof (Flushed));
  g_queue_init (&self->held);
  self->thread = g_thread_new ("wb-flusher", flusher_thread, self);
  return self;
}

void
_wb_server_durable_hold (WbDurable         *self,
                         SoupServerMessage *msg)
{
  Held *held = g_new (Held, 1);

  held->msg = g_object_ref (msg);
  g_mutex_lock (&self->mutex);
  held->ticket = ++self->given;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->mutex);
  g_queue_push_tail (&self->held, held);
  soup_server_message_pause (msg);
}

guint64
_wb_server_durable_get_n_flushes (WbDurable *self)
{
  guint64 n_flushes;

  g_mutex_lock (&self->mutex);
  n_flushes = self->n_flushes;
  g_mutex_unlock (&self->mutex);
  return n_flushes;
}

void
_wb_server_durable_free (WbDurable *self)
{
  if (self == NULL)
    return;

  /* The flusher flushes what it was given before it ends. */
  g_mutex_lock (&self->mutex);
  self->stopping = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->mutex);
  g_thread_join (self->thread);

  if (self->send != NULL)
    {
      g_source_destroy (self->send);
      g_clear_pointer (&self->send, g_source_unref);
    }
  for (guint i = 0; i < self->flushed->len; i++)
    send_held (self, g_array_index (self->flushed, Flushed, i).upto, g_array_index (self->flushed, Flushed, i).ok);
  g_assert (g_queue_is_empty (&self->held));
  g_debug ("%" G_GUINT64_FORMAT " answers of writes held for %" G_GUINT64_FORMAT " flushes of the log",
           self->given, self->n_flushes);

  g_array_unref (self->flushed);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);
  g_main_context_unref (self->context);
  g_object_unref (self->store);
  g_free (self);
}
