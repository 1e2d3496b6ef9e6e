/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "test-app-charts"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "wb-application.h"
#include "wb-chart-draw.h"
#include "wb-chart-view.h"
#include "wb-chart.h"
#include "wb-document.h"
#include "wb-format.h"
#include "wb-locale.h"
#include "wb-table-export.h"
#include "wb-test-charts.h"
#include "wb-test-gtk.h"
#include "wb-test-util.h"

/* The shared charts, documents and exports on synthetic figures: the model and its words,
 * each chart kind drawn to PNG, SVG and PDF and read back (size, text, the dashed target),
 * the widget's accessible description under the keyboard, the table toggle, the XLSX and
 * CSV files, and a document's pages, header rows and footers. */

/* Helpers */

static void
spin (guint iterations)
{
  for (guint i = 0; i < iterations; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

/* Shows @window and waits until it has painted a few frames (counted, not timed: a busy
 * machine paints fewer in the same time). */
static void
show_until_drawn (GtkWidget *window)
{
  gtk_window_present (GTK_WINDOW (window));
  wb_test_wait_frames (window, 3);
}

static char *
read_file (const char *path,
           gsize      *length)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_assert_true (g_file_get_contents (path, &data, length, &error));
  g_assert_no_error (error);
  return data;
}

/* memmem(), which C17 without _GNU_SOURCE lacks: the data of a PDF holds NULs. */
static const char *
find_bytes (const char *data,
            const char *end,
            const char *needle)
{
  gsize n = strlen (needle);

  for (const char *p = data; p + n <= end; p++)
    if (memcmp (p, needle, n) == 0)
      return p;
  return NULL;
}

/* Whether a binary file (a PDF, with NULs in its streams) holds @needle. */
static gboolean
file_contains (const char *path,
               const char *needle)
{
  gsize length = 0;
  g_autofree char *data = read_file (path, &length);

  return find_bytes (data, data + length, needle) != NULL;
}

/* The content streams of a PDF, inflated: where cairo writes its drawing operators. */
static GString *
pdf_operators (const char *path)
{
  gsize length = 0;
  g_autofree char *data = read_file (path, &length);
  GString *out = g_string_new (NULL);
  const char *p = data, *end = data + length;

  while ((p = find_bytes (p, end, "stream")) != NULL)
    {
      const char *start = p + strlen ("stream");
      const char *stop;
      g_autoptr(GConverter) inflate = NULL;
      g_autoptr(GInputStream) raw = NULL;
      g_autoptr(GInputStream) stream = NULL;
      char buffer[4096];
      gssize n;

      if (p > data && p[-1] == 'd')   /* "endstream" */
        {
          p = start;
          continue;
        }
      while (start < end && (*start == '\r' || *start == '\n'))
        start++;
      stop = find_bytes (start, end, "endstream");
      if (stop == NULL)
        break;
      inflate = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB));
      raw = g_memory_input_stream_new_from_data (start, stop - start, NULL);
      stream = g_converter_input_stream_new (raw, inflate);
      while ((n = g_input_stream_read (stream, buffer, sizeof buffer, NULL, NULL)) > 0)
        g_string_append_len (out, buffer, n);
      p = stop;
    }
  return out;
}

/* A dash pattern with at least one dash: "[6.6 4.2] 0 d", not the "[] 0 d" that ends one. */
static gboolean
has_dash_operator (const char *operators)
{
  for (const char *p = operators; (p = strstr (p, "] 0 d")) != NULL; p++)
    {
      const char *open = p;

      while (open > operators && *open != '[')
        open--;
      if (*open == '[' && p - open > 1)
        return TRUE;
    }
  return FALSE;
}

static WbChartModel *
simple_model (void)
{
  WbChartBuilder *b = wb_chart_builder_new (WB_CHART_KIND_BAR, "Outflow to work");
  guint s = wb_chart_builder_add_series (b, "outflow", "Outflow to work");
  guint goal = wb_chart_builder_add_target (b, (int) s, "target");

  /* Given out of order: the model sorts the periods. */
  wb_chart_builder_add_value (b, s, "2026-Q3", 95, WB_CHART_STATUS_PROVISIONAL);
  wb_chart_builder_add_value (b, s, "2026-Q1", 81, WB_CHART_STATUS_FINAL);
  wb_chart_builder_add_suppressed (b, s, "2026-Q2", "Fewer than 10 persons");
  wb_chart_builder_add_value (b, goal, "2026-Q3", 110, WB_CHART_STATUS_FINAL);
  wb_chart_builder_add_value (b, goal, "2026-Q1", 100, WB_CHART_STATUS_FINAL);
  return wb_chart_builder_end (b);
}

/* Tests: the model */

