/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-candidates-panel"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "wb-a11y.h"
#include "wb-api-matching.h"
#include "wb-cards.h"
#include "wb-format.h"
#include "wb-slot-model.h"

#include "wb-candidate-item.h"

#include "wb-candidates-panel.h"

#define COMPACT_LIMIT 5
#define FULL_LIMIT 50
#define SPINNER_DELAY_MS 300
#define ROWS_AT_ONCE 15             /* rows in the list at once; scrolling to its end (or "Show More") adds the next */
#define REST_DELAY_MS 100           /* the rest of a ranking is asked after the next frame, or after this */
#define NARROW_WIDTH 560            /* narrower, a row's name and flags wrap instead of being cut off */

struct _WbCandidatesPanel
{
  GtkWidget parent_instance;

  WbMatchDirection direction;
  WbSession *session;
  gint64 subject_id;
  gboolean compact;

  GtkWidget *heading;
  GtkWidget *count_label;
  GtkWidget *controls;
  GtkSpinButton *max_km;
  GtkToggleButton *pool;
  GtkToggleButton *own;
  GtkToggleButton *near_misses;
  GtkWidget *weights_label;
  GtkWidget *weights_button;
  GtkStack *stack;
  GtkWidget *spinner;
  GtkWidget *scroller;
  GtkListView *list;
  AdwStatusPage *empty_page;
  AdwStatusPage *error_page;
  GtkWidget *show_all_button;
  GtkWidget *more_button;

  GCancellable *cancellable;
  WbApiRanking *ranking;
  char *error_text;
  GListStore *items;              /* WbCandidateItem: the first of the ranking, in the list */
  WbSlotModel *slots;             /* over items: the rows stay, their items change */
  char *weights_text;
  gboolean loading;               /* until the whole ranking (or its failure) is in */
  gboolean shown;                 /* the rows show the ranking asked last (at least its first rows) */
  guint spinner_id;
  GdkFrameClock *rest_clock;      /* painting the first rows, after which the rest is asked */
  guint rest_id;
  gboolean narrow;                /* the rows' texts wrap (NARROW_WIDTH) */
  guint narrow_id;

  /* The weights dialog of a coordinator. */
  char *weights_etag;
  GtkSpinButton *weight_spins[WB_MATCH_N_PARTS];
};

G_DEFINE_FINAL_TYPE (WbCandidatesPanel, wb_candidates_panel, GTK_TYPE_WIDGET)

enum {
  RANKED,
  SHOW_ALL,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void rank (WbCandidatesPanel *self);

static gboolean
for_vacancy (WbCandidatesPanel *self)
{
  return self->direction == WB_MATCH_DIRECTION_CANDIDATES;
}

/* The rows: recycled, each showing whichever item its slot holds */

/* The widgets of one row of the list view, made once (setup) and given another item when
 * the ranking changes, instead of being built again. */
typedef struct {
  AdwExpanderRow *row;
  GtkWidget *score_label;
  WbScoreBar *bar;
  GtkWidget *why;
  WbCandidateItem *item;          /* the item shown */
  GtkWidget *detail;              /* the item's explanation while this row holds it */
} Row;

#define ROW_KEY "wb-candidates-row"

static void on_item_expanded_cb (WbCandidateItem *item,
                                 GParamSpec      *pspec,
                                 Row             *row);

/* Gives the explanation this row holds back to its item. */
static void
row_release_detail (Row *row)
{
  if (row->detail == NULL)
    return;
  adw_expander_row_remove (row->row, row->detail);
  g_object_set_data (G_OBJECT (row->detail), ROW_KEY, NULL);
  row->detail = NULL;
}

static void
row_hold_detail (Row *row)
{
  GtkWidget *detail = wb_candidate_item_ensure_detail (row->item);
  Row *holder = g_object_get_data (G_OBJECT (detail), ROW_KEY);

  if (holder == row)
    return;
  /* A row recycled since still held it. */
  if (holder != NULL)
    row_release_detail (holder);
  row_release_detail (row);
  adw_expander_row_add_row (row->row, detail);
  g_object_set_data (G_OBJECT (detail), ROW_KEY, row);
  row->detail = detail;
}

static void
row_free (gpointer data)
{
  Row *row = data;

  if (row->detail != NULL)
    g_object_set_data (G_OBJECT (row->detail), ROW_KEY, NULL);
  if (row->item != NULL)
    g_signal_handlers_disconnect_by_func (row->item, on_item_expanded_cb, row);
  g_clear_object (&row->item);
  g_free (row);
}

static void
on_item_expanded_cb (WbCandidateItem *item,
                     GParamSpec      *pspec,
                     Row             *row)
{
  gboolean expanded = wb_candidate_item_get_expanded (item);

  /* The explanation is made the first time it is opened. */
  if (expanded)
    row_hold_detail (row);
  if (adw_expander_row_get_expanded (row->row) != expanded)
    adw_expander_row_set_expanded (row->row, expanded);
}

static void
on_row_expanded_cb (AdwExpanderRow *expander,
                    GParamSpec     *pspec,
                    Row            *row)
{
  if (row->item != NULL)
    wb_candidate_item_set_expanded (row->item, adw_expander_row_get_expanded (expander));
}

static void
on_why_clicked_cb (AdwExpanderRow *row)
{
  adw_expander_row_set_expanded (row, !adw_expander_row_get_expanded (row));
}

/* The title and subtitle on one line each, ellipsized (the whole text is in the tooltip, the
 * accessible name and the explanation): a label that wraps is measured again for every
 * width it is offered, and a ranking's rows are all measured at once. */
static void
unwrap_labels (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) &&
          (gtk_widget_has_css_class (child, "title") || gtk_widget_has_css_class (child, "subtitle")))
        {
          gtk_label_set_wrap (GTK_LABEL (child), FALSE);
          gtk_label_set_ellipsize (GTK_LABEL (child), PANGO_ELLIPSIZE_END);
        }
      unwrap_labels (child);
    }
}

