/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-filter-dropdown"

#include "config.h"

#include "wb-a11y.h"
#include "wb-filter-dropdown.h"

struct _WbFilterDropdown
{
  GtkWidget parent_instance;

  GtkMenuButton *button;
  GtkLabel *label;           /* on the button: the item selected */
  GtkStringList *labels;     /* "any", then a label a value */
  GPtrArray *values;         /* the values, in the order of the labels after the first */
  guint selected;
  GtkListView *list;         /* in the popover, made as it first opens */
  GtkSingleSelection *list_selection;
  guint focus_tick_id;       /* while the option selected waits for its row */
  guint focus_tries;
  gboolean scrolled_to_selected;
  GPtrArray *pending_labels; /* between begin_choices and end_choices */
  GPtrArray *pending_values;
};

G_DEFINE_FINAL_TYPE (WbFilterDropdown, wb_filter_dropdown, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SELECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* At most this tall, the list scrolls (as GtkDropDown's does). */
#define MAX_LIST_HEIGHT 400

/* The list item an option's row shows, kept on the row's child. */
#define ITEM_KEY "wb-filter-item"

static void
update_button_label (WbFilterDropdown *self)
{
  gtk_label_set_text (self->label, wb_filter_dropdown_get_label (self));
}

/* The list in the popover */

static void
update_check (GtkListItem      *item,
              WbFilterDropdown *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);

  gtk_widget_set_opacity (gtk_widget_get_last_child (box), gtk_list_item_get_position (item) == self->selected ? 1 : 0);
}

static void
on_selected_for_item_cb (WbFilterDropdown *self,
                         GParamSpec       *pspec,
                         GtkListItem      *item)
{
  update_check (item, self);
}

static void
setup_item_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               WbFilterDropdown         *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *check = g_object_new (GTK_TYPE_IMAGE, "icon-name", "object-select-symbolic",
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), check);
  g_object_set_data (G_OBJECT (box), ITEM_KEY, item);
  gtk_list_item_set_child (item, box);
}

static void
bind_item_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              WbFilterDropdown         *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);

  /* The option speaks this text, as GtkDropDown's options do (wb-a11y.c names them). */
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (box)),
                      gtk_string_object_get_string (gtk_list_item_get_item (item)));
  g_signal_connect (self, "notify::selected", G_CALLBACK (on_selected_for_item_cb), item);
  update_check (item, self);
}

static void
unbind_item_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                WbFilterDropdown         *self)
{
  g_signal_handlers_disconnect_by_func (self, on_selected_for_item_cb, item);
}

static void
on_item_activated_cb (GtkListView      *list,
                      guint             position,
                      WbFilterDropdown *self)
{
  wb_filter_dropdown_set_selected (self, position);
  gtk_menu_button_popdown (self->button);
}

/* Gives the keyboard to the row of the option selected, once the list shows it: mapped is
 * not enough, a row just scrolled away is still mapped for a frame, out of sight. */
static gboolean
focus_selected_row (WbFilterDropdown *self)
{
  GtkWidget *scroller = gtk_widget_get_parent (GTK_WIDGET (self->list));

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *child = gtk_widget_get_first_child (row);
      GtkListItem *item = child != NULL ? g_object_get_data (G_OBJECT (child), ITEM_KEY) : NULL;
      graphene_rect_t bounds;

      if (item == NULL || gtk_list_item_get_position (item) != self->selected || !gtk_widget_get_mapped (row) ||
          !gtk_widget_compute_bounds (row, scroller, &bounds))
        continue;
      if (bounds.origin.y < 0 || bounds.origin.y + bounds.size.height > gtk_widget_get_height (scroller))
        return FALSE;
      return gtk_widget_grab_focus (row);
    }
  return FALSE;
}

static void
stop_focusing (WbFilterDropdown *self)
{
  if (self->focus_tick_id != 0 && self->list != NULL)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->list), self->focus_tick_id);
  self->focus_tick_id = 0;
}

/* At every frame, a few: the list is scrolled to the option selected once it has its size
 * (a list opened for the first time has none yet, and a scroll asked before is lost), and
 * the option's row takes the keyboard once it is placed in view. */
static gboolean
focus_selected_tick_cb (GtkWidget     *list,
                        GdkFrameClock *clock,
                        gpointer       user_data)
{
  WbFilterDropdown *self = user_data;

  if (++self->focus_tries > 8)
    {
      self->focus_tick_id = 0;
      return G_SOURCE_REMOVE;
    }
  if (!self->scrolled_to_selected)
    {
      if (gtk_widget_get_height (list) > 0)
        {
          gtk_widget_activate_action (list, "list.scroll-to-item", "u", self->selected);
          self->scrolled_to_selected = TRUE;
        }
      return G_SOURCE_CONTINUE;
    }
  if (focus_selected_row (self))
    {
      self->focus_tick_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* Open or closed, as a screen reader hears a drop-down. Opened, the keyboard is on the
 * option selected, as in a drop-down, so that Up and Down go on from there. */
static void
on_popover_visible_cb (GtkWidget        *popover,
                       GParamSpec       *pspec,
                       WbFilterDropdown *self)
{
  gboolean open = gtk_widget_get_visible (popover);

  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_EXPANDED, open, -1);
  stop_focusing (self);
  if (!open || self->list == NULL)
    return;
  self->focus_tries = 0;
  self->scrolled_to_selected = FALSE;
  self->focus_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->list), focus_selected_tick_cb, self, NULL);
}

