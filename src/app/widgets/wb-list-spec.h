/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "wb-core.h"
#include "wb-filter-dropdown.h"
#include "wb-session.h"

G_BEGIN_DECLS

/* A list described as data: its columns and filters, read by WbListModel (search, filter,
 * sort), WbListView (cells, filter bar, count, export) and the CSV writer. See
 * docs/lists.md, "How to add a list", with the clients list as the example.
 *
 * Every function below takes the row (the list's own GObject, e.g. WbClientRow) as a
 * gpointer, so that a row's getter can be named directly:
 * `.text = (WbListTextFunc) wb_client_row_get_municipality`. Rows compute what their
 * columns show once, when they are made: 20,000 rows are filtered per keystroke. */

typedef const char *(*WbListTextFunc)  (gpointer row);
typedef int         (*WbListIntFunc)   (gpointer row);
typedef gint64      (*WbListInt64Func) (gpointer row);

typedef enum {
  WB_LIST_CELL_TEXT,       /* a label that ellipsizes */
  WB_LIST_CELL_PSEUDONYM,  /* text, in italics where .style says "wb-pseudonym" */
  WB_LIST_CELL_BADGE,      /* a coloured badge: .text and .style (success, warning, ...) */
  WB_LIST_CELL_DATE,       /* a YYYY-MM-DD date, or .empty_text */
  WB_LIST_CELL_NUMBER,     /* .int64 (or .number), right-aligned, tabular figures */
  WB_LIST_CELL_CUSTOM,     /* .create and .bind, for what none of the above is */
} WbListCellKind;

/* One column of a list. Only .id, .title and what its .cell kind reads are required. */
typedef struct {
  const char       *id;           /* stable name: for settings, tests and export */
  const char       *title;        /* N_(): the column header and the cells' description */
  int               width;        /* fixed width in pixels; 0 leaves it to the column */
  gboolean          expand;
  WbListCellKind    cell;

  /* What the cell shows. */
  WbListTextFunc    text;         /* TEXT, PSEUDONYM, BADGE, DATE */
  WbListIntFunc     number;       /* NUMBER, as an int */
  WbListInt64Func   int64;        /* NUMBER, as a gint64 */
  WbListTextFunc    style;        /* a CSS class for the cell, or NULL (static strings) */
  const char       *empty_text;   /* N_(): what an empty value shows; NULL leaves it blank */
  GtkWidget      *(*create)      (void);        /* CUSTOM: a new cell */
  void            (*bind)        (GtkWidget *cell,
                                  gpointer   row,
                                  gpointer   user_data);

  /* Sorting: by one of these keys (text with strcmp, numbers as numbers), or by the list's
   * natural order alone when .sortable is set without a key. Ties fall to the natural
   * order (WbListSpec.compare), then to the id. */
  gboolean          sortable;
  WbListTextFunc    sort_text;
  WbListIntFunc     sort_number;
  WbListInt64Func   sort_int64;
  gboolean          nulls_first;  /* with sort_text: rows without a value before the others */

  /* Export: the column's header in the CSV file (NULL: the title) and its value there (NULL:
   * what the cell shows). .no_export leaves the column out. */
  const char       *export_title;
  WbListTextFunc    export_text;
  /* A day (YYYY-MM-DD, or NULL) that the export writes in place of what the cell shows ("3
   * days"): a date cell in XLSX, the date in CSV. A DATE cell's text is one already. */
  WbListTextFunc    export_date;
  gboolean          no_export;
  /* A column of the export only, which the view does not show (the reason of a review
   * where a narrow list shows the employer). */
  gboolean          export_only;
} WbListColumn;

typedef enum {
  WB_LIST_FILTER_CHOICE,   /* a drop-down: "any" and one item per value */
  WB_LIST_FILTER_TOGGLE,   /* a toggle button: on is one value, e.g. "mine" */
  WB_LIST_FILTER_TEXT,     /* a free text: rows whose .text contains it */
  WB_LIST_FILTER_SCOPE,    /* "Mine / My organisation / All I may see", each with its count; the
                            * choice is remembered per list (WbListSpec.id) */
} WbListFilterKind;

/* The values of a SCOPE filter (WbListFilterValue.number); "all" is no filter. */
typedef enum {
  WB_LIST_SCOPE_MINE,
  WB_LIST_SCOPE_ORGANISATION,
  WB_LIST_SCOPE_ALL,
  WB_N_LIST_SCOPES
} WbListScope;

/* What a filter is set to: the value as text (interned) and as a number. */
typedef struct {
  const char *text;
  gint64      number;
} WbListFilterValue;

typedef struct {
  const char *label;  /* N_() */
  const char *value;
} WbListChoice;

