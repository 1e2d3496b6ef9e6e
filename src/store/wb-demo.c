/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-demo"

#include "config.h"

#include "wb-demo.h"

gboolean
wb_demo_generate (WbStore *store, const WbDemoOptions *options, GError **error)
{
  g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_FAILED, "not yet written");
  return FALSE;
}
