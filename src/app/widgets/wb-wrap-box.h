/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define WB_TYPE_WRAP_BOX (wb_wrap_box_get_type ())

G_DECLARE_FINAL_TYPE (WbWrapBox, wb_wrap_box, WB, WRAP_BOX, GtkWidget)

/* Widgets side by side, each as wide as it asks, that go on in a next row where the row
 * is full, as words do (a list's filters: each one whole, none behind a sideways scroll);
 * the rows as tall as their tallest. Vertical, it puts them one under the other, each as
 * wide as the box. Right to left, the rows run from the right. In rows it asks for no least
 * width: a child wider than the box keeps its own least and is cut at the box's edge. */
WbWrapBox *wb_wrap_box_new          (void);

void       wb_wrap_box_append       (WbWrapBox *self,
                                     GtkWidget *child);
void       wb_wrap_box_prepend      (WbWrapBox *self,
                                     GtkWidget *child);
void       wb_wrap_box_remove       (WbWrapBox *self,
                                     GtkWidget *child);
/* The room between two widgets of a row, and between two rows. */
int        wb_wrap_box_get_spacing  (WbWrapBox *self);
void       wb_wrap_box_set_spacing  (WbWrapBox *self,
                                     int        spacing);
gboolean   wb_wrap_box_get_vertical (WbWrapBox *self);
void       wb_wrap_box_set_vertical (WbWrapBox *self,
                                     gboolean   vertical);
/* A toolbar's actions: at least as wide as its widest, so that none is ever cut, and its
 * rows stand at its end. It asks for no more than its widest either: given the room (it
 * expands), its actions stand in one row. */
gboolean   wb_wrap_box_get_toolbar  (WbWrapBox *self);
void       wb_wrap_box_set_toolbar  (WbWrapBox *self,
                                     gboolean   toolbar);

G_END_DECLS
