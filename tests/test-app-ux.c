/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "test-app-ux"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "wb-a11y.h"
#include "wb-api-client.h"
#include "wb-application.h"
#include "wb-clients-view.h"
#include "wb-demo.h"
#include "wb-format.h"
#include "wb-list-row.h"
#include "wb-list-view.h"
#include "wb-locale.h"
#include "wb-login-page.h"
#include "wb-notifications-button.h"
#include "wb-secret.h"
#include "wb-session.h"
#include "wb-store.h"
#include "wb-test-api.h"
#include "wb-test-gtk.h"
#include "wb-test-server.h"
#include "wb-test-util.h"
#include "wb-filter-dropdown.h"
#include "wb-wrap-box.h"
#include "wb-view-switcher-face.h"
#include "wb-view-switcher-grid.h"
#include "wb-window.h"

/* Widget tests of what a user trips over (issue 13): a search that finds nothing in a
 * narrow scope offers the wider ones with the same search; the notifications follow the
 * server's change feed (against a real server with the demo data). */

#define N_CLIENTS 300

/* Waiting */

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @check (@data) holds, for at most a generous half minute (the
 * notifications button polls only every minute without its feed). */
static void
wait_until (gboolean (*check) (gpointer data),
            gpointer   data)
{
  gboolean timed_out = FALSE;
  guint source = g_timeout_add_seconds (30, timeout_cb, &timed_out);

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

/* 4. Spoken names: every interactive control on screen below @root has a name of its own,
 * not a type's name, not its words twice ("Cancel Cancel"), and no two have the same one. */
static void
collect_names (GtkWidget  *widget,
               GHashTable *seen,
               GPtrArray  *problems)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_DROP_DOWN (widget) || WB_IS_FILTER_DROPDOWN (widget) ||
      GTK_IS_EDITABLE (widget))
    {
      g_autofree char *name = accessible_label (widget);
      const char *label = GTK_IS_BUTTON (widget) ? gtk_button_get_label (GTK_BUTTON (widget)) : NULL;
      g_autofree char *spoken = name != NULL ? g_strdup (name) : g_strdup (label);
      g_auto(GStrv) words = spoken != NULL ? g_strsplit (spoken, " ", -1) : NULL;
      guint n = words != NULL ? g_strv_length (words) : 0;

      if (spoken == NULL || *spoken == '\0')
        g_ptr_array_add (problems, g_strdup_printf ("a %s without a name", G_OBJECT_TYPE_NAME (widget)));
      else if (g_str_has_prefix (spoken, "Gtk") || g_str_has_prefix (spoken, "Adw"))
        g_ptr_array_add (problems, g_strdup_printf ("a generic name: %s", spoken));
      else if (n % 2 == 0 && n > 0)
        {
          gboolean doubled = TRUE;

          for (guint i = 0; i < n / 2; i++)
            doubled = doubled && g_str_equal (words[i], words[n / 2 + i]);
          if (doubled)
            g_ptr_array_add (problems, g_strdup_printf ("a name said twice: %s", spoken));
        }
      if (spoken != NULL && *spoken != '\0')
        {
          if (g_hash_table_contains (seen, spoken))
            g_ptr_array_add (problems, g_strdup_printf ("two controls named “%s”", spoken));
          else
            g_hash_table_add (seen, g_strdup (spoken));
        }
      if (GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget))
        return;   /* its label and icon are its own */
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_names (child, seen, problems);
}

static void
assert_names (GtkWidget *root)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  collect_names (root, seen, problems);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("spoken names: %s", (char *) problems->pdata[i]);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (g_hash_table_size (seen), >, 0);
}

/* Synthetic clients */

