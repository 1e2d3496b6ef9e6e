/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-review-queue"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wb-a11y.h"
#include "wb-account-rules.h"
#include "wb-api-accounts.h"
#include "wb-cards.h"
#include "wb-labels.h"

#include "wb-review-queue.h"

struct _WbReviewQueue
{
  GtkBox parent_instance;

  GtkSearchEntry *filter_entry;
  GtkDropDown *kind_dropdown;
  GtkLabel *count_label;
  GtkButton *refresh_button;
  GtkStack *stack;
  GtkButton *clear_button;
  AdwStatusPage *error_page;
  GtkButton *retry_button;
  AdwLeaflet *leaflet;
  GtkListView *list_view;
  GtkButton *back_button;
  GtkBox *detail_box;

  WbSession *session;
  GListStore *reviews;
  GtkSortListModel *sorted;
  GtkCustomFilter *filter;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
  GCancellable *cancellable;
  char *search;                 /* folded */
  char **search_words;          /* the same, split at spaces */
  const char *kind;             /* interned, NULL for any */
  gboolean loaded;
  gboolean loading;
  gboolean failed;
  gboolean denied;
};

G_DEFINE_FINAL_TYPE (WbReviewQueue, wb_review_queue, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_N_OPEN,
  N_PROPS
};

enum {
  DECIDED,
  OPEN_ACCOUNT,
  BACKEND_ERROR,
  BACKEND_RECOVERED,
  TOAST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The kinds of review, most pressing first, as the server queues them. */
static const char * const review_kinds[] = {
  "owner_left", "no_owner", "violation_wrong_owner_type", "violation_wrong_municipality", "recheck_size",
  "natural_moment_return", "exception_pending", "duplicate", "dormant", NULL
};

static const char *
kind_label (const char *kind)
{
  WbAccountStatus status;

  if (wb_account_status_from_string (kind, &status))
    return wb_account_status_to_label (status);
  return wb_label_for_enum ("review_kind", kind);
}

static const char *
kind_style (const char *kind)
{
  if (g_strcmp0 (kind, "dormant") == 0 || g_strcmp0 (kind, "duplicate") == 0 ||
      g_strcmp0 (kind, "exception_pending") == 0)
    return "warning";
  return "error";
}

static JsonObject *
employer_of (WbRecord   *review,
             const char *member)
{
  JsonNode *node = json_object_get_member (wb_record_get_object (review), member);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static const char *
employer_text (JsonObject *employer,
               const char *field)
{
  JsonNode *node = employer != NULL ? json_object_get_member (employer, field) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING ?
         json_node_get_string (node) : NULL;
}

static gint64
employer_int (JsonObject *employer,
              const char *field)
{
  JsonNode *node = employer != NULL ? json_object_get_member (employer, field) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64 ?
         json_node_get_int (node) : 0;
}

/* Filtering */

static char *
search_key (WbRecord *review)
{
  JsonObject *employer = employer_of (review, "employer");
  JsonObject *related = employer_of (review, "related_employer");
  g_autofree char *key = g_strjoin ("\n", employer_text (employer, "name") ?: "", employer_text (employer, "kvk") ?: "",
                                    employer_text (employer, "owner_name") ?: "", wb_record_get_string (review, "reason") ?: "",
                                    kind_label (wb_record_get_string (review, "kind")),
                                    employer_text (related, "name") ?: "", employer_text (related, "kvk") ?: "", NULL);

  return wb_account_search_fold (key);
}

/* Every word of the filter must stand somewhere in the key: "janssen dormant" finds the
 * dormant review of Bakkerij Janssen. */
static gboolean
key_matches (const char  *key,
             char       **words)
{
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0' && strstr (key, words[i]) == NULL)
      return FALSE;
  return TRUE;
}

static gboolean
review_matches (gpointer item,
                gpointer user_data)
{
  WbReviewQueue *self = user_data;
  WbRecord *review = item;

  if (self->kind != NULL && g_strcmp0 (wb_record_get_string (review, "kind"), self->kind) != 0)
    return FALSE;
  if (self->search != NULL)
    {
      /* Computed once per review and kept with it. */
      const char *key = g_object_get_data (G_OBJECT (review), "wb-search-key");

      if (key == NULL)
        {
          g_object_set_data_full (G_OBJECT (review), "wb-search-key", search_key (review), g_free);
          key = g_object_get_data (G_OBJECT (review), "wb-search-key");
        }
      if (key == NULL || !key_matches (key, self->search_words))
        return FALSE;
    }
  return TRUE;
}

static void
update_state (WbReviewQueue *self)
{
  guint open = g_list_model_get_n_items (G_LIST_MODEL (self->reviews));
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  g_autofree char *count = NULL;
  const char *page;

  if (self->denied)
    page = "denied";
  else if (self->failed && open == 0)
    page = "error";
  else if (!self->loaded)
    page = "loading";
  else if (open == 0)
    page = "closed";
  else if (shown == 0)
    page = "nomatch";
  else
    page = "queue";
  gtk_stack_set_visible_child_name (self->stack, page);

  if (!self->loaded)
    count = g_strdup ("");
  else if (shown != open)
    /* TRANSLATORS: how many open reviews the filter shows, of all */
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u of %'u open review", "%'u of %'u open reviews", open),
                             shown, open);
  else
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u open review", "%'u open reviews", open), open);
  gtk_label_set_text (self->count_label, count);
}

static void
refilter (WbReviewQueue   *self,
          GtkFilterChange  change)
{
  gtk_filter_changed (GTK_FILTER (self->filter), change);
  update_state (self);
}

static void
on_filter_changed_cb (GtkSearchEntry *entry,
                      WbReviewQueue  *self)
{
  wb_review_queue_set_filter (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_kind_selected_cb (GtkDropDown   *dropdown,
                     GParamSpec    *pspec,
                     WbReviewQueue *self)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  self->kind = selected > 0 && selected <= g_strv_length ((char **) review_kinds) ?
               g_intern_static_string (review_kinds[selected - 1]) : NULL;
  refilter (self, GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_clear_clicked_cb (GtkButton     *button,
                     WbReviewQueue *self)
{
  gtk_drop_down_set_selected (self->kind_dropdown, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->filter_entry), "");
  wb_review_queue_set_filter (self, NULL);
}

/* Oldest first; what one check found at once, most pressing first, which is the order the
 * server numbered them in. */
static int
compare_reviews (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  WbRecord *ra = (WbRecord *) a;
  WbRecord *rb = (WbRecord *) b;
  int result = g_strcmp0 (wb_record_get_string (ra, "created_at"), wb_record_get_string (rb, "created_at"));
  gint64 ia = wb_record_get_id (ra), ib = wb_record_get_id (rb);

  if (result == 0)
    result = (ia > ib) - (ia < ib);
  return result < 0 ? GTK_ORDERING_SMALLER : result > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

/* The list */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *badge = gtk_label_new (NULL);
  GtkWidget *date = gtk_label_new (NULL);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *reason = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_add_css_class (badge, "wb-badge");
  gtk_label_set_ellipsize (GTK_LABEL (badge), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (badge, FALSE);
  gtk_widget_set_halign (badge, GTK_ALIGN_START);
  gtk_widget_add_css_class (date, "dim-label");
  gtk_widget_add_css_class (date, "caption");
  gtk_widget_add_css_class (date, "numeric");
  gtk_widget_set_hexpand (date, TRUE);
  gtk_label_set_xalign (GTK_LABEL (date), 1);
  gtk_box_append (GTK_BOX (top), badge);
  gtk_box_append (GTK_BOX (top), date);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (name, "heading");
  gtk_label_set_xalign (GTK_LABEL (reason), 0);
  gtk_label_set_wrap (GTK_LABEL (reason), TRUE);
  gtk_label_set_lines (GTK_LABEL (reason), 2);
  gtk_label_set_ellipsize (GTK_LABEL (reason), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (reason, "dim-label");
  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), reason);
  gtk_list_item_set_child (item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  WbRecord *review = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *top = gtk_widget_get_first_child (box);
  GtkWidget *badge = gtk_widget_get_first_child (top);
  GtkWidget *date = gtk_widget_get_next_sibling (badge);
  GtkWidget *name = gtk_widget_get_next_sibling (top);
  GtkWidget *reason = gtk_widget_get_next_sibling (name);
  const char *kind = wb_record_get_string (review, "kind");
  const char *created = wb_record_get_string (review, "created_at");
  g_autofree char *day = created != NULL ? g_strndup (created, 10) : g_strdup ("");

  gtk_label_set_text (GTK_LABEL (badge), kind_label (kind));
  gtk_widget_remove_css_class (badge, "warning");
  gtk_widget_remove_css_class (badge, "error");
  gtk_widget_add_css_class (badge, kind_style (kind));
  gtk_label_set_text (GTK_LABEL (date), day);
  gtk_label_set_text (GTK_LABEL (name), employer_text (employer_of (review, "employer"), "name") ?: "?");
  gtk_label_set_text (GTK_LABEL (reason), wb_record_get_string (review, "reason"));
}

/* The selected review */

static gboolean
owner_is_local (WbReviewQueue *self,
                JsonObject    *employer)
{
  WbRecord *owner = wb_session_lookup_record (self->session, WB_RESOURCE_USERS, employer_int (employer, "owner_id"));
  WbRecord *organisation;

  if (owner == NULL)
    return FALSE;
  organisation = wb_session_lookup_record (self->session, WB_RESOURCE_ORGANISATIONS,
                                           wb_record_get_int (owner, "organisation_id"));
  return wb_account_owner_type (wb_record_get_string (owner, "role"),
                                organisation != NULL ? wb_record_get_string (organisation, "kind") : NULL) == WB_OWNER_TYPE_LOCAL;
}

gboolean
wb_review_queue_can_decide (WbReviewQueue    *self,
                            WbDecisionAction  action)
{
  WbRecord *review;
  JsonObject *employer;
  const char *kind;
  gboolean duplicate;

  g_return_val_if_fail (WB_IS_REVIEW_QUEUE (self), FALSE);

  review = wb_review_queue_get_selected (self);
  if (review == NULL || self->session == NULL)
    return FALSE;
  employer = employer_of (review, "employer");
  kind = wb_record_get_string (review, "kind");
  duplicate = g_strcmp0 (kind, "duplicate") == 0;

  switch (action)
    {
    case WB_DECISION_APPROVE_EXCEPTION:
      /* Only a local owner of 25 or more keeps an account as an exception (the server
       * checks it again); for a duplicate or a dormant account it is not the question. */
      return !duplicate && g_strcmp0 (kind, "dormant") != 0 && g_strcmp0 (kind, "owner_left") != 0 &&
             employer_int (employer, "employee_count") >= WB_ACCOUNT_WSP_THRESHOLD && owner_is_local (self, employer);
    case WB_DECISION_TRANSFER_TO_WSP:
    case WB_DECISION_ASSIGN_OWNER:
      return !duplicate;
    case WB_DECISION_MERGE_DUPLICATES:
      return duplicate && employer_of (review, "related_employer") != NULL;
    case WB_DECISION_DISMISS:
      return TRUE;
    case WB_N_DECISIONS:
    default:
      return FALSE;
    }
}

static void
on_decision_clicked_cb (GtkButton     *button,
                        WbReviewQueue *self)
{
  wb_review_queue_decide (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "action")));
}

static void
on_open_account_clicked_cb (GtkButton     *button,
                            WbReviewQueue *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "employer"));

