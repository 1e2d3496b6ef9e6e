/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "test-app-region"

#include "config.h"

#include <adwaita.h>
#include <libsoup/soup.h>
#include <string.h>

#include "wb-api-client.h"
#include "wb-api-tls.h"
#include "wb-accounts-view.h"
#include "wb-application.h"
#include "wb-client-editor.h"
#include "wb-client-profile.h"
#include "wb-clients-view.h"
#include "wb-demo.h"
#include "wb-format.h"
#include "wb-list-view.h"
#include "wb-login-page.h"
#include "wb-monitor-view.h"
#include "wb-store.h"
#include "wb-vacancies-view.h"
#include "wb-view-switcher-face.h"
#include "wb-view-switcher-grid.h"
#include "wb-test-api.h"
#include "wb-test-gtk.h"
#include "wb-test-server.h"
#include "wb-test-util.h"
#include "wb-window.h"

/* The whole window against a shared werkbrug-server, as a region runs it: a server that is
 * down when the app starts, a session that ends elsewhere, a certificate the computer does
 * not trust, no keyring. */

#define USERNAME "szmh.consultant1"

static struct {
  char *dir;
  char *db;
} fx;

static void
fixture_setup (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WbStore) store = NULL;
  WbDemoOptions options = { .n_clients = 40, .n_employers = 10, .n_vacancies = 5, .seed = 14 };

  fx.dir = wb_test_make_dir ();
  fx.db = g_build_filename (fx.dir, "werkbrug.db", NULL);
  store = wb_store_open (fx.db, &error);
  g_assert_no_error (error);
  g_assert_true (wb_demo_generate (store, &options, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (void)
{
  wb_test_remove_dir (fx.dir);
  g_free (fx.db);
  g_free (fx.dir);
}

/* A loopback port nobody listens on, held by @socket (bound, not listening: a connection
 * there is refused) until the caller closes it, so that no other program on the machine is
 * given it in the meantime. */
static guint16
reserve_port (GSocket **socket)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  *socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_bind (*socket, any, TRUE, &error));
  g_assert_no_error (error);
  bound = g_socket_get_local_address (*socket, &error);
  g_assert_no_error (error);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static WbTestServer *
start_server_on (guint16 port)
{
  g_autofree char *listen = g_strdup_printf ("127.0.0.1:%u", port);
  const char * const args[] = { "--db", fx.db, "--listen", listen, NULL };

  return wb_test_server_start_argv (args, FALSE);
}

typedef gboolean (*Predicate) (WbWindow *window);

/* Runs the main loop until @predicate holds; fails the test after WB_TEST_WAIT_SECONDS
 * (a deadline for the slowest machine: a quick one does not wait for it). */
static void
wait_until (WbWindow   *window,
            Predicate   predicate,
            const char *what)
{
  gint64 deadline = g_get_monotonic_time () + WB_TEST_WAIT_SECONDS * G_USEC_PER_SEC;

  while (!predicate (window))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out after %d s waiting until %s", WB_TEST_WAIT_SECONDS, what);
      wb_test_iterate ();
    }
}

static gboolean
is_retrying (WbWindow *window)
{
  return g_strcmp0 (wb_window_get_state (window), "login") == 0 &&
         wb_login_page_is_retrying (wb_window_get_login_page (window));
}

static gboolean
is_reachable_again (WbWindow *window)
{
  WbLoginPage *page = wb_window_get_login_page (window);

  return !wb_login_page_is_retrying (page) && wb_login_page_get_error (page) == NULL;
}

static gboolean
is_signed_in (WbWindow *window)
{
  return g_strcmp0 (wb_window_get_state (window), "main") == 0;
}

/* A window on the server at @url; @width px wide and 790 px tall where @width > 0, else
 * the size the settings have. */
static WbWindow *
open_window (const char *url,
             const char *ca_file,
             int         width)
{
  g_autoptr(GSettings) settings = wb_application_create_settings ();
  WbWindow *window;

  g_settings_set_string (settings, "server-url", url);
  g_settings_set_string (settings, "tls-ca-file", ca_file != NULL ? ca_file : "");
  g_settings_set_string (settings, "last-username", "");
  if (width > 0)
    {
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", 790);
    }
  window = wb_window_new_with_settings (NULL, settings);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static WbWindow *
new_window_with_ca (const char *url,
                    const char *ca_file)
{
  return open_window (url, ca_file, 0);
}

static WbWindow *
new_window (const char *url)
{
  return new_window_with_ca (url, NULL);
}

/* The server is down when the app starts: the sign-in page says so, offers Retry, and
 * tries again by itself; once the server is up it recovers with what the user typed. */
static void
test_server_down_at_start (void)
{
  g_autoptr(GSocket) reserved = NULL;
  guint16 port = reserve_port (&reserved);
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", port);
  WbWindow *window = new_window (url);
  WbLoginPage *page = wb_window_get_login_page (window);
  WbTestServer *server;
  const char *username, *password;

  wait_until (window, is_retrying, "the sign-in page offers Retry");
  g_assert_true (g_str_has_prefix (wb_login_page_get_error (page), "The server cannot be reached"));

  /* The user types while the server is away; a sign-in now fails the same way. */
  wb_login_page_fill (page, USERNAME, WB_DEMO_PASSWORD);
  wb_login_page_submit (page);
  wait_until (window, is_retrying, "the failed sign-in offers Retry");

  g_socket_close (reserved, NULL);
  server = start_server_on (port);
  wait_until (window, is_reachable_again, "the sign-in page finds the server by itself");
  wb_login_page_get_typed (page, &username, &password);
  g_assert_cmpstr (username, ==, USERNAME);
  g_assert_cmpstr (password, ==, WB_DEMO_PASSWORD);

  wb_login_page_submit (page);
  wait_until (window, is_signed_in, "signed in");

  gtk_window_destroy (GTK_WINDOW (window));
  wb_test_server_stop (server);
}

static gboolean
is_at_sign_in (WbWindow *window)
{
  return g_strcmp0 (wb_window_get_state (window), "login") == 0 &&
         !wb_login_page_is_retrying (wb_window_get_login_page (window));
}

static gboolean
is_session_ended (WbWindow *window)
{
  return g_strcmp0 (wb_window_get_state (window), "login") == 0 &&
         g_strcmp0 (wb_login_page_get_error (wb_window_get_login_page (window)),
                    "Your session has ended; sign in again.") == 0;
}

static void
sign_in_as (WbWindow   *window,
            const char *username)
{
  WbLoginPage *page = wb_window_get_login_page (window);

  wait_until (window, is_at_sign_in, "the sign-in page is shown");
  wb_login_page_fill (page, username, WB_DEMO_PASSWORD);
  wb_login_page_submit (page);
  wait_until (window, is_signed_in, "signed in");
}

static void
sign_in (WbWindow *window)
{
  sign_in_as (window, USERNAME);
}

/* One of the user's own clients, in full. */
static WbRecord *
own_client (WbApiClient *api,
            WbRecord    *me)
{
  g_autoptr(GError) error = NULL;
  gint64 organisation = wb_record_get_int (me, "organisation_id");
  g_autoptr(GHashTable) filters = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  WbApiQuery query = { .filters = filters };
  g_autoptr(GListModel) list = NULL;
  g_autoptr(WbRecord) first = NULL;
  WbRecord *record;

  g_hash_table_insert (filters, (gpointer) "organisation_id", g_strdup_printf ("%" G_GINT64_FORMAT, organisation));
  list = wb_test_api_list (api, WB_RESOURCE_CLIENTS, 0, &query, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), >, 0);
  first = g_list_model_get_item (list, 0);
  record = wb_test_api_get (api, WB_RESOURCE_CLIENTS, wb_record_get_id (first), NULL, &error);
  g_assert_no_error (error);
  return record;
}

