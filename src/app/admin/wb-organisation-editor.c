/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-organisation-editor"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-organisation-editor.h"

struct _WbOrganisationEditor
{
  WbRecordEditor parent_instance;
};

G_DEFINE_FINAL_TYPE (WbOrganisationEditor, wb_organisation_editor, WB_TYPE_RECORD_EDITOR)

static const WbEditorField editor_fields[] = {
  { N_("Organisation"), "name", N_("Name"), NULL, 28 },
  { N_("Organisation"), "code", N_("Code"), N_("A short name in lower case, as wsp-zuid-limburg; it cannot change later"), 20 },
  { N_("Organisation"), "kind", N_("Kind"), NULL, 0 },
  { N_("Organisation"), "region", N_("Subregion"), NULL, 0 },
};

static const struct {
  const char *kind;
  const char *label;
} kind_labels[] = {
  { "wsp", N_("Employer service point (WSP)") },
  { "municipality", N_("Municipality") },
  { "social_service", N_("Social service") },
  { "work_company", N_("Work company") },
  { "development", N_("Development company") },
  { "learn_work", N_("Learn-work desk") },
  { "sheltered_work", N_("Sheltered work") },
};

const char *
wb_organisation_kind_label (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_labels); i++)
    if (g_strcmp0 (kind_labels[i].kind, kind) == 0)
      return _(kind_labels[i].label);
  return kind;
}

static void
wb_organisation_editor_add_choices (WbRecordEditor    *editor,
                                    const WbFieldSpec *spec,
                                    GtkStringList     *labels,
                                    GPtrArray         *values)
{
  if (g_strcmp0 (spec->name, "kind") != 0)
    {
      WB_RECORD_EDITOR_CLASS (wb_organisation_editor_parent_class)->add_choices (editor, spec, labels, values);
      return;
    }
  for (guint i = 0; spec->values[i] != NULL; i++)
    {
      gtk_string_list_append (labels, wb_organisation_kind_label (spec->values[i]));
      g_ptr_array_add (values, g_strdup (spec->values[i]));
    }
}

static char *
wb_organisation_editor_display_text (WbRecordEditor    *editor,
                                     const WbFieldSpec *spec,
                                     const char        *text)
{
  if (g_strcmp0 (spec->name, "kind") == 0 && text != NULL && *text != '\0')
    return g_strdup (wb_organisation_kind_label (text));
  return WB_RECORD_EDITOR_CLASS (wb_organisation_editor_parent_class)->display_text (editor, spec, text);
}

static void
wb_organisation_editor_class_init (WbOrganisationEditorClass *klass)
{
  WbRecordEditorClass *editor_class = WB_RECORD_EDITOR_CLASS (klass);

  editor_class->resource = WB_RESOURCE_ORGANISATIONS;
  editor_class->fields = editor_fields;
  editor_class->n_fields = G_N_ELEMENTS (editor_fields);
  editor_class->conflict_heading = N_("The Organisation Has Changed");
  editor_class->conflict_body = N_("Someone else saved this organisation after you opened it. Nothing of yours "
                                   "has been saved yet.");
  editor_class->discard_body = N_("The changes to this organisation have not been saved.");
  editor_class->keep_unknown_choices = TRUE;
  editor_class->add_choices = wb_organisation_editor_add_choices;
  editor_class->display_text = wb_organisation_editor_display_text;
}

static void
wb_organisation_editor_init (WbOrganisationEditor *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 460);
}

WbOrganisationEditor *
wb_organisation_editor_new (WbSession *session,
                            WbRecord  *organisation)
{
  g_autofree char *title = NULL;
  WbOrganisationEditor *self;

  g_return_val_if_fail (WB_IS_SESSION (session), NULL);
  g_return_val_if_fail (WB_IS_RECORD (organisation), NULL);

  if (wb_record_get_id (organisation) > 0)
    /* TRANSLATORS: the title of the window that edits an organisation; %s is its name */
    title = g_strdup_printf (_("Edit %s"), wb_record_get_string (organisation, "name") ?: "");
  else
    title = g_strdup (_("New Organisation"));
  self = g_object_new (WB_TYPE_ORGANISATION_EDITOR, "session", session, "record", organisation, "title", title, NULL);
  if (wb_record_get_id (organisation) > 0)
    gtk_widget_set_sensitive (wb_record_editor_get_field_editor (WB_RECORD_EDITOR (self), "code"), FALSE);
  return self;
}