/* Client i as wb_test_client_object() makes it, last active on 30 Nov 2026. */
static GListModel *
make_clients (guint n)
{
  GListStore *store = g_list_store_new (WB_TYPE_RECORD);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *o = wb_test_client_object (i);
      g_autoptr(WbRecord) record = NULL;

      json_object_set_string_member (o, "last_activity", "2026-11-30");
      record = wb_test_record_take (WB_RESOURCE_CLIENTS, o);
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

  fixture->session = wb_test_consultant_session ();
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
  assert_names (gtk_widget_get_ancestor (all, ADW_TYPE_STATUS_PAGE));
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

/* 2. Notifications follow the change feed */

#define OWNER "isd-bol.lam1"         /* a local account manager, who owns accounts */
#define OTHER_PARTY "wsp-parkstad.am1"

static void
on_session_loaded_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (wb_session_load_finish (WB_SESSION (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static gboolean
flag_set (gpointer flag)
{
  return *(gboolean *) flag;
}

static gboolean
feed_connected (gpointer session)
{
  return wb_api_feed_is_connected (wb_session_get_feed (session));
}

static WbSession *
session_for (WbTestServer *server,
             const char   *username)
{
  g_autoptr(WbRecord) me = NULL;
  g_autoptr(WbApiClient) api = wb_test_api_login (server->url, username, WB_DEMO_PASSWORD, &me);
  WbSession *session = wb_session_new (api, me);
  gboolean loaded = FALSE;

  wb_session_load_async (session, NULL, on_session_loaded_cb, &loaded);
  wait_until (flag_set, &loaded);
  return session;
}

/* How many unread notifications the server has for the user of @api. */
static guint
unread_on_server (WbApiClient *api)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = wb_test_api_request (api, "GET", "api/v1/notifications?unread=true&per_page=1",
                                                    NULL, NULL, &error);

  g_assert_no_error (error);
  return json_object_get_int_member (json_node_get_object (answer), "total");
}

static gint64
newest_unread_id (WbApiClient *api)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = wb_test_api_request (api, "GET", "api/v1/notifications?unread=true&per_page=1",
                                                    NULL, NULL, &error);
  JsonArray *items;

  g_assert_no_error (error);
  items = json_object_get_array_member (json_node_get_object (answer), "items");
  g_assert_cmpuint (json_array_get_length (items), >=, 1);
  return json_object_get_int_member (json_array_get_object_element (items, 0), "id");
}

/* Logs a contact by another organisation with an account of the owner's: the owner is told. */
static void
contact_by_other_party (WbApiClient *other,
                        gint64       employer,
                        const char  *note)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *path = g_strdup_printf ("api/v1/employers/%" G_GINT64_FORMAT "/contact-log", employer);
  g_autofree char *body = g_strdup_printf ("{\"date\":\"%s\",\"kind\":\"call\",\"note\":\"%s\"}", today, note);
  g_autoptr(JsonNode) answer = wb_test_api_request (other, "POST", path, body, NULL, &error);

  g_assert_no_error (error);
}

typedef struct {
  WbNotificationsButton *button;
  guint n_unread;
  const char *text;   /* shown in the popover's list, or NULL */
} UnreadWait;

static gboolean
unread_is (gpointer data)
{
  UnreadWait *wait = data;
  g_autoptr(GString) texts = g_string_new (NULL);

  if (wb_notifications_button_get_n_unread (wait->button) != wait->n_unread)
    return FALSE;
  wb_test_collect_texts (GTK_WIDGET (wb_notifications_button_get_list (wait->button)), texts);
  return wait->text == NULL || strstr (texts->str, wait->text) != NULL;
}

static GtkWidget *
menu_button_of (WbNotificationsButton *button)
{
  return gtk_widget_get_first_child (GTK_WIDGET (button));
}

/* The popover, open: as wide as a 360 px window allows, and showing every row whole (a few
 * rows do not scroll). With WB_TEST_SHOTS set, saved as drawn, to look at. */
static void
assert_popover_whole (WbNotificationsButton *notifications,
                      const char            *name)
{
  GtkMenuButton *button = GTK_MENU_BUTTON (gtk_widget_get_first_child (GTK_WIDGET (notifications)));
  GtkWidget *popover = GTK_WIDGET (gtk_menu_button_get_popover (button));
  GtkWidget *list = GTK_WIDGET (wb_notifications_button_get_list (notifications));
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (gtk_widget_get_parent (list)));

  gtk_menu_button_popup (button);
  wait_until (is_mapped, popover);
  settle (popover);
  g_assert_cmpint (gtk_widget_get_width (gtk_popover_get_child (GTK_POPOVER (popover))), <=, 360);
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), <=, gtk_adjustment_get_page_size (adjustment) + 0.5);
  /* Each row's buttons say which notification they act on. */
  assert_names (gtk_popover_get_child (GTK_POPOVER (popover)));
  wb_test_save_native_shot (popover, name);
  gtk_menu_button_popdown (button);
}

/* A server on a demo region of @options' size, generated in @dir. */
static WbTestServer *
start_demo_server (const char         *dir,
                   const WbDemoOptions *options)
{
  g_autofree char *db = g_build_filename (dir, "werkbrug.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WbStore) store = wb_store_open (db, &error);

  g_assert_no_error (error);
  g_assert_true (wb_demo_generate (store, options, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  return wb_test_server_start (db);
}

static void
test_notifications_follow_feed (void)
{
  g_autofree char *dir = wb_test_make_dir ();
  WbDemoOptions options = { .n_clients = 60, .n_employers = 60, .n_vacancies = 10, .seed = 7 };
  g_autoptr(GError) error = NULL;
  WbTestServer *server;
  g_autoptr(WbSession) session = NULL;
  g_autoptr(WbApiClient) other = NULL;
  g_autoptr(WbApiClient) owner_elsewhere = NULL;
  g_autoptr(JsonNode) owned = NULL;
  g_autofree char *owned_path = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *read_path = NULL;
  WbNotificationsButton *button;
  GtkWindow *window;
  UnreadWait wait;
  gint64 employer;
  guint before;
  gint64 start;

  server = start_demo_server (dir, &options);

  /* An account of the owner's, and one contact by another party already: the button shows
   * it once it has read the list. */
  session = session_for (server, OWNER);
  owned_path = g_strdup_printf ("api/v1/employers?owner_id=%" G_GINT64_FORMAT "&per_page=1",
                                wb_session_get_user_id (session));
  owned = wb_test_api_request (wb_session_get_api (session), "GET", owned_path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (owned), "items")), ==, 1);
  employer = json_object_get_int_member (json_array_get_object_element (
               json_object_get_array_member (json_node_get_object (owned), "items"), 0), "id");
  other = wb_test_api_login (server->url, OTHER_PARTY, WB_DEMO_PASSWORD, NULL);
  contact_by_other_party (other, employer, "Eerste gesprek");
  before = unread_on_server (wb_session_get_api (session));
  g_assert_cmpuint (before, >=, 1);

  wb_session_start_feed (session);
  wait_until (feed_connected, session);
  button = wb_notifications_button_new ();
  window = wb_test_show_in_window (GTK_WIDGET (button), 400, 600);
  wb_notifications_button_set_session (button, session);
  wait = (UnreadWait) { button, before, "Eerste gesprek" };
  wait_until (unread_is, &wait);

  /* A new one, written by someone else: the count and the list follow, without reopening
   * (the minute's poll waits while the feed is connected). */
  start = g_get_monotonic_time ();
  contact_by_other_party (other, employer, "Tweede gesprek over orderpickers");
  wait = (UnreadWait) { button, before + 1, "Tweede gesprek over orderpickers" };
  wait_until (unread_is, &wait);
  g_test_message ("the new notification showed after %.2f s", (g_get_monotonic_time () - start) / 1e6);
  tooltip = g_strdup_printf ("Notifications, %u unread", before + 1);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (menu_button_of (button)), ==, tooltip);
  assert_popover_whole (button, "ux-notifications");
  /* Its day as the application writes dates, not as the API does. */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    g_autofree char *iso = g_date_time_format (now, "%Y-%m-%d");
    g_autofree char *day = wb_format_iso_date (iso);
    g_autoptr(GString) texts = g_string_new (NULL);

    g_assert_cmpstr (day, !=, iso);
    wb_test_collect_texts (GTK_WIDGET (wb_notifications_button_get_list (button)), texts);
    g_assert_nonnull (strstr (texts->str, day));
  }

  /* Read in another session of the same user: it leaves this one's list too. */
  owner_elsewhere = wb_test_api_login (server->url, OWNER, WB_DEMO_PASSWORD, NULL);
  read_path = g_strdup_printf ("api/v1/notifications/%" G_GINT64_FORMAT "/read", newest_unread_id (owner_elsewhere));
  {
    g_autoptr(JsonNode) answer = wb_test_api_request (owner_elsewhere, "POST", read_path, "{}", NULL, &error);

    g_assert_no_error (error);
  }
  wait = (UnreadWait) { button, before, NULL };
  wait_until (unread_is, &wait);
  {
    g_autoptr(GString) texts = g_string_new (NULL);

    wb_test_collect_texts (GTK_WIDGET (wb_notifications_button_get_list (button)), texts);
    g_assert_null (strstr (texts->str, "Tweede gesprek"));
    g_assert_nonnull (strstr (texts->str, "Eerste gesprek"));
  }

  wb_session_stop_feed (session);
  wb_notifications_button_set_session (button, NULL);
  gtk_window_destroy (window);
  wb_test_server_stop (server);
  wb_test_remove_dir (dir);
}