static void
create_popup_cb (GtkMenuButton    *button,
                 WbFilterDropdown *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  GtkWidget *popover, *scrolled;

  if (self->list != NULL)
    {
      /* Open again: the list's selection is the item selected. */
      gtk_single_selection_set_selected (self->list_selection, self->selected);
      return;
    }
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_item_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_item_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_item_cb), self);
  self->list_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->labels)));
  gtk_single_selection_set_autoselect (self->list_selection, FALSE);
  gtk_single_selection_set_selected (self->list_selection, self->selected);
  self->list = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (self->list_selection)),
                                                 g_object_ref (factory)));
  gtk_list_view_set_single_click_activate (self->list, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "wb-filter-options");
  g_signal_connect (self->list, "activate", G_CALLBACK (on_item_activated_cb), self);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), MAX_LIST_HEIGHT);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list));
  popover = gtk_popover_new ();
  g_signal_connect (popover, "notify::visible", G_CALLBACK (on_popover_visible_cb), self);
  gtk_widget_add_css_class (popover, "menu");
  gtk_popover_set_child (GTK_POPOVER (popover), scrolled);
  gtk_menu_button_set_popover (button, popover);
}

/* The focus goes to the button, as GtkDropDown gives it to its own. */
static gboolean
wb_filter_dropdown_grab_focus (GtkWidget *widget)
{
  WbFilterDropdown *self = WB_FILTER_DROPDOWN (widget);

  return self->button != NULL && gtk_widget_grab_focus (GTK_WIDGET (self->button));
}

/* GObject */

static void
wb_filter_dropdown_dispose (GObject *object)
{
  WbFilterDropdown *self = WB_FILTER_DROPDOWN (object);

  stop_focusing (self);
  if (self->button != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->button));
  self->button = NULL;
  self->list = NULL;
  g_clear_object (&self->list_selection);

  G_OBJECT_CLASS (wb_filter_dropdown_parent_class)->dispose (object);
}

static void
wb_filter_dropdown_finalize (GObject *object)
{
  WbFilterDropdown *self = WB_FILTER_DROPDOWN (object);

  g_clear_object (&self->labels);
  g_clear_pointer (&self->values, g_ptr_array_unref);
  g_clear_pointer (&self->pending_labels, g_ptr_array_unref);
  g_clear_pointer (&self->pending_values, g_ptr_array_unref);

  G_OBJECT_CLASS (wb_filter_dropdown_parent_class)->finalize (object);
}

static void
wb_filter_dropdown_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  WbFilterDropdown *self = WB_FILTER_DROPDOWN (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      g_value_set_uint (value, self->selected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_filter_dropdown_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  WbFilterDropdown *self = WB_FILTER_DROPDOWN (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      wb_filter_dropdown_set_selected (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_filter_dropdown_class_init (WbFilterDropdownClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wb_filter_dropdown_dispose;
  object_class->finalize = wb_filter_dropdown_finalize;
  object_class->get_property = wb_filter_dropdown_get_property;
  object_class->set_property = wb_filter_dropdown_set_property;

  properties[PROP_SELECTED] =
    g_param_spec_uint ("selected", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  widget_class->grab_focus = wb_filter_dropdown_grab_focus;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "wbfilterdropdown");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_COMBO_BOX);
}

static void
wb_filter_dropdown_init (WbFilterDropdown *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->labels = gtk_string_list_new (NULL);
  self->values = g_ptr_array_new_with_free_func (g_free);
  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  /* The item at the start and the arrow at the end, as on GtkDropDown's button: a menu
   * button's own label and arrow stand together in its middle. */
  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->label, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->label), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->label));
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("pan-down-symbolic"));
  gtk_menu_button_set_child (self->button, box);
  /* GTK puts the child in boxes of its own that keep to their natural width, centred. */
  for (GtkWidget *widget = box; widget != NULL && widget != GTK_WIDGET (self->button);
       widget = gtk_widget_get_parent (widget))
    {
      gtk_widget_set_hexpand (widget, TRUE);
      gtk_widget_set_halign (widget, GTK_ALIGN_FILL);
    }
  gtk_menu_button_set_create_popup_func (self->button, (GtkMenuButtonCreatePopupFunc) create_popup_cb, self, NULL);
  gtk_widget_set_parent (GTK_WIDGET (self->button), GTK_WIDGET (self));
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_EXPANDED, FALSE, -1);
}

