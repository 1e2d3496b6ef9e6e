/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-vacancy-page"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wb-a11y.h"
#include "wb-client-row.h"
#include "wb-format.h"
#include "wb-labels.h"
#include "wb-vacancy-editor.h"

#include "wb-vacancy-page.h"

/* A vacancy on the record page machinery (WbRecordPage): its cards, its action and the slot
 * of its candidates. */

enum {
  ROW_EMPLOYER,
  ROW_TAKEN_IN,
  ROW_OCCUPATION,
  ROW_SECTOR,
  ROW_HOURS,
  ROW_CONTRACT,
  ROW_EDUCATION,
  ROW_POSITIONS,
  ROW_LICENCE,
  ROW_JOB_CARVING,
  ROW_SUBSIDY,
  ROW_PC4,
  ROW_MUNICIPALITY,
  ROW_REGION,
  ROW_STATUS,
  ROW_OPENED,
  ROW_CLOSES,
  N_ROWS
};

struct _WbVacancyPage
{
  WbRecordPage parent_instance;

  GtkSpinner *spinner;
  GtkButton *edit_button;
  AdwBin *candidates_slot;        /* kept across rebuilds: the page holds a reference */

  WbSession *session;
  WbRecord *vacancy;
  gint64 vacancy_id;
  gboolean full;                  /* the vacancy as GET /vacancies/{id} answers it */
  char *occupation;               /* its name, once read */
  int filled;                     /* placements on it, or -1 until counted */
  gboolean all_requirements;      /* the user asked to see every requirement */
  GPtrArray *more_requirements;   /* the rows past the first few, hidden until asked */
  GtkWidget *requirements_button;

  /* The cards, made for the first vacancy shown and given the values of each next one: a
   * click on another vacancy sets texts, it does not build (and lay out, and announce to
   * assistive technology) some forty widgets again. */
  AdwActionRow *rows[N_ROWS];
  GtkWidget *open_account;
  AdwPreferencesGroup *requirements_card;
  GPtrArray *requirement_rows;    /* AdwActionRow, in the card's order; those past the vacancy's hidden */
  AdwPreferencesGroup *work_card;
  AdwPreferencesGroup *place_card;
  AdwPreferencesGroup *description_card;
  /* The cards below the first two are filled once the frame that shows the vacancy (and,
   * usually, its candidates) is painted: they are mostly below the fold, and their texts
   * measured and laid out in that frame would hold it up. Hidden meanwhile, not stale. */
  GdkFrameClock *rest_clock;
  guint rest_id;
  gint64 shown_id;                /* the vacancy the cards were last filled for */

  GCancellable *cancellable;
  guint pending;
};

G_DEFINE_FINAL_TYPE (WbVacancyPage, wb_vacancy_page, WB_TYPE_RECORD_PAGE)

enum {
  OPEN_EMPLOYER,
  VACANCY_OPENED,
  VACANCY_LOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define PAGE(self) WB_RECORD_PAGE (self)

static void load_full (WbVacancyPage *self);

static void
set_pending (WbVacancyPage *self,
             int            delta)
{
  self->pending = (guint) MAX (0, (int) self->pending + delta);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->pending > 0);
  gtk_spinner_set_spinning (self->spinner, self->pending > 0);
}

static const char *
yes_no (gboolean value)
{
  return value ? _("Yes") : _("No");
}

static const char *
status_style (const char *status)
{
  return g_strcmp0 (status, "open") == 0 ? "success" : g_strcmp0 (status, "filled") == 0 ? "accent" : "neutral";
}

static WbScope
vacancy_scope (WbVacancyPage *self)
{
  return wb_record_get_int (self->vacancy, "organisation_id") == wb_session_get_organisation_id (self->session) ?
         WB_SCOPE_OWN : WB_SCOPE_OTHER;
}

/* Building the cards once, and showing a vacancy in them */

static void
on_open_employer_clicked_cb (GtkButton     *button,
                             WbVacancyPage *self)
{
  gint64 employer_id = self->vacancy != NULL ? wb_record_get_int (self->vacancy, "employer_id") : 0;

  if (employer_id > 0)
    g_signal_emit (self, signals[OPEN_EMPLOYER], 0, employer_id);
}

/* A row's title and subtitle: only what differs is set, as a label that keeps its text is
 * not measured again. */
static void
set_text (AdwPreferencesRow *row,
          const char        *title)
{
  if (g_strcmp0 (adw_preferences_row_get_title (row), title) != 0)
    adw_preferences_row_set_title (row, title);
}

static void
set_subtitle (AdwActionRow *row,
              const char   *subtitle)
{
  if (g_strcmp0 (adw_action_row_get_subtitle (row), subtitle) != 0)
    adw_action_row_set_subtitle (row, subtitle);
}

