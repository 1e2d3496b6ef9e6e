/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-account-rules"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "wb-account-rules.h"
#include "wb-format.h"
#include "wb-record.h"

/* What the pair (expected owner type, actual owner type) means before the details of an
 * exception, a municipality or a size crossing are looked at. */
typedef enum {
  FIT,               /* the right kind of owner */
  FIT_IF_SERVES,     /* a local owner: right when their organisation serves the municipality */
  EXCEPTION_CHECK,   /* a local owner of a large account: right only as an approved exception */
  MISFIT,            /* the wrong kind of owner; a fresh size crossing makes it a recheck */
  NOT_AN_AM,         /* the owner is no account manager at all */
} Fit;

static const Fit fit_table[WB_N_OWNER_TYPES][WB_N_OWNER_TYPES] = {
  /* expected \ actual:     NONE       WSP     LOCAL */
  [WB_OWNER_TYPE_NONE]  = { NOT_AN_AM, MISFIT, MISFIT },
  [WB_OWNER_TYPE_WSP]   = { NOT_AN_AM, FIT,    EXCEPTION_CHECK },
  [WB_OWNER_TYPE_LOCAL] = { NOT_AN_AM, MISFIT, FIT_IF_SERVES },
};

static const struct {
  const char *name;
  const char *label;
  gboolean needs_review;
} status_table[WB_N_ACCOUNT_STATUSES] = {
  [WB_ACCOUNT_STATUS_OK]                          = { "ok", N_("In order"), FALSE },
  [WB_ACCOUNT_STATUS_EXCEPTION_APPROVED]          = { "exception_approved", N_("Approved exception"), FALSE },
  [WB_ACCOUNT_STATUS_EXCEPTION_PENDING]           = { "exception_pending", N_("Exception awaiting approval"), TRUE },
  [WB_ACCOUNT_STATUS_VIOLATION_WRONG_OWNER_TYPE]  = { "violation_wrong_owner_type", N_("Wrong kind of owner"), TRUE },
  [WB_ACCOUNT_STATUS_VIOLATION_WRONG_MUNICIPALITY] = { "violation_wrong_municipality", N_("Owner outside the municipality"), TRUE },
  [WB_ACCOUNT_STATUS_NO_OWNER]                    = { "no_owner", N_("No owner"), TRUE },
  [WB_ACCOUNT_STATUS_OWNER_LEFT]                  = { "owner_left", N_("Owner has left"), TRUE },
  [WB_ACCOUNT_STATUS_NATURAL_MOMENT_RETURN]       = { "natural_moment_return", N_("Back to the WSP"), TRUE },
  [WB_ACCOUNT_STATUS_RECHECK_SIZE]                = { "recheck_size", N_("Size crossed 25"), TRUE },
};

static const struct {
  const char *name;
  const char *label;
} owner_type_table[WB_N_OWNER_TYPES] = {
  [WB_OWNER_TYPE_NONE]  = { "none", N_("None") },
  [WB_OWNER_TYPE_WSP]   = { "wsp", N_("WSP") },
  [WB_OWNER_TYPE_LOCAL] = { "local", N_("Local") },
};

static const struct {
  const char *name;
  const char *label;
  gint64 from;
} size_table[WB_N_ACCOUNT_SIZES] = {
  [WB_ACCOUNT_SIZE_MICRO]  = { "micro", N_("Fewer than 10"), 0 },
  [WB_ACCOUNT_SIZE_SMALL]  = { "small", N_("10 to 24"), 10 },
  [WB_ACCOUNT_SIZE_MEDIUM] = { "medium", N_("25 to 99"), WB_ACCOUNT_WSP_THRESHOLD },
  [WB_ACCOUNT_SIZE_LARGE]  = { "large", N_("100 or more"), 100 },
};

/* Legal forms that say nothing about which company it is. */
static const char * const legal_forms[] = {
  "bv", "nv", "vof", "cv", "bvba", "gmbh", "ltd", "ug", NULL
};

/* The index of @text among the names of a table whose rows start with their name, or -1:
 * every *_from_string of this file. */
