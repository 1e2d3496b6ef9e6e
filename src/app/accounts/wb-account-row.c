/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-account-row"

#include "config.h"

#include "wb-labels.h"

#include "wb-account-row.h"

struct _WbAccountRow
{
  GObject parent_instance;

  WbRecord *record;
  const char *sector;        /* interned */
  char *search_key;
  char *sort_key;
  char *owner_sort_key;
  char *sector_sort_key;
  WbAccountSizeClass size_class;
  WbOwnerType owner_type;
  WbOwnerType expected_owner_type;
  WbAccountStatus status;
  gboolean dormant;
};

G_DEFINE_FINAL_TYPE (WbAccountRow, wb_account_row, G_TYPE_OBJECT)

static void
wb_account_row_finalize (GObject *object)
{
  WbAccountRow *self = (WbAccountRow *) object;

  g_clear_object (&self->record);
  g_free (self->search_key);
  g_free (self->sort_key);
  g_free (self->owner_sort_key);
  g_free (self->sector_sort_key);

  G_OBJECT_CLASS (wb_account_row_parent_class)->finalize (object);
}

static void
wb_account_row_class_init (WbAccountRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wb_account_row_finalize;
}

static void
wb_account_row_init (WbAccountRow *self)
{
}

static const char *
text_or_empty (WbRecord   *record,
               const char *field)
{
  const char *text = wb_record_get_string (record, field);

  return text != NULL ? text : "";
}

WbAccountRow *
wb_account_row_new (WbRecord *record)
{
  WbAccountRow *self;
  g_autoptr(GString) key = NULL;
  const char *sector;

  g_return_val_if_fail (WB_IS_RECORD (record), NULL);

  self = g_object_new (WB_TYPE_ACCOUNT_ROW, NULL);
  self->record = g_object_ref (record);

  sector = wb_record_get_string (record, "sector");
  self->sector = sector != NULL ? g_intern_string (sector) : NULL;
  self->size_class = wb_account_size_class (wb_record_get_int (record, "employee_count"));
  if (!wb_account_status_from_string (wb_record_get_string (record, "status"), &self->status))
    self->status = WB_ACCOUNT_STATUS_OK;
  if (!wb_owner_type_from_string (wb_record_get_string (record, "owner_type"), &self->owner_type))
    self->owner_type = WB_OWNER_TYPE_NONE;
  if (!wb_owner_type_from_string (wb_record_get_string (record, "expected_owner_type"), &self->expected_owner_type))
    self->expected_owner_type = wb_account_expected_owner_type (wb_record_get_int (record, "employee_count"));
  self->dormant = wb_record_get_boolean (record, "dormant");

  key = g_string_new (text_or_empty (record, "name"));
  g_string_append_printf (key, "\n%s\n%s\n%s", text_or_empty (record, "kvk"), text_or_empty (record, "owner_name"),
                          text_or_empty (record, "municipality"));
  self->search_key = wb_account_search_fold (key->str);
  if (self->search_key == NULL)
    self->search_key = g_strdup ("");
  self->sort_key = g_utf8_collate_key (text_or_empty (record, "name"), -1);
  self->owner_sort_key = g_utf8_collate_key (text_or_empty (record, "owner_name"), -1);
  self->sector_sort_key = g_utf8_collate_key (wb_label_for_enum ("sector", self->sector), -1);
  return self;
}

WbRecord *
wb_account_row_get_record (WbAccountRow *self)
{
  g_return_val_if_fail (WB_IS_ACCOUNT_ROW (self), NULL);
  return self->record;
}

gint64
wb_account_row_get_id (WbAccountRow *self)
{
  g_return_val_if_fail (WB_IS_ACCOUNT_ROW (self), 0);
  return wb_record_get_id (self->record);
}

const char *
wb_account_row_get_name (WbAccountRow *self)
{
  g_return_val_if_fail (WB_IS_ACCOUNT_ROW (self), NULL);
  return text_or_empty (self->record, "name");
}

const char *
wb_account_row_get_kvk (WbAccountRow *self)
{
  g_return_val_if_fail (WB_IS_ACCOUNT_ROW (self), NULL);
  return text_or_empty (self->record, "kvk");
}

