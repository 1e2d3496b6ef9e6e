/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-view-switcher-grid"

#include "config.h"

#include "wb-a11y.h"
#include "wb-view-switcher-face.h"
#include "wb-view-switcher-grid.h"

struct _WbViewSwitcherGrid
{
  GtkWidget parent_instance;

  AdwViewStack *stack;
  GtkSelectionModel *pages;
  GPtrArray *watched;      /* AdwViewStackPage whose changes rebuild the buttons */
  gboolean syncing;        /* buttons follow the stack: no switching back */
  gboolean single_row;     /* a header's switcher (wb_view_switcher_grid_new_row) */
};

G_DEFINE_FINAL_TYPE (WbViewSwitcherGrid, wb_view_switcher_grid, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STACK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define PAGE_KEY "wb-view-page"
#define SPACING 0

static void rebuild (WbViewSwitcherGrid *self);

/* The layout: every button as wide as the others, as many in a row as the widest title's
 * longest word allows, the rows as even as can be (six pages at 360 px: two rows of three). */

static guint
n_buttons (WbViewSwitcherGrid *self)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += gtk_widget_get_visible (child) ? 1 : 0;
  return n;
}

static int
widest_minimum (WbViewSwitcherGrid *self)
{
  int widest = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int minimum = 0;

      if (!gtk_widget_get_visible (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
      widest = MAX (widest, minimum);
    }
  return widest;
}

static int
widest_natural (WbViewSwitcherGrid *self)
{
  int widest = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int natural = 0;

      if (!gtk_widget_get_visible (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
      widest = MAX (widest, natural);
    }
  return widest;
}

/* How many buttons go in a row at @width. */
static guint
per_row (WbViewSwitcherGrid *self,
         int                 width)
{
  guint n = n_buttons (self);
  int natural = widest_natural (self);
  /* As many as fit at their natural width, else at their smallest. */
  int cell = MAX (natural * (int) MIN (n, 2u) <= width ? natural : widest_minimum (self), 1);
  guint fit, rows;

  if (n == 0)
    return 1;
  fit = CLAMP ((guint) ((width + SPACING) / (cell + SPACING)), 1, n);
  rows = (n + fit - 1) / fit;
  return (n + rows - 1) / rows;
}

static int
row_height (WbViewSwitcherGrid *self,
            int                 cell_width)
{
  int height = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int natural = 0;

      if (!gtk_widget_get_visible (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, cell_width, NULL, &natural, NULL, NULL);
      height = MAX (height, natural);
    }
  return height;
}

static void
wb_view_switcher_grid_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  WbViewSwitcherGrid *self = WB_VIEW_SWITCHER_GRID (widget);
  guint n = n_buttons (self);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* At least one button (a row: all, their titles under their icons); naturally all in
       * one row. */
      *minimum = (self->single_row ? (int) n : 1) * widest_minimum (self);
      *natural = MAX (*minimum, (int) n * widest_natural (self));
    }
  else if (self->single_row)
    {
      int cell = n == 0 ? 0 : for_size >= 0 ? for_size / (int) n : widest_natural (self);

      *minimum = *natural = n == 0 ? 0 : row_height (self, cell);
    }
  else
    {
      int width = for_size >= 0 ? for_size : (int) n * widest_natural (self);
      guint columns = per_row (self, width);
      guint rows = n == 0 ? 0 : (n + columns - 1) / columns;

      *minimum = *natural = (int) rows * row_height (self, width / (int) columns);
    }
}

