/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-accounts-view"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-api-accounts.h"
#include "wb-cells.h"
#include "wb-filter-dropdown.h"
#include "wb-import-dialog.h"
#include "wb-labels.h"
#include "wb-slot-model.h"

#include "wb-accounts-view.h"

struct _WbAccountsView
{
  GtkBox parent_instance;

  AdwLeaflet *leaflet;
  GtkWidget *list_page;
  GtkSearchBar *search_bar;
  GtkSearchEntry *search_entry;
  GtkBox *filter_box;
  GtkToggleButton *mine_button;
  GtkButton *clear_button;
  GtkLabel *count_label;
  GtkButton *import_button;
  GtkButton *export_button;
  GtkButton *print_button;
  GtkButton *open_button;
  GtkStack *list_stack;
  AdwStatusPage *loading_page;
  GtkProgressBar *load_progress;
  GtkColumnView *column_view;
  GtkButton *empty_clear_button;
  AdwStatusPage *error_page;
  GtkButton *error_retry_button;

  WbAccountPage *page;
  GPtrArray *dropdowns;

  WbSession *session;
  WbAccountListModel *model;
  WbSlotModel *slots;
  GtkSingleSelection *selection;
  GCancellable *cancellable;        /* the list's load */
  GCancellable *work_cancellable;   /* exports and single accounts */
  GtkFileChooserNative *chooser;
  GPtrArray *prints;                /* WbAccountPrint under way */
  gboolean loading;
  gboolean loaded;
  gboolean failed;
  gboolean denied;
};

G_DEFINE_FINAL_TYPE (WbAccountsView, wb_accounts_view, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_SEARCH_MODE,
  PROP_LOADED,
  N_PROPS
};

enum {
  BACKEND_ERROR,
  BACKEND_RECOVERED,
  TOAST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void start_loading (WbAccountsView *self);

static void
toast (WbAccountsView *self,
       const char     *message)
{
  g_signal_emit (self, signals[TOAST], 0, message);
}

static gboolean
showing_list (WbAccountsView *self)
{
  return adw_leaflet_get_visible_child (self->leaflet) == self->list_page;
}

/* The selected row: the selection is over slots, each showing one row. */
static WbAccountRow *
selected_row (WbAccountsView *self)
{
  return wb_slot_model_peek_item (self->slots, gtk_single_selection_get_selected (self->selection));
}

/* What the list shows */

static void
update_actions (WbAccountsView *self)
{
  gboolean list = showing_list (self);
  gboolean has_rows = self->loaded && wb_account_list_model_get_n_shown (self->model) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "accounts.open",
                                 list && selected_row (self) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "accounts.export", list && has_rows);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "accounts.print", list && has_rows);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "accounts.import",
                                 list && self->session != NULL &&
                                 wb_session_can (self->session, WB_RESOURCE_EMPLOYERS, WB_ACTION_CREATE, WB_SCOPE_OWN));
}

static char *
count_text (WbAccountsView *self)
{
  guint shown = wb_account_list_model_get_n_shown (self->model);
  guint loaded = wb_account_list_model_get_n_loaded (self->model);

  if (wb_account_list_model_get_filtered (self->model))
    {
      g_autofree char *shown_text = g_strdup_printf ("%'u", shown);
      g_autofree char *loaded_text = g_strdup_printf ("%'u", loaded);

      /* TRANSLATORS: the number of accounts the search and filters leave, of all */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s account", "%s of %s accounts", loaded),
                              shown_text, loaded_text);
    }
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u account", "%'u accounts", loaded), loaded);
}