static void
test_model_periods (void)
{
  g_autoptr(WbChartModel) model = simple_model ();
  const WbChartPoint *point;

  g_assert_true (wb_chart_model_has_periods (model));
  g_assert_cmpuint (wb_chart_model_get_n_periods (model), ==, 3);
  g_assert_cmpstr (wb_chart_model_get_period (model, 0), ==, "2026-Q1");
  g_assert_cmpstr (wb_chart_model_get_period (model, 1), ==, "2026-Q2");
  g_assert_cmpstr (wb_chart_model_get_period (model, 2), ==, "2026-Q3");
  g_assert_cmpstr (wb_chart_model_get_period_label (model, 2, FALSE), ==, "Q3 2026");
  g_assert_cmpuint (wb_chart_model_get_n_series (model), ==, 2);
  g_assert_cmpuint (wb_chart_model_get_n_data_series (model), ==, 1);
  g_assert_true (wb_chart_model_series_is_target (model, 1));
  g_assert_cmpint (wb_chart_model_get_series_partner (model, 0), ==, 1);
  g_assert_cmpint (wb_chart_model_get_series_partner (model, 1), ==, 0);

  point = wb_chart_model_get_point (model, 0, 1);
  g_assert_true (point->suppressed);
  g_assert_false (point->has_value);
  g_assert_cmpstr (point->reason, ==, "Fewer than 10 persons");
  point = wb_chart_model_get_point (model, 0, 2);
  g_assert_cmpfloat (point->value, ==, 95);
  g_assert_cmpint (point->status, ==, WB_CHART_STATUS_PROVISIONAL);
  /* The target has no figure for the second quarter: not known, not zero. */
  point = wb_chart_model_get_point (model, 1, 1);
  g_assert_false (point->has_value);
  g_assert_false (point->suppressed);
  g_assert_cmpuint (wb_chart_model_get_n_suppressed (model), ==, 1);

  /* Categories keep the order they were given in. */
  {
    g_autoptr(WbChartModel) sectors = wb_test_chart_new (WB_TEST_CHART_SECTORS);

    g_assert_false (wb_chart_model_has_periods (sectors));
    g_assert_cmpstr (wb_chart_model_get_period (sectors, 0), ==, "Care and welfare");
    g_assert_cmpstr (wb_chart_model_get_period (sectors, 7), ==, "Construction");
  }
}

static void
test_model_words (void)
{
  g_autoptr(WbChartModel) model = simple_model ();
  g_autofree char *period = wb_chart_model_describe_period (model, 2);
  g_autofree char *hidden = wb_chart_model_describe_period (model, 1);
  g_autofree char *point = wb_chart_model_describe_point (model, 0, 2);
  g_autofree char *summary = wb_chart_model_describe (model);

  g_assert_cmpstr (period, ==, "Q3 2026: Outflow to work 95 (provisional), target 110");
  g_assert_cmpstr (hidden, ==, "Q2 2026: Outflow to work hidden (Fewer than 10 persons)");
  g_assert_cmpstr (point, ==, "Outflow to work, Q3 2026: 95 (provisional), target 110");
  g_assert_nonnull (strstr (summary, "Bar chart: Outflow to work."));
  g_assert_nonnull (strstr (summary, "From Q1 2026 to Q3 2026."));
  g_assert_nonnull (strstr (summary, "Latest: Q3 2026: Outflow to work 95 (provisional), target 110."));
  g_assert_nonnull (strstr (summary, "1 value is hidden"));
}

/* The table has the model's figures, one row per period and series, hidden ones hidden. */
static void
test_model_table (void)
{
  for (WbTestChart c = 0; c < WB_TEST_N_CHARTS; c++)
    {
      g_autoptr(WbChartModel) model = wb_test_chart_new (c);
      g_autoptr(WbTable) table = wb_chart_model_to_table (model);
      guint n_data = wb_chart_model_get_n_data_series (model);
      guint value_column = n_data > 1 ? 2 : 1;
      guint row = 0;

      g_assert_cmpuint (wb_table_get_n_rows (table), ==, wb_chart_model_get_n_periods (model) * n_data);
      g_assert_cmpstr (wb_table_get_info (table)->definition, ==, wb_chart_model_get_info (model)->definition);
      for (guint p = 0; p < wb_chart_model_get_n_periods (model); p++)
        for (guint s = 0; s < wb_chart_model_get_n_series (model); s++)
          {
            const WbChartPoint *point;

            if (wb_chart_model_series_is_target (model, s))
              continue;
            point = wb_chart_model_get_point (model, s, p);
            if (n_data > 1)
              g_assert_cmpstr (wb_table_get_text (table, row, 1), ==, wb_chart_model_get_series_name (model, s));
            if (point->suppressed)
              {
                g_assert_cmpint (wb_table_get_cell_kind (table, row, value_column), ==, WB_TABLE_CELL_HIDDEN);
                g_assert_cmpstr (wb_table_get_text (table, row, value_column), ==, ".");
                g_assert_cmpstr (wb_table_get_note (table, row, value_column), ==, point->reason);
              }
            else if (point->has_value)
              {
                g_assert_cmpint (wb_table_get_cell_kind (table, row, value_column), ==, WB_TABLE_CELL_NUMBER);
                g_assert_cmpfloat (wb_table_get_number (table, row, value_column), ==, point->value);
              }
            else
              g_assert_cmpint (wb_table_get_cell_kind (table, row, value_column), ==, WB_TABLE_CELL_EMPTY);
            row++;
          }
    }
}

/* Tests: drawing to files */

static void
assert_png (WbChartModel *model,
            const char   *path,
            int           width,
            int           height)
{
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  guint coloured = 0;

  g_assert_true (wb_chart_export (model, WB_CHART_FORMAT_PNG, path, width, height, NULL, &error));
  g_assert_no_error (error);
  surface = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, height);
  /* Something is drawn in the series' colours, not only text on white. */
  for (int y = 0; y < height; y++)
    {
      const guint32 *row = (const guint32 *) (cairo_image_surface_get_data (surface) +
                                              y * cairo_image_surface_get_stride (surface));

      for (int x = 0; x < width; x++)
        {
          int r = (row[x] >> 16) & 0xff, g = (row[x] >> 8) & 0xff, b = row[x] & 0xff;

          if (MAX (MAX (r, g), b) - MIN (MIN (r, g), b) > 60)
            coloured++;
        }
    }
  g_assert_cmpuint (coloured, >, (guint) (width * height / 200));
  cairo_surface_destroy (surface);
}

