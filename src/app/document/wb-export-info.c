/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-export-info"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-export-info.h"
#include "wb-format.h"

G_DEFINE_BOXED_TYPE (WbExportInfo, wb_export_info, wb_export_info_copy, wb_export_info_free)

WbExportInfo *
wb_export_info_new (void)
{
  return g_new0 (WbExportInfo, 1);
}

WbExportInfo *
wb_export_info_copy (const WbExportInfo *info)
{
  WbExportInfo *copy;

  g_return_val_if_fail (info != NULL, NULL);

  copy = wb_export_info_new ();
  copy->title = g_strdup (info->title);
  copy->definition = g_strdup (info->definition);
  copy->period = g_strdup (info->period);
  copy->source = g_strdup (info->source);
  copy->generated = info->generated != NULL ? g_date_time_ref (info->generated) : NULL;
  copy->footnote = g_strdup (info->footnote);
  return copy;
}

void
wb_export_info_free (WbExportInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->title);
  g_free (info->definition);
  g_free (info->period);
  g_free (info->source);
  g_clear_pointer (&info->generated, g_date_time_unref);
  g_free (info->footnote);
  g_free (info);
}

static void
add_pair (GPtrArray  *pairs,
          const char *label,
          const char *text)
{
  if (text == NULL || *text == '\0')
    return;
  g_ptr_array_add (pairs, g_strdup (label));
  g_ptr_array_add (pairs, g_strdup (text));
}

char **
wb_export_info_to_pairs (const WbExportInfo *info)
{
  GPtrArray *pairs = g_ptr_array_new ();

  g_return_val_if_fail (info != NULL, NULL);

  add_pair (pairs, _("Definition"), info->definition);
  add_pair (pairs, _("Period"), info->period);
  add_pair (pairs, _("Source"), info->source);
  if (info->generated != NULL)
    {
      g_autofree char *when = wb_format_date_time (info->generated);

      add_pair (pairs, _("Generated on"), when);
    }
  /* TRANSLATORS: the label of the footnote under figures (on hidden small numbers); Dutch: Toelichting */
  add_pair (pairs, C_("explanation", "Note"), info->footnote);
  g_ptr_array_add (pairs, NULL);
  return (char **) g_ptr_array_free (pairs, FALSE);
}

char *
wb_export_info_to_markup (const WbExportInfo *info)
{
  g_auto(GStrv) pairs = NULL;
  GString *markup;

  g_return_val_if_fail (info != NULL, NULL);

  pairs = wb_export_info_to_pairs (info);
  markup = g_string_new (NULL);
  for (guint i = 0; pairs[i] != NULL && pairs[i + 1] != NULL; i += 2)
    {
      g_autofree char *label = g_markup_escape_text (pairs[i], -1);
      g_autofree char *text = g_markup_escape_text (pairs[i + 1], -1);

      if (markup->len > 0)
        g_string_append_c (markup, '\n');
      g_string_append_printf (markup, "<b>%s:</b> %s", label, text);
    }
  return g_string_free (markup, FALSE);
}

char *
wb_export_info_default_footnote (guint threshold)
{
  return g_strdup_printf (_(". = hidden to protect privacy: a count of 1 to %u persons, or a figure from which "
                            "such a count could be worked out"), threshold > 1 ? threshold - 1 : 1);
}