static GtkSizeRequestMode
wb_view_switcher_grid_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
wb_view_switcher_grid_size_allocate (GtkWidget *widget,
                                     int        width,
                                     int        height,
                                     int        baseline)
{
  WbViewSwitcherGrid *self = WB_VIEW_SWITCHER_GRID (widget);
  guint n = n_buttons (self);
  guint columns, rows;
  int cell, line;
  guint i = 0;
  gboolean beside = FALSE;
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;

  if (self->single_row)
    {
      /* One row, every button as wide as the widest wants and no wider; every title beside
       * its icon where they all fit so, else every one under its icon. */
      int natural = widest_natural (self);

      columns = MAX (n, 1);
      rows = 1;
      cell = MIN (width / (int) columns, natural);
      beside = cell >= natural;
    }
  else
    {
      columns = per_row (self, width);
      rows = n == 0 ? 1 : (n + columns - 1) / columns;
      cell = width / (int) columns;
    }
  line = height / (int) rows;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      guint row, column, in_row;
      int offset, x;

      if (!gtk_widget_get_visible (child))
        continue;
      row = i / columns;
      column = i % columns;
      /* A shorter last row is centred. */
      in_row = MIN (columns, n - row * columns);
      offset = (width - (int) in_row * cell) / 2;
      x = offset + (int) column * cell;
      /* The first view at the start of the row: on the right in a right-to-left language. */
      if (rtl)
        x = width - x - cell;
      wb_view_switcher_face_set_beside (WB_VIEW_SWITCHER_FACE (gtk_button_get_child (GTK_BUTTON (child))), beside);
      gtk_widget_size_allocate (child, &(GtkAllocation) { x, (int) row * line, cell, line }, -1);
      i++;
    }
}

/* The buttons */

static void
on_button_toggled_cb (GtkToggleButton    *button,
                      WbViewSwitcherGrid *self)
{
  AdwViewStackPage *page = g_object_get_data (G_OBJECT (button), PAGE_KEY);

  if (self->syncing || !gtk_toggle_button_get_active (button) || self->stack == NULL)
    return;
  adw_view_stack_set_visible_child (self->stack, adw_view_stack_page_get_child (page));
}

static void
sync_active (WbViewSwitcherGrid *self)
{
  GtkWidget *visible = self->stack != NULL ? adw_view_stack_get_visible_child (self->stack) : NULL;

  self->syncing = TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwViewStackPage *page = g_object_get_data (G_OBJECT (child), PAGE_KEY);

      gboolean active = adw_view_stack_page_get_child (page) == visible;

      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (child), active);
      if (self->single_row)
        gtk_accessible_update_state (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_STATE_SELECTED, active, -1);
    }
  self->syncing = FALSE;
}

#define ICON_KEY "wb-view-icon"
#define TITLE_KEY "wb-view-title"
#define COUNT_KEY "wb-view-count"

/* Shows what @page says now on its @button: icon, title, count, attention. A change of
 * these updates the button in place, so that a focused button keeps the focus when the
 * review queue's count changes. */
static void
update_button (GtkWidget        *button,
               AdwViewStackPage *page)
{
  GtkWidget *icon = g_object_get_data (G_OBJECT (button), ICON_KEY);
  GtkWidget *title = g_object_get_data (G_OBJECT (button), TITLE_KEY);
  GtkWidget *count = g_object_get_data (G_OBJECT (button), COUNT_KEY);
  guint badge = adw_view_stack_page_get_badge_number (page);

  gtk_image_set_from_icon_name (GTK_IMAGE (icon), adw_view_stack_page_get_icon_name (page));
  gtk_label_set_text (GTK_LABEL (title), adw_view_stack_page_get_title (page));
  if (badge > 0)
    {
      g_autofree char *text = badge > 99 ? g_strdup ("99+") : g_strdup_printf ("%u", badge);

      gtk_label_set_text (GTK_LABEL (count), text);
    }
  gtk_widget_set_visible (count, badge > 0);
  /* Room for the count beside the icon's top corner. */
  gtk_widget_set_margin_start (icon, badge > 0 ? 12 : 0);
  gtk_widget_set_margin_end (icon, badge > 0 ? 12 : 0);
  if (adw_view_stack_page_get_needs_attention (page))
    gtk_widget_add_css_class (button, "needs-attention");
  else
    gtk_widget_remove_css_class (button, "needs-attention");
  wb_a11y_set_label (button, adw_view_stack_page_get_title (page));
}

