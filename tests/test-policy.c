/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "test-policy"

#include "config.h"

#include <string.h>

#include "wb-core.h"

/* The central layer's rule, cell by cell: every role x resource x action x scope.
 *
 * The expectation below is written from DOMAIN.md and ARCHITECTURE.md, one row per resource
 * and one column per role (the implementation's table is the other way round), so that a
 * slip in either shows:
 *
 *   every organisation reads; only the owning organisation changes its clients; other
 *   organisations get the pseudonymous profile; full details for the owning organisation
 *   and the account manager the client was referred to; analysts see aggregates only;
 *   admins manage users.
 *
 * Where the rules leave a cell open, the choice of src/core/wb-policy.c is mirrored and the
 * comment above the row says so. */

/* One cell is "read create update", each three letters for the scopes own, referred and
 * other: A allow, P the pseudonymous profile only, - deny. */
#define R_ALL      "AAA --- ---"  /* read everything, write nothing */
#define NOTHING    "--- --- ---"
#define EVERYTHING "AAA AAA AAA"

typedef struct {
  WbResource resource;
  const char *cells[WB_N_ROLES];
} ExpectedRow;

static const ExpectedRow expected_table[] = {
  /*                              WSP acc. manager  local acc. mgr.   consultant        coordinator       analyst           admin */

  /* Reference data: every organisation reads it; analysts need the names of organisations,
   * municipalities and the taxonomy to label aggregates. Admins maintain it (open: the rules
   * say "admins manage users"; the organisation list and taxonomy are the same kind of
   * set-up work). */
  { WB_RESOURCE_ORGANISATIONS,  { R_ALL,            R_ALL,            R_ALL,            R_ALL,            R_ALL,            EVERYTHING } },
  { WB_RESOURCE_MUNICIPALITIES, { R_ALL,            R_ALL,            R_ALL,            R_ALL,            R_ALL,            EVERYTHING } },
  { WB_RESOURCE_COMPETENCES,    { R_ALL,            R_ALL,            R_ALL,            R_ALL,            R_ALL,            EVERYTHING } },
  { WB_RESOURCE_OCCUPATIONS,    { R_ALL,            R_ALL,            R_ALL,            R_ALL,            R_ALL,            EVERYTHING } },

  /* Users: admins manage users; colleagues in the chain see each other; analysts see no
   * individual records. */
  { WB_RESOURCE_USERS,          { R_ALL,            R_ALL,            R_ALL,            R_ALL,            NOTHING,          EVERYTHING } },

  /* Clients: full for the owning organisation and for the one the client was referred to,
   * the pseudonymous profile for everyone else; changes by the owning organisation only;
   * analysts nothing. Admins manage users, not clients: they read the pseudonymous profile
   * even of their own organisation (open: stricter than the rule, by data minimisation). */
  { WB_RESOURCE_CLIENTS,        { "AAP A-- A--",    "AAP A-- A--",    "AAP A-- A--",    "AAP A-- A--",    NOTHING,          "PPP --- ---" } },

  /* The timeline and the diagnoses are client details: full-detail readers only, never the
   * pseudonymous reader. Diagnoses are written by the owning organisation. Open choices:
   * the referred account manager adds events (the domain has the WSP account manager
   * signal a missing or stale diagnosis and report placements); both are append-only. */
  { WB_RESOURCE_EVENTS,         { "AA- AA- ---",    "AA- AA- ---",    "AA- A-- ---",    "AA- A-- ---",    NOTHING,          NOTHING } },
  { WB_RESOURCE_DIAGNOSES,      { "AA- A-- ---",    "AA- A-- ---",    "AA- A-- ---",    "AA- A-- ---",    NOTHING,          NOTHING } },

  /* Employer accounts: every organisation reads the account list; account managers register
   * accounts and keep them up to date, coordinators decide on everything. Open choices:
   * account managers may change an account owned by another organisation or by nobody
   * (an unowned account is "other"); the contact log is append-only. An employer is never
   * "referred", so the middle letters do not arise in practice. */
  { WB_RESOURCE_EMPLOYERS,      { "AAA AAA A--",    "AAA AAA A--",    R_ALL,            EVERYTHING,       NOTHING,          R_ALL } },
  { WB_RESOURCE_CONTACTS,       { "AAA A-A A-A",    "AAA A-A A-A",    R_ALL,            EVERYTHING,       NOTHING,          R_ALL } },
  { WB_RESOURCE_CONTACT_LOG,    { "AAA A-A ---",    "AAA A-A ---",    R_ALL,            "AAA AAA ---",    NOTHING,          R_ALL } },

  /* Vacancies: account managers collect them, also at accounts of others (a vacancy is the
   * natural moment the domain speaks of); the organisation that created one changes it. */
  { WB_RESOURCE_VACANCIES,      { "AAA A-A A--",    "AAA A-A A--",    R_ALL,            EVERYTHING,       NOTHING,          R_ALL } },

  /* Matches: account managers propose candidates from the whole pool and move proposals for
   * their own and referred clients along; consultants for their own clients. */
  { WB_RESOURCE_MATCHES,        { "AAA AAA AA-",    "AAA AAA AA-",    "AAA A-- A--",    EVERYTHING,       NOTHING,          R_ALL } },

  /* Targets are aggregates: analysts read them too; coordinators and admins set them. */
  { WB_RESOURCE_TARGETS,        { R_ALL,            R_ALL,            R_ALL,            EVERYTHING,       R_ALL,            EVERYTHING } },

  /* Action points of the quarterly intervisie of account managers. */
  { WB_RESOURCE_ACTION_POINTS,  { "AAA A-A A-A",    "AAA A-A A-A",    "AAA A-- A--",    EVERYTHING,       NOTHING,          R_ALL } },

  /* The audit log is written by the server only; coordinators read their own
   * organisation's, admins all of it. */
  { WB_RESOURCE_AUDIT,          { NOTHING,          NOTHING,          NOTHING,          "A-- --- ---",    NOTHING,          "AAA --- ---" } },
};

