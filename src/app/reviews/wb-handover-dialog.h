/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "wb-session.h"

G_BEGIN_DECLS

#define WB_TYPE_HANDOVER_DIALOG (wb_handover_dialog_get_type ())

G_DECLARE_FINAL_TYPE (WbHandoverDialog, wb_handover_dialog, WB, HANDOVER_DIALOG, AdwWindow)

/* A coordinator hands every account of an account manager who left over in one step
 * (docs/accounts-api.md, "Handing over the accounts"): the dialog reads the proposal, shows
 * each account with its briefing and the successors the rule allows (the proposed one
 * chosen), asks why, and sends it all at once. What the server refuses stays on screen with
 * the reason it gives. Emits "handed-over" with the server's answer (a JsonObject), then
 * closes. */
WbHandoverDialog *wb_handover_dialog_new          (WbSession        *session,
                                                   gint64            user_id,
                                                   const char       *user_name);
/* Shows @proposal (what GET /users/{id}/handover answers) without reading it. */
void              wb_handover_dialog_set_proposal (WbHandoverDialog *self,
                                                   JsonObject       *proposal);
/* For tests and scripts: the reason, a successor for one account, and the body it sends
 * (NULL, with the dialog's message saying why, when it cannot be sent). */
void              wb_handover_dialog_set_reason   (WbHandoverDialog *self,
                                                   const char       *reason);
gboolean          wb_handover_dialog_choose       (WbHandoverDialog *self,
                                                   gint64            employer_id,
                                                   gint64            owner_id);
guint             wb_handover_dialog_get_n_accounts (WbHandoverDialog *self);
JsonObject       *wb_handover_dialog_dup_body     (WbHandoverDialog *self);
void              wb_handover_dialog_submit       (WbHandoverDialog *self);
const char       *wb_handover_dialog_get_message  (WbHandoverDialog *self);

G_END_DECLS
