/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The server's own timers and idles run in the thread-default main context of the thread
 * that adds them: the server's. In the desktop application's embedded backend that is the
 * backend thread's context, not the application's, where g_timeout_add and g_idle_add
 * would put them (those always use the global default context), to run on the user
 * interface's thread beside the server's own. Each returns the attached source, which the
 * caller owns; g_source_remove () does not find it by its id outside the global context:
 * _wb_server_source_clear () ends it. */
GSource *_wb_server_timeout_add (guint       interval_ms,
                                 GSourceFunc func,
                                 gpointer    data);
GSource *_wb_server_timeout_add_seconds (guint       interval,
                                         GSourceFunc func,
                                         gpointer    data);
GSource *_wb_server_idle_add    (int         priority,
                                 GSourceFunc func,
                                 gpointer    data);
/* Destroys *@source, when set, and drops the caller's reference. */
void     _wb_server_source_clear (GSource **source);

G_END_DECLS
