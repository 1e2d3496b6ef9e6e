/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-account-list-model"

#include "config.h"

#include <string.h>

#include "wb-account-list-model.h"

struct _WbAccountListModel
{
  GObject parent_instance;

  GListStore *rows;
  GtkCustomFilter *filter;
  GtkSortListModel *sorted;
  GtkFilterListModel *filtered;
  GHashTable *by_id;   /* gint64 * -> WbAccountRow (borrowed from rows) */

  char *search;        /* folded */
  char *raw_search;
  gint64 owner_id;
  int owner_type;
  gint64 municipality_id;
  const char *sector;  /* interned */
  int size_class;
  int status;
  int dormant;
};

G_DEFINE_FINAL_TYPE (WbAccountListModel, wb_account_list_model, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_N_SHOWN,
  PROP_N_LOADED,
  PROP_FILTERED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
row_matches (gpointer item,
             gpointer user_data)
{
  WbAccountListModel *self = user_data;
  WbAccountRow *row = item;

  if (self->owner_id != 0 && wb_account_row_get_owner_id (row) != self->owner_id)
    return FALSE;
  if (self->owner_type >= 0 && (int) wb_account_row_get_owner_type (row) != self->owner_type)
    return FALSE;
  if (self->municipality_id != 0 && wb_account_row_get_municipality_id (row) != self->municipality_id)
    return FALSE;
  /* Sectors are interned, so pointers compare. */
  if (self->sector != NULL && wb_account_row_get_sector (row) != self->sector)
    return FALSE;
  if (self->size_class >= 0 && (int) wb_account_row_get_size_class (row) != self->size_class)
    return FALSE;
  if (self->status >= 0 && (int) wb_account_row_get_status (row) != self->status)
    return FALSE;
  if (self->dormant >= 0 && wb_account_row_get_dormant (row) != (self->dormant != 0))
    return FALSE;
  if (self->search != NULL && strstr (wb_account_row_get_search_key (row), self->search) == NULL)
    return FALSE;
  return TRUE;
}

static void
on_filtered_items_changed_cb (GListModel         *model,
                              guint               position,
                              guint               removed,
                              guint               added,
                              WbAccountListModel *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SHOWN]);
}

static void
filters_changed (WbAccountListModel *self,
                 GtkFilterChange     change)
{
  gtk_filter_changed (GTK_FILTER (self->filter), change);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTERED]);
}

static void
wb_account_list_model_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  WbAccountListModel *self = WB_ACCOUNT_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_N_SHOWN:
      g_value_set_uint (value, wb_account_list_model_get_n_shown (self));
      break;
    case PROP_N_LOADED:
      g_value_set_uint (value, wb_account_list_model_get_n_loaded (self));
      break;
    case PROP_FILTERED:
      g_value_set_boolean (value, wb_account_list_model_get_filtered (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_account_list_model_dispose (GObject *object)
{
  WbAccountListModel *self = (WbAccountListModel *) object;

  if (self->filtered != NULL)
    g_signal_handlers_disconnect_by_func (self->filtered, on_filtered_items_changed_cb, self);
  g_clear_object (&self->filtered);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filter);
  g_clear_object (&self->rows);
  g_clear_pointer (&self->by_id, g_hash_table_unref);

  G_OBJECT_CLASS (wb_account_list_model_parent_class)->dispose (object);
}

static void
wb_account_list_model_finalize (GObject *object)
{
  WbAccountListModel *self = (WbAccountListModel *) object;

  g_free (self->search);
  g_free (self->raw_search);

  G_OBJECT_CLASS (wb_account_list_model_parent_class)->finalize (object);
}

static void
wb_account_list_model_class_init (WbAccountListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = wb_account_list_model_get_property;
  object_class->dispose = wb_account_list_model_dispose;
  object_class->finalize = wb_account_list_model_finalize;

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
wb_account_list_model_init (WbAccountListModel *self)
{
  self->rows = g_list_store_new (WB_TYPE_ACCOUNT_ROW);
  self->filter = gtk_custom_filter_new (row_matches, self, NULL);
  /* Sorting first: a change of filter then never sorts again. */
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->rows)), NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->sorted)),
                                              g_object_ref (GTK_FILTER (self->filter)));
  self->by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->owner_type = -1;
  self->size_class = -1;
  self->status = -1;
  self->dormant = -1;
  g_signal_connect (self->filtered, "items-changed", G_CALLBACK (on_filtered_items_changed_cb), self);
}

