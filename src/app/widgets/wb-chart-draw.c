/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-chart-draw"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "wb-chart-draw.h"

/* The paper palette: the light colours of style.css (@wb_chart_1 … @wb_chart_8), kept in
 * step with it by a test. */
static const char * const paper_series[WB_CHART_N_COLOURS] = {
  "#1c71d8", "#c64600", "#26a269", "#9141ac", "#986a44", "#c01c28", "#0b7a86", "#5e5c64",
};
#define PAPER_FOREGROUND "#1e1e1e"
#define PAPER_BACKGROUND "#ffffff"

#define N_PATTERNS 7
#define N_MARKERS 6

typedef enum {
  ALIGN_START,
  ALIGN_CENTER,
  ALIGN_END,
} Align;

typedef struct {
  WbChartModel *model;
  cairo_t *cr;
  const WbChartStyle *style;
  GArray *hits;
  double width, height;
  double fs;             /* font size */
  double pad;
  PangoLayout *text;
  PangoLayout *small;
  double small_h;
  gboolean horizontal;
  guint n_periods;
  double px, py, pw, ph; /* the plot */
  double vmin, vmax, step;
  guint tick_decimals;
  double band;
} Draw;

typedef enum {
  ENTRY_SERIES,
  ENTRY_TARGET,
  ENTRY_PROVISIONAL,
  ENTRY_FORECAST,
  ENTRY_HIDDEN,
  ENTRY_UNKNOWN,
} EntryKind;

typedef struct {
  EntryKind kind;
  guint series;
  gboolean neutral;      /* a target drawn in the text colour */
  const char *text;
  double width;
} Entry;

/* Style */

static void
parse_colour (GdkRGBA    *rgba,
              const char *spec)
{
  if (!gdk_rgba_parse (rgba, spec))
    g_assert_not_reached ();
}

void
wb_chart_style_init_paper (WbChartStyle *style,
                           double        font_size)
{
  g_return_if_fail (style != NULL);

  memset (style, 0, sizeof *style);
  parse_colour (&style->foreground, PAPER_FOREGROUND);
  parse_colour (&style->background, PAPER_BACKGROUND);
  for (guint i = 0; i < WB_CHART_N_COLOURS; i++)
    parse_colour (&style->series[i], paper_series[i]);
  style->font = pango_font_description_from_string ("Sans");
  pango_font_description_set_absolute_size (style->font, MAX (font_size, 4) * PANGO_SCALE);
  style->paint_background = TRUE;
  style->show_title = TRUE;
  style->show_info = TRUE;
  style->focus_period = -1;
  style->focus_series = -1;
}

void
wb_chart_style_init_from_widget (WbChartStyle *style,
                                 GtkWidget    *widget)
{
  GtkStyleContext *context;
  PangoContext *pango;
  const PangoFontDescription *font;
  double dpi, size;

  g_return_if_fail (style != NULL);
  g_return_if_fail (GTK_IS_WIDGET (widget));

  wb_chart_style_init_paper (style, 12);
  style->paint_background = FALSE;
  style->show_title = FALSE;
  style->show_info = FALSE;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  context = gtk_widget_get_style_context (widget);
  gtk_style_context_get_color (context, &style->foreground);
  if (!gtk_style_context_lookup_color (context, "view_bg_color", &style->background))
    parse_colour (&style->background, PAPER_BACKGROUND);
  for (guint i = 0; i < WB_CHART_N_COLOURS; i++)
    {
      g_autofree char *name = g_strdup_printf ("wb_chart_%u", i + 1);

      /* Without the application's style sheet (a test), the paper palette stays. */
      gtk_style_context_lookup_color (context, name, &style->series[i]);
    }
  G_GNUC_END_IGNORE_DEPRECATIONS

  pango = gtk_widget_get_pango_context (widget);
  font = pango_context_get_font_description (pango);
  if (font != NULL)
    {
      pango_font_description_free (style->font);
      style->font = pango_font_description_copy (font);
      dpi = pango_cairo_context_get_resolution (pango);
      if (dpi <= 0)
        dpi = 96;
      size = (double) pango_font_description_get_size (font) / PANGO_SCALE;
      if (!pango_font_description_get_size_is_absolute (font))
        size = size * dpi / 72.0;
      pango_font_description_set_absolute_size (style->font, MAX (size, 6) * PANGO_SCALE);
    }
}

void
wb_chart_style_clear (WbChartStyle *style)
{
  g_return_if_fail (style != NULL);
  g_clear_pointer (&style->font, pango_font_description_free);
}

/* Helpers */

static void
set_colour (cairo_t       *cr,
            const GdkRGBA *rgba,
            double         alpha)
{
  cairo_set_source_rgba (cr, rgba->red, rgba->green, rgba->blue, rgba->alpha * alpha);
}

static const GdkRGBA *
series_colour (Draw  *d,
               guint  style_index)
{
  return &d->style->series[style_index % WB_CHART_N_COLOURS];
}