/* A proxy in front of the server that can hold back one request ("GET api/v1/me", say): the
 * order of two answers made certain, where a busy machine would decide it. */
typedef struct
{
  SoupServer *server;
  SoupSession *upstream;
  GCancellable *cancellable;
  char *upstream_url;
  char *url;
  const char *hold;          /* the method and path to hold back */
  SoupServerMessage *held;   /* that request, paused */
  gboolean answered;         /* the answer to it is written */
} Proxy;

static void
copy_header_cb (const char *name,
                const char *value,
                gpointer    user_data)
{
  static const char * const hop[] = { "Host", "Content-Length", "Connection", "Transfer-Encoding",
                                      "Content-Encoding", "Keep-Alive", NULL };

  for (guint i = 0; hop[i] != NULL; i++)
    if (g_ascii_strcasecmp (name, hop[i]) == 0)
      return;
  soup_message_headers_append (user_data, name, value);
}

static void
on_held_finished_cb (SoupServerMessage *msg,
                     Proxy             *proxy)
{
  proxy->answered = TRUE;
}

static void
on_gone_cb (SoupServerMessage *msg,
            GCancellable      *cancellable)
{
  /* Nobody waits for the answer: a change feed's request would hold a connection forever. */
  g_object_set_data (G_OBJECT (msg), "gone", GINT_TO_POINTER (TRUE));
  g_cancellable_cancel (cancellable);
}

static void
on_upstream_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SoupServerMessage) msg = user_data;
  SoupMessage *up = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);

  /* The proxy stopped, or the asker went (a window closed, a feed given up). */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || g_object_get_data (G_OBJECT (msg), "gone") != NULL)
    return;
  if (body == NULL)
    soup_server_message_set_status (msg, SOUP_STATUS_BAD_GATEWAY, NULL);
  else
    {
      SoupMessageHeaders *headers = soup_message_get_response_headers (up);
      gsize length;
      const char *data = g_bytes_get_data (body, &length);

      soup_server_message_set_status (msg, soup_message_get_status (up), NULL);
      soup_message_headers_foreach (headers, copy_header_cb, soup_server_message_get_response_headers (msg));
      soup_server_message_set_response (msg, soup_message_headers_get_one (headers, "Content-Type"),
                                        SOUP_MEMORY_COPY, data, length);
    }
  soup_server_message_unpause (msg);
}

