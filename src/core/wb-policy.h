/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "wb-schema.h"

G_BEGIN_DECLS

typedef enum {
  WB_ROLE_ACCOUNT_MANAGER_WSP,
  WB_ROLE_ACCOUNT_MANAGER_LOCAL,
  WB_ROLE_CONSULTANT,
  WB_ROLE_COORDINATOR,
  WB_ROLE_ANALYST,
  WB_ROLE_ADMIN,
  WB_N_ROLES
} WbRole;

typedef enum {
  WB_ACTION_READ,
  WB_ACTION_CREATE,
  WB_ACTION_UPDATE,
  WB_N_ACTIONS
} WbAction;

/* How the record relates to the user who asks. */
typedef enum {
  WB_SCOPE_OWN,       /* the record belongs to the user's organisation */
  WB_SCOPE_REFERRED,  /* a client of another organisation referred to this user */
  WB_SCOPE_OTHER,     /* another organisation's record */
  WB_N_SCOPES
} WbScope;

typedef enum {
  WB_DECISION_DENY,
  WB_DECISION_ALLOW,
  WB_DECISION_PSEUDONYMOUS,  /* read the pseudonymous profile only */
} WbDecision;

WbDecision   wb_policy_decide         (WbRole      role,
                                       WbResource  resource,
                                       WbAction    action,
                                       WbScope     scope);

/* Whether the role may tell a client's owner that the diagnosis is missing or stale, a
 * timeline event that any reader of the client may send (also a pseudonymous one) where
 * the policy table allows no other event; analysts and admins take no part in cases. */
gboolean     wb_policy_can_signal_diagnosis (WbRole  role,
                                             WbScope scope);

/* The labour-market monitor: whose aggregates a role sees. */
typedef enum {
  WB_MONITOR_ACCESS_NONE,
  WB_MONITOR_ACCESS_ALL_ORGANISATIONS,  /* every organisation's aggregates, small numbers protected */
} WbMonitorAccess;

/* Analysts and coordinators follow every organisation's figures; account managers and
 * consultants see the same monitor; admins, who keep the reference data, too. */
WbMonitorAccess wb_policy_monitor_access (WbRole role);

/* Whether a cell of the monitor may lead to the persons it counts. Never, for any role: a
 * drill-down stops at an aggregate (a finer level, a split by a dimension), so that no
 * monitor cell is a way to another organisation's clients; one's own clients are in the
 * client list, under the client rules above. */
gboolean     wb_policy_monitor_lists_persons (WbRole role);

/* Whether the role may see monitor aggregates (counts, series). */
gboolean     wb_policy_can_aggregate  (WbRole      role);

gboolean     wb_role_from_string      (const char *text,
                                       WbRole     *role);
const char  *wb_role_to_string        (WbRole      role);
const char  *wb_action_to_string      (WbAction    action);
const char  *wb_scope_to_string       (WbScope     scope);

/* Removes from a client record (as JSON) what the pseudonymous profile may not show and
 * adds the derived fields it shows instead: pseudonym, age band and capacity band. */
void         wb_policy_pseudonymise_client (JsonObject *client,
                                            int         this_year);

G_END_DECLS
