/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-client-profile"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-a11y.h"
#include "wb-format.h"
#include "wb-candidates-panel.h"
#include "wb-client-editor.h"
#include "wb-client-row.h"
#include "wb-event-dialog.h"
#include "wb-cards.h"
#include "wb-labels.h"

#include "wb-client-profile.h"

/* A client's profile on the record page machinery (WbRecordPage): its cards and actions. */
struct _WbClientProfile
{
  WbRecordPage parent_instance;

  GtkButton *signal_button;
  GtkButton *refer_button;
  GtkButton *event_button;
  GtkButton *edit_button;

  WbSession *session;
  WbRecord *record;
  GListModel *events;
  gint64 client_id;
  GCancellable *cancellable;
  GHashTable *employer_names; /* gint64 * -> name, or "" while it is being asked for */
  GPtrArray *employer_rows;   /* timeline rows that name an employer (borrowed) */
  WbEventDraft *event_draft;  /* kept when adding an event failed */
  WbEventDraft *correction_draft; /* the same for a correction */
  gint64 withdraw_id;         /* the event being withdrawn, and why, kept when that failed */
  char *withdraw_reason;
  WbCandidatesPanel *suitable; /* the top five vacancies, kept across rebuilds */
  GError *events_error;       /* why the timeline is not loaded, or NULL */
  GHashTable *loaded;         /* gint64 * -> Loaded: the full records read in this session */
};

/* A full record as it was read, shown marked as such when reading it again fails. */
typedef struct {
  WbRecord *record;
  GListModel *events;   /* its timeline as read, or NULL */
  GDateTime *at;
} Loaded;

static void
loaded_free (gpointer data)
{
  Loaded *loaded = data;

  g_object_unref (loaded->record);
  g_clear_object (&loaded->events);
  g_date_time_unref (loaded->at);
  g_free (loaded);
}

G_DEFINE_FINAL_TYPE (WbClientProfile, wb_client_profile, WB_TYPE_RECORD_PAGE)

#define PAGE(self) WB_RECORD_PAGE (self)

static void load_full (WbClientProfile *self);

static void
toast (WbClientProfile *self,
       const char      *message)
{
  wb_record_page_toast (PAGE (self), message);
}

/* Building the cards */

static gboolean
record_is_pseudonymous (WbRecord *record)
{
  return wb_record_get_boolean (record, "pseudonymous") || !wb_record_has_field (record, "family_name");
}

static AdwActionRow *
row_add_enum (WbClientProfile     *self,
              AdwPreferencesGroup *group,
              const char          *field,
              const char          *title)
{
  const char *value = wb_record_get_string (self->record, field);

  /* No value is the page's to say: empty, or not loaded. */
  return wb_record_page_add_row (PAGE (self), group, field, title,
                                 value != NULL ? wb_label_for_enum (field, value) : NULL);
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
  return wb_record_page_add_row (PAGE (self), group, field, title, text);
}

static void
clear_cards (WbClientProfile *self)
{
  g_ptr_array_set_size (self->employer_rows, 0);
  wb_record_page_clear (PAGE (self));
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
  AdwPreferencesGroup *group = wb_record_page_add_card (PAGE (self), _("Identity"),
                                            _("Reading these details is recorded in the audit log."));
  g_autofree char *address = NULL;
  g_autofree char *name = NULL;

  name = g_strdup_printf ("%s %s", wb_record_get_string (r, "given_name") ?: "",
                          wb_record_get_string (r, "family_name") ?: "");
  wb_record_page_add_row (PAGE (self), group, "name", _("Name"), name);
  wb_record_page_add_row (PAGE (self), group, "bsn", _("Citizen service number (BSN)"),
                   wb_record_get_string (r, "bsn"));
  if (wb_record_get_string (r, "street") != NULL)
    address = g_strdup_printf ("%s %s, %s %s", wb_record_get_string (r, "street"),
                               wb_record_get_string (r, "house_number") ?: "",
                               wb_record_get_string (r, "postcode") ?: "",
                               wb_record_get_string (r, "city") ?: "");
  wb_record_page_add_row (PAGE (self), group, "address", _("Address"), address);
  wb_record_page_add_row (PAGE (self), group, "phone", _("Phone"), wb_record_get_string (r, "phone"));
  wb_record_page_add_row (PAGE (self), group, "email", _("Email"), wb_record_get_string (r, "email"));
  row_add_int (self, group, "birth_year", _("Year of birth"), UNIT_NONE);
}

static void
build_diagnosis (WbClientProfile *self)
{
  const char *date = wb_record_get_string (self->record, "diagnosis_date");
  WbDiagnosisStatus status = wb_diagnosis_status_for_date (date, 0);
  AdwPreferencesGroup *group = wb_record_page_add_card (PAGE (self), _("Diagnosis"), NULL);
  AdwActionRow *row;
  g_autofree char *text = NULL;

  if (date != NULL)
    {
      int days = wb_days_since (date, 0);
      g_autofree char *day = wb_format_iso_date (date);

      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%d day ago)", "%s (%d days ago)", days), day, days);
    }
  row = wb_record_page_add_row (PAGE (self), group, "diagnosis_date", _("Latest diagnosis"),
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
  AdwPreferencesGroup *group = wb_record_page_add_card (PAGE (self), _("Work capacity"), NULL);
  const char *band = wb_record_get_string (self->record, "capacity_band");

  if (wb_record_has_field (self->record, "work_capacity"))
    row_add_int (self, group, "work_capacity", _("Work capacity"), UNIT_PERCENT);
  else
    wb_record_page_add_row (PAGE (self), group, "capacity_band", _("Work capacity band"),
                     band != NULL ? band : NULL);
  row_add_int (self, group, "hours_available", _("Hours available per week"), UNIT_NONE);
  row_add_enum (self, group, "phase", _("Phase"));
  row_add_enum (self, group, "track", _("Track"));
  row_add_enum (self, group, "client_group", _("Client group"));
}