static int
index_of_name (const char *text,
               const void *table,
               gsize       row_size,
               guint       n_rows)
{
  for (guint i = 0; text != NULL && i < n_rows; i++)
    if (g_strcmp0 (text, *(const char * const *) ((const guint8 *) table + i * row_size)) == 0)
      return (int) i;
  return -1;
}

#define FROM_STRING(text, table, out) \
  G_STMT_START {                                                                     \
    int index_ = index_of_name ((text), (table), sizeof (table)[0], G_N_ELEMENTS (table)); \
    if (index_ < 0)                                                                  \
      return FALSE;                                                                  \
    *(out) = index_;                                                                 \
    return TRUE;                                                                     \
  } G_STMT_END

void
wb_account_verdict_free (WbAccountVerdict *verdict)
{
  if (verdict == NULL)
    return;
  g_free (verdict->reason);
  g_free (verdict->explanation);
  g_free (verdict);
}

WbOwnerType
wb_account_expected_owner_type (gint64 employee_count)
{
  return employee_count >= WB_ACCOUNT_WSP_THRESHOLD ? WB_OWNER_TYPE_WSP : WB_OWNER_TYPE_LOCAL;
}

WbOwnerType
wb_account_owner_type (const char *role,
                       const char *organisation_kind)
{
  gboolean at_wsp = g_strcmp0 (organisation_kind, "wsp") == 0;

  if (g_strcmp0 (role, "account_manager_wsp") == 0 && at_wsp)
    return WB_OWNER_TYPE_WSP;
  if (g_strcmp0 (role, "account_manager_local") == 0 && organisation_kind != NULL && !at_wsp)
    return WB_OWNER_TYPE_LOCAL;
  return WB_OWNER_TYPE_NONE;
}

gboolean
wb_account_size_crossed (gint64 before,
                         gint64 after)
{
  return wb_account_expected_owner_type (before) != wb_account_expected_owner_type (after);
}

