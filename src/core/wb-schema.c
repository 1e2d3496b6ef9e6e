/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-schema"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wb-schema.h"
#include "wb-validate.h"

const char * const wb_roles[] = {
  "account_manager_wsp", "account_manager_local", "consultant", "coordinator", "analyst", "admin", NULL
};
const char * const wb_organisation_kinds[] = {
  "wsp", "municipality", "social_service", "work_company", "development", "learn_work", "sheltered_work", NULL
};
const char * const wb_regions[] = {
  "Parkstad", "Maastricht-Heuvelland", "Westelijke Mijnstreek", "Zuid-Limburg", NULL
};
/* The regions' opportunity sectors (seed 001), where the labour market asks for people. */
static const char * const parkstad_opportunities[] = { "care", "smart_services", "medical_logistics", NULL };
static const char * const maastricht_heuvelland_opportunities[] = {
  "customer_service", "manufacturing", "hospitality", "leisure", NULL
};
static const char * const westelijke_mijnstreek_opportunities[] = { "automotive", "logistics", "technology", NULL };

const char * const *
wb_region_opportunity_sectors (const char *region)
{
  if (g_strcmp0 (region, "Parkstad") == 0)
    return parkstad_opportunities;
  if (g_strcmp0 (region, "Maastricht-Heuvelland") == 0)
    return maastricht_heuvelland_opportunities;
  if (g_strcmp0 (region, "Westelijke Mijnstreek") == 0)
    return westelijke_mijnstreek_opportunities;
  return NULL;
}

gboolean
wb_is_opportunity_sector (const char *region,
                          const char *sector)
{
  const char * const *sectors = wb_region_opportunity_sectors (region);

  return sectors != NULL && sector != NULL && g_strv_contains (sectors, sector);
}

const char * const wb_client_groups[] = {
  "participatiewet", "ww", "wajong", "wia", "wsw", "nieuw_beschut", "statushouder",
  "school_leaver", "doelgroepregister", "nugger", NULL
};
const char * const wb_education_levels[] = {
  "none", "primary", "vmbo", "mbo1", "mbo2", "mbo3", "mbo4", "havo_vwo", "hbo", "wo", NULL
};
const char * const wb_language_levels[] = {
  "below_a1", "a1", "a2", "b1", "b2", "c1", "native", NULL
};
const char * const wb_transport_modes[] = {
  "none", "walking", "bicycle", "public_transport", "scooter", "car", NULL
};
const char * const wb_levels3[] = { "low", "medium", "high", NULL };
const char * const wb_phases[] = {
  "intake", "diagnosis", "activation", "development", "work_ready", "placed", "after_care", "outflow", NULL
};
const char * const wb_tracks[] = { "activering", "plaatsing", NULL };
const char * const wb_client_statuses[] = { "active", "outflow", NULL };
const char * const wb_sectors[] = {
  "care", "hospitality", "retail", "logistics", "manufacturing", "construction", "cleaning",
  "green", "customer_service", "automotive", "technology", "smart_services", "medical_logistics",
  "leisure", "education", "government", "business_services", "agriculture", NULL
};
const char * const wb_event_kinds[] = {
  "intake", "referral_wsp", "diagnosis", "track_start", "track_end", "placement", "after_care",
  "outflow", "return_to_benefit", "diagnosis_signal", "note", "withdrawal", NULL
};
const char * const wb_instruments[] = {
  "language_training", "empowerment", "job_application_training", "work_experience_place",
  "participation_place", "learn_work_track", "training", "personal_budget", "trial_placement",
  "wage_cost_subsidy", "secondment", "supported_employment", "jobcoaching", "after_care_coach", NULL
};
const char * const wb_contract_types[] = {
  "permanent", "temporary", "on_call", "secondment", "work_experience", "sheltered", NULL
};
const char * const wb_outflow_types[] = { "full", "partial", NULL };
const char * const wb_evidence_kinds[] = { "education", "work", "practical", NULL };
const char * const wb_diagnosis_sources[] = {
  "competensys", "intake", "practical_diagnosis", "self_assessment", "import", NULL
};
const char * const wb_contact_kinds[] = { "visit", "call", "mail", NULL };
const char * const wb_vacancy_statuses[] = { "open", "filled", "closed", NULL };
const char * const wb_match_states[] = {
  "suggested", "shortlisted", "proposed", "interview", "placed", "rejected", "withdrawn", NULL
};
const char * const wb_action_point_statuses[] = { "open", "done", "dropped", NULL };
/* The monitor's metrics that can have a target (wb-monitor.c), and "progression" and
 * "diagnosis_coverage" of the work plans, which no monitor series has yet;
 * "durable_placements" is the older name of durable_6m. */
