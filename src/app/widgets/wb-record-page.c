/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-record-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-a11y.h"
#include "wb-cards.h"
#include "wb-record-editor.h"
#include "wb-stack.h"
#include "wb-wrap-box.h"

#include "wb-record-page.h"

typedef struct
{
  GtkButton *back_button;
  GtkLabel *toolbar_title;
  WbWrapBox *actions_box;
  GtkStack *stack;
  AdwStatusPage *loading_page;
  AdwStatusPage *error_page;
  GtkButton *retry_button;
  GtkLabel *title_label;
  GtkLabel *subtitle_label;
  GtkBox *badges_box;
  GtkLabel *notice_label;
  GtkBox *cards_box;
  GtkScrolledWindow *scrolled;
  GtkBox *record_box;
  GtkBox *side_box;
  GtkBox *side_narrow_box;
  GtkWidget *side;         /* beside the cards, or first below the header */
  gboolean wide;
  guint place_side_id;
  gint64 record_id;        /* of the record last loaded */

  GHashTable *actions;     /* name -> GtkButton (borrowed) */
  GHashTable *field_rows;  /* field -> AdwActionRow or AdwPreferencesGroup */
  GtkWindow *editor;       /* the open editor of the record, weakly */
  GtkWidget *opener;       /* what had the focus when it opened, weakly */

  /* Following changes by others (the session's "remote-change") */
  WbSession *session;      /* weakly */
  const char *resource;    /* the record's resource as the API names it, or NULL */
  gint64 version;          /* the newest version the page knows it shows */
  guint follow_id;         /* a reload, soon: changes come in bursts */
  double restore_scroll;   /* where the reader was, for the reload to come back to */
  gboolean restore_pending;
  WbRecordPageExtent extent;
  char *missing_text;      /* NULL: "—" */
  char *last_loaded;       /* the badge's text while the values are as last loaded, or NULL */
} WbRecordPagePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (WbRecordPage, wb_record_page, GTK_TYPE_BOX)

enum {
  BACK,
  RECORD_CHANGED,
  BACKEND_ERROR,
  TOAST,
  ADD_TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_WIDE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void on_side_visible_cb (GtkWidget    *side,
                                GParamSpec   *pspec,
                                WbRecordPage *self);

/* From this width on the side widget is a column of its own. */
#define WIDE_WIDTH 1000

#define PRIV(self) ((WbRecordPagePrivate *) wb_record_page_get_instance_private (WB_RECORD_PAGE (self)))

static void
on_back_clicked_cb (GtkButton    *button,
                    WbRecordPage *self)
{
  g_signal_emit (self, signals[BACK], 0);
}

static gboolean
on_back_shortcut_cb (GtkWidget *widget,
                     GVariant  *args,
                     gpointer   user_data)
{
  g_signal_emit (widget, signals[BACK], 0);
  return TRUE;
}

static void
wb_record_page_dispose (GObject *object)
{
  WbRecordPagePrivate *priv = PRIV (object);

  /* No gtk_widget_dispose_template (): in GTK 4.8 it asserts on the template children of a
   * class that subclasses bring templates to. GtkBox's dispose takes the children down; the
   * template's references go with the widget. */
  g_clear_pointer (&priv->actions, g_hash_table_unref);
  g_clear_pointer (&priv->field_rows, g_hash_table_unref);
  g_clear_pointer (&priv->missing_text, g_free);
  g_clear_pointer (&priv->last_loaded, g_free);
  g_clear_handle_id (&priv->follow_id, g_source_remove);
  g_clear_handle_id (&priv->place_side_id, g_source_remove);
  if (priv->side != NULL)
    g_signal_handlers_disconnect_by_func (priv->side, on_side_visible_cb, object);
  g_clear_object (&priv->side);
  if (priv->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (priv->session, object);
      g_clear_weak_pointer (&priv->session);
    }
  wb_record_page_close_editor (WB_RECORD_PAGE (object));
  g_clear_weak_pointer (&priv->opener);

  G_OBJECT_CLASS (wb_record_page_parent_class)->dispose (object);
}

/* The editor the page keeps track of, by default. */

static gboolean
wb_record_page_real_has_unsaved_edits (WbRecordPage *self)
{
  WbRecordPagePrivate *priv = PRIV (self);

  return priv->editor != NULL && WB_IS_RECORD_EDITOR (priv->editor) &&
         wb_record_editor_has_changes (WB_RECORD_EDITOR (priv->editor));
}

static void
wb_record_page_real_present_editor (WbRecordPage *self)
{
  WbRecordPagePrivate *priv = PRIV (self);

  if (priv->editor != NULL)
    gtk_window_present (priv->editor);
}

/* A toast with a button goes to the window's toast overlay as it is; without one, its
 * words go the way of every toast. */
static void
wb_record_page_real_add_toast (WbRecordPage *self,
                               AdwToast     *toast)
{
  if (!wb_a11y_add_toast (GTK_WIDGET (self), g_object_ref (toast)))
    g_signal_emit (self, signals[TOAST], 0, adw_toast_get_title (toast));
}

/* The side widget */

static void
place_side (WbRecordPage *self)
{
  WbRecordPagePrivate *priv = PRIV (self);
  GtkWidget *target = GTK_WIDGET (priv->wide ? priv->side_box : priv->side_narrow_box);
  GtkWidget *parent = priv->side != NULL ? gtk_widget_get_parent (priv->side) : NULL;
  gboolean shown = priv->side != NULL && gtk_widget_get_visible (priv->side);

  if (priv->side != NULL && parent != target)
    {
      if (parent != NULL)
        gtk_box_remove (GTK_BOX (parent), priv->side);
      gtk_box_append (GTK_BOX (target), priv->side);
    }
  gtk_widget_set_visible (GTK_WIDGET (priv->side_box), priv->wide && shown);
  gtk_widget_set_visible (GTK_WIDGET (priv->side_narrow_box), !priv->wide && shown);
  /* Two columns of the same width. */
  gtk_box_set_homogeneous (priv->record_box, priv->wide && shown);
}

static gboolean
place_side_cb (gpointer data)
{
  WbRecordPage *self = data;
  WbRecordPagePrivate *priv = PRIV (self);
  gboolean wide = gtk_widget_get_width (GTK_WIDGET (self)) >= WIDE_WIDTH;

  priv->place_side_id = 0;
  if (priv->wide == wide)
    return G_SOURCE_REMOVE;
  priv->wide = wide;
  place_side (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WIDE]);
  return G_SOURCE_REMOVE;
}