  g_signal_emit (self, signals[OPEN_ACCOUNT], 0, id);
}

static void
add_employer_card (WbReviewQueue *self,
                   JsonObject    *employer,
                   const char    *title,
                   gboolean       with_name)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkWidget *open = wb_a11y_button_new_with_mnemonic (_("_Open Account"));
  g_autofree char *owner = NULL;
  g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, employer_int (employer, "employee_count"));
  g_autofree char *open_label = g_strdup_printf (_("Open the account of %s"), employer_text (employer, "name") ?: "?");
  struct { const char *title; const char *value; } rows[6];

  adw_preferences_group_set_title (group, title);
  gtk_widget_add_css_class (open, "flat");
  gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (open), GTK_ACCESSIBLE_PROPERTY_LABEL, open_label, -1);
  g_object_set_data (G_OBJECT (open), "employer", GSIZE_TO_POINTER (employer_int (employer, "id")));
  g_signal_connect (open, "clicked", G_CALLBACK (on_open_account_clicked_cb), self);
  adw_preferences_group_set_header_suffix (group, open);

  if (employer_int (employer, "owner_id") > 0)
    owner = g_strdup_printf ("%s · %s", employer_text (employer, "owner_name") ?: "?",
                             employer_text (employer, "owner_organisation") ?: "?");
  rows[0].title = _("Name"), rows[0].value = with_name ? employer_text (employer, "name") : NULL;
  rows[1].title = _("KvK number"), rows[1].value = employer_text (employer, "kvk");
  rows[2].title = _("Employees"), rows[2].value = count;
  rows[3].title = _("Municipality"), rows[3].value = employer_text (employer, "municipality");
  rows[4].title = _("Owner"), rows[4].value = owner != NULL ? owner : _("Nobody");
  rows[5].title = _("Last contact"), rows[5].value = employer_text (employer, "last_contact") ?: _("Never");
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      GtkWidget *row;

      /* The main employer's name is the page's title already. */
      if (i == 0 && !with_name)
        continue;
      row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rows[i].title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), rows[i].value != NULL ? rows[i].value : "—");
      adw_preferences_group_add (group, row);
    }
  gtk_box_append (self->detail_box, GTK_WIDGET (group));
}