static GtkWidget *
make_button (WbViewSwitcherGrid *self,
             AdwViewStackPage   *page,
             GtkWidget          *group)
{
  /* In a header the buttons are the tabs of the views, as libadwaita's are. */
  GtkWidget *button = self->single_row ? g_object_new (GTK_TYPE_TOGGLE_BUTTON, "accessible-role", GTK_ACCESSIBLE_ROLE_TAB, NULL)
                                        : gtk_toggle_button_new ();
  GtkWidget *overlay = gtk_overlay_new ();
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *count = gtk_label_new (NULL);

  gtk_widget_set_halign (overlay, GTK_ALIGN_CENTER);
  gtk_overlay_set_child (GTK_OVERLAY (overlay), icon);
  gtk_widget_add_css_class (count, "wb-count-badge");
  gtk_widget_set_halign (count, GTK_ALIGN_END);
  gtk_widget_set_valign (count, GTK_ALIGN_START);
  gtk_widget_set_can_target (count, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), count);
  /* Whole words, a long title on two lines; never "…". A header's titles keep one line. */
  gtk_label_set_wrap (GTK_LABEL (label), !self->single_row);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (label, "wb-view-switcher-title");
  gtk_button_set_child (GTK_BUTTON (button), wb_view_switcher_face_new (overlay, label, self->single_row));
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data (G_OBJECT (button), ICON_KEY, icon);
  g_object_set_data (G_OBJECT (button), TITLE_KEY, label);
  g_object_set_data (G_OBJECT (button), COUNT_KEY, count);
  update_button (button, page);
  if (group != NULL)
    gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), GTK_TOGGLE_BUTTON (group));
  g_object_set_data_full (G_OBJECT (button), PAGE_KEY, g_object_ref (page), g_object_unref);
  g_signal_connect (button, "toggled", G_CALLBACK (on_button_toggled_cb), self);
  return button;
}

static GtkWidget *
button_of_page (WbViewSwitcherGrid *self,
                AdwViewStackPage   *page)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_object_get_data (G_OBJECT (child), PAGE_KEY) == page)
      return child;
  return NULL;
}

static void
on_page_notify_cb (AdwViewStackPage   *page,
                   GParamSpec         *pspec,
                   WbViewSwitcherGrid *self)
{
  GtkWidget *button = button_of_page (self, page);

  /* A page shown or hidden changes the buttons; anything else changes one button. */
  if (button == NULL || g_str_equal (pspec->name, "visible"))
    rebuild (self);
  else
    {
      update_button (button, page);
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }
}

static void
unwatch_pages (WbViewSwitcherGrid *self)
{
  for (guint i = 0; i < self->watched->len; i++)
    g_signal_handlers_disconnect_by_func (self->watched->pdata[i], on_page_notify_cb, self);
  g_ptr_array_set_size (self->watched, 0);
}

static void
rebuild (WbViewSwitcherGrid *self)
{
  GtkWidget *child;
  GtkWidget *group = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  g_autoptr(AdwViewStackPage) focused_page = NULL;

  /* The page whose button has the focus keeps it on its new button. */
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    {
      while (focus != NULL && gtk_widget_get_parent (focus) != GTK_WIDGET (self))
        focus = gtk_widget_get_parent (focus);
      if (focus != NULL && g_object_get_data (G_OBJECT (focus), PAGE_KEY) != NULL)
        focused_page = g_object_ref (g_object_get_data (G_OBJECT (focus), PAGE_KEY));
    }
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  unwatch_pages (self);
  if (self->pages == NULL)
    return;
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->pages)); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (self->pages), i);

      g_signal_connect (page, "notify", G_CALLBACK (on_page_notify_cb), self);
      g_ptr_array_add (self->watched, g_object_ref (page));
      if (adw_view_stack_page_get_visible (page))
        {
          GtkWidget *button = make_button (self, page, group);

          if (group == NULL)
            group = button;
          gtk_widget_set_parent (button, GTK_WIDGET (self));
        }
    }
  sync_active (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  if (focused_page != NULL && (child = button_of_page (self, focused_page)) != NULL)
    gtk_widget_grab_focus (child);
}

static void
on_pages_changed_cb (GListModel         *pages,
                     guint               position,
                     guint               removed,
                     guint               added,
                     WbViewSwitcherGrid *self)
{
  rebuild (self);
}

