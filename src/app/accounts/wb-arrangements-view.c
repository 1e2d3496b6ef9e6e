/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-arrangements-view"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-account-page.h"
#include "wb-arrangement-list.h"
#include "wb-filter-dropdown.h"

#include "wb-arrangements-view.h"

/* The reported arrangements on the list machinery: GET /arrangements page by page, and the
 * account page of a report's employer. */
struct _WbArrangementsView
{
  WbListView parent_instance;
};

G_DEFINE_FINAL_TYPE (WbArrangementsView, wb_arrangements_view, WB_TYPE_LIST_VIEW)

static WbListModel *
wb_arrangements_view_create_model (WbListView *view,
                                   WbSession  *session)
{
  return WB_LIST_MODEL (wb_arrangement_list_model_new ());
}

static WbRecordPage *
wb_arrangements_view_create_page (WbListView *view)
{
  return WB_RECORD_PAGE (wb_account_page_new ());
}

/* A report opens the account of its employer, which the page reads whole. */
static WbRecord *
wb_arrangements_view_dup_summary (WbListView *view,
                                  gpointer    row)
{
  g_autoptr(JsonObject) object = json_object_new ();

  json_object_set_int_member (object, "id", wb_record_get_int (row, "employer_id"));
  return wb_record_new (WB_RESOURCE_EMPLOYERS, object);
}

static void
wb_arrangements_view_class_init (WbArrangementsViewClass *klass)
{
  WbListViewClass *list_class = WB_LIST_VIEW_CLASS (klass);

  list_class->create_model = wb_arrangements_view_create_model;
  list_class->create_page = wb_arrangements_view_create_page;
  list_class->dup_summary = wb_arrangements_view_dup_summary;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "wbarrangementsview");
}

static void
wb_arrangements_view_init (WbArrangementsView *self)
{
  wb_list_view_set_spec (WB_LIST_VIEW (self), wb_arrangement_list_spec ());
}

WbArrangementsView *
wb_arrangements_view_new (void)
{
  return g_object_new (WB_TYPE_ARRANGEMENTS_VIEW, NULL);
}

GtkWindow *
wb_arrangements_view_present (WbSession *session,
                              GtkWindow *parent)
{
  GtkWidget *window, *content, *header;
  WbArrangementsView *view;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *quarter = g_strdup_printf ("%04d-Q%d", g_date_time_get_year (now),
                                              (g_date_time_get_month (now) - 1) / 3 + 1);

  g_return_val_if_fail (WB_IS_SESSION (session), NULL);

  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), _("Reported Arrangements"));
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 680);
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header),
                                   adw_window_title_new (_("Reported Arrangements"),
                                                         _("Potential employer arrangements reported to the WSP")));
  gtk_box_append (GTK_BOX (content), header);
  view = wb_arrangements_view_new ();
  gtk_widget_set_vexpand (GTK_WIDGET (view), TRUE);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (view));
  adw_window_set_content (ADW_WINDOW (window), content);

  wb_list_view_set_session (WB_LIST_VIEW (view), session);
  /* This quarter's first: the quarterly meeting looks back one quarter at a time. */
  wb_filter_dropdown_select_value (WB_FILTER_DROPDOWN (wb_list_view_get_filter_widget (WB_LIST_VIEW (view),
                                                                                  WB_ARRANGEMENT_FILTER_QUARTER)),
                                   quarter);
  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}
