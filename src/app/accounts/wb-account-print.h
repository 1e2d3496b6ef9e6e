/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "wb-document.h"

G_BEGIN_DECLS

#define WB_TYPE_ACCOUNT_PRINT (wb_account_print_get_type ())

G_DECLARE_FINAL_TYPE (WbAccountPrint, wb_account_print, WB, ACCOUNT_PRINT, GObject)

/* Prints the account list as it is shown: a WbDocument on A4 landscape with the filters in
 * words and the table, its header row on every page, and who printed it when in the
 * footer. @rows (WbAccountRow) is copied when the print is made, so the list may change
 * while the printer works. */
WbAccountPrint          *wb_account_print_new              (GListModel       *rows,
                                                            const char       *title,
                                                            const char       *subtitle,
                                                            const char       *printed_by);
WbDocument              *wb_account_print_get_document     (WbAccountPrint   *self);
GtkPrintOperation       *wb_account_print_get_operation    (WbAccountPrint   *self);
/* Runs the operation: GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG for people, or
 * GTK_PRINT_OPERATION_ACTION_EXPORT after gtk_print_operation_set_export_filename. */
GtkPrintOperationResult  wb_account_print_run              (WbAccountPrint   *self,
                                                            GtkPrintOperationAction action,
                                                            GtkWindow        *parent,
                                                            GError          **error);
guint                    wb_account_print_get_n_rows       (WbAccountPrint   *self);
/* How many pages the table takes (known once printing began), and how many rows were
 * drawn so far. */
guint                    wb_account_print_get_n_pages      (WbAccountPrint   *self);
guint                    wb_account_print_get_n_rows_drawn (WbAccountPrint   *self);

G_END_DECLS
