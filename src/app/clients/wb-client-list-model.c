/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-client-list-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wb-filter-dropdown.h"
#include "wb-labels.h"

#include "wb-client-list-model.h"

struct _WbClientListModel
{
  WbListModel parent_instance;

  WbSession *session;
  guint32 today;
};

G_DEFINE_FINAL_TYPE (WbClientListModel, wb_client_list_model, WB_TYPE_LIST_MODEL)

/* The client list as data: what each column shows, sorts on and exports, and what each
 * filter compares. The example of docs/lists.md. */

static const char *
row_name_style (WbClientRow *row)
{
  return wb_client_row_get_pseudonymous (row) ? "wb-pseudonym" : NULL;
}

static const char *
row_group_label (WbClientRow *row)
{
  return wb_label_for_enum ("client_group", wb_client_row_get_client_group (row));
}

static const char *
row_phase_label (WbClientRow *row)
{
  return wb_label_for_enum ("phase", wb_client_row_get_phase (row));
}

static const char *
row_diagnosis_label (WbClientRow *row)
{
  return wb_diagnosis_status_to_label (wb_client_row_get_diagnosis_status (row));
}

static const char *
row_diagnosis_style (WbClientRow *row)
{
  WbDiagnosisStatus status = wb_client_row_get_diagnosis_status (row);

  return status == WB_DIAGNOSIS_CURRENT ? "success" : status == WB_DIAGNOSIS_STALE ? "warning" : "error";
}

static int
compare_names (WbClientRow *a,
               WbClientRow *b)
{
  return strcmp (wb_client_row_get_search_key (a), wb_client_row_get_search_key (b));
}

static const WbListColumn columns[] = {
  [WB_CLIENT_COLUMN_NAME] = {
    .id = "name", .title = N_("Name or pseudonym"), .width = 200, .expand = TRUE,
    .cell = WB_LIST_CELL_PSEUDONYM,
    .text = (WbListTextFunc) wb_client_row_get_title, .style = (WbListTextFunc) row_name_style,
    .sortable = TRUE,
  },
  [WB_CLIENT_COLUMN_ORGANISATION] = {
    .id = "organisation", .title = N_("Organisation"), .width = 200, .expand = TRUE,
    .text = (WbListTextFunc) wb_client_row_get_organisation,
    .sort_text = (WbListTextFunc) wb_client_row_get_organisation,
  },
  [WB_CLIENT_COLUMN_MUNICIPALITY] = {
    .id = "municipality", .title = N_("Municipality"), .width = 150,
    .text = (WbListTextFunc) wb_client_row_get_municipality,
    .sort_text = (WbListTextFunc) wb_client_row_get_municipality,
  },
  [WB_CLIENT_COLUMN_AGE] = {
    .id = "age", .title = N_("Age"), .width = 70,
    .text = (WbListTextFunc) wb_client_row_get_age_text,
    .sort_number = (WbListIntFunc) wb_client_row_get_age,
  },
  [WB_CLIENT_COLUMN_GROUP] = {
    .id = "client_group", .title = N_("Client group"), .width = 170,
    .text = (WbListTextFunc) row_group_label,
    .sort_text = (WbListTextFunc) wb_client_row_get_client_group,
  },
  [WB_CLIENT_COLUMN_PHASE] = {
    .id = "phase", .title = N_("Phase"), .width = 110,
    .text = (WbListTextFunc) row_phase_label,
    .sort_number = (WbListIntFunc) wb_client_row_get_phase_index,
  },
  [WB_CLIENT_COLUMN_CAPACITY] = {
    .id = "capacity_band", .title = N_("Capacity"), .width = 90, .empty_text = "—",
    .text = (WbListTextFunc) wb_client_row_get_capacity_band,
    .sort_text = (WbListTextFunc) wb_client_row_get_capacity_band,
  },
  [WB_CLIENT_COLUMN_DIAGNOSIS] = {
    .id = "diagnosis", .title = N_("Diagnosis"), .width = 100, .cell = WB_LIST_CELL_BADGE,
    .text = (WbListTextFunc) row_diagnosis_label, .style = (WbListTextFunc) row_diagnosis_style,
    .sort_number = (WbListIntFunc) wb_client_row_get_diagnosis_status,
  },
  [WB_CLIENT_COLUMN_ACTIVITY] = {
    .id = "last_activity", .title = N_("Last activity"), .width = 110,
    .text = (WbListTextFunc) wb_client_row_get_activity_text,
    .export_date = (WbListTextFunc) wb_client_row_get_last_activity,  /* the day, not "3 days" */
    .sort_number = (WbListIntFunc) wb_client_row_get_days_idle,
  },
};

