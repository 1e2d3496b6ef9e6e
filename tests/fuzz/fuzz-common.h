/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

G_BEGIN_DECLS

/* What every harness needs: one entry point, called by libFuzzer or by fuzz-replay.c. */
int          LLVMFuzzerTestOneInput  (const uint8_t *data,
                                      size_t         size);

/* Once per process: warnings and criticals abort, as a failed check should. */
void         fuzz_init               (void);
/* A folder of the process's own for files a harness writes. */
const char  *fuzz_dir                (void);

G_END_DECLS