static void
update_state (WbAccountsView *self)
{
  guint shown = wb_account_list_model_get_n_shown (self->model);
  guint loaded = wb_account_list_model_get_n_loaded (self->model);
  g_autofree char *count = count_text (self);
  const char *page;

  if (self->denied)
    page = "denied";
  else if (self->failed && loaded == 0)
    page = "error";
  else if (!self->loaded)
    page = "loading";
  else if (loaded == 0)
    page = "none";
  else if (shown == 0)
    page = "empty";
  else
    page = "list";
  gtk_stack_set_visible_child_name (self->list_stack, page);

  gtk_label_set_text (self->count_label, self->loaded ? count : "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->clear_button), wb_account_list_model_get_filtered (self->model));
  gtk_widget_set_visible (GTK_WIDGET (self->import_button),
                          self->session != NULL &&
                          wb_session_can (self->session, WB_RESOURCE_EMPLOYERS, WB_ACTION_CREATE, WB_SCOPE_OWN));
  update_actions (self);
}

static void
on_model_notify_cb (WbAccountListModel *model,
                    GParamSpec         *pspec,
                    WbAccountsView     *self)
{
  update_state (self);
}

static void
on_selection_changed_cb (GtkSingleSelection *selection,
                         GParamSpec         *pspec,
                         WbAccountsView     *self)
{
  update_actions (self);
}

/* With nothing selected during a filter change, GtkSingleSelection does not look for its
 * item among the rows that come back; the first match is selected again afterwards. */
static void
begin_refilter (WbAccountsView *self)
{
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

static void
end_refilter (WbAccountsView *self)
{
  if (wb_account_list_model_get_n_shown (self->model) > 0)
    gtk_single_selection_set_selected (self->selection, 0);
}

/* Columns */

static const char *
row_owner (WbAccountRow *row)
{
  const char *name = wb_account_row_get_owner_name (row);

  return *name != '\0' ? name : _("Nobody");
}

static const char *
row_owner_type (WbAccountRow *row)
{
  return wb_owner_type_to_label (wb_account_row_get_owner_type (row));
}

static void
setup_number_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_size_cb (GtkListItem  *item,
              WbAccountRow *row,
              gpointer      user_data)
{
  char text[24];

  g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, wb_account_row_get_employee_count (row));
  wb_cell_set_text (gtk_list_item_get_child (item), text);
}

static void
bind_vacancies_cb (GtkListItem  *item,
                   WbAccountRow *row,
                   gpointer      user_data)
{
  char text[24];

  g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, wb_account_row_get_open_vacancies (row));
  wb_cell_set_text (gtk_list_item_get_child (item), text);
}

static void
bind_last_contact_cb (GtkListItem  *item,
                      WbAccountRow *row,
                      gpointer      user_data)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  const char *date = wb_account_row_get_last_contact (row);

  /* The status column says "dormant" in words; the date of a dormant account stands out. */
  wb_cell_set_text (label, date != NULL ? date : _("Never"));
  wb_cell_set_style (label, wb_account_row_get_dormant (row) ? "wb-dormant" : NULL);
}

/* The rule status and, for an account without contact for six months, "dormant". */
static void
setup_status_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *status = gtk_label_new (NULL);
  GtkWidget *dormant = gtk_label_new (_("Dormant"));

  gtk_label_set_ellipsize (GTK_LABEL (status), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (status, "wb-badge");
  gtk_widget_add_css_class (dormant, "wb-badge");
  gtk_widget_add_css_class (dormant, "warning");
  gtk_box_append (GTK_BOX (box), status);
  gtk_box_append (GTK_BOX (box), dormant);
  gtk_list_item_set_child (item, box);
}

static void
bind_status_cb (GtkListItem  *item,
                WbAccountRow *row,
                gpointer      user_data)
{
  GtkWidget *status = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *dormant = gtk_widget_get_next_sibling (status);
  WbAccountStatus value = wb_account_row_get_status (row);

  wb_cell_set_text (status, wb_account_status_to_label (value));
  wb_cell_set_style (status, wb_style_for_account_status (value));
  if (gtk_widget_get_visible (dormant) != wb_account_row_get_dormant (row))
    gtk_widget_set_visible (dormant, wb_account_row_get_dormant (row));
}

static void
add_column (WbAccountsView  *self,
            const char      *title,
            WbAccountColumn  column,
            GCallback        setup,
            GCallback        bind,
            gpointer         data,
            gboolean         expand,
            int              fixed_width)
{
  g_autoptr(GtkSorter) sorter = wb_account_list_model_create_sorter (column);
  GtkColumnViewColumn *view_column;

  view_column = wb_cell_append_column (self->column_view, title, sorter, setup, (WbSlotBindFunc) bind, data, expand,
                                       fixed_width);
  if (column == WB_ACCOUNT_COLUMN_NAME)
    gtk_column_view_sort_by_column (self->column_view, view_column, GTK_SORT_ASCENDING);
}