static WbDecision
expected_decision (WbRole     role,
                   WbResource resource,
                   WbAction   action,
                   WbScope    scope)
{
  for (guint i = 0; i < G_N_ELEMENTS (expected_table); i++)
    {
      const char *cell;
      char letter;

      if (expected_table[i].resource != resource)
        continue;
      cell = expected_table[i].cells[role];
      g_assert_cmpuint (strlen (cell), ==, 11);
      letter = cell[action * 4 + scope];
      switch (letter)
        {
        case 'A':
          return WB_DECISION_ALLOW;
        case 'P':
          return WB_DECISION_PSEUDONYMOUS;
        case '-':
          return WB_DECISION_DENY;
        default:
          g_error ("bad letter %c in the expected table", letter);
        }
    }
  g_error ("no expected row for %s", wb_resource_spec_get (resource)->name);
}

static const char *
decision_to_string (WbDecision decision)
{
  switch (decision)
    {
    case WB_DECISION_ALLOW:
      return "allow";
    case WB_DECISION_PSEUDONYMOUS:
      return "pseudonymous";
    case WB_DECISION_DENY:
    default:
      return "deny";
    }
}

static void
test_table_is_complete (void)
{
  gboolean seen[WB_N_RESOURCES] = { FALSE, };

  for (guint i = 0; i < G_N_ELEMENTS (expected_table); i++)
    {
      g_assert_cmpint (expected_table[i].resource, <, WB_N_RESOURCES);
      g_assert_false (seen[expected_table[i].resource]);
      seen[expected_table[i].resource] = TRUE;
    }
  g_assert_cmpuint (G_N_ELEMENTS (expected_table), ==, WB_N_RESOURCES);
  g_assert_cmpint (WB_N_ROLES, ==, 6);
  g_assert_cmpint (WB_N_ACTIONS, ==, 3);
  g_assert_cmpint (WB_N_SCOPES, ==, 3);
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
            WbDecision want = expected_decision (role, resource, action, scope);
            WbDecision got = wb_policy_decide (role, resource, action, scope);

            checked++;
            if (want != got)
              {
                wrong++;
                g_test_message ("policy mismatch: role %s, resource %s, action %s, scope %s: "
                                "expected %s, wb_policy_decide says %s",
                                wb_role_to_string (role), wb_resource_spec_get (resource)->name,
                                wb_action_to_string (action), wb_scope_to_string (scope),
                                decision_to_string (want), decision_to_string (got));
                g_printerr ("policy mismatch: %s %s %s %s: expected %s, got %s\n",
                            wb_role_to_string (role), wb_resource_spec_get (resource)->name,
                            wb_action_to_string (action), wb_scope_to_string (scope),
                            decision_to_string (want), decision_to_string (got));
              }
          }
  g_assert_cmpuint (checked, ==, 6 * WB_N_RESOURCES * 3 * 3);
  g_assert_cmpuint (wrong, ==, 0);
}

