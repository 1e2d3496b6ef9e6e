/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-list-model"

#include "config.h"

#include <string.h>

#include "wb-account-rules.h"
#include "wb-list-model.h"

typedef struct
{
  const WbListSpec *spec;
  GPtrArray *rows;    /* owned, in the order they were loaded */
  GPtrArray *sorted;  /* every row in the sorter's order (borrowed) */
  GPtrArray *shown;   /* the rows that pass the filters, in the sorter's order (borrowed) */
  GtkSorter *sorter;
  GHashTable *by_id;  /* gint64 * -> row (borrowed from rows) */

  char *search;       /* folded */
  char *raw_search;
  WbListFilterValue *values;  /* one per filter; text NULL and number 0 with active FALSE */
  gboolean *active;
  guint n_active;
  WbSession *session;         /* whose "mine" and "ours" a SCOPE filter means */

  /* What the searches typed before this one showed, each the one before narrowed, so that
   * deleting a key shows the rows of the shorter search again without a pass over every
   * row; any other change forgets them. */
  GPtrArray *narrowed;        /* Narrowing, oldest first */
} WbListModelPrivate;

typedef struct
{
  char *search;               /* folded, or NULL */
  GPtrArray *shown;           /* the rows it showed (borrowed) */
} Narrowing;

/* Enough for the words a person types; each holds at most the rows of the one before. */
#define MAX_NARROWED 64

static void
narrowing_free (gpointer data)
{
  Narrowing *narrowing = data;

  g_free (narrowing->search);
  g_ptr_array_unref (narrowing->shown);
  g_free (narrowing);
}

static void wb_list_model_list_model_init (GListModelInterface *iface);

G_DEFINE_TYPE_WITH_CODE (WbListModel, wb_list_model, G_TYPE_OBJECT,
                         G_ADD_PRIVATE (WbListModel)
                         G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, wb_list_model_list_model_init))

enum {
  PROP_0,
  PROP_N_SHOWN,
  PROP_N_LOADED,
  PROP_FILTERED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define PRIV(self) ((WbListModelPrivate *) wb_list_model_get_instance_private (WB_LIST_MODEL (self)))

char *
wb_list_fold_search (const char *text)
{
  /* The same folding as the server's search of accounts, in core. */
  return wb_account_search_fold (text);
}

static gboolean
text_equal (const char *a,
            const char *b)
{
  /* Values are mostly interned, so pointers compare first. */
  return a == b || (a != NULL && b != NULL && strcmp (a, b) == 0);
}

static gboolean
scope_matches (const WbListFilter *filter,
               WbListScope         scope,
               WbSession          *session,
               gpointer            row)
{
  switch (scope)
    {
    case WB_LIST_SCOPE_MINE:
      return session != NULL && filter->mine != NULL && filter->mine (row, session);
    case WB_LIST_SCOPE_ORGANISATION:
      return session != NULL && filter->ours != NULL && filter->ours (row, session);
    case WB_LIST_SCOPE_ALL:
    case WB_N_LIST_SCOPES:
    default:
      return TRUE;
    }
}

static gboolean
filter_matches (WbListModelPrivate      *priv,
                const WbListFilter      *filter,
                const WbListFilterValue *value,
                gpointer                 row)
{
  if (filter->kind == WB_LIST_FILTER_SCOPE)
    return scope_matches (filter, (WbListScope) value->number, priv->session, row);
  if (filter->match != NULL)
    return filter->match (row, value);
  if (filter->kind == WB_LIST_FILTER_TEXT && filter->text != NULL)
    {
      g_autofree char *folded = wb_list_fold_search (filter->text (row));

      return folded != NULL && strstr (folded, value->text) != NULL;
    }
  if (filter->text != NULL)
    return text_equal (filter->text (row), value->text);
  if (filter->number != NULL)
    return filter->number (row) == value->number;
  if (filter->int64 != NULL)
    return filter->int64 (row) == value->number;
  return TRUE;
}

static gboolean
row_matches (WbListModelPrivate *priv,
             gpointer            row)
{
  if (priv->n_active > 0)
    for (guint i = 0; i < priv->spec->n_filters; i++)
      if (priv->active[i] && !filter_matches (priv, &priv->spec->filters[i], &priv->values[i], row))
        return FALSE;
  if (priv->search != NULL && strstr (priv->spec->search_key (row), priv->search) == NULL)
    return FALSE;
  return TRUE;
}

/* Tells the view what changed between two lists of shown rows: the common head and tail
 * stay, so the rows on screen keep their widgets where they can. */
static void
emit_changes (WbListModel *self,
              GPtrArray   *before)
{
  WbListModelPrivate *priv = PRIV (self);
  guint n_before = before->len;
  guint n_after = priv->shown->len;
  guint head = 0;
  guint tail = 0;

  while (head < n_before && head < n_after && before->pdata[head] == priv->shown->pdata[head])
    head++;
  while (tail < n_before - head && tail < n_after - head &&
         before->pdata[n_before - 1 - tail] == priv->shown->pdata[n_after - 1 - tail])
    tail++;

  if (n_before != n_after || head != n_before)
    g_list_model_items_changed (G_LIST_MODEL (self), head, n_before - head - tail, n_after - head - tail);
  if (n_before != n_after)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SHOWN]);
}

