/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "test-app-editor"

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "wb-api-client.h"
#include "wb-application.h"
#include "wb-client-editor.h"
#include "wb-client-profile.h"
#include "wb-client-row.h"
#include "wb-clients-view.h"
#include "wb-accounts-view.h"
#include "wb-account-row.h"
#include "wb-list-model.h"
#include "wb-embedded-backend.h"
#include "wb-event-dialog.h"
#include "wb-import-dialog.h"
#include "wb-demo.h"
#include "wb-session.h"
#include "wb-store.h"
#include "wb-test-api.h"
#include "wb-test-gtk.h"
#include "wb-test-server.h"
#include "wb-test-util.h"

/* The client editor against a real werkbrug-server on a small demo region: what it sends
 * when another person saved the same client while the form was open. */

#define USERNAME "szmh.consultant1"

static struct {
  char *dir;
  char *db;
  WbTestServer *server;
} fx;

static void
fixture_setup (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbStore) store = NULL;
  WbDemoOptions options = { .n_clients = 60, .n_employers = 20, .n_vacancies = 10, .seed = 11 };

  fx.dir = wb_test_make_dir ();
  fx.db = g_build_filename (fx.dir, "werkbrug.db", NULL);
  store = wb_store_open (fx.db, &error);
  g_assert_no_error (error);
  g_assert_true (wb_demo_generate (store, &options, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  fx.server = wb_test_server_start (fx.db);
}

static void
fixture_teardown (void)
{
  wb_test_server_stop (fx.server);
  wb_test_remove_dir (fx.dir);
  g_free (fx.db);
  g_free (fx.dir);
}

static WbApiClient *
login (WbRecord **me)
{
  return wb_test_api_login (fx.server->url, USERNAME, WB_DEMO_PASSWORD, me);
}

static WbRecord *
get_client (WbApiClient *client,
            gint64       id)
{
  g_autoptr(GError) error = NULL;
  WbRecord *record = wb_test_api_get (client, WB_RESOURCE_CLIENTS, id, NULL, &error);

  g_assert_no_error (error);
  return record;
}

/* A client of the user's own organisation, in full: asked for by organisation, for the
 * first page of all clients need not hold one. */
static WbRecord *
find_own_client (WbApiClient *client,
                 WbRecord    *me)
{
  g_autoptr(GError) error = NULL;
  gint64 organisation = wb_record_get_int (me, "organisation_id");
  g_autoptr(GHashTable) filters = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  WbApiQuery query = { .filters = filters };
  g_autoptr(GListModel) list = NULL;

  g_hash_table_insert (filters, (gpointer) "organisation_id", g_strdup_printf ("%" G_GINT64_FORMAT, organisation));
  list = wb_test_api_list (client, WB_RESOURCE_CLIENTS, 0, &query, NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(WbRecord) record = g_list_model_get_item (list, i);

      if (wb_record_get_int (record, "organisation_id") == organisation)
        return get_client (client, wb_record_get_id (record));
    }
  g_assert_not_reached ();
}

/* Another session of the same caseload saves a new city. */
static void
change_city_elsewhere (WbRecord   *record,
                       const char *city)
{
  g_autoptr(WbApiClient) other = login (NULL);
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(WbRecord) saved = NULL;
  g_autofree char *etag = wb_record_dup_etag (record);

  json_object_set_string_member (changes, "city", city);
  saved = wb_test_api_update (other, WB_RESOURCE_CLIENTS, wb_record_get_id (record), etag, changes, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wb_record_get_string (saved, "city"), ==, city);
}

static void
on_saved_cb (WbRecordEditor  *editor,
             WbRecord        *record,
             WbRecord       **out)
{
  g_set_object (out, record);
}

static void
test_reapply_sends_only_mine (void)
{
  g_autoptr(WbRecord) me = NULL;
  g_autoptr(WbApiClient) api = login (&me);
  g_autoptr(WbSession) session = wb_session_new (api, me);
  g_autoptr(WbRecord) opened = find_own_client (api, me);
  g_autoptr(WbRecord) saved = NULL;
  g_autoptr(WbRecord) latest = NULL;
  g_autofree char *their_city = g_strdup_printf ("%s-Noord", wb_record_get_string (opened, "city"));
  WbClientEditor *editor;
  AdwMessageDialog *dialog;

  editor = wb_client_editor_new (session, opened);
  g_signal_connect (editor, "saved", G_CALLBACK (on_saved_cb), &saved);
  gtk_window_present (GTK_WINDOW (editor));

  /* While the form is open, someone else moves the client to another city. */
  change_city_elsewhere (opened, their_city);

  /* The user changes only the phone number and saves: the server refuses the old version. */
  wb_record_editor_set_field (WB_RECORD_EDITOR (editor), "phone", "043 555 0101");
  wb_record_editor_save (WB_RECORD_EDITOR (editor));
  dialog = wb_test_wait_for_message_dialog ();
  adw_message_dialog_response (dialog, "reapply");
  while (saved == NULL)
    g_main_context_iteration (NULL, TRUE);

  /* Both changes hold: the re-applied save carried the phone number, not the old city. */
  latest = get_client (api, wb_record_get_id (opened));
  g_assert_cmpstr (wb_record_get_string (latest, "phone"), ==, "043 555 0101");
  g_assert_cmpstr (wb_record_get_string (latest, "city"), ==, their_city);
  g_assert_cmpstr (wb_record_get_string (saved, "city"), ==, their_city);
}

static void
test_keep_editing_shows_theirs (void)
{
  g_autoptr(WbRecord) me = NULL;
  g_autoptr(WbApiClient) api = login (&me);
  g_autoptr(WbSession) session = wb_session_new (api, me);
  g_autoptr(WbRecord) opened = find_own_client (api, me);
  g_autoptr(JsonObject) changes = NULL;
  g_autofree char *their_city = g_strdup_printf ("%s-Zuid", wb_record_get_string (opened, "city"));
  WbClientEditor *editor;
  AdwMessageDialog *dialog;

  editor = wb_client_editor_new (session, opened);
  gtk_window_present (GTK_WINDOW (editor));
  change_city_elsewhere (opened, their_city);

  wb_record_editor_set_field (WB_RECORD_EDITOR (editor), "phone", "043 555 0202");
  wb_record_editor_save (WB_RECORD_EDITOR (editor));
  dialog = wb_test_wait_for_message_dialog ();
  adw_message_dialog_response (dialog, "keep");

  /* The form keeps the user's phone number, shows the other person's city, and a save
   * from here would send the phone number alone. */
  changes = wb_record_editor_dup_changes (WB_RECORD_EDITOR (editor));
  g_assert_cmpuint (json_object_get_size (changes), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (changes, "phone"), ==, "043 555 0202");
  g_assert_false (json_object_has_member (changes, "city"));
  gtk_window_destroy (GTK_WINDOW (editor));
}

/* The server goes away while the form is open: the save fails, says what to do, and the
 * edit stays in the form to be saved again. */
static void
test_unreachable_keeps_edits (void)
{
  WbTestServer *server = wb_test_server_start (fx.db);
  g_autoptr(WbRecord) me = NULL;
  g_autoptr(WbApiClient) api = wb_test_api_login (server->url, USERNAME, WB_DEMO_PASSWORD, &me);
  g_autoptr(WbSession) session = wb_session_new (api, me);
  g_autoptr(WbRecord) opened = find_own_client (api, me);
  g_autoptr(JsonObject) changes = NULL;
  g_autoptr(WbRecord) saved = NULL;
  WbClientEditor *editor;

  editor = wb_client_editor_new (session, opened);
  g_signal_connect (editor, "saved", G_CALLBACK (on_saved_cb), &saved);
  gtk_window_present (GTK_WINDOW (editor));
  wb_record_editor_set_field (WB_RECORD_EDITOR (editor), "phone", "043 555 0303");

  wb_test_server_stop (server);
  wb_record_editor_save (WB_RECORD_EDITOR (editor));
  while (wb_record_editor_is_saving (WB_RECORD_EDITOR (editor)))
    g_main_context_iteration (NULL, TRUE);

  g_assert_null (saved);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_cmpstr (wb_record_editor_get_message (WB_RECORD_EDITOR (editor)), ==,
                   "Not saved: the server cannot be reached. Your changes are kept here; try again.");
  changes = wb_record_editor_dup_changes (WB_RECORD_EDITOR (editor));
  g_assert_cmpuint (json_object_get_size (changes), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (changes, "phone"), ==, "043 555 0303");
  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
on_backend_error_cb (WbRecordPage *page,
                     const char   *message,
                     gboolean     *failed)
{
  if (message != NULL)
    *failed = TRUE;
}

/* Waits until the profile shows the full record and its timeline: nothing says "Loading…". */
static void
wait_for_full_profile (WbClientProfile *profile)
{
  gint64 end = g_get_monotonic_time () + WB_TEST_WAIT_SECONDS * G_USEC_PER_SEC;
  g_autoptr(GString) texts = g_string_new (NULL);

  for (;;)
    {
      g_string_truncate (texts, 0);
      wb_test_collect_texts (GTK_WIDGET (profile), texts);
      if (strstr (texts->str, "Timeline") != NULL && strstr (texts->str, "Loading…") == NULL)
        break;
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }
}

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

/* A session with its lookups, as the application has it after signing in. */
static WbSession *
loaded_session (WbApiClient *api,
                WbRecord    *me)
{
  WbSession *session = wb_session_new (api, me);
  gboolean done = FALSE;

  wb_session_load_async (session, NULL, on_session_loaded_cb, &done);
  wb_test_wait_until (&done);
  return session;
}

static WbRecord *
summary_of (WbRecord  *record,
            WbSession *session)
{
  g_autoptr(WbClientRow) row = wb_client_row_new (record, session, 0);

  return wb_client_row_dup_summary (row);
}

/* Offline, a profile opened from the list shows what the list knew and says of the rest
 * that it is not loaded: "—" would say that the client has no phone number. */
static void
test_offline_profile_not_loaded (void)
{
  WbTestServer *server = wb_test_server_start (fx.db);
  g_autoptr(WbRecord) me = NULL;
  g_autoptr(WbApiClient) api = wb_test_api_login (server->url, USERNAME, WB_DEMO_PASSWORD, &me);
  g_autoptr(WbSession) session = loaded_session (api, me);
  g_autoptr(WbRecord) client = find_own_client (api, me);
  g_autoptr(WbRecord) summary = summary_of (client, session);
  g_autoptr(GString) texts = g_string_new (NULL);
  WbClientProfile *profile = g_object_ref_sink (wb_client_profile_new ());
  gboolean failed = FALSE;

  g_assert_nonnull (wb_record_get_string (client, "bsn"));
  wb_client_profile_set_session (profile, session);
  g_signal_connect (profile, "backend-error", G_CALLBACK (on_backend_error_cb), &failed);
  wb_test_server_stop (server);
  wb_client_profile_load (profile, summary);
  /* While it loads, it says so. */
  g_assert_cmpstr (wb_client_profile_get_field_text (profile, "bsn"), ==, "Loading…");
  wb_test_wait_until (&failed);

  {
    g_autoptr(WbClientRow) row = wb_client_row_new (summary, session, 0);
    g_assert_cmpstr (wb_client_profile_get_title (profile), ==, wb_client_row_get_title (row));
  }
  g_assert_cmpstr (wb_client_profile_get_field_text (profile, "bsn"), ==, "Not loaded (offline)");
  g_assert_cmpstr (wb_client_profile_get_field_text (profile, "phone"), ==, "Not loaded (offline)");
  g_assert_cmpstr (wb_client_profile_get_field_text (profile, "education_level"), ==, "Not loaded (offline)");
  g_assert_cmpstr (wb_client_profile_get_field_text (profile, "transport"), ==, "Not loaded (offline)");
  /* What the list's row knew is shown as it is. */
  g_assert_cmpstr (wb_client_profile_get_field_text (profile, "phase"), !=, "Not loaded (offline)");
  g_assert_cmpstr (wb_client_profile_get_field_text (profile, "phase"), !=, "—");
  /* Editing needs the full record and its version. */
  g_assert_false (wb_client_profile_get_action_visible (profile, "edit"));
  wb_test_collect_texts (GTK_WIDGET (profile), texts);
  g_assert_null (strstr (texts->str, "—"));
  g_assert_null (strstr (texts->str, "No competences recorded"));
  g_assert_null (strstr (texts->str, "Nothing happened yet"));
  g_assert_nonnull (strstr (texts->str, "Not loaded (offline)"));

  {
    GtkWindow *window = wb_test_show_in_window (GTK_WIDGET (profile), 900, 1000);

    wb_test_save_shot (window, "offline-not-loaded");
    gtk_window_set_child (window, NULL);
    gtk_window_destroy (window);
  }
  g_assert_finalize_object (profile);
}

/* Offline, a profile read before keeps its values, marked as last loaded. */
static void
test_offline_profile_last_loaded (void)
{
  WbTestServer *server = wb_test_server_start (fx.db);
  g_autoptr(WbRecord) me = NULL;
  g_autoptr(WbApiClient) api = wb_test_api_login (server->url, USERNAME, WB_DEMO_PASSWORD, &me);
  g_autoptr(WbSession) session = loaded_session (api, me);
  g_autoptr(WbRecord) client = find_own_client (api, me);
  g_autoptr(WbRecord) summary = summary_of (client, session);
  g_autoptr(GString) texts = g_string_new (NULL);
  WbClientProfile *profile = g_object_ref_sink (wb_client_profile_new ());
  gboolean failed = FALSE;

  wb_client_profile_set_session (profile, session);
  g_signal_connect (profile, "backend-error", G_CALLBACK (on_backend_error_cb), &failed);
  wb_client_profile_load (profile, summary);
  wait_for_full_profile (profile);
  g_assert_cmpstr (wb_client_profile_get_field_text (profile, "bsn"), ==, wb_record_get_string (client, "bsn"));
  wb_test_collect_texts (GTK_WIDGET (profile), texts);
  g_assert_null (strstr (texts->str, "(offline)"));

  wb_test_server_stop (server);
  wb_client_profile_load (profile, summary);
  wb_test_wait_until (&failed);

  g_assert_cmpstr (wb_client_profile_get_field_text (profile, "bsn"), ==, wb_record_get_string (client, "bsn"));
  g_string_truncate (texts, 0);
  wb_test_collect_texts (GTK_WIDGET (profile), texts);
  g_assert_nonnull (strstr (texts->str, "As loaded at "));
  g_assert_nonnull (strstr (texts->str, "(offline)"));
  g_assert_null (strstr (texts->str, "Not loaded"));

  {
    GtkWindow *window = wb_test_show_in_window (GTK_WIDGET (profile), 900, 1000);

    wb_test_save_shot (window, "offline-last-loaded");
    gtk_window_set_child (window, NULL);
    gtk_window_destroy (window);
  }
  g_assert_finalize_object (profile);
}

/* After saving an edit the focus is back on the page, where it can be seen (after another
 * window GTK 4.8 shows no ring until the next key): on the button that opened the editor. */
static void
test_saved_focus_back (void)
{
  WbTestServer *server = wb_test_server_start (fx.db);
  g_autoptr(WbRecord) me = NULL;
  g_autoptr(WbApiClient) api = wb_test_api_login (server->url, USERNAME, WB_DEMO_PASSWORD, &me);
  g_autoptr(WbSession) session = loaded_session (api, me);
  g_autoptr(WbRecord) client = find_own_client (api, me);
  g_autoptr(WbRecord) summary = summary_of (client, session);
  WbClientProfile *profile = g_object_ref_sink (wb_client_profile_new ());
  GtkWindow *window, *editor;
  GtkButton *edit;
  gint64 end;

  wb_client_profile_set_session (profile, session);
  window = wb_test_show_in_window (GTK_WIDGET (profile), 900, 760);
  wb_client_profile_load (profile, summary);
  wait_for_full_profile (profile);
  edit = wb_test_find_button (GTK_WIDGET (profile), "_Edit");
  g_assert_nonnull (edit);
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (edit)));
  g_signal_emit_by_name (edit, "clicked");
  editor = wb_record_page_get_editor (WB_RECORD_PAGE (profile));
  g_assert_nonnull (editor);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  wb_record_editor_set_field (WB_RECORD_EDITOR (editor), "phone", "043 555 0707");
  /* The user clicked "Save": no ring in the window until the next key. */
  gtk_window_set_focus_visible (window, FALSE);
  wb_record_editor_save (WB_RECORD_EDITOR (editor));
  end = g_get_monotonic_time () + WB_TEST_WAIT_SECONDS * G_USEC_PER_SEC;
  while (editor != NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);

  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == GTK_WIDGET (edit));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (edit)));
  g_assert_true (gtk_window_get_focus_visible (window));
  wb_test_save_shot (window, "saved-focus-on-edit");

  gtk_window_set_child (window, NULL);
  gtk_window_destroy (window);
  g_object_unref (profile);
  wb_test_server_stop (server);
}

