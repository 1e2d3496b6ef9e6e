/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-chart-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "wb-a11y.h"
#include "wb-chart-draw.h"
#include "wb-chart-view.h"
#include "wb-table-export.h"

/* A chart's PDF: an A4 page across, in points. */
#define PDF_WIDTH  841.89
#define PDF_HEIGHT 595.276

struct _WbChartView
{
  GtkWidget parent_instance;

  WbChartModel *model;
  WbTable *table;
  char *printed_by;
  gboolean show_table;
  GtkFileChooserNative *chooser;
  GtkPrintOperation *printing;

  GtkWidget *header;
  GtkWidget *title_label;
  GtkWidget *table_button;
  GtkWidget *export_button;
  GtkWidget *stack;
  WbChart *chart;
  WbTableView *table_view;
  GtkWidget *caption;
};

G_DEFINE_FINAL_TYPE (WbChartView, wb_chart_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_SHOW_TABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct {
  const char *id;
  const char *suffix;
  WbChartExportFormat format;
} formats[] = {
  { "png", "png", WB_CHART_EXPORT_PNG },
  { "svg", "svg", WB_CHART_EXPORT_SVG },
  { "pdf", "pdf", WB_CHART_EXPORT_PDF },
  { "csv", "csv", WB_CHART_EXPORT_CSV },
  { "xlsx", "xlsx", WB_CHART_EXPORT_XLSX },
};

static const char * const size_ids[] = { "800x450", "1280x720", "1920x1080", NULL };

static void
report (WbChartView *self,
        const char  *message,
        gboolean     failed)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (wb_a11y_add_toast (GTK_WIDGET (self), adw_toast_new (message)))
    return;
  /* Without a toast overlay a failure still must not go unseen. */
  if (failed && GTK_IS_WINDOW (root))
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (root), _("Export Failed"), message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
update (WbChartView *self)
{
  g_autofree char *caption = NULL;

  g_clear_object (&self->table);
  wb_chart_set_model (self->chart, self->model);
  if (self->model == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->title_label), "");
      gtk_label_set_text (GTK_LABEL (self->caption), "");
      wb_table_view_set_table (self->table_view, NULL);
      return;
    }
  self->table = wb_chart_model_to_table (self->model);
  wb_table_view_set_table (self->table_view, self->table);
  gtk_label_set_text (GTK_LABEL (self->title_label), wb_chart_model_get_title (self->model));
  {
    /* Seven charts on a page: each button says whose table or export it is. */
    g_autofree char *table = g_strdup_printf (_("Table of “%s”"), wb_chart_model_get_title (self->model));
    g_autofree char *export = g_strdup_printf (_("Export “%s”"), wb_chart_model_get_title (self->model));

    wb_a11y_set_label (self->table_button, table);
    wb_a11y_set_label (self->export_button, export);
  }
  caption = wb_export_info_to_markup (wb_chart_model_get_info (self->model));
  gtk_label_set_markup (GTK_LABEL (self->caption), caption);
  gtk_widget_set_visible (self->caption, *caption != '\0');
}

/* Export */

