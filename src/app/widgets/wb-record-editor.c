/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-record-editor"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wb-a11y.h"
#include "wb-date-entry.h"
#include "wb-format.h"
#include "wb-labels.h"

#include "wb-record-editor.h"

typedef struct {
  const WbEditorField *info;
  const WbFieldSpec *spec;
  AdwPreferencesGroup *group;
  AdwActionRow *row;
  GtkWidget *editor;      /* GtkEntry, GtkDropDown, GtkSwitch, or the subclass's (custom) */
  GPtrArray *choices;     /* the values behind a drop-down's items, as text */
  char *error;
  gboolean custom;        /* the subclass's widget, read and written by its "value" */
} FieldEditor;

typedef struct
{
  WbSession *session;
  WbRecord *base;           /* the version the edit starts from */
  GPtrArray *fields;        /* FieldEditor */
  GtkButton *save_button;
  GtkSpinner *spinner;
  GtkRevealer *message_revealer;
  GtkLabel *message_label;
  GCancellable *cancellable;
  gboolean saving;
  gboolean creating;        /* the record is new: saving creates it */
} WbRecordEditorPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (WbRecordEditor, wb_record_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_RECORD,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
field_editor_free (FieldEditor *field)
{
  g_clear_pointer (&field->choices, g_ptr_array_unref);
  g_free (field->error);
  g_free (field);
}

static FieldEditor *
find_field (WbRecordEditor *self,
            const char     *name)
{
  WbRecordEditorPrivate *priv = wb_record_editor_get_instance_private (self);
  /* An error on a nested record ("competences[2]") belongs to the field that holds it. */
  gsize length = strcspn (name, "[.");

  for (guint i = 0; priv->fields != NULL && i < priv->fields->len; i++)
    {
      FieldEditor *field = priv->fields->pdata[i];

      if (strlen (field->info->field) == length && strncmp (field->info->field, name, length) == 0)
        return field;
    }
  return NULL;
}

/* Values: each field as the text its editor holds, and back to JSON. */

/* What a field holds in @record, as its editor holds it; @record NULL is a record without
 * any value, what a new record is compared with. */
static char *
record_text (WbRecordEditor    *self,
             WbRecord          *record,
             const FieldEditor *field)
{
  return WB_RECORD_EDITOR_GET_CLASS (self)->record_text (self, record, field->info, field->spec);
}

static char *
wb_record_editor_real_record_text (WbRecordEditor      *self,
                                   WbRecord            *record,
                                   const WbEditorField *info,
                                   const WbFieldSpec   *spec)
{
  JsonNode *node = record != NULL ? json_object_get_member (wb_record_get_object (record), info->field) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return g_strdup (spec->type == WB_FIELD_BOOL && WB_RECORD_EDITOR_GET_CLASS (self)->missing_bool_is_false ?
                     "false" : "");
  switch (spec->type)
    {
    case WB_FIELD_INT:
    case WB_FIELD_REF:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case WB_FIELD_BOOL:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    default:
      return g_strdup (json_node_get_string (node) != NULL ? json_node_get_string (node) : "");
    }
}

static char *
editor_text (const FieldEditor *field)
{
  if (field->custom)
    {
      char *text = NULL;

      g_object_get (field->editor, "value", &text, NULL);
      return text != NULL ? text : g_strdup ("");
    }
  if (GTK_IS_SWITCH (field->editor))
    return g_strdup (gtk_switch_get_active (GTK_SWITCH (field->editor)) ? "true" : "false");
  if (GTK_IS_DROP_DOWN (field->editor))
    {
      guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (field->editor));

      return g_strdup (selected < field->choices->len ? field->choices->pdata[selected] : "");
    }
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (field->editor))));
}

