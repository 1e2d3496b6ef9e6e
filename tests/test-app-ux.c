/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "test-app-ux"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "wb-a11y.h"
#include "wb-application.h"
#include "wb-clients-view.h"
#include "wb-list-view.h"
#include "wb-session.h"
#include "wb-test-gtk.h"

/* Widget tests of what a user trips over (issue 13): a search that finds nothing in a
 * narrow scope offers the wider ones with the same search. */

#define N_CLIENTS 300

/* Waiting */

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @check (@data) holds, for at most a generous minute. */
static void
wait_until (gboolean (*check) (gpointer data),
            gpointer   data)
{
  gboolean timed_out = FALSE;
  guint source = g_timeout_add_seconds (60, timeout_cb, &timed_out);

  while (!check (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (source);
}

static gboolean
is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

/* Lets the window draw what it has now, a few frames. */
static void
settle (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gint64 until = gdk_frame_clock_get_frame_counter (clock) + 3;
  gboolean timed_out = FALSE;
  guint source = g_timeout_add_seconds (30, timeout_cb, &timed_out);

  while (gdk_frame_clock_get_frame_counter (clock) < until && !timed_out)
    {
      gtk_widget_queue_draw (widget);
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_false (timed_out);
  g_source_remove (source);
}

/* What a screen reader reads as the widget's name; NULL when it has none of its own. */
static char *
accessible_label (GtkWidget *widget)
{
  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return NULL;
  return gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, "\x01");
}

/* Synthetic clients */

static WbRecord *
make_record (WbResource  resource,
             JsonObject *object)
{
  WbRecord *record = wb_record_new (resource, object);

  json_object_unref (object);
  return record;
}

static WbRecord *
make_named (WbResource  resource,
            gint64      id,
            const char *name)
{
  JsonObject *o = json_object_new ();

  json_object_set_int_member (o, "id", id);
  json_object_set_string_member (o, resource == WB_RESOURCE_USERS ? "display_name" : "name", name);
  if (resource == WB_RESOURCE_USERS)
    json_object_set_int_member (o, "organisation_id", 1);
  return make_record (resource, o);
}

/* A consultant (user 7) of organisation 1, without a server. */
static WbSession *
make_session (void)
{
  JsonObject *me = json_object_new ();
  g_autoptr(WbRecord) me_record = NULL;
  g_autoptr(GListStore) orgs = g_list_store_new (WB_TYPE_RECORD);
  g_autoptr(GListStore) municipalities = g_list_store_new (WB_TYPE_RECORD);
  g_autoptr(GListStore) users = g_list_store_new (WB_TYPE_RECORD);
  static const char * const org_names[] = { "ISD Kompas", "ISD BOL", "Gemeente Heerlen" };
  static const char * const municipality_names[] = { "Heerlen", "Kerkrade", "Brunssum", "Landgraaf" };
  WbSession *session;

  json_object_set_int_member (me, "id", 7);
  json_object_set_int_member (me, "organisation_id", 1);
  json_object_set_string_member (me, "role", "consultant");
  json_object_set_string_member (me, "display_name", "Test Consultant");
  me_record = make_record (WB_RESOURCE_USERS, me);
  session = wb_session_new (NULL, me_record);

  for (guint i = 0; i < G_N_ELEMENTS (org_names); i++)
    {
      g_autoptr(WbRecord) r = make_named (WB_RESOURCE_ORGANISATIONS, i + 1, org_names[i]);
      g_list_store_append (orgs, r);
    }
  for (guint i = 0; i < G_N_ELEMENTS (municipality_names); i++)
    {
      g_autoptr(WbRecord) r = make_named (WB_RESOURCE_MUNICIPALITIES, i + 1, municipality_names[i]);
      g_list_store_append (municipalities, r);
    }
  {
    g_autoptr(WbRecord) a = make_named (WB_RESOURCE_USERS, 7, "Test Consultant");
    g_list_store_append (users, a);
  }
  wb_session_set_lookup (session, WB_RESOURCE_ORGANISATIONS, G_LIST_MODEL (orgs));
  wb_session_set_lookup (session, WB_RESOURCE_MUNICIPALITIES, G_LIST_MODEL (municipalities));
  wb_session_set_lookup (session, WB_RESOURCE_USERS, G_LIST_MODEL (users));
  return session;
}

/* Client i is "Given<i> Family<i>" of organisation 1 + i % 3 (the consultant's own when
 * i % 3 == 0), with the consultant as case manager when i % 5 == 0. */
static GListModel *
make_clients (guint n)
{
  GListStore *store = g_list_store_new (WB_TYPE_RECORD);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *o = json_object_new ();
      g_autofree char *given = g_strdup_printf ("Given%u", i);
      g_autofree char *family = g_strdup_printf ("Family%u", i);
      g_autofree char *pseudonym = g_strdup_printf ("K-%06u", i + 1);
      g_autoptr(WbRecord) record = NULL;

      json_object_set_int_member (o, "id", i + 1);
      json_object_set_int_member (o, "version", 1);
      json_object_set_int_member (o, "organisation_id", 1 + i % 3);
      json_object_set_int_member (o, "municipality_id", 1 + i % 4);
      json_object_set_int_member (o, "case_manager_id", i % 5 == 0 ? 7 : 9);
      json_object_set_string_member (o, "given_name", given);
      json_object_set_string_member (o, "family_name", family);
      json_object_set_string_member (o, "pseudonym", pseudonym);
      json_object_set_string_member (o, "client_group", "participatiewet");
      json_object_set_string_member (o, "phase", "intake");
      json_object_set_string_member (o, "status", "active");
      json_object_set_string_member (o, "last_activity", "2026-11-30");
      record = make_record (WB_RESOURCE_CLIENTS, o);
      g_list_store_append (store, record);
    }
  return G_LIST_MODEL (store);
}

/* 1. A search that finds nothing in a narrow scope */

typedef struct {
  GtkWindow *window;
  WbClientsView *view;
  WbSession *session;
  GSettings *settings;
} ListFixture;

static void
list_fixture_set_up (ListFixture *fixture,
                     int          width)
{
  g_autoptr(GListModel) clients = make_clients (N_CLIENTS);

  fixture->session = make_session ();
  fixture->settings = wb_application_create_settings ();
  g_settings_reset (fixture->settings, "list-scopes");
  fixture->view = wb_clients_view_new ();
  wb_list_view_set_settings (WB_LIST_VIEW (fixture->view), fixture->settings);
  fixture->window = wb_test_show_in_window (GTK_WIDGET (fixture->view), width, 700);
  wb_clients_view_set_session (fixture->view, fixture->session);
  wb_list_view_set_records (WB_LIST_VIEW (fixture->view), clients);
  settle (GTK_WIDGET (fixture->window));
}

static void
list_fixture_tear_down (ListFixture *fixture)
{
  g_settings_reset (fixture->settings, "list-scopes");
  gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->settings);
}

