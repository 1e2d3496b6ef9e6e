/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-chart-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "wb-chart-model.h"
#include "wb-format.h"

typedef struct {
  char *key;
  char *name;
  gboolean is_target;
  int partner;
  guint style_index;
  WbChartPoint *points;   /* one per period */
} Series;

struct _WbChartModel
{
  GObject parent_instance;

  WbChartKind kind;
  char *title;
  char *value_title;
  char *series_title;
  char *category_title;
  WbChartUnit unit;
  guint decimals;
  WbExportInfo *info;

  gboolean has_periods;
  GPtrArray *periods;       /* char *, keys */
  GPtrArray *short_labels;  /* char * */
  GPtrArray *long_labels;   /* char * */
  GPtrArray *series;        /* Series * */
  GStringChunk *strings;    /* the reasons the points point to */
  guint n_data_series;
};

G_DEFINE_FINAL_TYPE (WbChartModel, wb_chart_model, G_TYPE_OBJECT)

typedef struct {
  guint series;
  char *period;
  double value;
  gboolean has_value;
  gboolean suppressed;
  char *reason;
  WbChartStatus status;
} Pending;

struct _WbChartBuilder
{
  WbChartModel *model;
  GArray *pending;          /* Pending */
  GPtrArray *period_order;  /* char *, as first given */
  GHashTable *seen;         /* period -> itself */
};

static void
series_free (gpointer data)
{
  Series *series = data;

  g_free (series->key);
  g_free (series->name);
  g_free (series->points);
  g_free (series);
}

static void
clear_pending (gpointer data)
{
  Pending *pending = data;

  g_free (pending->period);
  g_free (pending->reason);
}

static Series *
get_series (WbChartModel *self,
            guint         series)
{
  g_return_val_if_fail (series < self->series->len, NULL);
  return self->series->pdata[series];
}

/* GObject */

static void
wb_chart_model_finalize (GObject *object)
{
  WbChartModel *self = (WbChartModel *) object;

  g_free (self->title);
  g_free (self->value_title);
  g_free (self->series_title);
  g_free (self->category_title);
  g_clear_pointer (&self->info, wb_export_info_free);
  g_ptr_array_unref (self->periods);
  g_ptr_array_unref (self->short_labels);
  g_ptr_array_unref (self->long_labels);
  g_ptr_array_unref (self->series);
  g_string_chunk_free (self->strings);

  G_OBJECT_CLASS (wb_chart_model_parent_class)->finalize (object);
}

static void
wb_chart_model_class_init (WbChartModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wb_chart_model_finalize;
}

static void
wb_chart_model_init (WbChartModel *self)
{
  self->periods = g_ptr_array_new_with_free_func (g_free);
  self->short_labels = g_ptr_array_new_with_free_func (g_free);
  self->long_labels = g_ptr_array_new_with_free_func (g_free);
  self->series = g_ptr_array_new_with_free_func (series_free);
  self->strings = g_string_chunk_new (256);
  self->info = wb_export_info_new ();
}

/* The builder */

WbChartBuilder *
wb_chart_builder_new (WbChartKind  kind,
                      const char  *title)
{
  WbChartBuilder *builder = g_new0 (WbChartBuilder, 1);

  builder->model = g_object_new (WB_TYPE_CHART_MODEL, NULL);
  builder->model->kind = kind;
  builder->model->title = g_strdup (title != NULL ? title : "");
  builder->pending = g_array_new (FALSE, TRUE, sizeof (Pending));
  g_array_set_clear_func (builder->pending, clear_pending);
  builder->period_order = g_ptr_array_new_with_free_func (g_free);
  builder->seen = g_hash_table_new (g_str_hash, g_str_equal);
  return builder;
}

void
wb_chart_builder_free (WbChartBuilder *builder)
{
  if (builder == NULL)
    return;
  g_clear_object (&builder->model);
  g_array_unref (builder->pending);
  g_hash_table_unref (builder->seen);
  g_ptr_array_unref (builder->period_order);
  g_free (builder);
}

void
wb_chart_builder_set_value_title (WbChartBuilder *builder,
                                  const char     *title)
{
  g_return_if_fail (builder != NULL);
  g_free (builder->model->value_title);
  builder->model->value_title = g_strdup (title);
}

