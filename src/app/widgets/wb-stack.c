/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-stack"

#include "config.h"

#include "wb-stack.h"

void
wb_stack_show_page (GtkStack               *stack,
                    const char             *name,
                    GtkStackTransitionType  transition)
{
  GtkWidget *child;

  g_return_if_fail (GTK_IS_STACK (stack));
  g_return_if_fail (name != NULL);

  child = gtk_stack_get_child_by_name (stack, name);
  g_return_if_fail (child != NULL);
  gtk_widget_set_visible (child, TRUE);
  gtk_stack_set_visible_child_full (stack, name, transition);
}
