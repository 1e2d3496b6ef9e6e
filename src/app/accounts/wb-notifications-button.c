/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-notifications-button"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-a11y.h"
#include "wb-api-accounts.h"
#include "wb-format.h"

#include "wb-notifications-button.h"

/* The change feed brings a new notification at once; without a feed (it reconnects, or the
 * server is an older one) the button asks every minute. */
#define REFRESH_SECONDS 60
/* The changes of one moment (a handover notifies per account) are read in one request. */
#define FOLLOW_DELAY_MS 300
/* The popover's width: it fits a 360 px window with its margins. */
#define CONTENT_WIDTH 320
#define MAX_LIST_HEIGHT 480

struct _WbNotificationsButton
{
  GtkBox parent_instance;

  GtkMenuButton *button;
  GtkLabel *count_label;
  GtkPopover *popover;
  GtkStack *stack;
  GtkListBox *list;
  GtkScrolledWindow *scrolled;
  GtkButton *all_read_button;
  AdwStatusPage *error_page;

  WbSession *session;
  GCancellable *cancellable;
  guint refresh_id;
  guint follow_id;
  guint n_unread;
};

G_DEFINE_FINAL_TYPE (WbNotificationsButton, wb_notifications_button, GTK_TYPE_BOX)

enum {
  OPEN_EMPLOYER,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void mark_read (WbNotificationsButton *self,
                       gint64                 id);

static void
set_count (WbNotificationsButton *self,
           guint                  n)
{
  g_autofree char *label = NULL;
  g_autofree char *text = g_strdup_printf ("%u", n);

  self->n_unread = n;
  gtk_label_set_text (self->count_label, n > 99 ? "99+" : text);
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), n > 0);
  label = n == 0 ? g_strdup (_("Notifications, none unread"))
                 : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Notifications, %u unread", "Notifications, %u unread", n), n);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), label);
  gtk_widget_set_sensitive (GTK_WIDGET (self->all_read_button), n > 0);
}

/* GTK 4.8's scrolled window asks its child for its natural height at no width in particular,
 * which for wrapped titles is too short: the list scrolled with its last row cut in half.
 * The list's height at the popover's width instead, up to a limit. */
static void
fit_list_height (WbNotificationsButton *self)
{
  int natural = 0;

  gtk_widget_measure (GTK_WIDGET (self->list), GTK_ORIENTATION_VERTICAL, CONTENT_WIDTH, NULL, &natural, NULL, NULL);
  gtk_scrolled_window_set_min_content_height (self->scrolled, MIN (natural, MAX_LIST_HEIGHT));
}

static void
on_open_clicked_cb (GtkButton             *button,
                    WbNotificationsButton *self)
{
  gint64 employer = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "employer"));
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "id"));

  gtk_popover_popdown (self->popover);
  mark_read (self, id);
  g_signal_emit (self, signals[OPEN_EMPLOYER], 0, employer);
}

static void
on_read_clicked_cb (GtkButton             *button,
                    WbNotificationsButton *self)
{
  mark_read (self, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "id")));
}

