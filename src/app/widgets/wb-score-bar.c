/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-score-bar"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wb-format.h"

#include "wb-score-bar.h"

#define BAR_HEIGHT 16
#define LEGEND_SPACING 6

struct _WbScoreBar
{
  GtkWidget parent_instance;

  GtkWidget *legend;               /* a GtkFlowBox of the parts: swatch, number, name, points */
  GtkWidget *legend_labels[WB_MATCH_N_PARTS];
  GtkWidget *legend_swatches[WB_MATCH_N_PARTS];

  gboolean has_match;
  gboolean show_legend;
  double score;
  WbApiMatchPart parts[WB_MATCH_N_PARTS];   /* copies; the texts are not kept */
  char *part_texts[WB_MATCH_N_PARTS];
  PangoLayout *numbers[WB_MATCH_N_PARTS];   /* the segments' numbers, shaped once */
};

G_DEFINE_FINAL_TYPE (WbScoreBar, wb_score_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SHOW_LEGEND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const part_labels[WB_MATCH_N_PARTS] = {
  [WB_MATCH_PART_COMPETENCES] = N_("Competences"),
  [WB_MATCH_PART_EDUCATION] = N_("Education"),
  [WB_MATCH_PART_TRAVEL] = N_("Travel"),
  [WB_MATCH_PART_HOURS] = N_("Hours"),
  [WB_MATCH_PART_CAPACITY] = N_("Work capacity"),
  [WB_MATCH_PART_SECTOR] = N_("Sector"),
  [WB_MATCH_PART_READINESS] = N_("Readiness"),
};

/* The fallback palette when the style sheet has none (a test without the application's CSS):
 * the light chart palette of style.css. */
static const char * const fallback_colours[WB_MATCH_N_PARTS] = {
  "#1c71d8", "#c64600", "#26a269", "#9141ac", "#986a44", "#c01c28", "#0b7a86",
};

static void
part_colour (WbScoreBar *self,
             guint       part,
             GdkRGBA    *colour)
{
  GtkStyleContext *context;
  char name[16];

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  context = gtk_widget_get_style_context (GTK_WIDGET (self));
  g_snprintf (name, sizeof name, "wb_chart_%u", part + 1);
  if (!gtk_style_context_lookup_color (context, name, colour))
    gdk_rgba_parse (colour, fallback_colours[part]);
  G_GNUC_END_IGNORE_DEPRECATIONS
}

/* The segments, left to right, in the order of WbMatchPart: each as wide as its points. */
static void
part_extent (WbScoreBar *self,
             guint       part,
             double      width,
             double     *x,
             double     *segment_width)
{
  double start = 0;

  for (guint i = 0; i < part; i++)
    start += MAX (0, self->parts[i].points);
  *x = start * width;
  *segment_width = MAX (0, self->parts[part].points) * width;
}

static void
update_accessible (WbScoreBar *self)
{
  g_autofree char *description = wb_score_bar_dup_description (self);
  g_autofree char *value = wb_score_format_points (self->score);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 0.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, 100.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, self->score * 100,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, value,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
update_legend (WbScoreBar *self)
{
  for (guint i = 0; i < WB_MATCH_N_PARTS; i++)
    {
      g_autofree char *points = wb_score_format_points (self->parts[i].points);
      g_autofree char *weight = wb_score_format_points (self->parts[i].weight);

      g_clear_pointer (&self->part_texts[i], g_free);
      if (self->has_match)
        {
          if (self->parts[i].known)
            /* TRANSLATORS: a part of a match's score in the legend of its bar: its name, its
             * points and the most it could have earned, e.g. "Competences 33.75 of 45" */
            self->part_texts[i] = g_strdup_printf (_("%s %s of %s"), _(part_labels[i]), points, weight);
          else
            /* TRANSLATORS: as "%s %s of %s", for a part the server could not compute from known data */
            self->part_texts[i] = g_strdup_printf (_("%s %s of %s (not known)"), _(part_labels[i]), points, weight);
        }
      if (self->legend == NULL)
        continue;
      gtk_label_set_text (GTK_LABEL (self->legend_labels[i]), self->part_texts[i] != NULL ? self->part_texts[i] : "");
      if (self->has_match && !self->parts[i].known)
        gtk_widget_add_css_class (self->legend_swatches[i], "unknown");
      else
        gtk_widget_remove_css_class (self->legend_swatches[i], "unknown");
    }
}

/* Overrides */

static void
wb_score_bar_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  WbScoreBar *self = WB_SCORE_BAR (widget);
  int legend_min = 0, legend_nat = 0;

  if (self->show_legend && self->legend != NULL)
    gtk_widget_measure (self->legend, orientation, for_size, &legend_min, &legend_nat, NULL, NULL);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MAX (60, legend_min);
      *natural = MAX (160, legend_nat);
    }
  else
    {
      int extra = self->show_legend ? LEGEND_SPACING : 0;

      *minimum = BAR_HEIGHT + extra + legend_min;
      *natural = BAR_HEIGHT + extra + legend_nat;
    }
  *minimum_baseline = *natural_baseline = -1;
}