static void
on_side_visible_cb (GtkWidget    *side,
                    GParamSpec   *pspec,
                    WbRecordPage *self)
{
  place_side (self);
}

/* The width the cards get changes with the page's (GtkBox allocates through its layout
 * manager, so a widget class's size_allocate is not called): the columns are chosen again
 * after the allocation, never during it. */
static void
on_width_changed_cb (GtkAdjustment *adjustment,
                     GParamSpec    *pspec,
                     WbRecordPage  *self)
{
  WbRecordPagePrivate *priv = PRIV (self);

  if (priv->side != NULL && (gtk_widget_get_width (GTK_WIDGET (self)) >= WIDE_WIDTH) != priv->wide &&
      priv->place_side_id == 0)
    priv->place_side_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, place_side_cb, self, NULL);
}

static void
wb_record_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_WIDE:
      g_value_set_boolean (value, PRIV (object)->wide);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_record_page_class_init (WbRecordPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wb_record_page_dispose;
  object_class->get_property = wb_record_page_get_property;

  properties[PROP_WIDE] = g_param_spec_boolean ("wide", NULL, NULL, FALSE,
                                                G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  klass->has_unsaved_edits = wb_record_page_real_has_unsaved_edits;
  klass->present_editor = wb_record_page_real_present_editor;

  signals[BACK] = g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[RECORD_CHANGED] = g_signal_new ("record-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, WB_TYPE_RECORD);
  signals[BACKEND_ERROR] = g_signal_new ("backend-error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[TOAST] = g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[ADD_TOAST] = g_signal_new_class_handler ("add-toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                   G_CALLBACK (wb_record_page_real_add_toast),
                                                   NULL, NULL, NULL, G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  g_type_ensure (WB_TYPE_WRAP_BOX);
  gtk_widget_class_set_template_from_resource (widget_class, "/nl/werkbrug/Werkbrug/widgets/wb-record-page.ui");
  gtk_widget_class_bind_template_child_private (widget_class, WbRecordPage, back_button);
  gtk_widget_class_bind_template_child_private (widget_class, WbRecordPage, toolbar_title);
  gtk_widget_class_bind_template_child_private (widget_class, WbRecordPage, actions_box);
  gtk_widget_class_bind_template_child_private (widget_class, WbRecordPage, stack);
  gtk_widget_class_bind_template_child_private (widget_class, WbRecordPage, loading_page);
  gtk_widget_class_bind_template_child_private (widget_class, WbRecordPage, error_page);
  gtk_widget_class_bind_template_child_private (widget_class, WbRecordPage, retry_button);
  gtk_widget_class_bind_template_child_private (widget_class, WbRecordPage, title_label);
  gtk_widget_class_bind_template_child_private (widget_class, WbRecordPage, subtitle_label);
  gtk_widget_class_bind_template_child_private (widget_class, WbRecordPage, badges_box);
  gtk_widget_class_bind_template_child_private (widget_class, WbRecordPage, notice_label);
  gtk_widget_class_bind_template_child_private (widget_class, WbRecordPage, cards_box);
  gtk_widget_class_bind_template_child_private (widget_class, WbRecordPage, scrolled);
  gtk_widget_class_bind_template_child_private (widget_class, WbRecordPage, record_box);
  gtk_widget_class_bind_template_child_private (widget_class, WbRecordPage, side_box);
  gtk_widget_class_bind_template_child_private (widget_class, WbRecordPage, side_narrow_box);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Left, GDK_ALT_MASK, on_back_shortcut_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, on_back_shortcut_cb, NULL);
}

static void
wb_record_page_init (WbRecordPage *self)
{
  WbRecordPagePrivate *priv = PRIV (self);

  gtk_widget_init_template (GTK_WIDGET (self));
  priv->actions = g_hash_table_new (g_str_hash, g_str_equal);
  priv->field_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_signal_connect (priv->back_button, "clicked", G_CALLBACK (on_back_clicked_cb), self);
  g_signal_connect_swapped (priv->retry_button, "clicked", G_CALLBACK (wb_record_page_reload), self);
  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (priv->scrolled), "notify::page-size",
                           G_CALLBACK (on_width_changed_cb), self, 0);
}

void
wb_record_page_set_texts (WbRecordPage *self,
                          const char   *back_label,
                          const char   *loading_title,
                          const char   *error_title)
{
  WbRecordPagePrivate *priv;

  g_return_if_fail (WB_IS_RECORD_PAGE (self));

  priv = PRIV (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (priv->back_button), GTK_ACCESSIBLE_PROPERTY_LABEL, back_label, -1);
  adw_status_page_set_title (priv->loading_page, loading_title);
  adw_status_page_set_title (priv->error_page, error_title);
}

void
wb_record_page_set_back_visible (WbRecordPage *self,
                                 gboolean      visible)
{
  g_return_if_fail (WB_IS_RECORD_PAGE (self));
  gtk_widget_set_visible (GTK_WIDGET (PRIV (self)->back_button), visible);
  /* Beside its list, the page's heading and the list's selected row say which record it
   * is: the bar's room goes to the actions. */
  gtk_widget_set_visible (GTK_WIDGET (PRIV (self)->toolbar_title), visible);
}

void
wb_record_page_add_action_button (WbRecordPage *self,
                                  const char   *name,
                                  GtkButton    *button)
{
  g_return_if_fail (WB_IS_RECORD_PAGE (self));
  g_return_if_fail (name != NULL && GTK_IS_BUTTON (button));

  gtk_widget_set_visible (GTK_WIDGET (button), FALSE);
  /* Its template gives its spoken name; the mnemonic label would say it twice. */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  wb_wrap_box_append (PRIV (self)->actions_box, GTK_WIDGET (button));
  g_hash_table_insert (PRIV (self)->actions, (gpointer) g_intern_string (name), button);
}

GtkButton *
wb_record_page_add_action (WbRecordPage *self,
                           const char   *name,
                           const char   *label,
                           const char   *accessible,
                           const char   *tooltip,
                           gboolean      suggested,
                           GCallback     clicked)
{
  GtkWidget *button;

  g_return_val_if_fail (WB_IS_RECORD_PAGE (self), NULL);
  g_return_val_if_fail (name != NULL && label != NULL && accessible != NULL, NULL);

  button = gtk_button_new_with_mnemonic (label);
  gtk_widget_set_visible (button, FALSE);
  wb_a11y_set_label (button, accessible);
  if (tooltip != NULL)
    gtk_widget_set_tooltip_text (button, tooltip);
  if (suggested)
    gtk_widget_add_css_class (button, "suggested-action");
  if (clicked != NULL)
    g_signal_connect (button, "clicked", clicked, self);
  wb_record_page_add_action_button (self, name, GTK_BUTTON (button));
  return GTK_BUTTON (button);
}

void
wb_record_page_set_action_visible (WbRecordPage *self,
                                   const char   *name,
                                   gboolean      visible)
{
  GtkWidget *button;

  g_return_if_fail (WB_IS_RECORD_PAGE (self));

  button = g_hash_table_lookup (PRIV (self)->actions, name);
  g_return_if_fail (button != NULL);
  gtk_widget_set_visible (button, visible);
}

gboolean
wb_record_page_get_action_visible (WbRecordPage *self,
                                   const char   *name)
{
  GtkWidget *button;

  g_return_val_if_fail (WB_IS_RECORD_PAGE (self), FALSE);

  button = g_hash_table_lookup (PRIV (self)->actions, name);
  return button != NULL && gtk_widget_get_visible (button);
}

void
wb_record_page_add_bar_widget (WbRecordPage *self,
                               GtkWidget    *widget)
{
  g_return_if_fail (WB_IS_RECORD_PAGE (self));
  wb_wrap_box_append (PRIV (self)->actions_box, widget);
}

void
wb_record_page_show (WbRecordPage      *self,
                     WbRecordPageState  state)
{
  static const char * const names[] = { "loading", "error", "record" };

  g_return_if_fail (WB_IS_RECORD_PAGE (self));
  g_return_if_fail (state <= WB_RECORD_PAGE_RECORD);

  wb_stack_show_page (PRIV (self)->stack, names[state], gtk_stack_get_transition_type (PRIV (self)->stack));
}

static gboolean
on_restore_scroll_cb (gpointer data)
{
  g_autoptr(WbRecordPage) self = data;
  WbRecordPagePrivate *priv = PRIV (self);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (priv->scrolled);

  if (priv->restore_pending)
    gtk_adjustment_set_value (adjustment, priv->restore_scroll);
  priv->restore_pending = FALSE;
  return G_SOURCE_REMOVE;
}

void
wb_record_page_show_error (WbRecordPage *self,
                           const GError *error)
{
  WbRecordPagePrivate *priv;

  g_return_if_fail (WB_IS_RECORD_PAGE (self));
  g_return_if_fail (error != NULL);

  priv = PRIV (self);
  adw_status_page_set_description (priv->error_page, error->message);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (priv->stack), "record") != 0 ||
      *gtk_label_get_text (priv->title_label) == '\0')
    wb_record_page_show (self, WB_RECORD_PAGE_ERROR);
  g_signal_emit (self, signals[BACKEND_ERROR], 0, error->message);
}

