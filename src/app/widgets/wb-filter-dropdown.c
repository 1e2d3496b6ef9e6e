/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-filter-dropdown"

#include "config.h"

#include "wb-a11y.h"
#include "wb-filter-dropdown.h"

/* The values are kept on the drop-down, in the order of its items after the first. */
#define VALUES_KEY "values"
/* Between begin_choices and end_choices: the labels and values gathered. */
#define PENDING_KEY "pending-choices"

typedef struct {
  GPtrArray *labels;
  GPtrArray *values;
} Pending;

static void
pending_free (Pending *pending)
{
  g_ptr_array_unref (pending->labels);
  g_clear_pointer (&pending->values, g_ptr_array_unref);
  g_free (pending);
}

/* The popup's options get their widgets as it first opens. A GtkListView makes a widget for
 * every option it may show as soon as it has a model, also in a popover nobody opened: the
 * filters of the clients list made 130 options (a box, a label and a check mark each) at
 * every start, 21 million instructions. Until then the popup lists with a factory that
 * makes nothing. */
static void
on_popup_show_cb (GtkWidget   *popover,
                  GtkDropDown *dropdown)
{
  g_signal_handlers_disconnect_by_func (popover, on_popup_show_cb, dropdown);
  /* GTK's own options, with the check mark at the one selected. */
  gtk_drop_down_set_list_factory (dropdown, NULL);
}

GtkDropDown *
wb_filter_dropdown_new (const char *any_label,
                        const char *accessible_label)
{
  g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);
  g_autoptr(GtkListItemFactory) no_widgets = NULL;
  GtkDropDown *dropdown;

  gtk_string_list_append (strings, any_label);
  dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (strings)), NULL));
  no_widgets = gtk_signal_list_item_factory_new ();
  gtk_drop_down_set_list_factory (dropdown, no_widgets);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (dropdown)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child))
      g_signal_connect (child, "show", G_CALLBACK (on_popup_show_cb), dropdown);
  gtk_widget_set_valign (GTK_WIDGET (dropdown), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (dropdown), accessible_label);
  wb_a11y_set_label (GTK_WIDGET (dropdown), accessible_label);
  g_object_set_data_full (G_OBJECT (dropdown), VALUES_KEY, g_ptr_array_new_with_free_func (g_free),
                          (GDestroyNotify) g_ptr_array_unref);
  return dropdown;
}

void
wb_filter_dropdown_add_choice (GtkDropDown *dropdown,
                               const char  *label,
                               const char  *value)
{
  GtkStringList *strings;
  GPtrArray *values;
  Pending *pending;

  g_return_if_fail (GTK_IS_DROP_DOWN (dropdown));

  pending = g_object_get_data (G_OBJECT (dropdown), PENDING_KEY);
  if (pending != NULL)
    {
      g_ptr_array_add (pending->labels, g_strdup (label));
      g_ptr_array_add (pending->values, g_strdup (value));
      return;
    }
  strings = GTK_STRING_LIST (gtk_drop_down_get_model (dropdown));
  values = g_object_get_data (G_OBJECT (dropdown), VALUES_KEY);
  gtk_string_list_append (strings, label);
  g_ptr_array_add (values, g_strdup (value));
}

void
wb_filter_dropdown_begin_choices (GtkDropDown *dropdown)
{
  Pending *pending;

  g_return_if_fail (GTK_IS_DROP_DOWN (dropdown));
  g_return_if_fail (g_object_get_data (G_OBJECT (dropdown), PENDING_KEY) == NULL);

  pending = g_new0 (Pending, 1);
  pending->labels = g_ptr_array_new_with_free_func (g_free);
  pending->values = g_ptr_array_new_with_free_func (g_free);
  g_object_set_data_full (G_OBJECT (dropdown), PENDING_KEY, pending, (GDestroyNotify) pending_free);
}

static gboolean
has_choices (GtkDropDown *dropdown,
             Pending     *pending)
{
  GListModel *strings = gtk_drop_down_get_model (dropdown);
  GPtrArray *values = g_object_get_data (G_OBJECT (dropdown), VALUES_KEY);

  if (values->len != pending->values->len)
    return FALSE;
  for (guint i = 0; i < values->len; i++)
    if (g_strcmp0 (values->pdata[i], pending->values->pdata[i]) != 0 ||
        g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (strings), i + 1), pending->labels->pdata[i]) != 0)
      return FALSE;
  return TRUE;
}

void
wb_filter_dropdown_end_choices (GtkDropDown *dropdown)
{
  Pending *pending;
  GtkStringList *strings;

  g_return_if_fail (GTK_IS_DROP_DOWN (dropdown));

  pending = g_object_steal_data (G_OBJECT (dropdown), PENDING_KEY);
  g_return_if_fail (pending != NULL);

  if (!has_choices (dropdown, pending))
    {
      strings = GTK_STRING_LIST (gtk_drop_down_get_model (dropdown));
      gtk_drop_down_set_selected (dropdown, 0);
      g_ptr_array_add (pending->labels, NULL);
      gtk_string_list_splice (strings, 1, g_list_model_get_n_items (G_LIST_MODEL (strings)) - 1,
                              (const char * const *) pending->labels->pdata);
      /* The values gathered are the drop-down's now. */
      g_object_set_data_full (G_OBJECT (dropdown), VALUES_KEY, g_steal_pointer (&pending->values),
                              (GDestroyNotify) g_ptr_array_unref);
    }
  pending_free (pending);
}

const char *
wb_filter_dropdown_get_value (GtkDropDown *dropdown)
{
  GPtrArray *values;
  guint selected;

  g_return_val_if_fail (GTK_IS_DROP_DOWN (dropdown), NULL);

  values = g_object_get_data (G_OBJECT (dropdown), VALUES_KEY);
  selected = gtk_drop_down_get_selected (dropdown);
  return selected > 0 && selected - 1 < values->len ? values->pdata[selected - 1] : NULL;
}

gboolean
wb_filter_dropdown_select_value (GtkDropDown *dropdown,
                                 const char  *value)
{
  GPtrArray *values;

  g_return_val_if_fail (GTK_IS_DROP_DOWN (dropdown), FALSE);

  values = g_object_get_data (G_OBJECT (dropdown), VALUES_KEY);
  for (guint i = 0; i < values->len; i++)
    if (g_strcmp0 (values->pdata[i], value) == 0)
      {
        gtk_drop_down_set_selected (dropdown, i + 1);
        return TRUE;
      }
  return FALSE;
}
