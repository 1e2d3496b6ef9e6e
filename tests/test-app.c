/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "test-app"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "wb-application.h"
#include "wb-client-list-model.h"
#include "wb-client-profile.h"
#include "wb-event-dialog.h"
#include "wb-date-entry.h"
#include "wb-filter-dropdown.h"
#include "wb-wrap-box.h"
#include "wb-format.h"
#include "wb-labels.h"
#include "wb-locale.h"
#include "wb-session.h"
#include "wb-slot-model.h"
#include "wb-test-gtk.h"

/* Widget tests of the client profiles view on synthetic records: the list model's search,
 * filters, sorting and counts, and what the profile page shows. */

#define N_CLIENTS 300

static guint32 today;

static char *
date_days_ago (int days)
{
  GDate date;
  char buffer[16];

  g_date_clear (&date, 1);
  g_date_set_julian (&date, today - days);
  g_date_strftime (buffer, sizeof buffer, "%Y-%m-%d", &date);
  return g_strdup (buffer);
}

static int
this_year (void)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, today);
  return g_date_get_year (&date);
}

/* Client i: organisation 1 + i % 3 (organisation 3 is another organisation's, so its rows
 * come pseudonymised as the server sends them), municipality 1 + i % 4, diagnosis none /
 * stale / current by i % 3 ... every property follows from i so the test can count. */
static gboolean
client_is_pseudonymous (guint i)
{
  return i % 3 == 2;
}

static JsonObject *
make_client (guint    i,
             gboolean full)
{
  JsonObject *o = json_object_new ();
  g_autofree char *given = g_strdup_printf ("Given%u", i);
  g_autofree char *family = g_strdup_printf ("Family%u", i);
  g_autofree char *activity = date_days_ago ((int) (i % 500));

  json_object_set_int_member (o, "id", i + 1);
  json_object_set_int_member (o, "version", 1);
  json_object_set_int_member (o, "organisation_id", 1 + i % 3);
  json_object_set_int_member (o, "municipality_id", 1 + i % 4);
  json_object_set_string_member (o, "given_name", given);
  json_object_set_string_member (o, "family_name", family);
  json_object_set_string_member (o, "pc4", "6411");
  json_object_set_int_member (o, "birth_year", this_year () - 20 - (int) (i % 40));
  json_object_set_string_member (o, "client_group", wb_client_groups[i % 10]);
  json_object_set_string_member (o, "phase", wb_phases[i % 8]);
  json_object_set_int_member (o, "work_capacity", (i * 7) % 101);
  json_object_set_int_member (o, "hours_available", i % 41);
  json_object_set_string_member (o, "status", "active");
  json_object_set_string_member (o, "last_activity", activity);
  if (i % 3 == 1)
    {
      g_autofree char *stale = date_days_ago (400);
      json_object_set_string_member (o, "diagnosis_date", stale);
    }
  else if (i % 3 == 0)
    {
      g_autofree char *current = date_days_ago (30);
      json_object_set_string_member (o, "diagnosis_date", current);
    }
  if (full)
    {
      JsonArray *competences = json_array_new ();
      JsonObject *competence = json_object_new ();
      JsonArray *experience = json_array_new ();
      JsonObject *job = json_object_new ();
      JsonArray *barriers = json_array_new ();
      JsonArray *sectors = json_array_new ();

      json_object_set_string_member (o, "bsn", "123456782");
      json_object_set_string_member (o, "street", "Hoofdstraat");
      json_object_set_string_member (o, "house_number", "12");
      json_object_set_string_member (o, "postcode", "6411 AB");
      json_object_set_string_member (o, "city", "Heerlen");
      json_object_set_string_member (o, "phone", "06-12345678");
      json_object_set_string_member (o, "email", "given@demo.werkbrug.invalid");
      json_object_set_string_member (o, "education_level", "mbo2");
      json_object_set_string_member (o, "language_level", "b1");
      json_object_set_string_member (o, "learning_ability", "high");
      json_object_set_string_member (o, "motivation", "medium");
      json_object_set_string_member (o, "development_potential", "low");
      json_object_set_string_member (o, "transport", "bicycle");
      json_object_set_int_member (o, "max_travel_km", 15);
      json_object_set_boolean_member (o, "driving_licence", TRUE);
      json_object_set_string_member (o, "health_notes", "Synthetic health note");
      json_object_set_int_member (o, "case_manager_id", 7);
      json_object_set_int_member (o, "wsp_account_manager_id", 8);
      json_object_set_string_member (competence, "label", "Klantgericht werken");
      json_object_set_int_member (competence, "competence_id", 3);
      json_object_set_int_member (competence, "level", 4);
      json_object_set_string_member (competence, "evidence", "work");
      json_array_add_object_element (competences, competence);
      json_object_set_array_member (o, "competences", competences);
      json_object_set_string_member (job, "label", "Magazijnmedewerker");
      json_object_set_int_member (job, "occupation_id", 2);
      json_object_set_double_member (job, "years", 2.5);
      json_array_add_object_element (experience, job);
      json_object_set_array_member (o, "work_experience", experience);
      json_array_add_string_element (barriers, "schulden");
      json_array_add_string_element (barriers, "mantelzorg");
      json_object_set_array_member (o, "barriers", barriers);
      json_array_add_string_element (sectors, "logistics");
      json_array_add_string_element (sectors, "green");
      json_object_set_array_member (o, "sector_preferences", sectors);
    }
  if (client_is_pseudonymous (i))
    wb_policy_pseudonymise_client (o, this_year ());
  return o;
}

static WbRecord *
make_named (WbResource  resource,
            gint64      id,
            const char *field,
            const char *name)
{
  JsonObject *o = json_object_new ();

  json_object_set_int_member (o, "id", id);
  json_object_set_string_member (o, field, name);
  if (resource == WB_RESOURCE_USERS)
    {
      json_object_set_int_member (o, "organisation_id", 1);
      json_object_set_string_member (o, "role", id == 8 ? "account_manager_wsp" : "consultant");
    }
  return wb_test_record_take (resource, o);
}

static WbSession *
make_session (void)
{
  JsonObject *me = json_object_new ();
  g_autoptr(WbRecord) me_record = NULL;
  g_autoptr(GListStore) orgs = g_list_store_new (WB_TYPE_RECORD);
  g_autoptr(GListStore) municipalities = g_list_store_new (WB_TYPE_RECORD);
  g_autoptr(GListStore) users = g_list_store_new (WB_TYPE_RECORD);
  WbSession *session;
  static const char * const org_names[] = { "ISD Kompas", "ISD BOL", "Gemeente Heerlen" };
  static const char * const municipality_names[] = { "Heerlen", "Kerkrade", "Brunssum", "Landgraaf" };

  json_object_set_int_member (me, "id", 7);
  json_object_set_int_member (me, "organisation_id", 1);
  json_object_set_string_member (me, "role", "consultant");
  json_object_set_string_member (me, "display_name", "Test Consultant");
  me_record = wb_test_record_take (WB_RESOURCE_USERS, me);
  session = wb_session_new (NULL, me_record);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(WbRecord) r = make_named (WB_RESOURCE_ORGANISATIONS, i + 1, "name", org_names[i]);
      g_list_store_append (orgs, r);
    }
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(WbRecord) r = make_named (WB_RESOURCE_MUNICIPALITIES, i + 1, "name", municipality_names[i]);
      g_list_store_append (municipalities, r);
    }
  {
    g_autoptr(WbRecord) a = make_named (WB_RESOURCE_USERS, 7, "display_name", "Test Consultant");
    g_autoptr(WbRecord) b = make_named (WB_RESOURCE_USERS, 8, "display_name", "Wendy Wsp");
    g_list_store_append (users, a);
    g_list_store_append (users, b);
  }
  wb_session_set_lookup (session, WB_RESOURCE_ORGANISATIONS, G_LIST_MODEL (orgs));
  wb_session_set_lookup (session, WB_RESOURCE_MUNICIPALITIES, G_LIST_MODEL (municipalities));
  wb_session_set_lookup (session, WB_RESOURCE_USERS, G_LIST_MODEL (users));
  return session;
}

static WbClientListModel *
make_model (WbSession *session)
{
  WbClientListModel *model = wb_client_list_model_new (session);
  g_autoptr(GListStore) page1 = g_list_store_new (WB_TYPE_RECORD);
  g_autoptr(GListStore) page2 = g_list_store_new (WB_TYPE_RECORD);

  wb_client_list_model_set_today (model, today);
  /* Two pages, as the view loads them. */
  for (guint i = 0; i < N_CLIENTS; i++)
    {
      g_autoptr(WbRecord) record = wb_test_record_take (WB_RESOURCE_CLIENTS, make_client (i, FALSE));
      g_list_store_append (i < 200 ? page1 : page2, record);
    }
  wb_client_list_model_append_records (model, G_LIST_MODEL (page1));
  g_assert_cmpuint (wb_client_list_model_get_n_loaded (model), ==, 200);
  wb_client_list_model_append_records (model, G_LIST_MODEL (page2));
  return model;
}

static guint
n_shown (WbClientListModel *model)
{
  guint n = g_list_model_get_n_items (wb_client_list_model_get_model (model));

  /* The sorted model and the count agree. */
  g_assert_cmpuint (n, ==, wb_client_list_model_get_n_shown (model));
  return n;
}

static guint
count_where (gboolean (*predicate) (guint i, gconstpointer data),
             gconstpointer data)
{
  guint n = 0;

  for (guint i = 0; i < N_CLIENTS; i++)
    n += predicate (i, data) ? 1 : 0;
  return n;
}

static gboolean
name_contains (guint         i,
               gconstpointer data)
{
  g_autofree char *name = g_strdup_printf ("given%u family%u", i, i);

  return !client_is_pseudonymous (i) && strstr (name, data) != NULL;
}