/* The rules themselves, checked over the whole matrix, independent of any table. */
static void
test_rules_hold_everywhere (void)
{
  guint pseudonymous = 0;

  for (WbRole role = 0; role < WB_N_ROLES; role++)
    for (WbResource resource = 0; resource < WB_N_RESOURCES; resource++)
      for (WbScope scope = 0; scope < WB_N_SCOPES; scope++)
        {
          WbDecision read = wb_policy_decide (role, resource, WB_ACTION_READ, scope);
          WbDecision create = wb_policy_decide (role, resource, WB_ACTION_CREATE, scope);
          WbDecision update = wb_policy_decide (role, resource, WB_ACTION_UPDATE, scope);

          /* The pseudonymous profile is a way of reading clients, nothing else. */
          if (read == WB_DECISION_PSEUDONYMOUS)
            {
              g_assert_cmpint (resource, ==, WB_RESOURCE_CLIENTS);
              pseudonymous++;
            }
          g_assert_cmpint (create, !=, WB_DECISION_PSEUDONYMOUS);
          g_assert_cmpint (update, !=, WB_DECISION_PSEUDONYMOUS);

          /* Whoever may change a record may read it in full. */
          if (create == WB_DECISION_ALLOW || update == WB_DECISION_ALLOW)
            g_assert_cmpint (read, ==, WB_DECISION_ALLOW);

          /* Only the owning organisation changes its clients, and their details. */
          if (resource == WB_RESOURCE_CLIENTS || resource == WB_RESOURCE_DIAGNOSES)
            {
              if (scope != WB_SCOPE_OWN)
                {
                  g_assert_cmpint (create, ==, WB_DECISION_DENY);
                  g_assert_cmpint (update, ==, WB_DECISION_DENY);
                }
            }
          if (resource == WB_RESOURCE_EVENTS && scope == WB_SCOPE_OTHER)
            g_assert_cmpint (create, ==, WB_DECISION_DENY);

          /* Other organisations never see client details in full. */
          if (scope == WB_SCOPE_OTHER &&
              (resource == WB_RESOURCE_CLIENTS || resource == WB_RESOURCE_EVENTS || resource == WB_RESOURCE_DIAGNOSES))
            g_assert_cmpint (read, !=, WB_DECISION_ALLOW);

          /* Analysts see aggregates only: no person, account or case, and they write nothing. */
          if (role == WB_ROLE_ANALYST)
            {
              g_assert_cmpint (create, ==, WB_DECISION_DENY);
              g_assert_cmpint (update, ==, WB_DECISION_DENY);
              if (resource == WB_RESOURCE_USERS || resource == WB_RESOURCE_CLIENTS ||
                  resource == WB_RESOURCE_EVENTS || resource == WB_RESOURCE_DIAGNOSES ||
                  resource == WB_RESOURCE_EMPLOYERS || resource == WB_RESOURCE_CONTACTS ||
                  resource == WB_RESOURCE_CONTACT_LOG || resource == WB_RESOURCE_VACANCIES ||
                  resource == WB_RESOURCE_MATCHES || resource == WB_RESOURCE_ACTION_POINTS ||
                  resource == WB_RESOURCE_AUDIT)
                g_assert_cmpint (read, ==, WB_DECISION_DENY);
            }

          /* Admins manage users; nobody else does. */
          if (resource == WB_RESOURCE_USERS)
            {
              g_assert_cmpint (create, ==, role == WB_ROLE_ADMIN ? WB_DECISION_ALLOW : WB_DECISION_DENY);
              g_assert_cmpint (update, ==, role == WB_ROLE_ADMIN ? WB_DECISION_ALLOW : WB_DECISION_DENY);
            }

          /* The audit log is written by the server, never through the policy. */
          if (resource == WB_RESOURCE_AUDIT)
            {
              g_assert_cmpint (create, ==, WB_DECISION_DENY);
              g_assert_cmpint (update, ==, WB_DECISION_DENY);
            }

          /* Every organisation reads the central layer: everyone but the analyst reads every
           * resource that is not a client's detail or the audit log, whoever owns it. */
          if (role != WB_ROLE_ANALYST && resource != WB_RESOURCE_CLIENTS &&
              resource != WB_RESOURCE_EVENTS && resource != WB_RESOURCE_DIAGNOSES &&
              resource != WB_RESOURCE_AUDIT)
            g_assert_cmpint (read, ==, WB_DECISION_ALLOW);
        }

  /* Four case-working roles see other organisations' clients pseudonymously, the admin in
   * every scope. */
  g_assert_cmpuint (pseudonymous, ==, 4 + 3);
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
  g_assert_cmpint (wb_policy_decide (WB_ROLE_ACCOUNT_MANAGER_WSP, WB_RESOURCE_CLIENTS, WB_ACTION_CREATE, WB_SCOPE_OTHER), ==, WB_DECISION_DENY);
  /* …others see a pseudonym, the account manager the client was referred to the person… */
  g_assert_cmpint (wb_policy_decide (WB_ROLE_ACCOUNT_MANAGER_WSP, WB_RESOURCE_CLIENTS, WB_ACTION_READ, WB_SCOPE_OTHER), ==, WB_DECISION_PSEUDONYMOUS);
  g_assert_cmpint (wb_policy_decide (WB_ROLE_ACCOUNT_MANAGER_WSP, WB_RESOURCE_CLIENTS, WB_ACTION_READ, WB_SCOPE_REFERRED), ==, WB_DECISION_ALLOW);
  g_assert_cmpint (wb_policy_decide (WB_ROLE_ACCOUNT_MANAGER_LOCAL, WB_RESOURCE_DIAGNOSES, WB_ACTION_READ, WB_SCOPE_OTHER), ==, WB_DECISION_DENY);
  /* …analysts count, admins manage users. */
  g_assert_cmpint (wb_policy_decide (WB_ROLE_ANALYST, WB_RESOURCE_CLIENTS, WB_ACTION_READ, WB_SCOPE_OWN), ==, WB_DECISION_DENY);
  g_assert_cmpint (wb_policy_decide (WB_ROLE_ANALYST, WB_RESOURCE_TARGETS, WB_ACTION_READ, WB_SCOPE_OWN), ==, WB_DECISION_ALLOW);
  g_assert_cmpint (wb_policy_decide (WB_ROLE_ADMIN, WB_RESOURCE_USERS, WB_ACTION_UPDATE, WB_SCOPE_OTHER), ==, WB_DECISION_ALLOW);
  g_assert_cmpint (wb_policy_decide (WB_ROLE_COORDINATOR, WB_RESOURCE_USERS, WB_ACTION_CREATE, WB_SCOPE_OWN), ==, WB_DECISION_DENY);

  for (WbRole role = 0; role < WB_N_ROLES; role++)
    g_assert_true (wb_policy_can_aggregate (role));

  /* A diagnosis signal: whoever reads the client, also pseudonymously, but not analysts
   * (who read no client) and admins (who take no part in cases). */
  g_assert_true (wb_policy_can_signal_diagnosis (WB_ROLE_ACCOUNT_MANAGER_WSP, WB_SCOPE_OTHER));
  g_assert_true (wb_policy_can_signal_diagnosis (WB_ROLE_CONSULTANT, WB_SCOPE_OTHER));
  g_assert_true (wb_policy_can_signal_diagnosis (WB_ROLE_COORDINATOR, WB_SCOPE_REFERRED));
  g_assert_false (wb_policy_can_signal_diagnosis (WB_ROLE_ANALYST, WB_SCOPE_OTHER));
  g_assert_false (wb_policy_can_signal_diagnosis (WB_ROLE_ADMIN, WB_SCOPE_OTHER));
}

