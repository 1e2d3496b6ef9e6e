/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-a11y.h"
#include "wb-api-client.h"
#include "wb-demo.h"
#include "wb-embedded-backend.h"
#include "wb-labels.h"
#include "wb-login-page.h"
#include "wb-menu-button.h"
#include "wb-secret.h"
#include "wb-session.h"
#include "wb-stack.h"
#include "wb-clients-view.h"
#include "wb-accounts-view.h"
#include "wb-notifications-button.h"
#include "wb-view-switcher-grid.h"
#include "wb-monitor-view.h"
#include "wb-review-queue.h"
#include "wb-vacancies-view.h"
#include "wb-users-view.h"
#include "wb-organisations-view.h"
#include "wb-audit-view.h"

#include "wb-window.h"

struct _WbWindow
{
  AdwApplicationWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  GtkLabel *toast_status;
  GtkStack *stack;
  AdwStatusPage *starting_page;
  guint starting_icon_id;
  GtkProgressBar *starting_progress;
  AdwStatusPage *failed_page;
  AdwViewStack *view_stack;
  GtkBox *notifications_box;
  GtkToggleButton *search_button;
  GtkMenuButton *main_menu_button;
  GMenuModel *primary_menu;
  GtkLabel *user_label;
  GtkLabel *user_name_label;
  AdwSqueezer *switcher_title;      /* the header's switcher, or the window's title */
  WbViewSwitcherGrid *header_switcher;
  GtkWidget *window_title;
  GtkRevealer *narrow_switcher_revealer;
  WbViewSwitcherGrid *narrow_switcher;
  GtkRevealer *banner_revealer;
  GtkLabel *banner_label;
  GtkButton *banner_button;
  GtkButton *banner_close;

  WbLoginPage *login_page;
  WbClientsView *clients_view;
  /* Made the first time they are needed (ensure_accounts, ensure_vacancies, ensure_monitor),
   * in their pages' slots: a start makes only the view it shows. */
  WbAccountsView *accounts_view;
  WbVacanciesView *vacancies_view;
  WbMonitorView *monitor_view;
  GtkWidget *accounts_slot;
  GtkWidget *vacancies_slot;
  GtkWidget *monitor_slot;
  /* Hidden for analysts, who see aggregates only. */
  AdwViewStackPage *clients_page;
  AdwViewStackPage *accounts_page;
  AdwViewStackPage *vacancies_page;
  WbReviewQueue *review_queue;       /* in the view stack for coordinators only */
  AdwViewStackPage *queue_page;
  WbUsersView *users_view;           /* in the view stack for who may manage users only */
  AdwViewStackPage *users_page;
  WbOrganisationsView *organisations_view;
  AdwViewStackPage *organisations_page;
  WbAuditView *audit_view;           /* for who may read the audit */
  AdwViewStackPage *audit_page;
  WbNotificationsButton *notifications;
  GBinding *search_binding;

  GSettings *settings;
  GCancellable *cancellable;
  WbEmbeddedBackend *backend;
  WbApiClient *api;
  WbSession *session;
  char *server_url;       /* configured server, NULL for the embedded one */
  char *pending_username;
  char *ca_problem;       /* why tls-ca-file could not be used, or NULL */
  char *no_keyring;       /* why no keyring answers, or NULL */

  /* The session ended while the user worked: the sign-in page is shown over the views as
   * they were, and the open editors wait hidden until the same user is back. */
  gboolean signing_in_again;
  GPtrArray *held_windows;
};

G_DEFINE_FINAL_TYPE (WbWindow, wb_window, ADW_TYPE_APPLICATION_WINDOW)

static void start (WbWindow *self);
static WbAccountsView *ensure_accounts (WbWindow *self);
static WbVacanciesView *ensure_vacancies (WbWindow *self);
static void check_server (WbWindow *self);
static void show_login (WbWindow *self);
static void show_sign_in_error (WbWindow *self, const GError *error);
static void on_login_requested_cb (WbLoginPage *page, const char *username, const char *password,
                                   WbWindow *self);
static void on_login_retry_cb (WbLoginPage *page, WbWindow *self);

/* The sign-in page, made when first needed: a launch that restores the sign-in kept in the
 * keyring never shows it, and a page in the window's stack is styled and measured with the
 * window whether it is shown or not. It stays hidden until show_login shows it. */
static WbLoginPage *
login_page (WbWindow *self)
{
  if (self->login_page == NULL)
    {
      self->login_page = wb_login_page_new ();
      gtk_widget_set_visible (GTK_WIDGET (self->login_page), FALSE);
      gtk_stack_add_named (self->stack, GTK_WIDGET (self->login_page), "login");
      g_signal_connect (self->login_page, "login", G_CALLBACK (on_login_requested_cb), self);
      g_signal_connect (self->login_page, "retry", G_CALLBACK (on_login_retry_cb), self);
    }
  return self->login_page;
}

/* Nothing to do on a sign-in page that was never made. */
static void
login_page_set_idle (WbWindow *self)
{
  if (self->login_page != NULL)
    wb_login_page_set_busy (self->login_page, FALSE);
}

/* What a toast says, for a screen reader (libadwaita 1.2's toasts have no role): a label
 * with the role "status", mapped so that it is in the accessibility tree, but not seen. It
 * lies over the pages, and an overlay's child does not count towards the window's size. */
static void
add_toast_status (WbWindow *self)
{
  GtkWidget *overlay = gtk_overlay_new ();
  GtkWidget *pages = GTK_WIDGET (self->stack);

  g_object_ref (pages);
  adw_toast_overlay_set_child (self->toast_overlay, overlay);
  gtk_overlay_set_child (GTK_OVERLAY (overlay), pages);
  g_object_unref (pages);
  self->toast_status = GTK_LABEL (g_object_new (GTK_TYPE_LABEL,
                                                "accessible-role", GTK_ACCESSIBLE_ROLE_STATUS,
                                                "opacity", 0.0,
                                                "can-target", FALSE,
                                                "can-focus", FALSE,
                                                "halign", GTK_ALIGN_START,
                                                "valign", GTK_ALIGN_START,
                                                "ellipsize", PANGO_ELLIPSIZE_END,
                                                "max-width-chars", 1,
                                                NULL));
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), GTK_WIDGET (self->toast_status));
  wb_a11y_set_toast_status (self->toast_overlay, self->toast_status);
}

