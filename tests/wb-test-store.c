/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "wb-test-store.h"

gint64
wb_test_insert (WbStore    *store,
                WbResource  resource,
                const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (json, &error);
  gint64 id;

  g_assert_no_error (error);
  id = wb_store_insert (store, resource, json_node_get_object (node), &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

gint64
wb_test_insert_printf (WbStore    *store,
                       WbResource  resource,
                       const char *format,
                       ...)
{
  g_autofree char *json = NULL;
  va_list args;

  va_start (args, format);
  json = g_strdup_vprintf (format, args);
  va_end (args);
  return wb_test_insert (store, resource, json);
}

gint64
wb_test_add_user (WbStore    *store,
                  gint64      organisation,
                  const char *username,
                  const char *display_name,
                  const char *role,
                  const char *password_hash)
{
  g_autoptr(GError) error = NULL;
  gint64 id = wb_store_add_user (store, organisation, username, display_name, role, password_hash, &error);

  g_assert_no_error (error);
  return id;
}
