/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* A folder of ESCO files, imported into a store of its own. The input holds the files one
 * after the other, each ended by a NUL byte (which a text file does not have): the
 * occupations, the skills, the links between them and the ISCO groups. An odd first byte
 * names them as the ESCO download does, an even one as the reduced set. */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "fuzz-store.h"
#include "wb-import.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char * const official[] = {
    "occupations_nl.csv", "skills_nl.csv", "occupationSkillRelations_nl.csv", "ISCOGroups_nl.csv",
  };
  static const char * const reduced[] = {
    "occupations_nl.csv", "skills_nl_collections.csv", "occupation_skills.csv", "isco08_groups_nl.csv",
  };
  g_autoptr(WbStore) store = NULL;
  g_autoptr(WbImportReport) report = wb_import_report_new ();
  g_autoptr(GError) error = NULL;
  const char * const *names;
  const char *p, *end;
  gint64 organisation;

  fuzz_init ();
  if (size == 0)
    return 0;
  names = data[0] & 1 ? official : reduced;
  p = (const char *) data + 1;
  end = (const char *) data + size;
  for (guint i = 0; i < G_N_ELEMENTS (official); i++)
    {
      g_autofree char *path = g_build_filename (fuzz_dir (), official[i], NULL);
      g_autofree char *other = g_build_filename (fuzz_dir (), reduced[i], NULL);

      g_unlink (path);
      g_unlink (other);
    }
  for (guint i = 0; i < G_N_ELEMENTS (official) && p < end; i++)
    {
      const char *nul = memchr (p, '\0', end - p);
      gsize length = (nul != NULL ? nul : end) - p;
      g_autofree char *path = g_build_filename (fuzz_dir (), names[i], NULL);

      g_assert_true (g_file_set_contents (path, p, length, NULL));
      p += length + 1;
    }

  store = fuzz_store_get (&organisation);
  if (!wb_import_esco (store, fuzz_dir (), report, &error))
    g_assert_nonnull (error);
  return 0;
}
