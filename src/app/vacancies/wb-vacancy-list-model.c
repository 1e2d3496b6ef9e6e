/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-vacancy-list-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wb-filter-dropdown.h"
#include "wb-labels.h"

#include "wb-vacancy-list-model.h"

struct _WbVacancyListModel
{
  WbListModel parent_instance;

  WbSession *session;
  guint32 today;
};

G_DEFINE_FINAL_TYPE (WbVacancyListModel, wb_vacancy_list_model, WB_TYPE_LIST_MODEL)

/* The vacancy list as data: what each column shows, sorts on and exports, and what each
 * filter compares (docs/lists.md). */

static const char *
row_status_style (WbVacancyRow *row)
{
  const char *status = wb_vacancy_row_get_status (row);

  return g_strcmp0 (status, "open") == 0 ? "success" : g_strcmp0 (status, "filled") == 0 ? "accent" : "neutral";
}

static const char *
row_sector_style (WbVacancyRow *row)
{
  return wb_vacancy_row_get_opportunity (row) ? "wb-opportunity" : NULL;
}

/* An open vacancy whose closing date is near, or past, says so. */
static const char *
row_closing_style (WbVacancyRow *row)
{
  int days = wb_vacancy_row_get_days_to_close (row);

  if (g_strcmp0 (wb_vacancy_row_get_status (row), "open") != 0 || days == G_MAXINT)
    return NULL;
  return days < 0 ? "error" : days <= WB_CLOSING_SOON_DAYS ? "warning" : NULL;
}

static const char *
row_job_carving (WbVacancyRow *row)
{
  return wb_vacancy_row_get_job_carving (row) ? _("Yes") : NULL;
}

static const char *
row_subsidy (WbVacancyRow *row)
{
  return wb_vacancy_row_get_wage_cost_subsidy (row) ? _("Yes") : NULL;
}

/* In the file a "no" is written, not left empty. */
static const char *
export_job_carving (WbVacancyRow *row)
{
  return wb_vacancy_row_get_job_carving (row) ? _("Yes") : _("No");
}

static const char *
export_subsidy (WbVacancyRow *row)
{
  return wb_vacancy_row_get_wage_cost_subsidy (row) ? _("Yes") : _("No");
}

static const char *
row_job_carving_value (WbVacancyRow *row)
{
  return wb_vacancy_row_get_job_carving (row) ? "true" : "false";
}

static const char *
row_subsidy_value (WbVacancyRow *row)
{
  return wb_vacancy_row_get_wage_cost_subsidy (row) ? "true" : "false";
}

/* Newest first where the chosen column ties. */
static int
compare_vacancies (WbVacancyRow *a,
                   WbVacancyRow *b)
{
  int by_date = -g_strcmp0 (wb_vacancy_row_get_opened_at (a), wb_vacancy_row_get_opened_at (b));

  return by_date != 0 ? by_date : g_utf8_collate (wb_vacancy_row_get_title (a), wb_vacancy_row_get_title (b));
}