static void
set_editor_text (WbRecordEditor *self,
                 FieldEditor    *field,
                 const char     *text)
{
  if (field->custom)
    g_object_set (field->editor, "value", text, NULL);
  else if (GTK_IS_SWITCH (field->editor))
    gtk_switch_set_active (GTK_SWITCH (field->editor), g_strcmp0 (text, "true") == 0);
  else if (GTK_IS_DROP_DOWN (field->editor))
    {
      GtkStringList *strings = GTK_STRING_LIST (gtk_drop_down_get_model (GTK_DROP_DOWN (field->editor)));

      for (guint i = 0; i < field->choices->len; i++)
        if (g_strcmp0 (field->choices->pdata[i], text) == 0)
          {
            gtk_drop_down_set_selected (GTK_DROP_DOWN (field->editor), i);
            return;
          }
      if (!WB_RECORD_EDITOR_GET_CLASS (self)->keep_unknown_choices)
        {
          gtk_drop_down_set_selected (GTK_DROP_DOWN (field->editor), 0);
          return;
        }
      /* A value the choices do not know stays what it is rather than becoming the first. */
      gtk_string_list_append (strings, text);
      g_ptr_array_add (field->choices, g_strdup (text));
      gtk_drop_down_set_selected (GTK_DROP_DOWN (field->editor), field->choices->len - 1);
    }
  else
    gtk_editable_set_text (GTK_EDITABLE (field->editor), text);
}