void
wb_window_add_toast (WbWindow   *self,
                     const char *message)
{
  g_return_if_fail (WB_IS_WINDOW (self));
  wb_a11y_add_toast (GTK_WIDGET (self->toast_overlay), adw_toast_new (message));
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

/* A view's requests tell the window when the server fails and recovers, and its messages. */
static void
follow_view (WbWindow  *self,
             GtkWidget *view)
{
  g_signal_connect (view, "backend-error", G_CALLBACK (on_view_error_cb), self);
  g_signal_connect (view, "backend-recovered", G_CALLBACK (on_view_recovered_cb), self);
  g_signal_connect (view, "toast", G_CALLBACK (on_view_toast_cb), self);
}

static void
on_banner_retry_cb (GtkButton *button,
                    WbWindow  *self)
{
  show_banner (self, NULL);
  wb_clients_view_retry (self->clients_view);
  if (self->accounts_view != NULL)
    wb_accounts_view_retry (self->accounts_view);
  if (self->vacancies_view != NULL)
    wb_list_view_retry (WB_LIST_VIEW (self->vacancies_view));
  if (self->queue_page != NULL)
    wb_review_queue_reload (self->review_queue);
  if (self->users_page != NULL)
    wb_list_view_retry (WB_LIST_VIEW (self->users_view));
  if (self->organisations_page != NULL)
    wb_list_view_retry (WB_LIST_VIEW (self->organisations_view));
  if (self->audit_page != NULL)
    wb_list_view_retry (WB_LIST_VIEW (self->audit_view));
}

/* The accounts and the review queue */

static void
show_account (WbWindow *self,
              gint64    employer_id)
{
  if (employer_id <= 0)
    return;
  adw_view_stack_set_visible_child (self->view_stack, self->accounts_slot);
  wb_accounts_view_open_account (ensure_accounts (self), employer_id);
}

static void
on_open_account_cb (GObject  *source,
                    gint64    employer_id,
                    WbWindow *self)
{
  show_account (self, employer_id);
}

/* Vacancies: the account page takes one in and opens them; the vacancy page opens its
 * employer's account. */

static void
show_vacancy (WbWindow *self,
              gint64    vacancy_id)
{
  if (vacancy_id <= 0)
    return;
  adw_view_stack_set_visible_child (self->view_stack, self->vacancies_slot);
  wb_vacancies_view_open_vacancy (ensure_vacancies (self), vacancy_id);
}

static void
on_open_vacancy_cb (GObject  *source,
                    gint64    vacancy_id,
                    WbWindow *self)
{
  show_vacancy (self, vacancy_id);
}

static void
on_vacancy_taken_in_cb (GtkWindow *editor,
                        WbRecord  *vacancy,
                        WbWindow  *self)
{
  /* The account counts its open vacancies and lists them. */
  if (self->accounts_view != NULL)
    wb_accounts_view_refresh_account (self->accounts_view, wb_record_get_int (vacancy, "employer_id"));
}

static void
on_new_vacancy_cb (GObject  *source,
                   WbRecord *employer,
                   WbWindow *self)
{
  GtkWindow *editor = wb_vacancies_view_new_vacancy (ensure_vacancies (self), employer);

  if (editor != NULL)
    g_signal_connect_object (editor, "saved", G_CALLBACK (on_vacancy_taken_in_cb), self, 0);
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
  if (self->accounts_view != NULL)
    {
      wb_accounts_view_refresh_account (self->accounts_view, review_employer_id (review, "employer"));
      wb_accounts_view_refresh_account (self->accounts_view, review_employer_id (review, "related_employer"));
    }
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

/* A view only some roles have (the review queue, users, organisations, audit): made the
 * first time a role needs it, and kept while it is out of the stack, for the next user of
 * such a role. @view is the window's field. */
static void
ensure_role_view (WbWindow   *self,
                  GtkWidget **view,
                  GType       type)
{
  if (*view != NULL)
    return;
  *view = g_object_ref_sink (g_object_new (type, NULL));
  follow_view (self, *view);
  if (WB_IS_REVIEW_QUEUE (*view))
    {
      g_signal_connect (*view, "decided", G_CALLBACK (on_review_decided_cb), self);
      g_signal_connect (*view, "open-account", G_CALLBACK (on_open_account_cb), self);
    }
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
      ensure_role_view (self, (GtkWidget **) &self->review_queue, WB_TYPE_REVIEW_QUEUE);
      self->queue_page = adw_view_stack_add_titled (self->view_stack, GTK_WIDGET (self->review_queue), "reviews",
                                                    _("Review Queue"));
      adw_view_stack_page_set_icon_name (self->queue_page, "task-due-symbolic");
      /* Not shown yet: not read out either. */
      wb_a11y_hide_unmapped (GTK_WIDGET (self->review_queue));
      g_object_bind_property (self->review_queue, "n-open", self->queue_page, "badge-number", G_BINDING_SYNC_CREATE);
    }
  else if (!visible && self->queue_page != NULL)
    {
      adw_view_stack_remove (self->view_stack, GTK_WIDGET (self->review_queue));
      self->queue_page = NULL;
    }
}

/* Administration: the users, for a role the policy lets create them (admins). */
static void
set_users_visible (WbWindow *self,
                   gboolean  visible)
{
  if (visible && self->users_page == NULL)
    {
      ensure_role_view (self, (GtkWidget **) &self->users_view, WB_TYPE_USERS_VIEW);
      self->users_page = adw_view_stack_add_titled (self->view_stack, GTK_WIDGET (self->users_view), "users",
                                                    _("Users"));
      adw_view_stack_page_set_icon_name (self->users_page, "system-users-symbolic");
    }
  else if (!visible && self->users_page != NULL)
    {
      adw_view_stack_remove (self->view_stack, GTK_WIDGET (self->users_view));
      self->users_page = NULL;
    }
}

static void
set_audit_visible (WbWindow *self,
                   gboolean  visible)
{
  if (visible && self->audit_page == NULL)
    {
      ensure_role_view (self, (GtkWidget **) &self->audit_view, WB_TYPE_AUDIT_VIEW);
      self->audit_page = adw_view_stack_add_titled (self->view_stack, GTK_WIDGET (self->audit_view), "audit", _("Audit"));
      adw_view_stack_page_set_icon_name (self->audit_page, "security-high-symbolic");
    }
  else if (!visible && self->audit_page != NULL)
    {
      adw_view_stack_remove (self->view_stack, GTK_WIDGET (self->audit_view));
      self->audit_page = NULL;
    }
}

static void
set_organisations_visible (WbWindow *self,
                           gboolean  visible)
{
  if (visible && self->organisations_page == NULL)
    {
      ensure_role_view (self, (GtkWidget **) &self->organisations_view, WB_TYPE_ORGANISATIONS_VIEW);
      self->organisations_page = adw_view_stack_add_titled (self->view_stack, GTK_WIDGET (self->organisations_view),
                                                            "organisations", _("Organisations"));
      adw_view_stack_page_set_icon_name (self->organisations_page, "x-office-address-book-symbolic");
    }
  else if (!visible && self->organisations_page != NULL)
    {
      adw_view_stack_remove (self->view_stack, GTK_WIDGET (self->organisations_view));
      self->organisations_page = NULL;
    }
}

/* The pages of Accounts, Vacancies and Monitor: slots in the view stack that take their
 * view in the first time it is needed (its page shown, an account or vacancy opened from
 * elsewhere), with the session of that moment. Making every view at the start cost more than
 * half of the window's making; a user starts on one page. */
static GtkWidget *
add_slot (WbWindow          *self,
          const char        *name,
          const char        *title,
          const char        *icon_name,
          AdwViewStackPage **page)
{
  GtkWidget *slot = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  AdwViewStackPage *added = adw_view_stack_add_titled (self->view_stack, slot, name, title);

  adw_view_stack_page_set_icon_name (added, icon_name);
  if (page != NULL)
    *page = added;
  return slot;
}

static void
fill_slot (GtkWidget *slot,
           GtkWidget *view)
{
  gtk_widget_set_hexpand (view, TRUE);
  gtk_widget_set_vexpand (view, TRUE);
  gtk_box_append (GTK_BOX (slot), view);
}

static WbAccountsView *
ensure_accounts (WbWindow *self)
{
  WbRecordPage *page;

  if (self->accounts_view != NULL)
    return self->accounts_view;
  self->accounts_view = wb_accounts_view_new ();
  follow_view (self, GTK_WIDGET (self->accounts_view));
  page = wb_list_view_get_page (WB_LIST_VIEW (self->accounts_view));
  g_signal_connect (page, "new-vacancy", G_CALLBACK (on_new_vacancy_cb), self);
  g_signal_connect (page, "open-vacancy", G_CALLBACK (on_open_vacancy_cb), self);
  /* The list remembers whose rows it shows. */
  if (self->settings != NULL)
    wb_list_view_set_settings (WB_LIST_VIEW (self->accounts_view), self->settings);
  fill_slot (self->accounts_slot, GTK_WIDGET (self->accounts_view));
  if (self->session != NULL)
    wb_accounts_view_set_session (self->accounts_view, self->session);
  return self->accounts_view;
}

static WbVacanciesView *
ensure_vacancies (WbWindow *self)
{
  if (self->vacancies_view != NULL)
    return self->vacancies_view;
  self->vacancies_view = wb_vacancies_view_new ();
  follow_view (self, GTK_WIDGET (self->vacancies_view));
  g_signal_connect (self->vacancies_view, "open-employer", G_CALLBACK (on_open_account_cb), self);
  fill_slot (self->vacancies_slot, GTK_WIDGET (self->vacancies_view));
  if (self->session != NULL)
    wb_vacancies_view_set_session (self->vacancies_view, self->session);
  return self->vacancies_view;
}

static WbMonitorView *
ensure_monitor (WbWindow *self)
{
  if (self->monitor_view != NULL)
    return self->monitor_view;
  self->monitor_view = WB_MONITOR_VIEW (wb_monitor_view_new ());
  fill_slot (self->monitor_slot, GTK_WIDGET (self->monitor_view));
  if (self->session != NULL)
    wb_monitor_view_set_session (self->monitor_view, self->session);
  return self->monitor_view;
}

/* The switcher at the bottom takes the views' buttons when it is first revealed: hidden in
 * its revealer, GTK 4.8 still makes, styles and measures them at every start. */
static void
on_narrow_switcher_reveal_cb (GtkRevealer *revealer,
                              GParamSpec  *pspec,
                              WbWindow    *self)
{
  if (gtk_revealer_get_reveal_child (revealer))
    wb_view_switcher_grid_set_stack (self->narrow_switcher, self->view_stack);
}

/* Where the header shows the window's title, its switcher did not fit: the bottom's does. */
static void
on_switcher_squeezed_cb (AdwSqueezer *squeezer,
                         GParamSpec  *pspec,
                         WbWindow    *self)
{
  gtk_revealer_set_reveal_child (self->narrow_switcher_revealer,
                                 adw_squeezer_get_visible_child (squeezer) == self->window_title);
}

/* The view on the page that is shown, made if it is a slot's that was not needed before. */
static GtkWidget *
visible_view (WbWindow *self)
{
  GtkWidget *page = adw_view_stack_get_visible_child (self->view_stack);

  if (page == NULL)
    return NULL;
  if (page == self->accounts_slot)
    return GTK_WIDGET (ensure_accounts (self));
  if (page == self->vacancies_slot)
    return GTK_WIDGET (ensure_vacancies (self));
  if (page == self->monitor_slot)
    return GTK_WIDGET (ensure_monitor (self));
  return page;
}

/* The search button and Ctrl+F work on the list that is shown (the review queue has
 * filters, no search). */
static void
on_visible_page_cb (AdwViewStack *stack,
                    GParamSpec   *pspec,
                    WbWindow     *self)
{
  GtkWidget *page = visible_view (self);
  gboolean searchable = WB_IS_LIST_VIEW (page) && !WB_IS_REVIEW_QUEUE (page);

  g_clear_pointer (&self->search_binding, g_binding_unbind);
  gtk_widget_set_visible (GTK_WIDGET (self->search_button), searchable);
  if (searchable)
    self->search_binding = g_object_bind_property (self->search_button, "active", page, "search-mode",
                                                   G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
}

/* The Search button shows the search of the list on screen. Where the list is folded away
 * behind a record page, its search bar may be open and still out of sight: pressing the
 * button then goes back to the list with the search open and focused, as Ctrl+F does,
 * instead of closing a search bar nobody sees. */
static void
on_search_clicked_cb (GtkButton *button,
                      WbWindow  *self)
{
  GtkWidget *page = visible_view (self);

  if (!WB_IS_LIST_VIEW (page))
    return;
  if (gtk_toggle_button_get_active (self->search_button) || !wb_list_view_showing_list (WB_LIST_VIEW (page)))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.search", NULL);
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
  wb_stack_show_page (self->stack, "failed", gtk_stack_get_transition_type (self->stack));
}

/* An analyst sees aggregates only: the monitor is the whole window, and the page after
 * signing in. The others keep the page they were on. */
static void
show_pages_of_role (WbWindow *self)
{
  gboolean persons = wb_session_get_role (self->session) != WB_ROLE_ANALYST;

  adw_view_stack_page_set_visible (self->clients_page, persons);
  adw_view_stack_page_set_visible (self->accounts_page, persons);
  adw_view_stack_page_set_visible (self->vacancies_page, persons);
  if (!persons)
    adw_view_stack_set_visible_child (self->view_stack, self->monitor_slot);
}

/* Signing in */

static void
reset_views (WbWindow *self)
{
  wb_clients_view_set_session (self->clients_view, NULL);
  if (self->accounts_view != NULL)
    wb_accounts_view_set_session (self->accounts_view, NULL);
  if (self->vacancies_view != NULL)
    wb_vacancies_view_set_session (self->vacancies_view, NULL);
  wb_notifications_button_set_session (self->notifications, NULL);
  if (self->review_queue != NULL)
    wb_review_queue_set_session (self->review_queue, NULL);
  if (self->monitor_view != NULL)
    wb_monitor_view_set_session (self->monitor_view, NULL);
  set_queue_visible (self, FALSE);
  adw_view_stack_page_set_visible (self->clients_page, TRUE);
  adw_view_stack_page_set_visible (self->accounts_page, TRUE);
  adw_view_stack_page_set_visible (self->vacancies_page, TRUE);
  if (self->users_view != NULL)
    wb_users_view_set_session (self->users_view, NULL);
  set_users_visible (self, FALSE);
  if (self->organisations_view != NULL)
    wb_organisations_view_set_session (self->organisations_view, NULL);
  set_organisations_visible (self, FALSE);
  if (self->audit_view != NULL)
    wb_audit_view_set_session (self->audit_view, NULL);
  set_audit_visible (self, FALSE);
  adw_view_stack_set_visible_child (self->view_stack, GTK_WIDGET (self->clients_view));
  if (self->session != NULL)
    wb_session_stop_feed (self->session);
  g_clear_object (&self->session);
  show_banner (self, NULL);
  gtk_toggle_button_set_active (self->search_button, FALSE);
}

/* The editors and dialogs open over the window, hidden while the user signs in again. */
static void
hold_windows (WbWindow *self)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    {
      GtkWindow *window = l->data;

      if (window != GTK_WINDOW (self) && gtk_window_get_transient_for (window) == GTK_WINDOW (self) &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        {
          g_ptr_array_add (self->held_windows, g_object_ref (window));
          gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
        }
    }
}

static void
release_windows (WbWindow *self,
                 gboolean  show)
{
  for (guint i = 0; i < self->held_windows->len; i++)
    {
      GtkWindow *window = self->held_windows->pdata[i];

      if (show)
        gtk_window_present (window);
      else
        gtk_window_destroy (window);
    }
  g_ptr_array_set_size (self->held_windows, 0);
}

static void
on_session_ended_cb (WbApiClient *api,
                     WbWindow    *self)
{
  WbRecord *me;

  /* Before a session exists, signing in handles a refused token itself. */
  if (self->session == NULL || self->signing_in_again)
    return;

  self->signing_in_again = TRUE;
  if (self->server_url != NULL)
    wb_secret_clear_token (self->server_url);
  hold_windows (self);
  show_login (self);
  me = wb_session_get_me (self->session);
  if (self->server_url != NULL)
    wb_login_page_fill (login_page (self), wb_record_get_string (me, "username"), NULL);
  wb_login_page_set_error (login_page (self), _("Your session has ended; sign in again."));
}

static void
use_server (WbWindow   *self,
            const char *url)
{
  g_autofree char *ca_file = g_settings_get_string (self->settings, "tls-ca-file");
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->api);
  self->api = wb_api_client_new (url);
  g_signal_connect_object (self->api, "session-ended", G_CALLBACK (on_session_ended_cb), self, 0);
  g_clear_pointer (&self->ca_problem, g_free);
  if (!wb_api_client_set_tls_ca_file (self->api, ca_file, &error))
    self->ca_problem = g_strdup (error->message);
}

/* The same user signed in again: back to where they were, with their open edits. */
static void
resume_session (WbWindow *self)
{
  self->signing_in_again = FALSE;
  login_page_set_idle (self);
  gtk_stack_set_visible_child_name (self->stack, "main");
  on_banner_retry_cb (NULL, self);
  release_windows (self, TRUE);
  wb_window_add_toast (self, _("Signed in again"));
}

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
      login_page_set_idle (self);
      wb_login_page_set_error (login_page (self), error->message);
      g_clear_object (&self->session);
      return;
    }

  login_page_set_idle (self);
  wb_window_show_session (self, self->session);
}