static GtkWidget *
find_header (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ADW_IS_ACTION_ROW (child) ? child : find_header (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The line of the list view around a row says its name (bind_row). The expander row inside
 * it and the expander's header row, which its title labels, would each say it again, one
 * after the other as the focus moves in. The expander is a group without a name (an empty
 * one, which the names given to unnamed rows leave alone); the header, where Tab goes, says
 * what the subtitle shows instead of the title (bind_row). */
static void
name_once (GtkWidget *expander)
{
  GtkWidget *header = find_header (expander);

  gtk_accessible_update_property (GTK_ACCESSIBLE (expander), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  if (header != NULL)
    {
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (header), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (header), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY);
    }
}

/* Narrow, a row's title and subtitle wrap (and the small bar beside the score, which the
 * explanation shows large, makes room for them); wide, they stay on one line each. */
static void
row_set_narrow (Row      *row,
                gboolean  narrow)
{
  g_autoptr(GPtrArray) todo = g_ptr_array_new ();

  g_ptr_array_add (todo, row->row);
  while (todo->len > 0)
    {
      GtkWidget *widget = g_ptr_array_steal_index_fast (todo, todo->len - 1);

      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          if (GTK_IS_LABEL (child) &&
              (gtk_widget_has_css_class (child, "title") || gtk_widget_has_css_class (child, "subtitle")))
            {
              gtk_label_set_wrap (GTK_LABEL (child), narrow);
              gtk_label_set_wrap_mode (GTK_LABEL (child), PANGO_WRAP_WORD_CHAR);
              gtk_label_set_ellipsize (GTK_LABEL (child), narrow ? PANGO_ELLIPSIZE_NONE : PANGO_ELLIPSIZE_END);
            }
          /* Not into the explanation: its labels wrap always. */
          else if (!GTK_IS_LIST_BOX (child) || gtk_widget_get_ancestor (child, GTK_TYPE_REVEALER) == NULL)
            g_ptr_array_add (todo, child);
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (row->bar), !narrow);
}

static void
on_setup_row_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 WbCandidatesPanel        *self)
{
  Row *row = g_new0 (Row, 1);
  GtkWidget *expander = g_object_new (ADW_TYPE_EXPANDER_ROW, "accessible-role", GTK_ACCESSIBLE_ROLE_GROUP, NULL);
  GtkWidget *suffix;

  row->row = ADW_EXPANDER_ROW (expander);
  gtk_widget_add_css_class (expander, "wb-ranked-row");
  unwrap_labels (expander);
  name_once (expander);

  /* The score, as a number and as a bar. */
  suffix = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_widget_set_valign (suffix, GTK_ALIGN_CENTER);
  row->score_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (row->score_label, "numeric");
  gtk_widget_add_css_class (row->score_label, "heading");
  /* The bar below says the score in words; the number is for the eye. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (row->score_label), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  row->bar = wb_score_bar_new ();
  gtk_widget_set_size_request (GTK_WIDGET (row->bar), 80, -1);
  gtk_box_append (GTK_BOX (suffix), row->score_label);
  gtk_box_append (GTK_BOX (suffix), GTK_WIDGET (row->bar));
  /* "Why?" opens the explanation: a button is what a pointer, and assistive technology,
   * can press; the keyboard opens the row itself. */
  row->why = wb_a11y_button_new_with_mnemonic (_("Why?"));
  gtk_widget_add_css_class (row->why, "flat");
  gtk_widget_set_tooltip_text (row->why, _("The reasons, to read out loud"));
  g_signal_connect_swapped (row->why, "clicked", G_CALLBACK (on_why_clicked_cb), expander);
  gtk_box_append (GTK_BOX (suffix), row->why);
  adw_expander_row_add_action (row->row, suffix);

  if (self->narrow)
    row_set_narrow (row, TRUE);

  g_signal_connect (expander, "notify::expanded", G_CALLBACK (on_row_expanded_cb), row);
  g_object_set_data_full (G_OBJECT (expander), ROW_KEY, row, row_free);
  gtk_list_item_set_child (list_item, expander);
}

/* Shows @item in the row of @list_item: only the texts that differ are set again, so a row
 * that keeps its candidate measures nothing new. */
static void
bind_row (GtkListItem *list_item,
          gpointer     data,
          gpointer     user_data)
{
  WbCandidateItem *item = data;
  Row *row = g_object_get_data (G_OBJECT (gtk_list_item_get_child (list_item)), ROW_KEY);
  WbApiRankedMatch *match = wb_candidate_item_get_match (item);
  const char *name = wb_candidate_item_get_name (item);
  g_autofree char *title = g_markup_escape_text (wb_candidate_item_get_text (item, "title"), -1);
  g_autofree char *subtitle = g_markup_escape_text (wb_candidate_item_get_text (item, "subtitle"), -1);
  g_autofree char *score = wb_score_format_points (match->score);
  /* TRANSLATORS: the spoken name of the score bar in a ranked item's row */
  g_autofree char *bar_name = g_strdup_printf (_("Score of %s"), name);
  /* TRANSLATORS: the spoken name of the button that opens a ranked item's explanation */
  g_autofree char *why_name = g_strdup_printf (_("Why %s is on the list"), name);

  if (row->item == item)
    return;
  if (row->item != NULL)
    g_signal_handlers_disconnect_by_func (row->item, on_item_expanded_cb, row);
  row_release_detail (row);
  g_set_object (&row->item, item);

  if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row->row)), title) != 0)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row), title);
  /* The list view's own row around it is a list item too: it says whom it holds. */
  if (gtk_widget_get_parent (GTK_WIDGET (row->row)) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (GTK_WIDGET (row->row))),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, wb_candidate_item_get_text (item, "title"), -1);
  if (g_strcmp0 (adw_expander_row_get_subtitle (row->row), subtitle) != 0)
    {
      GtkWidget *header = find_header (GTK_WIDGET (row->row));

      adw_expander_row_set_subtitle (row->row, subtitle);
      gtk_widget_set_tooltip_text (GTK_WIDGET (row->row), wb_candidate_item_get_text (item, "subtitle"));
      if (header != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (header), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        wb_candidate_item_get_text (item, "subtitle"), -1);
    }
  if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (row->score_label)), score) != 0)
    gtk_label_set_text (GTK_LABEL (row->score_label), score);
  wb_score_bar_set_match (row->bar, match);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->bar), GTK_ACCESSIBLE_PROPERTY_LABEL, bar_name, -1);
  wb_a11y_set_label (row->why, why_name);

  /* What the user opened stays open, on whichever row shows it. */
  g_signal_handlers_block_by_func (row->row, on_row_expanded_cb, row);
  if (wb_candidate_item_get_expanded (item))
    row_hold_detail (row);
  adw_expander_row_set_expanded (row->row, wb_candidate_item_get_expanded (item));
  g_signal_handlers_unblock_by_func (row->row, on_row_expanded_cb, row);
  g_signal_connect (item, "notify::expanded", G_CALLBACK (on_item_expanded_cb), row);
}

/* The row showing the item at @position, when one does. */
static Row *
find_row (WbCandidatesPanel *self,
          guint              position)
{
  g_autoptr(WbCandidateItem) item = NULL;

  if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->items)))
    return NULL;
  item = g_list_model_get_item (G_LIST_MODEL (self->items), position);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *widget = gtk_widget_get_first_child (child);
      Row *row = widget != NULL ? g_object_get_data (G_OBJECT (widget), ROW_KEY) : NULL;

      if (row != NULL && row->item == item)
        return row;
    }
  return NULL;
}

static void
on_row_activated_cb (GtkListView       *list,
                     guint              position,
                     WbCandidatesPanel *self)
{
  g_autoptr(WbCandidateItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), position);

  if (item != NULL)
    wb_candidate_item_set_expanded (item, !wb_candidate_item_get_expanded (item));
}

/* Showing a ranking */

static char *
weights_text (WbApiMatchWeights *weights)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (weights->region == NULL)
    g_string_append (text, _("Weights used: the defaults."));
  else if (weights->is_default)
    /* TRANSLATORS: which weights a ranking used: a region without weights of its own */
    g_string_append_printf (text, _("Weights used: %s, the defaults."), weights->region);
  else
    /* TRANSLATORS: which weights a ranking used: those a coordinator set for the region, and their version */
    g_string_append_printf (text, _("Weights used: %s, version %d."), weights->region, (int) weights->version);
  for (guint i = 0; i < WB_MATCH_N_PARTS; i++)
    {
      g_autofree char *value = wb_score_format_points (weights->weights.part[i]);

      g_string_append_printf (text, "%s%s %s", i == 0 ? " " : ", ", wb_match_part_label (i), value);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
clear_rows (WbCandidatesPanel *self)
{
  if (self->items != NULL)
    g_list_store_remove_all (self->items);
  if (self->more_button != NULL)
    gtk_widget_set_visible (self->more_button, FALSE);
}

static gboolean
show_spinner_cb (gpointer data)
{
  WbCandidatesPanel *self = data;

  self->spinner_id = 0;
  gtk_widget_set_visible (self->spinner, TRUE);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), TRUE);
  return G_SOURCE_REMOVE;
}

