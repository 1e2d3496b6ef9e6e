/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-account-list-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wb-cells.h"
#include "wb-filter-dropdown.h"
#include "wb-labels.h"

#include "wb-account-list-model.h"

struct _WbAccountListModel
{
  WbListModel parent_instance;
};

G_DEFINE_FINAL_TYPE (WbAccountListModel, wb_account_list_model, WB_TYPE_LIST_MODEL)

/* The account list as data. */

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

static const char *
row_status (WbAccountRow *row)
{
  return wb_account_status_to_label (wb_account_row_get_status (row));
}

/* The date of a dormant account stands out; the status column says "dormant" in words. */
static const char *
row_contact_style (WbAccountRow *row)
{
  return wb_account_row_get_dormant (row) ? "wb-dormant" : NULL;
}

/* The rule status and, for an account without contact for six months, "dormant". */
static GtkWidget *
create_status_cell (void)
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
  return box;
}

static void
bind_status_cb (GtkWidget *cell,
                gpointer   row,
                gpointer   user_data)
{
  GtkWidget *status = gtk_widget_get_first_child (cell);
  GtkWidget *dormant = gtk_widget_get_next_sibling (status);
  WbAccountStatus value = wb_account_row_get_status (row);

  wb_cell_set_text (status, wb_account_status_to_label (value));
  wb_cell_set_style (status, wb_style_for_account_status (value));
  if (gtk_widget_get_visible (dormant) != wb_account_row_get_dormant (row))
    gtk_widget_set_visible (dormant, wb_account_row_get_dormant (row));
}

static int
compare_names (WbAccountRow *a,
               WbAccountRow *b)
{
  return strcmp (wb_account_row_get_sort_key (a), wb_account_row_get_sort_key (b));
}

/* The widths add up to what fits the window's default width of 1200. */
static const char *
row_dormant (WbAccountRow *row)
{
  return wb_account_row_get_dormant (row) ? _("yes") : _("no");
}

