/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-list-row"

#include "config.h"

#include "wb-list-row.h"

struct _WbListRow
{
  GtkWidget parent_instance;

  GtkColumnView *header;
};

G_DEFINE_FINAL_TYPE (WbListRow, wb_list_row, GTK_TYPE_WIDGET)

/* The title of the header's first column, in the header's line of titles: the column
 * view's child that is not its (empty) list. The titles stand in the columns' order. */
static GtkWidget *
first_title (WbListRow *self)
{
  GtkWidget *line = self->header != NULL ? gtk_widget_get_first_child (GTK_WIDGET (self->header)) : NULL;

  for (; line != NULL && GTK_IS_LIST_VIEW (line); line = gtk_widget_get_next_sibling (line))
    ;
  return line != NULL ? gtk_widget_get_first_child (line) : NULL;
}

/* Where the column of @title stands in the row, or FALSE where it is hidden or not laid out:
 * where it stands in the line of titles. That line and the row both begin where the table
 * does, whichever way the headers and the rows are scrolled (each scrolls by itself, and
 * a row is laid out again only when its size changes). */
static gboolean
column_bounds (GtkWidget *title,
               int       *x,
               int       *width)
{
  graphene_rect_t bounds;

  if (title == NULL || !gtk_widget_get_visible (title) ||
      !gtk_widget_compute_bounds (title, gtk_widget_get_parent (title), &bounds))
    return FALSE;
  *x = (int) roundf (bounds.origin.x);
  *width = (int) roundf (bounds.size.width);
  return *width > 0;
}

static GtkSizeRequestMode
wb_list_row_get_request_mode (GtkWidget *widget)
{
  /* A cell may wrap its text within its column's width. */
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
wb_list_row_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  WbListRow *self = WB_LIST_ROW (widget);
  GtkWidget *title = first_title (self);

  /* As wide as the header's shown columns (the list scrolls sideways where they do not
   * fit): each as wide as it is set to be, or as its title asks. (GTK 4.8 counts the hidden
   * columns in the column view's own width.) The header gives each cell its width. */
  *minimum = *natural = 0;
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      GListModel *columns = self->header != NULL ? gtk_column_view_get_columns (self->header) : NULL;

      for (guint i = 0; columns != NULL && i < g_list_model_get_n_items (columns); i++)
        {
          g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
          int width = gtk_column_view_column_get_fixed_width (column);

          if (gtk_column_view_column_get_visible (column))
            {
              if (width < 0 && title != NULL)
                gtk_widget_measure (title, GTK_ORIENTATION_HORIZONTAL, -1, &width, NULL, NULL, NULL);
              *minimum += MAX (width, 0);
            }
          title = title != NULL ? gtk_widget_get_next_sibling (title) : NULL;
        }
      *natural = *minimum;
      return;
    }
  for (GtkWidget *cell = gtk_widget_get_first_child (widget); cell != NULL; cell = gtk_widget_get_next_sibling (cell))
    {
      int width = gtk_widget_get_width (title != NULL ? title : widget);
      int cell_minimum, cell_natural;

      if (gtk_widget_should_layout (cell))
        {
          gtk_widget_measure (cell, GTK_ORIENTATION_VERTICAL, title != NULL && width > 0 ? width : -1,
                              &cell_minimum, &cell_natural, NULL, NULL);
          *minimum = MAX (*minimum, cell_minimum);
          *natural = MAX (*natural, cell_natural);
        }
      title = title != NULL ? gtk_widget_get_next_sibling (title) : NULL;
    }
}

static void
wb_list_row_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  GtkWidget *title = first_title (WB_LIST_ROW (widget));

  /* The header is laid out first (it stands above the rows in the same box): each cell
   * takes the place of its column's title. */
  for (GtkWidget *cell = gtk_widget_get_first_child (widget); cell != NULL; cell = gtk_widget_get_next_sibling (cell))
    {
      int x, cell_width;

      if (gtk_widget_should_layout (cell))
        {
          if (!column_bounds (title, &x, &cell_width))
            x = cell_width = 0;
          gtk_widget_size_allocate (cell, &(GtkAllocation) { x, 0, cell_width, height }, -1);
        }
      title = title != NULL ? gtk_widget_get_next_sibling (title) : NULL;
    }
}

static void
wb_list_row_dispose (GObject *object)
{
  WbListRow *self = WB_LIST_ROW (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->header);

  G_OBJECT_CLASS (wb_list_row_parent_class)->dispose (object);
}

static void
wb_list_row_class_init (WbListRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wb_list_row_dispose;
  widget_class->get_request_mode = wb_list_row_get_request_mode;
  widget_class->measure = wb_list_row_measure;
  widget_class->size_allocate = wb_list_row_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "wblistrow");
  /* The line (the list's row around it) is what a screen reader reads as the row. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
wb_list_row_init (WbListRow *self)
{
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
}

GtkWidget *
wb_list_row_new (GtkColumnView *header)
{
  WbListRow *self;

  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (header), NULL);

  self = g_object_new (WB_TYPE_LIST_ROW, NULL);
  self->header = g_object_ref (header);
  return GTK_WIDGET (self);
}

void
wb_list_row_append (WbListRow *self,
                    GtkWidget *cell)
{
  g_return_if_fail (WB_IS_LIST_ROW (self));
  g_return_if_fail (GTK_IS_WIDGET (cell));

  gtk_widget_insert_before (cell, GTK_WIDGET (self), NULL);
}

void
wb_list_row_sync_columns (WbListRow *self)
{
  GListModel *columns;
  GtkWidget *cell;

  g_return_if_fail (WB_IS_LIST_ROW (self));

  columns = gtk_column_view_get_columns (self->header);
  cell = gtk_widget_get_first_child (GTK_WIDGET (self));
  for (guint i = 0; cell != NULL; i++, cell = gtk_widget_get_next_sibling (cell))
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      gboolean visible = column != NULL && gtk_column_view_column_get_visible (column);

      if (gtk_widget_get_visible (cell) != visible)
        gtk_widget_set_visible (cell, visible);
    }
}
