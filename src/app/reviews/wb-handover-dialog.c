/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-handover-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-dialog.h"
#include "wb-a11y.h"
#include "wb-account-history.h"
#include "wb-account-rules.h"
#include "wb-form.h"

#include "wb-handover-dialog.h"

/* One account of the proposal and its choice of successor. */
typedef struct {
  gint64 employer_id;
  char *name;
  GArray *successor_ids;    /* gint64, in the order of the drop-down */
  GtkDropDown *choice;      /* NULL when nobody fits */
} Account;

struct _WbHandoverDialog
{
  AdwWindow parent_instance;

  WbSession *session;
  gint64 user_id;
  char *user_name;
  GCancellable *cancellable;
  GPtrArray *accounts;      /* Account */
  gboolean busy;

  WbForm form;
  GtkStack *stack;
  AdwStatusPage *status_page;
  AdwPreferencesPage *page;
  AdwPreferencesGroup *accounts_group;
};

G_DEFINE_FINAL_TYPE (WbHandoverDialog, wb_handover_dialog, ADW_TYPE_WINDOW)

enum {
  HANDED_OVER,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
account_free (Account *account)
{
  g_free (account->name);
  g_clear_pointer (&account->successor_ids, g_array_unref);
  g_free (account);
}

static void
show_message (WbHandoverDialog *self,
              const char       *message)
{
  wb_form_show_message (&self->form, message);
}

static void
set_busy (WbHandoverDialog *self,
          gboolean          busy)
{
  self->busy = busy;
  wb_form_set_busy (&self->form, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->form.submit), !busy && self->accounts->len > 0);
}

/* Building the accounts from the proposal */

static void
add_account (WbHandoverDialog *self,
             JsonObject       *item)
{
  JsonObject *employer = json_object_get_object_member (item, "employer");
  JsonArray *successors = json_object_get_array_member (item, "successors");
  JsonNode *briefing = json_object_get_member (item, "briefing");
  Account *account = g_new0 (Account, 1);
  GtkWidget *row = adw_expander_row_new ();
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autofree char *subtitle = NULL;
  g_autofree char *choice_label = NULL;
  gint64 proposed = wb_json_get_int (item, "successor_id");
  gint64 employees = wb_json_get_int (employer, "employee_count");
  guint selected = 0;

  account->employer_id = wb_json_get_int (employer, "id");
  account->name = g_strdup (wb_json_get_string (employer, "name") ?: "?");
  account->successor_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; successors != NULL && i < json_array_get_length (successors); i++)
    {
      JsonObject *successor = json_array_get_object_element (successors, i);
      gint64 id = wb_json_get_int (successor, "id");
      guint n = (guint) wb_json_get_int (successor, "accounts");
      /* TRANSLATORS: a successor to choose: name (organisation) · how many accounts they own */
      g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%s) · %u account", "%s (%s) · %u accounts", n),
                                                wb_json_get_string (successor, "display_name") ?: "?",
                                                wb_json_get_string (successor, "organisation") ?: "?", n);

      if (id == proposed)
        selected = account->successor_ids->len;
      gtk_string_list_append (labels, label);
      g_array_append_val (account->successor_ids, id);
    }

  /* TRANSLATORS: an account to hand over: its size and municipality; the briefing unfolds under it */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d employee · %s", "%d employees · %s",
                                           (gulong) MAX (employees, 0)),
                              (int) employees, wb_json_get_string (employer, "municipality") ?: "?");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), account->name);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  if (account->successor_ids->len > 0)
    {
      account->choice = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (labels)), NULL));
      gtk_drop_down_set_selected (account->choice, selected);
      gtk_widget_set_valign (GTK_WIDGET (account->choice), GTK_ALIGN_CENTER);
      choice_label = g_strdup_printf (_("Successor for %s"), account->name);
      wb_a11y_set_label (GTK_WIDGET (account->choice), choice_label);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), GTK_WIDGET (account->choice));
    }
  else
    {
      GtkWidget *nobody = gtk_label_new (_("Nobody fits the rule"));

      gtk_widget_add_css_class (nobody, "error");
      adw_expander_row_add_action (ADW_EXPANDER_ROW (row), nobody);
    }
  if (briefing != NULL && JSON_NODE_HOLDS_OBJECT (briefing))
    wb_account_briefing_add_rows (ADW_EXPANDER_ROW (row), json_node_get_object (briefing));
  adw_preferences_group_add (self->accounts_group, row);
  g_ptr_array_add (self->accounts, account);
}