/* The rows of @candidates that pass the search and the filters now. */
static GPtrArray *
filter_rows (WbListModelPrivate *priv,
             GPtrArray          *candidates)
{
  GPtrArray *shown = g_ptr_array_sized_new (candidates->len);

  for (guint i = 0; i < candidates->len; i++)
    if (row_matches (priv, candidates->pdata[i]))
      g_ptr_array_add (shown, candidates->pdata[i]);
  return shown;
}

/* Filters again. A stricter filter only needs to look at what is shown now. */
static void
refilter (WbListModel     *self,
          GtkFilterChange  change)
{
  WbListModelPrivate *priv = PRIV (self);
  g_autoptr(GPtrArray) before = priv->shown;

  g_ptr_array_set_size (priv->narrowed, 0);
  priv->shown = filter_rows (priv, change == GTK_FILTER_CHANGE_MORE_STRICT ? before : priv->sorted);
  emit_changes (self, before);
}

/* The search changed from @before to priv->search, the filters did not. Typing on only
 * looks at the rows shown now; deleting a key shows again what the shorter search showed,
 * and another search narrows the last one it contains. */
static void
research (WbListModel *self,
          const char  *before)
{
  WbListModelPrivate *priv = PRIV (self);
  g_autoptr(GPtrArray) shown = priv->shown;
  const char *search = priv->search;
  GPtrArray *candidates = priv->sorted;
  Narrowing *narrowing;

  if (priv->narrowed->len == MAX_NARROWED)
    g_ptr_array_remove_index (priv->narrowed, 0);
  narrowing = g_new (Narrowing, 1);
  narrowing->search = g_strdup (before);
  narrowing->shown = g_ptr_array_ref (shown);
  g_ptr_array_add (priv->narrowed, narrowing);

  for (guint i = priv->narrowed->len; i > 0; i--)
    {
      narrowing = priv->narrowed->pdata[i - 1];
      if (g_strcmp0 (narrowing->search, search) == 0)
        {
          priv->shown = g_ptr_array_ref (narrowing->shown);
          g_ptr_array_set_size (priv->narrowed, i - 1);
          emit_changes (self, shown);
          return;
        }
      if (search != NULL && (narrowing->search == NULL || strstr (search, narrowing->search) != NULL))
        {
          candidates = narrowing->shown;
          g_ptr_array_set_size (priv->narrowed, i);
          break;
        }
    }
  if (candidates == priv->sorted)
    g_ptr_array_set_size (priv->narrowed, 0);
  priv->shown = filter_rows (priv, candidates);
  emit_changes (self, shown);
}

static void
filters_changed (WbListModel     *self,
                 GtkFilterChange  change)
{
  refilter (self, change);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTERED]);
}

static int
compare_ids (const WbListSpec *spec,
             gpointer          a,
             gpointer          b)
{
  gint64 ia = spec->row_id (a);
  gint64 ib = spec->row_id (b);

  return (ia > ib) - (ia < ib);
}

static int
compare_by_sorter (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  WbListModelPrivate *priv = user_data;
  gpointer ra = *(gpointer *) a;
  gpointer rb = *(gpointer *) b;
  GtkOrdering order = GTK_ORDERING_EQUAL;

  if (priv->sorter != NULL)
    order = gtk_sorter_compare (priv->sorter, ra, rb);
  /* Ties keep the order of loading, so the list never shuffles. */
  return order != GTK_ORDERING_EQUAL ? order : compare_ids (priv->spec, ra, rb);
}