static void
build_columns (WbAccountsView *self)
{
  GCallback label = G_CALLBACK (wb_cell_setup_label);
  GCallback number = G_CALLBACK (setup_number_cb);
  GCallback text = G_CALLBACK (wb_cell_bind_text);

  /* The widths add up to what fits the window's default width of 1200. */
  add_column (self, _("Name"), WB_ACCOUNT_COLUMN_NAME, label, text, wb_account_row_get_name, TRUE, 170);
  add_column (self, _("KvK"), WB_ACCOUNT_COLUMN_KVK, label, text, wb_account_row_get_kvk, FALSE, 80);
  add_column (self, _("Sector"), WB_ACCOUNT_COLUMN_SECTOR, label, text, wb_account_row_get_sector_label, FALSE, 106);
  add_column (self, _("Employees"), WB_ACCOUNT_COLUMN_SIZE, number, G_CALLBACK (bind_size_cb), NULL, FALSE, 96);
  add_column (self, _("Municipality"), WB_ACCOUNT_COLUMN_MUNICIPALITY, label, text,
              wb_account_row_get_municipality, FALSE, 104);
  add_column (self, _("Owner"), WB_ACCOUNT_COLUMN_OWNER, label, text, row_owner, TRUE, 124);
  add_column (self, _("Owner type"), WB_ACCOUNT_COLUMN_OWNER_TYPE, label, text, row_owner_type, FALSE, 104);
  add_column (self, _("Rule status"), WB_ACCOUNT_COLUMN_STATUS, G_CALLBACK (setup_status_cb),
              G_CALLBACK (bind_status_cb), NULL, FALSE, 186);
  add_column (self, _("Last contact"), WB_ACCOUNT_COLUMN_LAST_CONTACT, label,
              G_CALLBACK (bind_last_contact_cb), NULL, FALSE, 118);
  add_column (self, _("Vacancies"), WB_ACCOUNT_COLUMN_VACANCIES, number,
              G_CALLBACK (bind_vacancies_cb), NULL, FALSE, 76);
}

/* Filters: one drop-down per column, the first item meaning "any". */

typedef enum {
  FILTER_OWNER_TYPE,
  FILTER_MUNICIPALITY,
  FILTER_SECTOR,
  FILTER_SIZE,
  FILTER_STATUS,
  FILTER_DORMANT,
} FilterKind;

static int
selected_int (GtkDropDown *dropdown)
{
  const char *value = wb_filter_dropdown_get_value (dropdown);

  return value != NULL ? (int) g_ascii_strtoll (value, NULL, 10) : -1;
}

static void
on_filter_selected_cb (GtkDropDown    *dropdown,
                       GParamSpec     *pspec,
                       WbAccountsView *self)
{
  FilterKind kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dropdown), "kind"));
  const char *value = wb_filter_dropdown_get_value (dropdown);

  begin_refilter (self);
  switch (kind)
    {
    case FILTER_OWNER_TYPE:
      wb_account_list_model_set_owner_type (self->model, selected_int (dropdown));
      break;
    case FILTER_MUNICIPALITY:
      wb_account_list_model_set_municipality (self->model, value != NULL ? g_ascii_strtoll (value, NULL, 10) : 0);
      break;
    case FILTER_SECTOR:
      wb_account_list_model_set_sector (self->model, value);
      break;
    case FILTER_SIZE:
      wb_account_list_model_set_size_class (self->model, selected_int (dropdown));
      break;
    case FILTER_STATUS:
      wb_account_list_model_set_status (self->model, selected_int (dropdown));
      break;
    case FILTER_DORMANT:
      wb_account_list_model_set_dormant (self->model, selected_int (dropdown));
      break;
    default:
      g_assert_not_reached ();
    }
  end_refilter (self);
}

static GtkDropDown *
add_filter (WbAccountsView *self,
            FilterKind      kind,
            const char     *any_label,
            const char     *accessible_label)
{
  GtkDropDown *dropdown = wb_filter_dropdown_new (any_label, accessible_label);

  g_object_set_data (G_OBJECT (dropdown), "kind", GUINT_TO_POINTER (kind));
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (on_filter_selected_cb), self);
  gtk_box_append (self->filter_box, GTK_WIDGET (dropdown));
  g_ptr_array_add (self->dropdowns, dropdown);
  return dropdown;
}

static void
filter_add_int_choice (GtkDropDown *dropdown,
                       const char  *label,
                       int          value)
{
  char text[16];

  g_snprintf (text, sizeof text, "%d", value);
  wb_filter_dropdown_add_choice (dropdown, label, text);
}

static void
fill_municipalities (WbAccountsView *self,
                     GListModel     *municipalities)
{
  GtkDropDown *dropdown = self->dropdowns->pdata[FILTER_MUNICIPALITY];

  wb_filter_dropdown_clear_choices (dropdown);
  for (guint i = 0; municipalities != NULL && i < g_list_model_get_n_items (municipalities); i++)
    {
      g_autoptr(WbRecord) municipality = g_list_model_get_item (municipalities, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, wb_record_get_id (municipality));

      wb_filter_dropdown_add_choice (dropdown, wb_record_get_string (municipality, "name"), id);
    }
}

