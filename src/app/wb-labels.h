/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

#include "wb-account-rules.h"

G_BEGIN_DECLS

/* Words for people in place of the model's enum values ("participatiewet" -> "Participation
 * Act"). Unknown values come back as they are; NULL gives an em dash. */
const char *wb_label_for_enum  (const char *field,
                                const char *value);
const char *wb_label_for_role  (const char *role);
/* The badge style of an account's rule status: success (in order), accent (an approved
 * exception), warning (a flag) or error (the rule is broken). */
const char *wb_style_for_account_status (WbAccountStatus status);

G_END_DECLS