/* The spinner only for a ranking that takes a while: one that spins a frame at a time for
 * a ranking of a few milliseconds draws more than the ranking it waits for. */
static void
set_spinning (WbCandidatesPanel *self,
              gboolean           spinning)
{
  g_clear_handle_id (&self->spinner_id, g_source_remove);
  if (spinning && !gtk_widget_get_visible (self->spinner))
    self->spinner_id = g_timeout_add (SPINNER_DELAY_MS, show_spinner_cb, self);
  else if (!spinning)
    {
      gtk_widget_set_visible (self->spinner, FALSE);
      gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), FALSE);
    }
}

static void
set_loading (WbCandidatesPanel *self,
             gboolean           loading)
{
  self->loading = loading;
  set_spinning (self, loading);
}

static gboolean
any_control_on (WbCandidatesPanel *self)
{
  return gtk_spin_button_get_value (self->max_km) > 0 || gtk_toggle_button_get_active (self->pool) ||
         gtk_toggle_button_get_active (self->own) || gtk_toggle_button_get_active (self->near_misses);
}

static guint
n_rows (WbCandidatesPanel *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->items));
}

/* The next rows of the ranking, a few at a time: what is in the list at once stays quick
 * (GTK 4.8's list view keeps a row for up to 200 items, seen or not). */
static void
append_rows (WbCandidatesPanel *self)
{
  guint n = self->ranking != NULL ? self->ranking->items->len : 0;
  guint first = n_rows (self);
  guint end = MIN (n, first + ROWS_AT_ONCE);
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = first; i < end; i++)
    g_ptr_array_add (added, wb_candidate_item_new (g_ptr_array_index (self->ranking->items, i), self->direction));
  g_list_store_splice (self->items, first, 0, added->pdata, added->len);
  gtk_widget_set_visible (self->more_button, !self->compact && n_rows (self) < n);
}

static void
on_more_clicked_cb (WbCandidatesPanel *self)
{
  guint first = n_rows (self);

  append_rows (self);
  /* The keyboard goes on where the new rows start. */
  if (first < n_rows (self))
    {
      Row *row;

      gtk_widget_activate_action (GTK_WIDGET (self->list), "list.scroll-to-item", "u", first);
      row = find_row (self, first);
      if (row != NULL)
        gtk_widget_grab_focus (GTK_WIDGET (row->row));
    }
}

/* Scrolled to the end of the list: the next rows join it. */
static void
on_edge_reached_cb (GtkScrolledWindow *scroller,
                    GtkPositionType    position,
                    WbCandidatesPanel *self)
{
  if (position == GTK_POS_BOTTOM && !self->compact && self->ranking != NULL &&
      n_rows (self) < self->ranking->items->len)
    append_rows (self);
}

/* The rows of a new ranking: as many as were shown (at least the first few), each item that
 * is ranked again keeping what the user opened. The rows stay; the slots give them their new
 * items. */
static void
replace_rows (WbCandidatesPanel *self)
{
  guint n = self->ranking->items->len;
  guint old = n_rows (self);
  guint end = MIN (n, MAX (ROWS_AT_ONCE, old));
  g_autoptr(GHashTable) expanded = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), old);
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < old; i++)
    {
      g_autoptr(WbCandidateItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      if (wb_candidate_item_get_expanded (item))
        {
          gint64 id = wb_candidate_item_get_id (item);

          g_array_append_val (ids, id);
          g_hash_table_add (expanded, &g_array_index (ids, gint64, ids->len - 1));
        }
    }
  for (guint i = 0; i < end; i++)
    {
      WbCandidateItem *item = wb_candidate_item_new (g_ptr_array_index (self->ranking->items, i), self->direction);
      gint64 id = wb_candidate_item_get_id (item);

      if (g_hash_table_contains (expanded, &id))
        wb_candidate_item_set_expanded (item, TRUE);
      g_ptr_array_add (added, item);
    }
  g_list_store_splice (self->items, 0, old, added->pdata, added->len);
  gtk_widget_set_visible (self->more_button, !self->compact && n_rows (self) < n);
}

/* Whether the rows show the first items of @ranking already: the same candidates, ranks and
 * scores. */
static gboolean
rows_show (WbCandidatesPanel *self,
           WbApiRanking      *ranking)
{
  guint n = n_rows (self);

  if (n > ranking->items->len)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WbCandidateItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);
      WbApiRankedMatch *shown = wb_candidate_item_get_match (item);
      WbApiRankedMatch *match = g_ptr_array_index (ranking->items, i);

      if (shown->client_id != match->client_id || shown->vacancy_id != match->vacancy_id ||
          shown->rank != match->rank || shown->score != match->score)
        return FALSE;
    }
  return TRUE;
}

/* Shows self->ranking; with @keep_rows, the rows there are already show its first items. */
static void
show_ranking (WbCandidatesPanel *self,
              gboolean           keep_rows)
{
  WbApiRanking *ranking = self->ranking;
  g_autofree char *count = NULL;

  if (keep_rows)
    gtk_widget_set_visible (self->more_button, !self->compact && n_rows (self) < ranking->items->len);
  else
    replace_rows (self);

  g_clear_pointer (&self->weights_text, g_free);
  self->weights_text = weights_text (&ranking->weights);
  gtk_label_set_text (GTK_LABEL (self->weights_label), self->weights_text);

  if (for_vacancy (self))
    /* TRANSLATORS: above the ranked candidates: how many are shown, of how many the engine holds */
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The best %u of %u candidate considered",
                                          "The best %u of %u candidates considered", ranking->considered),
                             ranking->items->len, ranking->considered);
  else
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The best %u of %u open vacancy considered",
                                          "The best %u of %u open vacancies considered", ranking->considered),
                             ranking->items->len, ranking->considered);
  gtk_label_set_text (GTK_LABEL (self->count_label), count);

  if (ranking->items->len > 0)
    gtk_stack_set_visible_child_name (self->stack, "list");
  else
    {
      if (any_control_on (self))
        {
          adw_status_page_set_title (self->empty_page, for_vacancy (self) ? _("No candidates with these controls") :
                                     _("No vacancies with these controls"));
          adw_status_page_set_description (self->empty_page, _("Switch a control off, or allow a greater distance, "
                                                               "to see more."));
        }
      else
        {
          adw_status_page_set_title (self->empty_page, for_vacancy (self) ? _("No candidates") :
                                     _("No suitable vacancies"));
          adw_status_page_set_description (self->empty_page, for_vacancy (self) ?
                                           _("No active client can be ranked for this vacancy. Add the competences "
                                             "the work asks, then look again.") :
                                           _("No open vacancy can be ranked for this client now. Bring the "
                                             "client's competences up to date, then look again."));
        }
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
}

