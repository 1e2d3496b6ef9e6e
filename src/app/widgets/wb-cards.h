/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The cards of a profile page (a client's, an employer's): titled groups of rows, each a
 * title over its value, and the badges beside the page's title. */

/* A label in a badge (CSS class wb-badge), coloured by the class @style unless NULL. */
GtkWidget           *wb_card_badge_new  (const char          *text,
                                         const char          *style);
/* A card with @title and, unless NULL, @description, appended to @box. */
AdwPreferencesGroup *wb_card_new        (GtkBox              *box,
                                         const char          *title,
                                         const char          *description);
/* A row of @title over @value ("—" when there is none), both plain text. With @field, it
 * goes into @field_rows (field name to row) under that name. */
AdwActionRow        *wb_card_add_row    (AdwPreferencesGroup *card,
                                         GHashTable          *field_rows,
                                         const char          *field,
                                         const char          *title,
                                         const char          *value);
/* Removes every child of @box: the cards of a page, or its badges. */
void                 wb_card_remove_all (GtkBox              *box);

G_END_DECLS