static void
build_education (WbClientProfile *self)
{
  AdwPreferencesGroup *group = wb_record_page_add_card (PAGE (self), _("Education and learning"), NULL);

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
  AdwPreferencesGroup *group = wb_record_page_add_card (PAGE (self), _("Competences"),
                                            array == NULL && wb_record_page_get_extent (PAGE (self)) != WB_RECORD_PAGE_FULL ?
                                            wb_record_page_get_missing_text (PAGE (self)) :
                                            n == 0 ? _("No competences recorded in the latest diagnosis.") : NULL);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *item = json_array_get_object_element (array, i);
      int level = (int) json_object_get_int_member_with_default (item, "level", 0);
      const char *evidence = json_object_get_string_member_with_default (item, "evidence", NULL);
      g_autofree char *subtitle = g_strdup_printf (_("Level %d of 5 · evidence: %s"), level,
                                                   wb_label_for_enum ("evidence", evidence));

      wb_record_page_add_level_row (PAGE (self), group, NULL, json_object_get_string_member_with_default (item, "label", "?"),
                                    subtitle, level);
    }
}

static void
build_experience (WbClientProfile *self)
{
  JsonArray *array = wb_record_get_array (self->record, "work_experience");
  guint n = array != NULL ? json_array_get_length (array) : 0;
  AdwPreferencesGroup *group = wb_record_page_add_card (PAGE (self), _("Work experience"),
                                            array == NULL && wb_record_page_get_extent (PAGE (self)) != WB_RECORD_PAGE_FULL ?
                                            wb_record_page_get_missing_text (PAGE (self)) :
                                            n == 0 ? _("No work experience recorded.") : NULL);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *item = json_array_get_object_element (array, i);
      double years = json_object_get_double_member_with_default (item, "years", 0);
      g_autofree char *text = g_strdup_printf (_("%.1f years"), years);

      wb_record_page_add_row (PAGE (self), group, NULL,
                       json_object_get_string_member_with_default (item, "label", "?"), text);
    }
}

static void
build_preferences (WbClientProfile *self)
{
  AdwPreferencesGroup *group = wb_record_page_add_card (PAGE (self), _("Preferences and availability"), NULL);
  JsonArray *sectors = wb_record_get_array (self->record, "sector_preferences");
  g_autoptr(GString) text = g_string_new (NULL);
  JsonNode *licence = json_object_get_member (wb_record_get_object (self->record), "driving_licence");

  for (guint i = 0; sectors != NULL && i < json_array_get_length (sectors); i++)
    {
      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, wb_label_for_enum ("sector", json_array_get_string_element (sectors, i)));
    }
  wb_record_page_add_row (PAGE (self), group, "sector_preferences", _("Preferred sectors"), text->str);
  row_add_enum (self, group, "transport", _("Transport"));
  row_add_int (self, group, "max_travel_km", _("Travel distance"), UNIT_KM);
  wb_record_page_add_row (PAGE (self), group, "driving_licence", _("Driving licence"),
                   licence == NULL || !JSON_NODE_HOLDS_VALUE (licence) ? NULL :
                   json_node_get_boolean (licence) ? _("Yes") : _("No"));
}

static void
build_barriers (WbClientProfile *self)
{
  JsonArray *array = wb_record_get_array (self->record, "barriers");
  guint n = array != NULL ? json_array_get_length (array) : 0;
  AdwPreferencesGroup *group;

  if (array == NULL && wb_record_page_get_extent (PAGE (self)) != WB_RECORD_PAGE_FULL &&
      !record_is_pseudonymous (self->record))
    {
      wb_record_page_add_card (PAGE (self), _("Barriers"), wb_record_page_get_missing_text (PAGE (self)));
      return;
    }
  if (array == NULL)
    return;
  group = wb_record_page_add_card (PAGE (self), _("Barriers"), n == 0 ? _("No barriers recorded.") : NULL);
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
      wb_record_page_add_row (PAGE (self), group, "barriers", _("Recorded barriers"), text->str);
    }
}

/* When the client was referred to the WSP account manager they have: the latest referral
 * on the timeline, or NULL while the timeline is not read (or has none). */
static const char *
referred_since (WbClientProfile *self)
{
  const char *since = NULL;

  for (guint i = 0; self->events != NULL && i < g_list_model_get_n_items (self->events); i++)
    {
      g_autoptr(WbRecord) event = g_list_model_get_item (self->events, i);
      const char *date = wb_record_get_string (event, "date");

      if (g_strcmp0 (wb_record_get_string (event, "kind"), "referral_wsp") == 0 && g_strcmp0 (date, since) > 0)
        since = date;
    }
  return since;
}

/* "Wendy Wsp (WSP Parkstad) since 2026-09-01": with whom and since when, or NULL when the
 * client is not referred. */
static char *
referral_text (WbClientProfile *self)
{
  gint64 manager = wb_record_get_int (self->record, "wsp_account_manager_id");
  WbRecord *user = manager > 0 && self->session != NULL ?
                   wb_session_lookup_record (self->session, WB_RESOURCE_USERS, manager) : NULL;
  const char *organisation = user != NULL ?
    wb_session_lookup_name (self->session, WB_RESOURCE_ORGANISATIONS, wb_record_get_int (user, "organisation_id")) : NULL;
  g_autofree char *since = referred_since (self) != NULL ? wb_format_iso_date (referred_since (self)) : NULL;
  g_autofree char *who = NULL;

  if (manager <= 0)
    return NULL;
  who = organisation != NULL ? g_strdup_printf ("%s (%s)", user_name (self, "wsp_account_manager_id"), organisation)
                             : g_strdup (user_name (self, "wsp_account_manager_id"));
  if (since == NULL)
    return g_steal_pointer (&who);
  /* TRANSLATORS: a referral to the WSP: the account manager (their organisation) and the date */
  return g_strdup_printf (_("%s since %s"), who, since);
}

