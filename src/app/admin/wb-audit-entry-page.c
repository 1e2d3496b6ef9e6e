/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-audit-entry-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-audit-view.h"
#include "wb-format.h"

#include "wb-audit-entry-page.h"

struct _WbAuditEntryPage
{
  WbRecordPage parent_instance;

  WbRecord *entry;
};

G_DEFINE_FINAL_TYPE (WbAuditEntryPage, wb_audit_entry_page, WB_TYPE_RECORD_PAGE)

static void
rebuild (WbAuditEntryPage *self)
{
  WbRecordPage *page = WB_RECORD_PAGE (self);
  AdwPreferencesGroup *card;
  g_autofree char *who = NULL;
  g_autofree char *record = NULL;
  g_autofree char *when = NULL;
  const char *resource;

  wb_record_page_clear (page);
  if (self->entry == NULL)
    return;
  resource = wb_record_get_string (self->entry, "resource");
  when = wb_format_iso_date_time (wb_record_get_string (self->entry, "at"));
  if (wb_record_get_int (self->entry, "resource_id") > 0)
    record = g_strdup_printf ("%s %" G_GINT64_FORMAT, g_strcmp0 (resource, "clients") == 0 ? _("Client") : resource,
                              wb_record_get_int (self->entry, "resource_id"));
  else
    record = g_strdup (resource);
  if (wb_record_get_string (self->entry, "username") != NULL)
    who = g_strdup_printf ("%s (%s)", wb_record_get_string (self->entry, "user_name") ?: "",
                           wb_record_get_string (self->entry, "username"));

  wb_record_page_set_title (page, wb_audit_action_label (wb_record_get_string (self->entry, "action")), record);
  card = wb_record_page_add_card (page, _("Audit entry"), NULL);
  wb_record_page_add_row (page, card, "at", _("When"), when);
  wb_record_page_add_row (page, card, "user", _("Who"), who);
  wb_record_page_add_row (page, card, "organisation", _("Organisation"), wb_record_get_string (self->entry, "organisation"));
  wb_record_page_add_row (page, card, "reason", _("Why"), wb_record_get_string (self->entry, "reason"));
}

static void
wb_audit_entry_page_set_session_impl (WbRecordPage *page,
                                      WbSession    *session)
{
  WbAuditEntryPage *self = WB_AUDIT_ENTRY_PAGE (page);

  g_clear_object (&self->entry);
  rebuild (self);
}

static void
wb_audit_entry_page_load_impl (WbRecordPage *page,
                               WbRecord     *summary)
{
  WbAuditEntryPage *self = WB_AUDIT_ENTRY_PAGE (page);

  g_set_object (&self->entry, summary);
  rebuild (self);
  wb_record_page_show (page, WB_RECORD_PAGE_RECORD);
}

static void
wb_audit_entry_page_reload (WbRecordPage *page)
{
  /* An audit entry is written once and never changes. */
}

static void
wb_audit_entry_page_dispose (GObject *object)
{
  g_clear_object (&WB_AUDIT_ENTRY_PAGE (object)->entry);

  G_OBJECT_CLASS (wb_audit_entry_page_parent_class)->dispose (object);
}

static void
wb_audit_entry_page_class_init (WbAuditEntryPageClass *klass)
{
  WbRecordPageClass *page_class = WB_RECORD_PAGE_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = wb_audit_entry_page_dispose;
  page_class->set_session = wb_audit_entry_page_set_session_impl;
  page_class->load = wb_audit_entry_page_load_impl;
  page_class->reload = wb_audit_entry_page_reload;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "wbauditentrypage");
}

static void
wb_audit_entry_page_init (WbAuditEntryPage *self)
{
  wb_record_page_set_texts (WB_RECORD_PAGE (self), _("Back to the audit trail"), _("Loading the Entry"),
                            _("The Entry Could Not Be Loaded"));
}

WbAuditEntryPage *
wb_audit_entry_page_new (void)
{
  return g_object_new (WB_TYPE_AUDIT_ENTRY_PAGE, NULL);
}