static void
on_add_toast_cb (WbRecordPage *page,
                 AdwToast     *toast,
                 AdwToast    **out)
{
  g_set_object (out, toast);
}

static gboolean
profile_says (WbClientProfile *profile,
              const char      *text)
{
  g_autoptr(GString) texts = g_string_new (NULL);

  wb_test_collect_texts (GTK_WIDGET (profile), texts);
  return strstr (texts->str, text) != NULL;
}

static void
wait_for_text (WbClientProfile *profile,
               const char      *text)
{
  gint64 end = g_get_monotonic_time () + WB_TEST_WAIT_SECONDS * G_USEC_PER_SEC;

  while (!profile_says (profile, text))
    {
      if (g_get_monotonic_time () > end)
        {
          g_autoptr(GString) texts = g_string_new (NULL);

          wb_test_collect_texts (GTK_WIDGET (profile), texts);
          g_test_message ("Waiting for “%s” in:\n%s", text, texts->str);
          {
            GListModel *toplevels = gtk_window_get_toplevels ();

            for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
              {
                g_autoptr(GtkWidget) w = g_list_model_get_item (toplevels, i);

                g_string_truncate (texts, 0);
                wb_test_collect_texts (w, texts);
                g_test_message ("Window: %s", texts->str);
              }
          }
        }
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }
}

