/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-review-list"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wb-format.h"
#include "wb-cells.h"
#include "wb-filter-dropdown.h"
#include "wb-labels.h"

#include "wb-review-list.h"

struct _WbReviewListModel
{
  WbListModel parent_instance;

  WbSession *session;
};

G_DEFINE_FINAL_TYPE (WbReviewListModel, wb_review_list_model, WB_TYPE_LIST_MODEL)

/* What a row shows, sorts and filters on, computed once when the review becomes a row. */
typedef struct {
  char *search_key;   /* folded: employer, KvK number, owner, reason, kind, the related employer */
  char *day;
  WbAccountAction suggestion;
} ReviewRow;

static GQuark row_quark;

/* The kinds of review, most pressing first, as the server queues them. */
static const char * const review_kinds[] = {
  "owner_left", "no_owner", "violation_wrong_owner_type", "violation_wrong_municipality", "recheck_size",
  "natural_moment_return", "exception_pending", "duplicate", "dormant", NULL
};

static const char * const suggestion_labels[WB_N_ACCOUNT_ACTIONS] = {
  [WB_ACCOUNT_ACTION_APPROVE_EXCEPTION] = N_("Approve the exception"),
  [WB_ACCOUNT_ACTION_TRANSFER_TO_WSP]   = N_("Transfer to the WSP"),
  [WB_ACCOUNT_ACTION_ASSIGN_OWNER]      = N_("Assign an owner"),
  [WB_ACCOUNT_ACTION_MERGE_DUPLICATES]  = N_("Merge the duplicates"),
  [WB_ACCOUNT_ACTION_DISMISS]           = N_("Dismiss the review"),
};

/* Reading a review */

const char *
wb_review_kind_label (const char *kind)
{
  WbAccountStatus status;

  if (wb_account_status_from_string (kind, &status))
    return wb_account_status_to_label (status);
  return wb_label_for_enum ("review_kind", kind);
}

const char *
wb_review_kind_style (const char *kind)
{
  if (g_strcmp0 (kind, "dormant") == 0 || g_strcmp0 (kind, "duplicate") == 0 ||
      g_strcmp0 (kind, "exception_pending") == 0)
    return "warning";
  return "error";
}

