/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-monitor-view"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-a11y.h"
#include "wb-api-monitor.h"
#include "wb-filter-dropdown.h"
#include "wb-format.h"
#include "wb-labels.h"
#include "wb-monitor-charts.h"
#include "wb-monitor-view.h"

/* How many years back the range may start. */
#define N_YEARS 10

/* The questions the page asks the server for one set of filters. */
typedef enum {
  Q_FIGURE,          /* the chosen figure for the area over the range, with its targets */
  Q_INFLOW,          /* key figures: the area over the range */
  Q_TO_WORK,
  Q_DURABLE_6M,
  Q_DURABLE_12M,
  Q_PLACEMENTS,
  Q_CASELOAD,
  Q_POOL,
  Q_STACKED,         /* the figure for every municipality or every subregion */
  Q_VACANCIES,       /* open vacancies and tension of the area by sector */
  Q_TENSION,
  Q_SUB_TO_WORK,     /* the comparison: every subregion and the region */
  Q_SUB_CASELOAD,
  Q_REGION_TO_WORK,
  Q_REGION_CASELOAD,
  Q_CBS_RECIPIENTS,  /* CBS against the system, per year */
  Q_CBS_TO_WORK,
  Q_SYS_CASELOAD,
  Q_SYS_TO_WORK,
  N_QUERIES
} Query;

/* The key figures, in the order of their tiles. */
static const struct {
  Query query;
  WbMonitorMetric metric;
} tile_queries[] = {
  { Q_INFLOW, WB_MONITOR_INFLOW },
  { Q_TO_WORK, WB_MONITOR_TO_WORK },
  { Q_DURABLE_6M, WB_MONITOR_DURABLE_6M },
  { Q_PLACEMENTS, WB_MONITOR_PLACEMENTS },
  { Q_CASELOAD, WB_MONITOR_CASELOAD },
  { Q_POOL, WB_MONITOR_POOL },
};

/* The figures the user may follow over time. */
static const WbMonitorMetric figures[] = {
  WB_MONITOR_TO_WORK, WB_MONITOR_INFLOW, WB_MONITOR_OUTFLOW, WB_MONITOR_PLACEMENTS, WB_MONITOR_ACTIVATED,
  WB_MONITOR_REFERRALS, WB_MONITOR_RETURNS, WB_MONITOR_CASELOAD, WB_MONITOR_POOL, WB_MONITOR_BENEFIT_SAVED,
};

/* The levels in the order of their drop-down. */
static const WbMonitorLevel levels[] = {
  WB_MONITOR_LEVEL_REGION, WB_MONITOR_LEVEL_SUBREGION, WB_MONITOR_LEVEL_MUNICIPALITY, WB_MONITOR_LEVEL_ORGANISATION,
};

static const WbPeriodKind kinds[] = { WB_PERIOD_QUARTER, WB_PERIOD_YEAR, WB_PERIOD_MONTH };

struct _WbMonitorView
{
  GtkWidget parent_instance;

  WbSession *session;
  GCancellable *cancellable;
  guint generation;
  guint pending;
  guint reload_source;
  gboolean loading;
  gboolean filling;              /* the drop-downs are being filled: no reload */
  gboolean stale;                /* to be loaded when the page is shown */
  int this_year;

  WbMonitorResult *results[N_QUERIES];
  GError *errors[N_QUERIES];

  /* The filters: drop-downs made in code, with the values behind their items. */
  GtkDropDown *figure_dropdown;
  GtkDropDown *level_dropdown;
  GtkDropDown *area_dropdown;
  GPtrArray *area_keys;          /* of the area drop-down's items */
  GPtrArray *area_subregions;    /* the subregion of each area (NULL for the region) */
  GtkDropDown *kind_dropdown;
  GtkDropDown *from_dropdown;
  GtkDropDown *to_dropdown;
  WbFilterDropdown *group_dropdown;
  WbFilterDropdown *band_dropdown;

  WbChartView *chart_views[WB_MONITOR_N_CHARTS];
  GtkWidget *chart_children[WB_MONITOR_N_CHARTS];
  GtkWidget *tile_boxes[G_N_ELEMENTS (tile_queries)];
  GtkWidget *tile_values[G_N_ELEMENTS (tile_queries)];
  GtkWidget *tile_details[G_N_ELEMENTS (tile_queries)];
  GtkWidget *tile_titles[G_N_ELEMENTS (tile_queries)];
  GPtrArray *tile_texts;

  GtkFileChooserNative *chooser;
  GtkPrintOperation *printing;

  /* Template children */
  GtkWidget *scrolled;
  GtkWidget *filter_bar;
  GtkFlowBox *filters;
  GtkToggleButton *table_button;
  GtkMenuButton *output_button;
  GtkStack *stack;
  GtkSpinner *spinner;
  AdwStatusPage *error_page;
  GtkButton *retry_button;
  GtkLabel *tiles_heading;
  GtkFlowBox *tiles;
  GtkLabel *note_label;
  GtkFlowBox *charts;
};

G_DEFINE_FINAL_TYPE (WbMonitorView, wb_monitor_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void reload (WbMonitorView *self);

/* Helpers */

static void
report (WbMonitorView *self,
        const char    *message)
{
  if (!wb_a11y_add_toast (GTK_WIDGET (self), adw_toast_new (message)))
    g_message ("%s", message);
}

static void
set_loading (WbMonitorView *self,
             gboolean       loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  gtk_spinner_set_spinning (self->spinner, loading);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static guint
selected (GtkDropDown *dropdown)
{
  guint position = gtk_drop_down_get_selected (dropdown);

  return position == GTK_INVALID_LIST_POSITION ? 0 : position;
}

static WbMonitorLevel
current_level (WbMonitorView *self)
{
  return levels[MIN (selected (self->level_dropdown), G_N_ELEMENTS (levels) - 1)];
}

static const char *
current_key (WbMonitorView *self)
{
  guint position = selected (self->area_dropdown);

  return position < self->area_keys->len ? self->area_keys->pdata[position] : WB_MONITOR_REGION;
}

static const char *
current_area_name (WbMonitorView *self)
{
  GListModel *model = gtk_drop_down_get_model (self->area_dropdown);
  guint position = selected (self->area_dropdown);

  if (model == NULL || position >= g_list_model_get_n_items (model))
    return WB_MONITOR_REGION;
  return gtk_string_list_get_string (GTK_STRING_LIST (model), position);
}

/* The subregion the area lies in, or NULL for the region. */
static const char *
current_subregion (WbMonitorView *self)
{
  guint position = selected (self->area_dropdown);

  return position < self->area_subregions->len ? self->area_subregions->pdata[position] : NULL;
}

static WbPeriodKind
current_kind (WbMonitorView *self)
{
  return kinds[MIN (selected (self->kind_dropdown), G_N_ELEMENTS (kinds) - 1)];
}

static void
current_years (WbMonitorView *self,
               int           *from,
               int           *to)
{
  int a = self->this_year - N_YEARS + 1 + (int) selected (self->from_dropdown);
  int b = self->this_year - N_YEARS + 1 + (int) selected (self->to_dropdown);

  *from = MIN (a, b);
  *to = MAX (a, b);
}

static WbMonitorMetric
current_figure (WbMonitorView *self)
{
  return figures[MIN (selected (self->figure_dropdown), G_N_ELEMENTS (figures) - 1)];
}

static GtkDropDown *
string_dropdown (const char * const *items,
                 const char         *accessible_label,
                 const char         *tooltip)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (items));

  wb_a11y_set_label (GTK_WIDGET (dropdown), accessible_label);
  gtk_widget_set_tooltip_text (GTK_WIDGET (dropdown), tooltip);
  return dropdown;
}