const char * const wb_target_metrics[] = {
  "inflow", "progression", "outflow", "placements", "durable_placements", "activated",
  "diagnosis_coverage", "to_work", "referrals", "returns", "durable_6m", "durable_12m", "caseload", "pool",
  "vacancies_open", "vacancies_filled", "benefit_saved", NULL
};
const char * const wb_target_levels[] = { "zuid_limburg", "region", "organisation", "municipality", NULL };

#define F(n, t, fl) { n, t, fl, NULL, 0, 0, NULL }
#define E(n, vals, fl) { n, WB_FIELD_ENUM, fl, vals, 0, 0, NULL }
#define I(n, lo, hi, fl) { n, WB_FIELD_INT, fl, NULL, lo, hi, NULL }
#define R(n, table, fl) { n, WB_FIELD_REF, fl, NULL, 0, 0, table }
#define RO (WB_FIELD_READONLY)
#define LIST (WB_FIELD_FILTER | WB_FIELD_SORT)
#define OPT (WB_FIELD_NULLABLE)
#define TEXT (WB_FIELD_MULTILINE)

static const WbFieldSpec organisation_fields[] = {
  F ("code", WB_FIELD_STRING, WB_FIELD_REQUIRED | WB_FIELD_IMMUTABLE | LIST),
  F ("name", WB_FIELD_STRING, WB_FIELD_REQUIRED | WB_FIELD_SORT | WB_FIELD_SEARCH),
  E ("kind", wb_organisation_kinds, WB_FIELD_REQUIRED | LIST),
  E ("region", wb_regions, WB_FIELD_REQUIRED | LIST),
};

static const WbFieldSpec municipality_fields[] = {
  F ("code", WB_FIELD_STRING, WB_FIELD_REQUIRED | WB_FIELD_IMMUTABLE | LIST),
  F ("name", WB_FIELD_STRING, WB_FIELD_REQUIRED | WB_FIELD_SORT | WB_FIELD_SEARCH),
  E ("region", wb_regions, WB_FIELD_REQUIRED | LIST),
  R ("organisation_id", "organisations", OPT | LIST),
};

static const WbFieldSpec user_fields[] = {
  R ("organisation_id", "organisations", WB_FIELD_REQUIRED | LIST),
  F ("username", WB_FIELD_STRING, WB_FIELD_REQUIRED | WB_FIELD_IMMUTABLE | LIST | WB_FIELD_SEARCH),
  F ("display_name", WB_FIELD_STRING, WB_FIELD_REQUIRED | WB_FIELD_SORT | WB_FIELD_SEARCH),
  E ("role", wb_roles, WB_FIELD_REQUIRED | LIST),
  F ("email", WB_FIELD_EMAIL, OPT),
  F ("active", WB_FIELD_BOOL, LIST),
  F ("left_at", WB_FIELD_DATE, OPT),
};

