/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-cards"

#include "config.h"

#include "wb-cards.h"

GtkWidget *
wb_card_badge_new (const char *text,
                   const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "wb-badge");
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  return label;
}

static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

AdwPreferencesGroup *
wb_card_new (GtkBox     *box,
             const char *title,
             const char *description)
{
  GtkWidget *group, *heading;

  g_return_val_if_fail (GTK_IS_BOX (box), NULL);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  /* The facts are no Tab stops: a screen reader reaches them by the cards' headings (its
   * heading keys), under the page's title (level 1). The role can be given only before the
   * label is in the window's accessibility tree, so before the card is added to the page. */
  heading = title != NULL && *title != '\0' ? find_label (group, title) : NULL;
  if (heading != NULL)
    {
      g_object_set (heading, "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING, NULL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (heading), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
    }
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (box, group);
  return ADW_PREFERENCES_GROUP (group);
}

AdwActionRow *
wb_card_add_row (AdwPreferencesGroup *card,
                 GHashTable          *field_rows,
                 const char          *field,
                 const char          *title,
                 const char          *value)
{
  GtkWidget *row;

  g_return_val_if_fail (ADW_IS_PREFERENCES_GROUP (card), NULL);

  /* Names and notes are no markup: plain text before any text is set, so that an "&" in a
   * value is shown as it is. */
  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value != NULL && *value != '\0' ? value : "—");
  /* A fact is read, not operated: Tab goes to what can be done, a screen reader reads the
   * facts in its reading mode (the profile put 42 facts in the Tab order). */
  gtk_widget_set_focusable (row, FALSE);
  adw_preferences_group_add (card, row);
  if (field != NULL && field_rows != NULL)
    g_hash_table_insert (field_rows, g_strdup (field), row);
  return ADW_ACTION_ROW (row);
}

void
wb_card_remove_all (GtkBox *box)
{
  GtkWidget *child;

  g_return_if_fail (GTK_IS_BOX (box));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}
