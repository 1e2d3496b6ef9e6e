/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-csv-writer"

#include "config.h"

#include <string.h>

#include "wb-csv-writer.h"

struct _WbCsvWriter
{
  GString *out;
  gboolean in_record;   /* a field of the current record was written */
};

WbCsvWriter *
wb_csv_writer_new (void)
{
  WbCsvWriter *writer = g_new0 (WbCsvWriter, 1);

  writer->out = g_string_new ("\xEF\xBB\xBF");
  return writer;
}

void
wb_csv_writer_free (WbCsvWriter *writer)
{
  if (writer == NULL)
    return;
  g_string_free (writer->out, TRUE);
  g_free (writer);
}

static void
separate (WbCsvWriter *writer)
{
  if (writer->in_record)
    g_string_append_c (writer->out, ';');
  writer->in_record = TRUE;
}

void
wb_csv_writer_add_text (WbCsvWriter *writer,
                        const char  *text)
{
  gboolean formula, quote;

  g_return_if_fail (writer != NULL);

  separate (writer);
  if (text == NULL || *text == '\0')
    return;
  formula = strchr ("=+-@\t\r", text[0]) != NULL;
  quote = formula || strpbrk (text, ";\"\r\n") != NULL;
  if (!quote)
    {
      g_string_append (writer->out, text);
      return;
    }
  g_string_append_c (writer->out, '"');
  if (formula)
    g_string_append_c (writer->out, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (writer->out, '"');
      g_string_append_c (writer->out, *p);
    }
  g_string_append_c (writer->out, '"');
}

void
wb_csv_writer_add_integer (WbCsvWriter *writer,
                           gint64       value)
{
  g_return_if_fail (writer != NULL);

  separate (writer);
  g_string_append_printf (writer->out, "%" G_GINT64_FORMAT, value);
}

void
wb_csv_writer_add_number (WbCsvWriter *writer,
                          double       value,
                          guint        decimals)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char format[16];

  g_return_if_fail (writer != NULL);

  separate (writer);
  g_snprintf (format, sizeof format, "%%.%uf", MIN (decimals, 10u));
  /* Not the locale's printf: the file is for Dutch Excel whatever the user's language. */
  g_ascii_formatd (buffer, sizeof buffer, format, value);
  for (char *p = buffer; *p != '\0'; p++)
    if (*p == '.')
      *p = ',';
  g_string_append (writer->out, buffer);
}

void
wb_csv_writer_end_record (WbCsvWriter *writer)
{
  g_return_if_fail (writer != NULL);

  g_string_append (writer->out, "\r\n");
  writer->in_record = FALSE;
}

const char *
wb_csv_writer_get_text (WbCsvWriter *writer,
                        gsize       *length)
{
  g_return_val_if_fail (writer != NULL, NULL);

  if (length != NULL)
    *length = writer->out->len;
  return writer->out->str;
}

char *
wb_csv_writer_free_to_text (WbCsvWriter *writer,
                            gsize       *length)
{
  char *text;

  g_return_val_if_fail (writer != NULL, NULL);

  if (length != NULL)
    *length = writer->out->len;
  text = g_string_free (writer->out, FALSE);
  g_free (writer);
  return text;
}