static const WbListColumn columns[] = {
  [WB_VACANCY_COLUMN_TITLE] = {
    .id = "title", .title = N_("Vacancy"), .width = 220, .expand = TRUE,
    .text = (WbListTextFunc) wb_vacancy_row_get_title, .sort_text = (WbListTextFunc) wb_vacancy_row_get_title,
  },
  [WB_VACANCY_COLUMN_EMPLOYER] = {
    .id = "employer", .title = N_("Employer"), .width = 200, .expand = TRUE,
    .text = (WbListTextFunc) wb_vacancy_row_get_employer, .sort_text = (WbListTextFunc) wb_vacancy_row_get_employer,
  },
  [WB_VACANCY_COLUMN_STATUS] = {
    .id = "status", .title = N_("Status"), .width = 90, .cell = WB_LIST_CELL_BADGE,
    .text = (WbListTextFunc) wb_vacancy_row_get_status_label, .style = (WbListTextFunc) row_status_style,
    .sort_number = (WbListIntFunc) wb_vacancy_row_get_status_index,
  },
  [WB_VACANCY_COLUMN_CLOSES] = {
    .id = "closes_at", .title = N_("Closes"), .width = 100, .cell = WB_LIST_CELL_DATE, .empty_text = "—",
    .text = (WbListTextFunc) wb_vacancy_row_get_closes_at, .style = (WbListTextFunc) row_closing_style,
    .sort_number = (WbListIntFunc) wb_vacancy_row_get_days_to_close,
  },
  [WB_VACANCY_COLUMN_SECTOR] = {
    .id = "sector", .title = N_("Sector"), .width = 190,
    .text = (WbListTextFunc) wb_vacancy_row_get_sector_label, .style = (WbListTextFunc) row_sector_style,
    .sort_text = (WbListTextFunc) wb_vacancy_row_get_sector_label,
  },
  [WB_VACANCY_COLUMN_MUNICIPALITY] = {
    .id = "municipality", .title = N_("Municipality"), .width = 140,
    .text = (WbListTextFunc) wb_vacancy_row_get_municipality,
    .sort_text = (WbListTextFunc) wb_vacancy_row_get_municipality,
  },
  [WB_VACANCY_COLUMN_REGION] = {
    .id = "region", .title = N_("Subregion"), .width = 160,
    .text = (WbListTextFunc) wb_vacancy_row_get_region, .sort_text = (WbListTextFunc) wb_vacancy_row_get_region,
  },
  [WB_VACANCY_COLUMN_HOURS] = {
    .id = "hours", .title = N_("Hours"), .width = 70, .cell = WB_LIST_CELL_NUMBER,
    .number = (WbListIntFunc) wb_vacancy_row_get_hours, .sort_number = (WbListIntFunc) wb_vacancy_row_get_hours,
  },
  [WB_VACANCY_COLUMN_CONTRACT] = {
    .id = "contract", .title = N_("Contract"), .width = 130, .empty_text = "—",
    .text = (WbListTextFunc) wb_vacancy_row_get_contract_label,
    .sort_text = (WbListTextFunc) wb_vacancy_row_get_contract_label, .nulls_first = FALSE,
  },
  [WB_VACANCY_COLUMN_POSITIONS] = {
    .id = "positions", .title = N_("Positions"), .width = 90, .cell = WB_LIST_CELL_NUMBER,
    .number = (WbListIntFunc) wb_vacancy_row_get_positions,
    .sort_number = (WbListIntFunc) wb_vacancy_row_get_positions,
  },
  [WB_VACANCY_COLUMN_JOB_CARVING] = {
    .id = "job_carving", .title = N_("Job carving"), .width = 100,
    .text = (WbListTextFunc) row_job_carving, .export_text = (WbListTextFunc) export_job_carving,
    .sort_text = (WbListTextFunc) row_job_carving_value,
  },
  [WB_VACANCY_COLUMN_SUBSIDY] = {
    .id = "wage_cost_subsidy", .title = N_("Wage-cost subsidy"), .width = 130,
    .text = (WbListTextFunc) row_subsidy, .export_text = (WbListTextFunc) export_subsidy,
    .sort_text = (WbListTextFunc) row_subsidy_value,
  },
  [WB_VACANCY_COLUMN_OPENED] = {
    .id = "opened_at", .title = N_("Opened"), .width = 100, .cell = WB_LIST_CELL_DATE, .empty_text = "—",
    .text = (WbListTextFunc) wb_vacancy_row_get_opened_at, .sortable = TRUE,
  },
};

/* Filters */

static gboolean
sector_matches (gpointer                 row,
                const WbListFilterValue *value)
{
  if (g_strcmp0 (value->text, WB_VACANCY_OPPORTUNITY) == 0)
    return wb_vacancy_row_get_opportunity (row);
  return g_strcmp0 (wb_vacancy_row_get_sector (row), value->text) == 0;
}

