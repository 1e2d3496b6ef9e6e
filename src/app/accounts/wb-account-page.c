/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-account-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-format.h"
#include "wb-account-editor.h"
#include "wb-account-history.h"
#include "wb-account-row.h"
#include "wb-api-accounts.h"
#include "wb-cards.h"
#include "wb-contact-dialog.h"
#include "wb-labels.h"

#include "wb-account-page.h"

/* An employer's account on the record page machinery (WbRecordPage): its cards and actions. */
struct _WbAccountPage
{
  WbRecordPage parent_instance;

  GtkSpinner *spinner;
  GtkButton *contact_button;
  GtkButton *edit_button;

  WbSession *session;
  gint64 employer_id;
  WbRecord *account;          /* as /rule (or the list) has it */
  WbRecord *employer;         /* the full record, with its version */
  GListModel *contacts;
  GListModel *contact_log;
  GListModel *vacancies;
  GListModel *history;        /* arrangements reported, handovers */
  GCancellable *cancellable;
  GError *load_error;         /* why a part is not loaded, or NULL */
  gboolean full;              /* the account's rule is read, not only the list's row */
  WbAccountEditor *editor;
  WbContactDraft *draft;      /* kept while its dialog is open and when logging failed */
  GtkWidget *contact_dialog;
  guint pending;              /* loads under way */
};

G_DEFINE_FINAL_TYPE (WbAccountPage, wb_account_page, WB_TYPE_RECORD_PAGE)

enum {
  NEW_VACANCY,
  OPEN_VACANCY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define PAGE(self) WB_RECORD_PAGE (self)

static void load_account (WbAccountPage *self);
static void load_contact_log (WbAccountPage *self);

static void
toast (WbAccountPage *self,
       const char    *message)
{
  wb_record_page_toast (PAGE (self), message);
}

static void
set_pending (WbAccountPage *self,
             int            delta)
{
  self->pending = (guint) MAX (0, (int) self->pending + delta);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->pending > 0);
  gtk_spinner_set_spinning (self->spinner, self->pending > 0);
}

/* Building the cards */

static void
clear_cards (WbAccountPage *self)
{
  wb_record_page_clear (PAGE (self));
}

static const char *
yes_no (WbRecord   *record,
        const char *field)
{
  JsonNode *node;

  if (record == NULL)
    return NULL;
  node = json_object_get_member (wb_record_get_object (record), field);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  return json_node_get_boolean (node) ? _("Yes") : _("No");
}

static const char *
user_name (WbAccountPage *self,
           gint64         id)
{
  const char *name = self->session != NULL ? wb_session_lookup_name (self->session, WB_RESOURCE_USERS, id) : NULL;

  return name != NULL ? name : _("Unknown user");
}

/* "A WSP account manager", "a local account manager", "no account manager". */
static const char *
owner_type_phrase (WbOwnerType type,
                   gboolean    capital)
{
  switch (type)
    {
    case WB_OWNER_TYPE_WSP:
      return capital ? _("A WSP account manager") : _("a WSP account manager");
    case WB_OWNER_TYPE_LOCAL:
      return capital ? _("A local account manager") : _("a local account manager");
    case WB_OWNER_TYPE_NONE:
    case WB_N_OWNER_TYPES:
    default:
      return capital ? _("No account manager") : _("no account manager");
    }
}

