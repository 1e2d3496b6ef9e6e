/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-event-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>

#include "wb-a11y.h"
#include "wb-date-entry.h"
#include "wb-dialog.h"
#include "wb-labels.h"

#include "wb-event-dialog.h"

struct _WbEventDraft
{
  char *kind;
  char *date;
  char *note;
  char *instrument;
  char *contract;
  char *outflow_type;
  char *reason;
  char *employer_name;
  gint64 employer_id;
  int hours;                /* -1 when not given */
  gint64 corrects_id;       /* > 0: the draft corrects that event */
  char *correction_reason;
  char *error;
  GHashTable *field_errors; /* field -> message, from the server's answer */
  WbEventDraftReady ready;
  gpointer user_data;
};

/* The kinds a person adds by hand; referrals and signals have their own buttons. */
static const char * const manual_kinds[] = {
  "note", "intake", "diagnosis", "track_start", "track_end", "placement", "after_care", "outflow",
  "return_to_benefit", NULL
};

/* Which fields an event of a kind asks for besides its date and note; the server says
 * which of them it requires (wb-schema.c). */
static const struct {
  const char *kind;
  const char *fields;
} kind_fields[] = {
  { "track_start", "instrument" },
  { "track_end", "instrument" },
  { "after_care", "instrument" },
  { "placement", "employer_id hours contract outflow_type" },
  { "outflow", "outflow_type reason" },
  { "return_to_benefit", "reason" },
};

static gboolean
kind_asks_for (const char *kind,
               const char *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_fields); i++)
    if (g_strcmp0 (kind_fields[i].kind, kind) == 0)
      {
        g_auto(GStrv) fields = g_strsplit (kind_fields[i].fields, " ", -1);

        return g_strv_contains ((const char * const *) fields, field);
      }
  return FALSE;
}

WbEventDraft *
wb_event_draft_new (WbEventDraftReady ready,
                    gpointer          user_data)
{
  WbEventDraft *draft = g_new0 (WbEventDraft, 1);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  draft->kind = g_strdup ("note");
  draft->date = g_date_time_format (now, "%Y-%m-%d");
  draft->note = g_strdup ("");
  draft->reason = g_strdup ("");
  draft->hours = -1;
  draft->field_errors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
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
  g_free (draft->instrument);
  g_free (draft->contract);
  g_free (draft->outflow_type);
  g_free (draft->reason);
  g_free (draft->employer_name);
  g_free (draft->correction_reason);
  g_free (draft->error);
  g_hash_table_unref (draft->field_errors);
  g_free (draft);
}

void
wb_event_draft_set_error (WbEventDraft *draft,
                          const char   *message,
                          WbProblem    *problem)
{
  g_autoptr(GString) rest = g_string_new (NULL);
  guint shown = 0;

  g_hash_table_remove_all (draft->field_errors);
  if (problem != NULL && problem->errors != NULL)
    for (guint i = 0; i < problem->errors->len; i++)
      {
        WbFieldError *error = problem->errors->pdata[i];

        /* Fields the dialog shows get their message next to them. */
        if (g_strcmp0 (error->field, "kind") == 0 || g_strcmp0 (error->field, "date") == 0 ||
            g_strcmp0 (error->field, "note") == 0 || kind_asks_for (draft->kind, error->field) ||
            (draft->corrects_id > 0 && g_strcmp0 (error->field, "correction_reason") == 0))
          {
            g_hash_table_insert (draft->field_errors, g_strdup (error->field), g_strdup (error->message));
            shown++;
          }
        else
          g_string_append_printf (rest, "\n%s: %s", error->field, error->message);
      }
  g_free (draft->error);
  /* Where the messages stand next to the fields, the top says so in the dialog's words
   * rather than the server's. */
  draft->error = g_strconcat (shown > 0 ? _("Some fields need attention: see the messages next to them.") : message,
                              rest->str, NULL);
}

const char *
wb_event_draft_get_error (WbEventDraft *draft)
{
  g_return_val_if_fail (draft != NULL, NULL);
  return draft->error;
}