/* Every sector, each opportunity sector with the regions whose opportunity it is, after
 * one choice for all of them: a vacancy in an opportunity sector of its own region. */
static void
fill_sectors (WbFilterDropdown *dropdown,
              WbSession        *session)
{
  wb_filter_dropdown_add_choice (dropdown, _("Opportunity sectors of their region"), WB_VACANCY_OPPORTUNITY);
  for (guint i = 0; wb_sectors[i] != NULL; i++)
    {
      const char *label = wb_label_for_enum ("sector", wb_sectors[i]);
      g_autoptr(GPtrArray) regions = g_ptr_array_new ();

      for (guint r = 0; wb_regions[r] != NULL; r++)
        if (wb_is_opportunity_sector (wb_regions[r], wb_sectors[i]))
          g_ptr_array_add (regions, (gpointer) wb_regions[r]);
      if (regions->len == 0)
        wb_filter_dropdown_add_choice (dropdown, label, wb_sectors[i]);
      else
        {
          g_autofree char *where = NULL;
          g_autofree char *marked = NULL;

          g_ptr_array_add (regions, NULL);
          where = g_strjoinv (", ", (char **) regions->pdata);
          /* TRANSLATORS: a sector in the filter, and the regions whose opportunity sector it is */
          marked = g_strdup_printf (_("%s · opportunity in %s"), label, where);
          wb_filter_dropdown_add_choice (dropdown, marked, wb_sectors[i]);
        }
    }
}

static const WbListChoice regions[] = {
  { "Parkstad", "Parkstad" },
  { "Maastricht-Heuvelland", "Maastricht-Heuvelland" },
  { "Westelijke Mijnstreek", "Westelijke Mijnstreek" },
  { NULL },
};

static gboolean
hours_match (gpointer                 row,
             const WbListFilterValue *value)
{
  int hours = wb_vacancy_row_get_hours (row);

  switch ((WbHoursBucket) value->number)
    {
    case WB_HOURS_SMALL:
      return hours <= 16;
    case WB_HOURS_PART:
      return hours > 16 && hours <= 28;
    case WB_HOURS_LARGE:
      return hours > 28;
    case WB_HOURS_ANY:
    default:
      return TRUE;
    }
}

static const WbListChoice hours[] = {
  { N_("Up to 16 hours"), "1" }, { N_("17 to 28 hours"), "2" }, { N_("29 to 40 hours"), "3" }, { NULL },
};

static const WbListChoice job_carving[] = {
  { N_("With job carving"), "true" }, { N_("Without job carving"), "false" }, { NULL },
};

static const WbListChoice subsidy[] = {
  { N_("With wage-cost subsidy"), "true" }, { N_("Without wage-cost subsidy"), "false" }, { NULL },
};

static gboolean
closing_matches (gpointer                 row,
                 const WbListFilterValue *value)
{
  int days = wb_vacancy_row_get_days_to_close (row);

  switch ((WbClosingBucket) value->number)
    {
    case WB_CLOSING_SOON:
      return days >= 0 && days <= WB_CLOSING_SOON_DAYS;
    case WB_CLOSING_LATER:
      return days != G_MAXINT && days > WB_CLOSING_SOON_DAYS;
    case WB_CLOSING_PAST:
      return days < 0;
    case WB_CLOSING_NONE:
      return days == G_MAXINT;
    case WB_CLOSING_ANY:
    default:
      return TRUE;
    }
}

static const WbListChoice closing[] = {
  { N_("Closes within two weeks"), "1" },
  { N_("Closes later"), "2" },
  { N_("Closing date passed"), "3" },
  { N_("No closing date"), "4" },
  { NULL },
};

static char *
my_organisation (WbSession *session)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, wb_session_get_organisation_id (session));
}

