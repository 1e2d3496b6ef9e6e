/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#include "wb-test-gtk.h"

#include "wb-cells.h"
#include "wb-text-cell.h"

AdwMessageDialog *
wb_test_wait_for_message_dialog (void)
{
  gint64 end = g_get_monotonic_time () + WB_TEST_WAIT_SECONDS * G_USEC_PER_SEC;

  /* A deadline, not a count of main loop rounds: how many rounds pass before the dialog
   * comes depends on the machine. */
  while (g_get_monotonic_time () < end)
    {
      GListModel *toplevels = gtk_window_get_toplevels ();

      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

          if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
            return ADW_MESSAGE_DIALOG (window);
        }
      wb_test_iterate ();
    }
  g_error ("Waited %d s in vain for a message dialog", WB_TEST_WAIT_SECONDS);
}

void
wb_test_collect_texts (GtkWidget *widget,
                       GString   *out)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (GTK_IS_LABEL (widget) || WB_IS_TEXT_CELL (widget))
    {
      /* A list's cells of text are WbTextCells (wb_cell_new_text). */
      const char *text = wb_cell_get_text (widget);

      g_string_append (out, text != NULL ? text : "");
      g_string_append_c (out, '\n');
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    wb_test_collect_texts (child, out);
}

void
wb_test_iterate (void)
{
  /* Not blocking: what is waited for may come from another thread or process, which does not
   * wake this main context. */
  if (!g_main_context_iteration (NULL, FALSE))
    g_usleep (1000);
}

void
wb_test_wait_until (gboolean *done)
{
  wb_test_wait_for (*done);
}

static void
on_after_paint_count_cb (GdkFrameClock *clock,
                         guint         *painted)
{
  (*painted)++;
}

void
wb_test_wait_frames (GtkWidget *widget,
                     guint      n)
{
  GdkFrameClock *clock;
  guint painted = 0;
  gulong handler;
  gint64 end = g_get_monotonic_time () + WB_TEST_WAIT_SECONDS * G_USEC_PER_SEC;

  /* A frame clock once the widget's window is realized; then frames counted as they are
   * painted, not milliseconds: a slow machine paints fewer of them in the same time. */
  wb_test_wait_for (gtk_widget_get_mapped (widget) && gtk_widget_get_frame_clock (widget) != NULL);
  clock = g_object_ref (gtk_widget_get_frame_clock (widget));
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_count_cb), &painted);
  while (painted < n)
    {
      if (g_get_monotonic_time () > end)
        g_error ("Waited %d s in vain for %u painted frames (%u came)", WB_TEST_WAIT_SECONDS, n, painted);
      /* Without a change nothing is painted: ask for a frame, and the layout before it. */
      gtk_widget_queue_draw (widget);
      gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
      wb_test_iterate ();
    }
  g_signal_handler_disconnect (clock, handler);
  g_object_unref (clock);
}

GtkCssProvider *
wb_test_load_css (const char *resource,
                  guint       priority)
{
  GtkCssProvider *provider = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (provider, resource);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider), priority);
  return provider;
}

