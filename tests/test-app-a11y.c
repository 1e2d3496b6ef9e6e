/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "test-app-a11y"

#include "config.h"

#include <adwaita.h>
#include <stdlib.h>
#include <string.h>

#include "wb-a11y.h"
#include "wb-cells.h"
#include "wb-application.h"
#include "wb-client-row.h"
#include "wb-clients-view.h"
#include "wb-labels.h"
#include "wb-handover-dialog.h"
#include "wb-import-dialog.h"
#include "wb-list-view.h"
#include "wb-review-decision-dialog.h"
#include "wb-locale.h"
#include "wb-session.h"
#include "wb-text-cell.h"
#include "wb-test-gtk.h"
#include "wb-window.h"

/* Widget tests of what a screen reader hears and what the keyboard reaches in the list
 * machinery, on the clients view with synthetic records and no server: rows, cells, column
 * headers and drop-down options speak; a control has one name; hidden pages are not in the
 * accessibility tree; Tab leaves the list, Down and Enter go from the search to the first
 * result, the list sorts from the keyboard. */

#define N_CLIENTS 300

static guint32 today;

/* What is due now, without waiting: after a window is destroyed. */
static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Waits are for a state (with wb_test_wait_for) or for frames to be laid out and painted
 * (wb_test_wait_frames), never for a time: a busy machine or the sanitizer build takes
 * several times as long for the same frames. */

static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
find_by_type_name (GtkWidget  *widget,
                   const char *name,
                   GPtrArray  *found)
{
  if (g_strcmp0 (G_OBJECT_TYPE_NAME (widget), name) == 0)
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_by_type_name (child, name, found);
}

/* A label, or a list's cell of text (a WbTextCell), that shows @text on screen. */
static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if ((GTK_IS_LABEL (widget) || WB_IS_TEXT_CELL (widget)) && g_strcmp0 (wb_cell_get_text (widget), text) == 0 &&
      gtk_widget_get_mapped (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_tooltip (GtkWidget  *widget,
              const char *tooltip)
{
  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_tooltip (child, tooltip);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
focus_inside (GtkWidget *window,
              GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* What a screen reader reads as the widget's name; NULL when it has none of its own. */
static char *
accessible_label (GtkWidget *widget)
{
  /* gtk_test_accessible_check_property () returns NULL when the value is the one asked for,
   * and otherwise the value as it is: asking for an impossible one gives it. */
  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return NULL;
  return gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, "\x01");
}

static char *
date_days_ago (int days)
{
  GDate date;
  char buffer[16];

  g_date_clear (&date, 1);
  g_date_set_julian (&date, today - days);
  g_date_strftime (buffer, sizeof buffer, "%Y-%m-%d", &date);
  return g_strdup (buffer);
}

/* Client i: organisation 1 + i % 3 (the third is another organisation's: a pseudonym),
 * municipality 1 + i % 4, a stale diagnosis when i % 3 == 1. */
static WbRecord *
make_client (guint i)
{
  JsonObject *o = json_object_new ();
  g_autofree char *given = g_strdup_printf ("Given%u", i);
  g_autofree char *family = g_strdup_printf ("Family%u", i);
  g_autofree char *activity = date_days_ago ((int) (i % 500));
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, today);
  json_object_set_int_member (o, "id", i + 1);
  json_object_set_int_member (o, "version", 1);
  json_object_set_int_member (o, "organisation_id", 1 + i % 3);
  json_object_set_int_member (o, "municipality_id", 1 + i % 4);
  json_object_set_string_member (o, "given_name", given);
  json_object_set_string_member (o, "family_name", family);
  json_object_set_string_member (o, "pc4", "6411");
  json_object_set_int_member (o, "birth_year", g_date_get_year (&date) - 20 - (int) (i % 40));
  json_object_set_string_member (o, "client_group", wb_client_groups[i % 10]);
  json_object_set_string_member (o, "phase", wb_phases[i % 8]);
  json_object_set_int_member (o, "work_capacity", (i * 7) % 101);
  json_object_set_string_member (o, "status", "active");
  json_object_set_string_member (o, "last_activity", activity);
  if (i % 3 == 1)
    {
      g_autofree char *stale = date_days_ago (400);

      json_object_set_string_member (o, "diagnosis_date", stale);
    }
  if (i % 3 == 2)
    wb_policy_pseudonymise_client (o, g_date_get_year (&date));
  return wb_test_record_take (WB_RESOURCE_CLIENTS, o);
}

typedef struct
{
  GtkWidget *window;
  WbListView *view;
  WbSession *session;
} Fixture;

static void
fixture_set_up (Fixture *fixture,
                int      width)
{
  g_autoptr(GListStore) records = g_list_store_new (WB_TYPE_RECORD);

  fixture->session = wb_test_consultant_session ();
  fixture->window = gtk_window_new ();
  fixture->view = WB_LIST_VIEW (wb_clients_view_new ());
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), width, 700);
  gtk_window_set_child (GTK_WINDOW (fixture->window), GTK_WIDGET (fixture->view));
  wb_list_view_set_session (fixture->view, fixture->session);
  for (guint i = 0; i < N_CLIENTS; i++)
    {
      g_autoptr(WbRecord) record = make_client (i);

      g_list_store_append (records, record);
    }
  wb_list_view_set_records (fixture->view, G_LIST_MODEL (records));
  gtk_window_present (GTK_WINDOW (fixture->window));
  wb_test_wait_frames (fixture->window, 3);
}