static void
test_counts (void)
{
  g_autoptr(WbSession) session = make_session ();
  WbClientListModel *model = make_model (session);

  g_assert_cmpuint (wb_client_list_model_get_n_loaded (model), ==, N_CLIENTS);
  g_assert_cmpuint (n_shown (model), ==, N_CLIENTS);
  g_assert_false (wb_client_list_model_get_filtered (model));
  g_assert_nonnull (wb_client_list_model_find (model, 42));
  g_assert_cmpstr (wb_client_row_get_title (wb_client_list_model_find (model, 1)), ==, "Given0 Family0");
  /* Client 2 (i = 2) is another organisation's: its row shows the pseudonym only. */
  g_assert_cmpstr (wb_client_row_get_title (wb_client_list_model_find (model, 3)), ==, "K-000003");
  g_assert_true (wb_client_row_get_pseudonymous (wb_client_list_model_find (model, 3)));
  g_assert_cmpstr (wb_client_row_get_organisation (wb_client_list_model_find (model, 2)), ==, "ISD BOL");
  g_assert_cmpstr (wb_client_row_get_municipality (wb_client_list_model_find (model, 4)), ==, "Landgraaf");

  g_assert_finalize_object (model);
}

static void
test_filters (void)
{
  g_autoptr(WbSession) session = make_session ();
  WbClientListModel *model = make_model (session);

  wb_client_list_model_set_organisation (model, 2);
  g_assert_cmpuint (n_shown (model), ==, 100);
  g_assert_true (wb_client_list_model_get_filtered (model));

  /* Organisation 2 is i % 3 == 1, municipality 3 is i % 4 == 2: i % 12 == 10, 25 rows. */
  wb_client_list_model_set_municipality (model, 3);
  g_assert_cmpuint (n_shown (model), ==, 25);
  wb_client_list_model_set_organisation (model, 0);
  g_assert_cmpuint (n_shown (model), ==, 75);
  wb_client_list_model_set_municipality (model, 0);

  /* Phases cycle over eight values: 38 rows have i % 8 == 0 in 0..299. */
  wb_client_list_model_set_phase (model, "intake");
  g_assert_cmpuint (n_shown (model), ==, 38);
  wb_client_list_model_set_phase (model, "outflow");
  g_assert_cmpuint (n_shown (model), ==, 37);
  wb_client_list_model_set_phase (model, NULL);

  wb_client_list_model_set_client_group (model, "wajong");
  g_assert_cmpuint (n_shown (model), ==, 30);
  wb_client_list_model_set_client_group (model, NULL);

  /* Diagnosis by i % 3: 0 current, 1 stale, 2 none. */
  wb_client_list_model_set_diagnosis (model, WB_DIAGNOSIS_NONE);
  g_assert_cmpuint (n_shown (model), ==, 100);
  wb_client_list_model_set_diagnosis (model, WB_DIAGNOSIS_STALE);
  g_assert_cmpuint (n_shown (model), ==, 100);
  wb_client_list_model_set_organisation (model, 2);
  g_assert_cmpuint (n_shown (model), ==, 100);
  wb_client_list_model_set_organisation (model, 1);
  g_assert_cmpuint (n_shown (model), ==, 0);
  wb_client_list_model_set_organisation (model, 0);
  wb_client_list_model_set_diagnosis (model, -1);

  /* Last activity: i % 500 days ago, so 0..30 days is i = 0..30. */
  wb_client_list_model_set_activity (model, WB_ACTIVITY_MONTH);
  g_assert_cmpuint (n_shown (model), ==, 31);
  wb_client_list_model_set_activity (model, WB_ACTIVITY_OLDER);
  g_assert_cmpuint (n_shown (model), ==, 0);
  wb_client_list_model_set_activity (model, WB_ACTIVITY_ANY);

  /* Age 20 + i % 40: 18-24 is i % 40 in 0..4, 5 of every 40, 40 rows in 0..299. */
  wb_client_list_model_set_age_band (model, "18-24");
  g_assert_cmpuint (n_shown (model), ==, 40);
  wb_client_list_model_set_age_band (model, NULL);

  wb_client_list_model_set_capacity_band (model, "80-100");
  {
    guint expected = 0;
    for (guint i = 0; i < N_CLIENTS; i++)
      expected += (i * 7) % 101 >= 80;
    g_assert_cmpuint (n_shown (model), ==, expected);
    g_assert_cmpuint (expected, >, 0);
  }

  wb_client_list_model_reset_filters (model);
  g_assert_cmpuint (n_shown (model), ==, N_CLIENTS);
  g_assert_false (wb_client_list_model_get_filtered (model));

  g_assert_finalize_object (model);
}

static void
test_search (void)
{
  g_autoptr(WbSession) session = make_session ();
  WbClientListModel *model = make_model (session);
  guint expected;

  /* Typing on narrows, deleting widens; every step gives the exact count. */
  wb_client_list_model_set_search (model, "fam");
  g_assert_cmpuint (n_shown (model), ==, count_where (name_contains, "fam"));
  g_assert_cmpuint (n_shown (model), ==, 200);
  wb_client_list_model_set_search (model, "FAMILY1");
  expected = count_where (name_contains, "family1");
  g_assert_cmpuint (n_shown (model), ==, expected);
  wb_client_list_model_set_search (model, "family12");
  g_assert_cmpuint (n_shown (model), ==, count_where (name_contains, "family12"));
  wb_client_list_model_set_search (model, "family1");
  g_assert_cmpuint (n_shown (model), ==, expected);

  /* The pseudonym of another organisation's client is searchable, its name is not there. */
  wb_client_list_model_set_search (model, "k-000003");
  g_assert_cmpuint (n_shown (model), ==, 1);
  wb_client_list_model_set_search (model, "family2 ");
  g_assert_cmpuint (n_shown (model), ==, count_where (name_contains, "family2"));

  /* Organisation and municipality names are searched too, case-insensitively. */
  wb_client_list_model_set_search (model, "landgraaf");
  g_assert_cmpuint (n_shown (model), ==, 75);
  wb_client_list_model_set_organisation (model, 1);
  g_assert_cmpuint (n_shown (model), ==, 25);

  wb_client_list_model_set_search (model, "no such client");
  g_assert_cmpuint (n_shown (model), ==, 0);
  wb_client_list_model_set_search (model, "");
  g_assert_cmpuint (n_shown (model), ==, 100);

  g_assert_finalize_object (model);
}

/* The ids of the rows @model shows, in their order. */
static GArray *
shown_ids (WbClientListModel *model)
{
  GListModel *shown = wb_client_list_model_get_model (model);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(WbClientRow) row = g_list_model_get_item (shown, i);
      gint64 id = wb_client_row_get_id (row);

      g_array_append_val (ids, id);
    }
  return ids;
}

/* What a list shows after any way of typing is what the same search and organisation show
 * on a list that never saw another: keys deleted (the rows of the shorter search come back
 * without a pass over every row), a search changed in the middle, a filter changed between
 * keystrokes, all of it deleted. */
static void
test_search_keys_back_and_over (void)
{
  g_autoptr(WbSession) session = make_session ();
  WbClientListModel *model = make_model (session);
  static const struct {
    const char *search;
    gint64 organisation;  /* -1: as it was */
  } steps[] = {
    { "f", -1 }, { "fa", -1 }, { "fam", -1 }, { "family", -1 }, { "family1", -1 }, { "family12", -1 },
    { "family1", -1 }, { "family", -1 }, { "famil", -1 }, { "family2", -1 }, { "amily2", -1 },
    { "amily", -1 }, { "fam", -1 }, { "", -1 }, { "given1", -1 }, { "given1", 2 }, { "given", -1 },
    { "given1", -1 }, { "given12", -1 }, { "given1", 0 }, { "given", -1 }, { "", -1 }, { "zzz", -1 },
    { "zz", -1 }, { "k-00", -1 }, { "k-000003", -1 }, { "k-00", -1 }, { "k-0", 3 }, { "k-", -1 }, { "", 0 },
  };
  gint64 organisation = 0;

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      WbClientListModel *fresh = make_model (session);
      g_autoptr(GArray) got = NULL;
      g_autoptr(GArray) expected = NULL;

      if (steps[i].organisation >= 0)
        {
          organisation = steps[i].organisation;
          wb_client_list_model_set_organisation (model, organisation);
        }
      wb_client_list_model_set_search (model, steps[i].search);
      wb_client_list_model_set_organisation (fresh, organisation);
      wb_client_list_model_set_search (fresh, steps[i].search);

      got = shown_ids (model);
      expected = shown_ids (fresh);
      g_test_message ("“%s”, organisation %" G_GINT64_FORMAT ": %u rows", steps[i].search, organisation, expected->len);
      g_assert_cmpuint (got->len, ==, expected->len);
      g_assert_cmpmem (got->data, got->len * sizeof (gint64), expected->data, expected->len * sizeof (gint64));
      g_assert_cmpuint (n_shown (model), ==, expected->len);
      g_assert_finalize_object (fresh);
    }
  /* The steps are no empty test: they narrow, widen and end on every row. */
  g_assert_cmpuint (n_shown (model), ==, N_CLIENTS);

  g_assert_finalize_object (model);
}

