/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-review-decision-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-dialog.h"
#include "wb-a11y.h"
#include "wb-account-rules.h"
#include "wb-form.h"
#include "wb-api-accounts.h"
#include "wb-review-list.h"

#include "wb-review-decision-dialog.h"

static const struct {
  const char *name;
  const char *title;
  const char *button;
  const char *accessible;
  const char *explanation;
} actions[WB_N_DECISIONS] = {
  [WB_DECISION_APPROVE_EXCEPTION] = {
    "approve_exception", N_("Approve the Exception"), N_("_Approve"), N_("Approve"),
    N_("The local account manager keeps this account of 25 or more employees. Your reason is recorded with the "
       "approval; when a vacancy arises there, the account is flagged to go back to the WSP."),
  },
  [WB_DECISION_TRANSFER_TO_WSP] = {
    "transfer_to_wsp", N_("Transfer to the WSP"), N_("_Transfer"), N_("Transfer"),
    N_("The WSP account manager you choose becomes the owner. An exception of the old owner ends with it. Both "
       "account managers are told."),
  },
  [WB_DECISION_ASSIGN_OWNER] = {
    "assign_owner", N_("Assign an Owner"), N_("_Assign"), N_("Assign"),
    N_("The account manager you choose becomes the owner. An exception of the old owner ends with it. Both "
       "account managers are told."),
  },
  [WB_DECISION_MERGE_DUPLICATES] = {
    "merge_duplicates", N_("Merge the Duplicates"), N_("_Merge"), N_("Merge"),
    N_("The employer you keep gets the contact log, contact persons, vacancies and timeline of the other, which "
       "leaves the list: both histories are kept."),
  },
  [WB_DECISION_DISMISS] = {
    "dismiss", N_("Dismiss the Review"), N_("_Dismiss"), N_("Dismiss"),
    N_("Nothing changes on the account. The same problem is not raised again unless it changes."),
  },
};

const char *
wb_decision_action_to_string (WbDecisionAction action)
{
  g_return_val_if_fail (action < WB_N_DECISIONS, NULL);
  return actions[action].name;
}

static gboolean
owner_is_local (WbSession  *session,
                JsonObject *employer)
{
  JsonNode *node = employer != NULL ? json_object_get_member (employer, "owner_id") : NULL;
  WbRecord *owner, *organisation;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  owner = wb_session_lookup_record (session, WB_RESOURCE_USERS, json_node_get_int (node));
  if (owner == NULL)
    return FALSE;
  organisation = wb_session_lookup_record (session, WB_RESOURCE_ORGANISATIONS,
                                           wb_record_get_int (owner, "organisation_id"));
  return wb_account_owner_type (wb_record_get_string (owner, "role"),
                                organisation != NULL ? wb_record_get_string (organisation, "kind") : NULL) == WB_OWNER_TYPE_LOCAL;
}

gboolean
wb_review_can_decide (WbRecord         *review,
                      WbSession        *session,
                      WbDecisionAction  action)
{
  JsonObject *employer;
  const char *kind;
  gboolean duplicate;

  g_return_val_if_fail (review == NULL || WB_IS_RECORD (review), FALSE);

  if (review == NULL || session == NULL)
    return FALSE;
  employer = wb_review_get_employer (review, "employer");
  kind = wb_record_get_string (review, "kind");
  duplicate = g_strcmp0 (kind, "duplicate") == 0;

  switch (action)
    {
    case WB_DECISION_APPROVE_EXCEPTION:
      /* Only a local owner of 25 or more keeps an account as an exception (the server
       * checks it again); for a duplicate or a dormant account it is not the question. */
      return !duplicate && g_strcmp0 (kind, "dormant") != 0 && g_strcmp0 (kind, "owner_left") != 0 &&
             employer != NULL &&
             json_object_get_int_member_with_default (employer, "employee_count", 0) >= WB_ACCOUNT_WSP_THRESHOLD &&
             owner_is_local (session, employer);
    case WB_DECISION_TRANSFER_TO_WSP:
    case WB_DECISION_ASSIGN_OWNER:
      return !duplicate;
    case WB_DECISION_MERGE_DUPLICATES:
      return duplicate && wb_review_get_employer (review, "related_employer") != NULL;
    case WB_DECISION_DISMISS:
      return TRUE;
    case WB_N_DECISIONS:
    default:
      return FALSE;
    }
}