const char *
wb_event_draft_get_field_error (WbEventDraft *draft,
                                const char   *field)
{
  g_return_val_if_fail (draft != NULL, NULL);
  return g_hash_table_lookup (draft->field_errors, field);
}

void
wb_event_draft_set (WbEventDraft *draft,
                    const char   *field,
                    const char   *value)
{
  char **slot = NULL;

  g_return_if_fail (draft != NULL);
  g_return_if_fail (field != NULL);

  if (g_str_equal (field, "kind"))
    slot = &draft->kind;
  else if (g_str_equal (field, "date"))
    slot = &draft->date;
  else if (g_str_equal (field, "note"))
    slot = &draft->note;
  else if (g_str_equal (field, "instrument"))
    slot = &draft->instrument;
  else if (g_str_equal (field, "contract"))
    slot = &draft->contract;
  else if (g_str_equal (field, "outflow_type"))
    slot = &draft->outflow_type;
  else if (g_str_equal (field, "reason"))
    slot = &draft->reason;
  else if (g_str_equal (field, "correction_reason"))
    slot = &draft->correction_reason;
  else if (g_str_equal (field, "hours"))
    {
      draft->hours = value != NULL && *value != '\0' ? atoi (value) : -1;
      return;
    }
  g_return_if_fail (slot != NULL);

  /* The value may be the draft's own (a correction's fixed kind). */
  if (*slot != value)
    {
      g_free (*slot);
      *slot = g_strdup (value);
    }
}

void
wb_event_draft_set_employer (WbEventDraft *draft,
                             gint64        id,
                             const char   *name)
{
  g_return_if_fail (draft != NULL);

  draft->employer_id = id;
  g_free (draft->employer_name);
  draft->employer_name = g_strdup (name);
}

static void
set_if (JsonObject *object,
        const char *kind,
        const char *field,
        const char *value)
{
  if (kind_asks_for (kind, field) && value != NULL && *value != '\0')
    json_object_set_string_member (object, field, value);
}

JsonObject *
wb_event_draft_to_json (WbEventDraft *draft)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "kind", draft->kind);
  json_object_set_string_member (object, "date", draft->date);
  if (draft->note != NULL && *draft->note != '\0')
    json_object_set_string_member (object, "note", draft->note);
  /* Only what the kind asks for: a value left from another kind is not sent. */
  set_if (object, draft->kind, "instrument", draft->instrument);
  set_if (object, draft->kind, "contract", draft->contract);
  set_if (object, draft->kind, "outflow_type", draft->outflow_type);
  set_if (object, draft->kind, "reason", draft->reason);
  if (kind_asks_for (draft->kind, "employer_id") && draft->employer_id > 0)
    json_object_set_int_member (object, "employer_id", draft->employer_id);
  if (kind_asks_for (draft->kind, "hours") && draft->hours >= 0)
    json_object_set_int_member (object, "hours", draft->hours);
  if (draft->corrects_id > 0)
    {
      json_object_set_int_member (object, "corrects_id", draft->corrects_id);
      if (draft->correction_reason != NULL && *draft->correction_reason != '\0')
        json_object_set_string_member (object, "correction_reason", draft->correction_reason);
    }
  return object;
}

WbEventDraft *
wb_event_draft_new_correction (WbRecord          *event,
                               WbEventDraftReady  ready,
                               gpointer           user_data)
{
  WbEventDraft *draft;
  static const char * const texts[] = { "kind", "date", "note", "instrument", "contract", "outflow_type", "reason" };
  JsonNode *hours;

  g_return_val_if_fail (WB_IS_RECORD (event), NULL);

  draft = wb_event_draft_new (ready, user_data);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (wb_record_get_string (event, texts[i]) != NULL)
      wb_event_draft_set (draft, texts[i], wb_record_get_string (event, texts[i]));
  hours = json_object_get_member (wb_record_get_object (event), "hours");
  if (hours != NULL && JSON_NODE_HOLDS_VALUE (hours))
    draft->hours = (int) json_node_get_int (hours);
  draft->employer_id = wb_record_get_int (event, "employer_id");
  draft->corrects_id = wb_record_get_id (event);
  draft->correction_reason = g_strdup ("");
  return draft;
}

