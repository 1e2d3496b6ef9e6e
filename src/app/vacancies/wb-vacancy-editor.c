/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-vacancy-editor"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-dialog.h"
#include "wb-labels.h"

#include "wb-vacancy-editor.h"

/* The levels a proposal starts from: the account manager sets the real ones with the
 * employer. */
#define ESSENTIAL_LEVEL 3
#define OPTIONAL_LEVEL 2

struct _WbVacancyEditor
{
  WbRecordEditor parent_instance;

  WbRecordSearch *employer_search;
  WbRecordSearch *occupation_search;
  WbRequirementsEditor *requirements;
  GCancellable *cancellable;
  guint proposing;
};

G_DEFINE_FINAL_TYPE (WbVacancyEditor, wb_vacancy_editor, WB_TYPE_RECORD_EDITOR)

enum {
  PROPOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The competences are a nested list, not a field of the vacancy's table. */
static const WbFieldSpec competences_spec = { "competences", WB_FIELD_JSON, WB_FIELD_NULLABLE, NULL, 0, 0, NULL };

/* Wide fields last in their group: their editor stands below the group's rows. */
static const WbEditorField editor_fields[] = {
  { N_("Employer"), "employer_id", N_("Employer"), N_("Search by name; a vacancy stays with its employer"), 0, TRUE },
  { N_("Occupation"), "occupation_id", N_("ESCO occupation"),
    N_("Search by the Dutch name: its competences are proposed below"), 0, TRUE },
  { N_("Requirements"), "competences", N_("Competences"),
    N_("Level 1 to 5; a candidate who lacks an essential one has a gap to close"), 0, TRUE, &competences_spec },
  { N_("Vacancy"), "title", N_("Title"), NULL, 28 },
  { N_("Vacancy"), "sector", N_("Sector"), NULL, 0 },
  { N_("Vacancy"), "hours", N_("Hours per week"), N_("From 1 to 40"), 6 },
  { N_("Vacancy"), "contract", N_("Contract"), NULL, 0 },
  { N_("Vacancy"), "education_level", N_("Education"), NULL, 0 },
  { N_("Vacancy"), "positions", N_("Positions"), N_("How many people the employer takes on"), 6 },
  { N_("Vacancy"), "pc4", N_("Postcode area"), N_("The four digits of the postcode of the place of work"), 6 },
  { N_("Vacancy"), "licence_required", N_("Driving licence required"), NULL, 0 },
  { N_("Vacancy"), "job_carving", N_("Job carving"), N_("Tasks taken from existing jobs and fitted to a candidate"), 0 },
  { N_("Vacancy"), "wage_cost_subsidy", N_("Wage-cost subsidy"), N_("Possible after a wage-value measurement"), 0 },
  { N_("Vacancy"), "status", N_("Status"), NULL, 0 },
  { N_("Dates and description"), "opened_at", N_("Opened on"), N_("Typed as 31-3-2026, or chosen in the calendar"), 12 },
  { N_("Dates and description"), "closes_at", N_("Closes on"), N_("Empty while it is open until filled"), 12 },
  { N_("Dates and description"), "description", N_("Description"), NULL, 28 },
};

/* What the searches show under a result */

static char *
describe_employer (WbRecord  *employer,
                   WbSession *session)
{
  const char *municipality = session != NULL ?
    wb_session_lookup_name (session, WB_RESOURCE_MUNICIPALITIES, wb_record_get_int (employer, "municipality_id")) : NULL;

  /* TRANSLATORS: under an employer found by a search: its KvK number and municipality */
  return g_strdup_printf (_("KvK %s · %s"), wb_record_get_string (employer, "kvk") ?: "?",
                          municipality != NULL ? municipality : "?");
}

static char *
describe_occupation (WbRecord  *occupation,
                     WbSession *session)
{
  const char *source = wb_record_get_string (occupation, "source");
  const char *isco = wb_record_get_string (occupation, "isco_group");
  const char *origin = g_strcmp0 (source, "esco") == 0 ? "ESCO" :
                       g_strcmp0 (source, "starter") == 0 ? _("Werkbrug starter list") : source;

  if (isco == NULL)
    return g_strdup (origin);
  /* TRANSLATORS: under an occupation found by a search: where it comes from and its ISCO group */
  return g_strdup_printf (_("%s · ISCO %s"), origin, isco);
}

/* A proposal from the occupation */

static void
on_occupation_loaded_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(WbVacancyEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbRecord) occupation = wb_api_client_get_finish (WB_API_CLIENT (source), result, &error);
  JsonArray *competences;
  guint added = 0;

