/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-store-monitor"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "wb-store-monitor-private.h"

/* Days are counted from 1970-01-01, months from year 0 (year * 12 + month - 1). */

gint32
_wb_monitor_days_from_civil (int y,
                             int m,
                             int d)
{
  /* Howard Hinnant's algorithm: exact for the proleptic Gregorian calendar. */
  int era, yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void
_wb_monitor_civil_from_days (gint32  z,
                             int    *year,
                             int    *month,
                             int    *day)
{
  int era, doe, yoe, y, doy, mp, d, m;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = yoe + era * 400;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp + (mp < 10 ? 3 : -9);
  *year = y + (m <= 2);
  *month = m;
  *day = d;
}

/* "YYYY-MM-DD" (or the date part of an ISO timestamp) into a day and a month. */
gboolean
_wb_monitor_parse_day (const char *text,
                       gint32     *day,
                       gint32     *month)
{
  int y, m, d;

  if (text == NULL)
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i == 4 || i == 7 ? text[i] != '-' : !g_ascii_isdigit (text[i]))
      return FALSE;
#define DIGIT(i) (text[i] - '0')
  y = DIGIT (0) * 1000 + DIGIT (1) * 100 + DIGIT (2) * 10 + DIGIT (3);
  m = DIGIT (5) * 10 + DIGIT (6);
  d = DIGIT (8) * 10 + DIGIT (9);
#undef DIGIT
  if (m < 1 || m > 12 || d < 1 || d > 31)
    return FALSE;
  *day = _wb_monitor_days_from_civil (y, m, d);
  if (month != NULL)
    *month = y * 12 + m - 1;
  return TRUE;
}

void
_wb_monitor_format_day (gint32 day,
                        char   text[11])
{
  int y, m, d;

  _wb_monitor_civil_from_days (day, &y, &m, &d);
  g_snprintf (text, 11, "%04d-%02d-%02d", y, m, d);
}

/* The same day @months later, or the month's last day where it has fewer (31 August plus
 * six months is 28 or 29 February). */
gint32
_wb_monitor_add_months (gint32 day,
                        int    months)
{
  int y, m, d, key;

  _wb_monitor_civil_from_days (day, &y, &m, &d);
  key = y * 12 + m - 1 + months;
  y = key / 12;
  m = key % 12 + 1;
  d = MIN (d, (int) g_date_get_days_in_month (m, y));
  return _wb_monitor_days_from_civil (y, m, d);
}

gint32
_wb_monitor_period_first_day (const WbPeriod *period)
{
  int month = wb_period_first_month (period);

  return _wb_monitor_days_from_civil (month / 12, month % 12 + 1, 1);
}

gint32
_wb_monitor_period_last_day (const WbPeriod *period)
{
  int month = wb_period_last_month (period) + 1;

  return _wb_monitor_days_from_civil (month / 12, month % 12 + 1, 1) - 1;
}

/* The index */

static const char * const event_kinds[N_EVENT_KINDS] = {
  "intake", "diagnosis", "track_start", "referral_wsp", "placement", "after_care", "outflow", "return_to_benefit",
};


static GQuark
index_quark (void)
{
  return g_quark_from_static_string ("wb-store-monitor-index");
}

static void
area_clear (gpointer data)
{
  MonArea *area = data;

  g_free (area->code);
  g_free (area->name);
}

static void
client_clear (MonClient *client)
{
  g_clear_pointer (&client->events, g_free);
  client->n_events = 0;
}

static void
index_reset (MonIndex *index)
{
  if (index->clients != NULL)
    for (guint i = 0; i < index->clients->len; i++)
      client_clear (&g_array_index (index->clients, MonClient, i));
  g_clear_pointer (&index->clients, g_array_unref);
  g_clear_pointer (&index->client_ids, g_hash_table_unref);
  g_clear_pointer (&index->vacancies, g_array_unref);
  g_clear_pointer (&index->employer_sectors, g_hash_table_unref);
  g_clear_pointer (&index->municipalities, g_array_unref);
  g_clear_pointer (&index->organisations, g_array_unref);
  g_clear_pointer (&index->municipality_ids, g_hash_table_unref);
  g_clear_pointer (&index->organisation_ids, g_hash_table_unref);
  g_clear_pointer (&index->area_digest, g_free);
  index->n_events = 0;
  index->built = FALSE;
}

