/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-slot"

#include "config.h"

#include "wb-slot.h"

struct _WbSlot
{
  GObject parent_instance;

  GObject *item;
};

G_DEFINE_FINAL_TYPE (WbSlot, wb_slot, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wb_slot_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  WbSlot *self = WB_SLOT (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_slot_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  WbSlot *self = WB_SLOT (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      wb_slot_set_item (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_slot_dispose (GObject *object)
{
  WbSlot *self = WB_SLOT (object);

  g_clear_object (&self->item);

  G_OBJECT_CLASS (wb_slot_parent_class)->dispose (object);
}

static void
wb_slot_class_init (WbSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = wb_slot_get_property;
  object_class->set_property = wb_slot_set_property;
  object_class->dispose = wb_slot_dispose;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, G_TYPE_OBJECT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wb_slot_init (WbSlot *self)
{
}

WbSlot *
wb_slot_new (gpointer item)
{
  g_return_val_if_fail (item == NULL || G_IS_OBJECT (item), NULL);

  return g_object_new (WB_TYPE_SLOT, "item", item, NULL);
}

gpointer
wb_slot_get_item (WbSlot *self)
{
  g_return_val_if_fail (WB_IS_SLOT (self), NULL);
  return self->item;
}

void
wb_slot_set_item (WbSlot   *self,
                  gpointer  item)
{
  g_return_if_fail (WB_IS_SLOT (self));
  g_return_if_fail (item == NULL || G_IS_OBJECT (item));

  if (g_set_object (&self->item, item))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}