static void
show_field_error (FieldEditor *field,
                  const char  *message)
{
  g_free (field->error);
  field->error = g_strdup (message);
  adw_action_row_set_subtitle (field->row, message != NULL ? message :
                               field->info->hint != NULL ? _(field->info->hint) : "");
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (field->row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (field->row), "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (field->editor), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  message != NULL ? message : "", -1);
}

static void
show_message (WbRecordEditor *self,
              const char     *message)
{
  WbRecordEditorPrivate *priv = wb_record_editor_get_instance_private (self);

  gtk_label_set_text (priv->message_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (priv->message_revealer, message != NULL);
}

/* The fields that differ from @reference, as JSON: the changes of an edit (against the
 * version it started from), or every value of a new record (against NULL). */
static JsonObject *
collect_changes (WbRecordEditor *self,
                 WbRecord       *reference,
                 gboolean        show_errors,
                 gboolean       *valid)
{
  WbRecordEditorPrivate *priv = wb_record_editor_get_instance_private (self);
  WbRecordEditorClass *klass = WB_RECORD_EDITOR_GET_CLASS (self);
  JsonObject *changes = json_object_new ();

  *valid = TRUE;
  for (guint i = 0; i < priv->fields->len; i++)
    {
      FieldEditor *field = priv->fields->pdata[i];
      g_autofree char *before = record_text (self, reference, field);
      g_autofree char *now = editor_text (field);
      g_autofree char *message = NULL;

      if (g_strcmp0 (before, now) == 0)
        continue;
      if (!klass->field_to_json (self, field->spec, now, changes, &message))
        {
          *valid = FALSE;
          if (show_errors)
            show_field_error (field, message);
        }
    }
  return changes;
}

/* Saving */

static void save (WbRecordEditor *self);

static void
set_saving (WbRecordEditor *self,
            gboolean        saving)
{
  WbRecordEditorPrivate *priv = wb_record_editor_get_instance_private (self);

  priv->saving = saving;
  gtk_widget_set_sensitive (GTK_WIDGET (priv->save_button), !saving);
  gtk_widget_set_visible (GTK_WIDGET (priv->spinner), saving);
  gtk_spinner_set_spinning (priv->spinner, saving);
}

static void
on_conflict_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         WbRecordEditor   *self)
{
  WbRecordEditorPrivate *priv = wb_record_editor_get_instance_private (self);
  WbRecord *fresh = g_object_get_data (G_OBJECT (dialog), "fresh");
  gboolean theirs = g_strcmp0 (response, "theirs") == 0;

  /* Fields the user did not touch take the version that won, so that saving sends only
   * what the user changed and never undoes the other person's work with stale values;
   * "theirs" drops the user's edits as well. */
  for (guint i = 0; i < priv->fields->len; i++)
    {
      FieldEditor *field = priv->fields->pdata[i];
      g_autofree char *before = record_text (self, priv->base, field);
      g_autofree char *mine = editor_text (field);

      if (theirs || g_strcmp0 (before, mine) == 0)
        {
          g_autofree char *text = record_text (self, fresh, field);

          set_editor_text (self, field, text);
          show_field_error (field, NULL);
        }
    }

  /* Whatever the answer, the next save applies to the version that won. */
  g_set_object (&priv->base, fresh);
  if (g_strcmp0 (response, "reapply") == 0)
    save (self);
  else if (theirs)
    show_message (self, _("The form shows the latest version now."));
  else
    show_message (self, _("Your edits are kept. Saving now applies them to the latest version."));
}

static void
show_conflict (WbRecordEditor *self,
               WbRecord       *fresh)
{
  WbRecordEditorPrivate *priv = wb_record_editor_get_instance_private (self);
  WbRecordEditorClass *klass = WB_RECORD_EDITOR_GET_CLASS (self);
  g_autoptr(GString) body = g_string_new (_(klass->conflict_body));
  gboolean any = FALSE;
  GtkWidget *dialog;

  for (guint i = 0; i < priv->fields->len; i++)
    {
      FieldEditor *field = priv->fields->pdata[i];
      g_autofree char *before = record_text (self, priv->base, field);
      g_autofree char *theirs = record_text (self, fresh, field);
      g_autofree char *mine = editor_text (field);
      g_autofree char *before_text = NULL;
      g_autofree char *theirs_text = NULL;

      if (g_strcmp0 (before, theirs) == 0)
        continue;
      if (!any)
        g_string_append_printf (body, "\n\n%s", _("They changed:"));
      any = TRUE;
      before_text = klass->display_text (self, field->spec, before);
      theirs_text = klass->display_text (self, field->spec, theirs);
      g_string_append_printf (body, "\n• %s: %s → %s", _(field->info->label), before_text, theirs_text);
      if (g_strcmp0 (mine, before) != 0)
        {
          g_autofree char *mine_text = klass->display_text (self, field->spec, mine);

          g_string_append_printf (body, _(" (you wrote %s)"), mine_text);
        }
    }
  if (!any)
    g_string_append_printf (body, "\n\n%s", _("They changed fields this form does not show."));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _(klass->conflict_heading), body->str);
  g_object_set_data_full (G_OBJECT (dialog), "fresh", g_object_ref (fresh), g_object_unref);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Editing"),
                                    "theirs", _("_Use Their Version"),
                                    "reapply", _("_Re-apply My Changes"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "reapply", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "theirs", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "reapply");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect (dialog, "response", G_CALLBACK (on_conflict_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_fresh_loaded_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(WbRecordEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbRecord) fresh = wb_api_client_get_finish (WB_API_CLIENT (source), result, &error);

  /* Cancelled means the window is gone: its widgets are not to be touched. */
  if (fresh == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_saving (self, FALSE);
  if (fresh == NULL)
    show_message (self, error->message);
  else
    show_conflict (self, fresh);
}

static void
on_saved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(WbRecordEditor) self = user_data;
  WbRecordEditorPrivate *priv = wb_record_editor_get_instance_private (self);
  WbRecordEditorClass *klass = WB_RECORD_EDITOR_GET_CLASS (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(WbRecord) record = priv->creating ?
    wb_api_client_create_finish (WB_API_CLIENT (source), result, &error) :
    wb_api_client_update_finish (WB_API_CLIENT (source), result, &error);
  WbProblem *problem;

  if (record != NULL)
    {
      /* A handler of "saved" may close the window: what follows needs no more of it. */
      g_autoptr(WbSession) session = g_object_ref (priv->session);

      set_saving (self, FALSE);
      g_set_object (&priv->base, record);
      priv->creating = FALSE;
      g_signal_emit (self, signals[SAVED], 0, record);
      /* Every list of the resource in the window follows, also one that did not open this. */
      wb_session_record_saved (session, record);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (g_error_matches (error, WB_API_ERROR, 412))
    {
      /* Read the version that won, then let the user decide. */
      wb_api_client_get_async (wb_session_get_api (priv->session), klass->resource, wb_record_get_id (priv->base),
                               klass->conflict_reason != NULL ? _(klass->conflict_reason) : NULL,
                               priv->cancellable, on_fresh_loaded_cb, g_object_ref (self));
      return;
    }

  set_saving (self, FALSE);
  problem = wb_api_error_get_problem (error);
  if (problem != NULL && problem->errors != NULL && problem->errors->len > 0)
    {
      guint shown = 0;

      for (guint i = 0; i < problem->errors->len; i++)
        {
          WbFieldError *field_error = problem->errors->pdata[i];
          FieldEditor *field = find_field (self, field_error->field);

          if (field != NULL)
            {
              show_field_error (field, field_error->message);
              shown++;
            }
        }
      show_message (self, shown == problem->errors->len ?
                    _("Some fields need attention: see the messages next to them.") : error->message);
    }
  else if (g_error_matches (error, WB_API_ERROR, WB_API_ERROR_NETWORK))
    show_message (self, _("Not saved: the server cannot be reached. Your changes are kept here; try again."));
  else if (g_error_matches (error, WB_API_ERROR, 401))
    show_message (self, _("Not saved: your session has ended. Sign in again; your changes are kept here."));
  else
    show_message (self, error->message);
}

static void
save (WbRecordEditor *self)
{
  WbRecordEditorPrivate *priv = wb_record_editor_get_instance_private (self);
  g_autoptr(JsonObject) changes = NULL;
  g_autofree char *etag = NULL;
  gboolean valid;

  if (priv->saving)
    return;

  for (guint i = 0; i < priv->fields->len; i++)
    show_field_error (priv->fields->pdata[i], NULL);
  show_message (self, NULL);

  /* A new record sends every value it has; an edit what changed. */
  changes = collect_changes (self, priv->creating ? NULL : priv->base, TRUE, &valid);
  if (!valid)
    {
      show_message (self, _("Some fields need attention: see the messages next to them."));
      return;
    }
  if (priv->creating)
    {
      set_saving (self, TRUE);
      wb_api_client_create_async (wb_session_get_api (priv->session), WB_RECORD_EDITOR_GET_CLASS (self)->resource, 0,
                                  changes, priv->cancellable, on_saved_cb, g_object_ref (self));
      return;
    }
  if (json_object_get_size (changes) == 0)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  set_saving (self, TRUE);
  etag = wb_record_dup_etag (priv->base);
  wb_api_client_update_async (wb_session_get_api (priv->session), WB_RECORD_EDITOR_GET_CLASS (self)->resource,
                              wb_record_get_id (priv->base), etag, changes,
                              priv->cancellable, on_saved_cb, g_object_ref (self));
}

static void
on_save_clicked_cb (GtkButton      *button,
                    WbRecordEditor *self)
{
  save (self);
}

static void
on_cancel_clicked_cb (GtkButton      *button,
                      WbRecordEditor *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_discard_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        WbRecordEditor   *self)
{
  if (g_strcmp0 (response, "discard") == 0)
    gtk_window_destroy (GTK_WINDOW (self));
}

/* Building */

static GtkWidget *
create_editor (WbRecordEditor *self,
               FieldEditor    *field,
               const char     *label)
{
  WbRecordEditorClass *klass = WB_RECORD_EDITOR_GET_CLASS (self);
  GtkWidget *widget = klass->create_editor != NULL ? klass->create_editor (self, field->info, field->spec) : NULL;

  if (widget != NULL)
    {
      /* The subclass's widget names its own parts for a screen reader. */
      g_assert (g_object_class_find_property (G_OBJECT_GET_CLASS (widget), "value") != NULL);
      field->custom = TRUE;
      return widget;
    }
  if (field->spec->type == WB_FIELD_DATE)
    {
      /* Every date field is the one date entry: typed the Dutch way, or from its calendar. */
      widget = GTK_WIDGET (wb_date_entry_new ());
      wb_date_entry_set_label (WB_DATE_ENTRY (widget), label);
      gtk_widget_set_valign (widget, GTK_ALIGN_CENTER);
      field->custom = TRUE;
      return widget;
    }
  if (field->spec->type == WB_FIELD_BOOL)
    widget = gtk_switch_new ();
  else if (field->spec->type == WB_FIELD_ENUM || field->spec->type == WB_FIELD_REF)
    {
      g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);

      field->choices = g_ptr_array_new_with_free_func (g_free);
      WB_RECORD_EDITOR_GET_CLASS (self)->add_choices (self, field->spec, strings, field->choices);
      widget = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (strings)), NULL);
    }
  else
    {
      widget = gtk_entry_new ();
      gtk_editable_set_width_chars (GTK_EDITABLE (widget), field->info->width_chars);
      if (field->spec->type == WB_FIELD_INT || field->spec->type == WB_FIELD_PC4)
        gtk_entry_set_input_purpose (GTK_ENTRY (widget), GTK_INPUT_PURPOSE_DIGITS);
      gtk_entry_set_activates_default (GTK_ENTRY (widget), TRUE);
    }
  gtk_widget_set_valign (widget, GTK_ALIGN_CENTER);
  wb_a11y_set_label (widget, label);
  return widget;
}

static void
build (WbRecordEditor *self)
{
  WbRecordEditorPrivate *priv = wb_record_editor_get_instance_private (self);
  WbRecordEditorClass *klass = WB_RECORD_EDITOR_GET_CLASS (self);
  const WbResourceSpec *spec = wb_resource_spec_get (klass->resource);
  GtkWidget *content, *header, *title, *cancel, *page, *message_box;
  AdwPreferencesGroup *group = NULL;
  const char *group_name = NULL;

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  title = adw_window_title_new (NULL, NULL);
  g_object_bind_property (self, "title", title, "title", G_BINDING_SYNC_CREATE);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);

  cancel = wb_a11y_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect (cancel, "clicked", G_CALLBACK (on_cancel_clicked_cb), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);

  priv->save_button = GTK_BUTTON (wb_a11y_button_new_with_mnemonic (_("_Save")));
  gtk_widget_add_css_class (GTK_WIDGET (priv->save_button), "suggested-action");
  g_signal_connect (priv->save_button, "clicked", G_CALLBACK (on_save_clicked_cb), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (priv->save_button));
  priv->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_widget_set_visible (GTK_WIDGET (priv->spinner), FALSE);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (priv->spinner));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (priv->save_button));
  gtk_box_append (GTK_BOX (content), header);

  priv->message_revealer = GTK_REVEALER (gtk_revealer_new ());
  message_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (message_box, "wb-banner");
  priv->message_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (priv->message_label, TRUE);
  gtk_label_set_xalign (priv->message_label, 0);
  gtk_box_append (GTK_BOX (message_box), GTK_WIDGET (priv->message_label));
  gtk_revealer_set_child (priv->message_revealer, message_box);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (priv->message_revealer));

  page = adw_preferences_page_new ();
  gtk_widget_set_vexpand (page, TRUE);
  for (guint i = 0; i < klass->n_fields; i++)
    {
      const WbEditorField *info = &klass->fields[i];
      FieldEditor *field = g_new0 (FieldEditor, 1);
      g_autofree char *text = NULL;

      if (g_strcmp0 (group_name, info->group) != 0)
        {
          group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
          adw_preferences_group_set_title (group, _(info->group));
          adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), group);
          group_name = info->group;
        }

      field->info = info;
      field->spec = info->spec != NULL ? info->spec : wb_resource_spec_find_field (spec, info->field);
      g_assert (field->spec != NULL);
      field->group = group;
      field->row = ADW_ACTION_ROW (adw_action_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field->row), _(info->label));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (field->row), FALSE);
      field->editor = create_editor (self, field, _(info->label));
      adw_preferences_group_add (group, GTK_WIDGET (field->row));
      if (info->wide)
        {
          /* Below the row, which keeps the label, the hint and the message. */
          gtk_widget_set_margin_top (field->editor, 12);
          adw_preferences_group_add (group, field->editor);
        }
      else
        {
          adw_action_row_add_suffix (field->row, field->editor);
          if (!GTK_IS_ENTRY (field->editor) && !field->custom)
            adw_action_row_set_activatable_widget (field->row, field->editor);
        }

      g_ptr_array_add (priv->fields, field);
      text = record_text (self, priv->base, field);
      set_editor_text (self, field, text);
      show_field_error (field, NULL);
    }
  gtk_box_append (GTK_BOX (content), page);
  adw_window_set_content (ADW_WINDOW (self), content);
}