void
wb_record_page_clear (WbRecordPage *self)
{
  WbRecordPagePrivate *priv;

  g_return_if_fail (WB_IS_RECORD_PAGE (self));

  priv = PRIV (self);
  g_hash_table_remove_all (priv->field_rows);
  wb_card_remove_all (priv->cards_box);
  wb_card_remove_all (priv->badges_box);
  if (priv->last_loaded != NULL)
    wb_record_page_add_badge (self, priv->last_loaded, "warning");
}

void
wb_record_page_clear_badges (WbRecordPage *self)
{
  WbRecordPagePrivate *priv;

  g_return_if_fail (WB_IS_RECORD_PAGE (self));

  priv = PRIV (self);
  wb_card_remove_all (priv->badges_box);
  if (priv->last_loaded != NULL)
    wb_record_page_add_badge (self, priv->last_loaded, "warning");
}

static gboolean
is_offline (const GError *error)
{
  return error != NULL && g_error_matches (error, WB_API_ERROR, WB_API_ERROR_NETWORK);
}

void
wb_record_page_set_extent (WbRecordPage       *self,
                           WbRecordPageExtent  extent,
                           const GError       *error)
{
  WbRecordPagePrivate *priv;

  g_return_if_fail (WB_IS_RECORD_PAGE (self));
  g_return_if_fail (extent <= WB_RECORD_PAGE_NOT_LOADED);

  priv = PRIV (self);
  priv->extent = extent;
  g_clear_pointer (&priv->missing_text, g_free);
  if (extent == WB_RECORD_PAGE_SUMMARY)
    priv->missing_text = g_strdup (_("Loading…"));
  else if (extent == WB_RECORD_PAGE_NOT_LOADED)
    priv->missing_text = g_strdup (is_offline (error) ? _("Not loaded (offline)") : _("Not loaded"));
  if (extent != WB_RECORD_PAGE_FULL)
    g_clear_pointer (&priv->last_loaded, g_free);
}

