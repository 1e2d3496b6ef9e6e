/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-client-profile"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-a11y.h"
#include "wb-client-editor.h"
#include "wb-client-row.h"
#include "wb-event-dialog.h"
#include "wb-cards.h"
#include "wb-labels.h"

#include "wb-client-profile.h"

struct _WbClientProfile
{
  GtkBox parent_instance;

  GtkButton *back_button;
  GtkLabel *toolbar_title;
  GtkButton *signal_button;
  GtkButton *refer_button;
  GtkButton *event_button;
  GtkButton *edit_button;
  GtkStack *stack;
  AdwStatusPage *error_page;
  GtkButton *retry_button;
  GtkLabel *title_label;
  GtkLabel *subtitle_label;
  GtkBox *badges_box;
  GtkLabel *pseudonym_notice;
  GtkBox *cards_box;

  WbSession *session;
  WbRecord *record;
  GListModel *events;
  gint64 client_id;
  GCancellable *cancellable;
  GHashTable *field_rows;     /* field -> AdwActionRow */
  GHashTable *employer_names; /* gint64 * -> name, or "" while it is being asked for */
  GPtrArray *employer_rows;   /* timeline rows that name an employer (borrowed) */
  WbClientEditor *editor;
  WbEventDraft *event_draft;  /* kept when adding an event failed */
};

G_DEFINE_FINAL_TYPE (WbClientProfile, wb_client_profile, GTK_TYPE_BOX)

enum {
  BACK,
  RECORD_CHANGED,
  BACKEND_ERROR,
  TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void load_full (WbClientProfile *self);

static void
toast (WbClientProfile *self,
       const char      *message)
{
  g_signal_emit (self, signals[TOAST], 0, message);
}

/* Building the cards */

static AdwActionRow *
row_add_enum (WbClientProfile     *self,
              AdwPreferencesGroup *group,
              const char          *field,
              const char          *title)
{
  return wb_card_add_row (group, self->field_rows, field, title,
                          wb_label_for_enum (field, wb_record_get_string (self->record, field)));
}

typedef enum {
  UNIT_NONE,
  UNIT_PERCENT,
  UNIT_KM,
} Unit;

static AdwActionRow *
row_add_int (WbClientProfile     *self,
             AdwPreferencesGroup *group,
             const char          *field,
             const char          *title,
             Unit                 unit)
{
  JsonNode *node = json_object_get_member (wb_record_get_object (self->record), field);
  g_autofree char *text = NULL;

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node))
    {
      int value = (int) json_node_get_int (node);

      if (unit == UNIT_PERCENT)
        text = g_strdup_printf ("%d %%", value);
      else if (unit == UNIT_KM)
        text = g_strdup_printf (_("up to %d km"), value);
      else
        text = g_strdup_printf ("%d", value);
    }
  return wb_card_add_row (group, self->field_rows, field, title, text);
}

static void
clear_cards (WbClientProfile *self)
{
  g_hash_table_remove_all (self->field_rows);
  g_ptr_array_set_size (self->employer_rows, 0);
  wb_card_remove_all (self->cards_box);
  wb_card_remove_all (self->badges_box);
}

static const char *
user_name (WbClientProfile *self,
           const char      *field)
{
  gint64 id = wb_record_get_int (self->record, field);
  const char *name;

  if (id <= 0)
    return NULL;
  name = self->session != NULL ? wb_session_lookup_name (self->session, WB_RESOURCE_USERS, id) : NULL;
  return name != NULL ? name : _("Unknown user");
}

static void
build_identity (WbClientProfile *self)
{
  WbRecord *r = self->record;
  AdwPreferencesGroup *group = wb_card_new (self->cards_box, _("Identity"),
                                            _("Reading these details is recorded in the audit log."));
  g_autofree char *address = NULL;
  g_autofree char *name = NULL;

  name = g_strdup_printf ("%s %s", wb_record_get_string (r, "given_name") ?: "",
                          wb_record_get_string (r, "family_name") ?: "");
  wb_card_add_row (group, self->field_rows, "name", _("Name"), name);
  wb_card_add_row (group, self->field_rows, "bsn", _("Citizen service number (BSN)"),
                   wb_record_get_string (r, "bsn"));
  if (wb_record_get_string (r, "street") != NULL)
    address = g_strdup_printf ("%s %s, %s %s", wb_record_get_string (r, "street"),
                               wb_record_get_string (r, "house_number") ?: "",
                               wb_record_get_string (r, "postcode") ?: "",
                               wb_record_get_string (r, "city") ?: "");
  wb_card_add_row (group, self->field_rows, "address", _("Address"), address);
  wb_card_add_row (group, self->field_rows, "phone", _("Phone"), wb_record_get_string (r, "phone"));
  wb_card_add_row (group, self->field_rows, "email", _("Email"), wb_record_get_string (r, "email"));
  row_add_int (self, group, "birth_year", _("Year of birth"), UNIT_NONE);
}

