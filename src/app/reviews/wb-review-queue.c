/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-review-queue"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-arrangements-view.h"
#include "wb-handover-dialog.h"
#include "wb-review-list.h"
#include "wb-review-page.h"

#include "wb-review-queue.h"

/* The review queue is its spec (wb-review-list.c) on the list machinery, with the page of a
 * review beside the list, and what only the queue has: the decisions. */
struct _WbReviewQueue
{
  WbListView parent_instance;

  GtkWidget *refresh_button;
  GtkWidget *arrangements_button;
  gint64 keep_id;          /* the review to select again once the queue is read again */
  gboolean keep_focus;     /* and whether the list had the keyboard focus */
};

G_DEFINE_FINAL_TYPE (WbReviewQueue, wb_review_queue, WB_TYPE_LIST_VIEW)

enum {
  PROP_0,
  PROP_N_OPEN,
  N_PROPS
};

enum {
  DECIDED,
  OPEN_ACCOUNT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

#define LIST(self) WB_LIST_VIEW (self)

static WbReviewPage *
page_of (WbReviewQueue *self)
{
  return WB_REVIEW_PAGE (wb_list_view_get_page (LIST (self)));
}

static WbSession *
session_of (WbReviewQueue *self)
{
  return wb_list_view_get_session (LIST (self));
}

/* The state of the queue */

static void
on_n_loaded_cb (WbListModel   *model,
                GParamSpec    *pspec,
                WbReviewQueue *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_OPEN]);
}

static void
on_items_changed_cb (GListModel    *model,
                     guint          position,
                     guint          removed,
                     guint          added,
                     WbReviewQueue *self)
{
  /* Nothing selected (a filter that leaves none, the last review decided): the page says so
   * instead of showing a review the list no longer has. */
  if (wb_list_view_get_selected_row (LIST (self)) == NULL && wb_review_page_get_review (page_of (self)) != NULL)
    wb_review_page_show_none (page_of (self));
}

static void
on_loaded_cb (WbReviewQueue *self,
              GParamSpec    *pspec,
              gpointer       user_data)
{
  WbListModel *model = wb_list_view_get_model (LIST (self));
  gpointer row;

  if (!wb_list_view_get_loaded (LIST (self)) || self->keep_id == 0)
    return;
  /* Keep the coordinator where they were: the same review, or the one now in its place. */
  row = wb_list_model_find (model, self->keep_id);
  if (row != NULL)
    wb_list_view_select_row (LIST (self), row);
  if (self->keep_focus)
    wb_list_view_focus_row (LIST (self), wb_list_view_get_selected_row (LIST (self)));
  self->keep_id = 0;
  self->keep_focus = FALSE;
}

/* Deciding */

static char *
decided_message (WbRecord *decided)
{
  const char *decision = wb_record_get_string (decided, "decision");
  JsonObject *employer = wb_review_get_employer (decided, "employer");
  const char *name = wb_json_get_string (employer, "name");
  const char *owner = wb_json_get_string (employer, "owner_name");

  if (name == NULL)
    name = "?";
  if (g_strcmp0 (decision, "approve_exception") == 0)
    return g_strdup_printf (_("Exception approved: %s stays with its local account manager"), name);
  if (g_strcmp0 (decision, "transfer_to_wsp") == 0)
    return g_strdup_printf (_("%s was transferred to the WSP (%s)"), name, owner ?: "?");
  if (g_strcmp0 (decision, "assign_owner") == 0)
    return g_strdup_printf (_("%s has a new owner: %s"), name, owner ?: "?");
  if (g_strcmp0 (decision, "merge_duplicates") == 0)
    return g_strdup_printf (_("The duplicates of %s were merged"), name);
  return g_strdup_printf (_("The review of %s was dismissed"), name);
}