static const WbFieldSpec client_fields[] = {
  R ("organisation_id", "organisations", WB_FIELD_REQUIRED | WB_FIELD_IMMUTABLE | WB_FIELD_PUBLIC | LIST),
  R ("municipality_id", "municipalities", WB_FIELD_REQUIRED | WB_FIELD_PUBLIC | LIST),
  F ("given_name", WB_FIELD_STRING, WB_FIELD_REQUIRED | WB_FIELD_IDENTITY | WB_FIELD_SEARCH),
  F ("family_name", WB_FIELD_STRING, WB_FIELD_REQUIRED | WB_FIELD_IDENTITY | WB_FIELD_SORT | WB_FIELD_SEARCH),
  F ("bsn", WB_FIELD_BSN, WB_FIELD_REQUIRED | WB_FIELD_IDENTITY | WB_FIELD_FILTER),
  F ("street", WB_FIELD_STRING, WB_FIELD_IDENTITY | OPT),
  F ("house_number", WB_FIELD_STRING, WB_FIELD_IDENTITY | OPT),
  F ("postcode", WB_FIELD_POSTCODE, WB_FIELD_IDENTITY | OPT),
  F ("city", WB_FIELD_STRING, WB_FIELD_IDENTITY | OPT),
  F ("phone", WB_FIELD_PHONE, WB_FIELD_IDENTITY | OPT),
  F ("email", WB_FIELD_EMAIL, WB_FIELD_IDENTITY | OPT),
  F ("pc4", WB_FIELD_PC4, WB_FIELD_REQUIRED | WB_FIELD_PUBLIC | LIST),
  I ("birth_year", 1930, 2015, WB_FIELD_REQUIRED | WB_FIELD_SORT),
  E ("client_group", wb_client_groups, WB_FIELD_REQUIRED | WB_FIELD_PUBLIC | LIST),
  F ("benefit_start", WB_FIELD_DATE, OPT | WB_FIELD_SORT),
  E ("education_level", wb_education_levels, WB_FIELD_PUBLIC | OPT | LIST),
  E ("language_level", wb_language_levels, WB_FIELD_PUBLIC | OPT | LIST),
  F ("driving_licence", WB_FIELD_BOOL, WB_FIELD_PUBLIC | LIST),
  E ("transport", wb_transport_modes, WB_FIELD_PUBLIC | OPT | LIST),
  I ("max_travel_km", 0, 200, WB_FIELD_PUBLIC | OPT),
  I ("hours_available", 0, 40, WB_FIELD_PUBLIC | OPT | WB_FIELD_SORT),
  I ("work_capacity", 0, 100, OPT | WB_FIELD_SORT),
  E ("learning_ability", wb_levels3, WB_FIELD_PUBLIC | OPT),
  E ("motivation", wb_levels3, WB_FIELD_PUBLIC | OPT),
  E ("development_potential", wb_levels3, WB_FIELD_PUBLIC | OPT),
  F ("barriers", WB_FIELD_STRV, 0),
  F ("health_notes", WB_FIELD_STRING, WB_FIELD_HEALTH | OPT | TEXT),
  E ("phase", wb_phases, WB_FIELD_REQUIRED | WB_FIELD_PUBLIC | LIST),
  E ("track", wb_tracks, WB_FIELD_PUBLIC | OPT | LIST),
  R ("case_manager_id", "users", OPT | LIST),
  R ("wsp_account_manager_id", "users", OPT | LIST),
  F ("in_pool", WB_FIELD_BOOL, WB_FIELD_PUBLIC | LIST),
  E ("status", wb_client_statuses, WB_FIELD_PUBLIC | LIST),
  F ("last_activity", WB_FIELD_DATE, RO | WB_FIELD_PUBLIC | WB_FIELD_SORT),
  F ("diagnosis_date", WB_FIELD_DATE, RO | WB_FIELD_PUBLIC | WB_FIELD_SORT),
};

static const WbFieldSpec event_fields[] = {
  R ("client_id", "clients", RO | LIST),
  E ("kind", wb_event_kinds, WB_FIELD_REQUIRED | WB_FIELD_IMMUTABLE | LIST),
  F ("date", WB_FIELD_DATE, WB_FIELD_REQUIRED | WB_FIELD_SORT),
  R ("organisation_id", "organisations", RO | LIST),
  R ("author_id", "users", RO),
  R ("employer_id", "employers", OPT),
  R ("vacancy_id", "vacancies", OPT),
  E ("instrument", wb_instruments, OPT | LIST),
  I ("hours", 0, 40, OPT),
  E ("contract", wb_contract_types, OPT),
  E ("outflow_type", wb_outflow_types, OPT),
  R ("addressed_to", "organisations", OPT | LIST),
  F ("reason", WB_FIELD_STRING, OPT | TEXT),
  F ("note", WB_FIELD_STRING, OPT | TEXT),
  R ("corrects_id", "events", OPT | WB_FIELD_IMMUTABLE),
  F ("correction_reason", WB_FIELD_STRING, OPT | WB_FIELD_IMMUTABLE | TEXT),
};

static const WbFieldSpec diagnosis_fields[] = {
  R ("client_id", "clients", RO | LIST),
  F ("date", WB_FIELD_DATE, WB_FIELD_REQUIRED | WB_FIELD_SORT),
  E ("source", wb_diagnosis_sources, WB_FIELD_REQUIRED | LIST),
  R ("author_id", "users", RO),
  F ("note", WB_FIELD_STRING, OPT | TEXT),
};