/* 3. Narrow windows: nothing cut at 360 px */

/* Every label on screen below @widget whose text is cut ("Vacan…"), as "text (parent type)".
 * The text cells of a table are left out: a column is as wide as the user makes it, and a
 * row speaks its whole content (issue 13's narrow lists show the most important columns
 * first). Its badges and headings are not: a column of badges is as wide as its longest,
 * and a heading (the review queue's employer) wraps. */
static void
collect_cut_labels_in (GtkWidget *widget,
                       GPtrArray *cut,
                       gboolean   in_table)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  in_table = in_table || GTK_IS_COLUMN_VIEW (widget) || WB_IS_LIST_ROW (widget);
  if (GTK_IS_LABEL (widget) &&
      (!in_table || gtk_widget_has_css_class (widget, "wb-badge") || gtk_widget_has_css_class (widget, "heading")) &&
      pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget))))
    g_ptr_array_add (cut, g_strdup_printf ("“%s” in %s", gtk_label_get_text (GTK_LABEL (widget)),
                                           G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget))));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_cut_labels_in (child, cut, in_table);
}

static void
collect_cut_labels (GtkWidget *widget,
                    GPtrArray *cut)
{
  collect_cut_labels_in (widget, cut, FALSE);
}

/* Every table on screen below @widget that runs past its window's edge (a column cut by the
 * edge, the next ones behind a sideways scroll): its headers, or the rows of a list below
 * them (which scroll by themselves). */
static void
collect_sideways_tables (GtkWidget *widget,
                         GPtrArray *cut)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_COLUMN_VIEW (widget) || (GTK_IS_LIST_VIEW (widget) && gtk_widget_has_css_class (widget, "wb-rows")))
    {
      GtkAdjustment *h = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (widget));

      if (gtk_adjustment_get_upper (h) > gtk_adjustment_get_page_size (h) + 1)
        g_ptr_array_add (cut, g_strdup_printf ("a table %.0f px wide in %.0f px",
                                               gtk_adjustment_get_upper (h), gtk_adjustment_get_page_size (h)));
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_sideways_tables (child, cut);
}

/* The number of columns of the first table shown below @widget that are hidden, or -1. */
static int
hidden_columns (GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return -1;
  if (GTK_IS_COLUMN_VIEW (widget))
    {
      GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (widget));
      int hidden = 0;

      for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
        {
          g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

          hidden += gtk_column_view_column_get_visible (column) ? 0 : 1;
        }
      return hidden;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int hidden = hidden_columns (child);

      if (hidden >= 0)
        return hidden;
    }
  return -1;
}

/* What asks for more than 300 px, to find what widens a window. */
static void
print_widths (GtkWidget *widget,
              int        depth)
{
  int minimum;

  if (!gtk_widget_get_visible (widget))
    return;
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  if (minimum > 200 || depth < 2 || GTK_IS_CENTER_BOX (gtk_widget_get_parent (widget)) ||
      (gtk_widget_get_parent (widget) != NULL && GTK_IS_CENTER_BOX (gtk_widget_get_parent (gtk_widget_get_parent (widget)))))
    g_test_message ("%*s%s %s: %d", depth * 2, "", G_OBJECT_TYPE_NAME (widget), gtk_widget_get_name (widget), minimum);
  if (minimum > 200 && depth < 40)
    for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      print_widths (child, depth + 1);
}

static gboolean
window_at_width (gpointer window)
{
  return gtk_widget_get_width (window) <= 360;
}