/* A row's value; when there is none, the page's missing text ("—"). */
static void
set_value (WbVacancyPage *self,
           guint          row,
           const char    *value)
{
  set_subtitle (self->rows[row], value != NULL && *value != '\0' ? value
                                                                 : wb_record_page_get_missing_text (PAGE (self)));
}

/* The requirements shown before "Show All": the candidates beside them stay in view. */
#define REQUIREMENTS_SHORT 5

static void
show_requirements (WbVacancyPage *self)
{
  guint n = self->more_requirements->len + REQUIREMENTS_SHORT;
  g_autofree char *label = NULL;

  for (guint i = 0; i < self->more_requirements->len; i++)
    gtk_widget_set_visible (g_ptr_array_index (self->more_requirements, i), self->all_requirements);
  if (self->more_requirements->len == 0)
    {
      gtk_widget_set_visible (self->requirements_button, FALSE);
      return;
    }
  if (self->all_requirements)
    label = g_strdup (_("Show Fewer Requirements"));
  else
    /* TRANSLATORS: the button under the first few of a vacancy's requirements */
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show All %u Requirement", "Show All %u Requirements", n),
                             n);
  gtk_button_set_label (GTK_BUTTON (self->requirements_button), label);
  wb_a11y_set_label (self->requirements_button, label);
  gtk_widget_set_visible (self->requirements_button, TRUE);
}

static void
on_requirements_clicked_cb (GtkButton     *button,
                            WbVacancyPage *self)
{
  self->all_requirements = !self->all_requirements;
  show_requirements (self);
}

#define FIELD_KEY "wb-vacancy-field"
#define LEVEL_BAR_KEY "wb-level-bar"

