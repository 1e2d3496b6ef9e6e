/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "wb-list-view.h"

G_BEGIN_DECLS

#define WB_TYPE_ARRANGEMENTS_VIEW (wb_arrangements_view_get_type ())

G_DECLARE_FINAL_TYPE (WbArrangementsView, wb_arrangements_view, WB, ARRANGEMENTS_VIEW, WbListView)

/* The coordinators' list of the potential arrangements reported to the WSP, per quarter
 * (this one when it opens) and subregion, exported for Excel like every list; a report opens
 * its employer's account. The server refuses everyone but coordinators. */
WbArrangementsView *wb_arrangements_view_new        (void);
/* A window with the list for @session, over @parent. */
GtkWindow          *wb_arrangements_view_present    (WbSession *session,
                                                     GtkWindow *parent);

G_END_DECLS