/* Runs of target-coloured and other pixels along the target's line: a dashed line has many. */
static guint
dash_runs (cairo_surface_t  *surface,
           const WbChartHit *hit,
           gboolean          vertical)
{
  guint runs = 0;
  gboolean on = FALSE;
  int length = (int) (vertical ? hit->height : hit->width);

  cairo_surface_flush (surface);
  for (int i = 0; i < length; i++)
    {
      int x = vertical ? (int) (hit->x + hit->width / 2) : (int) hit->x + i;
      int y = vertical ? (int) hit->y + i : (int) (hit->y + hit->height / 2);
      const guint32 *row = (const guint32 *) (cairo_image_surface_get_data (surface) +
                                              y * cairo_image_surface_get_stride (surface));
      int r = (row[x] >> 16) & 0xff;
      gboolean dark = r < 128;

      if (dark != on)
        {
          runs++;
          on = dark;
        }
    }
  return runs;
}

static void
test_draw_png (void)
{
  g_autofree char *dir = wb_test_make_dir ();

  for (WbTestChart c = 0; c < WB_TEST_N_CHARTS; c++)
    {
      g_autoptr(WbChartModel) model = wb_test_chart_new (c);
      g_autofree char *name = g_strdup_printf ("%s.png", wb_test_chart_name (c));
      g_autofree char *path = g_build_filename (dir, name, NULL);

      assert_png (model, path, 800, 450);
      assert_png (model, path, 360, 300);
    }

  /* The placements' target (in the text colour, dashed) across a bar chart: on and off along
   * each period, in pixels. */
  {
    g_autoptr(WbChartModel) model = wb_test_chart_new (WB_TEST_CHART_BAR);
    g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (WbChartHit));
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 800, 450);
    cairo_t *cr = cairo_create (surface);
    WbChartStyle style;
    guint targets = 0;

    wb_chart_style_init_paper (&style, 12);
    wb_chart_draw (model, cr, 800, 450, &style, hits);
    for (guint i = 0; i < hits->len; i++)
      {
        WbChartHit *hit = &g_array_index (hits, WbChartHit, i);

        if (!wb_chart_model_series_is_target (model, hit->series))
          continue;
        targets++;
        g_assert_cmpuint (dash_runs (surface, hit, FALSE), >=, 8);
      }
    g_assert_cmpuint (targets, ==, 5);
    wb_chart_style_clear (&style);
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
  }
  wb_test_remove_dir (dir);
}

static void
test_draw_svg (void)
{
  g_autofree char *dir = wb_test_make_dir ();

  for (WbTestChart c = 0; c < WB_TEST_N_CHARTS; c++)
    {
      g_autoptr(WbChartModel) model = wb_test_chart_new (c);
      g_autofree char *name = g_strdup_printf ("%s.svg", wb_test_chart_name (c));
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *title = g_strdup_printf ("<title>%s</title>", wb_chart_model_get_title (model));
      g_autofree char *description = wb_chart_model_describe (model);
      g_autofree char *escaped = g_markup_escape_text (description, -1);
      g_autofree char *svg = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (wb_chart_export (model, WB_CHART_FORMAT_SVG, path, 640, 400, NULL, &error));
      g_assert_no_error (error);
      svg = read_file (path, NULL);
      g_assert_nonnull (strstr (svg, "width=\"640px\" height=\"400px\""));
      g_assert_nonnull (strstr (svg, title));
      g_assert_nonnull (strstr (svg, escaped));
      /* A target is dashed, a forecast dotted: both are a dash array in SVG. */
      if (wb_chart_model_has_targets (model) || wb_chart_model_has_status (model, WB_CHART_STATUS_FORECAST))
        g_assert_nonnull (strstr (svg, "stroke-dasharray"));
      else
        g_assert_null (strstr (svg, "stroke-dasharray"));
    }
  wb_test_remove_dir (dir);
}

static void
test_draw_pdf (void)
{
  g_autofree char *dir = wb_test_make_dir ();

  for (WbTestChart c = 0; c < WB_TEST_N_CHARTS; c++)
    {
      g_autoptr(WbChartModel) model = wb_test_chart_new (c);
      const WbExportInfo *info = wb_chart_model_get_info (model);
      g_autofree char *name = g_strdup_printf ("%s.pdf", wb_test_chart_name (c));
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *text = NULL;
      g_autoptr(GString) operators = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (wb_chart_export (model, WB_CHART_FORMAT_PDF, path, 842, 595, NULL, &error));
      g_assert_no_error (error);
      text = wb_test_pdf_text (path, 1);
      /* What the figures are travels with them. */
      g_assert_nonnull (strstr (text, wb_chart_model_get_title (model)));
      g_assert_nonnull (strstr (text, info->definition));
      g_assert_nonnull (strstr (text, info->source));
      g_assert_nonnull (strstr (text, "Generated on: 3 Dec 2026, 14:05"));
      g_assert_nonnull (strstr (text, "hidden to protect privacy"));
      /* The last period always has its label on the axis. */
      g_assert_nonnull (strstr (text, wb_chart_model_get_period_label (model, wb_chart_model_get_n_periods (model) - 1, FALSE)));
      /* Structure and metadata, as far as cairo 1.16 writes them. */
      g_assert_true (file_contains (path, "/StructTreeRoot"));
      operators = pdf_operators (path);
      g_assert_cmpuint (operators->len, >, 1000);
      if (wb_chart_model_has_targets (model))
        g_assert_true (has_dash_operator (operators->str));
    }
  wb_test_remove_dir (dir);
}

