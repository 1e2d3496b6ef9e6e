/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-organisations-view"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-filter-dropdown.h"
#include "wb-organisation-editor.h"
#include "wb-organisation-page.h"

#include "wb-organisations-view.h"

struct _WbOrganisationListModel
{
  WbListModel parent_instance;
};

G_DEFINE_FINAL_TYPE (WbOrganisationListModel, wb_organisation_list_model, WB_TYPE_LIST_MODEL)

static GQuark key_quark;

static const char *
row_search_key (WbRecord *organisation)
{
  return g_object_get_qdata (G_OBJECT (organisation), key_quark);
}

static const char *
row_name (WbRecord *organisation)
{
  return wb_record_get_string (organisation, "name");
}

static const char *
row_code (WbRecord *organisation)
{
  return wb_record_get_string (organisation, "code");
}

static const char *
row_kind (WbRecord *organisation)
{
  return wb_record_get_string (organisation, "kind");
}

static const char *
row_kind_label (WbRecord *organisation)
{
  return wb_organisation_kind_label (row_kind (organisation));
}

static const char *
row_region (WbRecord *organisation)
{
  return wb_record_get_string (organisation, "region");
}

static int
compare_names (WbRecord *a,
               WbRecord *b)
{
  return g_utf8_collate (row_name (a) ?: "", row_name (b) ?: "");
}

static const WbListColumn columns[] = {
  [WB_ORGANISATION_COLUMN_NAME] = {
    .id = "name", .title = N_("Name"), .width = 240, .expand = TRUE,
    .text = (WbListTextFunc) row_name, .sortable = TRUE,
  },
  [WB_ORGANISATION_COLUMN_KIND] = {
    .id = "kind", .title = N_("Kind"), .width = 220,
    .text = (WbListTextFunc) row_kind_label, .sort_text = (WbListTextFunc) row_kind_label,
  },
  [WB_ORGANISATION_COLUMN_REGION] = {
    .id = "region", .title = N_("Subregion"), .width = 160,
    .text = (WbListTextFunc) row_region, .sort_text = (WbListTextFunc) row_region,
  },
  [WB_ORGANISATION_COLUMN_CODE] = {
    .id = "code", .title = N_("Code"), .width = 200,
    .text = (WbListTextFunc) row_code, .sort_text = (WbListTextFunc) row_code,
  },
};

static void
fill_kinds (WbFilterDropdown *dropdown,
            WbSession        *session)
{
  for (guint i = 0; wb_organisation_kinds[i] != NULL; i++)
    wb_filter_dropdown_add_choice (dropdown, wb_organisation_kind_label (wb_organisation_kinds[i]),
                                   wb_organisation_kinds[i]);
}

static const WbListFilter filters[] = {
  [WB_ORGANISATION_FILTER_KIND] = {
    .id = "kind", .label = N_("Kind"), .accessible = N_("Filter by kind of organisation"),
    .text = (WbListTextFunc) row_kind, .fill = fill_kinds,
  },
  [WB_ORGANISATION_FILTER_REGION] = {
    .id = "region", .label = N_("Subregion"), .accessible = N_("Filter by subregion"),
    .text = (WbListTextFunc) row_region, .enum_field = "region", .enum_values = wb_regions,
  },
};

static const WbListTexts texts = {
  .search_placeholder = N_("Search by name or code"),
  .search_label = N_("Search organisations"),
  .list_label = N_("Organisations"),
  .loading_title = N_("Loading the Organisations"),
  .loading_label = N_("Loading the organisations"),
  .empty_title = N_("No Matching Organisations"),
  .none_title = N_("No Organisations Yet"),
  .none_description = N_("Add the region’s organisations with New Organisation."),
  .none_icon = "x-office-address-book-symbolic",
  .error_title = N_("The Organisations Could Not Be Loaded"),
  .denied_title = N_("Not for Your Role"),
  .denied_description = N_("Administrators manage organisations."),
  .open_label = N_("_Open Organisation"),
  .open_accessible = N_("Open the organisation"),
  .export_title = N_("Export the Organisations"),
  .export_basename = "werkbrug-organisations",
  .load_error = N_("The organisations could not be loaded: %s"),
};

static const WbListCounts counts = {
  .singular = WB_PLURALS ("%'u organisation", "%'u organisations"),
  /* TRANSLATORS: how many organisations the search and filters show, of all */
  .filtered_singular = WB_PLURALS ("%s of %s organisation", "%s of %s organisations"),
  .exported_singular = WB_PLURALS ("%u organisation exported to %s", "%u organisations exported to %s"),
};

static const WbListSpec spec = {
  .row_type = wb_record_get_type,
  .row_id = (WbListInt64Func) wb_record_get_id,
  .search_key = (WbListTextFunc) row_search_key,
  .compare = (int (*) (gpointer, gpointer)) compare_names,
  .columns = columns,
  .n_columns = G_N_ELEMENTS (columns),
  .sort_column = WB_ORGANISATION_COLUMN_NAME,
  .filters = filters,
  .n_filters = G_N_ELEMENTS (filters),
  .css_class = "wb-organisation-list",
  .resource = WB_RESOURCE_ORGANISATIONS,
  .follows = "organisations",
  .follow_saved = TRUE,
  .texts = &texts,
  .counts = &counts,
};

