/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-slot-model"

#include "config.h"

#include "wb-slot-model.h"

struct _WbSlotModel
{
  GObject parent_instance;

  GListModel *model;
  GPtrArray *slots;  /* WbSlot or NULL for positions nobody asked for yet, one per item */
  gboolean keep_when_empty;

  /* The slots on screen take their new item at once, the others a few at a time after it;
   * [stale_first, stale_end) holds every slot that may still show an old item. */
  WbSlotRangeFunc range_func;
  gpointer range_data;
  guint stale_first;
  guint stale_end;
  guint catch_up_source;
  /* The list below is longer than the slots: the positions past the screen that a list
   * growing back adds once the changes pause (grow_source). */
  guint grow_source;
  /* At most this many slots until released (wb_slot_model_hold); G_MAXUINT: no limit. */
  guint hold;
};

static void wb_slot_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (WbSlotModel, wb_slot_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, wb_slot_model_list_model_init))

/* Slots off screen that take their item per tick of catching up, one tick a frame: a
 * frame then measures the text of this many rows more than the ones on screen (some
 * 0.4 ms a row). Catching up waits for a pause in the changes: while a user types, every
 * frame goes to the rows on screen, and a keystroke never pays for the one before it. */
#define CATCH_UP_SLOTS 12
#define CATCH_UP_INTERVAL_MS 16
#define CATCH_UP_DELAY_MS 150

/* GTK 4.8's list view keeps a row widget (and its cells) for each of some 200
 * positions around where it is scrolled to, and makes them the moment they exist: a search
 * that narrows a list below them tears rows down, and the key that widens it again builds
 * a hundred rows at once (1,000 widgets and more), off screen. A list that
 * grows near the screen therefore gets the positions on screen at once and the others when
 * the changes pause, a few per frame as the rows off screen catch up: while a user types,
 * the rows stay as many as the screen needs, and a key typed meanwhile waits for a dozen
 * rows at most; the count and the model below are whole all along. */
#define GROW_NEAR 256
#define GROW_SLOTS 12

static void
clear_slot (gpointer data)
{
  if (data != NULL)
    g_object_unref (data);
}

/* Gives the slot at @position the item at that position of the list below; TRUE when it
 * had another. */
static gboolean
update_slot (WbSlotModel *self,
             guint        position)
{
  WbSlot *slot = self->slots->pdata[position];
  g_autoptr(GObject) item = NULL;

  if (slot == NULL)
    return FALSE;
  item = g_list_model_get_item (self->model, position);
  if (wb_slot_get_item (slot) == (gpointer) item)
    return FALSE;
  wb_slot_set_item (slot, item);
  return TRUE;
}

static void
update_stale_range (WbSlotModel *self,
                    guint        first,
                    guint        end)
{
  first = MAX (first, self->stale_first);
  end = MIN (end, MIN (self->stale_end, self->slots->len));
  for (guint i = first; i < end; i++)
    update_slot (self, i);
  /* Shrink the stale range where its ends were updated. */
  if (first <= self->stale_first && end > self->stale_first)
    self->stale_first = end;
  if (end >= self->stale_end && first < self->stale_end)
    self->stale_end = first;
  if (self->stale_first >= self->stale_end)
    self->stale_first = self->stale_end = 0;
}

static gboolean
catch_up_cb (gpointer data)
{
  WbSlotModel *self = data;
  guint updated = 0;

  while (self->stale_first < MIN (self->stale_end, self->slots->len) && updated < CATCH_UP_SLOTS)
    updated += update_slot (self, self->stale_first++);
  if (self->stale_first < MIN (self->stale_end, self->slots->len))
    return G_SOURCE_CONTINUE;
  self->stale_first = self->stale_end = 0;
  self->catch_up_source = 0;
  return G_SOURCE_REMOVE;
}

static gboolean
start_catch_up_cb (gpointer data)
{
  WbSlotModel *self = data;

  self->catch_up_source = g_timeout_add_full (G_PRIORITY_DEFAULT, CATCH_UP_INTERVAL_MS, catch_up_cb, self, NULL);
  return G_SOURCE_REMOVE;
}

/* The positions on screen, by the owner's function: all of them without one. */
static void
hot_range (WbSlotModel *self,
           guint        n_after,
           guint       *first,
           guint       *end)
{
  guint n = G_MAXUINT;

  *first = 0;
  if (self->range_func != NULL)
    self->range_func (self->range_data, first, &n);
  /* Where the list grows shorter than the place it was scrolled to, it shows its end. */
  if (n != G_MAXUINT && (guint64) *first + n > n_after)
    *first = n_after > n ? n_after - n : 0;
  *end = n == G_MAXUINT ? G_MAXUINT : *first + n;
}