WbRecordPageExtent
wb_record_page_get_extent (WbRecordPage *self)
{
  g_return_val_if_fail (WB_IS_RECORD_PAGE (self), WB_RECORD_PAGE_FULL);
  return PRIV (self)->extent;
}

const char *
wb_record_page_get_missing_text (WbRecordPage *self)
{
  g_return_val_if_fail (WB_IS_RECORD_PAGE (self), "—");
  return PRIV (self)->missing_text != NULL ? PRIV (self)->missing_text : "—";
}

void
wb_record_page_set_last_loaded (WbRecordPage *self,
                                GDateTime    *loaded_at,
                                const GError *error)
{
  WbRecordPagePrivate *priv;
  g_autofree char *time = NULL;

  g_return_if_fail (WB_IS_RECORD_PAGE (self));

  priv = PRIV (self);
  g_clear_pointer (&priv->last_loaded, g_free);
  if (loaded_at == NULL)
    return;
  priv->extent = WB_RECORD_PAGE_FULL;
  g_clear_pointer (&priv->missing_text, g_free);
  time = g_date_time_format (loaded_at, "%H:%M");
  priv->last_loaded = is_offline (error) ?
    /* TRANSLATORS: a badge over a profile that could not be read again; %s is a time (14:05) */
    g_strdup_printf (_("As loaded at %s (offline)"), time) :
    g_strdup_printf (_("As loaded at %s"), time);
}