static void
build_case (WbClientProfile *self)
{
  AdwPreferencesGroup *group = wb_record_page_add_card (PAGE (self), _("Case"), NULL);
  const char *org = self->session != NULL ?
    wb_session_lookup_name (self->session, WB_RESOURCE_ORGANISATIONS,
                            wb_record_get_int (self->record, "organisation_id")) : NULL;

  wb_record_page_add_row (PAGE (self), group, "organisation", _("Organisation"), org);
  if (wb_record_has_field (self->record, "case_manager_id"))
    wb_record_page_add_row (PAGE (self), group, "case_manager", _("Case manager"),
                     user_name (self, "case_manager_id"));
  if (!wb_record_get_boolean (self->record, "pseudonymous") && wb_record_has_field (self->record, "family_name"))
    {
      wb_record_page_add_row (PAGE (self), group, "wsp_account_manager", _("WSP account manager"),
                       user_name (self, "wsp_account_manager_id") ?: _("Not referred"));
      if (referred_since (self) != NULL && wb_record_get_int (self->record, "wsp_account_manager_id") > 0)
        {
          g_autofree char *since = wb_format_iso_date (referred_since (self));

          wb_record_page_add_row (PAGE (self), group, "referred_since", _("Referred to the WSP on"), since);
        }
    }
  {
    const char *last = wb_record_get_string (self->record, "last_activity");
    g_autofree char *day = last != NULL ? wb_format_iso_date (last) : NULL;

    wb_record_page_add_row (PAGE (self), group, "last_activity", _("Last activity"), day);
  }
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
  g_autofree char *day = wb_format_iso_date (wb_record_get_string (event, "date"));
  GString *subtitle = g_string_new (day);

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
      if (g_object_get_data (G_OBJECT (row), "wb-correction") != NULL)
        {
          char *longer = g_strdup_printf ("%s\n%s", subtitle, (char *) g_object_get_data (G_OBJECT (row), "wb-correction"));

          g_free (subtitle);
          subtitle = longer;
        }
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

/* Whether the user may correct or withdraw @event: one their organisation wrote, on a
 * timeline they may write in (the server decides; the page only hides what it would refuse). */
static gboolean
may_correct (WbClientProfile *self,
             WbRecord        *event)
{
  const char *kind = wb_record_get_string (event, "kind");

  if (self->session == NULL || g_strcmp0 (kind, "withdrawal") == 0 || g_strcmp0 (kind, "diagnosis_signal") == 0)
    return FALSE;
  return wb_record_get_int (event, "organisation_id") == wb_session_get_organisation_id (self->session) &&
         wb_session_can (self->session, WB_RESOURCE_EVENTS, WB_ACTION_CREATE,
                         wb_session_scope_of_client (self->session, self->record));
}

/* "Corrected by Anna de Vries on 2026-12-03: wrong instrument" */
static char *
correction_text (WbClientProfile *self,
                 WbRecord        *by)
{
  gint64 author = wb_record_get_int (by, "author_id");
  const char *name = author > 0 && self->session != NULL ?
                     wb_session_lookup_name (self->session, WB_RESOURCE_USERS, author) : NULL;
  const char *at = wb_record_get_string (by, "created_at");
  g_autofree char *day = at != NULL ? wb_format_iso_date (at) : NULL;
  const char *why = wb_record_get_string (by, "correction_reason");
  gboolean withdrawn = g_strcmp0 (wb_record_get_string (by, "kind"), "withdrawal") == 0;

  if (withdrawn)
    /* TRANSLATORS: who withdrew a timeline event, on which day, and why */
    return g_strdup_printf (_("Withdrawn by %s on %s: %s"), name != NULL ? name : _("Unknown user"),
                            day != NULL ? day : "?", why != NULL ? why : "");
  /* TRANSLATORS: who corrected a timeline event, on which day, and why */
  return g_strdup_printf (_("Corrected by %s on %s: %s"), name != NULL ? name : _("Unknown user"),
                          day != NULL ? day : "?", why != NULL ? why : "");
}

static void
add_correction_menu (WbClientProfile *self,
                     AdwActionRow    *row,
                     WbRecord        *event)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenuItem) correct = g_menu_item_new (_("_Correct…"), NULL);
  g_autoptr(GMenuItem) withdraw = g_menu_item_new (_("_Withdraw…"), NULL);
  GtkWidget *button = gtk_menu_button_new ();
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
  g_autofree char *day = wb_format_iso_date (wb_record_get_string (event, "date"));
  /* TRANSLATORS: the spoken name of a timeline event's menu: its kind and its date, so that
   * two notes are told apart */
  g_autofree char *spoken = g_strdup_printf (_("Correct or withdraw “%s” of %s"), title, day);

  g_menu_item_set_action_and_target_value (correct, "profile.correct-event",
                                           g_variant_new_int64 (wb_record_get_id (event)));
  g_menu_item_set_action_and_target_value (withdraw, "profile.withdraw-event",
                                           g_variant_new_int64 (wb_record_get_id (event)));
  g_menu_append_item (menu, correct);
  g_menu_append_item (menu, withdraw);
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Correct or withdraw this event"));
  wb_a11y_set_label (button, spoken);
  adw_action_row_add_suffix (row, button);
}

