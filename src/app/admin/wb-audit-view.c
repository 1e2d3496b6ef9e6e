/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-audit-view"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-audit-entry-page.h"
#include "wb-format.h"

#include "wb-audit-view.h"

struct _WbAuditListModel
{
  WbListModel parent_instance;
};

G_DEFINE_FINAL_TYPE (WbAuditListModel, wb_audit_list_model, WB_TYPE_LIST_MODEL)

/* What a row shows, computed once. */
typedef struct {
  char *search_key;
  char *when;      /* "23-11-2026 01:37": at the user's clock */
  char *record;    /* "Client 123" */
  guint32 day;     /* Julian day of "at", for the period */
} AuditRow;

static GQuark row_quark;

static const struct {
  const char *action;
  const char *label;
} action_labels[] = {
  { "read", N_("Read the full record") },
  { "create", N_("Created") },
  { "update", N_("Changed") },
  { "login", N_("Signed in") },
  { "login_throttled", N_("Sign-ins held back") },
  { "logout_everywhere", N_("Signed out everywhere") },
  { "audit_read", N_("Read the audit") },
  { "password_reset", N_("Gave a one-time password") },
  { "password_change", N_("Changed their password") },
};

const char *
wb_audit_action_label (const char *action)
{
  for (guint i = 0; i < G_N_ELEMENTS (action_labels); i++)
    if (g_strcmp0 (action_labels[i].action, action) == 0)
      return _(action_labels[i].label);
  return action;
}

static void
audit_row_free (AuditRow *row)
{
  g_free (row->search_key);
  g_free (row->when);
  g_free (row->record);
  g_free (row);
}

static AuditRow *
row_of (WbRecord *entry)
{
  return g_object_get_qdata (G_OBJECT (entry), row_quark);
}

static const char *
row_search_key (WbRecord *entry)
{
  return row_of (entry) != NULL ? row_of (entry)->search_key : NULL;
}

static const char *
row_when (WbRecord *entry)
{
  return row_of (entry) != NULL ? row_of (entry)->when : NULL;
}

static const char *
row_at (WbRecord *entry)
{
  return wb_record_get_string (entry, "at");
}

static const char *
row_user (WbRecord *entry)
{
  return wb_record_get_string (entry, "user_name");
}

static gint64
row_user_id (WbRecord *entry)
{
  return wb_record_get_int (entry, "user_id");
}

static const char *
row_organisation (WbRecord *entry)
{
  return wb_record_get_string (entry, "organisation");
}

static gint64
row_organisation_id (WbRecord *entry)
{
  return wb_record_get_int (entry, "organisation_id");
}

static const char *
row_action (WbRecord *entry)
{
  return wb_audit_action_label (wb_record_get_string (entry, "action"));
}

static const char *
row_record (WbRecord *entry)
{
  return row_of (entry) != NULL ? row_of (entry)->record : NULL;
}

static const char *
row_reason (WbRecord *entry)
{
  return wb_record_get_string (entry, "reason");
}

/* Newest first. */
static int
compare_entries (WbRecord *a,
                 WbRecord *b)
{
  return -g_strcmp0 (row_at (a), row_at (b));
}

static const WbListColumn columns[] = {
  [WB_AUDIT_COLUMN_AT] = {
    .id = "at", .title = N_("When"), .width = 140,
    .text = (WbListTextFunc) row_when, .sortable = TRUE, .export_text = (WbListTextFunc) row_at,
  },
  [WB_AUDIT_COLUMN_USER] = {
    .id = "user", .title = N_("Who"), .width = 180, .expand = TRUE,
    .text = (WbListTextFunc) row_user, .sort_text = (WbListTextFunc) row_user,
  },
  [WB_AUDIT_COLUMN_ORGANISATION] = {
    .id = "organisation", .title = N_("Organisation"), .width = 180,
    .text = (WbListTextFunc) row_organisation, .sort_text = (WbListTextFunc) row_organisation,
  },
  [WB_AUDIT_COLUMN_ACTION] = {
    .id = "action", .title = N_("What"), .width = 170,
    .text = (WbListTextFunc) row_action, .sort_text = (WbListTextFunc) row_action,
  },
  [WB_AUDIT_COLUMN_RECORD] = {
    .id = "record", .title = N_("Record"), .width = 130,
    .text = (WbListTextFunc) row_record, .sort_text = (WbListTextFunc) row_record,
  },
  [WB_AUDIT_COLUMN_REASON] = {
    .id = "reason", .title = N_("Why"), .width = 220, .expand = TRUE, .empty_text = "—",
    .text = (WbListTextFunc) row_reason, .sort_text = (WbListTextFunc) row_reason,
  },
};

