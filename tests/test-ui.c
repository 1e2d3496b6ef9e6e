/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "test-ui"

#include "config.h"

#include <adwaita.h>

#include "wb-account-page.h"
#include "wb-accounts-view.h"
#include "wb-application.h"
#include "wb-chart-view.h"
#include "wb-client-profile.h"
#include "wb-clients-view.h"
#include "wb-login-page.h"
#include "wb-preferences-window.h"
#include "wb-review-queue.h"
#include "wb-theme.h"
#include "wb-vacancies-view.h"
#include "wb-vacancy-page.h"
#include "wb-monitor-view.h"
#include "wb-window.h"

/* Every user interface file the application carries builds: a template whose XML names
 * an unknown property, type, signal handler or child fails here with GtkBuilder's message
 * (a critical, which the test harness makes fatal), not in front of a user. */

#define UI_PREFIX "/nl/werkbrug/Werkbrug/ui/"

static const struct {
  const char *file;
  GType (*get_type) (void);
} templates[] = {
  { "wb-window.ui", wb_window_get_type },
  { "wb-login-page.ui", wb_login_page_get_type },
  { "wb-preferences-window.ui", wb_preferences_window_get_type },
  { "wb-clients-view.ui", wb_clients_view_get_type },
  { "wb-client-profile.ui", wb_client_profile_get_type },
  { "wb-accounts-view.ui", wb_accounts_view_get_type },
  { "wb-account-page.ui", wb_account_page_get_type },
  { "wb-chart-view.ui", wb_chart_view_get_type },
  { "wb-vacancies-view.ui", wb_vacancies_view_get_type },
  { "wb-vacancy-page.ui", wb_vacancy_page_get_type },
  { "wb-monitor-view.ui", wb_monitor_view_get_type },
};

static void
test_template (gconstpointer data)
{
  guint i = GPOINTER_TO_UINT (data);
  GType type = templates[i].get_type ();
  g_autofree char *path = g_strconcat (UI_PREFIX, templates[i].file, NULL);
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, NULL);
  g_autofree char *tag = g_strdup_printf ("<template class=\"%s\"", g_type_name (type));
  GtkWidget *widget;

  /* The file is the one this type's class uses. */
  g_assert_nonnull (bytes);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), tag));

  widget = g_object_ref_sink (g_object_new (type, NULL));
  g_assert_true (gtk_widget_get_first_child (widget) != NULL ||
                 (GTK_IS_WINDOW (widget) && gtk_window_get_child (GTK_WINDOW (widget)) != NULL));
  if (GTK_IS_WINDOW (widget))
    gtk_window_destroy (GTK_WINDOW (widget));
  g_object_unref (widget);
}

static void
test_every_file_is_tested (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) files = g_resources_enumerate_children (UI_PREFIX, 0, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (files), ==, G_N_ELEMENTS (templates));
  for (guint i = 0; i < G_N_ELEMENTS (templates); i++)
    g_assert_true (g_strv_contains ((const char * const *) files, templates[i].file));
}

static void
test_help_overlay (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (WB_SHORTCUTS_RESOURCE);
  GObject *overlay = gtk_builder_get_object (builder, "help_overlay");

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  /* The review queue's shortcuts can be hidden from those without the queue. */
  g_assert_true (wb_window_show_queue_shortcuts (GTK_SHORTCUTS_WINDOW (overlay), FALSE));
  g_assert_true (wb_window_show_queue_shortcuts (GTK_SHORTCUTS_WINDOW (overlay), TRUE));
  gtk_window_destroy (GTK_WINDOW (overlay));
}

/* The height a button asks for, in the theme in effect. */
static int
button_height (void)
{
  GtkWidget *button = g_object_ref_sink (gtk_button_new_with_label ("Werkbrug"));
  int minimum;

  gtk_widget_measure (button, GTK_ORIENTATION_VERTICAL, -1, &minimum, NULL, NULL, NULL);
  g_object_unref (button);
  return minimum;
}

/* The test that calls it again in a process of its own, which starts GTK itself: the
 * settings of a display are made once. */