struct _WbReviewDecisionDialog
{
  AdwWindow parent_instance;

  WbSession *session;
  WbRecord *review;
  WbDecisionAction action;
  GCancellable *cancellable;

  WbForm form;
  GtkDropDown *choice;          /* owners or the employer to keep; NULL when none applies */
  AdwActionRow *choice_row;
  GArray *choice_ids;           /* gint64 */
  gboolean busy;
};

G_DEFINE_FINAL_TYPE (WbReviewDecisionDialog, wb_review_decision_dialog, ADW_TYPE_WINDOW)

enum {
  DECIDED,
  STALE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static int
compare_by_name (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  return g_utf8_collate (wb_record_get_string ((WbRecord *) a, "display_name") ?: "",
                         wb_record_get_string ((WbRecord *) b, "display_name") ?: "");
}

typedef struct {
  WbRecord *user;
  WbSuccessorFit fit;
} Candidate;

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *ca = a;
  const Candidate *cb = b;

  if (ca->fit != cb->fit)
    return ca->fit > cb->fit ? -1 : 1;
  return compare_by_name (ca->user, cb->user, NULL);
}

GListModel *
wb_review_successors (WbSession        *session,
                      WbRecord         *review,
                      WbDecisionAction  action,
                      gboolean         *fit)
{
  JsonObject *employer;
  GListModel *users;
  WbRecord *municipality;
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  GListStore *result;
  const char *region;
  gint64 employees, municipality_id, owner;

  g_return_val_if_fail (WB_IS_SESSION (session), NULL);
  g_return_val_if_fail (WB_IS_RECORD (review), NULL);
  g_return_val_if_fail (action == WB_DECISION_TRANSFER_TO_WSP || action == WB_DECISION_ASSIGN_OWNER, NULL);

  employer = wb_review_get_employer (review, "employer");
  employees = employer != NULL ? json_object_get_int_member_with_default (employer, "employee_count", 0) : 0;
  municipality_id = employer != NULL ? json_object_get_int_member_with_default (employer, "municipality_id", 0) : 0;
  owner = employer != NULL && JSON_NODE_HOLDS_VALUE (json_object_get_member (employer, "owner_id")) ?
          json_object_get_int_member (employer, "owner_id") : 0;
  municipality = wb_session_lookup_record (session, WB_RESOURCE_MUNICIPALITIES, municipality_id);
  region = municipality != NULL ? wb_record_get_string (municipality, "region") :
           employer != NULL ? json_object_get_string_member_with_default (employer, "region", NULL) : NULL;
  /* A transfer asks for the WSP whatever the size says. */
  if (action == WB_DECISION_TRANSFER_TO_WSP)
    employees = MAX (employees, WB_ACCOUNT_WSP_THRESHOLD);

  users = wb_session_get_lookup (session, WB_RESOURCE_USERS);
  for (guint i = 0; users != NULL && i < g_list_model_get_n_items (users); i++)
    {
      g_autoptr(WbRecord) user = g_list_model_get_item (users, i);
      WbRecord *organisation = wb_session_lookup_record (session, WB_RESOURCE_ORGANISATIONS,
                                                         wb_record_get_int (user, "organisation_id"));
      WbSuccessorFacts facts = {
        .role = wb_record_get_string (user, "role"),
        .organisation_kind = organisation != NULL ? wb_record_get_string (organisation, "kind") : NULL,
        .organisation_region = organisation != NULL ? wb_record_get_string (organisation, "region") : NULL,
        .serves_municipality = organisation != NULL && wb_review_organisation_serves (session, organisation, municipality_id),
        .active = wb_review_user_is_active (user),
      };
      Candidate candidate = { user, wb_account_successor_fit (employees, region, &facts) };

      /* The current owner is no one to hand the account to. */
      if (candidate.fit == WB_SUCCESSOR_UNFIT || wb_record_get_id (user) == owner)
        continue;
      g_object_ref (user);
      g_array_append_val (candidates, candidate);
    }

  *fit = candidates->len > 0;
  if (candidates->len == 0)
    /* Where the rule names nobody (a municipality or subregion the session does not know),
     * every account manager of the kind the decision asks for. */
    return wb_review_owner_candidates (session, action == WB_DECISION_TRANSFER_TO_WSP);

  g_array_sort (candidates, compare_candidates);
  result = g_list_store_new (WB_TYPE_RECORD);
  for (guint i = 0; i < candidates->len; i++)
    {
      Candidate *candidate = &g_array_index (candidates, Candidate, i);

      g_list_store_append (result, candidate->user);
      g_object_unref (candidate->user);
    }
  return G_LIST_MODEL (result);
}

