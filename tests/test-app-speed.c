/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "test-app-speed"

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "wb-application.h"
#include "wb-clients-view.h"
#include "wb-renderer.h"
#include "wb-session.h"
#include "wb-text-cell.h"
#include "wb-slot-model.h"
#include "wb-test-gtk.h"

/* What makes the lists keep up with typing, and what it must not change: a search typed into
 * the list's entry is shown in the next frame, keys typed before a frame make one search of
 * the last text, Enter and Down act on what was typed; the renderer asked for where OpenGL
 * is a software rasteriser. (Speed itself is measured in bench/bench-app, never here.) */

#define N_CLIENTS 300

/* Client i is "Given<i> Family<i>", all of the consultant's organisation, municipality and
 * caseload. */
static GListModel *
make_clients (guint n)
{
  GListStore *store = g_list_store_new (WB_TYPE_RECORD);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *o = wb_test_client_object (i);
      g_autoptr(WbRecord) record = NULL;

      json_object_set_int_member (o, "organisation_id", 1);
      json_object_set_int_member (o, "municipality_id", 1);
      json_object_set_int_member (o, "case_manager_id", 7);
      record = wb_test_record_take (WB_RESOURCE_CLIENTS, o);
      g_list_store_append (store, record);
    }
  return G_LIST_MODEL (store);
}

typedef struct {
  GtkWindow *window;
  WbClientsView *view;
  WbSession *session;
  GtkWidget *entry;
  gint64 painted;
  guint searches;       /* changes of the model's search */
} Fixture;

static void
on_after_paint_cb (GdkFrameClock *clock,
                   Fixture       *fixture)
{
  fixture->painted++;
}

static void
on_filtered_cb (GObject    *model,
                GParamSpec *pspec,
                Fixture    *fixture)
{
  fixture->searches++;
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @n more frames were painted (or fails after a generous while). */
static void
wait_frames (Fixture *fixture,
             guint    n)
{
  gint64 until = fixture->painted + n;
  gboolean timed_out = FALSE;
  guint source = g_timeout_add_seconds (30, timeout_cb, &timed_out);

  while (fixture->painted < until && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (source);
}

/* The list's search entry, in its search bar. */
static GtkWidget *
find_search_entry (GtkWidget *widget,
                   gboolean   in_bar)
{
  in_bar = in_bar || GTK_IS_SEARCH_BAR (widget);
  if (in_bar && GTK_IS_SEARCH_ENTRY (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *entry = find_search_entry (child, in_bar);

      if (entry != NULL)
        return entry;
    }
  return NULL;
}

static void
fixture_set_up (Fixture *fixture)
{
  g_autoptr(GListModel) clients = make_clients (N_CLIENTS);

  fixture->session = wb_test_consultant_session ();
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1000, 700);
  fixture->view = wb_clients_view_new ();
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->view));
  wb_clients_view_set_session (fixture->view, fixture->session);
  wb_list_view_set_records (WB_LIST_VIEW (fixture->view), clients);
  wb_list_view_set_scope (WB_LIST_VIEW (fixture->view), WB_LIST_SCOPE_ALL);
  gtk_window_present (fixture->window);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (fixture->window)), "after-paint",
                    G_CALLBACK (on_after_paint_cb), fixture);
  g_signal_connect (wb_clients_view_get_list_model (fixture->view), "notify::filtered",
                    G_CALLBACK (on_filtered_cb), fixture);
  wait_frames (fixture, 2);
  wb_list_view_focus_search (WB_LIST_VIEW (fixture->view));
  fixture->entry = find_search_entry (GTK_WIDGET (fixture->view), FALSE);
  g_assert_nonnull (fixture->entry);
  wait_frames (fixture, 1);
}

