/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-policy"

#include "config.h"

#include <string.h>

#include "wb-policy.h"
#include "wb-validate.h"

/* The central layer's rule as one table. Each cell holds, for one action, the decision per
 * scope in the order own organisation, referred, other organisation:
 *   A = allow, P = pseudonymous profile only, - = deny.
 * Every organisation reads; only the owning organisation changes its clients; analysts see
 * aggregates only; admins manage users and reference data. */
typedef struct {
  const char *read;
  const char *create;
  const char *update;
} WbPolicyCell;

#define ALL_READ    { "AAA", "---", "---" }
#define NONE        { "---", "---", "---" }

static const WbPolicyCell policy_table[WB_N_ROLES][WB_N_RESOURCES] = {
  [WB_ROLE_ACCOUNT_MANAGER_WSP] = {
    [WB_RESOURCE_ORGANISATIONS]  = ALL_READ,
    [WB_RESOURCE_MUNICIPALITIES] = ALL_READ,
    [WB_RESOURCE_USERS]          = ALL_READ,
    [WB_RESOURCE_CLIENTS]        = { "AAP", "A--", "A--" },
    [WB_RESOURCE_EVENTS]         = { "AA-", "AA-", "---" },
    [WB_RESOURCE_DIAGNOSES]      = { "AA-", "A--", "---" },
    [WB_RESOURCE_EMPLOYERS]      = { "AAA", "AAA", "A--" },
    [WB_RESOURCE_CONTACTS]       = { "AAA", "A-A", "A-A" },
    [WB_RESOURCE_CONTACT_LOG]    = { "AAA", "A-A", "---" },
    [WB_RESOURCE_VACANCIES]      = { "AAA", "A-A", "A--" },
    [WB_RESOURCE_MATCHES]        = { "AAA", "AAA", "AA-" },
    [WB_RESOURCE_COMPETENCES]    = ALL_READ,
    [WB_RESOURCE_OCCUPATIONS]    = ALL_READ,
    [WB_RESOURCE_TARGETS]        = ALL_READ,
    [WB_RESOURCE_ACTION_POINTS]  = { "AAA", "A-A", "A-A" },
    [WB_RESOURCE_AUDIT]          = NONE,
  },
  [WB_ROLE_ACCOUNT_MANAGER_LOCAL] = {
    [WB_RESOURCE_ORGANISATIONS]  = ALL_READ,
    [WB_RESOURCE_MUNICIPALITIES] = ALL_READ,
    [WB_RESOURCE_USERS]          = ALL_READ,
    [WB_RESOURCE_CLIENTS]        = { "AAP", "A--", "A--" },
    [WB_RESOURCE_EVENTS]         = { "AA-", "AA-", "---" },
    [WB_RESOURCE_DIAGNOSES]      = { "AA-", "A--", "---" },
    [WB_RESOURCE_EMPLOYERS]      = { "AAA", "AAA", "A--" },
    [WB_RESOURCE_CONTACTS]       = { "AAA", "A-A", "A-A" },
    [WB_RESOURCE_CONTACT_LOG]    = { "AAA", "A-A", "---" },
    [WB_RESOURCE_VACANCIES]      = { "AAA", "A-A", "A--" },
    [WB_RESOURCE_MATCHES]        = { "AAA", "AAA", "AA-" },
    [WB_RESOURCE_COMPETENCES]    = ALL_READ,
    [WB_RESOURCE_OCCUPATIONS]    = ALL_READ,
    [WB_RESOURCE_TARGETS]        = ALL_READ,
    [WB_RESOURCE_ACTION_POINTS]  = { "AAA", "A-A", "A-A" },
    [WB_RESOURCE_AUDIT]          = NONE,
  },
  [WB_ROLE_CONSULTANT] = {
    [WB_RESOURCE_ORGANISATIONS]  = ALL_READ,
    [WB_RESOURCE_MUNICIPALITIES] = ALL_READ,
    [WB_RESOURCE_USERS]          = ALL_READ,
    [WB_RESOURCE_CLIENTS]        = { "AAP", "A--", "A--" },
    [WB_RESOURCE_EVENTS]         = { "AA-", "A--", "---" },
    [WB_RESOURCE_DIAGNOSES]      = { "AA-", "A--", "---" },
    [WB_RESOURCE_EMPLOYERS]      = ALL_READ,
    [WB_RESOURCE_CONTACTS]       = ALL_READ,
    [WB_RESOURCE_CONTACT_LOG]    = ALL_READ,
    [WB_RESOURCE_VACANCIES]      = ALL_READ,
    [WB_RESOURCE_MATCHES]        = { "AAA", "A--", "A--" },
    [WB_RESOURCE_COMPETENCES]    = ALL_READ,
    [WB_RESOURCE_OCCUPATIONS]    = ALL_READ,
    [WB_RESOURCE_TARGETS]        = ALL_READ,
    [WB_RESOURCE_ACTION_POINTS]  = { "AAA", "A--", "A--" },
    [WB_RESOURCE_AUDIT]          = NONE,
  },
  [WB_ROLE_COORDINATOR] = {
    [WB_RESOURCE_ORGANISATIONS]  = ALL_READ,
    [WB_RESOURCE_MUNICIPALITIES] = ALL_READ,
    [WB_RESOURCE_USERS]          = ALL_READ,
    [WB_RESOURCE_CLIENTS]        = { "AAP", "A--", "A--" },
    [WB_RESOURCE_EVENTS]         = { "AA-", "A--", "---" },
    [WB_RESOURCE_DIAGNOSES]      = { "AA-", "A--", "---" },
    [WB_RESOURCE_EMPLOYERS]      = { "AAA", "AAA", "AAA" },
    [WB_RESOURCE_CONTACTS]       = { "AAA", "AAA", "AAA" },
    [WB_RESOURCE_CONTACT_LOG]    = { "AAA", "AAA", "---" },
    [WB_RESOURCE_VACANCIES]      = { "AAA", "AAA", "AAA" },
    [WB_RESOURCE_MATCHES]        = { "AAA", "AAA", "AAA" },
    [WB_RESOURCE_COMPETENCES]    = ALL_READ,
    [WB_RESOURCE_OCCUPATIONS]    = ALL_READ,
    [WB_RESOURCE_TARGETS]        = { "AAA", "AAA", "AAA" },
    [WB_RESOURCE_ACTION_POINTS]  = { "AAA", "AAA", "AAA" },
    [WB_RESOURCE_AUDIT]          = { "A--", "---", "---" },
  },
  [WB_ROLE_ANALYST] = {
    [WB_RESOURCE_ORGANISATIONS]  = ALL_READ,
    [WB_RESOURCE_MUNICIPALITIES] = ALL_READ,
    [WB_RESOURCE_USERS]          = NONE,
    [WB_RESOURCE_CLIENTS]        = NONE,
    [WB_RESOURCE_EVENTS]         = NONE,
    [WB_RESOURCE_DIAGNOSES]      = NONE,
    [WB_RESOURCE_EMPLOYERS]      = NONE,
    [WB_RESOURCE_CONTACTS]       = NONE,
    [WB_RESOURCE_CONTACT_LOG]    = NONE,
    [WB_RESOURCE_VACANCIES]      = NONE,
    [WB_RESOURCE_MATCHES]        = NONE,
    [WB_RESOURCE_COMPETENCES]    = ALL_READ,
    [WB_RESOURCE_OCCUPATIONS]    = ALL_READ,
    [WB_RESOURCE_TARGETS]        = ALL_READ,
    [WB_RESOURCE_ACTION_POINTS]  = NONE,
    [WB_RESOURCE_AUDIT]          = NONE,
  },
  [WB_ROLE_ADMIN] = {
    [WB_RESOURCE_ORGANISATIONS]  = { "AAA", "AAA", "AAA" },
    [WB_RESOURCE_MUNICIPALITIES] = { "AAA", "AAA", "AAA" },
    [WB_RESOURCE_USERS]          = { "AAA", "AAA", "AAA" },
    [WB_RESOURCE_CLIENTS]        = { "PPP", "---", "---" },
    [WB_RESOURCE_EVENTS]         = NONE,
    [WB_RESOURCE_DIAGNOSES]      = NONE,
    [WB_RESOURCE_EMPLOYERS]      = ALL_READ,
    [WB_RESOURCE_CONTACTS]       = ALL_READ,
    [WB_RESOURCE_CONTACT_LOG]    = ALL_READ,
    [WB_RESOURCE_VACANCIES]      = ALL_READ,
    [WB_RESOURCE_MATCHES]        = ALL_READ,
    [WB_RESOURCE_COMPETENCES]    = { "AAA", "AAA", "AAA" },
    [WB_RESOURCE_OCCUPATIONS]    = { "AAA", "AAA", "AAA" },
    [WB_RESOURCE_TARGETS]        = { "AAA", "AAA", "AAA" },
    [WB_RESOURCE_ACTION_POINTS]  = ALL_READ,
    [WB_RESOURCE_AUDIT]          = { "AAA", "---", "---" },
  },
};