static const WbListColumn columns[] = {
  [WB_ACCOUNT_COLUMN_NAME] = {
    .id = "name", .title = N_("Name"), .width = 170, .expand = TRUE,
    .text = (WbListTextFunc) wb_account_row_get_name, .sortable = TRUE,
  },
  [WB_ACCOUNT_COLUMN_KVK] = {
    .id = "kvk", .title = N_("KvK"), .export_title = N_("KvK number"), .width = 80,
    .text = (WbListTextFunc) wb_account_row_get_kvk,
    .sort_text = (WbListTextFunc) wb_account_row_get_kvk, .nulls_first = TRUE,
  },
  [WB_ACCOUNT_COLUMN_SECTOR] = {
    .id = "sector", .title = N_("Sector"), .width = 106,
    .text = (WbListTextFunc) wb_account_row_get_sector_label,
    .sort_text = (WbListTextFunc) wb_account_row_get_sector_sort_key,
  },
  [WB_ACCOUNT_COLUMN_SIZE] = {
    .id = "employee_count", .title = N_("Employees"), .width = 96, .cell = WB_LIST_CELL_NUMBER,
    .int64 = (WbListInt64Func) wb_account_row_get_employee_count,
    .sort_int64 = (WbListInt64Func) wb_account_row_get_employee_count,
  },
  [WB_ACCOUNT_COLUMN_MUNICIPALITY] = {
    .id = "municipality", .title = N_("Municipality"), .width = 104,
    .text = (WbListTextFunc) wb_account_row_get_municipality,
    .sort_text = (WbListTextFunc) wb_account_row_get_municipality, .nulls_first = TRUE,
  },
  [WB_ACCOUNT_COLUMN_OWNER] = {
    /* Accounts without an owner sort first: they need one. */
    .id = "owner", .title = N_("Owner"), .width = 124, .expand = TRUE,
    .text = (WbListTextFunc) row_owner, .sort_text = (WbListTextFunc) wb_account_row_get_owner_sort_key,
  },
  [WB_ACCOUNT_COLUMN_OWNER_TYPE] = {
    .id = "owner_type", .title = N_("Owner type"), .width = 104,
    .text = (WbListTextFunc) row_owner_type, .sort_number = (WbListIntFunc) wb_account_row_get_owner_type,
  },
  [WB_ACCOUNT_COLUMN_STATUS] = {
    .id = "status", .title = N_("Rule status"), .width = 186, .cell = WB_LIST_CELL_CUSTOM,
    .create = create_status_cell, .bind = bind_status_cb,
    .export_text = (WbListTextFunc) row_status, .sort_number = (WbListIntFunc) wb_account_row_get_status,
  },
  [WB_ACCOUNT_COLUMN_LAST_CONTACT] = {
    /* Never contacted sorts before the oldest contact. */
    .id = "last_contact", .title = N_("Last contact"), .width = 118, .cell = WB_LIST_CELL_DATE,
    .text = (WbListTextFunc) wb_account_row_get_last_contact, .empty_text = N_("Never"),
    .style = (WbListTextFunc) row_contact_style,
    .sort_text = (WbListTextFunc) wb_account_row_get_last_contact, .nulls_first = TRUE,
  },
  [WB_ACCOUNT_COLUMN_VACANCIES] = {
    .id = "open_vacancies", .title = N_("Vacancies"), .export_title = N_("Open vacancies"), .width = 76,
    .cell = WB_LIST_CELL_NUMBER, .int64 = (WbListInt64Func) wb_account_row_get_open_vacancies,
    .sort_int64 = (WbListInt64Func) wb_account_row_get_open_vacancies,
  },
  [WB_ACCOUNT_COLUMN_OWNER_ORGANISATION] = {
    .id = "owner_organisation", .title = N_("Owner's organisation"), .export_only = TRUE,
    .text = (WbListTextFunc) wb_account_row_get_owner_organisation,
  },
  [WB_ACCOUNT_COLUMN_DORMANT] = {
    .id = "dormant", .title = N_("Dormant"), .export_only = TRUE, .text = (WbListTextFunc) row_dormant,
  },
};

static void
add_int_choice (WbFilterDropdown *dropdown,
                const char       *label,
                int               value)
{
  char text[16];

  g_snprintf (text, sizeof text, "%d", value);
  wb_filter_dropdown_add_choice (dropdown, label, text);
}

static void
fill_owner_types (WbFilterDropdown *dropdown,
                  WbSession        *session)
{
  add_int_choice (dropdown, _("WSP accounts"), WB_OWNER_TYPE_WSP);
  add_int_choice (dropdown, _("Local accounts"), WB_OWNER_TYPE_LOCAL);
  add_int_choice (dropdown, _("Without an owner"), WB_OWNER_TYPE_NONE);
}

static void
fill_sizes (WbFilterDropdown *dropdown,
            WbSession        *session)
{
  for (int i = 0; i < WB_N_ACCOUNT_SIZES; i++)
    add_int_choice (dropdown, wb_account_size_class_to_label (i), i);
}

static void
fill_statuses (WbFilterDropdown *dropdown,
               WbSession        *session)
{
  for (int i = 0; i < WB_N_ACCOUNT_STATUSES; i++)
    add_int_choice (dropdown, wb_account_status_to_label (i), i);
}

static char *
my_id (WbSession *session)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, wb_session_get_user_id (session));
}

static char *
owned_by_me (WbSession *session)
{
  /* TRANSLATORS: in the title block of a print: the accounts of one owner */
  return g_strdup_printf (_("owned by %s"), wb_record_get_string (wb_session_get_me (session), "display_name"));
}

static char *
owner_type_query (const WbListFilterValue *value)
{
  return g_strdup (wb_owner_type_to_string ((WbOwnerType) value->number));
}

