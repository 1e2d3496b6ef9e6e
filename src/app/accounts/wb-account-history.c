/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-account-history"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-format.h"
#include "wb-account-rules.h"
#include "wb-labels.h"

#include "wb-account-history.h"

/* The states of a match still in progress, as the briefing names them. */
static const struct {
  const char *state;
  const char *label;
} match_states[] = {
  { "suggested", N_("suggested") },
  { "shortlisted", N_("shortlisted") },
  { "proposed", N_("proposed to the employer") },
  { "interview", N_("in an interview") },
};

static void
add_part (AdwExpanderRow *row,
          const char     *title,
          const char     *text)
{
  GtkWidget *part = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (part), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (part), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (part), text);
  /* A long briefing is read in full, not cut after a line. */
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (part), 0);
  /* Read, not operated: no Tab stop (as every fact of a card). */
  gtk_widget_set_focusable (part, FALSE);
  adw_expander_row_add_row (row, part);
}

void
wb_account_briefing_add_rows (AdwExpanderRow *row,
                              JsonObject     *briefing)
{
  JsonArray *array;
  JsonObject *exception = wb_json_get_object (briefing, "exception");
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_if_fail (ADW_IS_EXPANDER_ROW (row));
  g_return_if_fail (briefing != NULL);

  array = wb_json_get_array (briefing, "last_contacts");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *contact = json_array_get_object_element (array, i);
      const char *note = wb_json_get_string (contact, "note");
      g_autofree char *day = wb_format_iso_date (wb_json_get_string (contact, "date") ?: "?");

      /* TRANSLATORS: a contact in a briefing: date, kind, who (their organisation) */
      g_string_append_printf (text, "%s%s · %s · %s (%s)", i > 0 ? "\n" : "", day,
                              wb_label_for_enum ("contact_kind", wb_json_get_string (contact, "kind")),
                              wb_json_get_string (contact, "user_name") ?: "?", wb_json_get_string (contact, "organisation") ?: "?");
      if (note != NULL && *note != '\0')
        g_string_append_printf (text, ": %s", note);
    }
  add_part (row, _("Last contacts"), text->len > 0 ? text->str : _("No contact logged yet."));

  g_string_truncate (text, 0);
  array = wb_json_get_array (briefing, "open_vacancies");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *vacancy = json_array_get_object_element (array, i);
      gint64 positions = wb_json_get_int (vacancy, "positions");
      g_autofree char *opened = wb_format_iso_date (wb_json_get_string (vacancy, "opened_at") ?: "?");

      /* TRANSLATORS: an open vacancy in a briefing: title, places, when it opened */
      g_string_append_printf (text, "%s", i > 0 ? "\n" : "");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%s · %d place · opened %s", "%s · %d places · opened %s",
                                                 (gulong) positions),
                              wb_json_get_string (vacancy, "title") ?: "?", (int) positions, opened);
    }
  add_part (row, _("Open vacancies"), text->len > 0 ? text->str : _("None."));

  g_string_truncate (text, 0);
  array = wb_json_get_array (briefing, "matches_in_progress");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *match = json_array_get_object_element (array, i);
      const char *state = wb_json_get_string (match, "state");
      const char *label = state;
      guint count = (guint) wb_json_get_int (match, "count");

      for (guint s = 0; s < G_N_ELEMENTS (match_states); s++)
        if (g_strcmp0 (state, match_states[s].state) == 0)
          label = _(match_states[s].label);
      g_string_append_printf (text, "%s", i > 0 ? "\n" : "");
      /* TRANSLATORS: matches of one vacancy in one state: the vacancy, how many, the state */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%s: %u candidate %s", "%s: %u candidates %s", count),
                              wb_json_get_string (match, "vacancy_title") ?: "?", count, label != NULL ? label : "?");
    }
  add_part (row, _("Matches in progress"), text->len > 0 ? text->str : _("None."));

  if (exception == NULL)
    add_part (row, _("Exception"), _("None: the account follows the rule of its size."));
  else
    {
      g_autofree char *about = NULL;
      const char *approved_at = wb_json_get_string (exception, "approved_at");
      g_autofree char *approved_on = approved_at != NULL ? wb_format_iso_date (approved_at) : g_strdup ("?");

      if (wb_json_get_int (exception, "approved_by") > 0)
        /* TRANSLATORS: an exception in a briefing: its reason, who approved it and when */
        about = g_strdup_printf (_("%s (approved by %s on %s; it ended with the handover)"),
                                 wb_json_get_string (exception, "reason") ?: "?", wb_json_get_string (exception, "approved_by_name") ?: "?",
                                 approved_on);
      else
        about = g_strdup_printf (_("%s (not approved; it ended with the handover)"), wb_json_get_string (exception, "reason") ?: "?");
      add_part (row, _("Exception"), about);
    }
}

