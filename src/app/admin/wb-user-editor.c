/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-user-editor"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-user-editor.h"

struct _WbUserEditor
{
  WbRecordEditor parent_instance;
};

G_DEFINE_FINAL_TYPE (WbUserEditor, wb_user_editor, WB_TYPE_RECORD_EDITOR)

static const WbEditorField editor_fields[] = {
  { N_("User"), "display_name", N_("Name"), NULL, 28 },
  { N_("User"), "username", N_("User name"), N_("What they sign in with; it cannot change later"), 20 },
  { N_("User"), "email", N_("E-mail address"), NULL, 28 },
  { N_("Work"), "organisation_id", N_("Organisation"), NULL, 0 },
  { N_("Work"), "role", N_("Role"), N_("What they may see and do, as the policy says for the role"), 0 },
};

/* The organisation is chosen from the session's list of them. */
static void
wb_user_editor_add_choices (WbRecordEditor    *editor,
                            const WbFieldSpec *spec,
                            GtkStringList     *labels,
                            GPtrArray         *values)
{
  GListModel *organisations;

  if (spec->type != WB_FIELD_REF)
    {
      WB_RECORD_EDITOR_CLASS (wb_user_editor_parent_class)->add_choices (editor, spec, labels, values);
      return;
    }
  organisations = wb_session_get_lookup (wb_record_editor_get_session (editor), WB_RESOURCE_ORGANISATIONS);
  for (guint i = 0; organisations != NULL && i < g_list_model_get_n_items (organisations); i++)
    {
      g_autoptr(WbRecord) organisation = g_list_model_get_item (organisations, i);

      gtk_string_list_append (labels, wb_record_get_string (organisation, "name"));
      g_ptr_array_add (values, g_strdup_printf ("%" G_GINT64_FORMAT, wb_record_get_id (organisation)));
    }
}

static char *
wb_user_editor_display_text (WbRecordEditor    *editor,
                             const WbFieldSpec *spec,
                             const char        *text)
{
  if (spec->type == WB_FIELD_REF && text != NULL && *text != '\0')
    {
      const char *name = wb_session_lookup_name (wb_record_editor_get_session (editor), WB_RESOURCE_ORGANISATIONS,
                                                 g_ascii_strtoll (text, NULL, 10));

      if (name != NULL)
        return g_strdup (name);
    }
  return WB_RECORD_EDITOR_CLASS (wb_user_editor_parent_class)->display_text (editor, spec, text);
}

static void
wb_user_editor_class_init (WbUserEditorClass *klass)
{
  WbRecordEditorClass *editor_class = WB_RECORD_EDITOR_CLASS (klass);

  editor_class->resource = WB_RESOURCE_USERS;
  editor_class->fields = editor_fields;
  editor_class->n_fields = G_N_ELEMENTS (editor_fields);
  editor_class->conflict_heading = N_("The User Has Changed");
  editor_class->conflict_body = N_("Someone else saved this user after you opened it. Nothing of yours has "
                                   "been saved yet.");
  editor_class->discard_body = N_("The changes to this user have not been saved.");
  editor_class->keep_unknown_choices = TRUE;
  editor_class->missing_bool_is_false = TRUE;
  editor_class->add_choices = wb_user_editor_add_choices;
  editor_class->display_text = wb_user_editor_display_text;
}

static void
wb_user_editor_init (WbUserEditor *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 560);
}

WbUserEditor *
wb_user_editor_new (WbSession *session,
                    WbRecord  *user)
{
  g_autofree char *title = NULL;
  WbUserEditor *self;

  g_return_val_if_fail (WB_IS_SESSION (session), NULL);
  g_return_val_if_fail (WB_IS_RECORD (user), NULL);

  if (wb_record_get_id (user) > 0)
    /* TRANSLATORS: the title of the window that edits a user; %s is their name */
    title = g_strdup_printf (_("Edit %s"), wb_record_get_string (user, "display_name") ?: "");
  else
    title = g_strdup (_("New User"));
  self = g_object_new (WB_TYPE_USER_EDITOR, "session", session, "record", user, "title", title, NULL);
  /* A user name is given once. */
  if (wb_record_get_id (user) > 0)
    gtk_widget_set_sensitive (wb_record_editor_get_field_editor (WB_RECORD_EDITOR (self), "username"), FALSE);
  return self;
}
