/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

/* The <25 / ≥25 rule of the closed account list, case by case. Names are made up. */

#define G_LOG_DOMAIN "test-account-rules"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>

#include "wb-account-rules.h"
#include "wb-locale.h"

#define TODAY "2026-03-15"

enum { NONE, WSP_AM, LOCAL_AM, CONSULTANT, WSP_ROLE_AT_ISD, LOCAL_ROLE_AT_WSP };

/* One account: the owner by kind, and the facts that matter. */
typedef struct {
  const char *what;
  gint64 employees;
  int owner;
  gboolean owner_left;
  gboolean serves;
  gboolean crossed;
  const char *exception_reason;
  gboolean approved;
  const char *vacancy;
  WbAccountStatus status;
  WbOwnerType expected;
  WbOwnerType owner_type;
} RuleCase;

#define S(x) WB_ACCOUNT_STATUS_##x
#define T(x) WB_OWNER_TYPE_##x

static const RuleCase cases[] = {
  /* The plain rule and its boundary. */
  { "wsp owns 40", 40, WSP_AM, FALSE, FALSE, FALSE, NULL, FALSE, NULL, S (OK), T (WSP), T (WSP) },
  { "local owns 10 in its municipality", 10, LOCAL_AM, FALSE, TRUE, FALSE, NULL, FALSE, NULL, S (OK), T (LOCAL), T (LOCAL) },
  { "local owns 24", 24, LOCAL_AM, FALSE, TRUE, FALSE, NULL, FALSE, NULL, S (OK), T (LOCAL), T (LOCAL) },
  { "local owns 25", 25, LOCAL_AM, FALSE, TRUE, FALSE, NULL, FALSE, NULL, S (VIOLATION_WRONG_OWNER_TYPE), T (WSP), T (LOCAL) },
  { "local owns 26", 26, LOCAL_AM, FALSE, TRUE, FALSE, NULL, FALSE, NULL, S (VIOLATION_WRONG_OWNER_TYPE), T (WSP), T (LOCAL) },
  { "wsp owns 24", 24, WSP_AM, FALSE, TRUE, FALSE, NULL, FALSE, NULL, S (VIOLATION_WRONG_OWNER_TYPE), T (LOCAL), T (WSP) },
  { "wsp owns 25", 25, WSP_AM, FALSE, FALSE, FALSE, NULL, FALSE, NULL, S (OK), T (WSP), T (WSP) },
  { "wsp owns 26", 26, WSP_AM, FALSE, FALSE, FALSE, NULL, FALSE, NULL, S (OK), T (WSP), T (WSP) },
  { "wsp owns 0", 0, WSP_AM, FALSE, FALSE, FALSE, NULL, FALSE, NULL, S (VIOLATION_WRONG_OWNER_TYPE), T (LOCAL), T (WSP) },

  /* The municipality of a local owner. */
  { "local owns 10 elsewhere", 10, LOCAL_AM, FALSE, FALSE, FALSE, NULL, FALSE, NULL, S (VIOLATION_WRONG_MUNICIPALITY), T (LOCAL), T (LOCAL) },
  { "local owns 24 elsewhere", 24, LOCAL_AM, FALSE, FALSE, FALSE, NULL, FALSE, NULL, S (VIOLATION_WRONG_MUNICIPALITY), T (LOCAL), T (LOCAL) },
  { "wsp owns 40, serving does not matter", 40, WSP_AM, FALSE, TRUE, FALSE, NULL, FALSE, NULL, S (OK), T (WSP), T (WSP) },

  /* No owner, an owner who left. */
  { "nobody owns 10", 10, NONE, FALSE, FALSE, FALSE, NULL, FALSE, NULL, S (NO_OWNER), T (LOCAL), T (NONE) },
  { "nobody owns 40", 40, NONE, FALSE, FALSE, FALSE, NULL, FALSE, NULL, S (NO_OWNER), T (WSP), T (NONE) },
  { "left wsp owner of 40", 40, WSP_AM, TRUE, FALSE, FALSE, NULL, FALSE, NULL, S (OWNER_LEFT), T (WSP), T (WSP) },
  { "left local owner of 10", 10, LOCAL_AM, TRUE, TRUE, FALSE, NULL, FALSE, NULL, S (OWNER_LEFT), T (LOCAL), T (LOCAL) },
  { "left owner of an exception", 40, LOCAL_AM, TRUE, TRUE, FALSE, "goede ingang", TRUE, NULL, S (OWNER_LEFT), T (WSP), T (LOCAL) },

  /* Owners who are not the right kind of account manager. */
  { "consultant owns 10", 10, CONSULTANT, FALSE, TRUE, FALSE, NULL, FALSE, NULL, S (VIOLATION_WRONG_OWNER_TYPE), T (LOCAL), T (NONE) },
  { "consultant owns 40", 40, CONSULTANT, FALSE, TRUE, FALSE, NULL, FALSE, NULL, S (VIOLATION_WRONG_OWNER_TYPE), T (WSP), T (NONE) },
  { "wsp role outside a wsp", 40, WSP_ROLE_AT_ISD, FALSE, TRUE, FALSE, NULL, FALSE, NULL, S (VIOLATION_WRONG_OWNER_TYPE), T (WSP), T (NONE) },
  { "local role at a wsp", 10, LOCAL_ROLE_AT_WSP, FALSE, TRUE, FALSE, NULL, FALSE, NULL, S (VIOLATION_WRONG_OWNER_TYPE), T (LOCAL), T (NONE) },
  { "consultant, crossed", 30, CONSULTANT, FALSE, TRUE, TRUE, NULL, FALSE, NULL, S (VIOLATION_WRONG_OWNER_TYPE), T (WSP), T (NONE) },

  /* Exceptions. */
  { "approved exception", 40, LOCAL_AM, FALSE, TRUE, FALSE, "goede ingang", TRUE, NULL, S (EXCEPTION_APPROVED), T (WSP), T (LOCAL) },
  { "approved exception at 25", 25, LOCAL_AM, FALSE, FALSE, FALSE, "goede ingang", TRUE, NULL, S (EXCEPTION_APPROVED), T (WSP), T (LOCAL) },
  { "pending exception", 40, LOCAL_AM, FALSE, TRUE, FALSE, "goede ingang", FALSE, NULL, S (EXCEPTION_PENDING), T (WSP), T (LOCAL) },
  { "pending exception, crossed", 26, LOCAL_AM, FALSE, TRUE, TRUE, "goede ingang", FALSE, NULL, S (EXCEPTION_PENDING), T (WSP), T (LOCAL) },
  { "exception fields on a small account", 10, LOCAL_AM, FALSE, TRUE, FALSE, "goede ingang", TRUE, NULL, S (OK), T (LOCAL), T (LOCAL) },
  { "exception fields at a wsp owner", 40, WSP_AM, FALSE, FALSE, FALSE, "goede ingang", TRUE, "2026-03-01", S (OK), T (WSP), T (WSP) },

  /* Natural moments. */
  { "vacancy at an excepted account", 40, LOCAL_AM, FALSE, TRUE, FALSE, "goede ingang", TRUE, "2026-03-01", S (NATURAL_MOMENT_RETURN), T (WSP), T (LOCAL) },
  { "reason withdrawn (empty)", 40, LOCAL_AM, FALSE, TRUE, FALSE, "", TRUE, NULL, S (NATURAL_MOMENT_RETURN), T (WSP), T (LOCAL) },
  { "reason withdrawn (none)", 40, LOCAL_AM, FALSE, TRUE, FALSE, NULL, TRUE, NULL, S (NATURAL_MOMENT_RETURN), T (WSP), T (LOCAL) },
  { "vacancy at a pending exception", 40, LOCAL_AM, FALSE, TRUE, FALSE, "goede ingang", FALSE, "2026-03-01", S (EXCEPTION_PENDING), T (WSP), T (LOCAL) },

  /* Crossing 25. */
  { "rose to 26 under a local owner", 26, LOCAL_AM, FALSE, TRUE, TRUE, NULL, FALSE, NULL, S (RECHECK_SIZE), T (WSP), T (LOCAL) },
  { "rose to 25 under a local owner", 25, LOCAL_AM, FALSE, TRUE, TRUE, NULL, FALSE, NULL, S (RECHECK_SIZE), T (WSP), T (LOCAL) },
  { "fell to 24 under a wsp owner", 24, WSP_AM, FALSE, FALSE, TRUE, NULL, FALSE, NULL, S (RECHECK_SIZE), T (LOCAL), T (WSP) },
  { "fell to 24 under a local owner", 24, LOCAL_AM, FALSE, TRUE, TRUE, NULL, FALSE, NULL, S (OK), T (LOCAL), T (LOCAL) },
  { "rose to 25 under a wsp owner", 25, WSP_AM, FALSE, FALSE, TRUE, NULL, FALSE, NULL, S (OK), T (WSP), T (WSP) },
  { "crossed, nobody owns it", 30, NONE, FALSE, FALSE, TRUE, NULL, FALSE, NULL, S (NO_OWNER), T (WSP), T (NONE) },
  { "crossed, owner left", 30, LOCAL_AM, TRUE, TRUE, TRUE, NULL, FALSE, NULL, S (OWNER_LEFT), T (WSP), T (LOCAL) },
  { "crossed, approved exception", 30, LOCAL_AM, FALSE, TRUE, TRUE, "goede ingang", TRUE, NULL, S (EXCEPTION_APPROVED), T (WSP), T (LOCAL) },
};