/* In Dutch: numbers grouped with a point, quarters as "K3 2025", months as "jul 2025". */
static void
test_draw_dutch (void)
{
  g_autofree char *previous = g_strdup (setlocale (LC_ALL, NULL));
  g_autofree char *dir = wb_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "dutch.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *month = NULL;
  g_autofree char *number = NULL;
  g_autoptr(WbChartModel) model = NULL;
  g_autoptr(GError) error = NULL;

  if (setlocale (LC_ALL, "nl_NL.UTF-8") == NULL)
    {
      g_test_skip ("The nl_NL.UTF-8 locale is not there (build-aux/setup.sh makes it)");
      return;
    }
  bindtextdomain (GETTEXT_PACKAGE, wb_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  model = wb_test_chart_new (WB_TEST_CHART_BAR);
  g_assert_true (wb_chart_export (model, WB_CHART_FORMAT_PDF, path, 842, 595, NULL, &error));
  g_assert_no_error (error);
  text = wb_test_pdf_text (path, 1);
  g_assert_nonnull (strstr (text, "1.385"));
  g_assert_nonnull (strstr (text, "Gegenereerd op: 3 dec. 2026, 14:05"));
  g_clear_object (&model);

  model = wb_test_chart_new (WB_TEST_CHART_LINE);
  g_assert_cmpstr (wb_chart_model_get_period_label (model, 2, FALSE), ==, "K3 2023");
  g_assert_cmpstr (wb_chart_model_get_period_label (model, 2, TRUE), ==, "3e kwartaal 2023");
  month = wb_format_period ("2025-07", FALSE);
  g_assert_cmpstr (month, ==, "jul 2025");
  number = wb_format_number (1234.5, 1);
  g_assert_cmpstr (number, ==, "1.234,5");

  setlocale (LC_ALL, previous);
  wb_test_remove_dir (dir);
}

/* Tests: the widget */

static GtkShortcut *
find_shortcut (GtkWidget *widget,
               guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GtkShortcutTrigger) wanted = gtk_keyval_trigger_new (keyval, 0);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            return g_steal_pointer (&shortcut);
        }
    }
  return NULL;
}

/* Presses @keyval as the widget's own key binding handles it. */
static void
press (GtkWidget *widget,
       guint      keyval)
{
  g_autoptr(GtkShortcut) shortcut = find_shortcut (widget, keyval);

  g_assert_nonnull (shortcut);
  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                               widget, gtk_shortcut_get_arguments (shortcut)));
}

static void
test_widget_keyboard (void)
{
  g_autoptr(WbChartModel) model = wb_test_chart_new (WB_TEST_CHART_LINE);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *chart = wb_chart_new ();
  g_autofree char *summary = wb_chart_model_describe (model);
  g_autofree char *last = NULL;
  guint n_periods = wb_chart_model_get_n_periods (model);

  wb_chart_set_model (WB_CHART (chart), model);
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 450);
  gtk_window_set_child (GTK_WINDOW (window), chart);
  show_until_drawn (window);

  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (chart)), ==, GTK_ACCESSIBLE_ROLE_IMG);
  g_assert_true (gtk_widget_get_focusable (chart));
  g_assert_true (gtk_widget_grab_focus (chart));
  g_assert_cmpstr (wb_chart_get_description (WB_CHART (chart)), ==, summary);

  /* Right lands on the first period, then walks on; every step says the period in words. */
  press (chart, GDK_KEY_Right);
  g_assert_cmpint (wb_chart_get_focus_period (WB_CHART (chart)), ==, 0);
  g_assert_cmpint (wb_chart_get_focus_series (WB_CHART (chart)), ==, 0);
  g_assert_true (g_str_has_prefix (wb_chart_get_description (WB_CHART (chart)),
                                   "Q1 2023: Maastricht-Heuvelland 62, Target 85; Parkstad 80"));
  press (chart, GDK_KEY_Right);
  g_assert_true (g_str_has_prefix (wb_chart_get_description (WB_CHART (chart)), "Q2 2023: "));
  /* The hidden figure is said to be hidden, and why. */
  for (guint i = 0; i < 4; i++)
    press (chart, GDK_KEY_Right);
  g_assert_cmpint (wb_chart_get_focus_period (WB_CHART (chart)), ==, 5);
  g_assert_nonnull (strstr (wb_chart_get_description (WB_CHART (chart)),
                            "Maastricht-Heuvelland hidden (Fewer than 10 persons in one municipality)"));
  press (chart, GDK_KEY_Down);
  g_assert_cmpint (wb_chart_get_focus_series (WB_CHART (chart)), ==, 1);
  press (chart, GDK_KEY_Down);
  g_assert_cmpint (wb_chart_get_focus_series (WB_CHART (chart)), ==, 1);
  press (chart, GDK_KEY_End);
  g_assert_cmpint (wb_chart_get_focus_period (WB_CHART (chart)), ==, (int) n_periods - 1);
  last = wb_chart_model_describe_period (model, n_periods - 1);
  g_assert_cmpstr (wb_chart_get_description (WB_CHART (chart)), ==, last);
  g_assert_nonnull (strstr (last, "(forecast)"));
  press (chart, GDK_KEY_Home);
  g_assert_cmpint (wb_chart_get_focus_period (WB_CHART (chart)), ==, 0);
  press (chart, GDK_KEY_Left);
  g_assert_cmpint (wb_chart_get_focus_period (WB_CHART (chart)), ==, 0);
  spin (5);
  press (chart, GDK_KEY_Escape);
  g_assert_cmpint (wb_chart_get_focus_period (WB_CHART (chart)), ==, -1);
  g_assert_cmpstr (wb_chart_get_description (WB_CHART (chart)), ==, summary);

  /* A chart by category goes down the categories with Up and Down. */
  {
    g_autoptr(WbChartModel) sectors = wb_test_chart_new (WB_TEST_CHART_SECTORS);

    wb_chart_set_model (WB_CHART (chart), sectors);
    press (chart, GDK_KEY_Down);
    press (chart, GDK_KEY_Down);
    g_assert_cmpint (wb_chart_get_focus_period (WB_CHART (chart)), ==, 1);
    g_assert_true (g_str_has_prefix (wb_chart_get_description (WB_CHART (chart)), "Logistics: Open 148; Filled 97"));
    wb_chart_set_model (WB_CHART (chart), NULL);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  spin (5);
}