static gboolean
window_at_login (gpointer window)
{
  return g_strcmp0 (wb_window_get_state (window), "login") == 0;
}

/* Past the starting page: at the sign-in page or signed in. */
static gboolean
window_left_start (gpointer window)
{
  return g_strcmp0 (wb_window_get_state (window), "starting") != 0;
}

static gboolean
window_signed_in (gpointer window)
{
  return g_strcmp0 (wb_window_get_state (window), "main") == 0;
}

/* Signed in as @user does it, on the sign-in page. */
static void
sign_in_as (WbWindow   *window,
            const char *user)
{
  wait_until (window_at_login, window);
  wb_login_page_fill (wb_window_get_login_page (window), user, WB_DEMO_PASSWORD);
  wb_login_page_submit (wb_window_get_login_page (window));
  wait_until (window_signed_in, window);
}

/* The list's stack below @widget: the one with a "loading" and an "empty" page. */
static GtkStack *
find_loading_stack (GtkWidget *widget)
{
  if (GTK_IS_STACK (widget) && gtk_stack_get_child_by_name (GTK_STACK (widget), "loading") != NULL &&
      gtk_stack_get_child_by_name (GTK_STACK (widget), "empty") != NULL)
    return GTK_STACK (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkStack *found = find_loading_stack (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A list shows its rows, or says why not (none, denied, an error): not loading any more. */
static gboolean
view_loaded (gpointer view)
{
  GtkStack *stack = find_loading_stack (view);

  return stack == NULL || g_strcmp0 (gtk_stack_get_visible_child_name (stack), "loading") != 0;
}

/* All its columns are shown again: a view brought back to a wide window gets them back in the
 * frames after its first, later on a busy machine. */
static gboolean
no_hidden_columns (gpointer view)
{
  return hidden_columns (view) == 0;
}

/* Each role's window at 360 px, every view in turn, light and dark: no label is cut, the
 * view switcher's included (it moves to the bottom bar), and the window stays 360 wide. */
/* The views' switcher on screen: at the bottom of a narrow window (the header's is hidden). */
static gboolean
is_mapped_switcher (GtkWidget     *widget,
                    gconstpointer  data)
{
  return WB_IS_VIEW_SWITCHER_GRID (widget) && gtk_widget_get_mapped (widget);
}

static void
test_narrow_every_view (void)
{
  /* Between them every view there is: a coordinator's six and an administrator's seven (the
   * other roles' views are among these), in English and in Dutch, whose titles are longer
   * ("Beoordelingswachtrij"). */
  static const struct { const char *user; gboolean dutch; } runs[] = {
    { "isd-bol.coordinator", FALSE }, { "admin", FALSE }, { "isd-bol.coordinator", TRUE }, { "admin", TRUE },
  };
  g_autofree char *messages = g_strdup (setlocale (LC_MESSAGES, NULL));
  g_autofree char *dir = wb_test_make_dir ();
  g_autofree char *db = g_build_filename (dir, "werkbrug.db", NULL);
  WbDemoOptions options = { .n_clients = 60, .n_employers = 60, .n_vacancies = 10, .seed = 7 };
  g_autoptr(GError) error = NULL;
  g_autoptr(WbStore) store = wb_store_open (db, &error);
  g_autoptr(GPtrArray) cut = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *layout = NULL;
  AdwStyleManager *style = adw_style_manager_get_default ();
  WbTestServer *server;

  g_assert_no_error (error);
  g_assert_true (wb_demo_generate (store, &options, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  server = wb_test_server_start (db);
  /* The window buttons of GNOME, the desktop Werkbrug is made for (Xvfb has no settings
   * daemon, and GTK falls back to minimize, maximize and close). */
  g_object_get (gtk_settings_get_default (), "gtk-decoration-layout", &layout, NULL);
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", "appmenu:close", NULL);

  for (guint u = 0; u < G_N_ELEMENTS (runs); u++)
    {
      const char *user = runs[u].user;
      g_autoptr(GSettings) settings = wb_application_create_settings ();
      WbSession *session;
      WbWindow *window;
      AdwViewStack *stack;
      g_autoptr(GtkSelectionModel) pages = NULL;

      if (runs[u].dutch && setlocale (LC_MESSAGES, "nl_NL.UTF-8") == NULL)
        {
          g_test_message ("The nl_NL.UTF-8 locale is not there (build-aux/setup.sh makes it): English only");
          continue;
        }
      if (runs[u].dutch)
        {
          bindtextdomain (GETTEXT_PACKAGE, wb_locale_dir ());
          bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
          /* The user interface files too, as main.c has it. */
          textdomain (GETTEXT_PACKAGE);
          g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Clients"), ==, "Cliënten");
        }
      /* Each user signs in anew: no token kept from the one before. */
      wb_secret_clear_token (server->url);
      /* The test's server, not an embedded one of the window's own. */
      g_settings_set_string (settings, "server-url", server->url);
      window = wb_window_new_with_settings (NULL, settings);
      stack = ADW_VIEW_STACK (wb_test_find_descendant (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));

      gtk_window_set_default_size (GTK_WINDOW (window), 360, 740);
      gtk_window_present (GTK_WINDOW (window));
      sign_in_as (window, user);
      session = wb_window_get_session (window);
      settle (GTK_WIDGET (window));
      g_test_message ("%s: window %d px", user, gtk_widget_get_width (GTK_WIDGET (window)));
      if (gtk_widget_get_width (GTK_WIDGET (window)) > 360)
        print_widths (GTK_WIDGET (window), 0);
      wait_until (window_at_width, window);
      pages = adw_view_stack_get_pages (stack);
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
        {
          g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
          GtkWidget *view = adw_view_stack_page_get_child (page);

          if (!adw_view_stack_page_get_visible (page))
            continue;
          adw_view_stack_set_visible_child (stack, view);
          g_test_message ("%s: %s", user, adw_view_stack_page_get_name (page));
          wait_until (view_loaded, view);
          /* The views are switched at the bottom, each button named by its view's title. */
          {
            WbViewSwitcherGrid *grid = WB_VIEW_SWITCHER_GRID (wb_test_find (GTK_WIDGET (window), is_mapped_switcher, NULL));
            GtkWidget *button = wb_view_switcher_grid_get_button (grid, adw_view_stack_page_get_name (page));
            g_autofree char *name = accessible_label (button);

            g_assert_true (gtk_widget_get_mapped (button));
            g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
            g_assert_cmpstr (name, ==, adw_view_stack_page_get_title (page));
            assert_names (GTK_WIDGET (grid));
          }
          for (guint dark = 0; dark < 2; dark++)
            {
              g_autofree char *shot = g_strdup_printf ("ux-360-%s-%s-%s-%s", runs[u].dutch ? "nl" : "en", user,
                                                       adw_view_stack_page_get_name (page), dark ? "dark" : "light");
              guint before = cut->len;

              adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                               : ADW_COLOR_SCHEME_FORCE_LIGHT);
              int minimum;

              settle (GTK_WIDGET (window));
              /* Nothing asks for more than 360 px: the window goes down to that. */
              gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
              if (minimum > 360)
                print_widths (GTK_WIDGET (window), 0);
              g_assert_cmpint (minimum, <=, 360);
              if (gtk_widget_get_width (GTK_WIDGET (window)) > 360)
                g_test_message ("%s, %s: the window grew to %d px", user, adw_view_stack_page_get_name (page),
                                gtk_widget_get_width (GTK_WIDGET (window)));
              collect_cut_labels (GTK_WIDGET (window), cut);
              collect_sideways_tables (GTK_WIDGET (window), cut);
              for (guint c = before; c < cut->len; c++)
                {
                  char *where = g_strdup_printf ("%s, %s: %s", user, adw_view_stack_page_get_name (page),
                                                 (char *) cut->pdata[c]);

                  g_free (cut->pdata[c]);
                  cut->pdata[c] = where;
                  g_test_message ("cut at 360 px: %s", where);
                }
              wb_test_save_shot (GTK_WINDOW (window), shot);
            }
        }
      adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
      /* The columns that did not fit come back when the window is wide again. */
      {
        GtkWidget *view = adw_view_stack_get_child_by_name (stack, "clients");

        adw_view_stack_set_visible_child (stack, view);
        settle (GTK_WIDGET (window));
        g_assert_cmpint (hidden_columns (view), >, 0);
        gtk_window_set_default_size (GTK_WINDOW (window), 1280, 740);
        settle (GTK_WIDGET (window));
        settle (GTK_WIDGET (window));
        g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), >=, 1000);
        wait_until (no_hidden_columns, view);
        /* A table wider than a desktop window keeps its columns and scrolls sideways. */
        view = adw_view_stack_get_child_by_name (stack, "vacancies");
        adw_view_stack_set_visible_child (stack, view);
        wait_until (view_loaded, view);
        wait_until (no_hidden_columns, view);
      }
      (void) session;
      gtk_window_destroy (GTK_WINDOW (window));
      setlocale (LC_MESSAGES, messages);
    }
  g_object_set (gtk_settings_get_default (), "gtk-decoration-layout", layout, NULL);
  g_assert_cmpuint (cut->len, ==, 0);
  wb_test_server_stop (server);
  wb_test_remove_dir (dir);
}

/* Runs the main loop for @ms and says whether @window stayed at its sign-in page all along. */
static gboolean
stays_at_login (WbWindow *window,
                guint     ms)
{
  gint64 until = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;
  gboolean stayed = TRUE;

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      stayed = stayed && window_at_login (window);
      g_usleep (2000);
    }
  return stayed;
}

static gboolean
is_status_page_titled (GtkWidget     *widget,
                       gconstpointer  title)
{
  return ADW_IS_STATUS_PAGE (widget) && g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (widget)), title) == 0;
}