static void
on_export_chosen_cb (GtkNativeDialog *chooser,
                     int              response,
                     WbChartView     *self)
{
  WbChartExportFormat format = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (chooser), "format"));
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  int width = 1280, height = 720;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      const char *size = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "size");

      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      if (size != NULL)
        sscanf (size, "%dx%d", &width, &height);
    }
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;
  if (!wb_chart_view_export (self, format, file, width, height, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The export failed: %s"), error->message);

      report (self, message, TRUE);
      return;
    }
  {
    g_autofree char *name = g_file_get_basename (file);
    g_autofree char *message = g_strdup_printf (_("Exported to %s"), name);

    report (self, message, FALSE);
  }
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WbChartView *self = WB_CHART_VIEW (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  guint i;

  if (self->model == NULL || self->chooser != NULL)
    return;
  for (i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_str_equal (formats[i].id, id))
      break;
  g_return_if_fail (i < G_N_ELEMENTS (formats));

  self->chooser = gtk_file_chooser_native_new (_("Export the Chart"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  g_object_set_data (G_OBJECT (self->chooser), "format", GUINT_TO_POINTER (formats[i].format));
  gtk_file_filter_add_suffix (filter, formats[i].suffix);
  gtk_file_filter_set_name (filter, formats[i].suffix);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  name = g_strdup_printf ("%s.%s", wb_chart_model_get_title (self->model), formats[i].suffix);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  if (formats[i].format == WB_CHART_EXPORT_PNG || formats[i].format == WB_CHART_EXPORT_SVG)
    {
      const char *labels[] = { _("800 × 450"), _("1280 × 720 (HD)"), _("1920 × 1080 (full HD)"), NULL };

      gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (self->chooser), "size", _("Size"),
                                   (const char **) size_ids, labels);
      gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (self->chooser), "size", "1280x720");
    }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_export_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Print */

static void
on_print_done_cb (GtkPrintOperation       *operation,
                  GtkPrintOperationResult  result,
                  WbChartView             *self)
{
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;

      gtk_print_operation_get_error (operation, &error);
      if (error != NULL)
        {
          g_autofree char *message = g_strdup_printf (_("Printing failed: %s"), error->message);

          report (self, message, TRUE);
        }
    }
  if (self->printing == operation)
    g_clear_object (&self->printing);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  WbChartView *self = WB_CHART_VIEW (widget);
  g_autoptr(WbDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  if (self->model == NULL || self->printing != NULL)
    return;
  document = wb_chart_view_create_document (self);
  self->printing = wb_document_create_print_operation (document);
  gtk_print_operation_set_allow_async (self->printing, TRUE);
  g_signal_connect_object (self->printing, "done", G_CALLBACK (on_print_done_cb), self, 0);
  if (gtk_print_operation_run (self->printing, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (gtk_widget_get_root (widget)), &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autofree char *message = g_strdup_printf (_("Printing failed: %s"), error->message);

      report (self, message, TRUE);
      g_clear_object (&self->printing);
    }
}

/* GObject */

static void
wb_chart_view_dispose (GObject *object)
{
  WbChartView *self = (WbChartView *) object;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->printing);
  gtk_widget_dispose_template (GTK_WIDGET (self), WB_TYPE_CHART_VIEW);
  g_clear_object (&self->model);
  g_clear_object (&self->table);

  G_OBJECT_CLASS (wb_chart_view_parent_class)->dispose (object);
}

static void
wb_chart_view_finalize (GObject *object)
{
  WbChartView *self = (WbChartView *) object;

  g_free (self->printed_by);

  G_OBJECT_CLASS (wb_chart_view_parent_class)->finalize (object);
}

static void
wb_chart_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  WbChartView *self = WB_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_SHOW_TABLE:
      g_value_set_boolean (value, self->show_table);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_chart_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  WbChartView *self = WB_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      wb_chart_view_set_model (self, g_value_get_object (value));
      break;
    case PROP_SHOW_TABLE:
      wb_chart_view_set_show_table (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_chart_view_class_init (WbChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wb_chart_view_dispose;
  object_class->finalize = wb_chart_view_finalize;
  object_class->get_property = wb_chart_view_get_property;
  object_class->set_property = wb_chart_view_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, WB_TYPE_CHART_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_TABLE] =
    g_param_spec_boolean ("show-table", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (WB_TYPE_CHART);
  g_type_ensure (WB_TYPE_TABLE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/nl/werkbrug/Werkbrug/ui/wb-chart-view.ui");
  gtk_widget_class_bind_template_child (widget_class, WbChartView, header);
  gtk_widget_class_bind_template_child (widget_class, WbChartView, title_label);
  gtk_widget_class_bind_template_child (widget_class, WbChartView, table_button);
  gtk_widget_class_bind_template_child (widget_class, WbChartView, export_button);
  gtk_widget_class_bind_template_child (widget_class, WbChartView, stack);
  gtk_widget_class_bind_template_child (widget_class, WbChartView, chart);
  gtk_widget_class_bind_template_child (widget_class, WbChartView, table_view);
  gtk_widget_class_bind_template_child (widget_class, WbChartView, caption);

  gtk_widget_class_install_property_action (widget_class, "chart-view.show-table", "show-table");
  gtk_widget_class_install_action (widget_class, "chart-view.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "chart-view.print", NULL, print_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "wbchartview");
}

static void
wb_chart_view_init (WbChartView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 6);
  /* The caption is said with the figures in the table; the table repeats no footnote. */
  wb_table_view_set_show_footnote (self->table_view, FALSE);
  wb_a11y_set_label (self->export_button, _("Export"));
  /* The mnemonic label would say "Table" a second time. */
  wb_a11y_set_label (self->table_button, _("Table"));
}

GtkWidget *
wb_chart_view_new (void)
{
  return g_object_new (WB_TYPE_CHART_VIEW, NULL);
}

WbChartModel *
wb_chart_view_get_model (WbChartView *self)
{
  g_return_val_if_fail (WB_IS_CHART_VIEW (self), NULL);
  return self->model;
}

void
wb_chart_view_set_model (WbChartView  *self,
                         WbChartModel *model)
{
  g_return_if_fail (WB_IS_CHART_VIEW (self));
  g_return_if_fail (model == NULL || WB_IS_CHART_MODEL (model));

  if (!g_set_object (&self->model, model))
    return;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

gboolean
wb_chart_view_get_show_table (WbChartView *self)
{
  g_return_val_if_fail (WB_IS_CHART_VIEW (self), FALSE);
  return self->show_table;
}

void
wb_chart_view_set_show_table (WbChartView *self,
                              gboolean     show_table)
{
  g_return_if_fail (WB_IS_CHART_VIEW (self));

  show_table = !!show_table;
  if (self->show_table == show_table)
    return;
  self->show_table = show_table;
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), show_table ? "table" : "chart");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_TABLE]);
}

void
wb_chart_view_set_printed_by (WbChartView *self,
                              const char  *name)
{
  g_return_if_fail (WB_IS_CHART_VIEW (self));
  g_free (self->printed_by);
  self->printed_by = g_strdup (name);
}

WbChart *
wb_chart_view_get_chart (WbChartView *self)
{
  g_return_val_if_fail (WB_IS_CHART_VIEW (self), NULL);
  return self->chart;
}

WbTableView *
wb_chart_view_get_table_view (WbChartView *self)
{
  g_return_val_if_fail (WB_IS_CHART_VIEW (self), NULL);
  return self->table_view;
}

gboolean
wb_chart_view_export (WbChartView          *self,
                      WbChartExportFormat   format,
                      GFile                *file,
                      int                   width,
                      int                   height,
                      GError              **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (WB_IS_CHART_VIEW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (self->model != NULL, FALSE);

  path = g_file_get_path (file);
  if (path == NULL && format != WB_CHART_EXPORT_CSV)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Choose a file on this computer"));
      return FALSE;
    }
  switch (format)
    {
    case WB_CHART_EXPORT_PNG:
      return wb_chart_export (self->model, WB_CHART_FORMAT_PNG, path, MAX (width, 160), MAX (height, 120), NULL, error);
    case WB_CHART_EXPORT_SVG:
      return wb_chart_export (self->model, WB_CHART_FORMAT_SVG, path, MAX (width, 160), MAX (height, 120), NULL, error);
    case WB_CHART_EXPORT_PDF:
      return wb_chart_export (self->model, WB_CHART_FORMAT_PDF, path, PDF_WIDTH, PDF_HEIGHT, NULL, error);
    case WB_CHART_EXPORT_CSV:
      return wb_table_write_csv (self->table, file, error);
    case WB_CHART_EXPORT_XLSX:
    default:
      return wb_table_write_xlsx (self->table, path, error);
    }
}

WbDocument *
wb_chart_view_create_document (WbChartView *self)
{
  WbDocument *document;

  g_return_val_if_fail (WB_IS_CHART_VIEW (self), NULL);
  g_return_val_if_fail (self->model != NULL, NULL);

  document = wb_document_new (wb_chart_model_get_title (self->model));
  wb_document_set_landscape (document, TRUE);
  wb_document_set_printed_by (document, self->printed_by);
  wb_document_add_chart (document, self->model, 0);
  wb_document_add_table (document, self->table);
  return document;
}