static void
fixture_tear_down (Fixture *fixture)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  drain ();
  g_clear_object (&fixture->session);
}

static GtkEventController *
key_controller (GtkWidget          *widget,
                GtkPropagationPhase phase)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller) && gtk_event_controller_get_propagation_phase (controller) == phase)
        return controller;
    }
  return NULL;
}

static gboolean
press (GtkEventController *controller,
       guint               keyval,
       GdkModifierType     state)
{
  gboolean handled = FALSE;

  g_assert_nonnull (controller);
  g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
  return handled;
}

/* Rows say what they hold, pseudonym and all; cells say what they show and know their
 * column; headers say their title (GTK 4.8 says "GtkListItemWidget", "GtkColumnViewTitle");
 * the count is a status a screen reader hears change. */
static void
test_rows_cells_headers_speak (void)
{
  Fixture f;
  GtkWidget *list, *label, *line, *cell, *count;
  g_autofree char *row_name = NULL;
  g_autofree char *pseudonym_name = NULL;
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();
  gboolean municipality_header = FALSE;

  fixture_set_up (&f, 1400);
  list = GTK_WIDGET (wb_list_view_get_rows (f.view));

  /* Client 0 (Heerlen, no diagnosis) and client 2 (a pseudonym), as sorted by name. */
  wb_test_wait_for ((label = find_label (list, "Given0 Family0")) != NULL);
  line = wb_test_list_line_of (label);
  g_assert_nonnull (line);
  row_name = accessible_label (line);
  g_assert_nonnull (row_name);
  g_assert_true (g_str_has_prefix (row_name, "Given0 Family0, "));
  g_assert_nonnull (strstr (row_name, "Municipality: Heerlen"));
  g_assert_nonnull (strstr (row_name, "Phase: "));
  g_assert_nonnull (strstr (row_name, "Diagnosis: "));

  wb_list_view_search (f.view, "K-000003");
  wb_test_wait_for ((label = find_label (list, "K-000003")) != NULL);
  wb_test_wait_frames (f.window, 2);
  pseudonym_name = accessible_label (wb_test_list_line_of (label));
  g_assert_true (g_str_has_prefix (pseudonym_name, "K-000003, pseudonym, "));

  /* The cell of the name (the label itself, in its line): its text, and its column as the
   * description. */
  cell = label;
  g_assert_null (gtk_test_accessible_check_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, "K-000003"));
  g_assert_null (gtk_test_accessible_check_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                     "Name or pseudonym"));

  find_by_type_name (GTK_WIDGET (wb_list_view_get_column_view (f.view)), "GtkColumnViewTitle", titles);
  g_assert_cmpuint (titles->len, ==, 9);
  for (guint i = 0; i < titles->len; i++)
    {
      g_autofree char *title = accessible_label (titles->pdata[i]);

      g_assert_nonnull (title);
      municipality_header |= g_strcmp0 (title, "Municipality") == 0;
    }
  g_assert_true (municipality_header);

  wb_list_view_search (f.view, "");
  wb_test_wait_for ((count = find_label (GTK_WIDGET (f.view), "300 clients")) != NULL);
  g_assert_true (gtk_test_accessible_has_role (GTK_ACCESSIBLE (count), GTK_ACCESSIBLE_ROLE_STATUS));

  fixture_tear_down (&f);
}

/* Every option of a drop-down speaks its text (GTK 4.8 leaves them empty). */
static void
test_options_speak (void)
{
  Fixture f;
  GtkWidget *dropdown, *button, *popover;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  guint named = 0;
  gboolean heerlen = FALSE;

  fixture_set_up (&f, 1400);
  dropdown = wb_list_view_get_filter_widget (f.view, 1);   /* the municipality */
  g_assert_true (WB_IS_FILTER_DROPDOWN (dropdown));
  button = find_widget (dropdown, GTK_TYPE_TOGGLE_BUTTON);
  g_assert_nonnull (button);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
  popover = find_widget (dropdown, GTK_TYPE_POPOVER);
  g_assert_nonnull (popover);
  wb_test_wait_frames (popover, 3);
  g_assert_true (gtk_widget_get_mapped (popover));
  find_by_type_name (popover, "GtkListItemWidget", rows);
  g_assert_cmpuint (rows->len, ==, 5);   /* every municipality, and all */
  for (guint i = 0; i < rows->len; i++)
    {
      g_autofree char *name = accessible_label (rows->pdata[i]);

      named += name != NULL && *name != '\0';
      heerlen |= g_strcmp0 (name, "Heerlen") == 0;
    }
  g_assert_cmpuint (named, ==, rows->len);
  g_assert_true (heerlen);
  /* The open filter, to look at. */
  wb_test_save_native_shot (popover, "filter-popup");
  gtk_popover_popdown (GTK_POPOVER (popover));
  fixture_tear_down (&f);
}

