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

char *
wb_test_pdf_text (const char *pdf,
                  guint       page)
{
  g_autofree char *first = g_strdup_printf ("%u", page);
  /* -layout: a table's row stays one line, in the order of its columns. */
  const char *all[] = { "pdftotext", "-layout", "-enc", "UTF-8", pdf, "-", NULL };
  const char *one[] = { "pdftotext", "-layout", "-enc", "UTF-8", "-f", first, "-l", first, pdf, "-", NULL };
  g_autofree char *out = NULL;
  g_autofree char *program = g_find_program_in_path ("pdftotext");
  g_autoptr(GError) error = NULL;
  int status = 0;

  /* poppler-utils is in build-aux/setup.sh: without it the test fails rather than passes. */
  g_assert_nonnull (program);
  g_spawn_sync (NULL, (char **) (page > 0 ? one : all), NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  /* One line, one space between words: a text that wraps is still found. */
  {
    char *to = out;
    gboolean space = FALSE;

    for (const char *p = out; *p != '\0'; p++)
      {
        if (*p == ' ' || *p == '\n' || *p == '\f' || *p == '\t' || *p == '\r')
          {
            space = to != out;
            continue;
          }
        if (space)
          *to++ = ' ';
        space = FALSE;
        *to++ = *p;
      }
    *to = '\0';
  }
  return g_steal_pointer (&out);
}

guint
wb_test_file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 07777;
}
