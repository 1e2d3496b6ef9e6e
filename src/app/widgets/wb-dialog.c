/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-dialog"

#include "config.h"

#include "wb-dialog.h"

/* What a panel, the title bar and the window's shadow take of the monitor's height. */
#define SCREEN_CHROME 96

GtkWidget *
wb_dialog_scrolled (GtkWidget *child,
                    int        max_height)
{
  GtkWidget *scrolled;

  g_return_val_if_fail (GTK_IS_WIDGET (child), NULL);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled),
                                              max_height > 0 ? max_height : WB_DIALOG_MAX_CONTENT_HEIGHT);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), child);
  return scrolled;
}

typedef struct {
  int width;
  int height;
} Fit;

static void
on_realize_cb (GtkWindow *window,
               Fit       *fit)
{
  GtkWindow *parent = gtk_window_get_transient_for (window);
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (window));
  GdkSurface *surface = parent != NULL ? gtk_native_get_surface (GTK_NATIVE (parent)) : NULL;
  GdkMonitor *monitor = surface != NULL ? gdk_display_get_monitor_at_surface (display, surface) : NULL;
  int width = fit->width, height = fit->height;

  if (monitor == NULL)
    {
      GListModel *monitors = gdk_display_get_monitors (display);

      if (g_list_model_get_n_items (monitors) > 0)
        {
          g_autoptr(GdkMonitor) first = g_list_model_get_item (monitors, 0);
          GdkRectangle area;

          gdk_monitor_get_geometry (first, &area);
          width = MIN (width, area.width);
          height = MIN (height, area.height - SCREEN_CHROME);
        }
    }
  else
    {
      GdkRectangle area;

      gdk_monitor_get_geometry (monitor, &area);
      width = MIN (width, area.width);
      height = MIN (height, area.height - SCREEN_CHROME);
    }
  /* In a narrow window a dialog is no wider than the window. */
  if (parent != NULL && gtk_widget_get_width (GTK_WIDGET (parent)) > 0)
    width = MIN (width, gtk_widget_get_width (GTK_WIDGET (parent)));
  gtk_window_set_default_size (window, width, height);
}

void
wb_dialog_fit (GtkWindow *window,
               int        width,
               int        height)
{
  Fit *fit;

  g_return_if_fail (GTK_IS_WINDOW (window));

  fit = g_new0 (Fit, 1);
  fit->width = width;
  fit->height = height;
  gtk_window_set_default_size (window, width, height);
  g_signal_connect_data (window, "realize", G_CALLBACK (on_realize_cb), fit, (GClosureNotify) (void (*) (void)) g_free, 0);
}
