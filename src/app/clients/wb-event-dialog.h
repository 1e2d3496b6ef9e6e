/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "wb-core.h"

G_BEGIN_DECLS

/* An event being written for a client's timeline. It outlives its dialog, so that what
 * the user typed survives a failed request and the dialog can open again with it. */
typedef struct _WbEventDraft WbEventDraft;

typedef void (*WbEventDraftReady) (WbEventDraft *draft,
                                   gpointer      user_data);

WbEventDraft *wb_event_draft_new        (WbEventDraftReady  ready,
                                         gpointer           user_data);
void          wb_event_draft_free       (WbEventDraft      *draft);
void          wb_event_draft_set_error  (WbEventDraft      *draft,
                                         const char        *message,
                                         WbProblem         *problem);
JsonObject   *wb_event_draft_to_json    (WbEventDraft      *draft);
/* Asks for kind, date and note; "Add" calls the draft's ready function. */
void          wb_event_dialog_present   (GtkWidget         *parent,
                                         WbEventDraft      *draft);

G_END_DECLS