const char *
wb_account_row_get_sector (WbAccountRow *self)
{
  g_return_val_if_fail (WB_IS_ACCOUNT_ROW (self), NULL);
  return self->sector;
}

const char *
wb_account_row_get_sector_label (WbAccountRow *self)
{
  g_return_val_if_fail (WB_IS_ACCOUNT_ROW (self), NULL);
  return wb_label_for_enum ("sector", self->sector);
}

gint64
wb_account_row_get_employee_count (WbAccountRow *self)
{
  g_return_val_if_fail (WB_IS_ACCOUNT_ROW (self), 0);
  return wb_record_get_int (self->record, "employee_count");
}

WbAccountSizeClass
wb_account_row_get_size_class (WbAccountRow *self)
{
  g_return_val_if_fail (WB_IS_ACCOUNT_ROW (self), WB_ACCOUNT_SIZE_MICRO);
  return self->size_class;
}

gint64
wb_account_row_get_municipality_id (WbAccountRow *self)
{
  g_return_val_if_fail (WB_IS_ACCOUNT_ROW (self), 0);
  return wb_record_get_int (self->record, "municipality_id");
}

const char *
wb_account_row_get_municipality (WbAccountRow *self)
{
  g_return_val_if_fail (WB_IS_ACCOUNT_ROW (self), NULL);
  return text_or_empty (self->record, "municipality");
}

gint64
wb_account_row_get_owner_id (WbAccountRow *self)
{
  g_return_val_if_fail (WB_IS_ACCOUNT_ROW (self), 0);
  return wb_record_get_int (self->record, "owner_id");
}

const char *
wb_account_row_get_owner_name (WbAccountRow *self)
{
  g_return_val_if_fail (WB_IS_ACCOUNT_ROW (self), NULL);
  return text_or_empty (self->record, "owner_name");
}

const char *
wb_account_row_get_owner_organisation (WbAccountRow *self)
{
  g_return_val_if_fail (WB_IS_ACCOUNT_ROW (self), NULL);
  return text_or_empty (self->record, "owner_organisation");
}

WbOwnerType
wb_account_row_get_owner_type (WbAccountRow *self)
{
  g_return_val_if_fail (WB_IS_ACCOUNT_ROW (self), WB_OWNER_TYPE_NONE);
  return self->owner_type;
}

WbOwnerType
wb_account_row_get_expected_owner_type (WbAccountRow *self)
{
  g_return_val_if_fail (WB_IS_ACCOUNT_ROW (self), WB_OWNER_TYPE_NONE);
  return self->expected_owner_type;
}

WbAccountStatus
wb_account_row_get_status (WbAccountRow *self)
{
  g_return_val_if_fail (WB_IS_ACCOUNT_ROW (self), WB_ACCOUNT_STATUS_OK);
  return self->status;
}

gboolean
wb_account_row_get_dormant (WbAccountRow *self)
{
  g_return_val_if_fail (WB_IS_ACCOUNT_ROW (self), FALSE);
  return self->dormant;
}

const char *
wb_account_row_get_last_contact (WbAccountRow *self)
{
  g_return_val_if_fail (WB_IS_ACCOUNT_ROW (self), NULL);
  return wb_record_get_string (self->record, "last_contact");
}

gint64
wb_account_row_get_open_vacancies (WbAccountRow *self)
{
  g_return_val_if_fail (WB_IS_ACCOUNT_ROW (self), 0);
  return wb_record_get_int (self->record, "open_vacancies");
}

const char *
wb_account_row_get_search_key (WbAccountRow *self)
{
  g_return_val_if_fail (WB_IS_ACCOUNT_ROW (self), NULL);
  return self->search_key;
}

const char *
wb_account_row_get_sort_key (WbAccountRow *self)
{
  g_return_val_if_fail (WB_IS_ACCOUNT_ROW (self), NULL);
  return self->sort_key;
}

const char *
wb_account_row_get_owner_sort_key (WbAccountRow *self)
{
  g_return_val_if_fail (WB_IS_ACCOUNT_ROW (self), NULL);
  return self->owner_sort_key;
}

const char *
wb_account_row_get_sector_sort_key (WbAccountRow *self)
{
  g_return_val_if_fail (WB_IS_ACCOUNT_ROW (self), NULL);
  return self->sector_sort_key;
}
