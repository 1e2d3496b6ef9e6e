/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "wb-api-ranking.h"
#include "wb-score-bar.h"
#include "wb-session.h"
#include "wb-vacancy-page.h"

G_BEGIN_DECLS

typedef enum {
  WB_MATCH_DIRECTION_CANDIDATES,   /* the candidates of a vacancy */
  WB_MATCH_DIRECTION_VACANCIES,    /* the vacancies of a client */
} WbMatchDirection;

#define WB_TYPE_CANDIDATES_PANEL (wb_candidates_panel_get_type ())

G_DECLARE_FINAL_TYPE (WbCandidatesPanel, wb_candidates_panel, WB, CANDIDATES_PANEL, GtkWidget)

/* A ranking explained, in either direction: the candidates of a vacancy (on the vacancy
 * page) or the suitable vacancies of a client (on the client profile). Each ranked item is a
 * row with its rank, the candidate's name or pseudonym as the server sends it (a pseudonym
 * says it is one), its score bar and what to flag (distance, diagnosis, near miss); opened,
 * it reads out why: the score's parts with the server's explanations, the matched, missing,
 * below-level and unknown competences, the missing data and who can supply it, and for a
 * near miss the training that would close the gap.
 *
 * The controls re-rank at once: maximum distance (off by default), only the pool, only my
 * organisation, near misses; the weights used are named, and a coordinator changes the
 * region's weights from here. Compact, the panel shows the top five without controls and a
 * button that emits "show-all".
 *
 * Signals: "ranked" (each time a ranking, or its first rows, or its failure is shown),
 * "show-all". */
WbCandidatesPanel *wb_candidates_panel_new              (WbMatchDirection   direction);
WbMatchDirection   wb_candidates_panel_get_direction    (WbCandidatesPanel *self);
void               wb_candidates_panel_set_session      (WbCandidatesPanel *self,
                                                         WbSession         *session);
/* Ranks for the vacancy (or client) @subject_id; 0 empties the panel. */
void               wb_candidates_panel_set_subject      (WbCandidatesPanel *self,
                                                         gint64             subject_id);
gint64             wb_candidates_panel_get_subject      (WbCandidatesPanel *self);
/* Compact: the top five, no controls, a "show all" button. */
void               wb_candidates_panel_set_compact      (WbCandidatesPanel *self,
                                                         gboolean           compact);
/* Fill: the panel takes the height it is given and its list scrolls (a column or a window
 * of its own); otherwise (the default) the list is as tall as its rows, in a page that
 * scrolls. */
void               wb_candidates_panel_set_fill         (WbCandidatesPanel *self,
                                                         gboolean           fill);
/* Ranks again with what the controls say now. */
void               wb_candidates_panel_refresh          (WbCandidatesPanel *self);

/* The controls, as a user sets them (each re-ranks). */
void               wb_candidates_panel_set_max_km       (WbCandidatesPanel *self,
                                                         double             max_km);
void               wb_candidates_panel_set_pool         (WbCandidatesPanel *self,
                                                         gboolean           pool);
void               wb_candidates_panel_set_own_organisation (WbCandidatesPanel *self,
                                                         gboolean           own);
void               wb_candidates_panel_set_near_misses  (WbCandidatesPanel *self,
                                                         gboolean           near_misses);
/* The query of the ranking shown or asked for. */
void               wb_candidates_panel_get_query        (WbCandidatesPanel *self,
                                                         WbApiRankQuery    *query);

/* What is shown, for tests and benchmarks. Loading: until the whole ranking (or its failure)
 * is in; shown: once the rows show the ranking asked last, which may be its first rows only
 * while the rest is read (the list shows no more at once). */
gboolean           wb_candidates_panel_get_loading      (WbCandidatesPanel *self);
gboolean           wb_candidates_panel_get_shown        (WbCandidatesPanel *self);
WbApiRanking      *wb_candidates_panel_get_ranking      (WbCandidatesPanel *self);
/* The failure shown instead of a ranking, or NULL. */
const char        *wb_candidates_panel_get_error_text   (WbCandidatesPanel *self);
/* Adds the next rows of the ranking to the list (what scrolling to its end and "Show More"
 * do); whether more remain after them. */
gboolean           wb_candidates_panel_show_more        (WbCandidatesPanel *self);
/* The rows in the list so far: the first of the ranking, a few at a time. */
guint              wb_candidates_panel_get_n_rows       (WbCandidatesPanel *self);
/* The row widget that shows row @index now, or NULL where none does (the list view makes
 * and recycles them: not in a window, say). */
AdwExpanderRow    *wb_candidates_panel_get_row          (WbCandidatesPanel *self,
                                                         guint              index);
/* Opens or closes the explanation of row @index, whichever row widget shows it. */
void               wb_candidates_panel_set_row_expanded (WbCandidatesPanel *self,
                                                         guint              index,
                                                         gboolean           expanded);
/* The score bar of row @index's explanation (made if it was not opened yet). */
WbScoreBar        *wb_candidates_panel_get_row_bar      (WbCandidatesPanel *self,
                                                         guint              index);
/* The text a row shows for @section: "summary" (what to read out loud), "matched", "gap",
 * "below_level", "unknown", "optional_missing", "missing", "training", "distance",
 * "diagnosis", "weights" (index ignored); NULL when the row shows none. */
const char        *wb_candidates_panel_get_row_text     (WbCandidatesPanel *self,
                                                         guint              index,
                                                         const char        *section);

/* A window with the whole ranking and its controls for @subject_id (a vacancy or a client),
 * named @name: what "show-all" opens. Escape closes it. */
GtkWindow         *wb_candidates_panel_present_window   (GtkWidget        *parent,
                                                         WbSession        *session,
                                                         WbMatchDirection  direction,
                                                         gint64            subject_id,
                                                         const char       *name);

/* Puts a panel of candidates in @page's slot, following every vacancy the page shows, for a
 * role the policy lets read matches. */
void               wb_candidates_panel_attach_to_vacancy_page (WbVacancyPage *page);

G_END_DECLS