static char *
taken_in_by_us (WbSession *session)
{
  const char *name = wb_session_lookup_name (session, WB_RESOURCE_ORGANISATIONS,
                                             wb_session_get_organisation_id (session));

  /* TRANSLATORS: in the title block of a list: the vacancies one organisation took in */
  return g_strdup_printf (_("taken in by %s"), name != NULL ? name : "?");
}

static const WbListFilter filters[] = {
  [WB_VACANCY_FILTER_OURS] = {
    .id = "ours", .kind = WB_LIST_FILTER_TOGGLE, .label = N_("_Ours"),
    .accessible = N_("Only the vacancies my organisation took in"),
    .int64 = (WbListInt64Func) wb_vacancy_row_get_organisation_id,
    .toggle_value = my_organisation, .describe = taken_in_by_us,
  },
  [WB_VACANCY_FILTER_STATUS] = {
    .id = "status", .label = N_("Status"), .accessible = N_("Filter by status"),
    .text = (WbListTextFunc) wb_vacancy_row_get_status,
    .enum_field = "vacancy_status", .enum_values = wb_vacancy_statuses,
  },
  [WB_VACANCY_FILTER_SECTOR] = {
    .id = "sector", .label = N_("Sector"), .accessible = N_("Filter by sector"),
    .tooltip = N_("Filter by sector; the opportunity sectors of a subregion are marked"),
    .match = sector_matches, .fill = fill_sectors,
  },
  [WB_VACANCY_FILTER_REGION] = {
    .id = "region", .label = N_("Subregion"), .accessible = N_("Filter by subregion"),
    .text = (WbListTextFunc) wb_vacancy_row_get_region, .choices = regions,
  },
  [WB_VACANCY_FILTER_MUNICIPALITY] = {
    .id = "municipality", .label = N_("Municipality"), .accessible = N_("Filter by municipality"),
    .int64 = (WbListInt64Func) wb_vacancy_row_get_municipality_id, .lookup = WB_RESOURCE_MUNICIPALITIES,
  },
  [WB_VACANCY_FILTER_EMPLOYER] = {
    .id = "employer", .kind = WB_LIST_FILTER_TEXT, .label = N_("Employer"), .accessible = N_("Filter by employer"),
    .tooltip = N_("Vacancies of the employers whose name holds this"),
    .text = (WbListTextFunc) wb_vacancy_row_get_employer,
  },
  [WB_VACANCY_FILTER_HOURS] = {
    .id = "hours", .label = N_("Hours"), .accessible = N_("Filter by hours a week"),
    .match = hours_match, .choices = hours,
  },
  [WB_VACANCY_FILTER_CONTRACT] = {
    .id = "contract", .label = N_("Contract"), .accessible = N_("Filter by contract"),
    .text = (WbListTextFunc) wb_vacancy_row_get_contract,
    .enum_field = "contract", .enum_values = wb_contract_types,
  },
  [WB_VACANCY_FILTER_JOB_CARVING] = {
    .id = "job_carving", .label = N_("Job carving"), .accessible = N_("Filter by job carving"),
    .text = (WbListTextFunc) row_job_carving_value, .choices = job_carving,
  },
  [WB_VACANCY_FILTER_SUBSIDY] = {
    .id = "wage_cost_subsidy", .label = N_("Wage-cost subsidy"), .accessible = N_("Filter by wage-cost subsidy"),
    .text = (WbListTextFunc) row_subsidy_value, .choices = subsidy,
  },
  [WB_VACANCY_FILTER_CLOSING] = {
    .id = "closing", .label = N_("Closing date"), .accessible = N_("Filter by closing date"),
    .match = closing_matches, .choices = closing,
  },
};