JsonObject *
wb_review_get_employer (WbRecord   *review,
                        const char *member)
{
  JsonNode *node = json_object_get_member (wb_record_get_object (review), member);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

gboolean
wb_review_user_is_active (WbRecord *user)
{
  JsonNode *active = json_object_get_member (wb_record_get_object (user), "active");
  const char *left_at = wb_record_get_string (user, "left_at");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  g_return_val_if_fail (WB_IS_RECORD (user), FALSE);

  if (active != NULL && JSON_NODE_HOLDS_VALUE (active) && !json_node_get_boolean (active))
    return FALSE;
  return left_at == NULL || g_strcmp0 (left_at, today) > 0;
}

gboolean
wb_review_organisation_serves (WbSession *session,
                               WbRecord  *organisation,
                               gint64     municipality_id)
{
  JsonArray *ids = wb_record_get_array (organisation, "municipality_ids");
  WbRecord *municipality = wb_session_lookup_record (session, WB_RESOURCE_MUNICIPALITIES, municipality_id);

  for (guint i = 0; ids != NULL && i < json_array_get_length (ids); i++)
    if (json_array_get_int_element (ids, i) == municipality_id)
      return TRUE;
  return municipality != NULL && wb_record_get_int (municipality, "organisation_id") == wb_record_get_id (organisation);
}

WbAccountAction
wb_review_suggested_action (WbRecord  *review,
                            WbSession *session)
{
  JsonObject *employer = wb_review_get_employer (review, "employer");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  WbAccountFacts facts = { 0 };
  WbAccountAction action;
  WbRecord *owner = NULL;

  g_return_val_if_fail (WB_IS_RECORD (review), WB_ACCOUNT_ACTION_DISMISS);

  if (wb_account_action_from_string (wb_record_get_string (review, "suggested_action"), &action))
    return action;

  /* What the review and the session know of the account, for the same rule. */
  facts.today = today;
  facts.employee_count = wb_json_get_int (employer, "employee_count");
  facts.owner_id = wb_json_get_int (employer, "owner_id");
  facts.owner_name = wb_json_get_string (employer, "owner_name");
  facts.municipality_name = wb_json_get_string (employer, "municipality");
  facts.exception_reason = wb_json_get_string (employer, "exception_reason");
  facts.exception_approved_by = wb_json_get_int (employer, "exception_approved_by");
  if (session != NULL && facts.owner_id > 0)
    owner = wb_session_lookup_record (session, WB_RESOURCE_USERS, facts.owner_id);
  if (owner != NULL)
    {
      WbRecord *organisation = wb_session_lookup_record (session, WB_RESOURCE_ORGANISATIONS,
                                                         wb_record_get_int (owner, "organisation_id"));

      facts.owner_role = wb_record_get_string (owner, "role");
      facts.owner_active = wb_review_user_is_active (owner);
      if (organisation != NULL)
        {
          facts.owner_organisation_kind = wb_record_get_string (organisation, "kind");
          facts.owner_serves_municipality = wb_review_organisation_serves (session, organisation,
                                                    wb_json_get_int (employer, "municipality_id"));
        }
    }
  else
    /* Someone the session does not know is treated as gone. */
    facts.owner_active = FALSE;
  return wb_account_suggest_action (wb_record_get_string (review, "kind"), &facts);
}

static char *
compute_search_key (WbRecord *review)
{
  JsonObject *employer = wb_review_get_employer (review, "employer");
  JsonObject *related = wb_review_get_employer (review, "related_employer");
  g_autofree char *key = g_strjoin ("\n", wb_json_get_string (employer, "name") ?: "",
                                    wb_json_get_string (employer, "kvk") ?: "",
                                    wb_json_get_string (employer, "owner_name") ?: "",
                                    wb_record_get_string (review, "reason") ?: "",
                                    wb_review_kind_label (wb_record_get_string (review, "kind")),
                                    wb_json_get_string (related, "name") ?: "",
                                    wb_json_get_string (related, "kvk") ?: "", NULL);

  return wb_list_fold_search (key);
}

static void
review_row_free (ReviewRow *row)
{
  g_free (row->search_key);
  g_free (row->day);
  g_free (row);
}

static ReviewRow *
row_of (WbRecord *review)
{
  return g_object_get_qdata (G_OBJECT (review), row_quark);
}

const char *
wb_review_get_day (WbRecord *review)
{
  ReviewRow *row = row_of (review);

  return row != NULL ? row->day : NULL;
}

char *
wb_review_dup_day_text (WbRecord *review)
{
  const char *day = wb_review_get_day (review);
  char *text = day != NULL ? wb_format_iso_date (day) : NULL;

  return text != NULL ? text : g_strdup ("?");
}

char *
wb_review_dup_row_label (WbRecord *review)
{
  JsonObject *employer = wb_review_get_employer (review, "employer");
  g_autofree char *day = wb_review_dup_day_text (review);

  /* TRANSLATORS: a review of the queue as a screen reader reads its row: the kind, the
   * employer, why it is in the queue, and since when */
  return g_strdup_printf (_("%s: %s — %s In the queue since %s."),
                          wb_review_kind_label (wb_record_get_string (review, "kind")),
                          wb_json_get_string (employer, "name") ?: "?",
                          wb_record_get_string (review, "reason") ?: "", day);
}

/* The review queue as data */

static const char *
row_kind (WbRecord *review)
{
  return wb_record_get_string (review, "kind");
}

static const char *
row_kind_label (WbRecord *review)
{
  return wb_review_kind_label (row_kind (review));
}

static const char *
row_kind_style (WbRecord *review)
{
  return wb_review_kind_style (row_kind (review));
}

static int
row_kind_rank (WbRecord *review)
{
  const char *kind = row_kind (review);

  for (int i = 0; review_kinds[i] != NULL; i++)
    if (g_strcmp0 (kind, review_kinds[i]) == 0)
      return i;
  return G_N_ELEMENTS (review_kinds);
}

static const char *
row_search_key (WbRecord *review)
{
  ReviewRow *row = row_of (review);

  return row != NULL && row->search_key != NULL ? row->search_key : "";
}

static const char *
employer_field (WbRecord   *review,
                const char *field)
{
  return wb_json_get_string (wb_review_get_employer (review, "employer"), field);
}

static const char *
row_name (WbRecord *review)
{
  return employer_field (review, "name");
}

static const char *
row_kvk (WbRecord *review)
{
  return employer_field (review, "kvk");
}

static const char *
row_municipality (WbRecord *review)
{
  return employer_field (review, "municipality");
}

static const char *
row_owner (WbRecord *review)
{
  return employer_field (review, "owner_name");
}

static gint64
row_employees (WbRecord *review)
{
  return wb_json_get_int (wb_review_get_employer (review, "employer"), "employee_count");
}

static const char *
row_reason (WbRecord *review)
{
  return wb_record_get_string (review, "reason");
}

static const char *
row_suggestion (WbRecord *review)
{
  ReviewRow *row = row_of (review);

  return row != NULL ? _(suggestion_labels[row->suggestion]) : NULL;
}

/* Oldest first; what one check found at once, most pressing first, which is the order the
 * server numbered them in (the id breaks ties). */
static int
compare_reviews (WbRecord *a,
                 WbRecord *b)
{
  return g_strcmp0 (wb_record_get_string (a, "created_at"), wb_record_get_string (b, "created_at"));
}

/* The employer and, under it, why the review is there. */
static GtkWidget *
create_employer_cell (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *reason = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  /* The employer whole, on up to three lines where the column is narrow (360 px). */
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (name), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (name), 3);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (name, "heading");
  gtk_label_set_xalign (GTK_LABEL (reason), 0);
  gtk_label_set_wrap (GTK_LABEL (reason), TRUE);
  gtk_label_set_lines (GTK_LABEL (reason), 2);
  gtk_label_set_ellipsize (GTK_LABEL (reason), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (reason, "dim-label");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), reason);
  return box;
}

