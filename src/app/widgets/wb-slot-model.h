/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "wb-slot.h"

G_BEGIN_DECLS

#define WB_TYPE_SLOT_MODEL (wb_slot_model_get_type ())

G_DECLARE_FINAL_TYPE (WbSlotModel, wb_slot_model, WB, SLOT_MODEL, GObject)

/* A list of WbSlot over another list: position i is always the same slot, and when the
 * list below changes, the slots change their item instead of being removed and added.
 *
 * GTK 4.8's list views make new row widgets for every new item they are told about, so a
 * search that swaps the 150 rows a list view keeps would build and tear down more than
 * a thousand widgets per keystroke. Over slots, the same rows stay and only rebind. Cells
 * made with wb_slot_factory_new() follow their slot. */
WbSlotModel        *wb_slot_model_new       (GListModel     *model);
GListModel         *wb_slot_model_get_model (WbSlotModel    *self);
void                wb_slot_model_set_model (WbSlotModel    *self,
                                             GListModel     *model);
/* When the list below becomes empty, keep the rows there were instead of removing them,
 * for an owner that shows something else in place of an empty list: the next change that
 * brings rows back then rebinds them instead of building them all again. */
void                wb_slot_model_set_keep_when_empty (WbSlotModel *self,
                                                       gboolean     keep);
/* The item at @position of the list below, or NULL; (transfer none). */
gpointer            wb_slot_model_peek_item (WbSlotModel    *self,
                                             guint           position);

/* The positions shown on screen: from @first, @n of them (G_MAXUINT: all, or not known). */
typedef void (*WbSlotRangeFunc) (gpointer  user_data,
                                 guint    *first,
                                 guint    *n);
/* With a range function, a change of the list below gives the slots on screen their new
 * item at once and the other slots (rows that a list view keeps off screen) a few per frame
 * once the changes pause, so that a change costs the rows seen and typing never waits for
 * the rows off screen; wb_slot_model_update_visible() after a scroll,
 * wb_slot_model_flush() before reading what the rows show. */
void                wb_slot_model_set_range_func (WbSlotModel     *self,
                                                  WbSlotRangeFunc  func,
                                                  gpointer         user_data);
/* The slots now on screen take their item at once. */
void                wb_slot_model_update_visible (WbSlotModel    *self);
/* At most @n slots, however long the list below grows, until released: a list shown for
 * the first time holds back the rows that its first frame does not show. A larger @n adds
 * slots at once. */
void                wb_slot_model_hold      (WbSlotModel    *self,
                                             guint           n);
/* Whether the slots are held (wb_slot_model_hold) and not released yet. */
gboolean            wb_slot_model_get_held  (WbSlotModel    *self);
/* The slots held back come as a list that grows does (see set_range_func). */
void                wb_slot_model_release   (WbSlotModel    *self);
/* Every slot takes its item now (and the hold ends). */
void                wb_slot_model_flush     (WbSlotModel    *self);
/* Whether every slot shows its item. */
gboolean            wb_slot_model_get_caught_up (WbSlotModel *self);

/* Binds @item (the slot's item, never NULL) to the list item's child; called again when
 * the slot's item changes. */
typedef void (*WbSlotBindFunc) (GtkListItem *list_item,
                                gpointer     item,
                                gpointer     user_data);

/* A factory for cells over a WbSlotModel: @setup as for GtkSignalListItemFactory::setup
 * (with @user_data), @bind whenever the cell shows an item. */
GtkListItemFactory *wb_slot_factory_new     (GCallback       setup,
                                             WbSlotBindFunc  bind,
                                             gpointer        user_data);

G_END_DECLS
