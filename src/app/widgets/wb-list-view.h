/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <adwaita.h>

#include "wb-api-client.h"
#include "wb-list-model.h"
#include "wb-record-page.h"
#include "wb-table.h"

G_BEGIN_DECLS

#define WB_TYPE_LIST_VIEW (wb_list_view_get_type ())

G_DECLARE_DERIVABLE_TYPE (WbListView, wb_list_view, WB, LIST_VIEW, GtkBox)

/* A list with its record page beside it, made from a WbListSpec: search as you type
 * (Ctrl+F), one filter per entry of the spec's table, sorting by the column headers, the
 * count ("12 of 2,000 clients"), paging in the background (a small first page, then the
 * rest in large ones), CSV export for Dutch Excel (Ctrl+E), the empty, loading, error and
 * "not for your role" pages, and the keyboard: arrows move, Enter opens the record page,
 * Escape comes back to the same row. How to add a list: docs/lists.md.
 *
 * A subclass gives the spec (wb_list_view_set_spec, in its init), create_model and
 * create_page, and dup_summary when the page wants more than the row's record. Signals:
 * "backend-error" (a message), "backend-recovered", "toast". Properties: "search-mode",
 * "loaded". Actions: list.open, list.export. */
struct _WbListViewClass
{
  GtkBoxClass parent_class;

  /* The model for a signed-in user (rows may carry names looked up in the session). */
  WbListModel  *(*create_model) (WbListView          *self,
                                 WbSession           *session);
  /* The record page, made once. */
  WbRecordPage *(*create_page)  (WbListView          *self);
  /* What the page shows at once when a row opens; NULL: the page reads it all. */
  WbRecord     *(*dup_summary)  (WbListView          *self,
                                 gpointer             row);
  /* One page of the list; default: GET the spec's resource. */
  void          (*fetch_async)  (WbListView          *self,
                                 WbApiClient         *api,
                                 const WbApiQuery    *query,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);
  GListModel   *(*fetch_finish) (WbListView          *self,
                                 WbApiClient         *api,
                                 GAsyncResult        *result,
                                 guint               *total,
                                 GError             **error);
  /* The export's bytes; default: the rows shown, as CSV made from the columns. */
  void          (*export_async) (WbListView          *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);
  GBytes       *(*export_finish) (WbListView         *self,
                                 GAsyncResult        *result,
                                 GError             **error);

  gpointer padding[8];
};

void          wb_list_view_set_spec          (WbListView       *self,
                                              const WbListSpec *spec);
const WbListSpec *wb_list_view_get_spec      (WbListView       *self);
void          wb_list_view_set_session       (WbListView       *self,
                                              WbSession        *session);
WbSession    *wb_list_view_get_session       (WbListView       *self);
/* Has @api read this list's first page with a sign-in's own questions (a restore or a
 * load of a session on @api), where the list reads its pages as a plain list. */
void          wb_list_view_expect_first_page (WbListView       *self,
                                              WbApiClient      *api);
WbListModel  *wb_list_view_get_model         (WbListView       *self);
WbRecordPage *wb_list_view_get_page          (WbListView       *self);
/* The headers of the columns (a column view without rows), and the list of the rows
 * below them, each row one WbListRow. */
GtkColumnView *wb_list_view_get_column_view  (WbListView       *self);
GtkListView  *wb_list_view_get_rows          (WbListView       *self);
gboolean      wb_list_view_get_loaded        (WbListView       *self);

/* Shows @records (WbRecord) as the whole list, loaded, without asking the server: for a
 * list its owner fills, and for tests. */
void          wb_list_view_set_records       (WbListView       *self,
                                              GListModel       *records);
/* The widget of the filter at @index of the spec's table (a drop-down, toggle or entry). */
GtkWidget    *wb_list_view_get_filter_widget (WbListView       *self,
                                              guint             index);