gint64
wb_event_draft_get_corrects_id (WbEventDraft *draft)
{
  g_return_val_if_fail (draft != NULL, 0);
  return draft->corrects_id;
}

/* Blank: nothing but white space. */
static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

/* What the server would refuse for want of words, said before asking it: an empty note, a
 * correction without why. Returns FALSE and sets the draft's messages when so. */
static gboolean
check_draft (WbEventDraft *draft)
{
  g_autoptr(WbProblem) problem = wb_problem_new (400, _("The event is not complete"), NULL);

  if (draft->date == NULL || !wb_validate_date (draft->date))
    wb_problem_add_error (problem, "date", _("is not a date: type it as 3-12-2026, or choose it in the calendar"));
  if (g_strcmp0 (draft->kind, "note") == 0 && is_blank (draft->note))
    wb_problem_add_error (problem, "note", _("is required: write what happened; an empty note is not added"));
  if (draft->corrects_id > 0 && is_blank (draft->correction_reason))
    wb_problem_add_error (problem, "correction_reason", _("is required: say why the event is corrected"));
  if (problem->errors->len == 0)
    return TRUE;
  wb_event_draft_set_error (draft, problem->title, problem);
  return FALSE;
}

/* The dialog */

typedef struct {
  WbEventDraft *draft;
  WbSession *session;
  GtkWidget *parent;      /* a reference: the dialog opens again on it when a check fails */
  GCancellable *cancellable;
  GtkWidget *kind;
  GtkWidget *date;
  GtkWidget *note;
  GtkWidget *hours;
  GtkWidget *employer_entry;
  GtkWidget *employer_results;
  GtkWidget *employer_chosen;
  GHashTable *fields;     /* field -> its GtkBox (label, widget, error) */
  GHashTable *dropdowns;  /* field -> GtkDropDown over values, first "—" */
  guint search_serial;
} EventDialog;

static void
event_dialog_free (EventDialog *dialog)
{
  g_cancellable_cancel (dialog->cancellable);
  g_clear_object (&dialog->cancellable);
  g_clear_object (&dialog->session);
  g_clear_object (&dialog->parent);
  g_hash_table_unref (dialog->fields);
  g_hash_table_unref (dialog->dropdowns);
  g_free (dialog);
}

static const char *
selected_kind (EventDialog *dialog)
{
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (dialog->kind));

  /* A correction keeps the kind of what it corrects. */
  if (dialog->draft->corrects_id > 0)
    return dialog->draft->kind;
  return selected < g_strv_length ((char **) manual_kinds) ? manual_kinds[selected] : "note";
}

static void
update_visible_fields (EventDialog *dialog)
{
  const char *kind = selected_kind (dialog);
  GHashTableIter iter;
  gpointer field, box;

  g_hash_table_iter_init (&iter, dialog->fields);
  while (g_hash_table_iter_next (&iter, &field, &box))
    {
      gboolean always = g_str_equal (field, "kind") || g_str_equal (field, "date") || g_str_equal (field, "note");

      if (g_str_equal (field, "correction_reason"))
        gtk_widget_set_visible (box, dialog->draft->corrects_id > 0);
      else
        gtk_widget_set_visible (box, always || kind_asks_for (kind, field));
    }
}

static void
on_kind_changed_cb (GtkDropDown *dropdown,
                    GParamSpec  *pspec,
                    EventDialog *dialog)
{
  update_visible_fields (dialog);
}