static PangoLayout *
make_layout (Draw   *d,
             double  scale,
             gboolean bold)
{
  PangoLayout *layout = pango_cairo_create_layout (d->cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_copy (d->style->font);

  pango_font_description_set_absolute_size (font, d->fs * scale * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  return layout;
}

static void
measure (PangoLayout *layout,
         const char  *text,
         double      *width,
         double      *height)
{
  int w, h;

  pango_layout_set_width (layout, -1);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  if (width != NULL)
    *width = w;
  if (height != NULL)
    *height = h;
}

/* Draws @text with its top at @y, its start, centre or end at @x. */
static void
show (Draw        *d,
      PangoLayout *layout,
      const char  *text,
      double       x,
      double       y,
      Align        align,
      double       alpha)
{
  double w;

  measure (layout, text, &w, NULL);
  if (align == ALIGN_CENTER)
    x -= w / 2;
  else if (align == ALIGN_END)
    x -= w;
  set_colour (d->cr, &d->style->foreground, alpha);
  cairo_move_to (d->cr, x, y);
  pango_cairo_show_layout (d->cr, layout);
}

static void
add_hit (Draw   *d,
         guint   series,
         guint   period,
         double  x,
         double  y,
         double  width,
         double  height)
{
  WbChartHit hit = { series, period, x, y, width, height };

  if (d->hits != NULL)
    g_array_append_val (d->hits, hit);
}

static double
value_pos (Draw   *d,
           double  value)
{
  double t = (value - d->vmin) / (d->vmax - d->vmin);

  if (d->horizontal)
    return d->px + d->pw * t;
  return d->py + d->ph * (1 - t);
}

static double
baseline (Draw *d)
{
  return value_pos (d, CLAMP (0, d->vmin, d->vmax));
}

static double
period_start (Draw  *d,
              guint  period)
{
  return (d->horizontal ? d->py : d->px) + d->band * period;
}

static double
period_centre (Draw  *d,
               guint  period)
{
  return period_start (d, period) + d->band / 2;
}

/* Scale */

static double
nice_step (double range,
           double n_ticks)
{
  double raw = range / MAX (n_ticks, 1);
  double magnitude = pow (10, floor (log10 (raw)));
  double f = raw / magnitude;

  if (f <= 1)
    f = 1;
  else if (f <= 2)
    f = 2;
  else if (f <= 2.5)
    f = 2.5;
  else if (f <= 5)
    f = 5;
  else
    f = 10;
  return f * magnitude;
}

static void
compute_scale (Draw   *d,
               double  length)
{
  WbChartUnit unit = wb_chart_model_get_unit (d->model);
  double lo, hi, n_ticks;

  wb_chart_model_get_range (d->model, &lo, &hi);
  if (hi - lo <= 0)
    hi = lo + 1;
  n_ticks = CLAMP (length / (d->small_h * (d->horizontal ? 5 : 2.6)), 2, 8);
  d->step = nice_step (hi - lo, n_ticks);
  /* Persons and euros come whole. */
  if ((unit == WB_CHART_UNIT_COUNT || unit == WB_CHART_UNIT_EURO) && d->step < 1)
    d->step = 1;
  d->vmin = floor (lo / d->step) * d->step;
  d->vmax = ceil (hi / d->step) * d->step;
  if (d->vmax <= d->vmin)
    d->vmax = d->vmin + d->step;
  d->tick_decimals = 0;
  while (d->tick_decimals < 4 &&
         fabs (d->step * pow (10, d->tick_decimals) - round (d->step * pow (10, d->tick_decimals))) > 1e-6)
    d->tick_decimals++;
}

static double
widest_tick (Draw *d)
{
  double widest = 0;

  for (double v = d->vmin; v <= d->vmax + d->step / 2; v += d->step)
    {
      g_autofree char *label = wb_chart_model_format_number (d->model, v, d->tick_decimals);
      double w;

      measure (d->small, label, &w, NULL);
      widest = MAX (widest, w);
    }
  return widest;
}

/* Patterns and markers */

static void
hatch (Draw   *d,
       guint   style_index,
       double  x,
       double  y,
       double  w,
       double  h)
{
  cairo_t *cr = d->cr;
  guint pattern = style_index % N_PATTERNS;
  double s = MAX (d->fs * 0.45, 3);

  if (pattern == 0 || w < 2 || h < 2)
    return;
  cairo_save (cr);
  cairo_rectangle (cr, x, y, w, h);
  cairo_clip (cr);
  set_colour (cr, &d->style->background, 0.6);
  cairo_set_line_width (cr, MAX (d->fs * 0.09, 1));
  cairo_set_dash (cr, NULL, 0, 0);
  switch (pattern)
    {
    case 1: /* / */
      for (double t = -h; t < w; t += s)
        {
          cairo_move_to (cr, x + t, y + h);
          cairo_line_to (cr, x + t + h, y);
        }
      break;
    case 2: /* dots */
      for (double yy = y + s / 2; yy < y + h; yy += s)
        for (double xx = x + s / 2; xx < x + w; xx += s)
          {
            cairo_new_sub_path (cr);
            cairo_arc (cr, xx, yy, s * 0.16, 0, 2 * G_PI);
          }
      cairo_fill (cr);
      break;
    case 3: /* \ */
      for (double t = -h; t < w; t += s)
        {
          cairo_move_to (cr, x + t, y);
          cairo_line_to (cr, x + t + h, y + h);
        }
      break;
    case 4: /* - */
      for (double yy = y + s / 2; yy < y + h; yy += s)
        {
          cairo_move_to (cr, x, yy);
          cairo_line_to (cr, x + w, yy);
        }
      break;
    case 5: /* + */
      for (double yy = y + s / 2; yy < y + h; yy += s)
        {
          cairo_move_to (cr, x, yy);
          cairo_line_to (cr, x + w, yy);
        }
      for (double xx = x + s / 2; xx < x + w; xx += s)
        {
          cairo_move_to (cr, xx, y);
          cairo_line_to (cr, xx, y + h);
        }
      break;
    case 6: /* | */
    default:
      for (double xx = x + s / 2; xx < x + w; xx += s)
        {
          cairo_move_to (cr, xx, y);
          cairo_line_to (cr, xx, y + h);
        }
      break;
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* A bar as its status draws it: final solid, provisional lighter, forecast open and dotted. */
static void
draw_bar (Draw          *d,
          guint          style_index,
          WbChartStatus  status,
          double         x,
          double         y,
          double         w,
          double         h)
{
  cairo_t *cr = d->cr;
  const GdkRGBA *colour = series_colour (d, style_index);

  if (w <= 0 || h <= 0)
    return;
  cairo_rectangle (cr, x, y, w, h);
  if (status == WB_CHART_STATUS_FORECAST)
    {
      double dots[] = { d->fs * 0.12, d->fs * 0.25 };

      set_colour (cr, colour, 0.12);
      cairo_fill_preserve (cr);
      set_colour (cr, colour, 1);
      cairo_set_line_width (cr, MAX (d->fs * 0.13, 1.2));
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_dash (cr, dots, 2, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      return;
    }
  set_colour (cr, colour, status == WB_CHART_STATUS_PROVISIONAL ? 0.5 : 1);
  cairo_fill (cr);
  hatch (d, style_index, x, y, w, h);
}

static void
marker_path (cairo_t *cr,
             guint    shape,
             double   x,
             double   y,
             double   r)
{
  switch (shape % N_MARKERS)
    {
    case 0:
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      break;
    case 1:
      cairo_rectangle (cr, x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7);
      break;
    case 2:
      cairo_move_to (cr, x, y - r * 1.1);
      cairo_line_to (cr, x + r, y + r * 0.75);
      cairo_line_to (cr, x - r, y + r * 0.75);
      cairo_close_path (cr);
      break;
    case 3:
      cairo_move_to (cr, x, y - r * 1.2);
      cairo_line_to (cr, x + r * 1.2, y);
      cairo_line_to (cr, x, y + r * 1.2);
      cairo_line_to (cr, x - r * 1.2, y);
      cairo_close_path (cr);
      break;
    case 4:
      cairo_move_to (cr, x, y + r * 1.1);
      cairo_line_to (cr, x + r, y - r * 0.75);
      cairo_line_to (cr, x - r, y - r * 0.75);
      cairo_close_path (cr);
      break;
    case 5:
    default:
      {
        double a = r * 0.4;

        cairo_move_to (cr, x - a, y - r);
        cairo_line_to (cr, x + a, y - r);
        cairo_line_to (cr, x + a, y - a);
        cairo_line_to (cr, x + r, y - a);
        cairo_line_to (cr, x + r, y + a);
        cairo_line_to (cr, x + a, y + a);
        cairo_line_to (cr, x + a, y + r);
        cairo_line_to (cr, x - a, y + r);
        cairo_line_to (cr, x - a, y + a);
        cairo_line_to (cr, x - r, y + a);
        cairo_line_to (cr, x - r, y - a);
        cairo_line_to (cr, x - a, y - a);
        cairo_close_path (cr);
      }
      break;
    }
}

/* A line's marker: filled for a final figure, open for a provisional or forecast one. */
static void
draw_marker (Draw          *d,
             guint          style_index,
             WbChartStatus  status,
             double         x,
             double         y)
{
  cairo_t *cr = d->cr;
  double r = MAX (d->fs * 0.3, 2.5);

  marker_path (cr, style_index, x, y, r);
  if (status == WB_CHART_STATUS_FINAL)
    {
      set_colour (cr, series_colour (d, style_index), 1);
      cairo_fill (cr);
      return;
    }
  set_colour (cr, &d->style->background, 1);
  cairo_fill_preserve (cr);
  set_colour (cr, series_colour (d, style_index), 1);
  cairo_set_line_width (cr, MAX (d->fs * 0.12, 1.2));
  cairo_stroke (cr);
}

/* The mark of a hidden figure. */
static void
draw_cross (Draw   *d,
            double  x,
            double  y)
{
  cairo_t *cr = d->cr;
  double r = MAX (d->fs * 0.28, 2.5);

  set_colour (cr, &d->style->foreground, 0.85);
  cairo_set_line_width (cr, MAX (d->fs * 0.13, 1.3));
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_move_to (cr, x - r, y - r);
  cairo_line_to (cr, x + r, y + r);
  cairo_move_to (cr, x + r, y - r);
  cairo_line_to (cr, x - r, y + r);
  cairo_stroke (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
}

static void
set_target_dash (Draw *d)
{
  double dash[] = { d->fs * 0.55, d->fs * 0.35 };

  cairo_set_dash (d->cr, dash, 2, 0);
  cairo_set_line_width (d->cr, MAX (d->fs * 0.16, 1.5));
}

static void
set_forecast_dash (Draw *d)
{
  double dots[] = { 0.01, d->fs * 0.4 };

  cairo_set_dash (d->cr, dots, 2, 0);
  cairo_set_line_cap (d->cr, CAIRO_LINE_CAP_ROUND);
}

/* The legend */

/* Bars mark a figure that is not known yet ("n/a"); lines leave a gap. */
static gboolean
kind_has_unknown (WbChartModel *model)
{
  WbChartKind kind = wb_chart_model_get_kind (model);

  if (kind == WB_CHART_KIND_LINE || kind == WB_CHART_KIND_STACKED_BAR)
    return FALSE;
  for (guint s = 0; s < wb_chart_model_get_n_series (model); s++)
    for (guint p = 0; p < wb_chart_model_get_n_periods (model) && !wb_chart_model_series_is_target (model, s); p++)
      {
        const WbChartPoint *point = wb_chart_model_get_point (model, s, p);

        if (!point->has_value && !point->suppressed && point->reason != NULL)
          return TRUE;
      }
  return FALSE;
}

static GArray *
legend_entries (Draw *d)
{
  WbChartModel *model = d->model;
  GArray *entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  guint n_series = wb_chart_model_get_n_series (model);
  gboolean targets = wb_chart_model_has_targets (model);
  g_autoptr(GHashTable) target_names = g_hash_table_new (g_str_hash, g_str_equal);

  if (wb_chart_model_get_n_data_series (model) > 1 || targets)
    for (guint s = 0; s < n_series; s++)
      if (!wb_chart_model_series_is_target (model, s))
        {
          Entry entry = { ENTRY_SERIES, s, FALSE, wb_chart_model_get_series_name (model, s), 0 };

          g_array_append_val (entries, entry);
        }
  for (guint s = 0; s < n_series; s++)
    if (wb_chart_model_series_is_target (model, s))
      {
        const char *name = wb_chart_model_get_series_name (model, s);
        Entry *same = g_hash_table_lookup (target_names, name);
        Entry entry = { ENTRY_TARGET, s, wb_chart_model_get_n_data_series (model) <= 1, name, 0 };

        /* Targets of the same name are one entry, in the text colour. */
        if (same != NULL)
          {
            g_array_index (entries, Entry, GPOINTER_TO_UINT (same) - 1).neutral = TRUE;
            continue;
          }
        if (wb_chart_model_get_series_partner (model, s) < 0)
          entry.neutral = TRUE;
        g_array_append_val (entries, entry);
        g_hash_table_insert (target_names, (gpointer) name, GUINT_TO_POINTER (entries->len));
      }
  if (wb_chart_model_has_status (model, WB_CHART_STATUS_PROVISIONAL))
    {
      Entry entry = { ENTRY_PROVISIONAL, 0, TRUE, _("Provisional"), 0 };

      g_array_append_val (entries, entry);
    }
  if (wb_chart_model_has_status (model, WB_CHART_STATUS_FORECAST))
    {
      Entry entry = { ENTRY_FORECAST, 0, TRUE, _("Forecast"), 0 };

      g_array_append_val (entries, entry);
    }
  if (kind_has_unknown (model))
    {
      /* TRANSLATORS: the legend of a figure that is not known yet ("n/a" as in tables) */
      Entry entry = { ENTRY_UNKNOWN, 0, TRUE, _("Not known yet"), 0 };

      g_array_append_val (entries, entry);
    }
  if (wb_chart_model_get_n_suppressed (model) > 0)
    {
      /* TRANSLATORS: the legend of the mark of a hidden figure (shown as "." in tables) */
      Entry entry = { ENTRY_HIDDEN, 0, TRUE, _("Hidden (.): small number"), 0 };

      g_array_append_val (entries, entry);
    }
  return entries;
}

static double
swatch_width (Draw *d)
{
  return d->fs * 1.6;
}

static void
draw_swatch (Draw   *d,
             Entry  *entry,
             double  x,
             double  y,
             double  h)
{
  cairo_t *cr = d->cr;
  WbChartKind kind = wb_chart_model_get_kind (d->model);
  double w = swatch_width (d);
  double cy = y + h / 2;
  guint style_index = wb_chart_model_get_series_style_index (d->model, entry->series);

  switch (entry->kind)
    {
    case ENTRY_SERIES:
      if (kind == WB_CHART_KIND_LINE)
        {
          set_colour (cr, series_colour (d, style_index), 1);
          cairo_set_line_width (cr, MAX (d->fs * 0.16, 1.5));
          cairo_move_to (cr, x, cy);
          cairo_line_to (cr, x + w, cy);
          cairo_stroke (cr);
          draw_marker (d, style_index, WB_CHART_STATUS_FINAL, x + w / 2, cy);
        }
      else
        draw_bar (d, style_index, WB_CHART_STATUS_FINAL, x, y + h * 0.15, w, h * 0.7);
      break;

    case ENTRY_TARGET:
      set_colour (cr, entry->neutral ? &d->style->foreground : series_colour (d, style_index), 1);
      set_target_dash (d);
      cairo_move_to (cr, x, cy);
      cairo_line_to (cr, x + w, cy);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      break;

    case ENTRY_PROVISIONAL:
      if (kind == WB_CHART_KIND_LINE)
        draw_marker (d, 0, WB_CHART_STATUS_PROVISIONAL, x + w / 2, cy);
      else
        {
          draw_bar (d, 0, WB_CHART_STATUS_PROVISIONAL, x, y + h * 0.15, w * 0.6, h * 0.7);
          show (d, d->small, "*", x + w * 0.8, y, ALIGN_CENTER, 1);
        }
      break;

    case ENTRY_FORECAST:
      if (kind == WB_CHART_KIND_LINE)
        {
          set_colour (cr, series_colour (d, 0), 1);
          cairo_set_line_width (cr, MAX (d->fs * 0.16, 1.5));
          set_forecast_dash (d);
          cairo_move_to (cr, x, cy);
          cairo_line_to (cr, x + w, cy);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
          cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
        }
      else
        draw_bar (d, 0, WB_CHART_STATUS_FORECAST, x + 1, y + h * 0.15, w - 2, h * 0.7);
      break;

    case ENTRY_UNKNOWN:
      show (d, d->small, C_("figure", "n/a"), x + w / 2, y, ALIGN_CENTER, 0.6);
      break;

    case ENTRY_HIDDEN:
    default:
      draw_cross (d, x + w / 2, cy);
      break;
    }
}

/* Lays the legend out in rows within @width; draws it when @draw. Returns its height. */
static double
legend (Draw     *d,
        GArray   *entries,
        double    x0,
        double    y0,
        double    width,
        gboolean  draw)
{
  double row_h = d->small_h + d->pad * 0.4;
  double x = x0, y = y0;
  double gap = d->fs * 0.4, spacing = d->fs * 1.1;

  if (entries->len == 0)
    return 0;
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = &g_array_index (entries, Entry, i);
      double text_w, w;

      measure (d->small, entry->text, &text_w, NULL);
      text_w = MIN (text_w, width - swatch_width (d) - gap);
      w = swatch_width (d) + gap + text_w;
      if (x > x0 && x + w > x0 + width)
        {
          x = x0;
          y += row_h;
        }
      if (draw)
        {
          draw_swatch (d, entry, x, y, d->small_h);
          pango_layout_set_width (d->small, (int) (text_w * PANGO_SCALE) + PANGO_SCALE);
          pango_layout_set_ellipsize (d->small, PANGO_ELLIPSIZE_END);
          pango_layout_set_text (d->small, entry->text, -1);
          set_colour (d->cr, &d->style->foreground, 0.9);
          cairo_move_to (d->cr, x + swatch_width (d) + gap, y);
          pango_cairo_show_layout (d->cr, d->small);
          pango_layout_set_ellipsize (d->small, PANGO_ELLIPSIZE_NONE);
          pango_layout_set_width (d->small, -1);
        }
      x += w + spacing;
    }
  return y + row_h - y0;
}

/* The title and the info block */

static PangoLayout *
title_layout (Draw   *d,
              double  width)
{
  PangoLayout *layout = make_layout (d, 1.2, TRUE);

  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, wb_chart_model_get_title (d->model), -1);
  return layout;
}

static PangoLayout *
info_layout (Draw   *d,
             double  width)
{
  PangoLayout *layout = make_layout (d, 0.8, FALSE);
  g_autofree char *markup = wb_export_info_to_markup (wb_chart_model_get_info (d->model));

  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_markup (layout, markup, -1);
  return layout;
}

/* Axes and grid */

static void
draw_value_axis (Draw *d)
{
  cairo_t *cr = d->cr;

  cairo_set_line_width (cr, 1);
  for (double v = d->vmin; v <= d->vmax + d->step / 2; v += d->step)
    {
      g_autofree char *label = wb_chart_model_format_number (d->model, fabs (v) < d->step / 1e6 ? 0 : v,
                                                             d->tick_decimals);
      double pos = round (value_pos (d, v)) + 0.5;

      set_colour (cr, &d->style->foreground, 0.13);
      if (d->horizontal)
        {
          cairo_move_to (cr, pos, d->py);
          cairo_line_to (cr, pos, d->py + d->ph);
          cairo_stroke (cr);
          show (d, d->small, label, pos, d->py + d->ph + d->pad * 0.5, ALIGN_CENTER, 0.75);
        }
      else
        {
          cairo_move_to (cr, d->px, pos);
          cairo_line_to (cr, d->px + d->pw, pos);
          cairo_stroke (cr);
          show (d, d->small, label, d->px - d->pad * 0.6, pos - d->small_h / 2, ALIGN_END, 0.75);
        }
    }

  /* Zero, darker. */
  set_colour (cr, &d->style->foreground, 0.55);
  if (d->horizontal)
    {
      double x = round (baseline (d)) + 0.5;

      cairo_move_to (cr, x, d->py);
      cairo_line_to (cr, x, d->py + d->ph);
    }
  else
    {
      double y = round (baseline (d)) + 0.5;

      cairo_move_to (cr, d->px, y);
      cairo_line_to (cr, d->px + d->pw, y);
    }
  cairo_stroke (cr);
}

static void
draw_period_axis (Draw *d)
{
  double widest = 0;
  guint every = 1;

  if (d->horizontal)
    {
      /* Category names down the side, cut short where they must be. */
      double room = d->px - d->pad * 1.6;

      for (guint p = 0; p < d->n_periods; p++)
        {
          const char *label = wb_chart_model_get_period_label (d->model, p, FALSE);
          double h;

          pango_layout_set_width (d->small, (int) (room * PANGO_SCALE));
          pango_layout_set_ellipsize (d->small, PANGO_ELLIPSIZE_END);
          pango_layout_set_alignment (d->small, PANGO_ALIGN_RIGHT);
          pango_layout_set_text (d->small, label, -1);
          h = d->small_h;
          set_colour (d->cr, &d->style->foreground, 0.85);
          cairo_move_to (d->cr, d->pad * 0.6, period_centre (d, p) - h / 2);
          pango_cairo_show_layout (d->cr, d->small);
        }
      pango_layout_set_alignment (d->small, PANGO_ALIGN_LEFT);
      pango_layout_set_ellipsize (d->small, PANGO_ELLIPSIZE_NONE);
      pango_layout_set_width (d->small, -1);
      return;
    }

  for (guint p = 0; p < d->n_periods; p++)
    {
      double w;

      measure (d->small, wb_chart_model_get_period_label (d->model, p, FALSE), &w, NULL);
      widest = MAX (widest, w);
    }
  /* As many labels as fit side by side; the last period always has one. */
  every = (guint) MAX (1, ceil ((widest + d->fs) / MAX (d->band, 1)));
  for (guint p = 0; p < d->n_periods; p++)
    {
      double x = period_centre (d, p);

      if ((d->n_periods - 1 - p) % every != 0)
        continue;
      set_colour (d->cr, &d->style->foreground, 0.4);
      cairo_set_line_width (d->cr, 1);
      cairo_move_to (d->cr, round (x) + 0.5, d->py + d->ph);
      cairo_line_to (d->cr, round (x) + 0.5, d->py + d->ph + d->pad * 0.4);
      cairo_stroke (d->cr);
      {
        const char *label = wb_chart_model_get_period_label (d->model, p, FALSE);
        double w;

        /* Centred under its period, but never past the edge of the drawing. */
        measure (d->small, label, &w, NULL);
        show (d, d->small, label, CLAMP (x - w / 2, d->pad * 0.3, d->width - d->pad * 0.3 - w), d->py + d->ph + d->pad * 0.5,
              ALIGN_START, 0.75);
      }
    }
}

/* The figures */

static void
draw_lines (Draw *d)
{
  cairo_t *cr = d->cr;
  guint n_series = wb_chart_model_get_n_series (d->model);
  double r = MAX (d->fs * 0.3, 2.5);

  for (guint s = 0; s < n_series; s++)
    {
      guint style_index;

      if (wb_chart_model_series_is_target (d->model, s))
        continue;
      style_index = wb_chart_model_get_series_style_index (d->model, s);
      set_colour (cr, series_colour (d, style_index), 1);
      cairo_set_line_width (cr, MAX (d->fs * 0.16, 1.5));
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

      /* Solid between figures, dotted towards a forecast, nothing across a gap. */
      for (int forecast = 0; forecast < 2; forecast++)
        {
          if (forecast)
            set_forecast_dash (d);
          for (guint p = 1; p < d->n_periods; p++)
            {
              const WbChartPoint *a = wb_chart_model_get_point (d->model, s, p - 1);
              const WbChartPoint *b = wb_chart_model_get_point (d->model, s, p);
              gboolean dotted;

              if (!a->has_value || !b->has_value)
                continue;
              dotted = a->status == WB_CHART_STATUS_FORECAST || b->status == WB_CHART_STATUS_FORECAST;
              if (dotted != (gboolean) forecast)
                continue;
              cairo_move_to (cr, period_centre (d, p - 1), value_pos (d, a->value));
              cairo_line_to (cr, period_centre (d, p), value_pos (d, b->value));
            }
          cairo_stroke (cr);
        }
      cairo_set_dash (cr, NULL, 0, 0);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);

      for (guint p = 0; p < d->n_periods; p++)
        {
          const WbChartPoint *point = wb_chart_model_get_point (d->model, s, p);
          double x = period_centre (d, p);

          if (point->has_value)
            {
              double y = value_pos (d, point->value);

              draw_marker (d, style_index, point->status, x, y);
              add_hit (d, s, p, x - r * 1.5, y - r * 1.5, r * 3, r * 3);
            }
          else if (point->suppressed)
            {
              double y = baseline (d) - r * 1.4;

              draw_cross (d, x, y);
              add_hit (d, s, p, x - r * 1.5, y - r * 1.5, r * 3, r * 3);
            }
        }
    }
}

/* Names at the end of the lines, pushed apart where they would overlap. */
static void
draw_line_labels (Draw   *d,
                  double  x)
{
  guint n_series = wb_chart_model_get_n_series (d->model);
  g_autoptr(GArray) labels = g_array_new (FALSE, FALSE, sizeof (double) * 2);
  double last = -G_MAXDOUBLE;

  for (guint s = 0; s < n_series; s++)
    {
      double entry[2] = { 0, s };

      if (wb_chart_model_series_is_target (d->model, s))
        continue;
      for (int p = (int) d->n_periods - 1; p >= 0; p--)
        {
          const WbChartPoint *point = wb_chart_model_get_point (d->model, s, (guint) p);

          if (point->has_value)
            {
              entry[0] = value_pos (d, point->value) - d->small_h / 2;
              g_array_append_vals (labels, entry, 1);
              break;
            }
        }
    }
  for (guint i = 0; i < labels->len; i++)
    for (guint j = i + 1; j < labels->len; j++)
      {
        double *a = (double *) labels->data + 2 * i, *b = (double *) labels->data + 2 * j;

        if (b[0] < a[0])
          {
            double t0 = a[0], t1 = a[1];

            a[0] = b[0], a[1] = b[1];
            b[0] = t0, b[1] = t1;
          }
      }
  for (guint i = 0; i < labels->len; i++)
    {
      double *entry = (double *) labels->data + 2 * i;
      guint s = (guint) entry[1];
      double y = MAX (entry[0], last + d->small_h);
      double room = d->width - x - d->pad;

      pango_layout_set_width (d->small, (int) (room * PANGO_SCALE));
      pango_layout_set_ellipsize (d->small, PANGO_ELLIPSIZE_END);
      pango_layout_set_text (d->small, wb_chart_model_get_series_name (d->model, s), -1);
      set_colour (d->cr, series_colour (d, wb_chart_model_get_series_style_index (d->model, s)), 1);
      cairo_move_to (d->cr, x, y);
      pango_cairo_show_layout (d->cr, d->small);
      last = y;
    }
  pango_layout_set_ellipsize (d->small, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_width (d->small, -1);
}

/* Where a value label above a bar goes: above the period's target too when they would meet. */
static double
label_top (Draw   *d,
           guint   period,
           double  top)
{
  guint n_series = wb_chart_model_get_n_series (d->model);

  for (guint s = 0; s < n_series; s++)
    {
      const WbChartPoint *goal;
      double y;

      if (!wb_chart_model_series_is_target (d->model, s))
        continue;
      goal = wb_chart_model_get_point (d->model, s, period);
      if (!goal->has_value)
        continue;
      y = value_pos (d, goal->value);
      if (y > top - d->fs * 0.2 && y < top + d->small_h + d->fs * 0.2)
        top = y - d->small_h - d->fs * 0.25;
    }
  return top;
}

/* Bars side by side (BAR, HORIZONTAL_BAR) or stacked (STACKED_BAR). */
static void
draw_bars (Draw *d)
{
  WbChartKind kind = wb_chart_model_get_kind (d->model);
  gboolean stacked = kind == WB_CHART_KIND_STACKED_BAR;
  guint n_series = wb_chart_model_get_n_series (d->model);
  guint n_data = wb_chart_model_get_n_data_series (d->model);
  double group = d->band * (stacked || n_data == 1 ? 0.66 : 0.8);
  double thickness = stacked ? group : group / MAX (n_data, 1);
  double r = MAX (d->fs * 0.3, 2.5);
  gboolean value_labels;
  double label_w = 0;

  /* Values beside the bars when there is room: always across, on top of single bars. */
  if (d->horizontal)
    value_labels = thickness >= d->small_h * 0.8;
  else
    {
      g_autofree char *sample = NULL;
      double lo, hi;

      wb_chart_model_get_range (d->model, &lo, &hi);
      sample = wb_chart_model_format_value (d->model, hi);
      measure (d->small, sample, &label_w, NULL);
      value_labels = !stacked && n_data == 1 && thickness >= label_w + d->fs * 0.3;
    }

  for (guint p = 0; p < d->n_periods; p++)
    {
      double start = period_centre (d, p) - group / 2;
      double up = 0, down = 0;
      gboolean hidden_in_stack = FALSE;
      guint j = 0;

      for (guint s = 0; s < n_series; s++)
        {
          const WbChartPoint *point;
          guint style_index;
          double from, to, across, a, b;

          if (wb_chart_model_series_is_target (d->model, s))
            continue;
          point = wb_chart_model_get_point (d->model, s, p);
          style_index = wb_chart_model_get_series_style_index (d->model, s);
          across = stacked ? start : start + thickness * j;
          j++;

          if (point->suppressed || !point->has_value)
            {
              if (!point->suppressed && point->reason != NULL && !stacked)
                {
                  /* A figure not known yet says so where its bar would stand. */
                  double c = across + thickness / 2, b0 = baseline (d), w;
                  const char *na = C_("figure", "n/a");

                  measure (d->small, na, &w, NULL);
                  if (d->horizontal && thickness >= d->small_h * 0.8)
                    show (d, d->small, na, b0 + d->pad * 0.5, c - d->small_h / 2, ALIGN_START, 0.6);
                  else if (!d->horizontal && thickness >= w)
                    show (d, d->small, na, c, b0 - d->small_h - 1, ALIGN_CENTER, 0.6);
                }
              if (point->suppressed && stacked)
                hidden_in_stack = TRUE;
              else if (point->suppressed)
                {
                  double c = across + thickness / 2, b0 = baseline (d);
                  double x = d->horizontal ? b0 + r * 1.6 : c;
                  double y = d->horizontal ? c : b0 - r * 1.6;

                  draw_cross (d, x, y);
                  add_hit (d, s, p, x - r * 1.5, y - r * 1.5, r * 3, r * 3);
                }
              continue;
            }

          if (stacked)
            {
              double *level = point->value >= 0 ? &up : &down;

              from = *level;
              to = *level + point->value;
              *level = to;
            }
          else
            {
              from = 0;
              to = point->value;
            }
          a = value_pos (d, from);
          b = value_pos (d, to);
          if (d->horizontal)
            {
              double x = MIN (a, b), w = fabs (b - a);

              draw_bar (d, style_index, point->status, x, across + thickness * 0.05, w, thickness * 0.9);
              add_hit (d, s, p, x, across, MAX (w, 2), thickness);
              if (value_labels)
                {
                  g_autofree char *text = wb_chart_model_format_value (d->model, point->value);
                  g_autofree char *shown = point->status == WB_CHART_STATUS_PROVISIONAL ? g_strconcat (text, "*", NULL)
                                                                                       : g_strdup (text);

                  show (d, d->small, shown, MAX (a, b) + d->pad * 0.5, across + thickness / 2 - d->small_h / 2,
                        ALIGN_START, 0.85);
                }
            }
          else
            {
              double y = MIN (a, b), h = fabs (b - a);
              double w = stacked ? thickness : thickness * 0.9;
              double x = stacked ? across : across + thickness * 0.05;

              draw_bar (d, style_index, point->status, x, y, w, h);
              if (stacked && h > 1.5)
                {
                  /* A thin line between stacked parts, so that equal colours stay apart. */
                  set_colour (d->cr, &d->style->background, 0.9);
                  cairo_set_line_width (d->cr, 1);
                  cairo_move_to (d->cr, x, y);
                  cairo_line_to (d->cr, x + w, y);
                  cairo_stroke (d->cr);
                }
              add_hit (d, s, p, x, y, w, MAX (h, 2));
              if (value_labels)
                {
                  g_autofree char *text = wb_chart_model_format_value (d->model, point->value);
                  g_autofree char *shown = point->status == WB_CHART_STATUS_PROVISIONAL ? g_strconcat (text, "*", NULL)
                                                                                       : g_strdup (text);

                  show (d, d->small, shown, x + w / 2, label_top (d, p, y - d->small_h - 1), ALIGN_CENTER, 0.85);
                }
              else if (point->status == WB_CHART_STATUS_PROVISIONAL && !stacked)
                show (d, d->small, "*", x + w / 2, y - d->small_h, ALIGN_CENTER, 0.9);
            }
        }

      if (hidden_in_stack)
        {
          /* A stack with a hidden part is too short by it: a mark on top says so. */
          double c = period_centre (d, p);
          double top = value_pos (d, up);
          double x = d->horizontal ? top + r * 1.8 : c;
          double y = d->horizontal ? c : top - r * 1.8;

          draw_cross (d, x, y);
          for (guint s = 0; s < n_series; s++)
            if (!wb_chart_model_series_is_target (d->model, s) && wb_chart_model_get_point (d->model, s, p)->suppressed)
              add_hit (d, s, p, x - r * 1.5, y - r * 1.5, r * 3, r * 3);
        }
      if (stacked && !d->horizontal && wb_chart_model_get_n_data_series (d->model) > 0)
        {
          gboolean provisional = FALSE;

          for (guint s = 0; s < n_series; s++)
            if (!wb_chart_model_series_is_target (d->model, s) &&
                wb_chart_model_get_point (d->model, s, p)->has_value &&
                wb_chart_model_get_point (d->model, s, p)->status == WB_CHART_STATUS_PROVISIONAL)
              provisional = TRUE;
          if (provisional)
            show (d, d->small, "*", period_centre (d, p) + group / 2 + d->fs * 0.3, value_pos (d, up) - d->small_h * 0.8,
                  ALIGN_CENTER, 0.9);
        }
    }
}

/* Targets: a dashed line, through the periods for a line chart, a step over the bands for bars. */
static void
draw_targets (Draw *d)
{
  cairo_t *cr = d->cr;
  WbChartKind kind = wb_chart_model_get_kind (d->model);
  guint n_series = wb_chart_model_get_n_series (d->model);
  gboolean neutral = wb_chart_model_get_n_data_series (d->model) <= 1;

  for (guint s = 0; s < n_series; s++)
    {
      int partner;
      gboolean open = FALSE;

      if (!wb_chart_model_series_is_target (d->model, s))
        continue;
      partner = wb_chart_model_get_series_partner (d->model, s);
      if (neutral || partner < 0)
        set_colour (cr, &d->style->foreground, 0.9);
      else
        set_colour (cr, series_colour (d, wb_chart_model_get_series_style_index (d->model, s)), 1);
      set_target_dash (d);

      for (guint p = 0; p < d->n_periods; p++)
        {
          const WbChartPoint *point = wb_chart_model_get_point (d->model, s, p);
          double v, along0, along1, across;

          if (!point->has_value)
            {
              open = FALSE;
              continue;
            }
          v = value_pos (d, point->value);
          if (kind == WB_CHART_KIND_LINE)
            {
              double c = period_centre (d, p);
              gboolean alone = (p == 0 || !wb_chart_model_get_point (d->model, s, p - 1)->has_value) &&
                               (p + 1 >= d->n_periods || !wb_chart_model_get_point (d->model, s, p + 1)->has_value);

              if (alone)
                {
                  cairo_move_to (cr, c - d->band * 0.3, v);
                  cairo_line_to (cr, c + d->band * 0.3, v);
                }
              else if (open)
                cairo_line_to (cr, c, v);
              else
                cairo_move_to (cr, c, v);
              open = !alone;
              add_hit (d, s, p, c - d->band * 0.3, v - d->fs * 0.3, d->band * 0.6, d->fs * 0.6);
              continue;
            }

          along0 = period_start (d, p) + d->band * 0.04;
          along1 = period_start (d, p) + d->band * 0.96;
          across = v;
          if (d->horizontal)
            {
              if (open)
                cairo_line_to (cr, across, along0);
              else
                cairo_move_to (cr, across, along0);
              cairo_line_to (cr, across, along1);
              add_hit (d, s, p, across - d->fs * 0.3, along0, d->fs * 0.6, along1 - along0);
            }
          else
            {
              if (open)
                cairo_line_to (cr, along0, across);
              else
                cairo_move_to (cr, along0, across);
              cairo_line_to (cr, along1, across);
              add_hit (d, s, p, along0, across - d->fs * 0.3, along1 - along0, d->fs * 0.6);
            }
          open = TRUE;
        }
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
}

static void
draw_focus (Draw     *d,
            gboolean  behind)
{
  const WbChartStyle *style = d->style;

  if (style->focus_period < 0 || (guint) style->focus_period >= d->n_periods)
    return;
  if (behind)
    {
      double start = period_start (d, (guint) style->focus_period);

      set_colour (d->cr, &style->foreground, 0.08);
      if (d->horizontal)
        cairo_rectangle (d->cr, d->px, start, d->pw, d->band);
      else
        cairo_rectangle (d->cr, start, d->py, d->band, d->ph);
      cairo_fill (d->cr);
      return;
    }
  if (style->focus_series < 0 || d->hits == NULL)
    return;
  for (guint i = 0; i < d->hits->len; i++)
    {
      WbChartHit *hit = &g_array_index (d->hits, WbChartHit, i);
      double m = MAX (d->fs * 0.2, 2);

      if ((int) hit->series != style->focus_series || (int) hit->period != style->focus_period)
        continue;
      set_colour (d->cr, &style->foreground, 1);
      cairo_set_line_width (d->cr, MAX (d->fs * 0.14, 1.5));
      cairo_rectangle (d->cr, hit->x - m, hit->y - m, hit->width + 2 * m, hit->height + 2 * m);
      cairo_stroke (d->cr);
      break;
    }
}

void
wb_chart_draw (WbChartModel       *model,
               cairo_t            *cr,
               double              width,
               double              height,
               const WbChartStyle *style,
               GArray             *hits)
{
  Draw draw = { 0 };
  Draw *d = &draw;
  g_autoptr(PangoLayout) text = NULL;
  g_autoptr(PangoLayout) small = NULL;
  g_autoptr(GArray) entries = NULL;
  g_autoptr(GArray) own_hits = NULL;
  WbChartKind kind;
  double top, bottom, region_w, legend_h, right = 0, left;

  g_return_if_fail (WB_IS_CHART_MODEL (model));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL && style->font != NULL);

  if (hits != NULL)
    g_array_set_size (hits, 0);
  if (width < 40 || height < 40)
    return;

  kind = wb_chart_model_get_kind (model);
  d->model = model;
  d->cr = cr;
  d->style = style;
  d->width = width;
  d->height = height;
  d->fs = (double) pango_font_description_get_size (style->font) / PANGO_SCALE;
  d->pad = d->fs * 0.6;
  d->horizontal = kind == WB_CHART_KIND_HORIZONTAL_BAR;
  d->n_periods = wb_chart_model_get_n_periods (model);
  /* The focus ring needs to know where points are, also when nobody asked. */
  if (hits == NULL && style->focus_series >= 0)
    hits = own_hits = g_array_new (FALSE, FALSE, sizeof (WbChartHit));
  d->hits = hits;

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  if (style->paint_background)
    {
      set_colour (cr, &style->background, 1);
      cairo_paint (cr);
    }

  text = make_layout (d, 1, FALSE);
  small = make_layout (d, 0.85, FALSE);
  d->text = text;
  d->small = small;
  measure (small, "Ág", NULL, &d->small_h);

  top = d->pad;
  bottom = height - d->pad;
  region_w = width - 2 * d->pad;

  if (style->show_title)
    {
      g_autoptr(PangoLayout) title = title_layout (d, region_w);
      int h;

      set_colour (cr, &style->foreground, 1);
      cairo_move_to (cr, d->pad, top);
      cairo_tag_begin (cr, "H1", NULL);
      pango_cairo_show_layout (cr, title);
      cairo_tag_end (cr, "H1");
      pango_layout_get_pixel_size (title, NULL, &h);
      top += h + d->pad;
    }
  if (style->show_info)
    {
      g_autoptr(PangoLayout) info = info_layout (d, region_w);
      int h;

      pango_layout_get_pixel_size (info, NULL, &h);
      if (h > 0)
        {
          bottom -= h;
          set_colour (cr, &style->foreground, 0.8);
          cairo_move_to (cr, d->pad, bottom);
          cairo_tag_begin (cr, "P", NULL);
          pango_cairo_show_layout (cr, info);
          cairo_tag_end (cr, "P");
          bottom -= d->pad;
        }
    }

  entries = legend_entries (d);
  legend_h = legend (d, entries, d->pad, top, region_w, TRUE);
  if (legend_h > 0)
    top += legend_h + d->pad * 0.5;

  if (d->n_periods == 0 || bottom - top < d->small_h * 3)
    {
      if (d->n_periods == 0)
        show (d, text, _("No figures"), width / 2, (top + bottom) / 2 - d->fs / 2, ALIGN_CENTER, 0.6);
      cairo_restore (cr);
      return;
    }

  /* The plot: what is left after the labels of both axes. */
  if (d->horizontal)
    {
      double widest = 0, value_w;
      g_autofree char *sample = NULL;
      double lo, hi;

      for (guint p = 0; p < d->n_periods; p++)
        {
          double w;

          measure (small, wb_chart_model_get_period_label (model, p, FALSE), &w, NULL);
          widest = MAX (widest, w);
        }
      wb_chart_model_get_range (model, &lo, &hi);
      sample = wb_chart_model_format_value (model, hi);
      measure (small, sample, &value_w, NULL);
      left = d->pad + MIN (widest, width * 0.38) + d->pad;
      right = value_w + d->fs * 0.9 + d->pad;
      d->px = left;
      d->pw = MAX (width - left - right, 10);
      d->py = top;
      d->ph = MAX (bottom - top - d->small_h - d->pad * 0.5, 10);
      compute_scale (d, d->pw);
      /* The outer tick labels are centred on their line: keep them inside. */
      d->pw -= widest_tick (d) / 2;
    }
  else
    {
      d->py = top + d->small_h / 2;
      d->ph = MAX (bottom - d->py - d->small_h - d->pad * 0.5, 10);
      compute_scale (d, d->ph);
      left = d->pad + widest_tick (d) + d->pad * 0.6;
      if (kind == WB_CHART_KIND_LINE && wb_chart_model_get_n_data_series (model) > 1 &&
          wb_chart_model_get_n_data_series (model) <= 6 && width >= 420)
        {
          for (guint s = 0; s < wb_chart_model_get_n_series (model); s++)
            if (!wb_chart_model_series_is_target (model, s))
              {
                double w;

                measure (small, wb_chart_model_get_series_name (model, s), &w, NULL);
                right = MAX (right, w);
              }
          right = MIN (right, width * 0.18) + d->pad * 1.5;
        }
      else
        right = d->pad;
      d->px = left;
      d->pw = MAX (width - left - right, 10);
    }
  d->band = (d->horizontal ? d->ph : d->pw) / d->n_periods;

  draw_value_axis (d);
  draw_focus (d, TRUE);
  cairo_tag_begin (cr, "Figure", NULL);
  if (kind == WB_CHART_KIND_LINE)
    draw_lines (d);
  else
    draw_bars (d);
  draw_targets (d);
  cairo_tag_end (cr, "Figure");
  draw_period_axis (d);
  if (kind == WB_CHART_KIND_LINE && right > d->pad)
    draw_line_labels (d, d->px + d->pw + d->pad);
  draw_focus (d, FALSE);

  cairo_restore (cr);
}

/* Files */

double
wb_chart_export_font_size (double width,
                           double height)
{
  return CLAMP (sqrt (width * height) / 50, 10, 28);
}

static cairo_status_t
append_to_string (void                *closure,
                  const unsigned char *data,
                  unsigned int         length)
{
  g_string_append_len (closure, (const char *) data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* cairo writes text as glyph outlines; the title and description make the SVG speak. */
static char *
svg_with_words (WbChartModel *model,
                GString      *svg)
{
  g_autofree char *description = wb_chart_model_describe (model);
  g_autofree char *title = g_markup_escape_text (wb_chart_model_get_title (model), -1);
  g_autofree char *desc = g_markup_escape_text (description, -1);
  g_autofree char *words = g_strdup_printf ("\n<title>%s</title>\n<desc>%s</desc>", title, desc);
  const char *open = strstr (svg->str, "<svg");
  const char *end = open != NULL ? strchr (open, '>') : NULL;

  if (end != NULL)
    g_string_insert (svg, end + 1 - svg->str, words);
  return g_string_free (svg, FALSE);
}

static void
set_pdf_metadata (cairo_surface_t *surface,
                  WbChartModel    *model)
{
  const WbExportInfo *info = wb_chart_model_get_info (model);

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, wb_chart_model_get_title (model));
  if (info->definition != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, info->definition);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Werkbrug");
  if (info->generated != NULL)
    {
      g_autofree char *when = g_date_time_format_iso8601 (info->generated);

      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, when);
    }
}

gboolean
wb_chart_export (WbChartModel        *model,
                 WbChartFormat        format,
                 const char          *path,
                 double               width,
                 double               height,
                 const WbChartStyle  *style,
                 GError             **error)
{
  WbChartStyle paper;
  cairo_surface_t *surface = NULL;
  GString *svg = NULL;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (WB_IS_CHART_MODEL (model), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (width >= 40 && height >= 40, FALSE);

  wb_chart_style_init_paper (&paper, wb_chart_export_font_size (width, height));
  if (style == NULL)
    style = &paper;

  switch (format)
    {
    case WB_CHART_FORMAT_PNG:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width), (int) ceil (height));
      break;
    case WB_CHART_FORMAT_SVG:
      svg = g_string_new (NULL);
      surface = cairo_svg_surface_create_for_stream (append_to_string, svg, width, height);
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
      break;
    case WB_CHART_FORMAT_PDF:
    default:
      surface = cairo_pdf_surface_create (path, width, height);
      set_pdf_metadata (surface, model);
      break;
    }

  cr = cairo_create (surface);
  wb_chart_draw (model, cr, width, height, style, NULL);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS && format == WB_CHART_FORMAT_PNG)
    status = cairo_surface_write_to_png (surface, path);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  wb_chart_style_clear (&paper);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      if (svg != NULL)
        g_string_free (svg, TRUE);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write %s: %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  if (svg != NULL)
    {
      g_autofree char *text = svg_with_words (model, svg);

      return g_file_set_contents (path, text, -1, error);
    }
  return TRUE;
}
