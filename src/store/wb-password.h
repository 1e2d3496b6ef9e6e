/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Argon2id through libsodium, in its self-describing string form. */
char     *wb_password_hash    (const char  *password,
                               GError     **error);
gboolean  wb_password_verify  (const char  *hash,
                               const char  *password);
/* A hash that no user's password has, made with the parameters wb_password_hash uses: what
 * a sign-in with an unknown username verifies against, so that its time tells nothing. A
 * constant, so that a server start spends no Argon2 (some 64 MiB and a core for a while) on
 * it in the way of the first sign-in. */
const char *wb_password_dummy_hash (void);
/* Whether verifying @hash costs what verifying a hash made now by wb_password_hash does
 * (the same algorithm, time and memory). */
gboolean  wb_password_has_current_cost (const char *hash);

/* A password that works for one sign-in: what an administrator's reset gives a user, three
 * groups of four letters and digits that cannot be mistaken for one another. Its hash is
 * stored with WB_PASSWORD_ONE_TIME before it; signing in with it clears it. */
#define WB_PASSWORD_ONE_TIME "one-time:"
char     *wb_password_one_time_new (void);
/* A random token of 32 bytes as hex, and the SHA-256 hex digest under which it is stored. */
char     *wb_token_new        (void);
char     *wb_token_hash       (const char  *token);

G_END_DECLS
