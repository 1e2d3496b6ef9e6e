/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The target of a request as it comes after the method: a path after /api/v1/, and after
 * a ? its query string, through the functions of the dispatch (_wb_server_split_path,
 * _wb_server_parse_query) and the paging of a list; and the header values the server
 * reads itself (an ETag in If-Match, the address of the sign-in throttle). */

#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "wb-server-http.h"
#include "wb-server-throttle.h"

static void
check_text (const char *text)
{
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_true (wb_validate_text (text, FALSE, NULL));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *target = NULL;
  g_auto(GStrv) segments = NULL;
  g_autoptr(GHashTable) query = NULL;
  g_autoptr(WbProblem) problem = NULL;
  g_autofree char *address = NULL;
  char *question;
  gint64 version = 0;

  fuzz_init ();
  /* libsoup refuses a request line with a NUL before the server sees it. */
  if (memchr (data, '\0', size) != NULL)
    return 0;
  target = g_strndup ((const char *) data, size);

  if (wb_etag_parse (target, &version))
    g_assert_cmpint (version, >, 0);
  address = _wb_throttle_address_key (target);
  g_assert_nonnull (address);

  question = strchr (target, '?');
  if (question != NULL)
    *question = '\0';
  segments = _wb_server_split_path (target, &problem);
  if (segments == NULL)
    {
      g_assert_nonnull (problem);
      g_assert_cmpuint (problem->status, ==, 400);
      return 0;
    }
  for (guint i = 0; segments[i] != NULL; i++)
    {
      g_assert_cmpstr (segments[i], !=, "");
      g_assert_null (strchr (segments[i], '/'));
      check_text (segments[i]);
    }
  if (question == NULL)
    return 0;

  query = _wb_server_parse_query (question + 1, &problem);
  if (problem != NULL)
    {
      g_assert_null (query);
      g_assert_cmpuint (problem->status, ==, 400);
      return 0;
    }
  if (query != NULL)
    {
      GHashTableIter iter;
      gpointer name, value;
      guint page, per_page;

      g_hash_table_iter_init (&iter, query);
      while (g_hash_table_iter_next (&iter, &name, &value))
        {
          g_assert_cmpstr (name, !=, "");
          check_text (name);
          check_text (value);
        }
      if (_wb_server_read_paging (query, &page, &per_page, &problem))
        {
          g_assert_cmpuint (page, >=, 1);
          g_assert_cmpuint (per_page, >=, 1);
          g_assert_cmpuint (per_page, <=, 1000);
          g_assert_cmpuint ((guint64) (page - 1) * per_page, <=, WB_SERVER_MAX_OFFSET);
        }
    }
  return 0;
}