static void
build_owner (WbAccountPage *self,
             WbAccountRow  *row)
{
  const char *explanation = wb_record_get_string (self->account, "explanation");
  const char *reason = wb_record_get_string (self->account, "reason");
  AdwPreferencesGroup *group;
  g_autofree char *owner = NULL;
  g_autofree char *types = NULL;
  g_autofree char *contact = NULL;
  WbAccountStatus status = wb_account_row_get_status (row);

  /* The rule in plain words is the group's description: it is what the page is about. */
  group = wb_record_page_add_card (PAGE (self), _("Owner and rule"), explanation);
  if (explanation != NULL)
    wb_record_page_add_field (PAGE (self), "explanation", GTK_WIDGET (group));

  if (wb_account_row_get_owner_id (row) > 0)
    owner = g_strdup_printf ("%s · %s", wb_account_row_get_owner_name (row), wb_account_row_get_owner_organisation (row));
  wb_record_page_add_row (PAGE (self), group, "owner", _("Owner"),
                   owner != NULL ? owner : _("Nobody owns this account"));

  wb_record_page_add_row (PAGE (self), group, "status", _("Rule status"), wb_account_status_to_label (status));
  if (reason != NULL)
    wb_record_page_add_row (PAGE (self), group, "reason", _("In the review queue because"), reason);

  if (wb_account_row_get_owner_type (row) == wb_account_row_get_expected_owner_type (row))
    /* TRANSLATORS: the kind of owner an account has, when it is what the rule asks */
    types = g_strdup_printf (_("%s, as the rule asks"), owner_type_phrase (wb_account_row_get_owner_type (row), TRUE));
  else
    /* TRANSLATORS: the kind of owner an account has, then the kind the rule asks for */
    types = g_strdup_printf (_("%s, where the rule asks for %s"),
                             owner_type_phrase (wb_account_row_get_owner_type (row), TRUE),
                             owner_type_phrase (wb_account_row_get_expected_owner_type (row), FALSE));
  wb_record_page_add_row (PAGE (self), group, "owner_type", _("Kind of owner"), types);

  if (wb_account_row_get_last_contact (row) == NULL)
    contact = g_strdup (_("Never"));
  else if (wb_account_row_get_dormant (row))
    /* TRANSLATORS: a date, and that the account had no contact for six months */
    contact = g_strdup_printf (_("%s (dormant: no contact for more than six months)"), wb_account_row_get_last_contact (row));
  else
    contact = g_strdup (wb_account_row_get_last_contact (row));
  wb_record_page_add_row (PAGE (self), group, "last_contact", _("Last contact"), contact);
}

static void
build_exception (WbAccountPage *self)
{
  const char *reason = wb_record_get_string (self->account, "exception_reason");
  const char *approved_at = wb_record_get_string (self->account, "exception_approved_at");
  const char *approved_by = wb_record_get_string (self->account, "exception_approved_by_name");
  AdwPreferencesGroup *group;

  if ((reason == NULL || *reason == '\0') && approved_at == NULL)
    return;

  group = wb_record_page_add_card (PAGE (self), _("Exception"),
                       approved_at != NULL ? _("A coordinator approved that a local account manager keeps this account.")
                                           : _("Not approved yet: a coordinator decides in the review queue."));
  wb_record_page_add_row (PAGE (self), group, "exception_reason", _("Reason"), reason);
  if (approved_at != NULL)
    {
      wb_record_page_add_row (PAGE (self), group, "exception_approved_by", _("Approved by"),
                       approved_by != NULL ? approved_by : user_name (self, wb_record_get_int (self->account, "exception_approved_by")));
      wb_record_page_add_row (PAGE (self), group, "exception_approved_at", _("Approved on"), approved_at);
    }
}

/* What a part that is not there says: being loaded, or not loaded and why. */
static const char *
part_missing (WbAccountPage *self)
{
  if (self->load_error == NULL)
    return _("Loading…");
  return g_error_matches (self->load_error, WB_API_ERROR, WB_API_ERROR_NETWORK) ?
         _("Not loaded (offline)") : _("Not loaded");
}

static void
build_company (WbAccountPage *self,
               WbAccountRow  *row)
{
  AdwPreferencesGroup *group = wb_record_page_add_card (PAGE (self), _("Company"), NULL);
  g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, wb_account_row_get_employee_count (row));
  const char *pc4 = wb_record_get_string (self->account, "pc4");

  wb_record_page_add_row (PAGE (self), group, "kvk", _("KvK number"), wb_account_row_get_kvk (row));
  wb_record_page_add_row (PAGE (self), group, "sector", _("Sector"), wb_account_row_get_sector_label (row));
  wb_record_page_add_row (PAGE (self), group, "employee_count", _("Employees"), count);
  wb_record_page_add_row (PAGE (self), group, "pc4", _("Postcode area"), pc4);
  wb_record_page_add_row (PAGE (self), group, "municipality", _("Municipality"),
                   wb_account_row_get_municipality (row));
  wb_record_page_add_row (PAGE (self), group, "arrangement", _("Employer arrangement"),
                   self->employer != NULL ? yes_no (self->employer, "arrangement") : part_missing (self));
  if (self->employer != NULL && wb_record_get_boolean (self->employer, "arrangement") &&
      wb_record_get_string (self->employer, "arrangement_note") != NULL)
    wb_record_page_add_row (PAGE (self), group, "arrangement_note", _("What the arrangement is"),
                            wb_record_get_string (self->employer, "arrangement_note"));
  wb_record_page_add_row (PAGE (self), group, "learn_work", _("Learn-work track"),
                   self->employer != NULL ? yes_no (self->employer, "learn_work") : part_missing (self));
}