  if (occupation == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->proposing--;
  if (occupation == NULL)
    {
      g_debug ("The occupation's competences could not be read: %s", error->message);
      g_signal_emit (self, signals[PROPOSED], 0, 0);
      return;
    }

  /* What the list has stays as the user set it; the rest is added. */
  competences = wb_record_get_array (occupation, "competences");
  for (guint i = 0; competences != NULL && i < json_array_get_length (competences); i++)
    {
      JsonObject *item = json_array_get_object_element (competences, i);
      gboolean essential = json_object_get_boolean_member_with_default (item, "essential", TRUE);

      if (wb_requirements_editor_add (self->requirements, json_object_get_int_member (item, "competence_id"),
                                      json_object_get_string_member_with_default (item, "label", NULL),
                                      essential ? ESSENTIAL_LEVEL : OPTIONAL_LEVEL, essential))
        added++;
    }
  g_signal_emit (self, signals[PROPOSED], 0, added);
}

static void
on_occupation_chosen_cb (WbRecordSearch  *search,
                         WbRecord        *occupation,
                         WbVacancyEditor *self)
{
  WbRecordEditor *editor = WB_RECORD_EDITOR (self);
  g_autofree char *title = wb_record_editor_dup_field (editor, "title");
  const char *label = wb_record_get_string (occupation, "label_nl");

  /* The occupation names the vacancy until the user names it. */
  if (*title == '\0' && label != NULL)
    {
      g_autofree char *first = g_utf8_strup (label, g_utf8_next_char (label) - label);
      g_autofree char *named = g_strconcat (first, g_utf8_next_char (label), NULL);

      wb_record_editor_set_field (editor, "title", named);
    }
  self->proposing++;
  wb_api_client_get_async (wb_session_get_api (wb_record_editor_get_session (editor)), WB_RESOURCE_OCCUPATIONS,
                           wb_record_get_id (occupation), NULL, self->cancellable, on_occupation_loaded_cb,
                           g_object_ref (self));
}

/* The employer's place and sector are the vacancy's until the user says otherwise. */
static void
take_from_employer (WbVacancyEditor *self,
                    WbRecord        *employer)
{
  WbRecordEditor *editor = WB_RECORD_EDITOR (self);
  g_autofree char *pc4 = wb_record_editor_dup_field (editor, "pc4");
  g_autofree char *sector = wb_record_editor_dup_field (editor, "sector");

  if (*pc4 == '\0' && wb_record_get_string (employer, "pc4") != NULL)
    wb_record_editor_set_field (editor, "pc4", wb_record_get_string (employer, "pc4"));
  if (*sector == '\0' && wb_record_get_string (employer, "sector") != NULL)
    wb_record_editor_set_field (editor, "sector", wb_record_get_string (employer, "sector"));
}

static void
on_employer_chosen_cb (WbRecordSearch  *search,
                       WbRecord        *employer,
                       WbVacancyEditor *self)
{
  take_from_employer (self, employer);
}

/* The record editor's class functions */

static GtkWidget *
wb_vacancy_editor_create_editor (WbRecordEditor      *editor,
                                 const WbEditorField *info,
                                 const WbFieldSpec   *spec)
{
  WbVacancyEditor *self = WB_VACANCY_EDITOR (editor);
  WbSession *session = wb_record_editor_get_session (editor);

  if (g_str_equal (info->field, "employer_id"))
    {
      self->employer_search = wb_record_search_new (WB_RESOURCE_EMPLOYERS, "name", _("Search an employer…"),
                                                    _("Employer"));
      wb_record_search_set_describe (self->employer_search, describe_employer);
      wb_record_search_set_session (self->employer_search, session);
      g_signal_connect (self->employer_search, "chosen", G_CALLBACK (on_employer_chosen_cb), self);
      return GTK_WIDGET (self->employer_search);
    }
  if (g_str_equal (info->field, "occupation_id"))
    {
      self->occupation_search = wb_record_search_new (WB_RESOURCE_OCCUPATIONS, "label_nl", _("Search an occupation…"),
                                                      _("ESCO occupation"));
      wb_record_search_set_describe (self->occupation_search, describe_occupation);
      wb_record_search_set_session (self->occupation_search, session);
      g_signal_connect (self->occupation_search, "chosen", G_CALLBACK (on_occupation_chosen_cb), self);
      return GTK_WIDGET (self->occupation_search);
    }
  if (g_str_equal (info->field, "competences"))
    {
      self->requirements = wb_requirements_editor_new ();
      wb_requirements_editor_set_session (self->requirements, session);
      return GTK_WIDGET (self->requirements);
    }
  return NULL;
}

static char *
wb_vacancy_editor_record_text (WbRecordEditor      *editor,
                               WbRecord            *record,
                               const WbEditorField *info,
                               const WbFieldSpec   *spec)
{
  if (spec == &competences_spec)
    return wb_requirements_to_text (record != NULL ? wb_record_get_array (record, "competences") : NULL);
  return WB_RECORD_EDITOR_CLASS (wb_vacancy_editor_parent_class)->record_text (editor, record, info, spec);
}

/* A required choice starts unchosen in a new vacancy, so that nothing is said for the user. */
static void
wb_vacancy_editor_add_choices (WbRecordEditor    *editor,
                               const WbFieldSpec *spec,
                               GtkStringList     *labels,
                               GPtrArray         *values)
{
  if (wb_record_editor_get_creating (editor) && spec->type == WB_FIELD_ENUM && (spec->flags & WB_FIELD_REQUIRED))
    {
      gtk_string_list_append (labels, _("Choose…"));
      g_ptr_array_add (values, g_strdup (""));
    }
  WB_RECORD_EDITOR_CLASS (wb_vacancy_editor_parent_class)->add_choices (editor, spec, labels, values);
}

/* The competences as the array the API takes; the rest as every record editor does. */
static gboolean
wb_vacancy_editor_field_to_json (WbRecordEditor     *editor,
                                 const WbFieldSpec  *spec,
                                 const char         *text,
                                 JsonObject         *changes,
                                 char              **message)
{
  JsonArray *competences;

  if (spec != &competences_spec)
    return WB_RECORD_EDITOR_CLASS (wb_vacancy_editor_parent_class)->field_to_json (editor, spec, text, changes, message);
  competences = wb_requirements_parse (text);
  g_assert (competences != NULL);
  json_object_set_array_member (changes, spec->name, competences);
  return TRUE;
}

/* A value in the words of the form, for the dialog after a stale write. */
static char *
wb_vacancy_editor_display_text (WbRecordEditor    *editor,
                                const WbFieldSpec *spec,
                                const char        *text)
{
  if (spec == &competences_spec)
    return wb_requirements_describe (text);
  /* A vacancy's status has its own words. */
  if (g_str_equal (spec->name, "status") && text != NULL && *text != '\0')
    return g_strdup (wb_label_for_enum ("vacancy_status", text));
  return WB_RECORD_EDITOR_CLASS (wb_vacancy_editor_parent_class)->display_text (editor, spec, text);
}

/* GObject */

static void
wb_vacancy_editor_dispose (GObject *object)
{
  WbVacancyEditor *self = (WbVacancyEditor *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (wb_vacancy_editor_parent_class)->dispose (object);
}

static void
wb_vacancy_editor_constructed (GObject *object)
{
  WbRecordEditor *editor = WB_RECORD_EDITOR (object);

  G_OBJECT_CLASS (wb_vacancy_editor_parent_class)->constructed (object);

  /* A vacancy stays with the employer it was taken in for. */
  wb_record_editor_set_field_visible (editor, "employer_id", wb_record_editor_get_creating (editor));
}

static void
wb_vacancy_editor_class_init (WbVacancyEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  WbRecordEditorClass *editor_class = WB_RECORD_EDITOR_CLASS (klass);

  object_class->dispose = wb_vacancy_editor_dispose;
  object_class->constructed = wb_vacancy_editor_constructed;

  editor_class->resource = WB_RESOURCE_VACANCIES;
  editor_class->fields = editor_fields;
  editor_class->n_fields = G_N_ELEMENTS (editor_fields);
  editor_class->conflict_heading = N_("The Vacancy Has Changed");
  editor_class->conflict_body = N_("Someone else saved this vacancy after you opened it. Nothing of yours has "
                                   "been saved yet.");
  editor_class->discard_body = N_("The vacancy has not been saved.");
  editor_class->keep_unknown_choices = TRUE;
  editor_class->missing_bool_is_false = TRUE;
  editor_class->create_editor = wb_vacancy_editor_create_editor;
  editor_class->record_text = wb_vacancy_editor_record_text;
  editor_class->add_choices = wb_vacancy_editor_add_choices;
  editor_class->field_to_json = wb_vacancy_editor_field_to_json;
  editor_class->display_text = wb_vacancy_editor_display_text;

  signals[PROPOSED] = g_signal_new ("proposed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
wb_vacancy_editor_init (WbVacancyEditor *self)
{
  self->cancellable = g_cancellable_new ();
  wb_dialog_fit (GTK_WINDOW (self), 640, 640);
}

WbVacancyEditor *
wb_vacancy_editor_new (WbSession *session,
                       WbRecord  *vacancy)
{
  g_autofree char *title = NULL;

  g_return_val_if_fail (WB_IS_SESSION (session), NULL);
  g_return_val_if_fail (WB_IS_RECORD (vacancy), NULL);

  /* TRANSLATORS: the title of the window that edits a vacancy; %s is its title */
  title = g_strdup_printf (_("Edit %s"), wb_record_get_string (vacancy, "title") ?: "");
  return g_object_new (WB_TYPE_VACANCY_EDITOR,
                       "session", session,
                       "record", vacancy,
                       "title", title,
                       NULL);
}

WbVacancyEditor *
wb_vacancy_editor_new_for_employer (WbSession *session,
                                    WbRecord  *employer)
{
  g_autoptr(JsonObject) draft = json_object_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr(WbRecord) record = NULL;
  g_autofree char *title = NULL;
  WbVacancyEditor *self;

  g_return_val_if_fail (WB_IS_SESSION (session), NULL);
  g_return_val_if_fail (employer == NULL || WB_IS_RECORD (employer), NULL);

  json_object_set_string_member (draft, "status", "open");
  json_object_set_string_member (draft, "opened_at", today);
  json_object_set_int_member (draft, "positions", 1);
  if (employer != NULL)
    {
      /* Where the employer is and what it does, until the user says otherwise. */
      json_object_set_int_member (draft, "employer_id", wb_record_get_id (employer));
      if (wb_record_get_string (employer, "pc4") != NULL)
        json_object_set_string_member (draft, "pc4", wb_record_get_string (employer, "pc4"));
      if (wb_record_get_string (employer, "sector") != NULL)
        json_object_set_string_member (draft, "sector", wb_record_get_string (employer, "sector"));
      /* TRANSLATORS: the title of the window that takes a vacancy in; %s is the employer */
      title = g_strdup_printf (_("New Vacancy at %s"), wb_record_get_string (employer, "name") ?: "");
    }
  else
    title = g_strdup (_("New Vacancy"));
  record = wb_record_new (WB_RESOURCE_VACANCIES, draft);

  self = g_object_new (WB_TYPE_VACANCY_EDITOR,
                       "session", session,
                       "record", record,
                       "title", title,
                       NULL);
  if (employer != NULL)
    wb_record_search_set_record (self->employer_search, employer);
  return self;
}

WbRecordSearch *
wb_vacancy_editor_get_employer_search (WbVacancyEditor *self)
{
  g_return_val_if_fail (WB_IS_VACANCY_EDITOR (self), NULL);
  return self->employer_search;
}

WbRecordSearch *
wb_vacancy_editor_get_occupation_search (WbVacancyEditor *self)
{
  g_return_val_if_fail (WB_IS_VACANCY_EDITOR (self), NULL);
  return self->occupation_search;
}

WbRequirementsEditor *
wb_vacancy_editor_get_requirements (WbVacancyEditor *self)
{
  g_return_val_if_fail (WB_IS_VACANCY_EDITOR (self), NULL);
  return self->requirements;
}

gboolean
wb_vacancy_editor_get_proposing (WbVacancyEditor *self)
{
  g_return_val_if_fail (WB_IS_VACANCY_EDITOR (self), FALSE);
  return self->proposing > 0;
}