static void
build_filters (WbAccountsView *self)
{
  GtkDropDown *dropdown;

  dropdown = add_filter (self, FILTER_OWNER_TYPE, _("WSP and local"), _("Filter by owner type"));
  filter_add_int_choice (dropdown, _("WSP accounts"), WB_OWNER_TYPE_WSP);
  filter_add_int_choice (dropdown, _("Local accounts"), WB_OWNER_TYPE_LOCAL);
  filter_add_int_choice (dropdown, _("Without an owner"), WB_OWNER_TYPE_NONE);

  add_filter (self, FILTER_MUNICIPALITY, _("Municipality"), _("Filter by municipality"));

  dropdown = add_filter (self, FILTER_SECTOR, _("Sector"), _("Filter by sector"));
  for (guint i = 0; wb_sectors[i] != NULL; i++)
    wb_filter_dropdown_add_choice (dropdown, wb_label_for_enum ("sector", wb_sectors[i]), wb_sectors[i]);

  dropdown = add_filter (self, FILTER_SIZE, _("Size"), _("Filter by size class"));
  for (int i = 0; i < WB_N_ACCOUNT_SIZES; i++)
    filter_add_int_choice (dropdown, wb_account_size_class_to_label (i), i);

  dropdown = add_filter (self, FILTER_STATUS, _("Rule status"), _("Filter by rule status"));
  for (int i = 0; i < WB_N_ACCOUNT_STATUSES; i++)
    filter_add_int_choice (dropdown, wb_account_status_to_label (i), i);

  dropdown = add_filter (self, FILTER_DORMANT, _("Dormant or not"), _("Filter by contact in the last six months"));
  filter_add_int_choice (dropdown, _("Dormant"), 1);
  filter_add_int_choice (dropdown, _("In contact"), 0);
}

static void
on_mine_toggled_cb (GtkToggleButton *button,
                    WbAccountsView  *self)
{
  begin_refilter (self);
  wb_account_list_model_set_owner (self->model, gtk_toggle_button_get_active (button) && self->session != NULL ?
                                                wb_session_get_user_id (self->session) : 0);
  end_refilter (self);
}

static void
reset_filters (WbAccountsView *self)
{
  begin_refilter (self);
  for (guint i = 0; i < self->dropdowns->len; i++)
    gtk_drop_down_set_selected (self->dropdowns->pdata[i], 0);
  gtk_toggle_button_set_active (self->mine_button, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  wb_account_list_model_reset_filters (self->model);
  end_refilter (self);
}

static void
on_clear_clicked_cb (GtkButton      *button,
                     WbAccountsView *self)
{
  reset_filters (self);
}

static void
on_search_changed_cb (GtkSearchEntry *entry,
                      WbAccountsView *self)
{
  wb_accounts_view_search (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

/* What the filters make of the list, in words, for the print's title block. */
static char *
describe_filters (WbAccountsView *self)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *search = wb_account_list_model_get_search (self->model);

  g_ptr_array_add (parts, count_text (self));
  if (gtk_toggle_button_get_active (self->mine_button) && self->session != NULL)
    /* TRANSLATORS: in the title block of a print: the accounts of one owner */
    g_ptr_array_add (parts, g_strdup_printf (_("owned by %s"),
                                             wb_record_get_string (wb_session_get_me (self->session), "display_name")));
  for (guint i = 0; i < self->dropdowns->len; i++)
    {
      GtkDropDown *dropdown = self->dropdowns->pdata[i];
      guint selected = gtk_drop_down_get_selected (dropdown);

      if (selected > 0)
        g_ptr_array_add (parts, g_strdup (gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (dropdown)),
                                                                      selected)));
    }
  if (search != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_("search “%s”"), search));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

/* Loading */

static void
on_progress_cb (guint    loaded,
                guint    total,
                gpointer user_data)
{
  WbAccountsView *self = user_data;
  g_autofree char *text = g_strdup_printf (_("%'u of %'u accounts"), loaded, total);

  gtk_progress_bar_set_fraction (self->load_progress, (double) loaded / MAX (total, 1));
  gtk_progress_bar_set_text (self->load_progress, text);
}