static void
build_contacts (WbAccountPage *self)
{
  guint n = self->contacts != NULL ? g_list_model_get_n_items (self->contacts) : 0;
  AdwPreferencesGroup *group = wb_record_page_add_card (PAGE (self), _("Contact persons"),
                                            self->contacts == NULL ? part_missing (self) :
                                            n == 0 ? _("No contact persons recorded.") : NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WbRecord) contact = g_list_model_get_item (self->contacts, i);
      g_autoptr(GPtrArray) parts = g_ptr_array_new ();
      g_autofree char *subtitle = NULL;
      const char *fields[] = { "function", "phone", "email" };

      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        if (wb_record_get_string (contact, fields[f]) != NULL)
          g_ptr_array_add (parts, (gpointer) wb_record_get_string (contact, fields[f]));
      g_ptr_array_add (parts, NULL);
      subtitle = g_strjoinv (" · ", (char **) parts->pdata);
      wb_record_page_add_row (PAGE (self), group, NULL, wb_record_get_string (contact, "name"), subtitle);
    }
}

static int
compare_log (gconstpointer a,
             gconstpointer b)
{
  WbRecord *ea = *(WbRecord **) a;
  WbRecord *eb = *(WbRecord **) b;
  int result = -g_strcmp0 (wb_record_get_string (ea, "date"), wb_record_get_string (eb, "date"));
  gint64 ia = wb_record_get_id (ea), ib = wb_record_get_id (eb);

  return result != 0 ? result : (ib > ia) - (ib < ia);
}

static void
build_contact_log (WbAccountPage *self)
{
  guint n = self->contact_log != NULL ? g_list_model_get_n_items (self->contact_log) : 0;
  AdwPreferencesGroup *group = wb_record_page_add_card (PAGE (self), _("Contact log"),
                                            self->contact_log == NULL ? part_missing (self) :
                                            n == 0 ? _("No contacts logged yet.") : NULL);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (entries, g_list_model_get_item (self->contact_log, i));
  g_ptr_array_sort (entries, compare_log);

  for (guint i = 0; i < entries->len; i++)
    {
      WbRecord *entry = entries->pdata[i];
      const char *org = self->session != NULL ?
        wb_session_lookup_name (self->session, WB_RESOURCE_ORGANISATIONS, wb_record_get_int (entry, "organisation_id")) : NULL;
      const char *note = wb_record_get_string (entry, "note");
      g_autofree char *day = wb_format_iso_date (wb_record_get_string (entry, "date") ?: "?");
      g_autofree char *title = g_strdup_printf ("%s · %s", day,
                                                wb_label_for_enum ("contact_kind", wb_record_get_string (entry, "kind")));
      g_autoptr(GString) subtitle = g_string_new (user_name (self, wb_record_get_int (entry, "user_id")));

      if (org != NULL)
        g_string_append_printf (subtitle, " (%s)", org);
      if (note != NULL && *note != '\0')
        g_string_append_printf (subtitle, " · %s", note);
      wb_record_page_add_row (PAGE (self), group, NULL, title, subtitle->str);
    }
}

static void
on_vacancy_activated_cb (AdwActionRow  *row,
                         WbAccountPage *self)
{
  g_signal_emit (self, signals[OPEN_VACANCY], 0, (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "id")));
}

static void
build_vacancies (WbAccountPage *self)
{
  guint n = self->vacancies != NULL ? g_list_model_get_n_items (self->vacancies) : 0;
  AdwPreferencesGroup *group = wb_record_page_add_card (PAGE (self), _("Vacancies"),
                                            self->vacancies == NULL ? part_missing (self) :
                                            n == 0 ? _("No vacancies registered.") : NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WbRecord) vacancy = g_list_model_get_item (self->vacancies, i);
      gint64 positions = wb_record_get_int (vacancy, "positions");
      g_autofree char *subtitle = NULL;
      g_autofree char *opened = wb_format_iso_date (wb_record_get_string (vacancy, "opened_at") ?: "?");
      AdwActionRow *row;

      /* TRANSLATORS: a vacancy's status, how many places, and when it opened */
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %d place · opened %s", "%s · %d places · opened %s",
                                               (gulong) positions),
                                  wb_label_for_enum ("vacancy_status", wb_record_get_string (vacancy, "status")),
                                  (int) positions, opened);
      row = wb_record_page_add_row (PAGE (self), group, NULL, wb_record_get_string (vacancy, "title"), subtitle);
      /* Each opens in the vacancies view. */
      adw_action_row_add_suffix (row, gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "id", GSIZE_TO_POINTER ((gsize) wb_record_get_id (vacancy)));
      g_signal_connect (row, "activated", G_CALLBACK (on_vacancy_activated_cb), self);
    }
}