static void
forward (Proxy             *proxy,
         SoupServerMessage *msg)
{
  GUri *uri = soup_server_message_get_uri (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autofree char *url = g_strdup_printf ("%s%s%s%s", proxy->upstream_url, g_uri_get_path (uri),
                                          g_uri_get_query (uri) != NULL ? "?" : "",
                                          g_uri_get_query (uri) != NULL ? g_uri_get_query (uri) : "");
  g_autoptr(SoupMessage) up = soup_message_new (soup_server_message_get_method (msg), url);
  SoupMessageHeaders *in = soup_server_message_get_request_headers (msg);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  soup_message_headers_foreach (in, copy_header_cb, soup_message_get_request_headers (up));
  if (body->length > 0)
    {
      g_autoptr(GBytes) bytes = soup_message_body_flatten (body);

      soup_message_set_request_body_from_bytes (up, soup_message_headers_get_one (in, "Content-Type"), bytes);
    }
  g_signal_connect_object (proxy->cancellable, "cancelled", G_CALLBACK (g_cancellable_cancel), cancellable,
                           G_CONNECT_SWAPPED);
  g_signal_connect_data (msg, "finished", G_CALLBACK (on_gone_cb), g_object_ref (cancellable),
                         (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  g_signal_connect_data (msg, "disconnected", G_CALLBACK (on_gone_cb), g_object_ref (cancellable),
                         (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  soup_session_send_and_read_async (proxy->upstream, up, G_PRIORITY_DEFAULT, cancellable, on_upstream_cb,
                                    g_object_ref (msg));
}

static void
proxy_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  Proxy *proxy = user_data;
  g_autofree char *request = g_strdup_printf ("%s %s", soup_server_message_get_method (msg), path);

  soup_server_message_pause (msg);
  if (proxy->hold != NULL && g_str_has_suffix (request, proxy->hold) && proxy->held == NULL && !proxy->answered)
    {
      g_signal_connect (msg, "finished", G_CALLBACK (on_held_finished_cb), proxy);
      proxy->held = g_object_ref (msg);
      return;
    }
  forward (proxy, msg);
}

static Proxy *
proxy_start (const char *upstream_url)
{
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;
  Proxy *proxy = g_new0 (Proxy, 1);

  /* Without its last slash: the path of a request begins with one. */
  proxy->upstream_url = g_strndup (upstream_url, strlen (upstream_url) - g_str_has_suffix (upstream_url, "/"));
  /* As many connections as the window opens: a change feed holds one all the time. */
  proxy->upstream = soup_session_new_with_options ("max-conns", 100, "max-conns-per-host", 100, NULL);
  proxy->cancellable = g_cancellable_new ();
  proxy->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (proxy->server, NULL, proxy_cb, proxy, NULL);
  g_assert_true (soup_server_listen_local (proxy->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (proxy->server);
  proxy->url = g_uri_to_string_partial (uris->data, G_URI_HIDE_PASSWORD);
  if (g_str_has_suffix (proxy->url, "/"))
    proxy->url[strlen (proxy->url) - 1] = '\0';
  return proxy;
}

/* Lets the held request through, and runs the main loop until its answer is written, read
 * and handled (the window is in this process: all that is due then has been done). */
static void
proxy_release (Proxy *proxy)
{
  SoupServerMessage *held = g_steal_pointer (&proxy->held);

  g_assert_nonnull (held);
  forward (proxy, held);
  g_object_unref (held);
  wb_test_wait_for (proxy->answered);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
proxy_stop (Proxy *proxy)
{
  g_cancellable_cancel (proxy->cancellable);
  g_clear_object (&proxy->held);
  soup_server_disconnect (proxy->server);
  g_object_unref (proxy->server);
  soup_session_abort (proxy->upstream);
  g_object_unref (proxy->upstream);
  g_object_unref (proxy->cancellable);
  g_free (proxy->upstream_url);
  g_free (proxy->url);
  g_free (proxy);
}

/* The window asks whether it is signed in as it opens (it is not: no token was kept); the
 * user signs in before that answer comes, as a quick user on a busy machine does. The late
 * "no" is about no token at all: it must not throw away the token of the sign-in, which left
 * the window signed in with every request refused ("Log in first"). */
static void
test_late_answer_keeps_sign_in (void)
{
  WbTestServer *server = wb_test_server_start (fx.db);
  Proxy *proxy = proxy_start (server->url);
  WbWindow *window;
  WbApiClient *api;
  g_autofree char *token = NULL;
  g_autoptr(WbRecord) client = NULL;

  proxy->hold = "GET /api/v1/me";
  window = new_window (proxy->url);
  wb_test_wait_for (proxy->held != NULL);
  wait_until (window, is_at_sign_in, "the sign-in page is shown");
  wb_login_page_fill (wb_window_get_login_page (window), USERNAME, WB_DEMO_PASSWORD);
  wb_login_page_submit (wb_window_get_login_page (window));
  wait_until (window, is_signed_in, "signed in");
  api = wb_session_get_api (wb_window_get_session (window));
  token = g_strdup (wb_api_client_get_token (api));
  g_assert_nonnull (token);

  /* Now the old answer; then all is as it was. */
  proxy_release (proxy);
  g_assert_cmpstr (wb_api_client_get_token (api), ==, token);
  g_assert_true (is_signed_in (window));
  client = own_client (api, wb_session_get_me (wb_window_get_session (window)));
  g_assert_nonnull (client);

  gtk_window_destroy (GTK_WINDOW (window));
  proxy_stop (proxy);
  wb_test_server_stop (server);
}

/* The session ends elsewhere while an edit is open: the save fails, the window goes to the
 * sign-in page with the reason, and after signing in again the user is back where they
 * were, with the edit to save. */
static void
test_session_ended (void)
{
  WbTestServer *server = wb_test_server_start (fx.db);
  WbWindow *window = new_window (server->url);
  WbSession *session;
  WbApiClient *api;
  g_autoptr(WbRecord) client = NULL;
  g_autoptr(WbApiClient) elsewhere = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(JsonObject) changes = NULL;
  g_autoptr(GError) error = NULL;
  WbRecordEditor *editor;

  sign_in (window);
  session = wb_window_get_session (window);
  api = wb_session_get_api (session);
  client = own_client (api, wb_session_get_me (session));
  editor = WB_RECORD_EDITOR (wb_client_editor_new (session, client));
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (editor));
  wb_record_editor_set_field (editor, "phone", "043 555 1414");

  /* The user signs out on another computer with the same token (as revoking does). */
  elsewhere = wb_api_client_new (server->url);
  wb_api_client_set_token (elsewhere, wb_api_client_get_token (api));
  answer = wb_test_api_request (elsewhere, "DELETE", "api/v1/session", NULL, NULL, &error);
  g_assert_no_error (error);

  wb_record_editor_save (editor);
  wait_until (window, is_session_ended, "the sign-in page says the session has ended");
  g_assert_nonnull (editor);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_false (wb_login_page_is_retrying (wb_window_get_login_page (window)));

  /* The user name is filled in; the password is asked again. */
  wb_login_page_fill (wb_window_get_login_page (window), USERNAME, WB_DEMO_PASSWORD);
  wb_login_page_submit (wb_window_get_login_page (window));
  wait_until (window, is_signed_in, "signed in again");

  /* The same session goes on, the editor is back with the change. */
  g_assert_true (wb_window_get_session (window) == session);
  g_assert_nonnull (editor);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  changes = wb_record_editor_dup_changes (editor);
  g_assert_cmpstr (json_object_get_string_member (changes, "phone"), ==, "043 555 1414");
  gtk_window_destroy (GTK_WINDOW (editor));
  g_assert_null (editor);

  gtk_window_destroy (GTK_WINDOW (window));
  wb_test_server_stop (server);
}

/* A descendant of @widget of @type: on screen, or (@mapped FALSE) any. */
static GtkWidget *
find_of_type (GtkWidget *widget,
              GType      type,
              gboolean   mapped)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && (!mapped || gtk_widget_get_mapped (widget)))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_of_type (child, type, mapped);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_mapped (GtkWidget *widget,
             GType      type)
{
  return find_of_type (widget, type, TRUE);
}

static gboolean
focus_in_search (WbWindow *window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && gtk_widget_get_mapped (focus) &&
         (GTK_IS_SEARCH_ENTRY (focus) || gtk_widget_get_ancestor (focus, GTK_TYPE_SEARCH_ENTRY) != NULL);
}

/* The window gets the keys: the focus is nowhere (the window has them), or on screen in the
 * view shown. */
static gboolean
focus_in_view (WbWindow *window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus == NULL || (gtk_widget_get_mapped (focus) && gtk_widget_get_ancestor (focus, ADW_TYPE_VIEW_STACK) != NULL);
}

/* Right after signing in, the focus is in the view on screen, and Ctrl+F goes to its
 * search: also when the last user left the focus in a search that is closed now (a focus
 * on a widget not on screen, where GTK gives the window no keys at all). */
static void
test_search_after_sign_in (void)
{
  WbTestServer *server = wb_test_server_start (fx.db);
  WbWindow *window = new_window (server->url);

  sign_in (window);
  wb_test_wait_frames (GTK_WIDGET (window), 3);
  g_assert_true (focus_in_view (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  wait_until (window, focus_in_search, "the focus is in the search");

  /* Signed out with the focus in the search, and in again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.logout", NULL));
  sign_in (window);
  wb_test_wait_frames (GTK_WIDGET (window), 3);
  g_assert_true (focus_in_view (window));
  g_assert_false (focus_in_search (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  wait_until (window, focus_in_search, "the focus is in the search");
  g_assert_nonnull (find_mapped (GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY));

  gtk_window_destroy (GTK_WINDOW (window));
  wb_test_server_stop (server);
}

static gboolean
monitor_shown (WbWindow *window)
{
  GtkWidget *monitor = find_mapped (GTK_WIDGET (window), WB_TYPE_MONITOR_VIEW);

  return monitor != NULL && !wb_monitor_view_get_loading (WB_MONITOR_VIEW (monitor)) &&
         wb_chart_view_get_model (wb_monitor_view_get_chart_view (WB_MONITOR_VIEW (monitor),
                                                                  WB_MONITOR_CHART_OVER_TIME)) != NULL;
}

static gboolean
accounts_shown (WbWindow *window)
{
  GtkWidget *view = find_mapped (GTK_WIDGET (window), WB_TYPE_ACCOUNTS_VIEW);

  return view != NULL && wb_list_view_get_loaded (WB_LIST_VIEW (view)) &&
         g_list_model_get_n_items (G_LIST_MODEL (wb_accounts_view_get_list_model (WB_ACCOUNTS_VIEW (view)))) > 0;
}

static gboolean
vacancies_shown (WbWindow *window)
{
  GtkWidget *view = find_mapped (GTK_WIDGET (window), WB_TYPE_VACANCIES_VIEW);

  return view != NULL && wb_list_view_get_loaded (WB_LIST_VIEW (view));
}

typedef enum {
  SWITCHER_IN_HEADER,
  SWITCHER_AT_BOTTOM,
} SwitcherPlace;

static gboolean
is_switcher_in (GtkWidget     *widget,
                gconstpointer  parent_type)
{
  return WB_IS_VIEW_SWITCHER_GRID (widget) &&
         G_TYPE_CHECK_INSTANCE_TYPE (gtk_widget_get_parent (widget), GPOINTER_TO_SIZE (parent_type));
}

/* The views' switcher at the bottom of the window (in a revealer), and the one in the header
 * (in a squeezer, before the window's title). */
static WbViewSwitcherGrid *
bottom_switcher (WbWindow *window)
{
  return WB_VIEW_SWITCHER_GRID (wb_test_find (GTK_WIDGET (window), is_switcher_in, GSIZE_TO_POINTER (GTK_TYPE_REVEALER)));
}

static WbViewSwitcherGrid *
header_switcher (WbWindow *window)
{
  return WB_VIEW_SWITCHER_GRID (wb_test_find (GTK_WIDGET (window), is_switcher_in, GSIZE_TO_POINTER (ADW_TYPE_SQUEEZER)));
}

/* Where the views' switcher is: in the header (in its wide or narrow form), or at the
 * bottom; not both. */
static void
assert_switcher_place (WbWindow      *window,
                       SwitcherPlace  place)
{
  WbViewSwitcherGrid *grid = bottom_switcher (window);
  WbViewSwitcherGrid *header = header_switcher (window);

  g_assert_nonnull (grid);
  g_assert_nonnull (header);
  wb_test_wait_frames (GTK_WIDGET (window), 2);
  g_assert_cmpint (gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_parent (GTK_WIDGET (grid)))), ==,
                   place == SWITCHER_AT_BOTTOM);
  g_assert_cmpint (gtk_widget_get_mapped (GTK_WIDGET (header)), ==, place == SWITCHER_IN_HEADER);
  /* The bottom's switcher has the views' buttons once it is revealed. */
  if (place == SWITCHER_AT_BOTTOM)
    g_assert_nonnull (wb_view_switcher_grid_get_stack (grid));
}

/* A window that never needed the bottom's switcher has not made its buttons (wb-window.c:
 * on_narrow_switcher_reveal_cb). */
static void
assert_bottom_switcher_unmade (WbWindow *window)
{
  WbViewSwitcherGrid *grid = bottom_switcher (window);

  g_assert_nonnull (grid);
  g_assert_null (wb_view_switcher_grid_get_stack (grid));
}

/* An administrator's window @width px wide, signed in; the header's switcher in it. */
static WbWindow *
admin_window (WbTestServer  *server,
              int            width,
              GtkWidget    **switcher)
{
  WbWindow *window = open_window (server->url, NULL, width);

  sign_in_as (window, "admin");
  wb_test_wait_frames (GTK_WIDGET (window), 2);
  assert_switcher_place (window, SWITCHER_IN_HEADER);
  *switcher = GTK_WIDGET (header_switcher (window));
  return window;
}

static gboolean
titles_beside (GtkWidget *switcher)
{
  GtkWidget *face = gtk_button_get_child (GTK_BUTTON (gtk_widget_get_first_child (switcher)));

  return wb_view_switcher_face_get_beside (WB_VIEW_SWITCHER_FACE (face));
}

/* An administrator's seven views stay in the header of a window as wide as the default
 * (1200 px): its switcher takes its narrow form there, rather than the bottom's. The
 * header asks the height it asks where every title stands beside its icon, as libadwaita's
 * does, so that nothing under it moves as the window narrows. */
static void
test_many_views_in_header (void)
{
  WbTestServer *server = wb_test_server_start (fx.db);
  GtkWidget *switcher;
  WbWindow *window = admin_window (server, 1190, &switcher);
  GtkWidget *header = gtk_widget_get_ancestor (switcher, ADW_TYPE_HEADER_BAR);
  int row_natural, minimum, here, wide;

  assert_bottom_switcher_unmade (window);
  g_assert_false (titles_beside (switcher));
  gtk_widget_measure (switcher, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &row_natural, NULL, NULL);
  g_assert_cmpint (gtk_widget_get_width (switcher), <, row_natural);
  gtk_widget_measure (header, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (header), &minimum, &here, NULL, NULL);
  /* Wide enough for the switcher's natural width, whatever the screen allows. */
  gtk_widget_measure (header, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (header) + 2 * row_natural, &minimum, &wide,
                      NULL, NULL);
  g_assert_cmpint (here, ==, wide);
  g_assert_cmpint (gtk_widget_get_height (switcher), <=, gtk_widget_get_height (header));
  wb_test_save_shot (GTK_WINDOW (window), "region-many-views-in-header");
  gtk_window_destroy (GTK_WINDOW (window));
  wb_test_server_stop (server);
}

static gboolean
is_menu_button_with_icon (GtkWidget     *widget,
                          gconstpointer  icon_name)
{
  return GTK_IS_MENU_BUTTON (widget) &&
         g_strcmp0 (gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget)), icon_name) == 0;
}

/* A start makes the view it shows, the clients: accounts, vacancies and the monitor are
 * made the first time their page is shown (Alt+2, 3, 4 here), with the signed-in user's
 * rows and figures, and once only. */
static void
test_views_made_when_shown (void)
{
  WbTestServer *server = wb_test_server_start (fx.db);
  WbWindow *window = new_window (server->url);
  GtkMenuButton *main_menu;
  GtkWidget *accounts;

  sign_in (window);
  g_assert_nonnull (find_mapped (GTK_WIDGET (window), WB_TYPE_CLIENTS_VIEW));
  /* The profile is made as a client is first opened. */
  g_assert_null (find_of_type (GTK_WIDGET (window), WB_TYPE_CLIENT_PROFILE, FALSE));
  assert_switcher_place (window, SWITCHER_IN_HEADER);
  assert_bottom_switcher_unmade (window);
  wb_test_save_shot (GTK_WINDOW (window), "region-switcher-in-header");
  /* The main menu is made as it is first opened. */
  main_menu = GTK_MENU_BUTTON (wb_test_find (GTK_WIDGET (window), is_menu_button_with_icon, "open-menu-symbolic"));
  g_assert_nonnull (main_menu);
  g_assert_null (gtk_menu_button_get_popover (main_menu));
  gtk_menu_button_popup (main_menu);
  g_assert_true (GTK_IS_POPOVER_MENU (gtk_menu_button_get_popover (main_menu)));
  g_assert_nonnull (gtk_menu_button_get_menu_model (main_menu));
  wb_test_wait_frames (GTK_WIDGET (window), 2);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (gtk_menu_button_get_popover (main_menu))));
  gtk_menu_button_popdown (main_menu);
  g_assert_null (find_of_type (GTK_WIDGET (window), WB_TYPE_ACCOUNTS_VIEW, FALSE));
  g_assert_null (find_of_type (GTK_WIDGET (window), WB_TYPE_VACANCIES_VIEW, FALSE));
  g_assert_null (find_of_type (GTK_WIDGET (window), WB_TYPE_MONITOR_VIEW, FALSE));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "i", 2));
  wait_until (window, accounts_shown, "the accounts show their rows");
  accounts = find_mapped (GTK_WIDGET (window), WB_TYPE_ACCOUNTS_VIEW);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "i", 3));
  wait_until (window, vacancies_shown, "the vacancies are loaded");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "i", 4));
  wait_until (window, monitor_shown, "the monitor shows its figures");
  /* Back on the accounts: the same view, not a second one. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "i", 2));
  wait_until (window, accounts_shown, "the accounts show their rows again");
  g_assert_true (find_mapped (GTK_WIDGET (window), WB_TYPE_ACCOUNTS_VIEW) == accounts);

  gtk_window_destroy (GTK_WINDOW (window));
  wb_test_server_stop (server);
}

static gboolean
is_named (GtkWidget     *widget,
          gconstpointer  name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

/* The keyboard shortcuts window is made the first time it is asked for (Ctrl+?, the main
 * menu), not with every window (wb-window.c: show_help_overlay_action); then it is kept. It
 * lists the review queue's keys only for a role that has the queue: a consultant here. */