WbDecision
wb_policy_decide (WbRole     role,
                  WbResource resource,
                  WbAction   action,
                  WbScope    scope)
{
  const WbPolicyCell *cell;
  const char *row;

  g_return_val_if_fail (role < WB_N_ROLES, WB_DECISION_DENY);
  g_return_val_if_fail (resource < WB_N_RESOURCES, WB_DECISION_DENY);
  g_return_val_if_fail (action < WB_N_ACTIONS, WB_DECISION_DENY);
  g_return_val_if_fail (scope < WB_N_SCOPES, WB_DECISION_DENY);

  cell = &policy_table[role][resource];
  row = action == WB_ACTION_READ ? cell->read : action == WB_ACTION_CREATE ? cell->create : cell->update;

  /* A missing row is a resource nobody wrote a rule for: deny. */
  if (row == NULL)
    return WB_DECISION_DENY;

  switch (row[scope])
    {
    case 'A':
      return WB_DECISION_ALLOW;
    case 'P':
      return action == WB_ACTION_READ ? WB_DECISION_PSEUDONYMOUS : WB_DECISION_DENY;
    default:
      return WB_DECISION_DENY;
    }
}

gboolean
wb_policy_can_signal_diagnosis (WbRole  role,
                                WbScope scope)
{
  return role != WB_ROLE_ANALYST && role != WB_ROLE_ADMIN &&
         wb_policy_decide (role, WB_RESOURCE_CLIENTS, WB_ACTION_READ, scope) != WB_DECISION_DENY;
}

