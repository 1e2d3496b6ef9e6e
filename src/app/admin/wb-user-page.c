/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-user-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-format.h"
#include "wb-labels.h"
#include "wb-user-editor.h"

#include "wb-user-page.h"

struct _WbUserPage
{
  WbRecordPage parent_instance;

  WbSession *session;
  WbRecord *user;
  gint64 user_id;
  char *one_time_password;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (WbUserPage, wb_user_page, WB_TYPE_RECORD_PAGE)

#define PAGE(self) WB_RECORD_PAGE (self)

static gboolean
may_change (WbUserPage *self)
{
  return self->session != NULL &&
         wb_session_can (self->session, WB_RESOURCE_USERS, WB_ACTION_UPDATE,
                         wb_record_get_int (self->user, "organisation_id") == wb_session_get_organisation_id (self->session)
                         ? WB_SCOPE_OWN : WB_SCOPE_OTHER);
}

static void
rebuild (WbUserPage *self)
{
  WbRecordPage *page = PAGE (self);
  AdwPreferencesGroup *card;
  gboolean active, mine, may;
  const char *organisation, *left_at;
  g_autofree char *left_on = NULL;

  wb_record_page_clear (page);
  if (self->user == NULL)
    return;
  left_at = wb_record_get_string (self->user, "left_at");
  left_on = left_at != NULL ? wb_format_iso_date (left_at) : NULL;
  active = wb_record_get_boolean (self->user, "active");
  mine = self->session != NULL && wb_record_get_id (self->user) == wb_session_get_user_id (self->session);
  may = may_change (self);
  organisation = self->session != NULL ? wb_session_lookup_name (self->session, WB_RESOURCE_ORGANISATIONS,
                                                                 wb_record_get_int (self->user, "organisation_id"))
                                       : NULL;

  wb_record_page_set_title (page, wb_record_get_string (self->user, "display_name"),
                            wb_record_get_string (self->user, "username"));
  wb_record_page_add_badge (page, active ? _("Active") : _("Left"), active ? "success" : "neutral");
  wb_record_page_set_notice (page, active ? NULL
                             : _("Has left: cannot sign in. Their employer accounts are in the review queue "
                                 "for a coordinator to hand over."));

  card = wb_record_page_add_card (page, _("Work"), NULL);
  wb_record_page_add_row (page, card, "role", _("Role"), wb_label_for_role (wb_record_get_string (self->user, "role")));
  wb_record_page_add_row (page, card, "organisation", _("Organisation"), organisation);
  wb_record_page_add_row (page, card, "email", _("E-mail address"), wb_record_get_string (self->user, "email"));
  wb_record_page_add_row (page, card, "left_at", _("Left on"), left_on);

  wb_record_page_set_action_visible (page, "edit", may);
  wb_record_page_set_action_visible (page, "reset", may && active && !mine);
  wb_record_page_set_action_visible (page, "deactivate", may && active && !mine);
  wb_record_page_set_action_visible (page, "activate", may && !active);
}

static void
show_user (WbUserPage *self,
           WbRecord   *user)
{
  g_set_object (&self->user, user);
  self->user_id = wb_record_get_id (user);
  rebuild (self);
  wb_record_page_show (PAGE (self), WB_RECORD_PAGE_RECORD);
}

static void
on_user_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(WbUserPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbRecord) user = wb_api_client_get_finish (WB_API_CLIENT (source), result, &error);

  if (user == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        wb_record_page_show_error (PAGE (self), error);
      return;
    }
  wb_record_page_backend_error (PAGE (self), NULL);
  show_user (self, user);
  wb_record_page_record_changed (PAGE (self), user);
}

static void
load_full (WbUserPage *self)
{
  if (self->session == NULL || wb_session_get_api (self->session) == NULL || self->user_id <= 0)
    return;
  wb_api_client_get_async (wb_session_get_api (self->session), WB_RESOURCE_USERS, self->user_id, NULL,
                           self->cancellable, on_user_loaded_cb, g_object_ref (self));
}

/* Editing */

static void
on_editor_saved_cb (WbRecordEditor *editor,
                    WbRecord       *user,
                    WbUserPage     *self)
{
  wb_record_page_toast (PAGE (self), _("User saved"));
  show_user (self, user);
  wb_record_page_record_changed (PAGE (self), user);
}