static GtkSizeRequestMode
wb_score_bar_get_request_mode (GtkWidget *widget)
{
  /* The legend wraps: its height depends on the width it gets. */
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
wb_score_bar_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  WbScoreBar *self = WB_SCORE_BAR (widget);

  if (self->show_legend && self->legend != NULL)
    gtk_widget_size_allocate (self->legend,
                              &(GtkAllocation) { 0, BAR_HEIGHT + LEGEND_SPACING, width,
                                                 MAX (0, height - BAR_HEIGHT - LEGEND_SPACING) }, -1);
}

static gboolean
is_dark (const GdkRGBA *colour)
{
  return 0.2126 * colour->red + 0.7152 * colour->green + 0.0722 * colour->blue < 0.5;
}

static void
wb_score_bar_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  WbScoreBar *self = WB_SCORE_BAR (widget);
  double width = gtk_widget_get_width (widget);
  GdkRGBA foreground, track;
  GskRoundedRect outline;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &foreground);
  G_GNUC_END_IGNORE_DEPRECATIONS
  track = foreground;
  track.alpha = 0.12;

  gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (0, 0, width, BAR_HEIGHT), 4);
  gtk_snapshot_push_rounded_clip (snapshot, &outline);
  gtk_snapshot_append_color (snapshot, &track, &GRAPHENE_RECT_INIT (0, 0, width, BAR_HEIGHT));

  if (self->has_match)
    for (guint i = 0; i < WB_MATCH_N_PARTS; i++)
      {
        double x, w;
        GdkRGBA colour;
        PangoLayout *layout;
        int text_width, text_height;

        part_extent (self, i, width, &x, &w);
        if (w <= 0)
          continue;
        part_colour (self, i, &colour);
        if (!self->parts[i].known)
          colour.alpha = 0.45;
        /* A one-pixel gap of the track between segments: each part is its own piece. */
        gtk_snapshot_append_color (snapshot, &colour,
                                   &GRAPHENE_RECT_INIT (x, 0, MAX (0, w - (w > 3 ? 1 : 0)), BAR_HEIGHT));

        /* The part's number, as in the legend, where it fits. */
        if (self->numbers[i] == NULL)
          {
            char number[4];

            g_snprintf (number, sizeof number, "%u", i + 1);
            self->numbers[i] = gtk_widget_create_pango_layout (widget, number);
          }
        layout = self->numbers[i];
        pango_layout_get_pixel_size (layout, &text_width, &text_height);
        if (text_width + 4 <= w - 1)
          {
            GdkRGBA ink;

            gdk_rgba_parse (&ink, is_dark (&colour) || colour.alpha < 1 ? "white" : "black");
            if (colour.alpha < 1)
              ink = foreground;
            gtk_snapshot_save (snapshot);
            gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x + (w - 1 - text_width) / 2,
                                                                    (BAR_HEIGHT - text_height) / 2.0));
            gtk_snapshot_append_layout (snapshot, layout, &ink);
            gtk_snapshot_restore (snapshot);
          }
      }
  gtk_snapshot_pop (snapshot);

  if (self->show_legend && self->legend != NULL)
    gtk_widget_snapshot_child (widget, self->legend, snapshot);
}

