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
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/nl/werkbrug/Werkbrug/gtk/help-overlay.ui");
  GObject *overlay = gtk_builder_get_object (builder, "help_overlay");

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  /* The review queue's shortcuts can be hidden from those without the queue. */
  g_assert_true (wb_window_show_queue_shortcuts (GTK_SHORTCUTS_WINDOW (overlay), FALSE));
  g_assert_true (wb_window_show_queue_shortcuts (GTK_SHORTCUTS_WINDOW (overlay), TRUE));
  gtk_window_destroy (GTK_WINDOW (overlay));
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
