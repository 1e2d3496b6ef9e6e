/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "wb-api-client.h"
#include "wb-api-ranking.h"

G_BEGIN_DECLS

/* The matching calls of the client library: rankings both ways, proposals and their
 * workflow, the weights per region and saved alerts. Each is an _async/_finish pair over
 * wb_api_client_request_async; failures are WB_API_ERROR as everywhere in the library. */

/* GET /api/v1/vacancies/{id}/matches: the answer as a JSON object with "items" (best
 * first, each with its score, parts, gap and the client's profile, pseudonymous for
 * another organisation's clients), "weights" (which weights produced the ranking) and
 * the parameters used; wb_api_ranking_new_from_json parses it into a WbApiRanking. */
void          wb_api_client_rank_candidates_async     (WbApiClient          *self,
                                                       gint64                vacancy_id,
                                                       const WbApiRankQuery *query,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
JsonObject   *wb_api_client_rank_candidates_finish    (WbApiClient          *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);

/* GET /api/v1/clients/{id}/matches: the open vacancies for a client, in the same form. */
void          wb_api_client_rank_vacancies_async      (WbApiClient          *self,
                                                       gint64                client_id,
                                                       const WbApiRankQuery *query,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
JsonObject   *wb_api_client_rank_vacancies_finish     (WbApiClient          *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);

/* The same rankings (@for_vacancy: a vacancy's candidates, else a client's vacancies), asked,
 * read and parsed on a thread of their own: neither waits for the caller's main loop, which
 * gets the ranking parsed (or the error, as for every call). @query may be NULL. */
void          wb_api_client_fetch_ranking_async       (WbApiClient          *self,
                                                       gboolean              for_vacancy,
                                                       gint64                id,
                                                       const WbApiRankQuery *query,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
WbApiRanking *wb_api_client_fetch_ranking_finish      (WbApiClient          *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);

/* POST /api/v1/matches: records a proposal; the server stores the score, its parts and
 * the weights of that moment. @state is NULL for "suggested". */
void          wb_api_client_propose_match_async       (WbApiClient          *self,
                                                       gint64                vacancy_id,
                                                       gint64                client_id,
                                                       const char           *state,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
WbRecord     *wb_api_client_propose_match_finish      (WbApiClient          *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);

/* PATCH /api/v1/matches/{id} with the ETag of @match: the next step of the workflow.
 * @reason is required for "rejected" and ignored otherwise. A step that is not possible
 * fails with 409 and the server's explanation; a stale @match with 412. */
void          wb_api_client_advance_match_async       (WbApiClient          *self,
                                                       WbRecord             *match,
                                                       const char           *state,
                                                       const char           *reason,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
WbRecord     *wb_api_client_advance_match_finish      (WbApiClient          *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);

/* GET and PATCH /api/v1/match-weights/{region}; @etag gets the ETag to send back. */
void          wb_api_client_get_match_weights_async   (WbApiClient          *self,
                                                       const char           *region,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
JsonObject   *wb_api_client_get_match_weights_finish  (WbApiClient          *self,
                                                       GAsyncResult         *result,
                                                       char                **etag,
                                                       GError              **error);
void          wb_api_client_set_match_weights_async   (WbApiClient          *self,
                                                       const char           *region,
                                                       const char           *etag,
                                                       JsonObject           *weights,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
JsonObject   *wb_api_client_set_match_weights_finish  (WbApiClient          *self,
                                                       GAsyncResult         *result,
                                                       char                **etag,
                                                       GError              **error);

/* Saved alerts. @kind "vacancy_for_client" with a client's id, or "client_for_vacancy" with
 * a vacancy's id; @threshold a score from 0 to 1. The server keeps a notification
 * (GET /api/v1/notifications) when a new vacancy or client scores at or above it. */
void          wb_api_client_create_alert_async        (WbApiClient          *self,
                                                       const char           *kind,
                                                       gint64                subject_id,
                                                       double                threshold,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
JsonObject   *wb_api_client_create_alert_finish       (WbApiClient          *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
/* The caller's own alerts: a JSON array of alert objects. */
void          wb_api_client_list_alerts_async         (WbApiClient          *self,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
JsonArray    *wb_api_client_list_alerts_finish        (WbApiClient          *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
void          wb_api_client_delete_alert_async        (WbApiClient          *self,
                                                       gint64                alert_id,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
gboolean      wb_api_client_delete_alert_finish       (WbApiClient          *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);

G_END_DECLS
