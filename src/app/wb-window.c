/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-api-client.h"
#include "wb-demo.h"
#include "wb-embedded-backend.h"
#include "wb-labels.h"
#include "wb-login-page.h"
#include "wb-secret.h"
#include "wb-session.h"
#include "wb-clients-view.h"
#include "wb-accounts-view.h"
#include "wb-notifications-button.h"
#include "wb-review-queue.h"

#include "wb-window.h"

struct _WbWindow
{
  AdwApplicationWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  GtkStack *stack;
  AdwStatusPage *starting_page;
  GtkProgressBar *starting_progress;
  AdwStatusPage *failed_page;
  AdwViewStack *view_stack;
  GtkBox *notifications_box;
  GtkToggleButton *search_button;
  GtkLabel *user_label;
  GtkRevealer *banner_revealer;
  GtkLabel *banner_label;
  GtkButton *banner_button;
  GtkButton *banner_close;

  WbLoginPage *login_page;
  WbClientsView *clients_view;
  WbAccountsView *accounts_view;
  WbReviewQueue *review_queue;       /* in the view stack for coordinators only */
  AdwViewStackPage *queue_page;
  WbNotificationsButton *notifications;
  GBinding *search_binding;

  GSettings *settings;
  GCancellable *cancellable;
  WbEmbeddedBackend *backend;
  WbApiClient *api;
  WbSession *session;
  char *server_url;       /* configured server, NULL for the embedded one */
  char *pending_username;
};

G_DEFINE_FINAL_TYPE (WbWindow, wb_window, ADW_TYPE_APPLICATION_WINDOW)

static void start (WbWindow *self);