/* Keeps everything the dialog shows in the draft, whatever the answer. */
static void
save_draft (EventDialog *dialog)
{
  WbEventDraft *draft = dialog->draft;
  GHashTableIter iter;
  gpointer field, dropdown;

  wb_event_draft_set (draft, "kind", selected_kind (dialog));
  {
    g_autofree char *date = wb_date_entry_dup_value (WB_DATE_ENTRY (dialog->date));

    wb_event_draft_set (draft, "date", date);
  }
  wb_event_draft_set (draft, "note", gtk_editable_get_text (GTK_EDITABLE (dialog->note)));
  wb_event_draft_set (draft, "reason",
                      gtk_editable_get_text (GTK_EDITABLE (g_object_get_data (G_OBJECT (g_hash_table_lookup (dialog->fields, "reason")), "input"))));
  if (draft->corrects_id > 0)
    wb_event_draft_set (draft, "correction_reason",
                        gtk_editable_get_text (GTK_EDITABLE (g_object_get_data (G_OBJECT (g_hash_table_lookup (dialog->fields, "correction_reason")), "input"))));
  {
    g_autofree char *hours = NULL;

    /* A spin button always holds a number: an untouched one means "not given". */
    if (g_object_get_data (G_OBJECT (dialog->hours), "wb-touched") != NULL)
      hours = g_strdup_printf ("%d", gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (dialog->hours)));
    wb_event_draft_set (draft, "hours", hours);
  }

  g_hash_table_iter_init (&iter, dialog->dropdowns);
  while (g_hash_table_iter_next (&iter, &field, &dropdown))
    {
      const char * const *values = g_object_get_data (dropdown, "values");
      guint selected = gtk_drop_down_get_selected (dropdown);

      wb_event_draft_set (draft, field, selected > 0 && selected != GTK_INVALID_LIST_POSITION ? values[selected - 1] : NULL);
    }
  g_clear_pointer (&draft->error, g_free);
}

static void
on_response_cb (AdwMessageDialog *message_dialog,
                const char       *response,
                EventDialog      *dialog)
{
  save_draft (dialog);
  if (g_strcmp0 (response, "add") != 0)
    return;
  /* Refused here with the reason next to the field; what was typed stays. */
  if (!check_draft (dialog->draft))
    {
      wb_event_dialog_present (dialog->parent, dialog->session, dialog->draft);
      return;
    }
  dialog->draft->ready (dialog->draft, dialog->draft->user_data);
}

static void
on_hours_changed_cb (GtkSpinButton *spin,
                     gpointer       user_data)
{
  g_object_set_data (G_OBJECT (spin), "wb-touched", GINT_TO_POINTER (TRUE));
}

/* A field: its label, the widget, and the server's message about it, if any. */
static GtkWidget *
add_field (EventDialog *dialog,
           GtkWidget   *parent,
           const char  *field,
           const char  *text,
           GtkWidget   *widget)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *label = gtk_label_new (text);
  const char *error = wb_event_draft_get_field_error (dialog->draft, field);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), widget);
  /* A date field names its entry and its calendar button itself. */
  if (!WB_IS_DATE_ENTRY (widget))
    wb_a11y_set_label (widget, text);
  if (error != NULL)
    {
      GtkWidget *message = gtk_label_new (error);

      gtk_label_set_xalign (GTK_LABEL (message), 0);
      gtk_label_set_wrap (GTK_LABEL (message), TRUE);
      gtk_widget_add_css_class (message, "error");
      gtk_widget_add_css_class (message, "caption");
      gtk_widget_add_css_class (widget, "error");
      gtk_box_append (GTK_BOX (box), message);
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, error, -1);
    }
  g_object_set_data (G_OBJECT (box), "input", widget);
  gtk_box_append (GTK_BOX (parent), box);
  g_hash_table_insert (dialog->fields, g_strdup (field), box);
  return widget;
}

static GtkWidget *
enum_dropdown (EventDialog        *dialog,
               const char         *field,
               const char * const *values,
               const char         *current)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *dropdown;
  guint selected = 0;

  gtk_string_list_append (labels, "—");
  for (guint i = 0; values[i] != NULL; i++)
    {
      gtk_string_list_append (labels, wb_label_for_enum (field, values[i]));
      if (g_strcmp0 (values[i], current) == 0)
        selected = i + 1;
    }
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&labels)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), selected);
  g_object_set_data (G_OBJECT (dropdown), "values", (gpointer) values);
  g_hash_table_insert (dialog->dropdowns, g_strdup (field), dropdown);
  return dropdown;
}