/* A control has one name: GTK 4.8 reads a button with a name of its own and a label
 * "Try again Try Again", and a mnemonic "_Save" with its underscore. */
/* With the accessibility backend turned off (GTK_A11Y=none), the mending stays out of the
 * way: a window of buttons with mnemonics, a stack and a list shows without a critical (the
 * tests run with criticals fatal). In a process of its own, started with the variable, as
 * GTK reads it once. */
static void
test_accessibility_off (void)
{
  if (g_test_subprocess ())
    {
      GtkWidget *window = gtk_window_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      GtkWidget *stack = gtk_stack_new ();
      GtkWidget *list = gtk_list_box_new ();

      g_assert_cmpstr (g_getenv ("GTK_A11Y"), ==, "none");
      gtk_box_append (GTK_BOX (box), gtk_button_new_with_mnemonic ("_Save"));
      gtk_stack_add_named (GTK_STACK (stack), gtk_label_new ("Shown"), "shown");
      gtk_stack_add_named (GTK_STACK (stack), gtk_label_new ("Not shown"), "hidden");
      gtk_box_append (GTK_BOX (box), stack);
      gtk_list_box_append (GTK_LIST_BOX (list), gtk_label_new ("Contact"));
      gtk_box_append (GTK_BOX (box), list);
      gtk_window_set_child (GTK_WINDOW (window), box);
      gtk_window_present (GTK_WINDOW (window));
      wb_test_wait_frames (window, 3);
      g_assert_true (gtk_widget_get_mapped (list));
      gtk_stack_set_visible_child_name (GTK_STACK (stack), "hidden");
      wb_test_wait_frames (window, 2);
      gtk_window_destroy (GTK_WINDOW (window));
      return;
    }
  /* The child inherits it; this process does not make a widget while it is set. */
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_unsetenv ("GTK_A11Y");
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr_unmatched ("*CRITICAL*");
}

static void
test_one_name (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *named = gtk_button_new_with_mnemonic ("_Try Again");
  GtkWidget *plain = gtk_button_new_with_mnemonic ("_Save");
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *shown = gtk_label_new ("Shown");
  GtkWidget *hidden = gtk_label_new ("Werkbrug Could Not Start");
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *row_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *row;
  g_autofree char *save = NULL;
  g_autofree char *row_name = NULL;

  gtk_accessible_update_property (GTK_ACCESSIBLE (named), GTK_ACCESSIBLE_PROPERTY_LABEL, "Try again", -1);
  gtk_box_append (GTK_BOX (box), named);
  gtk_box_append (GTK_BOX (box), plain);
  gtk_stack_add_named (GTK_STACK (stack), shown, "shown");
  gtk_stack_add_named (GTK_STACK (stack), hidden, "hidden");
  gtk_box_append (GTK_BOX (box), stack);
  gtk_box_append (GTK_BOX (row_box), gtk_label_new ("Contact"));
  gtk_box_append (GTK_BOX (row_box), gtk_label_new ("3 dec. 2026"));
  gtk_list_box_append (GTK_LIST_BOX (list), row_box);
  gtk_box_append (GTK_BOX (box), list);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  wb_test_wait_frames (window, 3);

  g_assert_false (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (named), GTK_ACCESSIBLE_RELATION_LABELLED_BY));
  g_assert_null (gtk_test_accessible_check_property (GTK_ACCESSIBLE (named), GTK_ACCESSIBLE_PROPERTY_LABEL, "Try again"));
  save = accessible_label (plain);
  g_assert_cmpstr (save, ==, "Save");
  g_assert_false (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (plain), GTK_ACCESSIBLE_RELATION_LABELLED_BY));

  /* A list box row of labels speaks them (GTK 4.8: an empty list item). */
  row = gtk_widget_get_parent (row_box);
  g_assert_true (GTK_IS_LIST_BOX_ROW (row));
  row_name = accessible_label (row);
  g_assert_cmpstr (row_name, ==, "Contact, 3 dec. 2026");

  /* A page not on screen is not in the accessibility tree; shown, it is. */
  g_assert_null (gtk_test_accessible_check_state (GTK_ACCESSIBLE (hidden), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE));
  gtk_stack_set_visible_child (GTK_STACK (stack), hidden);
  wb_test_wait_frames (window, 2);
  g_assert_null (gtk_test_accessible_check_state (GTK_ACCESSIBLE (shown), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE));
  g_assert_null (gtk_test_accessible_check_state (GTK_ACCESSIBLE (hidden), GTK_ACCESSIBLE_STATE_HIDDEN, FALSE));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_setup_line_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item)
{
  gtk_list_item_set_child (item, adw_expander_row_new ());
}

