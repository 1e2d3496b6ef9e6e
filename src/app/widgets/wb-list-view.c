/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-list-view"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <string.h>

#include "wb-a11y.h"
#include "wb-format.h"
#include "wb-api-accounts.h"
#include "wb-cells.h"
#include "wb-filter-dropdown.h"
#include "wb-labels.h"
#include "wb-list-row.h"
#include "wb-menu-button.h"
#include "wb-slot-model.h"
#include "wb-stack.h"
#include "wb-table-export.h"
#include "wb-text-cell.h"
#include "wb-wrap-box.h"

#include "wb-list-view.h"

/* The first rows come in a small page, a screenful, so that the list shows soon after
 * signing in (its first frame makes a widget for each row it has); then the rows from the
 * start again in large pages, which cost fewer round trips (the rows already there are
 * skipped). A screenful is what the view's height holds at the lowest a row can be, at
 * most FIRST_PAGE_SIZE; a view not laid out yet asks for what its window's height holds
 * (first_page_size). */
#define FIRST_PAGE_SIZE 60
#define PAGE_SIZE 1000
#define LOWEST_ROW_PX 20
#define DEFAULT_ROW_PX 29

#define COLUMN_KEY "wb-list-column"
#define FILTER_KEY "wb-list-filter"

/* Work for after the window's next frame: in an idle once it is painted, or after
 * @timeout_ms where no frame comes (a list not on screen). Not a tick callback: a frame
 * clock with one paints on the display's frame boundaries rather than at once, which put up
 * to a refresh interval before a launch's first frame. */
typedef struct {
  GdkFrameClock *clock;
  gulong painted_id;
  guint idle_id;
  guint timeout_id;
  void (*func) (gpointer data);
  gpointer data;
} AfterPaint;

static void
after_paint_cancel (AfterPaint *after)
{
  if (after->clock != NULL)
    g_clear_signal_handler (&after->painted_id, after->clock);
  g_clear_object (&after->clock);
  g_clear_handle_id (&after->idle_id, g_source_remove);
  g_clear_handle_id (&after->timeout_id, g_source_remove);
}

/* The work, once, from whichever source comes first: the other one and the signal are
 * taken away before it. Only ever a source's callback (it asks which source runs). */
static gboolean
after_paint_run_cb (gpointer data)
{
  AfterPaint *after = data;
  guint running = g_source_get_id (g_main_current_source ());

  if (after->idle_id == running)
    after->idle_id = 0;
  if (after->timeout_id == running)
    after->timeout_id = 0;
  after_paint_cancel (after);
  after->func (after->data);
  return G_SOURCE_REMOVE;
}

static void
on_after_paint_painted_cb (GdkFrameClock *clock,
                           AfterPaint    *after)
{
  g_clear_signal_handler (&after->painted_id, clock);
  if (after->idle_id == 0)
    after->idle_id = g_idle_add (after_paint_run_cb, after);
}

static void
after_paint_start (AfterPaint *after,
                   GtkWidget  *widget,
                   guint       timeout_ms,
                   void      (*func) (gpointer data),
                   gpointer    data)
{
  after_paint_cancel (after);
  after->func = func;
  after->data = data;
  if (gtk_widget_get_realized (widget))
    {
      after->clock = g_object_ref (gtk_widget_get_frame_clock (widget));
      after->painted_id = g_signal_connect (after->clock, "after-paint", G_CALLBACK (on_after_paint_painted_cb), after);
    }
  after->timeout_id = g_timeout_add (timeout_ms, after_paint_run_cb, after);
}

typedef struct
{
  AdwLeaflet *leaflet;
  GtkWidget *list_page;
  GtkSearchBar *search_bar;
  GtkSearchEntry *search_entry;
  WbWrapBox *filter_box;
  GtkMenuButton *filters_button;
  GtkBox *narrow_box;
  AdwSqueezer *width_detector;
  GtkWidget *wide_marker;
  GtkButton *clear_button;
  GtkLabel *count_label;
  GtkBox *tools_box;
  GtkButton *open_button;
  GtkProgressBar *load_progress;
  GtkStack *list_stack;
  AdwStatusPage *loading_page;
  GtkSpinner *loading_spinner;
  GtkScrolledWindow *header_scroller; /* scrolls sideways as the rows do */
  GtkScrolledWindow *list_scroller;
  GtkColumnView *column_view;      /* the headers alone: it holds no rows (see WbListRow) */
  GtkListView *rows_view;
  AdwStatusPage *empty_page;
  GtkBox *empty_scopes_box;
  GtkButton *empty_scope_buttons[WB_N_LIST_SCOPES];  /* the same search in a wider scope */
  GtkButton *empty_clear_button;
  AdwStatusPage *none_page;
  AdwStatusPage *denied_page;
  AdwStatusPage *error_page;
  GtkButton *error_retry_button;

  const WbListSpec *spec;
  WbRecordPage *page;
  GPtrArray *filter_widgets;       /* one per filter of the spec, in its order */
  GObject *paged_row;              /* the row the page beside the list shows */

  WbSession *session;
  GSettings *settings;             /* where the scope of each list is remembered, or NULL */
  gboolean applying_scope;         /* a scope set by the view, not chosen by the user */
  gboolean scope_by_role;          /* the scope is the role's default, not the user's choice */
  WbListModel *model;
  WbSlotModel *slots;
  GtkSingleSelection *selection;
  GCancellable *load_cancellable;  /* the list's pages */
  GCancellable *work_cancellable;  /* exports */
  GtkFileChooserNative *chooser;
  GtkColumnViewColumn *sorted_column;  /* as sorted from the keyboard (4.8 cannot ask the sorter) */
  GtkSortType sorted_order;
  guint total;
  guint fetched;                   /* records read in large pages */
  gboolean first_page_read;
  gboolean loading;
  gboolean loaded;
  gboolean failed;
  gboolean denied;
  GHashTable *changed_ids;         /* records others changed, read again soon: gint64 set */
  guint follow_id;
  AfterPaint next_page;            /* the large pages wait for the frame of the first */
  AfterPaint first_rows;           /* the rows held back from a first frame come after it */
  GdkFrameClock *first_rows_clock; /* whose layout adds the rows a first frame lacks */
  guint spinner_id;                /* the loading page's spinner turns after a while */
  char *typed_search;              /* typed, for the next frame to search */
  guint typed_search_tick;
  char *entry_text;                /* the entry's text as it last said it changed */
  guint fit_id;                    /* the columns are fitted to a new width after its frame */
  guint sideways_id;               /* both scrollers laid out again after a sideways move */
  gboolean sideways_following;
  guint gap_id;                    /* the headers leave the room a scroll bar takes beside the rows */
  guint relayout_id;               /* the rows follow a change of the header's columns */
  guint n_fitted;                  /* every column shown as its list made it: their number; else 0 */
} WbListViewPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (WbListView, wb_list_view, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_SEARCH_MODE,
  PROP_LOADED,
  N_PROPS
};

enum {
  BACKEND_ERROR,
  BACKEND_RECOVERED,
  TOAST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

#define PRIV(self) ((WbListViewPrivate *) wb_list_view_get_instance_private (WB_LIST_VIEW (self)))

static void load_page (WbListView *self);
static void load_next_page (WbListView *self);
static void set_narrow (WbListView *self, gboolean narrow);
static void on_mapped_cb (WbListView *self);
static WbRecordPage *ensure_page (WbListView *self);
static void relayout_rows (WbListView *self);
static void on_width_changed_cb (AdwSqueezer *detector,
                                 GParamSpec  *pspec,
                                 WbListView  *self);

/* The formats of counts and messages come from the spec's static tables, translated. */
#pragma GCC diagnostic ignored "-Wformat-nonliteral"

/* What the list shows */

static gpointer
selected_row (WbListView *self)
{
  WbListViewPrivate *priv = PRIV (self);

  /* The selection is over slots, each showing one row. */
  return wb_slot_model_peek_item (priv->slots, gtk_single_selection_get_selected (priv->selection));
}

gboolean
wb_list_view_showing_list (WbListView *self)
{
  g_return_val_if_fail (WB_IS_LIST_VIEW (self), FALSE);
  /* With the page beside it, the list is shown unless the window is too narrow for both. */
  return (PRIV (self)->spec != NULL && PRIV (self)->spec->page_beside &&
          !adw_leaflet_get_folded (PRIV (self)->leaflet)) ||
         adw_leaflet_get_visible_child (PRIV (self)->leaflet) == PRIV (self)->list_page;
}

static void
update_actions (WbListView *self)
{
  WbListViewPrivate *priv = PRIV (self);
  gboolean list = wb_list_view_showing_list (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "list.open", list && selected_row (self) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "list.export",
                                 list && priv->session != NULL && wb_list_model_get_n_shown (priv->model) > 0);
}

char *
wb_list_view_dup_count_text (WbListView *self)
{
  WbListViewPrivate *priv;
  const WbListCounts *counts;
  guint shown, loaded;

  g_return_val_if_fail (WB_IS_LIST_VIEW (self), NULL);

  priv = PRIV (self);
  counts = priv->spec->counts;
  shown = wb_list_model_get_n_shown (priv->model);
  loaded = wb_list_model_get_n_loaded (priv->model);
  if (wb_list_model_get_filtered (priv->model))
    {
      g_autofree char *shown_text = g_strdup_printf ("%'u", shown);
      g_autofree char *loaded_text = g_strdup_printf ("%'u", loaded);

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, counts->filtered_singular, counts->filtered_plural, loaded),
                              shown_text, loaded_text);
    }
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, counts->singular, counts->plural, loaded), loaded);
}

/* A spinner redraws the window every frame, which with software rendering (a virtual
 * machine, a remote desktop) takes a core away from the loading it waits for. The loading
 * page says what it waits for at once and turns its spinner only when the wait is long. */
#define SPINNER_DELAY_MS 1000

static gboolean
start_spinner_cb (gpointer data)
{
  WbListViewPrivate *priv = PRIV (data);

  priv->spinner_id = 0;
  gtk_spinner_start (priv->loading_spinner);
  return G_SOURCE_REMOVE;
}

/* Shows @page of the list's stack. Between the list and its "no match" page (what a
 * keystroke does) and from loading to the list, at once: a crossfade draws both pages
 * for a fifth of a second, frames that the next keystroke or the next rows wait behind. */
static void
show_list_page (WbListView *self,
                const char *page)
{
  WbListViewPrivate *priv = PRIV (self);
  const char *now = gtk_stack_get_visible_child_name (priv->list_stack);
  gboolean quick = (g_strcmp0 (now, "list") == 0 || g_strcmp0 (now, "empty") == 0 ||
                    g_strcmp0 (now, "loading") == 0) &&
                   (g_str_equal (page, "list") || g_str_equal (page, "empty"));

  if (g_strcmp0 (now, page) != 0)
    wb_stack_show_page (priv->list_stack, page,
                        quick ? GTK_STACK_TRANSITION_TYPE_NONE : gtk_stack_get_transition_type (priv->list_stack));
  if (g_str_equal (page, "loading"))
    {
      if (priv->spinner_id == 0 && !gtk_spinner_get_spinning (priv->loading_spinner))
        priv->spinner_id = g_timeout_add (SPINNER_DELAY_MS, start_spinner_cb, self);
    }
  else
    {
      g_clear_handle_id (&priv->spinner_id, g_source_remove);
      gtk_spinner_stop (priv->loading_spinner);
    }
}

static void update_empty_page (WbListView *self);

static void
update_state (WbListView *self)
{
  WbListViewPrivate *priv = PRIV (self);
  guint shown = wb_list_model_get_n_shown (priv->model);
  guint loaded = wb_list_model_get_n_loaded (priv->model);
  g_autofree char *count = wb_list_view_dup_count_text (self);
  const char *page;

  if (priv->denied)
    page = "denied";
  else if (priv->failed && loaded == 0)
    page = "error";
  else if (loaded == 0)
    page = priv->loaded ? "none" : "loading";
  else if (shown == 0)
    /* Nothing of the scope or the filters among the rows so far: not known yet. */
    page = priv->loaded ? "empty" : "loading";
  else
    page = "list";
  show_list_page (self, page);
  if (g_str_equal (page, "empty"))
    update_empty_page (self);

  gtk_label_set_text (priv->count_label, priv->denied || (loaded == 0 && !priv->loaded) ? "" : count);
  gtk_widget_set_sensitive (GTK_WIDGET (priv->clear_button), wb_list_model_get_narrowed (priv->model));
  update_actions (self);
}

static void update_scope_counts (WbListView *self);

static void
on_model_notify_cb (WbListModel *model,
                    GParamSpec  *pspec,
                    WbListView  *self)
{
  update_state (self);
  if (g_str_equal (pspec->name, "n-loaded"))
    update_scope_counts (self);
}

/* With the page beside the list, the page follows the selected row. */
static void
show_selected_beside (WbListView *self)
{
  WbListViewPrivate *priv = PRIV (self);
  gpointer row = selected_row (self);
  g_autoptr(WbRecord) summary = NULL;

  if (!priv->spec->page_beside || row == NULL || row == (gpointer) priv->paged_row)
    return;
  g_set_object (&priv->paged_row, row);
  summary = WB_LIST_VIEW_GET_CLASS (self)->dup_summary (self, row);
  wb_record_page_load (priv->page, summary);
}

static void
on_selection_changed_cb (GtkSingleSelection *selection,
                         GParamSpec         *pspec,
                         WbListView         *self)
{
  update_actions (self);
  show_selected_beside (self);
}

static void
on_model_items_changed_cb (GListModel *model,
                           guint       position,
                           guint       removed,
                           guint       added,
                           WbListView *self)
{
  /* The selection is over slots: a row that leaves puts the next one in its slot, and the
   * selected slot stays the same. */
  show_selected_beside (self);
}

/* The rows on screen, from the scroll position: the rows have one height. A few rows more
 * on either side cover a row that is partly seen and a small difference in height. */
#define VISIBLE_MARGIN 2

static void
visible_range_cb (gpointer  data,
                  guint    *first,
                  guint    *n)
{
  WbListViewPrivate *priv = PRIV (data);
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (priv->rows_view));
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (priv->slots));
  double upper, page, row;

  *first = 0;
  *n = G_MAXUINT;
  /* Unmapped (the "no match" page shown), the adjustment keeps where the list was.
   * WB_LIST_EAGER_ROWS=1 rebinds every row the view keeps at once, as before: bench-app
   * compares both in one run. */
  if (adjustment == NULL || n_items == 0 || g_getenv ("WB_LIST_EAGER_ROWS") != NULL)
    return;
  upper = gtk_adjustment_get_upper (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);
  if (upper <= 0 || page <= 0)
    return;
  row = upper / n_items;
  *first = (guint) MAX (0.0, gtk_adjustment_get_value (adjustment) / row - VISIBLE_MARGIN);
  *n = (guint) (page / row) + 2 * VISIBLE_MARGIN + 1;
}

static void
on_scrolled_cb (GtkAdjustment *adjustment,
                WbListView    *self)
{
  wb_slot_model_update_visible (PRIV (self)->slots);
}

/* The headers stand in a scroller of their own, without a scroll bar, and scroll sideways
 * with the rows: whichever moves, the other follows at once (in the same frame, also when
 * a scroll glides on from frame to frame).
 *
 * A scroller moved while the window is laid out (moved back within its end as a column is
 * narrowed at the end of a wide table, or made to follow then) asks to be laid out again
 * while it is: GTK 4.8 forgets that, and it would stay where it was drawn. Both are laid
 * out again once that layout is done. */
static gboolean
relayout_sideways_cb (gpointer data)
{
  WbListViewPrivate *priv = PRIV (data);

  priv->sideways_id = 0;
  gtk_widget_queue_allocate (GTK_WIDGET (priv->column_view));
  gtk_widget_queue_allocate (GTK_WIDGET (priv->rows_view));
  return G_SOURCE_REMOVE;
}

static void
on_sideways_cb (GtkAdjustment *adjustment,
                WbListView    *self)
{
  WbListViewPrivate *priv = PRIV (self);
  GtkAdjustment *rows = gtk_scrolled_window_get_hadjustment (priv->list_scroller);
  GtkAdjustment *headers = gtk_scrolled_window_get_hadjustment (priv->header_scroller);

  if (priv->sideways_following)
    return;
  priv->sideways_following = TRUE;
  gtk_adjustment_set_value (adjustment == rows ? headers : rows, gtk_adjustment_get_value (adjustment));
  priv->sideways_following = FALSE;
  if (priv->sideways_id == 0)
    priv->sideways_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, relayout_sideways_cb, self, NULL);
}