static GtkWidget *
notification_row (WbNotificationsButton *self,
                  WbRecord              *notification)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (wb_record_get_string (notification, "title"));
  const char *body = wb_record_get_string (notification, "body");
  const char *created = wb_record_get_string (notification, "created_at");
  g_autofree char *day = created != NULL ? g_strndup (created, 10) : NULL;
  /* "3 dec. 2026" in Dutch, as every date the application shows; never the API's ISO. */
  g_autofree char *date = day != NULL ? wb_format_iso_date (day) : NULL;
  gint64 id = wb_record_get_id (notification);
  gint64 employer = g_strcmp0 (wb_record_get_string (notification, "resource"), "employers") == 0 ?
                    wb_record_get_int (notification, "resource_id") : 0;
  GtkWidget *read;

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 40);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (text), title);
  if (body != NULL && *body != '\0')
    {
      GtkWidget *label = gtk_label_new (body);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
      gtk_box_append (GTK_BOX (text), label);
    }
  if (date != NULL)
    {
      GtkWidget *label = gtk_label_new (date);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (text), label);
    }
  gtk_box_append (GTK_BOX (box), text);

  if (employer > 0)
    {
      GtkWidget *open = gtk_button_new_from_icon_name ("go-next-symbolic");

      gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (open, "flat");
      gtk_widget_set_tooltip_text (open, _("Open the account"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (open), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Open the account"), -1);
      g_object_set_data (G_OBJECT (open), "employer", GSIZE_TO_POINTER (employer));
      g_object_set_data (G_OBJECT (open), "id", GSIZE_TO_POINTER (id));
      g_signal_connect (open, "clicked", G_CALLBACK (on_open_clicked_cb), self);
      gtk_box_append (GTK_BOX (box), open);
    }
  read = gtk_button_new_from_icon_name ("object-select-symbolic");
  gtk_widget_set_valign (read, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (read, "flat");
  gtk_widget_set_tooltip_text (read, _("Mark as read"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (read), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Mark as read"), -1);
  g_object_set_data (G_OBJECT (read), "id", GSIZE_TO_POINTER (id));
  g_signal_connect (read, "clicked", G_CALLBACK (on_read_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), read);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  g_object_set_data (G_OBJECT (row), "id", GSIZE_TO_POINTER (id));
  g_object_set_data_full (G_OBJECT (row), "wb-id", g_memdup2 (&id, sizeof id), g_free);
  return row;
}

static void
on_list_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(WbNotificationsButton) self = user_data;
  g_autoptr(GError) error = NULL;
  guint total = 0;
  g_autoptr(GListModel) items = wb_api_notifications_list_finish (WB_API_CLIENT (source), result, &total, &error);
  GtkWidget *child;

  if (items == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  /* Rows that stay keep their widgets (and the focus, when the popover is open); new ones
   * take their place in the server's order, newest first; those read elsewhere leave. */
  {
    g_autoptr(GHashTable) answer = g_hash_table_new (g_int64_hash, g_int64_equal);
    g_autoptr(GHashTable) shown = g_hash_table_new (g_int64_hash, g_int64_equal);
    guint n = g_list_model_get_n_items (items);
    g_autofree gint64 *ids = g_new0 (gint64, MAX (n, 1));
    GtkWidget *next;

    for (guint i = 0; i < n; i++)
      {
        g_autoptr(WbRecord) notification = g_list_model_get_item (items, i);

        ids[i] = wb_record_get_id (notification);
        g_hash_table_add (answer, &ids[i]);
      }
    for (child = gtk_widget_get_first_child (GTK_WIDGET (self->list)); child != NULL; child = next)
      {
        gint64 *id = g_object_get_data (G_OBJECT (child), "wb-id");

        next = gtk_widget_get_next_sibling (child);
        if (id != NULL && g_hash_table_contains (answer, id))
          g_hash_table_insert (shown, id, child);
        else
          gtk_list_box_remove (self->list, child);
      }
    for (guint i = 0; i < n; i++)
      {
        GtkListBoxRow *at = gtk_list_box_get_row_at_index (self->list, (int) i);
        GtkWidget *same = g_hash_table_lookup (shown, &ids[i]);
        g_autoptr(WbRecord) notification = NULL;

        if (same != NULL && same == GTK_WIDGET (at))
          continue;
        /* Out of order (it should not be): made again at its place. */
        if (same != NULL)
          {
            g_hash_table_remove (shown, &ids[i]);
            gtk_list_box_remove (self->list, same);
          }
        notification = g_list_model_get_item (items, i);
        gtk_list_box_insert (self->list, notification_row (self, notification), (int) i);
      }
  }
  set_count (self, total);
  fit_list_height (self);
  gtk_stack_set_visible_child_name (self->stack, total > 0 ? "list" : "empty");
}

void
wb_notifications_button_refresh (WbNotificationsButton *self)
{
  g_return_if_fail (WB_IS_NOTIFICATIONS_BUTTON (self));

  if (self->session == NULL || wb_session_get_api (self->session) == NULL)
    return;
  wb_api_notifications_list_async (wb_session_get_api (self->session), TRUE, self->cancellable,
                                   on_list_cb, g_object_ref (self));
}

static void
on_marked_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(WbNotificationsButton) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbRecord) notification = wb_api_notifications_mark_read_finish (WB_API_CLIENT (source), result, &error);

  if (notification == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (notification == NULL)
    g_debug ("Could not mark a notification read: %s", error->message);
  wb_notifications_button_refresh (self);
}

static void
mark_read (WbNotificationsButton *self,
           gint64                 id)
{
  /* The row goes at once; the refresh after the answer puts it back if it failed. */
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if ((gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "id")) == id)
      {
        gtk_list_box_remove (self->list, row);
        set_count (self, self->n_unread > 0 ? self->n_unread - 1 : 0);
        fit_list_height (self);
        break;
      }
  if (self->n_unread == 0)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  wb_api_notifications_mark_read_async (wb_session_get_api (self->session), id, self->cancellable,
                                        on_marked_cb, g_object_ref (self));
}

static void
on_all_read_clicked_cb (GtkButton             *button,
                        WbNotificationsButton *self)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      gint64 id = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "id"));
      g_array_append_val (ids, id);
    }
  for (guint i = 0; i < ids->len; i++)
    mark_read (self, g_array_index (ids, gint64, i));
}