static void
on_visible_child_cb (AdwViewStack       *stack,
                     GParamSpec         *pspec,
                     WbViewSwitcherGrid *self)
{
  sync_active (self);
}

/* GObject */

static void
wb_view_switcher_grid_dispose (GObject *object)
{
  WbViewSwitcherGrid *self = (WbViewSwitcherGrid *) object;

  wb_view_switcher_grid_set_stack (self, NULL);
  g_clear_pointer (&self->watched, g_ptr_array_unref);

  G_OBJECT_CLASS (wb_view_switcher_grid_parent_class)->dispose (object);
}

static void
wb_view_switcher_grid_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  WbViewSwitcherGrid *self = WB_VIEW_SWITCHER_GRID (object);

  switch (prop_id)
    {
    case PROP_STACK:
      g_value_set_object (value, self->stack);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_view_switcher_grid_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  WbViewSwitcherGrid *self = WB_VIEW_SWITCHER_GRID (object);

  switch (prop_id)
    {
    case PROP_STACK:
      wb_view_switcher_grid_set_stack (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_view_switcher_grid_class_init (WbViewSwitcherGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wb_view_switcher_grid_dispose;
  object_class->get_property = wb_view_switcher_grid_get_property;
  object_class->set_property = wb_view_switcher_grid_set_property;
  widget_class->measure = wb_view_switcher_grid_measure;
  widget_class->size_allocate = wb_view_switcher_grid_size_allocate;
  widget_class->get_request_mode = wb_view_switcher_grid_get_request_mode;

  properties[PROP_STACK] =
    g_param_spec_object ("stack", NULL, NULL, ADW_TYPE_VIEW_STACK,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "wbviewswitchergrid");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
wb_view_switcher_grid_init (WbViewSwitcherGrid *self)
{
  self->watched = g_ptr_array_new_with_free_func (g_object_unref);
}

WbViewSwitcherGrid *
wb_view_switcher_grid_new (void)
{
  return g_object_new (WB_TYPE_VIEW_SWITCHER_GRID, NULL);
}

WbViewSwitcherGrid *
wb_view_switcher_grid_new_row (void)
{
  WbViewSwitcherGrid *self = g_object_new (WB_TYPE_VIEW_SWITCHER_GRID,
                                           "accessible-role", GTK_ACCESSIBLE_ROLE_TAB_LIST,
                                           NULL);

  self->single_row = TRUE;
  gtk_widget_add_css_class (GTK_WIDGET (self), "wb-row");
  return self;
}

void
wb_view_switcher_grid_set_stack (WbViewSwitcherGrid *self,
                                 AdwViewStack       *stack)
{
  g_return_if_fail (WB_IS_VIEW_SWITCHER_GRID (self));
  g_return_if_fail (stack == NULL || ADW_IS_VIEW_STACK (stack));

  if (self->stack == stack)
    return;
  if (self->stack != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->stack, self);
      g_signal_handlers_disconnect_by_data (self->pages, self);
    }
  g_clear_object (&self->pages);
  g_set_object (&self->stack, stack);
  if (stack != NULL)
    {
      self->pages = adw_view_stack_get_pages (stack);
      g_signal_connect (self->pages, "items-changed", G_CALLBACK (on_pages_changed_cb), self);
      g_signal_connect (stack, "notify::visible-child", G_CALLBACK (on_visible_child_cb), self);
    }
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STACK]);
}

AdwViewStack *
wb_view_switcher_grid_get_stack (WbViewSwitcherGrid *self)
{
  g_return_val_if_fail (WB_IS_VIEW_SWITCHER_GRID (self), NULL);
  return self->stack;
}

GtkWidget *
wb_view_switcher_grid_get_button (WbViewSwitcherGrid *self,
                                  const char         *name)
{
  g_return_val_if_fail (WB_IS_VIEW_SWITCHER_GRID (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwViewStackPage *page = g_object_get_data (G_OBJECT (child), PAGE_KEY);

      if (g_strcmp0 (adw_view_stack_page_get_name (page), name) == 0)
        return child;
    }
  return NULL;
}