static void
bind_employer_cb (GtkWidget *cell,
                  gpointer   row,
                  gpointer   user_data)
{
  GtkWidget *name = gtk_widget_get_first_child (cell);

  wb_cell_set_text (name, row_name (row) ?: "?");
  wb_cell_set_text (gtk_widget_get_next_sibling (name), row_reason (row) ?: "");
}

static const WbListColumn columns[] = {
  [WB_REVIEW_COLUMN_KIND] = {
    .id = "kind", .title = N_("Kind"), .width = 212, .cell = WB_LIST_CELL_BADGE,
    .text = (WbListTextFunc) row_kind_label, .style = (WbListTextFunc) row_kind_style,
    .sort_number = (WbListIntFunc) row_kind_rank,
  },
  [WB_REVIEW_COLUMN_EMPLOYER] = {
    .id = "employer", .title = N_("Employer"), .width = 220, .expand = TRUE, .cell = WB_LIST_CELL_CUSTOM,
    .create = create_employer_cell, .bind = bind_employer_cb,
    .sort_text = (WbListTextFunc) row_name, .export_text = (WbListTextFunc) row_name,
  },
  [WB_REVIEW_COLUMN_SINCE] = {
    .id = "since", .title = N_("Since"), .export_title = N_("In the queue since"), .width = 104,
    .cell = WB_LIST_CELL_DATE,
    .text = (WbListTextFunc) wb_review_get_day, .sortable = TRUE,
  },
  [WB_REVIEW_COLUMN_KVK] = {
    .id = "kvk", .title = N_("KvK number"), .export_only = TRUE, .text = (WbListTextFunc) row_kvk,
  },
  [WB_REVIEW_COLUMN_EMPLOYEES] = {
    .id = "employee_count", .title = N_("Employees"), .export_only = TRUE, .cell = WB_LIST_CELL_NUMBER,
    .int64 = (WbListInt64Func) row_employees,
  },
  [WB_REVIEW_COLUMN_MUNICIPALITY] = {
    .id = "municipality", .title = N_("Municipality"), .export_only = TRUE, .text = (WbListTextFunc) row_municipality,
  },
  [WB_REVIEW_COLUMN_OWNER] = {
    .id = "owner", .title = N_("Owner"), .export_only = TRUE, .text = (WbListTextFunc) row_owner,
  },
  [WB_REVIEW_COLUMN_REASON] = {
    .id = "reason", .title = N_("Reason"), .export_only = TRUE, .text = (WbListTextFunc) row_reason,
  },
  [WB_REVIEW_COLUMN_SUGGESTION] = {
    .id = "suggested_action", .title = N_("Suggested decision"), .export_only = TRUE,
    .text = (WbListTextFunc) row_suggestion,
  },
};

/* Every word of the filter must stand somewhere in the review: "janssen dormant" finds the
 * dormant review of Bakkerij Janssen. The filter's text comes folded. */
static gboolean
words_match (gpointer                 review,
             const WbListFilterValue *value)
{
  g_auto(GStrv) words = g_strsplit (value->text, " ", -1);
  const char *key = row_search_key (review);

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0' && strstr (key, words[i]) == NULL)
      return FALSE;
  return TRUE;
}

static void
fill_kinds (WbFilterDropdown *dropdown,
            WbSession        *session)
{
  for (guint i = 0; review_kinds[i] != NULL; i++)
    wb_filter_dropdown_add_choice (dropdown, wb_review_kind_label (review_kinds[i]), review_kinds[i]);
}