static void
on_list_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(WbAccountsView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) records = wb_api_accounts_list_finish (WB_API_CLIENT (source), result, &error);

  if (records == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      self->loading = FALSE;
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
    {
      self->failed = FALSE;
      g_signal_emit (self, signals[BACKEND_RECOVERED], 0);
    }
  self->loading = FALSE;
  self->loaded = TRUE;
  begin_refilter (self);
  wb_account_list_model_clear (self->model);
  wb_account_list_model_append_records (self->model, records);
  end_refilter (self);
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

static void
start_loading (WbAccountsView *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->loaded = FALSE;
  self->failed = FALSE;
  self->denied = FALSE;
  self->loading = FALSE;
  gtk_progress_bar_set_fraction (self->load_progress, 0);
  gtk_progress_bar_set_text (self->load_progress, _("Asking the server"));
  update_state (self);
  if (self->session == NULL || wb_session_get_api (self->session) == NULL)
    return;

  /* The policy decides for the server too; no request for a role that would get 403. */
  if (wb_policy_decide (wb_session_get_role (self->session), WB_RESOURCE_EMPLOYERS, WB_ACTION_READ, WB_SCOPE_OTHER) ==
      WB_DECISION_DENY)
    {
      self->denied = TRUE;
      update_state (self);
      return;
    }
  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;
  wb_api_accounts_list_async (wb_session_get_api (self->session), NULL, on_progress_cb, self,
                              self->cancellable, on_list_loaded_cb, g_object_ref (self));
}

/* The account page */

static void
open_row (WbAccountsView *self,
          WbAccountRow   *row)
{
  if (row == NULL)
    return;
  wb_account_page_load (self->page, wb_account_row_get_record (row));
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->page));
  update_actions (self);
}

static void
on_activate_cb (GtkColumnView  *view,
                guint           position,
                WbAccountsView *self)
{
  open_row (self, wb_slot_model_peek_item (self->slots, position));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WbAccountsView *self = WB_ACCOUNTS_VIEW (widget);

  open_row (self, selected_row (self));
}

static void
on_page_back_cb (WbAccountPage  *page,
                 WbAccountsView *self)
{
  adw_leaflet_set_visible_child (self->leaflet, self->list_page);
  update_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
on_page_account_changed_cb (WbAccountPage  *page,
                            WbRecord       *account,
                            WbAccountsView *self)
{
  wb_account_list_model_replace_record (self->model, account);
}

static void
on_page_error_cb (WbAccountPage  *page,
                  const char     *message,
                  WbAccountsView *self)
{
  if (message != NULL)
    g_signal_emit (self, signals[BACKEND_ERROR], 0, message);
  else if (!self->failed)
    g_signal_emit (self, signals[BACKEND_RECOVERED], 0);
}

static void
on_page_toast_cb (WbAccountPage  *page,
                  const char     *message,
                  WbAccountsView *self)
{
  toast (self, message);
}

static void
on_leaflet_child_cb (AdwLeaflet     *leaflet,
                     GParamSpec     *pspec,
                     WbAccountsView *self)
{
  update_actions (self);
}

/* Export, print and import */

typedef struct {
  WbAccountsView *self;
  GFile *file;
  guint n_rows;
} Export;

static void
export_free (Export *export)
{
  g_clear_object (&export->self);
  g_clear_object (&export->file);
  g_free (export);
}

static void
on_export_written_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  Export *export = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (export->file);
  g_autofree char *message = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          message = g_strdup_printf (_("%s could not be written: %s"), name, error->message);
          toast (export->self, message);
        }
      export_free (export);
      return;
    }
  /* TRANSLATORS: a toast after an export: how many accounts, and the file */
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u account exported to %s", "%u accounts exported to %s",
                                          export->n_rows),
                             export->n_rows, name);
  toast (export->self, message);
  export_free (export);
}

static void
on_export_downloaded_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  Export *export = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = wb_api_accounts_export_finish (WB_API_CLIENT (source), result, NULL, &error);

  if (bytes == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = g_strdup_printf (_("The export failed: %s"), error->message);
          toast (export->self, message);
        }
      export_free (export);
      return;
    }
  g_file_replace_contents_bytes_async (export->file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       export->self->work_cancellable, on_export_written_cb, export);
}