/* A filter in the flow box; its child is no stop of its own for the keyboard. */
static void
add_filter (WbMonitorView *self,
            GtkWidget     *dropdown)
{
  GtkWidget *child;

  gtk_flow_box_append (self->filters, dropdown);
  child = gtk_widget_get_parent (dropdown);
  gtk_widget_set_focusable (child, FALSE);
}

/* The areas of a level, with the key the API knows them by. */
static void
fill_areas (WbMonitorView *self)
{
  WbMonitorLevel level = current_level (self);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  WbResource resource;
  GListModel *records;

  g_ptr_array_set_size (self->area_keys, 0);
  g_ptr_array_set_size (self->area_subregions, 0);
  switch (level)
    {
    case WB_MONITOR_LEVEL_REGION:
      gtk_string_list_append (names, WB_MONITOR_REGION);
      g_ptr_array_add (self->area_keys, g_strdup (WB_MONITOR_REGION));
      g_ptr_array_add (self->area_subregions, NULL);
      break;

    case WB_MONITOR_LEVEL_SUBREGION:
      for (guint i = 0; wb_monitor_subregions[i] != NULL; i++)
        {
          gtk_string_list_append (names, wb_monitor_subregions[i]);
          g_ptr_array_add (self->area_keys, g_strdup (wb_monitor_subregions[i]));
          g_ptr_array_add (self->area_subregions, g_strdup (wb_monitor_subregions[i]));
        }
      break;

    case WB_MONITOR_LEVEL_MUNICIPALITY:
    case WB_MONITOR_LEVEL_ORGANISATION:
    case WB_MONITOR_N_LEVELS:
    default:
      resource = level == WB_MONITOR_LEVEL_MUNICIPALITY ? WB_RESOURCE_MUNICIPALITIES : WB_RESOURCE_ORGANISATIONS;
      records = self->session != NULL ? wb_session_get_lookup (self->session, resource) : NULL;
      for (guint i = 0; records != NULL && i < g_list_model_get_n_items (records); i++)
        {
          g_autoptr(WbRecord) record = g_list_model_get_item (records, i);
          const char *code = wb_record_get_string (record, "code");
          const char *region = wb_record_get_string (record, "region");

          /* An organisation of the whole region (the regional WSP) has no area of its own. */
          if (code == NULL || !wb_monitor_is_subregion (region))
            continue;
          gtk_string_list_append (names, wb_record_get_string (record, "name"));
          g_ptr_array_add (self->area_keys, g_strdup (code));
          g_ptr_array_add (self->area_subregions, g_strdup (region));
        }
      break;
    }

  self->filling = TRUE;
  gtk_drop_down_set_model (self->area_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->area_dropdown, 0);
  self->filling = FALSE;
}

/* Asking */

typedef struct {
  WbMonitorView *view;
  guint generation;
  Query query;
} Pending;

static void build (WbMonitorView *self);

static void
on_query_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Pending *pending = user_data;
  g_autoptr(WbMonitorView) self = pending->view;
  g_autoptr(GError) error = NULL;
  WbMonitorResult *answer = wb_api_client_monitor_finish (WB_API_CLIENT (source), result, &error);
  Query query = pending->query;
  guint generation = pending->generation;

  g_free (pending);
  if (generation != self->generation)
    {
      g_clear_pointer (&answer, wb_monitor_result_free);
      return;
    }
  if (answer == NULL)
    g_propagate_error (&self->errors[query], g_steal_pointer (&error));
  self->results[query] = answer;
  if (--self->pending == 0)
    build (self);
}

static void
ask (WbMonitorView   *self,
     Query            query,
     WbMonitorMetric  metric,
     WbMonitorLevel   level,
     const char      *key,
     WbPeriodKind     kind,
     int              from_year,
     int              to_year,
     WbMonitorDimension by,
     gboolean         filtered,
     const char      *client_group)
{
  WbMonitorQuery q;
  Pending *pending = g_new0 (Pending, 1);
  const WbMonitorMetricInfo *info = wb_monitor_metric_get_info (metric);

  wb_monitor_query_init (&q);
  q.metric = metric;
  q.level = level;
  q.period = kind;
  q.has_from = q.has_to = TRUE;
  q.from = (WbPeriod) { WB_PERIOD_YEAR, from_year, 0 };
  q.to = (WbPeriod) { WB_PERIOD_YEAR, to_year, 0 };
  q.key = g_strdup (key);
  q.by = by;
  if (client_group != NULL)
    q.client_group = g_strdup (client_group);
  else if (filtered && info->filters)
    {
      q.client_group = g_strdup (wb_filter_dropdown_get_value (self->group_dropdown));
      q.capacity_band = g_strdup (wb_filter_dropdown_get_value (self->band_dropdown));
    }

  pending->view = g_object_ref (self);
  pending->generation = self->generation;
  pending->query = query;
  self->pending++;
  wb_api_client_monitor_async (wb_session_get_api (self->session), &q, self->cancellable, on_query_done_cb, pending);
  wb_monitor_query_clear (&q);
}

static void
clear_results (WbMonitorView *self)
{
  for (guint i = 0; i < N_QUERIES; i++)
    {
      g_clear_pointer (&self->results[i], wb_monitor_result_free);
      g_clear_error (&self->errors[i]);
    }
}