void
wb_chart_builder_set_series_title (WbChartBuilder *builder,
                                   const char     *title)
{
  g_return_if_fail (builder != NULL);
  g_free (builder->model->series_title);
  builder->model->series_title = g_strdup (title);
}

void
wb_chart_builder_set_category_title (WbChartBuilder *builder,
                                     const char     *title)
{
  g_return_if_fail (builder != NULL);
  g_free (builder->model->category_title);
  builder->model->category_title = g_strdup (title);
}

void
wb_chart_builder_set_unit (WbChartBuilder *builder,
                           WbChartUnit     unit,
                           guint           decimals)
{
  g_return_if_fail (builder != NULL);
  builder->model->unit = unit;
  builder->model->decimals = MIN (decimals, 6u);
}

void
wb_chart_builder_set_info (WbChartBuilder     *builder,
                           const WbExportInfo *info)
{
  g_return_if_fail (builder != NULL);
  g_return_if_fail (info != NULL);

  g_clear_pointer (&builder->model->info, wb_export_info_free);
  builder->model->info = wb_export_info_copy (info);
}

static guint
add_series (WbChartBuilder *builder,
            const char     *key,
            const char     *name,
            gboolean        is_target,
            int             partner)
{
  Series *series = g_new0 (Series, 1);

  series->key = g_strdup (key != NULL ? key : "");
  series->name = g_strdup (name != NULL ? name : series->key);
  series->is_target = is_target;
  series->partner = partner;
  if (!is_target)
    series->style_index = builder->model->n_data_series++;
  g_ptr_array_add (builder->model->series, series);
  return builder->model->series->len - 1;
}

guint
wb_chart_builder_add_series (WbChartBuilder *builder,
                             const char     *key,
                             const char     *name)
{
  g_return_val_if_fail (builder != NULL, 0);
  return add_series (builder, key, name, FALSE, -1);
}

guint
wb_chart_builder_add_target (WbChartBuilder *builder,
                             int             for_series,
                             const char     *name)
{
  WbChartModel *model;
  g_autofree char *key = NULL;
  guint index;

  g_return_val_if_fail (builder != NULL, 0);
  model = builder->model;
  g_return_val_if_fail (for_series < (int) model->series->len, 0);
  g_return_val_if_fail (for_series < 0 || !get_series (model, (guint) for_series)->is_target, 0);

  key = for_series >= 0 ? g_strconcat (get_series (model, (guint) for_series)->key, "/target", NULL)
                        : g_strdup ("target");
  index = add_series (builder, key, name != NULL ? name : _("Target"), TRUE, for_series);
  if (for_series >= 0)
    get_series (model, (guint) for_series)->partner = (int) index;
  return index;
}

static void
add_pending (WbChartBuilder *builder,
             guint           series,
             const char     *period,
             Pending        *pending)
{
  g_return_if_fail (builder != NULL);
  g_return_if_fail (series < builder->model->series->len);
  g_return_if_fail (period != NULL);

  pending->series = series;
  pending->period = g_strdup (period);
  if (!g_hash_table_contains (builder->seen, period))
    {
      char *copy = g_strdup (period);

      g_ptr_array_add (builder->period_order, copy);
      g_hash_table_add (builder->seen, copy);
    }
  g_array_append_vals (builder->pending, pending, 1);
}

void
wb_chart_builder_add_value (WbChartBuilder *builder,
                            guint           series,
                            const char     *period,
                            double          value,
                            WbChartStatus   status)
{
  Pending pending = { .value = value, .has_value = isfinite (value), .status = status };

  add_pending (builder, series, period, &pending);
}

void
wb_chart_builder_add_suppressed (WbChartBuilder *builder,
                                 guint           series,
                                 const char     *period,
                                 const char     *reason)
{
  Pending pending = { .suppressed = TRUE, .reason = g_strdup (reason) };

  add_pending (builder, series, period, &pending);
}

