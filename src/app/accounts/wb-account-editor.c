/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-account-editor"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-labels.h"

#include "wb-account-editor.h"

typedef struct {
  const char *group;
  const char *field;
  const char *label;
  const char *hint;
} EditorField;

static const EditorField editor_fields[] = {
  { N_("Company"), "name", N_("Name"), NULL },
  { N_("Company"), "sector", N_("Sector"), NULL },
  { N_("Company"), "employee_count", N_("Employees"), N_("25 or more makes it a WSP account") },
  { N_("Company"), "pc4", N_("Postcode area"), N_("The four digits of the postcode") },
  { N_("Company"), "municipality_id", N_("Municipality"), NULL },
  { N_("Arrangements"), "arrangement", N_("Employer arrangement"), N_("Reported to the WSP's management") },
  { N_("Arrangements"), "learn_work", N_("Learn-work track"), N_("The employer offers learn-work places") },
  { N_("Exception"), "exception_reason", N_("Reason to keep the account locally"),
    N_("A good relationship from the past (“goede ingang”); a coordinator approves it") },
};

typedef struct {
  const EditorField *info;
  const WbFieldSpec *spec;
  AdwActionRow *row;
  GtkWidget *editor;      /* GtkEntry, GtkDropDown or GtkSwitch */
  GPtrArray *choices;     /* the values behind a drop-down's items, as text */
  char *error;
} FieldEditor;

struct _WbAccountEditor
{
  AdwWindow parent_instance;

  WbSession *session;
  WbRecord *base;           /* the version the edit starts from */
  GPtrArray *fields;        /* FieldEditor */
  GtkButton *save_button;
  GtkSpinner *spinner;
  GtkRevealer *message_revealer;
  GtkLabel *message_label;
  GCancellable *cancellable;
  gboolean saving;
};

G_DEFINE_FINAL_TYPE (WbAccountEditor, wb_account_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
field_editor_free (FieldEditor *field)
{
  g_clear_pointer (&field->choices, g_ptr_array_unref);
  g_free (field->error);
  g_free (field);
}

static FieldEditor *
find_field (WbAccountEditor *self,
            const char      *name)
{
  for (guint i = 0; self->fields != NULL && i < self->fields->len; i++)
    {
      FieldEditor *field = self->fields->pdata[i];

      if (g_str_equal (field->info->field, name))
        return field;
    }
  return NULL;
}

/* Values: each field as the text its editor holds, and back to JSON. */

static char *
record_text (WbRecord          *record,
             const FieldEditor *field)
{
  JsonNode *node = json_object_get_member (wb_record_get_object (record), field->info->field);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return g_strdup (field->spec->type == WB_FIELD_BOOL ? "false" : "");
  switch (field->spec->type)
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
set_editor_text (FieldEditor *field,
                 const char  *text)
{
  if (GTK_IS_SWITCH (field->editor))
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
      /* A value the choices do not know stays what it is rather than becoming the first. */
      gtk_string_list_append (strings, text);
      g_ptr_array_add (field->choices, g_strdup (text));
      gtk_drop_down_set_selected (GTK_DROP_DOWN (field->editor), field->choices->len - 1);
    }
  else
    gtk_editable_set_text (GTK_EDITABLE (field->editor), text);
}

/* The text a person reads for a value: a sector's label, a municipality's name. */
static char *
display_text (WbAccountEditor   *self,
              const FieldEditor *field,
              const char        *text)
{
  if (text == NULL || *text == '\0')
    return g_strdup ("—");
  if (field->spec->type == WB_FIELD_BOOL)
    return g_strdup (g_str_equal (text, "true") ? _("Yes") : _("No"));
  if (field->spec->type == WB_FIELD_ENUM)
    return g_strdup (wb_label_for_enum (field->info->field, text));
  if (field->spec->type == WB_FIELD_REF)
    {
      const char *name = wb_session_lookup_name (self->session, WB_RESOURCE_MUNICIPALITIES,
                                                 g_ascii_strtoll (text, NULL, 10));
      return g_strdup (name != NULL ? name : text);
    }
  return g_strdup (text);
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
show_message (WbAccountEditor *self,
              const char      *message)
{
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (self->message_revealer, message != NULL);
}

static gboolean
field_to_json (const FieldEditor  *field,
               const char         *text,
               JsonObject         *changes,
               char              **message)
{
  const char *name = field->info->field;
  gint64 value;

  switch (field->spec->type)
    {
    case WB_FIELD_BOOL:
      json_object_set_boolean_member (changes, name, g_str_equal (text, "true"));
      return TRUE;
    case WB_FIELD_INT:
    case WB_FIELD_REF:
      if (!g_ascii_string_to_signed (text, 10, 0, G_MAXINT64, &value, NULL))
        {
          *message = g_strdup (_("must be a whole number"));
          return FALSE;
        }
      json_object_set_int_member (changes, name, value);
      return TRUE;
    default:
      if (*text == '\0' && (field->spec->flags & WB_FIELD_REQUIRED) != 0)
        {
          *message = g_strdup (_("is required"));
          return FALSE;
        }
      if (*text == '\0')
        json_object_set_null_member (changes, name);
      else
        json_object_set_string_member (changes, name, text);
      return TRUE;
    }
}

static JsonObject *
collect_changes (WbAccountEditor *self,
                 gboolean         show_errors,
                 gboolean        *valid)
{
  JsonObject *changes = json_object_new ();

  *valid = TRUE;
  for (guint i = 0; i < self->fields->len; i++)
    {
      FieldEditor *field = self->fields->pdata[i];
      g_autofree char *before = record_text (self->base, field);
      g_autofree char *now = editor_text (field);
      g_autofree char *message = NULL;

      if (g_strcmp0 (before, now) == 0)
        continue;
      if (!field_to_json (field, now, changes, &message))
        {
          *valid = FALSE;
          if (show_errors)
            show_field_error (field, message);
        }
    }
  return changes;
}

/* Saving */

static void save (WbAccountEditor *self);

static void
set_saving (WbAccountEditor *self,
            gboolean         saving)
{
  self->saving = saving;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), !saving);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), saving);
  gtk_spinner_set_spinning (self->spinner, saving);
}