static void
reload (WbMonitorView *self)
{
  WbMonitorLevel level = current_level (self);
  const char *key = current_key (self);
  WbPeriodKind kind = current_kind (self);
  int from, to;

  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->generation++;
  self->pending = 0;
  self->stale = FALSE;
  clear_results (self);
  if (self->session == NULL)
    {
      set_loading (self, FALSE);
      return;
    }

  self->cancellable = g_cancellable_new ();
  current_years (self, &from, &to);
  set_loading (self, TRUE);
  if (gtk_stack_get_visible_child_name (self->stack) == NULL ||
      !g_str_equal (gtk_stack_get_visible_child_name (self->stack), "content"))
    gtk_stack_set_visible_child_name (self->stack, "loading");

  ask (self, Q_FIGURE, current_figure (self), level, key, kind, from, to, WB_MONITOR_DIM_NONE, TRUE, NULL);
  ask (self, Q_INFLOW, WB_MONITOR_INFLOW, level, key, kind, from, to, WB_MONITOR_DIM_NONE, TRUE, NULL);
  ask (self, Q_TO_WORK, WB_MONITOR_TO_WORK, level, key, kind, from, to, WB_MONITOR_DIM_NONE, TRUE, NULL);
  ask (self, Q_DURABLE_6M, WB_MONITOR_DURABLE_6M, level, key, kind, from, to, WB_MONITOR_DIM_NONE, TRUE, NULL);
  ask (self, Q_DURABLE_12M, WB_MONITOR_DURABLE_12M, level, key, kind, from, to, WB_MONITOR_DIM_NONE, TRUE, NULL);
  ask (self, Q_PLACEMENTS, WB_MONITOR_PLACEMENTS, level, key, kind, from, to, WB_MONITOR_DIM_NONE, TRUE, NULL);
  ask (self, Q_CASELOAD, WB_MONITOR_CASELOAD, level, key, kind, from, to, WB_MONITOR_DIM_NONE, TRUE, NULL);
  ask (self, Q_POOL, WB_MONITOR_POOL, level, key, kind, from, to, WB_MONITOR_DIM_NONE, TRUE, NULL);
  ask (self, Q_STACKED, current_figure (self),
       level == WB_MONITOR_LEVEL_REGION ? WB_MONITOR_LEVEL_SUBREGION : WB_MONITOR_LEVEL_MUNICIPALITY,
       NULL, kind, from, to, WB_MONITOR_DIM_NONE, TRUE, NULL);
  ask (self, Q_VACANCIES, WB_MONITOR_VACANCIES_OPEN, level, key, kind, from, to, WB_MONITOR_DIM_SECTOR, FALSE, NULL);
  ask (self, Q_TENSION, WB_MONITOR_TENSION, level, key, kind, from, to, WB_MONITOR_DIM_SECTOR, FALSE, NULL);
  ask (self, Q_SUB_TO_WORK, WB_MONITOR_TO_WORK, WB_MONITOR_LEVEL_SUBREGION, NULL, kind, from, to,
       WB_MONITOR_DIM_NONE, TRUE, NULL);
  ask (self, Q_SUB_CASELOAD, WB_MONITOR_CASELOAD, WB_MONITOR_LEVEL_SUBREGION, NULL, kind, from, to,
       WB_MONITOR_DIM_NONE, TRUE, NULL);
  ask (self, Q_REGION_TO_WORK, WB_MONITOR_TO_WORK, WB_MONITOR_LEVEL_REGION, NULL, kind, from, to,
       WB_MONITOR_DIM_NONE, TRUE, NULL);
  ask (self, Q_REGION_CASELOAD, WB_MONITOR_CASELOAD, WB_MONITOR_LEVEL_REGION, NULL, kind, from, to,
       WB_MONITOR_DIM_NONE, TRUE, NULL);
  /* CBS publishes per year: the ten years up to the end of the range, where they overlap. */
  ask (self, Q_CBS_RECIPIENTS, WB_MONITOR_CBS_RECIPIENTS, level, key, WB_PERIOD_YEAR, to - N_YEARS + 1, to,
       WB_MONITOR_DIM_NONE, FALSE, NULL);
  ask (self, Q_CBS_TO_WORK, WB_MONITOR_CBS_TO_WORK, level, key, WB_PERIOD_YEAR, to - N_YEARS + 1, to,
       WB_MONITOR_DIM_NONE, FALSE, NULL);
  ask (self, Q_SYS_CASELOAD, WB_MONITOR_CASELOAD, level, key, WB_PERIOD_YEAR, to - N_YEARS + 1, to,
       WB_MONITOR_DIM_NONE, FALSE, "participatiewet");
  ask (self, Q_SYS_TO_WORK, WB_MONITOR_TO_WORK, level, key, WB_PERIOD_YEAR, to - N_YEARS + 1, to,
       WB_MONITOR_DIM_NONE, FALSE, "participatiewet");
}