/* How the account relates to the user: owned by their organisation, or another's. */
static WbScope
account_scope (WbAccountPage *self)
{
  gint64 owner = self->account != NULL ? wb_record_get_int (self->account, "owner_id") : 0;
  WbRecord *user;

  if (owner <= 0 || self->session == NULL)
    return WB_SCOPE_OTHER;
  user = wb_session_lookup_record (self->session, WB_RESOURCE_USERS, owner);
  if (user != NULL && wb_record_get_int (user, "organisation_id") == wb_session_get_organisation_id (self->session))
    return WB_SCOPE_OWN;
  return WB_SCOPE_OTHER;
}

static void
update_actions (WbAccountPage *self)
{
  WbScope scope;

  if (self->account == NULL || self->session == NULL)
    {
      wb_record_page_set_action_visible (PAGE (self), "edit", FALSE);
      wb_record_page_set_action_visible (PAGE (self), "contact", FALSE);
      wb_record_page_set_action_visible (PAGE (self), "new-vacancy", FALSE);
      return;
    }
  scope = account_scope (self);
  /* The server decides; the page only hides what it would refuse. */
  wb_record_page_set_action_visible (PAGE (self), "edit",
                          self->employer != NULL && wb_session_can (self->session, WB_RESOURCE_EMPLOYERS, WB_ACTION_UPDATE, scope));
  wb_record_page_set_action_visible (PAGE (self), "contact",
                          wb_session_can (self->session, WB_RESOURCE_CONTACT_LOG, WB_ACTION_CREATE, scope));
  wb_record_page_set_action_visible (PAGE (self), "new-vacancy",
                          self->employer != NULL &&
                          wb_session_can (self->session, WB_RESOURCE_VACANCIES, WB_ACTION_CREATE, WB_SCOPE_OWN));
}

static void
rebuild (WbAccountPage *self)
{
  g_autoptr(WbAccountRow) row = NULL;
  g_autofree char *subtitle = NULL;
  WbAccountStatus status;

  clear_cards (self);
  update_actions (self);
  if (self->account == NULL)
    return;

  row = wb_account_row_new (self->account);
  status = wb_account_row_get_status (row);
  /* TRANSLATORS: under an employer's name: KvK number, sector, size and municipality */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "KvK %s · %s · %d employee · %s",
                                           "KvK %s · %s · %d employees · %s",
                                           (gulong) wb_account_row_get_employee_count (row)),
                              wb_account_row_get_kvk (row), wb_account_row_get_sector_label (row),
                              (int) wb_account_row_get_employee_count (row), wb_account_row_get_municipality (row));
  wb_record_page_set_title (PAGE (self), wb_account_row_get_name (row), subtitle);

  wb_record_page_add_badge (PAGE (self), wb_account_status_to_label (status), wb_style_for_account_status (status));
  {
    g_autofree char *type = g_strdup_printf (_("Owner: %s"), wb_owner_type_to_label (wb_account_row_get_owner_type (row)));
    wb_record_page_add_badge (PAGE (self), type, "neutral");
  }
  if (wb_account_row_get_dormant (row))
    wb_record_page_add_badge (PAGE (self), _("Dormant"), "warning");
  if (g_strcmp0 (yes_no (self->employer, "arrangement"), _("Yes")) == 0)
    wb_record_page_add_badge (PAGE (self), _("Employer arrangement"), "accent");
  if (g_strcmp0 (yes_no (self->employer, "learn_work"), _("Yes")) == 0)
    wb_record_page_add_badge (PAGE (self), _("Learn-work track"), "accent");

  build_owner (self, row);
  build_exception (self);
  build_company (self, row);
  build_contacts (self);
  build_contact_log (self);
  build_vacancies (self);
  wb_account_history_add_card (PAGE (self), self->history, part_missing (self));
}

/* Loading */

