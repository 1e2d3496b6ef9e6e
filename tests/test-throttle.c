/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The back-off of failed sign-ins on its own, with the clock in the test's hand: when a
 * wait starts, how it grows and ends, and that a user is not locked out from their own
 * address. test-hardening.c runs it against a real server. */

#define G_LOG_DOMAIN "test-throttle"

#include "config.h"

#include "wb-server-throttle.h"

#define SECOND ((gint64) G_USEC_PER_SEC)

static const WbThrottleConfig defaults = WB_THROTTLE_CONFIG_DEFAULT;

/* A sign-in at @now that fails; returns the wait it leaves behind. */
static guint
fail (WbThrottle *throttle,
      const char *username,
      const char *address,
      gint64      now)
{
  WbThrottleReason reason;
  guint failures;

  g_assert_cmpuint (_wb_throttle_begin (throttle, username, address, now, &reason), ==, 0);
  return _wb_throttle_failed (throttle, username, address, now, &reason, &failures);
}

static void
test_defaults (void)
{
  g_assert_cmpuint (defaults.user_failures, ==, 5);
  g_assert_cmpuint (defaults.address_failures, ==, 10);
  g_assert_cmpuint (defaults.first_delay, ==, 1);
  g_assert_cmpuint (defaults.max_delay, ==, 300);
  g_assert_cmpuint (defaults.forget_after, ==, 900);
}

/* Five free, then 1, 2, 4, … seconds, never more than five minutes. */
static void
test_doubling_and_cap (void)
{
  g_autoptr(WbThrottle) throttle = _wb_throttle_new (&defaults);
  WbThrottleReason reason;
  gint64 now = 1000 * SECOND;
  guint expected = 1;

  for (guint i = 0; i < 5; i++)
    g_assert_cmpuint (fail (throttle, "dave", "10.0.0.1", now), ==, 0);

  for (guint i = 0; i < 14; i++)
    {
      guint wait = fail (throttle, "dave", "10.0.0.1", now);

      g_assert_cmpuint (wait, ==, MIN (expected, 300u));
      /* Refused while it lasts, with the seconds left, whatever the password. */
      g_assert_cmpuint (_wb_throttle_begin (throttle, "dave", "10.0.0.1", now + SECOND / 2, &reason), ==, wait);
      g_assert_cmpint (reason, ==, WB_THROTTLE_USER);
      now += (gint64) wait * SECOND;
      expected *= 2;
    }
  g_assert_cmpuint (expected, >, 300);
}

/* The wait of a username holds for an address with failures of its own, not for the
 * user's own desk; a right password starts the username afresh. */
static void
test_own_desk (void)
{
  g_autoptr(WbThrottle) throttle = _wb_throttle_new (&defaults);
  WbThrottleReason reason;
  gint64 now = 5000 * SECOND;

  for (guint i = 0; i < 6; i++)
    fail (throttle, "erin", "192.0.2.66", now);
  g_assert_cmpuint (_wb_throttle_begin (throttle, "erin", "192.0.2.66", now, &reason), >, 0);
  g_assert_cmpint (reason, ==, WB_THROTTLE_USER);

  g_assert_cmpuint (_wb_throttle_begin (throttle, "erin", "192.0.2.7", now, &reason), ==, 0);
  _wb_throttle_succeeded (throttle, "erin", "192.0.2.7");
  /* Right: the attacker's address is no longer held back for erin... */
  g_assert_cmpuint (_wb_throttle_begin (throttle, "erin", "192.0.2.66", now, &reason), ==, 0);
  _wb_throttle_succeeded (throttle, "erin", "192.0.2.66");
  /* ...and the desk is clean again: its count was undone. */
  for (guint i = 0; i < 5; i++)
    fail (throttle, "erin", "192.0.2.66", now);
  g_assert_cmpuint (_wb_throttle_begin (throttle, "erin", "192.0.2.7", now, &reason), ==, 0);
}