static void
on_dialog_decided_cb (WbReviewDecisionDialog *dialog,
                      WbRecord               *decided,
                      WbReviewQueue          *self)
{
  g_autofree char *message = decided_message (decided);
  gpointer next;

  /* The decided review leaves the queue at once; the next one takes its place in the list,
   * on the page and under the keyboard focus, not the window's first tab. The reload after
   * it picks up what the server closed along with it. */
  wb_list_model_replace_record (wb_list_view_get_model (LIST (self)), decided, FALSE);
  next = wb_list_view_get_selected_row (LIST (self));
  /* In a window too narrow for both, the page shows the next review in the queue's place;
   * after the last one the queue comes back, which says that none is left. */
  if (next == NULL && !wb_list_view_showing_list (LIST (self)))
    wb_list_view_show_list (LIST (self));
  else
    wb_list_view_focus_row (LIST (self), next);
  /* Where it can be seen: GTK 4.8 hides the ring after the dialog's window. */
  if (GTK_IS_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))))
    gtk_window_set_focus_visible (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), TRUE);
  wb_list_view_toast (LIST (self), message);
  g_signal_emit (self, signals[DECIDED], 0, decided);
  self->keep_id = next != NULL ? wb_record_get_id (next) : 0;
  self->keep_focus = next != NULL;
  wb_review_queue_reload (self);
}

static void
on_dialog_stale_cb (WbReviewDecisionDialog *dialog,
                    WbReviewQueue          *self)
{
  WbRecord *selected = wb_review_queue_get_selected (self);

  self->keep_id = selected != NULL ? wb_record_get_id (selected) : 0;
  wb_review_queue_reload (self);
}