static void
test_names_round_trip (void)
{
  static const char * const roles[] = {
    "account_manager_wsp", "account_manager_local", "consultant", "coordinator", "analyst", "admin",
  };
  WbRole role = WB_N_ROLES;

  for (WbRole r = 0; r < WB_N_ROLES; r++)
    {
      g_assert_cmpstr (wb_role_to_string (r), ==, roles[r]);
      g_assert_true (wb_role_from_string (roles[r], &role));
      g_assert_cmpint (role, ==, r);
    }
  role = WB_ROLE_ANALYST;
  g_assert_false (wb_role_from_string ("superuser", &role));
  g_assert_false (wb_role_from_string ("Admin", &role));
  g_assert_false (wb_role_from_string ("", &role));
  g_assert_false (wb_role_from_string (NULL, &role));
  g_assert_cmpint (role, ==, WB_ROLE_ANALYST);

  g_assert_cmpstr (wb_action_to_string (WB_ACTION_READ), ==, "read");
  g_assert_cmpstr (wb_action_to_string (WB_ACTION_CREATE), ==, "create");
  g_assert_cmpstr (wb_action_to_string (WB_ACTION_UPDATE), ==, "update");
  g_assert_cmpstr (wb_scope_to_string (WB_SCOPE_OWN), ==, "own");
  g_assert_cmpstr (wb_scope_to_string (WB_SCOPE_REFERRED), ==, "referred");
  g_assert_cmpstr (wb_scope_to_string (WB_SCOPE_OTHER), ==, "other");
}