static void
fill_facts (const RuleCase  *c,
            WbAccountFacts  *facts)
{
  memset (facts, 0, sizeof *facts);
  facts->employee_count = c->employees;
  facts->size_crossed = c->crossed;
  facts->municipality_name = "Heerlen";
  facts->today = TODAY;
  facts->last_contact = "2026-02-01";
  if (c->owner != NONE)
    {
      facts->owner_id = 7;
      facts->owner_name = "Lotte Lokaal";
      facts->owner_active = !c->owner_left;
      facts->owner_serves_municipality = c->serves;
      switch (c->owner)
        {
        case WSP_AM:
          facts->owner_role = "account_manager_wsp";
          facts->owner_organisation_kind = "wsp";
          facts->owner_organisation_name = "WSP Parkstad";
          break;
        case LOCAL_AM:
          facts->owner_role = "account_manager_local";
          facts->owner_organisation_kind = "work_company";
          facts->owner_organisation_name = "Werkbedrijf Heerlen";
          break;
        case CONSULTANT:
          facts->owner_role = "consultant";
          facts->owner_organisation_kind = "social_service";
          facts->owner_organisation_name = "ISD Zuid";
          break;
        case WSP_ROLE_AT_ISD:
          facts->owner_role = "account_manager_wsp";
          facts->owner_organisation_kind = "social_service";
          facts->owner_organisation_name = "ISD Zuid";
          break;
        case LOCAL_ROLE_AT_WSP:
          facts->owner_role = "account_manager_local";
          facts->owner_organisation_kind = "wsp";
          facts->owner_organisation_name = "WSP Parkstad";
          break;
        default:
          g_assert_not_reached ();
        }
    }
  facts->exception_reason = c->exception_reason;
  if (c->approved)
    {
      facts->exception_approved_by = 3;
      facts->exception_approved_by_name = "Cor Coördinator";
      facts->exception_approved_at = "2025-06-01";
    }
  facts->vacancy_since_exception = c->vacancy;
}