void
wb_record_page_set_title (WbRecordPage *self,
                          const char   *title,
                          const char   *subtitle)
{
  WbRecordPagePrivate *priv;

  g_return_if_fail (WB_IS_RECORD_PAGE (self));

  priv = PRIV (self);
  gtk_label_set_text (priv->title_label, title != NULL ? title : "");
  gtk_label_set_text (priv->toolbar_title, title != NULL ? title : "");
  gtk_label_set_text (priv->subtitle_label, subtitle != NULL ? subtitle : "");
  gtk_widget_set_visible (GTK_WIDGET (priv->subtitle_label), subtitle != NULL && *subtitle != '\0');
}

const char *
wb_record_page_get_title (WbRecordPage *self)
{
  g_return_val_if_fail (WB_IS_RECORD_PAGE (self), NULL);
  return gtk_label_get_text (PRIV (self)->title_label);
}

void
wb_record_page_add_badge (WbRecordPage *self,
                          const char   *text,
                          const char   *style)
{
  g_return_if_fail (WB_IS_RECORD_PAGE (self));
  gtk_box_append (PRIV (self)->badges_box, wb_card_badge_new (text, style));
}

void
wb_record_page_set_notice (WbRecordPage *self,
                           const char   *text)
{
  WbRecordPagePrivate *priv;

  g_return_if_fail (WB_IS_RECORD_PAGE (self));

  priv = PRIV (self);
  gtk_label_set_text (priv->notice_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (priv->notice_label), text != NULL);
}

AdwPreferencesGroup *
wb_record_page_add_card (WbRecordPage *self,
                         const char   *title,
                         const char   *description)
{
  g_return_val_if_fail (WB_IS_RECORD_PAGE (self), NULL);
  return wb_card_new (PRIV (self)->cards_box, title, description);
}

AdwActionRow *
wb_record_page_add_row (WbRecordPage        *self,
                        AdwPreferencesGroup *card,
                        const char          *field,
                        const char          *title,
                        const char          *value)
{
  g_return_val_if_fail (WB_IS_RECORD_PAGE (self), NULL);
  return wb_card_add_row (card, PRIV (self)->field_rows, field, title,
                          value != NULL && *value != '\0' ? value : PRIV (self)->missing_text);
}