static const WbFieldSpec employer_fields[] = {
  F ("kvk", WB_FIELD_KVK, WB_FIELD_REQUIRED | WB_FIELD_IMMUTABLE | WB_FIELD_FILTER),
  F ("name", WB_FIELD_STRING, WB_FIELD_REQUIRED | WB_FIELD_SORT | WB_FIELD_SEARCH),
  E ("sector", wb_sectors, WB_FIELD_REQUIRED | LIST),
  I ("employee_count", 0, 1000000, WB_FIELD_REQUIRED | LIST),
  F ("pc4", WB_FIELD_PC4, WB_FIELD_REQUIRED | LIST),
  R ("municipality_id", "municipalities", WB_FIELD_REQUIRED | LIST),
  R ("owner_id", "users", OPT | LIST),
  F ("exception_reason", WB_FIELD_STRING, OPT | TEXT),
  R ("exception_approved_by", "users", OPT),
  F ("exception_approved_at", WB_FIELD_DATE, OPT),
  F ("arrangement", WB_FIELD_BOOL, LIST),
  F ("arrangement_note", WB_FIELD_STRING, OPT),
  F ("learn_work", WB_FIELD_BOOL, LIST),
  F ("active", WB_FIELD_BOOL, LIST),
  F ("last_contact", WB_FIELD_DATE, RO | WB_FIELD_SORT),
};

static const WbFieldSpec contact_fields[] = {
  R ("employer_id", "employers", RO | LIST),
  F ("name", WB_FIELD_STRING, WB_FIELD_REQUIRED | WB_FIELD_SORT),
  F ("function", WB_FIELD_STRING, OPT),
  F ("email", WB_FIELD_EMAIL, OPT),
  F ("phone", WB_FIELD_PHONE, OPT),
};

static const WbFieldSpec contact_log_fields[] = {
  R ("employer_id", "employers", RO | LIST),
  R ("user_id", "users", RO | LIST),
  R ("organisation_id", "organisations", RO | LIST),
  F ("date", WB_FIELD_DATE, WB_FIELD_REQUIRED | WB_FIELD_SORT),
  E ("kind", wb_contact_kinds, WB_FIELD_REQUIRED | LIST),
  F ("note", WB_FIELD_STRING, OPT | TEXT),
};

static const WbFieldSpec vacancy_fields[] = {
  R ("employer_id", "employers", WB_FIELD_REQUIRED | WB_FIELD_IMMUTABLE | LIST),
  F ("title", WB_FIELD_STRING, WB_FIELD_REQUIRED | WB_FIELD_SORT | WB_FIELD_SEARCH),
  R ("occupation_id", "occupations", OPT | LIST),
  E ("sector", wb_sectors, WB_FIELD_REQUIRED | LIST),
  E ("education_level", wb_education_levels, OPT | LIST),
  I ("hours", 1, 40, WB_FIELD_REQUIRED | WB_FIELD_SORT),
  E ("contract", wb_contract_types, OPT | LIST),
  F ("pc4", WB_FIELD_PC4, WB_FIELD_REQUIRED | LIST),
  F ("licence_required", WB_FIELD_BOOL, LIST),
  I ("positions", 1, 1000, WB_FIELD_REQUIRED),
  F ("opened_at", WB_FIELD_DATE, WB_FIELD_REQUIRED | WB_FIELD_SORT),
  F ("closes_at", WB_FIELD_DATE, OPT | WB_FIELD_SORT),
  E ("status", wb_vacancy_statuses, LIST),
  F ("job_carving", WB_FIELD_BOOL, LIST),
  F ("wage_cost_subsidy", WB_FIELD_BOOL, LIST),
  F ("description", WB_FIELD_STRING, OPT | TEXT),
  R ("created_by", "users", RO),
  R ("organisation_id", "organisations", RO | LIST),
};

static const WbFieldSpec match_fields[] = {
  R ("vacancy_id", "vacancies", WB_FIELD_REQUIRED | WB_FIELD_IMMUTABLE | LIST),
  R ("client_id", "clients", WB_FIELD_REQUIRED | WB_FIELD_IMMUTABLE | LIST),
  E ("state", wb_match_states, LIST),
  { "score", WB_FIELD_REAL, RO | WB_FIELD_SORT, NULL, 0, 0, NULL },
  F ("reject_reason", WB_FIELD_STRING, OPT | TEXT),
  F ("override_reason", WB_FIELD_STRING, OPT | TEXT),
  F ("score_parts", WB_FIELD_JSON, RO),
  F ("weights", WB_FIELD_JSON, RO),
  R ("proposed_by", "users", RO | LIST),
  R ("organisation_id", "organisations", RO | LIST),
};

