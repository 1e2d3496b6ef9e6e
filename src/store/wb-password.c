/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-password"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "wb-password.h"
#include "wb-store.h"

static gboolean
ensure_sodium (GError **error)
{
  if (sodium_init () < 0)
    {
      g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_FAILED, _("libsodium could not be initialised"));
      return FALSE;
    }
  return TRUE;
}

char *
wb_password_hash (const char  *password,
                  GError     **error)
{
  char hash[crypto_pwhash_STRBYTES];

  g_return_val_if_fail (password != NULL, NULL);

  if (!ensure_sodium (error))
    return NULL;
  if (crypto_pwhash_str_alg (hash, password, strlen (password),
                             crypto_pwhash_OPSLIMIT_INTERACTIVE,
                             crypto_pwhash_MEMLIMIT_INTERACTIVE,
                             crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_FAILED,
                   _("Not enough memory to hash the password"));
      return NULL;
    }
  return g_strdup (hash);
}

gboolean
wb_password_verify (const char *hash,
                    const char *password)
{
  if (hash == NULL || password == NULL || !ensure_sodium (NULL))
    return FALSE;
  if (g_str_has_prefix (hash, WB_PASSWORD_ONE_TIME))
    hash += strlen (WB_PASSWORD_ONE_TIME);
  return crypto_pwhash_str_verify (hash, password, strlen (password)) == 0;
}

/* Made once with wb_password_hash; wb_password_has_current_cost() proves in the tests that
 * it still costs what a real hash does. */
#define DUMMY_HASH "$argon2id$v=19$m=65536,t=2,p=1$6kWO2063rZ0rgaxIL1Neuw$zPeKkIO0DoCV6A68D3ZtSCNetCG4hVUvY7Jwp8M6+tk"

const char *
wb_password_dummy_hash (void)
{
  return DUMMY_HASH;
}

gboolean
wb_password_has_current_cost (const char *hash)
{
  g_return_val_if_fail (hash != NULL, FALSE);

  if (!ensure_sodium (NULL) || !g_str_has_prefix (hash, crypto_pwhash_argon2id_STRPREFIX))
    return FALSE;
  return crypto_pwhash_str_needs_rehash (hash, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                         crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0;
}

char *
wb_token_new (void)
{
  guint8 bytes[32];
  char hex[sizeof bytes * 2 + 1];

  if (!ensure_sodium (NULL))
    g_error ("libsodium could not be initialised");
  randombytes_buf (bytes, sizeof bytes);
  sodium_bin2hex (hex, sizeof hex, bytes, sizeof bytes);
  return g_strdup (hex);
}

char *
wb_token_hash (const char *token)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}

char *
wb_password_one_time_new (void)
{
  /* No 0/O, 1/l/I: it is read aloud on the telephone or copied from a screen. */
  static const char alphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";
  GString *text = g_string_new (NULL);

  g_assert (sodium_init () >= 0);
  for (guint i = 0; i < 12; i++)
    {
      if (i > 0 && i % 4 == 0)
        g_string_append_c (text, '-');
      g_string_append_c (text, alphabet[randombytes_uniform (sizeof alphabet - 1)]);
    }
  return g_string_free (text, FALSE);
}
