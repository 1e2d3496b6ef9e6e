/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-view-switcher-face"

#include "config.h"

#include "wb-view-switcher-face.h"

struct _WbViewSwitcherFace
{
  GtkWidget parent_instance;

  GtkWidget *icon;
  GtkWidget *title;
  gboolean can_beside;
  gboolean beside;
};

G_DEFINE_FINAL_TYPE (WbViewSwitcherFace, wb_view_switcher_face, GTK_TYPE_WIDGET)

/* Between the icon and a title beside it, and between the icon and a title under it. */
#define SPACING_BESIDE 6
#define SPACING_UNDER 2

static void
measure_child (GtkWidget      *child,
               GtkOrientation  orientation,
               int             for_size,
               int            *minimum,
               int            *natural)
{
  gtk_widget_measure (child, orientation, for_size, minimum, natural, NULL, NULL);
}

static void
wb_view_switcher_face_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  WbViewSwitcherFace *self = WB_VIEW_SWITCHER_FACE (widget);
  int icon_min, icon_nat, title_min, title_nat;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      measure_child (self->icon, orientation, -1, &icon_min, &icon_nat);
      measure_child (self->title, orientation, -1, &title_min, &title_nat);
      /* Smallest: the title under the icon; natural: beside it, where it may stand there. */
      *minimum = MAX (icon_min, title_min);
      *natural = self->can_beside ? icon_nat + SPACING_BESIDE + title_nat : MAX (icon_nat, title_nat);
    }
  else
    {
      int icon_width, title_width, unused;

      measure_child (self->icon, orientation, -1, &icon_min, &icon_nat);
      measure_child (self->icon, GTK_ORIENTATION_HORIZONTAL, -1, &unused, &icon_width);
      measure_child (self->title, GTK_ORIENTATION_HORIZONTAL, -1, &unused, &title_width);
      /* Beside the icon where the face has its natural width (or any), as the switcher
       * lays it out then; else under it. */
      if (self->can_beside && (for_size < 0 || for_size >= icon_width + SPACING_BESIDE + title_width))
        {
          measure_child (self->title, orientation, -1, &title_min, &title_nat);
          *minimum = MAX (icon_min, title_min);
          *natural = MAX (icon_nat, title_nat);
        }
      else
        {
          measure_child (self->title, orientation, for_size, &title_min, &title_nat);
          *minimum = icon_min + SPACING_UNDER + title_min;
          *natural = icon_nat + SPACING_UNDER + title_nat;
        }
    }
}

static GtkSizeRequestMode
wb_view_switcher_face_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
wb_view_switcher_face_size_allocate (GtkWidget *widget,
                                     int        width,
                                     int        height,
                                     int        baseline)
{
  WbViewSwitcherFace *self = WB_VIEW_SWITCHER_FACE (widget);
  int icon_width, icon_height, title_width, title_height, unused;

  measure_child (self->icon, GTK_ORIENTATION_HORIZONTAL, -1, &unused, &icon_width);
  measure_child (self->icon, GTK_ORIENTATION_VERTICAL, -1, &unused, &icon_height);
  if (self->can_beside && self->beside)
    {
      gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
      int x, icon_x, title_x;

      measure_child (self->title, GTK_ORIENTATION_HORIZONTAL, -1, &unused, &title_width);
      title_width = MAX (0, MIN (title_width, width - icon_width - SPACING_BESIDE));
      measure_child (self->title, GTK_ORIENTATION_VERTICAL, title_width, &unused, &title_height);
      x = MAX (0, (width - icon_width - SPACING_BESIDE - title_width) / 2);
      icon_x = rtl ? width - x - icon_width : x;
      title_x = rtl ? icon_x - SPACING_BESIDE - title_width : x + icon_width + SPACING_BESIDE;
      gtk_widget_size_allocate (self->icon,
                                &(GtkAllocation) { icon_x, (height - icon_height) / 2, icon_width, icon_height }, -1);
      gtk_widget_size_allocate (self->title,
                                &(GtkAllocation) { title_x, (height - title_height) / 2, title_width, title_height }, -1);
    }
  else
    {
      int y;

      measure_child (self->title, GTK_ORIENTATION_VERTICAL, width, &unused, &title_height);
      y = MAX (0, (height - icon_height - SPACING_UNDER - title_height) / 2);
      gtk_widget_size_allocate (self->icon, &(GtkAllocation) { 0, y, width, icon_height }, -1);
      gtk_widget_size_allocate (self->title,
                                &(GtkAllocation) { 0, y + icon_height + SPACING_UNDER, width, title_height }, -1);
    }
}

static void
wb_view_switcher_face_dispose (GObject *object)
{
  WbViewSwitcherFace *self = WB_VIEW_SWITCHER_FACE (object);

  g_clear_pointer (&self->icon, gtk_widget_unparent);
  g_clear_pointer (&self->title, gtk_widget_unparent);

  G_OBJECT_CLASS (wb_view_switcher_face_parent_class)->dispose (object);
}

static void
wb_view_switcher_face_class_init (WbViewSwitcherFaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wb_view_switcher_face_dispose;
  widget_class->measure = wb_view_switcher_face_measure;
  widget_class->size_allocate = wb_view_switcher_face_size_allocate;
  widget_class->get_request_mode = wb_view_switcher_face_get_request_mode;

  gtk_widget_class_set_css_name (widget_class, "wbviewswitcherface");
}

static void
wb_view_switcher_face_init (WbViewSwitcherFace *self)
{
}

GtkWidget *
wb_view_switcher_face_new (GtkWidget *icon,
                           GtkWidget *title,
                           gboolean   can_beside)
{
  WbViewSwitcherFace *self;

  g_return_val_if_fail (GTK_IS_WIDGET (icon), NULL);
  g_return_val_if_fail (GTK_IS_WIDGET (title), NULL);

  self = g_object_new (WB_TYPE_VIEW_SWITCHER_FACE, NULL);
  self->icon = icon;
  self->title = title;
  self->can_beside = can_beside;
  gtk_widget_set_parent (icon, GTK_WIDGET (self));
  gtk_widget_set_parent (title, GTK_WIDGET (self));
  return GTK_WIDGET (self);
}

void
wb_view_switcher_face_set_beside (WbViewSwitcherFace *self,
                                  gboolean            beside)
{
  g_return_if_fail (WB_IS_VIEW_SWITCHER_FACE (self));

  beside = !!beside;
  if (self->beside == beside)
    return;
  self->beside = beside;
  /* Called as the switcher allocates: the face lays out anew in this allocation even where
   * its size stays. */
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

gboolean
wb_view_switcher_face_get_beside (WbViewSwitcherFace *self)
{
  g_return_val_if_fail (WB_IS_VIEW_SWITCHER_FACE (self), FALSE);
  return self->can_beside && self->beside;
}
