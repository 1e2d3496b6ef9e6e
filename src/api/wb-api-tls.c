/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-api-tls"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-api-tls.h"

char *
wb_api_tls_fingerprint (GTlsCertificate *certificate)
{
  g_autoptr(GByteArray) der = NULL;
  g_autofree char *hex = NULL;
  GString *text;

  g_return_val_if_fail (G_IS_TLS_CERTIFICATE (certificate), NULL);

  g_object_get (certificate, "certificate", &der, NULL);
  if (der == NULL)
    return g_strdup ("");
  hex = g_compute_checksum_for_data (G_CHECKSUM_SHA256, der->data, der->len);
  text = g_string_new (NULL);
  for (gsize i = 0; hex[i] != '\0' && hex[i + 1] != '\0'; i += 2)
    {
      if (i > 0)
        g_string_append_c (text, ':');
      g_string_append_c (text, g_ascii_toupper (hex[i]));
      g_string_append_c (text, g_ascii_toupper (hex[i + 1]));
    }
  return g_string_free (text, FALSE);
}

static char *
format_date (GDateTime *when)
{
  return when != NULL ? g_date_time_format (when, "%Y-%m-%d") : g_strdup ("?");
}

char *
wb_api_tls_describe (GTlsCertificate      *certificate,
                     GTlsCertificateFlags  errors,
                     const char           *host)
{
  g_autoptr(GPtrArray) reasons = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *issuer = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *joined = NULL;
  GString *text;

  g_return_val_if_fail (certificate == NULL || G_IS_TLS_CERTIFICATE (certificate), NULL);

  if (errors & G_TLS_CERTIFICATE_UNKNOWN_CA)
    g_ptr_array_add (reasons, g_strdup (_("it is not trusted: no certificate authority this computer trusts has signed it")));
  if (errors & G_TLS_CERTIFICATE_BAD_IDENTITY)
    g_ptr_array_add (reasons, g_strdup_printf (_("it has the wrong name: it is not made out to %s"), host != NULL ? host : "?"));
  if (errors & G_TLS_CERTIFICATE_EXPIRED)
    {
      g_autoptr(GDateTime) until = certificate != NULL ? g_tls_certificate_get_not_valid_after (certificate) : NULL;
      g_autofree char *date = format_date (until);

      g_ptr_array_add (reasons, g_strdup_printf (_("it has expired: it was valid until %s"), date));
    }
  if (errors & G_TLS_CERTIFICATE_NOT_ACTIVATED)
    {
      g_autoptr(GDateTime) from = certificate != NULL ? g_tls_certificate_get_not_valid_before (certificate) : NULL;
      g_autofree char *date = format_date (from);

      g_ptr_array_add (reasons, g_strdup_printf (_("it is not valid yet: it is valid from %s"), date));
    }
  if (errors & G_TLS_CERTIFICATE_REVOKED)
    g_ptr_array_add (reasons, g_strdup (_("it has been revoked")));
  if (errors & G_TLS_CERTIFICATE_INSECURE)
    g_ptr_array_add (reasons, g_strdup (_("it uses an algorithm that is no longer safe")));
  if (reasons->len == 0 || (errors & G_TLS_CERTIFICATE_GENERIC_ERROR))
    g_ptr_array_add (reasons, g_strdup (_("it could not be checked")));
  g_ptr_array_add (reasons, NULL);
  joined = g_strjoinv ("; ", (char **) reasons->pdata);

  text = g_string_new (NULL);
  g_string_append_printf (text, _("The server’s certificate is not accepted: %s."), joined);
  if (certificate != NULL)
    {
      issuer = g_tls_certificate_get_issuer_name (certificate);
      fingerprint = wb_api_tls_fingerprint (certificate);
      g_string_append_c (text, '\n');
      g_string_append_printf (text, _("Issued by: %s"), issuer != NULL ? issuer : "?");
      g_string_append_c (text, '\n');
      g_string_append_printf (text, _("Fingerprint (SHA-256): %s"), fingerprint);
    }
  g_string_append_c (text, '\n');
  g_string_append (text, _("Werkbrug did not connect. Ask your administrator whether this is the server’s certificate; "
                           "an organisation with its own certificate authority sets it in tls-ca-file."));
  return g_string_free (text, FALSE);
}