/* Ten failures from one address over any usernames, then the address waits for all. */
static void
test_per_address (void)
{
  g_autoptr(WbThrottle) throttle = _wb_throttle_new (&defaults);
  WbThrottleReason reason;
  gint64 now = 9000 * SECOND;

  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *name = g_strdup_printf ("guess%u", i);

      g_assert_cmpuint (fail (throttle, name, "198.51.100.9", now), ==, 0);
    }
  g_assert_cmpuint (fail (throttle, "guess10", "198.51.100.9", now), ==, 1);
  g_assert_cmpuint (_wb_throttle_begin (throttle, "frank", "198.51.100.9", now, &reason), ==, 1);
  g_assert_cmpint (reason, ==, WB_THROTTLE_ADDRESS);
  g_assert_cmpuint (_wb_throttle_begin (throttle, "frank", "198.51.100.10", now, &reason), ==, 0);
}

/* Failures are forgotten fifteen minutes after the last one. */
static void
test_forgotten (void)
{
  g_autoptr(WbThrottle) throttle = _wb_throttle_new (&defaults);
  gint64 now = 20000 * SECOND;

  for (guint i = 0; i < 5; i++)
    fail (throttle, "gina", "203.0.113.1", now);
  g_assert_cmpuint (fail (throttle, "gina", "203.0.113.1", now + 899 * SECOND), ==, 1);
  g_assert_cmpuint (fail (throttle, "gina", "203.0.113.1", now + 2000 * SECOND), ==, 0);
}

/* Many sign-ins at once: each counts as failed while it is checked. */
static void
test_at_once (void)
{
  g_autoptr(WbThrottle) throttle = _wb_throttle_new (&defaults);
  WbThrottleReason reason;
  gint64 now = 30000 * SECOND;
  guint admitted = 0;

  for (guint i = 0; i < 100; i++)
    if (_wb_throttle_begin (throttle, "hugo", "203.0.113.2", now, &reason) == 0)
      admitted++;
  g_assert_cmpuint (admitted, ==, 6);
}

/* Names beyond max_entries push out the oldest, so memory stays bounded. */
static void
test_bounded (void)
{
  WbThrottleConfig small = defaults;
  g_autoptr(WbThrottle) throttle = NULL;
  WbThrottleReason reason;
  gint64 now = 40000 * SECOND;

  small.max_entries = 4;
  throttle = _wb_throttle_new (&small);
  for (guint i = 0; i < 6; i++)
    fail (throttle, "ivo", "203.0.113.3", now);
  g_assert_cmpuint (_wb_throttle_begin (throttle, "ivo", "203.0.113.3", now, &reason), >, 0);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *name = g_strdup_printf ("other%u", i);
      g_autofree char *address = g_strdup_printf ("203.0.113.%u", 10 + i);

      fail (throttle, name, address, now + (i + 1) * SECOND);
    }
  /* ivo's failures were the oldest and are gone. */
  g_assert_cmpuint (_wb_throttle_begin (throttle, "ivo", "203.0.113.3", now + 5 * SECOND, &reason), ==, 0);
}

static void
test_address_keys (void)
{
  static const struct {
    const char *address;
    const char *key;
  } cases[] = {
    { "127.0.0.1", "127.0.0.1" },
    { "2001:db8:85a3:1:8a2e:370:7334:1", "2001:db8:85a3:1::/64" },
    { "2001:db8:85a3:1:ffff::2", "2001:db8:85a3:1::/64" },
    { "::ffff:192.0.2.1", "192.0.2.1" },
    { "not an address", "not an address" },
    { NULL, "unknown" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *key = _wb_throttle_address_key (cases[i].address);

      g_assert_cmpstr (key, ==, cases[i].key);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/throttle/defaults", test_defaults);
  g_test_add_func ("/throttle/doubling-up-to-five-minutes", test_doubling_and_cap);
  g_test_add_func ("/throttle/own-desk-is-not-locked-out", test_own_desk);
  g_test_add_func ("/throttle/per-address", test_per_address);
  g_test_add_func ("/throttle/forgotten-after-fifteen-minutes", test_forgotten);
  g_test_add_func ("/throttle/many-at-once", test_at_once);
  g_test_add_func ("/throttle/bounded", test_bounded);
  g_test_add_func ("/throttle/address-keys", test_address_keys);

  return g_test_run ();
}
