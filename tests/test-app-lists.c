/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "test-app-lists"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "wb-application.h"
#include "wb-cells.h"
#include "wb-clients-view.h"
#include "wb-list-row.h"
#include "wb-session.h"
#include "wb-text-cell.h"
#include "wb-slot-model.h"
#include "wb-test-gtk.h"

/* Widget tests of the shared list machinery in a real window: what the rows on screen
 * show while the user types a search, scrolls and clears it. */

#define N_CLIENTS 1000

/* Client i as wb_test_client_object() makes it, last active i % 400 days ago. */
static GListModel *
make_clients (guint n)
{
  GListStore *store = g_list_store_new (WB_TYPE_RECORD);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  for (guint i = 0; i < n; i++)
    {
      JsonObject *o = wb_test_client_object (i);
      g_autoptr(GDateTime) day = g_date_time_add_days (now, -(int) (i % 400));
      g_autofree char *text = g_date_time_format (day, "%Y-%m-%d");
      g_autoptr(WbRecord) record = NULL;

      json_object_set_string_member (o, "last_activity", text);
      record = wb_test_record_take (WB_RESOURCE_CLIENTS, o);
      g_list_store_append (store, record);
    }
  return G_LIST_MODEL (store);
}

/* The window */

typedef struct {
  GtkWindow *window;
  WbClientsView *view;
  WbSession *session;
  GSettings *settings;   /* NULL: the list remembers nothing */
  gboolean keep_scope;
  gint64 painted;
} Fixture;

static void
on_after_paint_cb (GdkFrameClock *clock,
                   Fixture       *fixture)
{
  fixture->painted++;
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @n more frames were painted. */
static void
wait_frames (Fixture *fixture,
             guint    n)
{
  gint64 until = fixture->painted + n;
  gboolean timed_out = FALSE;
  /* Frames, not time; the deadline is for a machine that paints none at all, and long enough
   * for the sanitizer build on a busy one. */
  guint source = g_timeout_add_seconds (60, timeout_cb, &timed_out);

  while (fixture->painted < until && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (source);
}

/* Runs the main loop for @ms milliseconds: the rows off screen catch up meanwhile. */
static void
wait_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
fixture_set_up (Fixture *fixture)
{
  g_autoptr(GListModel) clients = make_clients (N_CLIENTS);

  fixture->session = wb_test_consultant_session ();
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1000, 700);
  fixture->view = wb_clients_view_new ();
  if (fixture->settings != NULL)
    wb_list_view_set_settings (WB_LIST_VIEW (fixture->view), fixture->settings);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->view));
  wb_clients_view_set_session (fixture->view, fixture->session);
  wb_list_view_set_records (WB_LIST_VIEW (fixture->view), clients);
  /* A consultant opens on their own caseload; the search tests look at every client. */
  if (!fixture->keep_scope)
    wb_list_view_set_scope (WB_LIST_VIEW (fixture->view), WB_LIST_SCOPE_ALL);
  gtk_window_present (fixture->window);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (fixture->window)), "after-paint",
                    G_CALLBACK (on_after_paint_cb), fixture);
  wait_frames (fixture, 2);
}

static void
fixture_tear_down (Fixture *fixture)
{
  g_signal_handlers_disconnect_by_data (gtk_widget_get_frame_clock (GTK_WIDGET (fixture->window)), fixture);
  gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->settings);
  wait_ms (50);
}

/* What the rows show */

typedef struct {
  double y;
  const char *text;
} Line;

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  const Line *la = a;
  const Line *lb = b;

  return (la->y > lb->y) - (la->y < lb->y);
}

static void
collect_name_cells (GtkWidget          *widget,
                    GtkWidget          *viewport,
                    const WbListColumn *name_column,
                    gboolean            on_screen_only,
                    GArray             *lines)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t bounds;

      if (on_screen_only && !gtk_widget_get_mapped (child))
        continue;
      if ((GTK_IS_LABEL (child) || WB_IS_TEXT_CELL (child)) && wb_list_cell_get_column (child) == name_column)
        {
          if (!gtk_widget_compute_bounds (child, viewport, &bounds))
            graphene_rect_init (&bounds, 0, G_MAXFLOAT, 0, 0);

          Line line = { bounds.origin.y, wb_cell_get_text (child) };

          /* Wholly or partly within the scrolled window's page. */
          if (!on_screen_only ||
              (bounds.origin.y + bounds.size.height > 0 && bounds.origin.y < gtk_widget_get_height (viewport)))
            g_array_append_val (lines, line);
          continue;
        }
      collect_name_cells (child, viewport, name_column, on_screen_only, lines);
    }
}

/* The names the rows show, top to bottom: those on screen, or every row the list
 * keeps (also off screen and unmapped, in no particular order). */
static GArray *
shown_names (Fixture  *fixture,
             gboolean  on_screen_only)
{
  GtkWidget *rows = GTK_WIDGET (wb_clients_view_get_rows (fixture->view));
  GtkWidget *viewport = gtk_widget_get_ancestor (rows, GTK_TYPE_SCROLLED_WINDOW);
  const WbListSpec *spec = wb_list_view_get_spec (WB_LIST_VIEW (fixture->view));
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (Line));

  collect_name_cells (rows, viewport, &spec->columns[WB_CLIENT_COLUMN_NAME], on_screen_only, lines);
  g_array_sort (lines, compare_lines);
  return lines;
}