/* The positions the list below has and the slots do not yet, all of them now. */
static void
grow (WbSlotModel *self)
{
  guint n_before = self->slots->len;
  guint n_after = self->model != NULL ? g_list_model_get_n_items (self->model) : 0;

  g_clear_handle_id (&self->grow_source, g_source_remove);
  n_after = MIN (n_after, MAX (n_before, self->hold));
  if (n_after <= n_before)
    return;
  g_ptr_array_set_size (self->slots, n_after);
  g_list_model_items_changed (G_LIST_MODEL (self), n_before, 0, n_after - n_before);
}

/* A few positions more a tick, and the rest at once past the rows the view keeps. */
static gboolean
grow_step_cb (gpointer data)
{
  WbSlotModel *self = data;
  guint n_before = self->slots->len;
  guint n_after = self->model != NULL ? g_list_model_get_n_items (self->model) : 0;
  guint first = 0, end, n = G_MAXUINT;

  if (self->range_func != NULL)
    self->range_func (self->range_data, &first, &n);
  if (n == G_MAXUINT || n_before >= first + n + GROW_NEAR || n_after <= n_before + GROW_SLOTS)
    {
      self->grow_source = 0;
      grow (self);
      return G_SOURCE_REMOVE;
    }
  end = n_before + GROW_SLOTS;
  g_ptr_array_set_size (self->slots, end);
  g_list_model_items_changed (G_LIST_MODEL (self), n_before, 0, end - n_before);
  return G_SOURCE_CONTINUE;
}

static gboolean
start_grow_cb (gpointer data)
{
  WbSlotModel *self = data;

  self->grow_source = g_timeout_add_full (G_PRIORITY_DEFAULT, CATCH_UP_INTERVAL_MS, grow_step_cb, self, NULL);
  return G_SOURCE_REMOVE;
}

/* How many slots a list growing from @n_before to @n_after slots gets now: every one, or
 * (near the rows the list view keeps, with a range function) those up to a screenful past
 * the screen. */
static guint
grow_now (WbSlotModel *self,
          guint        n_before,
          guint        n_after,
          guint        hot_first,
          guint        hot_end)
{
  guint wanted;

  if (hot_end == G_MAXUINT || (guint64) n_before >= (guint64) hot_end + GROW_NEAR)
    return n_after;
  wanted = hot_end + (hot_end - hot_first);
  return MIN (n_after, MAX (n_before, wanted));
}

/* The list below grew from @n_before to @n_after: the slots that may come now, the others
 * once the changes pause (or the hold ends). */
static void
grow_some (WbSlotModel *self,
           guint        n_before,
           guint        n_after,
           guint        hot_first,
           guint        hot_end)
{
  guint n = MIN (grow_now (self, n_before, n_after, hot_first, hot_end), MAX (n_before, self->hold));

  if (n > n_before)
    {
      g_ptr_array_set_size (self->slots, n);
      g_list_model_items_changed (G_LIST_MODEL (self), n_before, 0, n - n_before);
    }
  if (n < n_after && self->hold == G_MAXUINT)
    self->grow_source = g_timeout_add_full (G_PRIORITY_DEFAULT, CATCH_UP_DELAY_MS, start_grow_cb, self, NULL);
}

/* The items from @position on may all have moved: every slot there takes the item that
 * stands at its position now, and only the change in length is an items-changed. */
static void
on_items_changed_cb (GListModel  *model,
                     guint        position,
                     guint        removed,
                     guint        added,
                     WbSlotModel *self)
{
  guint n_before = self->slots->len;
  guint n_after = g_list_model_get_n_items (model);
  guint n_common = MIN (n_before, n_after);
  /* Past the changed range nothing moved when the length stays. */
  guint end = removed == added ? MIN (position + added, n_common) : n_common;

  guint hot_first, hot_end;

  /* The owner hides the list while nothing matches: the rows stay as they were. */
  if (n_after == 0 && self->keep_when_empty)
    return;

  /* The rows on screen show the change in the next frame; the rows the list view keeps off
   * screen (a hundred and more) follow a few per frame, so that a keystroke of search as
   * you type measures the text of the rows seen, not of every row the view holds. */
  hot_range (self, n_after, &hot_first, &hot_end);
  for (guint i = position; i < end; i++)
    {
      if (self->slots->pdata[i] == NULL)
        continue;
      if (i >= hot_first && i < hot_end)
        update_slot (self, i);
      else if (self->stale_first == self->stale_end)
        {
          self->stale_first = i;
          self->stale_end = i + 1;
        }
      else
        {
          self->stale_first = MIN (self->stale_first, i);
          self->stale_end = MAX (self->stale_end, i + 1);
        }
    }
  /* Every change puts catching up off until the changes pause. */
  g_clear_handle_id (&self->catch_up_source, g_source_remove);
  if (self->stale_first < self->stale_end)
    self->catch_up_source = g_timeout_add_full (G_PRIORITY_DEFAULT, CATCH_UP_DELAY_MS, start_catch_up_cb, self, NULL);

  /* Every change puts growing off until the changes pause, as catching up. */
  g_clear_handle_id (&self->grow_source, g_source_remove);
  if (n_after < n_before)
    {
      g_ptr_array_remove_range (self->slots, n_after, n_before - n_after);
      g_list_model_items_changed (G_LIST_MODEL (self), n_after, n_before - n_after, 0);
    }
  else if (n_after > n_before)
    grow_some (self, n_before, n_after, hot_first, hot_end);
}

