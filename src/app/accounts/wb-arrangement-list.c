/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-arrangement-list"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-account-rules.h"
#include "wb-filter-dropdown.h"

#include "wb-arrangement-list.h"

struct _WbArrangementListModel
{
  WbListModel parent_instance;
};

G_DEFINE_FINAL_TYPE (WbArrangementListModel, wb_arrangement_list_model, WB_TYPE_LIST_MODEL)

/* What a row shows besides the report's own fields, made once. */
typedef struct {
  char *day;
  char *marked_by;     /* "Giel Coenen (Gemeente Heerlen)" */
  char *search_key;
} ReportRow;

static GQuark row_quark;

static ReportRow *
row_of (WbRecord *report)
{
  return g_object_get_qdata (G_OBJECT (report), row_quark);
}

static JsonObject *
employer_of (WbRecord *report)
{
  return wb_json_get_object (wb_record_get_object (report), "employer");
}

static const char *
employer_text (WbRecord   *report,
               const char *field)
{
  return wb_json_get_string (employer_of (report), field);
}

static const char *row_day (WbRecord *report) { return row_of (report)->day; }
static const char *row_marked_by (WbRecord *report) { return row_of (report)->marked_by; }
static const char *row_search_key (WbRecord *report) { return row_of (report)->search_key; }
static const char *row_employer (WbRecord *report) { return employer_text (report, "name"); }
static const char *row_kvk (WbRecord *report) { return employer_text (report, "kvk"); }
static const char *row_municipality (WbRecord *report) { return employer_text (report, "municipality"); }
static const char *row_region (WbRecord *report) { return employer_text (report, "region"); }
static const char *row_quarter (WbRecord *report) { return wb_record_get_string (report, "quarter"); }
static const char *row_text (WbRecord *report) { return wb_record_get_string (report, "text"); }
static gint64 row_notified (WbRecord *report) { return wb_record_get_int (report, "notified"); }

static gint64
row_employees (WbRecord *report)
{
  return wb_json_get_int (employer_of (report), "employee_count");
}

static WbArrangementChange
change_of (WbRecord *report)
{
  WbArrangementChange change = WB_ARRANGEMENT_NEW;

  wb_arrangement_change_from_string (wb_record_get_string (report, "change"), &change);
  return change;
}

static const char *
row_change (WbRecord *report)
{
  return wb_arrangement_change_to_label (change_of (report));
}

static const char *
row_change_style (WbRecord *report)
{
  switch (change_of (report))
    {
    case WB_ARRANGEMENT_WITHDRAWN:
      return "warning";
    case WB_ARRANGEMENT_CHANGED:
      return "accent";
    case WB_ARRANGEMENT_NEW:
    case WB_ARRANGEMENT_UNCHANGED:
    case WB_N_ARRANGEMENT_CHANGES:
    default:
      return "success";
    }
}

static int
row_change_rank (WbRecord *report)
{
  return change_of (report);
}

/* Newest first. */
static int
compare_reports (WbRecord *a,
                 WbRecord *b)
{
  return -g_strcmp0 (wb_record_get_string (a, "at"), wb_record_get_string (b, "at"));
}