static void
build_diagnosis (WbClientProfile *self)
{
  const char *date = wb_record_get_string (self->record, "diagnosis_date");
  WbDiagnosisStatus status = wb_diagnosis_status_for_date (date, 0);
  AdwPreferencesGroup *group = wb_card_new (self->cards_box, _("Diagnosis"), NULL);
  AdwActionRow *row;
  g_autofree char *text = NULL;

  if (date != NULL)
    {
      int days = wb_days_since (date, 0);

      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%d day ago)", "%s (%d days ago)", days), date, days);
    }
  row = wb_card_add_row (group, self->field_rows, "diagnosis_date", _("Latest diagnosis"),
                         date != NULL ? text : _("No diagnosis yet"));
  adw_action_row_add_suffix (row, wb_card_badge_new (wb_diagnosis_status_to_label (status),
                                                     status == WB_DIAGNOSIS_CURRENT ? "success" :
                                                     status == WB_DIAGNOSIS_STALE ? "warning" : "error"));
  if (status == WB_DIAGNOSIS_STALE)
    adw_preferences_group_set_description (group, _("The diagnosis is older than twelve months and should be renewed."));
  else if (status == WB_DIAGNOSIS_NONE)
    adw_preferences_group_set_description (group, _("This client has not been diagnosed yet."));
}

static void
build_capacity (WbClientProfile *self)
{
  AdwPreferencesGroup *group = wb_card_new (self->cards_box, _("Work capacity"), NULL);
  const char *band = wb_record_get_string (self->record, "capacity_band");

  if (wb_record_has_field (self->record, "work_capacity"))
    row_add_int (self, group, "work_capacity", _("Work capacity"), UNIT_PERCENT);
  else
    wb_card_add_row (group, self->field_rows, "capacity_band", _("Work capacity band"),
                     band != NULL ? band : NULL);
  row_add_int (self, group, "hours_available", _("Hours available per week"), UNIT_NONE);
  row_add_enum (self, group, "phase", _("Phase"));
  row_add_enum (self, group, "track", _("Track"));
  row_add_enum (self, group, "client_group", _("Client group"));
}

static void
build_education (WbClientProfile *self)
{
  AdwPreferencesGroup *group = wb_card_new (self->cards_box, _("Education and learning"), NULL);

  row_add_enum (self, group, "education_level", _("Education"));
  row_add_enum (self, group, "language_level", _("Dutch language level"));
  row_add_enum (self, group, "learning_ability", _("Learning ability"));
  row_add_enum (self, group, "motivation", _("Motivation"));
  row_add_enum (self, group, "development_potential", _("Development potential"));
}

static void
build_competences (WbClientProfile *self)
{
  JsonArray *array = wb_record_get_array (self->record, "competences");
  guint n = array != NULL ? json_array_get_length (array) : 0;
  AdwPreferencesGroup *group = wb_card_new (self->cards_box, _("Competences"),
                                            n == 0 ? _("No competences recorded in the latest diagnosis.") : NULL);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *item = json_array_get_object_element (array, i);
      int level = (int) json_object_get_int_member_with_default (item, "level", 0);
      const char *evidence = json_object_get_string_member_with_default (item, "evidence", NULL);
      g_autofree char *subtitle = g_strdup_printf (_("Level %d of 5 · evidence: %s"), level,
                                                   wb_label_for_enum ("evidence", evidence));
      AdwActionRow *row = wb_card_add_row (group, self->field_rows, NULL,
                                           json_object_get_string_member_with_default (item, "label", "?"), subtitle);
      GtkWidget *bar = gtk_level_bar_new_for_interval (0, 5);

      gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), level);
      gtk_widget_set_size_request (bar, 120, -1);
      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, subtitle, -1);
      adw_action_row_add_suffix (row, bar);
    }
}

static void
build_experience (WbClientProfile *self)
{
  JsonArray *array = wb_record_get_array (self->record, "work_experience");
  guint n = array != NULL ? json_array_get_length (array) : 0;
  AdwPreferencesGroup *group = wb_card_new (self->cards_box, _("Work experience"),
                                            n == 0 ? _("No work experience recorded.") : NULL);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *item = json_array_get_object_element (array, i);
      double years = json_object_get_double_member_with_default (item, "years", 0);
      g_autofree char *text = g_strdup_printf (_("%.1f years"), years);

      wb_card_add_row (group, self->field_rows, NULL,
                       json_object_get_string_member_with_default (item, "label", "?"), text);
    }
}

static void
build_preferences (WbClientProfile *self)
{
  AdwPreferencesGroup *group = wb_card_new (self->cards_box, _("Preferences and availability"), NULL);
  JsonArray *sectors = wb_record_get_array (self->record, "sector_preferences");
  g_autoptr(GString) text = g_string_new (NULL);
  JsonNode *licence = json_object_get_member (wb_record_get_object (self->record), "driving_licence");

  for (guint i = 0; sectors != NULL && i < json_array_get_length (sectors); i++)
    {
      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, wb_label_for_enum ("sector", json_array_get_string_element (sectors, i)));
    }
  wb_card_add_row (group, self->field_rows, "sector_preferences", _("Preferred sectors"), text->str);
  row_add_enum (self, group, "transport", _("Transport"));
  row_add_int (self, group, "max_travel_km", _("Travel distance"), UNIT_KM);
  wb_card_add_row (group, self->field_rows, "driving_licence", _("Driving licence"),
                   licence == NULL || !JSON_NODE_HOLDS_VALUE (licence) ? NULL :
                   json_node_get_boolean (licence) ? _("Yes") : _("No"));
}