/* Every label under @widget, in the order of the widget tree. */
static void
collect_labels (GtkWidget *widget,
                GPtrArray *labels)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (labels, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, labels);
}

static void
test_view_table (void)
{
  g_autoptr(WbChartModel) model = wb_test_chart_new (WB_TEST_CHART_SECTORS);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = wb_chart_view_new ();
  WbTable *table;
  guint n_columns, n_rows, first_cell = 0;
  gboolean hidden_seen = FALSE;

  wb_chart_view_set_model (WB_CHART_VIEW (view), model);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 1000);
  gtk_window_set_child (GTK_WINDOW (window), view);
  show_until_drawn (window);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (wb_chart_view_get_chart (WB_CHART_VIEW (view)))));

  /* The toggle is an action, as the Table button uses it. */
  g_assert_true (gtk_widget_activate_action (view, "chart-view.show-table", NULL));
  g_assert_true (wb_chart_view_get_show_table (WB_CHART_VIEW (view)));
  /* A stack cross-fades: the chart goes once the fade is over, and the table's rows are laid
   * out in the frames after. */
  wb_test_wait_for (!gtk_widget_get_mapped (GTK_WIDGET (wb_chart_view_get_chart (WB_CHART_VIEW (view)))));
  wb_test_wait_frames (window, 3);

  table = wb_table_view_get_table (wb_chart_view_get_table_view (WB_CHART_VIEW (view)));
  n_columns = wb_table_get_n_columns (table);
  n_rows = wb_table_get_n_rows (table);
  g_assert_cmpuint (n_rows, ==, 16);
  collect_labels (GTK_WIDGET (wb_table_view_get_column_view (wb_chart_view_get_table_view (WB_CHART_VIEW (view)))),
                  labels);
  /* The column titles, then the cells row by row, as the model has them. */
  for (guint c = 0; c < n_columns; c++)
    g_assert_cmpstr (gtk_label_get_text (labels->pdata[c]), ==, wb_table_get_column_title (table, c));
  first_cell = n_columns;
  g_assert_cmpuint (labels->len, ==, first_cell + n_rows * n_columns);
  for (guint r = 0; r < n_rows; r++)
    for (guint c = 0; c < n_columns; c++)
      {
        GtkLabel *label = labels->pdata[first_cell + r * n_columns + c];
        g_autofree char *expected = wb_table_format_cell (table, r, c);

        g_assert_cmpstr (gtk_label_get_text (label), ==, expected);
        if (wb_table_get_cell_kind (table, r, c) == WB_TABLE_CELL_HIDDEN)
          {
            g_assert_cmpstr (gtk_label_get_text (label), ==, ".");
            g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (label)), ==, "Fewer than 10 persons");
            hidden_seen = TRUE;
          }
      }
  g_assert_true (hidden_seen);

  gtk_widget_activate_action (view, "chart-view.show-table", NULL);
  g_assert_false (wb_chart_view_get_show_table (WB_CHART_VIEW (view)));
  gtk_window_destroy (GTK_WINDOW (window));
  spin (5);
}