static gboolean
parse_date (const char *text,
            GDate      *date)
{
  int y, m, d;

  g_date_clear (date, 1);
  if (text == NULL || strlen (text) < 10 || sscanf (text, "%4d-%2d-%2d", &y, &m, &d) != 3 ||
      !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

gboolean
wb_account_is_dormant (const char *last_contact,
                       const char *today)
{
  GDate last, limit;

  g_return_val_if_fail (today != NULL, FALSE);

  if (!parse_date (today, &limit))
    g_return_val_if_reached (FALSE);
  if (!parse_date (last_contact, &last))
    return TRUE;
  g_date_subtract_months (&limit, WB_ACCOUNT_DORMANT_MONTHS);
  return g_date_compare (&last, &limit) < 0;
}

gboolean
wb_account_status_needs_review (WbAccountStatus status)
{
  g_return_val_if_fail (status < WB_N_ACCOUNT_STATUSES, FALSE);
  return status_table[status].needs_review;
}

const char *
wb_account_status_to_string (WbAccountStatus status)
{
  g_return_val_if_fail (status < WB_N_ACCOUNT_STATUSES, NULL);
  return status_table[status].name;
}

gboolean
wb_account_status_from_string (const char      *text,
                               WbAccountStatus *status)
{
  FROM_STRING (text, status_table, status);
}

const char *
wb_account_status_to_label (WbAccountStatus status)
{
  g_return_val_if_fail (status < WB_N_ACCOUNT_STATUSES, NULL);
  return _(status_table[status].label);
}

const char *
wb_owner_type_to_string (WbOwnerType type)
{
  g_return_val_if_fail (type < WB_N_OWNER_TYPES, NULL);
  return owner_type_table[type].name;
}

gboolean
wb_owner_type_from_string (const char  *text,
                           WbOwnerType *type)
{
  FROM_STRING (text, owner_type_table, type);
}

WbAccountSizeClass
wb_account_size_class (gint64 employee_count)
{
  for (int i = WB_N_ACCOUNT_SIZES - 1; i > 0; i--)
    if (employee_count >= size_table[i].from)
      return i;
  return WB_ACCOUNT_SIZE_MICRO;
}

const char *
wb_account_size_class_to_string (WbAccountSizeClass size)
{
  g_return_val_if_fail (size < WB_N_ACCOUNT_SIZES, NULL);
  return size_table[size].name;
}

gboolean
wb_account_size_class_from_string (const char         *text,
                                   WbAccountSizeClass *size)
{
  FROM_STRING (text, size_table, size);
}

const char *
wb_account_size_class_to_label (WbAccountSizeClass size)
{
  g_return_val_if_fail (size < WB_N_ACCOUNT_SIZES, NULL);
  return _(size_table[size].label);
}

char *
wb_account_search_fold (const char *text)
{
  g_autofree char *stripped = NULL;
  g_autofree char *folded = NULL;

  if (text == NULL)
    return NULL;
  stripped = g_strstrip (g_strdup (text));
  if (*stripped == '\0')
    return NULL;
  folded = g_utf8_casefold (stripped, -1);
  return g_utf8_normalize (folded, -1, G_NORMALIZE_ALL);
}

const char *
wb_owner_type_to_label (WbOwnerType type)
{
  g_return_val_if_fail (type < WB_N_OWNER_TYPES, NULL);
  return _(owner_type_table[type].label);
}

static gboolean
is_set (const char *text)
{
  return text != NULL && *text != '\0';
}

static const char *
or_unknown (const char *text)
{
  return is_set (text) ? text : _("(unknown)");
}

/* A date of the facts (YYYY-MM-DD, or a timestamp) as a person reads it: "3 dec. 2026". */
static char *
date_or_unknown (const char *iso)
{
  return is_set (iso) ? wb_format_iso_date (iso) : g_strdup (_("(unknown)"));
}

/* The sentence about size: which kind of owner the account belongs with. */
static char *
size_sentence (const WbAccountFacts *facts,
               WbOwnerType           expected)
{
  unsigned long n = facts->employee_count > 0 ? (unsigned long) facts->employee_count : 0;

  if (expected == WB_OWNER_TYPE_WSP)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "This employer has %lld employee, so it belongs with a WSP account manager.",
                                         "This employer has %lld employees, so it belongs with a WSP account manager.",
                                         n),
                            (long long) facts->employee_count);
  if (is_set (facts->municipality_name))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "This employer has %lld employee, so it belongs with a local account manager of %s.",
                                         "This employer has %lld employees, so it belongs with a local account manager of %s.",
                                         n),
                            (long long) facts->employee_count, facts->municipality_name);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "This employer has %lld employee, so it belongs with a local account manager of the municipality where it sits.",
                                       "This employer has %lld employees, so it belongs with a local account manager of the municipality where it sits.",
                                       n),
                          (long long) facts->employee_count);
}

/* Decides the status; the explanation and reason follow from it. */
static WbAccountStatus
decide (const WbAccountFacts *facts,
        WbOwnerType           expected,
        WbOwnerType           actual)
{
  gboolean has_reason = is_set (facts->exception_reason);
  gboolean approved = facts->exception_approved_by > 0;

  if (facts->owner_id <= 0)
    return WB_ACCOUNT_STATUS_NO_OWNER;
  if (!facts->owner_active)
    return WB_ACCOUNT_STATUS_OWNER_LEFT;

  switch (fit_table[expected][actual])
    {
    case FIT:
      return WB_ACCOUNT_STATUS_OK;

    case FIT_IF_SERVES:
      return facts->owner_serves_municipality ? WB_ACCOUNT_STATUS_OK
                                              : WB_ACCOUNT_STATUS_VIOLATION_WRONG_MUNICIPALITY;

    case EXCEPTION_CHECK:
      if (approved && (!has_reason || facts->vacancy_since_exception != NULL))
        return WB_ACCOUNT_STATUS_NATURAL_MOMENT_RETURN;
      if (approved)
        return WB_ACCOUNT_STATUS_EXCEPTION_APPROVED;
      if (has_reason)
        return WB_ACCOUNT_STATUS_EXCEPTION_PENDING;
      return facts->size_crossed ? WB_ACCOUNT_STATUS_RECHECK_SIZE
                                 : WB_ACCOUNT_STATUS_VIOLATION_WRONG_OWNER_TYPE;

    case MISFIT:
      return facts->size_crossed ? WB_ACCOUNT_STATUS_RECHECK_SIZE
                                 : WB_ACCOUNT_STATUS_VIOLATION_WRONG_OWNER_TYPE;

    case NOT_AN_AM:
    default:
      return WB_ACCOUNT_STATUS_VIOLATION_WRONG_OWNER_TYPE;
    }
}