static void
resort (WbListModel *self)
{
  WbListModelPrivate *priv = PRIV (self);

  g_ptr_array_set_size (priv->sorted, 0);
  g_ptr_array_extend (priv->sorted, priv->rows, NULL, NULL);
  g_ptr_array_sort_with_data (priv->sorted, compare_by_sorter, priv);
}

static void
on_sorter_changed_cb (GtkSorter       *sorter,
                      GtkSorterChange  change,
                      WbListModel     *self)
{
  resort (self);
  refilter (self, GTK_FILTER_CHANGE_DIFFERENT);
}

/* GListModel */

static GType
wb_list_model_get_item_type (GListModel *model)
{
  WbListModelPrivate *priv = PRIV (model);

  return priv->spec != NULL && priv->spec->row_type != NULL ? priv->spec->row_type () : G_TYPE_OBJECT;
}

static guint
wb_list_model_get_n_items (GListModel *model)
{
  return PRIV (model)->shown->len;
}

static gpointer
wb_list_model_get_item (GListModel *model,
                        guint       position)
{
  WbListModelPrivate *priv = PRIV (model);

  if (position >= priv->shown->len)
    return NULL;
  return g_object_ref (priv->shown->pdata[position]);
}

static void
wb_list_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = wb_list_model_get_item_type;
  iface->get_n_items = wb_list_model_get_n_items;
  iface->get_item = wb_list_model_get_item;
}

static void
wb_list_model_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  WbListModel *self = WB_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_N_SHOWN:
      g_value_set_uint (value, wb_list_model_get_n_shown (self));
      break;
    case PROP_N_LOADED:
      g_value_set_uint (value, wb_list_model_get_n_loaded (self));
      break;
    case PROP_FILTERED:
      g_value_set_boolean (value, wb_list_model_get_filtered (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_list_model_dispose (GObject *object)
{
  WbListModelPrivate *priv = PRIV (object);

  if (priv->sorter != NULL)
    g_signal_handlers_disconnect_by_func (priv->sorter, on_sorter_changed_cb, object);
  g_clear_object (&priv->sorter);

  G_OBJECT_CLASS (wb_list_model_parent_class)->dispose (object);
}

static void
wb_list_model_finalize (GObject *object)
{
  WbListModelPrivate *priv = PRIV (object);

  g_clear_object (&priv->session);
  g_clear_pointer (&priv->by_id, g_hash_table_unref);
  g_clear_pointer (&priv->narrowed, g_ptr_array_unref);
  g_clear_pointer (&priv->shown, g_ptr_array_unref);
  g_clear_pointer (&priv->sorted, g_ptr_array_unref);
  g_clear_pointer (&priv->rows, g_ptr_array_unref);
  g_free (priv->search);
  g_free (priv->raw_search);
  g_free (priv->values);
  g_free (priv->active);

  G_OBJECT_CLASS (wb_list_model_parent_class)->finalize (object);
}

static void
wb_list_model_class_init (WbListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = wb_list_model_get_property;
  object_class->dispose = wb_list_model_dispose;
  object_class->finalize = wb_list_model_finalize;

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
wb_list_model_init (WbListModel *self)
{
  WbListModelPrivate *priv = PRIV (self);

  priv->rows = g_ptr_array_new_with_free_func (g_object_unref);
  priv->sorted = g_ptr_array_new ();
  priv->shown = g_ptr_array_new ();
  priv->by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  priv->narrowed = g_ptr_array_new_with_free_func (narrowing_free);
}

void
wb_list_model_set_spec (WbListModel      *self,
                        const WbListSpec *spec)
{
  WbListModelPrivate *priv;

  g_return_if_fail (WB_IS_LIST_MODEL (self));
  g_return_if_fail (spec != NULL && spec->row_id != NULL && spec->search_key != NULL);

  priv = PRIV (self);
  g_return_if_fail (priv->spec == NULL);
  priv->spec = spec;
  priv->values = g_new0 (WbListFilterValue, spec->n_filters);
  priv->active = g_new0 (gboolean, spec->n_filters);
}

const WbListSpec *
wb_list_model_get_spec (WbListModel *self)
{
  g_return_val_if_fail (WB_IS_LIST_MODEL (self), NULL);
  return PRIV (self)->spec;
}

guint
wb_list_model_get_n_loaded (WbListModel *self)
{
  g_return_val_if_fail (WB_IS_LIST_MODEL (self), 0);
  return PRIV (self)->rows->len;
}

guint
wb_list_model_get_n_shown (WbListModel *self)
{
  g_return_val_if_fail (WB_IS_LIST_MODEL (self), 0);
  return PRIV (self)->shown->len;
}

/* Merges the sorted run of new rows into the sorted array of the rows there were. */
static void
merge_sorted (WbListModelPrivate *priv,
              GPtrArray          *added)
{
  g_autoptr(GPtrArray) merged = g_ptr_array_sized_new (priv->sorted->len + added->len);
  guint a = 0;
  guint b = 0;

  g_ptr_array_sort_with_data (added, compare_by_sorter, priv);
  while (a < priv->sorted->len || b < added->len)
    {
      if (b == added->len ||
          (a < priv->sorted->len && compare_by_sorter (&priv->sorted->pdata[a], &added->pdata[b], priv) <= 0))
        g_ptr_array_add (merged, priv->sorted->pdata[a++]);
      else
        g_ptr_array_add (merged, added->pdata[b++]);
    }
  g_ptr_array_unref (priv->sorted);
  priv->sorted = g_steal_pointer (&merged);
}

static gpointer
make_row (WbListModel *self,
          WbRecord    *record)
{
  return WB_LIST_MODEL_GET_CLASS (self)->make_row (self, record);
}

void
wb_list_model_append_records (WbListModel *self,
                              GListModel  *records)
{
  WbListModelPrivate *priv;
  g_autoptr(GPtrArray) added = NULL;
  guint n;

  g_return_if_fail (WB_IS_LIST_MODEL (self));
  g_return_if_fail (G_IS_LIST_MODEL (records));

  priv = PRIV (self);
  n = g_list_model_get_n_items (records);
  added = g_ptr_array_sized_new (n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WbRecord) record = g_list_model_get_item (records, i);
      gpointer row;
      gint64 id = wb_record_get_id (record);

      /* A page may start again with rows already there (the view reads a screenful first). */
      if (id != 0 && g_hash_table_contains (priv->by_id, &id))
        continue;
      row = make_row (self, record);
      if (row == NULL)
        continue;
      id = priv->spec->row_id (row);
      g_ptr_array_add (priv->rows, row);
      g_ptr_array_add (added, row);
      g_hash_table_insert (priv->by_id, g_memdup2 (&id, sizeof id), row);
    }

  merge_sorted (priv, added);
  refilter (self, GTK_FILTER_CHANGE_DIFFERENT);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_LOADED]);
}

