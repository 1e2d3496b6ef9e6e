/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The closed account list (DOMAIN.md, "Employer accounts"): who should own an employer
 * account, whether the owner does, and why, in plain words. Pure functions over facts the
 * store gathers; no SQL here. */

/* 25 or more employees is a WSP account; fewer belong with a local account manager. */
#define WB_ACCOUNT_WSP_THRESHOLD 25
/* No contact for longer than this many months makes an account dormant. */
#define WB_ACCOUNT_DORMANT_MONTHS 6

typedef enum {
  WB_OWNER_TYPE_NONE,   /* no owner, or an owner who is not an account manager */
  WB_OWNER_TYPE_WSP,    /* an account manager of a WSP */
  WB_OWNER_TYPE_LOCAL,  /* a local account manager of a municipality's organisation */
  WB_N_OWNER_TYPES
} WbOwnerType;

/* Size classes of the account list's filter, split where the rule splits. */
typedef enum {
  WB_ACCOUNT_SIZE_MICRO,   /* fewer than 10 employees */
  WB_ACCOUNT_SIZE_SMALL,   /* 10 to 24 */
  WB_ACCOUNT_SIZE_MEDIUM,  /* 25 to 99 */
  WB_ACCOUNT_SIZE_LARGE,   /* 100 or more */
  WB_N_ACCOUNT_SIZES
} WbAccountSizeClass;

typedef enum {
  WB_ACCOUNT_STATUS_OK,
  WB_ACCOUNT_STATUS_EXCEPTION_APPROVED,
  WB_ACCOUNT_STATUS_EXCEPTION_PENDING,            /* a reason without a coordinator's approval */
  WB_ACCOUNT_STATUS_VIOLATION_WRONG_OWNER_TYPE,
  WB_ACCOUNT_STATUS_VIOLATION_WRONG_MUNICIPALITY,
  WB_ACCOUNT_STATUS_NO_OWNER,
  WB_ACCOUNT_STATUS_OWNER_LEFT,
  WB_ACCOUNT_STATUS_NATURAL_MOMENT_RETURN,        /* a vacancy at an excepted account, or its reason withdrawn */
  WB_ACCOUNT_STATUS_RECHECK_SIZE,                 /* the employee count crossed 25 */
  WB_N_ACCOUNT_STATUSES
} WbAccountStatus;

/* What is known of one account. Strings may be NULL; dates are YYYY-MM-DD. */
typedef struct {
  gint64 employee_count;
  /* The count crossed 25 since the owner was last looked at. */
  gboolean size_crossed;

  gint64 owner_id;                        /* 0: no owner */
  const char *owner_name;
  const char *owner_role;                 /* one of wb_roles */
  gboolean owner_active;                  /* FALSE once the owner has left */
  const char *owner_organisation_name;
  const char *owner_organisation_kind;    /* one of wb_organisation_kinds */
  gboolean owner_serves_municipality;     /* the owner's organisation serves the employer's municipality */
  const char *municipality_name;

  const char *exception_reason;           /* NULL or "": none */
  gint64 exception_approved_by;           /* 0: not approved */
  const char *exception_approved_by_name;
  const char *exception_approved_at;
  /* opened_at of an open vacancy registered after the exception was approved, or NULL */
  const char *vacancy_since_exception;

  const char *last_contact;               /* NULL: never */
  /* When the account was registered: an account never contacted is dormant only once it
   * has been known for six months. NULL: long ago. */
  const char *since;
  const char *today;
} WbAccountFacts;

typedef struct {
  WbOwnerType expected_owner_type;
  WbOwnerType owner_type;
  WbAccountStatus status;
  gboolean dormant;
  /* One sentence for the coordinator's queue, stable while the problem lasts; NULL when
   * the status needs no review. */
  char *reason;
  /* The rule that applies, in plain words, for the account page. */
  char *explanation;
} WbAccountVerdict;

void              wb_account_verdict_free          (WbAccountVerdict *verdict);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbAccountVerdict, wb_account_verdict_free)

WbAccountVerdict *wb_account_rules_evaluate        (const WbAccountFacts *facts);

WbOwnerType       wb_account_expected_owner_type   (gint64      employee_count);
/* The owner type of an owner with this role at an organisation of this kind. */
WbOwnerType       wb_account_owner_type            (const char *role,
                                                    const char *organisation_kind);
/* Whether going from @before to @after employees crosses the threshold of 25. */
gboolean          wb_account_size_crossed          (gint64      before,
                                                    gint64      after);
/* No contact since the day @WB_ACCOUNT_DORMANT_MONTHS months before @today; an account
 * never contacted is dormant. */
gboolean          wb_account_is_dormant            (const char *last_contact,
                                                    const char *today);
/* Whether the coordinator's queue should hold an account in this status. */
gboolean          wb_account_status_needs_review   (WbAccountStatus status);

const char       *wb_account_status_to_string      (WbAccountStatus status);
gboolean          wb_account_status_from_string    (const char      *text,
                                                    WbAccountStatus *status);
const char       *wb_owner_type_to_string          (WbOwnerType     type);
gboolean          wb_owner_type_from_string        (const char      *text,
                                                    WbOwnerType     *type);
/* The words people read: "WSP", "local", "none". */
const char       *wb_owner_type_to_label           (WbOwnerType     type);
const char       *wb_account_status_to_label       (WbAccountStatus status);