/* Views added for this role, not shown yet, are not read out either: nothing maps them. */
static void
hide_views_not_shown (WbWindow *self)
{
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (self->view_stack);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);

      wb_a11y_hide_unmapped (adw_view_stack_page_get_child (page));
    }
}

/* Signed in, the focus is in the view on screen: not left on the sign-in page that is gone,
 * nor in the search of a view as the last user left it (closed, or no longer in the
 * window), where keys such as Ctrl+F do not reach the window. */
static void
focus_view_shown (WbWindow *self)
{
  GtkWidget *view = adw_view_stack_get_visible_child (self->view_stack);
  GtkWidget *focus;

  gtk_root_set_focus (GTK_ROOT (self), NULL);
  if (view == NULL)
    return;
  if (WB_IS_LIST_VIEW (view) && gtk_widget_get_mapped (GTK_WIDGET (wb_list_view_get_rows (WB_LIST_VIEW (view)))))
    wb_list_view_focus_row (WB_LIST_VIEW (view), wb_list_view_get_selected_row (WB_LIST_VIEW (view)));
  else
    gtk_widget_child_focus (view, GTK_DIR_TAB_FORWARD);
  /* Still loading, with nothing to focus: the window itself takes the keys. */
  focus = gtk_root_get_focus (GTK_ROOT (self));
  if (focus != NULL && !gtk_widget_get_mapped (focus))
    gtk_root_set_focus (GTK_ROOT (self), NULL);
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
  gtk_label_set_text (self->user_name_label, wb_record_get_string (me, "display_name"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->user_name_label), who);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->switcher_title), who);

  show_banner (self, NULL);
  gtk_stack_set_visible_child_name (self->stack, "main");
  wb_clients_view_set_session (self->clients_view, self->session);
  if (self->accounts_view != NULL)
    wb_accounts_view_set_session (self->accounts_view, self->session);
  if (self->vacancies_view != NULL)
    wb_vacancies_view_set_session (self->vacancies_view, self->session);
  wb_notifications_button_set_session (self->notifications, self->session);
  set_queue_visible (self, wb_session_get_role (self->session) == WB_ROLE_COORDINATOR);
  if (self->review_queue != NULL)
    wb_review_queue_set_session (self->review_queue, self->queue_page != NULL ? self->session : NULL);
  if (self->monitor_view != NULL)
    wb_monitor_view_set_session (self->monitor_view, self->session);
  show_pages_of_role (self);
  set_users_visible (self, wb_session_can (self->session, WB_RESOURCE_USERS, WB_ACTION_CREATE, WB_SCOPE_OWN));
  if (self->users_view != NULL)
    wb_users_view_set_session (self->users_view, self->users_page != NULL ? self->session : NULL);
  set_organisations_visible (self, wb_session_can (self->session, WB_RESOURCE_ORGANISATIONS, WB_ACTION_CREATE,
                                                   WB_SCOPE_OTHER));
  if (self->organisations_view != NULL)
    wb_organisations_view_set_session (self->organisations_view,
                                       self->organisations_page != NULL ? self->session : NULL);
  set_audit_visible (self, wb_session_can (self->session, WB_RESOURCE_AUDIT, WB_ACTION_READ, WB_SCOPE_OWN));
  if (self->audit_view != NULL)
    wb_audit_view_set_session (self->audit_view, self->audit_page != NULL ? self->session : NULL);
  /* An administrator's work is the users, not a list of clients they may not open. */
  if (self->users_page != NULL)
    adw_view_stack_set_visible_child (self->view_stack, GTK_WIDGET (self->users_view));
  hide_views_not_shown (self);
  focus_view_shown (self);
}

