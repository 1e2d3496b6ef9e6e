/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define WB_TYPE_SLOT (wb_slot_get_type ())

G_DECLARE_FINAL_TYPE (WbSlot, wb_slot, WB, SLOT, GObject)

/* One position of a WbSlotModel: the item that stands there now. */
WbSlot   *wb_slot_new      (gpointer  item);
gpointer  wb_slot_get_item (WbSlot   *self);
void      wb_slot_set_item (WbSlot   *self,
                            gpointer  item);

G_END_DECLS