/* The sign-in kept in the keyring (the test session's own) signs the next window in without
 * a password; signing out forgets it: the start after it, and the next window, stay at the
 * sign-in page, although the keyring is asked on a worker's thread while it still forgets. */
static void
test_sign_out_forgets_kept_sign_in (void)
{
  g_autofree char *dir = wb_test_make_dir ();
  WbDemoOptions options = { .n_clients = 20, .n_employers = 20, .n_vacancies = 4, .seed = 7 };
  g_autoptr(GSettings) settings = wb_application_create_settings ();
  WbTestServer *server = start_demo_server (dir, &options);
  g_autofree char *icon_when_left = NULL;
  AdwStatusPage *starting;
  gint64 started, starting_ms;
  WbWindow *window;

  g_settings_set_string (settings, "server-url", server->url);
  wb_secret_clear_token (server->url);

  window = wb_window_new_with_settings (NULL, settings);
  gtk_window_present (GTK_WINDOW (window));
  sign_in_as (window, "wsp-zuid-limburg.am1");
  /* The token reaches the keyring. */
  wb_secret_flush (5000);
  gtk_window_destroy (GTK_WINDOW (window));

  started = g_get_monotonic_time ();
  window = wb_window_new_with_settings (NULL, settings);
  gtk_window_present (GTK_WINDOW (window));
  wait_until (window_left_start, window);
  starting_ms = (g_get_monotonic_time () - started) / 1000;
  if (window_at_login (window))
    {
      gtk_window_destroy (GTK_WINDOW (window));
      wb_test_server_stop (server);
      wb_test_remove_dir (dir);
      g_test_skip ("No keyring keeps the sign-in in this session");
      return;
    }
  g_assert_cmpstr (wb_window_get_state (window), ==, "main");
  /* Restored without the sign-in page: it is made when it is first shown. And the starting
   * page gets its icon only when starting takes a moment (300 ms): a quick restore left it
   * without one, and none comes once the page is left (a sanitizer build may be slower). */
  g_assert_null (wb_test_find_descendant (GTK_WIDGET (window), WB_TYPE_LOGIN_PAGE));
  starting = ADW_STATUS_PAGE (wb_test_find (GTK_WIDGET (window), is_status_page_titled, "Preparing Werkbrug"));
  g_assert_nonnull (starting);
  icon_when_left = g_strdup (adw_status_page_get_icon_name (starting));
  g_test_message ("Restored in %" G_GINT64_FORMAT " ms", starting_ms);
  if (starting_ms < 250)
    g_assert_null (icon_when_left);
  /* Past the starting page's delay, signed in all along. */
  g_assert_false (stays_at_login (window, 400));
  g_assert_cmpstr (adw_status_page_get_icon_name (starting), ==, icon_when_left);

  /* Signing out starts the window anew: it asks the keyring while the token is forgotten. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.logout", NULL));
  wait_until (window_left_start, window);
  g_assert_true (stays_at_login (window, 1500));

  /* Signed in again, and the kept token forgotten just before the next window starts (as
   * the server's refusal of it does): a token still good on the server, being forgotten, is
   * not used. */
  wb_login_page_fill (wb_window_get_login_page (window), "wsp-zuid-limburg.am1", WB_DEMO_PASSWORD);
  wb_login_page_submit (wb_window_get_login_page (window));
  wait_until (window_signed_in, window);
  wb_secret_flush (5000);
  gtk_window_destroy (GTK_WINDOW (window));
  wb_secret_clear_token (server->url);
  window = wb_window_new_with_settings (NULL, settings);
  gtk_window_present (GTK_WINDOW (window));
  wait_until (window_left_start, window);
  g_assert_true (stays_at_login (window, 1500));
  gtk_window_destroy (GTK_WINDOW (window));
  wb_test_server_stop (server);
  wb_test_remove_dir (dir);
}