static gboolean
reload_cb (gpointer user_data)
{
  WbMonitorView *self = user_data;

  self->reload_source = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

/* A change of filter asks again once the changes of one moment are in. */
static void
queue_reload (WbMonitorView *self)
{
  if (self->filling || self->session == NULL || self->reload_source != 0)
    return;
  /* A page nobody looks at asks nothing: the first question builds the server's index. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  self->reload_source = g_idle_add (reload_cb, self);
}

static void
wb_monitor_view_map (GtkWidget *widget)
{
  WbMonitorView *self = WB_MONITOR_VIEW (widget);

  GTK_WIDGET_CLASS (wb_monitor_view_parent_class)->map (widget);
  if (self->stale)
    queue_reload (self);
}

/* Showing */

/* The last point of a series that is known or hidden, rather than not yet known. */
static const WbMonitorPoint *
last_point (const WbMonitorSeries *series)
{
  for (guint p = series->points->len; p > 0; p--)
    {
      const WbMonitorPoint *point = &g_array_index (series->points, WbMonitorPoint, p - 1);

      if (point->has_value || wb_monitor_reason_is_suppression (point->reason))
        return point;
    }
  return NULL;
}

static const WbMonitorTarget *
target_of (const WbMonitorSeries *series,
           const WbPeriod        *period)
{
  for (guint t = 0; t < series->targets->len; t++)
    {
      const WbMonitorTarget *target = &g_array_index (series->targets, WbMonitorTarget, t);

      if (wb_period_equal (&target->period, period))
        return target;
    }
  return NULL;
}

static void
show_tile (WbMonitorView *self,
           guint          tile,
           const char    *key)
{
  const WbMonitorResult *result = self->results[tile_queries[tile].query];
  const WbMonitorSeries *series = result != NULL ? wb_monitor_result_find (result, key, NULL) : NULL;
  const WbMonitorPoint *point = series != NULL ? last_point (series) : NULL;
  const char *title = wb_monitor_metric_label (tile_queries[tile].metric);
  g_autofree char *value = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *period = NULL;
  g_autofree char *line = NULL;
  g_autofree char *accessible = NULL;

  if (point == NULL)
    {
      value = g_strdup ("–");
      detail = g_strdup (_("Not yet known"));
    }
  else
    {
      char text[WB_PERIOD_TEXT_SIZE];
      const WbMonitorTarget *target = target_of (series, &point->period);

      wb_period_format (&point->period, text);
      if (point->status == WB_MONITOR_STATUS_PROVISIONAL)
        {
          g_autofree char *words = wb_format_period (text, TRUE);

          /* TRANSLATORS: a period whose figure may still change: "Q4 2026 (provisional)" */
          period = g_strdup_printf (_("%s (provisional)"), words);
        }
      else
        period = wb_format_period (text, TRUE);
      if (point->has_value)
        value = wb_format_number (point->value, 0);
      else
        /* TRANSLATORS: a hidden small number on a key figure: fewer than 10 */
        value = g_strdup_printf (_("<%d"), WB_MONITOR_MIN_COUNT);

      if (target != NULL && point->has_value)
        {
          g_autofree char *goal = wb_format_number (target->value, 0);
          g_autofree char *difference = wb_format_number (ABS (point->value - target->value), 0);

          /* TRANSLATORS: a key figure against its target: the period, the target, the difference */
          detail = g_strdup_printf (point->value >= target->value ? _("%s · target %s, %s above") :
                                    _("%s · target %s, %s below"), period, goal, difference);
        }
      else if (target != NULL)
        {
          g_autofree char *goal = wb_format_number (target->value, 0);

          detail = g_strdup_printf (_("%s · target %s"), period, goal);
        }
      else if (!point->has_value)
        /* TRANSLATORS: a key figure that is hidden because it counts fewer than 10 persons */
        detail = g_strdup_printf (_("%s · hidden: fewer than %d persons"), period, WB_MONITOR_MIN_COUNT);
      else
        detail = g_strdup (period);
    }

  gtk_label_set_text (GTK_LABEL (self->tile_titles[tile]), title);
  gtk_label_set_text (GTK_LABEL (self->tile_values[tile]), value);
  gtk_label_set_text (GTK_LABEL (self->tile_details[tile]), detail);
  line = g_strdup_printf ("%s: %s (%s)", title, value, detail);
  /* A screen reader reads the tile as one sentence, "<10" as words. */
  accessible = point != NULL && !point->has_value ?
               g_strdup_printf ("%s: %s", title, detail) : g_strdup_printf ("%s: %s, %s", title, value, detail);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->tile_boxes[tile]),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  g_ptr_array_add (self->tile_texts, g_steal_pointer (&line));
}

static WbChartModel *
finish (WbChartBuilder             *builder,
        const WbMonitorResult      *result,
        const char                 *title,
        const char                 *definition,
        const char                 *source,
        gboolean                    suppressed)
{
  g_autoptr(WbExportInfo) info = wb_monitor_export_info (result, title, suppressed);

  if (definition != NULL)
    {
      g_free (info->definition);
      info->definition = g_strdup (definition);
    }
  if (source != NULL)
    {
      g_free (info->source);
      info->source = g_strdup (source);
    }
  wb_chart_builder_set_info (builder, info);
  return wb_chart_builder_end (builder);
}

static void
set_chart (WbMonitorView  *self,
           WbMonitorChart  chart,
           WbChartModel   *model)
{
  wb_chart_view_set_model (self->chart_views[chart], model);
  gtk_widget_set_visible (self->chart_children[chart], model != NULL);
  if (model != NULL)
    g_object_unref (model);
}

static gboolean
have (WbMonitorView *self,
      Query          first,
      Query          last)
{
  for (Query q = first; q <= last; q++)
    if (self->results[q] == NULL)
      return FALSE;
  return TRUE;
}

static WbChartModel *
build_over_time (WbMonitorView *self,
                 const char    *key)
{
  const WbMonitorResult *result = self->results[Q_FIGURE];
  const WbMonitorSeries *series;
  WbChartBuilder *builder;
  WbChartUnit unit;
  guint decimals;
  g_autofree char *title = NULL;

  if (result == NULL || (series = wb_monitor_result_find (result, key, NULL)) == NULL)
    return NULL;
  /* TRANSLATORS: a chart's title: the figure, then the area */
  title = g_strdup_printf (_("%s, %s"), wb_monitor_metric_label (result->metric), series->name);
  builder = wb_chart_builder_new (WB_CHART_KIND_LINE, title);
  wb_monitor_chart_unit (result->metric, &unit, &decimals);
  wb_chart_builder_set_unit (builder, unit, decimals);
  wb_chart_builder_set_value_title (builder, wb_monitor_metric_label (result->metric));
  wb_chart_builder_set_series_title (builder, _("Area"));
  wb_monitor_chart_add_series (builder, series, NULL, TRUE);
  return finish (builder, result, title, NULL, NULL, wb_monitor_result_has_suppressed (result));
}

static WbChartModel *
build_stacked (WbMonitorView *self)
{
  const WbMonitorResult *result = self->results[Q_STACKED];
  const char *subregion = current_subregion (self);
  GListModel *municipalities;
  WbChartBuilder *builder;
  WbChartUnit unit;
  guint decimals;
  gboolean by_subregion;
  gboolean suppressed = FALSE;
  g_autofree char *title = NULL;

  if (result == NULL)
    return NULL;
  by_subregion = result->level == WB_MONITOR_LEVEL_SUBREGION;
  if (by_subregion)
    /* TRANSLATORS: a chart's title: the figure, stacked by subregion */
    title = g_strdup_printf (_("%s by subregion"), wb_monitor_metric_label (result->metric));
  else
    /* TRANSLATORS: a chart's title: the figure, stacked by municipality, in a subregion */
    title = g_strdup_printf (_("%s by municipality, %s"), wb_monitor_metric_label (result->metric),
                             subregion != NULL ? subregion : WB_MONITOR_REGION);
  builder = wb_chart_builder_new (WB_CHART_KIND_STACKED_BAR, title);
  wb_monitor_chart_unit (result->metric, &unit, &decimals);
  wb_chart_builder_set_unit (builder, unit, decimals);
  wb_chart_builder_set_value_title (builder, wb_monitor_metric_label (result->metric));
  wb_chart_builder_set_series_title (builder, by_subregion ? _("Subregion") : _("Municipality"));
  municipalities = wb_session_get_lookup (self->session, WB_RESOURCE_MUNICIPALITIES);
  for (guint s = 0; s < result->series->len; s++)
    {
      const WbMonitorSeries *series = result->series->pdata[s];

      if (!by_subregion && subregion != NULL && municipalities != NULL)
        {
          gboolean inside = FALSE;

          for (guint i = 0; i < g_list_model_get_n_items (municipalities) && !inside; i++)
            {
              g_autoptr(WbRecord) record = g_list_model_get_item (municipalities, i);

              inside = g_strcmp0 (wb_record_get_string (record, "code"), series->key) == 0 &&
                       g_strcmp0 (wb_record_get_string (record, "region"), subregion) == 0;
            }
          if (!inside)
            continue;
        }
      for (guint p = 0; p < series->points->len && !suppressed; p++)
        suppressed = wb_monitor_reason_is_suppression (g_array_index (series->points, WbMonitorPoint, p).reason);
      wb_monitor_chart_add_series (builder, series, NULL, FALSE);
    }
  return finish (builder, result, title, NULL, NULL, suppressed);
}

static WbChartModel *
build_durable (WbMonitorView *self,
               const char    *key)
{
  const WbMonitorSeries *to_work, *six, *twelve;
  WbChartBuilder *builder;
  g_autofree char *title = NULL;
  g_autofree char *definition = NULL;

  if (!have (self, Q_TO_WORK, Q_DURABLE_12M) ||
      (to_work = wb_monitor_result_find (self->results[Q_TO_WORK], key, NULL)) == NULL ||
      (six = wb_monitor_result_find (self->results[Q_DURABLE_6M], key, NULL)) == NULL ||
      (twelve = wb_monitor_result_find (self->results[Q_DURABLE_12M], key, NULL)) == NULL)
    return NULL;
  /* TRANSLATORS: a chart's title: the durable outflow cohort of an area */
  title = g_strdup_printf (_("Durable outflow after 6 and 12 months, %s"), to_work->name);
  builder = wb_chart_builder_new (WB_CHART_KIND_BAR, title);
  wb_chart_builder_set_unit (builder, WB_CHART_UNIT_COUNT, 0);
  wb_chart_builder_set_value_title (builder, _("Persons"));
  wb_chart_builder_set_series_title (builder, _("Figure"));
  wb_monitor_chart_add_series (builder, to_work, wb_monitor_metric_label (WB_MONITOR_TO_WORK), FALSE);
  wb_monitor_chart_add_series (builder, six, wb_monitor_metric_label (WB_MONITOR_DURABLE_6M), FALSE);
  wb_monitor_chart_add_series (builder, twelve, wb_monitor_metric_label (WB_MONITOR_DURABLE_12M), FALSE);
  definition = g_strjoin (" ", wb_monitor_metric_get_definition (WB_MONITOR_TO_WORK),
                          wb_monitor_metric_get_definition (WB_MONITOR_DURABLE_6M),
                          wb_monitor_metric_get_definition (WB_MONITOR_DURABLE_12M), NULL);
  return finish (builder, self->results[Q_DURABLE_6M], title, definition, NULL,
                 wb_monitor_result_has_suppressed (self->results[Q_TO_WORK]) ||
                 wb_monitor_result_has_suppressed (self->results[Q_DURABLE_6M]) ||
                 wb_monitor_result_has_suppressed (self->results[Q_DURABLE_12M]));
}

/* Vacancies or tension by sector at the last period of the range; an opportunity sector
 * says so in words. */
static WbChartModel *
build_by_sector (WbMonitorView *self,
                 Query          query)
{
  const WbMonitorResult *result = self->results[query];
  WbChartBuilder *builder;
  WbChartUnit unit;
  guint decimals;
  guint index;
  g_autofree char *title = NULL;
  g_autofree char *period = NULL;
  char to_text[WB_PERIOD_TEXT_SIZE];

  if (result == NULL || result->series->len == 0)
    return NULL;
  wb_period_format (&result->to, to_text);
  period = wb_format_period (to_text, TRUE);
  /* TRANSLATORS: a chart's title: the figure by sector, the area, at the end of a period */
  title = g_strdup_printf (_("%s by sector, %s, end of %s"), wb_monitor_metric_label (result->metric),
                           current_area_name (self), period);
  builder = wb_chart_builder_new (WB_CHART_KIND_HORIZONTAL_BAR, title);
  wb_monitor_chart_unit (result->metric, &unit, &decimals);
  wb_chart_builder_set_unit (builder, unit, decimals);
  wb_chart_builder_set_value_title (builder, wb_monitor_metric_label (result->metric));
  wb_chart_builder_set_category_title (builder, _("Sector"));
  index = wb_chart_builder_add_series (builder, wb_monitor_metric_to_string (result->metric),
                                       wb_monitor_metric_label (result->metric));
  for (guint s = 0; s < result->series->len; s++)
    {
      const WbMonitorSeries *series = result->series->pdata[s];
      const WbMonitorPoint *point;
      g_autofree char *category = NULL;
      g_autofree char *reason = NULL;
      const char *label;

      if (series->by == NULL || series->points->len == 0)
        continue;
      point = &g_array_index (series->points, WbMonitorPoint, series->points->len - 1);
      label = wb_monitor_dimension_label (WB_MONITOR_DIM_SECTOR, series->by);
      /* TRANSLATORS: a sector the subregion has chosen to grow in ("kansensector") */
      category = series->opportunity ? g_strdup_printf (_("%s (opportunity sector)"), label) : g_strdup (label);
      if (point->has_value)
        wb_chart_builder_add_value (builder, index, category, point->value,
                                    point->status == WB_MONITOR_STATUS_PROVISIONAL ? WB_CHART_STATUS_PROVISIONAL :
                                    WB_CHART_STATUS_FINAL);
      else if (wb_monitor_reason_is_suppression (point->reason))
        {
          reason = wb_monitor_reason_describe (point->reason);
          wb_chart_builder_add_suppressed (builder, index, category, reason);
        }
      else
        {
          reason = wb_monitor_reason_describe (point->reason);
          wb_chart_builder_add_missing (builder, index, category, reason);
        }
    }
  return finish (builder, result, title, NULL, NULL, wb_monitor_result_has_suppressed (result));
}

/* Outflow to work per 100 in the caseload: the area, its subregion (or every subregion)
 * and the region, so that areas of different size compare. */
static WbChartModel *
build_compare (WbMonitorView *self,
               const char    *key)
{
  WbMonitorLevel level = current_level (self);
  const char *subregion = current_subregion (self);
  WbChartBuilder *builder;
  const WbMonitorSeries *top, *bottom;
  gboolean suppressed;
  g_autofree char *title = NULL;
  g_autofree char *definition = NULL;

  if (!have (self, Q_SUB_TO_WORK, Q_REGION_CASELOAD) || !have (self, Q_TO_WORK, Q_TO_WORK) ||
      !have (self, Q_CASELOAD, Q_CASELOAD))
    return NULL;
  /* TRANSLATORS: a chart's title: a rate compared between areas */
  title = g_strdup_printf (_("Outflow to work per 100 in the caseload: %s compared"), current_area_name (self));
  builder = wb_chart_builder_new (WB_CHART_KIND_LINE, title);
  wb_chart_builder_set_unit (builder, WB_CHART_UNIT_PERCENT, 1);
  wb_chart_builder_set_value_title (builder, _("Outflow to work per 100 in the caseload"));
  wb_chart_builder_set_series_title (builder, _("Area"));

  if (level == WB_MONITOR_LEVEL_MUNICIPALITY || level == WB_MONITOR_LEVEL_ORGANISATION)
    {
      top = wb_monitor_result_find (self->results[Q_TO_WORK], key, NULL);
      bottom = wb_monitor_result_find (self->results[Q_CASELOAD], key, NULL);
      if (top != NULL && bottom != NULL)
        wb_monitor_chart_add_rate (builder, top->key, top->name, top, bottom);
    }
  for (guint i = 0; wb_monitor_subregions[i] != NULL; i++)
    {
      if (subregion != NULL && !g_str_equal (subregion, wb_monitor_subregions[i]))
        continue;
      top = wb_monitor_result_find (self->results[Q_SUB_TO_WORK], wb_monitor_subregions[i], NULL);
      bottom = wb_monitor_result_find (self->results[Q_SUB_CASELOAD], wb_monitor_subregions[i], NULL);
      if (top != NULL && bottom != NULL)
        wb_monitor_chart_add_rate (builder, top->key, top->name, top, bottom);
    }
  top = wb_monitor_result_find (self->results[Q_REGION_TO_WORK], NULL, NULL);
  bottom = wb_monitor_result_find (self->results[Q_REGION_CASELOAD], NULL, NULL);
  if (top != NULL && bottom != NULL)
    wb_monitor_chart_add_rate (builder, top->key, top->name, top, bottom);

  suppressed = wb_monitor_result_has_suppressed (self->results[Q_TO_WORK]) ||
               wb_monitor_result_has_suppressed (self->results[Q_CASELOAD]) ||
               wb_monitor_result_has_suppressed (self->results[Q_SUB_TO_WORK]) ||
               wb_monitor_result_has_suppressed (self->results[Q_SUB_CASELOAD]);
  definition = g_strjoin (" ", _("The outflow to work in the period per 100 clients in the caseload at its end."),
                          wb_monitor_metric_get_definition (WB_MONITOR_TO_WORK),
                          wb_monitor_metric_get_definition (WB_MONITOR_CASELOAD), NULL);
  return finish (builder, self->results[Q_TO_WORK], title, definition, NULL, suppressed);
}

/* CBS's outflow to work per 100 recipients against the system's for social assistance,
 * per year: the years of both, and each where only one has figures. */
static WbChartModel *
build_cbs (WbMonitorView *self,
           const char    *key)
{
  const WbMonitorSeries *cbs_top, *cbs_bottom, *sys_top, *sys_bottom;
  WbChartBuilder *builder;
  g_autofree char *title = NULL;
  g_autofree char *definition = NULL;
  g_autofree char *source = NULL;

  if (!have (self, Q_CBS_RECIPIENTS, Q_SYS_TO_WORK) ||
      (cbs_top = wb_monitor_result_find (self->results[Q_CBS_TO_WORK], key, NULL)) == NULL ||
      (cbs_bottom = wb_monitor_result_find (self->results[Q_CBS_RECIPIENTS], key, NULL)) == NULL ||
      (sys_top = wb_monitor_result_find (self->results[Q_SYS_TO_WORK], key, NULL)) == NULL ||
      (sys_bottom = wb_monitor_result_find (self->results[Q_SYS_CASELOAD], key, NULL)) == NULL)
    return NULL;
  /* TRANSLATORS: a chart's title: the system's social-assistance figures against CBS's, for an area */
  title = g_strdup_printf (_("Social assistance: Werkbrug against CBS, %s"), cbs_top->name);
  builder = wb_chart_builder_new (WB_CHART_KIND_BAR, title);
  wb_chart_builder_set_unit (builder, WB_CHART_UNIT_PERCENT, 1);
  wb_chart_builder_set_value_title (builder, _("Outflow to work per 100 recipients"));
  wb_chart_builder_set_series_title (builder, _("Source"));
  wb_monitor_chart_add_rate (builder, "cbs", _("CBS: outflow to work per 100 recipients"), cbs_top, cbs_bottom);
  wb_monitor_chart_add_rate (builder, "werkbrug", _("Werkbrug: outflow to work per 100 in the caseload (Participation Act)"),
                             sys_top, sys_bottom);
  definition = g_strjoin (" ", wb_monitor_metric_get_definition (WB_MONITOR_CBS_TO_WORK),
                          wb_monitor_metric_get_definition (WB_MONITOR_CBS_RECIPIENTS),
                          wb_monitor_metric_get_definition (WB_MONITOR_TO_WORK),
                          wb_monitor_metric_get_definition (WB_MONITOR_CASELOAD), NULL);
  source = g_strdup_printf ("%s; %s", wb_monitor_metric_get_source (WB_MONITOR_CBS_TO_WORK),
                            wb_monitor_metric_get_source (WB_MONITOR_TO_WORK));
  return finish (builder, self->results[Q_CBS_TO_WORK], title, definition, source,
                 wb_monitor_result_has_suppressed (self->results[Q_SYS_TO_WORK]) ||
                 wb_monitor_result_has_suppressed (self->results[Q_SYS_CASELOAD]));
}

static void
build (WbMonitorView *self)
{
  const char *key = current_key (self);
  g_autoptr(GString) note = g_string_new (NULL);
  g_autofree char *heading = NULL;
  g_autofree char *range = NULL;

  set_loading (self, FALSE);

  /* Without the key figures there is no dashboard. */
  for (guint t = 0; t < G_N_ELEMENTS (tile_queries); t++)
    {
      const GError *error = self->errors[tile_queries[t].query];

      if (error != NULL)
        {
          adw_status_page_set_description (self->error_page, error->message);
          gtk_stack_set_visible_child_name (self->stack, "error");
          return;
        }
    }

  g_ptr_array_set_size (self->tile_texts, 0);
  for (guint t = 0; t < G_N_ELEMENTS (tile_queries); t++)
    show_tile (self, t, key);
  range = wb_monitor_range_words (self->results[Q_INFLOW]);
  /* TRANSLATORS: the heading of the key figures: the area, then the range */
  heading = g_strdup_printf (_("Key figures for %s, %s"), current_area_name (self), range);
  gtk_label_set_text (self->tiles_heading, heading);

  set_chart (self, WB_MONITOR_CHART_OVER_TIME, build_over_time (self, key));
  set_chart (self, WB_MONITOR_CHART_STACKED, build_stacked (self));
  set_chart (self, WB_MONITOR_CHART_DURABLE, build_durable (self, key));
  set_chart (self, WB_MONITOR_CHART_VACANCIES, build_by_sector (self, Q_VACANCIES));
  set_chart (self, WB_MONITOR_CHART_TENSION, build_by_sector (self, Q_TENSION));
  set_chart (self, WB_MONITOR_CHART_COMPARE, build_compare (self, key));
  set_chart (self, WB_MONITOR_CHART_CBS, build_cbs (self, key));

  for (guint q = 0; q < N_QUERIES; q++)
    if (self->errors[q] != NULL && !g_error_matches (self->errors[q], G_IO_ERROR, G_IO_ERROR_CANCELLED))
      {
        if (note->len == 0)
          g_string_append (note, _("Some charts could not be drawn:"));
        g_string_append_printf (note, " %s", self->errors[q]->message);
        break;
      }
  gtk_label_set_text (self->note_label, note->str);
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), note->len > 0);
  gtk_stack_set_visible_child_name (self->stack, "content");
}

