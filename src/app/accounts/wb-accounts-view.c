/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-accounts-view"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-api-accounts.h"
#include "wb-import-dialog.h"

#include "wb-accounts-view.h"

/* The accounts view is the account list's spec (wb-account-list-model.c) on the list
 * machinery, with what only accounts have: paging of GET /accounts, a print, an import, and
 * opening an account by its id. Its export is the list's own (CSV or XLSX of the rows shown,
 * every code in words as the screen says it). */
struct _WbAccountsView
{
  WbListView parent_instance;

  GtkWidget *import_button;
  GtkWidget *print_button;
  GPtrArray *prints;                /* WbAccountPrint under way */
};

G_DEFINE_FINAL_TYPE (WbAccountsView, wb_accounts_view, WB_TYPE_LIST_VIEW)

#define LIST(self) WB_LIST_VIEW (self)

static gboolean
may_import (WbAccountsView *self)
{
  WbSession *session = wb_list_view_get_session (LIST (self));

  return session != NULL && wb_session_can (session, WB_RESOURCE_EMPLOYERS, WB_ACTION_CREATE, WB_SCOPE_OWN);
}

static void
update_tools (WbAccountsView *self)
{
  gboolean list = wb_list_view_showing_list (LIST (self));
  gboolean rows = wb_list_model_get_n_shown (wb_list_view_get_model (LIST (self))) > 0;

  gtk_widget_set_visible (self->import_button, may_import (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "accounts.print", list && rows);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "accounts.import", list && may_import (self));
}

static void
on_state_changed_cb (GObject        *object,
                     GParamSpec     *pspec,
                     WbAccountsView *self)
{
  update_tools (self);
}

/* The list machinery's hooks */

static WbListModel *
wb_accounts_view_create_model (WbListView *view,
                               WbSession  *session)
{
  WbListModel *model = WB_LIST_MODEL (wb_account_list_model_new ());

  g_signal_connect_object (model, "notify::n-shown", G_CALLBACK (on_state_changed_cb), view, 0);
  return model;
}

static WbRecordPage *
wb_accounts_view_create_page (WbListView *view)
{
  return WB_RECORD_PAGE (wb_account_page_new ());
}

static WbRecord *
wb_accounts_view_dup_summary (WbListView *view,
                              gpointer    row)
{
  return g_object_ref (wb_account_row_get_record (row));
}

static void
wb_accounts_view_fetch_async (WbListView          *view,
                              WbApiClient         *api,
                              const WbApiQuery    *query,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  wb_api_accounts_list_page_async (api, query->filters, query->page, query->per_page, cancellable, callback, user_data);
}

static GListModel *
wb_accounts_view_fetch_finish (WbListView    *view,
                               WbApiClient   *api,
                               GAsyncResult  *result,
                               guint         *total,
                               GError       **error)
{
  return wb_api_accounts_list_page_finish (api, result, total, error);
}

/* Print and import */

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
          wb_list_view_toast (LIST (self), message);
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

      wb_list_view_toast (LIST (self), message);
    }
}