static GType
wb_slot_model_get_item_type (GListModel *model)
{
  return WB_TYPE_SLOT;
}

static guint
wb_slot_model_get_n_items (GListModel *model)
{
  return WB_SLOT_MODEL (model)->slots->len;
}

static gpointer
wb_slot_model_get_item (GListModel *model,
                        guint       position)
{
  WbSlotModel *self = WB_SLOT_MODEL (model);

  if (position >= self->slots->len)
    return NULL;
  if (self->slots->pdata[position] == NULL)
    {
      g_autoptr(GObject) item = g_list_model_get_item (self->model, position);

      self->slots->pdata[position] = wb_slot_new (item);
    }
  return g_object_ref (self->slots->pdata[position]);
}

static void
wb_slot_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = wb_slot_model_get_item_type;
  iface->get_n_items = wb_slot_model_get_n_items;
  iface->get_item = wb_slot_model_get_item;
}

static void
wb_slot_model_dispose (GObject *object)
{
  WbSlotModel *self = WB_SLOT_MODEL (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_items_changed_cb, self);
  g_clear_object (&self->model);
  g_clear_handle_id (&self->catch_up_source, g_source_remove);
  g_clear_handle_id (&self->grow_source, g_source_remove);

  G_OBJECT_CLASS (wb_slot_model_parent_class)->dispose (object);
}

static void
wb_slot_model_finalize (GObject *object)
{
  WbSlotModel *self = WB_SLOT_MODEL (object);

  g_ptr_array_unref (self->slots);

  G_OBJECT_CLASS (wb_slot_model_parent_class)->finalize (object);
}

static void
wb_slot_model_class_init (WbSlotModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wb_slot_model_dispose;
  object_class->finalize = wb_slot_model_finalize;
}

static void
wb_slot_model_init (WbSlotModel *self)
{
  self->slots = g_ptr_array_new_with_free_func (clear_slot);
  self->hold = G_MAXUINT;
}

WbSlotModel *
wb_slot_model_new (GListModel *model)
{
  WbSlotModel *self;

  g_return_val_if_fail (model == NULL || G_IS_LIST_MODEL (model), NULL);

  self = g_object_new (WB_TYPE_SLOT_MODEL, NULL);
  wb_slot_model_set_model (self, model);
  return self;
}

GListModel *
wb_slot_model_get_model (WbSlotModel *self)
{
  g_return_val_if_fail (WB_IS_SLOT_MODEL (self), NULL);
  return self->model;
}

void
wb_slot_model_set_model (WbSlotModel *self,
                         GListModel  *model)
{
  guint n_before;
  guint n_after;

  g_return_if_fail (WB_IS_SLOT_MODEL (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_items_changed_cb, self);
  g_set_object (&self->model, model);

  /* A new list is a new list: its rows are new slots. */
  g_clear_handle_id (&self->catch_up_source, g_source_remove);
  g_clear_handle_id (&self->grow_source, g_source_remove);
  self->stale_first = self->stale_end = 0;
  n_before = self->slots->len;
  n_after = model != NULL ? MIN (g_list_model_get_n_items (model), self->hold) : 0;
  g_ptr_array_set_size (self->slots, 0);
  g_ptr_array_set_size (self->slots, n_after);
  if (model != NULL)
    g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), self);
  if (n_before > 0 || n_after > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, n_before, n_after);
}

void
wb_slot_model_set_keep_when_empty (WbSlotModel *self,
                                   gboolean     keep)
{
  g_return_if_fail (WB_IS_SLOT_MODEL (self));

  self->keep_when_empty = keep;
  if (!keep && self->model != NULL && g_list_model_get_n_items (self->model) == 0 && self->slots->len > 0)
    {
      guint n = self->slots->len;

      g_ptr_array_set_size (self->slots, 0);
      g_list_model_items_changed (G_LIST_MODEL (self), 0, n, 0);
    }
}

gpointer
wb_slot_model_peek_item (WbSlotModel *self,
                         guint        position)
{
  g_return_val_if_fail (WB_IS_SLOT_MODEL (self), NULL);

  if (position >= self->slots->len || position >= g_list_model_get_n_items (self->model))
    return NULL;
  {
    /* From the list below, also where the slot has not caught up yet. The list keeps its
     * items; the reference taken here is not the only one. */
    g_autoptr(GObject) item = g_list_model_get_item (self->model, position);

    return item;
  }
}