static void
fixture_tear_down (Fixture *fixture)
{
  gboolean done = FALSE;

  g_signal_handlers_disconnect_by_data (wb_clients_view_get_list_model (fixture->view), fixture);
  g_signal_handlers_disconnect_by_data (gtk_widget_get_frame_clock (GTK_WIDGET (fixture->window)), fixture);
  gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->session);
  g_timeout_add (50, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static const char *
model_search (Fixture *fixture)
{
  return wb_list_model_get_search (WB_LIST_MODEL (wb_clients_view_get_list_model (fixture->view)));
}

static guint
n_shown (Fixture *fixture)
{
  return wb_client_list_model_get_n_shown (wb_clients_view_get_list_model (fixture->view));
}

/* Typed keys are in the next frame, not after a pause in the typing; the keys typed
 * before a frame make one search, of the last text. */
static void
test_typed_search_next_frame (void)
{
  Fixture fixture = { 0 };

  fixture_set_up (&fixture);
  fixture.searches = 0;
  gtk_editable_set_text (GTK_EDITABLE (fixture.entry), "g");
  gtk_editable_set_text (GTK_EDITABLE (fixture.entry), "gi");
  gtk_editable_set_text (GTK_EDITABLE (fixture.entry), "given1");
  /* The search entry waits for no pause before it says that its text changed. */
  g_assert_cmpuint (gtk_search_entry_get_search_delay (GTK_SEARCH_ENTRY (fixture.entry)), ==, 0);
  wait_frames (&fixture, 1);
  g_assert_cmpstr (model_search (&fixture), ==, "given1");
  /* given1, given10..given19, given100..given199 */
  g_assert_cmpuint (n_shown (&fixture), ==, 111);
  g_assert_cmpuint (fixture.searches, ==, 1);

  /* Deleting back is the same. */
  gtk_editable_set_text (GTK_EDITABLE (fixture.entry), "given");
  wait_frames (&fixture, 1);
  g_assert_cmpstr (model_search (&fixture), ==, "given");
  g_assert_cmpuint (n_shown (&fixture), ==, N_CLIENTS);
  gtk_editable_set_text (GTK_EDITABLE (fixture.entry), "");
  wait_frames (&fixture, 1);
  g_assert_null (model_search (&fixture));
  fixture_tear_down (&fixture);
}

/* Enter opens the first result of what was typed, also when no frame came in between. */
static void
test_typed_search_enter (void)
{
  Fixture fixture = { 0 };

  fixture_set_up (&fixture);
  gtk_editable_set_text (GTK_EDITABLE (fixture.entry), "family42");
  g_signal_emit_by_name (fixture.entry, "activate");
  g_assert_cmpstr (model_search (&fixture), ==, "family42");
  g_assert_cmpuint (n_shown (&fixture), ==, 1);
  fixture_tear_down (&fixture);
}

/* The rows (lines) the list has made: one name cell each. */
static guint
count_rows (GtkWidget          *widget,
            const WbListColumn *name_column)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if ((GTK_IS_LABEL (child) || WB_IS_TEXT_CELL (child)) && wb_list_cell_get_column (child) == name_column)
        n++;
      else
        n += count_rows (child, name_column);
    }
  return n;
}

/* A search that widens the list again near the screen builds the rows on screen in its
 * frame and the others (GTK 4.8 keeps some 200) once the typing pauses; the list then has
 * every position, each slot showing its row. */
