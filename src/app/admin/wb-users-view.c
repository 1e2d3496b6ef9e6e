/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-users-view"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-labels.h"
#include "wb-user-editor.h"

#include "wb-users-view.h"

/* The list of users (the list machinery with the users' records as rows), and the
 * administrator's view of them. */

struct _WbUserListModel
{
  WbListModel parent_instance;

  WbSession *session;
};

G_DEFINE_FINAL_TYPE (WbUserListModel, wb_user_list_model, WB_TYPE_LIST_MODEL)

/* What a row shows, searches and filters on, computed once. */
typedef struct {
  char *search_key;
  char *organisation;
  const char *status;   /* "active" or "left" (static) */
} UserRow;

static GQuark row_quark;

static void
user_row_free (UserRow *row)
{
  g_free (row->search_key);
  g_free (row->organisation);
  g_free (row);
}

static UserRow *
row_of (WbRecord *user)
{
  return g_object_get_qdata (G_OBJECT (user), row_quark);
}

static const char *
row_search_key (WbRecord *user)
{
  UserRow *row = row_of (user);

  return row != NULL ? row->search_key : NULL;
}

static const char *
row_name (WbRecord *user)
{
  return wb_record_get_string (user, "display_name");
}

static const char *
row_username (WbRecord *user)
{
  return wb_record_get_string (user, "username");
}

static const char *
row_role (WbRecord *user)
{
  return wb_record_get_string (user, "role");
}

static const char *
row_role_label (WbRecord *user)
{
  return wb_label_for_role (row_role (user));
}

static gint64
row_organisation_id (WbRecord *user)
{
  return wb_record_get_int (user, "organisation_id");
}

static const char *
row_organisation (WbRecord *user)
{
  UserRow *row = row_of (user);

  return row != NULL ? row->organisation : NULL;
}

static const char *
row_status (WbRecord *user)
{
  UserRow *row = row_of (user);

  return row != NULL ? row->status : NULL;
}

static const char *
row_status_label (WbRecord *user)
{
  return g_strcmp0 (row_status (user), "active") == 0 ? _("Active") : _("Left");
}

static const char *
row_status_style (WbRecord *user)
{
  return g_strcmp0 (row_status (user), "active") == 0 ? "success" : "neutral";
}

static int
compare_names (WbRecord *a,
               WbRecord *b)
{
  return g_utf8_collate (row_name (a) ?: "", row_name (b) ?: "");
}

static const WbListColumn columns[] = {
  [WB_USER_COLUMN_NAME] = {
    .id = "display_name", .title = N_("Name"), .width = 200, .expand = TRUE,
    .text = (WbListTextFunc) row_name, .sortable = TRUE,
  },
  [WB_USER_COLUMN_USERNAME] = {
    .id = "username", .title = N_("User name"), .width = 200,
    .text = (WbListTextFunc) row_username, .sort_text = (WbListTextFunc) row_username,
  },
  [WB_USER_COLUMN_ROLE] = {
    .id = "role", .title = N_("Role"), .width = 170,
    .text = (WbListTextFunc) row_role_label, .sort_text = (WbListTextFunc) row_role_label,
  },
  [WB_USER_COLUMN_ORGANISATION] = {
    .id = "organisation", .title = N_("Organisation"), .width = 200, .expand = TRUE,
    .text = (WbListTextFunc) row_organisation, .sort_text = (WbListTextFunc) row_organisation,
  },
  [WB_USER_COLUMN_STATUS] = {
    .id = "status", .title = N_("Status"), .width = 90, .cell = WB_LIST_CELL_BADGE,
    .text = (WbListTextFunc) row_status_label, .style = (WbListTextFunc) row_status_style,
    .sort_text = (WbListTextFunc) row_status,
  },
};

static const WbListChoice statuses[] = {
  { N_("Active"), "active" },
  { N_("Left"), "left" },
  { NULL },
};