/* Pseudonymisation of a client record */

#define FULL_CLIENT \
  "{\"id\":42,\"version\":3,\"created_at\":\"2026-01-02T10:00:00Z\",\"updated_at\":\"2026-03-04T10:00:00Z\"," \
  "\"organisation_id\":1,\"municipality_id\":2,\"given_name\":\"Anna\",\"family_name\":\"Janssen\"," \
  "\"bsn\":\"111222333\",\"street\":\"Akerstraat\",\"house_number\":\"12a\",\"postcode\":\"6411 AB\"," \
  "\"city\":\"Heerlen\",\"phone\":\"0612345678\",\"email\":\"anna@example.invalid\",\"pc4\":\"6411\"," \
  "\"birth_year\":1990,\"client_group\":\"ww\",\"benefit_start\":\"2025-05-01\"," \
  "\"education_level\":\"mbo2\",\"language_level\":\"b1\",\"driving_licence\":true," \
  "\"transport\":\"bicycle\",\"max_travel_km\":15,\"hours_available\":24,\"work_capacity\":65," \
  "\"learning_ability\":\"medium\",\"motivation\":\"high\",\"development_potential\":\"medium\"," \
  "\"barriers\":[\"schulden\",\"mantelzorg\"],\"health_notes\":\"rugklachten\",\"phase\":\"development\"," \
  "\"track\":\"plaatsing\",\"case_manager_id\":7,\"wsp_account_manager_id\":9,\"in_pool\":true," \
  "\"status\":\"active\",\"last_activity\":\"2026-03-01\",\"diagnosis_date\":\"2026-02-01\"," \
  "\"competences\":[{\"competence_id\":11,\"label\":\"Heftruck rijden\",\"level\":4,\"evidence\":\"work\"}," \
  "{\"competence_id\":12,\"label\":\"Klantgericht werken\",\"level\":3,\"evidence\":\"practical\"}]," \
  "\"work_experience\":[{\"occupation_id\":5,\"label\":\"Magazijnmedewerker\",\"years\":2.5}]," \
  "\"sector_preferences\":[\"logistics\",\"care\"]}"

static JsonObject *
pseudonymised (const char *json,
               int         this_year)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (json, &error);
  JsonObject *client;

  g_assert_no_error (error);
  client = json_object_ref (json_node_get_object (node));
  wb_policy_pseudonymise_client (client, this_year);
  return client;
}

