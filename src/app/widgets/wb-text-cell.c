/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-text-cell"

#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "wb-text-cell.h"

struct _WbTextCell
{
  GtkWidget parent_instance;

  char *text;
  float xalign;
  PangoLayout *layout;     /* made as the text is first drawn, dropped when the style changes */
};

G_DEFINE_FINAL_TYPE (WbTextCell, wb_text_cell, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TEXT,
  PROP_XALIGN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The height of a line, by font: every cell of a list has one of a few fonts. Asked by
 * every new cell as it is first measured (200 on a list's first screen), so the font is
 * compared, not written out as a key, and a line's height is that of one letter laid out:
 * pango_context_get_metrics shapes a whole sample text for the width of a character,
 * more than a million instructions a font. */

typedef struct {
  PangoFontDescription *font;
  double resolution;
  PangoLanguage *language;
  unsigned long options;
  int ascent;
  int descent;
} LineMetrics;

static GPtrArray *known_metrics;

static void
line_metrics_free (gpointer data)
{
  LineMetrics *metrics = data;

  pango_font_description_free (metrics->font);
  g_free (metrics);
}

static const LineMetrics *
line_metrics (WbTextCell *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const PangoFontDescription *font = pango_context_get_font_description (context);
  const cairo_font_options_t *options = pango_cairo_context_get_font_options (context);
  double resolution = pango_cairo_context_get_resolution (context);
  PangoLanguage *language = pango_context_get_language (context);
  unsigned long options_hash = options != NULL ? cairo_font_options_hash (options) : 0ul;
  g_autoptr(PangoLayout) layout = NULL;
  PangoRectangle logical;
  LineMetrics *metrics;

  if (known_metrics == NULL)
    known_metrics = g_ptr_array_new_with_free_func (line_metrics_free);
  for (guint i = 0; i < known_metrics->len; i++)
    {
      metrics = known_metrics->pdata[i];
      if (metrics->resolution == resolution && metrics->language == language && metrics->options == options_hash &&
          pango_font_description_equal (metrics->font, font))
        return metrics;
    }
  layout = pango_layout_new (context);
  pango_layout_set_text (layout, "X", 1);
  pango_layout_get_extents (layout, NULL, &logical);
  metrics = g_new (LineMetrics, 1);
  metrics->font = pango_font_description_copy (font);
  metrics->resolution = resolution;
  metrics->language = language;
  metrics->options = options_hash;
  metrics->ascent = pango_layout_get_baseline (layout);
  metrics->descent = logical.height - metrics->ascent;
  g_ptr_array_add (known_metrics, metrics);
  return metrics;
}

static PangoLayout *
ensure_layout (WbTextCell *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  PangoAlignment alignment;

  if (self->layout != NULL)
    return self->layout;
  self->layout = gtk_widget_create_pango_layout (widget, self->text);
  pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
  /* One line, whatever the text holds (a line break is shown as a sign). */
  pango_layout_set_single_paragraph_mode (self->layout, TRUE);
  pango_layout_set_height (self->layout, -1);
  if (self->xalign < 0.33f)
    alignment = rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
  else if (self->xalign < 0.67f)
    alignment = PANGO_ALIGN_CENTER;
  else
    alignment = rtl ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT;
  pango_layout_set_alignment (self->layout, alignment);
  /* The font's features are not part of the widget's Pango context: Adwaita's "numeric"
   * asks for tabular figures, as a label shows them. */
  if (gtk_widget_has_css_class (widget, "numeric"))
    {
      PangoAttrList *attributes = pango_attr_list_new ();

      pango_attr_list_insert (attributes, pango_attr_font_features_new ("tnum=1"));
      pango_layout_set_attributes (self->layout, attributes);
      pango_attr_list_unref (attributes);
    }
  return self->layout;
}

static void
wb_text_cell_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  const LineMetrics *metrics;

  /* The column gives the width. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    return;
  metrics = line_metrics (WB_TEXT_CELL (widget));
  *minimum = *natural = PANGO_PIXELS_CEIL (metrics->ascent + metrics->descent);
  *minimum_baseline = *natural_baseline = PANGO_PIXELS_CEIL (metrics->ascent);
}

static void
wb_text_cell_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  WbTextCell *self = WB_TEXT_CELL (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int baseline = gtk_widget_get_allocated_baseline (widget);
  PangoLayout *layout;
  PangoRectangle logical;
  GdkRGBA color;
  float y;

  if (self->text == NULL || self->text[0] == '\0' || width <= 0)
    return;
  layout = ensure_layout (self);
  pango_layout_set_width (layout, width * PANGO_SCALE);
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  if (baseline != -1)
    y = baseline - pango_layout_get_baseline (layout) / PANGO_SCALE;
  else
    y = MAX (0, floorf ((height - logical.height) / 2.f));
  /* The text's colour as the style sheet says (dim, error, selected). */
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, y));
  gtk_snapshot_append_layout (snapshot, layout, &color);
  gtk_snapshot_restore (snapshot);
  gtk_snapshot_pop (snapshot);
}

