/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-vacancy-row"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-account-rules.h"
#include "wb-client-row.h"
#include "wb-labels.h"

#include "wb-vacancy-row.h"

/* Enum values, labels and place names are interned: a few dozen of each. */
struct _WbVacancyRow
{
  GObject parent_instance;

  WbRecord *record;
  gint64 id;
  gint64 employer_id;
  gint64 organisation_id;
  gint64 municipality_id;
  const char *title;
  const char *employer;
  const char *status;
  const char *status_label;
  const char *sector;
  const char *sector_label;
  const char *municipality;
  const char *region;
  const char *contract;
  const char *contract_label;
  const char *opened_at;
  const char *closes_at;
  char *search_key;
  int status_index;
  int hours;
  int positions;
  int days_to_close;
  gboolean opportunity;
  gboolean job_carving;
  gboolean wage_cost_subsidy;
};

G_DEFINE_FINAL_TYPE (WbVacancyRow, wb_vacancy_row, G_TYPE_OBJECT)

static void
wb_vacancy_row_finalize (GObject *object)
{
  WbVacancyRow *self = (WbVacancyRow *) object;

  g_clear_object (&self->record);
  g_free (self->search_key);

  G_OBJECT_CLASS (wb_vacancy_row_parent_class)->finalize (object);
}

static void
wb_vacancy_row_class_init (WbVacancyRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wb_vacancy_row_finalize;
}

static void
wb_vacancy_row_init (WbVacancyRow *self)
{
}

static const char *
intern_or_null (const char *text)
{
  return text != NULL ? g_intern_string (text) : NULL;
}

static int
enum_index (const char * const *values,
            const char         *value)
{
  for (int i = 0; value != NULL && values[i] != NULL; i++)
    if (g_str_equal (values[i], value))
      return i;
  return G_MAXINT;
}

WbVacancyRow *
wb_vacancy_row_new (WbRecord  *record,
                    WbSession *session,
                    guint32    today)
{
  WbVacancyRow *self;
  g_autoptr(GString) key = NULL;
  guint32 closes;

  g_return_val_if_fail (WB_IS_RECORD (record), NULL);
  g_return_val_if_fail (session == NULL || WB_IS_SESSION (session), NULL);

  if (today == 0)
    today = wb_today_julian ();

  self = g_object_new (WB_TYPE_VACANCY_ROW, NULL);
  self->record = g_object_ref (record);
  self->id = wb_record_get_id (record);
  self->employer_id = wb_record_get_int (record, "employer_id");
  self->organisation_id = wb_record_get_int (record, "organisation_id");
  self->municipality_id = wb_record_get_int (record, "municipality_id");
  /* The record holds these strings as long as the row holds the record. */
  self->title = wb_record_get_string (record, "title") ?: "?";
  self->employer = wb_record_get_string (record, "employer") ?: "—";
  self->status = intern_or_null (wb_record_get_string (record, "status"));
  self->status_label = wb_label_for_enum ("vacancy_status", self->status);
  self->status_index = enum_index (wb_vacancy_statuses, self->status);
  self->sector = intern_or_null (wb_record_get_string (record, "sector"));
  self->region = intern_or_null (wb_record_get_string (record, "region"));
  self->opportunity = wb_is_opportunity_sector (self->region, self->sector);
  if (self->opportunity)
    {
      /* TRANSLATORS: a vacancy's sector in the list when it is one of its subregion's
       * opportunity sectors ("kanssector"); keep it short */
      g_autofree char *label = g_strdup_printf (_("%s · opportunity"), wb_label_for_enum ("sector", self->sector));

      self->sector_label = g_intern_string (label);
    }
  else
    self->sector_label = wb_label_for_enum ("sector", self->sector);
  if (session != NULL)
    self->municipality = intern_or_null (wb_session_lookup_name (session, WB_RESOURCE_MUNICIPALITIES,
                                                                 self->municipality_id));
  if (self->municipality == NULL)
    self->municipality = "—";
  if (self->region == NULL)
    self->region = "—";
  self->contract = intern_or_null (wb_record_get_string (record, "contract"));
  self->contract_label = self->contract != NULL ? wb_label_for_enum ("contract", self->contract) : NULL;
  self->hours = (int) wb_record_get_int (record, "hours");
  self->positions = (int) wb_record_get_int (record, "positions");
  self->job_carving = wb_record_get_boolean (record, "job_carving");
  self->wage_cost_subsidy = wb_record_get_boolean (record, "wage_cost_subsidy");
  self->opened_at = wb_record_get_string (record, "opened_at");
  self->closes_at = wb_record_get_string (record, "closes_at");
  closes = wb_julian_of_date (self->closes_at);
  self->days_to_close = closes == 0 ? G_MAXINT : (int) ((gint64) closes - (gint64) today);

  key = g_string_new (self->title);
  g_string_append_printf (key, "\n%s\n%s\n%s\n%s", self->employer, self->municipality, self->region,
                          self->sector_label != NULL ? self->sector_label : "");
  /* Folded as the typed search is (wb_list_fold_search). */
  self->search_key = wb_account_search_fold (key->str);
  return self;
}