void
wb_list_model_clear (WbListModel *self)
{
  WbListModelPrivate *priv;
  guint n_shown;

  g_return_if_fail (WB_IS_LIST_MODEL (self));

  priv = PRIV (self);
  n_shown = priv->shown->len;
  g_ptr_array_set_size (priv->narrowed, 0);
  g_ptr_array_set_size (priv->shown, 0);
  g_ptr_array_set_size (priv->sorted, 0);
  g_hash_table_remove_all (priv->by_id);
  /* The view lets go of the rows before they are freed. */
  if (n_shown > 0)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), 0, n_shown, 0);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SHOWN]);
    }
  g_ptr_array_set_size (priv->rows, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_LOADED]);
}

gpointer
wb_list_model_find (WbListModel *self,
                    gint64       id)
{
  g_return_val_if_fail (WB_IS_LIST_MODEL (self), NULL);
  return g_hash_table_lookup (PRIV (self)->by_id, &id);
}

void
wb_list_model_replace_record (WbListModel *self,
                              WbRecord    *record,
                              gboolean     add)
{
  WbListModelPrivate *priv;
  gpointer old;
  gpointer row;
  guint position = 0;
  gint64 id;

  g_return_if_fail (WB_IS_LIST_MODEL (self));
  g_return_if_fail (WB_IS_RECORD (record));

  priv = PRIV (self);
  id = wb_record_get_id (record);
  old = g_hash_table_lookup (priv->by_id, &id);
  if (old != NULL && !g_ptr_array_find (priv->rows, old, &position))
    old = NULL;
  if (old == NULL && !add)
    return;

  row = make_row (self, record);
  if (row == NULL && old == NULL)
    return;

  /* The old row stays alive in the shown array until the view has heard of the change. */
  if (row == NULL)
    {
      g_hash_table_remove (priv->by_id, &id);
      g_ptr_array_steal_index (priv->rows, position);
    }
  else
    {
      g_hash_table_insert (priv->by_id, g_memdup2 (&id, sizeof id), row);
      if (old != NULL)
        priv->rows->pdata[position] = row;
      else
        g_ptr_array_add (priv->rows, row);
    }
  resort (self);
  refilter (self, GTK_FILTER_CHANGE_DIFFERENT);
  if (old == NULL || row == NULL)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_LOADED]);
  g_clear_object (&old);
}