static void
test_rule_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const RuleCase *c = &cases[i];
      WbAccountFacts facts;
      g_autoptr(WbAccountVerdict) verdict = NULL;

      fill_facts (c, &facts);
      verdict = wb_account_rules_evaluate (&facts);
      g_test_message ("%s -> %s", c->what, wb_account_status_to_string (verdict->status));
      if (verdict->status != c->status)
        g_error ("%s: status %s, expected %s", c->what,
                 wb_account_status_to_string (verdict->status), wb_account_status_to_string (c->status));
      g_assert_cmpint (verdict->expected_owner_type, ==, c->expected);
      g_assert_cmpint (verdict->owner_type, ==, c->owner_type);
      g_assert_false (verdict->dormant);

      /* A queue reason exactly when the queue needs the account. */
      g_assert_cmpint (verdict->reason != NULL, ==, wb_account_status_needs_review (c->status));
      g_assert_nonnull (verdict->explanation);
      g_assert_true (g_str_has_prefix (verdict->explanation, "This employer has "));
      if (c->owner != NONE)
        g_assert_nonnull (strstr (verdict->explanation, "Lotte Lokaal"));
      /* The queue shows the owner next to the reason; the reason names them where the
       * problem is the owner. */
      if (verdict->reason != NULL && c->owner != NONE && c->status != WB_ACCOUNT_STATUS_NATURAL_MOMENT_RETURN)
        g_assert_nonnull (strstr (verdict->reason, "Lotte Lokaal"));
    }
}

/* Every status occurs in the table, so that no branch of the rule goes untested. */
static void
test_every_status_covered (void)
{
  gboolean seen[WB_N_ACCOUNT_STATUSES] = { FALSE, };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    seen[cases[i].status] = TRUE;
  for (guint s = 0; s < WB_N_ACCOUNT_STATUSES; s++)
    if (!seen[s])
      g_error ("no case for %s", wb_account_status_to_string (s));
}

static const char *
explain (const RuleCase *c)
{
  static char *last = NULL;
  WbAccountFacts facts;
  g_autoptr(WbAccountVerdict) verdict = NULL;

  fill_facts (c, &facts);
  verdict = wb_account_rules_evaluate (&facts);
  g_free (last);
  last = g_steal_pointer (&verdict->explanation);
  return last;
}

static const RuleCase *
find_case (const char *what)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    if (g_str_equal (cases[i].what, what))
      return &cases[i];
  g_assert_not_reached ();
}

/* The words the account page shows, in full for the main situations. */
static void
test_explanations (void)
{
  g_assert_cmpstr (explain (find_case ("approved exception")), ==,
                   "This employer has 40 employees, so it belongs with a WSP account manager. "
                   "Lotte Lokaal, a local account manager, keeps it as an approved exception (goede ingang), "
                   "approved by Cor Coördinator on 1 Jun 2025.");
  g_assert_cmpstr (explain (find_case ("wsp owns 40")), ==,
                   "This employer has 40 employees, so it belongs with a WSP account manager. "
                   "Lotte Lokaal, a WSP account manager of WSP Parkstad, owns it.");
  g_assert_cmpstr (explain (find_case ("local owns 10 in its municipality")), ==,
                   "This employer has 10 employees, so it belongs with a local account manager of Heerlen. "
                   "Lotte Lokaal of Werkbedrijf Heerlen, which serves Heerlen, owns it.");
  g_assert_cmpstr (explain (find_case ("local owns 10 elsewhere")), ==,
                   "This employer has 10 employees, so it belongs with a local account manager of Heerlen. "
                   "Lotte Lokaal of Werkbedrijf Heerlen owns it, but Werkbedrijf Heerlen does not serve Heerlen.");
  g_assert_cmpstr (explain (find_case ("pending exception")), ==,
                   "This employer has 40 employees, so it belongs with a WSP account manager. "
                   "Lotte Lokaal, a local account manager, keeps it with the reason “goede ingang”, "
                   "but no coordinator has approved this exception yet.");
  g_assert_cmpstr (explain (find_case ("vacancy at an excepted account")), ==,
                   "This employer has 40 employees, so it belongs with a WSP account manager. "
                   "Lotte Lokaal, a local account manager, keeps it as an exception (goede ingang), but a vacancy "
                   "opened on 1 Mar 2026, after the approval on 1 Jun 2025: a natural moment to return it to the WSP.");
  g_assert_cmpstr (explain (find_case ("nobody owns 40")), ==,
                   "This employer has 40 employees, so it belongs with a WSP account manager. "
                   "No account manager owns it: a coordinator should assign one.");
  g_assert_cmpstr (explain (find_case ("left local owner of 10")), ==,
                   "This employer has 10 employees, so it belongs with a local account manager of Heerlen. "
                   "Its owner, Lotte Lokaal, has left: a coordinator should assign a new owner.");
  g_assert_cmpstr (explain (find_case ("fell to 24 under a wsp owner")), ==,
                   "This employer has 24 employees, so it belongs with a local account manager of Heerlen. "
                   "Its employee count fell below 25 while Lotte Lokaal, a WSP account manager, owns it: "
                   "a coordinator should look at the owner again.");
  g_assert_cmpstr (explain (find_case ("rose to 26 under a local owner")), ==,
                   "This employer has 26 employees, so it belongs with a WSP account manager. "
                   "Its employee count rose to 25 or more while Lotte Lokaal, a local account manager, owns it: "
                   "a coordinator should look at the owner again.");
}