static void
on_conflict_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         WbAccountEditor  *self)
{
  WbRecord *fresh = g_object_get_data (G_OBJECT (dialog), "fresh");

  g_set_object (&self->base, fresh);
  if (g_strcmp0 (response, "reapply") == 0)
    /* The user's edits stay in the fields; only the base moves to the fresh version. */
    save (self);
  else if (g_strcmp0 (response, "theirs") == 0)
    {
      for (guint i = 0; i < self->fields->len; i++)
        {
          FieldEditor *field = self->fields->pdata[i];
          g_autofree char *text = record_text (fresh, field);

          set_editor_text (field, text);
          show_field_error (field, NULL);
        }
      show_message (self, _("The form shows the latest version now."));
    }
  else
    show_message (self, _("Your edits are kept. Saving now applies them to the latest version."));
}

static void
show_conflict (WbAccountEditor *self,
               WbRecord        *fresh)
{
  g_autoptr(GString) body = g_string_new (_("Someone else saved this employer after you opened it. Nothing of "
                                            "yours has been saved yet."));
  gboolean any = FALSE;
  GtkWidget *dialog;

  for (guint i = 0; i < self->fields->len; i++)
    {
      FieldEditor *field = self->fields->pdata[i];
      g_autofree char *before = record_text (self->base, field);
      g_autofree char *theirs = record_text (fresh, field);
      g_autofree char *mine = editor_text (field);
      g_autofree char *before_text = NULL;
      g_autofree char *theirs_text = NULL;

      if (g_strcmp0 (before, theirs) == 0)
        continue;
      if (!any)
        g_string_append_printf (body, "\n\n%s", _("They changed:"));
      any = TRUE;
      before_text = display_text (self, field, before);
      theirs_text = display_text (self, field, theirs);
      g_string_append_printf (body, "\n• %s: %s → %s", _(field->info->label), before_text, theirs_text);
      if (g_strcmp0 (mine, before) != 0)
        {
          g_autofree char *mine_text = display_text (self, field, mine);

          g_string_append_printf (body, _(" (you wrote %s)"), mine_text);
        }
    }
  if (!any)
    g_string_append_printf (body, "\n\n%s", _("They changed fields this form does not show."));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The Employer Has Changed"), body->str);
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
  g_autoptr(WbAccountEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbRecord) fresh = wb_api_client_get_finish (WB_API_CLIENT (source), result, &error);

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
  g_autoptr(WbAccountEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbRecord) record = wb_api_client_update_finish (WB_API_CLIENT (source), result, &error);
  WbProblem *problem;

  if (record != NULL)
    {
      set_saving (self, FALSE);
      g_set_object (&self->base, record);
      g_signal_emit (self, signals[SAVED], 0, record);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (g_error_matches (error, WB_API_ERROR, 412))
    {
      /* Read the version that won, then let the user decide. */
      wb_api_client_get_async (wb_session_get_api (self->session), WB_RESOURCE_EMPLOYERS,
                               wb_record_get_id (self->base), NULL, self->cancellable,
                               on_fresh_loaded_cb, g_object_ref (self));
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
  else
    show_message (self, error->message);
}

static void
save (WbAccountEditor *self)
{
  g_autoptr(JsonObject) changes = NULL;
  g_autofree char *etag = NULL;
  gboolean valid;

  if (self->saving)
    return;

  for (guint i = 0; i < self->fields->len; i++)
    show_field_error (self->fields->pdata[i], NULL);
  show_message (self, NULL);

  changes = collect_changes (self, TRUE, &valid);
  if (!valid)
    {
      show_message (self, _("Some fields need attention: see the messages next to them."));
      return;
    }
  if (json_object_get_size (changes) == 0)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  set_saving (self, TRUE);
  etag = wb_record_dup_etag (self->base);
  wb_api_client_update_async (wb_session_get_api (self->session), WB_RESOURCE_EMPLOYERS,
                              wb_record_get_id (self->base), etag, changes,
                              self->cancellable, on_saved_cb, g_object_ref (self));
}

static void
on_save_clicked_cb (GtkButton       *button,
                    WbAccountEditor *self)
{
  save (self);
}

static void
on_cancel_clicked_cb (GtkButton       *button,
                      WbAccountEditor *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_discard_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        WbAccountEditor  *self)
{
  if (g_strcmp0 (response, "discard") == 0)
    gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
wb_account_editor_close_request (GtkWindow *window)
{
  WbAccountEditor *self = WB_ACCOUNT_EDITOR (window);
  GtkWidget *dialog;

  if (!wb_account_editor_has_changes (self))
    return GTK_WINDOW_CLASS (wb_account_editor_parent_class)->close_request (window);

  dialog = adw_message_dialog_new (window, _("Discard Your Changes?"),
                                   _("The changes to this employer have not been saved."));
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

/* Building */

static GtkWidget *
create_editor (WbAccountEditor *self,
               FieldEditor     *field,
               const char      *label)
{
  GtkWidget *widget;

  if (field->spec->type == WB_FIELD_BOOL)
    widget = gtk_switch_new ();
  else if (field->spec->type == WB_FIELD_ENUM || field->spec->type == WB_FIELD_REF)
    {
      g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);

      field->choices = g_ptr_array_new_with_free_func (g_free);
      if (field->spec->type == WB_FIELD_ENUM)
        for (guint i = 0; field->spec->values[i] != NULL; i++)
          {
            gtk_string_list_append (strings, wb_label_for_enum (field->info->field, field->spec->values[i]));
            g_ptr_array_add (field->choices, g_strdup (field->spec->values[i]));
          }
      else
        {
          GListModel *municipalities = wb_session_get_lookup (self->session, WB_RESOURCE_MUNICIPALITIES);

          for (guint i = 0; municipalities != NULL && i < g_list_model_get_n_items (municipalities); i++)
            {
              g_autoptr(WbRecord) municipality = g_list_model_get_item (municipalities, i);

              gtk_string_list_append (strings, wb_record_get_string (municipality, "name"));
              g_ptr_array_add (field->choices, g_strdup_printf ("%" G_GINT64_FORMAT, wb_record_get_id (municipality)));
            }
        }
      widget = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (strings)), NULL);
    }
  else
    {
      widget = gtk_entry_new ();
      gtk_editable_set_width_chars (GTK_EDITABLE (widget), field->spec->type == WB_FIELD_STRING ? 28 : 8);
      if (field->spec->type == WB_FIELD_INT || field->spec->type == WB_FIELD_PC4)
        gtk_entry_set_input_purpose (GTK_ENTRY (widget), GTK_INPUT_PURPOSE_DIGITS);
      gtk_entry_set_activates_default (GTK_ENTRY (widget), TRUE);
    }
  gtk_widget_set_valign (widget, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return widget;
}

static void
build (WbAccountEditor *self)
{
  const WbResourceSpec *spec = wb_resource_spec_get (WB_RESOURCE_EMPLOYERS);
  GtkWidget *content, *header, *cancel, *page, *message_box;
  AdwPreferencesGroup *group = NULL;
  const char *group_name = NULL;
  g_autofree char *title = NULL;

  /* TRANSLATORS: the title of the window that edits an employer; %s is its name */
  title = g_strdup_printf (_("Edit %s"), wb_record_get_string (self->base, "name") ?: "");
  gtk_window_set_title (GTK_WINDOW (self), title);

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (title, NULL));

  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (cancel), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Cancel"), -1);
  g_signal_connect (cancel, "clicked", G_CALLBACK (on_cancel_clicked_cb), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);

  self->save_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Save")));
  gtk_widget_add_css_class (GTK_WIDGET (self->save_button), "suggested-action");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->save_button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Save"), -1);
  g_signal_connect (self->save_button, "clicked", G_CALLBACK (on_save_clicked_cb), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->save_button));
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->spinner));
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));
  gtk_box_append (GTK_BOX (content), header);

  self->message_revealer = GTK_REVEALER (gtk_revealer_new ());
  message_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (message_box, "wb-banner");
  self->message_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->message_label, TRUE);
  gtk_label_set_xalign (self->message_label, 0);
  gtk_box_append (GTK_BOX (message_box), GTK_WIDGET (self->message_label));
  gtk_revealer_set_child (self->message_revealer, message_box);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->message_revealer));

  page = adw_preferences_page_new ();
  gtk_widget_set_vexpand (page, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (editor_fields); i++)
    {
      const EditorField *info = &editor_fields[i];
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
      field->spec = wb_resource_spec_find_field (spec, info->field);
      g_assert (field->spec != NULL);
      field->row = ADW_ACTION_ROW (adw_action_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field->row), _(info->label));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (field->row), FALSE);
      field->editor = create_editor (self, field, _(info->label));
      adw_action_row_add_suffix (field->row, field->editor);
      if (!GTK_IS_ENTRY (field->editor))
        adw_action_row_set_activatable_widget (field->row, field->editor);
      adw_preferences_group_add (group, GTK_WIDGET (field->row));

      g_ptr_array_add (self->fields, field);
      text = record_text (self->base, field);
      set_editor_text (field, text);
      show_field_error (field, NULL);
    }
  gtk_box_append (GTK_BOX (content), page);
  adw_window_set_content (ADW_WINDOW (self), content);
}