/* Default class functions */

static void
wb_record_editor_real_add_choices (WbRecordEditor    *self,
                                   const WbFieldSpec *spec,
                                   GtkStringList     *labels,
                                   GPtrArray         *values)
{
  if (spec->type != WB_FIELD_ENUM)
    return;
  if (spec->flags & WB_FIELD_NULLABLE)
    {
      gtk_string_list_append (labels, _("Not known"));
      g_ptr_array_add (values, g_strdup (""));
    }
  for (guint i = 0; spec->values[i] != NULL; i++)
    {
      gtk_string_list_append (labels, wb_label_for_enum (spec->name, spec->values[i]));
      g_ptr_array_add (values, g_strdup (spec->values[i]));
    }
}

static char *
wb_record_editor_real_display_text (WbRecordEditor    *self,
                                    const WbFieldSpec *spec,
                                    const char        *text)
{
  if (text == NULL || *text == '\0')
    return g_strdup ("—");
  if (spec->type == WB_FIELD_BOOL)
    return g_strdup (g_str_equal (text, "true") ? _("Yes") : _("No"));
  if (spec->type == WB_FIELD_ENUM)
    return g_strdup (wb_label_for_enum (spec->name, text));
  if (spec->type == WB_FIELD_DATE)
    return wb_format_iso_date (text);
  return g_strdup (text);
}

