/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-form"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-a11y.h"

#include "wb-form.h"

GtkWidget *
wb_form_build (WbForm     *form,
               GtkWindow  *window,
               const char *title,
               const char *subtitle,
               const char *submit_label,
               const char *submit_accessible,
               gboolean    destructive)
{
  GtkWidget *content, *header, *cancel, *banner_box;

  g_return_val_if_fail (form != NULL && ADW_IS_WINDOW (window), NULL);

  gtk_window_set_title (window, title);
  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (title, subtitle));
  cancel = wb_a11y_button_new_with_mnemonic (_("_Cancel"));
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (gtk_window_destroy), window);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  form->submit = GTK_BUTTON (wb_a11y_button_new_with_mnemonic (submit_label));
  gtk_accessible_update_property (GTK_ACCESSIBLE (form->submit), GTK_ACCESSIBLE_PROPERTY_LABEL, submit_accessible, -1);
  gtk_widget_add_css_class (GTK_WIDGET (form->submit), destructive ? "destructive-action" : "suggested-action");
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (form->submit));
  form->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_widget_set_visible (GTK_WIDGET (form->spinner), FALSE);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (form->spinner));
  gtk_window_set_default_widget (window, GTK_WIDGET (form->submit));
  gtk_box_append (GTK_BOX (content), header);

  form->banner = GTK_REVEALER (gtk_revealer_new ());
  banner_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (banner_box, "wb-banner");
  form->banner_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (form->banner_label, TRUE);
  gtk_label_set_xalign (form->banner_label, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (form->banner_label), TRUE);
  gtk_box_append (GTK_BOX (banner_box), GTK_WIDGET (form->banner_label));
  gtk_revealer_set_child (form->banner, banner_box);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (form->banner));

  adw_window_set_content (ADW_WINDOW (window), content);
  return content;
}

AdwPreferencesGroup *
wb_form_reason_group (WbForm     *form,
                      const char *description,
                      const char *mnemonic_label,
                      const char *placeholder)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (mnemonic_label);

  adw_preferences_group_set_title (group, _("Reason"));
  adw_preferences_group_set_description (group, description);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  form->reason = GTK_ENTRY (gtk_entry_new ());
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (form->reason));
  gtk_entry_set_activates_default (form->reason, TRUE);
  gtk_entry_set_placeholder_text (form->reason, placeholder);
  gtk_accessible_update_property (GTK_ACCESSIBLE (form->reason), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason"),
                                  GTK_ACCESSIBLE_PROPERTY_REQUIRED, TRUE, -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (form->reason));
  adw_preferences_group_add (group, box);
  return group;
}

void
wb_form_show_message (WbForm     *form,
                      const char *message)
{
  gtk_label_set_text (form->banner_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (form->banner, message != NULL);
}

const char *
wb_form_get_message (WbForm *form)
{
  return gtk_revealer_get_reveal_child (form->banner) ? gtk_label_get_text (form->banner_label) : NULL;
}

void
wb_form_set_busy (WbForm   *form,
                  gboolean  busy)
{
  gtk_widget_set_sensitive (GTK_WIDGET (form->submit), !busy);
  gtk_widget_set_visible (GTK_WIDGET (form->spinner), busy);
  gtk_spinner_set_spinning (form->spinner, busy);
}
