/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-event-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-labels.h"

#include "wb-event-dialog.h"

struct _WbEventDraft
{
  char *kind;
  char *date;
  char *note;
  char *error;
  WbEventDraftReady ready;
  gpointer user_data;
};

/* The kinds a person adds by hand; referrals and signals have their own buttons. */
static const char * const manual_kinds[] = {
  "note", "intake", "diagnosis", "track_start", "track_end", "placement", "after_care", "outflow",
  "return_to_benefit", NULL
};

WbEventDraft *
wb_event_draft_new (WbEventDraftReady ready,
                    gpointer          user_data)
{
  WbEventDraft *draft = g_new0 (WbEventDraft, 1);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  draft->kind = g_strdup ("note");
  draft->date = g_date_time_format (now, "%Y-%m-%d");
  draft->note = g_strdup ("");
  draft->ready = ready;
  draft->user_data = user_data;
  return draft;
}

void
wb_event_draft_free (WbEventDraft *draft)
{
  if (draft == NULL)
    return;
  g_free (draft->kind);
  g_free (draft->date);
  g_free (draft->note);
  g_free (draft->error);
  g_free (draft);
}

void
wb_event_draft_set_error (WbEventDraft *draft,
                          const char   *message,
                          WbProblem    *problem)
{
  g_autoptr(GString) text = g_string_new (message);

  if (problem != NULL && problem->errors != NULL)
    for (guint i = 0; i < problem->errors->len; i++)
      {
        WbFieldError *error = problem->errors->pdata[i];
        g_string_append_printf (text, "\n%s: %s", error->field, error->message);
      }
  g_free (draft->error);
  draft->error = g_string_free (g_steal_pointer (&text), FALSE);
}

JsonObject *
wb_event_draft_to_json (WbEventDraft *draft)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "kind", draft->kind);
  json_object_set_string_member (object, "date", draft->date);
  if (draft->note != NULL && *draft->note != '\0')
    json_object_set_string_member (object, "note", draft->note);
  return object;
}

static void
on_response_cb (AdwMessageDialog *dialog,
                const char       *response,
                WbEventDraft     *draft)
{
  GtkDropDown *kind = g_object_get_data (G_OBJECT (dialog), "kind");
  GtkEditable *date = g_object_get_data (G_OBJECT (dialog), "date");
  GtkEditable *note = g_object_get_data (G_OBJECT (dialog), "note");
  guint selected = gtk_drop_down_get_selected (kind);

  /* Keep what was typed, whatever the answer. */
  g_free (draft->kind);
  draft->kind = g_strdup (selected < g_strv_length ((char **) manual_kinds) ? manual_kinds[selected] : "note");
  g_free (draft->date);
  draft->date = g_strdup (gtk_editable_get_text (date));
  g_free (draft->note);
  draft->note = g_strdup (gtk_editable_get_text (note));
  g_clear_pointer (&draft->error, g_free);

  if (g_strcmp0 (response, "add") == 0)
    draft->ready (draft, draft->user_data);
}

static GtkWidget *
labelled (GtkWidget  *box,
          const char *text,
          GtkWidget  *widget)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), widget);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  return widget;
}

void
wb_event_dialog_present (GtkWidget    *parent,
                         WbEventDraft *draft)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  GtkWidget *dialog, *box, *kind, *date, *note;
  guint selected = 0;

  for (guint i = 0; manual_kinds[i] != NULL; i++)
    {
      gtk_string_list_append (kinds, wb_label_for_enum ("kind", manual_kinds[i]));
      if (g_strcmp0 (manual_kinds[i], draft->kind) == 0)
        selected = i;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (parent)), _("Add an Event"),
                                   draft->error != NULL ? draft->error : _("The event appears in the client's timeline."));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  kind = labelled (box, _("Kind"), gtk_drop_down_new (G_LIST_MODEL (g_object_ref (kinds)), NULL));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (kind), selected);
  date = labelled (box, _("Date (YYYY-MM-DD)"), gtk_entry_new ());
  gtk_editable_set_text (GTK_EDITABLE (date), draft->date);
  note = labelled (box, _("Note"), gtk_entry_new ());
  gtk_editable_set_text (GTK_EDITABLE (note), draft->note);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  g_object_set_data (G_OBJECT (dialog), "kind", kind);
  g_object_set_data (G_OBJECT (dialog), "date", date);
  g_object_set_data (G_OBJECT (dialog), "note", note);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "add", _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_response_cb), draft);
  gtk_window_present (GTK_WINDOW (dialog));
}
