/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "wb-list-view.h"
#include "wb-vacancy-list-model.h"
#include "wb-vacancy-page.h"

G_BEGIN_DECLS

#define WB_TYPE_VACANCIES_VIEW (wb_vacancies_view_get_type ())

G_DECLARE_FINAL_TYPE (WbVacanciesView, wb_vacancies_view, WB, VACANCIES_VIEW, WbListView)

/* The vacancies of the region: the vacancy list's spec on the list machinery, the vacancy
 * page beside it, and "New Vacancy" (Ctrl+N) for a role the policy lets take one in. Signals
 * of WbListView, and "open-employer" (gint64) from the page's employer. */
WbVacanciesView *wb_vacancies_view_new            (void);
/* wb_list_view_set_session, and the tools the user's role may use. */
void             wb_vacancies_view_set_session    (WbVacanciesView *self,
                                                   WbSession       *session);
/* Shows the vacancy with @vacancy_id, from the list or read from the server. */
void             wb_vacancies_view_open_vacancy   (WbVacanciesView *self,
                                                   gint64           vacancy_id);
/* Opens the form for a new vacancy, of @employer when not NULL (transfer none). */
GtkWindow       *wb_vacancies_view_new_vacancy    (WbVacanciesView *self,
                                                   WbRecord        *employer);
#define wb_vacancies_view_get_page(self) WB_VACANCY_PAGE (wb_list_view_get_page (WB_LIST_VIEW (self)))

G_END_DECLS