static void
build_barriers (WbClientProfile *self)
{
  JsonArray *array = wb_record_get_array (self->record, "barriers");
  guint n = array != NULL ? json_array_get_length (array) : 0;
  AdwPreferencesGroup *group;

  if (array == NULL)
    return;
  group = wb_card_new (self->cards_box, _("Barriers"), n == 0 ? _("No barriers recorded.") : NULL);
  /* One line for all: the barriers are words, not fields with values. */
  if (n > 0)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; i < n; i++)
        {
          if (i > 0)
            g_string_append (text, ", ");
          g_string_append (text, wb_label_for_enum ("barrier", json_array_get_string_element (array, i)));
        }
      wb_card_add_row (group, self->field_rows, "barriers", _("Recorded barriers"), text->str);
    }
}

static void
build_case (WbClientProfile *self)
{
  AdwPreferencesGroup *group = wb_card_new (self->cards_box, _("Case"), NULL);
  const char *org = self->session != NULL ?
    wb_session_lookup_name (self->session, WB_RESOURCE_ORGANISATIONS,
                            wb_record_get_int (self->record, "organisation_id")) : NULL;

  wb_card_add_row (group, self->field_rows, "organisation", _("Organisation"), org);
  if (wb_record_has_field (self->record, "case_manager_id"))
    wb_card_add_row (group, self->field_rows, "case_manager", _("Case manager"),
                     user_name (self, "case_manager_id"));
  if (!wb_record_get_boolean (self->record, "pseudonymous") && wb_record_has_field (self->record, "family_name"))
    wb_card_add_row (group, self->field_rows, "wsp_account_manager", _("WSP account manager"),
                     user_name (self, "wsp_account_manager_id") ?: _("Not referred"));
  wb_card_add_row (group, self->field_rows, "last_activity", _("Last activity"),
                   wb_record_get_string (self->record, "last_activity"));
}

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  WbRecord *ea = *(WbRecord **) a;
  WbRecord *eb = *(WbRecord **) b;
  int result = -g_strcmp0 (wb_record_get_string (ea, "date"), wb_record_get_string (eb, "date"));

  return result != 0 ? result : (wb_record_get_id (eb) > wb_record_get_id (ea)) - (wb_record_get_id (eb) < wb_record_get_id (ea));
}

/* What a timeline row says under the kind of the event. */
static char *
event_subtitle (WbClientProfile *self,
                WbRecord        *event)
{
  const char *note = wb_record_get_string (event, "note");
  const char *reason = wb_record_get_string (event, "reason");
  const char *instrument = wb_record_get_string (event, "instrument");
  const char *contract = wb_record_get_string (event, "contract");
  const char *outflow = wb_record_get_string (event, "outflow_type");
  gint64 employer = wb_record_get_int (event, "employer_id");
  gint64 to = wb_record_get_int (event, "addressed_to");
  JsonNode *hours = json_object_get_member (wb_record_get_object (event), "hours");
  GString *subtitle = g_string_new (wb_record_get_string (event, "date"));

  if (instrument != NULL)
    g_string_append_printf (subtitle, " · %s", wb_label_for_enum ("instrument", instrument));
  if (employer > 0)
    {
      const char *name = g_hash_table_lookup (self->employer_names, &employer);

      if (name != NULL && *name != '\0')
        g_string_append_printf (subtitle, " · %s", name);
    }
  if (hours != NULL && JSON_NODE_HOLDS_VALUE (hours))
    {
      int n = (int) json_node_get_int (hours);

      g_string_append (subtitle, " · ");
      g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, "%d hour a week", "%d hours a week", n), n);
    }
  if (contract != NULL)
    g_string_append_printf (subtitle, " · %s", wb_label_for_enum ("contract", contract));
  if (outflow != NULL)
    g_string_append_printf (subtitle, " · %s", wb_label_for_enum ("outflow_type", outflow));
  if (to > 0 && self->session != NULL)
    {
      const char *org = wb_session_lookup_name (self->session, WB_RESOURCE_ORGANISATIONS, to);
      g_string_append_printf (subtitle, " · %s %s", _("to"), org != NULL ? org : "?");
    }
  if (note != NULL && *note != '\0')
    g_string_append_printf (subtitle, " · %s", note);
  else if (reason != NULL && *reason != '\0')
    g_string_append_printf (subtitle, " · %s", reason);
  return g_string_free (subtitle, FALSE);
}