static gboolean
on_refresh_timeout_cb (gpointer user_data)
{
  WbNotificationsButton *self = user_data;
  WbApiFeed *feed = self->session != NULL ? wb_session_get_feed (self->session) : NULL;

  /* The feed says when there is something new. */
  if (feed == NULL || !wb_api_feed_is_connected (feed))
    wb_notifications_button_refresh (self);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_follow_timeout_cb (gpointer user_data)
{
  WbNotificationsButton *self = user_data;

  self->follow_id = 0;
  wb_notifications_button_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
follow_soon (WbNotificationsButton *self)
{
  if (self->follow_id == 0)
    self->follow_id = g_timeout_add (FOLLOW_DELAY_MS, on_follow_timeout_cb, self);
}

/* A notification of the user's was made (a reported arrangement, a handover, a decision),
 * read in another window, or deleted: the server's change feed says so. */
static void
on_remote_change_cb (WbSession             *session,
                     const WbApiChange     *change,
                     WbNotificationsButton *self)
{
  if (g_strcmp0 (change->resource, "notifications") == 0)
    follow_soon (self);
}

static void
on_remote_reset_cb (WbSession             *session,
                    WbNotificationsButton *self)
{
  follow_soon (self);
}

static void
on_popover_shown_cb (GtkPopover            *popover,
                     WbNotificationsButton *self)
{
  wb_notifications_button_refresh (self);
}

static void
wb_notifications_button_dispose (GObject *object)
{
  WbNotificationsButton *self = (WbNotificationsButton *) object;
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->follow_id, g_source_remove);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_box_remove (GTK_BOX (self), child);

  G_OBJECT_CLASS (wb_notifications_button_parent_class)->dispose (object);
}

static void
wb_notifications_button_class_init (WbNotificationsButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wb_notifications_button_dispose;

  signals[OPEN_EMPLOYER] = g_signal_new ("open-employer", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_css_name (widget_class, "wbnotificationsbutton");
}

static void
wb_notifications_button_init (WbNotificationsButton *self)
{
  GtkWidget *overlay, *icon, *content, *header, *heading, *scrolled, *empty;

  self->cancellable = g_cancellable_new ();

  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  overlay = gtk_overlay_new ();
  icon = gtk_image_new_from_icon_name ("preferences-system-notifications-symbolic");
  gtk_overlay_set_child (GTK_OVERLAY (overlay), icon);
  self->count_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "wb-count-badge");
  gtk_widget_set_halign (GTK_WIDGET (self->count_label), GTK_ALIGN_END);
  gtk_widget_set_valign (GTK_WIDGET (self->count_label), GTK_ALIGN_START);
  gtk_widget_set_can_target (GTK_WIDGET (self->count_label), FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), GTK_WIDGET (self->count_label));
  gtk_menu_button_set_child (self->button, overlay);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->button));

  self->popover = GTK_POPOVER (gtk_popover_new ());
  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_size_request (content, CONTENT_WIDTH, -1);
  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  heading = gtk_label_new (_("Notifications"));
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_set_hexpand (heading, TRUE);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_box_append (GTK_BOX (header), heading);
  self->all_read_button = GTK_BUTTON (wb_a11y_button_new_with_mnemonic (_("Mark _All Read")));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->all_read_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Mark all notifications read"), -1);
  gtk_widget_add_css_class (GTK_WIDGET (self->all_read_button), "flat");
  g_signal_connect (self->all_read_button, "clicked", G_CALLBACK (on_all_read_clicked_cb), self);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->all_read_button));
  gtk_box_append (GTK_BOX (content), header);

  self->stack = GTK_STACK (gtk_stack_new ());
  /* The popover is as tall as what it shows, not as its tallest page. */
  gtk_stack_set_vhomogeneous (self->stack, FALSE);
  gtk_stack_set_hhomogeneous (self->stack, FALSE);
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Unread notifications"), -1);
  scrolled = gtk_scrolled_window_new ();
  self->scrolled = GTK_SCROLLED_WINDOW (scrolled);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), MAX_LIST_HEIGHT);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list));
  gtk_stack_add_named (self->stack, scrolled, "list");

  empty = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "preferences-system-notifications-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No New Notifications"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("Decisions on your accounts and contacts of other organisations with them appear here."));
  gtk_widget_add_css_class (empty, "compact");
  gtk_stack_add_named (self->stack, empty, "empty");

  self->error_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->error_page, "network-error-symbolic");
  adw_status_page_set_title (self->error_page, _("The Notifications Could Not Be Loaded"));
  gtk_widget_add_css_class (GTK_WIDGET (self->error_page), "compact");
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->error_page), "error");
  gtk_stack_set_visible_child_name (self->stack, "empty");
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->stack));

  gtk_popover_set_child (self->popover, content);
  gtk_menu_button_set_popover (self->button, GTK_WIDGET (self->popover));
  g_signal_connect (self->popover, "show", G_CALLBACK (on_popover_shown_cb), self);
  set_count (self, 0);
}

