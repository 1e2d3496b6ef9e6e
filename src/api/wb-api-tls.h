/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The SHA-256 fingerprint of @certificate as colon-separated upper-case hex pairs, the way
 * `openssl x509 -fingerprint -sha256` and browsers show it. */
char *wb_api_tls_fingerprint (GTlsCertificate      *certificate);
/* Why a server's certificate is not accepted, in words a user can pass on to their
 * administrator: each problem in @errors, who issued it, its fingerprint, and what to do.
 * @host is the name the user connected to. */
char *wb_api_tls_describe    (GTlsCertificate      *certificate,
                              GTlsCertificateFlags  errors,
                              const char           *host);

G_END_DECLS
