/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-a11y"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "wb-a11y.h"
#include "wb-list-row.h"
#include "wb-filter-dropdown.h"

char *
wb_a11y_strip_mnemonic (const char *label)
{
  GString *text;

  g_return_val_if_fail (label != NULL, NULL);

  text = g_string_sized_new (strlen (label));
  for (const char *p = label; *p != '\0'; p++)
    {
      /* "__" stands for one underscore; a single one marks the mnemonic. */
      if (*p == '_' && p[1] == '_')
        p++;
      else if (*p == '_')
        continue;
      g_string_append_c (text, *p);
    }
  return g_string_free (text, FALSE);
}

static void
name_button (GtkWidget *button)
{
  g_autofree char *name = wb_a11y_strip_mnemonic (gtk_button_get_label (GTK_BUTTON (button)));

  wb_a11y_set_label (button, name);
}

GtkWidget *
wb_a11y_button_new_with_mnemonic (const char *label)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  name_button (button);
  return button;
}

void
wb_a11y_set_label (GtkWidget  *widget,
                   const char *label)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  /* A mnemonic label names its widget too ("labelled by"), and GTK 4.8 speaks both, "Save
   * Save": the label given here is the one name. */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  if (GTK_IS_DROP_DOWN (widget) || GTK_IS_MENU_BUTTON (widget))
    for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      if (GTK_IS_TOGGLE_BUTTON (child))
        {
          gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
          /* A menu button's own button is labelled by the menu button as well: one name. */
          gtk_accessible_reset_relation (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
        }
}

guint
wb_a11y_name_icon_buttons (GtkWidget  *root,
                           const char *icon_name,
                           const char *label)
{
  guint n = 0;

  g_return_val_if_fail (GTK_IS_WIDGET (root), 0);

  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (root)), icon_name) == 0)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      n++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += wb_a11y_name_icon_buttons (child, icon_name, label);
  return n;
}

static gboolean
on_map_cb (GSignalInvocationHint *hint,
           guint                  n_values,
           const GValue          *values,
           gpointer               user_data)
{
  GtkWidget *widget = g_value_get_object (&values[0]);
  const char *label;

  if (!GTK_IS_BUTTON (widget) || !gtk_button_get_use_underline (GTK_BUTTON (widget)) ||
      gtk_widget_get_ancestor (widget, ADW_TYPE_MESSAGE_DIALOG) == NULL)
    return TRUE;
  label = gtk_button_get_label (GTK_BUTTON (widget));
  if (label != NULL && strchr (label, '_') != NULL)
    name_button (widget);
  return TRUE;
}

/* What is not on screen is not read out. GTK 4.8 exposes every child of a stack, a leaflet
 * or a squeezer, shown or not ("Werkbrug Could Not Start" beside the list), and marks none
 * of them as showing: a widget that is unmapped is hidden from the accessibility tree until
 * it is mapped again. */

static gboolean
is_hidden (GtkWidget *widget)
{
  g_autofree char *other = gtk_test_accessible_check_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE);

  return other == NULL;
}

static void
hide (GtkWidget *widget)
{
  /* GtkWidget's own "hidden" follows its visibility; only the unmapped but visible. */
  if (gtk_widget_get_visible (widget) && !is_hidden (widget))
    gtk_accessible_update_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
}

static gboolean
on_unmap_cb (GSignalInvocationHint *hint,
             guint                  n_values,
             const GValue          *values,
             gpointer               user_data)
{
  hide (g_value_get_object (&values[0]));
  return TRUE;
}

/* One name: a widget with a label of its own that a mnemonic or its button's label also
 * labels is read "Cancel Cancel" by GTK 4.8, which speaks the label and what labels it. */