static void
on_employer_loaded_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(WbClientProfile) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbRecord) employer = wb_api_client_get_finish (WB_API_CLIENT (source), result, &error);
  gint64 id;

  if (employer == NULL)
    {
      /* The timeline stays without the name; the rest of the profile is not at stake. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("An employer of the timeline could not be read: %s", error->message);
      return;
    }
  id = wb_record_get_id (employer);
  g_hash_table_insert (self->employer_names, g_memdup2 (&id, sizeof id),
                       g_strdup (wb_record_get_string (employer, "name")));
  for (guint i = 0; i < self->employer_rows->len; i++)
    {
      AdwActionRow *row = self->employer_rows->pdata[i];
      WbRecord *event = g_object_get_data (G_OBJECT (row), "wb-event");
      g_autofree char *subtitle = NULL;

      if (wb_record_get_int (event, "employer_id") != id)
        continue;
      subtitle = event_subtitle (self, event);
      adw_action_row_set_subtitle (row, subtitle);
    }
}

static void
name_employer (WbClientProfile *self,
               AdwActionRow    *row,
               WbRecord        *event)
{
  gint64 id = wb_record_get_int (event, "employer_id");

  if (id <= 0 || self->session == NULL)
    return;
  g_object_set_data_full (G_OBJECT (row), "wb-event", g_object_ref (event), g_object_unref);
  g_ptr_array_add (self->employer_rows, row);
  if (g_hash_table_contains (self->employer_names, &id))
    return;
  g_hash_table_insert (self->employer_names, g_memdup2 (&id, sizeof id), g_strdup (""));
  wb_api_client_get_async (wb_session_get_api (self->session), WB_RESOURCE_EMPLOYERS, id, NULL,
                           self->cancellable, on_employer_loaded_cb, g_object_ref (self));
}

static void
build_timeline (WbClientProfile *self)
{
  AdwPreferencesGroup *group;
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  if (self->events == NULL)
    return;

  n = g_list_model_get_n_items (self->events);
  group = wb_card_new (self->cards_box, _("Timeline"), n == 0 ? _("Nothing happened yet.") : NULL);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (events, g_list_model_get_item (self->events, i));
  g_ptr_array_sort (events, compare_events);

  for (guint i = 0; i < events->len; i++)
    {
      WbRecord *event = events->pdata[i];
      g_autofree char *subtitle = event_subtitle (self, event);
      const char *kind = wb_record_get_string (event, "kind");
      AdwActionRow *row;

      row = wb_card_add_row (group, self->field_rows, NULL, wb_label_for_enum ("kind", kind), subtitle);
      name_employer (self, row, event);
      if (g_strcmp0 (kind, "diagnosis_signal") == 0)
        adw_action_row_add_prefix (row, gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
    }
}

static gboolean
record_is_pseudonymous (WbRecord *record)
{
  return wb_record_get_boolean (record, "pseudonymous") || !wb_record_has_field (record, "family_name");
}

static void
update_actions (WbClientProfile *self)
{
  WbScope scope;
  gboolean pseudonymous;
  WbDiagnosisStatus status;

  if (self->record == NULL || self->session == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->edit_button), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->event_button), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->refer_button), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->signal_button), FALSE);
      return;
    }

  scope = wb_session_scope_of_client (self->session, self->record);
  pseudonymous = record_is_pseudonymous (self->record);
  status = wb_diagnosis_status_for_date (wb_record_get_string (self->record, "diagnosis_date"), 0);

  /* The server decides; the page only hides what it would refuse. */
  gtk_widget_set_visible (GTK_WIDGET (self->edit_button),
                          !pseudonymous && wb_session_can (self->session, WB_RESOURCE_CLIENTS, WB_ACTION_UPDATE, scope));
  gtk_widget_set_visible (GTK_WIDGET (self->event_button),
                          wb_session_can (self->session, WB_RESOURCE_EVENTS, WB_ACTION_CREATE, scope));
  gtk_widget_set_visible (GTK_WIDGET (self->refer_button),
                          !pseudonymous && wb_session_can (self->session, WB_RESOURCE_CLIENTS, WB_ACTION_UPDATE, scope));
  /* Another organisation tells the owner; the owner renews the diagnosis itself. */
  gtk_widget_set_visible (GTK_WIDGET (self->signal_button),
                          scope != WB_SCOPE_OWN && status != WB_DIAGNOSIS_CURRENT &&
                          wb_policy_can_signal_diagnosis (wb_session_get_role (self->session), scope));
}

static void
rebuild (WbClientProfile *self)
{
  WbRecord *r = self->record;
  g_autoptr(WbClientRow) row = NULL;
  g_autofree char *subtitle = NULL;
  gboolean pseudonymous;
  WbDiagnosisStatus status;

  clear_cards (self);
  if (r == NULL)
    return;

  row = wb_client_row_new (r, self->session, 0);
  pseudonymous = wb_client_row_get_pseudonymous (row);
  status = wb_client_row_get_diagnosis_status (row);

  gtk_label_set_text (self->title_label, wb_client_row_get_title (row));
  gtk_label_set_text (self->toolbar_title, wb_client_row_get_title (row));
  subtitle = g_strdup_printf ("%s · %s · %s %s", wb_client_row_get_organisation (row),
                              wb_client_row_get_municipality (row),
                              pseudonymous ? _("age band") : _("age"),
                              wb_client_row_get_age_text (row));
  gtk_label_set_text (self->subtitle_label, subtitle);

  gtk_box_append (self->badges_box,
                  wb_card_badge_new (wb_label_for_enum ("phase", wb_client_row_get_phase (row)), "accent"));
  {
    g_autofree char *diagnosis = g_strdup_printf (_("Diagnosis: %s"), wb_diagnosis_status_to_label (status));
    gtk_box_append (self->badges_box, wb_card_badge_new (diagnosis, status == WB_DIAGNOSIS_CURRENT ? "success" :
                                                                    status == WB_DIAGNOSIS_STALE ? "warning" : "error"));
  }
  if (pseudonymous)
    gtk_box_append (self->badges_box, wb_card_badge_new (_("Pseudonymous"), NULL));
  gtk_widget_set_visible (GTK_WIDGET (self->pseudonym_notice), pseudonymous);

  if (!pseudonymous)
    build_identity (self);
  build_diagnosis (self);
  build_capacity (self);
  build_education (self);
  build_competences (self);
  build_experience (self);
  build_preferences (self);
  build_barriers (self);
  build_case (self);
  build_timeline (self);

  update_actions (self);
}