/* The rows show consecutive rows of the list's model, in its order: the names on screen
 * (or all kept rows) are the titles of rows k, k + 1, ... Returns how many were checked. */
static guint
assert_rows_show_the_list (Fixture  *fixture,
                           gboolean  on_screen_only)
{
  GListModel *shown = G_LIST_MODEL (wb_clients_view_get_list_model (fixture->view));
  g_autoptr(GArray) lines = shown_names (fixture, on_screen_only);
  guint n = g_list_model_get_n_items (shown);
  guint first = G_MAXUINT;

  if (n == 0)
    return 0;
  g_assert_cmpuint (lines->len, >, 0);
  for (guint i = 0; i < n && first == G_MAXUINT; i++)
    {
      g_autoptr(WbClientRow) row = g_list_model_get_item (shown, i);

      if (g_str_equal (wb_client_row_get_title (row), g_array_index (lines, Line, 0).text))
        first = i;
    }
  g_assert_cmpuint (first, !=, G_MAXUINT);
  g_assert_cmpuint (first + lines->len, <=, n);
  for (guint i = 0; i < lines->len; i++)
    {
      g_autoptr(WbClientRow) row = g_list_model_get_item (shown, first + i);

      g_assert_cmpstr (g_array_index (lines, Line, i).text, ==, wb_client_row_get_title (row));
    }
  return lines->len;
}

static guint
count_names_containing (const char *needle)
{
  guint n = 0;

  for (guint i = 0; i < N_CLIENTS; i++)
    {
      g_autofree char *name = g_strdup_printf ("given%u family%u", i, i);

      n += strstr (name, needle) != NULL ? 1 : 0;
    }
  return n;
}

static void
search (Fixture    *fixture,
        const char *text)
{
  wb_clients_view_search (fixture->view, text);
  /* The frame after the keystroke: the rows on screen show the result in it. */
  wait_frames (fixture, 1);
}

static void
assert_search_result (Fixture    *fixture,
                      const char *text)
{
  WbClientListModel *model = wb_clients_view_get_list_model (fixture->view);
  GListModel *shown = G_LIST_MODEL (model);
  guint expected = *text != '\0' ? count_names_containing (text) : N_CLIENTS;

  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, expected);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(WbClientRow) row = g_list_model_get_item (shown, i);
      g_autofree char *title = g_utf8_strdown (wb_client_row_get_title (row), -1);

      g_assert_nonnull (strstr (title, text));
    }
  /* The rows on screen show exactly the first rows of the result (the list starts at
   * the top), in the frame after the keystroke. */
  g_assert_cmpuint (assert_rows_show_the_list (fixture, TRUE), >=, MIN (expected, 10u));
  {
    g_autoptr(GArray) lines = shown_names (fixture, TRUE);
    g_autoptr(WbClientRow) first = g_list_model_get_item (shown, 0);

    g_assert_cmpstr (g_array_index (lines, Line, 0).text, ==, wb_client_row_get_title (first));
  }
}

static void
test_search_as_you_type (void)
{
  Fixture fixture = { 0 };
  g_autofree char *count = NULL;
  g_autofree char *expected = NULL;

  fixture_set_up (&fixture);
  assert_rows_show_the_list (&fixture, TRUE);

  /* Narrowing, one key at a time. */
  search (&fixture, "f");
  assert_search_result (&fixture, "f");
  search (&fixture, "fa");
  search (&fixture, "family");
  search (&fixture, "family1");
  assert_search_result (&fixture, "family1");
  search (&fixture, "family12");
  assert_search_result (&fixture, "family12");
  count = wb_list_view_dup_count_text (WB_LIST_VIEW (fixture.view));
  expected = g_strdup_printf ("%'u of %'u clients", 11, N_CLIENTS);
  g_assert_cmpstr (count, ==, expected);

  /* Widening: deleting a key brings the rows back, in their order. */
  search (&fixture, "family1");
  assert_search_result (&fixture, "family1");
  search (&fixture, "famil");
  assert_search_result (&fixture, "famil");

  /* Scrolled right after a keystroke: the rows scrolled into view show their rows at once,
   * not what they showed before the search. */
  search (&fixture, "family2");
  {
    GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (wb_clients_view_get_rows (fixture.view)));

    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) / 2);
    wait_frames (&fixture, 2);
    g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);
    g_assert_cmpuint (assert_rows_show_the_list (&fixture, TRUE), >=, 10);
    gtk_adjustment_set_value (adjustment, 0);
    wait_frames (&fixture, 2);
  }

  /* A search that matches nothing, then clearing it: every client, from the top. */
  search (&fixture, "no such client");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (wb_clients_view_get_list_model (fixture.view))), ==, 0);
  search (&fixture, "");
  assert_search_result (&fixture, "");
  g_clear_pointer (&count, g_free);
  count = wb_list_view_dup_count_text (WB_LIST_VIEW (fixture.view));
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("%'u clients", N_CLIENTS);
  g_assert_cmpstr (count, ==, expected);

  /* The rows the list keeps off screen catch up within a few frames: after them,
   * every slot the rows stand on holds the row at its position. */
  search (&fixture, "family1");
  {
    GtkSelectionModel *selection = gtk_list_view_get_model (wb_clients_view_get_rows (fixture.view));
    WbSlotModel *slots = WB_SLOT_MODEL (gtk_single_selection_get_model (GTK_SINGLE_SELECTION (selection)));
    GListModel *shown = G_LIST_MODEL (wb_clients_view_get_list_model (fixture.view));
    gint64 until = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

    while (!wb_slot_model_get_caught_up (slots) && g_get_monotonic_time () < until)
      g_main_context_iteration (NULL, TRUE);
    g_assert_true (wb_slot_model_get_caught_up (slots));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (slots)), ==, g_list_model_get_n_items (shown));
    for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
      {
        g_autoptr(WbSlot) slot = g_list_model_get_item (G_LIST_MODEL (slots), i);
        g_autoptr(GObject) row = g_list_model_get_item (shown, i);

        g_assert_true (wb_slot_get_item (slot) == (gpointer) row);
      }
  }

  fixture_tear_down (&fixture);
}