static gboolean rebuild_lines;

static void
on_bind_line_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item)
{
  GtkWidget *row;

  /* A list may build a line's content anew: the old labels are gone. */
  if (rebuild_lines)
    gtk_list_item_set_child (item, adw_expander_row_new ());
  row = gtk_list_item_get_child (item);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), gtk_string_object_get_string (gtk_list_item_get_item (item)));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), "Heerlen, 12 km");
}

/* The lines of a plain list view (the candidates of a vacancy, a client's suitable
 * vacancies: expander rows) speak the row's title, also after the list shows another item
 * in them (GTK 4.8: an empty list item). */
static void
test_list_view_lines_speak (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkStringList *items = gtk_string_list_new ((const char * const[]) { "K-000001", "Jan Jansen", NULL });
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *list;
  GtkWidget *lines[2];
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *again = NULL;

  g_signal_connect (factory, "setup", G_CALLBACK (on_setup_line_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind_line_cb), NULL);
  list = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (items))), factory);
  gtk_window_set_child (GTK_WINDOW (window), list);
  gtk_window_present (GTK_WINDOW (window));
  wb_test_wait_frames (window, 3);

  lines[0] = gtk_widget_get_first_child (list);
  g_assert_nonnull (lines[0]);
  lines[1] = gtk_widget_get_next_sibling (lines[0]);
  g_assert_nonnull (lines[1]);
  first = accessible_label (lines[0]);
  second = accessible_label (lines[1]);
  g_assert_cmpstr (first, ==, "K-000001");
  g_assert_cmpstr (second, ==, "Jan Jansen");

  /* Another item in the first line: its name follows. */
  gtk_string_list_splice (items, 0, 1, (const char * const[]) { "K-000002", NULL });
  wb_test_wait_frames (window, 2);
  again = accessible_label (gtk_widget_get_first_child (list));
  g_assert_cmpstr (again, ==, "K-000002");

  /* Built anew and shown again: the line speaks its new content. */
  rebuild_lines = TRUE;
  gtk_string_list_splice (items, 0, 1, (const char * const[]) { "K-000003", NULL });
  gtk_widget_set_visible (list, FALSE);
  wb_test_wait_frames (window, 2);
  gtk_widget_set_visible (list, TRUE);
  wb_test_wait_frames (window, 3);
  rebuild_lines = FALSE;
  g_free (again);
  again = accessible_label (gtk_widget_get_first_child (list));
  g_assert_cmpstr (again, ==, "K-000003");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Tab leaves the list (the arrows move within it); Down from the search goes to the first
 * result; after a search in a list scrolled to its end the first match is shown and
 * selected, and Enter opens it; "Clear filters" leaves the focus in the search. */