static void
test_sort (void)
{
  g_autoptr(WbSession) session = make_session ();
  WbClientListModel *model = make_model (session);
  GListModel *shown = wb_client_list_model_get_model (model);
  g_autoptr(GtkSorter) by_age = wb_client_list_model_create_sorter (WB_CLIENT_COLUMN_AGE);
  g_autoptr(GtkSorter) by_activity = wb_client_list_model_create_sorter (WB_CLIENT_COLUMN_ACTIVITY);
  g_autoptr(GtkSorter) by_organisation = wb_client_list_model_create_sorter (WB_CLIENT_COLUMN_ORGANISATION);
  g_autoptr(GtkSorter) by_phase = wb_client_list_model_create_sorter (WB_CLIENT_COLUMN_PHASE);
  g_autoptr(WbClientRow) first = NULL;
  g_autoptr(WbClientRow) last = NULL;
  int previous = -1;

  wb_client_list_model_set_sorter (model, by_activity);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(WbClientRow) row = g_list_model_get_item (shown, i);
      g_assert_cmpint (wb_client_row_get_days_idle (row), >=, previous);
      previous = wb_client_row_get_days_idle (row);
    }
  first = g_list_model_get_item (shown, 0);
  g_assert_cmpint (wb_client_row_get_id (first), ==, 1);
  g_clear_object (&first);

  /* Own clients sort by their age; pseudonymous ones by the lower bound of their band. */
  wb_client_list_model_set_sorter (model, by_age);
  wb_client_list_model_set_organisation (model, 1);
  previous = -1;
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(WbClientRow) row = g_list_model_get_item (shown, i);
      g_assert_cmpint (wb_client_row_get_age (row), >=, previous);
      previous = wb_client_row_get_age (row);
    }
  first = g_list_model_get_item (shown, 0);
  last = g_list_model_get_item (shown, g_list_model_get_n_items (shown) - 1);
  g_assert_cmpint (wb_client_row_get_age (first), ==, 20);
  g_assert_cmpint (wb_client_row_get_age (last), ==, 59);
  g_clear_object (&first);
  g_clear_object (&last);
  wb_client_list_model_set_organisation (model, 0);

  wb_client_list_model_set_sorter (model, by_organisation);
  first = g_list_model_get_item (shown, 0);
  last = g_list_model_get_item (shown, N_CLIENTS - 1);
  g_assert_cmpstr (wb_client_row_get_organisation (first), ==, "Gemeente Heerlen");
  g_assert_cmpstr (wb_client_row_get_organisation (last), ==, "ISD Kompas");
  g_clear_object (&first);
  g_clear_object (&last);

  /* Phases sort in the order of the client's path, not alphabetically. */
  wb_client_list_model_set_sorter (model, by_phase);
  first = g_list_model_get_item (shown, 0);
  last = g_list_model_get_item (shown, N_CLIENTS - 1);
  g_assert_cmpstr (wb_client_row_get_phase (first), ==, "intake");
  g_assert_cmpstr (wb_client_row_get_phase (last), ==, "outflow");
  g_clear_object (&first);
  g_clear_object (&last);

  /* Sorting and filtering together: the count stays exact. */
  wb_client_list_model_set_phase (model, "diagnosis");
  g_assert_cmpuint (n_shown (model), ==, 38);

  wb_client_list_model_set_sorter (model, NULL);
  g_assert_finalize_object (model);
}

static void
test_replace (void)
{
  g_autoptr(WbSession) session = make_session ();
  WbClientListModel *model = make_model (session);
  JsonObject *changed = make_client (8, FALSE);
  g_autoptr(WbRecord) record = NULL;

  wb_client_list_model_set_phase (model, "placed");
  g_assert_cmpuint (n_shown (model), ==, 37);

  /* Client 9 (i = 8) was in intake; after a save it is placed and shows under the filter. */
  json_object_set_string_member (changed, "phase", "placed");
  record = wb_test_record_take (WB_RESOURCE_CLIENTS, changed);
  wb_client_list_model_replace_record (model, record);
  g_assert_cmpuint (n_shown (model), ==, 38);
  g_assert_cmpuint (wb_client_list_model_get_n_loaded (model), ==, N_CLIENTS);
  g_assert_cmpstr (wb_client_row_get_phase (wb_client_list_model_find (model, 9)), ==, "placed");

  g_clear_object (&record);
  g_assert_finalize_object (model);
}

static void
collect_texts (GtkWidget *widget,
               GString   *out)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (GTK_IS_LABEL (widget))
    {
      g_string_append (out, gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append_c (out, '\n');
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_texts (child, out);
}

static WbClientProfile *
make_profile (WbSession *session)
{
  WbClientProfile *profile = wb_client_profile_new ();

  g_object_ref_sink (profile);
  wb_client_profile_set_session (profile, session);
  return profile;
}

static void
test_profile_own (void)
{
  g_autoptr(WbSession) session = make_session ();
  WbClientProfile *profile = make_profile (session);
  g_autoptr(WbRecord) record = NULL;
  g_autoptr(GListStore) events = g_list_store_new (WB_TYPE_RECORD);
  g_autoptr(GString) texts = g_string_new (NULL);
  g_autofree char *stale = date_days_ago (400);

  {
    JsonObject *event = json_object_new ();
    g_autoptr(WbRecord) event_record = NULL;

    json_object_set_int_member (event, "id", 1);
    json_object_set_string_member (event, "kind", "diagnosis_signal");
    json_object_set_string_member (event, "date", "2026-01-02");
    json_object_set_int_member (event, "addressed_to", 3);
    event_record = wb_test_record_take (WB_RESOURCE_EVENTS, event);
    g_list_store_append (events, event_record);
  }
  {
    JsonObject *event = json_object_new ();
    g_autoptr(WbRecord) event_record = NULL;

    json_object_set_int_member (event, "id", 2);
    json_object_set_string_member (event, "kind", "placement");
    json_object_set_string_member (event, "date", "2026-03-02");
    json_object_set_int_member (event, "hours", 24);
    json_object_set_string_member (event, "contract", "temporary");
    json_object_set_string_member (event, "outflow_type", "partial");
    event_record = wb_test_record_take (WB_RESOURCE_EVENTS, event);
    g_list_store_append (events, event_record);
  }

  /* i = 3 belongs to organisation 1, the user's own. */
  record = wb_test_record_take (WB_RESOURCE_CLIENTS, make_client (3, TRUE));
  g_assert_cmpint (wb_record_get_int (record, "organisation_id"), ==, 1);

  wb_client_profile_set_record (profile, record, G_LIST_MODEL (events));
  g_assert_cmpstr (wb_client_profile_get_title (profile), ==, "Given3 Family3");
  g_assert_cmpstr (wb_client_profile_get_field_text (profile, "name"), ==, "Given3 Family3");
  g_assert_cmpstr (wb_client_profile_get_field_text (profile, "bsn"), ==, "123456782");
  g_assert_cmpstr (wb_client_profile_get_field_text (profile, "phone"), ==, "06-12345678");
  g_assert_cmpstr (wb_client_profile_get_field_text (profile, "address"), ==, "Hoofdstraat 12, 6411 AB Heerlen");
  g_assert_cmpstr (wb_client_profile_get_field_text (profile, "phase"), ==, wb_label_for_enum ("phase", "development"));
  g_assert_cmpstr (wb_client_profile_get_field_text (profile, "education_level"), ==, wb_label_for_enum ("education_level", "mbo2"));
  g_assert_cmpstr (wb_client_profile_get_field_text (profile, "work_capacity"), ==, "21 %");
  g_assert_cmpstr (wb_client_profile_get_field_text (profile, "max_travel_km"), ==, "up to 15 km");
  g_assert_cmpstr (wb_client_profile_get_field_text (profile, "case_manager"), ==, "Test Consultant");
  g_assert_cmpstr (wb_client_profile_get_field_text (profile, "wsp_account_manager"), ==, "Wendy Wsp");
  /* Codes become words; a barrier typed in freely stays as it was typed. */
  g_assert_cmpstr (wb_client_profile_get_field_text (profile, "sector_preferences"), ==, "Logistics, Green spaces");
  g_assert_cmpstr (wb_client_profile_get_field_text (profile, "barriers"), ==, "Debts, mantelzorg");
  g_assert_cmpstr (wb_client_profile_get_field_text (profile, "organisation"), ==, "ISD Kompas");
  /* i = 3: a current diagnosis, thirty days old. */
  g_assert_true (g_str_has_suffix (wb_client_profile_get_field_text (profile, "diagnosis_date"), "(30 days ago)"));

  collect_texts (GTK_WIDGET (profile), texts);
  g_assert_nonnull (strstr (texts->str, "Klantgericht werken"));
  g_assert_nonnull (strstr (texts->str, "Magazijnmedewerker"));
  g_assert_nonnull (strstr (texts->str, "Debts"));
  g_assert_nonnull (strstr (texts->str, wb_label_for_enum ("kind", "diagnosis_signal")));
  /* A placement says its hours, contract and what it does to the benefit. */
  {
    g_autofree char *placement = g_strdup_printf ("2 Mar 2026 · 24 hours a week · %s · %s",
                                                  wb_label_for_enum ("contract", "temporary"),
                                                  wb_label_for_enum ("outflow_type", "partial"));
    g_assert_nonnull (strstr (texts->str, placement));
  }
  /* Health notes are never shown in the profile. */
  g_assert_null (strstr (texts->str, "Synthetic health note"));

  /* A consultant of the owning organisation may edit and add events, not signal; the
   * client is referred already, so not again: the profile says to whom. */
  g_assert_true (wb_client_profile_get_action_visible (profile, "edit"));
  g_assert_true (wb_client_profile_get_action_visible (profile, "event"));
  g_assert_false (wb_client_profile_get_action_visible (profile, "refer"));
  g_assert_false (wb_client_profile_get_action_visible (profile, "signal"));
  g_assert_nonnull (strstr (texts->str, "Referred to the WSP: Wendy Wsp"));

  /* A stale diagnosis shows as stale. */
  json_object_set_string_member (wb_record_get_object (record), "diagnosis_date", stale);
  wb_client_profile_set_record (profile, record, NULL);
  {
    /* Written as the interface writes dates ("3 Dec 2026"), never as the API's ISO. */
    g_autofree char *shown = wb_format_iso_date (stale);

    g_assert_true (g_str_has_prefix (wb_client_profile_get_field_text (profile, "diagnosis_date"), shown));
    g_assert_false (g_str_has_prefix (wb_client_profile_get_field_text (profile, "diagnosis_date"), stale));
  }
  g_string_truncate (texts, 0);
  collect_texts (GTK_WIDGET (profile), texts);
  g_assert_nonnull (strstr (texts->str, wb_diagnosis_status_to_label (WB_DIAGNOSIS_STALE)));

  g_clear_object (&record);
  g_clear_object (&events);
  g_assert_finalize_object (profile);
}

static void
test_profile_pseudonymous (void)
{
  g_autoptr(WbSession) session = make_session ();
  WbClientProfile *profile = make_profile (session);
  g_autoptr(WbRecord) record = NULL;
  g_autoptr(GString) texts = g_string_new (NULL);

  /* i = 5 belongs to organisation 3: the record arrives pseudonymised, as the server
   * sends it (wb_policy_pseudonymise_client on a full record). */
  record = wb_test_record_take (WB_RESOURCE_CLIENTS, make_client (5, TRUE));
  g_assert_true (wb_record_get_boolean (record, "pseudonymous"));
  wb_client_profile_set_record (profile, record, NULL);

  g_assert_cmpstr (wb_client_profile_get_title (profile), ==, "K-000006");
  g_assert_null (wb_client_profile_get_field_text (profile, "name"));
  g_assert_null (wb_client_profile_get_field_text (profile, "bsn"));
  g_assert_null (wb_client_profile_get_field_text (profile, "phone"));
  g_assert_null (wb_client_profile_get_field_text (profile, "address"));
  g_assert_cmpstr (wb_client_profile_get_field_text (profile, "organisation"), ==, "Gemeente Heerlen");
  g_assert_cmpstr (wb_client_profile_get_field_text (profile, "capacity_band"), ==, "30-80");

  collect_texts (GTK_WIDGET (profile), texts);
  g_assert_null (strstr (texts->str, "Given5"));
  g_assert_null (strstr (texts->str, "Family5"));
  g_assert_null (strstr (texts->str, "123456782"));
  g_assert_null (strstr (texts->str, "Hoofdstraat"));
  g_assert_nonnull (strstr (texts->str, "K-000006"));

  /* Another organisation's client: no edit, no referral, no events; but i = 5 has no
   * diagnosis, and any reader may signal that to the owner. */
  g_assert_false (wb_client_profile_get_action_visible (profile, "edit"));
  g_assert_false (wb_client_profile_get_action_visible (profile, "refer"));
  g_assert_false (wb_client_profile_get_action_visible (profile, "event"));
  g_assert_true (wb_client_profile_get_action_visible (profile, "signal"));

  g_clear_object (&record);
  g_assert_finalize_object (profile);
}

static void
on_draft_ready_cb (WbEventDraft *draft,
                   gpointer      user_data)
{
  guint *n_ready = user_data;

  (*n_ready)++;
}

/* An event says what its kind needs and nothing left over from another kind; the
 * server's messages about its fields stay with the fields. */
static void
test_event_draft (void)
{
  guint n_ready = 0;
  WbEventDraft *draft = wb_event_draft_new (on_draft_ready_cb, &n_ready);
  g_autoptr(JsonObject) note = NULL;
  g_autoptr(JsonObject) placement = NULL;
  g_autoptr(JsonObject) outflow = NULL;
  g_autoptr(WbProblem) problem = wb_problem_new (400, "Invalid", NULL);

  note = wb_event_draft_to_json (draft);
  g_assert_cmpstr (json_object_get_string_member (note, "kind"), ==, "note");
  g_assert_true (wb_validate_date (json_object_get_string_member (note, "date")));
  g_assert_cmpuint (json_object_get_size (note), ==, 2);

  /* First a track, then the person changes their mind: a placement. */
  wb_event_draft_set (draft, "kind", "track_start");
  wb_event_draft_set (draft, "instrument", "jobcoaching");
  wb_event_draft_set (draft, "kind", "placement");
  wb_event_draft_set_employer (draft, 17, "Bakkerij Vaessen");
  wb_event_draft_set (draft, "hours", "24");
  wb_event_draft_set (draft, "contract", "temporary");
  wb_event_draft_set (draft, "outflow_type", "partial");
  wb_event_draft_set (draft, "reason", "left from before");
  placement = wb_event_draft_to_json (draft);
  g_assert_false (json_object_has_member (placement, "instrument"));
  g_assert_false (json_object_has_member (placement, "reason"));
  g_assert_cmpint (json_object_get_int_member (placement, "employer_id"), ==, 17);
  g_assert_cmpint (json_object_get_int_member (placement, "hours"), ==, 24);
  g_assert_cmpstr (json_object_get_string_member (placement, "contract"), ==, "temporary");
  g_assert_cmpstr (json_object_get_string_member (placement, "outflow_type"), ==, "partial");
  {
    g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) wb_field_error_free);

    /* What the dialog sends passes the server's checks of a placement. */
    json_object_set_string_member (placement, "date", "2026-11-02");
    g_assert_true (wb_resource_spec_validate (wb_resource_spec_get (WB_RESOURCE_EVENTS), placement, TRUE, errors));
  }

  wb_event_draft_set (draft, "kind", "outflow");
  wb_event_draft_set (draft, "hours", NULL);
  outflow = wb_event_draft_to_json (draft);
  g_assert_false (json_object_has_member (outflow, "employer_id"));
  g_assert_false (json_object_has_member (outflow, "hours"));
  g_assert_cmpstr (json_object_get_string_member (outflow, "reason"), ==, "left from before");

  wb_problem_add_error (problem, "reason", "is required: the reason of the outflow");
  wb_problem_add_error (problem, "client_id", "is set by the server");
  wb_event_draft_set_error (draft, "The event was not added", problem);
  g_assert_cmpstr (wb_event_draft_get_field_error (draft, "reason"), ==, "is required: the reason of the outflow");
  g_assert_null (wb_event_draft_get_field_error (draft, "client_id"));
  g_assert_null (wb_event_draft_get_field_error (draft, "instrument"));
  /* The top of the dialog points at the fields, and names what no field of it shows. */
  g_assert_cmpstr (wb_event_draft_get_error (draft), ==,
                   "Some fields need attention: see the messages next to them.\nclient_id: is set by the server");
  wb_event_draft_set_error (draft, "The server cannot be reached", NULL);
  g_assert_cmpstr (wb_event_draft_get_error (draft), ==, "The server cannot be reached");

  g_assert_cmpuint (n_ready, ==, 0);
  wb_event_draft_free (draft);
}