GListModel *
wb_review_owner_candidates (WbSession *session,
                            gboolean   wsp_only)
{
  GListModel *users;
  GListStore *candidates;

  g_return_val_if_fail (WB_IS_SESSION (session), NULL);

  users = wb_session_get_lookup (session, WB_RESOURCE_USERS);
  candidates = g_list_store_new (WB_TYPE_RECORD);
  for (guint i = 0; users != NULL && i < g_list_model_get_n_items (users); i++)
    {
      g_autoptr(WbRecord) user = g_list_model_get_item (users, i);
      WbRecord *organisation = wb_session_lookup_record (session, WB_RESOURCE_ORGANISATIONS,
                                                         wb_record_get_int (user, "organisation_id"));
      WbOwnerType type = wb_account_owner_type (wb_record_get_string (user, "role"),
                                                organisation != NULL ? wb_record_get_string (organisation, "kind") : NULL);

      if (type == WB_OWNER_TYPE_NONE || (wsp_only && type != WB_OWNER_TYPE_WSP) || !wb_review_user_is_active (user))
        continue;
      g_list_store_insert_sorted (candidates, user, compare_by_name, NULL);
    }
  return G_LIST_MODEL (candidates);
}

static void
show_message (WbReviewDecisionDialog *self,
              const char             *message)
{
  wb_form_show_message (&self->form, message);
}

static void
set_busy (WbReviewDecisionDialog *self,
          gboolean                busy)
{
  self->busy = busy;
  wb_form_set_busy (&self->form, busy);
}

static const char *
field_label (WbReviewDecisionDialog *self,
             const char             *field)
{
  if (g_strcmp0 (field, "reason") == 0)
    return _("Reason");
  if (g_strcmp0 (field, "owner_id") == 0)
    return _("Account manager");
  if (g_strcmp0 (field, "keep_employer_id") == 0)
    return _("Employer to keep");
  return field;
}

static void
on_fresh_review_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(WbReviewDecisionDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL;
  g_autoptr(JsonNode) node = wb_api_client_request_finish (WB_API_CLIENT (source), result, &etag, &error);
  g_autoptr(WbRecord) fresh = NULL;
  g_autofree char *message = NULL;

  if (node == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      show_message (self, error != NULL ? error->message : _("The review could not be read again."));
      return;
    }
  fresh = wb_record_new (WB_RESOURCE_EMPLOYERS, json_node_get_object (node));
  if (g_strcmp0 (wb_record_get_string (fresh, "status"), "open") != 0)
    {
      /* TRANSLATORS: someone decided the review while this dialog was open */
      message = g_strdup_printf (_("%s decided this review meanwhile. Nothing of yours was saved; close this "
                                   "dialog and look at the queue again."),
                                 wb_record_get_string (fresh, "decided_by_name") ?: _("Someone else"));
      gtk_widget_set_sensitive (GTK_WIDGET (self->form.submit), FALSE);
    }
  else
    {
      g_set_object (&self->review, fresh);
      /* TRANSLATORS: %s is the review's reason as it stands now */
      message = g_strdup_printf (_("The review changed meanwhile; it now says: %s Your reason is kept; decide "
                                   "again to apply it to this version."), wb_record_get_string (fresh, "reason") ?: "");
    }
  show_message (self, message);
}

