/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-client-row"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <stdlib.h>

#include "wb-labels.h"

#include "wb-client-row.h"

/* 20,000 of these stay in memory: plain fields, names and enum values interned (there
 * are a few dozen of each), no parsed JSON. */
struct _WbClientRow
{
  GObject parent_instance;

  gint64 id;
  gint64 version;
  gint64 organisation_id;
  gint64 municipality_id;
  gint64 case_manager_id;
  gint64 wsp_account_manager_id;
  char *given_name;
  char *family_name;
  char *pseudonym;
  char *title;
  char *search_key;
  const char *organisation;  /* interned, like every const char * below */
  const char *municipality;
  const char *age_text;
  const char *age_band;
  const char *client_group;
  const char *phase;
  const char *track;
  const char *status;
  const char *capacity_band;
  const char *activity_text;
  guint32 diagnosis_julian;  /* 0 for none */
  guint32 activity_julian;
  int birth_year;            /* 0 when not shown */
  int work_capacity;         /* -1 when not shown */
  int age;
  int phase_index;
  int days_idle;
  WbDiagnosisStatus diagnosis;
  gboolean pseudonymous;
};

G_DEFINE_FINAL_TYPE (WbClientRow, wb_client_row, G_TYPE_OBJECT)

guint32
wb_today_julian (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  return g_date_get_julian (&date);
}

guint32
wb_julian_of_date (const char *text)
{
  int y, m, d;

  if (text == NULL || sscanf (text, "%4d-%2d-%2d", &y, &m, &d) != 3 ||
      !g_date_valid_dmy (d, m, y))
    return 0;
  {
    GDate date;

    g_date_clear (&date, 1);
    g_date_set_dmy (&date, d, m, y);
    return g_date_get_julian (&date);
  }
}

int
wb_days_since (const char *date,
               guint32     today)
{
  guint32 julian = wb_julian_of_date (date);

  if (julian == 0)
    return -1;
  if (today == 0)
    today = wb_today_julian ();
  return today >= julian ? (int) (today - julian) : 0;
}

WbDiagnosisStatus
wb_diagnosis_status_for_date (const char *date,
                              guint32     today)
{
  int days = wb_days_since (date, today);

  if (days < 0)
    return WB_DIAGNOSIS_NONE;
  return days > WB_DIAGNOSIS_STALE_DAYS ? WB_DIAGNOSIS_STALE : WB_DIAGNOSIS_CURRENT;
}

const char *
wb_diagnosis_status_to_label (WbDiagnosisStatus status)
{
  switch (status)
    {
    case WB_DIAGNOSIS_STALE:
      return _("Stale");
    case WB_DIAGNOSIS_CURRENT:
      return _("Current");
    case WB_DIAGNOSIS_NONE:
    default:
      return _("None");
    }
}

static int
enum_index (const char * const *values,
            const char         *value)
{
  if (value == NULL)
    return G_MAXINT;
  for (int i = 0; values[i] != NULL; i++)
    if (g_str_equal (values[i], value))
      return i;
  return G_MAXINT;
}

static void
wb_client_row_finalize (GObject *object)
{
  WbClientRow *self = (WbClientRow *) object;

  g_free (self->given_name);
  g_free (self->family_name);
  g_free (self->pseudonym);
  g_free (self->title);
  g_free (self->search_key);

  G_OBJECT_CLASS (wb_client_row_parent_class)->finalize (object);
}

static void
wb_client_row_class_init (WbClientRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wb_client_row_finalize;
}

static void
wb_client_row_init (WbClientRow *self)
{
}

static const char *
intern_or_null (const char *text)
{
  return text != NULL ? g_intern_string (text) : NULL;
}

static gint64
get_int_or (WbRecord   *record,
            const char *field,
            gint64      missing)
{
  JsonNode *node = json_object_get_member (wb_record_get_object (record), field);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_int (node) : missing;
}