void
wb_chart_builder_add_missing (WbChartBuilder *builder,
                              guint           series,
                              const char     *period,
                              const char     *reason)
{
  Pending pending = { .reason = g_strdup (reason) };

  add_pending (builder, series, period, &pending);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

WbChartModel *
wb_chart_builder_end (WbChartBuilder *builder)
{
  WbChartModel *model;
  g_autoptr(GHashTable) index = NULL;
  WbPeriodKind kind = WB_PERIOD_YEAR;

  g_return_val_if_fail (builder != NULL, NULL);
  model = builder->model;

  /* Periods when every key is a period of one kind, sorted; categories otherwise. */
  model->has_periods = builder->period_order->len > 0;
  for (guint i = 0; i < builder->period_order->len; i++)
    {
      WbPeriod period;

      if (!wb_period_parse (builder->period_order->pdata[i], &period) || (i > 0 && period.kind != kind))
        model->has_periods = FALSE;
      kind = period.kind;
    }
  if (model->has_periods)
    g_ptr_array_sort (builder->period_order, compare_strings);

  index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < builder->period_order->len; i++)
    {
      const char *key = builder->period_order->pdata[i];

      g_ptr_array_add (model->periods, g_strdup (key));
      g_ptr_array_add (model->short_labels, wb_format_period (key, FALSE));
      g_ptr_array_add (model->long_labels, wb_format_period (key, TRUE));
      g_hash_table_insert (index, model->periods->pdata[i], GUINT_TO_POINTER (i));
    }

  for (guint s = 0; s < model->series->len; s++)
    {
      Series *series = model->series->pdata[s];

      series->points = g_new0 (WbChartPoint, MAX (model->periods->len, 1));
      for (guint p = 0; p < model->periods->len; p++)
        series->points[p].period = model->periods->pdata[p];
    }
  for (guint i = 0; i < builder->pending->len; i++)
    {
      Pending *pending = &g_array_index (builder->pending, Pending, i);
      guint p = GPOINTER_TO_UINT (g_hash_table_lookup (index, pending->period));
      WbChartPoint *point = &get_series (model, pending->series)->points[p];

      point->value = pending->has_value ? pending->value : 0;
      point->has_value = pending->has_value;
      point->suppressed = pending->suppressed;
      point->status = pending->status;
      point->reason = pending->reason != NULL ? g_string_chunk_insert (model->strings, pending->reason) : NULL;
    }

  if (model->info->title == NULL)
    model->info->title = g_strdup (model->title);

  builder->model = NULL;
  wb_chart_builder_free (builder);
  return model;
}

/* Reading the model */

WbChartKind
wb_chart_model_get_kind (WbChartModel *self)
{
  g_return_val_if_fail (WB_IS_CHART_MODEL (self), WB_CHART_KIND_LINE);
  return self->kind;
}

const char *
wb_chart_model_get_title (WbChartModel *self)
{
  g_return_val_if_fail (WB_IS_CHART_MODEL (self), NULL);
  return self->title;
}

const char *
wb_chart_model_get_value_title (WbChartModel *self)
{
  g_return_val_if_fail (WB_IS_CHART_MODEL (self), NULL);
  return self->value_title != NULL ? self->value_title : self->title;
}

const char *
wb_chart_model_get_series_title (WbChartModel *self)
{
  g_return_val_if_fail (WB_IS_CHART_MODEL (self), NULL);
  return self->series_title != NULL ? self->series_title : _("Series");
}

WbChartUnit
wb_chart_model_get_unit (WbChartModel *self)
{
  g_return_val_if_fail (WB_IS_CHART_MODEL (self), WB_CHART_UNIT_COUNT);
  return self->unit;
}

guint
wb_chart_model_get_decimals (WbChartModel *self)
{
  g_return_val_if_fail (WB_IS_CHART_MODEL (self), 0);
  return self->decimals;
}

const WbExportInfo *
wb_chart_model_get_info (WbChartModel *self)
{
  g_return_val_if_fail (WB_IS_CHART_MODEL (self), NULL);
  return self->info;
}

gboolean
wb_chart_model_has_periods (WbChartModel *self)
{
  g_return_val_if_fail (WB_IS_CHART_MODEL (self), FALSE);
  return self->has_periods;
}

guint
wb_chart_model_get_n_periods (WbChartModel *self)
{
  g_return_val_if_fail (WB_IS_CHART_MODEL (self), 0);
  return self->periods->len;
}

const char *
wb_chart_model_get_period (WbChartModel *self,
                           guint         period)
{
  g_return_val_if_fail (WB_IS_CHART_MODEL (self), NULL);
  g_return_val_if_fail (period < self->periods->len, NULL);
  return self->periods->pdata[period];
}

