/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "wb-core.h"
#include "wb-session.h"

G_BEGIN_DECLS

/* An event being written for a client's timeline. It outlives its dialog, so that what
 * the user typed survives a failed request and the dialog can open again with it. */
typedef struct _WbEventDraft WbEventDraft;

typedef void (*WbEventDraftReady) (WbEventDraft *draft,
                                   gpointer      user_data);

WbEventDraft *wb_event_draft_new        (WbEventDraftReady  ready,
                                         gpointer           user_data);
/* A draft that corrects @event: its fields as they are, its kind fixed, and why asked. */
WbEventDraft *wb_event_draft_new_correction (WbRecord      *event,
                                         WbEventDraftReady  ready,
                                         gpointer           user_data);
/* The event a correction corrects, or 0. */
gint64        wb_event_draft_get_corrects_id (WbEventDraft *draft);
void          wb_event_draft_free       (WbEventDraft      *draft);
void          wb_event_draft_set_error  (WbEventDraft      *draft,
                                         const char        *message,
                                         WbProblem         *problem);
/* The event as the API takes it: only the fields its kind asks for. */
JsonObject   *wb_event_draft_to_json    (WbEventDraft      *draft);
/* Sets a field by its API name ("correction_reason" too); "hours" takes a number as text,
 * NULL clears. */
void          wb_event_draft_set        (WbEventDraft      *draft,
                                         const char        *field,
                                         const char        *value);
void          wb_event_draft_set_employer (WbEventDraft    *draft,
                                         gint64             id,
                                         const char        *name);
/* The server's message about one field of the last attempt, or NULL. */
/* What the dialog says above its fields after a refusal, or NULL. */
const char   *wb_event_draft_get_error  (WbEventDraft      *draft);
const char   *wb_event_draft_get_field_error (WbEventDraft *draft,
                                         const char        *field);
/* Asks for the kind, its date and what that kind of event needs (an instrument, the
 * employer and contract of a placement, the reason of an outflow) with the server's
 * messages next to the fields; "Add" calls the draft's ready function. @session finds
 * employers. */
void          wb_event_dialog_present   (GtkWidget         *parent,
                                         WbSession         *session,
                                         WbEventDraft      *draft);

G_END_DECLS