/* Where a vertical scroll bar takes room beside the rows (scroll bars always shown), the
 * headers leave the same room at their end, so that both are as wide and scroll sideways
 * as far. After the frame that laid both out. */
static gboolean
keep_gap_cb (gpointer data)
{
  WbListViewPrivate *priv = PRIV (data);
  GtkWidget *headers = GTK_WIDGET (priv->header_scroller);
  int page = (int) gtk_adjustment_get_page_size (gtk_scrolled_window_get_hadjustment (priv->list_scroller));
  int margin = MAX (0, gtk_widget_get_margin_end (headers) + gtk_widget_get_width (headers) - page);

  priv->gap_id = 0;
  if (gtk_widget_get_width (headers) > 0 && page > 0 && margin != gtk_widget_get_margin_end (headers))
    {
      /* The columns that take the rest of the width change theirs: the rows follow. */
      gtk_widget_set_margin_end (headers, margin);
      relayout_rows (data);
    }
  return G_SOURCE_REMOVE;
}

/* GtkSingleSelection looks for its selected item among every row a filter change brings
 * back, one lookup per row: with nothing selected during the change, a keystroke over
 * 20,000 rows costs the filter only. The first match is selected again afterwards. */
static void
begin_refilter (WbListView *self)
{
  gtk_single_selection_set_selected (PRIV (self)->selection, GTK_INVALID_LIST_POSITION);
}

static void
end_refilter (WbListView *self)
{
  WbListViewPrivate *priv = PRIV (self);

  if (wb_list_model_get_n_shown (priv->model) == 0)
    return;
  /* The selection is over slots: the first slot stays selected while it shows the first
   * match, and selecting it again would restyle its row for nothing. */
  if (gtk_single_selection_get_selected (priv->selection) != 0)
    gtk_single_selection_set_selected (priv->selection, 0);
  /* A list scrolled far down shows its first match, not what was on that line before; a
   * list at its top shows it already, and scrolling there would lay out every row again. */
  if (gtk_widget_get_mapped (GTK_WIDGET (priv->rows_view)) &&
      gtk_adjustment_get_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (priv->rows_view))) > 0)
    gtk_widget_activate_action (GTK_WIDGET (priv->rows_view), "list.scroll-to-item", "u", 0);
}

/* Cells: each knows its column, and a screen reader hears the column's title with it. */

const WbListColumn *
wb_list_cell_get_column (GtkWidget *cell)
{
  g_return_val_if_fail (GTK_IS_WIDGET (cell), NULL);
  return g_object_get_data (G_OBJECT (cell), COLUMN_KEY);
}

/* A new cell of @column, which a screen reader hears with its column's title. */
static GtkWidget *
make_cell (const WbListColumn *column)
{
  GtkWidget *cell;

  if (column->cell == WB_LIST_CELL_CUSTOM)
    cell = column->create ();
  else if (column->cell == WB_LIST_CELL_BADGE)
    {
      /* A badge is as wide as its text, and keeps its size in a row that is taller than
       * one line. */
      cell = gtk_label_new (NULL);
      gtk_label_set_ellipsize (GTK_LABEL (cell), PANGO_ELLIPSIZE_END);
      gtk_widget_set_halign (cell, GTK_ALIGN_START);
      gtk_widget_set_valign (cell, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (cell, "wb-badge");
    }
  else
    {
      /* Text that changes with every keystroke of a search: a WbTextCell, which a new
       * text only redraws (see wb_cell_new_text). */
      cell = wb_cell_new_text (column->cell == WB_LIST_CELL_NUMBER ? 1 : 0);
      if (column->cell == WB_LIST_CELL_NUMBER)
        gtk_widget_add_css_class (cell, "numeric");
    }
  gtk_widget_add_css_class (cell, "wb-cell");
  g_object_set_data (G_OBJECT (cell), COLUMN_KEY, (gpointer) column);
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _(column->title), -1);
  return cell;
}

/* The line of the list a cell stands in: the list view's own row widget, around a WbListRow. */
static GtkWidget *
row_widget_of (GtkWidget *cell)
{
  for (GtkWidget *widget = cell, *parent; widget != NULL; widget = parent)
    {
      parent = gtk_widget_get_parent (widget);
      if (parent == NULL)
        return NULL;
      if (GTK_IS_LIST_VIEW (parent))
        return widget;
    }
  return NULL;
}

#define ROW_KEY "wb-list-row"

/* What a cell of @column shows for @row; @number is room for a number's digits, and
 * @formatted gets what was written for the cell (a date as the interface writes dates in
 * tables: "03-12-2026" in Dutch, never ISO), for the caller to free. */
static const char *
cell_text (const WbListColumn *column,
           gpointer            row,
           char                number[24],
           char              **formatted)
{
  const char *text = NULL;

  switch (column->cell)
    {
    case WB_LIST_CELL_NUMBER:
      if (column->number != NULL)
        g_snprintf (number, 24, "%d", column->number (row));
      else
        g_snprintf (number, 24, "%" G_GINT64_FORMAT, column->int64 (row));
      text = number;
      break;
    case WB_LIST_CELL_DATE:
      text = column->text != NULL ? column->text (row) : NULL;
      if (text != NULL && *text != '\0')
        {
          *formatted = wb_format_iso_table_date (text);
          text = *formatted;
        }
      break;
    case WB_LIST_CELL_CUSTOM:
    case WB_LIST_CELL_TEXT:
    case WB_LIST_CELL_PSEUDONYM:
    case WB_LIST_CELL_BADGE:
    default:
      text = column->text != NULL ? column->text (row) : NULL;
      break;
    }
  if ((text == NULL || *text == '\0') && column->empty_text != NULL)
    text = _(column->empty_text);
  return text;
}

/* A cell speaks what it shows (its column's title where it shows nothing), and its
 * column's title as its description (made with the cell). */
static void
name_cell (GtkWidget          *cell,
           const WbListColumn *column,
           const char         *text)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  text != NULL && *text != '\0' ? text : _(column->title), -1);
}

static void
bind_cell (GtkWidget          *cell,
           gpointer            row,
           const WbListColumn *column)
{
  char number[24];
  g_autofree char *formatted = NULL;
  const char *text;

  /* Only to find the row's line again (wb_list_view_focus_row); never dereferenced. */
  g_object_set_data (G_OBJECT (cell), ROW_KEY, row);
  text = cell_text (column, row, number, &formatted);
  if (column->cell == WB_LIST_CELL_CUSTOM)
    {
      column->bind (cell, row, NULL);
      name_cell (cell, column, text);
      return;
    }
  /* No tooltip here: setting one on every bind asks the X server where the pointer is. */
  wb_cell_set_text (cell, text != NULL ? text : "");
  /* A text cell speaks its text as a label does; where it shows none, its column. */
  if (text == NULL || *text == '\0' || !WB_IS_TEXT_CELL (cell))
    name_cell (cell, column, text);
  if (column->style != NULL)
    wb_cell_set_style (cell, column->style (row));
}

/* A row's name when its list gives none: what each shown column says, the first one alone
 * ("K-000123, pseudonym"), the others with their titles ("Municipality: Heerlen"). */
static char *
default_row_label (const WbListSpec *spec,
                   gpointer          row)
{
  g_autoptr(GString) label = g_string_new (NULL);

  for (guint i = 0; i < spec->n_columns; i++)
    {
      const WbListColumn *column = &spec->columns[i];
      char number[24];
      g_autofree char *formatted = NULL;
      const char *text;

      if (column->export_only)
        continue;
      text = cell_text (column, row, number, &formatted);
      if (text == NULL || *text == '\0')
        continue;
      if (label->len == 0)
        {
          g_string_append (label, text);
          if (column->cell == WB_LIST_CELL_PSEUDONYM && column->style != NULL && column->style (row) != NULL)
            g_string_append_printf (label, ", %s", _("pseudonym"));
        }
      else
        g_string_append_printf (label, ", %s: %s", _(column->title), text);
    }
  return g_string_free (g_steal_pointer (&label), FALSE);
}

/* A line of the list: a cell for every column of the header, in its order (the hidden
 * columns too, whose cells hide with them). */
static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              WbListView               *self)
{
  WbListViewPrivate *priv = PRIV (self);
  GListModel *columns = gtk_column_view_get_columns (priv->column_view);
  GtkWidget *line = wb_list_row_new (priv->column_view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      wb_list_row_append (WB_LIST_ROW (line), make_cell (g_object_get_data (G_OBJECT (column), COLUMN_KEY)));
    }
  wb_list_row_sync_columns (WB_LIST_ROW (line));
  gtk_list_item_set_child (item, line);
}

/* Each cell shows what its column says of @row, and the line speaks the whole row, which
 * GTK 4.8 leaves without a name ("GtkListItemWidget"): a screen reader then reads the row
 * as the spec says. */
static void
bind_row_cb (GtkListItem *item,
             gpointer     row,
             WbListView  *self)
{
  WbListViewPrivate *priv = PRIV (self);
  GtkWidget *cells = gtk_list_item_get_child (item);
  GtkWidget *line;
  g_autofree char *label = NULL;

  for (GtkWidget *cell = gtk_widget_get_first_child (cells); cell != NULL; cell = gtk_widget_get_next_sibling (cell))
    bind_cell (cell, row, g_object_get_data (G_OBJECT (cell), COLUMN_KEY));
  line = row_widget_of (cells);
  if (line == NULL)
    return;
  label = priv->spec->row_label != NULL ? priv->spec->row_label (row) : default_row_label (priv->spec, row);
  /* A line keeps its name while it shows the same row. */
  if (g_strcmp0 (g_object_get_data (G_OBJECT (line), "wb-list-row-label"), label) == 0)
    return;
  gtk_accessible_update_property (GTK_ACCESSIBLE (line), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data_full (G_OBJECT (line), "wb-list-row-label", g_steal_pointer (&label), g_free);
}

/* The column headers: GTK 4.8 names each "GtkColumnViewTitle"; each speaks its title.
 * (4.8 does not say by which column a GtkColumnViewSorter sorts.) */
static void
collect_titles (GtkWidget *widget,
                GPtrArray *titles)
{
  if (g_strcmp0 (G_OBJECT_TYPE_NAME (widget), "GtkColumnViewTitle") == 0)
    {
      g_ptr_array_add (titles, widget);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (!GTK_IS_LIST_VIEW (child))
      collect_titles (child, titles);
}

static void
name_headers (WbListView *self)
{
  WbListViewPrivate *priv = PRIV (self);
  GListModel *columns = gtk_column_view_get_columns (priv->column_view);
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();

  collect_titles (GTK_WIDGET (priv->column_view), titles);
  if (titles->len > 0 && gtk_widget_get_parent (titles->pdata[0]) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (titles->pdata[0])),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Column headers"), -1);
  for (guint i = 0; i < titles->len && i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      gtk_accessible_update_property (GTK_ACCESSIBLE (titles->pdata[i]), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      gtk_column_view_column_get_title (column), -1);
    }
}

/* Sorting from the keyboard: the "Sort" menu beside the export names every column the list
 * sorts by; choosing the column it is sorted by again reverses the order. */
static void
sort_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  WbListViewPrivate *priv = PRIV (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  GListModel *columns = gtk_column_view_get_columns (priv->column_view);
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();

  collect_titles (GTK_WIDGET (priv->column_view), titles);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      const WbListColumn *spec_column = g_object_get_data (G_OBJECT (column), COLUMN_KEY);
      GtkSortType order = GTK_SORT_ASCENDING;

      if (spec_column == NULL || g_strcmp0 (spec_column->id, id) != 0)
        continue;
      if (column == priv->sorted_column && priv->sorted_order == GTK_SORT_ASCENDING)
        order = GTK_SORT_DESCENDING;
      gtk_column_view_sort_by_column (priv->column_view, column, order);
      priv->sorted_column = column;
      priv->sorted_order = order;
      /* The header says it too. */
      for (guint j = 0; j < titles->len; j++)
        gtk_accessible_update_property (GTK_ACCESSIBLE (titles->pdata[j]), GTK_ACCESSIBLE_PROPERTY_SORT,
                                        j != i ? GTK_ACCESSIBLE_SORT_NONE :
                                        order == GTK_SORT_ASCENDING ? GTK_ACCESSIBLE_SORT_ASCENDING :
                                        GTK_ACCESSIBLE_SORT_DESCENDING, -1);
      return;
    }
}

static gboolean
column_sortable (const WbListColumn *column)
{
  return column->sortable || column->sort_text != NULL || column->sort_number != NULL || column->sort_int64 != NULL;
}

/* Narrow windows (a list narrower than FIT_BELOW): the columns that fit whole, in the
 * spec's order (the most important first), and no sideways scrolling. A column that can
 * take the rest of the width goes down to EXPAND_MINIMUM; the last column shown takes the
 * rest. At 360 px a table used to run past the window's edge, with half a name in the last
 * column seen. A row speaks all of its columns, and its page shows them. A wider list keeps
 * every column at its width, and scrolls sideways to those that do not fit, as a desktop
 * table does. */
#define EXPAND_MINIMUM 128
#define FIT_BELOW 720

static int
column_wanted_width (const WbListColumn *column)
{
  return column->width > 0 ? column->width : EXPAND_MINIMUM;
}

static int
column_least_width (const WbListColumn *column)
{
  return column->expand ? MIN (column_wanted_width (column), EXPAND_MINIMUM) : column_wanted_width (column);
}

static gboolean
fit_columns_cb (gpointer data)
{
  WbListView *self = data;
  WbListViewPrivate *priv = PRIV (self);
  GListModel *columns = gtk_column_view_get_columns (priv->column_view);
  GtkAdjustment *h = gtk_scrolled_window_get_hadjustment (priv->list_scroller);
  int available = (int) gtk_adjustment_get_page_size (h);
  guint n = g_list_model_get_n_items (columns);
  g_autofree int *widths = NULL;
  g_autofree const WbListColumn **specs = NULL;
  guint shown = 0, widest = 0;
  int least = 0, wanted = 0, fixed = 0, flexible = 0, rest, total = 0;
  gboolean whole;

  priv->fit_id = 0;
  if (available <= 0 || n == 0)
    return G_SOURCE_REMOVE;
  specs = g_new0 (const WbListColumn *, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      specs[i] = g_object_get_data (G_OBJECT (column), COLUMN_KEY);
    }
  for (guint i = 0; i < n; i++)
    {
      if (i > 0 && least + column_least_width (specs[i]) > available && available < FIT_BELOW)
        break;
      least += column_least_width (specs[i]);
      wanted += column_wanted_width (specs[i]);
      shown++;
    }
  /* Every column at the width its list gave it: as built, and a column the user widened
   * keeps its width. */
  whole = shown == n && (wanted <= available || available >= FIT_BELOW);
  if (whole && priv->n_fitted == n)
    return G_SOURCE_REMOVE;
  priv->n_fitted = whole ? n : 0;

  /* Otherwise the columns shown share the width: each that may grow (and the last shown)
   * in proportion to the width it wants, the others at theirs. */
  widths = g_new0 (int, n);
  for (guint i = 0; i < shown; i++)
    {
      if (specs[i]->expand || i == shown - 1)
        flexible += column_wanted_width (specs[i]);
      else
        fixed += column_wanted_width (specs[i]);
    }
  rest = available - fixed;
  for (guint i = 0; i < shown; i++)
    {
      const WbListColumn *spec = specs[i];

      if (whole)
        widths[i] = spec->width;
      else if (spec->expand || i == shown - 1)
        widths[i] = MAX (column_least_width (spec),
                         (int) ((gint64) rest * column_wanted_width (spec) / MAX (flexible, 1)));
      else
        widths[i] = column_wanted_width (spec);
      total += widths[i];
      if (widths[i] > widths[widest])
        widest = i;
    }
  /* What rounding and the least widths added comes off the widest. */
  if (!whole && total > available)
    widths[widest] = MAX (widths[widest] - (total - available), 1);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      gtk_column_view_column_set_visible (column, i < shown);
      /* GTK 4.8 counts a hidden column's width in the headers' least width, which is the
       * least width of the list (it scrolls sideways only as a whole). */
      gtk_column_view_column_set_fixed_width (column, i >= shown ? 0 : widths[i] > 0 ? widths[i] : -1);
      gtk_column_view_column_set_expand (column, whole && specs[i]->expand);
    }
  return G_SOURCE_REMOVE;
}