static void
test_explanation_singular_and_dormant (void)
{
  WbAccountFacts facts;
  g_autoptr(WbAccountVerdict) one = NULL;
  g_autoptr(WbAccountVerdict) quiet = NULL;
  g_autoptr(WbAccountVerdict) never = NULL;

  fill_facts (find_case ("local owns 10 in its municipality"), &facts);
  facts.employee_count = 1;
  facts.municipality_name = NULL;
  one = wb_account_rules_evaluate (&facts);
  g_assert_cmpstr (one->explanation, ==,
                   "This employer has 1 employee, so it belongs with a local account manager of the municipality "
                   "where it sits. Lotte Lokaal of Werkbedrijf Heerlen, which serves (unknown), owns it.");

  fill_facts (find_case ("wsp owns 40"), &facts);
  facts.last_contact = "2025-09-14";
  quiet = wb_account_rules_evaluate (&facts);
  g_assert_true (quiet->dormant);
  g_assert_cmpint (quiet->status, ==, WB_ACCOUNT_STATUS_OK);
  g_assert_null (quiet->reason);
  g_assert_true (g_str_has_suffix (quiet->explanation,
                                   " There has been no contact for more than six months: the last was on 14 Sep 2025."));

  facts.last_contact = NULL;
  never = wb_account_rules_evaluate (&facts);
  g_assert_true (never->dormant);
  g_assert_true (g_str_has_suffix (never->explanation, " No contact has been recorded."));

  /* A new account is not dormant for want of contact until it is six months old. */
  {
    g_autoptr(WbAccountVerdict) fresh = NULL;
    g_autoptr(WbAccountVerdict) old = NULL;

    facts.since = "2025-09-15";
    fresh = wb_account_rules_evaluate (&facts);
    g_assert_false (fresh->dormant);
    g_assert_true (g_str_has_suffix (fresh->explanation, "owns it."));
    facts.since = "2025-09-14";
    old = wb_account_rules_evaluate (&facts);
    g_assert_true (old->dormant);
  }
}

static void
test_dormant_boundaries (void)
{
  /* Six months before 2026-03-15 is 2025-09-15. */
  g_assert_false (wb_account_is_dormant ("2026-03-15", "2026-03-15"));
  g_assert_false (wb_account_is_dormant ("2025-09-16", "2026-03-15"));  /* 6 months minus a day */
  g_assert_false (wb_account_is_dormant ("2025-09-15", "2026-03-15"));  /* exactly 6 months */
  g_assert_true (wb_account_is_dormant ("2025-09-14", "2026-03-15"));   /* 6 months plus a day */
  g_assert_true (wb_account_is_dormant ("2024-01-01", "2026-03-15"));
  g_assert_true (wb_account_is_dormant (NULL, "2026-03-15"));
  g_assert_true (wb_account_is_dormant ("", "2026-03-15"));
  g_assert_true (wb_account_is_dormant ("not a date", "2026-03-15"));

  /* At the end of a month: six months before 31 August is the last day of February. */
  g_assert_false (wb_account_is_dormant ("2026-02-28", "2026-08-31"));
  g_assert_true (wb_account_is_dormant ("2026-02-27", "2026-08-31"));
  /* Over a new year. */
  g_assert_false (wb_account_is_dormant ("2025-07-02", "2026-01-02"));
  g_assert_true (wb_account_is_dormant ("2025-07-01", "2026-01-02"));
}

static void
test_size_crossing (void)
{
  g_assert_cmpint (wb_account_expected_owner_type (24), ==, WB_OWNER_TYPE_LOCAL);
  g_assert_cmpint (wb_account_expected_owner_type (25), ==, WB_OWNER_TYPE_WSP);
  g_assert_cmpint (wb_account_expected_owner_type (26), ==, WB_OWNER_TYPE_WSP);
  g_assert_cmpint (wb_account_expected_owner_type (0), ==, WB_OWNER_TYPE_LOCAL);

  g_assert_true (wb_account_size_crossed (24, 25));
  g_assert_true (wb_account_size_crossed (25, 24));
  g_assert_true (wb_account_size_crossed (10, 400));
  g_assert_true (wb_account_size_crossed (26, 24));
  g_assert_false (wb_account_size_crossed (24, 24));
  g_assert_false (wb_account_size_crossed (25, 26));
  g_assert_false (wb_account_size_crossed (26, 25));
  g_assert_false (wb_account_size_crossed (23, 24));
  g_assert_false (wb_account_size_crossed (1, 0));
}

static void
test_owner_types (void)
{
  g_assert_cmpint (wb_account_owner_type ("account_manager_wsp", "wsp"), ==, WB_OWNER_TYPE_WSP);
  g_assert_cmpint (wb_account_owner_type ("account_manager_local", "municipality"), ==, WB_OWNER_TYPE_LOCAL);
  g_assert_cmpint (wb_account_owner_type ("account_manager_local", "social_service"), ==, WB_OWNER_TYPE_LOCAL);
  g_assert_cmpint (wb_account_owner_type ("account_manager_local", "wsp"), ==, WB_OWNER_TYPE_NONE);
  g_assert_cmpint (wb_account_owner_type ("account_manager_wsp", "work_company"), ==, WB_OWNER_TYPE_NONE);
  g_assert_cmpint (wb_account_owner_type ("coordinator", "wsp"), ==, WB_OWNER_TYPE_NONE);
  g_assert_cmpint (wb_account_owner_type ("account_manager_local", NULL), ==, WB_OWNER_TYPE_NONE);
  g_assert_cmpint (wb_account_owner_type (NULL, NULL), ==, WB_OWNER_TYPE_NONE);

  g_assert_cmpstr (wb_owner_type_to_string (WB_OWNER_TYPE_WSP), ==, "wsp");
  g_assert_cmpstr (wb_owner_type_to_string (WB_OWNER_TYPE_LOCAL), ==, "local");
  g_assert_cmpstr (wb_owner_type_to_string (WB_OWNER_TYPE_NONE), ==, "none");
  g_assert_cmpstr (wb_owner_type_to_label (WB_OWNER_TYPE_WSP), ==, "WSP");
}