/* The clients list, shown first after a sign-in, has its first page read with the
 * sign-in's own questions: on the worker's thread that asks them while the window is made
 * and presented, not after them from the main thread, where its answer waited behind the
 * window's first frame. */
static void
expect_first_view (WbWindow *self)
{
  wb_list_view_expect_first_page (WB_LIST_VIEW (self->clients_view), self->api);
}

static void
begin_session (WbWindow *self,
               WbRecord *me)
{
  if (self->session != NULL)
    wb_session_stop_feed (self->session);
  g_clear_object (&self->session);
  self->session = wb_session_new (self->api, me);
  /* What others change reaches the open lists and pages. */
  wb_session_start_feed (self->session);
  expect_first_view (self);
  wb_session_load_async (self->session, self->cancellable, on_session_loaded_cb, g_object_ref (self));
}

static void
on_token_stored_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(WbWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!wb_secret_store_token_finish (result, &error))
    {
      if (self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable))
        return;
      /* Declined or failed: the token stays in memory for this run, and the user knows why
       * they will be asked for the password next time. The keyring's own words go to the log:
       * "Object does not exist at path “/org/freedesktop/secrets/collection/login”" tells a
       * user nothing, and its path, one word, was cut off in a toast at 360 px. */
      g_message ("The keyring did not keep the sign-in: %s", error->message);
      wb_window_add_toast (self, _("You stay signed in until you close Werkbrug: the keyring did not keep your sign-in."));
    }
}