static void
index_free (gpointer data)
{
  MonIndex *index = data;

  index_reset (index);
  g_free (index);
}

static int
subregion_index (const char *name)
{
  for (int i = 0; wb_monitor_subregions[i] != NULL; i++)
    if (g_strcmp0 (wb_monitor_subregions[i], name) == 0)
      return i;
  return -1;
}

static gint32
lookup_index (GHashTable *ids,
              gint64      id)
{
  gpointer value = g_hash_table_lookup (ids, &id);

  return value != NULL ? GPOINTER_TO_INT (value) - 1 : -1;
}

static void
insert_index (GHashTable *ids,
              gint64      id,
              guint       index)
{
  g_hash_table_insert (ids, g_memdup2 (&id, sizeof id), GINT_TO_POINTER (index + 1));
}

static GHashTable *
new_id_table (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

/* Municipalities and organisations, and a digest of them: when they change, the index is
 * built again (it rarely happens, and everything refers to them). */
static gboolean
read_areas (WbStore   *store,
            GArray   **municipalities,
            GArray   **organisations,
            char     **digest,
            GError   **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA1);
  g_autoptr(GArray) orgs = g_array_new (FALSE, TRUE, sizeof (MonArea));
  g_autoptr(GArray) munis = g_array_new (FALSE, TRUE, sizeof (MonArea));
  sqlite3_stmt *stmt;

  g_array_set_clear_func (orgs, area_clear);
  g_array_set_clear_func (munis, area_clear);

  stmt = _wb_store_prepare (store, "SELECT id, code, name, region FROM organisations ORDER BY name, id", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      MonArea area = {
        .id = sqlite3_column_int64 (stmt, 0),
        .code = g_strdup (column_text (stmt, 1)),
        .name = g_strdup (column_text (stmt, 2)),
        .subregion = subregion_index (column_text (stmt, 3)),
        .owner = -1,
      };

      g_checksum_update (checksum, (const guchar *) &area.id, sizeof area.id);
      g_checksum_update (checksum, (const guchar *) area.code, -1);
      g_checksum_update (checksum, (const guchar *) area.name, -1);
      g_checksum_update (checksum, (const guchar *) &area.subregion, sizeof area.subregion);
      g_array_append_val (orgs, area);
    }
  sqlite3_reset (stmt);

  stmt = _wb_store_prepare (store, "SELECT id, code, name, region, coalesce (organisation_id, 0) FROM municipalities "
                                   "ORDER BY name, id", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 owner = sqlite3_column_int64 (stmt, 4);
      MonArea area = {
        .id = sqlite3_column_int64 (stmt, 0),
        .code = g_strdup (column_text (stmt, 1)),
        .name = g_strdup (column_text (stmt, 2)),
        .subregion = subregion_index (column_text (stmt, 3)),
        .owner = -1,
      };

      for (guint o = 0; o < orgs->len; o++)
        if (g_array_index (orgs, MonArea, o).id == owner)
          area.owner = o;
      g_checksum_update (checksum, (const guchar *) &area.id, sizeof area.id);
      g_checksum_update (checksum, (const guchar *) area.code, -1);
      g_checksum_update (checksum, (const guchar *) area.name, -1);
      g_checksum_update (checksum, (const guchar *) &area.subregion, sizeof area.subregion);
      g_checksum_update (checksum, (const guchar *) &area.owner, sizeof area.owner);
      g_array_append_val (munis, area);
    }
  sqlite3_reset (stmt);

  *municipalities = g_steal_pointer (&munis);
  *organisations = g_steal_pointer (&orgs);
  *digest = g_strdup (g_checksum_get_string (checksum));
  return TRUE;
}