static void
on_edit_clicked_cb (GtkButton  *button,
                    WbUserPage *self)
{
  WbUserEditor *editor;

  if (self->user == NULL)
    return;
  if (wb_record_page_get_editor (PAGE (self)) != NULL)
    {
      wb_record_page_present_editor (PAGE (self));
      return;
    }
  editor = wb_user_editor_new (self->session, self->user);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved_cb), self, 0);
  wb_record_page_present_editor_window (PAGE (self), GTK_WINDOW (editor));
}

/* Leaving, and coming back */

static void
on_active_saved_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(WbUserPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbRecord) user = wb_api_client_update_finish (WB_API_CLIENT (source), result, &error);

  if (user == NULL)
    {
      wb_record_page_handle_write_error (PAGE (self), error, _("Someone else changed this user: here is what they saved."));
      return;
    }
  wb_record_page_toast (PAGE (self), wb_record_get_boolean (user, "active")
                        ? _("The user can sign in again")
                        : _("The user has left; their accounts are in the review queue"));
  show_user (self, user);
  wb_record_page_record_changed (PAGE (self), user);
  wb_session_record_saved (self->session, user);
}

void
wb_user_page_set_active (WbUserPage *self,
                         gboolean    active)
{
  g_autoptr(JsonObject) changes = json_object_new ();
  g_autofree char *etag = NULL;

  g_return_if_fail (WB_IS_USER_PAGE (self));
  if (self->user == NULL || self->session == NULL)
    return;

  json_object_set_boolean_member (changes, "active", active);
  if (active)
    json_object_set_null_member (changes, "left_at");
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      json_object_set_string_member (changes, "left_at", g_date_time_format (now, "%Y-%m-%d"));
    }
  etag = wb_record_dup_etag (self->user);
  wb_api_client_update_async (wb_session_get_api (self->session), WB_RESOURCE_USERS, self->user_id, etag, changes,
                              self->cancellable, on_active_saved_cb, g_object_ref (self));
}

static void
on_deactivate_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           WbUserPage       *self)
{
  if (g_strcmp0 (response, "deactivate") == 0)
    wb_user_page_set_active (self, FALSE);
}

static void
on_deactivate_clicked_cb (GtkButton  *button,
                          WbUserPage *self)
{
  GtkWidget *dialog;
  g_autofree char *heading = NULL;

  if (self->user == NULL)
    return;
  /* TRANSLATORS: %s is the user's name */
  heading = g_strdup_printf (_("Deactivate %s?"), wb_record_get_string (self->user, "display_name"));
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading,
                                   _("Do this when someone leaves. They can no longer sign in and are signed out "
                                     "everywhere; their history stays. Their employer accounts go to the review "
                                     "queue, where a coordinator hands them over."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "deactivate", _("_Deactivate"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "deactivate", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_deactivate_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_activate_clicked_cb (GtkButton  *button,
                        WbUserPage *self)
{
  wb_user_page_set_active (self, TRUE);
}

/* A one-time password */

static void
show_one_time_password (WbUserPage *self)
{
  GtkWidget *dialog, *label;
  g_autofree char *heading = NULL;

  /* TRANSLATORS: %s is the user's name */
  heading = g_strdup_printf (_("One-Time Password for %s"), wb_record_get_string (self->user, "display_name"));
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading,
                                   _("Give it to them in person or by telephone. It works for one sign-in; then "
                                     "they choose a password of their own. It is not shown again."));
  label = gtk_label_new (self->one_time_password);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "title-2");
  gtk_widget_add_css_class (label, "monospace");
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, _("One-time password"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), label);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_reset_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(WbUserPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = wb_api_client_request_finish (WB_API_CLIENT (source), result, NULL, &error);

  if (answer == NULL || !JSON_NODE_HOLDS_OBJECT (answer))
    {
      if (error != NULL)
        wb_record_page_handle_write_error (PAGE (self), error, NULL);
      return;
    }
  g_free (self->one_time_password);
  self->one_time_password = g_strdup (json_object_get_string_member_with_default (json_node_get_object (answer),
                                                                                   "one_time_password", ""));
  show_one_time_password (self);
}

void
wb_user_page_reset_password (WbUserPage *self)
{
  g_autofree char *path = NULL;

  g_return_if_fail (WB_IS_USER_PAGE (self));
  if (self->user == NULL || self->session == NULL)
    return;
  path = g_strdup_printf ("api/v1/users/%" G_GINT64_FORMAT "/password-reset", self->user_id);
  wb_api_client_request_async (wb_session_get_api (self->session), "POST", path, NULL, NULL, self->cancellable,
                               on_reset_done_cb, g_object_ref (self));
}

static void
on_reset_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      WbUserPage       *self)
{
  if (g_strcmp0 (response, "reset") == 0)
    wb_user_page_reset_password (self);
}