/* The monitor per role: whose aggregates, and whether a cell lists persons. */
static const struct {
  WbMonitorAccess access;
  gboolean lists_persons;
} monitor_table[WB_N_ROLES] = {
  [WB_ROLE_ACCOUNT_MANAGER_WSP]   = { WB_MONITOR_ACCESS_ALL_ORGANISATIONS, FALSE },
  [WB_ROLE_ACCOUNT_MANAGER_LOCAL] = { WB_MONITOR_ACCESS_ALL_ORGANISATIONS, FALSE },
  [WB_ROLE_CONSULTANT]            = { WB_MONITOR_ACCESS_ALL_ORGANISATIONS, FALSE },
  [WB_ROLE_COORDINATOR]           = { WB_MONITOR_ACCESS_ALL_ORGANISATIONS, FALSE },
  [WB_ROLE_ANALYST]               = { WB_MONITOR_ACCESS_ALL_ORGANISATIONS, FALSE },
  [WB_ROLE_ADMIN]                 = { WB_MONITOR_ACCESS_ALL_ORGANISATIONS, FALSE },
};

WbMonitorAccess
wb_policy_monitor_access (WbRole role)
{
  g_return_val_if_fail (role < WB_N_ROLES, WB_MONITOR_ACCESS_NONE);
  return monitor_table[role].access;
}

gboolean
wb_policy_monitor_lists_persons (WbRole role)
{
  g_return_val_if_fail (role < WB_N_ROLES, FALSE);
  return monitor_table[role].lists_persons;
}

gboolean
wb_policy_can_aggregate (WbRole role)
{
  return role < WB_N_ROLES && wb_policy_monitor_access (role) != WB_MONITOR_ACCESS_NONE;
}

gboolean
wb_role_from_string (const char *text,
                     WbRole     *role)
{
  g_return_val_if_fail (role != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  for (guint i = 0; i < WB_N_ROLES; i++)
    if (strcmp (wb_roles[i], text) == 0)
      {
        *role = i;
        return TRUE;
      }
  return FALSE;
}

const char *
wb_role_to_string (WbRole role)
{
  g_return_val_if_fail (role < WB_N_ROLES, NULL);
  return wb_roles[role];
}

const char *
wb_action_to_string (WbAction action)
{
  static const char * const names[] = { "read", "create", "update" };

  g_return_val_if_fail (action < WB_N_ACTIONS, NULL);
  return names[action];
}

const char *
wb_scope_to_string (WbScope scope)
{
  static const char * const names[] = { "own", "referred", "other" };

  g_return_val_if_fail (scope < WB_N_SCOPES, NULL);
  return names[scope];
}

void
wb_policy_pseudonymise_client (JsonObject *client,
                               int         this_year)
{
  const WbResourceSpec *spec = wb_resource_spec_get (WB_RESOURCE_CLIENTS);
  gint64 id = json_object_get_int_member_with_default (client, "id", 0);
  gint64 birth_year = json_object_get_int_member_with_default (client, "birth_year", 0);
  gint64 capacity = json_object_get_int_member_with_default (client, "work_capacity", -1);
  g_autoptr(GList) members = json_object_get_members (client);
  g_autofree char *pseudonym = NULL;

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      const WbFieldSpec *field = wb_resource_spec_find_field (spec, name);

      /* Keep the id and the nested competences, work experience and sector preferences; drop
       * every field that is not marked public, which takes identity, health and free text with
       * it, and the version and timestamps: a pseudonymous reader never writes. */
      if (field == NULL)
        {
          if (strcmp (name, "id") != 0 && strcmp (name, "competences") != 0 &&
              strcmp (name, "work_experience") != 0 && strcmp (name, "sector_preferences") != 0)
            json_object_remove_member (client, name);
          continue;
        }
      if (!(field->flags & WB_FIELD_PUBLIC))
        json_object_remove_member (client, name);
    }

  pseudonym = g_strdup_printf ("K-%06" G_GINT64_FORMAT, id);
  json_object_set_string_member (client, "pseudonym", pseudonym);
  if (birth_year > 0)
    {
      g_autofree char *band = wb_age_band ((int) birth_year, this_year);
      json_object_set_string_member (client, "age_band", band);
    }
  if (capacity >= 0)
    json_object_set_string_member (client, "capacity_band", wb_capacity_band ((int) capacity));
  json_object_set_boolean_member (client, "pseudonymous", TRUE);
}
