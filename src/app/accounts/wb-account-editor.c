/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-account-editor"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-dialog.h"
#include "wb-labels.h"

#include "wb-account-editor.h"

struct _WbAccountEditor
{
  WbRecordEditor parent_instance;
};

G_DEFINE_FINAL_TYPE (WbAccountEditor, wb_account_editor, WB_TYPE_RECORD_EDITOR)

static const WbEditorField editor_fields[] = {
  { N_("Company"), "name", N_("Name"), NULL, 28 },
  { N_("Company"), "sector", N_("Sector"), NULL, 0 },
  { N_("Company"), "employee_count", N_("Employees"), N_("25 or more makes it a WSP account"), 8 },
  { N_("Company"), "pc4", N_("Postcode area"), N_("The four digits of the postcode"), 8 },
  { N_("Company"), "municipality_id", N_("Municipality"), NULL, 0 },
  { N_("Arrangements"), "arrangement", N_("Employer arrangement"), N_("Reported to the WSP's management"), 0 },
  { N_("Arrangements"), "arrangement_note", N_("What the arrangement is"),
    N_("For example: two learn-work places in logistics from March. The WSP reads it."), 28 },
  { N_("Arrangements"), "learn_work", N_("Learn-work track"), N_("The employer offers learn-work places"), 0 },
  { N_("Exception"), "exception_reason", N_("Reason to keep the account locally"),
    N_("A good relationship from the past (“goede ingang”); a coordinator approves it"), 28 },
};

/* The municipality is chosen from the session's list of them. */
static void
wb_account_editor_add_choices (WbRecordEditor    *editor,
                               const WbFieldSpec *spec,
                               GtkStringList     *labels,
                               GPtrArray         *values)
{
  GListModel *municipalities;

  if (spec->type != WB_FIELD_REF)
    {
      WB_RECORD_EDITOR_CLASS (wb_account_editor_parent_class)->add_choices (editor, spec, labels, values);
      return;
    }
  municipalities = wb_session_get_lookup (wb_record_editor_get_session (editor), WB_RESOURCE_MUNICIPALITIES);
  for (guint i = 0; municipalities != NULL && i < g_list_model_get_n_items (municipalities); i++)
    {
      g_autoptr(WbRecord) municipality = g_list_model_get_item (municipalities, i);

      gtk_string_list_append (labels, wb_record_get_string (municipality, "name"));
      g_ptr_array_add (values, g_strdup_printf ("%" G_GINT64_FORMAT, wb_record_get_id (municipality)));
    }
}

/* Numbers are whole and not negative; a required text may not be emptied. */
static gboolean
wb_account_editor_field_to_json (WbRecordEditor     *editor,
                                 const WbFieldSpec  *spec,
                                 const char         *text,
                                 JsonObject         *changes,
                                 char              **message)
{
  gint64 value;

  switch (spec->type)
    {
    case WB_FIELD_BOOL:
      json_object_set_boolean_member (changes, spec->name, g_str_equal (text, "true"));
      return TRUE;
    case WB_FIELD_INT:
    case WB_FIELD_REF:
      if (!g_ascii_string_to_signed (text, 10, 0, G_MAXINT64, &value, NULL))
        {
          *message = g_strdup (_("must be a whole number"));
          return FALSE;
        }
      json_object_set_int_member (changes, spec->name, value);
      return TRUE;
    default:
      if (*text == '\0' && (spec->flags & WB_FIELD_REQUIRED) != 0)
        {
          *message = g_strdup (_("is required"));
          return FALSE;
        }
      if (*text == '\0')
        json_object_set_null_member (changes, spec->name);
      else
        json_object_set_string_member (changes, spec->name, text);
      return TRUE;
    }
}

/* The text a person reads for a value: a sector's label, a municipality's name. */
static char *
wb_account_editor_display_text (WbRecordEditor    *editor,
                                const WbFieldSpec *spec,
                                const char        *text)
{
  if (text == NULL || *text == '\0')
    return g_strdup ("—");
  if (spec->type == WB_FIELD_BOOL)
    return g_strdup (g_str_equal (text, "true") ? _("Yes") : _("No"));
  if (spec->type == WB_FIELD_ENUM)
    return g_strdup (wb_label_for_enum (spec->name, text));
  if (spec->type == WB_FIELD_REF)
    {
      const char *name = wb_session_lookup_name (wb_record_editor_get_session (editor), WB_RESOURCE_MUNICIPALITIES,
                                                 g_ascii_strtoll (text, NULL, 10));
      return g_strdup (name != NULL ? name : text);
    }
  return g_strdup (text);
}

static void
wb_account_editor_class_init (WbAccountEditorClass *klass)
{
  WbRecordEditorClass *editor_class = WB_RECORD_EDITOR_CLASS (klass);

  editor_class->resource = WB_RESOURCE_EMPLOYERS;
  editor_class->fields = editor_fields;
  editor_class->n_fields = G_N_ELEMENTS (editor_fields);
  editor_class->conflict_heading = N_("The Employer Has Changed");
  editor_class->conflict_body = N_("Someone else saved this employer after you opened it. Nothing of "
                                   "yours has been saved yet.");
  editor_class->discard_body = N_("The changes to this employer have not been saved.");
  editor_class->keep_unknown_choices = TRUE;
  editor_class->missing_bool_is_false = TRUE;
  editor_class->add_choices = wb_account_editor_add_choices;
  editor_class->field_to_json = wb_account_editor_field_to_json;
  editor_class->display_text = wb_account_editor_display_text;
}

static void
wb_account_editor_init (WbAccountEditor *self)
{
  wb_dialog_fit (GTK_WINDOW (self), 600, 640);
}

WbAccountEditor *
wb_account_editor_new (WbSession *session,
                       WbRecord  *employer)
{
  g_autofree char *title = NULL;

  g_return_val_if_fail (WB_IS_SESSION (session), NULL);
  g_return_val_if_fail (WB_IS_RECORD (employer), NULL);

  /* TRANSLATORS: the title of the window that edits an employer; %s is its name */
  title = g_strdup_printf (_("Edit %s"), wb_record_get_string (employer, "name") ?: "");
  return g_object_new (WB_TYPE_ACCOUNT_EDITOR,
                       "session", session,
                       "record", employer,
                       "title", title,
                       NULL);
}