/* The first descendant of @widget of @type (for a GtkStack, the list's: with a "loading"
 * and an "empty" page). */
static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) &&
          (type != GTK_TYPE_STACK || (gtk_stack_get_child_by_name (GTK_STACK (child), "loading") != NULL &&
                                      gtk_stack_get_child_by_name (GTK_STACK (child), "empty") != NULL)))
        return child;
      found = find_descendant (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
assert_pages_hidden (GtkStack    *stack,
                     const char **names)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      GtkWidget *page = gtk_stack_get_child_by_name (stack, names[i]);

      g_assert_nonnull (page);
      if (gtk_widget_get_visible (page))
        g_error ("The page “%s” is visible before it is shown", names[i]);
    }
}

/* While the list loads, its page says so at once and turns its spinner only when the wait
 * is long (a spinner redraws the window every frame, taking a core from software rendering);
 * between the rows and the "no match" page a keystroke switches at once, without a
 * crossfade whose frames the next keystroke would wait behind. */
static void
test_loading_quiet_and_switches_at_once (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GListModel) clients = make_clients (N_CLIENTS);
  GtkWidget *spinner, *page;
  GtkStack *stack;

  fixture.session = wb_test_consultant_session ();
  fixture.window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture.window, 1000, 700);
  fixture.view = wb_clients_view_new ();
  gtk_window_set_child (fixture.window, GTK_WIDGET (fixture.view));
  gtk_window_present (fixture.window);

  /* Just shown (on a busy machine the first frames may take longer than the delay). */
  stack = GTK_STACK (find_descendant (GTK_WIDGET (fixture.view), GTK_TYPE_STACK));
  g_assert_nonnull (stack);
  spinner = gtk_stack_get_child_by_name (stack, "loading");
  spinner = find_descendant (spinner, GTK_TYPE_SPINNER);
  g_assert_nonnull (spinner);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "loading");
  g_assert_true (gtk_widget_get_visible (spinner));
  /* The pages not shown yet are hidden, so that GTK neither styles nor measures them. */
  assert_pages_hidden (stack, (const char *[]) { "empty", "none", "denied", "error", NULL });
  g_assert_false (gtk_spinner_get_spinning (GTK_SPINNER (spinner)));
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (fixture.window)), "after-paint",
                    G_CALLBACK (on_after_paint_cb), &fixture);
  wait_frames (&fixture, 2);
  wait_ms (1300);
  g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (spinner)));

  wb_clients_view_set_session (fixture.view, fixture.session);
  wb_list_view_set_records (WB_LIST_VIEW (fixture.view), clients);
  wb_list_view_set_scope (WB_LIST_VIEW (fixture.view), WB_LIST_SCOPE_ALL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");
  g_assert_false (gtk_stack_get_transition_running (stack));
  g_assert_false (gtk_spinner_get_spinning (GTK_SPINNER (spinner)));
  wait_frames (&fixture, 2);

  assert_pages_hidden (stack, (const char *[]) { "empty", "none", "denied", "error", NULL });
  search (&fixture, "no such client");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_false (gtk_stack_get_transition_running (stack));
  g_assert_true (gtk_widget_get_mapped (gtk_stack_get_child_by_name (stack, "empty")));
  assert_pages_hidden (stack, (const char *[]) { "none", "denied", "error", NULL });
  search (&fixture, "family1");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");
  g_assert_false (gtk_stack_get_transition_running (stack));
  assert_search_result (&fixture, "family1");
  /* The profile is out of sight until it is first shown: not styled, measured or exposed
   * beside the list at every start. */
  page = GTK_WIDGET (wb_list_view_get_page (WB_LIST_VIEW (fixture.view)));
  g_assert_false (gtk_widget_get_visible (page));
  wb_list_view_show_page (WB_LIST_VIEW (fixture.view));
  wait_frames (&fixture, 2);
  g_assert_true (gtk_widget_get_mapped (page));
  g_signal_emit_by_name (page, "back");
  wait_frames (&fixture, 2);
  /* The cells of text, pseudonyms in italics and numbers at the right, to look at. */
  search (&fixture, "k-00000");
  wb_test_save_light_and_dark (fixture.window, "cells-of-text");

  fixture_tear_down (&fixture);
}

