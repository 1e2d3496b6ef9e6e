/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-client-list-model"

#include "config.h"

#include <string.h>

#include "wb-client-list-model.h"

struct _WbClientListModel
{
  GObject parent_instance;

  WbSession *session;
  GPtrArray *rows;    /* WbClientRow, owned, in the order they were loaded */
  GPtrArray *sorted;  /* every row in the sorter's order (borrowed) */
  GPtrArray *shown;   /* the rows that pass the filters, in the sorter's order (borrowed) */
  GtkSorter *sorter;
  GHashTable *by_id;  /* gint64 * -> WbClientRow (borrowed from rows) */
  guint32 today;

  char *search;       /* case-folded, normalised */
  char *raw_search;
  gint64 organisation_id;
  gint64 municipality_id;
  char *age_band;
  const char *client_group;  /* interned */
  const char *phase;         /* interned */
  const char *capacity_band; /* interned */
  int diagnosis;
  WbActivityBucket activity;
};

/* The model filters and sorts plain arrays itself instead of stacking a GtkFilterListModel
 * on a GtkSortListModel on a GListStore: a keystroke of search as you type then costs one
 * pass of strstr over a C array, not a get_item, a ref and two virtual calls per row. */
static void wb_client_list_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (WbClientListModel, wb_client_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, wb_client_list_model_list_model_init))

enum {
  PROP_0,
  PROP_N_SHOWN,
  PROP_N_LOADED,
  PROP_FILTERED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
activity_matches (WbActivityBucket bucket,
                  int              days)
{
  switch (bucket)
    {
    case WB_ACTIVITY_MONTH:
      return days >= 0 && days <= 30;
    case WB_ACTIVITY_QUARTER:
      return days > 30 && days <= 90;
    case WB_ACTIVITY_YEAR:
      return days > 90 && days <= 365;
    case WB_ACTIVITY_OLDER:
      return days < 0 || days > 365;
    case WB_ACTIVITY_ANY:
    default:
      return TRUE;
    }
}

static gboolean
row_matches (WbClientListModel *self,
             WbClientRow       *row)
{
  if (self->organisation_id != 0 && wb_client_row_get_organisation_id (row) != self->organisation_id)
    return FALSE;
  if (self->municipality_id != 0 && wb_client_row_get_municipality_id (row) != self->municipality_id)
    return FALSE;
  /* Enum values are interned, so pointers compare. */
  if (self->client_group != NULL && g_intern_string (wb_client_row_get_client_group (row)) != self->client_group)
    return FALSE;
  if (self->phase != NULL && g_intern_string (wb_client_row_get_phase (row)) != self->phase)
    return FALSE;
  if (self->capacity_band != NULL && wb_client_row_get_capacity_band (row) != self->capacity_band)
    return FALSE;
  if (self->age_band != NULL && g_strcmp0 (wb_client_row_get_age_band (row), self->age_band) != 0)
    return FALSE;
  if (self->diagnosis >= 0 && (int) wb_client_row_get_diagnosis_status (row) != self->diagnosis)
    return FALSE;
  if (!activity_matches (self->activity, wb_client_row_get_days_idle (row)))
    return FALSE;
  if (self->search != NULL && strstr (wb_client_row_get_search_key (row), self->search) == NULL)
    return FALSE;
  return TRUE;
}

/* Tells the view what changed between two lists of shown rows: the common head and tail
 * stay, so the rows on screen keep their widgets where they can. */
static void
emit_changes (WbClientListModel *self,
              GPtrArray         *before)
{
  guint n_before = before->len;
  guint n_after = self->shown->len;
  guint head = 0;
  guint tail = 0;

  while (head < n_before && head < n_after && before->pdata[head] == self->shown->pdata[head])
    head++;
  while (tail < n_before - head && tail < n_after - head &&
         before->pdata[n_before - 1 - tail] == self->shown->pdata[n_after - 1 - tail])
    tail++;

  if (n_before != n_after || head != n_before)
    g_list_model_items_changed (G_LIST_MODEL (self), head, n_before - head - tail, n_after - head - tail);
  if (n_before != n_after)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SHOWN]);
}

/* Filters again. A stricter filter only needs to look at what is shown now. */
static void
refilter (WbClientListModel *self,
          GtkFilterChange    change)
{
  g_autoptr(GPtrArray) before = self->shown;
  GPtrArray *candidates = change == GTK_FILTER_CHANGE_MORE_STRICT ? before : self->sorted;

  self->shown = g_ptr_array_sized_new (candidates->len);
  for (guint i = 0; i < candidates->len; i++)
    if (row_matches (self, candidates->pdata[i]))
      g_ptr_array_add (self->shown, candidates->pdata[i]);
  emit_changes (self, before);
}

