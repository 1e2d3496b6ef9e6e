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
};

static void wb_slot_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (WbSlotModel, wb_slot_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, wb_slot_model_list_model_init))

static void
clear_slot (gpointer data)
{
  if (data != NULL)
    g_object_unref (data);
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

  /* The owner hides the list while nothing matches: the rows stay as they were. */
  if (n_after == 0 && self->keep_when_empty)
    return;

  for (guint i = position; i < end; i++)
    {
      WbSlot *slot = self->slots->pdata[i];

      if (slot != NULL)
        {
          g_autoptr(GObject) item = g_list_model_get_item (model, i);

          wb_slot_set_item (slot, item);
        }
    }

  if (n_after < n_before)
    {
      g_ptr_array_remove_range (self->slots, n_after, n_before - n_after);
      g_list_model_items_changed (G_LIST_MODEL (self), n_after, n_before - n_after, 0);
    }
  else if (n_after > n_before)
    {
      g_ptr_array_set_size (self->slots, n_after);
      g_list_model_items_changed (G_LIST_MODEL (self), n_before, 0, n_after - n_before);
    }
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
  n_before = self->slots->len;
  n_after = model != NULL ? g_list_model_get_n_items (model) : 0;
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
  if (self->slots->pdata[position] != NULL)
    return wb_slot_get_item (self->slots->pdata[position]);
  {
    g_autoptr(GObject) item = g_list_model_get_item (self->model, position);

    /* The list below keeps its items; the reference taken here is not the only one. */
    return item;
  }
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