/* A switch is a boolean, a whole number an integer or a reference; an emptied field clears
 * a value that may be empty and is refused where one is required; the rest is text. */
static gboolean
wb_record_editor_real_field_to_json (WbRecordEditor     *self,
                                     const WbFieldSpec  *spec,
                                     const char         *text,
                                     JsonObject         *changes,
                                     char              **message)
{
  gint64 value;

  if (spec->type == WB_FIELD_BOOL)
    {
      json_object_set_boolean_member (changes, spec->name, g_str_equal (text, "true"));
      return TRUE;
    }
  if (*text == '\0')
    {
      if ((spec->flags & WB_FIELD_NULLABLE) == 0)
        {
          *message = g_strdup (_("is required"));
          return FALSE;
        }
      json_object_set_null_member (changes, spec->name);
      return TRUE;
    }
  if (spec->type == WB_FIELD_DATE && !wb_validate_date (text))
    {
      *message = g_strdup (_("is not a date: type it as 3-12-2026, or choose it in the calendar"));
      return FALSE;
    }
  if (spec->type == WB_FIELD_INT || spec->type == WB_FIELD_REF)
    {
      if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &value, NULL))
        {
          *message = g_strdup (_("must be a whole number"));
          return FALSE;
        }
      json_object_set_int_member (changes, spec->name, value);
      return TRUE;
    }
  json_object_set_string_member (changes, spec->name, text);
  return TRUE;
}