static void
one_name (GtkWidget *widget)
{
  GtkAccessible *accessible = GTK_ACCESSIBLE (widget);
  const char *label;

  /* A button with a mnemonic gets its label, underscore and all, as its name from GTK 4.8
   * ("_Save"), which a screen reader reads out; a name given to it stays. */
  if (GTK_IS_BUTTON (widget) && gtk_button_get_use_underline (GTK_BUTTON (widget)) &&
      (label = gtk_button_get_label (GTK_BUTTON (widget))) != NULL && strchr (label, '_') != NULL)
    {
      g_autofree char *other = gtk_test_accessible_check_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL, label);

      if (other == NULL)
        {
          name_button (widget);
          return;
        }
    }
  if (gtk_test_accessible_has_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY) &&
      gtk_test_accessible_has_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL))
    gtk_accessible_reset_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

/* The options of a drop-down (and of a combo row) are rows that GTK 4.8 leaves without a
 * name: each speaks the text it shows, also after the list reuses it for another option.
 * The label it follows is held weakly: a list may build a line's content anew. */
#define OPTION_LABEL_KEY "wb-a11y-option-label"

static void
name_option (GtkWidget *row,
             GtkWidget *label)
{
  const char *text = gtk_label_get_text (GTK_LABEL (label));

  if (text != NULL && *text != '\0' && gtk_widget_is_ancestor (label, row))
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

static void
on_option_label_cb (GtkWidget  *label,
                    GParamSpec *pspec,
                    GtkWidget  *row)
{
  name_option (row, label);
}

static GtkWidget *
first_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *label = first_label (child);

      if (label != NULL)
        return label;
    }
  return NULL;
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

static void
follow_option (GtkWidget *row)
{
  GWeakRef *ref = g_object_get_data (G_OBJECT (row), OPTION_LABEL_KEY);
  g_autoptr(GtkWidget) label = ref != NULL ? g_weak_ref_get (ref) : NULL;

  if (label == NULL || !gtk_widget_is_ancestor (label, row))
    {
      g_clear_object (&label);
      label = first_label (row);
      if (label == NULL)
        return;
      g_object_ref (label);
      ref = g_new0 (GWeakRef, 1);
      g_weak_ref_init (ref, label);
      g_object_set_data_full (G_OBJECT (row), OPTION_LABEL_KEY, ref, weak_ref_free);
      g_signal_connect_object (label, "notify::label", G_CALLBACK (on_option_label_cb), row, 0);
    }
  name_option (row, label);
}

/* An option of a drop-down (GTK's or a filter's) or a combo row, or a line of a plain list
 * view (a candidate, a suitable vacancy): GTK 4.8 names neither. The lines of a column view
 * and of a WbListView (each a WbListRow) are the list machinery's, which names them itself. */
static gboolean
is_option (GtkWidget *widget)
{
  static GType list_item_type = 0;
  GtkWidget *popover;

  if (list_item_type == 0)
    list_item_type = g_type_from_name ("GtkListItemWidget");
  if (list_item_type == 0 || G_OBJECT_TYPE (widget) != list_item_type)
    return FALSE;
  popover = gtk_widget_get_ancestor (widget, GTK_TYPE_POPOVER);
  if (popover != NULL)
    return gtk_widget_get_ancestor (popover, GTK_TYPE_DROP_DOWN) != NULL ||
           gtk_widget_get_ancestor (popover, WB_TYPE_FILTER_DROPDOWN) != NULL ||
           gtk_widget_get_ancestor (popover, ADW_TYPE_COMBO_ROW) != NULL;
  return GTK_IS_LIST_VIEW (gtk_widget_get_parent (widget)) &&
         gtk_widget_get_ancestor (widget, GTK_TYPE_COLUMN_VIEW) == NULL &&
         (gtk_widget_get_first_child (widget) == NULL || !WB_IS_LIST_ROW (gtk_widget_get_first_child (widget))) &&
         gtk_widget_get_ancestor (widget, ADW_TYPE_COMBO_ROW) == NULL;
}

/* A row of a GtkListBox or a child of a GtkFlowBox made of labels of its own (a timeline
 * event, a candidate, a requirement) has no name in GTK 4.8: it speaks what it shows. */