static const WbListTexts texts = {
  .search_placeholder = N_("Search by title, employer, place or sector"),
  .search_label = N_("Search vacancies"),
  .list_label = N_("Vacancies"),
  .loading_title = N_("Loading Vacancies"),
  .loading_label = N_("Loading vacancies"),
  .empty_title = N_("No Matching Vacancies"),
  .none_title = N_("No Vacancies Yet"),
  .none_description = N_("The vacancies of every employer in the region appear here."),
  .none_icon = "emblem-documents-symbolic",
  .error_title = N_("The Vacancies Could Not Be Loaded"),
  .denied_title = N_("The Vacancy List Is Not Available to You"),
  .denied_description = N_("Your role sees the labour-market figures, not the vacancies."),
  .open_label = N_("_Open Vacancy"),
  .open_accessible = N_("Open vacancy"),
  .export_title = N_("Export the Vacancy List"),
  .export_basename = "werkbrug-vacancies",
  /* TRANSLATORS: the banner when the vacancy list could not be read; %s says why */
  .load_error = N_("The vacancies could not be loaded: %s"),
};

static const WbListCounts counts = {
  .singular = WB_PLURALS ("%'u vacancy", "%'u vacancies"),
  /* TRANSLATORS: the number of vacancies the search and filters leave, of all loaded */
  .filtered_singular = WB_PLURALS ("%s of %s vacancy", "%s of %s vacancies"),
  /* TRANSLATORS: a toast after an export: how many vacancies, and the file */
  .exported_singular = WB_PLURALS ("%u vacancy exported to %s", "%u vacancies exported to %s"),
};

static const WbListSpec spec = {
  .row_type = wb_vacancy_row_get_type,
  .row_id = (WbListInt64Func) wb_vacancy_row_get_id,
  .search_key = (WbListTextFunc) wb_vacancy_row_get_search_key,
  .compare = (int (*) (gpointer, gpointer)) compare_vacancies,
  .columns = columns,
  .n_columns = G_N_ELEMENTS (columns),
  .sort_column = WB_VACANCY_COLUMN_OPENED,
  .filters = filters,
  .n_filters = G_N_ELEMENTS (filters),
  .css_class = "wb-vacancy-list",
  .resource = WB_RESOURCE_VACANCIES,
  .follows = "vacancies",
  .check_policy = TRUE,
  .follow_saved = TRUE,
  .texts = &texts,
  .counts = &counts,
};

const WbListSpec *
wb_vacancy_list_spec (void)
{
  return &spec;
}

static gpointer
wb_vacancy_list_model_make_row (WbListModel *model,
                                WbRecord    *record)
{
  WbVacancyListModel *self = WB_VACANCY_LIST_MODEL (model);

  return wb_vacancy_row_new (record, self->session, self->today);
}

static void
wb_vacancy_list_model_dispose (GObject *object)
{
  WbVacancyListModel *self = (WbVacancyListModel *) object;

  g_clear_object (&self->session);

  G_OBJECT_CLASS (wb_vacancy_list_model_parent_class)->dispose (object);
}

static void
wb_vacancy_list_model_class_init (WbVacancyListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  WbListModelClass *list_class = WB_LIST_MODEL_CLASS (klass);

  object_class->dispose = wb_vacancy_list_model_dispose;
  list_class->make_row = wb_vacancy_list_model_make_row;
}

static void
wb_vacancy_list_model_init (WbVacancyListModel *self)
{
  wb_list_model_set_spec (WB_LIST_MODEL (self), wb_vacancy_list_spec ());
}

WbVacancyListModel *
wb_vacancy_list_model_new (WbSession *session)
{
  WbVacancyListModel *self;

  g_return_val_if_fail (session == NULL || WB_IS_SESSION (session), NULL);

  self = g_object_new (WB_TYPE_VACANCY_LIST_MODEL, NULL);
  self->session = session != NULL ? g_object_ref (session) : NULL;
  return self;
}

void
wb_vacancy_list_model_set_today (WbVacancyListModel *self,
                                 guint32             julian)
{
  g_return_if_fail (WB_IS_VACANCY_LIST_MODEL (self));
  self->today = julian;
}