/* GObject */

static gboolean
wb_record_editor_close_request (GtkWindow *window)
{
  WbRecordEditor *self = WB_RECORD_EDITOR (window);
  GtkWidget *dialog;

  if (!wb_record_editor_has_changes (self))
    return GTK_WINDOW_CLASS (wb_record_editor_parent_class)->close_request (window);

  dialog = adw_message_dialog_new (window, _("Discard Your Changes?"),
                                   _(WB_RECORD_EDITOR_GET_CLASS (self)->discard_body));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect (dialog, "response", G_CALLBACK (on_discard_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static void
wb_record_editor_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  WbRecordEditorPrivate *priv = wb_record_editor_get_instance_private (WB_RECORD_EDITOR (object));

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, priv->session);
      break;
    case PROP_RECORD:
      g_value_set_object (value, priv->base);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_record_editor_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  WbRecordEditorPrivate *priv = wb_record_editor_get_instance_private (WB_RECORD_EDITOR (object));

  switch (prop_id)
    {
    case PROP_SESSION:
      priv->session = g_value_dup_object (value);
      break;
    case PROP_RECORD:
      priv->base = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_record_editor_constructed (GObject *object)
{
  WbRecordEditor *self = WB_RECORD_EDITOR (object);
  WbRecordEditorPrivate *priv = wb_record_editor_get_instance_private (self);

  G_OBJECT_CLASS (wb_record_editor_parent_class)->constructed (object);

  g_assert (WB_IS_SESSION (priv->session));
  g_assert (WB_IS_RECORD (priv->base));
  priv->creating = wb_record_get_id (priv->base) <= 0;
  build (self);
}

static void
wb_record_editor_dispose (GObject *object)
{
  WbRecordEditorPrivate *priv = wb_record_editor_get_instance_private (WB_RECORD_EDITOR (object));

  g_cancellable_cancel (priv->cancellable);
  g_clear_object (&priv->cancellable);
  g_clear_object (&priv->session);
  g_clear_object (&priv->base);
  g_clear_pointer (&priv->fields, g_ptr_array_unref);

  G_OBJECT_CLASS (wb_record_editor_parent_class)->dispose (object);
}

static void
wb_record_editor_class_init (WbRecordEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /* A screen reader announces it as a dialog, not as another window. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);

  object_class->get_property = wb_record_editor_get_property;
  object_class->set_property = wb_record_editor_set_property;
  object_class->constructed = wb_record_editor_constructed;
  object_class->dispose = wb_record_editor_dispose;
  window_class->close_request = wb_record_editor_close_request;
  klass->add_choices = wb_record_editor_real_add_choices;
  klass->display_text = wb_record_editor_real_display_text;
  klass->record_text = wb_record_editor_real_record_text;
  klass->field_to_json = wb_record_editor_real_field_to_json;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, WB_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL, WB_TYPE_RECORD,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, WB_TYPE_RECORD);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wb_record_editor_init (WbRecordEditor *self)
{
  WbRecordEditorPrivate *priv = wb_record_editor_get_instance_private (self);

  priv->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_editor_free);
  priv->cancellable = g_cancellable_new ();
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
}

WbSession *
wb_record_editor_get_session (WbRecordEditor *self)
{
  WbRecordEditorPrivate *priv;

  g_return_val_if_fail (WB_IS_RECORD_EDITOR (self), NULL);

  priv = wb_record_editor_get_instance_private (self);
  return priv->session;
}

gboolean
wb_record_editor_has_changes (WbRecordEditor *self)
{
  WbRecordEditorPrivate *priv;
  g_autoptr(JsonObject) changes = NULL;
  gboolean valid;

  g_return_val_if_fail (WB_IS_RECORD_EDITOR (self), FALSE);

  priv = wb_record_editor_get_instance_private (self);
  if (priv->fields == NULL)
    return FALSE;
  /* A new record has changes once it differs from the draft it started as. */
  changes = collect_changes (self, priv->base, FALSE, &valid);
  return !valid || json_object_get_size (changes) > 0;
}

JsonObject *
wb_record_editor_dup_changes (WbRecordEditor *self)
{
  WbRecordEditorPrivate *priv;
  gboolean valid;

  g_return_val_if_fail (WB_IS_RECORD_EDITOR (self), NULL);

  priv = wb_record_editor_get_instance_private (self);
  return collect_changes (self, priv->creating ? NULL : priv->base, FALSE, &valid);
}

gboolean
wb_record_editor_get_creating (WbRecordEditor *self)
{
  WbRecordEditorPrivate *priv;

  g_return_val_if_fail (WB_IS_RECORD_EDITOR (self), FALSE);

  priv = wb_record_editor_get_instance_private (self);
  return priv->creating;
}

WbRecord *
wb_record_editor_get_record (WbRecordEditor *self)
{
  WbRecordEditorPrivate *priv;

  g_return_val_if_fail (WB_IS_RECORD_EDITOR (self), NULL);

  priv = wb_record_editor_get_instance_private (self);
  return priv->base;
}

char *
wb_record_editor_dup_field (WbRecordEditor *self,
                            const char     *name)
{
  FieldEditor *field;

  g_return_val_if_fail (WB_IS_RECORD_EDITOR (self), NULL);

  field = find_field (self, name);
  g_return_val_if_fail (field != NULL, NULL);
  return editor_text (field);
}

GtkWidget *
wb_record_editor_get_field_editor (WbRecordEditor *self,
                                   const char     *name)
{
  FieldEditor *field;

  g_return_val_if_fail (WB_IS_RECORD_EDITOR (self), NULL);

  field = find_field (self, name);
  return field != NULL ? field->editor : NULL;
}

void
wb_record_editor_set_field_visible (WbRecordEditor *self,
                                    const char     *name,
                                    gboolean        visible)
{
  WbRecordEditorPrivate *priv;
  FieldEditor *field;
  gboolean any = FALSE;

  g_return_if_fail (WB_IS_RECORD_EDITOR (self));

  field = find_field (self, name);
  g_return_if_fail (field != NULL);
  gtk_widget_set_visible (GTK_WIDGET (field->row), visible);
  if (field->info->wide)
    gtk_widget_set_visible (field->editor, visible);

  /* A group shows while one of its fields does. */
  priv = wb_record_editor_get_instance_private (self);
  for (guint i = 0; i < priv->fields->len; i++)
    {
      FieldEditor *other = priv->fields->pdata[i];

      if (other->group == field->group && gtk_widget_get_visible (GTK_WIDGET (other->row)))
        any = TRUE;
    }
  gtk_widget_set_visible (GTK_WIDGET (field->group), any);
}

void
wb_record_editor_set_field (WbRecordEditor *self,
                            const char     *name,
                            const char     *text)
{
  FieldEditor *field;

  g_return_if_fail (WB_IS_RECORD_EDITOR (self));

  field = find_field (self, name);
  g_return_if_fail (field != NULL);
  set_editor_text (self, field, text);
}

const char *
wb_record_editor_get_error (WbRecordEditor *self,
                            const char     *name)
{
  FieldEditor *field;

  g_return_val_if_fail (WB_IS_RECORD_EDITOR (self), NULL);

  field = find_field (self, name);
  return field != NULL ? field->error : NULL;
}

const char *
wb_record_editor_get_message (WbRecordEditor *self)
{
  WbRecordEditorPrivate *priv;

  g_return_val_if_fail (WB_IS_RECORD_EDITOR (self), NULL);

  priv = wb_record_editor_get_instance_private (self);
  if (!gtk_revealer_get_reveal_child (priv->message_revealer))
    return NULL;
  return gtk_label_get_text (priv->message_label);
}

gboolean
wb_record_editor_is_saving (WbRecordEditor *self)
{
  WbRecordEditorPrivate *priv;

  g_return_val_if_fail (WB_IS_RECORD_EDITOR (self), FALSE);

  priv = wb_record_editor_get_instance_private (self);
  return priv->saving;
}

void
wb_record_editor_save (WbRecordEditor *self)
{
  g_return_if_fail (WB_IS_RECORD_EDITOR (self));
  save (self);
}