/* Loading */

static void
on_events_loaded_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(WbClientProfile) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) events = wb_api_client_list_all_finish (WB_API_CLIENT (source), result, &error);

  if (events == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No timeline: %s", error->message);
      return;
    }
  g_set_object (&self->events, events);
  rebuild (self);
}

static void
load_events (WbClientProfile *self)
{
  WbScope scope = wb_session_scope_of_client (self->session, self->record);

  if (wb_policy_decide (wb_session_get_role (self->session), WB_RESOURCE_EVENTS, WB_ACTION_READ, scope) ==
      WB_DECISION_DENY)
    return;
  wb_api_client_list_all_async (wb_session_get_api (self->session), WB_RESOURCE_EVENTS, self->client_id, NULL,
                                NULL, NULL, self->cancellable, on_events_loaded_cb, g_object_ref (self));
}

static void
on_record_loaded_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(WbClientProfile) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbRecord) record = wb_api_client_get_finish (WB_API_CLIENT (source), result, &error);

  if (record == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      adw_status_page_set_description (self->error_page, error->message);
      if (self->record == NULL)
        gtk_stack_set_visible_child_name (self->stack, "error");
      g_signal_emit (self, signals[BACKEND_ERROR], 0, error->message);
      return;
    }

  g_signal_emit (self, signals[BACKEND_ERROR], 0, NULL);
  g_set_object (&self->record, record);
  rebuild (self);
  gtk_stack_set_visible_child_name (self->stack, "profile");
  load_events (self);
}

static void
load_full (WbClientProfile *self)
{
  if (self->session == NULL || wb_session_get_api (self->session) == NULL || self->client_id <= 0)
    return;
  wb_api_client_get_async (wb_session_get_api (self->session), WB_RESOURCE_CLIENTS, self->client_id,
                           NULL, self->cancellable, on_record_loaded_cb, g_object_ref (self));
}

/* Actions */

static void
on_editor_saved_cb (WbClientEditor  *editor,
                    WbRecord        *record,
                    WbClientProfile *self)
{
  g_set_object (&self->record, record);
  rebuild (self);
  toast (self, _("Profile saved"));
  g_signal_emit (self, signals[RECORD_CHANGED], 0, record);
  load_events (self);
}

static void
on_editor_destroy_cb (GtkWidget       *editor,
                      WbClientProfile *self)
{
  if ((GtkWidget *) self->editor == editor)
    self->editor = NULL;
}

static void
on_edit_clicked_cb (GtkButton       *button,
                    WbClientProfile *self)
{
  if (self->editor != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->editor));
      return;
    }
  self->editor = wb_client_editor_new (self->session, self->record);
  gtk_window_set_transient_for (GTK_WINDOW (self->editor), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  g_signal_connect (self->editor, "saved", G_CALLBACK (on_editor_saved_cb), self);
  g_signal_connect (self->editor, "destroy", G_CALLBACK (on_editor_destroy_cb), self);
  gtk_window_present (GTK_WINDOW (self->editor));
}

static void
on_event_created_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(WbClientProfile) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbRecord) event = wb_api_client_create_finish (WB_API_CLIENT (source), result, &error);

  if (event == NULL)
    {
      WbProblem *problem = wb_api_error_get_problem (error);

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* The draft stays; the dialog opens again with it and what went wrong. */
      if (self->event_draft != NULL)
        {
          wb_event_draft_set_error (self->event_draft, error->message, problem);
          wb_event_dialog_present (GTK_WIDGET (self), self->session, self->event_draft);
        }
      else
        toast (self, error->message);
      return;
    }

  g_clear_pointer (&self->event_draft, wb_event_draft_free);
  toast (self, g_strcmp0 (wb_record_get_string (event, "kind"), "diagnosis_signal") == 0 ?
               _("The owning organisation has been signalled") : _("Event added to the timeline"));
  load_full (self);
}

static void
create_event (WbClientProfile *self,
              JsonObject      *object)
{
  wb_api_client_create_async (wb_session_get_api (self->session), WB_RESOURCE_EVENTS, self->client_id, object,
                              self->cancellable, on_event_created_cb, g_object_ref (self));
}