static void
show_selected (WbReviewQueue *self)
{
  static const struct {
    WbDecisionAction action;
    const char *label;
    const char *accessible;
  } buttons[] = {
    { WB_DECISION_APPROVE_EXCEPTION, N_("_Approve Exception…"), N_("Approve an exception") },
    { WB_DECISION_TRANSFER_TO_WSP, N_("_Transfer to WSP…"), N_("Transfer to the WSP") },
    { WB_DECISION_ASSIGN_OWNER, N_("A_ssign Owner…"), N_("Assign an owner") },
    { WB_DECISION_MERGE_DUPLICATES, N_("_Merge Duplicates…"), N_("Merge the duplicates") },
    { WB_DECISION_DISMISS, N_("_Dismiss…"), N_("Dismiss the review") },
  };
  WbRecord *review = wb_review_queue_get_selected (self);
  GtkWidget *header, *badge, *title, *reason, *since, *actions;
  JsonObject *related;
  const char *kind;
  const char *created;
  g_autofree char *since_text = NULL;
  gboolean first = TRUE;

  wb_card_remove_all (self->detail_box);
  if (review == NULL)
    {
      GtkWidget *status = adw_status_page_new ();

      adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "task-due-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (status), _("Choose a Review"));
      adw_status_page_set_description (ADW_STATUS_PAGE (status), _("Pick a review in the queue to see why it is there "
                                                                   "and to decide on it."));
      gtk_widget_set_vexpand (status, TRUE);
      gtk_box_append (self->detail_box, status);
      return;
    }

  kind = wb_record_get_string (review, "kind");
  header = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (header, "wb-profile-header");
  badge = gtk_label_new (kind_label (kind));
  gtk_widget_add_css_class (badge, "wb-badge");
  gtk_widget_add_css_class (badge, kind_style (kind));
  gtk_widget_set_halign (badge, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (header), badge);
  title = gtk_label_new (employer_text (employer_of (review, "employer"), "name"));
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_selectable (GTK_LABEL (title), TRUE);
  gtk_widget_add_css_class (title, "title-2");
  gtk_box_append (GTK_BOX (header), title);
  reason = gtk_label_new (wb_record_get_string (review, "reason"));
  gtk_label_set_xalign (GTK_LABEL (reason), 0);
  gtk_label_set_wrap (GTK_LABEL (reason), TRUE);
  gtk_label_set_selectable (GTK_LABEL (reason), TRUE);
  gtk_box_append (GTK_BOX (header), reason);
  created = wb_record_get_string (review, "created_at");
  if (created != NULL)
    {
      g_autofree char *day = g_strndup (created, 10);

      /* TRANSLATORS: when the server put a review in the queue */
      since_text = g_strdup_printf (_("In the queue since %s"), day);
      since = gtk_label_new (since_text);
      gtk_label_set_xalign (GTK_LABEL (since), 0);
      gtk_widget_add_css_class (since, "dim-label");
      gtk_box_append (GTK_BOX (header), since);
    }
  gtk_box_append (self->detail_box, header);

  actions = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (actions), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (actions), FALSE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (actions), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (actions), 6);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (actions), 5);
  gtk_accessible_update_property (GTK_ACCESSIBLE (actions), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Decisions"), -1);
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      GtkWidget *button;

      if (!wb_review_queue_can_decide (self, buttons[i].action))
        continue;
      button = wb_a11y_button_new_with_mnemonic (_(buttons[i].label));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(buttons[i].accessible), -1);
      if (first)
        gtk_widget_add_css_class (button, "suggested-action");
      first = FALSE;
      g_object_set_data (G_OBJECT (button), "action", GUINT_TO_POINTER (buttons[i].action));
      g_signal_connect (button, "clicked", G_CALLBACK (on_decision_clicked_cb), self);
      /* The cell takes the line's spare width; the button keeps its own. */
      gtk_widget_set_halign (button, GTK_ALIGN_START);
      gtk_flow_box_append (GTK_FLOW_BOX (actions), button);
      /* The flow box's own children take no focus: Tab goes to the buttons. */
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
    }
  gtk_box_append (self->detail_box, actions);

  add_employer_card (self, employer_of (review, "employer"), _("Employer"), FALSE);
  related = employer_of (review, "related_employer");
  if (related != NULL)
    add_employer_card (self, related, _("Probably the same employer"), TRUE);
}