static void
run_in_own_process (void)
{
  if (gdk_display_get_default () == NULL)
    {
      g_test_skip ("No display: run under Xvfb (build-aux/setup.sh test does)");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* GTK's own theme is never parsed (wb-theme.c): the display's settings are made with
 * libadwaita's empty theme, so that a button has no style at all until adw_init, which
 * brings libadwaita's, and GTK_THEME is gone again before libadwaita looks at it. Without
 * the skip, GTK's theme gives the button its padding before adw_init. */
static void
test_theme_skipped (void)
{
  g_autofree char *theme = NULL;
  GtkWidget *label;
  GdkRGBA color;
  int bare, styled;

  if (!g_test_subprocess ())
    {
      run_in_own_process ();
      return;
    }
  g_unsetenv ("GTK_THEME");
  /* Not yet asked for: nothing to do. */
  g_assert_false (wb_theme_skip_gtk_theme ());
  wb_theme_prepare ();
  g_assert_cmpstr (g_getenv ("GTK_THEME"), ==, "Adwaita-empty");
  g_assert_true (gtk_init_check ());
  g_assert_true (wb_theme_skip_gtk_theme ());
  g_assert_null (g_getenv ("GTK_THEME"));
  bare = button_height ();
  adw_init ();
  g_object_get (gtk_settings_get_default (), "gtk-theme-name", &theme, NULL);
  g_assert_cmpstr (theme, ==, "Adwaita-empty");
  styled = button_height ();
  g_test_message ("a button %d px high without a theme, %d px with libadwaita's", bare, styled);
  g_assert_cmpint (bare, <, 24);
  g_assert_cmpint (styled, >=, 24);
  /* libadwaita's own colours are there: its accent. */
  label = g_object_ref_sink (gtk_label_new ("Werkbrug"));
  gtk_widget_add_css_class (label, "accent");
  gtk_style_context_get_color (gtk_widget_get_style_context (label), &color);
  g_assert_cmpint ((int) (color.blue * 255 + 0.5), ==, 0xd8);
  g_assert_cmpint ((int) (color.red * 255 + 0.5), ==, 0x1c);
  g_object_unref (label);
}

/* A theme the user chose with GTK_THEME is left alone, and so is the variable. */
static void
test_theme_of_user_kept (void)
{
  if (!g_test_subprocess ())
    {
      run_in_own_process ();
      return;
    }
  g_setenv ("GTK_THEME", "Default", TRUE);
  wb_theme_prepare ();
  g_assert_cmpstr (g_getenv ("GTK_THEME"), ==, "Default");
  g_assert_true (gtk_init_check ());
  g_assert_false (wb_theme_skip_gtk_theme ());
  g_assert_cmpstr (g_getenv ("GTK_THEME"), ==, "Default");
  /* GTK's theme is in effect: its button has padding. */
  g_assert_cmpint (button_height (), >=, 24);
}

static void
skip_without_display (void)
{
  g_test_skip ("No display: run under Xvfb (build-aux/setup.sh test does)");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* Before GTK starts: these start it themselves, each in a process of its own. */
  g_test_add_func ("/ui/theme/gtk-theme-skipped", test_theme_skipped);
  g_test_add_func ("/ui/theme/users-theme-kept", test_theme_of_user_kept);
  if (g_test_subprocess ())
    return g_test_run ();
  if (!gtk_init_check ())
    {
      g_test_add_func ("/ui/no-display", skip_without_display);
      return g_test_run ();
    }
  adw_init ();
  wb_application_ensure_resources ();

  g_test_add_func ("/ui/every-file-is-tested", test_every_file_is_tested);
  g_test_add_func ("/ui/help-overlay", test_help_overlay);
  for (guint i = 0; i < G_N_ELEMENTS (templates); i++)
    {
      g_autofree char *name = g_strdup_printf ("/ui/template/%s", templates[i].file);

      g_test_add_data_func (name, GUINT_TO_POINTER (i), test_template);
    }
  return g_test_run ();
}