static char *
owner_sentence (const WbAccountFacts *facts,
                WbAccountStatus       status,
                WbOwnerType           expected,
                WbOwnerType           actual)
{
  const char *owner = or_unknown (facts->owner_name);
  const char *organisation = or_unknown (facts->owner_organisation_name);
  const char *municipality = or_unknown (facts->municipality_name);
  g_autofree char *approved_at = NULL;
  g_autofree char *vacancy_at = NULL;

  switch (status)
    {
    case WB_ACCOUNT_STATUS_OK:
      if (actual == WB_OWNER_TYPE_WSP)
        return g_strdup_printf (_("%s, a WSP account manager of %s, owns it."), owner, organisation);
      return g_strdup_printf (_("%s of %s, which serves %s, owns it."), owner, organisation, municipality);

    case WB_ACCOUNT_STATUS_EXCEPTION_APPROVED:
      approved_at = date_or_unknown (facts->exception_approved_at);
      return g_strdup_printf (_("%s, a local account manager, keeps it as an approved exception (%s), approved by %s on %s."),
                              owner, facts->exception_reason, or_unknown (facts->exception_approved_by_name),
                              approved_at);

    case WB_ACCOUNT_STATUS_EXCEPTION_PENDING:
      return g_strdup_printf (_("%s, a local account manager, keeps it with the reason “%s”, but no coordinator has approved this exception yet."),
                              owner, facts->exception_reason);

    case WB_ACCOUNT_STATUS_VIOLATION_WRONG_OWNER_TYPE:
      if (actual == WB_OWNER_TYPE_LOCAL)
        return g_strdup_printf (_("%s, a local account manager, owns it without an approved exception: it should go to a WSP account manager."),
                                owner);
      if (actual == WB_OWNER_TYPE_WSP)
        return g_strdup_printf (_("%s, a WSP account manager, owns it: it should go to a local account manager."), owner);
      return g_strdup_printf (_("%s of %s owns it, but is not an account manager of the right kind."), owner, organisation);

    case WB_ACCOUNT_STATUS_VIOLATION_WRONG_MUNICIPALITY:
      return g_strdup_printf (_("%s of %s owns it, but %s does not serve %s."), owner, organisation, organisation, municipality);

    case WB_ACCOUNT_STATUS_NO_OWNER:
      return g_strdup (_("No account manager owns it: a coordinator should assign one."));

    case WB_ACCOUNT_STATUS_OWNER_LEFT:
      return g_strdup_printf (_("Its owner, %s, has left: a coordinator should assign a new owner."), owner);

    case WB_ACCOUNT_STATUS_NATURAL_MOMENT_RETURN:
      if (!is_set (facts->exception_reason))
        return g_strdup_printf (_("%s, a local account manager, kept it as an exception, but the reason for it was withdrawn: a natural moment to return it to the WSP."),
                                owner);
      approved_at = date_or_unknown (facts->exception_approved_at);
      vacancy_at = date_or_unknown (facts->vacancy_since_exception);
      return g_strdup_printf (_("%s, a local account manager, keeps it as an exception (%s), but a vacancy opened on %s, after the approval on %s: a natural moment to return it to the WSP."),
                              owner, facts->exception_reason, vacancy_at, approved_at);

    case WB_ACCOUNT_STATUS_RECHECK_SIZE:
      if (expected == WB_OWNER_TYPE_WSP)
        return g_strdup_printf (_("Its employee count rose to 25 or more while %s, a local account manager, owns it: a coordinator should look at the owner again."),
                                owner);
      return g_strdup_printf (_("Its employee count fell below 25 while %s, a WSP account manager, owns it: a coordinator should look at the owner again."),
                              owner);

    case WB_N_ACCOUNT_STATUSES:
    default:
      g_assert_not_reached ();
    }
}