static void
on_selected_cb (GtkSingleSelection *selection,
                GParamSpec         *pspec,
                WbReviewQueue      *self)
{
  show_selected (self);
}

static void
on_list_activate_cb (GtkListView   *view,
                     guint          position,
                     WbReviewQueue *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
on_back_clicked_cb (GtkButton     *button,
                    WbReviewQueue *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* Loading */

static gint64
selected_id (WbReviewQueue *self)
{
  WbRecord *review = wb_review_queue_get_selected (self);

  return review != NULL ? wb_record_get_id (review) : 0;
}

static void
replace_reviews (WbReviewQueue *self,
                 GListModel    *reviews)
{
  gint64 keep = selected_id (self);
  guint position = gtk_single_selection_get_selected (self->selection);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (reviews); i++)
    g_ptr_array_add (items, g_list_model_get_item (reviews, i));
  g_list_store_splice (self->reviews, 0, g_list_model_get_n_items (G_LIST_MODEL (self->reviews)),
                       items->pdata, items->len);
  /* Keep the coordinator where they were: the same review, or the one now in its place. */
  if (keep == 0 || !wb_review_queue_select (self, keep))
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));

      if (n > 0)
        gtk_single_selection_set_selected (self->selection, position != GTK_INVALID_LIST_POSITION ? MIN (position, n - 1) : 0);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_OPEN]);
  update_state (self);
  show_selected (self);
}