static void
show_error (WbCandidatesPanel *self,
            const GError      *error)
{
  g_clear_pointer (&self->error_text, g_free);
  clear_rows (self);
  if (g_error_matches (error, WB_API_ERROR, SOUP_STATUS_FORBIDDEN))
    self->error_text = g_strdup (for_vacancy (self) ?
                                 _("Your role may not see the candidates of a vacancy. Ask a coordinator if you need "
                                   "them.") :
                                 _("Your role may not see the vacancies suitable for a client. Ask a coordinator if "
                                   "you need them."));
  else if (g_error_matches (error, WB_API_ERROR, SOUP_STATUS_CONFLICT))
    self->error_text = g_strdup (_("This client is no longer active, so no vacancies are ranked for them."));
  else if (g_error_matches (error, WB_API_ERROR, WB_API_ERROR_NETWORK))
    /* TRANSLATORS: %s is the error from the network */
    self->error_text = g_strdup_printf (_("The server could not be reached (%s). Check the connection, then try "
                                          "again."), error->message);
  else
    /* TRANSLATORS: %s is the server's explanation */
    self->error_text = g_strdup_printf (_("The ranking failed: %s. Try again; if it fails again, tell your "
                                          "administrator."), error->message);
  adw_status_page_set_description (self->error_page, self->error_text);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

/* The most a ranking holds, and how many of them are asked first: the rows the list shows at
 * once. The rest follows once those are on screen. */
static guint
full_limit (WbCandidatesPanel *self)
{
  return self->compact ? COMPACT_LIMIT : FULL_LIMIT;
}

static guint
first_limit (WbCandidatesPanel *self)
{
  return MIN (ROWS_AT_ONCE, full_limit (self));
}

static void
cancel_rest (WbCandidatesPanel *self)
{
  g_clear_handle_id (&self->rest_id, g_source_remove);
  if (self->rest_clock != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->rest_clock, self);
      g_clear_object (&self->rest_clock);
    }
}

/* An answer, parsed, or NULL with @error (which is NULL for a cancelled request). */
static WbApiRanking *
finish_ranking (WbCandidatesPanel  *self,
                GObject            *source,
                GAsyncResult       *result,
                GError            **error)
{
  return wb_api_client_fetch_ranking_finish (WB_API_CLIENT (source), result, error);
}

/* The request goes out, and its answer is read and parsed, on a thread of its own: it does
 * not wait for the page's first frame (its layout and paint) on the main loop, and is there
 * to be shown when that is done, or before it. */
static void
request_ranking (WbCandidatesPanel   *self,
                 guint                limit,
                 GAsyncReadyCallback  callback)
{
  WbApiRankQuery query;

  wb_candidates_panel_get_query (self, &query);
  query.limit = limit;
  wb_api_client_fetch_ranking_async (wb_session_get_api (self->session), for_vacancy (self), self->subject_id, &query,
                                     self->cancellable, callback, g_object_ref (self));
}

static void
on_rest_ranked_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(WbCandidatesPanel) self = user_data;
  g_autoptr(GError) error = NULL;
  WbApiRanking *ranking = finish_ranking (self, source, result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_loading (self, FALSE);
  if (ranking == NULL)
    {
      /* The first rows stay: they are right, only the rest is not there. */
      g_debug ("The rest of the ranking could not be read: %s", error->message);
    }
  else
    {
      /* The rows on screen stay as they are when the whole ranking starts with them (it does
       * unless a write came in between). */
      gboolean keep_rows = rows_show (self, ranking);

      g_clear_pointer (&self->ranking, wb_api_ranking_unref);
      self->ranking = ranking;
      show_ranking (self, keep_rows);
    }
  g_signal_emit (self, signals[RANKED], 0);
}

static void
request_rest_now (WbCandidatesPanel *self)
{
  cancel_rest (self);
  request_ranking (self, full_limit (self), on_rest_ranked_cb);
}

static gboolean
request_rest_cb (gpointer data)
{
  WbCandidatesPanel *self = data;

  self->rest_id = 0;
  request_rest_now (self);
  return G_SOURCE_REMOVE;
}

static void
on_first_rows_painted_cb (GdkFrameClock     *clock,
                          WbCandidatesPanel *self)
{
  request_rest_now (self);
}

/* The rest of the ranking is asked once the first rows are painted: reading and parsing it
 * then does not hold them up. A window that paints no frame (hidden, or not there) waits
 * REST_DELAY_MS at most. */
static void
request_rest (WbCandidatesPanel *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  cancel_rest (self);
  if (clock == NULL)
    {
      request_rest_now (self);
      return;
    }
  self->rest_clock = g_object_ref (clock);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_first_rows_painted_cb), self);
  self->rest_id = g_timeout_add (REST_DELAY_MS, request_rest_cb, self);
}

static void
on_ranked_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(WbCandidatesPanel) self = user_data;
  g_autoptr(GError) error = NULL;
  WbApiRanking *ranking = finish_ranking (self, source, result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_loading (self, FALSE);
  g_clear_pointer (&self->ranking, wb_api_ranking_unref);
  self->shown = TRUE;
  if (ranking == NULL)
    show_error (self, error);
  else
    {
      g_clear_pointer (&self->error_text, g_free);
      self->ranking = ranking;
      show_ranking (self, FALSE);
      /* As many as were asked: there may be more. */
      if (ranking->items->len >= first_limit (self) && first_limit (self) < full_limit (self))
        {
          self->loading = TRUE;
          request_rest (self);
        }
    }
  g_signal_emit (self, signals[RANKED], 0);
}