/* Makes the cards and their rows, without values: fill () gives them. */
static void
make_cards (WbVacancyPage *self)
{
  static const struct {
    guint card;
    const char *field;
    const char *title;
  } rows[N_ROWS] = {
    [ROW_EMPLOYER] = { 0, "employer", N_("Employer") },
    [ROW_TAKEN_IN] = { 0, "taken_in_by", N_("Taken in by") },
    [ROW_OCCUPATION] = { 2, "occupation", N_("Occupation") },
    [ROW_SECTOR] = { 2, "sector", N_("Sector") },
    [ROW_HOURS] = { 2, "hours", N_("Hours") },
    [ROW_CONTRACT] = { 2, "contract", N_("Contract") },
    [ROW_EDUCATION] = { 2, "education_level", N_("Education") },
    [ROW_POSITIONS] = { 2, "positions", N_("Positions") },
    [ROW_LICENCE] = { 2, "licence_required", N_("Driving licence required") },
    [ROW_JOB_CARVING] = { 2, "job_carving", N_("Job carving") },
    [ROW_SUBSIDY] = { 2, "wage_cost_subsidy", N_("Wage-cost subsidy") },
    [ROW_PC4] = { 3, "pc4", N_("Postcode area") },
    [ROW_MUNICIPALITY] = { 3, "municipality", N_("Municipality") },
    [ROW_REGION] = { 3, "region", N_("Subregion") },
    [ROW_STATUS] = { 3, "status", N_("Status") },
    [ROW_OPENED] = { 3, "opened_at", N_("Opened on") },
    [ROW_CLOSES] = { 3, "closes_at", N_("Closes on") },
  };
  AdwPreferencesGroup *cards[4];

  wb_record_page_clear (PAGE (self));
  cards[0] = wb_record_page_add_card (PAGE (self), _("Employer"), NULL);
  cards[1] = self->requirements_card = wb_record_page_add_card (PAGE (self), _("Requirements"), NULL);
  wb_record_page_add_field (PAGE (self), "requirements", GTK_WIDGET (self->requirements_card));
  cards[2] = self->work_card = wb_record_page_add_card (PAGE (self), _("Work"), NULL);
  cards[3] = self->place_card = wb_record_page_add_card (PAGE (self), _("Place and dates"), NULL);
  for (guint i = 0; i < N_ROWS; i++)
    self->rows[i] = wb_record_page_add_row (PAGE (self), cards[rows[i].card], rows[i].field, _(rows[i].title), NULL);

  self->open_account = gtk_button_new_with_mnemonic (_("Open _Account"));
  gtk_widget_set_valign (self->open_account, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (self->open_account, _("The employer's account, in the accounts view"));
  g_signal_connect (self->open_account, "clicked", G_CALLBACK (on_open_employer_clicked_cb), self);
  adw_action_row_add_suffix (self->rows[ROW_EMPLOYER], self->open_account);

  g_ptr_array_set_size (self->requirement_rows, 0);
  self->requirements_button = gtk_button_new ();
  gtk_widget_add_css_class (self->requirements_button, "flat");
  gtk_widget_set_halign (self->requirements_button, GTK_ALIGN_START);
  gtk_widget_set_margin_top (self->requirements_button, 6);
  gtk_widget_set_visible (self->requirements_button, FALSE);
  g_signal_connect (self->requirements_button, "clicked", G_CALLBACK (on_requirements_clicked_cb), self);
  adw_preferences_group_add (self->requirements_card, self->requirements_button);

  self->description_card = wb_record_page_add_card (PAGE (self), _("Description"), NULL);
}

/* The cards are gone (the page was cleared): the next vacancy makes them again. */
static void
forget_cards (WbVacancyPage *self)
{
  memset (self->rows, 0, sizeof self->rows);
  self->open_account = NULL;
  self->requirements_card = NULL;
  self->work_card = NULL;
  self->place_card = NULL;
  self->description_card = NULL;
  self->shown_id = 0;
  self->requirements_button = NULL;
  g_ptr_array_set_size (self->requirement_rows, 0);
  g_ptr_array_set_size (self->more_requirements, 0);
}

static void
fill_employer (WbVacancyPage *self)
{
  const char *employer = wb_record_get_string (self->vacancy, "employer");
  gint64 user = wb_record_get_int (self->vacancy, "created_by");
  gint64 organisation = wb_record_get_int (self->vacancy, "organisation_id");
  const char *user_name = wb_session_lookup_name (self->session, WB_RESOURCE_USERS, user);
  const char *organisation_name = wb_session_lookup_name (self->session, WB_RESOURCE_ORGANISATIONS, organisation);
  g_autofree char *taken_in = NULL;
  g_autofree char *open_name = NULL;

  set_value (self, ROW_EMPLOYER, employer);
  gtk_widget_set_visible (self->open_account, wb_record_get_int (self->vacancy, "employer_id") > 0);
  /* TRANSLATORS: the spoken name of the button that opens an employer's account */
  open_name = g_strdup_printf (_("Open the account of %s"), employer != NULL ? employer : "?");
  wb_a11y_set_label (self->open_account, open_name);

  if (user_name != NULL || organisation_name != NULL)
    taken_in = g_strdup_printf ("%s · %s", user_name != NULL ? user_name : "?",
                                organisation_name != NULL ? organisation_name : "?");
  set_value (self, ROW_TAKEN_IN, taken_in);
}

/* The row of the @index-th requirement shown, made when there are fewer. */
static AdwActionRow *
requirement_row (WbVacancyPage *self,
                 guint          index)
{
  AdwActionRow *row;
  GtkWidget *bar;

  if (index < self->requirement_rows->len)
    return g_ptr_array_index (self->requirement_rows, index);
  row = wb_record_page_add_row (PAGE (self), self->requirements_card, NULL, "", NULL);
  bar = gtk_level_bar_new_for_interval (0, 5);
  gtk_widget_set_size_request (bar, 120, -1);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (row, bar);
  g_object_set_data (G_OBJECT (row), LEVEL_BAR_KEY, bar);
  g_ptr_array_add (self->requirement_rows, row);
  return row;
}

static void
set_requirement (WbVacancyPage *self,
                 AdwActionRow  *row,
                 JsonObject    *item)
{
  int level = (int) json_object_get_int_member_with_default (item, "level", 0);
  gboolean essential = json_object_get_boolean_member_with_default (item, "essential", TRUE);
  GtkWidget *bar = g_object_get_data (G_OBJECT (row), LEVEL_BAR_KEY);
  const char *old_field = g_object_get_data (G_OBJECT (row), FIELD_KEY);
  g_autofree char *field = g_strdup_printf ("competence:%" G_GINT64_FORMAT,
                                            json_object_get_int_member_with_default (item, "competence_id", 0));
  g_autofree char *subtitle = g_strdup_printf (essential ? _("Level %d of 5 · essential") : _("Level %d of 5 · optional"),
                                               level);

  set_text (ADW_PREFERENCES_ROW (row), json_object_get_string_member_with_default (item, "label", "?"));
  set_subtitle (row, subtitle);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), CLAMP (level, 0, 5));
  /* The bar says what the words under the title say. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, subtitle, -1);
  if (g_strcmp0 (old_field, field) != 0)
    {
      if (old_field != NULL)
        wb_record_page_remove_field (PAGE (self), old_field);
      wb_record_page_add_field (PAGE (self), field, GTK_WIDGET (row));
      g_object_set_data_full (G_OBJECT (row), FIELD_KEY, g_steal_pointer (&field), g_free);
    }
}

static void
fill_requirements (WbVacancyPage *self)
{
  JsonArray *array = wb_record_get_array (self->vacancy, "competences");
  guint n = array != NULL ? json_array_get_length (array) : 0;
  guint essential = 0, shown = 0;
  g_autofree char *description = NULL;

  for (guint i = 0; i < n; i++)
    if (json_object_get_boolean_member_with_default (json_array_get_object_element (array, i), "essential", TRUE))
      essential++;
  if (n == 0)
    description = g_strdup (_("No competences recorded: candidates cannot be matched on what the work asks."));
  else
    /* TRANSLATORS: how many of a vacancy's competences are essential, and how many optional */
    description = g_strdup_printf (_("%u essential, %u optional: a candidate who lacks an essential one has a gap to "
                                     "close, an optional one counts as a plus."), essential, n - essential);
  if (g_strcmp0 (adw_preferences_group_get_description (self->requirements_card), description) != 0)
    adw_preferences_group_set_description (self->requirements_card, description);

  /* Essential ones first, as the server orders them; past the first few, "Show All". */
  g_ptr_array_set_size (self->more_requirements, 0);
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n; i++)
      {
        JsonObject *item = json_array_get_object_element (array, i);

        if (json_object_get_boolean_member_with_default (item, "essential", TRUE) == (pass == 0))
          {
            AdwActionRow *row = requirement_row (self, shown);

            set_requirement (self, row, item);
            if (shown++ >= REQUIREMENTS_SHORT)
              g_ptr_array_add (self->more_requirements, row);
            else
              gtk_widget_set_visible (GTK_WIDGET (row), TRUE);
          }
      }
  /* The rows the previous vacancy needed more: hidden, and no longer known by a field. */
  for (guint i = shown; i < self->requirement_rows->len; i++)
    {
      GObject *row = g_ptr_array_index (self->requirement_rows, i);
      const char *field = g_object_get_data (row, FIELD_KEY);

      gtk_widget_set_visible (GTK_WIDGET (row), FALSE);
      if (field != NULL)
        wb_record_page_remove_field (PAGE (self), field);
      g_object_set_data (row, FIELD_KEY, NULL);
    }
  show_requirements (self);
}