/* The client: the number the client's file has, as typed. */
static gboolean
client_matches (gpointer                 row,
                const WbListFilterValue *value)
{
  WbRecord *entry = row;
  gint64 wanted;

  if (value->text == NULL || *value->text == '\0')
    return TRUE;
  wanted = g_ascii_strtoll (value->text, NULL, 10);
  return g_strcmp0 (wb_record_get_string (entry, "resource"), "clients") == 0 &&
         wb_record_get_int (entry, "resource_id") == wanted;
}

static gboolean
period_matches (gpointer                 row,
                const WbListFilterValue *value)
{
  AuditRow *audit = row_of (row);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate today;
  guint days = (guint) g_ascii_strtoull (value->text, NULL, 10);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now), g_date_time_get_year (now));
  return audit != NULL && audit->day > 0 && audit->day + days > g_date_get_julian (&today);
}

static const WbListChoice periods[] = {
  { N_("Today"), "1" },
  { N_("The last 7 days"), "7" },
  { N_("The last 30 days"), "30" },
  { N_("The last year"), "365" },
  { NULL },
};

/* What was done: one action, or "-action" for every other one (all but the reads of the
 * audit, which a viewer adds each time it is opened). */
static gboolean
action_matches (gpointer                 row,
                const WbListFilterValue *value)
{
  const char *action = wb_record_get_string (row, "action");

  if (value->text == NULL || *value->text == '\0')
    return TRUE;
  if (value->text[0] == '-')
    return g_strcmp0 (action, value->text + 1) != 0;
  return g_strcmp0 (action, value->text) == 0;
}

static const WbListChoice actions[] = {
  { N_("All but reading the audit"), "-audit_read" },
  { N_("Read the full record"), "read" },
  { N_("Created"), "create" },
  { N_("Changed"), "update" },
  { N_("Signed in"), "login" },
  { N_("Read the audit"), "audit_read" },
  { NULL },
};

static const WbListFilter filters[] = {
  [WB_AUDIT_FILTER_CLIENT] = {
    .id = "client", .kind = WB_LIST_FILTER_TEXT, .label = N_("Client number"),
    .accessible = N_("Filter by the client’s number"), .match = client_matches,
  },
  [WB_AUDIT_FILTER_USER] = {
    .id = "user", .label = N_("Every user"), .accessible = N_("Filter by user"),
    .int64 = (WbListInt64Func) row_user_id, .lookup = WB_RESOURCE_USERS, .lookup_label = "display_name",
  },
  [WB_AUDIT_FILTER_ORGANISATION] = {
    .id = "organisation", .label = N_("Organisation"), .accessible = N_("Filter by organisation"),
    .int64 = (WbListInt64Func) row_organisation_id, .lookup = WB_RESOURCE_ORGANISATIONS,
  },
  [WB_AUDIT_FILTER_PERIOD] = {
    .id = "period", .label = N_("Any time"), .accessible = N_("Filter by period"),
    .match = period_matches, .choices = periods,
  },
  [WB_AUDIT_FILTER_ACTION] = {
    .id = "action", .label = N_("Every action"), .accessible = N_("Filter by action"),
    .match = action_matches, .choices = actions,
  },
};

static const WbListTexts texts = {
  .search_placeholder = N_("Search by name, what or why"),
  .search_label = N_("Search the audit"),
  .list_label = N_("Audit trail, newest first"),
  .loading_title = N_("Loading the Audit"),
  .loading_label = N_("Loading the audit"),
  .empty_title = N_("Nothing Matches"),
  .none_title = N_("The Audit Is Empty"),
  .none_description = N_("Every full read of a client, every change and every sign-in is written here."),
  .none_icon = "security-high-symbolic",
  .error_title = N_("The Audit Could Not Be Loaded"),
  .denied_title = N_("Not for Your Role"),
  .denied_description = N_("Privacy officers, administrators and coordinators read the audit."),
  .open_label = N_("_Open Entry"),
  .open_accessible = N_("Open the audit entry"),
  .export_title = N_("Export the Audit Trail"),
  .export_basename = "werkbrug-audit",
  .load_error = N_("The audit could not be loaded: %s"),
};

static const WbListCounts counts = {
  .singular = WB_PLURALS ("%'u entry", "%'u entries"),
  /* TRANSLATORS: how many audit entries the search and filters show, of all */
  .filtered_singular = WB_PLURALS ("%s of %s entry", "%s of %s entries"),
  .exported_singular = WB_PLURALS ("%u entry exported to %s", "%u entries exported to %s"),
};