AdwActionRow *
wb_record_page_add_level_row (WbRecordPage        *self,
                              AdwPreferencesGroup *card,
                              const char          *field,
                              const char          *title,
                              const char          *value,
                              int                  level)
{
  AdwActionRow *row;
  GtkWidget *bar;

  g_return_val_if_fail (WB_IS_RECORD_PAGE (self), NULL);

  row = wb_record_page_add_row (self, card, field, title, value);
  bar = gtk_level_bar_new_for_interval (0, 5);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), CLAMP (level, 0, 5));
  gtk_widget_set_size_request (bar, 120, -1);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  /* The bar says what the words under the title say. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, value, -1);
  adw_action_row_add_suffix (row, bar);
  return row;
}

void
wb_record_page_add_widget (WbRecordPage *self,
                           GtkWidget    *widget)
{
  g_return_if_fail (WB_IS_RECORD_PAGE (self));
  g_return_if_fail (GTK_IS_WIDGET (widget) && gtk_widget_get_parent (widget) == NULL);

  gtk_box_append (PRIV (self)->cards_box, widget);
}

void
wb_record_page_add_field (WbRecordPage *self,
                          const char   *field,
                          GtkWidget    *widget)
{
  g_return_if_fail (WB_IS_RECORD_PAGE (self));
  g_return_if_fail (field != NULL && GTK_IS_WIDGET (widget));

  g_hash_table_insert (PRIV (self)->field_rows, g_strdup (field), widget);
}

void
wb_record_page_remove_field (WbRecordPage *self,
                             const char   *field)
{
  g_return_if_fail (WB_IS_RECORD_PAGE (self));
  g_return_if_fail (field != NULL);

  g_hash_table_remove (PRIV (self)->field_rows, field);
}

const char *
wb_record_page_get_field_text (WbRecordPage *self,
                               const char   *field)
{
  GtkWidget *widget;

  g_return_val_if_fail (WB_IS_RECORD_PAGE (self), NULL);

  widget = g_hash_table_lookup (PRIV (self)->field_rows, field);
  if (ADW_IS_ACTION_ROW (widget))
    return adw_action_row_get_subtitle (ADW_ACTION_ROW (widget));
  if (ADW_IS_EXPANDER_ROW (widget))
    return adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (widget));
  if (ADW_IS_PREFERENCES_GROUP (widget))
    return adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (widget));
  return NULL;
}

void
wb_record_page_handle_write_error (WbRecordPage *self,
                                   const GError *error,
                                   const char   *conflict_message)
{
  g_return_if_fail (WB_IS_RECORD_PAGE (self));
  g_return_if_fail (error != NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (g_error_matches (error, WB_API_ERROR, 412))
    {
      wb_record_page_toast (self, conflict_message);
      wb_record_page_reload (self);
    }
  else
    wb_record_page_toast (self, error->message);
}

/* Closed by the user (saved or cancelled), the editor gives the focus back to the page,
 * where it can be seen (GTK 4.8 hides the ring after another window): to the button that
 * opened it, or else the page's first action. */
static void
on_editor_destroy_cb (GtkWidget    *editor,
                      WbRecordPage *self)
{
  WbRecordPagePrivate *priv = PRIV (self);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *opener = priv->opener;

  if (!GTK_IS_WINDOW (root) || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  if (opener == NULL || !gtk_widget_get_mapped (opener) || !gtk_widget_is_sensitive (opener) ||
      !gtk_widget_is_ancestor (opener, GTK_WIDGET (self)) || !gtk_widget_grab_focus (opener))
    {
      if (!gtk_widget_child_focus (GTK_WIDGET (priv->actions_box), GTK_DIR_TAB_FORWARD))
        gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD);
    }
  g_clear_weak_pointer (&priv->opener);
  gtk_window_set_focus_visible (GTK_WINDOW (root), TRUE);
}

void
wb_record_page_present_editor_window (WbRecordPage *self,
                                      GtkWindow    *editor)
{
  WbRecordPagePrivate *priv;

  g_return_if_fail (WB_IS_RECORD_PAGE (self));
  g_return_if_fail (GTK_IS_WINDOW (editor));

  priv = PRIV (self);
  if (priv->editor != editor)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

      wb_record_page_close_editor (self);
      priv->editor = editor;
      g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &priv->editor);
      gtk_window_set_transient_for (editor, GTK_WINDOW (root));
      g_set_weak_pointer (&priv->opener, focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self)) ? focus : NULL);
      g_signal_connect_object (editor, "destroy", G_CALLBACK (on_editor_destroy_cb), self, 0);
    }
  gtk_window_present (editor);
}