static void
on_export_chosen_cb (GtkNativeDialog *chooser,
                     int              response,
                     WbAccountsView  *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file != NULL)
    wb_accounts_view_export (self, file);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WbAccountsView *self = WB_ACCOUNTS_VIEW (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = g_strdup_printf ("werkbrug-accounts-%s.csv", date);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Export the Account List"),
                                               GTK_WINDOW (gtk_widget_get_root (widget)),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("CSV files for Excel"));
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_export_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_print_done_cb (GtkPrintOperation       *operation,
                  GtkPrintOperationResult  result,
                  WbAccountsView          *self)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      if (error != NULL)
        {
          g_autofree char *message = g_strdup_printf (_("Printing failed: %s"), error->message);
          toast (self, message);
        }
    }
  for (guint i = 0; i < self->prints->len; i++)
    if (wb_account_print_get_operation (self->prints->pdata[i]) == operation)
      {
        g_ptr_array_remove_index (self->prints, i);
        break;
      }
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  WbAccountsView *self = WB_ACCOUNTS_VIEW (widget);
  g_autoptr(WbAccountPrint) print = wb_accounts_view_create_print (self);
  GtkPrintOperation *operation = wb_account_print_get_operation (print);
  g_autoptr(GError) error = NULL;

  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect_object (operation, "done", G_CALLBACK (on_print_done_cb), self, 0);
  g_ptr_array_add (self->prints, g_object_ref (print));
  if (wb_account_print_run (print, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                            GTK_WINDOW (gtk_widget_get_root (widget)), &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autofree char *message = g_strdup_printf (_("Printing failed: %s"), error->message);

      toast (self, message);
    }
}

static void
on_imported_cb (WbImportDialog *dialog,
                WbAccountsView *self)
{
  toast (self, _("Employers imported; the list is up to date"));
  wb_accounts_view_reload (self);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WbAccountsView *self = WB_ACCOUNTS_VIEW (widget);
  WbImportDialog *dialog;

  if (self->session == NULL)
    return;
  dialog = wb_import_dialog_new (self->session);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (widget)));
  g_signal_connect_object (dialog, "imported", G_CALLBACK (on_imported_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* GObject */

static void
wb_accounts_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  WbAccountsView *self = WB_ACCOUNTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_SEARCH_MODE:
      g_value_set_boolean (value, gtk_search_bar_get_search_mode (self->search_bar));
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_accounts_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  WbAccountsView *self = WB_ACCOUNTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_SEARCH_MODE:
      gtk_search_bar_set_search_mode (self->search_bar, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
on_search_mode_cb (GtkSearchBar   *bar,
                   GParamSpec     *pspec,
                   WbAccountsView *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_MODE]);
}

static void
wb_accounts_view_dispose (GObject *object)
{
  WbAccountsView *self = (WbAccountsView *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->work_cancellable);
  g_clear_object (&self->work_cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), WB_TYPE_ACCOUNTS_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->slots);
  g_clear_object (&self->model);
  g_clear_object (&self->session);
  g_clear_pointer (&self->dropdowns, g_ptr_array_unref);
  g_clear_pointer (&self->prints, g_ptr_array_unref);

  G_OBJECT_CLASS (wb_accounts_view_parent_class)->dispose (object);
}