static void
on_loaded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(WbReviewQueue) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) reviews = wb_api_reviews_list_finish (WB_API_CLIENT (source), result, &error);

  if (reviews == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->loading = FALSE;
  if (reviews == NULL)
    {
      /* The page is hidden from everyone but coordinators, but the server decides. */
      if (g_error_matches (error, WB_API_ERROR, 403))
        self->denied = TRUE;
      else
        {
          self->failed = TRUE;
          adw_status_page_set_description (self->error_page, error->message);
          g_signal_emit (self, signals[BACKEND_ERROR], 0, error->message);
        }
      update_state (self);
      return;
    }

  if (self->failed)
    g_signal_emit (self, signals[BACKEND_RECOVERED], 0);
  self->failed = FALSE;
  self->denied = FALSE;
  self->loaded = TRUE;
  replace_reviews (self, reviews);
}

void
wb_review_queue_reload (WbReviewQueue *self)
{
  g_return_if_fail (WB_IS_REVIEW_QUEUE (self));

  if (self->session == NULL || wb_session_get_api (self->session) == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;
  update_state (self);
  wb_api_reviews_list_async (wb_session_get_api (self->session), self->cancellable, on_loaded_cb, g_object_ref (self));
}

/* Deciding */

static char *
decided_message (WbRecord *decided)
{
  const char *decision = wb_record_get_string (decided, "decision");
  const char *name = employer_text (employer_of (decided, "employer"), "name");
  const char *owner = employer_text (employer_of (decided, "employer"), "owner_name");

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
  gint64 id = wb_record_get_id (decided);
  guint position;

  /* The decided review leaves the queue at once; the reload after it picks up what the
   * server closed along with it. */
  for (position = 0; position < g_list_model_get_n_items (G_LIST_MODEL (self->reviews)); position++)
    {
      g_autoptr(WbRecord) review = g_list_model_get_item (G_LIST_MODEL (self->reviews), position);

      if (wb_record_get_id (review) == id)
        {
          g_list_store_remove (self->reviews, position);
          break;
        }
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_OPEN]);
  update_state (self);
  show_selected (self);
  g_signal_emit (self, signals[TOAST], 0, message);
  g_signal_emit (self, signals[DECIDED], 0, decided);
  wb_review_queue_reload (self);
}

