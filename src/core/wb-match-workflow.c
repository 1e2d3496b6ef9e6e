/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-match-workflow"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wb-match-workflow.h"
#include "wb-schema.h"

/* The forward path; a step may skip ahead (an employer may invite straight away) but
 * never go back: a match that went back would rewrite what was told to an employer. */
static const char * const forward[] = { "suggested", "shortlisted", "proposed", "interview", "placed" };

static int
forward_index (const char *state)
{
  for (guint i = 0; i < G_N_ELEMENTS (forward); i++)
    if (g_strcmp0 (forward[i], state) == 0)
      return (int) i;
  return -1;
}

gboolean
wb_match_state_is_final (const char *state)
{
  return g_strcmp0 (state, "placed") == 0 || g_strcmp0 (state, "rejected") == 0 ||
         g_strcmp0 (state, "withdrawn") == 0;
}

gboolean
wb_match_transition_allowed (const char  *from,
                             const char  *to,
                             char       **explanation)
{
  int from_index, to_index;

  g_return_val_if_fail (from != NULL, FALSE);
  g_return_val_if_fail (to != NULL, FALSE);

  if (!wb_enum_contains (wb_match_states, to))
    {
      if (explanation)
        *explanation = g_strdup_printf (_("“%s” is not a state of a match."), to);
      return FALSE;
    }
  if (strcmp (from, to) == 0)
    return TRUE;
  if (wb_match_state_is_final (from))
    {
      if (explanation)
        *explanation = g_strdup_printf (_("The match is already %s and cannot change any more; "
                                          "propose the candidate again as a new match."), from);
      return FALSE;
    }
  if (strcmp (to, "rejected") == 0 || strcmp (to, "withdrawn") == 0)
    return TRUE;

  from_index = forward_index (from);
  to_index = forward_index (to);
  if (to_index < from_index)
    {
      if (explanation)
        *explanation = g_strdup_printf (_("A match cannot go back from %s to %s; "
                                          "withdraw it and propose again if the situation changed."), from, to);
      return FALSE;
    }
  if (strcmp (to, "placed") == 0 && from_index < forward_index ("proposed"))
    {
      if (explanation)
        *explanation = g_strdup_printf (_("A candidate who was only %s cannot be placed; "
                                          "propose them to the employer first."), from);
      return FALSE;
    }
  return TRUE;
}