static void
skip_without_display (void)
{
  g_test_skip ("No display: run under Xvfb (build-aux/setup.sh test does)");
}

/* The review queue's count changes while a switcher button has the keyboard focus: the
 * button shows the new count and keeps the focus (it was rebuilt, and the focus fell back
 * to the window). A page shown or hidden keeps the focus on the same page's button. The
 * focus asked is the window's own: whether the window has the display's (another test's
 * window beside it on the same X server may take it) is not this test's question. */
static void
test_switcher_keeps_focus (void)
{
  AdwViewStack *stack = ADW_VIEW_STACK (adw_view_stack_new ());
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  WbViewSwitcherGrid *grid = NULL;
  AdwViewStackPage *reviews, *admin;
  GtkWindow *window;
  GtkWidget *button;
  g_autoptr(GString) texts = g_string_new (NULL);

  adw_view_stack_add_titled (stack, gtk_label_new ("clients"), "clients", "Clients");
  reviews = adw_view_stack_add_titled (stack, gtk_label_new ("reviews"), "reviews", "Review Queue");
  admin = adw_view_stack_add_titled (stack, gtk_label_new ("admin"), "admin", "Users");
  adw_view_stack_page_set_icon_name (reviews, "view-list-symbolic");
  grid = wb_view_switcher_grid_new ();
  wb_view_switcher_grid_set_stack (grid, stack);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (stack));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (grid));
  window = wb_test_show_in_window (box, 360, 400);
  wb_test_wait_frames (GTK_WIDGET (grid), 2);

  button = wb_view_switcher_grid_get_button (grid, "reviews");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_grab_focus (button));
  g_assert_true (gtk_widget_is_focus (button));

  adw_view_stack_page_set_badge_number (reviews, 7);
  wb_test_wait_frames (GTK_WIDGET (grid), 1);
  g_assert_true (wb_view_switcher_grid_get_button (grid, "reviews") == button);
  g_assert_true (gtk_widget_is_focus (button));
  wb_test_collect_texts (button, texts);
  g_assert_nonnull (strstr (texts->str, "7\n"));
  g_string_truncate (texts, 0);

  adw_view_stack_page_set_badge_number (reviews, 0);
  adw_view_stack_page_set_needs_attention (reviews, TRUE);
  wb_test_wait_frames (GTK_WIDGET (grid), 1);
  g_assert_true (gtk_widget_is_focus (button));
  g_assert_true (gtk_widget_has_css_class (button, "needs-attention"));
  wb_test_collect_texts (button, texts);
  g_assert_null (strstr (texts->str, "7\n"));

  /* Another page hidden: the buttons are made again, the focus stays on this page's. */
  adw_view_stack_page_set_visible (admin, FALSE);
  wb_test_wait_frames (GTK_WIDGET (grid), 1);
  g_assert_null (wb_view_switcher_grid_get_button (grid, "admin"));
  button = wb_view_switcher_grid_get_button (grid, "reviews");
  g_assert_true (gtk_widget_is_focus (button));

  gtk_window_destroy (window);
}

typedef enum {
  FORM_BESIDE,
  FORM_UNDER,
  FORM_TITLE,
} HeaderForm;