static void
wb_accounts_view_class_init (WbAccountsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = wb_accounts_view_get_property;
  object_class->set_property = wb_accounts_view_set_property;
  object_class->dispose = wb_accounts_view_dispose;

  properties[PROP_SEARCH_MODE] =
    g_param_spec_boolean ("search-mode", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[BACKEND_ERROR] = g_signal_new ("backend-error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[BACKEND_RECOVERED] = g_signal_new ("backend-recovered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                             0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[TOAST] = g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/nl/werkbrug/Werkbrug/ui/wb-accounts-view.ui");
  gtk_widget_class_bind_template_child (widget_class, WbAccountsView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, WbAccountsView, list_page);
  gtk_widget_class_bind_template_child (widget_class, WbAccountsView, search_bar);
  gtk_widget_class_bind_template_child (widget_class, WbAccountsView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, WbAccountsView, filter_box);
  gtk_widget_class_bind_template_child (widget_class, WbAccountsView, mine_button);
  gtk_widget_class_bind_template_child (widget_class, WbAccountsView, clear_button);
  gtk_widget_class_bind_template_child (widget_class, WbAccountsView, count_label);
  gtk_widget_class_bind_template_child (widget_class, WbAccountsView, import_button);
  gtk_widget_class_bind_template_child (widget_class, WbAccountsView, export_button);
  gtk_widget_class_bind_template_child (widget_class, WbAccountsView, print_button);
  gtk_widget_class_bind_template_child (widget_class, WbAccountsView, open_button);
  gtk_widget_class_bind_template_child (widget_class, WbAccountsView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, WbAccountsView, loading_page);
  gtk_widget_class_bind_template_child (widget_class, WbAccountsView, load_progress);
  gtk_widget_class_bind_template_child (widget_class, WbAccountsView, column_view);
  gtk_widget_class_bind_template_child (widget_class, WbAccountsView, empty_clear_button);
  gtk_widget_class_bind_template_child (widget_class, WbAccountsView, error_page);
  gtk_widget_class_bind_template_child (widget_class, WbAccountsView, error_retry_button);

  gtk_widget_class_install_action (widget_class, "accounts.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "accounts.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "accounts.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "accounts.import", NULL, import_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "accounts.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "accounts.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "accounts.import", NULL);

  gtk_widget_class_set_css_name (widget_class, "wbaccountsview");
}

static void
connect_model (WbAccountsView *self)
{
  wb_slot_model_set_model (self->slots, wb_account_list_model_get_model (self->model));
  wb_account_list_model_set_sorter (self->model, gtk_column_view_get_sorter (self->column_view));
  g_signal_connect (self->model, "notify::n-shown", G_CALLBACK (on_model_notify_cb), self);
  g_signal_connect (self->model, "notify::n-loaded", G_CALLBACK (on_model_notify_cb), self);
  g_signal_connect (self->model, "notify::filtered", G_CALLBACK (on_model_notify_cb), self);
}

static void
wb_accounts_view_init (WbAccountsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->dropdowns = g_ptr_array_new ();
  self->prints = g_ptr_array_new_with_free_func (g_object_unref);
  self->work_cancellable = g_cancellable_new ();

  self->model = wb_account_list_model_new ();
  self->slots = wb_slot_model_new (NULL);
  /* The "no match" page stands in for an empty list. */
  wb_slot_model_set_keep_when_empty (self->slots, TRUE);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->slots)));
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  build_columns (self);
  connect_model (self);
  build_filters (self);

  self->page = wb_account_page_new ();
  adw_leaflet_append (self->leaflet, GTK_WIDGET (self->page));

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self->list_page));

  g_signal_connect (self->selection, "notify::selected-item", G_CALLBACK (on_selection_changed_cb), self);
  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (on_search_changed_cb), self);
  g_signal_connect (self->search_bar, "notify::search-mode-enabled", G_CALLBACK (on_search_mode_cb), self);
  g_signal_connect (self->mine_button, "toggled", G_CALLBACK (on_mine_toggled_cb), self);
  g_signal_connect (self->clear_button, "clicked", G_CALLBACK (on_clear_clicked_cb), self);
  g_signal_connect (self->empty_clear_button, "clicked", G_CALLBACK (on_clear_clicked_cb), self);
  g_signal_connect_swapped (self->error_retry_button, "clicked", G_CALLBACK (wb_accounts_view_retry), self);
  g_signal_connect (self->column_view, "activate", G_CALLBACK (on_activate_cb), self);
  g_signal_connect (self->leaflet, "notify::visible-child", G_CALLBACK (on_leaflet_child_cb), self);
  g_signal_connect (self->page, "back", G_CALLBACK (on_page_back_cb), self);
  g_signal_connect (self->page, "account-changed", G_CALLBACK (on_page_account_changed_cb), self);
  g_signal_connect (self->page, "backend-error", G_CALLBACK (on_page_error_cb), self);
  g_signal_connect (self->page, "toast", G_CALLBACK (on_page_toast_cb), self);

  update_state (self);
}

WbAccountsView *
wb_accounts_view_new (void)
{
  return g_object_new (WB_TYPE_ACCOUNTS_VIEW, NULL);
}

void
wb_accounts_view_set_session (WbAccountsView *self,
                              WbSession      *session)
{
  g_return_if_fail (WB_IS_ACCOUNTS_VIEW (self));
  g_return_if_fail (session == NULL || WB_IS_SESSION (session));

  g_set_object (&self->session, session);
  g_cancellable_cancel (self->work_cancellable);
  g_clear_object (&self->work_cancellable);
  self->work_cancellable = g_cancellable_new ();

  /* A new model for a new user: "mine" and the policy follow the user. */
  g_cancellable_cancel (self->cancellable);
  g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  self->model = wb_account_list_model_new ();
  connect_model (self);
  fill_municipalities (self, session != NULL ? wb_session_get_lookup (session, WB_RESOURCE_MUNICIPALITIES) : NULL);
  reset_filters (self);

  wb_account_page_set_session (self->page, session);
  adw_leaflet_set_visible_child (self->leaflet, self->list_page);
  start_loading (self);
}

WbAccountListModel *
wb_accounts_view_get_list_model (WbAccountsView *self)
{
  g_return_val_if_fail (WB_IS_ACCOUNTS_VIEW (self), NULL);
  return self->model;
}

