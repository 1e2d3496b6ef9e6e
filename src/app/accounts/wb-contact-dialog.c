/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-contact-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-a11y.h"
#include "wb-date-entry.h"
#include "wb-dialog.h"
#include "wb-labels.h"

#include "wb-contact-dialog.h"

struct _WbContactDraft
{
  char *kind;
  char *date;
  char *note;
  char *error;
  WbContactDraftReady ready;
  gpointer user_data;
};

WbContactDraft *
wb_contact_draft_new (WbContactDraftReady ready,
                      gpointer            user_data)
{
  WbContactDraft *draft = g_new0 (WbContactDraft, 1);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  draft->kind = g_strdup ("visit");
  draft->date = g_date_time_format (now, "%Y-%m-%d");
  draft->note = g_strdup ("");
  draft->ready = ready;
  draft->user_data = user_data;
  return draft;
}

void
wb_contact_draft_free (WbContactDraft *draft)
{
  if (draft == NULL)
    return;
  g_free (draft->kind);
  g_free (draft->date);
  g_free (draft->note);
  g_free (draft->error);
  g_free (draft);
}

static const char *
field_label (const char *field)
{
  if (g_strcmp0 (field, "date") == 0)
    return _("Date");
  if (g_strcmp0 (field, "kind") == 0)
    return _("Kind");
  if (g_strcmp0 (field, "note") == 0)
    return _("Note");
  return field;
}

void
wb_contact_draft_set_error (WbContactDraft *draft,
                            const char     *message,
                            WbProblem      *problem)
{
  g_autoptr(GString) text = g_string_new (message);

  if (problem != NULL && problem->errors != NULL)
    for (guint i = 0; i < problem->errors->len; i++)
      {
        WbFieldError *error = problem->errors->pdata[i];

        g_string_append_printf (text, "\n%s: %s", field_label (error->field), error->message);
      }
  g_free (draft->error);
  draft->error = g_string_free (g_steal_pointer (&text), FALSE);
}

void
wb_contact_draft_set (WbContactDraft *draft,
                      const char     *kind,
                      const char     *date,
                      const char     *note)
{
  g_return_if_fail (draft != NULL);

  if (kind != NULL && wb_enum_contains (wb_contact_kinds, kind))
    {
      g_free (draft->kind);
      draft->kind = g_strdup (kind);
    }
  if (date != NULL)
    {
      g_free (draft->date);
      draft->date = g_strdup (date);
    }
  if (note != NULL)
    {
      g_free (draft->note);
      draft->note = g_strdup (note);
    }
}

JsonObject *
wb_contact_draft_to_json (WbContactDraft *draft)
{
  JsonObject *object = json_object_new ();
  g_autofree char *note = g_strstrip (g_strdup (draft->note != NULL ? draft->note : ""));

  json_object_set_string_member (object, "kind", draft->kind);
  json_object_set_string_member (object, "date", g_strstrip (draft->date));
  if (*note != '\0')
    json_object_set_string_member (object, "note", note);
  return object;
}

static void
on_response_cb (AdwMessageDialog *dialog,
                const char       *response,
                WbContactDraft   *draft)
{
  GtkDropDown *kind = g_object_get_data (G_OBJECT (dialog), "kind");
  WbDateEntry *date = g_object_get_data (G_OBJECT (dialog), "date");
  GtkEditable *note = g_object_get_data (G_OBJECT (dialog), "note");
  guint selected = gtk_drop_down_get_selected (kind);

  /* Keep what was typed, whatever the answer. */
  g_free (draft->kind);
  draft->kind = g_strdup (selected < g_strv_length ((char **) wb_contact_kinds) ? wb_contact_kinds[selected] : "visit");
  g_free (draft->date);
  draft->date = wb_date_entry_dup_value (date);
  g_free (draft->note);
  draft->note = g_strdup (gtk_editable_get_text (note));
  g_clear_pointer (&draft->error, g_free);

  if (g_strcmp0 (response, "log") == 0)
    draft->ready (draft, draft->user_data);
}

static GtkWidget *
labelled (GtkWidget  *box,
          const char *text,
          GtkWidget  *widget)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), widget);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  if (GTK_IS_DROP_DOWN (widget))
    {
      g_autofree char *name = wb_a11y_strip_mnemonic (text);

      wb_a11y_set_label (widget, name);
    }
  return widget;
}

GtkWidget *
wb_contact_dialog_present (GtkWidget      *parent,
                           const char     *employer_name,
                           const char     *owner_notice,
                           WbContactDraft *draft)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autofree char *heading = NULL;
  GtkWidget *dialog, *box, *kind, *date, *note;
  guint selected = 0;

  g_return_val_if_fail (GTK_IS_WIDGET (parent), NULL);
  g_return_val_if_fail (draft != NULL, NULL);

  for (guint i = 0; wb_contact_kinds[i] != NULL; i++)
    {
      gtk_string_list_append (kinds, wb_label_for_enum ("contact_kind", wb_contact_kinds[i]));
      if (g_strcmp0 (wb_contact_kinds[i], draft->kind) == 0)
        selected = i;
    }

  /* TRANSLATORS: the heading of the dialog that logs a contact; %s is the employer */
  heading = g_strdup_printf (_("Log a Contact with %s"), employer_name);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (parent)), heading,
                                   draft->error != NULL ? draft->error
                                                        : _("The contact appears in the employer's contact log."));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  if (owner_notice != NULL)
    {
      GtkWidget *notice = gtk_label_new (owner_notice);

      gtk_label_set_wrap (GTK_LABEL (notice), TRUE);
      gtk_label_set_xalign (GTK_LABEL (notice), 0);
      gtk_widget_add_css_class (notice, "wb-warning-note");
      gtk_widget_set_margin_bottom (notice, 6);
      gtk_box_append (GTK_BOX (box), notice);
    }

  kind = labelled (box, _("_Kind"), gtk_drop_down_new (G_LIST_MODEL (g_object_ref (kinds)), NULL));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (kind), selected);
  date = GTK_WIDGET (wb_date_entry_new ());
  labelled (box, _("_Date"), date);
  wb_date_entry_set_label (WB_DATE_ENTRY (date), _("Date"));
  wb_date_entry_set_value (WB_DATE_ENTRY (date), draft->date);
  note = labelled (box, _("_Note"), gtk_entry_new ());
  gtk_entry_set_placeholder_text (GTK_ENTRY (note), _("What was discussed, and what was agreed"));
  gtk_editable_set_text (GTK_EDITABLE (note), draft->note);
  gtk_entry_set_activates_default (GTK_ENTRY (note), TRUE);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), wb_dialog_scrolled (box, 0));
  g_object_set_data (G_OBJECT (dialog), "kind", kind);
  g_object_set_data (G_OBJECT (dialog), "date", date);
  g_object_set_data (G_OBJECT (dialog), "note", note);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "log", _("_Log Contact"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "log", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "log");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_response_cb), draft);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (note);
  return dialog;
}