WbClientRow *
wb_client_row_new (WbRecord  *record,
                   WbSession *session,
                   guint32    today)
{
  WbClientRow *self;
  g_autoptr(GString) key = NULL;
  g_autofree char *folded = NULL;
  const char *band;

  g_return_val_if_fail (WB_IS_RECORD (record), NULL);
  g_return_val_if_fail (session == NULL || WB_IS_SESSION (session), NULL);

  if (today == 0)
    today = wb_today_julian ();

  self = g_object_new (WB_TYPE_CLIENT_ROW, NULL);
  self->id = wb_record_get_id (record);
  self->version = wb_record_get_version (record);
  self->pseudonymous = wb_record_get_boolean (record, "pseudonymous") ||
                       !wb_record_has_field (record, "family_name");
  self->given_name = g_strdup (wb_record_get_string (record, "given_name"));
  self->family_name = g_strdup (wb_record_get_string (record, "family_name"));
  self->pseudonym = g_strdup (wb_record_get_string (record, "pseudonym"));

  if (self->pseudonymous)
    self->title = g_strdup (self->pseudonym);
  else
    self->title = g_strdup_printf ("%s %s", self->given_name ?: "", self->family_name ?: "");
  if (self->title == NULL)
    self->title = g_strdup_printf ("K-%06" G_GINT64_FORMAT, self->id);

  self->organisation_id = wb_record_get_int (record, "organisation_id");
  self->municipality_id = wb_record_get_int (record, "municipality_id");
  self->case_manager_id = wb_record_get_int (record, "case_manager_id");
  self->wsp_account_manager_id = wb_record_get_int (record, "wsp_account_manager_id");
  if (session != NULL)
    {
      self->organisation = intern_or_null (wb_session_lookup_name (session, WB_RESOURCE_ORGANISATIONS,
                                                                   self->organisation_id));
      self->municipality = intern_or_null (wb_session_lookup_name (session, WB_RESOURCE_MUNICIPALITIES,
                                                                   self->municipality_id));
    }
  if (self->organisation == NULL)
    self->organisation = "—";
  if (self->municipality == NULL)
    self->municipality = "—";

  self->birth_year = (int) get_int_or (record, "birth_year", 0);
  if (self->birth_year > 0)
    {
      GDate date;
      g_autofree char *age_band = NULL;
      char age_text[16];

      g_date_clear (&date, 1);
      g_date_set_julian (&date, today);
      self->age = g_date_get_year (&date) - self->birth_year;
      g_snprintf (age_text, sizeof age_text, "%d", self->age);
      self->age_text = g_intern_string (age_text);
      age_band = wb_age_band (self->birth_year, g_date_get_year (&date));
      self->age_band = intern_or_null (age_band);
    }
  else
    {
      const char *age_band = wb_record_get_string (record, "age_band");

      self->age_band = intern_or_null (age_band);
      self->age_text = age_band != NULL ? self->age_band : "—";
      /* "<18" sorts first, "65+" last; a band sorts at its lower bound. */
      if (age_band == NULL)
        self->age = -1;
      else if (age_band[0] == '<')
        self->age = 0;
      else
        self->age = atoi (age_band);
    }

  self->client_group = intern_or_null (wb_record_get_string (record, "client_group"));
  self->phase = intern_or_null (wb_record_get_string (record, "phase"));
  self->track = intern_or_null (wb_record_get_string (record, "track"));
  self->status = intern_or_null (wb_record_get_string (record, "status"));
  self->phase_index = enum_index (wb_phases, self->phase);

  self->work_capacity = (int) get_int_or (record, "work_capacity", -1);
  band = wb_record_get_string (record, "capacity_band");
  if (band == NULL && self->work_capacity >= 0)
    band = wb_capacity_band (self->work_capacity);
  self->capacity_band = intern_or_null (band);

  self->diagnosis_julian = wb_julian_of_date (wb_record_get_string (record, "diagnosis_date"));
  self->activity_julian = wb_julian_of_date (wb_record_get_string (record, "last_activity"));
  self->diagnosis = wb_diagnosis_status_for_date (wb_record_get_string (record, "diagnosis_date"), today);
  self->days_idle = wb_days_since (wb_record_get_string (record, "last_activity"), today);
  if (self->days_idle < 0)
    self->activity_text = g_intern_string (_("never"));
  else
    {
      g_autofree char *days = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", self->days_idle),
                                               self->days_idle);

      self->activity_text = g_intern_string (days);
    }

  key = g_string_new (self->title);
  g_string_append_c (key, '\n');
  g_string_append (key, self->organisation);
  g_string_append_c (key, '\n');
  g_string_append (key, self->municipality);
  if (!self->pseudonymous && self->pseudonym != NULL)
    g_string_append_printf (key, "\n%s", self->pseudonym);
  folded = g_utf8_casefold (key->str, key->len);
  self->search_key = g_utf8_normalize (folded, -1, G_NORMALIZE_ALL);

  return self;
}

static void
set_optional_string (JsonObject *object,
                     const char *field,
                     const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, field, value);
}

static void
set_optional_int (JsonObject *object,
                  const char *field,
                  gint64      value)
{
  if (value > 0)
    json_object_set_int_member (object, field, value);
}

static void
set_optional_date (JsonObject *object,
                   const char *field,
                   guint32     julian)
{
  GDate date;
  char text[16];

  if (julian == 0)
    return;
  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &date);
  json_object_set_string_member (object, field, text);
}

WbRecord *
wb_client_row_dup_summary (WbClientRow *self)
{
  g_autoptr(JsonObject) object = json_object_new ();

  g_return_val_if_fail (WB_IS_CLIENT_ROW (self), NULL);

  json_object_set_int_member (object, "id", self->id);
  set_optional_int (object, "version", self->version);
  set_optional_int (object, "organisation_id", self->organisation_id);
  set_optional_int (object, "municipality_id", self->municipality_id);
  set_optional_int (object, "case_manager_id", self->case_manager_id);
  set_optional_int (object, "wsp_account_manager_id", self->wsp_account_manager_id);
  set_optional_string (object, "given_name", self->given_name);
  set_optional_string (object, "family_name", self->family_name);
  set_optional_string (object, "pseudonym", self->pseudonym);
  if (self->pseudonymous)
    json_object_set_boolean_member (object, "pseudonymous", TRUE);
  set_optional_int (object, "birth_year", self->birth_year);
  if (self->birth_year <= 0)
    set_optional_string (object, "age_band", self->age_band);
  set_optional_string (object, "client_group", self->client_group);
  set_optional_string (object, "phase", self->phase);
  set_optional_string (object, "track", self->track);
  set_optional_string (object, "status", self->status);
  if (self->work_capacity >= 0)
    json_object_set_int_member (object, "work_capacity", self->work_capacity);
  else
    set_optional_string (object, "capacity_band", self->capacity_band);
  set_optional_date (object, "diagnosis_date", self->diagnosis_julian);
  set_optional_date (object, "last_activity", self->activity_julian);
  return wb_record_new (WB_RESOURCE_CLIENTS, object);
}