static const WbListFilter filters[] = {
  [WB_USER_FILTER_ORGANISATION] = {
    .id = "organisation", .label = N_("Organisation"), .accessible = N_("Filter by organisation"),
    .int64 = (WbListInt64Func) row_organisation_id, .lookup = WB_RESOURCE_ORGANISATIONS,
  },
  [WB_USER_FILTER_ROLE] = {
    .id = "role", .label = N_("Role"), .accessible = N_("Filter by role"),
    .text = (WbListTextFunc) row_role, .enum_field = "role", .enum_values = wb_roles,
  },
  [WB_USER_FILTER_STATUS] = {
    .id = "status", .label = N_("Active or left"), .accessible = N_("Filter by active or left"),
    .text = (WbListTextFunc) row_status, .choices = statuses,
  },
};

static const WbListTexts texts = {
  .search_placeholder = N_("Search by name or user name"),
  .search_label = N_("Search users"),
  .list_label = N_("Users"),
  .loading_title = N_("Loading the Users"),
  .loading_label = N_("Loading the users"),
  .empty_title = N_("No Matching Users"),
  .none_title = N_("No Users Yet"),
  .none_description = N_("Add the people who work with Werkbrug with New User."),
  .none_icon = "system-users-symbolic",
  .error_title = N_("The Users Could Not Be Loaded"),
  .denied_title = N_("Not for Your Role"),
  .denied_description = N_("Administrators manage users."),
  .open_label = N_("_Open User"),
  .open_accessible = N_("Open the user"),
  .export_title = N_("Export the Users"),
  .export_basename = "werkbrug-users",
  .load_error = N_("The users could not be loaded: %s"),
};

static const WbListCounts counts = {
  .singular = WB_PLURALS ("%'u user", "%'u users"),
  /* TRANSLATORS: how many users the search and filters show, of all */
  .filtered_singular = WB_PLURALS ("%s of %s user", "%s of %s users"),
  .exported_singular = WB_PLURALS ("%u user exported to %s", "%u users exported to %s"),
};

static const WbListSpec spec = {
  .row_type = wb_record_get_type,
  .row_id = (WbListInt64Func) wb_record_get_id,
  .search_key = (WbListTextFunc) row_search_key,
  .compare = (int (*) (gpointer, gpointer)) compare_names,
  .columns = columns,
  .n_columns = G_N_ELEMENTS (columns),
  .sort_column = WB_USER_COLUMN_NAME,
  .filters = filters,
  .n_filters = G_N_ELEMENTS (filters),
  .css_class = "wb-user-list",
  .resource = WB_RESOURCE_USERS,
  .follows = "users",
  .check_policy = TRUE,
  .follow_saved = TRUE,
  .texts = &texts,
  .counts = &counts,
};

const WbListSpec *
wb_user_list_spec (void)
{
  return &spec;
}

static gpointer
wb_user_list_model_make_row (WbListModel *model,
                             WbRecord    *record)
{
  WbUserListModel *self = WB_USER_LIST_MODEL (model);
  const char *organisation = self->session != NULL
    ? wb_session_lookup_name (self->session, WB_RESOURCE_ORGANISATIONS, wb_record_get_int (record, "organisation_id"))
    : NULL;
  g_autofree char *key = NULL;
  UserRow *row = g_new0 (UserRow, 1);

  row->organisation = g_strdup (organisation);
  row->status = wb_record_get_boolean (record, "active") ? "active" : "left";
  key = g_strjoin ("\n", wb_record_get_string (record, "display_name") ?: "",
                   wb_record_get_string (record, "username") ?: "",
                   wb_record_get_string (record, "email") ?: "", NULL);
  row->search_key = wb_list_fold_search (key);
  g_object_set_qdata_full (G_OBJECT (record), row_quark, row, (GDestroyNotify) user_row_free);
  return g_object_ref (record);
}

static void
wb_user_list_model_dispose (GObject *object)
{
  g_clear_object (&WB_USER_LIST_MODEL (object)->session);

  G_OBJECT_CLASS (wb_user_list_model_parent_class)->dispose (object);
}

static void
wb_user_list_model_class_init (WbUserListModelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = wb_user_list_model_dispose;
  WB_LIST_MODEL_CLASS (klass)->make_row = wb_user_list_model_make_row;
  row_quark = g_quark_from_static_string ("wb-user-row");
}

static void
wb_user_list_model_init (WbUserListModel *self)
{
  wb_list_model_set_spec (WB_LIST_MODEL (self), wb_user_list_spec ());
}

