/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "wb-record.h"
#include "wb-session.h"

G_BEGIN_DECLS

/* How long a test waits for something before it fails: long enough for the sanitizer build
 * on a busy machine, where the same step takes several times as long. A wait ends as soon as
 * what it waits for is there, so a quick machine does not wait longer. */
#define WB_TEST_WAIT_SECONDS 60

/* Runs the main loop until @condition (an expression) holds; fails the test, naming the
 * condition, after WB_TEST_WAIT_SECONDS. */
#define wb_test_wait_for(condition)                                                          \
  G_STMT_START {                                                                             \
    gint64 wb_test_end_ = g_get_monotonic_time () + WB_TEST_WAIT_SECONDS * G_USEC_PER_SEC;   \
    while (!(condition))                                                                     \
      {                                                                                      \
        if (g_get_monotonic_time () > wb_test_end_)                                          \
          g_error ("Waited %d s in vain for %s", WB_TEST_WAIT_SECONDS, #condition);          \
        wb_test_iterate ();                                                                  \
      }                                                                                      \
  } G_STMT_END

/* Synthetic records for widget tests: a record of @object, which it takes. */
WbRecord         *wb_test_record_take             (WbResource  resource,
                                                   JsonObject *object);
/* A record with @id and a name ("display_name" for a user, of organisation 1; "name"
 * otherwise). */
WbRecord         *wb_test_named_record            (WbResource  resource,
                                                   gint64      id,
                                                   const char *name);

/* The session of a consultant (user 7, "Test Consultant") of organisation 1, without a
 * server, with the lookups the synthetic clients name: organisations 1-3 ("ISD Kompas",
 * "ISD BOL", "Gemeente Heerlen"), municipalities 1-4 ("Heerlen", "Kerkrade", "Brunssum",
 * "Landgraaf") and users 7 and 8 ("Wendy Wsp"). */
WbSession        *wb_test_consultant_session      (void);
/* Synthetic client @i: "Given<i> Family<i>", pseudonym K-<i + 1, six digits>, of
 * organisation 1 + i % 3 and municipality 1 + i % 4, with the consultant as case manager
 * when i % 5 == 0 (else user 9); an active participatiewet client in intake, version 1. */
JsonObject       *wb_test_client_object           (guint       i);

/* One round of the main loop, or a millisecond's pause when nothing is due. */
void              wb_test_iterate                 (void);

/* Runs the main loop until @widget is on screen and its window has painted @n frames: what
 * a change of state needs to be laid out and drawn, however slow the machine. */
void              wb_test_wait_frames             (GtkWidget *widget,
                                                   guint      n);

/* Runs the main loop until a message dialog is shown, and returns it; fails the test when
 * none comes. */
AdwMessageDialog *wb_test_wait_for_message_dialog (void);

/* Appends the text of every visible label under @widget to @out, a line each. */
void              wb_test_collect_texts           (GtkWidget *widget,
                                                   GString   *out);
/* Runs the main loop until @done is TRUE; fails the test after a while. */
void              wb_test_wait_until              (gboolean  *done);

/* Shows @widget in a window of @width × @height and, when WB_TEST_SHOTS names a folder,
 * saves what it shows there as NAME.png (dark: with the dark style). Returns the window
 * (destroy it); @widget stays the caller's. */
/* A style sheet of the application's resources (as "/nl/werkbrug/Werkbrug/style.css"), added
 * to the display at @priority as the AdwApplication adds it; remove it with
 * gtk_style_context_remove_provider_for_display when the test is done. */
GtkCssProvider   *wb_test_load_css                (const char *resource,
                                                   guint       priority);
/* The application's style sheet on the display for the rest of the process, as the
 * AdwApplication adds it: what a test measures or pictures is what a user sees. After
 * wb_application_ensure_resources. */
void              wb_test_use_app_style           (void);
GtkWindow        *wb_test_show_in_window          (GtkWidget  *widget,
                                                   int         width,
                                                   int         height);
/* Screenshots to look at: with WB_TEST_SHOTS set to a directory, the tests save what they
 * show there as NAME.png; without it they save nothing. */
gboolean          wb_test_shots_wanted            (void);
/* @native (a window, or an open popover, a surface of its own) as drawn now. */
void              wb_test_save_native_shot        (GtkWidget  *native,
                                                   const char *name);
void              wb_test_save_shot               (GtkWindow  *window,
                                                   const char *name);
/* @window in the light style and in the dark one: NAME-light.png and NAME-dark.png. */
void              wb_test_save_light_and_dark     (GtkWindow  *window,
                                                   const char *name);

/* The button under @widget whose label is @label (with its mnemonic), or NULL. */
/* The line of a list that @label stands in: the widget right below the list view of its rows. */
GtkWidget        *wb_test_list_line_of            (GtkWidget  *label);
GtkButton        *wb_test_find_button             (GtkWidget  *widget,
                                                   const char *label);
/* The first widget under @widget (or @widget itself), depth first, for which @matches
 * says TRUE; NULL if none. */
GtkWidget        *wb_test_find                    (GtkWidget  *widget,
                                                   gboolean  (*matches) (GtkWidget *widget, gconstpointer data),
                                                   gconstpointer data);
/* The first widget of @type under @widget (or @widget itself), depth first; NULL if none. */
GtkWidget        *wb_test_find_descendant         (GtkWidget  *widget,
                                                   GType       type);
/* The input after the label @label under @widget (a form's field), or NULL. */
GtkWidget        *wb_test_find_field              (GtkWidget  *widget,
                                                   const char *label);
/* Answers @dialog with @response and runs the main loop until it is gone. */
void              wb_test_respond                 (AdwMessageDialog *dialog,
                                                   const char       *response);

G_END_DECLS