static const WbListSpec spec = {
  .row_type = wb_record_get_type,
  .row_id = (WbListInt64Func) wb_record_get_id,
  .search_key = (WbListTextFunc) row_search_key,
  .compare = (int (*) (gpointer, gpointer)) compare_entries,
  .columns = columns,
  .n_columns = G_N_ELEMENTS (columns),
  .sort_column = WB_AUDIT_COLUMN_AT,
  .filters = filters,
  .n_filters = G_N_ELEMENTS (filters),
  .css_class = "wb-audit-list",
  .resource = WB_RESOURCE_AUDIT,
  .path = "api/v1/audit/trail",
  .check_policy = TRUE,
  .texts = &texts,
  .counts = &counts,
};

const WbListSpec *
wb_audit_list_spec (void)
{
  return &spec;
}

static gpointer
wb_audit_list_model_make_row (WbListModel *model,
                              WbRecord    *record)
{
  const char *at = wb_record_get_string (record, "at");
  const char *resource = wb_record_get_string (record, "resource");
  gint64 resource_id = wb_record_get_int (record, "resource_id");
  g_autofree char *key = NULL;
  AuditRow *row = g_new0 (AuditRow, 1);

  if (at != NULL)
    {
      GDate date;

      /* At the user's clock, as a table shows a date ("03-12-2026 21:35"): the server
       * writes UTC. */
      row->when = wb_format_iso_table_date_time (at);
      if (wb_format_parse_day (at, &date))
        row->day = g_date_get_julian (&date);
    }
  if (g_strcmp0 (resource, "clients") == 0 && resource_id > 0)
    /* TRANSLATORS: the record an audit entry is about: a client and their number */
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, resource_id);

      row->record = g_strdup_printf (_("Client %s"), number);
    }
  else if (resource_id > 0)
    row->record = g_strdup_printf ("%s %" G_GINT64_FORMAT, resource, resource_id);
  else
    row->record = g_strdup (resource);
  key = g_strjoin ("\n", wb_record_get_string (record, "user_name") ?: "", wb_record_get_string (record, "username") ?: "",
                   row_action (record) ?: "", wb_record_get_string (record, "reason") ?: "", row->record ?: "", NULL);
  row->search_key = wb_list_fold_search (key);
  g_object_set_qdata_full (G_OBJECT (record), row_quark, row, (GDestroyNotify) audit_row_free);
  return g_object_ref (record);
}

static void
wb_audit_list_model_class_init (WbAuditListModelClass *klass)
{
  WB_LIST_MODEL_CLASS (klass)->make_row = wb_audit_list_model_make_row;
  row_quark = g_quark_from_static_string ("wb-audit-row");
}

static void
wb_audit_list_model_init (WbAuditListModel *self)
{
  wb_list_model_set_spec (WB_LIST_MODEL (self), wb_audit_list_spec ());
}

WbAuditListModel *
wb_audit_list_model_new (void)
{
  return g_object_new (WB_TYPE_AUDIT_LIST_MODEL, NULL);
}

/* The view */

struct _WbAuditView
{
  WbListView parent_instance;
};

G_DEFINE_FINAL_TYPE (WbAuditView, wb_audit_view, WB_TYPE_LIST_VIEW)

static WbListModel *
wb_audit_view_create_model (WbListView *view,
                            WbSession  *session)
{
  return WB_LIST_MODEL (wb_audit_list_model_new ());
}

static WbRecordPage *
wb_audit_view_create_page (WbListView *view)
{
  return WB_RECORD_PAGE (wb_audit_entry_page_new ());
}

static WbRecord *
wb_audit_view_dup_summary (WbListView *view,
                           gpointer    row)
{
  return g_object_ref (row);
}

static void
wb_audit_view_class_init (WbAuditViewClass *klass)
{
  WbListViewClass *list_class = WB_LIST_VIEW_CLASS (klass);

  list_class->create_model = wb_audit_view_create_model;
  list_class->create_page = wb_audit_view_create_page;
  list_class->dup_summary = wb_audit_view_dup_summary;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "wbauditview");
}

static void
wb_audit_view_init (WbAuditView *self)
{
  wb_list_view_set_spec (WB_LIST_VIEW (self), wb_audit_list_spec ());
}

WbAuditView *
wb_audit_view_new (void)
{
  return g_object_new (WB_TYPE_AUDIT_VIEW, NULL);
}

void
wb_audit_view_set_session (WbAuditView *self,
                           WbSession   *session)
{
  g_return_if_fail (WB_IS_AUDIT_VIEW (self));
  wb_list_view_set_session (WB_LIST_VIEW (self), session);
}