void
wb_slot_model_set_range_func (WbSlotModel     *self,
                              WbSlotRangeFunc  func,
                              gpointer         user_data)
{
  g_return_if_fail (WB_IS_SLOT_MODEL (self));

  self->range_func = func;
  self->range_data = user_data;
}

void
wb_slot_model_update_visible (WbSlotModel *self)
{
  guint first, end;

  g_return_if_fail (WB_IS_SLOT_MODEL (self));

  if (self->model == NULL)
    return;
  /* The screen's rows from the scroll position, with the number of rows the view has now. */
  if (self->stale_first < self->stale_end)
    {
      hot_range (self, self->slots->len, &first, &end);
      update_stale_range (self, first, end);
    }
  /* Scrolled: the list is as long as the one below, before it can be scrolled further. */
  if (self->grow_source != 0)
    grow (self);
}

void
wb_slot_model_hold (WbSlotModel *self,
                    guint        n)
{
  g_return_if_fail (WB_IS_SLOT_MODEL (self));

  self->hold = n;
  /* Up to the hold at once, and no growing past it meanwhile. */
  grow (self);
}

gboolean
wb_slot_model_get_held (WbSlotModel *self)
{
  g_return_val_if_fail (WB_IS_SLOT_MODEL (self), FALSE);
  return self->hold != G_MAXUINT;
}

void
wb_slot_model_release (WbSlotModel *self)
{
  guint n_after, hot_first, hot_end;

  g_return_if_fail (WB_IS_SLOT_MODEL (self));

  if (self->hold == G_MAXUINT)
    return;
  self->hold = G_MAXUINT;
  n_after = self->model != NULL ? g_list_model_get_n_items (self->model) : 0;
  if (n_after <= self->slots->len)
    return;
  hot_range (self, n_after, &hot_first, &hot_end);
  grow_some (self, self->slots->len, n_after, hot_first, hot_end);
}

void
wb_slot_model_flush (WbSlotModel *self)
{
  g_return_if_fail (WB_IS_SLOT_MODEL (self));

  wb_slot_model_release (self);
  if (self->grow_source != 0)
    grow (self);
  if (self->stale_first < self->stale_end && self->model != NULL)
    update_stale_range (self, 0, G_MAXUINT);
  self->stale_first = self->stale_end = 0;
  g_clear_handle_id (&self->catch_up_source, g_source_remove);
}

gboolean
wb_slot_model_get_caught_up (WbSlotModel *self)
{
  g_return_val_if_fail (WB_IS_SLOT_MODEL (self), TRUE);
  return self->stale_first >= self->stale_end && self->grow_source == 0 && self->hold == G_MAXUINT;
}

/* The factory */

typedef struct {
  WbSlotBindFunc bind;
  gpointer user_data;
} SlotBinding;

static void
rebind (GtkListItem *list_item)
{
  SlotBinding *binding = g_object_get_data (G_OBJECT (list_item), "wb-slot-binding");
  WbSlot *slot = gtk_list_item_get_item (list_item);

  if (slot != NULL && wb_slot_get_item (slot) != NULL)
    binding->bind (list_item, wb_slot_get_item (slot), binding->user_data);
}

static void
on_slot_item_changed_cb (WbSlot      *slot,
                         GParamSpec  *pspec,
                         GtkListItem *list_item)
{
  rebind (list_item);
}

static void
on_bind_cb (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            SlotBinding              *binding)
{
  WbSlot *slot = gtk_list_item_get_item (list_item);

  g_object_set_data (G_OBJECT (list_item), "wb-slot-binding", binding);
  g_signal_connect_object (slot, "notify::item", G_CALLBACK (on_slot_item_changed_cb), list_item, 0);
  rebind (list_item);
}

static void
on_unbind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              SlotBinding              *binding)
{
  WbSlot *slot = gtk_list_item_get_item (list_item);

  if (slot != NULL)
    g_signal_handlers_disconnect_by_func (slot, on_slot_item_changed_cb, list_item);
}

GtkListItemFactory *
wb_slot_factory_new (GCallback      setup,
                     WbSlotBindFunc bind,
                     gpointer       user_data)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  SlotBinding *binding = g_new0 (SlotBinding, 1);

  g_return_val_if_fail (setup != NULL && bind != NULL, NULL);

  binding->bind = bind;
  binding->user_data = user_data;
  g_object_set_data_full (G_OBJECT (factory), "wb-slot-binding", binding, g_free);
  g_signal_connect (factory, "setup", setup, user_data);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind_cb), binding);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_unbind_cb), binding);
  return factory;
}