static const WbFieldSpec competence_fields[] = {
  F ("uri", WB_FIELD_STRING, WB_FIELD_IMMUTABLE | WB_FIELD_FILTER),
  F ("label_nl", WB_FIELD_STRING, WB_FIELD_SORT | WB_FIELD_SEARCH | OPT),
  F ("label_en", WB_FIELD_STRING, WB_FIELD_SORT | WB_FIELD_SEARCH | OPT),
  F ("kind", WB_FIELD_STRING, LIST),
  F ("source", WB_FIELD_STRING, RO | LIST),
};

static const WbFieldSpec occupation_fields[] = {
  F ("uri", WB_FIELD_STRING, WB_FIELD_IMMUTABLE | WB_FIELD_FILTER),
  F ("code", WB_FIELD_STRING, LIST),
  F ("isco_group", WB_FIELD_STRING, LIST),
  F ("label_nl", WB_FIELD_STRING, WB_FIELD_REQUIRED | WB_FIELD_SORT | WB_FIELD_SEARCH),
  F ("alt_labels", WB_FIELD_STRING, WB_FIELD_SEARCH | OPT),
  F ("source", WB_FIELD_STRING, RO | LIST),
};

static const WbFieldSpec target_fields[] = {
  E ("metric", wb_target_metrics, WB_FIELD_REQUIRED | LIST),
  E ("level", wb_target_levels, WB_FIELD_REQUIRED | LIST),
  F ("level_key", WB_FIELD_STRING, WB_FIELD_REQUIRED | LIST),
  F ("period", WB_FIELD_STRING, WB_FIELD_REQUIRED | LIST),
  I ("value", 0, 10000000, WB_FIELD_REQUIRED),
};

static const WbFieldSpec action_point_fields[] = {
  F ("text", WB_FIELD_STRING, WB_FIELD_REQUIRED | WB_FIELD_SEARCH | TEXT),
  R ("owner_id", "users", WB_FIELD_REQUIRED | LIST),
  F ("due_date", WB_FIELD_DATE, OPT | WB_FIELD_SORT),
  E ("status", wb_action_point_statuses, LIST),
  F ("quarter", WB_FIELD_STRING, WB_FIELD_REQUIRED | LIST),
  R ("organisation_id", "organisations", RO | LIST),
};

static const WbFieldSpec audit_fields[] = {
  F ("at", WB_FIELD_STRING, RO | WB_FIELD_SORT),
  R ("user_id", "users", RO | LIST),
  R ("organisation_id", "organisations", RO | LIST),
  F ("action", WB_FIELD_STRING, RO | LIST),
  F ("resource", WB_FIELD_STRING, RO | LIST),
  I ("resource_id", 0, 0, RO | LIST),
  F ("reason", WB_FIELD_STRING, RO),
};

#define SPEC(r, n, t, f, parent, ver, sort) \
  [r] = { r, n, t, f, G_N_ELEMENTS (f), parent, ver, sort }

static const WbResourceSpec resource_specs[WB_N_RESOURCES] = {
  SPEC (WB_RESOURCE_ORGANISATIONS, "organisations", "organisations", organisation_fields, NULL, TRUE, "name"),
  SPEC (WB_RESOURCE_MUNICIPALITIES, "municipalities", "municipalities", municipality_fields, NULL, TRUE, "name"),
  SPEC (WB_RESOURCE_USERS, "users", "users", user_fields, NULL, TRUE, "display_name"),
  SPEC (WB_RESOURCE_CLIENTS, "clients", "clients", client_fields, NULL, TRUE, "family_name"),
  SPEC (WB_RESOURCE_EVENTS, "events", "events", event_fields, "client_id", FALSE, "-date"),
  SPEC (WB_RESOURCE_DIAGNOSES, "diagnoses", "diagnoses", diagnosis_fields, "client_id", FALSE, "-date"),
  SPEC (WB_RESOURCE_EMPLOYERS, "employers", "employers", employer_fields, NULL, TRUE, "name"),
  SPEC (WB_RESOURCE_CONTACTS, "contacts", "employer_contacts", contact_fields, "employer_id", TRUE, "name"),
  SPEC (WB_RESOURCE_CONTACT_LOG, "contact-log", "contact_log", contact_log_fields, "employer_id", FALSE, "-date"),
  SPEC (WB_RESOURCE_VACANCIES, "vacancies", "vacancies", vacancy_fields, NULL, TRUE, "-opened_at"),
  SPEC (WB_RESOURCE_MATCHES, "matches", "matches", match_fields, NULL, TRUE, "-score"),
  SPEC (WB_RESOURCE_COMPETENCES, "competences", "competences", competence_fields, NULL, FALSE, "label_nl"),
  SPEC (WB_RESOURCE_OCCUPATIONS, "occupations", "occupations", occupation_fields, NULL, FALSE, "label_nl"),
  SPEC (WB_RESOURCE_TARGETS, "targets", "targets", target_fields, NULL, TRUE, "period"),
  SPEC (WB_RESOURCE_ACTION_POINTS, "action-points", "action_points", action_point_fields, NULL, TRUE, "due_date"),
  SPEC (WB_RESOURCE_AUDIT, "audit", "audit_log", audit_fields, NULL, FALSE, "-at"),
};