static GListModel *
list_events (WbApiClient *api,
             gint64       client)
{
  g_autoptr(GError) error = NULL;
  GListModel *events = wb_test_api_list (api, WB_RESOURCE_EVENTS, client, NULL, NULL, &error);

  g_assert_no_error (error);
  return events;
}

/* The withdrawal naming @id on the server, or NULL. */
static WbRecord *
find_withdrawal (WbApiClient *api,
                 gint64       client,
                 gint64       id)
{
  g_autoptr(GListModel) events = list_events (api, client);

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(WbRecord) event = g_list_model_get_item (events, i);

      if (wb_record_get_int (event, "corrects_id") == id)
        return g_steal_pointer (&event);
    }
  return NULL;
}

/* The timeline from the profile: an empty note is refused before anything is sent; an event
 * just added is undone from its toast, and an event is corrected from its row, each as a
 * new recorded event that the timeline shows with who, when and why. */
static void
test_timeline_note_undo_correct (void)
{
  WbTestServer *server = wb_test_server_start (fx.db);
  g_autoptr(WbRecord) me = NULL;
  g_autoptr(WbApiClient) api = wb_test_api_login (server->url, USERNAME, WB_DEMO_PASSWORD, &me);
  g_autoptr(WbSession) session = loaded_session (api, me);
  g_autoptr(WbRecord) client = find_own_client (api, me);
  g_autoptr(WbRecord) summary = summary_of (client, session);
  g_autoptr(GListModel) before = list_events (api, wb_record_get_id (client));
  g_autoptr(GListModel) after = NULL;
  g_autoptr(AdwToast) undo = NULL;
  g_autoptr(WbRecord) added = NULL;
  g_autoptr(WbRecord) withdrawal = NULL;
  g_autoptr(WbRecord) correction = NULL;
  g_autoptr(GString) texts = g_string_new (NULL);
  WbClientProfile *profile = g_object_ref_sink (wb_client_profile_new ());
  GtkWindow *window;
  AdwMessageDialog *dialog;
  gint64 target = 0;

  wb_client_profile_set_session (profile, session);
  g_signal_connect (profile, "add-toast", G_CALLBACK (on_add_toast_cb), &undo);
  window = wb_test_show_in_window (GTK_WIDGET (profile), 900, 760);
  wb_client_profile_load (profile, summary);
  wait_for_full_profile (profile);

  /* An empty note: the dialog comes back and says why, next to the note. */
  g_signal_emit_by_name (wb_test_find_button (GTK_WIDGET (profile), "_Add Event"), "clicked");
  dialog = wb_test_wait_for_message_dialog ();
  gtk_editable_set_text (GTK_EDITABLE (wb_test_find_field (GTK_WIDGET (dialog), "Note")), "   ");
  wb_test_respond (dialog, "add");
  dialog = wb_test_wait_for_message_dialog ();
  wb_test_collect_texts (GTK_WIDGET (dialog), texts);
  g_assert_nonnull (strstr (texts->str, "is required: write what happened; an empty note is not added"));
  after = list_events (api, wb_record_get_id (client));
  g_assert_cmpuint (g_list_model_get_n_items (after), ==, g_list_model_get_n_items (before));
  g_clear_object (&after);

  /* With words it is added, and the toast offers to undo it. */
  gtk_editable_set_text (GTK_EDITABLE (wb_test_find_field (GTK_WIDGET (dialog), "Note")), "Gebeld over de stage");
  wb_test_respond (dialog, "add");
  wait_for_text (profile, "Gebeld over de stage");
  g_assert_nonnull (undo);
  g_assert_cmpstr (adw_toast_get_button_label (undo), ==, "_Undo");
  after = list_events (api, wb_record_get_id (client));
  g_assert_cmpuint (g_list_model_get_n_items (after), ==, g_list_model_get_n_items (before) + 1);
  for (guint i = 0; i < g_list_model_get_n_items (after) && added == NULL; i++)
    {
      g_autoptr(WbRecord) event = g_list_model_get_item (after, i);

      if (g_strcmp0 (wb_record_get_string (event, "note"), "Gebeld over de stage") == 0)
        added = g_steal_pointer (&event);
    }
  g_assert_nonnull (added);
  g_clear_object (&after);

  /* Undo withdraws it: recorded, and shown as withdrawn with why. */
  g_signal_emit_by_name (undo, "button-clicked");
  wait_for_text (profile, "Note (withdrawn)");
  g_assert_true (profile_says (profile, "Undone right after it was added"));
  withdrawal = find_withdrawal (api, wb_record_get_id (client), wb_record_get_id (added));
  g_assert_nonnull (withdrawal);
  g_assert_cmpstr (wb_record_get_string (withdrawal, "kind"), ==, "withdrawal");
  g_assert_cmpint (wb_record_get_int (withdrawal, "author_id"), ==, wb_record_get_id (me));

  /* An event of the user's organisation is corrected from its row. */
  after = list_events (api, wb_record_get_id (client));
  for (guint i = 0; i < g_list_model_get_n_items (after) && target == 0; i++)
    {
      g_autoptr(WbRecord) event = g_list_model_get_item (after, i);
      const char *kind = wb_record_get_string (event, "kind");

      if (wb_record_get_int (event, "organisation_id") == wb_record_get_int (me, "organisation_id") &&
          g_strcmp0 (kind, "withdrawal") != 0 && g_strcmp0 (kind, "diagnosis_signal") != 0 &&
          wb_record_get_id (event) != wb_record_get_id (added))
        target = wb_record_get_id (event);
    }
  g_assert_cmpint (target, >, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (profile), "profile.correct-event", "x", target));
  dialog = wb_test_wait_for_message_dialog ();
  g_string_truncate (texts, 0);
  wb_test_collect_texts (GTK_WIDGET (dialog), texts);
  g_assert_nonnull (strstr (texts->str, "Correct an Event"));
  gtk_editable_set_text (GTK_EDITABLE (wb_test_find_field (GTK_WIDGET (dialog), "Note")), "Datum stond verkeerd");
  gtk_editable_set_text (GTK_EDITABLE (wb_test_find_field (GTK_WIDGET (dialog), "Why it is corrected")),
                         "Verkeerde notitie");
  wb_test_save_shot (GTK_WINDOW (dialog), "timeline-correct-dialog");
  wb_test_respond (dialog, "add");
  wait_for_text (profile, "Verkeerde notitie");
  correction = find_withdrawal (api, wb_record_get_id (client), target);
  g_assert_nonnull (correction);
  g_assert_cmpstr (wb_record_get_string (correction, "correction_reason"), ==, "Verkeerde notitie");
  g_assert_cmpstr (wb_record_get_string (correction, "note"), ==, "Datum stond verkeerd");
  {
    GtkAdjustment *adjustment = wb_record_page_get_vadjustment (WB_RECORD_PAGE (profile));

    /* The timeline is the last card: look at it. */
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    wb_test_save_shot (window, "timeline-withdrawn-corrected");
  }

  gtk_window_set_child (window, NULL);
  gtk_window_destroy (window);
  g_clear_object (&undo);
  g_assert_finalize_object (profile);
  wb_test_server_stop (server);
}

