/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-labels"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wb-labels.h"

typedef struct {
  const char *field;
  const char *value;
  const char *label;
} Label;

static const Label labels[] = {
  { "client_group", "participatiewet", N_("Participation Act") },
  { "client_group", "ww", N_("Unemployment benefit (WW)") },
  { "client_group", "wajong", N_("Wajong") },
  { "client_group", "wia", N_("WIA") },
  { "client_group", "wsw", N_("Sheltered work (Wsw)") },
  { "client_group", "nieuw_beschut", N_("New sheltered work") },
  { "client_group", "statushouder", N_("Status holder") },
  { "client_group", "school_leaver", N_("School leaver") },
  { "client_group", "doelgroepregister", N_("Job-guarantee register") },
  { "client_group", "nugger", N_("No benefit") },
  { "phase", "intake", N_("Intake") },
  { "phase", "diagnosis", N_("Diagnosis") },
  { "phase", "activation", N_("Activation") },
  { "phase", "development", N_("Development") },
  { "phase", "work_ready", N_("Work-ready") },
  { "phase", "placed", N_("Placed") },
  { "phase", "after_care", N_("After-care") },
  { "phase", "outflow", N_("Outflow") },
  { "track", "activering", N_("Activation") },
  { "track", "plaatsing", N_("Placement") },
  { "education_level", "none", N_("None") },
  { "education_level", "primary", N_("Primary school") },
  { "education_level", "vmbo", N_("VMBO") },
  { "education_level", "mbo1", N_("MBO 1") },
  { "education_level", "mbo2", N_("MBO 2") },
  { "education_level", "mbo3", N_("MBO 3") },
  { "education_level", "mbo4", N_("MBO 4") },
  { "education_level", "havo_vwo", N_("HAVO/VWO") },
  { "education_level", "hbo", N_("HBO") },
  { "education_level", "wo", N_("University") },
  { "language_level", "below_a1", N_("Below A1") },
  { "language_level", "a1", N_("A1") },
  { "language_level", "a2", N_("A2") },
  { "language_level", "b1", N_("B1") },
  { "language_level", "b2", N_("B2") },
  { "language_level", "c1", N_("C1") },
  { "language_level", "native", N_("Native speaker") },
  { "transport", "none", N_("None") },
  { "transport", "walking", N_("Walking") },
  { "transport", "bicycle", N_("Bicycle") },
  { "transport", "public_transport", N_("Public transport") },
  { "transport", "scooter", N_("Scooter") },
  { "transport", "car", N_("Car") },
  { "level", "low", N_("Low") },
  { "level", "medium", N_("Medium") },
  { "level", "high", N_("High") },
  { "status", "active", N_("Active") },
  { "status", "outflow", N_("Outflow") },
  { "evidence", "education", N_("Education") },
  { "evidence", "work", N_("Work") },
  { "evidence", "practical", N_("Practical") },
  { "kind", "intake", N_("Intake") },
  { "kind", "referral_wsp", N_("Referred to the WSP") },
  { "kind", "diagnosis", N_("Diagnosis") },
  { "kind", "track_start", N_("Track started") },
  { "kind", "track_end", N_("Track ended") },
  { "kind", "placement", N_("Placement") },
  { "kind", "after_care", N_("After-care") },
  { "kind", "outflow", N_("Outflow") },
  { "kind", "return_to_benefit", N_("Returned to benefit") },
  { "kind", "diagnosis_signal", N_("Diagnosis missing or stale") },
  { "kind", "note", N_("Note") },
  { "kind", "withdrawal", N_("Withdrawal") },
  { "instrument", "language_training", N_("Language training") },
  { "instrument", "empowerment", N_("Empowerment") },
  { "instrument", "job_application_training", N_("Job application training") },
  { "instrument", "work_experience_place", N_("Work experience place") },
  { "instrument", "participation_place", N_("Participation place") },
  { "instrument", "learn_work_track", N_("Learn-work track") },
  { "instrument", "training", N_("Training") },
  { "instrument", "personal_budget", N_("Personal re-integration budget") },
  { "instrument", "trial_placement", N_("Trial placement") },
  { "instrument", "wage_cost_subsidy", N_("Wage-cost subsidy") },
  { "instrument", "secondment", N_("Secondment") },
  { "instrument", "supported_employment", N_("Supported employment") },
  { "instrument", "jobcoaching", N_("Jobcoaching") },
  { "instrument", "after_care_coach", N_("After-care coach") },
  { "contract", "permanent", N_("Permanent") },
  { "contract", "temporary", N_("Temporary") },
  { "contract", "on_call", N_("On call") },
  { "contract", "secondment", N_("Secondment") },
  { "contract", "work_experience", N_("Work experience") },
  { "contract", "sheltered", N_("Sheltered work") },
  { "outflow_type", "full", N_("Full: the benefit ends") },
  { "outflow_type", "partial", N_("Partial: the benefit goes down") },
  { "sector", "care", N_("Care") },
  { "sector", "hospitality", N_("Hospitality") },
  { "sector", "retail", N_("Retail") },
  { "sector", "logistics", N_("Logistics") },
  { "sector", "manufacturing", N_("Manufacturing") },
  { "sector", "construction", N_("Construction") },
  { "sector", "cleaning", N_("Cleaning") },
  { "sector", "green", N_("Green spaces") },
  { "sector", "customer_service", N_("Customer service") },
  { "sector", "automotive", N_("Automotive") },
  { "sector", "technology", N_("Technology") },
  { "sector", "smart_services", N_("Smart services") },
  { "sector", "medical_logistics", N_("Medical logistics") },
  { "sector", "leisure", N_("Leisure") },
  { "sector", "education", N_("Education") },
  { "sector", "government", N_("Government") },
  { "sector", "business_services", N_("Business services") },
  { "sector", "agriculture", N_("Agriculture") },
  /* Barriers are free words; these are the ones the intake forms use. */
  { "barrier", "schulden", N_("Debts") },
  { "barrier", "gezondheid", N_("Health") },
  { "barrier", "kinderopvang", N_("Childcare") },
  { "barrier", "taal", N_("Language") },
  { "barrier", "vervoer", N_("Transport") },
  { "barrier", "huisvesting", N_("Housing") },
  { "contact_kind", "visit", N_("Visit") },
  { "contact_kind", "call", N_("Call") },
  { "contact_kind", "mail", N_("Mail") },
  { "vacancy_status", "open", N_("Open") },
  { "vacancy_status", "filled", N_("Filled") },
  { "vacancy_status", "closed", N_("Closed") },
  { "review_kind", "dormant", N_("Dormant") },
  { "review_kind", "duplicate", N_("Possible duplicate") },
  { "role", "account_manager_wsp", N_("WSP account manager") },
  { "role", "account_manager_local", N_("Local account manager") },
  { "role", "consultant", N_("Consultant") },
  { "role", "coordinator", N_("Coordinator") },
  { "role", "analyst", N_("Analyst") },
  { "role", "admin", N_("Administrator") },
};