static char *
size_query (const WbListFilterValue *value)
{
  return g_strdup (wb_account_size_class_to_string ((WbAccountSizeClass) value->number));
}

static char *
status_query (const WbListFilterValue *value)
{
  return g_strdup (wb_account_status_to_string ((WbAccountStatus) value->number));
}

static char *
dormant_query (const WbListFilterValue *value)
{
  return g_strdup (value->number != 0 ? "true" : "false");
}

static gboolean
account_is_mine (WbAccountRow *row,
                 WbSession    *session)
{
  return wb_session_get_user_id (session) != 0 && wb_account_row_get_owner_id (row) == wb_session_get_user_id (session);
}

/* Owned by someone of my organisation. */
static gboolean
account_is_ours (WbAccountRow *row,
                 WbSession    *session)
{
  const char *mine = wb_session_lookup_name (session, WB_RESOURCE_ORGANISATIONS, wb_session_get_organisation_id (session));

  return mine != NULL && g_strcmp0 (wb_account_row_get_owner_organisation (row), mine) == 0;
}

/* The server's list knows "my accounts" (owner_id=me); an organisation's it reads whole. */
static char *
scope_query (const WbListFilterValue *value)
{
  return value->number == WB_LIST_SCOPE_MINE ? g_strdup ("me") : NULL;
}

static const WbListChoice dormancy[] = {
  { N_("Dormant"), "1" }, { N_("In contact"), "0" }, { NULL },
};

static const WbListFilter filters[] = {
  [WB_ACCOUNT_FILTER_OWNER] = {
    /* An owner picked in code (a print of one owner's accounts); the scope below is what
     * the user picks. */
    .id = "owner", .kind = WB_LIST_FILTER_TOGGLE, .label = N_("_Mine"), .accessible = N_("Only my accounts"),
    .tooltip = N_("Only the accounts you own"), .int64 = (WbListInt64Func) wb_account_row_get_owner_id,
    .toggle_value = my_id, .describe = owned_by_me, .query_param = "owner_id", .hidden = TRUE,
  },
  [WB_ACCOUNT_FILTER_OWNER_TYPE] = {
    .id = "owner_type", .label = N_("WSP and local"), .accessible = N_("Filter by owner type"),
    .number = (WbListIntFunc) wb_account_row_get_owner_type, .fill = fill_owner_types,
    .query_param = "owner_type", .query_value = owner_type_query,
  },
  [WB_ACCOUNT_FILTER_MUNICIPALITY] = {
    .id = "municipality", .label = N_("Municipality"), .accessible = N_("Filter by municipality"),
    .int64 = (WbListInt64Func) wb_account_row_get_municipality_id, .lookup = WB_RESOURCE_MUNICIPALITIES,
    .query_param = "municipality_id",
  },
  [WB_ACCOUNT_FILTER_SECTOR] = {
    .id = "sector", .label = N_("Sector"), .accessible = N_("Filter by sector"),
    .text = (WbListTextFunc) wb_account_row_get_sector, .enum_field = "sector", .enum_values = wb_sectors,
    .query_param = "sector",
  },
  [WB_ACCOUNT_FILTER_SIZE] = {
    .id = "size", .label = N_("Size"), .accessible = N_("Filter by size class"),
    .number = (WbListIntFunc) wb_account_row_get_size_class, .fill = fill_sizes,
    .query_param = "size", .query_value = size_query,
  },
  [WB_ACCOUNT_FILTER_STATUS] = {
    .id = "status", .label = N_("Rule status"), .accessible = N_("Filter by rule status"),
    .number = (WbListIntFunc) wb_account_row_get_status, .fill = fill_statuses,
    .query_param = "status", .query_value = status_query,
  },
  [WB_ACCOUNT_FILTER_DORMANT] = {
    .id = "dormant", .label = N_("Dormant or not"), .accessible = N_("Filter by contact in the last six months"),
    .number = (WbListIntFunc) wb_account_row_get_dormant, .choices = dormancy,
    .query_param = "dormant", .query_value = dormant_query,
  },
  [WB_ACCOUNT_FILTER_SCOPE] = {
    .id = "scope", .kind = WB_LIST_FILTER_SCOPE, .accessible = N_("Whose accounts"),
    .mine = (gboolean (*) (gpointer, WbSession *)) account_is_mine,
    .ours = (gboolean (*) (gpointer, WbSession *)) account_is_ours,
    .query_param = "owner_id", .query_value = scope_query,
  },
};