static void
wb_account_editor_dispose (GObject *object)
{
  WbAccountEditor *self = (WbAccountEditor *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_object (&self->base);
  g_clear_pointer (&self->fields, g_ptr_array_unref);

  G_OBJECT_CLASS (wb_account_editor_parent_class)->dispose (object);
}

static void
wb_account_editor_class_init (WbAccountEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wb_account_editor_dispose;
  window_class->close_request = wb_account_editor_close_request;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, WB_TYPE_RECORD);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
wb_account_editor_init (WbAccountEditor *self)
{
  self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_editor_free);
  self->cancellable = g_cancellable_new ();
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 600, 680);
}

WbAccountEditor *
wb_account_editor_new (WbSession *session,
                       WbRecord  *employer)
{
  WbAccountEditor *self;

  g_return_val_if_fail (WB_IS_SESSION (session), NULL);
  g_return_val_if_fail (WB_IS_RECORD (employer), NULL);

  self = g_object_new (WB_TYPE_ACCOUNT_EDITOR, NULL);
  self->session = g_object_ref (session);
  self->base = g_object_ref (employer);
  build (self);
  return self;
}

gboolean
wb_account_editor_has_changes (WbAccountEditor *self)
{
  g_autoptr(JsonObject) changes = NULL;
  gboolean valid;

  g_return_val_if_fail (WB_IS_ACCOUNT_EDITOR (self), FALSE);

  if (self->fields == NULL)
    return FALSE;
  changes = collect_changes (self, FALSE, &valid);
  return !valid || json_object_get_size (changes) > 0;
}

JsonObject *
wb_account_editor_dup_changes (WbAccountEditor *self)
{
  gboolean valid;

  g_return_val_if_fail (WB_IS_ACCOUNT_EDITOR (self), NULL);
  return collect_changes (self, FALSE, &valid);
}

void
wb_account_editor_set_field (WbAccountEditor *self,
                             const char      *name,
                             const char      *text)
{
  FieldEditor *field;

  g_return_if_fail (WB_IS_ACCOUNT_EDITOR (self));

  field = find_field (self, name);
  g_return_if_fail (field != NULL);
  set_editor_text (field, text);
}

const char *
wb_account_editor_get_error (WbAccountEditor *self,
                             const char      *name)
{
  FieldEditor *field;

  g_return_val_if_fail (WB_IS_ACCOUNT_EDITOR (self), NULL);

  field = find_field (self, name);
  return field != NULL ? field->error : NULL;
}

void
wb_account_editor_save (WbAccountEditor *self)
{
  g_return_if_fail (WB_IS_ACCOUNT_EDITOR (self));
  save (self);
}
