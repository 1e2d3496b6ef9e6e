/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The central layer's rule, cell by cell: every role × resource × action × scope. The
 * expectation below is written from DOMAIN.md on its own, not copied from the policy table,
 * so that a slip in either shows. */

#include "config.h"

#include <string.h>

#include "wb-core.h"

typedef enum { D, A, P } Expect;  /* deny, allow, pseudonymous */

/* Who changes what, per the domain: */
static Expect
expected (WbRole     role,
          WbResource resource,
          WbAction   action,
          WbScope    scope)
{
  gboolean account_manager = role == WB_ROLE_ACCOUNT_MANAGER_WSP || role == WB_ROLE_ACCOUNT_MANAGER_LOCAL;
  gboolean worker = account_manager || role == WB_ROLE_CONSULTANT || role == WB_ROLE_COORDINATOR;
  gboolean own = scope == WB_SCOPE_OWN;

  switch (resource)
    {
    /* Reference data: everyone reads, admins maintain. */
    case WB_RESOURCE_ORGANISATIONS:
    case WB_RESOURCE_MUNICIPALITIES:
    case WB_RESOURCE_COMPETENCES:
    case WB_RESOURCE_OCCUPATIONS:
      if (action == WB_ACTION_READ)
        return A;
      return role == WB_ROLE_ADMIN ? A : D;

    /* Users: colleagues see each other; analysts see aggregates only; admins manage users. */
    case WB_RESOURCE_USERS:
      if (role == WB_ROLE_ANALYST)
        return D;
      if (action == WB_ACTION_READ)
        return A;
      return role == WB_ROLE_ADMIN ? A : D;

    /* Clients: the owning organisation reads and changes them in full; the account manager
     * the client was referred to reads in full; other organisations read the pseudonymous
     * profile; analysts see no records; admins manage users, not clients, and read
     * pseudonymously only. */
    case WB_RESOURCE_CLIENTS:
      if (role == WB_ROLE_ANALYST)
        return D;
      if (role == WB_ROLE_ADMIN)
        return action == WB_ACTION_READ ? P : D;
      if (action == WB_ACTION_READ)
        return scope == WB_SCOPE_OTHER ? P : A;
      return own ? A : D;

    /* Timelines and diagnoses belong to the client: the owner reads and writes; a referred
     * account manager reads the timeline and diagnoses and logs events (a placement, a
     * signal); other organisations do not see them. Diagnoses are written by the owner only. */
    case WB_RESOURCE_EVENTS:
    case WB_RESOURCE_DIAGNOSES:
      if (!worker)
        return D;
      if (action == WB_ACTION_READ)
        return scope == WB_SCOPE_OTHER ? D : A;
      if (action == WB_ACTION_UPDATE)
        return D;  /* the timeline is kept as written */
      if (own)
        return A;
      return scope == WB_SCOPE_REFERRED && account_manager && resource == WB_RESOURCE_EVENTS ? A : D;

    /* Employers: everyone but analysts reads the account list. Account managers register
     * accounts; the owner's organisation and coordinators change them. */
    case WB_RESOURCE_EMPLOYERS:
      if (role == WB_ROLE_ANALYST)
        return D;
      if (action == WB_ACTION_READ)
        return A;
      if (role == WB_ROLE_COORDINATOR)
        return A;
      if (!account_manager)
        return D;
      if (action == WB_ACTION_CREATE)
        return A;
      return scope == WB_SCOPE_REFERRED ? D : A;

    /* Contact persons and the contact log: account managers of any organisation log contact
     * (the owner is warned), coordinators too; the log is kept as written. */
    case WB_RESOURCE_CONTACTS:
    case WB_RESOURCE_CONTACT_LOG:
      if (role == WB_ROLE_ANALYST)
        return D;
      if (action == WB_ACTION_READ)
        return A;
      if (resource == WB_RESOURCE_CONTACT_LOG && action == WB_ACTION_UPDATE)
        return D;
      if (role == WB_ROLE_COORDINATOR)
        return A;
      if (!account_manager)
        return D;
      return scope == WB_SCOPE_REFERRED ? D : A;

    /* Vacancies: account managers collect them; the creating organisation and coordinators
     * change them. */
    case WB_RESOURCE_VACANCIES:
      if (role == WB_ROLE_ANALYST)
        return D;
      if (action == WB_ACTION_READ)
        return A;
      if (role == WB_ROLE_COORDINATOR)
        return A;
      if (!account_manager)
        return D;
      if (action == WB_ACTION_CREATE)
        return scope == WB_SCOPE_REFERRED ? D : A;
      return own ? A : D;

    /* Matches: account managers propose any candidate and advance their own proposals;
     * consultants propose their own clients; coordinators oversee all. */
    case WB_RESOURCE_MATCHES:
      if (role == WB_ROLE_ANALYST)
        return D;
      if (action == WB_ACTION_READ)
        return A;
      if (role == WB_ROLE_COORDINATOR)
        return A;
      if (role == WB_ROLE_CONSULTANT)
        return own ? A : D;
      if (!account_manager)
        return D;
      if (action == WB_ACTION_CREATE)
        return A;
      return scope == WB_SCOPE_OTHER ? D : A;

    /* Targets: everyone reads (analysts too); coordinators and admins set them. */
    case WB_RESOURCE_TARGETS:
      if (action == WB_ACTION_READ)
        return A;
      return role == WB_ROLE_COORDINATOR || role == WB_ROLE_ADMIN ? A : D;

    /* Action points of the intervisie: the participants read and write; consultants for
     * their own organisation; admins read. */
    case WB_RESOURCE_ACTION_POINTS:
      if (role == WB_ROLE_ANALYST)
        return D;
      if (action == WB_ACTION_READ)
        return A;
      if (role == WB_ROLE_ADMIN)
        return D;
      if (role == WB_ROLE_COORDINATOR)
        return A;
      if (role == WB_ROLE_CONSULTANT)
        return own ? A : D;
      return scope == WB_SCOPE_REFERRED ? D : A;

    /* The audit log: read by coordinators for their own organisation and by admins; written
     * by the server only. */
    case WB_RESOURCE_AUDIT:
      if (action != WB_ACTION_READ)
        return D;
      if (role == WB_ROLE_ADMIN)
        return A;
      return role == WB_ROLE_COORDINATOR && own ? A : D;

    case WB_N_RESOURCES:
    default:
      g_assert_not_reached ();
    }
}

