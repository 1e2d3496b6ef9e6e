/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "test-app-editor"

#include "config.h"

#include <adwaita.h>

#include "wb-api-client.h"
#include "wb-client-editor.h"
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

/* A client of the user's own organisation, in full. */
static WbRecord *
find_own_client (WbApiClient *client,
                 WbRecord    *me)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = wb_test_api_list (client, WB_RESOURCE_CLIENTS, 0, NULL, NULL, &error);
  gint64 organisation = wb_record_get_int (me, "organisation_id");

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
skip_without_display (void)
{
  g_test_skip ("No display: run under Xvfb (build-aux/setup.sh test does)");
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

  fixture_setup ();
  g_test_add_func ("/app-editor/conflict/reapply-sends-only-mine", test_reapply_sends_only_mine);
  g_test_add_func ("/app-editor/conflict/keep-editing-shows-theirs", test_keep_editing_shows_theirs);
  g_test_add_func ("/app-editor/offline/edits-stay", test_unreachable_keeps_edits);
  status = g_test_run ();
  fixture_teardown ();
  return status;
}