static void
on_list_width_cb (GtkAdjustment *h,
                  GParamSpec    *pspec,
                  WbListView    *self)
{
  WbListViewPrivate *priv = PRIV (self);

  /* The rows' width: the columns fit it, and the headers take it, not in the middle of the
   * allocation that told it. */
  if (priv->fit_id == 0)
    priv->fit_id = g_idle_add_full (GTK_PRIORITY_RESIZE - 1, fit_columns_cb, self, NULL);
  if (priv->gap_id == 0)
    priv->gap_id = g_idle_add (keep_gap_cb, self);
}

/* The header's columns changed their width or were hidden or shown: every line measures
 * and lays its cells out again (its width and height follow its columns'; GTK otherwise
 * keeps a line's size, and its layout, while the list's width stays the same). */
static void
relayout_rows (WbListView *self)
{
  WbListViewPrivate *priv = PRIV (self);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (priv->rows_view)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *line = gtk_widget_get_first_child (child);

      if (line != NULL && WB_IS_LIST_ROW (line))
        {
          wb_list_row_sync_columns (WB_LIST_ROW (line));
          gtk_widget_queue_resize (line);
        }
    }
}

static gboolean
relayout_rows_cb (gpointer data)
{
  PRIV (data)->relayout_id = 0;
  relayout_rows (data);
  return G_SOURCE_REMOVE;
}

/* Once for all the columns a change touches (fitting them to a width sets three
 * properties of each), before the next frame. */
static void
on_header_changed_cb (WbListView *self)
{
  WbListViewPrivate *priv = PRIV (self);

  if (priv->relayout_id == 0)
    priv->relayout_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, relayout_rows_cb, self, NULL);
}

/* A column of the header: its title, its sorter, its width. It makes no cells (its list
 * is empty): the lines below make them (setup_row_cb). */
static GtkColumnViewColumn *
append_header (WbListView         *self,
               const WbListColumn *column,
               GtkSorter          *sorter)
{
  WbListViewPrivate *priv = PRIV (self);
  g_autoptr(GtkColumnViewColumn) view_column = gtk_column_view_column_new (_(column->title), NULL);

  gtk_column_view_column_set_sorter (view_column, sorter);
  gtk_column_view_column_set_expand (view_column, column->expand);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  if (column->width > 0)
    gtk_column_view_column_set_fixed_width (view_column, column->width);
  g_object_set_data (G_OBJECT (view_column), COLUMN_KEY, (gpointer) column);
  g_signal_connect_object (view_column, "notify::visible", G_CALLBACK (on_header_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (view_column, "notify::fixed-width", G_CALLBACK (on_header_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (view_column, "notify::expand", G_CALLBACK (on_header_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_column_view_append_column (priv->column_view, view_column);
  return view_column;
}

static void
build_columns (WbListView *self)
{
  WbListViewPrivate *priv = PRIV (self);
  const WbListSpec *spec = priv->spec;
  GtkColumnViewColumn *sorted = NULL;
  g_autoptr(GMenu) sort_menu = g_menu_new ();

  for (guint i = 0; i < spec->n_columns; i++)
    {
      const WbListColumn *column = &spec->columns[i];
      g_autoptr(GtkSorter) sorter = NULL;
      GtkColumnViewColumn *view_column;

      if (column->export_only)
        continue;
      sorter = column_sortable (column) ? wb_list_spec_create_sorter (spec, i) : NULL;
      view_column = append_header (self, column, sorter);
      if (sorter != NULL)
        {
          g_autoptr(GMenuItem) item = g_menu_item_new (_(column->title), NULL);

          g_menu_item_set_action_and_target (item, "list.sort-by", "s", column->id);
          g_menu_append_item (sort_menu, item);
        }
      if (i == spec->sort_column)
        sorted = view_column;
    }
  if (sorted != NULL)
    gtk_column_view_sort_by_column (priv->column_view, sorted, GTK_SORT_ASCENDING);
  priv->sorted_column = sorted;
  priv->sorted_order = GTK_SORT_ASCENDING;
  name_headers (self);
  {
    g_autoptr(GtkListItemFactory) factory = wb_slot_factory_new (G_CALLBACK (setup_row_cb),
                                                                 (WbSlotBindFunc) bind_row_cb, self);

    gtk_list_view_set_factory (priv->rows_view, factory);
  }

  if (g_menu_model_get_n_items (G_MENU_MODEL (sort_menu)) > 0)
    {
      GtkWidget *button = gtk_menu_button_new ();

      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-sort-ascending-symbolic");
      wb_menu_button_set_menu_when_opened (GTK_MENU_BUTTON (button), G_MENU_MODEL (sort_menu));
      gtk_widget_set_tooltip_text (button, _("Sort the list (choose a column again to reverse the order)"));
      wb_a11y_set_label (button, _("Sort the list"));
      gtk_box_prepend (priv->tools_box, button);
    }
}

/* Filters: one widget per entry of the spec's table. */

static const WbListFilter *
filter_of (GtkWidget *widget,
           guint     *index)
{
  WbListView *self = g_object_get_data (G_OBJECT (widget), "wb-list-view");
  const WbListSpec *spec = PRIV (self)->spec;

  *index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), FILTER_KEY));
  return &spec->filters[*index];
}

static void
on_filter_changed_cb (GtkWidget  *widget,
                      GParamSpec *pspec,
                      WbListView *self)
{
  WbListViewPrivate *priv = PRIV (self);
  guint index;
  const WbListFilter *filter = filter_of (widget, &index);
  g_autofree char *toggled = NULL;
  const char *value = NULL;

  switch (filter->kind)
    {
    case WB_LIST_FILTER_CHOICE:
      value = wb_filter_dropdown_get_value (WB_FILTER_DROPDOWN (widget));
      break;
    case WB_LIST_FILTER_TOGGLE:
      if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (widget)) && priv->session != NULL)
        value = toggled = filter->toggle_value (priv->session);
      break;
    case WB_LIST_FILTER_TEXT:
    default:
      value = gtk_editable_get_text (GTK_EDITABLE (widget));
      break;
    }
  begin_refilter (self);
  wb_list_model_set_filter (priv->model, index, value);
  end_refilter (self);
}

static void
fill_choices (WbFilterDropdown   *dropdown,
              const WbListFilter *filter,
              WbSession          *session)
{
  wb_filter_dropdown_begin_choices (dropdown);
  for (guint i = 0; filter->choices != NULL && filter->choices[i].label != NULL; i++)
    wb_filter_dropdown_add_choice (dropdown, _(filter->choices[i].label), filter->choices[i].value);
  for (guint i = 0; filter->enum_values != NULL && filter->enum_values[i] != NULL; i++)
    wb_filter_dropdown_add_choice (dropdown, wb_label_for_enum (filter->enum_field, filter->enum_values[i]),
                                   filter->enum_values[i]);
  if (filter->lookup != 0 && session != NULL)
    {
      GListModel *records = wb_session_get_lookup (session, filter->lookup);
      guint n = records != NULL ? g_list_model_get_n_items (records) : 0;

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(WbRecord) record = g_list_model_get_item (records, i);
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, wb_record_get_id (record));

          if (filter->lookup_keep == NULL || filter->lookup_keep (record))
            wb_filter_dropdown_add_choice (dropdown, wb_record_get_string (record, filter->lookup_label ?: "name"), id);
        }
    }
  if (filter->fill != NULL)
    filter->fill (dropdown, session);
  wb_filter_dropdown_end_choices (dropdown);
}

static GtkWidget *
make_filter_widget (const WbListFilter *filter)
{
  GtkWidget *widget;

  switch (filter->kind)
    {
    case WB_LIST_FILTER_TOGGLE:
      widget = gtk_toggle_button_new_with_mnemonic (_(filter->label));
      gtk_widget_set_valign (widget, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (widget, _(filter->tooltip ?: filter->accessible));
      wb_a11y_set_label (widget, _(filter->accessible));
      return widget;
    case WB_LIST_FILTER_TEXT:
      widget = gtk_entry_new ();
      gtk_entry_set_placeholder_text (GTK_ENTRY (widget), _(filter->label));
      /* Room for its label at least; the rest of the bar's width too. */
      gtk_editable_set_width_chars (GTK_EDITABLE (widget), MAX (16, (int) g_utf8_strlen (_(filter->label), -1) + 4));
      gtk_widget_set_hexpand (widget, TRUE);
      gtk_widget_set_valign (widget, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (widget, _(filter->tooltip ?: filter->accessible));
      wb_a11y_set_label (widget, _(filter->accessible));
      return widget;
    case WB_LIST_FILTER_CHOICE:
    default:
      widget = GTK_WIDGET (wb_filter_dropdown_new (_(filter->label), _(filter->accessible)));
      if (filter->tooltip != NULL)
        gtk_widget_set_tooltip_text (widget, _(filter->tooltip));
      fill_choices (WB_FILTER_DROPDOWN (widget), filter, NULL);
      return widget;
    }
}

/* The scope: "Mine / My organisation / All I may see", three linked toggle buttons with the
 * count of each, the choice remembered per list. */

#define SCOPE_KEY "wb-list-scope"
#define SCOPES_SETTING "list-scopes"

static const char * const scope_labels[WB_N_LIST_SCOPES] = {
  NC_("list scope", "_Mine"), NC_("list scope", "My _organisation"), NC_("list scope", "_All I may see"),
};
#define SCOPE_LABEL(scope) g_dpgettext2 (GETTEXT_PACKAGE, "list scope", scope_labels[scope])
static const char * const scope_tooltips[WB_N_LIST_SCOPES] = {
  N_("Only your own caseload"), N_("Everything of your organisation"), N_("Everything your role may see"),
};
static const char * const scope_names[WB_N_LIST_SCOPES] = { "mine", "organisation", "all" };

static GtkWidget *
scope_button (GtkWidget   *box,
              WbListScope  scope)
{
  GtkWidget *button = gtk_widget_get_first_child (box);

  for (guint i = 0; i < (guint) scope && button != NULL; i++)
    button = gtk_widget_get_next_sibling (button);
  return button;
}

static GtkWidget *
make_scope_widget (const WbListFilter *filter)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *first = NULL;

  gtk_widget_add_css_class (box, "linked");
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  wb_a11y_set_label (box, _(filter->accessible));
  for (WbListScope scope = 0; scope < WB_N_LIST_SCOPES; scope++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_mnemonic (SCOPE_LABEL (scope));
      g_autofree char *spoken = wb_a11y_strip_mnemonic (SCOPE_LABEL (scope));

      wb_a11y_set_label (button, spoken);

      gtk_widget_set_tooltip_text (button, _(scope_tooltips[scope]));
      g_object_set_data (G_OBJECT (button), SCOPE_KEY, GUINT_TO_POINTER (scope));
      if (first == NULL)
        first = button;
      else
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), GTK_TOGGLE_BUTTON (first));
      gtk_box_append (GTK_BOX (box), button);
    }
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (scope_button (box, WB_LIST_SCOPE_ALL)), TRUE);
  return box;
}

/* The scope remembered for the list, or -1. */
static int
remembered_scope (WbListView *self)
{
  WbListViewPrivate *priv = PRIV (self);
  g_autoptr(GVariant) scopes = NULL;
  const char *name = NULL;

  if (priv->settings == NULL || priv->spec->id == NULL)
    return -1;
  scopes = g_settings_get_value (priv->settings, SCOPES_SETTING);
  if (!g_variant_lookup (scopes, priv->spec->id, "&s", &name))
    return -1;
  for (int i = 0; i < WB_N_LIST_SCOPES; i++)
    if (g_str_equal (name, scope_names[i]))
      return i;
  return -1;
}

static void
remember_scope (WbListView  *self,
                WbListScope  scope)
{
  WbListViewPrivate *priv = PRIV (self);
  g_autoptr(GVariant) scopes = NULL;
  GVariantBuilder builder;
  GVariantIter iter;
  const char *key, *value;

  if (priv->settings == NULL || priv->spec->id == NULL)
    return;
  scopes = g_settings_get_value (priv->settings, SCOPES_SETTING);
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  g_variant_iter_init (&iter, scopes);
  while (g_variant_iter_next (&iter, "{&s&s}", &key, &value))
    if (!g_str_equal (key, priv->spec->id))
      g_variant_builder_add (&builder, "{ss}", key, value);
  g_variant_builder_add (&builder, "{ss}", priv->spec->id, scope_names[scope]);
  g_settings_set_value (priv->settings, SCOPES_SETTING, g_variant_builder_end (&builder));
}

static void
on_scope_toggled_cb (GtkToggleButton *button,
                     GParamSpec      *pspec,
                     WbListView      *self)
{
  WbListViewPrivate *priv = PRIV (self);
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), FILTER_KEY));
  WbListScope scope = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), SCOPE_KEY));

  if (!gtk_toggle_button_get_active (button))
    return;
  begin_refilter (self);
  wb_list_model_set_scope (priv->model, index, scope);
  end_refilter (self);
  if (!priv->applying_scope)
    {
      priv->scope_by_role = FALSE;
      remember_scope (self, scope);
    }
}

/* Once every row is there: a caseload the role's default opened on that turns out empty
 * (a WSP account manager without referred clients) gives way to all the user may see. */
static void
check_empty_caseload (WbListView *self)
{
  WbListViewPrivate *priv = PRIV (self);

  if (!priv->scope_by_role)
    return;
  priv->scope_by_role = FALSE;
  for (guint i = 0; i < priv->spec->n_filters; i++)
    if (priv->spec->filters[i].kind == WB_LIST_FILTER_SCOPE &&
        wb_list_model_get_scope (priv->model, i) == WB_LIST_SCOPE_MINE &&
        wb_list_model_count_scope (priv->model, i, WB_LIST_SCOPE_MINE) == 0)
      {
        priv->applying_scope = TRUE;
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (scope_button (priv->filter_widgets->pdata[i],
                                                                       WB_LIST_SCOPE_ALL)), TRUE);
        priv->applying_scope = FALSE;
      }
}

/* Every scope button says how many rows it shows: "Mine (12)". */
static void
update_scope_counts (WbListView *self)
{
  WbListViewPrivate *priv = PRIV (self);

  for (guint i = 0; priv->filter_widgets != NULL && i < priv->filter_widgets->len; i++)
    {
      if (priv->spec->filters[i].kind != WB_LIST_FILTER_SCOPE)
        continue;
      for (WbListScope scope = 0; scope < WB_N_LIST_SCOPES; scope++)
        {
          GtkWidget *button = scope_button (priv->filter_widgets->pdata[i], scope);
          g_autofree char *count = g_strdup_printf ("%'u", wb_list_model_count_scope (priv->model, i, scope));
          /* TRANSLATORS: a scope of a list and how many rows it has, "Mine (12)" */
          g_autofree char *label = g_strdup_printf (_("%s (%s)"), SCOPE_LABEL (scope), count);

          g_autofree char *spoken = wb_a11y_strip_mnemonic (label);

          gtk_button_set_label (GTK_BUTTON (button), label);
          /* Its one name, as shown: "Mine (12)", not the mnemonic's text beside it. */
          wb_a11y_set_label (button, spoken);
        }
    }
}

/* The scope filter that narrows the list now (not "All I may see"), or -1. */
static int
narrowing_scope_filter (WbListView *self)
{
  WbListViewPrivate *priv = PRIV (self);

  for (guint i = 0; priv->filter_widgets != NULL && i < priv->filter_widgets->len; i++)
    if (priv->spec->filters[i].kind == WB_LIST_FILTER_SCOPE &&
        wb_list_model_get_scope (priv->model, i) != WB_LIST_SCOPE_ALL)
      return i;
  return -1;
}

/* The "no match" page. Where a scope narrows the list, nothing found there is no proof that
 * the record does not exist (a colleague's client in "Mine"): the page says where it looked,
 * and offers each wider scope that has matches for the same search and filters in one click,
 * with their number ("Show 3 clients in My organisation"); the search stays as typed. */