static char *
positions_text (WbVacancyPage *self)
{
  int positions = (int) wb_record_get_int (self->vacancy, "positions");

  if (self->filled < 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d position", "%d positions", positions), positions);
  /* TRANSLATORS: a vacancy's positions, how many of them placements filled, and how many are open */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d position: %d filled, %d open",
                                       "%d positions: %d filled, %d open", positions),
                          positions, self->filled, MAX (0, positions - self->filled));
}

static const char *
occupation_text (WbVacancyPage *self)
{
  if (wb_record_get_int (self->vacancy, "occupation_id") <= 0)
    return NULL;
  return self->occupation != NULL ? self->occupation : _("Loading…");
}

static void
fill_work (WbVacancyPage *self)
{
  const char *sector = wb_record_get_string (self->vacancy, "sector");
  const char *region = wb_record_get_string (self->vacancy, "region");
  gint64 hours = wb_record_get_int (self->vacancy, "hours");
  g_autofree char *hours_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour a week", "%d hours a week",
                                                              (gulong) hours), (int) hours);
  g_autofree char *sector_text = NULL;
  g_autofree char *positions = positions_text (self);

  set_value (self, ROW_OCCUPATION, occupation_text (self));
  if (wb_is_opportunity_sector (region, sector))
    /* TRANSLATORS: a vacancy's sector, and the subregion whose opportunity sector it is */
    sector_text = g_strdup_printf (_("%s: an opportunity sector of %s"), wb_label_for_enum ("sector", sector), region);
  else
    sector_text = g_strdup (wb_label_for_enum ("sector", sector));
  set_value (self, ROW_SECTOR, sector_text);
  set_value (self, ROW_HOURS, hours_text);
  set_value (self, ROW_CONTRACT, wb_label_for_enum ("contract", wb_record_get_string (self->vacancy, "contract")));
  set_value (self, ROW_EDUCATION,
             wb_label_for_enum ("education_level", wb_record_get_string (self->vacancy, "education_level")));
  set_value (self, ROW_POSITIONS, positions);
  set_value (self, ROW_LICENCE, yes_no (wb_record_get_boolean (self->vacancy, "licence_required")));
  set_value (self, ROW_JOB_CARVING, yes_no (wb_record_get_boolean (self->vacancy, "job_carving")));
  set_value (self, ROW_SUBSIDY, yes_no (wb_record_get_boolean (self->vacancy, "wage_cost_subsidy")));
}