static void
test_shortcuts_made_when_asked (void)
{
  WbTestServer *server = wb_test_server_start (fx.db);
  WbWindow *window = new_window (server->url);
  GtkApplicationWindow *app_window = GTK_APPLICATION_WINDOW (window);
  GtkShortcutsWindow *overlay;
  GtkWidget *queue_keys;

  sign_in (window);
  g_assert_null (gtk_application_window_get_help_overlay (app_window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  overlay = gtk_application_window_get_help_overlay (app_window);
  g_assert_nonnull (overlay);
  wb_test_wait_frames (GTK_WIDGET (overlay), 2);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (overlay)));
  wb_test_save_native_shot (GTK_WIDGET (overlay), "region-shortcuts");
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (overlay)) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (overlay)));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (overlay)), ==, "Keyboard Shortcuts");
  queue_keys = wb_test_find (GTK_WIDGET (overlay), is_named, "review-queue");
  g_assert_nonnull (queue_keys);
  g_assert_false (gtk_widget_get_visible (queue_keys));
  /* Closed, it is hidden and shown again as it was. */
  gtk_window_close (GTK_WINDOW (overlay));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  g_assert_true (gtk_application_window_get_help_overlay (app_window) == overlay);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  gtk_window_close (GTK_WINDOW (overlay));

  gtk_window_destroy (GTK_WINDOW (window));
  wb_test_server_stop (server);
}

