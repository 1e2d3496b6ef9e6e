/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "wb-session.h"

G_BEGIN_DECLS

#define WB_TYPE_NOTIFICATIONS_BUTTON (wb_notifications_button_get_type ())

G_DECLARE_FINAL_TYPE (WbNotificationsButton, wb_notifications_button, WB, NOTIFICATIONS_BUTTON, GtkBox)

/* A button for the header bar with the number of unread notifications (a decision in the
 * review queue, another organisation's contact with an account, a matching alert) and a
 * popover that lists them; each can be marked read, or opened when it is about an
 * employer ("open-employer", with its id). Follows the session's change feed: a new
 * notification, or one read elsewhere, shows within a moment, with the count; without a
 * connected feed it asks every minute; also when it opens and when asked to. */
WbNotificationsButton *wb_notifications_button_new         (void);
void                   wb_notifications_button_set_session (WbNotificationsButton *self,
                                                            WbSession             *session);
void                   wb_notifications_button_refresh     (WbNotificationsButton *self);
guint                  wb_notifications_button_get_n_unread (WbNotificationsButton *self);
/* The list of the popover, one row per unread notification (tests). */
GtkListBox            *wb_notifications_button_get_list    (WbNotificationsButton *self);

G_END_DECLS