static void
test_keyboard (void)
{
  Fixture f;
  GtkWidget *view, *list, *entry, *label, *scrolled, *clear;
  GtkAdjustment *adjustment;
  gpointer first;

  fixture_set_up (&f, 1400);
  view = GTK_WIDGET (wb_list_view_get_rows (f.view));
  list = view;

  wb_list_view_focus_row (f.view, wb_list_view_get_selected_row (f.view));
  g_assert_true (focus_inside (f.window, view));
  g_assert_true (press (key_controller (view, GTK_PHASE_CAPTURE), GDK_KEY_Tab, 0));
  g_assert_false (focus_inside (f.window, view));
  g_assert_nonnull (gtk_root_get_focus (GTK_ROOT (f.window)));
  /* Back again, Shift+Tab leaves the list for the control before it, not for the headers
   * above the rows (no Tab stop, nothing to say). */
  wb_list_view_focus_row (f.view, wb_list_view_get_selected_row (f.view));
  g_assert_true (press (key_controller (view, GTK_PHASE_CAPTURE), GDK_KEY_Tab, GDK_SHIFT_MASK));
  g_assert_false (focus_inside (f.window, view));
  g_assert_nonnull (gtk_root_get_focus (GTK_ROOT (f.window)));
  g_assert_false (focus_inside (f.window, gtk_widget_get_ancestor (GTK_WIDGET (wb_list_view_get_column_view (f.view)),
                                                                  GTK_TYPE_SCROLLED_WINDOW)));

  /* Scrolled to the end, then a search. */
  scrolled = gtk_widget_get_ancestor (list, GTK_TYPE_SCROLLED_WINDOW);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  wb_test_wait_frames (f.window, 3);
  g_assert_null (find_label (view, "Given0 Family0"));
  wb_list_view_focus_search (f.view);
  entry = find_widget (GTK_WIDGET (f.view), GTK_TYPE_SEARCH_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (entry), "given12 ");
  g_signal_emit_by_name (entry, "search-changed");
  /* The search filters as it goes, a part of the rows at a time: done when its one match is
   * the selected row and on screen. */
  wb_test_wait_for ((first = wb_list_view_get_selected_row (f.view)) != NULL &&
                    g_strcmp0 (wb_client_row_get_title (first), "Given12 Family12") == 0 &&
                    find_label (view, "Given12 Family12") != NULL);
  wb_test_wait_frames (f.window, 2);
  first = wb_list_view_get_selected_row (f.view);
  g_assert_nonnull (first);
  g_assert_cmpstr (wb_client_row_get_title (first), ==, "Given12 Family12");
  label = find_label (view, "Given12 Family12");
  g_assert_nonnull (label);

  g_assert_true (press (key_controller (entry, GTK_PHASE_BUBBLE), GDK_KEY_Down, 0));
  g_assert_true (focus_inside (f.window, wb_test_list_line_of (label)));

  gtk_widget_grab_focus (entry);
  gtk_window_set_focus_visible (GTK_WINDOW (f.window), FALSE);
  g_signal_emit_by_name (entry, "activate");
  wb_test_wait_for (!wb_list_view_showing_list (f.view));
  wb_test_wait_frames (f.window, 2);
  g_assert_false (wb_list_view_showing_list (f.view));
  /* The opened profile has the focus, with its ring. */
  g_assert_true (focus_inside (f.window, GTK_WIDGET (wb_list_view_get_page (f.view))));
  g_assert_true (gtk_window_get_focus_visible (GTK_WINDOW (f.window)));
  g_assert_cmpstr (wb_record_page_get_title (wb_list_view_get_page (f.view)), ==, "Given12 Family12");

  /* Back, and the filters cleared from their button: the focus goes to the search. */
  g_signal_emit_by_name (wb_list_view_get_page (f.view), "back");
  wb_test_wait_for (wb_list_view_showing_list (f.view));
  wb_test_wait_frames (f.window, 2);
  clear = find_tooltip (GTK_WIDGET (f.view), "Clear the search and the filters");
  g_assert_nonnull (clear);
  g_assert_true (gtk_widget_get_sensitive (clear));
  g_assert_true (gtk_widget_grab_focus (clear));
  g_signal_emit_by_name (clear, "clicked");
  wb_test_wait_frames (f.window, 2);
  g_assert_false (gtk_widget_get_sensitive (clear));
  g_assert_true (focus_inside (f.window, entry));
  fixture_tear_down (&f);
}

/* Runs the main loop until the leaflet and the search bar of @view have stopped moving. */
static void
settle (WbListView *view)
{
  GtkWidget *bar = find_widget (GTK_WIDGET (view), GTK_TYPE_SEARCH_BAR);
  GtkRevealer *revealer = GTK_REVEALER (find_widget (bar, GTK_TYPE_REVEALER));
  AdwLeaflet *leaflet = ADW_LEAFLET (find_widget (GTK_WIDGET (view), ADW_TYPE_LEAFLET));

  /* A frame for the moves to begin, then until they have ended, and a frame to draw that. */
  wb_test_wait_frames (GTK_WIDGET (view), 1);
  wb_test_wait_for (!adw_leaflet_get_child_transition_running (leaflet) &&
                    gtk_revealer_get_child_revealed (revealer) == gtk_revealer_get_reveal_child (revealer));
  wb_test_wait_frames (GTK_WIDGET (view), 1);
}

/* The window's Search button shows the list's search. Where the list is folded away behind
 * a record page, pressing it goes back to the list with the search open and focused, also
 * when the search bar was open already (out of sight, the button closed it); on the list, it
 * closes the search. */
static void
test_search_button (void)
{
  g_autoptr(WbSession) session = wb_test_consultant_session ();
  g_autoptr(GListStore) records = g_list_store_new (WB_TYPE_RECORD);
  GtkWidget *window = GTK_WIDGET (g_object_new (WB_TYPE_WINDOW, NULL));
  WbListView *view;
  GtkWidget *button, *entry;
  gboolean search_mode = TRUE;

  gtk_window_set_default_size (GTK_WINDOW (window), 400, 700);
  wb_window_show_session (WB_WINDOW (window), session);
  view = WB_LIST_VIEW (find_widget (window, WB_TYPE_CLIENTS_VIEW));
  g_assert_nonnull (view);
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(WbRecord) record = make_client (i);

      g_list_store_append (records, record);
    }
  wb_list_view_set_records (view, G_LIST_MODEL (records));
  gtk_window_present (GTK_WINDOW (window));
  wb_test_wait_frames (window, 3);
  button = find_tooltip (window, "Search (Ctrl+F)");
  g_assert_true (GTK_IS_TOGGLE_BUTTON (button));
  entry = find_widget (GTK_WIDGET (view), GTK_TYPE_SEARCH_ENTRY);
  g_assert_nonnull (entry);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), FALSE);
  g_object_get (view, "search-mode", &search_mode, NULL);
  g_assert_false (search_mode);

  for (int open = FALSE; open <= TRUE; open++)
    {
      /* A record page over the list, the search closed (the first time) or open. */
      wb_list_view_open_row (view, wb_list_view_get_selected_row (view));
      settle (view);
      g_assert_false (wb_list_view_showing_list (view));
      g_assert_false (gtk_widget_get_mapped (entry));
      g_assert_cmpint (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)), ==, open);

      g_signal_emit_by_name (button, "clicked");
      settle (view);
      g_assert_true (wb_list_view_showing_list (view));
      g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
      g_assert_true (gtk_widget_get_mapped (entry));
      g_assert_true (focus_inside (window, entry));
    }

  g_signal_emit_by_name (button, "clicked");
  settle (view);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
  g_object_get (view, "search-mode", &search_mode, NULL);
  g_assert_false (search_mode);
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
}