/* Callbacks */

static void
on_level_changed_cb (GtkDropDown   *dropdown,
                     GParamSpec    *pspec,
                     WbMonitorView *self)
{
  if (self->filling)
    return;
  fill_areas (self);
  queue_reload (self);
}

static void
on_filter_changed_cb (GObject       *object,
                      GParamSpec    *pspec,
                      WbMonitorView *self)
{
  queue_reload (self);
}

static void
on_tables_toggled_cb (GtkToggleButton *button,
                      WbMonitorView   *self)
{
  for (guint c = 0; c < WB_MONITOR_N_CHARTS; c++)
    wb_chart_view_set_show_table (self->chart_views[c], gtk_toggle_button_get_active (button));
}

static void
on_retry_clicked_cb (GtkButton     *button,
                     WbMonitorView *self)
{
  reload (self);
}

/* Print and PDF */

static void
on_print_done_cb (GtkPrintOperation       *operation,
                  GtkPrintOperationResult  result,
                  WbMonitorView           *self)
{
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;

      gtk_print_operation_get_error (operation, &error);
      if (error != NULL)
        {
          g_autofree char *message = g_strdup_printf (_("Printing failed: %s"), error->message);

          report (self, message);
        }
    }
  if (self->printing == operation)
    g_clear_object (&self->printing);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  WbMonitorView *self = WB_MONITOR_VIEW (widget);
  g_autoptr(WbDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  if (self->printing != NULL || self->loading)
    return;
  document = wb_monitor_view_create_document (self);
  self->printing = wb_document_create_print_operation (document);
  gtk_print_operation_set_allow_async (self->printing, TRUE);
  g_signal_connect_object (self->printing, "done", G_CALLBACK (on_print_done_cb), self, 0);
  if (gtk_print_operation_run (self->printing, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (gtk_widget_get_root (widget)), &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autofree char *message = g_strdup_printf (_("Printing failed: %s"), error->message);

      report (self, message);
      g_clear_object (&self->printing);
    }
}

static void
on_pdf_chosen_cb (GtkNativeDialog *chooser,
                  int              response,
                  WbMonitorView   *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbDocument) document = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return;
  document = wb_monitor_view_create_document (self);
  if (!wb_document_write_pdf (document, path, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The export failed: %s"), error->message);

      report (self, message);
      return;
    }
  {
    g_autofree char *name = g_file_get_basename (file);
    g_autofree char *message = g_strdup_printf (_("Exported to %s"), name);

    report (self, message);
  }
}

static void
save_pdf_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  WbMonitorView *self = WB_MONITOR_VIEW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (self->chooser != NULL || self->loading)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Save the Dashboard as PDF"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_filter_set_name (filter, "PDF");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  /* TRANSLATORS: the file name of the dashboard's PDF: Monitor, then the area */
  name = g_strdup_printf (_("Monitor %s.pdf"), current_area_name (self));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_pdf_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Building the page */

static GtkWidget *
new_tile (WbMonitorView *self,
          guint          tile)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "wb-tile");
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  self->tile_titles[tile] = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->tile_titles[tile]), 0);
  gtk_label_set_wrap (GTK_LABEL (self->tile_titles[tile]), TRUE);
  gtk_widget_add_css_class (self->tile_titles[tile], "caption-heading");
  self->tile_values[tile] = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->tile_values[tile]), 0);
  gtk_widget_add_css_class (self->tile_values[tile], "title-1");
  gtk_widget_add_css_class (self->tile_values[tile], "numeric");
  self->tile_details[tile] = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->tile_details[tile]), 0);
  gtk_label_set_wrap (GTK_LABEL (self->tile_details[tile]), TRUE);
  gtk_widget_add_css_class (self->tile_details[tile], "caption");
  gtk_widget_add_css_class (self->tile_details[tile], "dim-label");
  gtk_box_append (GTK_BOX (box), self->tile_titles[tile]);
  gtk_box_append (GTK_BOX (box), self->tile_values[tile]);
  gtk_box_append (GTK_BOX (box), self->tile_details[tile]);
  self->tile_boxes[tile] = box;
  return box;
}

