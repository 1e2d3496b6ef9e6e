/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "wb-record-page.h"
#include "wb-session.h"

G_BEGIN_DECLS

#define WB_TYPE_VACANCY_PAGE (wb_vacancy_page_get_type ())

G_DECLARE_FINAL_TYPE (WbVacancyPage, wb_vacancy_page, WB, VACANCY_PAGE, WbRecordPage)

/* One vacancy on the record page machinery: its employer (a button opens the account), the
 * competences it asks with their levels, essential or optional, the work (occupation,
 * sector, hours, contract, positions filled and open), its place and dates, and the flags
 * (job carving, wage-cost subsidy, licence, an opportunity sector of its region); "Edit"
 * where the policy allows.
 *
 * The requirements show the first five, and "Show All" the rest. Beside the cards on a wide
 * page, first below the header on a narrow one (wb_record_page_set_side), is the slot of the
 * vacancy's candidates: hidden until a widget is put in it with
 * wb_vacancy_page_set_candidates_widget (), which the page keeps across every vacancy it
 * shows. "vacancy-opened" (gint64) tells it which vacancy the page opens, before the page
 * reads it; "vacancy-loaded" (WbRecord) each time the page has read one in full or saved it.
 *
 * Signals besides WbRecordPage's: "open-employer" (gint64, the employer's id),
 * "vacancy-opened", "vacancy-loaded". */
WbVacancyPage *wb_vacancy_page_new                   (void);
/* Puts @widget (a candidates panel) in the slot of the candidates and shows it; NULL
 * empties and hides the slot. */
void           wb_vacancy_page_set_candidates_widget (WbVacancyPage *self,
                                                      GtkWidget     *widget);
GtkWidget     *wb_vacancy_page_get_candidates_widget (WbVacancyPage *self);
/* The vacancy shown (the full record once read), or NULL. */
WbRecord      *wb_vacancy_page_get_vacancy           (WbVacancyPage *self);
gint64         wb_vacancy_page_get_vacancy_id        (WbVacancyPage *self);
WbSession     *wb_vacancy_page_get_session           (WbVacancyPage *self);
/* Whether the page is still reading the vacancy, its occupation or its placements. */
gboolean       wb_vacancy_page_get_loading           (WbVacancyPage *self);

G_END_DECLS