GtkWindow *
wb_record_page_get_editor (WbRecordPage *self)
{
  g_return_val_if_fail (WB_IS_RECORD_PAGE (self), NULL);
  return PRIV (self)->editor;
}

void
wb_record_page_close_editor (WbRecordPage *self)
{
  WbRecordPagePrivate *priv;
  GtkWindow *editor;

  g_return_if_fail (WB_IS_RECORD_PAGE (self));

  priv = PRIV (self);
  if (priv->editor == NULL)
    return;
  editor = priv->editor;
  g_object_remove_weak_pointer (G_OBJECT (editor), (gpointer *) &priv->editor);
  priv->editor = NULL;
  /* Closed by the page (another record, or the page goes): the focus stays where it is. */
  g_signal_handlers_disconnect_by_func (editor, on_editor_destroy_cb, self);
  g_clear_weak_pointer (&priv->opener);
  gtk_window_destroy (editor);
}

gboolean
wb_record_page_keep_unsaved_edits (WbRecordPage *self)
{
  g_return_val_if_fail (WB_IS_RECORD_PAGE (self), FALSE);

  if (!wb_record_page_has_unsaved_edits (self))
    return FALSE;
  /* Unsaved edits of another record are never thrown away. */
  wb_record_page_present_editor (self);
  wb_record_page_toast (self, _("Save or cancel the open edit first"));
  return TRUE;
}

void
wb_record_page_toast (WbRecordPage *self,
                      const char   *message)
{
  g_return_if_fail (WB_IS_RECORD_PAGE (self));
  g_signal_emit (self, signals[TOAST], 0, message);
}

void
wb_record_page_add_toast (WbRecordPage *self,
                          AdwToast     *toast)
{
  g_return_if_fail (WB_IS_RECORD_PAGE (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  g_signal_emit (self, signals[ADD_TOAST], 0, toast);
  g_object_unref (toast);
}

void
wb_record_page_record_changed (WbRecordPage *self,
                               WbRecord     *record)
{
  g_return_if_fail (WB_IS_RECORD_PAGE (self));
  if (record != NULL && wb_record_get_id (record) == PRIV (self)->record_id)
    PRIV (self)->version = MAX (PRIV (self)->version, wb_record_get_version (record));
  g_signal_emit (self, signals[RECORD_CHANGED], 0, record);
}

void
wb_record_page_backend_error (WbRecordPage *self,
                              const char   *message)
{
  g_return_if_fail (WB_IS_RECORD_PAGE (self));
  g_signal_emit (self, signals[BACKEND_ERROR], 0, message);
}

/* Following what others change */

static gboolean
on_follow_cb (gpointer data)
{
  WbRecordPage *self = data;
  WbRecordPagePrivate *priv = PRIV (self);

  priv->follow_id = 0;
  if (priv->record_id <= 0)
    return G_SOURCE_REMOVE;
  /* An open editor keeps what the user typed: the page shows the new version behind it,
   * and a save of the old one meets the usual conflict (412) that says what changed. */
  if (wb_record_page_has_unsaved_edits (self))
    wb_record_page_toast (self, _("Someone else changed this record. Your edits are kept; "
                                  "saving will show you what changed."));
  wb_record_page_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
on_remote_change_cb (WbSession         *session,
                     const WbApiChange *change,
                     WbRecordPage      *self)
{
  WbRecordPagePrivate *priv = PRIV (self);
  gboolean same = g_strcmp0 (change->resource, priv->resource) == 0 && change->id == priv->record_id;

  if (priv->resource == NULL || priv->record_id <= 0)
    return;
  /* The page's own save comes back too: nothing new to show. */
  if (same && change->version > 0 && change->version <= priv->version)
    return;
  if (!wb_api_change_concerns (change, priv->resource, priv->record_id) &&
      !(g_str_equal (change->resource, "matches") &&
        (g_str_equal (priv->resource, "clients") || g_str_equal (priv->resource, "vacancies"))))
    return;
  if (!same && WB_RECORD_PAGE_GET_CLASS (self)->follow_change != NULL &&
      WB_RECORD_PAGE_GET_CLASS (self)->follow_change (self, change))
    return;
  if (priv->follow_id == 0)
    priv->follow_id = g_timeout_add (100, on_follow_cb, self);
}

void
wb_record_page_refresh (WbRecordPage *self)
{
  WbRecordPagePrivate *priv;

  g_return_if_fail (WB_IS_RECORD_PAGE (self));

  priv = PRIV (self);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (priv->stack), "record") == 0)
    {
      priv->restore_scroll = gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (priv->scrolled));
      priv->restore_pending = TRUE;
      /* After the reload has built the cards again and they have their size. */
      g_timeout_add_full (G_PRIORITY_LOW, 400, on_restore_scroll_cb, g_object_ref (self), NULL);
    }
  wb_record_page_reload (self);
}