const char *
wb_chart_model_get_period_label (WbChartModel *self,
                                 guint         period,
                                 gboolean      long_form)
{
  g_return_val_if_fail (WB_IS_CHART_MODEL (self), NULL);
  g_return_val_if_fail (period < self->periods->len, NULL);
  return (long_form ? self->long_labels : self->short_labels)->pdata[period];
}

guint
wb_chart_model_get_n_series (WbChartModel *self)
{
  g_return_val_if_fail (WB_IS_CHART_MODEL (self), 0);
  return self->series->len;
}

guint
wb_chart_model_get_n_data_series (WbChartModel *self)
{
  g_return_val_if_fail (WB_IS_CHART_MODEL (self), 0);
  return self->n_data_series;
}

const char *
wb_chart_model_get_series_key (WbChartModel *self,
                               guint         series)
{
  g_return_val_if_fail (WB_IS_CHART_MODEL (self), NULL);
  g_return_val_if_fail (series < self->series->len, NULL);
  return get_series (self, series)->key;
}

const char *
wb_chart_model_get_series_name (WbChartModel *self,
                                guint         series)
{
  g_return_val_if_fail (WB_IS_CHART_MODEL (self), NULL);
  g_return_val_if_fail (series < self->series->len, NULL);
  return get_series (self, series)->name;
}

gboolean
wb_chart_model_series_is_target (WbChartModel *self,
                                 guint         series)
{
  g_return_val_if_fail (WB_IS_CHART_MODEL (self), FALSE);
  g_return_val_if_fail (series < self->series->len, FALSE);
  return get_series (self, series)->is_target;
}

int
wb_chart_model_get_series_partner (WbChartModel *self,
                                   guint         series)
{
  g_return_val_if_fail (WB_IS_CHART_MODEL (self), -1);
  g_return_val_if_fail (series < self->series->len, -1);
  return get_series (self, series)->partner;
}

guint
wb_chart_model_get_series_style_index (WbChartModel *self,
                                       guint         series)
{
  Series *s;

  g_return_val_if_fail (WB_IS_CHART_MODEL (self), 0);
  g_return_val_if_fail (series < self->series->len, 0);

  s = get_series (self, series);
  if (s->is_target && s->partner >= 0)
    return get_series (self, (guint) s->partner)->style_index;
  return s->style_index;
}

const WbChartPoint *
wb_chart_model_get_point (WbChartModel *self,
                          guint         series,
                          guint         period)
{
  g_return_val_if_fail (WB_IS_CHART_MODEL (self), NULL);
  g_return_val_if_fail (series < self->series->len, NULL);
  g_return_val_if_fail (period < self->periods->len, NULL);
  return &get_series (self, series)->points[period];
}

gboolean
wb_chart_model_has_status (WbChartModel  *self,
                           WbChartStatus  status)
{
  g_return_val_if_fail (WB_IS_CHART_MODEL (self), FALSE);

  for (guint s = 0; s < self->series->len; s++)
    for (guint p = 0; p < self->periods->len; p++)
      {
        const WbChartPoint *point = &get_series (self, s)->points[p];

        if (point->has_value && point->status == status && !get_series (self, s)->is_target)
          return TRUE;
      }
  return FALSE;
}

guint
wb_chart_model_get_n_suppressed (WbChartModel *self)
{
  guint n = 0;

  g_return_val_if_fail (WB_IS_CHART_MODEL (self), 0);

  for (guint s = 0; s < self->series->len; s++)
    for (guint p = 0; p < self->periods->len; p++)
      n += get_series (self, s)->points[p].suppressed ? 1 : 0;
  return n;
}

gboolean
wb_chart_model_has_targets (WbChartModel *self)
{
  g_return_val_if_fail (WB_IS_CHART_MODEL (self), FALSE);
  return self->series->len > self->n_data_series;
}