static void
collect_texts (GtkWidget *widget,
               GString   *text,
               guint     *n)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL && *n < 4;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_visible (child))
        continue;
      if (GTK_IS_LABEL (child))
        {
          const char *label = gtk_label_get_text (GTK_LABEL (child));

          if (label != NULL && *label != '\0')
            {
              g_string_append_printf (text, "%s%s", text->len > 0 ? ", " : "", label);
              (*n)++;
            }
        }
      else
        collect_texts (child, text, n);
    }
}

static void
name_row (GtkWidget *row)
{
  GtkAccessible *accessible = GTK_ACCESSIBLE (row);
  g_autoptr(GString) text = NULL;
  guint n = 0;

  if (gtk_test_accessible_has_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL) ||
      gtk_test_accessible_has_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return;
  text = g_string_new (NULL);
  collect_texts (row, text, &n);
  if (text->len > 0)
    gtk_accessible_update_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL, text->str, -1);
}

static gboolean
on_shown_cb (GSignalInvocationHint *hint,
             guint                  n_values,
             const GValue          *values,
             gpointer               user_data)
{
  GtkWidget *widget = g_value_get_object (&values[0]);

  if (is_hidden (widget))
    gtk_accessible_update_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_HIDDEN, FALSE, -1);
  /* The hook runs after the widget mapped its children: a visible child it left unmapped
   * (the other pages of a stack, the other child of a squeezer, a folded revealer) is not on
   * screen, also when it never was. */
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (!gtk_widget_get_mapped (child))
      hide (child);
  one_name (widget);
  /* Scroll bars are named by their class ("GtkScrollbar") otherwise. */
  if (GTK_IS_SCROLLBAR (widget) &&
      !gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    gtk_orientable_get_orientation (GTK_ORIENTABLE (widget)) == GTK_ORIENTATION_VERTICAL ?
                                    _("Vertical scroll bar") : _("Horizontal scroll bar"), -1);
  if (is_option (widget))
    follow_option (widget);
  else if (GTK_IS_LIST_VIEW (widget) && gtk_widget_get_ancestor (widget, ADW_TYPE_COMBO_ROW) != NULL)
    {
      /* A combo row shows its choice in a list of its own, whose line has no name either. */
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        if (g_strcmp0 (G_OBJECT_TYPE_NAME (child), "GtkListItemWidget") == 0)
          follow_option (child);
    }
  else if (GTK_IS_LIST_BOX_ROW (widget) || GTK_IS_FLOW_BOX_CHILD (widget))
    name_row (widget);
  /* The shortcuts window's search button shows a picture only ("GtkImage"). */
  if (GTK_IS_SHORTCUTS_WINDOW (widget))
    wb_a11y_name_icon_buttons (widget, "edit-find-symbolic", _("Search the shortcuts"));
  return TRUE;
}

void
wb_a11y_hide_unmapped (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (!gtk_widget_get_mapped (widget))
    hide (widget);
}

/* With GTK_A11Y=none GTK 4.8 gives no widget an accessible context: there is no tree to
 * mend, and the functions that read it (gtk_test_accessible_*) fail a critical check on
 * every widget. */
static gboolean
accessibility_off (void)
{
  const char *backend = g_getenv ("GTK_A11Y");

  return backend != NULL && g_ascii_strcasecmp (backend, "none") == 0;
}

void
wb_a11y_install (void)
{
  static gsize installed = 0;

  wb_a11y_name_dialog_buttons ();
  if (accessibility_off ())
    return;
  if (g_once_init_enter (&installed))
    {
      GTypeClass *klass = g_type_class_ref (GTK_TYPE_WIDGET);

      g_signal_add_emission_hook (g_signal_lookup ("map", GTK_TYPE_WIDGET), 0, on_shown_cb, klass, NULL);
      g_signal_add_emission_hook (g_signal_lookup ("unmap", GTK_TYPE_WIDGET), 0, on_unmap_cb, klass, NULL);
      g_once_init_leave (&installed, 1);
    }
}