static void
on_imported_cb (WbImportDialog *dialog,
                WbAccountsView *self)
{
  wb_list_view_toast (LIST (self), _("Employers imported; the list is up to date"));
  wb_list_view_reload (LIST (self));
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WbAccountsView *self = WB_ACCOUNTS_VIEW (widget);
  WbSession *session = wb_list_view_get_session (LIST (self));
  WbImportDialog *dialog;

  if (session == NULL)
    return;
  dialog = wb_import_dialog_new (session);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (widget)));
  g_signal_connect_object (dialog, "imported", G_CALLBACK (on_imported_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* GObject */

static void
wb_accounts_view_dispose (GObject *object)
{
  WbAccountsView *self = (WbAccountsView *) object;

  g_clear_pointer (&self->prints, g_ptr_array_unref);
  /* The template's objects live in the machinery's widgets, which its dispose takes down. */

  G_OBJECT_CLASS (wb_accounts_view_parent_class)->dispose (object);
}

static void
wb_accounts_view_class_init (WbAccountsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  WbListViewClass *list_class = WB_LIST_VIEW_CLASS (klass);

  object_class->dispose = wb_accounts_view_dispose;
  list_class->create_model = wb_accounts_view_create_model;
  list_class->create_page = wb_accounts_view_create_page;
  list_class->dup_summary = wb_accounts_view_dup_summary;
  list_class->fetch_async = wb_accounts_view_fetch_async;
  list_class->fetch_finish = wb_accounts_view_fetch_finish;

  gtk_widget_class_install_action (widget_class, "accounts.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "accounts.import", NULL, import_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "accounts.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "accounts.import", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, "/nl/werkbrug/Werkbrug/ui/wb-accounts-view.ui");
  gtk_widget_class_bind_template_child (widget_class, WbAccountsView, import_button);
  gtk_widget_class_bind_template_child (widget_class, WbAccountsView, print_button);
  gtk_widget_class_set_css_name (widget_class, "wbaccountsview");
}

static void
wb_accounts_view_init (WbAccountsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->prints = g_ptr_array_new_with_free_func (g_object_unref);
  wb_list_view_set_spec (LIST (self), wb_account_list_spec ());
  /* Import first, then export (the list's own) and print, as before. */
  wb_list_view_add_tool (LIST (self), self->print_button);
  gtk_widget_insert_after (self->import_button, gtk_widget_get_parent (self->print_button), NULL);
  g_signal_connect (self, "notify::loaded", G_CALLBACK (on_state_changed_cb), self);
  update_tools (self);
}

WbAccountsView *
wb_accounts_view_new (void)
{
  return g_object_new (WB_TYPE_ACCOUNTS_VIEW, NULL);
}

void
wb_accounts_view_open_account (WbAccountsView *self,
                               gint64          employer_id)
{
  WbAccountRow *row;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(WbRecord) summary = NULL;

  g_return_if_fail (WB_IS_ACCOUNTS_VIEW (self));
  g_return_if_fail (employer_id > 0);

  row = wb_list_model_find (wb_list_view_get_model (LIST (self)), employer_id);
  if (row != NULL)
    {
      wb_list_view_open_row (LIST (self), row);
      return;
    }
  /* Not in the list (yet, or no longer): the page reads it from the server. */
  object = json_object_new ();
  json_object_set_int_member (object, "id", employer_id);
  summary = wb_record_new (WB_RESOURCE_EMPLOYERS, object);
  wb_record_page_load (wb_list_view_get_page (LIST (self)), summary);
  wb_list_view_show_page (LIST (self));
}

static void
on_account_refreshed_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(WbAccountsView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbRecord) account = wb_api_accounts_get_rule_finish (WB_API_CLIENT (source), result, &error);
  WbAccountPage *page = WB_ACCOUNT_PAGE (wb_list_view_get_page (LIST (self)));

  if (account == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not read the account again: %s", error->message);
      return;
    }
  wb_list_model_replace_record (wb_list_view_get_model (LIST (self)), account, TRUE);
  if (!wb_list_view_showing_list (LIST (self)) && wb_account_page_get_employer_id (page) == wb_record_get_id (account))
    wb_record_page_reload (WB_RECORD_PAGE (page));
}

void
wb_accounts_view_refresh_account (WbAccountsView *self,
                                  gint64          employer_id)
{
  WbSession *session;

  g_return_if_fail (WB_IS_ACCOUNTS_VIEW (self));

  session = wb_list_view_get_session (LIST (self));
  if (session == NULL || employer_id <= 0)
    return;
  wb_api_accounts_get_rule_async (wb_session_get_api (session), employer_id, NULL,
                                  on_account_refreshed_cb, g_object_ref (self));
}

WbAccountPrint *
wb_accounts_view_create_print (WbAccountsView *self)
{
  g_autofree char *subtitle = NULL;
  WbSession *session;

  g_return_val_if_fail (WB_IS_ACCOUNTS_VIEW (self), NULL);

  subtitle = wb_list_view_describe_filters (LIST (self));
  session = wb_list_view_get_session (LIST (self));
  return wb_account_print_new (G_LIST_MODEL (wb_list_view_get_model (LIST (self))), _("Employer accounts"),
                               subtitle,
                               session != NULL
                                 ? wb_record_get_string (wb_session_get_me (session), "display_name")
                                 : NULL);
}