/* The view on a page of the window: where the page is a slot that takes its view in when
 * first shown (wb-window.c: add_slot), the view in it. */
static GtkWidget *
page_view (AdwViewStackPage *page)
{
  GtkWidget *child = adw_view_stack_page_get_child (page);

  if (!WB_IS_LIST_VIEW (child) && GTK_IS_BOX (child) && gtk_widget_get_first_child (child) != NULL)
    return gtk_widget_get_first_child (child);
  return child;
}

static void
print_widths (GtkWidget *widget,
              int        depth,
              int        over)
{
  int minimum;

  if (!gtk_widget_get_visible (widget))
    return;
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  /* A node too wide, and every child of one: a box's children add up. */
  g_test_message ("%*s%s%s%s: %d", depth * 2, "", G_OBJECT_TYPE_NAME (widget),
                  GTK_IS_LABEL (widget) ? " " : "", GTK_IS_LABEL (widget) ? gtk_label_get_text (GTK_LABEL (widget)) : "",
                  minimum);
  if (minimum > over && depth < 40)
    for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      print_widths (child, depth + 1, over);
}

/* The stack of a list's states ("loading", "list", "denied", ...) under @widget. */
static GtkStack *
find_state_stack (GtkWidget *widget)
{
  if (GTK_IS_STACK (widget) && gtk_stack_get_child_by_name (GTK_STACK (widget), "denied") != NULL)
    return GTK_STACK (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkStack *found = find_state_stack (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A list has all its rows, or has said why it has none (a role that may not see them). */
static gboolean
list_settled (WbListView *view)
{
  GtkStack *stack = find_state_stack (GTK_WIDGET (view));
  const char *state = stack != NULL ? gtk_stack_get_visible_child_name (stack) : NULL;

  return wb_list_view_get_loaded (view) || g_strcmp0 (state, "denied") == 0 || g_strcmp0 (state, "error") == 0;
}

static const char * const role_users[] = {
  "admin", "wsp-parkstad.coordinator", "wsp-parkstad.am1", "gemeente-heerlen.lam1", "isd-kompas.consultant1",
  "isd-kompas.analyst",
};

static gboolean
is_at_sign_in_page (WbWindow *window)
{
  return g_strcmp0 (wb_window_get_state (window), "login") == 0;
}

/* Every role's window goes down to 360 px wide, with every view it has: the header's view
 * switcher, a list's bar and filters, the monitor. And every role signs out and the next in,
 * in the same window, while a profile and the lists load. */
static void
test_narrow_every_role (void)
{
  WbTestServer *server = wb_test_server_start (fx.db);
  g_autoptr(GSettings) settings = wb_application_create_settings ();
  WbWindow *window;
  WbLoginPage *page;
  GString *too_wide = g_string_new (NULL);
  guint opened = 0;

  /* A window made 360 px wide, as the user left it last time. */
  g_settings_set_string (settings, "server-url", server->url);
  g_settings_set_string (settings, "tls-ca-file", "");
  g_settings_set_int (settings, "window-width", 360);
  g_settings_set_int (settings, "window-height", 760);
  g_settings_set_boolean (settings, "window-maximized", FALSE);
  window = wb_window_new_with_settings (NULL, settings);
  gtk_window_present (GTK_WINDOW (window));
  page = wb_window_get_login_page (window);
  for (guint r = 0; r < G_N_ELEMENTS (role_users); r++)
    {
      g_autoptr(GtkSelectionModel) pages = NULL;
      guint n_views = 0;
      AdwViewStack *stack;
      GtkWidget *content;

      wait_until (window, is_at_sign_in, "the sign-in page is shown");
      wb_login_page_fill (page, role_users[r], WB_DEMO_PASSWORD);
      wb_login_page_submit (page);
      wait_until (window, is_signed_in, "signed in");
      content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
      stack = ADW_VIEW_STACK (find_mapped (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));
      pages = adw_view_stack_get_pages (stack);
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
        {
          g_autoptr(AdwViewStackPage) view = g_list_model_get_item (G_LIST_MODEL (pages), i);
          int minimum;

          if (!adw_view_stack_page_get_visible (view))
            continue;
          n_views++;
          adw_view_stack_set_visible_child (stack, adw_view_stack_page_get_child (view));
          /* Measured as the view settles: a list once its rows are in, then laid out and
           * drawn (it takes its narrow form a frame after it is shown). A fixed pause measured
           * the list half-way on a busy machine: 374 px, a list bar not yet in its narrow form. */
          if (WB_IS_LIST_VIEW (page_view (view)))
            wb_test_wait_for (list_settled (WB_LIST_VIEW (page_view (view))));
          wb_test_wait_frames (GTK_WIDGET (window), 3);
          gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
          g_test_message ("%s, %s: %d px (shown %d px)", role_users[r], adw_view_stack_page_get_name (view), minimum,
                          gtk_widget_get_width (content));
          if (minimum > 360)
            {
              print_widths (content, 0, 360);
              g_string_append_printf (too_wide, " %s/%s: %d", role_users[r], adw_view_stack_page_get_name (view), minimum);
            }
        }
      /* An analyst's one view has its button in the header even there. */
      assert_switcher_place (window, n_views > 1 ? SWITCHER_AT_BOTTOM : SWITCHER_IN_HEADER);
      {
        g_autofree char *shot = g_strdup_printf ("region-360-%s", role_users[r]);

        wb_test_save_shot (GTK_WINDOW (window), shot);
      }
      /* Signed out with a profile open and loading, the lists reading again (F5): in one
       * window, six times, without a critical (they are fatal here). */
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
        {
          g_autoptr(AdwViewStackPage) view = g_list_model_get_item (G_LIST_MODEL (pages), i);
          GtkWidget *child = page_view (view);

          if (!adw_view_stack_page_get_visible (view) || !WB_IS_LIST_VIEW (child) ||
              wb_list_view_get_selected_row (WB_LIST_VIEW (child)) == NULL)
            continue;
          adw_view_stack_set_visible_child (stack, adw_view_stack_page_get_child (view));
          wb_list_view_open_row (WB_LIST_VIEW (child), wb_list_view_get_selected_row (WB_LIST_VIEW (child)));
          opened++;
          break;
        }
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.refresh", NULL));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.logout", NULL));
      wait_until (window, is_at_sign_in_page, "signed out");
    }
  if (too_wide->len > 0)
    g_error ("Wider than 360 px:%s", too_wide->str);
  g_assert_cmpuint (opened, >=, 4);
  g_string_free (too_wide, TRUE);

  gtk_window_destroy (GTK_WINDOW (window));
  wb_test_server_stop (server);
}

/* An administrator signs in to the users, not to "No Clients Yet"; gives a user a one-time
 * password that works, and deactivates someone who left. */
static gboolean
users_loaded (WbWindow *window)
{
  WbUsersView *view = wb_window_get_users_view (window);

  return view != NULL && wb_list_view_get_loaded (WB_LIST_VIEW (view));
}

/* The dialog that asks for a password of one's own. */
static AdwMessageDialog *
wait_for_password_dialog (void)
{
  gint64 end = g_get_monotonic_time () + WB_TEST_WAIT_SECONDS * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end)
    {
      GListModel *toplevels = gtk_window_get_toplevels ();

      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

          if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
              g_object_get_data (window, "new-password") != NULL)
            return ADW_MESSAGE_DIALOG (window);
        }
      wb_test_iterate ();
    }
  g_error ("Waited %d s in vain for the dialog that asks for a new password", WB_TEST_WAIT_SECONDS);
}

