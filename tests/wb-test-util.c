/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "wb-test-util.h"

char *
wb_test_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *path = g_dir_make_tmp ("werkbrug-test-XXXXXX", &error);

  g_assert_no_error (error);
  return path;
}

static void
remove_recursive (GFile *file)
{
  g_autoptr(GFileEnumerator) children =
    g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                               G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  GFileInfo *info;

  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autoptr(GFile) child = g_file_get_child (file, g_file_info_get_name (info));

      remove_recursive (child);
      g_object_unref (info);
    }
  g_file_delete (file, NULL, NULL);
}

void
wb_test_remove_dir (const char *path)
{
  g_autoptr(GFile) file = NULL;

  if (path == NULL)
    return;
  file = g_file_new_for_path (path);
  remove_recursive (file);
}

const char *
wb_test_shared_data (void)
{
  const char *dir = g_getenv ("WB_SHARED_DATA");

  if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("the reference data in ../shared/data is not there");
      return NULL;
    }
  return dir;
}
