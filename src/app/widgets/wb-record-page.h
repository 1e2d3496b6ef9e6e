/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "wb-session.h"

G_BEGIN_DECLS

#define WB_TYPE_RECORD_PAGE (wb_record_page_get_type ())

G_DECLARE_DERIVABLE_TYPE (WbRecordPage, wb_record_page, WB, RECORD_PAGE, GtkBox)

/* The page of one record beside a list (a client's profile, an employer's account): a bar
 * with "back", the title and the actions the policy allows; a loading and an error page;
 * and the record itself as a header (title, subtitle, badges, a notice) over cards of facts
 * (titled groups of rows, each a title over its value). Escape and Alt+Left go back.
 *
 * A subclass builds its cards in its own rebuild, adds its actions once in init, and
 * implements the vfuncs the list view calls. Signals: "back", "record-changed" (the saved
 * WbRecord, for the list's row), "backend-error" (a message, or NULL when it recovered),
 * "toast", "add-toast" (an AdwToast with a button). */
struct _WbRecordPageClass
{
  GtkBoxClass parent_class;

  void     (*set_session)         (WbRecordPage *self,
                                   WbSession    *session);
  /* Shows @summary (what the list's row knows) at once and loads the full record. */
  void     (*load)                (WbRecordPage *self,
                                   WbRecord     *summary);
  /* Reads the record again: after an error, and after a write met a newer version (412). */
  void     (*reload)              (WbRecordPage *self);
  /* Default: of the editor given to wb_record_page_present_editor_window. */
  gboolean (*has_unsaved_edits)   (WbRecordPage *self);
  void     (*present_editor)      (WbRecordPage *self);

  /* A change by someone else of a record under this one (an event under a client, say):
   * TRUE when the subclass reads that part again itself; otherwise the page reloads. */
  gboolean (*follow_change)       (WbRecordPage      *self,
                                   const WbApiChange *change);

  gpointer padding[7];
};

typedef enum {
  WB_RECORD_PAGE_LOADING,
  WB_RECORD_PAGE_ERROR,
  WB_RECORD_PAGE_RECORD,
} WbRecordPageState;

/* The page's own words, each translated already: the back button's spoken name, and the
 * titles of the loading and the error page. */
void                 wb_record_page_set_texts          (WbRecordPage        *self,
                                                        const char          *back_label,
                                                        const char          *loading_title,
                                                        const char          *error_title);

/* Whether the bar offers "back" (a page beside its list has nowhere to go back to). */
void                 wb_record_page_set_back_visible   (WbRecordPage        *self,
                                                        gboolean             visible);

/* Actions: a button in the bar, hidden until wb_record_page_set_action_visible. @label has
 * a mnemonic; @accessible is its spoken name (and tooltip unless @tooltip). */
GtkButton           *wb_record_page_add_action         (WbRecordPage        *self,
                                                        const char          *name,
                                                        const char          *label,
                                                        const char          *accessible,
                                                        const char          *tooltip,
                                                        gboolean             suggested,
                                                        GCallback            clicked);
/* The same for a button the subclass made (in its template, say), which carries its
 * spoken name (an accessibility label). */
void                 wb_record_page_add_action_button  (WbRecordPage        *self,
                                                        const char          *name,
                                                        GtkButton           *button);
void                 wb_record_page_set_action_visible (WbRecordPage        *self,
                                                        const char          *name,
                                                        gboolean             visible);
gboolean             wb_record_page_get_action_visible (WbRecordPage        *self,
                                                        const char          *name);
/* A widget in the bar before the actions (a spinner, say). */
void                 wb_record_page_add_bar_widget     (WbRecordPage        *self,
                                                        GtkWidget           *widget);

void                 wb_record_page_show               (WbRecordPage        *self,
                                                        WbRecordPageState    state);
/* A load failed: the error page says why when there is nothing to show yet; the view's
 * banner says it in any case. */
void                 wb_record_page_show_error         (WbRecordPage        *self,
                                                        const GError        *error);

/* How much of the record the page shows: only what a value is missing for says what "—"
 * means. A page shows the list's row (a summary) at once and the full record when it has
 * read it; a value the summary lacks is "Loading…" meanwhile, and "Not loaded (offline)"
 * when the read failed for want of the server (plain "Not loaded" for any other failure).
 * Only in the full record is a missing value empty ("—"). */
typedef enum {
  WB_RECORD_PAGE_FULL,
  WB_RECORD_PAGE_SUMMARY,
  WB_RECORD_PAGE_NOT_LOADED,
} WbRecordPageExtent;

/* @error: why the record is not loaded (for WB_RECORD_PAGE_NOT_LOADED). Set it before the
 * cards are built: rows take their missing text when they are added. */
void                 wb_record_page_set_extent         (WbRecordPage        *self,
                                                        WbRecordPageExtent   extent,
                                                        const GError        *error);
WbRecordPageExtent   wb_record_page_get_extent         (WbRecordPage        *self);
/* What a value that is not there reads as: "—", "Loading…" or "Not loaded (offline)". A
 * card whose list is missing from the summary says this instead of "none recorded". */
const char          *wb_record_page_get_missing_text   (WbRecordPage        *self);
/* The full record shown is the one read at @loaded_at, and reading it again failed: a
 * badge says the values are as last loaded (offline). NULL: they are current. */
void                 wb_record_page_set_last_loaded    (WbRecordPage        *self,
                                                        GDateTime           *loaded_at,
                                                        const GError        *error);