/* Keeps the new token in the keyring, or says that it is kept for this run only. */
static void
keep_token (WbWindow *self)
{
  if (self->no_keyring != NULL)
    {
      wb_window_add_toast (self, _("You stay signed in until you close Werkbrug: there is no keyring to keep your sign-in."));
      return;
    }
  /* Not cancelled with the window: a user who quits at once still finds the token kept. */
  wb_secret_store_token_async (self->server_url, self->pending_username, wb_api_client_get_token (self->api),
                               NULL, on_token_stored_cb, g_object_ref (self));
}

/* Choosing one's own password after a one-time one */

static void ask_new_password (WbWindow *self, WbRecord *me, const char *problem);
static void continue_sign_in (WbWindow *self, WbRecord *me);

typedef struct {
  WbWindow *self;
  WbRecord *me;
} PasswordData;

static void
password_data_free (PasswordData *data)
{
  g_object_unref (data->self);
  g_object_unref (data->me);
  g_free (data);
}

static void
on_password_saved_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  PasswordData *data = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = wb_api_client_request_finish (WB_API_CLIENT (source), result, NULL, &error);

  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        ask_new_password (data->self, data->me, error->message);
    }
  else
    {
      wb_window_add_toast (data->self, _("Your password is saved"));
      continue_sign_in (data->self, data->me);
    }
  password_data_free (data);
}

static void
on_new_password_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             PasswordData     *data)
{
  const char *first = gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "new-password"));
  const char *second = gtk_editable_get_text (g_object_get_data (G_OBJECT (dialog), "repeat-password"));
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) body = NULL;

  if (g_utf8_strlen (first, -1) < 10)
    {
      ask_new_password (data->self, data->me, _("The password is shorter than 10 characters."));
      password_data_free (data);
      return;
    }
  if (g_strcmp0 (first, second) != 0)
    {
      ask_new_password (data->self, data->me, _("The two passwords are not the same."));
      password_data_free (data);
      return;
    }
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "new_password");
  json_builder_add_string_value (builder, first);
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);
  wb_api_client_request_async (data->self->api, "POST", "api/v1/me/password", body, NULL, data->self->cancellable,
                               on_password_saved_cb, data);
}

static void
ask_new_password (WbWindow   *self,
                  WbRecord   *me,
                  const char *problem)
{
  GtkWidget *dialog, *group, *first, *second;
  g_autofree char *body = NULL;
  PasswordData *data;

  body = g_strconcat (_("You signed in with a one-time password, which now no longer works. Choose a password of "
                        "your own, of at least 10 characters."),
                      problem != NULL ? "\n\n" : "", problem != NULL ? problem : "", NULL);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Choose Your Password"), body);
  group = adw_preferences_group_new ();
  first = adw_password_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (first), _("New password"));
  second = adw_password_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (second), _("Repeat the new password"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), first);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), second);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), group);
  g_object_set_data (G_OBJECT (dialog), "new-password", first);
  g_object_set_data (G_OBJECT (dialog), "repeat-password", second);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "save", _("_Save Password"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "save");

  data = g_new0 (PasswordData, 1);
  data->self = g_object_ref (self);
  data->me = g_object_ref (me);
  g_signal_connect (dialog, "response", G_CALLBACK (on_new_password_response_cb), data);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (first);
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
      login_page_set_idle (self);
      if (g_error_matches (error, WB_API_ERROR, 401))
        wb_login_page_set_error (login_page (self), _("The user name or password is not right."));
      else if (g_error_matches (error, WB_API_ERROR, WB_API_ERROR_NETWORK))
        wb_login_page_set_unreachable (login_page (self), error->message);
      else
        show_sign_in_error (self, error);
      return;
    }

  if (self->server_url != NULL)
    {
      g_settings_set_string (self->settings, "last-username", self->pending_username);
      keep_token (self);
    }
  if (wb_record_get_boolean (me, "password_must_change"))
    {
      /* Signed in with a one-time password: it is gone now, so a password of their own
       * comes first. */
      ask_new_password (self, me, NULL);
      return;
    }
  continue_sign_in (self, me);
}