/* Loads the list again from its first page. */
void          wb_list_view_reload            (WbListView       *self);
/* After an error: the list goes on where it stopped, the page reads its record again. */
void          wb_list_view_retry             (WbListView       *self);
void          wb_list_view_search            (WbListView       *self,
                                              const char       *text);
void          wb_list_view_focus_search      (WbListView       *self);
/* Whether the window is too narrow for the filters in a row (they are in a popover). */
gboolean      wb_list_view_get_narrow        (WbListView       *self);
/* The selected row, or NULL (transfer none). */
gpointer      wb_list_view_get_selected_row  (WbListView       *self);
/* Selects @row; FALSE when the search and filters do not show it. */
gboolean      wb_list_view_select_row        (WbListView       *self,
                                              gpointer          row);
/* Moves the keyboard focus to @row's line of the list (to the list when it is not on
 * screen): where a coordinator goes on after a decision took the row before it away. */
void          wb_list_view_focus_row         (WbListView       *self,
                                              gpointer          row);
/* Shows @row's record page; wb_list_view_show_page shows the page as it is. */
void          wb_list_view_open_row          (WbListView       *self,
                                              gpointer          row);
void          wb_list_view_show_page         (WbListView       *self);
gboolean      wb_list_view_showing_list      (WbListView       *self);
/* Back from the page to the list, where the page's "back" goes; the keyboard goes to the
 * selected row. */
void          wb_list_view_show_list         (WbListView       *self);
gboolean      wb_list_view_has_unsaved_edits (WbListView       *self);
void          wb_list_view_present_editor    (WbListView       *self);

/* A button (or other widget) in the list's tool group, beside export. */
void          wb_list_view_add_tool          (WbListView       *self,
                                              GtkWidget        *tool);
/* Writes the export to @file (the file chooser of list.export ends here). */
void          wb_list_view_export            (WbListView       *self,
                                              GFile            *file);
/* "12 of 2,000 clients". */
char         *wb_list_view_dup_count_text    (WbListView       *self);
/* The count, the toggles, the chosen filters and the search, in words, joined by " · ":
 * the title block of a print. */
char         *wb_list_view_describe_filters  (WbListView       *self);
void          wb_list_view_toast             (WbListView       *self,
                                              const char       *message);

/* The rows of @model as CSV for Dutch Excel: UTF-8 with a byte-order mark, semicolons,
 * CRLF, one column per exported column of @spec, a header row of their titles. */
GBytes       *wb_list_csv_new                (const WbListSpec *spec,
                                              GListModel       *model);

/* The column a list's cell widget belongs to (every cell knows it), or NULL. */
const WbListColumn *wb_list_cell_get_column  (GtkWidget        *cell);

/* Where the list remembers its scope ("Mine / My organisation / All I may see"). */
void          wb_list_view_set_settings      (WbListView       *self,
                                              GSettings        *settings);
/* The scope shown (WB_LIST_SCOPE_ALL for a list without one); setting it is as a click. */
WbListScope   wb_list_view_get_scope         (WbListView       *self);
void          wb_list_view_set_scope         (WbListView       *self,
                                              WbListScope       scope);
/* The toggle button of @scope, whose label gives its count; NULL without a scope. */
GtkWidget    *wb_list_view_get_scope_button  (WbListView       *self,
                                              WbListScope       scope);
/* The "no match" page's button that shows the same search in the wider @scope, visible
 * when that scope has matches the narrower ones lack. */
GtkWidget    *wb_list_view_get_empty_scope_button (WbListView  *self,
                                                   WbListScope  scope);

/* The rows of @model as a typed table, with the columns of the list's CSV: numbers as
 * numbers, days as dates, the rest as the screen says it. */
WbTable      *wb_list_table_new              (const WbListSpec *spec,
                                              GListModel       *model,
                                              const char       *title);
/* Whether an export to @file is a workbook (.xlsx) rather than CSV. */
gboolean      wb_list_export_is_xlsx         (GFile            *file);

G_END_DECLS