static void
on_event_draft_ready_cb (WbEventDraft *draft,
                         gpointer      user_data)
{
  WbClientProfile *self = user_data;
  g_autoptr(JsonObject) object = wb_event_draft_to_json (draft);

  create_event (self, object);
}

static void
on_event_clicked_cb (GtkButton       *button,
                     WbClientProfile *self)
{
  if (self->event_draft == NULL)
    self->event_draft = wb_event_draft_new (on_event_draft_ready_cb, self);
  wb_event_dialog_present (GTK_WIDGET (self), self->session, self->event_draft);
}

static void
on_signal_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       WbClientProfile  *self)
{
  g_autoptr(JsonObject) object = NULL;
  g_autofree char *today = NULL;
  g_autoptr(GDateTime) now = NULL;

  if (g_strcmp0 (response, "signal") != 0 || self->record == NULL)
    return;

  now = g_date_time_new_now_local ();
  today = g_date_time_format (now, "%Y-%m-%d");
  object = json_object_new ();
  json_object_set_string_member (object, "kind", "diagnosis_signal");
  json_object_set_string_member (object, "date", today);
  /* The server addresses it to the owner and says whether the diagnosis is missing or stale. */
  g_clear_pointer (&self->event_draft, wb_event_draft_free);
  create_event (self, object);
}

static void
on_signal_clicked_cb (GtkButton       *button,
                      WbClientProfile *self)
{
  const char *org = wb_session_lookup_name (self->session, WB_RESOURCE_ORGANISATIONS,
                                            wb_record_get_int (self->record, "organisation_id"));
  g_autofree char *body = g_strdup_printf (_("%s will see in this client's timeline that the diagnosis is missing or "
                                             "older than twelve months, so that they can renew it."),
                                           org != NULL ? org : _("The owning organisation"));
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                              _("Signal the Diagnosis?"), body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "signal", _("_Signal"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "signal", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "signal");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_signal_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Referral: the owner sets the WSP account manager, and the timeline records it. */

static void
on_referred_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(WbClientProfile) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbRecord) record = wb_api_client_update_finish (WB_API_CLIENT (source), result, &error);
  g_autoptr(JsonObject) event = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *today = NULL;
  const char *name;

  if (record == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (g_error_matches (error, WB_API_ERROR, 412))
        {
          toast (self, _("The client was changed in the meantime; check the profile and refer again"));
          load_full (self);
        }
      else
        toast (self, error->message);
      return;
    }

  g_set_object (&self->record, record);
  g_signal_emit (self, signals[RECORD_CHANGED], 0, record);

  now = g_date_time_new_now_local ();
  today = g_date_time_format (now, "%Y-%m-%d");
  name = user_name (self, "wsp_account_manager_id");
  event = json_object_new ();
  json_object_set_string_member (event, "kind", "referral_wsp");
  json_object_set_string_member (event, "date", today);
  if (name != NULL)
    json_object_set_string_member (event, "note", name);
  g_clear_pointer (&self->event_draft, wb_event_draft_free);
  create_event (self, event);
}

static void
on_refer_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      WbClientProfile  *self)
{
  GtkDropDown *dropdown = g_object_get_data (G_OBJECT (dialog), "dropdown");
  GListModel *managers = g_object_get_data (G_OBJECT (dialog), "managers");
  g_autoptr(WbRecord) manager = NULL;
  g_autoptr(JsonObject) changes = NULL;
  g_autofree char *etag = NULL;
  guint selected;

  if (g_strcmp0 (response, "refer") != 0 || self->record == NULL)
    return;
  selected = gtk_drop_down_get_selected (dropdown);
  if (selected == GTK_INVALID_LIST_POSITION)
    return;
  manager = g_list_model_get_item (managers, selected);
  changes = json_object_new ();
  json_object_set_int_member (changes, "wsp_account_manager_id", wb_record_get_id (manager));
  etag = wb_record_dup_etag (self->record);
  wb_api_client_update_async (wb_session_get_api (self->session), WB_RESOURCE_CLIENTS, self->client_id, etag,
                              changes, self->cancellable, on_referred_cb, g_object_ref (self));
}

static char *
manager_label (WbRecord        *manager,
               WbClientProfile *self)
{
  const char *org = wb_session_lookup_name (self->session, WB_RESOURCE_ORGANISATIONS,
                                            wb_record_get_int (manager, "organisation_id"));

  return g_strdup_printf ("%s (%s)", wb_record_get_string (manager, "display_name"), org != NULL ? org : "?");
}