static void
filters_changed (WbClientListModel *self,
                 GtkFilterChange    change)
{
  refilter (self, change);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTERED]);
}

static int
compare_by_sorter (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  WbClientListModel *self = user_data;
  gpointer ra = *(gpointer *) a;
  gpointer rb = *(gpointer *) b;
  GtkOrdering order = GTK_ORDERING_EQUAL;

  if (self->sorter != NULL)
    order = gtk_sorter_compare (self->sorter, ra, rb);
  if (order == GTK_ORDERING_EQUAL)
    {
      /* Ties keep the order of loading, so the list never shuffles. */
      gint64 ia = wb_client_row_get_id (ra);
      gint64 ib = wb_client_row_get_id (rb);

      return (ia > ib) - (ia < ib);
    }
  return order;
}

static void
resort (WbClientListModel *self)
{
  g_ptr_array_set_size (self->sorted, 0);
  g_ptr_array_extend (self->sorted, self->rows, NULL, NULL);
  g_ptr_array_sort_with_data (self->sorted, compare_by_sorter, self);
}

static void
on_sorter_changed_cb (GtkSorter         *sorter,
                      GtkSorterChange    change,
                      WbClientListModel *self)
{
  resort (self);
  refilter (self, GTK_FILTER_CHANGE_DIFFERENT);
}

/* GListModel */

static GType
wb_client_list_model_get_item_type (GListModel *model)
{
  return WB_TYPE_CLIENT_ROW;
}

static guint
wb_client_list_model_get_n_items (GListModel *model)
{
  return WB_CLIENT_LIST_MODEL (model)->shown->len;
}

static gpointer
wb_client_list_model_get_item (GListModel *model,
                               guint       position)
{
  WbClientListModel *self = WB_CLIENT_LIST_MODEL (model);

  if (position >= self->shown->len)
    return NULL;
  return g_object_ref (self->shown->pdata[position]);
}

static void
wb_client_list_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = wb_client_list_model_get_item_type;
  iface->get_n_items = wb_client_list_model_get_n_items;
  iface->get_item = wb_client_list_model_get_item;
}

