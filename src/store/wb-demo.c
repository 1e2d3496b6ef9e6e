/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-demo"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "wb-csv.h"
#include "wb-demo.h"
#include "wb-import.h"
#include "wb-password.h"
#include "wb-store-private.h"

/* Everything is generated relative to this day and stamped with this moment, so that the
 * same seed gives the same database on any day. */
#define DEMO_END_YEAR   2026
#define DEMO_END_MONTH  10
#define DEMO_END_DAY    31
#define DEMO_STAMP      "2026-10-31T12:00:00Z"
#define DEMO_QUARTER    "2026-Q4"

/* xoshiro256** seeded through splitmix64: fast, and ours, so the sequence never changes
 * with the C library. */
typedef struct {
  guint64 s[4];
} Rng;

static guint64
splitmix64 (guint64 *x)
{
  guint64 z = (*x += 0x9E3779B97F4A7C15ull);

  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

static void
rng_init (Rng     *rng,
          guint64  seed)
{
  for (int i = 0; i < 4; i++)
    rng->s[i] = splitmix64 (&seed);
}

static inline guint64
rotl (guint64 x,
      int     k)
{
  return (x << k) | (x >> (64 - k));
}

static guint64
rng_next (Rng *rng)
{
  guint64 *s = rng->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

/* A whole number in [lo, hi]. */
static int
rng_range (Rng *rng,
           int  lo,
           int  hi)
{
  return lo + (int) (rng_next (rng) % (guint64) (hi - lo + 1));
}

static double
rng_double (Rng *rng)
{
  return (rng_next (rng) >> 11) * (1.0 / 9007199254740992.0);
}

static gboolean
rng_chance (Rng    *rng,
            double  p)
{
  return rng_double (rng) < p;
}

/* An index drawn from cumulative weights. */
static guint
rng_weighted (Rng          *rng,
              const double *weights,
              guint         n)
{
  double total = 0, r;

  for (guint i = 0; i < n; i++)
    total += weights[i];
  r = rng_double (rng) * total;
  for (guint i = 0; i < n; i++)
    {
      if (r < weights[i])
        return i;
      r -= weights[i];
    }
  return n - 1;
}

#define PICK(rng, array) ((array)[rng_range ((rng), 0, G_N_ELEMENTS (array) - 1)])

/* The region */

typedef struct {
  const char *name;
  const char *code;
  const char *region;
  double recipients;     /* social-assistance recipients, 2017; the CBS file overrides */
  double outflow;        /* outflow to work, 2017 */
  const char *owner;     /* code of the organisation that owns its clients */
  int pc4_from, pc4_to;  /* postcode areas when no PC4 table was imported */
} Municipality;

static const Municipality municipalities[] = {
  { "Beekdaelen", "GM1954", "Parkstad", 620, 80, "isd-kompas", 6436, 6439 },
  { "Brunssum", "GM0899", "Parkstad", 1030, 130, "isd-bol", 6441, 6446 },
  { "Heerlen", "GM0917", "Parkstad", 5100, 640, "gemeente-heerlen", 6411, 6422 },
  { "Kerkrade", "GM0928", "Parkstad", 2070, 210, "gemeente-kerkrade", 6460, 6468 },
  { "Landgraaf", "GM0882", "Parkstad", 1220, 190, "isd-bol", 6371, 6374 },
  { "Simpelveld", "GM0965", "Parkstad", 160, 40, "isd-kompas", 6351, 6352 },
  { "Voerendaal", "GM0986", "Parkstad", 150, 20, "isd-kompas", 6367, 6368 },
  { "Maastricht", "GM0935", "Maastricht-Heuvelland", 4440, 460, "szmh", 6211, 6229 },
  { "Eijsden-Margraten", "GM1903", "Maastricht-Heuvelland", 280, 30, "szmh", 6245, 6269 },
  { "Gulpen-Wittem", "GM1729", "Maastricht-Heuvelland", 190, 30, "szmh", 6271, 6281 },
  { "Meerssen", "GM0938", "Maastricht-Heuvelland", 290, 30, "szmh", 6231, 6243 },
  { "Vaals", "GM0981", "Maastricht-Heuvelland", 390, 40, "szmh", 6291, 6295 },
  { "Valkenburg aan de Geul", "GM0994", "Maastricht-Heuvelland", 340, 40, "szmh", 6301, 6325 },
  { "Sittard-Geleen", "GM1883", "Westelijke Mijnstreek", 3250, 310, "sd-westelijke-mijnstreek", 6131, 6167 },
  { "Beek", "GM0888", "Westelijke Mijnstreek", 340, 30, "sd-westelijke-mijnstreek", 6191, 6191 },
  { "Stein", "GM0971", "Westelijke Mijnstreek", 350, 70, "sd-westelijke-mijnstreek", 6171, 6171 },
};

typedef struct {
  const char *code;
  const char *name;
  const char *kind;
  const char *region;
  const char *serves;    /* municipality names, '|'-separated; NULL for the whole region */
  gboolean owns_clients;
} Organisation;

static const Organisation organisations[] = {
  { "isd-kompas", "ISD Kompas", "social_service", "Parkstad", "Beekdaelen|Simpelveld|Voerendaal", TRUE },
  { "isd-bol", "ISD BOL", "social_service", "Parkstad", "Brunssum|Landgraaf", TRUE },
  { "gemeente-heerlen", "Gemeente Heerlen", "municipality", "Parkstad", "Heerlen", TRUE },
  { "werkvoorheerlen", "Stichting WerkvoorHeerlen", "work_company", "Parkstad", "Heerlen", FALSE },
  { "gemeente-kerkrade", "Gemeente Kerkrade", "municipality", "Parkstad", "Kerkrade", TRUE },
  { "mob-brunssum", "Mensontwikkelbedrijf Betere Buren Brunssum", "work_company", "Parkstad", "Brunssum", FALSE },
  { "mob-landgraaf", "Mensontwikkelbedrijf Landgraaf", "work_company", "Parkstad", "Landgraaf", FALSE },
  { "wsp-parkstad", "WSP Parkstad", "wsp", "Parkstad", NULL, FALSE },
  { "gr-wozl", "GR WOZL", "sheltered_work", "Parkstad", NULL, FALSE },
  { "szmh", "Sociale Zaken Maastricht-Heuvelland", "social_service", "Maastricht-Heuvelland",
    "Maastricht|Eijsden-Margraten|Gulpen-Wittem|Meerssen|Vaals|Valkenburg aan de Geul", TRUE },
  { "podium24", "Podium24", "wsp", "Maastricht-Heuvelland", NULL, FALSE },
  { "annex", "Annex", "development", "Maastricht-Heuvelland", NULL, FALSE },
  { "mtb", "MTB", "learn_work", "Maastricht-Heuvelland", NULL, FALSE },
  { "sd-westelijke-mijnstreek", "Sociaal Domein Westelijke Mijnstreek", "social_service", "Westelijke Mijnstreek",
    "Sittard-Geleen|Beek|Stein", TRUE },
  { "wsp-westelijke-mijnstreek", "WSP Westelijke Mijnstreek", "wsp", "Westelijke Mijnstreek", NULL, FALSE },
  { "wsp-zuid-limburg", "WSP Zuid-Limburg", "wsp", "Zuid-Limburg", NULL, FALSE },
};

static const char *
wsp_of_region (const char *region)
{
  if (strcmp (region, "Parkstad") == 0)
    return "wsp-parkstad";
  if (strcmp (region, "Maastricht-Heuvelland") == 0)
    return "podium24";
  return "wsp-westelijke-mijnstreek";
}

static const char * const given_names[] = {
  "Anna", "Bram", "Chantal", "Danny", "Els", "Fatima", "Gerrit", "Hanneke", "Ibrahim", "Jeroen",
  "Kim", "Luuk", "Maria", "Nicole", "Omar", "Paul", "Quinten", "Roos", "Sandra", "Tom",
  "Ursula", "Vincent", "Wendy", "Yusuf", "Zoë", "Bart", "Carla", "Dirk", "Eva", "Frank",
  "Gwen", "Huub", "Ilse", "Jos", "Karin", "Lars", "Mieke", "Nina", "Pieter", "Rachid",
  "Sjef", "Tessa", "Vera", "Wim", "Youssef", "Aisha", "Ahmed", "Marlies", "Noor", "Jan",
  "Piet", "Truus", "Lotte", "Mohammed", "Sanne", "Kevin", "Priya", "Dragan", "Agnieszka", "Tamara",
  "Mehmet", "Elif", "Hamza", "Samira", "Thijs", "Femke", "Giel", "Jolanda", "Robin", "Stefan",
};

static const char * const family_names[] = {
  "Janssen", "Peters", "Smeets", "Hendriks", "Willems", "Vliegen", "Bemelmans", "Schreurs", "Lemmens", "Coenen",
  "Meijers", "Claessens", "Hermans", "Dassen", "Ramakers", "Jacobs", "Kuijpers", "Thijssen", "Frissen", "Wetzels",
  "Houben", "Vossen", "Kleijnen", "Brouns", "Habets", "Pluijmen", "Lardinois", "Notermans", "Ummels", "Kurvers",
  "de Jong", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Mulder", "Bos", "Vos", "Dekker",
  "El Amrani", "Yilmaz", "Kaya", "Öztürk", "Bouzid", "Haddou", "Nowak", "Kowalski", "Popescu", "Ivanova",
  "Mahmoud", "Hassan", "Tesfaye", "Osman", "Nguyen", "Santos", "Pereira", "Rossi", "Müller", "Schmitz",
  "Lemaire", "Dubois", "Vroemen", "Moonen", "Senden", "Crombach", "Stassen", "Loo", "Gulpers", "Ortmans",
};

static const char * const streets[] = {
  "Akerstraat", "Kerkstraat", "Hoofdstraat", "Dorpstraat", "Stationsstraat", "Kloosterweg", "Geleenstraat",
  "Molenweg", "Schaesbergerweg", "Rijksweg", "Heerlerbaan", "Brugstraat", "Markt", "Pastoor Habetsstraat",
  "Mijnstraat", "Oranjestraat", "Wilhelminastraat", "Julianastraat", "Parklaan", "Veldstraat",
};

static const char * const company_parts_a[] = {
  "Limburg", "Parkstad", "Maas", "Geul", "Heuvelland", "Mijnstreek", "Zuid", "Euregio", "Kempen", "Vijlen",
  "Sint Pieter", "Anstel", "Carbon", "Schutterij", "Vlaai", "Zonnig", "Groen", "Noord", "Kasteel", "Brightlands",
};

static const char * const company_parts_b[] = {
  "Techniek", "Logistiek", "Zorggroep", "Bouw", "Schoonmaak", "Catering", "Services", "Automotive",
  "Metaal", "Groenvoorziening", "Facilitair", "Retail", "Transport", "Productie", "Klantcontact",
  "Horeca", "Installaties", "Medisch", "Recycling", "Verpakkingen",
};

static const char * const company_forms[] = { "B.V.", "B.V.", "B.V.", "V.O.F.", "", "Holding B.V." };

/* Opportunity sectors per region are drawn three times as often (seed 001). */
static const char *
draw_sector (Rng        *rng,
             const char *region)
{
  static const char * const common[] = {
    "care", "hospitality", "retail", "logistics", "manufacturing", "construction", "cleaning", "green",
    "customer_service", "technology", "business_services", "education", "government", "automotive",
    "smart_services", "medical_logistics", "leisure", "agriculture",
  };
  static const char * const parkstad[] = { "care", "smart_services", "medical_logistics" };
  static const char * const maastricht[] = { "customer_service", "manufacturing", "hospitality", "leisure" };
  static const char * const westelijke[] = { "automotive", "logistics", "technology" };

  if (rng_chance (rng, 0.45))
    {
      if (strcmp (region, "Parkstad") == 0)
        return PICK (rng, parkstad);
      if (strcmp (region, "Maastricht-Heuvelland") == 0)
        return PICK (rng, maastricht);
      return PICK (rng, westelijke);
    }
  return PICK (rng, common);
}

/* Which sector a starter occupation belongs to, by the first match on its label. */
static const char *
sector_of_occupation (const char *label)
{
  static const struct { const char *needle; const char *sector; } map[] = {
    { "medische", "medical_logistics" }, { "automotive", "automotive" }, { "magazijn", "logistics" },
    { "orderpicker", "logistics" }, { "heftruck", "logistics" }, { "chauffeur", "logistics" },
    { "pakket", "logistics" }, { "inpakker", "logistics" }, { "webwinkel", "retail" },
    { "zorg", "care" }, { "huishoud", "care" }, { "activiteit", "care" }, { "kinderopvang", "education" },
    { "onderwijs", "education" }, { "schoonma", "cleaning" }, { "glazen", "cleaning" },
    { "wasserij", "cleaning" }, { "housekeeping", "hospitality" }, { "keuken", "hospitality" },
    { "kok", "hospitality" }, { "bediening", "hospitality" }, { "bar", "hospitality" },
    { "recreatie", "leisure" }, { "kassa", "retail" }, { "vakken", "retail" }, { "verkoop", "retail" },
    { "vers", "retail" }, { "callcenter", "customer_service" }, { "klantenservice", "customer_service" },
    { "receptionist", "business_services" }, { "administratief", "business_services" },
    { "post", "business_services" }, { "document", "business_services" }, { "groen", "green" },
    { "hovenier", "green" }, { "glastuinbouw", "agriculture" }, { "dieren", "agriculture" },
    { "openbare", "government" }, { "bouw", "construction" }, { "schilder", "construction" },
    { "straten", "construction" }, { "zonnepanelen", "technology" }, { "installatie", "technology" },
    { "fiets", "retail" }, { "auto", "automotive" }, { "banden", "automotive" }, { "ict", "smart_services" },
    { "ICT", "smart_services" }, { "datalabel", "smart_services" }, { "refurbish", "smart_services" },
    { "beveilig", "business_services" }, { "facilitair", "business_services" }, { "recycling", "manufacturing" },
    { "voeding", "manufacturing" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if (strstr (label, map[i].needle) != NULL)
      return map[i].sector;
  return "manufacturing";
}

/* The generator's state */

typedef struct {
  gint64 id;
  char *label;
  const char *sector;
  GArray *essential;  /* gint64 competence ids */
  GArray *optional;
} Occupation;

typedef struct {
  gint64 id;
  const char *code;
  const Organisation *org;
  GArray *lams;          /* local account managers, gint64 */
  GArray *consultants;
  GArray *wsp_ams;
  gint64 coordinator;
} OrgState;

typedef struct {
  WbStore *store;
  const WbDemoOptions *options;
  Rng rng;
  GDate end;
  guint64 bsn_counter;
  OrgState orgs[G_N_ELEMENTS (organisations)];
  gint64 municipality_ids[G_N_ELEMENTS (municipalities)];
  double recipients[G_N_ELEMENTS (municipalities)];
  double outflow[G_N_ELEMENTS (municipalities)];
  GPtrArray *pc4s[G_N_ELEMENTS (municipalities)];  /* char * */
  GPtrArray *occupations;                            /* Occupation * */
  GArray *competences;                               /* gint64, all starter competences */
  GArray *employers;                                 /* gint64 */
  GArray *employer_municipality;                     /* guint index of municipality */
  GArray *open_vacancies;                            /* gint64 */
  GArray *clients;                                   /* gint64 */
  gint64 left_users[2];
  gint64 admin;
} Demo;

static void
occupation_free (Occupation *occupation)
{
  g_free (occupation->label);
  g_array_unref (occupation->essential);
  g_array_unref (occupation->optional);
  g_free (occupation);
}

static void
progress (Demo       *demo,
          const char *stage,
          double      fraction)
{
  if (demo->options->progress != NULL)
    demo->options->progress (stage, fraction, demo->options->progress_data);
}

/* A date @days_back days before the end of the demo period, as YYYY-MM-DD. */
static char *
date_back (Demo *demo,
           int   days_back)
{
  GDate date = demo->end;
  char text[16];

  if (days_back > 0)
    g_date_subtract_days (&date, days_back);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &date);
  return g_strdup (text);
}

static OrgState *
org_by_code (Demo       *demo,
             const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (organisations); i++)
    if (strcmp (organisations[i].code, code) == 0)
      return &demo->orgs[i];
  g_assert_not_reached ();
}

static gint64
pick_id (Rng    *rng,
         GArray *ids)
{
  g_assert (ids->len > 0);
  return g_array_index (ids, gint64, rng_range (rng, 0, ids->len - 1));
}

/* Runs a prepared statement with its bindings done by the caller; returns the new rowid. */
static gint64
insert_done (Demo          *demo,
             sqlite3_stmt  *stmt,
             GError       **error)
{
  if (!_wb_store_step_done (demo->store, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (_wb_store_get_db (demo->store));
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static void
bind_id_or_null (sqlite3_stmt *stmt,
                 int           index,
                 gint64        id)
{
  if (id > 0)
    sqlite3_bind_int64 (stmt, index, id);
  else
    sqlite3_bind_null (stmt, index);
}

/* Organisations, municipalities and users */

static gboolean
read_cbs (Demo     *demo,
          GError  **error)
{
  g_autoptr(WbCsv) csv = NULL;
  int year, name, recipients, outflow;

  for (guint m = 0; m < G_N_ELEMENTS (municipalities); m++)
    {
      demo->recipients[m] = municipalities[m].recipients;
      demo->outflow[m] = municipalities[m].outflow;
    }
  if (demo->options->cbs_path == NULL)
    return TRUE;
  csv = wb_csv_open (demo->options->cbs_path, error);
  if (csv == NULL)
    return FALSE;
  year = wb_csv_column (csv, "year");
  name = wb_csv_column (csv, "gemeente");
  recipients = wb_csv_column (csv, "bijstandsontvangers");
  outflow = wb_csv_column (csv, "uitstroom_naar_werk");
  if (year < 0 || name < 0 || recipients < 0 || outflow < 0)
    {
      g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID,
                   _("%s is not the CBS social-assistance file: it lacks year, gemeente, "
                     "bijstandsontvangers or uitstroom_naar_werk"), demo->options->cbs_path);
      return FALSE;
    }

  for (guint m = 0; m < G_N_ELEMENTS (municipalities); m++)
    demo->recipients[m] = demo->outflow[m] = 0;

  /* The latest year in the file; municipalities merged since then count into their successor. */
  while (wb_csv_next (csv, error))
    {
      const char *gemeente = wb_csv_get (csv, name);
      double r = 0, o = 0;

      if (strcmp (wb_csv_get (csv, year), "2017") != 0)
        continue;
      wb_csv_parse_number (wb_csv_get (csv, recipients), &r);
      wb_csv_parse_number (wb_csv_get (csv, outflow), &o);
      for (guint m = 0; m < G_N_ELEMENTS (municipalities); m++)
        if (strcmp (gemeente, municipalities[m].name) == 0 ||
            (strstr (gemeente, municipalities[m].name) != NULL && strstr (gemeente, "nu ") != NULL))
          {
            demo->recipients[m] += r;
            demo->outflow[m] += o;
          }
    }
  return error == NULL || *error == NULL;
}

static gboolean
create_region (Demo     *demo,
               GError  **error)
{
  sqlite3_stmt *stmt;

  for (guint m = 0; m < G_N_ELEMENTS (municipalities); m++)
    {
      stmt = _wb_store_prepare (demo->store,
                                "INSERT INTO municipalities (code, name, region, created_at, updated_at) "
                                "VALUES (?1, ?2, ?3, ?4, ?4)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, municipalities[m].code, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, municipalities[m].name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, municipalities[m].region, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, DEMO_STAMP, -1, SQLITE_STATIC);
      if ((demo->municipality_ids[m] = insert_done (demo, stmt, error)) == 0)
        return FALSE;

      /* Postcode areas of the municipality: from the imported table when there is one. */
      demo->pc4s[m] = g_ptr_array_new_with_free_func (g_free);
      stmt = _wb_store_prepare (demo->store, "SELECT pc4 FROM pc4_areas WHERE municipality = ?1 ORDER BY pc4", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, municipalities[m].name, -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (demo->pc4s[m], g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      sqlite3_reset (stmt);
      if (demo->pc4s[m]->len == 0)
        for (int pc4 = municipalities[m].pc4_from; pc4 <= municipalities[m].pc4_to; pc4++)
          g_ptr_array_add (demo->pc4s[m], g_strdup_printf ("%d", pc4));
    }

  for (guint o = 0; o < G_N_ELEMENTS (organisations); o++)
    {
      const Organisation *org = &organisations[o];
      OrgState *state = &demo->orgs[o];

      stmt = _wb_store_prepare (demo->store,
                                "INSERT INTO organisations (code, name, kind, region, created_at, updated_at) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?5)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, org->code, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, org->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, org->kind, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, org->region, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, DEMO_STAMP, -1, SQLITE_STATIC);
      state->id = insert_done (demo, stmt, error);
      if (state->id == 0)
        return FALSE;
      state->code = org->code;
      state->org = org;
      state->lams = g_array_new (FALSE, FALSE, sizeof (gint64));
      state->consultants = g_array_new (FALSE, FALSE, sizeof (gint64));
      state->wsp_ams = g_array_new (FALSE, FALSE, sizeof (gint64));

      for (guint m = 0; m < G_N_ELEMENTS (municipalities); m++)
        {
          gboolean serves;

          if (org->serves == NULL)
            serves = strcmp (org->region, "Zuid-Limburg") == 0 || strcmp (org->region, municipalities[m].region) == 0;
          else
            {
              g_auto(GStrv) names = g_strsplit (org->serves, "|", -1);
              serves = g_strv_contains ((const char * const *) names, municipalities[m].name);
            }
          if (!serves)
            continue;
          stmt = _wb_store_prepare (demo->store,
                                    "INSERT INTO organisation_municipalities (organisation_id, municipality_id) "
                                    "VALUES (?1, ?2)", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, state->id);
          sqlite3_bind_int64 (stmt, 2, demo->municipality_ids[m]);
          if (!_wb_store_step_done (demo->store, stmt, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gint64
add_user (Demo        *demo,
          OrgState    *org,
          const char  *username,
          const char  *role,
          const char  *hash,
          gboolean     active,
          GError     **error)
{
  g_autofree char *display = g_strdup_printf ("%s %s", PICK (&demo->rng, given_names), PICK (&demo->rng, family_names));
  g_autofree char *email = g_strdup_printf ("%s@demo.werkbrug.invalid", username);
  sqlite3_stmt *stmt = _wb_store_prepare (demo->store,
                                          "INSERT INTO users (organisation_id, username, display_name, role, email, "
                                          "active, left_at, password_hash, created_at, updated_at) "
                                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)", error);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, org->id);
  sqlite3_bind_text (stmt, 2, username, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, display, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, role, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, email, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 6, active);
  bind_text_or_null (stmt, 7, active ? NULL : "2026-06-30");
  sqlite3_bind_text (stmt, 8, hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, DEMO_STAMP, -1, SQLITE_STATIC);
  return insert_done (demo, stmt, error);
}

static gboolean
add_users (Demo        *demo,
           OrgState    *org,
           const char  *role,
           const char  *short_name,
           guint        count,
           GArray      *into,
           const char  *hash,
           GError     **error)
{
  for (guint n = 1; n <= count; n++)
    {
      g_autofree char *username = count == 1 && into == NULL
                                  ? g_strdup_printf ("%s.%s", org->code, short_name)
                                  : g_strdup_printf ("%s.%s%u", org->code, short_name, n);
      gint64 id = add_user (demo, org, username, role, hash, TRUE, error);

      if (id == 0)
        return FALSE;
      if (into != NULL)
        g_array_append_val (into, id);
      else if (g_str_equal (role, "coordinator"))
        org->coordinator = id;
    }
  return TRUE;
}

static gboolean
create_users (Demo     *demo,
              GError  **error)
{
  g_autofree char *hash = wb_password_hash (WB_DEMO_PASSWORD, error);

  if (hash == NULL)
    return FALSE;

  for (guint o = 0; o < G_N_ELEMENTS (organisations); o++)
    {
      OrgState *org = &demo->orgs[o];
      const char *kind = org->org->kind;

      if (org->org->owns_clients)
        {
          if (!add_users (demo, org, "account_manager_local", "lam", 2, org->lams, hash, error) ||
              !add_users (demo, org, "consultant", "consultant", 3, org->consultants, hash, error) ||
              !add_users (demo, org, "coordinator", "coordinator", 1, NULL, hash, error) ||
              !add_users (demo, org, "analyst", "analyst", 1, NULL, hash, error))
            return FALSE;
        }
      else if (strcmp (kind, "wsp") == 0)
        {
          if (!add_users (demo, org, "account_manager_wsp", "am", 3, org->wsp_ams, hash, error) ||
              !add_users (demo, org, "coordinator", "coordinator", 1, NULL, hash, error))
            return FALSE;
        }
      else if (!add_users (demo, org, "consultant", "consultant", 1, org->consultants, hash, error))
        return FALSE;
    }

  demo->admin = add_user (demo, org_by_code (demo, "wsp-zuid-limburg"), "admin", "admin", hash, TRUE, error);
  /* Two who have left and still own accounts: work for the coordinator's queue. */
  demo->left_users[0] = add_user (demo, org_by_code (demo, "isd-bol"), "isd-bol.lam3", "account_manager_local", hash, FALSE, error);
  demo->left_users[1] = add_user (demo, org_by_code (demo, "podium24"), "podium24.am4", "account_manager_wsp", hash, FALSE, error);
  return demo->admin != 0 && demo->left_users[0] != 0 && demo->left_users[1] != 0;
}

/* Taxonomy */

static gboolean
load_taxonomy (Demo     *demo,
               GError  **error)
{
  sqlite3_stmt *stmt;

  if (!wb_starter_taxonomy_load (demo->store, error))
    return FALSE;

  demo->competences = g_array_new (FALSE, FALSE, sizeof (gint64));
  stmt = _wb_store_prepare (demo->store, "SELECT id FROM competences WHERE source = 'starter' ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (demo->competences, id);
    }
  sqlite3_reset (stmt);

  demo->occupations = g_ptr_array_new_with_free_func ((GDestroyNotify) occupation_free);
  stmt = _wb_store_prepare (demo->store, "SELECT id, label_nl FROM occupations WHERE source = 'starter' ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Occupation *occupation = g_new0 (Occupation, 1);

      occupation->id = sqlite3_column_int64 (stmt, 0);
      occupation->label = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      occupation->sector = sector_of_occupation (occupation->label);
      occupation->essential = g_array_new (FALSE, FALSE, sizeof (gint64));
      occupation->optional = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_ptr_array_add (demo->occupations, occupation);
    }
  sqlite3_reset (stmt);

  for (guint i = 0; i < demo->occupations->len; i++)
    {
      Occupation *occupation = demo->occupations->pdata[i];

      stmt = _wb_store_prepare (demo->store,
                                "SELECT competence_id, essential FROM occupation_competences "
                                "WHERE occupation_id = ?1 ORDER BY competence_id", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, occupation->id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);
          g_array_append_val (sqlite3_column_int (stmt, 1) ? occupation->essential : occupation->optional, id);
        }
      sqlite3_reset (stmt);
    }
  return TRUE;
}

static Occupation *
pick_occupation (Demo       *demo,
                 const char *sector)
{
  /* Most of the time one of the sector's own occupations; otherwise any. */
  if (sector != NULL && rng_chance (&demo->rng, 0.85))
    {
      guint start = rng_range (&demo->rng, 0, demo->occupations->len - 1);

      for (guint k = 0; k < demo->occupations->len; k++)
        {
          Occupation *occupation = demo->occupations->pdata[(start + k) % demo->occupations->len];

          if (strcmp (occupation->sector, sector) == 0)
            return occupation;
        }
    }
  return demo->occupations->pdata[rng_range (&demo->rng, 0, demo->occupations->len - 1)];
}

/* Employers and vacancies */

static char *
company_name (Demo *demo)
{
  const char *form = PICK (&demo->rng, company_forms);

  return g_strdup_printf ("%s %s%s%s", PICK (&demo->rng, company_parts_a), PICK (&demo->rng, company_parts_b),
                          *form ? " " : "", form);
}

/* Clients and employers are spread over the municipalities as the social-assistance
 * recipients are (CBS). */
static guint
pick_municipality (Demo *demo)
{
  double weights[G_N_ELEMENTS (municipalities)];

  for (guint m = 0; m < G_N_ELEMENTS (municipalities); m++)
    weights[m] = demo->recipients[m] + 1;
  return rng_weighted (&demo->rng, weights, G_N_ELEMENTS (municipalities));
}

/* How a municipality's outflow to work compares with the region's: placements follow it. */
static double
outflow_factor (Demo  *demo,
                guint  m)
{
  double recipients = 0, outflow = 0;

  for (guint i = 0; i < G_N_ELEMENTS (municipalities); i++)
    {
      recipients += demo->recipients[i];
      outflow += demo->outflow[i];
    }
  if (recipients <= 0 || outflow <= 0 || demo->recipients[m] <= 0)
    return 1.0;
  return (demo->outflow[m] / demo->recipients[m]) / (outflow / recipients);
}

static const char *
pick_pc4 (Demo  *demo,
          guint  m)
{
  return demo->pc4s[m]->pdata[rng_range (&demo->rng, 0, demo->pc4s[m]->len - 1)];
}

static gboolean
create_employers (Demo     *demo,
                  guint     n,
                  GError  **error)
{
  demo->employers = g_array_new (FALSE, FALSE, sizeof (gint64));
  demo->employer_municipality = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < n; i++)
    {
      guint m = pick_municipality (demo);
      const char *region = municipalities[m].region;
      OrgState *local = org_by_code (demo, municipalities[m].owner);
      OrgState *wsp = org_by_code (demo, wsp_of_region (region));
      gboolean large = rng_chance (&demo->rng, 0.2);
      int count = large ? (rng_chance (&demo->rng, 0.8) ? rng_range (&demo->rng, 25, 120) : rng_range (&demo->rng, 121, 900))
                        : rng_range (&demo->rng, 1, 24);
      g_autofree char *kvk = g_strdup_printf ("%08u", 40000000u + i * 7u + 3u);
      g_autofree char *name = NULL;
      const char *exception = NULL;
      gint64 owner, approver = 0, id;
      g_autofree char *approved_at = NULL;
      double roll = rng_double (&demo->rng);
      sqlite3_stmt *stmt;

      /* A few duplicates: the same company entered twice under another KvK number. */
      if (i > 0 && i % 211 == 0)
        {
          g_autofree char *sql_name = NULL;
          sqlite3_stmt *prev = _wb_store_prepare (demo->store, "SELECT name FROM employers WHERE id = ?1", error);

          if (prev == NULL)
            return FALSE;
          sqlite3_bind_int64 (prev, 1, g_array_index (demo->employers, gint64, i - 1));
          if (sqlite3_step (prev) == SQLITE_ROW)
            sql_name = g_strdup ((const char *) sqlite3_column_text (prev, 0));
          sqlite3_reset (prev);
          name = g_strdup (sql_name);
        }
      else
        name = company_name (demo);

      owner = large ? pick_id (&demo->rng, wsp->wsp_ams) : pick_id (&demo->rng, local->lams);
      if (large && roll < 0.03)
        {
          /* An approved exception: a local account manager with a good way in. */
          owner = pick_id (&demo->rng, local->lams);
          exception = "Goede ingang: jarenlange relatie van de lokale accountmanager met de eigenaar";
          approver = wsp->coordinator;
          approved_at = date_back (demo, rng_range (&demo->rng, 30, 700));
        }
      else if (roll > 0.99)
        owner = large ? pick_id (&demo->rng, local->lams) : pick_id (&demo->rng, wsp->wsp_ams);
      if (i % 400 == 7)
        owner = demo->left_users[(i / 400) % 2];

      stmt = _wb_store_prepare (demo->store,
                                "INSERT INTO employers (kvk, name, sector, employee_count, pc4, municipality_id, owner_id, "
                                "exception_reason, exception_approved_by, exception_approved_at, arrangement, learn_work, "
                                "active, created_at, updated_at) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 1, ?13, ?13)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, kvk, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, draw_sector (&demo->rng, region), -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 4, count);
      sqlite3_bind_text (stmt, 5, pick_pc4 (demo, m), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 6, demo->municipality_ids[m]);
      sqlite3_bind_int64 (stmt, 7, owner);
      bind_text_or_null (stmt, 8, exception);
      bind_id_or_null (stmt, 9, approver);
      bind_text_or_null (stmt, 10, approved_at);
      sqlite3_bind_int (stmt, 11, rng_chance (&demo->rng, 0.08));
      sqlite3_bind_int (stmt, 12, rng_chance (&demo->rng, 0.12));
      sqlite3_bind_text (stmt, 13, DEMO_STAMP, -1, SQLITE_STATIC);
      id = insert_done (demo, stmt, error);
      if (id == 0)
        return FALSE;
      g_array_append_val (demo->employers, id);
      g_array_append_val (demo->employer_municipality, m);

      /* Contact persons and the contact log; some accounts have gone quiet. */
      for (int c = rng_range (&demo->rng, 1, 2); c > 0; c--)
        {
          g_autofree char *person = g_strdup_printf ("%s %s", PICK (&demo->rng, given_names), PICK (&demo->rng, family_names));
          static const char * const functions[] = { "HR-adviseur", "Eigenaar", "Bedrijfsleider", "Teamleider", "Office manager" };

          stmt = _wb_store_prepare (demo->store,
                                    "INSERT INTO employer_contacts (employer_id, name, function, email, phone, created_at, updated_at) "
                                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, id);
          sqlite3_bind_text (stmt, 2, person, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 3, PICK (&demo->rng, functions), -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 4, "contact@example.invalid", -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 5, "045-0000000", -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 6, DEMO_STAMP, -1, SQLITE_STATIC);
          if (insert_done (demo, stmt, error) == 0)
            return FALSE;
        }

      {
        gboolean dormant = rng_chance (&demo->rng, 0.15);
        g_autofree char *last = NULL;

        for (int c = rng_range (&demo->rng, 0, 5); c > 0; c--)
          {
            static const char * const kinds[] = { "visit", "call", "mail" };
            static const char * const notes[] = {
              "Kennismaking en wervingsbehoefte besproken", "Vacature voor orderpickers doorgenomen",
              "Kandidaat voorgesteld", "Nazorg na plaatsing", "Mogelijkheden voor jobcarving verkend",
              "Leerwerktraject besproken", "Telefonisch contact over openstaande vacature",
            };
            g_autofree char *date = date_back (demo, dormant ? rng_range (&demo->rng, 200, 900) : rng_range (&demo->rng, 0, 500));

            stmt = _wb_store_prepare (demo->store,
                                      "INSERT INTO contact_log (employer_id, user_id, organisation_id, date, kind, note, created_at) "
                                      "VALUES (?1, ?2, (SELECT organisation_id FROM users WHERE id = ?2), ?3, ?4, ?5, ?6)",
                                      error);
            if (stmt == NULL)
              return FALSE;
            sqlite3_bind_int64 (stmt, 1, id);
            sqlite3_bind_int64 (stmt, 2, owner);
            sqlite3_bind_text (stmt, 3, date, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text (stmt, 4, PICK (&demo->rng, kinds), -1, SQLITE_STATIC);
            sqlite3_bind_text (stmt, 5, PICK (&demo->rng, notes), -1, SQLITE_STATIC);
            sqlite3_bind_text (stmt, 6, DEMO_STAMP, -1, SQLITE_STATIC);
            if (insert_done (demo, stmt, error) == 0)
              return FALSE;
            if (last == NULL || strcmp (date, last) > 0)
              {
                g_free (last);
                last = g_strdup (date);
              }
          }
        if (last != NULL)
          {
            stmt = _wb_store_prepare (demo->store, "UPDATE employers SET last_contact = ?2 WHERE id = ?1", error);
            if (stmt == NULL)
              return FALSE;
            sqlite3_bind_int64 (stmt, 1, id);
            sqlite3_bind_text (stmt, 2, last, -1, SQLITE_TRANSIENT);
            if (!_wb_store_step_done (demo->store, stmt, error))
              return FALSE;
          }
      }
      if (i % 256 == 0)
        progress (demo, _("Employers"), (double) i / n);
    }
  return TRUE;
}

static gboolean
create_vacancies (Demo     *demo,
                  guint     n,
                  GError  **error)
{
  static const char * const contracts[] = { "temporary", "temporary", "permanent", "on_call", "work_experience" };
  static const char * const levels[] = { "none", "vmbo", "mbo1", "mbo2", "mbo2", "mbo3", "mbo4" };

  demo->open_vacancies = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < n; i++)
    {
      guint e = rng_range (&demo->rng, 0, demo->employers->len - 1);
      gint64 employer = g_array_index (demo->employers, gint64, e);
      guint m = g_array_index (demo->employer_municipality, guint, e);
      const char *sector = draw_sector (&demo->rng, municipalities[m].region);
      Occupation *occupation = pick_occupation (demo, sector);
      double roll = rng_double (&demo->rng);
      const char *status = roll < 0.7 ? "open" : roll < 0.9 ? "filled" : "closed";
      int opened_back = g_str_equal (status, "open") ? rng_range (&demo->rng, 0, 120) : rng_range (&demo->rng, 60, 900);
      g_autofree char *opened = date_back (demo, opened_back);
      g_autofree char *closes = date_back (demo, opened_back - rng_range (&demo->rng, 30, 90));
      OrgState *wsp = org_by_code (demo, wsp_of_region (municipalities[m].region));
      gint64 creator = pick_id (&demo->rng, wsp->wsp_ams);
      sqlite3_stmt *stmt;
      gint64 id;

      stmt = _wb_store_prepare (demo->store,
                                "INSERT INTO vacancies (employer_id, title, occupation_id, sector, education_level, hours, "
                                "contract, pc4, licence_required, positions, opened_at, closes_at, status, job_carving, "
                                "wage_cost_subsidy, description, created_by, organisation_id, created_at, updated_at) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, (SELECT pc4 FROM employers WHERE id = ?1), ?8, ?9, "
                                "?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?18)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, employer);
      sqlite3_bind_text (stmt, 2, occupation->label, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, occupation->id);
      sqlite3_bind_text (stmt, 4, occupation->sector, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, PICK (&demo->rng, levels), -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 6, rng_range (&demo->rng, 4, 8) * 4);
      sqlite3_bind_text (stmt, 7, PICK (&demo->rng, contracts), -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 8, strstr (occupation->label, "chauffeur") != NULL || rng_chance (&demo->rng, 0.1));
      sqlite3_bind_int (stmt, 9, rng_chance (&demo->rng, 0.8) ? 1 : rng_range (&demo->rng, 2, 6));
      sqlite3_bind_text (stmt, 10, opened, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 11, closes, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 12, status, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 13, rng_chance (&demo->rng, 0.15));
      sqlite3_bind_int (stmt, 14, rng_chance (&demo->rng, 0.25));
      sqlite3_bind_text (stmt, 15, "Synthetische demovacature.", -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 16, creator);
      sqlite3_bind_int64 (stmt, 17, wsp->id);
      sqlite3_bind_text (stmt, 18, DEMO_STAMP, -1, SQLITE_STATIC);
      id = insert_done (demo, stmt, error);
      if (id == 0)
        return FALSE;
      if (g_str_equal (status, "open"))
        g_array_append_val (demo->open_vacancies, id);

      /* The required competences: the occupation's essential ones, some optional ones. */
      for (guint pass = 0; pass < 2; pass++)
        {
          GArray *from = pass == 0 ? occupation->essential : occupation->optional;

          for (guint c = 0; c < from->len; c++)
            {
              if (pass == 1 && !rng_chance (&demo->rng, 0.6))
                continue;
              stmt = _wb_store_prepare (demo->store,
                                        "INSERT OR IGNORE INTO vacancy_competences (vacancy_id, competence_id, level, essential) "
                                        "VALUES (?1, ?2, ?3, ?4)", error);
              if (stmt == NULL)
                return FALSE;
              sqlite3_bind_int64 (stmt, 1, id);
              sqlite3_bind_int64 (stmt, 2, g_array_index (from, gint64, c));
              sqlite3_bind_int (stmt, 3, rng_range (&demo->rng, 2, 4));
              sqlite3_bind_int (stmt, 4, pass == 0);
              if (!_wb_store_step_done (demo->store, stmt, error))
                return FALSE;
            }
        }
    }
  return TRUE;
}

/* Clients, their diagnoses and their timelines */

static char *
next_bsn (Demo *demo)
{
  /* Consecutive numbers from a fictional range, each completed with the digit that makes
   * the eleven-test hold; prefixes for which that digit would be 10 are skipped. */
  while (TRUE)
    {
      guint64 prefix = 69000000 + demo->bsn_counter++;
      char digits[10];
      int sum = 0, check;

      g_snprintf (digits, sizeof digits, "%08" G_GUINT64_FORMAT, prefix);
      for (int i = 0; i < 8; i++)
        sum += (9 - i) * (digits[i] - '0');
      check = sum % 11;
      if (check == 10)
        continue;
      return g_strdup_printf ("%s%d", digits, check);
    }
}

typedef struct {
  const char *kind;
  char *date;
  const char *instrument;
  gint64 employer;
  gint64 vacancy;
  int hours;
  const char *contract;
  const char *outflow_type;
  gint64 addressed_to;
  const char *reason;
  const char *note;
} Event;

static gboolean
insert_event (Demo     *demo,
              gint64    client,
              gint64    organisation,
              gint64    author,
              Event    *event,
              GError  **error)
{
  sqlite3_stmt *stmt = _wb_store_prepare (demo->store,
                                          "INSERT INTO events (client_id, kind, date, organisation_id, author_id, employer_id, "
                                          "vacancy_id, instrument, hours, contract, outflow_type, addressed_to, reason, note, "
                                          "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
                                          error);
  gboolean ok;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, client);
  sqlite3_bind_text (stmt, 2, event->kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, event->date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, organisation);
  bind_id_or_null (stmt, 5, author);
  bind_id_or_null (stmt, 6, event->employer);
  bind_id_or_null (stmt, 7, event->vacancy);
  bind_text_or_null (stmt, 8, event->instrument);
  if (event->hours > 0)
    sqlite3_bind_int (stmt, 9, event->hours);
  bind_text_or_null (stmt, 10, event->contract);
  bind_text_or_null (stmt, 11, event->outflow_type);
  bind_id_or_null (stmt, 12, event->addressed_to);
  bind_text_or_null (stmt, 13, event->reason);
  bind_text_or_null (stmt, 14, event->note);
  sqlite3_bind_text (stmt, 15, DEMO_STAMP, -1, SQLITE_STATIC);
  ok = _wb_store_step_done (demo->store, stmt, error);
  g_clear_pointer (&event->date, g_free);
  return ok;
}

static gboolean
insert_diagnosis (Demo        *demo,
                  gint64       client,
                  gint64       author,
                  int          days_back,
                  Occupation  *experience,
                  char       **date_out,
                  GError     **error)
{
  static const char * const sources[] = { "competensys", "competensys", "intake", "practical_diagnosis" };
  static const char * const evidence[] = { "education", "work", "practical" };
  g_autofree char *date = date_back (demo, days_back);
  g_autoptr(GHashTable) chosen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  gint64 diagnosis;
  int n = rng_range (&demo->rng, 5, 12);

  stmt = _wb_store_prepare (demo->store,
                            "INSERT INTO diagnoses (client_id, date, source, author_id, created_at) "
                            "VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, client);
  sqlite3_bind_text (stmt, 2, date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, PICK (&demo->rng, sources), -1, SQLITE_STATIC);
  bind_id_or_null (stmt, 4, author);
  sqlite3_bind_text (stmt, 5, DEMO_STAMP, -1, SQLITE_STATIC);
  diagnosis = insert_done (demo, stmt, error);
  if (diagnosis == 0)
    return FALSE;

  /* Competences that fit the work the client has done, and some of anything else. */
  if (experience != NULL)
    for (guint c = 0; c < experience->essential->len && (int) ids->len < n; c++)
      if (rng_chance (&demo->rng, 0.75))
        g_array_append_val (ids, g_array_index (experience->essential, gint64, c));
  while ((int) ids->len < n)
    {
      gint64 id = pick_id (&demo->rng, demo->competences);
      g_array_append_val (ids, id);
    }

  for (guint c = 0; c < ids->len; c++)
    {
      gint64 id = g_array_index (ids, gint64, c);

      if (g_hash_table_contains (chosen, &g_array_index (ids, gint64, c)))
        continue;
      g_hash_table_add (chosen, &g_array_index (ids, gint64, c));
      stmt = _wb_store_prepare (demo->store,
                                "INSERT INTO diagnosis_competences (diagnosis_id, competence_id, level, evidence) "
                                "VALUES (?1, ?2, ?3, ?4)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, diagnosis);
      sqlite3_bind_int64 (stmt, 2, id);
      sqlite3_bind_int (stmt, 3, rng_range (&demo->rng, 1, 5));
      sqlite3_bind_text (stmt, 4, PICK (&demo->rng, evidence), -1, SQLITE_STATIC);
      if (!_wb_store_step_done (demo->store, stmt, error))
        return FALSE;
    }
  *date_out = g_steal_pointer (&date);
  return TRUE;
}

static gboolean
create_client (Demo     *demo,
               guint     index,
               GError  **error)
{
  static const char * const groups[] = {
    "participatiewet", "ww", "wajong", "wia", "wsw", "nieuw_beschut", "statushouder", "school_leaver",
    "doelgroepregister", "nugger",
  };
  static const double group_weights[] = { 55, 12, 7, 5, 3, 2, 7, 3, 4, 2 };
  static const char * const education[] = { "none", "primary", "vmbo", "mbo1", "mbo2", "mbo3", "mbo4", "havo_vwo", "hbo", "wo" };
  static const double education_weights[] = { 6, 10, 20, 14, 22, 12, 8, 4, 3, 1 };
  static const char * const language[] = { "below_a1", "a1", "a2", "b1", "b2", "c1", "native" };
  static const double language_weights[] = { 3, 6, 12, 18, 10, 3, 48 };
  static const char * const transport[] = { "none", "walking", "bicycle", "public_transport", "scooter", "car" };
  static const double transport_weights[] = { 4, 6, 22, 38, 6, 24 };
  static const char * const levels[] = { "low", "medium", "high" };
  static const char * const barrier_list[] = { "schulden", "gezondheid", "kinderopvang", "taal", "vervoer", "huisvesting" };
  static const char * const instruments[] = {
    "language_training", "empowerment", "job_application_training", "work_experience_place", "participation_place",
    "learn_work_track", "training", "trial_placement", "jobcoaching",
  };
  static const char * const outflow_reasons[] = { "werk", "werk", "werk", "verhuizing", "opleiding", "overig" };

  guint m = pick_municipality (demo);
  OrgState *org = org_by_code (demo, municipalities[m].owner);
  OrgState *wsp = org_by_code (demo, wsp_of_region (municipalities[m].region));
  const char *pc4 = pick_pc4 (demo, m);
  g_autofree char *bsn = next_bsn (demo);
  g_autofree char *postcode = g_strdup_printf ("%s %c%c", pc4, 'A' + rng_range (&demo->rng, 0, 25), 'A' + rng_range (&demo->rng, 0, 25));
  g_autofree char *house = g_strdup_printf ("%d", rng_range (&demo->rng, 1, 180));
  g_autofree char *email = NULL;
  const char *given = PICK (&demo->rng, given_names);
  const char *family = PICK (&demo->rng, family_names);
  int age = rng_range (&demo->rng, 18, 66);
  int capacity_roll = rng_range (&demo->rng, 0, 99);
  int capacity = capacity_roll < 12 ? rng_range (&demo->rng, 10, 29)
               : capacity_roll < 70 ? rng_range (&demo->rng, 30, 79) : rng_range (&demo->rng, 80, 100);
  gboolean ready = capacity >= 80;
  int inflow_back = rng_range (&demo->rng, 0, 5 * 365);
  const char *group = groups[rng_weighted (&demo->rng, group_weights, G_N_ELEMENTS (group_weights))];
  const char *transport_mode = transport[rng_weighted (&demo->rng, transport_weights, G_N_ELEMENTS (transport_weights))];
  g_autoptr(JsonArray) barriers = json_array_new ();
  g_autoptr(JsonNode) barriers_node = NULL;
  g_autofree char *barriers_text = NULL;
  g_autofree char *benefit = date_back (demo, inflow_back + rng_range (&demo->rng, 0, 60));
  gint64 consultant = pick_id (&demo->rng, org->consultants);
  gint64 wsp_am = ready && rng_chance (&demo->rng, 0.6) ? pick_id (&demo->rng, wsp->wsp_ams) : 0;
  Occupation *experience = rng_chance (&demo->rng, 0.8) ? pick_occupation (demo, NULL) : NULL;
  g_autofree char *diagnosis_date = NULL;
  g_autofree char *last_activity = NULL;
  const char *phase, *track, *status = "active";
  gboolean placed = FALSE, returned = FALSE, outflow = FALSE;
  sqlite3_stmt *stmt;
  gint64 client;
  Event event = { 0 };
  double diagnosis_roll = rng_double (&demo->rng);

  for (guint b = 0; b < G_N_ELEMENTS (barrier_list); b++)
    if (rng_chance (&demo->rng, capacity < 50 ? 0.25 : 0.08))
      json_array_add_string_element (barriers, barrier_list[b]);
  barriers_node = json_node_init_array (json_node_alloc (), barriers);
  barriers_text = json_to_string (barriers_node, FALSE);

  /* Where the client is on the path. */
  if (rng_chance (&demo->rng, (ready ? 0.35 : 0.12) * outflow_factor (demo, m)))
    {
      placed = TRUE;
      returned = rng_chance (&demo->rng, 0.2);
      outflow = !returned && rng_chance (&demo->rng, 0.7);
    }
  if (outflow)
    {
      phase = "outflow";
      status = "outflow";
    }
  else if (placed && !returned)
    phase = "after_care";
  else if (ready)
    phase = rng_chance (&demo->rng, 0.6) ? "work_ready" : "development";
  else
    {
      static const char * const early[] = { "intake", "diagnosis", "activation", "development" };
      phase = PICK (&demo->rng, early);
    }
  track = ready ? "plaatsing" : "activering";
  email = g_strdup_printf ("%s.%u@demo.werkbrug.invalid", given, index);

  stmt = _wb_store_prepare (demo->store,
                            "INSERT INTO clients (organisation_id, municipality_id, given_name, family_name, bsn, street, "
                            "house_number, postcode, city, phone, email, pc4, birth_year, client_group, benefit_start, "
                            "education_level, language_level, driving_licence, transport, max_travel_km, hours_available, "
                            "work_capacity, learning_ability, motivation, development_potential, barriers, phase, track, "
                            "case_manager_id, wsp_account_manager_id, in_pool, status, created_at, updated_at) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, "
                            "?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?33)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, org->id);
  sqlite3_bind_int64 (stmt, 2, demo->municipality_ids[m]);
  sqlite3_bind_text (stmt, 3, given, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, family, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, bsn, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, PICK (&demo->rng, streets), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, house, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, postcode, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, municipalities[m].name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, "06-00000000", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, email, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 12, pc4, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 13, DEMO_END_YEAR - age);
  sqlite3_bind_text (stmt, 14, group, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 15, benefit, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 16, education[rng_weighted (&demo->rng, education_weights, G_N_ELEMENTS (education_weights))], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 17, language[rng_weighted (&demo->rng, language_weights, G_N_ELEMENTS (language_weights))], -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 18, g_str_equal (transport_mode, "car") || rng_chance (&demo->rng, 0.2));
  sqlite3_bind_text (stmt, 19, transport_mode, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 20, g_str_equal (transport_mode, "car") ? rng_range (&demo->rng, 15, 50) : rng_range (&demo->rng, 3, 20));
  sqlite3_bind_int (stmt, 21, rng_range (&demo->rng, 3, 10) * 4);
  sqlite3_bind_int (stmt, 22, capacity);
  sqlite3_bind_text (stmt, 23, PICK (&demo->rng, levels), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 24, PICK (&demo->rng, levels), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 25, PICK (&demo->rng, levels), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 26, barriers_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 27, phase, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 28, track, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 29, consultant);
  bind_id_or_null (stmt, 30, wsp_am);
  sqlite3_bind_int (stmt, 31, ready && !outflow && rng_chance (&demo->rng, 0.15));
  sqlite3_bind_text (stmt, 32, status, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 33, DEMO_STAMP, -1, SQLITE_STATIC);
  client = insert_done (demo, stmt, error);
  if (client == 0)
    return FALSE;
  g_array_append_val (demo->clients, client);

  /* Work experience and sector preferences */
  if (experience != NULL)
    {
      stmt = _wb_store_prepare (demo->store,
                                "INSERT INTO work_experience (client_id, occupation_id, years) VALUES (?1, ?2, ?3)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, client);
      sqlite3_bind_int64 (stmt, 2, experience->id);
      sqlite3_bind_double (stmt, 3, rng_range (&demo->rng, 1, 30) / 2.0);
      if (!_wb_store_step_done (demo->store, stmt, error))
        return FALSE;

      stmt = _wb_store_prepare (demo->store,
                                "INSERT OR IGNORE INTO sector_preferences (client_id, sector) VALUES (?1, ?2)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, client);
      sqlite3_bind_text (stmt, 2, experience->sector, -1, SQLITE_STATIC);
      if (!_wb_store_step_done (demo->store, stmt, error))
        return FALSE;
    }

  /* The timeline: intake first, then what followed, never after the end of the period. */
  event = (Event) { .kind = "intake", .date = date_back (demo, inflow_back), .note = "Intakegesprek" };
  if (!insert_event (demo, client, org->id, consultant, &event, error))
    return FALSE;

  /* About 10 % without a diagnosis; of those with one, about 15 % older than a year. */
  if (diagnosis_roll >= 0.10)
    {
      int days = inflow_back - rng_range (&demo->rng, 7, 60);
      gboolean stale = diagnosis_roll > 0.865;

      if (days < 0)
        days = 0;
      if (stale && days < 380)
        days = rng_range (&demo->rng, 380, 900);
      if (!stale && days > 360)
        days = rng_range (&demo->rng, 0, 360);
      if (!insert_diagnosis (demo, client, consultant, days, experience, &diagnosis_date, error))
        return FALSE;
      event = (Event) { .kind = "diagnosis", .date = g_strdup (diagnosis_date), .note = "Competentiediagnose" };
      if (!insert_event (demo, client, org->id, consultant, &event, error))
        return FALSE;
      if (stale && rng_chance (&demo->rng, 0.4))
        {
          event = (Event) { .kind = "diagnosis_signal", .date = date_back (demo, rng_range (&demo->rng, 0, 60)),
                            .addressed_to = org->id, .reason = "Diagnose ouder dan 12 maanden" };
          if (!insert_event (demo, client, wsp->id, wsp_am, &event, error))
            return FALSE;
        }
    }

  if (inflow_back > 30)
    {
      int start = inflow_back - rng_range (&demo->rng, 20, MIN (inflow_back, 120));

      event = (Event) { .kind = "track_start", .date = date_back (demo, start), .instrument = PICK (&demo->rng, instruments) };
      if (!insert_event (demo, client, org->id, consultant, &event, error))
        return FALSE;
      if (start > 90)
        {
          event = (Event) { .kind = "track_end", .date = date_back (demo, start - rng_range (&demo->rng, 30, 90)) };
          if (!insert_event (demo, client, org->id, consultant, &event, error))
            return FALSE;
        }
    }

  if (wsp_am > 0)
    {
      event = (Event) { .kind = "referral_wsp", .date = date_back (demo, MAX (0, inflow_back - rng_range (&demo->rng, 30, 200))),
                        .addressed_to = wsp->id, .note = "Doorgemeld aan het WSP" };
      if (!insert_event (demo, client, org->id, consultant, &event, error))
        return FALSE;
    }

  if (placed && inflow_back > 60)
    {
      int when = rng_range (&demo->rng, 0, inflow_back - 60);
      guint e = rng_range (&demo->rng, 0, demo->employers->len - 1);
      static const char * const contract[] = { "temporary", "permanent", "on_call", "secondment" };

      event = (Event) { .kind = "placement", .date = date_back (demo, when),
                        .employer = g_array_index (demo->employers, gint64, e),
                        .hours = rng_range (&demo->rng, 4, 9) * 4, .contract = PICK (&demo->rng, contract),
                        .outflow_type = rng_chance (&demo->rng, 0.6) ? "full" : "partial" };
      if (!insert_event (demo, client, wsp->id, wsp_am, &event, error))
        return FALSE;
      event = (Event) { .kind = "after_care", .date = date_back (demo, MAX (0, when - 30)), .instrument = "after_care_coach" };
      if (!insert_event (demo, client, org->id, consultant, &event, error))
        return FALSE;
      if (returned && when > 90)
        {
          event = (Event) { .kind = "return_to_benefit", .date = date_back (demo, when - rng_range (&demo->rng, 30, 90)),
                            .reason = "Contract niet verlengd" };
          if (!insert_event (demo, client, org->id, consultant, &event, error))
            return FALSE;
        }
      else if (outflow)
        {
          event = (Event) { .kind = "outflow", .date = date_back (demo, MAX (0, when - 7)),
                            .reason = PICK (&demo->rng, outflow_reasons), .outflow_type = "full" };
          if (!insert_event (demo, client, org->id, consultant, &event, error))
            return FALSE;
        }
    }

  stmt = _wb_store_prepare (demo->store,
                            "UPDATE clients SET last_activity = (SELECT max (date) FROM events WHERE client_id = ?1), "
                            "diagnosis_date = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, client);
  bind_text_or_null (stmt, 2, diagnosis_date);
  return _wb_store_step_done (demo->store, stmt, error);
}

/* Matches, targets and action points */

static gboolean
create_matches (Demo     *demo,
                GError  **error)
{
  static const char * const states[] = { "suggested", "shortlisted", "proposed", "interview", "placed", "rejected", "withdrawn" };
  guint n = MIN (300u, demo->open_vacancies->len * 2);

  for (guint i = 0; i < n && demo->clients->len > 0; i++)
    {
      const char *state = PICK (&demo->rng, states);
      sqlite3_stmt *stmt = _wb_store_prepare (demo->store,
                                              "INSERT OR IGNORE INTO matches (vacancy_id, client_id, state, score, reject_reason, "
                                              "proposed_by, organisation_id, created_at, updated_at) "
                                              "SELECT ?1, ?2, ?3, ?4, ?5, v.created_by, v.organisation_id, ?6, ?6 "
                                              "FROM vacancies v WHERE v.id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, pick_id (&demo->rng, demo->open_vacancies));
      sqlite3_bind_int64 (stmt, 2, pick_id (&demo->rng, demo->clients));
      sqlite3_bind_text (stmt, 3, state, -1, SQLITE_STATIC);
      sqlite3_bind_double (stmt, 4, rng_range (&demo->rng, 40, 95) / 100.0);
      bind_text_or_null (stmt, 5, g_str_equal (state, "rejected") ? "Werkgever koos een andere kandidaat" : NULL);
      sqlite3_bind_text (stmt, 6, DEMO_STAMP, -1, SQLITE_STATIC);
      if (!_wb_store_step_done (demo->store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_target (Demo        *demo,
            const char  *metric,
            const char  *level,
            const char  *key,
            const char  *period,
            int          value,
            GError     **error)
{
  sqlite3_stmt *stmt = _wb_store_prepare (demo->store,
                                          "INSERT INTO targets (metric, level, level_key, period, value, created_at, updated_at) "
                                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, metric, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, level, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, period, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, value);
  sqlite3_bind_text (stmt, 6, DEMO_STAMP, -1, SQLITE_STATIC);
  return _wb_store_step_done (demo->store, stmt, error);
}

static gboolean
create_targets_and_actions (Demo     *demo,
                            GError  **error)
{
  /* Maastricht-Heuvelland's work plan 2018–2021 (seed 002). */
  static const int activated[] = { 125, 185, 375 };
  static const int outflow[] = { 30, 120, 165, 60 };
  static const char * const regions[] = { "Parkstad", "Maastricht-Heuvelland", "Westelijke Mijnstreek" };
  static const char * const actions[] = {
    "Afspraken over doormelding naar het WSP aanscherpen",
    "Casus bespreken: werkgever benaderd door drie partijen",
    "Accountlijst Parkstad nalopen op vertrokken accountmanagers",
    "Diagnoses ouder dan 12 maanden actualiseren",
    "Jobcarving-mogelijkheden in de zorg inventariseren",
    "Nazorg na plaatsing evalueren met werkgevers",
    "Kandidatenpool werkfit aanvullen vanuit nieuwe instroom",
    "Leerwerktrajecten logistiek afstemmen met MTB",
  };

  for (guint y = 0; y < G_N_ELEMENTS (activated); y++)
    {
      g_autofree char *period = g_strdup_printf ("%u", 2018 + y);
      if (!add_target (demo, "activated", "region", "Maastricht-Heuvelland", period, activated[y], error))
        return FALSE;
    }
  for (guint y = 0; y < G_N_ELEMENTS (outflow); y++)
    {
      g_autofree char *period = g_strdup_printf ("%u", 2018 + y);
      if (!add_target (demo, "outflow", "region", "Maastricht-Heuvelland", period, outflow[y], error))
        return FALSE;
    }
  for (guint r = 0; r < G_N_ELEMENTS (regions); r++)
    for (int year = 2024; year <= 2026; year++)
      {
        g_autofree char *period = g_strdup_printf ("%d", year);
        int base = r == 0 ? 420 : r == 1 ? 360 : 260;

        if (!add_target (demo, "placements", "region", regions[r], period, base + (year - 2024) * 20, error) ||
            !add_target (demo, "durable_placements", "region", regions[r], period, base * 6 / 10, error))
          return FALSE;
      }

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      OrgState *org = &demo->orgs[rng_range (&demo->rng, 0, G_N_ELEMENTS (organisations) - 1)];
      gint64 owner = org->coordinator > 0 ? org->coordinator : demo->admin;
      g_autofree char *due = date_back (demo, -rng_range (&demo->rng, 10, 60));
      sqlite3_stmt *stmt = _wb_store_prepare (demo->store,
                                              "INSERT INTO action_points (text, owner_id, due_date, status, quarter, "
                                              "organisation_id, created_at, updated_at) "
                                              "VALUES (?1, ?2, ?3, ?4, ?5, (SELECT organisation_id FROM users WHERE id = ?2), ?6, ?6)",
                                              error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, actions[i], -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, owner);
      sqlite3_bind_text (stmt, 3, due, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, i < 2 ? "done" : "open", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, DEMO_QUARTER, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, DEMO_STAMP, -1, SQLITE_STATIC);
      if (!_wb_store_step_done (demo->store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static void
demo_clear (Demo *demo)
{
  for (guint o = 0; o < G_N_ELEMENTS (organisations); o++)
    {
      g_clear_pointer (&demo->orgs[o].lams, g_array_unref);
      g_clear_pointer (&demo->orgs[o].consultants, g_array_unref);
      g_clear_pointer (&demo->orgs[o].wsp_ams, g_array_unref);
    }
  for (guint m = 0; m < G_N_ELEMENTS (municipalities); m++)
    g_clear_pointer (&demo->pc4s[m], g_ptr_array_unref);
  g_clear_pointer (&demo->occupations, g_ptr_array_unref);
  g_clear_pointer (&demo->competences, g_array_unref);
  g_clear_pointer (&demo->employers, g_array_unref);
  g_clear_pointer (&demo->employer_municipality, g_array_unref);
  g_clear_pointer (&demo->open_vacancies, g_array_unref);
  g_clear_pointer (&demo->clients, g_array_unref);
}

gboolean
wb_demo_generate (WbStore              *store,
                  const WbDemoOptions  *options,
                  GError              **error)
{
  Demo demo = { 0 };
  guint n_clients, n_employers, n_vacancies;
  gboolean ok;

  g_return_val_if_fail (WB_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  if (wb_store_count (store, "clients") > 0 || wb_store_count (store, "organisations") > 0)
    {
      g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_CONFLICT,
                   _("The database %s already holds data; demo data goes into an empty one"),
                   wb_store_get_path (store));
      return FALSE;
    }

  n_clients = options->n_clients > 0 ? options->n_clients : 20000;
  n_employers = options->n_employers > 0 ? options->n_employers : MAX (200u, n_clients / 5);
  n_vacancies = options->n_vacancies > 0 ? options->n_vacancies : MAX (50u, n_clients * 3 / 40);

  demo.store = store;
  demo.options = options;
  rng_init (&demo.rng, options->seed);
  g_date_set_dmy (&demo.end, DEMO_END_DAY, DEMO_END_MONTH, DEMO_END_YEAR);
  demo.clients = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_clients);

  if (!read_cbs (&demo, error))
    {
      demo_clear (&demo);
      return FALSE;
    }

  /* One transaction: the demo appears whole or not at all. */
  if (!wb_store_begin (store, error))
    {
      demo_clear (&demo);
      return FALSE;
    }

  progress (&demo, _("Organisations"), 0.0);
  ok = load_taxonomy (&demo, error) &&
       create_region (&demo, error) &&
       create_users (&demo, error) &&
       create_employers (&demo, n_employers, error) &&
       create_vacancies (&demo, n_vacancies, error);

  for (guint i = 0; ok && i < n_clients; i++)
    {
      ok = create_client (&demo, i, error);
      if (i % 512 == 0)
        progress (&demo, _("Clients"), (double) i / n_clients);
    }

  ok = ok && create_matches (&demo, error) && create_targets_and_actions (&demo, error);
  if (ok)
    ok = wb_store_commit (store, error);
  else
    wb_store_rollback (store);

  if (ok)
    progress (&demo, _("Done"), 1.0);
  demo_clear (&demo);
  return ok;
}