static void
rank (WbCandidatesPanel *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  cancel_rest (self);
  self->shown = FALSE;
  if (self->session == NULL || wb_session_get_api (self->session) == NULL || self->subject_id <= 0)
    {
      clear_rows (self);
      g_clear_pointer (&self->ranking, wb_api_ranking_unref);
      set_loading (self, FALSE);
      return;
    }

  self->cancellable = g_cancellable_new ();
  set_loading (self, TRUE);
  if (self->ranking == NULL && self->error_text == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  request_ranking (self, first_limit (self), on_ranked_cb);
}

static void
on_control_changed_cb (WbCandidatesPanel *self)
{
  rank (self);
}

static gboolean
on_max_km_output_cb (GtkSpinButton *spin,
                     gpointer       user_data)
{
  double value = gtk_spin_button_get_value (spin);
  g_autofree char *text = NULL;

  if (value <= 0)
    text = g_strdup (_("Any"));
  else
    text = g_strdup_printf ("%.0f", value);
  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static int
on_max_km_input_cb (GtkSpinButton *spin,
                    double        *value,
                    gpointer       user_data)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  char *end = NULL;
  double parsed;

  if (g_utf8_collate (text, _("Any")) == 0 || *text == '\0')
    {
      *value = 0;
      return TRUE;
    }
  parsed = g_ascii_strtod (text, &end);
  if (end == text)
    return GTK_INPUT_ERROR;
  *value = parsed;
  return TRUE;
}

static void
on_retry_clicked_cb (WbCandidatesPanel *self)
{
  g_clear_pointer (&self->error_text, g_free);
  rank (self);
}

static void
on_show_all_clicked_cb (WbCandidatesPanel *self)
{
  g_signal_emit (self, signals[SHOW_ALL], 0);
}

/* The weights of a coordinator */

static void
on_weights_saved_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(WbCandidatesPanel) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = wb_api_client_set_match_weights_finish (WB_API_CLIENT (source), result, NULL,
                                                                         &error);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  if (answer != NULL)
    {
      rank (self);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("The weights were not saved"),
                                   g_error_matches (error, WB_API_ERROR, SOUP_STATUS_PRECONDITION_FAILED) ?
                                   _("Someone else changed the region's weights in the meantime. Open the weights "
                                     "again to see theirs, then make your change once more.") :
                                   error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_weights_response_cb (AdwMessageDialog  *dialog,
                        const char        *response,
                        WbCandidatesPanel *self)
{
  g_autoptr(JsonObject) weights = NULL;

  if (g_strcmp0 (response, "save") != 0 || self->ranking == NULL || self->ranking->weights.region == NULL)
    return;
  weights = json_object_new ();
  for (guint i = 0; i < WB_MATCH_N_PARTS; i++)
    json_object_set_double_member (weights, wb_match_part_to_string (i),
                                   gtk_spin_button_get_value (self->weight_spins[i]));
  wb_api_client_set_match_weights_async (wb_session_get_api (self->session), self->ranking->weights.region,
                                         self->weights_etag, weights, self->cancellable, on_weights_saved_cb,
                                         g_object_ref (self));
}

static void
on_weights_loaded_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(WbCandidatesPanel) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL;
  g_autoptr(JsonObject) answer = wb_api_client_get_match_weights_finish (WB_API_CLIENT (source), result, &etag,
                                                                         &error);
  WbApiMatchWeights weights = { 0 };
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog, *grid;
  g_autofree char *body = NULL;

  if (answer == NULL || !wb_api_match_weights_parse (answer, &weights, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error);
      return;
    }
  g_free (self->weights_etag);
  self->weights_etag = g_steal_pointer (&etag);

  /* TRANSLATORS: %s is a region such as Parkstad */
  body = g_strdup_printf (_("How much each part counts in the scores of %s, from 0 to 1. Every ranking and proposal "
                            "in the region uses them from the next request on; the change is recorded in the "
                            "audit."), weights.region != NULL ? weights.region : "?");
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Weights of the Region"), body);
  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  for (guint i = 0; i < WB_MATCH_N_PARTS; i++)
    {
      GtkWidget *label = gtk_label_new (wb_match_part_label (i));
      GtkWidget *spin = gtk_spin_button_new_with_range (0, 1, 0.05);
      g_autofree char *spoken = NULL;

      gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 2);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), weights.weights.part[i]);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_mnemonic_widget (GTK_LABEL (label), spin);
      /* TRANSLATORS: the spoken name of the spin button of a part's weight */
      spoken = g_strdup_printf (_("Weight of %s"), wb_match_part_label (i));
      wb_a11y_set_label (spin, spoken);
      gtk_grid_attach (GTK_GRID (grid), label, 0, (int) i, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), spin, 1, (int) i, 1, 1);
      self->weight_spins[i] = GTK_SPIN_BUTTON (spin);
    }
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), grid);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_weights_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  wb_api_match_weights_clear (&weights);
}

static void
on_weights_clicked_cb (WbCandidatesPanel *self)
{
  if (self->session == NULL || self->ranking == NULL || self->ranking->weights.region == NULL)
    return;
  wb_api_client_get_match_weights_async (wb_session_get_api (self->session), self->ranking->weights.region,
                                         self->cancellable, on_weights_loaded_cb, g_object_ref (self));
}

/* Overrides */

static void
update_visibility (WbCandidatesPanel *self)
{
  gboolean coordinator = self->session != NULL && wb_session_get_role (self->session) == WB_ROLE_COORDINATOR;

  gtk_widget_set_visible (self->controls, !self->compact);
  gtk_widget_set_visible (self->weights_label, !self->compact);
  gtk_widget_set_visible (self->weights_button, !self->compact && coordinator);
  gtk_widget_set_visible (self->show_all_button, self->compact);
  if (self->compact)
    gtk_widget_set_visible (self->more_button, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->pool), for_vacancy (self));
  gtk_widget_set_visible (self->heading, !self->compact);
}

static gboolean
apply_narrow_cb (gpointer data)
{
  WbCandidatesPanel *self = data;
  gboolean narrow = gtk_widget_get_width (GTK_WIDGET (self)) < NARROW_WIDTH;

  self->narrow_id = 0;
  if (narrow == self->narrow || self->list == NULL)
    return G_SOURCE_REMOVE;
  self->narrow = narrow;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *widget = gtk_widget_get_first_child (child);
      Row *row = widget != NULL ? g_object_get_data (G_OBJECT (widget), ROW_KEY) : NULL;

      if (row != NULL)
        row_set_narrow (row, narrow);
    }
  return G_SOURCE_REMOVE;
}

/* The rows follow the width once a frame laid the window out, not in the middle of it (that
 * would measure them again while they are allocated). The panel's box layout allocates it
 * without the widget's size_allocate. */
static void
on_laid_out_cb (GdkFrameClock     *clock,
                WbCandidatesPanel *self)
{
  if ((gtk_widget_get_width (GTK_WIDGET (self)) < NARROW_WIDTH) != self->narrow && self->narrow_id == 0)
    self->narrow_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, apply_narrow_cb, self, NULL);
}

static void
wb_candidates_panel_realize (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (wb_candidates_panel_parent_class)->realize (widget);
  g_signal_connect_after (gtk_widget_get_frame_clock (widget), "layout", G_CALLBACK (on_laid_out_cb), widget);
}

static void
wb_candidates_panel_unrealize (GtkWidget *widget)
{
  g_signal_handlers_disconnect_by_func (gtk_widget_get_frame_clock (widget), on_laid_out_cb, widget);
  GTK_WIDGET_CLASS (wb_candidates_panel_parent_class)->unrealize (widget);
}

static void
wb_candidates_panel_dispose (GObject *object)
{
  WbCandidatesPanel *self = WB_CANDIDATES_PANEL (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->spinner_id, g_source_remove);
  g_clear_handle_id (&self->narrow_id, g_source_remove);
  cancel_rest (self);
  self->list = NULL;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->session);
  g_clear_pointer (&self->ranking, wb_api_ranking_unref);
  g_clear_object (&self->slots);
  g_clear_object (&self->items);
  G_OBJECT_CLASS (wb_candidates_panel_parent_class)->dispose (object);
}

static void
wb_candidates_panel_finalize (GObject *object)
{
  WbCandidatesPanel *self = WB_CANDIDATES_PANEL (object);

  g_free (self->error_text);
  g_free (self->weights_text);
  g_free (self->weights_etag);
  G_OBJECT_CLASS (wb_candidates_panel_parent_class)->finalize (object);
}