static gboolean
load_failed (WbAccountPage *self,
             GError        *error,
             const char    *what)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return TRUE;
  set_pending (self, -1);
  g_debug ("%s: %s", what, error->message);
  /* What could not be read says so; "—" and "none" stay for what is empty. */
  if (self->load_error == NULL)
    self->load_error = g_error_copy (error);
  if (!self->full)
    wb_record_page_set_extent (PAGE (self), WB_RECORD_PAGE_NOT_LOADED, error);
  rebuild (self);
  return FALSE;
}

static void
on_rule_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(WbAccountPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbRecord) account = wb_api_accounts_get_rule_finish (WB_API_CLIENT (source), result, &error);

  if (account == NULL)
    {
      if (!load_failed (self, error, "rule"))
        wb_record_page_show_error (PAGE (self), error);
      return;
    }
  set_pending (self, -1);
  wb_record_page_backend_error (PAGE (self), NULL);
  self->full = TRUE;
  wb_record_page_set_extent (PAGE (self), WB_RECORD_PAGE_FULL, NULL);
  g_set_object (&self->account, account);
  rebuild (self);
  wb_record_page_show (PAGE (self), WB_RECORD_PAGE_RECORD);
  wb_record_page_record_changed (PAGE (self), account);
}

static void
on_employer_loaded_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(WbAccountPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbRecord) employer = wb_api_client_get_finish (WB_API_CLIENT (source), result, &error);

  if (employer == NULL)
    {
      load_failed (self, error, "employer");
      return;
    }
  set_pending (self, -1);
  g_set_object (&self->employer, employer);
  rebuild (self);
}

typedef enum {
  LIST_CONTACTS,
  LIST_CONTACT_LOG,
  LIST_VACANCIES,
} ListKind;

typedef struct {
  WbAccountPage *self;
  ListKind kind;
} ListLoad;

static void
on_list_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ListLoad *load = user_data;
  g_autoptr(WbAccountPage) self = load->self;
  ListKind kind = load->kind;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) records = wb_api_client_list_all_finish (WB_API_CLIENT (source), result, &error);
  GListModel **target;

  g_free (load);
  if (records == NULL)
    {
      /* A part that cannot be read says "not loaded", not "loading" forever nor "none". */
      load_failed (self, error, "list");
      return;
    }
  else
    set_pending (self, -1);

  target = kind == LIST_CONTACTS ? &self->contacts : kind == LIST_CONTACT_LOG ? &self->contact_log : &self->vacancies;
  g_set_object (target, records);
  rebuild (self);
}

static void
load_list (WbAccountPage *self,
           ListKind       kind)
{
  ListLoad *load = g_new0 (ListLoad, 1);
  g_autoptr(GHashTable) filters = NULL;
  WbApiQuery query = { 0 };

  load->self = g_object_ref (self);
  load->kind = kind;
  set_pending (self, +1);
  if (kind == LIST_VACANCIES)
    {
      filters = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
      g_hash_table_insert (filters, "employer_id", g_strdup_printf ("%" G_GINT64_FORMAT, self->employer_id));
      query.filters = filters;
    }
  wb_api_client_list_all_async (wb_session_get_api (self->session),
                                kind == LIST_CONTACTS ? WB_RESOURCE_CONTACTS :
                                kind == LIST_CONTACT_LOG ? WB_RESOURCE_CONTACT_LOG : WB_RESOURCE_VACANCIES,
                                kind == LIST_VACANCIES ? 0 : self->employer_id,
                                &query, NULL, NULL, self->cancellable, on_list_loaded_cb, load);
}

static void
on_history_loaded_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(WbAccountPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) history = wb_api_accounts_page_finish (WB_API_CLIENT (source), result, NULL, &error);

  if (history == NULL)
    {
      load_failed (self, error, "history");
      return;
    }
  else
    set_pending (self, -1);
  g_set_object (&self->history, history);
  rebuild (self);
}

static void
load_history (WbAccountPage *self)
{
  g_autofree char *path = g_strdup_printf ("api/v1/employers/%" G_GINT64_FORMAT "/history", self->employer_id);

  set_pending (self, +1);
  wb_api_accounts_page_async (wb_session_get_api (self->session), path, NULL, 1, 1000, self->cancellable,
                              on_history_loaded_cb, g_object_ref (self));
}