/* The scope */

static guint
count_clients (gboolean (*keep) (guint i))
{
  guint n = 0;

  for (guint i = 0; i < N_CLIENTS; i++)
    n += keep (i) ? 1 : 0;
  return n;
}

static gboolean
is_mine (guint i)
{
  return i % 5 == 0;
}

static gboolean
is_mine_family1 (guint i)
{
  g_autofree char *name = g_strdup_printf ("family%u", i);

  return is_mine (i) && g_str_has_prefix (name, "family1");
}

static gboolean
is_ours (guint i)
{
  return i % 3 == 0;
}

static void
assert_scope_button (Fixture     *fixture,
                     WbListScope  scope,
                     const char  *name,
                     guint        count,
                     gboolean     active)
{
  GtkWidget *button = wb_list_view_get_scope_button (WB_LIST_VIEW (fixture->view), scope);
  g_autofree char *count_text = g_strdup_printf ("%'u", count);
  g_autofree char *expected = g_strdup_printf ("%s (%s)", name, count_text);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, expected);
  g_assert_cmpint (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)), ==, active);
}

static guint
n_shown (Fixture *fixture)
{
  return g_list_model_get_n_items (G_LIST_MODEL (wb_clients_view_get_list_model (fixture->view)));
}

static void
test_scope_mine_first_and_remembered (void)
{
  Fixture fixture = { 0 };
  guint mine = count_clients (is_mine);
  guint ours = count_clients (is_ours);
  g_autofree char *description = NULL;
  g_autoptr(GVariant) scopes = NULL;
  const char *remembered = NULL;

  g_assert_cmpuint (mine, ==, 200);
  g_assert_cmpuint (ours, ==, 334);

  /* A consultant opens the list on their own caseload, each scope with its count. */
  fixture.settings = wb_application_create_settings ();
  g_settings_reset (fixture.settings, "list-scopes");
  fixture.keep_scope = TRUE;
  fixture_set_up (&fixture);
  g_assert_cmpint (wb_list_view_get_scope (WB_LIST_VIEW (fixture.view)), ==, WB_LIST_SCOPE_MINE);
  g_assert_cmpuint (n_shown (&fixture), ==, mine);
  assert_scope_button (&fixture, WB_LIST_SCOPE_MINE, "_Mine", mine, TRUE);
  assert_scope_button (&fixture, WB_LIST_SCOPE_ORGANISATION, "My _organisation", ours, FALSE);
  assert_scope_button (&fixture, WB_LIST_SCOPE_ALL, "_All I may see", N_CLIENTS, FALSE);
  assert_rows_show_the_list (&fixture, TRUE);
  description = wb_list_view_describe_filters (WB_LIST_VIEW (fixture.view));
  g_assert_nonnull (strstr (description, "Mine"));
  wb_test_save_light_and_dark (fixture.window, "scope-mine");

  /* Every row shown is the consultant's; the search narrows within the scope, and clearing
   * the filters keeps it. */
  for (guint i = 0; i < n_shown (&fixture); i++)
    {
      g_autoptr(WbClientRow) row = g_list_model_get_item (G_LIST_MODEL (wb_clients_view_get_list_model (fixture.view)), i);

      g_assert_cmpint (wb_client_row_get_case_manager_id (row), ==, 7);
    }
  search (&fixture, "family1");
  g_assert_cmpuint (n_shown (&fixture), ==, count_clients (is_mine_family1));
  search (&fixture, "");
  g_assert_cmpuint (n_shown (&fixture), ==, mine);

  /* A click on "My organisation" (a toggle in one group) shows organisation 1's clients,
   * and is remembered. */
  g_signal_emit_by_name (wb_list_view_get_scope_button (WB_LIST_VIEW (fixture.view), WB_LIST_SCOPE_ORGANISATION), "clicked");
  wait_frames (&fixture, 1);
  g_assert_cmpuint (n_shown (&fixture), ==, ours);
  assert_scope_button (&fixture, WB_LIST_SCOPE_MINE, "_Mine", mine, FALSE);
  assert_scope_button (&fixture, WB_LIST_SCOPE_ORGANISATION, "My _organisation", ours, TRUE);
  assert_rows_show_the_list (&fixture, TRUE);
  scopes = g_settings_get_value (fixture.settings, "list-scopes");
  g_assert_true (g_variant_lookup (scopes, "clients", "&s", &remembered));
  g_assert_cmpstr (remembered, ==, "organisation");
  fixture_tear_down (&fixture);

  /* The next time, the list opens where the user left it. */
  memset (&fixture, 0, sizeof fixture);
  fixture.settings = wb_application_create_settings ();
  fixture.keep_scope = TRUE;
  fixture_set_up (&fixture);
  g_assert_cmpint (wb_list_view_get_scope (WB_LIST_VIEW (fixture.view)), ==, WB_LIST_SCOPE_ORGANISATION);
  g_assert_cmpuint (n_shown (&fixture), ==, ours);
  wb_list_view_set_scope (WB_LIST_VIEW (fixture.view), WB_LIST_SCOPE_ALL);
  g_assert_cmpuint (n_shown (&fixture), ==, N_CLIENTS);
  g_settings_reset (fixture.settings, "list-scopes");
  fixture_tear_down (&fixture);
}