static void
wb_candidates_panel_class_init (WbCandidatesPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wb_candidates_panel_dispose;
  object_class->finalize = wb_candidates_panel_finalize;
  widget_class->realize = wb_candidates_panel_realize;
  widget_class->unrealize = wb_candidates_panel_unrealize;

  signals[RANKED] = g_signal_new ("ranked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 0);
  signals[SHOW_ALL] = g_signal_new ("show-all", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "wbcandidatespanel");
}

static GtkWidget *
toggle_new (WbCandidatesPanel *self,
            const char        *label,
            const char        *tooltip)
{
  GtkWidget *toggle = gtk_toggle_button_new_with_mnemonic (label);
  g_autofree char *spoken = wb_a11y_strip_mnemonic (label);

  wb_a11y_set_label (toggle, spoken);
  gtk_widget_set_tooltip_text (toggle, tooltip);
  g_signal_connect_swapped (toggle, "toggled", G_CALLBACK (on_control_changed_cb), self);
  return toggle;
}

static void
build (WbCandidatesPanel *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkWidget *header, *distance_box, *distance_label, *retry, *loading, *weights_box;
  GtkListItemFactory *factory;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (widget)), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (widget)), 8);

  /* The heading and the count. */
  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  self->heading = gtk_label_new (for_vacancy (self) ? _("Candidates") : _("Suitable Vacancies"));
  gtk_widget_add_css_class (self->heading, "title-3");
  gtk_label_set_xalign (GTK_LABEL (self->heading), 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->heading), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->heading), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  for_vacancy (self) ? _("Candidates") : _("Suitable Vacancies"), -1);
  self->spinner = gtk_spinner_new ();
  gtk_widget_set_visible (self->spinner, FALSE);
  gtk_box_append (GTK_BOX (header), self->heading);
  gtk_box_append (GTK_BOX (header), self->spinner);
  gtk_widget_set_parent (header, widget);

  self->count_label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->count_label), 0);
  gtk_label_set_wrap (GTK_LABEL (self->count_label), TRUE);
  gtk_widget_add_css_class (self->count_label, "dim-label");
  gtk_widget_set_parent (self->count_label, widget);

  /* The controls: each re-ranks at once. */
  self->controls = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (self->controls), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->controls), 4);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (self->controls), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (self->controls), 6);
  gtk_widget_add_css_class (self->controls, "wb-match-controls");

  distance_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  distance_label = gtk_label_new_with_mnemonic (_("Within _km"));
  self->max_km = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 200, 5));
  gtk_spin_button_set_digits (self->max_km, 0);
  gtk_spin_button_set_numeric (self->max_km, FALSE);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->max_km), 4);
  gtk_label_set_mnemonic_widget (GTK_LABEL (distance_label), GTK_WIDGET (self->max_km));
  wb_a11y_set_label (GTK_WIDGET (self->max_km), _("Maximum distance in km"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->max_km),
                               _("Off (Any) by default: distance then only lowers a score, it never leaves "
                                 "anyone out"));
  g_signal_connect (self->max_km, "output", G_CALLBACK (on_max_km_output_cb), NULL);
  g_signal_connect (self->max_km, "input", G_CALLBACK (on_max_km_input_cb), NULL);
  g_signal_connect_swapped (self->max_km, "value-changed", G_CALLBACK (on_control_changed_cb), self);
  gtk_box_append (GTK_BOX (distance_box), distance_label);
  gtk_box_append (GTK_BOX (distance_box), GTK_WIDGET (self->max_km));
  gtk_flow_box_append (GTK_FLOW_BOX (self->controls), distance_box);

  self->pool = GTK_TOGGLE_BUTTON (toggle_new (self, _("Only the _Pool"),
                                              _("Only candidates in the pool of work-ready jobseekers")));
  gtk_flow_box_append (GTK_FLOW_BOX (self->controls), GTK_WIDGET (self->pool));
  self->own = GTK_TOGGLE_BUTTON (toggle_new (self, _("Only My _Organisation"),
                                             for_vacancy (self) ? _("Only the clients of your organisation") :
                                             _("Only the vacancies your organisation took in")));
  gtk_flow_box_append (GTK_FLOW_BOX (self->controls), GTK_WIDGET (self->own));
  self->near_misses = GTK_TOGGLE_BUTTON (toggle_new (self, _("_Near Misses"),
                                                     _("Only those who lack one or two essential requirements: the "
                                                       "gap is named as a training suggestion")));
  gtk_flow_box_append (GTK_FLOW_BOX (self->controls), GTK_WIDGET (self->near_misses));
  /* The flow box's own children take no focus: the controls inside them do. */
  for (GtkWidget *child = gtk_widget_get_first_child (self->controls); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);
  gtk_widget_set_parent (self->controls, widget);

  /* Which weights produced the scores; a coordinator changes them. */
  weights_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  self->weights_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->weights_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->weights_label), 0);
  gtk_widget_set_hexpand (self->weights_label, TRUE);
  gtk_widget_add_css_class (self->weights_label, "caption");
  self->weights_button = wb_a11y_button_new_with_mnemonic (_("Change _Weights…"));
  gtk_widget_set_valign (self->weights_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (self->weights_button, _("Set how much each part counts in this region's scores"));
  g_signal_connect_swapped (self->weights_button, "clicked", G_CALLBACK (on_weights_clicked_cb), self);
  gtk_box_append (GTK_BOX (weights_box), self->weights_label);
  gtk_box_append (GTK_BOX (weights_box), self->weights_button);
  gtk_widget_set_parent (weights_box, widget);

  /* The ranking, or why there is none. */
  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_vhomogeneous (self->stack, FALSE);
  gtk_stack_set_hhomogeneous (self->stack, FALSE);
  loading = gtk_label_new (_("Ranking…"));
  gtk_widget_add_css_class (loading, "dim-label");
  gtk_stack_add_named (self->stack, loading, "loading");

  /* A list view over slots: a new ranking gives the rows there are their new items. */
  factory = wb_slot_factory_new (G_CALLBACK (on_setup_row_cb), bind_row, self);
  self->list = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (
                                                   G_LIST_MODEL (g_object_ref (self->slots)))), factory));
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "wb-ranked-list");
  g_signal_connect (self->list, "activate", G_CALLBACK (on_row_activated_cb), self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  for_vacancy (self) ? _("Ranked candidates") : _("Ranked vacancies"), -1);
  /* In a page that scrolls, the list is as tall as its rows; in a column of its own
   * (wb_candidates_panel_set_fill) it scrolls, and its end brings the next rows. */
  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (self->scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), GTK_WIDGET (self->list));
  g_signal_connect (self->scroller, "edge-reached", G_CALLBACK (on_edge_reached_cb), self);
  gtk_stack_add_named (self->stack, self->scroller, "list");

  self->empty_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->empty_page, "edit-find-symbolic");
  gtk_widget_add_css_class (GTK_WIDGET (self->empty_page), "compact");
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->empty_page), "empty");

  self->error_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->error_page, "dialog-warning-symbolic");
  adw_status_page_set_title (self->error_page, for_vacancy (self) ? _("The candidates could not be ranked") :
                             _("The vacancies could not be ranked"));
  gtk_widget_add_css_class (GTK_WIDGET (self->error_page), "compact");
  retry = wb_a11y_button_new_with_mnemonic (_("_Try Again"));
  gtk_widget_set_halign (retry, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (retry, "pill");
  g_signal_connect_swapped (retry, "clicked", G_CALLBACK (on_retry_clicked_cb), self);
  adw_status_page_set_child (self->error_page, retry);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->error_page), "error");
  gtk_stack_set_visible_child_name (self->stack, "loading");
  gtk_widget_set_parent (GTK_WIDGET (self->stack), widget);

  self->more_button = wb_a11y_button_new_with_mnemonic (for_vacancy (self) ? _("Show _More Candidates") :
                                                        _("Show _More Vacancies"));
  gtk_widget_set_halign (self->more_button, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (self->more_button, FALSE);
  g_signal_connect_swapped (self->more_button, "clicked", G_CALLBACK (on_more_clicked_cb), self);
  gtk_widget_set_parent (self->more_button, widget);

  self->show_all_button = wb_a11y_button_new_with_mnemonic (_("_All Suitable Vacancies…"));
  gtk_widget_set_halign (self->show_all_button, GTK_ALIGN_END);
  g_signal_connect_swapped (self->show_all_button, "clicked", G_CALLBACK (on_show_all_clicked_cb), self);
  gtk_widget_set_parent (self->show_all_button, widget);
}