static void
on_dialog_stale_cb (WbReviewDecisionDialog *dialog,
                    WbReviewQueue          *self)
{
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
  dialog = wb_review_decision_dialog_new (self->session, review, action);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  g_signal_connect_object (dialog, "decided", G_CALLBACK (on_dialog_decided_cb), self, 0);
  g_signal_connect_object (dialog, "stale", G_CALLBACK (on_dialog_stale_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
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
wb_review_queue_dispose (GObject *object)
{
  WbReviewQueue *self = (WbReviewQueue *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), WB_TYPE_REVIEW_QUEUE);
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->sorted);
  g_clear_object (&self->reviews);
  g_clear_object (&self->session);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->search_words, g_strfreev);

  G_OBJECT_CLASS (wb_review_queue_parent_class)->dispose (object);
}

static void
wb_review_queue_class_init (WbReviewQueueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = wb_review_queue_get_property;
  object_class->dispose = wb_review_queue_dispose;

  properties[PROP_N_OPEN] =
    g_param_spec_uint ("n-open", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[DECIDED] = g_signal_new ("decided", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, WB_TYPE_RECORD);
  signals[OPEN_ACCOUNT] = g_signal_new ("open-account", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[BACKEND_ERROR] = g_signal_new ("backend-error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[BACKEND_RECOVERED] = g_signal_new ("backend-recovered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                             0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[TOAST] = g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/nl/werkbrug/Werkbrug/ui/wb-review-queue.ui");
  gtk_widget_class_bind_template_child (widget_class, WbReviewQueue, filter_entry);
  gtk_widget_class_bind_template_child (widget_class, WbReviewQueue, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, WbReviewQueue, count_label);
  gtk_widget_class_bind_template_child (widget_class, WbReviewQueue, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, WbReviewQueue, stack);
  gtk_widget_class_bind_template_child (widget_class, WbReviewQueue, clear_button);
  gtk_widget_class_bind_template_child (widget_class, WbReviewQueue, error_page);
  gtk_widget_class_bind_template_child (widget_class, WbReviewQueue, retry_button);
  gtk_widget_class_bind_template_child (widget_class, WbReviewQueue, leaflet);
  gtk_widget_class_bind_template_child (widget_class, WbReviewQueue, list_view);
  gtk_widget_class_bind_template_child (widget_class, WbReviewQueue, back_button);
  gtk_widget_class_bind_template_child (widget_class, WbReviewQueue, detail_box);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_F5, 0, on_refresh_shortcut_cb, NULL);
  gtk_widget_class_set_css_name (widget_class, "wbreviewqueue");
}

static void
wb_review_queue_init (WbReviewQueue *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->reviews = g_list_store_new (WB_TYPE_RECORD);
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->reviews)),
                                          GTK_SORTER (gtk_custom_sorter_new (compare_reviews, NULL, NULL)));
  self->filter = gtk_custom_filter_new (review_matches, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->sorted)),
                                              g_object_ref (GTK_FILTER (self->filter)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  gtk_string_list_append (kinds, _("Every kind"));
  for (guint i = 0; review_kinds[i] != NULL; i++)
    gtk_string_list_append (kinds, kind_label (review_kinds[i]));
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (kinds));

  g_signal_connect (self->selection, "notify::selected-item", G_CALLBACK (on_selected_cb), self);
  g_signal_connect (self->filter_entry, "search-changed", G_CALLBACK (on_filter_changed_cb), self);
  wb_a11y_set_label (GTK_WIDGET (self->kind_dropdown), _("Filter the review queue"));
  g_signal_connect (self->kind_dropdown, "notify::selected", G_CALLBACK (on_kind_selected_cb), self);
  g_signal_connect (self->clear_button, "clicked", G_CALLBACK (on_clear_clicked_cb), self);
  g_signal_connect_swapped (self->retry_button, "clicked", G_CALLBACK (wb_review_queue_reload), self);
  g_signal_connect_swapped (self->refresh_button, "clicked", G_CALLBACK (wb_review_queue_reload), self);
  g_signal_connect (self->list_view, "activate", G_CALLBACK (on_list_activate_cb), self);
  g_signal_connect (self->back_button, "clicked", G_CALLBACK (on_back_clicked_cb), self);

  update_state (self);
  show_selected (self);
}

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

  g_cancellable_cancel (self->cancellable);
  g_set_object (&self->session, session);
  g_list_store_remove_all (self->reviews);
  self->loaded = FALSE;
  self->failed = FALSE;
  self->denied = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_OPEN]);
  update_state (self);
  wb_review_queue_reload (self);
}