static void
wb_client_list_model_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  WbClientListModel *self = WB_CLIENT_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_N_SHOWN:
      g_value_set_uint (value, wb_client_list_model_get_n_shown (self));
      break;
    case PROP_N_LOADED:
      g_value_set_uint (value, wb_client_list_model_get_n_loaded (self));
      break;
    case PROP_FILTERED:
      g_value_set_boolean (value, wb_client_list_model_get_filtered (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_client_list_model_dispose (GObject *object)
{
  WbClientListModel *self = (WbClientListModel *) object;

  if (self->sorter != NULL)
    g_signal_handlers_disconnect_by_func (self->sorter, on_sorter_changed_cb, self);
  g_clear_object (&self->sorter);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (wb_client_list_model_parent_class)->dispose (object);
}

static void
wb_client_list_model_finalize (GObject *object)
{
  WbClientListModel *self = (WbClientListModel *) object;

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->shown, g_ptr_array_unref);
  g_clear_pointer (&self->sorted, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_free (self->search);
  g_free (self->raw_search);
  g_free (self->age_band);

  G_OBJECT_CLASS (wb_client_list_model_parent_class)->finalize (object);
}

static void
wb_client_list_model_class_init (WbClientListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = wb_client_list_model_get_property;
  object_class->dispose = wb_client_list_model_dispose;
  object_class->finalize = wb_client_list_model_finalize;

  properties[PROP_N_SHOWN] =
    g_param_spec_uint ("n-shown", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_LOADED] =
    g_param_spec_uint ("n-loaded", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILTERED] =
    g_param_spec_boolean ("filtered", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wb_client_list_model_init (WbClientListModel *self)
{
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->sorted = g_ptr_array_new ();
  self->shown = g_ptr_array_new ();
  self->by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->diagnosis = -1;
}

WbClientListModel *
wb_client_list_model_new (WbSession *session)
{
  WbClientListModel *self;

  g_return_val_if_fail (session == NULL || WB_IS_SESSION (session), NULL);

  self = g_object_new (WB_TYPE_CLIENT_LIST_MODEL, NULL);
  self->session = session != NULL ? g_object_ref (session) : NULL;
  return self;
}

GListModel *
wb_client_list_model_get_model (WbClientListModel *self)
{
  g_return_val_if_fail (WB_IS_CLIENT_LIST_MODEL (self), NULL);
  return G_LIST_MODEL (self);
}

guint
wb_client_list_model_get_n_loaded (WbClientListModel *self)
{
  g_return_val_if_fail (WB_IS_CLIENT_LIST_MODEL (self), 0);
  return self->rows->len;
}

guint
wb_client_list_model_get_n_shown (WbClientListModel *self)
{
  g_return_val_if_fail (WB_IS_CLIENT_LIST_MODEL (self), 0);
  return self->shown->len;
}

void
wb_client_list_model_set_today (WbClientListModel *self,
                                guint32            julian)
{
  g_return_if_fail (WB_IS_CLIENT_LIST_MODEL (self));
  self->today = julian;
}

/* Merges the sorted run of new rows into the sorted array of the rows there were. */
static void
merge_sorted (WbClientListModel *self,
              GPtrArray         *added)
{
  g_autoptr(GPtrArray) merged = g_ptr_array_sized_new (self->sorted->len + added->len);
  guint a = 0;
  guint b = 0;

  g_ptr_array_sort_with_data (added, compare_by_sorter, self);
  while (a < self->sorted->len || b < added->len)
    {
      if (b == added->len ||
          (a < self->sorted->len && compare_by_sorter (&self->sorted->pdata[a], &added->pdata[b], self) <= 0))
        g_ptr_array_add (merged, self->sorted->pdata[a++]);
      else
        g_ptr_array_add (merged, added->pdata[b++]);
    }
  g_ptr_array_unref (self->sorted);
  self->sorted = g_steal_pointer (&merged);
}

void
wb_client_list_model_append_records (WbClientListModel *self,
                                     GListModel        *records)
{
  g_autoptr(GPtrArray) added = NULL;
  guint n;

  g_return_if_fail (WB_IS_CLIENT_LIST_MODEL (self));
  g_return_if_fail (G_IS_LIST_MODEL (records));

  n = g_list_model_get_n_items (records);
  added = g_ptr_array_sized_new (n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WbRecord) record = g_list_model_get_item (records, i);
      WbClientRow *row = wb_client_row_new (record, self->session, self->today);
      gint64 id = wb_record_get_id (record);

      g_ptr_array_add (self->rows, row);
      g_ptr_array_add (added, row);
      g_hash_table_insert (self->by_id, g_memdup2 (&id, sizeof id), row);
    }

  merge_sorted (self, added);
  refilter (self, GTK_FILTER_CHANGE_DIFFERENT);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_LOADED]);
}

void
wb_client_list_model_clear (WbClientListModel *self)
{
  guint n_shown;

  g_return_if_fail (WB_IS_CLIENT_LIST_MODEL (self));

  n_shown = self->shown->len;
  g_ptr_array_set_size (self->shown, 0);
  g_ptr_array_set_size (self->sorted, 0);
  g_hash_table_remove_all (self->by_id);
  /* The view lets go of the rows before they are freed. */
  if (n_shown > 0)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), 0, n_shown, 0);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SHOWN]);
    }
  g_ptr_array_set_size (self->rows, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_LOADED]);
}

WbClientRow *
wb_client_list_model_find (WbClientListModel *self,
                           gint64             id)
{
  g_return_val_if_fail (WB_IS_CLIENT_LIST_MODEL (self), NULL);
  return g_hash_table_lookup (self->by_id, &id);
}

static void
replace_pointer (GPtrArray *array,
                 gpointer   old,
                 gpointer   new)
{
  guint position;

  if (g_ptr_array_find (array, old, &position))
    array->pdata[position] = new;
}

void
wb_client_list_model_replace_record (WbClientListModel *self,
                                     WbRecord          *record)
{
  WbClientRow *old;
  WbClientRow *row;
  guint position;
  gint64 id;

  g_return_if_fail (WB_IS_CLIENT_LIST_MODEL (self));
  g_return_if_fail (WB_IS_RECORD (record));

  id = wb_record_get_id (record);
  old = g_hash_table_lookup (self->by_id, &id);
  if (old == NULL || !g_ptr_array_find (self->rows, old, &position))
    return;

  /* The old row stays alive in the shown array until the view has heard of the change. */
  row = wb_client_row_new (record, self->session, self->today);
  self->rows->pdata[position] = row;
  g_hash_table_insert (self->by_id, g_memdup2 (&id, sizeof id), row);
  replace_pointer (self->sorted, old, row);
  resort (self);
  refilter (self, GTK_FILTER_CHANGE_DIFFERENT);
  g_object_unref (old);
}

