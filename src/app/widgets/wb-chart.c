/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-chart"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-chart-draw.h"
#include "wb-chart.h"

struct _WbChart
{
  GtkWidget parent_instance;

  WbChartModel *model;
  WbChartStyle style;
  GArray *hits;          /* WbChartHit, of the last frame */
  int focus_period;
  int focus_series;
  char *description;
  GtkWidget *popover;
  GtkWidget *popover_label;
};

G_DEFINE_FINAL_TYPE (WbChart, wb_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_FOCUS_PERIOD,
  PROP_FOCUS_SERIES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The data series, in the model's order. */
static int
data_series_at (WbChart *self,
                guint    n)
{
  guint seen = 0;

  for (guint s = 0; s < wb_chart_model_get_n_series (self->model); s++)
    if (!wb_chart_model_series_is_target (self->model, s) && seen++ == n)
      return (int) s;
  return -1;
}

static int
data_series_position (WbChart *self,
                      int      series)
{
  int n = 0;

  for (int s = 0; s < series; s++)
    if (!wb_chart_model_series_is_target (self->model, (guint) s))
      n++;
  return n;
}

static const WbChartHit *
find_hit (WbChart *self,
          int      series,
          int      period)
{
  for (guint i = 0; i < self->hits->len; i++)
    {
      const WbChartHit *hit = &g_array_index (self->hits, WbChartHit, i);

      if ((int) hit->series == series && (int) hit->period == period)
        return hit;
    }
  return NULL;
}

static void
update_accessible (WbChart *self)
{
  g_autofree char *summary = NULL;

  g_clear_pointer (&self->description, g_free);
  if (self->model == NULL)
    {
      self->description = g_strdup (_("No figures"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Chart"),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->description,
                                      -1);
      return;
    }

  /* The figure the keyboard is on comes first: it is what the user asked for. */
  if (self->focus_period >= 0)
    summary = wb_chart_model_describe_period (self->model, (guint) self->focus_period);
  else
    summary = wb_chart_model_describe (self->model);
  self->description = g_steal_pointer (&summary);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, wb_chart_model_get_title (self->model),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->description,
                                  -1);
}

static void
update_popover (WbChart *self)
{
  g_autofree char *text = NULL;

  if (self->model == NULL || self->focus_period < 0 || self->focus_series < 0 || !gtk_widget_has_focus (GTK_WIDGET (self)))
    {
      gtk_popover_popdown (GTK_POPOVER (self->popover));
      return;
    }
  text = wb_chart_model_describe_point (self->model, (guint) self->focus_series, (guint) self->focus_period);
  gtk_label_set_text (GTK_LABEL (self->popover_label), text);
  /* Where it points is known after the next frame; size_allocate presents it again. */
  gtk_popover_popup (GTK_POPOVER (self->popover));
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
set_focus_internal (WbChart *self,
                    int      series,
                    int      period)
{
  if (self->focus_series == series && self->focus_period == period)
    return;
  self->focus_series = series;
  self->focus_period = period;
  update_accessible (self);
  update_popover (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOCUS_PERIOD]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOCUS_SERIES]);
}

/* Moves along the periods (@periods) or the series (@series); a first move lands on the
 * first or last figure. */
static void
move (WbChart *self,
      int      periods,
      int      series)
{
  int n_periods, n_data, period, position;

  if (self->model == NULL)
    return;
  n_periods = (int) wb_chart_model_get_n_periods (self->model);
  n_data = (int) wb_chart_model_get_n_data_series (self->model);
  if (n_periods == 0 || n_data == 0)
    return;

  if (self->focus_period < 0)
    {
      set_focus_internal (self, data_series_at (self, 0), periods < 0 ? n_periods - 1 : 0);
      return;
    }
  period = CLAMP (self->focus_period + periods, 0, n_periods - 1);
  position = CLAMP (data_series_position (self, self->focus_series) + series, 0, n_data - 1);
  set_focus_internal (self, data_series_at (self, (guint) position), period);
}

static gboolean
is_horizontal (WbChart *self)
{
  return self->model != NULL && wb_chart_model_get_kind (self->model) == WB_CHART_KIND_HORIZONTAL_BAR;
}

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  WbChart *self = WB_CHART (widget);

  if (is_horizontal (self))
    move (self, 0, -1);
  else
    move (self, -1, 0);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WbChart *self = WB_CHART (widget);

  if (is_horizontal (self))
    move (self, 0, 1);
  else
    move (self, 1, 0);
}

static void
up_action (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  WbChart *self = WB_CHART (widget);

  /* Up goes to the series drawn higher: the earlier one in a legend read top-down. */
  if (is_horizontal (self))
    move (self, -1, 0);
  else
    move (self, 0, -1);
}

static void
down_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WbChart *self = WB_CHART (widget);

  if (is_horizontal (self))
    move (self, 1, 0);
  else
    move (self, 0, 1);
}

