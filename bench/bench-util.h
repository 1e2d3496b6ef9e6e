/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What the app benches share: waiting in a main loop for one async call's result, and
 * sorting samples of milliseconds, seeding the demo database in a child. */
typedef struct {
  GMainLoop *loop;
  gboolean done;
  gpointer result;
} Wait;

/* The GAsyncReadyCallback of a call waited for with bench_run (); @user_data is the Wait. */
void          bench_on_done_cb     (GObject      *source,
                                    GAsyncResult *result,
                                    gpointer      user_data);
/* Runs @wait's loop until the call is done; returns its result (owned by @wait). */
GAsyncResult *bench_run            (Wait         *wait);
/* Seeds @db by running this program again with --seed-only @db, unless the file is there;
 * returns the seconds it took (0 when there was nothing to do). */
double        bench_seed_once      (const char   *db);
/* A GCompareFunc for an array of doubles. */
int           bench_compare_doubles (gconstpointer a,
                                     gconstpointer b);

G_END_DECLS