void
wb_window_add_toast (WbWindow   *self,
                     const char *message)
{
  g_return_if_fail (WB_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
show_banner (WbWindow   *self,
             const char *message)
{
  gtk_label_set_text (self->banner_label, message);
  gtk_revealer_set_reveal_child (self->banner_revealer, message != NULL);
}

static void
on_view_error_cb (WbClientsView *view,
                  const char    *message,
                  WbWindow      *self)
{
  show_banner (self, message);
}

static void
on_view_recovered_cb (WbClientsView *view,
                      WbWindow      *self)
{
  show_banner (self, NULL);
}

static void
on_view_toast_cb (WbClientsView *view,
                  const char    *message,
                  WbWindow      *self)
{
  wb_window_add_toast (self, message);
}

static void
on_banner_retry_cb (GtkButton *button,
                    WbWindow  *self)
{
  show_banner (self, NULL);
  wb_clients_view_retry (self->clients_view);
  wb_accounts_view_retry (self->accounts_view);
  if (self->queue_page != NULL)
    wb_review_queue_reload (self->review_queue);
}

/* The accounts and the review queue */

static void
show_account (WbWindow *self,
              gint64    employer_id)
{
  if (employer_id <= 0)
    return;
  adw_view_stack_set_visible_child (self->view_stack, GTK_WIDGET (self->accounts_view));
  wb_accounts_view_open_account (self->accounts_view, employer_id);
}

static void
on_open_account_cb (GObject  *source,
                    gint64    employer_id,
                    WbWindow *self)
{
  show_account (self, employer_id);
}

static gint64
review_employer_id (WbRecord   *review,
                    const char *member)
{
  JsonNode *node = json_object_get_member (wb_record_get_object (review), member);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return 0;
  return json_object_get_int_member_with_default (json_node_get_object (node), "id", 0);
}

static void
on_review_decided_cb (WbReviewQueue *queue,
                      WbRecord      *review,
                      WbWindow      *self)
{
  /* The decision changed the account (and a merge two): the list shows them as they are now. */
  wb_accounts_view_refresh_account (self->accounts_view, review_employer_id (review, "employer"));
  wb_accounts_view_refresh_account (self->accounts_view, review_employer_id (review, "related_employer"));
  wb_notifications_button_refresh (self->notifications);
}

/* The review queue is a page of coordinators only: for everyone else it is not in the
 * window at all, so neither the view switcher nor the accessibility tree has it. The server
 * refuses the others anyway. */
static GtkWidget *
find_named_descendant (GtkWidget  *widget,
                       const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named_descendant (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

gboolean
wb_window_show_queue_shortcuts (GtkShortcutsWindow *overlay,
                                gboolean            visible)
{
  GtkWidget *group;

  g_return_val_if_fail (GTK_IS_SHORTCUTS_WINDOW (overlay), FALSE);

  group = find_named_descendant (GTK_WIDGET (overlay), "review-queue");
  if (group == NULL)
    return FALSE;
  gtk_widget_set_visible (group, visible);
  return TRUE;
}

static void
set_queue_visible (WbWindow *self,
                   gboolean  visible)
{
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (self));

  /* Its keyboard shortcuts too. */
  if (overlay != NULL)
    wb_window_show_queue_shortcuts (overlay, visible);

  if (visible && self->queue_page == NULL)
    {
      self->queue_page = adw_view_stack_add_titled (self->view_stack, GTK_WIDGET (self->review_queue), "reviews",
                                                    _("Review Queue"));
      adw_view_stack_page_set_icon_name (self->queue_page, "task-due-symbolic");
      g_object_bind_property (self->review_queue, "n-open", self->queue_page, "badge-number", G_BINDING_SYNC_CREATE);
    }
  else if (!visible && self->queue_page != NULL)
    {
      adw_view_stack_remove (self->view_stack, GTK_WIDGET (self->review_queue));
      self->queue_page = NULL;
    }
}

/* The search button and Ctrl+F work on the page that is shown. */
static void
on_visible_page_cb (AdwViewStack *stack,
                    GParamSpec   *pspec,
                    WbWindow     *self)
{
  GtkWidget *page = adw_view_stack_get_visible_child (stack);
  gboolean searchable = page == GTK_WIDGET (self->clients_view) || page == GTK_WIDGET (self->accounts_view);

  g_clear_pointer (&self->search_binding, g_binding_unbind);
  gtk_widget_set_visible (GTK_WIDGET (self->search_button), searchable);
  if (searchable)
    self->search_binding = g_object_bind_property (self->search_button, "active", page, "search-mode",
                                                   G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
}

static void
on_banner_close_cb (GtkButton *button,
                    WbWindow  *self)
{
  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
}

static void
show_failure (WbWindow   *self,
              const char *title,
              const char *message)
{
  adw_status_page_set_title (self->failed_page, title);
  adw_status_page_set_description (self->failed_page, message);
  gtk_stack_set_visible_child_name (self->stack, "failed");
}

/* Signing in */

static void
on_session_loaded_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(WbWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!wb_session_load_finish (WB_SESSION (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      wb_login_page_set_busy (self->login_page, FALSE);
      wb_login_page_set_error (self->login_page, error->message);
      g_clear_object (&self->session);
      return;
    }

  wb_login_page_set_busy (self->login_page, FALSE);
  wb_window_show_session (self, self->session);
}

void
wb_window_show_session (WbWindow  *self,
                        WbSession *session)
{
  WbRecord *me;
  g_autofree char *who = NULL;
  const char *org;

  g_return_if_fail (WB_IS_WINDOW (self));
  g_return_if_fail (WB_IS_SESSION (session));

  g_set_object (&self->session, session);
  me = wb_session_get_me (self->session);
  org = wb_session_lookup_name (self->session, WB_RESOURCE_ORGANISATIONS, wb_session_get_organisation_id (self->session));
  who = g_strdup_printf ("%s · %s%s%s", wb_record_get_string (me, "display_name"),
                         wb_label_for_role (wb_record_get_string (me, "role")),
                         org != NULL ? " · " : "", org != NULL ? org : "");
  gtk_label_set_text (self->user_label, who);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->user_label), who);

  show_banner (self, NULL);
  gtk_stack_set_visible_child_name (self->stack, "main");
  wb_clients_view_set_session (self->clients_view, self->session);
  wb_accounts_view_set_session (self->accounts_view, self->session);
  wb_notifications_button_set_session (self->notifications, self->session);
  set_queue_visible (self, wb_session_get_role (self->session) == WB_ROLE_COORDINATOR);
  wb_review_queue_set_session (self->review_queue, self->queue_page != NULL ? self->session : NULL);
}

static void
begin_session (WbWindow *self,
               WbRecord *me)
{
  g_clear_object (&self->session);
  self->session = wb_session_new (self->api, me);
  wb_session_load_async (self->session, self->cancellable, on_session_loaded_cb, g_object_ref (self));
}

static void
on_token_stored_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!wb_secret_store_token_finish (result, &error))
    g_debug ("The token was not kept in the keyring: %s", error->message);
}

static void
on_login_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(WbWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbRecord) me = NULL;

  me = wb_api_client_login_finish (WB_API_CLIENT (source), result, &error);
  if (me == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      wb_login_page_set_busy (self->login_page, FALSE);
      if (g_error_matches (error, WB_API_ERROR, 401))
        wb_login_page_set_error (self->login_page, _("The user name or password is not right."));
      else
        wb_login_page_set_error (self->login_page, error->message);
      return;
    }

  if (self->server_url != NULL)
    {
      g_settings_set_string (self->settings, "last-username", self->pending_username);
      wb_secret_store_token_async (self->server_url, self->pending_username,
                                   wb_api_client_get_token (self->api), NULL, on_token_stored_cb, NULL);
    }
  begin_session (self, me);
}

