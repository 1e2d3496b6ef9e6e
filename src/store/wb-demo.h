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
 * same database content. */
gboolean wb_demo_generate (WbStore              *store,
                           const WbDemoOptions  *options,
                           GError              **error);

G_END_DECLS
