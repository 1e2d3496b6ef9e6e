/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The placement workflow of a match:
 * suggested → shortlisted → proposed → interview → placed, and from any open state to
 * rejected (with a reason) or withdrawn. Placed, rejected and withdrawn are final. */

gboolean wb_match_state_is_final       (const char  *state);

/* Whether a match may go from @from to @to. When not, @explanation (if not NULL) gets a
 * sentence for the person who tried, saying what is possible instead. */
gboolean wb_match_transition_allowed   (const char  *from,
                                        const char  *to,
                                        char       **explanation);

G_END_DECLS