static const char *
intern_or_null (const char *text)
{
  return text != NULL && *text != '\0' ? g_intern_string (text) : NULL;
}

void
wb_client_list_model_set_search (WbClientListModel *self,
                                 const char        *text)
{
  g_autofree char *folded = NULL;
  char *normalised = NULL;
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

  g_return_if_fail (WB_IS_CLIENT_LIST_MODEL (self));

  if (text != NULL)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (text));

      if (*stripped != '\0')
        {
          folded = g_utf8_casefold (stripped, -1);
          normalised = g_utf8_normalize (folded, -1, G_NORMALIZE_ALL);
        }
    }

  if (g_strcmp0 (normalised, self->search) == 0)
    {
      g_free (normalised);
      return;
    }

  /* Typing on narrows what matched: only the rows shown now need a look. */
  if (self->search == NULL || (normalised != NULL && strstr (normalised, self->search) != NULL))
    change = GTK_FILTER_CHANGE_MORE_STRICT;

  g_free (self->search);
  self->search = normalised;
  g_free (self->raw_search);
  self->raw_search = g_strdup (text);
  filters_changed (self, change);
}

const char *
wb_client_list_model_get_search (WbClientListModel *self)
{
  g_return_val_if_fail (WB_IS_CLIENT_LIST_MODEL (self), NULL);
  return self->raw_search;
}

void
wb_client_list_model_set_organisation (WbClientListModel *self,
                                       gint64             id)
{
  g_return_if_fail (WB_IS_CLIENT_LIST_MODEL (self));
  if (self->organisation_id == id)
    return;
  self->organisation_id = id;
  filters_changed (self, GTK_FILTER_CHANGE_DIFFERENT);
}

void
wb_client_list_model_set_municipality (WbClientListModel *self,
                                       gint64             id)
{
  g_return_if_fail (WB_IS_CLIENT_LIST_MODEL (self));
  if (self->municipality_id == id)
    return;
  self->municipality_id = id;
  filters_changed (self, GTK_FILTER_CHANGE_DIFFERENT);
}

void
wb_client_list_model_set_age_band (WbClientListModel *self,
                                   const char        *band)
{
  g_return_if_fail (WB_IS_CLIENT_LIST_MODEL (self));
  if (band != NULL && *band == '\0')
    band = NULL;
  if (g_strcmp0 (self->age_band, band) == 0)
    return;
  g_free (self->age_band);
  self->age_band = g_strdup (band);
  filters_changed (self, GTK_FILTER_CHANGE_DIFFERENT);
}

void
wb_client_list_model_set_client_group (WbClientListModel *self,
                                       const char        *group)
{
  g_return_if_fail (WB_IS_CLIENT_LIST_MODEL (self));
  if (self->client_group == intern_or_null (group))
    return;
  self->client_group = intern_or_null (group);
  filters_changed (self, GTK_FILTER_CHANGE_DIFFERENT);
}

void
wb_client_list_model_set_phase (WbClientListModel *self,
                                const char        *phase)
{
  g_return_if_fail (WB_IS_CLIENT_LIST_MODEL (self));
  if (self->phase == intern_or_null (phase))
    return;
  self->phase = intern_or_null (phase);
  filters_changed (self, GTK_FILTER_CHANGE_DIFFERENT);
}

void
wb_client_list_model_set_capacity_band (WbClientListModel *self,
                                        const char        *band)
{
  g_return_if_fail (WB_IS_CLIENT_LIST_MODEL (self));
  if (self->capacity_band == intern_or_null (band))
    return;
  self->capacity_band = intern_or_null (band);
  filters_changed (self, GTK_FILTER_CHANGE_DIFFERENT);
}

void
wb_client_list_model_set_diagnosis (WbClientListModel *self,
                                    int                status)
{
  g_return_if_fail (WB_IS_CLIENT_LIST_MODEL (self));
  if (status < 0)
    status = -1;
  if (self->diagnosis == status)
    return;
  self->diagnosis = status;
  filters_changed (self, GTK_FILTER_CHANGE_DIFFERENT);
}

void
wb_client_list_model_set_activity (WbClientListModel *self,
                                   WbActivityBucket   bucket)
{
  g_return_if_fail (WB_IS_CLIENT_LIST_MODEL (self));
  if (self->activity == bucket)
    return;
  self->activity = bucket;
  filters_changed (self, GTK_FILTER_CHANGE_DIFFERENT);
}