static void
build_filters (WbMonitorView *self)
{
  const char *figure_names[G_N_ELEMENTS (figures) + 1] = { NULL };
  const char *level_names[] = { _("Region"), _("Subregion"), _("Municipality"), _("Organisation"), NULL };
  const char *kind_names[] = { _("Per quarter"), _("Per year"), _("Per month"), NULL };
  g_autoptr(GtkStringList) years = gtk_string_list_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  const char * const *values;

  self->this_year = g_date_time_get_year (now);
  for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
    figure_names[i] = wb_monitor_metric_label (figures[i]);
  for (int y = self->this_year - N_YEARS + 1; y <= self->this_year; y++)
    {
      char text[8];

      g_snprintf (text, sizeof text, "%d", y);
      gtk_string_list_append (years, text);
    }

  self->figure_dropdown = string_dropdown (figure_names, _("Figure over time"), _("The figure shown over time"));
  self->level_dropdown = string_dropdown (level_names, _("Level"), _("Region, subregion, municipality or organisation"));
  self->area_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  wb_a11y_set_label (GTK_WIDGET (self->area_dropdown), _("Area"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->area_dropdown), _("The area the figures are for"));
  self->kind_dropdown = string_dropdown (kind_names, _("Period"), _("Count per month, quarter or year"));
  self->from_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (years)), NULL));
  wb_a11y_set_label (GTK_WIDGET (self->from_dropdown), _("From year"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->from_dropdown), _("The first year of the range"));
  self->to_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (years)), NULL));
  wb_a11y_set_label (GTK_WIDGET (self->to_dropdown), _("To year"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->to_dropdown), _("The last year of the range"));
  gtk_drop_down_set_selected (self->from_dropdown, N_YEARS - 5);
  gtk_drop_down_set_selected (self->to_dropdown, N_YEARS - 1);

  self->group_dropdown = wb_filter_dropdown_new (_("All client groups"), _("Client group"));
  values = wb_monitor_dimension_values (WB_MONITOR_DIM_CLIENT_GROUP);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    wb_filter_dropdown_add_choice (self->group_dropdown, wb_monitor_dimension_label (WB_MONITOR_DIM_CLIENT_GROUP, values[i]),
                                   values[i]);
  self->band_dropdown = wb_filter_dropdown_new (_("All work capacities"), _("Work capacity band"));
  values = wb_monitor_dimension_values (WB_MONITOR_DIM_CAPACITY_BAND);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    if (!g_str_equal (values[i], "unknown"))
      wb_filter_dropdown_add_choice (self->band_dropdown,
                                     wb_monitor_dimension_label (WB_MONITOR_DIM_CAPACITY_BAND, values[i]), values[i]);

  add_filter (self, GTK_WIDGET (self->level_dropdown));
  add_filter (self, GTK_WIDGET (self->area_dropdown));
  add_filter (self, GTK_WIDGET (self->kind_dropdown));
  add_filter (self, GTK_WIDGET (self->from_dropdown));
  add_filter (self, GTK_WIDGET (self->to_dropdown));
  add_filter (self, GTK_WIDGET (self->figure_dropdown));
  add_filter (self, GTK_WIDGET (self->group_dropdown));
  add_filter (self, GTK_WIDGET (self->band_dropdown));

  fill_areas (self);
  g_signal_connect (self->level_dropdown, "notify::selected", G_CALLBACK (on_level_changed_cb), self);
  g_signal_connect (self->area_dropdown, "notify::selected", G_CALLBACK (on_filter_changed_cb), self);
  g_signal_connect (self->kind_dropdown, "notify::selected", G_CALLBACK (on_filter_changed_cb), self);
  g_signal_connect (self->from_dropdown, "notify::selected", G_CALLBACK (on_filter_changed_cb), self);
  g_signal_connect (self->to_dropdown, "notify::selected", G_CALLBACK (on_filter_changed_cb), self);
  g_signal_connect (self->figure_dropdown, "notify::selected", G_CALLBACK (on_filter_changed_cb), self);
  g_signal_connect (self->group_dropdown, "notify::selected", G_CALLBACK (on_filter_changed_cb), self);
  g_signal_connect (self->band_dropdown, "notify::selected", G_CALLBACK (on_filter_changed_cb), self);
}