static void
on_refer_clicked_cb (GtkButton       *button,
                     WbClientProfile *self)
{
  GListModel *users = wb_session_get_lookup (self->session, WB_RESOURCE_USERS);
  g_autoptr(GListStore) managers = g_list_store_new (WB_TYPE_RECORD);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  gint64 current = wb_record_get_int (self->record, "wsp_account_manager_id");
  WbRecord *municipality = wb_session_lookup_record (self->session, WB_RESOURCE_MUNICIPALITIES,
                                                     wb_record_get_int (self->record, "municipality_id"));
  const char *region = municipality != NULL ? wb_record_get_string (municipality, "region") : NULL;
  guint selected = 0;
  GtkWidget *dialog, *dropdown;

  /* The WSP of the client's own region first, and its first account manager chosen unless
   * the client has one already. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < g_list_model_get_n_items (users); i++)
      {
        g_autoptr(WbRecord) user = g_list_model_get_item (users, i);
        g_autofree char *label = NULL;
        JsonNode *active = json_object_get_member (wb_record_get_object (user), "active");
        WbRecord *org = wb_session_lookup_record (self->session, WB_RESOURCE_ORGANISATIONS,
                                                  wb_record_get_int (user, "organisation_id"));
        gboolean in_region = region != NULL && org != NULL && g_strcmp0 (wb_record_get_string (org, "region"), region) == 0;

        if (g_strcmp0 (wb_record_get_string (user, "role"), "account_manager_wsp") != 0 || in_region != (pass == 0))
          continue;
        if (active != NULL && JSON_NODE_HOLDS_VALUE (active) && json_node_get_value_type (active) == G_TYPE_BOOLEAN &&
            !json_node_get_boolean (active))
          continue;
        if (wb_record_get_id (user) == current)
          selected = g_list_model_get_n_items (G_LIST_MODEL (managers));
        label = manager_label (user, self);
        gtk_string_list_append (labels, label);
        g_list_store_append (managers, user);
      }

  if (g_list_model_get_n_items (G_LIST_MODEL (managers)) == 0)
    {
      toast (self, _("There is no WSP account manager to refer to"));
      return;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Refer to the WSP"),
                                   _("Choose the WSP account manager who will look for a job with this client. "
                                     "They will see the full profile."));
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (labels)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), selected);
  wb_a11y_set_label (dropdown, _("WSP account manager"));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), dropdown);
  g_object_set_data (G_OBJECT (dialog), "dropdown", dropdown);
  g_object_set_data_full (G_OBJECT (dialog), "managers", g_object_ref (managers), g_object_unref);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "refer", _("_Refer"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "refer", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_refer_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_back_clicked_cb (GtkButton       *button,
                    WbClientProfile *self)
{
  g_signal_emit (self, signals[BACK], 0);
}

static gboolean
on_back_shortcut_cb (GtkWidget *widget,
                     GVariant  *args,
                     gpointer   user_data)
{
  g_signal_emit (widget, signals[BACK], 0);
  return TRUE;
}

/* GObject */

static void
wb_client_profile_dispose (GObject *object)
{
  WbClientProfile *self = (WbClientProfile *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->editor != NULL)
    gtk_window_destroy (GTK_WINDOW (self->editor));
  gtk_widget_dispose_template (GTK_WIDGET (self), WB_TYPE_CLIENT_PROFILE);
  g_clear_object (&self->record);
  g_clear_object (&self->events);
  g_clear_object (&self->session);
  g_clear_pointer (&self->field_rows, g_hash_table_unref);
  g_clear_pointer (&self->employer_rows, g_ptr_array_unref);
  g_clear_pointer (&self->employer_names, g_hash_table_unref);
  g_clear_pointer (&self->event_draft, wb_event_draft_free);

  G_OBJECT_CLASS (wb_client_profile_parent_class)->dispose (object);
}

static void
wb_client_profile_class_init (WbClientProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wb_client_profile_dispose;

  signals[BACK] = g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[RECORD_CHANGED] = g_signal_new ("record-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, WB_TYPE_RECORD);
  signals[BACKEND_ERROR] = g_signal_new ("backend-error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[TOAST] = g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/nl/werkbrug/Werkbrug/ui/wb-client-profile.ui");
  gtk_widget_class_bind_template_child (widget_class, WbClientProfile, back_button);
  gtk_widget_class_bind_template_child (widget_class, WbClientProfile, toolbar_title);
  gtk_widget_class_bind_template_child (widget_class, WbClientProfile, signal_button);
  gtk_widget_class_bind_template_child (widget_class, WbClientProfile, refer_button);
  gtk_widget_class_bind_template_child (widget_class, WbClientProfile, event_button);
  gtk_widget_class_bind_template_child (widget_class, WbClientProfile, edit_button);
  gtk_widget_class_bind_template_child (widget_class, WbClientProfile, stack);
  gtk_widget_class_bind_template_child (widget_class, WbClientProfile, error_page);
  gtk_widget_class_bind_template_child (widget_class, WbClientProfile, retry_button);
  gtk_widget_class_bind_template_child (widget_class, WbClientProfile, title_label);
  gtk_widget_class_bind_template_child (widget_class, WbClientProfile, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, WbClientProfile, badges_box);
  gtk_widget_class_bind_template_child (widget_class, WbClientProfile, pseudonym_notice);
  gtk_widget_class_bind_template_child (widget_class, WbClientProfile, cards_box);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Left, GDK_ALT_MASK, on_back_shortcut_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, on_back_shortcut_cb, NULL);
  gtk_widget_class_set_css_name (widget_class, "wbclientprofile");
}

static void
wb_client_profile_init (WbClientProfile *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->field_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->employer_rows = g_ptr_array_new ();
  self->employer_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  g_signal_connect (self->back_button, "clicked", G_CALLBACK (on_back_clicked_cb), self);
  g_signal_connect (self->edit_button, "clicked", G_CALLBACK (on_edit_clicked_cb), self);
  g_signal_connect (self->event_button, "clicked", G_CALLBACK (on_event_clicked_cb), self);
  g_signal_connect (self->refer_button, "clicked", G_CALLBACK (on_refer_clicked_cb), self);
  g_signal_connect (self->signal_button, "clicked", G_CALLBACK (on_signal_clicked_cb), self);
  g_signal_connect_swapped (self->retry_button, "clicked", G_CALLBACK (wb_client_profile_retry), self);
}

WbClientProfile *
wb_client_profile_new (void)
{
  return g_object_new (WB_TYPE_CLIENT_PROFILE, NULL);
}

void
wb_client_profile_set_session (WbClientProfile *self,
                               WbSession       *session)
{
  g_return_if_fail (WB_IS_CLIENT_PROFILE (self));
  g_return_if_fail (session == NULL || WB_IS_SESSION (session));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->editor != NULL)
    gtk_window_destroy (GTK_WINDOW (self->editor));
  g_set_object (&self->session, session);
  g_clear_object (&self->record);
  g_clear_object (&self->events);
  g_clear_pointer (&self->event_draft, wb_event_draft_free);
  self->client_id = 0;
  rebuild (self);
  update_actions (self);
}

