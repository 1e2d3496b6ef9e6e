/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-wrap-box"

#include "config.h"

#include "wb-wrap-box.h"

struct _WbWrapBox
{
  GtkWidget parent_instance;

  int spacing;
  gboolean vertical;
  gboolean toolbar;
};

G_DEFINE_FINAL_TYPE (WbWrapBox, wb_wrap_box, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SPACING,
  PROP_VERTICAL,
  PROP_TOOLBAR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Layout */

/* The width @child takes in a row @width wide (any width: -1): the width it asks for, or the
 * whole row where it asks for more, but never less than its least; vertical, the whole row. */
static int
child_width (WbWrapBox *self,
             GtkWidget *child,
             int        width)
{
  int minimum, natural;

  gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  if (width < 0)
    return natural;
  return MAX (minimum, self->vertical ? width : MIN (natural, width));
}

static int
child_height (GtkWidget *child,
              int        width)
{
  int natural;

  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, NULL, &natural, NULL, NULL);
  return natural;
}

/* Gives the children from @first up to @end (not included) their places in the row at @y. */
static void
place_row (WbWrapBox *self,
           GtkWidget *first,
           GtkWidget *end,
           int        width,
           int        y,
           int        height)
{
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
  int x = 0;

  /* A toolbar's rows stand at its end. */
  if (self->toolbar)
    {
      x = width + self->spacing;
      for (GtkWidget *child = first; child != end; child = gtk_widget_get_next_sibling (child))
        if (gtk_widget_should_layout (child))
          x -= child_width (self, child, width) + self->spacing;
      x = MAX (x, 0);
    }
  for (GtkWidget *child = first; child != end; child = gtk_widget_get_next_sibling (child))
    {
      int w;

      if (!gtk_widget_should_layout (child))
        continue;
      w = child_width (self, child, width);
      gtk_widget_size_allocate (child, &(GtkAllocation) { rtl ? width - x - w : x, y, w, height }, -1);
      x += w + self->spacing;
    }
}

/* Lays the children out in rows @width wide (any width: -1, one row) and says how tall
 * they are; with @allocate, gives every child its place. */
static int
layout (WbWrapBox *self,
        int        width,
        gboolean   allocate)
{
  GtkWidget *row_start = NULL;
  int y = 0, x = 0, row_height = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int w;

      if (!gtk_widget_should_layout (child))
        continue;
      w = child_width (self, child, width);
      /* A full row: the next begins under it. */
      if (row_start != NULL && (self->vertical || (width >= 0 && x + self->spacing + w > width)))
        {
          if (allocate)
            place_row (self, row_start, child, width, y, row_height);
          y += row_height + self->spacing;
          row_start = NULL;
        }
      if (row_start == NULL)
        {
          row_start = child;
          x = w;
          row_height = 0;
        }
      else
        x += self->spacing + w;
      row_height = MAX (row_height, child_height (child, w));
    }
  if (row_start == NULL)
    return 0;
  if (allocate)
    place_row (self, row_start, NULL, width, y, row_height);
  return y + row_height;
}

/* The width the box asks for. As wide as its widest child, naturally too: it takes the
 * width its parent has and wraps in it, and does not ask for the width of every child in
 * one row (a list's page beside the list would fold away for it). Vertical, at least as wide
 * as its widest child's least, and a toolbar too (its actions are never cut); in rows, as
 * narrow as its parent makes it: in a window being made narrower it must not hold the window
 * at the width of its widest child (the list's filters move into a popover below a width of
 * their bar's own, which it could then never reach). A child wider than the box keeps its
 * least width, cut at the box's edge. */
static void
measure_width (WbWrapBox *self,
               int       *minimum,
               int       *natural)
{
  *minimum = *natural = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_minimum, child_natural;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &child_minimum, &child_natural, NULL, NULL);
      *minimum = MAX (*minimum, child_minimum);
      *natural = MAX (*natural, child_natural);
    }
  if (!self->vertical && !self->toolbar)
    *minimum = 0;
}

static void
wb_wrap_box_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  WbWrapBox *self = WB_WRAP_BOX (widget);
  int least, widest;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      measure_width (self, minimum, natural);
      return;
    }
  /* Any width: as tall as at the least width it asks for (GTK's rule for a height that
   * follows the width, that no width needs more). In rows that is none, in a toolbar its
   * widest child's: one a row either way. */
  if (for_size < 0 && !self->vertical)
    {
      measure_width (self, &least, &widest);
      for_size = least;
    }
  *minimum = *natural = layout (self, for_size, FALSE);
}