static gboolean
read_settings (WbStore   *store,
               MonIndex  *index,
               GError   **error)
{
  sqlite3_stmt *stmt = _wb_store_prepare (store, "SELECT region, saved_benefit FROM monitor_settings", error);

  if (stmt == NULL)
    return FALSE;
  for (guint s = 0; s < N_SUBREGIONS; s++)
    index->saved_benefit[s] = WB_MONITOR_DEFAULT_SAVED_BENEFIT;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      int s = subregion_index (column_text (stmt, 0));

      if (s >= 0)
        index->saved_benefit[s] = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/* Employer id -> sector, for the sector of a placement. FALSE in @unchanged when a sector
 * the index already used is another now. */
static gboolean
read_employer_sectors (WbStore   *store,
                       MonIndex  *index,
                       gboolean  *unchanged,
                       GError   **error)
{
  sqlite3_stmt *stmt = _wb_store_prepare (store, "SELECT id, sector FROM employers", error);
  GHashTable *sectors = new_id_table ();

  if (stmt == NULL)
    {
      g_hash_table_unref (sectors);
      return FALSE;
    }
  *unchanged = TRUE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      int sector = wb_monitor_dimension_index (WB_MONITOR_DIM_SECTOR, column_text (stmt, 1));

      if (sector < 0)
        sector = wb_monitor_dimension_index (WB_MONITOR_DIM_SECTOR, "unknown");
      if (index->employer_sectors != NULL)
        {
          gint32 before = lookup_index (index->employer_sectors, id);

          if (before >= 0 && before != sector)
            *unchanged = FALSE;
        }
      insert_index (sectors, id, sector);
    }
  sqlite3_reset (stmt);
  g_clear_pointer (&index->employer_sectors, g_hash_table_unref);
  index->employer_sectors = sectors;
  return TRUE;
}

/* What follows from a client's timeline as a whole: which outflows went to work, their
 * share in the saved benefit, and whether they lasted. */
static void
finish_client (MonClient *client)
{
  for (guint i = 0; i < client->n_events; i++)
    {
      MonEvent *event = &client->events[i];
      const MonEvent *placement = NULL;
      gint32 first_return = G_MAXINT32;

      if (event->kind != EVENT_OUTFLOW)
        continue;
      for (guint j = i; j-- > 0;)
        {
          if (client->events[j].day < event->day - PLACEMENT_WINDOW_DAYS)
            break;
          if (client->events[j].kind == EVENT_PLACEMENT)
            {
              placement = &client->events[j];
              break;
            }
        }
      /* A placement later the same day still belongs to this outflow. */
      for (guint j = i + 1; placement == NULL && j < client->n_events && client->events[j].day == event->day; j++)
        if (client->events[j].kind == EVENT_PLACEMENT)
          placement = &client->events[j];

      event->flags = 0;
      if (placement != NULL || event->reason == 0 /* "work" */)
        {
          event->flags |= FLAG_TO_WORK;
          event->reason = 0;
          if (event->outflow_type == 0)
            event->share = 100;
          else if (placement != NULL && placement->hours > 0)
            event->share = MIN (100, placement->hours * 100 / FULL_TIME_HOURS);
          else
            event->share = UNKNOWN_SHARE;

          for (guint j = i + 1; j < client->n_events; j++)
            if (client->events[j].kind == EVENT_RETURN)
              {
                first_return = client->events[j].day;
                break;
              }
          /* A return on the day six months later still counts as a return. */
          if (first_return > _wb_monitor_add_months (event->day, 6))
            event->flags |= FLAG_DURABLE_6M;
          if (first_return > _wb_monitor_add_months (event->day, 12))
            event->flags |= FLAG_DURABLE_12M;
        }
    }
}

