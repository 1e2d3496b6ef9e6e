/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* What the server refuses as soon as a request's headers are read, before its body: a
 * request whose length is not told once and plainly (400, and the connection is closed,
 * since where the next request starts is no longer certain), a body over
 * WB_SERVER_MAX_BODY_SIZE (413 and closed, also when it comes in chunks: the server stops
 * reading at the limit) and a header that holds a control character (400). */
void         _wb_server_guard_attach       (SoupServer        *soup);

G_END_DECLS
