/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-server-drain"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-server-drain.h"
#include "wb-server-http.h"
#include "wb-server-source.h"

#define COUNTED_KEY "wb-drain-counted"

struct _WbServerDrain
{
  GObject parent_instance;

  guint in_flight;
  gboolean draining;
  GSourceFunc done;
  gpointer done_data;
};

G_DEFINE_FINAL_TYPE (WbServerDrain, wb_server_drain, G_TYPE_OBJECT)

static void
check_done (WbServerDrain *self)
{
  if (self->draining && self->in_flight == 0 && self->done != NULL)
    {
      GSourceFunc done = g_steal_pointer (&self->done);

      g_source_unref (_wb_server_idle_add (G_PRIORITY_DEFAULT_IDLE, done, self->done_data));
    }
}

/* A request counts from when its headers are in: a keep-alive connection that waits for
 * its next request is not one. */
static void
on_got_headers_cb (SoupServerMessage *msg,
                   gpointer           user_data)
{
  WbServerDrain *self = user_data;

  self->in_flight++;
  g_object_set_data (G_OBJECT (msg), COUNTED_KEY, self);
  if (self->draining && soup_server_message_get_status (msg) == 0)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");
      _wb_server_send_error (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, _("The server is stopping"),
                             _("Try again in a moment, when it has started again."));
    }
}

static void
on_request_started_cb (SoupServer        *soup,
                       SoupServerMessage *msg,
                       gpointer           user_data)
{
  g_signal_connect_object (msg, "got-headers", G_CALLBACK (on_got_headers_cb), user_data, 0);
}

static void
on_request_done_cb (SoupServer        *soup,
                    SoupServerMessage *msg,
                    gpointer           user_data)
{
  WbServerDrain *self = user_data;

  if (g_object_get_data (G_OBJECT (msg), COUNTED_KEY) == NULL)
    return;
  g_object_set_data (G_OBJECT (msg), COUNTED_KEY, NULL);
  g_assert (self->in_flight > 0);
  self->in_flight--;
  check_done (self);
}

void
wb_server_drain_release (SoupServerMessage *msg)
{
  WbServerDrain *self = g_object_get_data (G_OBJECT (msg), COUNTED_KEY);

  if (self == NULL)
    return;
  g_object_set_data (G_OBJECT (msg), COUNTED_KEY, NULL);
  g_assert (self->in_flight > 0);
  self->in_flight--;
  check_done (self);
}

static void
wb_server_drain_class_init (WbServerDrainClass *klass)
{
}

static void
wb_server_drain_init (WbServerDrain *self)
{
}

WbServerDrain *
wb_server_drain_new (void)
{
  return g_object_new (WB_TYPE_SERVER_DRAIN, NULL);
}

void
wb_server_drain_watch (WbServerDrain *self,
                       SoupServer    *soup)
{
  g_return_if_fail (WB_IS_SERVER_DRAIN (self));
  g_return_if_fail (SOUP_IS_SERVER (soup));

  g_signal_connect_object (soup, "request-started", G_CALLBACK (on_request_started_cb), self, 0);
  g_signal_connect_object (soup, "request-finished", G_CALLBACK (on_request_done_cb), self, 0);
  g_signal_connect_object (soup, "request-aborted", G_CALLBACK (on_request_done_cb), self, 0);
}

guint
wb_server_drain_get_in_flight (WbServerDrain *self)
{
  g_return_val_if_fail (WB_IS_SERVER_DRAIN (self), 0);
  return self->in_flight;
}

void
wb_server_drain_start (WbServerDrain *self,
                       GSourceFunc    done,
                       gpointer       user_data)
{
  g_return_if_fail (WB_IS_SERVER_DRAIN (self));
  g_return_if_fail (done != NULL);

  self->draining = TRUE;
  self->done = done;
  self->done_data = user_data;
  check_done (self);
}