static void
update_empty_page (WbListView *self)
{
  WbListViewPrivate *priv = PRIV (self);
  int index = narrowing_scope_filter (self);
  guint counts[WB_N_LIST_SCOPES];
  g_autofree char *where = NULL;
  g_autofree char *description = NULL;
  WbListScope scope;
  gboolean wider = FALSE;

  for (scope = 0; scope < WB_N_LIST_SCOPES; scope++)
    gtk_widget_set_visible (GTK_WIDGET (priv->empty_scope_buttons[scope]), FALSE);
  if (index < 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (priv->empty_scopes_box), FALSE);
      adw_status_page_set_description (priv->empty_page, _("Try other words, or clear the search and the filters."));
      return;
    }

  wb_list_model_count_in_scopes (priv->model, index, counts);
  for (scope = wb_list_model_get_scope (priv->model, index) + 1; scope < WB_N_LIST_SCOPES; scope++)
    {
      GtkButton *button = priv->empty_scope_buttons[scope];
      g_autofree char *scope_name = NULL;
      g_autofree char *count = NULL;
      g_autofree char *label = NULL;

      /* Only a scope that shows more than the narrower one before it. */
      if (counts[scope] == 0 || (wider && counts[scope] == counts[scope - 1]))
        continue;
      scope_name = wb_a11y_strip_mnemonic (SCOPE_LABEL (scope));
      count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, priv->spec->counts->singular,
                                            priv->spec->counts->plural, counts[scope]), counts[scope]);
      /* TRANSLATORS: a button on the "no match" page: "Show 3 clients in My organisation" */
      label = g_strdup_printf (_("Show %s in %s"), count, scope_name);
      gtk_label_set_text (GTK_LABEL (gtk_button_get_child (button)), label);
      wb_a11y_set_label (GTK_WIDGET (button), label);
      gtk_widget_set_visible (GTK_WIDGET (button), TRUE);
      /* The nearest wider scope is the way on. */
      if (wider)
        gtk_widget_remove_css_class (GTK_WIDGET (button), "suggested-action");
      else
        gtk_widget_add_css_class (GTK_WIDGET (button), "suggested-action");
      wider = TRUE;
    }
  gtk_widget_set_visible (GTK_WIDGET (priv->empty_scopes_box), wider);

  where = wb_a11y_strip_mnemonic (SCOPE_LABEL (wb_list_model_get_scope (priv->model, index)));
  if (wider)
    /* TRANSLATORS: on the "no match" page; %s is a scope of the list, "Mine" */
    description = g_strdup_printf (_("Nothing in “%s” matches, but a wider scope has matches."), where);
  else
    /* TRANSLATORS: on the "no match" page; %s is a scope of the list, "Mine" */
    description = g_strdup_printf (_("Nothing in “%s” matches, nor in any wider scope. Try other words, or clear the "
                                     "search and the filters."), where);
  adw_status_page_set_description (priv->empty_page, description);
}

/* A wider scope from the "no match" page: for this search, so it is not remembered as the
 * scope the list opens on. The focus stays with the search, or goes to the first match. */
static void
on_empty_scope_clicked_cb (GtkButton  *button,
                           WbListView *self)
{
  WbListViewPrivate *priv = PRIV (self);
  int index = narrowing_scope_filter (self);
  WbListScope scope = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), SCOPE_KEY));

  if (index < 0)
    return;
  priv->applying_scope = TRUE;
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (scope_button (priv->filter_widgets->pdata[index], scope)), TRUE);
  priv->applying_scope = FALSE;
  if (gtk_widget_get_visible (GTK_WIDGET (priv->search_bar)) && gtk_search_bar_get_search_mode (priv->search_bar))
    gtk_widget_grab_focus (GTK_WIDGET (priv->search_entry));
  else if (wb_list_model_get_n_shown (priv->model) > 0)
    {
      gtk_single_selection_set_selected (priv->selection, 0);
      wb_list_view_focus_row (self, selected_row (self));
    }
}

/* The scope a user opens a list on: the one they chose last, else their own caseload for
 * those who have one (account managers, consultants), else all they may see. */
static void
apply_scope (WbListView *self)
{
  WbListViewPrivate *priv = PRIV (self);
  int remembered = remembered_scope (self);

  for (guint i = 0; i < priv->filter_widgets->len; i++)
    {
      const WbListFilter *filter = &priv->spec->filters[i];
      WbListScope scope = WB_LIST_SCOPE_ALL;

      if (filter->kind != WB_LIST_FILTER_SCOPE)
        continue;
      priv->scope_by_role = remembered < 0;
      if (remembered >= 0)
        scope = remembered;
      else if (priv->session != NULL)
        switch (wb_session_get_role (priv->session))
          {
          case WB_ROLE_ACCOUNT_MANAGER_WSP:
          case WB_ROLE_ACCOUNT_MANAGER_LOCAL:
          case WB_ROLE_CONSULTANT:
            scope = filter->mine != NULL ? WB_LIST_SCOPE_MINE : WB_LIST_SCOPE_ALL;
            break;
          default:
            break;
          }
      priv->applying_scope = TRUE;
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (scope_button (priv->filter_widgets->pdata[i], scope)), TRUE);
      priv->applying_scope = FALSE;
      begin_refilter (self);
      wb_list_model_set_scope (priv->model, i, scope);
      end_refilter (self);
    }
  update_scope_counts (self);
}

static void
build_filters (WbListView *self)
{
  WbListViewPrivate *priv = PRIV (self);

  for (guint i = 0; i < priv->spec->n_filters; i++)
    {
      const WbListFilter *filter = &priv->spec->filters[i];
      GtkWidget *widget;
      const char *signal = filter->kind == WB_LIST_FILTER_CHOICE ? "notify::selected" :
                           filter->kind == WB_LIST_FILTER_TOGGLE ? "notify::active" : "notify::text";

      if (filter->kind == WB_LIST_FILTER_SCOPE)
        {
          /* The scope comes first in the bar: it says whose rows the others narrow. */
          widget = make_scope_widget (filter);
          for (GtkWidget *button = gtk_widget_get_first_child (widget); button != NULL;
               button = gtk_widget_get_next_sibling (button))
            {
              g_object_set_data (G_OBJECT (button), FILTER_KEY, GUINT_TO_POINTER (i));
              g_signal_connect (button, "notify::active", G_CALLBACK (on_scope_toggled_cb), self);
            }
          g_object_set_data (G_OBJECT (widget), FILTER_KEY, GUINT_TO_POINTER (i));
          wb_wrap_box_prepend (priv->filter_box, widget);
          g_ptr_array_add (priv->filter_widgets, widget);
          continue;
        }
      widget = make_filter_widget (filter);
      g_object_set_data (G_OBJECT (widget), FILTER_KEY, GUINT_TO_POINTER (i));
      g_object_set_data (G_OBJECT (widget), "wb-list-view", self);
      g_signal_connect (widget, signal, G_CALLBACK (on_filter_changed_cb), self);
      gtk_widget_set_visible (widget, !filter->hidden);
      wb_wrap_box_append (priv->filter_box, widget);
      g_ptr_array_add (priv->filter_widgets, widget);
    }
}

static void
reset_filter_widgets (WbListView *self)
{
  WbListViewPrivate *priv = PRIV (self);

  for (guint i = 0; i < priv->filter_widgets->len; i++)
    {
      GtkWidget *widget = priv->filter_widgets->pdata[i];

      if (priv->spec->filters[i].kind == WB_LIST_FILTER_SCOPE)
        continue;  /* where the user looks stays */
      if (WB_IS_FILTER_DROPDOWN (widget))
        wb_filter_dropdown_set_selected (WB_FILTER_DROPDOWN (widget), 0);
      else if (GTK_IS_TOGGLE_BUTTON (widget))
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (widget), FALSE);
      else
        gtk_editable_set_text (GTK_EDITABLE (widget), "");
    }
  gtk_editable_set_text (GTK_EDITABLE (priv->search_entry), "");
}

static void
reset_filters (WbListView *self)
{
  begin_refilter (self);
  reset_filter_widgets (self);
  wb_list_model_reset_filters (PRIV (self)->model);
  end_refilter (self);
}

char *
wb_list_view_describe_filters (WbListView *self)
{
  WbListViewPrivate *priv;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *search;

  g_return_val_if_fail (WB_IS_LIST_VIEW (self), NULL);

  priv = PRIV (self);
  search = wb_list_model_get_search (priv->model);
  g_ptr_array_add (parts, wb_list_view_dup_count_text (self));
  for (guint i = 0; i < priv->filter_widgets->len; i++)
    {
      const WbListFilter *filter = &priv->spec->filters[i];
      GtkWidget *widget = priv->filter_widgets->pdata[i];
      const WbListFilterValue *value = wb_list_model_get_filter (priv->model, i);

      if (value == NULL)
        continue;
      if (filter->kind == WB_LIST_FILTER_SCOPE)
        {
          g_autofree char *label = g_strdup (SCOPE_LABEL (value->number));
          char *out = label;

          /* Without its mnemonic. */
          for (const char *in = label; *in != '\0'; in++)
            if (*in != '_')
              *out++ = *in;
          *out = '\0';
          g_ptr_array_add (parts, g_steal_pointer (&label));
        }
      else if (WB_IS_FILTER_DROPDOWN (widget))
        g_ptr_array_add (parts, g_strdup (wb_filter_dropdown_get_label (WB_FILTER_DROPDOWN (widget))));
      else if (filter->describe != NULL && priv->session != NULL)
        g_ptr_array_add (parts, filter->describe (priv->session));
      else
        g_ptr_array_add (parts, g_strdup (value->text));
    }
  if (search != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_("search “%s”"), search));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static void
on_clear_clicked_cb (GtkButton  *button,
                     WbListView *self)
{
  WbListViewPrivate *priv = PRIV (self);
  gboolean had_focus = gtk_widget_has_focus (GTK_WIDGET (button));

  reset_filters (self);
  /* The button is insensitive now and lets the focus go: it goes to the search, or to the
   * list, not nowhere. */
  if (!had_focus)
    return;
  if (gtk_widget_get_visible (GTK_WIDGET (priv->search_bar)) && gtk_search_bar_get_search_mode (priv->search_bar))
    gtk_widget_grab_focus (GTK_WIDGET (priv->search_entry));
  else
    wb_list_view_focus_row (self, selected_row (self));
}

/* Search as you type: the result of a key is in the next frame. The entry waits for no
 * pause (GTK waits 150 ms after the last key by default: the list followed the typing only
 * when it stopped), and the keys typed before a frame make one search, of the last text,
 * in that frame's update, before its layout. */
static void search (WbListView *self, const char *text);

static void
cancel_typed_search (WbListView *self)
{
  WbListViewPrivate *priv = PRIV (self);

  if (priv->typed_search_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), priv->typed_search_tick);
  priv->typed_search_tick = 0;
  g_clear_pointer (&priv->typed_search, g_free);
}

/* What was typed, searched now (before Enter or Down act on the results). */
static void
flush_typed_search (WbListView *self)
{
  WbListViewPrivate *priv = PRIV (self);
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (priv->search_entry));
  g_autofree char *text = NULL;

  /* Keys the entry has not said anything of yet (it says so from the main loop). */
  if (g_strcmp0 (typed, priv->entry_text) != 0)
    {
      g_free (priv->entry_text);
      priv->entry_text = g_strdup (typed);
      g_free (priv->typed_search);
      priv->typed_search = g_strdup (typed);
    }
  text = g_steal_pointer (&priv->typed_search);
  cancel_typed_search (self);
  if (text != NULL)
    search (self, text);
}

static gboolean
typed_search_tick_cb (GtkWidget     *widget,
                      GdkFrameClock *clock,
                      gpointer       user_data)
{
  PRIV (widget)->typed_search_tick = 0;
  flush_typed_search (WB_LIST_VIEW (widget));
  return G_SOURCE_REMOVE;
}

static void
on_search_changed_cb (GtkSearchEntry *entry,
                      WbListView     *self)
{
  WbListViewPrivate *priv = PRIV (self);

  g_free (priv->entry_text);
  priv->entry_text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));
  g_free (priv->typed_search);
  priv->typed_search = g_strdup (priv->entry_text);
  /* Not on screen, no frame comes: at once. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    flush_typed_search (self);
  else if (priv->typed_search_tick == 0)
    priv->typed_search_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), typed_search_tick_cb, NULL, NULL);
}

/* Down from the search goes to the results, not to the first filter. */
static gboolean
on_search_key_cb (GtkEventControllerKey *controller,
                  guint                  keyval,
                  guint                  keycode,
                  GdkModifierType        state,
                  WbListView            *self)
{
  WbListViewPrivate *priv = PRIV (self);

  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return FALSE;
  flush_typed_search (self);
  if (wb_list_model_get_n_shown (priv->model) == 0)
    return FALSE;
  /* The first result, selected, with the focus on its line. */
  gtk_single_selection_set_selected (priv->selection, 0);
  wb_list_view_focus_row (self, selected_row (self));
  return TRUE;
}

/* Enter in the search opens the first result, which is selected. */
static void
on_search_activate_cb (GtkSearchEntry *entry,
                       WbListView     *self)
{
  flush_typed_search (self);
  if (wb_list_model_get_n_shown (PRIV (self)->model) > 0)
    wb_list_view_open_row (self, selected_row (self));
}

/* Tab leaves the list, whose arrows move between its rows: GTK 4.8 gives every row a Tab
 * stop ("30 Tabs stayed on the rows"). For one move the list takes no focus, so that the
 * window moves it on to what comes after (or before) the list. */
static gboolean
on_list_key_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                WbListView            *self)
{
  GtkWidget *view = GTK_WIDGET (PRIV (self)->rows_view);
  GtkDirectionType direction;
  GtkRoot *root;

  if (keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab)
    direction = (state & GDK_SHIFT_MASK) ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD;
  else if (keyval == GDK_KEY_ISO_Left_Tab)
    direction = GTK_DIR_TAB_BACKWARD;
  else
    return FALSE;
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0 || (root = gtk_widget_get_root (view)) == NULL)
    return FALSE;
  gtk_widget_set_can_focus (view, FALSE);
  if (!gtk_widget_child_focus (GTK_WIDGET (root), direction))
    {
      /* Past the last control: around again from the first, as the window's own Tab does. */
      gtk_root_set_focus (root, NULL);
      gtk_widget_child_focus (GTK_WIDGET (root), direction);
    }
  gtk_widget_set_can_focus (view, TRUE);
  return TRUE;
}

/* Loading page by page */

static void
fetch_async_default (WbListView          *self,
                     WbApiClient         *api,
                     const WbApiQuery    *query,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  const WbListSpec *spec = PRIV (self)->spec;

  if (spec->path != NULL)
    wb_api_accounts_page_async (api, spec->path, query->filters, query->page, query->per_page, cancellable, callback,
                                user_data);
  else
    wb_api_client_list_async (api, spec->resource, 0, query, cancellable, callback, user_data);
}

static GListModel *
fetch_finish_default (WbListView    *self,
                      WbApiClient   *api,
                      GAsyncResult  *result,
                      guint         *total,
                      GError       **error)
{
  if (PRIV (self)->spec->path != NULL)
    return wb_api_accounts_page_finish (api, result, total, error);
  return wb_api_client_list_finish (api, result, total, error);
}

static void
fail (WbListView   *self,
      const GError *error)
{
  WbListViewPrivate *priv = PRIV (self);
  g_autofree char *message = NULL;

  priv->loading = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (priv->load_progress), FALSE);
  if (g_error_matches (error, WB_API_ERROR, 403))
    {
      priv->denied = TRUE;
      update_state (self);
      return;
    }
  message = g_strdup_printf (_(priv->spec->texts->load_error), error->message);
  priv->failed = TRUE;
  adw_status_page_set_description (priv->error_page, error->message);
  update_state (self);
  /* What the list already shows stays; the banner says what happened. */
  g_signal_emit (self, signals[BACKEND_ERROR], 0, message);
}