/* A header's switcher (a WbViewSwitcherGrid in one row, before the window's title in a
 * squeezer) in @width pixels: which form it takes, and how tall it is. */
static HeaderForm
header_form_at (int  width,
                int *height,
                int *row_minimum,
                int *row_natural)
{
  static const char * const titles[] = { "Clients", "Accounts", "Vacancies", "Monitor" };
  AdwViewStack *stack = ADW_VIEW_STACK (adw_view_stack_new ());
  AdwSqueezer *squeezer = ADW_SQUEEZER (adw_squeezer_new ());
  WbViewSwitcherGrid *row = wb_view_switcher_grid_new_row ();
  GtkWidget *title = adw_window_title_new ("Werkbrug", NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  HeaderForm form = FORM_TITLE;
  guint n_beside = 0;
  GtkWindow *window;

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      AdwViewStackPage *page = adw_view_stack_add_titled (stack, gtk_label_new (titles[i]), titles[i], titles[i]);

      adw_view_stack_page_set_icon_name (page, "view-list-symbolic");
    }
  wb_view_switcher_grid_set_stack (row, stack);
  adw_squeezer_set_switch_threshold_policy (squeezer, ADW_FOLD_THRESHOLD_POLICY_MINIMUM);
  adw_squeezer_set_homogeneous (squeezer, FALSE);
  adw_squeezer_add (squeezer, GTK_WIDGET (row));
  adw_squeezer_add (squeezer, title);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (squeezer));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (stack));
  window = wb_test_show_in_window (box, width, 300);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (squeezer)), ==, width);

  *height = gtk_widget_get_height (GTK_WIDGET (row));
  gtk_widget_measure (GTK_WIDGET (row), GTK_ORIENTATION_HORIZONTAL, -1, row_minimum, row_natural, NULL, NULL);
  if (adw_squeezer_get_visible_child (squeezer) == GTK_WIDGET (row))
    {
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (row)));
      for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
        {
          GtkWidget *button = wb_view_switcher_grid_get_button (row, titles[i]);
          GtkWidget *face = gtk_button_get_child (GTK_BUTTON (button));

          /* The views' tabs, each named by its title, the one shown selected. */
          g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (button)), ==, GTK_ACCESSIBLE_ROLE_TAB);
          g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)) == (i == 0));
          n_beside += wb_view_switcher_face_get_beside (WB_VIEW_SWITCHER_FACE (face)) ? 1 : 0;
        }
      /* Every title beside its icon, or every one under it. */
      g_assert_true (n_beside == 0 || n_beside == G_N_ELEMENTS (titles));
      form = n_beside > 0 ? FORM_BESIDE : FORM_UNDER;
    }
  else
    g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (row)));
  gtk_window_destroy (window);
  return form;
}

/* The header's switcher takes libadwaita's three forms with one set of buttons: titles
 * beside the icons where there is room, under them where less (and taller), the window's
 * title where not even that fits. */
static void
test_header_switcher_forms (void)
{
  int beside_height = 0, under_height = 0, title_height = 0, minimum = 0, natural = 0;

  g_assert_cmpint (header_form_at (1000, &beside_height, &minimum, &natural), ==, FORM_BESIDE);
  g_assert_cmpint (minimum, >, 0);
  g_assert_cmpint (natural, >, minimum + 40);
  g_assert_cmpint (header_form_at (natural, &beside_height, &minimum, &natural), ==, FORM_BESIDE);
  g_assert_cmpint (header_form_at ((minimum + natural) / 2, &under_height, &minimum, &natural), ==, FORM_UNDER);
  g_assert_cmpint (header_form_at (minimum, &under_height, &minimum, &natural), ==, FORM_UNDER);
  g_assert_cmpint (header_form_at (minimum - 20, &title_height, &minimum, &natural), ==, FORM_TITLE);
  g_assert_cmpint (under_height, >, beside_height);
}

/* Every filter on screen below @widget, counted in @n, and those that the edge of the bar
 * they are in cuts (their bar scrolled sideways, or the filter wider than its box). */
static void
collect_cut_filters (GtkWidget *widget,
                     GPtrArray *cut,
                     guint     *n)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (WB_IS_FILTER_DROPDOWN (widget))
    {
      /* The edge that cuts it: its box (which cuts a filter wider than itself), a scroller,
       * or the window. */
      GtkWidget *box = gtk_widget_get_ancestor (widget, WB_TYPE_WRAP_BOX);
      GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
      GtkWidget *edge = box != NULL ? box : scroller != NULL ? scroller : GTK_WIDGET (gtk_widget_get_root (widget));
      graphene_rect_t bounds;

      (*n)++;
      g_assert_true (gtk_widget_compute_bounds (widget, edge, &bounds));
      if (bounds.origin.x < -0.5 || bounds.origin.x + bounds.size.width > gtk_widget_get_width (edge) + 0.5)
        g_ptr_array_add (cut, g_strdup_printf ("“%s” at %.0f–%.0f px in %d px",
                                               wb_filter_dropdown_get_label (WB_FILTER_DROPDOWN (widget)),
                                               bounds.origin.x, bounds.origin.x + bounds.size.width,
                                               gtk_widget_get_width (edge)));
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_cut_filters (child, cut, n);
}

/* In a window of the size Werkbrug opens at, every filter of every list is seen whole: where
 * they do not fit in one row they take another, rather than run under the count and the
 * buttons beside them. */