static void
test_every_cell (void)
{
  guint checked = 0, wrong = 0;

  for (WbRole role = 0; role < WB_N_ROLES; role++)
    for (WbResource resource = 0; resource < WB_N_RESOURCES; resource++)
      for (WbAction action = 0; action < WB_N_ACTIONS; action++)
        for (WbScope scope = 0; scope < WB_N_SCOPES; scope++)
          {
            static const WbDecision as_decision[] = { WB_DECISION_DENY, WB_DECISION_ALLOW, WB_DECISION_PSEUDONYMOUS };
            WbDecision want = as_decision[expected (role, resource, action, scope)];
            WbDecision got = wb_policy_decide (role, resource, action, scope);

            checked++;
            if (want != got)
              {
                wrong++;
                g_printerr ("policy: %s %s %s %s: expected %d, got %d\n",
                            wb_role_to_string (role), wb_resource_spec_get (resource)->name,
                            wb_action_to_string (action), wb_scope_to_string (scope), want, got);
              }
          }
  g_assert_cmpuint (checked, ==, WB_N_ROLES * WB_N_RESOURCES * WB_N_ACTIONS * WB_N_SCOPES);
  g_assert_cmpuint (wrong, ==, 0);
}

/* A few cells spelled out, as the domain states them. */
static void
test_the_central_sentence (void)
{
  /* Every organisation reads… */
  for (WbRole role = 0; role < WB_N_ROLES; role++)
    g_assert_cmpint (wb_policy_decide (role, WB_RESOURCE_ORGANISATIONS, WB_ACTION_READ, WB_SCOPE_OTHER), ==, WB_DECISION_ALLOW);
  /* …changes stay with the local part… */
  g_assert_cmpint (wb_policy_decide (WB_ROLE_CONSULTANT, WB_RESOURCE_CLIENTS, WB_ACTION_UPDATE, WB_SCOPE_OWN), ==, WB_DECISION_ALLOW);
  g_assert_cmpint (wb_policy_decide (WB_ROLE_CONSULTANT, WB_RESOURCE_CLIENTS, WB_ACTION_UPDATE, WB_SCOPE_OTHER), ==, WB_DECISION_DENY);
  g_assert_cmpint (wb_policy_decide (WB_ROLE_ACCOUNT_MANAGER_WSP, WB_RESOURCE_CLIENTS, WB_ACTION_UPDATE, WB_SCOPE_REFERRED), ==, WB_DECISION_DENY);
  /* …and others see a pseudonym. */
  g_assert_cmpint (wb_policy_decide (WB_ROLE_ACCOUNT_MANAGER_WSP, WB_RESOURCE_CLIENTS, WB_ACTION_READ, WB_SCOPE_OTHER), ==, WB_DECISION_PSEUDONYMOUS);
  g_assert_cmpint (wb_policy_decide (WB_ROLE_ACCOUNT_MANAGER_WSP, WB_RESOURCE_CLIENTS, WB_ACTION_READ, WB_SCOPE_REFERRED), ==, WB_DECISION_ALLOW);
  g_assert_cmpint (wb_policy_decide (WB_ROLE_ANALYST, WB_RESOURCE_CLIENTS, WB_ACTION_READ, WB_SCOPE_OWN), ==, WB_DECISION_DENY);
  g_assert_true (wb_policy_can_aggregate (WB_ROLE_ANALYST));
}