static void
test_status_names (void)
{
  static const struct {
    WbAccountStatus status;
    const char *name;
    gboolean needs_review;
  } expected[] = {
    { WB_ACCOUNT_STATUS_OK, "ok", FALSE },
    { WB_ACCOUNT_STATUS_EXCEPTION_APPROVED, "exception_approved", FALSE },
    { WB_ACCOUNT_STATUS_EXCEPTION_PENDING, "exception_pending", TRUE },
    { WB_ACCOUNT_STATUS_VIOLATION_WRONG_OWNER_TYPE, "violation_wrong_owner_type", TRUE },
    { WB_ACCOUNT_STATUS_VIOLATION_WRONG_MUNICIPALITY, "violation_wrong_municipality", TRUE },
    { WB_ACCOUNT_STATUS_NO_OWNER, "no_owner", TRUE },
    { WB_ACCOUNT_STATUS_OWNER_LEFT, "owner_left", TRUE },
    { WB_ACCOUNT_STATUS_NATURAL_MOMENT_RETURN, "natural_moment_return", TRUE },
    { WB_ACCOUNT_STATUS_RECHECK_SIZE, "recheck_size", TRUE },
  };
  WbAccountStatus status;

  g_assert_cmpuint (G_N_ELEMENTS (expected), ==, WB_N_ACCOUNT_STATUSES);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_assert_cmpstr (wb_account_status_to_string (expected[i].status), ==, expected[i].name);
      g_assert_true (wb_account_status_from_string (expected[i].name, &status));
      g_assert_cmpint (status, ==, expected[i].status);
      g_assert_cmpint (wb_account_status_needs_review (expected[i].status), ==, expected[i].needs_review);
      g_assert_nonnull (wb_account_status_to_label (expected[i].status));
    }
  g_assert_false (wb_account_status_from_string ("dormant", &status));
  g_assert_false (wb_account_status_from_string (NULL, &status));
}

