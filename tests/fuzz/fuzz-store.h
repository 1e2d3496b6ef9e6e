/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "fuzz-common.h"
#include "wb-store.h"

G_BEGIN_DECLS

/* A store in memory with a municipality (Heerlen) and an organisation, so that an import
 * has something to refer to, and nothing else: what the last input imported is gone. */
WbStore     *fuzz_store_get          (gint64        *organisation_id);

G_END_DECLS