static void
first_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  WbChart *self = WB_CHART (widget);

  if (self->model != NULL && wb_chart_model_get_n_periods (self->model) > 0)
    set_focus_internal (self, self->focus_series >= 0 ? self->focus_series : data_series_at (self, 0), 0);
}

static void
last_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WbChart *self = WB_CHART (widget);

  if (self->model != NULL && wb_chart_model_get_n_periods (self->model) > 0)
    set_focus_internal (self, self->focus_series >= 0 ? self->focus_series : data_series_at (self, 0),
                        (int) wb_chart_model_get_n_periods (self->model) - 1);
}

static void
clear_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  set_focus_internal (WB_CHART (widget), -1, -1);
}

static const WbChartHit *
hit_at (WbChart *self,
        double   x,
        double   y)
{
  const WbChartHit *best = NULL;

  for (guint i = 0; i < self->hits->len; i++)
    {
      const WbChartHit *hit = &g_array_index (self->hits, WbChartHit, i);

      if (x >= hit->x - 2 && x <= hit->x + hit->width + 2 && y >= hit->y - 2 && y <= hit->y + hit->height + 2)
        {
          /* A data figure before a target drawn over it. */
          if (best == NULL || (wb_chart_model_series_is_target (self->model, best->series) &&
                               !wb_chart_model_series_is_target (self->model, hit->series)))
            best = hit;
        }
    }
  return best;
}

static gboolean
on_query_tooltip_cb (GtkWidget  *widget,
                     int         x,
                     int         y,
                     gboolean    keyboard,
                     GtkTooltip *tooltip,
                     WbChart    *self)
{
  const WbChartHit *hit;
  g_autofree char *text = NULL;

  if (self->model == NULL || keyboard)
    return FALSE;
  hit = hit_at (self, x, y);
  if (hit == NULL)
    return FALSE;
  text = wb_chart_model_describe_point (self->model, hit->series, hit->period);
  gtk_tooltip_set_text (tooltip, text);
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { (int) hit->x, (int) hit->y, (int) MAX (hit->width, 1),
                                                       (int) MAX (hit->height, 1) });
  return TRUE;
}

static void
on_pressed_cb (GtkGestureClick *gesture,
               int              n_press,
               double           x,
               double           y,
               WbChart         *self)
{
  const WbChartHit *hit;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (self->model == NULL)
    return;
  hit = hit_at (self, x, y);
  if (hit == NULL)
    return;
  if (wb_chart_model_series_is_target (self->model, hit->series))
    {
      int partner = wb_chart_model_get_series_partner (self->model, hit->series);

      set_focus_internal (self, partner >= 0 ? partner : data_series_at (self, 0), (int) hit->period);
    }
  else
    set_focus_internal (self, (int) hit->series, (int) hit->period);
}

static void
on_focus_changed_cb (GtkEventControllerFocus *controller,
                     WbChart                 *self)
{
  update_popover (self);
}

/* GtkWidget */

static void
wb_chart_snapshot (GtkWidget   *widget,
                   GtkSnapshot *snapshot)
{
  WbChart *self = WB_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (self->model == NULL || width <= 0 || height <= 0)
    return;
  self->style.focus_period = self->focus_period;
  self->style.focus_series = self->focus_series;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  wb_chart_draw (self->model, cr, width, height, &self->style, self->hits);
  cairo_destroy (cr);
}

static void
wb_chart_size_allocate (GtkWidget *widget,
                        int        width,
                        int        height,
                        int        baseline)
{
  WbChart *self = WB_CHART (widget);
  const WbChartHit *hit = find_hit (self, self->focus_series, self->focus_period);

  if (hit != NULL)
    gtk_popover_set_pointing_to (GTK_POPOVER (self->popover),
                                 &(GdkRectangle) { (int) hit->x, (int) hit->y, (int) MAX (hit->width, 1),
                                                   (int) MAX (hit->height, 1) });
  gtk_popover_present (GTK_POPOVER (self->popover));
}

static void
wb_chart_measure (GtkWidget      *widget,
                  GtkOrientation  orientation,
                  int             for_size,
                  int            *minimum,
                  int            *natural,
                  int            *minimum_baseline,
                  int            *natural_baseline)
{
  /* Small enough for a phone-wide window, large enough to read. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 640;
    }
  else
    {
      *minimum = 180;
      *natural = 320;
    }
}

static void
wb_chart_css_changed (GtkWidget         *widget,
                      GtkCssStyleChange *change)
{
  WbChart *self = WB_CHART (widget);

  GTK_WIDGET_CLASS (wb_chart_parent_class)->css_changed (widget, change);

  /* Dark or light, a font or a scale: the colours and font come from the style again. */
  wb_chart_style_clear (&self->style);
  wb_chart_style_init_from_widget (&self->style, widget);
  gtk_widget_queue_draw (widget);
}

/* GObject */