static WbUserPage *page_waiting;
static gint64 organisation_waiting;

static gboolean
organisations_loaded (WbWindow *window)
{
  WbOrganisationsView *view = wb_window_get_organisations_view (window);

  return view != NULL && wb_list_view_get_loaded (WB_LIST_VIEW (view));
}

static gboolean
organisation_listed (WbWindow *window)
{
  WbListView *view = WB_LIST_VIEW (wb_window_get_organisations_view (window));

  return organisation_waiting > 0 && wb_list_model_find (wb_list_view_get_model (view), organisation_waiting) != NULL;
}

static void
on_organisation_saved_cb (WbRecordEditor *editor,
                          WbRecord       *organisation,
                          gpointer        user_data)
{
  organisation_waiting = wb_record_get_id (organisation);
}

static gboolean
has_one_time_password (WbWindow *window)
{
  return wb_user_page_get_one_time_password (page_waiting) != NULL;
}

static gboolean
has_left (WbWindow *window)
{
  WbRecord *user = wb_user_page_get_user (page_waiting);

  return user != NULL && !wb_record_get_boolean (user, "active");
}

/* A list that could not load says why, at once, instead of a silent time-out. */
static void
on_list_error_cb (WbListView *view,
                  const char *message,
                  gpointer    user_data)
{
  g_error ("%s failed to load: %s", (const char *) user_data, message);
}

static void
test_admin_users (void)
{
  WbTestServer *server = wb_test_server_start (fx.db);
  WbWindow *window = new_window (server->url);
  WbLoginPage *page = wb_window_get_login_page (window);
  g_autoptr(WbApiClient) check = NULL;
  g_autoptr(WbRecord) me = NULL;
  WbUsersView *view;
  WbUserPage *user_page;
  WbWindow *other;
  WbRecordEditor *editor;
  AdwMessageDialog *dialog;
  gpointer row;
  gint64 id = 0;
  GListModel *users;

  wait_until (window, is_at_sign_in, "the sign-in page is shown");
  wb_login_page_fill (page, "admin", WB_DEMO_PASSWORD);
  wb_login_page_submit (page);
  wait_until (window, is_signed_in, "signed in");
  view = wb_window_get_users_view (window);
  g_assert_nonnull (view);
  g_assert_true (gtk_widget_get_child_visible (GTK_WIDGET (view)));
  g_signal_connect (view, "backend-error", G_CALLBACK (on_list_error_cb), (gpointer) "The users list");
  wait_until (window, users_loaded, "the users are loaded");
  g_signal_handlers_disconnect_by_func (view, on_list_error_cb, (gpointer) "The users list");

  users = wb_session_get_lookup (wb_window_get_session (window), WB_RESOURCE_USERS);
  for (guint i = 0; i < g_list_model_get_n_items (users) && id == 0; i++)
    {
      g_autoptr(WbRecord) user = g_list_model_get_item (users, i);

      if (g_strcmp0 (wb_record_get_string (user, "username"), "szmh.consultant2") == 0)
        id = wb_record_get_id (user);
    }
  g_assert_cmpint (id, >, 0);
  row = wb_list_model_find (wb_list_view_get_model (WB_LIST_VIEW (view)), id);
  g_assert_nonnull (row);
  wb_list_view_open_row (WB_LIST_VIEW (view), row);
  user_page = WB_USER_PAGE (wb_list_view_get_page (WB_LIST_VIEW (view)));
  page_waiting = user_page;
  g_assert_true (wb_record_page_get_action_visible (WB_RECORD_PAGE (user_page), "reset"));
  g_assert_true (wb_record_page_get_action_visible (WB_RECORD_PAGE (user_page), "deactivate"));
  g_assert_false (wb_record_page_get_action_visible (WB_RECORD_PAGE (user_page), "activate"));

  wb_user_page_reset_password (user_page);
  wait_until (window, has_one_time_password, "the one-time password is shown");
  dialog = wb_test_wait_for_message_dialog ();
  adw_message_dialog_response (dialog, "close");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* The user signs in with it (in a window of their own) and chooses a password first. */
  other = new_window (server->url);
  wait_until (other, is_at_sign_in, "the user's sign-in page is shown");
  wb_login_page_fill (wb_window_get_login_page (other), "szmh.consultant2", wb_user_page_get_one_time_password (user_page));
  wb_login_page_submit (wb_window_get_login_page (other));
  dialog = wait_for_password_dialog ();
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "new-password"), "my own password");
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "repeat-password"), "my own pasword");
  /* (A button closes the dialog after its response; here the test does.) */
  adw_message_dialog_response (dialog, "save");
  gtk_window_destroy (GTK_WINDOW (dialog));
  /* Not the same twice: asked again. */
  dialog = wait_for_password_dialog ();
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "new-password"), "my own password");
  gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "repeat-password"), "my own password");
  adw_message_dialog_response (dialog, "save");
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_until (other, is_signed_in, "the user is signed in");
  gtk_window_destroy (GTK_WINDOW (other));
  check = wb_test_api_login (server->url, "szmh.consultant2", "my own password", &me);
  g_assert_false (json_object_has_member (wb_record_get_object (me), "password_must_change"));

  wb_user_page_set_active (user_page, FALSE);
  wait_until (window, has_left, "the user has left");
  g_assert_true (wb_record_page_get_action_visible (WB_RECORD_PAGE (user_page), "activate"));
  g_assert_false (wb_record_page_get_action_visible (WB_RECORD_PAGE (user_page), "reset"));

  /* A new organisation of the region joins the list. */
  wait_until (window, organisations_loaded, "the organisations are loaded");
  editor = WB_RECORD_EDITOR (wb_organisations_view_new_organisation (wb_window_get_organisations_view (window)));
  g_assert_nonnull (editor);
  g_signal_connect (editor, "saved", G_CALLBACK (on_organisation_saved_cb), NULL);
  wb_record_editor_set_field (editor, "name", "Werkbedrijf Proef");
  wb_record_editor_set_field (editor, "code", "werkbedrijf-proef");
  wb_record_editor_save (editor);
  wait_until (window, organisation_listed, "the new organisation is in the list");

  gtk_window_destroy (GTK_WINDOW (window));
  wb_test_server_stop (server);
}

