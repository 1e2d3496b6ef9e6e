/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-review-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-a11y.h"
#include "wb-review-list.h"

#include "wb-review-page.h"

struct _WbReviewPage
{
  WbRecordPage parent_instance;

  WbSession *session;
  WbRecord *review;
  GtkButton *buttons[WB_N_DECISIONS];
  GtkButton *hand_over;
  WbDecisionAction suggested;
};

G_DEFINE_FINAL_TYPE (WbReviewPage, wb_review_page, WB_TYPE_RECORD_PAGE)

enum {
  DECIDE,
  HAND_OVER,
  OPEN_ACCOUNT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define PAGE(self) WB_RECORD_PAGE (self)

static const struct {
  const char *name;
  const char *label;
  const char *accessible;
} decisions[WB_N_DECISIONS] = {
  [WB_DECISION_APPROVE_EXCEPTION] = { "approve_exception", N_("_Approve Exception…"), N_("Approve an exception") },
  [WB_DECISION_TRANSFER_TO_WSP] = { "transfer_to_wsp", N_("_Transfer to WSP…"), N_("Transfer to the WSP") },
  [WB_DECISION_ASSIGN_OWNER] = { "assign_owner", N_("A_ssign Owner…"), N_("Assign an owner") },
  [WB_DECISION_MERGE_DUPLICATES] = { "merge_duplicates", N_("_Merge Duplicates…"), N_("Merge the duplicates") },
  [WB_DECISION_DISMISS] = { "dismiss", N_("_Dismiss…"), N_("Dismiss the review") },
};

/* The app's decisions are the rule's actions, in the same order. */
G_STATIC_ASSERT ((int) WB_N_DECISIONS == (int) WB_N_ACCOUNT_ACTIONS);
G_STATIC_ASSERT ((int) WB_DECISION_TRANSFER_TO_WSP == (int) WB_ACCOUNT_ACTION_TRANSFER_TO_WSP);
G_STATIC_ASSERT ((int) WB_DECISION_ASSIGN_OWNER == (int) WB_ACCOUNT_ACTION_ASSIGN_OWNER);
G_STATIC_ASSERT ((int) WB_DECISION_DISMISS == (int) WB_ACCOUNT_ACTION_DISMISS);

static void
on_decision_clicked_cb (GtkButton    *button,
                        WbReviewPage *self)
{
  g_signal_emit (self, signals[DECIDE], 0, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "action")));
}

static void
on_hand_over_clicked_cb (GtkButton    *button,
                         WbReviewPage *self)
{
  JsonObject *employer = wb_review_get_employer (self->review, "employer");

  if (employer != NULL)
    g_signal_emit (self, signals[HAND_OVER], 0, wb_json_get_int (employer, "owner_id"),
                   wb_json_get_string (employer, "owner_name"));
}

static void
on_open_account_clicked_cb (GtkButton    *button,
                            WbReviewPage *self)
{
  g_signal_emit (self, signals[OPEN_ACCOUNT], 0, (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "employer")));
}

/* Why the rule suggests what it does, in one sentence. */
static char *
suggestion_sentence (WbReviewPage     *self,
                     WbDecisionAction  action,
                     JsonObject       *employer)
{
  gint64 employees = wb_json_get_int (employer, "employee_count");
  const char *municipality = wb_json_get_string (employer, "municipality");
  gulong n = employees > 0 ? (gulong) employees : 0;

  switch (action)
    {
    case WB_DECISION_TRANSFER_TO_WSP:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "With %d employee the account belongs with the WSP of its subregion.",
                                           "With %d employees the account belongs with the WSP of its subregion.", n),
                              (int) employees);
    case WB_DECISION_ASSIGN_OWNER:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "With %d employee the account belongs with a local account manager of %s.",
                                           "With %d employees the account belongs with a local account manager of %s.", n),
                              (int) employees, municipality != NULL ? municipality : "?");
    case WB_DECISION_APPROVE_EXCEPTION:
      return g_strdup (_("A local account manager asks to keep this account of 25 or more employees: the rule allows it "
                         "for a good relationship from the past, with your approval."));
    case WB_DECISION_MERGE_DUPLICATES:
      return g_strdup (_("Two accounts of probably the same company: keep one, and both histories stay."));
    case WB_DECISION_DISMISS:
    case WB_N_DECISIONS:
    default:
      return g_strdup (_("The owner fits the rule: nothing needs to change on the account."));
    }
}

