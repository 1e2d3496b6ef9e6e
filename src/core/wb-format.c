/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-format"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <langinfo.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "wb-format.h"

char *
wb_format_number (double value,
                  guint  decimals)
{
  int digits = (int) MIN (decimals, 6u);

  /* No "-0" for a small negative number that rounds away. */
  if (fabs (value) < 0.5 * pow (10, -digits))
    value = 0;
  /* The ' flag groups thousands as the locale does (glibc). */
  return g_strdup_printf ("%'.*f", digits, value);
}

/* The months as a date in running text has them: Dutch "dec.", and "mei" whole. */
static const char *
month_abbreviation (int month)
{
  static const char * const months[] = {
    NC_("month in a date", "Jan"), NC_("month in a date", "Feb"), NC_("month in a date", "Mar"),
    NC_("month in a date", "Apr"), NC_("month in a date", "May"), NC_("month in a date", "Jun"),
    NC_("month in a date", "Jul"), NC_("month in a date", "Aug"), NC_("month in a date", "Sep"),
    NC_("month in a date", "Oct"), NC_("month in a date", "Nov"), NC_("month in a date", "Dec"),
  };

  g_return_val_if_fail (month >= 1 && month <= 12, "");
  return g_dpgettext2 (GETTEXT_PACKAGE, "month in a date", months[month - 1]);
}

static char *
format_dmy (int day,
            int month,
            int year)
{
  /* TRANSLATORS: a date in running text: the day, the month's abbreviation, the year ("3 Dec 2026") */
  return g_strdup_printf (C_("date", "%1$d %2$s %3$d"), day, month_abbreviation (month), year);
}

char *
wb_format_date (GDateTime *when)
{
  g_return_val_if_fail (when != NULL, NULL);

  return format_dmy (g_date_time_get_day_of_month (when), g_date_time_get_month (when), g_date_time_get_year (when));
}

char *
wb_format_date_time (GDateTime *when)
{
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;

  g_return_val_if_fail (when != NULL, NULL);

  date = wb_format_date (when);
  time = g_date_time_format (when, "%H:%M");
  /* TRANSLATORS: a date and a time in running text ("3 Dec 2026, 14:05") */
  return g_strdup_printf (C_("date and time", "%1$s, %2$s"), date, time);
}

/* The locale's short date (LC_TIME's %x) with the year in full: "12/03/2026" where %x
 * writes "12/03/26", since a table of birth years and dates of last year must not be
 * guessed at. */
static char *
locale_short_date_format (void)
{
  const char *format = nl_langinfo (D_FMT);
  GString *full;

  if (format == NULL || *format == '\0')
    return g_strdup ("%Y-%m-%d");
  full = g_string_new (format);
  g_string_replace (full, "%y", "%Y", 0);
  return g_string_free (full, FALSE);
}

char *
wb_format_table_date (const GDate *date)
{
  char buffer[64];
  const char *format;
  g_autofree char *own = NULL;

  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  /* TRANSLATORS: a date in a table column, as strftime() writes it. %x is the short date of
   * the user's locale (LC_TIME), with the year in full; Dutch: %d-%m-%Y (03-12-2026) */
  /* xgettext:no-c-format */
  format = C_("date in a table", "%x");
  if (strcmp (format, "%x") == 0)
    format = own = locale_short_date_format ();
  if (g_date_strftime (buffer, sizeof buffer, format, date) == 0)
    return g_strdup ("");
  return g_strdup (buffer);
}

WbDateOrder
wb_format_table_date_order (void)
{
  GDate probe;
  g_autofree char *text = NULL;
  const char *day, *month, *year;

  /* Where a date with a day, a month and a year unlike each other has them. */
  g_date_clear (&probe, 1);
  g_date_set_dmy (&probe, 22, 11, 2033);
  text = wb_format_table_date (&probe);
  day = strstr (text, "22");
  month = strstr (text, "11");
  year = strstr (text, "2033");
  if (day == NULL || month == NULL || year == NULL)
    return WB_DATE_ORDER_DMY;
  if (year < month && month < day)
    return WB_DATE_ORDER_YMD;
  if (month < day)
    return WB_DATE_ORDER_MDY;
  return WB_DATE_ORDER_DMY;
}