static void
on_decided_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(WbReviewDecisionDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbRecord) decided = wb_api_reviews_decide_finish (WB_API_CLIENT (source), result, &error);
  WbProblem *problem;

  if (decided == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (decided != NULL)
    {
      g_signal_emit (self, signals[DECIDED], 0, decided);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  /* What was typed stays; the message says what to change. */
  problem = wb_api_error_get_problem (error);
  if (g_error_matches (error, WB_API_ERROR, 412))
    {
      /* Read the review as it is now; deciding again then applies to that version. */
      g_autofree char *path = g_strdup_printf ("api/v1/reviews/%" G_GINT64_FORMAT, wb_record_get_id (self->review));

      set_busy (self, TRUE);
      wb_api_client_request_async (wb_session_get_api (self->session), "GET", path, NULL, NULL, self->cancellable,
                                   on_fresh_review_cb, g_object_ref (self));
      g_signal_emit (self, signals[STALE], 0);
    }
  else if (g_error_matches (error, WB_API_ERROR, 409))
    {
      g_autofree char *message = g_strdup_printf (_("%s The queue has been read again; your reason is kept here."),
                                                  error->message);

      show_message (self, message);
      g_signal_emit (self, signals[STALE], 0);
    }
  else if (problem != NULL && problem->errors != NULL && problem->errors->len > 0)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; i < problem->errors->len; i++)
        {
          WbFieldError *field_error = problem->errors->pdata[i];

          g_string_append_printf (text, "%s%s: %s", i > 0 ? "\n" : "", field_label (self, field_error->field),
                                  field_error->message);
          if (g_str_equal (field_error->field, "reason"))
            gtk_widget_add_css_class (GTK_WIDGET (self->form.reason), "error");
        }
      show_message (self, text->str);
    }
  else if (g_error_matches (error, WB_API_ERROR, WB_API_ERROR_NETWORK))
    show_message (self, _("Not decided: the server cannot be reached. Your reason is kept here; try again."));
  else
    show_message (self, error->message);
}

void
wb_review_decision_dialog_submit (WbReviewDecisionDialog *self)
{
  g_autoptr(JsonObject) decision = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *etag = NULL;

  g_return_if_fail (WB_IS_REVIEW_DECISION_DIALOG (self));

  if (self->busy)
    return;
  gtk_widget_remove_css_class (GTK_WIDGET (self->form.reason), "error");
  reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->form.reason))));
  if (*reason == '\0')
    {
      /* The server would say the same; saying it here saves a round trip. */
      gtk_widget_add_css_class (GTK_WIDGET (self->form.reason), "error");
      show_message (self, _("Write down why you decide so: the reason is required and goes into the audit log."));
      gtk_widget_grab_focus (GTK_WIDGET (self->form.reason));
      return;
    }

  decision = json_object_new ();
  json_object_set_string_member (decision, "action", actions[self->action].name);
  json_object_set_string_member (decision, "reason", reason);
  if (self->choice != NULL)
    {
      guint selected = gtk_drop_down_get_selected (self->choice);

      if (selected >= self->choice_ids->len)
        {
          show_message (self, _("Choose who takes the account over."));
          return;
        }
      json_object_set_int_member (decision, self->action == WB_DECISION_MERGE_DUPLICATES ? "keep_employer_id" : "owner_id",
                                  g_array_index (self->choice_ids, gint64, selected));
    }

  show_message (self, NULL);
  set_busy (self, TRUE);
  etag = wb_record_dup_etag (self->review);
  wb_api_reviews_decide_async (wb_session_get_api (self->session), wb_record_get_id (self->review), etag, decision,
                               self->cancellable, on_decided_cb, g_object_ref (self));
}

static void
on_submit_clicked_cb (GtkButton              *button,
                      WbReviewDecisionDialog *self)
{
  wb_review_decision_dialog_submit (self);
}

/* Building */

static char *
employer_label (JsonObject *employer)
{
  /* TRANSLATORS: an employer to keep when two are merged: name, KvK number, owner */
  return g_strdup_printf (_("%s (KvK %s, %s)"), json_object_get_string_member_with_default (employer, "name", "?"),
                          json_object_get_string_member_with_default (employer, "kvk", "?"),
                          json_object_get_string_member_with_default (employer, "owner_name", _("no owner")));
}