static void
add_employer_card (WbReviewPage *self,
                   JsonObject   *employer,
                   const char   *title,
                   gboolean      with_name)
{
  AdwPreferencesGroup *group = wb_record_page_add_card (PAGE (self), title, NULL);
  GtkWidget *open = wb_a11y_button_new_with_mnemonic (_("_Open Account"));
  g_autofree char *owner = NULL;
  g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, wb_json_get_int (employer, "employee_count"));
  g_autofree char *open_label = g_strdup_printf (_("Open the account of %s"),
                                                 wb_json_get_string (employer, "name") ?: "?");
  const char *prefix = with_name ? "related_" : "";
  g_autofree char *field = NULL;

  gtk_widget_add_css_class (open, "flat");
  gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (open), GTK_ACCESSIBLE_PROPERTY_LABEL, open_label, -1);
  g_object_set_data (G_OBJECT (open), "employer", GSIZE_TO_POINTER (wb_json_get_int (employer, "id")));
  g_signal_connect (open, "clicked", G_CALLBACK (on_open_account_clicked_cb), self);
  adw_preferences_group_set_header_suffix (group, open);

  if (wb_json_get_int (employer, "owner_id") > 0)
    owner = g_strdup_printf ("%s · %s", wb_json_get_string (employer, "owner_name") ?: "?",
                             wb_json_get_string (employer, "owner_organisation") ?: "?");
  /* The main employer's name is the page's title already. */
  if (with_name)
    wb_record_page_add_row (PAGE (self), group, "related_name", _("Name"), wb_json_get_string (employer, "name"));
#define FIELD(name) (g_free (field), field = g_strconcat (prefix, name, NULL))
  wb_record_page_add_row (PAGE (self), group, FIELD ("kvk"), _("KvK number"), wb_json_get_string (employer, "kvk"));
  wb_record_page_add_row (PAGE (self), group, FIELD ("employee_count"), _("Employees"), count);
  wb_record_page_add_row (PAGE (self), group, FIELD ("municipality"), _("Municipality"),
                          wb_json_get_string (employer, "municipality"));
  wb_record_page_add_row (PAGE (self), group, FIELD ("owner"), _("Owner"), owner != NULL ? owner : _("Nobody"));
  wb_record_page_add_row (PAGE (self), group, FIELD ("last_contact"), _("Last contact"),
                          wb_json_get_string (employer, "last_contact") ?: _("Never"));
#undef FIELD
}

static void
rebuild (WbReviewPage *self)
{
  JsonObject *employer, *related;
  const char *kind;
  g_autofree char *since = NULL;
  g_autofree char *day = NULL;
  g_autofree char *why = NULL;
  AdwPreferencesGroup *group;

  wb_record_page_clear (PAGE (self));
  self->suggested = WB_N_DECISIONS;
  for (guint i = 0; i < WB_N_DECISIONS; i++)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->buttons[i]), FALSE);
      gtk_widget_remove_css_class (GTK_WIDGET (self->buttons[i]), "suggested-action");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->hand_over), FALSE);
  if (self->review == NULL)
    return;

  kind = wb_record_get_string (self->review, "kind");
  /* An owner who left leaves every account at once: all of them go in one step. */
  gtk_widget_set_visible (GTK_WIDGET (self->hand_over),
                          g_strcmp0 (kind, "owner_left") == 0 &&
                          wb_json_get_int (wb_review_get_employer (self->review, "employer"), "owner_id") > 0);
  employer = wb_review_get_employer (self->review, "employer");
  related = wb_review_get_employer (self->review, "related_employer");
  /* TRANSLATORS: when the server put a review in the queue */
  day = wb_review_dup_day_text (self->review);
  since = g_strdup_printf (_("In the queue since %s"), day);
  wb_record_page_set_title (PAGE (self), wb_json_get_string (employer, "name") ?: "?", since);
  wb_record_page_add_badge (PAGE (self), wb_review_kind_label (kind), wb_review_kind_style (kind));
  wb_record_page_set_notice (PAGE (self), wb_record_get_string (self->review, "reason"));

  /* The decisions that fit, the one the rule suggests marked: the first a coordinator
   * reaches with the keyboard is no longer whichever comes first. */
  self->suggested = (WbDecisionAction) wb_review_suggested_action (self->review, self->session);
  if (!wb_review_can_decide (self->review, self->session, self->suggested))
    self->suggested = WB_N_DECISIONS;
  for (guint i = 0; i < WB_N_DECISIONS; i++)
    {
      gboolean fits = wb_review_can_decide (self->review, self->session, i);

      gtk_widget_set_visible (GTK_WIDGET (self->buttons[i]), fits);
      if (i == self->suggested)
        gtk_widget_add_css_class (GTK_WIDGET (self->buttons[i]), "suggested-action");
    }

  why = suggestion_sentence (self, self->suggested, employer);
  group = wb_record_page_add_card (PAGE (self), _("What the rule suggests"), why);
  wb_record_page_add_field (PAGE (self), "suggestion_reason", GTK_WIDGET (group));
  wb_record_page_add_row (PAGE (self), group, "suggestion", _("Suggested decision"),
                          self->suggested < WB_N_DECISIONS ? _(decisions[self->suggested].accessible) : NULL);

  add_employer_card (self, employer, _("Employer"), FALSE);
  if (related != NULL)
    add_employer_card (self, related, _("Probably the same employer"), TRUE);
}