void
wb_field_error_free (WbFieldError *error)
{
  if (error == NULL)
    return;
  g_free (error->field);
  g_free (error->message);
  g_free (error);
}

const WbResourceSpec *
wb_resource_spec_get (WbResource resource)
{
  g_return_val_if_fail (resource < WB_N_RESOURCES, NULL);
  return &resource_specs[resource];
}

const WbResourceSpec *
wb_resource_spec_lookup (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < WB_N_RESOURCES; i++)
    if (strcmp (resource_specs[i].name, name) == 0)
      return &resource_specs[i];
  return NULL;
}

const WbFieldSpec *
wb_resource_spec_find_field (const WbResourceSpec *spec,
                             const char           *name)
{
  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < spec->n_fields; i++)
    if (strcmp (spec->fields[i].name, name) == 0)
      return &spec->fields[i];
  return NULL;
}

gboolean
wb_enum_contains (const char * const *values,
                  const char         *value)
{
  if (values == NULL || value == NULL)
    return FALSE;
  for (guint i = 0; values[i] != NULL; i++)
    if (strcmp (values[i], value) == 0)
      return TRUE;
  return FALSE;
}

static char *
join_values (const char * const *values)
{
  return g_strjoinv (", ", (char **) values);
}

/* Every text the API takes: UTF-8 without control characters, bar the line breaks and
 * tabs of a text of several lines. (A U+0000 never gets this far: the body is refused
 * before it is parsed, see wb-body.c.) */
static gboolean
check_text (const char  *text,
            gboolean     multiline,
            char       **message)
{
  gunichar bad;

  if (!g_utf8_validate (text, -1, NULL))
    {
      *message = g_strdup (_("is not valid UTF-8"));
      return FALSE;
    }
  if (!wb_validate_text (text, multiline, &bad))
    {
      *message = g_strdup_printf (_("may not contain the control character U+%04X"), bad);
      return FALSE;
    }
  return TRUE;
}