void
wb_client_profile_load (WbClientProfile *self,
                        WbRecord        *summary)
{
  g_return_if_fail (WB_IS_CLIENT_PROFILE (self));
  g_return_if_fail (WB_IS_RECORD (summary));

  if (self->editor != NULL && wb_record_editor_has_changes (WB_RECORD_EDITOR (self->editor)))
    {
      /* Unsaved edits of another client are never thrown away. */
      gtk_window_present (GTK_WINDOW (self->editor));
      toast (self, _("Save or cancel the open edit first"));
      return;
    }
  if (self->editor != NULL)
    gtk_window_destroy (GTK_WINDOW (self->editor));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_pointer (&self->event_draft, wb_event_draft_free);
  g_clear_object (&self->events);

  self->client_id = wb_record_get_id (summary);
  g_set_object (&self->record, summary);
  rebuild (self);
  /* Actions wait for the full record and its version. */
  gtk_widget_set_visible (GTK_WIDGET (self->edit_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->refer_button), FALSE);
  gtk_stack_set_visible_child_name (self->stack, "profile");
  load_full (self);
}

void
wb_client_profile_set_record (WbClientProfile *self,
                              WbRecord        *record,
                              GListModel      *events)
{
  g_return_if_fail (WB_IS_CLIENT_PROFILE (self));
  g_return_if_fail (WB_IS_RECORD (record));

  self->client_id = wb_record_get_id (record);
  g_set_object (&self->record, record);
  g_set_object (&self->events, events);
  rebuild (self);
  gtk_stack_set_visible_child_name (self->stack, "profile");
}

WbRecord *
wb_client_profile_get_record (WbClientProfile *self)
{
  g_return_val_if_fail (WB_IS_CLIENT_PROFILE (self), NULL);
  return self->record;
}

void
wb_client_profile_retry (WbClientProfile *self)
{
  g_return_if_fail (WB_IS_CLIENT_PROFILE (self));

  if (self->client_id <= 0)
    return;
  if (self->cancellable == NULL)
    self->cancellable = g_cancellable_new ();
  if (self->record == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  load_full (self);
}

gboolean
wb_client_profile_has_unsaved_edits (WbClientProfile *self)
{
  g_return_val_if_fail (WB_IS_CLIENT_PROFILE (self), FALSE);
  return self->editor != NULL && wb_record_editor_has_changes (WB_RECORD_EDITOR (self->editor));
}

void
wb_client_profile_present_editor (WbClientProfile *self)
{
  g_return_if_fail (WB_IS_CLIENT_PROFILE (self));
  if (self->editor != NULL)
    gtk_window_present (GTK_WINDOW (self->editor));
}

const char *
wb_client_profile_get_title (WbClientProfile *self)
{
  g_return_val_if_fail (WB_IS_CLIENT_PROFILE (self), NULL);
  return gtk_label_get_text (self->title_label);
}

const char *
wb_client_profile_get_field_text (WbClientProfile *self,
                                  const char      *field)
{
  AdwActionRow *row;

  g_return_val_if_fail (WB_IS_CLIENT_PROFILE (self), NULL);

  row = g_hash_table_lookup (self->field_rows, field);
  return row != NULL ? adw_action_row_get_subtitle (row) : NULL;
}

gboolean
wb_client_profile_get_action_visible (WbClientProfile *self,
                                      const char      *action)
{
  GtkButton *button = NULL;

  g_return_val_if_fail (WB_IS_CLIENT_PROFILE (self), FALSE);

  if (g_str_equal (action, "edit"))
    button = self->edit_button;
  else if (g_str_equal (action, "event"))
    button = self->event_button;
  else if (g_str_equal (action, "refer"))
    button = self->refer_button;
  else if (g_str_equal (action, "signal"))
    button = self->signal_button;
  return button != NULL && gtk_widget_get_visible (GTK_WIDGET (button));
}