static char *
arrangement_title (WbRecord *entry)
{
  const char *change = wb_record_get_string (entry, "change");
  const char *day = wb_record_get_string (entry, "at");
  g_autofree char *date = day != NULL ? wb_format_iso_date (day) : g_strdup ("?");

  /* TRANSLATORS: a line of an account's history: the date and what happened */
  if (g_strcmp0 (change, "withdrawn") == 0)
    return g_strdup_printf (_("%s · Potential arrangement withdrawn"), date);
  if (g_strcmp0 (change, "changed") == 0)
    return g_strdup_printf (_("%s · Potential arrangement changed"), date);
  return g_strdup_printf (_("%s · Potential arrangement reported"), date);
}

static char *
arrangement_subtitle (WbRecord *entry)
{
  const char *text = wb_record_get_string (entry, "text");
  guint notified = (guint) wb_record_get_int (entry, "notified");
  g_autofree char *told = NULL;

  told = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "reported to %u WSP coordinator",
                                       "reported to %u WSP coordinators", notified), notified);
  /* TRANSLATORS: who marked an arrangement (their organisation) · what it is · who heard of it */
  return g_strdup_printf (_("%s (%s) · %s · %s"), wb_record_get_string (entry, "user_name") ?: "?",
                          wb_record_get_string (entry, "organisation") ?: "?",
                          text != NULL && *text != '\0' ? text : _("no description"), told);
}

void
wb_account_history_add_card (WbRecordPage *page,
                             GListModel   *history,
                             const char   *missing)
{
  guint n = history != NULL ? g_list_model_get_n_items (history) : 0;
  AdwPreferencesGroup *group;

  g_return_if_fail (WB_IS_RECORD_PAGE (page));

  group = wb_record_page_add_card (page, _("History"),
                                   history == NULL ? missing :
                                   n == 0 ? _("No arrangements were reported and no handovers made.") : NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WbRecord) entry = g_list_model_get_item (history, i);
      g_autofree char *field = g_strdup_printf ("history_%u", i);

      if (g_strcmp0 (wb_record_get_string (entry, "kind"), "handover") == 0)
        {
          const char *day = wb_record_get_string (entry, "at");
          g_autofree char *date = day != NULL ? wb_format_iso_date (day) : g_strdup ("?");
          g_autofree char *title = NULL;
          g_autofree char *subtitle = NULL;
          JsonObject *briefing = wb_json_get_object (wb_record_get_object (entry), "briefing");

          /* TRANSLATORS: a line of an account's history: the date and the successor */
          title = g_strdup_printf (_("%s · Handed over to %s"), date, wb_record_get_string (entry, "to_user_name") ?: "?");
          /* TRANSLATORS: who left, the coordinator who handed the account over, and why */
          subtitle = g_strdup_printf (_("From %s, by %s: %s"), wb_record_get_string (entry, "from_user_name") ?: "?",
                                      wb_record_get_string (entry, "user_name") ?: "?",
                                      wb_record_get_string (entry, "text") ?: "");
          wb_record_page_add_row (page, group, field, title, subtitle);
          if (briefing != NULL)
            {
              GtkWidget *row = adw_expander_row_new ();
              g_autofree char *summary = wb_account_briefing_summary (briefing);
              g_autofree char *briefing_field = g_strdup_printf ("briefing_%u", i);
              g_autofree char *briefing_title = g_strdup_printf (_("Briefing for %s"),
                                                                 wb_record_get_string (entry, "to_user_name") ?: "?");

              adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
              adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), briefing_title);
              adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), summary);
              wb_account_briefing_add_rows (ADW_EXPANDER_ROW (row), briefing);
              adw_preferences_group_add (group, row);
              wb_record_page_add_field (page, briefing_field, row);
            }
        }
      else
        {
          g_autofree char *title = arrangement_title (entry);
          g_autofree char *subtitle = arrangement_subtitle (entry);

          wb_record_page_add_row (page, group, field, title, subtitle);
        }
    }
}