void
wb_client_list_model_reset_filters (WbClientListModel *self)
{
  g_return_if_fail (WB_IS_CLIENT_LIST_MODEL (self));

  self->organisation_id = 0;
  self->municipality_id = 0;
  g_clear_pointer (&self->age_band, g_free);
  self->client_group = NULL;
  self->phase = NULL;
  self->capacity_band = NULL;
  self->diagnosis = -1;
  self->activity = WB_ACTIVITY_ANY;
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->raw_search, g_free);
  filters_changed (self, GTK_FILTER_CHANGE_LESS_STRICT);
}

gboolean
wb_client_list_model_get_filtered (WbClientListModel *self)
{
  g_return_val_if_fail (WB_IS_CLIENT_LIST_MODEL (self), FALSE);

  return self->organisation_id != 0 || self->municipality_id != 0 || self->age_band != NULL ||
         self->client_group != NULL || self->phase != NULL || self->capacity_band != NULL ||
         self->diagnosis >= 0 || self->activity != WB_ACTIVITY_ANY || self->search != NULL;
}

void
wb_client_list_model_set_sorter (WbClientListModel *self,
                                 GtkSorter         *sorter)
{
  g_return_if_fail (WB_IS_CLIENT_LIST_MODEL (self));
  g_return_if_fail (sorter == NULL || GTK_IS_SORTER (sorter));

  if (self->sorter == sorter)
    return;
  if (self->sorter != NULL)
    g_signal_handlers_disconnect_by_func (self->sorter, on_sorter_changed_cb, self);
  g_set_object (&self->sorter, sorter);
  if (sorter != NULL)
    g_signal_connect (sorter, "changed", G_CALLBACK (on_sorter_changed_cb), self);
  resort (self);
  refilter (self, GTK_FILTER_CHANGE_DIFFERENT);
}

/* Sorting: every column compares a precomputed value, the name breaks ties. */

static int
compare_strings (const char *a,
                 const char *b)
{
  if (a == NULL || b == NULL)
    return (a == NULL) - (b == NULL);
  return strcmp (a, b);
}

static int
compare_ints (int a,
              int b)
{
  return (a > b) - (a < b);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  WbClientRow *ra = (WbClientRow *) a;
  WbClientRow *rb = (WbClientRow *) b;
  WbClientColumn column = GPOINTER_TO_UINT (user_data);
  int result = 0;

  switch (column)
    {
    case WB_CLIENT_COLUMN_ORGANISATION:
      result = compare_strings (wb_client_row_get_organisation (ra), wb_client_row_get_organisation (rb));
      break;
    case WB_CLIENT_COLUMN_MUNICIPALITY:
      result = compare_strings (wb_client_row_get_municipality (ra), wb_client_row_get_municipality (rb));
      break;
    case WB_CLIENT_COLUMN_AGE:
      result = compare_ints (wb_client_row_get_age (ra), wb_client_row_get_age (rb));
      break;
    case WB_CLIENT_COLUMN_GROUP:
      result = compare_strings (wb_client_row_get_client_group (ra), wb_client_row_get_client_group (rb));
      break;
    case WB_CLIENT_COLUMN_PHASE:
      result = compare_ints (wb_client_row_get_phase_index (ra), wb_client_row_get_phase_index (rb));
      break;
    case WB_CLIENT_COLUMN_CAPACITY:
      result = compare_strings (wb_client_row_get_capacity_band (ra), wb_client_row_get_capacity_band (rb));
      break;
    case WB_CLIENT_COLUMN_DIAGNOSIS:
      result = compare_ints (wb_client_row_get_diagnosis_status (ra), wb_client_row_get_diagnosis_status (rb));
      break;
    case WB_CLIENT_COLUMN_ACTIVITY:
      result = compare_ints (wb_client_row_get_days_idle (ra), wb_client_row_get_days_idle (rb));
      break;
    case WB_CLIENT_COLUMN_NAME:
    case WB_N_CLIENT_COLUMNS:
    default:
      break;
    }

  if (result == 0)
    result = strcmp (wb_client_row_get_search_key (ra), wb_client_row_get_search_key (rb));
  if (result == 0)
    {
      gint64 ia = wb_client_row_get_id (ra);
      gint64 ib = wb_client_row_get_id (rb);

      result = (ia > ib) - (ia < ib);
    }
  return result < 0 ? GTK_ORDERING_SMALLER : result > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

GtkSorter *
wb_client_list_model_create_sorter (WbClientColumn column)
{
  g_return_val_if_fail (column < WB_N_CLIENT_COLUMNS, NULL);

  return GTK_SORTER (gtk_custom_sorter_new (compare_rows, GUINT_TO_POINTER (column), NULL));
}