static char *
closes_text (const char *closes_at)
{
  guint32 closes = wb_julian_of_date (closes_at);
  g_autofree char *date = NULL;
  int days;

  if (closes == 0)
    return g_strdup (_("Open until filled"));
  /* "20 dec. 2026 (in 17 days)": never the API's ISO date. */
  date = wb_format_iso_date (closes_at);
  days = (int) ((gint64) closes - (gint64) wb_today_julian ());
  if (days == 0)
    /* TRANSLATORS: a closing date that is today */
    return g_strdup_printf (_("%s (today)"), date);
  if (days > 0)
    /* TRANSLATORS: a closing date, and how many days are left */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (in %d day)", "%s (in %d days)", days), date, days);
  /* TRANSLATORS: a closing date that has passed, and how long ago */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%d day ago)", "%s (%d days ago)", -days), date, -days);
}

static void
fill_place (WbVacancyPage *self)
{
  const char *municipality = wb_session_lookup_name (self->session, WB_RESOURCE_MUNICIPALITIES,
                                                     wb_record_get_int (self->vacancy, "municipality_id"));
  g_autofree char *closes = closes_text (wb_record_get_string (self->vacancy, "closes_at"));
  const char *opened_at = wb_record_get_string (self->vacancy, "opened_at");
  g_autofree char *opened = opened_at != NULL ? wb_format_iso_date (opened_at) : NULL;

  set_value (self, ROW_PC4, wb_record_get_string (self->vacancy, "pc4"));
  set_value (self, ROW_MUNICIPALITY, municipality);
  set_value (self, ROW_REGION, wb_record_get_string (self->vacancy, "region"));
  set_value (self, ROW_STATUS, wb_label_for_enum ("vacancy_status", wb_record_get_string (self->vacancy, "status")));
  set_value (self, ROW_OPENED, opened);
  set_value (self, ROW_CLOSES, closes);
}

static void
fill_description (WbVacancyPage *self)
{
  const char *description = wb_record_get_string (self->vacancy, "description");
  gboolean shown = description != NULL && *description != '\0';

  if (shown && g_strcmp0 (adw_preferences_group_get_description (self->description_card), description) != 0)
    adw_preferences_group_set_description (self->description_card, description);
  gtk_widget_set_visible (GTK_WIDGET (self->description_card), shown);
  if (shown)
    wb_record_page_add_field (PAGE (self), "description", GTK_WIDGET (self->description_card));
  else
    wb_record_page_remove_field (PAGE (self), "description");
}

static void
update_actions (WbVacancyPage *self)
{
  /* The server decides; the page hides what it would refuse, and waits for the version. */
  wb_record_page_set_action_visible (PAGE (self), "edit",
                                     self->vacancy != NULL && self->full && self->session != NULL &&
                                     wb_session_can (self->session, WB_RESOURCE_VACANCIES, WB_ACTION_UPDATE,
                                                     vacancy_scope (self)));
}

static void
cancel_rest (WbVacancyPage *self)
{
  g_clear_handle_id (&self->rest_id, g_source_remove);
  if (self->rest_clock != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->rest_clock, self);
      g_clear_object (&self->rest_clock);
    }
}

static void
fill_rest (WbVacancyPage *self)
{
  fill_work (self);
  fill_place (self);
  fill_description (self);
  gtk_widget_set_visible (GTK_WIDGET (self->work_card), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->place_card), TRUE);
}

static void
on_rest_due (WbVacancyPage *self)
{
  cancel_rest (self);
  if (self->vacancy != NULL && self->work_card != NULL)
    fill_rest (self);
  set_pending (self, -1);
}

static void
on_shown_painted_cb (GdkFrameClock *clock,
                     WbVacancyPage *self)
{
  on_rest_due (self);
}

static gboolean
rest_due_cb (gpointer data)
{
  WbVacancyPage *self = data;

  self->rest_id = 0;
  on_rest_due (self);
  return G_SOURCE_REMOVE;
}

/* The lower cards wait for the next frame (REST_DELAY_MS at most: a window that paints
 * none, hidden say); a page that is not in a window fills them at once. */
#define REST_DELAY_MS 100

static void
fill_rest_later (WbVacancyPage *self)
{
  GdkFrameClock *clock = gtk_widget_get_mapped (GTK_WIDGET (self)) ? gtk_widget_get_frame_clock (GTK_WIDGET (self))
                                                                      : NULL;

  if (self->rest_clock != NULL || self->rest_id != 0)
    return;
  if (clock == NULL)
    {
      fill_rest (self);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->work_card), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->place_card), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->description_card), FALSE);
  self->rest_clock = g_object_ref (clock);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_shown_painted_cb), self);
  self->rest_id = g_timeout_add (REST_DELAY_MS, rest_due_cb, self);
  set_pending (self, +1);
}

