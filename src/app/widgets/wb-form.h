/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The parts of a window that asks for a decision and sends it (a review's decision, a
 * handover): a header with Cancel, the button that sends and a spinner; a banner that says
 * what the server refused; and the required reason. */
typedef struct {
  GtkButton *submit;
  GtkSpinner *spinner;
  GtkRevealer *banner;
  GtkLabel *banner_label;
  GtkEntry *reason;
} WbForm;

/* Sets @window's content to a box with the header and the banner, and returns the box for
 * the rest. @submit_label has a mnemonic; @submit_accessible is its spoken name; Cancel
 * closes @window. */
GtkWidget           *wb_form_build        (WbForm      *form,
                                           GtkWindow   *window,
                                           const char  *title,
                                           const char  *subtitle,
                                           const char  *submit_label,
                                           const char  *submit_accessible,
                                           gboolean     destructive);
/* The group "Reason" with @description, a labelled entry (@mnemonic_label) that is
 * required; @placeholder may be NULL. */
AdwPreferencesGroup *wb_form_reason_group (WbForm      *form,
                                           const char  *description,
                                           const char  *mnemonic_label,
                                           const char  *placeholder);
/* Shows @message in the banner, or hides it for NULL. */
void                 wb_form_show_message (WbForm      *form,
                                           const char  *message);
/* The message shown, or NULL. */
const char          *wb_form_get_message  (WbForm      *form);
void                 wb_form_set_busy     (WbForm      *form,
                                           gboolean     busy);

G_END_DECLS