/* The export */

static void
on_toast_cb (WbListView *view,
             const char *message,
             char      **out)
{
  g_free (*out);
  *out = g_strdup (message);
}

/* Reads a workbook back as a spreadsheet program does (openpyxl), as JSON. */
static JsonObject *
read_xlsx (const char *path)
{
  static const char script[] =
    "import json, sys, datetime, openpyxl\n"
    "book = openpyxl.load_workbook(sys.argv[1])\n"
    "sheet = book.worksheets[0]\n"
    "rows = list(sheet.iter_rows(values_only=True))\n"
    "def cell(v):\n"
    "    if isinstance(v, datetime.datetime): return {'date': v.date().isoformat()}\n"
    "    if isinstance(v, (int, float)): return {'number': v}\n"
    "    return {'text': v}\n"
    "print(json.dumps({'sheets': book.sheetnames, 'freeze': sheet.freeze_panes,\n"
    "                  'header': list(rows[0]), 'n_rows': len(rows) - 1,\n"
    "                  'rows': [[cell(v) for v in r] for r in rows[1:4]]}))\n";
  const char *argv[] = { "/usr/bin/python3", "-c", script, path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("openpyxl could not read %s: %s", path, err);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_export_xlsx_typed (void)
{
  Fixture fixture = { 0 };
  g_autofree char *dir = g_dir_make_tmp ("test-app-lists-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "clients.xlsx", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *toast = NULL;
  g_autoptr(JsonObject) book = NULL;
  JsonArray *header, *first;
  GListModel *shown;
  g_autoptr(WbClientRow) row = NULL;
  gint64 until;

  fixture_set_up (&fixture);
  search (&fixture, "family1");
  shown = G_LIST_MODEL (wb_clients_view_get_list_model (fixture.view));
  g_signal_connect (fixture.view, "toast", G_CALLBACK (on_toast_cb), &toast);
  g_assert_true (wb_list_export_is_xlsx (file));
  wb_list_view_export (WB_LIST_VIEW (fixture.view), file);
  until = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (toast == NULL && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (toast);
  g_assert_true (g_str_has_suffix (toast, "clients exported to clients.xlsx"));

  /* The rows shown, under a header row that stays in view, typed as the screen shows them:
   * labels for codes, the day of the last activity as a date. */
  book = read_xlsx (path);
  g_assert_cmpstr (json_object_get_string_member (book, "freeze"), ==, "A2");
  g_assert_cmpint (json_object_get_int_member (book, "n_rows"), ==, g_list_model_get_n_items (shown));
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (book, "sheets")), ==, 2);
  header = json_object_get_array_member (book, "header");
  g_assert_cmpstr (json_array_get_string_element (header, 0), ==, "Name or pseudonym");
  g_assert_cmpstr (json_array_get_string_element (header, WB_CLIENT_COLUMN_GROUP), ==, "Client group");
  g_assert_cmpstr (json_array_get_string_element (header, WB_CLIENT_COLUMN_ACTIVITY), ==, "Last activity");
  first = json_array_get_array_element (json_object_get_array_member (book, "rows"), 0);
  row = g_list_model_get_item (shown, 0);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (first, 0), "text"), ==,
                   wb_client_row_get_title (row));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (first, WB_CLIENT_COLUMN_GROUP), "text"),
                   ==, "Participation Act");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (first, WB_CLIENT_COLUMN_PHASE), "text"),
                   ==, "Intake");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (first, WB_CLIENT_COLUMN_ACTIVITY), "date"),
                   ==, wb_client_row_get_last_activity (row));

  fixture_tear_down (&fixture);
  g_unlink (path);
  g_rmdir (dir);
}

/* The cells of text */

/* Gathers the text nodes under @node, in drawing order. */
static void
collect_text_nodes (GskRenderNode *node,
                    GPtrArray     *texts)
{
  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_TEXT_NODE:
      g_ptr_array_add (texts, node);
      return;
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        collect_text_nodes (gsk_container_node_get_child (node, i), texts);
      return;
    case GSK_CLIP_NODE:
      collect_text_nodes (gsk_clip_node_get_child (node), texts);
      return;
    case GSK_TRANSFORM_NODE:
      collect_text_nodes (gsk_transform_node_get_child (node), texts);
      return;
    case GSK_OPACITY_NODE:
      collect_text_nodes (gsk_opacity_node_get_child (node), texts);
      return;
    case GSK_DEBUG_NODE:
      collect_text_nodes (gsk_debug_node_get_child (node), texts);
      return;
    default:
      return;
    }
}

/* What @cell draws now, as its parent asks for it: its glyphs (of the first run, 0 for none)
 * and its lines (the distinct heights its runs stand at). */