static void
wb_candidates_panel_init (WbCandidatesPanel *self)
{
  self->items = g_list_store_new (WB_TYPE_CANDIDATE_ITEM);
  self->slots = wb_slot_model_new (G_LIST_MODEL (self->items));
  /* Another vacancy empties the list while it is ranked (the stack shows "Ranking…"): its
   * rows stay, to show the next ranking. */
  wb_slot_model_set_keep_when_empty (self->slots, TRUE);
}

/* Public API */

WbCandidatesPanel *
wb_candidates_panel_new (WbMatchDirection direction)
{
  WbCandidatesPanel *self = g_object_new (WB_TYPE_CANDIDATES_PANEL, NULL);

  self->direction = direction;
  build (self);
  update_visibility (self);
  return self;
}

WbMatchDirection
wb_candidates_panel_get_direction (WbCandidatesPanel *self)
{
  g_return_val_if_fail (WB_IS_CANDIDATES_PANEL (self), WB_MATCH_DIRECTION_CANDIDATES);
  return self->direction;
}

void
wb_candidates_panel_set_session (WbCandidatesPanel *self,
                                 WbSession         *session)
{
  g_return_if_fail (WB_IS_CANDIDATES_PANEL (self));
  g_return_if_fail (session == NULL || WB_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;
  update_visibility (self);
  rank (self);
}

void
wb_candidates_panel_set_subject (WbCandidatesPanel *self,
                                 gint64             subject_id)
{
  g_return_if_fail (WB_IS_CANDIDATES_PANEL (self));

  if (self->subject_id != subject_id)
    {
      /* Another vacancy (or client): the old ranking goes at once. */
      clear_rows (self);
      g_clear_pointer (&self->ranking, wb_api_ranking_unref);
      g_clear_pointer (&self->error_text, g_free);
      gtk_label_set_text (GTK_LABEL (self->count_label), "");
    }
  self->subject_id = subject_id;
  rank (self);
}

gint64
wb_candidates_panel_get_subject (WbCandidatesPanel *self)
{
  g_return_val_if_fail (WB_IS_CANDIDATES_PANEL (self), 0);
  return self->subject_id;
}

void
wb_candidates_panel_set_compact (WbCandidatesPanel *self,
                                 gboolean           compact)
{
  g_return_if_fail (WB_IS_CANDIDATES_PANEL (self));

  compact = !!compact;
  if (self->compact == compact)
    return;
  self->compact = compact;
  update_visibility (self);
  rank (self);
}

void
wb_candidates_panel_set_fill (WbCandidatesPanel *self,
                              gboolean           fill)
{
  g_return_if_fail (WB_IS_CANDIDATES_PANEL (self));

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER,
                                  fill ? GTK_POLICY_AUTOMATIC : GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (self->scroller), !fill);
  gtk_widget_set_vexpand (self->scroller, fill);
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), fill);
  gtk_widget_set_vexpand (GTK_WIDGET (self), fill);
}

void
wb_candidates_panel_refresh (WbCandidatesPanel *self)
{
  g_return_if_fail (WB_IS_CANDIDATES_PANEL (self));
  rank (self);
}

void
wb_candidates_panel_set_max_km (WbCandidatesPanel *self,
                                double             max_km)
{
  g_return_if_fail (WB_IS_CANDIDATES_PANEL (self));
  gtk_spin_button_set_value (self->max_km, MAX (0, max_km));
}

void
wb_candidates_panel_set_pool (WbCandidatesPanel *self,
                              gboolean           pool)
{
  g_return_if_fail (WB_IS_CANDIDATES_PANEL (self));
  gtk_toggle_button_set_active (self->pool, pool);
}

void
wb_candidates_panel_set_own_organisation (WbCandidatesPanel *self,
                                          gboolean           own)
{
  g_return_if_fail (WB_IS_CANDIDATES_PANEL (self));
  gtk_toggle_button_set_active (self->own, own);
}

void
wb_candidates_panel_set_near_misses (WbCandidatesPanel *self,
                                     gboolean           near_misses)
{
  g_return_if_fail (WB_IS_CANDIDATES_PANEL (self));
  gtk_toggle_button_set_active (self->near_misses, near_misses);
}

void
wb_candidates_panel_get_query (WbCandidatesPanel *self,
                               WbApiRankQuery    *query)
{
  g_return_if_fail (WB_IS_CANDIDATES_PANEL (self));
  g_return_if_fail (query != NULL);

  *query = (WbApiRankQuery) {
    .limit = self->compact ? COMPACT_LIMIT : FULL_LIMIT,
    .max_km = gtk_spin_button_get_value (self->max_km),
    .organisation_id = gtk_toggle_button_get_active (self->own) && self->session != NULL ?
                       wb_session_get_organisation_id (self->session) : 0,
    .near_misses = gtk_toggle_button_get_active (self->near_misses),
    .pool = for_vacancy (self) && gtk_toggle_button_get_active (self->pool),
  };
}

gboolean
wb_candidates_panel_get_loading (WbCandidatesPanel *self)
{
  g_return_val_if_fail (WB_IS_CANDIDATES_PANEL (self), FALSE);
  return self->loading;
}

gboolean
wb_candidates_panel_get_shown (WbCandidatesPanel *self)
{
  g_return_val_if_fail (WB_IS_CANDIDATES_PANEL (self), FALSE);
  return self->shown;
}

WbApiRanking *
wb_candidates_panel_get_ranking (WbCandidatesPanel *self)
{
  g_return_val_if_fail (WB_IS_CANDIDATES_PANEL (self), NULL);
  return self->ranking;
}

const char *
wb_candidates_panel_get_error_text (WbCandidatesPanel *self)
{
  g_return_val_if_fail (WB_IS_CANDIDATES_PANEL (self), NULL);
  return self->error_text;
}

gboolean
wb_candidates_panel_show_more (WbCandidatesPanel *self)
{
  g_return_val_if_fail (WB_IS_CANDIDATES_PANEL (self), FALSE);

  if (self->ranking != NULL && n_rows (self) < self->ranking->items->len)
    on_more_clicked_cb (self);
  return self->ranking != NULL && n_rows (self) < self->ranking->items->len;
}

guint
wb_candidates_panel_get_n_rows (WbCandidatesPanel *self)
{
  g_return_val_if_fail (WB_IS_CANDIDATES_PANEL (self), 0);
  return n_rows (self);
}

