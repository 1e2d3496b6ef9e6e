/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How sign-ins are slowed down after failures: per username and per address. After
 * @user_failures failed sign-ins of one username (or @address_failures from one address)
 * each further one makes the next wait, @first_delay seconds and twice as long each time,
 * at most @max_delay. Failures are forgotten @forget_after seconds after the last one, and
 * a correct password resets the username's count.
 *
 * So that an attacker cannot lock a real user out: the wait of a username does not hold
 * for an address that has no failures of its own, so the user signs in from their own
 * desk; and it ends after @max_delay at most. docs/api.md says the same for the API. */
typedef struct {
  guint user_failures;     /* 5 */
  guint address_failures;  /* 10: an office behind one address mistypes more often */
  guint first_delay;       /* 1 second */
  guint max_delay;         /* 300 seconds */
  guint forget_after;      /* 900 seconds */
  guint max_entries;       /* 10,000 usernames and as many addresses are remembered */
} WbThrottleConfig;

#define WB_THROTTLE_CONFIG_DEFAULT { 5, 10, 1, 300, 900, 10000 }

typedef struct _WbThrottle WbThrottle;

/* Why a sign-in waits, or what a failure started. */
typedef enum {
  WB_THROTTLE_NONE,
  WB_THROTTLE_USER,
  WB_THROTTLE_ADDRESS,
} WbThrottleReason;

WbThrottle      *_wb_throttle_new          (const WbThrottleConfig *config);
void             _wb_throttle_free         (WbThrottle             *self);
/* Takes another configuration (the server's [signin]); what it counted stays. */
void             _wb_throttle_configure    (WbThrottle             *self,
                                            const WbThrottleConfig *config);

/* The key of a remote address: the address itself, or its /64 network for IPv6, where one
 * machine has many. */
char            *_wb_throttle_address_key  (const char             *address);

/* Asks whether a sign-in of @username from @address may be checked at @now (monotonic,
 * microseconds). If so, returns 0 and counts it as failed until _wb_throttle_succeeded
 * says otherwise, so that many sign-ins at once are held back as well. Else returns the
 * seconds to wait (at least 1), with the reason in @reason. */
guint            _wb_throttle_begin        (WbThrottle             *self,
                                            const char             *username,
                                            const char             *address,
                                            gint64                  now,
                                            WbThrottleReason       *reason);
/* The sign-in begun was right: the username starts afresh, the address's count is undone. */
void             _wb_throttle_succeeded    (WbThrottle             *self,
                                            const char             *username,
                                            const char             *address);
/* The sign-in begun failed: returns the seconds that the next one of the username or the
 * address must now wait (0 for none), with the failures counted for it in @failures. */
guint            _wb_throttle_failed       (WbThrottle             *self,
                                            const char             *username,
                                            const char             *address,
                                            gint64                  now,
                                            WbThrottleReason       *reason,
                                            guint                  *failures);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbThrottle, _wb_throttle_free)

G_END_DECLS
