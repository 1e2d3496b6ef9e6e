/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-cells"

#include "config.h"

#include "wb-cells.h"
#include "wb-text-cell.h"

void
wb_cell_setup_label (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

void
wb_cell_bind_text (GtkListItem *item,
                   gpointer     row,
                   gpointer     user_data)
{
  WbCellTextFunc func = user_data;

  wb_cell_set_text (gtk_list_item_get_child (item), func (row));
}

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

GtkColumnViewColumn *
wb_cell_append_column (GtkColumnView  *view,
                       const char     *title,
                       GtkSorter      *sorter,
                       GCallback       setup,
                       WbSlotBindFunc  bind,
                       gpointer        user_data,
                       gboolean        expand,
                       int             fixed_width)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  g_autoptr(GtkColumnViewColumn) column = NULL;

  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (view), NULL);
  g_return_val_if_fail (sorter == NULL || GTK_IS_SORTER (sorter), NULL);

  factory = wb_slot_factory_new (setup, bind, user_data);
  column = gtk_column_view_column_new (title, g_object_ref (factory));
  gtk_column_view_column_set_sorter (column, sorter);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  if (fixed_width > 0)
    gtk_column_view_column_set_fixed_width (column, fixed_width);
  gtk_column_view_append_column (view, column);
  return column;
}
