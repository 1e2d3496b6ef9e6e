/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The corpus of a harness, without libFuzzer: each file once as it is and then in a fixed
 * number of variants made from it with a fixed seed (a bit flipped, a byte dropped or
 * added, a piece repeated, the end cut off). Built with any compiler, so that the normal
 * and the sanitizer build run every harness on every test run; TAP, one line a file.
 *
 *   fuzz-NAME-replay CORPUS-FOLDER [VARIANTS]
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-common.h"

static guint64
next (guint64 *state)
{
  /* xorshift64 */
  *state ^= *state << 13;
  *state ^= *state >> 7;
  *state ^= *state << 17;
  return *state;
}

static void
insert_bytes (GByteArray   *array,
              gsize         at,
              const guint8 *bytes,
              gsize         length)
{
  gsize old = array->len;

  g_byte_array_set_size (array, old + length);
  memmove (array->data + at + length, array->data + at, old - at);
  memmove (array->data + at, bytes, length);
}

static GByteArray *
vary (const guint8 *data,
      gsize         size,
      guint64      *state)
{
  GByteArray *out = g_byte_array_sized_new (size + 16);
  gsize at = size > 0 ? next (state) % size : 0;

  g_byte_array_append (out, data, size);
  switch (next (state) % 6)
    {
    case 0:
      if (size > 0)
        out->data[at] ^= 1u << (next (state) % 8);
      break;
    case 1:
      if (size > 0)
        g_byte_array_remove_index (out, at);
      break;
    case 2:
      {
        static const guint8 interesting[] = { '\0', '"', '\\', '[', '{', ']', '}', ',', ';', '\n', '\r', '%', 0xff, 0xc3 };
        guint8 byte = interesting[next (state) % G_N_ELEMENTS (interesting)];

        insert_bytes (out, at, &byte, 1);
      }
      break;
    case 3:
      if (size > 0)
        {
          gsize wanted = 1 + next (state) % 64;
          gsize length = MIN (size - at, wanted);

          /* From @data: @out moves as it grows. */
          insert_bytes (out, at, data + at, length);
        }
      break;
    case 4:
      g_byte_array_set_size (out, at);
      break;
    default:
      if (size > 0)
        out->data[at] = next (state) & 0xff;
      break;
    }
  return out;
}

/* Runs the harness on a copy of exactly @size bytes, as libFuzzer does, so that the
 * sanitizers see a read past the end (a GByteArray or a file read has room after it). */
static void
run (const guint8 *data,
     gsize         size)
{
  g_autofree guint8 *copy = g_malloc (MAX (size, 1));

  memcpy (copy, data, size);
  LLVMFuzzerTestOneInput (copy, size);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  guint variants = argc > 2 ? (guint) atoi (argv[2]) : 32;
  const char *name;

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s CORPUS-FOLDER [VARIANTS]\n", argv[0]);
      return 2;
    }
  dir = g_dir_open (argv[1], 0, &error);
  if (dir == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  printf ("1..%u\n", names->len);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (argv[1], names->pdata[i], NULL);
      g_autofree char *contents = NULL;
      gsize size;
      guint64 state = 0x9e3779b97f4a7c15ull ^ (i + 1);

      if (!g_file_get_contents (path, &contents, &size, &error))
        {
          printf ("not ok %u - %s: %s\n", i + 1, (char *) names->pdata[i], error->message);
          g_clear_error (&error);
          continue;
        }
      run ((const guint8 *) contents, size);
      for (guint v = 0; v < variants; v++)
        {
          g_autoptr(GByteArray) variant = vary ((const guint8 *) contents, size, &state);

          run (variant->data, variant->len);
        }
      printf ("ok %u - %s (%u runs)\n", i + 1, (char *) names->pdata[i], variants + 1);
      fflush (stdout);
    }
  return 0;
}