static void
test_roles_round_trip (void)
{
  WbRole role;

  for (WbRole r = 0; r < WB_N_ROLES; r++)
    {
      g_assert_true (wb_role_from_string (wb_role_to_string (r), &role));
      g_assert_cmpint (role, ==, r);
    }
  g_assert_false (wb_role_from_string ("superuser", &role));
  g_assert_false (wb_role_from_string (NULL, &role));
}

static void
test_pseudonymise (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *client;
  g_autofree char *json = NULL;

  g_assert_true (json_parser_load_from_data (parser,
    "{\"id\":42,\"version\":3,\"organisation_id\":1,\"municipality_id\":2,\"given_name\":\"Anna\","
    "\"family_name\":\"Janssen\",\"bsn\":\"111222333\",\"street\":\"Akerstraat\",\"house_number\":\"1\","
    "\"postcode\":\"6411 AB\",\"city\":\"Heerlen\",\"phone\":\"06\",\"email\":\"a@b\",\"pc4\":\"6411\","
    "\"birth_year\":1990,\"client_group\":\"ww\",\"work_capacity\":65,\"health_notes\":\"rug\","
    "\"barriers\":[\"schulden\"],\"case_manager_id\":7,\"hours_available\":24,\"phase\":\"development\","
    "\"competences\":[{\"competence_id\":1,\"level\":3}]}", -1, NULL));
  client = json_node_get_object (json_parser_get_root (parser));
  wb_policy_pseudonymise_client (client, 2026);

  for (const char * const *gone = (const char * const[]) { "given_name", "family_name", "bsn", "street",
         "house_number", "postcode", "city", "phone", "email", "birth_year", "work_capacity", "health_notes",
         "barriers", "case_manager_id", "version", NULL }; *gone != NULL; gone++)
    g_assert_false (json_object_has_member (client, *gone));

  g_assert_cmpstr (json_object_get_string_member (client, "pseudonym"), ==, "K-000042");
  g_assert_cmpstr (json_object_get_string_member (client, "age_band"), ==, "35-44");
  g_assert_cmpstr (json_object_get_string_member (client, "capacity_band"), ==, "30-80");
  g_assert_cmpstr (json_object_get_string_member (client, "pc4"), ==, "6411");
  g_assert_cmpint (json_object_get_int_member (client, "hours_available"), ==, 24);
  g_assert_true (json_object_has_member (client, "competences"));
  g_assert_true (json_object_get_boolean_member (client, "pseudonymous"));
  json = json_to_string (json_parser_get_root (parser), FALSE);
  g_assert_null (strstr (json, "Janssen"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/policy/every-cell", test_every_cell);
  g_test_add_func ("/core/policy/central-layer-sentence", test_the_central_sentence);
  g_test_add_func ("/core/policy/roles-round-trip", test_roles_round_trip);
  g_test_add_func ("/core/policy/pseudonymise-client", test_pseudonymise);

  return g_test_run ();
}