/* The audit viewer: a client's trail, exported for their request; reading it is audited. */
static gboolean
audit_loaded (WbWindow *window)
{
  WbAuditView *view = wb_window_get_audit_view (window);

  return view != NULL && wb_list_view_get_loaded (WB_LIST_VIEW (view));
}

static void
test_audit_viewer (void)
{
  WbTestServer *server = wb_test_server_start (fx.db);
  WbWindow *window = new_window (server->url);
  WbLoginPage *page = wb_window_get_login_page (window);
  g_autoptr(WbRecord) me = NULL;
  g_autoptr(WbApiClient) consultant = wb_test_api_login (server->url, USERNAME, WB_DEMO_PASSWORD, &me);
  g_autoptr(WbRecord) client = own_client (consultant, me);
  g_autoptr(WbRecord) read = NULL;
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) trail = NULL;
  g_autoptr(WbApiClient) admin = NULL;
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, wb_record_get_id (client));
  WbListModel *model;
  JsonObject *newest;
  const char *text;

  read = wb_test_api_get (consultant, WB_RESOURCE_CLIENTS, wb_record_get_id (client), "a letter about the client", &error);
  g_assert_no_error (error);

  wait_until (window, is_at_sign_in, "the sign-in page is shown");
  wb_login_page_fill (page, "admin", WB_DEMO_PASSWORD);
  wb_login_page_submit (page);
  wait_until (window, is_signed_in, "signed in");
  wait_until (window, audit_loaded, "the audit is loaded");

  model = wb_list_view_get_model (WB_LIST_VIEW (wb_window_get_audit_view (window)));
  wb_list_model_set_filter (model, WB_AUDIT_FILTER_CLIENT, number);
  wb_list_model_set_filter (model, WB_AUDIT_FILTER_PERIOD, "7");
  g_assert_cmpuint (wb_list_model_get_n_shown (model), >=, 2);   /* the profile's read and the one above */
  csv = wb_list_csv_new (wb_audit_list_spec (), G_LIST_MODEL (model));
  text = g_bytes_get_data (csv, NULL);
  g_assert_nonnull (g_strstr_len (text, g_bytes_get_size (csv), "a letter about the client"));
  g_assert_nonnull (g_strstr_len (text, g_bytes_get_size (csv), "Read the full record"));

  /* Read again (F5), the viewer shows its own earlier reading, which the action filter leaves
   * out with the other reads of the audit. */
  wb_list_view_reload (WB_LIST_VIEW (wb_window_get_audit_view (window)));
  wait_until (window, audit_loaded, "the audit is loaded again");
  model = wb_list_view_get_model (WB_LIST_VIEW (wb_window_get_audit_view (window)));
  wb_list_model_reset_filters (model);
  wb_list_model_set_filter (model, WB_AUDIT_FILTER_ACTION, "audit_read");
  g_assert_cmpuint (wb_list_model_get_n_shown (model), >=, 1);
  wb_list_model_set_filter (model, WB_AUDIT_FILTER_ACTION, "-audit_read");
  g_assert_cmpuint (wb_list_model_get_n_shown (model), >=, 2);
  for (guint i = 0; i < wb_list_model_get_n_shown (model); i++)
    {
      g_autoptr(WbRecord) entry = g_list_model_get_item (G_LIST_MODEL (model), i);

      g_autofree char *when = wb_format_iso_table_date_time (wb_record_get_string (entry, "at"));

      g_assert_cmpstr (wb_record_get_string (entry, "action"), !=, "audit_read");
      /* When, at the user's clock and as a table writes dates: never the server's UTC ISO. */
      g_assert_true (g_str_has_suffix (wb_record_get_string (entry, "at"), "Z"));
      g_assert_cmpstr (wb_audit_list_spec ()->columns[WB_AUDIT_COLUMN_AT].text (entry), ==, when);
      g_assert_null (strchr (when, 'T'));
    }

  /* The viewer's reading is in the audit, by the administrator. */
  admin = wb_test_api_login (server->url, "admin", WB_DEMO_PASSWORD, NULL);
  trail = wb_test_api_request (admin, "GET", "api/v1/audit/trail?per_page=5", NULL, NULL, &error);
  g_assert_no_error (error);
  newest = json_array_get_object_element (json_object_get_array_member (json_node_get_object (trail), "items"), 1);
  g_assert_cmpstr (json_object_get_string_member (newest, "action"), ==, "audit_read");
  g_assert_cmpstr (json_object_get_string_member (newest, "username"), ==, "admin");

  gtk_window_destroy (GTK_WINDOW (window));
  wb_test_server_stop (server);
}

/* No keyring answers: the sign-in page says why the password is asked, the sign-in holds
 * for this run, and the next run asks again. */
static void
test_no_keyring (void)
{
  WbTestServer *server = wb_test_server_start (fx.db);
  WbWindow *window = new_window (server->url);
  const char *note;

  wait_until (window, is_at_sign_in, "the sign-in page is shown");
  note = wb_login_page_get_note (wb_window_get_login_page (window));
  g_assert_nonnull (note);
  g_assert_nonnull (strstr (note, "No keyring"));
  g_assert_nonnull (strstr (note, "cannot keep your sign-in between runs"));
  sign_in (window);
  g_assert_nonnull (wb_api_client_get_token (wb_session_get_api (wb_window_get_session (window))));
  gtk_window_destroy (GTK_WINDOW (window));

  /* The next run: nothing was kept, so the sign-in page again, with the same word. */
  window = new_window (server->url);
  wait_until (window, is_at_sign_in, "the sign-in page is shown again");
  g_assert_nonnull (wb_login_page_get_note (wb_window_get_login_page (window)));
  gtk_window_destroy (GTK_WINDOW (window));
  wb_test_server_stop (server);
}

/* TLS with a certificate authority of the test's own, made with openssl. */

static char *
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status;

  g_spawn_sync (fx.dir, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], err);
  return out;
}