void
wb_handover_dialog_set_proposal (WbHandoverDialog *self,
                                 JsonObject       *proposal)
{
  JsonArray *items;
  g_autofree char *title = NULL;
  guint n;

  g_return_if_fail (WB_IS_HANDOVER_DIALOG (self));
  g_return_if_fail (proposal != NULL);

  items = json_object_get_array_member (proposal, "accounts");
  n = items != NULL ? json_array_get_length (items) : 0;
  for (guint i = 0; i < n; i++)
    add_account (self, json_array_get_object_element (items, i));
  /* TRANSLATORS: the title above the accounts to hand over: how many, and whose */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u account of %s", "%u accounts of %s", n),
                           n, self->user_name);
  adw_preferences_group_set_title (self->accounts_group, title);
  if (n == 0)
    {
      g_autofree char *none = g_strdup_printf (_("%s owns no account any more: there is nothing to hand over."),
                                               self->user_name);

      adw_status_page_set_title (self->status_page, _("Nothing to Hand Over"));
      adw_status_page_set_description (self->status_page, none);
      gtk_stack_set_visible_child_name (self->stack, "status");
    }
  else
    gtk_stack_set_visible_child_name (self->stack, "accounts");
  set_busy (self, FALSE);
}

static void
on_proposal_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(WbHandoverDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = wb_api_client_request_finish (WB_API_CLIENT (source), result, NULL, &error);

  if (node == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      adw_status_page_set_title (self->status_page, _("The Accounts Could Not Be Read"));
      adw_status_page_set_description (self->status_page, error != NULL ? error->message : NULL);
      gtk_stack_set_visible_child_name (self->stack, "status");
      return;
    }
  wb_handover_dialog_set_proposal (self, json_node_get_object (node));
}

/* Sending it */

JsonObject *
wb_handover_dialog_dup_body (WbHandoverDialog *self)
{
  g_autoptr(JsonObject) body = NULL;
  g_autofree char *reason = NULL;
  JsonArray *assignments;

  g_return_val_if_fail (WB_IS_HANDOVER_DIALOG (self), NULL);

  gtk_widget_remove_css_class (GTK_WIDGET (self->form.reason), "error");
  reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->form.reason))));
  if (*reason == '\0')
    {
      /* The server would say the same; saying it here saves a round trip. */
      gtk_widget_add_css_class (GTK_WIDGET (self->form.reason), "error");
      show_message (self, _("Write down why the accounts change hands: the reason is required and goes into the "
                            "history of every account."));
      return NULL;
    }
  for (guint i = 0; i < self->accounts->len; i++)
    {
      Account *account = self->accounts->pdata[i];

      if (account->choice == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("Nobody fits the rule for %s: assign it in the review queue first, "
                                                        "then hand over the rest."), account->name);

          show_message (self, message);
          return NULL;
        }
    }

  body = json_object_new ();
  assignments = json_array_new ();
  json_object_set_string_member (body, "reason", reason);
  for (guint i = 0; i < self->accounts->len; i++)
    {
      Account *account = self->accounts->pdata[i];
      JsonObject *assignment = json_object_new ();
      guint selected = gtk_drop_down_get_selected (account->choice);

      json_object_set_int_member (assignment, "employer_id", account->employer_id);
      json_object_set_int_member (assignment, "owner_id", g_array_index (account->successor_ids, gint64,
                                                                          MIN (selected, account->successor_ids->len - 1)));
      json_array_add_object_element (assignments, assignment);
    }
  json_object_set_array_member (body, "assignments", assignments);
  show_message (self, NULL);
  return g_steal_pointer (&body);
}

static void
on_handed_over_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(WbHandoverDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = wb_api_client_request_finish (WB_API_CLIENT (source), result, NULL, &error);
  WbProblem *problem;

  if (node == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      g_signal_emit (self, signals[HANDED_OVER], 0, json_node_get_object (node));
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  /* What was chosen and typed stays; the message says what to change. */
  problem = error != NULL ? wb_api_error_get_problem (error) : NULL;
  if (problem != NULL && problem->errors != NULL && problem->errors->len > 0)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; i < problem->errors->len; i++)
        {
          WbFieldError *field_error = problem->errors->pdata[i];

          g_string_append_printf (text, "%s%s", i > 0 ? "\n" : "", field_error->message);
        }
      show_message (self, text->str);
    }
  else if (g_error_matches (error, WB_API_ERROR, WB_API_ERROR_NETWORK))
    show_message (self, _("Not handed over: the server cannot be reached. Your choices are kept here; try again."));
  else
    show_message (self, error != NULL ? error->message : _("The server gave no answer."));
}

void
wb_handover_dialog_submit (WbHandoverDialog *self)
{
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *path = NULL;
  WbApiClient *api;

  g_return_if_fail (WB_IS_HANDOVER_DIALOG (self));

  if (self->busy || (body = wb_handover_dialog_dup_body (self)) == NULL)
    return;
  api = wb_session_get_api (self->session);
  if (api == NULL)
    return;
  set_busy (self, TRUE);
  path = g_strdup_printf ("api/v1/users/%" G_GINT64_FORMAT "/handover", self->user_id);
  node = json_node_init_object (json_node_alloc (), body);
  wb_api_client_request_async (api, "POST", path, node, NULL, self->cancellable, on_handed_over_cb, g_object_ref (self));
}

static void
on_submit_clicked_cb (GtkButton        *button,
                      WbHandoverDialog *self)
{
  wb_handover_dialog_submit (self);
}