static WbRecord *
make_from_json (WbResource  resource,
                const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  g_assert_nonnull (node);
  return wb_record_new (resource, json_node_get_object (node));
}

/* The session's organisations ("o"), municipalities ("m") and users ("u"), as JSON. */
static void
set_lookups (WbSession         *session,
             const char * const (*records)[2],
             guint              n)
{
  g_autoptr(GListStore) orgs = g_list_store_new (WB_TYPE_RECORD);
  g_autoptr(GListStore) municipalities = g_list_store_new (WB_TYPE_RECORD);
  g_autoptr(GListStore) users = g_list_store_new (WB_TYPE_RECORD);

  for (guint i = 0; i < n; i++)
    {
      WbResource resource = records[i][0][0] == 'o' ? WB_RESOURCE_ORGANISATIONS :
                            records[i][0][0] == 'm' ? WB_RESOURCE_MUNICIPALITIES : WB_RESOURCE_USERS;
      g_autoptr(WbRecord) r = make_from_json (resource, records[i][1]);

      g_list_store_append (resource == WB_RESOURCE_ORGANISATIONS ? orgs :
                           resource == WB_RESOURCE_MUNICIPALITIES ? municipalities : users, r);
    }
  wb_session_set_lookup (session, WB_RESOURCE_ORGANISATIONS, G_LIST_MODEL (orgs));
  wb_session_set_lookup (session, WB_RESOURCE_MUNICIPALITIES, G_LIST_MODEL (municipalities));
  wb_session_set_lookup (session, WB_RESOURCE_USERS, G_LIST_MODEL (users));
}

/* Referring a client, the WSP of the client's own region comes first and its account
 * manager is chosen, not whoever sorts first. */
static void
test_refer_suggests_region (void)
{
  g_autoptr(WbSession) session = make_session ();
  g_autoptr(WbRecord) record = wb_test_record_take (WB_RESOURCE_CLIENTS, make_client (0, TRUE));
  WbClientProfile *profile;
  GtkWidget *window = gtk_window_new ();
  AdwMessageDialog *dialog;
  GtkDropDown *dropdown;
  GtkStringObject *chosen;
  static const char * const records[][2] = {
    { "o", "{\"id\":1,\"name\":\"ISD Kompas\",\"region\":\"Parkstad\"}" },
    { "o", "{\"id\":4,\"name\":\"WSP Zuid-Limburg\",\"region\":\"Maastricht-Heuvelland\"}" },
    { "o", "{\"id\":5,\"name\":\"WSP Parkstad\",\"region\":\"Parkstad\"}" },
    { "m", "{\"id\":1,\"name\":\"Heerlen\",\"region\":\"Parkstad\"}" },
    { "u", "{\"id\":7,\"display_name\":\"Test Consultant\",\"organisation_id\":1,\"role\":\"consultant\"}" },
    { "u", "{\"id\":20,\"display_name\":\"Anna Alpha\",\"organisation_id\":4,\"role\":\"account_manager_wsp\"}" },
    { "u", "{\"id\":21,\"display_name\":\"Zoe Zulu\",\"organisation_id\":5,\"role\":\"account_manager_wsp\"}" },
  };

  set_lookups (session, records, G_N_ELEMENTS (records));

  /* Client 0: ISD Kompas, Heerlen (Parkstad), not referred yet. */
  json_object_remove_member (wb_record_get_object (record), "wsp_account_manager_id");
  profile = make_profile (session);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (profile));
  wb_client_profile_set_record (profile, record, NULL);
  g_assert_true (wb_client_profile_get_action_visible (profile, "refer"));
  g_signal_emit_by_name (wb_test_find_button (GTK_WIDGET (profile), "_Refer to WSP"), "clicked");

  dialog = wb_test_wait_for_message_dialog ();
  dropdown = g_object_get_data (G_OBJECT (dialog), "dropdown");
  chosen = gtk_drop_down_get_selected_item (dropdown);
  g_assert_true (g_str_has_prefix (gtk_string_object_get_string (chosen), "Zoe Zulu"));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (dropdown)), ==, 2);

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (profile);
}

/* A referred client shows with whom and since when, instead of offering the referral again;
 * one who is not referred is offered it, with the WSP of the client's subregion first, then
 * the WSP that serves every municipality, then the others. */