/* Sorting from the keyboard: the "Sort" menu's action sorts by a column, and again the
 * other way round. */
static void
test_sort_from_keyboard (void)
{
  Fixture f;
  g_autoptr(GObject) first = NULL;
  g_autoptr(GObject) last = NULL;
  GListModel *rows;

  fixture_set_up (&f, 1400);
  rows = G_LIST_MODEL (wb_list_view_get_model (f.view));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "list.sort-by", "s", "municipality"));
  wb_test_wait_frames (f.window, 2);
  first = g_list_model_get_item (rows, 0);
  g_assert_cmpstr (wb_client_row_get_municipality (WB_CLIENT_ROW (first)), ==, "Brunssum");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.view), "list.sort-by", "s", "municipality"));
  wb_test_wait_frames (f.window, 2);
  last = g_list_model_get_item (rows, 0);
  g_assert_cmpstr (wb_client_row_get_municipality (WB_CLIENT_ROW (last)), ==, "Landgraaf");
  fixture_tear_down (&f);
}

/* The decision windows are dialogs, not plain windows; the shortcuts window has a title
 * (not "GtkShortcutsWindow") and lists the views' Alt+1, 2, 3. (Its search button's name,
 * given when it is shown, is checked by the walk of e2e-a11y: GTK 4.8 warns about a label's
 * size when the window is shown without the application's style.) */
static void
test_dialogs_and_shortcuts (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (WB_SHORTCUTS_RESOURCE);
  GtkWidget *overlay = GTK_WIDGET (gtk_builder_get_object (builder, "help_overlay"));
  GType dialogs[] = { WB_TYPE_REVIEW_DECISION_DIALOG, WB_TYPE_HANDOVER_DIALOG, WB_TYPE_IMPORT_DIALOG };
  g_autoptr(GPtrArray) shortcuts = g_ptr_array_new ();
  gboolean views_listed = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (dialogs); i++)
    {
      GtkWidgetClass *klass = g_type_class_ref (dialogs[i]);

      g_assert_cmpint (gtk_widget_class_get_accessible_role (klass), ==, GTK_ACCESSIBLE_ROLE_DIALOG);
      g_type_class_unref (klass);
    }

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (overlay)), ==, "Keyboard Shortcuts");
  find_by_type_name (overlay, "GtkShortcutsShortcut", shortcuts);
  for (guint i = 0; i < shortcuts->len; i++)
    {
      g_autofree char *accelerator = NULL;

      g_object_get (shortcuts->pdata[i], "accelerator", &accelerator, NULL);
      views_listed |= accelerator != NULL && strstr (accelerator, "<Alt>1") != NULL;
    }
  g_assert_true (views_listed);
  gtk_window_destroy (GTK_WINDOW (overlay));
}

static void
print_widths (GtkWidget *widget,
              int        depth)
{
  int minimum;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  if (minimum > 150 || depth < 3)
    g_test_message ("%*s%s %s: %d", depth * 2, "", G_OBJECT_TYPE_NAME (widget),
                    gtk_widget_get_name (widget), minimum);
  if (minimum > 150 && depth < 30)
    for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      print_widths (child, depth + 1);
}