static void
rebuild (WbVacancyPage *self)
{
  const char *employer, *region, *sector;
  const char *municipality;
  g_autofree char *subtitle = NULL;

  update_actions (self);
  if (self->vacancy == NULL || self->session == NULL)
    {
      wb_record_page_clear (PAGE (self));
      forget_cards (self);
      return;
    }
  if (self->requirements_card == NULL)
    make_cards (self);

  employer = wb_record_get_string (self->vacancy, "employer");
  region = wb_record_get_string (self->vacancy, "region");
  sector = wb_record_get_string (self->vacancy, "sector");
  municipality = wb_session_lookup_name (self->session, WB_RESOURCE_MUNICIPALITIES,
                                         wb_record_get_int (self->vacancy, "municipality_id"));
  /* TRANSLATORS: under a vacancy's title: the employer, the municipality and the subregion */
  subtitle = g_strdup_printf (_("%s · %s (%s)"), employer != NULL ? employer : "?",
                              municipality != NULL ? municipality : "?", region != NULL ? region : "?");
  wb_record_page_set_title (PAGE (self), wb_record_get_string (self->vacancy, "title"), subtitle);

  wb_record_page_clear_badges (PAGE (self));
  wb_record_page_add_badge (PAGE (self), wb_label_for_enum ("vacancy_status", wb_record_get_string (self->vacancy, "status")),
                            status_style (wb_record_get_string (self->vacancy, "status")));
  if (wb_is_opportunity_sector (region, sector))
    wb_record_page_add_badge (PAGE (self), _("Opportunity sector"), "accent");
  if (wb_record_get_boolean (self->vacancy, "job_carving"))
    wb_record_page_add_badge (PAGE (self), _("Job carving"), "accent");
  if (wb_record_get_boolean (self->vacancy, "wage_cost_subsidy"))
    wb_record_page_add_badge (PAGE (self), _("Wage-cost subsidy"), "accent");
  if (wb_record_get_boolean (self->vacancy, "licence_required"))
    wb_record_page_add_badge (PAGE (self), _("Driving licence"), "neutral");

  fill_employer (self);
  fill_requirements (self);
  if (self->rest_clock != NULL || self->rest_id != 0)
    return;
  if (self->shown_id == self->vacancy_id)
    fill_rest (self);
  else
    {
      /* Another vacancy: its first frame shows the cards above the fold (and beside them its
       * candidates); the rest follows. */
      self->shown_id = self->vacancy_id;
      fill_rest_later (self);
    }
}

/* Loading */

static void
on_occupation_loaded_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(WbVacancyPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbRecord) occupation = wb_api_client_get_finish (WB_API_CLIENT (source), result, &error);

  if (occupation == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_pending (self, -1);
  g_free (self->occupation);
  self->occupation = occupation != NULL ? g_strdup (wb_record_get_string (occupation, "label_nl"))
                                        : g_strdup (_("Unknown occupation"));
  /* One row changes: the page is not built again (its candidates are being laid out too). */
  if (self->rows[ROW_OCCUPATION] != NULL && self->vacancy != NULL)
    set_value (self, ROW_OCCUPATION, self->occupation);
  else
    rebuild (self);
}

static void
on_placements_counted_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(WbVacancyPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) placed = NULL;
  guint total = 0;

  placed = wb_api_client_list_finish (WB_API_CLIENT (source), result, &total, &error);
  if (placed == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_pending (self, -1);
  if (placed == NULL)
    {
      g_debug ("The placements could not be counted: %s", error->message);
      return;
    }
  self->filled = (int) total;
  if (self->rows[ROW_POSITIONS] != NULL && self->vacancy != NULL)
    {
      g_autofree char *positions = positions_text (self);

      set_value (self, ROW_POSITIONS, positions);
    }
  else
    rebuild (self);
}

/* What the record shows needs more than the record: its occupation's name and how many of
 * its positions placements filled. */
static void
load_details (WbVacancyPage *self)
{
  WbApiClient *api = wb_session_get_api (self->session);
  gint64 occupation_id = wb_record_get_int (self->vacancy, "occupation_id");
  g_autoptr(GHashTable) filters = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  WbApiQuery query = { .per_page = 1, .filters = filters };

  if (occupation_id > 0 && self->occupation == NULL)
    {
      set_pending (self, +1);
      wb_api_client_get_async (api, WB_RESOURCE_OCCUPATIONS, occupation_id, NULL, self->cancellable,
                               on_occupation_loaded_cb, g_object_ref (self));
    }
  g_hash_table_insert (filters, (gpointer) "vacancy_id", g_strdup_printf ("%" G_GINT64_FORMAT, self->vacancy_id));
  g_hash_table_insert (filters, (gpointer) "state", g_strdup ("placed"));
  set_pending (self, +1);
  wb_api_client_list_async (api, WB_RESOURCE_MATCHES, 0, &query, self->cancellable, on_placements_counted_cb,
                            g_object_ref (self));
}