static void
draw_cell (GtkWidget *cell,
           guint     *glyphs,
           guint     *lines)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  g_autoptr(GArray) heights = g_array_new (FALSE, FALSE, sizeof (float));

  GTK_WIDGET_GET_CLASS (cell)->snapshot (cell, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node != NULL)
    collect_text_nodes (node, texts);
  for (guint i = 0; i < texts->len; i++)
    {
      float y = gsk_text_node_get_offset (texts->pdata[i])->y;
      gboolean known = FALSE;

      for (guint j = 0; j < heights->len && !known; j++)
        known = g_array_index (heights, float, j) == y;
      if (!known)
        g_array_append_val (heights, y);
    }
  *glyphs = texts->len > 0 ? gsk_text_node_get_num_glyphs (texts->pdata[0]) : 0;
  *lines = heights->len;
}

static guint
drawn_glyphs (GtkWidget *cell)
{
  guint glyphs, lines;

  draw_cell (cell, &glyphs, &lines);
  return glyphs;
}

static guint
drawn_lines (GtkWidget *cell)
{
  guint glyphs, lines;

  draw_cell (cell, &glyphs, &lines);
  return lines;
}

static int
height_of (GtkWidget *widget)
{
  int height = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, -1, &height, NULL, NULL, NULL);
  return height;
}

/* The rows of a list: one widget each (a WbListRow in its line), its cells under the
 * headers of their columns, also after a column is made wider, hidden, or the list is
 * scrolled sideways. */

static void
collect_titles (GtkWidget *widget,
                GPtrArray *titles)
{
  if (g_strcmp0 (G_OBJECT_TYPE_NAME (widget), "GtkColumnViewTitle") == 0)
    g_ptr_array_add (titles, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_titles (child, titles);
}

static guint
count_widgets (GtkWidget *widget)
{
  guint n = 1;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    n += count_widgets (child);
  return n;
}

/* The first line of the list (the list's own row widget), and in it the row's cells. */
static GtkWidget *
first_line (Fixture *fixture)
{
  GtkWidget *line = gtk_widget_get_first_child (GTK_WIDGET (wb_clients_view_get_rows (fixture->view)));

  for (; line != NULL; line = gtk_widget_get_next_sibling (line))
    if (gtk_widget_get_first_child (line) != NULL && WB_IS_LIST_ROW (gtk_widget_get_first_child (line)))
      return line;
  return NULL;
}

/* Each shown cell of @line stands within its column's header, 6 or 7 px in from its start
 * (its margin); the cells of hidden columns are hidden. Returns the cells checked. */
static guint
assert_cells_under_headers (Fixture   *fixture,
                            GtkWidget *line)
{
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();
  GtkWidget *cell = gtk_widget_get_first_child (gtk_widget_get_first_child (line));
  GtkWidget *window = GTK_WIDGET (fixture->window);
  guint checked = 0;

  collect_titles (GTK_WIDGET (wb_clients_view_get_column_view (fixture->view)), titles);
  for (guint i = 0; i < titles->len; i++, cell = gtk_widget_get_next_sibling (cell))
    {
      graphene_rect_t title_bounds, cell_bounds;

      g_assert_nonnull (cell);
      g_assert_cmpint (gtk_widget_get_visible (cell), ==, gtk_widget_get_visible (titles->pdata[i]));
      if (!gtk_widget_get_visible (cell))
        continue;
      g_assert_true (gtk_widget_compute_bounds (titles->pdata[i], window, &title_bounds));
      g_assert_true (gtk_widget_compute_bounds (cell, window, &cell_bounds));
      g_assert_cmpfloat (cell_bounds.origin.x - title_bounds.origin.x, >=, 5.5);
      g_assert_cmpfloat (cell_bounds.origin.x - title_bounds.origin.x, <=, 7.5);
      g_assert_cmpfloat (cell_bounds.origin.x + cell_bounds.size.width, <=,
                         title_bounds.origin.x + title_bounds.size.width + 0.5);
      checked++;
    }
  g_assert_null (cell);
  return checked;
}

/* Runs the main loop until both scroll sideways over the same width, and have for half a
 * second (a scroll bar comes in with a transition of its width; 20 s at most). */
static void
wait_until_pages_equal (GtkAdjustment *a,
                        GtkAdjustment *b)
{
  gint64 until = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  guint stable = 0;

  while (stable < 10 && g_get_monotonic_time () < until)
    {
      wait_ms (50);
      stable = gtk_adjustment_get_page_size (a) == gtk_adjustment_get_page_size (b) ? stable + 1 : 0;
    }
}

/* A row is as wide as the line of headers above it, and both scroll sideways as far. */
static void
assert_row_as_wide_as_headers (Fixture   *fixture,
                               GtkWidget *line)
{
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();
  GtkAdjustment *rows_h = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (wb_clients_view_get_rows (fixture->view)));
  GtkAdjustment *header_h = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (
                              wb_clients_view_get_column_view (fixture->view)));

  collect_titles (GTK_WIDGET (wb_clients_view_get_column_view (fixture->view)), titles);
  g_assert_cmpuint (titles->len, >, 0);
  g_assert_cmpint (gtk_widget_get_width (gtk_widget_get_first_child (line)), ==,
                   gtk_widget_get_width (gtk_widget_get_parent (titles->pdata[0])));
  g_assert_cmpfloat (gtk_adjustment_get_upper (rows_h), ==, gtk_adjustment_get_upper (header_h));
  g_assert_cmpfloat (gtk_adjustment_get_page_size (rows_h), ==, gtk_adjustment_get_page_size (header_h));
}