void
wb_list_model_remove (WbListModel *self,
                      gint64       id)
{
  WbListModelPrivate *priv;
  gpointer old;
  guint position;

  g_return_if_fail (WB_IS_LIST_MODEL (self));

  priv = PRIV (self);
  old = g_hash_table_lookup (priv->by_id, &id);
  if (old == NULL || !g_ptr_array_find (priv->rows, old, &position))
    return;
  /* As in replace: the row stays alive in the shown array until the view has heard. */
  g_hash_table_remove (priv->by_id, &id);
  g_ptr_array_steal_index (priv->rows, position);
  g_ptr_array_remove (priv->sorted, old);
  refilter (self, GTK_FILTER_CHANGE_DIFFERENT);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_LOADED]);
  g_object_unref (old);
}

void
wb_list_model_set_search (WbListModel *self,
                          const char  *text)
{
  WbListModelPrivate *priv;
  char *folded;
  g_autofree char *before = NULL;

  g_return_if_fail (WB_IS_LIST_MODEL (self));

  priv = PRIV (self);
  folded = wb_list_fold_search (text);
  if (g_strcmp0 (folded, priv->search) == 0)
    {
      g_free (folded);
      return;
    }

  before = g_steal_pointer (&priv->search);
  priv->search = folded;
  g_free (priv->raw_search);
  priv->raw_search = folded != NULL ? g_strstrip (g_strdup (text)) : NULL;
  research (self, before);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTERED]);
}

const char *
wb_list_model_get_search (WbListModel *self)
{
  g_return_val_if_fail (WB_IS_LIST_MODEL (self), NULL);
  return PRIV (self)->raw_search;
}

static void
set_value (WbListModel *self,
           guint        index,
           const char  *text,
           gint64       number,
           gboolean     any)
{
  WbListModelPrivate *priv = PRIV (self);
  WbListFilterValue *value = &priv->values[index];

  if (any == !priv->active[index] && (any || (value->text == text && value->number == number)))
    return;
  priv->n_active += (any ? 0 : 1) - (priv->active[index] ? 1 : 0);
  priv->active[index] = !any;
  value->text = any ? NULL : text;
  value->number = any ? 0 : number;
  filters_changed (self, GTK_FILTER_CHANGE_DIFFERENT);
}

void
wb_list_model_set_filter (WbListModel *self,
                          guint        index,
                          const char  *value)
{
  g_return_if_fail (WB_IS_LIST_MODEL (self));
  g_return_if_fail (index < PRIV (self)->spec->n_filters);

  if (value == NULL || *value == '\0')
    set_value (self, index, NULL, 0, TRUE);
  else if (PRIV (self)->spec->filters[index].kind == WB_LIST_FILTER_TEXT)
    {
      g_autofree char *folded = wb_list_fold_search (value);

      set_value (self, index, folded != NULL ? g_intern_string (folded) : NULL, 0, folded == NULL);
    }
  else
    set_value (self, index, g_intern_string (value), g_ascii_strtoll (value, NULL, 10), FALSE);
}

void
wb_list_model_set_filter_number (WbListModel *self,
                                 guint        index,
                                 gint64       number,
                                 gboolean     any)
{
  char text[24];

  g_return_if_fail (WB_IS_LIST_MODEL (self));
  g_return_if_fail (index < PRIV (self)->spec->n_filters);

  g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, number);
  set_value (self, index, any ? NULL : g_intern_string (text), number, any);
}