/* The short, stable sentence a review carries: it changes only when the problem does. */
static char *
review_reason (const WbAccountFacts *facts,
               WbAccountStatus       status,
               WbOwnerType           expected,
               WbOwnerType           actual)
{
  const char *owner = or_unknown (facts->owner_name);
  g_autofree char *vacancy_at = NULL;

  switch (status)
    {
    case WB_ACCOUNT_STATUS_EXCEPTION_PENDING:
      return g_strdup_printf (_("The exception “%s” of %s awaits a coordinator's approval."), facts->exception_reason, owner);

    case WB_ACCOUNT_STATUS_VIOLATION_WRONG_OWNER_TYPE:
      if (actual == WB_OWNER_TYPE_LOCAL)
        return g_strdup_printf (_("25 or more employees, but the owner %s is a local account manager without an approved exception."), owner);
      if (actual == WB_OWNER_TYPE_WSP)
        return g_strdup_printf (_("Fewer than 25 employees, but the owner %s is a WSP account manager."), owner);
      return g_strdup_printf (_("The owner %s is not an account manager of the right kind."), owner);

    case WB_ACCOUNT_STATUS_VIOLATION_WRONG_MUNICIPALITY:
      return g_strdup_printf (_("The owner %s works for %s, which does not serve %s."),
                              owner, or_unknown (facts->owner_organisation_name), or_unknown (facts->municipality_name));

    case WB_ACCOUNT_STATUS_NO_OWNER:
      return g_strdup (_("No account manager owns this employer."));

    case WB_ACCOUNT_STATUS_OWNER_LEFT:
      return g_strdup_printf (_("The owner %s has left."), owner);

    case WB_ACCOUNT_STATUS_NATURAL_MOMENT_RETURN:
      if (!is_set (facts->exception_reason))
        return g_strdup (_("The reason for the exception was withdrawn: a natural moment to return the account to the WSP."));
      vacancy_at = date_or_unknown (facts->vacancy_since_exception);
      return g_strdup_printf (_("A vacancy opened on %s at this excepted account: a natural moment to return it to the WSP."),
                              vacancy_at);

    case WB_ACCOUNT_STATUS_RECHECK_SIZE:
      if (expected == WB_OWNER_TYPE_WSP)
        return g_strdup_printf (_("The employee count rose to 25 or more; the owner %s is a local account manager."), owner);
      return g_strdup_printf (_("The employee count fell below 25; the owner %s is a WSP account manager."), owner);

    case WB_ACCOUNT_STATUS_OK:
    case WB_ACCOUNT_STATUS_EXCEPTION_APPROVED:
    case WB_N_ACCOUNT_STATUSES:
    default:
      return NULL;
    }
}

char *
wb_account_dormant_reason (const char *last_contact)
{
  g_autofree char *last = NULL;

  if (!is_set (last_contact))
    return g_strdup (_("No contact has been recorded with this employer."));
  last = wb_format_iso_date (last_contact);
  return g_strdup_printf (_("No contact for more than six months: the last was on %s."), last);
}

WbAccountVerdict *
wb_account_rules_evaluate (const WbAccountFacts *facts)
{
  WbAccountVerdict *verdict;
  g_autofree char *size = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *dormant = NULL;

  g_return_val_if_fail (facts != NULL, NULL);
  g_return_val_if_fail (facts->today != NULL, NULL);

  verdict = g_new0 (WbAccountVerdict, 1);
  verdict->expected_owner_type = wb_account_expected_owner_type (facts->employee_count);
  verdict->owner_type = facts->owner_id > 0 ? wb_account_owner_type (facts->owner_role, facts->owner_organisation_kind)
                                            : WB_OWNER_TYPE_NONE;
  verdict->status = decide (facts, verdict->expected_owner_type, verdict->owner_type);
  verdict->dormant = wb_account_is_dormant (is_set (facts->last_contact) ? facts->last_contact : facts->since,
                                            facts->today);
  verdict->reason = review_reason (facts, verdict->status, verdict->expected_owner_type, verdict->owner_type);

  size = size_sentence (facts, verdict->expected_owner_type);
  owner = owner_sentence (facts, verdict->status, verdict->expected_owner_type, verdict->owner_type);
  if (verdict->dormant && is_set (facts->last_contact))
    {
      g_autofree char *last = wb_format_iso_date (facts->last_contact);

      dormant = g_strdup_printf (_("There has been no contact for more than six months: the last was on %s."), last);
    }
  else if (verdict->dormant)
    dormant = g_strdup (_("No contact has been recorded."));

  verdict->explanation = g_strjoin (" ", size, owner, dormant, NULL);
  return verdict;
}