/* The header and the cards. clear() removes every card and badge and forgets the fields. */
void                 wb_record_page_clear              (WbRecordPage        *self);
/* Removes the badges only (the badge of values as last loaded stays): for a page that
 * keeps its cards and sets their values again. */
void                 wb_record_page_clear_badges       (WbRecordPage        *self);
void                 wb_record_page_set_title          (WbRecordPage        *self,
                                                        const char          *title,
                                                        const char          *subtitle);
const char          *wb_record_page_get_title          (WbRecordPage        *self);
void                 wb_record_page_add_badge          (WbRecordPage        *self,
                                                        const char          *text,
                                                        const char          *style);
/* A line under the header (NULL hides it), e.g. why the profile is pseudonymous. */
void                 wb_record_page_set_notice         (WbRecordPage        *self,
                                                        const char          *text);
AdwPreferencesGroup *wb_record_page_add_card           (WbRecordPage        *self,
                                                        const char          *title,
                                                        const char          *description);
/* A row of @title over @value (when there is none, the missing text: "—" in a full
 * record, see wb_record_page_set_extent); with @field, the page knows it
 * under that name (wb_record_page_get_field_text). */
AdwActionRow        *wb_record_page_add_row            (WbRecordPage        *self,
                                                        AdwPreferencesGroup *card,
                                                        const char          *field,
                                                        const char          *title,
                                                        const char          *value);
/* The same row with a bar of @level out of 5 beside it (a competence's level). */
AdwActionRow        *wb_record_page_add_level_row      (WbRecordPage        *self,
                                                        AdwPreferencesGroup *card,
                                                        const char          *field,
                                                        const char          *title,
                                                        const char          *value,
                                                        int                  level);
/* Any other widget below the cards so far (a panel of the page's own); clear() takes it
 * out like a card, so a page that keeps it holds a reference and adds it again. */
void                 wb_record_page_add_widget         (WbRecordPage        *self,
                                                        GtkWidget           *widget);
/* A widget of the page's own that clear() leaves alone (a vacancy's candidates): on a wide
 * page (1000 px and more) a column beside the cards, of the same width and its own height;
 * on a narrow one first below the header. Shown while @widget is visible. */
void                 wb_record_page_set_side           (WbRecordPage        *self,
                                                        GtkWidget           *widget);
/* Whether the side widget is a column of its own now (property "wide"). */
gboolean             wb_record_page_get_wide           (WbRecordPage        *self);
/* Lets the page know @widget under @field (a card that explains, say). */
void                 wb_record_page_add_field          (WbRecordPage        *self,
                                                        const char          *field,
                                                        GtkWidget           *widget);
/* Forgets @field (a row that will show something else). */
void                 wb_record_page_remove_field       (WbRecordPage        *self,
                                                        const char          *field);
/* The value shown for @field (a row's subtitle, an expander's, a card's description), or NULL. */
const char          *wb_record_page_get_field_text     (WbRecordPage        *self,
                                                        const char          *field);

/* What a failed write does, in one place: nothing when it was cancelled; for a 412 (the
 * record changed in the meantime) @conflict_message as a toast and the record read again,
 * so that the user sees what changed (an editor keeps its own edits); otherwise the error's
 * message as a toast. */
void                 wb_record_page_handle_write_error (WbRecordPage        *self,
                                                        const GError        *error,
                                                        const char          *conflict_message);

/* The record's editor (a WbRecordEditor, say): transient for the page's window and shown;
 * the page knows it while it is open, asks it for unsaved edits and presents it again. A
 * page has one editor open at a time: another takes its place. */
void                 wb_record_page_present_editor_window (WbRecordPage     *self,
                                                        GtkWindow           *editor);
GtkWindow           *wb_record_page_get_editor         (WbRecordPage        *self);
void                 wb_record_page_close_editor       (WbRecordPage        *self);
/* Before the page shows another record: when the open editor has unsaved edits, presents it,
 * says so and returns TRUE (the page stays); otherwise FALSE. */
gboolean             wb_record_page_keep_unsaved_edits (WbRecordPage        *self);

void                 wb_record_page_toast              (WbRecordPage        *self,
                                                        const char          *message);
/* A toast with a button ("Undo"), shown by the window's toast overlay: signal "add-toast"
 * (its default handler finds the overlay among the page's ancestors). Takes @toast. */
void                 wb_record_page_add_toast          (WbRecordPage        *self,
                                                        AdwToast            *toast);
void                 wb_record_page_record_changed     (WbRecordPage        *self,
                                                        WbRecord            *record);
void                 wb_record_page_backend_error      (WbRecordPage        *self,
                                                        const char          *message);

/* How far the record is scrolled (tests look at the end of a page with it). */
GtkAdjustment       *wb_record_page_get_vadjustment    (WbRecordPage        *self);

/* What the list view calls. */
void                 wb_record_page_set_session        (WbRecordPage        *self,
                                                        WbSession           *session);
void                 wb_record_page_load               (WbRecordPage        *self,
                                                        WbRecord            *summary);
void                 wb_record_page_reload             (WbRecordPage        *self);
/* Reads the record again where the reader is (F5, a change by someone else): the scroll
 * position comes back; an open editor keeps its edits. The page follows the session's
 * "remote-change" for its record and the records under it by itself. */
void                 wb_record_page_refresh            (WbRecordPage        *self);
gboolean             wb_record_page_has_unsaved_edits  (WbRecordPage        *self);
void                 wb_record_page_present_editor     (WbRecordPage        *self);

G_END_DECLS