const WbListFilterValue *
wb_list_model_get_filter (WbListModel *self,
                          guint        index)
{
  WbListModelPrivate *priv;

  g_return_val_if_fail (WB_IS_LIST_MODEL (self), NULL);

  priv = PRIV (self);
  g_return_val_if_fail (index < priv->spec->n_filters, NULL);
  return priv->active[index] ? &priv->values[index] : NULL;
}

void
wb_list_model_reset_filters (WbListModel *self)
{
  WbListModelPrivate *priv;

  g_return_if_fail (WB_IS_LIST_MODEL (self));

  priv = PRIV (self);
  /* A scope is where the user looks, not a filter to clear: it stays. */
  for (guint i = 0; i < priv->spec->n_filters; i++)
    if (priv->spec->filters[i].kind != WB_LIST_FILTER_SCOPE && priv->active[i])
      {
        memset (&priv->values[i], 0, sizeof (WbListFilterValue));
        priv->active[i] = FALSE;
        priv->n_active--;
      }
  g_clear_pointer (&priv->search, g_free);
  g_clear_pointer (&priv->raw_search, g_free);
  filters_changed (self, GTK_FILTER_CHANGE_LESS_STRICT);
}

gboolean
wb_list_model_get_filtered (WbListModel *self)
{
  g_return_val_if_fail (WB_IS_LIST_MODEL (self), FALSE);
  return PRIV (self)->n_active > 0 || PRIV (self)->search != NULL;
}

GHashTable *
wb_list_model_dup_query (WbListModel *self)
{
  WbListModelPrivate *priv;
  GHashTable *query;

  g_return_val_if_fail (WB_IS_LIST_MODEL (self), NULL);

  priv = PRIV (self);
  query = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  for (guint i = 0; i < priv->spec->n_filters; i++)
    {
      const WbListFilter *filter = &priv->spec->filters[i];

      char *value;

      if (!priv->active[i] || filter->query_param == NULL)
        continue;
      value = filter->query_value != NULL ? filter->query_value (&priv->values[i]) : g_strdup (priv->values[i].text);
      if (value != NULL)
        g_hash_table_insert (query, (gpointer) filter->query_param, value);
    }
  if (priv->raw_search != NULL)
    g_hash_table_insert (query, "q", g_strdup (priv->raw_search));
  return query;
}

void
wb_list_model_set_sorter (WbListModel *self,
                          GtkSorter   *sorter)
{
  WbListModelPrivate *priv;

  g_return_if_fail (WB_IS_LIST_MODEL (self));
  g_return_if_fail (sorter == NULL || GTK_IS_SORTER (sorter));

  priv = PRIV (self);
  if (priv->sorter == sorter)
    return;
  if (priv->sorter != NULL)
    g_signal_handlers_disconnect_by_func (priv->sorter, on_sorter_changed_cb, self);
  g_set_object (&priv->sorter, sorter);
  if (sorter != NULL)
    g_signal_connect (sorter, "changed", G_CALLBACK (on_sorter_changed_cb), self);
  resort (self);
  refilter (self, GTK_FILTER_CHANGE_DIFFERENT);
}

/* Sorting: a column compares its key, the natural order breaks ties, then the id. */

typedef struct {
  const WbListSpec *spec;
  const WbListColumn *column;
} SortData;

static int
compare_keys (const WbListColumn *column,
              gpointer            a,
              gpointer            b)
{
  if (column->sort_text != NULL)
    {
      const char *ta = column->sort_text (a);
      const char *tb = column->sort_text (b);

      if (ta == NULL || tb == NULL)
        return column->nulls_first ? (ta != NULL) - (tb != NULL) : (ta == NULL) - (tb == NULL);
      return strcmp (ta, tb);
    }
  if (column->sort_number != NULL)
    {
      int na = column->sort_number (a);
      int nb = column->sort_number (b);

      return (na > nb) - (na < nb);
    }
  if (column->sort_int64 != NULL)
    {
      gint64 na = column->sort_int64 (a);
      gint64 nb = column->sort_int64 (b);

      return (na > nb) - (na < nb);
    }
  return 0;
}

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  SortData *data = user_data;
  gpointer ra = (gpointer) a;
  gpointer rb = (gpointer) b;
  int result = compare_keys (data->column, ra, rb);

  if (result == 0 && data->spec->compare != NULL)
    result = data->spec->compare (ra, rb);
  if (result == 0)
    result = compare_ids (data->spec, ra, rb);
  return result < 0 ? GTK_ORDERING_SMALLER : result > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