WbReviewDecisionDialog *
wb_review_queue_decide (WbReviewQueue    *self,
                        WbDecisionAction  action)
{
  WbReviewDecisionDialog *dialog;
  WbRecord *review;

  g_return_val_if_fail (WB_IS_REVIEW_QUEUE (self), NULL);

  review = wb_review_queue_get_selected (self);
  if (review == NULL || !wb_review_queue_can_decide (self, action))
    return NULL;
  dialog = wb_review_decision_dialog_new (session_of (self), review, action);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  g_signal_connect_object (dialog, "decided", G_CALLBACK (on_dialog_decided_cb), self, 0);
  g_signal_connect_object (dialog, "stale", G_CALLBACK (on_dialog_stale_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
on_page_decide_cb (WbReviewPage  *page,
                   guint          action,
                   WbReviewQueue *self)
{
  /* The page shows the selected review. */
  wb_review_queue_decide (self, action);
}

static void
on_handed_over_cb (WbHandoverDialog *dialog,
                   JsonObject       *result,
                   WbReviewQueue    *self)
{
  JsonArray *accounts = wb_json_get_array (result, "accounts");
  guint n = accounts != NULL ? json_array_get_length (accounts) : 0;
  g_autofree char *message = NULL;

  /* TRANSLATORS: a toast after a handover: how many accounts */
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u account was handed over; its successor has been told",
                                          "%u accounts were handed over; their successors have been told", n), n);
  wb_list_view_toast (LIST (self), message);
  /* Each account changed owner, as after a decision: the account list follows. */
  for (guint i = 0; i < n; i++)
    {
      JsonObject *account = json_array_get_object_element (accounts, i);
      g_autoptr(JsonObject) touched = json_object_new ();
      JsonObject *employer = json_object_new ();
      g_autoptr(WbRecord) record = NULL;

      json_object_set_int_member (employer, "id", wb_json_get_int (account, "employer_id"));
      json_object_set_string_member (touched, "decision", "handover");
      json_object_set_object_member (touched, "employer", employer);
      record = wb_record_new (WB_RESOURCE_EMPLOYERS, touched);
      g_signal_emit (self, signals[DECIDED], 0, record);
    }
  wb_review_queue_reload (self);
}

static void
on_page_hand_over_cb (WbReviewPage  *page,
                      gint64         owner_id,
                      const char    *owner_name,
                      WbReviewQueue *self)
{
  WbHandoverDialog *dialog;

  if (session_of (self) == NULL || owner_id <= 0)
    return;
  dialog = wb_handover_dialog_new (session_of (self), owner_id, owner_name);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  g_signal_connect_object (dialog, "handed-over", G_CALLBACK (on_handed_over_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_page_open_account_cb (WbReviewPage  *page,
                         gint64         employer_id,
                         WbReviewQueue *self)
{
  g_signal_emit (self, signals[OPEN_ACCOUNT], 0, employer_id);
}

/* The list machinery's hooks */

static WbListModel *
wb_review_queue_create_model (WbListView *view,
                              WbSession  *session)
{
  WbListModel *model = WB_LIST_MODEL (wb_review_list_model_new (session));

  g_signal_connect_object (model, "notify::n-loaded", G_CALLBACK (on_n_loaded_cb), view, 0);
  g_signal_connect_object (model, "items-changed", G_CALLBACK (on_items_changed_cb), view, G_CONNECT_AFTER);
  return model;
}

static WbRecordPage *
wb_review_queue_create_page (WbListView *view)
{
  WbReviewPage *page = wb_review_page_new ();

  g_signal_connect_object (page, "decide", G_CALLBACK (on_page_decide_cb), view, 0);
  g_signal_connect_object (page, "hand-over", G_CALLBACK (on_page_hand_over_cb), view, 0);
  g_signal_connect_object (page, "open-account", G_CALLBACK (on_page_open_account_cb), view, 0);
  return WB_RECORD_PAGE (page);
}

static WbRecord *
wb_review_queue_dup_summary (WbListView *view,
                             gpointer    row)
{
  return g_object_ref (row);
}

/* The arrangements reported to the WSP, which the coordinators follow per quarter. */
static void
on_arrangements_clicked_cb (GtkButton     *button,
                            WbReviewQueue *self)
{
  if (session_of (self) != NULL)
    wb_arrangements_view_present (session_of (self), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
}

/* GObject */

static gboolean
on_refresh_shortcut_cb (GtkWidget *widget,
                        GVariant  *args,
                        gpointer   user_data)
{
  wb_review_queue_reload (WB_REVIEW_QUEUE (widget));
  return TRUE;
}

static void
wb_review_queue_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  WbReviewQueue *self = WB_REVIEW_QUEUE (object);

  switch (prop_id)
    {
    case PROP_N_OPEN:
      g_value_set_uint (value, wb_review_queue_get_n_open (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_review_queue_class_init (WbReviewQueueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  WbListViewClass *list_class = WB_LIST_VIEW_CLASS (klass);

  object_class->get_property = wb_review_queue_get_property;
  list_class->create_model = wb_review_queue_create_model;
  list_class->create_page = wb_review_queue_create_page;
  list_class->dup_summary = wb_review_queue_dup_summary;

  properties[PROP_N_OPEN] =
    g_param_spec_uint ("n-open", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[DECIDED] = g_signal_new ("decided", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, WB_TYPE_RECORD);
  signals[OPEN_ACCOUNT] = g_signal_new ("open-account", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_F5, 0, on_refresh_shortcut_cb, NULL);
  gtk_widget_class_set_css_name (widget_class, "wbreviewqueue");
}

static void
wb_review_queue_init (WbReviewQueue *self)
{
  wb_list_view_set_spec (LIST (self), wb_review_list_spec ());

  self->refresh_button = gtk_button_new_from_icon_name ("view-refresh-symbolic");
  gtk_widget_set_valign (self->refresh_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (self->refresh_button, _("Read the queue again (F5)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->refresh_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Refresh the queue"), -1);
  g_signal_connect_swapped (self->refresh_button, "clicked", G_CALLBACK (wb_review_queue_reload), self);
  wb_list_view_add_tool (LIST (self), self->refresh_button);
  self->arrangements_button = gtk_button_new_from_icon_name ("emblem-documents-symbolic");
  gtk_widget_set_valign (self->arrangements_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (self->arrangements_button, _("The potential arrangements reported to the WSP, per quarter"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->arrangements_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reported arrangements"), -1);
  g_signal_connect (self->arrangements_button, "clicked", G_CALLBACK (on_arrangements_clicked_cb), self);
  wb_list_view_add_tool (LIST (self), self->arrangements_button);
  g_signal_connect (self, "notify::loaded", G_CALLBACK (on_loaded_cb), NULL);
}

/* Public API */

WbReviewQueue *
wb_review_queue_new (void)
{
  return g_object_new (WB_TYPE_REVIEW_QUEUE, NULL);
}

void
wb_review_queue_set_session (WbReviewQueue *self,
                             WbSession     *session)
{
  g_return_if_fail (WB_IS_REVIEW_QUEUE (self));
  g_return_if_fail (session == NULL || WB_IS_SESSION (session));

  self->keep_id = 0;
  wb_list_view_set_session (LIST (self), session);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_OPEN]);
}

void
wb_review_queue_reload (WbReviewQueue *self)
{
  WbSession *session;

  g_return_if_fail (WB_IS_REVIEW_QUEUE (self));

  /* Without a server (a test, or signed out) the queue stays as it is. */
  session = session_of (self);
  if (session == NULL || wb_session_get_api (session) == NULL)
    return;
  wb_list_view_reload (LIST (self));
}

guint
wb_review_queue_get_n_open (WbReviewQueue *self)
{
  g_return_val_if_fail (WB_IS_REVIEW_QUEUE (self), 0);
  return wb_list_model_get_n_loaded (wb_list_view_get_model (LIST (self)));
}

GListModel *
wb_review_queue_get_model (WbReviewQueue *self)
{
  g_return_val_if_fail (WB_IS_REVIEW_QUEUE (self), NULL);
  return G_LIST_MODEL (wb_list_view_get_model (LIST (self)));
}

void
wb_review_queue_set_reviews (WbReviewQueue *self,
                             GListModel    *reviews)
{
  g_return_if_fail (WB_IS_REVIEW_QUEUE (self));
  g_return_if_fail (G_IS_LIST_MODEL (reviews));

  wb_list_view_set_records (LIST (self), reviews);
}

void
wb_review_queue_set_filter (WbReviewQueue *self,
                            const char    *text)
{
  g_return_if_fail (WB_IS_REVIEW_QUEUE (self));

  gtk_editable_set_text (GTK_EDITABLE (wb_list_view_get_filter_widget (LIST (self), WB_REVIEW_FILTER_TEXT)),
                         text != NULL ? text : "");
}

gboolean
wb_review_queue_select (WbReviewQueue *self,
                        gint64         review_id)
{
  gpointer row;

  g_return_val_if_fail (WB_IS_REVIEW_QUEUE (self), FALSE);

  row = wb_list_model_find (wb_list_view_get_model (LIST (self)), review_id);
  return row != NULL && wb_list_view_select_row (LIST (self), row);
}

WbRecord *
wb_review_queue_get_selected (WbReviewQueue *self)
{
  g_return_val_if_fail (WB_IS_REVIEW_QUEUE (self), NULL);
  return wb_list_view_get_selected_row (LIST (self));
}

WbReviewPage *
wb_review_queue_get_page (WbReviewQueue *self)
{
  g_return_val_if_fail (WB_IS_REVIEW_QUEUE (self), NULL);
  return page_of (self);
}

void
wb_review_queue_focus_filter (WbReviewQueue *self)
{
  g_return_if_fail (WB_IS_REVIEW_QUEUE (self));
  wb_list_view_focus_search (LIST (self));
}

gboolean
wb_review_queue_can_decide (WbReviewQueue    *self,
                            WbDecisionAction  action)
{
  g_return_val_if_fail (WB_IS_REVIEW_QUEUE (self), FALSE);
  return wb_review_can_decide (wb_review_queue_get_selected (self), session_of (self), action);
}
