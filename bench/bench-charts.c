/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "bench-charts"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>

#include "wb-application.h"
#include "wb-chart-draw.h"
#include "wb-chart-view.h"
#include "wb-locale.h"
#include "wb-test-charts.h"

/* Each chart kind the monitor uses, on synthetic figures, to look at and to time:
 *
 *   bench-charts                 a window with every chart (WbChartView), as the app styles it
 *       --dark                   in the dark style
 *       --width=N --height=N     the window's size (e.g. 360 for a phone-wide window)
 *       --focus=N                keyboard focus on chart N with its third figure chosen
 *       --tables                 the figures as tables (the Table toggle)
 *       --quit-after=S           close after S seconds (for a screenshot: import -window root)
 *   bench-charts --draw-times    how long wb_chart_draw() takes for each kind at 1280 × 400,
 *                                the median of 200 draws, against a 60 Hz frame (16.7 ms)
 *
 * Run under a display: xvfb-run -a ./_build/bench/bench-charts --draw-times */

static gboolean dark;
static int width = 1100;
static int height = 1000;
static int focus = -1;
static int quit_after;
static gboolean draw_times;
static gboolean tables;

static const GOptionEntry options[] = {
  { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "The dark style", NULL },
  { "width", 0, 0, G_OPTION_ARG_INT, &width, "Window width", "N" },
  { "height", 0, 0, G_OPTION_ARG_INT, &height, "Window height", "N" },
  { "focus", 0, 0, G_OPTION_ARG_INT, &focus, "Focus chart N and its third figure", "N" },
  { "quit-after", 0, 0, G_OPTION_ARG_INT, &quit_after, "Quit after S seconds", "S" },
  { "tables", 0, 0, G_OPTION_ARG_NONE, &tables, "Show the figures as tables", NULL },
  { "draw-times", 0, 0, G_OPTION_ARG_NONE, &draw_times, "Time the drawing of each kind", NULL },
  { NULL }
};

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static int
time_draws (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1280, 400);
  cairo_t *cr = cairo_create (surface);
  WbChartStyle style;
  int status = 0;

  wb_chart_style_init_paper (&style, 14);
  printf ("%-10s %10s %10s\n", "chart", "median ms", "max ms");
  for (WbTestChart c = 0; c < WB_TEST_N_CHARTS; c++)
    {
      g_autoptr(WbChartModel) model = wb_test_chart_new (c);
      double times[200];

      for (guint i = 0; i < G_N_ELEMENTS (times); i++)
        {
          gint64 start = g_get_monotonic_time ();

          wb_chart_draw (model, cr, 1280, 400, &style, NULL);
          cairo_surface_flush (surface);
          times[i] = (g_get_monotonic_time () - start) / 1000.0;
        }
      qsort (times, G_N_ELEMENTS (times), sizeof (double), compare_doubles);
      printf ("%-10s %10.2f %10.2f\n", wb_test_chart_name (c), times[G_N_ELEMENTS (times) / 2],
              times[G_N_ELEMENTS (times) - 1]);
      if (times[G_N_ELEMENTS (times) / 2] > 16.7)
        status = 1;
    }
  printf ("frame at 60 Hz: 16.7 ms\n");
  wb_chart_style_clear (&style);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return status;
}

static gboolean
quit_cb (gpointer data)
{
  g_application_quit (G_APPLICATION (data));
  return G_SOURCE_REMOVE;
}

static gboolean
focus_cb (gpointer data)
{
  WbChart *chart = data;

  gtk_widget_grab_focus (GTK_WIDGET (chart));
  wb_chart_set_focus (chart, 0, 2);
  return G_SOURCE_REMOVE;
}

static void
on_activate_cb (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *flow = gtk_flow_box_new ();

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
  gtk_window_set_title (GTK_WINDOW (window), "Werkbrug charts");
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 2);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow), TRUE);
  gtk_widget_set_margin_start (flow, 12);
  gtk_widget_set_margin_end (flow, 12);
  gtk_widget_set_margin_top (flow, 12);
  gtk_widget_set_margin_bottom (flow, 12);
  for (WbTestChart c = 0; c < WB_TEST_N_CHARTS; c++)
    {
      g_autoptr(WbChartModel) model = wb_test_chart_new (c);
      GtkWidget *view = wb_chart_view_new ();

      wb_chart_view_set_model (WB_CHART_VIEW (view), model);
      wb_chart_view_set_show_table (WB_CHART_VIEW (view), tables);
      gtk_widget_set_size_request (view, -1, 420);
      gtk_widget_add_css_class (view, "card");
      gtk_widget_set_margin_start (view, 6);
      gtk_widget_set_margin_end (view, 6);
      gtk_widget_set_margin_bottom (view, 12);
      gtk_flow_box_append (GTK_FLOW_BOX (flow), view);
      if ((int) c == focus)
        g_timeout_add (600, focus_cb, wb_chart_view_get_chart (WB_CHART_VIEW (view)));
    }
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), flow);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  if (quit_after > 0)
    g_timeout_add_seconds ((guint) quit_after, quit_cb, app);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AdwApplication) app = NULL;

  /* In the language of the environment, as the application runs (LANG=nl_NL.UTF-8). */
  bindtextdomain (GETTEXT_PACKAGE, wb_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_option_context_add_main_entries (context, options, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (draw_times)
    {
      gtk_init ();
      return time_draws ();
    }

  wb_application_ensure_resources ();
  /* The application's style sheets (style.css, style-dark.css) come with its resource path. */
  app = g_object_new (ADW_TYPE_APPLICATION,
                      "application-id", "nl.werkbrug.Werkbrug.BenchCharts",
                      "flags", G_APPLICATION_NON_UNIQUE,
                      "resource-base-path", "/nl/werkbrug/Werkbrug",
                      NULL);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), 1, argv);
}