const WbListSpec *
wb_organisation_list_spec (void)
{
  return &spec;
}

static gpointer
wb_organisation_list_model_make_row (WbListModel *model,
                                     WbRecord    *record)
{
  g_autofree char *key = g_strjoin ("\n", row_name (record) ?: "", row_code (record) ?: "", NULL);

  g_object_set_qdata_full (G_OBJECT (record), key_quark, wb_list_fold_search (key), g_free);
  return g_object_ref (record);
}

static void
wb_organisation_list_model_class_init (WbOrganisationListModelClass *klass)
{
  WB_LIST_MODEL_CLASS (klass)->make_row = wb_organisation_list_model_make_row;
  key_quark = g_quark_from_static_string ("wb-organisation-search-key");
}

static void
wb_organisation_list_model_init (WbOrganisationListModel *self)
{
  wb_list_model_set_spec (WB_LIST_MODEL (self), wb_organisation_list_spec ());
}

WbOrganisationListModel *
wb_organisation_list_model_new (void)
{
  return g_object_new (WB_TYPE_ORGANISATION_LIST_MODEL, NULL);
}

/* The view */

struct _WbOrganisationsView
{
  WbListView parent_instance;

  GtkWidget *new_button;
};

G_DEFINE_FINAL_TYPE (WbOrganisationsView, wb_organisations_view, WB_TYPE_LIST_VIEW)

#define LIST(self) WB_LIST_VIEW (self)

static gboolean
may_create (WbOrganisationsView *self)
{
  WbSession *session = wb_list_view_get_session (LIST (self));

  return session != NULL && wb_session_can (session, WB_RESOURCE_ORGANISATIONS, WB_ACTION_CREATE, WB_SCOPE_OTHER);
}

static void
update_tools (WbOrganisationsView *self)
{
  gtk_widget_set_visible (self->new_button, may_create (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "organisations.new", may_create (self));
}

static WbListModel *
wb_organisations_view_create_model (WbListView *view,
                                    WbSession  *session)
{
  return WB_LIST_MODEL (wb_organisation_list_model_new ());
}

static WbRecordPage *
wb_organisations_view_create_page (WbListView *view)
{
  return WB_RECORD_PAGE (wb_organisation_page_new ());
}

static WbRecord *
wb_organisations_view_dup_summary (WbListView *view,
                                   gpointer    row)
{
  return g_object_ref (row);
}

static void
on_created_cb (WbRecordEditor      *editor,
               WbRecord            *organisation,
               WbOrganisationsView *self)
{
  wb_list_view_toast (LIST (self), _("Organisation added"));
  wb_record_page_load (wb_list_view_get_page (LIST (self)), organisation);
  wb_list_view_show_page (LIST (self));
}

GtkWindow *
wb_organisations_view_new_organisation (WbOrganisationsView *self)
{
  WbSession *session;
  g_autoptr(JsonObject) draft = json_object_new ();
  g_autoptr(WbRecord) record = NULL;
  WbRecordPage *page;
  WbOrganisationEditor *editor;

  g_return_val_if_fail (WB_IS_ORGANISATIONS_VIEW (self), NULL);

  session = wb_list_view_get_session (LIST (self));
  page = wb_list_view_get_page (LIST (self));
  if (session == NULL || !may_create (self) || wb_record_page_keep_unsaved_edits (page))
    return NULL;
  json_object_set_string_member (draft, "kind", "work_company");
  json_object_set_string_member (draft, "region", wb_regions[0]);
  record = wb_record_new (WB_RESOURCE_ORGANISATIONS, draft);
  editor = wb_organisation_editor_new (session, record);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_created_cb), self, 0);
  wb_record_page_present_editor_window (page, GTK_WINDOW (editor));
  return GTK_WINDOW (editor);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  wb_organisations_view_new_organisation (WB_ORGANISATIONS_VIEW (widget));
}

static void
wb_organisations_view_class_init (WbOrganisationsViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  WbListViewClass *list_class = WB_LIST_VIEW_CLASS (klass);

  list_class->create_model = wb_organisations_view_create_model;
  list_class->create_page = wb_organisations_view_create_page;
  list_class->dup_summary = wb_organisations_view_dup_summary;

  gtk_widget_class_install_action (widget_class, "organisations.new", NULL, new_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "organisations.new", NULL);
  gtk_widget_class_set_css_name (widget_class, "wborganisationsview");
}

static void
wb_organisations_view_init (WbOrganisationsView *self)
{
  wb_list_view_set_spec (LIST (self), wb_organisation_list_spec ());
  self->new_button = gtk_button_new_with_mnemonic (_("_New Organisation"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->new_button), "organisations.new");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->new_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Add an organisation"), -1);
  gtk_widget_set_tooltip_text (self->new_button, _("Add an organisation (Ctrl+N)"));
  wb_list_view_add_tool (LIST (self), self->new_button);
  update_tools (self);
}

WbOrganisationsView *
wb_organisations_view_new (void)
{
  return g_object_new (WB_TYPE_ORGANISATIONS_VIEW, NULL);
}

void
wb_organisations_view_set_session (WbOrganisationsView *self,
                                   WbSession           *session)
{
  g_return_if_fail (WB_IS_ORGANISATIONS_VIEW (self));

  wb_list_view_set_session (LIST (self), session);
  update_tools (self);
}
