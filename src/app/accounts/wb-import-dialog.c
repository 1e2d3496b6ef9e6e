/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-import-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-dialog.h"
#include "wb-a11y.h"
#include "wb-api-accounts.h"

#include "wb-import-dialog.h"

/* The server takes a request body of at most 1 MiB. */
#define MAX_UPLOAD (1024 * 1024)

struct _WbImportDialog
{
  AdwWindow parent_instance;

  WbSession *session;
  GCancellable *cancellable;
  GtkStack *stack;
  GtkButton *choose_button;
  AdwStatusPage *busy_page;
  AdwPreferencesPage *report_page;
  AdwStatusPage *failed_page;
  GtkBox *failed_box;
  GtkFileChooserNative *chooser;
  char *file_name;
};

G_DEFINE_FINAL_TYPE (WbImportDialog, wb_import_dialog, ADW_TYPE_WINDOW)

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
clear_page (AdwPreferencesPage *page,
            GPtrArray          *groups)
{
  for (guint i = 0; i < groups->len; i++)
    adw_preferences_page_remove (page, groups->pdata[i]);
  g_ptr_array_set_size (groups, 0);
}

static GtkWidget *
row_new (const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static AdwPreferencesGroup *
group_new (AdwPreferencesPage *page,
           GPtrArray          *groups,
           const char         *title,
           const char         *description)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  adw_preferences_group_set_title (group, title);
  if (description != NULL)
    adw_preferences_group_set_description (group, description);
  adw_preferences_page_add (page, group);
  g_ptr_array_add (groups, group);
  return group;
}

static void
show_report (WbImportDialog *self,
             JsonObject     *report)
{
  GPtrArray *groups = g_object_get_data (G_OBJECT (self->report_page), "groups");
  JsonArray *rows = json_object_get_array_member (report, "rows");
  gint64 imported = json_object_get_int_member_with_default (report, "imported", 0);
  gint64 merged = json_object_get_int_member_with_default (report, "merged", 0);
  gint64 refused = json_object_get_int_member_with_default (report, "refused", 0);
  g_autofree char *summary = NULL;
  AdwPreferencesGroup *group;
  AdwPreferencesGroup *merged_group = NULL;
  AdwPreferencesGroup *refused_group = NULL;

  clear_page (self->report_page, groups);

  /* TRANSLATORS: the report of an import: the file, then how many rows it had */
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %d row read.", "%s: %d rows read.",
                                          (gulong) json_object_get_int_member_with_default (report, "read", 0)),
                             self->file_name != NULL ? self->file_name : _("The file"),
                             (int) json_object_get_int_member_with_default (report, "read", 0));
  group = group_new (self->report_page, groups, _("Import Report"), summary);
  {
    g_autofree char *n_new = g_strdup_printf ("%" G_GINT64_FORMAT, imported);
    g_autofree char *n_merged = g_strdup_printf ("%" G_GINT64_FORMAT, merged);
    g_autofree char *n_refused = g_strdup_printf ("%" G_GINT64_FORMAT, refused);

    adw_preferences_group_add (group, row_new (_("New employers"), n_new));
    adw_preferences_group_add (group, row_new (_("Merged with a known KvK number"), n_merged));
    adw_preferences_group_add (group, row_new (_("Refused"), n_refused));
  }

  for (guint i = 0; rows != NULL && i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      const char *outcome = json_object_get_string_member_with_default (row, "outcome", "");
      const char *name = json_object_get_string_member_with_default (row, "name", NULL);
      const char *kvk = json_object_get_string_member_with_default (row, "kvk", NULL);
      g_autofree char *title = NULL;
      AdwPreferencesGroup **target;

      if (g_str_equal (outcome, "merged"))
        target = &merged_group;
      else if (g_str_equal (outcome, "refused"))
        target = &refused_group;
      else
        continue;
      if (*target == NULL)
        *target = g_str_equal (outcome, "merged")
                  ? group_new (self->report_page, groups, _("Merged"),
                               _("These rows named an employer Werkbrug knows by its KvK number. Its name, sector and "
                                 "size were brought up to date; its owner and history stay."))
                  : group_new (self->report_page, groups, _("Refused"),
                               _("These rows were not imported. Correct them in the file and import it again; the "
                                 "rows that were imported are merged then."));

      /* TRANSLATORS: a row of an import report: the row of the file, the KvK number and the name */
      title = g_strdup_printf (_("Row %d · KvK %s · %s"), (int) json_object_get_int_member_with_default (row, "line", 0),
                               kvk != NULL && *kvk != '\0' ? kvk : "—", name != NULL && *name != '\0' ? name : "—");
      adw_preferences_group_add (*target, row_new (title, json_object_get_string_member_with_default (row, "message", NULL)));
    }

  gtk_stack_set_visible_child_name (self->stack, "report");
  gtk_button_set_label (self->choose_button, _("_Import Another File…"));
  gtk_widget_set_visible (GTK_WIDGET (self->choose_button), TRUE);
}

