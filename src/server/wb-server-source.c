/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-server-source"

#include "config.h"

#include "wb-server-source.h"

static GSource *
attach (GSource     *source,
        GSourceFunc  func,
        gpointer     data)
{
  g_source_set_callback (source, func, data, NULL);
  g_source_attach (source, g_main_context_get_thread_default ());
  return source;
}

GSource *
_wb_server_timeout_add (guint       interval_ms,
                        GSourceFunc func,
                        gpointer    data)
{
  return attach (g_timeout_source_new (interval_ms), func, data);
}

GSource *
_wb_server_timeout_add_seconds (guint       interval,
                                GSourceFunc func,
                                gpointer    data)
{
  return attach (g_timeout_source_new_seconds (interval), func, data);
}

GSource *
_wb_server_idle_add (int         priority,
                     GSourceFunc func,
                     gpointer    data)
{
  GSource *source = g_idle_source_new ();

  g_source_set_priority (source, priority);
  return attach (source, func, data);
}

void
_wb_server_source_clear (GSource **source)
{
  g_return_if_fail (source != NULL);

  if (*source == NULL)
    return;
  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}