static void
build_choice (WbReviewDecisionDialog *self,
              AdwPreferencesGroup    *group)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  const char *title;

  self->choice_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (self->action == WB_DECISION_MERGE_DUPLICATES)
    {
      const char *members[] = { "employer", "related_employer" };

      title = _("Employer to keep");
      for (guint i = 0; i < G_N_ELEMENTS (members); i++)
        {
          JsonObject *employer = wb_review_get_employer (self->review, members[i]);
          g_autofree char *label = NULL;
          gint64 id;

          if (employer == NULL)
            continue;
          id = json_object_get_int_member (employer, "id");
          label = employer_label (employer);
          gtk_string_list_append (labels, label);
          g_array_append_val (self->choice_ids, id);
        }
    }
  else
    {
      gboolean fit = FALSE;
      g_autoptr(GListModel) candidates = wb_review_successors (self->session, self->review, self->action, &fit);
      JsonObject *employer = wb_review_get_employer (self->review, "employer");
      gint64 owner = employer != NULL && JSON_NODE_HOLDS_VALUE (json_object_get_member (employer, "owner_id")) ?
                     json_object_get_int_member (employer, "owner_id") : 0;

      /* Those who may own the account by the rule, the best first and chosen; where the rule
       * names nobody, everyone of the kind, and the dialog says so. */
      if (!fit)
        {
          g_autofree char *description = g_strdup_printf ("%s\n\n%s", adw_preferences_group_get_description (group),
                                                          _("Nobody fits the rule for this account as far as Werkbrug "
                                                            "knows its municipality: every account manager of the kind "
                                                            "this decision asks for is offered."));

          adw_preferences_group_set_description (group, description);
        }
      title = self->action == WB_DECISION_TRANSFER_TO_WSP ? _("WSP account manager") : _("Account manager");
      for (guint i = 0; i < g_list_model_get_n_items (candidates); i++)
        {
          g_autoptr(WbRecord) user = g_list_model_get_item (candidates, i);
          const char *org = wb_session_lookup_name (self->session, WB_RESOURCE_ORGANISATIONS,
                                                    wb_record_get_int (user, "organisation_id"));
          g_autofree char *label = g_strdup_printf ("%s (%s)", wb_record_get_string (user, "display_name"),
                                                    org != NULL ? org : "?");
          gint64 id = wb_record_get_id (user);

          /* The current owner is no one to hand the account to. */
          if (id == owner)
            continue;
          gtk_string_list_append (labels, label);
          g_array_append_val (self->choice_ids, id);
        }
    }

  self->choice = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (labels)), NULL));
  gtk_drop_down_set_enable_search (self->choice, TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self->choice), GTK_ALIGN_CENTER);
  wb_a11y_set_label (GTK_WIDGET (self->choice), title);
  self->choice_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->choice_row), title);
  adw_action_row_add_suffix (self->choice_row, GTK_WIDGET (self->choice));
  adw_action_row_set_activatable_widget (self->choice_row, GTK_WIDGET (self->choice));
  adw_preferences_group_add (group, GTK_WIDGET (self->choice_row));
}

static void
build (WbReviewDecisionDialog *self)
{
  JsonObject *employer = wb_review_get_employer (self->review, "employer");
  const char *name = employer != NULL ? json_object_get_string_member_with_default (employer, "name", "?") : "?";
  GtkWidget *content, *page;
  AdwPreferencesGroup *group;
  g_autofree char *description = NULL;

  content = wb_form_build (&self->form, GTK_WINDOW (self), _(actions[self->action].title), name,
                           _(actions[self->action].button), _(actions[self->action].accessible),
                           self->action == WB_DECISION_DISMISS);
  g_signal_connect (self->form.submit, "clicked", G_CALLBACK (on_submit_clicked_cb), self);

  page = adw_preferences_page_new ();
  gtk_widget_set_vexpand (page, TRUE);
  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  description = g_strdup_printf ("%s\n\n%s", wb_record_get_string (self->review, "reason") ?: "",
                                 _(actions[self->action].explanation));
  adw_preferences_group_set_title (group, name);
  adw_preferences_group_set_description (group, description);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), group);

  if (self->action == WB_DECISION_TRANSFER_TO_WSP || self->action == WB_DECISION_ASSIGN_OWNER ||
      self->action == WB_DECISION_MERGE_DUPLICATES)
    build_choice (self, group);

  group = wb_form_reason_group (&self->form, _("Required. It is kept with the decision, in the audit log, and the "
                                                "account managers it touches read it."),
                                _("_Why you decide so"),
                                self->action == WB_DECISION_APPROVE_EXCEPTION ?
                                _("For example: goede ingang, years of good contact with the owner") : NULL);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), group);

  gtk_box_append (GTK_BOX (content), page);
}