static gboolean
activity_matches (gpointer                 row,
                  const WbListFilterValue *value)
{
  int days = wb_client_row_get_days_idle (row);

  switch ((WbActivityBucket) value->number)
    {
    case WB_ACTIVITY_MONTH:
      return days >= 0 && days <= 30;
    case WB_ACTIVITY_QUARTER:
      return days > 30 && days <= 90;
    case WB_ACTIVITY_YEAR:
      return days > 90 && days <= 365;
    case WB_ACTIVITY_OLDER:
      return days < 0 || days > 365;
    case WB_ACTIVITY_ANY:
    default:
      return TRUE;
    }
}

/* WSPs own employer accounts, not clients. */
static gboolean
owns_clients (WbRecord *organisation)
{
  return g_strcmp0 (wb_record_get_string (organisation, "kind"), "wsp") != 0;
}

static void
fill_capacity (WbFilterDropdown *dropdown,
               WbSession        *session)
{
  static const char * const bands[] = { "<30", "30-80", "80-100", NULL };

  for (guint i = 0; bands[i] != NULL; i++)
    {
      g_autofree char *label = g_strdup_printf ("%s %%", bands[i]);

      wb_filter_dropdown_add_choice (dropdown, label, bands[i]);
    }
}

static const WbListChoice age_bands[] = {
  { "<18", "<18" }, { "18-24", "18-24" }, { "25-34", "25-34" }, { "35-44", "35-44" },
  { "45-54", "45-54" }, { "55-64", "55-64" }, { "65+", "65+" }, { NULL },
};

static const WbListChoice diagnoses[] = {
  { N_("No diagnosis"), "0" }, { N_("Stale diagnosis"), "1" }, { N_("Current diagnosis"), "2" }, { NULL },
};

static const WbListChoice activities[] = {
  { N_("Active in the last 30 days"), "1" },
  { N_("31 to 90 days ago"), "2" },
  { N_("91 days to a year ago"), "3" },
  { N_("Over a year ago or never"), "4" },
  { NULL },
};

/* A client is mine when I manage their case or am the WSP account manager they were
 * referred to. */
static gboolean
client_is_mine (WbClientRow *row,
                WbSession   *session)
{
  gint64 me = wb_session_get_user_id (session);

  return me != 0 && (wb_client_row_get_case_manager_id (row) == me ||
                     wb_client_row_get_wsp_account_manager_id (row) == me);
}

static gboolean
client_is_ours (WbClientRow *row,
                WbSession   *session)
{
  return wb_client_row_get_organisation_id (row) == wb_session_get_organisation_id (session);
}

static const WbListFilter filters[] = {
  [WB_CLIENT_FILTER_ORGANISATION] = {
    .id = "organisation", .label = N_("Organisation"), .accessible = N_("Filter by organisation"),
    .int64 = (WbListInt64Func) wb_client_row_get_organisation_id,
    .lookup = WB_RESOURCE_ORGANISATIONS, .lookup_keep = owns_clients,
  },
  [WB_CLIENT_FILTER_MUNICIPALITY] = {
    .id = "municipality", .label = N_("Municipality"), .accessible = N_("Filter by municipality"),
    .int64 = (WbListInt64Func) wb_client_row_get_municipality_id,
    .lookup = WB_RESOURCE_MUNICIPALITIES,
  },
  [WB_CLIENT_FILTER_AGE] = {
    .id = "age_band", .label = N_("Age"), .accessible = N_("Filter by age"),
    .text = (WbListTextFunc) wb_client_row_get_age_band, .choices = age_bands,
  },
  [WB_CLIENT_FILTER_GROUP] = {
    .id = "client_group", .label = N_("Client group"), .accessible = N_("Filter by client group"),
    .text = (WbListTextFunc) wb_client_row_get_client_group,
    .enum_field = "client_group", .enum_values = wb_client_groups,
  },
  [WB_CLIENT_FILTER_PHASE] = {
    .id = "phase", .label = N_("Phase"), .accessible = N_("Filter by phase"),
    .text = (WbListTextFunc) wb_client_row_get_phase, .enum_field = "phase", .enum_values = wb_phases,
  },
  [WB_CLIENT_FILTER_CAPACITY] = {
    .id = "capacity_band", .label = N_("Capacity"), .accessible = N_("Filter by work capacity"),
    .text = (WbListTextFunc) wb_client_row_get_capacity_band, .fill = fill_capacity,
  },
  [WB_CLIENT_FILTER_DIAGNOSIS] = {
    .id = "diagnosis", .label = N_("Diagnosis"), .accessible = N_("Filter by diagnosis status"),
    .number = (WbListIntFunc) wb_client_row_get_diagnosis_status, .choices = diagnoses,
  },
  [WB_CLIENT_FILTER_ACTIVITY] = {
    .id = "activity", .label = N_("Activity"), .accessible = N_("Filter by last activity"),
    .match = activity_matches, .choices = activities,
  },
  [WB_CLIENT_FILTER_SCOPE] = {
    .id = "scope", .kind = WB_LIST_FILTER_SCOPE, .accessible = N_("Whose clients"),
    .mine = (gboolean (*) (gpointer, WbSession *)) client_is_mine,
    .ours = (gboolean (*) (gpointer, WbSession *)) client_is_ours,
  },
};