static void
on_reset_clicked_cb (GtkButton  *button,
                     WbUserPage *self)
{
  GtkWidget *dialog;
  g_autofree char *heading = NULL;

  if (self->user == NULL)
    return;
  /* TRANSLATORS: %s is the user's name */
  heading = g_strdup_printf (_("Give %s a One-Time Password?"), wb_record_get_string (self->user, "display_name"));
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading,
                                   _("Their current password stops working and they are signed out everywhere."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "reset", _("_Reset Password"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "reset", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_reset_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The record page's class functions */

static void
forget (WbUserPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  wb_record_page_close_editor (PAGE (self));
  g_clear_object (&self->user);
}

static void
wb_user_page_set_session_impl (WbRecordPage *page,
                               WbSession    *session)
{
  WbUserPage *self = WB_USER_PAGE (page);

  forget (self);
  g_set_object (&self->session, session);
  self->user_id = 0;
  rebuild (self);
}

static void
wb_user_page_load_impl (WbRecordPage *page,
                        WbRecord     *summary)
{
  WbUserPage *self = WB_USER_PAGE (page);

  if (wb_record_page_keep_unsaved_edits (page))
    return;
  forget (self);
  self->user_id = wb_record_get_id (summary);
  if (wb_record_has_field (summary, "username"))
    show_user (self, summary);
  else
    wb_record_page_show (page, WB_RECORD_PAGE_LOADING);
  load_full (self);
}

static void
wb_user_page_reload (WbRecordPage *page)
{
  WbUserPage *self = WB_USER_PAGE (page);

  if (self->user_id <= 0)
    return;
  if (self->user == NULL)
    wb_record_page_show (page, WB_RECORD_PAGE_LOADING);
  load_full (self);
}

static void
wb_user_page_dispose (GObject *object)
{
  WbUserPage *self = (WbUserPage *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->user);
  g_clear_object (&self->session);
  g_clear_pointer (&self->one_time_password, g_free);

  G_OBJECT_CLASS (wb_user_page_parent_class)->dispose (object);
}

static void
wb_user_page_class_init (WbUserPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  WbRecordPageClass *page_class = WB_RECORD_PAGE_CLASS (klass);

  object_class->dispose = wb_user_page_dispose;
  page_class->set_session = wb_user_page_set_session_impl;
  page_class->load = wb_user_page_load_impl;
  page_class->reload = wb_user_page_reload;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "wbuserpage");
}

static void
wb_user_page_init (WbUserPage *self)
{
  WbRecordPage *page = PAGE (self);

  self->cancellable = g_cancellable_new ();
  wb_record_page_set_texts (page, _("Back to the user list"), _("Loading the User"), _("The User Could Not Be Loaded"));
  wb_record_page_add_action (page, "edit", _("_Edit"), _("Edit the user"), NULL, FALSE,
                             G_CALLBACK (on_edit_clicked_cb));
  wb_record_page_add_action (page, "reset", _("_Reset Password"), _("Give the user a one-time password"), NULL, FALSE,
                             G_CALLBACK (on_reset_clicked_cb));
  wb_record_page_add_action (page, "deactivate", _("_Deactivate"), _("Deactivate the user who has left"), NULL, FALSE,
                             G_CALLBACK (on_deactivate_clicked_cb));
  wb_record_page_add_action (page, "activate", _("_Make Active"), _("Let the user sign in again"), NULL, FALSE,
                             G_CALLBACK (on_activate_clicked_cb));
}

WbUserPage *
wb_user_page_new (void)
{
  return g_object_new (WB_TYPE_USER_PAGE, NULL);
}

WbRecord *
wb_user_page_get_user (WbUserPage *self)
{
  g_return_val_if_fail (WB_IS_USER_PAGE (self), NULL);
  return self->user;
}

const char *
wb_user_page_get_one_time_password (WbUserPage *self)
{
  g_return_val_if_fail (WB_IS_USER_PAGE (self), NULL);
  return self->one_time_password;
}
