/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "wb-api-client.h"

G_BEGIN_DECLS

/* The monitor call of the client library: GET /api/v1/monitor, answered as the core's
 * series model (WbMonitorResult), which the app turns into chart models. Failures are
 * WB_API_ERROR as everywhere in the library; a 400 names the parameter in its problem. */

/* The path of @query below the base URL: "api/v1/monitor?metric=…&level=…", every
 * parameter that is set, in a fixed order. */
char            *wb_api_monitor_path           (const WbMonitorQuery *query);

void             wb_api_client_monitor_async   (WbApiClient          *self,
                                                const WbMonitorQuery *query,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
WbMonitorResult *wb_api_client_monitor_finish  (WbApiClient          *self,
                                                GAsyncResult         *result,
                                                GError              **error);

G_END_DECLS