static void
continue_sign_in (WbWindow *self,
                  WbRecord *me)
{
  if (self->signing_in_again)
    {
      if (self->session != NULL && wb_record_get_id (me) == wb_session_get_user_id (self->session))
        {
          resume_session (self);
          return;
        }
      /* Someone else signs in here: what the other user had open is not theirs. */
      self->signing_in_again = FALSE;
      release_windows (self, FALSE);
      reset_views (self);
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
  wb_login_page_set_busy (login_page (self), TRUE);
  wb_api_client_login_async (self->api, username, password, self->cancellable, on_login_cb, g_object_ref (self));
}

static void
show_login (WbWindow *self)
{
  if (self->backend != NULL)
    wb_login_page_set_demo_users (login_page (self), wb_embedded_backend_get_demo_users (self->backend),
                                  WB_DEMO_PASSWORD);
  else
    {
      g_autofree char *last = g_settings_get_string (self->settings, "last-username");

      wb_login_page_set_server (login_page (self), self->server_url, last);
    }
  login_page_set_idle (self);
  wb_stack_show_page (self->stack, "login", gtk_stack_get_transition_type (self->stack));
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
  gboolean seeding = wb_embedded_backend_is_seeding (backend);

  /* "This happens once" only while the demo data is really being made; every other start
   * only opens the database, and says so. */
  adw_status_page_set_description (self->starting_page,
                                   seeding ? _("Preparing the demo data for South Limburg. This happens once.")
                                           : _("Starting the built-in server…"));
  gtk_widget_set_visible (GTK_WIDGET (self->starting_progress), seeding);
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
  use_server (self, wb_embedded_backend_get_url (self->backend));
  show_login (self);
}

/* What a failed call says on the sign-in page: a refused certificate also says when the
 * organisation's authority could not be read. */
static void
show_sign_in_error (WbWindow     *self,
                    const GError *error)
{
  if (g_error_matches (error, WB_API_ERROR, WB_API_ERROR_TLS) && self->ca_problem != NULL)
    {
      g_autofree char *text = g_strconcat (self->ca_problem, "\n", error->message, NULL);

      wb_login_page_set_error (login_page (self), text);
    }
  else
    wb_login_page_set_error (login_page (self), error->message);
}

static gboolean
showing_login (WbWindow *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "login") == 0;
}

/* The sign-in page, keeping what the user typed when it is already shown. */
static void
ensure_login (WbWindow *self)
{
  if (!showing_login (self))
    show_login (self);
}

/* A question "who am I" and the token it was asked with; or, for the kept sign-in, with
 * the token the keyring gives on the worker's thread. */
typedef struct
{
  WbWindow *self;
  char *token;
  gboolean kept;
} ServerCheck;

static void
server_check_free (ServerCheck *check)
{
  g_object_unref (check->self);
  g_free (check->token);
  g_free (check);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ServerCheck, server_check_free)

/* No sign-in kept from the last run: the sign-in page; and where no keyring answers, it
 * says why the password is asked on every start. */
static void
no_kept_sign_in (WbWindow     *self,
                 const GError *error)
{
  g_autofree char *note = NULL;

  show_login (self);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
    {
      self->no_keyring = g_strdup (error->message);
      note = g_strdup_printf (_("%s, so Werkbrug cannot keep your sign-in between runs. "
                                "After you sign in, you stay signed in until you close Werkbrug."), self->no_keyring);
      wb_login_page_set_note (login_page (self), note);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_debug ("The keyring did not answer: %s", error->message);
  /* Whether the server is there, before the user has typed everything. */
  check_server (self);
}

static void
on_restored_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ServerCheck) check = user_data;
  WbWindow *self = check->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbSession) session = wb_session_restore_finish (WB_API_CLIENT (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (check->kept)
    {
      if (WB_API_CLIENT (source) != self->api)
        return;
      g_clear_pointer (&self->no_keyring, g_free);
      /* The keyring's answer, not the server's: no token to restore. */
      if (error != NULL && error->domain != WB_API_ERROR)
        {
          no_kept_sign_in (self, error);
          return;
        }
      g_free (check->token);
      check->token = g_strdup (wb_api_client_get_token (self->api));
    }
  /* The user signed in (or out, or to another server) while the question was out: the
   * answer is about a token no longer used, and must neither throw away the one the sign-in
   * brought nor begin a second session. */
  if (WB_API_CLIENT (source) != self->api || g_strcmp0 (check->token, wb_api_client_get_token (self->api)) != 0)
    return;
  if (session == NULL)
    {
      ensure_login (self);
      if (g_error_matches (error, WB_API_ERROR, WB_API_ERROR_NETWORK))
        {
          /* A kept token stays for the next try: when the server is back, the user is
           * signed in without typing anything. */
          wb_login_page_set_unreachable (login_page (self), error->message);
          return;
        }
      /* Any answer at all means the server is there again. */
      wb_login_page_set_reachable (login_page (self));
      if (g_error_matches (error, WB_API_ERROR, 401))
        {
          /* The token kept from the last run is no longer good: say so, rather than show
           * the sign-in page without a word. */
          if (self->server_url != NULL && wb_api_client_get_token (self->api) != NULL)
            {
              wb_secret_clear_token (self->server_url);
              wb_login_page_set_error (login_page (self), _("Your session has ended; sign in again."));
            }
        }
      else
        show_sign_in_error (self, error);
      wb_api_client_set_token (self->api, NULL);
      return;
    }
  if (self->session != NULL)
    wb_session_stop_feed (self->session);
  g_set_object (&self->session, session);
  /* What others change reaches the open lists and pages. */
  wb_session_start_feed (self->session);
  login_page_set_idle (self);
  wb_window_show_session (self, self->session);
}

/* Asks the server who the token belongs to, and with a good token restores the session
 * (on a worker's thread, while the window is still being made): the user when the token is
 * good, 401 when there is none or it is no longer good, and no answer when the server is
 * down. */
static void
check_server (WbWindow *self)
{
  ServerCheck *check;

  if (self->api == NULL)
    return;
  check = g_new0 (ServerCheck, 1);
  check->self = g_object_ref (self);
  check->token = g_strdup (wb_api_client_get_token (self->api));
  wb_session_restore_async (self->api, self->cancellable, on_restored_cb, check);
}

static void
on_login_retry_cb (WbLoginPage *page,
                   WbWindow    *self)
{
  check_server (self);
}

/* The starting page's icon comes when starting takes a moment. A launch that restores its
 * sign-in shows the views in its first frame: the icon, an SVG, had librsvg loaded and draw
 * it on a worker's thread, beside the main thread's busiest work, for a page never drawn. */
#define STARTING_ICON_DELAY_MS 300

static gboolean
show_starting_icon_cb (gpointer data)
{
  WbWindow *self = data;

  self->starting_icon_id = 0;
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "starting") == 0)
    adw_status_page_set_icon_name (self->starting_page, "nl.werkbrug.Werkbrug");
  return G_SOURCE_REMOVE;
}