/* The first frame of a list shows the rows on screen and makes no others. GTK 4.8's column
 * view makes a row of cells for every row of its model (up to 200), on screen or not, and
 * a row of nine columns costs some 4 million instructions to make and lay out; the first
 * page asks for what the window's height could hold at the rows' height (27 rows at
 * 800 px), and the list's bars above the rows leave room for 22 of them. So a list about to
 * be drawn for the first time holds its rows to what the window's height less its bars
 * holds (FIRST_BARS_PX, an estimate), the layout of that frame adds any row it finds
 * missing before the frame is painted, and the rows held back come in the frame after it
 * (or after a moment, for a list that is not drawn). */
#define FIRST_BARS_PX 150
#define FIRST_ROWS_WAIT_MS 1000

static void on_first_rows_layout_cb (GdkFrameClock *clock,
                                     WbListView    *self);

static void
stop_first_rows (WbListView *self)
{
  WbListViewPrivate *priv = PRIV (self);

  after_paint_cancel (&priv->first_rows);
  if (priv->first_rows_clock != NULL)
    g_signal_handlers_disconnect_by_func (priv->first_rows_clock, on_first_rows_layout_cb, self);
  g_clear_object (&priv->first_rows_clock);
}

static void
release_first_rows (WbListView *self)
{
  stop_first_rows (self);
  if (PRIV (self)->slots != NULL)
    wb_slot_model_release (PRIV (self)->slots);
}

static void
first_rows_painted_cb (gpointer data)
{
  release_first_rows (data);
}

/* After the window's layout: as many rows as the list's height shows, the row partly seen
 * at its foot too. A row more is laid out in the same frame (GTK lays out again before it
 * paints). */
static void
on_first_rows_layout_cb (GdkFrameClock *clock,
                         WbListView    *self)
{
  WbListViewPrivate *priv = PRIV (self);
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (priv->rows_view));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (priv->slots));
  double upper = adjustment != NULL ? gtk_adjustment_get_upper (adjustment) : 0;
  double page = adjustment != NULL ? gtk_adjustment_get_page_size (adjustment) : 0;
  guint shown;

  if (!wb_slot_model_get_held (priv->slots) || n == 0 || upper <= 0 || page <= 0)
    return;
  shown = (guint) ceil (page / (upper / n));
  if (shown > n)
    wb_slot_model_hold (priv->slots, shown);
}

static void
hold_first_rows (WbListView *self)
{
  WbListViewPrivate *priv = PRIV (self);
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self)));
  int width = 0, height = root != NULL ? gtk_widget_get_height (root) : 0;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) || gtk_widget_get_height (GTK_WIDGET (priv->rows_view)) > 0 ||
      !GTK_IS_WINDOW (root) || priv->first_rows_clock != NULL)
    return;
  if (height <= 0)
    gtk_window_get_default_size (GTK_WINDOW (root), &width, &height);
  if (height <= FIRST_BARS_PX)
    return;
  wb_slot_model_hold (priv->slots, MAX (1, (guint) (height - FIRST_BARS_PX) / DEFAULT_ROW_PX));
  priv->first_rows_clock = g_object_ref (gtk_widget_get_frame_clock (GTK_WIDGET (self)));
  g_signal_connect (priv->first_rows_clock, "layout", G_CALLBACK (on_first_rows_layout_cb), self);
  after_paint_start (&priv->first_rows, GTK_WIDGET (self), FIRST_ROWS_WAIT_MS, first_rows_painted_cb, self);
}

static void
on_page_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(WbListView) self = user_data;
  WbListViewPrivate *priv = PRIV (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) records = NULL;
  guint total = 0;
  gboolean first;

  records = WB_LIST_VIEW_GET_CLASS (self)->fetch_finish (self, WB_API_CLIENT (source), result, &total, &error);
  /* An answer that came as the view was disposed (its window closed): nothing to show it
   * in, and nothing may wait for a frame of a view about to be freed. */
  if (priv->model == NULL)
    return;
  if (records == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        fail (self, error);
      return;
    }

  if (priv->failed)
    {
      priv->failed = FALSE;
      g_signal_emit (self, signals[BACKEND_RECOVERED], 0);
    }

  priv->total = total;
  if (priv->first_page_read)
    priv->fetched += g_list_model_get_n_items (records);
  priv->first_page_read = TRUE;
  first = wb_list_model_get_n_loaded (priv->model) == 0;
  if (first)
    {
      hold_first_rows (self);
      begin_refilter (self);
    }
  wb_list_model_append_records (priv->model, records);
  if (first)
    end_refilter (self);

  if (g_list_model_get_n_items (records) == 0 || wb_list_model_get_n_loaded (priv->model) >= total ||
      priv->fetched >= total)
    {
      priv->loading = FALSE;
      priv->loaded = TRUE;
      gtk_widget_set_visible (GTK_WIDGET (priv->load_progress), FALSE);
      check_empty_caseload (self);
#ifdef __GLIBC__
      /* The parsed pages are gone; give their memory back instead of keeping it in the heap. */
      malloc_trim (0);
#endif
      update_state (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (priv->load_progress), TRUE);
  gtk_progress_bar_set_fraction (priv->load_progress,
                                 (double) wb_list_model_get_n_loaded (priv->model) / MAX (total, 1));
  update_state (self);
  load_next_page (self);
}

static void
cancel_next_page (WbListView *self)
{
  after_paint_cancel (&PRIV (self)->next_page);
}

static void
next_page_cb (gpointer data)
{
  load_page (data);
}

/* After the first screenful, the large pages are asked for once the frame that shows it is
 * painted: asked before, a thousand rows read, parsed and added would take the processors
 * and the main loop from that frame. A list not on screen yet (a window still being
 * presented, a view not shown) waits for those frames or a moment, whichever comes first. */
static void
load_next_page (WbListView *self)
{
  WbListViewPrivate *priv = PRIV (self);

  cancel_next_page (self);
  if (wb_list_model_get_n_loaded (priv->model) > FIRST_PAGE_SIZE)
    {
      load_page (self);
      return;
    }
  after_paint_start (&priv->next_page, GTK_WIDGET (self), 100, next_page_cb, self);
}

/* The rows that fill the view on screen, with a few to spare. */
static guint
first_page_size (WbListView *self)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self)));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  int window_width = 0, window_height = 0;

  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && height > 0)
    return CLAMP ((guint) height / LOWEST_ROW_PX + 2 * VISIBLE_MARGIN, 1, FIRST_PAGE_SIZE);
  /* Not laid out yet, as in a window about to be presented: what the window's height holds
   * at the rows' height in the default font. The window's header, the list's bar and its
   * column titles (over 100 px) leave room for rows down to 24 px; with smaller ones the
   * large page fills the last rows a frame later. */
  if (GTK_IS_WINDOW (root))
    {
      window_height = gtk_widget_get_height (root);
      if (window_height <= 0)
        gtk_window_get_default_size (GTK_WINDOW (root), &window_width, &window_height);
    }
  if (window_height <= 0)
    return FIRST_PAGE_SIZE;
  return CLAMP ((guint) window_height / DEFAULT_ROW_PX, 1, FIRST_PAGE_SIZE);
}

/* The next page to ask for: a screenful first, then the large pages. */
static WbApiQuery
page_query (WbListView *self,
            gboolean    first)
{
  WbListViewPrivate *priv = PRIV (self);
  WbApiQuery query = { 0 };

  /* Every large page so far was full, so the next one starts where they end. */
  query.per_page = first ? first_page_size (self) : PAGE_SIZE;
  query.page = first ? 1 : priv->fetched / PAGE_SIZE + 1;
  return query;
}

void
wb_list_view_expect_first_page (WbListView  *self,
                                WbApiClient *api)
{
  WbListViewPrivate *priv;
  WbApiQuery query;

  g_return_if_fail (WB_IS_LIST_VIEW (self));
  g_return_if_fail (WB_IS_API_CLIENT (api));

  priv = PRIV (self);
  if (priv->spec == NULL || priv->spec->path != NULL ||
      WB_LIST_VIEW_GET_CLASS (self)->fetch_async != fetch_async_default)
    return;
  query = page_query (self, TRUE);
  wb_api_client_expect_list (api, priv->spec->resource, &query);
}

static void
load_page (WbListView *self)
{
  WbListViewPrivate *priv = PRIV (self);
  WbApiQuery query = page_query (self, !priv->first_page_read);

  priv->loading = TRUE;
  WB_LIST_VIEW_GET_CLASS (self)->fetch_async (self, wb_session_get_api (priv->session), &query,
                                              priv->load_cancellable, on_page_loaded_cb, g_object_ref (self));
}

static void
start_loading (WbListView *self)
{
  WbListViewPrivate *priv = PRIV (self);

  g_cancellable_cancel (priv->load_cancellable);
  g_clear_object (&priv->load_cancellable);
  cancel_next_page (self);
  begin_refilter (self);
  wb_list_model_clear (priv->model);
  priv->loaded = FALSE;
  priv->failed = FALSE;
  priv->denied = FALSE;
  priv->loading = FALSE;
  priv->total = 0;
  priv->fetched = 0;
  priv->first_page_read = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (priv->load_progress), FALSE);
  update_state (self);
  if (priv->session == NULL || wb_session_get_api (priv->session) == NULL)
    return;

  /* The policy decides for the server too; no request for a role that would get 403. */
  if (priv->spec->check_policy &&
      wb_policy_decide (wb_session_get_role (priv->session), priv->spec->resource, WB_ACTION_READ, WB_SCOPE_OTHER) ==
      WB_DECISION_DENY)
    {
      priv->denied = TRUE;
      update_state (self);
      return;
    }
  priv->load_cancellable = g_cancellable_new ();
  load_page (self);
}

/* The record page */

void
wb_list_view_show_page (WbListView *self)
{
  g_return_if_fail (WB_IS_LIST_VIEW (self));

  gtk_widget_set_visible (GTK_WIDGET (ensure_page (self)), TRUE);
  adw_leaflet_set_visible_child (PRIV (self)->leaflet, GTK_WIDGET (PRIV (self)->page));
  update_actions (self);
}

void
wb_list_view_open_row (WbListView *self,
                       gpointer    row)
{
  g_autoptr(WbRecord) summary = NULL;

  g_return_if_fail (WB_IS_LIST_VIEW (self));

  if (row == NULL)
    return;
  summary = WB_LIST_VIEW_GET_CLASS (self)->dup_summary (self, row);
  wb_record_page_load (ensure_page (self), summary);
  wb_list_view_show_page (self);
  /* The focus goes to the page, where it can be seen (GTK 4.8 hides the ring after a
   * page change until the next key). */
  if (gtk_widget_child_focus (GTK_WIDGET (PRIV (self)->page), GTK_DIR_TAB_FORWARD) &&
      GTK_IS_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))))
    gtk_window_set_focus_visible (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), TRUE);
}

static void
on_activate_cb (GtkListView *view,
                guint        position,
                WbListView  *self)
{
  wb_list_view_open_row (self, wb_slot_model_peek_item (PRIV (self)->slots, position));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  wb_list_view_open_row (WB_LIST_VIEW (widget), selected_row (WB_LIST_VIEW (widget)));
}

/* A list without a search bar searches with its first text filter: its entry, or NULL. */
static GtkWidget *
text_filter_widget (WbListView *self)
{
  WbListViewPrivate *priv = PRIV (self);

  for (guint i = 0; i < priv->spec->n_filters; i++)
    if (priv->spec->filters[i].kind == WB_LIST_FILTER_TEXT)
      return priv->filter_widgets->pdata[i];
  return NULL;
}

void
wb_list_view_show_list (WbListView *self)
{
  GtkWidget *filter;

  g_return_if_fail (WB_IS_LIST_VIEW (self));

  adw_leaflet_set_visible_child (PRIV (self)->leaflet, PRIV (self)->list_page);
  update_actions (self);
  if (PRIV (self)->spec->page_beside)
    wb_list_view_focus_row (self, selected_row (self));
  else
    gtk_widget_grab_focus (GTK_WIDGET (PRIV (self)->rows_view));
  /* A list that shows nothing: the search that left it empty, to type another (a list
   * without a search bar searches with its first text filter), else the page's first
   * control. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (PRIV (self)->list_stack), "list") != 0)
    {
      if (gtk_search_bar_get_search_mode (PRIV (self)->search_bar))
        {
          gtk_widget_grab_focus (GTK_WIDGET (PRIV (self)->search_entry));
          return;
        }
      filter = text_filter_widget (self);
      if (filter != NULL && gtk_widget_is_visible (filter) && gtk_widget_grab_focus (filter))
        return;
      /* From the page's start, not from a row the list no longer shows. */
      if (gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
        gtk_root_set_focus (gtk_widget_get_root (GTK_WIDGET (self)), NULL);
      gtk_widget_child_focus (PRIV (self)->list_page, GTK_DIR_TAB_FORWARD);
    }
}

static void
on_page_back_cb (WbRecordPage *page,
                 WbListView   *self)
{
  wb_list_view_show_list (self);
}

static void
on_page_record_changed_cb (WbRecordPage *page,
                           WbRecord     *record,
                           WbListView   *self)
{
  wb_list_model_replace_record (PRIV (self)->model, record, TRUE);
}

static void
on_page_error_cb (WbRecordPage *page,
                  const char   *message,
                  WbListView   *self)
{
  if (message != NULL)
    g_signal_emit (self, signals[BACKEND_ERROR], 0, message);
  else if (!PRIV (self)->failed)
    g_signal_emit (self, signals[BACKEND_RECOVERED], 0);
}

void
wb_list_view_toast (WbListView *self,
                    const char *message)
{
  g_return_if_fail (WB_IS_LIST_VIEW (self));
  g_signal_emit (self, signals[TOAST], 0, message);
}

static void
on_page_toast_cb (WbRecordPage *page,
                  const char   *message,
                  WbListView   *self)
{
  wb_list_view_toast (self, message);
}

static void
on_leaflet_child_cb (AdwLeaflet *leaflet,
                     GParamSpec *pspec,
                     WbListView *self)
{
  update_actions (self);
}

/* Export */

GBytes *
wb_list_csv_new (const WbListSpec *spec,
                 GListModel       *model)
{
  g_autoptr(GString) out = g_string_new ("\xEF\xBB\xBF");
  guint n = g_list_model_get_n_items (model);
  gboolean first = TRUE;

  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  /* What a Dutch Excel opens without asking: UTF-8 with a byte-order mark, semicolons,
   * CRLF; a cell that would start a formula is quoted with an apostrophe. */
#define APPEND_CELL(text) G_STMT_START {                                        \
    const char *cell_ = (text);                                                \
    gboolean formula_ = cell_ != NULL && *cell_ != '\0' && strchr ("=+-@\t\r", cell_[0]) != NULL; \
    if (!first)                                                                \
      g_string_append_c (out, ';');                                            \
    first = FALSE;                                                             \
    if (cell_ == NULL || *cell_ == '\0')                                       \
      break;                                                                   \
    if (!formula_ && strpbrk (cell_, ";\"\r\n") == NULL)                       \
      {                                                                        \
        g_string_append (out, cell_);                                          \
        break;                                                                 \
      }                                                                        \
    g_string_append (out, formula_ ? "\"'" : "\"");                            \
    for (const char *p_ = cell_; *p_ != '\0'; p_++)                            \
      {                                                                        \
        if (*p_ == '"')                                                        \
          g_string_append_c (out, '"');                                        \
        g_string_append_c (out, *p_);                                          \
      }                                                                        \
    g_string_append_c (out, '"');                                              \
  } G_STMT_END

  for (guint c = 0; c < spec->n_columns; c++)
    if (!spec->columns[c].no_export)
      APPEND_CELL (_(spec->columns[c].export_title ?: spec->columns[c].title));
  g_string_append (out, "\r\n");

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) row = g_list_model_get_item (model, i);

      first = TRUE;
      for (guint c = 0; c < spec->n_columns; c++)
        {
          const WbListColumn *column = &spec->columns[c];
          char number[24];

          if (column->no_export)
            continue;
          if (column->export_date != NULL)
            APPEND_CELL (column->export_date (row));
          else if (column->export_text != NULL)
            APPEND_CELL (column->export_text (row));
          else if (column->number != NULL || column->int64 != NULL)
            {
              /* Numbers as they are, so that Excel reads them as numbers. */
              g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT,
                          column->number != NULL ? (gint64) column->number (row) : column->int64 (row));
              APPEND_CELL (number);
            }
          else if (column->text != NULL)
            APPEND_CELL (column->text (row));
          else
            APPEND_CELL (NULL);
        }
      g_string_append (out, "\r\n");
    }