/* GObject */

static void
wb_monitor_view_dispose (GObject *object)
{
  WbMonitorView *self = (WbMonitorView *) object;

  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->printing);
  gtk_widget_dispose_template (GTK_WIDGET (self), WB_TYPE_MONITOR_VIEW);
  g_clear_object (&self->session);
  clear_results (self);

  G_OBJECT_CLASS (wb_monitor_view_parent_class)->dispose (object);
}

static void
wb_monitor_view_finalize (GObject *object)
{
  WbMonitorView *self = (WbMonitorView *) object;

  g_clear_pointer (&self->area_keys, g_ptr_array_unref);
  g_clear_pointer (&self->area_subregions, g_ptr_array_unref);
  g_clear_pointer (&self->tile_texts, g_ptr_array_unref);

  G_OBJECT_CLASS (wb_monitor_view_parent_class)->finalize (object);
}

static void
wb_monitor_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  WbMonitorView *self = WB_MONITOR_VIEW (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_monitor_view_class_init (WbMonitorViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wb_monitor_view_dispose;
  object_class->finalize = wb_monitor_view_finalize;
  object_class->get_property = wb_monitor_view_get_property;
  widget_class->map = wb_monitor_view_map;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/nl/werkbrug/Werkbrug/ui/wb-monitor-view.ui");
  gtk_widget_class_bind_template_child (widget_class, WbMonitorView, scrolled);
  gtk_widget_class_bind_template_child (widget_class, WbMonitorView, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, WbMonitorView, filters);
  gtk_widget_class_bind_template_child (widget_class, WbMonitorView, table_button);
  gtk_widget_class_bind_template_child (widget_class, WbMonitorView, output_button);
  gtk_widget_class_bind_template_child (widget_class, WbMonitorView, stack);
  gtk_widget_class_bind_template_child (widget_class, WbMonitorView, spinner);
  gtk_widget_class_bind_template_child (widget_class, WbMonitorView, error_page);
  gtk_widget_class_bind_template_child (widget_class, WbMonitorView, retry_button);
  gtk_widget_class_bind_template_child (widget_class, WbMonitorView, tiles_heading);
  gtk_widget_class_bind_template_child (widget_class, WbMonitorView, tiles);
  gtk_widget_class_bind_template_child (widget_class, WbMonitorView, note_label);
  gtk_widget_class_bind_template_child (widget_class, WbMonitorView, charts);

  gtk_widget_class_install_action (widget_class, "monitor.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "monitor.save-pdf", NULL, save_pdf_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "wbmonitorview");
}

static void
wb_monitor_view_init (WbMonitorView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  self->area_keys = g_ptr_array_new_with_free_func (g_free);
  self->area_subregions = g_ptr_array_new_with_free_func (g_free);
  self->tile_texts = g_ptr_array_new_with_free_func (g_free);

  wb_a11y_set_label (GTK_WIDGET (self->output_button), _("Print or save the dashboard"));
  /* Its word where it fits, else a table's icon (the name and tooltip keep the words): in
   * Dutch the filters beside it took the bar past 360 px. */
  {
    GtkWidget *squeezer = adw_squeezer_new ();
    GtkWidget *label = gtk_label_new_with_mnemonic (gtk_button_get_label (GTK_BUTTON (self->table_button)));
    GtkWidget *icon = gtk_image_new_from_icon_name ("view-grid-symbolic");

    adw_squeezer_set_transition_type (ADW_SQUEEZER (squeezer), ADW_SQUEEZER_TRANSITION_TYPE_NONE);
    adw_squeezer_set_switch_threshold_policy (ADW_SQUEEZER (squeezer), ADW_FOLD_THRESHOLD_POLICY_NATURAL);
    adw_squeezer_add (ADW_SQUEEZER (squeezer), label);
    adw_squeezer_add (ADW_SQUEEZER (squeezer), icon);
    gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self->table_button));
    gtk_button_set_child (GTK_BUTTON (self->table_button), squeezer);
  }
  wb_a11y_set_label (GTK_WIDGET (self->table_button), _("Show all figures as tables"));
  wb_a11y_set_label (GTK_WIDGET (self->retry_button), _("Load the figures again"));
  g_signal_connect (self->table_button, "toggled", G_CALLBACK (on_tables_toggled_cb), self);
  g_signal_connect (self->retry_button, "clicked", G_CALLBACK (on_retry_clicked_cb), self);

  for (guint t = 0; t < G_N_ELEMENTS (tile_queries); t++)
    {
      gtk_flow_box_append (self->tiles, new_tile (self, t));
      gtk_widget_set_focusable (gtk_widget_get_parent (self->tile_boxes[t]), FALSE);
    }
  for (guint c = 0; c < WB_MONITOR_N_CHARTS; c++)
    {
      GtkWidget *view = wb_chart_view_new ();

      gtk_widget_set_size_request (view, -1, 320);
      gtk_flow_box_append (self->charts, view);
      self->chart_views[c] = WB_CHART_VIEW (view);
      self->chart_children[c] = gtk_widget_get_parent (view);
      gtk_widget_set_focusable (self->chart_children[c], FALSE);
      gtk_widget_set_visible (self->chart_children[c], FALSE);
    }
  build_filters (self);
  gtk_stack_set_visible_child_name (self->stack, "loading");
}