/* One filter of a list, shown in its filter bar in the order of the table. */
typedef struct {
  const char        *id;
  WbListFilterKind   kind;
  const char        *label;       /* N_(): the "any" item, or the toggle's label (with a mnemonic) */
  const char        *accessible;  /* N_(): its spoken name, also its tooltip */
  const char        *tooltip;     /* N_(): a tooltip other than the spoken name, or NULL */

  /* What a row is compared on: equal text, equal number, or .match for anything else. */
  WbListTextFunc     text;
  WbListIntFunc      number;
  WbListInt64Func    int64;
  gboolean         (*match)       (gpointer                 row,
                                   const WbListFilterValue *value);

  /* The options of a CHOICE: static ones, the labels of an enum (wb_label_for_enum), the
   * records of a lookup the session holds (their id as the value), or a function. */
  const WbListChoice *choices;              /* ended by { NULL } */
  const char        *enum_field;
  const char * const *enum_values;
  WbResource         lookup;                /* 0 for none */
  const char        *lookup_label;          /* the field shown, "name" when NULL */
  gboolean         (*lookup_keep)  (WbRecord *record);
  void             (*fill)         (WbFilterDropdown *dropdown,
                                    WbSession        *session);

  /* SCOPE: whether a row is the signed-in user's own (their caseload, their account) and
   * whether it is their organisation's. */
  gboolean         (*mine)         (gpointer   row,
                                    WbSession *session);
  gboolean         (*ours)         (gpointer   row,
                                    WbSession *session);
  /* Made but not shown: set by code only (an owner picked elsewhere). */
  gboolean           hidden;

  /* TOGGLE: the value when it is on, for the signed-in user; and how a print's title block
   * says it ("owned by …"). */
  char            *(*toggle_value) (WbSession *session);
  char            *(*describe)     (WbSession *session);

  /* The filter as a parameter of the server's list (and its export): the name, and the
   * value when it is not the text itself (NULL: no parameter for this value). */
  const char        *query_param;
  char            *(*query_value)  (const WbListFilterValue *value);
} WbListFilter;

/* The texts a list view shows around its rows. Each is N_() and translated where shown. */
typedef struct {
  const char *search_placeholder;  /* "Search by name, pseudonym, ..." */
  const char *search_label;        /* "Search clients"; NULL: no search bar, a TEXT filter searches */
  const char *list_label;          /* the table's spoken name, "Clients" */
  const char *loading_title;
  const char *loading_label;       /* the progress bar's spoken name */
  const char *empty_title;         /* "No Matching Clients" */
  const char *none_title;          /* "No Clients Yet" */
  const char *none_description;
  const char *none_icon;
  const char *error_title;
  const char *denied_title;
  const char *denied_description;
  const char *open_label;          /* "_Open Profile" */
  const char *open_accessible;     /* "Open profile" */
  const char *export_title;        /* the file chooser's title */
  const char *export_basename;     /* "werkbrug-clients": the date and .csv follow */
  const char *load_error;          /* "The clients could not be loaded: %s" */
} WbListTexts;

/* Marks the two forms of a plural for xgettext (po/meson.build knows the keyword) and gives
 * them as two initialisers: `.singular = WB_PLURALS ("%'u client", "%'u clients")`. */
#define WB_PLURALS(singular, plural) singular, plural

/* How many rows: "12 clients", "3 of 12 clients", as pairs for ngettext. The filtered
 * form takes the shown and the loaded number as text ("%s of %s clients"). */
typedef struct {
  const char *singular;
  const char *plural;
  const char *filtered_singular;
  const char *filtered_plural;
  const char *exported_singular;   /* "%u client exported to %s" */
  const char *exported_plural;
} WbListCounts;

typedef struct {
  const char         *id;            /* stable name ("clients"): where its settings are kept */
  /* The type of the rows, as its get_type function: a GType is no compile-time constant, a
   * function is, so that a spec can be a static const. */
  GType             (*row_type)   (void);
  WbListInt64Func     row_id;
  WbListTextFunc      search_key;  /* case-folded and normalised, as wb_list_fold_search() */
  /* The natural order of two rows (e.g. by name), where a column's key ties; NULL: by id. */
  int               (*compare)    (gpointer a,
                                   gpointer b);

  const WbListColumn *columns;
  guint               n_columns;
  guint               sort_column;  /* sorted by at the start */
  const WbListFilter *filters;
  guint               n_filters;

  /* For the view. */
  const char         *css_class;     /* on the headers and the rows, e.g. "wb-client-list" */
  WbResource          resource;      /* what the list reads, for the policy and the default fetch */
  const char         *path;          /* the list's own endpoint, "api/v1/reviews"; NULL: the resource's */
  gboolean            check_policy;  /* no request (the "denied" page) for a role the policy denies */
  /* The record page stands beside the list where the window is wide enough and shows the
   * selected row (the review queue); otherwise it takes the list's place when a row opens. */
  gboolean            page_beside;
  /* What a screen reader says for a row (newly allocated), e.g. "Owner has left: Bakkerij
   * Janssen, ..."; NULL: the cells speak for themselves. */
  char             *(*row_label)  (gpointer row);
  /* The rows are the resource's records as an editor saves them: the list follows every
   * save of the session (wb_session_record_saved), also one made from another view. */
  gboolean            follow_saved;
  /* The change feed's name of the rows' records ("clients", "reviews"): the list follows
   * the feed. A row that changed, or under which a record changed (a client's event),
   * is read again by id (ids= on the list's own endpoint: a list row, never an audited
   * full read) and takes its place; a new record that matches joins; a row the server no
   * longer gives leaves. NULL: the list does not follow the feed (F5 reads it again). */
  const char         *follows;
  const WbListTexts  *texts;
  const WbListCounts *counts;
} WbListSpec;

/* Search text folded as search keys are: stripped, case-folded and normalised; NULL for
 * nothing to search. */
char *wb_list_fold_search (const char *text);

G_END_DECLS
