/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "wb-match-engine.h"
#include "wb-store.h"

G_BEGIN_DECLS

/* How the store feeds the matching engine: everything at once when the server starts, then
 * one record at a time after each committed write. */

typedef struct {
  guint n_clients;        /* active clients, the candidates */
  guint n_vacancies;      /* of any status */
  guint n_competences;    /* labels */
  guint n_occupations;    /* occupations with competences, for the inference */
  guint n_areas;          /* PC4 centres */
  guint n_organisations;
} WbMatchLoadStats;

/* Loads the reference data (competence labels, organisation names, PC4 centres, the
 * competences of occupations), every active client with the competences of their latest
 * diagnosis, work experience and sector preferences, and every vacancy with its
 * competences, in one pass of prepared statements, then builds the index. @stats may be
 * NULL. */
gboolean wb_match_loader_load          (WbStore           *store,
                                        WbMatchEngine     *engine,
                                        WbMatchLoadStats  *stats,
                                        GError           **error);

/* One client again from the store; a client that is gone or no longer active leaves the
 * engine. */
gboolean wb_match_loader_load_client   (WbStore           *store,
                                        WbMatchEngine     *engine,
                                        gint64             client_id,
                                        GError           **error);
gboolean wb_match_loader_load_vacancy  (WbStore           *store,
                                        WbMatchEngine     *engine,
                                        gint64             vacancy_id,
                                        GError           **error);

/* Whether wb_match_loader_follow changes anything for a write of @resource. */
gboolean wb_match_loader_follows       (WbResource         resource);
/* After a committed write of record @id of @resource: brings what the engine knows of it up
 * to date (a diagnosis reloads its client, an organisation its name, a competence its
 * label, an occupation its competences). @client_id and @vacancy_id (may be NULL) get the
 * candidate or vacancy that changed, 0 for none. Writes that matching does not depend on
 * change nothing. */
gboolean wb_match_loader_follow        (WbStore           *store,
                                        WbMatchEngine     *engine,
                                        WbResource         resource,
                                        gint64             id,
                                        gint64            *client_id,
                                        gint64            *vacancy_id,
                                        GError           **error);

G_END_DECLS
