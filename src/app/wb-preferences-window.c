/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-preferences-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-preferences-window.h"

struct _WbPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  AdwEntryRow *server_row;
  GtkButton *builtin_button;

  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (WbPreferencesWindow, wb_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
on_server_apply_cb (AdwEntryRow         *row,
                    WbPreferencesWindow *self)
{
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (*url != '\0' && !g_str_has_prefix (url, "http://") && !g_str_has_prefix (url, "https://"))
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (_("The address starts with https:// or http://")));
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  g_settings_set_string (self->settings, "server-url", url);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (_("Sign out and in again to use the new server")));
}

static void
on_builtin_clicked_cb (GtkButton           *button,
                       WbPreferencesWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->server_row), "");
  g_settings_set_string (self->settings, "server-url", "");
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (_("The built-in server is used the next time you sign in")));
}

static void
wb_preferences_window_dispose (GObject *object)
{
  WbPreferencesWindow *self = (WbPreferencesWindow *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), WB_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (wb_preferences_window_parent_class)->dispose (object);
}

static void
wb_preferences_window_class_init (WbPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wb_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/nl/werkbrug/Werkbrug/ui/wb-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WbPreferencesWindow, server_row);
  gtk_widget_class_bind_template_child (widget_class, WbPreferencesWindow, builtin_button);
}

static void
wb_preferences_window_init (WbPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self->server_row, "apply", G_CALLBACK (on_server_apply_cb), self);
  g_signal_connect (self->builtin_button, "clicked", G_CALLBACK (on_builtin_clicked_cb), self);
}

WbPreferencesWindow *
wb_preferences_window_new (GSettings *settings)
{
  WbPreferencesWindow *self;
  g_autofree char *url = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (WB_TYPE_PREFERENCES_WINDOW, NULL);
  self->settings = g_object_ref (settings);
  url = g_settings_get_string (settings, "server-url");
  gtk_editable_set_text (GTK_EDITABLE (self->server_row), url);
  return self;
}