static void
on_placement_ready_cb (WbEventDraft *draft,
                       gpointer      user_data)
{
}

/* The tallest a dialog may be on a 1366 × 768 screen, under a panel and its title bar. */
#define SMALL_SCREEN_HEIGHT (768 - 96)

static void
assert_fits (GtkWindow  *dialog,
             int         narrow_width,
             const char *what)
{
  int min_width, min_height, natural_height;

  gtk_widget_measure (GTK_WIDGET (dialog), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (dialog), GTK_ORIENTATION_VERTICAL, narrow_width, &min_height, &natural_height, NULL, NULL);
  g_test_message ("%s: %d × %d (at least %d × %d), natural height %d", what,
                  gtk_widget_get_width (GTK_WIDGET (dialog)), gtk_widget_get_height (GTK_WIDGET (dialog)),
                  min_width, min_height, natural_height);
  /* It can be as narrow as the window and as low as the small screen, and it is. */
  g_assert_cmpint (min_width, <=, narrow_width);
  g_assert_cmpint (min_height, <=, SMALL_SCREEN_HEIGHT);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (dialog)), <=, narrow_width);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (dialog)), <=, SMALL_SCREEN_HEIGHT);
}

/* The placement's event dialog grew to about 1,090 px: every dialog fits a 1366 × 768
 * screen and a window of 360 px, and what is taller scrolls inside. */
static void
test_dialogs_fit (void)
{
  WbTestServer *server = wb_test_server_start (fx.db);
  g_autoptr(WbRecord) me = NULL;
  g_autoptr(WbApiClient) api = wb_test_api_login (server->url, USERNAME, WB_DEMO_PASSWORD, &me);
  g_autoptr(WbSession) session = loaded_session (api, me);
  g_autoptr(WbRecord) client = find_own_client (api, me);
  GtkWidget *content = gtk_label_new ("Werkbrug");
  GtkWindow *window = wb_test_show_in_window (content, 360, 640);
  WbEventDraft *draft = wb_event_draft_new (on_placement_ready_cb, NULL);
  AdwMessageDialog *dialog;
  WbClientEditor *editor;

  wb_event_draft_set (draft, "kind", "placement");
  wb_event_dialog_present (content, session, draft);
  dialog = wb_test_wait_for_message_dialog ();
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  wb_test_save_shot (GTK_WINDOW (dialog), "dialog-placement-event");
  assert_fits (GTK_WINDOW (dialog), 360, "placement event");
  wb_test_respond (dialog, "cancel");

  editor = wb_client_editor_new (session, client);
  gtk_window_set_transient_for (GTK_WINDOW (editor), window);
  gtk_window_present (GTK_WINDOW (editor));
  /* Laid out at its size before it is measured: frames, however long they take. */
  wb_test_wait_frames (GTK_WIDGET (editor), 3);
  wb_test_save_shot (GTK_WINDOW (editor), "dialog-client-editor-narrow");
  assert_fits (GTK_WINDOW (editor), 360, "client editor");
  gtk_window_destroy (GTK_WINDOW (editor));

  wb_event_draft_free (draft);
  gtk_window_destroy (window);
  wb_test_server_stop (server);
}

typedef struct {
  guint seeding;
  guint other;
} Progress;

static void
on_backend_progress_cb (WbEmbeddedBackend *backend,
                        const char        *stage,
                        double             fraction,
                        Progress          *progress)
{
  if (wb_embedded_backend_is_seeding (backend))
    progress->seeding++;
  else
    progress->other++;
}

