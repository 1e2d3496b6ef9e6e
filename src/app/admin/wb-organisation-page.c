/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-organisation-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-organisation-editor.h"

#include "wb-organisation-page.h"

struct _WbOrganisationPage
{
  WbRecordPage parent_instance;

  WbSession *session;
  WbRecord *organisation;
  gint64 organisation_id;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (WbOrganisationPage, wb_organisation_page, WB_TYPE_RECORD_PAGE)

#define PAGE(self) WB_RECORD_PAGE (self)

static void
rebuild (WbOrganisationPage *self)
{
  WbRecordPage *page = PAGE (self);
  AdwPreferencesGroup *card;
  GListModel *users;
  guint active = 0, left = 0;
  g_autofree char *people = NULL;

  wb_record_page_clear (page);
  if (self->organisation == NULL)
    return;

  users = self->session != NULL ? wb_session_get_lookup (self->session, WB_RESOURCE_USERS) : NULL;
  for (guint i = 0; users != NULL && i < g_list_model_get_n_items (users); i++)
    {
      g_autoptr(WbRecord) user = g_list_model_get_item (users, i);

      if (wb_record_get_int (user, "organisation_id") != self->organisation_id)
        continue;
      if (wb_record_get_boolean (user, "active"))
        active++;
      else
        left++;
    }
  /* TRANSLATORS: how many users of an organisation are active, and how many have left */
  people = g_strdup_printf (_("%u active, %u left"), active, left);

  wb_record_page_set_title (page, wb_record_get_string (self->organisation, "name"),
                            wb_record_get_string (self->organisation, "code"));
  card = wb_record_page_add_card (page, _("Organisation"), NULL);
  wb_record_page_add_row (page, card, "kind", _("Kind"),
                          wb_organisation_kind_label (wb_record_get_string (self->organisation, "kind")));
  wb_record_page_add_row (page, card, "region", _("Subregion"), wb_record_get_string (self->organisation, "region"));
  wb_record_page_add_row (page, card, "people", _("Users"), people);

  wb_record_page_set_action_visible (page, "edit", self->session != NULL &&
                                     wb_session_can (self->session, WB_RESOURCE_ORGANISATIONS, WB_ACTION_UPDATE,
                                                     WB_SCOPE_OTHER));
}

static void
show_organisation (WbOrganisationPage *self,
                   WbRecord           *organisation)
{
  g_set_object (&self->organisation, organisation);
  self->organisation_id = wb_record_get_id (organisation);
  rebuild (self);
  wb_record_page_show (PAGE (self), WB_RECORD_PAGE_RECORD);
}

static void
on_loaded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(WbOrganisationPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbRecord) organisation = wb_api_client_get_finish (WB_API_CLIENT (source), result, &error);

  if (organisation == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        wb_record_page_show_error (PAGE (self), error);
      return;
    }
  wb_record_page_backend_error (PAGE (self), NULL);
  show_organisation (self, organisation);
  wb_record_page_record_changed (PAGE (self), organisation);
}

static void
load_full (WbOrganisationPage *self)
{
  if (self->session == NULL || wb_session_get_api (self->session) == NULL || self->organisation_id <= 0)
    return;
  wb_api_client_get_async (wb_session_get_api (self->session), WB_RESOURCE_ORGANISATIONS, self->organisation_id, NULL,
                           self->cancellable, on_loaded_cb, g_object_ref (self));
}

static void
on_editor_saved_cb (WbRecordEditor     *editor,
                    WbRecord           *organisation,
                    WbOrganisationPage *self)
{
  wb_record_page_toast (PAGE (self), _("Organisation saved"));
  show_organisation (self, organisation);
  wb_record_page_record_changed (PAGE (self), organisation);
}

static void
on_edit_clicked_cb (GtkButton          *button,
                    WbOrganisationPage *self)
{
  WbOrganisationEditor *editor;

  if (self->organisation == NULL)
    return;
  if (wb_record_page_get_editor (PAGE (self)) != NULL)
    {
      wb_record_page_present_editor (PAGE (self));
      return;
    }
  editor = wb_organisation_editor_new (self->session, self->organisation);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved_cb), self, 0);
  wb_record_page_present_editor_window (PAGE (self), GTK_WINDOW (editor));
}

static void
forget (WbOrganisationPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  wb_record_page_close_editor (PAGE (self));
  g_clear_object (&self->organisation);
}

static void
wb_organisation_page_set_session_impl (WbRecordPage *page,
                                       WbSession    *session)
{
  WbOrganisationPage *self = WB_ORGANISATION_PAGE (page);

  forget (self);
  g_set_object (&self->session, session);
  self->organisation_id = 0;
  rebuild (self);
}

static void
wb_organisation_page_load_impl (WbRecordPage *page,
                                WbRecord     *summary)
{
  WbOrganisationPage *self = WB_ORGANISATION_PAGE (page);

  if (wb_record_page_keep_unsaved_edits (page))
    return;
  forget (self);
  self->organisation_id = wb_record_get_id (summary);
  if (wb_record_has_field (summary, "name"))
    show_organisation (self, summary);
  else
    wb_record_page_show (page, WB_RECORD_PAGE_LOADING);
  load_full (self);
}

static void
wb_organisation_page_reload (WbRecordPage *page)
{
  WbOrganisationPage *self = WB_ORGANISATION_PAGE (page);

  if (self->organisation_id <= 0)
    return;
  if (self->organisation == NULL)
    wb_record_page_show (page, WB_RECORD_PAGE_LOADING);
  load_full (self);
}

static void
wb_organisation_page_dispose (GObject *object)
{
  WbOrganisationPage *self = (WbOrganisationPage *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->organisation);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (wb_organisation_page_parent_class)->dispose (object);
}

static void
wb_organisation_page_class_init (WbOrganisationPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  WbRecordPageClass *page_class = WB_RECORD_PAGE_CLASS (klass);

  object_class->dispose = wb_organisation_page_dispose;
  page_class->set_session = wb_organisation_page_set_session_impl;
  page_class->load = wb_organisation_page_load_impl;
  page_class->reload = wb_organisation_page_reload;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "wborganisationpage");
}

static void
wb_organisation_page_init (WbOrganisationPage *self)
{
  WbRecordPage *page = PAGE (self);

  self->cancellable = g_cancellable_new ();
  wb_record_page_set_texts (page, _("Back to the organisation list"), _("Loading the Organisation"),
                            _("The Organisation Could Not Be Loaded"));
  wb_record_page_add_action (page, "edit", _("_Edit"), _("Edit the organisation"), NULL, FALSE,
                             G_CALLBACK (on_edit_clicked_cb));
}

WbOrganisationPage *
wb_organisation_page_new (void)
{
  return g_object_new (WB_TYPE_ORGANISATION_PAGE, NULL);
}