static gboolean
is_legal_form (const char *word)
{
  for (guint i = 0; legal_forms[i] != NULL; i++)
    if (strcmp (word, legal_forms[i]) == 0)
      return TRUE;
  return FALSE;
}

char *
wb_account_normalise_name (const char *name)
{
  g_autofree char *decomposed = NULL;
  g_autoptr(GString) letters = g_string_new (NULL);
  g_autoptr(GString) result = g_string_new (NULL);
  g_auto(GStrv) words = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  decomposed = g_utf8_normalize (name, -1, G_NORMALIZE_NFD);
  if (decomposed == NULL)
    return g_strdup ("");

  /* Accents go, dots go (so that B.V. and BV are one word), other punctuation splits words. */
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c) || c == '.')
        continue;
      if (g_unichar_isalnum (c))
        g_string_append_unichar (letters, g_unichar_tolower (c));
      else
        g_string_append_c (letters, ' ');
    }

  words = g_strsplit (letters->str, " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0' || is_legal_form (words[i]))
        continue;
      if (result->len > 0)
        g_string_append_c (result, ' ');
      g_string_append (result, words[i]);
    }
  return g_strdup (result->str);
}

char *
wb_account_duplicate_reason (const char *other_name,
                             const char *other_kvk,
                             const char *pc4)
{
  return g_strdup_printf (_("Probably the same company as %s (KvK %s): the same name in postcode area %s."),
                          or_unknown (other_name), or_unknown (other_kvk), or_unknown (pc4));
}

/* Decisions */

static const char * const action_names[WB_N_ACCOUNT_ACTIONS] = {
  [WB_ACCOUNT_ACTION_APPROVE_EXCEPTION] = "approve_exception",
  [WB_ACCOUNT_ACTION_TRANSFER_TO_WSP]   = "transfer_to_wsp",
  [WB_ACCOUNT_ACTION_ASSIGN_OWNER]      = "assign_owner",
  [WB_ACCOUNT_ACTION_MERGE_DUPLICATES]  = "merge_duplicates",
  [WB_ACCOUNT_ACTION_DISMISS]           = "dismiss",
};

#define TRANSFER WB_ACCOUNT_ACTION_TRANSFER_TO_WSP
#define ASSIGN   WB_ACCOUNT_ACTION_ASSIGN_OWNER
#define APPROVE  WB_ACCOUNT_ACTION_APPROVE_EXCEPTION
#define DISMISS  WB_ACCOUNT_ACTION_DISMISS

/* The suggestion per rule status of the account now, for an account that belongs with a
 * WSP (25 or more) and for one that belongs with a local account manager. A status that
 * cannot occur at a size (a pending exception below 25) still names what the size asks. */
static const WbAccountAction suggestion_table[WB_N_ACCOUNT_STATUSES][2] = {
  /*                                                   WSP,      local */
  [WB_ACCOUNT_STATUS_OK]                           = { DISMISS,  DISMISS },
  [WB_ACCOUNT_STATUS_EXCEPTION_APPROVED]           = { DISMISS,  DISMISS },
  [WB_ACCOUNT_STATUS_EXCEPTION_PENDING]            = { APPROVE,  ASSIGN },
  [WB_ACCOUNT_STATUS_VIOLATION_WRONG_OWNER_TYPE]   = { TRANSFER, ASSIGN },
  [WB_ACCOUNT_STATUS_VIOLATION_WRONG_MUNICIPALITY] = { TRANSFER, ASSIGN },
  [WB_ACCOUNT_STATUS_NO_OWNER]                     = { TRANSFER, ASSIGN },
  [WB_ACCOUNT_STATUS_OWNER_LEFT]                   = { TRANSFER, ASSIGN },
  [WB_ACCOUNT_STATUS_NATURAL_MOMENT_RETURN]        = { TRANSFER, ASSIGN },
  [WB_ACCOUNT_STATUS_RECHECK_SIZE]                 = { TRANSFER, ASSIGN },
};