static const WbListColumn columns[] = {
  [WB_ARRANGEMENT_COLUMN_DATE] = {
    .id = "at", .title = N_("Reported on"), .width = 110, .cell = WB_LIST_CELL_DATE,
    .text = (WbListTextFunc) row_day, .sortable = TRUE,
  },
  [WB_ARRANGEMENT_COLUMN_EMPLOYER] = {
    .id = "employer", .title = N_("Employer"), .width = 200, .expand = TRUE,
    .text = (WbListTextFunc) row_employer, .sort_text = (WbListTextFunc) row_employer,
  },
  [WB_ARRANGEMENT_COLUMN_CHANGE] = {
    .id = "change", .title = N_("Report"), .width = 110, .cell = WB_LIST_CELL_BADGE,
    .text = (WbListTextFunc) row_change, .style = (WbListTextFunc) row_change_style,
    .sort_number = (WbListIntFunc) row_change_rank,
  },
  [WB_ARRANGEMENT_COLUMN_TEXT] = {
    .id = "text", .title = N_("Arrangement"), .width = 260, .expand = TRUE, .empty_text = N_("No description"),
    .text = (WbListTextFunc) row_text,
  },
  [WB_ARRANGEMENT_COLUMN_MARKED_BY] = {
    .id = "marked_by", .title = N_("Marked by"), .width = 210,
    .text = (WbListTextFunc) row_marked_by, .sort_text = (WbListTextFunc) row_marked_by,
  },
  [WB_ARRANGEMENT_COLUMN_MUNICIPALITY] = {
    .id = "municipality", .title = N_("Municipality"), .width = 120,
    .text = (WbListTextFunc) row_municipality, .sort_text = (WbListTextFunc) row_municipality,
  },
  [WB_ARRANGEMENT_COLUMN_KVK] = {
    .id = "kvk", .title = N_("KvK number"), .export_only = TRUE, .text = (WbListTextFunc) row_kvk,
  },
  [WB_ARRANGEMENT_COLUMN_EMPLOYEES] = {
    .id = "employee_count", .title = N_("Employees"), .export_only = TRUE, .cell = WB_LIST_CELL_NUMBER,
    .int64 = (WbListInt64Func) row_employees,
  },
  [WB_ARRANGEMENT_COLUMN_REGION] = {
    .id = "region", .title = N_("Subregion"), .export_only = TRUE, .text = (WbListTextFunc) row_region,
  },
  [WB_ARRANGEMENT_COLUMN_QUARTER] = {
    .id = "quarter", .title = N_("Quarter"), .export_only = TRUE, .text = (WbListTextFunc) row_quarter,
  },
  [WB_ARRANGEMENT_COLUMN_NOTIFIED] = {
    .id = "notified", .title = N_("WSP coordinators told"), .export_only = TRUE, .cell = WB_LIST_CELL_NUMBER,
    .int64 = (WbListInt64Func) row_notified,
  },
};

/* This quarter and the seven before it. */
static void
fill_quarters (WbFilterDropdown *dropdown,
               WbSession        *session)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int year = g_date_time_get_year (now);
  int quarter = (g_date_time_get_month (now) - 1) / 3 + 1;

  for (guint i = 0; i < 8; i++)
    {
      g_autofree char *value = g_strdup_printf ("%04d-Q%d", year, quarter);
      /* TRANSLATORS: a quarter of a year in the filter of the reported arrangements */
      g_autofree char *label = g_strdup_printf (_("Quarter %d of %d"), quarter, year);

      wb_filter_dropdown_add_choice (dropdown, label, value);
      if (--quarter == 0)
        {
          quarter = 4;
          year--;
        }
    }
}

static const WbListChoice regions[] = {
  { N_("Parkstad"), "Parkstad" },
  { N_("Maastricht-Heuvelland"), "Maastricht-Heuvelland" },
  { N_("Westelijke Mijnstreek"), "Westelijke Mijnstreek" },
  { NULL },
};

static const WbListFilter filters[] = {
  [WB_ARRANGEMENT_FILTER_QUARTER] = {
    .id = "quarter", .label = N_("Every quarter"), .accessible = N_("Filter by quarter"),
    .text = (WbListTextFunc) row_quarter, .fill = fill_quarters, .query_param = "quarter",
  },
  [WB_ARRANGEMENT_FILTER_REGION] = {
    .id = "region", .label = N_("Every subregion"), .accessible = N_("Filter by subregion"),
    .text = (WbListTextFunc) row_region, .choices = regions, .query_param = "region",
  },
};

static const WbListTexts texts = {
  .search_placeholder = N_("Search by employer, arrangement or who marked it"),
  .search_label = N_("Search the reported arrangements"),
  .list_label = N_("Reported potential arrangements"),
  .loading_title = N_("Loading the Reported Arrangements"),
  .loading_label = N_("Loading the reported arrangements"),
  .empty_title = N_("No Matching Arrangements"),
  .none_title = N_("No Arrangements Reported"),
  .none_description = N_("When an account manager marks a potential employer arrangement, it is reported to the WSP "
                         "and listed here, per quarter."),
  .none_icon = "emblem-documents-symbolic",
  .error_title = N_("The Reported Arrangements Could Not Be Loaded"),
  .denied_title = N_("Only Coordinators See the Reported Arrangements"),
  .denied_description = N_("Potential arrangements are reported to the coordinators of the WSP."),
  .open_label = N_("_Open Account"),
  .open_accessible = N_("Open account"),
  .export_title = N_("Export the Reported Arrangements"),
  .export_basename = "werkbrug-arrangements",
  /* TRANSLATORS: the banner when the reported arrangements could not be read; %s says why */
  .load_error = N_("The reported arrangements could not be loaded: %s"),
};