void
wb_a11y_name_dialog_buttons (void)
{
  static gsize installed = 0;

  if (accessibility_off ())
    return;
  if (g_once_init_enter (&installed))
    {
      /* The signal exists once the class does; the class stays for the hook's lifetime. */
      GTypeClass *klass = g_type_class_ref (GTK_TYPE_BUTTON);

      g_signal_add_emission_hook (g_signal_lookup ("map", GTK_TYPE_WIDGET), 0, on_map_cb, klass, NULL);
      g_once_init_leave (&installed, 1);
    }
}

#define TOAST_STATUS_KEY "wb-a11y-toast-status"
/* A toast's words, kept on it: its own title is unset by the title that wraps. */
#define TOAST_TEXT_KEY "wb-a11y-toast-text"
/* A toast's title wraps beyond this many characters (a line of a wide window), or fewer
 * where the window is narrow: the toast takes its title's width, and what is wider than the
 * window is cut off. The toast's margins, padding and close button take about
 * TOAST_CHROME_PX, and a character of its bold title about TOAST_CHAR_PX. */
#define TOAST_TITLE_CHARS 90
#define TOAST_CHROME_PX 130
#define TOAST_CHAR_PX 9

void
wb_a11y_set_toast_status (AdwToastOverlay *overlay,
                          GtkLabel        *status)
{
  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (status == NULL || GTK_IS_LABEL (status));

  g_object_set_data (G_OBJECT (overlay), TOAST_STATUS_KEY, status);
}

static void
on_toast_dismissed_cb (AdwToast *toast,
                       GtkLabel *status)
{
  /* Said once: a reader walking the window later does not come upon an old message. */
  if (g_strcmp0 (gtk_label_get_text (status), g_object_get_data (G_OBJECT (toast), TOAST_TEXT_KEY)) == 0)
    gtk_label_set_text (status, "");
}

gboolean
wb_a11y_add_toast (GtkWidget *widget,
                   AdwToast  *toast)
{
  GtkWidget *overlay;
  GtkLabel *status;
  const char *text;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (ADW_IS_TOAST (toast), FALSE);

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    {
      g_object_unref (toast);
      return FALSE;
    }
  /* libadwaita 1.2 gives a toast's title two lines at most and ellipsizes the rest, which a
   * narrow window cuts a long message to: a title of its own that wraps as far as it needs.
   * (A custom title unsets the toast's title: its words are kept on the toast.) */
  g_object_set_data_full (G_OBJECT (toast), TOAST_TEXT_KEY, g_strdup (adw_toast_get_title (toast)), g_free);
  text = g_object_get_data (G_OBJECT (toast), TOAST_TEXT_KEY);
  if (adw_toast_get_custom_title (toast) == NULL && text != NULL)
    {
      int width = gtk_widget_get_width (overlay);
      int chars = width > 0 ? CLAMP ((width - TOAST_CHROME_PX) / TOAST_CHAR_PX, 16, TOAST_TITLE_CHARS)
                            : TOAST_TITLE_CHARS;
      GtkWidget *title = g_object_new (GTK_TYPE_LABEL,
                                       "label", text,
                                       "wrap", TRUE,
                                       "wrap-mode", PANGO_WRAP_WORD_CHAR,
                                       "max-width-chars", chars,
                                       "xalign", 0.0f,
                                       NULL);

      gtk_widget_add_css_class (title, "heading");
      adw_toast_set_custom_title (toast, title);
    }
  status = g_object_get_data (G_OBJECT (overlay), TOAST_STATUS_KEY);
  if (status != NULL && text != NULL)
    {
      /* The same message twice is a change too. */
      gtk_label_set_text (status, "");
      gtk_label_set_text (status, text);
      g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_toast_dismissed_cb), status, 0);
    }
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  return TRUE;
}
