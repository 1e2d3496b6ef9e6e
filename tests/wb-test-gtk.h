/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Runs the main loop until a message dialog is shown, and returns it; fails the test when
 * none comes. */
AdwMessageDialog *wb_test_wait_for_message_dialog (void);

G_END_DECLS