static guint8
unknown_sector (void)
{
  static gsize value = 0;

  if (g_once_init_enter (&value))
    g_once_init_leave (&value, wb_monitor_dimension_index (WB_MONITOR_DIM_SECTOR, "unknown") + 1);
  return value - 1;
}

static void
set_event (MonIndex     *index,
           MonEvent     *event,
           sqlite3_stmt *stmt,
           int           first)
{
  const char *kind = column_text (stmt, first);
  const char *instrument = column_text (stmt, first + 2);
  const char *outflow_type = column_text (stmt, first + 3);
  WbMonitorPhase phase;

  memset (event, 0, sizeof *event);
  for (guint k = 0; k < N_EVENT_KINDS; k++)
    if (strcmp (event_kinds[k], kind) == 0)
      event->kind = k;
  if (!_wb_monitor_parse_day (column_text (stmt, first + 1), &event->day, &event->month))
    event->day = event->month = 0;
  event->step = wb_monitor_event_step (kind, instrument, outflow_type, &phase);
  event->phase = phase;
  event->outflow_type = g_strcmp0 (outflow_type, "partial") == 0 ? 1 : 0;
  if (event->kind == EVENT_OUTFLOW)
    event->reason = wb_monitor_dimension_index (WB_MONITOR_DIM_REASON,
                                                wb_monitor_reason_class (column_text (stmt, first + 4)));
  event->hours = CLAMP (sqlite3_column_int (stmt, first + 5), 0, 255);
  if (sqlite3_column_type (stmt, first + 6) != SQLITE_NULL)
    {
      gint32 sector = lookup_index (index->employer_sectors, sqlite3_column_int64 (stmt, first + 6));

      event->sector = sector >= 0 ? sector : unknown_sector ();
    }
  else
    event->sector = unknown_sector ();
  if (event->day > index->latest_day)
    index->latest_day = event->day;
}

#define CLIENT_COLUMNS \
  "id, version, municipality_id, organisation_id, client_group, coalesce (work_capacity, -1), birth_year, " \
  "coalesce (benefit_start, substr (created_at, 1, 10)), status, coalesce (last_activity, substr (updated_at, 1, 10))"
#define EVENT_COLUMNS "kind, date, instrument, outflow_type, reason, coalesce (hours, 0), employer_id"

static void
set_client (MonIndex     *index,
            MonClient    *client,
            sqlite3_stmt *stmt)
{
  int group = wb_monitor_dimension_index (WB_MONITOR_DIM_CLIENT_GROUP, column_text (stmt, 4));

  client->id = sqlite3_column_int64 (stmt, 0);
  client->version = sqlite3_column_int64 (stmt, 1);
  client->municipality = lookup_index (index->municipality_ids, sqlite3_column_int64 (stmt, 2));
  client->organisation = lookup_index (index->organisation_ids, sqlite3_column_int64 (stmt, 3));
  client->group = group >= 0 ? group : 0;
  client->band = wb_monitor_dimension_index (WB_MONITOR_DIM_CAPACITY_BAND,
                                             wb_monitor_capacity_band (sqlite3_column_int (stmt, 5)));
  client->birth_year = sqlite3_column_int (stmt, 6);
  client->sectors = 0;
  if (!_wb_monitor_parse_day (column_text (stmt, 7), &client->entry_day, NULL))
    client->entry_day = G_MAXINT32;
  client->left_day = G_MAXINT32;
  if (g_strcmp0 (column_text (stmt, 8), "outflow") == 0 && !_wb_monitor_parse_day (column_text (stmt, 9), &client->left_day, NULL))
    client->left_day = client->entry_day;
  client->live = TRUE;
}

static void
add_sector_preference (MonClient  *client,
                       const char *sector)
{
  int s = wb_monitor_dimension_index (WB_MONITOR_DIM_SECTOR, sector);

  if (s >= 0 && s < 32)
    client->sectors |= 1u << s;
}

/* The rows of events and the largest id: apart, for SQLite counts a table without reading
 * it only when that is all it is asked. */