guint
wb_review_queue_get_n_open (WbReviewQueue *self)
{
  g_return_val_if_fail (WB_IS_REVIEW_QUEUE (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->reviews));
}

GListModel *
wb_review_queue_get_model (WbReviewQueue *self)
{
  g_return_val_if_fail (WB_IS_REVIEW_QUEUE (self), NULL);
  return G_LIST_MODEL (self->filtered);
}

void
wb_review_queue_set_reviews (WbReviewQueue *self,
                             GListModel    *reviews)
{
  g_return_if_fail (WB_IS_REVIEW_QUEUE (self));
  g_return_if_fail (G_IS_LIST_MODEL (reviews));

  self->loaded = TRUE;
  self->failed = FALSE;
  self->denied = FALSE;
  replace_reviews (self, reviews);
}

void
wb_review_queue_set_filter (WbReviewQueue *self,
                            const char    *text)
{
  g_autofree char *folded = NULL;
  GtkFilterChange change = GTK_FILTER_CHANGE_DIFFERENT;

  g_return_if_fail (WB_IS_REVIEW_QUEUE (self));

  folded = wb_account_search_fold (text);
  if (g_strcmp0 (folded, self->search) == 0)
    return;
  if (self->search == NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (folded == NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  g_free (self->search);
  g_clear_pointer (&self->search_words, g_strfreev);
  self->search = g_steal_pointer (&folded);
  if (self->search != NULL)
    self->search_words = g_strsplit (self->search, " ", -1);
  refilter (self, change);
}

gboolean
wb_review_queue_select (WbReviewQueue *self,
                        gint64         review_id)
{
  guint n;

  g_return_val_if_fail (WB_IS_REVIEW_QUEUE (self), FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WbRecord) review = g_list_model_get_item (G_LIST_MODEL (self->filtered), i);

      if (wb_record_get_id (review) == review_id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
    }
  return FALSE;
}

WbRecord *
wb_review_queue_get_selected (WbReviewQueue *self)
{
  g_return_val_if_fail (WB_IS_REVIEW_QUEUE (self), NULL);
  return gtk_single_selection_get_selected_item (self->selection);
}

void
wb_review_queue_focus_filter (WbReviewQueue *self)
{
  g_return_if_fail (WB_IS_REVIEW_QUEUE (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->filter_entry));
}