#undef APPEND_CELL

  return g_string_free_to_bytes (g_steal_pointer (&out));
}

static gboolean
parse_day (const char *text,
           GDate      *date)
{
  int y, m, d;

  g_date_clear (date, 1);
  if (text == NULL || sscanf (text, "%4d-%2d-%2d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

WbTable *
wb_list_table_new (const WbListSpec *spec,
                   GListModel       *model,
                   const char       *title)
{
  g_autoptr(WbTable) table = NULL;
  g_autofree guint *indices = NULL;
  guint n_rows;

  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  /* The columns of the CSV, typed: numbers as numbers, days as dates, the rest as the
   * screen says it (labels, not codes). */
  table = wb_table_new (title);
  indices = g_new0 (guint, spec->n_columns);
  for (guint c = 0; c < spec->n_columns; c++)
    {
      const WbListColumn *column = &spec->columns[c];
      WbTableColumnType type = WB_TABLE_COLUMN_TEXT;

      if (column->no_export)
        continue;
      if (column->export_date != NULL || (column->cell == WB_LIST_CELL_DATE && column->export_text == NULL))
        type = WB_TABLE_COLUMN_DATE;
      else if (column->export_text == NULL && (column->number != NULL || column->int64 != NULL))
        type = WB_TABLE_COLUMN_NUMBER;
      indices[c] = wb_table_add_column (table, _(column->export_title ?: column->title), type, 0, column->width);
    }

  n_rows = g_list_model_get_n_items (model);
  for (guint i = 0; i < n_rows; i++)
    {
      g_autoptr(GObject) row = g_list_model_get_item (model, i);
      guint r = wb_table_add_row (table);

      for (guint c = 0; c < spec->n_columns; c++)
        {
          const WbListColumn *column = &spec->columns[c];
          const char *text;
          GDate day;

          if (column->no_export)
            continue;
          switch (wb_table_get_column_type (table, indices[c]))
            {
            case WB_TABLE_COLUMN_DATE:
              text = column->export_date != NULL ? column->export_date (row) : column->text (row);
              if (parse_day (text, &day))
                wb_table_set_date (table, r, indices[c], g_date_get_year (&day), g_date_get_month (&day),
                                   g_date_get_day (&day));
              break;
            case WB_TABLE_COLUMN_NUMBER:
              wb_table_set_number (table, r, indices[c],
                                   column->number != NULL ? (double) column->number (row) : (double) column->int64 (row));
              break;
            case WB_TABLE_COLUMN_TEXT:
            case WB_TABLE_COLUMN_MONTH:
            default:
              text = column->export_text != NULL ? column->export_text (row) : column->text != NULL ? column->text (row) : NULL;
              if (text != NULL && *text != '\0')
                wb_table_set_text (table, r, indices[c], text);
              break;
            }
        }
    }
  return g_steal_pointer (&table);
}

static void
write_xlsx_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  WbTable *table = g_object_get_data (G_OBJECT (task), "wb-table");
  g_autoptr(GError) error = NULL;

  if (wb_table_write_xlsx (table, task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
export_async_default (WbListView          *self,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  /* The rows as shown are in memory; writing them out takes a few milliseconds. */
  g_task_return_pointer (task, wb_list_csv_new (PRIV (self)->spec, G_LIST_MODEL (PRIV (self)->model)),
                         (GDestroyNotify) g_bytes_unref);
}

static GBytes *
export_finish_default (WbListView    *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct {
  WbListView *self;
  GFile *file;
  guint n_rows;
} Export;

static void
on_export_written_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data);

static void
export_free (Export *export)
{
  g_clear_object (&export->self);
  g_clear_object (&export->file);
  g_free (export);
}

static void
on_export_written_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  Export *export = user_data;
  const WbListCounts *counts = PRIV (export->self)->spec->counts;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (export->file);
  g_autofree char *message = NULL;

  if (G_IS_FILE (source) ? !g_file_replace_contents_finish (G_FILE (source), result, NULL, &error)
                         : !g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          message = g_strdup_printf (_("%s could not be written: %s"), name, error->message);
          wb_list_view_toast (export->self, message);
        }
      export_free (export);
      return;
    }
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, counts->exported_singular, counts->exported_plural,
                                          export->n_rows),
                             export->n_rows, name);
  wb_list_view_toast (export->self, message);
  export_free (export);
}

static void
on_export_made_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Export *export = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = WB_LIST_VIEW_GET_CLASS (export->self)->export_finish (export->self, result, &error);

  if (bytes == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = g_strdup_printf (_("The export failed: %s"), error->message);
          wb_list_view_toast (export->self, message);
        }
      export_free (export);
      return;
    }
  g_file_replace_contents_bytes_async (export->file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       PRIV (export->self)->work_cancellable, on_export_written_cb, export);
}

void
wb_list_view_export (WbListView *self,
                     GFile      *file)
{
  WbListViewPrivate *priv;
  Export *export;

  g_return_if_fail (WB_IS_LIST_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  priv = PRIV (self);
  if (priv->session == NULL)
    return;
  export = g_new0 (Export, 1);
  export->self = g_object_ref (self);
  export->file = g_object_ref (file);
  export->n_rows = wb_list_model_get_n_shown (priv->model);
  if (wb_list_export_is_xlsx (file))
    {
      /* A workbook of the rows shown, typed; written in a thread. */
      g_autoptr(GTask) task = g_task_new (NULL, priv->work_cancellable, on_export_written_cb, export);
      g_autofree char *title = wb_list_view_describe_filters (self);
      g_autoptr(WbTable) table = wb_list_table_new (priv->spec, G_LIST_MODEL (priv->model), _(priv->spec->texts->list_label));
      g_autoptr(WbExportInfo) info = wb_export_info_new ();

      info->title = g_strdup (_(priv->spec->texts->list_label));
      info->definition = g_strdup (title);
      info->source = g_strdup ("Werkbrug");
      info->generated = g_date_time_new_now_local ();
      wb_table_set_info (table, info);
      g_object_set_data_full (G_OBJECT (task), "wb-table", g_steal_pointer (&table), g_object_unref);
      g_task_set_task_data (task, g_file_get_path (file), g_free);
      g_task_run_in_thread (task, write_xlsx_thread);
      return;
    }
  WB_LIST_VIEW_GET_CLASS (self)->export_async (self, priv->work_cancellable, on_export_made_cb, export);
}

gboolean
wb_list_export_is_xlsx (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);

  return name != NULL && g_str_has_suffix (g_ascii_strdown (name, -1), ".xlsx");
}

static void
on_export_chosen_cb (GtkNativeDialog *chooser,
                     int              response,
                     WbListView      *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  /* The workbook filter chosen, the name says .csv still: the workbook it is. */
  if (file != NULL && !wb_list_export_is_xlsx (file) &&
      g_object_get_data (G_OBJECT (gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser))), "wb-xlsx") != NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *stem = g_str_has_suffix (name, ".csv") ? g_strndup (name, strlen (name) - 4) : g_strdup (name);
      g_autofree char *xlsx = g_strconcat (stem, ".xlsx", NULL);
      g_autoptr(GFile) parent = g_file_get_parent (file);

      g_set_object (&file, NULL);
      file = g_file_get_child (parent, xlsx);
    }
  g_clear_object (&PRIV (self)->chooser);
  if (file != NULL)
    wb_list_view_export (self, file);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  WbListViewPrivate *priv = PRIV (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = g_strdup_printf ("%s-%s.csv", priv->spec->texts->export_basename, date);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) xlsx_filter = gtk_file_filter_new ();

  if (priv->chooser != NULL)
    return;
  priv->chooser = gtk_file_chooser_native_new (_(priv->spec->texts->export_title),
                                               GTK_WINDOW (gtk_widget_get_root (widget)),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("CSV files for Excel"));
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (priv->chooser), filter);
  /* Or a workbook: typed cells, a header row that stays in view. */
  gtk_file_filter_set_name (xlsx_filter, _("Excel workbooks"));
  gtk_file_filter_add_suffix (xlsx_filter, "xlsx");
  g_object_set_data (G_OBJECT (xlsx_filter), "wb-xlsx", GINT_TO_POINTER (TRUE));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (priv->chooser), xlsx_filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (priv->chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (priv->chooser), TRUE);
  g_signal_connect (priv->chooser, "response", G_CALLBACK (on_export_chosen_cb), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (priv->chooser));
}

/* GObject */

static WbRecord *
dup_summary_default (WbListView *self,
                     gpointer    row)
{
  g_autoptr(JsonObject) object = json_object_new ();

  json_object_set_int_member (object, "id", PRIV (self)->spec->row_id (row));
  return wb_record_new (PRIV (self)->spec->resource, object);
}

static void
wb_list_view_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  WbListViewPrivate *priv = PRIV (object);

  switch (prop_id)
    {
    case PROP_SEARCH_MODE:
      g_value_set_boolean (value, gtk_search_bar_get_search_mode (priv->search_bar));
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, priv->loaded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_list_view_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  WbListViewPrivate *priv = PRIV (object);

  switch (prop_id)
    {
    case PROP_SEARCH_MODE:
      gtk_search_bar_set_search_mode (priv->search_bar, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
on_search_mode_cb (GtkSearchBar *bar,
                   GParamSpec   *pspec,
                   WbListView   *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_MODE]);
}

static void
wb_list_view_dispose (GObject *object)
{
  WbListViewPrivate *priv = PRIV (object);

  g_cancellable_cancel (priv->load_cancellable);
  g_clear_object (&priv->load_cancellable);
  g_cancellable_cancel (priv->work_cancellable);
  g_clear_object (&priv->work_cancellable);
  g_clear_handle_id (&priv->follow_id, g_source_remove);
  g_clear_handle_id (&priv->spinner_id, g_source_remove);
  g_clear_handle_id (&priv->fit_id, g_source_remove);
  g_clear_handle_id (&priv->sideways_id, g_source_remove);
  g_clear_handle_id (&priv->gap_id, g_source_remove);
  g_clear_handle_id (&priv->relayout_id, g_source_remove);
  cancel_typed_search (WB_LIST_VIEW (object));
  g_clear_pointer (&priv->entry_text, g_free);
  cancel_next_page (WB_LIST_VIEW (object));
  stop_first_rows (WB_LIST_VIEW (object));
  g_clear_pointer (&priv->changed_ids, g_hash_table_unref);
  if (priv->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (priv->chooser));
  g_clear_object (&priv->chooser);
  if (priv->model != NULL)
    g_signal_handlers_disconnect_by_data (priv->model, object);
  if (priv->selection != NULL)
    g_signal_handlers_disconnect_by_data (priv->selection, object);
  if (priv->page != NULL)
    g_signal_handlers_disconnect_by_data (priv->page, object);
  /* No gtk_widget_dispose_template (): in GTK 4.8 it asserts on the template children of a
   * class that subclasses bring templates to. GtkBox's dispose takes the children down; the
   * template's references go with the widget. */
  /* The list of rows may keep the slots a while longer; they no longer ask the view. */
  if (priv->slots != NULL)
    wb_slot_model_set_range_func (priv->slots, NULL, NULL);
  g_clear_object (&priv->selection);
  g_clear_object (&priv->slots);
  g_clear_object (&priv->model);
  g_clear_object (&priv->session);
  g_clear_object (&priv->settings);
  g_clear_object (&priv->paged_row);
  g_clear_pointer (&priv->filter_widgets, g_ptr_array_unref);
  priv->page = NULL;

  G_OBJECT_CLASS (wb_list_view_parent_class)->dispose (object);
}

static void
wb_list_view_class_init (WbListViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = wb_list_view_get_property;
  object_class->set_property = wb_list_view_set_property;
  object_class->dispose = wb_list_view_dispose;

  klass->fetch_async = fetch_async_default;
  klass->fetch_finish = fetch_finish_default;
  klass->export_async = export_async_default;
  klass->export_finish = export_finish_default;
  klass->dup_summary = dup_summary_default;

  properties[PROP_SEARCH_MODE] =
    g_param_spec_boolean ("search-mode", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[BACKEND_ERROR] = g_signal_new ("backend-error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[BACKEND_RECOVERED] = g_signal_new ("backend-recovered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                             0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[TOAST] = g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (WB_TYPE_WRAP_BOX);
  gtk_widget_class_set_template_from_resource (widget_class, "/nl/werkbrug/Werkbrug/widgets/wb-list-view.ui");
  gtk_widget_class_bind_template_child_private (widget_class, WbListView, leaflet);
  gtk_widget_class_bind_template_child_private (widget_class, WbListView, list_page);
  gtk_widget_class_bind_template_child_private (widget_class, WbListView, search_bar);
  gtk_widget_class_bind_template_child_private (widget_class, WbListView, search_entry);
  gtk_widget_class_bind_template_child_private (widget_class, WbListView, filter_box);
  gtk_widget_class_bind_template_child_private (widget_class, WbListView, filters_button);
  gtk_widget_class_bind_template_child_private (widget_class, WbListView, narrow_box);
  gtk_widget_class_bind_template_child_private (widget_class, WbListView, width_detector);
  gtk_widget_class_bind_template_child_private (widget_class, WbListView, wide_marker);
  gtk_widget_class_bind_template_child_private (widget_class, WbListView, clear_button);
  gtk_widget_class_bind_template_child_private (widget_class, WbListView, count_label);
  gtk_widget_class_bind_template_child_private (widget_class, WbListView, tools_box);
  gtk_widget_class_bind_template_child_private (widget_class, WbListView, open_button);
  gtk_widget_class_bind_template_child_private (widget_class, WbListView, load_progress);
  gtk_widget_class_bind_template_child_private (widget_class, WbListView, list_stack);
  gtk_widget_class_bind_template_child_private (widget_class, WbListView, loading_page);
  gtk_widget_class_bind_template_child_private (widget_class, WbListView, loading_spinner);
  gtk_widget_class_bind_template_child_private (widget_class, WbListView, header_scroller);
  gtk_widget_class_bind_template_child_private (widget_class, WbListView, list_scroller);
  gtk_widget_class_bind_template_child_private (widget_class, WbListView, column_view);
  gtk_widget_class_bind_template_child_private (widget_class, WbListView, rows_view);
  gtk_widget_class_bind_template_child_private (widget_class, WbListView, empty_page);
  gtk_widget_class_bind_template_child_private (widget_class, WbListView, empty_scopes_box);
  gtk_widget_class_bind_template_child_private (widget_class, WbListView, empty_clear_button);
  gtk_widget_class_bind_template_child_private (widget_class, WbListView, none_page);
  gtk_widget_class_bind_template_child_private (widget_class, WbListView, denied_page);
  gtk_widget_class_bind_template_child_private (widget_class, WbListView, error_page);
  gtk_widget_class_bind_template_child_private (widget_class, WbListView, error_retry_button);

  gtk_widget_class_install_action (widget_class, "list.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "list.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "list.sort-by", "s", sort_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "list.export", NULL);
}

static void
wb_list_view_init (WbListView *self)
{
  WbListViewPrivate *priv = PRIV (self);
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));
  priv->filter_widgets = g_ptr_array_new ();
  priv->work_cancellable = g_cancellable_new ();

  priv->slots = wb_slot_model_new (NULL);
  /* The "no match" page stands in for an empty list. */
  wb_slot_model_set_keep_when_empty (priv->slots, TRUE);
  wb_slot_model_set_range_func (priv->slots, visible_range_cb, self);
  g_signal_connect_object (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (priv->rows_view)), "value-changed",
                           G_CALLBACK (on_scrolled_cb), self, 0);
  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (priv->list_scroller), "notify::page-size",
                           G_CALLBACK (on_list_width_cb), self, 0);
  /* The headers and the rows scroll sideways together, whichever the user scrolls. */
  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (priv->list_scroller), "value-changed",
                           G_CALLBACK (on_sideways_cb), self, 0);
  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (priv->header_scroller), "value-changed",
                           G_CALLBACK (on_sideways_cb), self, 0);
  priv->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (priv->slots)));
  gtk_single_selection_set_autoselect (priv->selection, TRUE);
  gtk_single_selection_set_can_unselect (priv->selection, TRUE);
  gtk_list_view_set_model (priv->rows_view, GTK_SELECTION_MODEL (priv->selection));
  /* The headers' own list stays empty. */
  {
    g_autoptr(GtkNoSelection) no_rows = gtk_no_selection_new (G_LIST_MODEL (g_list_store_new (G_TYPE_OBJECT)));

    gtk_column_view_set_model (priv->column_view, GTK_SELECTION_MODEL (no_rows));
  }

  gtk_search_bar_connect_entry (priv->search_bar, GTK_EDITABLE (priv->search_entry));
  /* The next frame shows what was typed (on_search_changed_cb), not the frame after a pause. */
  gtk_search_entry_set_search_delay (priv->search_entry, 0);
  gtk_search_bar_set_key_capture_widget (priv->search_bar, GTK_WIDGET (priv->list_page));
  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_search_key_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (priv->search_entry), keys);
  g_signal_connect (priv->search_entry, "activate", G_CALLBACK (on_search_activate_cb), self);
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_list_key_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (priv->rows_view), keys);

  g_signal_connect (priv->selection, "notify::selected-item", G_CALLBACK (on_selection_changed_cb), self);
  g_signal_connect (priv->search_entry, "search-changed", G_CALLBACK (on_search_changed_cb), self);
  g_signal_connect (priv->search_bar, "notify::search-mode-enabled", G_CALLBACK (on_search_mode_cb), self);
  g_signal_connect (priv->clear_button, "clicked", G_CALLBACK (on_clear_clicked_cb), self);
  g_signal_connect (priv->empty_clear_button, "clicked", G_CALLBACK (on_clear_clicked_cb), self);
  for (WbListScope scope = 0; scope < WB_N_LIST_SCOPES; scope++)
    {
      GtkWidget *label = gtk_label_new (NULL);
      GtkWidget *button = gtk_button_new ();

      /* Long counts and scope names wrap within a 360 px window. */
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
      gtk_button_set_child (GTK_BUTTON (button), label);
      gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "pill");
      gtk_widget_set_visible (button, FALSE);
      g_object_set_data (G_OBJECT (button), SCOPE_KEY, GUINT_TO_POINTER (scope));
      g_signal_connect (button, "clicked", G_CALLBACK (on_empty_scope_clicked_cb), self);
      gtk_box_append (priv->empty_scopes_box, button);
      priv->empty_scope_buttons[scope] = GTK_BUTTON (button);
    }
  g_signal_connect_swapped (priv->error_retry_button, "clicked", G_CALLBACK (wb_list_view_retry), self);
  g_signal_connect (priv->rows_view, "activate", G_CALLBACK (on_activate_cb), self);
  g_signal_connect (priv->leaflet, "notify::visible-child", G_CALLBACK (on_leaflet_child_cb), self);
  g_signal_connect (priv->width_detector, "notify::visible-child", G_CALLBACK (on_width_changed_cb), self);
  wb_a11y_set_label (GTK_WIDGET (priv->filters_button), _("Filters and tools"));
  /* Narrow until it is shown somewhere wide enough (see on_mapped_cb). */
  set_narrow (self, TRUE);
  g_signal_connect (self, "map", G_CALLBACK (on_mapped_cb), NULL);
}