static void
show_vacancy (WbVacancyPage *self,
              WbRecord      *vacancy)
{
  gboolean occupation_changed = self->vacancy == NULL ||
    wb_record_get_int (self->vacancy, "occupation_id") != wb_record_get_int (vacancy, "occupation_id");
  /* The list's record of the same version shows the same: the cards stay as they are. */
  gboolean same = self->vacancy != NULL && !self->full && wb_record_get_version (vacancy) > 0 &&
                  wb_record_get_version (self->vacancy) == wb_record_get_version (vacancy);

  g_set_object (&self->vacancy, vacancy);
  self->full = TRUE;
  if (occupation_changed)
    g_clear_pointer (&self->occupation, g_free);
  if (same)
    update_actions (self);
  else
    rebuild (self);
  wb_record_page_show (PAGE (self), WB_RECORD_PAGE_RECORD);
  load_details (self);
  g_signal_emit (self, signals[VACANCY_LOADED], 0, vacancy);
}

static void
on_vacancy_loaded_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(WbVacancyPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbRecord) vacancy = wb_api_client_get_finish (WB_API_CLIENT (source), result, &error);

  if (vacancy == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_pending (self, -1);
  if (vacancy == NULL)
    {
      wb_record_page_show_error (PAGE (self), error);
      return;
    }
  wb_record_page_backend_error (PAGE (self), NULL);
  show_vacancy (self, vacancy);
  wb_record_page_record_changed (PAGE (self), vacancy);
}

static void
load_full (WbVacancyPage *self)
{
  if (self->session == NULL || wb_session_get_api (self->session) == NULL || self->vacancy_id <= 0)
    return;
  set_pending (self, +1);
  wb_api_client_get_async (wb_session_get_api (self->session), WB_RESOURCE_VACANCIES, self->vacancy_id, NULL,
                           self->cancellable, on_vacancy_loaded_cb, g_object_ref (self));
}

/* Editing */

static void
on_editor_saved_cb (WbVacancyEditor *editor,
                    WbRecord        *vacancy,
                    WbVacancyPage   *self)
{
  wb_record_page_toast (PAGE (self), _("Vacancy saved"));
  show_vacancy (self, vacancy);
  wb_record_page_record_changed (PAGE (self), vacancy);
}

static void
on_edit_clicked_cb (GtkButton     *button,
                    WbVacancyPage *self)
{
  WbVacancyEditor *editor;

  if (self->vacancy == NULL || !self->full)
    return;
  if (wb_record_page_get_editor (PAGE (self)) != NULL)
    {
      wb_record_page_present_editor (PAGE (self));
      return;
    }
  editor = wb_vacancy_editor_new (self->session, self->vacancy);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved_cb), self, 0);
  wb_record_page_present_editor_window (PAGE (self), GTK_WINDOW (editor));
}

/* The record page's class functions */