static void
show_failure (WbImportDialog *self,
              const char     *title,
              const char     *description,
              WbProblem      *problem)
{
  GtkWidget *child;
  GtkWidget *list;

  adw_status_page_set_title (self->failed_page, title);
  adw_status_page_set_description (self->failed_page, description);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->failed_box))) != NULL)
    gtk_box_remove (self->failed_box, child);

  if (problem != NULL && problem->errors != NULL && problem->errors->len > 0)
    {
      list = gtk_list_box_new ();
      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Rows to correct"), -1);
      for (guint i = 0; i < problem->errors->len; i++)
        {
          WbFieldError *error = problem->errors->pdata[i];
          const char *rest = *error->field != '\0' ? g_utf8_next_char (error->field) : error->field;
          g_autofree char *first = g_utf8_strup (error->field, rest - error->field);
          g_autofree char *where = g_strconcat (first, rest, NULL);

          /* "row 3" from the server stands alone here: "Row 3". */
          gtk_list_box_append (GTK_LIST_BOX (list), row_new (where, error->message));
        }
      gtk_box_append (self->failed_box, list);
    }
  gtk_stack_set_visible_child_name (self->stack, "failed");
  gtk_button_set_label (self->choose_button, _("_Choose Another File…"));
  gtk_widget_set_visible (GTK_WIDGET (self->choose_button), TRUE);
}

static void
on_imported_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(WbImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) report = wb_api_accounts_import_finish (WB_API_CLIENT (source), result, &error);

  gtk_widget_set_sensitive (GTK_WIDGET (self->choose_button), TRUE);
  if (report == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (g_error_matches (error, WB_API_ERROR, 400))
        show_failure (self, _("The File Was Not Imported"),
                      _("Nothing was imported: the file is broken in the places listed below. Correct them, for "
                        "example by saving the sheet from Excel as “CSV UTF-8”, and import it again."),
                      wb_api_error_get_problem (error));
      else if (g_error_matches (error, WB_API_ERROR, 403))
        show_failure (self, _("You May Not Import Employers"),
                      _("Account managers and coordinators import employers. Ask one of them."), NULL);
      else
        show_failure (self, _("The File Was Not Imported"), error->message, NULL);
      return;
    }

  show_report (self, report);
  if (json_object_get_int_member_with_default (report, "imported", 0) > 0 ||
      json_object_get_int_member_with_default (report, "merged", 0) > 0)
    g_signal_emit (self, signals[IMPORTED], 0);
}

void
wb_import_dialog_upload (WbImportDialog *self,
                         GBytes         *csv)
{
  g_return_if_fail (WB_IS_IMPORT_DIALOG (self));
  g_return_if_fail (csv != NULL);

  if (g_bytes_get_size (csv) > MAX_UPLOAD)
    {
      show_failure (self, _("The File Is Too Large"),
                    _("A file of at most 1 MiB can be imported at once, about 15,000 employers. Split the sheet and "
                      "import the parts one after another."), NULL);
      return;
    }
  if (g_bytes_get_size (csv) == 0)
    {
      show_failure (self, _("The File Is Empty"), _("Choose the CSV file with the employers."), NULL);
      return;
    }

  adw_status_page_set_description (self->busy_page, self->file_name);
  gtk_stack_set_visible_child_name (self->stack, "busy");
  gtk_widget_set_sensitive (GTK_WIDGET (self->choose_button), FALSE);
  wb_api_accounts_import_async (wb_session_get_api (self->session), csv, self->cancellable,
                                on_imported_cb, g_object_ref (self));
}

static void
on_file_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(WbImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, &length, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_failure (self, _("The File Could Not Be Read"), error->message, NULL);
      return;
    }
  bytes = g_bytes_new_take (contents, length);
  wb_import_dialog_upload (self, bytes);
}

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        WbImportDialog  *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;

  g_free (self->file_name);
  self->file_name = g_file_get_basename (file);
  g_file_load_contents_async (file, self->cancellable, on_file_loaded_cb, g_object_ref (self));
}