void
wb_record_page_set_session (WbRecordPage *self,
                            WbSession    *session)
{
  WbRecordPagePrivate *priv;

  g_return_if_fail (WB_IS_RECORD_PAGE (self));

  priv = PRIV (self);
  if (priv->session != session)
    {
      if (priv->session != NULL)
        g_signal_handlers_disconnect_by_func (priv->session, on_remote_change_cb, self);
      g_set_weak_pointer (&priv->session, session);
      if (session != NULL)
        g_signal_connect (session, "remote-change", G_CALLBACK (on_remote_change_cb), self);
    }
  WB_RECORD_PAGE_GET_CLASS (self)->set_session (self, session);
}

void
wb_record_page_load (WbRecordPage *self,
                     WbRecord     *summary)
{
  WbRecordPagePrivate *priv;
  gboolean stays;
  gint64 id;

  g_return_if_fail (WB_IS_RECORD_PAGE (self));
  g_return_if_fail (WB_IS_RECORD (summary));

  priv = PRIV (self);
  id = wb_record_get_id (summary);
  /* A page with unsaved edits stays on its record (the subclass says so and keeps it). */
  stays = wb_record_page_has_unsaved_edits (self);
  WB_RECORD_PAGE_GET_CLASS (self)->load (self, summary);
  if (stays)
    return;
  /* Another record starts at its top, not where the last one was left; the same one read
   * again stays where it is. */
  if (id != priv->record_id)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (priv->scrolled), 0);
  priv->record_id = id;
  /* What the page follows of others' changes (on_remote_change_cb). */
  priv->resource = wb_resource_spec_get (wb_record_get_resource (summary))->name;
  priv->version = wb_record_get_version (summary);
  priv->restore_pending = FALSE;
  g_clear_handle_id (&priv->follow_id, g_source_remove);
}

void
wb_record_page_reload (WbRecordPage *self)
{
  g_return_if_fail (WB_IS_RECORD_PAGE (self));
  WB_RECORD_PAGE_GET_CLASS (self)->reload (self);
}

gboolean
wb_record_page_has_unsaved_edits (WbRecordPage *self)
{
  g_return_val_if_fail (WB_IS_RECORD_PAGE (self), FALSE);
  return WB_RECORD_PAGE_GET_CLASS (self)->has_unsaved_edits (self);
}

void
wb_record_page_present_editor (WbRecordPage *self)
{
  g_return_if_fail (WB_IS_RECORD_PAGE (self));
  WB_RECORD_PAGE_GET_CLASS (self)->present_editor (self);
}

GtkAdjustment *
wb_record_page_get_vadjustment (WbRecordPage *self)
{
  g_return_val_if_fail (WB_IS_RECORD_PAGE (self), NULL);
  return gtk_scrolled_window_get_vadjustment (PRIV (self)->scrolled);
}

void
wb_record_page_set_side (WbRecordPage *self,
                         GtkWidget    *widget)
{
  WbRecordPagePrivate *priv;

  g_return_if_fail (WB_IS_RECORD_PAGE (self));
  g_return_if_fail (widget == NULL || GTK_IS_WIDGET (widget));

  priv = PRIV (self);
  if (priv->side == widget)
    return;
  if (priv->side != NULL)
    {
      g_signal_handlers_disconnect_by_func (priv->side, on_side_visible_cb, self);
      if (gtk_widget_get_parent (priv->side) != NULL)
        gtk_box_remove (GTK_BOX (gtk_widget_get_parent (priv->side)), priv->side);
      g_clear_object (&priv->side);
    }
  if (widget != NULL)
    {
      priv->side = g_object_ref_sink (widget);
      g_signal_connect (widget, "notify::visible", G_CALLBACK (on_side_visible_cb), self);
    }
  place_side (self);
}

gboolean
wb_record_page_get_wide (WbRecordPage *self)
{
  g_return_val_if_fail (WB_IS_RECORD_PAGE (self), FALSE);
  return PRIV (self)->wide;
}