static const char xlsx_check[] =
  "import sys, datetime, openpyxl\n"
  "book = openpyxl.load_workbook(sys.argv[1])\n"
  "sheet = book.worksheets[0]\n"
  "assert sheet.freeze_panes == 'A2', sheet.freeze_panes\n"
  "header = [c.value for c in sheet[1]]\n"
  "assert header == ['Period', 'Subregion', 'Outflow to work', 'Target', 'Status', 'Note'], header\n"
  "assert sheet['A2'].value == 'Q1 2023', sheet['A2'].value\n"
  "assert isinstance(sheet['C2'].value, (int, float)) and sheet['C2'].value == 62, sheet['C2'].value\n"
  "assert isinstance(sheet['D2'].value, (int, float)) and sheet['D2'].value == 85\n"
  "hidden = [r for r in sheet.iter_rows(min_row=2) if r[2].value == '.']\n"
  "assert len(hidden) == 1 and hidden[0][0].value == 'Q2 2024', hidden\n"
  "assert hidden[0][2].comment is not None and 'Fewer than 10' in hidden[0][2].comment.text\n"
  "assert hidden[0][4].value == 'hidden'\n"
  "about = book.worksheets[1]\n"
  "labels = {r[0].value: r[1].value for r in about.iter_rows()}\n"
  "assert labels['Title'] == 'Outflow to work', labels\n"
  "assert labels['Definition'].startswith('Outflow events'), labels\n"
  "assert 'Generated on' in labels and 'Note' in labels\n"
  "assert book.properties.title == 'Outflow to work'\n";

static const char xlsx_dates_check[] =
  "import sys, datetime, openpyxl\n"
  "sheet = openpyxl.load_workbook(sys.argv[1]).worksheets[0]\n"
  "assert isinstance(sheet['A2'].value, datetime.datetime), sheet['A2'].value\n"
  "assert sheet['A2'].value == datetime.datetime(2025, 1, 1), sheet['A2'].value\n"
  "assert sheet['B2'].value == datetime.datetime(2026, 12, 3), sheet['B2'].value\n"
  "assert sheet['C2'].value == 1234.5 and sheet['C2'].number_format == '#,##0.0'\n"
  "assert sheet['D3'].value is None\n";

static void
run_python (const char *script,
            const char *path)
{
  const char *argv[] = { "/usr/bin/python3", "-c", script, path, NULL };
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, 0, NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("The check of %s failed: %s", path, err);
}

static void
test_view_exports (void)
{
  g_autoptr(WbChartModel) model = wb_test_chart_new (WB_TEST_CHART_LINE);
  g_autofree char *dir = wb_test_make_dir ();
  GtkWidget *view = g_object_ref_sink (wb_chart_view_new ());
  static const char * const suffixes[] = { "png", "svg", "pdf", "csv", "xlsx" };
  g_autoptr(GError) error = NULL;

  wb_chart_view_set_model (WB_CHART_VIEW (view), model);
  for (WbChartExportFormat f = WB_CHART_EXPORT_PNG; f <= WB_CHART_EXPORT_XLSX; f++)
    {
      g_autofree char *name = g_strdup_printf ("chart.%s", suffixes[f]);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      gsize length = 0;
      g_autofree char *data = NULL;

      g_assert_true (wb_chart_view_export (WB_CHART_VIEW (view), f, file, 1280, 720, &error));
      g_assert_no_error (error);
      data = read_file (path, &length);
      switch (f)
        {
        case WB_CHART_EXPORT_PNG:
          g_assert_true (g_str_has_prefix (data, "\x89PNG"));
          break;
        case WB_CHART_EXPORT_SVG:
          g_assert_nonnull (strstr (data, "width=\"1280px\""));
          break;
        case WB_CHART_EXPORT_PDF:
          g_assert_true (g_str_has_prefix (data, "%PDF-"));
          break;
        case WB_CHART_EXPORT_CSV:
          /* Dutch Excel: a byte-order mark, semicolons, the figures, then what they are. */
          g_assert_true (g_str_has_prefix (data, "\xEF\xBB\xBFPeriod;Subregion;Outflow to work;Target;Status;Note\r\n"));
          g_assert_nonnull (strstr (data, "\r\nQ1 2023;Maastricht-Heuvelland;62;85;final;\r\n"));
          g_assert_nonnull (strstr (data, "\r\nQ2 2024;Maastricht-Heuvelland;.;95;hidden;Fewer than 10 persons in one municipality\r\n"));
          g_assert_nonnull (strstr (data, "\r\n\r\nTitle;Outflow to work\r\n"));
          g_assert_nonnull (strstr (data, "\r\nSource;Werkbrug, synthetic test figures\r\n"));
          break;
        case WB_CHART_EXPORT_XLSX:
        default:
          g_assert_true (g_str_has_prefix (data, "PK\x03\x04"));
          run_python (xlsx_check, path);
          break;
        }
    }

  /* Typed cells of every kind: a month, a day and a decimal number. */
  {
    g_autoptr(WbTable) table = wb_table_new ("Types");
    g_autofree char *path = g_build_filename (dir, "types.xlsx", NULL);
    g_autofree char *csv = NULL;

    wb_table_add_column (table, "Month", WB_TABLE_COLUMN_MONTH, 0, 1);
    wb_table_add_column (table, "Day", WB_TABLE_COLUMN_DATE, 0, 1);
    wb_table_add_column (table, "Amount", WB_TABLE_COLUMN_NUMBER, 1, 1);
    wb_table_add_column (table, "Empty", WB_TABLE_COLUMN_TEXT, 0, 1);
    wb_table_add_row (table);
    wb_table_add_row (table);
    wb_table_set_date (table, 0, 0, 2025, 1, 1);
    wb_table_set_date (table, 0, 1, 2026, 12, 3);
    wb_table_set_number (table, 0, 2, 1234.5);
    wb_table_set_text (table, 0, 3, "=1+1");
    g_assert_true (wb_table_write_xlsx (table, path, &error));
    g_assert_no_error (error);
    run_python (xlsx_dates_check, path);
    csv = wb_table_to_csv (table, NULL);
    g_assert_true (g_str_has_prefix (csv, "\xEF\xBB\xBFMonth;Day;Amount;Empty\r\n2025-01-01;2026-12-03;1234,5;\"'=1+1\"\r\n;;;\r\n"));
  }

  /* The print: through a print operation as the Print… item runs it, to a PDF here. */
  {
    g_autoptr(WbDocument) document = NULL;
    g_autoptr(GtkPrintOperation) operation = NULL;
    g_autofree char *path = g_build_filename (dir, "print.pdf", NULL);
    g_autofree char *text = NULL;

    wb_chart_view_set_printed_by (WB_CHART_VIEW (view), "Cora Coördinator");
    document = wb_chart_view_create_document (WB_CHART_VIEW (view));
    operation = wb_document_create_print_operation (document);
    gtk_print_operation_set_export_filename (operation, path);
    g_assert_cmpint (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error), ==,
                     GTK_PRINT_OPERATION_RESULT_APPLY);
    g_assert_no_error (error);
    g_assert_cmpuint (wb_document_get_n_pages (document), >=, 2);
    g_assert_cmpuint (wb_document_get_n_table_rows_drawn (document), ==, 36);
    text = wb_test_pdf_text (path, 0);
    g_assert_nonnull (strstr (text, "Outflow to work"));
    g_assert_nonnull (strstr (text, "Period Subregion Outflow to work Target Status Note"));
    g_assert_nonnull (strstr (text, "Q2 2024 Maastricht-Heuvelland . 95 hidden Fewer than 10 persons in one municipality"));
    g_assert_nonnull (strstr (text, "Definition: Outflow events with a work reason or a placement, per quarter"));
    g_assert_nonnull (strstr (text, "by Cora Coördinator"));
    g_assert_nonnull (strstr (text, "Page 1 of"));
  }

  g_assert_finalize_object (view);
  wb_test_remove_dir (dir);
}