/* Public API */

GtkWidget *
wb_monitor_view_new (void)
{
  return g_object_new (WB_TYPE_MONITOR_VIEW, NULL);
}

void
wb_monitor_view_set_session (WbMonitorView *self,
                             WbSession     *session)
{
  g_return_if_fail (WB_IS_MONITOR_VIEW (self));
  g_return_if_fail (session == NULL || WB_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;
  if (session != NULL)
    {
      const char *name = wb_record_get_string (wb_session_get_me (session), "display_name");

      for (guint c = 0; c < WB_MONITOR_N_CHARTS; c++)
        wb_chart_view_set_printed_by (self->chart_views[c], name);
    }
  self->filling = TRUE;
  gtk_drop_down_set_selected (self->level_dropdown, 0);
  self->filling = FALSE;
  fill_areas (self);
  if (session == NULL)
    reload (self);
  else
    queue_reload (self);
}

gboolean
wb_monitor_view_get_loading (WbMonitorView *self)
{
  g_return_val_if_fail (WB_IS_MONITOR_VIEW (self), FALSE);
  return self->loading;
}

WbChartView *
wb_monitor_view_get_chart_view (WbMonitorView  *self,
                                WbMonitorChart  chart)
{
  g_return_val_if_fail (WB_IS_MONITOR_VIEW (self), NULL);
  g_return_val_if_fail (chart < WB_MONITOR_N_CHARTS, NULL);
  return self->chart_views[chart];
}

char **
wb_monitor_view_dup_tile_texts (WbMonitorView *self)
{
  GStrvBuilder *builder;
  char **texts;

  g_return_val_if_fail (WB_IS_MONITOR_VIEW (self), NULL);

  builder = g_strv_builder_new ();
  for (guint i = 0; i < self->tile_texts->len; i++)
    g_strv_builder_add (builder, self->tile_texts->pdata[i]);
  texts = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return texts;
}

void
wb_monitor_view_set_area (WbMonitorView  *self,
                          WbMonitorLevel  level,
                          const char     *key)
{
  g_return_if_fail (WB_IS_MONITOR_VIEW (self));

  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    if (levels[i] == level)
      {
        self->filling = TRUE;
        gtk_drop_down_set_selected (self->level_dropdown, i);
        self->filling = FALSE;
      }
  fill_areas (self);
  for (guint i = 0; key != NULL && i < self->area_keys->len; i++)
    if (g_strcmp0 (self->area_keys->pdata[i], key) == 0)
      {
        self->filling = TRUE;
        gtk_drop_down_set_selected (self->area_dropdown, i);
        self->filling = FALSE;
      }
  queue_reload (self);
}

void
wb_monitor_view_set_range (WbMonitorView *self,
                           WbPeriodKind   kind,
                           int            from_year,
                           int            to_year)
{
  int first = self->this_year - N_YEARS + 1;

  g_return_if_fail (WB_IS_MONITOR_VIEW (self));

  self->filling = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (kinds[i] == kind)
      gtk_drop_down_set_selected (self->kind_dropdown, i);
  gtk_drop_down_set_selected (self->from_dropdown, CLAMP (from_year - first, 0, N_YEARS - 1));
  gtk_drop_down_set_selected (self->to_dropdown, CLAMP (to_year - first, 0, N_YEARS - 1));
  self->filling = FALSE;
  queue_reload (self);
}

void
wb_monitor_view_set_figure (WbMonitorView   *self,
                            WbMonitorMetric  metric)
{
  g_return_if_fail (WB_IS_MONITOR_VIEW (self));

  for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
    if (figures[i] == metric)
      gtk_drop_down_set_selected (self->figure_dropdown, i);
}

void
wb_monitor_view_set_client_filter (WbMonitorView *self,
                                   const char    *client_group,
                                   const char    *capacity_band)
{
  g_return_if_fail (WB_IS_MONITOR_VIEW (self));

  self->filling = TRUE;
  if (client_group == NULL || !wb_filter_dropdown_select_value (self->group_dropdown, client_group))
    wb_filter_dropdown_set_selected (self->group_dropdown, 0);
  if (capacity_band == NULL || !wb_filter_dropdown_select_value (self->band_dropdown, capacity_band))
    wb_filter_dropdown_set_selected (self->band_dropdown, 0);
  self->filling = FALSE;
  queue_reload (self);
}

WbDocument *
wb_monitor_view_create_document (WbMonitorView *self)
{
  WbDocument *document;
  g_autofree char *title = NULL;
  g_autoptr(GString) filters = g_string_new (NULL);
  const char *group, *band;
  int from, to;

  g_return_val_if_fail (WB_IS_MONITOR_VIEW (self), NULL);

  /* TRANSLATORS: the title of the dashboard's print: the area */
  title = g_strdup_printf (_("Labour-market monitor %s"), current_area_name (self));
  document = wb_document_new (title);
  wb_document_set_landscape (document, TRUE);
  if (self->session != NULL)
    wb_document_set_printed_by (document, wb_record_get_string (wb_session_get_me (self->session), "display_name"));

  current_years (self, &from, &to);
  group = wb_filter_dropdown_get_value (self->group_dropdown);
  band = wb_filter_dropdown_get_value (self->band_dropdown);
  /* TRANSLATORS: the filters of the print in words: area, years, period kind */
  g_string_printf (filters, _("Area: %s. Years: %d – %d, %s."), current_area_name (self), from, to,
                   wb_monitor_period_kind_words (current_kind (self)));
  if (group != NULL)
    g_string_append_printf (filters, " %s: %s.", _("Client group"),
                            wb_monitor_dimension_label (WB_MONITOR_DIM_CLIENT_GROUP, group));
  if (band != NULL)
    g_string_append_printf (filters, " %s: %s.", _("Work capacity band"),
                            wb_monitor_dimension_label (WB_MONITOR_DIM_CAPACITY_BAND, band));
  wb_document_add_paragraph (document, filters->str);

  if (self->tile_texts->len > 0)
    {
      wb_document_add_heading (document, gtk_label_get_text (self->tiles_heading));
      for (guint i = 0; i < self->tile_texts->len; i++)
        wb_document_add_paragraph (document, self->tile_texts->pdata[i]);
    }
  for (guint c = 0; c < WB_MONITOR_N_CHARTS; c++)
    {
      WbChartModel *model = wb_chart_view_get_model (self->chart_views[c]);

      if (model == NULL || !gtk_widget_get_visible (self->chart_children[c]))
        continue;
      wb_document_add_heading (document, wb_chart_model_get_title (model));
      wb_document_add_chart (document, model, 0);
    }
  return document;
}
