/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-validate"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "wb-validate.h"

static gboolean
all_digits (const char *s,
            gsize       n)
{
  if (s == NULL || strlen (s) != n)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

/* The eleven-test: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 must be a multiple of 11. */
gboolean
wb_validate_bsn (const char *bsn)
{
  int sum = 0;

  if (!all_digits (bsn, 9))
    return FALSE;
  for (int i = 0; i < 8; i++)
    sum += (9 - i) * (bsn[i] - '0');
  sum -= bsn[8] - '0';
  return sum != 0 && sum % 11 == 0;
}

gboolean
wb_validate_kvk (const char *kvk)
{
  return all_digits (kvk, 8) && strcmp (kvk, "00000000") != 0;
}

gboolean
wb_validate_pc4 (const char *pc4)
{
  return all_digits (pc4, 4) && pc4[0] != '0';
}

gboolean
wb_validate_postcode (const char *postcode)
{
  const char *p = postcode;

  if (p == NULL || strlen (p) < 6)
    return FALSE;
  for (int i = 0; i < 4; i++)
    if (!g_ascii_isdigit (p[i]))
      return FALSE;
  if (p[0] == '0')
    return FALSE;
  p += 4;
  if (*p == ' ')
    p++;
  return g_ascii_isalpha (p[0]) && g_ascii_isalpha (p[1]) && p[2] == '\0';
}

gboolean
wb_validate_phone (const char *phone)
{
  guint digits = 0;
  gboolean international;

  if (phone == NULL)
    return FALSE;
  international = phone[0] == '+';
  for (const char *p = phone + (international ? 1 : 0); *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (*p != ' ' && *p != '-' && *p != '(' && *p != ')' && *p != '.')
        return FALSE;
    }
  /* A Dutch number has ten digits from the leading zero (06-12345678, 045-1234567); an
   * international one a country code and at most fifteen digits in all. */
  if (international)
    return digits >= 8 && digits <= 15;
  return digits == 10 && phone[strspn (phone, " (")] == '0';
}

gboolean
wb_validate_email (const char *email)
{
  const char *at;
  const char *dot;

  if (email == NULL || strlen (email) > 254 || strpbrk (email, " \t\r\n,;<>\"") != NULL)
    return FALSE;
  at = strchr (email, '@');
  if (at == NULL || at == email || strchr (at + 1, '@') != NULL)
    return FALSE;
  dot = strrchr (at + 1, '.');
  return dot != NULL && dot > at + 1 && dot[1] != '\0' && at[1] != '.';
}

gboolean
wb_validate_date (const char *date)
{
  int y, m, d;

  if (date == NULL || strlen (date) != 10 || date[4] != '-' || date[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (date[i]))
      return FALSE;
  y = atoi (date);
  m = atoi (date + 5);
  d = atoi (date + 8);
  return y >= 1900 && y <= 2200 && g_date_valid_dmy (d, m, y);
}

gboolean
wb_validate_text (const char *text,
                  gboolean    multiline,
                  gunichar   *bad)
{
  g_return_val_if_fail (text != NULL, FALSE);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c < 0x20 && !(multiline && (c == '\t' || c == '\n' || c == '\r'))) || (c >= 0x7F && c <= 0x9F))
        {
          if (bad != NULL)
            *bad = c;
          return FALSE;
        }
    }
  return TRUE;
}

char *
wb_age_band (int birth_year,
             int this_year)
{
  int age = this_year - birth_year;

  if (age < 18)
    return g_strdup ("<18");
  if (age < 25)
    return g_strdup ("18-24");
  if (age >= 65)
    return g_strdup ("65+");
  /* Bands of ten years from 25: 25-34, 35-44, 45-54, 55-64. */
  return g_strdup_printf ("%d-%d", 25 + (age - 25) / 10 * 10, 34 + (age - 25) / 10 * 10);
}

const char *
wb_capacity_band (int work_capacity)
{
  if (work_capacity < 30)
    return "<30";
  if (work_capacity < 80)
    return "30-80";
  return "80-100";
}