static void
test_widening_builds_rows_later (void)
{
  Fixture fixture = { 0 };
  GtkListView *rows;
  const WbListColumn *name;
  GtkSelectionModel *selection;
  WbSlotModel *slots;
  GListModel *shown;
  guint before, after;
  gint64 until;

  fixture_set_up (&fixture);
  rows = wb_clients_view_get_rows (fixture.view);
  name = &wb_list_view_get_spec (WB_LIST_VIEW (fixture.view))->columns[WB_CLIENT_COLUMN_NAME];
  selection = gtk_list_view_get_model (rows);
  slots = WB_SLOT_MODEL (gtk_single_selection_get_model (GTK_SINGLE_SELECTION (selection)));
  shown = G_LIST_MODEL (wb_clients_view_get_list_model (fixture.view));

  /* given11, given110..given119: the rows past them are torn down. */
  wb_clients_view_search (fixture.view, "given11");
  wait_frames (&fixture, 2);
  before = count_rows (GTK_WIDGET (rows), name);
  g_assert_cmpuint (before, <=, 11);

  /* Deleting the key: 111 rows, of which a screenful in the frame after it. */
  wb_clients_view_search (fixture.view, "given1");
  wait_frames (&fixture, 1);
  after = count_rows (GTK_WIDGET (rows), name);
  g_assert_cmpuint (after, >, before);
  g_assert_cmpuint (after, <, 100);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 111);
  g_assert_false (wb_slot_model_get_caught_up (slots));

  /* Once the typing pauses, every position, each with its row. */
  until = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (!wb_slot_model_get_caught_up (slots) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (wb_slot_model_get_caught_up (slots));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (slots)), ==, 111);
  for (guint i = 0; i < 111; i++)
    {
      g_autoptr(WbSlot) slot = g_list_model_get_item (G_LIST_MODEL (slots), i);
      g_autoptr(GObject) row = g_list_model_get_item (shown, i);

      g_assert_true (wb_slot_get_item (slot) == (gpointer) row);
    }
  wait_frames (&fixture, 1);
  g_assert_cmpuint (count_rows (GTK_WIDGET (rows), name), >=, 100);
  fixture_tear_down (&fixture);
}

/* A list's first frame makes the rows it shows and no others: GTK 4.8's column view makes a
 * row of cells for every row its model has, on screen or not, and the first page holds
 * more than the screen. The rows held back come in the frames after it. */
static void
test_first_frame_makes_rows_on_screen (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GListModel) clients = make_clients (N_CLIENTS);
  GtkListView *rows;
  const WbListColumn *name;
  GtkAdjustment *adjustment;
  GListModel *slots;
  guint made, on_screen;
  gint64 until;

  fixture.session = wb_test_consultant_session ();
  fixture.window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture.window, 1000, 700);
  fixture.view = wb_clients_view_new ();
  gtk_window_set_child (fixture.window, GTK_WIDGET (fixture.view));
  wb_clients_view_set_session (fixture.view, fixture.session);
  wb_list_view_set_scope (WB_LIST_VIEW (fixture.view), WB_LIST_SCOPE_ALL);
  gtk_window_present (fixture.window);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (fixture.window)), "after-paint",
                    G_CALLBACK (on_after_paint_cb), &fixture);
  rows = wb_clients_view_get_rows (fixture.view);
  name = &wb_list_view_get_spec (WB_LIST_VIEW (fixture.view))->columns[WB_CLIENT_COLUMN_NAME];
  slots = gtk_single_selection_get_model (GTK_SINGLE_SELECTION (gtk_list_view_get_model (rows)));

  /* The records come while the window is shown, before the list was ever laid out. */
  wb_list_view_set_records (WB_LIST_VIEW (fixture.view), clients);
  wait_frames (&fixture, 1);

  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (rows));
  g_assert_cmpfloat (gtk_adjustment_get_page_size (adjustment), >, 0);
  made = count_rows (GTK_WIDGET (rows), name);
  /* Every row seen, the one cut at the foot too: (700 px less the list's bars) a little
   * more than the estimate from the window's height, so that the frame's layout added the
   * rest before it was painted. */
  on_screen = (guint) ceil (gtk_adjustment_get_page_size (adjustment) /
                            (gtk_adjustment_get_upper (adjustment) / g_list_model_get_n_items (slots)));
  g_assert_cmpuint (made, >=, on_screen);
  g_assert_cmpuint (made, <=, on_screen + 2);
  g_assert_cmpuint (g_list_model_get_n_items (slots), ==, made);
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >=, gtk_adjustment_get_page_size (adjustment));

  /* The rows held back come in the frames after it. */
  until = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (!wb_slot_model_get_caught_up (WB_SLOT_MODEL (slots)) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (wb_slot_model_get_caught_up (WB_SLOT_MODEL (slots)));
  g_assert_cmpuint (g_list_model_get_n_items (slots), ==, N_CLIENTS);
  wait_frames (&fixture, 1);
  g_assert_cmpuint (count_rows (GTK_WIDGET (rows), name), >, made);
  fixture_tear_down (&fixture);
}