static GtkSizeRequestMode
wb_wrap_box_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
wb_wrap_box_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  layout (WB_WRAP_BOX (widget), width, TRUE);
}

/* GObject */

static void
wb_wrap_box_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (wb_wrap_box_parent_class)->dispose (object);
}

static void
wb_wrap_box_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  WbWrapBox *self = WB_WRAP_BOX (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      g_value_set_int (value, self->spacing);
      break;
    case PROP_VERTICAL:
      g_value_set_boolean (value, self->vertical);
      break;
    case PROP_TOOLBAR:
      g_value_set_boolean (value, self->toolbar);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_wrap_box_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  WbWrapBox *self = WB_WRAP_BOX (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      wb_wrap_box_set_spacing (self, g_value_get_int (value));
      break;
    case PROP_VERTICAL:
      wb_wrap_box_set_vertical (self, g_value_get_boolean (value));
      break;
    case PROP_TOOLBAR:
      wb_wrap_box_set_toolbar (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_wrap_box_class_init (WbWrapBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wb_wrap_box_dispose;
  object_class->get_property = wb_wrap_box_get_property;
  object_class->set_property = wb_wrap_box_set_property;
  widget_class->measure = wb_wrap_box_measure;
  widget_class->get_request_mode = wb_wrap_box_get_request_mode;
  widget_class->size_allocate = wb_wrap_box_size_allocate;

  properties[PROP_SPACING] =
    g_param_spec_int ("spacing", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VERTICAL] =
    g_param_spec_boolean ("vertical", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOOLBAR] =
    g_param_spec_boolean ("toolbar", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "wbwrapbox");
  /* A group of controls, as the GtkBox it stands for; not a control itself. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
wb_wrap_box_init (WbWrapBox *self)
{
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
}

/* Public API */

WbWrapBox *
wb_wrap_box_new (void)
{
  return g_object_new (WB_TYPE_WRAP_BOX, NULL);
}

void
wb_wrap_box_append (WbWrapBox *self,
                    GtkWidget *child)
{
  g_return_if_fail (WB_IS_WRAP_BOX (self));
  g_return_if_fail (GTK_IS_WIDGET (child) && gtk_widget_get_parent (child) == NULL);

  gtk_widget_insert_before (child, GTK_WIDGET (self), NULL);
}

void
wb_wrap_box_prepend (WbWrapBox *self,
                     GtkWidget *child)
{
  g_return_if_fail (WB_IS_WRAP_BOX (self));
  g_return_if_fail (GTK_IS_WIDGET (child) && gtk_widget_get_parent (child) == NULL);

  gtk_widget_insert_after (child, GTK_WIDGET (self), NULL);
}

void
wb_wrap_box_remove (WbWrapBox *self,
                    GtkWidget *child)
{
  g_return_if_fail (WB_IS_WRAP_BOX (self));
  g_return_if_fail (GTK_IS_WIDGET (child) && gtk_widget_get_parent (child) == GTK_WIDGET (self));

  gtk_widget_unparent (child);
}

int
wb_wrap_box_get_spacing (WbWrapBox *self)
{
  g_return_val_if_fail (WB_IS_WRAP_BOX (self), 0);
  return self->spacing;
}

void
wb_wrap_box_set_spacing (WbWrapBox *self,
                         int        spacing)
{
  g_return_if_fail (WB_IS_WRAP_BOX (self));
  g_return_if_fail (spacing >= 0);

  if (self->spacing == spacing)
    return;
  self->spacing = spacing;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPACING]);
}

gboolean
wb_wrap_box_get_vertical (WbWrapBox *self)
{
  g_return_val_if_fail (WB_IS_WRAP_BOX (self), FALSE);
  return self->vertical;
}

void
wb_wrap_box_set_vertical (WbWrapBox *self,
                          gboolean   vertical)
{
  g_return_if_fail (WB_IS_WRAP_BOX (self));

  vertical = !!vertical;
  if (self->vertical == vertical)
    return;
  self->vertical = vertical;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERTICAL]);
}

gboolean
wb_wrap_box_get_toolbar (WbWrapBox *self)
{
  g_return_val_if_fail (WB_IS_WRAP_BOX (self), FALSE);
  return self->toolbar;
}

void
wb_wrap_box_set_toolbar (WbWrapBox *self,
                         gboolean   toolbar)
{
  g_return_if_fail (WB_IS_WRAP_BOX (self));

  toolbar = !!toolbar;
  if (self->toolbar == toolbar)
    return;
  self->toolbar = toolbar;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOOLBAR]);
}
