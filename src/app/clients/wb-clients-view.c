/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-clients-view"

#include "config.h"

#include "wb-client-profile.h"

#include "wb-clients-view.h"

/* The clients view is the client list's spec (wb-client-list-model.c), its model and its
 * profile page on the list machinery. */
struct _WbClientsView
{
  WbListView parent_instance;
};

G_DEFINE_FINAL_TYPE (WbClientsView, wb_clients_view, WB_TYPE_LIST_VIEW)


static WbListModel *
wb_clients_view_create_model (WbListView *view,
                              WbSession  *session)
{
  return WB_LIST_MODEL (wb_client_list_model_new (session));
}

static WbRecordPage *
wb_clients_view_create_page (WbListView *view)
{
  return WB_RECORD_PAGE (wb_client_profile_new ());
}

/* The profile's first glance comes from the row, while the full record loads. */
static WbRecord *
wb_clients_view_dup_summary (WbListView *view,
                             gpointer    row)
{
  return wb_client_row_dup_summary (row);
}

static void
wb_clients_view_class_init (WbClientsViewClass *klass)
{
  WbListViewClass *list_class = WB_LIST_VIEW_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  list_class->create_model = wb_clients_view_create_model;
  list_class->create_page = wb_clients_view_create_page;
  list_class->dup_summary = wb_clients_view_dup_summary;
  gtk_widget_class_set_template_from_resource (widget_class, "/nl/werkbrug/Werkbrug/ui/wb-clients-view.ui");
  gtk_widget_class_set_css_name (widget_class, "wbclientsview");
}

static void
wb_clients_view_init (WbClientsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  wb_list_view_set_spec (WB_LIST_VIEW (self), wb_client_list_spec ());
}

WbClientsView *
wb_clients_view_new (void)
{
  return g_object_new (WB_TYPE_CLIENTS_VIEW, NULL);
}