gint64
wb_client_row_get_id (WbClientRow *self)
{
  g_return_val_if_fail (WB_IS_CLIENT_ROW (self), 0);
  return self->id;
}

const char *
wb_client_row_get_title (WbClientRow *self)
{
  g_return_val_if_fail (WB_IS_CLIENT_ROW (self), NULL);
  return self->title;
}

gboolean
wb_client_row_get_pseudonymous (WbClientRow *self)
{
  g_return_val_if_fail (WB_IS_CLIENT_ROW (self), TRUE);
  return self->pseudonymous;
}

gint64
wb_client_row_get_organisation_id (WbClientRow *self)
{
  g_return_val_if_fail (WB_IS_CLIENT_ROW (self), 0);
  return self->organisation_id;
}

const char *
wb_client_row_get_organisation (WbClientRow *self)
{
  g_return_val_if_fail (WB_IS_CLIENT_ROW (self), NULL);
  return self->organisation;
}

gint64
wb_client_row_get_municipality_id (WbClientRow *self)
{
  g_return_val_if_fail (WB_IS_CLIENT_ROW (self), 0);
  return self->municipality_id;
}

const char *
wb_client_row_get_municipality (WbClientRow *self)
{
  g_return_val_if_fail (WB_IS_CLIENT_ROW (self), NULL);
  return self->municipality;
}

int
wb_client_row_get_age (WbClientRow *self)
{
  g_return_val_if_fail (WB_IS_CLIENT_ROW (self), -1);
  return self->age;
}

const char *
wb_client_row_get_age_text (WbClientRow *self)
{
  g_return_val_if_fail (WB_IS_CLIENT_ROW (self), NULL);
  return self->age_text;
}

const char *
wb_client_row_get_age_band (WbClientRow *self)
{
  g_return_val_if_fail (WB_IS_CLIENT_ROW (self), NULL);
  return self->age_band;
}

const char *
wb_client_row_get_client_group (WbClientRow *self)
{
  g_return_val_if_fail (WB_IS_CLIENT_ROW (self), NULL);
  return self->client_group;
}

const char *
wb_client_row_get_phase (WbClientRow *self)
{
  g_return_val_if_fail (WB_IS_CLIENT_ROW (self), NULL);
  return self->phase;
}

int
wb_client_row_get_phase_index (WbClientRow *self)
{
  g_return_val_if_fail (WB_IS_CLIENT_ROW (self), G_MAXINT);
  return self->phase_index;
}

const char *
wb_client_row_get_capacity_band (WbClientRow *self)
{
  g_return_val_if_fail (WB_IS_CLIENT_ROW (self), NULL);
  return self->capacity_band;
}

WbDiagnosisStatus
wb_client_row_get_diagnosis_status (WbClientRow *self)
{
  g_return_val_if_fail (WB_IS_CLIENT_ROW (self), WB_DIAGNOSIS_NONE);
  return self->diagnosis;
}

int
wb_client_row_get_days_idle (WbClientRow *self)
{
  g_return_val_if_fail (WB_IS_CLIENT_ROW (self), -1);
  return self->days_idle;
}

const char *
wb_client_row_get_activity_text (WbClientRow *self)
{
  g_return_val_if_fail (WB_IS_CLIENT_ROW (self), NULL);
  return self->activity_text;
}

const char *
wb_client_row_get_search_key (WbClientRow *self)
{
  g_return_val_if_fail (WB_IS_CLIENT_ROW (self), NULL);
  return self->search_key;
}

gint64
wb_client_row_get_case_manager_id (WbClientRow *self)
{
  g_return_val_if_fail (WB_IS_CLIENT_ROW (self), 0);
  return self->case_manager_id;
}

gint64
wb_client_row_get_wsp_account_manager_id (WbClientRow *self)
{
  g_return_val_if_fail (WB_IS_CLIENT_ROW (self), 0);
  return self->wsp_account_manager_id;
}

const char *
wb_client_row_get_last_activity (WbClientRow *self)
{
  GDate date;
  char text[16];

  g_return_val_if_fail (WB_IS_CLIENT_ROW (self), NULL);

  if (self->activity_julian == 0)
    return NULL;
  g_date_clear (&date, 1);
  g_date_set_julian (&date, self->activity_julian);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &date);
  return g_intern_string (text);
}