static void
show_starting (WbWindow   *self,
               const char *description)
{
  adw_status_page_set_description (self->starting_page, description);
  gtk_stack_set_visible_child_name (self->stack, "starting");
  if (self->starting_icon_id == 0 && adw_status_page_get_icon_name (self->starting_page) == NULL)
    self->starting_icon_id = g_timeout_add (STARTING_ICON_DELAY_MS, show_starting_icon_cb, self);
}

static void
start (WbWindow *self)
{
  g_autofree char *url = g_settings_get_string (self->settings, "server-url");
  ServerCheck *check;

  g_clear_pointer (&self->server_url, g_free);
  g_clear_object (&self->api);
  if (self->login_page != NULL)
    wb_login_page_set_note (self->login_page, NULL);

  if (*url == '\0')
    {
      if (self->backend != NULL)
        {
          use_server (self, wb_embedded_backend_get_url (self->backend));
          show_login (self);
          return;
        }
      gtk_progress_bar_set_fraction (self->starting_progress, 0.0);
      gtk_widget_set_visible (GTK_WIDGET (self->starting_progress), FALSE);
      show_starting (self, _("Starting the built-in server…"));
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
  use_server (self, self->server_url);
  show_starting (self, self->server_url);
  /* The token kept in the keyring, and who it belongs to, asked on a worker's thread while
   * the window is made and shown. */
  check = g_new0 (ServerCheck, 1);
  check->self = g_object_ref (self);
  check->kept = TRUE;
  expect_first_view (self);
  wb_session_restore_kept_async (self->api, self->server_url, self->cancellable, on_restored_cb, check);
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
  self->signing_in_again = FALSE;
  release_windows (self, FALSE);
  reset_views (self);
  if (self->server_url != NULL)
    wb_secret_clear_token (self->server_url);
  wb_api_client_logout_async (self->api, NULL, on_logout_done_cb, NULL);
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

/* F5: the record or list in view, read again where the user is. */
static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  WbWindow *self = WB_WINDOW (widget);
  GtkWidget *visible;

  if (self->session == NULL)
    return;
  visible = visible_view (self);
  if (WB_IS_LIST_VIEW (visible))
    {
      WbListView *list = WB_LIST_VIEW (visible);

      if (wb_list_view_showing_list (list))
        wb_list_view_reload (list);
      else
        wb_record_page_refresh (wb_list_view_get_page (list));
    }
  wb_window_add_toast (self, _("Brought up to date"));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WbWindow *self = WB_WINDOW (widget);
  GtkWidget *view;

  if (self->session == NULL)
    return;
  view = visible_view (self);
  if (WB_IS_REVIEW_QUEUE (view))
    {
      wb_review_queue_focus_filter (WB_REVIEW_QUEUE (view));
      return;
    }
  if (!WB_IS_LIST_VIEW (view))
    return;
  gtk_toggle_button_set_active (self->search_button, TRUE);
  wb_list_view_focus_search (WB_LIST_VIEW (view));
}

/* Alt+1, 2, 3 … show the views in the switcher's order (listed under Ctrl+?). */
static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  WbWindow *self = WB_WINDOW (widget);
  g_autoptr(GtkSelectionModel) pages = NULL;
  int wanted = g_variant_get_int32 (parameter);
  int place = 0;

  if (self->session == NULL)
    return;
  pages = adw_view_stack_get_pages (self->view_stack);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);

      if (!adw_view_stack_page_get_visible (page) || ++place != wanted)
        continue;
      adw_view_stack_set_visible_child (self->view_stack, adw_view_stack_page_get_child (page));
      return;
    }
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
  if (self->accounts_view != NULL && wb_accounts_view_has_unsaved_edits (self->accounts_view))
    {
      wb_accounts_view_present_editor (self->accounts_view);
      wb_window_add_toast (self, _("Save or cancel the open edit before closing Werkbrug"));
      return TRUE;
    }
  if (self->vacancies_view != NULL && wb_list_view_has_unsaved_edits (WB_LIST_VIEW (self->vacancies_view)))
    {
      wb_list_view_present_editor (WB_LIST_VIEW (self->vacancies_view));
      wb_window_add_toast (self, _("Save or cancel the open edit before closing Werkbrug"));
      return TRUE;
    }
  if (self->users_view != NULL && wb_list_view_has_unsaved_edits (WB_LIST_VIEW (self->users_view)))
    {
      wb_list_view_present_editor (WB_LIST_VIEW (self->users_view));
      wb_window_add_toast (self, _("Save or cancel the open edit before closing Werkbrug"));
      return TRUE;
    }
  if (self->organisations_view != NULL && wb_list_view_has_unsaved_edits (WB_LIST_VIEW (self->organisations_view)))
    {
      wb_list_view_present_editor (WB_LIST_VIEW (self->organisations_view));
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
  g_clear_handle_id (&self->starting_icon_id, g_source_remove);
  if (self->backend != NULL)
    wb_embedded_backend_stop (self->backend);
  g_clear_object (&self->backend);

  g_clear_pointer (&self->search_binding, g_binding_unbind);
  /* A view's request may still end after the window is gone (it holds the view): it
   * must not reach the window's labels then. */
  if (self->cancellable != NULL)
    {
      GObject *views[] = { G_OBJECT (self->clients_view), G_OBJECT (self->accounts_view),
                           G_OBJECT (self->vacancies_view), G_OBJECT (self->review_queue),
                           G_OBJECT (self->users_view), G_OBJECT (self->organisations_view),
                           G_OBJECT (self->audit_view) };

      for (guint i = 0; i < G_N_ELEMENTS (views); i++)
        if (views[i] != NULL)
          g_signal_handlers_disconnect_by_data (views[i], self);
      g_signal_handlers_disconnect_by_data (self->notifications, self);
      if (self->accounts_view != NULL)
        g_signal_handlers_disconnect_by_data (wb_list_view_get_page (WB_LIST_VIEW (self->accounts_view)), self);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), WB_TYPE_WINDOW);
  g_clear_object (&self->review_queue);
  g_clear_object (&self->users_view);
  g_clear_object (&self->organisations_view);
  g_clear_object (&self->audit_view);

  g_clear_object (&self->session);
  g_clear_object (&self->api);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->server_url, g_free);
  g_clear_pointer (&self->pending_username, g_free);
  g_clear_pointer (&self->ca_problem, g_free);
  g_clear_pointer (&self->no_keyring, g_free);
  g_clear_pointer (&self->held_windows, g_ptr_array_unref);

  G_OBJECT_CLASS (wb_window_parent_class)->dispose (object);
}