static void
on_backend_started_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (wb_embedded_backend_start_finish (WB_EMBEDDED_BACKEND (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static void
start_backend (const char *path,
               Progress   *progress)
{
  g_autoptr(WbEmbeddedBackend) backend = wb_embedded_backend_new (path);
  gboolean started = FALSE;

  g_signal_connect (backend, "progress", G_CALLBACK (on_backend_progress_cb), progress);
  wb_embedded_backend_start_async (backend, NULL, on_backend_started_cb, &started);
  wb_test_wait_until (&started);
  /* The last reports arrive before the start's answer; let them all in. */
  for (guint i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
  wb_embedded_backend_stop (backend);
}

/* "Preparing the demo data… This happens once" was said on every start: the backend says
 * which of its reports are of making the demo data, and only the first start makes it. */
static void
test_start_says_demo_only_once (void)
{
  g_autofree char *path = g_build_filename (fx.dir, "embedded.db", NULL);
  g_autofree char *shared = g_strdup (g_getenv ("WB_SHARED_DATA"));
  Progress first = { 0 }, second = { 0 };

  g_setenv ("WERKBRUG_DEMO_CLIENTS", "60", TRUE);
  g_unsetenv ("WB_SHARED_DATA");
  start_backend (path, &first);
  start_backend (path, &second);
  if (shared != NULL)
    g_setenv ("WB_SHARED_DATA", shared, TRUE);
  g_unsetenv ("WERKBRUG_DEMO_CLIENTS");

  g_assert_cmpuint (first.seeding, >, 0);
  g_assert_cmpuint (second.seeding, ==, 0);
  g_assert_cmpuint (second.other, >, 0);
}

/* A backend started, its URL and, signed in there, the token of the user. */
static char *
start_and_sign_in (WbEmbeddedBackend *backend,
                   char             **token)
{
  gboolean started = FALSE;
  g_autoptr(WbApiClient) api = NULL;

  wb_embedded_backend_start_async (backend, NULL, on_backend_started_cb, &started);
  wb_test_wait_until (&started);
  if (token != NULL)
    {
      api = wb_test_api_login (wb_embedded_backend_get_url (backend), USERNAME, WB_DEMO_PASSWORD, NULL);
      *token = g_strdup (wb_api_client_get_token (api));
    }
  return g_strdup (wb_embedded_backend_get_url (backend));
}

/* The window signs in on a later start with the token the keyring kept ("who am I"): the
 * built-in server must know the token after a restart, as a server does. */
static void
test_start_keeps_sign_in (void)
{
  g_autofree char *path = g_build_filename (fx.dir, "restart.db", NULL);
  g_autofree char *shared = g_strdup (g_getenv ("WB_SHARED_DATA"));
  g_autofree char *token = NULL;
  g_autofree char *first_url = NULL;
  g_autofree char *second_url = NULL;
  g_autoptr(WbApiClient) api = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbRecord) me = NULL;

  g_setenv ("WERKBRUG_DEMO_CLIENTS", "60", TRUE);
  g_unsetenv ("WB_SHARED_DATA");
  {
    g_autoptr(WbEmbeddedBackend) first = wb_embedded_backend_new (path);

    first_url = start_and_sign_in (first, &token);
    wb_embedded_backend_stop (first);
  }
  {
    g_autoptr(WbEmbeddedBackend) second = wb_embedded_backend_new (path);

    second_url = start_and_sign_in (second, NULL);
    api = wb_api_client_new (second_url);
    wb_api_client_set_token (api, token);
    wb_api_client_me_async (api, NULL, wb_test_store_result, &result);
    wb_test_wait (&result);
    me = wb_api_client_me_finish (api, result, &error);
    wb_embedded_backend_stop (second);
  }
  if (shared != NULL)
    g_setenv ("WB_SHARED_DATA", shared, TRUE);
  g_unsetenv ("WERKBRUG_DEMO_CLIENTS");

  g_assert_no_error (error);
  g_assert_nonnull (me);
  g_assert_cmpstr (wb_record_get_string (me, "username"), ==, USERNAME);
  g_assert_cmpstr (wb_api_client_get_token (api), ==, token);
}

static gboolean
window_says (GtkWidget  *window,
             const char *text)
{
  g_autoptr(GString) texts = g_string_new (NULL);

  wb_test_collect_texts (window, texts);
  return strstr (texts->str, text) != NULL;
}

/* The import report names the rows and the columns of the user's file, as the file has
 * them, never a field of Werkbrug's own. */
static void
test_import_report_names_columns (void)
{
  static const char csv[] =
    "\xEF\xBB\xBFKvK-nummer;Naam;Branche;Medewerkers;Postcode;Gemeente\r\n"
    "24000011;Bakkerij Goed;detailhandel;12;6211;Maastricht\r\n"
    "24000012;Garage Nergens;detailhandel;8;6211;Atlantis\r\n"
    "24000013;Kapper Veel;detailhandel;veel;6211;Maastricht\r\n";
  WbTestServer *server = wb_test_server_start (fx.db);
  g_autoptr(WbRecord) me = NULL;
  g_autoptr(WbApiClient) api = wb_test_api_login (server->url, "szmh.lam1", WB_DEMO_PASSWORD, &me);
  g_autoptr(WbSession) session = loaded_session (api, me);
  g_autoptr(GBytes) bytes = g_bytes_new_static (csv, sizeof csv - 1);
  WbImportDialog *dialog = wb_import_dialog_new (session);
  gint64 end = g_get_monotonic_time () + WB_TEST_WAIT_SECONDS * G_USEC_PER_SEC;

  gtk_window_present (GTK_WINDOW (dialog));
  wb_import_dialog_upload (dialog, bytes);
  while (!window_says (GTK_WIDGET (dialog), "Refused"))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }
  wb_test_save_shot (GTK_WINDOW (dialog), "import-report");
  g_assert_true (window_says (GTK_WIDGET (dialog), "Row 3 · KvK 24000012 · Garage Nergens"));
  g_assert_true (window_says (GTK_WIDGET (dialog), "column Gemeente: “Atlantis” is not a municipality in Werkbrug"));
  g_assert_true (window_says (GTK_WIDGET (dialog), "Row 4 · KvK 24000013 · Kapper Veel"));
  g_assert_true (window_says (GTK_WIDGET (dialog), "column Medewerkers: “veel” is not a number"));
  g_assert_false (window_says (GTK_WIDGET (dialog), "municipality:"));
  g_assert_false (window_says (GTK_WIDGET (dialog), "employee_count"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  wb_test_server_stop (server);
}

static void
skip_without_display (void)
{
  g_test_skip ("No display: run under Xvfb (build-aux/setup.sh test does)");
}

static void
on_page_toast_cb (WbRecordPage  *page,
                  const char    *message,
                  char         **out)
{
  g_free (*out);
  *out = g_strdup (message);
}

/* What someone else changes reaches the open profile through the server's change feed: a
 * colleague's note shows without a key pressed (the timeline is read again), and when the
 * colleague changes the record itself, the page shows it and says so while the editor the user
 * has open keeps what they typed. How soon is said, not asserted (a busy
 * machine is slower; the end-to-end test holds it to two seconds). */
static void
test_live_profile_follows_others (void)
{
  g_autoptr(WbRecord) me = NULL;
  g_autoptr(WbApiClient) api = login (&me);
  g_autoptr(WbSession) session = loaded_session (api, me);
  g_autoptr(WbRecord) client = find_own_client (api, me);
  g_autoptr(WbRecord) summary = summary_of (client, session);
  g_autoptr(WbApiClient) colleague = login (NULL);
  g_autoptr(WbRecord) note = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) changes = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *toast = NULL;
  g_autofree char *json = NULL;
  g_autofree char *their_city = NULL;
  WbClientProfile *profile = g_object_ref_sink (wb_client_profile_new ());
  WbClientEditor *editor;
  GtkWindow *window;
  gint64 start;

  wb_session_start_feed (session);
  wb_client_profile_set_session (profile, session);
  g_signal_connect (profile, "toast", G_CALLBACK (on_page_toast_cb), &toast);
  window = wb_test_show_in_window (GTK_WIDGET (profile), 900, 760);
  wb_client_profile_load (profile, summary);
  wait_for_full_profile (profile);
  start = g_get_monotonic_time ();
  while (!wb_api_feed_is_connected (wb_session_get_feed (session)))
    {
      g_assert_cmpint (g_get_monotonic_time () - start, <, WB_TEST_WAIT_SECONDS * G_USEC_PER_SEC);
      g_main_context_iteration (NULL, TRUE);
    }

  /* A colleague's note: the timeline is read again. */
  json = g_strdup_printf ("{\"kind\":\"note\",\"date\":\"%s\",\"note\":\"Gebeld door een collega\"}", today);
  note = wb_test_api_create_json (colleague, WB_RESOURCE_EVENTS, wb_record_get_id (client), json, &error);
  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  wait_for_text (profile, "Gebeld door een collega");
  g_test_message ("the colleague's note showed after %.2f s", (g_get_monotonic_time () - start) / 1e6);
  wb_test_save_shot (window, "live-profile-note");

  /* The user is editing the phone number when the colleague changes the city: the page
   * shows the new city and says so; the editor keeps the phone number typed. */
  editor = wb_client_editor_new (session, client);
  wb_record_page_present_editor_window (WB_RECORD_PAGE (profile), GTK_WINDOW (editor));
  wb_record_editor_set_field (WB_RECORD_EDITOR (editor), "phone", "043 555 0404");
  their_city = g_strdup_printf ("%s-Noord", wb_record_get_string (client, "city"));
  change_city_elsewhere (client, their_city);
  wait_for_text (profile, their_city);
  g_assert_nonnull (toast);
  g_assert_nonnull (strstr (toast, "Someone else changed this record"));
  changes = wb_record_editor_dup_changes (WB_RECORD_EDITOR (editor));
  g_assert_cmpuint (json_object_get_size (changes), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (changes, "phone"), ==, "043 555 0404");

  wb_session_stop_feed (session);
  wb_record_page_close_editor (WB_RECORD_PAGE (profile));
  gtk_window_destroy (window);
  g_object_unref (profile);
}

/* A citizen number no demo client has: nine digits from @n that pass the eleven-test. */
static char *
make_bsn (guint n)
{
  for (;; n++)
    {
      g_autofree char *digits = g_strdup_printf ("9%07u", n % 10000000);
      int sum = 0;

      for (int i = 0; i < 8; i++)
        sum += (9 - i) * (digits[i] - '0');
      if (sum % 11 < 10)
        return g_strdup_printf ("%s%d", digits, sum % 11);
    }
}

/* How many full reads of a client the audit log holds for @user_id, read from the database
 * itself, so that the count is no request of its own. */
static gint64
count_client_reads (gint64 user_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbStore) store = wb_store_open_readonly (fx.db, &error);
  g_autoptr(GHashTable) filters = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GPtrArray) rows = NULL;
  WbListQuery query = { .filters = filters, .limit = 1 };
  gint64 total = -1;

  g_assert_no_error (error);
  g_hash_table_insert (filters, (gpointer) "user_id", g_strdup_printf ("%" G_GINT64_FORMAT, user_id));
  g_hash_table_insert (filters, (gpointer) "action", g_strdup ("read"));
  g_hash_table_insert (filters, (gpointer) "resource", g_strdup ("clients"));
  rows = wb_store_list (store, WB_RESOURCE_AUDIT, &query, &total, &error);
  g_assert_no_error (error);
  return total;
}

typedef gboolean (*Condition) (WbListView *view,
                               gconstpointer data);

static void
wait_for_list (WbListView   *view,
               Condition     condition,
               gconstpointer data)
{
  gint64 end = g_get_monotonic_time () + WB_TEST_WAIT_SECONDS * G_USEC_PER_SEC;

  while (!condition (view, data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }
}

static gboolean
list_loaded (WbListView   *view,
             gconstpointer data)
{
  return wb_list_view_get_loaded (view);
}

/* The titles of the rows shown, in order, one a line. */
static char *
shown_titles (WbListView *view)
{
  GListModel *model = G_LIST_MODEL (wb_list_view_get_model (view));
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) row = g_list_model_get_item (model, i);

      g_string_append_printf (out, "%s\n", WB_IS_CLIENT_ROW (row) ? wb_client_row_get_title (WB_CLIENT_ROW (row))
                                                                  : wb_account_row_get_name (WB_ACCOUNT_ROW (row)));
    }
  return g_string_free (out, FALSE);
}