WbUserListModel *
wb_user_list_model_new (WbSession *session)
{
  WbUserListModel *self = g_object_new (WB_TYPE_USER_LIST_MODEL, NULL);

  g_set_object (&self->session, session);
  return self;
}

/* The view */

struct _WbUsersView
{
  WbListView parent_instance;

  GtkWidget *new_button;
};

G_DEFINE_FINAL_TYPE (WbUsersView, wb_users_view, WB_TYPE_LIST_VIEW)

#define LIST(self) WB_LIST_VIEW (self)

static gboolean
may_create (WbUsersView *self)
{
  WbSession *session = wb_list_view_get_session (LIST (self));

  return session != NULL && wb_session_can (session, WB_RESOURCE_USERS, WB_ACTION_CREATE, WB_SCOPE_OWN);
}

static void
update_tools (WbUsersView *self)
{
  gtk_widget_set_visible (self->new_button, may_create (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "users.new", may_create (self));
}

static WbListModel *
wb_users_view_create_model (WbListView *view,
                            WbSession  *session)
{
  return WB_LIST_MODEL (wb_user_list_model_new (session));
}

static WbRecordPage *
wb_users_view_create_page (WbListView *view)
{
  return WB_RECORD_PAGE (wb_user_page_new ());
}

static WbRecord *
wb_users_view_dup_summary (WbListView *view,
                           gpointer    row)
{
  return g_object_ref (row);
}

static void
on_created_cb (WbRecordEditor *editor,
               WbRecord       *user,
               WbUsersView    *self)
{
  WbRecordPage *page = wb_list_view_get_page (LIST (self));

  wb_list_view_toast (LIST (self), _("User added: give them a one-time password to sign in with"));
  wb_record_page_load (page, user);
  wb_list_view_show_page (LIST (self));
}

GtkWindow *
wb_users_view_new_user (WbUsersView *self)
{
  WbSession *session;
  g_autoptr(JsonObject) draft = json_object_new ();
  g_autoptr(WbRecord) record = NULL;
  WbRecordPage *page;
  WbUserEditor *editor;

  g_return_val_if_fail (WB_IS_USERS_VIEW (self), NULL);

  session = wb_list_view_get_session (LIST (self));
  page = wb_list_view_get_page (LIST (self));
  if (session == NULL || !may_create (self) || wb_record_page_keep_unsaved_edits (page))
    return NULL;
  json_object_set_int_member (draft, "organisation_id", wb_session_get_organisation_id (session));
  json_object_set_string_member (draft, "role", "consultant");
  json_object_set_boolean_member (draft, "active", TRUE);
  record = wb_record_new (WB_RESOURCE_USERS, draft);
  editor = wb_user_editor_new (session, record);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_created_cb), self, 0);
  wb_record_page_present_editor_window (page, GTK_WINDOW (editor));
  return GTK_WINDOW (editor);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  wb_users_view_new_user (WB_USERS_VIEW (widget));
}

static void
wb_users_view_class_init (WbUsersViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  WbListViewClass *list_class = WB_LIST_VIEW_CLASS (klass);

  list_class->create_model = wb_users_view_create_model;
  list_class->create_page = wb_users_view_create_page;
  list_class->dup_summary = wb_users_view_dup_summary;

  gtk_widget_class_install_action (widget_class, "users.new", NULL, new_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "users.new", NULL);
  gtk_widget_class_set_css_name (widget_class, "wbusersview");
}

static void
wb_users_view_init (WbUsersView *self)
{
  wb_list_view_set_spec (LIST (self), wb_user_list_spec ());
  self->new_button = gtk_button_new_with_mnemonic (_("_New User"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->new_button), "users.new");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->new_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Add a user"), -1);
  gtk_widget_set_tooltip_text (self->new_button, _("Add a user (Ctrl+N)"));
  wb_list_view_add_tool (LIST (self), self->new_button);
  update_tools (self);
}

WbUsersView *
wb_users_view_new (void)
{
  return g_object_new (WB_TYPE_USERS_VIEW, NULL);
}

void
wb_users_view_set_session (WbUsersView *self,
                           WbSession   *session)
{
  g_return_if_fail (WB_IS_USERS_VIEW (self));

  wb_list_view_set_session (LIST (self), session);
  update_tools (self);
}