static void
test_referral_shown_and_ordered (void)
{
  g_autoptr(WbSession) session = make_session ();
  g_autoptr(GListStore) events = g_list_store_new (WB_TYPE_RECORD);
  g_autoptr(WbRecord) record = wb_test_record_take (WB_RESOURCE_CLIENTS, make_client (0, TRUE));
  g_autoptr(WbRecord) referral = make_from_json (WB_RESOURCE_EVENTS,
                                                 "{\"id\":9,\"kind\":\"referral_wsp\",\"date\":\"2026-09-01\",\"note\":\"Zoe Zulu\"}");
  g_autoptr(WbRecord) older = make_from_json (WB_RESOURCE_EVENTS,
                                              "{\"id\":8,\"kind\":\"referral_wsp\",\"date\":\"2025-02-03\",\"note\":\"Anna Alpha\"}");
  g_autoptr(GString) texts = g_string_new (NULL);
  WbClientProfile *profile;
  GtkWidget *window = gtk_window_new ();
  AdwMessageDialog *dialog;
  GListModel *labels;
  static const char * const records[][2] = {
    { "o", "{\"id\":1,\"name\":\"ISD Kompas\",\"kind\":\"social_service\",\"region\":\"Parkstad\",\"municipality_ids\":[1]}" },
    { "o", "{\"id\":4,\"name\":\"Podium24\",\"kind\":\"wsp\",\"region\":\"Maastricht-Heuvelland\",\"municipality_ids\":[2]}" },
    { "o", "{\"id\":5,\"name\":\"WSP Parkstad\",\"kind\":\"wsp\",\"region\":\"Parkstad\",\"municipality_ids\":[1]}" },
    { "o", "{\"id\":6,\"name\":\"WSP Zuid-Limburg\",\"kind\":\"wsp\",\"region\":\"Zuid-Limburg\",\"municipality_ids\":[1,2]}" },
    { "m", "{\"id\":1,\"name\":\"Heerlen\",\"region\":\"Parkstad\"}" },
    { "u", "{\"id\":7,\"display_name\":\"Test Consultant\",\"organisation_id\":1,\"role\":\"consultant\"}" },
    { "u", "{\"id\":20,\"display_name\":\"Anna Alpha\",\"organisation_id\":4,\"role\":\"account_manager_wsp\"}" },
    { "u", "{\"id\":21,\"display_name\":\"Zoe Zulu\",\"organisation_id\":5,\"role\":\"account_manager_wsp\"}" },
    { "u", "{\"id\":22,\"display_name\":\"Bram Breed\",\"organisation_id\":6,\"role\":\"account_manager_wsp\"}" },
    { "u", "{\"id\":23,\"display_name\":\"Yara Yildiz\",\"organisation_id\":5,\"role\":\"account_manager_wsp\"}" },
  };
  static const char * const expected[] = {
    "Yara Yildiz (WSP Parkstad)", "Zoe Zulu (WSP Parkstad)", "Bram Breed (WSP Zuid-Limburg)", "Anna Alpha (Podium24)",
  };

  set_lookups (session, records, G_N_ELEMENTS (records));
  profile = make_profile (session);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (profile));

  /* Referred to Zoe Zulu: no second referral; with whom and since when, the latest. */
  json_object_set_int_member (wb_record_get_object (record), "wsp_account_manager_id", 21);
  g_list_store_append (events, older);
  g_list_store_append (events, referral);
  wb_client_profile_set_record (profile, record, G_LIST_MODEL (events));
  g_assert_false (wb_client_profile_get_action_visible (profile, "refer"));
  g_assert_cmpstr (wb_client_profile_get_field_text (profile, "referred_since"), ==, "1 Sep 2026");
  collect_texts (GTK_WIDGET (profile), texts);
  g_assert_nonnull (strstr (texts->str, "Referred to the WSP: Zoe Zulu (WSP Parkstad) since 1 Sep 2026."));

  /* Not referred: offered, the subregion's WSP first, then the region-wide one. */
  json_object_remove_member (wb_record_get_object (record), "wsp_account_manager_id");
  wb_client_profile_set_record (profile, record, NULL);
  g_assert_true (wb_client_profile_get_action_visible (profile, "refer"));
  g_assert_null (wb_client_profile_get_field_text (profile, "referred_since"));
  g_signal_emit_by_name (wb_test_find_button (GTK_WIDGET (profile), "_Refer to WSP"), "clicked");
  dialog = wb_test_wait_for_message_dialog ();
  labels = gtk_drop_down_get_model (GTK_DROP_DOWN (g_object_get_data (G_OBJECT (dialog), "dropdown")));
  g_assert_cmpuint (g_list_model_get_n_items (labels), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (labels), i), ==, expected[i]);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (g_object_get_data (G_OBJECT (dialog), "dropdown"))), ==, 0);

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (profile);
}

/* The profile's first glance comes from the row: its summary makes the same row again. */
/* Switching from a profile read to its end to another one starts at the other's top. */
static void
test_profile_starts_at_top (void)
{
  g_autoptr(WbSession) session = make_session ();
  WbClientProfile *profile = make_profile (session);
  g_autoptr(WbRecord) first = wb_test_record_take (WB_RESOURCE_CLIENTS, make_client (3, TRUE));
  g_autoptr(WbRecord) second = wb_test_record_take (WB_RESOURCE_CLIENTS, make_client (6, TRUE));
  g_autoptr(WbClientRow) row = wb_client_row_new (second, session, today);
  g_autoptr(WbRecord) summary = wb_client_row_dup_summary (row);
  GtkAdjustment *adjustment = wb_record_page_get_vadjustment (WB_RECORD_PAGE (profile));
  GtkWindow *window;

  wb_client_profile_set_record (profile, first, NULL);
  window = wb_test_show_in_window (GTK_WIDGET (profile), 800, 400);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 100);

  wb_client_profile_load (profile, summary);
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpstr (wb_client_profile_get_title (profile), ==, wb_client_row_get_title (row));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);

  gtk_window_set_child (window, NULL);
  gtk_window_destroy (window);
  g_assert_finalize_object (profile);
}

static void
test_row_summary (void)
{
  g_autoptr(WbSession) session = make_session ();

  for (guint i = 0; i < 12; i++)
    {
      g_autoptr(WbRecord) record = wb_test_record_take (WB_RESOURCE_CLIENTS, make_client (i, FALSE));
      g_autoptr(WbClientRow) row = wb_client_row_new (record, session, today);
      g_autoptr(WbRecord) summary = wb_client_row_dup_summary (row);
      g_autoptr(WbClientRow) again = wb_client_row_new (summary, session, today);

      g_assert_cmpint (wb_record_get_id (summary), ==, i + 1);
      g_assert_cmpint (wb_record_get_version (summary), ==, wb_record_get_version (record));
      g_assert_cmpstr (wb_client_row_get_title (again), ==, wb_client_row_get_title (row));
      g_assert_cmpint (wb_client_row_get_pseudonymous (again), ==, client_is_pseudonymous (i));
      g_assert_cmpstr (wb_client_row_get_organisation (again), ==, wb_client_row_get_organisation (row));
      g_assert_cmpstr (wb_client_row_get_municipality (again), ==, wb_client_row_get_municipality (row));
      g_assert_cmpstr (wb_client_row_get_age_text (again), ==, wb_client_row_get_age_text (row));
      g_assert_cmpstr (wb_client_row_get_age_band (again), ==, wb_client_row_get_age_band (row));
      g_assert_cmpstr (wb_client_row_get_client_group (again), ==, wb_client_groups[i % 10]);
      g_assert_cmpstr (wb_client_row_get_phase (again), ==, wb_phases[i % 8]);
      g_assert_cmpstr (wb_client_row_get_capacity_band (again), ==, wb_client_row_get_capacity_band (row));
      g_assert_cmpint (wb_client_row_get_diagnosis_status (again), ==, wb_client_row_get_diagnosis_status (row));
      g_assert_cmpint (wb_client_row_get_days_idle (again), ==, (int) (i % 500));
      g_assert_cmpstr (wb_client_row_get_search_key (again), ==, wb_client_row_get_search_key (row));
      /* A pseudonymous row's summary carries no name either. */
      if (client_is_pseudonymous (i))
        {
          g_assert_false (wb_record_has_field (summary, "given_name"));
          g_assert_false (wb_record_has_field (summary, "family_name"));
        }
    }
}

typedef struct {
  guint position;
  guint removed;
  guint added;
  guint count;
} Change;

static void
on_slots_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Change     *change)
{
  change->position = position;
  change->removed = removed;
  change->added = added;
  change->count++;
}

static gpointer
slot_item (GListModel *slots,
           guint       position)
{
  g_autoptr(WbSlot) slot = g_list_model_get_item (slots, position);

  return wb_slot_get_item (slot);
}

/* Over slots a search keeps the rows: a slot keeps its place and changes its item, and
 * only the change of length is told to the view. */
static void
test_slot_model (void)
{
  g_autoptr(WbSession) session = make_session ();
  WbClientListModel *model = make_model (session);
  g_autoptr(GtkSorter) by_id = wb_client_list_model_create_sorter (WB_CLIENT_COLUMN_ACTIVITY);
  WbSlotModel *slots = NULL;
  GListModel *list = NULL;
  g_autoptr(WbSlot) first = NULL;
  Change change = { 0 };
  guint expected;

  wb_client_list_model_set_sorter (model, by_id);
  slots = wb_slot_model_new (wb_client_list_model_get_model (model));
  list = G_LIST_MODEL (slots);
  g_signal_connect (slots, "items-changed", G_CALLBACK (on_slots_changed_cb), &change);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, N_CLIENTS);
  g_assert_true (g_list_model_get_item_type (list) == WB_TYPE_SLOT);
  first = g_list_model_get_item (list, 0);
  g_assert_true (wb_slot_get_item (first) == wb_client_list_model_find (model, 1));
  g_assert_null (g_list_model_get_item (list, N_CLIENTS));

  /* A narrower list: the same first slot now shows the first match. */
  wb_client_list_model_set_search (model, "family1");
  expected = count_where (name_contains, "family1");
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, expected);
  g_assert_cmpuint (change.count, ==, 1);
  g_assert_cmpuint (change.position, ==, expected);
  g_assert_cmpuint (change.removed, ==, N_CLIENTS - expected);
  g_assert_cmpuint (change.added, ==, 0);
  {
    g_autoptr(WbSlot) again = g_list_model_get_item (list, 0);

    g_assert_true (again == first);
    g_assert_true (wb_slot_get_item (first) == wb_client_list_model_find (model, 2));
  }
  for (guint i = 0; i < expected; i++)
    {
      g_autoptr(WbClientRow) row = g_list_model_get_item (wb_client_list_model_get_model (model), i);

      g_assert_true (slot_item (list, i) == row);
      g_assert_true (wb_slot_model_peek_item (slots, i) == row);
    }

  /* Nothing matches: without keep-when-empty the slots go too. */
  change.count = 0;
  wb_client_list_model_set_search (model, "no such client");
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  g_assert_cmpuint (change.count, ==, 1);

  /* With it, they stay for the next match, and peek tells there is nothing to show. */
  wb_client_list_model_set_search (model, "family1");
  wb_slot_model_set_keep_when_empty (slots, TRUE);
  change.count = 0;
  wb_client_list_model_set_search (model, "no such client");
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, expected);
  g_assert_cmpuint (change.count, ==, 0);
  g_assert_null (wb_slot_model_peek_item (slots, 0));
  wb_client_list_model_set_search (model, "family12");
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, count_where (name_contains, "family12"));
  g_assert_true (wb_slot_model_peek_item (slots, 0) == wb_client_list_model_find (model, 13));
  wb_client_list_model_set_search (model, "no such client");
  wb_slot_model_set_keep_when_empty (slots, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);

  /* A change of sorter keeps the length: every slot takes its new row, none is added. */
  wb_client_list_model_set_search (model, NULL);
  change.count = 0;
  wb_client_list_model_set_sorter (model, NULL);
  g_assert_cmpuint (change.count, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, N_CLIENTS);
  for (guint i = 0; i < N_CLIENTS; i += 37)
    {
      g_autoptr(WbClientRow) row = g_list_model_get_item (wb_client_list_model_get_model (model), i);

      g_assert_true (slot_item (list, i) == row);
    }

  g_clear_object (&first);
  g_assert_finalize_object (slots);
  g_assert_finalize_object (model);
}