static void
test_rows_under_headers (void)
{
  Fixture fixture = { 0 };
  GListModel *columns;
  g_autoptr(GtkColumnViewColumn) first = NULL;
  g_autoptr(GtkColumnViewColumn) third = NULL;
  GtkAdjustment *rows_h, *header_h;
  GtkWidget *line;
  guint n_columns;

  fixture_set_up (&fixture);
  columns = gtk_column_view_get_columns (wb_clients_view_get_column_view (fixture.view));
  n_columns = g_list_model_get_n_items (columns);
  line = first_line (&fixture);
  g_assert_nonnull (line);
  /* The line, its row and a cell a column: GTK 4.8's column view made a cell widget more
   * for each column, around each cell (19 widgets for nine columns). */
  g_assert_cmpuint (count_widgets (line), ==, n_columns + 2);
  g_assert_cmpuint (assert_cells_under_headers (&fixture, line), ==, n_columns);

  assert_row_as_wide_as_headers (&fixture, line);

  /* A column made wider moves the cells after it, and widens the row. */
  first = g_list_model_get_item (columns, 0);
  gtk_column_view_column_set_fixed_width (first, gtk_column_view_column_get_fixed_width (first) + 90);
  wait_frames (&fixture, 2);
  g_assert_cmpuint (assert_cells_under_headers (&fixture, line), ==, n_columns);
  assert_row_as_wide_as_headers (&fixture, line);

  /* A hidden column hides its cells, and the others close up. */
  third = g_list_model_get_item (columns, 2);
  gtk_column_view_column_set_visible (third, FALSE);
  wait_frames (&fixture, 2);
  g_assert_cmpuint (assert_cells_under_headers (&fixture, line), ==, n_columns - 1);
  assert_row_as_wide_as_headers (&fixture, line);
  gtk_column_view_column_set_visible (third, TRUE);
  wait_frames (&fixture, 2);
  g_assert_cmpuint (assert_cells_under_headers (&fixture, line), ==, n_columns);

  /* Wider than the window, the rows scroll sideways, and the headers with them. */
  rows_h = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (wb_clients_view_get_rows (fixture.view)));
  header_h = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (wb_clients_view_get_column_view (fixture.view)));
  g_assert_cmpfloat (gtk_adjustment_get_upper (rows_h), >, gtk_adjustment_get_page_size (rows_h) + 50);
  gtk_adjustment_set_value (rows_h, 50);
  wait_frames (&fixture, 2);
  g_assert_cmpfloat (gtk_adjustment_get_value (header_h), ==, 50);
  g_assert_cmpuint (assert_cells_under_headers (&fixture, line), ==, n_columns);
  gtk_adjustment_set_value (header_h, 20);
  wait_frames (&fixture, 2);
  g_assert_cmpfloat (gtk_adjustment_get_value (rows_h), ==, 20);
  g_assert_cmpuint (assert_cells_under_headers (&fixture, line), ==, n_columns);

  /* Laid out again at the end (a column narrowed there), then back at the start: the cells
   * stay under their headers wherever the row was laid out. */
  gtk_adjustment_set_value (rows_h, gtk_adjustment_get_upper (rows_h) - gtk_adjustment_get_page_size (rows_h));
  wait_frames (&fixture, 2);
  gtk_column_view_column_set_fixed_width (first, gtk_column_view_column_get_fixed_width (first) - 40);
  wait_frames (&fixture, 3);
  g_assert_cmpfloat (gtk_adjustment_get_value (header_h), ==, gtk_adjustment_get_value (rows_h));
  g_assert_cmpuint (assert_cells_under_headers (&fixture, line), ==, n_columns);
  assert_row_as_wide_as_headers (&fixture, line);
  gtk_adjustment_set_value (rows_h, 0);
  wait_frames (&fixture, 2);
  g_assert_cmpfloat (gtk_adjustment_get_value (header_h), ==, 0);
  g_assert_cmpuint (assert_cells_under_headers (&fixture, line), ==, n_columns);

  /* With scroll bars always shown (one takes room beside the rows), the headers leave the
   * same room: both scroll to the same end. */
  gtk_scrolled_window_set_overlay_scrolling (GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (
    GTK_WIDGET (wb_clients_view_get_rows (fixture.view)), GTK_TYPE_SCROLLED_WINDOW)), FALSE);
  wait_until_pages_equal (rows_h, header_h);
  assert_row_as_wide_as_headers (&fixture, line);
  gtk_adjustment_set_value (rows_h, gtk_adjustment_get_upper (rows_h) - gtk_adjustment_get_page_size (rows_h));
  wait_frames (&fixture, 2);
  g_assert_cmpfloat (gtk_adjustment_get_value (rows_h), >, 0);
  g_assert_cmpfloat (gtk_adjustment_get_value (header_h), ==, gtk_adjustment_get_value (rows_h));
  g_assert_cmpuint (assert_cells_under_headers (&fixture, line), ==, n_columns);

  /* Wider than its columns, with that scroll bar coming and going (a search that fits on
   * one screen, then every client again): the columns that take the rest of the width
   * change theirs, and the rows follow. */
  gtk_adjustment_set_value (rows_h, 0);
  gtk_column_view_column_set_fixed_width (first, gtk_column_view_column_get_fixed_width (first) - 100);
  gtk_window_set_default_size (fixture.window, 1280, 700);
  wait_frames (&fixture, 3);
  g_assert_cmpfloat (gtk_adjustment_get_upper (header_h), ==, gtk_adjustment_get_page_size (header_h));
  search (&fixture, "family12");
  wait_until_pages_equal (rows_h, header_h);
  line = first_line (&fixture);
  g_assert_cmpuint (assert_cells_under_headers (&fixture, line), ==, n_columns);
  assert_row_as_wide_as_headers (&fixture, line);
  search (&fixture, "");
  wait_until_pages_equal (rows_h, header_h);
  g_assert_cmpuint (assert_cells_under_headers (&fixture, line), ==, n_columns);
  assert_row_as_wide_as_headers (&fixture, line);

  fixture_tear_down (&fixture);
}