static void
load_account (WbAccountPage *self)
{
  WbApiClient *api;

  if (self->session == NULL || (api = wb_session_get_api (self->session)) == NULL || self->employer_id <= 0)
    return;
  set_pending (self, +1);
  wb_api_accounts_get_rule_async (api, self->employer_id, self->cancellable, on_rule_loaded_cb, g_object_ref (self));
}

static void
load_all (WbAccountPage *self)
{
  WbApiClient *api;

  if (self->session == NULL || (api = wb_session_get_api (self->session)) == NULL || self->employer_id <= 0)
    return;
  load_account (self);
  set_pending (self, +1);
  wb_api_client_get_async (api, WB_RESOURCE_EMPLOYERS, self->employer_id, NULL, self->cancellable,
                           on_employer_loaded_cb, g_object_ref (self));
  load_list (self, LIST_CONTACTS);
  load_list (self, LIST_CONTACT_LOG);
  load_list (self, LIST_VACANCIES);
  load_history (self);
}

static void
load_contact_log (WbAccountPage *self)
{
  load_list (self, LIST_CONTACT_LOG);
}

/* Logging a contact */

static void log_contact (WbContactDraft *draft,
                         gpointer        user_data);

static char *
owner_notice (WbAccountPage *self)
{
  const char *owner = wb_record_get_string (self->account, "owner_name");
  const char *org = wb_record_get_string (self->account, "owner_organisation");

  if (account_scope (self) != WB_SCOPE_OTHER || owner == NULL)
    return NULL;
  return g_strdup_printf (_("%s of %s owns this account and will be told of your contact. Employers complain of "
                            "being approached by many public parties: agree with the owner who keeps in touch."),
                          owner, org != NULL ? org : "?");
}

static void
present_contact_dialog (WbAccountPage *self)
{
  g_autofree char *notice = NULL;

  if (self->account == NULL || self->contact_dialog != NULL)
    return;
  if (self->draft == NULL)
    self->draft = wb_contact_draft_new (log_contact, self);
  notice = owner_notice (self);
  self->contact_dialog = wb_contact_dialog_present (GTK_WIDGET (self), wb_record_get_string (self->account, "name"),
                                                    notice, self->draft);
  g_object_add_weak_pointer (G_OBJECT (self->contact_dialog), (gpointer *) &self->contact_dialog);
}

static void
on_contact_logged_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(WbAccountPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *warning = NULL;
  g_autoptr(WbRecord) entry = wb_api_accounts_log_contact_finish (WB_API_CLIENT (source), result, &warning, &error);

  set_pending (self, -1);
  if (entry == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* What was typed stays in the draft; the dialog opens again with it. */
      wb_contact_draft_set_error (self->draft,
                                  g_error_matches (error, WB_API_ERROR, WB_API_ERROR_NETWORK) ?
                                  _("Not logged: the server cannot be reached. Try again.") : error->message,
                                  wb_api_error_get_problem (error));
      present_contact_dialog (self);
      return;
    }

  g_clear_pointer (&self->draft, wb_contact_draft_free);
  if (warning != NULL)
    {
      /* Two parties, one employer: say it plainly, the owner has been told. */
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                  _("Another Organisation Owns This Account"), warning);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "ok", _("_Understood"));
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "ok");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "ok");
      gtk_window_present (GTK_WINDOW (dialog));
    }
  toast (self, warning != NULL ? _("Contact logged; the owner has been told") : _("Contact logged"));
  load_contact_log (self);
  load_account (self);
}

static void
log_contact (WbContactDraft *draft,
             gpointer        user_data)
{
  WbAccountPage *self = user_data;
  g_autoptr(JsonObject) entry = wb_contact_draft_to_json (draft);

  set_pending (self, +1);
  wb_api_accounts_log_contact_async (wb_session_get_api (self->session), self->employer_id, entry,
                                     self->cancellable, on_contact_logged_cb, g_object_ref (self));
}

static void
on_contact_clicked_cb (GtkButton     *button,
                       WbAccountPage *self)
{
  present_contact_dialog (self);
}

/* Editing */

static void
on_editor_saved_cb (WbAccountEditor *editor,
                    WbRecord        *employer,
                    WbAccountPage   *self)
{
  g_set_object (&self->employer, employer);
  toast (self, _("Employer saved"));
  rebuild (self);
  load_account (self);
  /* A marked arrangement was reported to the WSP: the history says so. */
  load_history (self);
}