WbAccountListModel *
wb_account_list_model_new (void)
{
  return g_object_new (WB_TYPE_ACCOUNT_LIST_MODEL, NULL);
}

GListModel *
wb_account_list_model_get_model (WbAccountListModel *self)
{
  g_return_val_if_fail (WB_IS_ACCOUNT_LIST_MODEL (self), NULL);
  return G_LIST_MODEL (self->filtered);
}

guint
wb_account_list_model_get_n_loaded (WbAccountListModel *self)
{
  g_return_val_if_fail (WB_IS_ACCOUNT_LIST_MODEL (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->rows));
}

guint
wb_account_list_model_get_n_shown (WbAccountListModel *self)
{
  g_return_val_if_fail (WB_IS_ACCOUNT_LIST_MODEL (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
}

void
wb_account_list_model_append_records (WbAccountListModel *self,
                                      GListModel         *records)
{
  g_autoptr(GPtrArray) rows = NULL;
  guint n;

  g_return_if_fail (WB_IS_ACCOUNT_LIST_MODEL (self));
  g_return_if_fail (G_IS_LIST_MODEL (records));

  n = g_list_model_get_n_items (records);
  rows = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WbRecord) record = g_list_model_get_item (records, i);
      WbAccountRow *row = wb_account_row_new (record);
      gint64 id = wb_record_get_id (record);

      g_ptr_array_add (rows, row);
      g_hash_table_insert (self->by_id, g_memdup2 (&id, sizeof id), row);
    }

  /* One splice: the sort and filter models take the page at once. */
  g_list_store_splice (self->rows, g_list_model_get_n_items (G_LIST_MODEL (self->rows)), 0,
                       rows->pdata, rows->len);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_LOADED]);
}

void
wb_account_list_model_clear (WbAccountListModel *self)
{
  g_return_if_fail (WB_IS_ACCOUNT_LIST_MODEL (self));

  g_hash_table_remove_all (self->by_id);
  g_list_store_remove_all (self->rows);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_LOADED]);
}

WbAccountRow *
wb_account_list_model_find (WbAccountListModel *self,
                            gint64              id)
{
  g_return_val_if_fail (WB_IS_ACCOUNT_LIST_MODEL (self), NULL);
  return g_hash_table_lookup (self->by_id, &id);
}

void
wb_account_list_model_replace_record (WbAccountListModel *self,
                                      WbRecord           *record)
{
  WbAccountRow *old;
  guint position = 0;
  gint64 id;
  JsonNode *active;

  g_return_if_fail (WB_IS_ACCOUNT_LIST_MODEL (self));
  g_return_if_fail (WB_IS_RECORD (record));

  id = wb_record_get_id (record);
  old = g_hash_table_lookup (self->by_id, &id);
  if (old != NULL && !g_list_store_find (self->rows, old, &position))
    old = NULL;

  /* The list holds the active employers only. */
  active = json_object_get_member (wb_record_get_object (record), "active");
  if (active != NULL && JSON_NODE_HOLDS_VALUE (active) && !json_node_get_boolean (active))
    {
      if (old != NULL)
        {
          g_hash_table_remove (self->by_id, &id);
          g_list_store_remove (self->rows, position);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_LOADED]);
        }
      return;
    }

  {
    g_autoptr(WbAccountRow) row = wb_account_row_new (record);

    g_hash_table_insert (self->by_id, g_memdup2 (&id, sizeof id), row);
    if (old != NULL)
      g_list_store_splice (self->rows, position, 1, (gpointer *) &row, 1);
    else
      {
        g_list_store_append (self->rows, row);
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_LOADED]);
      }
  }
}

