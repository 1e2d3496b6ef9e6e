/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-server-throttle"

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "wb-server-throttle.h"

/* A username longer than this is counted under its first so many bytes. */
#define MAX_KEY 256

typedef struct {
  guint failures;
  gint64 last_failure;   /* monotonic microseconds */
  gint64 blocked_until;
} Entry;

struct _WbThrottle {
  WbThrottleConfig config;
  GMutex lock;
  GHashTable *users;      /* username -> Entry */
  GHashTable *addresses;  /* address key -> Entry */
};

WbThrottle *
_wb_throttle_new (const WbThrottleConfig *config)
{
  WbThrottle *self = g_new0 (WbThrottle, 1);

  g_return_val_if_fail (config != NULL, NULL);

  self->config = *config;
  g_mutex_init (&self->lock);
  self->users = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->addresses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return self;
}

void
_wb_throttle_free (WbThrottle *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->users, g_hash_table_unref);
  g_clear_pointer (&self->addresses, g_hash_table_unref);
  g_mutex_clear (&self->lock);
  g_free (self);
}

void
_wb_throttle_configure (WbThrottle             *self,
                        const WbThrottleConfig *config)
{
  g_return_if_fail (config != NULL);

  g_mutex_lock (&self->lock);
  self->config = *config;
  g_mutex_unlock (&self->lock);
}

char *
_wb_throttle_address_key (const char *address)
{
  g_autoptr(GInetAddress) inet = NULL;
  g_autoptr(GInetAddress) network = NULL;
  guint8 bytes[16];
  g_autofree char *text = NULL;

  if (address == NULL)
    return g_strdup ("unknown");
  inet = g_inet_address_new_from_string (address);
  if (inet == NULL || g_inet_address_get_family (inet) != G_SOCKET_FAMILY_IPV6 ||
      g_inet_address_get_native_size (inet) != sizeof bytes)
    return g_strdup (address);
  memcpy (bytes, g_inet_address_to_bytes (inet), sizeof bytes);
  /* An IPv4 address in IPv6 clothes (::ffff:a.b.c.d) is one machine, not a network. */
  if (memcmp (bytes, "\0\0\0\0\0\0\0\0\0\0\xff\xff", 12) == 0)
    return g_strdup_printf ("%u.%u.%u.%u", bytes[12], bytes[13], bytes[14], bytes[15]);
  memset (bytes + 8, 0, 8);
  network = g_inet_address_new_from_bytes (bytes, G_SOCKET_FAMILY_IPV6);
  text = g_inet_address_to_string (network);
  return g_strconcat (text, "/64", NULL);
}

static gint64
seconds (guint n)
{
  return (gint64) n * G_USEC_PER_SEC;
}

/* The wait after @failures failures where @free are free: first_delay, doubling. */
static gint64
delay_for (WbThrottle *self,
           guint       free,
           guint       failures)
{
  guint over;
  guint64 delay;

  if (failures <= free)
    return 0;
  over = failures - free - 1;
  delay = (guint64) self->config.first_delay << MIN (over, 32u);
  return seconds (MIN (delay, (guint64) self->config.max_delay));
}

static void
forget_stale (WbThrottle *self,
              GHashTable *table,
              gint64      now)
{
  GHashTableIter iter;
  Entry *entry;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    if (now - entry->last_failure > seconds (self->config.forget_after) && entry->blocked_until <= now)
      g_hash_table_iter_remove (&iter);
}

/* The entry of @key, NULL when there is none or when its failures are forgotten. */
static Entry *
lookup (WbThrottle *self,
        GHashTable *table,
        const char *key,
        gint64      now)
{
  Entry *entry = g_hash_table_lookup (table, key);

  if (entry != NULL && now - entry->last_failure > seconds (self->config.forget_after) && entry->blocked_until <= now)
    {
      g_hash_table_remove (table, key);
      return NULL;
    }
  return entry;
}

