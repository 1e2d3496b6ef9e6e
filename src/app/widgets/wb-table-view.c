/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-table-view"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-table-view.h"

struct _WbTableView
{
  GtkWidget parent_instance;

  WbTable *table;
  GtkWidget *scrolled;
  GtkColumnView *view;
  GtkWidget *footnote;
  gboolean show_footnote;
};

G_DEFINE_FINAL_TYPE (WbTableView, wb_table_view, GTK_TYPE_WIDGET)

/* The rows are their indices: the table holds the cells. */
#define ROW_INDEX(item) GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (item), "row"))

static void
on_setup_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             WbTableView              *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), wb_table_column_is_numeric (self->table, column) ? 1 : 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (wb_table_column_is_numeric (self->table, column))
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
on_bind_cb (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            WbTableView              *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
  GtkWidget *label = gtk_list_item_get_child (item);
  guint row = ROW_INDEX (gtk_list_item_get_item (item));
  g_autofree char *text = wb_table_format_cell (self->table, row, column);
  const char *note = wb_table_get_note (self->table, row, column);
  const char *title = wb_table_get_column_title (self->table, column);
  g_autofree char *spoken = NULL;

  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (label, note);
  /* A cell says which column it is in; a hidden figure says that it is hidden, and why. */
  if (wb_table_get_cell_kind (self->table, row, column) == WB_TABLE_CELL_HIDDEN)
    spoken = note != NULL ? g_strdup_printf (_("%s: hidden (%s)"), title, note) : g_strdup_printf (_("%s: hidden"), title);
  else
    spoken = g_strdup_printf ("%s: %s", title, *text != '\0' ? text : "—");
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
  gtk_widget_remove_css_class (label, "dim-label");
  if (wb_table_get_cell_kind (self->table, row, column) == WB_TABLE_CELL_HIDDEN)
    gtk_widget_add_css_class (label, "dim-label");
}

static void
rebuild (WbTableView *self)
{
  g_autoptr(GListStore) rows = g_list_store_new (G_TYPE_OBJECT);
  g_autoptr(GtkNoSelection) selection = NULL;
  GListModel *columns = gtk_column_view_get_columns (self->view);
  const WbExportInfo *info;

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (self->view, column);
    }
  gtk_column_view_set_model (self->view, NULL);
  gtk_label_set_text (GTK_LABEL (self->footnote), "");
  gtk_widget_set_visible (self->footnote, FALSE);
  if (self->table == NULL)
    return;

  for (guint c = 0; c < wb_table_get_n_columns (self->table); c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_object_set_data (G_OBJECT (factory), "column", GUINT_TO_POINTER (c));
      g_signal_connect (factory, "setup", G_CALLBACK (on_setup_cb), self);
      g_signal_connect (factory, "bind", G_CALLBACK (on_bind_cb), self);
      column = gtk_column_view_column_new (wb_table_get_column_title (self->table, c), factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, wb_table_get_column_type (self->table, c) == WB_TABLE_COLUMN_TEXT);
      gtk_column_view_append_column (self->view, column);
    }
  for (guint r = 0; r < wb_table_get_n_rows (self->table); r++)
    {
      g_autoptr(GObject) row = g_object_new (G_TYPE_OBJECT, NULL);

      g_object_set_data (row, "row", GUINT_TO_POINTER (r));
      g_list_store_append (rows, row);
    }
  selection = gtk_no_selection_new (G_LIST_MODEL (g_steal_pointer (&rows)));
  gtk_column_view_set_model (self->view, GTK_SELECTION_MODEL (selection));

  info = wb_table_get_info (self->table);
  if (self->show_footnote && info->footnote != NULL && *info->footnote != '\0')
    {
      gtk_label_set_text (GTK_LABEL (self->footnote), info->footnote);
      gtk_widget_set_visible (self->footnote, TRUE);
    }
}

/* GObject */

static void
wb_table_view_dispose (GObject *object)
{
  WbTableView *self = (WbTableView *) object;

  g_clear_pointer (&self->scrolled, gtk_widget_unparent);
  g_clear_pointer (&self->footnote, gtk_widget_unparent);
  g_clear_object (&self->table);

  G_OBJECT_CLASS (wb_table_view_parent_class)->dispose (object);
}

static void
wb_table_view_class_init (WbTableViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wb_table_view_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "wbtableview");
}

static void
wb_table_view_init (WbTableView *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);

  self->view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  gtk_column_view_set_show_row_separators (self->view, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->view), "data-table");
  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), GTK_WIDGET (self->view));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled), GTK_POLICY_AUTOMATIC, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (self->scrolled, TRUE);
  gtk_widget_set_parent (self->scrolled, GTK_WIDGET (self));

  self->footnote = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->footnote), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->footnote), 0);
  gtk_label_set_selectable (GTK_LABEL (self->footnote), FALSE);
  gtk_widget_add_css_class (self->footnote, "caption");
  gtk_widget_add_css_class (self->footnote, "dim-label");
  gtk_widget_set_margin_top (self->footnote, 6);
  gtk_widget_set_visible (self->footnote, FALSE);
  gtk_widget_set_parent (self->footnote, GTK_WIDGET (self));
  self->show_footnote = TRUE;
}

GtkWidget *
wb_table_view_new (void)
{
  return g_object_new (WB_TYPE_TABLE_VIEW, NULL);
}

WbTable *
wb_table_view_get_table (WbTableView *self)
{
  g_return_val_if_fail (WB_IS_TABLE_VIEW (self), NULL);
  return self->table;
}

void
wb_table_view_set_table (WbTableView *self,
                         WbTable     *table)
{
  g_return_if_fail (WB_IS_TABLE_VIEW (self));
  g_return_if_fail (table == NULL || WB_IS_TABLE (table));

  if (!g_set_object (&self->table, table))
    return;
  rebuild (self);
}

GtkColumnView *
wb_table_view_get_column_view (WbTableView *self)
{
  g_return_val_if_fail (WB_IS_TABLE_VIEW (self), NULL);
  return self->view;
}

void
wb_table_view_set_show_footnote (WbTableView *self,
                                 gboolean     show)
{
  g_return_if_fail (WB_IS_TABLE_VIEW (self));

  show = !!show;
  if (self->show_footnote == show)
    return;
  self->show_footnote = show;
  rebuild (self);
}