/* Narrow windows: the list view goes down to 360 px, the window's smallest width. */
static void
test_narrow (void)
{
  Fixture f;
  int minimum;

  fixture_set_up (&f, 360);
  gtk_widget_measure (GTK_WIDGET (f.view), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  if (minimum > 360)
    print_widths (GTK_WIDGET (f.view), 0);
  g_assert_cmpint (minimum, <=, 360);
  /* The filters are in the popover of "Filters and tools"; wide, they come back in a row. */
  g_assert_true (wb_list_view_get_narrow (f.view));
  g_assert_false (gtk_widget_get_mapped (wb_list_view_get_filter_widget (f.view, 0)));
  /* Opened, the popover has them one under the other, each whole. */
  {
    GtkWidget *filter = wb_list_view_get_filter_widget (f.view, 0);
    GtkPopover *popover = GTK_POPOVER (gtk_widget_get_ancestor (filter, GTK_TYPE_POPOVER));
    GtkWidget *box = gtk_widget_get_parent (filter);
    graphene_rect_t first, second;

    gtk_popover_popup (popover);
    wb_test_wait_frames (f.window, 3);
    g_assert_true (gtk_widget_get_mapped (filter));
    g_assert_true (gtk_widget_compute_bounds (gtk_widget_get_first_child (box), box, &first));
    g_assert_true (gtk_widget_compute_bounds (gtk_widget_get_next_sibling (gtk_widget_get_first_child (box)), box,
                                              &second));
    g_assert_cmpfloat (second.origin.y, >=, first.origin.y + first.size.height);
    g_assert_cmpfloat (first.size.width, ==, gtk_widget_get_width (box));
    gtk_popover_popdown (popover);
    wb_test_wait_frames (f.window, 2);
  }
  gtk_window_set_default_size (GTK_WINDOW (f.window), 1400, 700);
  /* The window takes its new width, and the list its wide form, a frame or two later. */
  wb_test_wait_for (!wb_list_view_get_narrow (f.view));
  wb_test_wait_frames (f.window, 3);
  g_assert_false (wb_list_view_get_narrow (f.view));
  g_assert_true (gtk_widget_get_mapped (wb_list_view_get_filter_widget (f.view, 0)));
  fixture_tear_down (&f);
}

static void
find_by_type (GtkWidget *widget,
              GType      type,
              GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_by_type (child, type, found);
}

static gboolean
is_heading (GtkWidget  *label,
            const char *level)
{
  return label != NULL &&
         gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (label)) == GTK_ACCESSIBLE_ROLE_HEADING &&
         gtk_test_accessible_check_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LEVEL, atoi (level)) == NULL;
}

/* A profile: Tab goes to what can be done, not to the facts; a screen reader's heading keys
 * go from card to card (each card's title a heading of level 2 under the page's title, of
 * level 1). Every record page has its cards from the same scaffolding. */
static void
test_profile_headings (void)
{
  Fixture f;
  WbRecordPage *page;
  g_autoptr(GPtrArray) cards = g_ptr_array_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = NULL;
  gboolean page_heading = FALSE;
  guint facts = 0;

  fixture_set_up (&f, 1400);
  wb_list_view_open_row (f.view, wb_list_view_get_selected_row (f.view));
  wb_test_wait_for (!wb_list_view_showing_list (f.view));
  wb_test_wait_frames (f.window, 3);
  page = wb_list_view_get_page (f.view);
  labels = g_ptr_array_new ();
  find_by_type (GTK_WIDGET (page), GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_text (labels->pdata[i]), wb_record_page_get_title (page)) == 0)
      page_heading |= is_heading (labels->pdata[i], "1");
  g_assert_true (page_heading);

  find_by_type (GTK_WIDGET (page), ADW_TYPE_PREFERENCES_GROUP, cards);
  g_assert_cmpuint (cards->len, >=, 3);
  for (guint i = 0; i < cards->len; i++)
    {
      const char *title = adw_preferences_group_get_title (cards->pdata[i]);

      if (title == NULL || *title == '\0')
        continue;
      if (!is_heading (find_label (cards->pdata[i], title), "2"))
        g_error ("The card “%s” has no heading of level 2", title);
    }

  find_by_type (GTK_WIDGET (page), ADW_TYPE_ACTION_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      if (gtk_list_box_row_get_activatable (rows->pdata[i]))
        continue;
      facts++;
      if (gtk_widget_get_focusable (rows->pdata[i]))
        g_error ("The fact “%s” is a Tab stop", adw_preferences_row_get_title (rows->pdata[i]));
    }
  g_assert_cmpuint (facts, >=, 5);
  fixture_tear_down (&f);
}

static GtkWidget *
find_status (GtkWidget  *widget,
             const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0 &&
      gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)) == GTK_ACCESSIBLE_ROLE_STATUS)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_status (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A toast is heard: libadwaita 1.2's toasts have no role, so its words are also in a status
 * label of the window, in the accessibility tree (mapped) but not seen, and there no longer
 * once the toast is gone. A toast added by a view inside the window goes the same way. */
static void
test_toasts_are_said (void)
{
  g_autoptr(GSettings) settings = wb_application_create_settings ();
  WbWindow *window;
  GtkWidget *status;
  AdwToast *toast;

  /* No server listens there: the window stays at the sign-in page. */
  g_settings_set_string (settings, "server-url", "http://127.0.0.1:9");
  window = wb_window_new_with_settings (NULL, settings);
  gtk_window_present (GTK_WINDOW (window));
  wb_test_wait_frames (GTK_WIDGET (window), 3);

  wb_window_add_toast (window, "Event saved");
  wb_test_wait_for ((status = find_status (GTK_WIDGET (window), "Event saved")) != NULL);
  wb_test_wait_frames (GTK_WIDGET (window), 2);
  g_assert_true (gtk_widget_get_mapped (status));
  g_assert_cmpfloat (gtk_widget_get_opacity (status), ==, 0.0);
  g_assert_false (gtk_widget_get_focusable (status));

  toast = adw_toast_new ("Copied to the clipboard");
  g_object_ref (toast);
  g_assert_true (wb_a11y_add_toast (GTK_WIDGET (wb_window_get_login_page (window)), toast));
  wb_test_wait_for (find_status (GTK_WIDGET (window), "Copied to the clipboard") != NULL);
  g_assert_true (find_status (GTK_WIDGET (window), "Copied to the clipboard") == status);
  adw_toast_dismiss (toast);
  wb_test_wait_for (find_status (GTK_WIDGET (window), "Copied to the clipboard") == NULL);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (status)), ==, "");
  g_object_unref (toast);

  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
}