/* Building the window */

static void
build (WbHandoverDialog *self)
{
  g_autofree char *title = g_strdup_printf (_("Hand over the accounts of %s"), self->user_name);
  GtkWidget *content, *spinner;

  content = wb_form_build (&self->form, GTK_WINDOW (self), title, _("All accounts in one step"), _("_Hand Over"),
                           _("Hand over"), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->form.submit), FALSE);
  g_signal_connect (self->form.submit, "clicked", G_CALLBACK (on_submit_clicked_cb), self);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  spinner = gtk_spinner_new ();
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  gtk_stack_add_named (self->stack, spinner, "loading");
  self->status_page = ADW_STATUS_PAGE (adw_status_page_new ());
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->status_page), "status");

  self->page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  self->accounts_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_description (self->accounts_group,
                                         _("Each account goes to the successor chosen beside it, whom the rule allows: "
                                           "the WSP of the subregion for 25 or more employees, a local account manager "
                                           "of the municipality below. The one with the fewest accounts is proposed. "
                                           "Each successor is told and finds the briefing on the account."));
  adw_preferences_page_add (self->page, self->accounts_group);
  adw_preferences_page_add (self->page,
                            wb_form_reason_group (&self->form, _("Required. It is kept on the history of every account "
                                                                 "and in the audit log, and the successors read it."),
                                                  _("_Why the accounts change hands"), _("For example: left on 30 June")));
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->page), "accounts");
  gtk_stack_set_visible_child_name (self->stack, "loading");
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->stack));
}

/* GObject */

static void
wb_handover_dialog_dispose (GObject *object)
{
  WbHandoverDialog *self = WB_HANDOVER_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_pointer (&self->accounts, g_ptr_array_unref);
  g_clear_pointer (&self->user_name, g_free);

  G_OBJECT_CLASS (wb_handover_dialog_parent_class)->dispose (object);
}

static void
wb_handover_dialog_class_init (WbHandoverDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /* A screen reader announces it as a dialog, not as another window. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);

  object_class->dispose = wb_handover_dialog_dispose;

  signals[HANDED_OVER] = g_signal_new ("handed-over", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, JSON_TYPE_OBJECT);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wb_handover_dialog_init (WbHandoverDialog *self)
{
  self->cancellable = g_cancellable_new ();
  self->accounts = g_ptr_array_new_with_free_func ((GDestroyNotify) account_free);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  wb_dialog_fit (GTK_WINDOW (self), 820, 640);
}

WbHandoverDialog *
wb_handover_dialog_new (WbSession  *session,
                        gint64      user_id,
                        const char *user_name)
{
  WbHandoverDialog *self;
  WbApiClient *api;

  g_return_val_if_fail (WB_IS_SESSION (session), NULL);
  g_return_val_if_fail (user_id > 0, NULL);

  /* The role on the instance too: libadwaita's window sets its own at construction. */
  self = g_object_new (WB_TYPE_HANDOVER_DIALOG, "accessible-role", GTK_ACCESSIBLE_ROLE_DIALOG, NULL);
  self->session = g_object_ref (session);
  self->user_id = user_id;
  self->user_name = g_strdup (user_name != NULL ? user_name : "?");
  build (self);
  api = wb_session_get_api (session);
  if (api != NULL)
    {
      g_autofree char *path = g_strdup_printf ("api/v1/users/%" G_GINT64_FORMAT "/handover", user_id);

      wb_api_client_request_async (api, "GET", path, NULL, NULL, self->cancellable, on_proposal_cb, g_object_ref (self));
    }
  return self;
}

void
wb_handover_dialog_set_reason (WbHandoverDialog *self,
                               const char       *reason)
{
  g_return_if_fail (WB_IS_HANDOVER_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->form.reason), reason != NULL ? reason : "");
}

gboolean
wb_handover_dialog_choose (WbHandoverDialog *self,
                           gint64            employer_id,
                           gint64            owner_id)
{
  g_return_val_if_fail (WB_IS_HANDOVER_DIALOG (self), FALSE);

  for (guint i = 0; i < self->accounts->len; i++)
    {
      Account *account = self->accounts->pdata[i];

      if (account->employer_id != employer_id || account->choice == NULL)
        continue;
      for (guint s = 0; s < account->successor_ids->len; s++)
        if (g_array_index (account->successor_ids, gint64, s) == owner_id)
          {
            gtk_drop_down_set_selected (account->choice, s);
            return TRUE;
          }
    }
  return FALSE;
}

guint
wb_handover_dialog_get_n_accounts (WbHandoverDialog *self)
{
  g_return_val_if_fail (WB_IS_HANDOVER_DIALOG (self), 0);
  return self->accounts->len;
}

const char *
wb_handover_dialog_get_message (WbHandoverDialog *self)
{
  g_return_val_if_fail (WB_IS_HANDOVER_DIALOG (self), NULL);
  return wb_form_get_message (&self->form);
}