void
wb_chart_model_get_range (WbChartModel *self,
                          double       *min,
                          double       *max)
{
  double lo = 0, hi = 0;

  g_return_if_fail (WB_IS_CHART_MODEL (self));

  for (guint p = 0; p < self->periods->len; p++)
    {
      double up = 0, down = 0;

      for (guint s = 0; s < self->series->len; s++)
        {
          Series *series = get_series (self, s);
          const WbChartPoint *point = &series->points[p];

          if (!point->has_value)
            continue;
          if (self->kind == WB_CHART_KIND_STACKED_BAR && !series->is_target)
            {
              if (point->value >= 0)
                up += point->value;
              else
                down += point->value;
            }
          else
            {
              lo = MIN (lo, point->value);
              hi = MAX (hi, point->value);
            }
        }
      lo = MIN (lo, down);
      hi = MAX (hi, up);
    }
  if (min != NULL)
    *min = lo;
  if (max != NULL)
    *max = hi;
}

/* In words */

char *
wb_chart_model_format_value (WbChartModel *self,
                             double        value)
{
  g_return_val_if_fail (WB_IS_CHART_MODEL (self), NULL);
  return wb_chart_model_format_number (self, value, self->decimals);
}

char *
wb_chart_model_format_number (WbChartModel *self,
                              double        value,
                              guint         decimals)
{
  g_autofree char *number = NULL;

  g_return_val_if_fail (WB_IS_CHART_MODEL (self), NULL);

  number = wb_format_number (value, decimals);
  switch (self->unit)
    {
    case WB_CHART_UNIT_PERCENT:
      /* TRANSLATORS: a percentage; Dutch writes "12,5%" */
      return g_strdup_printf (C_("percentage", "%s%%"), number);

    case WB_CHART_UNIT_EURO:
      /* TRANSLATORS: an amount in euro; Dutch writes "€ 8.500" */
      return g_strdup_printf (C_("amount", "€%s"), number);

    case WB_CHART_UNIT_COUNT:
    case WB_CHART_UNIT_DECIMAL:
    default:
      return g_steal_pointer (&number);
    }
}

char *
wb_chart_model_format_point (WbChartModel       *self,
                             const WbChartPoint *point)
{
  g_return_val_if_fail (WB_IS_CHART_MODEL (self), NULL);
  g_return_val_if_fail (point != NULL, NULL);

  if (point->suppressed)
    return g_strdup (".");
  if (!point->has_value)
    /* TRANSLATORS: a figure that is not known (yet), in a table cell; Dutch: "n.b." */
    return g_strdup (C_("figure", "n/a"));
  return wb_chart_model_format_value (self, point->value);
}

const char *
wb_chart_model_point_status_label (const WbChartPoint *point)
{
  g_return_val_if_fail (point != NULL, NULL);

  if (point->suppressed)
    return C_("figure", "hidden");
  if (!point->has_value)
    return C_("figure", "not known");
  switch (point->status)
    {
    case WB_CHART_STATUS_PROVISIONAL:
      return C_("figure", "provisional");
    case WB_CHART_STATUS_FORECAST:
      return C_("figure", "forecast");
    case WB_CHART_STATUS_FINAL:
    default:
      return C_("figure", "final");
    }
}

/* "95", "95 (provisional)", "hidden (fewer than 10 persons)". */
static char *
point_in_words (WbChartModel       *self,
                const WbChartPoint *point)
{
  g_autofree char *value = NULL;

  if (point->suppressed || !point->has_value)
    {
      if (point->reason != NULL && *point->reason != '\0')
        return g_strdup_printf ("%s (%s)", wb_chart_model_point_status_label (point), point->reason);
      return g_strdup (wb_chart_model_point_status_label (point));
    }
  value = wb_chart_model_format_value (self, point->value);
  if (point->status != WB_CHART_STATUS_FINAL)
    return g_strdup_printf ("%s (%s)", value, wb_chart_model_point_status_label (point));
  return g_steal_pointer (&value);
}

static void
append_series_at (WbChartModel *self,
                  GString      *out,
                  guint         series,
                  guint         period,
                  gboolean      with_name)
{
  Series *s = get_series (self, series);
  g_autofree char *words = point_in_words (self, &s->points[period]);

  if (with_name)
    g_string_append_printf (out, "%s %s", s->name, words);
  else
    g_string_append (out, words);
  if (s->partner >= 0)
    {
      Series *target = get_series (self, (guint) s->partner);
      const WbChartPoint *goal = &target->points[period];

      if (goal->has_value)
        {
          g_autofree char *value = wb_chart_model_format_value (self, goal->value);

          /* TRANSLATORS: after a value, its target's name and value: "95, target 110" */
          g_string_append_printf (out, C_("target after a value", ", %s %s"), target->name, value);
        }
    }
}