static const WbListFilter filters[] = {
  [WB_REVIEW_FILTER_TEXT] = {
    .id = "text", .kind = WB_LIST_FILTER_TEXT, .label = N_("Filter by employer, KvK number, owner, reason or kind"),
    .accessible = N_("Filter the review queue"), .match = words_match,
  },
  [WB_REVIEW_FILTER_KIND] = {
    .id = "kind", .label = N_("Every kind"), .accessible = N_("Filter by kind of review"),
    .text = (WbListTextFunc) row_kind, .fill = fill_kinds,
  },
};

static const WbListTexts texts = {
  /* No search bar: the text filter is the queue's search. */
  .list_label = N_("Open reviews, oldest first"),
  .loading_title = N_("Loading the Review Queue"),
  .loading_label = N_("Loading the review queue"),
  .empty_title = N_("No Matching Reviews"),
  .none_title = N_("Nothing to Review"),
  .none_description = N_("The account list is closed: every employer has one owner who fits the rule, and no account "
                         "waits for a decision."),
  .none_icon = "emblem-ok-symbolic",
  .error_title = N_("The Review Queue Could Not Be Loaded"),
  .denied_title = N_("Only Coordinators Review the Account List"),
  .denied_description = N_("The server refused the queue for your role. Ask the coordinator of your WSP."),
  .open_label = N_("_Open Review"),
  .open_accessible = N_("Open review"),
  .export_title = N_("Export the Review Queue"),
  .export_basename = "werkbrug-review-queue",
  /* TRANSLATORS: the banner when the review queue could not be read; %s says why */
  .load_error = N_("The review queue could not be loaded: %s"),
};

static const WbListCounts counts = {
  .singular = WB_PLURALS ("%'u open review", "%'u open reviews"),
  /* TRANSLATORS: how many open reviews the filter shows, of all */
  .filtered_singular = WB_PLURALS ("%s of %s open review", "%s of %s open reviews"),
  /* TRANSLATORS: a toast after an export: how many reviews, and the file */
  .exported_singular = WB_PLURALS ("%u review exported to %s", "%u reviews exported to %s"),
};

static const WbListSpec spec = {
  .row_type = wb_record_get_type,
  .row_id = (WbListInt64Func) wb_record_get_id,
  .search_key = (WbListTextFunc) row_search_key,
  .compare = (int (*) (gpointer, gpointer)) compare_reviews,
  .columns = columns,
  .n_columns = G_N_ELEMENTS (columns),
  .sort_column = WB_REVIEW_COLUMN_SINCE,
  .filters = filters,
  .n_filters = G_N_ELEMENTS (filters),
  .css_class = "wb-review-list",
  .resource = WB_RESOURCE_EMPLOYERS,
  .path = "api/v1/reviews",
  .follows = "reviews",
  .page_beside = TRUE,
  .row_label = (char *(*) (gpointer)) wb_review_dup_row_label,
  .texts = &texts,
  .counts = &counts,
};

const WbListSpec *
wb_review_list_spec (void)
{
  return &spec;
}

/* The model */

static gpointer
wb_review_list_model_make_row (WbListModel *model,
                               WbRecord    *record)
{
  WbReviewListModel *self = WB_REVIEW_LIST_MODEL (model);
  const char *status = wb_record_get_string (record, "status");
  const char *created = wb_record_get_string (record, "created_at");
  ReviewRow *row;

  /* The queue holds the open reviews: a decided one leaves it. */
  if (status != NULL && g_strcmp0 (status, "open") != 0)
    return NULL;
  row = g_new0 (ReviewRow, 1);
  row->search_key = compute_search_key (record);
  row->day = created != NULL ? g_strndup (created, 10) : NULL;
  row->suggestion = wb_review_suggested_action (record, self->session);
  g_object_set_qdata_full (G_OBJECT (record), row_quark, row, (GDestroyNotify) review_row_free);
  return g_object_ref (record);
}

static void
wb_review_list_model_dispose (GObject *object)
{
  WbReviewListModel *self = WB_REVIEW_LIST_MODEL (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (wb_review_list_model_parent_class)->dispose (object);
}

static void
wb_review_list_model_class_init (WbReviewListModelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = wb_review_list_model_dispose;
  WB_LIST_MODEL_CLASS (klass)->make_row = wb_review_list_model_make_row;
  row_quark = g_quark_from_static_string ("wb-review-row");
}

static void
wb_review_list_model_init (WbReviewListModel *self)
{
  wb_list_model_set_spec (WB_LIST_MODEL (self), wb_review_list_spec ());
}

WbReviewListModel *
wb_review_list_model_new (WbSession *session)
{
  WbReviewListModel *self = g_object_new (WB_TYPE_REVIEW_LIST_MODEL, NULL);

  g_set_object (&self->session, session);
  return self;
}