static void
on_login_requested_cb (WbLoginPage *page,
                       const char  *username,
                       const char  *password,
                       WbWindow    *self)
{
  g_return_if_fail (self->api != NULL);

  g_free (self->pending_username);
  self->pending_username = g_strdup (username);
  wb_login_page_set_busy (self->login_page, TRUE);
  wb_api_client_login_async (self->api, username, password, self->cancellable, on_login_cb, g_object_ref (self));
}

static void
show_login (WbWindow *self)
{
  if (self->backend != NULL)
    wb_login_page_set_demo_users (self->login_page, wb_embedded_backend_get_demo_users (self->backend),
                                  WB_DEMO_PASSWORD);
  else
    {
      g_autofree char *last = g_settings_get_string (self->settings, "last-username");

      wb_login_page_set_server (self->login_page, self->server_url, last);
    }
  wb_login_page_set_busy (self->login_page, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "login");
}

/* Starting: the embedded backend, or a configured server with a kept token. */

static void
write_url_file (const char *url)
{
  const char *path = g_getenv ("WERKBRUG_URL_FILE");
  g_autoptr(GError) error = NULL;

  /* For tests and scripts that talk to the embedded server next to the application. */
  if (path != NULL && !g_file_set_contents (path, url, -1, &error))
    g_warning ("Could not write %s: %s", path, error->message);
}

static void
on_backend_progress_cb (WbEmbeddedBackend *backend,
                        const char        *stage,
                        double             fraction,
                        WbWindow          *self)
{
  g_autofree char *text = g_strdup_printf ("%s — %.0f %%", stage, fraction * 100);

  adw_status_page_set_description (self->starting_page, _("Preparing the demo data for South Limburg. This happens once."));
  gtk_progress_bar_set_fraction (self->starting_progress, fraction);
  gtk_progress_bar_set_text (self->starting_progress, text);
}

static void
on_backend_started_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(WbWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!wb_embedded_backend_start_finish (WB_EMBEDDED_BACKEND (source), result, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The built-in server did not start: %s"), error->message);

      g_clear_object (&self->backend);
      show_failure (self, _("Werkbrug Could Not Start"), message);
      return;
    }

  write_url_file (wb_embedded_backend_get_url (self->backend));
  g_clear_object (&self->api);
  self->api = wb_api_client_new (wb_embedded_backend_get_url (self->backend));
  show_login (self);
}

static void
on_me_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(WbWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbRecord) me = wb_api_client_me_finish (WB_API_CLIENT (source), result, &error);

  if (me == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (g_error_matches (error, WB_API_ERROR, 401))
        wb_secret_clear_token (self->server_url);
      wb_api_client_set_token (self->api, NULL);
      show_login (self);
      if (g_error_matches (error, WB_API_ERROR, WB_API_ERROR_NETWORK))
        wb_login_page_set_error (self->login_page, error->message);
      return;
    }
  begin_session (self, me);
}

static void
on_token_found_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(WbWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = wb_secret_lookup_token_finish (result, &error);

  if (token == NULL)
    {
      if (error != NULL)
        g_debug ("No keyring: %s", error->message);
      show_login (self);
      return;
    }
  wb_api_client_set_token (self->api, token);
  wb_api_client_me_async (self->api, self->cancellable, on_me_cb, g_object_ref (self));
}