static gboolean
is_toast_title (GtkWidget     *widget,
                gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0 &&
         gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)) != GTK_ACCESSIBLE_ROLE_STATUS &&
         gtk_widget_get_mapped (widget);
}

/* A long toast is read whole in a narrow window: libadwaita 1.2 gives a toast's own title two
 * lines at most and ellipsizes the rest (wb-a11y.c: wb_a11y_add_toast). */
static void
test_toast_wraps_when_narrow (void)
{
  static const char text[] = "You stay signed in until you close Werkbrug: the keyring did not keep your sign-in.";
  g_autoptr(GSettings) settings = wb_application_create_settings ();
  WbWindow *window;
  GtkWidget *title;
  graphene_rect_t bounds;
  int one_line;

  g_settings_set_string (settings, "server-url", "http://127.0.0.1:9");
  g_settings_set_int (settings, "window-width", 360);
  g_settings_set_int (settings, "window-height", 700);
  g_settings_set_boolean (settings, "window-maximized", FALSE);
  window = wb_window_new_with_settings (NULL, settings);
  gtk_window_present (GTK_WINDOW (window));
  wb_test_wait_frames (GTK_WIDGET (window), 3);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 360);

  wb_window_add_toast (window, text);
  wb_test_wait_for ((title = wb_test_find (GTK_WIDGET (window), is_toast_title, text)) != NULL);
  wb_test_wait_frames (GTK_WIDGET (window), 3);
  g_assert_true (gtk_widget_compute_bounds (title, GTK_WIDGET (window), &bounds));
  g_test_message ("the toast's title: %.0f px from the left, %.0f px wide, %.0f px high", bounds.origin.x,
                  bounds.size.width, bounds.size.height);
  g_assert_cmpfloat (bounds.origin.x, >=, 0);
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (GTK_WIDGET (window)));
  /* Whole, on the lines it needs (libadwaita's own title stops at two, and ellipsizes). */
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (title))));
  gtk_widget_measure (title, GTK_ORIENTATION_VERTICAL, G_MAXINT / 2, &one_line, NULL, NULL, NULL);
  g_assert_cmpfloat (bounds.size.height, >=, 3 * one_line - 6);
  wb_test_save_shot (GTK_WINDOW (window), "a11y-toast-360");

  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
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
  /* The window of the toasts test asks for a kept sign-in: not of the keyring of whatever
   * session runs the tests (see wb-secret.c). */
  g_setenv ("WERKBRUG_KEYRING", "none", TRUE);
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_add_func ("/app-a11y/no-display", skip_without_display);
      return g_test_run ();
    }
  adw_init ();
  wb_application_ensure_resources ();
  wb_test_use_app_style ();
  wb_a11y_install ();
  today = wb_today_julian ();

  g_test_add_func ("/app-a11y/list/rows-cells-headers-speak", test_rows_cells_headers_speak);
  g_test_add_func ("/app-a11y/list/options-speak", test_options_speak);
  g_test_add_func ("/app-a11y/list/list-view-lines-speak", test_list_view_lines_speak);
  g_test_add_func ("/app-a11y/one-name-and-hidden-pages", test_one_name);
  g_test_add_func ("/app-a11y/accessibility-off", test_accessibility_off);
  g_test_add_func ("/app-a11y/list/keyboard", test_keyboard);
  g_test_add_func ("/app-a11y/list/sort-from-the-keyboard", test_sort_from_keyboard);
  g_test_add_func ("/app-a11y/dialogs-and-shortcuts", test_dialogs_and_shortcuts);
  g_test_add_func ("/app-a11y/list/narrow", test_narrow);
  g_test_add_func ("/app-a11y/toasts-are-said", test_toasts_are_said);
  g_test_add_func ("/app-a11y/toast-wraps-when-narrow", test_toast_wraps_when_narrow);
  g_test_add_func ("/app-a11y/profile/facts-under-headings", test_profile_headings);
  g_test_add_func ("/app-a11y/window/search-button-shows-the-search", test_search_button);

  return g_test_run ();
}