static void
on_choose_clicked_cb (GtkButton      *button,
                      WbImportDialog *self)
{
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Choose the Employers File"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_filter_set_name (csv, _("CSV files"));
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), csv);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_close_clicked_cb (GtkButton      *button,
                     WbImportDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
build (WbImportDialog *self)
{
  GtkWidget *content, *header, *close, *intro, *busy, *spinner, *failed, *intro_button;

  gtk_window_set_title (GTK_WINDOW (self), _("Import Employers"));
  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  close = wb_a11y_button_new_with_mnemonic (_("_Close"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (close), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Close"), -1);
  g_signal_connect (close, "clicked", G_CALLBACK (on_close_clicked_cb), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), close);
  self->choose_button = GTK_BUTTON (wb_a11y_button_new_with_mnemonic (_("_Choose File…")));
  gtk_widget_add_css_class (GTK_WIDGET (self->choose_button), "suggested-action");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->choose_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Choose a CSV file to import"), -1);
  g_signal_connect (self->choose_button, "clicked", G_CALLBACK (on_choose_clicked_cb), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->choose_button));
  /* At first the page's own button asks for the file; this one takes over afterwards. */
  gtk_widget_set_visible (GTK_WIDGET (self->choose_button), FALSE);
  gtk_box_append (GTK_BOX (content), header);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);

  intro = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (intro), "x-office-spreadsheet-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (intro), _("Import Employers from a CSV File"));
  adw_status_page_set_description (ADW_STATUS_PAGE (intro),
                                   _("Save the sheet from Excel as “CSV UTF-8”. It needs the columns kvk, naam, "
                                     "sector, medewerkers, postcode and gemeente; arrangement and leerwerk may be "
                                     "added. An employer whose KvK number Werkbrug knows is merged: its name, sector "
                                     "and size are brought up to date, its owner and history stay."));
  intro_button = wb_a11y_button_new_with_mnemonic (_("_Choose File…"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (intro_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Choose a CSV file to import"), -1);
  gtk_widget_set_halign (intro_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (intro_button, "pill");
  g_signal_connect (intro_button, "clicked", G_CALLBACK (on_choose_clicked_cb), self);
  adw_status_page_set_child (ADW_STATUS_PAGE (intro), intro_button);
  gtk_stack_add_named (self->stack, intro, "intro");

  busy = adw_status_page_new ();
  self->busy_page = ADW_STATUS_PAGE (busy);
  adw_status_page_set_title (self->busy_page, _("Importing"));
  spinner = gtk_spinner_new ();
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  adw_status_page_set_child (self->busy_page, spinner);
  gtk_stack_add_named (self->stack, busy, "busy");

  self->report_page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  g_object_set_data_full (G_OBJECT (self->report_page), "groups", g_ptr_array_new (), (GDestroyNotify) g_ptr_array_unref);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->report_page), "report");

  failed = adw_status_page_new ();
  self->failed_page = ADW_STATUS_PAGE (failed);
  adw_status_page_set_icon_name (self->failed_page, "dialog-warning-symbolic");
  self->failed_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 12));
  adw_status_page_set_child (self->failed_page, GTK_WIDGET (self->failed_box));
  /* The status page scrolls by itself when the list of lines is long. */
  gtk_stack_add_named (self->stack, failed, "failed");

  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->stack));
  adw_window_set_content (ADW_WINDOW (self), content);
}

static void
wb_import_dialog_dispose (GObject *object)
{
  WbImportDialog *self = (WbImportDialog *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->session);
  g_clear_pointer (&self->file_name, g_free);

  G_OBJECT_CLASS (wb_import_dialog_parent_class)->dispose (object);
}

static void
wb_import_dialog_class_init (WbImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /* A screen reader announces it as a dialog, not as another window. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);

  object_class->dispose = wb_import_dialog_dispose;

  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wb_import_dialog_init (WbImportDialog *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  wb_dialog_fit (GTK_WINDOW (self), 640, 620);
  build (self);
}

WbImportDialog *
wb_import_dialog_new (WbSession *session)
{
  WbImportDialog *self;

  g_return_val_if_fail (WB_IS_SESSION (session), NULL);

  /* The role on the instance too: libadwaita's window sets its own at construction. */
  self = g_object_new (WB_TYPE_IMPORT_DIALOG, "accessible-role", GTK_ACCESSIBLE_ROLE_DIALOG, NULL);
  self->session = g_object_ref (session);
  return self;
}