GtkSorter *
wb_list_spec_create_sorter (const WbListSpec *spec,
                            guint             index)
{
  SortData *data;

  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (index < spec->n_columns, NULL);

  data = g_new (SortData, 1);
  data->spec = spec;
  data->column = &spec->columns[index];
  return GTK_SORTER (gtk_custom_sorter_new (compare_rows, data, g_free));
}

void
wb_list_model_set_session (WbListModel *self,
                           WbSession   *session)
{
  g_return_if_fail (WB_IS_LIST_MODEL (self));
  g_return_if_fail (session == NULL || WB_IS_SESSION (session));

  if (g_set_object (&PRIV (self)->session, session) && PRIV (self)->n_active > 0)
    filters_changed (self, GTK_FILTER_CHANGE_DIFFERENT);
}

void
wb_list_model_set_scope (WbListModel *self,
                         guint        index,
                         WbListScope  scope)
{
  static const char * const names[] = { "mine", "organisation", "all" };

  g_return_if_fail (WB_IS_LIST_MODEL (self));
  g_return_if_fail (index < PRIV (self)->spec->n_filters);
  g_return_if_fail (PRIV (self)->spec->filters[index].kind == WB_LIST_FILTER_SCOPE);
  g_return_if_fail (scope < WB_N_LIST_SCOPES);

  set_value (self, index, names[scope], scope, scope == WB_LIST_SCOPE_ALL);
}

WbListScope
wb_list_model_get_scope (WbListModel *self,
                         guint        index)
{
  const WbListFilterValue *value = wb_list_model_get_filter (self, index);

  return value != NULL ? (WbListScope) value->number : WB_LIST_SCOPE_ALL;
}

guint
wb_list_model_count_scope (WbListModel *self,
                           guint        index,
                           WbListScope  scope)
{
  WbListModelPrivate *priv;
  guint n = 0;

  g_return_val_if_fail (WB_IS_LIST_MODEL (self), 0);
  g_return_val_if_fail (index < PRIV (self)->spec->n_filters, 0);

  priv = PRIV (self);
  if (scope == WB_LIST_SCOPE_ALL)
    return priv->rows->len;
  for (guint i = 0; i < priv->rows->len; i++)
    n += scope_matches (&priv->spec->filters[index], scope, priv->session, priv->rows->pdata[i]) ? 1 : 0;
  return n;
}

void
wb_list_model_count_in_scopes (WbListModel *self,
                               guint        index,
                               guint        counts[WB_N_LIST_SCOPES])
{
  WbListModelPrivate *priv;
  const WbListFilter *scope_filter;

  g_return_if_fail (WB_IS_LIST_MODEL (self));
  g_return_if_fail (index < PRIV (self)->spec->n_filters);
  g_return_if_fail (PRIV (self)->spec->filters[index].kind == WB_LIST_FILTER_SCOPE);

  priv = PRIV (self);
  scope_filter = &priv->spec->filters[index];
  memset (counts, 0, sizeof (guint) * WB_N_LIST_SCOPES);
  for (guint r = 0; r < priv->rows->len; r++)
    {
      gpointer row = priv->rows->pdata[r];
      gboolean passes = TRUE;

      if (priv->search != NULL && strstr (priv->spec->search_key (row), priv->search) == NULL)
        continue;
      for (guint i = 0; passes && i < priv->spec->n_filters; i++)
        if (i != index && priv->active[i])
          passes = filter_matches (priv, &priv->spec->filters[i], &priv->values[i], row);
      if (!passes)
        continue;
      for (WbListScope scope = 0; scope < WB_N_LIST_SCOPES; scope++)
        counts[scope] += scope_matches (scope_filter, scope, priv->session, row) ? 1 : 0;
    }
}

gboolean
wb_list_model_get_narrowed (WbListModel *self)
{
  WbListModelPrivate *priv;

  g_return_val_if_fail (WB_IS_LIST_MODEL (self), FALSE);

  priv = PRIV (self);
  if (priv->search != NULL)
    return TRUE;
  for (guint i = 0; i < priv->spec->n_filters; i++)
    if (priv->active[i] && priv->spec->filters[i].kind != WB_LIST_FILTER_SCOPE)
      return TRUE;
  return FALSE;
}