static void
start (WbWindow *self)
{
  g_autofree char *url = g_settings_get_string (self->settings, "server-url");

  g_clear_pointer (&self->server_url, g_free);
  g_clear_object (&self->api);

  if (*url == '\0')
    {
      if (self->backend != NULL)
        {
          self->api = wb_api_client_new (wb_embedded_backend_get_url (self->backend));
          show_login (self);
          return;
        }
      gtk_progress_bar_set_fraction (self->starting_progress, 0.0);
      gtk_stack_set_visible_child_name (self->stack, "starting");
      self->backend = wb_embedded_backend_new (NULL);
      g_signal_connect (self->backend, "progress", G_CALLBACK (on_backend_progress_cb), self);
      wb_embedded_backend_start_async (self->backend, self->cancellable, on_backend_started_cb, g_object_ref (self));
      return;
    }

  /* A configured server replaces the embedded one. */
  if (self->backend != NULL)
    {
      wb_embedded_backend_stop (self->backend);
      g_clear_object (&self->backend);
    }
  self->server_url = g_steal_pointer (&url);
  self->api = wb_api_client_new (self->server_url);
  adw_status_page_set_description (self->starting_page, self->server_url);
  gtk_stack_set_visible_child_name (self->stack, "starting");
  wb_secret_lookup_token_async (self->server_url, self->cancellable, on_token_found_cb, g_object_ref (self));
}

/* Actions */

static void
on_logout_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!wb_api_client_logout_finish (WB_API_CLIENT (source), result, &error))
    g_debug ("Sign-out: %s", error->message);
}

static void
logout_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WbWindow *self = WB_WINDOW (widget);

  if (self->session == NULL)
    return;
  wb_clients_view_set_session (self->clients_view, NULL);
  wb_accounts_view_set_session (self->accounts_view, NULL);
  wb_notifications_button_set_session (self->notifications, NULL);
  wb_review_queue_set_session (self->review_queue, NULL);
  set_queue_visible (self, FALSE);
  adw_view_stack_set_visible_child (self->view_stack, GTK_WIDGET (self->clients_view));
  g_clear_object (&self->session);
  if (self->server_url != NULL)
    wb_secret_clear_token (self->server_url);
  wb_api_client_logout_async (self->api, NULL, on_logout_done_cb, NULL);
  show_banner (self, NULL);
  gtk_toggle_button_set_active (self->search_button, FALSE);
  /* A changed server address takes effect here. */
  start (self);
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  start (WB_WINDOW (widget));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WbWindow *self = WB_WINDOW (widget);

  if (self->session == NULL)
    return;
  if (adw_view_stack_get_visible_child (self->view_stack) == GTK_WIDGET (self->accounts_view))
    {
      gtk_toggle_button_set_active (self->search_button, TRUE);
      wb_accounts_view_focus_search (self->accounts_view);
      return;
    }
  if (self->queue_page != NULL &&
      adw_view_stack_get_visible_child (self->view_stack) == GTK_WIDGET (self->review_queue))
    {
      wb_review_queue_focus_filter (self->review_queue);
      return;
    }
  if (adw_view_stack_get_visible_child (self->view_stack) != GTK_WIDGET (self->clients_view))
    return;
  gtk_toggle_button_set_active (self->search_button, TRUE);
  wb_clients_view_focus_search (self->clients_view);
}

static void
save_window_state (WbWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (self->settings, "window-width", MAX (width, 360));
  g_settings_set_int (self->settings, "window-height", MAX (height, 300));
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
}

static gboolean
wb_window_close_request (GtkWindow *window)
{
  WbWindow *self = WB_WINDOW (window);

  if (wb_clients_view_has_unsaved_edits (self->clients_view))
    {
      /* The editor stays open with the edits; the user decides there. */
      wb_clients_view_present_editor (self->clients_view);
      wb_window_add_toast (self, _("Save or cancel the open edit before closing Werkbrug"));
      return TRUE;
    }
  if (wb_accounts_view_has_unsaved_edits (self->accounts_view))
    {
      wb_accounts_view_present_editor (self->accounts_view);
      wb_window_add_toast (self, _("Save or cancel the open edit before closing Werkbrug"));
      return TRUE;
    }
  save_window_state (self);
  return GTK_WINDOW_CLASS (wb_window_parent_class)->close_request (window);
}

static void
wb_window_dispose (GObject *object)
{
  WbWindow *self = (WbWindow *) object;

  g_cancellable_cancel (self->cancellable);
  if (self->backend != NULL)
    wb_embedded_backend_stop (self->backend);
  g_clear_object (&self->backend);

  g_clear_pointer (&self->search_binding, g_binding_unbind);
  gtk_widget_dispose_template (GTK_WIDGET (self), WB_TYPE_WINDOW);
  g_clear_object (&self->review_queue);

  g_clear_object (&self->session);
  g_clear_object (&self->api);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->server_url, g_free);
  g_clear_pointer (&self->pending_username, g_free);

  G_OBJECT_CLASS (wb_window_parent_class)->dispose (object);
}