static void
on_edit_clicked_cb (GtkButton     *button,
                    WbAccountPage *self)
{
  if (self->employer == NULL)
    return;
  if (self->editor == NULL)
    {
      self->editor = wb_account_editor_new (self->session, self->employer);
      g_object_add_weak_pointer (G_OBJECT (self->editor), (gpointer *) &self->editor);
      gtk_window_set_transient_for (GTK_WINDOW (self->editor), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
      g_signal_connect_object (self->editor, "saved", G_CALLBACK (on_editor_saved_cb), self, 0);
    }
  gtk_window_present (GTK_WINDOW (self->editor));
}

static void
on_new_vacancy_clicked_cb (GtkButton     *button,
                           WbAccountPage *self)
{
  if (self->employer != NULL)
    g_signal_emit (self, signals[NEW_VACANCY], 0, self->employer);
}

static gboolean
on_contact_shortcut_cb (GtkWidget *widget,
                        GVariant  *args,
                        gpointer   user_data)
{
  WbAccountPage *self = WB_ACCOUNT_PAGE (widget);

  if (wb_record_page_get_action_visible (PAGE (self), "contact"))
    present_contact_dialog (self);
  return TRUE;
}

/* GObject */

static void
close_windows (WbAccountPage *self)
{
  if (self->editor != NULL)
    gtk_window_destroy (GTK_WINDOW (self->editor));
  if (self->contact_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->contact_dialog));
}

