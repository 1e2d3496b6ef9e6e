/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-store-accounts"

#include "config.h"

#include "wb-store-accounts.h"