static const WbListTexts texts = {
  .search_placeholder = N_("Search by name, KvK number, owner or municipality"),
  .search_label = N_("Search accounts"),
  .list_label = N_("Employer accounts"),
  .loading_title = N_("Loading the Account List"),
  .loading_label = N_("Loading accounts"),
  .empty_title = N_("No Matching Accounts"),
  .none_title = N_("No Employer Accounts Yet"),
  .none_description = N_("Employers appear here once they are registered or imported from a CSV file."),
  .none_icon = "x-office-address-book-symbolic",
  .error_title = N_("The Accounts Could Not Be Loaded"),
  .denied_title = N_("The Account List Is Not Available to You"),
  .denied_description = N_("Your role sees the labour-market figures, not the employer accounts."),
  .open_label = N_("_Open Account"),
  .open_accessible = N_("Open account"),
  .export_title = N_("Export the Account List"),
  .export_basename = "werkbrug-accounts",
  /* TRANSLATORS: the banner when the account list could not be read; %s says why */
  .load_error = N_("The accounts could not be loaded: %s"),
};

static const WbListCounts counts = {
  .singular = WB_PLURALS ("%'u account", "%'u accounts"),
  /* TRANSLATORS: the number of accounts the search and filters leave, of all */
  .filtered_singular = WB_PLURALS ("%s of %s account", "%s of %s accounts"),
  /* TRANSLATORS: a toast after an export: how many accounts, and the file */
  .exported_singular = WB_PLURALS ("%u account exported to %s", "%u accounts exported to %s"),
};

static const WbListSpec spec = {
  .id = "accounts",
  .row_type = wb_account_row_get_type,
  .row_id = (WbListInt64Func) wb_account_row_get_id,
  .search_key = (WbListTextFunc) wb_account_row_get_search_key,
  .compare = (int (*) (gpointer, gpointer)) compare_names,
  .columns = columns,
  .n_columns = G_N_ELEMENTS (columns),
  .sort_column = WB_ACCOUNT_COLUMN_NAME,
  .filters = filters,
  .n_filters = G_N_ELEMENTS (filters),
  .css_class = "wb-account-list",
  .resource = WB_RESOURCE_EMPLOYERS,
  .follows = "employers",
  .check_policy = TRUE,
  .texts = &texts,
  .counts = &counts,
};

const WbListSpec *
wb_account_list_spec (void)
{
  return &spec;
}

static gpointer
wb_account_list_model_make_row (WbListModel *model,
                                WbRecord    *record)
{
  JsonNode *active = json_object_get_member (wb_record_get_object (record), "active");

  /* The list holds the active employers only. */
  if (active != NULL && JSON_NODE_HOLDS_VALUE (active) && !json_node_get_boolean (active))
    return NULL;
  return wb_account_row_new (record);
}

static void
wb_account_list_model_class_init (WbAccountListModelClass *klass)
{
  WB_LIST_MODEL_CLASS (klass)->make_row = wb_account_list_model_make_row;
}

static void
wb_account_list_model_init (WbAccountListModel *self)
{
  wb_list_model_set_spec (WB_LIST_MODEL (self), wb_account_list_spec ());
}

WbAccountListModel *
wb_account_list_model_new (void)
{
  return g_object_new (WB_TYPE_ACCOUNT_LIST_MODEL, NULL);
}