/* Tests: documents */

static void
test_document_pages (void)
{
  g_autoptr(WbDocument) document = wb_document_new ("A long list");
  g_autoptr(WbTable) table = wb_table_new ("Rows");
  g_autoptr(WbChartModel) model = wb_test_chart_new (WB_TEST_CHART_STACKED);
  g_autoptr(GDateTime) when = g_date_time_new_local (2026, 12, 3, 14, 5, 0);
  g_autofree char *dir = wb_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "document.pdf", NULL);
  g_autofree char *all = NULL;
  g_autoptr(GError) error = NULL;
  WbExportInfo info = { NULL, "Every row of the list", "2026", "Werkbrug", NULL, NULL };
  guint pages;

  wb_table_add_column (table, "Row name", WB_TABLE_COLUMN_TEXT, 0, 2);
  wb_table_add_column (table, "Count", WB_TABLE_COLUMN_NUMBER, 0, 1);
  wb_table_add_column (table, "A column with a rather long title to wrap", WB_TABLE_COLUMN_TEXT, 0, 1);
  for (guint r = 0; r < 150; r++)
    {
      g_autofree char *name = g_strdup_printf ("Row %03u", r);

      wb_table_add_row (table);
      wb_table_set_text (table, r, 0, name);
      wb_table_set_number (table, r, 1, r * 10);
      if (r % 7 == 0)
        wb_table_set_text (table, r, 2, "A longer text in a cell that wraps over two or more lines in its narrow column");
    }
  wb_table_set_info (table, &info);

  wb_document_set_printed_by (document, "Cora Coördinator-Van den Heuvel-Schoonbroodt");
  wb_document_set_printed_on (document, when);
  wb_document_add_paragraph (document, "What this list is.");
  wb_document_add_heading (document, "The chart");
  wb_document_add_chart (document, model, 300);
  wb_document_add_heading (document, "The rows");
  wb_document_add_table (document, table);
  g_assert_true (wb_document_write_pdf (document, path, &error));
  g_assert_no_error (error);

  pages = wb_document_get_n_pages (document);
  g_assert_cmpuint (pages, >=, 3);
  g_assert_cmpuint (wb_document_get_n_table_rows_drawn (document), ==, 150);
  for (guint page = 1; page <= pages; page++)
    {
      g_autofree char *text = wb_test_pdf_text (path, page);
      g_autofree char *number = g_strdup_printf ("Page %u of %u", page, pages);

      g_assert_nonnull (strstr (text, "Printed on 3 Dec 2026, 14:05 by Cora Coördinator-Van den Heuvel-Schoonbroodt"));
      g_assert_nonnull (strstr (text, number));
      /* After the chart's page, each page's table starts with its header row. */
      if (page > 1)
        g_assert_nonnull (strstr (text, "Row name Count"));
    }
  /* Every row once, in order, and what the rows are after them. */
  all = wb_test_pdf_text (path, 0);
  for (guint r = 0; r < 150; r++)
    {
      g_autofree char *name = g_strdup_printf ("Row %03u", r);
      const char *at = strstr (all, name);

      g_assert_nonnull (at);
      g_assert_null (strstr (at + 1, name));
    }
  g_assert_nonnull (strstr (all, "Definition: Every row of the list"));
  /* The chart: its legend and, below it, its own definition. */
  g_assert_nonnull (strstr (all, "Voerendaal"));
  g_assert_nonnull (strstr (all, "Definition: Clients in the chain at the end of the quarter"));
  g_assert_true (file_contains (path, "/Title (A long list)"));
  g_assert_true (file_contains (path, "/S /Table"));
  g_assert_true (file_contains (path, "/S /TH"));
  wb_test_remove_dir (dir);
}