#undef TRANSFER
#undef ASSIGN
#undef APPROVE
#undef DISMISS

const char *
wb_account_action_to_string (WbAccountAction action)
{
  g_return_val_if_fail (action < WB_N_ACCOUNT_ACTIONS, NULL);
  return action_names[action];
}

gboolean
wb_account_action_from_string (const char      *text,
                               WbAccountAction *action)
{
  FROM_STRING (text, action_names, action);
}

WbAccountAction
wb_account_suggest_action (const char           *kind,
                           const WbAccountFacts *facts)
{
  WbOwnerType expected;
  WbOwnerType actual;

  g_return_val_if_fail (facts != NULL, WB_ACCOUNT_ACTION_DISMISS);

  if (g_strcmp0 (kind, "duplicate") == 0)
    return WB_ACCOUNT_ACTION_MERGE_DUPLICATES;
  /* Whatever flagged the account, what it needs is what its rule says now. */
  expected = wb_account_expected_owner_type (facts->employee_count);
  actual = facts->owner_id > 0 ? wb_account_owner_type (facts->owner_role, facts->owner_organisation_kind)
                               : WB_OWNER_TYPE_NONE;
  return suggestion_table[decide (facts, expected, actual)][expected == WB_OWNER_TYPE_WSP ? 0 : 1];
}

WbSuccessorFit
wb_account_successor_fit (gint64                  employee_count,
                          const char             *region,
                          const WbSuccessorFacts *candidate)
{
  WbOwnerType type;

  g_return_val_if_fail (candidate != NULL, WB_SUCCESSOR_UNFIT);

  type = wb_account_owner_type (candidate->role, candidate->organisation_kind);
  if (!candidate->active || type != wb_account_expected_owner_type (employee_count))
    return WB_SUCCESSOR_UNFIT;
  if (type == WB_OWNER_TYPE_LOCAL)
    return candidate->serves_municipality ? WB_SUCCESSOR_FIT : WB_SUCCESSOR_UNFIT;
  /* A WSP: the one of the employer's subregion, or one that serves every municipality. */
  if (is_set (region) && g_strcmp0 (candidate->organisation_region, region) == 0)
    return WB_SUCCESSOR_FIT;
  return candidate->serves_municipality ? WB_SUCCESSOR_REGION_WIDE : WB_SUCCESSOR_UNFIT;
}

/* Arrangements */

static const struct {
  const char *name;
  const char *label;
} arrangement_changes[WB_N_ARRANGEMENT_CHANGES] = {
  [WB_ARRANGEMENT_UNCHANGED] = { "unchanged", N_("Unchanged") },
  [WB_ARRANGEMENT_NEW]       = { "new", N_("New") },
  [WB_ARRANGEMENT_CHANGED]   = { "changed", N_("Changed") },
  [WB_ARRANGEMENT_WITHDRAWN] = { "withdrawn", N_("Withdrawn") },
};

static char *
note_of (const char *note)
{
  return note != NULL ? g_strstrip (g_strdup (note)) : g_strdup ("");
}

WbArrangementChange
wb_account_arrangement_change (gboolean    before,
                               const char *before_note,
                               gboolean    after,
                               const char *after_note)
{
  g_autofree char *old_note = note_of (before_note);
  g_autofree char *new_note = note_of (after_note);

  if (!before && !after)
    return WB_ARRANGEMENT_UNCHANGED;
  if (!before)
    return WB_ARRANGEMENT_NEW;
  if (!after)
    return WB_ARRANGEMENT_WITHDRAWN;
  return strcmp (old_note, new_note) != 0 ? WB_ARRANGEMENT_CHANGED : WB_ARRANGEMENT_UNCHANGED;
}

