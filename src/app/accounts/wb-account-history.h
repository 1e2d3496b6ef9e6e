/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "wb-record-page.h"

G_BEGIN_DECLS

/* The history of an account as people read it (GET /employers/{id}/history): the potential
 * arrangements reported to the WSP and the handovers, each with the briefing its successor
 * received. */

/* A card "History" on @page with one row per entry of @history (WbRecord, newest first;
 * NULL while it loads or when it could not be read: the card then says @missing). The page knows the rows as "history_0", "history_1", ... (their
 * subtitles) and the briefings as "briefing_0", ... (their summaries). */
void  wb_account_history_add_card        (WbRecordPage   *page,
                                          GListModel     *history,
                                          const char     *missing);
/* (The briefing in one sentence is wb_account_briefing_summary, in core: the server says
 * it in the successor's notification too.) */
/* The briefing's parts as rows under @row: the last contacts, the open vacancies, the
 * matches in progress and the exception. */
void  wb_account_briefing_add_rows       (AdwExpanderRow *row,
                                          JsonObject     *briefing);

G_END_DECLS