/* Mesa's software rasterisers draw with Cairo; a graphics driver keeps GTK's choice. */
static void
test_renderer_for_gl (void)
{
  g_assert_cmpstr (wb_renderer_for_gl ("llvmpipe (LLVM 15.0.6, 256 bits)"), ==, "cairo");
  g_assert_cmpstr (wb_renderer_for_gl ("softpipe"), ==, "cairo");
  g_assert_cmpstr (wb_renderer_for_gl ("Software Rasterizer"), ==, "cairo");
  g_assert_null (wb_renderer_for_gl ("Mesa Intel(R) UHD Graphics 620 (KBL GT2)"));
  g_assert_null (wb_renderer_for_gl ("AMD Radeon RX 6600 (navi23, LLVM 15.0.6, DRM 3.49, 6.1.0-13-amd64)"));
  g_assert_null (wb_renderer_for_gl ("NVIDIA GeForce GTX 1650/PCIe/SSE2"));
  g_assert_null (wb_renderer_for_gl (NULL));
}

/* A renderer the user chose stands. */
static void
test_renderer_user_choice (void)
{
  if (g_test_subprocess ())
    {
      g_setenv ("GSK_RENDERER", "gl", TRUE);
      g_assert_null (wb_renderer_choose (gdk_display_get_default ()));
      g_assert_cmpstr (g_getenv ("GSK_RENDERER"), ==, "gl");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* On an X server without direct rendering (Xvfb here) the renderer is chosen before GTK
 * starts, and GTK then loads no OpenGL at all (the Mesa driver and LLVM took some 150 ms of
 * every start): run in a process of its own, which has not started GTK yet (see main). */
static void
test_renderer_no_gl_without_direct_rendering (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *maps = NULL;
      GtkWidget *window;

      /* A display with direct rendering (a desktop's): nothing is chosen early. */
      if (wb_renderer_choose_early () == NULL)
        return;
      g_assert_cmpstr (g_getenv ("GSK_RENDERER"), ==, "cairo");
      g_assert_true (gtk_init_check ());
      window = gtk_window_new ();
      gtk_window_present (GTK_WINDOW (window));
      while (!gtk_widget_get_mapped (window))
        g_main_context_iteration (NULL, TRUE);
      g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
      g_assert_null (strstr (maps, "_dri.so"));
      g_assert_null (strstr (maps, "libLLVM"));
      gtk_window_destroy (GTK_WINDOW (window));
      return;
    }
  if (g_getenv ("GSK_RENDERER") != NULL)
    {
      g_test_skip ("GSK_RENDERER is set: the renderer is not chosen");
      return;
    }
  g_setenv ("WB_TEST_BEFORE_GTK", "1", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_unsetenv ("WB_TEST_BEFORE_GTK");
  g_test_trap_assert_passed ();
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

  g_test_add_func ("/app-speed/renderer/software-gl-draws-with-cairo", test_renderer_for_gl);
  g_test_add_func ("/app-speed/renderer/no-gl-without-direct-rendering", test_renderer_no_gl_without_direct_rendering);
  /* That test's own process starts GTK itself, after choosing the renderer. */
  if (g_test_subprocess () && g_getenv ("WB_TEST_BEFORE_GTK") != NULL)
    return g_test_run ();
  if (!gtk_init_check ())
    {
      g_test_add_func ("/app-speed/no-display", skip_without_display);
      return g_test_run ();
    }
  adw_init ();
  wb_application_ensure_resources ();
  wb_test_use_app_style ();

  g_test_add_func ("/app-speed/renderer/user-choice-stands", test_renderer_user_choice);
  g_test_add_func ("/app-speed/search/typed-in-the-next-frame", test_typed_search_next_frame);
  g_test_add_func ("/app-speed/search/enter-acts-on-what-was-typed", test_typed_search_enter);
  g_test_add_func ("/app-speed/search/widening-builds-rows-off-screen-later", test_widening_builds_rows_later);
  g_test_add_func ("/app-speed/launch/first-frame-makes-the-rows-on-screen", test_first_frame_makes_rows_on_screen);

  return g_test_run ();
}