/* A server key and certificate for @names (subjectAltName), signed by the test CA. */
static void
make_server_certificate (const char *name,
                         const char *alt_names)
{
  g_autofree char *key = g_strdup_printf ("%s.key", name);
  g_autofree char *csr = g_strdup_printf ("%s.csr", name);
  g_autofree char *pem = g_strdup_printf ("%s.pem", name);
  g_autofree char *ext = g_strdup_printf ("%s.ext", name);
  g_autofree char *ext_path = g_build_filename (fx.dir, ext, NULL);
  g_autofree char *ext_text = g_strdup_printf ("subjectAltName=%s\n", alt_names);
  const char * const request[] = { "openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                                   "-nodes", "-keyout", key, "-out", csr, "-subj", "/CN=werkbrug server", NULL };
  const char * const sign[] = { "openssl", "x509", "-req", "-in", csr, "-CA", "ca.pem", "-CAkey", "ca.key",
                                "-CAcreateserial", "-days", "2", "-extfile", ext, "-out", pem, NULL };

  g_assert_true (g_file_set_contents (ext_path, ext_text, -1, NULL));
  g_free (run (request));
  g_free (run (sign));
}

static void
make_certificates (void)
{
  g_autofree char *ca = g_build_filename (fx.dir, "ca.pem", NULL);
  const char * const make_ca[] = { "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                                   "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
                                   "-subj", "/CN=Werkbrug Test CA", NULL };

  if (g_file_test (ca, G_FILE_TEST_EXISTS))
    return;
  g_free (run (make_ca));
  make_server_certificate ("right", "IP:127.0.0.1,DNS:localhost");
  make_server_certificate ("wrong", "DNS:werkbrug.example.org");
}

static WbTestServer *
start_tls_server (const char *name)
{
  g_autofree char *pem = g_strdup_printf ("%s/%s.pem", fx.dir, name);
  g_autofree char *key = g_strdup_printf ("%s/%s.key", fx.dir, name);

  make_certificates ();
  return wb_test_server_start_tls (fx.db, pem, key);
}

static gboolean
has_error (WbWindow *window)
{
  return g_strcmp0 (wb_window_get_state (window), "login") == 0 &&
         wb_login_page_get_error (wb_window_get_login_page (window)) != NULL;
}

/* A certificate the computer does not trust: refused, and the page says why, by whom it is
 * issued, its fingerprint, and whom to ask. It does not retry by itself. */
static void
test_tls_untrusted (void)
{
  WbTestServer *server = start_tls_server ("right");
  WbWindow *window = new_window (server->url);
  g_autofree char *pem = g_build_filename (fx.dir, "right.pem", NULL);
  const char * const fingerprint_argv[] = { "openssl", "x509", "-in", pem, "-noout", "-fingerprint", "-sha256", NULL };
  g_autofree char *openssl = run (fingerprint_argv);
  const char *fingerprint = strchr (openssl, '=') + 1;
  const char *message;

  g_strchomp (openssl);
  wait_until (window, has_error, "the sign-in page says what is wrong");
  message = wb_login_page_get_error (wb_window_get_login_page (window));
  g_assert_nonnull (strstr (message, "not trusted"));
  g_assert_nonnull (strstr (message, "Werkbrug Test CA"));
  g_assert_nonnull (strstr (message, fingerprint));
  g_assert_nonnull (strstr (message, "administrator"));
  g_assert_false (wb_login_page_is_retrying (wb_window_get_login_page (window)));

  gtk_window_destroy (GTK_WINDOW (window));
  wb_test_server_stop (server);
}

/* The organisation's own CA in tls-ca-file: its certificates are accepted. */
static void
test_tls_ca_file (void)
{
  WbTestServer *server = start_tls_server ("right");
  g_autofree char *ca = g_build_filename (fx.dir, "ca.pem", NULL);
  WbWindow *window = new_window_with_ca (server->url, ca);

  sign_in (window);
  gtk_window_destroy (GTK_WINDOW (window));
  wb_test_server_stop (server);
}

/* Signed by the organisation's CA, but made out to another name: refused, and said so. */
static void
test_tls_wrong_name (void)
{
  WbTestServer *server = start_tls_server ("wrong");
  g_autofree char *ca = g_build_filename (fx.dir, "ca.pem", NULL);
  WbWindow *window = new_window_with_ca (server->url, ca);
  const char *message;

  wait_until (window, has_error, "the sign-in page says what is wrong");
  message = wb_login_page_get_error (wb_window_get_login_page (window));
  g_assert_nonnull (strstr (message, "wrong name"));
  g_assert_nonnull (strstr (message, "127.0.0.1"));
  g_assert_null (strstr (message, "not trusted"));

  gtk_window_destroy (GTK_WINDOW (window));
  wb_test_server_stop (server);
}

/* An expired certificate in words, with the date it ended. */
static void
test_tls_expired_in_words (void)
{
  g_autofree char *pem = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) until = NULL;
  g_autofree char *date = NULL;
  g_autofree char *text = NULL;

  make_certificates ();
  pem = g_build_filename (fx.dir, "right.pem", NULL);
  certificate = g_tls_certificate_new_from_file (pem, &error);
  g_assert_no_error (error);
  until = g_tls_certificate_get_not_valid_after (certificate);
  date = g_date_time_format (until, "%Y-%m-%d");
  text = wb_api_tls_describe (certificate, G_TLS_CERTIFICATE_EXPIRED, "127.0.0.1");
  g_assert_nonnull (strstr (text, "expired"));
  g_assert_nonnull (strstr (text, date));
  g_assert_null (strstr (text, "not trusted"));
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

  /* No keyring of the test session is asked (see wb-secret.c). */
  g_setenv ("WERKBRUG_KEYRING", "none", TRUE);
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_add_func ("/app-region/no-display", skip_without_display);
      return g_test_run ();
    }
  adw_init ();
  wb_application_ensure_resources ();
  wb_test_use_app_style ();
  fixture_setup ();

  g_test_add_func ("/app-region/sign-in/server-down-at-start-recovers", test_server_down_at_start);
  g_test_add_func ("/app-region/session/ended-keeps-edits-and-place", test_session_ended);
  g_test_add_func ("/app-region/sign-in/late-answer-keeps-the-sign-in", test_late_answer_keeps_sign_in);
  g_test_add_func ("/app-region/sign-in/search-at-once", test_search_after_sign_in);
  g_test_add_func ("/app-region/start/views-made-when-shown", test_views_made_when_shown);
  g_test_add_func ("/app-region/start/shortcuts-made-when-asked", test_shortcuts_made_when_asked);
  g_test_add_func ("/app-region/header/many-views-stay-in-header", test_many_views_in_header);
  g_test_add_func ("/app-region/narrow/every-role-360", test_narrow_every_role);
  g_test_add_func ("/app-region/keyring/none-says-why-keeps-for-this-run", test_no_keyring);
  g_test_add_func ("/app-region/admin/users-one-time-password-and-leaving", test_admin_users);
  g_test_add_func ("/app-region/audit/client-trail-exported-and-audited", test_audit_viewer);
  g_test_add_func ("/app-region/tls/untrusted-says-why", test_tls_untrusted);
  g_test_add_func ("/app-region/tls/ca-file-is-trusted", test_tls_ca_file);
  g_test_add_func ("/app-region/tls/wrong-name-says-so", test_tls_wrong_name);
  g_test_add_func ("/app-region/tls/expired-in-words", test_tls_expired_in_words);

  status = g_test_run ();
  fixture_teardown ();
  return status;
}