static void
wb_score_bar_css_changed (GtkWidget         *widget,
                          GtkCssStyleChange *change)
{
  WbScoreBar *self = WB_SCORE_BAR (widget);

  GTK_WIDGET_CLASS (wb_score_bar_parent_class)->css_changed (widget, change);
  /* Another font or colour scheme: shape the numbers again, draw again. */
  for (guint i = 0; i < WB_MATCH_N_PARTS; i++)
    g_clear_object (&self->numbers[i]);
  gtk_widget_queue_draw (widget);
}

static void
wb_score_bar_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  WbScoreBar *self = WB_SCORE_BAR (object);

  switch (prop_id)
    {
    case PROP_SHOW_LEGEND:
      g_value_set_boolean (value, self->show_legend);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_score_bar_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  WbScoreBar *self = WB_SCORE_BAR (object);

  switch (prop_id)
    {
    case PROP_SHOW_LEGEND:
      wb_score_bar_set_show_legend (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_score_bar_dispose (GObject *object)
{
  WbScoreBar *self = WB_SCORE_BAR (object);

  g_clear_pointer (&self->legend, gtk_widget_unparent);
  G_OBJECT_CLASS (wb_score_bar_parent_class)->dispose (object);
}

static void
wb_score_bar_finalize (GObject *object)
{
  WbScoreBar *self = WB_SCORE_BAR (object);

  for (guint i = 0; i < WB_MATCH_N_PARTS; i++)
    {
      g_free (self->part_texts[i]);
      g_clear_object (&self->numbers[i]);
    }
  G_OBJECT_CLASS (wb_score_bar_parent_class)->finalize (object);
}

static void
wb_score_bar_class_init (WbScoreBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = wb_score_bar_get_property;
  object_class->set_property = wb_score_bar_set_property;
  object_class->dispose = wb_score_bar_dispose;
  object_class->finalize = wb_score_bar_finalize;
  widget_class->get_request_mode = wb_score_bar_get_request_mode;
  widget_class->measure = wb_score_bar_measure;
  widget_class->size_allocate = wb_score_bar_size_allocate;
  widget_class->snapshot = wb_score_bar_snapshot;
  widget_class->css_changed = wb_score_bar_css_changed;

  properties[PROP_SHOW_LEGEND] =
    g_param_spec_boolean ("show-legend", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "wbscorebar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_METER);
}

/* The legend is made when it is first shown: a bar in a list row has none. */
static void
ensure_legend (WbScoreBar *self)
{
  if (self->legend != NULL)
    return;
  self->legend = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (self->legend), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->legend), 4);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (self->legend), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (self->legend), 2);
  gtk_widget_add_css_class (self->legend, "wb-score-legend");
  gtk_widget_set_parent (self->legend, GTK_WIDGET (self));

  for (guint i = 0; i < WB_MATCH_N_PARTS; i++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      char number[4], part_class[16];
      GtkWidget *child;

      g_snprintf (number, sizeof number, "%u", i + 1);
      g_snprintf (part_class, sizeof part_class, "part-%u", i);
      self->legend_swatches[i] = gtk_label_new (number);
      gtk_widget_add_css_class (self->legend_swatches[i], "wb-score-swatch");
      gtk_widget_set_valign (self->legend_swatches[i], GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (self->legend_swatches[i], part_class);
      /* The number repeats the name beside it: a screen reader reads the name only. */
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->legend_swatches[i]), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
      self->legend_labels[i] = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (self->legend_labels[i]), 0);
      gtk_widget_add_css_class (self->legend_labels[i], "caption");
      gtk_box_append (GTK_BOX (box), self->legend_swatches[i]);
      gtk_box_append (GTK_BOX (box), self->legend_labels[i]);
      gtk_flow_box_append (GTK_FLOW_BOX (self->legend), box);
      child = gtk_widget_get_parent (box);
      gtk_widget_set_focusable (child, FALSE);
    }
  update_legend (self);
}

static void
wb_score_bar_init (WbScoreBar *self)
{
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Score"), -1);
  update_legend (self);
  update_accessible (self);
}

/* Public API */

WbScoreBar *
wb_score_bar_new (void)
{
  return g_object_new (WB_TYPE_SCORE_BAR, NULL);
}