char *
wb_chart_model_describe_period (WbChartModel *self,
                                guint         period)
{
  GString *out;
  gboolean first = TRUE;

  g_return_val_if_fail (WB_IS_CHART_MODEL (self), NULL);
  g_return_val_if_fail (period < self->periods->len, NULL);

  out = g_string_new (self->long_labels->pdata[period]);
  g_string_append (out, ": ");
  for (guint s = 0; s < self->series->len; s++)
    {
      if (get_series (self, s)->is_target)
        continue;
      if (!first)
        g_string_append (out, "; ");
      first = FALSE;
      append_series_at (self, out, s, period, TRUE);
    }
  /* The chart's own targets last; after a single series they read as one: "95, target 110". */
  for (guint s = 0; s < self->series->len; s++)
    {
      Series *series = get_series (self, s);
      g_autofree char *value = NULL;

      if (!series->is_target || series->partner >= 0 || !series->points[period].has_value)
        continue;
      value = wb_chart_model_format_value (self, series->points[period].value);
      if (self->n_data_series == 1)
        g_string_append_printf (out, C_("target after a value", ", %s %s"), series->name, value);
      else
        g_string_append_printf (out, "%s%s %s", first ? "" : "; ", series->name, value);
      first = FALSE;
    }
  return g_string_free (out, FALSE);
}

char *
wb_chart_model_describe_point (WbChartModel *self,
                               guint         series,
                               guint         period)
{
  GString *out;

  g_return_val_if_fail (WB_IS_CHART_MODEL (self), NULL);
  g_return_val_if_fail (series < self->series->len, NULL);
  g_return_val_if_fail (period < self->periods->len, NULL);

  out = g_string_new (NULL);
  g_string_append_printf (out, "%s, %s: ", get_series (self, series)->name, (char *) self->long_labels->pdata[period]);
  if (get_series (self, series)->is_target)
    {
      g_autofree char *words = point_in_words (self, &get_series (self, series)->points[period]);

      g_string_append (out, words);
    }
  else
    append_series_at (self, out, series, period, FALSE);
  return g_string_free (out, FALSE);
}

/* The last period with a figure of a data series: what "latest" means to a reader. */
static guint
last_known_period (WbChartModel *self)
{
  for (guint p = self->periods->len; p > 0; p--)
    for (guint s = 0; s < self->series->len; s++)
      if (!get_series (self, s)->is_target && get_series (self, s)->points[p - 1].has_value)
        return p - 1;
  return self->periods->len - 1;
}

static const char *
kind_in_words (WbChartKind kind)
{
  switch (kind)
    {
    case WB_CHART_KIND_BAR:
      return _("Bar chart");
    case WB_CHART_KIND_STACKED_BAR:
      return _("Stacked bar chart");
    case WB_CHART_KIND_HORIZONTAL_BAR:
      return _("Bar chart by category");
    case WB_CHART_KIND_LINE:
    default:
      return _("Line chart");
    }
}

char *
wb_chart_model_describe (WbChartModel *self)
{
  GString *out;
  guint n_periods, hidden;

  g_return_val_if_fail (WB_IS_CHART_MODEL (self), NULL);

  out = g_string_new (NULL);
  n_periods = self->periods->len;
  /* TRANSLATORS: the start of a chart's description: "Line chart: Outflow to work." */
  g_string_append_printf (out, _("%s: %s."), kind_in_words (self->kind), self->title);
  if (n_periods == 0)
    {
      g_string_append_c (out, ' ');
      g_string_append (out, _("No figures."));
      return g_string_free (out, FALSE);
    }
  if (self->has_periods)
    {
      g_string_append_c (out, ' ');
      /* TRANSLATORS: the range of a chart: "From Q1 2022 to Q4 2026." */
      g_string_append_printf (out, _("From %s to %s."), (char *) self->long_labels->pdata[0],
                              (char *) self->long_labels->pdata[n_periods - 1]);
      g_string_append_c (out, ' ');
      g_string_append (out, _("Latest:"));
      g_string_append_c (out, ' ');
      {
        g_autofree char *last = wb_chart_model_describe_period (self, last_known_period (self));

        g_string_append (out, last);
        g_string_append_c (out, '.');
      }
    }
  else
    {
      /* Categories are few: say them all. */
      for (guint p = 0; p < n_periods; p++)
        {
          g_autofree char *words = wb_chart_model_describe_period (self, p);

          g_string_append_c (out, ' ');
          g_string_append (out, words);
          g_string_append_c (out, '.');
        }
    }
  hidden = wb_chart_model_get_n_suppressed (self);
  if (hidden > 0)
    {
      g_string_append_c (out, ' ');
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u value is hidden to protect small numbers.",
                                                "%u values are hidden to protect small numbers.", hidden),
                              hidden);
    }
  return g_string_free (out, FALSE);
}