/* A moment of the API at the user's clock, or NULL when @iso is none. */
static GDateTime *
parse_iso_moment (const char *iso)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) moment = NULL;

  if (iso == NULL)
    return NULL;
  /* A moment without a zone is UTC, as the server writes every moment. */
  moment = g_date_time_new_from_iso8601 (iso, utc);
  return moment != NULL ? g_date_time_to_local (moment) : NULL;
}

/* The day of @when, as a GDate. */
static void
set_day_of (GDate     *date,
            GDateTime *when)
{
  g_date_set_dmy (date, (GDateDay) g_date_time_get_day_of_month (when), (GDateMonth) g_date_time_get_month (when),
                  (GDateYear) g_date_time_get_year (when));
}

gboolean
wb_format_parse_day (const char *iso,
                     GDate      *date)
{
  int year, month, day;

  g_date_clear (date, 1);
  /* A moment (the server writes UTC) falls on the day of the user's clock: an event written
   * at 00:30 in Amsterdam is of that day, not of the day before. */
  if (iso != NULL && strlen (iso) > 10 && iso[10] == 'T')
    {
      g_autoptr(GDateTime) local = parse_iso_moment (iso);

      if (local != NULL)
        {
          set_day_of (date, local);
          return TRUE;
        }
    }
  if (iso == NULL || strlen (iso) < 10 || sscanf (iso, "%4d-%2d-%2d", &year, &month, &day) != 3 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

char *
wb_format_iso_date (const char *iso)
{
  GDate date;

  if (!wb_format_parse_day (iso, &date))
    return g_strdup (iso != NULL ? iso : "");
  return format_dmy (g_date_get_day (&date), g_date_get_month (&date), g_date_get_year (&date));
}

char *
wb_format_iso_table_date (const char *iso)
{
  GDate date;

  if (!wb_format_parse_day (iso, &date))
    return g_strdup (iso != NULL ? iso : "");
  return wb_format_table_date (&date);
}

char *
wb_format_iso_date_time (const char *iso)
{
  g_autoptr(GDateTime) local = parse_iso_moment (iso);

  if (local == NULL)
    return g_strdup (iso != NULL ? iso : "");
  return wb_format_date_time (local);
}

char *
wb_format_iso_table_date_time (const char *iso)
{
  g_autoptr(GDateTime) local = parse_iso_moment (iso);
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;
  GDate day;

  if (local == NULL)
    return g_strdup (iso != NULL ? iso : "");
  g_date_clear (&day, 1);
  set_day_of (&day, local);
  date = wb_format_table_date (&day);
  time = g_date_time_format (local, "%H:%M");
  return g_strdup_printf ("%s %s", date, time);
}

char *
wb_format_period (const char *period,
                  gboolean    long_form)
{
  WbPeriod parsed;
  int year, part;

  /* Not a period: a category such as a sector, said as it is. */
  if (!wb_period_parse (period, &parsed))
    return g_strdup (period != NULL ? period : "");
  year = parsed.year;
  part = parsed.index;
  switch (parsed.kind)
    {
    case WB_PERIOD_YEAR:
      return g_strdup_printf ("%d", year);

    case WB_PERIOD_QUARTER:
      if (long_form)
        /* TRANSLATORS: a quarter in words: the quarter (1–4), then the year. Dutch: "%1$de kwartaal %2$d" */
        return g_strdup_printf (C_("quarter", "Q%1$d %2$d"), part, year);
      /* TRANSLATORS: a quarter on a chart's axis: the quarter (1–4), then the year. Dutch: "K%1$d %2$d" */
      return g_strdup_printf (C_("quarter, short", "Q%1$d %2$d"), part, year);

    case WB_PERIOD_MONTH:
      {
        g_autoptr(GDateTime) when = g_date_time_new_utc (year, part, 1, 0, 0, 0);

        /* TRANSLATORS: a month on a chart's axis and in words, as strftime() writes them */
        return g_date_time_format (when, long_form ? C_("month", "%B %Y") : C_("month, short", "%b %Y"));
      }

    default:
      g_assert_not_reached ();
    }
}