static void
build_timeline (WbClientProfile *self)
{
  AdwPreferencesGroup *group;
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) replaced = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL); /* id -> the event naming it */
  guint n, shown = 0;

  if (self->events == NULL)
    {
      /* Not read yet, or not readable now: said so, never "nothing happened". */
      if (self->events_error != NULL)
        wb_record_page_add_card (PAGE (self), _("Timeline"),
                                 g_error_matches (self->events_error, WB_API_ERROR, WB_API_ERROR_NETWORK) ?
                                 _("Not loaded (offline)") : _("Not loaded"));
      else if (wb_record_page_get_extent (PAGE (self)) != WB_RECORD_PAGE_FULL)
        wb_record_page_add_card (PAGE (self), _("Timeline"), wb_record_page_get_missing_text (PAGE (self)));
      return;
    }

  n = g_list_model_get_n_items (self->events);
  /* With the wall-clock time, for a test that times how soon a change by someone else shows. */
  g_debug ("Timeline of client %" G_GINT64_FORMAT " shown with %u events at %" G_GINT64_FORMAT,
           self->client_id, n, g_get_real_time ());
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (events, g_list_model_get_item (self->events, i));
  g_ptr_array_sort (events, compare_events);
  for (guint i = 0; i < events->len; i++)
    {
      WbRecord *event = events->pdata[i];
      JsonNode *corrects = json_object_get_member (wb_record_get_object (event), "corrects_id");

      if (corrects != NULL && JSON_NODE_HOLDS_VALUE (corrects))
        {
          gint64 key = json_node_get_int (corrects);

          g_hash_table_insert (replaced, g_memdup2 (&key, sizeof key), event);
        }
    }

  group = wb_record_page_add_card (PAGE (self), _("Timeline"), NULL);
  for (guint i = 0; i < events->len; i++)
    {
      WbRecord *event = events->pdata[i];
      gint64 id = wb_record_get_id (event);
      const char *kind = wb_record_get_string (event, "kind");
      WbRecord *by = g_hash_table_lookup (replaced, &id);
      JsonNode *corrects = json_object_get_member (wb_record_get_object (event), "corrects_id");
      g_autofree char *subtitle = NULL;
      g_autofree char *title = NULL;
      gboolean withdrawn = by != NULL && g_strcmp0 (wb_record_get_string (by, "kind"), "withdrawal") == 0;
      AdwActionRow *row;

      /* A withdrawal says its word on the event it withdraws; a corrected event gives way to
       * its correction, which says what was corrected, by whom, when and why. */
      if (g_strcmp0 (kind, "withdrawal") == 0 || (by != NULL && !withdrawn))
        continue;
      subtitle = event_subtitle (self, event);
      if (withdrawn)
        {
          g_autofree char *why = correction_text (self, by);
          char *longer = g_strdup_printf ("%s\n%s", subtitle, why);

          g_free (subtitle);
          subtitle = longer;
          /* TRANSLATORS: a timeline event that was withdrawn: its kind */
          title = g_strdup_printf (_("%s (withdrawn)"), wb_label_for_enum ("kind", kind));
        }
      else if (corrects != NULL && JSON_NODE_HOLDS_VALUE (corrects))
        {
          g_autofree char *why = correction_text (self, event);
          char *longer = g_strdup_printf ("%s\n%s", subtitle, why);

          g_free (subtitle);
          subtitle = longer;
        }
      row = wb_record_page_add_row (PAGE (self), group, NULL, title != NULL ? title : wb_label_for_enum ("kind", kind),
                                    subtitle);
      if (withdrawn || (corrects != NULL && JSON_NODE_HOLDS_VALUE (corrects)))
        g_object_set_data_full (G_OBJECT (row), "wb-correction",
                                correction_text (self, withdrawn ? by : event), g_free);
      shown++;
      if (withdrawn)
        gtk_widget_add_css_class (GTK_WIDGET (row), "dim-label");
      name_employer (self, row, event);
      if (g_strcmp0 (kind, "diagnosis_signal") == 0)
        adw_action_row_add_prefix (row, gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
      if (!withdrawn && may_correct (self, event))
        add_correction_menu (self, row, event);
    }
  if (shown == 0)
    adw_preferences_group_set_description (group, _("Nothing happened yet."));
}

static void
on_show_all_vacancies_cb (WbCandidatesPanel *panel,
                          WbClientProfile   *self)
{
  g_autoptr(WbClientRow) row = NULL;

  if (self->record == NULL)
    return;
  row = wb_client_row_new (self->record, self->session, 0);
  wb_candidates_panel_present_window (GTK_WIDGET (self), self->session, WB_MATCH_DIRECTION_VACANCIES,
                                      self->client_id, wb_client_row_get_title (row));
}

/* The open vacancies that suit the client best, with the reasons: for a role that may read
 * matches and an active client. The panel is kept, so a rebuild does not rank again. */
static void
build_suitable (WbClientProfile *self)
{
  AdwPreferencesGroup *card;

  if (self->session == NULL || g_strcmp0 (wb_record_get_string (self->record, "status"), "active") != 0 ||
      !wb_session_can (self->session, WB_RESOURCE_MATCHES, WB_ACTION_READ, WB_SCOPE_OTHER))
    return;

  if (self->suitable == NULL)
    {
      self->suitable = g_object_ref_sink (wb_candidates_panel_new (WB_MATCH_DIRECTION_VACANCIES));
      wb_candidates_panel_set_compact (self->suitable, TRUE);
      g_signal_connect_object (self->suitable, "show-all", G_CALLBACK (on_show_all_vacancies_cb), self, 0);
    }
  card = wb_record_page_add_card (PAGE (self), _("Suitable Vacancies"),
                                  _("The five open vacancies that suit this client best, with the reasons; for a "
                                    "near miss, the training that would close the gap."));
  wb_record_page_add_field (PAGE (self), "suitable_vacancies", GTK_WIDGET (card));
  if (gtk_widget_get_parent (GTK_WIDGET (self->suitable)) != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->suitable));
  adw_preferences_group_add (card, GTK_WIDGET (self->suitable));
  wb_candidates_panel_set_session (self->suitable, self->session);
  if (wb_candidates_panel_get_subject (self->suitable) != self->client_id)
    wb_candidates_panel_set_subject (self->suitable, self->client_id);
}

static const char * const actions[] = { "signal", "refer", "event", "edit" };

