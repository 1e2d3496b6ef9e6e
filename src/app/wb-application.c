/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-application"

#include "config.h"
#include "wb-build-paths.h"

#include <glib-unix.h>
#include <glib/gi18n-lib.h>

#include "werkbrug-resources.h"
#include "wb-a11y.h"
#include "wb-preferences-window.h"
#include "wb-renderer.h"
#include "wb-theme.h"
#include "wb-window.h"

#include "wb-application.h"
#include "wb-secret.h"

struct _WbApplication
{
  AdwApplication parent_instance;

  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (WbApplication, wb_application, ADW_TYPE_APPLICATION)

void
wb_application_ensure_resources (void)
{
  /* Referencing the resource keeps its object file, and its constructor, in the link. */
  g_assert (werkbrug_get_resource () != NULL);
}

GSettings *
wb_application_create_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaSource) build_source = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      build_source = g_settings_schema_source_new_from_directory (WB_BUILD_SCHEMA_DIR, source, FALSE, NULL);
      if (build_source != NULL)
        schema = g_settings_schema_source_lookup (build_source, APP_ID, FALSE);
    }
  if (schema == NULL)
    g_error ("The settings schema %s is not installed", APP_ID);
  return g_settings_new_full (schema, NULL, NULL);
}

static void
on_quit_cb (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  GApplication *app = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  /* Closing the windows first lets them save their size and stop the backend. */
  while (windows != NULL)
    {
      gtk_window_destroy (windows->data);
      windows = gtk_application_get_windows (GTK_APPLICATION (app));
    }
  wb_secret_flush (5000);
  g_application_quit (app);
}

/* SIGTERM (a session logging out, a test driver) and SIGINT (Ctrl+C in a terminal) end
 * Werkbrug as the Quit action does, so that the embedded backend stops and closes its
 * database cleanly. */
static gboolean
on_quit_signal_cb (gpointer user_data)
{
  g_action_group_activate_action (G_ACTION_GROUP (user_data), "quit", NULL);
  return G_SOURCE_CONTINUE;
}

static void
on_preferences_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  WbApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  WbPreferencesWindow *preferences = wb_preferences_window_new (self->settings);

  gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
on_about_cb (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  WbApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = { "The Werkbrug authors", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-icon", APP_ID,
                        "application-name", _("Werkbrug"),
                        "developer-name", _("The Werkbrug authors"),
                        "version", PACKAGE_VERSION,
                        "comments", _("The shared workspace of the re-integration chain of South Limburg: "
                                      "jobseekers, employers and the people who bring them together."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "copyright", "© 2026 The Werkbrug authors",
                        "developers", developers,
                        "translator-credits", _("translator-credits"),
                        NULL);
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about), _("ESCO classification"),
                                      "© European Union",
                                      GTK_LICENSE_CUSTOM,
                                      _("The ESCO classification of the European Union, reused with "
                                        "acknowledgement of the source (Commission Decision 2011/833/EU)."));
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about), _("Postcode centres"),
                                      "© GeoNames",
                                      GTK_LICENSE_CUSTOM,
                                      _("GeoNames postal code data, licensed under CC BY 4.0."));
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about), _("Social-assistance figures"),
                                      "© CBS StatLine",
                                      GTK_LICENSE_CUSTOM,
                                      _("Statistics Netherlands (CBS) StatLine, licensed under CC BY 4.0."));
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", on_quit_cb },
  { "preferences", on_preferences_cb },
  { "about", on_about_cb },
};

static void
wb_application_startup (GApplication *application)
{
  WbApplication *self = WB_APPLICATION (application);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *search_accels[] = { "<Control>f", NULL };
  static const char *refresh_accels[] = { "F5", "<Control>r", NULL };
  /* As GtkApplication gives them to a help overlay of its own (the window makes Werkbrug's
   * when first asked: wb-window.c, show_help_overlay_action). */
  static const char *shortcuts_accels[] = { "<Control>F1", "<Control>question", NULL };

  wb_application_ensure_resources ();
  wb_a11y_install ();

  /* Before GTK opens the display (in the startup of GtkApplication). */
  wb_renderer_choose_early ();
  /* GtkApplication's startup opens the display (gtk_init) and AdwApplication's starts
   * libadwaita (adw_init): the display's settings in between, without GTK's theme. */
  gtk_init ();
  wb_theme_skip_gtk_theme ();
  G_APPLICATION_CLASS (wb_application_parent_class)->startup (application);
  /* Before the first window: Cairo where OpenGL is drawn by the processor. */
  wb_renderer_choose (gdk_display_get_default ());

  self->settings = wb_application_create_settings ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.search", search_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.refresh", refresh_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay", shortcuts_accels);

  g_unix_signal_add (SIGTERM, on_quit_signal_cb, self);
  g_unix_signal_add (SIGINT, on_quit_signal_cb, self);
}

static void
wb_application_activate (GApplication *application)
{
  WbApplication *self = WB_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (wb_window_new (self));
  gtk_window_present (window);
}

static void
wb_application_finalize (GObject *object)
{
  WbApplication *self = (WbApplication *) object;

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (wb_application_parent_class)->finalize (object);
}

static void
wb_application_class_init (WbApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = wb_application_finalize;
  app_class->startup = wb_application_startup;
  app_class->activate = wb_application_activate;
}

static void
wb_application_init (WbApplication *self)
{
}

WbApplication *
wb_application_new (void)
{
  return g_object_new (WB_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       /* WERKBRUG_NON_UNIQUE=1: a second instance of its own rather than a
                        * window of the first (two users side by side: training, tests). */
                       "flags", g_strcmp0 (g_getenv ("WERKBRUG_NON_UNIQUE"), "1") == 0
                                ? G_APPLICATION_NON_UNIQUE : G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/nl/werkbrug/Werkbrug",
                       NULL);
}

GSettings *
wb_application_get_settings (WbApplication *self)
{
  g_return_val_if_fail (WB_IS_APPLICATION (self), NULL);
  return self->settings;
}