static void
connect_model (WbListView *self)
{
  WbListViewPrivate *priv = PRIV (self);

  wb_slot_model_set_model (priv->slots, G_LIST_MODEL (priv->model));
  wb_list_model_set_sorter (priv->model, gtk_column_view_get_sorter (priv->column_view));
  g_signal_connect (priv->model, "notify::n-shown", G_CALLBACK (on_model_notify_cb), self);
  if (priv->spec->page_beside)
    g_signal_connect_after (priv->model, "items-changed", G_CALLBACK (on_model_items_changed_cb), self);
  g_signal_connect (priv->model, "notify::n-loaded", G_CALLBACK (on_model_notify_cb), self);
  g_signal_connect (priv->model, "notify::filtered", G_CALLBACK (on_model_notify_cb), self);
}

/* Narrow windows (down to 360 px): the filters and the tools do not fit in one row beside
 * the count and the open button, so they move into the popover of a "Filters and tools"
 * button, one under the other; wide, they come back. */
gboolean
wb_list_view_get_narrow (WbListView *self)
{
  g_return_val_if_fail (WB_IS_LIST_VIEW (self), FALSE);
  return gtk_widget_get_visible (GTK_WIDGET (PRIV (self)->filters_button));
}

static void
set_narrow (WbListView *self,
            gboolean    narrow)
{
  WbListViewPrivate *priv = PRIV (self);
  GtkWidget *bar = gtk_widget_get_parent (GTK_WIDGET (priv->filters_button));
  GtkWidget *tools = GTK_WIDGET (priv->tools_box);
  GtkWidget *filters = GTK_WIDGET (priv->filter_box);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  gboolean moves_focus;

  if (narrow == wb_list_view_get_narrow (self))
    return;
  /* The focus does not stay behind on what goes out of sight. */
  moves_focus = focus != NULL &&
                (gtk_widget_is_ancestor (focus, narrow ? filters : GTK_WIDGET (priv->filters_button)) ||
                 (narrow && gtk_widget_is_ancestor (focus, tools)));
  g_object_ref (filters);
  g_object_ref (tools);
  gtk_widget_unparent (filters);
  gtk_widget_unparent (tools);
  wb_wrap_box_set_vertical (priv->filter_box, narrow);
  if (narrow)
    {
      gtk_box_append (priv->narrow_box, filters);
      gtk_box_append (priv->narrow_box, tools);
    }
  else
    {
      gtk_box_insert_child_after (GTK_BOX (bar), filters, GTK_WIDGET (priv->filters_button));
      gtk_box_insert_child_after (GTK_BOX (bar), tools, GTK_WIDGET (priv->count_label));
    }
  g_object_unref (filters);
  g_object_unref (tools);
  gtk_widget_set_visible (GTK_WIDGET (priv->filters_button), narrow);
  /* Narrow, the count takes two lines rather than width. Wide, one: a label that wraps
   * beside the filters' box would be measured at the height of every filter stacked (the
   * height that box gives for any width) and squeezed to a word a line. */
  gtk_label_set_wrap (priv->count_label, narrow);
  /* 360 px hold the filters' button, "clear", the count and "open" side by side. */
  gtk_box_set_spacing (GTK_BOX (bar), narrow ? 6 : 12);
  if (moves_focus && narrow)
    gtk_widget_grab_focus (GTK_WIDGET (priv->filters_button));
  else if (moves_focus && !gtk_widget_child_focus (filters, GTK_DIR_TAB_FORWARD))
    gtk_widget_grab_focus (GTK_WIDGET (priv->rows_view));
}

static void
on_width_changed_cb (AdwSqueezer *detector,
                     GParamSpec  *pspec,
                     WbListView  *self)
{
  GtkWidget *child = adw_squeezer_get_visible_child (detector);

  if (child != NULL)
    set_narrow (self, child != PRIV (self)->wide_marker);
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   WbListView    *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_after_paint_cb, self);
  on_width_changed_cb (PRIV (self)->width_detector, NULL, self);
}

/* Shown again (another view, another sign-in), a list takes the form that the width it is
 * shown in allows before it is measured: in a narrow window it does not first ask for the
 * width of its filters in a row, which made the window that wide for good ("the window
 * will not go below 490 px"). This runs in the frame's update, before its layout (not in
 * "map", where GTK 4.8 must not be given other children). After the frame the width
 * detector has the last word: it says nothing when its answer did not change while the
 * list was away. */
static gboolean
on_shown_tick_cb (GtkWidget     *widget,
                  GdkFrameClock *clock,
                  gpointer       user_data)
{
  WbListView *self = WB_LIST_VIEW (widget);
  WbListViewPrivate *priv = PRIV (self);
  GtkWidget *parent = gtk_widget_get_parent (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  int width = parent != NULL ? gtk_widget_get_width (parent) : 0;
  int wide, height;

  /* Its parent's width, or the window's, or (a window shown for the first time) the width
   * the window asks for. */
  if (width <= 0 && root != NULL)
    width = gtk_widget_get_width (GTK_WIDGET (root));
  if (width <= 0 && GTK_IS_WINDOW (root))
    gtk_window_get_default_size (GTK_WINDOW (root), &width, &height);
  gtk_widget_get_size_request (priv->wide_marker, &wide, &height);
  if (width > 0)
    set_narrow (self, width < wide);
  g_signal_handlers_disconnect_by_func (clock, on_after_paint_cb, self);
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_after_paint_cb), self, 0);
  return G_SOURCE_REMOVE;
}

static void
on_mapped_cb (WbListView *self)
{
  gtk_widget_add_tick_callback (GTK_WIDGET (self), on_shown_tick_cb, NULL, NULL);
}

/* Side by side, the list needs no "open" and the page no "back". */
static void
on_folded_cb (WbListView *self)
{
  WbListViewPrivate *priv = PRIV (self);
  gboolean folded = adw_leaflet_get_folded (priv->leaflet);

  gtk_widget_set_visible (GTK_WIDGET (priv->open_button), folded);
  wb_record_page_set_back_visible (priv->page, folded);
  update_actions (self);
}

/* The record page, made the first time it is needed: a page beside the list at once (it is
 * on screen), one in the list's place when a record is first opened. GTK 4.8 styles,
 * measures and exposes a leaflet's hidden children as it does the one shown, and the clients'
 * profile took eight million instructions to make at every start. */
static WbRecordPage *
ensure_page (WbListView *self)
{
  WbListViewPrivate *priv = PRIV (self);
  gboolean beside = priv->spec->page_beside;

  if (priv->page != NULL)
    return priv->page;
  priv->page = WB_LIST_VIEW_GET_CLASS (self)->create_page (self);
  if (beside)
    {
      /* The list keeps its columns' width (their natural one); the page takes the rest. Where
       * the window is narrower than both, the leaflet folds, and the list takes the window's
       * width down to 360 px: no size request, which would hold the window wider. The page
       * asks for no more than its widest action (they wrap), or the review queue folded at
       * 1200 px, the default window: its page asked for all of its actions in one row. */
      AdwLeafletPage *separator = adw_leaflet_append (priv->leaflet, gtk_separator_new (GTK_ORIENTATION_VERTICAL));

      adw_leaflet_page_set_navigatable (separator, FALSE);
      adw_leaflet_set_can_unfold (priv->leaflet, TRUE);
      adw_leaflet_set_fold_threshold_policy (priv->leaflet, ADW_FOLD_THRESHOLD_POLICY_NATURAL);
      gtk_widget_set_hexpand (priv->list_page, FALSE);
      gtk_widget_set_hexpand (GTK_WIDGET (priv->page), TRUE);
      g_signal_connect_swapped (priv->leaflet, "notify::folded", G_CALLBACK (on_folded_cb), self);
    }
  else
    {
      /* Out of sight until shown (wb_list_view_show_page). */
      gtk_widget_set_visible (GTK_WIDGET (priv->page), FALSE);
    }
  adw_leaflet_append (priv->leaflet, GTK_WIDGET (priv->page));
  g_signal_connect (priv->page, "back", G_CALLBACK (on_page_back_cb), self);
  g_signal_connect (priv->page, "record-changed", G_CALLBACK (on_page_record_changed_cb), self);
  g_signal_connect (priv->page, "backend-error", G_CALLBACK (on_page_error_cb), self);
  g_signal_connect (priv->page, "toast", G_CALLBACK (on_page_toast_cb), self);
  if (priv->session != NULL)
    wb_record_page_set_session (priv->page, priv->session);
  if (beside)
    on_folded_cb (self);
  return priv->page;
}

void
wb_list_view_set_spec (WbListView       *self,
                       const WbListSpec *spec)
{
  WbListViewPrivate *priv;
  const WbListTexts *texts;

  g_return_if_fail (WB_IS_LIST_VIEW (self));
  g_return_if_fail (spec != NULL && spec->texts != NULL && spec->counts != NULL);

  priv = PRIV (self);
  g_return_if_fail (priv->spec == NULL);
  priv->spec = spec;
  texts = spec->texts;

  if (texts->search_label != NULL)
    {
      g_object_set (priv->search_entry, "placeholder-text", _(texts->search_placeholder), NULL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (priv->search_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(texts->search_label), -1);
    }
  else
    {
      /* A list whose TEXT filter is its search: typing on the list does not open a second one. */
      gtk_search_bar_set_key_capture_widget (priv->search_bar, NULL);
      gtk_widget_set_visible (GTK_WIDGET (priv->search_bar), FALSE);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (priv->rows_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _(texts->list_label), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (priv->load_progress), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _(texts->loading_label), -1);
  if (spec->css_class != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (priv->column_view), spec->css_class);
      gtk_widget_add_css_class (GTK_WIDGET (priv->rows_view), spec->css_class);
    }
  /* Its words where they fit, else an arrow (with the words as its tooltip and name): at
   * 360 px "Open Organisation" beside the filters, the count and "clear" made the window
   * wider than 360. A list with its page beside it shows the button only where it is
   * folded, and there the arrow alone: the words made the folded list ask for some 90 px
   * more than the unfolded one, so that a queue narrowed once came back beside its review
   * only some 240 px wider than where it had folded. */
  {
    GtkWidget *squeezer = adw_squeezer_new ();
    GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
    g_autofree char *words = wb_a11y_strip_mnemonic (_(texts->open_label));

    adw_squeezer_set_transition_type (ADW_SQUEEZER (squeezer), ADW_SQUEEZER_TRANSITION_TYPE_NONE);
    adw_squeezer_set_switch_threshold_policy (ADW_SQUEEZER (squeezer), ADW_FOLD_THRESHOLD_POLICY_NATURAL);
    if (!spec->page_beside)
      {
        GtkWidget *label = gtk_label_new_with_mnemonic (_(texts->open_label));

        adw_squeezer_add (ADW_SQUEEZER (squeezer), label);
        gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (priv->open_button));
      }
    adw_squeezer_add (ADW_SQUEEZER (squeezer), arrow);
    gtk_button_set_child (priv->open_button, squeezer);
    gtk_widget_set_tooltip_text (GTK_WIDGET (priv->open_button), words);
  }
  wb_a11y_set_label (GTK_WIDGET (priv->open_button), _(texts->open_accessible));
  adw_status_page_set_title (priv->loading_page, _(texts->loading_title));
  adw_status_page_set_title (priv->empty_page, _(texts->empty_title));
  adw_status_page_set_title (priv->none_page, _(texts->none_title));
  adw_status_page_set_description (priv->none_page, _(texts->none_description));
  adw_status_page_set_icon_name (priv->none_page, texts->none_icon);
  adw_status_page_set_title (priv->error_page, _(texts->error_title));
  if (texts->denied_title != NULL)
    {
      adw_status_page_set_title (priv->denied_page, _(texts->denied_title));
      adw_status_page_set_description (priv->denied_page, _(texts->denied_description));
    }

  build_columns (self);
  build_filters (self);
  priv->model = WB_LIST_VIEW_GET_CLASS (self)->create_model (self, NULL);
  connect_model (self);

  /* A page beside the list is made with it; one in its place, as a record is first opened. */
  if (spec->page_beside)
    ensure_page (self);

  update_state (self);
}

const WbListSpec *
wb_list_view_get_spec (WbListView *self)
{
  g_return_val_if_fail (WB_IS_LIST_VIEW (self), NULL);
  return PRIV (self)->spec;
}

/* A record of the list's resource saved anywhere in the window (a vacancy made from an
 * employer's account, say) takes its place in the list, or joins it. */
static void
on_record_saved_cb (WbSession  *session,
                    WbRecord   *record,
                    WbListView *self)
{
  WbListViewPrivate *priv = PRIV (self);

  /* Before every page has come, a new record may still come with one of them. */
  if (priv->spec->follow_saved && wb_record_get_resource (record) == priv->spec->resource)
    wb_list_model_replace_record (priv->model, record, priv->loaded);
}

/* Rows others changed (spec.follows): read again by id, a hundred a request (the server's
 * most for ids=), with the list's own read, which gives list rows: a client's row is not a
 * full read of the client, so following the feed writes no audit row in this user's name.
 * Each takes its place in the list, so that the selection, the scroll position, the search
 * and the filters stay; a new record that matches them joins; one the server no longer
 * gives (deleted, or moved out of what the list shows, like a decided review) leaves. */
#define FOLLOW_BATCH 100

