/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-account-print"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-account-row.h"
#include "wb-document.h"

#include "wb-account-print.h"

struct _WbAccountPrint
{
  GObject parent_instance;

  WbDocument *document;
  GtkPrintOperation *operation;
  guint n_rows;
};

G_DEFINE_FINAL_TYPE (WbAccountPrint, wb_account_print, G_TYPE_OBJECT)

enum {
  COLUMN_NAME,
  COLUMN_KVK,
  COLUMN_SECTOR,
  COLUMN_EMPLOYEES,
  COLUMN_MUNICIPALITY,
  COLUMN_OWNER,
  COLUMN_OWNER_TYPE,
  COLUMN_STATUS,
  COLUMN_LAST_CONTACT,
  COLUMN_VACANCIES,
};

/* The list as it is shown, as a table: each column's share of the page's width. */
static WbTable *
make_table (GListModel *rows,
            const char *title)
{
  WbTable *table = wb_table_new (title);
  guint n = g_list_model_get_n_items (rows);

  wb_table_add_column (table, _("Name"), WB_TABLE_COLUMN_TEXT, 0, 0.20);
  wb_table_add_column (table, _("KvK"), WB_TABLE_COLUMN_TEXT, 0, 0.07);
  wb_table_add_column (table, _("Sector"), WB_TABLE_COLUMN_TEXT, 0, 0.10);
  wb_table_add_column (table, _("Employees"), WB_TABLE_COLUMN_NUMBER, 0, 0.07);
  wb_table_add_column (table, _("Municipality"), WB_TABLE_COLUMN_TEXT, 0, 0.09);
  wb_table_add_column (table, _("Owner"), WB_TABLE_COLUMN_TEXT, 0, 0.13);
  wb_table_add_column (table, _("Owner type"), WB_TABLE_COLUMN_TEXT, 0, 0.06);
  wb_table_add_column (table, _("Rule status"), WB_TABLE_COLUMN_TEXT, 0, 0.13);
  wb_table_add_column (table, _("Last contact"), WB_TABLE_COLUMN_DATE, 0, 0.08);
  wb_table_add_column (table, _("Vacancies"), WB_TABLE_COLUMN_NUMBER, 0, 0.07);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WbAccountRow) row = g_list_model_get_item (rows, i);
      const char *owner = wb_account_row_get_owner_name (row);
      const char *last_contact = wb_account_row_get_last_contact (row);
      const char *status = wb_account_status_to_label (wb_account_row_get_status (row));
      guint r = wb_table_add_row (table);
      GDate date;

      wb_table_set_text (table, r, COLUMN_NAME, wb_account_row_get_name (row));
      wb_table_set_text (table, r, COLUMN_KVK, wb_account_row_get_kvk (row));
      wb_table_set_text (table, r, COLUMN_SECTOR, wb_account_row_get_sector_label (row));
      wb_table_set_number (table, r, COLUMN_EMPLOYEES, (double) wb_account_row_get_employee_count (row));
      wb_table_set_text (table, r, COLUMN_MUNICIPALITY, wb_account_row_get_municipality (row));
      wb_table_set_text (table, r, COLUMN_OWNER, owner != NULL && *owner != '\0' ? owner : "—");
      wb_table_set_text (table, r, COLUMN_OWNER_TYPE, wb_owner_type_to_label (wb_account_row_get_owner_type (row)));
      if (wb_account_row_get_dormant (row))
        {
          g_autofree char *dormant = g_strdup_printf (_("%s, dormant"), status);

          wb_table_set_text (table, r, COLUMN_STATUS, dormant);
        }
      else
        wb_table_set_text (table, r, COLUMN_STATUS, status);
      g_date_clear (&date, 1);
      if (last_contact != NULL)
        g_date_set_parse (&date, last_contact);
      if (last_contact != NULL && g_date_valid (&date))
        wb_table_set_date (table, r, COLUMN_LAST_CONTACT, g_date_get_year (&date), g_date_get_month (&date),
                           g_date_get_day (&date));
      else
        wb_table_set_text (table, r, COLUMN_LAST_CONTACT, last_contact != NULL ? last_contact : _("Never"));
      wb_table_set_number (table, r, COLUMN_VACANCIES, (double) wb_account_row_get_open_vacancies (row));
    }
  return table;
}

static void
wb_account_print_dispose (GObject *object)
{
  WbAccountPrint *self = (WbAccountPrint *) object;

  g_clear_object (&self->operation);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (wb_account_print_parent_class)->dispose (object);
}

static void
wb_account_print_class_init (WbAccountPrintClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = wb_account_print_dispose;
}

static void
wb_account_print_init (WbAccountPrint *self)
{
}

WbAccountPrint *
wb_account_print_new (GListModel *rows,
                      const char *title,
                      const char *subtitle,
                      const char *printed_by)
{
  WbAccountPrint *self;
  g_autoptr(WbTable) table = NULL;

  g_return_val_if_fail (G_IS_LIST_MODEL (rows), NULL);

  self = g_object_new (WB_TYPE_ACCOUNT_PRINT, NULL);
  self->n_rows = g_list_model_get_n_items (rows);
  table = make_table (rows, title);
  self->document = wb_document_new (title);
  wb_document_set_landscape (self->document, TRUE);
  wb_document_set_printed_by (self->document, printed_by);
  if (subtitle != NULL && *subtitle != '\0')
    wb_document_add_paragraph (self->document, subtitle);
  wb_document_add_table (self->document, table);
  self->operation = wb_document_create_print_operation (self->document);
  return self;
}

WbDocument *
wb_account_print_get_document (WbAccountPrint *self)
{
  g_return_val_if_fail (WB_IS_ACCOUNT_PRINT (self), NULL);
  return self->document;
}

GtkPrintOperation *
wb_account_print_get_operation (WbAccountPrint *self)
{
  g_return_val_if_fail (WB_IS_ACCOUNT_PRINT (self), NULL);
  return self->operation;
}

GtkPrintOperationResult
wb_account_print_run (WbAccountPrint           *self,
                      GtkPrintOperationAction   action,
                      GtkWindow                *parent,
                      GError                  **error)
{
  g_return_val_if_fail (WB_IS_ACCOUNT_PRINT (self), GTK_PRINT_OPERATION_RESULT_ERROR);

  return gtk_print_operation_run (self->operation, action, parent, error);
}

guint
wb_account_print_get_n_rows (WbAccountPrint *self)
{
  g_return_val_if_fail (WB_IS_ACCOUNT_PRINT (self), 0);
  return self->n_rows;
}

guint
wb_account_print_get_n_pages (WbAccountPrint *self)
{
  g_return_val_if_fail (WB_IS_ACCOUNT_PRINT (self), 0);
  return wb_document_get_n_pages (self->document);
}

guint
wb_account_print_get_n_rows_drawn (WbAccountPrint *self)
{
  g_return_val_if_fail (WB_IS_ACCOUNT_PRINT (self), 0);
  return wb_document_get_n_table_rows_drawn (self->document);
}
