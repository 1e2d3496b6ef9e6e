/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "wb-store.h"

G_BEGIN_DECLS

typedef void (*WbDemoProgress) (const char *stage,
                                double      fraction,
                                gpointer    user_data);

typedef struct {
  guint n_clients;          /* 0 means 20,000 */
  guint n_employers;        /* 0 means 4,000 */
  guint n_vacancies;        /* 0 means 1,500 */
  guint64 seed;
  const char *cbs_path;     /* CBS bijstand CSV, or NULL for the built-in proportions */
  WbDemoProgress progress;
  gpointer progress_data;
} WbDemoOptions;

/* The password every demo user has, as listed in the README. */
#define WB_DEMO_PASSWORD "werkbrug-demo"

/* A deterministic synthetic South Limburg in an empty store: the same options give the
 * same database content (all but the password hash, which Argon2id salts at random).
 * Everything is dated up to 2026-10-31 and stamped 2026-10-31T12:00:00Z, whatever the
 * day it runs. Fails with WB_STORE_ERROR_CONFLICT when the store already has clients or
 * organisations; writes nothing on failure.
 *
 * Users, all with WB_DEMO_PASSWORD: "admin"; per organisation that owns clients
 * (isd-kompas, isd-bol, gemeente-heerlen, gemeente-kerkrade, szmh,
 * sd-westelijke-mijnstreek) "<code>.lam1" and ".lam2" (local account managers),
 * ".consultant1" to ".consultant3", ".coordinator" and ".analyst"; per WSP (wsp-parkstad,
 * podium24, wsp-westelijke-mijnstreek, wsp-zuid-limburg) "<code>.am1" to ".am3" and
 * ".coordinator"; "<code>.consultant1" at werkvoorheerlen, mob-brunssum, mob-landgraaf,
 * gr-wozl, annex and mtb. "isd-bol.lam3" and "podium24.am4" have left and still own
 * accounts. */
gboolean wb_demo_generate (WbStore              *store,
                           const WbDemoOptions  *options,
                           GError              **error);

G_END_DECLS