static void
update_actions (WbClientProfile *self)
{
  WbScope scope;
  gboolean pseudonymous, full;
  WbDiagnosisStatus status;

  if (self->record == NULL || self->session == NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
        wb_record_page_set_action_visible (PAGE (self), actions[i], FALSE);
      return;
    }

  scope = wb_session_scope_of_client (self->session, self->record);
  /* Editing and referring wait for the full record and its version. */
  full = wb_record_page_get_extent (PAGE (self)) == WB_RECORD_PAGE_FULL;
  pseudonymous = !full || record_is_pseudonymous (self->record);
  status = wb_diagnosis_status_for_date (wb_record_get_string (self->record, "diagnosis_date"), 0);

  /* The server decides; the page only hides what it would refuse. */
  wb_record_page_set_action_visible (PAGE (self), "edit",
                          !pseudonymous && wb_session_can (self->session, WB_RESOURCE_CLIENTS, WB_ACTION_UPDATE, scope));
  wb_record_page_set_action_visible (PAGE (self), "event",
                          wb_session_can (self->session, WB_RESOURCE_EVENTS, WB_ACTION_CREATE, scope));
  /* Only a client who is not referred yet is referred; a referred one shows the referral. */
  wb_record_page_set_action_visible (PAGE (self), "refer",
                          !pseudonymous && wb_record_get_int (self->record, "wsp_account_manager_id") <= 0 &&
                          wb_session_can (self->session, WB_RESOURCE_CLIENTS, WB_ACTION_UPDATE, scope));
  /* Another organisation tells the owner; the owner renews the diagnosis itself. */
  wb_record_page_set_action_visible (PAGE (self), "signal",
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

  subtitle = g_strdup_printf ("%s · %s · %s %s", wb_client_row_get_organisation (row),
                              wb_client_row_get_municipality (row),
                              pseudonymous ? _("age band") : _("age"),
                              wb_client_row_get_age_text (row));
  wb_record_page_set_title (PAGE (self), wb_client_row_get_title (row), subtitle);

  wb_record_page_add_badge (PAGE (self), wb_label_for_enum ("phase", wb_client_row_get_phase (row)), "accent");
  {
    g_autofree char *diagnosis = g_strdup_printf (_("Diagnosis: %s"), wb_diagnosis_status_to_label (status));
    wb_record_page_add_badge (PAGE (self), diagnosis, status == WB_DIAGNOSIS_CURRENT ? "success" :
                                                      status == WB_DIAGNOSIS_STALE ? "warning" : "error");
  }
  if (pseudonymous)
    wb_record_page_add_badge (PAGE (self), _("Pseudonymous"), NULL);
  if (pseudonymous)
    wb_record_page_set_notice (PAGE (self), _("This client belongs to another organisation. You see the pseudonymous profile: no name, citizen number, address or health details. The owning organisation and the WSP account manager the client is referred to see the full profile."));
  else
    {
      /* A referred client is not referred again: the page says with whom and since when. */
      g_autofree char *referral = referral_text (self);
      g_autofree char *notice = referral != NULL ? g_strdup_printf (_("Referred to the WSP: %s."), referral) : NULL;

      wb_record_page_set_notice (PAGE (self), notice);
    }

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
  build_suitable (self);
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
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_debug ("No timeline: %s", error->message);
      if (self->events == NULL)
        {
          g_clear_error (&self->events_error);
          self->events_error = g_steal_pointer (&error);
          rebuild (self);
        }
      return;
    }
  g_clear_error (&self->events_error);
  g_set_object (&self->events, events);
  {
    Loaded *loaded = g_hash_table_lookup (self->loaded, &self->client_id);

    if (loaded != NULL)
      g_set_object (&loaded->events, events);
  }
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

/* The full record just read: the page shows it as it is, and keeps it for a later read that
 * fails. */
static void
remember_loaded (WbClientProfile *self,
                 WbRecord        *record)
{
  Loaded *loaded = g_new0 (Loaded, 1);
  gint64 id = wb_record_get_id (record);

  loaded->record = g_object_ref (record);
  loaded->at = g_date_time_new_now_local ();
  g_hash_table_insert (self->loaded, g_memdup2 (&id, sizeof id), loaded);
  wb_record_page_set_extent (PAGE (self), WB_RECORD_PAGE_FULL, NULL);
  wb_record_page_set_last_loaded (PAGE (self), NULL, NULL);
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
      Loaded *loaded;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* What is shown stays, said for what it is: the values as last read, or the list's
       * row with "not loaded" where it has no value. */
      loaded = g_hash_table_lookup (self->loaded, &self->client_id);
      if (loaded != NULL)
        {
          g_set_object (&self->record, loaded->record);
          if (self->events == NULL)
            g_set_object (&self->events, loaded->events);
          wb_record_page_set_last_loaded (PAGE (self), loaded->at, error);
        }
      else if (self->record != NULL && wb_record_page_get_extent (PAGE (self)) != WB_RECORD_PAGE_FULL)
        wb_record_page_set_extent (PAGE (self), WB_RECORD_PAGE_NOT_LOADED, error);
      if (self->events == NULL && self->events_error == NULL)
        self->events_error = g_error_copy (error);
      rebuild (self);
      wb_record_page_show_error (PAGE (self), error);
      return;
    }

  wb_record_page_backend_error (PAGE (self), NULL);
  g_set_object (&self->record, record);
  remember_loaded (self, record);
  rebuild (self);
  wb_record_page_show (PAGE (self), WB_RECORD_PAGE_RECORD);
  load_events (self);
}

static void
load_full (WbClientProfile *self)
{
  g_clear_error (&self->events_error);
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
  remember_loaded (self, record);
  rebuild (self);
  /* Other competences, other vacancies. */
  if (self->suitable != NULL)
    wb_candidates_panel_refresh (self->suitable);
  toast (self, _("Profile saved"));
  wb_record_page_record_changed (PAGE (self), record);
  load_events (self);
}

static void
on_edit_clicked_cb (GtkButton       *button,
                    WbClientProfile *self)
{
  WbClientEditor *editor;

  if (wb_record_page_get_editor (PAGE (self)) != NULL)
    {
      wb_record_page_present_editor (PAGE (self));
      return;
    }
  editor = wb_client_editor_new (self->session, self->record);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved_cb), self, 0);
  wb_record_page_present_editor_window (PAGE (self), GTK_WINDOW (editor));
}

typedef enum {
  CREATE_ADD,         /* from the "Add Event" dialog: undoable */
  CREATE_SIGNAL,
  CREATE_REFERRAL,
  CREATE_CORRECTION,
  CREATE_WITHDRAWAL,
  CREATE_UNDO,
} CreateKind;

typedef struct {
  WbClientProfile *self;
  CreateKind kind;
} CreateCall;

static void withdraw_event (WbClientProfile *self, gint64 id, const char *reason, CreateKind kind);
static void present_withdraw_dialog (WbClientProfile *self);

static void
on_undo_clicked_cb (AdwToast        *toast,
                    WbClientProfile *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toast), "wb-event-id"));

  /* Undo is a withdrawal like any other: recorded, with who, when and why. */
  withdraw_event (self, id, _("Undone right after it was added"), CREATE_UNDO);
}

