/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define WB_TYPE_VIEW_SWITCHER_FACE (wb_view_switcher_face_get_type ())

G_DECLARE_FINAL_TYPE (WbViewSwitcherFace, wb_view_switcher_face, WB, VIEW_SWITCHER_FACE, GtkWidget)

/* What a button of WbViewSwitcherGrid shows: a page's icon (@icon, which may carry a count
 * over its corner) and its title (@title, a label). The title stands under the icon, or,
 * where the face may stand @beside and is given its natural width, beside it: one widget
 * that takes both forms of a switcher in a header (libadwaita's view switcher title makes
 * two switchers for that, each button with both forms). Its height for a width is that of
 * the form it takes at that width: beside from its natural width on. */
GtkWidget *wb_view_switcher_face_new        (GtkWidget          *icon,
                                             GtkWidget          *title,
                                             gboolean            can_beside);
/* Set by the switcher as it allocates its buttons: the title beside the icon (when the face
 * may take that form) or under it. */
void       wb_view_switcher_face_set_beside (WbViewSwitcherFace *self,
                                             gboolean            beside);
gboolean   wb_view_switcher_face_get_beside (WbViewSwitcherFace *self);

G_END_DECLS