static gboolean
list_shows (WbListView   *view,
            gconstpointer text)
{
  g_autofree char *titles = shown_titles (view);

  return strstr (titles, text) != NULL;
}

static gboolean
list_has_loaded (WbListView   *view,
                 gconstpointer n)
{
  return wb_list_model_get_n_loaded (wb_list_view_get_model (view)) == GPOINTER_TO_UINT (n);
}

static gboolean
feed_connected (WbListView   *view,
                gconstpointer session)
{
  return wb_api_feed_is_connected (wb_session_get_feed ((WbSession *) session));
}

static gboolean
list_has_rows (WbListView   *view,
               gconstpointer data)
{
  return wb_list_model_get_n_loaded (wb_list_view_get_model (view)) > 0;
}

static gboolean
view_laid_out (WbListView   *view,
               gconstpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (view)) && gtk_widget_get_height (GTK_WIDGET (view)) > 0;
}

/* How many rows the list on screen shows at once (the first page had @first). */
static guint
rows_that_fit (WbListView *list,
               guint       first)
{
  GtkWidget *inner = GTK_WIDGET (wb_list_view_get_rows (list));
  GtkWidget *row;
  guint fit;

  row = gtk_widget_get_first_child (inner);
  g_assert_nonnull (row);
  g_assert_cmpint (gtk_widget_get_height (row), >, 0);
  fit = (guint) ceil ((double) gtk_widget_get_height (inner) / gtk_widget_get_height (row));
  g_test_message ("first page %u rows, %u fit in the list (%d px, rows of %d px)", first, fit,
                  gtk_widget_get_height (inner), gtk_widget_get_height (row));
  return fit;
}

/* The first page a list on screen asks for is a screenful: the rows that fill the view, not
 * the 60 it asked for whatever its height (its first frame makes a widget for each row it
 * has, on the way to the first frame of a launch). */
static void
test_first_page_a_screenful (void)
{
  g_autoptr(WbRecord) me = NULL;
  g_autoptr(WbApiClient) api = login (&me);
  g_autoptr(WbSession) session = loaded_session (api, me);
  WbClientsView *view = g_object_ref_sink (wb_clients_view_new ());
  WbListView *list = WB_LIST_VIEW (view);
  GtkWindow *window = wb_test_show_in_window (GTK_WIDGET (view), 1000, 500);
  guint first, all;

  wait_for_list (list, view_laid_out, NULL);
  wb_list_view_set_scope (list, WB_LIST_SCOPE_ALL);
  wb_list_view_set_session (list, session);
  wait_for_list (list, list_has_rows, NULL);
  first = wb_list_model_get_n_loaded (wb_list_view_get_model (list));
  wait_for_list (list, list_loaded, NULL);
  all = wb_list_model_get_n_loaded (wb_list_view_get_model (list));
  g_assert_cmpuint (all, >=, 60);
  g_assert_cmpuint (first, <, 60);

  /* And the screenful is full: as many rows as the list shows at once, at least. */
  wb_test_wait_frames (GTK_WIDGET (window), 3);
  g_assert_cmpuint (first, >=, rows_that_fit (list, first));

  gtk_window_destroy (window);
  g_object_unref (view);
}

/* A list in a window not presented yet (a launch) has no height of its own: it asks for what
 * the window's height holds, not 60 rows, and in the application's style that fills the list
 * once it is laid out. */
static void
test_first_page_before_the_window_shows (void)
{
  g_autoptr(GtkCssProvider) style = wb_test_load_css ("/nl/werkbrug/Werkbrug/style.css",
                                                      GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_autoptr(WbRecord) me = NULL;
  g_autoptr(WbApiClient) api = login (&me);
  g_autoptr(WbSession) session = loaded_session (api, me);
  WbClientsView *view = g_object_ref_sink (wb_clients_view_new ());
  WbListView *list = WB_LIST_VIEW (view);
  GtkWidget *window = gtk_window_new ();
  guint first;

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 500);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  wb_list_view_set_scope (list, WB_LIST_SCOPE_ALL);
  wb_list_view_set_session (list, session);
  wait_for_list (list, list_has_rows, NULL);
  first = wb_list_model_get_n_loaded (wb_list_view_get_model (list));
  g_assert_cmpuint (first, ==, 500 / 29);

  gtk_window_present (GTK_WINDOW (window));
  wait_for_list (list, list_loaded, NULL);
  g_assert_cmpuint (wb_list_model_get_n_loaded (wb_list_view_get_model (list)), >, first);

  wb_test_wait_frames (window, 3);
  g_assert_cmpuint (first, >=, rows_that_fit (list, first));

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (view);
  gtk_style_context_remove_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (style));
}

/* A kept token restores its session off the main thread: who it belongs to and the lookups
 * a sign-in loads. A token no longer good answers 401 (the window then asks for the
 * password), and a role that may not read the users, the analyst, still gets its session. */