static void
forget (WbVacancyPage *self)
{
  cancel_rest (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  wb_record_page_close_editor (PAGE (self));
  g_clear_object (&self->vacancy);
  g_clear_pointer (&self->occupation, g_free);
  self->full = FALSE;
  self->all_requirements = FALSE;
  self->filled = -1;
  self->pending = 0;
  set_pending (self, 0);
}

static void
wb_vacancy_page_set_session_impl (WbRecordPage *page,
                                  WbSession    *session)
{
  WbVacancyPage *self = WB_VACANCY_PAGE (page);

  forget (self);
  g_set_object (&self->session, session);
  self->vacancy_id = 0;
  rebuild (self);
}

static void
wb_vacancy_page_load_impl (WbRecordPage *page,
                           WbRecord     *summary)
{
  WbVacancyPage *self = WB_VACANCY_PAGE (page);

  if (wb_record_page_keep_unsaved_edits (page))
    return;
  forget (self);
  self->vacancy_id = wb_record_get_id (summary);
  /* Whatever follows the vacancy (its candidates) can start now, beside the page's own reads. */
  g_signal_emit (self, signals[VACANCY_OPENED], 0, self->vacancy_id);
  /* The list's record is the vacancy as it is; the page reads it again for its version. */
  if (wb_record_has_field (summary, "title"))
    {
      self->vacancy = g_object_ref (summary);
      rebuild (self);
      wb_record_page_show (page, WB_RECORD_PAGE_RECORD);
    }
  else
    wb_record_page_show (page, WB_RECORD_PAGE_LOADING);
  load_full (self);
}

static void
wb_vacancy_page_reload (WbRecordPage *page)
{
  WbVacancyPage *self = WB_VACANCY_PAGE (page);

  if (self->vacancy_id <= 0)
    return;
  if (self->vacancy == NULL)
    wb_record_page_show (page, WB_RECORD_PAGE_LOADING);
  load_full (self);
}

/* GObject */

static void
wb_vacancy_page_dispose (GObject *object)
{
  WbVacancyPage *self = (WbVacancyPage *) object;

  cancel_rest (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->vacancy);
  g_clear_object (&self->session);
  g_clear_object (&self->candidates_slot);
  g_clear_pointer (&self->occupation, g_free);
  g_clear_pointer (&self->more_requirements, g_ptr_array_unref);
  g_clear_pointer (&self->requirement_rows, g_ptr_array_unref);
  self->requirements_button = NULL;

  G_OBJECT_CLASS (wb_vacancy_page_parent_class)->dispose (object);
}

static void
wb_vacancy_page_class_init (WbVacancyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  WbRecordPageClass *page_class = WB_RECORD_PAGE_CLASS (klass);

  object_class->dispose = wb_vacancy_page_dispose;
  page_class->set_session = wb_vacancy_page_set_session_impl;
  page_class->load = wb_vacancy_page_load_impl;
  page_class->reload = wb_vacancy_page_reload;

  signals[OPEN_EMPLOYER] = g_signal_new ("open-employer", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[VACANCY_OPENED] = g_signal_new ("vacancy-opened", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[VACANCY_LOADED] = g_signal_new ("vacancy-loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, WB_TYPE_RECORD);

  gtk_widget_class_set_template_from_resource (widget_class, "/nl/werkbrug/Werkbrug/ui/wb-vacancy-page.ui");
  gtk_widget_class_bind_template_child (widget_class, WbVacancyPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, WbVacancyPage, edit_button);
  gtk_widget_class_bind_template_child (widget_class, WbVacancyPage, candidates_slot);
  gtk_widget_class_set_css_name (widget_class, "wbvacancypage");
}

static void
wb_vacancy_page_init (WbVacancyPage *self)
{
  WbRecordPage *page = PAGE (self);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->filled = -1;
  self->more_requirements = g_ptr_array_new ();
  self->requirement_rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
  /* The slot outlives every rebuild of the cards: beside them on a wide page, first below
   * the header on a narrow one. */
  g_object_ref_sink (self->candidates_slot);
  wb_record_page_set_side (page, GTK_WIDGET (self->candidates_slot));

  wb_record_page_set_texts (page, _("Back to the vacancy list"), _("Loading the Vacancy"),
                            _("The Vacancy Could Not Be Loaded"));
  wb_record_page_add_bar_widget (page, GTK_WIDGET (self->spinner));
  wb_record_page_add_action_button (page, "edit", self->edit_button);
  g_signal_connect (self->edit_button, "clicked", G_CALLBACK (on_edit_clicked_cb), self);
}

WbVacancyPage *
wb_vacancy_page_new (void)
{
  return g_object_new (WB_TYPE_VACANCY_PAGE, NULL);
}

void
wb_vacancy_page_set_candidates_widget (WbVacancyPage *self,
                                       GtkWidget     *widget)
{
  g_return_if_fail (WB_IS_VACANCY_PAGE (self));
  g_return_if_fail (widget == NULL || GTK_IS_WIDGET (widget));

  adw_bin_set_child (self->candidates_slot, widget);
  gtk_widget_set_visible (GTK_WIDGET (self->candidates_slot), widget != NULL);
}

GtkWidget *
wb_vacancy_page_get_candidates_widget (WbVacancyPage *self)
{
  g_return_val_if_fail (WB_IS_VACANCY_PAGE (self), NULL);
  return adw_bin_get_child (self->candidates_slot);
}

WbRecord *
wb_vacancy_page_get_vacancy (WbVacancyPage *self)
{
  g_return_val_if_fail (WB_IS_VACANCY_PAGE (self), NULL);
  return self->vacancy;
}

gint64
wb_vacancy_page_get_vacancy_id (WbVacancyPage *self)
{
  g_return_val_if_fail (WB_IS_VACANCY_PAGE (self), 0);
  return self->vacancy_id;
}

WbSession *
wb_vacancy_page_get_session (WbVacancyPage *self)
{
  g_return_val_if_fail (WB_IS_VACANCY_PAGE (self), NULL);
  return self->session;
}

gboolean
wb_vacancy_page_get_loading (WbVacancyPage *self)
{
  g_return_val_if_fail (WB_IS_VACANCY_PAGE (self), FALSE);
  return self->pending > 0;
}

