/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <libsoup/soup.h>

#include "wb-api-client.h"

G_BEGIN_DECLS

/* For the code of the api library only: what its calls have in common. */

void          _wb_api_append_param    (GString       *path,
                                       const char    *name,
                                       const char    *value);
void          _wb_api_append_filters  (GString       *path,
                                       GHashTable    *filters);
gpointer      _wb_api_finish_pointer  (WbApiClient   *self,
                                       GAsyncResult  *result,
                                       gpointer       source_tag,
                                       GError       **error);

/* The client's HTTP session, for a request of its own (the change feed). */
SoupSession  *_wb_api_client_get_session (WbApiClient  *self);

G_END_DECLS
