/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "wb-core.h"

G_BEGIN_DECLS

/* A contact with an employer being written for the contact log. It outlives its dialog,
 * so that what the user typed survives a failed request and the dialog opens again with
 * it and the reason it failed. */
typedef struct _WbContactDraft WbContactDraft;

typedef void (*WbContactDraftReady) (WbContactDraft *draft,
                                     gpointer        user_data);

WbContactDraft *wb_contact_draft_new       (WbContactDraftReady  ready,
                                            gpointer             user_data);
void            wb_contact_draft_free      (WbContactDraft      *draft);
void            wb_contact_draft_set_error (WbContactDraft      *draft,
                                            const char          *message,
                                            WbProblem           *problem);
/* Sets what the fields hold (for tests and scripts): kind is visit, call or mail. */
void            wb_contact_draft_set       (WbContactDraft      *draft,
                                            const char          *kind,
                                            const char          *date,
                                            const char          *note);
JsonObject     *wb_contact_draft_to_json   (WbContactDraft      *draft);

/* Asks for kind, date and note. @owner_notice says, before anything is sent, that another
 * organisation owns the employer (NULL when it does not). "Log" calls the draft's ready
 * function. Returns the dialog; the draft must outlive it. */
GtkWidget      *wb_contact_dialog_present  (GtkWidget           *parent,
                                            const char          *employer_name,
                                            const char          *owner_notice,
                                            WbContactDraft      *draft);

G_END_DECLS