/* Picking the employer: a search over the account list, the first matches to choose from. */

static void
show_chosen_employer (EventDialog *dialog)
{
  const char *name = dialog->draft->employer_name;

  gtk_label_set_text (GTK_LABEL (dialog->employer_chosen),
                      dialog->draft->employer_id > 0 ? (name != NULL ? name : "?") : _("No employer chosen yet"));
}

static void
on_employer_row_activated_cb (GtkListBox    *list,
                              GtkListBoxRow *row,
                              EventDialog   *dialog)
{
  WbRecord *employer = g_object_get_data (G_OBJECT (row), "record");

  wb_event_draft_set_employer (dialog->draft, wb_record_get_id (employer), wb_record_get_string (employer, "name"));
  show_chosen_employer (dialog);
}

typedef struct {
  EventDialog *dialog;
  guint serial;
} Search;

static void
on_employers_found_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autofree Search *search = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) employers = wb_api_client_list_finish (WB_API_CLIENT (source), result, NULL, &error);
  EventDialog *dialog;
  GtkWidget *child;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  dialog = search->dialog;
  /* Only the answer to the last keystroke counts. */
  if (search->serial != dialog->search_serial)
    return;

  while ((child = gtk_widget_get_first_child (dialog->employer_results)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (dialog->employer_results), child);

  if (employers == NULL)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), error->message);
      gtk_list_box_append (GTK_LIST_BOX (dialog->employer_results), row);
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (employers); i++)
    {
      g_autoptr(WbRecord) employer = g_list_model_get_item (employers, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *kvk = g_strdup_printf (_("KvK %s"), wb_record_get_string (employer, "kvk"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), wb_record_get_string (employer, "name"));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), kvk);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "record", g_object_ref (employer), g_object_unref);
      gtk_list_box_append (GTK_LIST_BOX (dialog->employer_results), row);
    }
  if (g_list_model_get_n_items (employers) == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No employer by that name"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (GTK_LIST_BOX (dialog->employer_results), row);
    }
}

static void
on_employer_search_cb (GtkSearchEntry *entry,
                       EventDialog    *dialog)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  WbApiQuery query = { 0 };
  Search *search;

  if (dialog->session == NULL || g_utf8_strlen (text, -1) < 2)
    return;
  search = g_new0 (Search, 1);
  search->dialog = dialog;
  search->serial = ++dialog->search_serial;
  query.q = text;
  query.per_page = 6;
  query.sort = "name";
  wb_api_client_list_async (wb_session_get_api (dialog->session), WB_RESOURCE_EMPLOYERS, 0, &query,
                            dialog->cancellable, on_employers_found_cb, search);
}

