/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-cells"

#include "config.h"

#include "wb-cells.h"
#include "wb-text-cell.h"

GtkWidget *
wb_cell_new_text (float xalign)
{
  GtkWidget *cell = wb_text_cell_new ();

  wb_text_cell_set_xalign (WB_TEXT_CELL (cell), xalign);
  return cell;
}

const char *
wb_cell_get_text (GtkWidget *cell)
{
  g_return_val_if_fail (GTK_IS_WIDGET (cell), NULL);

  if (WB_IS_TEXT_CELL (cell))
    return wb_text_cell_get_text (WB_TEXT_CELL (cell));
  if (GTK_IS_LABEL (cell))
    return gtk_label_get_text (GTK_LABEL (cell));
  return NULL;
}

void
wb_cell_set_text (GtkWidget  *label,
                  const char *text)
{
  g_return_if_fail (GTK_IS_LABEL (label) || WB_IS_TEXT_CELL (label));

  /* A text cell speaks its text as a label does. */
  if (WB_IS_TEXT_CELL (label))
    wb_text_cell_set_text (WB_TEXT_CELL (label), text);
  else if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), text) != 0)
    gtk_label_set_text (GTK_LABEL (label), text);
}

void
wb_cell_set_style (GtkWidget  *label,
                   const char *style)
{
  const char *current;

  g_return_if_fail (GTK_IS_WIDGET (label));

  /* Styles are static strings, so pointers compare. */
  current = g_object_get_data (G_OBJECT (label), "wb-style");
  if (current == style)
    return;
  if (current != NULL)
    gtk_widget_remove_css_class (label, current);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  g_object_set_data (G_OBJECT (label), "wb-style", (gpointer) style);
}