void
wb_accounts_view_reload (WbAccountsView *self)
{
  g_return_if_fail (WB_IS_ACCOUNTS_VIEW (self));

  if (self->session == NULL || self->loading)
    return;
  /* The rows stay on screen while the new list comes; the count says when it is there. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;
  wb_api_accounts_list_async (wb_session_get_api (self->session), NULL, on_progress_cb, self,
                              self->cancellable, on_list_loaded_cb, g_object_ref (self));
}

void
wb_accounts_view_retry (WbAccountsView *self)
{
  g_return_if_fail (WB_IS_ACCOUNTS_VIEW (self));

  if (self->session == NULL)
    return;
  if (!self->loaded && !self->loading)
    start_loading (self);
  if (!showing_list (self))
    wb_account_page_retry (self->page);
}

void
wb_accounts_view_focus_search (WbAccountsView *self)
{
  g_return_if_fail (WB_IS_ACCOUNTS_VIEW (self));

  adw_leaflet_set_visible_child (self->leaflet, self->list_page);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
wb_accounts_view_search (WbAccountsView *self,
                         const char     *text)
{
  g_return_if_fail (WB_IS_ACCOUNTS_VIEW (self));

  begin_refilter (self);
  wb_account_list_model_set_search (self->model, text);
  end_refilter (self);
}

void
wb_accounts_view_open_account (WbAccountsView *self,
                               gint64          employer_id)
{
  WbAccountRow *row;

  g_return_if_fail (WB_IS_ACCOUNTS_VIEW (self));
  g_return_if_fail (employer_id > 0);

  row = wb_account_list_model_find (self->model, employer_id);
  if (row != NULL)
    open_row (self, row);
  else
    {
      /* Not in the list (yet, or no longer): the page reads it from the server. */
      g_autoptr(JsonObject) object = json_object_new ();
      g_autoptr(WbRecord) summary = NULL;

      json_object_set_int_member (object, "id", employer_id);
      summary = wb_record_new (WB_RESOURCE_EMPLOYERS, object);
      wb_account_page_load (self->page, summary);
      adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->page));
      update_actions (self);
    }
}

static void
on_account_refreshed_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(WbAccountsView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbRecord) account = wb_api_accounts_get_rule_finish (WB_API_CLIENT (source), result, &error);

  if (account == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not read the account again: %s", error->message);
      return;
    }
  wb_account_list_model_replace_record (self->model, account);
  if (!showing_list (self) && wb_account_page_get_employer_id (self->page) == wb_record_get_id (account))
    wb_account_page_retry (self->page);
}

void
wb_accounts_view_refresh_account (WbAccountsView *self,
                                  gint64          employer_id)
{
  g_return_if_fail (WB_IS_ACCOUNTS_VIEW (self));

  if (self->session == NULL || employer_id <= 0)
    return;
  wb_api_accounts_get_rule_async (wb_session_get_api (self->session), employer_id, self->work_cancellable,
                                  on_account_refreshed_cb, g_object_ref (self));
}

void
wb_accounts_view_export (WbAccountsView *self,
                         GFile          *file)
{
  g_autoptr(GHashTable) query = NULL;
  Export *export;

  g_return_if_fail (WB_IS_ACCOUNTS_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->session == NULL)
    return;
  export = g_new0 (Export, 1);
  export->self = g_object_ref (self);
  export->file = g_object_ref (file);
  export->n_rows = wb_account_list_model_get_n_shown (self->model);
  query = wb_account_list_model_dup_query (self->model);
  wb_api_accounts_export_async (wb_session_get_api (self->session), query, self->work_cancellable,
                                on_export_downloaded_cb, export);
}

WbAccountPrint *
wb_accounts_view_create_print (WbAccountsView *self)
{
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (WB_IS_ACCOUNTS_VIEW (self), NULL);

  subtitle = describe_filters (self);
  return wb_account_print_new (wb_account_list_model_get_model (self->model), _("Employer accounts"), subtitle);
}

gboolean
wb_accounts_view_has_unsaved_edits (WbAccountsView *self)
{
  g_return_val_if_fail (WB_IS_ACCOUNTS_VIEW (self), FALSE);
  return wb_account_page_has_unsaved_edits (self->page);
}

void
wb_accounts_view_present_editor (WbAccountsView *self)
{
  g_return_if_fail (WB_IS_ACCOUNTS_VIEW (self));
  wb_account_page_present_editor (self->page);
}
