/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-client-editor"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-dialog.h"
#include "wb-client-editor.h"

struct _WbClientEditor
{
  WbRecordEditor parent_instance;
};

G_DEFINE_FINAL_TYPE (WbClientEditor, wb_client_editor, WB_TYPE_RECORD_EDITOR)

/* The fields the editor offers, grouped as the profile shows them. */
static const WbEditorField editor_fields[] = {
  { N_("Contact"), "phone", N_("Phone"), NULL, 24 },
  { N_("Contact"), "email", N_("Email"), NULL, 24 },
  { N_("Contact"), "street", N_("Street"), NULL, 24 },
  { N_("Contact"), "house_number", N_("House number"), NULL, 24 },
  { N_("Contact"), "postcode", N_("Postcode"), NULL, 24 },
  { N_("Contact"), "city", N_("City"), NULL, 24 },
  { N_("Work"), "phase", N_("Phase"), NULL, 0 },
  { N_("Work"), "track", N_("Track"), NULL, 0 },
  { N_("Work"), "work_capacity", N_("Work capacity (%)"), NULL, 24 },
  { N_("Work"), "hours_available", N_("Hours available per week"), NULL, 24 },
  { N_("Education and learning"), "education_level", N_("Education"), NULL, 0 },
  { N_("Education and learning"), "language_level", N_("Dutch language level"), NULL, 0 },
  { N_("Education and learning"), "learning_ability", N_("Learning ability"), NULL, 0 },
  { N_("Education and learning"), "motivation", N_("Motivation"), NULL, 0 },
  { N_("Education and learning"), "development_potential", N_("Development potential"), NULL, 0 },
  { N_("Mobility"), "transport", N_("Transport"), NULL, 0 },
  { N_("Mobility"), "max_travel_km", N_("Travel distance (km)"), NULL, 24 },
  { N_("Mobility"), "driving_licence", N_("Driving licence"), NULL, 0 },
};

/* An emptied field clears its value; a number may be negative (the server checks the
 * range). */
static gboolean
wb_client_editor_field_to_json (WbRecordEditor     *editor,
                                const WbFieldSpec  *spec,
                                const char         *text,
                                JsonObject         *changes,
                                char              **message)
{
  if (*text == '\0' && spec->type != WB_FIELD_BOOL)
    {
      json_object_set_null_member (changes, spec->name);
      return TRUE;
    }
  switch (spec->type)
    {
    case WB_FIELD_INT:
      {
        gint64 value;

        if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &value, NULL))
          {
            *message = g_strdup (_("must be a whole number"));
            return FALSE;
          }
        json_object_set_int_member (changes, spec->name, value);
        return TRUE;
      }
    case WB_FIELD_BOOL:
      json_object_set_boolean_member (changes, spec->name, g_str_equal (text, "true"));
      return TRUE;
    default:
      json_object_set_string_member (changes, spec->name, text);
      return TRUE;
    }
}

static void
wb_client_editor_class_init (WbClientEditorClass *klass)
{
  WbRecordEditorClass *editor_class = WB_RECORD_EDITOR_CLASS (klass);

  editor_class->resource = WB_RESOURCE_CLIENTS;
  editor_class->fields = editor_fields;
  editor_class->n_fields = G_N_ELEMENTS (editor_fields);
  editor_class->conflict_heading = N_("The Profile Has Changed");
  editor_class->conflict_body = N_("Someone else saved this profile after you opened it. Nothing of "
                                   "yours has been saved yet.");
  editor_class->discard_body = N_("The changes to this profile have not been saved.");
  /* Reading a profile again says why (X-Werkbrug-Reason). */
  editor_class->conflict_reason = N_("edit conflict");
  editor_class->field_to_json = wb_client_editor_field_to_json;
}

static void
wb_client_editor_init (WbClientEditor *self)
{
  wb_dialog_fit (GTK_WINDOW (self), 560, 640);
}

WbClientEditor *
wb_client_editor_new (WbSession *session,
                      WbRecord  *record)
{
  g_autofree char *title = NULL;

  g_return_val_if_fail (WB_IS_SESSION (session), NULL);
  g_return_val_if_fail (WB_IS_RECORD (record), NULL);

  title = g_strdup_printf (_("Edit %s %s"), wb_record_get_string (record, "given_name") ?: "",
                           wb_record_get_string (record, "family_name") ?: "");
  return g_object_new (WB_TYPE_CLIENT_EDITOR,
                       "session", session,
                       "record", record,
                       "title", title,
                       NULL);
}