const char *
wb_label_for_enum (const char *field,
                   const char *value)
{
  if (value == NULL || *value == '\0')
    return "—";

  /* The three-level scales share their words. */
  if (g_strcmp0 (field, "learning_ability") == 0 || g_strcmp0 (field, "motivation") == 0 ||
      g_strcmp0 (field, "development_potential") == 0)
    field = "level";

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (strcmp (labels[i].field, field) == 0 && strcmp (labels[i].value, value) == 0)
      return _(labels[i].label);
  return value;
}

const char *
wb_label_for_role (const char *role)
{
  return wb_label_for_enum ("role", role);
}

const char *
wb_style_for_account_status (WbAccountStatus status)
{
  switch (status)
    {
    case WB_ACCOUNT_STATUS_OK:
      return "success";
    case WB_ACCOUNT_STATUS_EXCEPTION_APPROVED:
      return "accent";
    case WB_ACCOUNT_STATUS_EXCEPTION_PENDING:
    case WB_ACCOUNT_STATUS_NATURAL_MOMENT_RETURN:
    case WB_ACCOUNT_STATUS_RECHECK_SIZE:
      return "warning";
    case WB_ACCOUNT_STATUS_VIOLATION_WRONG_OWNER_TYPE:
    case WB_ACCOUNT_STATUS_VIOLATION_WRONG_MUNICIPALITY:
    case WB_ACCOUNT_STATUS_NO_OWNER:
    case WB_ACCOUNT_STATUS_OWNER_LEFT:
    case WB_N_ACCOUNT_STATUSES:
    default:
      return "error";
    }
}