void
wb_score_bar_set_match (WbScoreBar             *self,
                        const WbApiRankedMatch *match)
{
  g_return_if_fail (WB_IS_SCORE_BAR (self));

  self->has_match = match != NULL;
  self->score = match != NULL ? match->score : 0;
  for (guint i = 0; i < WB_MATCH_N_PARTS; i++)
    {
      if (match != NULL)
        self->parts[i] = match->parts[i];
      else
        memset (&self->parts[i], 0, sizeof self->parts[i]);
      self->parts[i].explanation = NULL;
    }
  update_legend (self);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
wb_score_bar_set_show_legend (WbScoreBar *self,
                              gboolean    show_legend)
{
  g_return_if_fail (WB_IS_SCORE_BAR (self));

  show_legend = !!show_legend;
  if (self->show_legend == show_legend)
    return;
  self->show_legend = show_legend;
  if (show_legend)
    ensure_legend (self);
  if (self->legend != NULL)
    gtk_widget_set_visible (self->legend, show_legend);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_LEGEND]);
}

gboolean
wb_score_bar_get_show_legend (WbScoreBar *self)
{
  g_return_val_if_fail (WB_IS_SCORE_BAR (self), FALSE);
  return self->show_legend;
}

double
wb_score_bar_get_score (WbScoreBar *self)
{
  g_return_val_if_fail (WB_IS_SCORE_BAR (self), 0);
  return self->score;
}

double
wb_score_bar_get_part_points (WbScoreBar  *self,
                              WbMatchPart  part)
{
  g_return_val_if_fail (WB_IS_SCORE_BAR (self), 0);
  g_return_val_if_fail (part < WB_MATCH_N_PARTS, 0);
  return self->parts[part].points;
}

gboolean
wb_score_bar_get_part_known (WbScoreBar  *self,
                             WbMatchPart  part)
{
  g_return_val_if_fail (WB_IS_SCORE_BAR (self), FALSE);
  g_return_val_if_fail (part < WB_MATCH_N_PARTS, FALSE);
  return self->parts[part].known;
}

void
wb_score_bar_get_part_extent (WbScoreBar  *self,
                              WbMatchPart  part,
                              double       width,
                              double      *x,
                              double      *segment_width)
{
  g_return_if_fail (WB_IS_SCORE_BAR (self));
  g_return_if_fail (part < WB_MATCH_N_PARTS);
  g_return_if_fail (x != NULL && segment_width != NULL);
  part_extent (self, part, width, x, segment_width);
}

const char *
wb_score_bar_get_part_text (WbScoreBar  *self,
                            WbMatchPart  part)
{
  g_return_val_if_fail (WB_IS_SCORE_BAR (self), NULL);
  g_return_val_if_fail (part < WB_MATCH_N_PARTS, NULL);
  return self->part_texts[part];
}

char *
wb_score_bar_dup_description (WbScoreBar *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *score = NULL;

  g_return_val_if_fail (WB_IS_SCORE_BAR (self), NULL);

  if (!self->has_match)
    return g_strdup (_("No score"));
  score = wb_score_format_points (self->score);
  /* TRANSLATORS: the start of what a screen reader says of a score bar */
  g_string_append_printf (text, _("Score %s out of 100, made up of:"), score);
  for (guint i = 0; i < WB_MATCH_N_PARTS; i++)
    {
      g_autofree char *points = wb_score_format_points (self->parts[i].points);
      g_autofree char *weight = wb_score_format_points (self->parts[i].weight);
      g_autofree char *own = wb_score_format_points (self->parts[i].score);

      g_string_append_c (text, ' ');
      if (self->parts[i].known)
        /* TRANSLATORS: one part of a score for a screen reader: "competences 33.75 of 45 points, scored 75 out of 100;" */
        g_string_append_printf (text, _("%s %s of %s points, scored %s out of 100;"),
                                _(part_labels[i]), points, weight, own);
      else
        /* TRANSLATORS: as "%s %s of %s points, scored %s out of 100;" for a part whose data is not known */
        g_string_append_printf (text, _("%s %s of %s points, not known;"), _(part_labels[i]), points, weight);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

const char *
wb_match_part_label (WbMatchPart part)
{
  g_return_val_if_fail (part < WB_MATCH_N_PARTS, NULL);
  return _(part_labels[part]);
}

char *
wb_score_format_points (double points)
{
  /* The server writes points with four decimals, so two decimals out of 100 show them
   * exactly and the parts shown add up to the score shown. */
  return wb_format_number (points * 100, 2);
}