static void
wb_window_class_init (WbWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = wb_window_dispose;
  window_class->close_request = wb_window_close_request;

  g_type_ensure (WB_TYPE_CLIENTS_VIEW);
  g_type_ensure (WB_TYPE_ACCOUNTS_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/nl/werkbrug/Werkbrug/ui/wb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WbWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, WbWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, WbWindow, starting_page);
  gtk_widget_class_bind_template_child (widget_class, WbWindow, starting_progress);
  gtk_widget_class_bind_template_child (widget_class, WbWindow, failed_page);
  gtk_widget_class_bind_template_child (widget_class, WbWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, WbWindow, notifications_box);
  gtk_widget_class_bind_template_child (widget_class, WbWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, WbWindow, user_label);
  gtk_widget_class_bind_template_child (widget_class, WbWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, WbWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, WbWindow, banner_button);
  gtk_widget_class_bind_template_child (widget_class, WbWindow, banner_close);

  gtk_widget_class_install_action (widget_class, "win.logout", NULL, logout_action);
  gtk_widget_class_install_action (widget_class, "win.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
}

static void
wb_window_init (WbWindow *self)
{
  AdwViewStackPage *page;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

  self->login_page = wb_login_page_new ();
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->login_page), "login");
  g_signal_connect (self->login_page, "login", G_CALLBACK (on_login_requested_cb), self);

  self->clients_view = wb_clients_view_new ();
  page = adw_view_stack_add_titled (self->view_stack, GTK_WIDGET (self->clients_view), "clients", _("Clients"));
  adw_view_stack_page_set_icon_name (page, "system-users-symbolic");
  g_signal_connect (self->clients_view, "backend-error", G_CALLBACK (on_view_error_cb), self);
  g_signal_connect (self->clients_view, "backend-recovered", G_CALLBACK (on_view_recovered_cb), self);
  g_signal_connect (self->clients_view, "toast", G_CALLBACK (on_view_toast_cb), self);

  self->accounts_view = wb_accounts_view_new ();
  page = adw_view_stack_add_titled (self->view_stack, GTK_WIDGET (self->accounts_view), "accounts", _("Accounts"));
  adw_view_stack_page_set_icon_name (page, "x-office-address-book-symbolic");
  g_signal_connect (self->accounts_view, "backend-error", G_CALLBACK (on_view_error_cb), self);
  g_signal_connect (self->accounts_view, "backend-recovered", G_CALLBACK (on_view_recovered_cb), self);
  g_signal_connect (self->accounts_view, "toast", G_CALLBACK (on_view_toast_cb), self);

  /* Kept while it is out of the stack, for the next coordinator who signs in. */
  self->review_queue = g_object_ref_sink (wb_review_queue_new ());
  g_signal_connect (self->review_queue, "backend-error", G_CALLBACK (on_view_error_cb), self);
  g_signal_connect (self->review_queue, "backend-recovered", G_CALLBACK (on_view_recovered_cb), self);
  g_signal_connect (self->review_queue, "toast", G_CALLBACK (on_view_toast_cb), self);
  g_signal_connect (self->review_queue, "decided", G_CALLBACK (on_review_decided_cb), self);
  g_signal_connect (self->review_queue, "open-account", G_CALLBACK (on_open_account_cb), self);

  self->notifications = wb_notifications_button_new ();
  gtk_box_append (self->notifications_box, GTK_WIDGET (self->notifications));
  g_signal_connect (self->notifications, "open-employer", G_CALLBACK (on_open_account_cb), self);

  g_signal_connect (self->view_stack, "notify::visible-child", G_CALLBACK (on_visible_page_cb), self);
  on_visible_page_cb (self->view_stack, NULL, self);

  g_signal_connect (self->banner_button, "clicked", G_CALLBACK (on_banner_retry_cb), self);
  g_signal_connect (self->banner_close, "clicked", G_CALLBACK (on_banner_close_cb), self);
}

WbWindow *
wb_window_new (WbApplication *application)
{
  WbWindow *self;
  GSettings *settings = wb_application_get_settings (application);

  self = g_object_new (WB_TYPE_WINDOW, "application", application, NULL);
  self->settings = g_object_ref (settings);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  start (self);
  return self;
}