/* WbRecordPage */

static void
wb_review_page_set_session_impl (WbRecordPage *page,
                                 WbSession    *session)
{
  WbReviewPage *self = WB_REVIEW_PAGE (page);

  g_set_object (&self->session, session);
  g_clear_object (&self->review);
  rebuild (self);
}

static void
wb_review_page_load_impl (WbRecordPage *page,
                          WbRecord     *summary)
{
  WbReviewPage *self = WB_REVIEW_PAGE (page);

  /* A review from the queue is whole: nothing more to read. */
  g_set_object (&self->review, summary);
  rebuild (self);
  wb_record_page_show (page, WB_RECORD_PAGE_RECORD);
}

static void
wb_review_page_reload (WbRecordPage *page)
{
  rebuild (WB_REVIEW_PAGE (page));
}

static gboolean
wb_review_page_has_unsaved_edits (WbRecordPage *page)
{
  return FALSE;
}

static void
wb_review_page_present_editor (WbRecordPage *page)
{
}

/* GObject */

static void
wb_review_page_dispose (GObject *object)
{
  WbReviewPage *self = WB_REVIEW_PAGE (object);

  g_clear_object (&self->review);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (wb_review_page_parent_class)->dispose (object);
}

static void
wb_review_page_class_init (WbReviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  WbRecordPageClass *page_class = WB_RECORD_PAGE_CLASS (klass);

  object_class->dispose = wb_review_page_dispose;
  page_class->set_session = wb_review_page_set_session_impl;
  page_class->load = wb_review_page_load_impl;
  page_class->reload = wb_review_page_reload;
  page_class->has_unsaved_edits = wb_review_page_has_unsaved_edits;
  page_class->present_editor = wb_review_page_present_editor;

  signals[DECIDE] = g_signal_new ("decide", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[HAND_OVER] = g_signal_new ("hand-over", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);
  signals[OPEN_ACCOUNT] = g_signal_new ("open-account", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "wbreviewpage");
}

static void
wb_review_page_init (WbReviewPage *self)
{
  WbRecordPage *page = PAGE (self);

  wb_record_page_set_texts (page, _("Back to the queue"), _("Loading the Review"), _("The Review Could Not Be Loaded"));
  for (guint i = 0; i < WB_N_DECISIONS; i++)
    {
      self->buttons[i] = wb_record_page_add_action (page, decisions[i].name, _(decisions[i].label),
                                                    _(decisions[i].accessible), NULL, FALSE,
                                                    G_CALLBACK (on_decision_clicked_cb));
      g_object_set_data (G_OBJECT (self->buttons[i]), "action", GUINT_TO_POINTER (i));
    }
  self->hand_over = wb_record_page_add_action (page, "hand_over", _("_Hand Over All…"),
                                               _("Hand over all accounts of the owner who left"),
                                               _("Every account of the owner who left to successors the rule allows, "
                                                 "each with a briefing"),
                                               FALSE, G_CALLBACK (on_hand_over_clicked_cb));
  self->suggested = WB_N_DECISIONS;
  wb_review_page_show_none (self);
}

WbReviewPage *
wb_review_page_new (void)
{
  return g_object_new (WB_TYPE_REVIEW_PAGE, NULL);
}

WbRecord *
wb_review_page_get_review (WbReviewPage *self)
{
  g_return_val_if_fail (WB_IS_REVIEW_PAGE (self), NULL);
  return self->review;
}

void
wb_review_page_show_none (WbReviewPage *self)
{
  g_return_if_fail (WB_IS_REVIEW_PAGE (self));

  g_clear_object (&self->review);
  rebuild (self);
  wb_record_page_set_title (PAGE (self), _("Choose a Review"), NULL);
  wb_record_page_set_notice (PAGE (self), _("Pick a review in the queue to see why it is there and to decide on it."));
  wb_record_page_show (PAGE (self), WB_RECORD_PAGE_RECORD);
}

WbDecisionAction
wb_review_page_get_suggested (WbReviewPage *self)
{
  g_return_val_if_fail (WB_IS_REVIEW_PAGE (self), WB_N_DECISIONS);
  return self->suggested;
}

GtkButton *
wb_review_page_get_decision_button (WbReviewPage     *self,
                                    WbDecisionAction  action)
{
  g_return_val_if_fail (WB_IS_REVIEW_PAGE (self), NULL);
  g_return_val_if_fail (action < WB_N_DECISIONS, NULL);
  return self->buttons[action];
}