static gboolean
count_events (WbStore  *store,
              gint64   *n_rows,
              gint64   *max_id,
              GError  **error)
{
  sqlite3_stmt *stmt = _wb_store_prepare (store, "SELECT count (*) FROM events", error);

  if (stmt == NULL)
    return FALSE;
  *n_rows = sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  stmt = _wb_store_prepare (store, "SELECT coalesce (max (id), 0) FROM events", error);
  if (stmt == NULL)
    return FALSE;
  *max_id = sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
read_vacancy_digest (WbStore  *store,
                     gint64    digest[3],
                     GError  **error)
{
  sqlite3_stmt *stmt = _wb_store_prepare (store, "SELECT count (*), coalesce (max (id), 0), coalesce (sum (version), 0) "
                                                 "FROM vacancies", error);

  if (stmt == NULL)
    return FALSE;
  memset (digest, 0, 3 * sizeof (gint64));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    for (int i = 0; i < 3; i++)
      digest[i] = sqlite3_column_int64 (stmt, i);
  sqlite3_reset (stmt);
  return TRUE;
}

typedef struct {
  gint32 slot;
  gint64 id;
  MonEvent event;
} LoadedEvent;

static int
compare_loaded (gconstpointer a,
                gconstpointer b)
{
  const LoadedEvent *x = a, *y = b;

  if (x->slot != y->slot)
    return x->slot < y->slot ? -1 : 1;
  if (x->event.day != y->event.day)
    return x->event.day < y->event.day ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

static gboolean
load_all (WbStore   *store,
          MonIndex  *index,
          GError   **error)
{
  g_autoptr(GArray) buffer = g_array_new (FALSE, FALSE, sizeof (LoadedEvent));
  sqlite3_stmt *stmt;
  gboolean unchanged;

  index_reset (index);
  index->latest_day = G_MININT32;
  if (!read_areas (store, &index->municipalities, &index->organisations, &index->area_digest, error) ||
      !read_settings (store, index, error) ||
      !read_employer_sectors (store, index, &unchanged, error))
    return FALSE;
  index->municipality_ids = new_id_table ();
  index->organisation_ids = new_id_table ();
  for (guint m = 0; m < index->municipalities->len; m++)
    insert_index (index->municipality_ids, g_array_index (index->municipalities, MonArea, m).id, m);
  for (guint o = 0; o < index->organisations->len; o++)
    insert_index (index->organisation_ids, g_array_index (index->organisations, MonArea, o).id, o);

  index->clients = g_array_new (FALSE, TRUE, sizeof (MonClient));
  index->client_ids = new_id_table ();
  stmt = _wb_store_prepare (store, "SELECT " CLIENT_COLUMNS " FROM clients ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      MonClient client = { 0 };

      set_client (index, &client, stmt);
      insert_index (index->client_ids, client.id, index->clients->len);
      g_array_append_val (index->clients, client);
    }
  sqlite3_reset (stmt);

  stmt = _wb_store_prepare (store, "SELECT client_id, sector FROM sector_preferences", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint32 c = lookup_index (index->client_ids, sqlite3_column_int64 (stmt, 0));

      if (c >= 0)
        add_sector_preference (&g_array_index (index->clients, MonClient, c), column_text (stmt, 1));
    }
  sqlite3_reset (stmt);

  /* Every event that counts, in the order of the table; sorted per client and date here,
   * which is far quicker than asking SQLite for that order. */
  stmt = _wb_store_prepare (store, "SELECT client_id, " EVENT_COLUMNS ", id FROM events WHERE kind IN "
                                   EVENT_KINDS_SQL EVENT_CURRENT_SQL, error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      LoadedEvent loaded;

      loaded.slot = lookup_index (index->client_ids, sqlite3_column_int64 (stmt, 0));
      if (loaded.slot < 0)
        continue;
      loaded.id = sqlite3_column_int64 (stmt, 8);
      set_event (index, &loaded.event, stmt, 1);
      g_array_append_val (buffer, loaded);
    }
  sqlite3_reset (stmt);
  g_array_sort (buffer, compare_loaded);
  for (guint i = 0; i < buffer->len;)
    {
      const LoadedEvent *first = &g_array_index (buffer, LoadedEvent, i);
      MonClient *client = &g_array_index (index->clients, MonClient, first->slot);
      guint n = 0;

      while (i + n < buffer->len && g_array_index (buffer, LoadedEvent, i + n).slot == first->slot)
        n++;
      client->events = g_new (MonEvent, n);
      client->n_events = n;
      for (guint k = 0; k < n; k++)
        client->events[k] = g_array_index (buffer, LoadedEvent, i + k).event;
      finish_client (client);
      index->n_events += n;
      i += n;
    }

  if (!count_events (store, &index->n_event_rows, &index->max_event_id, error) ||
      !read_vacancy_digest (store, index->vacancy_digest, error))
    return FALSE;

  index->built = TRUE;
  index->n_rebuilds++;
  return TRUE;
}

static gboolean
reload_client (WbStore   *store,
               MonIndex  *index,
               gint64     id,
               GError   **error)
{
  g_autoptr(GArray) buffer = g_array_new (FALSE, FALSE, sizeof (MonEvent));
  sqlite3_stmt *stmt;
  gint32 slot = lookup_index (index->client_ids, id);
  MonClient *client;

  if (slot < 0)
    {
      MonClient fresh = { 0 };

      slot = index->clients->len;
      g_array_append_val (index->clients, fresh);
      insert_index (index->client_ids, id, slot);
    }
  client = &g_array_index (index->clients, MonClient, slot);
  index->n_events -= client->n_events;
  client_clear (client);
  client->live = FALSE;

  stmt = _wb_store_prepare (store, "SELECT " CLIENT_COLUMNS " FROM clients WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    set_client (index, client, stmt);
  sqlite3_reset (stmt);
  if (!client->live)
    return TRUE;

  stmt = _wb_store_prepare (store, "SELECT sector FROM sector_preferences WHERE client_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    add_sector_preference (client, column_text (stmt, 0));
  sqlite3_reset (stmt);

  stmt = _wb_store_prepare (store, "SELECT " EVENT_COLUMNS " FROM events WHERE client_id = ?1 AND kind IN "
                                   EVENT_KINDS_SQL EVENT_CURRENT_SQL " ORDER BY date, id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      MonEvent event;

      set_event (index, &event, stmt, 0);
      g_array_append_val (buffer, event);
    }
  sqlite3_reset (stmt);
  client->n_events = buffer->len;
  client->events = g_memdup2 (buffer->data, buffer->len * sizeof (MonEvent));
  index->n_events += buffer->len;
  finish_client (client);
  index->n_reloaded++;
  return TRUE;
}

/* Vacancies are few: read them all again whenever anything changed. The day a vacancy
 * was filled is the first placement on it, else the day it closes. */
static gboolean
load_vacancies (WbStore   *store,
                MonIndex  *index,
                GError   **error)
{
  sqlite3_stmt *stmt;

  g_clear_pointer (&index->vacancies, g_array_unref);
  index->vacancies = g_array_new (FALSE, TRUE, sizeof (MonVacancy));
  g_autoptr(GHashTable) placed = new_id_table ();   /* vacancy id -> day of the first placement + 1 */

  stmt = _wb_store_prepare (store, "SELECT vacancy_id, min (date) FROM events WHERE kind = 'placement' "
                                   "AND vacancy_id IS NOT NULL" EVENT_CURRENT_SQL " GROUP BY vacancy_id", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint32 day;

      if (_wb_monitor_parse_day (column_text (stmt, 1), &day, NULL))
        insert_index (placed, sqlite3_column_int64 (stmt, 0), day);
    }
  sqlite3_reset (stmt);

  stmt = _wb_store_prepare (store,
                            "SELECT v.id, v.version, e.municipality_id, v.organisation_id, v.sector, v.status, "
                            "v.opened_at, coalesce (v.closes_at, substr (v.updated_at, 1, 10)) "
                            "FROM vacancies v JOIN employers e ON e.id = v.employer_id ORDER BY v.id", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *status = column_text (stmt, 5);
      int sector = wb_monitor_dimension_index (WB_MONITOR_DIM_SECTOR, column_text (stmt, 4));
      MonVacancy vacancy = {
        .id = sqlite3_column_int64 (stmt, 0),
        .version = sqlite3_column_int64 (stmt, 1),
        .municipality = lookup_index (index->municipality_ids, sqlite3_column_int64 (stmt, 2)),
        .organisation = sqlite3_column_type (stmt, 3) == SQLITE_NULL
                        ? -1 : lookup_index (index->organisation_ids, sqlite3_column_int64 (stmt, 3)),
        .sector = sector >= 0 ? sector : wb_monitor_dimension_index (WB_MONITOR_DIM_SECTOR, "unknown"),
        .filled = g_strcmp0 (status, "filled") == 0,
        .ended = G_MAXINT32,
      };

      if (!_wb_monitor_parse_day (column_text (stmt, 6), &vacancy.opened, NULL))
        continue;
      if (g_strcmp0 (status, "open") != 0)
        {
          gint32 first_placement = lookup_index (placed, vacancy.id), closes;

          if (!_wb_monitor_parse_day (column_text (stmt, 7), &closes, NULL))
            closes = vacancy.opened;
          vacancy.ended = vacancy.filled && first_placement != -1 ? first_placement : closes;
          vacancy.ended = MAX (vacancy.ended, vacancy.opened);
        }
      g_array_append_val (index->vacancies, vacancy);
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
read_versions (WbStore       *store,
               gint64        *data_version,
               sqlite3_int64 *total_changes)
{
  sqlite3_stmt *stmt = _wb_store_prepare (store, "PRAGMA data_version", NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    {
      if (stmt != NULL)
        sqlite3_reset (stmt);
      return FALSE;
    }
  *data_version = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  *total_changes = sqlite3_total_changes64 (_wb_store_get_db (store));
  return TRUE;
}

/* Brings a built index up to date with what was written since: new events reload their
 * clients, clients with another version are read again, vacancies always. A deletion, or a
 * change of the areas or of an employer's sector, builds it anew. */
static gboolean
follow_changes (WbStore   *store,
                MonIndex  *index,
                gboolean  *rebuild,
                GError   **error)
{
  g_autoptr(GArray) dirty = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) municipalities = NULL;
  g_autoptr(GArray) organisations = NULL;
  g_autofree char *digest = NULL;
  sqlite3_stmt *stmt;
  gboolean unchanged, placed_on_vacancy = FALSE;
  gint64 n_rows = 0, max_id = 0, n_new = 0, vacancies[3];
  guint n_seen = 0, n_live = 0;

  *rebuild = FALSE;
  if (!read_areas (store, &municipalities, &organisations, &digest, error))
    return FALSE;
  if (g_strcmp0 (digest, index->area_digest) != 0)
    {
      *rebuild = TRUE;
      return TRUE;
    }
  if (!read_employer_sectors (store, index, &unchanged, error))
    return FALSE;
  if (!unchanged)
    {
      *rebuild = TRUE;
      return TRUE;
    }
  if (!read_settings (store, index, error))
    return FALSE;

  if (!count_events (store, &n_rows, &max_id, error))
    return FALSE;
  /* The new rows by their ids (NOT INDEXED: a range of the table, where the planner would
   * rather scan an index of all events). */
  stmt = _wb_store_prepare (store, "SELECT client_id, count (*), total (kind = 'placement' AND vacancy_id IS NOT NULL) "
                                   "FROM events NOT INDEXED WHERE id > ?1 GROUP BY client_id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, index->max_event_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      n_new += sqlite3_column_int64 (stmt, 1);
      placed_on_vacancy = placed_on_vacancy || sqlite3_column_double (stmt, 2) > 0;
      g_array_append_val (dirty, id);
    }
  sqlite3_reset (stmt);
  if (n_rows != index->n_event_rows + n_new || max_id < index->max_event_id)
    {
      *rebuild = TRUE;
      return TRUE;
    }

  stmt = _wb_store_prepare (store, "SELECT id, version FROM clients", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint32 slot = lookup_index (index->client_ids, id);

      n_seen++;
      if (slot < 0 || !g_array_index (index->clients, MonClient, slot).live ||
          g_array_index (index->clients, MonClient, slot).version != sqlite3_column_int64 (stmt, 1))
        g_array_append_val (dirty, id);
    }
  sqlite3_reset (stmt);
  for (guint i = 0; i < index->clients->len; i++)
    n_live += g_array_index (index->clients, MonClient, i).live;
  if (n_seen < n_live)
    {
      *rebuild = TRUE;
      return TRUE;
    }

  for (guint i = 0; i < dirty->len; i++)
    if (!reload_client (store, index, g_array_index (dirty, gint64, i), error))
      return FALSE;
  index->n_event_rows = n_rows;
  index->max_event_id = max_id;
  /* Vacancies again when one changed or a placement filled one. */
  if (!read_vacancy_digest (store, vacancies, error))
    return FALSE;
  if (!placed_on_vacancy && memcmp (vacancies, index->vacancy_digest, sizeof vacancies) == 0)
    return TRUE;
  memcpy (index->vacancy_digest, vacancies, sizeof vacancies);
  return load_vacancies (store, index, error);
}

MonIndex *
_wb_monitor_index_get (WbStore  *store,
                       GError  **error)
{
  MonIndex *index = g_object_get_qdata (G_OBJECT (store), index_quark ());
  gint64 data_version = 0;
  sqlite3_int64 total_changes = 0;
  gboolean rebuild = TRUE;

  if (index == NULL)
    {
      index = g_new0 (MonIndex, 1);
      g_object_set_qdata_full (G_OBJECT (store), index_quark (), index, index_free);
    }
  /* Taken before reading, so that a write in between is followed next time. */
  if (!read_versions (store, &data_version, &total_changes))
    {
      _wb_store_set_error (store, error, "data_version");
      return NULL;
    }
  if (index->built && data_version == index->data_version && total_changes == index->total_changes)
    return index;

  if (index->built && !follow_changes (store, index, &rebuild, error))
    return NULL;
  if (rebuild && (!load_all (store, index, error) || !load_vacancies (store, index, error)))
    {
      index_reset (index);
      return NULL;
    }
  index->data_version = data_version;
  index->total_changes = total_changes;
  return index;
}

void
wb_monitor_index_stats_clear (WbMonitorIndexStats *stats)
{
  if (stats != NULL)
    g_clear_pointer (&stats->latest_event, g_free);
}

gboolean
wb_store_monitor_refresh (WbStore              *store,
                          WbMonitorIndexStats  *stats,
                          GError              **error)
{
  MonIndex *index;

  g_return_val_if_fail (WB_IS_STORE (store), FALSE);

  index = _wb_monitor_index_get (store, error);
  if (index == NULL)
    return FALSE;
  if (stats != NULL)
    {
      char text[11];

      wb_monitor_index_stats_clear (stats);
      stats->n_clients = g_hash_table_size (index->client_ids);
      stats->n_events = index->n_events;
      stats->n_vacancies = index->vacancies->len;
      stats->n_rebuilds = index->n_rebuilds;
      stats->n_reloaded = index->n_reloaded;
      if (index->latest_day != G_MININT32)
        {
          _wb_monitor_format_day (index->latest_day, text);
          stats->latest_event = g_strdup (text);
        }
    }
  return TRUE;
}