gboolean
wb_field_spec_check_value (const WbFieldSpec  *field,
                           JsonNode           *value,
                           char              **message)
{
  const char *s;

  g_return_val_if_fail (field != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (JSON_NODE_HOLDS_NULL (value))
    {
      if (field->flags & (WB_FIELD_NULLABLE))
        return TRUE;
      *message = g_strdup (_("may not be empty"));
      return FALSE;
    }

  switch (field->type)
    {
    case WB_FIELD_INT:
    case WB_FIELD_REF:
      {
        gint64 v;

        if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_INT64)
          {
            *message = g_strdup (_("must be a whole number"));
            return FALSE;
          }
        v = json_node_get_int (value);
        if (field->type == WB_FIELD_REF && v <= 0)
          {
            *message = g_strdup (_("must be the id of an existing record"));
            return FALSE;
          }
        if ((field->min != 0 || field->max != 0) && (v < field->min || v > field->max))
          {
            *message = g_strdup_printf (_("must be between %lld and %lld"),
                                        (long long) field->min, (long long) field->max);
            return FALSE;
          }
        return TRUE;
      }

    case WB_FIELD_REAL:
      if (!JSON_NODE_HOLDS_VALUE (value) ||
          (json_node_get_value_type (value) != G_TYPE_DOUBLE &&
           json_node_get_value_type (value) != G_TYPE_INT64))
        {
          *message = g_strdup (_("must be a number"));
          return FALSE;
        }
      return TRUE;

    case WB_FIELD_BOOL:
      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_BOOLEAN)
        {
          *message = g_strdup (_("must be true or false"));
          return FALSE;
        }
      return TRUE;

    case WB_FIELD_STRV:
      {
        JsonArray *array;

        if (!JSON_NODE_HOLDS_ARRAY (value))
          {
            *message = g_strdup (_("must be a list of texts"));
            return FALSE;
          }
        array = json_node_get_array (value);
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            JsonNode *element = json_array_get_element (array, i);

            if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
              {
                *message = g_strdup (_("must be a list of texts"));
                return FALSE;
              }
            if (!check_text (json_node_get_string (element), FALSE, message))
              return FALSE;
          }
        return TRUE;
      }

    case WB_FIELD_JSON:
      return TRUE;

    case WB_FIELD_STRING:
    case WB_FIELD_DATE:
    case WB_FIELD_ENUM:
    case WB_FIELD_BSN:
    case WB_FIELD_KVK:
    case WB_FIELD_PC4:
    case WB_FIELD_POSTCODE:
    case WB_FIELD_PHONE:
    case WB_FIELD_EMAIL:
    default:
      break;
    }

  if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
    {
      *message = g_strdup (_("must be a text"));
      return FALSE;
    }
  s = json_node_get_string (value);
  if (!check_text (s, (field->flags & WB_FIELD_MULTILINE) != 0, message))
    return FALSE;

  switch (field->type)
    {
    case WB_FIELD_STRING:
      if ((field->flags & WB_FIELD_REQUIRED) && *s == '\0')
        {
          *message = g_strdup (_("may not be empty"));
          return FALSE;
        }
      if (strlen (s) > 10000)
        {
          *message = g_strdup (_("is longer than 10,000 characters"));
          return FALSE;
        }
      return TRUE;

    case WB_FIELD_DATE:
      if (!wb_validate_date (s))
        {
          *message = g_strdup (_("must be a date written as YYYY-MM-DD"));
          return FALSE;
        }
      return TRUE;

    case WB_FIELD_ENUM:
      if (!wb_enum_contains (field->values, s))
        {
          g_autofree char *allowed = join_values (field->values);
          *message = g_strdup_printf (_("must be one of: %s"), allowed);
          return FALSE;
        }
      return TRUE;

    case WB_FIELD_BSN:
      if (!wb_validate_bsn (s))
        {
          *message = g_strdup (_("is not a valid citizen service number (BSN): nine digits that pass the eleven-test"));
          return FALSE;
        }
      return TRUE;

    case WB_FIELD_KVK:
      if (!wb_validate_kvk (s))
        {
          *message = g_strdup (_("is not a valid KvK number: eight digits"));
          return FALSE;
        }
      return TRUE;

    case WB_FIELD_PC4:
      if (!wb_validate_pc4 (s))
        {
          *message = g_strdup (_("is not a postcode area: four digits from 1000 to 9999"));
          return FALSE;
        }
      return TRUE;

    case WB_FIELD_POSTCODE:
      if (!wb_validate_postcode (s))
        {
          *message = g_strdup (_("is not a Dutch postcode such as 6411 AB"));
          return FALSE;
        }
      return TRUE;

    case WB_FIELD_PHONE:
      /* An empty text clears an optional number. */
      if (*s != '\0' && !wb_validate_phone (s))
        {
          *message = g_strdup (_("is not a telephone number such as 06-12345678 or +32 4 123 45 67"));
          return FALSE;
        }
      return TRUE;

    case WB_FIELD_EMAIL:
      if (*s != '\0' && !wb_validate_email (s))
        {
          *message = g_strdup (_("is not an e-mail address such as name@example.org"));
          return FALSE;
        }
      return TRUE;

    case WB_FIELD_INT:
    case WB_FIELD_REAL:
    case WB_FIELD_BOOL:
    case WB_FIELD_REF:
    case WB_FIELD_STRV:
    case WB_FIELD_JSON:
    default:
      g_assert_not_reached ();
    }
}

void
wb_field_errors_add (GPtrArray  *errors,
                     const char *field,
                     char       *message)
{
  WbFieldError *error = g_new0 (WbFieldError, 1);

  error->field = g_strdup (field);
  error->message = message;
  g_ptr_array_add (errors, error);
}

/* What an event of each kind must say besides its kind and date: the monitor counts
 * instruments, placements by contract and outflow split into full and partial. */