static void
wb_account_page_dispose (GObject *object)
{
  WbAccountPage *self = (WbAccountPage *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  close_windows (self);
  g_clear_object (&self->account);
  g_clear_object (&self->employer);
  g_clear_object (&self->contacts);
  g_clear_object (&self->contact_log);
  g_clear_object (&self->vacancies);
  g_clear_object (&self->history);
  g_clear_error (&self->load_error);
  g_clear_object (&self->session);
  g_clear_pointer (&self->draft, wb_contact_draft_free);
  /* The template's objects live in the machinery's widgets, which its dispose takes down. */

  G_OBJECT_CLASS (wb_account_page_parent_class)->dispose (object);
}

static void wb_account_page_set_session_impl (WbRecordPage *page, WbSession *session);
static void wb_account_page_load_impl (WbRecordPage *page, WbRecord *summary);
static void wb_account_page_reload (WbRecordPage *page);
static gboolean wb_account_page_has_unsaved_edits_impl (WbRecordPage *page);
static void wb_account_page_present_editor_impl (WbRecordPage *page);

static void
wb_account_page_class_init (WbAccountPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  WbRecordPageClass *page_class = WB_RECORD_PAGE_CLASS (klass);

  object_class->dispose = wb_account_page_dispose;
  page_class->set_session = wb_account_page_set_session_impl;
  page_class->load = wb_account_page_load_impl;
  page_class->reload = wb_account_page_reload;
  page_class->has_unsaved_edits = wb_account_page_has_unsaved_edits_impl;
  page_class->present_editor = wb_account_page_present_editor_impl;

  /* The window takes the vacancy in, and opens one, in the vacancies view. */
  signals[NEW_VACANCY] = g_signal_new ("new-vacancy", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, WB_TYPE_RECORD);
  signals[OPEN_VACANCY] = g_signal_new ("open-vacancy", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, on_contact_shortcut_cb, NULL);
  gtk_widget_class_set_template_from_resource (widget_class, "/nl/werkbrug/Werkbrug/ui/wb-account-page.ui");
  gtk_widget_class_bind_template_child (widget_class, WbAccountPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, WbAccountPage, contact_button);
  gtk_widget_class_bind_template_child (widget_class, WbAccountPage, edit_button);
  gtk_widget_class_set_css_name (widget_class, "wbaccountpage");
}

static void
wb_account_page_init (WbAccountPage *self)
{
  WbRecordPage *page = PAGE (self);

  gtk_widget_init_template (GTK_WIDGET (self));
  wb_record_page_set_texts (page, _("Back to the account list"), _("Loading the Account"),
                            _("The Account Could Not Be Loaded"));
  wb_record_page_add_bar_widget (page, GTK_WIDGET (self->spinner));
  wb_record_page_add_action (page, "new-vacancy", _("New _Vacancy"), _("Take in a vacancy for this employer"),
                             NULL, FALSE, G_CALLBACK (on_new_vacancy_clicked_cb));
  wb_record_page_add_action_button (page, "contact", self->contact_button);
  wb_record_page_add_action_button (page, "edit", self->edit_button);
  g_signal_connect (self->contact_button, "clicked", G_CALLBACK (on_contact_clicked_cb), self);
  g_signal_connect (self->edit_button, "clicked", G_CALLBACK (on_edit_clicked_cb), self);
}

WbAccountPage *
wb_account_page_new (void)
{
  return g_object_new (WB_TYPE_ACCOUNT_PAGE, NULL);
}

static void
forget (WbAccountPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  close_windows (self);
  g_clear_object (&self->account);
  g_clear_object (&self->employer);
  g_clear_object (&self->contacts);
  g_clear_object (&self->contact_log);
  g_clear_object (&self->vacancies);
  g_clear_object (&self->history);
  g_clear_pointer (&self->draft, wb_contact_draft_free);
  g_clear_error (&self->load_error);
  self->full = FALSE;
  wb_record_page_set_extent (WB_RECORD_PAGE (self), WB_RECORD_PAGE_FULL, NULL);
  self->pending = 0;
  set_pending (self, 0);
}

static void
wb_account_page_set_session_impl (WbRecordPage *page,
                                  WbSession    *session)
{
  WbAccountPage *self = WB_ACCOUNT_PAGE (page);

  forget (self);
  g_set_object (&self->session, session);
  self->employer_id = 0;
  rebuild (self);
}

static void
wb_account_page_load_impl (WbRecordPage *page,
                           WbRecord     *summary)
{
  WbAccountPage *self = WB_ACCOUNT_PAGE (page);

  if (self->editor != NULL && wb_record_editor_has_changes (WB_RECORD_EDITOR (self->editor)))
    {
      /* Unsaved edits of another employer are never thrown away. */
      gtk_window_present (GTK_WINDOW (self->editor));
      toast (self, _("Save or cancel the open edit first"));
      return;
    }

  forget (self);
  self->employer_id = wb_record_get_id (summary);
  self->account = g_object_ref (summary);
  wb_record_page_set_extent (page, WB_RECORD_PAGE_SUMMARY, NULL);
  rebuild (self);
  wb_record_page_show (page, WB_RECORD_PAGE_RECORD);
  load_all (self);
}

void
wb_account_page_set_data (WbAccountPage *self,
                          WbRecord      *account,
                          WbRecord      *employer,
                          GListModel    *contacts,
                          GListModel    *contact_log,
                          GListModel    *vacancies)
{
  g_return_if_fail (WB_IS_ACCOUNT_PAGE (self));
  g_return_if_fail (WB_IS_RECORD (account));

  forget (self);
  self->employer_id = wb_record_get_id (account);
  self->account = g_object_ref (account);
  g_set_object (&self->employer, employer);
  g_set_object (&self->contacts, contacts);
  g_set_object (&self->contact_log, contact_log);
  g_set_object (&self->vacancies, vacancies);
  rebuild (self);
  wb_record_page_show (PAGE (self), WB_RECORD_PAGE_RECORD);
}

void
wb_account_page_set_history (WbAccountPage *self,
                             GListModel    *history)
{
  g_return_if_fail (WB_IS_ACCOUNT_PAGE (self));
  g_return_if_fail (history == NULL || G_IS_LIST_MODEL (history));

  g_set_object (&self->history, history);
  rebuild (self);
}

gint64
wb_account_page_get_employer_id (WbAccountPage *self)
{
  g_return_val_if_fail (WB_IS_ACCOUNT_PAGE (self), 0);
  return self->employer_id;
}

static void
wb_account_page_reload (WbRecordPage *page)
{
  WbAccountPage *self = WB_ACCOUNT_PAGE (page);

  if (self->employer_id <= 0)
    return;
  if (self->account == NULL)
    wb_record_page_show (page, WB_RECORD_PAGE_LOADING);
  g_clear_error (&self->load_error);
  load_all (self);
}

static gboolean
wb_account_page_has_unsaved_edits_impl (WbRecordPage *page)
{
  WbAccountPage *self = WB_ACCOUNT_PAGE (page);

  return self->editor != NULL && wb_record_editor_has_changes (WB_RECORD_EDITOR (self->editor));
}

static void
wb_account_page_present_editor_impl (WbRecordPage *page)
{
  WbAccountPage *self = WB_ACCOUNT_PAGE (page);

  if (self->editor != NULL)
    gtk_window_present (GTK_WINDOW (self->editor));
}