WbNotificationsButton *
wb_notifications_button_new (void)
{
  return g_object_new (WB_TYPE_NOTIFICATIONS_BUTTON, NULL);
}

void
wb_notifications_button_set_session (WbNotificationsButton *self,
                                     WbSession             *session)
{
  GtkWidget *child;

  g_return_if_fail (WB_IS_NOTIFICATIONS_BUTTON (self));
  g_return_if_fail (session == NULL || WB_IS_SESSION (session));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->follow_id, g_source_remove);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  set_count (self, 0);
  gtk_stack_set_visible_child_name (self->stack, "empty");
  if (session == NULL)
    return;
  g_signal_connect (session, "remote-change", G_CALLBACK (on_remote_change_cb), self);
  g_signal_connect (session, "remote-reset", G_CALLBACK (on_remote_reset_cb), self);
  self->refresh_id = g_timeout_add_seconds (REFRESH_SECONDS, on_refresh_timeout_cb, self);
  wb_notifications_button_refresh (self);
}


guint
wb_notifications_button_get_n_unread (WbNotificationsButton *self)
{
  g_return_val_if_fail (WB_IS_NOTIFICATIONS_BUTTON (self), 0);
  return self->n_unread;
}

GtkListBox *
wb_notifications_button_get_list (WbNotificationsButton *self)
{
  g_return_val_if_fail (WB_IS_NOTIFICATIONS_BUTTON (self), NULL);
  return self->list;
}