/* The application runs in Dutch from the build tree, as the README's first command
 * starts it. */
static void
test_dutch (void)
{
  g_autofree char *previous = g_strdup (setlocale (LC_MESSAGES, NULL));

  if (setlocale (LC_MESSAGES, "nl_NL.UTF-8") == NULL)
    {
      g_test_skip ("The nl_NL.UTF-8 locale is not there (build-aux/setup.sh makes it)");
      return;
    }
  bindtextdomain (GETTEXT_PACKAGE, wb_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Clients"), ==, "Cliënten");
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Stale"), !=, "Stale");
  g_assert_cmpstr (wb_diagnosis_status_to_label (WB_DIAGNOSIS_CURRENT), ==, "Actueel");
  setlocale (LC_MESSAGES, previous);
  g_assert_cmpstr (wb_diagnosis_status_to_label (WB_DIAGNOSIS_CURRENT), ==, "Current");
}

static void
count_changes_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *n_changes)
{
  (*n_changes)++;
}

/* A filter's choices, filled anew (a list's session, its lookups), go in as one change of
 * the drop-down's list, not one a choice; the same choices again change nothing, and keep
 * what is selected. */
static void
test_filter_choices_at_once (void)
{
  static const char * const labels[] = { "Maastricht", "Heerlen", "Sittard-Geleen" };
  static const char * const values[] = { "1", "2", "3" };
  WbFilterDropdown *dropdown = g_object_ref_sink (wb_filter_dropdown_new ("All municipalities", "Municipality"));
  GListModel *strings = wb_filter_dropdown_get_model (dropdown);
  guint n_changes = 0;

  g_signal_connect (strings, "items-changed", G_CALLBACK (count_changes_cb), &n_changes);
  wb_filter_dropdown_begin_choices (dropdown);
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    wb_filter_dropdown_add_choice (dropdown, labels[i], values[i]);
  g_assert_cmpuint (n_changes, ==, 0);
  wb_filter_dropdown_end_choices (dropdown);
  g_assert_cmpuint (n_changes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (strings), ==, 4);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (strings), 3), ==, "Sittard-Geleen");
  g_assert_true (wb_filter_dropdown_select_value (dropdown, "2"));
  g_assert_cmpstr (wb_filter_dropdown_get_value (dropdown), ==, "2");

  /* The same again: nothing changes, "Heerlen" stays selected. */
  wb_filter_dropdown_begin_choices (dropdown);
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    wb_filter_dropdown_add_choice (dropdown, labels[i], values[i]);
  wb_filter_dropdown_end_choices (dropdown);
  g_assert_cmpuint (n_changes, ==, 1);
  g_assert_cmpstr (wb_filter_dropdown_get_value (dropdown), ==, "2");

  /* Others: in at once, and "any" selected. */
  wb_filter_dropdown_begin_choices (dropdown);
  wb_filter_dropdown_add_choice (dropdown, "Maastricht", "1");
  wb_filter_dropdown_end_choices (dropdown);
  g_assert_cmpuint (n_changes, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (strings), ==, 2);
  g_assert_null (wb_filter_dropdown_get_value (dropdown));
  g_assert_false (wb_filter_dropdown_select_value (dropdown, "2"));
  g_object_unref (dropdown);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *n_changes)
{
  (*n_changes)++;
}

/* The texts of the options @dropdown's popup has made widgets for, one a line. */
static char *
popup_option_texts (WbFilterDropdown *dropdown)
{
  g_autoptr(GString) texts = g_string_new (NULL);
  GtkWidget *button = gtk_widget_get_first_child (GTK_WIDGET (dropdown));
  GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));

  if (popover != NULL)
    wb_test_collect_texts (GTK_WIDGET (popover), texts);
  return g_string_free (g_steal_pointer (&texts), FALSE);
}

/* The texts the filter's button shows, one a line (the popover is not shown). */
static char *
button_text (GtkWidget *button)
{
  g_autoptr(GString) texts = g_string_new (NULL);

  wb_test_collect_texts (gtk_menu_button_get_child (GTK_MENU_BUTTON (button)), texts);
  return g_string_free (g_steal_pointer (&texts), FALSE);
}

/* Runs the calling test again in a process of its own, and says whether this is that
 * process. For tests that run the main loop with a filter's popup: a window an earlier test
 * destroyed under the pointer can leave GTK 4.8 a tooltip's timeout that asks for that
 * window's surface (a critical, under load). */
static gboolean
in_own_process (void)
{
  if (g_test_subprocess ())
    return TRUE;
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  return FALSE;
}

/* A filter is a drop-down to a screen reader; its popup is made as it first opens, not with
 * the list at every start; open, it shows every option by its text, the one selected
 * checked, and a click on an option selects it and closes the popup. */
static void
test_filter_options_made_when_opened (void)
{
  GtkWindow *window;
  WbFilterDropdown *dropdown;
  GtkWidget *button;
  GtkPopover *popover;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *shown_before = NULL;
  g_autofree char *shown_after = NULL;
  guint n_changes = 0;

  if (!in_own_process ())
    return;
  window = GTK_WINDOW (gtk_window_new ());
  dropdown = wb_filter_dropdown_new ("All municipalities", "Municipality");
  button = gtk_widget_get_first_child (GTK_WIDGET (dropdown));
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (dropdown)), ==, GTK_ACCESSIBLE_ROLE_COMBO_BOX);
  g_assert_true (GTK_IS_MENU_BUTTON (button));
  wb_filter_dropdown_begin_choices (dropdown);
  wb_filter_dropdown_add_choice (dropdown, "Maastricht", "1");
  wb_filter_dropdown_add_choice (dropdown, "Heerlen", "2");
  wb_filter_dropdown_end_choices (dropdown);
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (count_notify_cb), &n_changes);
  gtk_window_set_child (window, GTK_WIDGET (dropdown));
  gtk_window_present (window);
  wb_test_wait_frames (GTK_WIDGET (window), 2);
  before = popup_option_texts (dropdown);
  g_assert_cmpstr (before, ==, "");
  g_assert_null (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  shown_before = button_text (button);
  g_assert_cmpstr (shown_before, ==, "All municipalities\n");
  /* Given the focus, its button has it, as a drop-down's. */
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (dropdown)));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), button));

  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  wb_test_wait_frames (GTK_WIDGET (window), 2);
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (popover)));
  after = popup_option_texts (dropdown);
  g_assert_cmpstr (after, ==, "All municipalities\nMaastricht\nHeerlen\n");

  /* A click on "Heerlen" (the list activates its row). */
  g_signal_emit_by_name (wb_test_find_descendant (GTK_WIDGET (popover), GTK_TYPE_LIST_VIEW), "activate", 2);
  wb_test_wait_frames (GTK_WIDGET (window), 2);
  g_assert_cmpuint (n_changes, ==, 1);
  g_assert_cmpuint (wb_filter_dropdown_get_selected (dropdown), ==, 2);
  g_assert_cmpstr (wb_filter_dropdown_get_value (dropdown), ==, "2");
  shown_after = button_text (button);
  g_assert_cmpstr (shown_after, ==, "Heerlen\n");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
  gtk_window_destroy (window);
}

/* The text of the option that has the keyboard focus in an open filter, or NULL. */
static char *
focused_option_text (GtkWindow *window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  g_autoptr(GString) texts = g_string_new (NULL);

  if (focus == NULL || gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_VIEW) == NULL)
    return NULL;
  wb_test_collect_texts (focus, texts);
  return g_string_free (g_steal_pointer (&texts), FALSE);
}

/* The row with the keyboard focus lies inside the visible part of its scrolled list. */
static void
assert_focus_in_view (GtkWindow *window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  GtkWidget *row = gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_VIEW) != NULL ? focus : NULL;
  GtkWidget *scroller;
  graphene_rect_t bounds;

  g_assert_nonnull (row);
  while (!GTK_IS_LIST_VIEW (gtk_widget_get_parent (row)))
    row = gtk_widget_get_parent (row);
  scroller = gtk_widget_get_ancestor (row, GTK_TYPE_SCROLLED_WINDOW);
  g_assert_true (gtk_widget_get_mapped (row));
  g_assert_true (gtk_widget_compute_bounds (row, scroller, &bounds));
  g_assert_cmpfloat (bounds.origin.y, >=, 0);
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (scroller));
}

/* Opened, a filter puts the keyboard on the option selected, as a drop-down does: Up and
 * Down go from there, and Enter keeps it. In a list longer than its popup, that option is
 * scrolled into view. */