/* The table */

WbTable *
wb_chart_model_to_table (WbChartModel *self)
{
  WbTable *table;
  gboolean months = self->has_periods;
  gboolean with_series, with_targets;
  guint c_period, c_series = 0, c_value, c_target = 0, c_status, c_note;

  g_return_val_if_fail (WB_IS_CHART_MODEL (self), NULL);

  for (guint p = 0; p < self->periods->len && months; p++)
    {
      WbPeriod period;

      months = wb_period_parse (self->periods->pdata[p], &period) && period.kind == WB_PERIOD_MONTH;
    }
  with_series = self->n_data_series > 1;
  with_targets = wb_chart_model_has_targets (self);

  table = wb_table_new (self->title);
  wb_table_set_info (table, self->info);
  c_period = wb_table_add_column (table,
                                  self->has_periods ? _("Period")
                                                    : (self->category_title != NULL ? self->category_title : _("Category")),
                                  months ? WB_TABLE_COLUMN_MONTH : WB_TABLE_COLUMN_TEXT, 0, 1.2);
  if (with_series)
    c_series = wb_table_add_column (table, wb_chart_model_get_series_title (self), WB_TABLE_COLUMN_TEXT, 0, 1.4);
  c_value = wb_table_add_column (table, wb_chart_model_get_value_title (self), WB_TABLE_COLUMN_NUMBER,
                                 self->decimals, 0.9);
  if (with_targets)
    c_target = wb_table_add_column (table, _("Target"), WB_TABLE_COLUMN_NUMBER, self->decimals, 0.8);
  c_status = wb_table_add_column (table, _("Status"), WB_TABLE_COLUMN_TEXT, 0, 0.8);
  c_note = wb_table_add_column (table, C_("explanation", "Note"), WB_TABLE_COLUMN_TEXT, 0, 1.8);

  for (guint p = 0; p < self->periods->len; p++)
    {
      /* A target of the whole chart stands beside every series. */
      const WbChartPoint *chart_goal = NULL;

      for (guint s = 0; s < self->series->len; s++)
        if (get_series (self, s)->is_target && get_series (self, s)->partner < 0)
          chart_goal = &get_series (self, s)->points[p];

      for (guint s = 0; s < self->series->len; s++)
        {
          Series *series = get_series (self, s);
          const WbChartPoint *point = &series->points[p];
          const WbChartPoint *goal = series->partner >= 0 ? &get_series (self, (guint) series->partner)->points[p]
                                                          : chart_goal;
          guint row;

          if (series->is_target)
            continue;
          row = wb_table_add_row (table);
          if (months)
            {
              WbPeriod period;

              wb_period_parse (self->periods->pdata[p], &period);
              wb_table_set_date (table, row, c_period, (GDateYear) period.year, (GDateMonth) period.index, 1);
            }
          else
            wb_table_set_text (table, row, c_period, self->long_labels->pdata[p]);
          if (with_series)
            wb_table_set_text (table, row, c_series, series->name);
          if (point->suppressed)
            wb_table_set_hidden (table, row, c_value, ".", point->reason);
          else if (point->has_value)
            wb_table_set_number (table, row, c_value, point->value);
          if (with_targets && goal != NULL && goal->has_value)
            wb_table_set_number (table, row, c_target, goal->value);
          wb_table_set_text (table, row, c_status, wb_chart_model_point_status_label (point));
          if (point->reason != NULL)
            wb_table_set_text (table, row, c_note, point->reason);
        }
    }
  return table;
}