AdwExpanderRow *
wb_candidates_panel_get_row (WbCandidatesPanel *self,
                             guint              index)
{
  Row *row;

  g_return_val_if_fail (WB_IS_CANDIDATES_PANEL (self), NULL);
  g_return_val_if_fail (index < n_rows (self), NULL);
  row = find_row (self, index);
  return row != NULL ? row->row : NULL;
}

void
wb_candidates_panel_set_row_expanded (WbCandidatesPanel *self,
                                      guint              index,
                                      gboolean           expanded)
{
  g_autoptr(WbCandidateItem) item = NULL;

  g_return_if_fail (WB_IS_CANDIDATES_PANEL (self));
  g_return_if_fail (index < n_rows (self));
  item = g_list_model_get_item (G_LIST_MODEL (self->items), index);
  wb_candidate_item_set_expanded (item, expanded);
}

WbScoreBar *
wb_candidates_panel_get_row_bar (WbCandidatesPanel *self,
                                 guint              index)
{
  g_autoptr(WbCandidateItem) item = NULL;

  g_return_val_if_fail (WB_IS_CANDIDATES_PANEL (self), NULL);
  g_return_val_if_fail (index < n_rows (self), NULL);
  item = g_list_model_get_item (G_LIST_MODEL (self->items), index);
  return wb_candidate_item_get_detail_bar (item);
}

const char *
wb_candidates_panel_get_row_text (WbCandidatesPanel *self,
                                  guint              index,
                                  const char        *section)
{
  g_autoptr(WbCandidateItem) item = NULL;

  g_return_val_if_fail (WB_IS_CANDIDATES_PANEL (self), NULL);
  g_return_val_if_fail (section != NULL, NULL);

  if (g_str_equal (section, "weights"))
    return self->weights_text;
  g_return_val_if_fail (index < n_rows (self), NULL);
  item = g_list_model_get_item (G_LIST_MODEL (self->items), index);
  return wb_candidate_item_get_text (item, section);
}

/* The panel in @page's slot, made the first time for a role the policy lets read matches;
 * NULL (and the slot emptied) for another. */
static WbCandidatesPanel *
page_panel (WbVacancyPage *page)
{
  WbSession *session = wb_vacancy_page_get_session (page);
  GtkWidget *panel = wb_vacancy_page_get_candidates_widget (page);

  if (session == NULL || !wb_session_can (session, WB_RESOURCE_MATCHES, WB_ACTION_READ, WB_SCOPE_OTHER))
    {
      wb_vacancy_page_set_candidates_widget (page, NULL);
      return NULL;
    }
  if (!WB_IS_CANDIDATES_PANEL (panel))
    {
      panel = GTK_WIDGET (wb_candidates_panel_new (WB_MATCH_DIRECTION_CANDIDATES));
      /* A column of its own on a wide page scrolls by itself. */
      wb_candidates_panel_set_fill (WB_CANDIDATES_PANEL (panel), wb_record_page_get_wide (WB_RECORD_PAGE (page)));
      wb_vacancy_page_set_candidates_widget (page, panel);
    }
  wb_candidates_panel_set_session (WB_CANDIDATES_PANEL (panel), session);
  return WB_CANDIDATES_PANEL (panel);
}

/* The version of the vacancy the panel ranked for, as far as the page read it. */
#define RANKED_VERSION "wb-ranked-version"

/* The page opens a vacancy: its candidates are ranked at once, beside the page's own reads. */
static void
on_vacancy_opened_cb (WbVacancyPage *page,
                      gint64         vacancy_id,
                      gpointer       user_data)
{
  WbCandidatesPanel *panel = page_panel (page);

  if (panel == NULL)
    return;
  g_object_set_data (G_OBJECT (panel), RANKED_VERSION, NULL);
  wb_candidates_panel_set_subject (panel, vacancy_id);
}

static void
on_vacancy_loaded_cb (WbVacancyPage *page,
                      WbRecord      *vacancy,
                      gpointer       user_data)
{
  WbCandidatesPanel *panel = page_panel (page);
  gint64 version = wb_record_get_version (vacancy);
  gint64 ranked;

  if (panel == NULL)
    return;
  ranked = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (panel), RANKED_VERSION));
  g_object_set_data (G_OBJECT (panel), RANKED_VERSION, GSIZE_TO_POINTER ((gsize) version));
  if (wb_candidates_panel_get_subject (panel) != wb_record_get_id (vacancy))
    wb_candidates_panel_set_subject (panel, wb_record_get_id (vacancy));
  else if (ranked != 0 && ranked != version)
    /* A saved vacancy asks something else: rank again. The first full read of the vacancy
     * opened is what the ranking started with already. */
    wb_candidates_panel_refresh (panel);
}

static void
on_page_wide_cb (WbVacancyPage *page,
                 GParamSpec    *pspec,
                 gpointer       user_data)
{
  GtkWidget *panel = wb_vacancy_page_get_candidates_widget (page);

  if (WB_IS_CANDIDATES_PANEL (panel))
    wb_candidates_panel_set_fill (WB_CANDIDATES_PANEL (panel), wb_record_page_get_wide (WB_RECORD_PAGE (page)));
}

void
wb_candidates_panel_attach_to_vacancy_page (WbVacancyPage *page)
{
  g_return_if_fail (WB_IS_VACANCY_PAGE (page));
  g_signal_connect (page, "vacancy-opened", G_CALLBACK (on_vacancy_opened_cb), NULL);
  g_signal_connect (page, "vacancy-loaded", G_CALLBACK (on_vacancy_loaded_cb), NULL);
  g_signal_connect (page, "notify::wide", G_CALLBACK (on_page_wide_cb), NULL);
}

GtkWindow *
wb_candidates_panel_present_window (GtkWidget        *parent,
                                    WbSession        *session,
                                    WbMatchDirection  direction,
                                    gint64            subject_id,
                                    const char       *name)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *clamp = adw_clamp_new ();
  WbCandidatesPanel *panel = wb_candidates_panel_new (direction);
  const char *title = direction == WB_MATCH_DIRECTION_CANDIDATES ? _("Candidates") : _("Suitable Vacancies");
  g_autofree char *window_title = NULL;
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  GtkRoot *root = parent != NULL ? gtk_widget_get_root (parent) : NULL;

  g_return_val_if_fail (WB_IS_SESSION (session), NULL);

  /* TRANSLATORS: the title of the window with a whole ranking: "Suitable Vacancies: Nadia Müller" */
  window_title = g_strdup_printf (_("%s: %s"), title, name != NULL ? name : "");
  gtk_window_set_title (GTK_WINDOW (window), window_title);
  gtk_window_set_default_size (GTK_WINDOW (window), 760, 720);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (title, name));
  gtk_box_append (GTK_BOX (content), header);

  /* The controls stay in view; the list scrolls below them. */
  gtk_widget_set_margin_start (GTK_WIDGET (panel), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (panel), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (panel), 12);
  wb_candidates_panel_set_fill (panel, TRUE);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 900);
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (panel));
  gtk_widget_set_vexpand (clamp, TRUE);
  gtk_box_append (GTK_BOX (content), clamp);
  adw_window_set_content (ADW_WINDOW (window), content);

  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (window, shortcuts);

  wb_candidates_panel_set_session (panel, session);
  wb_candidates_panel_set_subject (panel, subject_id);
  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}
