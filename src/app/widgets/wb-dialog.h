/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Every dialog fits the screen it opens on (1366 × 768 included) and a window as narrow as
 * 360 px: what is taller scrolls inside.
 *
 * The tallest a dialog's content may be before it scrolls: what is left of a 768 px screen
 * under a panel and the dialog's own heading and buttons. */
#define WB_DIALOG_MAX_CONTENT_HEIGHT 400

/* @child in a scrolled window as tall as it is, up to @max_height (0: the default above),
 * then scrolling; never wider than the dialog. For a message dialog's extra child. */
GtkWidget *wb_dialog_scrolled       (GtkWidget *child,
                                     int        max_height);

/* Gives @window (a dialog or an editor) @width × @height as its default size, but never more
 * than its transient parent's width and the monitor's height less room for a panel: taken
 * when @window is realized, so set the parent before presenting it. */
void       wb_dialog_fit            (GtkWindow *window,
                                     int        width,
                                     int        height);

G_END_DECLS
