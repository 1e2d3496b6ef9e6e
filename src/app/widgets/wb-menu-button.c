/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-menu-button"

#include "config.h"

#include "wb-menu-button.h"

#define MODEL_KEY "wb-menu-when-opened"

/* Called each time the button opens: the first time it takes its menu. */
static void
create_menu_cb (GtkMenuButton *button,
                gpointer       user_data)
{
  g_autoptr(GMenuModel) model = g_object_steal_data (G_OBJECT (button), MODEL_KEY);

  if (model != NULL)
    gtk_menu_button_set_menu_model (button, model);
}

void
wb_menu_button_set_menu_when_opened (GtkMenuButton *button,
                                     GMenuModel    *model)
{
  g_return_if_fail (GTK_IS_MENU_BUTTON (button));
  g_return_if_fail (G_IS_MENU_MODEL (model));

  g_object_set_data_full (G_OBJECT (button), MODEL_KEY, g_object_ref (model), g_object_unref);
  gtk_menu_button_set_create_popup_func (button, create_menu_cb, NULL, NULL);
}