static void
test_filters_whole_in_default_window (void)
{
  g_autofree char *dir = wb_test_make_dir ();
  WbDemoOptions options = { .n_clients = 60, .n_employers = 60, .n_vacancies = 10, .seed = 7 };
  g_autoptr(GPtrArray) cut = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSettings) settings = wb_application_create_settings ();
  g_autoptr(GtkSelectionModel) pages = NULL;
  WbTestServer *server = start_demo_server (dir, &options);
  WbWindow *window;
  AdwViewStack *stack;
  guint n_filters = 0;

  wb_secret_clear_token (server->url);
  g_settings_set_string (settings, "server-url", server->url);
  window = wb_window_new_with_settings (NULL, settings);
  stack = ADW_VIEW_STACK (wb_test_find_descendant (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));
  /* A coordinator: the most lists, with the most filters. */
  sign_in_as (window, "isd-bol.coordinator");
  pages = adw_view_stack_get_pages (stack);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
      GtkWidget *view = adw_view_stack_page_get_child (page);
      guint before = cut->len;

      if (!adw_view_stack_page_get_visible (page))
        continue;
      adw_view_stack_set_visible_child (stack, view);
      wait_until (view_loaded, view);
      settle (GTK_WIDGET (window));
      collect_cut_filters (view, cut, &n_filters);
      for (guint c = before; c < cut->len; c++)
        g_test_message ("%s: %s", adw_view_stack_page_get_name (page), (char *) cut->pdata[c]);
      {
        g_autofree char *shot = g_strdup_printf ("ux-filters-%s", adw_view_stack_page_get_name (page));

        wb_test_save_shot (GTK_WINDOW (window), shot);
      }
    }
  g_assert_cmpuint (n_filters, >=, 8);
  g_assert_cmpuint (cut->len, ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
  wb_test_server_stop (server);
}

/* The x of the button of the view titled @title in @grid, in the grid's coordinates. */
static double
button_x (WbViewSwitcherGrid *grid,
          const char         *title)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (wb_view_switcher_grid_get_button (grid, title), GTK_WIDGET (grid), &bounds));
  return bounds.origin.x;
}

/* In a right-to-left language the views run from right to left, in the header and at the
 * bottom, as libadwaita's switchers do; a title beside its icon stands to its left. */
static void
test_switcher_mirrors (void)
{
  static const char * const titles[] = { "Clients", "Accounts", "Vacancies", "Monitor" };

  for (guint rtl = 0; rtl <= 1; rtl++)
    for (guint single_row = 0; single_row <= 1; single_row++)
      {
        AdwViewStack *stack = ADW_VIEW_STACK (adw_view_stack_new ());
        WbViewSwitcherGrid *grid = single_row ? wb_view_switcher_grid_new_row () : wb_view_switcher_grid_new ();
        GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
        GtkWindow *window;

        /* As GTK sets it from a right-to-left locale, for every widget. */
        gtk_widget_set_default_direction (rtl ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);
        for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
          {
            AdwViewStackPage *page = adw_view_stack_add_titled (stack, gtk_label_new (titles[i]), titles[i], titles[i]);

            adw_view_stack_page_set_icon_name (page, "view-list-symbolic");
          }
        wb_view_switcher_grid_set_stack (grid, stack);
        gtk_box_append (GTK_BOX (box), GTK_WIDGET (grid));
        gtk_box_append (GTK_BOX (box), GTK_WIDGET (stack));
        window = wb_test_show_in_window (box, 1000, 300);
        g_test_message ("right to left %u, one row %u", rtl, single_row);
        if (rtl)
          g_assert_cmpfloat (button_x (grid, "Clients"), >, button_x (grid, "Monitor"));
        else
          g_assert_cmpfloat (button_x (grid, "Clients"), <, button_x (grid, "Monitor"));
        if (single_row)
          {
            GtkWidget *face = gtk_button_get_child (GTK_BUTTON (wb_view_switcher_grid_get_button (grid, "Clients")));
            graphene_rect_t icon, title;

            g_assert_true (wb_view_switcher_face_get_beside (WB_VIEW_SWITCHER_FACE (face)));
            g_assert_true (gtk_widget_compute_bounds (gtk_widget_get_first_child (face), face, &icon));
            g_assert_true (gtk_widget_compute_bounds (gtk_widget_get_last_child (face), face, &title));
            g_assert_true (rtl ? title.origin.x < icon.origin.x : title.origin.x > icon.origin.x);
          }
        gtk_window_destroy (window);
      }
  gtk_widget_set_default_direction (GTK_TEXT_DIR_LTR);
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
  /* The application's style sheet, as AdwApplication loads it: sizes depend on it. */
  wb_test_use_app_style ();

  g_test_add_func ("/app-ux/scope/empty-offers-wider-scope", test_empty_offers_wider_scope);
  g_test_add_func ("/app-ux/scope/empty-wider-scope-at-360", test_empty_wider_scope_narrow);
  g_test_add_func ("/app-ux/notifications/follow-the-change-feed", test_notifications_follow_feed);
  g_test_add_func ("/app-ux/narrow/nothing-cut-at-360", test_narrow_every_view);
  g_test_add_func ("/app-ux/filters/whole-in-default-window", test_filters_whole_in_default_window);
  g_test_add_func ("/app-ux/keyring/sign-out-forgets-kept-sign-in", test_sign_out_forgets_kept_sign_in);
  g_test_add_func ("/app-ux/switcher/count-keeps-focus", test_switcher_keeps_focus);
  g_test_add_func ("/app-ux/switcher/header-forms", test_header_switcher_forms);
  g_test_add_func ("/app-ux/switcher/mirrors-right-to-left", test_switcher_mirrors);

  return g_test_run ();
}