void
wb_test_use_app_style (void)
{
  static GtkCssProvider *style;

  if (style == NULL)
    style = wb_test_load_css ("/nl/werkbrug/Werkbrug/style.css", GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

GtkWindow *
wb_test_show_in_window (GtkWidget *widget,
                        int        width,
                        int        height)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_set_child (GTK_WINDOW (window), widget);
  gtk_window_present (GTK_WINDOW (window));
  wb_test_wait_frames (window, 3);
  return GTK_WINDOW (window);
}

gboolean
wb_test_shots_wanted (void)
{
  return g_getenv ("WB_TEST_SHOTS") != NULL;
}

void
wb_test_save_native_shot (GtkWidget  *native,
                          const char *name)
{
  const char *dir = g_getenv ("WB_TEST_SHOTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  int width, height;

  g_return_if_fail (GTK_IS_NATIVE (native));

  if (dir == NULL)
    return;
  wb_test_wait_frames (native, 3);
  width = gtk_widget_get_width (native);
  height = gtk_widget_get_height (native);
  paintable = gtk_widget_paintable_new (native);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (native)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  file = g_strdup_printf ("%s/%s.png", dir, name);
  if (!gdk_texture_save_to_png (texture, file))
    g_test_message ("Could not save %s", file);
}

void
wb_test_save_shot (GtkWindow  *window,
                   const char *name)
{
  wb_test_save_native_shot (GTK_WIDGET (window), name);
}

void
wb_test_save_light_and_dark (GtkWindow  *window,
                             const char *name)
{
  AdwStyleManager *style = adw_style_manager_get_default ();

  if (!wb_test_shots_wanted ())
    return;
  for (guint dark = 0; dark < 2; dark++)
    {
      g_autofree char *shot = g_strdup_printf ("%s-%s", name, dark ? "dark" : "light");
      g_autoptr(GtkCssProvider) dark_css = NULL;

      adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
      /* The application's dark additions, as its style manager loads them. */
      if (dark)
        dark_css = wb_test_load_css ("/nl/werkbrug/Werkbrug/style-dark.css", GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      wb_test_save_shot (window, shot);
      if (dark_css != NULL)
        gtk_style_context_remove_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (dark_css));
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

GtkButton *
wb_test_find_button (GtkWidget  *widget,
                     const char *label)
{
  return GTK_BUTTON (wb_test_find (widget, is_button_labelled, label));
}

GtkWidget *
wb_test_find_field (GtkWidget  *widget,
                    const char *label)
{
  GtkWidget *next = gtk_widget_get_next_sibling (widget);

  /* A label over an input, not the label of a drop-down's choice. */
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), label) == 0 &&
      (GTK_IS_EDITABLE (next) || GTK_IS_DROP_DOWN (next) || GTK_IS_CHECK_BUTTON (next) || GTK_IS_SWITCH (next)))
    return next;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = wb_test_find_field (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

void
wb_test_respond (AdwMessageDialog *dialog,
                 const char       *response)
{
  GtkWidget *weak = GTK_WIDGET (dialog);
  gint64 end = g_get_monotonic_time () + WB_TEST_WAIT_SECONDS * G_USEC_PER_SEC;

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &weak);
  /* As a click on the response's button does: answer, then close. */
  adw_message_dialog_response (dialog, response);
  if (weak != NULL)
    gtk_window_close (GTK_WINDOW (weak));
  while (weak != NULL && gtk_widget_get_visible (weak))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }
  if (weak != NULL)
    g_object_remove_weak_pointer (G_OBJECT (weak), (gpointer *) &weak);
}

GtkWidget *
wb_test_list_line_of (GtkWidget *label)
{
  for (GtkWidget *widget = label; widget != NULL; widget = gtk_widget_get_parent (widget))
    if (gtk_widget_get_parent (widget) != NULL && GTK_IS_LIST_VIEW (gtk_widget_get_parent (widget)))
      return widget;
  return NULL;
}

WbRecord *
wb_test_record_take (WbResource  resource,
                     JsonObject *object)
{
  WbRecord *record = wb_record_new (resource, object);

  json_object_unref (object);
  return record;
}

WbRecord *
wb_test_named_record (WbResource  resource,
                      gint64      id,
                      const char *name)
{
  JsonObject *o = json_object_new ();

  json_object_set_int_member (o, "id", id);
  json_object_set_string_member (o, resource == WB_RESOURCE_USERS ? "display_name" : "name", name);
  if (resource == WB_RESOURCE_USERS)
    json_object_set_int_member (o, "organisation_id", 1);
  return wb_test_record_take (resource, o);
}

WbSession *
wb_test_consultant_session (void)
{
  static const char * const org_names[] = { "ISD Kompas", "ISD BOL", "Gemeente Heerlen" };
  static const char * const municipality_names[] = { "Heerlen", "Kerkrade", "Brunssum", "Landgraaf" };
  static const struct { gint64 id; const char *name; } users[] = { { 7, "Test Consultant" }, { 8, "Wendy Wsp" } };
  JsonObject *me = json_object_new ();
  g_autoptr(WbRecord) me_record = NULL;
  g_autoptr(GListStore) orgs = g_list_store_new (WB_TYPE_RECORD);
  g_autoptr(GListStore) municipalities = g_list_store_new (WB_TYPE_RECORD);
  g_autoptr(GListStore) people = g_list_store_new (WB_TYPE_RECORD);
  WbSession *session;

  json_object_set_int_member (me, "id", 7);
  json_object_set_int_member (me, "organisation_id", 1);
  json_object_set_string_member (me, "role", "consultant");
  json_object_set_string_member (me, "display_name", "Test Consultant");
  me_record = wb_test_record_take (WB_RESOURCE_USERS, me);
  session = wb_session_new (NULL, me_record);
  for (guint i = 0; i < G_N_ELEMENTS (org_names); i++)
    {
      g_autoptr(WbRecord) r = wb_test_named_record (WB_RESOURCE_ORGANISATIONS, i + 1, org_names[i]);

      g_list_store_append (orgs, r);
    }
  for (guint i = 0; i < G_N_ELEMENTS (municipality_names); i++)
    {
      g_autoptr(WbRecord) r = wb_test_named_record (WB_RESOURCE_MUNICIPALITIES, i + 1, municipality_names[i]);

      g_list_store_append (municipalities, r);
    }
  for (guint i = 0; i < G_N_ELEMENTS (users); i++)
    {
      g_autoptr(WbRecord) r = wb_test_named_record (WB_RESOURCE_USERS, users[i].id, users[i].name);

      g_list_store_append (people, r);
    }
  wb_session_set_lookup (session, WB_RESOURCE_ORGANISATIONS, G_LIST_MODEL (orgs));
  wb_session_set_lookup (session, WB_RESOURCE_MUNICIPALITIES, G_LIST_MODEL (municipalities));
  wb_session_set_lookup (session, WB_RESOURCE_USERS, G_LIST_MODEL (people));
  return session;
}

JsonObject *
wb_test_client_object (guint i)
{
  JsonObject *o = json_object_new ();
  g_autofree char *given = g_strdup_printf ("Given%u", i);
  g_autofree char *family = g_strdup_printf ("Family%u", i);
  g_autofree char *pseudonym = g_strdup_printf ("K-%06u", i + 1);

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
  return o;
}

GtkWidget *
wb_test_find (GtkWidget      *widget,
              gboolean      (*matches) (GtkWidget *widget, gconstpointer data),
              gconstpointer   data)
{
  if (matches (widget, data))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = wb_test_find (child, matches, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

GtkWidget *
wb_test_find_descendant (GtkWidget *widget,
                         GType      type)
{
  return wb_test_find (widget, is_of_type, GSIZE_TO_POINTER (type));
}