static const WbListTexts texts = {
  .search_placeholder = N_("Search by name, pseudonym, organisation or municipality"),
  .search_label = N_("Search clients"),
  .list_label = N_("Clients"),
  .loading_title = N_("Loading Clients"),
  .loading_label = N_("Loading clients"),
  .empty_title = N_("No Matching Clients"),
  .none_title = N_("No Clients Yet"),
  .none_description = N_("The clients you may see appear here."),
  .none_icon = "system-users-symbolic",
  .error_title = N_("The Clients Could Not Be Loaded"),
  .open_label = N_("_Open Profile"),
  .open_accessible = N_("Open profile"),
  .export_title = N_("Export the Client List"),
  .export_basename = "werkbrug-clients",
  /* TRANSLATORS: the banner when the client list could not be read; %s says why */
  .load_error = N_("The clients could not be loaded: %s"),
};

static const WbListCounts counts = {
  .singular = WB_PLURALS ("%'u client", "%'u clients"),
  /* TRANSLATORS: the number of clients the search and filters leave, of all loaded */
  .filtered_singular = WB_PLURALS ("%s of %s client", "%s of %s clients"),
  /* TRANSLATORS: a toast after an export: how many clients, and the file */
  .exported_singular = WB_PLURALS ("%u client exported to %s", "%u clients exported to %s"),
};

static const WbListSpec spec = {
  .id = "clients",
  .row_type = wb_client_row_get_type,
  .row_id = (WbListInt64Func) wb_client_row_get_id,
  .search_key = (WbListTextFunc) wb_client_row_get_search_key,
  .compare = (int (*) (gpointer, gpointer)) compare_names,
  .columns = columns,
  .n_columns = G_N_ELEMENTS (columns),
  .sort_column = WB_CLIENT_COLUMN_NAME,
  .filters = filters,
  .n_filters = G_N_ELEMENTS (filters),
  .css_class = "wb-client-list",
  .resource = WB_RESOURCE_CLIENTS,
  .follows = "clients",
  .texts = &texts,
  .counts = &counts,
};

const WbListSpec *
wb_client_list_spec (void)
{
  return &spec;
}

static gpointer
wb_client_list_model_make_row (WbListModel *model,
                               WbRecord    *record)
{
  WbClientListModel *self = WB_CLIENT_LIST_MODEL (model);

  return wb_client_row_new (record, self->session, self->today);
}

static void
wb_client_list_model_dispose (GObject *object)
{
  WbClientListModel *self = (WbClientListModel *) object;

  g_clear_object (&self->session);

  G_OBJECT_CLASS (wb_client_list_model_parent_class)->dispose (object);
}

static void
wb_client_list_model_class_init (WbClientListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  WbListModelClass *list_class = WB_LIST_MODEL_CLASS (klass);

  object_class->dispose = wb_client_list_model_dispose;
  list_class->make_row = wb_client_list_model_make_row;
}

static void
wb_client_list_model_init (WbClientListModel *self)
{
  wb_list_model_set_spec (WB_LIST_MODEL (self), wb_client_list_spec ());
}

WbClientListModel *
wb_client_list_model_new (WbSession *session)
{
  WbClientListModel *self;

  g_return_val_if_fail (session == NULL || WB_IS_SESSION (session), NULL);

  self = g_object_new (WB_TYPE_CLIENT_LIST_MODEL, NULL);
  self->session = session != NULL ? g_object_ref (session) : NULL;
  return self;
}

void
wb_client_list_model_set_today (WbClientListModel *self,
                                guint32            julian)
{
  g_return_if_fail (WB_IS_CLIENT_LIST_MODEL (self));
  self->today = julian;
}