WbAccountSizeClass wb_account_size_class          (gint64              employee_count);
/* "micro", "small", "medium", "large": the values of the account list's size filter. */
const char       *wb_account_size_class_to_string  (WbAccountSizeClass  size);
gboolean          wb_account_size_class_from_string (const char        *text,
                                                    WbAccountSizeClass *size);
/* "Fewer than 10", "10 to 24", ... */
const char       *wb_account_size_class_to_label   (WbAccountSizeClass  size);

/* Text as the account list searches it: case-folded and normalised, trimmed; NULL for
 * text that is empty or only spaces. A search matches when its folded text stands in the
 * folded name, KvK number, owner or municipality. */
char             *wb_account_search_fold           (const char *text);

/* A company name reduced for comparison: lower case, without accents, punctuation, legal
 * forms (B.V., V.O.F., N.V., ...) and extra spaces. "Bakkerij Janssen B.V." and
 * "bakkerij  janssen bv" give the same. */
char             *wb_account_normalise_name        (const char *name);
/* The queue's reason for a near-duplicate: the same normalised name in the same PC4 area. */
char             *wb_account_duplicate_reason      (const char *other_name,
                                                    const char *other_kvk,
                                                    const char *pc4);
char             *wb_account_dormant_reason        (const char *last_contact);

/* What a coordinator decides on a review (docs/accounts-api.md, "decision"). */
typedef enum {
  WB_ACCOUNT_ACTION_APPROVE_EXCEPTION,
  WB_ACCOUNT_ACTION_TRANSFER_TO_WSP,
  WB_ACCOUNT_ACTION_ASSIGN_OWNER,
  WB_ACCOUNT_ACTION_MERGE_DUPLICATES,
  WB_ACCOUNT_ACTION_DISMISS,
  WB_N_ACCOUNT_ACTIONS
} WbAccountAction;

const char       *wb_account_action_to_string      (WbAccountAction  action);
gboolean          wb_account_action_from_string    (const char      *text,
                                                    WbAccountAction *action);

/* The decision the rule suggests for a review of @kind (a rule status, "dormant" or
 * "duplicate") of the account @facts describe now: merge a duplicate; approve a pending
 * exception; hand an account whose owner does not fit (left, none, the wrong kind or
 * municipality, a size that crossed 25, a natural moment) to the WSP at 25 or more
 * employees and to a local account manager below; dismiss when the owner fits. */
WbAccountAction   wb_account_suggest_action        (const char            *kind,
                                                    const WbAccountFacts  *facts);

/* What is known of an account manager who might take an account over. */
typedef struct {
  const char *role;                  /* one of wb_roles */
  const char *organisation_kind;     /* one of wb_organisation_kinds */
  const char *organisation_region;   /* the subregion the organisation works in, or "Zuid-Limburg" */
  gboolean    serves_municipality;   /* the organisation serves the employer's municipality */
  gboolean    active;                /* has not left */
} WbSuccessorFacts;

typedef enum {
  WB_SUCCESSOR_UNFIT,        /* may not own the account under the rule */
  WB_SUCCESSOR_REGION_WIDE,  /* a WSP account manager serving the whole region: after the subregion's */
  WB_SUCCESSOR_FIT,          /* the WSP of the employer's subregion (25 or more), or a local account
                              * manager of the employer's municipality (fewer than 25) */
} WbSuccessorFit;

/* Whether the account manager @candidate may own an account of @employee_count employees
 * in a municipality of @region (NULL: not known, so no WSP is the subregion's). */
WbSuccessorFit    wb_account_successor_fit         (gint64                  employee_count,
                                                    const char             *region,
                                                    const WbSuccessorFacts *candidate);

/* Potential employer arrangements are reported to the WSP (seed 000, §2.3). */
typedef enum {
  WB_ARRANGEMENT_UNCHANGED,
  WB_ARRANGEMENT_NEW,        /* marked where there was none */
  WB_ARRANGEMENT_CHANGED,    /* still marked, described otherwise */
  WB_ARRANGEMENT_WITHDRAWN,  /* no longer marked */
  WB_N_ARRANGEMENT_CHANGES
} WbArrangementChange;

/* What a write did to an employer's arrangement: marked or not, and its description
 * (NULL or blank: none; spaces around it do not count). */
WbArrangementChange wb_account_arrangement_change  (gboolean    before,
                                                    const char *before_note,
                                                    gboolean    after,
                                                    const char *after_note);
/* "new", "changed", "withdrawn" ("unchanged" for the first). */
const char       *wb_arrangement_change_to_string  (WbArrangementChange change);
gboolean          wb_arrangement_change_from_string (const char         *text,
                                                    WbArrangementChange *change);
/* "New", "Changed", "Withdrawn", translated. */
const char       *wb_arrangement_change_to_label   (WbArrangementChange change);

/* The quarter a date (YYYY-MM-DD...) falls in, "2026-Q4"; NULL for no date. */
char             *wb_account_quarter_of            (const char *date);
/* The first day of @quarter and the first day after it, as YYYY-MM-DD; FALSE when
 * @quarter is not of the form YYYY-Qn. */
gboolean          wb_account_quarter_bounds        (const char *quarter,
                                                    char      **first_day,
                                                    char      **day_after);

/* A handover's briefing (what the store gathers for the successor) in one sentence: "3
 * contacts, the last on 2026-10-02; 1 open vacancy; 2 matches in progress; an approved
 * exception". */
char             *wb_account_briefing_summary      (JsonObject *briefing);

G_END_DECLS