static WbSession *
restore (WbApiClient  *api,
         GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  wb_session_restore_async (api, NULL, wb_test_store_result, &result);
  wb_test_wait (&result);
  return wb_session_restore_finish (api, result, error);
}

static void
test_session_restored_from_token (void)
{
  g_autoptr(WbRecord) me = NULL;
  g_autoptr(WbApiClient) signed_in = login (&me);
  g_autoptr(WbSession) loaded = loaded_session (signed_in, me);
  g_autoptr(WbApiClient) api = wb_api_client_new (fx.server->url);
  g_autoptr(WbApiClient) analyst_api = NULL;
  g_autoptr(WbRecord) analyst = NULL;
  g_autoptr(WbSession) session = NULL;
  g_autoptr(GError) error = NULL;
  gint64 municipality = wb_record_get_int (me, "organisation_id");

  wb_api_client_set_token (api, wb_api_client_get_token (signed_in));
  session = restore (api, &error);
  g_assert_no_error (error);
  g_assert_true (wb_session_get_api (session) == api);
  g_assert_cmpint (wb_session_get_user_id (session), ==, wb_record_get_id (me));
  g_assert_cmpint (wb_session_get_role (session), ==, wb_session_get_role (loaded));
  for (WbResource r = 0; r < WB_N_RESOURCES; r++)
    if (r == WB_RESOURCE_ORGANISATIONS || r == WB_RESOURCE_MUNICIPALITIES || r == WB_RESOURCE_USERS)
      {
        GListModel *restored = wb_session_get_lookup (session, r);
        GListModel *expected = wb_session_get_lookup (loaded, r);

        g_assert_cmpuint (g_list_model_get_n_items (restored), >, 0);
        g_assert_cmpuint (g_list_model_get_n_items (restored), ==, g_list_model_get_n_items (expected));
      }
  g_assert_cmpstr (wb_session_lookup_name (session, WB_RESOURCE_ORGANISATIONS, municipality), ==,
                   wb_session_lookup_name (loaded, WB_RESOURCE_ORGANISATIONS, municipality));
  g_clear_object (&session);

  /* Signed out elsewhere: the token is no longer good. */
  wb_api_client_set_token (api, "0123456789abcdef");
  session = restore (api, &error);
  g_assert_null (session);
  g_assert_error (error, WB_API_ERROR, 401);
  g_clear_error (&error);

  analyst_api = wb_test_api_login (fx.server->url, "szmh.analyst", WB_DEMO_PASSWORD, &analyst);
  session = restore (analyst_api, &error);
  g_assert_no_error (error);
  g_assert_cmpint (wb_session_get_role (session), ==, WB_ROLE_ANALYST);
  g_assert_cmpuint (g_list_model_get_n_items (wb_session_get_lookup (session, WB_RESOURCE_ORGANISATIONS)), >, 0);
}

static GListModel *
list_first_page (WbApiClient       *api,
                 const WbApiQuery  *query,
                 guint             *total,
                 GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  wb_api_client_list_async (api, WB_RESOURCE_CLIENTS, 0, query, NULL, wb_test_store_result, &result);
  wb_test_wait (&result);
  return wb_api_client_list_finish (api, result, total, error);
}

/* A signed-in client of a server of its own whose sign-in is restored with @query's page
 * expected; the server is gone afterwards, so that a list asked of it fails unless it was
 * read ahead. */
static WbApiClient *
restore_expecting (const WbApiQuery *query)
{
  WbTestServer *server = wb_test_server_start (fx.db);
  WbApiClient *api = wb_test_api_login (server->url, USERNAME, WB_DEMO_PASSWORD, NULL);
  g_autoptr(WbSession) session = NULL;
  g_autoptr(GError) error = NULL;

  wb_api_client_expect_list (api, WB_RESOURCE_CLIENTS, query);
  session = restore (api, &error);
  g_assert_no_error (error);
  wb_test_server_stop (server);
  return api;
}

static void
assert_not_read_ahead (WbApiClient      *api,
                       const WbApiQuery *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) page = list_first_page (api, query, NULL, &error);

  g_assert_null (page);
  g_assert_error (error, WB_API_ERROR, WB_API_ERROR_NETWORK);
}

/* The first page of the list shown first comes with the restore's own questions, on its
 * worker's thread: the list that asks for it then gets it without a request (here, from a
 * server that has gone away since), once, and only for the same page and the same token. */
static void
test_first_page_read_with_restore (void)
{
  WbApiQuery query = { .page = 1, .per_page = 7 };
  WbApiQuery other = { .page = 1, .per_page = 8 };
  g_autoptr(WbApiClient) signed_in = login (NULL);
  guint total = 0, expected_total = 0;
  g_autoptr(GListModel) expected = wb_test_api_list (signed_in, WB_RESOURCE_CLIENTS, 0, &query, &expected_total,
                                                     NULL);
  g_autoptr(WbApiClient) api = NULL;
  g_autoptr(GListModel) page = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (expected), ==, 7);

  /* Another page than the one expected is asked of the server, which is gone; and that
   * ends the expectation. */
  api = restore_expecting (&query);
  assert_not_read_ahead (api, &other);
  assert_not_read_ahead (api, &query);
  g_clear_object (&api);

  /* Expected and read ahead: the page as the server gave it, once. */
  api = restore_expecting (&query);
  page = list_first_page (api, &query, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (page), ==, 7);
  g_assert_cmpuint (total, ==, expected_total);
  for (guint i = 0; i < 7; i++)
    {
      g_autoptr(WbRecord) got = g_list_model_get_item (page, i);
      g_autoptr(WbRecord) want = g_list_model_get_item (expected, i);

      g_assert_cmpint (wb_record_get_id (got), ==, wb_record_get_id (want));
    }
  assert_not_read_ahead (api, &query);
  g_clear_object (&api);

  /* Read with another token than the one used when the list asks: asked again. */
  api = restore_expecting (&query);
  wb_api_client_set_token (api, "0123456789abcdef");
  assert_not_read_ahead (api, &query);
}

/* What someone else changes reaches the open clients list through the change feed: the
 * changed row is read again as a list row (no full read, so no audit row in the name of a
 * user who read nothing), takes its place under the user's search, and stays selected; a new
 * client joins the list, shown where it matches the search. */
