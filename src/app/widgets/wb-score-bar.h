/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "wb-api-ranking.h"

G_BEGIN_DECLS

#define WB_TYPE_SCORE_BAR (wb_score_bar_get_type ())

G_DECLARE_FINAL_TYPE (WbScoreBar, wb_score_bar, WB, SCORE_BAR, GtkWidget)

/* A match's score as one bar split into the server's parts: each part's segment is as wide
 * as its points (its share of the total), so the segments together are as wide as the score.
 * The colours are the chart palette of the style sheet (light and dark); each segment carries
 * its part's initial where it fits, and the legend below names every part with its points, so
 * colour is never the only cue. A screen reader hears the bar as a meter with the score and a
 * description of every part in words. */
WbScoreBar *wb_score_bar_new             (void);

/* Shows @match's score and parts, exactly as the server sent them; NULL empties the bar. */
void        wb_score_bar_set_match       (WbScoreBar             *self,
                                          const WbApiRankedMatch *match);
/* The legend names each part with its points; off, the bar stands alone (a list row). */
void        wb_score_bar_set_show_legend (WbScoreBar             *self,
                                          gboolean                show_legend);
gboolean    wb_score_bar_get_show_legend (WbScoreBar             *self);

double      wb_score_bar_get_score       (WbScoreBar             *self);
/* The points of @part as shown, 0 to 1 of the whole bar. */
double      wb_score_bar_get_part_points (WbScoreBar             *self,
                                          WbMatchPart             part);
gboolean    wb_score_bar_get_part_known  (WbScoreBar             *self,
                                          WbMatchPart             part);
/* Where @part's segment is drawn in a bar @width pixels wide: from *@x, *@segment_width wide. */
void        wb_score_bar_get_part_extent (WbScoreBar             *self,
                                          WbMatchPart             part,
                                          double                  width,
                                          double                 *x,
                                          double                 *segment_width);
/* The legend's text of @part ("Competences 33.75 of 45"), or NULL without a match. */
const char *wb_score_bar_get_part_text   (WbScoreBar             *self,
                                          WbMatchPart             part);
/* What a screen reader hears: the score and every part in words. */
char       *wb_score_bar_dup_description (WbScoreBar             *self);

/* The name of a part of the score for people ("Competences"). */
const char *wb_match_part_label          (WbMatchPart             part);
/* A score or points (0 to 1) as points out of 100 for people: "82.87" ("82,87" in Dutch). */
char       *wb_score_format_points       (double                  points);

G_END_DECLS
