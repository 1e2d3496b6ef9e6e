/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-server-follow"

#include "config.h"

#include "wb-server-follow.h"
#include "wb-server-source.h"
#include "wb-store-changes.h"

/* Writes by this server reach the modules right after their commit (_wb_server_changed);
 * this file catches the rest. PRAGMA data_version tells whether another connection has
 * committed since the last look: when it has not, every change since is our own and is
 * skipped without reading it. */

/* A big import is followed a batch per turn of the main loop, so that requests are
 * answered in between. */
#define BATCH 500
#define PRUNE_EVERY_US (G_GINT64_CONSTANT (60 * 60) * G_USEC_PER_SEC)

struct _WbFollower
{
  WbRouter *router;  /* not owned */
  WbStore *store;
  gint64 cursor;        /* the last seq looked at */
  gint64 data_version;  /* as it was before the rows up to cursor were read; -1 to read again */
  gint64 last_prune;    /* monotonic time */
  GSource *timeout;   /* in the server's context (wb-server-source.h) */
  GSource *idle;
};

static void
prune (WbFollower *self)
{
  g_autoptr(GError) error = NULL;
  gint64 removed;

  self->last_prune = g_get_monotonic_time ();
  removed = wb_store_changes_prune (self->store, g_get_real_time () / G_USEC_PER_SEC - WB_CHANGES_KEEP_SECONDS,
                                    &error);
  if (removed < 0)
    g_message ("Could not prune the change table: %s", error->message);
  else if (removed > 0)
    g_debug ("Pruned %" G_GINT64_FORMAT " old changes", removed);
}

static gboolean on_idle_cb (gpointer data);

static void
schedule_more (WbFollower *self)
{
  if (self->idle == NULL)
    self->idle = _wb_server_idle_add (G_PRIORITY_LOW, on_idle_cb, self);
}

void
_wb_server_follower_poll (WbFollower *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  gint64 last, version;

  /* The order matters: the last seq first, then the data version. When the version has not
   * moved, nobody else committed before it was read, so nothing up to that seq is theirs. */
  last = wb_store_changes_last_seq (self->store, &error);
  version = last >= 0 ? wb_store_get_data_version (self->store, &error) : -1;
  if (last < 0 || version < 0)
    {
      g_message ("Could not follow the change table: %s", error->message);
      return;
    }
  if (version == self->data_version)
    {
      if (last > self->cursor)
        {
          self->cursor = last;
          wb_store_changes_forget_own (self->store, last);
        }
      return;
    }

  /* Read after the version: a commit after that moves the version again. */
  changes = wb_store_changes_since (self->store, self->cursor, BATCH, &error);
  if (changes == NULL)
    {
      g_message ("Could not read the change table: %s", error->message);
      return;
    }
  for (guint i = 0; i < changes->len; i++)
    {
      WbStoreChange *change = changes->pdata[i];
      const WbResourceSpec *spec;

      self->cursor = change->seq;
      if (change->own)
        continue;
      /* The review queue, notifications and the like are the writer's business: only
       * the records of the schema table are kept in the modules' memory. */
      spec = wb_resource_spec_lookup (change->resource);
      if (spec != NULL)
        _wb_router_follow (self->router, self->store, spec->resource, change->id);
    }
  wb_store_changes_forget_own (self->store, self->cursor);
  if (changes->len == BATCH)
    {
      self->data_version = -1;
      schedule_more (self);
    }
  else
    self->data_version = version;
}

static gboolean
on_idle_cb (gpointer data)
{
  WbFollower *self = data;

  g_clear_pointer (&self->idle, g_source_unref);
  _wb_server_follower_poll (self);
  return G_SOURCE_REMOVE;
}

static gboolean
on_timeout_cb (gpointer data)
{
  WbFollower *self = data;

  _wb_server_follower_poll (self);
  if (g_get_monotonic_time () - self->last_prune > PRUNE_EVERY_US)
    prune (self);
  return G_SOURCE_CONTINUE;
}

WbFollower *
_wb_server_follower_new (WbRouter *router,
                         WbStore  *store)
{
  WbFollower *self = g_new0 (WbFollower, 1);

  self->router = router;
  self->store = g_object_ref (store);
  wb_store_changes_track_own (store);
  /* What was in the table at start is in the modules' memory already: they loaded it. */
  self->cursor = MAX (wb_store_changes_last_seq (store, NULL), 0);
  self->data_version = wb_store_get_data_version (store, NULL);
  prune (self);
  self->timeout = _wb_server_timeout_add (WB_FOLLOW_INTERVAL_MS, on_timeout_cb, self);
  return self;
}

void
_wb_server_follower_free (WbFollower *self)
{
  if (self == NULL)
    return;
  _wb_server_source_clear (&self->timeout);
  _wb_server_source_clear (&self->idle);
  g_clear_object (&self->store);
  g_free (self);
}