static void
on_event_created_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autofree CreateCall *call = user_data;
  g_autoptr(WbClientProfile) self = call->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbRecord) event = wb_api_client_create_finish (WB_API_CLIENT (source), result, &error);
  WbEventDraft *draft = call->kind == CREATE_CORRECTION ? self->correction_draft :
                        call->kind == CREATE_ADD ? self->event_draft : NULL;

  if (event == NULL)
    {
      WbProblem *problem = wb_api_error_get_problem (error);

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* The draft stays; the dialog opens again with it and what went wrong. */
      if (draft != NULL)
        {
          wb_event_draft_set_error (draft, error->message, problem);
          wb_event_dialog_present (GTK_WIDGET (self), self->session, draft);
        }
      else if (call->kind == CREATE_WITHDRAWAL && self->withdraw_reason != NULL)
        {
          toast (self, error->message);
          present_withdraw_dialog (self);
        }
      else
        toast (self, error->message);
      return;
    }

  switch (call->kind)
    {
    case CREATE_ADD:
      {
        AdwToast *added = adw_toast_new (_("Event added to the timeline"));

        g_clear_pointer (&self->event_draft, wb_event_draft_free);
        adw_toast_set_button_label (added, _("_Undo"));
        g_object_set_data (G_OBJECT (added), "wb-event-id", GSIZE_TO_POINTER ((gsize) wb_record_get_id (event)));
        g_signal_connect_object (added, "button-clicked", G_CALLBACK (on_undo_clicked_cb), self, 0);
        wb_record_page_add_toast (PAGE (self), added);
      }
      break;
    case CREATE_SIGNAL:
      toast (self, _("The owning organisation has been signalled"));
      break;
    case CREATE_REFERRAL:
      toast (self, _("Event added to the timeline"));
      break;
    case CREATE_CORRECTION:
      g_clear_pointer (&self->correction_draft, wb_event_draft_free);
      toast (self, _("Correction saved; the event as it was stays in the history"));
      break;
    case CREATE_WITHDRAWAL:
      self->withdraw_id = 0;
      g_clear_pointer (&self->withdraw_reason, g_free);
      toast (self, _("Event withdrawn; it stays in the history, marked as withdrawn"));
      break;
    case CREATE_UNDO:
    default:
      toast (self, _("Undone: the event is marked as withdrawn"));
      break;
    }
  load_full (self);
}

static void
create_event (WbClientProfile *self,
              JsonObject      *object,
              CreateKind       kind)
{
  CreateCall *call = g_new0 (CreateCall, 1);

  call->self = g_object_ref (self);
  call->kind = kind;
  wb_api_client_create_async (wb_session_get_api (self->session), WB_RESOURCE_EVENTS, self->client_id, object,
                              self->cancellable, on_event_created_cb, call);
}

static void
on_event_draft_ready_cb (WbEventDraft *draft,
                         gpointer      user_data)
{
  WbClientProfile *self = user_data;
  g_autoptr(JsonObject) object = wb_event_draft_to_json (draft);

  create_event (self, object, wb_event_draft_get_corrects_id (draft) > 0 ? CREATE_CORRECTION : CREATE_ADD);
}

static void
on_event_clicked_cb (GtkButton       *button,
                     WbClientProfile *self)
{
  if (self->event_draft == NULL)
    self->event_draft = wb_event_draft_new (on_event_draft_ready_cb, self);
  wb_event_dialog_present (GTK_WIDGET (self), self->session, self->event_draft);
}

/* Correcting and withdrawing a timeline event */

static WbRecord *
find_event (WbClientProfile *self,
            gint64           id)
{
  for (guint i = 0; self->events != NULL && i < g_list_model_get_n_items (self->events); i++)
    {
      g_autoptr(WbRecord) event = g_list_model_get_item (self->events, i);

      if (wb_record_get_id (event) == id)
        return event;  /* the model holds it */
    }
  return NULL;
}

static void
withdraw_event (WbClientProfile *self,
                gint64           id,
                const char      *reason,
                CreateKind       kind)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  json_object_set_string_member (object, "kind", "withdrawal");
  json_object_set_string_member (object, "date", today);
  json_object_set_int_member (object, "corrects_id", id);
  json_object_set_string_member (object, "correction_reason", reason);
  create_event (self, object, kind);
}

static void
on_correct_event_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  WbClientProfile *self = WB_CLIENT_PROFILE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  WbRecord *event = find_event (self, id);
  gint64 employer;

  if (event == NULL)
    return;
  /* A correction of another event than the one typed before starts afresh. */
  if (self->correction_draft == NULL || wb_event_draft_get_corrects_id (self->correction_draft) != id)
    {
      g_clear_pointer (&self->correction_draft, wb_event_draft_free);
      self->correction_draft = wb_event_draft_new_correction (event, on_event_draft_ready_cb, self);
      employer = wb_record_get_int (event, "employer_id");
      if (employer > 0)
        wb_event_draft_set_employer (self->correction_draft, employer,
                                     g_hash_table_lookup (self->employer_names, &employer));
    }
  wb_event_dialog_present (GTK_WIDGET (self), self->session, self->correction_draft);
}

static void
on_withdraw_reason_changed_cb (GtkEditable      *entry,
                               AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "withdraw", *text != '\0');
}

static void
on_withdraw_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         WbClientProfile  *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");

  g_free (self->withdraw_reason);
  self->withdraw_reason = g_strdup (gtk_editable_get_text (entry));
  if (g_strcmp0 (response, "withdraw") != 0)
    return;
  withdraw_event (self, self->withdraw_id, self->withdraw_reason, CREATE_WITHDRAWAL);
}