/* Tests: the style sheet */

static void
assert_same_colour (const GdkRGBA *a,
                    const GdkRGBA *b)
{
  g_assert_cmpfloat_with_epsilon (a->red, b->red, 0.003);
  g_assert_cmpfloat_with_epsilon (a->green, b->green, 0.003);
  g_assert_cmpfloat_with_epsilon (a->blue, b->blue, 0.003);
}

/* How many pixels of @widget, as drawn now, have the colour @spec. */
static guint
count_colour (GtkWidget  *widget,
              const char *spec)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  GdkRGBA colour;
  guint n = 0;

  g_assert_true (gdk_rgba_parse (&colour, spec));
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  /* Nothing while the widget waits for its new style and size. */
  if (node == NULL)
    return 0;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  pixels = g_malloc ((gsize) w * h * 4);
  gdk_texture_download (texture, pixels, (gsize) w * 4);
  for (gsize i = 0; i < (gsize) w * h; i++)
    {
      /* Cairo's byte order: blue, green, red, alpha. */
      int b = pixels[4 * i], g = pixels[4 * i + 1], r = pixels[4 * i + 2];

      if (ABS (r - (int) (colour.red * 255)) <= 2 && ABS (g - (int) (colour.green * 255)) <= 2 &&
          ABS (b - (int) (colour.blue * 255)) <= 2)
        n++;
    }
  return n;
}

/* The paper palette is the light style sheet's; the dark one differs and the widget
 * follows the switch (css-changed). */
static void
test_style_sheet (void)
{
  GtkCssProvider *light = wb_test_load_css ("/nl/werkbrug/Werkbrug/style.css", GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  GtkCssProvider *dark = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *chart = wb_chart_new ();
  WbChartStyle paper, seen;

  g_autoptr(WbChartModel) model = wb_test_chart_new (WB_TEST_CHART_BAR);

  wb_chart_set_model (WB_CHART (chart), model);
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 400);
  gtk_window_set_child (GTK_WINDOW (window), chart);
  show_until_drawn (window);
  g_assert_cmpuint (count_colour (chart, "#1c71d8"), >, 1000);
  g_assert_cmpuint (count_colour (chart, "#62a0ea"), ==, 0);

  wb_chart_style_init_paper (&paper, 12);
  wb_chart_style_init_from_widget (&seen, chart);
  for (guint i = 0; i < WB_CHART_N_COLOURS; i++)
    assert_same_colour (&paper.series[i], &seen.series[i]);
  wb_chart_style_clear (&seen);

  /* Dark as the application goes dark: libadwaita's dark colours, and the AdwApplication's
   * style-dark.css over style.css. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  dark = wb_test_load_css ("/nl/werkbrug/Werkbrug/style-dark.css", GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
  /* The style is recomputed on the next frame. */
  wb_test_wait_for (count_colour (chart, "#62a0ea") > 0);
  g_assert_cmpuint (count_colour (chart, "#1c71d8"), ==, 0);
  g_assert_cmpuint (count_colour (chart, "#62a0ea"), >, 1000);
  wb_chart_style_init_from_widget (&seen, chart);
  g_assert_false (gdk_rgba_equal (&paper.series[0], &seen.series[0]));
  g_assert_cmpfloat (seen.series[0].red + seen.series[0].green + seen.series[0].blue, >,
                     paper.series[0].red + paper.series[0].green + paper.series[0].blue);
  wb_chart_style_clear (&seen);
  wb_chart_style_clear (&paper);

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  gtk_style_context_remove_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (dark));
  gtk_style_context_remove_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (light));
  g_object_unref (dark);
  g_object_unref (light);
  gtk_window_destroy (GTK_WINDOW (window));
  spin (5);
}

static void
skip_without_display (void)
{
  g_test_skip ("No display: run under Xvfb (build-aux/setup.sh test does)");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_add_func ("/app-charts/no-display", skip_without_display);
      return g_test_run ();
    }
  adw_init ();
  wb_application_ensure_resources ();

  g_test_add_func ("/app-charts/model/periods-sorted-categories-kept", test_model_periods);
  g_test_add_func ("/app-charts/model/in-words", test_model_words);
  g_test_add_func ("/app-charts/model/table-has-the-same-figures", test_model_table);
  g_test_add_func ("/app-charts/draw/png-each-kind-and-a-dashed-target", test_draw_png);
  g_test_add_func ("/app-charts/draw/svg-each-kind-with-words", test_draw_svg);
  g_test_add_func ("/app-charts/draw/pdf-each-kind-with-its-definition", test_draw_pdf);
  g_test_add_func ("/app-charts/draw/dutch-numbers-and-periods", test_draw_dutch);
  g_test_add_func ("/app-charts/widget/keyboard-updates-the-description", test_widget_keyboard);
  g_test_add_func ("/app-charts/view/table-shows-the-models-figures", test_view_table);
  g_test_add_func ("/app-charts/view/exports-typed-and-described", test_view_exports);
  g_test_add_func ("/app-charts/document/pages-headers-and-footers", test_document_pages);
  g_test_add_func ("/app-charts/style/paper-is-the-light-style-sheet", test_style_sheet);

  return g_test_run ();
}