static void
test_live_clients_list_follows_others (void)
{
  g_autoptr(WbRecord) me = NULL;
  g_autoptr(WbApiClient) api = login (&me);
  g_autoptr(WbSession) session = loaded_session (api, me);
  g_autoptr(WbRecord) client = find_own_client (api, me);
  g_autoptr(WbApiClient) colleague = login (NULL);
  g_autoptr(WbRecord) saved = NULL;
  g_autoptr(WbRecord) created = NULL;
  g_autoptr(WbRecord) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = wb_record_dup_etag (client);
  g_autofree char *bsn1 = make_bsn (4321);
  g_autofree char *bsn2 = make_bsn (8765);
  g_autofree char *json = NULL;
  g_autofree char *titles = NULL;
  WbClientsView *view = g_object_ref_sink (wb_clients_view_new ());
  WbListView *list = WB_LIST_VIEW (view);
  GtkWindow *window;
  gint64 reads;
  guint loaded;
  gpointer row;

  wb_session_start_feed (session);
  wb_list_view_set_session (list, session);
  window = wb_test_show_in_window (GTK_WIDGET (view), 1000, 700);
  wait_for_list (list, list_loaded, NULL);
  wait_for_list (list, feed_connected, session);
  wb_list_view_set_scope (list, WB_LIST_SCOPE_ALL);
  loaded = wb_list_model_get_n_loaded (wb_list_view_get_model (list));
  reads = count_client_reads (wb_record_get_id (me));

  /* The user searches for a name no client has yet. */
  wb_list_view_search (list, "Zwaluw");
  g_assert_cmpuint (wb_list_model_get_n_shown (wb_list_view_get_model (list)), ==, 0);

  /* A colleague renames a client: the row takes the new name and now matches the search. */
  saved = wb_test_api_update_json (colleague, WB_RESOURCE_CLIENTS, wb_record_get_id (client), etag,
                                   "{\"family_name\":\"Zwaluw\"}", &error);
  g_assert_no_error (error);
  wait_for_list (list, list_shows, "Zwaluw");
  row = wb_list_model_find (wb_list_view_get_model (list), wb_record_get_id (client));
  g_assert_nonnull (row);
  g_assert_true (wb_list_view_select_row (list, row));

  /* A new client of the organisation: it joins, shown because it matches; one that does not
   * match joins the list but not what the search shows. */
  json = g_strdup_printf ("{\"organisation_id\":%" G_GINT64_FORMAT ",\"municipality_id\":%" G_GINT64_FORMAT ","
                          "\"given_name\":\"Aad\",\"family_name\":\"Aazwaluw\",\"bsn\":\"%s\",\"pc4\":\"6211\","
                          "\"birth_year\":1990,\"client_group\":\"participatiewet\",\"phase\":\"intake\"}",
                          wb_record_get_int (me, "organisation_id"), wb_record_get_int (client, "municipality_id"), bsn1);
  created = wb_test_api_create_json (colleague, WB_RESOURCE_CLIENTS, 0, json, &error);
  g_assert_no_error (error);
  g_free (json);
  json = g_strdup_printf ("{\"organisation_id\":%" G_GINT64_FORMAT ",\"municipality_id\":%" G_GINT64_FORMAT ","
                          "\"given_name\":\"Bram\",\"family_name\":\"Merel\",\"bsn\":\"%s\",\"pc4\":\"6211\","
                          "\"birth_year\":1991,\"client_group\":\"participatiewet\",\"phase\":\"intake\"}",
                          wb_record_get_int (me, "organisation_id"), wb_record_get_int (client, "municipality_id"), bsn2);
  other = wb_test_api_create_json (colleague, WB_RESOURCE_CLIENTS, 0, json, &error);
  g_assert_no_error (error);
  wait_for_list (list, list_has_loaded, GUINT_TO_POINTER (loaded + 2));
  wait_for_list (list, list_shows, "Aad Aazwaluw");
  titles = shown_titles (list);
  g_test_message ("shown: %s", titles);
  g_assert_cmpuint (wb_list_model_get_n_shown (wb_list_view_get_model (list)), ==, 2);
  g_assert_null (strstr (titles, "Merel"));
  /* The new row sorts before the selected one, which stays selected on its new line. */
  g_assert_true (g_str_has_prefix (titles, "Aad Aazwaluw\n"));
  g_assert_true (wb_list_view_get_selected_row (list) ==
                 wb_list_model_find (wb_list_view_get_model (list), wb_record_get_id (client)));
  wb_test_save_shot (window, "live-clients-list");

  /* Following the feed read no client in full. */
  g_assert_cmpint (count_client_reads (wb_record_get_id (me)), ==, reads);

  wb_session_stop_feed (session);
  gtk_window_destroy (window);
  g_object_unref (view);
}

/* The accounts list follows the feed too: an account renamed in another session shows its
 * new name in its row. */
static void
test_live_accounts_list_follows_others (void)
{
  g_autoptr(WbRecord) me = NULL;
  g_autoptr(WbApiClient) api = wb_test_api_login (fx.server->url, "szmh.lam1", WB_DEMO_PASSWORD, &me);
  g_autoptr(WbSession) session = loaded_session (api, me);
  g_autoptr(WbApiClient) colleague = wb_test_api_login (fx.server->url, "szmh.lam1", WB_DEMO_PASSWORD, NULL);
  g_autoptr(JsonNode) page = NULL;
  g_autoptr(WbRecord) employer = NULL;
  g_autoptr(WbRecord) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *name = NULL;
  g_autofree char *json = NULL;
  WbAccountsView *view = g_object_ref_sink (wb_accounts_view_new ());
  WbListView *list = WB_LIST_VIEW (view);
  GtkWindow *window;
  JsonArray *items;
  gint64 id;

  wb_session_start_feed (session);
  wb_list_view_set_session (list, session);
  window = wb_test_show_in_window (GTK_WIDGET (view), 1000, 700);
  wait_for_list (list, list_loaded, NULL);
  wait_for_list (list, feed_connected, session);
  wb_list_view_set_scope (list, WB_LIST_SCOPE_ALL);

  page = wb_test_api_request (colleague, "GET", "api/v1/accounts?owner_id=me&per_page=1", NULL, NULL, &error);
  g_assert_no_error (error);
  items = json_object_get_array_member (json_node_get_object (page), "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  id = json_object_get_int_member (json_array_get_object_element (items, 0), "id");
  employer = wb_test_api_get (colleague, WB_RESOURCE_EMPLOYERS, id, NULL, &error);
  g_assert_no_error (error);
  etag = wb_record_dup_etag (employer);
  name = g_strdup_printf ("%s Live", wb_record_get_string (employer, "name"));
  json = g_strdup_printf ("{\"name\":\"%s\"}", name);
  saved = wb_test_api_update_json (colleague, WB_RESOURCE_EMPLOYERS, id, etag, json, &error);
  g_assert_no_error (error);
  wait_for_list (list, list_shows, name);
  g_assert_cmpstr (wb_account_row_get_name (wb_list_model_find (wb_list_view_get_model (list), id)), ==, name);

  wb_session_stop_feed (session);
  gtk_window_destroy (window);
  g_object_unref (view);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_test_add_func ("/app-editor/no-display", skip_without_display);
      return g_test_run ();
    }
  adw_init ();
  wb_application_ensure_resources ();

  fixture_setup ();
  g_test_add_func ("/app-editor/conflict/reapply-sends-only-mine", test_reapply_sends_only_mine);
  g_test_add_func ("/app-editor/conflict/keep-editing-shows-theirs", test_keep_editing_shows_theirs);
  g_test_add_func ("/app-editor/offline/edits-stay", test_unreachable_keeps_edits);
  g_test_add_func ("/app-editor/offline/profile-says-not-loaded", test_offline_profile_not_loaded);
  g_test_add_func ("/app-editor/offline/profile-keeps-last-loaded", test_offline_profile_last_loaded);
  g_test_add_func ("/app-editor/timeline/note-undo-correct", test_timeline_note_undo_correct);
  g_test_add_func ("/app-editor/saved/focus-back-where-seen", test_saved_focus_back);
  g_test_add_func ("/app-editor/live/others-note-shows-edits-kept", test_live_profile_follows_others);
  g_test_add_func ("/app-editor/live/clients-list-follows-without-reads", test_live_clients_list_follows_others);
  g_test_add_func ("/app-editor/list/first-page-a-screenful", test_first_page_a_screenful);
  g_test_add_func ("/app-editor/list/first-page-before-the-window-shows", test_first_page_before_the_window_shows);
  g_test_add_func ("/app-editor/start/session-restored-from-token", test_session_restored_from_token);
  g_test_add_func ("/app-editor/start/first-page-read-with-restore", test_first_page_read_with_restore);
  g_test_add_func ("/app-editor/live/accounts-list-follows", test_live_accounts_list_follows_others);
  g_test_add_func ("/app-editor/dialogs/fit-small-screens", test_dialogs_fit);
  g_test_add_func ("/app-editor/start/demo-data-said-only-when-made", test_start_says_demo_only_once);
  g_test_add_func ("/app-editor/start/sign-in-kept-over-a-restart", test_start_keeps_sign_in);
  g_test_add_func ("/app-editor/import/report-names-rows-and-columns", test_import_report_names_columns);
  status = g_test_run ();
  fixture_teardown ();
  return status;
}