static void
test_filter_opens_on_selected (void)
{
  GtkWindow *window;
  WbFilterDropdown *dropdown;
  GtkWidget *button;
  GtkPopover *popover;
  g_autofree char *restored = NULL;
  g_autofree char *first = NULL;
  g_autofree char *selected = NULL;
  g_autofree char *again = NULL;
  GtkAdjustment *adjustment;

  if (!in_own_process ())
    return;
  window = GTK_WINDOW (gtk_window_new ());
  dropdown = wb_filter_dropdown_new ("Every account manager", "Account manager");
  button = gtk_widget_get_first_child (GTK_WIDGET (dropdown));
  wb_filter_dropdown_begin_choices (dropdown);
  for (guint i = 1; i <= 60; i++)
    {
      g_autofree char *label = g_strdup_printf ("Account manager %u", i);
      g_autofree char *value = g_strdup_printf ("%u", i);

      wb_filter_dropdown_add_choice (dropdown, label, value);
    }
  wb_filter_dropdown_end_choices (dropdown);
  gtk_window_set_child (window, GTK_WIDGET (dropdown));
  gtk_window_present (window);
  wb_test_wait_frames (GTK_WIDGET (window), 2);

  /* Chosen before the list was ever made (a filter restored at start): that one, in view,
   * as the list first opens. */
  wb_filter_dropdown_set_selected (dropdown, 47);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  wb_test_wait_frames (GTK_WIDGET (window), 6);
  restored = focused_option_text (window);
  g_assert_cmpstr (restored, ==, "Account manager 47\n");
  assert_focus_in_view (window);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  wb_test_wait_frames (GTK_WIDGET (window), 2);

  /* Nothing chosen: the first option, "every". */
  wb_filter_dropdown_set_selected (dropdown, 0);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  wb_test_wait_frames (GTK_WIDGET (window), 6);
  first = focused_option_text (window);
  g_assert_cmpstr (first, ==, "Every account manager\n");
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  wb_test_wait_frames (GTK_WIDGET (window), 2);

  /* One far down the list: that one, in view. */
  wb_filter_dropdown_set_selected (dropdown, 52);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  wb_test_wait_frames (GTK_WIDGET (window), 6);
  selected = focused_option_text (window);
  g_assert_cmpstr (selected, ==, "Account manager 52\n");
  assert_focus_in_view (window);
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (
    wb_test_find_descendant (GTK_WIDGET (popover), GTK_TYPE_SCROLLED_WINDOW)));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);

  /* Closed and opened again: the same. */
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  wb_test_wait_frames (GTK_WIDGET (window), 2);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  wb_test_wait_frames (GTK_WIDGET (window), 6);
  again = focused_option_text (window);
  g_assert_cmpstr (again, ==, "Account manager 52\n");
  gtk_window_destroy (window);
}

static void
assert_place (GtkWidget *child,
              int        x,
              int        y,
              int        width)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (child, gtk_widget_get_parent (child), &bounds));
  g_assert_cmpint ((int) bounds.origin.x, ==, x);
  g_assert_cmpint ((int) bounds.origin.y, ==, y);
  g_assert_cmpint ((int) bounds.size.width, ==, width);
}

/* The filters' box: each widget as wide as it asks, in as many rows as they need, right to
 * left in a right-to-left language; vertical, one under the other as wide as the box. */