static void
wb_text_cell_css_changed (GtkWidget         *widget,
                          GtkCssStyleChange *change)
{
  WbTextCell *self = WB_TEXT_CELL (widget);

  /* GTK has updated the widget's Pango context (and asked for a new size where the font's
   * size changed); the layout follows at the next drawing. */
  GTK_WIDGET_CLASS (wb_text_cell_parent_class)->css_changed (widget, change);
  g_clear_object (&self->layout);
}

static void
wb_text_cell_direction_changed (GtkWidget        *widget,
                                GtkTextDirection  previous)
{
  WbTextCell *self = WB_TEXT_CELL (widget);

  GTK_WIDGET_CLASS (wb_text_cell_parent_class)->direction_changed (widget, previous);
  g_clear_object (&self->layout);
  gtk_widget_queue_draw (widget);
}

static void
wb_text_cell_finalize (GObject *object)
{
  WbTextCell *self = WB_TEXT_CELL (object);

  g_clear_object (&self->layout);
  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (wb_text_cell_parent_class)->finalize (object);
}

static void
wb_text_cell_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  WbTextCell *self = WB_TEXT_CELL (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case PROP_XALIGN:
      g_value_set_float (value, self->xalign);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_text_cell_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  WbTextCell *self = WB_TEXT_CELL (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      wb_text_cell_set_text (self, g_value_get_string (value));
      break;
    case PROP_XALIGN:
      wb_text_cell_set_xalign (self, g_value_get_float (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_text_cell_class_init (WbTextCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = wb_text_cell_finalize;
  object_class->get_property = wb_text_cell_get_property;
  object_class->set_property = wb_text_cell_set_property;
  widget_class->measure = wb_text_cell_measure;
  widget_class->snapshot = wb_text_cell_snapshot;
  widget_class->css_changed = wb_text_cell_css_changed;
  widget_class->direction_changed = wb_text_cell_direction_changed;

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_XALIGN] =
    g_param_spec_float ("xalign", NULL, NULL, 0.f, 1.f, 0.f,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
wb_text_cell_init (WbTextCell *self)
{
}

GtkWidget *
wb_text_cell_new (void)
{
  return g_object_new (WB_TYPE_TEXT_CELL, NULL);
}

const char *
wb_text_cell_get_text (WbTextCell *self)
{
  g_return_val_if_fail (WB_IS_TEXT_CELL (self), NULL);

  return self->text;
}

void
wb_text_cell_set_text (WbTextCell *self,
                       const char *text)
{
  g_return_if_fail (WB_IS_TEXT_CELL (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text);
  if (self->layout != NULL)
    pango_layout_set_text (self->layout, text != NULL ? text : "", -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

void
wb_text_cell_set_xalign (WbTextCell *self,
                         float       xalign)
{
  g_return_if_fail (WB_IS_TEXT_CELL (self));

  xalign = CLAMP (xalign, 0.f, 1.f);
  if (self->xalign == xalign)
    return;
  self->xalign = xalign;
  g_clear_object (&self->layout);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_XALIGN]);
}

float
wb_text_cell_get_xalign (WbTextCell *self)
{
  g_return_val_if_fail (WB_IS_TEXT_CELL (self), 0.f);

  return self->xalign;
}
