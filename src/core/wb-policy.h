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

/* Whether the role may see monitor aggregates (counts, series); every role may. */
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