static void
wb_chart_dispose (GObject *object)
{
  WbChart *self = (WbChart *) object;

  g_clear_pointer (&self->popover, gtk_widget_unparent);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (wb_chart_parent_class)->dispose (object);
}

static void
wb_chart_finalize (GObject *object)
{
  WbChart *self = (WbChart *) object;

  wb_chart_style_clear (&self->style);
  g_array_unref (self->hits);
  g_free (self->description);

  G_OBJECT_CLASS (wb_chart_parent_class)->finalize (object);
}

static void
wb_chart_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  WbChart *self = WB_CHART (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_FOCUS_PERIOD:
      g_value_set_int (value, self->focus_period);
      break;
    case PROP_FOCUS_SERIES:
      g_value_set_int (value, self->focus_series);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_chart_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  WbChart *self = WB_CHART (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      wb_chart_set_model (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_chart_class_init (WbChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wb_chart_dispose;
  object_class->finalize = wb_chart_finalize;
  object_class->get_property = wb_chart_get_property;
  object_class->set_property = wb_chart_set_property;

  widget_class->snapshot = wb_chart_snapshot;
  widget_class->size_allocate = wb_chart_size_allocate;
  widget_class->measure = wb_chart_measure;
  widget_class->css_changed = wb_chart_css_changed;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, WB_TYPE_CHART_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOCUS_PERIOD] =
    g_param_spec_int ("focus-period", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOCUS_SERIES] =
    g_param_spec_int ("focus-series", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "chart.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "chart.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "chart.up", NULL, up_action);
  gtk_widget_class_install_action (widget_class, "chart.down", NULL, down_action);
  gtk_widget_class_install_action (widget_class, "chart.first", NULL, first_action);
  gtk_widget_class_install_action (widget_class, "chart.last", NULL, last_action);
  gtk_widget_class_install_action (widget_class, "chart.clear", NULL, clear_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "chart.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Left, 0, "chart.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "chart.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Right, 0, "chart.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "chart.up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Up, 0, "chart.up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "chart.down", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Down, 0, "chart.down", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "chart.first", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, 0, "chart.last", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "chart.clear", NULL);

  gtk_widget_class_set_css_name (widget_class, "wbchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
wb_chart_init (WbChart *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  self->hits = g_array_new (FALSE, FALSE, sizeof (WbChartHit));
  self->focus_period = -1;
  self->focus_series = -1;
  wb_chart_style_init_paper (&self->style, 12);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), self);
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (focus, "enter", G_CALLBACK (on_focus_changed_cb), self);
  g_signal_connect (focus, "leave", G_CALLBACK (on_focus_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);

  /* The figure the keyboard is on, for those who see: it never takes the focus. */
  self->popover = gtk_popover_new ();
  self->popover_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->popover_label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (self->popover_label), 40);
  gtk_popover_set_child (GTK_POPOVER (self->popover), self->popover_label);
  gtk_popover_set_autohide (GTK_POPOVER (self->popover), FALSE);
  gtk_popover_set_position (GTK_POPOVER (self->popover), GTK_POS_TOP);
  gtk_widget_set_can_focus (self->popover, FALSE);
  gtk_widget_set_parent (self->popover, GTK_WIDGET (self));

  update_accessible (self);
}

GtkWidget *
wb_chart_new (void)
{
  return g_object_new (WB_TYPE_CHART, NULL);
}

WbChartModel *
wb_chart_get_model (WbChart *self)
{
  g_return_val_if_fail (WB_IS_CHART (self), NULL);
  return self->model;
}

void
wb_chart_set_model (WbChart      *self,
                    WbChartModel *model)
{
  g_return_if_fail (WB_IS_CHART (self));
  g_return_if_fail (model == NULL || WB_IS_CHART_MODEL (model));

  if (!g_set_object (&self->model, model))
    return;
  self->focus_period = -1;
  self->focus_series = -1;
  g_array_set_size (self->hits, 0);
  update_accessible (self);
  update_popover (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

int
wb_chart_get_focus_period (WbChart *self)
{
  g_return_val_if_fail (WB_IS_CHART (self), -1);
  return self->focus_period;
}

int
wb_chart_get_focus_series (WbChart *self)
{
  g_return_val_if_fail (WB_IS_CHART (self), -1);
  return self->focus_series;
}

void
wb_chart_set_focus (WbChart *self,
                    int      series,
                    int      period)
{
  g_return_if_fail (WB_IS_CHART (self));

  if (self->model == NULL || period < 0 || series < 0 ||
      period >= (int) wb_chart_model_get_n_periods (self->model) ||
      series >= (int) wb_chart_model_get_n_series (self->model))
    {
      set_focus_internal (self, -1, -1);
      return;
    }
  set_focus_internal (self, series, period);
}

const char *
wb_chart_get_description (WbChart *self)
{
  g_return_val_if_fail (WB_IS_CHART (self), NULL);
  return self->description;
}