void
wb_account_list_model_set_search (WbAccountListModel *self,
                                  const char         *text)
{
  g_autofree char *folded = NULL;
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

  g_return_if_fail (WB_IS_ACCOUNT_LIST_MODEL (self));

  folded = wb_account_search_fold (text);
  if (g_strcmp0 (folded, self->search) == 0)
    return;

  /* Typing on narrows what matched, deleting widens it: the filter model then looks only
   * at the rows that can change. */
  if (self->search == NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (folded == NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else if (strstr (folded, self->search) != NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (strstr (self->search, folded) != NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;

  g_free (self->search);
  self->search = g_steal_pointer (&folded);
  g_free (self->raw_search);
  self->raw_search = self->search != NULL ? g_strstrip (g_strdup (text)) : NULL;
  filters_changed (self, change);
}

const char *
wb_account_list_model_get_search (WbAccountListModel *self)
{
  g_return_val_if_fail (WB_IS_ACCOUNT_LIST_MODEL (self), NULL);
  return self->raw_search;
}

#define SET_FILTER(member, value) G_STMT_START {          \
    if (self->member == (value))                          \
      return;                                             \
    self->member = (value);                               \
    filters_changed (self, GTK_FILTER_CHANGE_DIFFERENT);  \
  } G_STMT_END

void
wb_account_list_model_set_owner (WbAccountListModel *self,
                                 gint64              owner_id)
{
  g_return_if_fail (WB_IS_ACCOUNT_LIST_MODEL (self));
  SET_FILTER (owner_id, MAX (owner_id, 0));
}

void
wb_account_list_model_set_owner_type (WbAccountListModel *self,
                                      int                 owner_type)
{
  g_return_if_fail (WB_IS_ACCOUNT_LIST_MODEL (self));
  SET_FILTER (owner_type, owner_type >= 0 && owner_type < WB_N_OWNER_TYPES ? owner_type : -1);
}

void
wb_account_list_model_set_municipality (WbAccountListModel *self,
                                        gint64              municipality_id)
{
  g_return_if_fail (WB_IS_ACCOUNT_LIST_MODEL (self));
  SET_FILTER (municipality_id, MAX (municipality_id, 0));
}

void
wb_account_list_model_set_sector (WbAccountListModel *self,
                                  const char         *sector)
{
  g_return_if_fail (WB_IS_ACCOUNT_LIST_MODEL (self));
  SET_FILTER (sector, sector != NULL && *sector != '\0' ? g_intern_string (sector) : NULL);
}

void
wb_account_list_model_set_size_class (WbAccountListModel *self,
                                      int                 size_class)
{
  g_return_if_fail (WB_IS_ACCOUNT_LIST_MODEL (self));
  SET_FILTER (size_class, size_class >= 0 && size_class < WB_N_ACCOUNT_SIZES ? size_class : -1);
}

void
wb_account_list_model_set_status (WbAccountListModel *self,
                                  int                 status)
{
  g_return_if_fail (WB_IS_ACCOUNT_LIST_MODEL (self));
  SET_FILTER (status, status >= 0 && status < WB_N_ACCOUNT_STATUSES ? status : -1);
}

void
wb_account_list_model_set_dormant (WbAccountListModel *self,
                                   int                 dormant)
{
  g_return_if_fail (WB_IS_ACCOUNT_LIST_MODEL (self));
  SET_FILTER (dormant, dormant < 0 ? -1 : dormant != 0);
}

#undef SET_FILTER

void
wb_account_list_model_reset_filters (WbAccountListModel *self)
{
  g_return_if_fail (WB_IS_ACCOUNT_LIST_MODEL (self));

  self->owner_id = 0;
  self->owner_type = -1;
  self->municipality_id = 0;
  self->sector = NULL;
  self->size_class = -1;
  self->status = -1;
  self->dormant = -1;
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->raw_search, g_free);
  filters_changed (self, GTK_FILTER_CHANGE_LESS_STRICT);
}

gboolean
wb_account_list_model_get_filtered (WbAccountListModel *self)
{
  g_return_val_if_fail (WB_IS_ACCOUNT_LIST_MODEL (self), FALSE);

  return self->owner_id != 0 || self->owner_type >= 0 || self->municipality_id != 0 || self->sector != NULL ||
         self->size_class >= 0 || self->status >= 0 || self->dormant >= 0 || self->search != NULL;
}

GHashTable *
wb_account_list_model_dup_query (WbAccountListModel *self)
{
  GHashTable *query;

  g_return_val_if_fail (WB_IS_ACCOUNT_LIST_MODEL (self), NULL);

  query = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  if (self->owner_id != 0)
    g_hash_table_insert (query, "owner_id", g_strdup_printf ("%" G_GINT64_FORMAT, self->owner_id));
  if (self->owner_type >= 0)
    g_hash_table_insert (query, "owner_type", g_strdup (wb_owner_type_to_string (self->owner_type)));
  if (self->municipality_id != 0)
    g_hash_table_insert (query, "municipality_id", g_strdup_printf ("%" G_GINT64_FORMAT, self->municipality_id));
  if (self->sector != NULL)
    g_hash_table_insert (query, "sector", g_strdup (self->sector));
  if (self->size_class >= 0)
    g_hash_table_insert (query, "size", g_strdup (wb_account_size_class_to_string (self->size_class)));
  if (self->status >= 0)
    g_hash_table_insert (query, "status", g_strdup (wb_account_status_to_string (self->status)));
  if (self->dormant >= 0)
    g_hash_table_insert (query, "dormant", g_strdup (self->dormant ? "true" : "false"));
  if (self->raw_search != NULL)
    g_hash_table_insert (query, "q", g_strdup (self->raw_search));
  return query;
}

void
wb_account_list_model_set_sorter (WbAccountListModel *self,
                                  GtkSorter          *sorter)
{
  g_return_if_fail (WB_IS_ACCOUNT_LIST_MODEL (self));
  gtk_sort_list_model_set_sorter (self->sorted, sorter);
}

/* Sorting: each column compares a plain value, the name breaks ties, then the id. */

static int
compare_strings (const char *a,
                 const char *b)
{
  if (a == NULL || b == NULL)
    return (a != NULL) - (b != NULL);
  return strcmp (a, b);
}

static int
compare_ints (gint64 a,
              gint64 b)
{
  return (a > b) - (a < b);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  WbAccountRow *ra = (WbAccountRow *) a;
  WbAccountRow *rb = (WbAccountRow *) b;
  WbAccountColumn column = GPOINTER_TO_UINT (user_data);
  int result = 0;

  switch (column)
    {
    case WB_ACCOUNT_COLUMN_KVK:
      result = compare_strings (wb_account_row_get_kvk (ra), wb_account_row_get_kvk (rb));
      break;
    case WB_ACCOUNT_COLUMN_SECTOR:
      result = strcmp (wb_account_row_get_sector_sort_key (ra), wb_account_row_get_sector_sort_key (rb));
      break;
    case WB_ACCOUNT_COLUMN_SIZE:
      result = compare_ints (wb_account_row_get_employee_count (ra), wb_account_row_get_employee_count (rb));
      break;
    case WB_ACCOUNT_COLUMN_MUNICIPALITY:
      result = compare_strings (wb_account_row_get_municipality (ra), wb_account_row_get_municipality (rb));
      break;
    case WB_ACCOUNT_COLUMN_OWNER:
      /* Accounts without an owner come first: they need one. */
      result = strcmp (wb_account_row_get_owner_sort_key (ra), wb_account_row_get_owner_sort_key (rb));
      break;
    case WB_ACCOUNT_COLUMN_OWNER_TYPE:
      result = compare_ints (wb_account_row_get_owner_type (ra), wb_account_row_get_owner_type (rb));
      break;
    case WB_ACCOUNT_COLUMN_STATUS:
      result = compare_ints (wb_account_row_get_status (ra), wb_account_row_get_status (rb));
      break;
    case WB_ACCOUNT_COLUMN_LAST_CONTACT:
      /* Never contacted sorts before the oldest contact. */
      result = compare_strings (wb_account_row_get_last_contact (ra), wb_account_row_get_last_contact (rb));
      break;
    case WB_ACCOUNT_COLUMN_VACANCIES:
      result = compare_ints (wb_account_row_get_open_vacancies (ra), wb_account_row_get_open_vacancies (rb));
      break;
    case WB_ACCOUNT_COLUMN_NAME:
    case WB_N_ACCOUNT_COLUMNS:
    default:
      break;
    }

  if (result == 0)
    result = strcmp (wb_account_row_get_sort_key (ra), wb_account_row_get_sort_key (rb));
  if (result == 0)
    result = compare_ints (wb_account_row_get_id (ra), wb_account_row_get_id (rb));
  return result < 0 ? GTK_ORDERING_SMALLER : result > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

GtkSorter *
wb_account_list_model_create_sorter (WbAccountColumn column)
{
  g_return_val_if_fail (column < WB_N_ACCOUNT_COLUMNS, NULL);

  return GTK_SORTER (gtk_custom_sorter_new (compare_rows, GUINT_TO_POINTER (column), NULL));
}
