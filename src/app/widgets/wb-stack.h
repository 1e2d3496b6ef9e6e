/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Shows the page @name of @stack, making its child visible first. GTK styles, measures and
 * lays out every visible child of a stack, and exposes it to screen readers, whether it is
 * shown or not; a page that a view may never show (an error, "no match", the sign-in of a
 * launch that restores its session) is kept hidden until it is first shown, and then costs
 * nothing before. */
void wb_stack_show_page (GtkStack               *stack,
                         const char             *name,
                         GtkStackTransitionType  transition);

G_END_DECLS