/* The keyboard shortcuts window, made the first time it is asked for. GtkApplication would
 * make it with every window, from gtk/help-overlay.ui among the application's resources:
 * some 30 million instructions at every start, for a window few users open. */
static void
show_help_overlay_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  WbWindow *self = WB_WINDOW (widget);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (self));

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (WB_SHORTCUTS_RESOURCE);

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (GTK_APPLICATION_WINDOW (self), overlay);
      wb_window_show_queue_shortcuts (overlay, self->queue_page != NULL);
    }
  gtk_window_present (GTK_WINDOW (overlay));
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
  g_type_ensure (WB_TYPE_VACANCIES_VIEW);

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
  gtk_widget_class_bind_template_child (widget_class, WbWindow, user_name_label);
  gtk_widget_class_bind_template_child (widget_class, WbWindow, main_menu_button);
  gtk_widget_class_bind_template_child (widget_class, WbWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, WbWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, WbWindow, narrow_switcher_revealer);
  gtk_widget_class_bind_template_child (widget_class, WbWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, WbWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, WbWindow, banner_button);
  gtk_widget_class_bind_template_child (widget_class, WbWindow, banner_close);

  gtk_widget_class_install_action (widget_class, "win.logout", NULL, logout_action);
  gtk_widget_class_install_action (widget_class, "win.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "win.show-view", "i", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_help_overlay_action);
  for (int i = 1; i <= 9; i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0 + i, GDK_ALT_MASK, "win.show-view", "i", i);
}

static void
wb_window_init (WbWindow *self)
{
  AdwViewStackPage *page;

  gtk_widget_init_template (GTK_WIDGET (self));
  add_toast_status (self);
  wb_menu_button_set_menu_when_opened (self->main_menu_button, self->primary_menu);
  self->cancellable = g_cancellable_new ();
  self->held_windows = g_ptr_array_new_with_free_func (g_object_unref);

  /* The sign-in page is made when first needed (login_page). */

  self->clients_view = wb_clients_view_new ();
  page = self->clients_page = adw_view_stack_add_titled (self->view_stack, GTK_WIDGET (self->clients_view), "clients", _("Clients"));
  adw_view_stack_page_set_icon_name (page, "system-users-symbolic");
  follow_view (self, GTK_WIDGET (self->clients_view));

  self->accounts_slot = add_slot (self, "accounts", _("Accounts"), "x-office-address-book-symbolic",
                                  &self->accounts_page);
  self->vacancies_slot = add_slot (self, "vacancies", _("Vacancies"), "emblem-documents-symbolic",
                                   &self->vacancies_page);
  self->monitor_slot = add_slot (self, "monitor", _("Monitor"), "x-office-presentation-symbolic", NULL);

  /* The review queue and the administration's views (users, organisations, audit) are made
   * for the first role that has them (ensure_role_view), not at every start. */

  self->notifications = wb_notifications_button_new ();
  gtk_box_append (self->notifications_box, GTK_WIDGET (self->notifications));
  g_signal_connect (self->notifications, "open-employer", G_CALLBACK (on_open_account_cb), self);

  /* The views' switcher in the header; where it does not fit, the window's title there, and
   * the switcher at the bottom, in rows, titles whole. */
  self->header_switcher = wb_view_switcher_grid_new_row ();
  wb_view_switcher_grid_set_stack (self->header_switcher, self->view_stack);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->header_switcher), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Views"), -1);
  self->window_title = adw_window_title_new (_("Werkbrug"), NULL);
  adw_squeezer_add (self->switcher_title, GTK_WIDGET (self->header_switcher));
  adw_squeezer_add (self->switcher_title, self->window_title);
  g_signal_connect (self->switcher_title, "notify::visible-child", G_CALLBACK (on_switcher_squeezed_cb), self);
  self->narrow_switcher = wb_view_switcher_grid_new ();
  gtk_revealer_set_child (self->narrow_switcher_revealer, GTK_WIDGET (self->narrow_switcher));
  g_signal_connect (self->narrow_switcher_revealer, "notify::reveal-child", G_CALLBACK (on_narrow_switcher_reveal_cb),
                    self);
  on_narrow_switcher_reveal_cb (self->narrow_switcher_revealer, NULL, self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->narrow_switcher), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Views"), -1);

  g_signal_connect (self->view_stack, "notify::visible-child", G_CALLBACK (on_visible_page_cb), self);
  on_visible_page_cb (self->view_stack, NULL, self);

  g_signal_connect (self->search_button, "clicked", G_CALLBACK (on_search_clicked_cb), self);
  g_signal_connect (self->banner_button, "clicked", G_CALLBACK (on_banner_retry_cb), self);
  g_signal_connect (self->banner_close, "clicked", G_CALLBACK (on_banner_close_cb), self);
}

WbWindow *
wb_window_new (WbApplication *application)
{
  return wb_window_new_with_settings (GTK_APPLICATION (application), wb_application_get_settings (application));
}

WbWindow *
wb_window_new_with_settings (GtkApplication *application,
                             GSettings      *settings)
{
  WbWindow *self;

  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (WB_TYPE_WINDOW, "application", application, NULL);
  self->settings = g_object_ref (settings);
  /* The lists remember whose rows they show. */
  wb_list_view_set_settings (WB_LIST_VIEW (self->clients_view), settings);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  start (self);
  return self;
}

WbLoginPage *
wb_window_get_login_page (WbWindow *self)
{
  g_return_val_if_fail (WB_IS_WINDOW (self), NULL);
  return login_page (self);
}

const char *
wb_window_get_state (WbWindow *self)
{
  g_return_val_if_fail (WB_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

WbSession *
wb_window_get_session (WbWindow *self)
{
  g_return_val_if_fail (WB_IS_WINDOW (self), NULL);
  return self->session;
}

WbUsersView *
wb_window_get_users_view (WbWindow *self)
{
  g_return_val_if_fail (WB_IS_WINDOW (self), NULL);
  return self->users_page != NULL ? self->users_view : NULL;
}

WbOrganisationsView *
wb_window_get_organisations_view (WbWindow *self)
{
  g_return_val_if_fail (WB_IS_WINDOW (self), NULL);
  return self->organisations_page != NULL ? self->organisations_view : NULL;
}

WbAuditView *
wb_window_get_audit_view (WbWindow *self)
{
  g_return_val_if_fail (WB_IS_WINDOW (self), NULL);
  return self->audit_page != NULL ? self->audit_view : NULL;
}