/* Public API */

WbFilterDropdown *
wb_filter_dropdown_new (const char *any_label,
                        const char *accessible_label)
{
  WbFilterDropdown *self = g_object_new (WB_TYPE_FILTER_DROPDOWN, NULL);

  gtk_string_list_append (self->labels, any_label);
  update_button_label (self);
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), accessible_label);
  wb_a11y_set_label (GTK_WIDGET (self), accessible_label);
  wb_a11y_set_label (GTK_WIDGET (self->button), accessible_label);
  return self;
}

void
wb_filter_dropdown_add_choice (WbFilterDropdown *self,
                               const char       *label,
                               const char       *value)
{
  g_return_if_fail (WB_IS_FILTER_DROPDOWN (self));

  if (self->pending_labels != NULL)
    {
      g_ptr_array_add (self->pending_labels, g_strdup (label));
      g_ptr_array_add (self->pending_values, g_strdup (value));
      return;
    }
  gtk_string_list_append (self->labels, label);
  g_ptr_array_add (self->values, g_strdup (value));
}

void
wb_filter_dropdown_begin_choices (WbFilterDropdown *self)
{
  g_return_if_fail (WB_IS_FILTER_DROPDOWN (self));
  g_return_if_fail (self->pending_labels == NULL);

  self->pending_labels = g_ptr_array_new_with_free_func (g_free);
  self->pending_values = g_ptr_array_new_with_free_func (g_free);
}

static gboolean
pending_choices_unchanged (WbFilterDropdown *self)
{
  if (self->values->len != self->pending_values->len)
    return FALSE;
  for (guint i = 0; i < self->values->len; i++)
    if (g_strcmp0 (self->values->pdata[i], self->pending_values->pdata[i]) != 0 ||
        g_strcmp0 (gtk_string_list_get_string (self->labels, i + 1), self->pending_labels->pdata[i]) != 0)
      return FALSE;
  return TRUE;
}

void
wb_filter_dropdown_end_choices (WbFilterDropdown *self)
{
  g_return_if_fail (WB_IS_FILTER_DROPDOWN (self));
  g_return_if_fail (self->pending_labels != NULL);

  if (!pending_choices_unchanged (self))
    {
      wb_filter_dropdown_set_selected (self, 0);
      g_ptr_array_add (self->pending_labels, NULL);
      gtk_string_list_splice (self->labels, 1, g_list_model_get_n_items (G_LIST_MODEL (self->labels)) - 1,
                              (const char * const *) self->pending_labels->pdata);
      /* The values gathered are the drop-down's now. */
      g_ptr_array_unref (self->values);
      self->values = g_steal_pointer (&self->pending_values);
    }
  g_clear_pointer (&self->pending_labels, g_ptr_array_unref);
  g_clear_pointer (&self->pending_values, g_ptr_array_unref);
}

const char *
wb_filter_dropdown_get_value (WbFilterDropdown *self)
{
  g_return_val_if_fail (WB_IS_FILTER_DROPDOWN (self), NULL);

  return self->selected > 0 && self->selected - 1 < self->values->len ? self->values->pdata[self->selected - 1] : NULL;
}

gboolean
wb_filter_dropdown_select_value (WbFilterDropdown *self,
                                 const char       *value)
{
  g_return_val_if_fail (WB_IS_FILTER_DROPDOWN (self), FALSE);

  for (guint i = 0; i < self->values->len; i++)
    if (g_strcmp0 (self->values->pdata[i], value) == 0)
      {
        wb_filter_dropdown_set_selected (self, i + 1);
        return TRUE;
      }
  return FALSE;
}

GListModel *
wb_filter_dropdown_get_model (WbFilterDropdown *self)
{
  g_return_val_if_fail (WB_IS_FILTER_DROPDOWN (self), NULL);
  return G_LIST_MODEL (self->labels);
}

guint
wb_filter_dropdown_get_selected (WbFilterDropdown *self)
{
  g_return_val_if_fail (WB_IS_FILTER_DROPDOWN (self), 0);
  return self->selected;
}

void
wb_filter_dropdown_set_selected (WbFilterDropdown *self,
                                 guint             position)
{
  g_return_if_fail (WB_IS_FILTER_DROPDOWN (self));
  g_return_if_fail (position < g_list_model_get_n_items (G_LIST_MODEL (self->labels)));

  if (self->selected == position)
    return;
  self->selected = position;
  update_button_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

const char *
wb_filter_dropdown_get_label (WbFilterDropdown *self)
{
  g_return_val_if_fail (WB_IS_FILTER_DROPDOWN (self), NULL);
  return gtk_string_list_get_string (self->labels, self->selected);
}