static void
test_pseudonymise_client (void)
{
  /* Identity, health, barriers, the exact work capacity and age, and who handles the case. */
  static const char * const gone[] = {
    "given_name", "family_name", "bsn", "street", "house_number", "postcode", "city", "phone", "email",
    "birth_year", "benefit_start", "work_capacity", "health_notes", "barriers", "case_manager_id",
    "wsp_account_manager_id", "version", "created_at", "updated_at",
  };
  /* The pseudonymous candidate profile: area, competences, capacity band, availability. */
  static const char * const kept[] = {
    "id", "organisation_id", "municipality_id", "pc4", "client_group", "education_level", "language_level",
    "driving_licence", "transport", "max_travel_km", "hours_available", "learning_ability", "motivation",
    "development_potential", "phase", "track", "in_pool", "status", "last_activity", "diagnosis_date",
    "competences", "work_experience", "sector_preferences",
    "pseudonym", "age_band", "capacity_band", "pseudonymous",
  };
  g_autoptr(JsonObject) client = pseudonymised (FULL_CLIENT, 2026);
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), client);
  g_autofree char *text = json_to_string (node, FALSE);
  JsonArray *competences;

  for (guint i = 0; i < G_N_ELEMENTS (gone); i++)
    {
      g_test_message ("gone: %s", gone[i]);
      g_assert_false (json_object_has_member (client, gone[i]));
    }
  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    {
      g_test_message ("kept: %s", kept[i]);
      g_assert_true (json_object_has_member (client, kept[i]));
    }
  g_assert_cmpuint (json_object_get_size (client), ==, G_N_ELEMENTS (kept));

  g_assert_cmpstr (json_object_get_string_member (client, "pseudonym"), ==, "K-000042");
  g_assert_cmpstr (json_object_get_string_member (client, "age_band"), ==, "35-44");
  g_assert_cmpstr (json_object_get_string_member (client, "capacity_band"), ==, "30-80");
  g_assert_true (json_object_get_boolean_member (client, "pseudonymous"));
  g_assert_cmpstr (json_object_get_string_member (client, "pc4"), ==, "6411");
  g_assert_cmpint (json_object_get_int_member (client, "hours_available"), ==, 24);
  g_assert_cmpint (json_object_get_int_member (client, "id"), ==, 42);

  /* Competences are kept whole. */
  competences = json_object_get_array_member (client, "competences");
  g_assert_cmpuint (json_array_get_length (competences), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (competences, 0), "competence_id"), ==, 11);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (competences, 0), "level"), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (competences, 1), "label"), ==,
                   "Klantgericht werken");

  /* Nothing that names the person is left anywhere in the text. */
  for (const char * const *word = (const char * const[]) { "Anna", "Janssen", "111222333", "Akerstraat", "6411 AB",
                                                           "0612345678", "anna@", "rugklachten", "schulden", "1990", NULL };
       *word != NULL; word++)
    {
      g_test_message ("word: %s", *word);
      g_assert_null (strstr (text, *word));
    }
}

static void
test_pseudonymise_bands (void)
{
  g_autoptr(JsonObject) young = pseudonymised ("{\"id\":7,\"birth_year\":2005,\"work_capacity\":85}", 2026);
  g_autoptr(JsonObject) low = pseudonymised ("{\"id\":1234567,\"birth_year\":1960,\"work_capacity\":20}", 2026);
  g_autoptr(JsonObject) unknown = pseudonymised ("{\"id\":8,\"given_name\":\"Bram\"}", 2026);
  g_autoptr(JsonObject) null_capacity = pseudonymised ("{\"id\":9,\"birth_year\":1980,\"work_capacity\":null}", 2026);

  g_assert_cmpstr (json_object_get_string_member (young, "pseudonym"), ==, "K-000007");
  g_assert_cmpstr (json_object_get_string_member (young, "age_band"), ==, "18-24");
  g_assert_cmpstr (json_object_get_string_member (young, "capacity_band"), ==, "80-100");

  g_assert_cmpstr (json_object_get_string_member (low, "pseudonym"), ==, "K-1234567");
  g_assert_cmpstr (json_object_get_string_member (low, "age_band"), ==, "65+");
  g_assert_cmpstr (json_object_get_string_member (low, "capacity_band"), ==, "<30");

  /* Without a birth year or capacity there is no band, rather than a made-up one. */
  g_assert_false (json_object_has_member (unknown, "age_band"));
  g_assert_false (json_object_has_member (unknown, "capacity_band"));
  g_assert_false (json_object_has_member (unknown, "given_name"));
  g_assert_cmpstr (json_object_get_string_member (unknown, "pseudonym"), ==, "K-000008");
  g_assert_cmpuint (json_object_get_size (unknown), ==, 3);  /* id, pseudonym, pseudonymous */

  g_assert_cmpstr (json_object_get_string_member (null_capacity, "age_band"), ==, "45-54");
  g_assert_false (json_object_has_member (null_capacity, "capacity_band"));
  g_assert_false (json_object_has_member (null_capacity, "work_capacity"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/policy/expected-table-is-complete", test_table_is_complete);
  g_test_add_func ("/core/policy/every-cell", test_every_cell);
  g_test_add_func ("/core/policy/rules-hold-everywhere", test_rules_hold_everywhere);
  g_test_add_func ("/core/policy/central-layer-sentence", test_the_central_sentence);
  g_test_add_func ("/core/policy/names-round-trip", test_names_round_trip);
  g_test_add_func ("/core/policy/pseudonymise-client", test_pseudonymise_client);
  g_test_add_func ("/core/policy/pseudonymise-bands", test_pseudonymise_bands);

  return g_test_run ();
}