static GtkWidget *
employer_picker (EventDialog *dialog)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  dialog->employer_chosen = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (dialog->employer_chosen), 0);
  gtk_label_set_ellipsize (GTK_LABEL (dialog->employer_chosen), PANGO_ELLIPSIZE_END);
  show_chosen_employer (dialog);
  dialog->employer_entry = gtk_search_entry_new ();
  g_object_set (dialog->employer_entry, "placeholder-text", _("Search an employer by name"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dialog->employer_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Search an employer by name"), -1);
  dialog->employer_results = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (dialog->employer_results), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (dialog->employer_results, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (dialog->employer_results), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Employers found"), -1);
  gtk_box_append (GTK_BOX (box), dialog->employer_chosen);
  gtk_box_append (GTK_BOX (box), dialog->employer_entry);
  gtk_box_append (GTK_BOX (box), dialog->employer_results);
  g_signal_connect (dialog->employer_entry, "search-changed", G_CALLBACK (on_employer_search_cb), dialog);
  g_signal_connect (dialog->employer_results, "row-activated", G_CALLBACK (on_employer_row_activated_cb), dialog);
  return box;
}

void
wb_event_dialog_present (GtkWidget    *parent,
                         WbSession    *session,
                         WbEventDraft *draft)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  EventDialog *dialog = g_new0 (EventDialog, 1);
  GtkWidget *message_dialog, *box;
  guint selected = 0;

  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (session == NULL || WB_IS_SESSION (session));
  g_return_if_fail (draft != NULL);

  dialog->draft = draft;
  dialog->session = session != NULL ? g_object_ref (session) : NULL;
  dialog->parent = g_object_ref (parent);
  dialog->cancellable = g_cancellable_new ();
  dialog->fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  dialog->dropdowns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; manual_kinds[i] != NULL; i++)
    {
      gtk_string_list_append (kinds, wb_label_for_enum ("kind", manual_kinds[i]));
      if (g_strcmp0 (manual_kinds[i], draft->kind) == 0)
        selected = i;
    }

  message_dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (parent)),
                                           draft->corrects_id > 0 ? _("Correct an Event") : _("Add an Event"),
                                           draft->error != NULL ? draft->error :
                                           draft->corrects_id > 0 ?
                                           _("The correction is recorded with your name, the time and why; the event as it was stays in the history.") :
                                           _("The event appears in the client's timeline."));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  dialog->kind = add_field (dialog, box, "kind", _("Kind"), gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&kinds)), NULL));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dialog->kind), selected);
  gtk_widget_set_sensitive (dialog->kind, draft->corrects_id <= 0);
  dialog->date = add_field (dialog, box, "date", _("Date"), GTK_WIDGET (wb_date_entry_new ()));
  wb_date_entry_set_label (WB_DATE_ENTRY (dialog->date), _("Date"));
  wb_date_entry_set_value (WB_DATE_ENTRY (dialog->date), draft->date);

  add_field (dialog, box, "instrument", _("Instrument"), enum_dropdown (dialog, "instrument", wb_instruments, draft->instrument));
  add_field (dialog, box, "employer_id", _("Employer"), employer_picker (dialog));
  dialog->hours = add_field (dialog, box, "hours", _("Hours a week"), gtk_spin_button_new_with_range (0, 40, 1));
  if (draft->hours >= 0)
    {
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (dialog->hours), draft->hours);
      g_object_set_data (G_OBJECT (dialog->hours), "wb-touched", GINT_TO_POINTER (TRUE));
    }
  g_signal_connect (dialog->hours, "value-changed", G_CALLBACK (on_hours_changed_cb), NULL);
  add_field (dialog, box, "contract", _("Contract"), enum_dropdown (dialog, "contract", wb_contract_types, draft->contract));
  add_field (dialog, box, "outflow_type", _("Outflow from the benefit"),
             enum_dropdown (dialog, "outflow_type", wb_outflow_types, draft->outflow_type));
  {
    GtkWidget *reason = add_field (dialog, box, "reason", _("Reason"), gtk_entry_new ());

    gtk_editable_set_text (GTK_EDITABLE (reason), draft->reason != NULL ? draft->reason : "");
  }
  dialog->note = add_field (dialog, box, "note", _("Note"), gtk_entry_new ());
  gtk_editable_set_text (GTK_EDITABLE (dialog->note), draft->note);
  {
    GtkWidget *why = add_field (dialog, box, "correction_reason", _("Why it is corrected"), gtk_entry_new ());

    gtk_editable_set_text (GTK_EDITABLE (why), draft->correction_reason != NULL ? draft->correction_reason : "");
  }
  update_visible_fields (dialog);
  g_signal_connect (dialog->kind, "notify::selected", G_CALLBACK (on_kind_changed_cb), dialog);

  /* A placement asks for much: the fields scroll, the dialog fits a small screen. */
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (message_dialog), wb_dialog_scrolled (box, 0));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (message_dialog),
                                    "cancel", _("_Cancel"),
                                    "add", draft->corrects_id > 0 ? _("_Save Correction") : _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (message_dialog), "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (message_dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (message_dialog), "cancel");
  g_signal_connect (message_dialog, "response", G_CALLBACK (on_response_cb), dialog);
  g_object_set_data_full (G_OBJECT (message_dialog), "wb-event-dialog", dialog, (GDestroyNotify) event_dialog_free);
  gtk_window_present (GTK_WINDOW (message_dialog));
}