/* A list's cell of text (wb_cell_new_text, a WbTextCell) is as tall as GTK's own cell for
 * text in a list, a GtkInscription, in any font; it asks for no width (the column gives it);
 * it draws its text on one line, ellipsized within its width, and, given a new text, that one. */
static void
test_text_cell (void)
{
  static const char *long_text = "Sociale Zaken Maastricht-Heuvelland, afdeling Werk en Inkomen";
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *cell = wb_cell_new_text (0);
  GtkWidget *title = wb_cell_new_text (1);
  GtkWidget *inscription = gtk_inscription_new ("Jansen");
  GtkWidget *title_inscription = gtk_inscription_new ("Jansen");
  int minimum = -1, natural = -1;
  guint whole;

  gtk_widget_add_css_class (title, "title-1");
  gtk_widget_add_css_class (title_inscription, "title-1");
  gtk_box_append (GTK_BOX (box), cell);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), inscription);
  gtk_box_append (GTK_BOX (box), title_inscription);
  gtk_widget_set_size_request (box, 200, -1);
  gtk_window_set_child (window, box);
  gtk_window_present (window);
  wb_test_wait_frames (GTK_WIDGET (window), 2);

  gtk_widget_measure (cell, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, ==, 0);
  g_assert_cmpint (natural, ==, 0);
  g_assert_cmpint (height_of (cell), >, 10);
  g_assert_cmpint (height_of (cell), ==, height_of (inscription));
  g_assert_cmpint (height_of (title), >, height_of (cell));
  g_assert_cmpint (height_of (title), ==, height_of (title_inscription));

  /* Empty, it draws nothing; a text, its glyphs; a text too long for 200 px, fewer glyphs
   * than its characters, on one line; a new text, that one. */
  g_assert_cmpuint (drawn_glyphs (cell), ==, 0);
  wb_cell_set_text (cell, "Jansen");
  g_assert_cmpstr (wb_cell_get_text (cell), ==, "Jansen");
  g_assert_cmpuint (drawn_glyphs (cell), ==, strlen ("Jansen"));
  wb_cell_set_text (cell, long_text);
  whole = drawn_glyphs (cell);
  g_assert_cmpuint (whole, >, 3);
  g_assert_cmpuint (whole, <, strlen (long_text));
  wb_cell_set_text (cell, "Haddou");
  g_assert_cmpuint (drawn_glyphs (cell), ==, strlen ("Haddou"));
  g_assert_cmpuint (drawn_lines (cell), ==, 1);
  /* A line break in the text (a note's first line) keeps the cell to one line. */
  wb_cell_set_text (title, "Eerste regel\nTweede regel");
  g_assert_cmpuint (drawn_lines (title), ==, 1);
  g_assert_cmpstr (wb_text_cell_get_text (WB_TEXT_CELL (cell)), ==, "Haddou");
  g_assert_cmpfloat (wb_text_cell_get_xalign (WB_TEXT_CELL (title)), ==, 1.f);

  gtk_window_destroy (window);
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
      g_test_add_func ("/app-lists/no-display", skip_without_display);
      return g_test_run ();
    }
  adw_init ();
  wb_application_ensure_resources ();
  wb_test_use_app_style ();

  g_test_add_func ("/app-lists/search/rows-follow-typing", test_search_as_you_type);
  g_test_add_func ("/app-lists/loading/quiet-and-switches-at-once", test_loading_quiet_and_switches_at_once);
  g_test_add_func ("/app-lists/scope/mine-first-and-remembered", test_scope_mine_first_and_remembered);
  g_test_add_func ("/app-lists/export/xlsx-typed-with-header", test_export_xlsx_typed);
  g_test_add_func ("/app-lists/cells/text-as-tall-as-a-line", test_text_cell);
  g_test_add_func ("/app-lists/rows/one-widget-under-the-headers", test_rows_under_headers);

  return g_test_run ();
}