static const WbListCounts counts = {
  .singular = WB_PLURALS ("%'u arrangement", "%'u arrangements"),
  /* TRANSLATORS: how many reported arrangements the search and filters leave, of all */
  .filtered_singular = WB_PLURALS ("%s of %s arrangement", "%s of %s arrangements"),
  /* TRANSLATORS: a toast after an export: how many arrangements, and the file */
  .exported_singular = WB_PLURALS ("%u arrangement exported to %s", "%u arrangements exported to %s"),
};

static char *
row_label (WbRecord *report)
{
  /* TRANSLATORS: a reported arrangement as a screen reader reads its row: the report,
   * the employer, the date, what the arrangement is and who marked it */
  return g_strdup_printf (_("%s: %s, %s. %s Marked by %s."), row_change (report), row_employer (report) ?: "?",
                          row_day (report) ?: "?", row_text (report) ?: "", row_marked_by (report));
}

static const WbListSpec spec = {
  .row_type = wb_record_get_type,
  .row_id = (WbListInt64Func) wb_record_get_id,
  .search_key = (WbListTextFunc) row_search_key,
  .compare = (int (*) (gpointer, gpointer)) compare_reports,
  .columns = columns,
  .n_columns = G_N_ELEMENTS (columns),
  .sort_column = WB_ARRANGEMENT_COLUMN_DATE,
  .filters = filters,
  .n_filters = G_N_ELEMENTS (filters),
  .css_class = "wb-arrangement-list",
  .resource = WB_RESOURCE_EMPLOYERS,
  /* Every quarter: the quarter filter chooses among them here. */
  .path = "api/v1/arrangements",
  .row_label = (char *(*) (gpointer)) row_label,
  .texts = &texts,
  .counts = &counts,
};

const WbListSpec *
wb_arrangement_list_spec (void)
{
  return &spec;
}

static void
report_row_free (ReportRow *row)
{
  g_free (row->day);
  g_free (row->marked_by);
  g_free (row->search_key);
  g_free (row);
}

static gpointer
wb_arrangement_list_model_make_row (WbListModel *model,
                                    WbRecord    *record)
{
  ReportRow *row = g_new0 (ReportRow, 1);
  const char *at = wb_record_get_string (record, "at");
  g_autofree char *key = NULL;

  row->day = at != NULL ? g_strndup (at, 10) : NULL;
  row->marked_by = g_strdup_printf ("%s (%s)", wb_record_get_string (record, "user_name") ?: "?",
                                    wb_record_get_string (record, "organisation") ?: "?");
  key = g_strjoin ("\n", employer_text (record, "name") ?: "", employer_text (record, "kvk") ?: "",
                   wb_record_get_string (record, "text") ?: "", row->marked_by, NULL);
  row->search_key = wb_list_fold_search (key);
  if (row->search_key == NULL)
    row->search_key = g_strdup ("");
  g_object_set_qdata_full (G_OBJECT (record), row_quark, row, (GDestroyNotify) report_row_free);
  return g_object_ref (record);
}

static void
wb_arrangement_list_model_class_init (WbArrangementListModelClass *klass)
{
  WB_LIST_MODEL_CLASS (klass)->make_row = wb_arrangement_list_model_make_row;
  row_quark = g_quark_from_static_string ("wb-arrangement-row");
}

static void
wb_arrangement_list_model_init (WbArrangementListModel *self)
{
  wb_list_model_set_spec (WB_LIST_MODEL (self), wb_arrangement_list_spec ());
}

WbArrangementListModel *
wb_arrangement_list_model_new (void)
{
  return g_object_new (WB_TYPE_ARRANGEMENT_LIST_MODEL, NULL);
}