static const struct {
  const char *kind;
  const char *field;
  const char *message;
} event_requirements[] = {
  { "track_start", "instrument", N_("is required: say which instrument the track uses") },
  { "track_end", "instrument", N_("is required: say which instrument the track used") },
  { "placement", "employer_id", N_("is required: say where the client was placed") },
  { "placement", "hours", N_("is required: the hours a week of the placement") },
  { "placement", "contract", N_("is required: the kind of contract of the placement") },
  { "placement", "outflow_type", N_("is required: say whether the benefit ends fully or partly") },
  { "outflow", "outflow_type", N_("is required: say whether the benefit ends fully or partly") },
  { "outflow", "reason", N_("is required: the reason of the outflow") },
  { "return_to_benefit", "reason", N_("is required: why the client returned to benefit") },
  { "note", "note", N_("is required: write what happened; an empty note is not added") },
  { "withdrawal", "corrects_id", N_("is required: the event that is withdrawn") },
};

static gboolean
blank_text (JsonNode *value)
{
  const char *s;

  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
    return FALSE;
  for (s = json_node_get_string (value); *s != '\0'; s = g_utf8_next_char (s))
    if (!g_unichar_isspace (g_utf8_get_char (s)))
      return FALSE;
  return TRUE;
}

static void
check_event_kind (JsonObject *object,
                  GPtrArray  *errors)
{
  JsonNode *kind = json_object_get_member (object, "kind");

  if (kind == NULL || !JSON_NODE_HOLDS_VALUE (kind) || json_node_get_value_type (kind) != G_TYPE_STRING)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (event_requirements); i++)
    {
      JsonNode *value;

      if (strcmp (event_requirements[i].kind, json_node_get_string (kind)) != 0)
        continue;
      value = json_object_get_member (object, event_requirements[i].field);
      if (blank_text (value))
        wb_field_errors_add (errors, event_requirements[i].field, g_strdup (_(event_requirements[i].message)));
    }
  /* A correction or a withdrawal is recorded with who, when and why: the why is asked. */
  if (!blank_text (json_object_get_member (object, "corrects_id")) &&
      blank_text (json_object_get_member (object, "correction_reason")))
    wb_field_errors_add (errors, "correction_reason",
                         g_strdup (_("is required: say why the event is corrected or withdrawn")));
}

gboolean
wb_resource_spec_validate (const WbResourceSpec *spec,
                           JsonObject           *object,
                           gboolean              creating,
                           GPtrArray            *errors)
{
  g_autoptr(GList) members = NULL;
  guint n_before;

  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (object != NULL, FALSE);
  g_return_val_if_fail (errors != NULL, FALSE);

  n_before = errors->len;
  members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      const WbFieldSpec *field = wb_resource_spec_find_field (spec, name);
      char *message = NULL;

      if (field == NULL)
        {
          /* The fields every record has are the server's: a client that sends them back
           * learns that they are not written, rather than seeing them dropped. */
          if (strcmp (name, "id") == 0 || strcmp (name, "version") == 0 ||
              strcmp (name, "created_at") == 0 || strcmp (name, "updated_at") == 0)
            {
              wb_field_errors_add (errors, name, g_strdup (_("is set by the server and cannot be written")));
              continue;
            }
          /* A client's competences are those of its latest diagnosis: writing them on the
           * client would be accepted and lost. */
          if (strcmp (name, "competences") == 0 && spec->resource == WB_RESOURCE_CLIENTS)
            {
              wb_field_errors_add (errors, name, g_strdup (_("come from the latest diagnosis: record them with a new diagnosis")));
              continue;
            }
          /* Nested collections are checked by their own resource code. */
          if (strcmp (name, "competences") == 0 || strcmp (name, "work_experience") == 0 ||
              strcmp (name, "sector_preferences") == 0)
            continue;
          wb_field_errors_add (errors, name, g_strdup (_("is not a field of this record")));
          continue;
        }

      if (field->flags & (WB_FIELD_READONLY | WB_FIELD_SECRET))
        {
          wb_field_errors_add (errors, name, g_strdup (_("is set by the server and cannot be written")));
          continue;
        }

      if (!creating && (field->flags & WB_FIELD_IMMUTABLE))
        {
          wb_field_errors_add (errors, name, g_strdup (_("cannot be changed after the record was created")));
          continue;
        }

      if (!wb_field_spec_check_value (field, json_object_get_member (object, name), &message))
        wb_field_errors_add (errors, name, message);
    }

  if (creating)
    {
      for (guint i = 0; i < spec->n_fields; i++)
        {
          const WbFieldSpec *field = &spec->fields[i];

          if ((field->flags & WB_FIELD_REQUIRED) && !json_object_has_member (object, field->name))
            wb_field_errors_add (errors, field->name, g_strdup (_("is required")));
        }
      if (spec->resource == WB_RESOURCE_EVENTS)
        check_event_kind (object, errors);
    }

  return errors->len == n_before;
}