static void
wb_review_decision_dialog_dispose (GObject *object)
{
  WbReviewDecisionDialog *self = (WbReviewDecisionDialog *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_object (&self->review);
  g_clear_pointer (&self->choice_ids, g_array_unref);

  G_OBJECT_CLASS (wb_review_decision_dialog_parent_class)->dispose (object);
}

static void
wb_review_decision_dialog_class_init (WbReviewDecisionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /* A screen reader announces it as a dialog, not as another window. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);

  object_class->dispose = wb_review_decision_dialog_dispose;

  signals[DECIDED] = g_signal_new ("decided", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, WB_TYPE_RECORD);
  signals[STALE] = g_signal_new ("stale", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wb_review_decision_dialog_init (WbReviewDecisionDialog *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  wb_dialog_fit (GTK_WINDOW (self), 560, 520);
}

WbReviewDecisionDialog *
wb_review_decision_dialog_new (WbSession        *session,
                               WbRecord         *review,
                               WbDecisionAction  action)
{
  WbReviewDecisionDialog *self;

  g_return_val_if_fail (WB_IS_SESSION (session), NULL);
  g_return_val_if_fail (WB_IS_RECORD (review), NULL);
  g_return_val_if_fail (action < WB_N_DECISIONS, NULL);

  /* The role on the instance too: libadwaita's window sets its own at construction. */
  self = g_object_new (WB_TYPE_REVIEW_DECISION_DIALOG, "accessible-role", GTK_ACCESSIBLE_ROLE_DIALOG, NULL);
  self->session = g_object_ref (session);
  self->review = g_object_ref (review);
  self->action = action;
  build (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->form.reason));
  return self;
}

WbDecisionAction
wb_review_decision_dialog_get_action (WbReviewDecisionDialog *self)
{
  g_return_val_if_fail (WB_IS_REVIEW_DECISION_DIALOG (self), WB_N_DECISIONS);
  return self->action;
}

void
wb_review_decision_dialog_set_reason (WbReviewDecisionDialog *self,
                                      const char             *reason)
{
  g_return_if_fail (WB_IS_REVIEW_DECISION_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->form.reason), reason != NULL ? reason : "");
}

gboolean
wb_review_decision_dialog_choose (WbReviewDecisionDialog *self,
                                  gint64                  id)
{
  g_return_val_if_fail (WB_IS_REVIEW_DECISION_DIALOG (self), FALSE);

  for (guint i = 0; self->choice_ids != NULL && i < self->choice_ids->len; i++)
    if (g_array_index (self->choice_ids, gint64, i) == id)
      {
        gtk_drop_down_set_selected (self->choice, i);
        return TRUE;
      }
  return FALSE;
}

GArray *
wb_review_decision_dialog_dup_choices (WbReviewDecisionDialog *self)
{
  GArray *copy = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (WB_IS_REVIEW_DECISION_DIALOG (self), copy);
  if (self->choice_ids != NULL)
    g_array_append_vals (copy, self->choice_ids->data, self->choice_ids->len);
  return copy;
}

gint64
wb_review_decision_dialog_get_chosen (WbReviewDecisionDialog *self)
{
  guint selected;

  g_return_val_if_fail (WB_IS_REVIEW_DECISION_DIALOG (self), 0);

  if (self->choice == NULL)
    return 0;
  selected = gtk_drop_down_get_selected (self->choice);
  return selected < self->choice_ids->len ? g_array_index (self->choice_ids, gint64, selected) : 0;
}

const char *
wb_review_decision_dialog_get_message (WbReviewDecisionDialog *self)
{
  g_return_val_if_fail (WB_IS_REVIEW_DECISION_DIALOG (self), NULL);
  return wb_form_get_message (&self->form);
}