typedef struct {
  WbListView *self;
  GArray *ids;    /* gint64: what was asked */
} FollowRead;

static void
follow_read_free (FollowRead *read)
{
  g_object_unref (read->self);
  g_array_unref (read->ids);
  g_free (read);
}

static void
on_followed_rows_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  FollowRead *read = user_data;
  WbListView *self = read->self;
  WbListViewPrivate *priv = PRIV (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) records = NULL;
  g_autoptr(GHashTable) found = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint total = 0;
  guint n;
  gpointer selected;
  gint64 selected_id;

  records = WB_LIST_VIEW_GET_CLASS (self)->fetch_finish (self, WB_API_CLIENT (source), result, &total, &error);
  if (records == NULL || priv->model == NULL)
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Changed rows could not be read again: %s", error->message);
      follow_read_free (read);
      return;
    }

  /* The selection is over slots (lines): a row that moved in the order is selected again
   * where it went. */
  selected = wb_list_view_get_selected_row (self);
  selected_id = selected != NULL ? priv->spec->row_id (selected) : 0;
  n = g_list_model_get_n_items (records);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WbRecord) record = g_list_model_get_item (records, i);
      gint64 *id = g_new (gint64, 1);

      *id = wb_record_get_id (record);
      g_hash_table_add (found, id);
      /* While pages still come, a new row comes with one of them. */
      wb_list_model_replace_record (priv->model, record, priv->loaded);
    }
  for (guint i = 0; i < read->ids->len; i++)
    if (!g_hash_table_contains (found, &g_array_index (read->ids, gint64, i)))
      wb_list_model_remove (priv->model, g_array_index (read->ids, gint64, i));
  selected = selected_id != 0 ? wb_list_model_find (priv->model, selected_id) : NULL;
  if (selected != NULL && selected != wb_list_view_get_selected_row (self))
    wb_list_view_select_row (self, selected);
  update_state (self);
  follow_read_free (read);
}

static void
read_rows_again (WbListView   *self,
                 const gint64 *ids,
                 guint         n_ids)
{
  WbListViewPrivate *priv = PRIV (self);
  g_autoptr(GHashTable) filters = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GString) text = g_string_new (NULL);
  FollowRead *read = g_new0 (FollowRead, 1);
  WbApiQuery query = { 0 };

  read->self = g_object_ref (self);
  read->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);
  g_array_append_vals (read->ids, ids, n_ids);
  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", ids[i]);
  g_hash_table_insert (filters, (gpointer) "ids", g_string_free (g_steal_pointer (&text), FALSE));
  query.page = 1;
  query.per_page = n_ids;
  query.filters = filters;
  WB_LIST_VIEW_GET_CLASS (self)->fetch_async (self, wb_session_get_api (priv->session), &query,
                                              priv->work_cancellable, on_followed_rows_cb, read);
}

static gboolean
on_follow_cb (gpointer data)
{
  WbListView *self = data;
  WbListViewPrivate *priv = PRIV (self);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer key;

  priv->follow_id = 0;
  g_hash_table_iter_init (&iter, priv->changed_ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_val (ids, *(gint64 *) key);
  g_hash_table_remove_all (priv->changed_ids);
  if (priv->session == NULL || wb_session_get_api (priv->session) == NULL)
    return G_SOURCE_REMOVE;
  for (guint i = 0; i < ids->len; i += FOLLOW_BATCH)
    read_rows_again (self, &g_array_index (ids, gint64, i), MIN (FOLLOW_BATCH, ids->len - i));
  return G_SOURCE_REMOVE;
}

static void
on_remote_change_cb (WbSession         *session,
                     const WbApiChange *change,
                     WbListView        *self)
{
  WbListViewPrivate *priv = PRIV (self);
  const char *follows = priv->spec->follows;
  gint64 *id;

  if (follows == NULL || priv->model == NULL)
    return;
  id = g_new (gint64, 1);
  if (g_strcmp0 (change->resource, follows) == 0)
    *id = change->id;
  /* A record under a row (a client's event, an employer's contact) changes what the row
   * shows (the last activity, the last contact); under a record the list lacks, nothing. */
  else if (g_strcmp0 (change->parent_resource, follows) == 0 && change->parent_id > 0 &&
           wb_list_model_find (priv->model, change->parent_id) != NULL)
    *id = change->parent_id;
  else
    {
      g_free (id);
      return;
    }
  if (priv->changed_ids == NULL)
    priv->changed_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_hash_table_add (priv->changed_ids, id);
  if (priv->follow_id == 0)
    priv->follow_id = g_timeout_add (300, on_follow_cb, self);
}

void
wb_list_view_set_session (WbListView *self,
                          WbSession  *session)
{
  WbListViewPrivate *priv;

  g_return_if_fail (WB_IS_LIST_VIEW (self));
  g_return_if_fail (session == NULL || WB_IS_SESSION (session));

  priv = PRIV (self);
  if (priv->session != NULL)
    {
      g_signal_handlers_disconnect_by_func (priv->session, on_record_saved_cb, self);
      g_signal_handlers_disconnect_by_func (priv->session, on_remote_change_cb, self);
    }
  g_set_object (&priv->session, session);
  if (session != NULL)
    {
      g_signal_connect_object (session, "record-saved", G_CALLBACK (on_record_saved_cb), self, 0);
      g_signal_connect_object (session, "remote-change", G_CALLBACK (on_remote_change_cb), self, 0);
    }
  g_cancellable_cancel (priv->work_cancellable);
  g_clear_object (&priv->work_cancellable);
  priv->work_cancellable = g_cancellable_new ();

  /* A new model for a new user: rows carry names looked up in the session, "mine" and the
   * policy follow the user. */
  g_cancellable_cancel (priv->load_cancellable);
  g_signal_handlers_disconnect_by_data (priv->model, self);
  begin_refilter (self);
  g_clear_object (&priv->model);
  g_clear_object (&priv->paged_row);
  priv->model = WB_LIST_VIEW_GET_CLASS (self)->create_model (self, session);
  wb_list_model_set_session (priv->model, session);
  connect_model (self);

  reset_filter_widgets (self);
  apply_scope (self);
  for (guint i = 0; i < priv->filter_widgets->len; i++)
    if (priv->spec->filters[i].kind == WB_LIST_FILTER_CHOICE)
      fill_choices (priv->filter_widgets->pdata[i], &priv->spec->filters[i], session);

  if (priv->page != NULL)
    wb_record_page_set_session (priv->page, session);
  adw_leaflet_set_visible_child (priv->leaflet, priv->list_page);
  start_loading (self);
}

WbSession *
wb_list_view_get_session (WbListView *self)
{
  g_return_val_if_fail (WB_IS_LIST_VIEW (self), NULL);
  return PRIV (self)->session;
}

WbListModel *
wb_list_view_get_model (WbListView *self)
{
  g_return_val_if_fail (WB_IS_LIST_VIEW (self), NULL);
  return PRIV (self)->model;
}

WbRecordPage *
wb_list_view_get_page (WbListView *self)
{
  g_return_val_if_fail (WB_IS_LIST_VIEW (self), NULL);
  return ensure_page (self);
}

GtkColumnView *
wb_list_view_get_column_view (WbListView *self)
{
  g_return_val_if_fail (WB_IS_LIST_VIEW (self), NULL);
  return PRIV (self)->column_view;
}

GtkListView *
wb_list_view_get_rows (WbListView *self)
{
  g_return_val_if_fail (WB_IS_LIST_VIEW (self), NULL);
  return PRIV (self)->rows_view;
}

gboolean
wb_list_view_get_loaded (WbListView *self)
{
  g_return_val_if_fail (WB_IS_LIST_VIEW (self), FALSE);
  return PRIV (self)->loaded;
}

void
wb_list_view_set_records (WbListView *self,
                          GListModel *records)
{
  WbListViewPrivate *priv;

  g_return_if_fail (WB_IS_LIST_VIEW (self));
  g_return_if_fail (G_IS_LIST_MODEL (records));

  priv = PRIV (self);
  g_cancellable_cancel (priv->load_cancellable);
  g_clear_object (&priv->load_cancellable);
  cancel_next_page (self);
  if (wb_list_model_get_n_loaded (priv->model) == 0)
    hold_first_rows (self);
  begin_refilter (self);
  wb_list_model_clear (priv->model);
  wb_list_model_append_records (priv->model, records);
  priv->loading = FALSE;
  priv->failed = FALSE;
  priv->denied = FALSE;
  priv->loaded = TRUE;
  end_refilter (self);
  check_empty_caseload (self);
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

GtkWidget *
wb_list_view_get_filter_widget (WbListView *self,
                                guint       index)
{
  g_return_val_if_fail (WB_IS_LIST_VIEW (self), NULL);
  g_return_val_if_fail (index < PRIV (self)->filter_widgets->len, NULL);
  return PRIV (self)->filter_widgets->pdata[index];
}

void
wb_list_view_reload (WbListView *self)
{
  g_return_if_fail (WB_IS_LIST_VIEW (self));

  if (PRIV (self)->session != NULL)
    start_loading (self);
}

void
wb_list_view_retry (WbListView *self)
{
  WbListViewPrivate *priv;

  g_return_if_fail (WB_IS_LIST_VIEW (self));

  priv = PRIV (self);
  if (priv->session == NULL)
    return;
  if (!priv->loaded && !priv->loading && !priv->denied)
    {
      /* Go on where the list stopped; the rows already there stay. */
      priv->failed = FALSE;
      if (priv->load_cancellable == NULL)
        priv->load_cancellable = g_cancellable_new ();
      update_state (self);
      load_page (self);
    }
  if (!wb_list_view_showing_list (self) && priv->page != NULL)
    wb_record_page_reload (priv->page);
}

static void
search (WbListView *self,
        const char *text)
{
  /* A list without a search bar searches with its filters. */
  if (PRIV (self)->spec->texts->search_label == NULL)
    return;

  /* No begin_refilter (): the selection stays on the first slot, which shows the first
   * match; GtkSingleSelection only looks for its item when its slot is taken away. */
  wb_list_model_set_search (PRIV (self)->model, text);
  end_refilter (self);
}

void
wb_list_view_search (WbListView *self,
                     const char *text)
{
  g_return_if_fail (WB_IS_LIST_VIEW (self));

  /* A search typed before this one is not shown after it. */
  cancel_typed_search (self);
  search (self, text);
}

void
wb_list_view_focus_search (WbListView *self)
{
  WbListViewPrivate *priv;

  g_return_if_fail (WB_IS_LIST_VIEW (self));

  priv = PRIV (self);
  adw_leaflet_set_visible_child (priv->leaflet, priv->list_page);
  if (priv->spec->texts->search_label == NULL)
    {
      GtkWidget *filter = text_filter_widget (self);

      if (filter != NULL)
        gtk_widget_grab_focus (filter);
      return;
    }
  gtk_search_bar_set_search_mode (priv->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (priv->search_entry));
}

gpointer
wb_list_view_get_selected_row (WbListView *self)
{
  g_return_val_if_fail (WB_IS_LIST_VIEW (self), NULL);
  return selected_row (self);
}

static guint
position_of (WbListView *self,
             gpointer    row)
{
  GListModel *model = G_LIST_MODEL (PRIV (self)->model);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (item == row)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

gboolean
wb_list_view_select_row (WbListView *self,
                         gpointer    row)
{
  guint position;

  g_return_val_if_fail (WB_IS_LIST_VIEW (self), FALSE);

  position = row != NULL ? position_of (self, row) : GTK_INVALID_LIST_POSITION;
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;
  /* A row past the slots the list has yet (held back, or still to grow): all of them now,
   * or the selection would take the position for none. */
  if (position >= g_list_model_get_n_items (G_LIST_MODEL (PRIV (self)->slots)))
    wb_slot_model_flush (PRIV (self)->slots);
  gtk_single_selection_set_selected (PRIV (self)->selection, position);
  return TRUE;
}

static GtkWidget *
find_cell_of (GtkWidget *widget,
              gpointer   row)
{
  if (g_object_get_data (G_OBJECT (widget), ROW_KEY) == row && gtk_widget_get_mapped (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_cell_of (child, row);

      if (found != NULL)
        return found;
    }
  return NULL;
}

void
wb_list_view_focus_row (WbListView *self,
                        gpointer    row)
{
  WbListViewPrivate *priv;
  guint position;
  GtkWidget *cell, *line;

  g_return_if_fail (WB_IS_LIST_VIEW (self));

  priv = PRIV (self);
  position = row != NULL ? position_of (self, row) : GTK_INVALID_LIST_POSITION;
  /* Every line shows its row before one is looked for. */
  wb_slot_model_flush (priv->slots);
  if (position != GTK_INVALID_LIST_POSITION)
    {
      /* The list of rows scrolls; a line on screen takes the focus itself,
       * which is also where the list's arrows go on from. */
      gtk_widget_activate_action (GTK_WIDGET (priv->rows_view), "list.scroll-to-item", "u", position);
      cell = find_cell_of (GTK_WIDGET (priv->rows_view), row);
      line = cell != NULL ? row_widget_of (cell) : NULL;
      if (line != NULL && gtk_widget_grab_focus (line))
        return;
    }
  gtk_widget_grab_focus (GTK_WIDGET (priv->rows_view));
}

gboolean
wb_list_view_has_unsaved_edits (WbListView *self)
{
  g_return_val_if_fail (WB_IS_LIST_VIEW (self), FALSE);
  return PRIV (self)->page != NULL && wb_record_page_has_unsaved_edits (PRIV (self)->page);
}

void
wb_list_view_present_editor (WbListView *self)
{
  g_return_if_fail (WB_IS_LIST_VIEW (self));
  wb_record_page_present_editor (ensure_page (self));
}

void
wb_list_view_add_tool (WbListView *self,
                       GtkWidget  *tool)
{
  g_return_if_fail (WB_IS_LIST_VIEW (self));
  g_return_if_fail (GTK_IS_WIDGET (tool));

  gtk_box_append (PRIV (self)->tools_box, tool);
}

void
wb_list_view_set_settings (WbListView *self,
                           GSettings  *settings)
{
  g_return_if_fail (WB_IS_LIST_VIEW (self));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  g_set_object (&PRIV (self)->settings, settings);
}

WbListScope
wb_list_view_get_scope (WbListView *self)
{
  WbListViewPrivate *priv;

  g_return_val_if_fail (WB_IS_LIST_VIEW (self), WB_LIST_SCOPE_ALL);

  priv = PRIV (self);
  for (guint i = 0; i < priv->spec->n_filters; i++)
    if (priv->spec->filters[i].kind == WB_LIST_FILTER_SCOPE)
      return wb_list_model_get_scope (priv->model, i);
  return WB_LIST_SCOPE_ALL;
}

void
wb_list_view_set_scope (WbListView  *self,
                        WbListScope  scope)
{
  WbListViewPrivate *priv;

  g_return_if_fail (WB_IS_LIST_VIEW (self));
  g_return_if_fail (scope < WB_N_LIST_SCOPES);

  priv = PRIV (self);
  for (guint i = 0; i < priv->spec->n_filters; i++)
    if (priv->spec->filters[i].kind == WB_LIST_FILTER_SCOPE)
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (scope_button (priv->filter_widgets->pdata[i], scope)), TRUE);
}

GtkWidget *
wb_list_view_get_scope_button (WbListView  *self,
                               WbListScope  scope)
{
  WbListViewPrivate *priv;

  g_return_val_if_fail (WB_IS_LIST_VIEW (self), NULL);
  g_return_val_if_fail (scope < WB_N_LIST_SCOPES, NULL);

  priv = PRIV (self);
  for (guint i = 0; i < priv->spec->n_filters; i++)
    if (priv->spec->filters[i].kind == WB_LIST_FILTER_SCOPE)
      return scope_button (priv->filter_widgets->pdata[i], scope);
  return NULL;
}

/* The button of the "no match" page that shows the same search in the wider @scope (hidden
 * when that scope has no more matches): for tests. */
GtkWidget *
wb_list_view_get_empty_scope_button (WbListView  *self,
                                     WbListScope  scope)
{
  g_return_val_if_fail (WB_IS_LIST_VIEW (self), NULL);
  g_return_val_if_fail (scope < WB_N_LIST_SCOPES, NULL);

  return GTK_WIDGET (PRIV (self)->empty_scope_buttons[scope]);
}