static Entry *
ensure (WbThrottle *self,
        GHashTable *table,
        const char *key,
        gint64      now)
{
  Entry *entry = lookup (self, table, key, now);

  if (entry != NULL)
    return entry;

  /* Many names or addresses at once: forget what is stale, else the oldest failure. */
  if (g_hash_table_size (table) >= MAX (self->config.max_entries, 1u))
    {
      forget_stale (self, table, now);
      while (g_hash_table_size (table) >= MAX (self->config.max_entries, 1u))
        {
          GHashTableIter iter;
          const char *name, *oldest = NULL;
          Entry *candidate;
          gint64 at = G_MAXINT64;

          g_hash_table_iter_init (&iter, table);
          while (g_hash_table_iter_next (&iter, (gpointer *) &name, (gpointer *) &candidate))
            if (candidate->last_failure < at)
              {
                at = candidate->last_failure;
                oldest = name;
              }
          g_hash_table_remove (table, oldest);
        }
    }
  entry = g_new0 (Entry, 1);
  g_hash_table_insert (table, g_strndup (key, MAX_KEY), entry);
  return entry;
}

static void
count_failure (WbThrottle *self,
               Entry      *entry,
               guint       free,
               gint64      now)
{
  gint64 delay;

  entry->failures++;
  entry->last_failure = now;
  delay = delay_for (self, free, entry->failures);
  if (delay > 0)
    entry->blocked_until = MAX (entry->blocked_until, now + delay);
}

static guint
whole_seconds (gint64 usec)
{
  return (guint) MAX (1, (usec + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
}

guint
_wb_throttle_begin (WbThrottle       *self,
                    const char       *username,
                    const char       *address,
                    gint64            now,
                    WbThrottleReason *reason)
{
  G_GNUC_UNUSED g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autofree char *user_key = g_strndup (username, MAX_KEY);
  Entry *user = lookup (self, self->users, user_key, now);
  Entry *from = lookup (self, self->addresses, address, now);
  gint64 user_wait = 0, address_wait = 0;

  if (from != NULL && from->blocked_until > now)
    address_wait = from->blocked_until - now;
  /* A username's wait holds for addresses that have failed themselves, not for the desk
   * of the user it belongs to. */
  if (user != NULL && user->blocked_until > now && from != NULL && from->failures > 0)
    user_wait = user->blocked_until - now;

  if (user_wait > 0 || address_wait > 0)
    {
      *reason = user_wait >= address_wait ? WB_THROTTLE_USER : WB_THROTTLE_ADDRESS;
      return whole_seconds (MAX (user_wait, address_wait));
    }

  count_failure (self, ensure (self, self->users, user_key, now), self->config.user_failures, now);
  count_failure (self, ensure (self, self->addresses, address, now), self->config.address_failures, now);
  *reason = WB_THROTTLE_NONE;
  return 0;
}

void
_wb_throttle_succeeded (WbThrottle *self,
                        const char *username,
                        const char *address)
{
  G_GNUC_UNUSED g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autofree char *user_key = g_strndup (username, MAX_KEY);
  Entry *from = g_hash_table_lookup (self->addresses, address);

  g_hash_table_remove (self->users, user_key);
  if (from != NULL && from->failures > 0)
    {
      from->failures--;
      if (delay_for (self, self->config.address_failures, from->failures) == 0)
        from->blocked_until = 0;
    }
}

guint
_wb_throttle_failed (WbThrottle       *self,
                     const char       *username,
                     const char       *address,
                     gint64            now,
                     WbThrottleReason *reason,
                     guint            *failures)
{
  G_GNUC_UNUSED g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autofree char *user_key = g_strndup (username, MAX_KEY);
  Entry *user = g_hash_table_lookup (self->users, user_key);
  Entry *from = g_hash_table_lookup (self->addresses, address);
  gint64 user_wait = user != NULL && user->blocked_until > now ? user->blocked_until - now : 0;
  gint64 address_wait = from != NULL && from->blocked_until > now ? from->blocked_until - now : 0;

  *reason = WB_THROTTLE_NONE;
  *failures = 0;
  if (user_wait == 0 && address_wait == 0)
    return 0;
  *reason = user_wait >= address_wait ? WB_THROTTLE_USER : WB_THROTTLE_ADDRESS;
  *failures = user_wait >= address_wait ? user->failures : from->failures;
  return whole_seconds (MAX (user_wait, address_wait));
}