/* The page the list's stack shows: "list", "empty", … */
static const char *
stack_page (ListFixture *fixture)
{
  GtkWidget *button = wb_list_view_get_empty_scope_button (WB_LIST_VIEW (fixture->view), WB_LIST_SCOPE_ALL);
  GtkWidget *stack = gtk_widget_get_ancestor (button, GTK_TYPE_STACK);

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

static const char *
empty_description (ListFixture *fixture)
{
  GtkWidget *button = wb_list_view_get_empty_scope_button (WB_LIST_VIEW (fixture->view), WB_LIST_SCOPE_ALL);
  GtkWidget *page = gtk_widget_get_ancestor (button, ADW_TYPE_STATUS_PAGE);

  return adw_status_page_get_description (ADW_STATUS_PAGE (page));
}

static const char *
button_text (GtkWidget *button)
{
  return gtk_label_get_text (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))));
}

static guint
n_shown (ListFixture *fixture)
{
  return g_list_model_get_n_items (G_LIST_MODEL (wb_clients_view_get_list_model (fixture->view)));
}

static void
test_empty_offers_wider_scope (void)
{
  ListFixture fixture = { 0 };
  WbListView *list;
  GtkWidget *ours, *all;
  g_autofree char *name = NULL;
  g_autoptr(GVariant) scopes = NULL;

  list_fixture_set_up (&fixture, 1000);
  list = WB_LIST_VIEW (fixture.view);
  ours = wb_list_view_get_empty_scope_button (list, WB_LIST_SCOPE_ORGANISATION);
  all = wb_list_view_get_empty_scope_button (list, WB_LIST_SCOPE_ALL);
  g_assert_nonnull (ours);
  g_assert_nonnull (all);
  g_assert_cmpint (wb_list_view_get_scope (list), ==, WB_LIST_SCOPE_MINE);
  g_assert_cmpuint (n_shown (&fixture), ==, N_CLIENTS / 5);

  /* A colleague's client of another organisation (7: organisation 2, case manager 9): not
   * in "Mine", nor in "My organisation"; one click shows it, the search kept. */
  wb_list_view_search (list, "given7 family7");
  settle (GTK_WIDGET (fixture.window));
  g_assert_cmpuint (n_shown (&fixture), ==, 0);
  g_assert_cmpstr (stack_page (&fixture), ==, "empty");
  g_assert_nonnull (strstr (empty_description (&fixture), "Nothing in “Mine” matches"));
  g_assert_false (gtk_widget_get_visible (ours));
  g_assert_true (gtk_widget_get_visible (all));
  g_assert_true (gtk_widget_get_mapped (all));
  g_assert_cmpstr (button_text (all), ==, "Show 1 client in All I may see");
  name = accessible_label (all);
  g_assert_cmpstr (name, ==, "Show 1 client in All I may see");
  wb_test_save_shot (fixture.window, "ux-empty-wider-scope");

  g_signal_emit_by_name (all, "clicked");
  settle (GTK_WIDGET (fixture.window));
  g_assert_cmpint (wb_list_view_get_scope (list), ==, WB_LIST_SCOPE_ALL);
  g_assert_cmpuint (n_shown (&fixture), ==, 1);
  g_assert_cmpstr (stack_page (&fixture), ==, "list");
  g_assert_cmpstr (wb_list_model_get_search (wb_list_view_get_model (list)), ==, "given7 family7");
  /* A detour for this search: the list still opens on the scope the user chose. */
  scopes = g_settings_get_value (fixture.settings, "list-scopes");
  g_assert_false (g_variant_lookup (scopes, "clients", "&s", NULL));

  /* Client 3 is of the consultant's organisation: both wider scopes have it, the nearest
   * is offered (the same one client in "All I may see" adds nothing). */
  wb_list_view_set_scope (list, WB_LIST_SCOPE_MINE);
  wb_list_view_search (list, "given3 family3");
  settle (GTK_WIDGET (fixture.window));
  g_assert_cmpstr (stack_page (&fixture), ==, "empty");
  g_assert_true (gtk_widget_get_visible (ours));
  g_assert_cmpstr (button_text (ours), ==, "Show 1 client in My organisation");
  g_assert_false (gtk_widget_get_visible (all));

  /* A search with matches in "Mine" shows them. */
  wb_list_view_search (list, "given2");
  settle (GTK_WIDGET (fixture.window));
  g_assert_cmpuint (n_shown (&fixture), >, 0);
  g_assert_cmpstr (stack_page (&fixture), ==, "list");

  /* Nothing anywhere: the page says that it looked everywhere, and offers nothing wider. */
  wb_list_view_search (list, "no such client");
  settle (GTK_WIDGET (fixture.window));
  g_assert_cmpstr (stack_page (&fixture), ==, "empty");
  g_assert_false (gtk_widget_get_visible (ours));
  g_assert_false (gtk_widget_get_visible (all));
  g_assert_nonnull (strstr (empty_description (&fixture), "nor in any wider scope"));

  /* In "All I may see" the page is as before. */
  wb_list_view_set_scope (list, WB_LIST_SCOPE_ALL);
  settle (GTK_WIDGET (fixture.window));
  g_assert_cmpstr (stack_page (&fixture), ==, "empty");
  g_assert_false (gtk_widget_get_visible (all));
  g_assert_cmpstr (empty_description (&fixture), ==, "Try other words, or clear the search and the filters.");

  list_fixture_tear_down (&fixture);
}