const char *
wb_arrangement_change_to_string (WbArrangementChange change)
{
  g_return_val_if_fail (change < WB_N_ARRANGEMENT_CHANGES, NULL);
  return arrangement_changes[change].name;
}

gboolean
wb_arrangement_change_from_string (const char          *text,
                                   WbArrangementChange *change)
{
  FROM_STRING (text, arrangement_changes, change);
}

const char *
wb_arrangement_change_to_label (WbArrangementChange change)
{
  g_return_val_if_fail (change < WB_N_ARRANGEMENT_CHANGES, NULL);
  return _(arrangement_changes[change].label);
}

/* Quarters */

char *
wb_account_quarter_of (const char *date)
{
  GDate day;

  if (!parse_date (date, &day))
    return NULL;
  return g_strdup_printf ("%04d-Q%d", g_date_get_year (&day), (g_date_get_month (&day) - 1) / 3 + 1);
}

gboolean
wb_account_quarter_bounds (const char  *quarter,
                           char       **first_day,
                           char       **day_after)
{
  int year, q;
  char end;

  if (quarter == NULL || strlen (quarter) != 7 || sscanf (quarter, "%4d-Q%1d%c", &year, &q, &end) != 2 ||
      year < 1900 || q < 1 || q > 4)
    return FALSE;
  if (first_day != NULL)
    *first_day = g_strdup_printf ("%04d-%02d-01", year, (q - 1) * 3 + 1);
  if (day_after != NULL)
    *day_after = q == 4 ? g_strdup_printf ("%04d-01-01", year + 1) : g_strdup_printf ("%04d-%02d-01", year, q * 3 + 1);
  return TRUE;
}

/* Handovers */

static guint
matches_in_progress (JsonObject *briefing)
{
  JsonArray *matches = wb_json_get_array (briefing, "matches_in_progress");
  guint n = 0;

  for (guint i = 0; matches != NULL && i < json_array_get_length (matches); i++)
    n += (guint) wb_json_get_int (json_array_get_object_element (matches, i), "count");
  return n;
}

char *
wb_account_briefing_summary (JsonObject *briefing)
{
  JsonArray *last = wb_json_get_array (briefing, "last_contacts");
  JsonArray *vacancies = wb_json_get_array (briefing, "open_vacancies");
  JsonObject *exception = wb_json_get_object (briefing, "exception");
  guint contacts = (guint) wb_json_get_int (briefing, "contacts");
  guint n_vacancies = vacancies != NULL ? json_array_get_length (vacancies) : 0;
  guint n_matches = matches_in_progress (briefing);
  g_autofree char *contact = NULL;
  g_autofree char *vacancy = NULL;
  g_autofree char *match = NULL;
  const char *excepted;

  g_return_val_if_fail (briefing != NULL, NULL);

  if (contacts == 0 || last == NULL || json_array_get_length (last) == 0)
    contact = g_strdup (_("no contact logged"));
  else
    {
      const char *last_date = wb_json_get_string (json_array_get_object_element (last, 0), "date");
      g_autofree char *last_on = last_date != NULL ? wb_format_iso_date (last_date) : g_strdup ("?");

      /* TRANSLATORS: in a handover's briefing: how many contacts were logged, and the last one's date */
      contact = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u contact, the last on %s", "%u contacts, the last on %s",
                                              contacts),
                                 contacts, last_on);
    }
  vacancy = n_vacancies == 0 ? g_strdup (_("no open vacancies")) :
            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u open vacancy", "%u open vacancies", n_vacancies),
                             n_vacancies);
  match = n_matches == 0 ? g_strdup (_("no matches in progress")) :
          g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u match in progress", "%u matches in progress", n_matches),
                           n_matches);
  if (exception == NULL)
    excepted = _("no exception");
  else if (wb_json_get_int (exception, "approved_by") > 0)
    excepted = _("an approved exception");
  else
    excepted = _("an exception awaiting approval");
  return g_strjoin ("; ", contact, vacancy, match, excepted, NULL);
}