static void
present_withdraw_dialog (WbClientProfile *self)
{
  WbRecord *event = find_event (self, self->withdraw_id);
  g_autofree char *heading = NULL;
  GtkWidget *dialog, *entry;

  if (event == NULL)
    return;
  heading = g_strdup_printf (_("Withdraw “%s”?"), wb_label_for_enum ("kind", wb_record_get_string (event, "kind")));
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading,
                                   _("The event stays in the timeline's history, marked as withdrawn, with your "
                                     "name, the time and why. Nothing is deleted."));
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Why it is withdrawn"));
  wb_a11y_set_label (entry, _("Why it is withdrawn"));
  gtk_editable_set_text (GTK_EDITABLE (entry), self->withdraw_reason != NULL ? self->withdraw_reason : "");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "withdraw", _("_Withdraw"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "withdraw", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "withdraw");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  on_withdraw_reason_changed_cb (GTK_EDITABLE (entry), ADW_MESSAGE_DIALOG (dialog));
  g_signal_connect (entry, "changed", G_CALLBACK (on_withdraw_reason_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_withdraw_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
on_withdraw_event_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  WbClientProfile *self = WB_CLIENT_PROFILE (widget);
  gint64 id = g_variant_get_int64 (parameter);

  if (id != self->withdraw_id)
    g_clear_pointer (&self->withdraw_reason, g_free);
  self->withdraw_id = id;
  present_withdraw_dialog (self);
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
  create_event (self, object, CREATE_SIGNAL);
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
      wb_record_page_handle_write_error (PAGE (self), error,
                                         _("The client was changed in the meantime; check the profile and refer again"));
      return;
    }

  g_set_object (&self->record, record);
  remember_loaded (self, record);
  wb_record_page_record_changed (PAGE (self), record);

  now = g_date_time_new_now_local ();
  today = g_date_time_format (now, "%Y-%m-%d");
  name = user_name (self, "wsp_account_manager_id");
  event = json_object_new ();
  json_object_set_string_member (event, "kind", "referral_wsp");
  json_object_set_string_member (event, "date", today);
  if (name != NULL)
    json_object_set_string_member (event, "note", name);
  create_event (self, event, CREATE_REFERRAL);
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

/* 0: the WSP of the client's subregion; 1: a WSP that serves the client's municipality from
 * elsewhere (the region-wide one); 2: another subregion's. */
static guint
refer_rank (WbClientProfile *self,
            WbRecord        *manager,
            const char      *region,
            gint64           municipality_id)
{
  WbRecord *organisation = wb_session_lookup_record (self->session, WB_RESOURCE_ORGANISATIONS,
                                                     wb_record_get_int (manager, "organisation_id"));
  JsonArray *served = organisation != NULL ? wb_record_get_array (organisation, "municipality_ids") : NULL;

  if (organisation == NULL)
    return 2;
  if (region != NULL && g_strcmp0 (wb_record_get_string (organisation, "region"), region) == 0)
    return 0;
  for (guint i = 0; served != NULL && i < json_array_get_length (served); i++)
    if (json_array_get_int_element (served, i) == municipality_id)
      return 1;
  return 2;
}

typedef struct {
  WbRecord *manager;
  guint rank;
} Recipient;

static int
compare_recipients (gconstpointer a,
                    gconstpointer b)
{
  const Recipient *ra = a;
  const Recipient *rb = b;

  if (ra->rank != rb->rank)
    return ra->rank < rb->rank ? -1 : 1;
  return g_utf8_collate (wb_record_get_string (ra->manager, "display_name") ?: "",
                         wb_record_get_string (rb->manager, "display_name") ?: "");
}

static void
on_refer_clicked_cb (GtkButton       *button,
                     WbClientProfile *self)
{
  GListModel *users = wb_session_get_lookup (self->session, WB_RESOURCE_USERS);
  g_autoptr(GListStore) managers = g_list_store_new (WB_TYPE_RECORD);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  WbRecord *municipality = wb_session_lookup_record (self->session, WB_RESOURCE_MUNICIPALITIES,
                                                     wb_record_get_int (self->record, "municipality_id"));
  const char *region = municipality != NULL ? wb_record_get_string (municipality, "region") : NULL;
  g_autoptr(GArray) recipients = g_array_new (FALSE, FALSE, sizeof (Recipient));
  GtkWidget *dialog, *dropdown;

  /* The WSP of the client's own subregion first, then a WSP that serves every municipality,
   * then the rest; by name within each; the first chosen. */
  for (guint i = 0; i < g_list_model_get_n_items (users); i++)
    {
      g_autoptr(WbRecord) user = g_list_model_get_item (users, i);
      JsonNode *active = json_object_get_member (wb_record_get_object (user), "active");
      Recipient recipient;

      if (g_strcmp0 (wb_record_get_string (user, "role"), "account_manager_wsp") != 0)
        continue;
      if (active != NULL && JSON_NODE_HOLDS_VALUE (active) && json_node_get_value_type (active) == G_TYPE_BOOLEAN &&
          !json_node_get_boolean (active))
        continue;
      recipient.manager = user;
      recipient.rank = refer_rank (self, user, region, wb_record_get_int (self->record, "municipality_id"));
      g_array_append_val (recipients, recipient);
    }
  g_array_sort (recipients, compare_recipients);
  for (guint i = 0; i < recipients->len; i++)
    {
      WbRecord *manager = g_array_index (recipients, Recipient, i).manager;
      g_autofree char *label = manager_label (manager, self);

      gtk_string_list_append (labels, label);
      g_list_store_append (managers, manager);
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
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 0);
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

/* GObject */

static void
wb_client_profile_dispose (GObject *object)
{
  WbClientProfile *self = (WbClientProfile *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  wb_record_page_close_editor (PAGE (self));
  g_clear_object (&self->record);
  g_clear_object (&self->events);
  g_clear_object (&self->session);
  g_clear_pointer (&self->employer_rows, g_ptr_array_unref);
  g_clear_pointer (&self->employer_names, g_hash_table_unref);
  g_clear_pointer (&self->event_draft, wb_event_draft_free);
  g_clear_pointer (&self->correction_draft, wb_event_draft_free);
  g_clear_pointer (&self->withdraw_reason, g_free);
  g_clear_object (&self->suitable);
  g_clear_error (&self->events_error);
  g_clear_pointer (&self->loaded, g_hash_table_unref);
  /* The template's objects live in the machinery's widgets, which its dispose takes down. */

  G_OBJECT_CLASS (wb_client_profile_parent_class)->dispose (object);
}

static void
wb_client_profile_set_session_impl (WbRecordPage *page,
                                    WbSession    *session)
{
  WbClientProfile *self = WB_CLIENT_PROFILE (page);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  wb_record_page_close_editor (page);
  g_set_object (&self->session, session);
  g_clear_object (&self->record);
  g_clear_object (&self->events);
  g_clear_pointer (&self->event_draft, wb_event_draft_free);
  g_clear_error (&self->events_error);
  /* Another user sees nothing of what this one read. */
  g_hash_table_remove_all (self->loaded);
  wb_record_page_set_extent (page, WB_RECORD_PAGE_FULL, NULL);
  wb_record_page_set_last_loaded (page, NULL, NULL);
  self->client_id = 0;
  rebuild (self);
  update_actions (self);
}

static void
wb_client_profile_load_impl (WbRecordPage *page,
                             WbRecord     *summary)
{
  WbClientProfile *self = WB_CLIENT_PROFILE (page);

  if (wb_record_page_keep_unsaved_edits (page))
    return;
  wb_record_page_close_editor (page);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_pointer (&self->event_draft, wb_event_draft_free);
  g_clear_pointer (&self->correction_draft, wb_event_draft_free);
  g_clear_pointer (&self->withdraw_reason, g_free);
  self->withdraw_id = 0;
  g_clear_object (&self->events);

  self->client_id = wb_record_get_id (summary);
  g_set_object (&self->record, summary);
  wb_record_page_set_extent (page, WB_RECORD_PAGE_SUMMARY, NULL);
  wb_record_page_set_last_loaded (page, NULL, NULL);
  rebuild (self);
  /* Actions wait for the full record and its version. */
  wb_record_page_set_action_visible (page, "edit", FALSE);
  wb_record_page_set_action_visible (page, "refer", FALSE);
  wb_record_page_show (page, WB_RECORD_PAGE_RECORD);
  load_full (self);
}

static void
wb_client_profile_reload (WbRecordPage *page)
{
  WbClientProfile *self = WB_CLIENT_PROFILE (page);

  if (self->client_id <= 0)
    return;
  if (self->cancellable == NULL)
    self->cancellable = g_cancellable_new ();
  if (self->record == NULL)
    wb_record_page_show (page, WB_RECORD_PAGE_LOADING);
  load_full (self);
}

/* A timeline event someone else added or changed: the timeline alone is read again. */
static gboolean
wb_client_profile_follow_change (WbRecordPage      *page,
                                 const WbApiChange *change)
{
  WbClientProfile *self = WB_CLIENT_PROFILE (page);

  if (g_strcmp0 (change->resource, "events") != 0 || self->record == NULL || self->session == NULL)
    return FALSE;
  if (self->cancellable == NULL)
    self->cancellable = g_cancellable_new ();
  load_events (self);
  return TRUE;
}

static void
wb_client_profile_class_init (WbClientProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  WbRecordPageClass *page_class = WB_RECORD_PAGE_CLASS (klass);

  object_class->dispose = wb_client_profile_dispose;
  page_class->set_session = wb_client_profile_set_session_impl;
  page_class->load = wb_client_profile_load_impl;
  page_class->reload = wb_client_profile_reload;
  page_class->follow_change = wb_client_profile_follow_change;

  gtk_widget_class_set_template_from_resource (widget_class, "/nl/werkbrug/Werkbrug/ui/wb-client-profile.ui");
  gtk_widget_class_bind_template_child (widget_class, WbClientProfile, signal_button);
  gtk_widget_class_bind_template_child (widget_class, WbClientProfile, refer_button);
  gtk_widget_class_bind_template_child (widget_class, WbClientProfile, event_button);
  gtk_widget_class_bind_template_child (widget_class, WbClientProfile, edit_button);
  gtk_widget_class_set_css_name (widget_class, "wbclientprofile");
  gtk_widget_class_install_action (widget_class, "profile.correct-event", "x", on_correct_event_action);
  gtk_widget_class_install_action (widget_class, "profile.withdraw-event", "x", on_withdraw_event_action);
}

static void
wb_client_profile_init (WbClientProfile *self)
{
  WbRecordPage *page = PAGE (self);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->employer_rows = g_ptr_array_new ();
  self->employer_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->loaded = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, loaded_free);

  wb_record_page_set_texts (page, _("Back to the list"), _("Loading the Profile"),
                            _("The Profile Could Not Be Loaded"));
  wb_record_page_add_action_button (page, "signal", self->signal_button);
  wb_record_page_add_action_button (page, "refer", self->refer_button);
  wb_record_page_add_action_button (page, "event", self->event_button);
  wb_record_page_add_action_button (page, "edit", self->edit_button);
  g_signal_connect (self->signal_button, "clicked", G_CALLBACK (on_signal_clicked_cb), self);
  g_signal_connect (self->refer_button, "clicked", G_CALLBACK (on_refer_clicked_cb), self);
  g_signal_connect (self->event_button, "clicked", G_CALLBACK (on_event_clicked_cb), self);
  g_signal_connect (self->edit_button, "clicked", G_CALLBACK (on_edit_clicked_cb), self);
}

WbClientProfile *
wb_client_profile_new (void)
{
  return g_object_new (WB_TYPE_CLIENT_PROFILE, NULL);
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
  wb_record_page_set_extent (PAGE (self), WB_RECORD_PAGE_FULL, NULL);
  wb_record_page_set_last_loaded (PAGE (self), NULL, NULL);
  rebuild (self);
  wb_record_page_show (PAGE (self), WB_RECORD_PAGE_RECORD);
}

WbRecord *
wb_client_profile_get_record (WbClientProfile *self)
{
  g_return_val_if_fail (WB_IS_CLIENT_PROFILE (self), NULL);
  return self->record;
}

GtkWidget *
wb_client_profile_get_suitable_panel (WbClientProfile *self)
{
  g_return_val_if_fail (WB_IS_CLIENT_PROFILE (self), NULL);
  return self->suitable != NULL && gtk_widget_get_parent (GTK_WIDGET (self->suitable)) != NULL ?
         GTK_WIDGET (self->suitable) : NULL;
}