static void
test_wrap_box (void)
{
  WbWrapBox *box = g_object_ref_sink (wb_wrap_box_new ());
  GtkWidget *children[4];
  int minimum, natural;

  wb_wrap_box_set_spacing (box, 6);
  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    {
      children[i] = gtk_label_new (NULL);
      gtk_widget_set_size_request (children[i], 100, 20);
      if (i == 0)
        wb_wrap_box_prepend (box, children[i]);
      else
        wb_wrap_box_append (box, children[i]);
    }
  /* One not shown takes no room. */
  gtk_widget_set_visible (children[3], FALSE);

  /* In rows it lets its parent make it narrower than a child (a window shrinking to the
   * width where the filters fold away); vertical, not. */
  gtk_widget_measure (GTK_WIDGET (box), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, ==, 0);
  /* It takes the width it is given and does not ask for one row's (a page beside a list
   * would fold away for it). */
  g_assert_cmpint (natural, ==, 100);
  /* For any width, as tall as for the least: one a row (GTK checks that no width needs
   * more). */
  gtk_widget_measure (GTK_WIDGET (box), GTK_ORIENTATION_VERTICAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (natural, ==, 72);
  gtk_widget_measure (GTK_WIDGET (box), GTK_ORIENTATION_VERTICAL, 400, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (natural, ==, 20);
  gtk_widget_measure (GTK_WIDGET (box), GTK_ORIENTATION_VERTICAL, 250, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (natural, ==, 46);
  gtk_widget_measure (GTK_WIDGET (box), GTK_ORIENTATION_VERTICAL, 100, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (natural, ==, 72);

  gtk_widget_size_allocate (GTK_WIDGET (box), &(GtkAllocation) { 0, 0, 250, 46 }, -1);
  assert_place (children[0], 0, 0, 100);
  assert_place (children[1], 106, 0, 100);
  assert_place (children[2], 0, 26, 100);

  gtk_widget_set_direction (GTK_WIDGET (box), GTK_TEXT_DIR_RTL);
  gtk_widget_size_allocate (GTK_WIDGET (box), &(GtkAllocation) { 0, 0, 250, 46 }, -1);
  assert_place (children[0], 150, 0, 100);
  assert_place (children[1], 44, 0, 100);
  assert_place (children[2], 150, 26, 100);
  gtk_widget_set_direction (GTK_WIDGET (box), GTK_TEXT_DIR_LTR);

  wb_wrap_box_set_vertical (box, TRUE);
  gtk_widget_measure (GTK_WIDGET (box), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, ==, 100);
  g_assert_cmpint (natural, ==, 100);
  gtk_widget_measure (GTK_WIDGET (box), GTK_ORIENTATION_VERTICAL, 400, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (natural, ==, 72);
  gtk_widget_size_allocate (GTK_WIDGET (box), &(GtkAllocation) { 0, 0, 400, 72 }, -1);
  assert_place (children[0], 0, 0, 400);
  assert_place (children[2], 0, 52, 400);

  wb_wrap_box_remove (box, children[1]);
  gtk_widget_measure (GTK_WIDGET (box), GTK_ORIENTATION_VERTICAL, 400, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (natural, ==, 46);

  /* A child wider than the box keeps its least width, on a row of its own. */
  wb_wrap_box_set_vertical (box, FALSE);
  gtk_widget_set_size_request (children[2], 300, 20);
  gtk_widget_measure (GTK_WIDGET (box), GTK_ORIENTATION_VERTICAL, 250, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (natural, ==, 46);
  gtk_widget_size_allocate (GTK_WIDGET (box), &(GtkAllocation) { 0, 0, 250, 46 }, -1);
  assert_place (children[0], 0, 0, 100);
  assert_place (children[2], 0, 26, 300);
  g_assert_finalize_object (box);
}

/* A page's actions: never narrower than the widest (none is cut), in one row where the box
 * has the room, else in rows; the rows stand at the end, the left in a right-to-left
 * language. */
static void
test_wrap_box_toolbar (void)
{
  WbWrapBox *box = g_object_ref_sink (wb_wrap_box_new ());
  GtkWidget *children[3];
  int minimum, natural;

  wb_wrap_box_set_spacing (box, 6);
  wb_wrap_box_set_toolbar (box, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    {
      children[i] = gtk_label_new (NULL);
      gtk_widget_set_size_request (children[i], i == 1 ? 150 : 100, 20);
      wb_wrap_box_append (box, children[i]);
    }
  gtk_widget_measure (GTK_WIDGET (box), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, ==, 150);
  g_assert_cmpint (natural, ==, 150);
  /* For any width, as tall as at its least: one a row. */
  gtk_widget_measure (GTK_WIDGET (box), GTK_ORIENTATION_VERTICAL, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (natural, ==, 72);

  /* Room for all: one row at the end. */
  gtk_widget_size_allocate (GTK_WIDGET (box), &(GtkAllocation) { 0, 0, 400, 20 }, -1);
  assert_place (children[0], 38, 0, 100);
  assert_place (children[1], 144, 0, 150);
  assert_place (children[2], 300, 0, 100);

  /* Two rows, each at the end. */
  gtk_widget_measure (GTK_WIDGET (box), GTK_ORIENTATION_VERTICAL, 300, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (natural, ==, 46);
  gtk_widget_size_allocate (GTK_WIDGET (box), &(GtkAllocation) { 0, 0, 300, 46 }, -1);
  assert_place (children[0], 44, 0, 100);
  assert_place (children[1], 150, 0, 150);
  assert_place (children[2], 200, 26, 100);

  gtk_widget_set_direction (GTK_WIDGET (box), GTK_TEXT_DIR_RTL);
  gtk_widget_size_allocate (GTK_WIDGET (box), &(GtkAllocation) { 0, 0, 300, 46 }, -1);
  assert_place (children[0], 156, 0, 100);
  assert_place (children[1], 0, 0, 150);
  assert_place (children[2], 0, 26, 100);
  g_assert_finalize_object (box);
}

/* One date entry for every date field: it takes dates typed the Dutch way (and ISO), says
 * them as the API wants them, and fills in the day chosen in its calendar. */
static void
test_date_entry (void)
{
  static const char * const good[] = {
    "3-12-2026", "03-12-2026", "3/12/2026", "3.12.2026", " 3 dec. 2026 ", "3 dec 2026", "3 december 2026",
    "3 Dec 2026", "2026-12-03", "3-12-26",
  };
  static const char * const bad[] = { "", "31-2-2026", "2026-13-01", "3 decimaal 2026", "3-12", "morgen", "32-1-2026" };
  g_autofree char *previous = g_strdup (setlocale (LC_TIME, NULL));
  WbDateEntry *entry = g_object_ref_sink (wb_date_entry_new ());
  g_autofree char *value = NULL;
  g_autoptr(GDateTime) chosen = g_date_time_new_local (2027, 1, 15, 12, 0, 0);
  GtkCalendar *calendar = NULL;

  /* Dates as a Dutch computer writes them: day, month, year. */
  if (setlocale (LC_TIME, "nl_NL.UTF-8") == NULL)
    {
      g_test_skip ("The nl_NL.UTF-8 locale is not there (build-aux/setup.sh makes it)");
      g_object_unref (entry);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      GDate date;

      g_test_message ("%s", good[i]);
      g_assert_true (wb_date_parse (good[i], &date));
      g_assert_cmpint (g_date_get_day (&date), ==, 3);
      g_assert_cmpint (g_date_get_month (&date), ==, 12);
      g_assert_cmpint (g_date_get_year (&date), ==, 2026);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      GDate date;

      g_test_message ("%s", bad[i]);
      g_assert_false (wb_date_parse (bad[i], &date));
    }

  /* Typed, it gives the API's date; not a date, it keeps what was typed and says so. */
  gtk_editable_set_text (wb_date_entry_get_editable (entry), "3 dec. 2026");
  value = wb_date_entry_dup_value (entry);
  g_assert_cmpstr (value, ==, "2026-12-03");
  g_clear_pointer (&value, g_free);
  gtk_editable_set_text (wb_date_entry_get_editable (entry), "31-2-2026");
  g_assert_false (wb_date_entry_is_valid (entry));
  value = wb_date_entry_dup_value (entry);
  g_assert_cmpstr (value, ==, "31-2-2026");
  g_clear_pointer (&value, g_free);

  /* The calendar: a day chosen there is the field's date. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (entry)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_MENU_BUTTON (child))
      calendar = GTK_CALENDAR (gtk_popover_get_child (gtk_menu_button_get_popover (GTK_MENU_BUTTON (child))));
  g_assert_nonnull (calendar);
  gtk_calendar_select_day (calendar, chosen);
  g_signal_emit_by_name (calendar, "day-selected");
  value = wb_date_entry_dup_value (entry);
  g_assert_cmpstr (value, ==, "2027-01-15");
  g_clear_pointer (&value, g_free);

  /* Shown: the field and its calendar open on the field's date. */
  {
    GtkWindow *window = wb_test_show_in_window (GTK_WIDGET (entry), 360, 420);
    GtkWidget *button = gtk_widget_get_last_child (GTK_WIDGET (entry));

    gtk_widget_set_valign (GTK_WIDGET (entry), GTK_ALIGN_START);
    gtk_menu_button_popup (GTK_MENU_BUTTON (button));
    for (guint i = 0; i < 20; i++)
      g_main_context_iteration (NULL, FALSE);
    g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (calendar)));
    /* The popover is a surface of its own. */
    wb_test_save_native_shot (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button))),
                              "date-entry-calendar");
    gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
    gtk_window_set_child (window, NULL);
    gtk_window_destroy (window);
  }

  wb_date_entry_set_value (entry, NULL);
  value = wb_date_entry_dup_value (entry);
  g_assert_cmpstr (value, ==, "");
  setlocale (LC_TIME, previous);
  g_assert_finalize_object (entry);
}

/* Dates in the English interface: tables and date fields show the locale's short date with
 * the year in full (the C locale's is American: 12/03/2026), never ISO; a date field reads
 * back what it shows, and takes the month in words. On a Dutch computer: 03-12-2026. */
static void
test_english_dates (void)
{
  g_autofree char *previous_messages = g_strdup (setlocale (LC_MESSAGES, NULL));
  g_autofree char *previous_time = g_strdup (setlocale (LC_TIME, NULL));
  g_autofree char *american = NULL;
  g_autofree char *dutch_computer = NULL;
  g_autofree char *field = NULL;
  g_autofree char *value = NULL;
  WbDateOrder order;
  GDate typed, in_words;
  gboolean typed_ok, in_words_ok;
  WbDateEntry *entry;

  setlocale (LC_MESSAGES, "C");
  setlocale (LC_TIME, "C");
  american = wb_format_iso_table_date ("2026-12-03");
  order = wb_format_table_date_order ();
  entry = g_object_ref_sink (wb_date_entry_new ());
  wb_date_entry_set_value (entry, "2026-12-03");
  field = g_strdup (gtk_editable_get_text (wb_date_entry_get_editable (entry)));
  gtk_editable_set_text (wb_date_entry_get_editable (entry), field);
  value = wb_date_entry_dup_value (entry);
  typed_ok = wb_date_parse ("12/3/2026", &typed);
  in_words_ok = wb_date_parse ("Dec 3, 2026", &in_words);
  if (setlocale (LC_TIME, "nl_NL.UTF-8") != NULL)
    dutch_computer = wb_format_iso_table_date ("2026-12-03");
  setlocale (LC_TIME, previous_time);
  setlocale (LC_MESSAGES, previous_messages);

  g_assert_cmpstr (american, ==, "12/03/2026");
  g_assert_cmpint (order, ==, WB_DATE_ORDER_MDY);
  g_assert_cmpstr (field, ==, "12/03/2026");
  g_assert_cmpstr (value, ==, "2026-12-03");
  g_assert_true (typed_ok);
  g_assert_cmpint (g_date_get_day (&typed), ==, 3);
  g_assert_cmpint (g_date_get_month (&typed), ==, 12);
  g_assert_true (in_words_ok);
  g_assert_cmpint (g_date_get_day (&in_words), ==, 3);
  g_assert_cmpint (g_date_get_month (&in_words), ==, 12);
  g_assert_cmpint (g_date_get_year (&in_words), ==, 2026);
  if (dutch_computer != NULL)
    g_assert_cmpstr (dutch_computer, ==, "03-12-2026");
  g_assert_finalize_object (entry);
}

/* Dates in the Dutch interface: "3 dec. 2026" in text, "03-12-2026" in tables and date
 * fields, never ISO. */
static void
test_dutch_dates (void)
{
  g_autofree char *previous = g_strdup (setlocale (LC_MESSAGES, NULL));
  g_autofree char *text = NULL;
  g_autofree char *may = NULL;
  g_autofree char *table = NULL;
  g_autofree char *field = NULL;
  g_autofree char *moment = NULL;
  g_autofree char *summer = NULL;
  g_autofree char *table_moment = NULL;
  g_autofree char *late = NULL;
  g_autofree char *zone = g_strdup (g_getenv ("TZ"));
  WbDateEntry *entry;

  if (setlocale (LC_MESSAGES, "nl_NL.UTF-8") == NULL)
    {
      g_test_skip ("The nl_NL.UTF-8 locale is not there (build-aux/setup.sh makes it)");
      return;
    }
  bindtextdomain (GETTEXT_PACKAGE, wb_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  text = wb_format_iso_date ("2026-12-03");
  may = wb_format_iso_date ("2026-05-07T10:00:00Z");
  table = wb_format_iso_table_date ("2026-12-03");
  entry = g_object_ref_sink (wb_date_entry_new ());
  wb_date_entry_set_value (entry, "2026-12-03");
  field = g_strdup (gtk_editable_get_text (wb_date_entry_get_editable (entry)));
  /* The server writes moments in UTC; a Dutch user reads them at their own clock. */
  g_setenv ("TZ", "Europe/Amsterdam", TRUE);
  moment = wb_format_iso_date_time ("2026-12-03T20:35:24Z");
  summer = wb_format_iso_date_time ("2026-07-01T23:10:00Z");
  table_moment = wb_format_iso_table_date_time ("2026-12-03T23:35:24Z");
  late = wb_format_iso_date ("2026-12-03T23:30:00Z");
  if (zone != NULL)
    g_setenv ("TZ", zone, TRUE);
  else
    g_unsetenv ("TZ");
  setlocale (LC_MESSAGES, previous);

  g_assert_cmpstr (text, ==, "3 dec. 2026");
  g_assert_cmpstr (may, ==, "7 mei 2026");
  g_assert_cmpstr (table, ==, "03-12-2026");
  g_assert_cmpstr (field, ==, "03-12-2026");
  g_assert_cmpstr (moment, ==, "3 dec. 2026, 21:35");
  g_assert_cmpstr (summer, ==, "2 jul. 2026, 01:10");
  g_assert_cmpstr (table_moment, ==, "04-12-2026 00:35");
  g_assert_cmpstr (late, ==, "4 dec. 2026");
  g_assert_finalize_object (entry);
}

static void
skip_without_display (void)
{
  g_test_skip ("No display: run under Xvfb (build-aux/setup.sh test does)");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_add_func ("/app/no-display", skip_without_display);
      return g_test_run ();
    }
  adw_init ();
  wb_application_ensure_resources ();
  wb_test_use_app_style ();
  today = wb_today_julian ();

  g_test_add_func ("/app/client-list/counts", test_counts);
  g_test_add_func ("/app/client-list/filters", test_filters);
  g_test_add_func ("/app/client-list/search", test_search);
  g_test_add_func ("/app/client-list/search-keys-back-and-over", test_search_keys_back_and_over);
  g_test_add_func ("/app/client-list/sort", test_sort);
  g_test_add_func ("/app/client-list/replace-record", test_replace);
  g_test_add_func ("/app/client-profile/own-client-fields", test_profile_own);
  g_test_add_func ("/app/client-profile/pseudonymous-shows-no-name", test_profile_pseudonymous);
  g_test_add_func ("/app/client-profile/refer-suggests-the-regions-wsp", test_refer_suggests_region);
  g_test_add_func ("/app/client-profile/referral-shown-and-ordered", test_referral_shown_and_ordered);
  g_test_add_func ("/app/client-profile/another-starts-at-top", test_profile_starts_at_top);
  g_test_add_func ("/app/client-row/summary-makes-the-same-row", test_row_summary);
  g_test_add_func ("/app/event-draft/fields-of-the-kind", test_event_draft);
  g_test_add_func ("/app/slot-model/rows-stay-items-move", test_slot_model);
  g_test_add_func ("/app/i18n/dutch-from-the-build-tree", test_dutch);
  g_test_add_func ("/app/i18n/dutch-dates", test_dutch_dates);
  g_test_add_func ("/app/i18n/english-dates", test_english_dates);
  g_test_add_func ("/app/date-entry/typed-and-chosen", test_date_entry);
  g_test_add_func ("/app/filter-dropdown/choices-at-once", test_filter_choices_at_once);
  g_test_add_func ("/app/filter-dropdown/options-made-when-opened", test_filter_options_made_when_opened);
  g_test_add_func ("/app/filter-dropdown/opens-on-selected", test_filter_opens_on_selected);
  g_test_add_func ("/app/wrap-box/rows", test_wrap_box);
  g_test_add_func ("/app/wrap-box/toolbar", test_wrap_box_toolbar);

  return g_test_run ();
}