static void
test_normalise_name (void)
{
  static const struct {
    const char *in;
    const char *out;
  } names[] = {
    { "Bakkerij Janssen B.V.", "bakkerij janssen" },
    { "bakkerij  janssen bv", "bakkerij janssen" },
    { "Bakkerij Janssen BV", "bakkerij janssen" },
    { "Schildersbedrijf Ploemen V.O.F.", "schildersbedrijf ploemen" },
    { "Schildersbedrijf Ploemen VOF", "schildersbedrijf ploemen" },
    { "Café 't Pleintje", "cafe t pleintje" },
    { "CAFÉ  ’T PLEINTJE", "cafe t pleintje" },
    { "Zorg-Groep Zuid N.V.", "zorg groep zuid" },
    { "Müller GmbH", "muller" },
    { "B.V.", "" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *normal = wb_account_normalise_name (names[i].in);

      g_assert_cmpstr (normal, ==, names[i].out);
    }
}

static void
test_queue_reasons (void)
{
  g_autofree char *duplicate = wb_account_duplicate_reason ("Bakkerij Janssen BV", "14000001", "6411");
  g_autofree char *dormant = wb_account_dormant_reason ("2025-01-02");
  g_autofree char *never = wb_account_dormant_reason (NULL);
  WbAccountFacts facts;
  g_autoptr(WbAccountVerdict) a = NULL;
  g_autoptr(WbAccountVerdict) b = NULL;

  g_assert_cmpstr (duplicate, ==,
                   "Probably the same company as Bakkerij Janssen BV (KvK 14000001): the same name in postcode area 6411.");
  g_assert_cmpstr (dormant, ==, "No contact for more than six months: the last was on 2 Jan 2025.");
  g_assert_cmpstr (never, ==, "No contact has been recorded with this employer.");

  /* The reason stays the same while only the numbers move, so the queue keeps its order. */
  fill_facts (find_case ("local owns 26"), &facts);
  a = wb_account_rules_evaluate (&facts);
  facts.employee_count = 60;
  facts.last_contact = "2026-03-10";
  b = wb_account_rules_evaluate (&facts);
  g_assert_cmpstr (a->reason, ==, b->reason);
  g_assert_cmpstr (a->reason, ==,
                   "25 or more employees, but the owner Lotte Lokaal is a local account manager without an approved exception.");
  g_assert_cmpstr (a->explanation, !=, b->explanation);
}

/* The size classes of the account list split where the rule splits, and their names and
 * the owner types go both ways. */
static void
test_size_classes (void)
{
  static const struct { gint64 employees; WbAccountSizeClass size; } sizes[] = {
    { 0, WB_ACCOUNT_SIZE_MICRO }, { 9, WB_ACCOUNT_SIZE_MICRO }, { 10, WB_ACCOUNT_SIZE_SMALL },
    { 24, WB_ACCOUNT_SIZE_SMALL }, { 25, WB_ACCOUNT_SIZE_MEDIUM }, { 99, WB_ACCOUNT_SIZE_MEDIUM },
    { 100, WB_ACCOUNT_SIZE_LARGE }, { 12000, WB_ACCOUNT_SIZE_LARGE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      WbAccountSizeClass size = wb_account_size_class (sizes[i].employees);

      g_assert_cmpint (size, ==, sizes[i].size);
      /* A size class never holds accounts of both kinds of owner. */
      g_assert_cmpint (wb_account_expected_owner_type (sizes[i].employees), ==,
                       size >= WB_ACCOUNT_SIZE_MEDIUM ? WB_OWNER_TYPE_WSP : WB_OWNER_TYPE_LOCAL);
    }
  for (guint s = 0; s < WB_N_ACCOUNT_SIZES; s++)
    {
      WbAccountSizeClass back;

      g_assert_true (wb_account_size_class_from_string (wb_account_size_class_to_string (s), &back));
      g_assert_cmpint (back, ==, s);
      g_assert_nonnull (wb_account_size_class_to_label (s));
    }
  g_assert_false (wb_account_size_class_from_string ("huge", &(WbAccountSizeClass) { 0 }));
  for (guint t = 0; t < WB_N_OWNER_TYPES; t++)
    {
      WbOwnerType back;

      g_assert_true (wb_owner_type_from_string (wb_owner_type_to_string (t), &back));
      g_assert_cmpint (back, ==, t);
    }
  g_assert_false (wb_owner_type_from_string (NULL, &(WbOwnerType) { 0 }));
}

/* The search folds case and accents the same way on both sides of the wire. */
static void
test_search_fold (void)
{
  g_autofree char *a = wb_account_search_fold ("  Coördinator ");
  g_autofree char *b = wb_account_search_fold ("COÖRDINATOR");
  g_autofree char *blank = wb_account_search_fold ("   ");

  g_assert_cmpstr (a, ==, b);
  g_assert_null (blank);
  g_assert_null (wb_account_search_fold (NULL));
}

/* What the queue suggests, case by case: every case of the rule table once per kind of
 * review that can carry it, and the case the issue found (22 employees, owner left). */
#define A(x) WB_ACCOUNT_ACTION_##x

static const struct {
  const char *what;         /* a case of the rule table */
  WbAccountAction action;   /* for a review of its own status, and for "dormant" */
} suggestions[] = {
  { "wsp owns 40", A (DISMISS) },
  { "local owns 10 in its municipality", A (DISMISS) },
  { "local owns 24", A (DISMISS) },
  { "local owns 25", A (TRANSFER_TO_WSP) },
  { "local owns 26", A (TRANSFER_TO_WSP) },
  { "wsp owns 24", A (ASSIGN_OWNER) },
  { "wsp owns 25", A (DISMISS) },
  { "wsp owns 26", A (DISMISS) },
  { "wsp owns 0", A (ASSIGN_OWNER) },
  { "local owns 10 elsewhere", A (ASSIGN_OWNER) },
  { "local owns 24 elsewhere", A (ASSIGN_OWNER) },
  { "wsp owns 40, serving does not matter", A (DISMISS) },
  { "nobody owns 10", A (ASSIGN_OWNER) },
  { "nobody owns 40", A (TRANSFER_TO_WSP) },
  { "left wsp owner of 40", A (TRANSFER_TO_WSP) },
  { "left local owner of 10", A (ASSIGN_OWNER) },
  /* The exception belonged to the person who left: the account goes to the WSP. */
  { "left owner of an exception", A (TRANSFER_TO_WSP) },
  { "consultant owns 10", A (ASSIGN_OWNER) },
  { "consultant owns 40", A (TRANSFER_TO_WSP) },
  { "wsp role outside a wsp", A (TRANSFER_TO_WSP) },
  { "local role at a wsp", A (ASSIGN_OWNER) },
  { "consultant, crossed", A (TRANSFER_TO_WSP) },
  { "approved exception", A (DISMISS) },
  { "approved exception at 25", A (DISMISS) },
  { "pending exception", A (APPROVE_EXCEPTION) },
  { "pending exception, crossed", A (APPROVE_EXCEPTION) },
  { "exception fields on a small account", A (DISMISS) },
  { "exception fields at a wsp owner", A (DISMISS) },
  { "vacancy at an excepted account", A (TRANSFER_TO_WSP) },
  { "reason withdrawn (empty)", A (TRANSFER_TO_WSP) },
  { "reason withdrawn (none)", A (TRANSFER_TO_WSP) },
  { "vacancy at a pending exception", A (APPROVE_EXCEPTION) },
  { "rose to 26 under a local owner", A (TRANSFER_TO_WSP) },
  { "rose to 25 under a local owner", A (TRANSFER_TO_WSP) },
  { "fell to 24 under a wsp owner", A (ASSIGN_OWNER) },
  { "fell to 24 under a local owner", A (DISMISS) },
  { "rose to 25 under a wsp owner", A (DISMISS) },
  { "crossed, nobody owns it", A (TRANSFER_TO_WSP) },
  { "crossed, owner left", A (TRANSFER_TO_WSP) },
  { "crossed, approved exception", A (DISMISS) },
};

static void
test_suggested_action (void)
{
  gboolean covered[G_N_ELEMENTS (cases)] = { FALSE, };
  WbAccountFacts facts;

  for (guint i = 0; i < G_N_ELEMENTS (suggestions); i++)
    {
      const RuleCase *c = find_case (suggestions[i].what);
      WbAccountAction action;

      covered[c - cases] = TRUE;
      fill_facts (c, &facts);
      action = wb_account_suggest_action (wb_account_status_to_string (c->status), &facts);
      if (action != suggestions[i].action)
        g_error ("%s: suggests %s, expected %s", c->what, wb_account_action_to_string (action),
                 wb_account_action_to_string (suggestions[i].action));
      /* A dormant account needs what its rule says; a duplicate is merged, whatever else. */
      g_assert_cmpint (wb_account_suggest_action ("dormant", &facts), ==, suggestions[i].action);
      g_assert_cmpint (wb_account_suggest_action ("duplicate", &facts), ==, A (MERGE_DUPLICATES));
      /* A transfer to the WSP only where 25 or more employees ask for it. */
      if (action == A (TRANSFER_TO_WSP))
        g_assert_cmpint (c->expected, ==, WB_OWNER_TYPE_WSP);
      if (action == A (ASSIGN_OWNER))
        g_assert_cmpint (c->expected, ==, WB_OWNER_TYPE_LOCAL);
    }
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    if (!covered[i])
      g_error ("no suggestion for %s", cases[i].what);

  /* The issue: 22 employees, the local owner has left. A local account manager takes it. */
  fill_facts (find_case ("left local owner of 10"), &facts);
  facts.employee_count = 22;
  g_assert_cmpint (wb_account_suggest_action ("owner_left", &facts), ==, A (ASSIGN_OWNER));
  facts.employee_count = 25;
  g_assert_cmpint (wb_account_suggest_action ("owner_left", &facts), ==, A (TRANSFER_TO_WSP));

  for (guint a = 0; a < WB_N_ACCOUNT_ACTIONS; a++)
    {
      WbAccountAction back;

      g_assert_true (wb_account_action_from_string (wb_account_action_to_string (a), &back));
      g_assert_cmpint (back, ==, a);
    }
  g_assert_cmpstr (wb_account_action_to_string (A (TRANSFER_TO_WSP)), ==, "transfer_to_wsp");
  g_assert_false (wb_account_action_from_string ("resolved", &(WbAccountAction) { 0 }));
}

#undef A

/* Who may take an account over, cell by cell: kind of account manager x size x where. */
static void
test_successor_fit (void)
{
  static const struct {
    const char *what;
    const char *role;
    const char *kind;
    const char *region;
    gboolean serves;
    gboolean active;
    gint64 employees;
    WbSuccessorFit fit;
  } cells[] = {
    { "subregion's wsp, 40", "account_manager_wsp", "wsp", "Parkstad", TRUE, TRUE, 40, WB_SUCCESSOR_FIT },
    { "subregion's wsp, 25", "account_manager_wsp", "wsp", "Parkstad", TRUE, TRUE, 25, WB_SUCCESSOR_FIT },
    { "subregion's wsp, 24", "account_manager_wsp", "wsp", "Parkstad", TRUE, TRUE, 24, WB_SUCCESSOR_UNFIT },
    { "another subregion's wsp", "account_manager_wsp", "wsp", "Maastricht-Heuvelland", FALSE, TRUE, 40, WB_SUCCESSOR_UNFIT },
    { "region-wide wsp", "account_manager_wsp", "wsp", "Zuid-Limburg", TRUE, TRUE, 40, WB_SUCCESSOR_REGION_WIDE },
    { "region-wide wsp, 10", "account_manager_wsp", "wsp", "Zuid-Limburg", TRUE, TRUE, 10, WB_SUCCESSOR_UNFIT },
    { "subregion's wsp who left", "account_manager_wsp", "wsp", "Parkstad", TRUE, FALSE, 40, WB_SUCCESSOR_UNFIT },
    { "municipality's local, 22", "account_manager_local", "municipality", "Parkstad", TRUE, TRUE, 22, WB_SUCCESSOR_FIT },
    { "municipality's local, 0", "account_manager_local", "social_service", "Parkstad", TRUE, TRUE, 0, WB_SUCCESSOR_FIT },
    { "municipality's local, 25", "account_manager_local", "municipality", "Parkstad", TRUE, TRUE, 25, WB_SUCCESSOR_UNFIT },
    { "neighbour's local, 22", "account_manager_local", "municipality", "Parkstad", FALSE, TRUE, 22, WB_SUCCESSOR_UNFIT },
    { "municipality's local who left", "account_manager_local", "municipality", "Parkstad", TRUE, FALSE, 22, WB_SUCCESSOR_UNFIT },
    { "consultant of the municipality", "consultant", "municipality", "Parkstad", TRUE, TRUE, 22, WB_SUCCESSOR_UNFIT },
    { "coordinator of the wsp", "coordinator", "wsp", "Parkstad", TRUE, TRUE, 40, WB_SUCCESSOR_UNFIT },
    { "local role at a wsp", "account_manager_local", "wsp", "Parkstad", TRUE, TRUE, 22, WB_SUCCESSOR_UNFIT },
    { "wsp role at a municipality", "account_manager_wsp", "municipality", "Parkstad", TRUE, TRUE, 40, WB_SUCCESSOR_UNFIT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    {
      WbSuccessorFacts candidate = {
        .role = cells[i].role, .organisation_kind = cells[i].kind, .organisation_region = cells[i].region,
        .serves_municipality = cells[i].serves, .active = cells[i].active,
      };
      WbSuccessorFit fit = wb_account_successor_fit (cells[i].employees, "Parkstad", &candidate);

      if (fit != cells[i].fit)
        g_error ("%s: fit %d, expected %d", cells[i].what, fit, cells[i].fit);
    }

  /* Where the employer's subregion is not known, no WSP is its subregion's. */
  {
    WbSuccessorFacts wsp = { "account_manager_wsp", "wsp", "Parkstad", FALSE, TRUE };

    g_assert_cmpint (wb_account_successor_fit (40, NULL, &wsp), ==, WB_SUCCESSOR_UNFIT);
    wsp.serves_municipality = TRUE;
    g_assert_cmpint (wb_account_successor_fit (40, NULL, &wsp), ==, WB_SUCCESSOR_REGION_WIDE);
  }
}

/* Which writes report an arrangement to the WSP: marked, described otherwise, withdrawn. */
static void
test_arrangement_change (void)
{
  static const struct {
    gboolean before;
    const char *before_note;
    gboolean after;
    const char *after_note;
    WbArrangementChange change;
  } cells[] = {
    { FALSE, NULL, FALSE, NULL, WB_ARRANGEMENT_UNCHANGED },
    { FALSE, NULL, FALSE, "leerwerkplekken", WB_ARRANGEMENT_UNCHANGED },
    { FALSE, NULL, TRUE, NULL, WB_ARRANGEMENT_NEW },
    { FALSE, "oud", TRUE, "leerwerkplekken", WB_ARRANGEMENT_NEW },
    { TRUE, "leerwerkplekken", TRUE, "leerwerkplekken", WB_ARRANGEMENT_UNCHANGED },
    { TRUE, "leerwerkplekken", TRUE, "  leerwerkplekken ", WB_ARRANGEMENT_UNCHANGED },
    { TRUE, NULL, TRUE, "", WB_ARRANGEMENT_UNCHANGED },
    { TRUE, NULL, TRUE, "leerwerkplekken", WB_ARRANGEMENT_CHANGED },
    { TRUE, "leerwerkplekken", TRUE, "vier leerwerkplekken", WB_ARRANGEMENT_CHANGED },
    { TRUE, "leerwerkplekken", TRUE, NULL, WB_ARRANGEMENT_CHANGED },
    { TRUE, "leerwerkplekken", FALSE, "leerwerkplekken", WB_ARRANGEMENT_WITHDRAWN },
    { TRUE, NULL, FALSE, NULL, WB_ARRANGEMENT_WITHDRAWN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    g_assert_cmpint (wb_account_arrangement_change (cells[i].before, cells[i].before_note,
                                                    cells[i].after, cells[i].after_note), ==, cells[i].change);
  for (guint c = 0; c < WB_N_ARRANGEMENT_CHANGES; c++)
    {
      WbArrangementChange back;

      g_assert_true (wb_arrangement_change_from_string (wb_arrangement_change_to_string (c), &back));
      g_assert_cmpint (back, ==, c);
      g_assert_nonnull (wb_arrangement_change_to_label (c));
    }
}

static void
test_quarters (void)
{
  static const struct { const char *date; const char *quarter; } dates[] = {
    { "2026-01-01", "2026-Q1" }, { "2026-03-31", "2026-Q1" }, { "2026-04-01", "2026-Q2" },
    { "2026-09-30T23:59:59Z", "2026-Q3" }, { "2026-10-01T00:00:00Z", "2026-Q4" }, { "2026-12-31", "2026-Q4" },
  };
  g_autofree char *first = NULL;
  g_autofree char *after = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autofree char *quarter = wb_account_quarter_of (dates[i].date);

      g_assert_cmpstr (quarter, ==, dates[i].quarter);
    }
  g_assert_null (wb_account_quarter_of (NULL));
  g_assert_null (wb_account_quarter_of ("gisteren"));

  g_assert_true (wb_account_quarter_bounds ("2026-Q4", &first, &after));
  g_assert_cmpstr (first, ==, "2026-10-01");
  g_assert_cmpstr (after, ==, "2027-01-01");
  g_clear_pointer (&first, g_free);
  g_clear_pointer (&after, g_free);
  g_assert_true (wb_account_quarter_bounds ("2026-Q2", &first, &after));
  g_assert_cmpstr (first, ==, "2026-04-01");
  g_assert_cmpstr (after, ==, "2026-07-01");
  g_assert_false (wb_account_quarter_bounds ("2026-Q5", NULL, NULL));
  g_assert_false (wb_account_quarter_bounds ("2026-Q0", NULL, NULL));
  g_assert_false (wb_account_quarter_bounds ("2026-Q12", NULL, NULL));
  g_assert_false (wb_account_quarter_bounds ("2026Q1", NULL, NULL));
  g_assert_false (wb_account_quarter_bounds (NULL, NULL, NULL));
}

/* A handover's briefing in one sentence, as the successor's notification says it. */
static void
test_briefing_summary (void)
{
  static const struct { const char *json; const char *summary; } briefings[] = {
    { "{\"contacts\":0,\"last_contacts\":[],\"open_vacancies\":[],\"matches_in_progress\":[],\"exception\":null}",
      "no contact logged; no open vacancies; no matches in progress; no exception" },
    { "{\"contacts\":1,\"last_contacts\":[{\"date\":\"2026-10-02\"}],\"open_vacancies\":[{\"id\":1}],"
      "\"matches_in_progress\":[{\"count\":1}],\"exception\":{\"reason\":\"goede ingang\",\"approved_by\":null}}",
      "1 contact, the last on 2 Oct 2026; 1 open vacancy; 1 match in progress; an exception awaiting approval" },
    { "{\"contacts\":7,\"last_contacts\":[{\"date\":\"2026-11-30\"},{\"date\":\"2026-10-02\"}],"
      "\"open_vacancies\":[{\"id\":1},{\"id\":2}],\"matches_in_progress\":[{\"count\":2},{\"count\":3}],"
      "\"exception\":{\"reason\":\"goede ingang\",\"approved_by\":4}}",
      "7 contacts, the last on 30 Nov 2026; 2 open vacancies; 5 matches in progress; an approved exception" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (briefings); i++)
    {
      g_autoptr(JsonNode) node = json_from_string (briefings[i].json, NULL);
      g_autofree char *summary = wb_account_briefing_summary (json_node_get_object (node));

      g_assert_cmpstr (summary, ==, briefings[i].summary);
    }
}

/* The texts a coordinator reads in the Dutch interface carry Dutch dates ("1 jun. 2025"),
 * never the API's ISO dates. */
static void
test_dutch_dates (void)
{
  g_autofree char *previous = g_strdup (setlocale (LC_ALL, NULL));
  g_autofree char *dormant = NULL;
  const char *approved;

  if (setlocale (LC_ALL, "nl_NL.UTF-8") == NULL)
    {
      g_test_skip ("The nl_NL.UTF-8 locale is not there (build-aux/setup.sh makes it)");
      return;
    }
  bindtextdomain (GETTEXT_PACKAGE, wb_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  approved = explain (find_case ("approved exception"));
  g_assert_nonnull (strstr (approved, " op 1 jun. 2025"));
  g_assert_null (strstr (approved, "2025-06-01"));
  g_assert_nonnull (strstr (explain (find_case ("vacancy at an excepted account")), "1 mrt. 2026"));
  dormant = wb_account_dormant_reason ("2025-01-02");
  g_assert_nonnull (strstr (dormant, "2 jan. 2025"));

  setlocale (LC_ALL, previous);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/account-rules/rule-table", test_rule_table);
  g_test_add_func ("/core/account-rules/every-status-covered", test_every_status_covered);
  g_test_add_func ("/core/account-rules/explanations", test_explanations);
  g_test_add_func ("/core/account-rules/explanation-singular-and-dormant", test_explanation_singular_and_dormant);
  g_test_add_func ("/core/account-rules/dormant-boundaries", test_dormant_boundaries);
  g_test_add_func ("/core/account-rules/size-crossing", test_size_crossing);
  g_test_add_func ("/core/account-rules/owner-types", test_owner_types);
  g_test_add_func ("/core/account-rules/status-names", test_status_names);
  g_test_add_func ("/core/account-rules/normalise-name", test_normalise_name);
  g_test_add_func ("/core/account-rules/queue-reasons", test_queue_reasons);
  g_test_add_func ("/core/account-rules/size-classes", test_size_classes);
  g_test_add_func ("/core/account-rules/search-fold", test_search_fold);
  g_test_add_func ("/core/account-rules/suggested-action", test_suggested_action);
  g_test_add_func ("/core/account-rules/successor-fit", test_successor_fit);
  g_test_add_func ("/core/account-rules/arrangement-change", test_arrangement_change);
  g_test_add_func ("/core/account-rules/quarters", test_quarters);
  g_test_add_func ("/core/account-rules/briefing-summary", test_briefing_summary);
  g_test_add_func ("/core/account-rules/dutch-dates", test_dutch_dates);

  return g_test_run ();
}