/* At 360 px, with both wider scopes offered: nothing cut (looked at in the screenshot), the
 * buttons within the window. */
static void
test_empty_wider_scope_narrow (void)
{
  ListFixture fixture = { 0 };
  WbListView *list;
  GtkWidget *all;
  graphene_rect_t bounds;

  list_fixture_set_up (&fixture, 360);
  list = WB_LIST_VIEW (fixture.view);
  wb_list_view_search (list, "given7 family7");
  settle (GTK_WIDGET (fixture.window));
  all = wb_list_view_get_empty_scope_button (list, WB_LIST_SCOPE_ALL);
  wait_until (is_mapped, all);
  g_assert_true (gtk_widget_compute_bounds (all, GTK_WIDGET (fixture.window), &bounds));
  g_assert_cmpfloat (bounds.origin.x, >=, 0);
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (GTK_WIDGET (fixture.window)));
  wb_test_save_shot (fixture.window, "ux-empty-wider-scope-360");
  list_fixture_tear_down (&fixture);
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
      g_test_add_func ("/app-ux/no-display", skip_without_display);
      return g_test_run ();
    }
  adw_init ();
  wb_application_ensure_resources ();
  wb_a11y_install ();

  g_test_add_func ("/app-ux/scope/empty-offers-wider-scope", test_empty_offers_wider_scope);
  g_test_add_func ("/app-ux/scope/empty-wider-scope-at-360", test_empty_wider_scope_narrow);

  return g_test_run ();
}