WbRecord *
wb_vacancy_row_get_record (WbVacancyRow *self)
{
  g_return_val_if_fail (WB_IS_VACANCY_ROW (self), NULL);
  return self->record;
}

gint64
wb_vacancy_row_get_id (WbVacancyRow *self)
{
  g_return_val_if_fail (WB_IS_VACANCY_ROW (self), 0);
  return self->id;
}

const char *
wb_vacancy_row_get_title (WbVacancyRow *self)
{
  g_return_val_if_fail (WB_IS_VACANCY_ROW (self), NULL);
  return self->title;
}

gint64
wb_vacancy_row_get_employer_id (WbVacancyRow *self)
{
  g_return_val_if_fail (WB_IS_VACANCY_ROW (self), 0);
  return self->employer_id;
}

const char *
wb_vacancy_row_get_employer (WbVacancyRow *self)
{
  g_return_val_if_fail (WB_IS_VACANCY_ROW (self), NULL);
  return self->employer;
}

gint64
wb_vacancy_row_get_organisation_id (WbVacancyRow *self)
{
  g_return_val_if_fail (WB_IS_VACANCY_ROW (self), 0);
  return self->organisation_id;
}

const char *
wb_vacancy_row_get_status (WbVacancyRow *self)
{
  g_return_val_if_fail (WB_IS_VACANCY_ROW (self), NULL);
  return self->status;
}

const char *
wb_vacancy_row_get_status_label (WbVacancyRow *self)
{
  g_return_val_if_fail (WB_IS_VACANCY_ROW (self), NULL);
  return self->status_label;
}

int
wb_vacancy_row_get_status_index (WbVacancyRow *self)
{
  g_return_val_if_fail (WB_IS_VACANCY_ROW (self), G_MAXINT);
  return self->status_index;
}

const char *
wb_vacancy_row_get_sector (WbVacancyRow *self)
{
  g_return_val_if_fail (WB_IS_VACANCY_ROW (self), NULL);
  return self->sector;
}

const char *
wb_vacancy_row_get_sector_label (WbVacancyRow *self)
{
  g_return_val_if_fail (WB_IS_VACANCY_ROW (self), NULL);
  return self->sector_label;
}

gboolean
wb_vacancy_row_get_opportunity (WbVacancyRow *self)
{
  g_return_val_if_fail (WB_IS_VACANCY_ROW (self), FALSE);
  return self->opportunity;
}

gint64
wb_vacancy_row_get_municipality_id (WbVacancyRow *self)
{
  g_return_val_if_fail (WB_IS_VACANCY_ROW (self), 0);
  return self->municipality_id;
}

const char *
wb_vacancy_row_get_municipality (WbVacancyRow *self)
{
  g_return_val_if_fail (WB_IS_VACANCY_ROW (self), NULL);
  return self->municipality;
}

const char *
wb_vacancy_row_get_region (WbVacancyRow *self)
{
  g_return_val_if_fail (WB_IS_VACANCY_ROW (self), NULL);
  return self->region;
}

int
wb_vacancy_row_get_hours (WbVacancyRow *self)
{
  g_return_val_if_fail (WB_IS_VACANCY_ROW (self), 0);
  return self->hours;
}

const char *
wb_vacancy_row_get_contract (WbVacancyRow *self)
{
  g_return_val_if_fail (WB_IS_VACANCY_ROW (self), NULL);
  return self->contract;
}

const char *
wb_vacancy_row_get_contract_label (WbVacancyRow *self)
{
  g_return_val_if_fail (WB_IS_VACANCY_ROW (self), NULL);
  return self->contract_label;
}

int
wb_vacancy_row_get_positions (WbVacancyRow *self)
{
  g_return_val_if_fail (WB_IS_VACANCY_ROW (self), 0);
  return self->positions;
}

gboolean
wb_vacancy_row_get_job_carving (WbVacancyRow *self)
{
  g_return_val_if_fail (WB_IS_VACANCY_ROW (self), FALSE);
  return self->job_carving;
}

gboolean
wb_vacancy_row_get_wage_cost_subsidy (WbVacancyRow *self)
{
  g_return_val_if_fail (WB_IS_VACANCY_ROW (self), FALSE);
  return self->wage_cost_subsidy;
}

const char *
wb_vacancy_row_get_opened_at (WbVacancyRow *self)
{
  g_return_val_if_fail (WB_IS_VACANCY_ROW (self), NULL);
  return self->opened_at;
}

const char *
wb_vacancy_row_get_closes_at (WbVacancyRow *self)
{
  g_return_val_if_fail (WB_IS_VACANCY_ROW (self), NULL);
  return self->closes_at;
}

int
wb_vacancy_row_get_days_to_close (WbVacancyRow *self)
{
  g_return_val_if_fail (WB_IS_VACANCY_ROW (self), G_MAXINT);
  return self->days_to_close;
}

const char *
wb_vacancy_row_get_search_key (WbVacancyRow *self)
{
  g_return_val_if_fail (WB_IS_VACANCY_ROW (self), NULL);
  return self->search_key;
}
